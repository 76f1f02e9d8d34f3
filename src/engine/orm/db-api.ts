/**
 * `django.db.connection` and its cursors (the DB-API Python code can use directly:
 * `with connection.cursor() as cursor: cursor.execute(...)`), and the `schema_editor` object
 * RunPython functions receive (`schema_editor.connection.alias`, `schema_editor.execute(sql)`).
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  objectClass,
  pyError,
  str,
  toArray,
} from '../python/objects.ts';
import type { SchemaEditor } from '../operations/base.ts';
import { quoteName } from '../db/postgres/compiler.ts';
import { fromDb, kindOfOid } from './convert.ts';
import { asPythonDbError, execute, loggedQueries } from './runtime.ts';

function fn(name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, impl, { module: 'django.db.backends.utils', qualname: `CursorWrapper.${name}` });
}

class CursorObject extends PyObject {
  private rows: PyValue[] = [];
  private pos = 0;
  private description: PyValue = None;
  private rowcount = -1n;
  constructor(private readonly run: (sql: string, params: PyValue[]) => { rows: (string | null)[][]; fields: { name: string; typeOid: number }[]; rowCount: number | null; hasRows: boolean }) {
    super();
  }
  get pyClass(): PyClass {
    return cursorClass;
  }
  private doExecute(sql: string, params: PyValue): void {
    const p = params === None || params === undefined ? [] : toArray(params);
    const r = this.run(sql, p);
    const kinds = r.fields.map((f) => kindOfOid(f.typeOid));
    this.rows = r.rows.map((row) => new PyTuple(row.map((v, i) => fromDb(v, kinds[i]!))));
    this.pos = 0;
    this.description = r.hasRows ? new PyTuple(r.fields.map((f) => new PyTuple([f.name, BigInt(f.typeOid), None, None, None, None, None]))) : None;
    this.rowcount = BigInt(r.rowCount ?? (r.hasRows ? r.rows.length : -1));
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'execute':
        return fn('execute', (args, kwargs) => {
          this.doExecute(str(args[0] ?? kwargs.get('sql')!), args[1] ?? kwargs.get('params') ?? None);
          return None;
        });
      case 'executemany':
        return fn('executemany', (args) => {
          for (const p of toArray(args[1]!)) this.doExecute(str(args[0]!), p);
          return None;
        });
      case 'fetchone':
        return fn('fetchone', () => (this.pos < this.rows.length ? this.rows[this.pos++]! : None));
      case 'fetchall':
        return fn('fetchall', () => {
          const out = this.rows.slice(this.pos);
          this.pos = this.rows.length;
          return new PyList(out);
        });
      case 'fetchmany':
        return fn('fetchmany', (args) => {
          const n = args[0] === undefined ? 1 : Number(args[0] as bigint);
          const out = this.rows.slice(this.pos, this.pos + n);
          this.pos += out.length;
          return new PyList(out);
        });
      case 'close':
        return fn('close', () => None);
      case 'description':
        return this.description;
      case 'rowcount':
        return this.rowcount;
    }
    return undefined;
  }
  override nativeIter(): Iterator<PyValue> {
    const rest = this.rows.slice(this.pos);
    this.pos = this.rows.length;
    return rest[Symbol.iterator]();
  }
  override nativeEnter(): PyValue {
    return this;
  }
  override nativeExit(): boolean {
    return false;
  }
}
const cursorClass = new PyClass('CursorWrapper', { module: 'django.db.backends.utils', bases: [objectClass] });

function ormRun(sql: string, params: PyValue[]) {
  const r = execute(sql, params) as ReturnType<typeof execute> & { hasRowDescription?: boolean };
  return { rows: r.rows, fields: r.fields, rowCount: r.rowCount, hasRows: r.hasRowDescription ?? r.fields.length > 0 };
}

class OpsObject extends PyObject {
  get pyClass(): PyClass {
    return opsClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'quote_name') return fn('quote_name', ([n]) => quoteName(str(n!)));
    if (name === 'max_name_length') return fn('max_name_length', () => 63n);
    return undefined;
  }
}
const opsClass = new PyClass('DatabaseOperations', { module: 'django.db.backends.postgresql.operations', bases: [objectClass] });

/** `django.db.connection` (also `schema_editor.connection`). */
export class ConnectionObject extends PyObject {
  get pyClass(): PyClass {
    return connectionClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'alias':
        return 'default';
      case 'vendor':
        return 'postgresql';
      case 'display_name':
        return 'PostgreSQL';
      case 'ops':
        return new OpsObject();
      case 'queries':
        return new PyList(loggedQueries().map((q) => new PyDict([['sql', q.sql], ['time', q.time]])));
      case 'cursor':
        return fn('cursor', () => new CursorObject(ormRun));
      case 'close':
        return fn('close', () => None);
      case 'ensure_connection':
        return fn('ensure_connection', () => None);
      case 'in_atomic_block':
        return false;
    }
    return undefined;
  }
  override nativeRepr(): string {
    return '<DatabaseWrapper vendor=\'postgresql\' alias=\'default\'>';
  }
}
const connectionClass = new PyClass('DatabaseWrapper', { module: 'django.db.backends.postgresql.base', bases: [objectClass] });

export const connection = new ConnectionObject();

/** `django.db.connections`: `connections['default']`. */
class ConnectionsObject extends PyObject {
  get pyClass(): PyClass {
    return connectionsClass;
  }
  override nativeGetItem(key: PyValue): PyValue {
    if (key !== 'default') throw pyError(TypeError, `The connection '${str(key)}' doesn't exist.`);
    return connection;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'all') return fn('all', () => new PyList([connection]));
    return undefined;
  }
}
const connectionsClass = new PyClass('ConnectionHandler', { module: 'django.db.utils', bases: [objectClass] });
export const connections = new ConnectionsObject();

/** The schema editor RunPython receives. */
class SchemaEditorObject extends PyObject {
  constructor(readonly se: SchemaEditor) {
    super();
  }
  get pyClass(): PyClass {
    return schemaEditorClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'connection':
        return connection;
      case 'collect_sql':
        return this.se.collectSql;
      case 'execute':
        return new NativeFunction(
          'execute',
          (args, kwargs) => {
            const sql = str(args[0] ?? kwargs.get('sql')!);
            const params = args[1] ?? kwargs.get('params') ?? None;
            try {
              this.se.execute(sql, params === None ? null : toArray(params));
            } catch (e) {
              throw asPythonDbError(e);
            }
            return None;
          },
          { module: 'django.db.backends.postgresql.schema', qualname: 'DatabaseSchemaEditor.execute' },
        );
      case 'quote_name':
        return fn('quote_name', ([n]) => quoteName(str(n!)));
    }
    return undefined;
  }
}
const schemaEditorClass = new PyClass('DatabaseSchemaEditor', { module: 'django.db.backends.postgresql.schema', bases: [objectClass] });

export function schemaEditorObject(se: SchemaEditor): PyValue {
  return new SchemaEditorObject(se);
}
