/**
 * `npm run bench`: timings of the engine on the 200-model benchmark project (10 apps × 20
 * models, like ../shared/bench/gen_project.py) against the raw-SQL floor on PGlite.
 *
 * Measures: makemigrations; migrate; and executing the same DDL directly (the statements
 * sqlmigrate prints, sent as one script per migration). Targets from the developers' guide:
 * migrate within 1.3× of the raw-SQL floor, makemigrations well under Django's 0.6 s.
 */
import { PGlite } from '@electric-sql/pglite';
import { runManage } from '../../src/engine/api.ts';
import { PGliteConnection } from '../../src/engine/db/connection.ts';
import { frozenEnv } from '../../src/engine/env.ts';
import { benchProject } from './gen-project.ts';

async function fresh(): Promise<PGliteConnection> {
  const pg = await PGlite.create();
  return new PGliteConnection(pg);
}

async function manage(fs: ReturnType<typeof benchProject>, db: PGliteConnection, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runManage(argv, {
    fs,
    db,
    env: frozenEnv(),
    io: {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      readLine: async () => null,
      readAll: async () => '',
      isatty: false,
    },
  });
  return { code, out, err };
}

/** The statements of a sqlmigrate output (one per line ending in ';', comments dropped). */
function statements(script: string): string[] {
  return script.split('\n').filter((l) => l.endsWith(';') && !l.startsWith('--'));
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}

async function main(): Promise<void> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const fs = benchProject(10, 20);
  const db = await fresh();

  // makemigrations (first run writes the files; later runs find no changes)
  let t0 = performance.now();
  const mk = await manage(fs, db, ['makemigrations']);
  const makemigrationsMs = ms(t0);
  if (mk.code !== 0) throw new Error(`makemigrations failed: ${mk.err}`);
  const noChanges: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await manage(fs, db, ['makemigrations', '--check']);
    noChanges.push(ms(t0));
  }

  // The SQL of every migration, for the raw floor.
  const migrations = fs.list('').filter((d) => d.startsWith('app')).flatMap((app) =>
    fs
      .list(`${app}/migrations`)
      .filter((f) => /^\d{4}_.*\.py$/.test(f))
      .map((f) => [app, f.slice(0, 4)] as const),
  );
  const scripts: string[] = [];
  for (const [app, num] of migrations) {
    const r = await manage(fs, db, ['sqlmigrate', app, num]);
    if (r.code !== 0) throw new Error(`sqlmigrate ${app} ${num} failed: ${r.err}`);
    scripts.push(r.out);
  }

  const migrateTimes: number[] = [];
  const rawTimes: number[] = [];
  const rawStatementTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await fresh();
    t0 = performance.now();
    const r = await manage(fs, m, ['migrate']);
    migrateTimes.push(ms(t0));
    if (r.code !== 0) throw new Error(`migrate failed: ${r.err}`);
    await m.close();

    const raw = await fresh();
    t0 = performance.now();
    // Order: the plan migrate used; sqlmigrate scripts are per migration in the same order.
    const order = r.out
      .split('\n')
      .map((l) => /Applying (\w+)\.(\d{4})/.exec(l))
      .filter((x): x is RegExpExecArray => x !== null)
      .map((x) => migrations.findIndex(([a, n]) => a === x[1] && n === x[2]));
    for (const idx of order) raw.execute(scripts[idx]!);
    rawTimes.push(ms(t0));
    await raw.close();

    // The same statements one by one, each in its migration's transaction (what migrate sends).
    const rawS = await fresh();
    t0 = performance.now();
    for (const idx of order) {
      for (const stmt of statements(scripts[idx]!)) rawS.execute(stmt);
    }
    rawStatementTimes.push(ms(t0));
    await rawS.close();
  }
  const best = (xs: number[]) => Math.min(...xs);
  const report = {
    project: '10 apps × 20 models',
    migrations: migrations.length,
    makemigrations_ms: makemigrationsMs,
    makemigrations_no_changes_ms: best(noChanges),
    migrate_ms: best(migrateTimes),
    raw_sql_script_ms: best(rawTimes),
    raw_sql_statements_ms: best(rawStatementTimes),
    migrate_over_raw_statements: +(best(migrateTimes) / best(rawStatementTimes)).toFixed(2),
    migrate_over_raw_script: +(best(migrateTimes) / best(rawTimes)).toFixed(2),
  };
  console.log(JSON.stringify(report, null, 2));
  await db.close();
}

await main();
