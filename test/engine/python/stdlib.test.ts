import { describe, expect, it } from 'vitest';
import {
  None,
  PyDecimal,
  PyTimedelta,
  UTC,
  decimalFromString,
  makeDate,
  makeDatetime,
  makeDecimal,
  makeTime,
  makeTimedelta,
  makeTimezone,
  makePath,
  quantizeDec,
  repr,
  str,
  uuid4From,
  uuidFromHex,
  datetimeFromDate,
  typeName,
} from '../../../src/engine/python/index.ts';
import { FROZEN_NOW } from '../../../src/engine/env.ts';
import { run } from './helpers.ts';

describe('SQL literals (psycopg2 adaptation)', () => {
  it('datetime, date, time, timedelta', () => {
    expect(makeDatetime(2026, 1, 2, 3, 4, 5, 0, UTC).nativeSqlLiteral()).toBe("'2026-01-02T03:04:05+00:00'::timestamptz");
    expect(makeDatetime(2026, 1, 2, 3, 4, 5).nativeSqlLiteral()).toBe("'2026-01-02T03:04:05'::timestamp");
    expect(makeDatetime(2026, 1, 2, 3, 4, 5, 123456, makeTimezone(makeTimedelta(0, -5 * 3600))).nativeSqlLiteral()).toBe(
      "'2026-01-02T03:04:05.123456-05:00'::timestamptz",
    );
    expect(makeDate(2026, 1, 2).nativeSqlLiteral()).toBe("'2026-01-02'::date");
    expect(makeTime(3, 4, 5).nativeSqlLiteral()).toBe("'03:04:05'::time");
    expect(makeTimedelta(1, 3600).nativeSqlLiteral()).toBe("'1 days 3600.000000 seconds'::interval");
    expect(makeTimedelta(0, 0, -1).nativeSqlLiteral()).toBe("'-1 days 86399.999999 seconds'::interval");
  });

  it('Decimal and UUID', () => {
    expect(decimalFromString('1.50').nativeSqlLiteral()).toBe('1.50');
    expect(decimalFromString('NaN').nativeSqlLiteral()).toBe("'NaN'::numeric");
    expect(decimalFromString('1E+3').nativeSqlLiteral()).toBe('1E+3');
    expect(uuidFromHex('12345678123456781234567812345678').nativeSqlLiteral()).toBe("'12345678-1234-5678-1234-567812345678'::uuid");
  });
});

describe('TypeScript constructors keep Python identities', () => {
  it('datetime', () => {
    const dt = datetimeFromDate(FROZEN_NOW, true);
    expect(repr(dt)).toBe('datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)');
    expect(str(dt)).toBe('2026-01-02 03:04:05+00:00');
    expect(dt.isoformat()).toBe('2026-01-02T03:04:05+00:00');
    expect(typeName(dt)).toBe('datetime.datetime');
    expect(dt.pyClass.module).toBe('datetime');
    expect(dt.pyClass.qualname).toBe('datetime');
    expect(() => makeDate(2026, 2, 30)).toThrow('day is out of range for month');
  });

  it('Decimal arithmetic and exponent-preserving repr', () => {
    const a = makeDecimal('48.35');
    expect(repr(a)).toBe("Decimal('48.35')");
    expect(repr(quantizeDec(a, decimalFromString('1.0000000000000000')))).toBe("Decimal('48.3500000000000000')");
    expect(a).toBeInstanceOf(PyDecimal);
    expect(a.pyClass.module).toBe('decimal');
    expect(run('from decimal import Decimal\nprint(Decimal("1.1") * 3, Decimal(1) / 7, Decimal("10") / Decimal("4.0"))\n')).toBe(
      '3.3 0.1428571428571428571428571429 2.5\n',
    );
  });

  it('uuid4 sets version and variant bits', () => {
    const u = uuid4From(new Uint8Array(16).fill(0xff));
    expect(str(u)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(repr(uuid4From(new Uint8Array(16)))).toBe("UUID('00000000-0000-4000-8000-000000000000')");
    expect(run('import uuid\nprint(uuid.uuid4.__module__, uuid.uuid4.__qualname__, uuid.UUID.__module__, uuid.UUID.__qualname__)\n')).toBe(
      'uuid uuid4 uuid UUID\n',
    );
  });

  it('Path', () => {
    const p = makePath('/proj/mysite/settings.py');
    expect(repr(p)).toBe("PosixPath('/proj/mysite/settings.py')");
    expect(run('from pathlib import Path\nBASE_DIR = Path("/proj/mysite/settings.py").resolve().parent.parent\nprint(BASE_DIR, repr(BASE_DIR / "db.sqlite3"))\n')).toBe(
      "/proj PosixPath('/proj/db.sqlite3')\n",
    );
  });

  it('timedelta str and repr', () => {
    const td = makeTimedelta(-1, 5);
    expect(td).toBeInstanceOf(PyTimedelta);
    expect(str(td)).toBe('-1 day, 0:00:05');
    expect(repr(td)).toBe('datetime.timedelta(days=-1, seconds=5)');
    expect(None).toBeDefined();
  });
});

describe('datetime.now follows the frozen clock', () => {
  it('naive and aware now, utcnow, today', () => {
    expect(run('import datetime\nprint(datetime.datetime.now(), datetime.datetime.utcnow(), datetime.datetime.now(datetime.timezone.utc).isoformat(), datetime.date.today())\n')).toBe(
      '2026-01-02 03:04:05 2026-01-02 03:04:05 2026-01-02T03:04:05+00:00 2026-01-02\n',
    );
  });
});
