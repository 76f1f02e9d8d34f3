/**
 * Authoring tool for lessons (Node):
 *
 *   npx tsx src/lessons/cli.ts check                     parse every lesson, list problems
 *   npx tsx src/lessons/cli.ts run [lesson…]             run solution paths, print every command's output
 *   npx tsx src/lessons/cli.ts export <lesson> <dir>     write the solution path as a parity scenario
 *
 * `<lesson>` is a folder name or its number prefix (`01`). An exported scenario runs through
 * real Django with `shared/oracle/run.sh <dir>` and through the engine with `npm run scenario`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshPGlite } from '../parity/fresh-db.ts';
import { EngineLessonHost } from './engine-host.ts';
import { describeReport, runLessonSolution } from './headless.ts';
import { commandLine } from './host.ts';
import { lessonProblems } from './lesson.ts';
import { loadAllLessons } from './node.ts';
import { lessonToScenario } from './scenario.ts';
import type { Lesson } from './types.ts';

function pick(all: Lesson[], names: string[]): Lesson[] {
  if (!names.length) return all;
  return names.map((n) => {
    const l = all.find((x) => x.folder === n || x.folder.startsWith(n + '-') || x.id === n);
    if (!l) throw new Error(`no lesson ${n}`);
    return l;
  });
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const all = loadAllLessons();
  if (cmd === 'check') {
    let n = 0;
    for (const l of all) {
      for (const p of lessonProblems(l)) {
        n++;
        process.stdout.write(`${p.folder}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
      }
    }
    process.stdout.write(`${all.length} lessons, ${n} problems\n`);
    return n ? 1 : 0;
  }
  if (cmd === 'export') {
    const [name, dir] = rest;
    if (!name || !dir) throw new Error('usage: export <lesson> <dir>');
    const lesson = pick(all, [name])[0]!;
    const sc = lessonToScenario(lesson);
    fs.rmSync(path.join(dir, 'project'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'files'), { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'steps'), sc.steps);
    for (const [p, c] of sc.files) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), c);
    }
    return 0;
  }
  if (cmd === 'run') {
    const conn = await freshPGlite();
    let failed = 0;
    try {
      for (const lesson of pick(all, rest)) {
        const host = new EngineLessonHost(conn, { onOutput: (t) => process.stdout.write(t) });
        const run = host.runCommand.bind(host);
        host.runCommand = (a, stdin = []) => {
          process.stdout.write(`\n$ ${commandLine(a)}\n${stdin.map((s) => `< ${s}\n`).join('')}`);
          return run(a, stdin);
        };
        const exec = host.execSql.bind(host);
        host.execSql = (sql, o) => {
          if (o?.visible) process.stdout.write(`\n@ sql ${sql}\n`);
          return exec(sql, o);
        };
        process.stdout.write(`\n######## ${lesson.folder}\n`);
        const report = await runLessonSolution(lesson, host, {
          onStep: (s) => process.stdout.write(`\n#### step ${s.id}: ${s.ok ? 'ok' : 'FAILED'} (${s.ms.toFixed(0)} ms)\n`),
        });
        const t0 = performance.now();
        await report.session.reset();
        const resetMs = performance.now() - t0;
        process.stdout.write(`\n${describeReport(report)}\nsetup ${report.setupMs.toFixed(0)} ms, reset ${resetMs.toFixed(1)} ms\n`);
        if (!report.ok) failed++;
      }
    } finally {
      await conn.close();
    }
    return failed ? 1 : 0;
  }
  process.stderr.write('usage: cli.ts check | run [lesson…] | export <lesson> <dir>\n');
  return 2;
}

main(process.argv.slice(2)).then(
  (s) => (process.exitCode = s),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
