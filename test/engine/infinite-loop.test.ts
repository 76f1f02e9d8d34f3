/**
 * Infinite loops in learner code. Real Django would hang; the interpreter stops after its step
 * budget with a KeyboardInterrupt that names the file and line (and the exit status of Python
 * interrupted by Ctrl+C, -2), and nothing is lost: a migration is rolled back as a whole and
 * stays unapplied, rows written before the loop in the shell stay.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { loadScenario, runScenarioSource } from '../../src/parity/runner.ts';
import { parseSteps } from '../../src/parity/steps.ts';

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await freshPGlite();
});
afterAll(async () => {
  await conn.close();
});

const LOOP_MIGRATION = `from django.db import migrations, models


def forwards(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    Item.objects.create(name='lamp')
    n = 0
    while True:
        n += 1


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='stock',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(forwards),
    ]
`;

/** The project of test/parity-errors/05 (shop.Item: name, price) with the steps given. */
function scenario(steps: string, files: Record<string, string>) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const src = loadScenario(path.join(here, '../parity-errors/05-runpython-errors'));
  return { ...src, steps: parseSteps(steps), readFile: (rel: string) => files[rel] };
}

/** The output of step `n` in a transcript. */
function stepOutput(transcript: string, n: number): string {
  const start = transcript.indexOf(`### ${n} `);
  const end = transcript.indexOf(`\n### ${n + 1} `, start);
  return transcript.slice(transcript.indexOf('\n', start) + 1, end < 0 ? undefined : end + 1);
}

const BUDGET_MESSAGE = 'KeyboardInterrupt: execution stopped after 20,000,000 steps: is there an infinite loop?';

test('an infinite loop in RunPython stops at the step budget, naming the line, and the migration is rolled back', async () => {
  const run = await runScenarioSource(
    scenario(
      [
        '$ makemigrations',
        '$ migrate',
        '@ write shop/migrations/0002_loop.py files/01/0002_loop.py',
        '$ migrate',
        '$ showmigrations',
        "@ sql SELECT column_name FROM information_schema.columns WHERE table_name = 'shop_item' ORDER BY ordinal_position",
        '@ sql SELECT count(*) FROM shop_item',
      ].join('\n'),
      { 'files/01/0002_loop.py': LOOP_MIGRATION },
    ),
    { conn, stepTimeoutMs: 120_000 },
  );
  expect(run.runnerErrors).toEqual([]);
  const migrate = stepOutput(run.transcript, 4);
  expect(migrate).toContain('  Applying shop.0002_loop...\n--- no newline at end\n--- stderr\nTraceback (most recent call last):\n');
  expect(migrate).toContain('  File "$PROJECT/shop/migrations/0002_loop.py", line 9, in forwards\n    n += 1\n');
  expect(migrate).toContain(`${BUDGET_MESSAGE}\n--- exit -2\n`);
  expect(stepOutput(run.transcript, 5)).toBe('shop\n [X] 0001_initial\n [ ] 0002_loop\n');
  expect(stepOutput(run.transcript, 6)).toBe('column_name\nid\nname\nprice\n(3 rows)\n');
  expect(stepOutput(run.transcript, 7)).toBe('count\n0\n(1 row)\n');
  // the file is untouched
  expect(run.files.get('shop/migrations/0002_loop.py')).toBe(LOOP_MIGRATION);
}, 180_000);

test('an infinite loop in the shell stops with the same error; what was saved before stays', async () => {
  const run = await runScenarioSource(
    scenario(
      [
        '$ makemigrations',
        '$ migrate',
        '$ shell',
        "< Item.objects.create(name='pen')",
        "< print('saved')",
        '< n = 0',
        '< while n >= 0:',
        '<     n += 1',
        '@ sql SELECT name FROM shop_item',
      ].join('\n'),
      {},
    ),
    { conn, stepTimeoutMs: 120_000 },
  );
  expect(run.runnerErrors).toEqual([]);
  const shell = stepOutput(run.transcript, 3);
  expect(shell).toContain('saved\n--- stderr\nTraceback (most recent call last):\n');
  expect(shell).toMatch(/ {2}File "<string>", line [45], in <module>\n/);
  expect(shell).toContain(`${BUDGET_MESSAGE}\n--- exit -2\n`);
  expect(stepOutput(run.transcript, 4)).toBe('name\npen\n(1 row)\n');
}, 180_000);
