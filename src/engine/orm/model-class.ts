/**
 * Model classes as the ORM needs them: `_meta` (Options: get_fields/get_field/…), managers
 * (`objects` unless the class declares its own, inherited managers copied, `_default_manager`,
 * `_base_manager`), and classes for models that have none of their own — historical models of a
 * migration state (module `__fake__`, the fields as of that migration, no custom methods, like
 * Django's StateApps) and auto-created many-to-many through models. Also the `apps` object
 * RunPython functions receive.
 */
import {
  type Kwargs,
  LookupError,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  objectClass,
  pyError,
  str,
  truthy,
} from '../python/objects.ts';
import { FieldDoesNotExist, MultipleObjectsReturned, ObjectDoesNotExist } from '../django/exceptions.ts';
import type { Apps } from '../state/apps.ts';
import { ForeignKey, ForeignObjectRel, ManyToManyField, ManyToManyRel, OneToOneField, OneToOneRel, relAttrHook } from '../state/fields/related.ts';
import type { ModelMeta } from '../state/meta.ts';
import { type ModelInfo, classResolver, infoOf, installModelMethods, relatedDoesNotExist, reverseRelatedDoesNotExist } from './model-instance.ts';
import { ManagerClass, ManagerObject } from './manager.ts';
import { accessorName, current, fm, getModels, isHidden, m2mLinks, relName, relOwner, relTarget, reverseRelations } from './meta-utils.ts';

/** The `models.Model` / `ModelBase` classes of the loaded project (historical classes subclass them). */
export const modelBase: { Model: PyClass | null; ModelBase: PyClass | null } = { Model: null, ModelBase: null };

export function installModelBase(Model: PyClass, ModelBase: PyClass): void {
  modelBase.Model = Model;
  modelBase.ModelBase = ModelBase;
  installModelMethods(Model);
}

// ---------------------------------------------------------------------------------------------
// Options (`_meta`)
// ---------------------------------------------------------------------------------------------

class OptionsObject extends PyObject {
  constructor(readonly info: ModelInfo) {
    super();
  }
  get pyClass(): PyClass {
    return optionsClass;
  }
  get meta(): ModelMeta {
    return this.info.meta;
  }
  /** `_get_fields()`: parents' fields, reverse relations, local fields, local many-to-many. */
  getFields(includeParents: boolean, includeHidden: boolean): PyValue[] {
    const meta = this.meta;
    const out: PyValue[] = [];
    if (includeParents) {
      for (const parent of meta.parents.keys()) {
        const pinfo = infoOf(classResolver.classFor(this.info.apps, parent))!;
        for (const f of new OptionsObject(pinfo).getFields(true, includeHidden)) if (!out.includes(f)) out.push(f);
      }
    }
    if (!meta.proxy) {
      for (const rel of reverseRelations(this.info.apps, meta, true)) {
        if (!includeHidden && isHidden(rel)) continue;
        out.push(rel);
      }
    }
    out.push(...meta.localFields, ...meta.localManyToMany);
    return out;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    const meta = this.meta;
    const apps = this.info.apps;
    switch (name) {
      case 'app_label':
        return meta.appLabel;
      case 'model_name':
        return meta.modelName;
      case 'object_name':
        return meta.objectName;
      case 'db_table':
        return meta.dbTable;
      case 'label':
        return meta.label;
      case 'label_lower':
        return meta.labelLower;
      case 'verbose_name':
        return meta.verboseName;
      case 'verbose_name_plural':
        return meta.verboseNamePlural;
      case 'verbose_name_raw':
        return meta.verboseName;
      case 'pk':
        return meta.pk ?? None;
      case 'model':
        return this.info.cls;
      case 'concrete_model':
        return classResolver.classFor(apps, meta.concreteModel);
      case 'abstract':
        return meta.abstract;
      case 'proxy':
        return meta.proxy;
      case 'managed':
        return meta.managed;
      case 'auto_created':
        return meta.autoCreated ? classResolver.classFor(apps, meta.autoCreated) : false;
      case 'ordering':
        return meta.ordering === None ? new PyList([]) : meta.ordering;
      case 'db_tablespace':
        return meta.dbTablespace;
      case 'unique_together':
        return new PyTuple(meta.uniqueTogether.map((t) => new PyTuple(t)));
      case 'indexes':
        return new PyList(meta.indexes as unknown as PyValue[]);
      case 'constraints':
        return new PyList(meta.constraints as unknown as PyValue[]);
      case 'swapped':
        return None;
      case 'fields':
        return new PyTuple(meta.fields);
      case 'concrete_fields':
        return new PyTuple(meta.concreteFields);
      case 'local_fields':
        return new PyList(meta.localFields);
      case 'local_concrete_fields':
        return new PyTuple(meta.localFields.filter((f) => f.concrete));
      case 'many_to_many':
        return new PyTuple(meta.manyToMany);
      case 'private_fields':
        // GenericForeignKey and other private fields are not part of the sandbox
        return new PyList([]);
      case 'local_many_to_many':
        return new PyList(meta.localManyToMany);
      case 'related_objects':
        return new PyTuple(reverseRelations(apps, meta, false));
      case 'parents':
        return new PyDict([...meta.parents].map(([p, f]) => [classResolver.classFor(apps, p), f ?? None]));
      case 'db_returning_fields':
        return new PyList(meta.pk ? [meta.pk] : []);
      case 'get_fields':
        return new NativeFunction('get_fields', (args, kwargs) => {
          const includeParents = truthy(kwargs.get('include_parents') ?? args[0] ?? true);
          const includeHidden = truthy(kwargs.get('include_hidden') ?? args[1] ?? false);
          return new PyTuple(this.getFields(includeParents, includeHidden));
        });
      case 'get_field':
        return new NativeFunction('get_field', (args, kwargs) => {
          const fieldName = str(kwargs.get('field_name') ?? args[0]!);
          const f = meta.findField(fieldName);
          if (f) return f;
          for (const rel of reverseRelations(apps, meta, true)) if (relName(rel) === fieldName) return rel;
          throw pyError(FieldDoesNotExist, `${meta.objectName} has no field named '${fieldName}'`);
        });
      case 'managers':
        return new PyTuple(managersOf(this.info.cls));
      case 'default_manager':
        return this.info.cls.lookup('_default_manager') ?? None;
      case 'base_manager':
        return this.info.cls.lookup('_base_manager') ?? None;
      case 'apps':
        return appsObject(apps);
    }
    return undefined;
  }
  override nativeRepr(): string {
    return `<Options for ${this.meta.objectName}>`;
  }
  override nativeStr(): string {
    return this.meta.labelLower;
  }
}
const optionsClass = new PyClass('Options', { module: 'django.db.models.options', bases: [objectClass] });


// Attributes of reverse relations (`rel.name`, …) for get_fields() listings.
relAttrHook.get = (rel: ForeignObjectRel, name: string): PyValue | undefined => {
  switch (name) {
    case 'name':
      return relName(rel);
    case 'related_name':
      return rel.relatedName;
    case 'auto_created':
      return true;
    case 'concrete':
      return false;
    case 'is_relation':
      return true;
    case 'many_to_many':
      return rel instanceof ManyToManyRel;
    case 'one_to_many':
      return !(rel instanceof ManyToManyRel) && !(rel instanceof OneToOneRel);
    case 'one_to_one':
      return rel instanceof OneToOneRel;
    case 'many_to_one':
      return false;
    case 'hidden':
      return isHidden(rel);
    case 'multiple':
      return rel.multiple;
    case 'null':
      return true;
    case 'related_model': {
      const owner = rel.field.model;
      if (!owner) return None;
      return classResolver.classFor(owner.apps, owner);
    }
    case 'get_accessor_name':
      return new NativeFunction('get_accessor_name', () => accessorName(rel) ?? None);
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// Class attributes for fields and relations (Django's descriptors)
// ---------------------------------------------------------------------------------------------

const RQ = 'django.db.models.query_utils';
const RD = 'django.db.models.fields.related_descriptors';
const descriptorClasses = {
  DeferredAttribute: new PyClass('DeferredAttribute', { module: RQ, bases: [objectClass] }),
  ForeignKeyDeferredAttribute: new PyClass('ForeignKeyDeferredAttribute', { module: 'django.db.models.fields.related', bases: [objectClass] }),
  ForwardManyToOneDescriptor: new PyClass('ForwardManyToOneDescriptor', { module: RD, bases: [objectClass] }),
  ForwardOneToOneDescriptor: new PyClass('ForwardOneToOneDescriptor', { module: RD, bases: [objectClass] }),
  ReverseOneToOneDescriptor: new PyClass('ReverseOneToOneDescriptor', { module: RD, bases: [objectClass] }),
  ReverseManyToOneDescriptor: new PyClass('ReverseManyToOneDescriptor', { module: RD, bases: [objectClass] }),
  ManyToManyDescriptor: new PyClass('ManyToManyDescriptor', { module: RD, bases: [objectClass] }),
};

/** What `Model.<field>` / `Model.<accessor>` gives on the class. */
class DescriptorObject extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly attrs: () => Record<string, PyValue>,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    return this.attrs()[name];
  }
}

/** A model class: field and relation names answer with descriptors, like Django's class attributes. */
export class ModelPyClass extends PyClass {
  override nativeGetAttr(name: string): PyValue | undefined {
    const info = infoOf(this);
    if (!info || this.lookup(name) !== undefined) return undefined;
    const { meta, apps } = info;
    const field = meta.findField(name);
    if (field) {
      if (field instanceof ManyToManyField && field.name === name) {
        return new DescriptorObject(descriptorClasses.ManyToManyDescriptor, () => ({
          field,
          rel: field.remoteField,
          reverse: false,
          through: classFor(apps, m2mThrough(apps, field)),
        }));
      }
      if (field instanceof ForeignKey && field.name === name) {
        const one = field instanceof OneToOneField;
        return new DescriptorObject(one ? descriptorClasses.ForwardOneToOneDescriptor : descriptorClasses.ForwardManyToOneDescriptor, () => ({
          field,
          RelatedObjectDoesNotExist: relatedDoesNotExist(this, field, classFor(apps, relTarget(apps, field)).lookup('DoesNotExist') as PyClass),
        }));
      }
      return new DescriptorObject(field instanceof ForeignKey ? descriptorClasses.ForeignKeyDeferredAttribute : descriptorClasses.DeferredAttribute, () => ({ field }));
    }
    const rel = reverseRelations(apps, meta, false).find((r) => accessorName(r) === name);
    if (!rel) return undefined;
    if (rel instanceof ManyToManyRel) {
      const m2m = rel.field as ManyToManyField;
      return new DescriptorObject(descriptorClasses.ManyToManyDescriptor, () => ({
        field: m2m,
        rel,
        reverse: true,
        through: classFor(apps, m2mThrough(apps, m2m)),
      }));
    }
    if (rel instanceof OneToOneRel) {
      return new DescriptorObject(descriptorClasses.ReverseOneToOneDescriptor, () => ({
        related: rel,
        RelatedObjectDoesNotExist: reverseRelatedDoesNotExist(this, name, classFor(apps, relOwner(apps, rel)).lookup('DoesNotExist') as PyClass),
      }));
    }
    return new DescriptorObject(descriptorClasses.ReverseManyToOneDescriptor, () => ({ rel, field: rel.field }));
  }
}

function m2mThrough(apps: Apps, field: ManyToManyField): ModelMeta {
  return m2mLinks(apps, field).through;
}

// ---------------------------------------------------------------------------------------------
// Managers
// ---------------------------------------------------------------------------------------------

function managersOf(cls: PyClass): ManagerObject[] {
  const out: ManagerObject[] = [];
  const seen = new Set<string>();
  for (const c of cls.mro) {
    for (const [k, v] of c.dict) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (v instanceof ManagerObject && !k.startsWith('_')) out.push(v);
    }
  }
  return out.sort((a, b) => a.creationCounter - b.creationCounter);
}

/** Makes a model class usable by the ORM: `_meta`, managers, the ORM's model info. */
export function prepareModelClass(cls: PyClass, meta: ModelMeta, apps: Apps): void {
  const info: ModelInfo = { cls, meta, apps };
  cls.native['orm'] = info;
  cls.dict.set('_meta', new OptionsObject(info));
  // Managers: declared ones get bound to the class, inherited ones are copied.
  const found: ManagerObject[] = [];
  const seen = new Set<string>();
  for (const c of cls.mro) {
    for (const [k, v] of [...c.dict]) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (!(v instanceof ManagerObject) || k.startsWith('_')) continue;
      if (c === cls) {
        v.model = cls;
        v.name = k;
        found.push(v);
      } else {
        const copy = v.copyFor(cls, k);
        cls.dict.set(k, copy);
        found.push(copy);
      }
    }
  }
  if (!found.length) {
    if (fm(meta).fields.some((f) => f.name === 'objects')) {
      throw pyError(ValueError, `Model ${cls.name} must specify a custom Manager, because it has a field named 'objects'.`);
    }
    const m = new ManagerObject(ManagerClass);
    m.model = cls;
    m.name = 'objects';
    cls.dict.set('objects', m);
    found.push(m);
  }
  found.sort((a, b) => a.creationCounter - b.creationCounter);
  cls.dict.set('_default_manager', found[0]!);
  const base = new ManagerObject(ManagerClass);
  base.model = cls;
  base.name = '_base_manager';
  cls.dict.set('_base_manager', base);
}

// ---------------------------------------------------------------------------------------------
// Classes of models without one (historical models, auto-created through models)
// ---------------------------------------------------------------------------------------------

const generated = new WeakMap<Apps, Map<string, { meta: ModelMeta; cls: PyClass }>>();

function exceptionClass(name: string, owner: PyClass, bases: PyClass[]): PyClass {
  return new PyClass(name, { module: owner.module, qualname: `${owner.qualname}.${name}`, bases });
}

/** The model class for `meta` in `apps` (the project's own class, or a generated one). */
export function classFor(apps: Apps, meta: ModelMeta): PyClass {
  meta = current(apps, meta);
  if (meta.pyModel) {
    const info = infoOf(meta.pyModel);
    if (info && info.apps === apps && info.meta === meta) return meta.pyModel;
  }
  let cache = generated.get(apps);
  if (!cache) {
    cache = new Map();
    generated.set(apps, cache);
  }
  const hit = cache.get(meta.labelLower);
  if (hit && hit.meta === meta) return hit.cls;
  const cls = buildClass(apps, meta);
  cache.set(meta.labelLower, { meta, cls });
  return cls;
}

classResolver.classFor = classFor;

function buildClass(apps: Apps, meta: ModelMeta): PyClass {
  const Model = modelBase.Model;
  if (!Model) throw new Error('models.Model is not installed');
  let bases: PyClass[] = [Model];
  if (meta.proxy && meta.proxyFor) bases = [classFor(apps, meta.proxyFor)];
  else if (meta.parents.size) bases = [...meta.parents.keys()].map((p) => classFor(apps, p));
  const module = meta.autoCreated ? (meta.module || meta.autoCreated.module || '__fake__') : '__fake__';
  const cls = new ModelPyClass(meta.objectName, { module, bases, metaclass: modelBase.ModelBase ?? undefined });
  const parentExc = (attr: string, fallback: PyClass) => {
    const fromParents = bases.map((b) => b.lookup(attr)).filter((x): x is PyClass => x instanceof PyClass);
    return fromParents.length ? fromParents : [fallback];
  };
  cls.dict.set('DoesNotExist', exceptionClass('DoesNotExist', cls, parentExc('DoesNotExist', ObjectDoesNotExist)));
  cls.dict.set('MultipleObjectsReturned', exceptionClass('MultipleObjectsReturned', cls, parentExc('MultipleObjectsReturned', MultipleObjectsReturned)));
  cls.native['modelMeta'] = meta;
  cls.native['modelInfo'] = { appLabel: meta.appLabel, objectName: meta.objectName, pkName: () => meta.pk?.name ?? null };
  prepareModelClass(cls, meta, apps);
  return cls;
}

// ---------------------------------------------------------------------------------------------
// The `apps` argument of RunPython (StateApps) and django.apps.apps
// ---------------------------------------------------------------------------------------------

class AppsObject extends PyObject {
  constructor(readonly apps: Apps) {
    super();
  }
  get pyClass(): PyClass {
    return appsClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    const apps = this.apps;
    switch (name) {
      case 'get_model':
        return new NativeFunction('get_model', (args: PyValue[], kwargs: Kwargs) => {
          const app = kwargs.get('app_label') ?? args[0];
          const model = kwargs.get('model_name') ?? args[1];
          if (app === undefined) throw pyError(TypeError, "Apps.get_model() missing 1 required positional argument: 'app_label'");
          const meta = model === undefined || model === None ? apps.getModel(str(app)) : apps.getModel(str(app), str(model));
          return classFor(apps, meta);
        });
      case 'get_models':
        return new NativeFunction('get_models', (args, kwargs) => {
          const include = truthy(kwargs.get('include_auto_created') ?? args[0] ?? false);
          return new PyList(getModels(apps, include).map((m) => classFor(apps, m)));
        });
      case 'get_app_config':
        return new NativeFunction('get_app_config', (args) => {
          const label = str(args[0]!);
          if (!apps.config.appLabels.includes(label) && !getModels(apps).some((m) => m.appLabel === label)) {
            throw pyError(LookupError, `No installed app with label '${label}'.`);
          }
          return new AppConfigStub(apps, label);
        });
      case 'is_installed':
        return new NativeFunction('is_installed', (args) => {
          const n = str(args[0]!);
          return apps.config.appLabels.some((l) => l === n || l === n.split('.').pop());
        });
      case 'ready':
        return true;
    }
    return undefined;
  }
  override nativeRepr(): string {
    return `<django.db.migrations.state.StateApps object>`;
  }
}
const appsClass = new PyClass('StateApps', { module: 'django.db.migrations.state', bases: [objectClass] });


class AppConfigStub extends PyObject {
  constructor(
    readonly apps: Apps,
    readonly label: string,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return appConfigStubClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'label':
      case 'name':
        return this.label;
      case 'get_models':
        return new NativeFunction('get_models', () =>
          new PyList(getModels(this.apps).filter((m) => m.appLabel === this.label).map((m) => classFor(this.apps, m))),
        );
      case 'get_model':
        return new NativeFunction('get_model', (args) => classFor(this.apps, this.apps.getModel(this.label, str(args[0]!))));
    }
    return undefined;
  }
}
const appConfigStubClass = new PyClass('AppConfigStub', { module: 'django.db.migrations.state', bases: [objectClass] });

const appsObjects = new WeakMap<Apps, AppsObject>();
/** The Python object for a registry (one per registry). */
export function appsObject(apps: Apps): PyValue {
  let o = appsObjects.get(apps);
  if (!o) {
    o = new AppsObject(apps);
    appsObjects.set(apps, o);
  }
  return o;
}
