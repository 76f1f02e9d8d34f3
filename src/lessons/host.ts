/**
 * What the lesson runtime needs from a sandbox: the project's files, manage.py commands, SQL and
 * the engine's reading of a migration file. Implemented by EngineLessonHost (the engine and a
 * PGlite connection in the same thread: Node tests, or inside the worker) and by WorkerLessonHost
 * (the page, through the worker protocol).
 */

/** A manage.py command that ran (by the learner in the terminal, or by "Solve step"). */
export interface CommandRecord {
  /** The manage.py arguments (what follows `python manage.py`). */
  argv: string[];
  status: number;
  /** stdout and stderr as written, interleaved. */
  output: string;
}

export type QueryOutcome =
  | { ok: true; fields: string[]; rows: (string | null)[][] }
  | { ok: false; error: string };

/** A migration file as the engine loads it. */
export interface MigrationSummary {
  /** One summary per operation (`CreateModel:Product`, `AddField:sale.product`, `RunSQL`). */
  operations: string[];
  dependencies: [string, string][];
}

export interface LessonHost {
  /** Every project file path (`settings.py`, `shop/migrations/0001_initial.py`). */
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<string | undefined>;
  /** Writes a file as if the learner had saved it in the editor. */
  writeFile(path: string, content: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** Replaces every project file (lesson start and reset). */
  replaceFiles(files: Record<string, string>): Promise<void>;
  /**
   * Runs `python manage.py <argv>` where the learner sees it (the terminal), answering the
   * command's questions with `stdin` lines. Reported to onCommand listeners like the learner's own.
   */
  runCommand(argv: string[], stdin?: string[]): Promise<CommandRecord>;
  /** Runs a command without showing or reporting it (setup, `? probe` checks). */
  runSilently(argv: string[], stdin?: string[]): Promise<CommandRecord>;
  /** One query in a new session, as the superuser, outside Django (checks). */
  query(sql: string): Promise<QueryOutcome>;
  /** SQL statements (setup, `@ sql`); `visible` shows them in the terminal. Throws on an error. */
  execSql(sql: string, opts?: { visible?: boolean }): Promise<void>;
  /** Drops everything: an empty database, as after initdb. */
  resetDatabase(): Promise<void>;
  /** The operations and dependencies of a migration file (an error message when it does not load). */
  migrationSummary(path: string): Promise<MigrationSummary | { error: string }>;
  /** A snapshot of the database to come back to quickly (optional). */
  snapshotDatabase?(): Promise<unknown>;
  restoreDatabase?(snapshot: unknown): Promise<void>;
  /** Commands as they finish (the learner's and runCommand's, never runSilently's). */
  onCommand(listener: (rec: CommandRecord) => void): () => void;
  /** Files were saved or changed, or the database changed: the session re-evaluates. */
  onChange?(listener: () => void): () => void;
}

/** The manage.py arguments of a shell command line (`python manage.py migrate` → [migrate]). */
export function manageArgv(argv: string[]): string[] | null {
  const [a, b, c] = argv;
  if (a === 'python' || a === 'python3' || a === 'py') {
    if (b === 'manage.py' || b === './manage.py') return argv.slice(2);
    if (b === '-m' && c === 'django') return argv.slice(3);
    return null;
  }
  if (a === './manage.py' || a === 'manage.py' || a === 'django-admin' || a === 'django-admin.py') return argv.slice(1);
  return null;
}

/** Quotes a shell word for the terminal: as is, in double quotes when that needs no escapes, else like shlex.quote. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  if (!/["\\$`!]/.test(word)) return `"${word}"`;
  return "'" + word.replace(/'/g, `'"'"'`) + "'";
}

/** The terminal line for manage.py arguments. */
export function commandLine(argv: string[]): string {
  return ['python', 'manage.py', ...argv].map(shellQuote).join(' ');
}
