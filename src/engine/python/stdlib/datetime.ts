/**
 * The `datetime` module: timedelta, date, time, datetime, tzinfo and timezone (fixed offsets),
 * with CPython's reprs, isoformat/strftime/strptime, arithmetic, comparisons, and psycopg2's SQL
 * literals (`'2026-01-02T03:04:05+00:00'::timestamptz`). "Now" comes from the interpreter's Env;
 * local time is UTC in the sandbox.
 */
import {
  type Kwargs,
  None,
  NotImplemented,
  OverflowError,
  PyClass,
  PyInstance,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  ZeroDivisionError,
  call,
  pyError,
  repr,
  str,
  strRepr,
  typeName,
  typeOf,
} from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { classMethod, getter, method, unbox } from '../types/core.ts';
import { asInt } from '../operators.ts';

const MINYEAR = 1;
const MAXYEAR = 9999;
const MAX_DELTA_DAYS = 999999999;
const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400_000_000n;

// ---------------------------------------------------------------------------------------------
// Calendar helpers (proleptic Gregorian, ordinal 1 = 0001-01-01)
// ---------------------------------------------------------------------------------------------

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]!;
}
function daysBeforeYear(y: number): number {
  const p = y - 1;
  return p * 365 + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400);
}
function daysBeforeMonth(y: number, m: number): number {
  return DAYS_BEFORE_MONTH[m]! + (m > 2 && isLeap(y) ? 1 : 0);
}
export function ymdToOrd(y: number, m: number, d: number): number {
  return daysBeforeYear(y) + daysBeforeMonth(y, m) + d;
}
export function ordToYmd(n: number): [number, number, number] {
  n -= 1;
  const n400 = Math.floor(n / 146097);
  n %= 146097;
  let year = n400 * 400 + 1;
  const n100 = Math.floor(n / 36524);
  n %= 36524;
  const n4 = Math.floor(n / 1461);
  n %= 1461;
  const n1 = Math.floor(n / 365);
  n %= 365;
  year += n100 * 100 + n4 * 4 + n1;
  if (n1 === 4 || n100 === 4) return [year - 1, 12, 31];
  const leap = n1 === 3 && (n4 !== 24 || n100 === 3);
  let month = (n + 50) >> 5;
  let preceding = DAYS_BEFORE_MONTH[month]! + (month > 2 && leap ? 1 : 0);
  if (preceding > n) {
    month -= 1;
    preceding -= DAYS_IN_MONTH[month]! + (month === 2 && leap ? 1 : 0);
  }
  return [year, month, n - preceding + 1];
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------------------------

export const timedeltaClass = new PyClass('timedelta', { module: 'datetime' });
export const dateClass = new PyClass('date', { module: 'datetime' });
export const tzinfoClass = new PyClass('tzinfo', { module: 'datetime' });
export const timezoneClass = new PyClass('timezone', { module: 'datetime', bases: [tzinfoClass] });
export const timeClass = new PyClass('time', { module: 'datetime' });
export const datetimeClass = new PyClass('datetime', { module: 'datetime', bases: [dateClass] });

export class PyTimedelta extends PyObject {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;
  constructor(totalUs: bigint, readonly cls: PyClass = timedeltaClass) {
    super();
    let days = totalUs / US_PER_DAY;
    let rem = totalUs % US_PER_DAY;
    if (rem < 0n) {
      rem += US_PER_DAY;
      days -= 1n;
    }
    if (days > BigInt(MAX_DELTA_DAYS) || days < -BigInt(MAX_DELTA_DAYS)) {
      throw pyError(OverflowError, `days=${days}; must have magnitude <= ${MAX_DELTA_DAYS}`);
    }
    this.days = Number(days);
    this.seconds = Number(rem / US_PER_SECOND);
    this.microseconds = Number(rem % US_PER_SECOND);
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  get totalUs(): bigint {
    return BigInt(this.days) * US_PER_DAY + BigInt(this.seconds) * US_PER_SECOND + BigInt(this.microseconds);
  }
  override nativeRepr(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds) parts.push(`microseconds=${this.microseconds}`);
    const name = this.cls === timedeltaClass ? 'datetime.timedelta' : this.cls.qualname;
    return `${name}(${parts.length ? parts.join(', ') : '0'})`;
  }
  override nativeStr(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor((this.seconds % 3600) / 60);
    const s = this.seconds % 60;
    let out = `${h}:${pad(m)}:${pad(s)}`;
    if (this.microseconds) out += '.' + pad(this.microseconds, 6);
    if (this.days) out = `${this.days} day${Math.abs(this.days) !== 1 ? 's' : ''}, ${out}`;
    return out;
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (other instanceof PyTimedelta) return this.totalUs === other.totalUs;
    return undefined;
  }
  override nativeHashKey(): string {
    return 'td:' + this.totalUs;
  }
  override nativeBool(): boolean {
    return this.totalUs !== 0n;
  }
  override nativeSqlLiteral(): string {
    return `'${this.days} days ${this.seconds}.${pad(this.microseconds, 6)} seconds'::interval`;
  }
}

export class PyDate extends PyObject {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly cls: PyClass = dateClass,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  get ordinal(): number {
    return ymdToOrd(this.year, this.month, this.day);
  }
  dateIso(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  override nativeRepr(): string {
    const name = this.cls === dateClass ? 'datetime.date' : qualifiedName(this.cls);
    return `${name}(${this.year}, ${this.month}, ${this.day})`;
  }
  override nativeStr(): string {
    return this.dateIso();
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (other instanceof PyDatetime) return false;
    if (other instanceof PyDate) return this.ordinal === other.ordinal;
    return undefined;
  }
  override nativeHashKey(): string {
    return 'date:' + this.ordinal;
  }
  override nativeSqlLiteral(): string {
    return `'${this.dateIso()}'::date`;
  }
}

export class PyTime extends PyObject {
  constructor(
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    readonly tzinfo: PyValue = None,
    readonly fold = 0,
    readonly cls: PyClass = timeClass,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  isoformat(timespec = 'auto'): string {
    return timeIso(this.hour, this.minute, this.second, this.microsecond, timespec) + offsetSuffix(utcoffsetOf(this.tzinfo, None));
  }
  override nativeRepr(): string {
    const name = this.cls === timeClass ? 'datetime.time' : qualifiedName(this.cls);
    let args = this.microsecond
      ? `${this.hour}, ${this.minute}, ${this.second}, ${this.microsecond}`
      : this.second
        ? `${this.hour}, ${this.minute}, ${this.second}`
        : `${this.hour}, ${this.minute}`;
    if (this.tzinfo !== None) args += `, tzinfo=${repr(this.tzinfo)}`;
    if (this.fold) args += ', fold=1';
    return `${name}(${args})`;
  }
  override nativeStr(): string {
    return this.isoformat();
  }
  private get us(): bigint {
    return BigInt(((this.hour * 60 + this.minute) * 60 + this.second) * 1_000_000 + this.microsecond);
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof PyTime)) return undefined;
    return this.us === other.us && utcoffsetUs(this.tzinfo, None) === utcoffsetUs(other.tzinfo, None);
  }
  override nativeHashKey(): string {
    return 'time:' + this.us;
  }
  override nativeBool(): boolean {
    return true;
  }
  override nativeSqlLiteral(): string {
    return `'${this.isoformat()}'::${this.tzinfo === None ? 'time' : 'timetz'}`;
  }
}

export class PyDatetime extends PyDate {
  constructor(
    year: number,
    month: number,
    day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    readonly tzinfo: PyValue = None,
    readonly fold = 0,
    cls: PyClass = datetimeClass,
  ) {
    super(year, month, day, cls);
  }
  /** Microseconds since 0001-01-01T00:00 (local wall time). */
  get localUs(): bigint {
    return (
      BigInt(this.ordinal - 1) * US_PER_DAY +
      BigInt((this.hour * 3600 + this.minute * 60 + this.second) * 1_000_000) +
      BigInt(this.microsecond)
    );
  }
  get aware(): boolean {
    return this.tzinfo !== None && utcoffsetOf(this.tzinfo, this) !== None;
  }
  /** Microseconds since 0001-01-01T00:00 UTC (naive: as is). */
  get utcUs(): bigint {
    const off = utcoffsetUs(this.tzinfo, this);
    return this.localUs - (off ?? 0n);
  }
  isoformat(sep = 'T', timespec = 'auto'): string {
    return this.dateIso() + sep + timeIso(this.hour, this.minute, this.second, this.microsecond, timespec) + offsetSuffix(utcoffsetOf(this.tzinfo, this));
  }
  override nativeRepr(): string {
    const name = this.cls === datetimeClass ? 'datetime.datetime' : qualifiedName(this.cls);
    let args = `${this.year}, ${this.month}, ${this.day}, ${this.hour}, ${this.minute}`;
    if (this.microsecond) args += `, ${this.second}, ${this.microsecond}`;
    else if (this.second) args += `, ${this.second}`;
    if (this.tzinfo !== None) args += `, tzinfo=${repr(this.tzinfo)}`;
    if (this.fold) args += ', fold=1';
    return `${name}(${args})`;
  }
  override nativeStr(): string {
    return this.isoformat(' ');
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof PyDatetime)) return other instanceof PyDate ? false : undefined;
    if (this.aware !== other.aware) return false;
    return this.utcUs === other.utcUs;
  }
  override nativeHashKey(): string {
    return 'dt:' + this.utcUs;
  }
  override nativeSqlLiteral(): string {
    return `'${this.isoformat()}'::${this.aware ? 'timestamptz' : 'timestamp'}`;
  }
}

export class PyTimezone extends PyObject {
  constructor(
    readonly offset: PyTimedelta,
    readonly name: string | null = null,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return timezoneClass;
  }
  isUtc(): boolean {
    return this.offset.totalUs === 0n && this.name === null;
  }
  tzname(): string {
    if (this.name !== null) return this.name;
    const us = this.offset.totalUs;
    if (us === 0n) return 'UTC';
    return 'UTC' + formatOffset(us, ':');
  }
  override nativeRepr(): string {
    if (this === UTC) return 'datetime.timezone.utc';
    const off = this.offset.nativeRepr();
    return this.name === null ? `datetime.timezone(${off})` : `datetime.timezone(${off}, ${strRepr(this.name)})`;
  }
  override nativeStr(): string {
    return this.tzname();
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof PyTimezone)) return undefined;
    return this.offset.totalUs === other.offset.totalUs;
  }
  override nativeHashKey(): string {
    return 'tz:' + this.offset.totalUs;
  }
}

export const UTC = new PyTimezone(new PyTimedelta(0n));

function qualifiedName(cls: PyClass): string {
  return cls.module === '__main__' ? cls.qualname : `${cls.module}.${cls.qualname}`;
}

function formatOffset(us: bigint, sep: string): string {
  const sign = us < 0n ? '-' : '+';
  let a = us < 0n ? -us : us;
  const h = a / 3_600_000_000n;
  a %= 3_600_000_000n;
  const m = a / 60_000_000n;
  a %= 60_000_000n;
  const s = a / 1_000_000n;
  const micro = a % 1_000_000n;
  let out = `${sign}${pad(Number(h))}${sep}${pad(Number(m))}`;
  if (s || micro) out += `${sep}${pad(Number(s))}`;
  if (micro) out += '.' + pad(Number(micro), 6);
  return out;
}

function offsetSuffix(off: PyValue): string {
  if (!(off instanceof PyTimedelta)) return '';
  return formatOffset(off.totalUs, ':');
}

function timeIso(h: number, m: number, s: number, us: number, timespec: string): string {
  switch (timespec) {
    case 'hours':
      return pad(h);
    case 'minutes':
      return `${pad(h)}:${pad(m)}`;
    case 'seconds':
      return `${pad(h)}:${pad(m)}:${pad(s)}`;
    case 'milliseconds':
      return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(Math.floor(us / 1000), 3)}`;
    case 'microseconds':
      return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}`;
    case 'auto':
      return us ? `${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  throw pyError(ValueError, 'Unknown timespec value');
}

/** tzinfo.utcoffset(dt) as a timedelta (or None). */
function utcoffsetOf(tz: PyValue, dt: PyValue): PyValue {
  if (tz === None) return None;
  if (tz instanceof PyTimezone) return tz.offset;
  const r = call(getattrStrict(tz, 'utcoffset'), [dt]);
  if (r !== None && !(r instanceof PyTimedelta)) throw pyError(TypeError, `tzinfo.utcoffset() must return None or timedelta, not '${typeName(r)}'`);
  return r;
}

function utcoffsetUs(tz: PyValue, dt: PyValue): bigint | null {
  const off = utcoffsetOf(tz, dt);
  return off instanceof PyTimedelta ? off.totalUs : null;
}

import { getattr as getattrStrict } from '../objects.ts';
import { namedTupleClass } from './collections.ts';

let isoCalendarClass: PyClass | null = null;

// ---------------------------------------------------------------------------------------------
// Constructors exported for TypeScript callers
// ---------------------------------------------------------------------------------------------

function checkDate(y: number, m: number, d: number): void {
  if (y < MINYEAR || y > MAXYEAR) throw pyError(ValueError, `year ${y} is out of range`);
  if (m < 1 || m > 12) throw pyError(ValueError, 'month must be in 1..12');
  if (d < 1 || d > daysInMonth(y, m)) throw pyError(ValueError, 'day is out of range for month');
}

function checkTime(h: number, mi: number, s: number, us: number): void {
  if (h < 0 || h > 23) throw pyError(ValueError, 'hour must be in 0..23');
  if (mi < 0 || mi > 59) throw pyError(ValueError, 'minute must be in 0..59');
  if (s < 0 || s > 59) throw pyError(ValueError, 'second must be in 0..59');
  if (us < 0 || us > 999999) throw pyError(ValueError, 'microsecond must be in 0..999999');
}

function checkTzinfo(tz: PyValue): void {
  if (tz !== None && !(tz instanceof PyObject && typeOf(tz).isSubclassOf(tzinfoClass))) {
    throw pyError(TypeError, `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(tz)}'`);
  }
}

export function makeDate(year: number, month: number, day: number): PyDate {
  checkDate(year, month, day);
  return new PyDate(year, month, day);
}

export function makeDatetime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0, tzinfo: PyValue = None): PyDatetime {
  checkDate(year, month, day);
  checkTime(hour, minute, second, microsecond);
  checkTzinfo(tzinfo);
  return new PyDatetime(year, month, day, hour, minute, second, microsecond, tzinfo);
}

export function makeTime(hour = 0, minute = 0, second = 0, microsecond = 0, tzinfo: PyValue = None): PyTime {
  checkTime(hour, minute, second, microsecond);
  checkTzinfo(tzinfo);
  return new PyTime(hour, minute, second, microsecond, tzinfo);
}

export function makeTimedelta(days = 0, seconds = 0, microseconds = 0): PyTimedelta {
  return new PyTimedelta(BigInt(days) * US_PER_DAY + BigInt(seconds) * US_PER_SECOND + BigInt(microseconds));
}

/** A datetime from a JS Date (UTC); aware (tzinfo=timezone.utc) or naive UTC. */
export function datetimeFromDate(d: Date, aware: boolean): PyDatetime {
  const ms = d.getUTCMilliseconds();
  return new PyDatetime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), ms * 1000, aware ? UTC : None);
}

export function makeTimezone(offset: PyTimedelta, name: string | null = null): PyTimezone {
  const us = offset.totalUs;
  if (us <= -US_PER_DAY || us >= US_PER_DAY) {
    throw pyError(ValueError, `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${offset.nativeRepr()}.`);
  }
  if (us === 0n && name === null) return UTC;
  return new PyTimezone(offset, name);
}

function datetimeFromLocalUs(us: bigint, tz: PyValue, cls: PyClass = datetimeClass, fold = 0): PyDatetime {
  const days = us / US_PER_DAY + (us % US_PER_DAY < 0n ? -1n : 0n);
  let rem = us - days * US_PER_DAY;
  const ord = Number(days) + 1;
  if (ord < 1 || ord > ymdToOrd(MAXYEAR, 12, 31)) throw pyError(OverflowError, 'date value out of range');
  const [y, m, d] = ordToYmd(ord);
  const h = Number(rem / 3_600_000_000n);
  rem %= 3_600_000_000n;
  const mi = Number(rem / 60_000_000n);
  rem %= 60_000_000n;
  const s = Number(rem / 1_000_000n);
  const micro = Number(rem % 1_000_000n);
  return new PyDatetime(y, m, d, h, mi, s, micro, tz, fold, cls);
}

// ---------------------------------------------------------------------------------------------
// Argument helpers
// ---------------------------------------------------------------------------------------------

function intArg(v: PyValue | undefined, name: string, dflt?: number): number {
  if (v === undefined) {
    if (dflt === undefined) throw pyError(TypeError, `function missing required argument '${name}'`);
    return dflt;
  }
  const u = unbox(v);
  const i = asInt(u);
  if (i === undefined) {
    if (typeof u === 'number') throw pyError(TypeError, "'float' object cannot be interpreted as an integer");
    throw pyError(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  }
  return Number(i);
}

function pick(args: PyValue[], kwargs: Kwargs, names: string[], fname: string): (PyValue | undefined)[] {
  if (args.length > names.length) throw pyError(TypeError, `${fname}() takes at most ${names.length} arguments (${args.length} given)`);
  const out = names.map((n, i) => (i < args.length ? args[i] : kwargs.get(n)));
  for (const k of kwargs.keys()) {
    const i = names.indexOf(k);
    if (i < 0) throw pyError(TypeError, `'${k}' is an invalid keyword argument for ${fname}()`);
    if (i < args.length) throw pyError(TypeError, `argument for ${fname}() given by name ('${k}') and position (${i + 1})`);
  }
  return out;
}

/** A number of microseconds from an int/float amount of `unit` microseconds (floats round half even). */
function toUs(v: PyValue | undefined, unitUs: bigint): { int: bigint; frac: number } {
  if (v === undefined) return { int: 0n, frac: 0 };
  const u = unbox(v);
  if (typeof u === 'bigint') return { int: u * unitUs, frac: 0 };
  if (typeof u === 'boolean') return { int: (u ? 1n : 0n) * unitUs, frac: 0 };
  if (typeof u === 'number') {
    if (!Number.isFinite(u)) throw pyError(ValueError, `cannot convert float ${u > 0 ? 'infinity' : u < 0 ? '-infinity' : 'NaN'} to integer`);
    const whole = Math.trunc(u);
    return { int: BigInt(whole) * unitUs, frac: (u - whole) * Number(unitUs) };
  }
  throw pyError(TypeError, `unsupported type for timedelta ${typeName(v)} component: ${typeName(v)}`);
}

function roundHalfEvenNumber(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

// ---------------------------------------------------------------------------------------------
// strftime / strptime
// ---------------------------------------------------------------------------------------------

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  tz: PyValue;
  dt: PyValue;
}

function weekdayOf(y: number, m: number, d: number): number {
  return (ymdToOrd(y, m, d) + 6) % 7;
}

function isoCalendar(y: number, m: number, d: number): [number, number, number] {
  const ord = ymdToOrd(y, m, d);
  const week1Monday = (year: number) => {
    const first = ymdToOrd(year, 1, 1);
    const wd = (first + 6) % 7;
    let monday = first - wd;
    if (wd > 3) monday += 7;
    return monday;
  };
  let year = y;
  let monday = week1Monday(year);
  if (ord < monday) {
    year -= 1;
    monday = week1Monday(year);
  } else if (ord >= week1Monday(year + 1)) {
    year += 1;
    monday = week1Monday(year);
  }
  const week = Math.floor((ord - monday) / 7) + 1;
  return [year, week, ((ord - monday) % 7) + 1];
}

export function strftime(fmt: string, f: Fields): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const d = fmt[++i]!;
    const wd = weekdayOf(f.year, f.month, f.day);
    const yday = ymdToOrd(f.year, f.month, f.day) - ymdToOrd(f.year, 1, 1) + 1;
    switch (d) {
      case 'Y':
        out += String(f.year);
        break;
      case 'y':
        out += pad(f.year % 100);
        break;
      case 'm':
        out += pad(f.month);
        break;
      case 'd':
        out += pad(f.day);
        break;
      case 'e':
        out += String(f.day).padStart(2, ' ');
        break;
      case 'H':
        out += pad(f.hour);
        break;
      case 'I':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12);
        break;
      case 'M':
        out += pad(f.minute);
        break;
      case 'S':
        out += pad(f.second);
        break;
      case 'f':
        out += pad(f.microsecond, 6);
        break;
      case 'p':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'b':
      case 'h':
        out += MONTH_NAMES[f.month - 1]!.slice(0, 3);
        break;
      case 'B':
        out += MONTH_NAMES[f.month - 1]!;
        break;
      case 'a':
        out += DAY_NAMES[wd]!.slice(0, 3);
        break;
      case 'A':
        out += DAY_NAMES[wd]!;
        break;
      case 'w':
        out += String((wd + 1) % 7);
        break;
      case 'u':
        out += String(wd + 1);
        break;
      case 'j':
        out += pad(yday, 3);
        break;
      case 'U':
        out += pad(Math.floor((yday + 6 - ((wd + 1) % 7)) / 7));
        break;
      case 'W':
        out += pad(Math.floor((yday + 6 - wd) / 7));
        break;
      case 'G':
        out += String(isoCalendar(f.year, f.month, f.day)[0]);
        break;
      case 'V':
        out += pad(isoCalendar(f.year, f.month, f.day)[1]);
        break;
      case 'z': {
        const off = utcoffsetOf(f.tz, f.dt);
        out += off instanceof PyTimedelta ? formatOffset(off.totalUs, '') : '';
        break;
      }
      case 'Z':
        if (f.tz !== None) {
          const n = f.tz instanceof PyTimezone ? f.tz.tzname() : call(getattrStrict(f.tz, 'tzname'), [f.dt]);
          out += n === None ? '' : str(n);
        }
        break;
      case 'c':
        out += `${DAY_NAMES[wd]!.slice(0, 3)} ${MONTH_NAMES[f.month - 1]!.slice(0, 3)} ${String(f.day).padStart(2, ' ')} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} ${f.year}`;
        break;
      case 'x':
        out += `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`;
        break;
      case 'X':
        out += `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
        break;
      case 'D':
        out += `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`;
        break;
      case 'F':
        out += `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
        break;
      case 'T':
        out += `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%' + d;
    }
  }
  return out;
}

function strptime(s: string, fmt: string): Fields & { hasTz: boolean } {
  const fail = (): never => {
    throw pyError(ValueError, `time data ${strRepr(s)} does not match format ${strRepr(fmt)}`);
  };
  const r = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0, tz: None as PyValue, dt: None as PyValue, hasTz: false };
  let pm: boolean | null = null;
  let i = 0;
  const num = (maxLen: number, minLen = 1): number => {
    let j = i;
    while (j < s.length && j - i < maxLen && s[j]! >= '0' && s[j]! <= '9') j++;
    if (j - i < minLen) fail();
    const v = parseInt(s.slice(i, j), 10);
    i = j;
    return v;
  };
  const name = (names: string[]): number => {
    const rest = s.slice(i).toLowerCase();
    for (let k = 0; k < names.length; k++) {
      if (rest.startsWith(names[k]!.toLowerCase())) {
        i += names[k]!.length;
        return k;
      }
    }
    return fail();
  };
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k]!;
    if (c === '%' && k + 1 < fmt.length) {
      const d = fmt[++k]!;
      switch (d) {
        case 'Y':
          r.year = num(4, 4);
          break;
        case 'y': {
          const y = num(2, 2);
          r.year = y < 69 ? 2000 + y : 1900 + y;
          break;
        }
        case 'm':
          r.month = num(2);
          break;
        case 'd':
          r.day = num(2);
          break;
        case 'H':
          r.hour = num(2);
          break;
        case 'I':
          r.hour = num(2);
          break;
        case 'M':
          r.minute = num(2);
          break;
        case 'S':
          r.second = num(2);
          break;
        case 'f': {
          const start = i;
          const v = num(6);
          r.microsecond = v * 10 ** (6 - (i - start));
          break;
        }
        case 'p': {
          const k2 = name(['AM', 'PM']);
          pm = k2 === 1;
          break;
        }
        case 'b':
          r.month = name(MONTH_NAMES.map((x) => x.slice(0, 3))) + 1;
          break;
        case 'B':
          r.month = name(MONTH_NAMES) + 1;
          break;
        case 'a':
          name(DAY_NAMES.map((x) => x.slice(0, 3)));
          break;
        case 'A':
          name(DAY_NAMES);
          break;
        case 'j': {
          const yd = num(3);
          const [, mm, dd] = ordToYmd(ymdToOrd(r.year, 1, 1) + yd - 1);
          r.month = mm;
          r.day = dd;
          break;
        }
        case 'z': {
          if (s[i] === 'Z') {
            i++;
            r.tz = UTC;
            r.hasTz = true;
            break;
          }
          const sign = s[i] === '-' ? -1 : s[i] === '+' ? 1 : fail();
          i++;
          const hh = num(2, 2);
          if (s[i] === ':') i++;
          const mm = num(2, 2);
          r.tz = makeTimezone(makeTimedelta(0, sign * (hh * 3600 + mm * 60)));
          r.hasTz = true;
          break;
        }
        case '%':
          if (s[i] !== '%') fail();
          i++;
          break;
        default:
          throw pyError(ValueError, `'${d}' is a bad directive in format '%${d}'`);
      }
    } else if (c === ' ') {
      if (!/\s/.test(s[i] ?? '')) fail();
      while (i < s.length && /\s/.test(s[i]!)) i++;
    } else {
      if (s[i] !== c) fail();
      i++;
    }
  }
  if (i !== s.length) throw pyError(ValueError, `unconverted data remains: ${s.slice(i)}`);
  if (pm !== null) {
    if (r.hour === 12) r.hour = pm ? 12 : 0;
    else if (pm) r.hour += 12;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// ISO parsing
// ---------------------------------------------------------------------------------------------

function parseIsoDate(s: string): [number, number, number] {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^(\d{4})-?W(\d{2})-?(\d)?$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const first = ymdToOrd(year, 1, 1);
    const wd = (first + 6) % 7;
    let monday = first - wd;
    if (wd > 3) monday += 7;
    return ordToYmd(monday + (Number(m[2]) - 1) * 7 + (Number(m[3] ?? 1) - 1));
  }
  throw pyError(ValueError, `Invalid isoformat string: ${strRepr(s)}`);
}

function parseIsoTime(s: string, whole: string): [number, number, number, number, PyValue] {
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/.exec(s);
  if (!m) throw pyError(ValueError, `Invalid isoformat string: ${strRepr(whole)}`);
  const frac = m[4] ?? '';
  const us = frac ? Number(frac.slice(0, 6).padEnd(6, '0')) : 0;
  let tz: PyValue = None;
  if (m[5]) {
    if (m[5] === 'Z') tz = UTC;
    else {
      const t = /^([+-])(\d{2}):?(\d{2})?:?(\d{2})?(?:\.(\d{1,6}))?$/.exec(m[5])!;
      const sign = t[1] === '-' ? -1n : 1n;
      const total = BigInt(Number(t[2]) * 3600 + Number(t[3] ?? 0) * 60 + Number(t[4] ?? 0)) * US_PER_SECOND + BigInt(Number((t[5] ?? '').padEnd(6, '0') || 0));
      tz = makeTimezone(new PyTimedelta(sign * total));
    }
  }
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), us, tz];
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

function cmpValues(a: bigint | number, b: bigint | number, op: string): boolean {
  switch (op) {
    case '__lt__':
      return a < b;
    case '__le__':
      return a <= b;
    case '__gt__':
      return a > b;
    default:
      return a >= b;
  }
}

const ORDER_OPS = ['__lt__', '__le__', '__gt__', '__ge__'];

function installTimedelta(): void {
  const c = timedeltaClass;
  c.nativeNew = (cls, args, kwargs) => {
    const [days, seconds, microseconds, milliseconds, minutes, hours, weeks] = pick(
      args,
      kwargs,
      ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'],
      'timedelta',
    );
    let total = 0n;
    let frac = 0;
    for (const [v, unit] of [
      [days, US_PER_DAY],
      [seconds, US_PER_SECOND],
      [microseconds, 1n],
      [milliseconds, 1000n],
      [minutes, 60n * US_PER_SECOND],
      [hours, 3600n * US_PER_SECOND],
      [weeks, 7n * US_PER_DAY],
    ] as const) {
      const r = toUs(v, unit);
      total += r.int;
      frac += r.frac;
    }
    total += BigInt(roundHalfEvenNumber(frac));
    return new PyTimedelta(total, cls);
  };
  getter(c, 'days', (s) => BigInt((s as PyTimedelta).days));
  getter(c, 'seconds', (s) => BigInt((s as PyTimedelta).seconds));
  getter(c, 'microseconds', (s) => BigInt((s as PyTimedelta).microseconds));
  method(c, 'total_seconds', (a) => Number((a[0] as PyTimedelta).totalUs) / 1e6);
  const td = (v: PyValue | undefined): PyTimedelta | null => (v instanceof PyTimedelta ? v : null);
  method(c, '__add__', (a) => {
    const x = a[0] as PyTimedelta;
    const o = a[1];
    if (o instanceof PyTimedelta) return new PyTimedelta(x.totalUs + o.totalUs);
    return NotImplemented;
  });
  method(c, '__radd__', (a) => {
    const o = a[1];
    if (o instanceof PyTimedelta) return new PyTimedelta((a[0] as PyTimedelta).totalUs + o.totalUs);
    return NotImplemented;
  });
  method(c, '__sub__', (a) => {
    const o = td(a[1]);
    return o ? new PyTimedelta((a[0] as PyTimedelta).totalUs - o.totalUs) : NotImplemented;
  });
  method(c, '__rsub__', (a) => {
    const o = td(a[1]);
    return o ? new PyTimedelta(o.totalUs - (a[0] as PyTimedelta).totalUs) : NotImplemented;
  });
  const mul = (a: PyValue[]) => {
    const x = a[0] as PyTimedelta;
    const o = unbox(a[1]!);
    if (typeof o === 'bigint' || typeof o === 'boolean') return new PyTimedelta(x.totalUs * (typeof o === 'boolean' ? (o ? 1n : 0n) : o));
    if (typeof o === 'number') return new PyTimedelta(BigInt(roundHalfEvenNumber(Number(x.totalUs) * o)));
    return NotImplemented;
  };
  method(c, '__mul__', mul);
  method(c, '__rmul__', mul);
  method(c, '__truediv__', (a) => {
    const x = a[0] as PyTimedelta;
    const o = a[1]!;
    if (o instanceof PyTimedelta) {
      if (o.totalUs === 0n) throw pyError(ZeroDivisionError, 'division by zero');
      return Number(x.totalUs) / Number(o.totalUs);
    }
    const u = unbox(o);
    if (typeof u === 'bigint') {
      if (u === 0n) throw pyError(ZeroDivisionError, 'division by zero');
      return new PyTimedelta(BigInt(roundHalfEvenNumber(Number(x.totalUs) / Number(u))));
    }
    if (typeof u === 'number') {
      if (u === 0) throw pyError(ZeroDivisionError, 'division by zero');
      return new PyTimedelta(BigInt(roundHalfEvenNumber(Number(x.totalUs) / u)));
    }
    return NotImplemented;
  });
  method(c, '__floordiv__', (a) => {
    const x = a[0] as PyTimedelta;
    const o = a[1]!;
    const fdiv = (p: bigint, q: bigint) => {
      if (q === 0n) throw pyError(ZeroDivisionError, 'integer division or modulo by zero');
      const r = p / q;
      return (p % q !== 0n) && ((p < 0n) !== (q < 0n)) ? r - 1n : r;
    };
    if (o instanceof PyTimedelta) return fdiv(x.totalUs, o.totalUs);
    const u = unbox(o);
    if (typeof u === 'bigint') return new PyTimedelta(fdiv(x.totalUs, u));
    return NotImplemented;
  });
  method(c, '__mod__', (a) => {
    const x = a[0] as PyTimedelta;
    const o = td(a[1]);
    if (!o) return NotImplemented;
    if (o.totalUs === 0n) throw pyError(ZeroDivisionError, 'integer division or modulo by zero');
    let r = x.totalUs % o.totalUs;
    if (r !== 0n && (r < 0n) !== (o.totalUs < 0n)) r += o.totalUs;
    return new PyTimedelta(r);
  });
  method(c, '__neg__', (a) => new PyTimedelta(-(a[0] as PyTimedelta).totalUs));
  method(c, '__pos__', (a) => a[0]!);
  method(c, '__abs__', (a) => {
    const x = a[0] as PyTimedelta;
    return x.totalUs < 0n ? new PyTimedelta(-x.totalUs) : x;
  });
  for (const op of ORDER_OPS) {
    method(c, op, (a) => {
      const o = td(a[1]);
      return o ? cmpValues((a[0] as PyTimedelta).totalUs, o.totalUs, op) : NotImplemented;
    });
  }
  method(c, '__reduce__', (a) => {
    const x = a[0] as PyTimedelta;
    return new PyTuple([timedeltaClass, new PyTuple([BigInt(x.days), BigInt(x.seconds), BigInt(x.microseconds)])]);
  });
  c.dict.set('min', new PyTimedelta(-BigInt(MAX_DELTA_DAYS) * US_PER_DAY));
  c.dict.set('max', new PyTimedelta(BigInt(MAX_DELTA_DAYS) * US_PER_DAY + US_PER_DAY - 1n));
  c.dict.set('resolution', new PyTimedelta(1n));
}

function dateFields(d: PyDate): Fields {
  const isDt = d instanceof PyDatetime;
  return {
    year: d.year,
    month: d.month,
    day: d.day,
    hour: isDt ? d.hour : 0,
    minute: isDt ? d.minute : 0,
    second: isDt ? d.second : 0,
    microsecond: isDt ? d.microsecond : 0,
    tz: isDt ? d.tzinfo : None,
    dt: isDt ? d : None,
  };
}

function installDate(interp: () => Interpreter | null): void {
  const c = dateClass;
  c.nativeNew = (cls, args, kwargs) => {
    const [y, m, d] = pick(args, kwargs, ['year', 'month', 'day'], cls.name);
    const year = intArg(y, 'year');
    const month = intArg(m, 'month');
    const day = intArg(d, 'day');
    checkDate(year, month, day);
    return new PyDate(year, month, day, cls);
  };
  getter(c, 'year', (s) => BigInt((s as PyDate).year));
  getter(c, 'month', (s) => BigInt((s as PyDate).month));
  getter(c, 'day', (s) => BigInt((s as PyDate).day));
  classMethod(c, 'today', (a) => {
    const now = interp()?.env.now() ?? new Date();
    const cls = a[0] as PyClass;
    if (cls.isSubclassOf(datetimeClass)) {
      const dt = datetimeFromDate(now, false);
      return new PyDatetime(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, None, 0, cls);
    }
    return new PyDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate(), cls);
  });
  classMethod(c, 'fromordinal', (a) => {
    const n = intArg(a[1], 'ordinal');
    if (n < 1) throw pyError(ValueError, 'ordinal must be >= 1');
    const [y, m, d] = ordToYmd(n);
    return new PyDate(y, m, d, a[0] as PyClass);
  });
  classMethod(c, 'fromisoformat', (a) => {
    const s = unbox(a[1] ?? None);
    if (typeof s !== 'string') throw pyError(TypeError, 'fromisoformat: argument must be str');
    const [y, m, d] = parseIsoDate(s);
    checkDate(y, m, d);
    return new PyDate(y, m, d, a[0] as PyClass);
  });
  classMethod(c, 'fromtimestamp', (a) => {
    const ts = Number(unbox(a[1] ?? 0n));
    const d = new Date(ts * 1000);
    return new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), a[0] as PyClass);
  });
  method(c, 'toordinal', (a) => BigInt((a[0] as PyDate).ordinal));
  method(c, 'weekday', (a) => BigInt(weekdayOf((a[0] as PyDate).year, (a[0] as PyDate).month, (a[0] as PyDate).day)));
  method(c, 'isoweekday', (a) => BigInt(weekdayOf((a[0] as PyDate).year, (a[0] as PyDate).month, (a[0] as PyDate).day) + 1));
  method(c, 'isocalendar', (a) => {
    const d = a[0] as PyDate;
    if (!isoCalendarClass) {
      isoCalendarClass = namedTupleClass('IsoCalendarDate', ['year', 'week', 'weekday'], 'datetime');
      const r = isoCalendarClass.dict.get('__repr__')!;
      method(isoCalendarClass, '__repr__', (b) => 'datetime.' + str(call(r, [b[0]!])));
    }
    return call(isoCalendarClass, isoCalendar(d.year, d.month, d.day).map(BigInt));
  });
  method(c, 'isoformat', (a, kw) => {
    const d = a[0] as PyDate;
    if (d instanceof PyDatetime) {
      const sep = a[1] ?? kw.get('sep') ?? 'T';
      const ts = a[2] ?? kw.get('timespec') ?? 'auto';
      return d.isoformat(str(sep), str(ts));
    }
    return d.dateIso();
  });
  method(c, 'strftime', (a) => strftime(str(a[1] ?? ''), dateFields(a[0] as PyDate)));
  method(c, '__format__', (a) => {
    const spec = str(a[1] ?? '');
    return spec === '' ? str(a[0]!) : strftime(spec, dateFields(a[0] as PyDate));
  });
  method(c, 'ctime', (a) => strftime('%a %b %e %H:%M:%S %Y', dateFields(a[0] as PyDate)));
  method(c, 'replace', (a, kw) => {
    const d = a[0] as PyDate;
    if (d instanceof PyDatetime) return replaceDatetime(d, a.slice(1), kw);
    const [y, m, dd] = pick(a.slice(1), kw, ['year', 'month', 'day'], 'replace');
    const year = intArg(y, 'year', d.year);
    const month = intArg(m, 'month', d.month);
    const day = intArg(dd, 'day', d.day);
    checkDate(year, month, day);
    return new PyDate(year, month, day, d.cls);
  });
  method(c, 'timetuple', (a) => {
    const f = dateFields(a[0] as PyDate);
    const yday = ymdToOrd(f.year, f.month, f.day) - ymdToOrd(f.year, 1, 1) + 1;
    return new PyTuple([f.year, f.month, f.day, f.hour, f.minute, f.second, weekdayOf(f.year, f.month, f.day), yday, -1].map(BigInt));
  });
  method(c, '__add__', (a) => {
    const d = a[0] as PyDate;
    const o = a[1];
    if (!(o instanceof PyTimedelta)) return NotImplemented;
    if (d instanceof PyDatetime) return datetimeFromLocalUs(d.localUs + o.totalUs, d.tzinfo, d.cls === datetimeClass ? datetimeClass : d.cls);
    const ord = d.ordinal + o.days;
    if (ord < 1 || ord > ymdToOrd(MAXYEAR, 12, 31)) throw pyError(OverflowError, 'date value out of range');
    const [y, m, dd] = ordToYmd(ord);
    return new PyDate(y, m, dd, d.cls);
  });
  method(c, '__radd__', (a) => call(c.dict.get('__add__')!, [a[0]!, a[1]!]));
  method(c, '__sub__', (a) => {
    const d = a[0] as PyDate;
    const o = a[1];
    if (o instanceof PyTimedelta) {
      if (d instanceof PyDatetime) return datetimeFromLocalUs(d.localUs - o.totalUs, d.tzinfo, d.cls);
      const ord = d.ordinal - o.days;
      if (ord < 1 || ord > ymdToOrd(MAXYEAR, 12, 31)) throw pyError(OverflowError, 'date value out of range');
      const [y, m, dd] = ordToYmd(ord);
      return new PyDate(y, m, dd, d.cls);
    }
    if (d instanceof PyDatetime) {
      if (!(o instanceof PyDatetime)) return NotImplemented;
      if (d.aware !== o.aware) throw pyError(TypeError, "can't subtract offset-naive and offset-aware datetimes");
      return new PyTimedelta(d.utcUs - o.utcUs);
    }
    if (o instanceof PyDate && !(o instanceof PyDatetime)) return new PyTimedelta(BigInt(d.ordinal - o.ordinal) * US_PER_DAY);
    return NotImplemented;
  });
  for (const op of ORDER_OPS) {
    method(c, op, (a) => {
      const d = a[0] as PyDate;
      const o = a[1];
      if (d instanceof PyDatetime) {
        if (!(o instanceof PyDatetime)) {
          if (o instanceof PyDate) throw pyError(TypeError, `can't compare datetime.datetime to ${typeName(o)}`);
          return NotImplemented;
        }
        if (d.aware !== o.aware) throw pyError(TypeError, "can't compare offset-naive and offset-aware datetimes");
        return cmpValues(d.utcUs, o.utcUs, op);
      }
      if (!(o instanceof PyDate)) return NotImplemented;
      if (o instanceof PyDatetime) throw pyError(TypeError, `can't compare ${typeName(d)} to datetime.datetime`);
      return cmpValues(d.ordinal, o.ordinal, op);
    });
  }
  c.dict.set('min', new PyDate(1, 1, 1));
  c.dict.set('max', new PyDate(9999, 12, 31));
  c.dict.set('resolution', new PyTimedelta(US_PER_DAY));
}

function replaceDatetime(d: PyDatetime, args: PyValue[], kw: Kwargs): PyDatetime {
  const [y, m, dd, h, mi, s, us, tz, fold] = pick(args, kw, ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'], 'replace');
  const year = intArg(y, 'year', d.year);
  const month = intArg(m, 'month', d.month);
  const day = intArg(dd, 'day', d.day);
  const hour = intArg(h, 'hour', d.hour);
  const minute = intArg(mi, 'minute', d.minute);
  const second = intArg(s, 'second', d.second);
  const micro = intArg(us, 'microsecond', d.microsecond);
  const tzinfo = tz === undefined ? d.tzinfo : tz;
  checkDate(year, month, day);
  checkTime(hour, minute, second, micro);
  checkTzinfo(tzinfo);
  return new PyDatetime(year, month, day, hour, minute, second, micro, tzinfo, intArg(fold, 'fold', d.fold), d.cls);
}

function installDatetime(interp: () => Interpreter | null): void {
  const c = datetimeClass;
  c.nativeNew = (cls, args, kwargs) => {
    const [y, m, d, h, mi, s, us, tz, fold] = pick(args, kwargs, ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'], cls.name);
    const year = intArg(y, 'year');
    const month = intArg(m, 'month');
    const day = intArg(d, 'day');
    const hour = intArg(h, 'hour', 0);
    const minute = intArg(mi, 'minute', 0);
    const second = intArg(s, 'second', 0);
    const micro = intArg(us, 'microsecond', 0);
    const tzinfo = tz ?? None;
    checkDate(year, month, day);
    checkTime(hour, minute, second, micro);
    checkTzinfo(tzinfo);
    return new PyDatetime(year, month, day, hour, minute, second, micro, tzinfo, intArg(fold, 'fold', 0), cls);
  };
  getter(c, 'hour', (s) => BigInt((s as PyDatetime).hour));
  getter(c, 'minute', (s) => BigInt((s as PyDatetime).minute));
  getter(c, 'second', (s) => BigInt((s as PyDatetime).second));
  getter(c, 'microsecond', (s) => BigInt((s as PyDatetime).microsecond));
  getter(c, 'tzinfo', (s) => (s as PyDatetime).tzinfo);
  getter(c, 'fold', (s) => BigInt((s as PyDatetime).fold));
  const now = () => interp()?.env.now() ?? new Date();
  classMethod(c, 'now', (a, kw) => {
    const tz = a[1] ?? kw.get('tz') ?? None;
    checkTzinfo(tz);
    const utc = datetimeFromDate(now(), false);
    if (tz === None) return new PyDatetime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, None, 0, a[0] as PyClass);
    return fromUtc(utc.localUs, tz, a[0] as PyClass);
  });
  classMethod(c, 'utcnow', (a) => {
    const utc = datetimeFromDate(now(), false);
    return new PyDatetime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, None, 0, a[0] as PyClass);
  });
  const epochUs = BigInt(ymdToOrd(1970, 1, 1) - 1) * US_PER_DAY;
  const fromTs = (cls: PyClass, tsV: PyValue, tz: PyValue) => {
    const ts = unbox(tsV);
    const us = typeof ts === 'bigint' ? ts * US_PER_SECOND : BigInt(roundHalfEvenNumber(Number(ts) * 1e6));
    const utcUs = epochUs + us;
    if (tz === None) return datetimeFromLocalUs(utcUs, None, cls);
    return fromUtc(utcUs, tz, cls);
  };
  classMethod(c, 'fromtimestamp', (a, kw) => fromTs(a[0] as PyClass, a[1] ?? kw.get('timestamp')!, a[2] ?? kw.get('tz') ?? None));
  classMethod(c, 'utcfromtimestamp', (a) => fromTs(a[0] as PyClass, a[1]!, None));
  method(c, 'timestamp', (a) => {
    const d = a[0] as PyDatetime;
    return Number(d.utcUs - epochUs) / 1e6;
  });
  classMethod(c, 'combine', (a, kw) => {
    const d = a[1] ?? kw.get('date');
    const t = a[2] ?? kw.get('time');
    if (!(d instanceof PyDate)) throw pyError(TypeError, `combine() argument 1 must be datetime.date, not ${typeName(d ?? None)}`);
    if (!(t instanceof PyTime)) throw pyError(TypeError, `combine() argument 2 must be datetime.time, not ${typeName(t ?? None)}`);
    const tz = a[3] ?? kw.get('tzinfo') ?? t.tzinfo;
    return new PyDatetime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tz, t.fold, a[0] as PyClass);
  });
  classMethod(c, 'fromisoformat', (a) => {
    const s = unbox(a[1] ?? None);
    if (typeof s !== 'string') throw pyError(TypeError, 'fromisoformat: argument must be str');
    const sepIdx = s.length > 10 ? 10 : -1;
    const datePart = sepIdx > 0 ? s.slice(0, 10) : s;
    const [y, m, d] = parseIsoDate(datePart.length === 8 && !datePart.includes('-') ? datePart : datePart);
    checkDate(y, m, d);
    let h = 0;
    let mi = 0;
    let sec = 0;
    let us = 0;
    let tz: PyValue = None;
    if (sepIdx > 0) [h, mi, sec, us, tz] = parseIsoTime(s.slice(11), s);
    checkTime(h, mi, sec, us);
    return new PyDatetime(y, m, d, h, mi, sec, us, tz, 0, a[0] as PyClass);
  });
  classMethod(c, 'strptime', (a) => {
    const r = strptime(str(a[1] ?? ''), str(a[2] ?? ''));
    checkDate(r.year, r.month, r.day);
    checkTime(r.hour, r.minute, r.second, r.microsecond);
    return new PyDatetime(r.year, r.month, r.day, r.hour, r.minute, r.second, r.microsecond, r.tz, 0, a[0] as PyClass);
  });
  method(c, 'date', (a) => {
    const d = a[0] as PyDatetime;
    return new PyDate(d.year, d.month, d.day);
  });
  method(c, 'time', (a) => {
    const d = a[0] as PyDatetime;
    return new PyTime(d.hour, d.minute, d.second, d.microsecond, None, d.fold);
  });
  method(c, 'timetz', (a) => {
    const d = a[0] as PyDatetime;
    return new PyTime(d.hour, d.minute, d.second, d.microsecond, d.tzinfo, d.fold);
  });
  method(c, 'utcoffset', (a) => utcoffsetOf((a[0] as PyDatetime).tzinfo, a[0]!));
  method(c, 'tzname', (a) => {
    const d = a[0] as PyDatetime;
    if (d.tzinfo === None) return None;
    if (d.tzinfo instanceof PyTimezone) return d.tzinfo.tzname();
    return call(getattrStrict(d.tzinfo, 'tzname'), [d]);
  });
  method(c, 'dst', (a) => {
    const d = a[0] as PyDatetime;
    if (d.tzinfo === None || d.tzinfo instanceof PyTimezone) return None;
    return call(getattrStrict(d.tzinfo, 'dst'), [d]);
  });
  method(c, 'astimezone', (a, kw) => {
    const d = a[0] as PyDatetime;
    const tz = a[1] ?? kw.get('tz') ?? UTC;
    checkTzinfo(tz);
    // naive datetimes are taken as local time (UTC in the sandbox)
    return fromUtc(d.utcUs, tz, d.cls);
  });
  method(c, 'utctimetuple', (a) => call(dateClass.dict.get('timetuple')!, [datetimeFromLocalUs((a[0] as PyDatetime).utcUs, None)]));
  c.dict.set('min', new PyDatetime(1, 1, 1, 0, 0, 0, 0));
  c.dict.set('max', new PyDatetime(9999, 12, 31, 23, 59, 59, 999999));
  c.dict.set('resolution', new PyTimedelta(1n));
}

function fromUtc(utcUs: bigint, tz: PyValue, cls: PyClass): PyDatetime {
  if (tz instanceof PyTimezone) return datetimeFromLocalUs(utcUs + tz.offset.totalUs, tz, cls);
  // a Python tzinfo: use its fromutc
  const naive = datetimeFromLocalUs(utcUs, tz, cls);
  const r = call(getattrStrict(tz, 'fromutc'), [naive]);
  if (!(r instanceof PyDatetime)) throw pyError(TypeError, 'fromutc: argument must be a datetime');
  return r;
}

function installTime(): void {
  const c = timeClass;
  c.nativeNew = (cls, args, kwargs) => {
    const [h, mi, s, us, tz, fold] = pick(args, kwargs, ['hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'], cls.name);
    const hour = intArg(h, 'hour', 0);
    const minute = intArg(mi, 'minute', 0);
    const second = intArg(s, 'second', 0);
    const micro = intArg(us, 'microsecond', 0);
    checkTime(hour, minute, second, micro);
    checkTzinfo(tz ?? None);
    return new PyTime(hour, minute, second, micro, tz ?? None, intArg(fold, 'fold', 0), cls);
  };
  getter(c, 'hour', (s) => BigInt((s as PyTime).hour));
  getter(c, 'minute', (s) => BigInt((s as PyTime).minute));
  getter(c, 'second', (s) => BigInt((s as PyTime).second));
  getter(c, 'microsecond', (s) => BigInt((s as PyTime).microsecond));
  getter(c, 'tzinfo', (s) => (s as PyTime).tzinfo);
  getter(c, 'fold', (s) => BigInt((s as PyTime).fold));
  method(c, 'isoformat', (a, kw) => (a[0] as PyTime).isoformat(str(a[1] ?? kw.get('timespec') ?? 'auto')));
  method(c, 'strftime', (a) => {
    const t = a[0] as PyTime;
    return strftime(str(a[1] ?? ''), { year: 1900, month: 1, day: 1, hour: t.hour, minute: t.minute, second: t.second, microsecond: t.microsecond, tz: t.tzinfo, dt: None });
  });
  method(c, '__format__', (a) => {
    const spec = str(a[1] ?? '');
    return spec === '' ? str(a[0]!) : call(c.dict.get('strftime')!, [a[0]!, spec]);
  });
  method(c, 'replace', (a, kw) => {
    const t = a[0] as PyTime;
    const [h, mi, s, us, tz] = pick(a.slice(1), kw, ['hour', 'minute', 'second', 'microsecond', 'tzinfo'], 'replace');
    const r = [intArg(h, 'hour', t.hour), intArg(mi, 'minute', t.minute), intArg(s, 'second', t.second), intArg(us, 'microsecond', t.microsecond)] as const;
    checkTime(...r);
    return new PyTime(...r, tz === undefined ? t.tzinfo : tz, t.fold, t.cls);
  });
  method(c, 'utcoffset', (a) => utcoffsetOf((a[0] as PyTime).tzinfo, None));
  classMethod(c, 'fromisoformat', (a) => {
    const s = str(a[1] ?? '');
    const [h, mi, sec, us, tz] = parseIsoTime(s, s);
    checkTime(h, mi, sec, us);
    return new PyTime(h, mi, sec, us, tz, 0, a[0] as PyClass);
  });
  const key = (t: PyTime) => BigInt(((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond) - (utcoffsetUs(t.tzinfo, None) ?? 0n);
  for (const op of ORDER_OPS) {
    method(c, op, (a) => {
      const o = a[1];
      if (!(o instanceof PyTime)) return NotImplemented;
      return cmpValues(key(a[0] as PyTime), key(o), op);
    });
  }
  c.dict.set('min', new PyTime(0, 0, 0, 0));
  c.dict.set('max', new PyTime(23, 59, 59, 999999));
  c.dict.set('resolution', new PyTimedelta(1n));
}

function installTimezone(): void {
  const c = timezoneClass;
  c.nativeNew = (_cls, args, kwargs) => {
    const [offset, name] = pick(args, kwargs, ['offset', 'name'], 'timezone');
    if (!(offset instanceof PyTimedelta)) throw pyError(TypeError, `timezone() argument 1 must be datetime.timedelta, not ${typeName(offset ?? None)}`);
    if (name !== undefined && typeof unbox(name) !== 'string') throw pyError(TypeError, `timezone() argument 2 must be str, not ${typeName(name)}`);
    return makeTimezone(offset, name === undefined ? null : (unbox(name) as string));
  };
  c.dict.set('utc', UTC);
  c.dict.set('min', new PyTimezone(new PyTimedelta(-US_PER_DAY + 60_000_000n)));
  c.dict.set('max', new PyTimezone(new PyTimedelta(US_PER_DAY - 60_000_000n)));
  method(c, 'utcoffset', (a) => (a[0] as PyTimezone).offset);
  method(c, 'tzname', (a) => (a[0] as PyTimezone).tzname());
  method(c, 'dst', () => None);
  method(c, 'fromutc', (a) => {
    const tz = a[0] as PyTimezone;
    const d = a[1];
    if (!(d instanceof PyDatetime)) throw pyError(TypeError, 'fromutc() argument must be a datetime.datetime instance');
    return datetimeFromLocalUs(d.localUs + tz.offset.totalUs, tz, d.cls);
  });
  // tzinfo base methods for Python subclasses
  method(tzinfoClass, 'utcoffset', () => {
    throw pyError(pyErrorNotImpl(), 'a tzinfo subclass must implement utcoffset()');
  });
  method(tzinfoClass, 'tzname', () => {
    throw pyError(pyErrorNotImpl(), 'a tzinfo subclass must implement tzname()');
  });
  method(tzinfoClass, 'dst', () => {
    throw pyError(pyErrorNotImpl(), 'a tzinfo subclass must implement dst()');
  });
  method(tzinfoClass, 'fromutc', (a) => {
    const d = a[1] as PyDatetime;
    const off = utcoffsetUs(a[0]!, d) ?? 0n;
    return datetimeFromLocalUs(d.localUs + off, a[0]!, d.cls);
  });
  tzinfoClass.nativeNew = (cls) => new PyInstance(cls);
}

import { NotImplementedError } from '../objects.ts';
function pyErrorNotImpl(): PyClass {
  return NotImplementedError;
}

let installed = false;
let currentInterp: Interpreter | null = null;

export function makeDatetimeModule(interp: Interpreter): PyModule {
  currentInterp = interp;
  if (!installed) {
    installed = true;
    const get = () => currentInterp;
    installTimedelta();
    installDate(get);
    installDatetime(get);
    installTime();
    installTimezone();
  }
  const m = new PyModule('datetime');
  m.dict.set('__doc__', 'Fast implementation of the datetime type.');
  for (const cls of [dateClass, datetimeClass, timeClass, timedeltaClass, tzinfoClass, timezoneClass]) m.dict.set(cls.name, cls);
  m.dict.set('MINYEAR', BigInt(MINYEAR));
  m.dict.set('MAXYEAR', BigInt(MAXYEAR));
  m.dict.set('UTC', UTC);
  return m;
}

/** The interpreter whose Env `now()` uses (the most recent one that imported datetime). */
export function setDatetimeInterpreter(interp: Interpreter): void {
  currentInterp = interp;
}


timedeltaClass.tpName = 'datetime.timedelta';
dateClass.tpName = 'datetime.date';
datetimeClass.tpName = 'datetime.datetime';
timeClass.tpName = 'datetime.time';
timezoneClass.tpName = 'datetime.timezone';
tzinfoClass.tpName = 'datetime.tzinfo';
