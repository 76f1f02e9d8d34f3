/**
 * ProjectState keeps its rendered registry up to date incrementally: after any sequence of
 * mutations it must describe the same models a full render of the final state describes.
 */
import { describe, expect, test } from 'vitest';
import { CASCADE } from '../../../src/engine/state/deletion.ts';
import { FIELD_CLASSES, makeField } from '../../../src/engine/state/fields/registry.ts';
import type { Apps } from '../../../src/engine/state/apps.ts';
import type { ManyToManyRel } from '../../../src/engine/state/fields/related.ts';
import { ModelState } from '../../../src/engine/state/model-state.ts';
import { ProjectState } from '../../../src/engine/state/project-state.ts';

const config = { appLabels: ['shop'], defaultAutoField: () => FIELD_CLASSES.get('BigAutoField')! };

const id = () => makeField('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });

/** A comparable summary of a registry: tables, columns, relation targets. */
function describeApps(apps: Apps): string[] {
  const out: string[] = [];
  for (const m of [...apps.models.values()].sort((a, b) => a.labelLower.localeCompare(b.labelLower))) {
    const cols = m.localFields.map((f) => `${f.column}${f.remoteField ? `->${f.remoteField.remoteModel?.labelLower}` : ''}`);
    const m2m = m.localManyToMany.map((f) => `${f.name}~${(f.remoteField as ManyToManyRel).throughModel?.dbTable}`);
    out.push(`${m.labelLower} ${m.dbTable} [${cols.join(', ')}] [${m2m.join(', ')}] pk=${m.pk?.name}`);
  }
  return out;
}

describe('ProjectState incremental rendering', () => {
  test('matches a full render after adds, renames, alters and removals', () => {
    const s = new ProjectState(config);
    void s.apps; // render early so every mutation goes through reloadModels
    s.addModel(new ModelState('shop', 'Category', [['id', id()], ['name', makeField('CharField', { max_length: 10n })]]));
    s.addModel(
      new ModelState('shop', 'Product', [
        ['id', id()],
        ['category', makeField('ForeignKey', { to: 'shop.category', on_delete: CASCADE })],
      ]),
    );
    s.addModel(new ModelState('shop', 'Sale', [['id', id()], ['product', makeField('ForeignKey', { to: 'shop.product', on_delete: CASCADE })]]));
    s.addField('shop', 'product', 'tags', makeField('ManyToManyField', { to: 'shop.category' }), true);
    s.renameModel('shop', 'Category', 'Kind');
    s.renameField('shop', 'product', 'category', 'kind');
    s.alterField('shop', 'sale', 'product', makeField('ForeignKey', { to: 'shop.product', on_delete: CASCADE, null: true }), true);
    s.alterModelOptions('shop', 'product', new Map([['db_table', 'catalog_product']]));
    s.removeField('shop', 'product', 'tags');

    const full = new ProjectState(config, new Map(s.models));
    expect(describeApps(s.apps)).toEqual(describeApps(full.apps));
    expect(describeApps(s.apps)).toEqual([
      'shop.kind shop_kind [id, name] [] pk=id',
      'shop.product catalog_product [id, kind_id->shop.kind] [] pk=id',
      'shop.sale shop_sale [id, product_id->shop.product] [] pk=id',
    ]);
  });

  test('clones share untouched models and keep their own view of changed ones', () => {
    const s = new ProjectState(config);
    s.addModel(new ModelState('shop', 'A', [['id', id()]]));
    s.addModel(new ModelState('shop', 'B', [['id', id()], ['a', makeField('ForeignKey', { to: 'shop.a', on_delete: CASCADE })]]));
    void s.apps;
    const before = s.clone();
    s.addField('shop', 'a', 'name', makeField('CharField', { max_length: 5n }), true);
    expect(before.apps.getModel('shop', 'A').localFields.map((f) => f.name)).toEqual(['id']);
    expect(s.apps.getModel('shop', 'A').localFields.map((f) => f.name)).toEqual(['id', 'name']);
    // B was re-bound to the new A in the new registry, and still points at the old A in the clone.
    expect(s.apps.getModel('shop', 'B').getField('a').remoteField!.remoteModel).toBe(s.apps.getModel('shop', 'A'));
    expect(before.apps.getModel('shop', 'B').getField('a').remoteField!.remoteModel).toBe(before.apps.getModel('shop', 'A'));
  });

  test('auto-created M2M through models follow Django naming', () => {
    const s = new ProjectState(config);
    s.addModel(new ModelState('shop', 'Tag', [['id', id()]]));
    s.addModel(new ModelState('shop', 'Note', [['id', id()], ['tags', makeField('ManyToManyField', { to: 'shop.tag' })], ['links', makeField('ManyToManyField', { to: 'self' })]]));
    const note = s.apps.getModel('shop', 'Note');
    const through = (name: string) => (note.getField(name).remoteField as ManyToManyRel).throughModel!;
    expect(through('tags').dbTable).toBe('shop_note_tags');
    expect(through('tags').localFields.map((f) => f.column)).toEqual(['id', 'note_id', 'tag_id']);
    expect(through('links').localFields.map((f) => f.column)).toEqual(['id', 'from_note_id', 'to_note_id']);
  });
});
