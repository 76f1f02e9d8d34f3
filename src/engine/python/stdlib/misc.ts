/**
 * random (seeded from the interpreter's Env; sequences differ from CPython's Mersenne Twister),
 * copy, and textwrap.
 */
import {
  IndexError,
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyInstance,
  PyList,
  PyModule,
  PyObject,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  bindAttribute,
  call,
  pyError,
  str,
  typeName,
  typeOf,
} from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { PyBoxed, unbox } from '../types/core.ts';
import { PyDictSub, PyListSub, PySetSub, PyTupleSub, iterToArray } from '../types/containers.ts';
import { asFloat, asInt, indexValue } from '../operators.ts';

function fnOf(d: Map<string, PyValue>, module: string) {
  return (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => d.set(name, new NativeFunction(name, impl, { module, qualname: name }));
}

// ---------------------------------------------------------------------------------------------
// random
// ---------------------------------------------------------------------------------------------

/** xoshiro128** seeded from bytes. */
class Rng {
  private s = new Uint32Array(4);
  constructor(seed: Uint8Array) {
    this.seed(seed);
  }
  seed(bytes: Uint8Array): void {
    const dv = new DataView(new ArrayBuffer(16));
    for (let i = 0; i < 16; i++) dv.setUint8(i, bytes[i % Math.max(1, bytes.length)] ?? i);
    for (let i = 0; i < 4; i++) this.s[i] = dv.getUint32(i * 4) || 0x9e3779b9 + i;
  }
  next32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
  random(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
  below(n: bigint): bigint {
    if (n <= 0n) throw pyError(ValueError, 'empty range for randrange()');
    const bits = n.toString(2).length;
    for (;;) {
      let r = 0n;
      for (let b = 0; b < bits; b += 32) r = (r << 32n) | BigInt(this.next32());
      r &= (1n << BigInt(bits)) - 1n;
      if (r < n) return r;
    }
  }
}
function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function intArg(v: PyValue | undefined, name: string): bigint {
  const i = v === undefined ? undefined : indexValue(unbox(v));
  if (i === undefined) throw pyError(TypeError, `'${typeName(v ?? None)}' object cannot be interpreted as an integer`);
  return i;
}

export function makeRandom(interp: Interpreter): PyModule {
  const rng = new Rng(interp.env.randomBytes(16));
  const m = new PyModule('random');
  const d = m.dict;
  const fn = fnOf(d, 'random');
  fn('random', () => rng.random());
  fn('seed', (a) => {
    const v = a[0];
    if (v === undefined || v === None) rng.seed(interp.env.randomBytes(16));
    else rng.seed(new TextEncoder().encode(str(v)));
    return None;
  });
  fn('randint', (a) => {
    const lo = intArg(a[0], 'a');
    const hi = intArg(a[1], 'b');
    if (hi < lo) throw pyError(ValueError, `empty range in randrange(${lo}, ${hi + 1n})`);
    return lo + rng.below(hi - lo + 1n);
  });
  fn('randrange', (a) => {
    let start = intArg(a[0], 'start');
    let stop: bigint;
    const step = a[2] === undefined ? 1n : intArg(a[2], 'step');
    if (a[1] === undefined || a[1] === None) {
      stop = start;
      start = 0n;
    } else stop = intArg(a[1], 'stop');
    const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
    if (n <= 0n) throw pyError(ValueError, `empty range in randrange(${start}, ${stop})`);
    return start + step * rng.below(n);
  });
  fn('choice', (a) => {
    const items = iterToArray(a[0] ?? new PyList([]));
    if (!items.length) throw pyError(IndexError, 'Cannot choose from an empty sequence');
    return items[Number(rng.below(BigInt(items.length)))]!;
  });
  fn('choices', (a, k) => {
    const items = iterToArray(a[0] ?? new PyList([]));
    const kk = Number(asInt(unbox(k.get('k') ?? a[3] ?? 1n)) ?? 1n);
    const weightsV = k.get('weights') ?? a[1] ?? None;
    const weights = weightsV === None ? null : iterToArray(weightsV).map((w) => asFloat(unbox(w)) ?? 0);
    const out: PyValue[] = [];
    for (let i = 0; i < kk; i++) {
      if (!weights) out.push(items[Math.floor(rng.random() * items.length)]!);
      else {
        const total = weights.reduce((x, y) => x + y, 0);
        let r = rng.random() * total;
        let j = 0;
        while (j < weights.length - 1 && r >= weights[j]!) r -= weights[j++]!;
        out.push(items[j]!);
      }
    }
    return new PyList(out);
  });
  fn('shuffle', (a) => {
    const l = a[0];
    if (!(l instanceof PyList)) throw pyError(TypeError, `'${typeName(l ?? None)}' object does not support item assignment`);
    for (let i = l.items.length - 1; i > 0; i--) {
      const j = Number(rng.below(BigInt(i + 1)));
      [l.items[i], l.items[j]] = [l.items[j]!, l.items[i]!];
    }
    return None;
  });
  fn('sample', (a, k) => {
    const items = iterToArray(a[0] ?? new PyList([]));
    const n = Number(intArg(a[1] ?? k.get('k'), 'k'));
    if (n < 0 || n > items.length) throw pyError(ValueError, 'Sample larger than population or is negative');
    const pool = [...items];
    const out: PyValue[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Number(rng.below(BigInt(pool.length))), 1)[0]!);
    return new PyList(out);
  });
  fn('uniform', (a) => {
    const x = asFloat(unbox(a[0] ?? 0n)) ?? 0;
    const y = asFloat(unbox(a[1] ?? 1n)) ?? 1;
    return x + (y - x) * rng.random();
  });
  fn('gauss', (a) => {
    const mu = asFloat(unbox(a[0] ?? 0n)) ?? 0;
    const sigma = asFloat(unbox(a[1] ?? 1n)) ?? 1;
    const u = 1 - rng.random();
    const v = rng.random();
    return mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  });
  d.set('normalvariate', d.get('gauss')!);
  fn('getrandbits', (a) => {
    const k = Number(intArg(a[0], 'k'));
    return rng.below(1n << BigInt(k));
  });
  return m;
}

// ---------------------------------------------------------------------------------------------
// copy
// ---------------------------------------------------------------------------------------------

function copyInstance(v: PyObject, deep: boolean, memo: Map<PyValue, PyValue>): PyValue {
  const cls = typeOf(v);
  const hook = cls.lookup(deep ? '__deepcopy__' : '__copy__');
  if (hook !== undefined) return call(bindAttribute(hook, v, cls), deep ? [new PyDict()] : []);
  if (v instanceof PyInstance) {
    const n = new PyInstance(v.cls);
    memo.set(v, n);
    for (const [k, x] of v.dict) n.dict.set(k, deep ? deepcopy(x, memo) : x);
    return n;
  }
  return v;
}

export function shallowCopy(v: PyValue): PyValue {
  if (!(v instanceof PyObject)) return v;
  if (v instanceof PyListSub) {
    const n = new PyListSub(v.cls, [...v.items]);
    for (const [k, x] of v.dict) n.dict.set(k, x);
    return n;
  }
  if (v instanceof PyList) return new PyList([...v.items]);
  if (v instanceof PyDictSub) {
    const n = new PyDictSub(v.cls);
    for (const [k, x] of v.items()) n.set(k, x);
    for (const [k, x] of v.dict) n.dict.set(k, x);
    return n;
  }
  if (v instanceof PyDict) return new PyDict(v.items());
  if (v instanceof PySetSub) {
    const n = new PySetSub(v.cls, v.frozen);
    for (const x of v.values()) n.add(x);
    return n;
  }
  if (v instanceof PySet) return v.frozen ? v : new PySet(v.values());
  if (v instanceof PyTuple || v instanceof PyBoxed || v instanceof PyClass) return v;
  return copyInstance(v, false, new Map());
}

export function deepcopy(v: PyValue, memo: Map<PyValue, PyValue> = new Map()): PyValue {
  if (!(v instanceof PyObject)) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (v instanceof PyList) {
    const n = v instanceof PyListSub ? new PyListSub(v.cls) : new PyList([]);
    memo.set(v, n);
    n.items = v.items.map((x) => deepcopy(x, memo));
    return n;
  }
  if (v instanceof PyDict) {
    const n = v instanceof PyDictSub ? new PyDictSub(v.cls) : new PyDict();
    memo.set(v, n);
    for (const [k, x] of v.items()) n.set(deepcopy(k, memo), deepcopy(x, memo));
    if (v instanceof PyDictSub) for (const [k, x] of v.dict) (n as PyDictSub).dict.set(k, deepcopy(x, memo));
    return n;
  }
  if (v instanceof PySet) {
    const n = v instanceof PySetSub ? new PySetSub(v.cls, v.frozen) : new PySet(undefined, v.frozen);
    memo.set(v, n);
    for (const x of v.values()) n.add(deepcopy(x, memo));
    return n;
  }
  if (v instanceof PyTupleSub) return new PyTupleSub(v.cls, v.items.map((x) => deepcopy(x, memo)));
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepcopy(x, memo)));
  if (v instanceof PyBoxed || v instanceof PyClass) return v;
  return copyInstance(v, true, memo);
}

export function makeCopy(): PyModule {
  const m = new PyModule('copy');
  const fn = fnOf(m.dict, 'copy');
  fn('copy', (a) => shallowCopy(a[0] ?? None));
  fn('deepcopy', (a) => deepcopy(a[0] ?? None));
  m.dict.set('Error', new PyClass('Error', { module: 'copy', bases: [ValueError] }));
  return m;
}

// ---------------------------------------------------------------------------------------------
// textwrap
// ---------------------------------------------------------------------------------------------

export function dedent(text: string): string {
  const lines = text.split('\n');
  let margin: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (margin === null) margin = indent;
    else if (indent.startsWith(margin)) continue;
    else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  return lines.map((l) => (l.trim() === '' ? '' : margin ? l.slice(margin.length) : l)).join('\n');
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else {
      lines.push(cur);
      cur = w;
    }
    while (cur.length > width) {
      lines.push(cur.slice(0, width));
      cur = cur.slice(width);
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

export function makeTextwrap(): PyModule {
  const m = new PyModule('textwrap');
  const fn = fnOf(m.dict, 'textwrap');
  fn('dedent', (a) => dedent(str(a[0] ?? '')));
  fn('indent', (a, k) => {
    const text = str(a[0] ?? '');
    const prefix = str(a[1] ?? k.get('prefix') ?? '');
    const pred = a[2] ?? k.get('predicate');
    return text
      .split(/(?<=\n)/)
      .map((l) => (pred !== undefined && pred !== None ? (unbox(call(pred, [l])) ? prefix + l : l) : l.trim() ? prefix + l : l))
      .join('');
  });
  fn('wrap', (a, k) => new PyList(wrap(str(a[0] ?? ''), Number(asInt(unbox(a[1] ?? k.get('width') ?? 70n)) ?? 70n))));
  fn('fill', (a, k) => wrap(str(a[0] ?? ''), Number(asInt(unbox(a[1] ?? k.get('width') ?? 70n)) ?? 70n)).join('\n'));
  fn('shorten', (a, k) => {
    const text = str(a[0] ?? '').split(/\s+/).filter(Boolean).join(' ');
    const width = Number(asInt(unbox(a[1] ?? k.get('width') ?? 70n)) ?? 70n);
    const placeholder = str(k.get('placeholder') ?? ' [...]');
    if (text.length <= width) return text;
    const words = text.split(' ');
    let out = '';
    for (const w of words) {
      if ((out ? out.length + 1 : 0) + w.length + placeholder.length > width) break;
      out = out ? out + ' ' + w : w;
    }
    return out + placeholder;
  });
  return m;
}
