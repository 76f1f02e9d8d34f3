/**
 * `manage.py shell`: automatic imports, -c, piped stdin, and the interactive console (prompts,
 * echoed values, tracebacks that keep the session going, blocks ended by an empty line).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { needsMoreInput } from '../../../src/engine/commands/shell.ts';
import { TestProject, closeDatabase, database } from './helpers.ts';

const MODELS = `
from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)

    def __str__(self):
        return self.name


class Note(models.Model):
    text = models.TextField()
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, null=True)
`;

let project: TestProject;

beforeAll(async () => {
  project = new TestProject(await database(), MODELS);
  await project.setup();
});

afterAll(async () => {
  await closeDatabase();
});

describe('automatic imports', () => {
  test('the count line and an empty line, then the code', async () => {
    const r = await project.manage(['shell', '-c', 'print(Tag, Note)']);
    expect(r.stdout).toBe("2 objects imported automatically (use -v 2 for details).\n\n<class 'shop.models.Tag'> <class 'shop.models.Note'>\n");
  });

  test('-v 2 lists the imports', async () => {
    const r = await project.manage(['shell', '-v', '2', '-c', 'pass']);
    expect(r.stdout).toBe('2 objects imported automatically:\n\n  from shop.models import Note, Tag\n\n');
  });

  test('--no-imports', async () => {
    const r = await project.manage(['shell', '--no-imports', '-c', 'print(1)']);
    expect(r.stdout).toBe('1\n');
  });

  test('-c runs with the globals of shell.py', async () => {
    expect(await project.py('print(__name__)')).toBe('django.core.management.commands.shell\n');
  });
});

describe('piped standard input', () => {
  test('runs as one script, printing only what it prints', async () => {
    const r = await project.manage(['shell', '-v', '0'], ["t = Tag.objects.create(name='a')", 't', 'print(t.pk, t)']);
    expect(r.stdout).toBe('1 a\n');
    expect(r.status).toBe(0);
  });

  test('an uncaught exception is a traceback on stderr and status 1, output before it kept', async () => {
    const r = await project.manage(['shell', '-v', '0'], ["print('before')", 'Tag.objects.get(name="zz")', "print('after')"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr.split('\n').filter(Boolean).pop()).toBe('shop.models.Tag.DoesNotExist: Tag matching query does not exist.');
  });
});

describe('interactive console', () => {
  test('prompts, echoes values, keeps going after an exception', async () => {
    const r = await project.manage(
      ['shell', '-v', '0'],
      [
        "b = Tag.objects.create(name='b')",
        'b',
        'Tag.objects.filter(name="b").count()',
        'None',
        '1/0',
        'for t in Tag.objects.order_by("name"):',
        '    print(t.name)',
        '',
        '[1,',
        ' 2]',
      ],
      true,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('>>> >>> <Tag: b>\n>>> 1\n>>> >>> >>> ... ... a\nb\n>>> ... [1, 2]\n>>> ');
    expect(r.stderr).toContain('(InteractiveConsole)\n');
    expect(r.stderr).toContain('Traceback (most recent call last):\n  File "<console>", line 1, in <module>\nZeroDivisionError: division by zero\n');
    expect(r.stderr.endsWith('\nnow exiting InteractiveConsole...\n')).toBe(true);
  });

  test('exit() ends the session', async () => {
    const r = await project.manage(['shell', '-v', '0'], ['exit()', 'print("never")'], true);
    expect(r.stdout).not.toContain('never');
  });
});

describe('needsMoreInput', () => {
  test.each([
    [['x = 1'], false],
    [['for i in range(3):'], true],
    [['for i in range(3):', '    print(i)'], true],
    [['for i in range(3):', '    print(i)', ''], false],
    [['print((1,'], true],
    [['x = """a'], true],
    [['x = 1 +'], false],
    [['if x: print(1)'], true],
    [['if x: print(1)', ''], false],
    [["print('a:')"], false],
    [['@decorator'], true],
  ])('%j → %s', (lines, more) => {
    expect(needsMoreInput(lines as string[])).toBe(more);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** console/console.json: what CPython 3.11's code.InteractiveConsole printed (console/record.py). */
describe('the console prints what CPython prints', () => {
  const dir = fileURLToPath(new URL('./console/', import.meta.url));
  const cases = JSON.parse(readFileSync(dir + 'cases.json', 'utf8')) as Record<string, string[]>;
  const recorded = JSON.parse(readFileSync(dir + 'console.json', 'utf8')) as Record<string, { stdout: string; stderr: string }>;
  const BANNER = /^Python [^\n]*\nType "help"[^\n]*\n\(InteractiveConsole\)\n/;
  const addresses = (s: string) => s.replace(/ at 0x[0-9a-f]+>/g, ' at 0x...>');
  for (const [name, lines] of Object.entries(cases)) {
    test(name, async () => {
      const r = await project.manage(['shell', '--no-imports'], lines, true);
      expect(addresses(r.stdout)).toBe(recorded[name]!.stdout);
      expect(addresses(r.stderr.replace(BANNER, '').replace(/now exiting InteractiveConsole\.\.\.\n$/, ''))).toBe(recorded[name]!.stderr);
    });
  }
});

test('sys.stderr is the command stderr', async () => {
  const r = await project.manage(['shell', '-v', '0', '-c', "import sys; print('out'); print('err', file=sys.stderr); sys.stderr.write('more\\n')"]);
  expect(r.stdout).toBe('out\n');
  expect(r.stderr).toBe('err\nmore\n');
});
