/**
 * 24/25/26 move-model: catalog.Product moves to a new app `product`. In one makemigrations run
 * Django splits catalog into 0002_remove_product_category + 0003_delete_product, product 0001
 * depends on catalog's first new migration, sale 0002 on product 0001.
 */
import { describe, expect, test } from 'vitest';
import { MigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { PROTECT } from '../../../src/engine/state/deletion.ts';
import { apply, char, detect, field, fk, model, ops, state, summary } from './helpers.ts';

const APPS = ['catalog', 'sale', 'product'];
const category = () => model('catalog', 'Category', [['name', char(100)]]);
const catalogProduct = () => model('catalog', 'Product', [['name', char(100, { db_index: true })], ['category', fk('catalog.category')]]);
const sale = (to: string) => model('sale', 'Sale', [['created', field('DateTimeField')], ['product', fk(to, { on_delete: PROTECT })]]);
const questioner = (specified: string[] = []) => new MigrationQuestioner({ specifiedApps: specified, migrationsModule: () => ({ files: ['__init__.py'] }) });

async function initial() {
  const graph = new MigrationGraph();
  const c = await detect(state(APPS), state(APPS, category(), catalogProduct(), sale('catalog.product')), { graph, questioner: questioner() });
  expect(summary(c)).toEqual({
    catalog: [{ name: '0001_initial', initial: true, deps: [], ops: ['Create model Category', 'Create model Product'] }],
    sale: [{ name: '0001_initial', initial: true, deps: ['catalog.0001_initial'], ops: ['Create model Sale'] }],
  });
  return { graph, history: apply(state(APPS), c, graph) };
}

describe('25/26: everything in one run', () => {
  test('catalog 0002 + 0003, product 0001, sale 0002', async () => {
    const { graph, history } = await initial();
    const to = state(
      APPS,
      category(),
      model('product', 'Product', [['name', char(100, { db_index: true })], ['category', fk('catalog.category')]], { db_table: 'catalog_product' }),
      sale('product.product'),
    );
    const c = await detect(history, to, { graph, questioner: questioner() });
    expect(summary(c)).toEqual({
      catalog: [
        { name: '0002_remove_product_category', initial: false, deps: ['catalog.0001_initial'], ops: ['Remove field category from product'] },
        { name: '0003_delete_product', initial: false, deps: ['catalog.0002_remove_product_category', 'sale.0002_alter_sale_product'], ops: ['Delete model Product'] },
      ],
      product: [{ name: '0001_initial', initial: true, deps: ['catalog.0002_remove_product_category'], ops: ['Create model Product'] }],
      sale: [{ name: '0002_alter_sale_product', initial: false, deps: ['product.0001_initial', 'sale.0001_initial'], ops: ['Alter field product on sale'] }],
    });
    expect(ops(c.get('sale')![0]!.operations)).toEqual(["AlterField(model_name='sale', name='product', field=ForeignKey(on_delete=PROTECT, to='product.product'))"]);
    expect(ops(c.get('product')![0]!.operations)[0]).toContain("options={'db_table': 'catalog_product'}");
    const after = apply(history, c, graph);
    expect((await detect(after, to, { graph, questioner: questioner() })).size).toBe(0);
  });
});

describe('24: step by step', () => {
  test('makemigrations product, then sale, then catalog', async () => {
    const { graph, history } = await initial();
    const newProduct = (related: boolean) =>
      model('product', 'Product', [['name', char(100, { db_index: true })], ['category', fk('catalog.category', related ? { related_name: '+' } : {})]]);
    const to1 = state(APPS, category(), catalogProduct(), sale('catalog.product'), newProduct(true));
    const c1 = await detect(history, to1, { graph, questioner: questioner(['product']), trimToApps: ['product'] });
    expect(summary(c1)).toEqual({ product: [{ name: '0001_initial', initial: true, deps: ['catalog.0001_initial'], ops: ['Create model Product'] }] });
    let h = apply(history, c1, graph);

    const to2 = state(APPS, category(), catalogProduct(), sale('product.product'), newProduct(true));
    const c2 = await detect(h, to2, { graph, questioner: questioner(['sale']), trimToApps: ['sale'] });
    expect(summary(c2)).toEqual({
      sale: [{ name: '0002_alter_sale_product', initial: false, deps: ['product.0001_initial', 'sale.0001_initial'], ops: ['Alter field product on sale'] }],
    });
    h = apply(h, c2, graph);

    const to3 = state(APPS, category(), sale('product.product'), newProduct(true));
    const c3 = await detect(h, to3, { graph, questioner: questioner(['catalog']), trimToApps: ['catalog'] });
    expect(summary(c3)).toEqual({ catalog: [{ name: '0002_delete_product', initial: false, deps: ['catalog.0001_initial'], ops: ['Delete model Product'] }] });
    h = apply(h, c3, graph);

    const c4 = await detect(h, state(APPS, category(), sale('product.product'), newProduct(false)), { graph, questioner: questioner() });
    expect(summary(c4)).toEqual({
      product: [{ name: '0002_alter_product_category', initial: false, deps: ['catalog.0002_delete_product', 'product.0001_initial'], ops: ['Alter field category on product'] }],
    });
  });
});
