/**
 * The parity suite: every scenario under test/parity/ runs in-process against the engine (one
 * shared PGlite, reset between scenarios) and is compared with what real Django 5.2 recorded, by
 * the rules of shared/tools/parity.py.
 *
 * Per scenario two tests:
 *   "<name> runs to the end"  the harness ran every step (always required);
 *   "<name> matches Django"   every step and every migrations file matches; scenarios listed in
 *                             EXPECTED_FAILURES run as `test.fails` (they must really fail:
 *                             remove a scenario from the list as soon as it passes).
 *
 * Run one scenario: `npx vitest run test/parity -t 10-add-field`. PARITY_FRESH=1 gives every
 * scenario a brand-new PGlite instead of the shared, reset one (slower, for suspected reset effects).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { summaryLine, type ScenarioComparison } from '../../src/parity/compare.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import type { ScenarioRun } from '../../src/parity/runner.ts';
import { mismatchReport, runAndCompare, scenarioNames } from '../helpers/corpus.ts';

/** Scenarios that do not match Django yet. Remove entries as they start passing. */
const EXPECTED_FAILURES: string[] = [];

const PARITY_DIR = path.dirname(fileURLToPath(import.meta.url));
const FRESH_INSTANCE = process.env.PARITY_FRESH === '1';
const SCENARIO_TIMEOUT_MS = 180_000;

const scenarios = scenarioNames(PARITY_DIR);

let shared: PGliteConnection | undefined;

function healthy(conn: PGliteConnection): boolean {
  try {
    conn.newSession();
    return conn.execute('SELECT 1').rows[0]?.[0] === '1';
  } catch {
    return false;
  }
}
const results = new Map<string, { run: ScenarioRun; cmp: ScenarioComparison }>();

beforeAll(async () => {
  if (!FRESH_INSTANCE) shared = await freshPGlite();
});

afterAll(async () => {
  await shared?.close();
  let steps = 0;
  let stepsOk = 0;
  let files = 0;
  let filesOk = 0;
  let identical = 0;
  let ms = 0;
  for (const { cmp, run } of results.values()) {
    steps += cmp.steps.length;
    stepsOk += cmp.stepsOk;
    files += cmp.files.length;
    filesOk += cmp.filesOk;
    identical += cmp.identical ? 1 : 0;
    ms += run.totalMs;
  }
  if (results.size) {
    const pct = steps ? ((100 * stepsOk) / steps).toFixed(1) : '0.0';
    console.log(
      `parity: ${stepsOk}/${steps} steps (${pct}%), ${filesOk}/${files} files, ${identical}/${results.size} scenarios identical` +
        ` (${(ms / 1000).toFixed(1)} s in scenarios)`,
    );
  }
});

test('EXPECTED_FAILURES names existing scenarios', () => {
  expect(EXPECTED_FAILURES.filter((n) => !scenarios.includes(n))).toEqual([]);
});

for (const name of scenarios) {
  const dir = path.join(PARITY_DIR, name);

  test(
    `${name} runs to the end`,
    async () => {
      const conn = shared ?? (await freshPGlite());
      try {
        const { run, cmp } = await runAndCompare(dir, conn);
        results.set(name, { run, cmp });
        const crashes = run.runnerErrors.length ? `, ${run.runnerErrors.length} runner exceptions` : '';
        console.log(`${summaryLine(cmp)}  (${run.totalMs.toFixed(0)} ms${crashes})`);
        expect(run.completed).toBe(true);
        expect(run.timings.length).toBe(cmp.steps.length);
      } finally {
        if (!shared) await conn.close();
        else if (!healthy(shared)) {
          // an engine bug broke the shared database (e.g. a wasm trap): the next scenarios get a new one
          await shared.close().catch(() => undefined);
          shared = await freshPGlite();
        }
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  const matches = EXPECTED_FAILURES.includes(name) ? test.fails : test;
  matches(`${name} matches Django`, () => {
    const r = results.get(name);
    if (!r) throw new Error(`${name} did not run`);
    if (!r.cmp.identical) throw new Error(mismatchReport(r.run, r.cmp));
  });
}
