/**
 * What the lessons quote must be true:
 *   - every output block (a fenced block without a language) is an excerpt of what real Django
 *     printed on the lesson's solution path (test/lessons/scenarios/<lesson>/expected/transcript.txt):
 *     its lines appear there, whole and in order;
 *   - every `python` block is an excerpt of one of the lesson's files (project/ or solution/) or of
 *     what Django wrote (the transcript holds inspectdb's output and every migration file): its
 *     lines appear there in order (comment lines and `...` excepted);
 *   - console blocks only show commands the sandbox runs (`$ python manage.py …`).
 * In every language. `psql` blocks (dbshell output) are exempt.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadAllLessons } from '../../src/lessons/node.ts';

const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');

interface Block {
  lang: string;
  lines: string[];
  line: number;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!m) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ lang: m[1]!, lines: body, line: start + 1 });
  }
  return out;
}

/** Index after the last matched line, or -1 with the first line not found. */
function subsequence(needle: string[], hay: string[]): { ok: boolean; missing?: string } {
  let pos = 0;
  for (const line of needle) {
    let found = -1;
    for (let j = pos; j < hay.length; j++) {
      const h = hay[j]!;
      // a line may follow an interactive prompt that piped input left on the same line
      if (h === line || (line !== '' && h.endsWith(line) && /(>>> |: )$/.test(h.slice(0, h.length - line.length)))) {
        found = j;
        break;
      }
    }
    if (found < 0) return { ok: false, missing: line };
    pos = found + 1;
  }
  return { ok: true };
}

const rtrim = (s: string) => s.replace(/\s+$/, '');

for (const lesson of loadAllLessons()) {
  test(`${lesson.folder}: quoted outputs and code are real`, () => {
    const transcriptFile = path.join(SCENARIOS, lesson.folder, 'expected', 'transcript.txt');
    expect(fs.existsSync(transcriptFile), 'record the lesson with the oracle first').toBe(true);
    const transcript = fs.readFileSync(transcriptFile, 'utf8').split('\n').map(rtrim);
    // python blocks quote the lesson's files, or what Django wrote or printed (inspectdb, migrations)
    const sources = [...lesson.files]
      .filter(([p]) => p.endsWith('.py') && (p.startsWith('project/') || p.startsWith('solution/')))
      .map(([, c]) => c.split('\n').map(rtrim));
    sources.push(transcript);
    const problems: string[] = [];
    for (const [lang, text] of Object.entries(lesson.texts)) {
      const file = lang === 'en' ? 'lesson.md' : `lesson.${lang}.md`;
      const raw = lesson.files.get(file)!;
      for (const b of blocks(raw)) {
        const where = `${file}:${b.line}`;
        if (b.lang === '') {
          const r = subsequence(b.lines.map(rtrim), transcript);
          if (!r.ok) problems.push(`${where}: not in Django's output: ${JSON.stringify(r.missing)}`);
        } else if (b.lang === 'python') {
          const code = b.lines.map(rtrim).filter((l) => l !== '' && !l.startsWith('#') && l.trim() !== '...');
          if (!sources.some((src) => subsequence(code, src).ok)) {
            const best = code.find((l) => !sources.some((src) => src.includes(l)));
            problems.push(`${where}: not in the lesson's files: ${JSON.stringify(best ?? code[0])}`);
          }
        } else if (b.lang === 'console') {
          for (const l of b.lines) {
            if (!/^\$ python manage\.py \S/.test(l)) problems.push(`${where}: not a manage.py command: ${l}`);
          }
        }
      }
      void text;
    }
    expect(problems).toEqual([]);
  });
}
