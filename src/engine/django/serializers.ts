/**
 * django.core.serializers.json.DjangoJSONEncoder: json.JSONEncoder that also writes datetimes
 * (ISO 8601, milliseconds, `Z` for UTC), dates, times, durations (ISO 8601), Decimals and UUIDs.
 * (The serializers themselves — serialize()/deserialize() — are not part of the sandbox.)
 */
import { NativeFunction, PyClass, PyModule, type PyValue, None, ValueError, call, callMethod, getattr, isinstance, pyError, str } from '../python/objects.ts';
import { JSONEncoderClass } from '../python/stdlib/json.ts';

const MODULE = 'django.core.serializers.json';

function durationIso(importModule: (n: string) => PyModule, d: PyValue): string {
  const days = getattr(d, 'days') as bigint;
  const seconds = getattr(d, 'seconds') as bigint;
  const micro = getattr(d, 'microseconds') as bigint;
  let us = (days * 86400n + seconds) * 1_000_000n + micro;
  void importModule;
  let sign = '';
  if (us < 0n) {
    sign = '-';
    us = -us;
  }
  const totalSeconds = us / 1_000_000n;
  const micros = us % 1_000_000n;
  const dd = totalSeconds / 86400n;
  const rest = totalSeconds % 86400n;
  const hh = rest / 3600n;
  const mm = (rest % 3600n) / 60n;
  const ss = rest % 60n;
  const pad = (n: bigint) => String(n).padStart(2, '0');
  const ms = micros ? `.${String(micros).padStart(6, '0')}` : '';
  return `${sign}P${dd}DT${pad(hh)}H${pad(mm)}M${pad(ss)}${ms}S`;
}

export function serializersJsonModule(importModule: (n: string) => PyModule): PyModule {
  const datetime = importModule('datetime');
  const cls = (m: PyModule, n: string) => getattr(m, n) as PyClass;
  const encoder = new PyClass('DjangoJSONEncoder', { module: MODULE, bases: [JSONEncoderClass] });
  encoder.dict.set(
    'default',
    new NativeFunction(
      'default',
      (a) => {
        const o = a[1] ?? None;
        if (isinstance(o, cls(datetime, 'datetime'))) {
          let r = str(callMethod(o, 'isoformat'));
          if ((getattr(o, 'microsecond') as bigint) !== 0n) r = r.slice(0, 23) + r.slice(26);
          if (r.endsWith('+00:00')) r = r.slice(0, -6) + 'Z';
          return r;
        }
        if (isinstance(o, cls(datetime, 'date'))) return callMethod(o, 'isoformat');
        if (isinstance(o, cls(datetime, 'time'))) {
          if (callMethod(o, 'utcoffset') !== None) throw pyError(ValueError, "JSON can't represent timezone-aware times.");
          let r = str(callMethod(o, 'isoformat'));
          if ((getattr(o, 'microsecond') as bigint) !== 0n) r = r.slice(0, 12);
          return r;
        }
        if (isinstance(o, cls(datetime, 'timedelta'))) return durationIso(importModule, o);
        if (isinstance(o, cls(importModule('decimal'), 'Decimal')) || isinstance(o, cls(importModule('uuid'), 'UUID'))) return str(o);
        return call(getattr(JSONEncoderClass, 'default'), [a[0]!, o]);
      },
      { module: MODULE, qualname: 'DjangoJSONEncoder.default' },
    ),
  );
  const m = new PyModule(MODULE);
  m.dict.set('DjangoJSONEncoder', encoder);
  return m;
}
