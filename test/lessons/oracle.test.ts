/**
 * The lessons against real Django: each lesson's solution path is exported as a parity scenario
 * (src/lessons/scenario.ts) under test/lessons/scenarios/<lesson>/, recorded there by real
 * Django 5.2.18 (shared/oracle/run.sh), and here run through the engine and compared step by step
 * (the rules of test/parity/README.md). So every command output a lesson quotes, and every `? sql`
 * and `? probe` check, is what Django itself prints.
 *
 * After changing a lesson's steps or solution files:
 *   npx tsx src/lessons/cli.ts export <nn> test/lessons/scenarios/<nn-slug>
 *   shared/oracle/run.sh test/lessons/scenarios/<nn-slug>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { compareScenario, stepDiff } from '../../src/parity/compare.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { loadScenario, runScenarioSource } from '../../src/parity/runner.ts';
import { loadAllLessons, readLessonFiles } from '../../src/lessons/node.ts';
import { lessonToScenario } from '../../src/lessons/scenario.ts';

const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');
const lessons = loadAllLessons();
let conn: PGliteConnection;

beforeAll(async () => {
  conn = await freshPGlite();
});

afterAll(async () => {
  await conn?.close();
});

for (const lesson of lessons) {
  const dir = path.join(SCENARIOS, lesson.folder);
  test(`${lesson.folder}: the recorded scenario is the lesson's current solution path`, () => {
    expect(fs.existsSync(path.join(dir, 'steps')), `missing ${dir}: export and record it`).toBe(true);
    const exported = lessonToScenario(lesson);
    expect(fs.readFileSync(path.join(dir, 'steps'), 'utf8'), 'steps changed: export and record again').toBe(exported.steps);
    const onDisk = readLessonFiles(dir);
    for (const [p, c] of exported.files) expect(onDisk.get(p), `${p} changed: export and record again`).toBe(c);
  });

  test(`${lesson.folder}: the engine prints what Django printed`, async () => {
    const expectedDir = path.join(dir, 'expected');
    expect(fs.existsSync(expectedDir), `not recorded: shared/oracle/run.sh ${dir}`).toBe(true);
    const run = await runScenarioSource(loadScenario(dir), { conn });
    const files = new Map<string, string>();
    for (const [p, c] of readLessonFiles(path.join(expectedDir, 'project'))) files.set(p, c);
    const cmp = compareScenario(lesson.folder, fs.readFileSync(path.join(expectedDir, 'transcript.txt'), 'utf8'), run.transcript, files, run.files);
    const bad = cmp.steps.filter((s) => !s.ok).slice(0, 3).map((s) => stepDiff(s)).join('\n\n');
    expect(cmp.steps.filter((s) => !s.ok).map((s) => `${s.n} ${s.line}`), bad).toEqual([]);
    expect(cmp.files.filter((f) => !f.ok).map((f) => f.path)).toEqual([]);
  });
}
