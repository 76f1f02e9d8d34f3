/**
 * `models.Model` and its metaclass: what happens when models.py runs `class Book(models.Model)`.
 * Mirrors django.db.models.base.ModelBase: collects fields, reads `class Meta`, copies fields of
 * abstract parents, links multi-table-inheritance parents, adds the implicit primary key, and
 * registers the model (a ModelMeta) in the project's registry.
 */
import {
  type Kwargs,
  PyClass,
  PyDict,
  type PyValue,
  PyTuple,
  PyList,
  RuntimeError,
  TypeError,
  objectClass,
  pyError,
  strRepr,
  toArray,
  truthy,
  typeClass,
  typeName,
} from '../python/objects.ts';
import { type Apps, DEFAULT_NAMES, buildModel } from '../state/apps.ts';
import { Field } from '../state/fields/field.ts';
import { ForeignKey, OneToOneField, modelInfoOf } from '../state/fields/related.ts';
import { makeField } from '../state/fields/registry.ts';
import { CASCADE } from '../state/deletion.ts';
import { Index } from '../state/indexes.ts';
import { Constraint } from '../state/constraints.ts';
import type { ModelMeta } from '../state/meta.ts';
import { FieldError, MultipleObjectsReturned, ObjectDoesNotExist } from './exceptions.ts';
import { ModelPyClass, prepareModelClass } from '../orm/model-class.ts';
import { emitWarning } from '../orm/runtime.ts';

export interface ModelRegistryContext {
  /** The registry models get registered in. */
  apps: Apps;
  /** The installed app whose package contains `module` (`shop.models` → shop). */
  containingAppLabel(module: string): string | undefined;
  /** `connection.ops` of the default database (raises what a bad settings.DATABASES raises). */
  connectionOps?(): void;
}

/** What an abstract model class keeps for its subclasses. */
interface AbstractInfo {
  fields: [string, Field][];
}

export interface ModelClasses {
  ModelBase: PyClass;
  Model: PyClass;
}

export function makeModelClasses(ctx: ModelRegistryContext): ModelClasses {
  const ModelBase: PyClass = new PyClass('ModelBase', {
    module: 'django.db.models.base',
    bases: [typeClass],
    nativeNew: (metacls, args, kwargs): PyValue => {
      const [name, bases, ns] = args as [string, PyTuple, PyDict];
      return createModelClass(ctx, classes, metacls, name, bases.items as PyClass[], ns, kwargs);
    },
  });
  const Model = new PyClass('Model', { module: 'django.db.models.base', bases: [objectClass], metaclass: ModelBase });
  const classes: ModelClasses = { ModelBase, Model };
  return classes;
}

function isModelClass(v: PyValue, classes: ModelClasses): v is PyClass {
  return v instanceof PyClass && v !== classes.Model && v.isSubclassOf(classes.Model);
}

function abstractInfo(cls: PyClass): AbstractInfo | undefined {
  return cls.native['abstract'] as AbstractInfo | undefined;
}

/** Meta attributes: own non-underscore attributes plus inherited ones for known names. */
function readMeta(metaCls: PyClass | undefined): { options: Map<string, PyValue>; invalid: string[] } {
  const options = new Map<string, PyValue>();
  const invalid: string[] = [];
  if (!metaCls) return { options, invalid };
  const own = new Map([...metaCls.dict].filter(([k]) => !k.startsWith('_')));
  for (const name of DEFAULT_NAMES) {
    if (own.has(name)) {
      options.set(name, own.get(name)!);
      own.delete(name);
    } else {
      const v = metaCls.lookup(name);
      if (v !== undefined) options.set(name, v);
    }
  }
  for (const k of own.keys()) invalid.push(k);
  return { options, invalid };
}

function formatNames<T extends Index | Constraint>(objs: T[], appLabel: string, modelName: string): T[] {
  return objs.map((o) => {
    const c = o.clone() as T;
    c.name = c.name.replace(/%\((app_label|class)\)s/g, (_m, k: string) => (k === 'app_label' ? appLabel.toLowerCase() : modelName));
    return c;
  });
}

function createModelClass(
  ctx: ModelRegistryContext,
  classes: ModelClasses,
  metacls: PyClass,
  name: string,
  bases: PyClass[],
  ns: PyDict,
  _kwargs: Kwargs,
): PyClass {
  const parents = bases.filter((b) => b.pyClass.isSubclassOf(classes.ModelBase));
  const module = String(ns.get('__module__') ?? '__main__');
  const qualname = String(ns.get('__qualname__') ?? name);
  const attrMeta = ns.get('Meta');
  const contributable: [string, Field][] = [];
  const dict = new Map<string, PyValue>();
  for (const [k, v] of ns.items()) {
    const key = String(k);
    if (key === 'Meta' || key === '__qualname__') continue;
    if (v instanceof Field) contributable.push([key, v]);
    else dict.set(key, v);
  }
  const cls = new ModelPyClass(name, { module, qualname, bases, metaclass: metacls, dict });
  if (parents.length === 0) return cls;

  const metaCls = attrMeta instanceof PyClass ? attrMeta : (cls.lookup('Meta') as PyClass | undefined);
  const abstract = attrMeta instanceof PyClass ? truthy(attrMeta.dict.get('abstract') ?? false) : false;
  const { options, invalid } = readMeta(metaCls instanceof PyClass ? metaCls : undefined);
  const explicitLabel = options.get('app_label');
  const containing = ctx.containingAppLabel(module); // asked even with an explicit app_label
  let appLabel = typeof explicitLabel === 'string' ? explicitLabel : containing;
  options.delete('app_label');
  options.delete('apps');
  if (appLabel === undefined) {
    if (!abstract) {
      throw pyError(
        RuntimeError,
        `Model class ${module}.${name} doesn't declare an explicit app_label and isn't in an application in INSTALLED_APPS.`,
      );
    }
    appLabel = '';
  }
  if (invalid.length) throw pyError(TypeError, `'class Meta' got invalid attribute(s): ${invalid.join(',')}`);
  // Options.contribute_to_class truncates the default db_table to connection.ops.max_name_length()
  if (!truthy(options.get('db_table') ?? '')) ctx.connectionOps?.();
  // contribute_to_class sets the class attribute named by the field's name: a name that is not a
  // string (a second positional argument, `DecimalField(6, 2)`) fails there
  for (const [, f] of contributable) {
    if (f.invalidName !== undefined) throw pyError(TypeError, `attribute name must be string, not '${typeName(f.invalidName)}'`);
  }

  const ownNames = new Set(contributable.map(([n]) => n));
  const fields: [string, Field][] = [...contributable];

  // Fields of abstract parents (copied, keeping their creation order).
  const inherited = new Set<string>();
  const concreteParents: ModelMeta[] = [];
  for (const base of cls.mro) {
    if (!parents.includes(base)) {
      for (const k of base.dict.keys()) inherited.add(k);
      continue;
    }
    const absInfo = abstractInfo(base);
    const baseMeta = base.native['modelMeta'] as ModelMeta | undefined;
    if (absInfo) {
      for (const [fname, field] of absInfo.fields) {
        if (ownNames.has(fname) || inherited.has(fname) || fields.some(([n]) => n === fname)) continue;
        const copy = field.clone();
        copy.creationCounter = field.creationCounter;
        fields.push([fname, copy]);
      }
    } else if (baseMeta) {
      for (const f of [...baseMeta.localFields, ...baseMeta.localManyToMany]) {
        if (ownNames.has(f.name!)) {
          throw pyError(
            FieldError,
            `Local field ${strRepr(f.name!)} in class ${strRepr(name)} clashes with field of the same name from base class ${strRepr(base.name)}.`,
          );
        }
      }
      if (!concreteParents.includes(baseMeta.concreteModel)) concreteParents.push(baseMeta.concreteModel);
    }
  }

  if (abstract) {
    // The Meta of an abstract model is inherited by subclasses without their own, minus `abstract`.
    if (attrMeta instanceof PyClass) {
      attrMeta.dict.set('abstract', false);
      cls.dict.set('Meta', attrMeta);
    }
    cls.native['abstract'] = { fields } satisfies AbstractInfo;
    cls.native['modelInfo'] = { appLabel, objectName: name, pkName: () => fields.find(([, f]) => f.isPrimaryKey)?.[0] ?? null };
    return cls;
  }

  const isProxy = truthy(options.get('proxy') ?? false);
  if (isProxy) {
    const concrete = parents.filter((p) => !abstractInfo(p));
    if (concrete.length === 0) throw pyError(TypeError, `Proxy model '${name}' has no non-abstract model base class.`);
    const metas = concrete.map((p) => p.native['modelMeta'] as ModelMeta).filter(Boolean);
    if (new Set(metas.map((m) => m.concreteModel)).size > 1) {
      throw pyError(TypeError, `Proxy model '${name}' has more than one non-abstract model base class.`);
    }
  }

  // Multi-table inheritance: link each concrete parent, creating `<parent>_ptr` when needed.
  if (!isProxy) {
    for (const parent of concreteParents) {
      const explicit = fields.find(
        ([, f]) => f instanceof OneToOneField && truthy(f.remoteField.parentLink) && targetsModel(f, parent, appLabel),
      );
      if (explicit) continue;
      const attrName = `${parent.modelName}_ptr`;
      if (ownNames.has(attrName)) {
        throw pyError(
          FieldError,
          `Auto-generated field '${attrName}' in class ${strRepr(name)} for parent_link to base class ${strRepr(parent.objectName)} clashes with declared field of the same name.`,
        );
      }
      const ptr = makeField('OneToOneField', {
        to: parent.labelLower,
        on_delete: CASCADE,
        name: attrName,
        auto_created: true,
        parent_link: true,
      });
      fields.push([attrName, ptr]);
    }
  }

  const modelName = name.toLowerCase();
  if (options.has('indexes')) {
    options.set('indexes', new PyList(formatNames(toArray(options.get('indexes')!) as unknown as Index[], appLabel, modelName)));
  }
  if (options.has('constraints')) {
    options.set('constraints', new PyList(formatNames(toArray(options.get('constraints')!) as unknown as Constraint[], appLabel, modelName)));
  }

  const meta = buildModel(ctx.apps, {
    appLabel,
    name,
    module,
    fields,
    options,
    parents: isProxy
      ? parents.filter((p) => !abstractInfo(p)).map((p) => p.native['modelMeta'] as ModelMeta)
      : concreteParents,
    pyModel: cls,
  });
  const previous = ctx.apps.findModel(meta.labelLower);
  if (previous?.pyModel) {
    // Apps.register_model: the same class again (a model defined twice in one module) only warns
    if (previous.pyModel.name !== name || previous.module !== module) {
      throw pyError(
        RuntimeError,
        `Conflicting '${modelName}' models in application '${appLabel}': <class '${previous.module}.${previous.pyModel.name}'> and <class '${module}.${name}'>.`,
      );
    }
    emitWarning(
      'db/models/base.py',
      368,
      'RuntimeWarning',
      `Model '${appLabel}.${modelName}' was already registered. Reloading models is not advised as it can lead to inconsistencies, most notably with related models.`,
      'new_class._meta.apps.register_model(new_class._meta.app_label, new_class)',
    );
  }
  ctx.apps.register(meta);
  cls.native['modelMeta'] = meta;
  cls.native['modelInfo'] = { appLabel, objectName: name, pkName: () => meta.pk?.name ?? null };

  const parentExc = (attr: string, fallback: PyClass) => {
    const fromParents = parents.map((p) => p.lookup(attr)).filter((x): x is PyClass => x instanceof PyClass);
    return fromParents.length ? fromParents : [fallback];
  };
  cls.dict.set(
    'DoesNotExist',
    new PyClass('DoesNotExist', { module, qualname: `${qualname}.DoesNotExist`, bases: parentExc('DoesNotExist', ObjectDoesNotExist) }),
  );
  cls.dict.set(
    'MultipleObjectsReturned',
    new PyClass('MultipleObjectsReturned', {
      module,
      qualname: `${qualname}.MultipleObjectsReturned`,
      bases: parentExc('MultipleObjectsReturned', MultipleObjectsReturned),
    }),
  );
  // The ORM: _meta, managers (`objects`), instances.
  prepareModelClass(cls, meta, ctx.apps);
  return cls;
}

function targetsModel(f: ForeignKey, parent: ModelMeta, appLabel: string): boolean {
  const to = f.remoteField.model;
  const info = modelInfoOf(to);
  if (info) return `${info.appLabel}.${info.objectName.toLowerCase()}` === parent.labelLower;
  if (typeof to === 'string') {
    const label = to.includes('.') ? to.toLowerCase() : `${appLabel}.${to.toLowerCase()}`;
    return label === parent.labelLower;
  }
  return false;
}
