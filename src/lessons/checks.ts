/**
 * Evaluating a step's declarative checks against a LessonHost and the log of commands.
 */
import { matchGlob } from './format.ts';
import type { CommandRecord, LessonHost, MigrationSummary } from './host.ts';
import type { Check } from './types.ts';

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** Why it failed (what was found instead), in English: shown under the check. */
  detail?: string;
}

export interface CheckContext {
  host: LessonHost;
  /** Commands run since the lesson started (oldest first). */
  log: readonly CommandRecord[];
  /** Paths of the project files (read once per evaluation). */
  files?: string[];
  /** Cache of migration summaries for one evaluation. */
  summaries?: Map<string, Promise<MigrationSummary | { error: string }>>;
}

export function sqlLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** A row as the `= …` lines write it: values in PostgreSQL's text format joined by ` | `. */
export function formatRow(row: readonly (string | null)[]): string {
  return row.map((v) => (v === null ? 'NULL' : v)).join(' | ');
}

/** Operation summaries compare without spaces and case. */
export function normalizeOp(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Whether every expected line occurs in the output, in order (as substrings). */
export function outputContains(output: string, expected: readonly string[]): boolean {
  const text = output.replace(ANSI, '').replace(/\r/g, '');
  let pos = 0;
  for (const line of expected) {
    const i = text.indexOf(line, pos);
    if (i < 0) return false;
    pos = i + line.length;
  }
  return true;
}

/** A migration name matches a check's name when equal or when the check gives a prefix. */
function nameMatches(actual: string, wanted: string): boolean {
  return actual === wanted || actual.startsWith(wanted.endsWith('_') ? wanted : wanted + '_') || (wanted.length >= 4 && actual.startsWith(wanted));
}

/** Whether a command's arguments contain the check's words (the first word is the command). */
export function argvMatches(argv: readonly string[], words: readonly string[]): boolean {
  if (argv[0] !== words[0]) return false;
  const rest = argv.slice(1);
  return words.slice(1).every((w) => rest.some((a) => a === w || (/^\d{4}$/.test(w) && a.startsWith(w + '_'))));
}

async function files(ctx: CheckContext): Promise<string[]> {
  ctx.files ??= await ctx.host.listFiles();
  return ctx.files;
}

function summary(ctx: CheckContext, path: string): Promise<MigrationSummary | { error: string }> {
  ctx.summaries ??= new Map();
  let s = ctx.summaries.get(path);
  if (!s) {
    s = ctx.host.migrationSummary(path);
    ctx.summaries.set(path, s);
  }
  return s;
}

async function appliedNames(host: LessonHost, app: string): Promise<string[] | null> {
  const r = await host.query(`SELECT name FROM django_migrations WHERE app = ${sqlLiteral(app)} ORDER BY id`);
  if (!r.ok) return null;
  return r.rows.map((row) => row[0] ?? '');
}

export async function evaluateCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  const fail = (detail: string): CheckResult => ({ check, ok: false, detail });
  const pass: CheckResult = { check, ok: true };
  const { host } = ctx;
  try {
    switch (check.kind) {
      case 'file': {
        const m = matchGlob(check.glob!, await files(ctx));
        return m.length ? pass : fail(`no file ${check.glob}`);
      }
      case 'nofile': {
        const m = matchGlob(check.glob!, await files(ctx));
        return m.length ? fail(`found ${m.join(', ')}`) : pass;
      }
      case 'contains':
      case 'lacks': {
        const m = matchGlob(check.glob!, await files(ctx));
        if (!m.length) return fail(`no file ${check.glob}`);
        const contents = await Promise.all(m.map((p) => host.readFile(p)));
        const has = contents.some((c) => c !== undefined && c.includes(check.text!));
        if (check.kind === 'contains') return has ? pass : fail(`${m.join(', ')}: no “${check.text}”`);
        return has ? fail(`${m.join(', ')} still contains “${check.text}”`) : pass;
      }
      case 'operations':
      case 'depends': {
        const m = matchGlob(check.glob!, await files(ctx));
        if (!m.length) return fail(`no file ${check.glob}`);
        const details: string[] = [];
        for (const p of m) {
          const s = await summary(ctx, p);
          if ('error' in s) {
            details.push(`${p}: ${s.error}`);
            continue;
          }
          if (check.kind === 'operations') {
            const want = check.ops!.map(normalizeOp).join(',');
            const got = s.operations.map(normalizeOp).join(',');
            if (want === got) return pass;
            details.push(`${p}: ${s.operations.join(', ') || '(no operations)'}`);
          } else {
            if (s.dependencies.some(([a, n]) => a === check.app && nameMatches(n, check.name!))) return pass;
            details.push(`${p} depends on ${s.dependencies.map(([a, n]) => `${a}.${n}`).join(', ') || 'nothing'}`);
          }
        }
        return fail(details.join('; '));
      }
      case 'applied':
      case 'unapplied': {
        const names = await appliedNames(host, check.app!);
        const list = names ?? [];
        const found = check.name === undefined ? list.length > 0 : list.some((n) => nameMatches(n, check.name!));
        const where = names === null ? 'no django_migrations table' : `applied: ${list.join(', ') || 'none'}`;
        if (check.kind === 'applied') return found ? pass : fail(where);
        return found ? fail(where) : pass;
      }
      case 'sql': {
        const r = await host.query(check.sql!);
        if (!r.ok) return fail(r.error);
        // rows compare without leading and trailing blanks (an empty last value ends a line in a blank)
        const got = r.rows.map((row) => formatRow(row).trim());
        const want = check.rows!.map((w) => w.trim());
        if (got.length === want.length && got.every((g, i) => g === want[i])) return pass;
        const shown = got.slice(0, 12).map((g) => `= ${g}`);
        if (got.length > 12) shown.push(`… ${got.length} rows`);
        return fail(shown.length ? shown.join('\n') : '(no rows)');
      }
      case 'ran':
      case 'failed': {
        const candidates = ctx.log.filter((r) => argvMatches(r.argv, check.words!) && (check.kind === 'ran' ? r.status === 0 : r.status !== 0));
        if (!candidates.length) return fail('not run yet');
        if (candidates.some((r) => outputContains(r.output, check.output!))) return pass;
        return fail(`the output has no “${check.output!.join(' … ')}”`);
      }
      case 'probe':
      case 'probefails': {
        const r = await host.runSilently(check.words!);
        const okStatus = check.kind === 'probe' ? r.status === 0 : r.status !== 0;
        if (!okStatus) return fail(`exit status ${r.status}\n${lastLines(r.output, 6)}`);
        if (!outputContains(r.output, check.output!)) return fail(lastLines(r.output, 12));
        return pass;
      }
    }
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function lastLines(text: string, n: number): string {
  const lines = text.replace(ANSI, '').replace(/\s+$/, '').split('\n');
  return lines.slice(-n).join('\n');
}

/** Evaluates checks in order (each one sees the same file list and migration cache). */
export async function evaluateChecks(checks: readonly Check[], host: LessonHost, log: readonly CommandRecord[]): Promise<CheckResult[]> {
  const ctx: CheckContext = { host, log };
  const results: CheckResult[] = [];
  for (const c of checks) results.push(await evaluateCheck(c, ctx));
  return results;
}
