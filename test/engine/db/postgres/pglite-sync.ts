/**
 * A minimal synchronous Connection over PGlite's execProtocolRawSync (simple query protocol),
 * for the schema editor tests until src/engine/db/connection.ts is available. Quoting follows
 * psycopg2's adaptation for the values the schema editor produces.
 */
import { PGlite } from '@electric-sql/pglite';
import {
  PyBytes,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  floatRepr,
} from '../../../../src/engine/python/objects.ts';
import { type Connection, DatabaseError, type QueryResult, type SqlParam } from '../../../../src/engine/db/types.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

function queryMessage(sql: string): Uint8Array {
  const body = enc.encode(sql);
  const msg = new Uint8Array(1 + 4 + body.length + 1);
  msg[0] = 'Q'.charCodeAt(0);
  new DataView(msg.buffer).setInt32(1, 4 + body.length + 1);
  msg.set(body, 5);
  msg[msg.length - 1] = 0;
  return msg;
}

export function psycopgQuote(value: PyValue): string {
  if (value === None) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value < 0n ? ` ${value}` : `${value}`;
    case 'number':
      if (Number.isNaN(value)) return "'NaN'::float";
      if (value === Infinity) return "'Infinity'::float";
      if (value === -Infinity) return "'-Infinity'::float";
      return value < 0 || Object.is(value, -0) ? ` ${floatRepr(value)}` : floatRepr(value);
    case 'string':
      return `'${value.replace(/'/g, "''")}'`;
  }
  if (value instanceof PyBytes) return `'\\x${Array.from(value.data, (b) => b.toString(16).padStart(2, '0')).join('')}'::bytea`;
  if (value instanceof PyList) return `ARRAY[${value.items.map(psycopgQuote).join(',')}]`;
  if (value instanceof PyTuple) return `(${value.items.map(psycopgQuote).join(', ')})`;
  if (value instanceof PyObject && value.nativeSqlLiteral) return value.nativeSqlLiteral();
  throw new Error(`can't adapt ${String(value)}`);
}

export function psycopgMogrify(sql: string, params: readonly SqlParam[] | null | undefined): string {
  if (params === null || params === undefined) return sql;
  let i = 0;
  let out = '';
  for (let k = 0; k < sql.length; k++) {
    const c = sql[k]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const n = sql[k + 1];
    if (n === '%') {
      out += '%';
      k++;
    } else if (n === 's') {
      if (i >= params.length) throw new Error('IndexError: tuple index out of range');
      out += psycopgQuote(params[i++]!);
      k++;
    } else {
      throw new Error(`ValueError: unsupported format character '${n}'`);
    }
  }
  if (i < params.length) throw new Error('TypeError: not all arguments converted during string formatting');
  return out;
}

export class SyncPGlite implements Connection {
  private status = 'I';
  private savepoint = 0;
  /** Every statement sent, for assertions. */
  readonly log: string[] = [];

  private constructor(readonly db: PGlite) {}

  static async create(): Promise<SyncPGlite> {
    const db = await PGlite.create();
    await db.waitReady;
    return new SyncPGlite(db);
  }

  get inTransaction(): boolean {
    return this.status !== 'I';
  }

  execute(sql: string, params?: readonly SqlParam[]): QueryResult {
    const text = params === undefined ? sql : this.mogrify(sql, params);
    this.log.push(text);
    const raw = this.db.execProtocolRawSync(queryMessage(text));
    return this.parse(raw, text);
  }

  private parse(raw: Uint8Array, sql: string): QueryResult {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    let pos = 0;
    let result: QueryResult = { commandTag: '', command: '', rowCount: null, fields: [], rows: [] };
    let current: QueryResult = { commandTag: '', command: '', rowCount: null, fields: [], rows: [] };
    let error: DatabaseError | null = null;
    const cstr = (p: number): [string, number] => {
      let e = p;
      while (raw[e] !== 0) e++;
      return [dec.decode(raw.subarray(p, e)), e + 1];
    };
    while (pos < raw.length) {
      const type = String.fromCharCode(raw[pos]!);
      const len = view.getInt32(pos + 1);
      const start = pos + 5;
      const end = pos + 1 + len;
      switch (type) {
        case 'T': {
          const n = view.getInt16(start);
          let p = start + 2;
          current = { commandTag: '', command: '', rowCount: null, fields: [], rows: [] };
          for (let i = 0; i < n; i++) {
            const [name, np] = cstr(p);
            p = np;
            const typeOid = view.getInt32(p + 6);
            p += 18;
            current.fields.push({ name, typeOid });
          }
          break;
        }
        case 'D': {
          const n = view.getInt16(start);
          let p = start + 2;
          const row: (string | null)[] = [];
          for (let i = 0; i < n; i++) {
            const l = view.getInt32(p);
            p += 4;
            if (l < 0) row.push(null);
            else {
              row.push(dec.decode(raw.subarray(p, p + l)));
              p += l;
            }
          }
          current.rows.push(row);
          break;
        }
        case 'C': {
          const [tag] = cstr(start);
          current.commandTag = tag;
          const m = /^([A-Z ]+?)(?: \d+)?(?: (\d+))?$/.exec(tag);
          current.command = m ? m[1]! : tag;
          const count = /(\d+)$/.exec(tag);
          current.rowCount = count ? Number(count[1]) : null;
          result = current;
          current = { commandTag: '', command: '', rowCount: null, fields: [], rows: [] };
          break;
        }
        case 'E': {
          let p = start;
          const fields: Record<string, string> = {};
          while (raw[p] !== 0 && p < end) {
            const code = String.fromCharCode(raw[p]!);
            const [val, np] = cstr(p + 1);
            fields[code] = val;
            p = np;
          }
          error = new DatabaseError(fields['M'] ?? 'error');
          error.code = fields['C'] ?? '';
          error.detail = fields['D'];
          error.sql = sql;
          break;
        }
        case 'Z':
          this.status = String.fromCharCode(raw[start]!);
          break;
      }
      pos = end;
    }
    if (error) throw error;
    return result;
  }

  mogrify(sql: string, params?: readonly SqlParam[]): string {
    return psycopgMogrify(sql, params);
  }

  quoteValue(value: SqlParam): string {
    return psycopgQuote(value);
  }

  atomic<T>(fn: () => T): T {
    if (!this.inTransaction) {
      this.execute('BEGIN');
      try {
        const r = fn();
        this.execute('COMMIT');
        return r;
      } catch (e) {
        this.execute('ROLLBACK');
        throw e;
      }
    }
    const sp = `s${++this.savepoint}`;
    this.execute(`SAVEPOINT ${sp}`);
    try {
      const r = fn();
      this.execute(`RELEASE SAVEPOINT ${sp}`);
      return r;
    } catch (e) {
      this.execute(`ROLLBACK TO SAVEPOINT ${sp}`);
      throw e;
    }
  }

  newSession(libpqOptions?: string): void {
    if (this.inTransaction) this.execute('ROLLBACK');
    this.execute('DISCARD ALL');
    const m = /-c\s*search_path=(\S+)/.exec(libpqOptions ?? '');
    if (m) this.execute(`SELECT set_config('search_path', '${m[1]}', false)`);
  }

  /** Drops every user schema and recreates an empty public schema. */
  reset(): void {
    if (this.inTransaction) this.execute('ROLLBACK');
    const r = this.execute(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')",
    );
    for (const [n] of r.rows) this.execute(`DROP SCHEMA "${n}" CASCADE`);
    this.execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    this.execute('DISCARD ALL');
    this.log.length = 0;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.db.close();
  }
}
