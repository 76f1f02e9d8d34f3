/**
 * A LessonHost for the page: files through the worker protocol's own requests, commands in the
 * learner's terminal, and the worker's lesson API (`{ type: 'lesson', req }`, worker-api.ts) for
 * SQL, silent commands, migration files and snapshots. The page supplies a LessonPageBridge.
 */
import { shlexSplit } from '../parity/steps.ts';
import { commandLine, manageArgv, type CommandRecord, type LessonHost, type MigrationSummary, type QueryOutcome } from './host.ts';
import { dbshellLine } from './markdown.ts';
import type { LessonRequest } from './worker-api.ts';

/** The worker requests the host sends (a subset of src/worker/protocol.ts's Request, plus `lesson`). */
export type BridgeRequest =
  | { type: 'lesson'; req: LessonRequest }
  | { type: 'writeFile'; path: string; content: string }
  | { type: 'deleteFile'; path: string }
  | { type: 'loadProject'; sample: null; files: Record<string, string>; resetDatabase: boolean };

export interface LessonPageBridge {
  request(req: BridgeRequest): Promise<unknown>;
  /** The project files as the page holds them (kept current by the worker's `files` events). */
  files(): Record<string, string>;
  /** Tells the page about files the host wrote or deleted (editor buffers, file tree). */
  filesChanged(files: Record<string, string | null>): void;
  /** Types a command line in the terminal and runs it; resolves when it finished. `stdin` answers its questions. */
  runInTerminal(line: string, stdin: string[]): Promise<{ status: number; output: string }>;
  /** Every command line the terminal finished (typed by the learner or run by runInTerminal). */
  onTerminalCommand(listener: (line: string, status: number, output: string) => void): () => void;
  /** A file was saved in the editor, files changed, the database changed. */
  onChange(listener: () => void): () => void;
}

/** Puts spaces around `&&`, `||` and `;` outside quotes, so that they split words like in a shell. */
function spaceOperators(line: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') {
        out += ch + (line[++i] ?? '');
        continue;
      }
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '\\') {
      out += ch + (line[++i] ?? '');
    } else if (ch === ';') out += ' ; ';
    else if ((ch === '&' || ch === '|') && line[i + 1] === ch) {
      out += ` ${ch}${ch} `;
      i++;
    } else out += ch;
  }
  return out;
}

/** The manage.py commands of a terminal line (`python manage.py a && python manage.py b`). */
export function manageCommandsOf(line: string): string[][] {
  let words: string[];
  try {
    words = shlexSplit(spaceOperators(line));
  } catch {
    return [];
  }
  const out: string[][] = [];
  let cur: string[] = [];
  const flush = () => {
    const m = manageArgv(cur);
    if (m && m.length) out.push(m);
    cur = [];
  };
  for (const w of words) {
    if (w === '&&' || w === '||' || w === ';') flush();
    else cur.push(w);
  }
  flush();
  return out;
}

export class WorkerLessonHost implements LessonHost {
  constructor(private readonly bridge: LessonPageBridge) {}

  private lesson<T>(req: LessonRequest): Promise<T> {
    return this.bridge.request({ type: 'lesson', req }) as Promise<T>;
  }

  async listFiles(): Promise<string[]> {
    return Object.keys(this.bridge.files()).sort();
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.bridge.files()[path];
  }

  async writeFile(path: string, content: string): Promise<void> {
    await this.bridge.request({ type: 'writeFile', path, content });
    this.bridge.filesChanged({ [path]: content });
  }

  async removeFile(path: string): Promise<void> {
    const gone = Object.keys(this.bridge.files()).filter((p) => p === path || p.startsWith(path + '/'));
    await this.bridge.request({ type: 'deleteFile', path });
    this.bridge.filesChanged(Object.fromEntries(gone.map((p) => [p, null])));
  }

  async replaceFiles(files: Record<string, string>): Promise<void> {
    // the worker sends a `files` event with the whole change: the page updates itself
    await this.bridge.request({ type: 'loadProject', sample: null, files, resetDatabase: false });
  }

  async runCommand(argv: string[], stdin: string[] = []): Promise<CommandRecord> {
    const r = await this.bridge.runInTerminal(commandLine(argv), stdin);
    return { argv: [...argv], status: r.status, output: r.output };
  }

  runSilently(argv: string[], stdin: string[] = []): Promise<CommandRecord> {
    return this.lesson<CommandRecord>({ op: 'runSilently', argv, stdin });
  }

  query(sql: string): Promise<QueryOutcome> {
    return this.lesson<QueryOutcome>({ op: 'query', sql });
  }

  async execSql(sql: string, opts: { visible?: boolean } = {}): Promise<void> {
    if (opts.visible) {
      const r = await this.bridge.runInTerminal(dbshellLine(sql), []);
      if (r.status !== 0) throw new Error(r.output.trim() || `dbshell exit status ${r.status}`);
      return;
    }
    await this.lesson<void>({ op: 'execSql', sql });
  }

  resetDatabase(): Promise<void> {
    return this.lesson<void>({ op: 'resetDatabase' });
  }

  migrationSummary(path: string): Promise<MigrationSummary | { error: string }> {
    return this.lesson<MigrationSummary | { error: string }>({ op: 'migrationSummary', path });
  }

  snapshotDatabase(): Promise<unknown> {
    return this.lesson<unknown>({ op: 'snapshot' });
  }

  restoreDatabase(snapshot: unknown): Promise<void> {
    return this.lesson<void>({ op: 'restore', snapshot });
  }

  onCommand(listener: (rec: CommandRecord) => void): () => void {
    return this.bridge.onTerminalCommand((line, status, output) => {
      const cmds = manageCommandsOf(line);
      // a line of several commands reports its last status for each (the terminal gives one)
      for (const argv of cmds) listener({ argv, status, output });
    });
  }

  onChange(listener: () => void): () => void {
    return this.bridge.onChange(listener);
  }
}
