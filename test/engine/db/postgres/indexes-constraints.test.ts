/**
 * addIndex / removeIndex / renameIndex / addConstraint / removeConstraint, with the SQL Django
 * 5.2.18 printed for the same objects (oracle probe t4) and the 07 scenario's 0002, each applied
 * to a real table.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Kwargs, type PyValue, NO_KWARGS } from '../../../../src/engine/python/objects.ts';
import { Expression, nativeClass } from '../../../../src/engine/state/expressions.ts';
import type { Index } from '../../../../src/engine/state/indexes.ts';
import type { Constraint } from '../../../../src/engine/state/constraints.ts';
import { type TestDb, openTestDb, resetDb } from './db.ts';
import { F, Q, Value, and, apply, catalog, check, collect, collectAndApply, fld, func, getModel, index, model, or, state, unique } from './helpers.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

// OrderBy / Collate as django.db.models.expressions builds them (F('x').desc(), Collate(…)).
class Wrapper extends Expression {}
const OrderByClass = nativeClass('OrderBy', 'django.db.models.expressions', (cls, args, kwargs) => new Wrapper(cls, args, kwargs));
const CollateClass = nativeClass('Collate', 'django.db.models.functions.comparison', (cls, args, kwargs) => new Wrapper(cls, args, kwargs));
const desc = (e: PyValue, extra: Record<string, PyValue> = {}): PyValue =>
  new Wrapper(OrderByClass, [e], new Map([['descending', true], ...Object.entries(extra)]) as Kwargs);
const asc = (e: PyValue, extra: Record<string, PyValue> = {}): PyValue => new Wrapper(OrderByClass, [e], new Map(Object.entries(extra)) as Kwargs);
const collate = (e: PyValue, c: string): PyValue => new Wrapper(CollateClass, [e, c], NO_KWARGS);

const thing = () =>
  state([
    model('shop', 'Item', [
      ['id', fld('BigAutoField', { primary_key: true })],
      ['name', fld('CharField', { max_length: 10n })],
      ['note', fld('TextField', { null: true })],
      ['n', fld('IntegerField')],
      ['flag', fld('BooleanField', { default: true })],
      ['created', fld('DateTimeField', { null: true })],
    ]),
  ]);

const INDEXES: [Index, string][] = [
  [index({ name: 'i1' }, func('Lower', 'name')), 'CREATE INDEX "i1" ON "shop_item" ((LOWER("name")))'],
  [index({ name: 'i2' }, desc(F('name'))), 'CREATE INDEX "i2" ON "shop_item" ("name" DESC)'],
  [index({ name: 'i3' }, desc(func('Lower', 'name')), 'n'), 'CREATE INDEX "i3" ON "shop_item" ((LOWER("name")) DESC, "n")'],
  [
    index({ fields: ['-name', 'n'], name: 'i4', condition: and(Q({ flag: true }), Q({ n__gt: 0n })) }),
    'CREATE INDEX "i4" ON "shop_item" ("name" DESC, "n") WHERE ("flag" AND "n" > 0)',
  ],
  [
    index({ fields: ['name'], name: 'i5', opclasses: ['text_pattern_ops'], include: ['n', 'flag'] }),
    'CREATE INDEX "i5" ON "shop_item" ("name" text_pattern_ops) INCLUDE ("n", "flag")',
  ],
  [index({ name: 'i7' }, func('Upper', 'name'), func('Length', 'note')), 'CREATE INDEX "i7" ON "shop_item" ((UPPER("name")), (LENGTH("note")))'],
  [index({ name: 'i8' }, func('Coalesce', 'note', Value('x'))), `CREATE INDEX "i8" ON "shop_item" ((COALESCE("note", 'x')))`],
  [index({ name: 'i10' }, func('Concat', 'name', 'note')), `CREATE INDEX "i10" ON "shop_item" (((COALESCE("name", '') || COALESCE("note", ''))))`],
  [index({ name: 'i12' }, asc(F('name'), { nulls_last: true })), 'CREATE INDEX "i12" ON "shop_item" ("name" ASC NULLS LAST)'],
  [index({ name: 'i13' }, desc(func('Lower', 'name'), { nulls_first: true })), 'CREATE INDEX "i13" ON "shop_item" ((LOWER("name")) DESC NULLS FIRST)'],
  [index({ fields: ['name'], name: 'i14', opclasses: ['varchar_pattern_ops'] }), 'CREATE INDEX "i14" ON "shop_item" ("name" varchar_pattern_ops)'],
  [index({ name: 'i15' }, func('Trim', 'name'), func('Abs', 'n'), func('Round', 'n')), 'CREATE INDEX "i15" ON "shop_item" ((TRIM("name")), (ABS("n")), (ROUND("n", 0)))'],
  [index({ name: 'i16' }, collate(F('name'), 'C')), 'CREATE INDEX "i16" ON "shop_item" ("name" COLLATE "C")'],
  [index({ name: 'i17' }, desc(collate(func('Lower', 'name'), 'C'))), 'CREATE INDEX "i17" ON "shop_item" ((LOWER("name")) COLLATE "C" DESC)'],
];

describe('Meta.indexes', () => {
  for (const [idx, sql] of INDEXES) {
    it(`${idx.name}: ${sql.slice(sql.indexOf('('))}`, () => {
      const item = getModel(thing(), 'shop.Item');
      apply(conn, (se) => se.createModel(item));
      expect(collectAndApply(conn, (se) => se.addIndex(item, idx))).toEqual([`${sql};`]);
      expect(collectAndApply(conn, (se) => se.removeIndex(item, idx))).toEqual([`DROP INDEX IF EXISTS "${idx.name}";`]);
    });
  }

  it('renameIndex', () => {
    const item = getModel(thing(), 'shop.Item');
    const old = index({ fields: ['name'], name: 'old_idx' });
    apply(conn, (se) => {
      se.createModel(item);
      se.addIndex(item, old);
    });
    expect(collectAndApply(conn, (se) => se.renameIndex(item, old, index({ fields: ['name'], name: 'new_idx' })))).toEqual([
      'ALTER INDEX "old_idx" RENAME TO "new_idx";',
    ]);
    expect(catalog(conn, 'shop_item')).toContain('index CREATE INDEX new_idx ON public.shop_item USING btree (name)');
  });

  it('removing an index created in the same editor drops its deferred CREATE INDEX', () => {
    const st = state([
      model('shop', 'Item', [
        ['id', fld('BigAutoField', { primary_key: true })],
        ['name', fld('CharField', { max_length: 10n })],
      ], { indexes: [index({ fields: ['name'], name: 'name_idx' })] }),
    ]);
    const item = getModel(st, 'shop.Item');
    const idx = item.indexes[0]!;
    expect(
      collectAndApply(conn, (se) => {
        se.createModel(item);
        se.removeIndex(item, idx);
      }),
    ).toEqual([
      'CREATE TABLE "shop_item" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "name" varchar(10) NOT NULL);',
      'DROP INDEX IF EXISTS "name_idx";',
    ]);
  });
});

const CONSTRAINTS: [Constraint, string, string][] = [
  [
    unique({ fields: ['name'], name: 'u1', deferrable: 'deferred' }),
    'ALTER TABLE "shop_item" ADD CONSTRAINT "u1" UNIQUE ("name") DEFERRABLE INITIALLY DEFERRED',
    'ALTER TABLE "shop_item" DROP CONSTRAINT "u1"',
  ],
  [
    unique({ fields: ['name', 'n'], name: 'u2', deferrable: 'immediate' }),
    'ALTER TABLE "shop_item" ADD CONSTRAINT "u2" UNIQUE ("name", "n") DEFERRABLE INITIALLY IMMEDIATE',
    'ALTER TABLE "shop_item" DROP CONSTRAINT "u2"',
  ],
  [unique({ fields: ['name'], name: 'u3', include: ['n'] }), 'CREATE UNIQUE INDEX "u3" ON "shop_item" ("name") INCLUDE ("n")', 'DROP INDEX IF EXISTS "u3"'],
  [
    unique({ fields: ['name'], name: 'u4', opclasses: ['varchar_pattern_ops'] }),
    'CREATE UNIQUE INDEX "u4" ON "shop_item" ("name" varchar_pattern_ops)',
    'DROP INDEX IF EXISTS "u4"',
  ],
  [
    unique({ fields: ['name'], name: 'u5', nulls_distinct: false }),
    'ALTER TABLE "shop_item" ADD CONSTRAINT "u5" UNIQUE NULLS NOT DISTINCT ("name")',
    'ALTER TABLE "shop_item" DROP CONSTRAINT "u5"',
  ],
  [
    unique({ fields: ['name'], name: 'u6', nulls_distinct: true, condition: Q({ flag: true }) }),
    'CREATE UNIQUE INDEX "u6" ON "shop_item" ("name") NULLS DISTINCT WHERE "flag"',
    'DROP INDEX IF EXISTS "u6"',
  ],
  [
    unique({ name: 'u7', condition: Q({ n__gt: 0n }) }, func('Lower', 'name'), F('n')),
    'CREATE UNIQUE INDEX "u7" ON "shop_item" ((LOWER("name")), "n") WHERE "n" > 0',
    'DROP INDEX IF EXISTS "u7"',
  ],
  [unique({ fields: ['name'], name: 'u8' }), 'ALTER TABLE "shop_item" ADD CONSTRAINT "u8" UNIQUE ("name")', 'ALTER TABLE "shop_item" DROP CONSTRAINT "u8"'],
  [check('c1', Q({ n__gt: 0n })), 'ALTER TABLE "shop_item" ADD CONSTRAINT "c1" CHECK ("n" > 0)', 'ALTER TABLE "shop_item" DROP CONSTRAINT "c1"'],
];

describe('Meta.constraints', () => {
  for (const [c, add, remove] of CONSTRAINTS) {
    it(`${c.name}: ${add.slice(add.indexOf(c.name) + c.name.length + 2)}`, () => {
      const item = getModel(thing(), 'shop.Item');
      apply(conn, (se) => se.createModel(item));
      expect(collectAndApply(conn, (se) => se.addConstraint(item, c))).toEqual([`${add};`]);
      expect(collectAndApply(conn, (se) => se.removeConstraint(item, c))).toEqual([`${remove};`]);
    });
  }

  it('inline in CREATE TABLE: plain unique and check constraints; unique indexes deferred', () => {
    const st = state([
      model(
        'shop',
        'Item',
        [
          ['id', fld('BigAutoField', { primary_key: true })],
          ['name', fld('CharField', { max_length: 10n })],
          ['n', fld('IntegerField')],
        ],
        {
          constraints: [
            unique({ fields: ['name'], name: 'u1', deferrable: 'deferred' }),
            unique({ fields: ['name'], name: 'u5', nulls_distinct: false }),
            check('c1', or(Q({ n__gt: 0n }), Q({ name: 'zero' }))),
          ],
        },
      ),
    ]);
    expect(collectAndApply(conn, (se) => se.createModel(getModel(st, 'shop.Item')))).toEqual([
      `CREATE TABLE "shop_item" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "name" varchar(10) NOT NULL, "n" integer NOT NULL, CONSTRAINT "u1" UNIQUE ("name") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "c1" CHECK (("n" > 0 OR "name" = 'zero')));`,
      'ALTER TABLE "shop_item" ADD CONSTRAINT "u5" UNIQUE NULLS NOT DISTINCT ("name");',
    ]);
  });

  it('with a db_default parameter in the table, constraints are deferred (create_sql)', () => {
    const st = state([
      model(
        'shop',
        'Item',
        [
          ['id', fld('BigAutoField', { primary_key: true })],
          ['n', fld('IntegerField', { db_default: 3n })],
        ],
        { constraints: [check('positive', Q({ n__gt: 0n }))] },
      ),
    ]);
    expect(collectAndApply(conn, (se) => se.createModel(getModel(st, 'shop.Item')))).toEqual([
      'CREATE TABLE "shop_item" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "n" integer DEFAULT 3 NOT NULL);',
      'ALTER TABLE "shop_item" ADD CONSTRAINT "positive" CHECK ("n" > 0);',
    ]);
  });
});

describe('07-meta-indexes-constraints 0002 and its reverse', () => {
  it('matches sqlmigrate shop 0002 (operation order of the migration)', () => {
    const base = [
      ['id', fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' })],
      ['name', fld('CharField', { max_length: 100n })],
      ['sku', fld('CharField', { max_length: 20n })],
      ['vendor', fld('CharField', { max_length: 50n })],
      ['price', fld('DecimalField', { decimal_places: 2n, max_digits: 8n })],
      ['discount_price', fld('DecimalField', { blank: true, decimal_places: 2n, max_digits: 8n, null: true })],
      ['stock', fld('IntegerField', { default: 0n })],
      ['is_active', fld('BooleanField', { default: true })],
      ['created', fld('DateTimeField', { auto_now_add: true })],
    ] as const;
    const st = state([
      model('shop', 'Product', base.map(([n, f]) => [n, f]), {
        db_table: 'shop_products',
        unique_together: [['vendor', 'sku']],
        indexes: [
          index({ fields: ['name'], name: 'product_name_idx' }),
          index({ fields: ['vendor', '-price'], name: 'vendor_price_idx' }),
          index({ fields: ['sku'], name: 'active_sku_idx', condition: Q({ is_active: true }) }),
          index({ fields: ['created', 'stock'], name: 'shop_produc_created_83dde3_idx' }),
          index({ name: 'product_lower_name_idx' }, func('Lower', 'name')),
        ],
        constraints: [
          unique({ fields: ['name'], condition: Q({ is_active: true }), name: 'unique_active_name' }),
          unique({ name: 'unique_lower_sku' }, func('Lower', 'sku')),
          check('price_non_negative', Q({ price__gte: 0n })),
          check('discount_below_price', Q({ discount_price__lt: F('price') })),
        ],
      }),
    ]);
    const product = getModel(st, 'shop.Product');
    apply(conn, (se) => se.createModel(product));
    const byName = (n: string) => product.indexes.find((i) => i.name === n)!;
    const cByName = (n: string) => product.constraints.find((c) => c.name === n)!;
    const stockIdx = index({ fields: ['stock'], name: 'stock_idx' });
    const stockCheck = check('stock_non_negative_when_active', or(Q({ stock__gte: 0n }), Q({ is_active: false })));
    // The 0002 migration: RemoveConstraint ×2, RemoveIndex ×2, RenameIndex, AlterUniqueTogether,
    // AddIndex, AddConstraint (as makemigrations ordered them).
    const forwards = collectAndApply(conn, (se) => {
      se.removeConstraint(product, cByName('unique_lower_sku'));
      se.removeConstraint(product, cByName('discount_below_price'));
      se.removeIndex(product, byName('active_sku_idx'));
      se.removeIndex(product, byName('product_lower_name_idx'));
      se.renameIndex(product, byName('product_name_idx'), index({ fields: ['name'], name: 'product_title_idx' }));
      se.alterUniqueTogether(product, [['vendor', 'sku']], [['vendor', 'sku', 'is_active']]);
      se.addIndex(product, stockIdx);
      se.addConstraint(product, stockCheck);
    });
    expect(forwards).toEqual([
      'DROP INDEX IF EXISTS "unique_lower_sku";',
      'ALTER TABLE "shop_products" DROP CONSTRAINT "discount_below_price";',
      'DROP INDEX IF EXISTS "active_sku_idx";',
      'DROP INDEX IF EXISTS "product_lower_name_idx";',
      'ALTER INDEX "product_name_idx" RENAME TO "product_title_idx";',
      'ALTER TABLE "shop_products" DROP CONSTRAINT "shop_products_vendor_sku_cf268cc5_uniq";',
      'ALTER TABLE "shop_products" ADD CONSTRAINT "shop_products_vendor_sku_is_active_0a538047_uniq" UNIQUE ("vendor", "sku", "is_active");',
      'CREATE INDEX "stock_idx" ON "shop_products" ("stock");',
      'ALTER TABLE "shop_products" ADD CONSTRAINT "stock_non_negative_when_active" CHECK (("stock" >= 0 OR NOT "is_active"));',
    ]);
    expect(catalog(conn, 'shop_products')).toContain(
      'constraint stock_non_negative_when_active CHECK (stock >= 0 OR NOT is_active)',
    );
    // sqlmigrate shop 0002 --backwards (operations reversed)
    const backwards = collectAndApply(conn, (se) => {
      se.removeConstraint(product, stockCheck);
      se.removeIndex(product, stockIdx);
      se.alterUniqueTogether(product, [['vendor', 'sku', 'is_active']], [['vendor', 'sku']]);
      se.renameIndex(product, index({ fields: ['name'], name: 'product_title_idx' }), byName('product_name_idx'));
      se.addIndex(product, byName('product_lower_name_idx'));
      se.addIndex(product, byName('active_sku_idx'));
      se.addConstraint(product, cByName('discount_below_price'));
      se.addConstraint(product, cByName('unique_lower_sku'));
    });
    expect(backwards).toEqual([
      'ALTER TABLE "shop_products" DROP CONSTRAINT "stock_non_negative_when_active";',
      'DROP INDEX IF EXISTS "stock_idx";',
      'ALTER TABLE "shop_products" DROP CONSTRAINT "shop_products_vendor_sku_is_active_0a538047_uniq";',
      'ALTER TABLE "shop_products" ADD CONSTRAINT "shop_products_vendor_sku_cf268cc5_uniq" UNIQUE ("vendor", "sku");',
      'ALTER INDEX "product_title_idx" RENAME TO "product_name_idx";',
      'CREATE INDEX "product_lower_name_idx" ON "shop_products" ((LOWER("name")));',
      'CREATE INDEX "active_sku_idx" ON "shop_products" ("sku") WHERE "is_active";',
      'ALTER TABLE "shop_products" ADD CONSTRAINT "discount_below_price" CHECK ("discount_price" < ("price"));',
      'CREATE UNIQUE INDEX "unique_lower_sku" ON "shop_products" ((LOWER("sku")));',
    ]);
  });
});
