/**
 * Every lesson's solution path, headless, through the real engine on PGlite (one shared database,
 * reset between lessons): the setup runs, then for each step its checks must fail, its solution
 * run and its checks pass, in order. Then "Reset lesson" must bring back the starting files and
 * database (timed: the target is < 100 ms).
 *
 * One lesson: `npx vitest run test/lessons/lessons.test.ts -t 01-first`.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { EngineLessonHost } from '../../src/lessons/engine-host.ts';
import { describeReport, runLessonSolution } from '../../src/lessons/headless.ts';
import { lessonProblems } from '../../src/lessons/lesson.ts';
import { loadAllLessons } from '../../src/lessons/node.ts';

const lessons = loadAllLessons();
let conn: PGliteConnection;
const timings: string[] = [];

beforeAll(async () => {
  conn = await freshPGlite();
});

afterAll(async () => {
  await conn?.close();
  if (timings.length) console.log(`lesson timings (solution path; reset = files + database):\n${timings.join('\n')}`);
});

test('the curriculum has its twelve lessons, in English and Russian', () => {
  expect(lessons.length).toBeGreaterThanOrEqual(12);
  for (const l of lessons) {
    expect(Object.keys(l.texts).sort(), l.folder).toEqual(expect.arrayContaining(['en', 'ru']));
  }
  expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
});

test('every lesson loads without problems', () => {
  const problems = lessons.flatMap(lessonProblems).map((p) => `${p.folder}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  expect(problems).toEqual([]);
});

for (const lesson of lessons) {
  test(`${lesson.folder}: the solution path passes every check, in order; reset restores the start`, async () => {
    const host = new EngineLessonHost(conn);
    const report = await runLessonSolution(lesson, host);
    expect(report.ok, describeReport(report)).toBe(true);
    const session = report.session;
    const stepsMs = report.steps.reduce((a, s) => a + s.ms, 0);

    // reset twice: the first restore warms up, the second is what a learner waits for
    await session.reset();
    await session.reset();
    const reset = session.timings.reset!;
    expect(session.currentIndex).toBe(0);
    expect(session.completed.size).toBe(0);
    expect(reset.snapshot).toBe(true);
    // the starting files are back …
    const files = Object.fromEntries(host.fs.files);
    const fresh = new EngineLessonHost(conn, {});
    const check = new (await import('../../src/lessons/session.ts')).LessonSession(lesson, fresh);
    await check.start();
    expect(files).toEqual(Object.fromEntries(fresh.fs.files));
    // … and the first step's checks fail again exactly as on a fresh start
    expect(session.results.get(lesson.script.steps[0]!.id)?.map((r) => r.ok)).toEqual(
      check.results.get(lesson.script.steps[0]!.id)?.map((r) => r.ok),
    );
    await check.leave();
    timings.push(
      `  ${lesson.folder.padEnd(28)} setup ${report.setupMs.toFixed(0).padStart(5)} ms  steps ${stepsMs.toFixed(0).padStart(5)} ms  ` +
        `reset ${reset.total.toFixed(1).padStart(6)} ms (database ${reset.database.toFixed(1)} ms)`,
    );
    expect(reset.total).toBeLessThan(250); // target < 100 ms; generous for slow CI machines
  });
}
