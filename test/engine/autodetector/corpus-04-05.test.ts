/** 04-foreign-keys (cross-app order, to_field, self FKs) and 05-one-to-one-many-to-many (through, M2M to self). */
import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { DO_NOTHING, PROTECT, RESTRICT, SET_DEFAULT, SET_NULL } from '../../../src/engine/state/deletion.ts';
import { apply, char, detect, field, fk, int, m2m, model, o2o, ops, state, summary, together } from './helpers.ts';

test('04-foreign-keys: geo first (crm depends on it), FK kwargs', async () => {
  const to = state(
    ['geo', 'crm'],
    model('crm', 'Company', [
      ['name', char(100)],
      ['code', char(10, { unique: true })],
      ['parent', fk('crm.company', { null: true, blank: true, on_delete: SET_NULL, related_name: 'subsidiaries' })],
    ]),
    model('crm', 'Contact', [
      ['name', char(100)],
      ['company', fk('crm.company', { related_name: 'contacts' })],
      ['supplier', fk('crm.company', { to_field: 'code', on_delete: PROTECT, related_name: '+', db_column: 'supplier_code' })],
      ['manager', fk('crm.contact', { on_delete: DO_NOTHING, null: true, blank: true })],
      ['referred_by', fk('crm.contact', { on_delete: SET_NULL, null: true, blank: true, related_name: 'referrals' })],
      ['region', fk('geo.region', { on_delete: RESTRICT })],
      ['country', fk('geo.country', { on_delete: SET_DEFAULT, default: 1n })],
      ['home_region', fk('geo.region', { related_name: 'residents', db_index: false })],
      ['legacy_company', fk('crm.company', { on_delete: DO_NOTHING, db_constraint: false, null: true, related_name: '+' })],
    ]),
    model('geo', 'Country', [['name', char(60, { unique: true })], ['iso', char(2, { unique: true })]]),
    model('geo', 'Region', [['name', char(60)], ['country', fk('geo.country', { related_name: 'regions' })]]),
  );
  const graph = new MigrationGraph();
  const c = await detect(state(['geo', 'crm']), to, { graph });
  expect(summary(c)).toEqual({
    geo: [{ name: '0001_initial', initial: true, deps: [], ops: ['Create model Country', 'Create model Region'] }],
    crm: [{ name: '0001_initial', initial: true, deps: ['geo.0001_initial'], ops: ['Create model Company', 'Create model Contact'] }],
  });
  expect([...c.keys()]).toEqual(['geo', 'crm']);
  expect(ops(c.get('crm')![0]!.operations)[1]).toBe(
    "CreateModel(name='Contact', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=100)), " +
      "('company', ForeignKey(on_delete=CASCADE, related_name='contacts', to='crm.company')), ('country', ForeignKey(default=1, on_delete=SET_DEFAULT, to='geo.country')), " +
      "('home_region', ForeignKey(db_index=False, on_delete=CASCADE, related_name='residents', to='geo.region')), " +
      "('legacy_company', ForeignKey(db_constraint=False, null=True, on_delete=DO_NOTHING, related_name='+', to='crm.company')), " +
      "('manager', ForeignKey(blank=True, null=True, on_delete=DO_NOTHING, to='crm.contact')), " +
      "('referred_by', ForeignKey(blank=True, null=True, on_delete=SET_NULL, related_name='referrals', to='crm.contact')), " +
      "('region', ForeignKey(on_delete=RESTRICT, to='geo.region')), " +
      "('supplier', ForeignKey(db_column='supplier_code', on_delete=PROTECT, related_name='+', to='crm.company', to_field='code'))])",
  );
  const history = apply(state(['geo', 'crm']), c, graph);
  expect((await detect(history, to, { graph })).size).toBe(0);
});

const blog = (step: number) =>
  state(
    ['blog'],
    model('blog', 'Author', [['name', char(100)], ['follows', m2m('blog.author', { symmetrical: false, related_name: 'followers', blank: true })]]),
    model('blog', 'Profile', [['author', o2o('blog.author', { related_name: 'profile' })], ['bio', field('TextField', { blank: true })]]),
    model('blog', 'AuthorStats', [['author', o2o('blog.author', { primary_key: true, serialize: false })], ['post_count', int({ default: 0n })]]),
    model('blog', 'Tag', [['name', field('SlugField', { unique: true })]]),
    ...(step ? [model('blog', 'Category', [['name', char(50)]])] : []),
    model('blog', 'Post', [
      ['title', char(200)],
      ['author', fk('blog.author', { related_name: 'posts' })],
      ['tags', m2m('blog.tag', { blank: true, related_name: 'posts' })],
      ...(step ? [['categories', m2m('blog.category', { related_name: 'posts' })] as [string, ReturnType<typeof m2m>]] : [['related', m2m('blog.post', { blank: true })] as [string, ReturnType<typeof m2m>]]),
      ['contributors', m2m('blog.author', { through: 'blog.Contribution', related_name: 'contributed_posts' })],
      ['watchers', m2m('blog.author', { db_table: 'blog_post_watchers_link', related_name: 'watched_posts' })],
    ]),
    model(
      'blog',
      'Contribution',
      [['post', fk('blog.post')], ['author', fk('blog.author')], ['role', char(30)], ['added', field('DateField', { auto_now_add: true })]],
      { unique_together: together(['post', 'author']) },
    ),
  );

test('05-one-to-one-many-to-many', async () => {
  const graph = new MigrationGraph();
  const c = await detect(state(['blog']), blog(0), { graph });
  expect(summary(c).blog![0]!.ops).toEqual([
    'Create model Author',
    'Create model Tag',
    'Create model AuthorStats',
    'Create model Contribution',
    'Create model Post',
    'Add field post to contribution',
    'Create model Profile',
    'Alter unique_together for contribution (1 constraint(s))',
  ]);
  const o = ops(c.get('blog')![0]!.operations);
  expect(o[4]).toBe(
    "CreateModel(name='Post', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('title', CharField(max_length=200)), " +
      "('author', ForeignKey(on_delete=CASCADE, related_name='posts', to='blog.author')), " +
      "('contributors', ManyToManyField(related_name='contributed_posts', through='blog.Contribution', to='blog.author')), " +
      "('related', ManyToManyField(blank=True, to='blog.post')), " +
      "('watchers', ManyToManyField(db_table='blog_post_watchers_link', related_name='watched_posts', to='blog.author')), " +
      "('tags', ManyToManyField(blank=True, related_name='posts', to='blog.tag'))])",
  );
  expect(o[2]).toBe(
    "CreateModel(name='AuthorStats', fields=[('author', OneToOneField(on_delete=CASCADE, primary_key=True, serialize=False, to='blog.author')), ('post_count', IntegerField(default=0))])",
  );
  let history = apply(state(['blog']), c, graph);
  const c2 = await detect(history, blog(1), { graph });
  expect(summary(c2).blog).toEqual([
    {
      name: '0002_category_remove_post_related_post_categories',
      initial: false,
      deps: ['blog.0001_initial'],
      ops: ['Create model Category', 'Remove field related from post', 'Add field categories to post'],
    },
  ]);
  history = apply(history, c2, graph);
  expect((await detect(history, blog(1), { graph })).size).toBe(0);
});
