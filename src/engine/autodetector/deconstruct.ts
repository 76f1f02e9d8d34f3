/**
 * The autodetector's structural comparisons: `deep_deconstruct` (fields and everything they hold
 * turned into (path, args, kwargs) trees compared with Python's ==), the relation-agnostic field
 * definitions used to detect renamed models, and Python's string ordering for sorted().
 */
import {
  type HashKey,
  PyClass,
  PyDict,
  PyInstance,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  call,
  eq,
  getattrOpt,
  hashKey,
  toArray,
} from '../python/objects.ts';
import { Field } from '../state/fields/field.ts';
import { isDeconstructible } from '../state/expressions.ts';
import { partialClass } from '../python/stdlib/functional.ts';
import { setHandlerDeconstruction } from '../state/deletion.ts';
import { fieldDeconstruction } from '../state/fields/registry.ts';

/** A deep-deconstructed value. */
export type Deep =
  | { t: 'obj'; path: string; args: Deep[]; kwargs: Map<string, Deep> }
  | { t: 'list'; items: Deep[] }
  | { t: 'tuple'; items: Deep[] }
  | { t: 'dict'; entries: Map<HashKey, [PyValue, Deep]> }
  | { t: 'value'; v: PyValue };

/** A deconstructed object: (path, [args], {kwargs}). */
export type DeepObject = Extract<Deep, { t: 'obj' }>;

function pythonDeconstruct(v: PyValue): { path: string; args: PyValue[]; kwargs: [string, PyValue][] } | null {
  if (!(v instanceof PyInstance)) return null;
  const method = getattrOpt(v, 'deconstruct');
  if (method === undefined) return null;
  const r = call(method);
  const parts = toArray(r);
  const path = parts[0];
  const kwargs = parts[2];
  if (parts.length !== 3 || typeof path !== 'string' || !(kwargs instanceof PyDict)) return null;
  return { path, args: toArray(parts[1]!), kwargs: kwargs.items().map(([k, x]) => [String(k), x]) };
}

/** MigrationAutodetector.deep_deconstruct. */
export function deepDeconstruct(v: PyValue): Deep {
  if (v instanceof PyList) return { t: 'list', items: v.items.map(deepDeconstruct) };
  if (v instanceof PyTuple) return { t: 'tuple', items: v.items.map(deepDeconstruct) };
  if (v instanceof PyDict) {
    const entries = new Map<HashKey, [PyValue, Deep]>();
    for (const [k, x] of v.items()) entries.set(hashKey(k), [k, deepDeconstruct(x)]);
    return { t: 'dict', entries };
  }
  // A type that happens to have a deconstruct method is compared as itself (#22951).
  if (v instanceof PyClass) return { t: 'value', v };
  // functools.partial: (func, deep(args), deep(keywords)), so equal partials compare equal.
  if (v instanceof PyObject && v.pyClass.isSubclassOf(partialClass)) {
    const part = (name: string) => getattrOpt(v, name)!;
    return { t: 'tuple', items: [{ t: 'value', v: part('func') }, deepDeconstruct(part('args')), deepDeconstruct(part('keywords'))] };
  }
  if (v instanceof Field) return deepField(v);
  if (v instanceof PyObject && isDeconstructible(v)) {
    const d = v.deconstruct();
    return obj(d.path, d.args, [...d.kwargs]);
  }
  const setHandler = setHandlerDeconstruction(v);
  if (setHandler) return obj(setHandler.path, setHandler.args, setHandler.kwargs);
  const py = pythonDeconstruct(v);
  if (py) return obj(py.path, py.args, py.kwargs);
  return { t: 'value', v };
}

function obj(path: string, args: PyValue[], kwargs: Iterable<[string, PyValue]>): DeepObject {
  const out = new Map<string, Deep>();
  for (const [k, x] of kwargs) out.set(k, deepDeconstruct(x));
  return { t: 'obj', path, args: args.map(deepDeconstruct), kwargs: out };
}

/** A field's deep deconstruction (without its name). */
export function deepField(f: Field): DeepObject {
  const d = fieldDeconstruction(f);
  return obj(d.path, d.args, d.kwargs);
}

/** Python == between deep-deconstructed values. */
export function deepEqual(a: Deep, b: Deep): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'value':
      return eq(a.v, (b as typeof a).v);
    case 'list':
    case 'tuple': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => deepEqual(x, bi[i]!));
    }
    case 'dict': {
      const be = (b as typeof a).entries;
      if (a.entries.size !== be.size) return false;
      for (const [k, [, x]] of a.entries) {
        const o = be.get(k);
        if (!o || !deepEqual(x, o[1])) return false;
      }
      return true;
    }
    case 'obj': {
      const o = b as typeof a;
      return a.path === o.path && a.args.length === o.args.length && a.args.every((x, i) => deepEqual(x, o.args[i]!)) && kwargsEqual(a.kwargs, o.kwargs);
    }
  }
}

export function kwargsEqual(a: Map<string, Deep>, b: Map<string, Deep>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === undefined || !deepEqual(x, y)) return false;
  }
  return true;
}

/** Python's comparison of two str (by code point). */
export function pyStrCmp(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx === sy) return x < y ? -1 : 1;
      // A surrogate (astral code point) sorts after any BMP code point.
      return sx ? 1 : -1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** sorted() for tuples of str. */
export function pyTupleCmp(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = pyStrCmp(a[i]!, b[i]!);
    if (c) return c;
  }
  return a.length - b.length;
}

/**
 * MigrationAutodetector.only_relation_agnostic_fields: the fields' deep deconstructions sorted
 * by name, without the `to` of relations (a model rename changes it).
 */
export function relationAgnosticFields(fields: Map<string, Field>): DeepObject[] {
  return [...fields]
    .sort((a, b) => pyStrCmp(a[0], b[0]))
    .map(([, f]) => {
      const d = deepField(f);
      if (f.remoteField && isTruthyModel(f.remoteField.model)) d.kwargs.delete('to');
      return d;
    });
}

function isTruthyModel(m: PyValue): boolean {
  return !(typeof m === 'string' && m === '') && m !== undefined && m !== null;
}

export function deepListEqual(a: readonly Deep[], b: readonly Deep[]): boolean {
  return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]!));
}
