/** 02-field-options: AlterModelTableComment comes before the AlterFields (sorted by field name). */
import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { PyList, PyTuple, type PyValue, call } from '../../../src/engine/python/objects.ts';
import { FUNCTION_CLASSES } from '../../../src/engine/state/expressions.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { apply, char, detect, field, int, model, ops, state, summary } from './helpers.ts';

const Now = () => call(FUNCTION_CLASSES.get('Now')!, []);
const choices = (pairs: [PyValue, string][]) => new PyList(pairs.map(([v, l]) => new PyTuple([v, l])));

const book = (step: number) => {
  const fmt: [PyValue, string][] = [['HB', 'Hardback'], ['PB', 'Paperback']];
  const genre: [PyValue, string][] = [['F', 'Fiction'], ['N', 'Non-fiction']];
  if (step) {
    fmt.push(['EB', 'E-book']);
    genre.push(['P', 'Poetry']);
  }
  const fields: [string, Field][] = [
    ['isbn', char(13, { primary_key: true, serialize: false })],
    ['title', char(200, { db_index: true, db_comment: step ? 'Title on the cover' : 'Title as printed on the cover' })],
    ['subtitle', char(200, { blank: true, ...(step ? { verbose_name: 'sub-title' } : {}) })],
    ['summary', field('TextField', { null: true, blank: true, ...(step ? { db_comment: 'Back-cover text' } : {}) })],
    ['pages', field('PositiveIntegerField', { default: step ? 250n : 100n })],
    ['format', char(2, { choices: choices(fmt), default: 'PB' })],
    ['genre', char(1, { choices: choices(genre), default: 'F' })],
    ['stars', int({ choices: choices([[1n, 'One'], [2n, 'Two'], [3n, 'Three']]), null: true })],
    ['code', field('CharField', { unique: true })],
    ['author_name', char(100, { db_column: 'author' })],
    ['in_print', field('BooleanField', { default: true })],
    ['rating', field('DecimalField', { max_digits: 3n, decimal_places: 1n, null: true, blank: true })],
    ['added', field('DateTimeField', { db_default: Now() })],
    ['edition', int({ db_default: step ? 2n : 1n })],
    ['language', char(5, { default: 'en', db_default: 'en' })],
  ];
  return state(['library'], model('library', 'Book', fields, { db_table_comment: step ? 'Every book we own' : 'Books in the library' }));
};

test('02-field-options', async () => {
  const graph = new MigrationGraph();
  const c1 = await detect(state(['library']), book(0), { graph });
  expect(ops(c1.get('library')![0]!.operations)[0]).toContain("options={'db_table_comment': 'Books in the library'}");
  const history = apply(state(['library']), c1, graph);
  expect((await detect(history, book(0), { graph })).size).toBe(0);
  const c2 = await detect(history, book(1), { graph });
  expect(summary(c2)).toEqual({
    library: [
      {
        name: '0002_alter_book_table_comment_alter_book_edition_and_more',
        initial: false,
        deps: ['library.0001_initial'],
        ops: [
          'Alter book table comment',
          'Alter field edition on book',
          'Alter field format on book',
          'Alter field genre on book',
          'Alter field pages on book',
          'Alter field subtitle on book',
          'Alter field summary on book',
          'Alter field title on book',
        ],
      },
    ],
  });
  expect(ops(c2.get('library')![0]!.operations)[0]).toBe("AlterModelTableComment(name='book', table_comment='Every book we own')");
});
