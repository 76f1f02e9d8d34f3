/** 07-meta-indexes-constraints: indexes (named, functional, unnamed), constraints, RenameIndex. */
import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { PyList, type PyValue, call } from '../../../src/engine/python/objects.ts';
import { FClass, FUNCTION_CLASSES, Q } from '../../../src/engine/state/expressions.ts';
import { Index, IndexClass } from '../../../src/engine/state/indexes.ts';
import { PyTuple } from '../../../src/engine/python/objects.ts';
import { UniqueConstraintClass } from '../../../src/engine/state/constraints.ts';
import { apply, char, check, detect, field, index, int, model, ops, q, state, summary, together, uniqueConstraint } from './helpers.ts';

const Lower = (name: string) => call(FUNCTION_CLASSES.get('Lower')!, [name]);
const F = (name: string) => call(FClass, [name]);

const product = (step: number) => {
  const fields = [
    ['name', char(100)],
    ['sku', char(20)],
    ['vendor', char(50)],
    ['price', field('DecimalField', { max_digits: 8n, decimal_places: 2n })],
    ['discount_price', field('DecimalField', { max_digits: 8n, decimal_places: 2n, null: true, blank: true })],
    ['stock', int({ default: 0n })],
    ['is_active', field('BooleanField', { default: true })],
    ['created', field('DateTimeField', { auto_now_add: true })],
  ] as [string, ReturnType<typeof char>][];
  const unnamed = index(['created', 'stock'], 'shop_produc_created_83dde3_idx');
  const opts: Record<string, PyValue> =
    step === 0
      ? {
          verbose_name: 'product',
          verbose_name_plural: 'products',
          db_table: 'shop_products',
          ordering: new PyList(['-created', 'name']),
          unique_together: together(['vendor', 'sku']),
          indexes: new PyList([
            index(['name'], 'product_name_idx'),
            index(['vendor', '-price'], 'vendor_price_idx'),
            new Index(IndexClass, [], new Map<string, PyValue>([['fields', new PyList(['sku'])], ['name', 'active_sku_idx'], ['condition', q('is_active', true)]])),
            unnamed,
            new Index(IndexClass, [Lower('name')], new Map<string, PyValue>([['name', 'product_lower_name_idx']])),
          ]),
          constraints: new PyList([
            uniqueConstraint(['name'], 'unique_active_name', { condition: q('is_active', true) }),
            uniqueLower(),
            check(q('price__gte', 0n), 'price_non_negative'),
            check(q('discount_price__lt', F('price')), 'discount_below_price'),
          ]),
        }
      : {
          verbose_name: 'product',
          verbose_name_plural: 'products',
          db_table: 'shop_products',
          ordering: new PyList(['name']),
          unique_together: together(['vendor', 'sku', 'is_active']),
          indexes: new PyList([index(['name'], 'product_title_idx'), index(['vendor', '-price'], 'vendor_price_idx'), unnamed, index(['stock'], 'stock_idx')]),
          constraints: new PyList([
            uniqueConstraint(['name'], 'unique_active_name', { condition: q('is_active', true) }),
            check(q('price__gte', 0n), 'price_non_negative'),
            check(new Q([new PyTuple(['stock__gte', 0n]), new PyTuple(['is_active', false])], 'OR'), 'stock_non_negative_when_active'),
          ]),
        };
  return state(['shop'], model('shop', 'Product', fields, opts));
};

function uniqueLower() {
  return uniqueConstraintExpr(Lower('sku'), 'unique_lower_sku');
}
function uniqueConstraintExpr(expr: PyValue, name: string) {
  return uniqueConstraintWith([expr], name);
}
function uniqueConstraintWith(args: PyValue[], name: string) {
  return call(UniqueConstraintClass, args, new Map<string, PyValue>([['name', name]])) as never;
}

test('07-meta-indexes-constraints', async () => {
  const graph = new MigrationGraph();
  const c1 = await detect(state(['shop']), product(0), { graph });
  expect(summary(c1).shop![0]!.ops).toEqual(['Create model Product']);
  // Indexes, constraints and unique_together are folded back into the CreateModel options, in this order.
  const options = (c1.get('shop')![0]!.operations[0] as unknown as { options: Map<string, PyValue> }).options;
  expect([...options.keys()]).toEqual(['verbose_name', 'verbose_name_plural', 'db_table', 'ordering', 'indexes', 'constraints', 'unique_together']);
  const history = apply(state(['shop']), c1, graph);

  const c2 = await detect(history, product(1), { graph });
  expect(summary(c2)).toEqual({
    shop: [
      {
        name: '0002_alter_product_options_and_more',
        initial: false,
        deps: ['shop.0001_initial'],
        ops: [
          'Change Meta options on product',
          'Remove constraint unique_lower_sku from model product',
          'Remove constraint discount_below_price from model product',
          'Remove index active_sku_idx from product',
          'Remove index product_lower_name_idx from product',
          'Rename index product_name_idx on product to product_title_idx',
          'Alter unique_together for product (1 constraint(s))',
          'Create index stock_idx on field(s) stock of model product',
          'Create constraint stock_non_negative_when_active on model product',
        ],
      },
    ],
  });
  expect(ops(c2.get('shop')![0]!.operations).slice(0, 1)).toEqual([
    "AlterModelOptions(name='product', options={'ordering': ['name'], 'verbose_name': 'product', 'verbose_name_plural': 'products'})",
  ]);
  expect(ops(c2.get('shop')![0]!.operations)[5]).toBe("RenameIndex(model_name='product', new_name='product_title_idx', old_name='product_name_idx')");
  const after = apply(history, c2, graph);
  expect((await detect(after, product(1), { graph })).size).toBe(0);
});
