/** 32-error-merge-conflict: makemigrations --merge's analysis, question and merge migration. */
import { expect, test } from 'vitest';
import { detectConflicts, mergeMigration, planMerge } from '../../../src/engine/autodetector/merge.ts';
import { InteractiveMigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { Dependency, Migration } from '../../../src/engine/migrations/migration.ts';
import { AddField } from '../../../src/engine/operations/fields.ts';
import { ScriptedIO, field } from './helpers.ts';

function conflictGraph(): MigrationGraph {
  const g = new MigrationGraph();
  const m1 = new Migration('0001_initial', 'articles');
  g.addNode(['articles', '0001_initial'], m1);
  const summary = new Migration('0002_article_summary', 'articles');
  summary.dependencies = [new Dependency('articles', '0001_initial')];
  summary.operations = [AddField.create('article', 'summary', field('TextField', { blank: true, default: '' }))];
  const rating = new Migration('0002_article_rating', 'articles');
  rating.dependencies = [new Dependency('articles', '0001_initial')];
  rating.operations = [AddField.create('article', 'rating', field('PositiveSmallIntegerField', { blank: true, null: true }))];
  g.addNode(['articles', '0002_article_summary'], summary);
  g.addNode(['articles', '0002_article_rating'], rating);
  g.addDependency(summary, ['articles', '0002_article_summary'], ['articles', '0001_initial']);
  g.addDependency(rating, ['articles', '0002_article_rating'], ['articles', '0001_initial']);
  return g;
}

test('conflicts, branches, question and merge migration', async () => {
  const g = conflictGraph();
  const conflicts = detectConflicts(g);
  expect([...conflicts]).toEqual([['articles', ['0002_article_rating', '0002_article_summary']]]);
  const plan = planMerge(g, 'articles', conflicts.get('articles')!);
  expect(plan.log.map((l) => l + '\n').join('')).toBe(
    'Merging articles\n  Branch 0002_article_rating\n    + Add field rating to article\n  Branch 0002_article_summary\n    + Add field summary to article\n',
  );
  const io = new ScriptedIO(['n', 'y']);
  const q = new InteractiveMigrationQuestioner({ io, evaluate: () => 0n });
  expect(await q.askMerge('articles')).toBe(false);
  expect(io.output).toBe(
    '\nMerging will only work if the operations printed above do not conflict\nwith each other (working on different fields or models)\nShould these migration branches be merged? [y/N] ',
  );
  expect(await q.askMerge('articles')).toBe(true);
  const m = mergeMigration('articles', conflicts.get('articles')!, { timestamp: '20260102_0304' });
  expect(m.name).toBe('0003_merge_0002_article_rating_0002_article_summary');
  expect(m.dependencies.map((d) => d.key)).toEqual(['articles.0002_article_rating', 'articles.0002_article_summary']);
  expect(mergeMigration('articles', ['0002_a_very_long_migration_name_here', '0002_another_long_migration_name'], { timestamp: '20260102_0304' }).name).toBe(
    '0003_merge_20260102_0304',
  );
  expect(mergeMigration('articles', ['0002_a', '0002_b'], { migrationName: 'together', timestamp: 'x' }).name).toBe('0003_together');
  // No conflict once merged.
  g.addNode(['articles', m.name], m);
  for (const d of m.dependencies) g.addDependency(m, ['articles', m.name], [d.appLabel, d.name]);
  expect(detectConflicts(g).size).toBe(0);
});
