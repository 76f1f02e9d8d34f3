/**
 * Runs a lesson's solution path without a browser: setup, then for each step its checks (which
 * must not pass yet), its solution, its checks again (which must all pass). Used by
 * test/lessons/ and by `npx tsx src/lessons/cli.ts`.
 */
import type { CheckResult } from './checks.ts';
import type { LessonHost } from './host.ts';
import { LessonSession } from './session.ts';
import type { Lesson } from './types.ts';

export interface StepReport {
  id: string;
  /** Checks that already passed before the step's solution ran. */
  passedBefore: boolean;
  results: CheckResult[];
  ok: boolean;
  ms: number;
}

export interface LessonReport {
  lesson: string;
  setupMs: number;
  steps: StepReport[];
  ok: boolean;
  session: LessonSession;
}

export async function runLessonSolution(
  lesson: Lesson,
  host: LessonHost,
  opts: { onStep?: (r: StepReport) => void; stopAtFailure?: boolean } = {},
): Promise<LessonReport> {
  const session = new LessonSession(lesson, host);
  const t0 = performance.now();
  await session.start();
  const report: LessonReport = { lesson: lesson.folder, setupMs: performance.now() - t0, steps: [], ok: true, session };
  for (const step of lesson.script.steps) {
    const s0 = performance.now();
    const passedBefore = session.completed.has(step.id);
    if (session.currentStep?.id !== step.id && !passedBefore) {
      const r: StepReport = { id: step.id, passedBefore, results: [], ok: false, ms: 0 };
      report.steps.push(r);
      report.ok = false;
      opts.onStep?.(r);
      break;
    }
    let results: CheckResult[];
    if (passedBefore) {
      results = session.results.get(step.id) ?? [];
    } else {
      results = await session.solveStep();
    }
    const ok = session.completed.has(step.id) && !passedBefore;
    const r: StepReport = { id: step.id, passedBefore, results, ok, ms: performance.now() - s0 };
    report.steps.push(r);
    opts.onStep?.(r);
    if (!ok) {
      report.ok = false;
      if (opts.stopAtFailure !== false) break;
    }
  }
  if (!session.finished) report.ok = false;
  return report;
}

/** A readable account of a failed run, for test messages. */
export function describeReport(report: LessonReport): string {
  const lines = [`${report.lesson}: ${report.ok ? 'ok' : 'FAILED'}`];
  for (const s of report.steps) {
    lines.push(`  [${s.ok ? 'x' : ' '}] ${s.id}${s.passedBefore ? ' (its checks passed before the solution ran)' : ''}`);
    for (const r of s.results) {
      if (!r.ok) lines.push(`      ✗ ${r.check.line}\n        ${(r.detail ?? '').replace(/\n/g, '\n        ')}`);
    }
  }
  return lines.join('\n');
}
