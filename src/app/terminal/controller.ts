/**
 * Glue between xterm, the line editor and the worker: a shell prompt when idle, a program's
 * stdin while a command runs (questions, dbshell), Ctrl+C as an interrupt (and a worker restart
 * when the command is stuck in synchronous code), history kept across visits.
 */
import type { Terminal } from '@xterm/xterm';
import type { InputMode, RunResult } from '../../worker/protocol.ts';
import { S } from '../i18n/strings.ts';
import { loadHistory, saveHistory } from '../lib/prefs.svelte.ts';
import type { SandboxClient } from '../lib/worker-client.ts';
import { LineEditor } from './line-editor.ts';

export interface ControllerDeps {
  client(): SandboxClient | null;
  ready(): boolean;
  readOnly(): boolean;
  /** Saves modified editor buffers before a command; returns their paths. */
  beforeRun(): Promise<string[]>;
  afterRun(result: RunResult | null): void;
  busy(b: boolean): void;
  restartWorker(): Promise<void>;
}

/** How long a worker may take to answer a ping after Ctrl+C before it is restarted. */
const INTERRUPT_GRACE_MS = 1500;
/** How long after Ctrl+C the worker is watched. */
const WATCH_MS = 15_000;

export class TerminalController {
  readonly editor: LineEditor;
  private running = false;
  private mode: InputMode = 'shell';
  private queued: string | null = null;
  private interruptTimer: ReturnType<typeof setTimeout> | null = null;
  private promptShown = false;

  constructor(
    private readonly term: Terminal,
    private readonly deps: ControllerDeps,
  ) {
    this.editor = new LineEditor({
      write: (d) => this.term.write(d),
      cols: () => this.term.cols,
      cursorX: () => this.term.buffer.active.cursorX,
      submit: (line) => void this.submit(line),
      interrupt: () => void this.interrupt(),
      eof: () => this.eof(),
      clearScreen: () => this.term.clear(),
      complete: async (line, cursor) => {
        const c = this.deps.client();
        if (!c || !this.deps.ready() || (this.running && this.mode === 'text')) return { from: cursor, candidates: [] };
        try {
          return await c.request({ type: 'complete', line, cursor, mode: this.running ? this.mode : 'shell' });
        } catch {
          return { from: cursor, candidates: [] };
        }
      },
    });
    this.editor.setHistory(loadHistory());
    term.onData((d) => this.onData(d));
  }

  get isRunning(): boolean {
    return this.running;
  }

  onData(data: string): void {
    if (this.running && this.editor.buffer === '') this.editor.begin('');
    this.editor.handle(data);
  }

  /** A worker event switched the program's input mode. */
  setMode(mode: InputMode): void {
    if (!this.running) return;
    this.mode = mode;
    this.editor.historyEnabled = mode !== 'text';
  }

  /** Prints the prompt on a fresh line and starts reading. */
  prompt(): void {
    this.promptShown = true;
    this.term.write('', () => {
      const prefix = this.term.buffer.active.cursorX !== 0 ? '\r\n' : '';
      this.term.write(prefix + S.terminal.prompt, () => this.editor.begin(S.terminal.prompt));
    });
  }

  welcome(): void {
    this.term.write(S.terminal.welcome('python manage.py makemigrations'));
    this.prompt();
  }

  /** The worker is ready: run a line typed while it was starting. */
  booted(): void {
    if (this.queued !== null) {
      const line = this.queued;
      this.queued = null;
      void this.execute(line);
    } else if (!this.promptShown) this.prompt();
  }

  private async submit(line: string): Promise<void> {
    if (this.running) {
      this.deps.client()?.request({ type: 'stdin', line }).catch(() => undefined);
      return;
    }
    this.editor.addHistory(line);
    saveHistory(this.editor.getHistory());
    const trimmed = line.trim();
    if (trimmed === '') return this.prompt();
    if (trimmed === 'history') {
      const h = this.editor.getHistory();
      const w = String(h.length).length;
      this.term.write(h.map((l, i) => `${String(i + 1).padStart(w + 2)}  ${l}`).join('\r\n') + '\r\n');
      return this.prompt();
    }
    if (this.deps.readOnly()) {
      this.term.write(S.terminal.readOnly);
      return this.prompt();
    }
    if (!this.deps.ready() || !this.deps.client()) {
      this.queued = line;
      this.running = true;
      this.deps.busy(true);
      return;
    }
    await this.execute(line);
  }

  /** Runs a command line (also used by buttons that type a command for the learner). */
  async execute(line: string): Promise<void> {
    const client = this.deps.client();
    if (!client) return;
    this.running = true;
    this.mode = 'shell';
    this.editor.historyEnabled = true;
    this.deps.busy(true);
    let result: RunResult | null = null;
    try {
      const saved = await this.deps.beforeRun();
      if (saved.length) this.term.write(`\x1b[2m${S.terminal.unsavedNote(saved).replace(/\n/g, '\r\n')}\x1b[0m`);
      result = await client.request({ type: 'run', line, cols: this.term.cols });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (!/restarted/.test(msg)) this.term.write(S.terminal.workerCrashed(msg).replace(/\n/g, '\r\n'));
    } finally {
      if (this.interruptTimer) clearTimeout(this.interruptTimer);
      this.interruptTimer = null;
      this.running = false;
      this.mode = 'shell';
      this.editor.historyEnabled = true;
      this.deps.busy(false);
      this.deps.afterRun(result);
      this.prompt();
    }
  }

  /** Types a line at the prompt and runs it (toolbar/diagram actions). */
  typeAndRun(line: string): void {
    if (this.running) return;
    this.editor.handle('\x15' + line + '\r');
  }

  private async interrupt(): Promise<void> {
    if (!this.running) return this.prompt();
    const client = this.deps.client();
    if (this.queued !== null) {
      this.queued = null;
      this.running = false;
      this.deps.busy(false);
      return this.prompt();
    }
    if (!client) return;
    client.request({ type: 'interrupt' }).catch(() => undefined);
    this.watchdog(client);
  }

  /**
   * After Ctrl+C, checks for a while that the worker still answers: a command stuck in
   * synchronous code (a long SQL statement, a loop) cannot, and only a restart stops it.
   */
  private watchdog(client: SandboxClient): void {
    if (this.interruptTimer) return;
    const until = Date.now() + WATCH_MS;
    const tick = () => {
      this.interruptTimer = null;
      if (!this.running || Date.now() > until) return;
      let answered = false;
      client.request({ type: 'ping' }).then(
        () => (answered = true),
        () => undefined,
      );
      this.interruptTimer = setTimeout(() => {
        if (!this.running) {
          this.interruptTimer = null;
          return;
        }
        if (!answered) {
          this.interruptTimer = null;
          this.term.write('\r\n' + S.terminal.interruptedRestart.replace(/\n/g, '\r\n'));
          void this.deps.restartWorker();
          return;
        }
        tick();
      }, INTERRUPT_GRACE_MS);
    };
    tick();
  }

  private eof(): void {
    if (this.running) this.deps.client()?.request({ type: 'stdin', line: null }).catch(() => undefined);
  }
}
