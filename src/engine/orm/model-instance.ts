/**
 * Model instances (django.db.models.base.Model): construction from arguments like Model.__init__,
 * field values stored by attname, foreign keys through their `<name>_id` column with a cache of
 * the related object, reverse accessors and many-to-many managers, `pk`, `save()` (UPDATE, then
 * INSERT when nothing was updated; INSERT … RETURNING for new rows), `refresh_from_db()`,
 * `delete()`, and the reprs Django prints (`<Product: Boot>`, `Sale object (1)`).
 */
import {
  AttributeError,
  IndexError,
  type Kwargs,
  NativeFunction,
  NO_KWARGS,
  None,
  PyClass,
  PyDict,
  PyClassMethod,
  PyObject,
  PySet,
  PySlice,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  callMethod,
  eq,
  getattr,
  hashKey,
  isinstance,
  pyError,
  repr,
  setattr,
  str,
  strRepr,
  toArray,
  truthy,
  typeOf,
} from '../python/objects.ts';
import { DatabaseErrorClass } from '../django/exceptions.ts';
import { sendModelSignal } from './signals.ts';
import type { Apps } from '../state/apps.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyField, OneToOneField } from '../state/fields/related.ts';
import { DateField, DateTimeField, TimeField } from '../state/fields/scalar.ts';
import type { ModelMeta } from '../state/meta.ts';
import { internalType, targetField } from '../db/postgres/data-types.ts';
import { Q } from '../state/expressions.ts';
import { getItem } from '../python/operators.ts';
import { quoteName } from '../db/postgres/compiler.ts';
import { fieldDefault, fromDb, kindOfField, prepSave, timezoneNow } from './convert.ts';
import { execute, ormInterpreter } from './runtime.ts';
import { accessorName, fm, relTarget, reverseRelations } from './meta-utils.ts';
import { atomic } from './transaction.ts';
import { isResolvable } from './expressions.ts';
import { Query } from './query.ts';
import { cleanFields, fullClean, validateUnique } from './validation.ts';

/** What a model class knows about itself in the ORM. */
export interface ModelInfo {
  cls: PyClass;
  meta: ModelMeta;
  /** The registry relations are resolved in (the project's, or a migration state's). */
  apps: Apps;
}

export function infoOf(cls: PyValue): ModelInfo | undefined {
  return cls instanceof PyClass ? (cls.native['orm'] as ModelInfo | undefined) : undefined;
}

/** The model class for `meta` in `apps` (installed by model-class.ts; avoids an import cycle). */
export const classResolver = {
  classFor: (_apps: Apps, _meta: ModelMeta): PyClass => {
    throw new Error('model classes not installed');
  },
};

export function classFor(apps: Apps, meta: ModelMeta): PyClass {
  return classResolver.classFor(apps, meta);
}

/** Managers of relations, created per access (installed by related.ts). */
export const relationHooks = {
  reverseManager: (_inst: ModelInstance, _relName: string): PyValue | undefined => undefined,
  reverseAssign: (_inst: ModelInstance, _name: string, _value: PyValue): boolean => false,
  deleteInstance: (_inst: ModelInstance, _kwargs: Kwargs): PyValue => None,
  /** A queryset for refresh_from_db: `Model._base_manager.filter(pk=...)` rows as instances. */
  fetchOne: (_info: ModelInfo, _pk: PyValue, _fields: string[] | null): ModelInstance | null => null,
  /** The related object of a forward foreign key (SELECT … WHERE pk = id). */
  fetchRelated: (_info: ModelInfo, _field: Field, _value: PyValue): ModelInstance | null => null,
};


/** The marker a field without a value takes when the database computes it (db_default). */
export class DatabaseDefault extends PyObject {
  static readonly instance = new DatabaseDefault();
  get pyClass(): PyClass {
    return databaseDefaultClass;
  }
  override nativeRepr(): string {
    return '<django.db.models.expressions.DatabaseDefault object>';
  }
}
const databaseDefaultClass = new PyClass('DatabaseDefault', { module: 'django.db.models.expressions' });

export class ModelInstance extends PyObject {
  override dict = new Map<string, PyValue>();
  adding = true;
  db: string | null = null;
  /** Related objects by field name (forward FKs) or accessor name (reverse one-to-one). */
  readonly fieldsCache = new Map<string, PyValue>();
  /** prefetch_related results by accessor name. */
  readonly prefetched = new Map<string, PyValue[]>();
  /** attnames not loaded (only()/defer()). */
  deferred: Set<string> | null = null;
  private stateObject: PyObject | null = null;

  constructor(
    readonly cls: PyClass,
    readonly info: ModelInfo,
  ) {
    super();
  }

  get pyClass(): PyClass {
    return this.cls;
  }

  get meta(): ModelMeta {
    return this.info.meta;
  }

  /** The model holding the fields (a proxy's concrete model). */
  get fmeta(): ModelMeta {
    return fm(this.info.meta);
  }

  /** The primary key value (None when unsaved). */
  get pk(): PyValue {
    const pk = this.fmeta.pk!;
    return this.value(pk.attname!);
  }

  value(attname: string): PyValue {
    const v = this.dict.get(attname);
    if (v !== undefined) return v;
    if (this.deferred?.has(attname)) {
      this.refreshFromDb([attname]);
      return this.dict.get(attname) ?? None;
    }
    return None;
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    const meta = this.fmeta;
    if (name === 'pk') return this.pk;
    if (name === '_state') return (this.stateObject ??= new ModelStateObject(this));
    if (name === '__dict__') return new InstanceDict(this, (this.stateObject ??= new ModelStateObject(this)));
    if (name === '_prefetched_objects_cache') return new PyDict([...this.prefetched].map(([k, v]) => [k, v as unknown as PyValue]));
    const field = meta.findField(name);
    if (field) {
      if (field instanceof ManyToManyField) return relationHooks.reverseManager(this, `m2m:${field.name}`);
      if (field instanceof ForeignKey && name === field.name) return this.relatedObject(field);
      if (field.attname === name) {
        const v = this.dict.get(name);
        if (v !== undefined) return v;
        if (this.deferred?.has(name)) {
          this.refreshFromDb([name]);
          return this.dict.get(name);
        }
        return undefined;
      }
    }
    if (this.dict.has(name)) return undefined;
    const nb = /^get_(next|previous)_by_(\w+)$/.exec(name);
    if (nb) {
      const f = meta.findField(nb[2]!);
      const t = f ? internalType(f) : '';
      if (f && !f.isNull && (t === 'DateField' || t === 'DateTimeField')) {
        return new NativeFunction(name, (_a, kwargs) => nextOrPreviousBy(this, f, nb[1] === 'next', kwargs), { qualname: 'Model._get_next_or_previous_by_FIELD' });
      }
    }
    const m = /^get_(\w+)_display$/.exec(name);
    if (m) {
      const f = meta.findField(m[1]!);
      if (f && f.choices !== None) return new NativeFunction(name, () => displayValue(this, f), { qualname: `Model._get_FIELD_display` });
    }
    return relationHooks.reverseManager(this, name);
  }

  override nativeSetAttr(name: string, value: PyValue): boolean {
    const meta = this.fmeta;
    if (name === 'pk') {
      this.setValue(meta.pk!.attname!, value);
      return true;
    }
    const field = meta.findField(name);
    if (field) {
      if (field instanceof ManyToManyField) {
        throw pyError(TypeError, `Direct assignment to the forward side of a many-to-many set is prohibited. Use ${field.name}.set() instead.`);
      }
      if (field instanceof ForeignKey && name === field.name) {
        this.setRelated(field, value);
        return true;
      }
      if (field.attname === name) {
        this.setValue(name, value);
        return true;
      }
    }
    if (this.cls.lookup(name) !== undefined) return false;
    return relationHooks.reverseAssign(this, name, value);
  }

  /** Sets a concrete field's value by attname (a changed FK id drops the cached object). */
  setValue(attname: string, value: PyValue): void {
    const field = this.fmeta.findField(attname);
    if (field instanceof ForeignKey && field.attname === attname) {
      const old = this.dict.get(attname);
      if (old !== undefined && !eq(old, value)) this.fieldsCache.delete(field.name!);
    }
    this.dict.set(attname, value);
    this.deferred?.delete(attname);
  }

  /** `instance.<fk>`: the cached object, or fetched by its key (None when the key is None). */
  relatedObject(field: ForeignKey): PyValue {
    const cached = this.fieldsCache.get(field.name!);
    if (cached !== undefined) return cached;
    const value = this.value(field.attname!);
    if (value === None) return None;
    const apps = this.info.apps;
    const target = relTarget(apps, field);
    const targetInfo = infoOf(classFor(apps, target))!;
    const obj = relationHooks.fetchRelated(targetInfo, targetField(field), value);
    if (!obj) {
      const cls = targetInfo.cls;
      const exc = cls.lookup('DoesNotExist') as PyClass;
      const rel = relatedDoesNotExist(this.cls, field, exc);
      throw pyError(rel, `${this.meta.objectName} has no ${field.name}.`);
    }
    // A one-to-one's reverse side knows its object too.
    if (field instanceof OneToOneField) {
      const acc = accessorName(field.remoteField);
      if (acc) obj.fieldsCache.set(acc, this);
    }
    this.fieldsCache.set(field.name!, obj);
    return obj;
  }

  /** ForwardManyToOneDescriptor.__set__ */
  setRelated(field: ForeignKey, value: PyValue): void {
    const apps = this.info.apps;
    const target = relTarget(apps, field);
    if (value !== None) {
      const targetCls = classFor(apps, target);
      const concreteCls = classFor(apps, target.concreteModel);
      if (!isinstance(value, concreteCls) && !isinstance(value, targetCls)) {
        throw pyError(
          ValueError,
          `Cannot assign "${repr(value)}": "${this.meta.objectName}.${field.name}" must be a "${target.objectName}" instance.`,
        );
      }
      const related = value as ModelInstance;
      const tf = targetField(field);
      this.dict.set(field.attname!, related.value(tf.attname!));
      this.fieldsCache.set(field.name!, value);
      if (field instanceof OneToOneField) {
        const acc = accessorName(field.remoteField);
        if (acc) related.fieldsCache.set(acc, this);
      }
    } else {
      this.dict.set(field.attname!, None);
      this.fieldsCache.set(field.name!, None);
    }
  }

  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof ModelInstance)) return false;
    if (this === other) return true;
    if (other.meta.concreteModel.labelLower !== this.meta.concreteModel.labelLower) return false;
    const pk = this.pk;
    if (pk === None) return false;
    return eq(pk, other.pk);
  }

  override nativeHashKey(): string {
    const pk = this.pk;
    if (pk === None) throw pyError(TypeError, 'Model instances without primary key value are unhashable');
    const k = hashKey(pk);
    return `model:${this.meta.concreteModel.labelLower}:${typeof k === 'string' ? k : '?'}`;
  }

  /** Django's `Model.__reduce__` is not needed; `copy.copy` support would go here. */

  refreshFromDb(fields: string[] | null): void {
    const row = relationHooks.fetchOne(this.info, this.pk, fields);
    if (!row) {
      const exc = this.cls.lookup('DoesNotExist') as PyClass;
      throw pyError(exc, `${this.meta.objectName} matching query does not exist.`);
    }
    for (const f of this.fmeta.concreteFields) {
      const a = f.attname!;
      if (row.deferred?.has(a)) continue;
      if (fields && !fields.includes(a) && !fields.includes(f.name!)) continue;
      if (!row.dict.has(a)) continue;
      this.dict.set(a, row.dict.get(a)!);
      this.deferred?.delete(a);
      if (f instanceof ForeignKey) this.fieldsCache.delete(f.name!);
    }
    if (!fields) {
      for (const rel of reverseRelations(this.info.apps, this.meta)) {
        const acc = accessorName(rel);
        if (acc) this.fieldsCache.delete(acc);
      }
      this.prefetched.clear();
    }
    this.db = row.db;
  }
}

function displayValue(inst: ModelInstance, f: Field): PyValue {
  const value = inst.value(f.attname!);
  for (const choice of toArray(f.choices)) {
    const pair = toArray(choice);
    const [k, v] = pair as [PyValue, PyValue];
    if (v instanceof PyObject && !(v instanceof PyTuple) && typeof v !== 'string') {
      // grouped choices
      try {
        for (const sub of toArray(v)) {
          const [sk, sv] = toArray(sub) as [PyValue, PyValue];
          if (eq(sk, value)) return str(sv);
        }
        continue;
      } catch {
        /* not a group */
      }
    }
    if (eq(k, value)) return str(v);
  }
  return value === None ? None : str(value);
}

/**
 * `__dict__` of an instance: `_state` then the field values (Django keeps both as instance
 * attributes); writing through it sets the attributes.
 */
class InstanceDict extends PyDict {
  constructor(
    private readonly inst: ModelInstance,
    state: PyValue,
  ) {
    super([['_state', state], ...inst.dict]);
  }
  override set(key: PyValue, value: PyValue): void {
    super.set(key, value);
    // (this.inst is unset while the constructor fills the dict)
    if (this.inst && typeof key === 'string' && key !== '_state') this.inst.dict.set(key, value);
  }
  override delete(key: PyValue): boolean {
    const r = super.delete(key);
    if (this.inst && typeof key === 'string') this.inst.dict.delete(key);
    return r;
  }
}

/**
 * get_next_by_FOO()/get_previous_by_FOO() of a non-null date field: the nearest row after (before)
 * this one by that field, then by pk, among the default manager's rows filtered by `kwargs`.
 */
function nextOrPreviousBy(inst: ModelInstance, f: Field, isNext: boolean, kwargs: Kwargs): PyValue {
  if (inst.pk === None) throw pyError(ValueError, 'get_next/get_previous cannot be used on unsaved objects.');
  const op = isNext ? 'gt' : 'lt';
  const order = isNext ? '' : '-';
  const param = inst.value(f.attname!);
  const tie = new Q([new PyTuple([f.name!, param]), new PyTuple([`pk__${op}`, inst.pk])], 'AND');
  const q = new Q([tie, new PyTuple([`${f.name}__${op}`, param])], 'OR');
  let qs = callMethod(getattr(inst.cls, '_default_manager'), 'filter', [], kwargs);
  qs = callMethod(callMethod(qs, 'filter', [q]), 'order_by', [`${order}${f.name}`, `${order}pk`]);
  const rows = toArray(getItem(qs, new PySlice(None, 1n, None)));
  if (!rows.length) throw pyError(getattr(inst.cls, 'DoesNotExist') as PyClass, `${inst.meta.objectName} matching query does not exist.`);
  return rows[0]!;
}

/** The reverse one-to-one's `RelatedObjectDoesNotExist` (`Customer.profile.RelatedObjectDoesNotExist`). */
export function reverseRelatedDoesNotExist(owner: PyClass, accessor: string, exc: PyClass): PyClass {
  const key = `rdne-rev:${accessor}`;
  const cached = owner.native[key] as PyClass | undefined;
  if (cached) return cached;
  const cls = new PyClass('RelatedObjectDoesNotExist', {
    module: owner.module,
    qualname: `${owner.qualname}.${accessor}.RelatedObjectDoesNotExist`,
    bases: [exc, AttributeError],
  });
  owner.native[key] = cls;
  return cls;
}

/** `RelatedObjectDoesNotExist` (a subclass of the target's DoesNotExist and AttributeError). */
export function relatedDoesNotExist(owner: PyClass, field: Field, exc: PyClass): PyClass {
  const key = `rdne:${field.name}`;
  const cached = owner.native[key] as PyClass | undefined;
  if (cached) return cached;
  const cls = new PyClass('RelatedObjectDoesNotExist', {
    module: owner.module,
    qualname: `${owner.qualname}.${field.name}.RelatedObjectDoesNotExist`,
    bases: [exc, AttributeError],
  });
  owner.native[key] = cls;
  return cls;
}

/** `instance._state`. */
class ModelStateObject extends PyObject {
  constructor(readonly inst: ModelInstance) {
    super();
  }
  get pyClass(): PyClass {
    return modelStateClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'adding') return this.inst.adding;
    if (name === 'db') return this.inst.db ?? None;
    if (name === 'fields_cache') return new PyDict([...this.inst.fieldsCache]);
    return undefined;
  }
  override nativeSetAttr(name: string, value: PyValue): boolean {
    if (name === 'adding') {
      this.inst.adding = truthy(value);
      return true;
    }
    if (name === 'db') {
      this.inst.db = value === None ? null : str(value);
      return true;
    }
    return false;
  }
}
const modelStateClass = new PyClass('ModelState', { module: 'django.db.models.base' });

// ---------------------------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------------------------

/** Model.__init__(*args, **kwargs). */
export function initInstance(inst: ModelInstance, args: PyValue[], kwargs: Kwargs): void {
  const meta = inst.fmeta;
  if (inst.meta.abstract) throw pyError(TypeError, 'Abstract models cannot be instantiated.');
  const clsName = inst.cls.name;
  if (meta.abstract) throw pyError(TypeError, 'Abstract models cannot be instantiated.');
  const concrete = meta.concreteFields;
  if (args.length > concrete.length) throw pyError(IndexError, 'Number of args exceeds number of fields');
  const rest = new Map(kwargs);
  let i = 0;
  for (; i < args.length; i++) {
    const f = concrete[i]!;
    inst.setValue(f.attname!, args[i]!);
    if (rest.size && rest.has(f.name!)) {
      throw pyError(TypeError, `${inst.cls.qualname}() got both positional and keyword arguments for field '${f.name}'.`);
    }
  }
  for (const f of concrete.slice(i)) {
    if (f.column === null || f.generated) continue;
    if (rest.size) {
      if (f instanceof ForeignKey) {
        if (rest.has(f.name!)) {
          const obj = rest.get(f.name!)!;
          rest.delete(f.name!);
          inst.setRelated(f, obj);
          continue;
        }
        if (rest.has(f.attname!)) {
          inst.setValue(f.attname!, rest.get(f.attname!)!);
          rest.delete(f.attname!);
          continue;
        }
      } else if (rest.has(f.attname!)) {
        inst.setValue(f.attname!, rest.get(f.attname!)!);
        rest.delete(f.attname!);
        continue;
      }
    }
    inst.dict.set(f.attname!, defaultFor(f));
  }
  if (rest.size) {
    const unexpected: string[] = [];
    for (const [name, value] of rest) {
      if (name === 'pk') {
        inst.setValue(meta.pk!.attname!, value);
        continue;
      }
      const attr = inst.cls.lookup(name);
      if (attr !== undefined && typeOf(attr).name === 'property') {
        setInstanceAttr(inst, name, value);
        continue;
      }
      const f = meta.findField(name);
      if (f || isReverseName(inst, name)) {
        setInstanceAttr(inst, name, value);
        continue;
      }
      unexpected.push(name);
    }
    if (unexpected.length) {
      throw pyError(TypeError, `${clsName}() got unexpected keyword arguments: ${unexpected.map((n) => strRepr(n)).join(', ')}`);
    }
  }
}


function isReverseName(inst: ModelInstance, name: string): boolean {
  return reverseRelations(inst.info.apps, inst.meta).some((r) => accessorName(r) === name);
}

function setInstanceAttr(inst: ModelInstance, name: string, value: PyValue): void {
  setattr(inst, name, value);
}

/** `field.get_default()` for a new instance (a db_default makes the database fill it). */
function defaultFor(f: Field): PyValue {
  if (!f.hasDefault() && f.hasDbDefault()) return DatabaseDefault.instance;
  if (f instanceof ForeignKey) {
    const d = fieldDefault(f);
    if (d instanceof ModelInstance) return d.value(targetField(f).attname!);
    return d;
  }
  return fieldDefault(f);
}

/** A bare instance of a model class (Model.__new__ + Model.__init__). */
export function newInstance(cls: PyClass, args: PyValue[], kwargs: Kwargs): ModelInstance {
  const info = infoOf(cls);
  if (!info) throw pyError(TypeError, `${cls.name} is not a concrete model`);
  const inst = new ModelInstance(cls, info);
  initInstance(inst, args, kwargs);
  return inst;
}

/** `Model.from_db`: an instance from a row (values in `fields` order), marked as loaded. */
export function instanceFromRow(info: ModelInfo, fields: Field[], values: PyValue[], allFields: Field[]): ModelInstance {
  const inst = new ModelInstance(info.cls, info);
  for (let i = 0; i < fields.length; i++) inst.dict.set(fields[i]!.attname!, values[i]!);
  if (fields.length !== allFields.length) {
    inst.deferred = new Set(allFields.filter((f) => !fields.includes(f)).map((f) => f.attname!));
  }
  inst.adding = false;
  inst.db = 'default';
  return inst;
}

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

/** `field.pre_save(obj, add)`: auto_now / auto_now_add set the instance's value. */
function preSave(inst: ModelInstance, f: Field, add: boolean): PyValue {
  if ((f instanceof DateField || f instanceof TimeField) && (truthy(f.autoNow) || (add && truthy(f.autoNowAdd)))) {
    let now = timezoneNow();
    if (!(f instanceof DateTimeField)) {
      now = call(getattr(now, f instanceof TimeField ? 'time' : 'date'));
    }
    inst.dict.set(f.attname!, now);
    return now;
  }
  return inst.value(f.attname!);
}

/** `_prepare_related_fields_for_save`. */
function prepareRelatedFields(inst: ModelInstance, operation: string): void {
  for (const f of inst.fmeta.concreteFields) {
    if (!(f instanceof ForeignKey)) continue;
    const obj = inst.fieldsCache.get(f.name!);
    if (obj === undefined || obj === None || !(obj instanceof ModelInstance)) continue;
    if (obj.pk === None) {
      throw pyError(ValueError, `${operation}() prohibited to prevent data loss due to unsaved related object '${f.name}'.`);
    }
    const tf = targetField(f);
    const mine = inst.value(f.attname!);
    const theirs = obj.value(tf.attname!);
    if (mine === None) inst.dict.set(f.attname!, theirs);
    else if (!eq(mine, theirs)) inst.fieldsCache.delete(f.name!);
  }
}

export interface SaveOptions {
  forceInsert: boolean;
  forceUpdate: boolean;
  updateFields: string[] | null;
}

/** Model.save(). */
export function saveInstance(inst: ModelInstance, opts: SaveOptions): void {
  prepareRelatedFields(inst, 'save');
  const meta = inst.fmeta;
  if (opts.forceInsert && (opts.forceUpdate || opts.updateFields)) {
    throw pyError(ValueError, 'Cannot force both insert and updating in model saving.');
  }
  let updateFields = opts.updateFields;
  if (updateFields !== null) {
    if (updateFields.length === 0) return;
    const names = new Set<string>();
    for (const f of meta.concreteFields) {
      if (f.isPrimaryKey) continue;
      names.add(f.name!);
      names.add(f.attname!);
    }
    const bad = updateFields.filter((n) => !names.has(n));
    if (bad.length) {
      throw pyError(
        ValueError,
        `The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: ${bad.join(', ')}`,
      );
    }
  } else if (!opts.forceInsert && inst.deferred && inst.deferred.size && inst.db === 'default') {
    const loaded = meta.concreteFields.filter((f) => !inst.deferred!.has(f.attname!)).map((f) => f.attname!);
    updateFields = loaded;
  }
  // save_base: pre_save and post_save, sent with the instance's own class (a proxy's too)
  const signalled = !meta.autoCreated;
  const fieldsSent: PyValue = updateFields === null ? None : new PySet(updateFields, true);
  const common: [string, PyValue][] = [['instance', inst], ['raw', false], ['using', 'default']];
  if (signalled) sendModelSignal('pre_save', inst.cls, [...common, ['update_fields', fieldsSent]]);
  let updated = false;
  const run = () => {
    const parentInserted = saveParents(inst, meta, updateFields);
    updated = saveTable(inst, meta, opts.forceInsert || parentInserted, opts.forceUpdate, updateFields);
    return None;
  };
  // a model with parents saves several rows: in one transaction
  if (meta.parents.size) atomic(run, false);
  else run();
  inst.db = 'default';
  inst.adding = false;
  if (signalled) sendModelSignal('post_save', inst.cls, [['instance', inst], ['created', !updated], ['update_fields', fieldsSent], ['raw', false], ['using', 'default']]);
}

/** `_save_parents`: the parent rows first (multi-table inheritance); whether one was inserted. */
function saveParents(inst: ModelInstance, meta: ModelMeta, updateFields: string[] | null): boolean {
  let inserted = false;
  for (const [parent, link] of meta.parents) {
    if (!link) continue;
    const ppk = parent.pk!;
    if (inst.value(ppk.attname!) === None && inst.value(link.attname!) !== None) inst.dict.set(ppk.attname!, inst.value(link.attname!));
    const parentInserted = saveParents(inst, parent, updateFields);
    const updated = saveTable(inst, parent, parentInserted, false, updateFields);
    if (!updated) inserted = true;
    inst.dict.set(link.attname!, inst.value(ppk.attname!));
    inst.fieldsCache.delete(link.name!);
  }
  return inserted;
}

function saveTable(inst: ModelInstance, meta: ModelMeta, forceInsert: boolean, forceUpdate: boolean, updateFields: string[] | null): boolean {
  const pk = meta.pk!;
  let nonPks = meta.localFields.filter((f) => f.concrete && !f.isPrimaryKey && !f.generated);
  if (updateFields) nonPks = nonPks.filter((f) => updateFields.includes(f.name!) || updateFields.includes(f.attname!));
  if (inst.value(pk.attname!) === None || inst.value(pk.attname!) === DatabaseDefault.instance) {
    const v = pk.hasDefault() ? fieldDefault(pk) : None;
    inst.dict.set(pk.attname!, v);
  }
  const pkSet = inst.value(pk.attname!) !== None;
  if (!pkSet && (forceUpdate || updateFields)) throw pyError(ValueError, 'Cannot force an update in save() with no primary key.');
  let updated = false;
  if (!forceInsert && !forceUpdate && inst.adding && (pk.hasDefault() || pk.hasDbDefault())) forceInsert = true;
  if (pkSet && !forceInsert) {
    const values: [Field, PyValue][] = nonPks.map((f) => [f, preSave(inst, f, false)]);
    updated = doUpdate(inst, meta, values, updateFields !== null);
    if (forceUpdate && !updated) throw pyError(DatabaseErrorClass, 'Forced update did not affect any rows.');
    if (updateFields && !updated) throw pyError(DatabaseErrorClass, 'Save with update_fields did not affect any rows.');
  }
  if (!updated) {
    const fields = meta.localFields.filter((f) => f.concrete && !f.generated && (pkSet || !isAutoField(f)));
    insertRows({ ...inst.info, meta }, [inst], fields, true, false);
  }
  return updated;
}

function isAutoField(f: Field): boolean {
  const t = f.getInternalType();
  return t === 'AutoField' || t === 'BigAutoField' || t === 'SmallAutoField';
}

/** `_do_update`: UPDATE … WHERE pk = %s; whether a row was updated. */
function doUpdate(inst: ModelInstance, meta: ModelMeta, values: [Field, PyValue][], updateFieldsGiven: boolean): boolean {
  const table = quoteName(meta.dbTable);
  const pk = meta.pk!;
  const pkVal = prepSave(pk, inst.value(pk.attname!));
  if (values.length === 0) {
    if (updateFieldsGiven) return true;
    const r = execute(`SELECT 1 AS "a" FROM ${table} WHERE ${table}.${quoteName(pk.column!)} = %s LIMIT 1`, [pkVal]);
    return r.rows.length > 0;
  }
  const sets: string[] = [];
  const params: PyValue[] = [];
  for (const [f, v] of values) {
    if (v === DatabaseDefault.instance) {
      sets.push(`${quoteName(f.column!)} = DEFAULT`);
      continue;
    }
    if (isResolvable(v)) {
      // `obj.stock = F('stock') - 1; obj.save()`: the expression, resolved against the table (no joins)
      const [sql, p] = new Query(meta, inst.info.apps).resolveExpression(v, null, false).asSql({ model: meta });
      sets.push(`${quoteName(f.column!)} = ${sql}`);
      params.push(...p);
      continue;
    }
    const prepared = prepSave(f, v);
    if (prepared === None) sets.push(`${quoteName(f.column!)} = NULL`);
    else {
      sets.push(`${quoteName(f.column!)} = %s`);
      params.push(prepared);
    }
  }
  params.push(pkVal);
  const r = execute(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${table}.${quoteName(pk.column!)} = %s`, params);
  return (r.rowCount ?? 0) > 0;
}

/** The fields INSERT … RETURNING gives back (`db_returning_fields`): the auto pk, db_default/generated fields. */
function returningFields(meta: ModelMeta): Field[] {
  return meta.localFields.filter((f) => f.concrete && (isAutoField(f) || f.hasDbDefault() || f.generated));
}

/**
 * `_insert` / bulk_create: one INSERT for the given objects, returning the generated values
 * when `returning`; `ignoreConflicts` adds ON CONFLICT DO NOTHING.
 */
export function insertRows(
  info: ModelInfo,
  objs: ModelInstance[],
  fields: Field[],
  returning: boolean,
  ignoreConflicts: boolean,
  /** bulk_create(update_conflicts=True): ON CONFLICT(unique) DO UPDATE SET update = EXCLUDED.update */
  upsert: { unique: Field[]; update: Field[] } | null = null,
): void {
  const meta = fm(info.meta);
  const table = quoteName(meta.dbTable);
  const params: PyValue[] = [];
  const rows: string[] = [];
  let cols = fields;
  if (cols.length === 0) cols = [meta.pk!];
  for (const obj of objs) {
    const parts: string[] = [];
    for (const f of cols) {
      if (fields.length === 0) {
        parts.push('DEFAULT');
        continue;
      }
      const raw = preSave(obj, f, true);
      if (raw === DatabaseDefault.instance) {
        parts.push('DEFAULT');
        continue;
      }
      const v = prepSave(f, raw);
      if (v === None) parts.push('NULL');
      else {
        parts.push('%s');
        params.push(v);
      }
    }
    rows.push(`(${parts.join(', ')})`);
  }
  let sql = `INSERT INTO ${table} (${cols.map((f) => quoteName(f.column!)).join(', ')}) VALUES ${rows.join(', ')}`;
  if (ignoreConflicts) sql += ' ON CONFLICT DO NOTHING';
  else if (upsert) {
    const set = upsert.update.map((f) => `${quoteName(f.column!)} = EXCLUDED.${quoteName(f.column!)}`);
    sql += ` ON CONFLICT(${upsert.unique.map((f) => quoteName(f.column!)).join(', ')}) DO UPDATE SET ${set.join(', ')}`;
  }
  const ret = returning && !ignoreConflicts ? returningFields(meta) : [];
  if (ret.length) sql += ` RETURNING ${ret.map((f) => `${table}.${quoteName(f.column!)}`).join(', ')}`;
  const r = execute(sql, params);
  if (ret.length) {
    r.rows.forEach((row, i) => {
      const obj = objs[i];
      if (!obj) return;
      ret.forEach((f, j) => obj.dict.set(f.attname!, fromDb(row[j] ?? null, kindOfField(f))));
    });
  }
  for (const obj of objs) {
    obj.adding = false;
    obj.db = 'default';
  }
}

// ---------------------------------------------------------------------------------------------
// Methods of models.Model
// ---------------------------------------------------------------------------------------------

function self(args: PyValue[], method: string): ModelInstance {
  const s = args[0];
  if (!(s instanceof ModelInstance)) throw pyError(TypeError, `descriptor '${method}' requires a 'Model' object`);
  return s;
}

function kwarg(kwargs: Kwargs, args: PyValue[], name: string, pos: number, def: PyValue): PyValue {
  if (kwargs.has(name)) return kwargs.get(name)!;
  return args[pos] ?? def;
}

function fieldNames(v: PyValue): string[] | null {
  if (v === None) return null;
  if (typeof v === 'string') return [v];
  return toArray(v).map((x) => str(x));
}

/** Installs Model's native behaviour on the `models.Model` class of a project. */
export function installModelMethods(Model: PyClass): void {
  if (Model.native['ormInstalled']) return;
  Model.native['ormInstalled'] = true;
  Model.nativeNew = (cls, args, kwargs) => newInstance(cls, args, kwargs);
  const def = (name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue) =>
    Model.dict.set(name, new NativeFunction(name, impl, { qualname: `Model.${name}`, module: 'django.db.models.base' }));
  def('__init__', (args, kwargs) => {
    const inst = self(args, '__init__');
    initInstance(inst, args.slice(1), kwargs);
    return None;
  });
  def('__repr__', (args) => {
    const inst = self(args, '__repr__');
    return `<${inst.cls.name}: ${str(inst)}>`;
  });
  def('__str__', (args) => {
    const inst = self(args, '__str__');
    return `${inst.cls.name} object (${str(inst.pk)})`;
  });
  def('save', (args, kwargs) => {
    const inst = self(args, 'save');
    const forceInsert = truthy(kwarg(kwargs, args, 'force_insert', 1, false));
    const forceUpdate = truthy(kwarg(kwargs, args, 'force_update', 2, false));
    const updateFields = fieldNames(kwarg(kwargs, args, 'update_fields', 4, None));
    saveInstance(inst, { forceInsert, forceUpdate, updateFields });
    return None;
  });
  def('save_base', (args, kwargs) => {
    const inst = self(args, 'save_base');
    saveInstance(inst, {
      forceInsert: truthy(kwargs.get('force_insert') ?? false),
      forceUpdate: truthy(kwargs.get('force_update') ?? false),
      updateFields: fieldNames(kwargs.get('update_fields') ?? None),
    });
    return None;
  });
  def('delete', (args, kwargs) => {
    const inst = self(args, 'delete');
    if (inst.pk === None) {
      throw pyError(ValueError, `${inst.meta.objectName} object can't be deleted because its ${inst.fmeta.pk!.attname} attribute is set to None.`);
    }
    return relationHooks.deleteInstance(inst, kwargs);
  });
  def('refresh_from_db', (args, kwargs) => {
    const inst = self(args, 'refresh_from_db');
    const fields = fieldNames(kwarg(kwargs, args, 'fields', 2, None));
    if (fields !== null) {
      if (fields.length === 0) return None;
      if (fields.some((f) => f.includes('__'))) {
        throw pyError(ValueError, 'Found "__" in fields argument. Relations and transforms are not allowed in fields.');
      }
    }
    inst.refreshFromDb(fields);
    return None;
  });
  def('get_deferred_fields', (args) => {
    const inst = self(args, 'get_deferred_fields');
    return new PySet([...(inst.deferred ?? [])]);
  });
  def('serializable_value', (args) => {
    const inst = self(args, 'serializable_value');
    const name = str(args[1]!);
    const f = inst.fmeta.findField(name);
    if (!f) return getattr(inst, name);
    return inst.value(f.attname!);
  });
  const arg = (args: PyValue[], kwargs: Kwargs, pos: number, name: string, dflt: PyValue) => args[pos] ?? kwargs.get(name) ?? dflt;
  def('full_clean', (args, kwargs) => {
    fullClean(self(args, 'full_clean'), arg(args, kwargs, 1, 'exclude', None), truthy(arg(args, kwargs, 2, 'validate_unique', true)));
    return None;
  });
  def('clean', () => None);
  def('clean_fields', (args, kwargs) => {
    cleanFields(self(args, 'clean_fields'), arg(args, kwargs, 1, 'exclude', None));
    return None;
  });
  def('validate_unique', (args, kwargs) => {
    validateUnique(self(args, 'validate_unique'), arg(args, kwargs, 1, 'exclude', None));
    return None;
  });
  def('validate_constraints', () => None);
  def('__eq__', (args) => {
    const inst = self(args, '__eq__');
    const other = args[1]!;
    if (!(other instanceof ModelInstance)) return false;
    return inst.nativeEq(other) ?? false;
  });
  def('__hash__', (args) => {
    const inst = self(args, '__hash__');
    const pk = inst.pk;
    if (pk === None) throw pyError(TypeError, 'Model instances without primary key value are unhashable');
    return call(getattr(ormInterpreter()!.builtinsModule, 'hash'), [pk]);
  });
  def('_get_pk_val', (args) => self(args, '_get_pk_val').pk);
  Model.dict.set(
    'from_db',
    new PyClassMethod(
      new NativeFunction(
        'from_db',
        (args) => {
          const cls = args[0] as PyClass;
          const fieldNamesList = toArray(args[2]!).map(str);
          const values = toArray(args[3]!);
          const inst = newInstance(cls, [], NO_KWARGS);
          fieldNamesList.forEach((n, i) => inst.dict.set(n, values[i]!));
          inst.adding = false;
          inst.db = args[1] === None ? null : str(args[1]!);
          return inst;
        },
        { qualname: 'Model.from_db', module: 'django.db.models.base' },
      ),
    ),
  );
}
