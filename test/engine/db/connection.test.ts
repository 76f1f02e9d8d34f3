import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ClientProgrammingError,
  DatabaseError,
  formatPgError,
  psycopgErrorMessage,
  resetDatabase,
  splitLibpqOptions,
  startupSettings,
  type PGliteConnection,
} from '../../../src/engine/db/connection.ts';
import { freshPGlite } from '../../../src/parity/fresh-db.ts';
import { schemaDump } from '../../../src/parity/schema-dump.ts';
import {
  None,
  PyBytes,
  PyDict,
  PyException,
  PyList,
  PyObject,
  PyTuple,
  objectClass,
  type PyClass,
  type PyValue,
} from '../../../src/engine/python/objects.ts';

let conn: PGliteConnection;
let freshFingerprint: string;

/** Global state a reset must restore, beyond the schema dump. */
function fingerprint(c: PGliteConnection): string {
  c.newSession();
  const q = (sql: string) => c.execute(sql).rows.map((r) => r.join('|')).join('\n');
  return [
    schemaDump(c),
    // temporary schemas (pg_temp_N) stay once created, as on a real server; they are invisible and empty
    q(`SELECT nspname, nspowner::regrole, nspacl, obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%temp\\_%' ORDER BY nspname`),
    q(`SELECT rolname, rolsuper, rolcanlogin FROM pg_roles ORDER BY rolname`),
    q(`SELECT extname, extversion FROM pg_extension ORDER BY extname`),
    q(`SELECT count(*) FROM pg_db_role_setting`),
    q(`SELECT datname FROM pg_database ORDER BY datname`),
    q(`SHOW search_path`),
  ].join('\n---\n');
}

beforeAll(async () => {
  conn = await freshPGlite();
  freshFingerprint = fingerprint(conn);
});

afterAll(async () => {
  await conn?.close();
});

beforeEach(() => {
  resetDatabase(conn);
});

function dbError(fn: () => unknown): DatabaseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DatabaseError) return e;
    throw e;
  }
  throw new Error('no DatabaseError raised');
}

function pyErr(fn: () => unknown): { cls: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyException) return { cls: e.pyClass.name, message: e.message };
    if (e instanceof ClientProgrammingError) return { cls: 'ProgrammingError', message: e.message };
    throw e;
  }
  throw new Error('nothing raised');
}

describe('results', () => {
  test('values in PostgreSQL text format, NULL as null', () => {
    const r = conn.execute(
      `SELECT 1 AS i, NULL AS n, true AS t, false AS f, 1.50::numeric(5,2) AS d, '2026-01-01 10:00:00+00'::timestamptz AS ts,
              ARRAY[1,2] AS arr, '\\x6162'::bytea AS b, 'é ✓'::text AS u, '{"a": 1}'::jsonb AS j, 2.5::float8 AS fl`,
    );
    expect(r.fields.map((f) => f.name)).toEqual(['i', 'n', 't', 'f', 'd', 'ts', 'arr', 'b', 'u', 'j', 'fl']);
    expect(r.fields[0]!.typeOid).toBe(23);
    expect(r.rows).toEqual([['1', null, 't', 'f', '1.50', '2026-01-01 10:00:00+00', '{1,2}', '\\x6162', 'é ✓', '{"a": 1}', '2.5']]);
    expect(r.commandTag).toBe('SELECT 1');
    expect(r.command).toBe('SELECT');
    expect(r.rowCount).toBe(1);
    expect(r.hasRowDescription).toBe(true);
  });

  test('long and non-ASCII values', () => {
    const long = 'x'.repeat(10000) + 'ü';
    expect(conn.execute('SELECT %s AS v', [long]).rows[0]![0]).toBe(long);
  });

  test('command tags and row counts', () => {
    const t = (sql: string) => {
      const r = conn.execute(sql);
      return [r.commandTag, r.command, r.rowCount, r.hasRowDescription];
    };
    expect(t('CREATE TABLE t (id int PRIMARY KEY, s text)')).toEqual(['CREATE TABLE', 'CREATE TABLE', null, false]);
    expect(t("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")).toEqual(['INSERT 0 3', 'INSERT', 3, false]);
    expect(t("UPDATE t SET s = 'z' WHERE id < 3")).toEqual(['UPDATE 2', 'UPDATE', 2, false]);
    expect(t('DELETE FROM t WHERE id = 1')).toEqual(['DELETE 1', 'DELETE', 1, false]);
    expect(t('SELECT * FROM t WHERE false')).toEqual(['SELECT 0', 'SELECT', 0, true]);
    expect(t("INSERT INTO t VALUES (9, 'n') RETURNING id")).toEqual(['INSERT 0 1', 'INSERT', 1, true]);
    expect(t('CREATE INDEX t_s ON t (s)')).toEqual(['CREATE INDEX', 'CREATE INDEX', null, false]);
    expect(t('ALTER TABLE t ADD COLUMN x int')).toEqual(['ALTER TABLE', 'ALTER TABLE', null, false]);
    expect(t('')).toEqual(['', '', null, false]);
  });

  test('multi-statement text returns the last result', () => {
    const r = conn.execute('CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); SELECT count(*) AS n FROM a');
    expect(r.rows).toEqual([['2']]);
    expect(conn.execute('SELECT 1 AS one; DROP TABLE a').commandTag).toBe('DROP TABLE');
  });

  test('COPY through execute() is refused like psycopg2 does (COPY FROM STDIN would kill PGlite)', () => {
    conn.execute('CREATE TABLE cp (x int); INSERT INTO cp VALUES (1)');
    expect(() => conn.execute('COPY cp FROM STDIN')).toThrow("can't execute COPY FROM: use the copy_from() method instead");
    expect(() => conn.execute('copy cp (x) from stdin with (format csv)')).toThrow(ClientProgrammingError);
    expect(() => conn.execute('COPY cp TO STDOUT')).toThrow("can't execute COPY TO: use the copy_to() method instead");
    expect(conn.execute('SELECT count(*) FROM cp').rows).toEqual([['1']]);
  });

  test('notices are collected', () => {
    conn.execute('DROP TABLE IF EXISTS nothing_here');
    expect(conn.notices.map((n) => n.message)).toEqual(['table "nothing_here" does not exist, skipping']);
  });
});

describe('errors', () => {
  test('every ErrorResponse field and the text sent', () => {
    conn.execute('CREATE TABLE p (id int PRIMARY KEY)');
    conn.execute('INSERT INTO p VALUES (1)');
    const e = dbError(() => conn.execute('INSERT INTO p VALUES (%s)', [1n]));
    expect(e.message).toBe('duplicate key value violates unique constraint "p_pkey"');
    expect(e.severity).toBe('ERROR');
    expect(e.code).toBe('23505');
    expect(e.detail).toBe('Key (id)=(1) already exists.');
    expect(e.schema).toBe('public');
    expect(e.table).toBe('p');
    expect(e.constraint).toBe('p_pkey');
    expect(e.sql).toBe('INSERT INTO p VALUES (1)');
    expect(formatPgError(e)).toBe(
      'ERROR:  duplicate key value violates unique constraint "p_pkey"\nDETAIL:  Key (id)=(1) already exists.\n',
    );
    expect(psycopgErrorMessage(e)).toBe('duplicate key value violates unique constraint "p_pkey"\nDETAIL:  Key (id)=(1) already exists.\n');
  });

  // expected texts recorded from psycopg2 2.9.5 (`e.pgerror`) against PGlite 0.5.16
  test.each([
    ['SELECT rating FROM x', 'ERROR:  relation "x" does not exist\nLINE 1: SELECT rating FROM x\n                           ^\n'],
    ['select 1; select * from nothere', 'ERROR:  relation "nothere" does not exist\nLINE 1: select 1; select * from nothere\n                                ^\n'],
    ['select\n  1,\n  nothere', 'ERROR:  column "nothere" does not exist\nLINE 3:   nothere\n          ^\n'],
    ['insert into', 'ERROR:  syntax error at end of input\nLINE 1: insert into\n                   ^\n'],
    ['SELECT 1/0', 'ERROR:  division by zero\n'],
    [
      "DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL='d', HINT='h'; END $$",
      'ERROR:  boom\nDETAIL:  d\nHINT:  h\nCONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE\n',
    ],
    [
      `select '${'a'.repeat(84)}' || nothere || '${'b'.repeat(87)}'`,
      "ERROR:  column \"nothere\" does not exist\nLINE 1: ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' || nothere ||...\n                                                             ^\n",
    ],
    ['select \tnothere', 'ERROR:  column "nothere" does not exist\nLINE 1: select  nothere\n                ^\n'],
  ])('libpq message for %j', (sql, expected) => {
    const e = dbError(() => conn.execute(sql));
    expect(e.position !== undefined || !expected.includes('LINE')).toBe(true);
    expect(formatPgError(e)).toBe(expected);
  });

  test('a failing multi-statement text stops and rolls back its implicit transaction', () => {
    const sql = 'CREATE TABLE m (x int); INSERT INTO m VALUES (1); SELECT nope FROM m; CREATE TABLE m2 (y int)';
    const e = dbError(() => conn.execute(sql));
    expect(e.code).toBe('42703');
    expect(e.position).toBe(String(sql.indexOf('nope') + 1));
    expect(conn.inTransaction).toBe(false);
    expect(conn.execute("SELECT to_regclass('m') IS NULL, to_regclass('m2') IS NULL").rows).toEqual([['t', 't']]);
  });
});

describe('transactions', () => {
  test('inTransaction follows the server status', () => {
    expect(conn.inTransaction).toBe(false);
    conn.execute('BEGIN');
    expect(conn.inTransaction).toBe(true);
    expect(conn.txStatus).toBe('T');
    dbError(() => conn.execute('SELECT nope'));
    expect(conn.txStatus).toBe('E');
    dbError(() => conn.execute('SELECT 1'));
    conn.execute('ROLLBACK');
    expect(conn.inTransaction).toBe(false);
  });

  test('atomic commits, nests as savepoints, rolls back and rethrows', () => {
    conn.execute('CREATE TABLE a (x int)');
    const v = conn.atomic(() => {
      expect(conn.inTransaction).toBe(true);
      conn.execute('INSERT INTO a VALUES (1)');
      expect(() =>
        conn.atomic(() => {
          conn.execute('INSERT INTO a VALUES (2)');
          throw new Error('inner');
        }),
      ).toThrow('inner');
      expect(conn.inTransaction).toBe(true);
      conn.atomic(() => conn.execute('INSERT INTO a VALUES (3)'));
      // a failed statement inside a savepoint does not doom the outer block
      expect(() => conn.atomic(() => conn.execute('SELECT nope FROM a'))).toThrow(DatabaseError);
      conn.execute('INSERT INTO a VALUES (4)');
      return 42;
    });
    expect(v).toBe(42);
    expect(conn.inTransaction).toBe(false);
    expect(conn.execute('SELECT x FROM a ORDER BY x').rows).toEqual([['1'], ['3'], ['4']]);

    expect(() =>
      conn.atomic(() => {
        conn.execute('INSERT INTO a VALUES (5)');
        conn.execute('CREATE TABLE b (y int)');
        conn.execute('SELECT nope');
      }),
    ).toThrow(DatabaseError);
    expect(conn.inTransaction).toBe(false);
    expect(conn.execute("SELECT count(*), to_regclass('b') IS NULL FROM a").rows).toEqual([['3', 't']]);
  });

  test('atomic refuses an async function', () => {
    expect(() => conn.atomic(async () => 1)).toThrow(/synchronous/);
    expect(conn.inTransaction).toBe(false);
  });
});

describe('adaptation (psycopg2 2.9.5)', () => {
  const list = (...items: PyValue[]) => new PyList(items);
  const tuple = (...items: PyValue[]) => new PyTuple(items);
  // every expectation below was printed by psycopg2 2.9.5's mogrify on a connection to PGlite
  test.each<[string, PyValue, string]>([
    ['None', None, 'NULL'],
    ['True', true, 'true'],
    ['False', false, 'false'],
    ['12', 12n, '12'],
    ['-5', -5n, ' -5'],
    ['2**70', 2n ** 70n, '1180591620717411303424'],
    ['1.5', 1.5, '1.5'],
    ['1.0', 1, '1.0'],
    ['-0.0', -0, ' -0.0'],
    ['1e16', 1e16, '1e+16'],
    ['1e-07', 1e-7, '1e-07'],
    ['-1.5e-10', -1.5e-10, ' -1.5e-10'],
    ['nan', NaN, "'NaN'::float"],
    ['inf', Infinity, "'Infinity'::float"],
    ['-inf', -Infinity, "'-Infinity'::float"],
    ["it's", "it's", "'it''s'"],
    ['a\\b', 'a\\b', "'a\\b'"],
    ['newline', 'nl\nx', "'nl\nx'"],
    ['unicode', 'é', "'é'"],
    ['[1, 2]', list(1n, 2n), 'ARRAY[1,2]'],
    ['[-1, -2]', list(-1n, -2n), 'ARRAY[ -1, -2]'],
    ['[]', list(), "'{}'"],
    ['[None]', list(None), "'{NULL}'"],
    ["['a', None]", list('a', None), "ARRAY['a',NULL]"],
    ['[[1, 2], [3, 4]]', list(list(1n, 2n), list(3n, 4n)), 'ARRAY[ARRAY[1,2],ARRAY[3,4]]'],
    ['[[]]', list(list()), 'ARRAY[ARRAY[]]'],
    ['[[None]]', list(list(None)), "'{{NULL}}'"],
    ['[inf]', list(Infinity), "ARRAY['Infinity'::float]"],
    ['(1, 2)', tuple(1n, 2n), '(1, 2)'],
    ['(-1, "a")', tuple(-1n, 'a'), "( -1, 'a')"],
    ['()', tuple(), '()'],
    ['(None,)', tuple(None), '(NULL)'],
    ['([1],)', tuple(list(1n)), '(ARRAY[1])'],
    ["b'ab\\x00'", new PyBytes(new Uint8Array([0x61, 0x62, 0])), "'\\x616200'::bytea"],
    ["[b'a']", list(new PyBytes(new Uint8Array([0x61]))), "ARRAY['\\x61'::bytea]"],
  ])('%s', (_name, value, expected) => {
    expect(conn.quoteValue(value)).toBe(expected);
    expect(conn.mogrify('%s', [value])).toBe(expected);
  });

  test('objects with a nativeSqlLiteral hook quote themselves', () => {
    class Fake extends PyObject {
      get pyClass(): PyClass {
        return objectClass;
      }
      override nativeSqlLiteral(): string {
        return "'2026-01-02T03:04:05+00:00'::timestamptz";
      }
    }
    expect(conn.mogrify('SELECT %s, %s', [new Fake(), 1n])).toBe("SELECT '2026-01-02T03:04:05+00:00'::timestamptz, 1");
  });

  test('the values round-trip through PostgreSQL', () => {
    const r = conn.execute('SELECT %s, %s, %s, %s, %s, %s', [
      "it's \\ %s",
      -5n,
      list(1n, None),
      new PyBytes(new Uint8Array([0, 255])),
      NaN,
      true,
    ]);
    expect(r.rows).toEqual([["it's \\ %s", '-5', '{1,NULL}', '\\x00ff', 'NaN', 't']]);
  });

  test('placeholders', () => {
    expect(conn.mogrify('select 5 %% 2', [])).toBe('select 5 % 2');
    expect(conn.mogrify('select 5 %% 2')).toBe('select 5 %% 2');
    expect(conn.mogrify('select %s, %s', ['a', None])).toBe("select 'a', NULL");
    expect(conn.mogrify('select %(a)s, %(a)s %% %(b)s', PyDict.fromRecord({ a: 1n, b: 'x' }))).toBe("select 1, 1 % 'x'");
    expect(conn.mogrify('select 5 %% 2', new PyDict())).toBe('select 5 % 2');
    expect(conn.mogrify('select 1', [1n])).toBe('select 1');
  });

  test.each<[string, readonly PyValue[] | PyDict, string, string]>([
    ['select %s, %s', [1n], 'IndexError', 'list index out of range'],
    ['select %s', [1n, 2n], 'TypeError', 'not all arguments converted during string formatting'],
    ['select %s %d', [1n, 2n], 'ValueError', "unsupported format character 'd' (0x64) at index 11"],
    ['abc %5s', [1n], 'ValueError', "unsupported format character '5' (0x35) at index 5"],
    ['select %(a)s', [1n], 'TypeError', 'list indices must be integers or slices, not str'],
    ['select %s', PyDict.fromRecord({ a: 1n }), 'TypeError', 'dict is not a sequence'],
    ['select %(a)s', new PyDict(), 'KeyError', "'a'"],
    ['select %s', [PyDict.fromRecord({ a: 1n })], 'ProgrammingError', "can't adapt type 'dict'"],
    ['select %', [1n], 'ValueError', 'incomplete format'],
    ['select %(a', PyDict.fromRecord({ a: 1n }), 'ProgrammingError', "incomplete placeholder: '%(' without ')'"],
    ['%s %(a)s', PyDict.fromRecord({ a: 1n }), 'TypeError', 'dict is not a sequence'],
    ['%(a)s %s', PyDict.fromRecord({ a: 1n }), 'ProgrammingError', "argument formats can't be mixed"],
    ['select %s', ['a\0b'], 'ValueError', 'A string literal cannot contain NUL (0x00) characters.'],
  ])('%j with %o raises %s', (sql, params, cls, message) => {
    expect(pyErr(() => conn.mogrify(sql, params))).toEqual({ cls, message });
  });
});

describe('newSession', () => {
  test('rolls back, discards session state', () => {
    conn.execute("BEGIN; CREATE TEMP TABLE tmp (x int); SET search_path = nowhere; SET TIME ZONE 'Europe/Paris'");
    conn.newSession();
    expect(conn.inTransaction).toBe(false);
    expect(conn.execute('SHOW search_path').rows).toEqual([['public']]);
    expect(conn.execute('SHOW TimeZone').rows).toEqual([['UTC']]);
    conn.execute('SET search_path = nowhere; CREATE TEMP TABLE tmp2 (x int)');
    conn.newSession();
    expect(conn.execute("SELECT to_regclass('pg_temp.tmp2') IS NULL").rows).toEqual([['t']]);
  });

  test('applies libpq options like PostgreSQL', () => {
    conn.newSession('-c search_path=schema_second');
    expect(conn.execute('SHOW search_path').rows).toEqual([['schema_second']]);
    conn.newSession('-csearch_path=a,b --statement-timeout=5s -c application_name=x\\ y');
    expect(conn.execute("SELECT current_setting('search_path'), current_setting('statement_timeout'), current_setting('application_name')").rows).toEqual([
      ['a,b', '5s', 'x y'], // set_config keeps the text as given, like a startup option
    ]);
    conn.newSession();
    expect(conn.execute('SHOW search_path').rows).toEqual([['public']]);
    expect(conn.execute('SHOW statement_timeout').rows).toEqual([['0']]);
  });

  test('splits options like pg_split_opts', () => {
    expect(splitLibpqOptions('  -c search_path=a\\ b\t-c x=\\\\y  ')).toEqual(['-c', 'search_path=a b', '-c', 'x=\\y']);
    expect(startupSettings('-c search_path=s --work-mem=4MB -cDateStyle=ISO').settings).toEqual([
      ['search_path', 's'],
      ['work_mem', '4MB'],
      ['DateStyle', 'ISO'],
    ]);
    expect(startupSettings('-x').problems).toEqual(['invalid command-line argument for server process: -x']);
  });

  test('an unknown parameter is a FATAL error and leaves no session state', () => {
    const e = dbError(() => conn.newSession('-c search_path=elsewhere -c nope=1'));
    expect(e.severity).toBe('FATAL');
    expect(e.code).toBe('42704');
    expect(e.message).toBe('unrecognized configuration parameter "nope"');
    expect(formatPgError(e)).toBe('FATAL:  unrecognized configuration parameter "nope"\n');
    expect(conn.execute('SHOW search_path').rows).toEqual([['public']]);
  });
});

describe('resetDatabase', () => {
  test('returns to the fresh state', () => {
    conn.execute(`
      CREATE TABLE shop_product (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name varchar(100) NOT NULL UNIQUE);
      INSERT INTO shop_product (name) VALUES ('a');
      CREATE SCHEMA schema_second;
      CREATE TABLE schema_second.legacy (id serial PRIMARY KEY);
      CREATE VIEW v AS SELECT name FROM shop_product;
      COMMENT ON SCHEMA public IS 'changed';
      CREATE ROLE learner;
      GRANT SELECT ON shop_product TO learner;
      ALTER DATABASE postgres SET search_path = schema_second;
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
    `);
    expect(fingerprint(conn)).not.toBe(freshFingerprint);
    resetDatabase(conn);
    expect(fingerprint(conn)).toBe(freshFingerprint);
    expect(schemaDump(conn)).toBe('schema public\ndjango_migrations: no such table\n');
  });

  test('is fast', () => {
    let ddl = '';
    for (let i = 0; i < 40; i++) {
      ddl += `CREATE TABLE app_t${i} (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name varchar(100) NOT NULL UNIQUE, ref_id bigint REFERENCES app_t${Math.max(0, i - 1)} (id) DEFERRABLE INITIALLY DEFERRED);`;
      ddl += `CREATE INDEX app_t${i}_name_like ON app_t${i} (name varchar_pattern_ops);`;
    }
    ddl += 'CREATE TABLE django_migrations (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, app varchar(255), name varchar(255), applied timestamptz);';
    conn.execute(ddl);
    const t0 = performance.now();
    resetDatabase(conn);
    const ms = performance.now() - t0;
    console.log(`resetDatabase after 41 tables: ${ms.toFixed(1)} ms`);
    expect(fingerprint(conn)).toBe(freshFingerprint);
    expect(ms).toBeLessThan(500);
  });
});
