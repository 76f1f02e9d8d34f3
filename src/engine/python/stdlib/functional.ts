/**
 * functools, itertools and operator.
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyException,
  PyInstance,
  PyIterator,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  addressOf,
  bindAttribute,
  call,
  eq,
  getattr,
  getattrOpt,
  hashKey,
  iterate,
  pyError,
  repr,
  setattr,
  str,
  truthy,
  typeName,
  typeOf,
} from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { method, unbox } from '../types/core.ts';
import { asInt, binaryOp, compare, contains, getItem, indexValue, unaryOp } from '../operators.ts';
import { iterToArray } from '../types/containers.ts';
import type { CmpOperator, Operator } from '../ast.ts';

function fnOf(module: string) {
  return (d: Map<string, PyValue>, name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) =>
    d.set(name, new NativeFunction(name, impl, { module, qualname: name }));
}

// ---------------------------------------------------------------------------------------------
// functools
// ---------------------------------------------------------------------------------------------

export const partialClass = new PyClass('partial', { module: 'functools' });

class PyPartial extends PyObject {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly func: PyValue,
    readonly args: PyValue[],
    readonly keywords: Map<string, PyValue>,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return partialClass;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    const kw = new Map(this.keywords);
    for (const [k, v] of kwargs) kw.set(k, v);
    return call(this.func, [...this.args, ...args], kw);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'func') return this.func;
    if (name === 'args') return new PyTuple(this.args);
    if (name === 'keywords') return new PyDict(this.keywords);
    return undefined;
  }
  override nativeRepr(): string {
    const parts = [repr(this.func), ...this.args.map(repr), ...[...this.keywords].map(([k, v]) => `${k}=${repr(v)}`)];
    return `functools.partial(${parts.join(', ')})`;
  }
}
partialClass.nativeNew = (_cls, args, kwargs) => {
  if (!args.length) throw pyError(TypeError, "type 'partial' takes at least one argument");
  let f = args[0]!;
  let pre = args.slice(1);
  let kw = new Map(kwargs);
  if (f instanceof PyPartial) {
    pre = [...f.args, ...pre];
    kw = new Map([...f.keywords, ...kw]);
    f = f.func;
  }
  return new PyPartial(f, pre, kw);
};

const WRAPPER_ASSIGNMENTS = ['__module__', '__name__', '__qualname__', '__doc__'];

function updateWrapper(wrapper: PyValue, wrapped: PyValue): PyValue {
  for (const attr of WRAPPER_ASSIGNMENTS) {
    const v = getattrOpt(wrapped, attr);
    if (v !== undefined) {
      try {
        setattr(wrapper, attr, v);
      } catch {
        /* read-only */
      }
    }
  }
  const d = getattrOpt(wrapped, '__dict__');
  if (d instanceof PyDict && wrapper instanceof PyObject && wrapper.dict) {
    for (const [k, v] of d.items()) if (typeof k === 'string' && !wrapper.dict.has(k)) wrapper.dict.set(k, v);
  }
  try {
    setattr(wrapper, '__wrapped__', wrapped);
  } catch {
    /* ignore */
  }
  return wrapper;
}

const cachedPropertyClass = new PyClass('cached_property', { module: 'functools' });
cachedPropertyClass.nativeNew = (cls, args) => {
  const o = new PyInstance(cls);
  o.dict.set('func', args[0] ?? None);
  o.dict.set('attrname', None);
  o.dict.set('__doc__', args[0] !== undefined ? getattrOpt(args[0], '__doc__') ?? None : None);
  return o;
};
method(cachedPropertyClass, '__set_name__', (a) => {
  (a[0] as PyInstance).dict.set('attrname', a[2] ?? None);
  return None;
});
method(cachedPropertyClass, '__get__', (a) => {
  const self = a[0] as PyInstance;
  const obj = a[1]!;
  if (obj === None) return self;
  const name = self.dict.get('attrname');
  const v = call(self.dict.get('func')!, [obj]);
  if (typeof name === 'string' && obj instanceof PyObject && obj.dict) obj.dict.set(name, v);
  return v;
});

/** lru_cache/cache: a wrapper remembering results by hashable arguments. */
const cacheWrapperClass = new PyClass('_lru_cache_wrapper', { module: 'functools' });
class CacheWrapper extends PyObject {
  override dict = new Map<string, PyValue>();
  readonly cache = new Map<string, PyValue>();
  hits = 0;
  misses = 0;
  constructor(
    readonly func: PyValue,
    readonly maxsize: number | null,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return cacheWrapperClass;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    let key: string | null;
    try {
      const k = hashKey(new PyTuple([...args, ...[...kwargs].flatMap(([n, v]) => [n, v])]));
      key = typeof k === 'string' ? k : null;
    } catch (e) {
      if (e instanceof PyException && e.matches(TypeError)) throw e;
      key = null;
    }
    if (key !== null) {
      const hit = this.cache.get(key);
      if (hit !== undefined) {
        this.hits++;
        return hit;
      }
    }
    this.misses++;
    const v = call(this.func, args, kwargs);
    if (key !== null && this.maxsize !== 0) {
      if (this.maxsize !== null && this.cache.size >= this.maxsize) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, v);
    }
    return v;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__wrapped__') return this.func;
    if (name === 'cache_clear')
      return new NativeFunction('cache_clear', () => {
        this.cache.clear();
        this.hits = this.misses = 0;
        return None;
      });
    if (name === 'cache_info')
      return new NativeFunction('cache_info', () => new PyTuple([BigInt(this.hits), BigInt(this.misses), this.maxsize === null ? None : BigInt(this.maxsize), BigInt(this.cache.size)]));
    const v = this.dict.get(name);
    if (v !== undefined) return v;
    return getattrOpt(this.func, name);
  }
  override nativeRepr(): string {
    return `<functools._lru_cache_wrapper object at 0x${addressOf(this)}>`;
  }
}
method(cacheWrapperClass, '__get__', (a) => {
  const obj = a[1]!;
  if (obj === None) return a[0]!;
  return bindAttribute(new NativeFunction('cached', (args, kw) => call(a[0]!, args, kw)), obj, typeOf(obj));
});

function makeCache(f: PyValue, maxsize: number | null): CacheWrapper {
  const w = new CacheWrapper(f, maxsize);
  updateWrapper(w, f);
  return w;
}

export function makeFunctools(interp: Interpreter): PyModule {
  const m = new PyModule('functools');
  const d = m.dict;
  const fn = fnOf('functools');
  d.set('partial', partialClass);
  d.set('cached_property', cachedPropertyClass);
  fn(d, 'reduce', (a) => {
    const f = a[0]!;
    const it = iterate(a[1] ?? None);
    let acc: PyValue;
    if (a.length > 2) acc = a[2]!;
    else {
      const first = it.next();
      if (first.done) throw pyError(TypeError, 'reduce() of empty iterable with no initial value');
      acc = first.value;
    }
    for (let r = it.next(); !r.done; r = it.next()) acc = interp.callValue(f, [acc, r.value]);
    return acc;
  });
  fn(d, 'update_wrapper', (a) => updateWrapper(a[0]!, a[1]!));
  fn(d, 'wraps', (a) => {
    const wrapped = a[0]!;
    return new NativeFunction('decorator', (b) => updateWrapper(b[0]!, wrapped), { module: 'functools' });
  });
  fn(d, 'lru_cache', (a, k) => {
    const first = a[0] ?? k.get('maxsize');
    if (first !== undefined && first !== None && typeof unbox(first) !== 'bigint' && typeof unbox(first) !== 'boolean') return makeCache(first, 128);
    const size = first === undefined ? 128 : first === None ? null : Number(asInt(unbox(first)) ?? 128n);
    return new NativeFunction('decorating_function', (b) => makeCache(b[0]!, size), { module: 'functools' });
  });
  fn(d, 'cache', (a) => makeCache(a[0]!, null));
  fn(d, 'cmp_to_key', (a) => {
    const cmp = a[0]!;
    const keyClass = new PyClass('K', { module: 'functools' });
    keyClass.nativeNew = (cls, args) => {
      const o = new PyInstance(cls);
      o.dict.set('obj', args[0] ?? None);
      return o;
    };
    const cmpOp = (name: string, test: (n: bigint) => boolean) =>
      method(keyClass, name, (b) => {
        const r = asInt(unbox(call(cmp, [(b[0] as PyInstance).dict.get('obj')!, (b[1] as PyInstance).dict.get('obj')!])));
        return test(r ?? 0n);
      });
    cmpOp('__lt__', (n) => n < 0n);
    cmpOp('__gt__', (n) => n > 0n);
    cmpOp('__le__', (n) => n <= 0n);
    cmpOp('__ge__', (n) => n >= 0n);
    cmpOp('__eq__', (n) => n === 0n);
    return keyClass;
  });
  fn(d, 'total_ordering', (a) => {
    const cls = a[0];
    if (!(cls instanceof PyClass)) throw pyError(TypeError, 'total_ordering requires a class');
    const defined = ['__lt__', '__le__', '__gt__', '__ge__'].filter((n) => cls.dict.has(n));
    if (!defined.length) throw pyError(ValueError, 'must define at least one ordering operation: < > <= >=');
    const root = defined[0]!;
    const rootFn = cls.dict.get(root)!;
    const call2 = (x: PyValue, y: PyValue) => call(rootFn, [x, y]);
    const eqf = (x: PyValue, y: PyValue) => eq(x, y);
    const derived: Record<string, Record<string, (x: PyValue, y: PyValue) => PyValue>> = {
      __lt__: {
        __gt__: (x, y) => (truthy(call2(x, y)) || eqf(x, y) ? false : true),
        __le__: (x, y) => truthy(call2(x, y)) || eqf(x, y),
        __ge__: (x, y) => !truthy(call2(x, y)),
      },
      __le__: {
        __ge__: (x, y) => !truthy(call2(x, y)) || eqf(x, y),
        __lt__: (x, y) => truthy(call2(x, y)) && !eqf(x, y),
        __gt__: (x, y) => !truthy(call2(x, y)),
      },
      __gt__: {
        __lt__: (x, y) => !(truthy(call2(x, y)) || eqf(x, y)),
        __ge__: (x, y) => truthy(call2(x, y)) || eqf(x, y),
        __le__: (x, y) => !truthy(call2(x, y)),
      },
      __ge__: {
        __le__: (x, y) => !truthy(call2(x, y)) || eqf(x, y),
        __gt__: (x, y) => truthy(call2(x, y)) && !eqf(x, y),
        __lt__: (x, y) => !truthy(call2(x, y)),
      },
    };
    for (const [name, impl] of Object.entries(derived[root]!)) {
      if (!cls.dict.has(name)) method(cls, name, (b) => impl(b[0]!, b[1]!));
    }
    return cls;
  });
  fn(d, 'singledispatch', (a) => a[0]!);
  d.set('WRAPPER_ASSIGNMENTS', new PyTuple(WRAPPER_ASSIGNMENTS));
  d.set('WRAPPER_UPDATES', new PyTuple(['__dict__']));
  return m;
}

// ---------------------------------------------------------------------------------------------
// itertools
// ---------------------------------------------------------------------------------------------

function lazy(kind: string, g: Generator<PyValue>): PyIterator {
  return new PyIterator(g, kind);
}

function intOf(v: PyValue | undefined, dflt: number | null, what: string): number | null {
  if (v === undefined || v === None) return dflt;
  const i = indexValue(unbox(v));
  if (i === undefined) throw pyError(ValueError, `${what} must be None or an integer: 0 <= x <= sys.maxsize.`);
  return Number(i);
}

function* product(pools: PyValue[][], repeat: number): Generator<PyValue> {
  const all: PyValue[][] = [];
  for (let r = 0; r < repeat; r++) all.push(...pools);
  if (all.some((p) => p.length === 0)) return;
  const idx = all.map(() => 0);
  for (;;) {
    yield new PyTuple(idx.map((i, k) => all[k]![i]!));
    let k = all.length - 1;
    while (k >= 0) {
      idx[k]!++;
      if (idx[k]! < all[k]!.length) break;
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
  }
}

function* combinations(pool: PyValue[], r: number, replace: boolean): Generator<PyValue> {
  const n = pool.length;
  if (!replace && r > n) return;
  if (replace && n === 0 && r > 0) return;
  const idx = replace ? Array(r).fill(0) : Array.from({ length: r }, (_, i) => i);
  yield new PyTuple(idx.map((i) => pool[i]!));
  for (;;) {
    let i = r - 1;
    if (replace) {
      while (i >= 0 && idx[i] === n - 1) i--;
      if (i < 0) return;
      const v = idx[i]! + 1;
      for (let j = i; j < r; j++) idx[j] = v;
    } else {
      while (i >= 0 && idx[i] === i + n - r) i--;
      if (i < 0) return;
      idx[i]!++;
      for (let j = i + 1; j < r; j++) idx[j] = idx[j - 1]! + 1;
    }
    yield new PyTuple(idx.map((k) => pool[k]!));
  }
}

function* permutations(pool: PyValue[], r: number): Generator<PyValue> {
  const n = pool.length;
  if (r > n) return;
  const used = Array(n).fill(false);
  const cur: PyValue[] = [];
  function* rec(): Generator<PyValue> {
    if (cur.length === r) {
      yield new PyTuple([...cur]);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      cur.push(pool[i]!);
      yield* rec();
      cur.pop();
      used[i] = false;
    }
  }
  yield* rec();
}

export function makeItertools(interp: Interpreter): PyModule {
  const m = new PyModule('itertools');
  const d = m.dict;
  const fn = fnOf('itertools');
  const it = (v: PyValue) => iterate(v);
  const chain = new NativeFunction(
    'chain',
    (a) =>
      lazy(
        'chain',
        (function* () {
          for (const x of a) yield* iterWrap(it(x));
        })(),
      ),
    { module: 'itertools' },
  );
  chain.dict = new Map([
    [
      'from_iterable',
      new NativeFunction(
        'from_iterable',
        (a) =>
          lazy(
            'chain',
            (function* () {
              const outer = it(a[0] ?? None);
              for (let r = outer.next(); !r.done; r = outer.next()) yield* iterWrap(it(r.value));
            })(),
          ),
        { module: 'itertools' },
      ),
    ],
  ]);
  d.set('chain', chain);
  fn(d, 'count', (a, k) => {
    let start: PyValue = a[0] ?? k.get('start') ?? 0n;
    const step: PyValue = a[1] ?? k.get('step') ?? 1n;
    return lazy(
      'count',
      (function* () {
        for (;;) {
          yield start;
          interp.step();
          start = binaryOp('+', start, step);
        }
      })(),
    );
  });
  fn(d, 'cycle', (a) => {
    const src = it(a[0] ?? None);
    return lazy(
      'cycle',
      (function* () {
        const saved: PyValue[] = [];
        for (let r = src.next(); !r.done; r = src.next()) {
          saved.push(r.value);
          yield r.value;
        }
        if (!saved.length) return;
        for (;;) {
          for (const v of saved) {
            interp.step();
            yield v;
          }
        }
      })(),
    );
  });
  fn(d, 'repeat', (a, k) => {
    const v = a[0] ?? k.get('object') ?? None;
    const times = intOf(a[1] ?? k.get('times'), null, 'times');
    return lazy(
      'repeat',
      (function* () {
        for (let i = 0; times === null || i < times; i++) {
          if (times === null) interp.step();
          yield v;
        }
      })(),
    );
  });
  fn(d, 'islice', (a) => {
    const src = it(a[0] ?? None);
    let start = 0;
    let stop: number | null;
    let step = 1;
    if (a.length === 2) stop = intOf(a[1], null, 'Stop argument for islice()');
    else {
      start = intOf(a[1], 0, 'Indices for islice()')!;
      stop = intOf(a[2], null, 'Stop argument for islice()');
      step = intOf(a[3], 1, 'Step for islice()')!;
    }
    return lazy(
      'islice',
      (function* () {
        let i = 0;
        let next = start;
        for (let r = src.next(); !r.done; r = src.next(), i++) {
          if (stop !== null && i >= stop) return;
          if (i === next) {
            yield r.value;
            next += step;
          }
        }
      })(),
    );
  });
  fn(d, 'product', (a, k) => lazy('product', product(a.map(iterToArray), Number(asInt(unbox(k.get('repeat') ?? 1n)) ?? 1n))));
  fn(d, 'combinations', (a, k) => lazy('combinations', combinations(iterToArray(a[0] ?? None), intOf(a[1] ?? k.get('r'), 0, 'r')!, false)));
  fn(d, 'combinations_with_replacement', (a, k) => lazy('combinations_with_replacement', combinations(iterToArray(a[0] ?? None), intOf(a[1] ?? k.get('r'), 0, 'r')!, true)));
  fn(d, 'permutations', (a, k) => {
    const pool = iterToArray(a[0] ?? None);
    return lazy('permutations', permutations(pool, intOf(a[1] ?? k.get('r'), pool.length, 'r')!));
  });
  fn(d, 'groupby', (a, k) => {
    const src = it(a[0] ?? k.get('iterable') ?? None);
    const key = a[1] ?? k.get('key') ?? None;
    return lazy(
      'groupby',
      (function* () {
        let r = src.next();
        while (!r.done) {
          const kv = key === None ? r.value : interp.callValue(key, [r.value]);
          const group: PyValue[] = [r.value];
          r = src.next();
          while (!r.done) {
            const k2 = key === None ? r.value : interp.callValue(key, [r.value]);
            if (!eq(k2, kv)) break;
            group.push(r.value);
            r = src.next();
          }
          yield new PyTuple([kv, new PyIterator(group[Symbol.iterator](), '_grouper')]);
        }
      })(),
    );
  });
  fn(d, 'zip_longest', (a, k) => {
    const fill = k.get('fillvalue') ?? None;
    const its = a.map(it);
    return lazy(
      'zip_longest',
      (function* () {
        if (!its.length) return;
        const done = its.map(() => false);
        for (;;) {
          const vals: PyValue[] = [];
          its.forEach((x, i) => {
            if (done[i]) {
              vals.push(fill);
              return;
            }
            const r = x.next();
            if (r.done) {
              done[i] = true;
              vals.push(fill);
            } else vals.push(r.value);
          });
          if (done.every(Boolean)) return;
          yield new PyTuple(vals);
        }
      })(),
    );
  });
  fn(d, 'accumulate', (a, k) => {
    const src = it(a[0] ?? None);
    const f = a[1] ?? k.get('func') ?? None;
    const initial = k.get('initial');
    return lazy(
      'accumulate',
      (function* () {
        let acc: PyValue | undefined = initial === None ? undefined : initial;
        if (acc !== undefined) yield acc;
        for (let r = src.next(); !r.done; r = src.next()) {
          acc = acc === undefined ? r.value : f === None ? binaryOp('+', acc, r.value) : interp.callValue(f, [acc, r.value]);
          yield acc;
        }
      })(),
    );
  });
  fn(d, 'starmap', (a) => {
    const f = a[0]!;
    const src = it(a[1] ?? None);
    return lazy(
      'starmap',
      (function* () {
        for (let r = src.next(); !r.done; r = src.next()) yield interp.callValue(f, iterToArray(r.value));
      })(),
    );
  });
  const predicateIter = (name: string, mode: 'takewhile' | 'dropwhile' | 'filterfalse') =>
    fn(d, name, (a) => {
      const f = a[0]!;
      const src = it(a[1] ?? None);
      return lazy(
        name,
        (function* () {
          let dropping = true;
          for (let r = src.next(); !r.done; r = src.next()) {
            const t = f === None ? truthy(r.value) : truthy(interp.callValue(f, [r.value]));
            if (mode === 'takewhile') {
              if (!t) return;
              yield r.value;
            } else if (mode === 'dropwhile') {
              if (dropping && t) continue;
              dropping = false;
              yield r.value;
            } else if (!t) yield r.value;
          }
        })(),
      );
    });
  predicateIter('takewhile', 'takewhile');
  predicateIter('dropwhile', 'dropwhile');
  predicateIter('filterfalse', 'filterfalse');
  fn(d, 'compress', (a) => {
    const data = it(a[0] ?? None);
    const sel = it(a[1] ?? None);
    return lazy(
      'compress',
      (function* () {
        for (;;) {
          const x = data.next();
          const s = sel.next();
          if (x.done || s.done) return;
          if (truthy(s.value)) yield x.value;
        }
      })(),
    );
  });
  fn(d, 'pairwise', (a) => {
    const src = it(a[0] ?? None);
    return lazy(
      'pairwise',
      (function* () {
        let prev = src.next();
        if (prev.done) return;
        for (let r = src.next(); !r.done; r = src.next()) {
          yield new PyTuple([prev.value, r.value]);
          prev = r;
        }
      })(),
    );
  });
  fn(d, 'tee', (a) => {
    const items = iterToArray(a[0] ?? None);
    const n = intOf(a[1], 2, 'n')!;
    return new PyTuple(Array.from({ length: n }, () => new PyIterator(items[Symbol.iterator](), '_tee')));
  });
  return m;
}

function* iterWrap(it: Iterator<PyValue>): Generator<PyValue> {
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

// ---------------------------------------------------------------------------------------------
// operator
// ---------------------------------------------------------------------------------------------

function getterClass(name: string, get: (items: PyValue[], obj: PyValue) => PyValue, show: (v: PyValue) => string): PyClass {
  const cls = new PyClass(name, { module: 'operator' });
  cls.nativeNew = (c, args) => {
    if (!args.length) throw pyError(TypeError, `${name} expected 1 argument, got 0`);
    return new GetterObject(c, args, get, show);
  };
  return cls;
}

class GetterObject extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly items: PyValue[],
    readonly get: (items: PyValue[], obj: PyValue) => PyValue,
    readonly show: (v: PyValue) => string,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeCall(args: PyValue[]): PyValue {
    const obj = args[0] ?? None;
    if (this.items.length === 1) return this.get(this.items, obj);
    return new PyTuple(this.items.map((i) => this.get([i], obj)));
  }
  override nativeRepr(): string {
    return `operator.${this.cls.name}(${this.items.map(this.show).join(', ')})`;
  }
}

export function makeOperator(): PyModule {
  const m = new PyModule('operator');
  const d = m.dict;
  const fn = fnOf('operator');
  d.set(
    'attrgetter',
    getterClass(
      'attrgetter',
      (items, obj) => str(items[0]!).split('.').reduce<PyValue>((o, part) => getattr(o, part), obj),
      repr,
    ),
  );
  d.set('itemgetter', getterClass('itemgetter', (items, obj) => getItem(obj, items[0]!), repr));
  const mc = new PyClass('methodcaller', { module: 'operator' });
  mc.nativeNew = (_c, args, kwargs) => {
    const name = str(args[0] ?? '');
    const rest = args.slice(1);
    return new NativeFunction('methodcaller', (b) => call(getattr(b[0] ?? None, name), rest, kwargs), { module: 'operator' });
  };
  d.set('methodcaller', mc);
  const bin: [string, Operator][] = [
    ['add', '+'],
    ['sub', '-'],
    ['mul', '*'],
    ['truediv', '/'],
    ['floordiv', '//'],
    ['mod', '%'],
    ['pow', '**'],
    ['lshift', '<<'],
    ['rshift', '>>'],
    ['and_', '&'],
    ['or_', '|'],
    ['xor', '^'],
    ['matmul', '@'],
  ];
  for (const [name, op] of bin) {
    fn(d, name, (a) => binaryOp(op, a[0]!, a[1]!));
    fn(d, `__${name.replace(/_$/, '')}__`, (a) => binaryOp(op, a[0]!, a[1]!));
  }
  const cmps: [string, CmpOperator][] = [
    ['lt', '<'],
    ['le', '<='],
    ['eq', '=='],
    ['ne', '!='],
    ['gt', '>'],
    ['ge', '>='],
  ];
  for (const [name, op] of cmps) {
    fn(d, name, (a) => compare(op, a[0]!, a[1]!));
    fn(d, `__${name}__`, (a) => compare(op, a[0]!, a[1]!));
  }
  fn(d, 'neg', (a) => unaryOp('-', a[0]!));
  fn(d, 'pos', (a) => unaryOp('+', a[0]!));
  fn(d, 'invert', (a) => unaryOp('~', a[0]!));
  fn(d, 'inv', (a) => unaryOp('~', a[0]!));
  fn(d, 'not_', (a) => !truthy(a[0]!));
  fn(d, 'truth', (a) => truthy(a[0]!));
  fn(d, 'is_', (a) => a[0] === a[1]);
  fn(d, 'is_not', (a) => a[0] !== a[1]);
  fn(d, 'contains', (a) => contains(a[0]!, a[1]!));
  fn(d, 'getitem', (a) => getItem(a[0]!, a[1]!));
  fn(d, 'index', (a) => {
    const i = indexValue(unbox(a[0]!));
    if (i === undefined) throw pyError(TypeError, `'${typeName(a[0]!)}' object cannot be interpreted as an integer`);
    return i;
  });
  fn(d, 'concat', (a) => binaryOp('+', a[0]!, a[1]!));
  return m;
}

partialClass.tpName = 'functools.partial';
