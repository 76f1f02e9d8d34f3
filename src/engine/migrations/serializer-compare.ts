/**
 * Small Python semantics the serializer and the writer need: `sorted()` with Python's `<`
 * (dict keys, kwargs), string ordering by code point (`sorted(..., key=repr)`, dependency lines,
 * import lines) and `str.splitlines()`.
 */
import {
  NO_KWARGS,
  NotImplemented,
  NativeFunction,
  PyBytes,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  call,
  eq,
  pyError,
  truthy,
  typeName,
  typeOf,
} from '../python/objects.ts';

/** Compares two JS strings by Unicode code point, as Python compares str. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800–0xDFFF) encode code points above 0xFFFF: they sort after every BMP
    // character above them in UTF-16 order, so compare full code points when one is involved.
    const cx = a.codePointAt(i)!;
    const cy = b.codePointAt(i)!;
    return cx < cy ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function numeric(v: PyValue): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

function numLt(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === 'number' && Number.isNaN(a)) return false;
  if (typeof b === 'number' && Number.isNaN(b)) return false;
  // Mixed bigint/number comparison is exact in JavaScript.
  return a < b;
}

function seqLt(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!eq(a[i]!, b[i]!)) return pyLt(a[i]!, b[i]!);
  }
  return a.length < b.length;
}

function isUserMethod(m: PyValue | undefined): m is PyValue {
  return m !== undefined && !(m instanceof NativeFunction && m.module === 'builtins');
}

/** `a < b` with Python 3 semantics; raises TypeError for unorderable types. */
export function pyLt(a: PyValue, b: PyValue): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return numLt(na, nb);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (a instanceof PyTuple && b instanceof PyTuple) return seqLt(a.items, b.items);
  if (a instanceof PyList && b instanceof PyList) return seqLt(a.items, b.items);
  if (a instanceof PyBytes && b instanceof PyBytes) {
    const n = Math.min(a.data.length, b.data.length);
    for (let i = 0; i < n; i++) if (a.data[i] !== b.data[i]) return a.data[i]! < b.data[i]!;
    return a.data.length < b.data.length;
  }
  if (a instanceof PySet && b instanceof PySet) {
    // proper subset
    if (a.entries.size >= b.entries.size) return false;
    for (const k of a.entries.keys()) if (!b.entries.has(k)) return false;
    return true;
  }
  if (a instanceof PyObject) {
    const lt = typeOf(a).lookup('__lt__');
    if (isUserMethod(lt)) {
      const r = call(lt, [a, b], NO_KWARGS);
      if (r !== NotImplemented) return truthy(r);
    }
  }
  if (b instanceof PyObject) {
    const gt = typeOf(b).lookup('__gt__');
    if (isUserMethod(gt)) {
      const r = call(gt, [b, a], NO_KWARGS);
      if (r !== NotImplemented) return truthy(r);
    }
  }
  throw pyError(TypeError, `'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** `sorted(items)` using Python's `<` (stable). */
export function pySorted<T extends PyValue>(items: readonly T[]): T[] {
  return sortedBy(items, (a, b) => pyLt(a, b));
}

/** A stable merge sort driven by a "less than" predicate, like CPython's sort (which only uses `<`). */
export function sortedBy<T>(items: readonly T[], lt: (a: T, b: T) => boolean): T[] {
  const arr = [...items];
  if (arr.length < 2) return arr;
  const tmp = new Array<T>(arr.length);
  const merge = (lo: number, mid: number, hi: number) => {
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      // take from the right only when strictly smaller: keeps equal items in order
      if (lt(arr[j]!, arr[i]!)) tmp[k++] = arr[j++]!;
      else tmp[k++] = arr[i++]!;
    }
    while (i < mid) tmp[k++] = arr[i++]!;
    while (j < hi) tmp[k++] = arr[j++]!;
    for (let x = lo; x < hi; x++) arr[x] = tmp[x]!;
  };
  for (let width = 1; width < arr.length; width *= 2) {
    for (let lo = 0; lo < arr.length - width; lo += 2 * width) {
      merge(lo, lo + width, Math.min(lo + 2 * width, arr.length));
    }
  }
  return arr;
}

/** Sorts strings by code point (Python's default str order). */
export function sortedStrings(items: Iterable<string>): string[] {
  return sortedBy([...items], (a, b) => compareCodePoints(a, b) < 0);
}

const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Python's `str.splitlines()` (without keepends). */
export function splitlines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(LINE_BREAKS);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
