/**
 * The connection's search_path (DATABASES['default']['OPTIONS']['options']) as Django sees it:
 * what introspection and django_migrations find, the error when no schema on the path exists
 * (scenario 21 step 6), and a bad `options` string failing the connection like psycopg2.connect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../src/engine/db/types.ts';
import { toDjangoDbError } from '../../../src/engine/db/python-errors.ts';
import { DatabaseErrorClass } from '../../../src/engine/django/exceptions.ts';
import { PostgresIntrospection } from '../../../src/engine/db/postgres/introspection.ts';
import { MigrationRecorder } from '../../../src/engine/migrations/recorder.ts';
import { PyException } from '../../../src/engine/python/objects.ts';
import { type TestDb, openTestDb, resetDb } from '../db/postgres/db.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

const now = () => new Date('2026-01-02T03:04:05Z');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('search_path', () => {
  it('introspection sees the first table of a name on the path, nothing outside it', () => {
    conn.execute(`CREATE SCHEMA a; CREATE SCHEMA b;
      CREATE TABLE a.shared (from_a int); CREATE TABLE b.shared (from_b int); CREATE TABLE a.only_a (x int);
      CREATE TABLE public.hidden (y int)`);
    conn.newSession('-c search_path=b,a');
    const intro = new PostgresIntrospection(conn);
    expect(intro.tableNames()).toEqual(['only_a', 'shared']);
    expect(intro.getTableDescription('shared').map((f) => f.name)).toEqual(['from_b']);
    const e = thrown(() => intro.getTableDescription('hidden'));
    expect(e).toBeInstanceOf(DatabaseError);
    expect(toDjangoDbError(e as DatabaseError).lastLine).toBe(
      'django.db.utils.ProgrammingError: relation "hidden" does not exist\nLINE 1: SELECT * FROM "hidden" LIMIT 1\n                      ^\n',
    );
  });

  it('django_migrations is created in, and read from, the first existing schema', () => {
    conn.execute('CREATE SCHEMA app');
    conn.newSession('-c search_path=missing,app,public');
    const recorder = new MigrationRecorder(conn, 'BigAutoField', now);
    expect(recorder.hasTable()).toBe(false);
    recorder.recordApplied('shop', '0001_initial');
    conn.newSession();
    expect(conn.execute(`SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'django_migrations'`).rows).toEqual([['app']]);
    expect(new MigrationRecorder(conn, 'BigAutoField', now).hasTable()).toBe(false);
    conn.newSession('-c search_path=app');
    expect([...new MigrationRecorder(conn, 'BigAutoField', now).appliedMigrations().values()].map((m) => [m.app, m.name])).toEqual([['shop', '0001_initial']]);
  });

  it('no existing schema on the path: MigrationSchemaMissing from the ProgrammingError from psycopg2', () => {
    conn.newSession('-c search_path=schema_second');
    const e = thrown(() => new MigrationRecorder(conn, 'BigAutoField', now).ensureSchema()) as PyException;
    expect(e).toBeInstanceOf(PyException);
    const head = 'no schema has been selected to create in\nLINE 1: CREATE TABLE "django_migrations" ("id" bigint NOT NULL PRIMA...\n                     ^\n';
    expect(e.lastLine).toBe(`django.db.migrations.exceptions.MigrationSchemaMissing: Unable to create the django_migrations table (${head})`);
    expect(e.matches(DatabaseErrorClass)).toBe(true); // a django.db.utils.DatabaseError
    expect(e.context?.lastLine).toBe(`django.db.utils.ProgrammingError: ${head}`);
    expect(e.context?.traceback.length).toBeGreaterThan(0); // printed with its own "Traceback" header
    expect(e.context?.cause?.lastLine).toBe(`psycopg2.errors.InvalidSchemaName: ${head}`);
  });

  it('a bad options string fails the connection: psycopg2.OperationalError', () => {
    for (const [options, message] of [
      ['-c nope=1', 'unrecognized configuration parameter "nope"'],
      ['-c search_path', '-c search_path requires a value'],
    ]) {
      const e = thrown(() => conn.newSession(options));
      expect(e).toBeInstanceOf(DatabaseError);
      const dj = toDjangoDbError(e as DatabaseError);
      const text = `connection to server at "localhost" (::1), port 5432 failed: FATAL:  ${message}\n`;
      expect(dj.lastLine).toBe(`django.db.utils.OperationalError: ${text}`);
      expect(dj.cause?.lastLine).toBe(`psycopg2.OperationalError: ${text}`);
    }
    conn.newSession();
    expect(conn.execute('SHOW search_path').rows).toEqual([['public']]);
  });
});
