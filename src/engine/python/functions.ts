/**
 * Python-defined functions: the `function` type, closure cells, and argument binding with
 * CPython 3.11's TypeError messages (`f() missing 1 required positional argument: 'b'`,
 * `f() takes 2 positional arguments but 3 were given`, …).
 */
import type * as A from './ast.ts';
import {
  AttributeError,
  None,
  PyDict,
  PyObject,
  PyTuple,
  type Kwargs,
  PyClass,
  type PyValue,
  TypeError,
  addressOf,
  cellClass,
  functionClass,
  pyError,
  registerFunctionClass,
  typeName,
} from './objects.ts';
import { Res, type Scope } from './scope.ts';

registerFunctionClass(functionClass);

/** A closure cell. */
export class Cell extends PyObject {
  constructor(public value: PyValue | undefined = undefined) {
    super();
  }
  get pyClass(): PyClass {
    return cellClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'cell_contents') {
      if (this.value === undefined) throw pyError(AttributeError, 'cell_contents');
      return this.value;
    }
    return undefined;
  }
  override nativeRepr(): string {
    return this.value === undefined
      ? `<cell at 0x${addressOf(this)}: empty>`
      : `<cell at 0x${addressOf(this)}: ${typeName(this.value)} object at 0x${this.value instanceof PyObject ? addressOf(this.value) : '0'}>`;
  }
}

/** What the interpreter needs to know about a module to run code from it. */
export interface ModuleContext {
  name: string;
  filename: string;
  source: string;
  /** Lazily split source lines. */
  lines?: string[];
  /** `from __future__ import annotations` */
  futureAnnotations: boolean;
  /** The package relative imports resolve against. */
  package: string;
}

/** Static information about a def/lambda, computed once per AST node. */
export class FunctionCode {
  readonly posonly: string[];
  readonly args: string[];
  readonly positional: string[];
  readonly vararg: string | null;
  readonly kwonly: string[];
  readonly kwarg: string | null;
  readonly isLambda: boolean;
  readonly isGenerator: boolean;
  readonly isAsync: boolean;
  readonly varnames: string[];
  /** Parameters stored in cells (captured by inner scopes). */
  readonly cellParams: Set<string>;

  constructor(
    readonly node: A.FunctionDef | A.Lambda,
    readonly scope: Scope,
  ) {
    const a = node.args;
    this.posonly = a.posonlyargs.map((x) => x.arg);
    this.args = a.args.map((x) => x.arg);
    this.positional = [...this.posonly, ...this.args];
    this.vararg = a.vararg?.arg ?? null;
    this.kwonly = a.kwonlyargs.map((x) => x.arg);
    this.kwarg = a.kwarg?.arg ?? null;
    this.isLambda = node.type === 'Lambda';
    this.isGenerator = scope.isGenerator;
    this.isAsync = node.type === 'FunctionDef' && node.isAsync;
    this.varnames = [...this.positional, ...this.kwonly];
    if (this.vararg) this.varnames.push(this.vararg);
    if (this.kwarg) this.varnames.push(this.kwarg);
    for (const n of scope.bound) if (!this.varnames.includes(n)) this.varnames.push(n);
    this.cellParams = new Set(this.varnames.filter((n) => scope.resolve(n) === Res.Deref && scope.cells.has(n)));
  }

  get name(): string {
    return this.node.type === 'Lambda' ? '<lambda>' : this.node.name;
  }
}

const codeCache = new WeakMap<object, FunctionCode>();
export function codeFor(node: A.FunctionDef | A.Lambda, scope: Scope): FunctionCode {
  let c = codeCache.get(node);
  if (!c) {
    c = new FunctionCode(node, scope);
    codeCache.set(node, c);
  }
  return c;
}

export type FunctionCaller = (fn: PyFunction, args: PyValue[], kwargs: Kwargs) => PyValue;

/** A function defined in Python code. */
export class PyFunction extends PyObject {
  override dict = new Map<string, PyValue>();
  name: string;
  qualname: string;
  module: PyValue;
  doc: PyValue;
  annotations: PyDict;

  constructor(
    readonly code: FunctionCode,
    readonly globals: Map<string, PyValue>,
    readonly mod: ModuleContext,
    readonly closure: Map<string, Cell>,
    public defaults: PyValue[],
    public kwdefaults: Map<string, PyValue>,
    private readonly caller: FunctionCaller,
    opts: { qualname: string; doc: PyValue; annotations: PyDict },
  ) {
    super();
    this.name = code.name;
    this.qualname = opts.qualname;
    this.module = mod.name;
    this.doc = opts.doc;
    this.annotations = opts.annotations;
  }

  get pyClass(): PyClass {
    return functionClass;
  }

  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    return this.caller(this, args, kwargs);
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case '__name__':
        return this.name;
      case '__qualname__':
        return this.qualname;
      case '__module__':
        return this.module;
      case '__doc__':
        return this.doc;
      case '__defaults__':
        return this.defaults.length ? new PyTuple(this.defaults) : None;
      case '__kwdefaults__':
        return this.kwdefaults.size ? new PyDict(this.kwdefaults) : None;
      case '__annotations__':
        return this.annotations;
      case '__dict__':
        return new PyDict(this.dict);
      case '__globals__':
        return new PyDict(this.globals);
      case '__closure__':
        return this.closure.size ? new PyTuple([...this.closure.values()]) : None;
      case '__code__':
        return new CodeObject(this);
    }
    return undefined;
  }

  override nativeSetAttr(name: string, value: PyValue): boolean {
    switch (name) {
      case '__name__':
        if (typeof value !== 'string') throw pyError(TypeError, '__name__ must be set to a string object');
        this.name = value;
        return true;
      case '__qualname__':
        if (typeof value !== 'string') throw pyError(TypeError, '__qualname__ must be set to a string object');
        this.qualname = value;
        return true;
      case '__module__':
        this.module = value;
        return true;
      case '__doc__':
        this.doc = value;
        return true;
      case '__defaults__':
        this.defaults = value === None ? [] : value instanceof PyTuple ? [...value.items] : this.defaults;
        return true;
      case '__annotations__':
        if (value instanceof PyDict) this.annotations = value;
        return true;
    }
    return false;
  }

  override nativeRepr(): string {
    return `<function ${this.qualname} at 0x${addressOf(this)}>`;
  }
}

/** A minimal `__code__` object. */
class CodeObject extends PyObject {
  constructor(private readonly fn: PyFunction) {
    super();
  }
  get pyClass(): PyClass {
    return codeClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    const c = this.fn.code;
    switch (name) {
      case 'co_name':
        return c.name;
      case 'co_qualname':
        return this.fn.qualname;
      case 'co_filename':
        return this.fn.mod.filename;
      case 'co_firstlineno':
        return BigInt(c.node.line);
      case 'co_varnames':
        return new PyTuple(c.varnames);
      case 'co_argcount':
        return BigInt(c.positional.length);
      case 'co_posonlyargcount':
        return BigInt(c.posonly.length);
      case 'co_kwonlyargcount':
        return BigInt(c.kwonly.length);
      case 'co_freevars':
        return new PyTuple([...c.scope.frees]);
      case 'co_cellvars':
        return new PyTuple([...c.scope.cells]);
    }
    return undefined;
  }
  override nativeRepr(): string {
    const c = this.fn.code;
    return `<code object ${c.name} at 0x${addressOf(this)}, file "${this.fn.mod.filename}", line ${c.node.line}>`;
  }
}

const codeClass = new PyClass('code');

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
}

/**
 * Binds call arguments to the function's parameters. `store(name, value)` receives every
 * parameter value (the caller puts it in a local or a cell).
 */
export function bindArguments(fn: PyFunction, args: readonly PyValue[], kwargs: Kwargs, store: (name: string, value: PyValue) => void): void {
  const c = fn.code;
  const qn = fn.qualname;
  const npos = c.positional.length;
  const given = args.length;
  const values: (PyValue | undefined)[] = new Array(npos + c.kwonly.length);
  const n = Math.min(given, npos);
  for (let i = 0; i < n; i++) values[i] = args[i];
  let varargs: PyValue[] | null = null;
  if (c.vararg !== null) varargs = given > npos ? args.slice(npos) : [];
  const kwdict: PyDict | null = c.kwarg !== null ? new PyDict() : null;
  if (kwargs.size > 0) {
    let posOnlyAsKw: string[] | null = null;
    for (const [k, v] of kwargs) {
      let idx = -1;
      for (let i = c.posonly.length; i < npos; i++) {
        if (c.positional[i] === k) {
          idx = i;
          break;
        }
      }
      if (idx < 0) {
        const ki = c.kwonly.indexOf(k);
        if (ki >= 0) idx = npos + ki;
      }
      if (idx < 0) {
        if (kwdict) {
          kwdict.set(k, v);
          continue;
        }
        if (c.posonly.includes(k)) {
          (posOnlyAsKw ??= []).push(k);
          continue;
        }
        throw pyError(TypeError, `${qn}() got an unexpected keyword argument '${k}'`);
      }
      if (values[idx] !== undefined) throw pyError(TypeError, `${qn}() got multiple values for argument '${k}'`);
      values[idx] = v;
    }
    if (posOnlyAsKw) {
      throw pyError(TypeError, `${qn}() got some positional-only arguments passed as keyword arguments: '${posOnlyAsKw.join(', ')}'`);
    }
  }
  if (given > npos && c.vararg === null) {
    const ndefaults = fn.defaults.length;
    let kwonlyGiven = 0;
    for (let i = 0; i < c.kwonly.length; i++) if (values[npos + i] !== undefined) kwonlyGiven++;
    let sig: string;
    let plural: boolean;
    if (ndefaults) {
      sig = `from ${npos - ndefaults} to ${npos}`;
      plural = true;
    } else {
      sig = String(npos);
      plural = npos !== 1;
    }
    const kwSig = kwonlyGiven
      ? ` positional argument${given !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})`
      : '';
    throw pyError(
      TypeError,
      `${qn}() takes ${sig} positional argument${plural ? 's' : ''} but ${given}${kwSig} ${given === 1 && !kwonlyGiven ? 'was' : 'were'} given`,
    );
  }
  // defaults for positional parameters
  const defaults = fn.defaults;
  const firstDefault = npos - defaults.length;
  let missing: string[] | null = null;
  for (let i = 0; i < npos; i++) {
    if (values[i] !== undefined) continue;
    if (i >= firstDefault) values[i] = defaults[i - firstDefault];
    else (missing ??= []).push(c.positional[i]!);
  }
  if (missing) {
    throw pyError(
      TypeError,
      `${qn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`,
    );
  }
  for (let i = 0; i < c.kwonly.length; i++) {
    if (values[npos + i] !== undefined) continue;
    const d = fn.kwdefaults.get(c.kwonly[i]!);
    if (d !== undefined) values[npos + i] = d;
    else (missing ??= []).push(c.kwonly[i]!);
  }
  if (missing) {
    throw pyError(
      TypeError,
      `${qn}() missing ${missing.length} required keyword-only argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`,
    );
  }
  for (let i = 0; i < npos; i++) store(c.positional[i]!, values[i]!);
  for (let i = 0; i < c.kwonly.length; i++) store(c.kwonly[i]!, values[npos + i]!);
  if (c.vararg !== null) store(c.vararg, new PyTuple(varargs!));
  if (c.kwarg !== null) store(c.kwarg, kwdict!);
}

