/**
 * The one message API between the page and the sandbox worker (engine + PGlite in one thread).
 *
 * Page → worker: `Request` messages `{ id, req }`; the worker answers each with a `Response`
 * `{ id, ok, value | error }`. Worker → page, unsolicited: `WorkerEvent`s (terminal output,
 * file changes, "the database changed", boot progress). Everything here is structured-clone safe.
 */

import type { LessonRequest } from '../lessons/worker-api.ts';

/** Which project a sandbox starts from. */
export type SampleName = 'store' | 'empty';

/** A marker for the editor (1-based lines and columns, like Monaco). */
export interface Diagnostic {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  source: 'syntax' | 'traceback' | 'check' | 'migration';
}

/** What the terminal should do with the next line typed: a shell prompt, or a running program's stdin. */
export type InputMode =
  /** No program runs: the line is a shell command line. */
  | 'shell'
  /** A program (manage.py command) reads a line (a question's answer). */
  | 'text'
  /** `manage.py dbshell`: SQL and psql backslash commands. */
  | 'sql';

export interface RunResult {
  status: number;
  /** Files the command created, changed or removed. */
  changed: string[];
  /** Markers derived from the output (tracebacks, system checks); replaces the previous ones. */
  diagnostics: Diagnostic[];
}

export interface Completion {
  /** Offset in the line where the replaced word starts. */
  from: number;
  /** Candidates for the word (whole words, with a trailing space when final). */
  candidates: string[];
}

// --- the database explorer -----------------------------------------------------------------

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  identity: string | null;
  /** Part of the primary key. */
  pk: boolean;
  /** Target of a foreign key on this column: "schema.table.column". */
  references: string | null;
}

export interface IndexInfo {
  name: string;
  definition: string;
  primary: boolean;
  unique: boolean;
}

export interface ConstraintInfo {
  name: string;
  /** p, u, f, c, x (PostgreSQL's contype). */
  type: string;
  definition: string;
}

export interface ForeignKeyInfo {
  name: string;
  columns: string[];
  targetSchema: string;
  targetTable: string;
  targetColumns: string[];
}

export interface RelationInfo {
  schema: string;
  name: string;
  /** table, view, materialized view, partitioned table, foreign table */
  kind: string;
  /** Exact row count for tables (null for views or when too many tables). */
  rows: number | null;
  columns: ColumnInfo[];
  indexes: IndexInfo[];
  constraints: ConstraintInfo[];
  foreignKeys: ForeignKeyInfo[];
  /** View definition (views and materialized views). */
  definition: string | null;
}

export interface SequenceInfo {
  schema: string;
  name: string;
  type: string;
  lastValue: string | null;
  ownedBy: string | null;
}

export interface AppliedMigrationRow {
  id: string;
  app: string;
  name: string;
  applied: string;
}

export interface SchemaSnapshot {
  schemas: { name: string; relations: RelationInfo[]; sequences: SequenceInfo[] }[];
  /** django_migrations as found on the search path (null when the table does not exist). */
  history: AppliedMigrationRow[] | null;
  /** Why the snapshot is partial or empty (e.g. an aborted transaction in dbshell). */
  note: string | null;
}

export interface RowsPage {
  fields: string[];
  rows: (string | null)[][];
  total: number;
  offset: number;
}

// --- the migration graph -------------------------------------------------------------------

export interface GraphNode {
  app: string;
  name: string;
  applied: boolean;
  /** Keys "app.name" this (squashed) migration replaces. */
  replaces: string[];
  /** Whether the node is a squashed migration in use as a replacement. */
  replacing: boolean;
  /** Replaced by a squashed migration and hidden from the plan. */
  replaced: boolean;
  path: string | null;
}

export interface MigrationGraphData {
  apps: string[];
  nodes: GraphNode[];
  /** [child, parent] keys "app.name". */
  edges: [string, string][];
  /** The loader's error, when the graph could not be built (shown instead). */
  error: string | null;
}

// --- requests ------------------------------------------------------------------------------

export interface BootInfo {
  files: Record<string, string>;
  /** Contents written by makemigrations and friends, for the editor's diff view. */
  generated: Record<string, string>;
  sample: SampleName;
  pgliteVersion: string;
  /** True when this boot created a new database (first visit or after a reset). */
  freshDatabase: boolean;
  /** Milliseconds the worker spent starting PGlite. */
  bootMs: number;
  /** A database of an older PGlite was found and dropped (it cannot be opened any more). */
  replacedOldDatabase: boolean;
  /** Milliseconds from the start of boot to the end of each phase (files, probe, pglite, engine). */
  phases: Record<string, number>;
}

export type Request =
  | { type: 'boot'; sample: SampleName }
  | { type: 'run'; line: string; cols: number }
  /** `echo`: the line was not typed in the terminal (a lesson's "Solve step"): show it when read. */
  | { type: 'stdin'; line: string | null; echo?: boolean }
  | { type: 'interrupt' }
  | { type: 'complete'; line: string; cursor: number; mode: InputMode }
  | { type: 'writeFile'; path: string; content: string }
  | { type: 'deleteFile'; path: string }
  | { type: 'renameFile'; from: string; to: string }
  | { type: 'checkSyntax'; path: string; content: string }
  | { type: 'schema' }
  | { type: 'rows'; schema: string; table: string; offset: number; limit: number }
  | { type: 'graph' }
  | { type: 'resetDatabase' }
  | { type: 'loadProject'; sample: SampleName | null; files?: Record<string, string>; resetDatabase: boolean }
  | { type: 'ping' }
  | { type: 'flush' }
  /** The lesson runtime's worker operations (src/lessons/worker-api.ts). */
  | { type: 'lesson'; req: LessonRequest }
  /** The interface language, for the texts the worker writes (shell help, boot status). */
  | { type: 'locale'; lang: string }
  | { type: 'close' };

/** The value each request type answers with. */
export interface ResponseMap {
  boot: BootInfo;
  run: RunResult;
  stdin: void;
  interrupt: void;
  complete: Completion;
  writeFile: void;
  deleteFile: void;
  renameFile: void;
  checkSyntax: Diagnostic[];
  schema: SchemaSnapshot;
  rows: RowsPage;
  graph: MigrationGraphData;
  resetDatabase: void;
  loadProject: { files: Record<string, string> };
  ping: void;
  flush: void;
  lesson: unknown;
  locale: void;
  close: void;
}

export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

export interface RequestMessage {
  id: number;
  req: Request;
}

export type ResponseMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

export type WorkerEvent =
  /** Terminal output of the running command (stdout and stderr interleaved as written). */
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** The running program now reads input of this kind (the terminal switches completion). */
  | { type: 'inputMode'; mode: InputMode }
  /** Files changed in the worker (by a command, an import, a reset). */
  | { type: 'files'; files: Record<string, string | null>; generated: Record<string, string | null> }
  /** The database may have changed: the explorer and pictures refresh. */
  | { type: 'dbChanged' }
  /** Boot progress, for the status bar. */
  | { type: 'status'; text: string }
  /** The worker hit an error it cannot recover from (the page offers a reset). */
  | { type: 'fatal'; message: string };

export type WorkerMessage = ResponseMessage | { event: WorkerEvent };

export function isEvent(m: WorkerMessage): m is { event: WorkerEvent } {
  return 'event' in m;
}
