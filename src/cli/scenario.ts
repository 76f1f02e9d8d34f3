/**
 * `npm run -s scenario -- <scenario-dir> <out-dir>`: runs one parity scenario on a fresh in-memory
 * PGlite and writes <out-dir>/transcript.txt and <out-dir>/project/<app>/migrations/… (the layout
 * of the scenario's expected/). Exits 0 whatever the engine printed; only harness failures
 * (unreadable scenario, PGlite failing to start) exit non-zero. Exceptions that escaped the
 * engine are recorded in the transcript and their stacks printed on stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshPGlite } from '../parity/fresh-db.ts';
import { runScenario } from '../parity/runner.ts';

const USAGE = 'usage: npm run -s scenario -- [--verbose] SCENARIO_DIR OUT_DIR';

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const args = argv.filter((a) => a !== '--verbose' && a !== '-v');
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const [scenarioDir, outDir] = args as [string, string];
  if (!fs.existsSync(path.join(scenarioDir, 'steps'))) {
    process.stderr.write(`scenario: no steps file in ${scenarioDir}\n${USAGE}\n`);
    return 2;
  }
  const conn = await freshPGlite();
  try {
    const run = await runScenario(scenarioDir, {
      conn,
      outDir,
      reset: false, // a brand-new database already
      onStep: verbose
        ? (n, step, _body, ms) => process.stderr.write(`${String(n).padStart(3)} ${ms.toFixed(0).padStart(6)} ms  ${step.line}\n`)
        : undefined,
    });
    for (const e of run.runnerErrors) {
      process.stderr.write(`step ${e.n} (${e.line}): runner exception\n${e.error}\n`);
    }
    if (verbose) process.stderr.write(`${run.name}: ${run.timings.length} steps in ${run.totalMs.toFixed(0)} ms\n`);
  } finally {
    await conn.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`scenario: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
