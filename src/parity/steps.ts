/**
 * The `steps` file of a parity scenario (grammar: test/parity/README.md), parsed exactly like the
 * oracle's run_scenario.py does.
 */

export interface Step {
  /** 1-based line number in the steps file. */
  lineno: number;
  /** The step line, trailing whitespace removed (`$ migrate`, `@ sql SELECT 1`). */
  line: string;
  /** The `<` lines that follow a `$` step: its standard input, one entry per line. */
  stdin: string[];
}

export class StepsSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepsSyntaxError';
  }
}

/** Python's str.isspace() characters (what str.strip() removes). */
const PY_WHITESPACE = new Set([
  ' ', '\t', '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680',
  '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
  '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
]);

export function pyIsSpace(ch: string): boolean {
  return PY_WHITESPACE.has(ch);
}

/** Python's str.rstrip() without arguments. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_WHITESPACE.has(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Python's str.lstrip() without arguments. */
export function pyLstrip(s: string): string {
  let start = 0;
  while (start < s.length && PY_WHITESPACE.has(s[start]!)) start++;
  return s.slice(start);
}

/** Python's str.split() without arguments. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (PY_WHITESPACE.has(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Python's str.splitlines() (no line ends kept). */
export function pySplitlines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseSteps(text: string, path = 'steps'): Step[] {
  const steps: Step[] = [];
  // Python's text mode reads with universal newlines
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const lineno = i + 1;
    let line = raw;
    if (pyRstrip(line) === '' || pyLstrip(line).startsWith('#')) return;
    if (line.startsWith('<')) {
      const prev = steps[steps.length - 1];
      if (!prev || !prev.line.startsWith('$')) {
        throw new StepsSyntaxError(`${path}:${lineno}: stdin line without a preceding $ step`);
      }
      let t = line.slice(1);
      if (t.startsWith(' ')) t = t.slice(1);
      prev.stdin.push(t);
      return;
    }
    line = pyRstrip(line);
    if (!(line.startsWith('$ ') || line.startsWith('@ '))) {
      throw new StepsSyntaxError(`${path}:${lineno}: cannot parse step: ${pyStrRepr(line)}`);
    }
    steps.push({ lineno, line, stdin: [] });
  });
  return steps;
}

function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + q;
}

/** The transcript header of step n: `### n line` and one `### < text` line per stdin line. */
export function stepHeader(step: Step, n: number): string {
  let out = `### ${n} ${step.line}\n`;
  for (const s of step.stdin) out += `### < ${s}`.replace(/ +$/, '') + '\n';
  return out;
}

export class ShlexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const SHLEX_WHITESPACE = ' \t\r\n';

/**
 * Python's `shlex.split(s)` (POSIX mode, no comments): whitespace separates words; single quotes
 * keep everything literally; inside double quotes a backslash escapes only `"` and `\`; outside
 * quotes it escapes any character. Errors are those of shlex (`No closing quotation`,
 * `No escaped character`).
 */
export function shlexSplit(s: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (SHLEX_WHITESPACE.includes(ch)) {
      if (cur !== null) out.push(cur);
      cur = null;
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= s.length) throw new ShlexError('No escaped character');
      cur = (cur ?? '') + s[i + 1];
      i += 2;
    } else if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new ShlexError('No closing quotation');
      cur = (cur ?? '') + s.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      cur ??= '';
      i++;
      for (;;) {
        if (i >= s.length) throw new ShlexError('No closing quotation');
        const c = s[i]!;
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\') {
          if (i + 1 >= s.length) throw new ShlexError('No escaped character');
          const next = s[i + 1]!;
          cur += next === '"' || next === '\\' ? next : '\\' + next;
          i += 2;
          continue;
        }
        cur += c;
        i++;
      }
    } else {
      cur = (cur ?? '') + ch;
      i++;
    }
  }
  if (cur !== null) out.push(cur);
  return out;
}
