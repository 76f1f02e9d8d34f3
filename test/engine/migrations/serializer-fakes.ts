/**
 * Stand-ins for stdlib values (datetime, Decimal, UUID, pathlib, re, functools.partial, enum,
 * lazy strings, managers) for the serializer tests. The serializer recognises these by their
 * class's module and name and reads them through the Python protocol, as it will the real
 * src/engine/python/stdlib objects.
 */
import {
  NativeFunction,
  None,
  PyClass,
  PyObject,
  PyTuple,
  type PyValue,
  objectClass,
  strRepr,
} from '../../../src/engine/python/objects.ts';

/** An object of a given class with fixed attributes, methods and repr. */
export class Fake extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly attrs: Record<string, PyValue> = {},
    readonly reprText = `<${cls.name}>`,
    readonly methods: Record<string, (...args: PyValue[]) => PyValue> = {},
    readonly iterItems?: PyValue[],
  ) {
    super();
    if (iterItems) this.nativeIter = () => iterItems[Symbol.iterator]();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name in this.attrs) return this.attrs[name];
    const m = this.methods[name];
    if (m) return new NativeFunction(name, (args) => m(...args));
    return undefined;
  }
  override nativeRepr(): string {
    return this.reprText;
  }
  override nativeStr(): string {
    const s = this.attrs['__str__'];
    return typeof s === 'string' ? s : this.reprText;
  }
}

const cls = (name: string, module: string, bases: PyClass[] = [objectClass]) => new PyClass(name, { module, bases });

// datetime ------------------------------------------------------------------------------------

export const dateClass = cls('date', 'datetime');
export const datetimeClass = cls('datetime', 'datetime', [dateClass]);
export const timeClass = cls('time', 'datetime');
export const timedeltaClass = cls('timedelta', 'datetime');
export const tzinfoClass = cls('tzinfo', 'datetime');
export const timezoneClass = cls('timezone', 'datetime', [tzinfoClass]);
export const zoneInfoClass = cls('ZoneInfo', 'zoneinfo', [tzinfoClass]);

export function timedelta(days: bigint, seconds: bigint, microseconds = 0n, reprText = 'datetime.timedelta(...)'): Fake {
  return new Fake(timedeltaClass, { days, seconds, microseconds }, reprText);
}

/** A fixed-offset tzinfo: `datetime.timezone` (compares equal to utc when the offset is 0) or a ZoneInfo. */
export function tz(offsetMinutes: number, kind: 'timezone' | 'zoneinfo' = 'timezone', reprText?: string): Fake {
  const total = BigInt(offsetMinutes * 60);
  const days = total < 0n ? -1n - (-total - 1n) / 86400n : total / 86400n;
  const secs = total - days * 86400n;
  const off = timedelta(days, secs);
  return new Fake(kind === 'timezone' ? timezoneClass : zoneInfoClass, {}, reprText ?? (offsetMinutes === 0 ? 'datetime.timezone.utc' : `datetime.timezone(...)`), {
    utcoffset: () => off,
  });
}

export function date(y: number, m: number, d: number): Fake {
  return new Fake(dateClass, { year: BigInt(y), month: BigInt(m), day: BigInt(d) }, `datetime.date(${y}, ${m}, ${d})`);
}

/** A datetime whose repr is built like CPython's. */
export function datetime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0, tzinfo: Fake | null = null, fold = 0): Fake {
  let r = `datetime.datetime(${y}, ${mo}, ${d}, ${h}, ${mi}`;
  if (us) r += `, ${s}, ${us}`;
  else if (s) r += `, ${s}`;
  if (fold) r += ', fold=1';
  if (tzinfo) r += `, tzinfo=${tzinfo.reprText}`;
  r += ')';
  const attrs: Record<string, PyValue> = {
    year: BigInt(y),
    month: BigInt(mo),
    day: BigInt(d),
    hour: BigInt(h),
    minute: BigInt(mi),
    second: BigInt(s),
    microsecond: BigInt(us),
    fold: BigInt(fold),
    tzinfo: tzinfo ?? None,
  };
  return new Fake(datetimeClass, attrs, r, {
    utcoffset: () => (tzinfo ? (tzinfo.methods['utcoffset']!() as PyValue) : None),
  });
}

export function time(reprText: string): Fake {
  return new Fake(timeClass, {}, reprText);
}

// decimal, uuid, pathlib, re, functools --------------------------------------------------------

export const decimalClass = cls('Decimal', 'decimal');
export const decimal = (text: string) => new Fake(decimalClass, {}, `Decimal(${strRepr(text)})`);

export const uuidClass = cls('UUID', 'uuid');
export const uuid = (hex: string) => new Fake(uuidClass, {}, `UUID(${strRepr(hex)})`);

export const purePathClass = cls('PurePath', 'pathlib');
export const purePosixPathClass = cls('PurePosixPath', 'pathlib', [purePathClass]);
export const pathClass = cls('Path', 'pathlib', [purePathClass]);
export const posixPathClass = cls('PosixPath', 'pathlib', [pathClass, purePosixPathClass]);
export const posixPath = (p: string) => new Fake(posixPathClass, {}, `PosixPath(${strRepr(p)})`);
export const purePosixPath = (p: string) => new Fake(purePosixPathClass, {}, `PurePosixPath(${strRepr(p)})`);

export const patternClass = cls('Pattern', 're');
export const pattern = (source: PyValue, flags: bigint) => new Fake(patternClass, { pattern: source, flags }, `re.compile(...)`);

export const partialClass = cls('partial', 'functools');
export const partial = (func: PyValue, args: PyValue[], keywords: PyValue) =>
  new Fake(partialClass, { func, args: new PyTuple(args), keywords }, 'functools.partial(...)');

// enum -------------------------------------------------------------------------------------------

export const enumClass = cls('Enum', 'enum');
export const flagClass = cls('Flag', 'enum', [enumClass]);

export function enumMember(enumCls: PyClass, name: string, members?: Fake[]): Fake {
  return new Fake(enumCls, { name }, `<${enumCls.name}.${name}>`, {}, members);
}

// lazy strings, managers -----------------------------------------------------------------------

export const promiseClass = cls('Promise', 'django.utils.functional');
export const proxyClass = cls('__proxy__', 'django.utils.functional', [promiseClass]);
export const lazy = (text: string) => new Fake(proxyClass, { __str__: text }, `<django.utils.functional.lazy.<locals>.__proxy__ object>`);

export const baseManagerClass = cls('BaseManager', 'django.db.models.manager');
export const managerClass = cls('Manager', 'django.db.models.manager', [baseManagerClass]);

/** A manager whose deconstruct() returns (as_manager, manager_path, qs_path, args, kwargs). */
export function manager(managerCls: PyClass, deconstructed: PyValue[]): Fake {
  return new Fake(managerCls, {}, `<Manager>`, { deconstruct: () => new PyTuple(deconstructed) });
}
