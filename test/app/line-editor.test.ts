/**
 * The terminal's line editor against a miniature screen that understands the sequences it emits
 * (text with auto-wrap and xterm's pending-wrap, CR, LF, BS, CSI A/B/G/J).
 */
import { describe, expect, it } from 'vitest';
import { LineEditor, type LineEditorHost } from '../../src/app/terminal/line-editor.ts';
import type { Completion } from '../../src/worker/protocol.ts';

class Screen {
  rows: string[][] = [[]];
  x = 0;
  y = 0;
  private pendingWrap = false;
  constructor(readonly cols: number) {}
  private row(y: number): string[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y]!;
  }
  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(data.slice(i))!;
        const n = m[1] === '' ? 1 : Number(m[1]);
        this.pendingWrap = false;
        if (m[2] === 'A') this.y = Math.max(0, this.y - n);
        else if (m[2] === 'B') this.y += n;
        else if (m[2] === 'G') this.x = n - 1;
        else if (m[2] === 'J') {
          this.row(this.y).length = Math.min(this.row(this.y).length, this.x);
          this.rows.length = Math.min(this.rows.length, this.y + 1);
        }
        i += m[0].length - 1;
      } else if (ch === '\r') {
        this.x = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.y++;
        this.pendingWrap = false;
      } else if (ch === '\b') {
        if (this.pendingWrap) this.pendingWrap = false;
        else this.x = Math.max(0, this.x - 1);
      } else {
        if (this.pendingWrap) {
          this.y++;
          this.x = 0;
          this.pendingWrap = false;
        }
        const r = this.row(this.y);
        while (r.length < this.x) r.push(' ');
        r[this.x] = ch;
        if (this.x === this.cols - 1) this.pendingWrap = true;
        else this.x++;
      }
    }
  }
  text(): string {
    return this.rows.map((r) => r.join('').trimEnd()).join('\n').trimEnd();
  }
}

function setup(cols = 20, completions: Record<string, Completion> = {}) {
  const screen = new Screen(cols);
  const events: string[] = [];
  const host: LineEditorHost = {
    write: (d) => screen.write(d),
    cols: () => cols,
    cursorX: () => screen.x,
    submit: (l) => events.push(`submit:${l}`),
    interrupt: (l) => events.push(`interrupt:${l}`),
    eof: () => events.push('eof'),
    clearScreen: () => {
      screen.rows = [[]];
      screen.x = screen.y = 0;
    },
    complete: async (line) => completions[line] ?? { from: 0, candidates: [] },
  };
  const ed = new LineEditor(host);
  screen.write('$ ');
  ed.begin('$ ');
  return { screen, ed, events };
}

describe('LineEditor', () => {
  it('echoes typing and submits on Enter', () => {
    const { screen, ed, events } = setup();
    ed.handle('ls -l\r');
    expect(events).toEqual(['submit:ls -l']);
    expect(screen.text()).toBe('$ ls -l');
    expect([screen.x, screen.y]).toEqual([0, 1]);
  });

  it('edits in the middle of a wrapped line', () => {
    const { screen, ed } = setup(10);
    ed.handle('abcdefghijklmnop'); // wraps after 8 characters
    expect(screen.text()).toBe('$ abcdefgh\nijklmnop');
    ed.handle('\x1b[D'.repeat(10)); // cursor before 'g'
    ed.handle('XY');
    expect(screen.text()).toBe('$ abcdefXY\nghijklmnop');
    expect(ed.buffer).toBe('abcdefXYghijklmnop');
    ed.handle('\x7f\x7f\x7f');
    expect(screen.text()).toBe('$ abcdeghi\njklmnop');
    expect([screen.x, screen.y]).toEqual([7, 0]);
  });

  it('handles the exact end of a row (pending wrap)', () => {
    const { screen, ed } = setup(10);
    ed.handle('12345678');
    expect([screen.x, screen.y]).toEqual([0, 1]);
    ed.handle('\x7f');
    expect(screen.text()).toBe('$ 1234567');
    expect([screen.x, screen.y]).toEqual([9, 0]);
  });

  it('browses history and restores the draft', () => {
    const { screen, ed } = setup(40);
    ed.setHistory(['python manage.py migrate', 'ls']);
    ed.handle('dra');
    ed.handle('\x1b[A');
    expect(screen.text()).toBe('$ ls');
    ed.handle('\x1b[A');
    expect(screen.text()).toBe('$ python manage.py migrate');
    ed.handle('\x1b[B\x1b[B');
    expect(screen.text()).toBe('$ dra');
  });

  it('Ctrl+C, Ctrl+D, Ctrl+U, Ctrl+W', () => {
    const { screen, ed, events } = setup(40);
    ed.handle('one two three');
    ed.handle('\x17');
    expect(ed.buffer).toBe('one two ');
    ed.handle('\x15');
    expect(ed.buffer).toBe('');
    ed.handle('\x04');
    expect(events).toEqual(['eof']);
    ed.handle('half');
    ed.handle('\x03');
    expect(events).toEqual(['eof', 'interrupt:half']);
    expect(screen.text()).toBe('$ half^C');
  });

  it('completes a unique candidate, a common prefix, or lists them', async () => {
    const { screen, ed } = setup(50, {
      'python manage.py mak': { from: 17, candidates: ['makemigrations '] },
      'python manage.py s': { from: 17, candidates: ['showmigrations ', 'sqlmigrate ', 'squashmigrations '] },
    });
    ed.handle('python manage.py mak\t');
    await new Promise((r) => setTimeout(r, 0));
    expect(ed.buffer).toBe('python manage.py makemigrations ');
    ed.handle('\x15python manage.py s\t');
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.text()).toBe(
      '$ python manage.py s\nshowmigrations  sqlmigrate  squashmigrations\n$ python manage.py s',
    );
    expect(ed.buffer).toBe('python manage.py s');
    ed.handle('q');
    expect(screen.text().split('\n').pop()).toBe('$ python manage.py sq');
  });

  it('submits each line of a paste', () => {
    const { ed, events } = setup(40);
    ed.handle('1\r2\r\n3');
    expect(events).toEqual(['submit:1', 'submit:2']);
    expect(ed.buffer).toBe('3');
  });
});

describe('LineEditor and slow completions', () => {
  it('replays keys typed while a completion is computed', async () => {
    const screen = new Screen(60);
    let release: () => void = () => {};
    const ed = new LineEditor({
      write: (d) => screen.write(d),
      cols: () => 60,
      cursorX: () => screen.x,
      submit: () => {},
      interrupt: () => {},
      eof: () => {},
      clearScreen: () => {},
      complete: (line) =>
        new Promise((resolve) => {
          release = () => resolve(line.endsWith('sqlmi') ? { from: 17, candidates: ['sqlmigrate '] } : { from: 0, candidates: [] });
        }),
    });
    ed.begin();
    ed.handle('python manage.py sqlmi\tcat');
    expect(ed.buffer).toBe('python manage.py sqlmi');
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(ed.buffer).toBe('python manage.py sqlmigrate cat');
    expect(screen.text()).toBe('python manage.py sqlmigrate cat');
  });
});
