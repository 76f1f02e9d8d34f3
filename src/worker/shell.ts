/**
 * The sandbox's tiny shell: splits a command line like bash (quotes, backslashes, `&&`, `||`, `;`),
 * recognises the ways of calling manage.py, and implements a few comforts (`ls`, `cat`, `rm`,
 * `pwd`, `echo`, `clear`, `help`). No pipes or redirections; nothing ever reaches JavaScript's eval.
 */
import type { ProjectFS } from '../engine/project/fs.ts';
import { normalizePath } from '../engine/project/fs.ts';
import { S } from '../app/i18n/strings.ts';

export type Connector = '&&' | '||' | ';';

export interface SimpleCommand {
  argv: string[];
  /** How this command is joined to the previous one (null for the first). */
  connector: Connector | null;
}

export class ShellSyntaxError extends Error {}

/** Splits a command line into simple commands joined by `&&`, `||` and `;`. */
export function parseCommandLine(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let argv: string[] = [];
  let word: string | null = null;
  let connector: Connector | null = null;
  const endWord = () => {
    if (word !== null) argv.push(word);
    word = null;
  };
  const endCommand = (next: Connector | null) => {
    endWord();
    if (argv.length === 0) {
      if (next !== null) throw new ShellSyntaxError(S.shell.syntaxError(next));
      return;
    }
    commands.push({ argv, connector });
    argv = [];
    connector = next;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      endWord();
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError(S.shell.unmatchedQuote("'"));
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) {
          text += line[++j];
        } else text += line[j];
      }
      if (j >= line.length) throw new ShellSyntaxError(S.shell.unmatchedQuote('"'));
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 < line.length) word = (word ?? '') + line[++i];
    } else if (ch === '#' && word === null) {
      break; // a comment
    } else if (ch === '&' && line[i + 1] === '&') {
      endCommand('&&');
      i++;
    } else if (ch === '|' && line[i + 1] === '|') {
      endCommand('||');
      i++;
    } else if (ch === ';') {
      endCommand(';');
    } else if (ch === '|' || ch === '>' || ch === '<' || ch === '&') {
      throw new ShellSyntaxError(S.shell.noRedirection);
    } else {
      word = (word ?? '') + ch;
    }
  }
  endWord();
  if (argv.length) commands.push({ argv, connector });
  else if (connector === '&&' || connector === '||') throw new ShellSyntaxError(S.shell.syntaxError(connector));
  return commands;
}

/**
 * The manage.py arguments of a command that runs Django (`python manage.py …`, `./manage.py …`,
 * `python -m django …`, `django-admin …`); null when argv is something else.
 */
export function manageArgs(argv: string[]): string[] | null {
  const [a, b, c] = argv;
  if (a === 'python' || a === 'python3' || a === 'py') {
    if (b === 'manage.py' || b === './manage.py') return argv.slice(2);
    if (b === '-m' && c === 'django') return argv.slice(3);
    return null;
  }
  if (a === './manage.py' || a === 'manage.py' || a === 'django-admin' || a === 'django-admin.py') return argv.slice(1);
  return null;
}

/** Words the shell itself understands (for help and completion). */
export const SHELL_COMMANDS = ['python', 'python3', './manage.py', 'django-admin', 'ls', 'cat', 'rm', 'pwd', 'echo', 'clear', 'help', 'history'];

export interface BuiltinContext {
  fs: ProjectFS;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Terminal width, for `ls` columns. */
  cols: number;
}

const BLUE = '\x1b[1;34m';
const RESET = '\x1b[0m';

/** Lays names out in columns like `ls` on a terminal (column-major). */
export function columns(names: string[], widthOf: (s: string) => number, cols: number): string {
  if (names.length === 0) return '';
  const widths = names.map(widthOf);
  for (let ncols = Math.min(names.length, Math.max(1, Math.floor(cols / 3))); ncols >= 1; ncols--) {
    const nrows = Math.ceil(names.length / ncols);
    const colW: number[] = [];
    for (let c = 0; c < ncols; c++) {
      let w = 0;
      for (let r = 0; r < nrows; r++) {
        const k = c * nrows + r;
        if (k < names.length) w = Math.max(w, widths[k]!);
      }
      colW.push(w);
    }
    const total = colW.reduce((a, b) => a + b, 0) + 2 * (ncols - 1);
    if (total > cols && ncols > 1) continue;
    let out = '';
    for (let r = 0; r < nrows; r++) {
      const parts: string[] = [];
      for (let c = 0; c < ncols; c++) {
        const k = c * nrows + r;
        if (k >= names.length) continue;
        const last = c === ncols - 1 || (c + 1) * nrows + r >= names.length;
        parts.push(last ? names[k]! : names[k]! + ' '.repeat(colW[c]! - widths[k]! + 2));
      }
      out += parts.join('') + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}

/** Resolves a path typed in the shell against the project root (`/project`, `~/project`, `./x`). */
export function resolvePath(p: string, displayRoot: string): string | null {
  let path = p;
  if (path === '~' || path === '~/project' || path === displayRoot) return '';
  if (path.startsWith('~/project/')) path = path.slice('~/project/'.length);
  else if (path.startsWith(displayRoot + '/')) path = path.slice(displayRoot.length + 1);
  else if (path.startsWith('/')) return null;
  const parts = path.split('/');
  let depth = 0;
  for (const part of parts) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return null;
  }
  return normalizePath(path);
}

function splitOptions(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let noMore = false;
  for (const a of args) {
    if (!noMore && a === '--') noMore = true;
    else if (!noMore && a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
}

export function builtinLs(args: string[], ctx: BuiltinContext): number {
  const { flags, operands } = splitOptions(args);
  const all = flags.has('a');
  const long = flags.has('l') || flags.has('1');
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  const blocks: string[] = [];
  const fileOperands: string[] = [];
  for (const t of targets) {
    const p = resolvePath(t, ctx.fs.displayRoot);
    if (p === null || !ctx.fs.exists(p)) {
      ctx.stderr(S.shell.lsMissing(t));
      status = 2;
      continue;
    }
    if (!ctx.fs.isDir(p)) {
      fileOperands.push(t);
      continue;
    }
    const names = ctx.fs.list(p).filter((n) => all || !n.startsWith('.'));
    const shown = names.map((n) => (ctx.fs.isDir(p ? `${p}/${n}` : n) ? `${BLUE}${n}${RESET}` : n));
    const plainWidth = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
    const body = long ? shown.map((s) => s + '\n').join('') : columns(shown, plainWidth, ctx.cols);
    blocks.push(targets.length > 1 ? `${t}:\n${body}` : body);
  }
  let out = fileOperands.length ? columns(fileOperands, (s) => s.length, ctx.cols) : '';
  if (fileOperands.length && blocks.length) out += '\n';
  out += blocks.join('\n');
  ctx.stdout(out);
  return status;
}

export function builtinCat(args: string[], ctx: BuiltinContext): number {
  const { operands } = splitOptions(args);
  let status = 0;
  for (const t of operands) {
    const p = resolvePath(t, ctx.fs.displayRoot);
    const text = p === null ? undefined : ctx.fs.read(p);
    if (text === undefined) {
      ctx.stderr(p !== null && ctx.fs.isDir(p) ? S.shell.catIsDir(t) : S.shell.catMissing(t));
      status = 1;
      continue;
    }
    ctx.stdout(text);
  }
  return status;
}

export function builtinRm(args: string[], ctx: BuiltinContext): number {
  const { flags, operands } = splitOptions(args);
  const recursive = flags.has('r') || flags.has('R');
  const force = flags.has('f');
  if (operands.length === 0) {
    if (force) return 0;
    ctx.stderr(S.shell.rmUsage);
    return 1;
  }
  let status = 0;
  for (const t of operands) {
    const p = resolvePath(t, ctx.fs.displayRoot);
    if (p === null || p === '') {
      ctx.stderr(S.shell.rmRefused(t));
      status = 1;
      continue;
    }
    if (!ctx.fs.exists(p)) {
      if (!force) {
        ctx.stderr(S.shell.rmMissing(t));
        status = 1;
      }
      continue;
    }
    if (ctx.fs.isDir(p) && !recursive) {
      ctx.stderr(S.shell.rmIsDir(t));
      status = 1;
      continue;
    }
    ctx.fs.remove(p);
  }
  return status;
}

export function builtinEcho(args: string[], ctx: BuiltinContext): number {
  let newline = true;
  if (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  ctx.stdout(args.join(' ') + (newline ? '\n' : ''));
  return 0;
}
