/**
 * The one door to PGlite: a synchronous PostgreSQL connection speaking the frontend/backend
 * protocol through PGlite's `execProtocolRawSync` (simple Query messages only; parameters are
 * interpolated client-side exactly like psycopg2 does, see adapt.ts).
 *
 * Browser-safe: no Node imports here (the Node factory is node-pglite.ts).
 */
import { DatabaseError, type Connection, type QueryResult, type SqlParam } from './types.ts';
import {
  ClientProgrammingError,
  mogrify as mogrifyParams,
  quoteValue as adaptValue,
  type QueryParams,
} from './adapt.ts';

export { ClientProgrammingError, quoteString, quoteBytes, type QueryParams } from './adapt.ts';
export { DatabaseError };

/** What the connection needs from a PGlite instance (PGlite itself satisfies it). */
export interface RawPGlite {
  execProtocolRawSync(message: Uint8Array): Uint8Array;
  syncToFs(): Promise<void>;
  close(): Promise<void>;
}

/** A notice (NoticeResponse) sent by the server while running a statement. */
export interface Notice {
  severity: string;
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

/** A statement's result as parsed from the backend messages. */
export interface PgResult extends QueryResult {
  /** Whether the statement returned a row description (psycopg2: `cursor.description is not None`). */
  hasRowDescription: boolean;
}

/** ReadyForQuery transaction status: idle, in a transaction block, in a failed transaction block. */
export type TransactionStatus = 'I' | 'T' | 'E';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function queryMessage(sql: string): Uint8Array {
  const body = encoder.encode(sql);
  const msg = new Uint8Array(body.length + 6);
  msg[0] = 0x51; // 'Q'
  new DataView(msg.buffer).setInt32(1, body.length + 5);
  msg.set(body, 5);
  msg[msg.length - 1] = 0;
  return msg;
}

/** CopyDone: ends a COPY FROM STDIN without data. */
const COPY_DONE = new Uint8Array([0x63, 0, 0, 0, 4]);

/**
 * `COPY … FROM STDIN` makes PGlite's single backend exit (the whole process with it), so it is
 * refused before sending, with the error psycopg2's `execute()` gives for it.
 */
const COPY_FROM_STDIN = /\bcopy\b[^;]*?\bfrom\s+stdin\b/i;

function decodeText(bytes: Uint8Array, start: number, end: number): string {
  // short ASCII values (the vast majority) without TextDecoder's call overhead
  if (end - start <= 32) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

function cstring(bytes: Uint8Array, pos: number): [string, number] {
  let end = pos;
  while (bytes[end] !== 0) end++;
  return [decodeText(bytes, pos, end), end + 1];
}

/** The fields of an ErrorResponse/NoticeResponse, keyed by their one-letter codes. */
function parseFields(bytes: Uint8Array, start: number, end: number): Map<string, string> {
  const fields = new Map<string, string>();
  let pos = start;
  while (pos < end && bytes[pos] !== 0) {
    const code = String.fromCharCode(bytes[pos]!);
    const [value, next] = cstring(bytes, pos + 1);
    fields.set(code, value);
    pos = next;
  }
  return fields;
}

function errorFromFields(f: Map<string, string>, sql: string): DatabaseError {
  const e = new DatabaseError(f.get('M') ?? '');
  e.severity = f.get('S') ?? f.get('V') ?? 'ERROR';
  e.code = f.get('C') ?? '';
  const opt = (k: string) => f.get(k);
  if (opt('D') !== undefined) e.detail = opt('D');
  if (opt('H') !== undefined) e.hint = opt('H');
  if (opt('P') !== undefined) e.position = opt('P');
  if (opt('p') !== undefined) e.internalPosition = opt('p');
  if (opt('q') !== undefined) e.internalQuery = opt('q');
  if (opt('W') !== undefined) e.where = opt('W');
  if (opt('s') !== undefined) e.schema = opt('s');
  if (opt('t') !== undefined) e.table = opt('t');
  if (opt('c') !== undefined) e.column = opt('c');
  if (opt('d') !== undefined) e.dataType = opt('d');
  if (opt('n') !== undefined) e.constraint = opt('n');
  e.sql = sql;
  return e;
}

function splitTag(tag: string): { command: string; rowCount: number | null } {
  const words = tag.split(' ');
  const last = words[words.length - 1]!;
  if (words.length > 1 && /^\d+$/.test(last)) {
    let i = words.length - 1;
    while (i > 0 && /^\d+$/.test(words[i - 1]!)) i--;
    return { command: words.slice(0, i).join(' '), rowCount: Number(last) };
  }
  return { command: tag, rowCount: null };
}

function newResult(): PgResult {
  return { commandTag: '', command: '', rowCount: null, fields: [], rows: [], hasRowDescription: false };
}

export interface PGliteConnectionOptions {
  /** Called with every NoticeResponse (e.g. `drop cascades to 2 other objects`). */
  onNotice?: (notice: Notice) => void;
}

export class PGliteConnection implements Connection {
  /** Transaction status of the last ReadyForQuery. */
  txStatus: TransactionStatus = 'I';
  /** ParameterStatus values reported by the server during this connection's lifetime. */
  readonly parameters = new Map<string, string>();
  /** Notices of the last `execute` call. */
  notices: Notice[] = [];
  /** Statements sent so far (for profiling). */
  statementCount = 0;
  private depth = 0;
  private savepointCounter = 0;
  private closed = false;

  constructor(
    readonly pg: RawPGlite,
    private readonly options: PGliteConnectionOptions = {},
  ) {}

  get inTransaction(): boolean {
    return this.txStatus !== 'I';
  }

  mogrify(sql: string, params?: readonly SqlParam[] | QueryParams): string {
    return mogrifyParams(sql, params as QueryParams | undefined);
  }

  quoteValue(value: SqlParam): string {
    return adaptValue(value);
  }

  /**
   * Sends `sql` (after interpolating params, if given) as one simple Query and returns the result
   * of its last statement. Multi-statement text stops at the first error, which is thrown as a
   * DatabaseError carrying every ErrorResponse field and the text sent.
   */
  execute(sql: string, params?: readonly SqlParam[] | QueryParams): PgResult {
    const text = params === undefined ? sql : mogrifyParams(sql, params as QueryParams);
    return this.simpleQuery(text);
  }

  /** Runs one Query message and parses the backend's answer. */
  simpleQuery(text: string): PgResult {
    if (this.closed) throw new Error('connection already closed');
    if (COPY_FROM_STDIN.test(text)) {
      throw new ClientProgrammingError("can't execute COPY FROM: use the copy_from() method instead");
    }
    this.notices = [];
    this.statementCount++;
    let bytes = this.pg.execProtocolRawSync(queryMessage(text));
    let result = newResult();
    let last: PgResult = result;
    let error: DatabaseError | undefined;
    let clientError: string | undefined;
    for (;;) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let pos = 0;
      let ready = false;
      let copyIn = false;
      while (pos < bytes.length) {
        const type = bytes[pos]!;
        const len = view.getInt32(pos + 1);
        const start = pos + 5;
        const end = pos + 1 + len;
        switch (type) {
          case 0x54: {
            // 'T' RowDescription
            result.hasRowDescription = true;
            const n = view.getInt16(start);
            let p = start + 2;
            const fields: QueryResult['fields'] = [];
            for (let i = 0; i < n; i++) {
              const [name, next] = cstring(bytes, p);
              p = next;
              // table oid (4), column number (2), type oid (4), type size (2), type modifier (4), format (2)
              const typeOid = view.getUint32(p + 6);
              const typeSize = view.getInt16(p + 10);
              const typeModifier = view.getInt32(p + 12);
              p += 18;
              fields.push({ name, typeOid, typeSize, typeModifier });
            }
            result.fields = fields;
            break;
          }
          case 0x44: {
            // 'D' DataRow
            const n = view.getInt16(start);
            let p = start + 2;
            const row: (string | null)[] = new Array(n);
            for (let i = 0; i < n; i++) {
              const l = view.getInt32(p);
              p += 4;
              if (l < 0) row[i] = null;
              else {
                row[i] = decodeText(bytes, p, p + l);
                p += l;
              }
            }
            result.rows.push(row);
            break;
          }
          case 0x43: {
            // 'C' CommandComplete
            const [tag] = cstring(bytes, start);
            const { command, rowCount } = splitTag(tag);
            result.commandTag = tag;
            result.command = command;
            result.rowCount = rowCount;
            last = result;
            result = newResult();
            break;
          }
          case 0x49: // 'I' EmptyQueryResponse
            last = result;
            result = newResult();
            break;
          case 0x45: // 'E' ErrorResponse
            error = errorFromFields(parseFields(bytes, start, end), text);
            break;
          case 0x4e: {
            // 'N' NoticeResponse
            const f = parseFields(bytes, start, end);
            const notice: Notice = {
              severity: f.get('S') ?? f.get('V') ?? 'NOTICE',
              code: f.get('C') ?? '',
              message: f.get('M') ?? '',
            };
            if (f.has('D')) notice.detail = f.get('D');
            if (f.has('H')) notice.hint = f.get('H');
            this.notices.push(notice);
            this.options.onNotice?.(notice);
            break;
          }
          case 0x53: {
            // 'S' ParameterStatus
            const [name, next] = cstring(bytes, start);
            const [value] = cstring(bytes, next);
            this.parameters.set(name, value);
            break;
          }
          case 0x5a: // 'Z' ReadyForQuery
            this.txStatus = String.fromCharCode(bytes[start]!) as TransactionStatus;
            ready = true;
            break;
          case 0x47: // 'G' CopyInResponse: psycopg2's execute() refuses COPY FROM STDIN
            copyIn = true;
            clientError ??= "can't execute COPY FROM: use the copy_from() method instead";
            break;
          case 0x48: // 'H' CopyOutResponse
            clientError ??= "can't execute COPY TO: use the copy_to() method instead";
            break;
          default:
            // CopyData/CopyDone, NotificationResponse, BackendKeyData…: nothing to keep
            break;
        }
        pos = end;
      }
      if (ready) break;
      if (copyIn) {
        bytes = this.pg.execProtocolRawSync(COPY_DONE);
        continue;
      }
      throw new Error('PGlite answered without ReadyForQuery');
    }
    if (clientError) throw new ClientProgrammingError(clientError);
    if (error) throw error;
    return last;
  }

  atomic<T>(fn: () => T): T {
    const outer = this.depth === 0 && this.txStatus === 'I';
    const savepoint = outer ? '' : `s1_x${++this.savepointCounter}`;
    this.simpleQuery(outer ? 'BEGIN' : `SAVEPOINT "${savepoint}"`);
    this.depth++;
    let value: T;
    try {
      value = fn();
      if (value instanceof Promise) {
        // a transaction cannot stay open across an await: refuse instead of committing early
        value.catch(() => undefined);
        throw new Error('atomic(fn): fn must be synchronous');
      }
    } catch (e) {
      this.depth--;
      try {
        if (outer) {
          if (this.txStatus !== 'I') this.simpleQuery('ROLLBACK');
        } else if (this.txStatus !== 'I') {
          this.simpleQuery(`ROLLBACK TO SAVEPOINT "${savepoint}"; RELEASE SAVEPOINT "${savepoint}"`);
        }
      } catch {
        // the original error matters more than a failed rollback
      }
      throw e;
    }
    this.depth--;
    if (outer) this.simpleQuery('COMMIT');
    else this.simpleQuery(`RELEASE SAVEPOINT "${savepoint}"`);
    return value;
  }

  newSession(libpqOptions?: string): void {
    this.depth = 0;
    this.savepointCounter = 0;
    if (this.txStatus !== 'I') this.simpleQuery('ROLLBACK');
    this.simpleQuery('DISCARD ALL');
    if (!libpqOptions) return;
    const { settings, problems } = startupSettings(libpqOptions);
    if (problems.length) throw fatal('42601', problems[0]!);
    for (const [name, value] of settings) {
      try {
        this.simpleQuery(
          `SELECT pg_catalog.set_config(${adaptValue(name)}, ${adaptValue(value)}, false)`,
        );
      } catch (e) {
        // a connection that failed to start has no session: leave nothing of it behind
        this.simpleQuery('DISCARD ALL');
        if (e instanceof DatabaseError) {
          const f = fatal(e.code || '42704', e.message);
          if (e.detail !== undefined) f.detail = e.detail;
          if (e.hint !== undefined) f.hint = e.hint;
          throw f;
        }
        throw e;
      }
    }
  }

  async flush(): Promise<void> {
    if (!this.closed) await this.pg.syncToFs();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pg.close();
  }
}

/**
 * What libpq puts before a startup error: the sandbox's database stands for a server at the
 * settings' usual `localhost`, port 5432 (resolved to the IPv6 loopback first, as on Debian).
 */
const CONNECTION_FAILED = 'connection to server at "localhost" (::1), port 5432 failed: ';

function fatal(code: string, message: string): DatabaseError {
  const e = new DatabaseError(message);
  e.severity = 'FATAL';
  e.code = code;
  e.connectionFailure = CONNECTION_FAILED;
  return e;
}

// ---------------------------------------------------------------------------------------------
// libpq `options`
// ---------------------------------------------------------------------------------------------

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f';

/** PostgreSQL's pg_split_opts: split on whitespace; a backslash keeps the next character. */
export function splitLibpqOptions(s: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (isSpace(ch)) {
      if (cur !== null) {
        out.push(cur);
        cur = null;
      }
      continue;
    }
    if (ch === '\\' && i + 1 < s.length) {
      cur = (cur ?? '') + s[++i];
      continue;
    }
    cur = (cur ?? '') + ch;
  }
  if (cur !== null) out.push(cur);
  return out;
}

/** The GUC assignments of an `options` string (`-c name=value`, `-cname=value`, `--name=value`). */
export function startupSettings(options: string): { settings: [string, string][]; problems: string[] } {
  const settings: [string, string][] = [];
  const problems: string[] = [];
  const words = splitLibpqOptions(options);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let assignment: string;
    if (w === '-c' && i + 1 < words.length) assignment = words[++i]!;
    else if (w.startsWith('-c')) assignment = w.slice(2);
    else if (w.startsWith('--')) assignment = w.slice(2);
    else {
      problems.push(`invalid command-line argument for server process: ${w}`);
      continue;
    }
    const eq = assignment.indexOf('=');
    if (eq < 0) {
      problems.push(`-c ${assignment} requires a value`);
      continue;
    }
    settings.push([assignment.slice(0, eq).replace(/-/g, '_'), assignment.slice(eq + 1)]);
  }
  return { settings, problems };
}

// ---------------------------------------------------------------------------------------------
// Error messages as libpq formats them
// ---------------------------------------------------------------------------------------------

/**
 * PQresultErrorMessage at the default verbosity (what psycopg2 keeps as `pgerror` and psql
 * prints): `ERROR:  message`, the `LINE n: …` + caret display when the error has a position,
 * then DETAIL, HINT, QUERY and CONTEXT lines. Ends with a newline.
 */
export function formatPgError(e: DatabaseError): string {
  let msg = `${e.severity}:  ${e.message}`;
  let queryText: string | undefined;
  let queryPos = 0;
  if (e.position !== undefined) {
    if (e.sql) {
      queryText = e.sql;
      queryPos = parseInt(e.position, 10) || 0;
    } else msg += ` at character ${e.position}`;
  } else if (e.internalPosition !== undefined) {
    if (e.internalQuery !== undefined) {
      queryText = e.internalQuery;
      queryPos = parseInt(e.internalPosition, 10) || 0;
    } else msg += ` at character ${e.internalPosition}`;
  }
  msg += '\n';
  if (queryText !== undefined && queryPos > 0) msg += errorPosition(queryText, queryPos);
  if (e.detail !== undefined) msg += `DETAIL:  ${e.detail}\n`;
  if (e.hint !== undefined) msg += `HINT:  ${e.hint}\n`;
  if (e.internalQuery !== undefined) msg += `QUERY:  ${e.internalQuery}\n`;
  if (e.where !== undefined) msg += `CONTEXT:  ${e.where}\n`;
  return msg;
}

/** psycopg2's `str(exc)`: the libpq message without its `ERROR:  ` / `FATAL:  ` prefix. */
export function psycopgErrorMessage(e: DatabaseError): string {
  const msg = formatPgError(e);
  if (e.connectionFailure !== undefined) return e.connectionFailure + msg;
  return msg.length > 8 && /^(ERROR|FATAL|PANIC):  /.test(msg) ? msg.slice(8) : msg;
}

/** Screen width of a character as libpq's pg_encoding_dsplen computes it for UTF-8 (≤0 → 1). */
function charWidth(cp: number): number {
  if (cp === 0) return 1;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 1; // control characters: -1, counted as 1
  if (isCombining(cp)) return 1; // width 0, counted as 1
  if (
    cp >= 0x1100 &&
    (cp <= 0x115f ||
      (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe6f) ||
      (cp >= 0xff00 && cp <= 0xff5f) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1f64f) ||
      (cp >= 0x1f900 && cp <= 0x1f9ff) ||
      (cp >= 0x20000 && cp <= 0x2fffd) ||
      (cp >= 0x30000 && cp <= 0x3fffd))
  )
    return 2;
  return 1;
}

function isCombining(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x0483 && cp <= 0x0489) ||
    (cp >= 0x0591 && cp <= 0x05bd) ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}

/** libpq's reportErrorPosition: the `LINE n: ` display of the query around the error, and a caret. */
function errorPosition(query: string, position: number): string {
  const DISPLAY_SIZE = 60;
  const MIN_RIGHT_CUT = 10;
  const loc = position - 1;
  if (loc < 0) return '';
  const chars = Array.from(query).map((c) => (c === '\t' ? ' ' : c));
  const scr: number[] = [];
  let scroffset = 0;
  let locLine = 1;
  let ibeg = 0;
  let iend = -1;
  let cno = 0;
  for (; cno < chars.length; cno++) {
    const ch = chars[cno]!;
    scr[cno] = scroffset;
    if (ch === '\r' || ch === '\n') {
      if (cno < loc) {
        if (ch === '\r' || cno === 0 || chars[cno - 1] !== '\r') locLine++;
        ibeg = cno + 1;
      } else {
        iend = cno;
        break;
      }
    }
    scroffset += charWidth(ch.codePointAt(0)!);
  }
  if (iend < 0) {
    iend = cno;
    scr[iend] = scroffset;
  }
  if (loc > cno) return '';
  let begTrunc = false;
  let endTrunc = false;
  if (scr[iend]! - scr[ibeg]! > DISPLAY_SIZE) {
    if (scr[ibeg]! + DISPLAY_SIZE >= scr[loc]! + MIN_RIGHT_CUT) {
      while (scr[iend]! - scr[ibeg]! > DISPLAY_SIZE) iend--;
      endTrunc = true;
    } else {
      while (scr[loc]! + MIN_RIGHT_CUT < scr[iend]!) {
        iend--;
        endTrunc = true;
      }
      while (scr[iend]! - scr[ibeg]! > DISPLAY_SIZE) {
        ibeg++;
        begTrunc = true;
      }
    }
  }
  let prefix = `LINE ${locLine}: `;
  if (begTrunc) prefix += '...';
  let line = prefix + chars.slice(ibeg, iend).join('');
  if (endTrunc) line += '...';
  const caretCol = prefix.length + scr[loc]! - scr[ibeg]!;
  return line + '\n' + ' '.repeat(caretCol) + '^\n';
}

// ---------------------------------------------------------------------------------------------
// Fresh state
// ---------------------------------------------------------------------------------------------

/**
 * Returns a database to the state of a brand-new PGlite (as far as anything Django or a learner
 * can see): drops every extension, schema, role, database, event trigger, publication, foreign
 * data wrapper and large object created after initdb, recreates `public` exactly as initdb
 * leaves it, and clears per-database and per-role settings. Starts from a new session.
 */
export function resetDatabase(conn: PGliteConnection): void {
  conn.newSession();
  const q = (sql: string) => conn.simpleQuery(sql).rows;
  const ident = (s: string | null) => '"' + (s ?? '').replace(/"/g, '""') + '"';
  const FIRST_NORMAL_OID = 16384;
  const stmts: string[] = [];
  for (const [name] of q(`SELECT evtname FROM pg_catalog.pg_event_trigger`)) stmts.push(`DROP EVENT TRIGGER ${ident(name!)}`);
  for (const [name] of q(`SELECT pubname FROM pg_catalog.pg_publication`)) stmts.push(`DROP PUBLICATION ${ident(name!)}`);
  for (const [name] of q(`SELECT extname FROM pg_catalog.pg_extension WHERE oid >= ${FIRST_NORMAL_OID}`))
    stmts.push(`DROP EXTENSION IF EXISTS ${ident(name!)} CASCADE`);
  for (const [name] of q(`SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper WHERE oid >= ${FIRST_NORMAL_OID}`))
    stmts.push(`DROP FOREIGN DATA WRAPPER IF EXISTS ${ident(name!)} CASCADE`);
  const schemas = q(
    `SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ` +
      `AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`,
  ).map((r) => ident(r[0]!));
  if (schemas.length) stmts.push(`DROP SCHEMA ${schemas.join(', ')} CASCADE`);
  for (const [name] of q(`SELECT lanname FROM pg_catalog.pg_language WHERE oid >= ${FIRST_NORMAL_OID}`))
    stmts.push(`DROP LANGUAGE IF EXISTS ${ident(name!)} CASCADE`);
  if (q(`SELECT 1 FROM pg_catalog.pg_largeobject_metadata LIMIT 1`).length)
    stmts.push(`SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata`);
  stmts.push(
    `CREATE SCHEMA public AUTHORIZATION pg_database_owner`,
    `GRANT USAGE ON SCHEMA public TO PUBLIC`,
    `COMMENT ON SCHEMA public IS 'standard public schema'`,
  );
  const roles = q(`SELECT rolname FROM pg_catalog.pg_roles WHERE oid >= ${FIRST_NORMAL_OID}`).map((r) => ident(r[0]!));
  if (roles.length) stmts.push(`DROP OWNED BY ${roles.join(', ')} CASCADE`, `DROP ROLE ${roles.join(', ')}`);
  if (q(`SELECT 1 FROM pg_catalog.pg_db_role_setting LIMIT 1`).length) {
    stmts.push(`ALTER DATABASE postgres RESET ALL`, `ALTER ROLE postgres RESET ALL`, `ALTER ROLE ALL RESET ALL`);
  }
  conn.simpleQuery(stmts.join(';\n'));
  // statements that cannot run inside the implicit transaction of a multi-statement query
  for (const [name] of q(`SELECT datname FROM pg_catalog.pg_database WHERE oid >= ${FIRST_NORMAL_OID}`))
    conn.simpleQuery(`DROP DATABASE IF EXISTS ${ident(name!)}`);
  for (const [name] of q(`SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid >= ${FIRST_NORMAL_OID}`))
    conn.simpleQuery(`DROP TABLESPACE IF EXISTS ${ident(name!)}`);
  conn.newSession();
}
