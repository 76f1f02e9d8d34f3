/**
 * The ORM/shell scenarios under test/parity-extra/ (same format as test/parity/, recorded
 * with real Django 5.2 by shared/oracle/run.sh): each must match Django completely.
 *
 * Run one: `npx vitest run test/engine/orm/parity-extra -t 01-orm`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { compareScenario, stepDiff, summaryLine } from '../../../src/parity/compare.ts';
import { freshPGlite } from '../../../src/parity/fresh-db.ts';
import { runScenario } from '../../../src/parity/runner.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../parity-extra');

const scenarios = fs.existsSync(DIR)
  ? fs
      .readdirSync(DIR)
      .filter((d) => fs.existsSync(path.join(DIR, d, 'steps')) && fs.existsSync(path.join(DIR, d, 'expected')))
      .sort()
  : [];

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

let conn: PGliteConnection | undefined;

beforeAll(async () => {
  conn = await freshPGlite();
});

afterAll(async () => {
  await conn?.close();
});

for (const name of scenarios) {
  const dir = path.join(DIR, name);
  test(
    `${name} matches Django`,
    async () => {
      const run = await runScenario(dir, { conn: conn!, reset: true, stepTimeoutMs: 120_000 });
      const cmp = compareScenario(
        name,
        fs.readFileSync(path.join(dir, 'expected', 'transcript.txt'), 'utf8'),
        run.transcript,
        expectedFiles(dir),
        run.files,
      );
      expect(run.completed).toBe(true);
      if (!cmp.identical) {
        const parts = [summaryLine(cmp)];
        for (const bad of cmp.steps.filter((s) => !s.ok).slice(0, 3)) parts.push(stepDiff(bad));
        const badFiles = cmp.files.filter((f) => !f.ok).map((f) => `${f.path}${f.missing ? ' (missing)' : ''}`);
        if (badFiles.length) parts.push(`files differing: ${badFiles.join(', ')}`);
        for (const e of run.runnerErrors.slice(0, 3)) parts.push(`runner exception at step ${e.n} (${e.line}):\n${e.error}`);
        throw new Error(parts.join('\n\n'));
      }
    },
    180_000,
  );
}
