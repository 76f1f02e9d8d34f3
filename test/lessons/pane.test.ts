/**
 * The lesson pane's framework-agnostic pieces: Markdown with code widgets, the solution diff,
 * deep links, the SQL lint, check descriptions in both languages, the page host's command parsing.
 */
import { describe, expect, test } from 'vitest';
import { diffHunks, diffLines } from '../../src/lessons/diff.ts';
import { describeCheck, en, registerLocale, ru, t } from '../../src/lessons/i18n.ts';
import { lintSql } from '../../src/lessons/lint.ts';
import { analyseBlock, dbshellLine, renderMarkdown } from '../../src/lessons/markdown.ts';
import { lessonHash, parseLessonHash } from '../../src/lessons/route.ts';
import { parseScript } from '../../src/lessons/format.ts';
import { loadAllLessons } from '../../src/lessons/node.ts';
import { manageCommandsOf } from '../../src/lessons/worker-host.ts';

const labels = { copy: 'Copy', run: 'Run', editor: (p: string) => `Put in ${p}` };

describe('markdown', () => {
  test('code blocks become widgets with their actions beside the HTML', () => {
    const md = [
      'Run:',
      '',
      '```console',
      '$ python manage.py makemigrations',
      '$ python manage.py migrate',
      '```',
      '',
      '```python',
      '# shop/models.py',
      'from django.db import models',
      '```',
      '',
      '```sql',
      "SELECT 'a';",
      '```',
      '',
      '<script>alert(1)</script>',
    ].join('\n');
    const r = renderMarkdown(md, { labels });
    expect(r.blocks.map((b) => b.lang)).toEqual(['console', 'python', 'sql']);
    expect(r.blocks[0]!.commands).toEqual(['python manage.py makemigrations', 'python manage.py migrate']);
    expect(r.blocks[1]!.file).toEqual({ path: 'shop/models.py', content: 'from django.db import models\n' });
    expect(r.html).toContain('data-action="run" data-block="0" data-command="1"');
    expect(r.html).toContain('Put in shop/models.py');
    // without a sanitiser the raw HTML passes through: the browser always sanitises (DOMPurify)
    expect(renderMarkdown('x', { labels, sanitize: () => 'clean' }).html).toBe('clean');
  });
  test('a partial python snippet cannot replace a file', () => {
    expect(analyseBlock('python', '# shop/models.py, in Order\n    status = 1', 0).file).toBeNull();
    expect(analyseBlock('python', '# shop/models.py\n    status = 1', 0).file).toBeNull();
  });
  test('SQL runs through dbshell', () => {
    expect(dbshellLine("UPDATE t SET a = 'x';")).toBe(`python manage.py dbshell -- -c "UPDATE t SET a = 'x';"`);
  });
});

describe('diff', () => {
  test('lines added and removed, with context hunks', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const b = 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text}`)).toEqual(['del c', 'add C', 'add k']);
    const hunks = diffHunks(a, b, 1);
    expect(hunks.length).toBe(2);
    expect(diffHunks(a, a)).toEqual([]);
  });
});

describe('deep links', () => {
  test('round trip', () => {
    expect(parseLessonHash('#/lesson/first-migrations/sqlmigrate')).toEqual({ kind: 'lesson', id: 'first-migrations', step: 'sqlmigrate' });
    expect(parseLessonHash('#/lesson/first-migrations')).toEqual({ kind: 'lesson', id: 'first-migrations', step: null });
    expect(parseLessonHash('#/lessons')).toEqual({ kind: 'map' });
    expect(parseLessonHash('#/somewhere')).toBeNull();
    expect(lessonHash({ kind: 'lesson', id: 'a', step: 'b' })).toBe('#/lesson/a/b');
  });
});

describe('lint', () => {
  test('flags locking and rewriting statements of sqlmigrate output', () => {
    const out = [
      'BEGIN;',
      '--',
      '-- Alter field quantity on order',
      '--',
      'ALTER TABLE "orders_order" ALTER COLUMN "quantity" TYPE bigint USING "quantity"::bigint;',
      'ALTER TABLE "orders_order" ALTER COLUMN "email" SET NOT NULL;',
      'CREATE INDEX "orders_status_idx" ON "orders_order" ("status");',
      'CREATE INDEX CONCURRENTLY "x" ON "orders_order" ("status");',
      'SET CONSTRAINTS "c" IMMEDIATE; ALTER TABLE "sale_sale" DROP CONSTRAINT "c";',
      'ALTER TABLE "sale_sale" ADD CONSTRAINT "f" FOREIGN KEY ("product_id") REFERENCES "product_product" ("id") DEFERRABLE INITIALLY DEFERRED;',
      'DROP TABLE "catalog_product" CASCADE;',
      'COMMIT;',
    ].join('\n');
    expect(lintSql(out).map((f) => f.message)).toEqual(['lint.type', 'lint.notNull', 'lint.index', 'lint.fk', 'lint.drop']);
    expect(lintSql('BEGIN;\n--\n-- (no-op)\nCOMMIT;\n')).toEqual([]);
  });
});

describe('strings', () => {
  test('Russian has every key, placeholders are filled, more languages come as data', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ru[k]), k).toEqual(names(en[k]));
    }
    expect(t('ru', 'lesson.step', { n: 2, total: 7 })).toBe('Шаг 2 из 7');
    registerLocale('de', { 'lesson.solve': 'Schritt lösen', bogus: 'x' });
    expect(t('de', 'lesson.solve')).toBe('Schritt lösen');
    expect(t('de', 'lesson.reset')).toBe(en['lesson.reset']);
  });
  test('every check of every lesson has a description in every language', () => {
    for (const l of loadAllLessons()) {
      for (const s of l.script.steps) {
        for (const c of s.checks) {
          for (const lang of Object.keys(l.texts)) expect(describeCheck(lang, c)).not.toMatch(/\{\w+\}|undefined/);
        }
      }
    }
    const [c] = parseScript('[step a]\n? ran migrate --fake\n> FAKED').steps[0]!.checks;
    expect(describeCheck('en', c!)).toBe('You ran `python manage.py migrate --fake` with the output `FAKED`');
  });
});

describe('the page host', () => {
  test('finds the manage.py commands of a terminal line', () => {
    expect(manageCommandsOf('python manage.py makemigrations && ./manage.py migrate --fake; ls')).toEqual([
      ['makemigrations'],
      ['migrate', '--fake'],
    ]);
    expect(manageCommandsOf('python manage.py shell -c "print(1)"')).toEqual([['shell', '-c', 'print(1)']]);
    expect(manageCommandsOf('echo "unclosed')).toEqual([]);
  });
});
