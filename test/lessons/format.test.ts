import { describe, expect, test } from 'vitest';
import { argvMatches, outputContains } from '../../src/lessons/checks.ts';
import { LessonFormatError, globToRegExp, parseFrontmatter, parseLessonText, parseScript, splitTopLevel } from '../../src/lessons/format.ts';
import { buildLesson, lessonProblems, splitSql } from '../../src/lessons/lesson.ts';

describe('lesson.md', () => {
  const md = `---
id: demo
title: "A demo: lesson"
summary: It shows the format.
level: beginner
---

Intro with a \`## heading\` inside text.

## First step {#first}

Do this:

\`\`\`python
## not a step {#nope}
::: hint
\`\`\`

::: hint
Try harder.
:::

More text.

## Second step {#second}

::: hint
One.
:::

::: hint
Two.
:::
`;

  test('frontmatter, intro, steps and hints', () => {
    const t = parseLessonText(md, 'en');
    expect(t.id).toBe('demo');
    expect(t.title).toBe('A demo: lesson');
    expect(t.meta['level']).toBe('beginner');
    expect(t.intro).toBe('Intro with a `## heading` inside text.');
    expect(t.steps.map((s) => [s.id, s.title])).toEqual([
      ['first', 'First step'],
      ['second', 'Second step'],
    ]);
    expect(t.steps[0]!.body).toContain('## not a step {#nope}');
    expect(t.steps[0]!.body).toContain('More text.');
    expect(t.steps[0]!.body).not.toContain('Try harder');
    expect(t.steps[0]!.hints).toEqual(['Try harder.']);
    expect(t.steps[1]!.hints).toEqual(['One.', 'Two.']);
  });

  test('errors name the file and line', () => {
    expect(() => parseLessonText('---\nid: x\n---\n', 'en', 'x.md')).toThrow(/x.md:1: frontmatter needs title/);
    expect(() => parseLessonText('---\nid: x\ntitle: t\nsummary: s\n---\n## A {#a}\n::: hint\nno end\n', 'en', 'x.md')).toThrow(
      LessonFormatError,
    );
    expect(parseFrontmatter('no frontmatter').meta).toEqual({});
  });
});

describe('steps script', () => {
  const script = `# comment
[setup]
@ sqlfile setup.sql
$ migrate

[step make]
@ write shop/models.py
@ write shop/other.py solution/x/other.py
$ makemigrations --name "two words"
< 1
<
? file shop/migrations/0001_*.py
? contains shop/models.py related_name='+'
? operations shop/migrations/0002_*.py SeparateDatabaseAndState[database: ; state: RemoveField:product.category], AlterModelTable:product
? operations shop/migrations/0003_*.py
? depends shop/migrations/0002_*.py sale 0002
? applied shop 0001
? unapplied shop
? sql SELECT 1, NULL
= 1 | NULL
? ran migrate shop zero
> Unapplying shop.0001_initial... OK
? probefails makemigrations --check
`;

  test('actions and checks', () => {
    const s = parseScript(script);
    expect(s.setup.map((a) => a.kind)).toEqual(['sqlfile', 'command']);
    const step = s.steps[0]!;
    expect(step.id).toBe('make');
    expect(step.actions[0]).toMatchObject({ kind: 'write', path: 'shop/models.py', source: 'solution/make/shop/models.py' });
    expect(step.actions[1]).toMatchObject({ kind: 'write', source: 'solution/x/other.py' });
    expect(step.actions[2]).toMatchObject({ kind: 'command', argv: ['makemigrations', '--name', 'two words'], stdin: ['1', ''] });
    const c = step.checks;
    expect(c.map((x) => x.kind)).toEqual(['file', 'contains', 'operations', 'operations', 'depends', 'applied', 'unapplied', 'sql', 'ran', 'probefails']);
    expect(c[1]!.text).toBe("related_name='+'");
    expect(c[2]!.ops).toEqual(['SeparateDatabaseAndState[database: ; state: RemoveField:product.category]', 'AlterModelTable:product']);
    expect(c[3]!.ops).toEqual([]);
    expect(c[4]).toMatchObject({ app: 'sale', name: '0002' });
    expect(c[6]!.name).toBeUndefined();
    expect(c[7]!.rows).toEqual(['1 | NULL']);
    expect(c[8]).toMatchObject({ words: ['migrate', 'shop', 'zero'], output: ['Unapplying shop.0001_initial... OK'] });
  });

  test('errors', () => {
    expect(() => parseScript('$ migrate')).toThrow(/steps:1: expected \[setup\]/);
    expect(() => parseScript('[step a]\n? frobnicate x')).toThrow(/unknown check: frobnicate/);
    expect(() => parseScript('[step a]\n= 1')).toThrow(/without a preceding \? sql/);
    expect(() => parseScript('[step a]\n[step a]')).toThrow(/duplicate step id a/);
    expect(() => parseScript('[setup]\n? file x')).toThrow(/checks belong to a step/);
  });
});

describe('helpers', () => {
  test('globs stay within a path segment', () => {
    expect(globToRegExp('a/0002_*.py').test('a/0002_auto_x.py')).toBe(true);
    expect(globToRegExp('a/*.py').test('a/b/c.py')).toBe(false);
  });
  test('splitTopLevel', () => {
    expect(splitTopLevel('A, B[c, d], E(f, g)')).toEqual(['A', 'B[c, d]', 'E(f, g)']);
    expect(splitTopLevel('')).toEqual([]);
  });
  test('splitSql keeps quoted semicolons and dollar quotes', () => {
    expect(splitSql("CREATE TABLE a (b text DEFAULT ';'); -- x;\nSELECT $$;$$; /* ; */ SELECT 1")).toEqual([
      "CREATE TABLE a (b text DEFAULT ';')",
      'SELECT $$;$$',
      'SELECT 1',
    ]);
  });
  test('command words match in any order, migration numbers as prefixes', () => {
    expect(argvMatches(['migrate', 'catalog', '0001_initial', '--fake'], ['migrate', '--fake', 'catalog', '0001'])).toBe(true);
    expect(argvMatches(['migrate', 'catalog'], ['migrate', '--fake'])).toBe(false);
    expect(argvMatches(['showmigrations'], ['migrate'])).toBe(false);
  });
  test('output lines in order, colours ignored', () => {
    expect(outputContains('\x1b[32mOK\x1b[0m\nb\nc', ['OK', 'c'])).toBe(true);
    expect(outputContains('a\nb', ['b', 'a'])).toBe(false);
  });
  test('a lesson from files, with its problems', () => {
    const files = new Map([
      ['lesson.md', '---\nid: x\ntitle: X\nsummary: S\n---\n## A {#a}\ntext\n'],
      ['lesson.ru.md', '---\nid: x\ntitle: Х\nsummary: С\n---\n## А {#b}\nтекст\n'],
      ['steps', '[step a]\n@ write shop/models.py\n'],
      ['project/settings.py', ''],
    ]);
    const lesson = buildLesson('01-x', files);
    expect(lesson.project['manage.py']).toContain('execute_from_command_line');
    expect(lessonProblems(lesson).map((p) => `${p.file}: ${p.message}`)).toEqual([
      "lesson.ru.md: steps [b] differ from the script's [a]",
      'project/settings.py: missing',
      'steps: no such file solution/a/shop/models.py',
      'steps: step a has no checks',
    ]);
  });
});
