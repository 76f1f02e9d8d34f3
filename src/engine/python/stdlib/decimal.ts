/**
 * The `decimal` module: Decimal as sign + bigint coefficient + exponent (+ NaN/Infinity), exact
 * arithmetic rounded to the context precision (28 digits, ROUND_HALF_EVEN by default), quantize,
 * CPython's string forms (`Decimal('48.3500000000000000')`, `1E+3`), and psycopg2's SQL literal.
 */
import {
  ArithmeticErrorClass,
  type Kwargs,
  None,
  NotImplemented,
  OverflowError,
  PyClass,
  PyException,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  ZeroDivisionError,
  newException,
  pyError,
  str,
  typeName,
  truthy,
} from '../objects.ts';
import { classMethod, getter, method, unbox } from '../types/core.ts';
import { asInt } from '../operators.ts';
import { parseSpec } from '../formatting.ts';

export const decimalClass = new PyClass('Decimal', { module: 'decimal' });

// ---------------------------------------------------------------------------------------------
// Exceptions and context
// ---------------------------------------------------------------------------------------------

export const DecimalException = new PyClass('DecimalException', { module: 'decimal', bases: [ArithmeticErrorClass] });
export const InvalidOperation = new PyClass('InvalidOperation', { module: 'decimal', bases: [DecimalException] });
export const DivisionByZeroDec = new PyClass('DivisionByZero', { module: 'decimal', bases: [DecimalException, ZeroDivisionError] });
export const ConversionSyntax = new PyClass('ConversionSyntax', { module: 'decimal', bases: [InvalidOperation] });
export const DivisionUndefined = new PyClass('DivisionUndefined', { module: 'decimal', bases: [InvalidOperation, ZeroDivisionError] });
export const DivisionImpossible = new PyClass('DivisionImpossible', { module: 'decimal', bases: [InvalidOperation] });
export const InexactDec = new PyClass('Inexact', { module: 'decimal', bases: [DecimalException] });
export const RoundedDec = new PyClass('Rounded', { module: 'decimal', bases: [DecimalException] });
export const OverflowDec = new PyClass('Overflow', { module: 'decimal', bases: [InexactDec, RoundedDec] });
export const FloatOperation = new PyClass('FloatOperation', { module: 'decimal', bases: [DecimalException, TypeError] });

/** CPython's libmpdec signals: `[<class 'decimal.InvalidOperation'>]`. */
function signal(cls: PyClass, cause: PyClass = cls): PyException {
  return new PyException(newException(cls, `[<class 'decimal.${cause.name}'>]`));
}

export type Rounding =
  | 'ROUND_HALF_EVEN'
  | 'ROUND_HALF_UP'
  | 'ROUND_HALF_DOWN'
  | 'ROUND_UP'
  | 'ROUND_DOWN'
  | 'ROUND_CEILING'
  | 'ROUND_FLOOR'
  | 'ROUND_05UP';

const ROUNDINGS: Rounding[] = ['ROUND_HALF_EVEN', 'ROUND_HALF_UP', 'ROUND_HALF_DOWN', 'ROUND_UP', 'ROUND_DOWN', 'ROUND_CEILING', 'ROUND_FLOOR', 'ROUND_05UP'];

export const contextClass = new PyClass('Context', { module: 'decimal' });

export class DecimalContext extends PyObject {
  constructor(
    public prec = 28,
    public rounding: Rounding = 'ROUND_HALF_EVEN',
    public Emax = 999999,
    public Emin = -999999,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return contextClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'prec':
        return BigInt(this.prec);
      case 'rounding':
        return this.rounding;
      case 'Emax':
        return BigInt(this.Emax);
      case 'Emin':
        return BigInt(this.Emin);
      case 'capitals':
        return 1n;
      case 'clamp':
        return 0n;
    }
    return undefined;
  }
  override nativeSetAttr(name: string, value: PyValue): boolean {
    if (name === 'prec') {
      const p = asInt(unbox(value));
      if (p === undefined || p < 1n) throw pyError(ValueError, 'valid range for prec is [1, MAX_PREC]');
      this.prec = Number(p);
      return true;
    }
    if (name === 'rounding') {
      const r = str(value) as Rounding;
      if (!ROUNDINGS.includes(r)) throw pyError(TypeError, 'valid values for rounding are: [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]');
      this.rounding = r;
      return true;
    }
    return false;
  }
  override nativeRepr(): string {
    return `Context(prec=${this.prec}, rounding=${this.rounding}, Emin=${this.Emin}, Emax=${this.Emax}, capitals=1, clamp=0, flags=[], traps=[InvalidOperation, DivisionByZero, Overflow])`;
  }
  override nativeEnter(): PyValue {
    saved.push(current);
    current = this;
    return this;
  }
  override nativeExit(): boolean {
    current = saved.pop() ?? new DecimalContext();
    return false;
  }
}

let current = new DecimalContext();
const saved: DecimalContext[] = [];

export function getContext(): DecimalContext {
  return current;
}

// ---------------------------------------------------------------------------------------------
// The value type
// ---------------------------------------------------------------------------------------------

type Special = 'finite' | 'inf' | 'nan' | 'snan';

const digits = (n: bigint) => (n === 0n ? 1 : n.toString().length);
const pow10 = (n: number) => 10n ** BigInt(n);

export class PyDecimal extends PyObject {
  constructor(
    /** true for negative (also -0, -Infinity) */
    readonly sign: boolean,
    /** coefficient (>= 0); for NaN the payload */
    readonly coef: bigint,
    /** exponent; 0 for specials */
    readonly exp: number,
    readonly special: Special = 'finite',
  ) {
    super();
  }
  get pyClass(): PyClass {
    return decimalClass;
  }
  get isFinite(): boolean {
    return this.special === 'finite';
  }
  get isNaN(): boolean {
    return this.special === 'nan' || this.special === 'snan';
  }
  get isZero(): boolean {
    return this.isFinite && this.coef === 0n;
  }
  /** The exponent of the most significant digit. */
  get adjusted(): number {
    return this.exp + digits(this.coef) - 1;
  }
  override toString(): string {
    return this.toSciString();
  }
  toSciString(): string {
    const sign = this.sign ? '-' : '';
    if (this.special === 'inf') return sign + 'Infinity';
    if (this.special === 'nan') return sign + 'NaN' + (this.coef ? this.coef.toString() : '');
    if (this.special === 'snan') return sign + 'sNaN' + (this.coef ? this.coef.toString() : '');
    const c = this.coef.toString();
    const exp = this.exp;
    const adj = exp + c.length - 1;
    if (exp <= 0 && adj >= -6) {
      if (exp === 0) return sign + c;
      const point = c.length + exp;
      if (point > 0) return sign + c.slice(0, point) + '.' + c.slice(point);
      return sign + '0.' + '0'.repeat(-point) + c;
    }
    const mant = c.length > 1 ? c[0] + '.' + c.slice(1) : c;
    return `${sign}${mant}E${adj >= 0 ? '+' : ''}${adj}`;
  }
  toEngString(): string {
    if (!this.isFinite) return this.toSciString();
    const sign = this.sign ? '-' : '';
    const c = this.coef.toString();
    const exp = this.exp;
    const adj = exp + c.length - 1;
    if (exp <= 0 && adj >= -6) return this.toSciString();
    let e = adj;
    let intDigits = 1;
    while (((e % 3) + 3) % 3 !== 0) {
      e--;
      intDigits++;
    }
    let mant: string;
    if (this.coef === 0n) {
      mant = '0';
      e = adj;
      while (((e % 3) + 3) % 3 !== 0) e++;
      mant = e - adj > 0 ? '0.' + '0'.repeat(e - adj - 1) : '0';
      if (e - adj > 0) mant = '0.' + '0'.repeat(Math.max(0, e - adj - 1)) + '0';
      return `${sign}${mant === '0.0' ? '0.00'.slice(0, 2 + (e - adj)) : mant}E${e >= 0 ? '+' : ''}${e}`;
    }
    if (c.length <= intDigits) mant = c + '0'.repeat(intDigits - c.length);
    else mant = c.slice(0, intDigits) + '.' + c.slice(intDigits);
    return `${sign}${mant}${e === 0 ? '' : `E${e >= 0 ? '+' : ''}${e}`}`;
  }
  override nativeRepr(): string {
    return `Decimal('${this.toSciString()}')`;
  }
  override nativeStr(): string {
    return this.toSciString();
  }
  override nativeEq(other: PyValue): boolean | undefined {
    const o = toDecimal(other, false);
    if (!o) return undefined;
    if (this.isNaN || o.isNaN) return false;
    return compareDec(this, o) === 0;
  }
  override nativeHashKey(): string {
    if (this.isNaN) return 'dec-nan';
    if (this.special === 'inf') return this.sign ? 'f:-Infinity' : 'f:Infinity';
    // equal to ints / floats with the same value: key by the normalized value
    const n = normalized(this);
    if (n.exp >= 0) return 'i:' + (n.sign && n.coef !== 0n ? '-' : '') + (n.coef * pow10(n.exp)).toString();
    // a value a float represents exactly hashes like that float
    const f = Number(this.toSciString());
    if (Number.isFinite(f) && compareDec(decimalFromFloat(f), this) === 0) return 'f:' + String(f);
    return 'dec:' + n.toSciString();
  }
  override nativeBool(): boolean {
    return !this.isZero;
  }
  override nativeSqlLiteral(): string {
    if (this.isNaN) return "'NaN'::numeric";
    if (this.special === 'inf') return this.sign ? "'-Infinity'::numeric" : "'Infinity'::numeric";
    return this.toSciString();
  }
}

// ---------------------------------------------------------------------------------------------
// Construction and parsing
// ---------------------------------------------------------------------------------------------

export function decimalFromString(s: string): PyDecimal {
  const t = s.trim().replace(/_/g, (m, i: number, all: string) => (/\d/.test(all[i - 1] ?? '') && /\d/.test(all[i + 1] ?? '') ? '' : m));
  const m = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/.exec(t);
  if (m) {
    const sign = m[1] === '-';
    const intPart = m[2] ?? '';
    const frac = m[3] ?? m[4] ?? '';
    const exp = Number(m[5] ?? 0) - frac.length;
    return new PyDecimal(sign, BigInt((intPart + frac) || '0'), exp);
  }
  const sp = /^([+-])?(inf|infinity|nan(\d*)|snan(\d*))$/i.exec(t);
  if (sp) {
    const sign = sp[1] === '-';
    const w = sp[2]!.toLowerCase();
    if (w === 'inf' || w === 'infinity') return new PyDecimal(sign, 0n, 0, 'inf');
    if (w.startsWith('snan')) return new PyDecimal(sign, BigInt(sp[4] || '0'), 0, 'snan');
    return new PyDecimal(sign, BigInt(sp[3] || '0'), 0, 'nan');
  }
  throw signal(InvalidOperation, ConversionSyntax);
}

export function decimalFromInt(i: bigint): PyDecimal {
  return new PyDecimal(i < 0n, i < 0n ? -i : i, 0);
}

/** Exact conversion of a float (Decimal(0.1) == 0.1000000000000000055511151231257827021181583404541015625). */
export function decimalFromFloat(f: number): PyDecimal {
  if (Number.isNaN(f)) return new PyDecimal(false, 0n, 0, 'nan');
  if (!Number.isFinite(f)) return new PyDecimal(f < 0, 0n, 0, 'inf');
  const sign = f < 0 || Object.is(f, -0);
  let x = Math.abs(f);
  if (x === 0) return new PyDecimal(sign, 0n, 0);
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    e--;
  }
  // x * 2^e exactly; 2^-k = 5^k * 10^-k
  const m = BigInt(x);
  if (e === 0) return new PyDecimal(sign, m, 0);
  return new PyDecimal(sign, m * 5n ** BigInt(-e), e);
}

/** Converts an operand: Decimal, int, bool (floats only when `allowFloat`). */
function toDecimal(v: PyValue, allowFloat: boolean): PyDecimal | null {
  if (v instanceof PyDecimal) return v;
  const u = unbox(v);
  if (typeof u === 'bigint') return decimalFromInt(u);
  if (typeof u === 'boolean') return decimalFromInt(u ? 1n : 0n);
  if (allowFloat && typeof u === 'number') return decimalFromFloat(u);
  return null;
}

export function makeDecimal(v: PyValue | string | number | bigint): PyDecimal {
  if (typeof v === 'string') return decimalFromString(v);
  if (typeof v === 'bigint') return decimalFromInt(v);
  if (typeof v === 'number') return decimalFromFloat(v);
  const d = toDecimal(v, true);
  if (!d) throw pyError(TypeError, `conversion from ${typeName(v)} to Decimal is not supported`);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Rounding and arithmetic
// ---------------------------------------------------------------------------------------------

/** Rounds coef (with `dropped` trailing digits removed) per mode; `rest`/`divisor` describe the fraction. */
function roundDiv(coef: bigint, divisor: bigint, sign: boolean, rounding: Rounding): bigint {
  const q = coef / divisor;
  const r = coef % divisor;
  if (r === 0n) return q;
  const twice = r * 2n;
  const cmp = twice === divisor ? 0 : twice > divisor ? 1 : -1;
  switch (rounding) {
    case 'ROUND_DOWN':
      return q;
    case 'ROUND_UP':
      return q + 1n;
    case 'ROUND_CEILING':
      return sign ? q : q + 1n;
    case 'ROUND_FLOOR':
      return sign ? q + 1n : q;
    case 'ROUND_HALF_UP':
      return cmp >= 0 ? q + 1n : q;
    case 'ROUND_HALF_DOWN':
      return cmp > 0 ? q + 1n : q;
    case 'ROUND_HALF_EVEN':
      return cmp > 0 || (cmp === 0 && (q & 1n) === 1n) ? q + 1n : q;
    case 'ROUND_05UP':
      return q % 10n === 0n || q % 10n === 5n ? q + 1n : q;
  }
}

/** Fits a result into the context precision. */
function finish(sign: boolean, coef: bigint, exp: number, ctx: DecimalContext): PyDecimal {
  const n = digits(coef);
  if (n > ctx.prec) {
    const drop = n - ctx.prec;
    let c = roundDiv(coef, pow10(drop), sign, ctx.rounding);
    let e = exp + drop;
    if (digits(c) > ctx.prec) {
      c /= 10n;
      e += 1;
    }
    coef = c;
    exp = e;
  }
  if (coef !== 0n && exp + digits(coef) - 1 > ctx.Emax) throw signal(OverflowDec);
  return new PyDecimal(sign, coef, exp);
}

function nanResult(a: PyDecimal, b?: PyDecimal): PyDecimal | null {
  if (a.special === 'snan' || b?.special === 'snan') throw signal(InvalidOperation);
  if (a.isNaN) return a;
  if (b && b.isNaN) return b;
  return null;
}

function align(a: PyDecimal, b: PyDecimal): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  return [a.coef * pow10(a.exp - e), b.coef * pow10(b.exp - e), e];
}

export function addDec(a: PyDecimal, b: PyDecimal, ctx = current, negateB = false): PyDecimal {
  const nan = nanResult(a, b);
  if (nan) return nan;
  const bSign = negateB ? !b.sign : b.sign;
  if (a.special === 'inf' || b.special === 'inf') {
    if (a.special === 'inf' && b.special === 'inf' && a.sign !== bSign) throw signal(InvalidOperation);
    return a.special === 'inf' ? a : new PyDecimal(bSign, 0n, 0, 'inf');
  }
  const [ca, cb, e] = align(a, b);
  const va = a.sign ? -ca : ca;
  const vb = bSign ? -cb : cb;
  const s = va + vb;
  let sign = s < 0n;
  if (s === 0n) {
    // sign of an exact zero sum: negative only if both are negative (or ROUND_FLOOR)
    sign = (a.sign && bSign) || (a.sign !== bSign && ctx.rounding === 'ROUND_FLOOR');
  }
  return finish(sign, s < 0n ? -s : s, e, ctx);
}

export function mulDec(a: PyDecimal, b: PyDecimal, ctx = current): PyDecimal {
  const nan = nanResult(a, b);
  if (nan) return nan;
  const sign = a.sign !== b.sign;
  if (a.special === 'inf' || b.special === 'inf') {
    if (a.isZero || b.isZero) throw signal(InvalidOperation);
    return new PyDecimal(sign, 0n, 0, 'inf');
  }
  return finish(sign, a.coef * b.coef, a.exp + b.exp, ctx);
}

export function divDec(a: PyDecimal, b: PyDecimal, ctx = current): PyDecimal {
  const nan = nanResult(a, b);
  if (nan) return nan;
  const sign = a.sign !== b.sign;
  if (a.special === 'inf') {
    if (b.special === 'inf') throw signal(InvalidOperation);
    return new PyDecimal(sign, 0n, 0, 'inf');
  }
  if (b.special === 'inf') return new PyDecimal(sign, 0n, ctx.Emin - ctx.prec + 1);
  if (b.coef === 0n) {
    if (a.coef === 0n) throw signal(InvalidOperation, DivisionUndefined);
    throw signal(DivisionByZeroDec);
  }
  const ideal = a.exp - b.exp;
  if (a.coef === 0n) return new PyDecimal(sign, 0n, ideal);
  // shift so the quotient has at least prec + 1 digits
  let shift = Math.max(0, ctx.prec + digits(b.coef) - digits(a.coef) + 1);
  let num = a.coef * pow10(shift);
  let q = num / b.coef;
  let r = num % b.coef;
  let exp = ideal - shift;
  if (r === 0n) {
    // exact: remove trailing zeros down to the ideal exponent
    while (exp < ideal && q % 10n === 0n) {
      q /= 10n;
      exp += 1;
    }
    return finish(sign, q, exp, ctx);
  }
  // inexact: round to prec digits using the remainder as a sticky bit
  const n = digits(q);
  const drop = n - ctx.prec;
  // append a sticky digit so rounding sees "more than zero" past the kept digits
  num = q * 10n + (r > 0n ? 1n : 0n);
  shift = drop + 1;
  q = roundDiv(num, pow10(shift), sign, ctx.rounding);
  exp += drop;
  if (digits(q) > ctx.prec) {
    q /= 10n;
    exp += 1;
  }
  r = 0n;
  return new PyDecimal(sign, q, exp);
}

function divIntDec(a: PyDecimal, b: PyDecimal, ctx = current): [PyDecimal, PyDecimal] {
  const nan = nanResult(a, b);
  if (nan) return [nan, nan];
  if (!a.isFinite || !b.isFinite) throw signal(InvalidOperation);
  if (b.coef === 0n) {
    if (a.coef === 0n) throw signal(InvalidOperation, DivisionUndefined);
    throw signal(DivisionByZeroDec);
  }
  const [ca, cb, e] = align(a, b);
  const q = ca / cb;
  const r = ca % cb;
  const sign = a.sign !== b.sign;
  if (digits(q) > ctx.prec) throw signal(InvalidOperation, DivisionImpossible);
  return [new PyDecimal(sign, q, 0), finish(a.sign, r, e, ctx)];
}

export function compareDec(a: PyDecimal, b: PyDecimal): number {
  if (a.special === 'inf' || b.special === 'inf') {
    const va = a.special === 'inf' ? (a.sign ? -1 : 1) : 0;
    const vb = b.special === 'inf' ? (b.sign ? -1 : 1) : 0;
    if (va !== vb) return va < vb ? -1 : 1;
    if (va !== 0) return 0;
  }
  const [ca, cb] = align(a, b);
  const va = a.sign ? -ca : ca;
  const vb = b.sign ? -cb : cb;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

function normalized(d: PyDecimal): PyDecimal {
  if (!d.isFinite) return d;
  if (d.coef === 0n) return new PyDecimal(d.sign, 0n, 0);
  let c = d.coef;
  let e = d.exp;
  while (c % 10n === 0n) {
    c /= 10n;
    e++;
  }
  return new PyDecimal(d.sign, c, e);
}

/** d.quantize(exp): round to the exponent of `exp`. */
export function quantizeDec(d: PyDecimal, expOf: PyDecimal, rounding: Rounding = current.rounding, ctx = current): PyDecimal {
  const nan = nanResult(d, expOf);
  if (nan) return nan;
  if (!d.isFinite || !expOf.isFinite) {
    if (d.special === 'inf' && expOf.special === 'inf') return d;
    throw signal(InvalidOperation);
  }
  const target = expOf.exp;
  let coef: bigint;
  if (target >= d.exp) coef = roundDiv(d.coef, pow10(target - d.exp), d.sign, rounding);
  else coef = d.coef * pow10(d.exp - target);
  if (digits(coef) > ctx.prec) throw signal(InvalidOperation);
  return new PyDecimal(d.sign, coef, target);
}

/** Rounds to an integral value (exponent 0 or more). */
function toIntegral(d: PyDecimal, rounding: Rounding): PyDecimal {
  if (!d.isFinite || d.exp >= 0) return d;
  return new PyDecimal(d.sign, roundDiv(d.coef, pow10(-d.exp), d.sign, rounding), 0);
}

export function decimalToBigInt(d: PyDecimal): bigint {
  if (d.isNaN) throw pyError(ValueError, 'cannot convert NaN to integer');
  if (d.special === 'inf') throw pyError(OverflowError, 'cannot convert Infinity to integer');
  const v = d.exp >= 0 ? d.coef * pow10(d.exp) : d.coef / pow10(-d.exp);
  return d.sign ? -v : v;
}

export function decimalToNumber(d: PyDecimal): number {
  if (d.isNaN) return NaN;
  if (d.special === 'inf') return d.sign ? -Infinity : Infinity;
  return Number(d.toSciString());
}

function powDec(a: PyDecimal, b: PyDecimal, ctx = current): PyDecimal {
  const nan = nanResult(a, b);
  if (nan) return nan;
  const bi = b.isFinite ? normalized(b) : b;
  if (bi.isFinite && bi.exp >= 0) {
    let n = decimalToBigInt(b);
    if (a.isZero && n < 0n) throw signal(DivisionByZeroDec);
    const neg = n < 0n;
    if (neg) n = -n;
    // exact power then round
    let coef = a.coef ** n;
    const exp = a.exp * Number(n);
    const sign = a.sign && n % 2n === 1n;
    if (!neg) return finish(sign, coef, exp, ctx);
    const one = new PyDecimal(false, 1n, 0);
    const big = new PyDecimal(sign, coef, exp);
    coef = 0n;
    return divDec(one, big, new DecimalContext(ctx.prec, ctx.rounding));
  }
  // non-integral exponent: go through floats (approximate)
  const r = Math.pow(decimalToNumber(a), decimalToNumber(b));
  if (Number.isNaN(r)) throw signal(InvalidOperation);
  return finish(r < 0, decimalFromFloat(Math.abs(r)).coef, decimalFromFloat(Math.abs(r)).exp, ctx);
}

// ---------------------------------------------------------------------------------------------
// Formatting (format(Decimal, spec))
// ---------------------------------------------------------------------------------------------

function formatDecimal(d: PyDecimal, spec: string): string {
  if (spec === '') return d.toSciString();
  const p = parseSpec(spec);
  let body: string;
  let neg = d.sign;
  if (!d.isFinite) body = d.special === 'inf' ? 'Infinity' : 'NaN';
  else {
    const abs = new PyDecimal(false, d.coef, d.exp);
    switch (p.type) {
      case 'f':
      case 'F':
      case '%': {
        let v = abs;
        if (p.type === '%') v = new PyDecimal(false, abs.coef, abs.exp + 2);
        if (p.precision >= 0) v = quantizeDec(v, new PyDecimal(false, 1n, -p.precision), current.rounding, new DecimalContext(Math.max(current.prec, 1000)));
        let s = v.exp >= 0 ? (v.coef * pow10(v.exp)).toString() : new PyDecimal(false, v.coef, v.exp).toSciString();
        if (s.includes('E')) s = plainString(v);
        body = s + (p.type === '%' ? '%' : '');
        break;
      }
      case 'e':
      case 'E': {
        const prec = p.precision >= 0 ? p.precision : digits(abs.coef) - 1;
        const n = digits(abs.coef);
        let coef = abs.coef;
        let exp = abs.exp;
        if (n > prec + 1) {
          coef = roundDiv(coef, pow10(n - prec - 1), false, current.rounding);
          exp += n - prec - 1;
          if (digits(coef) > prec + 1) {
            coef /= 10n;
            exp++;
          }
        } else {
          coef *= pow10(prec + 1 - n);
          exp -= prec + 1 - n;
        }
        const c = coef.toString();
        const adj = exp + c.length - 1;
        body = (c.length > 1 ? c[0] + '.' + c.slice(1) : c) + (p.type === 'e' ? 'e' : 'E') + (adj < 0 ? '-' : '+') + String(Math.abs(adj));
        break;
      }
      case 'g':
      case 'G':
      case '': {
        if (p.precision >= 0 && p.type !== '') {
          const ctx = new DecimalContext(Math.max(1, p.precision), current.rounding);
          body = finish(false, abs.coef, abs.exp, ctx).toSciString();
        } else if (p.precision >= 0) {
          body = finish(false, abs.coef, abs.exp, new DecimalContext(Math.max(1, p.precision), current.rounding)).toSciString();
        } else body = abs.toSciString();
        if (p.type === 'G') body = body.replace('e', 'E');
        break;
      }
      default:
        throw pyError(ValueError, `Invalid format specifier '${spec}' for object of type 'Decimal'`);
    }
  }
  if (d.isZero && p.z) neg = false;
  const sign = neg ? '-' : p.sign === '+' ? '+' : p.sign === ' ' ? ' ' : '';
  if (p.grouping) {
    const m = /^(\d+)(.*)$/.exec(body);
    if (m) body = m[1]!.replace(/\B(?=(\d{3})+(?!\d))/g, p.grouping) + m[2];
  }
  const width = p.width;
  const len = body.length + sign.length;
  if (width <= len) return sign + body;
  const n = width - len;
  const align = p.align || '>';
  if (align === '<') return sign + body + p.fill.repeat(n);
  if (align === '^') return p.fill.repeat(Math.floor(n / 2)) + sign + body + p.fill.repeat(n - Math.floor(n / 2));
  if (align === '=') return sign + p.fill.repeat(n) + body;
  return p.fill.repeat(n) + sign + body;
}

function plainString(d: PyDecimal): string {
  const c = d.coef.toString();
  if (d.exp >= 0) return c + '0'.repeat(d.exp);
  const point = c.length + d.exp;
  if (point > 0) return c.slice(0, point) + '.' + c.slice(point);
  return '0.' + '0'.repeat(-point) + c;
}

// ---------------------------------------------------------------------------------------------
// Python methods
// ---------------------------------------------------------------------------------------------

function self(a: PyValue[]): PyDecimal {
  const d = a[0];
  if (!(d instanceof PyDecimal)) throw pyError(TypeError, `descriptor requires a 'decimal.Decimal' object but received '${typeName(d ?? None)}'`);
  return d;
}

function operand(v: PyValue | undefined): PyDecimal | null {
  if (v === undefined) return null;
  return toDecimal(v, false);
}

function roundingArg(v: PyValue | undefined): Rounding {
  if (v === undefined || v === None) return current.rounding;
  const r = str(v) as Rounding;
  if (!ROUNDINGS.includes(r)) throw pyError(TypeError, 'valid values for rounding are: [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]');
  return r;
}

function installDecimal(): void {
  const c = decimalClass;
  c.nativeNew = (_cls, args, kwargs) => {
    const v = args[0] ?? kwargs.get('value') ?? '0';
    if (v instanceof PyDecimal) return v;
    const u = unbox(v);
    if (typeof u === 'string') return decimalFromString(u);
    if (typeof u === 'bigint' || typeof u === 'boolean') return decimalFromInt(typeof u === 'boolean' ? (u ? 1n : 0n) : u);
    if (typeof u === 'number') return decimalFromFloat(u);
    if (v instanceof PyTuple) {
      const [sign, dig, exp] = v.items;
      const ds = (dig instanceof PyTuple ? dig.items : []).map((x) => String(unbox(x))).join('');
      const e = unbox(exp ?? 0n);
      if (typeof e === 'string') return new PyDecimal(truthy(sign ?? 0n), 0n, 0, e === 'F' ? 'inf' : e === 'n' ? 'nan' : 'snan');
      return new PyDecimal(truthy(sign ?? 0n), BigInt(ds || '0'), Number(e));
    }
    throw pyError(TypeError, `conversion from ${typeName(v)} to Decimal is not supported`);
  };
  const bin = (name: string, f: (x: PyDecimal, y: PyDecimal) => PyValue, reflected = false) =>
    method(c, name, (a) => {
      const x = self(a);
      const y = operand(a[1]);
      if (!y) return NotImplemented;
      return reflected ? f(y, x) : f(x, y);
    });
  bin('__add__', (x, y) => addDec(x, y));
  bin('__radd__', (x, y) => addDec(x, y), true);
  bin('__sub__', (x, y) => addDec(x, y, current, true));
  bin('__rsub__', (x, y) => addDec(x, y, current, true), true);
  bin('__mul__', (x, y) => mulDec(x, y));
  bin('__rmul__', (x, y) => mulDec(x, y), true);
  bin('__truediv__', (x, y) => divDec(x, y));
  bin('__rtruediv__', (x, y) => divDec(x, y), true);
  bin('__floordiv__', (x, y) => divIntDec(x, y)[0]);
  bin('__rfloordiv__', (x, y) => divIntDec(x, y)[0], true);
  bin('__mod__', (x, y) => divIntDec(x, y)[1]);
  bin('__rmod__', (x, y) => divIntDec(x, y)[1], true);
  bin('__divmod__', (x, y) => new PyTuple(divIntDec(x, y)));
  bin('__pow__', (x, y) => powDec(x, y));
  bin('__rpow__', (x, y) => powDec(x, y), true);
  const cmp = (name: string, test: (r: number) => boolean) =>
    method(c, name, (a) => {
      const x = self(a);
      const y = a[1] !== undefined ? toDecimal(a[1], true) : null;
      if (!y) return NotImplemented;
      if (x.isNaN || y.isNaN) {
        if (name === '__eq__') return false;
        if (name === '__ne__') return true;
        throw signal(InvalidOperation);
      }
      return test(compareDec(x, y));
    });
  cmp('__lt__', (r) => r < 0);
  cmp('__le__', (r) => r <= 0);
  cmp('__gt__', (r) => r > 0);
  cmp('__ge__', (r) => r >= 0);
  cmp('__eq__', (r) => r === 0);
  cmp('__ne__', (r) => r !== 0);
  method(c, '__neg__', (a) => {
    const x = self(a);
    if (x.isNaN) return x;
    if (!x.isFinite) return new PyDecimal(!x.sign, 0n, 0, x.special);
    return finish(x.isZero ? false : !x.sign, x.coef, x.exp, current);
  });
  method(c, '__pos__', (a) => {
    const x = self(a);
    if (!x.isFinite) return x;
    return finish(x.isZero ? false : x.sign, x.coef, x.exp, current);
  });
  method(c, '__abs__', (a) => {
    const x = self(a);
    if (x.isNaN) return x;
    return x.isFinite ? finish(false, x.coef, x.exp, current) : new PyDecimal(false, 0n, 0, x.special);
  });
  method(c, '__int__', (a) => decimalToBigInt(self(a)));
  method(c, '__trunc__', (a) => decimalToBigInt(self(a)));
  method(c, '__float__', (a) => {
    const x = self(a);
    if (x.special === 'snan') throw pyError(ValueError, 'cannot convert signaling NaN to float');
    return decimalToNumber(x);
  });
  method(c, '__floor__', (a) => decimalToBigInt(toIntegral(self(a), 'ROUND_FLOOR')));
  method(c, '__ceil__', (a) => decimalToBigInt(toIntegral(self(a), 'ROUND_CEILING')));
  method(c, '__round__', (a) => {
    const x = self(a);
    if (a[1] === undefined || a[1] === None) return decimalToBigInt(toIntegral(x, 'ROUND_HALF_EVEN'));
    const n = asInt(unbox(a[1]));
    if (n === undefined) throw pyError(TypeError, 'optional arg must be an integer');
    return quantizeDec(x, new PyDecimal(false, 1n, -Number(n)), 'ROUND_HALF_EVEN');
  });
  method(c, '__bool__', (a) => !self(a).isZero);
  method(c, '__format__', (a) => formatDecimal(self(a), str(a[1] ?? '')));
  method(c, '__repr__', (a) => self(a).nativeRepr());
  method(c, '__str__', (a) => self(a).toSciString());
  method(c, '__hash__', (a) => {
    // equal numbers hash alike: hash(Decimal(1)) == hash(1)
    const k = self(a).nativeHashKey();
    if (k.startsWith('i:')) {
      const v = BigInt(k.slice(2));
      return v === -1n ? -2n : v;
    }
    let h = 0;
    for (let i = 0; i < k.length; i++) h = (Math.imul(h, 1000003) ^ k.charCodeAt(i)) | 0;
    return BigInt(h);
  });
  method(c, '__reduce__', (a) => new PyTuple([decimalClass, new PyTuple([self(a).toSciString()])]));
  method(c, '__copy__', (a) => self(a));
  method(c, '__deepcopy__', (a) => self(a));
  method(c, 'quantize', (a, kw) => {
    const x = self(a);
    const e = operand(a[1] ?? kw.get('exp'));
    if (!e) throw pyError(TypeError, 'conversion from ' + typeName(a[1] ?? None) + ' to Decimal is not supported');
    return quantizeDec(x, e, roundingArg(a[2] ?? kw.get('rounding')));
  });
  method(c, 'normalize', (a) => {
    const x = self(a);
    return normalized(finish(x.sign, x.coef, x.exp, current));
  });
  method(c, 'to_integral_value', (a, kw) => toIntegral(self(a), roundingArg(a[1] ?? kw.get('rounding'))));
  method(c, 'to_integral', (a, kw) => toIntegral(self(a), roundingArg(a[1] ?? kw.get('rounding'))));
  method(c, 'to_integral_exact', (a, kw) => toIntegral(self(a), roundingArg(a[1] ?? kw.get('rounding'))));
  method(c, 'as_tuple', (a) => {
    const x = self(a);
    const dig = x.special === 'inf' ? [0n] : x.coef === 0n && x.isNaN ? [] : Array.from(x.coef.toString(), (ch) => BigInt(ch));
    const exp: PyValue = x.special === 'inf' ? 'F' : x.special === 'nan' ? 'n' : x.special === 'snan' ? 'N' : BigInt(x.exp);
    decimalTupleClass ??= namedTupleClass('DecimalTuple', ['sign', 'digits', 'exponent'], 'decimal');
    return call(decimalTupleClass, [x.sign ? 1n : 0n, new PyTuple(dig), exp]);
  });
  method(c, 'as_integer_ratio', (a) => {
    const x = self(a);
    if (!x.isFinite) throw pyError(x.isNaN ? ValueError : OverflowError, `cannot convert ${x.isNaN ? 'NaN' : 'Infinity'} to integer ratio`);
    let num = x.coef;
    let den = 1n;
    if (x.exp >= 0) num *= pow10(x.exp);
    else den = pow10(-x.exp);
    const gcd = (p: bigint, q: bigint): bigint => (q === 0n ? p : gcd(q, p % q));
    const g = gcd(num, den) || 1n;
    return new PyTuple([x.sign ? -num / g : num / g, den / g]);
  });
  method(c, 'adjusted', (a) => BigInt(self(a).isFinite ? self(a).adjusted : 0));
  method(c, 'is_nan', (a) => self(a).isNaN);
  method(c, 'is_qnan', (a) => self(a).special === 'nan');
  method(c, 'is_snan', (a) => self(a).special === 'snan');
  method(c, 'is_infinite', (a) => self(a).special === 'inf');
  method(c, 'is_finite', (a) => self(a).isFinite);
  method(c, 'is_zero', (a) => self(a).isZero);
  method(c, 'is_signed', (a) => self(a).sign);
  method(c, 'is_normal', (a) => self(a).isFinite && !self(a).isZero);
  method(c, 'copy_abs', (a) => {
    const x = self(a);
    return new PyDecimal(false, x.coef, x.exp, x.special);
  });
  method(c, 'copy_negate', (a) => {
    const x = self(a);
    return new PyDecimal(!x.sign, x.coef, x.exp, x.special);
  });
  method(c, 'copy_sign', (a) => {
    const x = self(a);
    const y = operand(a[1]);
    return new PyDecimal(y ? y.sign : x.sign, x.coef, x.exp, x.special);
  });
  method(c, 'compare', (a) => {
    const x = self(a);
    const y = operand(a[1]);
    if (!y) throw pyError(TypeError, 'conversion to Decimal is not supported');
    if (x.isNaN || y.isNaN) return new PyDecimal(false, 0n, 0, 'nan');
    return decimalFromInt(BigInt(compareDec(x, y)));
  });
  method(c, 'max', (a) => {
    const x = self(a);
    const y = operand(a[1])!;
    return compareDec(x, y) >= 0 ? x : y;
  });
  method(c, 'min', (a) => {
    const x = self(a);
    const y = operand(a[1])!;
    return compareDec(x, y) <= 0 ? x : y;
  });
  method(c, 'sqrt', (a) => {
    const x = self(a);
    if (x.sign && !x.isZero) throw signal(InvalidOperation);
    if (!x.isFinite) return x;
    // integer square root on a scaled coefficient
    const prec = current.prec;
    let e = x.exp;
    let coef = x.coef;
    if (e % 2 !== 0) {
      coef *= 10n;
      e -= 1;
    }
    const extra = 2 * (prec + 2);
    coef *= pow10(extra);
    e -= extra;
    let r = BigInt(Math.floor(Math.sqrt(Number(coef))));
    if (r === 0n) r = 1n;
    for (;;) {
      const n = (r + coef / r) / 2n;
      if (n >= r - 1n && n <= r + 1n) {
        r = n;
        break;
      }
      r = n;
    }
    while (r * r > coef) r -= 1n;
    while ((r + 1n) * (r + 1n) <= coef) r += 1n;
    const exact = r * r === coef;
    let res = finish(false, r * 10n + (exact ? 0n : 1n), e / 2 - 1, current);
    if (exact) res = normalized(res);
    return res;
  });
  method(c, 'to_eng_string', (a) => self(a).toEngString());
  method(c, 'conjugate', (a) => self(a));
  getter(c, 'real', (d) => d);
  getter(c, 'imag', () => new PyDecimal(false, 0n, 0));
  classMethod(c, 'from_float', (a) => {
    const f = unbox(a[1] ?? 0);
    if (typeof f === 'bigint') return decimalFromInt(f);
    if (typeof f !== 'number') throw pyError(TypeError, 'argument must be int or float');
    return decimalFromFloat(f);
  });
}

let installed = false;

export function makeDecimalModule(): PyModule {
  if (!installed) {
    installed = true;
    installDecimal();
  }
  const m = new PyModule('decimal');
  const d = m.dict;
  d.set('__doc__', 'Decimal fixed point and floating point arithmetic.');
  d.set('Decimal', decimalClass);
  d.set('Context', contextClass);
  d.set('DecimalException', DecimalException);
  d.set('InvalidOperation', InvalidOperation);
  d.set('DivisionByZero', DivisionByZeroDec);
  d.set('Inexact', InexactDec);
  d.set('Rounded', RoundedDec);
  d.set('Overflow', OverflowDec);
  d.set('FloatOperation', FloatOperation);
  for (const r of ROUNDINGS) d.set(r, r);
  d.set('MAX_PREC', 999999999999999999n);
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => d.set(name, new NativeFunctionCtor(name, impl, { module: 'decimal' }));
  f('getcontext', () => current);
  f('setcontext', (a) => {
    if (a[0] instanceof DecimalContext) current = a[0];
    return None;
  });
  f('localcontext', (a, k) => {
    const base = a[0] instanceof DecimalContext ? a[0] : current;
    const ctx = new DecimalContext(base.prec, base.rounding, base.Emax, base.Emin);
    const prec = k.get('prec');
    if (prec !== undefined) ctx.prec = Number(asInt(unbox(prec)) ?? 28n);
    const rounding = k.get('rounding');
    if (rounding !== undefined) ctx.rounding = roundingArg(rounding);
    return ctx;
  });
  contextClass.nativeNew = (_cls, args, kwargs) => {
    const prec = args[0] ?? kwargs.get('prec');
    const rounding = args[1] ?? kwargs.get('rounding');
    const ctx = new DecimalContext();
    if (prec !== undefined && prec !== None) ctx.prec = Number(asInt(unbox(prec)) ?? 28n);
    if (rounding !== undefined && rounding !== None) ctx.rounding = roundingArg(rounding);
    return ctx;
  };
  d.set('DefaultContext', new DecimalContext());
  d.set('BasicContext', new DecimalContext(9, 'ROUND_HALF_UP'));
  d.set('ExtendedContext', new DecimalContext(9, 'ROUND_HALF_EVEN'));
  return m;
}

import { NativeFunction as NativeFunctionCtor, call } from '../objects.ts';
import { namedTupleClass } from './collections.ts';

let decimalTupleClass: PyClass | null = null;

decimalClass.tpName = 'decimal.Decimal';
contextClass.tpName = 'decimal.Context';
