/**
 * dbshell's psql imitation against recordings of real psql (fixtures/psql-recorded.json: psql
 * 15.18 talking to PGlite 0.5.16 / PostgreSQL 18 through pglite-socket, on the store schema).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { describeCommand, formatResult, formatTable } from '../../src/worker/psql.ts';
import { QueryScanner } from '../../src/worker/dbshell.ts';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/psql-recorded.json', import.meta.url), 'utf8')) as {
  setup: string;
  outputs: Record<string, { stdout: string; stderr: string }>;
};

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await freshPGlite();
  conn.execute(recorded.setup);
});
afterAll(async () => {
  await conn.close();
});

describe('describe commands match psql', () => {
  const cases = Object.keys(recorded.outputs).filter((k) => k.startsWith('\\'));
  it.each(cases)('%s', (cmd) => {
    const m = /^\\(\S+)\s*(.*)$/.exec(cmd)!;
    const out = describeCommand(conn, m[1]!, m[2] || undefined)!;
    expect(out.stdout).toBe(recorded.outputs[cmd]!.stdout);
    expect(out.stderr).toBe(recorded.outputs[cmd]!.stderr);
  });

  it('\\d+ on a table adds storage, not-null constraints (PostgreSQL 18) and the access method', () => {
    const out = describeCommand(conn, 'd+', 'catalog_product')!.stdout;
    expect(out).toContain('| Storage  | Compression | Stats target | Description \n');
    expect(out).toContain('Not-null constraints:\n    "catalog_product_id_not_null" NOT NULL "id"\n');
    expect(out.endsWith('Access method: heap\n\n')).toBe(true);
  });

  it('reports a missing relation on stderr', () => {
    expect(describeCommand(conn, 'd', 'nothing')).toEqual({ stdout: '', stderr: 'Did not find any relation named "nothing".\n' });
  });
});

describe('query results match psql', () => {
  const cases = Object.keys(recorded.outputs).filter((k) => !k.startsWith('\\'));
  it.each(cases)('%s', (sql) => {
    expect(formatResult(conn.execute(sql))).toBe(recorded.outputs[sql]!.stdout);
  });
});

describe('formatTable', () => {
  it('centres the title over the table', () => {
    expect(formatTable({ title: 'T', headers: ['abc'], rows: [['x']] })).toBe('  T\n abc \n-----\n x\n\n');
  });
});

describe('QueryScanner', () => {
  it('splits statements at semicolons outside quotes, comments and parentheses', () => {
    const s = new QueryScanner();
    expect(s.feed("select ';' as a, $$;$$ as b; select (1;")).toEqual([{ kind: 'sql', text: "select ';' as a, $$;$$ as b;" }]);
    expect(s.promptState()).toBe('(');
    expect(s.feed(');')).toEqual([{ kind: 'sql', text: 'select (1;\n);' }]);
    expect(s.promptState()).toBe('=');
    expect(s.feed("select 'multi")).toEqual([]);
    expect(s.promptState()).toBe("'");
    expect(s.feed("line';")).toEqual([{ kind: 'sql', text: "select 'multi\nline';" }]);
    expect(s.feed('select 1; -- done')).toEqual([{ kind: 'sql', text: 'select 1;' }]);
    expect(s.promptState()).toBe('=');
    expect(s.feed('select 2 \\g')).toEqual([{ kind: 'backslash', command: 'g', args: [] }]);
    expect(s.buffer).toBe('select 2 ');
    s.reset();
    expect(s.feed('\\d+ "My Table"')).toEqual([{ kind: 'backslash', command: 'd+', args: ['"My Table"'] }]);
    expect(s.feed("select E'it\\'s;' ;")).toEqual([{ kind: 'sql', text: "select E'it\\'s;' ;" }]);
  });
});
