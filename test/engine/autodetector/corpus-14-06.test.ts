/**
 * 14-migration-names (automatic names, _and_more, --name, --empty via arrangeForGraph) and
 * 06-cross-app-circular (circular FKs between two apps split into 0001 + 0002, trimmed to an app).
 */
import { describe, expect, test } from 'vitest';
import { MigrationAutodetector } from '../../../src/engine/autodetector/autodetector.ts';
import { InteractiveMigrationQuestioner, MigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { Migration } from '../../../src/engine/migrations/migration.ts';
import { PyList, type PyValue } from '../../../src/engine/python/objects.ts';
import { SET_NULL } from '../../../src/engine/state/deletion.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { ScriptedIO, apply, char, check, detect, field, fk, index, int, m2m, model, ops, q, state, summary } from './helpers.ts';

describe('14-migration-names', () => {
  const notes = (step: number) => {
    const models = [];
    const folderName = step >= 12 ? 'Notebook' : 'Folder';
    if (step >= 5) models.push(model('notes', folderName, [['name', char(50)]]));
    if (step >= 6 && step < 11) models.push(model('notes', 'Tag', [['name', char(30)]]));
    const f: [string, Field][] = [['title', char(step >= 4 ? 200 : 100)], ['body', field('TextField')]];
    if (step >= 1) f.push(['pinned', field('BooleanField', { default: false })]);
    if (step >= 2 && step < 3) f.push(['color', char(20, { default: 'yellow' })]);
    if (step >= 2 && step < 6) f.push(['priority', int({ default: 0n })]);
    if (step >= 5) f.push(['folder', fk(`notes.${folderName.toLowerCase()}`, { on_delete: SET_NULL, null: true, blank: true })]);
    if (step >= 6) f.push(['archived', field('BooleanField', { default: false })]);
    if (step >= 7) f.push(['archived_at', field('DateTimeField', { null: true, blank: true })]);
    if (step >= 6 && step < 11) f.push(['tags', m2m('notes.tag', { blank: true })]);
    const options: Record<string, PyValue> = {};
    if (step >= 6) options['ordering'] = new PyList(['-pinned', 'title']);
    if (step >= 10) options['verbose_name'] = 'sticky note';
    if (step >= 13) options['indexes'] = new PyList([index(['title'], 'note_title_idx')]);
    if (step >= 14) options['constraints'] = new PyList([check(q('title', '', true), 'title_not_empty')]);
    models.push(model('notes', 'Note', f, options));
    return state(['notes'], ...models);
  };
  const graph = new MigrationGraph();
  let history = state(['notes']);
  const run = async (step: number, expected: string, opts: { answers?: string[]; name?: string } = {}) => {
    const io = new ScriptedIO(opts.answers ?? []);
    const questioner = new InteractiveMigrationQuestioner({ io, evaluate: () => 0n, defaults: { ask_initial: true } });
    const c = await detect(history, notes(step), { graph, questioner, migrationName: opts.name });
    expect(c.get('notes')!.map((m) => m.name)).toEqual([expected]);
    history = apply(history, c, graph);
    return { changes: c, output: io.output };
  };

  test('automatic names', async () => {
    await run(0, '0001_initial');
    await run(1, '0002_note_pinned');
    await run(2, '0003_note_color_note_priority');
    await run(3, '0004_remove_note_color');
    await run(4, '0005_alter_note_title');
    const c6 = await run(5, '0006_folder_note_folder');
    expect(c6.changes.get('notes')![0]!.operations.map((o) => o.describe())).toEqual(['Create model Folder', 'Add field folder to note']);
    const c7 = await run(6, '0007_tag_alter_note_options_remove_note_priority_and_more');
    expect(ops(c7.changes.get('notes')![0]!.operations)).toEqual([
      "CreateModel(name='Tag', fields=[('id', BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')), ('name', CharField(max_length=30))])",
      "AlterModelOptions(name='note', options={'ordering': ['-pinned', 'title']})",
      "RemoveField(model_name='note', name='priority')",
      "AddField(model_name='note', name='archived', field=BooleanField(default=False))",
      "AddField(model_name='note', name='tags', field=ManyToManyField(blank=True, to='notes.tag'))",
    ]);
  });

  test('--name, --empty', async () => {
    await run(7, '0008_add_archive_flag', { name: 'add_archive_flag' });
    // makemigrations --empty notes: an empty Migration arranged for the graph.
    const ad = new MigrationAutodetector(history, history, new MigrationQuestioner({ specifiedApps: ['notes'] }), { timestamp: '20260102_0304' });
    const empty = await ad.arrangeForGraph(new Map([['notes', [new Migration('custom', 'notes')]]]), graph);
    expect(empty.get('notes')!.map((m) => [m.name, m.dependencies.map((d) => d.key)])).toEqual([['0009_auto_20260102_0304', ['notes.0008_add_archive_flag']]]);
    apply(history, empty, graph);
    const named = await ad.arrangeForGraph(new Map([['notes', [new Migration('custom', 'notes')]]]), graph, 'cleanup');
    expect(named.get('notes')![0]!.name).toBe('0010_cleanup');
    apply(history, named, graph);
  });

  test('options, delete, rename model, index, constraint', async () => {
    const c11 = await run(10, '0011_alter_note_options');
    expect(ops(c11.changes.get('notes')![0]!.operations)).toEqual(["AlterModelOptions(name='note', options={'ordering': ['-pinned', 'title'], 'verbose_name': 'sticky note'})"]);
    await run(11, '0012_remove_note_tags_delete_tag');
    const c13 = await run(12, '0013_rename_folder_notebook', { answers: ['y'] });
    expect(c13.output).toBe('Was the model notes.Folder renamed to Notebook? [y/N] ');
    expect(ops(c13.changes.get('notes')![0]!.operations)).toEqual(["RenameModel(old_name='Folder', new_name='Notebook')"]);
    await run(13, '0014_note_note_title_idx');
    const c15 = await run(14, '0015_note_title_not_empty');
    expect(c15.changes.get('notes')![0]!.operations.map((o) => o.describe())).toEqual(['Create constraint title_not_empty on model note']);
    expect((await detect(history, notes(14), { graph })).size).toBe(0);
  });
});

describe('06-cross-app-circular', () => {
  const apps = () =>
    state(
      ['accounts', 'teams'],
      model('accounts', 'Member', [
        ['username', char(30, { unique: true })],
        ['team', fk('teams.team', { on_delete: SET_NULL, null: true, blank: true, related_name: 'members' })],
      ]),
      model('teams', 'Team', [
        ['name', char(50)],
        ['captain', fk('accounts.member', { on_delete: SET_NULL, null: true, blank: true, related_name: 'captained_teams' })],
      ]),
    );

  test('makemigrations teams writes both apps, accounts split in two', async () => {
    const questioner = new MigrationQuestioner({ specifiedApps: ['teams'], migrationsModule: () => ({ files: ['__init__.py'] }) });
    const graph = new MigrationGraph();
    const c = await detect(state(['accounts', 'teams']), apps(), { graph, questioner, trimToApps: ['teams'] });
    expect(summary(c)).toEqual({
      accounts: [
        { name: '0001_initial', initial: true, deps: [], ops: ['Create model Member'] },
        { name: '0002_initial', initial: true, deps: ['accounts.0001_initial', 'teams.0001_initial'], ops: ['Add field team to member'] },
      ],
      teams: [{ name: '0001_initial', initial: true, deps: ['accounts.0001_initial'], ops: ['Create model Team'] }],
    });
    expect([...c.keys()]).toEqual(['accounts', 'teams']);
    expect(ops(c.get('teams')![0]!.operations)[0]).toContain("('captain', ForeignKey(blank=True, null=True, on_delete=SET_NULL, related_name='captained_teams', to='accounts.member'))");
    const history = apply(state(['accounts', 'teams']), c, graph);
    expect((await detect(history, apps(), { graph })).size).toBe(0);
  });

  test('an app without a migrations package gets no initial migration; references become __first__', async () => {
    const questioner = new MigrationQuestioner({
      specifiedApps: ['teams'],
      migrationsModule: (app) => (app === 'accounts' ? 'not-importable' : { files: ['__init__.py'] }),
    });
    const c = await detect(state(['accounts', 'teams']), apps(), { questioner });
    expect(summary(c)).toEqual({
      teams: [{ name: '0001_initial', initial: true, deps: ['accounts.__first__'], ops: ['Create model Team'] }],
    });
  });
});
