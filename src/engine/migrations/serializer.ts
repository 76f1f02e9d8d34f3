/**
 * The migration serializer (django.db.migrations.serializer): turns a Python value into the
 * source text a migration file uses for it, plus the import lines that text needs.
 *
 * `serialize(value)` follows `serializer_factory`: lazy strings first, then model fields,
 * managers, operations, classes, anything with `deconstruct()`, then the type registry in
 * Django's order (containers, Choices members, enum members, datetime types, SettingsReference,
 * float, simple literals, Decimal, functools.partial, functions, other iterables, compiled
 * regexes, UUID, paths). Everything else raises Django's ValueError.
 *
 * Stdlib values (datetime, Decimal, UUID, Path, enum members, re.Pattern) are recognised by
 * their class's module and name and read through the Python protocol (getattr, repr), so this
 * file does not depend on how src/engine/python/stdlib implements them.
 */
import {
  BoundMethod,
  NativeFunction,
  None,
  NO_KWARGS,
  PyBytes,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyRange,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  bytesRepr,
  call,
  callMethod,
  floatRepr,
  getattr,
  getattrOpt,
  iterate,
  noneTypeClass,
  pyError,
  repr,
  str,
  strRepr,
  toArray,
  truthy,
  typeOf,
} from '../python/objects.ts';
import { Field } from '../state/fields/field.ts';
import { fieldDeconstruction } from '../state/fields/registry.ts';
import { SettingsReference } from '../state/fields/related.ts';
import { type Deconstruction, isDeconstructible } from '../state/expressions.ts';
import { setHandlerDeconstruction } from '../state/deletion.ts';
import { Operation, OperationBaseClass } from '../operations/base.ts';
import { compareCodePoints, pyLt, pySorted, sortedBy } from './serializer-compare.ts';
import { OperationWriter } from './writer.ts';

/** Serialized source text and the imports it needs (`import uuid`, `from django.db import models`). */
export interface Serialized {
  code: string;
  imports: Set<string>;
}

/** Django's documentation version in error messages. */
export const DOCS_VERSION = '5.2';

function ok(code: string, ...imports: string[]): Serialized {
  return { code, imports: new Set(imports) };
}

function merge(into: Set<string>, from: Iterable<string>): void {
  for (const i of from) into.add(i);
}

// ---------------------------------------------------------------------------------------------
// Type tests by class identity (module + name anywhere in the MRO)
// ---------------------------------------------------------------------------------------------

function classHas(cls: PyClass, module: string, name: string): boolean {
  return cls.mro.some((c) => c.module === module && c.name === name);
}

function isA(v: PyValue, module: string, name: string): boolean {
  return v instanceof PyObject && classHas(typeOf(v), module, name);
}

/** A method defined in Python (not natively) somewhere in the class's MRO. */
function pythonMethod(v: PyObject, name: string): PyValue | undefined {
  for (const c of typeOf(v).mro) {
    const m = c.dict.get(name);
    if (m === undefined) continue;
    return m instanceof NativeFunction ? undefined : m;
  }
  return undefined;
}

function isFunctionObject(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  if (v instanceof NativeFunction || v instanceof BoundMethod) return true;
  const cls = typeOf(v);
  if (cls.module === 'builtins' && (cls.name === 'function' || cls.name === 'builtin_function_or_method' || cls.name === 'method')) return true;
  return classHas(cls, 'functools', '_lru_cache_wrapper');
}

function isIterable(v: PyObject): boolean {
  return v.nativeIter !== undefined || typeOf(v).lookup('__iter__') !== undefined;
}

// ---------------------------------------------------------------------------------------------
// serializer_factory
// ---------------------------------------------------------------------------------------------

/** `serializer_factory(value).serialize()`. Raises Python exceptions (ValueError …) like Django. */
export function serialize(value: PyValue): Serialized {
  // Promise (lazy translation strings) → str; LazyObject → the wrapped value.
  if (isA(value, 'django.utils.functional', 'Promise') || isA(value, 'django.utils.functional', '__proxy__')) {
    value = str(value);
  } else if (isA(value, 'django.utils.functional', 'LazyObject')) {
    const reduced = callMethod(value, '__reduce__');
    value = toArray(toArray(reduced)[1]!)[0]!;
  }

  if (value instanceof Field) return serializeField(value);
  if (value instanceof PyObject && isA(value, 'django.db.models.manager', 'BaseManager')) return serializeManager(value);
  if (value instanceof Operation || (value instanceof PyObject && !(value instanceof PyClass) && typeOf(value).isSubclassOf(OperationBaseClass))) {
    return serializeOperation(value as PyObject);
  }
  if (value instanceof PyClass) return serializeType(value);
  if (value instanceof PyObject) {
    const d = deconstructionOf(value);
    if (d) return serializeDeconstructed(d.path, d.args, d.kwargs);
  }
  return serializeRegistered(value);
}

/** The registry part of serializer_factory, in Django's order. */
function serializeRegistered(value: PyValue): Serialized {
  switch (typeof value) {
    case 'string':
      return ok(strRepr(value));
    case 'boolean':
      return ok(value ? 'True' : 'False');
    case 'bigint':
      return ok(value.toString());
    case 'number':
      return serializeFloat(value);
  }
  if (value instanceof PySet && value.frozen) {
    return sequence(sortedBy(value.values(), reprLt), (s) => `frozenset([${s}])`);
  }
  if (value instanceof PyList) return sequence(value.items, (s) => `[${s}]`);
  if (value instanceof PySet) {
    const items = sortedBy(value.values(), reprLt);
    return sequence(items, (s) => (items.length ? `{${s}}` : `set(${s})`));
  }
  if (value instanceof PyTuple) return sequence(value.items, (s) => (value.items.length !== 1 ? `(${s})` : `(${s},)`));
  if (value instanceof PyDict) return serializeDict(value);
  if (isA(value, 'django.db.models.enums', 'Choices')) return serialize(getattr(value, 'value'));
  if (isA(value, 'enum', 'Enum')) return serializeEnum(value as PyObject);
  if (isA(value, 'datetime', 'datetime')) return serializeDatetime(value as PyObject);
  if (isA(value, 'datetime', 'date') || isA(value, 'datetime', 'timedelta') || isA(value, 'datetime', 'time')) {
    return ok(repr(value), 'import datetime');
  }
  if (value instanceof SettingsReference) return ok(`settings.${value.settingName}`, 'from django.conf import settings');
  if (value === None || value instanceof PyBytes || value instanceof PyRange) {
    return ok(value instanceof PyBytes ? bytesRepr(value.data) : repr(value));
  }
  if (isA(value, 'decimal', 'Decimal')) return ok(repr(value), 'from decimal import Decimal');
  if (isA(value, 'functools', 'partial') || isA(value, 'functools', 'partialmethod')) return serializePartial(value as PyObject);
  if (isFunctionObject(value)) return serializeFunction(value as PyObject);
  const obj = value as PyObject;
  if (isA(obj, 're', 'Pattern') || isA(obj, 'django.db.migrations.utils', 'RegexObject')) return serializeRegex(obj);
  if (isA(obj, 'uuid', 'UUID')) return ok(`uuid.${repr(obj)}`, 'import uuid');
  if (isA(obj, 'pathlib', 'PurePath')) {
    const prefix = isA(obj, 'pathlib', 'Path') ? 'Pure' : '';
    return ok(`pathlib.${prefix}${repr(obj)}`, 'import pathlib');
  }
  if (typeOf(obj).lookup('__fspath__') !== undefined) return ok(repr(callMethod(obj, '__fspath__')));
  if (isIterable(obj)) {
    // IterableSerializer: any other iterable becomes a tuple.
    const items: PyValue[] = [];
    const it = iterate(obj);
    for (let r = it.next(); !r.done; r = it.next()) items.push(r.value);
    return sequence(items, (s) => (items.length !== 1 ? `(${s})` : `(${s},)`));
  }
  throw cannotSerialize(value);
}

/** Django's ValueError for values with no serializer. */
export function cannotSerialize(value: PyValue) {
  return pyError(
    ValueError,
    `Cannot serialize: ${repr(value)}\nThere are some values Django cannot serialize into migration files.\n` +
      `For more, see https://docs.djangoproject.com/en/${DOCS_VERSION}/topics/migrations/#migration-serializing`,
  );
}

function reprLt(a: PyValue, b: PyValue): boolean {
  return compareCodePoints(repr(a), repr(b)) < 0;
}

function sequence(items: readonly PyValue[], format: (joined: string) => string): Serialized {
  const imports = new Set<string>();
  const strings: string[] = [];
  for (const item of items) {
    const s = serialize(item);
    merge(imports, s.imports);
    strings.push(s.code);
  }
  return { code: format(strings.join(', ')), imports };
}

function serializeDict(d: PyDict): Serialized {
  const imports = new Set<string>();
  const pairs = pySorted(d.items().map(([k, v]) => new PyTuple([k, v])));
  const strings: string[] = [];
  for (const pair of pairs) {
    const k = serialize(pair.items[0]!);
    const v = serialize(pair.items[1]!);
    merge(imports, k.imports);
    merge(imports, v.imports);
    strings.push(`${k.code}: ${v.code}`);
  }
  return { code: `{${strings.join(', ')}}`, imports };
}

function serializeFloat(n: number): Serialized {
  if (Number.isNaN(n)) return ok('float("nan")');
  if (n === Infinity) return ok('float("inf")');
  if (n === -Infinity) return ok('float("-inf")');
  return ok(floatRepr(n));
}

// ---------------------------------------------------------------------------------------------
// Deconstructible objects, fields, managers
// ---------------------------------------------------------------------------------------------

/** `_serialize_path`: `django.db.models.X` → `models.X` + `from django.db import models`, else the full path + `import module`. */
export function serializePath(path: string): Serialized {
  const dot = path.lastIndexOf('.');
  if (dot < 0) throw pyError(ValueError, 'not enough values to unpack (expected 2, got 1)');
  const module = path.slice(0, dot);
  const name = path.slice(dot + 1);
  if (module === 'django.db.models') return ok(`models.${name}`, 'from django.db import models');
  return ok(path, `import ${module}`);
}

/** `serialize_deconstructed(path, args, kwargs)`: `path(arg, …, kw=value, …)` with kwargs sorted. */
export function serializeDeconstructed(path: string, args: readonly PyValue[], kwargs: Map<string, PyValue> | PyDict): Serialized {
  const { code: name, imports } = serializePath(path);
  const strings: string[] = [];
  for (const arg of args) {
    const s = serialize(arg);
    strings.push(s.code);
    merge(imports, s.imports);
  }
  const entries: [PyValue, PyValue][] = kwargs instanceof PyDict ? kwargs.items() : [...kwargs.entries()];
  const sorted = sortedBy(entries, (a, b) => pyLt(new PyTuple(a), new PyTuple(b)));
  for (const [k, v] of sorted) {
    const s = serialize(v);
    merge(imports, s.imports);
    strings.push(`${str(k)}=${s.code}`);
  }
  return { code: `${name}(${strings.join(', ')})`, imports };
}

function kwargsOf(v: PyValue): PyDict {
  if (v instanceof PyDict) return v;
  throw pyError(TypeError, `'${typeOf(v).name}' object is not a mapping`);
}

/** The (path, args, kwargs) of an object that knows how to deconstruct itself, or null. */
function deconstructionOf(value: PyObject): Deconstruction | null {
  // A Python-level deconstruct (a class written in models.py / @deconstructible) wins.
  const pyMethod = pythonMethod(value, 'deconstruct');
  if (pyMethod !== undefined) return fromPythonDeconstruct(call(pyMethod, [value], NO_KWARGS));
  if (isDeconstructible(value)) return value.deconstruct();
  // on_delete=models.SET(value): a function carrying its own deconstruct in Django.
  const setHandler = setHandlerDeconstruction(value);
  if (setHandler) return setHandler;
  const attr = getattrOpt(value, 'deconstruct');
  if (attr === undefined) return null;
  return fromPythonDeconstruct(call(attr, [], NO_KWARGS));
}

function fromPythonDeconstruct(result: PyValue): Deconstruction {
  const parts = toArray(result);
  if (parts.length !== 3) throw pyError(ValueError, `too many values to unpack (expected 3)`);
  const [path, args, kwargs] = parts as [PyValue, PyValue, PyValue];
  return { path: str(path), args: toArray(args), kwargs: new Map(kwargsOf(kwargs).items().map(([k, v]) => [str(k), v])) };
}

function serializeField(field: Field): Serialized {
  const d = fieldDeconstruction(field);
  return serializeDeconstructed(d.path, d.args, d.kwargs);
}

/** What a manager's deconstruct() returns: (as_manager, manager_path, qs_path, args, kwargs). */
export interface ManagerDeconstruction {
  asManager: boolean;
  managerPath: string | null;
  qsPath: string | null;
  args: PyValue[];
  kwargs: Map<string, PyValue>;
}

function serializeManager(manager: PyObject): Serialized {
  let d: ManagerDeconstruction;
  const native = (manager as { deconstructManager?: () => ManagerDeconstruction }).deconstructManager;
  if (typeof native === 'function' && pythonMethod(manager, 'deconstruct') === undefined) {
    d = native.call(manager);
  } else {
    const parts = toArray(callMethod(manager, 'deconstruct'));
    if (parts.length !== 5) throw pyError(ValueError, `too many values to unpack (expected 5)`);
    const [asManager, managerPath, qsPath, args, kwargs] = parts as [PyValue, PyValue, PyValue, PyValue, PyValue];
    d = {
      asManager: truthy(asManager),
      managerPath: managerPath === None ? null : str(managerPath),
      qsPath: qsPath === None ? null : str(qsPath),
      // (True, None, qs_path, None, None) for QuerySet.as_manager()
      args: truthy(asManager) ? [] : toArray(args),
      kwargs: truthy(asManager) ? new Map() : new Map(kwargsOf(kwargs).items().map(([k, v]) => [str(k), v])),
    };
  }
  if (d.asManager) {
    const p = serializePath(d.qsPath ?? '');
    return { code: `${p.code}.as_manager()`, imports: p.imports };
  }
  return serializeDeconstructed(d.managerPath ?? '', d.args, d.kwargs);
}

function serializeOperation(op: PyObject): Serialized {
  const { code, imports } = new OperationWriter(op, 0).serialize();
  // Nested operation: the trailing comma is added by the enclosing writer.
  return { code: code.replace(/,+$/, ''), imports };
}

// ---------------------------------------------------------------------------------------------
// Classes, functions, enums
// ---------------------------------------------------------------------------------------------

function serializeType(cls: PyClass): Serialized {
  if (cls.module === 'django.db.models.base' && cls.name === 'Model') return ok('models.Model', 'from django.db import models');
  if (cls === noneTypeClass) return ok('types.NoneType', 'import types');
  if (cls.module === 'builtins') return ok(cls.name);
  return ok(`${cls.module}.${cls.qualname}`, `import ${cls.module}`);
}

function serializeFunction(fn: PyObject): Serialized {
  const self = getattrOpt(fn, '__self__');
  if (self !== undefined && truthy(self) && self instanceof PyClass) {
    const name = str(getattr(fn, '__name__'));
    return ok(`${self.module}.${self.qualname}.${name}`, `import ${self.module}`);
  }
  const name = str(getattr(fn, '__name__'));
  if (name === '<lambda>') throw pyError(ValueError, 'Cannot serialize function: lambda');
  const module = getattrOpt(fn, '__module__');
  if (module === undefined || module === None) throw pyError(ValueError, `Cannot serialize function ${repr(fn)}: No module`);
  const moduleName = str(module);
  const qualname = str(getattr(fn, '__qualname__'));
  if (!qualname.includes('<')) return ok(`${moduleName}.${qualname}`, `import ${moduleName}`);
  throw pyError(ValueError, `Could not find function ${name} in ${moduleName}.\n`);
}

function serializePartial(p: PyObject): Serialized {
  const func = serialize(getattr(p, 'func'));
  const args = serialize(getattr(p, 'args'));
  const keywords = serialize(getattr(p, 'keywords'));
  const imports = new Set(['import functools']);
  merge(imports, func.imports);
  merge(imports, args.imports);
  merge(imports, keywords.imports);
  return { code: `functools.${typeOf(p).name}(${func.code}, *${args.code}, **${keywords.code})`, imports };
}

function serializeEnum(member: PyObject): Serialized {
  const cls = typeOf(member);
  const module = cls.module;
  let members: PyValue[] = [member];
  if (classHas(cls, 'enum', 'Flag')) {
    // Python 3.11: iterating a flag yields its canonical members.
    members = toArray(member);
  }
  const code = members.map((m) => `${module}.${cls.qualname}[${strRepr(str(getattr(m, 'name')))}]`).join(' | ');
  return ok(code, `import ${module}`);
}

// ---------------------------------------------------------------------------------------------
// datetime, regex
// ---------------------------------------------------------------------------------------------

function intAttr(v: PyValue, name: string): bigint {
  const x = getattr(v, name);
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') return BigInt(Math.trunc(x));
  throw pyError(TypeError, `${name} is not an integer`);
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: bigint, m: bigint, d: bigint): bigint {
  const yy = m <= 2n ? y - 1n : y;
  const era = (yy >= 0n ? yy : yy - 399n) / 400n;
  const yoe = yy - era * 400n;
  const mp = (m + 9n) % 12n;
  const doy = (153n * mp + 2n) / 5n + d - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
}

function civilFromDays(z0: bigint): [bigint, bigint, bigint] {
  const z = z0 + 719468n;
  const era = (z >= 0n ? z : z - 146096n) / 146097n;
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const y = yoe + era * 400n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  return [m <= 2n ? y + 1n : y, m, d];
}

function timedeltaMicros(td: PyValue): bigint {
  return (intAttr(td, 'days') * 86400n + intAttr(td, 'seconds')) * 1_000_000n + intAttr(td, 'microseconds');
}

/** DatetimeDatetimeSerializer: aware datetimes not in UTC are converted to UTC first. */
function serializeDatetime(dt: PyObject): Serialized {
  const tzinfo = getattrOpt(dt, 'tzinfo');
  if (tzinfo === undefined || tzinfo === None) return ok(repr(dt), 'import datetime');
  const offset = callMethod(dt, 'utcoffset');
  const offsetMicros = offset === None ? 0n : timedeltaMicros(offset);
  // `tzinfo != datetime.timezone.utc`: fixed-offset timezones compare by offset.
  if (isA(tzinfo, 'datetime', 'timezone') && offsetMicros === 0n) return ok(repr(dt), 'import datetime');
  const days = daysFromCivil(intAttr(dt, 'year'), intAttr(dt, 'month'), intAttr(dt, 'day'));
  const dayMicros = ((intAttr(dt, 'hour') * 60n + intAttr(dt, 'minute')) * 60n + intAttr(dt, 'second')) * 1_000_000n + intAttr(dt, 'microsecond');
  let total = days * 86_400_000_000n + dayMicros - offsetMicros;
  const dayLen = 86_400_000_000n;
  let utcDays = total / dayLen;
  let rest = total % dayLen;
  if (rest < 0n) {
    rest += dayLen;
    utcDays -= 1n;
  }
  total = rest;
  const [y, mo, d] = civilFromDays(utcDays);
  const us = total % 1_000_000n;
  const secs = total / 1_000_000n;
  const h = secs / 3600n;
  const mi = (secs / 60n) % 60n;
  const s = secs % 60n;
  let code = `datetime.datetime(${y}, ${mo}, ${d}, ${h}, ${mi}`;
  if (us !== 0n) code += `, ${s}, ${us}`;
  else if (s !== 0n) code += `, ${s}`;
  code += ', tzinfo=datetime.timezone.utc)';
  return ok(code, 'import datetime');
}

function serializeRegex(re: PyObject): Serialized {
  const pattern = serialize(getattr(re, 'pattern'));
  const rawFlags = getattr(re, 'flags');
  const flagValue = typeof rawFlags === 'bigint' ? rawFlags : typeof rawFlags === 'boolean' ? (rawFlags ? 1n : 0n) : intAttr(rawFlags, 'value');
  // Turn off the implicit re.UNICODE flag (re.compile("").flags == 32).
  const flags = flagValue ^ 32n;
  const imports = new Set(['import re', ...pattern.imports]);
  const args = [pattern.code];
  if (flags !== 0n) args.push(flags.toString());
  return { code: `re.compile(${args.join(', ')})`, imports };
}
