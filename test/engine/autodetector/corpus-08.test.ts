import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { PyList } from '../../../src/engine/python/objects.ts';
import { SET_NULL } from '../../../src/engine/state/deletion.ts';
import { apply, autoId, char, detect, field, fk, m2m, model, o2o, ops, state, summary } from './helpers.ts';

const zoo = (timestamped: boolean, notes: boolean, loudBird: boolean) => {
  const ts = () => [
    ['created', field('DateTimeField', { auto_now_add: true })],
    ['modified', field('DateTimeField', { auto_now: true })],
    ...(notes ? [['notes', field('TextField', { blank: true, default: '' })]] : []),
  ] as [string, ReturnType<typeof char>][];
  const keeper = () => fk('zoo.keeper', { on_delete: SET_NULL, null: true, related_name: '%(app_label)s_%(class)s_set' });
  const opts = () => ({ ordering: new PyList(['-created']), abstract: false });
  void timestamped;
  const models = [
    model('zoo', 'Keeper', [['name', char(50)]]),
    model('zoo', 'Animal', [['id', autoId()], ...ts(), ['keeper', keeper()], ['name', char(50)]], opts()),
    model('zoo', 'Mammal', [['animal_ptr', o2o('zoo.animal', { auto_created: true, parent_link: true, primary_key: true, serialize: false })], ['fur_color', char(20)]], opts(), ['zoo.animal']),
    model('zoo', 'Dog', [['mammal_ptr', o2o('zoo.mammal', { auto_created: true, parent_link: true, primary_key: true, serialize: false })], ['breed', char(40)]], opts(), ['zoo.mammal']),
    model('zoo', 'Bird', [['animal_ptr', o2o('zoo.animal', { auto_created: true, parent_link: true, primary_key: true, serialize: false })], ['wingspan', field('FloatField')]], opts(), ['zoo.animal']),
    model('zoo', 'NocturnalAnimal', [], { ordering: new PyList(['name']), proxy: true }, ['zoo.animal']),
    model('zoo', 'Enclosure', [['id', autoId()], ...ts(), ['keeper', keeper()], ['label', char(20)], ['animals', m2m('zoo.animal', { blank: true })]], opts()),
    model('zoo', 'FeedSupplier', [['name', char(50)]], { managed: false, db_table: 'legacy_feed_supplier' }),
    ...(loudBird ? [model('zoo', 'LoudBird', [], { proxy: true }, ['zoo.bird'])] : []),
  ];
  return state(['zoo'], ...models);
};

test('08 step 1: initial migration with MTI, proxy, unmanaged', async () => {
  const changes = await detect(state(['zoo']), zoo(true, false, false));
  const s = summary(changes);
  expect(s).toEqual({
    zoo: [
      {
        name: '0001_initial',
        initial: true,
        deps: [],
        ops: [
          'Create model FeedSupplier',
          'Create model Animal',
          'Create model Keeper',
          'Create model Bird',
          'Create model Mammal',
          'Create proxy model NocturnalAnimal',
          'Create model Enclosure',
          'Add field keeper to animal',
          'Create model Dog',
        ],
      },
    ],
  });
  const o = ops(changes.get('zoo')![0]!.operations);
  expect(o[0]).toBe(
    "CreateModel(name='FeedSupplier', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=50))], options={'db_table': 'legacy_feed_supplier', 'managed': False})",
  );
  expect(o[5]).toBe("CreateModel(name='NocturnalAnimal', fields=[], options={'constraints': [], 'indexes': [], 'ordering': ['name'], 'proxy': True}, bases=('zoo.animal',))");
  expect(o[6]).toContain("('label', CharField(max_length=20)), ('animals', ManyToManyField(blank=True, to='zoo.animal')), ('keeper', ForeignKey(");
  // The options dict keeps from_model's order (the writer prints it as is).
  const proxyOptions = (changes.get('zoo')![0]!.operations[5] as unknown as { options: Map<string, unknown> }).options;
  expect([...proxyOptions.keys()]).toEqual(['ordering', 'proxy', 'indexes', 'constraints']);
});

test('08 step 2: a proxy and a field added to the abstract base', async () => {
  const before = await detect(state(['zoo']), zoo(true, false, false));
  const graph = new MigrationGraph();
  const from = apply(state(['zoo']), before, graph);
  const changes = await detect(from, zoo(true, true, true), { graph });
  expect(summary(changes)).toEqual({
    zoo: [
      {
        name: '0002_loudbird_animal_notes_enclosure_notes',
        initial: false,
        deps: ['zoo.0001_initial'],
        ops: ['Create proxy model LoudBird', 'Add field notes to animal', 'Add field notes to enclosure'],
      },
    ],
  });
  // Nothing left after applying it.
  const after = apply(from, changes, graph);
  expect((await detect(after, zoo(true, true, true), { graph })).size).toBe(0);
});
