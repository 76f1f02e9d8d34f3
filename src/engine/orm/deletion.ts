/**
 * Deleting objects the way django.db.models.deletion.Collector does: collect the objects and,
 * through every reverse relation, what their on_delete says (CASCADE collects, PROTECT raises
 * ProtectedError, RESTRICT, SET_NULL/SET_DEFAULT/SET() schedule updates, DO_NOTHING nothing),
 * "fast delete" querysets of models nothing depends on, then run the updates and DELETEs in
 * dependency order inside one transaction and report `(total, {'app.Model': n, …})` in Django's
 * order (fast deletes first).
 */
import {
  NativeFunction,
  None,
  PyDict,
  PyList,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  call,
  eq,
  hashKey,
  pyError,
  setattr,
  str,
} from '../python/objects.ts';
import { ProtectedError, RestrictedError } from '../django/exceptions.ts';
import { CASCADE, DO_NOTHING, PROTECT, RESTRICT, SET_DEFAULT, SET_NULL } from '../state/deletion.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyRel } from '../state/fields/related.ts';
import type { ForeignObjectRel } from '../state/fields/related.ts';
import { quoteName } from '../db/postgres/compiler.ts';
import { fieldDefault, prepSave } from './convert.ts';
import { type ModelInfo, ModelInstance, classFor, infoOf, relationHooks } from './model-instance.ts';
import { QuerySetObject, deletionHooks, filterQs, makeQuerySet, updateRows } from './queryset.ts';
import { ancestors, fm, relOwner, reverseRelations } from './meta-utils.ts';
import { execute } from './runtime.ts';
import { atomic } from './transaction.ts';
import { baseQueryset } from './manager.ts';
import { hasDeleteListeners, sendModelSignal } from './signals.ts';

const CHUNK = 100;

type Objs = QuerySetObject | ModelInstance[];

class ProtectedSignal extends Error {
  constructor(
    readonly key: string,
    readonly objects: ModelInstance[],
  ) {
    super('protected');
  }
}

interface FieldUpdate {
  field: Field;
  value: PyValue;
  objs: Objs[];
}

function objsList(objs: Objs): ModelInstance[] {
  return objs instanceof QuerySetObject ? (objs.fetchAll() as ModelInstance[]) : objs;
}

function modelKey(info: ModelInfo): string {
  return info.meta.labelLower;
}

/** `get_candidate_relations_to_delete`: reverse FK/one-to-one relations (hidden ones too). */
function candidateRelations(info: ModelInfo): ForeignObjectRel[] {
  const metas = [fm(info.meta), ...ancestors(info.apps, info.meta)];
  const out: ForeignObjectRel[] = [];
  for (const m of metas) for (const r of reverseRelations(info.apps, m, true)) if (!(r instanceof ManyToManyRel) && !out.includes(r)) out.push(r);
  return out;
}

export class Collector {
  readonly data = new Map<string, { info: ModelInfo; instances: ModelInstance[] }>();
  readonly fastDeletes: QuerySetObject[] = [];
  readonly fieldUpdates: FieldUpdate[] = [];
  readonly dependencies = new Map<string, Set<string>>();
  readonly restricted = new Map<string, Map<ForeignKey, ModelInstance[]>>();

  /** What the delete started from (an instance or a queryset): the signals' `origin`. */
  origin: PyValue = None;

  private canFastDeleteModel(info: ModelInfo, fromField: ForeignKey | null): boolean {
    if (fromField && fromField.remoteField.onDelete !== CASCADE) return false;
    // receivers of the delete signals need the instances: they are fetched first
    if (hasDeleteListeners(info.cls)) return false;
    const meta = fm(info.meta);
    for (const link of meta.parents.values()) if (link !== fromField) return false;
    return candidateRelations(info).every((r) => r.onDelete === DO_NOTHING);
  }

  canFastDelete(objs: Objs | ModelInstance, fromField: ForeignKey | null = null): boolean {
    if (objs instanceof QuerySetObject) return this.canFastDeleteModel(objs.info, fromField);
    if (objs instanceof ModelInstance) return this.canFastDeleteModel(objs.info, fromField);
    return false;
  }

  private addDependency(model: ModelInfo, dependency: ModelInfo, reverse = false): void {
    let [m, d] = [model, dependency];
    if (reverse) [m, d] = [d, m];
    const key = m.meta.concreteModel.labelLower;
    const set = this.dependencies.get(key) ?? new Set<string>();
    set.add(d.meta.concreteModel.labelLower);
    this.dependencies.set(key, set);
    if (!this.data.has(modelKey(d))) this.data.set(modelKey(d), { info: d, instances: [] });
  }

  /** Collector.add: the objects not collected yet. */
  private add(objs: ModelInstance[], source: ModelInfo | null, nullable: boolean, reverseDependency = false): ModelInstance[] {
    if (!objs.length) return [];
    const info = objs[0]!.info;
    let entry = this.data.get(modelKey(info));
    if (!entry) {
      entry = { info, instances: [] };
      this.data.set(modelKey(info), entry);
    }
    const out: ModelInstance[] = [];
    for (const obj of objs) {
      if (entry.instances.some((x) => x === obj || x.nativeEq(obj))) continue;
      if (out.some((x) => x === obj || x.nativeEq(obj))) continue;
      out.push(obj);
    }
    entry.instances.push(...out);
    if (source && !nullable) this.addDependency(source, info, reverseDependency);
    return out;
  }

  private addFieldUpdate(field: Field, value: PyValue, objs: Objs): void {
    const existing = this.fieldUpdates.find((u) => u.field === field && eq(u.value, value));
    if (existing) existing.objs.push(objs);
    else this.fieldUpdates.push({ field, value, objs: [objs] });
  }

  /** `related_objects`: the related model's rows pointing at `batch` through `fields`. */
  private relatedObjects(info: ModelInfo, fields: ForeignKey[], batch: ModelInstance[]): QuerySetObject {
    const base = baseQueryset(info.cls);
    if (fields.length === 1) return filterQs(base, [], new Map([[`${fields[0]!.name}__in`, new PyList(batch)]]), false);
    let qs = filterQs(base, [], new Map([[`${fields[0]!.name}__in`, new PyList(batch)]]), false);
    for (const f of fields.slice(1)) {
      const other = filterQs(base, [], new Map([[`${f.name}__in`, new PyList(batch)]]), false);
      qs = call(qs.pyClass.lookup('__or__')!, [qs, other]) as QuerySetObject;
    }
    return qs;
  }

  collect(
    objs: Objs,
    opts: { source?: ModelInfo | null; nullable?: boolean; collectRelated?: boolean; reverseDependency?: boolean; failOnRestricted?: boolean } = {},
  ): void {
    if (objs instanceof QuerySetObject && this.canFastDelete(objs)) {
      this.fastDeletes.push(objs);
      return;
    }
    const list = objsList(objs);
    const newObjs = this.add(list, opts.source ?? null, opts.nullable ?? false, opts.reverseDependency ?? false);
    if (!newObjs.length) return;
    const info = newObjs[0]!.info;
    // concrete parents (multi-table inheritance): collected without their relations
    for (const [parent, ptr] of fm(info.meta).parents) {
      if (!ptr) continue;
      const parentObjs: ModelInstance[] = [];
      for (const o of newObjs) {
        const p = o.relatedObject(ptr as ForeignKey);
        if (p instanceof ModelInstance) parentObjs.push(p);
      }
      void parent;
      this.collect(parentObjs, { source: info, collectRelated: false, reverseDependency: true, failOnRestricted: false });
    }
    if (opts.collectRelated === false) return;
    const fastDeletesByModel = new Map<string, { info: ModelInfo; fields: ForeignKey[] }>();
    const protectedObjects = new Map<string, ModelInstance[]>();
    for (const rel of candidateRelations(info)) {
      const field = rel.field as ForeignKey;
      const onDelete = rel.onDelete;
      if (onDelete === DO_NOTHING) continue;
      const relatedInfo = infoOf(classFor(info.apps, relOwner(info.apps, rel)))!;
      if (this.canFastDeleteModel(relatedInfo, field)) {
        const e = fastDeletesByModel.get(modelKey(relatedInfo)) ?? { info: relatedInfo, fields: [] };
        e.fields.push(field);
        fastDeletesByModel.set(modelKey(relatedInfo), e);
        continue;
      }
      for (let i = 0; i < newObjs.length; i += CHUNK) {
        const batch = newObjs.slice(i, i + CHUNK);
        const subObjs = this.relatedObjects(relatedInfo, [field], batch);
        const lazy = onDelete === SET_NULL || isLazySet(onDelete);
        if (!lazy && subObjs.fetchAll().length === 0) continue;
        try {
          this.onDelete(onDelete, field, subObjs, info);
        } catch (e) {
          if (e instanceof ProtectedSignal) {
            const key = `'${classFor(info.apps, field.model!).name}.${field.name}'`;
            const list = protectedObjects.get(key) ?? [];
            list.push(...e.objects);
            protectedObjects.set(key, list);
          } else throw e;
        }
      }
    }
    if (protectedObjects.size) {
      const all: ModelInstance[] = [];
      for (const l of protectedObjects.values()) all.push(...l);
      throw new ProtectedSignal(
        `Cannot delete some instances of model '${info.cls.name}' because they are referenced through protected foreign keys: ${[...protectedObjects.keys()].join(', ')}.`,
        all,
      );
    }
    for (const { info: relatedInfo, fields } of fastDeletesByModel.values()) {
      for (let i = 0; i < newObjs.length; i += CHUNK) {
        this.fastDeletes.push(this.relatedObjects(relatedInfo, fields, newObjs.slice(i, i + CHUNK)));
      }
    }
    if (opts.failOnRestricted !== false) this.checkRestricted(info);
  }

  private onDelete(handler: PyValue, field: ForeignKey, subObjs: QuerySetObject, source: ModelInfo): void {
    if (handler === CASCADE) {
      this.collect(subObjs, { source, nullable: field.isNull, failOnRestricted: false });
      return;
    }
    if (handler === PROTECT) {
      const objs = subObjs.fetchAll() as ModelInstance[];
      throw new ProtectedSignal('', objs);
    }
    if (handler === SET_NULL) {
      this.addFieldUpdate(field, None, subObjs);
      return;
    }
    if (handler === SET_DEFAULT) {
      this.addFieldUpdate(field, fieldDefault(field), subObjs);
      return;
    }
    if (handler === RESTRICT) {
      const objs = subObjs.fetchAll() as ModelInstance[];
      if (objs.length) {
        const info = objs[0]!.info;
        const byField = this.restricted.get(modelKey(info)) ?? new Map<ForeignKey, ModelInstance[]>();
        const list = byField.get(field) ?? [];
        for (const o of objs) if (!list.some((x) => x.nativeEq(o))) list.push(o);
        byField.set(field, list);
        this.restricted.set(modelKey(info), byField);
      }
      const targetInfo = infoOf(classFor(source.apps, source.meta))!;
      this.addDependency(targetInfo, subObjs.info);
      return;
    }
    const setValue = (handler as { setValue?: PyValue }).setValue;
    if (setValue !== undefined) {
      const v = setValue instanceof NativeFunction || (setValue as { nativeCall?: unknown }).nativeCall ? call(setValue) : setValue;
      this.addFieldUpdate(field, v, subObjs);
      return;
    }
    throw pyError(TypeError, `on_delete=${str(handler)} is not supported by this sandbox's ORM`);
  }

  private checkRestricted(info: ModelInfo): void {
    if (!this.restricted.size) return;
    const collected = (key: string, o: ModelInstance) =>
      (this.data.get(key)?.instances ?? []).some((x) => x.nativeEq(o)) ||
      this.fastDeletes.some((qs) => modelKey(qs.info) === key && (qs.fetchAll() as ModelInstance[]).some((x) => x.nativeEq(o)));
    const remaining = new Map<string, ModelInstance[]>();
    for (const [key, byField] of this.restricted) {
      for (const [field, objs] of byField) {
        const left = objs.filter((o) => !collected(key, o));
        if (!left.length) continue;
        const k = `'${classFor(info.apps, field.model!).name}.${field.name}'`;
        remaining.set(k, [...(remaining.get(k) ?? []), ...left]);
      }
    }
    if (remaining.size) {
      const all: ModelInstance[] = [];
      for (const l of remaining.values()) all.push(...l);
      throw pyErrorWith(
        RestrictedError,
        `Cannot delete some instances of model '${info.cls.name}' because they are referenced through restricted foreign keys: ${[...remaining.keys()].join(', ')}.`,
        'restricted_objects',
        all,
      );
    }
  }

  /** Collector.sort: models whose dependencies are deleted first come later. */
  private sort(): void {
    const models = [...this.data.keys()];
    const sorted: string[] = [];
    const concrete = new Set<string>();
    while (sorted.length < models.length) {
      let found = false;
      for (const m of models) {
        if (sorted.includes(m)) continue;
        const info = this.data.get(m)!.info;
        const deps = this.dependencies.get(info.meta.concreteModel.labelLower);
        if (!deps || [...deps].every((d) => concrete.has(d))) {
          sorted.push(m);
          concrete.add(info.meta.concreteModel.labelLower);
          found = true;
        }
      }
      if (!found) return;
    }
    const entries = sorted.map((k) => [k, this.data.get(k)!] as const);
    this.data.clear();
    for (const [k, v] of entries) this.data.set(k, v);
  }

  delete(): PyValue {
    for (const entry of this.data.values()) entry.instances.sort((a, b) => comparePk(a.pk, b.pk));
    this.sort();
    const counter = new Map<string, bigint>();
    const bump = (label: string, n: bigint) => {
      if (n) counter.set(label, (counter.get(label) ?? 0n) + n);
    };
    if (this.data.size === 1) {
      const entry = [...this.data.values()][0]!;
      if (entry.instances.length === 1) {
        const inst = entry.instances[0]!;
        if (this.canFastDelete(inst)) {
          const count = deleteBatch(entry.info, [inst.pk]);
          inst.dict.set(entry.info.meta.pk!.attname!, None);
          return new PyTuple([count, new PyDict([[entry.info.meta.label, count]])]);
        }
      }
    }
    const signalled = (info: ModelInfo) => !fm(info.meta).autoCreated;
    const named = (inst: ModelInstance): [string, PyValue][] => [['instance', inst], ['using', 'default'], ['origin', this.origin]];
    atomic(() => {
      for (const entry of this.data.values()) {
        if (signalled(entry.info)) for (const inst of entry.instances) sendModelSignal('pre_delete', entry.info.cls, named(inst));
      }
      for (const qs of this.fastDeletes) {
        const c = qs.query.compileDelete();
        if (c.empty) continue;
        const r = execute(c.compiled[0], c.compiled[1]);
        bump(qs.meta.label, BigInt(r.rowCount ?? 0));
      }
      for (const u of this.fieldUpdates) {
        const lazy = u.objs.filter((o): o is QuerySetObject => o instanceof QuerySetObject && o.resultCache === null);
        const loaded: ModelInstance[] = [];
        for (const o of u.objs) if (!(o instanceof QuerySetObject && o.resultCache === null)) loaded.push(...objsList(o));
        if (lazy.length) {
          let combined = lazy[0]!;
          for (const other of lazy.slice(1)) combined = call(combined.pyClass.lookup('__or__')!, [combined, other]) as QuerySetObject;
          updateRows(combined, new Map([[u.field.name!, u.value]]));
        }
        if (loaded.length) {
          const info = loaded[0]!.info;
          const pks: PyValue[] = [];
          const seen = new Set<string>();
          for (const o of loaded) {
            const k = String(hashKey(o.pk));
            if (!seen.has(k)) {
              seen.add(k);
              pks.push(o.pk);
            }
          }
          updateBatch(info, pks, u.field, u.value);
        }
      }
      for (const entry of this.data.values()) entry.instances.reverse();
      for (const entry of this.data.values()) {
        const count = deleteBatch(entry.info, entry.instances.map((i) => i.pk));
        bump(entry.info.meta.label, count);
        if (signalled(entry.info)) for (const inst of entry.instances) sendModelSignal('post_delete', entry.info.cls, named(inst));
      }
      return None;
    }, false);
    for (const u of this.fieldUpdates) {
      for (const o of u.objs) {
        if (o instanceof QuerySetObject && o.resultCache === null) continue;
        for (const inst of objsList(o)) inst.dict.set(u.field.attname!, u.value);
      }
    }
    for (const entry of this.data.values()) for (const inst of entry.instances) inst.dict.set(entry.info.meta.pk!.attname!, None);
    let total = 0n;
    for (const n of counter.values()) total += n;
    return new PyTuple([total, new PyDict([...counter].map(([k, v]) => [k, v]))]);
  }
}

function isLazySet(handler: PyValue): boolean {
  const v = (handler as { setValue?: PyValue }).setValue;
  return v !== undefined && !(v as { nativeCall?: unknown }).nativeCall;
}

function comparePk(a: PyValue, b: PyValue): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const sa = str(a);
  const sb = str(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `DeleteQuery.delete_batch`: DELETE … WHERE pk IN (…) in chunks of 100. */
function deleteBatch(info: ModelInfo, pks: PyValue[]): bigint {
  const meta = info.meta;
  const table = quoteName(meta.dbTable);
  const pk = meta.pk!;
  let total = 0n;
  for (let i = 0; i < pks.length; i += CHUNK) {
    const chunk = pks.slice(i, i + CHUNK).map((v) => prepSave(pk, v));
    const r = execute(`DELETE FROM ${table} WHERE ${table}.${quoteName(pk.column!)} IN (${chunk.map(() => '%s').join(', ')})`, chunk);
    total += BigInt(r.rowCount ?? 0);
  }
  return total;
}

/** `UpdateQuery.update_batch`. */
function updateBatch(info: ModelInfo, pks: PyValue[], field: Field, value: PyValue): void {
  for (let i = 0; i < pks.length; i += CHUNK) {
    const qs = filterQs(makeQuerySet(info), [], new Map([['pk__in', new PyList(pks.slice(i, i + CHUNK))]]), false);
    updateRows(qs, new Map([[field.name!, value]]));
  }
}

/** An exception instance with an extra attribute (ProtectedError.protected_objects). */
function pyErrorWith(cls: typeof ProtectedError, msg: string, attr: string, objs: ModelInstance[]): Error {
  const set = protectedSet(objs);
  const e = pyError(cls, msg, set);
  e.value.dict.set(attr, set);
  return e;
}

/** A set of instances, inserted in key order (CPython's order for small integer keys). */
function protectedSet(objs: ModelInstance[]): PySet {
  const sorted = [...objs].sort((a, b) => comparePk(a.pk, b.pk));
  return new PySet(sorted);
}

// Python-visible constructors: ProtectedError(msg, protected_objects) keeps the objects.
ProtectedError.defineMethod('__init__', ([self, msg, objs]) => {
  setattr(self!, 'protected_objects', objs ?? None);
  setattr(self!, 'args', new PyTuple([msg ?? None, objs ?? None]));
  return None;
});
RestrictedError.defineMethod('__init__', ([self, msg, objs]) => {
  setattr(self!, 'restricted_objects', objs ?? None);
  setattr(self!, 'args', new PyTuple([msg ?? None, objs ?? None]));
  return None;
});

/** Deletes the collected objects of a Collector run, translating PROTECT into ProtectedError. */
function run(origin: PyValue, fn: (c: Collector) => void): PyValue {
  const c = new Collector();
  c.origin = origin;
  try {
    fn(c);
  } catch (e) {
    if (e instanceof ProtectedSignal) throw pyErrorWith(ProtectedError, e.key, 'protected_objects', e.objects);
    throw e;
  }
  return c.delete();
}

relationHooks.deleteInstance = (inst) => run(inst, (c) => c.collect([inst]));
deletionHooks.deleteQueryset = (qs) => run(qs, (c) => c.collect(qs));
