/**
 * The Python object model shared by the interpreter, the Django layer and the writer.
 *
 * Python values map onto JavaScript like this:
 *   str   -> string          int  -> bigint       float -> number       bool -> boolean
 *   None  -> the `None` singleton (a PyObject)    everything else -> a PyObject subclass
 *
 * Every operation that has Python semantics (attribute lookup, calls, repr, equality, hashing,
 * truthiness, iteration) goes through the protocol functions at the bottom of this file, so native
 * (TypeScript) objects and objects built by the interpreter behave alike.
 *
 * The interpreter is synchronous: a call into Python code runs to completion (or throws a
 * PyException). Database access from Python code is synchronous too (see engine/db).
 */

export type PyValue = string | bigint | number | boolean | PyObject;

/** Ordered keyword arguments of a call. */
export type Kwargs = Map<string, PyValue>;

export const NO_KWARGS: Kwargs = new Map();

// ---------------------------------------------------------------------------------------------
// Base object
// ---------------------------------------------------------------------------------------------

export abstract class PyObject {
  /** type(self) */
  abstract get pyClass(): PyClass;

  /** Instance attribute storage (`__dict__`), when the object has one. */
  dict?: Map<string, PyValue>;

  // Optional native hooks. A native class overrides these to give its instances behaviour
  // without defining Python-level dunder methods. Returning `undefined` means "not handled here".
  /** Attribute lookup before the normal class/instance lookup. */
  nativeGetAttr?(name: string): PyValue | undefined;
  /** Attribute assignment; return true when handled. */
  nativeSetAttr?(name: string, value: PyValue): boolean;
  nativeCall?(args: PyValue[], kwargs: Kwargs): PyValue;
  nativeRepr?(): string;
  nativeStr?(): string;
  nativeEq?(other: PyValue): boolean | undefined;
  /** A key equal for equal objects (used by dict/set). Objects without it hash by identity. */
  nativeHashKey?(): string | undefined;
  nativeBool?(): boolean;
  nativeLen?(): number;
  nativeIter?(): Iterator<PyValue>;
  nativeGetItem?(key: PyValue): PyValue;
  nativeSetItem?(key: PyValue, value: PyValue): void;
  nativeContains?(item: PyValue): boolean;
  /** `with obj:` entry for native context managers (returns the `as` value). */
  nativeEnter?(): PyValue;
  /**
   * `with obj:` exit for native context managers: receives the exception leaving the block (or
   * null); returns true to suppress it.
   */
  nativeExit?(exc: PyException | null): boolean;
  /**
   * The SQL literal psycopg2 would send for this value (`'2026-01-02T03:04:05+00:00'::timestamptz`,
   * `1.50` for a Decimal, `'…'::uuid`). Implemented by the stdlib's datetime/Decimal/UUID types.
   */
  nativeSqlLiteral?(): string;
}

// ---------------------------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------------------------

export interface ClassOptions {
  module?: string;
  qualname?: string;
  bases?: PyClass[];
  metaclass?: PyClass;
  dict?: Map<string, PyValue>;
  /**
   * Creates a bare instance for `cls(...)` (object.__new__). Native classes whose instances are
   * TypeScript objects (a Django field, a Decimal) set this; it receives the call arguments and
   * must return the fully initialised object, in which case `__init__` is not looked up.
   */
  nativeNew?: (cls: PyClass, args: PyValue[], kwargs: Kwargs) => PyValue;
}

export class PyClass extends PyObject {
  name: string;
  qualname: string;
  module: string;
  bases: PyClass[];
  mro: PyClass[];
  metaclass: PyClass | null;
  override dict: Map<string, PyValue>;
  nativeNew?: (cls: PyClass, args: PyValue[], kwargs: Kwargs) => PyValue;
  /** Free slot for native layers (e.g. the Django model metadata of a model class). */
  native: Record<string, unknown> = {};
  /**
   * The type name CPython prints in messages (`tp_name`): classes implemented in C inside a
   * module are qualified (`'decimal.Decimal' object …`); defaults to `name`.
   */
  tpName?: string;

  constructor(name: string, opts: ClassOptions = {}) {
    super();
    this.name = name;
    this.qualname = opts.qualname ?? name;
    this.module = opts.module ?? 'builtins';
    this.bases = opts.bases ?? (objectClass ? [objectClass] : []);
    this.metaclass = opts.metaclass ?? null;
    this.dict = opts.dict ?? new Map();
    this.nativeNew = opts.nativeNew;
    this.mro = computeMro(this);
  }

  get pyClass(): PyClass {
    return this.metaclass ?? typeClass;
  }

  /** Looks a name up along the MRO (no descriptors applied). */
  lookup(name: string): PyValue | undefined {
    for (const c of this.mro) {
      const v = c.dict.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  isSubclassOf(other: PyClass): boolean {
    return this === other || this.mro.includes(other);
  }

  /** Full dotted name as Python prints it in tracebacks (`module.qualname`, no module for builtins). */
  get fullName(): string {
    return this.module === 'builtins' || this.module === '__main__' ? this.qualname : `${this.module}.${this.qualname}`;
  }

  /** Installs a native method (receives self as args[0]). */
  defineMethod(name: string, impl: NativeImpl): this {
    this.dict.set(name, new NativeFunction(name, impl, { qualname: `${this.qualname}.${name}`, module: this.module }));
    return this;
  }

  override nativeRepr(): string {
    return `<class '${this.module === 'builtins' ? this.qualname : `${this.module}.${this.qualname}`}'>`;
  }
}

/** C3 linearisation. */
function computeMro(cls: PyClass): PyClass[] {
  if (cls.bases.length === 0) return [cls];
  const seqs = cls.bases.map((b) => [...b.mro]);
  seqs.push([...cls.bases]);
  const result: PyClass[] = [cls];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return result;
    let head: PyClass | undefined;
    for (const s of nonEmpty) {
      const cand = s[0]!;
      if (!nonEmpty.some((t) => t.indexOf(cand) > 0)) {
        head = cand;
        break;
      }
    }
    if (!head) {
      throw pyError(
        TypeError,
        `Cannot create a consistent method resolution order (MRO) for bases ${cls.bases.map((b) => b.name).join(', ')}`,
      );
    }
    result.push(head);
    for (const s of nonEmpty) if (s[0] === head) s.shift();
  }
}

// The two roots are created by hand because each refers to the other.
export const objectClass: PyClass = new PyClass('object', { bases: [] });
export const typeClass: PyClass = new PyClass('type', { bases: [objectClass] });

function builtinClass(name: string, base: PyClass = objectClass, nativeNew?: ClassOptions['nativeNew']): PyClass {
  return new PyClass(name, { bases: [base], nativeNew });
}

export const intClass = builtinClass('int');
export const boolClass = builtinClass('bool', intClass);
export const floatClass = builtinClass('float');
export const strClass = builtinClass('str');
export const noneTypeClass = builtinClass('NoneType');
export const listClass = builtinClass('list');
export const tupleClass = builtinClass('tuple');
export const dictClass = builtinClass('dict');
export const setClass = builtinClass('set');
export const frozensetClass = builtinClass('frozenset');
export const bytesClass = builtinClass('bytes');
export const functionClass = builtinClass('function');
export const builtinFunctionClass = builtinClass('builtin_function_or_method');
export const methodClass = builtinClass('method');
export const moduleClass = builtinClass('module');
export const propertyClass = builtinClass('property');
export const classmethodClass = builtinClass('classmethod');
export const staticmethodClass = builtinClass('staticmethod');
export const rangeClass = builtinClass('range');
export const sliceClass = builtinClass('slice');
export const iteratorClass = builtinClass('iterator');
export const ellipsisClass = builtinClass('ellipsis');
export const notImplementedClass = builtinClass('NotImplementedType');
export const cellClass = builtinClass('cell');

// ---------------------------------------------------------------------------------------------
// Singletons
// ---------------------------------------------------------------------------------------------

export class PyNoneType extends PyObject {
  get pyClass(): PyClass {
    return noneTypeClass;
  }
  override nativeRepr(): string {
    return 'None';
  }
  override nativeBool(): boolean {
    return false;
  }
  override nativeHashKey(): string {
    return 'None';
  }
}
export const None: PyObject = new PyNoneType();

class PyEllipsisType extends PyObject {
  get pyClass(): PyClass {
    return ellipsisClass;
  }
  override nativeRepr(): string {
    return 'Ellipsis';
  }
  override nativeHashKey(): string {
    return 'Ellipsis';
  }
}
export const Ellipsis: PyObject = new PyEllipsisType();

class PyNotImplementedType extends PyObject {
  get pyClass(): PyClass {
    return notImplementedClass;
  }
  override nativeRepr(): string {
    return 'NotImplemented';
  }
}
export const NotImplemented: PyObject = new PyNotImplementedType();

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

export class PyList extends PyObject {
  constructor(public items: PyValue[] = []) {
    super();
  }
  get pyClass(): PyClass {
    return listClass;
  }
}

export class PyTuple extends PyObject {
  constructor(public readonly items: readonly PyValue[] = []) {
    super();
  }
  get pyClass(): PyClass {
    return tupleClass;
  }
}

export const EMPTY_TUPLE = new PyTuple([]);

/** Hash key of a value for dict/set membership: equal Python values give equal keys. */
export type HashKey = string | PyObject;

export class PyDict extends PyObject {
  /** key -> [original key, value], in insertion order */
  readonly entries = new Map<HashKey, [PyValue, PyValue]>();

  constructor(pairs?: Iterable<[PyValue, PyValue]>) {
    super();
    if (pairs) for (const [k, v] of pairs) this.set(k, v);
  }
  get pyClass(): PyClass {
    return dictClass;
  }
  get size(): number {
    return this.entries.size;
  }
  get(key: PyValue): PyValue | undefined {
    return this.entries.get(hashKey(key))?.[1];
  }
  has(key: PyValue): boolean {
    return this.entries.has(hashKey(key));
  }
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const old = this.entries.get(h);
    // Python keeps the first key object and its position when a key is overwritten.
    if (old) old[1] = value;
    else this.entries.set(h, [key, value]);
  }
  delete(key: PyValue): boolean {
    return this.entries.delete(hashKey(key));
  }
  keys(): PyValue[] {
    return [...this.entries.values()].map((e) => e[0]);
  }
  values(): PyValue[] {
    return [...this.entries.values()].map((e) => e[1]);
  }
  items(): [PyValue, PyValue][] {
    return [...this.entries.values()].map((e) => [e[0], e[1]]);
  }
  /** Convenience for dicts with string keys. */
  static fromRecord(rec: Record<string, PyValue>): PyDict {
    return new PyDict(Object.entries(rec));
  }
}

export class PySet extends PyObject {
  readonly entries = new Map<HashKey, PyValue>();
  constructor(
    items?: Iterable<PyValue>,
    public readonly frozen = false,
  ) {
    super();
    if (items) for (const v of items) this.add(v);
  }
  get pyClass(): PyClass {
    return this.frozen ? frozensetClass : setClass;
  }
  has(v: PyValue): boolean {
    return this.entries.has(hashKey(v));
  }
  add(v: PyValue): void {
    const h = hashKey(v);
    if (!this.entries.has(h)) this.entries.set(h, v);
  }
  delete(v: PyValue): boolean {
    return this.entries.delete(hashKey(v));
  }
  /** The elements in CPython's iteration order where it is deterministic (numbers), else insertion order. */
  values(): PyValue[] {
    const vals = [...this.entries.values()];
    return vals.length > 1 ? cpythonSetOrder(vals) : vals;
  }
  override nativeHashKey(): string | undefined {
    if (!this.frozen) return undefined;
    return 'fs(' + [...this.entries.keys()].map((k) => (typeof k === 'string' ? k : '@')).sort().join(',') + ')';
  }
}

// CPython's hash of numbers (sys.hash_info: modulus 2**61 - 1)
const HASH_MODULUS = (1n << 61n) - 1n;

function numberHash(v: PyValue): bigint | null {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') {
    let h = (v < 0n ? -v : v) % HASH_MODULUS;
    if (v < 0n) h = -h;
    return h === -1n ? -2n : h;
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    if (!Number.isFinite(v)) return v > 0 ? 314159n : -314159n;
    if (Number.isInteger(v)) return numberHash(BigInt(v));
    // _Py_HashDouble
    let m = Math.abs(v);
    let e = Math.floor(Math.log2(m)) + 1;
    m = m / 2 ** e;
    if (m >= 1) {
      m /= 2;
      e += 1;
    } else if (m < 0.5) {
      m *= 2;
      e -= 1;
    }
    let x = 0n;
    while (m) {
      x = ((x << 28n) & HASH_MODULUS) | (x >> 33n);
      m *= 268435456;
      e -= 28;
      const y = Math.floor(m);
      m -= y;
      x += BigInt(y);
      if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    const ee = BigInt(e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61));
    x = ((x << ee) & HASH_MODULUS) | (x >> (61n - ee));
    if (v < 0) x = -x;
    return x === -1n ? -2n : x;
  }
  return null;
}

/**
 * Simulates CPython's set table (open addressing, linear probes then perturbation, resizes) to
 * iterate a set of numbers in the order CPython does. Sets holding other values (whose hashes
 * are randomized or address-based in CPython) keep insertion order.
 */
function cpythonSetOrder(vals: PyValue[]): PyValue[] {
  const hashes: bigint[] = [];
  for (const v of vals) {
    const h = numberHash(v);
    if (h === null) return vals;
    hashes.push(BigInt.asUintN(64, h));
  }
  let mask = 7;
  let table: Int32Array = new Int32Array(8).fill(-1);
  const insert = (tbl: Int32Array, m: number, idx: number) => {
    const hash = hashes[idx]!;
    let perturb = hash;
    let i = Number(hash & BigInt(m));
    for (;;) {
      let probes = i + 9 <= m ? 9 : 0;
      let j = i;
      for (;;) {
        if (tbl[j] === -1) {
          tbl[j] = idx;
          return;
        }
        if (probes-- <= 0) break;
        j++;
      }
      perturb >>= 5n;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(m));
    }
  };
  let used = 0;
  for (let k = 0; k < vals.length; k++) {
    insert(table, mask, k);
    used++;
    if (used * 5 >= mask * 3) {
      const minused = used > 50000 ? used * 2 : used * 4;
      let size = 8;
      while (size <= minused) size <<= 1;
      const next = new Int32Array(size).fill(-1);
      for (const idx of table) if (idx !== -1) insert(next, size - 1, idx);
      table = next;
      mask = size - 1;
    }
  }
  const out: PyValue[] = [];
  for (const idx of table) if (idx !== -1) out.push(vals[idx]!);
  return out;
}

export class PyBytes extends PyObject {
  constructor(public readonly data: Uint8Array) {
    super();
  }
  get pyClass(): PyClass {
    return bytesClass;
  }
  override nativeHashKey(): string {
    return 'b:' + Array.from(this.data).join(',');
  }
}

export class PyRange extends PyObject {
  constructor(
    public readonly start: bigint,
    public readonly stop: bigint,
    public readonly step: bigint,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return rangeClass;
  }
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? Number((stop - start + step - 1n) / step) : 0;
    return start > stop ? Number((start - stop - step - 1n) / -step) : 0;
  }
}

export class PySlice extends PyObject {
  constructor(
    public readonly start: PyValue,
    public readonly stop: PyValue,
    public readonly step: PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return sliceClass;
  }
}

/** An iterator over a JS iterator (list_iterator, generator results, map objects …). */
export class PyIterator extends PyObject {
  constructor(
    public readonly it: Iterator<PyValue>,
    public readonly kind = 'iterator',
  ) {
    super();
  }
  get pyClass(): PyClass {
    return iteratorClass;
  }
  override nativeIter(): Iterator<PyValue> {
    return this.it;
  }
  override nativeRepr(): string {
    return `<${this.kind} object at 0x${addressOf(this)}>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Modules, functions, methods, descriptors, instances
// ---------------------------------------------------------------------------------------------

export class PyModule extends PyObject {
  override dict: Map<string, PyValue>;
  constructor(
    public readonly name: string,
    public readonly file?: string,
  ) {
    super();
    this.dict = new Map([['__name__', name]]);
    if (file) this.dict.set('__file__', file);
  }
  get pyClass(): PyClass {
    return moduleClass;
  }
  override nativeRepr(): string {
    return this.file ? `<module '${this.name}' from '${this.file}'>` : `<module '${this.name}' (built-in)>`;
  }
}

export type NativeImpl = (args: PyValue[], kwargs: Kwargs) => PyValue;

export class NativeFunction extends PyObject {
  readonly qualname: string;
  readonly module: string;
  constructor(
    public readonly name: string,
    public readonly impl: NativeImpl,
    opts: { qualname?: string; module?: string } = {},
  ) {
    super();
    this.qualname = opts.qualname ?? name;
    this.module = opts.module ?? 'builtins';
  }
  get pyClass(): PyClass {
    return builtinFunctionClass;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    return this.impl(args, kwargs);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__name__') return this.name;
    if (name === '__qualname__') return this.qualname;
    if (name === '__module__') return this.module;
    return undefined;
  }
  override nativeRepr(): string {
    return `<built-in function ${this.name}>`;
  }
}

export class BoundMethod extends PyObject {
  constructor(
    public readonly self: PyValue,
    public readonly func: PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return methodClass;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    return call(this.func, [this.self, ...args], kwargs);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__self__') return this.self;
    if (name === '__func__') return this.func;
    return getattrOpt(this.func, name);
  }
  override nativeEq(other: PyValue): boolean {
    return other instanceof BoundMethod && other.self === this.self && other.func === this.func;
  }
  override nativeRepr(): string {
    const qn = getattrOpt(this.func, '__qualname__');
    return `<bound method ${typeof qn === 'string' ? qn : '?'} of ${repr(this.self)}>`;
  }
}

export class PyProperty extends PyObject {
  constructor(
    public fget: PyValue,
    public fset: PyValue = None,
    public fdel: PyValue = None,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return propertyClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'fget':
        return this.fget;
      case 'fset':
        return this.fset;
      case 'fdel':
        return this.fdel;
      case '__doc__':
        return this.dict?.get('__doc__') ?? (this.fget !== None ? getattrOpt(this.fget, '__doc__') ?? None : None);
      case '__isabstractmethod__':
        return false;
    }
    return undefined;
  }
}

export class PyClassMethod extends PyObject {
  constructor(public readonly func: PyValue) {
    super();
  }
  get pyClass(): PyClass {
    return classmethodClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__func__' || name === '__wrapped__') return this.func;
    if (name === '__name__' || name === '__qualname__' || name === '__doc__' || name === '__module__') return getattrOpt(this.func, name);
    return undefined;
  }
}

export class PyStaticMethod extends PyObject {
  constructor(public readonly func: PyValue) {
    super();
  }
  get pyClass(): PyClass {
    return staticmethodClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__func__' || name === '__wrapped__') return this.func;
    if (name === '__name__' || name === '__qualname__' || name === '__doc__' || name === '__module__') return getattrOpt(this.func, name);
    return undefined;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    // staticmethod objects are callable since Python 3.10
    return call(this.func, args, kwargs);
  }
}

/** An instance of a class defined in Python (or of a native class without its own TS type). */
export class PyInstance extends PyObject {
  override dict = new Map<string, PyValue>();
  constructor(public readonly cls: PyClass) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
}

// ---------------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------------

export const baseExceptionClass = builtinClass('BaseException');
const exc = (name: string, base: PyClass, module = 'builtins') => new PyClass(name, { bases: [base], module });
export const ExceptionClass = exc('Exception', baseExceptionClass);
export const KeyboardInterruptClass = exc('KeyboardInterrupt', baseExceptionClass);
export const SystemExitClass = exc('SystemExit', baseExceptionClass);
export const StopIterationClass = exc('StopIteration', ExceptionClass);
export const ArithmeticErrorClass = exc('ArithmeticError', ExceptionClass);
export const ZeroDivisionError = exc('ZeroDivisionError', ArithmeticErrorClass);
export const OverflowError = exc('OverflowError', ArithmeticErrorClass);
export const AssertionErrorClass = exc('AssertionError', ExceptionClass);
export const AttributeError = exc('AttributeError', ExceptionClass);
export const LookupError = exc('LookupError', ExceptionClass);
export const IndexError = exc('IndexError', LookupError);
export const KeyError = exc('KeyError', LookupError);
export const NameError = exc('NameError', ExceptionClass);
export const UnboundLocalError = exc('UnboundLocalError', NameError);
export const RuntimeError = exc('RuntimeError', ExceptionClass);
export const RecursionError = exc('RecursionError', RuntimeError);
export const NotImplementedError = exc('NotImplementedError', RuntimeError);
export const TypeError = exc('TypeError', ExceptionClass);
export const ValueError = exc('ValueError', ExceptionClass);
export const UnicodeError = exc('UnicodeError', ValueError);
export const ImportError = exc('ImportError', ExceptionClass);
export const ModuleNotFoundError = exc('ModuleNotFoundError', ImportError);
export const OSError = exc('OSError', ExceptionClass);
export const FileNotFoundError = exc('FileNotFoundError', OSError);
export const SyntaxErrorClass = exc('SyntaxError', ExceptionClass);
export const IndentationError = exc('IndentationError', SyntaxErrorClass);
export const TabError = exc('TabError', IndentationError);
export const TimeoutErrorClass = exc('TimeoutError', OSError);
export const GeneratorExitClass = exc('GeneratorExit', baseExceptionClass);
export const StopAsyncIterationClass = exc('StopAsyncIteration', ExceptionClass);
export const FloatingPointError = exc('FloatingPointError', ArithmeticErrorClass);
export const BufferError = exc('BufferError', ExceptionClass);
export const EOFError = exc('EOFError', ExceptionClass);
export const MemoryError = exc('MemoryError', ExceptionClass);
export const ReferenceError = exc('ReferenceError', ExceptionClass);
export const SystemError = exc('SystemError', ExceptionClass);
export const UnicodeDecodeError = exc('UnicodeDecodeError', UnicodeError);
export const UnicodeEncodeError = exc('UnicodeEncodeError', UnicodeError);
export const UnicodeTranslateError = exc('UnicodeTranslateError', UnicodeError);
export const PermissionError = exc('PermissionError', OSError);
export const FileExistsError = exc('FileExistsError', OSError);
export const IsADirectoryError = exc('IsADirectoryError', OSError);
export const NotADirectoryError = exc('NotADirectoryError', OSError);
export const InterruptedError = exc('InterruptedError', OSError);
export const BlockingIOError = exc('BlockingIOError', OSError);
export const ChildProcessError = exc('ChildProcessError', OSError);
export const ProcessLookupError = exc('ProcessLookupError', OSError);
export const ConnectionError = exc('ConnectionError', OSError);
export const BrokenPipeError = exc('BrokenPipeError', ConnectionError);
export const ConnectionAbortedError = exc('ConnectionAbortedError', ConnectionError);
export const ConnectionRefusedError = exc('ConnectionRefusedError', ConnectionError);
export const ConnectionResetError = exc('ConnectionResetError', ConnectionError);
export const WarningClass = exc('Warning', ExceptionClass);
export const UserWarning = exc('UserWarning', WarningClass);
export const DeprecationWarning = exc('DeprecationWarning', WarningClass);
export const PendingDeprecationWarning = exc('PendingDeprecationWarning', WarningClass);
export const SyntaxWarning = exc('SyntaxWarning', WarningClass);
export const RuntimeWarning = exc('RuntimeWarning', WarningClass);
export const FutureWarning = exc('FutureWarning', WarningClass);
export const ImportWarning = exc('ImportWarning', WarningClass);
export const UnicodeWarning = exc('UnicodeWarning', WarningClass);
export const BytesWarning = exc('BytesWarning', WarningClass);
export const ResourceWarning = exc('ResourceWarning', WarningClass);
export const EncodingWarning = exc('EncodingWarning', WarningClass);

/** One frame of a Python traceback. */
export interface TracebackFrame {
  file: string;
  line: number;
  name: string; // function name, `<module>`, class name
  source?: string; // the source line, stripped
  /**
   * Optional span of the expression being executed (0-based columns into `lineText`, which is
   * the unstripped source line): traceback printing uses them for CPython 3.11's `^^^^`/`~~^~~`
   * markers.
   */
  col?: number;
  endLine?: number;
  endCol?: number;
  lineText?: string;
}

/**
 * The JavaScript exception that carries a raised Python exception. `value` is the exception
 * instance (a PyInstance of a BaseException subclass, with `args`).
 */
export class PyException extends Error {
  /** Frames, outermost first (the order Python prints them). */
  traceback: TracebackFrame[] = [];
  /** `raise ... from ...` / implicit context, for chained traceback printing. */
  override cause?: PyException;
  context?: PyException;
  suppressContext = false;

  constructor(public readonly value: PyInstance) {
    super();
    this.name = 'PyException';
  }

  get pyClass(): PyClass {
    return this.value.cls;
  }

  override get message(): string {
    return exceptionMessage(this.value);
  }

  /** The last line of a traceback: `module.Class: message` (or just the name). */
  get lastLine(): string {
    const msg = exceptionMessage(this.value);
    return msg === '' ? this.value.cls.fullName : `${this.value.cls.fullName}: ${msg}`;
  }

  matches(cls: PyClass): boolean {
    return this.value.cls.isSubclassOf(cls);
  }
}

/** str(exc) as Python computes it from args, unless the instance stores a custom message. */
export function exceptionMessage(e: PyInstance): string {
  const custom = e.cls.lookup('__str__');
  if (custom !== undefined && !(custom instanceof NativeFunction && custom.name === '__str__' && custom.module === 'builtins')) {
    const r = call(custom, [e], NO_KWARGS);
    if (typeof r === 'string') return r;
  }
  if (e.cls.isSubclassOf(SyntaxErrorClass)) {
    const m = syntaxErrorStr(e);
    if (m !== undefined) return m;
  }
  if (e.cls.isSubclassOf(OSError)) {
    // OSError(errno, strerror[, filename]): "[Errno 2] No such file or directory: 'x'"
    const errno = e.dict.get('errno');
    const strerror = e.dict.get('strerror');
    const filename = e.dict.get('filename');
    if (errno !== undefined && errno !== None && strerror !== undefined && strerror !== None) {
      if (filename !== undefined && filename !== None) return `[Errno ${str(errno)}] ${str(strerror)}: ${repr(filename)}`;
      return `[Errno ${str(errno)}] ${str(strerror)}`;
    }
  }
  const args = e.dict.get('args');
  if (!(args instanceof PyTuple) || args.items.length === 0) return '';
  if (args.items.length === 1) {
    // KeyError shows repr of its key
    if (e.cls.isSubclassOf(KeyError)) return repr(args.items[0]!);
    return str(args.items[0]!);
  }
  return repr(args);
}

/** SyntaxError.__str__: `msg (file.py, line N)` with the file's basename. */
function syntaxErrorStr(e: PyInstance): string | undefined {
  const msg = e.dict.get('msg');
  if (msg === undefined) return undefined;
  const filename = e.dict.get('filename');
  const lineno = e.dict.get('lineno');
  const base = typeof filename === 'string' ? filename.slice(filename.lastIndexOf('/') + 1) : undefined;
  const m = str(msg);
  const hasLine = typeof lineno === 'bigint';
  if (base !== undefined && hasLine) return `${m} (${base}, line ${lineno})`;
  if (base !== undefined) return `${m} (${base})`;
  if (hasLine) return `${m} (line ${lineno})`;
  return m;
}

/** Creates an exception instance of `cls` with the given args (what `cls(*args)` makes). */
export function newException(cls: PyClass, ...args: PyValue[]): PyInstance {
  const inst = new PyInstance(cls);
  inst.dict.set('args', new PyTuple(args));
  return inst;
}

/** `throw pyError(TypeError, "...")` */
export function pyError(cls: PyClass, message?: string, ...more: PyValue[]): PyException {
  const args: PyValue[] = message === undefined ? [] : [message, ...more];
  return new PyException(newException(cls, ...args));
}

// ---------------------------------------------------------------------------------------------
// Protocol: type, attributes, calls
// ---------------------------------------------------------------------------------------------

export function typeOf(v: PyValue): PyClass {
  switch (typeof v) {
    case 'string':
      return strClass;
    case 'bigint':
      return intClass;
    case 'number':
      return floatClass;
    case 'boolean':
      return boolClass;
    default:
      return v.pyClass;
  }
}

export function typeName(v: PyValue): string {
  const cls = typeOf(v);
  return cls.tpName ?? cls.name;
}

export function isinstance(v: PyValue, cls: PyClass): boolean {
  return typeOf(v).isSubclassOf(cls);
}

function isDataDescriptor(v: PyValue): boolean {
  return v instanceof PyProperty || (v instanceof PyObject && !(v instanceof PyClass) && typeOf(v).lookup('__set__') !== undefined);
}

/** Applies the descriptor protocol to a class attribute found for `obj` (or for the class itself when obj is undefined). */
export function bindAttribute(attr: PyValue, obj: PyValue | undefined, owner: PyClass): PyValue {
  if (attr instanceof NativeFunction || isPyFunction(attr)) return obj === undefined ? attr : new BoundMethod(obj, attr);
  if (attr instanceof PyClassMethod) return new BoundMethod(obj === undefined ? owner : typeOf(obj), attr.func);
  if (attr instanceof PyStaticMethod) return attr.func;
  if (attr instanceof PyProperty) {
    if (obj === undefined) return attr;
    if (attr.fget === None) throw pyError(AttributeError, `property of '${owner.name}' object has no getter`);
    return call(attr.fget, [obj], NO_KWARGS);
  }
  if (attr instanceof PyObject && !(attr instanceof PyClass)) {
    const get = typeOf(attr).lookup('__get__');
    if (get !== undefined) return call(get, [attr, obj === undefined ? None : obj, owner], NO_KWARGS);
  }
  return attr;
}

/** Function objects created by the interpreter register themselves through this hook. */
let pyFunctionClassRef: PyClass | null = null;
export function registerFunctionClass(cls: PyClass): void {
  pyFunctionClassRef = cls;
}
function isPyFunction(v: PyValue): boolean {
  return v instanceof PyObject && pyFunctionClassRef !== null && v.pyClass === pyFunctionClassRef;
}

/** getattr(obj, name) or undefined when missing (no AttributeError raised). */
export function getattrOpt(obj: PyValue, name: string): PyValue | undefined {
  if (obj instanceof PyObject && obj.nativeGetAttr) {
    const v = obj.nativeGetAttr(name);
    if (v !== undefined) return v;
  }
  if (obj instanceof PyClass) return classGetAttr(obj, name);
  const cls = typeOf(obj);
  const classAttr = cls.lookup(name);
  if (classAttr !== undefined && isDataDescriptor(classAttr)) return bindAttribute(classAttr, obj, cls);
  if (obj instanceof PyObject && obj.dict) {
    const v = obj.dict.get(name);
    if (v !== undefined) return v;
  }
  if (classAttr !== undefined) return bindAttribute(classAttr, obj, cls);
  if (name === '__class__') return cls;
  if (name === '__dict__' && obj instanceof PyObject && obj.dict) return dictProxy(obj.dict);
  const ga = cls.lookup('__getattr__');
  if (ga !== undefined) {
    try {
      return call(bindAttribute(ga, obj, cls), [name], NO_KWARGS);
    } catch (e) {
      if (e instanceof PyException && e.matches(AttributeError)) return undefined;
      throw e;
    }
  }
  return undefined;
}

function classGetAttr(cls: PyClass, name: string): PyValue | undefined {
  const meta = cls.pyClass;
  const metaAttr = meta === cls ? undefined : meta.lookup(name);
  if (metaAttr !== undefined && isDataDescriptor(metaAttr)) return bindAttribute(metaAttr, cls, meta);
  for (const c of cls.mro) {
    const v = c.dict.get(name);
    if (v !== undefined) return bindAttribute(v, undefined, cls);
  }
  switch (name) {
    case '__name__':
      return cls.name;
    case '__qualname__':
      return cls.qualname;
    case '__module__':
      return cls.module;
    case '__mro__':
      return new PyTuple(cls.mro);
    case '__bases__':
      return new PyTuple(cls.bases);
    case '__class__':
      return meta;
    case '__dict__':
      return dictProxy(cls.dict);
  }
  if (metaAttr !== undefined) return bindAttribute(metaAttr, cls, meta);
  return undefined;
}

/**
 * `obj.__dict__`: a dict of the attributes that writes through to the object (so descriptors and
 * __setattr__ overrides can do `self.__dict__[name] = value`).
 */
class AttributeDict extends PyDict {
  private readonly backing: Map<string, PyValue> | undefined;
  constructor(backing: Map<string, PyValue>) {
    super(backing.entries());
    this.backing = backing;
  }
  override set(key: PyValue, value: PyValue): void {
    super.set(key, value);
    if (typeof key === 'string' && this.backing) this.backing.set(key, value);
  }
  override delete(key: PyValue): boolean {
    const r = super.delete(key);
    if (typeof key === 'string' && this.backing) this.backing.delete(key);
    return r;
  }
}

function dictProxy(d: Map<string, PyValue>): PyDict {
  return new AttributeDict(d);
}

export function getattr(obj: PyValue, name: string): PyValue {
  const v = getattrOpt(obj, name);
  if (v !== undefined) return v;
  throw attributeError(obj, name);
}

export function attributeError(obj: PyValue, name: string): PyException {
  if (obj instanceof PyModule) return pyError(AttributeError, `module '${obj.name}' has no attribute '${name}'`);
  if (obj instanceof PyClass) return pyError(AttributeError, `type object '${obj.name}' has no attribute '${name}'`);
  return pyError(AttributeError, `'${typeName(obj)}' object has no attribute '${name}'`);
}

export function hasattr(obj: PyValue, name: string): boolean {
  return getattrOpt(obj, name) !== undefined;
}

export function setattr(obj: PyValue, name: string, value: PyValue): void {
  if (!(obj instanceof PyObject)) {
    throw pyError(AttributeError, `'${typeName(obj)}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
  }
  if (obj.nativeSetAttr && obj.nativeSetAttr(name, value)) return;
  if (!(obj instanceof PyClass)) {
    const cls = obj.pyClass;
    const custom = cls.lookup('__setattr__');
    if (custom !== undefined && !(custom instanceof NativeFunction && custom.module === 'builtins')) {
      call(custom, [obj, name, value], NO_KWARGS);
      return;
    }
    const classAttr = cls.lookup(name);
    if (classAttr instanceof PyProperty) {
      if (classAttr.fset === None) throw pyError(AttributeError, `property '${name}' of '${cls.name}' object has no setter`);
      call(classAttr.fset, [obj, value], NO_KWARGS);
      return;
    }
    if (classAttr instanceof PyObject && !(classAttr instanceof PyClass)) {
      const set = typeOf(classAttr).lookup('__set__');
      if (set !== undefined) {
        call(set, [classAttr, obj, value], NO_KWARGS);
        return;
      }
    }
  }
  if (!obj.dict) {
    throw pyError(AttributeError, `'${typeName(obj)}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
  }
  obj.dict.set(name, value);
}

export function delattr(obj: PyValue, name: string): void {
  if (obj instanceof PyObject && obj.dict && obj.dict.delete(name)) return;
  throw attributeError(obj, name);
}

/** Calls any callable with Python semantics. */
export function call(f: PyValue, args: PyValue[] = [], kwargs: Kwargs = NO_KWARGS): PyValue {
  if (f instanceof PyClass) return instantiate(f, args, kwargs);
  if (f instanceof PyObject) {
    if (f.nativeCall) return f.nativeCall(args, kwargs);
    const c = f.pyClass.lookup('__call__');
    if (c !== undefined) return call(c, [f, ...args], kwargs);
  }
  throw pyError(TypeError, `'${typeName(f)}' object is not callable`);
}

/** Calls a method by name: obj.name(*args, **kwargs). */
export function callMethod(obj: PyValue, name: string, args: PyValue[] = [], kwargs: Kwargs = NO_KWARGS): PyValue {
  return call(getattr(obj, name), args, kwargs);
}

/**
 * `cls(*args, **kwargs)`: a metaclass's __call__, then native construction, then Python-level
 * __new__/__init__.
 */
export function instantiate(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  const meta = cls.pyClass;
  if (meta !== typeClass) {
    const metaCall = meta.lookup('__call__');
    if (metaCall !== undefined && !(metaCall instanceof NativeFunction && metaCall.module === 'builtins')) {
      return call(metaCall, [cls, ...args], kwargs);
    }
  }
  return defaultInstantiate(cls, args, kwargs);
}

/** type.__call__ */
export function defaultInstantiate(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  // A Python-level __new__ anywhere before the first native constructor wins.
  let obj: PyValue | undefined;
  let customNew = false;
  for (const c of cls.mro) {
    const userNew = c.dict.get('__new__');
    if (userNew !== undefined && !(userNew instanceof NativeFunction && userNew.module === 'builtins')) {
      const fn = userNew instanceof PyStaticMethod ? userNew.func : userNew;
      obj = call(fn, [cls, ...args], kwargs);
      if (!isinstance(obj, cls)) return obj;
      customNew = true;
      break;
    }
    if (c.nativeNew) {
      // Native construction initialises completely; a Python __init__ defined on a subclass still runs.
      const made = c.nativeNew(cls, args, kwargs);
      const init = findUserInit(cls, c);
      if (init !== undefined) call(init, [made, ...args], kwargs);
      return made;
    }
  }
  if (obj === undefined) {
    if (cls.isSubclassOf(baseExceptionClass)) {
      const e = new PyInstance(cls);
      e.dict.set('args', new PyTuple(args));
      obj = e;
    } else {
      obj = new PyInstance(cls);
    }
  }
  const init = cls.lookup('__init__');
  if (init !== undefined && !(init instanceof NativeFunction && init.module === 'builtins')) {
    const r = call(init, [obj, ...args], kwargs);
    if (r !== None) throw pyError(TypeError, `__init__() should return None, not '${typeName(r)}'`);
  } else if ((args.length > 0 || kwargs.size > 0) && !customNew && !cls.isSubclassOf(baseExceptionClass)) {
    // object.__init__ rejects arguments only when neither __new__ nor __init__ is overridden
    throw pyError(TypeError, `${cls.name}() takes no arguments`);
  }
  return obj;
}

/** An __init__ defined in Python on a class that comes before `nativeOwner` in the MRO. */
function findUserInit(cls: PyClass, nativeOwner: PyClass): PyValue | undefined {
  for (const c of cls.mro) {
    if (c === nativeOwner) return undefined;
    const init = c.dict.get('__init__');
    if (init !== undefined && !(init instanceof NativeFunction)) return init;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Protocol: repr / str / truth / equality / hashing / iteration
// ---------------------------------------------------------------------------------------------

/** Python's repr() of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x7f) out += ch;
    else if (isNonPrintable(ch)) {
      out += c < 0x100 ? '\\x' + c.toString(16).padStart(2, '0') : c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + quote;
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;
/** Python's str.isprintable() is false for categories Other (C*) and Separator (Z*) except ' '. */
function isNonPrintable(ch: string): boolean {
  return ch !== ' ' && NON_PRINTABLE.test(ch);
}

/** Python's repr() of a float. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e16 || abs < 1e-4) {
    // exponent form with shortest round-trip mantissa
    const [mant, expStr] = n.toExponential().split('e') as [string, string];
    const exp = parseInt(expStr, 10);
    const sign = exp < 0 ? '-' : '+';
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${mant}e${sign}${e}`;
  }
  const s = String(n);
  if (s.includes('e')) {
    // JS uses exponent form for some values Python writes positionally (e.g. 1e21 > 1e16 handled above)
    return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '.0');
  }
  return s.includes('.') ? s : s + '.0';
}

export function repr(v: PyValue): string {
  switch (typeof v) {
    case 'string':
      return strRepr(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return floatRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  return withReprGuard(v, () => objectRepr(v));
}

const reprActive = new Set<PyObject>();
function withReprGuard(v: PyObject, f: () => string): string {
  if (reprActive.has(v)) {
    if (v instanceof PyList) return '[...]';
    if (v instanceof PyDict) return '{...}';
    return '...';
  }
  reprActive.add(v);
  try {
    return f();
  } finally {
    reprActive.delete(v);
  }
}

function objectRepr(v: PyObject): string {
  const cls = v.pyClass;
  const custom = cls.lookup('__repr__');
  if (custom !== undefined && !(custom instanceof NativeFunction && custom.module === 'builtins' && custom.name === '__repr__')) {
    const r = call(custom, [v], NO_KWARGS);
    if (typeof r !== 'string') throw pyError(TypeError, `__repr__ returned non-string (type ${typeName(r)})`);
    return r;
  }
  if (v.nativeRepr) return v.nativeRepr();
  if (v instanceof PyList) return '[' + v.items.map(repr).join(', ') + ']';
  if (v instanceof PyTuple) {
    if (v.items.length === 1) return '(' + repr(v.items[0]!) + ',)';
    return '(' + v.items.map(repr).join(', ') + ')';
  }
  if (v instanceof PyDict) return '{' + v.items().map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ') + '}';
  if (v instanceof PySet) {
    const items = v.values().map(repr).join(', ');
    if (v.frozen) return v.entries.size === 0 ? 'frozenset()' : `frozenset({${items}})`;
    return v.entries.size === 0 ? 'set()' : `{${items}}`;
  }
  if (v instanceof PyBytes) return bytesRepr(v.data);
  if (v instanceof PyRange) {
    return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  }
  if (v instanceof PySlice) return `slice(${repr(v.start)}, ${repr(v.stop)}, ${repr(v.step)})`;
  if (v instanceof PyInstance && cls.isSubclassOf(baseExceptionClass)) {
    const args = v.dict.get('args');
    const inner = args instanceof PyTuple ? (args.items.length === 1 ? repr(args.items[0]!) : args.items.map(repr).join(', ')) : '';
    return `${cls.name}(${inner})`;
  }
  const mod = cls.module === 'builtins' ? '' : cls.module + '.';
  return `<${mod}${cls.qualname} object at 0x${addressOf(v)}>`;
}

export function bytesRepr(data: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of data) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const b of data) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

const addresses = new WeakMap<object, string>();
let nextAddress = 0x7f3a2c000000;
/** A stable fake memory address for default reprs (`<... at 0x7f...>`). */
export function addressOf(o: object): string {
  let a = addresses.get(o);
  if (!a) {
    nextAddress += 0x40;
    a = nextAddress.toString(16);
    addresses.set(o, a);
  }
  return a;
}

export function str(v: PyValue): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
    case 'number':
    case 'boolean':
      return repr(v);
  }
  const cls = v.pyClass;
  const custom = cls.lookup('__str__');
  if (custom !== undefined && !(custom instanceof NativeFunction && custom.module === 'builtins' && custom.name === '__str__')) {
    const r = call(custom, [v], NO_KWARGS);
    if (typeof r !== 'string') throw pyError(TypeError, `__str__ returned non-string (type ${typeName(r)})`);
    return r;
  }
  if (v.nativeStr) return v.nativeStr();
  if (v instanceof PyInstance && cls.isSubclassOf(baseExceptionClass)) return exceptionMessage(v);
  return repr(v);
}

export function truthy(v: PyValue): boolean {
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0 && !Number.isNaN(v);
    case 'boolean':
      return v;
  }
  if (v === None) return false;
  if (v.nativeBool) return v.nativeBool();
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof PySet) return v.entries.size > 0;
  if (v instanceof PyBytes) return v.data.length > 0;
  if (v instanceof PyRange) return v.length > 0;
  const cls = v.pyClass;
  const b = cls.lookup('__bool__');
  if (b !== undefined) return truthy(call(b, [v], NO_KWARGS));
  const l = cls.lookup('__len__');
  if (l !== undefined) return truthy(call(l, [v], NO_KWARGS));
  if (v.nativeLen) return v.nativeLen() > 0;
  return true;
}

/** Numeric value of int/bool/float for comparisons, or undefined. */
function numeric(v: PyValue): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

function numEq(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === typeof b) return a === b;
  // bigint vs number
  // eslint-disable-next-line eqeqeq
  return a == b;
}

/** a == b with Python semantics. */
export function eq(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return numEq(na, nb);
  if (typeof a !== 'object' && typeof b !== 'object') return false;
  if (a instanceof PyObject) {
    const r = richEq(a, b);
    if (r !== undefined) return r;
  }
  if (b instanceof PyObject) {
    const r = richEq(b, a);
    if (r !== undefined) return r;
  }
  return false;
}

function richEq(a: PyObject, b: PyValue): boolean | undefined {
  const custom = a.pyClass.lookup('__eq__');
  if (custom !== undefined && !(custom instanceof NativeFunction && custom.module === 'builtins' && custom.name === '__eq__')) {
    const r = call(custom, [a, b], NO_KWARGS);
    if (r !== NotImplemented) return truthy(r);
  }
  if (a.nativeEq) {
    const r = a.nativeEq(b);
    if (r !== undefined) return r;
  }
  if (a instanceof PyList) return b instanceof PyList && seqEq(a.items, b.items);
  if (a instanceof PyTuple) return b instanceof PyTuple && seqEq(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    for (const [h, [, v]] of a.entries) {
      const o = b.entries.get(h);
      if (!o || !eq(v, o[1])) return false;
    }
    return true;
  }
  if (a instanceof PySet) {
    if (!(b instanceof PySet) || a.entries.size !== b.entries.size) return false;
    for (const h of a.entries.keys()) if (!b.entries.has(h)) return false;
    return true;
  }
  if (a instanceof PyBytes) return b instanceof PyBytes && a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
  if (a instanceof PyRange) return b instanceof PyRange && a.start === b.start && a.stop === b.stop && a.step === b.step;
  return undefined;
}

function seqEq(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!eq(a[i]!, b[i]!)) return false;
  return true;
}

/** The dict/set key of a value; raises TypeError for unhashable values. */
export function hashKey(v: PyValue): HashKey {
  switch (typeof v) {
    case 'string':
      return 's:' + v;
    case 'bigint':
      return 'i:' + v.toString();
    case 'boolean':
      return v ? 'i:1' : 'i:0';
    case 'number':
      if (Number.isInteger(v)) return 'i:' + BigInt(v).toString();
      return 'f:' + String(v);
  }
  if (v instanceof PyTuple) {
    const parts: string[] = [];
    for (const item of v.items) {
      const k = hashKey(item);
      if (typeof k !== 'string') return tupleIdentityKey(v);
      parts.push(k);
    }
    return 't(' + parts.map((p) => p.length + ':' + p).join('') + ')';
  }
  if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen)) {
    throw pyError(TypeError, `unhashable type: '${typeName(v)}'`);
  }
  const h = v.pyClass.lookup('__hash__');
  if (h === None) throw pyError(TypeError, `unhashable type: '${typeName(v)}'`);
  if (v.nativeHashKey) {
    const k = v.nativeHashKey();
    if (k !== undefined) return k;
  }
  if (v instanceof PyInstance && h !== undefined && !(h instanceof NativeFunction)) {
    // A Python-level __hash__: equal hashes are treated as equal keys only when __eq__ agrees, which
    // we approximate by keying on the hash value plus the class.
    const hv = call(h, [v], NO_KWARGS);
    return 'h:' + v.cls.qualname + ':' + String(hv);
  }
  return v;
}

const tupleKeys = new WeakMap<PyTuple, PyTuple>();
function tupleIdentityKey(t: PyTuple): PyObject {
  // Tuples holding identity-hashed objects: key on the tuple's element identities.
  let k = tupleKeys.get(t);
  if (!k) {
    k = t;
    tupleKeys.set(t, k);
  }
  return k;
}

/** iter(v) as a JS iterator. */
export function iterate(v: PyValue): Iterator<PyValue> {
  if (typeof v === 'string') return (function* () {
    for (const ch of v) yield ch;
  })();
  if (v instanceof PyList) return listIterator(v);
  if (v instanceof PyTuple) return v.items[Symbol.iterator]();
  if (v instanceof PyDict) return v.keys()[Symbol.iterator]();
  if (v instanceof PySet) return v.values()[Symbol.iterator]();
  if (v instanceof PyRange) return rangeIterator(v);
  if (v instanceof PyBytes) return (function* () {
    for (const b of v.data) yield BigInt(b);
  })();
  if (v instanceof PyObject) {
    if (v.nativeIter) return v.nativeIter();
    const it = v.pyClass.lookup('__iter__');
    if (it !== undefined) {
      const iterator = call(it, [v], NO_KWARGS);
      if (iterator instanceof PyObject && iterator.nativeIter) return iterator.nativeIter();
      return pythonIterator(iterator);
    }
    const gi = v.pyClass.lookup('__getitem__');
    if (gi !== undefined) return sequenceIterator(v, gi);
  }
  throw pyError(TypeError, `'${typeName(v)}' object is not iterable`);
}

function* listIterator(l: PyList): Iterator<PyValue> {
  // Re-reads the length each step, like CPython's list iterator.
  for (let i = 0; i < l.items.length; i++) yield l.items[i]!;
}

function* rangeIterator(r: PyRange): Iterator<PyValue> {
  if (r.step > 0n) for (let i = r.start; i < r.stop; i += r.step) yield i;
  else for (let i = r.start; i > r.stop; i += r.step) yield i;
}

function* pythonIterator(iterator: PyValue): Iterator<PyValue> {
  const next = getattr(iterator, '__next__');
  for (;;) {
    try {
      yield call(next, [], NO_KWARGS);
    } catch (e) {
      if (e instanceof PyException && e.matches(StopIterationClass)) return;
      throw e;
    }
  }
}

function* sequenceIterator(v: PyValue, getitem: PyValue): Iterator<PyValue> {
  for (let i = 0n; ; i++) {
    try {
      yield call(getitem, [v, i], NO_KWARGS);
    } catch (e) {
      if (e instanceof PyException && (e.matches(IndexError) || e.matches(StopIterationClass))) return;
      throw e;
    }
  }
}

export function toArray(v: PyValue): PyValue[] {
  if (v instanceof PyList) return [...v.items];
  if (v instanceof PyTuple) return [...v.items];
  const out: PyValue[] = [];
  const it = iterate(v);
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

export function len(v: PyValue): number {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PySet) return v.entries.size;
  if (v instanceof PyBytes) return v.data.length;
  if (v instanceof PyRange) return v.length;
  if (v instanceof PyObject) {
    if (v.nativeLen) return v.nativeLen();
    const l = v.pyClass.lookup('__len__');
    if (l !== undefined) {
      const n = call(l, [v], NO_KWARGS);
      if (typeof n === 'bigint') return Number(n);
      if (typeof n === 'boolean') return n ? 1 : 0;
      throw pyError(TypeError, `'${typeName(n)}' object cannot be interpreted as an integer`);
    }
  }
  throw pyError(TypeError, `object of type '${typeName(v)}' has no len()`);
}

// ---------------------------------------------------------------------------------------------
// Small constructors used everywhere
// ---------------------------------------------------------------------------------------------

export const pyList = (items: PyValue[] = []): PyList => new PyList(items);
export const pyTuple = (items: readonly PyValue[] = []): PyTuple => new PyTuple(items);
export const pyInt = (n: number | bigint): bigint => (typeof n === 'bigint' ? n : BigInt(n));

/** Creates a native module with the given attributes. */
export function nativeModule(name: string, attrs: Record<string, PyValue> = {}): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(attrs)) m.dict.set(k, v);
  return m;
}

/** Creates a native function. */
export function fn(name: string, impl: NativeImpl, module = 'builtins', qualname?: string): NativeFunction {
  return new NativeFunction(name, impl, { module, qualname });
}
