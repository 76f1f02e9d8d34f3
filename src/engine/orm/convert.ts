/**
 * Values between PostgreSQL and Python: what psycopg2 (plus Django's converters) hands back for a
 * column's text output (`numeric` → Decimal, `timestamptz` → an aware datetime, `t` → True …), and
 * what Django sends for a model value (`get_db_prep_save`, `pre_save`, defaults).
 */
import {
  None,
  PyBytes,
  PyException,
  type PyValue,
  ValueError,
  call,
  exceptionMessage,
  getattr,
} from '../python/objects.ts';
import { ValidationError } from '../django/exceptions.ts';
import { decimalFromString } from '../python/stdlib/decimal.ts';
import { PyDate, PyTime, PyTimedelta, UTC, makeTimezone, PyDatetime } from '../python/stdlib/datetime.ts';
import { uuidFromHex } from '../python/stdlib/uuid.ts';
import { makeValidationError } from '../django/validation-error.ts';
import { zoneInfo } from '../python/stdlib/zoneinfo.ts';
import { jsonLoads } from '../python/stdlib/json.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey } from '../state/fields/related.ts';
import { internalType, targetField } from '../db/postgres/data-types.ts';
import { getDbPrepSave, getDefault } from '../db/postgres/values.ts';
import { emitWarning, ormInterpreter, ormSettings } from './runtime.ts';

/** The field whose Python type a column holds (a ForeignKey's target field, recursively). */
export function valueField(field: Field): Field {
  let f = field;
  const seen = new Set<Field>();
  while (f instanceof ForeignKey && !seen.has(f)) {
    seen.add(f);
    f = targetField(f);
  }
  return f;
}

/** The kinds of Python values a column can produce. */
export type ValueKind =
  | 'int'
  | 'float'
  | 'decimal'
  | 'str'
  | 'bool'
  | 'datetime'
  | 'date'
  | 'time'
  | 'duration'
  | 'uuid'
  | 'json'
  | 'bytes'
  /** A timestamp without time zone in the current time zone (Trunc to a DateTimeField): aware in that zone when USE_TZ. */
  | 'datetime_local'
  | 'raw';

/** The kind of value an internal field type holds. */
export function kindOfInternalType(t: string): ValueKind {
  if (t.endsWith('IntegerField') || t.endsWith('AutoField')) return 'int';
  switch (t) {
    case 'FloatField':
      return 'float';
    case 'DecimalField':
      return 'decimal';
    case 'BooleanField':
    case 'NullBooleanField':
      return 'bool';
    case 'DateTimeField':
      return 'datetime';
    case 'DateField':
      return 'date';
    case 'TimeField':
      return 'time';
    case 'DurationField':
      return 'duration';
    case 'UUIDField':
      return 'uuid';
    case 'JSONField':
      return 'json';
    case 'BinaryField':
      return 'bytes';
  }
  return 'str';
}

export function kindOfField(field: Field): ValueKind {
  return kindOfInternalType(internalType(valueField(field)));
}

/** A kind from a PostgreSQL type oid (for raw cursors and expressions without an output field). */
export function kindOfOid(oid: number): ValueKind {
  switch (oid) {
    case 20:
    case 21:
    case 23:
    case 26:
      return 'int';
    case 700:
    case 701:
      return 'float';
    case 1700:
      return 'decimal';
    case 16:
      return 'bool';
    case 1184:
    case 1114:
      return 'datetime';
    case 1082:
      return 'date';
    case 1083:
      return 'time';
    case 1186:
      return 'duration';
    case 2950:
      return 'uuid';
    case 114:
    case 3802:
      return 'json';
    case 17:
      return 'bytes';
  }
  return 'str';
}

const DT_RE = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;
const DATE_RE = /^(\d{4,})-(\d{2})-(\d{2})$/;
const DATE_PREFIX_RE = /^(\d{4,})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}/;
const TIME_RE = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

function micro(s: string | undefined): number {
  return s ? Number(s.padEnd(6, '0')) : 0;
}

/** A timestamp's text as a datetime; one without an offset gets `zone` (naive by default). */
function parseDatetime(text: string, zone: PyValue = None): PyValue {
  const m = DT_RE.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, us, sign, oh, om, os] = m;
  let tz: PyValue = sign ? None : zone;
  if (sign && ormSettings().useTz) {
    const secs = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * (sign === '-' ? -1 : 1);
    tz = secs === 0 ? UTC : makeTimezone(new PyTimedelta(BigInt(secs) * 1_000_000n));
  }
  return new PyDatetime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), micro(us), tz);
}

/** PostgreSQL's default interval output (`3 days 04:05:06.5`, `-00:00:01`). */
function parseInterval(text: string): PyValue {
  let total = 0n;
  const dayM = /(-?\d+) days?/.exec(text);
  if (dayM) total += BigInt(dayM[1]!) * 86_400_000_000n;
  const timeM = /(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (timeM) {
    let us = (BigInt(timeM[2]!) * 3600n + BigInt(timeM[3]!) * 60n + BigInt(timeM[4]!)) * 1_000_000n + BigInt(micro(timeM[5]));
    if (timeM[1]) us = -us;
    total += us;
  }
  return new PyTimedelta(total);
}

function parseBytea(text: string): PyValue {
  if (text.startsWith('\\x')) {
    const hex = text.slice(2);
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return new PyBytes(out);
  }
  return new PyBytes(new TextEncoder().encode(text));
}

/** A column's text output as the Python value Django hands out. */
export function fromDb(text: string | null, kind: ValueKind): PyValue {
  if (text === null) return None;
  switch (kind) {
    case 'int':
      return BigInt(text);
    case 'float':
      if (text === 'NaN') return NaN;
      if (text === 'Infinity') return Infinity;
      if (text === '-Infinity') return -Infinity;
      return Number(text);
    case 'decimal':
      return decimalFromString(text);
    case 'bool':
      return text === 't' || text === 'true';
    case 'datetime':
      return parseDatetime(text);
    case 'datetime_local':
      return parseDatetime(text, ormSettings().useTz ? zoneInfo('UTC') : None); // the sandbox's current time zone is UTC (Query.timeZone)
    case 'date': {
      // a timestamp read as a date (DATE_TRUNC of a date column) is its date, like TruncBase.convert_value
      const m = DATE_RE.exec(text) ?? DATE_PREFIX_RE.exec(text);
      return m ? new PyDate(Number(m[1]), Number(m[2]), Number(m[3])) : text;
    }
    case 'time': {
      const m = TIME_RE.exec(text);
      return m ? new PyTime(Number(m[1]), Number(m[2]), Number(m[3]), micro(m[4])) : text;
    }
    case 'duration':
      return parseInterval(text);
    case 'uuid':
      return uuidFromHex(text);
    case 'json':
      return jsonLoads(text);
    case 'bytes':
      return parseBytea(text);
    case 'raw':
    case 'str':
      return text;
  }
}

/**
 * DateTimeField.to_python/get_prep_value with USE_TZ: a naive datetime (or a date, or a string
 * without an offset) is read in the default time zone, with a RuntimeWarning.
 */
export function warnNaiveDatetime(field: Field, value: PyValue): void {
  if (!ormSettings().useTz || internalType(field) !== 'DateTimeField') return;
  const name = `${field.model?.pyModel?.name ?? field.model?.objectName ?? '(unbound)'}.${field.name}`;
  const warn = (line: number, shown: string) =>
    emitWarning('db/models/fields/__init__.py', line, 'RuntimeWarning', `DateTimeField ${name} received a naive datetime (${shown}) while time zone support is active.`);
  if (value instanceof PyDatetime) {
    if (value.tzinfo === None) warn(1671, value.nativeStr());
    return;
  }
  if (value instanceof PyDate) {
    warn(1612, `${value.nativeStr()} 00:00:00`);
    return;
  }
  if (typeof value !== 'string') return;
  const v = value.trim();
  const m = DATETIME_FMT.exec(v);
  if (m) {
    if (m[7]) return;
    const frac = /[.,](\d{1,6})/.exec(v.slice(v.search(/[T ]/)));
    const us = frac ? `.${frac[1]!.padEnd(6, '0')}` : '';
    const pad = (x: string | undefined) => String(Number(x ?? 0)).padStart(2, '0');
    warn(1671, `${m[1]}-${pad(m[2])}-${pad(m[3])} ${pad(m[4])}:${pad(m[5])}:${pad(m[6])}${us}`);
    return;
  }
  const d = DATE_ONLY.exec(v);
  if (d) warn(1671, `${d[1]}-${String(Number(d[2])).padStart(2, '0')}-${String(Number(d[3])).padStart(2, '0')} 00:00:00`);
}

/** `field.get_db_prep_save(value)` with the project's USE_TZ. */
export function prepSave(field: Field, value: PyValue): PyValue {
  return asValidationError(() => {
    checkTemporal(field, value);
    warnNaiveDatetime(valueField(field), value);
    return getDbPrepSave(field, value, ormSettings().useTz);
  });
}

/**
 * The conversion errors Django reports as `ValidationError(['“x” value …'])` (to_python of
 * decimals, dates, datetimes, times, booleans, UUIDs) come from values.ts as ValueErrors with
 * those texts: rethrow them as ValidationError.
 */
export function asValidationError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PyException && e.matches(ValueError) && !e.matches(ValidationError)) {
      const msg = exceptionMessage(e.value);
      if (msg.startsWith('“')) throw validationError(msg);
    }
    throw e;
  }
}

/** `ValidationError(message, code=…)` as the fields' to_python raise it. */
export function validationError(message: string, code: PyValue = None): PyException {
  return makeValidationError(message, code);
}

const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME_FMT = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d{1,6}\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** DateField/DateTimeField.to_python: a well-formed but impossible date is its own error. */
function checkTemporal(field: Field, value: PyValue): void {
  if (typeof value !== 'string') return;
  const t = internalType(valueField(field));
  const v = value.trim();
  if (t === 'UUIDField') {
    const hex = v.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/[{}-]/g, '');
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw validationError(`“${value}” is not a valid UUID.`);
  } else if (t === 'DateField') {
    const m = DATE_ONLY.exec(v);
    if (m && !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw validationError(`“${value}” value has the correct format (YYYY-MM-DD) but it is an invalid date.`);
    }
  } else if (t === 'DateTimeField') {
    const m = DATETIME_FMT.exec(v);
    if (m && (!validDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
      throw validationError(`“${value}” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.`);
    }
    const d = DATE_ONLY.exec(v);
    if (d && !validDate(Number(d[1]), Number(d[2]), Number(d[3]))) {
      throw validationError(`“${value}” value has the correct format (YYYY-MM-DD) but it is an invalid date.`);
    }
  }
}

/** `django.utils.timezone.now()` (the command's clock). */
export function timezoneNow(): PyValue {
  const interp = ormInterpreter();
  if (!interp) throw new Error('no interpreter for timezone.now()');
  const tz = interp.importModule('django.utils.timezone');
  return call(getattr(tz, 'now'));
}

/** `field.get_default()`: the default, called if callable; None or '' when there is none. */
export function fieldDefault(field: Field): PyValue {
  if (field.hasDefault()) return getDefault(field);
  if (!field.emptyStringsAllowed || field.isNull) return None;
  return '';
}
