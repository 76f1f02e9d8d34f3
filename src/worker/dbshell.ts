/**
 * `python manage.py dbshell`: a psql-like prompt on the sandbox database. Lines are gathered into
 * statements the way psql's lexer does (quotes, dollar quotes, comments, parentheses); each
 * statement is sent on its own and printed in psql's aligned format; backslash commands cover
 * the describe family and a few settings.
 */
import { ClientProgrammingError, formatPgError, type PGliteConnection } from '../engine/db/connection.ts';
import { DatabaseError } from '../engine/db/types.ts';
import { describeCommand, formatResult } from './psql.ts';
import { S } from '../app/i18n/strings.ts';

export type ScanItem = { kind: 'sql'; text: string } | { kind: 'backslash'; command: string; args: string[] };

/** psql's query-buffer lexer, reduced to what decides where statements end. */
export class QueryScanner {
  buffer = '';
  private single = false;
  private eString = false;
  private double = false;
  private dollarTag: string | null = null;
  private blockDepth = 0;
  private paren = 0;

  /** The character psql shows in the prompt for the current state (%R). */
  promptState(): string {
    if (this.single) return "'";
    if (this.double) return '"';
    if (this.dollarTag !== null) return '$';
    if (this.blockDepth > 0) return '*';
    if (this.paren > 0) return '(';
    if (this.buffer.trim() !== '') return '-';
    return '=';
  }

  reset(): void {
    this.buffer = '';
    this.single = this.eString = this.double = false;
    this.dollarTag = null;
    this.blockDepth = 0;
    this.paren = 0;
  }

  /** Feeds one input line; returns the complete statements and backslash commands it ends. */
  feed(line: string): ScanItem[] {
    const items: ScanItem[] = [];
    let start = 0;
    const text = line;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.single) {
        if (this.eString && ch === '\\') i++;
        else if (ch === "'") {
          if (text[i + 1] === "'") i++;
          else this.single = false;
        }
        continue;
      }
      if (this.double) {
        if (ch === '"') this.double = false;
        continue;
      }
      if (this.dollarTag !== null) {
        if (ch === '$' && text.startsWith(this.dollarTag, i)) {
          i += this.dollarTag.length - 1;
          this.dollarTag = null;
        }
        continue;
      }
      if (this.blockDepth > 0) {
        if (ch === '*' && text[i + 1] === '/') {
          this.blockDepth--;
          i++;
        } else if (ch === '/' && text[i + 1] === '*') {
          this.blockDepth++;
          i++;
        }
        continue;
      }
      if (ch === '-' && text[i + 1] === '-') break; // comment to end of line
      if (ch === '/' && text[i + 1] === '*') {
        this.blockDepth++;
        i++;
      } else if (ch === "'") {
        this.single = true;
        const prev = text[i - 1];
        this.eString = (prev === 'E' || prev === 'e') && !/[\w$]/.test(text[i - 2] ?? ' ');
      } else if (ch === '"') {
        this.double = true;
      } else if (ch === '$') {
        const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(text.slice(i));
        if (m && !/[\w$]/.test(text[i - 1] ?? ' ')) {
          this.dollarTag = m[0];
          i += m[0].length - 1;
        }
      } else if (ch === '(') {
        this.paren++;
      } else if (ch === ')') {
        if (this.paren > 0) this.paren--;
      } else if (ch === ';' && this.paren === 0) {
        const stmt = this.buffer + text.slice(start, i + 1);
        items.push({ kind: 'sql', text: stmt.trim() });
        this.buffer = '';
        start = i + 1;
      } else if (ch === '\\') {
        this.buffer += text.slice(start, i);
        const rest = text.slice(i + 1);
        const m = /^(\S*)\s*(.*)$/.exec(rest)!;
        items.push({ kind: 'backslash', command: m[1]!, args: splitArgs(m[2]!) });
        return items;
      }
    }
    const tail = text.slice(start);
    const meaningful = this.promptState() === '=' || this.promptState() === '-' ? tail.replace(/--.*$/, '').trim() : tail;
    if (this.buffer !== '' || meaningful !== '') this.buffer += tail + '\n';
    return items;
  }
}

/** Backslash command arguments: whitespace separated, single quotes and double quotes kept as psql does. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'')*)'|("(?:[^"]|"")*"[^\s]*)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[1] !== undefined) out.push(m[1].replace(/''/g, "'"));
    else out.push(m[2] ?? m[3]!);
  }
  return out;
}

export interface DbShellIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The next line; null at end of input (Ctrl+D). Rejects with `Interrupted` on Ctrl+C. */
  readLine(): Promise<string | null>;
  /** Something may have changed in the database (the explorer refreshes). */
  changed(): void;
}

/** Thrown by DbShellIO.readLine when the user presses Ctrl+C at the prompt. */
export class Interrupted extends Error {}

export interface DbShellOptions {
  dbName: string;
  /** `-c COMMAND` (dbshell -- -c "…"): run it and exit. */
  command?: string;
}

const READ_ONLY = /^\s*(select|show|explain|with|table|values|fetch)\b/i;

export class DbShell {
  readonly scanner = new QueryScanner();
  expanded = false;
  timing = false;

  constructor(
    readonly conn: PGliteConnection,
    readonly io: DbShellIO,
    readonly opts: DbShellOptions,
  ) {}

  prompt(): string {
    const state = this.scanner.promptState();
    const tx = this.conn.txStatus === 'T' ? '*' : this.conn.txStatus === 'E' ? '!' : '';
    return `${this.opts.dbName}${state}${tx}# `;
  }

  /** Runs one SQL statement and prints its result like psql. */
  execute(sql: string): void {
    const t0 = performance.now();
    try {
      const r = this.conn.execute(sql);
      for (const n of this.conn.notices) this.io.stderr(`${n.severity}:  ${n.message}\n${n.detail ? `DETAIL:  ${n.detail}\n` : ''}`);
      this.io.stdout(formatResult(r, this.expanded));
    } catch (e) {
      for (const n of this.conn.notices) this.io.stderr(`${n.severity}:  ${n.message}\n`);
      if (e instanceof DatabaseError) this.io.stderr(formatPgError(e));
      else if (e instanceof ClientProgrammingError) this.io.stderr(S.dbshell.copyUnsupported);
      else throw e;
    }
    if (this.timing) this.io.stdout(`Time: ${(performance.now() - t0).toFixed(3)} ms\n`);
    if (!READ_ONLY.test(sql)) this.io.changed();
  }

  /** A backslash command; returns false for \q. */
  backslash(command: string, args: string[]): boolean {
    switch (command) {
      case 'q':
      case 'quit':
        return false;
      case '?':
        this.io.stdout(S.dbshell.help);
        return true;
      case 'x':
        this.expanded = args[0] === 'on' ? true : args[0] === 'off' ? false : !this.expanded;
        this.io.stdout(`Expanded display is ${this.expanded ? 'on' : 'off'}.\n`);
        return true;
      case 'timing':
        this.timing = args[0] === 'on' ? true : args[0] === 'off' ? false : !this.timing;
        this.io.stdout(`Timing is ${this.timing ? 'on' : 'off'}.\n`);
        return true;
      case 'conninfo':
        this.io.stdout(`You are connected to database "${this.opts.dbName}" as user "postgres" via socket in "/tmp" at port "5432".\n`);
        return true;
      case 'r':
        this.scanner.reset();
        this.io.stdout('Query buffer reset (cleared).\n');
        return true;
      case 'p':
        this.io.stdout(this.scanner.buffer.trim() === '' ? 'Query buffer is empty.\n' : this.scanner.buffer);
        return true;
      case 'g': {
        const sql = this.scanner.buffer.trim();
        this.scanner.reset();
        if (sql) this.execute(sql);
        return true;
      }
      case 'c':
      case 'connect':
        this.io.stderr(S.dbshell.connectUnsupported);
        return true;
      case '!':
        this.io.stderr(S.dbshell.shellUnsupported);
        return true;
      default: {
        try {
          const out = describeCommand(this.conn, command, args[0]);
          if (out) {
            this.io.stdout(out.stdout);
            this.io.stderr(out.stderr);
            return true;
          }
        } catch (e) {
          if (e instanceof DatabaseError) {
            this.io.stderr(formatPgError(e));
            return true;
          }
          throw e;
        }
        this.io.stderr(`invalid command \\${command}\nTry \\? for help.\n`);
        return true;
      }
    }
  }

  /** Handles one input line; returns false when the shell should exit. */
  line(line: string): boolean {
    if (this.scanner.buffer === '' && this.scanner.promptState() === '=') {
      const word = line.trim().replace(/;$/, '').toLowerCase();
      if (word === 'help') {
        this.io.stdout(S.dbshell.intro);
        return true;
      }
      if (word === 'quit' || word === 'exit') return false;
    }
    for (const item of this.scanner.feed(line)) {
      if (item.kind === 'sql') this.execute(item.text);
      else if (!this.backslash(item.command, item.args)) return false;
    }
    return true;
  }

  async run(serverVersion: string): Promise<number> {
    if (this.opts.command !== undefined) {
      const more = this.line(this.opts.command.trimEnd().endsWith(';') || this.opts.command.trimStart().startsWith('\\') ? this.opts.command : this.opts.command + ';');
      void more;
      this.finish();
      return 0;
    }
    this.io.stdout(`psql (${serverVersion})\nType "help" for help.\n\n`);
    for (;;) {
      this.io.stdout(this.prompt());
      let line: string | null;
      try {
        line = await this.io.readLine();
      } catch (e) {
        if (e instanceof Interrupted) {
          this.scanner.reset();
          this.io.stdout('\n');
          continue;
        }
        throw e;
      }
      if (line === null) {
        this.io.stdout('\\q\n');
        break;
      }
      if (!this.line(line)) break;
    }
    this.finish();
    return 0;
  }

  /** Leaving psql ends its session: an open transaction is rolled back. */
  private finish(): void {
    if (this.conn.txStatus !== 'I') {
      try {
        this.conn.execute('ROLLBACK');
      } catch {
        // nothing left to undo
      }
      this.io.changed();
    }
  }
}
