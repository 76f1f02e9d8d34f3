/**
 * String formatting: the format-spec mini-language (`format()`, f-strings, `str.format`), `%`
 * formatting, and exact decimal rendering of floats (round-half-even on the binary value, like
 * CPython, rather than JavaScript's toFixed).
 */
import {
  IndexError,
  KeyError,
  NO_KWARGS,
  PyDict,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  OverflowError,
  NativeFunction,
  bindAttribute,
  call,
  floatRepr,
  getattr,
  objectClass,
  pyError,
  repr,
  str,
  typeName,
  typeOf,
} from './objects.ts';
import { getItem, hooks, asInt } from './operators.ts';

// ---------------------------------------------------------------------------------------------
// Exact decimal expansion of doubles
// ---------------------------------------------------------------------------------------------

/** x = digits × 10^-scale exactly (x finite, non-negative). */
function exactDecimal(x: number): { d: bigint; scale: number } {
  if (x === 0) return { d: 0n, scale: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  if (e >= 0) return { d: mant << BigInt(e), scale: 0 };
  return { d: mant * 5n ** BigInt(-e), scale: -e };
}

/** Rounds d × 10^-scale to `decimals` places, half to even. Returns the integer n = value × 10^decimals. */
function roundScaled(d: bigint, scale: number, decimals: number): bigint {
  if (scale <= decimals) return d * 10n ** BigInt(decimals - scale);
  const div = 10n ** BigInt(scale - decimals);
  let q = d / div;
  const r = d % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** Fixed-point digits of |x| with `decimals` decimals. */
export function toFixedExact(x: number, decimals: number): string {
  const { d, scale } = exactDecimal(Math.abs(x));
  const n = roundScaled(d, scale, decimals);
  let s = n.toString();
  if (decimals === 0) return s;
  if (s.length <= decimals) s = '0'.repeat(decimals - s.length + 1) + s;
  return s.slice(0, s.length - decimals) + '.' + s.slice(s.length - decimals);
}

/** Scientific digits of |x|: [mantissa digits (1 + decimals), exponent]. */
function toSci(x: number, decimals: number): [string, number] {
  const ax = Math.abs(x);
  if (ax === 0) return ['0'.repeat(decimals + 1), 0];
  const { d, scale } = exactDecimal(ax);
  // number of digits before the decimal point
  const digits = d.toString().length - scale; // exponent + 1
  let exp = digits - 1;
  let n = roundScaled(d, scale, decimals - exp);
  if (n.toString().length > decimals + 1) {
    exp += 1;
    n = roundScaled(d, scale, decimals - exp);
  }
  return [n.toString(), exp];
}

export function toExponentialExact(x: number, decimals: number, upper = false): string {
  const [m, exp] = toSci(x, decimals);
  const mant = decimals > 0 ? m[0] + '.' + m.slice(1) : m;
  const sign = exp < 0 ? '-' : '+';
  return `${mant}${upper ? 'E' : 'e'}${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** The 'g' presentation (and the no-type presentation with `alwaysPoint`). */
function formatG(x: number, precision: number, alt: boolean, upper: boolean, noType = false): string {
  const p = precision === 0 ? 1 : precision;
  const ax = Math.abs(x);
  if (ax === 0) {
    if (noType) return '0.0';
    return alt ? '0.' + '0'.repeat(p - 1) : '0';
  }
  const [, exp] = toSci(ax, p - 1);
  if (exp >= -4 && exp < p) {
    let s = toFixedExact(ax, p - 1 - exp);
    if (!alt) s = stripZeros(s);
    if (noType && !s.includes('.')) s += '.0';
    return s;
  }
  let s = toExponentialExact(ax, p - 1, upper);
  if (!alt) {
    const [m, e] = s.split(upper ? 'E' : 'e') as [string, string];
    s = stripZeros(m) + (upper ? 'E' : 'e') + e;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Format spec mini-language
// ---------------------------------------------------------------------------------------------

export interface FormatSpec {
  fill: string;
  align: '<' | '>' | '=' | '^' | '';
  sign: '+' | '-' | ' ' | '';
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: ',' | '_' | '';
  precision: number; // -1 = none
  type: string;
}

export function parseSpec(spec: string): FormatSpec {
  const r: FormatSpec = { fill: ' ', align: '', sign: '', z: false, alt: false, zero: false, width: 0, grouping: '', precision: -1, type: '' };
  let i = 0;
  const chars = Array.from(spec);
  const isAlign = (c: string | undefined) => c === '<' || c === '>' || c === '=' || c === '^';
  if (chars.length >= 2 && isAlign(chars[1])) {
    r.fill = chars[0]!;
    r.align = chars[1] as FormatSpec['align'];
    i = 2;
  } else if (isAlign(chars[0])) {
    r.align = chars[0] as FormatSpec['align'];
    i = 1;
  }
  if (chars[i] === '+' || chars[i] === '-' || chars[i] === ' ') r.sign = chars[i++] as FormatSpec['sign'];
  if (chars[i] === 'z') {
    r.z = true;
    i++;
  }
  if (chars[i] === '#') {
    r.alt = true;
    i++;
  }
  if (chars[i] === '0') {
    r.zero = true;
    i++;
  }
  let w = '';
  while (i < chars.length && chars[i]! >= '0' && chars[i]! <= '9') w += chars[i++];
  if (w) r.width = parseInt(w, 10);
  if (chars[i] === ',' || chars[i] === '_') r.grouping = chars[i++] as FormatSpec['grouping'];
  if (chars[i] === '.') {
    i++;
    let p = '';
    while (i < chars.length && chars[i]! >= '0' && chars[i]! <= '9') p += chars[i++];
    if (!p) throw pyError(ValueError, 'Format specifier missing precision');
    r.precision = parseInt(p, 10);
  }
  if (i < chars.length) r.type = chars[i++]!;
  if (i < chars.length) throw pyError(ValueError, 'Invalid format specifier');
  if (r.zero && !r.align) {
    r.fill = '0';
    r.align = '=';
  }
  return r;
}

function pad(body: string, sign: string, spec: FormatSpec, defaultAlign: '<' | '>'): string {
  const align = spec.align || defaultAlign;
  const len = Array.from(body).length + sign.length;
  if (spec.width <= len) return sign + body;
  const n = spec.width - len;
  const fill = spec.fill;
  switch (align) {
    case '<':
      return sign + body + fill.repeat(n);
    case '>':
      return fill.repeat(n) + sign + body;
    case '=':
      return sign + fill.repeat(n) + body;
    case '^': {
      const left = Math.floor(n / 2);
      return fill.repeat(left) + sign + body + fill.repeat(n - left);
    }
  }
  return sign + body;
}

function group(intDigits: string, sep: string, every: number): string {
  if (!sep) return intDigits;
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % every === 0) out += sep;
    out += intDigits[i];
  }
  return out;
}

/** Zero padding with '=' alignment interacts with grouping: pad the digits, then regroup. */
function numericBody(intPart: string, rest: string, spec: FormatSpec, signLen: number, every = 3, prefix = ''): string {
  const sep = spec.grouping;
  if (spec.fill === '0' && spec.align === '=' && spec.width > 0) {
    // width available for the number (digits + separators + rest)
    const avail = spec.width - signLen - prefix.length - rest.length;
    let digits = intPart;
    for (;;) {
      const g = group(digits, sep, every);
      if (g.length >= avail) return prefix + g + rest;
      digits = '0' + digits;
    }
  }
  return prefix + group(intPart, sep, every) + rest;
}

export function formatInt(v: bigint, spec: FormatSpec): string {
  let type = spec.type || 'd';
  if (type === 'n') type = 'd';
  if ('eEfFgG%'.includes(type)) return formatFloat(intToNumber(v), spec);
  if (spec.precision >= 0) throw pyError(ValueError, 'Precision not allowed in integer format specifier');
  const neg = v < 0n;
  const a = neg ? -v : v;
  const sign = neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  let digits: string;
  let prefix = '';
  let every = 3;
  switch (type) {
    case 'd':
      digits = a.toString();
      break;
    case 'x':
      digits = a.toString(16);
      prefix = spec.alt ? '0x' : '';
      every = 4;
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      prefix = spec.alt ? '0X' : '';
      every = 4;
      break;
    case 'o':
      digits = a.toString(8);
      prefix = spec.alt ? '0o' : '';
      every = 4;
      break;
    case 'b':
      digits = a.toString(2);
      prefix = spec.alt ? '0b' : '';
      every = 4;
      break;
    case 'c': {
      if (spec.sign) throw pyError(ValueError, "Sign not allowed with integer format specifier 'c'");
      if (v < 0n || v > 0x10ffffn) throw pyError(OverflowError, '%c arg not in range(0x110000)');
      return pad(String.fromCodePoint(Number(v)), '', spec, '<');
    }
    default:
      throw pyError(ValueError, `Unknown format code '${type}' for object of type 'int'`);
  }
  if (spec.grouping === ',' && type !== 'd') throw pyError(ValueError, "Cannot specify ',' with '" + type + "'.");
  const body = numericBody(digits, '', spec, sign.length, every, prefix);
  return pad(body, sign, spec, '>');
}

function intToNumber(v: bigint): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw pyError(OverflowError, 'int too large to convert to float');
  return n;
}

export function formatFloat(x: number, spec: FormatSpec, typeLabel = 'float'): string {
  const type = spec.type;
  if (type !== '' && !'eEfFgGn%'.includes(type)) {
    throw pyError(ValueError, `Unknown format code '${type}' for object of type '${typeLabel}'`);
  }
  let neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let body: string;
  if (Number.isNaN(x)) {
    neg = false;
    body = type === 'E' || type === 'F' || type === 'G' ? 'NAN' : 'nan';
  } else if (!Number.isFinite(x)) {
    body = type === 'E' || type === 'F' || type === 'G' ? 'INF' : 'inf';
    if (type === '%') body += '%';
  } else {
    const prec = spec.precision;
    switch (type) {
      case 'f':
      case 'F':
        body = toFixedExact(ax, prec < 0 ? 6 : prec);
        if (spec.alt && !body.includes('.')) body += '.';
        break;
      case 'e':
      case 'E':
        body = toExponentialExact(ax, prec < 0 ? 6 : prec, type === 'E');
        break;
      case 'g':
      case 'G':
      case 'n':
        body = formatG(ax, prec < 0 ? 6 : prec, spec.alt, type === 'G');
        break;
      case '%':
        body = Number.isFinite(ax * 100) ? toFixedExact(ax * 100, prec < 0 ? 6 : prec) + '%' : 'inf%';
        break;
      default:
        // no presentation type: repr, or 'g'-like with at least one decimal digit
        if (prec < 0) body = floatRepr(ax);
        else body = formatG(ax, prec, spec.alt, false, true);
    }
    if (spec.z && neg && Number(body.replace(/[^0-9]/g, '')) === 0) neg = false;
  }
  const sign = neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  // split integer digits for grouping
  let intPart = body;
  let rest = '';
  const m = /^(\d+)(.*)$/.exec(body);
  if (m) {
    intPart = m[1]!;
    rest = m[2]!;
  } else {
    return pad(body, sign, spec, '>');
  }
  const b = numericBody(intPart, rest, spec, sign.length);
  return pad(b, sign, spec, '>');
}

export function formatStr(s: string, spec: FormatSpec, typeLabel = 'str'): string {
  if (spec.type && spec.type !== 's') throw pyError(ValueError, `Unknown format code '${spec.type}' for object of type '${typeLabel}'`);
  if (spec.sign) throw pyError(ValueError, 'Sign not allowed in string format specifier');
  if (spec.alt) throw pyError(ValueError, 'Alternate form (#) not allowed in string format specifier');
  if (spec.align === '=') throw pyError(ValueError, "'=' alignment not allowed in string format specifier");
  if (spec.grouping) throw pyError(ValueError, `Cannot specify '${spec.grouping}' with 's'.`);
  let body = s;
  if (spec.precision >= 0) body = Array.from(s).slice(0, spec.precision).join('');
  return pad(body, '', spec, '<');
}

/** format(value, spec) */
export function formatValue(v: PyValue, spec: string): string {
  switch (typeof v) {
    case 'string':
      if (spec === '') return v;
      return formatStr(v, parseSpec(spec));
    case 'boolean':
      if (spec === '') return v ? 'True' : 'False';
      {
        const p = parseSpec(spec);
        if (p.type === '' || p.type === 's') return formatStr(v ? 'True' : 'False', p);
        return formatInt(v ? 1n : 0n, p);
      }
    case 'bigint':
      if (spec === '') return v.toString();
      return formatInt(v, parseSpec(spec));
    case 'number':
      if (spec === '') return floatRepr(v);
      return formatFloat(v, parseSpec(spec));
  }
  const cls = typeOf(v);
  const f = cls.lookup('__format__');
  if (f !== undefined && f !== objectFormat) {
    const r = f instanceof NativeFunction ? f.impl([v, spec], NO_KWARGS) : call(bindAttribute(f, v, cls), [spec]);
    if (typeof r !== 'string') throw pyError(TypeError, `__format__ must return a str, not ${typeName(r)}`);
    return r;
  }
  if (spec !== '') throw pyError(TypeError, `unsupported format string passed to ${cls.name}.__format__`);
  return str(v);
}

/** object.__format__ */
export const objectFormat = new NativeFunction(
  '__format__',
  (args) => {
    const [self, spec] = args as [PyValue, PyValue];
    if (typeof spec !== 'string') throw pyError(TypeError, `format() argument 2 must be str, not ${typeName(spec)}`);
    if (spec !== '') throw pyError(TypeError, `unsupported format string passed to ${typeName(self)}.__format__`);
    return str(self);
  },
  { qualname: 'object.__format__' },
);
objectClass.dict.set('__format__', objectFormat);

// ---------------------------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------------------------

export function strFormat(fmt: string, args: readonly PyValue[], kwargs: Map<string, PyValue>, depth = 0): string {
  if (depth > 2) throw pyError(ValueError, 'Max string recursion exceeded');
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | null = null;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i]!;
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw pyError(ValueError, "Single '}' encountered in format string");
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // find the matching '}'
    let j = i + 1;
    let nest = 1;
    while (j < n) {
      if (fmt[j] === '{') nest++;
      else if (fmt[j] === '}') {
        nest--;
        if (nest === 0) break;
      }
      j++;
    }
    if (j >= n) throw pyError(ValueError, "expected '}' before end of string");
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    // split field_name!conv:spec
    let k = 0;
    let bracket = false;
    while (k < field.length) {
      const ch = field[k];
      if (ch === '[') bracket = true;
      else if (ch === ']') bracket = false;
      else if (!bracket && (ch === '!' || ch === ':')) break;
      k++;
    }
    const name = field.slice(0, k);
    let conv = '';
    let spec = '';
    if (field[k] === '!') {
      conv = field[k + 1] ?? '';
      if (field.length > k + 2 && field[k + 2] !== ':') throw pyError(ValueError, 'expected \':\' after conversion specifier');
      k += 2;
    }
    if (field[k] === ':') spec = field.slice(k + 1);
    // resolve the field name
    let m = 0;
    while (m < name.length && name[m] !== '.' && name[m] !== '[') m++;
    const first = name.slice(0, m);
    let value: PyValue;
    if (first === '') {
      if (mode === 'manual') throw pyError(ValueError, 'cannot switch from manual field specification to automatic field numbering');
      mode = 'auto';
      const idx = auto++;
      if (idx >= args.length) throw pyError(IndexError, `Replacement index ${idx} out of range for positional args tuple`);
      value = args[idx]!;
    } else if (/^\d+$/.test(first)) {
      if (mode === 'auto') throw pyError(ValueError, 'cannot switch from automatic field numbering to manual field specification');
      mode = 'manual';
      const idx = parseInt(first, 10);
      if (idx >= args.length) throw pyError(IndexError, `Replacement index ${idx} out of range for positional args tuple`);
      value = args[idx]!;
    } else {
      const v = kwargs.get(first);
      if (v === undefined) {
        const e = pyError(KeyError);
        e.value.dict.set('args', new PyTuple([first]));
        throw e;
      }
      value = v;
    }
    // attribute / index chain
    while (m < name.length) {
      if (name[m] === '.') {
        let e = m + 1;
        while (e < name.length && name[e] !== '.' && name[e] !== '[') e++;
        value = getattr(value, name.slice(m + 1, e));
        m = e;
      } else {
        const e = name.indexOf(']', m);
        if (e < 0) throw pyError(ValueError, "Missing ']' in format string");
        const key = name.slice(m + 1, e);
        value = getItem(value, /^\d+$/.test(key) ? BigInt(key) : key);
        m = e + 1;
      }
    }
    if (conv) {
      if (conv === 'r') value = repr(value);
      else if (conv === 's') value = str(value);
      else if (conv === 'a') value = asciiRepr(value);
      else throw pyError(ValueError, `Unknown conversion specifier ${conv}`);
    }
    if (spec.includes('{')) spec = strFormat(spec, args.slice(auto), kwargs, depth + 1);
    out += formatValue(value, spec);
  }
  return out;
}

export function asciiRepr(v: PyValue): string {
  const r = repr(v);
  let out = '';
  for (const ch of r) {
    const c = ch.codePointAt(0)!;
    if (c < 128) out += ch;
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// % formatting
// ---------------------------------------------------------------------------------------------

export function percentFormat(fmt: string, args: PyValue): string {
  const isMapping = args instanceof PyDict || (args instanceof PyObject && !(args instanceof PyTuple) && typeOf(args).lookup('__getitem__') !== undefined && typeof args !== 'string');
  const items: readonly PyValue[] = args instanceof PyTuple ? args.items : [args];
  let argi = 0;
  let usedMapping = false;
  const next = (): PyValue => {
    if (argi >= items.length) throw pyError(TypeError, 'not enough arguments for format string');
    return items[argi++]!;
  };
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= n) throw pyError(ValueError, 'incomplete format');
    let key: string | null = null;
    if (fmt[i] === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (fmt[j] === '(') depth++;
        else if (fmt[j] === ')') depth--;
        j++;
      }
      if (depth > 0) throw pyError(ValueError, 'incomplete format key');
      key = fmt.slice(i + 1, j - 1);
      i = j;
    }
    let flags = '';
    while (i < n && '-+ #0'.includes(fmt[i]!)) flags += fmt[i++];
    let width = -1;
    if (fmt[i] === '*') {
      const w = asInt(next());
      if (w === undefined) throw pyError(TypeError, '* wants int');
      width = Number(w);
      i++;
    } else {
      let w = '';
      while (i < n && fmt[i]! >= '0' && fmt[i]! <= '9') w += fmt[i++];
      if (w) width = parseInt(w, 10);
    }
    let prec = -1;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') {
        const p = asInt(next());
        if (p === undefined) throw pyError(TypeError, '* wants int');
        prec = Number(p);
        i++;
      } else {
        let p = '';
        while (i < n && fmt[i]! >= '0' && fmt[i]! <= '9') p += fmt[i++];
        prec = p ? parseInt(p, 10) : 0;
      }
    }
    while (i < n && 'hlL'.includes(fmt[i]!)) i++;
    if (i >= n) throw pyError(ValueError, 'incomplete format');
    const type = fmt[i++]!;
    if (type === '%') {
      out += '%';
      continue;
    }
    let value: PyValue;
    if (key !== null) {
      if (!isMapping) throw pyError(TypeError, 'format requires a mapping');
      usedMapping = true;
      value = getItem(args, key);
    } else value = next();
    const spec: FormatSpec = {
      fill: ' ',
      align: flags.includes('-') ? '<' : '>',
      sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '',
      z: false,
      alt: flags.includes('#'),
      zero: false,
      width: Math.max(width, 0),
      grouping: '',
      precision: prec,
      type: '',
    };
    if (flags.includes('0') && !flags.includes('-') && 'diouxXeEfFgG'.includes(type)) {
      spec.fill = '0';
      spec.align = '=';
    }
    let piece: string;
    switch (type) {
      case 's':
      case 'r':
      case 'a': {
        let s = type === 's' ? str(value) : type === 'r' ? repr(value) : asciiRepr(value);
        if (prec >= 0) s = Array.from(s).slice(0, prec).join('');
        piece = pad(s, '', { ...spec, fill: ' ', align: spec.align === '<' ? '<' : '>' }, '>');
        break;
      }
      case 'd':
      case 'i':
      case 'u': {
        const iv = percentNumber(value, type, true);
        spec.type = 'd';
        piece = typeof iv === 'bigint' ? formatInt(iv, { ...spec, precision: -1 }) : formatInt(BigInt(Math.trunc(iv)), { ...spec, precision: -1 });
        if (prec > 0) {
          // precision for integers means minimum digits
          const neg = piece.trim().startsWith('-');
          const digits = (typeof iv === 'bigint' ? (iv < 0n ? -iv : iv) : BigInt(Math.trunc(Math.abs(iv)))).toString().padStart(prec, '0');
          piece = pad(digits, neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '', spec, '>');
        }
        break;
      }
      case 'o':
      case 'x':
      case 'X': {
        const iv = percentNumber(value, type, false);
        if (typeof iv !== 'bigint') throw pyError(TypeError, `%${type} format: an integer is required, not ${typeName(value)}`);
        spec.type = type;
        piece = formatInt(iv, spec);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const fv = percentNumber(value, type, true);
        spec.type = type;
        spec.precision = prec < 0 ? 6 : prec;
        piece = formatFloat(typeof fv === 'bigint' ? Number(fv) : fv, spec);
        break;
      }
      case 'c': {
        let ch: string;
        if (typeof value === 'string') {
          if (Array.from(value).length !== 1) throw pyError(TypeError, '%c requires int or char');
          ch = value;
        } else {
          const iv = asInt(value);
          if (iv === undefined) throw pyError(TypeError, '%c requires int or char');
          ch = String.fromCodePoint(Number(iv));
        }
        piece = pad(ch, '', spec, '>');
        break;
      }
      default:
        throw pyError(
          ValueError,
          `unsupported format character '${type}' (0x${type.codePointAt(0)!.toString(16)}) at index ${i - 1}`,
        );
    }
    out += piece;
  }
  if (!usedMapping && argi < items.length && !(isMapping && !(args instanceof PyTuple))) {
    throw pyError(TypeError, 'not all arguments converted during string formatting');
  }
  return out;
}

function percentNumber(v: PyValue, type: string, allowFloat: boolean): bigint | number {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') {
    if (!allowFloat && 'oxX'.includes(type)) return v;
    return v;
  }
  if (v instanceof PyObject) {
    const cls = typeOf(v);
    const idx = cls.lookup(allowFloat && 'eEfFgG'.includes(type) ? '__float__' : '__int__') ?? cls.lookup('__index__');
    if (idx !== undefined) {
      const r = call(bindAttribute(idx, v, cls), []);
      if (typeof r === 'bigint' || typeof r === 'number') return r;
    }
  }
  const what = 'diu'.includes(type) || 'eEfFgG'.includes(type) ? 'a real number is required' : 'an integer is required';
  throw pyError(TypeError, `%${type} format: ${what}, not ${typeName(v)}`);
}

hooks.percentFormat = percentFormat;

/** round(x, ndigits) for floats: exact decimal rounding, half to even (like CPython). */
export function roundHalfEven(x: number, ndigits: number): number {
  const { d, scale } = exactDecimal(Math.abs(x));
  const n = roundScaled(d, scale, ndigits);
  const r = ndigits >= 0 ? Number(`${n}e-${ndigits}`) : Number(`${n}e${-ndigits}`);
  return x < 0 || Object.is(x, -0) ? -r : r;
}
