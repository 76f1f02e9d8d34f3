/**
 * A LessonHost on the engine itself: files in a MemoryFS, commands through runManage, SQL on a
 * PGliteConnection, migration files read by the engine's loader. Used by the headless runner
 * (Node tests) and usable inside the worker next to the sandbox (same fs and connection).
 */
import { runManage, type CommandIO } from '../engine/api.ts';
import { DatabaseError, formatPgError, resetDatabase, type PGliteConnection } from '../engine/db/connection.ts';
import { frozenEnv, type Env } from '../engine/env.ts';
import { migrationFromClass } from '../engine/migrations/loader.ts';
import type { Operation } from '../engine/operations/base.ts';
import { SeparateDatabaseAndState } from '../engine/operations/special.ts';
import { MemoryFS, normalizePath, type ProjectFS } from '../engine/project/fs.ts';
import { Project } from '../engine/project/project.ts';
import { PyException, type PyValue } from '../engine/python/objects.ts';
import type { CommandRecord, LessonHost, MigrationSummary, QueryOutcome } from './host.ts';
import { splitSql } from './lesson.ts';

export interface EngineLessonHostOptions {
  /** The project's files (default: a new MemoryFS shown as /project). */
  fs?: MemoryFS;
  /** The environment of each command (default: a fresh frozenEnv per command, like the parity runner). */
  env?: () => Env;
  /** Where runCommand's output goes besides the record (a terminal, a CLI). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

/** A summary of one operation for `? operations` checks (see lessons/README.md). */
export function summarizeOperation(op: Operation): string {
  if (op instanceof SeparateDatabaseAndState) {
    const db = op.databaseOperations.map(summarizeOperation).join(', ');
    const state = op.stateOperations.map(summarizeOperation).join(', ');
    return `SeparateDatabaseAndState[database: ${db}; state: ${state}]`;
  }
  const d = op.deconstruct();
  const kw = (k: string): string | undefined => {
    const v: PyValue | undefined = d.kwargs.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const cls = op.cls.name;
  const model = kw('model_name');
  const name = kw('name');
  const oldName = kw('old_name');
  const newName = kw('new_name');
  if (model && name) return `${cls}:${model}.${name}`;
  if (model && oldName && newName) return `${cls}:${model}.${oldName}->${newName}`;
  if (oldName && newName) return `${cls}:${oldName}->${newName}`;
  if (name) return `${cls}:${name}`;
  if (model) return `${cls}:${model}`;
  return cls;
}

export class EngineLessonHost implements LessonHost {
  readonly fs: MemoryFS;
  private readonly envFactory: () => Env;
  private readonly commandListeners = new Set<(rec: CommandRecord) => void>();
  private readonly changeListeners = new Set<() => void>();
  /** Statements sent while recording (a database snapshot is the journal of the setup). */
  private journal: string[] | null = null;
  private readonly rawExecute: PGliteConnection['simpleQuery'];

  constructor(
    readonly conn: PGliteConnection,
    private readonly opts: EngineLessonHostOptions = {},
  ) {
    this.fs = opts.fs ?? new MemoryFS({}, '/project');
    this.envFactory = opts.env ?? (() => frozenEnv());
    // every statement reaches PGlite through simpleQuery: record them while a journal is open
    this.rawExecute = conn.simpleQuery.bind(conn);
    conn.simpleQuery = (text: string) => {
      const result = this.rawExecute(text);
      this.journal?.push(text);
      return result;
    };
  }

  async listFiles(): Promise<string[]> {
    return [...this.fs.files.keys()].sort();
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.fs.read(path);
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.fs.write(path, content);
    this.changed();
  }

  async removeFile(path: string): Promise<void> {
    this.fs.remove(path);
    this.changed();
  }

  async replaceFiles(files: Record<string, string>): Promise<void> {
    this.fs.files.clear();
    for (const [k, v] of Object.entries(files)) this.fs.files.set(normalizePath(k), v);
    this.changed();
  }

  private async run(argv: string[], stdin: string[], show: boolean): Promise<CommandRecord> {
    let output = '';
    let next = 0;
    const io: CommandIO = {
      stdout: (t) => {
        output += t;
        if (show) this.opts.onOutput?.(t, 'stdout');
      },
      stderr: (t) => {
        output += t;
        if (show) this.opts.onOutput?.(t, 'stderr');
      },
      readLine: async () => (next < stdin.length ? stdin[next++]! : null),
      readAll: async () => {
        const rest = stdin.slice(next).map((l) => l + '\n').join('');
        next = stdin.length;
        return rest;
      },
      isatty: false,
    };
    this.conn.newSession();
    const fs: ProjectFS = this.fs;
    const status = await runManage(argv, { fs, db: this.conn, env: this.envFactory(), io });
    return { argv: [...argv], status, output };
  }

  async runCommand(argv: string[], stdin: string[] = []): Promise<CommandRecord> {
    const rec = await this.run(argv, stdin, true);
    for (const l of this.commandListeners) l(rec);
    return rec;
  }

  runSilently(argv: string[], stdin: string[] = []): Promise<CommandRecord> {
    return this.run(argv, stdin, false);
  }

  async query(sql: string): Promise<QueryOutcome> {
    this.conn.newSession();
    try {
      const r = this.conn.execute(sql);
      return { ok: true, fields: r.fields.map((f) => f.name), rows: r.rows };
    } catch (e) {
      if (e instanceof DatabaseError) return { ok: false, error: formatPgError(e).replace(/\n+$/, '') };
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async execSql(sql: string, opts: { visible?: boolean } = {}): Promise<void> {
    this.conn.newSession();
    for (const stmt of splitSql(sql)) {
      if (opts.visible) this.opts.onOutput?.(`=# ${stmt};\n`, 'stdout');
      try {
        this.conn.execute(stmt);
      } catch (e) {
        if (e instanceof DatabaseError) throw new Error(`${formatPgError(e).replace(/\n+$/, '')}\n(in: ${stmt})`);
        throw e;
      }
    }
    this.changed();
  }

  /** Empties the database and starts the journal that snapshotDatabase returns. */
  async resetDatabase(): Promise<void> {
    resetDatabase(this.conn);
    this.journal = [];
    this.changed();
  }

  async migrationSummary(path: string): Promise<MigrationSummary | { error: string }> {
    const p = normalizePath(path);
    const m = /^(.*)\/([^/]+)\.py$/.exec(p);
    if (!m || this.fs.read(p) === undefined) return { error: `no file ${path}` };
    const project = new Project(this.fs, this.envFactory(), { stdout: () => {} });
    try {
      project.setup();
      const module = project.interp.importModule(p.slice(0, -3).split('/').join('.'));
      const cls = module.dict.get('Migration');
      if (cls === undefined) return { error: `${path} has no Migration class` };
      const app = p.split('/')[0]!;
      const migration = migrationFromClass(cls, m[2]!, app);
      return {
        operations: migration.operations.map(summarizeOperation),
        dependencies: migration.dependencies.map((d) => [d.appLabel, d.name] as [string, string]),
      };
    } catch (e) {
      if (e instanceof PyException) return { error: e.lastLine };
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * The database as a journal: every statement sent since the last resetDatabase (the setup).
   * Restoring replays it on an empty database, which is much faster than running the engine
   * again. Null when no reset came first.
   */
  async snapshotDatabase(): Promise<unknown> {
    const j = this.journal;
    this.journal = null;
    return j ? { journal: j } : null;
  }

  async restoreDatabase(snapshot: unknown): Promise<void> {
    const { journal } = snapshot as { journal: string[] };
    this.journal = null;
    resetDatabase(this.conn);
    for (const stmt of journal) {
      try {
        this.rawExecute(stmt);
      } catch {
        // statements that failed the first time failed inside the command that sent them too
      }
    }
    this.conn.newSession();
    this.changed();
  }

  onCommand(listener: (rec: CommandRecord) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }
}
