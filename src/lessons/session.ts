/**
 * One lesson being worked through on a LessonHost: start (starting files + setup), checks after
 * each command and save, ticks, "Solve step", "Reset lesson" (database snapshot), progress.
 * Framework-agnostic: the Svelte pane and the headless runner drive the same class.
 */
import { evaluateChecks, type CheckResult } from './checks.ts';
import { commandLine, type CommandRecord, type LessonHost } from './host.ts';
import { emptyProgress, type LessonProgress, type ProgressStore } from './progress.ts';
import type { Action, Lesson, Step } from './types.ts';

export class LessonSetupError extends Error {
  constructor(
    readonly action: Action,
    message: string,
  ) {
    super(`${action.line} (steps:${action.lineno}): ${message}`);
    this.name = 'LessonSetupError';
  }
}

/** A file the solution of a step writes, next to the learner's version (for the diff). */
export interface SolutionFile {
  path: string;
  solution: string;
  /** The learner's file now (undefined: it does not exist). */
  current: string | undefined;
}

/** What "Show solution" shows: the files to write and the commands to run, in order. */
export interface SolutionView {
  files: SolutionFile[];
  /** Terminal lines (`python manage.py makemigrations`), with answers to questions. */
  commands: { line: string; stdin: string[] }[];
  /** Statements run outside Django (`@ sql`). */
  sql: string[];
  /** Files removed. */
  removed: string[];
}

export type SessionEvent = 'evaluated' | 'progress' | 'reset' | 'busy';

export interface SessionTimings {
  /** The last reset: files, database, total (ms). */
  reset?: { files: number; database: number; total: number; snapshot: boolean };
  setup?: number;
}

export class LessonSession {
  readonly log: CommandRecord[] = [];
  readonly completed = new Set<string>();
  readonly solved = new Set<string>();
  /** The last results of each evaluated step. */
  readonly results = new Map<string, CheckResult[]>();
  readonly timings: SessionTimings = {};
  busy = false;
  private snapshot: unknown = null;
  private startFiles: Record<string, string> | null = null;
  private unsubscribe: (() => void)[] = [];
  private listeners = new Set<(e: SessionEvent) => void>();
  private evaluating: Promise<void> | null = null;
  private evaluateAgain = false;
  private started = false;

  constructor(
    readonly lesson: Lesson,
    readonly host: LessonHost,
    private readonly store: ProgressStore | null = null,
  ) {}

  get steps(): Step[] {
    return this.lesson.script.steps;
  }

  /** The index of the first step not completed (steps.length when the lesson is done). */
  get currentIndex(): number {
    const i = this.steps.findIndex((s) => !this.completed.has(s.id));
    return i < 0 ? this.steps.length : i;
  }

  get currentStep(): Step | undefined {
    return this.steps[this.currentIndex];
  }

  get finished(): boolean {
    return this.currentIndex >= this.steps.length;
  }

  on(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  /**
   * Puts the sandbox at the lesson's start: its files, an empty database and the setup. With
   * `resume`, a lesson left earlier comes back: the database is rebuilt by replaying the solution
   * of the steps completed then, and the learner's files are restored.
   */
  async start(opts: { resume?: boolean } = {}): Promise<void> {
    this.subscribe();
    await this.withBusy(async () => {
      const t0 = now();
      await this.host.replaceFiles(this.lesson.project);
      await this.host.resetDatabase();
      await this.runActions(this.lesson.script.setup, 'setup');
      this.snapshot = this.host.snapshotDatabase ? await this.host.snapshotDatabase() : null;
      this.startFiles = await this.readAllFiles();
      this.timings.setup = now() - t0;
      this.log.length = 0;
      this.completed.clear();
      this.solved.clear();
      this.results.clear();
      const saved = opts.resume ? this.store?.get(this.lesson.id) : undefined;
      if (saved && (saved.completed.length || saved.files)) {
        for (const step of this.steps) {
          if (!saved.completed.includes(step.id)) break;
          await this.runActions(step.actions, 'silent');
          this.completed.add(step.id);
          if (saved.solved.includes(step.id)) this.solved.add(step.id);
        }
        if (saved.files) await this.host.replaceFiles(saved.files);
      }
    });
    this.emit('reset');
    await this.evaluate();
  }

  /**
   * Picks up a lesson whose files and database are already in the sandbox (the page was reloaded):
   * the ticks come from the progress store, nothing is replaced. "Reset lesson" then rebuilds
   * the start from the setup, there being no snapshot.
   */
  async attach(): Promise<void> {
    this.subscribe();
    const saved = this.store?.get(this.lesson.id);
    this.completed.clear();
    this.solved.clear();
    for (const step of this.steps) {
      if (!saved?.completed.includes(step.id)) break;
      this.completed.add(step.id);
      if (saved.solved.includes(step.id)) this.solved.add(step.id);
    }
    this.emit('reset');
    await this.evaluate();
  }

  private subscribe(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribe.push(
      this.host.onCommand((rec) => {
        this.log.push(rec);
        void this.evaluate();
      }),
    );
    if (this.host.onChange) this.unsubscribe.push(this.host.onChange(() => void this.evaluate()));
  }

  /** Stops listening to the host (the learner switched lessons); saves their work first. */
  async leave(): Promise<void> {
    await this.saveProgress(true);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.started = false;
  }

  /** Back to the lesson's start: starting files, the database snapshot, no ticks. */
  async reset(): Promise<void> {
    await this.withBusy(async () => {
      const t0 = now();
      await this.host.replaceFiles(this.startFiles ?? this.lesson.project);
      const t1 = now();
      let usedSnapshot = false;
      if (this.snapshot !== null && this.host.restoreDatabase) {
        await this.host.restoreDatabase(this.snapshot);
        usedSnapshot = true;
      } else {
        await this.host.resetDatabase();
        await this.runActions(this.lesson.script.setup, 'setup');
        if (this.startFiles) await this.host.replaceFiles(this.startFiles);
      }
      const t2 = now();
      this.timings.reset = { files: t1 - t0, database: t2 - t1, total: t2 - t0, snapshot: usedSnapshot };
      this.log.length = 0;
      this.completed.clear();
      this.solved.clear();
      this.results.clear();
      this.store?.put({ ...emptyProgress(this.lesson.id), updatedAt: Date.now() });
    });
    this.emit('reset');
    await this.evaluate();
  }

  /**
   * Runs the checks of the current step; when they all pass the step is ticked and the next one
   * is checked too. Concurrent calls are folded into one more run.
   */
  evaluate(): Promise<void> {
    if (this.evaluating) {
      this.evaluateAgain = true;
      return this.evaluating;
    }
    const run = async () => {
      await Promise.resolve(); // this.evaluating is set before the loop starts
      try {
        do {
          this.evaluateAgain = false;
          if (this.busy) continue; // start, reset and solveStep evaluate when they are done
          for (;;) {
            const step = this.currentStep;
            if (!step) break;
            const results = await evaluateChecks(step.checks, this.host, this.log);
            this.results.set(step.id, results);
            if (!results.every((r) => r.ok)) break;
            this.completed.add(step.id);
          }
          this.emit('evaluated');
          await this.saveProgress(false);
        } while (this.evaluateAgain);
      } finally {
        this.evaluating = null;
      }
    };
    this.evaluating = run();
    return this.evaluating;
  }

  /** Applies the current step's solution (files, commands, SQL) and checks it. */
  async solveStep(): Promise<CheckResult[]> {
    const step = this.currentStep;
    if (!step) return [];
    await this.withBusy(() => this.runActions(step.actions, 'visible'));
    this.solved.add(step.id);
    await this.evaluate();
    return this.results.get(step.id) ?? [];
  }

  /** What the current (or a given) step's solution does, with the learner's files for a diff. */
  async solution(stepId?: string): Promise<SolutionView> {
    const step = stepId ? this.steps.find((s) => s.id === stepId) : this.currentStep;
    const view: SolutionView = { files: [], commands: [], sql: [], removed: [] };
    if (!step) return view;
    for (const a of step.actions) {
      if (a.kind === 'write') {
        view.files.push({ path: a.path, solution: this.lesson.files.get(a.source) ?? '', current: await this.host.readFile(a.path) });
      } else if (a.kind === 'command') view.commands.push({ line: commandLine(a.argv), stdin: a.stdin });
      else if (a.kind === 'sql') view.sql.push(a.sql);
      else if (a.kind === 'sqlfile') view.sql.push(this.lesson.files.get(a.source) ?? '');
      else view.removed.push(a.path);
    }
    return view;
  }

  /** Saves ticks (and, with `files`, the learner's files) to the progress store. */
  async saveProgress(files: boolean): Promise<void> {
    if (!this.store) return;
    const prev = this.store.get(this.lesson.id) ?? emptyProgress(this.lesson.id);
    const p: LessonProgress = {
      ...prev,
      completed: this.steps.filter((s) => this.completed.has(s.id)).map((s) => s.id),
      solved: [...this.solved],
      updatedAt: Date.now(),
    };
    if (files) p.files = await this.readAllFiles();
    this.store.put(p);
    this.emit('progress');
  }

  private async readAllFiles(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const p of await this.host.listFiles()) {
      const c = await this.host.readFile(p);
      if (c !== undefined) out[p] = c;
    }
    return out;
  }

  private async withBusy<T>(fn: () => Promise<T>): Promise<T> {
    this.busy = true;
    this.emit('busy');
    try {
      return await fn();
    } finally {
      this.busy = false;
      this.emit('busy');
    }
  }

  /**
   * Runs actions: `setup` and `silent` hide commands from the terminal and the log (a failing
   * setup command is an authoring error); `visible` runs them as the learner would.
   */
  async runActions(actions: readonly Action[], mode: 'setup' | 'silent' | 'visible'): Promise<void> {
    const file = (a: Action, source: string): string => {
      const content = this.lesson.files.get(source);
      if (content === undefined) throw new LessonSetupError(a, `no file ${source} in ${this.lesson.folder}`);
      return content;
    };
    for (const a of actions) {
      switch (a.kind) {
        case 'command': {
          const rec = mode === 'visible' ? await this.host.runCommand(a.argv, a.stdin) : await this.host.runSilently(a.argv, a.stdin);
          if (mode === 'setup' && rec.status !== 0) throw new LessonSetupError(a, `exit status ${rec.status}\n${rec.output}`);
          break;
        }
        case 'write':
          await this.host.writeFile(a.path, file(a, a.source));
          break;
        case 'rm':
          await this.host.removeFile(a.path);
          break;
        case 'sql':
          await this.host.execSql(a.sql, { visible: mode === 'visible' });
          break;
        case 'sqlfile':
          await this.host.execSql(file(a, a.source), { visible: mode === 'visible' });
          break;
      }
    }
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
