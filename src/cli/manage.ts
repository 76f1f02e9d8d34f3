/**
 * `npm run -s manage -- --project DIR [--db DATA_DIR] <command> [args…]`: what
 * `python manage.py <command> [args…]` does in DIR, with the TypeScript engine. The database is a
 * PGlite data directory on disk (default DIR/.pgdata), so successive calls see the same database.
 * stdout/stderr are written exactly as the engine produces them; the exit status is the command's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runManage, type CommandIO } from '../engine/api.ts';
import { openPGlite } from '../engine/db/node-pglite.ts';
import { systemEnv } from '../engine/env.ts';
import { DiskFS } from '../engine/project/disk-fs.ts';

const USAGE = 'usage: npm run -s manage -- --project DIR [--db DATA_DIR] <command> [args...]';

interface CliArgs {
  project: string;
  db: string;
  argv: string[];
}

class UsageError extends Error {}

/** Options of the CLI itself come first; everything from the command name on goes to manage.py. */
export function parseCliArgs(args: string[]): CliArgs {
  let project: string | undefined;
  let db: string | undefined;
  let i = 0;
  const value = (opt: string): string => {
    const v = args[++i];
    if (v === undefined || v === '') throw new UsageError(`${opt} needs a value`);
    return v;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--project') project = value(a);
    else if (a.startsWith('--project=')) project = a.slice('--project='.length);
    else if (a === '--db') db = value(a);
    else if (a.startsWith('--db=')) db = a.slice('--db='.length);
    else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else break;
  }
  if (!project) throw new UsageError('--project is required');
  const root = path.resolve(project);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`no such project directory: ${project}`);
  const argv = args.slice(i);
  return { project: root, db: path.resolve(db ?? path.join(root, '.pgdata')), argv };
}

/** Standard input read lazily, line by line (a pipe or a terminal). */
class StdinReader {
  private buffer = '';
  private ended = false;
  private started = false;
  private waiters: (() => void)[] = [];
  private readonly decoder = new TextDecoder();

  private start(): void {
    if (this.started) return;
    this.started = true;
    process.stdin.on('data', (chunk: Buffer) => {
      this.buffer += this.decoder.decode(chunk, { stream: true });
      this.wake();
    });
    process.stdin.on('end', () => {
      this.buffer += this.decoder.decode();
      this.ended = true;
      this.wake();
    });
    process.stdin.on('error', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async readLine(): Promise<string | null> {
    this.start();
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return line.endsWith('\r') ? line.slice(0, -1) : line;
      }
      if (this.ended) {
        if (this.buffer === '') return null;
        const line = this.buffer;
        this.buffer = '';
        return line;
      }
      await this.wait();
    }
  }

  async readAll(): Promise<string> {
    this.start();
    while (!this.ended) await this.wait();
    const all = this.buffer;
    this.buffer = '';
    return all;
  }

  close(): void {
    if (this.started) process.stdin.pause();
    process.stdin.destroy();
  }
}

function writeAll(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') stream.write('', () => resolve());
    else stream.write(text, () => resolve());
  });
}

async function main(args: string[]): Promise<number> {
  let cli: CliArgs;
  try {
    cli = parseCliArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(USAGE + '\n' + (e.message ? `error: ${e.message}\n` : ''));
      return 2;
    }
    throw e;
  }
  const stdin = new StdinReader();
  const io: CommandIO = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readLine: () => stdin.readLine(),
    readAll: () => stdin.readAll(),
    isatty: process.stdin.isTTY === true,
  };
  const conn = await openPGlite({ dataDir: cli.db });
  let status: number;
  try {
    status = await runManage(cli.argv, { fs: new DiskFS(cli.project), db: conn, env: systemEnv, io });
  } finally {
    stdin.close();
    await conn.flush();
    await conn.close();
  }
  return status;
}

main(process.argv.slice(2)).then(
  async (status) => {
    await writeAll(process.stdout, '');
    await writeAll(process.stderr, '');
    // a negative status is a signal that ended Python (-2: SIGINT): a shell reports 128 + signal
    process.exit(status < 0 ? 128 - status : status);
  },
  async (e: unknown) => {
    await writeAll(process.stderr, `manage: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
