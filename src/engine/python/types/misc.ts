/**
 * bytes, range and slice.
 */
import {
  None,
  NotImplemented,
  PyBytes,
  PyIterator,
  PyList,
  PyRange,
  PySlice,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  bytesClass,
  bytesRepr,
  eq,
  pyError,
  rangeClass,
  sliceClass,
  str,
  typeName,
  iterate,
} from '../objects.ts';
import { classMethod, descriptorError, getter, method, unbox } from './core.ts';
import { bytesIndexOf, contains, getItem, indexValue, sliceIndices } from '../operators.ts';
import { decodeBytes, encodeStr } from './str.ts';
import { iterToArray } from './containers.ts';

function selfBytes(a: PyValue[], name: string): Uint8Array {
  const b = a[0];
  if (!(b instanceof PyBytes)) descriptorError(name, 'bytes', b ?? None);
  return b.data;
}

function bytesArg(v: PyValue | undefined, what: string): Uint8Array {
  if (v instanceof PyBytes) return v.data;
  throw pyError(TypeError, `a bytes-like object is required, not '${typeName(v ?? None)}'`);
}

function intArg(v: PyValue): bigint {
  const i = indexValue(unbox(v));
  if (i === undefined) throw pyError(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  return i;
}

function installBytes(): void {
  const c = bytesClass;
  c.nativeNew = (_cls, args, kwargs) => {
    const src = args[0] ?? kwargs.get('source');
    const encoding = args[1] ?? kwargs.get('encoding');
    const errors = args[2] ?? kwargs.get('errors');
    if (src === undefined) return new PyBytes(new Uint8Array());
    const s = unbox(src);
    if (typeof s === 'string') {
      if (encoding === undefined) throw pyError(TypeError, 'string argument without an encoding');
      return new PyBytes(encodeStr(s, str(encoding), errors === undefined ? 'strict' : str(errors)));
    }
    if (encoding !== undefined) throw pyError(TypeError, 'encoding without a string argument');
    if (s instanceof PyBytes) return s;
    if (typeof s === 'bigint' || typeof s === 'boolean') {
      const n = Number(intArg(s));
      if (n < 0) throw pyError(ValueError, 'negative count');
      return new PyBytes(new Uint8Array(n));
    }
    const items = iterToArray(src).map((x) => {
      const i = indexValue(x);
      if (i === undefined) throw pyError(TypeError, `'${typeName(x)}' object cannot be interpreted as an integer`);
      if (i < 0n || i > 255n) throw pyError(ValueError, 'bytes must be in range(0, 256)');
      return Number(i);
    });
    return new PyBytes(Uint8Array.from(items));
  };
  method(c, 'decode', (a, kw) => {
    const d = selfBytes(a, 'decode');
    const enc = a[1] ?? kw.get('encoding') ?? 'utf-8';
    const errors = a[2] ?? kw.get('errors') ?? 'strict';
    return decodeBytes(d, str(enc), str(errors));
  });
  method(c, 'hex', (a) => {
    const d = selfBytes(a, 'hex');
    const sep = a[1] === undefined ? '' : str(a[1]);
    return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join(sep);
  });
  classMethod(c, 'fromhex', (a) => {
    const s = str(a[1]!).replace(/\s+/g, '');
    if (s.length % 2 || /[^0-9a-fA-F]/.test(s)) throw pyError(ValueError, 'non-hexadecimal number found in fromhex() arg');
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
    return new PyBytes(out);
  });
  const affix = (name: 'startswith' | 'endswith') =>
    method(c, name, (a) => {
      const d = selfBytes(a, name);
      const test = (p: Uint8Array) => {
        if (p.length > d.length) return false;
        const off = name === 'startswith' ? 0 : d.length - p.length;
        return p.every((b, i) => d[off + i] === b);
      };
      const what = a[1];
      if (what instanceof PyTuple) return what.items.some((x) => test(bytesArg(x, name)));
      return test(bytesArg(what, name));
    });
  affix('startswith');
  affix('endswith');
  method(c, 'find', (a) => BigInt(bytesIndexOf(selfBytes(a, 'find'), bytesArg(a[1], 'find'), 0)));
  method(c, 'index', (a) => {
    const i = bytesIndexOf(selfBytes(a, 'index'), bytesArg(a[1], 'index'), 0);
    if (i < 0) throw pyError(ValueError, 'subsection not found');
    return BigInt(i);
  });
  method(c, 'count', (a) => {
    const d = selfBytes(a, 'count');
    const sub = bytesArg(a[1], 'count');
    let n = 0;
    for (let i = bytesIndexOf(d, sub, 0); i >= 0; i = bytesIndexOf(d, sub, i + Math.max(1, sub.length))) n++;
    return BigInt(n);
  });
  method(c, 'replace', (a) => {
    const d = selfBytes(a, 'replace');
    const old = bytesArg(a[1], 'replace');
    const nw = bytesArg(a[2], 'replace');
    const out: number[] = [];
    let i = 0;
    while (i < d.length) {
      if (old.length && bytesIndexOf(d, old, i) === i) {
        out.push(...nw);
        i += old.length;
      } else out.push(d[i++]!);
    }
    return new PyBytes(Uint8Array.from(out));
  });
  method(c, 'split', (a) => {
    const d = selfBytes(a, 'split');
    const text = new TextDecoder('latin1').decode(d);
    const sep = a[1] === undefined || a[1] === None ? null : new TextDecoder('latin1').decode(bytesArg(a[1], 'split'));
    const parts = sep === null ? text.split(/[ \t\n\r\x0b\x0c]+/).filter((p) => p) : text.split(sep);
    return new PyList(parts.map((p) => new PyBytes(Uint8Array.from(p, (ch) => ch.charCodeAt(0)))));
  });
  method(c, 'join', (a) => {
    const sep = selfBytes(a, 'join');
    const parts = iterToArray(a[1]!).map((x, i) => {
      if (!(x instanceof PyBytes)) throw pyError(TypeError, `sequence item ${i}: expected a bytes-like object, ${typeName(x)} found`);
      return x.data;
    });
    const out: number[] = [];
    parts.forEach((p, i) => {
      if (i) out.push(...sep);
      out.push(...p);
    });
    return new PyBytes(Uint8Array.from(out));
  });
  const strip = (name: string, left: boolean, right: boolean) =>
    method(c, name, (a) => {
      const d = selfBytes(a, name);
      const chars = a[1] === undefined || a[1] === None ? [32, 9, 10, 13, 11, 12] : Array.from(bytesArg(a[1], name));
      let s = 0;
      let e = d.length;
      if (left) while (s < e && chars.includes(d[s]!)) s++;
      if (right) while (e > s && chars.includes(d[e - 1]!)) e--;
      return new PyBytes(d.slice(s, e));
    });
  strip('strip', true, true);
  strip('lstrip', true, false);
  strip('rstrip', false, true);
  method(c, 'upper', (a) => new PyBytes(selfBytes(a, 'upper').map((b) => (b >= 97 && b <= 122 ? b - 32 : b))));
  method(c, 'lower', (a) => new PyBytes(selfBytes(a, 'lower').map((b) => (b >= 65 && b <= 90 ? b + 32 : b))));
  method(c, '__len__', (a) => BigInt(selfBytes(a, '__len__').length));
  method(c, '__getitem__', (a) => getItem(a[0]!, a[1]!));
  method(c, '__contains__', (a) => contains(a[0]!, a[1]!));
  method(c, '__iter__', (a) => new PyIterator(iterate(a[0]!), 'bytes_iterator'));
  method(c, '__repr__', (a) => bytesRepr(selfBytes(a, '__repr__')));
  method(c, '__eq__', (a) => (a[1] instanceof PyBytes ? eq(a[0]!, a[1]) : NotImplemented));
}

function installRange(): void {
  const c = rangeClass;
  c.nativeNew = (_cls, args, kwargs) => {
    if (kwargs.size) throw pyError(TypeError, 'range() takes no keyword arguments');
    if (args.length === 0) throw pyError(TypeError, 'range expected at least 1 argument, got 0');
    if (args.length > 3) throw pyError(TypeError, `range expected at most 3 arguments, got ${args.length}`);
    const v = args.map(intArg);
    if (v.length === 1) return new PyRange(0n, v[0]!, 1n);
    const step = v[2] ?? 1n;
    if (step === 0n) throw pyError(ValueError, 'range() arg 3 must not be zero');
    return new PyRange(v[0]!, v[1]!, step);
  };
  getter(c, 'start', (r) => (r as PyRange).start);
  getter(c, 'stop', (r) => (r as PyRange).stop);
  getter(c, 'step', (r) => (r as PyRange).step);
  method(c, 'index', (a) => {
    const r = a[0] as PyRange;
    if (!contains(r, a[1]!)) throw pyError(ValueError, `${str(a[1]!)} is not in range`);
    return (unbox(a[1]!) as bigint) - r.start === 0n ? 0n : ((unbox(a[1]!) as bigint) - r.start) / r.step;
  });
  method(c, 'count', (a) => (contains(a[0]!, a[1]!) ? 1n : 0n));
  method(c, '__len__', (a) => BigInt((a[0] as PyRange).length));
  method(c, '__getitem__', (a) => getItem(a[0]!, a[1]!));
  method(c, '__contains__', (a) => contains(a[0]!, a[1]!));
  method(c, '__iter__', (a) => new PyIterator(iterate(a[0]!), 'range_iterator'));
  method(c, '__reversed__', (a) => {
    const r = a[0] as PyRange;
    const n = BigInt(r.length);
    return new PyIterator(iterate(new PyRange(r.start + (n - 1n) * r.step, r.start - r.step, -r.step)), 'range_iterator');
  });
}

function installSlice(): void {
  const c = sliceClass;
  c.nativeNew = (_cls, args) => {
    if (args.length === 0) throw pyError(TypeError, 'slice expected at least 1 argument, got 0');
    if (args.length === 1) return new PySlice(None, args[0]!, None);
    return new PySlice(args[0]!, args[1]!, args[2] ?? None);
  };
  getter(c, 'start', (s) => (s as PySlice).start);
  getter(c, 'stop', (s) => (s as PySlice).stop);
  getter(c, 'step', (s) => (s as PySlice).step);
  method(c, 'indices', (a) => {
    const n = Number(intArg(a[1]!));
    if (n < 0) throw pyError(ValueError, 'length should not be negative');
    const [start, stop, step] = sliceIndices(a[0] as PySlice, n);
    return new PyTuple([BigInt(start), BigInt(stop), BigInt(step)]);
  });
}

export function installMiscTypes(): void {
  installBytes();
  installRange();
  installSlice();
}
