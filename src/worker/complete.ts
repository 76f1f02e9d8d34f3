/**
 * Tab completion for the terminal: shell words, manage.py commands, their options, app labels,
 * migration names, project paths; in dbshell, backslash commands, SQL keywords and relations.
 */
import type { Completion, InputMode } from './protocol.ts';
import type { ProjectFS } from '../engine/project/fs.ts';
import { SHELL_COMMANDS, manageArgs, resolvePath } from './shell.ts';

export interface CompletionSource {
  fs: ProjectFS;
  /** manage.py subcommands. */
  commands(): string[];
  /** Options (`--name`, `-v`) a subcommand accepts. */
  options(command: string): string[];
  appLabels(): string[];
  /** Migration names (without .py) of an app. */
  migrations(app: string): string[];
  /** Table, view and sequence names (dbshell, inspectdb). */
  relations(): string[];
}

/** Positional arguments of the commands that take app labels and migration names. */
const POSITIONALS: Record<string, ('app' | 'apps' | 'migration' | 'migration+zero' | 'command' | 'table')[]> = {
  makemigrations: ['apps'],
  migrate: ['app', 'migration+zero'],
  showmigrations: ['apps'],
  sqlmigrate: ['app', 'migration'],
  squashmigrations: ['app', 'migration', 'migration'],
  optimizemigration: ['app', 'migration'],
  sqlsequencereset: ['apps'],
  check: ['apps'],
  inspectdb: ['table'],
  help: ['command'],
};

/** Options that take a value (the next word is not a positional). */
const VALUE_OPTIONS = new Set(['--database', '--name', '-n', '--settings', '--pythonpath', '--verbosity', '-v', '--squashed-name', '--format', '--output', '-o', '--command', '-c']);

interface Word {
  text: string;
  from: number;
}

/** Words of the line up to the cursor (quotes respected); the last one is being completed. */
export function wordsBefore(line: string, cursor: number): Word[] {
  const words: Word[] = [];
  let cur: Word | null = null;
  let quote: string | null = null;
  for (let i = 0; i < cursor; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else cur!.text += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (cur) words.push(cur);
      cur = null;
      continue;
    }
    if (ch === '&' || ch === ';' || ch === '|') {
      // a new command starts: forget the words before it
      if (cur) words.push(cur);
      cur = null;
      words.length = 0;
      continue;
    }
    cur ??= { text: '', from: i };
    if (ch === "'" || ch === '"') quote = ch;
    else cur.text += ch;
  }
  words.push(cur ?? { text: '', from: cursor });
  return words;
}

const uniqSorted = (xs: string[]) => [...new Set(xs)].sort();

function matching(prefix: string, options: string[], final = true): string[] {
  return uniqSorted(options.filter((o) => o.startsWith(prefix))).map((o) => (final && !o.endsWith('/') ? o + ' ' : o));
}

function pathCandidates(fs: ProjectFS, prefix: string): string[] {
  const slash = prefix.lastIndexOf('/');
  const dirPart = slash >= 0 ? prefix.slice(0, slash + 1) : '';
  const base = slash >= 0 ? prefix.slice(slash + 1) : prefix;
  const dir = resolvePath(dirPart === '' ? '.' : dirPart, fs.displayRoot);
  if (dir === null) return [];
  return fs
    .list(dir)
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => {
      const full = dir === '' ? n : `${dir}/${n}`;
      return fs.isDir(full) ? `${dirPart}${n}/` : `${dirPart}${n} `;
    })
    .sort();
}

export function completeShell(line: string, cursor: number, src: CompletionSource): Completion {
  const words = wordsBefore(line, cursor);
  const current = words[words.length - 1]!;
  const before = words.slice(0, -1).map((w) => w.text);
  const result = (candidates: string[]): Completion => ({ from: current.from, candidates });
  if (before.length === 0) {
    if (current.text.startsWith('.') || current.text.includes('/')) {
      return result([...matching(current.text, ['./manage.py']), ...pathCandidates(src.fs, current.text)].filter((v, i, a) => a.indexOf(v) === i));
    }
    return result(matching(current.text, SHELL_COMMANDS));
  }
  const first = before[0]!;
  if ((first === 'python' || first === 'python3') && before.length === 1) {
    return result(matching(current.text, ['manage.py', '-m']));
  }
  if ((first === 'python' || first === 'python3') && before.length === 2 && before[1] === '-m') {
    return result(matching(current.text, ['django']));
  }
  const args = manageArgs([...before, '\0']);
  if (args) {
    const done = args.slice(0, -1);
    if (done.length === 0) return result(matching(current.text, [...src.commands(), 'help']));
    const command = done[0]!;
    if (current.text.startsWith('-')) return result(matching(current.text, src.options(command)));
    const prev = done[done.length - 1]!;
    if (done.length > 1 && VALUE_OPTIONS.has(prev)) return result([]);
    // positionals typed so far (skipping options and their values)
    const positionals: string[] = [];
    for (let i = 1; i < done.length; i++) {
      const w = done[i]!;
      if (w.startsWith('-')) {
        if (VALUE_OPTIONS.has(w)) i++;
        continue;
      }
      positionals.push(w);
    }
    const spec = POSITIONALS[command] ?? [];
    const kind = spec[0] === 'apps' ? 'apps' : spec[positionals.length];
    switch (kind) {
      case 'app':
      case 'apps':
        return result(matching(current.text, src.appLabels().filter((a) => kind === 'app' || !positionals.includes(a))));
      case 'migration':
      case 'migration+zero': {
        const names = src.migrations(positionals[0] ?? '');
        return result(matching(current.text, kind === 'migration+zero' ? ['zero', ...names] : names));
      }
      case 'command':
        return result(matching(current.text, src.commands()));
      case 'table':
        return result(matching(current.text, src.relations()));
      default:
        return result([]);
    }
  }
  if (first === 'ls' || first === 'cat' || first === 'rm') return result(pathCandidates(src.fs, current.text));
  return result([]);
}

const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'ORDER BY', 'GROUP BY', 'LIMIT', 'INSERT INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE FROM',
  'CREATE TABLE', 'CREATE INDEX', 'ALTER TABLE', 'DROP TABLE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'EXPLAIN', 'JOIN',
  'LEFT JOIN', 'ON', 'AND', 'OR', 'NOT', 'NULL', 'RETURNING', 'COUNT', 'TRUNCATE', 'SHOW', 'SEARCH_PATH',
];

const BACKSLASH = ['\\d', '\\d+', '\\dt', '\\dt+', '\\di', '\\di+', '\\ds', '\\ds+', '\\dv', '\\dv+', '\\dn', '\\dn+', '\\l', '\\q', '\\x', '\\timing', '\\conninfo', '\\g', '\\r', '\\p', '\\?'];

export function completeSql(line: string, cursor: number, src: CompletionSource): Completion {
  const words = wordsBefore(line, cursor);
  const current = words[words.length - 1]!;
  const before = words.slice(0, -1).map((w) => w.text);
  if (current.text.startsWith('\\')) return { from: current.from, candidates: matching(current.text, BACKSLASH) };
  const prev = before[before.length - 1];
  if (prev && /^\\d/.test(prev)) return { from: current.from, candidates: matching(current.text, src.relations()) };
  const upper = current.text.toUpperCase();
  const isUpper = current.text !== '' && current.text === upper;
  const kw = SQL_KEYWORDS.filter((k) => !k.includes(' ') && k.startsWith(upper)).map((k) => (isUpper ? k : k.toLowerCase()) + ' ');
  const rel = matching(current.text, src.relations());
  return { from: current.from, candidates: uniqSorted([...rel, ...kw]) };
}

export function complete(line: string, cursor: number, mode: InputMode, src: CompletionSource): Completion {
  if (mode === 'sql') return completeSql(line, cursor, src);
  if (mode === 'shell') return completeShell(line, cursor, src);
  return { from: cursor, candidates: [] };
}
