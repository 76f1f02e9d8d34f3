/**
 * The parity harness itself (src/parity/): step parsing, transcript format, `@` steps, comparison
 * rules. The engine is replaced by small fake commands so the formats are pinned down
 * independently of how far the engine is.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ManageContext } from '../../src/engine/api.ts';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { blocks, compareScenario, norm } from '../../src/parity/compare.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { MANAGE_PY } from '../../src/engine/project/manage-py.ts';
import { runScenarioSource, type ScenarioSource } from '../../src/parity/runner.ts';
import { parseSteps, shlexSplit, stepHeader } from '../../src/parity/steps.ts';

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await freshPGlite();
});
afterAll(async () => {
  await conn?.close();
});

function source(steps: string, project: Record<string, string> = {}, files: Record<string, string> = {}): ScenarioSource {
  return {
    name: 'test',
    steps: parseSteps(steps),
    project: new Map(Object.entries({ 'settings.py': '', 'manage.py': MANAGE_PY, ...project })),
    readFile: (rel) => files[rel],
  };
}

/** Fake commands: `echo <args>`, `prompt` (asks and echoes answers), `fail`, `crash`, `cat`, `touch <path> <text>`. */
async function fakeManage(argv: string[], ctx: ManageContext): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'echo':
      ctx.io.stdout(args.join('|') + '\n');
      return 0;
    case 'prompt': {
      for (;;) {
        ctx.io.stdout('Select an option: ');
        const answer = await ctx.io.readLine();
        if (answer === null) {
          ctx.io.stderr('EOF');
          return 3;
        }
        ctx.io.stdout(`[${answer}]\n`);
      }
    }
    case 'cat':
      ctx.io.stdout(await ctx.io.readAll());
      return 0;
    case 'fail':
      ctx.io.stdout('Applying x...');
      ctx.io.stderr('Traceback (most recent call last):\n  File "x", line 1\nValueError: bad <function f at 0x7f3a2c000040>\n');
      return 1;
    case 'crash':
      ctx.io.stdout('partial\n');
      throw new TypeError('engine bug');
    case 'touch':
      ctx.fs.write(args[0]!, args[1]!);
      return 0;
    case 'session':
      ctx.io.stdout(ctx.db.execute('SHOW search_path').rows[0]![0] + ` ${ctx.db.inTransaction}\n`);
      ctx.db.execute("BEGIN; SET search_path = elsewhere");
      return 0;
    case 'env':
      ctx.io.stdout(`${ctx.env.now().toISOString()} ${ctx.fs.displayRoot}\n`);
      return 0;
  }
  return 99;
}

async function transcript(steps: string, project?: Record<string, string>, files?: Record<string, string>): Promise<string> {
  const run = await runScenarioSource(source(steps, project, files), { conn, manage: fakeManage });
  expect(run.completed).toBe(true);
  return run.transcript;
}

describe('steps', () => {
  test('grammar: comments, blank lines, stdin lines keep their indentation', () => {
    const steps = parseSteps('# comment\n\n$ makemigrations\n< 1\n<\n<     indented  \n  # indented comment\n@ schema   \n');
    expect(steps).toEqual([
      { lineno: 3, line: '$ makemigrations', stdin: ['1', '', '    indented  '] },
      { lineno: 8, line: '@ schema', stdin: [] },
    ]);
    expect(stepHeader(steps[0]!, 1)).toBe('### 1 $ makemigrations\n### < 1\n### <\n### <     indented\n');
    expect(() => parseSteps('< x\n')).toThrow('stdin line without a preceding $ step');
    expect(() => parseSteps('migrate\n')).toThrow("cannot parse step: 'migrate'");
  });

  test('shlex splitting', () => {
    expect(shlexSplit(`makemigrations --name "a b" shop`)).toEqual(['makemigrations', '--name', 'a b', 'shop']);
    expect(shlexSplit(`shell -c "print('x'); print(\\"y\\")"`)).toEqual(['shell', '-c', `print('x'); print("y")`]);
    expect(shlexSplit(`a '' "" b\\ c`)).toEqual(['a', '', '', 'b c']);
    expect(() => shlexSplit('a "b')).toThrow('No closing quotation');
  });
});

describe('transcript', () => {
  test('$ steps: stdout, stderr, exit status, missing final newline, stdin', async () => {
    const t = await transcript('$ echo a "b c"\n$ prompt\n< 1\n<\n$ fail\n$ cat\n< line one\n<   two\n$ nothing\n');
    expect(t).toBe(
      [
        '### 1 $ echo a "b c"',
        'a|b c',
        '### 2 $ prompt',
        '### < 1',
        '### <',
        'Select an option: [1]',
        'Select an option: []',
        'Select an option: ',
        '--- no newline at end',
        '--- stderr',
        'EOF',
        '--- no newline at end',
        '--- exit 3',
        '### 3 $ fail',
        'Applying x...',
        '--- no newline at end',
        '--- stderr',
        'Traceback (most recent call last):',
        '  File "x", line 1',
        'ValueError: bad <function f at 0x...>',
        '--- exit 1',
        '### 4 $ cat',
        '### < line one',
        '### <   two',
        'line one',
        '  two',
        '### 5 $ nothing',
        '--- exit 99',
        '',
      ].join('\n'),
    );
  });

  test('an exception escaping the engine is recorded and the scenario goes on', async () => {
    const run = await runScenarioSource(source('$ crash\n$ echo after\n'), { conn, manage: fakeManage });
    expect(run.transcript).toBe('### 1 $ crash\npartial\n--- error: runner exception TypeError: engine bug\n### 2 $ echo after\nafter\n');
    expect(run.runnerErrors).toHaveLength(1);
    expect(run.runnerErrors[0]!.error).toContain('engine bug');
    const bad = await runScenarioSource(source('$ echo "unterminated\n'), { conn, manage: fakeManage });
    expect(bad.transcript).toBe('### 1 $ echo "unterminated\n--- error: runner exception ValueError: No closing quotation\n');
  });

  test('each $ step gets a new session, frozen time and $PROJECT', async () => {
    const t = await transcript('$ session\n$ session\n$ env\n');
    expect(t).toBe('### 1 $ session\npublic false\n### 2 $ session\npublic false\n### 3 $ env\n2026-01-02T03:04:05.000Z $PROJECT\n');
  });

  test('@ write, @ rm, @ tree', async () => {
    const t = await transcript(
      [
        '@ tree',
        '@ write shop/models.py files/01/shop/models.py',
        '@ write shop/migrations/__init__.py files/01/empty',
        '$ touch shop/migrations/0001_initial.py "x = 1"',
        '$ touch shop/migrations/sub/data.txt "nested\\n"',
        '$ touch other/migrations/0001_initial.py "no init"',
        '@ tree',
        '@ write a/b.py files/missing.py',
        '@ rm shop/migrations/sub',
        '@ rm nothing/here',
        '@ write ../outside.py files/01/empty',
        '@ tree',
      ].join('\n'),
      {},
      { 'files/01/shop/models.py': 'class M: pass\n', 'files/01/empty': '' },
    );
    expect(t).toBe(
      [
        '### 1 @ tree',
        '(no migrations folders)',
        '### 2 @ write shop/models.py files/01/shop/models.py',
        '### 3 @ write shop/migrations/__init__.py files/01/empty',
        '### 4 $ touch shop/migrations/0001_initial.py "x = 1"',
        '### 5 $ touch shop/migrations/sub/data.txt "nested\\n"',
        '### 6 $ touch other/migrations/0001_initial.py "no init"',
        '### 7 @ tree',
        '=== shop/migrations/0001_initial.py',
        'x = 1',
        '--- no newline at end',
        '=== shop/migrations/__init__.py',
        '=== shop/migrations/sub/data.txt',
        'nested\\n',
        '--- no newline at end',
        '### 8 @ write a/b.py files/missing.py',
        '--- error: no such file files/missing.py',
        '### 9 @ rm shop/migrations/sub',
        '### 10 @ rm nothing/here',
        '--- error: no such file nothing/here',
        '### 11 @ write ../outside.py files/01/empty',
        '--- error: runner exception ValueError: path escapes the project: ../outside.py',
        '### 12 @ tree',
        '=== shop/migrations/0001_initial.py',
        'x = 1',
        '--- no newline at end',
        '=== shop/migrations/__init__.py',
        '',
      ].join('\n'),
    );
  });

  test('@ sql and @ schema', async () => {
    const t = await transcript(
      [
        '@ sql CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, s varchar(10) UNIQUE)',
        "@ sql INSERT INTO t (s) VALUES ('a'), (NULL)",
        '@ sql SELECT id, s, s IS NULL AS n FROM t ORDER BY id',
        "@ sql INSERT INTO t (id, s) VALUES (1, 'b')",
        '@ sql SELECT nope FROM t',
        '@ schema',
      ].join('\n'),
    );
    expect(t).toBe(
      [
        '### 1 @ sql CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, s varchar(10) UNIQUE)',
        'CREATE TABLE',
        "### 2 @ sql INSERT INTO t (s) VALUES ('a'), (NULL)",
        'INSERT 0 2',
        '### 3 @ sql SELECT id, s, s IS NULL AS n FROM t ORDER BY id',
        'id | s | n',
        '1 | a | f',
        '2 | NULL | t',
        '(2 rows)',
        "### 4 @ sql INSERT INTO t (id, s) VALUES (1, 'b')",
        '--- error',
        'ERROR:  duplicate key value violates unique constraint "t_pkey"',
        'DETAIL:  Key (id)=(1) already exists.',
        '### 5 @ sql SELECT nope FROM t',
        '--- error',
        'ERROR:  column "nope" does not exist',
        'LINE 1: SELECT nope FROM t',
        '               ^',
        '### 6 @ schema',
        'schema public',
        '  table t',
        '    column id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY',
        '    column s character varying(10)',
        '    index CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)',
        '    index CREATE UNIQUE INDEX t_s_key ON public.t USING btree (s)',
        '    constraint t_pkey PRIMARY KEY (id)',
        '    constraint t_s_key UNIQUE (s)',
        '  sequence t_id_seq bigint start 1 increment 1 last_value 2 owned by public.t.id (identity)',
        'django_migrations: no such table',
        '',
      ].join('\n'),
    );
  });

  test('every scenario starts from a fresh database', async () => {
    await transcript('@ sql CREATE TABLE leftover (x int)\n');
    expect(await transcript('@ schema\n')).toBe('### 1 @ schema\nschema public\ndjango_migrations: no such table\n');
  });
});

describe('comparison rules (tools/parity.py)', () => {
  test('norm: header line, UUIDs, tracebacks by first and last line', () => {
    const a = [
      '# Generated by Django 5.2.18 on 2026-01-02 03:04',
      "default=uuid.UUID('3f2c6a1e-8b1d-4c2e-9f0a-1b2c3d4e5f60')",
      'Traceback (most recent call last):',
      '  File "$PROJECT/manage.py", line 22, in <module>',
      '    main()',
      '    ^^^^^^',
      '',
      'django.db.utils.IntegrityError: duplicate key',
      'DETAIL:  Key (id)=(1) already exists.',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "x.py", line 1, in f',
      'ValueError: x',
    ].join('\n');
    const b = [
      "default=uuid.UUID('00000000-1111-2222-3333-444444444444')",
      'Traceback (most recent call last):',
      '  File "/project/manage.py", line 1, in <module>',
      'django.db.utils.IntegrityError: duplicate key',
      'DETAIL:  Key (id)=(1) already exists.',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      'ValueError: x',
      '',
    ].join('\n');
    expect(norm(a)).toBe(norm(b));
    expect(norm('x\nValueError: y')).not.toBe(norm('x\nValueError: z'));
  });

  test('blocks and per-step / per-file results', () => {
    const exp = '### 1 $ a\nout\n### 2 @ tree\n=== x\n';
    expect([...blocks(exp)]).toEqual([
      [1, { line: '$ a', body: 'out' }],
      [2, { line: '@ tree', body: '=== x' }],
    ]);
    const c = compareScenario('s', exp, '### 1 $ a\nout\n\n### 2 @ tree\n=== y\n', new Map([['a/migrations/0001.py', '# Generated by x\nA\n']]), new Map([['a/migrations/0001.py', 'A']]));
    expect(c.steps.map((s) => s.ok)).toEqual([true, false]);
    expect(c.files).toEqual([{ path: 'a/migrations/0001.py', ok: true, missing: false }]);
    expect(c.identical).toBe(false);
  });
});
