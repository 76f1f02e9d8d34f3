/**
 * The `zoneinfo` module, as far as the sandbox needs it: Django's current time zone is
 * `zoneinfo.ZoneInfo(settings.TIME_ZONE)`, which shows in values such as Trunc results
 * (`datetime.datetime(2025, 11, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))`).
 *
 * Only zones with a fixed offset of zero are available (UTC and its aliases): there is no time
 * zone database in the sandbox, so other keys raise ZoneInfoNotFoundError rather than give wrong
 * offsets.
 */
import { KeyError, None, PyClass, PyModule, type PyValue, TypeError, pyError, strRepr, typeName } from '../objects.ts';
import { PyTimedelta, PyTimezone, tzinfoClass } from './datetime.ts';
import { getter, method } from '../types/core.ts';

const UTC_KEYS = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'UCT', 'Universal', 'Zulu', 'Etc/GMT', 'GMT', 'Etc/Greenwich', 'Greenwich', 'Etc/GMT0', 'GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT+0', 'GMT-0']);

export const zoneInfoClass = new PyClass('ZoneInfo', { module: 'zoneinfo', bases: [tzinfoClass] });
const notFoundClass = new PyClass('ZoneInfoNotFoundError', { module: 'zoneinfo._common', bases: [KeyError] });

/** A ZoneInfo: a fixed zero offset named by its key (instances are cached per key, like CPython's). */
export class PyZoneInfo extends PyTimezone {
  constructor(readonly key: string) {
    super(new PyTimedelta(0n), key);
  }
  override get pyClass(): PyClass {
    return zoneInfoClass;
  }
  override tzname(): string {
    return this.key.includes('GMT') || this.key.includes('Greenwich') ? 'GMT' : 'UTC';
  }
  override nativeRepr(): string {
    return `zoneinfo.ZoneInfo(key=${strRepr(this.key)})`;
  }
  override nativeStr(): string {
    return this.key;
  }
  override nativeEq(other: PyValue): boolean | undefined {
    return other === this;
  }
  override nativeHashKey(): string {
    return 'zoneinfo:' + this.key;
  }
}

const cache = new Map<string, PyZoneInfo>();

/** `zoneinfo.ZoneInfo(key)`. */
export function zoneInfo(key: string): PyZoneInfo {
  let z = cache.get(key);
  if (!z) {
    if (!UTC_KEYS.has(key)) throw pyError(notFoundClass, `No time zone found with key ${key}`);
    z = new PyZoneInfo(key);
    cache.set(key, z);
  }
  return z;
}

zoneInfoClass.nativeNew = (_cls, args, kwargs) => {
  const key = args[0] ?? kwargs.get('key');
  if (key === undefined) throw pyError(TypeError, "ZoneInfo.__new__() missing required argument 'key' (pos 1)");
  if (typeof key !== 'string') throw pyError(TypeError, `expected str, bytes or os.PathLike object, not ${typeName(key)}`);
  return zoneInfo(key);
};
method(zoneInfoClass, 'utcoffset', (a) => (a[0] as PyZoneInfo).offset);
method(zoneInfoClass, 'tzname', (a) => (a[0] as PyZoneInfo).tzname());
method(zoneInfoClass, 'dst', () => new PyTimedelta(0n));
getter(zoneInfoClass, 'key', (self) => (self as PyZoneInfo).key);

export function makeZoneinfoModule(): PyModule {
  const m = new PyModule('zoneinfo');
  m.dict.set('ZoneInfo', zoneInfoClass);
  m.dict.set('ZoneInfoNotFoundError', notFoundClass);
  m.dict.set('available_timezones', None);
  return m;
}
