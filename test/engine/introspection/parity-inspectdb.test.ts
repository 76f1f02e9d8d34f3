/**
 * The inspectdb/search_path scenarios of test/parity-inspectdb/ (recorded with real Django 5.2.18
 * on PGlite by shared/oracle/run.sh), run against the engine and compared by the rules of
 * shared/tools/parity.py. Every one must match completely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { compareScenario, stepDiff, summaryLine } from '../../../src/parity/compare.ts';
import { freshPGlite } from '../../../src/parity/fresh-db.ts';
import { runScenario } from '../../../src/parity/runner.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../parity-inspectdb');

const scenarios = fs
  .readdirSync(CORPUS)
  .filter((d) => fs.existsSync(path.join(CORPUS, d, 'steps')) && fs.existsSync(path.join(CORPUS, d, 'expected')))
  .sort();

function expectedFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    if (!fs.existsSync(abs)) return;
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.name === '__pycache__') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else files.set(r, fs.readFileSync(path.join(abs, e.name), 'utf8'));
    }
  };
  walk(path.join(dir, 'expected', 'project'), '');
  return files;
}

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await freshPGlite();
});
afterAll(async () => {
  await conn?.close();
});

test('the corpus is there', () => {
  expect(scenarios.length).toBeGreaterThan(0);
});

for (const name of scenarios) {
  test(
    `${name} matches Django`,
    async () => {
      const dir = path.join(CORPUS, name);
      const run = await runScenario(dir, { conn, reset: true, stepTimeoutMs: 120_000 });
      const cmp = compareScenario(name, fs.readFileSync(path.join(dir, 'expected', 'transcript.txt'), 'utf8'), run.transcript, expectedFiles(dir), run.files);
      expect(run.runnerErrors.map((e) => `step ${e.n}: ${e.error}`)).toEqual([]);
      if (!cmp.identical) {
        const bad = cmp.steps.find((s) => !s.ok);
        const badFiles = cmp.files.filter((f) => !f.ok).map((f) => f.path);
        throw new Error([summaryLine(cmp), bad ? stepDiff(bad) : '', badFiles.length ? `files differing: ${badFiles.join(', ')}` : ''].join('\n\n'));
      }
    },
    180_000,
  );
}
