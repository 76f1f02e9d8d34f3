/**
 * Python values on their way into schema SQL: the parts of Django's `Field.get_prep_value`,
 * `get_db_prep_value` and `get_db_prep_save` that decide what a default or a lookup value looks
 * like once psycopg2 has adapted it (`0`, `'en'`, `'…'::uuid`, `'{}'::jsonb`, `0.10000`).
 *
 * Values this module cannot convert (datetime, Decimal, UUID objects of the Python stdlib) are
 * passed through: they adapt themselves through `nativeSqlLiteral`.
 */
import {
  NO_KWARGS,
  PyBytes,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  OverflowError,
  PyException,
  TypeError,
  ValueError,
  call,
  floatRepr,
  objectClass,
  pyError,
  repr,
  str,
  typeOf,
} from '../../python/objects.ts';
import type { Field } from '../../state/fields/field.ts';
import { ForeignKey } from '../../state/fields/related.ts';
import { DecimalField } from '../../state/fields/scalar.ts';
import { internalType, targetField } from './data-types.ts';
import { PyDatetime, makeDate } from '../../python/stdlib/datetime.ts';

const sqlLiteralClass = new PyClass('SqlLiteral', { module: 'django.db.backends.postgresql', bases: [objectClass] });

/**
 * A value that adapts to a fixed SQL literal, standing in for objects psycopg2 adapts (Jsonb,
 * Decimal, UUID, Inet, datetime) when the Python stdlib type is not available.
 */
export class SqlLiteral extends PyObject {
  constructor(
    readonly sql: string,
    /** The Python repr shown if the value is ever printed. */
    readonly display: string = sql,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return sqlLiteralClass;
  }
  override nativeSqlLiteral(): string {
    return this.sql;
  }
  override nativeRepr(): string {
    return this.display;
  }
  override nativeEq(other: PyValue): boolean {
    return other instanceof SqlLiteral && other.sql === this.sql;
  }
  override nativeHashKey(): string {
    return `sql:${this.sql}`;
  }
}

/** psycopg2's QuotedString for a str (standard_conforming_strings on). */
export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Python's `callable(v)`. */
export function isCallable(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  if (v instanceof PyClass) return true;
  if (v.nativeCall !== undefined) return true;
  return typeOf(v).lookup('__call__') !== undefined;
}

/** `json.dumps(value)` with the default separators and ensure_ascii. */
export function pyJsonDumps(value: PyValue): string {
  if (value === None) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      return floatRepr(value);
    case 'string':
      return jsonString(value);
  }
  if (value instanceof PyList || value instanceof PyTuple) return `[${value.items.map(pyJsonDumps).join(', ')}]`;
  if (value instanceof PyDict) {
    return `{${value
      .items()
      .map(([k, v]) => `${jsonString(jsonKey(k))}: ${pyJsonDumps(v)}`)
      .join(', ')}}`;
  }
  throw pyError(TypeError, `Object of type ${typeOf(value).name} is not JSON serializable`);
}

function jsonKey(k: PyValue): string {
  if (typeof k === 'string') return k;
  if (k === None) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number') return floatRepr(k);
  throw pyError(TypeError, `keys must be str, int, float, bool or None, not ${typeOf(k).name}`);
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) {
      if (c > 0xffff) {
        const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
        const lo = ((c - 0x10000) % 0x400) + 0xdc00;
        out += `\\u${hi.toString(16).padStart(4, '0')}\\u${lo.toString(16).padStart(4, '0')}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** The psycopg2 adaptation of a Decimal given as its str(): negative numbers get a leading space. */
function decimalLiteral(text: string): SqlLiteral {
  if (text === 'NaN' || text === 'sNaN' || text === '-NaN') return new SqlLiteral("'NaN'::numeric", `Decimal('${text}')`);
  if (/Infinity/.test(text)) return new SqlLiteral(`'${text}'::numeric`, `Decimal('${text}')`);
  return new SqlLiteral(text.startsWith('-') ? ` ${text}` : text, `Decimal('${text}')`);
}

/** str() of `Context(prec).create_decimal_from_float(x)`. */
function decimalFromFloat(x: number, prec: number | null): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (prec === null) {
    // Exact value of the binary float, as Decimal(x) gives it.
    return exactFloatDecimal(x);
  }
  const exact = exactFloatDecimal(x);
  const digits = significantDigits(exact);
  if (digits <= prec) return exact;
  // Round half-even to `prec` significant digits (exact binary expansion, so ties are real ties).
  return roundDecimalString(exact, prec);
}

/** The exact decimal expansion of a double, in Decimal's str() form. */
function exactFloatDecimal(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  let v = Math.abs(x);
  // Decompose v = m * 2^e with integer m.
  let e = 0;
  while (!Number.isInteger(v)) {
    v *= 2;
    e -= 1;
  }
  let m = BigInt(v);
  let digits: string;
  let exp: number;
  if (e >= 0) {
    digits = (m * 2n ** BigInt(e)).toString();
    exp = 0;
  } else {
    // m / 2^-e = m * 5^-e / 10^-e
    m = m * 5n ** BigInt(-e);
    digits = m.toString();
    exp = e;
  }
  return formatDecimal(neg, digits, exp);
}

/** Decimal.__str__ for sign, coefficient digits and exponent. */
function formatDecimal(neg: boolean, coeff: string, exp: number): string {
  const sign = neg ? '-' : '';
  const leftdigits = exp + coeff.length;
  let intpart: string;
  let fracpart: string;
  let dotplace: number;
  if (exp <= 0 && leftdigits > -6) dotplace = leftdigits;
  else dotplace = 1;
  if (dotplace <= 0) {
    intpart = '0';
    fracpart = '.' + '0'.repeat(-dotplace) + coeff;
  } else if (dotplace >= coeff.length) {
    intpart = coeff + '0'.repeat(dotplace - coeff.length);
    fracpart = '';
  } else {
    intpart = coeff.slice(0, dotplace);
    fracpart = '.' + coeff.slice(dotplace);
  }
  let expPart = '';
  if (leftdigits !== dotplace) {
    const n = leftdigits - dotplace;
    expPart = `E${n >= 0 ? '+' : ''}${n}`;
  }
  return sign + intpart + fracpart + expPart;
}

function parseDecimal(text: string): { neg: boolean; coeff: string; exp: number } {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  let coeff = (int + frac).replace(/^0+(?=\d)/, '');
  if (coeff === '') coeff = '0';
  return { neg: m[1] === '-', coeff, exp: parseInt(m[4] ?? '0', 10) - frac.length };
}

function significantDigits(text: string): number {
  return parseDecimal(text).coeff.length;
}

function roundDecimalString(text: string, prec: number): string {
  const { neg, coeff, exp } = parseDecimal(text);
  const drop = coeff.length - prec;
  let kept = BigInt(coeff.slice(0, prec));
  const rest = coeff.slice(prec);
  const half = '5' + '0'.repeat(rest.length - 1);
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  let digits = kept.toString();
  let newExp = exp + drop;
  if (digits.length > prec) {
    digits = digits.slice(0, prec);
    newExp += 1;
  }
  return formatDecimal(neg, digits, newExp);
}

function uuidLiteral(value: string): SqlLiteral {
  let hex = value.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw pyError(ValueError, 'badly formed hexadecimal UUID string');
  hex = hex.toLowerCase();
  const s = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return new SqlLiteral(`'${s}'::uuid`, `UUID('${s}')`);
}

/**
 * `raise e.__class__("Field '…' expected … but got …") from e`: get_prep_value re-raises the
 * error of its int()/float() conversion (`cause`, when there is one) with the field's name.
 */
function validationError(field: Field, value: PyValue, expected: string, cause?: PyException): never {
  const err = pyError(cause?.value.cls ?? ValueError, `Field '${field.name}' expected ${expected} but got ${repr(value)}.`);
  if (cause) {
    cause.traceback = [{ file: 'django/db/models/fields/__init__.py', line: 2128, name: 'get_prep_value', source: 'return int(value)' }];
    err.cause = cause;
    err.context = cause;
    err.suppressContext = true;
  }
  throw err;
}

/** `int(value)` as IntegerField.get_prep_value does it. */
function toInt(field: Field, value: PyValue): PyValue {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      const cause = Number.isNaN(value)
        ? pyError(ValueError, 'cannot convert float NaN to integer')
        : pyError(OverflowError, 'cannot convert float infinity to integer');
      validationError(field, value, 'a number', cause);
    }
    return BigInt(Math.trunc(value));
  }
  if (typeof value === 'string') {
    const t = value.trim().replace(/_/g, '');
    if (!/^[+-]?\d+$/.test(t)) validationError(field, value, 'a number', pyError(ValueError, `invalid literal for int() with base 10: ${repr(value)}`));
    return BigInt(t);
  }
  return value;
}

function toFloat(field: Field, value: PyValue): PyValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const n = Number(value.trim());
    if (value.trim() === '' || Number.isNaN(n)) validationError(field, value, 'a number', pyError(ValueError, `could not convert string to float: ${repr(value)}`));
    return n;
  }
  return value;
}

function toBool(field: Field, value: PyValue): PyValue {
  if (value === None) return None;
  if (value === true || value === 1n || value === 1 || value === 't' || value === 'True' || value === '1') return true;
  if (value === false || value === 0n || value === 0 || value === 'f' || value === 'False' || value === '0') return false;
  throw pyError(ValueError, `“${str(value)}” value must be either True or False.`);
}

function toDecimal(field: Field, value: PyValue): PyValue {
  const maxDigits = field instanceof DecimalField && typeof field.maxDigits === 'bigint' ? Number(field.maxDigits) : null;
  if (typeof value === 'bigint') return decimalLiteral(value.toString());
  if (typeof value === 'boolean') return decimalLiteral(value ? '1' : '0');
  if (typeof value === 'number') return decimalLiteral(decimalFromFloat(value, maxDigits));
  if (typeof value === 'string') {
    const t = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
      throw pyError(ValueError, `“${value}” value must be a decimal number.`);
    }
    const p = parseDecimal(t.replace(/^\+/, ''));
    return decimalLiteral(formatDecimal(p.neg, p.coeff, p.exp));
  }
  return value;
}

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

/** Python's `time.isoformat()` part: `HH:MM:SS[.ffffff]`. */
function isoTime(h: string, m: string, sec = '0', micro = ''): string {
  const us = micro ? Number(micro.padEnd(6, '0')) : 0;
  return `${pad(h)}:${pad(m)}:${pad(sec)}${us ? `.${pad(us, 6)}` : ''}`;
}

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME_RE = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?$/;
const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** DateField.to_python for a string (parse_date): a `'YYYY-MM-DD'::date` literal. */
function dateFromString(field: Field, value: string): PyValue {
  const m = DATE_RE.exec(value.trim());
  if (!m) throw pyError(ValueError, `“${value}” value has an invalid date format. It must be in YYYY-MM-DD format.`);
  const text = `${pad(m[1]!, 4)}-${pad(m[2]!)}-${pad(m[3]!)}`;
  void field;
  return new SqlLiteral(`'${text}'::date`, `datetime.date(${Number(m[1])}, ${Number(m[2])}, ${Number(m[3])})`);
}

/** TimeField.to_python for a string (parse_time): `'HH:MM:SS[.ffffff]'::time`. */
function timeFromString(value: string): PyValue {
  const m = TIME_RE.exec(value.trim());
  if (!m) throw pyError(ValueError, `“${value}” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.`);
  return new SqlLiteral(`'${isoTime(m[1]!, m[2]!, m[3] ?? '0', m[4] ?? '')}'::time`);
}

/**
 * DateTimeField.to_python + get_prep_value for a string: parse_datetime (or a date at
 * midnight); a naive value is made aware in the default time zone (UTC) when USE_TZ.
 */
function datetimeFromString(value: string, useTz: boolean): PyValue {
  const v = value.trim();
  let m = DATETIME_RE.exec(v);
  let parts: string[];
  if (m) parts = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? '0', m[7] ?? '', m[8] ?? ''];
  else {
    m = DATE_RE.exec(v);
    if (!m) throw pyError(ValueError, `“${value}” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.`);
    parts = [m[1]!, m[2]!, m[3]!, '0', '0', '0', '', ''];
  }
  const [y, mo, d, h, mi, sec, micro, tz] = parts as [string, string, string, string, string, string, string, string];
  let offset = '';
  if (tz === 'Z') offset = '+00:00';
  else if (tz) offset = tz.length === 3 ? `${tz}:00` : tz.includes(':') ? tz : `${tz.slice(0, 3)}:${tz.slice(3)}`;
  else if (useTz) offset = '+00:00';
  const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${isoTime(h, mi, sec, micro)}${offset}`;
  return new SqlLiteral(`'${text}'::${offset ? 'timestamptz' : 'timestamp'}`);
}

/** The field whose preparation applies to a value (a ForeignKey's target field). */
function valueField(field: Field): Field {
  let f = field;
  const seen = new Set<Field>();
  while (f instanceof ForeignKey && !seen.has(f)) {
    seen.add(f);
    f = targetField(f);
  }
  return f;
}

/**
 * DateField.to_python for a datetime: its date, an aware one first converted to the default time
 * zone (settings.TIME_ZONE) when USE_TZ is on.
 */
function dateOfDatetime(value: PyDatetime, useTz: boolean, timeZone: string): PyValue {
  if (!useTz || !value.aware) return makeDate(value.year, value.month, value.day);
  const epochMs = Number(value.utcUs / 1000n) - UNIX_EPOCH_MS_FROM_YEAR_1;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(epochMs));
  const part = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return makeDate(part('year'), part('month'), part('day'));
}
/** Milliseconds from 0001-01-01T00:00 to 1970-01-01T00:00 (proleptic Gregorian). */
const UNIX_EPOCH_MS_FROM_YEAR_1 = 719162 * 86_400_000;

/** `field.get_prep_value(value)` (USE_TZ decides how naive datetime strings are read, TIME_ZONE which date an aware datetime is on). */
export function getPrepValue(field: Field, value: PyValue, useTz = true, timeZone = 'UTC'): PyValue {
  if (value === None) return None;
  const f = valueField(field);
  switch (internalType(f)) {
    case 'DateField':
      if (value instanceof PyDatetime) return dateOfDatetime(value, useTz, timeZone);
      return typeof value === 'string' ? dateFromString(f, value) : value;
    case 'DateTimeField':
      return typeof value === 'string' ? datetimeFromString(value, useTz) : value;
    case 'TimeField':
      return typeof value === 'string' ? timeFromString(value) : value;
    case 'AutoField':
    case 'BigAutoField':
    case 'SmallAutoField':
    case 'IntegerField':
    case 'BigIntegerField':
    case 'SmallIntegerField':
    case 'PositiveIntegerField':
    case 'PositiveBigIntegerField':
    case 'PositiveSmallIntegerField':
      return toInt(f, value);
    case 'FloatField':
      return toFloat(f, value);
    case 'DecimalField':
      return toDecimal(f, value);
    case 'BooleanField':
      return toBool(f, value);
    case 'CharField':
    case 'SlugField':
    case 'TextField':
    case 'FileField':
    case 'FilePathField':
      return typeof value === 'string' ? value : str(value);
    case 'UUIDField':
      if (typeof value === 'string') return uuidLiteral(value);
      if (typeof value === 'bigint') return uuidLiteral(value.toString(16).padStart(32, '0'));
      return value;
  }
  return value;
}

/** `field.get_db_prep_value(value, connection, prepared)` on PostgreSQL. */
export function getDbPrepValue(field: Field, value: PyValue, prepared = false, useTz = true, timeZone = 'UTC'): PyValue {
  const f = valueField(field);
  const v = prepared ? value : getPrepValue(f, value, useTz, timeZone);
  if (v === None) return None;
  switch (internalType(f)) {
    case 'JSONField':
      if (v instanceof SqlLiteral) return v;
      return new SqlLiteral(`${quoteString(pyJsonDumps(v))}::jsonb`, repr(v));
    case 'GenericIPAddressField':
    case 'IPAddressField':
      if (typeof v === 'string') return v === '' ? None : new SqlLiteral(`${quoteString(v)}::inet`, `Inet(${repr(v)})`);
      return v;
    case 'BinaryField':
      if (typeof v === 'string') return new PyBytes(new TextEncoder().encode(v));
      return v;
  }
  return v;
}

/** `field.get_db_prep_save(value, connection)`. */
export function getDbPrepSave(field: Field, value: PyValue, useTz = true, timeZone = 'UTC'): PyValue {
  if (field instanceof ForeignKey) {
    const target = valueField(field);
    if (value === None || (value === '' && !target.emptyStringsAllowed)) return None;
    return getDbPrepSave(target, value, useTz, timeZone);
  }
  return getDbPrepValue(field, value, false, useTz, timeZone);
}

/** `field.get_default()` (callables are called). */
export function getDefault(field: Field): PyValue {
  const d = field.default;
  return isCallable(d) ? call(d, [], NO_KWARGS) : d;
}
