/**
 * Lazy generator functions. A generator's body runs in a JavaScript generator that mirrors the
 * statement executor for the statements that contain a `yield` (if/for/while/try/with and the
 * simple statements `yield x`, `x = yield y`, `yield from it`); every other statement runs through
 * the normal synchronous executor. Each resumption (next/send/throw/close) enters the generator's
 * frame, so tracebacks and the recursion limit see it like CPython's.
 *
 * A generator whose `yield` sits anywhere else (inside a call, a return value…) runs eagerly
 * instead (see Interpreter.runFunctionBody): its body completes on the first call and the values
 * are collected.
 */
import type * as A from './ast.ts';
import {
  GeneratorExitClass,
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyException,
  PyObject,
  type PyValue,
  RuntimeError,
  StopIterationClass,
  TypeError,
  ValueError,
  addressOf,
  baseExceptionClass,
  call,
  iterate,
  newException,
  pyError,
  truthy,
  typeOf,
  typeName,
  PyInstance,
} from './objects.ts';
import type { Frame, Interpreter } from './interpreter.ts';
import type { PyFunction } from './functions.ts';
import { method } from './types/core.ts';

const NORMAL = 0;
const BREAK = 1;
const RETURN = 3;

type Gen = Generator<PyValue, number, PyValue>;

// ---------------------------------------------------------------------------------------------
// Which statements contain yields
// ---------------------------------------------------------------------------------------------

const stmtYields = new WeakMap<A.Stmt, boolean>();

function exprHasYield(e: A.Expr | null | undefined): boolean {
  if (!e) return false;
  switch (e.type) {
    case 'Yield':
    case 'YieldFrom':
      return true;
    case 'Lambda':
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return false;
    case 'BoolOp':
      return e.values.some(exprHasYield);
    case 'NamedExpr':
      return exprHasYield(e.value);
    case 'BinOp':
      return exprHasYield(e.left) || exprHasYield(e.right);
    case 'UnaryOp':
      return exprHasYield(e.operand);
    case 'IfExp':
      return exprHasYield(e.test) || exprHasYield(e.body) || exprHasYield(e.orelse);
    case 'Dict':
      return e.keys.some((k) => exprHasYield(k)) || e.values.some(exprHasYield);
    case 'Set':
    case 'List':
    case 'Tuple':
      return e.elts.some(exprHasYield);
    case 'Await':
    case 'Starred':
    case 'Attribute':
      return exprHasYield(e.value);
    case 'FormattedValue':
      return exprHasYield(e.value) || exprHasYield(e.formatSpec);
    case 'Compare':
      return exprHasYield(e.left) || e.comparators.some(exprHasYield);
    case 'Call':
      return exprHasYield(e.func) || e.args.some(exprHasYield) || e.keywords.some((k) => exprHasYield(k.value));
    case 'JoinedStr':
      return e.values.some(exprHasYield);
    case 'Subscript':
      return exprHasYield(e.value) || exprHasYield(e.slice);
    case 'Slice':
      return exprHasYield(e.lower) || exprHasYield(e.upper) || exprHasYield(e.step);
    default:
      return false;
  }
}

function blockHasYield(body: A.Stmt[]): boolean {
  return body.some(hasYield);
}

/** Whether a statement (not counting nested functions/classes) contains a yield. */
export function hasYield(s: A.Stmt): boolean {
  const hit = stmtYields.get(s);
  if (hit !== undefined) return hit;
  let r: boolean;
  switch (s.type) {
    case 'Expr':
      r = exprHasYield(s.value);
      break;
    case 'Assign':
      r = exprHasYield(s.value) || s.targets.some(exprHasYield);
      break;
    case 'AugAssign':
    case 'AnnAssign':
      r = exprHasYield(s.value);
      break;
    case 'Return':
      r = exprHasYield(s.value);
      break;
    case 'If':
    case 'While':
      r = exprHasYield(s.test) || blockHasYield(s.body) || blockHasYield(s.orelse);
      break;
    case 'For':
      r = exprHasYield(s.iter) || blockHasYield(s.body) || blockHasYield(s.orelse);
      break;
    case 'Try':
      r = blockHasYield(s.body) || s.handlers.some((h) => blockHasYield(h.body)) || blockHasYield(s.orelse) || blockHasYield(s.finalbody);
      break;
    case 'With':
      r = s.items.some((i) => exprHasYield(i.contextExpr)) || blockHasYield(s.body);
      break;
    case 'Raise':
      r = exprHasYield(s.exc) || exprHasYield(s.cause);
      break;
    case 'Assert':
      r = exprHasYield(s.test) || exprHasYield(s.msg);
      break;
    case 'Delete':
      r = s.targets.some(exprHasYield);
      break;
    default:
      r = false;
  }
  stmtYields.set(s, r);
  return r;
}

const isYieldExpr = (e: A.Expr | null | undefined): e is A.Yield | A.YieldFrom => !!e && (e.type === 'Yield' || e.type === 'YieldFrom');

/** The yield appears only where the lazy executor handles it. */
function stmtSupported(s: A.Stmt): boolean {
  if (!hasYield(s)) return true;
  switch (s.type) {
    case 'Expr':
      return isYieldExpr(s.value) && !exprHasYield(s.value.value);
    case 'Assign':
      return isYieldExpr(s.value) && !exprHasYield(s.value.value) && !s.targets.some(exprHasYield);
    case 'AnnAssign':
      return isYieldExpr(s.value) && !exprHasYield(s.value.value);
    case 'If':
    case 'While':
      return !exprHasYield(s.test) && s.body.every(stmtSupported) && s.orelse.every(stmtSupported);
    case 'For':
      return !exprHasYield(s.iter) && s.body.every(stmtSupported) && s.orelse.every(stmtSupported);
    case 'Try':
      return s.body.every(stmtSupported) && s.handlers.every((h) => h.body.every(stmtSupported)) && s.orelse.every(stmtSupported) && s.finalbody.every(stmtSupported);
    case 'With':
      return !s.items.some((i) => exprHasYield(i.contextExpr)) && s.body.every(stmtSupported);
    default:
      return false;
  }
}

const lazyOk = new WeakMap<A.FunctionDef | A.Lambda, boolean>();
export function supportsLazyGenerator(node: A.FunctionDef | A.Lambda): boolean {
  if (node.type === 'Lambda') return false;
  let ok = lazyOk.get(node);
  if (ok === undefined) {
    ok = node.body.every(stmtSupported);
    lazyOk.set(node, ok);
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// The generator object
// ---------------------------------------------------------------------------------------------

export const generatorClass = new PyClass('generator');

export class PyGenerator extends PyObject {
  private finished = false;
  private running = false;
  /** The value of the generator's `return` statement (StopIteration.value). */
  returnValue: PyValue = None;

  constructor(
    readonly interp: Interpreter,
    readonly frame: Frame,
    readonly body: Gen,
    readonly qualname: string,
  ) {
    super();
  }

  get pyClass(): PyClass {
    return generatorClass;
  }

  resume(kind: 'next' | 'throw', arg: PyValue | PyException): IteratorResult<PyValue> {
    if (this.finished) {
      if (kind === 'throw') throw arg as PyException;
      return { done: true, value: None };
    }
    if (this.running) throw pyError(ValueError, 'generator already executing');
    const interp = this.interp;
    if (++interp.depth > interp.recursionLimit) {
      interp.depth--;
      throw interp.recursionError();
    }
    const saved = interp.currentFrame;
    interp.currentFrame = this.frame;
    this.running = true;
    try {
      const r = kind === 'next' ? this.body.next(arg as PyValue) : this.body.throw(arg);
      if (r.done) {
        this.finished = true;
        this.returnValue = r.value === RETURN ? this.frame.retval : None;
        return { done: true, value: None };
      }
      return r;
    } catch (e) {
      this.finished = true;
      throw interp.addTraceback(e, this.frame);
    } finally {
      this.running = false;
      interp.depth--;
      interp.currentFrame = saved;
    }
  }

  close(): void {
    if (this.finished) return;
    try {
      const r = this.resume('throw', pyError(GeneratorExitClass));
      if (!r.done) throw pyError(RuntimeError, 'generator ignored GeneratorExit');
    } catch (e) {
      if (e instanceof PyException && (e.matches(GeneratorExitClass) || e.matches(StopIterationClass))) return;
      throw e;
    }
  }

  override nativeIter(): Iterator<PyValue> {
    return { next: () => this.resume('next', None) };
  }

  override nativeRepr(): string {
    return `<generator object ${this.qualname} at 0x${addressOf(this)}>`;
  }
}

function stopIteration(value: PyValue): PyException {
  return value === None ? pyError(StopIterationClass) : new PyException(newException(StopIterationClass, value));
}

function self(a: PyValue[]): PyGenerator {
  const g = a[0];
  if (!(g instanceof PyGenerator)) throw pyError(TypeError, `descriptor requires a 'generator' object but received '${typeName(g ?? None)}'`);
  return g;
}

method(generatorClass, '__iter__', (a) => a[0]!);
method(generatorClass, '__next__', (a) => {
  const g = self(a);
  const r = g.resume('next', None);
  if (r.done) throw stopIteration(g.returnValue);
  return r.value;
});
method(generatorClass, 'send', (a) => {
  const g = self(a);
  const r = g.resume('next', a[1] ?? None);
  if (r.done) throw stopIteration(g.returnValue);
  return r.value;
});
method(generatorClass, 'throw', (a) => {
  const g = self(a);
  let exc = a[1] ?? None;
  if (exc instanceof PyClass) exc = call(exc, a[2] !== undefined && a[2] !== None ? [a[2]] : []);
  if (!(exc instanceof PyInstance) || !exc.cls.isSubclassOf(baseExceptionClass)) {
    throw pyError(TypeError, 'exceptions must be classes or instances deriving from BaseException, not ' + typeName(exc));
  }
  const r = g.resume('throw', new PyException(exc));
  if (r.done) throw stopIteration(g.returnValue);
  return r.value;
});
method(generatorClass, 'close', (a) => {
  self(a).close();
  return None;
});

export function makeGenerator(interp: Interpreter, fn: PyFunction, frame: Frame): PyGenerator {
  const node = fn.code.node as A.FunctionDef;
  return new PyGenerator(interp, frame, genBlock(interp, node.body, frame), fn.qualname);
}

// ---------------------------------------------------------------------------------------------
// Executing statements with yields
// ---------------------------------------------------------------------------------------------

function* genBlock(interp: Interpreter, body: A.Stmt[], f: Frame): Gen {
  for (const s of body) {
    const r = hasYield(s) ? yield* genStmt(interp, s, f) : interp.execStmt(s, f);
    if (r !== NORMAL) return r;
  }
  return NORMAL;
}

function* genYield(interp: Interpreter, e: A.Yield | A.YieldFrom, f: Frame): Generator<PyValue, PyValue, PyValue> {
  if (e.type === 'Yield') {
    const v = e.value ? interp.ev(e.value, f) : None;
    f.pos = e;
    const sent = yield v;
    return sent === undefined ? None : sent;
  }
  const src = interp.ev(e.value, f);
  f.pos = e;
  if (src instanceof PyGenerator) {
    // delegate, forwarding sent values
    let r = src.resume('next', None);
    while (!r.done) {
      const sent = yield r.value;
      f.pos = e;
      r = src.resume('next', sent === undefined ? None : sent);
    }
    return src.returnValue;
  }
  const it = iterate(src);
  for (;;) {
    f.pos = e;
    const r = it.next();
    if (r.done) return None;
    yield r.value;
  }
}

function* genStmt(interp: Interpreter, s: A.Stmt, f: Frame): Gen {
  interp.step();
  f.pos = s;
  switch (s.type) {
    case 'Expr':
      yield* genYield(interp, s.value as A.Yield | A.YieldFrom, f);
      return NORMAL;
    case 'Assign': {
      const v = yield* genYield(interp, s.value as A.Yield | A.YieldFrom, f);
      for (const t of s.targets) interp.assign(t, v, f);
      return NORMAL;
    }
    case 'AnnAssign': {
      const v = yield* genYield(interp, s.value as A.Yield | A.YieldFrom, f);
      interp.assign(s.target, v, f);
      return NORMAL;
    }
    case 'If':
      if (truthy(interp.ev(s.test, f))) return yield* genBlock(interp, s.body, f);
      return yield* genBlock(interp, s.orelse, f);
    case 'While': {
      for (;;) {
        interp.step();
        f.pos = s;
        if (!truthy(interp.ev(s.test, f))) break;
        const c = yield* genBlock(interp, s.body, f);
        if (c === BREAK) return NORMAL;
        if (c === RETURN) return RETURN;
      }
      return yield* genBlock(interp, s.orelse, f);
    }
    case 'For': {
      const iterable = interp.ev(s.iter, f);
      f.pos = s;
      const it = iterate(iterable);
      for (;;) {
        f.pos = s;
        const r = it.next();
        if (r.done) break;
        interp.assign(s.target, r.value, f);
        const c = yield* genBlock(interp, s.body, f);
        if (c === BREAK) return NORMAL;
        if (c === RETURN) return RETURN;
      }
      return yield* genBlock(interp, s.orelse, f);
    }
    case 'Try':
      return yield* genTry(interp, s, f);
    case 'With':
      return yield* genWith(interp, s, f, 0);
    default:
      return interp.execStmt(s, f);
  }
}

function* genTry(interp: Interpreter, s: A.Try, f: Frame): Gen {
  if (s.finalbody.length === 0) return yield* genTryExcept(interp, s, f);
  let r = NORMAL;
  let failed = false;
  let pending: unknown;
  try {
    r = yield* genTryExcept(interp, s, f);
  } catch (e) {
    failed = true;
    pending = interp.addTraceback(e, f);
    const cur = interp.handling[interp.handling.length - 1];
    if (cur && pending instanceof PyException) interp.chain(pending, cur);
  }
  const handled = failed && pending instanceof PyException ? pending : null;
  if (handled) interp.handling.push(handled);
  let fr: number;
  try {
    fr = yield* genBlock(interp, s.finalbody, f);
  } catch (e2) {
    if (handled && e2 instanceof PyException) interp.chain(e2, handled);
    throw e2;
  } finally {
    if (handled) interp.handling.pop();
  }
  if (fr !== NORMAL) return fr;
  if (failed) throw pending;
  return r;
}

function* genTryExcept(interp: Interpreter, s: A.Try, f: Frame): Gen {
  let r: number;
  try {
    r = yield* genBlock(interp, s.body, f);
  } catch (e0) {
    const e = interp.addTraceback(e0, f);
    if (!(e instanceof PyException) || s.handlers.length === 0) throw e;
    const cur = interp.handling[interp.handling.length - 1];
    if (cur) interp.chain(e, cur);
    for (const h of s.handlers) {
      if (h.excType) {
        const t = interp.ev(h.excType, f);
        f.pos = h.excType;
        if (!interp.exceptionMatches(e, t)) continue;
      }
      const inst = e.value;
      inst.dict.set('__cause__', e.cause ? e.cause.value : None);
      inst.dict.set('__context__', e.context ? e.context.value : None);
      inst.dict.set('__suppress_context__', e.suppressContext);
      if (h.name) interp.storeName(h.name, f.scope.resolve(h.name), inst, f);
      interp.handling.push(e);
      try {
        return yield* genBlock(interp, h.body, f);
      } catch (e2) {
        if (e2 instanceof PyException) interp.chain(e2, e);
        throw e2;
      } finally {
        interp.handling.pop();
        if (h.name) interp.deleteName(h.name, f.scope.resolve(h.name), f, true);
      }
    }
    throw e;
  }
  if (r === NORMAL && s.orelse.length) return yield* genBlock(interp, s.orelse, f);
  return r;
}

function* genWith(interp: Interpreter, s: A.With, f: Frame, i: number): Gen {
  if (i >= s.items.length) return yield* genBlock(interp, s.body, f);
  const item = s.items[i]!;
  const mgr = interp.ev(item.contextExpr, f);
  f.pos = s;
  let exit: (e: PyException | null) => boolean;
  let value: PyValue;
  if (mgr instanceof PyObject && mgr.nativeEnter && mgr.nativeExit) {
    value = mgr.nativeEnter();
    exit = (e) => mgr.nativeExit!(e);
  } else {
    const cls = typeOf(mgr);
    const enter = cls.lookup('__enter__');
    const ex = cls.lookup('__exit__');
    if (enter === undefined || ex === undefined) throw pyError(TypeError, `'${cls.name}' object does not support the context manager protocol`);
    value = interp.callValue(enter, [mgr]);
    exit = (e) => truthy(interp.callValue(ex, e ? [mgr, e.value.cls, e.value, None] : [mgr, None, None, None]));
  }
  if (item.optionalVars) interp.assign(item.optionalVars, value, f);
  let r: number;
  try {
    r = yield* genWith(interp, s, f, i + 1);
  } catch (e0) {
    const e = interp.addTraceback(e0, f);
    if (!(e instanceof PyException)) throw e;
    f.pos = s;
    if (exit(e)) return NORMAL;
    throw e;
  }
  f.pos = s;
  exit(null);
  return r;
}

// ---------------------------------------------------------------------------------------------
// contextlib.contextmanager
// ---------------------------------------------------------------------------------------------

export const generatorContextManagerClass = new PyClass('_GeneratorContextManager', { module: 'contextlib' });

class GeneratorContextManager extends PyObject {
  constructor(
    readonly gen: PyGenerator,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return generatorContextManagerClass;
  }
  override nativeEnter(): PyValue {
    const r = this.gen.resume('next', None);
    if (r.done) throw pyError(RuntimeError, "generator didn't yield");
    return r.value;
  }
  override nativeExit(exc: PyException | null): boolean {
    if (exc === null) {
      const r = this.gen.resume('next', None);
      if (!r.done) throw pyError(RuntimeError, "generator didn't stop");
      return false;
    }
    try {
      const r = this.gen.resume('throw', exc);
      if (!r.done) throw pyError(RuntimeError, "generator didn't stop after throw()");
      return true;
    } catch (e) {
      if (e === exc) return false;
      if (e instanceof PyException && e.matches(StopIterationClass)) return true;
      throw e;
    }
  }
}

/** contextlib.contextmanager */
export function contextmanager(interp: Interpreter, func: PyValue): PyValue {
  return new NativeFunction(
    'helper',
    (args: PyValue[], kwargs: Kwargs) => {
      const gen = interp.callValue(func, args, kwargs);
      if (!(gen instanceof PyGenerator)) {
        throw pyError(RuntimeError, 'contextmanager needs a generator function whose yield is a statement (this sandbox runs other generators eagerly)');
      }
      return new GeneratorContextManager(gen);
    },
    { module: 'contextlib' },
  );
}
