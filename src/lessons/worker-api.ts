/**
 * The worker's side of the lesson runtime: the operations a LessonHost needs that only the worker
 * can do (SQL on its PGlite, silent manage.py commands, reading migration files with the engine,
 * the database snapshot). The worker answers `{ type: 'lesson', req }` with `handleLessonRequest`.
 */
import type { PGliteConnection } from '../engine/db/connection.ts';
import { systemEnv, type Env } from '../engine/env.ts';
import type { MemoryFS } from '../engine/project/fs.ts';
import { EngineLessonHost } from './engine-host.ts';
import type { CommandRecord, MigrationSummary, QueryOutcome } from './host.ts';

export type LessonRequest =
  | { op: 'query'; sql: string }
  | { op: 'execSql'; sql: string }
  | { op: 'runSilently'; argv: string[]; stdin: string[] }
  | { op: 'migrationSummary'; path: string }
  | { op: 'resetDatabase' }
  | { op: 'snapshot' }
  | { op: 'restore'; snapshot: unknown };

export interface LessonResponseMap {
  query: QueryOutcome;
  execSql: void;
  runSilently: CommandRecord;
  migrationSummary: MigrationSummary | { error: string };
  resetDatabase: void;
  snapshot: unknown;
  restore: void;
}

/** What the lesson API needs from the worker's sandbox (src/worker/sandbox.ts satisfies it). */
export interface LessonSandbox {
  readonly conn: PGliteConnection;
  readonly fs: { readonly inner: MemoryFS };
  readonly busy: boolean;
  /** Writes the database to persistent storage. */
  flush(): Promise<void>;
}

export interface LessonApiOptions {
  /** Tells the page the database changed (the explorer refreshes). */
  emitDbChanged?: () => void;
  /** The environment of silent commands (default: the real clock, like the learner's commands). */
  env?: () => Env;
}

const hosts = new WeakMap<LessonSandbox, EngineLessonHost>();

function hostFor(sandbox: LessonSandbox, opts: LessonApiOptions): EngineLessonHost {
  let host = hosts.get(sandbox);
  if (!host) {
    host = new EngineLessonHost(sandbox.conn, { fs: sandbox.fs.inner, env: opts.env ?? (() => systemEnv) });
    hosts.set(sandbox, host);
  }
  return host;
}

/** Answers one lesson request on the sandbox. */
export async function handleLessonRequest(sandbox: LessonSandbox, req: LessonRequest, opts: LessonApiOptions = {}): Promise<unknown> {
  const host = hostFor(sandbox, opts);
  const changed = async () => {
    // the write to IndexedDB goes on in the background; the sandbox's next command waits for it
    void sandbox.flush();
    opts.emitDbChanged?.();
  };
  switch (req.op) {
    case 'query':
      return host.query(req.sql);
    case 'execSql':
      await host.execSql(req.sql);
      await changed();
      return undefined;
    case 'runSilently': {
      if (sandbox.busy) throw new Error('a command is running');
      const rec = await host.runSilently(req.argv, req.stdin);
      // a setup's migrate changes the database; checks (probes) must not announce changes, or the
      // page would evaluate the checks again, and again
      if (req.argv[0] === 'migrate' && !req.argv.some((a) => a === '--check' || a === '--plan')) await changed();
      return rec;
    }
    case 'migrationSummary':
      return host.migrationSummary(req.path);
    case 'resetDatabase':
      if (sandbox.busy) throw new Error('a command is running');
      await host.resetDatabase();
      await changed();
      return undefined;
    case 'snapshot':
      return host.snapshotDatabase();
    case 'restore':
      if (sandbox.busy) throw new Error('a command is running');
      await host.restoreDatabase(req.snapshot);
      await changed();
      return undefined;
  }
}
