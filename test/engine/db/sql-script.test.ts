import { describe, expect, test } from 'vitest';
import { splitSqlScript } from '../../../src/engine/db/sql-script.ts';

// Expected values recorded from sqlparse 0.5.5 (the version the oracle's Django uses):
// [sqlparse.format(s, strip_comments=True) for s in sqlparse.split(sql) if s]
describe('splitSqlScript (Django prepare_sql_script)', () => {
  const cases: [string, string[]][] = [
    ['UPDATE a SET x=1', ['UPDATE a SET x=1']],
    ['UPDATE a SET x=1;', ['UPDATE a SET x=1;']],
    ['SELECT 1; SELECT 2', ['SELECT 1;', 'SELECT 2']],
    ['-- comment\nINSERT INTO t VALUES (1); /* c */ DELETE FROM t;\n\n', ['INSERT INTO t VALUES (1);', ' DELETE FROM t;']],
    ['CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2', ['CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;', 'SELECT 2']],
    ["SELECT 'a;b'; SELECT 3 -- trailing\n", ["SELECT 'a;b';", 'SELECT 3']],
    ['  \n  ', []],
    ['INSERT INTO t (a) VALUES (1);\nINSERT INTO t (a) VALUES (2);', ['INSERT INTO t (a) VALUES (1);', 'INSERT INTO t (a) VALUES (2);']],
  ];
  for (const [sql, expected] of cases) {
    test(JSON.stringify(sql), () => {
      expect(splitSqlScript(sql)).toEqual(expected);
    });
  }
});
