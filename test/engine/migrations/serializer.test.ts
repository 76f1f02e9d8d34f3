/**
 * The serializer against what Django 5.2's serializer_factory(value).serialize() returns (the
 * expected strings were produced by the real Django).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  BoundMethod,
  NativeFunction,
  None,
  PyBytes,
  PyClass,
  PyDict,
  PyException,
  PyInstance,
  PyIterator,
  PyRange,
  PySet,
  type PyValue,
  call,
  intClass,
  noneTypeClass,
  objectClass,
} from '../../../src/engine/python/objects.ts';
import { serialize } from '../../../src/engine/migrations/serializer.ts';
import { FIELD_CLASSES } from '../../../src/engine/state/fields/registry.ts';
import { CASCADE, SET, SET_NULL } from '../../../src/engine/state/deletion.ts';
import { SettingsReference, swappable } from '../../../src/engine/state/fields/related.ts';
import { ChoicesType, IntegerChoicesClass, TextChoicesClass } from '../../../src/engine/django/enums.ts';
import { validatorsModule } from '../../../src/engine/django/validators.ts';
import { F, check, choices, dict, field, func, index, list, q, tuple, unique } from './writer-fixtures.ts';
import * as X from './serializer-fakes.ts';

function ser(v: PyValue): [string, string[]] {
  const s = serialize(v);
  return [s.code, [...s.imports].sort()];
}

function serError(v: PyValue): string {
  try {
    serialize(v);
  } catch (e) {
    if (e instanceof PyException) return e.lastLine.split('\n')[0]! + (e.message.includes('\n') ? '\n' + e.message.split('\n').slice(1).join('\n') : '');
    throw e;
  }
  throw new Error('no error');
}

function errorMessage(v: PyValue): [string, string] {
  try {
    serialize(v);
  } catch (e) {
    if (e instanceof PyException) return [e.pyClass.name, e.message];
    throw e;
  }
  throw new Error('no error');
}

describe('base types', () => {
  it('int, bool, None, str, bytes, range', () => {
    expect(ser(1n)).toEqual(['1', []]);
    expect(ser(-5n)).toEqual(['-5', []]);
    expect(ser(10n ** 30n)).toEqual(['1000000000000000000000000000000', []]);
    expect(ser(true)).toEqual(['True', []]);
    expect(ser(None)).toEqual(['None', []]);
    expect(ser("a'b\"c")).toEqual(["'a\\'b\"c'", []]);
    expect(ser("it's")).toEqual(['"it\'s"', []]);
    expect(ser('é\u2028\x00')).toEqual(["'é\\u2028\\x00'", []]);
    expect(ser(new PyBytes(new Uint8Array([0x61, 0x27, 0x62])))).toEqual(['b"a\'b"', []]);
    expect(ser(new PyBytes(new Uint8Array([0, 255])))).toEqual(["b'\\x00\\xff'", []]);
    expect(ser(new PyRange(0n, 3n, 1n))).toEqual(['range(0, 3)', []]);
    expect(ser(new PyRange(1n, 5n, 2n))).toEqual(['range(1, 5, 2)', []]);
  });

  it('floats, with inf and nan as float("…")', () => {
    expect(ser(1.5)).toEqual(['1.5', []]);
    expect(ser(Infinity)).toEqual(['float("inf")', []]);
    expect(ser(-Infinity)).toEqual(['float("-inf")', []]);
    expect(ser(NaN)).toEqual(['float("nan")', []]);
    expect(ser(-0)).toEqual(['-0.0', []]);
    expect(ser(1e16)).toEqual(['1e+16', []]);
    expect(ser(1e-5)).toEqual(['1e-05', []]);
    expect(ser(1e22)).toEqual(['1e+22', []]);
    expect(ser(123456789.123)).toEqual(['123456789.123', []]);
    expect(ser(0.1 + 0.2)).toEqual(['0.30000000000000004', []]);
  });
});

describe('containers', () => {
  it('list, tuple, set, frozenset, dict', () => {
    expect(ser(list(1n, 'a'))).toEqual(["[1, 'a']", []]);
    expect(ser(tuple())).toEqual(['()', []]);
    expect(ser(tuple(1n))).toEqual(['(1,)', []]);
    expect(ser(tuple(1n, 2n))).toEqual(['(1, 2)', []]);
    expect(ser(new PySet())).toEqual(['set()', []]);
    expect(ser(new PySet([2n, 1n]))).toEqual(['{1, 2}', []]);
    // sorted by repr: "'a'" < "1"
    expect(ser(new PySet([1n, 'a']))).toEqual(["{'a', 1}", []]);
    expect(ser(new PySet([3n, 1n, 2n], true))).toEqual(['frozenset([1, 2, 3])', []]);
    expect(ser(new PySet([], true))).toEqual(['frozenset([])', []]);
    expect(ser(dict({ b: 1n, a: 2n }))).toEqual(["{'a': 2, 'b': 1}", []]);
    expect(ser(new PyDict([[tuple(1n, 2n), 'a'], [tuple(1n), 'b']]))).toEqual(["{(1,): 'b', (1, 2): 'a'}", []]);
    expect(ser(new PyDict([[true, 1n], [0n, 2n]]))).toEqual(['{0: 2, True: 1}', []]);
    expect(ser(new PyDict([[1.5, 'x'], [1n, 'y']]))).toEqual(["{1: 'y', 1.5: 'x'}", []]);
  });

  it('nested values collect imports', () => {
    expect(ser(list(X.date(2026, 1, 2), X.decimal('2')))).toEqual(["[datetime.date(2026, 1, 2), Decimal('2')]", ['from decimal import Decimal', 'import datetime']]);
    expect(
      ser(
        dict({
          k: X.uuid('00000000-0000-0000-0000-000000000001'),
          a: tuple(X.timedelta(0n, 3600n, 0n, 'datetime.timedelta(seconds=3600)')),
        }),
      ),
    ).toEqual(["{'a': (datetime.timedelta(seconds=3600),), 'k': uuid.UUID('00000000-0000-0000-0000-000000000001')}", ['import datetime', 'import uuid']]);
  });

  it('dict keys that cannot be ordered raise TypeError', () => {
    expect(errorMessage(new PyDict([[1n, 'a'], ['b', 2n]]))).toEqual(['TypeError', "'<' not supported between instances of 'str' and 'int'"]);
  });

  it('other iterables become tuples', () => {
    expect(ser(new PyIterator([1n, 2n][Symbol.iterator]()))).toEqual(['(1, 2)', []]);
    expect(ser(new PyIterator([1n][Symbol.iterator]()))).toEqual(['(1,)', []]);
  });
});

describe('stdlib values', () => {
  it('datetime: naive, UTC, converted to UTC, fixed zero offset kept', () => {
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 5))).toEqual(['datetime.datetime(2026, 1, 2, 3, 4, 5)', ['import datetime']]);
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 5, 0, null, 1))).toEqual(['datetime.datetime(2026, 1, 2, 3, 4, 5, fold=1)', ['import datetime']]);
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 5, 0, X.tz(0)))).toEqual(['datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)', ['import datetime']]);
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 5, 0, X.tz(120)))).toEqual(['datetime.datetime(2026, 1, 2, 1, 4, 5, tzinfo=datetime.timezone.utc)', ['import datetime']]);
    expect(ser(X.datetime(2026, 1, 1, 23, 30, 0, 0, X.tz(-180)))).toEqual(['datetime.datetime(2026, 1, 2, 2, 30, tzinfo=datetime.timezone.utc)', ['import datetime']]);
    expect(ser(X.datetime(2026, 1, 2, 1, 0, 0, 5, X.tz(120)))).toEqual(['datetime.datetime(2026, 1, 1, 23, 0, 0, 5, tzinfo=datetime.timezone.utc)', ['import datetime']]);
    expect(ser(X.datetime(2024, 3, 1, 0, 30, 0, 0, X.tz(60)))).toEqual(['datetime.datetime(2024, 2, 29, 23, 30, tzinfo=datetime.timezone.utc)', ['import datetime']]);
    const named = X.tz(0, 'timezone', "datetime.timezone(datetime.timedelta(0), 'Z')");
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 0, 0, named))).toEqual(["datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(0), 'Z'))", ['import datetime']]);
    // zoneinfo.ZoneInfo('UTC') != datetime.timezone.utc: converted
    const zi = X.tz(0, 'zoneinfo', "zoneinfo.ZoneInfo(key='UTC')");
    expect(ser(X.datetime(2026, 1, 2, 3, 4, 5, 0, zi))).toEqual(['datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)', ['import datetime']]);
  });

  it('date, time, timedelta', () => {
    expect(ser(X.date(2026, 1, 2))).toEqual(['datetime.date(2026, 1, 2)', ['import datetime']]);
    expect(ser(X.time('datetime.time(3, 4)'))).toEqual(['datetime.time(3, 4)', ['import datetime']]);
    expect(ser(X.timedelta(1n, 5n, 0n, 'datetime.timedelta(days=1, seconds=5)'))).toEqual(['datetime.timedelta(days=1, seconds=5)', ['import datetime']]);
  });

  it('Decimal, UUID, paths', () => {
    expect(ser(X.decimal('1.50'))).toEqual(["Decimal('1.50')", ['from decimal import Decimal']]);
    expect(ser(X.uuid('00000000-0000-0000-0000-000000000005'))).toEqual(["uuid.UUID('00000000-0000-0000-0000-000000000005')", ['import uuid']]);
    expect(ser(X.posixPath('/a/b'))).toEqual(["pathlib.PurePosixPath('/a/b')", ['import pathlib']]);
    expect(ser(X.purePosixPath('a'))).toEqual(["pathlib.PurePosixPath('a')", ['import pathlib']]);
  });

  it('compiled regexes without the implicit UNICODE flag', () => {
    expect(ser(X.pattern('^a+$', 32n))).toEqual(["re.compile('^a+$')", ['import re']]);
    expect(ser(X.pattern('x', 32n | 2n | 8n))).toEqual(["re.compile('x', 10)", ['import re']]);
    expect(ser(X.pattern(new PyBytes(new Uint8Array([0x78])), 0n))).toEqual(["re.compile(b'x', 32)", ['import re']]);
  });

  it('functools.partial', () => {
    expect(ser(X.partial(intClass, [1n], dict({ base: 2n })))).toEqual(["functools.partial(int, *(1,), **{'base': 2})", ['import functools']]);
  });

  it('enum members and flags', () => {
    const Color = new PyClass('Color', { module: 'app.enums', bases: [X.enumClass] });
    expect(ser(X.enumMember(Color, 'RED'))).toEqual(["app.enums.Color['RED']", ['import app.enums']]);
    const Perm = new PyClass('Perm', { module: 'app.enums', bases: [X.flagClass] });
    const r = X.enumMember(Perm, 'R');
    const w = X.enumMember(Perm, 'W');
    expect(ser(X.enumMember(Perm, 'R|W', [r, w]))).toEqual(["app.enums.Perm['R'] | app.enums.Perm['W']", ['import app.enums']]);
    expect(ser(X.enumMember(Perm, '0', []))).toEqual(['', ['import app.enums']]);
  });

  it('Choices members serialize as their value', () => {
    const Size = call(ChoicesType, ['Size', tuple(TextChoicesClass), dict({ __module__: 'app.models', S: tuple('S', 'Small') })]) as PyClass;
    const Num = call(ChoicesType, ['Num', tuple(IntegerChoicesClass), dict({ __module__: 'app.models', ONE: 1n })]) as PyClass;
    expect(ser(Size.dict.get('S')!)).toEqual(["'S'", []]);
    expect(ser(Num.dict.get('ONE')!)).toEqual(['1', []]);
    // the class itself is a type
    expect(ser(Size)).toEqual(['app.models.Size', ['import app.models']]);
  });

  it('lazy strings are serialized as str', () => {
    expect(ser(X.lazy('hello'))).toEqual(["'hello'", []]);
  });
});

describe('functions and classes', () => {
  it('module functions, methods, builtins', () => {
    expect(ser(new NativeFunction('uuid4', () => None, { module: 'uuid' }))).toEqual(['uuid.uuid4', ['import uuid']]);
    expect(ser(new NativeFunction('len', () => None))).toEqual(['builtins.len', ['import builtins']]);
    expect(ser(CASCADE)).toEqual(['django.db.models.deletion.CASCADE', ['import django.db.models.deletion']]);
    expect(ser(SET_NULL)).toEqual(['django.db.models.deletion.SET_NULL', ['import django.db.models.deletion']]);
    const K = new PyClass('K', { module: 'app.util' });
    const cm = new NativeFunction('cm', () => None, { module: 'app.util', qualname: 'K.cm' });
    expect(ser(new BoundMethod(K, cm))).toEqual(['app.util.K.cm', ['import app.util']]);
    const m = new NativeFunction('m', () => None, { module: 'app.util', qualname: 'K.m' });
    expect(ser(new BoundMethod(new PyInstance(K), m))).toEqual(['app.util.K.m', ['import app.util']]);
  });

  it('lambdas and nested functions cannot be serialized', () => {
    expect(errorMessage(new NativeFunction('<lambda>', () => None, { module: 'app.models' }))).toEqual(['ValueError', 'Cannot serialize function: lambda']);
    expect(errorMessage(new NativeFunction('inner', () => None, { module: 'app.models', qualname: 'outer.<locals>.inner' }))).toEqual([
      'ValueError',
      'Could not find function inner in app.models.\n',
    ]);
  });

  it('classes', () => {
    expect(ser(intClass)).toEqual(['int', []]);
    expect(ser(noneTypeClass)).toEqual(['types.NoneType', ['import types']]);
    expect(ser(new PyClass('Model', { module: 'django.db.models.base' }))).toEqual(['models.Model', ['from django.db import models']]);
    expect(ser(FIELD_CLASSES.get('CharField')!)).toEqual(['django.db.models.fields.CharField', ['import django.db.models.fields']]);
    expect(ser(new PyClass('Inner', { module: 'app.models', qualname: 'Outer.Inner' }))).toEqual(['app.models.Outer.Inner', ['import app.models']]);
  });
});

describe('deconstructible objects', () => {
  afterEach(() => {
    swappable.settingFor = () => null;
  });

  it('fields', () => {
    expect(ser(field('CharField', { max_length: 5n, choices: choices(['a', 'A']) }))).toEqual(["models.CharField(choices=[('a', 'A')], max_length=5)", ['from django.db import models']]);
    expect(ser(field('IntegerField', { default: -1n }))).toEqual(['models.IntegerField(default=-1)', ['from django.db import models']]);
    expect(ser(field('DecimalField', { default: X.decimal('0.00'), max_digits: 5n, decimal_places: 2n }))).toEqual([
      "models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=5)",
      ['from decimal import Decimal', 'from django.db import models'],
    ]);
    expect(ser(field('ForeignKey', { to: 'auth.User', on_delete: CASCADE }))).toEqual([
      "models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.user')",
      ['from django.db import models', 'import django.db.models.deletion'],
    ]);
    const validators = validatorsModule();
    const minLength = call(validators.dict.get('MinLengthValidator')!, [2n]);
    expect(ser(field('CharField', { default: 'x', validators: list(minLength) }))).toEqual([
      "models.CharField(default='x', validators=[django.core.validators.MinLengthValidator(2)])",
      ['from django.db import models', 'import django.core.validators'],
    ]);
  });

  it('swappable targets become settings references', () => {
    swappable.settingFor = (label) => (label === 'auth.user' ? 'AUTH_USER_MODEL' : null);
    expect(ser(field('ForeignKey', { to: 'auth.User', on_delete: CASCADE, related_name: 'questions' }))).toEqual([
      "models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to=settings.AUTH_USER_MODEL)",
      ['from django.conf import settings', 'from django.db import models', 'import django.db.models.deletion'],
    ]);
    expect(ser(new SettingsReference('auth.User', 'AUTH_USER_MODEL'))).toEqual(['settings.AUTH_USER_MODEL', ['from django.conf import settings']]);
  });

  it('on_delete=models.SET(value)', () => {
    expect(ser(call(SET, [5n]))).toEqual(['models.SET(5)', ['from django.db import models']]);
  });

  it('Q, F, Value, functions', () => {
    expect(ser(q([['a', 1n], ['b__gt', 2n]], { connector: 'OR' }))).toEqual(["models.Q(('a', 1), ('b__gt', 2), _connector='OR')", ['from django.db import models']]);
    expect(ser(q([['x', None]], { negated: true }))).toEqual(["models.Q(('x', None), _negated=True)", ['from django.db import models']]);
    expect(ser(q([q([['a', 1n]]), ['b', 2n]]))).toEqual(["models.Q(models.Q(('a', 1)), ('b', 2))", ['from django.db import models']]);
    expect(ser(F('x'))).toEqual(["models.F('x')", ['from django.db import models']]);
    expect(ser(func('Lower', 'name'))).toEqual(["django.db.models.functions.text.Lower('name')", ['import django.db.models.functions.text']]);
    expect(ser(func('Now'))).toEqual(['django.db.models.functions.datetime.Now()', ['import django.db.models.functions.datetime']]);
  });

  it('indexes and constraints', () => {
    expect(ser(index({ fields: list('a'), name: 'i' }))).toEqual(["models.Index(fields=['a'], name='i')", ['from django.db import models']]);
    expect(ser(unique({ name: 'u' }, [func('Lower', 'n')]))).toEqual([
      "models.UniqueConstraint(django.db.models.functions.text.Lower('n'), name='u')",
      ['from django.db import models', 'import django.db.models.functions.text'],
    ]);
    expect(ser(check({ condition: q([['price__gte', 0n]]), name: 'c' }))).toEqual(["models.CheckConstraint(condition=models.Q(('price__gte', 0)), name='c')", ['from django.db import models']]);
  });

  it('objects with a Python-level deconstruct()', () => {
    const Cls = new PyClass('Thing', { module: 'app.things' });
    const thing = new X.Fake(Cls, {}, '<Thing>', {
      deconstruct: () => tuple('app.things.Thing', tuple(1n), dict({ b: 'x', a: X.decimal('1') })),
    });
    expect(ser(thing)).toEqual(["app.things.Thing(1, a=Decimal('1'), b='x')", ['from decimal import Decimal', 'import app.things']]);
    const Short = new X.Fake(Cls, {}, '<Thing>', { deconstruct: () => tuple('django.db.models.Thing', tuple(), dict({})) });
    expect(ser(Short)).toEqual(['models.Thing()', ['from django.db import models']]);
  });

  it('managers', () => {
    expect(ser(X.manager(X.managerClass, [false, 'django.db.models.manager.Manager', None, tuple(), dict({})]))).toEqual([
      'django.db.models.manager.Manager()',
      ['import django.db.models.manager'],
    ]);
    const My = new PyClass('MyManager', { module: 'myapp.models', bases: [X.managerClass] });
    expect(ser(X.manager(My, [true, 'myapp.models.MyManager', 'myapp.models.QS', None, None]))).toEqual(['myapp.models.QS.as_manager()', ['import myapp.models']]);
  });
});

describe('unserializable values', () => {
  it('raise ValueError with Django message', () => {
    const obj = new PyInstance(objectClass);
    const [cls, msg] = errorMessage(obj);
    expect(cls).toBe('ValueError');
    expect(msg).toMatch(
      /^Cannot serialize: <object object at 0x[0-9a-f]+>\nThere are some values Django cannot serialize into migration files.\nFor more, see https:\/\/docs.djangoproject.com\/en\/5.2\/topics\/migrations\/#migration-serializing$/,
    );
    expect(serError(obj)).toMatch(/^ValueError: Cannot serialize: <object object at 0x[0-9a-f]+>\nThere are some/);
  });
});
