/**
 * The lesson model: what a lesson folder (lessons/<nn-slug>/, format in lessons/README.md) parses
 * to. Plain data, no DOM and no engine imports: the same objects serve the headless runner (Node),
 * the worker and the lesson pane.
 */

/** One file of a lesson folder, by path relative to the folder (`lesson.md`, `project/settings.py`). */
export type LessonFiles = Map<string, string>;

/** Something the solution (or the setup) does, in the order written. */
export type Action =
  /** `$ <manage.py arguments>` with its `<` lines of standard input. */
  | { kind: 'command'; line: string; lineno: number; argv: string[]; stdin: string[] }
  /** `@ write <project path> [<lesson file>]`: copies a file of the lesson folder over a project file. */
  | { kind: 'write'; line: string; lineno: number; path: string; source: string }
  /** `@ rm <project path>`. */
  | { kind: 'rm'; line: string; lineno: number; path: string }
  /** `@ sql <statements on one line>`, run as the superuser outside Django. */
  | { kind: 'sql'; line: string; lineno: number; sql: string }
  /** `@ sqlfile <lesson file>`: every statement of a SQL file (setup.sql). */
  | { kind: 'sqlfile'; line: string; lineno: number; source: string };

export type CheckKind =
  | 'file'
  | 'nofile'
  | 'contains'
  | 'lacks'
  | 'operations'
  | 'depends'
  | 'applied'
  | 'unapplied'
  | 'sql'
  | 'ran'
  | 'failed'
  | 'probe'
  | 'probefails';

/** A declarative check (`? <kind> …` lines); every check of a step must pass to tick it. */
export interface Check {
  kind: CheckKind;
  /** The check line as written (without `? `), shown when a check fails. */
  line: string;
  lineno: number;
  /** file/nofile/contains/lacks/operations/depends: a project path, `*` and `?` allowed. */
  glob?: string;
  /** contains/lacks: the text that must (not) occur. */
  text?: string;
  /** operations: the expected summaries (`CreateModel:Product`, `RunSQL`). */
  ops?: string[];
  /** depends/applied/unapplied: app label and migration name (a prefix is enough). */
  app?: string;
  name?: string;
  /** sql: the query; rows: its expected rows, each `value | value` in PostgreSQL's text format. */
  sql?: string;
  rows?: string[];
  /** ran/failed/probe/probefails: manage.py words that must all occur (the first one is the command). */
  words?: string[];
  /** ran/failed/probe/probefails: lines the command's output must contain, in order (`> text`). */
  output?: string[];
}

export interface Step {
  id: string;
  /** Solution actions, in order. */
  actions: Action[];
  checks: Check[];
}

/** A lesson's script: the `steps` file. */
export interface Script {
  setup: Action[];
  steps: Step[];
}

/** One step's text in one language. */
export interface StepText {
  id: string;
  title: string;
  /** Markdown of the step, hints taken out. */
  body: string;
  /** Markdown of each `::: hint` block. */
  hints: string[];
}

/** A lesson.md / lesson.<lang>.md file. */
export interface LessonText {
  lang: string;
  id: string;
  title: string;
  summary: string;
  /** Every frontmatter key (id, title, summary, and anything else an author adds). */
  meta: Record<string, string>;
  /** Markdown before the first step. */
  intro: string;
  steps: StepText[];
}

export interface Lesson {
  /** The frontmatter id (the deep link's `#/lesson/<id>`). */
  id: string;
  /** The folder name (`01-first-migrations`); lessons are ordered by it. */
  folder: string;
  /** lang → text; `en` always exists. */
  texts: Record<string, LessonText>;
  script: Script;
  /** The starting project: every file under project/, by project path. */
  project: Record<string, string>;
  /** Every file of the folder (solutions, setup.sql …), for `@ write` and `@ sqlfile`. */
  files: LessonFiles;
}

/** A problem found while loading a lesson (the loader collects them; tests require none). */
export interface LessonProblem {
  folder: string;
  file: string;
  line?: number;
  message: string;
}
