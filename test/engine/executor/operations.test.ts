/**
 * Every schema operation through MigrationExecutor on real PGlite, forwards and backwards.
 *
 * The 24 migrations of test/parity-migrate/05-operations-roundtrip are built here in TypeScript
 * (the scenario has them as files) and applied one migration at a time, then unapplied one at a
 * time back to zero; after each step the database is dumped like `@ schema` and compared with
 * the dump real Django 5.2 produced at the same point of the scenario.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { makeOp } from '../../../src/engine/operations/base.ts';
import { AddField, AlterField, RemoveField, RenameField } from '../../../src/engine/operations/fields.ts';
import {
  AddConstraint,
  AddIndex,
  AlterIndexTogetherClass,
  AlterModelOptions,
  AlterModelTable,
  AlterModelTableComment,
  AlterOrderWithRespectTo,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveIndex,
  RenameIndex,
  RenameIndexClass,
  RenameModel,
} from '../../../src/engine/operations/models.ts';
import { RunSQLClass, SeparateDatabaseAndStateClass } from '../../../src/engine/operations/special.ts';
import { PyList, PySet, PyTuple } from '../../../src/engine/python/objects.ts';
import { SET_NULL } from '../../../src/engine/state/deletion.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import type { Migration } from '../../../src/engine/migrations/migration.ts';
import { openTestDb, resetDb } from '../db/postgres/db.ts';
import { F, Q, check, fk, fld, index, unique } from '../db/postgres/helpers.ts';
import { chain, dump, migrate, recordedSteps } from './helpers.ts';

const SCENARIO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../parity-migrate/05-operations-roundtrip');
const recorded = recordedSteps(path.join(SCENARIO, 'expected', 'transcript.txt'));

const ID = (): Field => fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });
const runSql = (sql: string, reverse: string) => makeOp(RunSQLClass, { sql, reverse_sql: reverse });
const VIEW = 'CREATE VIEW shop_cheap_items AS SELECT id, name FROM shop_items WHERE unit_price < 10';

/** The migrations of 05-operations-roundtrip/project/shop/migrations, one by one. */
function shopMigrations(): Migration[] {
  return chain('shop', [
    [
      '0001_initial',
      [
        CreateModel.create('Category', [
          ['id', ID()],
          ['name', fld('CharField', { max_length: 50n })],
        ]),
        CreateModel.create('Product', [
          ['id', ID()],
          ['name', fld('CharField', { db_index: true, max_length: 100n })],
          ['price', fld('DecimalField', { decimal_places: 2n, max_digits: 8n })],
          ['category', fk('shop.category')],
        ]),
      ],
    ],
    ['0002_product_stock', [AddField.create('product', 'stock', fld('IntegerField', { default: 0n }), false)]],
    [
      '0003_tag_product_tags',
      [
        CreateModel.create('Tag', [
          ['id', ID()],
          ['slug', fld('SlugField', { unique: true })],
        ]),
        AddField.create('product', 'tags', fld('ManyToManyField', { to: 'shop.tag' })),
      ],
    ],
    ['0004_alter_product_name', [AlterField.create('product', 'name', fld('CharField', { max_length: 200n, unique: true }))]],
    [
      '0005_alter_product_price',
      [AlterField.create('product', 'price', fld('DecimalField', { decimal_places: 2n, max_digits: 10n, null: true, db_default: 0n }))],
    ],
    ['0006_alter_product_stock', [AlterField.create('product', 'stock', fld('PositiveIntegerField', { db_comment: 'units on hand' }))]],
    [
      '0007_alter_product_category',
      [
        AlterField.create(
          'product',
          'category',
          fk('shop.category', { null: true, on_delete: SET_NULL, related_name: 'products', db_column: 'cat_id' }),
        ),
      ],
    ],
    ['0008_rename_price_product_unit_price', [RenameField.create('product', 'price', 'unit_price')]],
    ['0009_product_prod_name_stock_idx', [AddIndex.create('product', index({ fields: ['name', '-stock'], name: 'prod_name_stock_idx' }))]],
    ['0010_rename_index', [RenameIndex.create('product', 'product_name_stock_idx', 'prod_name_stock_idx')]],
    ['0011_remove_index', [RemoveIndex.create('product', 'product_name_stock_idx')]],
    [
      '0012_constraints',
      [
        AddConstraint.create('product', check('stock_max', Q({ stock__lte: 1000n }))),
        AddConstraint.create('product', unique({ name: 'uniq_name_cat', fields: ['name', 'category'] })),
        AddConstraint.create('product', unique({ name: 'uniq_stock_positive', condition: Q({ stock__gt: 0n }) }, F('stock'))),
      ],
    ],
    [
      '0013_remove_constraints',
      [
        RemoveConstraint.create('product', 'stock_max'),
        RemoveConstraint.create('product', 'uniq_name_cat'),
        RemoveConstraint.create('product', 'uniq_stock_positive'),
      ],
    ],
    ['0014_unique_together', [AlterUniqueTogether.create('product', new PySet([new PyTuple(['category', 'stock'])]))]],
    ['0015_rename_product_item', [RenameModel.create('Product', 'Item')]],
    ['0016_alter_item_table', [AlterModelTable.create('item', 'shop_items'), AlterModelTableComment.create('item', 'What we sell')]],
    ['0017_index_together', [makeOp(AlterIndexTogetherClass, { name: 'item', index_together: new PySet([new PyTuple(['name', 'stock'])]) })]],
    [
      '0018_rename_unnamed_index',
      [makeOp(RenameIndexClass, { model_name: 'item', new_name: 'item_name_stock_idx', old_fields: new PyTuple(['name', 'stock']) })],
    ],
    ['0019_view', [runSql(VIEW, 'DROP VIEW shop_cheap_items')]],
    [
      '0020_move_tag_table',
      [
        makeOp(SeparateDatabaseAndStateClass, {
          database_operations: new PyList([AlterModelTable.create('tag', 'shop_labels')]),
          state_operations: new PyList([AlterModelTable.create('tag', 'shop_labels')]),
        }),
      ],
    ],
    ['0021_remove_item_tags', [RemoveField.create('item', 'tags'), DeleteModel.create('Tag')]],
    [
      '0022_order_with_respect_to',
      [AlterOrderWithRespectTo.create('item', 'category'), AlterModelOptions.create('category', new Map([['verbose_name_plural', 'categories']]))],
    ],
    [
      '0023_remove_item_stock',
      [AlterUniqueTogether.create('item', new PySet([])), RemoveIndex.create('item', 'item_name_stock_idx'), RemoveField.create('item', 'stock')],
    ],
    ['0024_delete_item', [runSql('DROP VIEW shop_cheap_items', VIEW), DeleteModel.create('Item')]],
  ]);
}

/** The step number of the first `@ schema` after `$ migrate shop <prefix>` in the recording. */
function schemaAfter(prefix: string, from: number): number {
  for (let n = from; recorded.has(n); n++) {
    if (recorded.get(n)!.line !== `$ migrate shop ${prefix}`) continue;
    let m = n + 1;
    while (recorded.get(m)!.line !== '@ schema') m++;
    return m;
  }
  throw new Error(`no step migrating to ${prefix}`);
}

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});

describe('05-operations-roundtrip: every operation forwards, then backwards', () => {
  it('matches the schema Django left after each migration and each reversal', () => {
    resetDb(conn);
    const migrations = shopMigrations();
    const names = migrations.map((m) => m.name);
    const events: string[] = [];

    migrate(conn, migrations, ['shop', names[0]!], { events });
    conn.execute("INSERT INTO shop_category (name) VALUES ('Shoes'), ('Hats')");
    conn.execute("INSERT INTO shop_product (name, price, category_id) VALUES ('Boot', 10.00, 1), ('Cap', 5.00, 2)");
    let step = schemaAfter('0001', 1);
    expect(dump(conn)).toBe(recorded.get(step)!.body);

    for (const name of names.slice(1)) {
      migrate(conn, migrations, ['shop', name], { events });
      step = schemaAfter(name.slice(0, 4), step);
      expect(dump(conn), `after applying ${name}`).toBe(recorded.get(step)!.body);
    }
    for (const name of names.slice(0, -1).reverse()) {
      migrate(conn, migrations, ['shop', name], { events });
      step = schemaAfter(name.slice(0, 4), step);
      expect(dump(conn), `after unapplying down to ${name}`).toBe(recorded.get(step)!.body);
    }
    migrate(conn, migrations, ['shop', null], { events });
    step = schemaAfter('zero', step);
    expect(dump(conn), 'after migrate shop zero').toBe(recorded.get(step)!.body);

    // One migration per command, forwards in order, then backwards in order.
    const applied = events.filter((e) => e.startsWith('apply_start')).map((e) => e.split(' ')[1]);
    const unapplied = events.filter((e) => e.startsWith('unapply_start')).map((e) => e.split(' ')[1]);
    expect(applied).toEqual(names.map((n) => `shop.${n}`));
    expect(unapplied).toEqual(names.map((n) => `shop.${n}`).reverse());
  });
});
