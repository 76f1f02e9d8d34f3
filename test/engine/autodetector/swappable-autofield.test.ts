/** 33 (FK to settings.AUTH_USER_MODEL), a custom user model created in the same run, and 03 (AutoField → BigAutoField). */
import { expect, test } from 'vitest';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { SET_NULL } from '../../../src/engine/state/deletion.ts';
import { SettingsReference } from '../../../src/engine/state/fields/related.ts';
import { makeField } from '../../../src/engine/state/fields/registry.ts';
import { CASCADE } from '../../../src/engine/state/deletion.ts';
import { apply, char, detect, field, fk, graphOf, model, ops, state, summary } from './helpers.ts';

const authUser = () => model('auth', 'User', [['username', char(150, { unique: true })]], { swappable: 'AUTH_USER_MODEL' });

test('33: swappable dependency on AUTH_USER_MODEL', async () => {
  const graph = graphOf('auth.0001_initial', 'auth.0012_alter_user_first_name_max_length');
  const from = state(['auth', 'polls'], authUser());
  const to = state(
    ['auth', 'polls'],
    authUser(),
    model('polls', 'Question', [
      ['question_text', char(200)],
      ['pub_date', field('DateTimeField', { verbose_name: 'date published' })],
      ['author', makeField('ForeignKey', { to: new SettingsReference('auth.user', 'AUTH_USER_MODEL'), on_delete: CASCADE, related_name: 'questions' })],
    ]),
  );
  const c = await detect(from, to, { graph, swappableSettingFor: (l) => (l === 'auth.user' ? 'AUTH_USER_MODEL' : null) });
  expect(summary(c)).toEqual({ polls: [{ name: '0001_initial', initial: true, deps: ['settings.AUTH_USER_MODEL'], ops: ['Create model Question'] }] });
  const d = c.get('polls')![0]!.dependencies[0]!;
  expect([d.appLabel, d.name, d.swappableSetting, d.settingName]).toEqual(['auth', '__first__', 'auth.User', 'AUTH_USER_MODEL']);
  expect(ops(c.get('polls')![0]!.operations)[0]).toContain("('author', ForeignKey(on_delete=CASCADE, related_name='questions', to='auth.user'))");
});

test('custom user model created in the same run (recorded from Django)', async () => {
  const to = state(
    ['accounts', 'blog'],
    model('blog', 'Post', [['title', char(10)], ['author', fk('accounts.user')]]),
    model('accounts', 'User', [['username', char(10)], ['fav', fk('blog.post', { on_delete: SET_NULL, null: true })]]),
    model('accounts', 'Group', [['owner', fk('accounts.user')]]),
  );
  const c = await detect(state(['accounts', 'blog']), to, {
    settings: { AUTH_USER_MODEL: 'accounts.User' },
    swappableSettingFor: (l) => (l === 'accounts.user' ? 'AUTH_USER_MODEL' : null),
  });
  expect(summary(c)).toEqual({
    accounts: [
      { name: '0001_initial', initial: true, deps: [], ops: ['Create model User', 'Create model Group'] },
      { name: '0002_initial', initial: true, deps: ['accounts.0001_initial', 'blog.0001_initial'], ops: ['Add field fav to user', 'Add field owner to group'] },
    ],
    blog: [{ name: '0001_initial', initial: true, deps: ['settings.AUTH_USER_MODEL'], ops: ['Create model Post'] }],
  });
});

test('03: DEFAULT_AUTO_FIELD changed to BigAutoField', async () => {
  const id = (cls: string) => makeField(cls, { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });
  const events = (cls: string) =>
    state(['events', 'tickets'], model('events', 'Event', [['id', id(cls)], ['name', char(100)], ['starts', field('DateTimeField')]]), model('tickets', 'Ticket', [['event', fk('events.event')], ['seat', char(10)]]));
  const graph = new MigrationGraph();
  const c1 = await detect(state(['events', 'tickets']), events('AutoField'), { graph });
  expect(summary(c1)).toEqual({
    events: [{ name: '0001_initial', initial: true, deps: [], ops: ['Create model Event'] }],
    tickets: [{ name: '0001_initial', initial: true, deps: ['events.0001_initial'], ops: ['Create model Ticket'] }],
  });
  const history = apply(state(['events', 'tickets']), c1, graph);
  const c2 = await detect(history, events('BigAutoField'), { graph });
  expect(summary(c2)).toEqual({ events: [{ name: '0002_alter_event_id', initial: false, deps: ['events.0001_initial'], ops: ['Alter field id on event'] }] });
  expect(ops(c2.get('events')![0]!.operations)).toEqual([
    "AlterField(model_name='event', name='id', field=BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID'))",
  ]);
});
