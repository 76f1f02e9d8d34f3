/**
 * The ORM's door to the database: which connection queries go to (the command's, or the schema
 * editor's inside a migration), the settings that change how values are read and written
 * (USE_TZ), and one `execute` that turns PostgreSQL errors into the Python exceptions Django
 * raises (`django.db.utils.IntegrityError` chained from psycopg2's `UniqueViolation` …).
 *
 * Everything is synchronous, like the interpreter calling it.
 */
import { ClientProgrammingError, DatabaseError, type PgResult } from '../db/connection.ts';
import type { Connection, QueryResult, SqlParam } from '../db/types.ts';
import { toDjangoDbError } from '../db/python-errors.ts';
import { PyException, RuntimeError, newException, pyError } from '../python/objects.ts';
import { ProgrammingError } from '../django/exceptions.ts';
import { PyClass } from '../python/objects.ts';
import type { Interpreter } from '../python/interpreter.ts';

export interface OrmSettings {
  useTz: boolean;
  /** settings.DEBUG: the connection then logs its queries (`connection.queries`). */
  debug: boolean;
}

/** One entry of `connection.queries`: the SQL as sent (parameters interpolated) and its duration. */
export interface LoggedQuery {
  sql: string;
  time: string;
}

/** Django's queries_log is a deque of this length. */
const QUERIES_LOG_SIZE = 9000;

interface RuntimeState {
  db: Connection | null;
  settings: () => OrmSettings;
  interp: Interpreter | null;
  /** Statements sent through the ORM (for tests and `connection.queries`-like inspection). */
  log: string[] | null;
  /** The command connection's `connection.queries` (kept while settings.DEBUG is on). */
  queries: LoggedQuery[];
}

/** Interpreter steps one query costs (the step budget bounds loops of queries too). */
const QUERY_STEPS = 200;

/** Developers: DML_SQL=1 prints every statement the ORM sends on stderr. */
const DEBUG_SQL = typeof process !== 'undefined' && !!process.env?.['DML_SQL'];

const state: RuntimeState = {
  db: null,
  settings: () => ({ useTz: true, debug: false }),
  interp: null,
  log: null,
  queries: [],
};

/** Installs the project's settings getter and interpreter (done when the django modules are registered). */
export function installOrmProject(settings: () => OrmSettings, interp: Interpreter | null): void {
  state.settings = settings;
  state.interp = interp;
}

export function ormSettings(): OrmSettings {
  return state.settings();
}

export function ormInterpreter(): Interpreter | null {
  return state.interp;
}

/** Where Python warnings go (the command's stderr; the interpreter's stderr otherwise). */
let warningSink: ((text: string) => void) | null = null;
const warned = new WeakMap<object, Set<string>>();

export function setWarningSink(sink: ((text: string) => void) | null): void {
  warningSink = sink;
}

/**
 * `warnings.warn(message, category)` from a line of Django's source, shown the way Python's
 * default filter does: once per message and location, `<file>:<line>: Category: message` and
 * the source line.
 */
export function emitWarning(file: string, line: number, category: string, message: string, sourceLine = 'warnings.warn('): void {
  const interp = state.interp;
  const key = `${file}:${line}:${category}:${message}`;
  const seen = warned.get(interp ?? warned) ?? new Set<string>();
  warned.set(interp ?? warned, seen);
  if (seen.has(key)) return;
  seen.add(key);
  const text = `${djangoRoot()}/${file}:${line}: ${category}: ${message}\n  ${sourceLine}\n`;
  if (warningSink) warningSink(text);
  else interp?.stderr(text);
}

/** Where Django's sources are shown: `$DJANGO` in parity scenarios (like the oracle's recordings). */
export function djangoRoot(): string {
  const settings = state.interp?.modules.get('settings') ?? [...(state.interp?.modules.values() ?? [])].find((m) => m.file);
  const file = settings?.file ?? '';
  return file.startsWith('$PROJECT/') ? '$DJANGO' : '/usr/lib/python3/dist-packages/django';
}

/** Runs fn with `db` as the ORM's connection (restored afterwards). */
export function withConnection<T>(db: Connection, fn: () => T): T {
  const saved = state.db;
  state.db = db;
  try {
    return fn();
  } finally {
    state.db = saved;
  }
}

/** Sets the connection for the rest of a command (the shell). */
export function setConnection(db: Connection | null): void {
  state.db = db;
  // a new connection starts with an empty queries log
  if (db) state.queries = [];
}

/** `connection.queries`. */
export function loggedQueries(): readonly LoggedQuery[] {
  return state.queries;
}

/** `django.db.reset_queries()`. */
export function resetQueries(): void {
  state.queries = [];
}

export function currentConnection(): Connection {
  if (!state.db) {
    throw pyError(RuntimeError, 'The database is not available here: queries run in `manage.py shell` and in migrations.');
  }
  return state.db;
}

export function hasConnection(): boolean {
  return state.db !== null;
}

/** Starts recording the SQL sent through the ORM; returns the (live) log. */
export function recordQueries(on: boolean): string[] | null {
  state.log = on ? [] : null;
  return state.log;
}

/** Any error of the database layer as the Python exception Django raises. */
export function asPythonDbError(e: unknown): unknown {
  if (e instanceof DatabaseError) {
    const exc = toDjangoDbError(e);
    // psycopg2 raised its error while the learner's code may be handling another exception: its __context__
    const handled = state.interp?.currentException();
    if (handled && exc.cause) state.interp!.chain(exc.cause, handled);
    return exc;
  }
  if (e instanceof ClientProgrammingError) {
    const exc = new PyException(newException(ProgrammingError, e.message));
    return exc;
  }
  return e;
}

export const TransactionManagementError = new PyClass('TransactionManagementError', {
  module: 'django.db.transaction',
  bases: [ProgrammingError],
});

/** cursor.execute(sql, params) through Django's error wrapper. */
export function execute(sql: string, params: readonly SqlParam[] = []): QueryResult {
  const db = currentConnection();
  if ((db as { txStatus?: string }).txStatus === 'E' && !/^(ROLLBACK|RELEASE)/.test(sql)) {
    throw pyError(
      TransactionManagementError,
      "An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.",
    );
  }
  // a query counts as many interpreter steps: a loop of queries ends like any infinite loop
  const interp = state.interp;
  if (interp) {
    interp.steps += QUERY_STEPS - 1;
    interp.step();
  }
  const logged = state.settings().debug;
  const start = logged ? performance.now() : 0;
  try {
    if (state.log) state.log.push(db.mogrify(sql, params));
    if (DEBUG_SQL) console.error(`[sql] ${db.mogrify(sql, params)}`);
    return db.execute(sql, params) as PgResult;
  } catch (e) {
    throw asPythonDbError(e);
  } finally {
    // like Django's debug cursor: every statement, failed ones too, as psycopg2 sent it
    if (logged) {
      state.queries.push({ sql: db.mogrify(sql, params), time: ((performance.now() - start) / 1000).toFixed(3) });
      if (state.queries.length > QUERIES_LOG_SIZE) state.queries.shift();
    }
  }
}
