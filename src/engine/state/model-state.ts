/**
 * ModelState: one model as a migration history describes it — unbound fields by name, Meta
 * options as written (indexes/constraints always present), bases and managers.
 *
 * ModelStates are treated as immutable once they are in a ProjectState: ProjectState's mutators
 * replace a model's state with a modified clone, so cloning a ProjectState is cheap.
 */
import {
  KeyError,
  PyClass,
  PyException,
  PyList,
  PyObject,
  call,
  newException,
  getattrOpt,
  truthy,
  PySet,
  PyTuple,
  type PyValue,
  ValueError,
  pyError,
  toArray,
} from '../python/objects.ts';
import { Field } from './fields/field.ts';
import { ManyToManyField } from './fields/related.ts';
import type { Constraint } from './constraints.ts';
import type { Index } from './indexes.ts';
import type { ModelMeta } from './meta.ts';

/** A base of a ModelState: a lower-cased model label ('shop.place') or a Python class (models.Model, a mixin). */
export type ModelBase = string | PyClass;

export class ModelState {
  appLabel: string;
  name: string;
  fields: Map<string, Field>;
  options: Map<string, PyValue>;
  bases: ModelBase[];
  managers: [string, PyValue][];

  constructor(
    appLabel: string,
    name: string,
    fields: Iterable<[string, Field]>,
    options?: Map<string, PyValue>,
    bases?: ModelBase[],
    managers?: [string, PyValue][],
  ) {
    this.appLabel = appLabel;
    this.name = name;
    this.fields = new Map(fields);
    this.options = options ? new Map(options) : new Map();
    if (!this.options.has('indexes')) this.options.set('indexes', new PyList([]));
    if (!this.options.has('constraints')) this.options.set('constraints', new PyList([]));
    this.bases = bases ?? [];
    this.managers = managers ?? [];
    for (const index of this.indexes) {
      if (!index.name) {
        throw pyError(ValueError, `Indexes passed to ModelState require a name attribute. ${index.nativeRepr()} doesn't have one.`);
      }
    }
  }

  get nameLower(): string {
    return this.name.toLowerCase();
  }
  get key(): string {
    return `${this.appLabel}.${this.nameLower}`;
  }

  get indexes(): Index[] {
    return toArray(this.options.get('indexes')!) as unknown as Index[];
  }
  get constraints(): Constraint[] {
    return toArray(this.options.get('constraints')!) as unknown as Constraint[];
  }

  getField(name: string): Field {
    const owrt = this.options.get('order_with_respect_to');
    if (name === '_order' && typeof owrt === 'string') name = owrt;
    const f = this.fields.get(name);
    if (!f) throw new PyException(newException(KeyError, name));
    return f;
  }

  getIndexByName(name: string): Index {
    const i = this.indexes.find((x) => x.name === name);
    if (!i) throw pyError(ValueError, `No index named ${name} on model ${this.name}`);
    return i;
  }

  getConstraintByName(name: string): Constraint {
    const c = this.constraints.find((x) => x.name === name);
    if (!c) throw pyError(ValueError, `No constraint named ${name} on model ${this.name}`);
    return c;
  }

  /** A copy whose containers may be changed (fields themselves are shared, never mutated). */
  clone(): ModelState {
    return new ModelState(this.appLabel, this.name, this.fields, new Map(this.options), [...this.bases], [...this.managers]);
  }

  /**
   * Labels ('app.model') of models this one points at through relations or bases. Cached: a
   * ModelState is not changed once it is in a ProjectState (mutators change a fresh clone).
   */
  referencedModels(): Set<string> {
    if (this.referencesCache) return this.referencesCache;
    const out = new Set<string>();
    for (const f of this.fields.values()) {
      const rel = f.remoteField;
      if (!rel) continue;
      const to = relationLabel(rel.model, this.appLabel, this.nameLower);
      if (to) out.add(to);
      if (f instanceof ManyToManyField && typeof f.remoteField.through === 'string') {
        const t = relationLabel(f.remoteField.through, this.appLabel, this.nameLower);
        if (t) out.add(t);
      }
    }
    for (const b of this.bases) if (typeof b === 'string') out.add(b.toLowerCase());
    this.referencesCache = out;
    return out;
  }
  private referencesCache: Set<string> | null = null;

  toString(): string {
    return `<ModelState: '${this.appLabel}.${this.name}'>`;
  }
}

/** Normalises a relation target written in a state ('self', 'Model', 'app.Model', a class) to 'app.model'. */
export function relationLabel(model: PyValue, appLabel: string, selfName: string): string | null {
  if (typeof model === 'string') {
    if (model === 'self') return `${appLabel}.${selfName}`;
    if (model.includes('.')) {
      const [app, name] = model.split('.', 2) as [string, string];
      return `${app}.${name.toLowerCase()}`;
    }
    return `${appLabel}.${model.toLowerCase()}`;
  }
  if (model instanceof PyClass) {
    const meta = model.native['modelMeta'] as ModelMeta | undefined;
    if (meta) return meta.labelLower;
  }
  const s = model as { value?: unknown };
  if (s && typeof s.value === 'string') return relationLabel(s.value, appLabel, selfName);
  return null;
}

/** Django's normalize_together: a single tuple of names becomes a tuple of tuples. */
export function normalizeTogether(value: PyValue): PyValue[][] {
  if (value === undefined) return [];
  const items = toArray(value);
  if (items.length === 0) return [];
  if (typeof items[0] === 'string') return [items];
  return items.map((t) => toArray(t));
}

/** unique_together as ModelState.options holds it: a set of tuples. */
export function uniqueTogetherOption(value: PyValue): PySet {
  return new PySet(normalizeTogether(value).map((t) => new PyTuple(t)));
}


/**
 * ModelState.from_model: the state of a model of the project registry (models.py), the way the
 * autodetector compares it with the migration history.
 */
export function modelStateFromModel(meta: ModelMeta, modelClass: PyClass): ModelState {
  const fields: [string, Field][] = [];
  for (const f of meta.localFields) if (f !== meta.orderWrtField) fields.push([f.name!, f.clone()]);
  for (const f of meta.localManyToMany) fields.push([f.name!, f.clone()]);

  const options = new Map<string, PyValue>();
  for (const name of STATE_OPTION_NAMES) {
    if (!meta.originalAttrs.has(name)) continue;
    if (name === 'unique_together') options.set(name, uniqueTogetherOption(meta.originalAttrs.get(name)!));
    else if (name === 'indexes') {
      options.set(
        name,
        new PyList(
          meta.indexes.map((idx) => {
            const c = idx.clone();
            if (!c.name) c.setNameWithModel(meta);
            return c;
          }),
        ),
      );
    } else if (name === 'constraints') options.set(name, new PyList(meta.constraints.map((c) => c.clone())));
    else options.set(name, meta.originalAttrs.get(name)!);
  }

  // Bases: abstract bases are replaced by their own bases; model bases become labels.
  const flatten = (cls: PyClass): PyClass[] => {
    const out: PyClass[] = [];
    for (const b of cls.bases) {
      if (b.native['abstract']) out.push(...flatten(b));
      else out.push(b);
    }
    return out;
  };
  const flat = [...new Set(flatten(modelClass))].sort((a, b) => modelClass.mro.indexOf(a) - modelClass.mro.indexOf(b));
  let bases: ModelBase[] = flat.map((b) => {
    const m = b.native['modelMeta'] as ModelMeta | undefined;
    return m ? m.labelLower : b;
  });
  const modelRoot = modelClass.mro.find((c) => c.name === 'Model' && c.module === 'django.db.models.base');
  if (!bases.some((b) => typeof b === 'string' || (modelRoot && b.isSubclassOf(modelRoot)))) bases = modelRoot ? [modelRoot] : [];
  const baseManagerName = meta.originalAttrs.get('base_manager_name');
  return new ModelState(meta.appLabel, meta.objectName, fields, options, bases, managersForState(modelClass, typeof baseManagerName === 'string' ? baseManagerName : null));
}

/** Whether a value is a manager (an instance of django.db.models.manager.BaseManager). */
function isManager(v: PyValue): v is PyObject {
  return v instanceof PyObject && !(v instanceof PyClass) && v.pyClass.mro.some((c) => c.name === 'BaseManager' && c.module === 'django.db.models.manager');
}

/**
 * ModelState.from_model's managers: those with `use_in_migrations`, and a plain Manager standing in
 * for a custom default manager or the manager named by Meta.base_manager_name — dropped when that
 * is just the default `objects`.
 */
function managersForState(modelClass: PyClass, baseManagerName: string | null): [string, PyValue][] {
  // _meta.managers: the managers of the class and its bases, nearest class first, then by creation.
  const found: { name: string; manager: PyObject; depth: number; counter: number }[] = [];
  const seen = new Set<string>();
  modelClass.mro.forEach((klass, depth) => {
    for (const [name, value] of klass.dict) {
      if (name.startsWith('_') || seen.has(name) || !isManager(value)) continue;
      seen.add(name);
      const counter = (value as { creationCounter?: number }).creationCounter ?? 0;
      found.push({ name, manager: value, depth, counter });
    }
  });
  found.sort((a, b) => a.depth - b.depth || a.counter - b.counter);
  const defaultManager = modelClass.lookup('_default_manager');
  const out: [string, PyValue][] = [];
  let shim: PyValue | null = null;
  for (const { name, manager } of found) {
    if (truthy(getattrOpt(manager, 'use_in_migrations') ?? false)) {
      out.push([name, manager]);
    } else {
      const isDefault = manager === defaultManager || (defaultManager === undefined && out.length === 0 && shim === null);
      if (!isDefault && name !== baseManagerName) continue;
      const managerClass = manager.pyClass.mro.find((c) => c.name === 'Manager' && c.module === 'django.db.models.manager');
      if (!managerClass) continue;
      const stand = call(managerClass);
      if (isDefault) shim = stand;
      out.push([name, stand]);
    }
  }
  if (out.length === 1 && out[0]![0] === 'objects' && out[0]![1] === shim) return [];
  return out;
}

/** DEFAULT_NAMES minus apps/app_label, in Django's order. */
const STATE_OPTION_NAMES = [
  'verbose_name',
  'verbose_name_plural',
  'db_table',
  'db_table_comment',
  'ordering',
  'unique_together',
  'permissions',
  'get_latest_by',
  'order_with_respect_to',
  'db_tablespace',
  'abstract',
  'managed',
  'proxy',
  'swappable',
  'auto_created',
  'default_permissions',
  'select_on_save',
  'default_related_name',
  'required_db_features',
  'required_db_vendor',
  'base_manager_name',
  'default_manager_name',
  'indexes',
  'constraints',
];
