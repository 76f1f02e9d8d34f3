import { describe, expect, test } from 'vitest';
import { MigrationOptimizer } from '../../../src/engine/migrations/optimizer.ts';
import type { Operation } from '../../../src/engine/operations/base.ts';
import { AddField, AlterField, RemoveField, RenameField } from '../../../src/engine/operations/fields.ts';
import {
  AddIndex,
  AlterModelOptions,
  AlterModelTable,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveIndex,
  RenameModel,
} from '../../../src/engine/operations/models.ts';
import { PyList, PySet, PyTuple, type PyValue } from '../../../src/engine/python/objects.ts';
import { Index, IndexClass } from '../../../src/engine/state/indexes.ts';
import { RunSQLClass } from '../../../src/engine/operations/special.ts';
import { makeOp } from '../../../src/engine/operations/base.ts';
import { autoId, char, fk, int, m2m, ops } from '../autodetector/helpers.ts';


function optimize(list: Operation[], app = 'migrations'): { result: string[]; iterations: number } {
  const o = new MigrationOptimizer();
  const result = o.optimize(list, app);
  return { result: ops(result), iterations: o.iterations };
}

const create = (name: string, fields: [string, ReturnType<typeof char>][] = [['name', char(255)]], options = new Map()) =>
  CreateModel.create(name, [['id', autoId()], ...fields], options);

describe('MigrationOptimizer', () => {
  test('a single operation is kept', () => {
    const r = optimize([DeleteModel.create('Foo')]);
    expect(r.result).toEqual(["DeleteModel(name='Foo')"]);
    expect(r.iterations).toBe(1);
  });

  test('CreateModel + DeleteModel vanish', () => {
    const r = optimize([create('Foo'), DeleteModel.create('Foo')]);
    expect(r.result).toEqual([]);
    expect(r.iterations).toBe(2);
  });

  test('CreateModel + RenameModel', () => {
    expect(optimize([create('Foo'), RenameModel.create('Foo', 'Bar')]).result).toEqual([
      "CreateModel(name='Bar', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=255))])",
    ]);
  });

  test('RenameModel chains', () => {
    expect(optimize([RenameModel.create('Foo', 'Baa'), RenameModel.create('Baa', 'Bar')]).result).toEqual([
      "RenameModel(old_name='Foo', new_name='Bar')",
    ]);
  });

  test('CreateModel absorbs AddField / AlterField / RenameField / RemoveField', () => {
    const r = optimize([
      create('Foo'),
      AddField.create('Foo', 'age', int()),
      AlterField.create('Foo', 'age', char(10)),
      RenameField.create('Foo', 'name', 'title'),
      RemoveField.create('Foo', 'age'),
    ]);
    expect(r.result).toEqual([
      "CreateModel(name='Foo', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('title', CharField(max_length=255))])",
    ]);
  });

  test('CreateModel absorbs options, table and unique_together', () => {
    const r = optimize([
      create('Foo'),
      AlterModelOptions.create('Foo', new Map([['verbose_name', 'Foo thing']])),
      AlterModelTable.create('Foo', 'foo_table'),
      AlterUniqueTogether.create('Foo', new PySet([new PyTuple(['id', 'name'])])),
    ]);
    expect(r.result).toEqual([
      "CreateModel(name='Foo', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=255))], options={'db_table': 'foo_table', 'unique_together': {('id', 'name')}, 'verbose_name': 'Foo thing'})",
    ]);
  });

  test('AddField + AlterField, AddField + RemoveField', () => {
    expect(optimize([AddField.create('Foo', 'age', int()), AlterField.create('Foo', 'age', char(5))]).result).toEqual([
      "AddField(model_name='Foo', name='age', field=CharField(max_length=5))",
    ]);
    expect(optimize([AddField.create('Foo', 'age', int()), RemoveField.create('Foo', 'age')]).result).toEqual([]);
  });

  test('AlterField + RemoveField keeps the removal', () => {
    expect(optimize([AlterField.create('Foo', 'age', int()), RemoveField.create('Foo', 'age')]).result).toEqual([
      "RemoveField(model_name='Foo', name='age')",
    ]);
  });

  test('right reduction across unrelated operations', () => {
    const r = optimize([AddField.create('Foo', 'a', int()), AlterField.create('Bar', 'b', int()), RemoveField.create('Foo', 'a')]);
    expect(r.result).toEqual(["AlterField(model_name='Bar', name='b', field=IntegerField())"]);
  });

  test('left reduction: the merge happens before an operation that blocks', () => {
    // CreateModel Bar references Foo, so AddField can't move right of it, but it can move left.
    const r = optimize([create('Foo'), CreateModel.create('Bar', [['id', autoId()], ['foo', fk('migrations.Foo')]]), AddField.create('Foo', 'age', int())]);
    expect(r.result).toEqual([
      "CreateModel(name='Foo', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=255)), ('age', IntegerField())])",
      "CreateModel(name='Bar', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('foo', ForeignKey(on_delete=CASCADE, to='migrations.foo'))])",
    ]);
  });

  test('no reduction through a referencing operation', () => {
    // AddField(Bar.foo -> Foo) blocks DeleteModel(Foo) from cancelling CreateModel(Foo), and
    // it can't move left across CreateModel(Foo).
    const r = optimize([create('Foo'), AddField.create('Bar', 'foo', fk('migrations.Foo')), DeleteModel.create('Foo')]);
    expect(r.result).toEqual([
      "CreateModel(name='Foo', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=255))])",
      "AddField(model_name='Bar', name='foo', field=ForeignKey(on_delete=CASCADE, to='migrations.foo'))",
      "DeleteModel(name='Foo')",
    ]);
  });

  test('M2M AddField folds into CreateModel (initial migration shape)', () => {
    const r = optimize([
      create('Tag'),
      create('Note', [['title', char(200)]]),
      AddField.create('Note', 'tags', m2m('notes.tag')),
    ], 'notes');
    expect(r.result.length).toBe(2);
    expect(r.result[1]).toContain("('tags', ManyToManyField(to='notes.tag'))");
  });

  test('AddIndex + RemoveIndex vanish; RunSQL blocks everything', () => {
    const index = new Index(IndexClass, [], new Map<string, PyValue>([['fields', new PyList(['name'])], ['name', 'foo_name_idx']]));
    expect(optimize([AddIndex.create('Foo', index), RemoveIndex.create('Foo', 'foo_name_idx')]).result).toEqual([]);
    const sql = makeOp(RunSQLClass, { sql: 'SELECT 1' });
    expect(optimize([create('Foo'), sql, DeleteModel.create('Foo')]).result.length).toBe(3);
    // Elidable RunSQL disappears next to anything.
    const elidable = makeOp(RunSQLClass, { sql: 'SELECT 1', elidable: true });
    expect(optimize([create('Foo'), elidable, DeleteModel.create('Foo')]).result).toEqual([]);
  });

  test('app_label is required', () => {
    expect(() => new MigrationOptimizer().optimize([], undefined as unknown as string)).toThrow('app_label must be a str.');
  });
});
