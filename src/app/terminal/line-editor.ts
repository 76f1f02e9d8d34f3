/**
 * Line editing for the terminal, like readline in a cooked tty: echo, cursor movement, history,
 * Tab completion, Ctrl+C/D/L/U/K/W, pasting several lines. Pure logic: it turns input (xterm's
 * onData strings) into escape sequences to write and into events (submit, interrupt, eof), so it
 * is tested without a browser. Works across wrapped rows by tracking column arithmetic.
 */
import { displayWidth } from '../../worker/psql.ts';
import type { Completion } from '../../worker/protocol.ts';
import { columns } from '../../worker/shell.ts';

export interface LineEditorHost {
  write(data: string): void;
  cols(): number;
  /** The cursor's column now (where the input starts when the line is empty). */
  cursorX(): number;
  submit(line: string): void;
  interrupt(line: string): void;
  eof(): void;
  clearScreen(): void;
  complete(line: string, cursor: number): Promise<Completion>;
}

const CSI = '\x1b[';

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

export class LineEditor {
  buffer = '';
  cursor = 0;
  /** Column where the input starts (after the prompt). */
  private origin = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  private completing = false;
  /** Keys typed while a completion is being computed, replayed after it. */
  private pendingInput = '';
  /** Whether up/down browse history (shell and dbshell) or do nothing (a program's question). */
  historyEnabled = true;
  /** Current prompt, re-drawn after a completion listing or Ctrl+L. */
  prompt = '';

  constructor(private readonly host: LineEditorHost) {}

  /** Starts a new line; the prompt was already written and the cursor sits after it. */
  begin(prompt = ''): void {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.origin = this.host.cursorX();
    this.historyIndex = this.history.length;
    this.draft = '';
  }

  setHistory(entries: string[]): void {
    this.history = entries.slice();
    this.historyIndex = this.history.length;
  }

  getHistory(): string[] {
    return this.history.slice();
  }

  addHistory(line: string): void {
    if (line.trim() === '' || this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > 500) this.history.splice(0, this.history.length - 500);
  }

  private width(s: string): number {
    return displayWidth(s);
  }

  /** Absolute offset (from the row where the input starts, column 0) of buffer position i. */
  private offset(i: number): number {
    return this.origin + this.width(this.buffer.slice(0, i));
  }

  private move(from: number, to: number): string {
    const cols = Math.max(1, this.host.cols());
    const fr = Math.floor(from / cols);
    const tr = Math.floor(to / cols);
    let out = '';
    if (tr < fr) out += `${CSI}${fr - tr}A`;
    else if (tr > fr) out += `${CSI}${tr - fr}B`;
    out += `${CSI}${(to % cols) + 1}G`;
    return out;
  }

  /** Redraws from buffer position `from` to the end; the cursor is at absolute offset `at`. */
  private redrawFrom(from: number, at: number): string {
    const cols = Math.max(1, this.host.cols());
    let out = this.move(at, this.offset(from));
    out += this.buffer.slice(from);
    const end = this.offset(this.buffer.length);
    if (end > 0 && end % cols === 0) out += ' \b'; // leave the pending-wrap state on the next row
    out += `${CSI}J`;
    out += this.move(end, this.offset(this.cursor));
    return out;
  }

  private replace(start: number, end: number, text: string): void {
    const at = this.offset(this.cursor);
    const from = Math.min(start, this.cursor);
    this.buffer = this.buffer.slice(0, start) + text + this.buffer.slice(end);
    this.cursor = start + text.length;
    this.host.write(this.redrawFrom(from, at));
  }

  private setBuffer(text: string): void {
    const at = this.offset(this.cursor);
    this.buffer = text;
    this.cursor = text.length;
    this.host.write(this.redrawFrom(0, at));
  }

  private moveTo(i: number): void {
    const j = Math.max(0, Math.min(this.buffer.length, i));
    if (j === this.cursor) return;
    this.host.write(this.move(this.offset(this.cursor), this.offset(j)));
    this.cursor = j;
  }

  private wordLeft(): number {
    let i = this.cursor;
    while (i > 0 && this.buffer[i - 1] === ' ') i--;
    while (i > 0 && this.buffer[i - 1] !== ' ') i--;
    return i;
  }

  private wordRight(): number {
    let i = this.cursor;
    while (i < this.buffer.length && this.buffer[i] === ' ') i++;
    while (i < this.buffer.length && this.buffer[i] !== ' ') i++;
    return i;
  }

  private submitLine(): void {
    const line = this.buffer;
    this.host.write(this.move(this.offset(this.cursor), this.offset(this.buffer.length)) + '\r\n');
    this.buffer = '';
    this.cursor = 0;
    this.host.submit(line);
  }

  private recall(delta: number): void {
    if (!this.historyEnabled || this.history.length === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    const i = Math.max(0, Math.min(this.history.length, this.historyIndex + delta));
    if (i === this.historyIndex) return;
    this.historyIndex = i;
    this.setBuffer(i === this.history.length ? this.draft : this.history[i]!);
  }

  private async tab(): Promise<void> {
    if (this.completing) return;
    this.completing = true;
    try {
      const line = this.buffer;
      const cursor = this.cursor;
      const c = await this.host.complete(line, cursor);
      if (this.buffer !== line || this.cursor !== cursor) return; // typed meanwhile
      const word = line.slice(c.from, cursor);
      if (c.candidates.length === 0) return;
      if (c.candidates.length === 1) {
        this.replace(c.from, cursor, c.candidates[0]!);
        return;
      }
      let prefix = c.candidates[0]!;
      for (const cand of c.candidates) {
        let k = 0;
        while (k < prefix.length && k < cand.length && prefix[k] === cand[k]) k++;
        prefix = prefix.slice(0, k);
      }
      if (prefix.length > word.length) {
        this.replace(c.from, cursor, prefix);
        return;
      }
      // list the candidates below, then the prompt and the line again
      const shown = c.candidates.map((s) => s.trimEnd());
      const listing = columns(shown, (s) => this.width(s), this.host.cols()).replace(/\n/g, '\r\n');
      this.host.write(this.move(this.offset(this.cursor), this.offset(this.buffer.length)) + '\r\n' + listing + this.prompt);
      const keepCursor = this.cursor;
      this.origin = this.width(stripAnsi(this.prompt)) % Math.max(1, this.host.cols());
      this.cursor = this.buffer.length;
      const end = this.offset(this.buffer.length);
      this.host.write(this.buffer + (end > 0 && end % Math.max(1, this.host.cols()) === 0 ? ' \b' : ''));
      this.moveTo(keepCursor);
    } finally {
      this.completing = false;
      const pending = this.pendingInput;
      this.pendingInput = '';
      if (pending) this.handle(pending);
    }
  }

  /** Handles data from the terminal (keys or pasted text). */
  handle(data: string): void {
    if (this.completing) {
      this.pendingInput += data;
      return;
    }
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const esc = /^\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest);
      if (esc) {
        this.escape(esc[0]);
        i += esc[0].length;
        continue;
      }
      const ch = data[i]!;
      i++;
      switch (ch) {
        case '\r':
          if (data[i] === '\n') i++;
          this.submitLine();
          break;
        case '\n':
          this.submitLine();
          break;
        case '\x7f':
        case '\b':
          if (this.cursor > 0) this.replace(this.cursor - 1, this.cursor, '');
          break;
        case '\t':
          void this.tab();
          if (this.completing) {
            // the rest of this input waits for the completion
            this.pendingInput += data.slice(i);
            return;
          }
          break;
        case '\x01':
          this.moveTo(0);
          break;
        case '\x05':
          this.moveTo(this.buffer.length);
          break;
        case '\x02':
          this.moveTo(this.cursor - 1);
          break;
        case '\x06':
          this.moveTo(this.cursor + 1);
          break;
        case '\x03': {
          const line = this.buffer;
          this.host.write(this.move(this.offset(this.cursor), this.offset(this.buffer.length)) + '^C\r\n');
          this.buffer = '';
          this.cursor = 0;
          this.host.interrupt(line);
          return;
        }
        case '\x04':
          if (this.buffer === '') {
            this.host.eof();
            return;
          }
          if (this.cursor < this.buffer.length) this.replace(this.cursor, this.cursor + 1, '');
          break;
        case '\x0c':
          this.host.clearScreen();
          this.host.write(this.prompt + this.buffer);
          this.origin = this.width(stripAnsi(this.prompt));
          this.cursor = this.buffer.length;
          break;
        case '\x15':
          this.replace(0, this.cursor, '');
          break;
        case '\x0b':
          this.replace(this.cursor, this.buffer.length, '');
          break;
        case '\x17':
          this.replace(this.wordLeft(), this.cursor, '');
          break;
        case '\x10':
          this.recall(-1);
          break;
        case '\x0e':
          this.recall(1);
          break;
        default: {
          if (ch < ' ' || ch === '\x1b') break;
          // a run of printable characters at once (typing fast, pasting)
          let j = i;
          while (j < data.length && data[j]! >= ' ' && data[j] !== '\x7f') j++;
          const text = ch + data.slice(i, j);
          i = j;
          if (this.cursor === this.buffer.length) {
            this.buffer += text;
            this.cursor = this.buffer.length;
            const end = this.offset(this.cursor);
            this.host.write(text + (end % Math.max(1, this.host.cols()) === 0 ? ' \b' : ''));
          } else this.replace(this.cursor, this.cursor, text);
        }
      }
    }
  }

  private escape(seq: string): void {
    switch (seq) {
      case '\x1b[A':
      case '\x1bOA':
        this.recall(-1);
        break;
      case '\x1b[B':
      case '\x1bOB':
        this.recall(1);
        break;
      case '\x1b[C':
      case '\x1bOC':
        this.moveTo(this.cursor + 1);
        break;
      case '\x1b[D':
      case '\x1bOD':
        this.moveTo(this.cursor - 1);
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.moveTo(0);
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.moveTo(this.buffer.length);
        break;
      case '\x1b[3~':
        if (this.cursor < this.buffer.length) this.replace(this.cursor, this.cursor + 1, '');
        break;
      case '\x1b[1;5D':
      case '\x1b[1;3D':
        this.moveTo(this.wordLeft());
        break;
      case '\x1b[1;5C':
      case '\x1b[1;3C':
        this.moveTo(this.wordRight());
        break;
      default:
        break;
    }
  }
}
