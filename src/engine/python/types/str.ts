/**
 * The `str` type: constructor and methods. Indices are code points like Python's (strings with
 * characters outside the BMP are converted to code point arrays where it matters).
 */
import {
  type Kwargs,
  LookupError,
  None,
  NotImplemented,
  PyBytes,
  PyDict,
  PyList,
  PyTuple,
  type PyValue,
  TypeError,
  UnicodeDecodeError,
  UnicodeEncodeError,
  ValueError,
  hashKey,
  iterate,
  pyError,
  repr,
  str,
  strClass,
  typeName,
} from '../objects.ts';
import { PyBoxed, descriptorError, method, staticMethod, unbox } from './core.ts';
import { asInt, binaryOp, compareOrder, contains, getItem, indexValue } from '../operators.ts';
import { formatValue, strFormat } from '../formatting.ts';
import { isIdentifierChar, isIdentifierStart } from '../tokenizer.ts';

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

export function isPySpace(c: string): boolean {
  const code = c.charCodeAt(0);
  return (
    (code >= 9 && code <= 13) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isLineBreak(c: string): boolean {
  const code = c.charCodeAt(0);
  return code === 10 || code === 13 || code === 11 || code === 12 || code === 0x1c || code === 0x1d || code === 0x1e || code === 0x85 || code === 0x2028 || code === 0x2029;
}

const isCased = (c: string) => c.toLowerCase() !== c.toUpperCase();
const isUpperChar = (c: string) => isCased(c) && c === c.toUpperCase() && c !== c.toLowerCase();
const isLowerChar = (c: string) => isCased(c) && c === c.toLowerCase() && c !== c.toUpperCase();

function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Python code point length. */
export function pyLen(s: string): number {
  return hasSurrogates(s) ? Array.from(s).length : s.length;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function self(args: PyValue[], name: string): string {
  const s = unbox(args[0]!);
  if (typeof s !== 'string') descriptorError(name, 'str', args[0]!);
  return s;
}

function strArg(v: PyValue | undefined, fname: string, n = 1): string {
  const s = v === undefined ? undefined : unbox(v);
  if (typeof s !== 'string') throw pyError(TypeError, `${fname}() argument ${n} must be str, not ${typeName(v ?? None)}`);
  return s;
}

function optChars(v: PyValue | undefined, fname: string): string | null {
  if (v === undefined || v === None) return null;
  const s = unbox(v);
  if (typeof s !== 'string') throw pyError(TypeError, `${fname} arg must be None or str`);
  return s;
}

/** Resolves optional start/end (slice semantics) to code unit offsets of s. */
function span(s: string, start: PyValue | undefined, end: PyValue | undefined): [number, number, boolean] {
  const cp = hasSurrogates(s);
  const n = cp ? Array.from(s).length : s.length;
  const norm = (v: PyValue | undefined, dflt: number): number => {
    if (v === undefined || v === None) return dflt;
    const i = indexValue(v);
    if (i === undefined) throw pyError(TypeError, 'slice indices must be integers or None or have an __index__ method');
    let k = Number(i);
    if (k < 0) k = Math.max(0, k + n);
    return Math.min(k, n);
  };
  return [norm(start, 0), norm(end, n), cp];
}

function find(s: string, sub: string, start: PyValue | undefined, end: PyValue | undefined, reverse: boolean): number {
  const [a, b, cp] = span(s, start, end);
  if (!cp) {
    if (b - a < sub.length) return -1;
    if (reverse) {
      const i = s.lastIndexOf(sub, b - sub.length);
      return i >= a ? i : -1;
    }
    const i = s.indexOf(sub, a);
    return i >= 0 && i + sub.length <= b ? i : -1;
  }
  const chars = Array.from(s);
  const subc = Array.from(sub);
  const matchAt = (i: number) => subc.every((c, j) => chars[i + j] === c);
  if (reverse) {
    for (let i = b - subc.length; i >= a; i--) if (matchAt(i)) return i;
  } else {
    for (let i = a; i + subc.length <= b; i++) if (matchAt(i)) return i;
  }
  return -1;
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isPySpace(s[i]!)) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      let rest = s.slice(i);
      let e = rest.length;
      while (e > 0 && isPySpace(rest[e - 1]!)) e--;
      rest = rest.slice(0, e);
      out.push(rest);
      return out;
    }
    let j = i;
    while (j < n && !isPySpace(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function rsplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (i > 0) {
    while (i > 0 && isPySpace(s[i - 1]!)) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      let b = 0;
      while (b < i && isPySpace(s[b]!)) b++;
      out.push(s.slice(b, i));
      break;
    }
    let j = i;
    while (j > 0 && !isPySpace(s[j - 1]!)) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

function strip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const test = chars === null ? isPySpace : (c: string) => chars.includes(c);
  const arr = hasSurrogates(s) ? Array.from(s) : null;
  if (arr) {
    let a = 0;
    let b = arr.length;
    if (left) while (a < b && test(arr[a]!)) a++;
    if (right) while (b > a && test(arr[b - 1]!)) b--;
    return arr.slice(a, b).join('');
  }
  let a = 0;
  let b = s.length;
  if (left) while (a < b && test(s[a]!)) a++;
  if (right) while (b > a && test(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export function titleCase(s: string): string {
  let out = '';
  let prevCased = false;
  for (const c of s) {
    if (isCased(c)) {
      out += prevCased ? c.toLowerCase() : c.toUpperCase();
      prevCased = true;
    } else {
      out += c;
      prevCased = false;
    }
  }
  return out;
}

function intArg(v: PyValue | undefined, dflt: number, fname: string): number {
  if (v === undefined) return dflt;
  const i = indexValue(v);
  if (i === undefined) throw pyError(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  return Number(i);
}

function fillArg(v: PyValue | undefined, fname: string): string {
  if (v === undefined) return ' ';
  const s = unbox(v);
  if (typeof s !== 'string' || pyLen(s) !== 1) {
    throw pyError(TypeError, `${fname}() argument 2 must be a unicode character, not ${typeName(v)}`);
  }
  return s;
}

/** UTF-8/ASCII/latin-1 encoding. */
export function encodeStr(s: string, encoding: string, errors = 'strict'): Uint8Array {
  const enc = encoding.toLowerCase().replace(/[-_]/g, '');
  if (enc === 'utf8') return new TextEncoder().encode(s);
  if (enc === 'ascii' || enc === 'latin1' || enc === 'iso88591') {
    const limit = enc === 'ascii' ? 128 : 256;
    const out: number[] = [];
    let pos = 0;
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c >= limit) {
        if (errors === 'ignore') {
          pos++;
          continue;
        }
        if (errors === 'replace') {
          out.push(63);
          pos++;
          continue;
        }
        throw pyError(
          UnicodeEncodeError,
          `'${enc === 'ascii' ? 'ascii' : 'latin-1'}' codec can't encode character ${repr(ch).replace(/^'|'$/g, "'")} in position ${pos}: ordinal not in range(${limit})`,
        );
      }
      out.push(c);
      pos++;
    }
    return Uint8Array.from(out);
  }
  throw pyError(LookupError, `unknown encoding: ${encoding}`);
}

export function decodeBytes(data: Uint8Array, encoding: string, errors = 'strict'): string {
  const enc = encoding.toLowerCase().replace(/[-_]/g, '');
  if (enc === 'utf8') {
    try {
      return new TextDecoder('utf-8', { fatal: errors === 'strict' }).decode(data);
    } catch {
      let pos = 0;
      try {
        // find the first bad byte
        for (pos = 0; pos < data.length; pos++) new TextDecoder('utf-8', { fatal: true }).decode(data.slice(0, pos + 1));
      } catch {
        /* ignore */
      }
      throw pyError(UnicodeDecodeError, `'utf-8' codec can't decode byte 0x${data[pos]?.toString(16).padStart(2, '0')} in position ${pos}: invalid start byte`);
    }
  }
  if (enc === 'ascii') {
    let out = '';
    for (let i = 0; i < data.length; i++) {
      const b = data[i]!;
      if (b >= 128) {
        if (errors === 'ignore') continue;
        if (errors === 'replace') {
          out += '\ufffd';
          continue;
        }
        throw pyError(UnicodeDecodeError, `'ascii' codec can't decode byte 0x${b.toString(16)} in position ${i}: ordinal not in range(128)`);
      }
      out += String.fromCharCode(b);
    }
    return out;
  }
  if (enc === 'latin1' || enc === 'iso88591') return String.fromCharCode(...data);
  throw pyError(LookupError, `unknown encoding: ${encoding}`);
}

// ---------------------------------------------------------------------------------------------
// Constructor
// ---------------------------------------------------------------------------------------------

function construct(args: PyValue[], kwargs: Kwargs): string {
  const obj = args[0] ?? kwargs.get('object');
  const encoding = args[1] ?? kwargs.get('encoding');
  const errors = args[2] ?? kwargs.get('errors');
  if (obj === undefined) return '';
  if (encoding !== undefined || errors !== undefined) {
    if (!(obj instanceof PyBytes)) throw pyError(TypeError, `decoding to str: need a bytes-like object, ${typeName(obj)} found`);
    return decodeBytes(obj.data, encoding === undefined ? 'utf-8' : str(encoding), errors === undefined ? 'strict' : str(errors));
  }
  return str(obj);
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

export function installStr(): void {
  const c = strClass;
  c.nativeNew = (cls, args, kwargs) => {
    const v = construct(args, kwargs);
    return cls === strClass ? v : new PyBoxed(cls, v);
  };
  method(c, 'upper', (a) => self(a, 'upper').toUpperCase());
  method(c, 'lower', (a) => self(a, 'lower').toLowerCase());
  method(c, 'casefold', (a) => self(a, 'casefold').toLowerCase().replace(/ß/g, 'ss'));
  method(c, 'swapcase', (a) => {
    let out = '';
    for (const ch of self(a, 'swapcase')) out += isUpperChar(ch) ? ch.toLowerCase() : isLowerChar(ch) ? ch.toUpperCase() : ch;
    return out;
  });
  method(c, 'title', (a) => titleCase(self(a, 'title')));
  method(c, 'capitalize', (a) => {
    const s = self(a, 'capitalize');
    const chars = Array.from(s);
    if (!chars.length) return '';
    return chars[0]!.toUpperCase() + chars.slice(1).join('').toLowerCase();
  });
  method(c, 'strip', (a) => strip(self(a, 'strip'), optChars(a[1], 'strip'), true, true));
  method(c, 'lstrip', (a) => strip(self(a, 'lstrip'), optChars(a[1], 'lstrip'), true, false));
  method(c, 'rstrip', (a) => strip(self(a, 'rstrip'), optChars(a[1], 'rstrip'), false, true));
  const splitImpl = (reverse: boolean) => (a: PyValue[], kw: Kwargs) => {
    const s = self(a, reverse ? 'rsplit' : 'split');
    const sepV = a[1] ?? kw.get('sep') ?? None;
    const maxV = a[2] ?? kw.get('maxsplit');
    const maxsplit = maxV === undefined ? -1 : intArg(maxV, -1, 'split');
    if (sepV === None) return new PyList(reverse ? rsplitWhitespace(s, maxsplit) : splitWhitespace(s, maxsplit));
    const sep = unbox(sepV);
    if (typeof sep !== 'string') throw pyError(TypeError, `must be str or None, not ${typeName(sepV)}`);
    if (sep === '') throw pyError(ValueError, 'empty separator');
    const parts = s.split(sep);
    if (maxsplit < 0 || parts.length - 1 <= maxsplit) return new PyList(parts);
    if (!reverse) return new PyList([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)]);
    const keep = parts.length - maxsplit;
    return new PyList([parts.slice(0, keep).join(sep), ...parts.slice(keep)]);
  };
  method(c, 'split', splitImpl(false));
  method(c, 'rsplit', splitImpl(true));
  method(c, 'splitlines', (a, kw) => {
    const s = self(a, 'splitlines');
    const keepends = !!(a[1] ?? kw.get('keepends') ?? false) && (a[1] ?? kw.get('keepends')) !== None && unbox((a[1] ?? kw.get('keepends'))!) !== false && unbox((a[1] ?? kw.get('keepends'))!) !== 0n;
    const out: string[] = [];
    let start = 0;
    let i = 0;
    while (i < s.length) {
      const ch = s[i]!;
      if (isLineBreak(ch)) {
        let end = i + 1;
        if (ch === '\r' && s[i + 1] === '\n') end++;
        out.push(keepends ? s.slice(start, end) : s.slice(start, i));
        start = i = end;
      } else i++;
    }
    if (start < s.length) out.push(s.slice(start));
    return new PyList(out);
  });
  method(c, 'join', (a) => {
    const sep = self(a, 'join');
    const it = a[1];
    if (it === undefined) throw pyError(TypeError, 'str.join() takes exactly one argument (0 given)');
    let items: Iterator<PyValue>;
    try {
      items = iterate(it);
    } catch {
      throw pyError(TypeError, 'can only join an iterable');
    }
    const parts: string[] = [];
    let i = 0;
    for (let r = items.next(); !r.done; r = items.next(), i++) {
      const v = unbox(r.value);
      if (typeof v !== 'string') throw pyError(TypeError, `sequence item ${i}: expected str instance, ${typeName(r.value)} found`);
      parts.push(v);
    }
    return parts.join(sep);
  });
  method(c, 'replace', (a) => {
    const s = self(a, 'replace');
    const old = strArg(a[1], 'replace', 1);
    const nw = strArg(a[2], 'replace', 2);
    const count = a[3] === undefined ? -1 : intArg(a[3], -1, 'replace');
    if (count < 0) return s.split(old).join(nw);
    if (old === '') {
      const chars = Array.from(s);
      let out = '';
      let k = 0;
      for (let i = 0; i <= chars.length; i++) {
        if (k < count) {
          out += nw;
          k++;
        }
        if (i < chars.length) out += chars[i];
      }
      return out;
    }
    let out = '';
    let pos = 0;
    let k = 0;
    while (k < count) {
      const i = s.indexOf(old, pos);
      if (i < 0) break;
      out += s.slice(pos, i) + nw;
      pos = i + old.length;
      k++;
    }
    return out + s.slice(pos);
  });
  const affix = (name: 'startswith' | 'endswith') => (a: PyValue[]) => {
    const s = self(a, name);
    const what = a[1];
    const [st, en, cp] = span(s, a[2], a[3]);
    const sub = cp ? Array.from(s).slice(st, en).join('') : s.slice(st, en);
    const test = (x: PyValue): boolean => {
      const p = unbox(x);
      if (typeof p !== 'string') {
        throw pyError(TypeError, `${name} first arg must be str or a tuple of str, not ${typeName(x)}`);
      }
      return name === 'startswith' ? sub.startsWith(p) : sub.endsWith(p);
    };
    if (what instanceof PyTuple) {
      for (const x of what.items) {
        const p = unbox(x);
        if (typeof p !== 'string') throw pyError(TypeError, `tuple for ${name} must only contain str, not ${typeName(x)}`);
        if (test(x)) return true;
      }
      return false;
    }
    return test(what ?? None);
  };
  method(c, 'startswith', affix('startswith'));
  method(c, 'endswith', affix('endswith'));
  const findImpl = (name: string, reverse: boolean, raise: boolean) => (a: PyValue[]) => {
    const s = self(a, name);
    const sub = strArg(a[1], name);
    const i = find(s, sub, a[2], a[3], reverse);
    if (i < 0 && raise) throw pyError(ValueError, 'substring not found');
    return BigInt(i);
  };
  method(c, 'find', findImpl('find', false, false));
  method(c, 'rfind', findImpl('rfind', true, false));
  method(c, 'index', findImpl('index', false, true));
  method(c, 'rindex', findImpl('rindex', true, true));
  method(c, 'count', (a) => {
    const s = self(a, 'count');
    const sub = strArg(a[1], 'count');
    const [st, en, cp] = span(s, a[2], a[3]);
    const hay = cp ? Array.from(s).slice(st, en).join('') : s.slice(st, en);
    if (sub === '') return BigInt(pyLen(hay) + 1);
    let n = 0;
    for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) n++;
    return BigInt(n);
  });
  const partition = (reverse: boolean) => (a: PyValue[]) => {
    const s = self(a, reverse ? 'rpartition' : 'partition');
    const sep = strArg(a[1], reverse ? 'rpartition' : 'partition');
    if (sep === '') throw pyError(ValueError, 'empty separator');
    const i = reverse ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (i < 0) return reverse ? new PyTuple(['', '', s]) : new PyTuple([s, '', '']);
    return new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  };
  method(c, 'partition', partition(false));
  method(c, 'rpartition', partition(true));
  method(c, 'format', (a, kw) => strFormat(self(a, 'format'), a.slice(1), kw));
  method(c, 'format_map', (a) => {
    const s = self(a, 'format_map');
    const m = a[1]!;
    const map = new Map<string, PyValue>();
    if (m instanceof PyDict) for (const [k, v] of m.items()) map.set(str(k), v);
    return strFormat(s, [], map);
  });
  method(c, 'zfill', (a) => {
    const s = self(a, 'zfill');
    const w = intArg(a[1], 0, 'zfill');
    const n = pyLen(s);
    if (n >= w) return s;
    const pad = '0'.repeat(w - n);
    if (s[0] === '+' || s[0] === '-') return s[0] + pad + s.slice(1);
    return pad + s;
  });
  method(c, 'ljust', (a) => {
    const s = self(a, 'ljust');
    const w = intArg(a[1], 0, 'ljust');
    const f = fillArg(a[2], 'ljust');
    const n = pyLen(s);
    return n >= w ? s : s + f.repeat(w - n);
  });
  method(c, 'rjust', (a) => {
    const s = self(a, 'rjust');
    const w = intArg(a[1], 0, 'rjust');
    const f = fillArg(a[2], 'rjust');
    const n = pyLen(s);
    return n >= w ? s : f.repeat(w - n) + s;
  });
  method(c, 'center', (a) => {
    const s = self(a, 'center');
    const w = intArg(a[1], 0, 'center');
    const f = fillArg(a[2], 'center');
    const n = pyLen(s);
    if (n >= w) return s;
    const marg = w - n;
    const left = Math.floor(marg / 2) + (marg & w & 1);
    return f.repeat(left) + s + f.repeat(marg - left);
  });
  method(c, 'expandtabs', (a, kw) => {
    const s = self(a, 'expandtabs');
    const size = intArg(a[1] ?? kw.get('tabsize'), 8, 'expandtabs');
    let out = '';
    let col = 0;
    for (const ch of s) {
      if (ch === '\t') {
        if (size > 0) {
          const n = size - (col % size);
          out += ' '.repeat(n);
          col += n;
        }
      } else if (ch === '\n' || ch === '\r') {
        out += ch;
        col = 0;
      } else {
        out += ch;
        col++;
      }
    }
    return out;
  });
  method(c, 'removeprefix', (a) => {
    const s = self(a, 'removeprefix');
    const p = strArg(a[1], 'removeprefix');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  });
  method(c, 'removesuffix', (a) => {
    const s = self(a, 'removesuffix');
    const p = strArg(a[1], 'removesuffix');
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  });
  method(c, 'encode', (a, kw) => {
    const s = self(a, 'encode');
    const enc = a[1] ?? kw.get('encoding') ?? 'utf-8';
    const errors = a[2] ?? kw.get('errors') ?? 'strict';
    return new PyBytes(encodeStr(s, str(enc), str(errors)));
  });
  const pred = (name: string, test: (s: string) => boolean) => method(c, name, (a) => test(self(a, name)));
  pred('isdigit', (s) => s.length > 0 && /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(s));
  pred('isdecimal', (s) => s.length > 0 && /^\p{Nd}+$/u.test(s));
  pred('isnumeric', (s) => s.length > 0 && /^[\p{Nd}\p{Nl}\p{No}]+$/u.test(s));
  pred('isalpha', (s) => s.length > 0 && /^\p{L}+$/u.test(s));
  pred('isalnum', (s) => s.length > 0 && /^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u.test(s));
  pred('isspace', (s) => s.length > 0 && Array.from(s).every(isPySpace));
  pred('isascii', (s) => Array.from(s).every((ch) => ch.codePointAt(0)! < 128));
  pred('isupper', (s) => {
    let cased = false;
    for (const ch of s) {
      if (isLowerChar(ch)) return false;
      if (isUpperChar(ch)) cased = true;
    }
    return cased;
  });
  pred('islower', (s) => {
    let cased = false;
    for (const ch of s) {
      if (isUpperChar(ch)) return false;
      if (isLowerChar(ch)) cased = true;
    }
    return cased;
  });
  pred('istitle', (s) => s.length > 0 && titleCase(s) === s && Array.from(s).some(isCased));
  pred('isidentifier', (s) => {
    const chars = Array.from(s);
    return chars.length > 0 && isIdentifierStart(chars[0]!) && chars.slice(1).every(isIdentifierChar);
  });
  pred('isprintable', (s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(s) && !/[\p{Zs}]/u.test(s.replace(/ /g, '')));
  method(c, 'translate', (a) => {
    const s = self(a, 'translate');
    const table = a[1]!;
    let out = '';
    for (const ch of s) {
      let mapped: PyValue;
      try {
        mapped = getItem(table, BigInt(ch.codePointAt(0)!));
      } catch (e) {
        if (e instanceof Error && 'value' in e) {
          out += ch;
          continue;
        }
        throw e;
      }
      if (mapped === None) continue;
      const i = asInt(mapped);
      out += i !== undefined ? String.fromCodePoint(Number(i)) : str(mapped);
    }
    return out;
  });
  staticMethod(c, 'maketrans', (a) => {
    const d = new PyDict();
    if (a.length === 1) {
      const m = a[0]!;
      if (!(m instanceof PyDict)) throw pyError(TypeError, 'if you give only one argument to maketrans it must be a dict');
      for (const [k, v] of m.items()) d.set(typeof k === 'string' ? BigInt(k.codePointAt(0)!) : k, v);
      return d;
    }
    const x = Array.from(strArg(a[0], 'maketrans'));
    const y = Array.from(strArg(a[1], 'maketrans', 2));
    if (x.length !== y.length) throw pyError(ValueError, 'the first two maketrans arguments must have equal length');
    x.forEach((ch, i) => d.set(BigInt(ch.codePointAt(0)!), BigInt(y[i]!.codePointAt(0)!)));
    if (a[2] !== undefined) for (const ch of strArg(a[2], 'maketrans', 3)) d.set(BigInt(ch.codePointAt(0)!), None);
    return d;
  });
  // dunders (used by subclasses and explicit calls)
  method(c, '__len__', (a) => BigInt(pyLen(self(a, '__len__'))));
  method(c, '__str__', (a) => self(a, '__str__'));
  method(c, '__repr__', (a) => repr(self(a, '__repr__')));
  method(c, '__hash__', (a) => {
    const k = hashKey(self(a, '__hash__'));
    let h = 0;
    for (const ch of String(k)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return BigInt(h);
  });
  method(c, '__format__', (a) => formatValue(self(a, '__format__'), str(a[1] ?? '')));
  method(c, '__getitem__', (a) => getItem(self(a, '__getitem__'), a[1]!));
  method(c, '__contains__', (a) => contains(self(a, '__contains__'), unbox(a[1]!)));
  method(c, '__iter__', (a) => {
    return iterObject(self(a, '__iter__'));
  });
  method(c, '__add__', (a) => {
    const o = unbox(a[1]!);
    if (typeof o !== 'string') return NotImplemented;
    return self(a, '__add__') + o;
  });
  method(c, '__mul__', (a) => binaryOp('*', self(a, '__mul__'), unbox(a[1]!)));
  method(c, '__rmul__', (a) => binaryOp('*', self(a, '__rmul__'), unbox(a[1]!)));
  method(c, '__mod__', (a) => binaryOp('%', self(a, '__mod__'), a[1]!));
  method(c, '__eq__', (a) => {
    const o = unbox(a[1]!);
    return typeof o === 'string' ? self(a, '__eq__') === o : NotImplemented;
  });
  method(c, '__ne__', (a) => {
    const o = unbox(a[1]!);
    return typeof o === 'string' ? self(a, '__ne__') !== o : NotImplemented;
  });
  for (const [name, op] of [
    ['__lt__', '<'],
    ['__le__', '<='],
    ['__gt__', '>'],
    ['__ge__', '>='],
  ] as const) {
    method(c, name, (a) => {
      const o = unbox(a[1]!);
      if (typeof o !== 'string') return NotImplemented;
      return compareOrder(op, self(a, name), o);
    });
  }
  method(c, '__getnewargs__', (a) => new PyTuple([self(a, '__getnewargs__')]));
}

import { PyIterator } from '../objects.ts';
function iterObject(s: string): PyIterator {
  return new PyIterator(iterate(s), 'str_ascii_iterator');
}
