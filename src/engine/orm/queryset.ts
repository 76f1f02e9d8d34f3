/**
 * QuerySet (django.db.models.query): lazy, chainable, evaluated on iteration/len/bool/repr/
 * indexing, with Django's methods, messages and reprs (`<QuerySet [<Product: Boot>]>`). Rows
 * become model instances (with select_related objects, annotations and prefetch_related caches),
 * dicts (values), tuples or single values (values_list).
 */
import {
  AttributeError,
  IndexError,
  type Kwargs,
  NO_KWARGS,
  None,
  PyClass,
  PyDict,
  PyIterator,
  PyList,
  PyObject,
  PySlice,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  callMethod,
  getattr,
  hashKey,
  objectClass,
  pyError,
  repr,
  setattr,
  str,
  toArray,
  truthy,
  typeName,
} from '../python/objects.ts';
import { FieldDoesNotExist, FieldError, IntegrityError, MultipleObjectsReturned, NotSupportedError, ObjectDoesNotExist } from '../django/exceptions.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyField, ManyToManyRel, OneToOneField } from '../state/fields/related.ts';
import { F, FUNCTION_CLASSES, Q, Value } from '../state/expressions.ts';
import { makeField } from '../state/fields/registry.ts';
import { EmptyResultSetClass, Node, RawSqlNode, quoteName } from '../db/postgres/compiler.ts';
import { dbType, targetField } from '../db/postgres/data-types.ts';
import { SqlLiteral } from '../db/postgres/values.ts';
import { type ValueKind, fromDb, kindOfField, kindOfOid, prepSave } from './convert.ts';
import { Aggregate, containsAggregate, isResolvable } from './expressions.ts';
import {
  type ModelInfo,
  ModelInstance,
  classFor,
  infoOf,
  insertRows,
  instanceFromRow,
} from './model-instance.ts';
import { type KlassInfo, Query, ormValueHooks } from './query.ts';
import { execute } from './runtime.ts';
import { accessorName, anyField, fm, m2mLinks, relName, relOwner, relTarget, reverseRelations } from './meta-utils.ts';
import { atomic } from './transaction.ts';
import { namedTupleClass } from '../python/stdlib/collections.ts';

const REPR_OUTPUT_SIZE = 20;
const MAX_GET_RESULTS = 21;

type IterKind = 'model' | 'values' | 'values_list' | 'flat' | 'named';

/** How a related manager's queryset ties its rows to the instance (`_known_related_objects`). */
export interface KnownRelated {
  field: ForeignKey;
  instance: ModelInstance;
}

export class QuerySetObject extends PyObject {
  override dict = new Map<string, PyValue>();
  resultCache: PyValue[] | null = null;
  iterKind: IterKind = 'model';
  valuesFields: string[] = [];
  prefetchLookups: PrefetchLookup[] = [];
  /** filter() after _next_is_sticky() reuses the joins of the previous filter. */
  stickyFilter = false;
  knownRelated: KnownRelated | null = null;
  /** The related manager that made this queryset (its prefetched list answers). */
  prefetchedFor: string | null = null;

  constructor(
    readonly cls: PyClass,
    readonly info: ModelInfo,
    public query: Query,
  ) {
    super();
  }

  get pyClass(): PyClass {
    return this.cls;
  }

  get meta() {
    return this.info.meta;
  }

  /** `_chain()`: a copy with a cloned query and no result cache. */
  chain(): QuerySetObject {
    if (this.stickyFilter) this.query.filterIsSticky = true;
    const q = new QuerySetObject(this.cls, this.info, this.query.clone());
    this.query.filterIsSticky = false;
    this.stickyFilter = false;
    q.iterKind = this.iterKind;
    q.valuesFields = [...this.valuesFields];
    q.prefetchLookups = [...this.prefetchLookups];
    q.knownRelated = this.knownRelated;
    for (const [k, v] of this.dict) q.dict.set(k, v);
    return q;
  }

  fetchAll(): PyValue[] {
    if (this.resultCache === null) {
      this.resultCache = this.runQuery();
      if (this.prefetchLookups.length && this.iterKind === 'model') prefetchRelatedObjects(this.resultCache as ModelInstance[], this.prefetchLookups);
    }
    return this.resultCache;
  }

  /** Runs the SELECT and builds the results. */
  runQuery(): PyValue[] {
    const c = this.query.compileSelect();
    if (c.empty) return [];
    const r = execute(c.compiled[0], c.compiled[1]);
    // a column of unknown output field (RawSQL, extra(select=…)) is read by its type, like psycopg2 does
    const kinds = c.columns.map((col, i) => (col.kind === 'raw' && r.fields[i] ? kindOfOid(r.fields[i]!.typeOid) : col.kind));
    const out: PyValue[] = [];
    let rowClass: PyClass | null = null;
    for (const row of r.rows) {
      const values = row.map((text, i) => fromDb(text, kinds[i] as ValueKind));
      if (this.iterKind === 'model') {
        const obj = this.buildInstance(c.klassInfo!, values);
        for (const [name, idx] of c.annotationCols) obj.dict.set(name, values[idx]!);
        if (this.knownRelated) {
          const { field, instance } = this.knownRelated;
          const tf = targetField(field);
          const v = obj.dict.get(field.attname!);
          if (v !== undefined && v !== None && instance.dict.has(tf.attname!) && hashKey(v) === hashKey(instance.value(tf.attname!))) {
            obj.fieldsCache.set(field.name!, instance);
          }
        }
        out.push(obj);
      } else if (this.iterKind === 'values') {
        out.push(new PyDict(c.valueCols.map(([name, idx]) => [name, values[idx]!])));
      } else if (this.iterKind === 'values_list') {
        out.push(new PyTuple(c.valueCols.map(([, idx]) => values[idx]!)));
      } else if (this.iterKind === 'named') {
        rowClass ??= namedTupleClass('Row', c.valueCols.map(([name]) => name), 'django.db.models.utils');
        out.push(call(rowClass, c.valueCols.map(([, idx]) => values[idx]!)));
      } else {
        out.push(values[c.valueCols[0]![1]]!);
      }
    }
    return out;
  }

  private buildInstance(ki: KlassInfo, values: PyValue[]): ModelInstance {
    const info = infoOf(classFor(this.info.apps, ki.meta))!;
    const fieldValues = values.slice(ki.start, ki.start + ki.fields.length);
    const obj = instanceFromRow(info, ki.fields, fieldValues, this.query.modelFields(ki.meta, true));
    for (const rel of ki.related) {
      const relValues = values.slice(rel.start, rel.start + rel.fields.length);
      const pkIdx = rel.fields.findIndex((f) => f.isPrimaryKey);
      let relObj: PyValue = None;
      if (pkIdx < 0 || relValues[pkIdx] !== None) relObj = this.buildInstance(rel, values);
      obj.fieldsCache.set(rel.viaField!.name!, relObj);
      if (relObj instanceof ModelInstance && rel.viaField instanceof OneToOneField) {
        const acc = accessorName(rel.viaField.remoteField);
        if (acc) relObj.fieldsCache.set(acc, obj);
      }
    }
    return obj;
  }

  override nativeIter(): Iterator<PyValue> {
    return this.fetchAll()[Symbol.iterator]();
  }
  override nativeLen(): number {
    return this.fetchAll().length;
  }
  override nativeBool(): boolean {
    return this.fetchAll().length > 0;
  }
  override nativeGetItem(key: PyValue): PyValue {
    return getItem(this, key);
  }
  override nativeRepr(): string {
    const limited = getItem(this, new PySlice(None, BigInt(REPR_OUTPUT_SIZE + 1), None));
    const data = limited instanceof QuerySetObject ? [...limited.fetchAll()] : toArray(limited);
    if (data.length > REPR_OUTPUT_SIZE) data[data.length - 1] = '...(remaining elements truncated)...';
    return `<${this.cls.name} ${repr(new PyList(data))}>`;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'model':
        return this.info.cls;
      case 'query':
        return new QueryObject(this.query);
      case 'ordered':
        return this.query.ordered;
      case 'db':
        return 'default';
      case '_result_cache':
        return this.resultCache === null ? None : new PyList(this.resultCache);
    }
    return undefined;
  }
}

/** `qs.query`: prints the SQL with its parameters interpolated like Python's `sql % params`. */
class QueryObject extends PyObject {
  constructor(readonly query: Query) {
    super();
  }
  get pyClass(): PyClass {
    return queryClass;
  }
  override nativeStr(): string {
    const c = this.query.compileSelect();
    if (c.empty) throw pyError(EmptyResultSetClass);
    const [sql, params] = c.compiled;
    let i = 0;
    return sql.replace(/%s|%%/g, (m) => (m === '%%' ? '%' : paramStr(params[i++] ?? None)));
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'model') return this.query.model.pyModel ?? None;
    return undefined;
  }
}
const queryClass = new PyClass('Query', { module: 'django.db.models.sql.query', bases: [objectClass] });

/** `str(param)` as `sql % params` shows it (psycopg2's Jsonb prints its SQL; dates their isoformat). */
function paramStr(p: PyValue): string {
  if (p instanceof SqlLiteral) {
    if (p.sql.endsWith('::jsonb')) return p.sql;
    const m = /^'(.*)'::(date|time|timestamptz|timestamp|uuid|inet)$/.exec(p.sql);
    if (m) return m[2] === 'timestamptz' || m[2] === 'timestamp' ? m[1]!.replace('T', ' ') : m[1]!;
    return p.sql.trim();
  }
  return str(p);
}

// ---------------------------------------------------------------------------------------------
// The QuerySet class
// ---------------------------------------------------------------------------------------------

export const QuerySetClass: PyClass = new PyClass('QuerySet', {
  module: 'django.db.models.query',
  bases: [objectClass],
  nativeNew: (cls, args, kwargs) => {
    const model = kwargs.get('model') ?? args[0] ?? None;
    const info = infoOf(model);
    if (!info) throw pyError(TypeError, 'QuerySet() needs a model in this sandbox');
    return new QuerySetObject(cls, info, new Query(info.meta, info.apps));
  },
});

/** A new QuerySet over a model (`Manager.get_queryset`). */
export function makeQuerySet(info: ModelInfo, cls: PyClass = QuerySetClass): QuerySetObject {
  return new QuerySetObject(cls, info, new Query(info.meta, info.apps));
}

ormValueHooks.querysetQuery = (v) => (v instanceof QuerySetObject ? v.query : undefined);
ormValueHooks.instanceModel = (v) => (v instanceof ModelInstance ? v.meta : undefined);
ormValueHooks.instanceAttr = (v, attname) => (v as ModelInstance).value(attname);

function qsOf(v: PyValue | undefined, method: string): QuerySetObject {
  if (!(v instanceof QuerySetObject)) throw pyError(TypeError, `descriptor '${method}' for 'QuerySet' objects doesn't apply to a '${v === undefined ? 'NoneType' : typeName(v)}' object`);
  return v;
}

/** Q(*args, **kwargs) for filter()/exclude()/get(). */
function qFrom(args: PyValue[], kwargs: Kwargs): Q {
  const children: PyValue[] = [];
  for (const a of args) {
    if (!(a instanceof Q) && !isResolvable(a)) throw pyError(TypeError, `'${typeName(a)}' object is not a valid filter argument`);
    children.push(a);
  }
  const sorted = [...kwargs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of sorted) children.push(new PyTuple([k, v]));
  return new Q(children);
}

export function filterQs(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs, negate: boolean, method = 'filter'): QuerySetObject {
  if ((args.length || kwargs.size) && qs.query.isSliced) throw pyError(TypeError, 'Cannot filter a query once a slice has been taken.');
  const clone = qs.chain();
  if (args.length || kwargs.size) {
    let q = qFrom(args, kwargs);
    if (negate) {
      q = q.copy();
      q.negated = !q.negated;
    }
    clone.query.addQ(q);
  }
  void method;
  return clone;
}

/** QuerySet.get(). */
export function getObject(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs): PyValue {
  let clone = filterQs(qs, args, kwargs, false);
  if (clone.query.canFilter()) clone.query.clearOrdering(true);
  clone = clone.chain();
  clone.query.setLimits(null, MAX_GET_RESULTS);
  const results = clone.fetchAll();
  const num = results.length;
  if (num === 1) return results[0]!;
  const cls = qs.info.cls;
  if (!num) {
    const exc = cls.lookup('DoesNotExist');
    throw pyError(exc instanceof PyClass ? exc : ObjectDoesNotExist, `${qs.meta.objectName} matching query does not exist.`);
  }
  const exc = cls.lookup('MultipleObjectsReturned');
  throw pyError(
    exc instanceof PyClass ? exc : MultipleObjectsReturned,
    `get() returned more than one ${qs.meta.objectName} -- it returned ${num < MAX_GET_RESULTS ? num : `more than ${MAX_GET_RESULTS - 1}`}!`,
  );
}

function getItem(qs: QuerySetObject, key: PyValue): PyValue {
  if (key instanceof PySlice) {
    const start = key.start === None ? null : Number(key.start as bigint);
    const stop = key.stop === None ? null : Number(key.stop as bigint);
    if ((start !== null && start < 0) || (stop !== null && stop < 0)) throw pyError(ValueError, 'Negative indexing is not supported.');
    if (qs.resultCache !== null) {
      const items = qs.resultCache.slice(start ?? 0, stop ?? undefined);
      const step = key.step === None ? 1 : Number(key.step as bigint);
      return new PyList(items.filter((_, i) => i % step === 0));
    }
    const clone = qs.chain();
    clone.query.setLimits(start, stop);
    if (key.step !== None) {
      const step = Number(key.step as bigint);
      return new PyList(clone.fetchAll().filter((_, i) => i % step === 0));
    }
    return clone;
  }
  if (typeof key !== 'bigint' && typeof key !== 'boolean') {
    throw pyError(TypeError, `QuerySet indices must be integers or slices, not ${typeName(key)}.`);
  }
  const k = Number(key);
  if (k < 0) throw pyError(ValueError, 'Negative indexing is not supported.');
  if (qs.resultCache !== null) {
    if (k >= qs.resultCache.length) throw pyError(IndexError, 'list index out of range');
    return qs.resultCache[k]!;
  }
  const clone = qs.chain();
  clone.query.setLimits(k, k + 1);
  const r = clone.fetchAll();
  if (!r.length) throw pyError(IndexError, 'list index out of range');
  return r[0]!;
}

function countOf(qs: QuerySetObject): bigint {
  if (qs.resultCache !== null) return BigInt(qs.resultCache.length);
  const c = qs.query.compileCount();
  if (c.empty) return 0n;
  const r = execute(c.compiled[0], c.compiled[1]);
  return BigInt(r.rows[0]?.[0] ?? '0');
}

function existsOf(qs: QuerySetObject): boolean {
  if (qs.resultCache !== null) return qs.resultCache.length > 0;
  const c = qs.query.compileExists();
  if (c.empty) return false;
  return execute(c.compiled[0], c.compiled[1]).rows.length > 0;
}

/** `self.model(**kwargs).save(force_insert=True)`. */
export function createObject(qs: QuerySetObject, kwargs: Kwargs): PyValue {
  const obj = call(qs.info.cls, [], kwargs);
  callMethod(obj, 'save', [], new Map([['force_insert', true]]));
  return obj;
}

function extractModelParams(qs: QuerySetObject, defaults: PyValue, kwargs: Kwargs): Kwargs {
  const params: Kwargs = new Map();
  for (const [k, v] of kwargs) if (!k.includes('__')) params.set(k, v);
  if (defaults !== None) for (const [k, v] of (defaults as PyDict).items()) params.set(str(k), v);
  const invalid: string[] = [];
  for (const k of params.keys()) {
    const f = anyField(qs.info.apps, qs.meta, k);
    if (!f) {
      const attr = qs.info.cls.lookup(k);
      if (attr !== undefined && typeName(attr) === 'property') continue;
      invalid.push(k);
    }
  }
  if (invalid.length) {
    throw pyError(FieldError, `Invalid field name(s) for model ${qs.meta.objectName}: '${invalid.sort().join("', '")}'.`);
  }
  for (const [k, v] of params) if (v instanceof PyObject && (v.nativeCall || (v as PyObject).pyClass.lookup('__call__')) && !(v instanceof ModelInstance)) params.set(k, call(v));
  return params;
}

function getOrCreate(qs: QuerySetObject, defaults: PyValue, kwargs: Kwargs): PyValue {
  const doesNotExist = qs.info.cls.lookup('DoesNotExist') as PyClass;
  try {
    return new PyTuple([getObject(qs, [], kwargs), false]);
  } catch (e) {
    if (!(e instanceof Error && 'matches' in e && (e as { matches(c: PyClass): boolean }).matches(doesNotExist))) throw e;
  }
  const params = extractModelParams(qs, defaults, kwargs);
  try {
    return atomic(() => new PyTuple([createObject(qs, params), true]), true);
  } catch (e) {
    if (e instanceof Error && 'matches' in e && (e as { matches(c: PyClass): boolean }).matches(IntegrityError)) {
      try {
        return new PyTuple([getObject(qs, [], kwargs), false]);
      } catch (e2) {
        if (!(e2 instanceof Error && 'matches' in e2 && (e2 as { matches(c: PyClass): boolean }).matches(doesNotExist))) throw e2;
      }
    }
    throw e;
  }
}

function updateOrCreate(qs: QuerySetObject, defaults: PyValue, createDefaults: PyValue, kwargs: Kwargs): PyValue {
  const updateDefaults = defaults === None ? new PyDict() : (defaults as PyDict);
  const cd = createDefaults === None ? updateDefaults : createDefaults;
  return atomic(() => {
    const locked = qs.chain();
    locked.query.selectForUpdate = true;
    const r = getOrCreate(locked, cd, kwargs) as PyTuple;
    const [obj, created] = r.items as [ModelInstance, boolean];
    if (created) return r;
    const updateFields = new Set<string>();
    for (const [k, v] of updateDefaults.items()) {
      let value = v;
      if (value instanceof PyObject && value.nativeCall) value = call(value);
      setattr(obj, str(k), value);
      updateFields.add(str(k));
    }
    const names = new Set<string>();
    for (const f of qs.meta.concreteFields) {
      if (f.isPrimaryKey) continue;
      names.add(f.name!);
      names.add(f.attname!);
    }
    if ([...updateFields].every((n) => names.has(n))) {
      for (const f of qs.meta.localFields) {
        if (f.isPrimaryKey) continue;
        const t = f.getInternalType();
        if ((t === 'DateTimeField' || t === 'DateField' || t === 'TimeField') && truthy((f as unknown as { autoNow: PyValue }).autoNow ?? false)) {
          updateFields.add(f.name!);
          if (f.attname !== f.name) updateFields.add(f.attname!);
        }
      }
      callMethod(obj, 'save', [], new Map([['update_fields', new PyList([...updateFields])]]));
    } else {
      callMethod(obj, 'save', [], NO_KWARGS);
    }
    return new PyTuple([obj, false]);
  }, true);
}

/** QuerySet.update(**kwargs): the number of rows. */
export function updateRows(qs: QuerySetObject, kwargs: Kwargs): bigint {
  if (qs.query.isSliced) throw pyError(TypeError, 'Cannot update a query once a slice has been taken.');
  const values: [Field, PyValue | Node][] = [];
  const q = qs.query.clone();
  q.annotations = new Map();
  const meta = q.model;
  for (const [name, val] of kwargs) {
    const found = meta.findField(name);
    if (!found) {
      const rel = anyField(qs.info.apps, meta, name);
      if (rel) throw pyError(FieldError, `Cannot update model field ${repr(rel)} (only non-relations and foreign keys permitted).`);
    }
    const field = found ?? meta.getField(name); // add_update_values: get_field's FieldDoesNotExist
    if (field instanceof ManyToManyField) {
      throw pyError(FieldError, `Cannot update model field ${repr(field)} (only non-relations and foreign keys permitted).`);
    }
    if (isResolvable(val)) {
      values.push([field, q.resolveExpression(val, null, false)]);
      continue;
    }
    let v = val;
    if (v instanceof ModelInstance && field instanceof ForeignKey) v = v.value(targetField(field).attname!);
    values.push([field, prepSave(field, v)]);
  }
  // inherited fields are updated in their parent's table (Django's related updates)
  const local = values.filter(([f]) => !f.model || f.model.labelLower === meta.labelLower);
  const inherited = values.filter(([f]) => f.model && f.model.labelLower !== meta.labelLower);
  qs.resultCache = null;
  if (!inherited.length) {
    const c = q.compileUpdate(values);
    if (c.empty) return 0n;
    return BigInt(execute(c.compiled[0], c.compiled[1]).rowCount ?? 0);
  }
  return atomic(() => {
    const ids = (valuesPk(qs).fetchAll() as PyValue[]).slice();
    if (!ids.length) return 0n;
    let rows: bigint | null = null;
    if (local.length) {
      const lq = new Query(meta, qs.info.apps);
      lq.addQ(new Q([new PyTuple(['pk__in', new PyList(ids)])]));
      const c = lq.compileUpdate(local);
      rows = BigInt(execute(c.compiled[0], c.compiled[1]).rowCount ?? 0);
    }
    const byParent = new Map<string, [Field, PyValue | Node][]>();
    for (const v of inherited) {
      const key = v[0].model!.labelLower;
      byParent.set(key, [...(byParent.get(key) ?? []), v]);
    }
    for (const [label, vals] of byParent) {
      const pq = new Query(qs.info.apps.findModel(label)!, qs.info.apps);
      pq.addQ(new Q([new PyTuple(['pk__in', new PyList(ids)])]));
      const c = pq.compileUpdate(vals);
      const n = BigInt(execute(c.compiled[0], c.compiled[1]).rowCount ?? 0);
      if (rows === null) rows = n;
    }
    return rows ?? 0n;
  }, false);
}

/** Annotations given positionally use their default alias (`Count('id')` → `id__count`). */
function annotationArgs(args: PyValue[], kwargs: Kwargs, method: string): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  for (const a of args) {
    const complex = method === 'aggregate' ? 'Complex aggregates require an alias' : 'Complex annotations require an alias';
    if (!(a instanceof Aggregate)) throw pyError(TypeError, complex);
    let alias: string;
    try {
      alias = a.defaultAlias();
    } catch {
      throw pyError(TypeError, complex);
    }
    if (kwargs.has(alias)) throw pyError(ValueError, `The named annotation '${alias}' conflicts with the default name for another annotation.`);
    out.set(alias, a);
  }
  for (const [k, v] of kwargs) out.set(k, v);
  return out;
}

function aggregateOf(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs): PyValue {
  // aggregate() adds the positional aggregates after the keyword ones (kwargs[default_alias] = arg)
  const aggs = new Map(kwargs);
  for (const [k, v] of annotationArgs(args, NO_KWARGS, 'aggregate')) {
    if (!kwargs.has(k)) aggs.set(k, v);
    else aggs.set(k, v);
  }
  for (const [name, expr] of aggs) {
    if (!containsAggregate(expr)) throw pyError(TypeError, `${name} is not an aggregate expression`);
  }
  const c = qs.query.compileAggregate(aggs);
  const out = new PyDict();
  if (c.empty) {
    let i = 0;
    for (const [name, expr] of aggs) {
      const agg = expr instanceof Aggregate ? expr : null;
      const node = c.nodes[i++];
      void node;
      out.set(name, agg && agg.kind === 'Count' ? 0n : agg ? agg.defaultValue : None);
    }
    return out;
  }
  const r = execute(c.compiled[0], c.compiled[1]);
  const row = r.rows[0] ?? [];
  c.columns.forEach(([name, kind], i) => out.set(name, fromDb(row[i] ?? null, kind)));
  return out;
}

function deleteQs(qs: QuerySetObject): PyValue {
  if (qs.query.isSliced) throw pyError(TypeError, "Cannot use 'limit' or 'offset' with delete().");
  if (qs.iterKind !== 'model') throw pyError(TypeError, 'Cannot call delete() after .values() or .values_list()');
  const del = qs.chain();
  del.query.selectRelated = false;
  del.query.clearOrdering(true);
  const result = deletionHooks.deleteQueryset(del);
  qs.resultCache = null;
  return result;
}

/** The deletion collector (installed by deletion.ts). */
export const deletionHooks = {
  deleteQueryset: (_qs: QuerySetObject): PyValue => None,
};

function bulkCreate(qs: QuerySetObject, objsValue: PyValue, kwargs: Kwargs): PyValue {
  const objs = toArray(objsValue);
  const ignore = truthy(kwargs.get('ignore_conflicts') ?? false);
  const upsert = bulkCreateUpsert(qs, ignore, kwargs);
  if (!objs.length) return new PyList([]);
  for (const o of objs) {
    if (!(o instanceof ModelInstance)) throw pyError(TypeError, `'${typeName(o)}' object has no attribute '_prepare_related_fields_for_save'`);
  }
  const instances = objs as ModelInstance[];
  for (const o of instances) {
    for (const f of o.meta.concreteFields) {
      if (!(f instanceof ForeignKey)) continue;
      const cached = o.fieldsCache.get(f.name!);
      if (cached instanceof ModelInstance) {
        if (cached.pk === None) throw pyError(ValueError, `bulk_create() prohibited to prevent data loss due to unsaved related object '${f.name}'.`);
        if (o.value(f.attname!) === None) o.dict.set(f.attname!, cached.value(targetField(f).attname!));
      }
    }
  }
  const meta = qs.meta;
  const fields = meta.localFields.filter((f) => f.concrete && !f.generated);
  const withPk = instances.filter((o) => o.pk !== None);
  const withoutPk = instances.filter((o) => o.pk === None);
  const batchSize = kwargs.get('batch_size');
  const size = typeof batchSize === 'bigint' ? Number(batchSize) : Infinity;
  atomic(() => {
    const run = (list: ModelInstance[], flds: Field[]) => {
      for (let i = 0; i < list.length; i += size === Infinity ? list.length || 1 : size) {
        insertRows(qs.info, list.slice(i, i + (size === Infinity ? list.length : size)), flds, true, ignore, upsert);
      }
    };
    if (withPk.length) run(withPk, fields);
    if (withoutPk.length) run(withoutPk, fields.filter((f) => !isAutoField(f)));
    return None;
  }, false);
  return objsValue instanceof PyList ? objsValue : new PyList(objs);
}

/** bulk_create(update_conflicts=True, unique_fields=…, update_fields=…): checked like _check_bulk_create_options. */
function bulkCreateUpsert(qs: QuerySetObject, ignore: boolean, kwargs: Kwargs): { unique: Field[]; update: Field[] } | null {
  if (!truthy(kwargs.get('update_conflicts') ?? false)) return null;
  if (ignore) throw pyError(ValueError, 'ignore_conflicts and update_conflicts are mutually exclusive.');
  const names = (key: string) => (kwargs.get(key) ?? None) === None ? [] : toArray(kwargs.get(key)!).map(str);
  const updateNames = names('update_fields');
  if (!updateNames.length) throw pyError(ValueError, 'Fields that will be updated when a row insertion fails on conflicts must be provided.');
  const uniqueNames = names('unique_fields');
  if (!uniqueNames.length) throw pyError(ValueError, 'Unique fields that can trigger the upsert must be provided.');
  const meta = qs.meta;
  const get = (n: string) => meta.getField(n === 'pk' ? meta.pk!.name! : n) as Field;
  const update = updateNames.map(get);
  if (update.some((f) => !f.concrete || f instanceof ManyToManyField)) throw pyError(ValueError, 'bulk_create() can only be used with concrete fields in update_fields.');
  if (update.some((f) => f.isPrimaryKey)) throw pyError(ValueError, 'bulk_create() cannot be used with primary keys in update_fields.');
  const unique = uniqueNames.map(get);
  if (unique.some((f) => !f.concrete || f instanceof ManyToManyField)) throw pyError(ValueError, 'bulk_create() can only be used with concrete fields in unique_fields.');
  return { unique, update };
}

function isAutoField(f: Field): boolean {
  const t = f.getInternalType();
  return t === 'AutoField' || t === 'BigAutoField' || t === 'SmallAutoField';
}

function bulkUpdate(qs: QuerySetObject, objsValue: PyValue, fieldsValue: PyValue, kwargs: Kwargs): bigint {
  const objs = toArray(objsValue) as ModelInstance[];
  const names = toArray(fieldsValue).map(str);
  if (!names.length) throw pyError(ValueError, 'Field names must be given to bulk_update().');
  if (objs.some((o) => !(o instanceof ModelInstance) || o.pk === None)) throw pyError(ValueError, 'All bulk_update() objects must have a primary key set.');
  const fields = names.map((n) => qs.meta.getField(n));
  if (fields.some((f) => !f.concrete || f instanceof ManyToManyField)) throw pyError(ValueError, 'bulk_update() can only be used with concrete fields.');
  if (fields.some((f) => f.isPrimaryKey)) throw pyError(ValueError, 'bulk_update() cannot be used with primary key fields.');
  if (!objs.length) return 0n;
  const meta = qs.meta;
  const table = quoteName(meta.dbTable);
  const pk = meta.pk!;
  const batchSize = kwargs.get('batch_size');
  const size = typeof batchSize === 'bigint' ? Number(batchSize) : objs.length;
  let rows = 0n;
  atomic(() => {
    for (let i = 0; i < objs.length; i += size) {
      const batch = objs.slice(i, i + size);
      const params: PyValue[] = [];
      const sets: string[] = [];
      for (const f of fields) {
        const whens: string[] = [];
        for (const o of batch) {
          whens.push(`WHEN (${table}.${quoteName(pk.column!)} = %s) THEN %s`);
          params.push(prepSave(pk, o.pk), prepSave(f, o.value(f.attname!)));
        }
        const type = dbType(f);
        sets.push(`${quoteName(f.column!)} = (CASE ${whens.join(' ')} ELSE NULL END)${type ? `::${type}` : ''}`);
      }
      const ids = batch.map((o) => prepSave(pk, o.pk));
      params.push(...ids);
      const r = execute(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${table}.${quoteName(pk.column!)} IN (${ids.map(() => '%s').join(', ')})`, params);
      rows += BigInt(r.rowCount ?? 0);
    }
    return None;
  }, false);
  return rows;
}

function inBulk(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs): PyValue {
  if (qs.query.isSliced) throw pyError(TypeError, "Cannot use 'limit' or 'offset' with in_bulk().");
  const idList = kwargs.get('id_list') ?? args[0] ?? None;
  let fieldName = str(kwargs.get('field_name') ?? 'pk');
  const attr = fieldName === 'pk' ? 'pk' : fieldName;
  if (fieldName === 'pk') fieldName = qs.query.model.pk!.name!;
  else {
    const f = qs.query.model.findField(fieldName);
    const uniqueTogether = qs.query.model.constraints.some(
      (c) => (c as unknown as { fields?: PyValue }).fields !== undefined && toArray((c as unknown as { fields: PyValue }).fields).length === 1 && str(toArray((c as unknown as { fields: PyValue }).fields)[0]!) === fieldName,
    );
    if (!f || (!f.unique && !uniqueTogether)) {
      throw pyError(ValueError, `in_bulk()'s field_name must be a unique field but '${fieldName}' isn't.`);
    }
  }
  let source = qs;
  if (idList !== None) {
    const ids = toArray(idList);
    if (!ids.length) return new PyDict();
    source = filterQs(qs, [], new Map([[`${fieldName}__in`, new PyList(ids)]]), false);
  } else source = qs.chain();
  const out = new PyDict();
  for (const obj of source.fetchAll()) out.set(getattr(obj, attr), obj);
  return out;
}

function firstOrLast(qs: QuerySetObject, last: boolean): PyValue {
  let q: QuerySetObject;
  if (qs.query.ordered) {
    q = qs.chain();
    if (last) q.query.standardOrdering = !q.query.standardOrdering;
  } else {
    q = qs.chain();
    q.query.clearOrdering(true);
    q.query.orderBy = [last ? '-pk' : 'pk'];
  }
  const sliced = getItem(q, new PySlice(None, 1n, None)) as QuerySetObject;
  const r = sliced.fetchAll();
  return r[0] ?? None;
}

/**
 * dates(field, kind, order='ASC') / datetimes(field, kind, order='ASC', tzinfo=None): the distinct
 * values of the field truncated to `kind`, NULLs left out, as Django builds them from annotate(Trunc),
 * values_list(flat=True), distinct(), filter() and order_by().
 */
function truncatedValues(qs: QuerySetObject, method: 'dates' | 'datetimes', args: PyValue[], kwargs: Kwargs): PyValue {
  const names = method === 'dates' ? ['field_name', 'kind', 'order'] : ['field_name', 'kind', 'order', 'tzinfo'];
  const [fieldName, kind, order = 'ASC', tzinfo = None] = names.map((n, i) => args[i] ?? kwargs.get(n));
  if (fieldName === undefined || kind === undefined) {
    const missing = names.slice(0, 2).filter((n, i) => (args[i] ?? kwargs.get(n)) === undefined);
    throw pyError(TypeError, `QuerySet.${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `'${m}'`).join(' and ')}`);
  }
  const kinds = method === 'dates' ? ['year', 'month', 'week', 'day'] : ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  if (!kinds.includes(str(kind))) {
    throw pyError(ValueError, method === 'dates' ? "'kind' must be one of 'year', 'month', 'week', or 'day'." : "'kind' must be one of 'year', 'month', 'week', 'day', 'hour', 'minute', or 'second'.");
  }
  if (order !== 'ASC' && order !== 'DESC') throw pyError(ValueError, "'order' must be either 'ASC' or 'DESC'.");
  const alias = method === 'dates' ? 'datefield' : 'datetimefield';
  const output = makeField(method === 'dates' ? 'DateField' : 'DateTimeField');
  const truncKwargs = new Map<string, PyValue>([['output_field', output]]);
  if (method === 'datetimes') truncKwargs.set('tzinfo', tzinfo);
  const trunc = call(FUNCTION_CLASSES.get('Trunc')!, [fieldName, kind], truncKwargs);
  let c: PyValue = callMethod(qs, 'annotate', [], new Map([[alias, trunc], ['plain_field', new F(str(fieldName))]]));
  c = callMethod(c, 'values_list', [alias], new Map([['flat', true]]));
  c = callMethod(c, 'distinct', []);
  c = callMethod(c, 'filter', [], new Map([['plain_field__isnull', false]]));
  return callMethod(c, 'order_by', [(order === 'DESC' ? '-' : '') + alias]);
}

function latest(qs: QuerySetObject, args: PyValue[], earliest: boolean): PyValue {
  if (qs.query.isSliced) throw pyError(TypeError, 'Cannot change a query once a slice has been taken.');
  let fields = args.map(str);
  if (!fields.length) {
    const by = qs.meta.originalAttrs.get('get_latest_by');
    if (by === undefined || by === None) {
      throw pyError(ValueError, "earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.");
    }
    fields = typeof by === 'string' ? [by] : toArray(by).map(str);
  }
  const ordering = earliest ? fields : fields.map((f) => (f.startsWith('-') ? f.slice(1) : `-${f}`));
  const q = qs.chain();
  q.query.setLimits(null, 1);
  q.query.clearOrdering(true);
  q.query.checkOrdering(ordering);
  q.query.orderBy = ordering;
  return getObject(q, [], NO_KWARGS);
}

function valuesQs(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs, kind: IterKind): QuerySetObject {
  const clone = qs.chain();
  const names = args.map((a) => {
    if (typeof a !== 'string') {
      if (kind === 'values_list' || kind === 'flat' || kind === 'named') {
        // expressions in values_list get a generated alias
        const alias = `${(a as PyObject).pyClass.name.toLowerCase()}${clone.query.annotations.size + 1}`;
        clone.query.addAnnotation(alias, a);
        return alias;
      }
      throw pyError(TypeError, `values() positional arguments must be field names (got ${repr(a)})`);
    }
    return a;
  });
  for (const [k, v] of kwargs) {
    clone.query.addAnnotation(k, isResolvable(v) ? v : new Value(v as never, [], NO_KWARGS));
    names.push(k);
  }
  // validate names now (FieldError at call time)
  for (const n of names) {
    if (clone.query.annotations.has(n) || clone.query.extraSelect.some(([e]) => e === n)) continue;
    clone.query.namesToPath(n.split('__'), clone.meta, true);
  }
  let fields = names;
  if (!fields.length) {
    fields = [...clone.query.extraSelect.map(([e]) => e), ...qs.meta.concreteFields.map((f) => f.attname!)];
    for (const n of clone.query.annotations.keys()) fields.push(n);
  }
  clone.query.valuesSelect = fields;
  clone.query.selectAliases = names.length > 0;
  clone.query.annotationMask = new Set(fields.filter((n) => clone.query.annotations.has(n)));
  if (clone.query.groupBy === true) {
    clone.query.groupBy = fields.filter((n) => !clone.query.annotations.get(n)?.isAggregate);
    if (!clone.query.groupBy.length) clone.query.groupBy = qs.meta.concreteFields.map((f) => f.attname!);
    // GROUP BY the model's columns like set_values does when annotate() came first
    clone.query.groupBy = [...qs.meta.concreteFields.map((f) => f.attname!), ...clone.query.groupBy.filter((n) => !qs.meta.concreteFields.some((f) => f.attname === n))];
  }
  clone.valuesFields = fields;
  clone.iterKind = kind;
  return clone;
}

function orderByQs(qs: QuerySetObject, args: PyValue[]): QuerySetObject {
  if (qs.query.isSliced) throw pyError(TypeError, 'Cannot reorder a query once a slice has been taken.');
  const clone = qs.chain();
  clone.query.checkOrdering(args);
  clone.query.orderBy = [];
  if (args.length) clone.query.orderBy = [...args];
  else clone.query.defaultOrdering = false;
  return clone;
}

/** annotate(), or alias() (`select` false: usable in filters and ordering, not selected). */
function annotateQs(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs, select = true): QuerySetObject {
  const anns = annotationArgs(args, kwargs, select ? 'annotate' : 'alias');
  const clone = qs.chain();
  const names = new Set<string>();
  if (qs.iterKind !== 'model') for (const n of qs.valuesFields) names.add(n);
  else {
    for (const f of qs.meta.forwardFields) {
      names.add(f.name!);
      if (f.attname) names.add(f.attname);
    }
    for (const rel of reverseRelations(qs.info.apps, qs.meta, false)) names.add(relName(rel));
  }
  for (const [name, expr] of anns) {
    if (names.has(name)) throw pyError(ValueError, `The annotation '${name}' conflicts with a field on the model.`);
    let e = expr;
    if (!isResolvable(e)) {
      if (e instanceof PyObject && !(typeof e === 'string')) throw pyError(TypeError, `QuerySet.annotate() received non-expression(s): ${repr(e)}.`);
      e = new Value(e as never, [], NO_KWARGS);
    }
    clone.query.addAnnotation(name, e);
    if (!select) {
      const q = clone.query;
      if (q.annotationMask === null) q.annotationMask = new Set([...q.annotations.keys()].filter((n) => n !== name));
      else q.annotationMask.delete(name);
    }
  }
  if (!select) return clone;
  if (clone.iterKind !== 'model') {
    for (const name of anns.keys()) if (!clone.valuesFields.includes(name)) clone.valuesFields.push(name);
    clone.query.valuesSelect = [...(clone.query.valuesSelect ?? []), ...[...anns.keys()].filter((n) => !(clone.query.valuesSelect ?? []).includes(n))];
  }
  return clone;
}

function selectRelatedQs(qs: QuerySetObject, args: PyValue[]): QuerySetObject {
  if (qs.iterKind !== 'model') throw pyError(TypeError, 'Cannot call select_related() after .values() or .values_list()');
  const clone = qs.chain();
  if (args.length === 1 && args[0] === None) {
    clone.query.selectRelated = false;
    return clone;
  }
  if (!args.length) {
    clone.query.selectRelated = true;
    return clone;
  }
  const names = args.map(str);
  const tree = clone.query.selectRelated instanceof Map ? clone.query.selectRelated : new Map<string, unknown>();
  for (const n of names) {
    let d = tree;
    for (const part of n.split('__')) {
      if (!d.has(part) || !(d.get(part) instanceof Map)) d.set(part, new Map<string, unknown>());
      d = d.get(part) as Map<string, unknown>;
    }
  }
  clone.query.selectRelated = tree;
  return clone;
}

function onlyDefer(qs: QuerySetObject, args: PyValue[], defer: boolean): QuerySetObject {
  if (qs.iterKind !== 'model') throw pyError(TypeError, `Cannot call ${defer ? 'defer' : 'only'}() after .values() or .values_list()`);
  const clone = qs.chain();
  const names = args.map(str);
  if (defer && names.length === 1 && args[0] === None) {
    clone.query.deferredLoading = null;
    return clone;
  }
  for (const n of names) {
    if (!clone.meta.findField(n.split('__')[0]!)) throw pyError(FieldError, `${clone.meta.objectName} has no field named '${n}'`);
  }
  const cur = clone.query.deferredLoading;
  if (defer) clone.query.deferredLoading = { names: new Set([...(cur && cur.defer ? cur.names : []), ...names]), defer: true };
  else clone.query.deferredLoading = { names: new Set(names), defer: false };
  return clone;
}

function distinctQs(qs: QuerySetObject, args: PyValue[]): QuerySetObject {
  if (qs.query.isSliced) throw pyError(TypeError, 'Cannot create distinct fields once a slice has been taken.');
  const clone = qs.chain();
  clone.query.distinct = true;
  clone.query.distinctFields = args.map(str);
  return clone;
}

function combineQs(a: QuerySetObject, b: PyValue, connector: 'AND' | 'OR'): QuerySetObject {
  if (!(b instanceof QuerySetObject)) throw pyError(TypeError, `unsupported operand type(s) for ${connector === 'OR' ? '|' : '&'}: '${a.cls.name}' and '${typeName(b)}'`);
  if (b.meta.labelLower !== a.meta.labelLower) throw pyError(TypeError, 'Cannot combine queries on two different base models.');
  if (a.query.isSliced || b.query.isSliced) throw pyError(TypeError, 'Cannot combine queries once a slice has been taken.');
  const clone = a.chain();
  const simple = (q: Query) => [...q.aliasMap.values()].every((j) => j.joinType === null);
  if (simple(a.query) && simple(b.query)) {
    clone.query.combineWhere(b.query, connector);
    return clone;
  }
  const combined = a.chain();
  combined.query = new Query(a.meta, a.info.apps);
  combined.query.addQ(
    new Q(
      [new PyTuple(['pk__in', valuesPk(a)]), new PyTuple(['pk__in', valuesPk(b)])],
      connector,
    ),
  );
  combined.query.orderBy = [...a.query.orderBy];
  return combined;
}

function valuesPk(qs: QuerySetObject): QuerySetObject {
  return valuesQs(qs, ['pk'], NO_KWARGS, 'flat');
}

function containsObj(qs: QuerySetObject, obj: PyValue): boolean {
  if (qs.iterKind !== 'model') throw pyError(TypeError, 'Cannot call QuerySet.contains() after .values() or .values_list().');
  if (!(obj instanceof ModelInstance)) throw pyError(TypeError, "'obj' must be a model instance.");
  if (obj.meta.concreteModel.labelLower !== qs.meta.concreteModel.labelLower) {
    throw pyError(TypeError, `'obj' must be a ${qs.meta.objectName} instance.`);
  }
  if (obj.pk === None) throw pyError(ValueError, 'QuerySet.contains() cannot be used on unsaved objects.');
  if (qs.resultCache !== null) return qs.resultCache.some((o) => o instanceof ModelInstance && o.nativeEq(obj));
  return existsOf(filterQs(qs, [], new Map([['pk', obj.pk]]), false));
}

// ---------------------------------------------------------------------------------------------
// raw()
// ---------------------------------------------------------------------------------------------

/** `Manager.raw(sql, params)`: model instances from hand-written SQL (columns matched by name). */
export class RawQuerySetObject extends PyObject {
  private cache: PyValue[] | null = null;
  constructor(
    readonly info: ModelInfo,
    readonly sql: string,
    readonly params: PyValue[],
    readonly translations: Map<string, string>,
    /** The params argument as given (`raw_qs.params`). */
    readonly givenParams: PyValue = None,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return RawQuerySetClass;
  }
  fetch(): PyValue[] {
    if (this.cache) return this.cache;
    const r = execute(this.sql, this.params);
    const meta = fm(this.info.meta);
    const names = r.fields.map((f) => this.translations.get(f.name) ?? f.name);
    const fieldByColumn = new Map<string, Field>();
    for (const f of meta.concreteFields) fieldByColumn.set(f.column!, f);
    for (const f of meta.concreteFields) if (!fieldByColumn.has(f.attname!)) fieldByColumn.set(f.attname!, f);
    if (!names.some((n) => fieldByColumn.get(n)?.isPrimaryKey)) {
      throw pyError(FieldDoesNotExist, 'Raw query must include the primary key');
    }
    const out: PyValue[] = [];
    for (const row of r.rows) {
      const fields: Field[] = [];
      const values: PyValue[] = [];
      const extra: [string, PyValue][] = [];
      names.forEach((n, i) => {
        const f = fieldByColumn.get(n);
        if (f) {
          fields.push(f);
          values.push(fromDb(row[i] ?? null, kindOfField(f)));
        } else extra.push([n, fromDb(row[i] ?? null, kindOfOid(r.fields[i]!.typeOid))]);
      });
      const obj = instanceFromRow(this.info, fields, values, meta.concreteFields);
      for (const [n, v] of extra) obj.dict.set(n, v);
      out.push(obj);
    }
    this.cache = out;
    return out;
  }
  override nativeIter(): Iterator<PyValue> {
    return this.fetch()[Symbol.iterator]();
  }
  override nativeLen(): number {
    return this.fetch().length;
  }
  override nativeBool(): boolean {
    return this.fetch().length > 0;
  }
  override nativeGetItem(key: PyValue): PyValue {
    const items = this.fetch();
    if (typeof key === 'bigint') {
      const k = Number(key);
      const v = items[k < 0 ? items.length + k : k];
      if (v === undefined) throw pyError(IndexError, 'list index out of range');
      return v;
    }
    return call(getattr(new PyList(items), '__getitem__'), [key]);
  }
  /** The SQL with its parameters filled in, as `str(raw_qs.query)` shows it. */
  sqlText(): string {
    let i = 0;
    return this.sql.replace(/%s|%%/g, (m) => (m === '%%' ? '%' : paramStr(this.params[i++] ?? None)));
  }
  override nativeRepr(): string {
    return `<RawQuerySet: ${this.sqlText()}>`;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'model') return this.info.cls;
    if (name === 'query') return new RawQueryObject(this);
    if (name === 'params') return this.givenParams;
    if (name === 'raw_query') return this.sql;
    if (name === 'translations') return new PyDict([...this.translations]);
    if (name === 'columns') return new PyList(execute(this.sql, this.params).fields.map((f) => f.name));
    return undefined;
  }
}
const RawQuerySetClass = new PyClass('RawQuerySet', { module: 'django.db.models.query', bases: [objectClass] });

/** `raw_qs.query`: a RawQuery (`str()` is the SQL with its parameters). */
class RawQueryObject extends PyObject {
  constructor(readonly raw: RawQuerySetObject) {
    super();
  }
  get pyClass(): PyClass {
    return RawQueryClass;
  }
  override nativeStr(): string {
    return this.raw.sqlText();
  }
  override nativeRepr(): string {
    return `<RawQuery: ${this.raw.sqlText()}>`;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'sql') return this.raw.sql;
    if (name === 'params') return this.raw.givenParams;
    return undefined;
  }
}
const RawQueryClass = new PyClass('RawQuery', { module: 'django.db.models.sql.query', bases: [objectClass] });

function rawQs(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs): PyValue {
  const sql = str(kwargs.get('raw_query') ?? args[0]!);
  const params = kwargs.get('params') ?? args[1] ?? None;
  const translations = kwargs.get('translations') ?? args[2] ?? None;
  const tr = new Map<string, string>();
  if (translations instanceof PyDict) for (const [k, v] of translations.items()) tr.set(str(k), str(v));
  return new RawQuerySetObject(qs.info, sql, params === None ? [] : toArray(params), tr, params === None ? new PyTuple([]) : params);
}

/** The QuerySet methods, callable through a manager too (`Model.objects.<name>`). */
export const QUERYSET_METHODS: Record<string, (qs: QuerySetObject, args: PyValue[], kwargs: Kwargs) => PyValue> = {
  all: (qs) => qs.chain(),
  filter: (qs, a, k) => filterQs(qs, a, k, false),
  exclude: (qs, a, k) => filterQs(qs, a, k, true, 'exclude'),
  get: (qs, a, k) => getObject(qs, a, k),
  create: (qs, a, k) => {
    if (a.length) throw pyError(TypeError, `QuerySet.create() takes 1 positional argument but ${a.length + 1} were given`);
    return createObject(qs, k);
  },
  get_or_create: (qs, a, k) => {
    const kw = new Map(k);
    const defaults = kw.get('defaults') ?? a[0] ?? None;
    kw.delete('defaults');
    return getOrCreate(qs, defaults, kw);
  },
  update_or_create: (qs, a, k) => {
    const kw = new Map(k);
    const defaults = kw.get('defaults') ?? a[0] ?? None;
    const createDefaults = kw.get('create_defaults') ?? a[1] ?? None;
    kw.delete('defaults');
    kw.delete('create_defaults');
    return updateOrCreate(qs, defaults, createDefaults, kw);
  },
  update: (qs, _a, k) => updateRows(qs, k),
  delete: (qs) => deleteQs(qs),
  count: (qs) => countOf(qs),
  exists: (qs) => existsOf(qs),
  first: (qs) => firstOrLast(qs, false),
  last: (qs) => firstOrLast(qs, true),
  order_by: (qs, a) => orderByQs(qs, a),
  reverse: (qs) => {
    if (qs.query.isSliced) throw pyError(TypeError, 'Cannot reverse a query once a slice has been taken.');
    const c = qs.chain();
    c.query.standardOrdering = !c.query.standardOrdering;
    return c;
  },
  values: (qs, a, k) => valuesQs(qs, a, k, 'values'),
  values_list: (qs, a, k) => {
    const flat = truthy(k.get('flat') ?? false);
    const named = truthy(k.get('named') ?? false);
    if (flat && named) throw pyError(TypeError, "'flat' and 'named' can't be used together.");
    if (flat && a.length > 1) throw pyError(TypeError, "'flat' is not valid when values_list is called with more than one field.");
    for (const key of k.keys()) {
      if (key !== 'flat' && key !== 'named') throw pyError(TypeError, `Unexpected keyword arguments to values_list: ('${key}',)`);
    }
    return valuesQs(qs, a, NO_KWARGS, flat ? 'flat' : named ? 'named' : 'values_list');
  },
  distinct: (qs, a) => distinctQs(qs, a),
  annotate: (qs, a, k) => annotateQs(qs, a, k),
  alias: (qs, a, k) => annotateQs(qs, a, k, false),
  aggregate: (qs, a, k) => aggregateOf(qs, a, k),
  select_related: (qs, a) => selectRelatedQs(qs, a),
  prefetch_related: (qs, a) => {
    const c = qs.chain();
    if (a.length === 1 && a[0] === None) c.prefetchLookups = [];
    else c.prefetchLookups.push(...a.map(prefetchLookup));
    return c;
  },
  only: (qs, a) => onlyDefer(qs, a, false),
  defer: (qs, a) => onlyDefer(qs, a, true),
  none: (qs) => {
    const c = qs.chain();
    c.query.isEmpty = true;
    return c;
  },
  using: (qs) => qs.chain(),
  iterator: (qs) => new PyIterator((qs.resultCache ?? qs.chain().runQuery())[Symbol.iterator](), 'generator'),
  bulk_create: (qs, a, k) => bulkCreate(qs, k.get('objs') ?? a[0] ?? new PyList([]), k),
  bulk_update: (qs, a, k) => bulkUpdate(qs, k.get('objs') ?? a[0]!, k.get('fields') ?? a[1]!, k),
  in_bulk: (qs, a, k) => inBulk(qs, a, k),
  latest: (qs, a) => latest(qs, a, false),
  earliest: (qs, a) => latest(qs, a, true),
  dates: (qs, a, k) => truncatedValues(qs, 'dates', a, k),
  datetimes: (qs, a, k) => truncatedValues(qs, 'datetimes', a, k),
  contains: (qs, a) => containsObj(qs, a[0]!),
  raw: (qs, a, k) => rawQs(qs, a, k),
  extra: (qs, a, k) => extraQs(qs, a, k),
  select_for_update: (qs, a, k) => {
    const opt = (name: string, pos: number) => truthy(k.get(name) ?? a[pos] ?? false);
    const nowait = opt('nowait', 0);
    const skipLocked = opt('skip_locked', 1);
    if (nowait && skipLocked) throw pyError(ValueError, 'The nowait option cannot be used with skip_locked.');
    const c = qs.chain();
    c.query.selectForUpdate = true;
    // FOR [NO KEY] UPDATE [NOWAIT | SKIP LOCKED]
    c.query.selectForUpdateSuffix = `${opt('no_key', 3) ? 'FOR NO KEY UPDATE' : 'FOR UPDATE'}${nowait ? ' NOWAIT' : skipLocked ? ' SKIP LOCKED' : ''}`;
    return c;
  },
  complex_filter: (qs, a) => (a[0] instanceof Q ? filterQs(qs, [a[0]], NO_KWARGS, false) : filterQs(qs, [], new Map((a[0] as PyDict).items().map(([k, v]) => [str(k), v])), false)),
  explain: (qs) => {
    const c = qs.query.compileSelect();
    const r = execute(`EXPLAIN ${c.compiled[0]}`, c.compiled[1]);
    return r.rows.map((row) => row[0]).join('\n');
  },
};

/** ExtraWhere: `(sql1) AND (sql2)` with all the params, one condition of the WHERE clause. */
class ExtraWhereNode extends Node {
  constructor(
    readonly sqls: string[],
    readonly params: PyValue[],
  ) {
    super();
  }
  asSql(): [string, PyValue[]] {
    return [this.sqls.map((w) => `(${w})`).join(' AND '), [...this.params]];
  }
  override get conditional(): boolean {
    return true;
  }
}

/**
 * extra(select=None, where=None, params=None, tables=None, order_by=None, select_params=None):
 * hand-written SQL columns (before the model's), WHERE conditions `(sql) AND (sql)` with their
 * params, and an ordering that may name the extra columns.
 */
function extraQs(qs: QuerySetObject, args: PyValue[], kwargs: Kwargs): QuerySetObject {
  if (qs.query.isSliced) throw pyError(TypeError, 'Cannot change a query once a slice has been taken.');
  const names = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'];
  const arg = (n: string) => kwargs.get(n) ?? args[names.indexOf(n)] ?? None;
  const c = qs.chain();
  const select = arg('select');
  const selectParams = arg('select_params') === None ? [] : [...toArray(arg('select_params'))];
  if (select instanceof PyDict) {
    for (const [k, v] of select.items()) {
      const sql = str(v);
      const count = (sql.match(/%s/g) ?? []).length;
      c.query.extraSelect.push([str(k), sql, 'raw', selectParams.splice(0, count)]);
    }
  }
  const where = arg('where');
  if (where !== None && toArray(where).length) {
    const params = arg('params') === None ? [] : [...toArray(arg('params'))];
    c.query.where.add(new ExtraWhereNode(toArray(where).map(str), params), 'AND');
  }
  if (arg('tables') !== None && toArray(arg('tables')).length) throw pyError(NotSupportedError, 'extra(tables=...) is not supported in this sandbox.');
  const orderBy = arg('order_by');
  if (orderBy !== None) c.query.orderBy = toArray(orderBy).map(str);
  return c;
}

/** union()/intersection()/difference() and the methods a combined queryset refuses (_not_support_combined_queries). */
const COMBINED_UNSUPPORTED = ['delete', 'update', 'contains', 'filter', 'exclude', 'select_related', 'prefetch_related', 'annotate', 'alias', 'distinct', 'extra', 'defer', 'only'];
for (const name of COMBINED_UNSUPPORTED) {
  const impl = QUERYSET_METHODS[name];
  if (!impl) continue;
  QUERYSET_METHODS[name] = (qs, a, k) => {
    if (qs.query.combinator) throw pyError(NotSupportedError, `Calling QuerySet.${name}() after ${qs.query.combinator}() is not supported.`);
    return impl(qs, a, k);
  };
}
for (const combinator of ['union', 'intersection', 'difference'] as const) {
  QUERYSET_METHODS[combinator] = (qs, a, k) => {
    const others = a.map((o) => {
      if (!(o instanceof QuerySetObject)) throw pyError(AttributeError, `'${typeName(o)}' object has no attribute 'query'`);
      return o.query;
    });
    const c = qs.chain();
    c.query.orderBy = [];
    c.query.defaultOrdering = false;
    c.query.lowMark = 0;
    c.query.highMark = null;
    c.query.combinedQueries = [qs.query, ...others];
    c.query.combinator = combinator;
    c.query.combinatorAll = combinator === 'union' && truthy(k.get('all') ?? false);
    return c;
  };
}

for (const [name, impl] of Object.entries(QUERYSET_METHODS)) {
  QuerySetClass.defineMethod(name, (args, kwargs) => impl(qsOf(args[0], name), args.slice(1), kwargs));
}
QuerySetClass.defineMethod('_next_is_sticky', ([self]) => {
  const qs = qsOf(self, '_next_is_sticky');
  qs.stickyFilter = true;
  return qs;
});
QuerySetClass.defineMethod('__and__', ([a, b]) => combineQs(qsOf(a, '__and__'), b!, 'AND'));
QuerySetClass.defineMethod('__or__', ([a, b]) => combineQs(qsOf(a, '__or__'), b!, 'OR'));
QuerySetClass.defineMethod('__deepcopy__', ([a]) => qsOf(a, '__deepcopy__').chain());
QuerySetClass.defineMethod('__class_getitem__', ([cls]) => cls!);


// ---------------------------------------------------------------------------------------------
// prefetch_related
// ---------------------------------------------------------------------------------------------

/**
 * One prefetch_related() lookup: a path of relations (`through`), where the results go (`to`: the
 * same path, its last part replaced by `to_attr`), and the queryset for the last relation.
 */
export interface PrefetchLookup {
  through: string;
  to: string;
  queryset: QuerySetObject | null;
  toAttr: string | null;
}

/** `django.db.models.Prefetch(lookup, queryset=None, to_attr=None)`. */
class PrefetchObject extends PyObject {
  constructor(readonly lookup: PrefetchLookup) {
    super();
  }
  get pyClass(): PyClass {
    return PrefetchClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    const l = this.lookup;
    switch (name) {
      case 'prefetch_through':
        return l.through;
      case 'prefetch_to':
        return l.to;
      case 'queryset':
        return l.queryset ?? None;
      case 'to_attr':
        return l.toAttr ?? None;
    }
    return undefined;
  }
}

export const PrefetchClass: PyClass = new PyClass('Prefetch', {
  module: 'django.db.models.query',
  bases: [objectClass],
  nativeNew: (_cls, args, kwargs) => {
    const [lookup, queryset, toAttr] = bindPrefetchArgs(args, kwargs);
    if (queryset !== None && (!(queryset instanceof QuerySetObject) || queryset.iterKind !== 'model')) {
      throw pyError(ValueError, 'Prefetch querysets cannot use raw(), values(), and values_list().');
    }
    const through = str(lookup);
    const to = toAttr === None ? through : [...through.split('__').slice(0, -1), str(toAttr)].join('__');
    return new PrefetchObject({ through, to, queryset: queryset === None ? null : (queryset as QuerySetObject), toAttr: toAttr === None ? null : str(toAttr) });
  },
});
PrefetchClass.defineMethod('__init__', () => None);

function bindPrefetchArgs(args: PyValue[], kwargs: Kwargs): [PyValue, PyValue, PyValue] {
  const names = ['lookup', 'queryset', 'to_attr'];
  if (args.length > 3) throw pyError(TypeError, `Prefetch.__init__() takes from 2 to 4 positional arguments but ${args.length + 1} were given`);
  const out: PyValue[] = [...args];
  for (const [k, v] of kwargs) {
    const i = names.indexOf(k);
    if (i < 0) throw pyError(TypeError, `Prefetch.__init__() got an unexpected keyword argument '${k}'`);
    if (i < args.length) throw pyError(TypeError, `Prefetch.__init__() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  if (out[0] === undefined) throw pyError(TypeError, "Prefetch.__init__() missing 1 required positional argument: 'lookup'");
  return [out[0], out[1] ?? None, out[2] ?? None];
}

/** A prefetch_related() argument: a lookup string or a Prefetch. */
export function prefetchLookup(v: PyValue): PrefetchLookup {
  if (v instanceof PrefetchObject) return v.lookup;
  const s = str(v);
  return { through: s, to: s, queryset: null, toAttr: null };
}

/**
 * Runs the prefetch queries of `lookups` for `instances`: one query per relation and level, each
 * level once (by where its results go); a Prefetch's queryset and to_attr apply to its last level.
 */
export function prefetchRelatedObjects(instances: ModelInstance[], lookups: PrefetchLookup[]): void {
  const done = new Set<string>();
  for (const lookup of lookups) {
    const through = lookup.through.split('__');
    const to = lookup.to.split('__');
    let level: ModelInstance[] = instances;
    let prefix = '';
    for (let i = 0; i < through.length; i++) {
      const leaf = i === through.length - 1;
      const toAttr = leaf ? lookup.toAttr : null;
      prefix = prefix ? `${prefix}__${to[i]}` : to[i]!;
      if (!level.length) break;
      if (!done.has(prefix)) {
        done.add(prefix);
        prefetchOne(level, through[i]!, leaf ? lookup.queryset : null, toAttr);
      }
      level = nextLevel(level, through[i]!, toAttr);
    }
  }
}

function nextLevel(level: ModelInstance[], part: string, toAttr: string | null): ModelInstance[] {
  const out: ModelInstance[] = [];
  for (const inst of level) {
    const stored = toAttr ? inst.dict.get(toAttr) : undefined;
    const cached = stored instanceof PyList ? stored.items : toAttr ? undefined : inst.prefetched.get(part);
    if (cached) out.push(...(cached as ModelInstance[]));
    else {
      const v = stored ?? inst.fieldsCache.get(part);
      if (v instanceof ModelInstance) out.push(v);
    }
  }
  return out;
}

/** Where prefetched rows go: a `to_attr` attribute (a list, or the object of a single relation), or the relation's cache. */
function storePrefetched(inst: ModelInstance, part: string, rows: ModelInstance[], single: boolean, toAttr: string | null): void {
  if (toAttr) inst.dict.set(toAttr, single ? (rows[0] ?? None) : new PyList(rows));
  else if (single) inst.fieldsCache.set(part, rows[0] ?? None);
  else inst.prefetched.set(part, rows);
}

function prefetchOne(instances: ModelInstance[], part: string, base: QuerySetObject | null, toAttr: string | null): void {
  const first = instances[0]!;
  const apps = first.info.apps;
  const meta = first.meta;
  const field = meta.findField(part);
  if (field instanceof ForeignKey && field.name === part) {
    const target = relTarget(apps, field);
    const tf = targetField(field);
    const ids: PyValue[] = [];
    const seen = new Set<string>();
    for (const inst of instances) {
      const v = inst.value(field.attname!);
      if (v === None) continue;
      const k = String(hashKey(v));
      if (!seen.has(k)) {
        seen.add(k);
        ids.push(v);
      }
    }
    const byKey = new Map<string, ModelInstance>();
    if (ids.length) {
      const qs = base ?? makeQuerySet(infoOf(classFor(apps, target))!);
      const rows = filterQs(qs, [], new Map([[`${tf.name}__in`, new PyList(ids)]]), false).fetchAll() as ModelInstance[];
      for (const r of rows) byKey.set(String(hashKey(r.value(tf.attname!))), r);
    }
    for (const inst of instances) {
      const v = inst.value(field.attname!);
      const obj = v === None ? undefined : byKey.get(String(hashKey(v)));
      storePrefetched(inst, field.name!, obj ? [obj] : [], true, toAttr);
    }
    return;
  }
  if (field instanceof ManyToManyField) {
    prefetchM2M(instances, field, false, part, base, toAttr);
    return;
  }
  const rel = reverseRelations(apps, meta).find((r) => accessorName(r) === part);
  if (!rel) {
    throw pyError(
      AttributeError,
      `Cannot find '${part}' on ${meta.objectName} object, '${part}' is an invalid parameter to prefetch_related()`,
    );
  }
  if (rel instanceof ManyToManyRel) {
    prefetchM2M(instances, rel.field as ManyToManyField, true, part, base, toAttr);
    return;
  }
  // reverse foreign key / one-to-one
  const fk = rel.field as ForeignKey;
  const owner = relOwner(apps, rel);
  const tf = targetField(fk);
  const qs = base ?? makeQuerySet(infoOf(classFor(apps, owner))!);
  const rows = filterQs(qs, [], new Map([[`${fk.name}__in`, new PyList(instances)]]), false).fetchAll() as ModelInstance[];
  const groups = new Map<string, ModelInstance[]>();
  for (const r of rows) {
    const k = String(hashKey(r.value(fk.attname!)));
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  for (const inst of instances) {
    const list = groups.get(String(hashKey(inst.value(tf.attname!)))) ?? [];
    for (const r of list) r.fieldsCache.set(fk.name!, inst);
    storePrefetched(inst, part, list, fk instanceof OneToOneField, toAttr);
  }
}

function prefetchM2M(instances: ModelInstance[], field: ManyToManyField, reverse: boolean, cacheName: string, base: QuerySetObject | null, toAttr: string | null): void {
  const apps = instances[0]!.info.apps;
  const { through, source, target } = m2mLinks(apps, field);
  const [mine, other] = reverse ? [target, source] : [source, target];
  const otherModel = relTarget(apps, other);
  const queryName = reverse ? field.name! : relName(field.remoteField);
  const qs = base ?? makeQuerySet(infoOf(classFor(apps, otherModel))!);
  const filtered = filterQs(qs, [], new Map([[`${queryName}__in`, new PyList(instances)]]), false);
  // the through table's column for the instance side, selected first like Django's extra(select=…)
  const alias = [...filtered.query.aliasMap.entries()].find(([, j]) => j.tableName === through.dbTable)?.[0] ?? through.dbTable;
  const extraName = `_prefetch_related_val_${mine.attname}`;
  filtered.query.extraSelect = [[extraName, `${filtered.query.qn(alias)}.${quoteName(mine.column!)}`, kindOfField(mine)]];
  const c = filtered.query.compileSelect();
  const groups = new Map<string, ModelInstance[]>();
  if (!c.empty) {
    const r = execute(c.compiled[0], c.compiled[1]);
    const kinds = c.columns.map((col) => col.kind);
    for (const row of r.rows) {
      const values = row.map((text, i) => fromDb(text, kinds[i] as ValueKind));
      const key = String(hashKey(values[0]!));
      const ki = c.klassInfo!;
      const info = infoOf(classFor(apps, ki.meta))!;
      const obj = instanceFromRow(info, ki.fields, values.slice(ki.start, ki.start + ki.fields.length), ki.fields);
      const list = groups.get(key) ?? [];
      list.push(obj);
      groups.set(key, list);
    }
  }
  const mineTarget = targetField(mine);
  for (const inst of instances) storePrefetched(inst, cacheName, groups.get(String(hashKey(inst.value(mineTarget.attname!)))) ?? [], false, toAttr);
}
