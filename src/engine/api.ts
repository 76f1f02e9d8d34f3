/**
 * The engine's single entry point for the CLI, the parity harness and the browser worker:
 * run one `manage.py` command line against a project and a database.
 */
import type { Connection } from './db/types.ts';
import type { Env } from './env.ts';
import type { ProjectFS } from './project/fs.ts';

export interface CommandIO {
  /** Text Django writes to stdout (already newline-terminated where Django adds newlines). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** The next line of standard input without its newline, or null at end of input. */
  readLine(): Promise<string | null>;
  /** All remaining standard input (for `shell` reading a script), or '' at end of input. */
  readAll(): Promise<string>;
  /** Whether stdin is a terminal (prompts for the interactive questioner). Pipes: false. */
  readonly isatty: boolean;
}

export interface ManageContext {
  fs: ProjectFS;
  db: Connection;
  env: Env;
  io: CommandIO;
}

/**
 * `python manage.py <argv...>`: returns the exit status (as Python's subprocess reports it: -2 when
 * an uncaught KeyboardInterrupt ended the run). Never throws for anything a learner can cause;
 * engine bugs surface as a Python-style traceback on stderr and status 1.
 */
export async function runManage(argv: string[], ctx: ManageContext): Promise<number> {
  const { runCommandLine } = await import('./commands/index.ts');
  return runCommandLine(argv, ctx);
}
