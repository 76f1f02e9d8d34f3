/** 13-delete-model-alter-table: DeleteModel, AlterModelTable, AlterUniqueTogether, indexes. */
import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { PyList, type PyValue } from '../../../src/engine/python/objects.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { apply, char, detect, field, fk, index, model, ops, state, summary, together } from './helpers.ts';

const forum = (step: number) => {
  const boardFields: [string, Field][] = [['name', char(50)]];
  if (step >= 7) boardFields.push(['is_archived', field('BooleanField', { default: false })]);
  const opts: Record<string, PyValue> = {};
  if (step >= 3 && step < 6) opts['db_table'] = 'forum_threads';
  if (step < 4) opts['unique_together'] = together(['board', 'title']);
  else if (step === 4) opts['unique_together'] = together(['board', 'slug'], ['board', 'title']);
  if (step === 5 || step === 6) opts['indexes'] = new PyList([index(['board', 'slug'], 'thread_board_slug_idx')]);
  if (step >= 7) opts['indexes'] = new PyList([index(['slug'], 'thread_slug_idx')]);
  const models = [
    model('forum', 'Board', boardFields),
    model('forum', 'Thread', [['board', fk('forum.board')], ['title', char(100)], ['slug', field('SlugField')]], opts),
  ];
  if (step < 2) models.push(model('forum', 'Attachment', [['thread', fk('forum.thread')], ['filename', char(100)]]));
  return state(['forum'], ...models);
};

test('13-delete-model-alter-table', async () => {
  const graph = new MigrationGraph();
  let history = state(['forum']);
  const expected: [number, string, string[]][] = [
    [0, '0001_initial', ['Create model Board', 'Create model Thread', 'Create model Attachment']],
    [2, '0002_delete_attachment', ['Delete model Attachment']],
    [3, '0003_alter_thread_table', ['Rename table for thread to forum_threads']],
    [4, '0004_alter_thread_unique_together', ['Alter unique_together for thread (2 constraint(s))']],
    [5, '0005_alter_thread_unique_together_and_more', ['Alter unique_together for thread (0 constraint(s))', 'Create index thread_board_slug_idx on field(s) board, slug of model thread']],
    [6, '0006_alter_thread_table', ['Rename table for thread to (default)']],
    [7, '0007_remove_thread_thread_board_slug_idx_and_more', ['Remove index thread_board_slug_idx from thread', 'Add field is_archived to board', 'Create index thread_slug_idx on field(s) slug of model thread']],
  ];
  for (const [step, name, descriptions] of expected) {
    const c = await detect(history, forum(step), { graph });
    const s = summary(c).forum!;
    expect(s.map((m) => m.name)).toEqual([name]);
    expect(s[0]!.ops).toEqual(descriptions);
    const o = ops(c.get('forum')![0]!.operations);
    if (step === 0) {
      expect(o[1]).toBe(
        "CreateModel(name='Thread', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('title', CharField(max_length=100)), ('slug', SlugField()), ('board', ForeignKey(on_delete=CASCADE, to='forum.board'))], options={'unique_together': {('board', 'title')}})",
      );
    }
    if (step === 4) expect(o).toEqual(["AlterUniqueTogether(name='thread', unique_together={('board', 'slug'), ('board', 'title')})"]);
    if (step === 5) expect(o[0]).toBe("AlterUniqueTogether(name='thread', unique_together=set())");
    if (step === 6) expect(o).toEqual(["AlterModelTable(name='thread', table=None)"]);
    history = apply(history, c, graph);
  }
  expect((await detect(history, forum(7), { graph })).size).toBe(0);
});
