/**
 * list, tuple, dict (with keys/values/items views), set and frozenset: constructors (including
 * Python subclasses of them) and methods.
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
  PyObject,
  PySet,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  dictClass,
  eq,
  frozensetClass,
  getattrOpt,
  iterate,
  listClass,
  pyError,
  repr,
  setClass,
  tupleClass,
  hashKey,
} from '../objects.ts';
import { classMethod, descriptorError, method } from './core.ts';
import { compareOrder, contains, delItem, getItem, indexValue, inplaceOp, keyError, setItem, setOp, binaryOp } from '../operators.ts';
import { checkArgs } from '../classes.ts';
import { GenericAlias } from './alias.ts';

// ---------------------------------------------------------------------------------------------
// Instances of Python subclasses
// ---------------------------------------------------------------------------------------------

export class PyListSub extends PyList {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    items: PyValue[] = [],
  ) {
    super(items);
  }
  override get pyClass(): PyClass {
    return this.cls;
  }
}

export class PyTupleSub extends PyTuple {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    items: readonly PyValue[],
  ) {
    super(items);
  }
  override get pyClass(): PyClass {
    return this.cls;
  }
}

export class PyDictSub extends PyDict {
  override dict = new Map<string, PyValue>();
  constructor(readonly cls: PyClass) {
    super();
  }
  override get pyClass(): PyClass {
    return this.cls;
  }
}

export class PySetSub extends PySet {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    frozen: boolean,
  ) {
    super(undefined, frozen);
  }
  override get pyClass(): PyClass {
    return this.cls;
  }
}

/** A Python-level __init__ before `base` in the MRO of `cls`. */
function hasUserInit(cls: PyClass, base: PyClass): boolean {
  for (const c of cls.mro) {
    if (c === base) return false;
    const init = c.dict.get('__init__');
    if (init !== undefined && !(init instanceof NativeFunction)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

export function iterToArray(v: PyValue): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  const out: PyValue[] = [];
  const it = iterate(v);
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

/** Sorts values like list.sort (stable, optional key and reverse). */
export function sortValues(items: PyValue[], key: PyValue, reverse: boolean): PyValue[] {
  const keys = key === None ? items : items.map((x) => call(key, [x]));
  const idx = items.map((_, i) => i);
  const lt = (a: PyValue, b: PyValue) => compareOrder('<', a, b);
  idx.sort((i, j) => {
    const a = keys[i]!;
    const b = keys[j]!;
    if (reverse) {
      if (lt(b, a)) return -1;
      if (lt(a, b)) return 1;
      return 0;
    }
    if (lt(a, b)) return -1;
    if (lt(b, a)) return 1;
    return 0;
  });
  return idx.map((i) => items[i]!);
}

/** dict.update semantics: a mapping (keys()) or an iterable of pairs, then keywords. */
export function dictUpdate(d: PyDict, src: PyValue | undefined, kwargs: Kwargs): void {
  if (src !== undefined) {
    if (src instanceof PyDict) {
      for (const [k, v] of src.items()) d.set(k, v);
    } else if (getattrOpt(src, 'keys') !== undefined && !(src instanceof PyList) && !(src instanceof PyTuple)) {
      for (const k of iterToArray(call(getattrOpt(src, 'keys')!, []))) d.set(k, getItem(src, k));
    } else {
      let i = 0;
      for (const item of iterToArray(src)) {
        let pair: PyValue[];
        try {
          pair = iterToArray(item);
        } catch {
          throw pyError(TypeError, `cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        if (pair.length !== 2) throw pyError(ValueError, `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        d.set(pair[0]!, pair[1]!);
        i++;
      }
    }
  }
  for (const [k, v] of kwargs) d.set(k, v);
}

function selfList(a: PyValue[], name: string): PyList {
  const s = a[0];
  if (!(s instanceof PyList)) descriptorError(name, 'list', s ?? None);
  return s;
}

function selfTuple(a: PyValue[], name: string): PyTuple {
  const s = a[0];
  if (!(s instanceof PyTuple)) descriptorError(name, 'tuple', s ?? None);
  return s;
}

function selfDict(a: PyValue[], name: string): PyDict {
  const s = a[0];
  if (!(s instanceof PyDict)) descriptorError(name, 'dict', s ?? None);
  return s;
}

function selfSet(a: PyValue[], name: string, cls = 'set'): PySet {
  const s = a[0];
  if (!(s instanceof PySet)) descriptorError(name, cls, s ?? None);
  return s;
}

function seqIndex(items: readonly PyValue[], x: PyValue, start: PyValue | undefined, end: PyValue | undefined): number {
  const n = items.length;
  const norm = (v: PyValue | undefined, d: number) => {
    if (v === undefined || v === None) return d;
    let k = Number(indexValue(v) ?? 0n);
    if (k < 0) k = Math.max(0, k + n);
    return Math.min(k, n);
  };
  const a = norm(start, 0);
  const b = norm(end, n);
  for (let i = a; i < b; i++) if (items[i] === x || eq(items[i]!, x)) return i;
  return -1;
}

function seqRepr(open: string, items: readonly PyValue[], close: string): string {
  return open + items.map(repr).join(', ') + close;
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

function installList(): void {
  const c = listClass;
  c.nativeNew = (cls, args, kwargs) => {
    if (kwargs.size) throw pyError(TypeError, 'list() takes no keyword arguments');
    if (args.length > 1) throw pyError(TypeError, `list expected at most 1 argument, got ${args.length}`);
    if (cls === listClass) return new PyList(args.length ? iterToArray(args[0]!) : []);
    const l = new PyListSub(cls);
    if (!hasUserInit(cls, listClass) && args.length) l.items = iterToArray(args[0]!);
    return l;
  };
  method(c, '__init__', (a) => {
    const l = selfList(a, '__init__');
    l.items = a.length > 1 ? iterToArray(a[1]!) : [];
    return None;
  });
  method(c, 'append', (a) => {
    checkArgs('list.append', a.slice(1), 1);
    selfList(a, 'append').items.push(a[1]!);
    return None;
  });
  method(c, 'extend', (a) => {
    const l = selfList(a, 'extend');
    const items = iterToArray(a[1]!);
    for (const x of items) l.items.push(x);
    return None;
  });
  method(c, 'insert', (a) => {
    const l = selfList(a, 'insert');
    checkArgs('insert', a.slice(1), 2);
    let i = Number(indexValue(a[1]!) ?? 0n);
    const n = l.items.length;
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    l.items.splice(i, 0, a[2]!);
    return None;
  });
  method(c, 'pop', (a) => {
    const l = selfList(a, 'pop');
    if (l.items.length === 0) throw pyError(IndexError, 'pop from empty list');
    let i = a.length > 1 ? Number(indexValue(a[1]!) ?? 0n) : l.items.length - 1;
    if (i < 0) i += l.items.length;
    if (i < 0 || i >= l.items.length) throw pyError(IndexError, 'pop index out of range');
    return l.items.splice(i, 1)[0]!;
  });
  method(c, 'remove', (a) => {
    const l = selfList(a, 'remove');
    const i = seqIndex(l.items, a[1]!, undefined, undefined);
    if (i < 0) throw pyError(ValueError, 'list.remove(x): x not in list');
    l.items.splice(i, 1);
    return None;
  });
  method(c, 'index', (a) => {
    const l = selfList(a, 'index');
    const i = seqIndex(l.items, a[1]!, a[2], a[3]);
    if (i < 0) throw pyError(ValueError, `${repr(a[1]!)} is not in list`);
    return BigInt(i);
  });
  method(c, 'count', (a) => {
    const l = selfList(a, 'count');
    let n = 0;
    for (const x of l.items) if (x === a[1] || eq(x, a[1]!)) n++;
    return BigInt(n);
  });
  method(c, 'sort', (a, kw) => {
    const l = selfList(a, 'sort');
    if (a.length > 1) throw pyError(TypeError, 'sort() takes no positional arguments');
    for (const k of kw.keys()) if (k !== 'key' && k !== 'reverse') throw pyError(TypeError, `sort() got an unexpected keyword argument '${k}'`);
    const items = l.items;
    l.items = [];
    try {
      l.items = sortValues(items, kw.get('key') ?? None, truthyArg(kw.get('reverse')));
    } catch (e) {
      l.items = items;
      throw e;
    }
    return None;
  });
  method(c, 'reverse', (a) => {
    selfList(a, 'reverse').items.reverse();
    return None;
  });
  method(c, 'copy', (a) => new PyList([...selfList(a, 'copy').items]));
  method(c, 'clear', (a) => {
    selfList(a, 'clear').items = [];
    return None;
  });
  method(c, '__len__', (a) => BigInt(selfList(a, '__len__').items.length));
  method(c, '__getitem__', (a) => getItem(plainList(selfList(a, '__getitem__')), a[1]!));
  method(c, '__setitem__', (a) => {
    setItem(plainList(selfList(a, '__setitem__')), a[1]!, a[2]!);
    return None;
  });
  method(c, '__delitem__', (a) => {
    delItem(plainList(selfList(a, '__delitem__')), a[1]!);
    return None;
  });
  method(c, '__contains__', (a) => contains(plainList(selfList(a, '__contains__')), a[1]!));
  method(c, '__iter__', (a) => new PyIterator(iterate(plainList(selfList(a, '__iter__'))), 'list_iterator'));
  method(c, '__reversed__', (a) => new PyIterator([...selfList(a, '__reversed__').items].reverse()[Symbol.iterator](), 'list_reverseiterator'));
  method(c, '__add__', (a) => {
    const o = a[1];
    if (!(o instanceof PyList)) return NotImplemented;
    return new PyList([...selfList(a, '__add__').items, ...o.items]);
  });
  method(c, '__iadd__', (a) => inplaceOp('+', plainListRef(selfList(a, '__iadd__')), a[1]!) && a[0]!);
  method(c, '__mul__', (a) => binaryOp('*', new PyList([...selfList(a, '__mul__').items]), a[1]!));
  method(c, '__rmul__', (a) => binaryOp('*', new PyList([...selfList(a, '__rmul__').items]), a[1]!));
  method(c, '__eq__', (a) => (a[1] instanceof PyList ? eq(new PyList(selfList(a, '__eq__').items), new PyList(a[1].items)) : NotImplemented));
  method(c, '__repr__', (a) => seqRepr('[', selfList(a, '__repr__').items, ']'));
  method(c, '__hash__', () => {
    throw pyError(TypeError, "unhashable type: 'list'");
  });
  c.dict.set('__hash__', None);
  classMethod(c, '__class_getitem__', (a) => new GenericAlias(a[0] as PyClass, a[1]!));
}

function plainList(l: PyList): PyList {
  return l.pyClass === listClass ? l : l;
}
function plainListRef(l: PyList): PyList {
  return l;
}

function truthyArg(v: PyValue | undefined): boolean {
  if (v === undefined || v === None || v === false || v === 0n || v === 0) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// tuple
// ---------------------------------------------------------------------------------------------

function installTuple(): void {
  const c = tupleClass;
  c.nativeNew = (cls, args, kwargs) => {
    if (kwargs.size) throw pyError(TypeError, 'tuple() takes no keyword arguments');
    if (args.length > 1) throw pyError(TypeError, `tuple expected at most 1 argument, got ${args.length}`);
    const items = args.length ? iterToArray(args[0]!) : [];
    return cls === tupleClass ? new PyTuple(items) : new PyTupleSub(cls, items);
  };
  method(c, 'index', (a) => {
    const t = selfTuple(a, 'index');
    const i = seqIndex(t.items, a[1]!, a[2], a[3]);
    if (i < 0) throw pyError(ValueError, 'tuple.index(x): x not in tuple');
    return BigInt(i);
  });
  method(c, 'count', (a) => {
    const t = selfTuple(a, 'count');
    let n = 0;
    for (const x of t.items) if (x === a[1] || eq(x, a[1]!)) n++;
    return BigInt(n);
  });
  method(c, '__len__', (a) => BigInt(selfTuple(a, '__len__').items.length));
  method(c, '__getitem__', (a) => getItem(new PyTuple(selfTuple(a, '__getitem__').items), a[1]!));
  method(c, '__contains__', (a) => contains(new PyTuple(selfTuple(a, '__contains__').items), a[1]!));
  method(c, '__iter__', (a) => new PyIterator(selfTuple(a, '__iter__').items[Symbol.iterator](), 'tuple_iterator'));
  method(c, '__add__', (a) => {
    const o = a[1];
    if (!(o instanceof PyTuple)) return NotImplemented;
    return new PyTuple([...selfTuple(a, '__add__').items, ...o.items]);
  });
  method(c, '__mul__', (a) => binaryOp('*', new PyTuple(selfTuple(a, '__mul__').items), a[1]!));
  method(c, '__eq__', (a) => (a[1] instanceof PyTuple ? eq(new PyTuple(selfTuple(a, '__eq__').items), new PyTuple(a[1].items)) : NotImplemented));
  method(c, '__hash__', (a) => {
    const k = hashKey(new PyTuple(selfTuple(a, '__hash__').items));
    let h = 0;
    for (const ch of String(k)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return BigInt(h);
  });
  method(c, '__repr__', (a) => {
    const t = selfTuple(a, '__repr__');
    return t.items.length === 1 ? `(${repr(t.items[0]!)},)` : seqRepr('(', t.items, ')');
  });
  method(c, '__getnewargs__', (a) => new PyTuple([new PyTuple(selfTuple(a, '__getnewargs__').items)]));
  classMethod(c, '__class_getitem__', (a) => new GenericAlias(a[0] as PyClass, a[1]!));
}

// ---------------------------------------------------------------------------------------------
// dict and its views
// ---------------------------------------------------------------------------------------------

export const dictKeysClass = new PyClass('dict_keys');
export const dictValuesClass = new PyClass('dict_values');
export const dictItemsClass = new PyClass('dict_items');

export class PyDictView extends PyObject {
  constructor(
    readonly kind: 'keys' | 'values' | 'items',
    readonly d: PyDict,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.kind === 'keys' ? dictKeysClass : this.kind === 'values' ? dictValuesClass : dictItemsClass;
  }
  values(): PyValue[] {
    if (this.kind === 'keys') return this.d.keys();
    if (this.kind === 'values') return this.d.values();
    return this.d.items().map(([k, v]) => new PyTuple([k, v]));
  }
  override nativeIter(): Iterator<PyValue> {
    return this.values()[Symbol.iterator]();
  }
  override nativeLen(): number {
    return this.d.size;
  }
  override nativeContains(item: PyValue): boolean {
    if (this.kind === 'keys') return this.d.has(item);
    if (this.kind === 'items') {
      if (!(item instanceof PyTuple) || item.items.length !== 2) return false;
      const v = this.d.get(item.items[0]!);
      return v !== undefined && eq(v, item.items[1]!);
    }
    return this.d.values().some((v) => eq(v, item));
  }
  override nativeRepr(): string {
    return `dict_${this.kind}([${this.values().map(repr).join(', ')}])`;
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (this.kind === 'values') return other === this;
    if (other instanceof PyDictView || other instanceof PySet) {
      const a = new PySet(this.values());
      const b = other instanceof PySet ? other : new PySet(other.values());
      return eq(a, b);
    }
    return undefined;
  }
}

function installDictViews(): void {
  for (const cls of [dictKeysClass, dictItemsClass]) {
    for (const [name, op] of [
      ['__and__', '&'],
      ['__or__', '|'],
      ['__sub__', '-'],
      ['__xor__', '^'],
      ['__rand__', '&'],
      ['__ror__', '|'],
    ] as const) {
      method(cls, name, (a) => {
        const left = new PySet((a[0] as PyDictView).values());
        const right = a[1] instanceof PySet ? a[1] : new PySet(iterToArray(a[1]!));
        return setOp(op, left, right);
      });
    }
    method(cls, 'isdisjoint', (a) => {
      const left = new PySet((a[0] as PyDictView).values());
      return iterToArray(a[1]!).every((x) => !left.has(x));
    });
  }
  for (const cls of [dictKeysClass, dictValuesClass, dictItemsClass]) {
    method(cls, '__reversed__', (a) => new PyIterator((a[0] as PyDictView).values().reverse()[Symbol.iterator](), 'dict_reversekeyiterator'));
    method(cls, '__iter__', (a) => new PyIterator((a[0] as PyDictView).nativeIter(), `dict_${(a[0] as PyDictView).kind.slice(0, -1)}iterator`));
    method(cls, '__len__', (a) => BigInt((a[0] as PyDictView).nativeLen()));
  }
}

function installDict(): void {
  const c = dictClass;
  c.nativeNew = (cls, args, kwargs) => {
    if (args.length > 1) throw pyError(TypeError, `dict expected at most 1 argument, got ${args.length}`);
    if (cls === dictClass) {
      const d = new PyDict();
      dictUpdate(d, args[0], kwargs);
      return d;
    }
    const d = new PyDictSub(cls);
    if (!hasUserInit(cls, dictClass)) dictUpdate(d, args[0], kwargs);
    return d;
  };
  method(c, '__init__', (a, kw) => {
    const d = selfDict(a, '__init__');
    dictUpdate(d, a[1], kw);
    return None;
  });
  method(c, 'keys', (a) => new PyDictView('keys', selfDict(a, 'keys')));
  method(c, 'values', (a) => new PyDictView('values', selfDict(a, 'values')));
  method(c, 'items', (a) => new PyDictView('items', selfDict(a, 'items')));
  method(c, 'get', (a) => {
    const d = selfDict(a, 'get');
    if (a.length < 2) throw pyError(TypeError, 'get expected at least 1 argument, got 0');
    if (a.length > 3) throw pyError(TypeError, `get expected at most 2 arguments, got ${a.length - 1}`);
    return d.get(a[1]!) ?? a[2] ?? None;
  });
  method(c, 'setdefault', (a) => {
    const d = selfDict(a, 'setdefault');
    const v = d.get(a[1]!);
    if (v !== undefined) return v;
    const dv = a[2] ?? None;
    d.set(a[1]!, dv);
    return dv;
  });
  method(c, 'pop', (a) => {
    const d = selfDict(a, 'pop');
    const v = d.get(a[1]!);
    if (v === undefined) {
      if (a.length > 2) return a[2]!;
      throw keyError(a[1]!);
    }
    d.delete(a[1]!);
    return v;
  });
  method(c, 'popitem', (a) => {
    const d = selfDict(a, 'popitem');
    const items = d.items();
    if (!items.length) {
      const e = pyError(KeyError, 'popitem(): dictionary is empty');
      throw e;
    }
    const [k, v] = items[items.length - 1]!;
    d.delete(k);
    return new PyTuple([k, v]);
  });
  method(c, 'update', (a, kw) => {
    const d = selfDict(a, 'update');
    if (a.length > 2) throw pyError(TypeError, `update expected at most 1 argument, got ${a.length - 1}`);
    dictUpdate(d, a[1], kw);
    return None;
  });
  method(c, 'copy', (a) => new PyDict(selfDict(a, 'copy').items()));
  method(c, 'clear', (a) => {
    selfDict(a, 'clear').entries.clear();
    return None;
  });
  classMethod(c, 'fromkeys', (a) => {
    const cls = a[0] as PyClass;
    const d = cls === dictClass ? new PyDict() : (call(cls, []) as PyDict);
    const v = a[2] ?? None;
    for (const k of iterToArray(a[1]!)) d.set(k, v);
    return d;
  });
  method(c, '__len__', (a) => BigInt(selfDict(a, '__len__').size));
  method(c, '__getitem__', (a) => {
    const d = selfDict(a, '__getitem__');
    const v = d.get(a[1]!);
    if (v !== undefined) return v;
    const missing = d.pyClass.lookup('__missing__');
    if (missing !== undefined) return call(missing, [d, a[1]!]);
    throw keyError(a[1]!);
  });
  method(c, '__setitem__', (a) => {
    selfDict(a, '__setitem__').set(a[1]!, a[2]!);
    return None;
  });
  method(c, '__delitem__', (a) => {
    if (!selfDict(a, '__delitem__').delete(a[1]!)) throw keyError(a[1]!);
    return None;
  });
  method(c, '__contains__', (a) => selfDict(a, '__contains__').has(a[1]!));
  method(c, '__iter__', (a) => new PyIterator(selfDict(a, '__iter__').keys()[Symbol.iterator](), 'dict_keyiterator'));
  method(c, '__reversed__', (a) => new PyIterator(selfDict(a, '__reversed__').keys().reverse()[Symbol.iterator](), 'dict_reversekeyiterator'));
  method(c, '__eq__', (a) => {
    const o = a[1];
    if (!(o instanceof PyDict)) return NotImplemented;
    const d = selfDict(a, '__eq__');
    return eq(new PyDict(d.items()), new PyDict(o.items()));
  });
  method(c, '__or__', (a) => {
    const o = a[1];
    if (!(o instanceof PyDict)) return NotImplemented;
    const d = new PyDict(selfDict(a, '__or__').items());
    for (const [k, v] of o.items()) d.set(k, v);
    return d;
  });
  method(c, '__ior__', (a) => {
    const d = selfDict(a, '__ior__');
    dictUpdate(d, a[1], new Map());
    return d;
  });
  method(c, '__repr__', (a) => {
    const d = selfDict(a, '__repr__');
    return '{' + d.items().map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ') + '}';
  });
  c.dict.set('__hash__', None);
  classMethod(c, '__class_getitem__', (a) => new GenericAlias(a[0] as PyClass, a[1]!));
}

// ---------------------------------------------------------------------------------------------
// set / frozenset
// ---------------------------------------------------------------------------------------------

function toSet(v: PyValue): PySet {
  return v instanceof PySet ? v : new PySet(iterToArray(v));
}

function installSets(): void {
  for (const c of [setClass, frozensetClass]) {
    const frozen = c === frozensetClass;
    const cname = frozen ? 'frozenset' : 'set';
    c.nativeNew = (cls, args, kwargs) => {
      if (kwargs.size) throw pyError(TypeError, `${cname}() takes no keyword arguments`);
      if (args.length > 1) throw pyError(TypeError, `${cname} expected at most 1 argument, got ${args.length}`);
      const items = args.length ? iterToArray(args[0]!) : [];
      if (cls === c) return new PySet(items, frozen);
      const s = new PySetSub(cls, frozen);
      if (frozen || !hasUserInit(cls, c)) for (const x of items) s.add(x);
      return s;
    };
    const self = (a: PyValue[], name: string) => selfSet(a, name, cname);
    const result = (src: PySet, items: PySet) => {
      const out = new PySet(undefined, src.frozen);
      for (const [h, v] of items.entries) out.entries.set(h, v);
      return out;
    };
    method(c, 'union', (a) => {
      let r = self(a, 'union');
      for (const o of a.slice(1)) r = setOp('|', r, toSet(o));
      return result(self(a, 'union'), r);
    });
    method(c, 'intersection', (a) => {
      let r = self(a, 'intersection');
      for (const o of a.slice(1)) r = setOp('&', r, toSet(o));
      return result(self(a, 'intersection'), r);
    });
    method(c, 'difference', (a) => {
      let r = self(a, 'difference');
      for (const o of a.slice(1)) r = setOp('-', r, toSet(o));
      return result(self(a, 'difference'), r);
    });
    method(c, 'symmetric_difference', (a) => result(self(a, 'symmetric_difference'), setOp('^', self(a, 'symmetric_difference'), toSet(a[1]!))));
    method(c, 'issubset', (a) => {
      const s = self(a, 'issubset');
      const o = toSet(a[1]!);
      return [...s.entries.keys()].every((h) => o.entries.has(h));
    });
    method(c, 'issuperset', (a) => {
      const s = self(a, 'issuperset');
      const o = toSet(a[1]!);
      return [...o.entries.keys()].every((h) => s.entries.has(h));
    });
    method(c, 'isdisjoint', (a) => {
      const s = self(a, 'isdisjoint');
      return iterToArray(a[1]!).every((x) => !s.has(x));
    });
    method(c, 'copy', (a) => {
      const s = self(a, 'copy');
      return frozen && s.pyClass === frozensetClass ? s : new PySet(s.values(), frozen);
    });
    method(c, '__len__', (a) => BigInt(self(a, '__len__').entries.size));
    method(c, '__contains__', (a) => self(a, '__contains__').has(a[1]!));
    method(c, '__iter__', (a) => new PyIterator(self(a, '__iter__').values()[Symbol.iterator](), 'set_iterator'));
    method(c, '__repr__', (a) => {
      const s = self(a, '__repr__');
      const items = s.values().map(repr).join(', ');
      const name = s.pyClass === c ? cname : s.pyClass.name;
      if (frozen || s.pyClass !== c) return s.entries.size === 0 ? `${name}()` : `${name}({${items}})`;
      return s.entries.size === 0 ? 'set()' : `{${items}}`;
    });
    for (const [name, op] of [
      ['__or__', '|'],
      ['__and__', '&'],
      ['__sub__', '-'],
      ['__xor__', '^'],
    ] as const) {
      method(c, name, (a) => {
        const o = a[1];
        if (!(o instanceof PySet)) return NotImplemented;
        return result(self(a, name), setOp(op, self(a, name), o));
      });
    }
    method(c, '__eq__', (a) => (a[1] instanceof PySet ? eq(new PySet(self(a, '__eq__').values()), new PySet(a[1].values())) : NotImplemented));
    for (const [name, op] of [
      ['__le__', '<='],
      ['__lt__', '<'],
      ['__ge__', '>='],
      ['__gt__', '>'],
    ] as const) {
      method(c, name, (a) => (a[1] instanceof PySet ? compareOrder(op, new PySet(self(a, name).values()), new PySet(a[1].values())) : NotImplemented));
    }
    classMethod(c, '__class_getitem__', (a) => new GenericAlias(a[0] as PyClass, a[1]!));
  }
  const s = setClass;
  const mut = (a: PyValue[], name: string) => {
    const x = a[0];
    if (!(x instanceof PySet) || x.frozen) descriptorError(name, 'set', x ?? None);
    return x;
  };
  method(s, '__init__', (a) => {
    const x = mut(a, '__init__');
    x.entries.clear();
    if (a.length > 1) for (const v of iterToArray(a[1]!)) x.add(v);
    return None;
  });
  method(s, 'add', (a) => {
    mut(a, 'add').add(a[1]!);
    return None;
  });
  method(s, 'discard', (a) => {
    mut(a, 'discard').delete(a[1]!);
    return None;
  });
  method(s, 'remove', (a) => {
    if (!mut(a, 'remove').delete(a[1]!)) throw keyError(a[1]!);
    return None;
  });
  method(s, 'pop', (a) => {
    const x = mut(a, 'pop');
    const first = x.entries.entries().next();
    if (first.done) {
      const e = pyError(KeyError, 'pop from an empty set');
      throw e;
    }
    x.entries.delete(first.value[0]);
    return first.value[1];
  });
  method(s, 'clear', (a) => {
    mut(a, 'clear').entries.clear();
    return None;
  });
  method(s, 'update', (a) => {
    const x = mut(a, 'update');
    for (const o of a.slice(1)) for (const v of iterToArray(o)) x.add(v);
    return None;
  });
  const inplace = (name: string, op: '&' | '-' | '^') =>
    method(s, name, (a) => {
      const x = mut(a, name);
      let r: PySet = x;
      for (const o of a.slice(1)) r = setOp(op, r, toSet(o));
      x.entries.clear();
      for (const [h, v] of r.entries) x.entries.set(h, v);
      return None;
    });
  inplace('intersection_update', '&');
  inplace('difference_update', '-');
  inplace('symmetric_difference_update', '^');
  for (const [name, op] of [
    ['__ior__', '|'],
    ['__iand__', '&'],
    ['__isub__', '-'],
    ['__ixor__', '^'],
  ] as const) {
    method(s, name, (a) => inplaceOp(op, mut(a, name), a[1]!));
  }
  s.dict.set('__hash__', None);
  method(frozensetClass, '__hash__', (a) => {
    const k = (a[0] as PySet).nativeHashKey() ?? '';
    let h = 0;
    for (const ch of k) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return BigInt(h);
  });
}

export function installContainers(): void {
  installList();
  installTuple();
  installDict();
  installDictViews();
  installSets();
}
