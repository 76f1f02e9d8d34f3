/**
 * The sandbox: the learner's project files, the database connection and the one command that may
 * be running. Independent of the Web Worker around it (worker.ts) so that tests drive it in Node
 * with a PGlite of their own.
 */
import { runManage, type CommandIO } from '../engine/api.ts';
import { resetDatabase, type PGliteConnection } from '../engine/db/connection.ts';
import { systemEnv, type Env } from '../engine/env.ts';
import { MemoryFS, normalizePath, type ProjectFS } from '../engine/project/fs.ts';
import { Project } from '../engine/project/project.ts';
import { MigrationLoader } from '../engine/migrations/loader.ts';
import { formatTraceback, toPythonException } from '../engine/commands/errors.ts';
import { commandNames } from '../engine/commands/index.ts';
import { KeyboardInterruptClass, PyDict, pyError } from '../engine/python/objects.ts';
import { S } from '../app/i18n/strings.ts';
import { complete, type CompletionSource } from './complete.ts';
import { DbShell, Interrupted } from './dbshell.ts';
import { outputDiagnostics, syntaxDiagnostics } from './diagnostics.ts';
import { rowsPage, schemaSnapshot } from './explorer.ts';
import { migrationGraph } from './graph.ts';
import type { Completion, Diagnostic, InputMode, MigrationGraphData, RowsPage, RunResult, SchemaSnapshot, WorkerEvent } from './protocol.ts';
import { ShellSyntaxError, builtinCat, builtinEcho, builtinLs, builtinRm, manageArgs, parseCommandLine, type BuiltinContext } from './shell.ts';

/**
 * Runs the engine's start-up paths once (parser, interpreter, settings, models, loader) so the
 * first command does not pay for them; called while PGlite is still loading. Errors are the
 * learner's to see later, from a real command.
 */
export function prewarm(files: Record<string, string>, env: Env = systemEnv): void {
  try {
    const project = new Project(new MemoryFS(files, '/project'), env, { stdout: () => {} });
    project.setup();
    project.currentState();
    new MigrationLoader(project, { connection: null, ignoreNoMigrations: true });
  } catch {
    // a broken project warms up less
  }
}

/** The project's files, noting which ones a command touches. */
export class TrackingFS implements ProjectFS {
  tracking: Set<string> | null = null;
  constructor(readonly inner: MemoryFS) {}
  get displayRoot(): string {
    return this.inner.displayRoot;
  }
  read(path: string): string | undefined {
    return this.inner.read(path);
  }
  exists(path: string): boolean {
    return this.inner.exists(path);
  }
  isDir(path: string): boolean {
    return this.inner.isDir(path);
  }
  list(dir: string): string[] {
    return this.inner.list(dir);
  }
  write(path: string, content: string): void {
    this.inner.write(path, content);
    this.tracking?.add(normalizePath(path));
  }
  remove(path: string): void {
    const p = normalizePath(path);
    const gone = [...this.inner.files.keys()].filter((k) => k === p || k.startsWith(p + '/'));
    this.inner.remove(path);
    for (const k of gone) this.tracking?.add(k);
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.inner.files);
  }
}

/** Lines typed while a command runs, handed to it when it reads. */
export class InputQueue {
  private lines: { line: string | null; echo: boolean }[] = [];
  private waiter: { resolve: (l: string | null) => void; reject: (e: unknown) => void } | null = null;
  private pendingInterrupt = false;

  /**
   * `echo` writes a line pushed with `echo` when the program reads it, as a terminal shows what
   * was typed (the page echoes what the learner types itself; answers typed for them are not).
   */
  constructor(
    private readonly interruptError: () => unknown,
    private readonly echo: (line: string) => void = () => {},
  ) {}

  get waiting(): boolean {
    return this.waiter !== null;
  }

  push(line: string | null, echo = false): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      if (echo && line !== null) this.echo(line);
      w.resolve(line);
    } else this.lines.push({ line, echo });
  }

  interrupt(): void {
    this.lines = [];
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(this.interruptError());
    } else this.pendingInterrupt = true;
  }

  read(): Promise<string | null> {
    if (this.pendingInterrupt) {
      this.pendingInterrupt = false;
      return Promise.reject(this.interruptError());
    }
    const next = this.lines.shift();
    if (next) {
      if (next.echo && next.line !== null) this.echo(next.line);
      return Promise.resolve(next.line);
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}

export interface SandboxHost {
  emit(event: WorkerEvent): void;
  /** Persists changed files (null: deleted) and the generated-content map changes. */
  persist(files: Record<string, string | null>, generated: Record<string, string | null>): Promise<void>;
}

const MAX_CAPTURE = 256 * 1024;

export class Sandbox {
  readonly fs: TrackingFS;
  readonly generated: Map<string, string>;
  private job: { queue: InputQueue; mode: InputMode } | null = null;
  private readonly optionsCache = new Map<string, string[]>();
  private dbDirty = false;
  /** The flush after the last command, still writing to IndexedDB. */
  private pendingFlush: Promise<void> = Promise.resolve();

  constructor(
    public conn: PGliteConnection,
    files: Record<string, string>,
    generated: Record<string, string>,
    private readonly host: SandboxHost,
    private readonly env: Env = systemEnv,
  ) {
    this.fs = new TrackingFS(new MemoryFS(files, '/project'));
    this.generated = new Map(Object.entries(generated));
  }

  get busy(): boolean {
    return this.job !== null;
  }

  // --- running commands ----------------------------------------------------------------------

  async run(line: string, cols = 80): Promise<RunResult> {
    if (this.job) throw new Error('a command is already running');
    // the data directory must not change while the previous flush copies it
    await this.pendingFlush;
    let captured = '';
    const write = (stream: 'stdout' | 'stderr', text: string) => {
      if (!text) return;
      if (captured.length < MAX_CAPTURE) captured += text;
      this.host.emit({ type: 'output', stream, text });
    };
    let commands;
    try {
      commands = parseCommandLine(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        write('stderr', `bash: ${e.message}\n`);
        return { status: 2, changed: [], diagnostics: [] };
      }
      throw e;
    }
    this.fs.tracking = new Set();
    const generatedChanges: Record<string, string | null> = {};
    let status = 0;
    try {
      for (const cmd of commands) {
        if (cmd.connector === '&&' && status !== 0) continue;
        if (cmd.connector === '||' && status === 0) continue;
        const before = new Set(this.fs.tracking);
        status = await this.runOne(cmd.argv, cols, write);
        const byManage = manageArgs(cmd.argv) !== null;
        for (const p of this.fs.tracking) {
          if (before.has(p) && !byManage) continue;
          const content = this.fs.read(p);
          if (content !== undefined && byManage) {
            this.generated.set(p, content);
            generatedChanges[p] = content;
          } else if (content === undefined && this.generated.has(p)) {
            this.generated.delete(p);
            generatedChanges[p] = null;
          }
        }
      }
    } finally {
      this.job = null;
    }
    const changed = [...this.fs.tracking].sort();
    this.fs.tracking = null;
    const files: Record<string, string | null> = {};
    for (const p of changed) files[p] = this.fs.read(p) ?? null;
    if (changed.length) {
      this.host.emit({ type: 'files', files, generated: generatedChanges });
      await this.host.persist(files, generatedChanges);
    }
    if (this.dbDirty) {
      this.dbDirty = false;
      this.host.emit({ type: 'dbChanged' });
      // the answer is shown at once; the next command waits for this write to finish
      this.pendingFlush = this.flush();
    }
    return { status, changed, diagnostics: outputDiagnostics(captured, this.fs) };
  }

  private async runOne(argv: string[], cols: number, write: (s: 'stdout' | 'stderr', t: string) => void): Promise<number> {
    const args = manageArgs(argv);
    if (args !== null) {
      this.dbDirty = true;
      if (args[0] === 'dbshell') return this.runDbShell(args.slice(1), write);
      return this.runManageCommand(args, write);
    }
    const ctx: BuiltinContext = {
      fs: this.fs,
      stdout: (t) => write('stdout', t),
      stderr: (t) => write('stderr', t),
      cols,
    };
    const [name, ...rest] = argv as [string, ...string[]];
    switch (name) {
      case 'ls':
        return builtinLs(rest, ctx);
      case 'cat':
        return builtinCat(rest, ctx);
      case 'rm':
        return builtinRm(rest, ctx);
      case 'echo':
        return builtinEcho(rest, ctx);
      case 'pwd':
        write('stdout', `${this.fs.displayRoot}\n`);
        return 0;
      case 'clear':
        write('stdout', '\x1b[H\x1b[2J\x1b[3J');
        return 0;
      case 'help':
        write('stdout', S.shell.help);
        return 0;
      case 'cd':
        write('stderr', S.shell.cd);
        return 1;
      case 'exit':
      case 'logout':
        write('stdout', S.shell.exit);
        return 0;
      case 'python':
      case 'python3':
      case 'py':
        write('stderr', S.shell.pythonOnlyManage);
        return 2;
      default:
        write('stderr', S.shell.commandNotFound(name));
        return 127;
    }
  }

  private setMode(mode: InputMode): void {
    if (this.job && this.job.mode !== mode) {
      this.job.mode = mode;
      this.host.emit({ type: 'inputMode', mode });
    }
  }

  private async runManageCommand(args: string[], write: (s: 'stdout' | 'stderr', t: string) => void): Promise<number> {
    const queue = new InputQueue(() => pyError(KeyboardInterruptClass), (l) => write('stdout', l + '\n'));
    this.job = { queue, mode: 'shell' };
    const io: CommandIO = {
      stdout: (t) => write('stdout', t),
      stderr: (t) => write('stderr', t),
      readLine: () => {
        this.setMode('text');
        return queue.read();
      },
      readAll: async () => {
        this.setMode('text');
        let all = '';
        for (;;) {
          const l = await queue.read();
          if (l === null) return all;
          all += l + '\n';
        }
      },
      isatty: true,
    };
    try {
      return await runManage(args, { fs: this.fs, db: this.conn, env: this.env, io });
    } finally {
      this.job = null;
    }
  }

  private async runDbShell(args: string[], write: (s: 'stdout' | 'stderr', t: string) => void): Promise<number> {
    const project = new Project(this.fs, this.env, { stdout: (t) => write('stdout', t) });
    try {
      project.setup();
    } catch (e) {
      write('stderr', formatTraceback(toPythonException(e), project));
      return 1;
    }
    let command: string | undefined;
    const dd = args.indexOf('--');
    const extra = dd >= 0 ? args.slice(dd + 1) : [];
    for (let i = 0; i < extra.length; i++) {
      const a = extra[i]!;
      if (a === '-c' || a === '--command') command = extra[++i];
      else if (a.startsWith('--command=')) command = a.slice('--command='.length);
      else if (a.startsWith('-c') && a.length > 2) command = a.slice(2);
    }
    let dbName = 'postgres';
    const dbs = project.settings.get('DATABASES');
    const def = dbs instanceof PyDict ? dbs.get('default') : undefined;
    const name = def instanceof PyDict ? def.get('NAME') : undefined;
    if (typeof name === 'string' && name !== '') dbName = name;
    // Django's dbshell starts psql with the connection settings but not OPTIONS['options']
    // (postgresql/client.py passes only passfile/service/ssl*): psql keeps the default search_path.
    this.conn.newSession();
    const version = this.conn.execute('SHOW server_version').rows[0]?.[0] ?? '18';
    const queue = new InputQueue(() => new Interrupted(), (l) => write('stdout', l + '\n'));
    this.job = { queue, mode: 'sql' };
    this.host.emit({ type: 'inputMode', mode: 'sql' });
    const shell = new DbShell(
      this.conn,
      {
        stdout: (t) => write('stdout', t),
        stderr: (t) => write('stderr', t),
        readLine: async () => {
          const line = await queue.read();
          await this.pendingFlush; // never change the data directory while it is being copied
          return line;
        },
        changed: () => {
          this.host.emit({ type: 'dbChanged' });
          void this.flush();
        },
      },
      { dbName, command },
    );
    try {
      return await shell.run(version.split(' ')[0]!);
    } finally {
      this.job = null;
    }
  }

  /** Writes the database to persistent storage (after a command, before closing). */
  flush(): Promise<void> {
    const next = this.pendingFlush.then(() => this.conn.flush()).catch((e: unknown) => {
      this.host.emit({ type: 'status', text: `flush failed: ${e instanceof Error ? e.message : String(e)}` });
    });
    this.pendingFlush = next;
    return next;
  }

  /** A line of input for the running command; `echo` when nobody typed it in the terminal. */
  stdin(line: string | null, echo = false): void {
    this.job?.queue.push(line, echo);
  }

  interrupt(): void {
    this.job?.queue.interrupt();
  }

  // --- completion ----------------------------------------------------------------------------

  private completionSource(): CompletionSource {
    const fs = this.fs;
    let project: Project | null | undefined;
    const loaded = () => {
      if (project !== undefined) return project;
      try {
        const p = new Project(fs, this.env, { stdout: () => {} });
        p.setup();
        project = p;
      } catch {
        project = null;
      }
      return project;
    };
    return {
      fs,
      commands: () => [...new Set([...commandNames(), 'dbshell'])].sort(),
      options: (command) => this.commandOptions(command),
      appLabels: () => {
        const p = loaded();
        if (p) return p.appConfigs.map((a) => a.label);
        return fs.list('').filter((d) => fs.read(`${d}/models.py`) !== undefined || fs.isDir(`${d}/migrations`));
      },
      migrations: (app) => {
        const p = loaded();
        const cfg = p?.appConfig(app);
        const folder = (cfg && p ? p.migrationsPath(cfg) : null) ?? `${app}/migrations`;
        return fs
          .list(folder)
          .filter((n) => n.endsWith('.py') && !n.startsWith('_'))
          .map((n) => n.slice(0, -3));
      },
      relations: () => {
        if (this.conn.txStatus === 'E') return [];
        try {
          return this.conn
            .execute(
              `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r','p','v','m','S','f') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
            )
            .rows.map((r) => r[0]!);
        } catch {
          return [];
        }
      },
    };
  }

  /** A command's options, read from its `--help` (cached). */
  private commandOptions(command: string): string[] {
    const cached = this.optionsCache.get(command);
    if (cached) return cached;
    return [];
  }

  /** Fills the options cache for a command (async: it runs `manage.py help <command>`). */
  async loadCommandOptions(command: string): Promise<void> {
    if (this.optionsCache.has(command) || this.job) return;
    if (command === 'dbshell') {
      this.optionsCache.set(command, ['--database', '--help', '--settings', '--verbosity', '--']);
      return;
    }
    let text = '';
    const io: CommandIO = {
      stdout: (t) => (text += t),
      stderr: () => {},
      readLine: async () => null,
      readAll: async () => '',
      isatty: false,
    };
    try {
      const status = await runManage(['help', command], { fs: this.fs, db: this.conn, env: this.env, io });
      if (status !== 0 || !text.includes('usage:')) return;
    } catch {
      return;
    }
    const opts = new Set<string>();
    for (const m of text.matchAll(/(?:^|[\s[,])(--?[A-Za-z][\w-]*)/g)) opts.add(m[1]!);
    this.optionsCache.set(command, [...opts].sort());
  }

  async complete(line: string, cursor: number, mode: InputMode): Promise<Completion> {
    if (mode === 'shell') {
      const args = manageArgs(line.slice(0, cursor).trim().split(/\s+/));
      if (args && args.length >= 2 && args[args.length - 1]!.startsWith('-')) await this.loadCommandOptions(args[0]!);
    }
    return complete(line, cursor, mode, this.completionSource());
  }

  // --- files ---------------------------------------------------------------------------------

  async writeFile(path: string, content: string): Promise<void> {
    const p = normalizePath(path);
    this.fs.inner.write(p, content);
    await this.host.persist({ [p]: content }, {});
  }

  async deleteFile(path: string): Promise<void> {
    const p = normalizePath(path);
    const gone = [...this.fs.inner.files.keys()].filter((k) => k === p || k.startsWith(p + '/'));
    this.fs.inner.remove(p);
    const files: Record<string, null> = {};
    const generated: Record<string, null> = {};
    for (const k of gone) {
      files[k] = null;
      if (this.generated.delete(k)) generated[k] = null;
    }
    await this.host.persist(files, generated);
  }

  async renameFile(from: string, to: string): Promise<void> {
    const a = normalizePath(from);
    const b = normalizePath(to);
    const moves = [...this.fs.inner.files.entries()].filter(([k]) => k === a || k.startsWith(a + '/'));
    const files: Record<string, string | null> = {};
    const generated: Record<string, string | null> = {};
    for (const [k, v] of moves) {
      const nk = b + k.slice(a.length);
      this.fs.inner.files.delete(k);
      this.fs.inner.write(nk, v);
      files[k] = null;
      files[nk] = v;
      const g = this.generated.get(k);
      if (g !== undefined) {
        this.generated.delete(k);
        this.generated.set(nk, g);
        generated[k] = null;
        generated[nk] = g;
      }
    }
    await this.host.persist(files, generated);
  }

  checkSyntax(path: string, content: string): Diagnostic[] {
    return syntaxDiagnostics(path, content, this.fs.displayRoot);
  }

  /** Replaces every file (a sample project or an import). */
  async replaceFiles(files: Record<string, string>): Promise<void> {
    const old = [...this.fs.inner.files.keys()];
    this.fs.inner.files.clear();
    for (const [k, v] of Object.entries(files)) this.fs.inner.write(k, v);
    const changes: Record<string, string | null> = {};
    for (const k of old) changes[k] = null;
    for (const [k, v] of this.fs.inner.files) changes[k] = v;
    const generated: Record<string, string | null> = {};
    for (const k of this.generated.keys()) generated[k] = null;
    this.generated.clear();
    this.optionsCache.clear();
    await this.host.persist(changes, generated);
    this.host.emit({ type: 'files', files: changes, generated });
  }

  // --- database ------------------------------------------------------------------------------

  schema(): SchemaSnapshot {
    return schemaSnapshot(this.conn);
  }

  rows(schema: string, table: string, offset: number, limit: number): RowsPage {
    return rowsPage(this.conn, schema, table, offset, limit);
  }

  graph(): MigrationGraphData {
    return migrationGraph(this.fs, this.env, this.conn, this.job === null);
  }

  async resetDatabase(): Promise<void> {
    if (this.job) throw new Error('a command is running');
    await this.pendingFlush;
    resetDatabase(this.conn);
    await this.flush();
    this.host.emit({ type: 'dbChanged' });
  }
}
