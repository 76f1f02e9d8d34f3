import { describe, expect, it } from 'vitest';
import { layoutEr, layoutMigrations } from '../../src/app/pictures/layout.ts';
import type { RelationInfo } from '../../src/worker/protocol.ts';

const rel = (name: string, fks: string[] = []): RelationInfo => ({
  schema: 'public',
  name,
  kind: 'table',
  rows: 0,
  columns: [{ name: 'id', type: 'bigint', nullable: false, default: null, identity: 'by default', pk: true, references: null }, ...fks.map((f) => ({ name: `${f}_id`, type: 'bigint', nullable: false, default: null, identity: null, pk: false, references: `public.${f}.id` }))],
  indexes: [],
  constraints: [],
  foreignKeys: fks.map((f) => ({ name: `fk_${f}`, columns: [`${f}_id`], targetSchema: 'public', targetTable: f, targetColumns: ['id'] })),
  definition: null,
});

describe('ER layout', () => {
  it('puts referenced tables left of the tables pointing at them', () => {
    const l = layoutEr([rel('catalog_category'), rel('catalog_product', ['catalog_category']), rel('sale_sale', ['catalog_product'])]);
    const x = (n: string) => l.boxes.find((b) => b.relation.name === n)!.x;
    expect(x('catalog_category')).toBeLessThan(x('catalog_product'));
    expect(x('catalog_product')).toBeLessThan(x('sale_sale'));
    expect(l.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['public.catalog_product->public.catalog_category', 'public.sale_sale->public.catalog_product']);
  });
});

describe('migration graph layout', () => {
  it('ranks by dependencies and gives each app a lane; branches stack', () => {
    const node = (app: string, name: string, extra = {}) => ({ app, name, applied: true, replaces: [], replacing: false, replaced: false, path: null, ...extra });
    const l = layoutMigrations({
      apps: ['catalog', 'sale'],
      nodes: [node('catalog', '0001_initial'), node('catalog', '0002_a'), node('catalog', '0002_b'), node('sale', '0001_initial')],
      edges: [
        ['catalog.0002_a', 'catalog.0001_initial'],
        ['catalog.0002_b', 'catalog.0001_initial'],
        ['sale.0001_initial', 'catalog.0001_initial'],
      ],
      error: null,
    });
    const n = (k: string) => l.nodes.find((x) => x.key === k)!;
    expect(n('catalog.0001_initial').x).toBeLessThan(n('catalog.0002_a').x);
    expect(n('catalog.0002_a').y).not.toBe(n('catalog.0002_b').y);
    expect(l.lanes.map((x) => x.app)).toEqual(['catalog', 'sale']);
    expect(n('sale.0001_initial').y).toBeGreaterThan(l.lanes[1]!.y);
    expect(l.edges).toHaveLength(3);
  });
});
