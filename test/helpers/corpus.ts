/**
 * A vitest suite for a folder of recorded scenarios (the format of test/parity/, recorded with
 * real Django by shared/oracle/run.sh): one test per scenario, run in-process on a shared PGlite
 * reset between scenarios, compared by the rules of shared/tools/parity.py. Every scenario must
 * match completely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { compareScenario, stepDiff, summaryLine, type ScenarioComparison } from '../../src/parity/compare.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { runScenario, type ScenarioRun } from '../../src/parity/runner.ts';

/** The scenario folders (those with `steps` and `expected/`) of a corpus, sorted. */
export function scenarioNames(corpus: string): string[] {
  if (!fs.existsSync(corpus)) return [];
  return fs
    .readdirSync(corpus)
    .filter((d) => fs.existsSync(path.join(corpus, d, 'steps')) && fs.existsSync(path.join(corpus, d, 'expected')))
    .sort();
}

/** Every file under a scenario's expected/project/, by relative path. */
export function expectedFiles(dir: string): Map<string, string> {
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

/** Runs one scenario and compares it with its recording. */
export async function runAndCompare(dir: string, conn: PGliteConnection): Promise<{ run: ScenarioRun; cmp: ScenarioComparison }> {
  const run = await runScenario(dir, { conn, reset: true, stepTimeoutMs: 120_000 });
  const cmp = compareScenario(path.basename(dir), fs.readFileSync(path.join(dir, 'expected', 'transcript.txt'), 'utf8'), run.transcript, expectedFiles(dir), run.files);
  return { run, cmp };
}

/** What went wrong, readably: the first differing steps, differing files, runner exceptions. */
export function mismatchReport(run: ScenarioRun, cmp: ScenarioComparison): string {
  const parts = [summaryLine(cmp)];
  for (const bad of cmp.steps.filter((s) => !s.ok).slice(0, 3)) parts.push(stepDiff(bad));
  const badFiles = cmp.files.filter((f) => !f.ok).map((f) => `${f.path}${f.missing ? ' (missing)' : ''}`);
  if (badFiles.length) parts.push(`files differing: ${badFiles.join(', ')}`);
  for (const e of run.runnerErrors.slice(0, 3)) parts.push(`runner exception at step ${e.n} (${e.line}):\n${e.error}`);
  return parts.join('\n\n');
}

/** Registers one "matches Django" test per scenario of `corpus`. */
export function corpusSuite(corpus: string): void {
  let conn: PGliteConnection | undefined;
  beforeAll(async () => {
    conn = await freshPGlite();
  });
  afterAll(async () => {
    await conn?.close();
  });
  for (const name of scenarioNames(corpus)) {
    test(
      `${name} matches Django`,
      async () => {
        const { run, cmp } = await runAndCompare(path.join(corpus, name), conn!);
        expect(run.completed).toBe(true);
        if (!cmp.identical) throw new Error(mismatchReport(run, cmp));
      },
      180_000,
    );
  }
}
