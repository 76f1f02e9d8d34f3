/**
 * django.db.transaction: `atomic` (context manager and decorator; BEGIN/COMMIT outermost,
 * SAVEPOINT/RELEASE nested, ROLLBACK [TO SAVEPOINT] on an exception), `on_commit`, savepoints,
 * `set_rollback`, and TransactionManagementError for queries in a broken transaction.
 *
 * Outside `atomic` the shell runs in autocommit, like Django. Inside a migration the executor's
 * transaction is already open, so `atomic` makes savepoints there.
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyException,
  PyModule,
  PyObject,
  type PyValue,
  TypeError,
  call,
  objectClass,
  pyError,
  str,
  truthy,
} from '../python/objects.ts';
import { DatabaseErrorClass } from '../django/exceptions.ts';
import { TransactionManagementError, currentConnection, execute } from './runtime.ts';

const MODULE = 'django.db.transaction';

export { TransactionManagementError };

interface Level {
  savepoint: string | null;
  /** The outermost atomic block that opened the transaction. */
  outer: boolean;
  rollback: boolean;
}

const levels: Level[] = [];
let savepointCounter = 0;
let onCommitCallbacks: PyValue[] = [];

function inTransaction(): boolean {
  return currentConnection().inTransaction;
}

function send(sql: string): void {
  execute(sql, []);
}

/** Enters an atomic block; returns the level to pass to exitAtomic. */
export function enterAtomic(savepoint: boolean): Level {
  let level: Level;
  if (!inTransaction()) {
    send('BEGIN');
    level = { savepoint: null, outer: true, rollback: false };
  } else if (savepoint) {
    const sid = `s2_x${++savepointCounter}`;
    send(`SAVEPOINT "${sid}"`);
    level = { savepoint: sid, outer: false, rollback: false };
  } else {
    level = { savepoint: null, outer: false, rollback: false };
  }
  levels.push(level);
  return level;
}

/** Leaves an atomic block: commits/releases, or rolls back when `failed` (or set_rollback). */
export function exitAtomic(level: Level, failed: boolean): void {
  const i = levels.lastIndexOf(level);
  if (i >= 0) levels.splice(i, 1);
  const db = currentConnection();
  const rollback = failed || level.rollback;
  if (level.outer) {
    if (rollback) {
      onCommitCallbacks = [];
      if (db.inTransaction) send('ROLLBACK');
    } else if (db.inTransaction) {
      if ((db as { txStatus?: string }).txStatus === 'E') {
        send('ROLLBACK');
        onCommitCallbacks = [];
        throw pyError(TransactionManagementError, "An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.");
      }
      send('COMMIT');
      const callbacks = onCommitCallbacks;
      onCommitCallbacks = [];
      for (const cb of callbacks) call(cb);
    }
    return;
  }
  if (level.savepoint) {
    if (rollback) {
      if (db.inTransaction) send(`ROLLBACK TO SAVEPOINT "${level.savepoint}"`);
      send(`RELEASE SAVEPOINT "${level.savepoint}"`);
    } else if (db.inTransaction && (db as { txStatus?: string }).txStatus !== 'E') {
      send(`RELEASE SAVEPOINT "${level.savepoint}"`);
    }
    return;
  }
  // atomic(savepoint=False) inside a transaction: an error dooms the enclosing block
  if (rollback) {
    const parent = levels[levels.length - 1];
    if (parent) parent.rollback = true;
  }
}

/** Runs fn in an atomic block (TypeScript callers: create(), get_or_create(), the collector…). */
export function atomic<T>(fn: () => T, savepoint = true): T {
  const level = enterAtomic(savepoint);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    try {
      exitAtomic(level, true);
    } catch {
      /* the original error wins */
    }
    throw e;
  }
  exitAtomic(level, false);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Python objects
// ---------------------------------------------------------------------------------------------

/** `transaction.atomic(...)`: a context manager that can also decorate a function. */
class AtomicObject extends PyObject {
  private stack: Level[] = [];
  constructor(readonly savepoint: boolean) {
    super();
  }
  get pyClass(): PyClass {
    return AtomicClass;
  }
  override nativeEnter(): PyValue {
    this.stack.push(enterAtomic(this.savepoint));
    return None;
  }
  override nativeExit(exc: PyException | null): boolean {
    this.exitWith(exc !== null);
    return false;
  }
  exitWith(failed: boolean): void {
    const level = this.stack.pop();
    if (level) exitAtomic(level, failed);
  }
  override nativeCall(args: PyValue[]): PyValue {
    const func = args[0];
    if (func === undefined) throw pyError(TypeError, "Atomic.__call__() missing 1 required positional argument: 'func'");
    return decorate(func, this.savepoint);
  }
}
const AtomicClass = new PyClass('Atomic', { module: MODULE, bases: [objectClass] });
AtomicClass.defineMethod('__enter__', ([self]) => (self as AtomicObject).nativeEnter());
AtomicClass.defineMethod('__exit__', ([self, type]) => {
  (self as AtomicObject).exitWith(type !== undefined && type !== None);
  return false;
});

function decorate(func: PyValue, savepoint: boolean): PyValue {
  const name = func instanceof PyObject ? str(callOr(func, '__name__', 'inner')) : 'inner';
  const wrapper = new NativeFunction(name, (args, kwargs) => atomic(() => call(func, args, kwargs), savepoint), { module: MODULE, qualname: name });
  return wrapper;
}

function callOr(obj: PyObject, name: string, def: string): PyValue {
  const v = obj.nativeGetAttr?.(name);
  return v === undefined ? def : v;
}

function atomicFactory(args: PyValue[], kwargs: Kwargs): PyValue {
  const first = args[0];
  const savepoint = truthy(kwargs.get('savepoint') ?? true);
  // @transaction.atomic (no parentheses): the function itself
  if (first !== undefined && typeof first !== 'string' && first !== None && first instanceof PyObject && (first.nativeCall || first.pyClass.lookup('__call__'))) {
    return decorate(first, true);
  }
  return new AtomicObject(savepoint);
}

/** The `django.db.transaction` module. */
export function transactionModule(): PyModule {
  const m = new PyModule(MODULE);
  const fn = (name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue) =>
    m.dict.set(name, new NativeFunction(name, impl, { module: MODULE, qualname: name }));
  fn('atomic', atomicFactory);
  fn('on_commit', (args, kwargs) => {
    const func = args[0] ?? kwargs.get('func');
    if (func === undefined) throw pyError(TypeError, "on_commit() missing 1 required positional argument: 'func'");
    if (inTransaction() && levels.length) onCommitCallbacks.push(func);
    else call(func);
    return None;
  });
  fn('get_autocommit', () => !inTransaction());
  fn('set_autocommit', () => None);
  fn('savepoint', () => {
    const sid = `s2_x${++savepointCounter}`;
    if (inTransaction()) send(`SAVEPOINT "${sid}"`);
    return sid;
  });
  fn('savepoint_commit', (args) => {
    if (inTransaction()) send(`RELEASE SAVEPOINT "${str(args[0]!)}"`);
    return None;
  });
  fn('savepoint_rollback', (args) => {
    if (inTransaction()) send(`ROLLBACK TO SAVEPOINT "${str(args[0]!)}"`);
    return None;
  });
  fn('set_rollback', (args) => {
    const level = levels[levels.length - 1];
    if (!level) throw pyError(TransactionManagementError, "The rollback flag doesn't work outside of an 'atomic' block.");
    level.rollback = truthy(args[0] ?? true);
    return None;
  });
  fn('get_rollback', () => levels[levels.length - 1]?.rollback ?? false);
  fn('mark_for_rollback_on_error', () => new AtomicObject(false));
  fn('non_atomic_requests', (args) => args[0] ?? None);
  fn('get_connection', () => None);
  m.dict.set('TransactionManagementError', TransactionManagementError);
  m.dict.set('DatabaseError', DatabaseErrorClass);
  m.dict.set('Atomic', AtomicClass);
  return m;
}

/** Resets the transaction bookkeeping (a new command). */
export function resetTransactions(): void {
  levels.length = 0;
  onCommitCallbacks = [];
}
