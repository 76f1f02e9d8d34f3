/**
 * Parsers of the lesson format (lessons/README.md): lesson.md with frontmatter, step sections and
 * hint blocks, and the `steps` script (setup, solution actions and checks per step) whose action
 * lines are the parity scenarios' grammar (test/parity/README.md).
 */
import { shlexSplit } from '../parity/steps.ts';
import type { Action, Check, CheckKind, LessonText, Script, Step, StepText } from './types.ts';

export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly lineno: number | undefined,
    message: string,
  ) {
    super(`${file}${lineno !== undefined ? `:${lineno}` : ''}: ${message}`);
    this.name = 'LessonFormatError';
  }
}

// --- lesson.md --------------------------------------------------------------------------------

/** `---` frontmatter of `key: value` lines (values may be quoted); the rest is the body. */
export function parseFrontmatter(text: string, file = 'lesson.md'): { meta: Record<string, string>; body: string; bodyLine: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return { meta: {}, body: lines.join('\n'), bodyLine: 1 };
  const meta: Record<string, string> = {};
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '---') break;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new LessonFormatError(file, i + 1, `cannot parse frontmatter line: ${line}`);
    let value = m[2]!.trim();
    if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
      value = value.slice(1, -1);
    }
    meta[m[1]!] = value;
  }
  if (i >= lines.length) throw new LessonFormatError(file, 1, 'frontmatter is not closed by ---');
  return { meta, body: lines.slice(i + 1).join('\n'), bodyLine: i + 2 };
}

const STEP_HEADING = /^##\s+(.*?)\s*\{#([A-Za-z0-9][\w-]*)\}\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** The language of `lesson.md` (en) or `lesson.<lang>.md`; null for other files. */
export function lessonFileLang(name: string): string | null {
  if (name === 'lesson.md') return 'en';
  const m = /^lesson\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$/.exec(name);
  return m ? m[1]! : null;
}

/**
 * Splits a lesson file into the intro and step sections. A step starts at a level-2 heading
 * ending in `{#step-id}`; `::: hint` … `:::` blocks inside a step are its hints. Headings and
 * hint markers inside fenced code blocks are text.
 */
export function parseLessonText(text: string, lang: string, file = 'lesson.md'): LessonText {
  const { meta, body, bodyLine } = parseFrontmatter(text, file);
  for (const key of ['id', 'title', 'summary']) {
    if (!meta[key]) throw new LessonFormatError(file, 1, `frontmatter needs ${key}`);
  }
  const lines = body.split('\n');
  const intro: string[] = [];
  const steps: { id: string; title: string; lines: string[]; hints: string[]; line: number }[] = [];
  let fence: string | null = null;
  let hint: string[] | null = null;
  let hintStart = 0;
  lines.forEach((line, idx) => {
    const lineno = bodyLine + idx;
    const f = FENCE.exec(line);
    const current = steps[steps.length - 1];
    if (fence === null && hint === null && !f) {
      const h = STEP_HEADING.exec(line);
      if (h) {
        steps.push({ id: h[2]!, title: h[1]!, lines: [], hints: [], line: lineno });
        return;
      }
    }
    if (fence === null && !f && /^:::\s*hint\b/.test(line)) {
      if (!current) throw new LessonFormatError(file, lineno, 'a hint outside a step');
      if (hint !== null) throw new LessonFormatError(file, lineno, 'a hint inside a hint');
      hint = [];
      hintStart = lineno;
      return;
    }
    if (fence === null && !f && hint !== null && /^:::\s*$/.test(line)) {
      current!.hints.push(trimBlank(hint.join('\n')));
      hint = null;
      return;
    }
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (line.trim().startsWith(fence[0]!.repeat(fence.length)) && line.trim().replace(/[`~]/g, '') === '') fence = null;
    }
    if (hint !== null) hint.push(line);
    else if (current) current.lines.push(line);
    else intro.push(line);
  });
  if (hint !== null) throw new LessonFormatError(file, hintStart, 'hint not closed by :::');
  if (fence !== null) throw new LessonFormatError(file, undefined, 'a code block is not closed');
  const seen = new Set<string>();
  const stepTexts: StepText[] = steps.map((s) => {
    if (seen.has(s.id)) throw new LessonFormatError(file, s.line, `duplicate step id ${s.id}`);
    seen.add(s.id);
    return { id: s.id, title: s.title, body: trimBlank(s.lines.join('\n')), hints: s.hints };
  });
  return {
    lang,
    id: meta['id']!,
    title: meta['title']!,
    summary: meta['summary']!,
    meta,
    intro: trimBlank(intro.join('\n')),
    steps: stepTexts,
  };
}

function trimBlank(s: string): string {
  return s.replace(/^\s*\n/, '').replace(/\s+$/, '');
}

// --- the steps script -------------------------------------------------------------------------

const CHECK_KINDS = new Set<CheckKind>([
  'file',
  'nofile',
  'contains',
  'lacks',
  'operations',
  'depends',
  'applied',
  'unapplied',
  'sql',
  'ran',
  'failed',
  'probe',
  'probefails',
]);

/** Splits `a, B[c, d], e` on commas outside brackets and parentheses. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length) out.push(cur.trim());
  return out.filter((x) => x !== '');
}

function firstWord(s: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/.exec(s.trim());
  return m ? [m[1]!, m[2]!] : ['', ''];
}

function parseCheck(rest: string, lineno: number, file: string): Check {
  const [kind, args] = firstWord(rest);
  if (!CHECK_KINDS.has(kind as CheckKind)) throw new LessonFormatError(file, lineno, `unknown check: ${kind}`);
  const k = kind as CheckKind;
  const check: Check = { kind: k, line: rest.trim(), lineno };
  const need = (cond: boolean, usage: string) => {
    if (!cond) throw new LessonFormatError(file, lineno, `usage: ? ${usage}`);
  };
  switch (k) {
    case 'file':
    case 'nofile': {
      need(args !== '' && !/\s/.test(args), `${k} <path>`);
      check.glob = args;
      break;
    }
    case 'contains':
    case 'lacks': {
      const [glob, text] = firstWord(args);
      need(glob !== '' && text !== '', `${k} <path> <text>`);
      check.glob = glob;
      check.text = text;
      break;
    }
    case 'operations': {
      const [glob, ops] = firstWord(args);
      need(glob !== '', 'operations <path> <Operation>, <Operation>…');
      check.glob = glob;
      check.ops = splitTopLevel(ops);
      break;
    }
    case 'depends': {
      const parts = args.split(/\s+/);
      need(parts.length === 3 && parts.every((p) => p !== ''), 'depends <path> <app> <migration>');
      [check.glob, check.app, check.name] = parts as [string, string, string];
      break;
    }
    case 'applied':
    case 'unapplied': {
      const parts = args.split(/\s+/).filter((p) => p !== '');
      need(parts.length === 1 || parts.length === 2, `${k} <app> [<migration>]`);
      check.app = parts[0]!;
      if (parts[1] !== undefined) check.name = parts[1];
      break;
    }
    case 'sql':
      need(args !== '', 'sql <query>');
      check.sql = args;
      check.rows = [];
      break;
    default: {
      let words: string[];
      try {
        words = shlexSplit(args);
      } catch (e) {
        throw new LessonFormatError(file, lineno, e instanceof Error ? e.message : String(e));
      }
      need(words.length > 0, `${k} <manage.py command words>`);
      check.words = words;
      check.output = [];
    }
  }
  return check;
}

/**
 * Parses a `steps` file:
 *
 *     [setup]
 *     @ sqlfile setup.sql
 *     $ migrate
 *
 *     [step make-migrations]
 *     @ write shop/models.py          (from solution/make-migrations/shop/models.py)
 *     $ makemigrations
 *     ? file shop/migrations/0001_initial.py
 *     ? sql SELECT app, name FROM django_migrations
 *     = shop | 0001_initial
 */
export function parseScript(text: string, file = 'steps'): Script {
  const script: Script = { setup: [], steps: [] };
  let section: { actions: Action[]; step: Step | null } | null = null;
  let last: { action?: Action; check?: Check } = {};
  const ids = new Set<string>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const lineno = i + 1;
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const header = /^\[(setup|step\s+([A-Za-z0-9][\w-]*))\]$/.exec(line.trim());
    if (header) {
      if (header[1] === 'setup') {
        if (script.steps.length || section) throw new LessonFormatError(file, lineno, '[setup] must come first');
        section = { actions: script.setup, step: null };
      } else {
        const id = header[2]!;
        if (ids.has(id)) throw new LessonFormatError(file, lineno, `duplicate step id ${id}`);
        ids.add(id);
        const step: Step = { id, actions: [], checks: [] };
        script.steps.push(step);
        section = { actions: step.actions, step };
      }
      last = {};
      return;
    }
    if (!section) throw new LessonFormatError(file, lineno, 'expected [setup] or [step <id>]');
    const sec: { actions: Action[]; step: Step | null } = section;
    if (line.startsWith('<')) {
      const prev = last.action;
      if (!prev || prev.kind !== 'command') throw new LessonFormatError(file, lineno, 'stdin line without a preceding $ step');
      let t = line.slice(1);
      if (t.startsWith(' ')) t = t.slice(1);
      prev.stdin.push(t);
      return;
    }
    if (line.startsWith('=')) {
      const c = last.check;
      if (!c || c.kind !== 'sql') throw new LessonFormatError(file, lineno, 'a row line (=) without a preceding ? sql');
      c.rows!.push(line.slice(1).trim());
      return;
    }
    if (line.startsWith('>')) {
      const c = last.check;
      if (!c || !c.output) throw new LessonFormatError(file, lineno, 'an output line (>) without a preceding command check');
      c.output.push(line.slice(1).trim());
      return;
    }
    if (line.startsWith('? ')) {
      if (!sec.step) throw new LessonFormatError(file, lineno, 'checks belong to a step, not to [setup]');
      const check = parseCheck(line.slice(2), lineno, file);
      sec.step.checks.push(check);
      last = { check };
      return;
    }
    if (line.startsWith('$ ')) {
      let argv: string[];
      try {
        argv = shlexSplit(line.slice(2));
      } catch (e) {
        throw new LessonFormatError(file, lineno, e instanceof Error ? e.message : String(e));
      }
      const action: Action = { kind: 'command', line, lineno, argv, stdin: [] };
      sec.actions.push(action);
      last = { action };
      return;
    }
    if (line.startsWith('@ ')) {
      const [verb, rest] = firstWord(line.slice(2));
      let action: Action;
      if (verb === 'write') {
        const parts = rest.split(/\s+/).filter((p) => p !== '');
        if (parts.length < 1 || parts.length > 2) throw new LessonFormatError(file, lineno, 'usage: @ write <path> [<lesson file>]');
        const dest = parts[0]!;
        const source = parts[1] ?? (sec.step ? `solution/${sec.step.id}/${dest}` : `setup/${dest}`);
        action = { kind: 'write', line, lineno, path: dest, source };
      } else if (verb === 'rm') {
        if (!rest || /\s/.test(rest)) throw new LessonFormatError(file, lineno, 'usage: @ rm <path>');
        action = { kind: 'rm', line, lineno, path: rest };
      } else if (verb === 'sql') {
        if (!rest) throw new LessonFormatError(file, lineno, 'usage: @ sql <statements>');
        action = { kind: 'sql', line, lineno, sql: rest };
      } else if (verb === 'sqlfile') {
        if (!rest || /\s/.test(rest)) throw new LessonFormatError(file, lineno, 'usage: @ sqlfile <file>');
        action = { kind: 'sqlfile', line, lineno, source: rest };
      } else {
        throw new LessonFormatError(file, lineno, `unknown action @ ${verb}`);
      }
      sec.actions.push(action);
      last = { action };
      return;
    }
    throw new LessonFormatError(file, lineno, `cannot parse line: ${line}`);
  });
  return script;
}

// --- globs ------------------------------------------------------------------------------------

/** `*` matches within one path segment, `?` one character; everything else literally. */
export function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

export function matchGlob(glob: string, paths: Iterable<string>): string[] {
  const re = globToRegExp(glob);
  return [...paths].filter((p) => re.test(p)).sort();
}
