/**
 * Relation accessors (django.db.models.fields.related_descriptors): the reverse foreign key
 * manager (`category.product_set`), many-to-many managers on both sides (`article.tags`,
 * `tag.articles`) with add/remove/set/clear/create and through_defaults, and the reverse side of a
 * one-to-one (`place.restaurant`). Their SQL follows Django's: M2M `add()` on an auto-created
 * through table is one `INSERT … ON CONFLICT DO NOTHING` for every id given (in CPython's set
 * order), `remove()`/`clear()` delete through rows, `set()` adds only the missing ones.
 */
import {
  AttributeError,
  type Kwargs,
  NO_KWARGS,
  None,
  PyClass,
  PyDict,
  PyList,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  callMethod,
  isinstance,
  pyError,
  repr,
  str,
  toArray,
  truthy,
} from '../python/objects.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, type ForeignObjectRel, ManyToManyField, ManyToManyRel, OneToOneRel } from '../state/fields/related.ts';
import type { ModelMeta } from '../state/meta.ts';
import { targetField } from '../db/postgres/data-types.ts';
import { getPrepValue } from '../db/postgres/values.ts';
import { Q } from '../state/expressions.ts';
import { type ModelInfo, ModelInstance, classFor, infoOf, insertRows, relationHooks, reverseRelatedDoesNotExist } from './model-instance.ts';
import { ManagerClass, ManagerObject, baseQueryset, defaultQueryset } from './manager.ts';
import { QuerySetObject, createObject, filterQs, getObject, makeQuerySet, QUERYSET_METHODS } from './queryset.ts';
import { accessorName, isSymmetrical, m2mLinks, relName, relOwner, relTarget, reverseRelations } from './meta-utils.ts';
import { atomic } from './transaction.ts';
import { ormSettings } from './runtime.ts';

const MODULE = 'django.db.models.fields.related_descriptors';

/** A related manager: a Manager bound to an instance and a relation. */
export class RelatedManagerObject extends ManagerObject {
  constructor(
    cls: PyClass,
    readonly instance: ModelInstance,
    readonly kind: 'reverse' | 'm2m',
    /** reverse: the ForeignKey of the related model; m2m: the ManyToManyField. */
    readonly field: ForeignKey | ManyToManyField,
    /** m2m seen from the target model (`tag.articles`). */
    readonly reverse: boolean,
    readonly accessor: string,
  ) {
    super(cls);
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'instance') return this.instance;
    if (this.kind === 'm2m') {
      if (name === 'through') return classFor(this.instance.info.apps, m2mLinks(this.instance.info.apps, this.field as ManyToManyField).through);
      if (name === 'symmetrical') return isSymmetrical(this.field as ManyToManyField);
      if (name === 'source_field_name' || name === 'target_field_name') {
        const l = this.links();
        return name === 'source_field_name' ? l.source.name! : l.target.name!;
      }
    } else {
      if (name === 'field') return this.field;
      if ((name === 'remove' || name === 'clear') && !this.field.isNull) {
        throw pyError(AttributeError, `'RelatedManager' object has no attribute '${name}'`);
      }
    }
    return super.nativeGetAttr(name);
  }

  /** The through model's link fields from this side (source = the instance's side). */
  links(): { through: ModelMeta; source: ForeignKey; target: ForeignKey } {
    const l = m2mLinks(this.instance.info.apps, this.field as ManyToManyField);
    return this.reverse ? { through: l.through, source: l.target, target: l.source } : l;
  }
}

export const RelatedManagerClass = new PyClass('RelatedManager', {
  module: MODULE,
  qualname: 'create_reverse_many_to_one_manager.<locals>.RelatedManager',
  bases: [ManagerClass],
});
export const ManyRelatedManagerClass = new PyClass('ManyRelatedManager', {
  module: MODULE,
  qualname: 'create_forward_many_to_many_manager.<locals>.ManyRelatedManager',
  bases: [ManagerClass],
});

function rmOf(v: PyValue | undefined): RelatedManagerObject {
  if (!(v instanceof RelatedManagerObject)) throw pyError(TypeError, 'a related manager is required');
  return v;
}

/** The related model (the rows the manager returns). */
function relatedModel(m: RelatedManagerObject): ModelInfo {
  const apps = m.instance.info.apps;
  if (m.kind === 'reverse') return infoOf(classFor(apps, m.field.model!))!;
  const field = m.field as ManyToManyField;
  const meta = m.reverse ? field.model! : relTarget(apps, field);
  return infoOf(classFor(apps, meta))!;
}

// ---------------------------------------------------------------------------------------------
// get_queryset
// ---------------------------------------------------------------------------------------------

function relatedQueryset(m: RelatedManagerObject): QuerySetObject {
  const cached = m.instance.prefetched.get(m.accessor);
  const qs = filteredQueryset(m);
  if (cached) qs.resultCache = [...cached];
  return qs;
}

function filteredQueryset(m: RelatedManagerObject): QuerySetObject {
  const info = relatedModel(m);
  const base = defaultQueryset(info.cls);
  if (m.kind === 'reverse') {
    const fk = m.field as ForeignKey;
    const qs = filterQs(base, [], new Map([[fk.name!, m.instance]]), false);
    qs.knownRelated = { field: fk, instance: m.instance };
    return qs;
  }
  const { source } = m.links();
  const queryName = m.reverse ? (m.field as ManyToManyField).name! : relName((m.field as ManyToManyField).remoteField);
  const rh = targetField(source);
  const value = m.instance.value(rh.attname!);
  base.stickyFilter = true;
  return filterQs(base, [], new Map([[`${queryName}__${rh.name}`, value]]), false);
}

for (const cls of [RelatedManagerClass, ManyRelatedManagerClass]) {
  cls.defineMethod('get_queryset', ([self]) => relatedQueryset(rmOf(self)));
  cls.defineMethod('__str__', ([self]) => {
    const m = rmOf(self);
    return `${relatedModel(m).meta.label}.None`;
  });
}

// ---------------------------------------------------------------------------------------------
// Reverse foreign key manager
// ---------------------------------------------------------------------------------------------

function checkInstanceOf(m: RelatedManagerObject, obj: PyValue, info: ModelInfo): ModelInstance {
  if (!(obj instanceof ModelInstance) || !isinstance(obj, info.cls)) {
    throw pyError(TypeError, `'${info.meta.objectName}' instance expected, got ${repr(obj)}`);
  }
  void m;
  return obj;
}

function reverseAdd(m: RelatedManagerObject, objs: PyValue[], bulk: boolean): void {
  const fk = m.field as ForeignKey;
  const info = relatedModel(m);
  const instances = objs.map((o) => checkInstanceOf(m, o, info));
  if (bulk) {
    const pks: PyValue[] = [];
    for (const obj of instances) {
      if (obj.adding || obj.db !== 'default') {
        throw pyError(ValueError, `${repr(obj)} instance isn't saved. Use bulk=False or save the object first.`);
      }
      pks.push(obj.pk);
      obj.setRelated(fk, m.instance);
    }
    const qs = filterQs(baseQueryset(info.cls), [], new Map([['pk__in', new PyList(pks)]]), false);
    callMethod(qs, 'update', [], new Map([[fk.name!, m.instance]]));
  } else {
    atomic(() => {
      for (const obj of instances) {
        obj.setRelated(fk, m.instance);
        callMethod(obj, 'save');
      }
      return None;
    }, false);
  }
}

function reverseRemove(m: RelatedManagerObject, objs: PyValue[], bulk: boolean): void {
  const fk = m.field as ForeignKey;
  const info = relatedModel(m);
  const tf = targetField(fk);
  const val = m.instance.value(tf.attname!);
  const ids: PyValue[] = [];
  for (const o of objs) {
    const obj = checkInstanceOf(m, o, info);
    const mine = obj.value(fk.attname!);
    if (mine !== None && repr(mine) === repr(val)) ids.push(obj.pk);
    else {
      const exc = classFor(m.instance.info.apps, m.instance.meta).lookup('DoesNotExist') as PyClass;
      throw pyError(exc, `${repr(obj)} is not related to ${repr(m.instance)}.`);
    }
  }
  const qs = filterQs(relatedQueryset(m), [], new Map([['pk__in', new PyList(ids)]]), false);
  clearQs(m, qs, bulk);
}

function clearQs(m: RelatedManagerObject, qs: QuerySetObject, bulk: boolean): void {
  const fk = m.field as ForeignKey;
  if (bulk) {
    callMethod(qs, 'update', [], new Map([[fk.name!, None]]));
  } else {
    atomic(() => {
      for (const obj of qs.fetchAll() as ModelInstance[]) {
        obj.setRelated(fk, None);
        callMethod(obj, 'save', [], new Map([['update_fields', new PyList([fk.name!])]]));
      }
      return None;
    }, false);
  }
}

RelatedManagerClass.defineMethod('add', (args, kwargs) => {
  const m = rmOf(args[0]);
  reverseAdd(m, args.slice(1), truthy(kwargs.get('bulk') ?? true));
  return None;
});
RelatedManagerClass.defineMethod('create', (args, kwargs) => {
  const m = rmOf(args[0]);
  const k = new Map(kwargs);
  k.set(m.field.name!, m.instance);
  return createObject(makeQuerySet(relatedModel(m)), k);
});
RelatedManagerClass.defineMethod('get_or_create', (args, kwargs) => {
  const m = rmOf(args[0]);
  const k = new Map(kwargs);
  k.set(m.field.name!, m.instance);
  return QUERYSET_METHODS.get_or_create!(relatedQueryset(m), [], k);
});
RelatedManagerClass.defineMethod('update_or_create', (args, kwargs) => {
  const m = rmOf(args[0]);
  const k = new Map(kwargs);
  k.set(m.field.name!, m.instance);
  return QUERYSET_METHODS.update_or_create!(relatedQueryset(m), [], k);
});
RelatedManagerClass.defineMethod('remove', (args, kwargs) => {
  const m = rmOf(args[0]);
  reverseRemove(m, args.slice(1), truthy(kwargs.get('bulk') ?? true));
  return None;
});
RelatedManagerClass.defineMethod('clear', (args, kwargs) => {
  const m = rmOf(args[0]);
  clearQs(m, relatedQueryset(m), truthy(kwargs.get('bulk') ?? true));
  return None;
});
RelatedManagerClass.defineMethod('set', (args, kwargs) => {
  const m = rmOf(args[0]);
  const objs = toArray(kwargs.get('objs') ?? args[1] ?? new PyList([]));
  const bulk = truthy(kwargs.get('bulk') ?? true);
  const clear = truthy(kwargs.get('clear') ?? false);
  const fk = m.field as ForeignKey;
  atomic(() => {
    if (fk.isNull) {
      if (clear) {
        clearQs(m, relatedQueryset(m), bulk);
        reverseAdd(m, objs, bulk);
      } else {
        const old = relatedQueryset(m).fetchAll() as ModelInstance[];
        const remaining = [...old];
        const added: PyValue[] = [];
        for (const o of objs) {
          const i = remaining.findIndex((x) => x.nativeEq(o));
          if (i >= 0) remaining.splice(i, 1);
          else added.push(o);
        }
        if (remaining.length) reverseRemove(m, remaining, bulk);
        reverseAdd(m, added, bulk);
      }
    } else reverseAdd(m, objs, bulk);
    return None;
  }, false);
  return None;
});

// ---------------------------------------------------------------------------------------------
// Many-to-many manager
// ---------------------------------------------------------------------------------------------

/** `_get_target_ids`: a set of target key values (instances or raw keys). */
function targetIds(m: RelatedManagerObject, targetFk: ForeignKey, objs: PyValue[]): PySet {
  const ids = new PySet();
  const info = relatedModel(m);
  const tf = targetField(targetFk);
  for (const obj of objs) {
    if (obj instanceof ModelInstance) {
      if (!isinstance(obj, info.cls)) {
        throw pyError(TypeError, `'${info.meta.objectName}' instance expected, got ${repr(obj)}`);
      }
      const id = obj.value(tf.attname!);
      if (id === None) throw pyError(ValueError, `Cannot add "${repr(obj)}": the value for field "${targetFk.name}" is None`);
      ids.add(id);
    } else {
      ids.add(prepValue(tf, obj));
    }
  }
  return ids;
}

function prepValue(f: Field, v: PyValue): PyValue {
  const p = getPrepValue(f, v, ormSettings().useTz);
  return p;
}

function addItems(m: RelatedManagerObject, source: ForeignKey, target: ForeignKey, through: ModelMeta, objs: PyValue[], throughDefaults: PyValue): void {
  if (!objs.length) return;
  const apps = m.instance.info.apps;
  const defaults = throughDefaults === None ? new PyDict() : (throughDefaults as PyDict);
  for (const [k, v] of defaults.items()) if (v instanceof PyClass || (v as { nativeCall?: unknown }).nativeCall) defaults.set(k, call(v));
  const ids = targetIds(m, target, objs);
  const relatedVal = m.instance.value(targetField(source).attname!);
  const throughInfo = infoOf(classFor(apps, through))!;
  const make = (targetId: PyValue) => {
    const kw: Kwargs = new Map();
    for (const [k, v] of defaults.items()) kw.set(str(k), v);
    kw.set(source.attname!, relatedVal);
    kw.set(target.attname!, targetId);
    return call(throughInfo.cls, [], kw) as ModelInstance;
  };
  const fields = through.localFields.filter((f) => f.concrete && !f.generated && !isAuto(f));
  if (through.autoCreated) {
    // _get_add_plan: can_fast_add → bulk_create(ignore_conflicts=True) of every id given
    insertRows(throughInfo, ids.values().map(make), fields, false, true);
    return;
  }
  // explicit through model: insert only the missing pairs
  const existing = filterQs(makeQuerySet(throughInfo), [], new Map<string, PyValue>([
    [source.name!, relatedVal],
    [`${target.name}__in`, new PyList(ids.values())],
  ]), false);
  const vq = QUERYSET_METHODS.values_list!(existing, [target.attname!], new Map([['flat', true]])) as QuerySetObject;
  const present = new PySet(vq.fetchAll());
  const missing = new PySet(ids.values().filter((id) => !present.has(id)));
  atomic(() => {
    if (missing.entries.size) insertRows(throughInfo, missing.values().map(make), fields, true, false);
    return None;
  }, false);
}

function isAuto(f: Field): boolean {
  const t = f.getInternalType();
  return t === 'AutoField' || t === 'BigAutoField' || t === 'SmallAutoField';
}

function removeItems(m: RelatedManagerObject, source: ForeignKey, target: ForeignKey, through: ModelMeta, objs: PyValue[] | null): void {
  if (objs !== null && !objs.length) return;
  const apps = m.instance.info.apps;
  const relatedVal = m.instance.value(targetField(source).attname!);
  let filters: Q;
  if (objs === null) filters = new Q([new PyTuple([source.name!, relatedVal])]);
  else {
    const oldIds = new PySet();
    const tf = targetField(target);
    for (const o of objs) oldIds.add(o instanceof ModelInstance ? o.value(tf.attname!) : o);
    filters = new Q([new PyTuple([source.name!, relatedVal])]).combine(new Q([new PyTuple([`${target.name}__in`, new PyList(oldIds.values())])]), 'AND');
  }
  if (isSymmetrical(m.field as ManyToManyField)) {
    let sym = new Q([new PyTuple([target.name!, relatedVal])]);
    if (objs !== null) {
      const oldIds = new PySet();
      const tf = targetField(target);
      for (const o of objs) oldIds.add(o instanceof ModelInstance ? o.value(tf.attname!) : o);
      sym = sym.combine(new Q([new PyTuple([`${source.name}__in`, new PyList(oldIds.values())])]), 'AND');
    }
    filters = filters.combine(sym, 'OR');
  }
  const throughInfo = infoOf(classFor(apps, through))!;
  atomic(() => {
    const qs = filterQs(makeQuerySet(throughInfo), [filters], NO_KWARGS, false);
    callMethod(qs, 'delete');
    return None;
  }, false);
}

function m2mAdd(m: RelatedManagerObject, objs: PyValue[], throughDefaults: PyValue): void {
  const { through, source, target } = m.links();
  atomic(() => {
    addItems(m, source, target, through, objs, throughDefaults);
    if (isSymmetrical(m.field as ManyToManyField)) addItems(m, target, source, through, objs, throughDefaults);
    return None;
  }, false);
  m.instance.prefetched.delete(m.accessor);
}

function checkM2MInstance(m: RelatedManagerObject): void {
  const inst = m.instance;
  const { source } = m.links();
  const val = inst.value(targetField(source).attname!);
  if (val === None) {
    throw pyError(ValueError, `"${repr(inst)}" needs to have a value for field "${targetField(source).attname}" before this many-to-many relationship can be used.`);
  }
  if (inst.pk === None) {
    throw pyError(ValueError, `${repr(inst.cls.name)} instance needs to have a primary key value before a many-to-many relationship can be used.`);
  }
}

ManyRelatedManagerClass.defineMethod('add', (args, kwargs) => {
  const m = rmOf(args[0]);
  m2mAdd(m, args.slice(1), kwargs.get('through_defaults') ?? None);
  return None;
});
ManyRelatedManagerClass.defineMethod('remove', (args) => {
  const m = rmOf(args[0]);
  const { through, source, target } = m.links();
  m.instance.prefetched.delete(m.accessor);
  removeItems(m, source, target, through, args.slice(1));
  return None;
});
ManyRelatedManagerClass.defineMethod('clear', (args) => {
  const m = rmOf(args[0]);
  const { through, source, target } = m.links();
  m.instance.prefetched.delete(m.accessor);
  removeItems(m, source, target, through, null);
  return None;
});
ManyRelatedManagerClass.defineMethod('set', (args, kwargs) => {
  const m = rmOf(args[0]);
  const objs = toArray(kwargs.get('objs') ?? args[1] ?? new PyList([]));
  const clear = truthy(kwargs.get('clear') ?? false);
  const throughDefaults = kwargs.get('through_defaults') ?? None;
  const { through, source, target } = m.links();
  const tf = targetField(target);
  atomic(() => {
    if (clear) {
      removeItems(m, source, target, through, null);
      m2mAdd(m, objs, throughDefaults);
      return None;
    }
    const current = QUERYSET_METHODS.values_list!(relatedQueryset(m), [tf.attname!], new Map([['flat', true]])) as QuerySetObject;
    const oldIds = new PySet(current.fetchAll());
    const newObjs: PyValue[] = [];
    for (const obj of objs) {
      const fkVal = obj instanceof ModelInstance ? obj.value(tf.attname!) : prepValue(tf, obj);
      if (oldIds.has(fkVal)) oldIds.delete(fkVal);
      else newObjs.push(obj);
    }
    m.instance.prefetched.delete(m.accessor);
    removeItems(m, source, target, through, oldIds.values());
    m2mAdd(m, newObjs, throughDefaults);
    return None;
  }, false);
  return None;
});
ManyRelatedManagerClass.defineMethod('create', (args, kwargs) => {
  const m = rmOf(args[0]);
  const k = new Map(kwargs);
  const throughDefaults = k.get('through_defaults') ?? None;
  k.delete('through_defaults');
  const obj = createObject(makeQuerySet(relatedModel(m)), k);
  m2mAdd(m, [obj], throughDefaults);
  return obj;
});
ManyRelatedManagerClass.defineMethod('get_or_create', (args, kwargs) => {
  const m = rmOf(args[0]);
  const k = new Map(kwargs);
  const throughDefaults = k.get('through_defaults') ?? None;
  k.delete('through_defaults');
  const r = QUERYSET_METHODS.get_or_create!(makeQuerySet(relatedModel(m)), [], k) as PyTuple;
  if (r.items[1] === true) m2mAdd(m, [r.items[0]!], throughDefaults);
  return r;
});

// ---------------------------------------------------------------------------------------------
// Access from instances
// ---------------------------------------------------------------------------------------------

function reverseAccessor(inst: ModelInstance, name: string): ForeignObjectRel | undefined {
  return reverseRelations(inst.info.apps, inst.meta, false).find((r) => accessorName(r) === name);
}

relationHooks.reverseManager = (inst, name) => {
  if (name.startsWith('m2m:')) {
    const field = inst.meta.findField(name.slice(4)) as ManyToManyField;
    const m = new RelatedManagerObject(ManyRelatedManagerClass, inst, 'm2m', field, false, field.name!);
    m.model = relatedModel(m).cls;
    m.name = 'objects';
    checkM2MInstance(m);
    return m;
  }
  const rel = reverseAccessor(inst, name);
  if (!rel) return undefined;
  if (rel instanceof ManyToManyRel) {
    const m = new RelatedManagerObject(ManyRelatedManagerClass, inst, 'm2m', rel.field as ManyToManyField, true, name);
    m.model = relatedModel(m).cls;
    m.name = 'objects';
    checkM2MInstance(m);
    return m;
  }
  if (rel instanceof OneToOneRel) return reverseOneToOne(inst, rel, name);
  const fk = rel.field as ForeignKey;
  const m = new RelatedManagerObject(RelatedManagerClass, inst, 'reverse', fk, false, name);
  m.model = relatedModel(m).cls;
  m.name = 'objects';
  if (inst.pk === None) {
    throw pyError(ValueError, `${repr(inst.cls.name)} instance needs to have a primary key value before this relationship can be used.`);
  }
  return m;
};

function reverseOneToOne(inst: ModelInstance, rel: OneToOneRel, name: string): PyValue {
  const cached = inst.fieldsCache.get(name);
  if (cached !== undefined && cached !== None) return cached;
  const apps = inst.info.apps;
  const owner = relOwner(apps, rel);
  const fk = rel.field as ForeignKey;
  let obj: PyValue = None;
  if (inst.pk !== None) {
    const qs = filterQs(baseQueryset(classFor(apps, owner)), [], new Map([[fk.name!, inst]]), false);
    const rows = qs.fetchAll();
    obj = rows[0] ?? None;
  }
  if (obj === None) {
    const exc = classFor(apps, owner).lookup('DoesNotExist') as PyClass;
    throw pyError(reverseRelatedDoesNotExist(inst.cls, name, exc), `${inst.cls.name} has no ${name}.`);
  }
  (obj as ModelInstance).fieldsCache.set(fk.name!, inst);
  inst.fieldsCache.set(name, obj);
  return obj;
}

relationHooks.reverseAssign = (inst, name, value) => {
  const rel = reverseAccessor(inst, name);
  if (!rel) return false;
  if (rel instanceof OneToOneRel) {
    if (value !== None && value instanceof ModelInstance) {
      value.setRelated(rel.field as ForeignKey, inst);
      inst.fieldsCache.set(name, value);
    }
    return true;
  }
  if (rel instanceof ManyToManyRel) {
    throw pyError(TypeError, `Direct assignment to the reverse side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
  }
  throw pyError(TypeError, `Direct assignment to the reverse side of a related set is prohibited. Use ${name}.set() instead.`);
};

relationHooks.fetchOne = (info, pk, fields) => {
  let qs = filterQs(baseQueryset(info.cls), [], new Map([['pk', pk]]), false);
  if (fields) qs = QUERYSET_METHODS.only!(qs, fields, NO_KWARGS) as QuerySetObject;
  const rows = qs.fetchAll();
  return (rows[0] as ModelInstance | undefined) ?? null;
};

relationHooks.fetchRelated = (info, field, value) => {
  const qs = filterQs(baseQueryset(info.cls), [], new Map([[field.name!, value]]), false);
  try {
    return getObject(qs, [], NO_KWARGS) as ModelInstance;
  } catch (e) {
    if (e instanceof Error && 'matches' in e) {
      const exc = info.cls.lookup('DoesNotExist') as PyClass;
      if ((e as { matches(c: PyClass): boolean }).matches(exc)) return null;
    }
    throw e;
  }
};

