/**
 * The database seen by the engine: a synchronous connection to PostgreSQL (PGlite).
 * Implemented by `connection.ts` (PGliteConnection).
 */
import type { PyValue } from '../python/objects.ts';

/** Result of one statement. Values are in PostgreSQL's text output format (as psql shows them). */
export interface QueryResult {
  /** The command tag, e.g. `SELECT 3`, `INSERT 0 1`, `CREATE TABLE`. */
  commandTag: string;
  /** The first word(s) of the tag without counts: `SELECT`, `INSERT`, `CREATE TABLE`. */
  command: string;
  /** Rows affected/returned when the tag carries a count, else null. */
  rowCount: number | null;
  /**
   * The RowDescription: column name, type oid, and (when the connection reports them) the type's
   * size (pg_type.typlen, -1 for varlena) and modifier (atttypmod, -1 for none), which psycopg2's
   * cursor.description derives internal_size/precision/scale from.
   */
  fields: { name: string; typeOid: number; typeSize?: number; typeModifier?: number }[];
  rows: (string | null)[][];
}

/**
 * A statement parameter: a Python value, adapted to SQL the way psycopg2 does
 * (None→NULL, True→true, 'x'→'x', Decimal/datetime/UUID via their nativeSqlLiteral hook,
 * lists→ARRAY[...], tuples→(a, b)).
 */
export type SqlParam = PyValue;

/** An error reported by PostgreSQL (the fields of its ErrorResponse). */
export class DatabaseError extends Error {
  severity = 'ERROR';
  /** SQLSTATE, e.g. 23505 */
  code = '';
  detail?: string;
  hint?: string;
  /** 1-based character position in `sql`, as a string like PostgreSQL sends it */
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  /** The SQL that failed (after parameter interpolation). */
  sql = '';
  /**
   * Set when the error ended a connection attempt (a FATAL while starting the session, e.g. a bad
   * `-c` in OPTIONS): libpq's `connection to server at … failed: ` prefix of the message, which
   * psycopg2 raises as a plain `psycopg2.OperationalError`.
   */
  connectionFailure?: string;
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export interface Connection {
  /**
   * Runs SQL synchronously. With params, `%s` placeholders are replaced client-side by quoted
   * literals (psycopg2's behaviour, `%%` is a literal percent); without params the text is sent
   * as is and may hold several statements (the result of the last one is returned).
   * Throws DatabaseError.
   */
  execute(sql: string, params?: readonly SqlParam[]): QueryResult;
  /** The SQL text psycopg2 would send for sql+params (used by sqlmigrate and error messages). */
  mogrify(sql: string, params?: readonly SqlParam[]): string;
  /** A value as a SQL literal (psycopg2 adaptation). */
  quoteValue(value: SqlParam): string;
  /** True between BEGIN and COMMIT/ROLLBACK issued through this connection. */
  readonly inTransaction: boolean;
  /**
   * Runs fn inside a transaction (a savepoint when one is already open). Commits on return,
   * rolls back and rethrows on exception.
   */
  atomic<T>(fn: () => T): T;
  /**
   * Starts a new session, as a fresh psycopg2 connection would get: rolls back anything open,
   * resets session state (DISCARD ALL) and applies libpq `options` such as
   * `-c search_path=schema_second` from DATABASES['default']['OPTIONS']['options'].
   */
  newSession(libpqOptions?: string): void;
  /** Persists the data directory (IndexedDB / disk) after a command. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
