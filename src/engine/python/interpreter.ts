/**
 * A synchronous tree-walking evaluator for the AST of ast.ts.
 *
 * - Every statement and every call counts as a step; past `stepBudget` a KeyboardInterrupt is
 *   raised (it derives from BaseException, so `except Exception:` cannot swallow it).
 * - Python frames are counted; past `recursionLimit` a RecursionError is raised, and a JavaScript
 *   stack overflow is turned into one too.
 * - Exceptions are PyExceptions; as one passes through a frame, the frame is added to its
 *   traceback (file, line, function, source line and the span of the failing expression).
 * - Generator functions are lazy (generators.ts) when their yields are statements (`yield x`,
 *   `x = yield y`, `yield from it`, inside any if/for/while/try/with); a generator with a yield
 *   elsewhere (inside a call or an operand) runs eagerly: the call runs the body to completion and
 *   returns an iterator over the collected values. Generator expressions are lazy. The step budget
 *   still stops infinite generators.
 * - Learner code only reaches objects through the protocol of objects.ts: no JavaScript object
 *   is ever indexed with a name coming from Python code.
 */
import type * as A from './ast.ts';
import type { Env } from '../env.ts';
import {
  AttributeError,
  BoundMethod,
  EMPTY_TUPLE,
  Ellipsis,
  SyntaxErrorClass,
  KeyboardInterruptClass,
  type Kwargs,
  NO_KWARGS,
  NameError,
  NativeFunction,
  None,
  PyBytes,
  PyClass,
  PyDict,
  PyException,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PySet,
  PySlice,
  PyTuple,
  type PyValue,
  RecursionError,
  RuntimeError,
  TypeError,
  UnboundLocalError,
  ValueError,
  AssertionErrorClass,
  NotImplementedError,
  attributeError,
  baseExceptionClass,
  call,
  delattr,
  getattrOpt,
  isinstance,
  iterate,
  newException,
  pyError,
  repr,
  setattr,
  str,
  truthy,
  typeClass,
  typeName,
  typeOf,
} from './objects.ts';
import { parseExpression, parseModule } from './parser.ts';
import { formatCompileWarnings } from './compile-warnings.ts';
import { Res, type Scope } from './scope.ts';
import { Cell, PyFunction, bindArguments, codeFor, type ModuleContext } from './functions.ts';
import { binaryOp, compare, delItem, getItem, inplaceOp, setItem, unaryOp } from './operators.ts';
import { asciiRepr, formatValue } from './formatting.ts';
import { ImportSystem, type ModuleSource } from './modules.ts';
import { createBuiltins } from './builtins.ts';
import { createClass, superClass, PySuper } from './classes.ts';
import { registerStdlib } from './stdlib/index.ts';
import { registerNameCandidates } from './traceback.ts';
import { makeGenerator, supportsLazyGenerator } from './generators.ts';

export type { ModuleContext } from './functions.ts';

export interface InterpreterOptions {
  env: Env;
  stdout?: (text: string) => void;
  /** Where `print(..., file=sys.stderr)` and `sys.stderr.write` go (default: stdout). */
  stderr?: (text: string) => void;
  stepBudget?: number;
  recursionLimit?: number;
  /** finds a project module's source: name like 'shop.models' or 'shop.migrations.0001_initial' */
  findModule?: (name: string) => ModuleSource | undefined;
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

/** An executing Python frame. */
export class Frame {
  /** The node being executed (for traceback positions). */
  pos: A.Span;
  retval: PyValue = None;
  /** Values yielded so far, when running a generator function eagerly. */
  yieldSink: PyValue[] | null = null;

  constructor(
    /** co_name: function name, `<module>`, class name, `<listcomp>` … */
    readonly name: string,
    readonly mod: ModuleContext,
    readonly globals: Map<string, PyValue>,
    /** Function locals, class namespace, or the module globals. */
    readonly locals: Map<string, PyValue>,
    readonly cells: Map<string, Cell>,
    readonly scope: Scope,
    readonly parent: Frame | null,
    readonly fn: PyFunction | null,
    pos: A.Span,
  ) {
    this.pos = pos;
  }
}

const NO_CELLS: Map<string, Cell> = new Map();

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export class Interpreter {
  readonly env: Env;
  /** sys.modules */
  readonly modules = new Map<string, PyModule>();
  readonly builtins: Map<string, PyValue>;
  readonly builtinsModule: PyModule;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stepBudget: number;
  recursionLimit: number;
  /** Steps executed so far. */
  steps = 0;
  /** Python frames on the stack (internal; generators.ts enters frames too). */
  depth = 0;
  /** The innermost executing frame. */
  currentFrame: Frame | null = null;
  /** Exceptions being handled (innermost last): bare `raise` and implicit chaining. */
  /** @internal */
  readonly handling: PyException[] = [];
  /** The frame whose traceback entry an exception got last (so each frame is added once). */
  private readonly tbMark = new WeakMap<PyException, Frame>();
  /** The PyException last raised for an exception instance (`raise e` keeps its traceback). */
  private readonly carriers = new WeakMap<PyInstance, PyException>();
  readonly imports: ImportSystem;
  /** The budget that was exceeded (while cleanup code gets a grace allowance). */
  private interruptedAt: number | null = null;

  constructor(opts: InterpreterOptions) {
    this.env = opts.env;
    this.stdout = opts.stdout ?? (() => {});
    this.stderr = opts.stderr ?? this.stdout;
    this.stepBudget = opts.stepBudget ?? 20_000_000;
    this.recursionLimit = opts.recursionLimit ?? 1000;
    this.imports = new ImportSystem(this, opts.findModule);
    this.builtinsModule = createBuiltins(this);
    this.builtins = this.builtinsModule.dict;
    this.modules.set('builtins', this.builtinsModule);
    registerStdlib(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------------------------------

  /** Registers a native module, created lazily on first import (e.g. 'django.db.models'). */
  registerNativeModule(name: string, factory: (interp: Interpreter) => PyModule): void {
    this.imports.registerNative(name, factory);
  }

  /** `import name`: returns the module (parents are imported first). */
  importModule(name: string): PyModule {
    return this.imports.importModule(name);
  }

  /**
   * Runs `source` as a fresh module named `name`. The module is put in sys.modules only with
   * `opts.cache` (then it is removed again if execution fails, like CPython's import).
   */
  execModule(name: string, source: string, file: string, opts: { cache?: boolean; isPackage?: boolean } = {}): PyModule {
    return this.imports.execSource(name, source, file, opts.isPackage ?? false, opts.cache ?? false);
  }

  /** Evaluates one expression (eval()). */
  evalExpression(source: string, globals?: Map<string, PyValue>, filename = '<string>'): PyValue {
    const expr = parseExpression(source, filename);
    const g = globals ?? new Map<string, PyValue>([['__name__', '__main__']]);
    const mod = this.contextFor(g, filename, source);
    const scope = emptyModuleScope();
    const frame = new Frame('<module>', mod, g, g, NO_CELLS, scope, this.currentFrame, null, expr);
    return this.runFrame(frame, () => this.ev(expr, frame));
  }

  /** Executes statements with the given globals (`shell -c`, scripts on stdin). */
  exec(source: string, globals: Map<string, PyValue>, filename = '<string>', locals: Map<string, PyValue> = globals): void {
    const mod = this.contextFor(globals, filename, source);
    const ast = parseModule(source, filename);
    this.compiled(ast);
    this.runModule(ast, mod, globals, locals);
  }

  /** What compiling a parsed module shows: its SyntaxWarnings, on stderr. */
  compiled(ast: A.Module): void {
    const text = formatCompileWarnings(ast);
    if (text) this.stderr(text);
  }

  /** sys.displayhook of console input: gets the value of each expression statement run in `displayFrame`. */
  private displayHook: ((value: PyValue) => void) | null = null;
  private displayFrame: Frame | null = null;

  /**
   * Executes console input like `compile(source, filename, 'single')`: the value of every
   * expression statement outside function and class bodies goes to `hook` (the console prints
   * its repr when it is not None).
   */
  execInteractive(source: string, globals: Map<string, PyValue>, filename: string, hook: (value: PyValue) => void): void {
    const mod = this.contextFor(globals, filename, source);
    const ast = parseModule(source, filename);
    this.compiled(ast);
    const scope = ast.scope as Scope;
    const first: A.Span = ast.body[0] ?? { line: 1, col: 0, endLine: 1, endCol: 0 };
    const frame = new Frame('<module>', mod, globals, globals, NO_CELLS, scope, this.currentFrame, null, first);
    const saved: [Frame | null, ((value: PyValue) => void) | null] = [this.displayFrame, this.displayHook];
    this.displayFrame = frame;
    this.displayHook = hook;
    try {
      this.runFrame(frame, () => this.execBlock(ast.body, frame));
    } finally {
      [this.displayFrame, this.displayHook] = saved;
    }
  }

  private contextFor(globals: Map<string, PyValue>, filename: string, source: string): ModuleContext {
    const name = globals.get('__name__');
    const pkg = globals.get('__package__');
    return {
      name: typeof name === 'string' ? name : '__main__',
      filename,
      source,
      futureAnnotations: false,
      package: typeof pkg === 'string' ? pkg : '',
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Frames
  // ---------------------------------------------------------------------------------------------

  /** Runs a module's statements in a fresh module frame. */
  /** Runs a module's code; `locals` differs from `globals` for exec(code, globals, locals). */
  runModule(ast: A.Module, mod: ModuleContext, globals: Map<string, PyValue>, locals: Map<string, PyValue> = globals): void {
    const scope = ast.scope as Scope;
    const first: A.Span = ast.body[0] ?? { line: 1, col: 0, endLine: 1, endCol: 0 };
    if (ast.body.some((s) => s.type === 'ImportFrom' && s.module === '__future__' && s.names.some((a) => a.name === 'annotations'))) {
      mod.futureAnnotations = true;
    }
    const frame = new Frame('<module>', mod, globals, locals, NO_CELLS, scope, this.currentFrame, null, first);
    this.runFrame(frame, () => this.execBlock(ast.body, frame));
  }

  private runFrame<T>(frame: Frame, body: () => T): T {
    if (++this.depth > this.recursionLimit) {
      this.depth--;
      throw this.recursionError();
    }
    const saved = this.currentFrame;
    this.currentFrame = frame;
    try {
      return body();
    } catch (e) {
      throw this.addTraceback(e, frame);
    } finally {
      this.depth--;
      this.currentFrame = saved;
    }
  }

  /** @internal */
  recursionError(): PyException {
    return pyError(RecursionError, 'maximum recursion depth exceeded');
  }

  /** Adds `frame` to the traceback of a PyException passing through it (once). */
  addTraceback(e: unknown, frame: Frame): unknown {
    if (e instanceof RangeError) e = this.recursionError();
    if (e instanceof PyException) {
      if (this.tbMark.get(e) !== frame) {
        this.tbMark.set(e, frame);
        e.traceback.unshift(this.frameEntry(frame));
      }
      this.carriers.set(e.value, e);
    }
    return e;
  }

  private frameEntry(f: Frame) {
    const p = f.pos;
    const mod = f.mod;
    let lineText: string | undefined;
    if (!mod.filename.startsWith('<')) {
      mod.lines ??= mod.source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      lineText = mod.lines[p.line - 1];
    }
    return {
      file: mod.filename,
      line: p.line,
      name: f.name,
      source: lineText?.trim(),
      col: p.col,
      endLine: p.endLine,
      endCol: p.endCol,
      lineText,
    };
  }

  /** Counts one step; raises KeyboardInterrupt past the budget. */
  step(): void {
    if (++this.steps > this.stepBudget) this.outOfSteps();
  }

  private outOfSteps(): never {
    if (this.interruptedAt === null) {
      // leave room for `finally` blocks and context managers to clean up
      this.interruptedAt = this.stepBudget;
      this.stepBudget = this.steps + 100_000;
    }
    throw pyError(KeyboardInterruptClass, `execution stopped after ${groupThousands(this.interruptedAt)} steps: is there an infinite loop?`);
  }

  /** Resets the step counter (e.g. between commands). */
  resetSteps(budget?: number): void {
    this.steps = 0;
    if (this.interruptedAt !== null) this.stepBudget = this.interruptedAt;
    this.interruptedAt = null;
    if (budget !== undefined) this.stepBudget = budget;
  }

  // ---------------------------------------------------------------------------------------------
  // Calling Python functions
  // ---------------------------------------------------------------------------------------------

  readonly callFunction = (fn: PyFunction, args: PyValue[], kwargs: Kwargs): PyValue => {
    const frame = this.enterFunction(fn, args, kwargs);
    const saved = this.currentFrame;
    this.currentFrame = frame;
    try {
      return this.runFunctionBody(fn, frame);
    } catch (e) {
      throw this.addTraceback(e, frame);
    } finally {
      this.depth--;
      this.currentFrame = saved;
    }
  };

  /** Creates the frame of a call and binds the arguments (not on the stack while the body runs). */
  private enterFunction(fn: PyFunction, args: PyValue[], kwargs: Kwargs): Frame {
    if (++this.steps > this.stepBudget) this.outOfSteps();
    const code = fn.code;
    if (code.isAsync) throw pyError(NotImplementedError, 'async functions are not supported in this sandbox');
    const scope = code.scope;
    const locals = new Map<string, PyValue>();
    let cells: Map<string, Cell> = fn.closure;
    if (scope.cells.size > 0) {
      cells = new Map(fn.closure);
      for (const name of scope.cells) cells.set(name, new Cell());
    }
    const frame = new Frame(code.name, fn.mod, fn.globals, locals, cells, scope, this.currentFrame, fn, code.node);
    if (code.cellParams.size > 0) {
      bindArguments(fn, args, kwargs, (name, value) => {
        if (code.cellParams.has(name)) cells.get(name)!.value = value;
        else locals.set(name, value);
      });
    } else {
      bindArguments(fn, args, kwargs, (name, value) => locals.set(name, value));
    }
    if (++this.depth > this.recursionLimit) {
      this.depth--;
      throw this.recursionError();
    }
    return frame;
  }

  private runFunctionBody(fn: PyFunction, frame: Frame): PyValue {
    const node = fn.code.node;
    if (node.type === 'Lambda') return this.ev(node.body, frame);
    if (fn.code.isGenerator) {
      if (supportsLazyGenerator(node)) return makeGenerator(this, fn, frame);
      // yields in positions the lazy executor does not handle: run eagerly, collecting values
      const sink: PyValue[] = [];
      frame.yieldSink = sink;
      this.execBlock(node.body, frame);
      return new PyIterator(sink[Symbol.iterator](), 'generator');
    }
    return this.execBlock(node.body, frame) === RETURN ? frame.retval : None;
  }

  /** Calls any callable (fast path for Python functions). */
  callValue(func: PyValue, args: PyValue[], kwargs: Kwargs = NO_KWARGS): PyValue {
    if (func instanceof PyFunction) return this.callFunction(func, args, kwargs);
    return call(func, args, kwargs);
  }

  // ---------------------------------------------------------------------------------------------
  // Statements
  // ---------------------------------------------------------------------------------------------

  /** @internal */
  execBlock(body: A.Stmt[], f: Frame): number {
    for (let i = 0; i < body.length; i++) {
      const r = this.execStmt(body[i]!, f);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  }

  /** @internal */
  execStmt(s: A.Stmt, f: Frame): number {
    if (++this.steps > this.stepBudget) {
      f.pos = s;
      this.outOfSteps();
    }
    f.pos = s;
    switch (s.type) {
      case 'Expr': {
        const value = this.ev(s.value, f);
        if (f === this.displayFrame) this.displayHook?.(value);
        return NORMAL;
      }
      case 'Assign':
        this.execAssign(s, f);
        return NORMAL;
      case 'AugAssign':
        this.augAssign(s, f);
        return NORMAL;
      case 'AnnAssign':
        this.annAssign(s, f);
        return NORMAL;
      case 'Return':
        f.retval = s.value ? this.ev(s.value, f) : None;
        return RETURN;
      case 'If':
        return this.execIf(s, f);
      case 'For':
        return this.execFor(s, f);
      case 'While':
        return this.execWhile(s, f);
      case 'Pass':
        return NORMAL;
      case 'Break':
        return BREAK;
      case 'Continue':
        return CONTINUE;
      case 'FunctionDef':
        this.execFunctionDef(s, f);
        return NORMAL;
      case 'ClassDef':
        this.execClassDef(s, f);
        return NORMAL;
      case 'Try':
        return this.execTry(s, f);
      case 'With':
        return this.execWith(s, f, 0);
      case 'Raise':
        return this.execRaise(s, f);
      case 'Import':
        this.execImport(s, f);
        return NORMAL;
      case 'ImportFrom':
        this.execImportFrom(s, f);
        return NORMAL;
      case 'Assert':
        this.execAssert(s, f);
        return NORMAL;
      case 'Delete':
        for (const t of s.targets) this.delete(t, f);
        return NORMAL;
      case 'Global':
      case 'Nonlocal':
        return NORMAL;
      case 'Match':
        throw pyError(NotImplementedError, "'match' statements are not supported in this sandbox");
    }
  }

  private execAssign(s: A.Assign, f: Frame): void {
    const v = this.ev(s.value, f);
    const targets = s.targets;
    for (let i = 0; i < targets.length; i++) this.assign(targets[i]!, v, f);
  }

  private execIf(s: A.If, f: Frame): number {
    if (truthy(this.ev(s.test, f))) return this.execBlock(s.body, f);
    return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
  }

  private execAssert(s: A.Assert, f: Frame): void {
    if (truthy(this.ev(s.test, f))) return;
    const msg = s.msg ? this.ev(s.msg, f) : undefined;
    f.pos = s.test;
    throw msg === undefined ? pyError(AssertionErrorClass) : new PyException(newException(AssertionErrorClass, msg));
  }

  private augAssign(s: A.AugAssign, f: Frame): void {
    const t = s.target;
    switch (t.type) {
      case 'Name': {
        const cur = this.loadName(t, f);
        const v = this.ev(s.value, f);
        f.pos = s;
        this.storeName(t.id, t.res!, inplaceOp(s.op, cur, v), f);
        return;
      }
      case 'Attribute': {
        const obj = this.ev(t.value, f);
        f.pos = t;
        const cur = this.getAttr(obj, t.attr, t);
        const v = this.ev(s.value, f);
        f.pos = s;
        const r = inplaceOp(s.op, cur, v);
        f.pos = t;
        setattr(obj, t.attr, r);
        return;
      }
      case 'Subscript': {
        const obj = this.ev(t.value, f);
        const key = this.ev(t.slice, f);
        f.pos = t;
        const cur = getItem(obj, key);
        const v = this.ev(s.value, f);
        f.pos = s;
        const r = inplaceOp(s.op, cur, v);
        f.pos = t;
        setItem(obj, key, r);
        return;
      }
    }
  }

  private annAssign(s: A.AnnAssign, f: Frame): void {
    if (s.value) {
      const v = this.ev(s.value, f);
      this.assign(s.target, v, f);
    }
    // annotations are evaluated (or kept as source text with `from __future__ import
    // annotations`) at module and class level only; simple names are recorded in __annotations__
    if (f.fn !== null) return;
    if (s.simple && s.target.type === 'Name') {
      let ann = f.locals.get('__annotations__');
      if (!(ann instanceof PyDict)) {
        ann = new PyDict();
        f.locals.set('__annotations__', ann);
      }
      const value = f.mod.futureAnnotations ? this.sourceOf(s.annotation, f) : this.ev(s.annotation, f);
      (ann as PyDict).set(s.target.id, value);
    } else if (!f.mod.futureAnnotations) {
      this.ev(s.annotation, f);
    }
  }

  private sourceOf(e: A.Span, f: Frame): string {
    const mod = f.mod;
    mod.lines ??= mod.source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    if (e.line === e.endLine) return (mod.lines[e.line - 1] ?? '').slice(e.col, e.endCol);
    const parts = [mod.lines[e.line - 1]!.slice(e.col)];
    for (let l = e.line + 1; l < e.endLine; l++) parts.push(mod.lines[l - 1]!);
    parts.push(mod.lines[e.endLine - 1]!.slice(0, e.endCol));
    return parts.join('\n');
  }

  private execFor(s: A.For, f: Frame): number {
    const iterable = this.ev(s.iter, f);
    // CPython attributes GET_ITER/FOR_ITER to the whole `for` statement
    f.pos = s;
    const it = iterate(iterable);
    for (;;) {
      f.pos = s;
      const r = it.next();
      if (r.done) break;
      this.assign(s.target, r.value, f);
      const c = this.execBlock(s.body, f);
      if (c === BREAK) return NORMAL;
      if (c === RETURN) return RETURN;
    }
    return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
  }

  private execWhile(s: A.While, f: Frame): number {
    for (;;) {
      if (++this.steps > this.stepBudget) {
        f.pos = s;
        this.outOfSteps();
      }
      if (!truthy(this.ev(s.test, f))) break;
      const c = this.execBlock(s.body, f);
      if (c === BREAK) return NORMAL;
      if (c === RETURN) return RETURN;
    }
    return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
  }

  private execFunctionDef(s: A.FunctionDef, f: Frame): void {
    const decorators = s.decorators.map((d) => this.ev(d, f));
    f.pos = s;
    let fn: PyValue = this.makeFunction(s, f);
    for (let i = decorators.length - 1; i >= 0; i--) {
      f.pos = s.decorators[i]!;
      fn = this.callValue(decorators[i]!, [fn]);
    }
    this.storeName(s.name, f.scope.resolve(s.name), fn, f);
  }

  private makeFunction(node: A.FunctionDef | A.Lambda, f: Frame): PyFunction {
    const scope = node.scope as Scope;
    const code = codeFor(node, scope);
    const a = node.args;
    const defaults = a.defaults.length ? a.defaults.map((d) => this.ev(d, f)) : [];
    const kwdefaults = new Map<string, PyValue>();
    a.kwDefaults.forEach((d, i) => {
      if (d) kwdefaults.set(a.kwonlyargs[i]!.arg, this.ev(d, f));
    });
    const annotations = new PyDict();
    const annotate = (name: string, e: A.Expr | null) => {
      if (!e) return;
      annotations.set(name, f.mod.futureAnnotations ? this.sourceOf(e, f) : this.ev(e, f));
    };
    for (const arg of [...a.posonlyargs, ...a.args]) annotate(arg.arg, arg.annotation);
    if (a.vararg) annotate(a.vararg.arg, a.vararg.annotation);
    for (const arg of a.kwonlyargs) annotate(arg.arg, arg.annotation);
    if (a.kwarg) annotate(a.kwarg.arg, a.kwarg.annotation);
    if (node.type === 'FunctionDef' && node.returns) annotate('return', node.returns);
    let doc: PyValue = None;
    if (node.type === 'FunctionDef') {
      const first = node.body[0];
      if (first && first.type === 'Expr' && first.value.type === 'Constant' && first.value.value.kind === 'str') doc = first.value.value.value;
    }
    const closure = this.closureFor(scope, f);
    return new PyFunction(code, f.globals, f.mod, closure, defaults, kwdefaults, this.callFunction, {
      qualname: scope.qualname,
      doc,
      annotations,
    });
  }

  /** The cells a nested scope captures from frame `f`. */
  private closureFor(scope: Scope, f: Frame): Map<string, Cell> {
    if (scope.frees.size === 0) return NO_CELLS;
    const m = new Map<string, Cell>();
    for (const name of scope.frees) {
      let c = f.cells.get(name);
      if (!c) {
        // should not happen with a consistent symbol table; keep execution going
        c = new Cell();
      }
      m.set(name, c);
    }
    return m;
  }

  private execClassDef(s: A.ClassDef, f: Frame): void {
    const decorators = s.decorators.map((d) => this.ev(d, f));
    const bases: PyValue[] = [];
    for (const b of s.bases) {
      if (b.type === 'Starred') bases.push(...this.toArray(this.ev(b.value, f)));
      else bases.push(this.ev(b, f));
    }
    const kwargs: Kwargs = new Map();
    for (const k of s.keywords) {
      const v = this.ev(k.value, f);
      if (k.arg === null) {
        this.mergeKwargs(kwargs, v, 'class');
      } else kwargs.set(k.arg, v);
    }
    f.pos = s;
    const scope = s.scope as Scope;
    // resolve __mro_entries__ / check bases
    for (const b of bases) {
      if (!(b instanceof PyClass)) throw pyError(TypeError, `bases must be types`);
    }
    const baseClasses = bases as PyClass[];
    let meta: PyValue | undefined = kwargs.get('metaclass');
    if (meta !== undefined) kwargs.delete('metaclass');
    if (meta === undefined) {
      meta = typeClass;
      for (const b of baseClasses) {
        const bm = b.pyClass;
        if (bm !== meta && (meta as PyClass).isSubclassOf(bm)) continue;
        if (bm.isSubclassOf(meta as PyClass)) meta = bm;
        else {
          throw pyError(
            TypeError,
            'metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases',
          );
        }
      }
    }
    const qualname = scope.qualname;
    const ns = new Map<string, PyValue>([
      ['__module__', f.globals.get('__name__') ?? f.mod.name],
      ['__qualname__', qualname],
    ]);
    const first = s.body[0];
    if (first && first.type === 'Expr' && first.value.type === 'Constant' && first.value.value.kind === 'str') ns.set('__doc__', first.value.value.value);
    let cells = this.closureFor(scope, f);
    let classCell: Cell | null = null;
    if (scope.needsClassCell) {
      cells = new Map(cells);
      classCell = new Cell();
      cells.set('__class__', classCell);
    }
    const frame = new Frame(s.name, f.mod, f.globals, ns, cells, scope, f, null, s.body[0] ?? s);
    this.runFrame(frame, () => this.execBlock(s.body, frame));
    f.pos = s;
    let cls: PyValue;
    if (meta === typeClass) {
      cls = createClass(s.name, baseClasses, ns, typeClass, kwargs);
    } else {
      cls = this.callValue(meta, [s.name, new PyTuple(baseClasses), new PyDict(ns)], kwargs);
    }
    if (classCell) classCell.value = cls;
    for (let i = decorators.length - 1; i >= 0; i--) {
      f.pos = s.decorators[i]!;
      cls = this.callValue(decorators[i]!, [cls]);
    }
    this.storeName(s.name, f.scope.resolve(s.name), cls, f);
  }

  private execTry(s: A.Try, f: Frame): number {
    if (s.finalbody.length === 0) return this.execTryExcept(s, f);
    let r = NORMAL;
    let pending: unknown = undefined;
    let failed = false;
    try {
      r = this.execTryExcept(s, f);
    } catch (e) {
      failed = true;
      pending = this.addTraceback(e, f);
      const cur = this.handling[this.handling.length - 1];
      if (cur && pending instanceof PyException) this.chain(pending, cur);
    }
    const handled = failed && pending instanceof PyException ? pending : null;
    if (handled) this.handling.push(handled);
    let fr: number;
    try {
      fr = this.execBlock(s.finalbody, f);
    } catch (e2) {
      if (handled && e2 instanceof PyException) this.chain(e2, handled);
      throw e2;
    } finally {
      if (handled) this.handling.pop();
    }
    if (fr !== NORMAL) return fr; // return/break/continue in finally wins
    if (failed) throw pending;
    return r;
  }

  /** @internal Sets `context` as the __context__ of `e` (no cycles). */
  chain(e: PyException, context: PyException): void {
    if (e === context || e.context !== undefined) return;
    // avoid cycles
    for (let c: PyException | undefined = context; c; c = c.context) if (c === e) return;
    e.context = context;
  }

  private execTryExcept(s: A.Try, f: Frame): number {
    let r: number;
    try {
      r = this.execBlock(s.body, f);
    } catch (e0) {
      const e = this.addTraceback(e0, f);
      if (!(e instanceof PyException) || s.handlers.length === 0) throw e;
      // an exception raised while another one is handled gets it as __context__
      const cur = this.handling[this.handling.length - 1];
      if (cur) this.chain(e, cur);
      for (const h of s.handlers) {
        if (h.excType) {
          const t = this.ev(h.excType, f);
          f.pos = h.excType;
          if (!this.exceptionMatches(e, t)) continue;
        }
        return this.runHandler(h, e, f);
      }
      throw e;
    }
    if (r === NORMAL && s.orelse.length) return this.execBlock(s.orelse, f);
    return r;
  }

  private runHandler(h: A.ExceptHandler, e: PyException, f: Frame): number {
    const inst = e.value;
    inst.dict.set('__cause__', e.cause ? e.cause.value : None);
    inst.dict.set('__context__', e.context ? e.context.value : None);
    inst.dict.set('__suppress_context__', e.suppressContext);
    if (h.name) this.storeName(h.name, f.scope.resolve(h.name), inst, f);
    this.handling.push(e);
    try {
      return this.execBlock(h.body, f);
    } catch (e2) {
      const ex = e2 instanceof RangeError ? this.recursionError() : e2;
      if (ex instanceof PyException) this.chain(ex, e);
      throw ex;
    } finally {
      this.handling.pop();
      if (h.name) this.deleteName(h.name, f.scope.resolve(h.name), f, true);
    }
  }

  /** @internal */
  exceptionMatches(e: PyException, t: PyValue): boolean {
    if (t instanceof PyClass) {
      if (!t.isSubclassOf(baseExceptionClass)) throw pyError(TypeError, 'catching classes that do not inherit from BaseException is not allowed');
      return e.value.cls.isSubclassOf(t);
    }
    if (t instanceof PyTuple) {
      for (const x of t.items) if (this.exceptionMatches(e, x)) return true;
      return false;
    }
    throw pyError(TypeError, 'catching classes that do not inherit from BaseException is not allowed');
  }

  private execWith(s: A.With, f: Frame, i: number): number {
    if (i >= s.items.length) return this.execBlock(s.body, f);
    const item = s.items[i]!;
    const mgr = this.ev(item.contextExpr, f);
    f.pos = s;
    let exit: (e: PyException | null) => boolean;
    let value: PyValue;
    if (mgr instanceof PyObject && mgr.nativeEnter && mgr.nativeExit) {
      value = mgr.nativeEnter();
      const m = mgr;
      exit = (e) => m.nativeExit!(e);
    } else {
      const cls = typeOf(mgr);
      const enter = cls.lookup('__enter__');
      const ex = cls.lookup('__exit__');
      if (enter === undefined || ex === undefined) {
        throw pyError(
          TypeError,
          enter === undefined
            ? `'${cls.name}' object does not support the context manager protocol`
            : `'${cls.name}' object does not support the context manager protocol (missed __exit__ method)`,
        );
      }
      value = this.callValue(enter, [mgr]);
      exit = (e) => {
        const args: PyValue[] = e ? [e.value.cls, e.value, None] : [None, None, None];
        return truthy(this.callValue(ex, [mgr, ...args]));
      };
    }
    if (item.optionalVars) this.assign(item.optionalVars, value, f);
    let r: number;
    try {
      r = this.execWith(s, f, i + 1);
    } catch (e0) {
      const e = this.addTraceback(e0, f);
      if (!(e instanceof PyException)) throw e;
      const cur = this.handling[this.handling.length - 1];
      if (cur) this.chain(e, cur);
      f.pos = s;
      this.handling.push(e);
      let suppress: boolean;
      try {
        suppress = exit(e);
      } catch (e2) {
        if (e2 instanceof PyException) this.chain(e2, e);
        throw e2;
      } finally {
        this.handling.pop();
      }
      if (suppress) return NORMAL;
      throw e;
    }
    f.pos = s;
    exit(null);
    return r;
  }

  private execRaise(s: A.Raise, f: Frame): number {
    if (!s.exc) {
      const cur = this.handling[this.handling.length - 1];
      if (!cur) throw pyError(RuntimeError, 'No active exception to reraise');
      throw cur;
    }
    const excValue = this.ev(s.exc, f);
    const inst = this.toExceptionInstance(excValue, 'exceptions must derive from BaseException');
    let pe = this.carriers.get(inst);
    if (!pe) pe = new PyException(inst);
    this.tbMark.delete(pe);
    if (s.cause) {
      const c = this.ev(s.cause, f);
      if (c === None) pe.cause = undefined;
      else {
        const ci = this.toExceptionInstance(c, 'exception causes must derive from BaseException');
        pe.cause = this.carriers.get(ci) ?? new PyException(ci);
      }
      pe.suppressContext = true;
    }
    const cur = this.handling[this.handling.length - 1];
    if (cur && cur !== pe) {
      pe.context = undefined;
      this.chain(pe, cur);
    }
    f.pos = s;
    throw pe;
  }

  private toExceptionInstance(v: PyValue, msg: string): PyInstance {
    if (v instanceof PyClass) {
      if (!v.isSubclassOf(baseExceptionClass)) throw pyError(TypeError, msg);
      const inst = this.callValue(v, []);
      if (!(inst instanceof PyInstance) || !inst.cls.isSubclassOf(baseExceptionClass)) {
        throw pyError(TypeError, `calling ${repr(v)} should have returned an instance of BaseException, not ${typeName(inst)}`);
      }
      return inst;
    }
    if (v instanceof PyInstance && v.cls.isSubclassOf(baseExceptionClass)) return v;
    throw pyError(TypeError, msg);
  }

  /** The exception being handled by the innermost active `except` block (sys.exc_info()). */
  currentException(): PyException | undefined {
    return this.handling[this.handling.length - 1];
  }

  /** Raises `e` (a PyException made by native code) recording the current exception as context. */
  contextualize(e: PyException): PyException {
    const cur = this.handling[this.handling.length - 1];
    if (cur) this.chain(e, cur);
    return e;
  }

  private execImport(s: A.Import, f: Frame): void {
    for (const alias of s.names) {
      f.pos = s;
      const leaf = this.imports.importModule(alias.name);
      if (alias.asname) {
        this.storeName(alias.asname, f.scope.resolve(alias.asname), leaf, f);
      } else {
        const top = alias.name.split('.')[0]!;
        this.storeName(top, f.scope.resolve(top), this.modules.get(top) ?? leaf, f);
      }
    }
  }

  private execImportFrom(s: A.ImportFrom, f: Frame): void {
    f.pos = s;
    if (s.module === '__future__' && s.level === 0) {
      for (const a of s.names) {
        if (!FUTURE_FEATURES.has(a.name)) throw pyError(SyntaxErrorClass, `future feature ${a.name} is not defined`);
      }
    }
    const modName = this.imports.resolveName(s.module ?? '', s.level, f.mod.package, s.level > 0 ? f.mod.name : '');
    const mod = this.imports.importModule(modName);
    for (const alias of s.names) {
      if (alias.name === '*') {
        const all = mod.dict.get('__all__');
        const names = all !== undefined ? this.toArray(all).map((n) => str(n)) : [...mod.dict.keys()].filter((k) => !k.startsWith('_'));
        for (const n of names) {
          const v = getattrOpt(mod, n);
          if (v === undefined) throw pyError(AttributeError, `module '${mod.name}' has no attribute '${n}'`);
          this.storeName(n, f.scope.resolve(n), v, f);
        }
        continue;
      }
      const v = this.imports.importFrom(mod, alias.name);
      const target = alias.asname ?? alias.name;
      this.storeName(target, f.scope.resolve(target), v, f);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Names and targets
  // ---------------------------------------------------------------------------------------------

  private loadName(e: A.Name, f: Frame): PyValue {
    const id = e.id;
    let v: PyValue | undefined;
    switch (e.res) {
      case Res.Local:
        v = f.locals.get(id);
        if (v === undefined) {
          f.pos = e;
          throw this.nameError(UnboundLocalError, `cannot access local variable '${id}' where it is not associated with a value`, id);
        }
        return v;
      case Res.Deref: {
        v = f.cells.get(id)?.value;
        if (v === undefined) {
          f.pos = e;
          if (f.scope.cells.has(id)) throw this.nameError(UnboundLocalError, `cannot access local variable '${id}' where it is not associated with a value`, id);
          throw this.nameError(NameError, `cannot access free variable '${id}' where it is not associated with a value in enclosing scope`, id);
        }
        return v;
      }
      case Res.Global:
        v = f.globals.get(id);
        if (v === undefined) v = this.builtins.get(id);
        break;
      case Res.ClassDeref:
        v = f.locals.get(id);
        if (v === undefined) v = f.cells.get(id)?.value;
        if (v === undefined) {
          f.pos = e;
          throw this.nameError(NameError, `cannot access free variable '${id}' where it is not associated with a value in enclosing scope`, id);
        }
        return v;
      default:
        v = f.locals.get(id);
        if (v === undefined && f.locals !== f.globals) v = f.globals.get(id);
        if (v === undefined) v = this.builtins.get(id);
    }
    if (v === undefined) {
      f.pos = e;
      throw this.nameError(NameError, `name '${id}' is not defined`, id);
    }
    return v;
  }

  private nameError(cls: PyClass, msg: string, name: string): PyException {
    const e = pyError(cls, msg);
    e.value.dict.set('name', name);
    const f = this.currentFrame;
    if (f) {
      const builtins = this.builtins;
      registerNameCandidates(e, () => [f.fn ? f.fn.code.varnames : [], [...f.globals.keys()], [...builtins.keys()]]);
    }
    return e;
  }

  /** @internal */
  storeName(id: string, res: number, v: PyValue, f: Frame): void {
    switch (res) {
      case Res.Local:
        f.locals.set(id, v);
        return;
      case Res.Deref: {
        let c = f.cells.get(id);
        if (!c) {
          c = new Cell();
          f.cells.set(id, c);
        }
        c.value = v;
        return;
      }
      case Res.Global:
        f.globals.set(id, v);
        return;
      default:
        f.locals.set(id, v);
    }
  }

  /** @internal */
  deleteName(id: string, res: number, f: Frame, quiet = false): void {
    let ok: boolean;
    switch (res) {
      case Res.Local:
        ok = f.locals.delete(id);
        if (!ok && !quiet) throw this.nameError(UnboundLocalError, `cannot access local variable '${id}' where it is not associated with a value`, id);
        return;
      case Res.Deref: {
        const c = f.cells.get(id);
        ok = !!c && c.value !== undefined;
        if (c) c.value = undefined;
        if (!ok && !quiet) throw this.nameError(UnboundLocalError, `cannot access local variable '${id}' where it is not associated with a value`, id);
        return;
      }
      case Res.Global:
        ok = f.globals.delete(id);
        break;
      default:
        ok = f.locals.delete(id);
    }
    if (!ok && !quiet) throw this.nameError(NameError, `name '${id}' is not defined`, id);
  }

  /** @internal */
  assign(t: A.Expr, v: PyValue, f: Frame): void {
    switch (t.type) {
      case 'Name':
        this.storeName(t.id, t.res!, v, f);
        return;
      case 'Attribute': {
        const obj = this.ev(t.value, f);
        f.pos = t;
        setattr(obj, t.attr, v);
        return;
      }
      case 'Subscript': {
        const obj = this.ev(t.value, f);
        const key = this.ev(t.slice, f);
        f.pos = t;
        setItem(obj, key, v);
        return;
      }
      case 'Tuple':
      case 'List':
        f.pos = t;
        this.unpack(t.elts, v, f);
        return;
      case 'Starred':
        this.assign(t.value, v, f);
        return;
      default:
        throw pyError(TypeError, `cannot assign to ${t.type}`);
    }
  }

  private unpack(targets: A.Expr[], v: PyValue, f: Frame): void {
    let items: readonly PyValue[];
    if (v instanceof PyTuple || v instanceof PyList) items = v.items;
    else {
      let it: Iterator<PyValue>;
      try {
        it = iterate(v);
      } catch (e) {
        if (e instanceof PyException && e.matches(TypeError) && !(v instanceof PyObject && typeOf(v).lookup('__iter__') !== undefined)) {
          throw pyError(TypeError, `cannot unpack non-iterable ${typeName(v)} object`);
        }
        throw e;
      }
      const arr: PyValue[] = [];
      for (let r = it.next(); !r.done; r = it.next()) arr.push(r.value);
      items = arr;
    }
    const star = targets.findIndex((t) => t.type === 'Starred');
    if (star < 0) {
      if (items.length !== targets.length) {
        if (items.length > targets.length) throw pyError(ValueError, `too many values to unpack (expected ${targets.length})`);
        throw pyError(ValueError, `not enough values to unpack (expected ${targets.length}, got ${items.length})`);
      }
      for (let i = 0; i < targets.length; i++) this.assign(targets[i]!, items[i]!, f);
      return;
    }
    const before = star;
    const after = targets.length - star - 1;
    if (items.length < before + after) {
      throw pyError(ValueError, `not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
    }
    for (let i = 0; i < before; i++) this.assign(targets[i]!, items[i]!, f);
    this.assign((targets[star] as A.Starred).value, new PyList(items.slice(before, items.length - after)), f);
    for (let i = 0; i < after; i++) this.assign(targets[star + 1 + i]!, items[items.length - after + i]!, f);
  }

  private delete(t: A.Expr, f: Frame): void {
    switch (t.type) {
      case 'Name':
        f.pos = t;
        this.deleteName(t.id, t.res!, f);
        return;
      case 'Attribute': {
        const obj = this.ev(t.value, f);
        f.pos = t;
        this.delAttr(obj, t.attr);
        return;
      }
      case 'Subscript': {
        const obj = this.ev(t.value, f);
        const key = this.ev(t.slice, f);
        f.pos = t;
        delItem(obj, key);
        return;
      }
      case 'Tuple':
      case 'List':
        for (const x of t.elts) this.delete(x, f);
        return;
    }
  }

  private delAttr(obj: PyValue, name: string): void {
    if (obj instanceof PyObject && !(obj instanceof PyClass)) {
      const cls = typeOf(obj);
      const custom = cls.lookup('__delattr__');
      if (custom !== undefined && !(custom instanceof NativeFunction)) {
        this.callValue(custom, [obj, name]);
        return;
      }
      const attr = cls.lookup(name);
      if (attr instanceof PyObject && !(attr instanceof PyClass)) {
        const d = typeOf(attr).lookup('__delete__');
        if (d !== undefined) {
          this.callValue(d, [attr, obj]);
          return;
        }
      }
    }
    delattr(obj, name);
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions
  // ---------------------------------------------------------------------------------------------

  ev(e: A.Expr, f: Frame): PyValue {
    // Case bodies live in separate methods: this function is on the JavaScript stack once per
    // nested Python expression/call, so its frame is kept small.
    switch (e.type) {
      case 'Name':
        return this.loadName(e, f);
      case 'Constant':
        return this.constant(e);
      case 'Attribute':
        return this.evAttribute(e, f);
      case 'Call':
        return this.evCall(e, f);
      case 'BinOp':
        return this.evBinOp(e, f);
      case 'Compare':
        return this.evCompare(e, f);
      case 'BoolOp':
        return this.evBoolOp(e, f);
      case 'UnaryOp':
        return this.evUnaryOp(e, f);
      case 'Subscript':
        return this.evSubscript(e, f);
      case 'JoinedStr':
        return this.evJoinedStr(e, f);
      case 'FormattedValue':
        return this.formatted(e, f);
      case 'List':
        return new PyList(this.evElements(e.elts, f));
      case 'Tuple':
        return e.elts.length === 0 ? EMPTY_TUPLE : new PyTuple(this.evElements(e.elts, f));
      case 'Set':
        return this.evSet(e, f);
      case 'Dict':
        return this.evDict(e, f);
      case 'IfExp':
        return truthy(this.ev(e.test, f)) ? this.ev(e.body, f) : this.ev(e.orelse, f);
      case 'Lambda':
        return this.makeFunction(e, f);
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        return this.evComprehension(e, f);
      case 'NamedExpr':
        return this.evNamedExpr(e, f);
      case 'Slice':
        return this.evSlice(e, f);
      case 'Starred':
        throw pyError(TypeError, "can't use starred expression here");
      case 'Yield':
        return this.evYield(e, f);
      case 'YieldFrom':
        return this.evYieldFrom(e, f);
      case 'Await':
        throw pyError(NotImplementedError, 'await is not supported in this sandbox');
    }
  }

  private evAttribute(e: A.Attribute, f: Frame): PyValue {
    const obj = this.ev(e.value, f);
    f.pos = e;
    return this.getAttr(obj, e.attr, e);
  }

  private evBinOp(e: A.BinOp, f: Frame): PyValue {
    const l = this.ev(e.left, f);
    const r = this.ev(e.right, f);
    f.pos = e;
    return binaryOp(e.op, l, r);
  }

  private evBoolOp(e: A.BoolOp, f: Frame): PyValue {
    let v: PyValue = None;
    const isAnd = e.op === 'and';
    for (const x of e.values) {
      v = this.ev(x, f);
      if (truthy(v) !== isAnd) return v;
    }
    return v;
  }

  private evUnaryOp(e: A.UnaryOp, f: Frame): PyValue {
    const v = this.ev(e.operand, f);
    if (e.op === 'not') return !truthy(v);
    f.pos = e;
    return unaryOp(e.op, v);
  }

  private evSubscript(e: A.Subscript, f: Frame): PyValue {
    const obj = this.ev(e.value, f);
    const key = this.ev(e.slice, f);
    f.pos = e;
    return getItem(obj, key);
  }

  private evJoinedStr(e: A.JoinedStr, f: Frame): PyValue {
    let out = '';
    for (const part of e.values) {
      if (part.type === 'Constant') out += (part.value as { value: string }).value;
      else out += this.formatted(part, f);
    }
    return out;
  }

  private evSet(e: A.SetDisplay, f: Frame): PyValue {
    const s = new PySet();
    for (const v of this.evElements(e.elts, f)) s.add(v);
    return s;
  }

  private evNamedExpr(e: A.NamedExpr, f: Frame): PyValue {
    const v = this.ev(e.value, f);
    this.storeName(e.target.id, e.target.res!, v, f);
    return v;
  }

  private evSlice(e: A.Slice, f: Frame): PyValue {
    return new PySlice(e.lower ? this.ev(e.lower, f) : None, e.upper ? this.ev(e.upper, f) : None, e.step ? this.ev(e.step, f) : None);
  }

  private evYield(e: A.Yield, f: Frame): PyValue {
    const v = e.value ? this.ev(e.value, f) : None;
    if (!f.yieldSink) throw pyError(RuntimeError, 'yield outside a generator');
    f.yieldSink.push(v);
    if (f.yieldSink.length > 10_000_000) throw pyError(RuntimeError, 'generator produced too many values (generators run eagerly in this sandbox)');
    return None;
  }

  private evYieldFrom(e: A.YieldFrom, f: Frame): PyValue {
    const v = this.ev(e.value, f);
    if (!f.yieldSink) throw pyError(RuntimeError, 'yield outside a generator');
    f.pos = e;
    const it = iterate(v);
    for (let r = it.next(); !r.done; r = it.next()) f.yieldSink.push(r.value);
    return None;
  }

  private constant(e: A.Constant): PyValue {
    const c = e.value;
    switch (c.kind) {
      case 'str':
      case 'int':
      case 'float':
      case 'bool':
        return c.value;
      case 'None':
        return None;
      case 'Ellipsis':
        return Ellipsis;
      case 'bytes':
        return new PyBytes(c.value);
      case 'complex':
        throw pyError(NotImplementedError, 'complex numbers are not supported in this sandbox');
    }
  }

  getAttr(obj: PyValue, name: string, _node?: A.Span): PyValue {
    const v = getattrOpt(obj, name);
    if (v !== undefined) return v;
    const err = attributeError(obj, name);
    err.value.dict.set('name', name);
    err.value.dict.set('obj', obj);
    throw err;
  }

  private formatted(e: A.FormattedValue, f: Frame): string {
    let v = this.ev(e.value, f);
    if (e.conversion === 'r') v = repr(v);
    else if (e.conversion === 's') v = str(v);
    else if (e.conversion === 'a') v = asciiRepr(v);
    let spec = '';
    if (e.formatSpec) spec = str(this.ev(e.formatSpec, f));
    f.pos = e;
    if (spec === '' && typeof v === 'string') return v;
    return formatValue(v, spec);
  }

  private evElements(elts: A.Expr[], f: Frame): PyValue[] {
    const out: PyValue[] = [];
    for (const x of elts) {
      if (x.type === 'Starred') {
        const v = this.ev(x.value, f);
        f.pos = x;
        for (const item of this.toArray(v)) out.push(item);
      } else out.push(this.ev(x, f));
    }
    return out;
  }

  private evDict(e: A.Dict, f: Frame): PyDict {
    const d = new PyDict();
    for (let i = 0; i < e.keys.length; i++) {
      const k = e.keys[i];
      if (k === null) {
        const m = this.ev(e.values[i]!, f);
        f.pos = e.values[i]!;
        this.updateFromMapping(d, m, () => `'${typeName(m)}' object is not a mapping`);
      } else {
        const key = this.ev(k, f);
        const value = this.ev(e.values[i]!, f);
        f.pos = e;
        d.set(key, value);
      }
    }
    return d;
  }

  /** Copies a mapping's items (dict, or anything with keys() and __getitem__). */
  updateFromMapping(d: PyDict, m: PyValue, err: () => string): void {
    if (m instanceof PyDict) {
      for (const [k, v] of m.items()) d.set(k, v);
      return;
    }
    const keys = getattrOpt(m, 'keys');
    if (keys === undefined) throw pyError(TypeError, err());
    for (const k of this.toArray(this.callValue(keys, []))) d.set(k, getItem(m, k));
  }

  private mergeKwargs(kwargs: Kwargs, m: PyValue, fname: string): void {
    const tmp = new PyDict();
    this.updateFromMapping(tmp, m, () => `${fname} argument after ** must be a mapping, not ${typeName(m)}`);
    for (const [k, v] of tmp.items()) {
      if (typeof k !== 'string') throw pyError(TypeError, 'keywords must be strings');
      if (kwargs.has(k)) throw pyError(TypeError, `${fname} got multiple values for keyword argument '${k}'`);
      kwargs.set(k, v);
    }
  }

  toArray(v: PyValue): PyValue[] {
    if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
    const out: PyValue[] = [];
    const it = iterate(v);
    for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
    return out;
  }

  private evCompare(e: A.Compare, f: Frame): PyValue {
    let left = this.ev(e.left, f);
    const ops = e.ops;
    for (let i = 0; i < ops.length; i++) {
      const right = this.ev(e.comparators[i]!, f);
      f.pos = e;
      if (!compare(ops[i]!, left, right)) return false;
      left = right;
    }
    return true;
  }

  private evCall(e: A.Call, f: Frame): PyValue {
    const func = this.ev(e.func, f);
    const args = e.simpleArgs ? this.evSimpleArgs(e.args, f) : this.evStarArgs(e, func, f);
    const kwargs = e.keywords.length ? this.evKeywords(e, func, f) : NO_KWARGS;
    f.pos = e;
    if (func instanceof PyFunction) return this.callFunction(func, args, kwargs);
    if (func instanceof PyClass) return this.instantiate(func, args, kwargs, f);
    return call(func, args, kwargs);
  }

  private evSimpleArgs(eargs: A.Expr[], f: Frame): PyValue[] {
    const args: PyValue[] = new Array(eargs.length);
    for (let i = 0; i < eargs.length; i++) args[i] = this.ev(eargs[i]!, f);
    return args;
  }

  private evStarArgs(e: A.Call, func: PyValue, f: Frame): PyValue[] {
    const args: PyValue[] = [];
    for (const a of e.args) {
      if (a.type === 'Starred') {
        const v = this.ev(a.value, f);
        let items: PyValue[];
        try {
          items = this.toArray(v);
        } catch (err) {
          if (err instanceof PyException && err.matches(TypeError) && !(v instanceof PyObject && typeOf(v).lookup('__iter__'))) {
            f.pos = e;
            throw pyError(TypeError, `${callableName(func)} argument after * must be an iterable, not ${typeName(v)}`);
          }
          throw err;
        }
        for (const x of items) args.push(x);
      } else args.push(this.ev(a, f));
    }
    return args;
  }

  private evKeywords(e: A.Call, func: PyValue, f: Frame): Kwargs {
    const kwargs: Kwargs = new Map();
    for (const k of e.keywords) {
      const v = this.ev(k.value, f);
      if (k.arg === null) {
        f.pos = e;
        this.mergeKwargs(kwargs, v, callableName(func));
      } else {
        if (kwargs.has(k.arg)) {
          f.pos = e;
          throw pyError(TypeError, `${callableName(func)} got multiple values for keyword argument '${k.arg}'`);
        }
        kwargs.set(k.arg, v);
      }
    }
    return kwargs;
  }

  /**
   * `cls(...)`: type.__call__ with a direct path to Python-defined __init__ (fewer JavaScript
   * frames per Python-level call keeps deep recursion within the stack).
   */
  private instantiate(cls: PyClass, args: PyValue[], kwargs: Kwargs, f: Frame): PyValue {
    if (cls === superClass && args.length === 0 && kwargs.size === 0) return this.zeroArgSuper(f);
    if (cls.pyClass !== typeClass) return call(cls, args, kwargs);
    let init: PyValue | undefined;
    for (const c of cls.mro) {
      if (c.nativeNew) return call(cls, args, kwargs);
      const nw = c.dict.get('__new__');
      if (nw !== undefined && !(nw instanceof NativeFunction)) return call(cls, args, kwargs);
      if (init === undefined) {
        const i = c.dict.get('__init__');
        if (i !== undefined) init = i;
      }
    }
    if (!(init instanceof PyFunction) || cls.isSubclassOf(baseExceptionClass)) return call(cls, args, kwargs);
    const obj = new PyInstance(cls);
    const r = this.callFunction(init, [obj, ...args], kwargs);
    if (r !== None) throw pyError(TypeError, `__init__() should return None, not '${typeName(r)}'`);
    return obj;
  }

  private zeroArgSuper(f: Frame): PyValue {
    const cell = f.cells.get('__class__');
    if (!f.fn) throw pyError(RuntimeError, 'super(): no arguments');
    if (!cell || cell.value === undefined) throw pyError(RuntimeError, 'super(): __class__ cell not found');
    const first = f.fn.code.positional[0] ?? f.fn.code.vararg;
    if (first === null || first === undefined) throw pyError(RuntimeError, 'super(): no arguments');
    let self: PyValue | undefined = f.locals.get(first) ?? f.cells.get(first)?.value;
    if (first === f.fn.code.vararg && self instanceof PyTuple) self = self.items[0];
    if (self === undefined) throw pyError(RuntimeError, 'super(): arg[0] deleted');
    const cls = cell.value;
    if (!(cls instanceof PyClass)) throw pyError(RuntimeError, 'super(): __class__ is not a type');
    return new PySuper(cls, self);
  }

  /**
   * A generator expression runs lazily, one element per next(), entering its own frame each time
   * (so errors show a `<genexpr>` frame under the frame that consumes it, like CPython).
   */
  private lazyGenerator(e: A.GeneratorExp, frame: Frame, it0: Iterator<PyValue>): PyIterator {
    const gens = e.generators;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    function* run(gi: number, it: Iterator<PyValue>): Generator<PyValue, void, undefined> {
      const g = gens[gi]!;
      for (;;) {
        frame.pos = g.iter;
        const r = it.next();
        if (r.done) return;
        self.step();
        self.assign(g.target, r.value, frame);
        let ok = true;
        for (const c of g.ifs) {
          if (!truthy(self.ev(c, frame))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (gi + 1 < gens.length) {
          const next = gens[gi + 1]!;
          const v = self.ev(next.iter, frame);
          frame.pos = next.iter;
          yield* run(gi + 1, iterate(v));
        } else {
          const v = self.ev(e.elt, frame);
          yield v;
        }
      }
    }
    const inner = run(0, it0);
    let finished = false;
    const wrapped: Iterator<PyValue> = {
      next: (): IteratorResult<PyValue> => {
        if (finished) return { done: true, value: undefined };
        if (++this.depth > this.recursionLimit) {
          this.depth--;
          throw this.recursionError();
        }
        const saved = this.currentFrame;
        this.currentFrame = frame;
        try {
          const r = inner.next();
          if (r.done) finished = true;
          return r as IteratorResult<PyValue>;
        } catch (err) {
          finished = true;
          throw this.addTraceback(err, frame);
        } finally {
          this.depth--;
          this.currentFrame = saved;
        }
      },
    };
    return new PyIterator(wrapped, 'generator');
  }

  private evComprehension(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp, f: Frame): PyValue {
    const scope = e.scope as Scope;
    const gens = e.generators;
    const firstIter = this.ev(gens[0]!.iter, f);
    f.pos = gens[0]!.iter;
    const it0 = iterate(firstIter);
    let cells = this.closureFor(scope, f);
    if (scope.cells.size > 0) {
      cells = new Map(cells);
      for (const name of scope.cells) cells.set(name, new Cell());
    }
    f.pos = e;
    const frame = new Frame(scope.name, f.mod, f.globals, new Map(), cells, scope, f, null, e);
    const list: PyValue[] | null = e.type === 'DictComp' ? null : [];
    const dict = e.type === 'DictComp' ? new PyDict() : null;
    const loop = (gi: number, it: Iterator<PyValue>): void => {
      const g = gens[gi]!;
      for (;;) {
        frame.pos = g.iter;
        const r = it.next();
        if (r.done) return;
        if (++this.steps > this.stepBudget) this.outOfSteps();
        this.assign(g.target, r.value, frame);
        let ok = true;
        for (const c of g.ifs) {
          if (!truthy(this.ev(c, frame))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (gi + 1 < gens.length) {
          const next = gens[gi + 1]!;
          const v = this.ev(next.iter, frame);
          frame.pos = next.iter;
          loop(gi + 1, iterate(v));
        } else if (dict) {
          const dc = e as A.DictComp;
          const k = this.ev(dc.key, frame);
          const v = this.ev(dc.value, frame);
          frame.pos = e;
          dict.set(k, v);
        } else {
          list!.push(this.ev((e as A.ListComp).elt, frame));
        }
      }
    };
    if (e.type === 'GeneratorExp') return this.lazyGenerator(e, frame, it0);
    this.runFrame(frame, () => loop(0, it0));
    switch (e.type) {
      case 'ListComp':
        return new PyList(list!);
      case 'SetComp': {
        const s = new PySet();
        for (const v of list!) s.add(v);
        return s;
      }
      case 'DictComp':
        return dict!;
    }
  }
}

const FUTURE_FEATURES = new Set(['annotations', 'division', 'absolute_import', 'print_function', 'unicode_literals', 'generators', 'nested_scopes', 'with_statement', 'generator_stop']);

/** How CPython names a callable in call errors: `f()`, `print()`, `A.m()`. */
export function callableName(func: PyValue): string {
  if (func instanceof PyFunction) return `${func.qualname}()`;
  if (func instanceof NativeFunction) return `${func.name}()`;
  if (func instanceof BoundMethod) return callableName(func.func);
  if (func instanceof PyClass) return `${func.name}()`;
  return `${typeName(func)} object`;
}

let moduleScopeTemplate: Scope | null = null;
function emptyModuleScope(): Scope {
  if (!moduleScopeTemplate) {
    const m = parseModule('', '<string>');
    moduleScopeTemplate = m.scope as Scope;
  }
  return moduleScopeTemplate;
}

export { isinstance };
