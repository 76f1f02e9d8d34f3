/**
 * The numeric types: `int` (bigint), `bool`, `float` (number): constructors with CPython's parsing
 * rules and messages, methods, and the dunder methods Python subclasses (IntEnum…) inherit.
 */
import {
  type Kwargs,
  None,
  NotImplemented,
  OverflowError,
  PyBytes,
  PyClass,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  bindAttribute,
  boolClass,
  call,
  floatClass,
  intClass,
  pyError,
  repr,
  str,
  strRepr,
  truthy,
  typeName,
  typeOf,
} from '../objects.ts';
import { PyBoxed, classMethod, descriptorError, getter, method, unbox } from './core.ts';
import { asInt, binaryOp, compareOrder, floorDivInt, intToFloat, unaryOp } from '../operators.ts';
import { formatValue, roundHalfEven } from '../formatting.ts';
import type { Operator } from '../ast.ts';
import { isPySpace } from './str.ts';

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

function stripPy(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a]!)) a++;
  while (b > a && isPySpace(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/** int(s, base) */
export function parseIntLiteral(original: string, base: number): bigint {
  const bad = (): never => {
    throw pyError(ValueError, `invalid literal for int() with base ${base}: ${strRepr(original)}`);
  };
  let s = stripPy(original);
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let b = base;
  const lower = s.slice(0, 2).toLowerCase();
  if (b === 0) {
    if (lower === '0x') b = 16;
    else if (lower === '0o') b = 8;
    else if (lower === '0b') b = 2;
    else {
      b = 10;
      // no leading zeros in base 0 unless the value is zero
      if (s.length > 1 && s[0] === '0' && !/^[0_]+$/.test(s)) bad();
    }
    if (b !== 10) s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1);
  } else if ((b === 16 && lower === '0x') || (b === 8 && lower === '0o') || (b === 2 && lower === '0b')) {
    s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1);
  }
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) bad();
  let v = 0n;
  const B = BigInt(b);
  for (const ch of s) {
    if (ch === '_') continue;
    let d = digitValue(ch);
    if (d === 99 && /\p{Nd}/u.test(ch)) d = Number(ch.normalize('NFKD')) || 99;
    if (d >= b) bad();
    v = v * B + BigInt(d);
  }
  return neg ? -v : v;
}

/** float(s) */
export function parseFloatLiteral(original: string): number {
  const bad = (): never => {
    throw pyError(ValueError, `could not convert string to float: ${strRepr(original)}`);
  };
  let s = stripPy(original);
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  const l = s.toLowerCase();
  if (l === 'inf' || l === 'infinity') return sign * Infinity;
  if (l === 'nan') return NaN;
  // digits with single underscores between digits
  let i = 0;
  let digits = '';
  const readDigits = (): boolean => {
    const start = i;
    while (i < s.length) {
      const c = s[i]!;
      if (c >= '0' && c <= '9') {
        digits += c;
        i++;
      } else if (c === '_' && i > start && s[i + 1] !== undefined && s[i + 1]! >= '0' && s[i + 1]! <= '9' && s[i - 1] !== '_') {
        i++;
      } else break;
    }
    return i > start;
  };
  const intPart = readDigits();
  let frac = false;
  if (s[i] === '.') {
    digits += '.';
    i++;
    frac = readDigits();
  }
  if (!intPart && !frac) bad();
  if (s[i] === 'e' || s[i] === 'E') {
    digits += 'e';
    i++;
    if (s[i] === '+' || s[i] === '-') digits += s[i++];
    if (!readDigits()) bad();
  }
  if (i !== s.length) bad();
  return sign * Number(digits);
}

/** int(x) for non-string values. */
export function toIntValue(x: PyValue, fname = 'int'): bigint {
  const v = unbox(x);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return floatToInt(v);
  if (typeof v === 'string') return parseIntLiteral(v, 10);
  if (x instanceof PyBytes) return parseIntLiteral(new TextDecoder().decode(x.data), 10);
  if (x instanceof PyObject) {
    const cls = typeOf(x);
    for (const name of ['__int__', '__index__', '__trunc__']) {
      const m = cls.lookup(name);
      if (m !== undefined) {
        const r = unbox(call(bindAttribute(m, x, cls), []));
        const i = asInt(r);
        if (i === undefined) throw pyError(TypeError, `${name} returned non-int (type ${typeName(r)})`);
        return i;
      }
    }
  }
  throw pyError(TypeError, `${fname}() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

export function floatToInt(v: number): bigint {
  if (Number.isNaN(v)) throw pyError(ValueError, 'cannot convert float NaN to integer');
  if (!Number.isFinite(v)) throw pyError(OverflowError, 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(v));
}

/** float(x) */
export function toFloatValue(x: PyValue): number {
  const v = unbox(x);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseFloatLiteral(v);
  if (x instanceof PyObject) {
    const cls = typeOf(x);
    for (const name of ['__float__', '__index__']) {
      const m = cls.lookup(name);
      if (m !== undefined) {
        const r = unbox(call(bindAttribute(m, x, cls), []));
        if (typeof r === 'number') return r;
        if (typeof r === 'bigint') return intToFloat(r);
        throw pyError(TypeError, `${typeName(x)}.${name} returned non-float (type ${typeName(r)})`);
      }
    }
  }
  throw pyError(TypeError, `float() argument must be a string or a real number, not '${typeName(x)}'`);
}

/** round(x[, ndigits]) for ints and floats. */
export function roundNumber(x: PyValue, nd: PyValue | undefined): PyValue {
  const v = unbox(x);
  const ndigits = nd === undefined || nd === None ? undefined : asInt(unbox(nd));
  if (nd !== undefined && nd !== None && ndigits === undefined) {
    throw pyError(TypeError, `'${typeName(nd)}' object cannot be interpreted as an integer`);
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const i = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
    if (ndigits === undefined || ndigits >= 0n) return i;
    const p = 10n ** -ndigits;
    const q = floorDivInt(i, p);
    const r = i - q * p;
    const twice = r * 2n;
    let n = q;
    if (twice > p || (twice === p && (q & 1n) === 1n)) n += 1n;
    return n * p;
  }
  if (typeof v === 'number') {
    if (ndigits === undefined) {
      if (Number.isNaN(v)) throw pyError(ValueError, 'cannot convert float NaN to integer');
      if (!Number.isFinite(v)) throw pyError(OverflowError, 'cannot convert float infinity to integer');
      let r = Math.round(v);
      if (Math.abs(v % 1) === 0.5) r = 2 * Math.round(v / 2);
      return BigInt(r);
    }
    if (!Number.isFinite(v) || v === 0) return v;
    return roundHalfEven(v, Number(ndigits));
  }
  if (x instanceof PyObject) {
    const m = typeOf(x).lookup('__round__');
    if (m !== undefined) return call(bindAttribute(m, x, typeOf(x)), nd === undefined ? [] : [nd]);
  }
  throw pyError(TypeError, `type ${typeName(x)} doesn't define __round__ method`);
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

const OPS: [string, Operator][] = [
  ['add', '+'],
  ['sub', '-'],
  ['mul', '*'],
  ['truediv', '/'],
  ['floordiv', '//'],
  ['mod', '%'],
  ['pow', '**'],
  ['lshift', '<<'],
  ['rshift', '>>'],
  ['and', '&'],
  ['or', '|'],
  ['xor', '^'],
];

function isNum(v: PyValue): boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean';
}

function numericDunders(cls: PyClass, self: (a: PyValue[], name: string) => bigint | number | boolean): void {
  for (const [n, op] of OPS) {
    method(cls, `__${n}__`, (a) => {
      const o = unbox(a[1]!);
      if (!isNum(o)) return NotImplemented;
      return binaryOp(op, self(a, `__${n}__`), o);
    });
    method(cls, `__r${n}__`, (a) => {
      const o = unbox(a[1]!);
      if (!isNum(o)) return NotImplemented;
      return binaryOp(op, o, self(a, `__r${n}__`));
    });
  }
  for (const [n, op] of [
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ] as const) {
    method(cls, `__${n}__`, (a) => {
      const o = unbox(a[1]!);
      if (!isNum(o)) return NotImplemented;
      return compareOrder(op, self(a, `__${n}__`), o);
    });
  }
  method(cls, '__eq__', (a) => {
    const o = unbox(a[1]!);
    if (!isNum(o)) return NotImplemented;
    const s = self(a, '__eq__');
    return compareOrder('<=', s, o) && compareOrder('>=', s, o);
  });
  method(cls, '__ne__', (a) => {
    const o = unbox(a[1]!);
    if (!isNum(o)) return NotImplemented;
    const s = self(a, '__ne__');
    return !(compareOrder('<=', s, o) && compareOrder('>=', s, o));
  });
  method(cls, '__neg__', (a) => unaryOp('-', self(a, '__neg__')));
  method(cls, '__pos__', (a) => unaryOp('+', self(a, '__pos__')));
  method(cls, '__abs__', (a) => {
    const v = self(a, '__abs__');
    if (typeof v === 'number') return Math.abs(v);
    const i = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
    return i < 0n ? -i : i;
  });
  method(cls, '__bool__', (a) => truthy(self(a, '__bool__')));
  method(cls, '__int__', (a) => toIntValue(self(a, '__int__')));
  method(cls, '__float__', (a) => toFloatValue(self(a, '__float__')));
  method(cls, '__trunc__', (a) => toIntValue(self(a, '__trunc__')));
  method(cls, '__floor__', (a) => {
    const v = self(a, '__floor__');
    return typeof v === 'number' ? floatToInt(Math.floor(v)) : toIntValue(v);
  });
  method(cls, '__ceil__', (a) => {
    const v = self(a, '__ceil__');
    return typeof v === 'number' ? floatToInt(Math.ceil(v)) : toIntValue(v);
  });
  method(cls, '__round__', (a) => roundNumber(self(a, '__round__'), a[1]));
  method(cls, '__str__', (a) => str(self(a, '__str__')));
  method(cls, '__repr__', (a) => repr(self(a, '__repr__')));
  method(cls, '__format__', (a) => formatValue(self(a, '__format__'), str(a[1] ?? '')));
  method(cls, '__hash__', (a) => {
    const v = self(a, '__hash__');
    if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : BigInt(Math.floor(v * 1e6));
    return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
  });
  method(cls, 'conjugate', (a) => self(a, 'conjugate'));
  getter(cls, 'real', (v) => {
    const u = unbox(v);
    return typeof u === 'boolean' ? (u ? 1n : 0n) : u;
  });
  getter(cls, 'imag', (v) => (typeof unbox(v) === 'number' ? 0 : 0n));
}

function intSelf(a: PyValue[], name: string): bigint {
  const v = unbox(a[0]!);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return descriptorError(name, 'int', a[0]!);
}

function floatSelf(a: PyValue[], name: string): number {
  const v = unbox(a[0]!);
  if (typeof v === 'number') return v;
  return descriptorError(name, 'float', a[0]!);
}

function intConstruct(args: PyValue[], kwargs: Kwargs): bigint {
  const x = args[0] ?? kwargs.get('x');
  const base = args[1] ?? kwargs.get('base');
  if (args.length > 2) throw pyError(TypeError, `int() takes at most 2 arguments (${args.length} given)`);
  if (x === undefined) {
    if (base !== undefined) throw pyError(TypeError, "int() missing string argument");
    return 0n;
  }
  if (base !== undefined) {
    const b = asInt(unbox(base));
    if (b === undefined) throw pyError(TypeError, `'${typeName(base)}' object cannot be interpreted as an integer`);
    if (b !== 0n && (b < 2n || b > 36n)) throw pyError(ValueError, 'int() base must be >= 2 and <= 36, or 0');
    const s = unbox(x);
    if (typeof s === 'string') return parseIntLiteral(s, Number(b));
    if (x instanceof PyBytes) return parseIntLiteral(new TextDecoder().decode(x.data), Number(b));
    throw pyError(TypeError, "int() can't convert non-string with explicit base");
  }
  return toIntValue(x);
}

export function installNumbers(): void {
  intClass.nativeNew = (cls, args, kwargs) => {
    const v = intConstruct(args, kwargs);
    return cls === intClass ? v : new PyBoxed(cls, v);
  };
  boolClass.nativeNew = (_cls, args, kwargs) => {
    if (kwargs.size) throw pyError(TypeError, 'bool() takes no keyword arguments');
    if (args.length > 1) throw pyError(TypeError, `bool expected at most 1 argument, got ${args.length}`);
    return args.length ? truthy(args[0]!) : false;
  };
  floatClass.nativeNew = (cls, args, kwargs) => {
    if (kwargs.size) throw pyError(TypeError, 'float() takes no keyword arguments');
    if (args.length > 1) throw pyError(TypeError, `float expected at most 1 argument, got ${args.length}`);
    const v = args.length ? toFloatValue(args[0]!) : 0;
    return cls === floatClass ? v : new PyBoxed(cls, v);
  };
  numericDunders(intClass, intSelf);
  numericDunders(floatClass, floatSelf);
  const i = intClass;
  method(i, '__index__', (a) => intSelf(a, '__index__'));
  method(i, '__invert__', (a) => ~intSelf(a, '__invert__'));
  method(i, 'bit_length', (a) => {
    const v = intSelf(a, 'bit_length');
    const abs = v < 0n ? -v : v;
    return abs === 0n ? 0n : BigInt(abs.toString(2).length);
  });
  method(i, 'bit_count', (a) => {
    const v = intSelf(a, 'bit_count');
    return BigInt([...(v < 0n ? -v : v).toString(2)].filter((c) => c === '1').length);
  });
  method(i, 'as_integer_ratio', (a) => new PyTuple([intSelf(a, 'as_integer_ratio'), 1n]));
  method(i, 'is_integer', () => true);
  getter(i, 'numerator', (v) => intSelf([v], 'numerator'));
  getter(i, 'denominator', () => 1n);
  method(i, 'to_bytes', (a, kw) => {
    const v = intSelf(a, 'to_bytes');
    const length = Number(asInt(unbox(a[1] ?? kw.get('length') ?? 1n)) ?? 1n);
    const order = str(a[2] ?? kw.get('byteorder') ?? 'big');
    const signed = truthy(kw.get('signed') ?? false);
    if (v < 0n && !signed) throw pyError(OverflowError, "can't convert negative int to unsigned");
    let x = v < 0n ? (1n << BigInt(length * 8)) + v : v;
    if (x >= 1n << BigInt(length * 8) || (signed && (v >= 1n << BigInt(length * 8 - 1) || v < -(1n << BigInt(length * 8 - 1))))) {
      throw pyError(OverflowError, 'int too big to convert');
    }
    const out = new Uint8Array(length);
    for (let k = length - 1; k >= 0; k--) {
      out[k] = Number(x & 0xffn);
      x >>= 8n;
    }
    if (order === 'little') out.reverse();
    else if (order !== 'big') throw pyError(ValueError, "byteorder must be either 'little' or 'big'");
    return new PyBytes(out);
  });
  classMethod(i, 'from_bytes', (a, kw) => {
    const data = a[1] ?? kw.get('bytes');
    const order = str(a[2] ?? kw.get('byteorder') ?? 'big');
    const signed = truthy(kw.get('signed') ?? false);
    if (!(data instanceof PyBytes)) throw pyError(TypeError, 'cannot convert object to bytes');
    const bytes = order === 'little' ? [...data.data].reverse() : [...data.data];
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    if (signed && bytes.length && bytes[0]! >= 128) v -= 1n << BigInt(bytes.length * 8);
    return v;
  });
  const f = floatClass;
  method(f, 'is_integer', (a) => Number.isInteger(floatSelf(a, 'is_integer')));
  method(f, 'as_integer_ratio', (a) => {
    const v = floatSelf(a, 'as_integer_ratio');
    if (!Number.isFinite(v)) throw pyError(Number.isNaN(v) ? ValueError : OverflowError, Number.isNaN(v) ? 'cannot convert NaN to integer ratio' : 'cannot convert Infinity to integer ratio');
    let num = v;
    let den = 1n;
    while (!Number.isInteger(num)) {
      num *= 2;
      den *= 2n;
    }
    let n = BigInt(num);
    const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? (x < 0n ? -x : x) : gcd(y, x % y));
    const g = gcd(n, den);
    n /= g;
    den /= g;
    return new PyTuple([n, den]);
  });
  method(f, 'hex', (a) => floatHex(floatSelf(a, 'hex')));
  classMethod(f, 'fromhex', (a) => {
    const s = str(a[1]!).trim();
    const m = /^([+-])?(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(s);
    if (!m) throw pyError(ValueError, 'invalid hexadecimal floating-point string');
    const intDigits = m[2] ?? '';
    const fracDigits = m[3] ?? '';
    let v = intDigits ? parseInt(intDigits, 16) : 0;
    for (let k = 0; k < fracDigits.length; k++) v += parseInt(fracDigits[k]!, 16) / 16 ** (k + 1);
    v *= 2 ** Number(m[4] ?? 0);
    return m[1] === '-' ? -v : v;
  });
}

function floatHex(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const sign = v < 0 ? '-' : '';
  let x = Math.abs(v);
  let e = 0;
  while (x >= 2) {
    x /= 2;
    e++;
  }
  while (x < 1) {
    x *= 2;
    e--;
  }
  let hex = '';
  let frac = x - 1;
  for (let k = 0; k < 13; k++) {
    frac *= 16;
    const d = Math.floor(frac);
    hex += d.toString(16);
    frac -= d;
  }
  return `${sign}0x1.${hex}p${e >= 0 ? '+' : ''}${e}`;
}
