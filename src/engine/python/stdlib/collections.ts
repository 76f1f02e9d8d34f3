/**
 * The `collections` module (OrderedDict, defaultdict, Counter, namedtuple, deque) and
 * `collections.abc` (for isinstance checks).
 */
import {
  IndexError,
  KeyError,
  type Kwargs,
  NativeFunction,
  None,
  NotImplemented,
  PyClass,
  PyDict,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PyProperty,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  dictClass,
  eq,
  getattrOpt,
  iterate,
  pyError,
  repr,
  str,
  truthy,
  tupleClass,
  typeClass,
  typeName,
  typeOf,
  PyBytes,
  PyRange,
} from '../objects.ts';
import { isIdentifierChar, isIdentifierStart } from '../tokenizer.ts';
import { classMethod, method, unbox } from '../types/core.ts';
import { PyDictSub, PyTupleSub, dictUpdate, iterToArray, sortValues } from '../types/containers.ts';
import { binaryOp, keyError } from '../operators.ts';
import { asInt, indexValue } from '../operators.ts';

// ---------------------------------------------------------------------------------------------
// OrderedDict / defaultdict / Counter
// ---------------------------------------------------------------------------------------------

export const orderedDictClass = new PyClass('OrderedDict', { module: 'collections', bases: [dictClass] });
export const defaultdictClass = new PyClass('defaultdict', { module: 'collections', bases: [dictClass] });
export const counterClass = new PyClass('Counter', { module: 'collections', bases: [dictClass] });

function dictRepr(d: PyDict): string {
  return '{' + d.items().map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ') + '}';
}

function installDicts(): void {
  orderedDictClass.nativeNew = (cls, args, kwargs) => {
    const d = new PyDictSub(cls);
    dictUpdate(d, args[0], kwargs);
    return d;
  };
  method(orderedDictClass, '__init__', () => None);
  method(orderedDictClass, '__repr__', (a) => {
    const d = a[0] as PyDict;
    const name = d.pyClass.name;
    return d.size ? `${name}([${d.items().map(([k, v]) => `(${repr(k)}, ${repr(v)})`).join(', ')}])` : `${name}()`;
  });
  method(orderedDictClass, 'move_to_end', (a, k) => {
    const d = a[0] as PyDict;
    const key = a[1]!;
    const last = truthy(a[2] ?? k.get('last') ?? true);
    const v = d.get(key);
    if (v === undefined) throw keyError(key);
    d.delete(key);
    if (last) d.set(key, v);
    else {
      const items = d.items();
      d.entries.clear();
      d.set(key, v);
      for (const [kk, vv] of items) d.set(kk, vv);
    }
    return None;
  });
  method(orderedDictClass, 'popitem', (a, k) => {
    const d = a[0] as PyDict;
    const last = truthy(a[1] ?? k.get('last') ?? true);
    const items = d.items();
    if (!items.length) throw pyError(KeyError, 'dictionary is empty');
    const [key, v] = last ? items[items.length - 1]! : items[0]!;
    d.delete(key);
    return new PyTuple([key, v]);
  });
  method(orderedDictClass, '__eq__', (a) => {
    const [x, y] = a as [PyDict, PyValue];
    if (!(y instanceof PyDict)) return NotImplemented;
    if (y.pyClass.isSubclassOf(orderedDictClass)) {
      const xi = x.items();
      const yi = y.items();
      return xi.length === yi.length && xi.every(([k, v], i) => eq(k, yi[i]![0]) && eq(v, yi[i]![1]));
    }
    return eq(new PyDict(x.items()), new PyDict(y.items()));
  });

  defaultdictClass.nativeNew = (cls, args, kwargs) => {
    const d = new PyDictSub(cls);
    const factory = args[0] ?? None;
    if (factory !== None && !(factory instanceof PyObject && (factory instanceof PyClass || factory.nativeCall || typeOf(factory).lookup('__call__')))) {
      throw pyError(TypeError, 'first argument must be callable or None');
    }
    d.dict.set('default_factory', factory);
    dictUpdate(d, args[1], kwargs);
    return d;
  };
  method(defaultdictClass, '__init__', () => None);
  method(defaultdictClass, '__missing__', (a) => {
    const d = a[0] as PyDictSub;
    const f = d.dict.get('default_factory') ?? None;
    if (f === None) throw keyError(a[1]!);
    const v = call(f, []);
    d.set(a[1]!, v);
    return v;
  });
  method(defaultdictClass, '__repr__', (a) => {
    const d = a[0] as PyDictSub;
    return `defaultdict(${repr(d.dict.get('default_factory') ?? None)}, ${dictRepr(d)})`;
  });
  method(defaultdictClass, 'copy', (a) => {
    const d = a[0] as PyDictSub;
    const n = new PyDictSub(d.cls);
    n.dict.set('default_factory', d.dict.get('default_factory') ?? None);
    for (const [k, v] of d.items()) n.set(k, v);
    return n;
  });

  const count = (d: PyDict, src: PyValue | undefined, sign: 1n | -1n) => {
    if (src === undefined) return;
    if (src instanceof PyDict) {
      for (const [k, v] of src.items()) d.set(k, binaryOp(sign === 1n ? '+' : '-', d.get(k) ?? 0n, v));
      return;
    }
    const it = iterate(src);
    for (let r = it.next(); !r.done; r = it.next()) d.set(r.value, binaryOp(sign === 1n ? '+' : '-', d.get(r.value) ?? 0n, 1n));
  };
  counterClass.nativeNew = (cls, args, kwargs) => {
    const d = new PyDictSub(cls);
    count(d, args[0], 1n);
    for (const [k, v] of kwargs) d.set(k, binaryOp('+', d.get(k) ?? 0n, v));
    return d;
  };
  method(counterClass, '__init__', () => None);
  method(counterClass, '__missing__', () => 0n);
  const mostCommon = (d: PyDict) => sortValues(d.items().map(([k, v]) => new PyTuple([k, v])), new NativeFunction('key', (a) => (a[0] as PyTuple).items[1]!), true);
  method(counterClass, 'most_common', (a) => {
    const d = a[0] as PyDict;
    const all = mostCommon(d);
    const n = a[1] === undefined || a[1] === None ? all.length : Number(asInt(unbox(a[1])) ?? 0n);
    return new PyList(all.slice(0, Math.max(0, n)));
  });
  method(counterClass, 'elements', (a) => {
    const d = a[0] as PyDict;
    const out: PyValue[] = [];
    for (const [k, v] of d.items()) for (let i = 0n; i < (asInt(unbox(v)) ?? 0n); i++) out.push(k);
    return new PyIterator(out[Symbol.iterator](), 'chain');
  });
  method(counterClass, 'update', (a, kw) => {
    const d = a[0] as PyDict;
    count(d, a[1], 1n);
    for (const [k, v] of kw) d.set(k, binaryOp('+', d.get(k) ?? 0n, v));
    return None;
  });
  method(counterClass, 'subtract', (a, kw) => {
    const d = a[0] as PyDict;
    count(d, a[1], -1n);
    for (const [k, v] of kw) d.set(k, binaryOp('-', d.get(k) ?? 0n, v));
    return None;
  });
  method(counterClass, 'total', (a) => (a[0] as PyDict).values().reduce<PyValue>((acc, v) => binaryOp('+', acc, v), 0n));
  method(counterClass, '__repr__', (a) => {
    const d = a[0] as PyDict;
    if (!d.size) return `${d.pyClass.name}()`;
    return `${d.pyClass.name}({${mostCommon(d).map((t) => `${repr((t as PyTuple).items[0]!)}: ${repr((t as PyTuple).items[1]!)}`).join(', ')}})`;
  });
  const arith = (name: string, op: '+' | '-', keepPositive: boolean) =>
    method(counterClass, name, (a) => {
      const [x, y] = a as [PyDict, PyValue];
      if (!(y instanceof PyDict)) return NotImplemented;
      const out = new PyDictSub(counterClass);
      for (const [k, v] of x.items()) {
        const r = binaryOp(op, v, y.get(k) ?? 0n);
        if (!keepPositive || truthy(binaryOp('*', 1n, r)) && (asInt(unbox(r)) ?? 0n) > 0n) out.set(k, r);
      }
      if (op === '+') for (const [k, v] of y.items()) if (!x.has(k) && (asInt(unbox(v)) ?? 0n) > 0n) out.set(k, v);
      return out;
    });
  arith('__add__', '+', true);
  arith('__sub__', '-', true);
}

// ---------------------------------------------------------------------------------------------
// namedtuple
// ---------------------------------------------------------------------------------------------

function namedtuple(args: PyValue[], kwargs: Kwargs, module: string): PyClass {
  const typename = str(args[0] ?? kwargs.get('typename') ?? '');
  const fieldsV = args[1] ?? kwargs.get('field_names') ?? new PyList([]);
  const rename = truthy(kwargs.get('rename') ?? false);
  let fields: string[] = typeof unbox(fieldsV) === 'string' ? (unbox(fieldsV) as string).replace(/,/g, ' ').split(/\s+/).filter(Boolean) : iterToArray(fieldsV).map((f) => str(f));
  const isIdent = (s: string) => Array.from(s).length > 0 && isIdentifierStart(Array.from(s)[0]!) && Array.from(s).slice(1).every(isIdentifierChar);
  if (rename) {
    const seen = new Set<string>();
    fields = fields.map((f, i) => {
      if (!isIdent(f) || f.startsWith('_') || seen.has(f)) return `_${i}`;
      seen.add(f);
      return f;
    });
  }
  for (const name of [typename, ...fields]) {
    if (!isIdent(name)) throw pyError(ValueError, `Type names and field names must be valid identifiers: ${repr(name)}`);
  }
  const seen = new Set<string>();
  for (const f of fields) {
    if (f.startsWith('_')) throw pyError(ValueError, `Field names cannot start with an underscore: ${repr(f)}`);
    if (seen.has(f)) throw pyError(ValueError, `Encountered duplicate field name: ${repr(f)}`);
    seen.add(f);
  }
  const defaultsV = kwargs.get('defaults') ?? None;
  const defaults = defaultsV === None ? [] : iterToArray(defaultsV);
  if (defaults.length > fields.length) throw pyError(TypeError, 'Got more default values than field names');
  const modV = kwargs.get('module');
  const cls = new PyClass(typename, { module: modV !== undefined && modV !== None ? str(modV) : module, bases: [tupleClass] });
  const firstDefault = fields.length - defaults.length;
  const build = (c: PyClass, a: PyValue[], kw: Kwargs): PyTupleSub => {
    if (a.length > fields.length) {
      throw pyError(TypeError, `${typename}.__new__() takes ${fields.length + 1} positional arguments but ${a.length + 1} were given`);
    }
    const vals: (PyValue | undefined)[] = fields.map((_, i) => a[i]);
    for (const [k, v] of kw) {
      const i = fields.indexOf(k);
      if (i < 0) throw pyError(TypeError, `${typename}.__new__() got an unexpected keyword argument '${k}'`);
      if (vals[i] !== undefined) throw pyError(TypeError, `${typename}.__new__() got multiple values for argument '${k}'`);
      vals[i] = v;
    }
    const missing: string[] = [];
    vals.forEach((v, i) => {
      if (v === undefined) {
        if (i >= firstDefault) vals[i] = defaults[i - firstDefault];
        else missing.push(fields[i]!);
      }
    });
    if (missing.length) {
      const q = missing.map((m) => `'${m}'`);
      const list = q.length === 1 ? q[0] : q.length === 2 ? `${q[0]} and ${q[1]}` : q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
      throw pyError(TypeError, `${typename}.__new__() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
    }
    return new PyTupleSub(c, vals as PyValue[]);
  };
  cls.nativeNew = (c, a, kw) => build(c, a, kw);
  fields.forEach((f, i) => {
    cls.dict.set(f, new PyProperty(new NativeFunction(f, (a) => (a[0] as PyTuple).items[i]!, { qualname: `${typename}.${f}` })));
  });
  cls.dict.set('_fields', new PyTuple(fields));
  cls.dict.set('_field_defaults', new PyDict(defaults.map((v, i) => [fields[firstDefault + i]!, v] as [PyValue, PyValue])));
  cls.dict.set('__match_args__', new PyTuple(fields));
  method(cls, '__repr__', (a) => {
    const t = a[0] as PyTuple;
    return `${typeOf(t).name}(${fields.map((f, i) => `${f}=${repr(t.items[i]!)}`).join(', ')})`;
  });
  method(cls, '_asdict', (a) => new PyDict(fields.map((f, i) => [f, (a[0] as PyTuple).items[i]!] as [PyValue, PyValue])));
  method(cls, '_replace', (a, kw) => {
    const t = a[0] as PyTuple;
    const vals = [...t.items];
    for (const [k, v] of kw) {
      const i = fields.indexOf(k);
      if (i < 0) throw pyError(ValueError, `Got unexpected field names: [${repr(k)}]`);
      vals[i] = v;
    }
    return new PyTupleSub(typeOf(t), vals);
  });
  classMethod(cls, '_make', (a) => build(a[0] as PyClass, iterToArray(a[1] ?? new PyList([])), new Map()));
  method(cls, '__getnewargs__', (a) => new PyTuple([...(a[0] as PyTuple).items]));
  return cls;
}

// ---------------------------------------------------------------------------------------------
// deque
// ---------------------------------------------------------------------------------------------

export const dequeClass = new PyClass('deque', { module: 'collections' });

class PyDeque extends PyObject {
  items: PyValue[] = [];
  constructor(
    readonly cls: PyClass,
    readonly maxlen: number | null,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  push(v: PyValue, left = false): void {
    if (left) {
      this.items.unshift(v);
      if (this.maxlen !== null && this.items.length > this.maxlen) this.items.pop();
    } else {
      this.items.push(v);
      if (this.maxlen !== null && this.items.length > this.maxlen) this.items.shift();
    }
  }
  override nativeIter(): Iterator<PyValue> {
    return [...this.items][Symbol.iterator]();
  }
  override nativeLen(): number {
    return this.items.length;
  }
  override nativeContains(v: PyValue): boolean {
    return this.items.some((x) => eq(x, v));
  }
  override nativeGetItem(key: PyValue): PyValue {
    const i = indexValue(unbox(key));
    if (i === undefined) throw pyError(TypeError, `sequence index must be integer, not '${typeName(key)}'`);
    let n = Number(i);
    if (n < 0) n += this.items.length;
    if (n < 0 || n >= this.items.length) throw pyError(IndexError, 'deque index out of range');
    return this.items[n]!;
  }
  override nativeSetItem(key: PyValue, value: PyValue): void {
    const i = indexValue(unbox(key));
    let n = Number(i ?? 0n);
    if (n < 0) n += this.items.length;
    if (n < 0 || n >= this.items.length) throw pyError(IndexError, 'deque index out of range');
    this.items[n] = value;
  }
  override nativeRepr(): string {
    const body = '[' + this.items.map(repr).join(', ') + ']';
    return this.maxlen === null ? `deque(${body})` : `deque(${body}, maxlen=${this.maxlen})`;
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof PyDeque)) return undefined;
    return other.items.length === this.items.length && other.items.every((x, i) => eq(x, this.items[i]!));
  }
  override nativeBool(): boolean {
    return this.items.length > 0;
  }
}

function installDeque(): void {
  const c = dequeClass;
  c.nativeNew = (cls, args, kwargs) => {
    const mlV = args[1] ?? kwargs.get('maxlen') ?? None;
    const ml = mlV === None ? null : Number(asInt(unbox(mlV)) ?? 0n);
    const d = new PyDeque(cls, ml);
    const src = args[0] ?? kwargs.get('iterable');
    if (src !== undefined) for (const v of iterToArray(src)) d.push(v);
    return d;
  };
  const self = (a: PyValue[]) => a[0] as PyDeque;
  method(c, 'append', (a) => (self(a).push(a[1]!), None));
  method(c, 'appendleft', (a) => (self(a).push(a[1]!, true), None));
  method(c, 'extend', (a) => {
    for (const v of iterToArray(a[1]!)) self(a).push(v);
    return None;
  });
  method(c, 'extendleft', (a) => {
    for (const v of iterToArray(a[1]!)) self(a).push(v, true);
    return None;
  });
  method(c, 'pop', (a) => {
    const d = self(a);
    if (!d.items.length) throw pyError(IndexError, 'pop from an empty deque');
    return d.items.pop()!;
  });
  method(c, 'popleft', (a) => {
    const d = self(a);
    if (!d.items.length) throw pyError(IndexError, 'pop from an empty deque');
    return d.items.shift()!;
  });
  method(c, 'clear', (a) => {
    self(a).items = [];
    return None;
  });
  method(c, 'rotate', (a) => {
    const d = self(a);
    const n = d.items.length;
    if (!n) return None;
    let k = Number(asInt(unbox(a[1] ?? 1n)) ?? 1n) % n;
    if (k < 0) k += n;
    d.items = [...d.items.slice(n - k), ...d.items.slice(0, n - k)];
    return None;
  });
  method(c, 'count', (a) => BigInt(self(a).items.filter((x) => eq(x, a[1]!)).length));
  method(c, 'remove', (a) => {
    const d = self(a);
    const i = d.items.findIndex((x) => eq(x, a[1]!));
    if (i < 0) throw pyError(ValueError, `${repr(a[1]!)} is not in deque`);
    d.items.splice(i, 1);
    return None;
  });
  method(c, 'index', (a) => {
    const i = self(a).items.findIndex((x) => eq(x, a[1]!));
    if (i < 0) throw pyError(ValueError, `${repr(a[1]!)} is not in deque`);
    return BigInt(i);
  });
  method(c, 'reverse', (a) => (self(a).items.reverse(), None));
  method(c, 'copy', (a) => {
    const d = self(a);
    const n = new PyDeque(d.cls, d.maxlen);
    n.items = [...d.items];
    return n;
  });
  method(c, '__len__', (a) => BigInt(self(a).items.length));
  method(c, '__iter__', (a) => new PyIterator(self(a).nativeIter(), '_collections._deque_iterator'));
  method(c, '__reversed__', (a) => new PyIterator([...self(a).items].reverse()[Symbol.iterator](), '_collections._deque_reverse_iterator'));
  c.dict.set('maxlen', new PyProperty(new NativeFunction('maxlen', (a) => (self(a).maxlen === null ? None : BigInt(self(a).maxlen!)))));
}

// ---------------------------------------------------------------------------------------------
// collections.abc
// ---------------------------------------------------------------------------------------------

const abcMeta = new PyClass('ABCMeta', { module: 'abc', bases: [typeClass] });

function abc(name: string, test: (v: PyValue) => boolean, bases: PyClass[] = []): PyClass {
  const cls = new PyClass(name, { module: 'collections.abc', metaclass: abcMeta, bases: bases.length ? bases : undefined });
  abcTests.set(cls, test);
  return cls;
}
const abcTests = new Map<PyClass, (v: PyValue) => boolean>();
method(abcMeta, '__instancecheck__', (a) => {
  const cls = a[0] as PyClass;
  const v = a[1]!;
  if (typeOf(v).isSubclassOf(cls)) return true;
  const t = abcTests.get(cls);
  return t ? t(v) : false;
});

const has = (v: PyValue, ...names: string[]) => names.every((n) => getattrOpt(v, n) !== undefined);
const isMapping = (v: PyValue) => v instanceof PyDict || (v instanceof PyObject && !(v instanceof PyClass) && has(v, 'keys', '__getitem__'));
const isSequence = (v: PyValue) =>
  typeof unbox(v) === 'string' || v instanceof PyList || v instanceof PyTuple || v instanceof PyBytes || v instanceof PyRange;
const isIterable = (v: PyValue) => {
  if (typeof unbox(v) === 'string' || isSequence(v) || v instanceof PyDict || v instanceof PySet || v instanceof PyIterator) return true;
  return v instanceof PyObject && !(v instanceof PyClass) && (v.nativeIter !== undefined || typeOf(v).lookup('__iter__') !== undefined);
};

export function makeCollectionsAbc(): PyModule {
  const m = new PyModule('collections.abc');
  const d = m.dict;
  const Iterable = abc('Iterable', isIterable);
  const Container = abc('Container', (v) => isIterable(v));
  const Sized = abc('Sized', (v) => isIterable(v) && !(v instanceof PyIterator));
  const Collection = abc('Collection', (v) => isIterable(v) && !(v instanceof PyIterator), [Sized, Iterable, Container]);
  const Mapping = abc('Mapping', isMapping, [Collection]);
  const MutableMapping = abc('MutableMapping', (v) => v instanceof PyDict, [Mapping]);
  const Sequence = abc('Sequence', isSequence, [Collection]);
  const MutableSequence = abc('MutableSequence', (v) => v instanceof PyList, [Sequence]);
  const SetAbc = abc('Set', (v) => v instanceof PySet, [Collection]);
  const MutableSet = abc('MutableSet', (v) => v instanceof PySet && !v.frozen, [SetAbc]);
  const Iterator = abc('Iterator', (v) => v instanceof PyIterator || (v instanceof PyObject && has(v, '__next__', '__iter__')), [Iterable]);
  const Generator = abc('Generator', (v) => v instanceof PyIterator && v.kind === 'generator', [Iterator]);
  const Callable = abc('Callable', (v) => v instanceof PyClass || (v instanceof PyObject && (v.nativeCall !== undefined || typeOf(v).lookup('__call__') !== undefined)));
  const Hashable = abc('Hashable', (v) => !(v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen)));
  for (const c of [Iterable, Container, Sized, Collection, Mapping, MutableMapping, Sequence, MutableSequence, SetAbc, MutableSet, Iterator, Generator, Callable, Hashable]) {
    d.set(c.name, c);
  }
  d.set('KeysView', abc('KeysView', (v) => v instanceof PyObject && typeOf(v).name === 'dict_keys'));
  d.set('ValuesView', abc('ValuesView', (v) => v instanceof PyObject && typeOf(v).name === 'dict_values'));
  d.set('ItemsView', abc('ItemsView', (v) => v instanceof PyObject && typeOf(v).name === 'dict_items'));
  return m;
}

let installed = false;
export function makeCollections(): PyModule {
  if (!installed) {
    installed = true;
    installDicts();
    installDeque();
  }
  const m = new PyModule('collections');
  const d = m.dict;
  d.set('__path__', new PyList([]));
  d.set('OrderedDict', orderedDictClass);
  d.set('defaultdict', defaultdictClass);
  d.set('Counter', counterClass);
  d.set('deque', dequeClass);
  d.set('namedtuple', new NativeFunction('namedtuple', (a, k) => namedtuple(a, k, '__main__'), { module: 'collections' }));
  d.set('ChainMap', dictClass);
  d.set('UserDict', dictClass);
  d.set('UserList', new PyClass('UserList', { module: 'collections' }));
  return m;
}

/** A namedtuple class built from TypeScript (IsoCalendarDate, DecimalTuple…). */
export function namedTupleClass(typename: string, fields: string[], module: string): PyClass {
  return namedtuple([typename, new PyList(fields)], new Map(), module);
}

/** namedtuple() that records the calling module as __module__. */
export function namedtupleFor(module: string): NativeFunction {
  return new NativeFunction('namedtuple', (a, k) => namedtuple(a, k, module), { module: 'collections' });
}

dequeClass.tpName = 'collections.deque';
defaultdictClass.tpName = 'collections.defaultdict';
orderedDictClass.tpName = 'collections.OrderedDict';
