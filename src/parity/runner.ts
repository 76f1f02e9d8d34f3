/**
 * Runs a parity scenario against the TypeScript engine and writes the transcript the way the
 * oracle (shared/oracle/run_scenario.py) wrote real Django's: same step headers, same `--- …`
 * markers, same `@ sql` / `@ schema` / `@ tree` formats. Node only (reads the scenario folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runManage, type CommandIO, type ManageContext } from '../engine/api.ts';
import { DatabaseError, formatPgError, resetDatabase, type PGliteConnection } from '../engine/db/connection.ts';
import { frozenEnv } from '../engine/env.ts';
import { MemoryFS, type ProjectFS } from '../engine/project/fs.ts';
import { PyException } from '../engine/python/objects.ts';
import { schemaDump } from './schema-dump.ts';
import { parseSteps, pySplit, shlexSplit, stepHeader, type Step } from './steps.ts';
import { MANAGE_PY } from '../engine/project/manage-py.ts';

export const PROJECT_DISPLAY_ROOT = '$PROJECT';
const NO_NEWLINE = '--- no newline at end\n';
const ADDRESS_RE = / at 0x[0-9a-f]{6,16}>/g;

export interface RunScenarioOptions {
  /** The database (a shared instance is fine: it is reset first unless `reset` is false). */
  conn: PGliteConnection;
  /** When given, transcript.txt and project/<migrations files> are written there. */
  outDir?: string;
  /** Reset the database before the first step (default true). */
  reset?: boolean;
  /** Per `$` step limit for a command that never finishes (async hang), like the oracle's 300 s. */
  stepTimeoutMs?: number;
  /** The engine entry point (default: runManage of engine/api.ts; tests substitute fakes). */
  manage?: (argv: string[], ctx: ManageContext) => Promise<number>;
  /** Called after each step (progress display). */
  onStep?: (n: number, step: Step, body: string, ms: number) => void;
}

export interface StepTiming {
  n: number;
  line: string;
  ms: number;
}

export interface ScenarioRun {
  name: string;
  transcript: string;
  /** Final files of every migrations folder, by project-relative path (the `expected/project/` layout). */
  files: Map<string, string>;
  /** Every step was executed (engine failures are recorded in the transcript and do not stop the run). */
  completed: boolean;
  /** Exceptions that escaped the engine (`--- error: runner exception …`), with their stacks. */
  runnerErrors: { n: number; line: string; error: string }[];
  timings: StepTiming[];
  totalMs: number;
}

/** A scenario as data: its steps, the initial project files and a reader for `files/…`. */
export interface ScenarioSource {
  name: string;
  steps: Step[];
  project: Map<string, string>;
  /** A file of the scenario folder (`files/01/shop/models.py`), or undefined when missing. */
  readFile(rel: string): string | undefined;
}

/** Reads a scenario folder (steps, project/ without __pycache__ and *.pyc, files/). */
export function loadScenario(dir: string): ScenarioSource {
  const root = path.resolve(dir.replace(/\/+$/, ''));
  const steps = parseSteps(fs.readFileSync(path.join(root, 'steps'), 'utf8'), path.join(root, 'steps'));
  const project = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
      if (entry.name === '__pycache__' || entry.name.endsWith('.pyc')) continue;
      const a = path.join(abs, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(a, r);
      else project.set(r, fs.readFileSync(a, 'utf8'));
    }
  };
  walk(path.join(root, 'project'), '');
  if (!project.has('manage.py')) project.set('manage.py', MANAGE_PY);
  return {
    name: path.basename(root),
    steps,
    project,
    readFile(rel: string) {
      const p = path.join(root, rel);
      try {
        return fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs the scenario folder `scenarioDir` (see runScenarioSource). */
export async function runScenario(scenarioDir: string, opts: RunScenarioOptions): Promise<ScenarioRun> {
  const run = await runScenarioSource(loadScenario(scenarioDir), opts);
  if (opts.outDir) writeScenarioOutput(run, opts.outDir);
  return run;
}

/** Writes `<outDir>/transcript.txt` and `<outDir>/project/<migrations files>`. */
export function writeScenarioOutput(run: ScenarioRun, outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'transcript.txt'), run.transcript);
  fs.rmSync(path.join(outDir, 'project'), { recursive: true, force: true });
  for (const [rel, content] of run.files) {
    const dest = path.join(outDir, 'project', rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content);
  }
}

export async function runScenarioSource(src: ScenarioSource, opts: RunScenarioOptions): Promise<ScenarioRun> {
  const started = performance.now();
  const { conn } = opts;
  const pfs = new MemoryFS(src.project, PROJECT_DISPLAY_ROOT);
  if (opts.reset !== false) resetDatabase(conn);
  const run: ScenarioRun = {
    name: src.name,
    transcript: '',
    files: new Map(),
    completed: false,
    runnerErrors: [],
    timings: [],
    totalMs: 0,
  };
  let transcript = '';
  for (let i = 0; i < src.steps.length; i++) {
    const step = src.steps[i]!;
    const n = i + 1;
    const t0 = performance.now();
    transcript += stepHeader(step, n);
    let body: string;
    try {
      body = await runStep(step, src, pfs, opts);
    } catch (e) {
      const original = e instanceof RunnerStepError ? e.original : e;
      const partial = e instanceof RunnerStepError ? e.partialOutput : '';
      body = `${partial}--- error: runner exception ${exceptionSummary(original)}\n`;
      run.runnerErrors.push({ n, line: step.line, error: exceptionDetails(original) });
    }
    transcript += body;
    const ms = performance.now() - t0;
    run.timings.push({ n, line: step.line, ms });
    opts.onStep?.(n, step, body, ms);
  }
  run.transcript = transcript;
  run.files = migrationFiles(pfs);
  run.completed = true;
  run.totalMs = performance.now() - started;
  return run;
}

/** `ClassName: message` like the oracle's `e.__class__.__name__, e` (one line). */
function exceptionSummary(e: unknown): string {
  if (e instanceof PyException) {
    const msg = e.message;
    return msg ? `${e.pyClass.name}: ${msg}` : `${e.pyClass.name}: `;
  }
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `Error: ${String(e)}`;
}

function exceptionDetails(e: unknown): string {
  if (e instanceof PyException) {
    const frames = e.traceback.map((f) => `  File "${f.file}", line ${f.line}, in ${f.name}`).join('\n');
    return `${e.lastLine}\n${frames}\n${e.stack ?? ''}`;
  }
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

async function runStep(step: Step, src: ScenarioSource, fs: MemoryFS, opts: RunScenarioOptions): Promise<string> {
  const line = step.line;
  if (line.startsWith('$ ')) return stepCommand(step, fs, opts);
  if (line.startsWith('@ write ')) return stepWrite(step, src, fs);
  if (line.startsWith('@ rm ')) return stepRm(step, fs);
  if (line.startsWith('@ sql ')) return stepSql(line.slice('@ sql '.length), opts.conn);
  if (line === '@ schema') {
    opts.conn.newSession();
    return schemaDump(opts.conn);
  }
  if (line === '@ tree') return stepTree(fs);
  return '--- error: unknown step\n';
}

function withNewline(data: string): string {
  return data && !data.endsWith('\n') ? data + '\n' + NO_NEWLINE : data;
}

/** The oracle's rewrite of object addresses in reprs (`<function f at 0x...>`). */
export function normalizeOutput(data: string): string {
  return data.replace(ADDRESS_RE, ' at 0x...>');
}

async function stepCommand(step: Step, fs: ProjectFS, opts: RunScenarioOptions): Promise<string> {
  const argv = shlexSplit(step.line.slice(2));
  const { conn } = opts;
  conn.newSession(); // every `$` step is a new Django process with its own connection
  let stdout = '';
  let stderr = '';
  let done = false;
  const input = step.stdin;
  let next = 0;
  const io: CommandIO = {
    stdout(text) {
      if (!done) stdout += text;
    },
    stderr(text) {
      if (!done) stderr += text;
    },
    async readLine() {
      return next < input.length ? input[next++]! : null;
    },
    async readAll() {
      const rest = input.slice(next).map((l) => l + '\n').join('');
      next = input.length;
      return rest;
    },
    isatty: false,
  };
  const timeoutMs = opts.stepTimeoutMs ?? 300_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let status: number | 'timeout';
  try {
    const manage = opts.manage ?? runManage;
    status = await Promise.race([manage(argv, { fs, db: conn, env: frozenEnv(), io }), timeout]);
  } catch (e) {
    done = true;
    // an engine bug: keep what was printed, then the runner exception line
    const partial = withNewline(normalizeOutput(stdout)) + (stderr ? '--- stderr\n' + withNewline(normalizeOutput(stderr)) : '');
    throw new RunnerStepError(e, partial);
  } finally {
    clearTimeout(timer);
  }
  done = true;
  let out = withNewline(normalizeOutput(stdout));
  if (status === 'timeout') {
    if (stderr) out += '--- stderr\n' + withNewline(normalizeOutput(stderr));
    return out + `--- timeout after ${Math.round(timeoutMs / 1000)} s\n`;
  }
  if (stderr) out += '--- stderr\n' + withNewline(normalizeOutput(stderr));
  if (status !== 0) out += `--- exit ${status}\n`;
  return out;
}

/** An exception that escaped runManage, with the output the command had printed before it. */
class RunnerStepError extends Error {
  constructor(
    readonly original: unknown,
    readonly partialOutput: string,
  ) {
    super(exceptionSummary(original));
  }
}

/** normpath(join(project, rel)) must stay inside the project (the oracle's safe_project_path). */
function safeProjectPath(rel: string): string {
  if (rel.startsWith('/')) throw pyValueError(`path escapes the project: ${rel}`);
  const out: string[] = [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) throw pyValueError(`path escapes the project: ${rel}`);
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

function pyValueError(message: string): Error {
  const e = new Error(message);
  e.name = 'ValueError';
  return e;
}

function stepWrite(step: Step, src: ScenarioSource, fs: ProjectFS): string {
  const parts = pySplit(step.line.slice(2));
  if (parts.length !== 3) return '--- error: usage: @ write <path> files/NN/<path>\n';
  const [, dest, source] = parts as [string, string, string];
  const content = src.readFile(source);
  if (content === undefined) return `--- error: no such file ${source}\n`;
  fs.write(safeProjectPath(dest), content);
  return '';
}

function stepRm(step: Step, fs: ProjectFS): string {
  const parts = pySplit(step.line.slice(2));
  if (parts.length !== 2) return '--- error: usage: @ rm <path>\n';
  const p = safeProjectPath(parts[1]!);
  if (!fs.exists(p)) return `--- error: no such file ${parts[1]}\n`;
  fs.remove(p);
  return '';
}

/** `@ sql`: one statement string in a new session, autocommit, formatted like the oracle (psycopg2). */
export function stepSql(sql: string, conn: PGliteConnection): string {
  conn.newSession();
  let result;
  try {
    result = conn.execute(sql);
  } catch (e) {
    if (e instanceof DatabaseError) return `--- error\n${formatPgError(e).replace(/\n+$/, '')}\n`;
    if (e instanceof Error && e.name === 'ProgrammingError') return `--- error\n${e.message}\n`;
    throw e;
  }
  const out: string[] = [];
  if (result.hasRowDescription) {
    out.push(result.fields.map((f) => f.name).join(' | '));
    for (const row of result.rows) out.push(row.map((v) => (v === null ? 'NULL' : v)).join(' | '));
    out.push(`(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`);
  } else {
    out.push(result.commandTag);
  }
  return out.join('\n') + '\n';
}

/** Directories named `migrations` holding an `__init__.py`, like the oracle's migration_dirs. */
function migrationDirs(fs: ProjectFS): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    const names = fs.list(dir);
    const files: string[] = [];
    const dirs: string[] = [];
    for (const name of names) {
      const p = dir ? `${dir}/${name}` : name;
      if (fs.isDir(p)) dirs.push(name);
      else files.push(name);
    }
    if (dir.split('/').pop() === 'migrations' && files.includes('__init__.py')) found.push(dir);
    for (const d of dirs.sort(cmp)) {
      if (d === '__pycache__' || d.startsWith('.')) continue;
      walk(dir ? `${dir}/${d}` : d);
    }
  };
  walk('');
  return found.sort(cmp);
}

/** Every file (but *.pyc and __pycache__) under every migrations folder, sorted by path. */
export function migrationFilePaths(fs: ProjectFS): string[] {
  const result: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.list(dir)) {
      const p = `${dir}/${name}`;
      if (fs.isDir(p)) {
        if (name !== '__pycache__') walk(p);
      } else if (!name.endsWith('.pyc')) result.push(p);
    }
  };
  for (const d of migrationDirs(fs)) walk(d);
  return result.sort(cmp);
}

function migrationFiles(fs: ProjectFS): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of migrationFilePaths(fs)) files.set(p, fs.read(p) ?? '');
  return files;
}

function stepTree(fs: ProjectFS): string {
  let out = '';
  for (const rel of migrationFilePaths(fs)) out += `=== ${rel}\n` + withNewline(fs.read(rel) ?? '');
  return out || '(no migrations folders)\n';
}
