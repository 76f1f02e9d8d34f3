/**
 * Renames and table-level changes: 12-rename-field-model (RenameField, RenameModel with its
 * FK and M2M follow-ups), 13-delete-model-alter-table (AlterModelTable, AlterUniqueTogether,
 * Add/RemoveIndex, AddField with a one-off default), 09 (schema-qualified db_table), and how
 * pending deferred statements follow renames and removals.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManyToManyField } from '../../../../src/engine/state/fields/related.ts';
import type { ProjectState } from '../../../../src/engine/state/project-state.ts';
import type { PostgresSchemaEditor } from '../../../../src/engine/db/postgres/schema-editor.ts';
import { type TestDb, openTestDb, resetDb } from './db.ts';
import { apply, catalog, collect, collectAndApply, fk, fld, getModel, index, model, state } from './helpers.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

const ID = () => fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });

/** RenameField.database_forwards */
function renameField(from: ProjectState, app: string, modelName: string, oldName: string, newName: string) {
  const to = from.clone();
  to.renameField(app, modelName, oldName, newName);
  return {
    to,
    run: (se: PostgresSchemaEditor) => {
      const fromModel = from.apps.getModel(app, modelName);
      const toModel = to.apps.getModel(app, modelName);
      se.alterField(fromModel, fromModel.getField(oldName), toModel.getField(newName), false, { from: from.apps, to: to.apps });
    },
  };
}

/** RenameModel.database_forwards (Django 5.2). */
function renameModel(from: ProjectState, app: string, oldName: string, newName: string) {
  const to = from.clone();
  to.renameModel(app, oldName, newName);
  return {
    to,
    run: (se: PostgresSchemaEditor) => {
      const newModel = to.apps.getModel(app, newName);
      const oldModel = from.apps.getModel(app, oldName);
      se.alterDbTable(newModel, oldModel.dbTable, newModel.dbTable);
      for (const rel of from.apps.relatedObjectsOf(oldModel)) {
        const relModel = rel.field.model!;
        let model;
        let key: string;
        if (relModel === oldModel) {
          model = newModel;
          key = `${app}.${newName}`;
        } else {
          model = relModel;
          key = relModel.label;
        }
        const toField = to.apps.getModel(key).getField(rel.field.name!);
        se.alterField(model, rel.field, toField, false, { from: from.apps, to: to.apps });
      }
      const pairs = oldModel.localManyToMany.map((f, i) => [f, newModel.localManyToMany[i]!] as const);
      for (const [oldField, newField] of pairs) {
        const through = (newField as ManyToManyField).remoteField.throughModel!;
        if ((newField as ManyToManyField).remoteField.remoteModel === newModel || !through.autoCreated) continue;
        se.alterManyToMany(newModel, oldField, newField, false, { from: from.apps, to: to.apps });
      }
    },
  };
}

function garage0001(): ProjectState {
  return state([
    model('garage', 'Mechanic', [
      ['id', ID()],
      ['name', fld('CharField', { max_length: 50n })],
    ]),
    model('garage', 'Car', [
      ['id', ID()],
      ['model_name', fld('CharField', { max_length: 50n })],
      ['year', fld('IntegerField')],
      ['nickname', fld('CharField', { blank: true, max_length: 30n, null: true })],
      ['colour', fld('CharField', { max_length: 20n })],
      ['mechanics', fld('ManyToManyField', { blank: true, to: 'garage.mechanic' })],
    ]),
    model('garage', 'Driver', [
      ['id', ID()],
      ['name', fld('CharField', { max_length: 50n })],
      ['car', fk('garage.car')],
    ]),
  ]);
}

describe('12-rename-field-model', () => {
  it('0002 RenameField, 0003 RenameModel + RenameField: sqlmigrate, then migrate', () => {
    const s1 = garage0001();
    apply(conn, (se) => ['garage.Mechanic', 'garage.Car', 'garage.Driver'].forEach((m) => se.createModel(getModel(s1, m))));

    const m2 = renameField(s1, 'garage', 'Car', 'year', 'production_year');
    expect(collectAndApply(conn, (se) => m2.run(se))).toEqual(['ALTER TABLE "garage_car" RENAME COLUMN "year" TO "production_year";']);

    const rm = renameModel(m2.to, 'garage', 'Car', 'Vehicle');
    const rf = renameField(rm.to, 'garage', 'Driver', 'car', 'vehicle');
    const run3 = (se: PostgresSchemaEditor) => {
      rm.run(se);
      rf.run(se);
    };
    expect(collect(conn, run3)).toEqual([
      'ALTER TABLE "garage_car" RENAME TO "garage_vehicle";',
      'SET CONSTRAINTS "garage_driver_car_id_8ee02211_fk_garage_car_id" IMMEDIATE; ALTER TABLE "garage_driver" DROP CONSTRAINT "garage_driver_car_id_8ee02211_fk_garage_car_id";',
      'ALTER TABLE "garage_driver" ADD CONSTRAINT "garage_driver_car_id_8ee02211_fk_garage_vehicle_id" FOREIGN KEY ("car_id") REFERENCES "garage_vehicle" ("id") DEFERRABLE INITIALLY DEFERRED;',
      'ALTER TABLE "garage_car_mechanics" RENAME TO "garage_vehicle_mechanics";',
      'ALTER TABLE "garage_vehicle_mechanics" RENAME COLUMN "car_id" TO "vehicle_id";',
      'SET CONSTRAINTS "garage_driver_car_id_8ee02211_fk_garage_car_id" IMMEDIATE; ALTER TABLE "garage_driver" DROP CONSTRAINT "garage_driver_car_id_8ee02211_fk_garage_car_id";',
      'ALTER TABLE "garage_driver" RENAME COLUMN "car_id" TO "vehicle_id";',
      'ALTER TABLE "garage_driver" ADD CONSTRAINT "garage_driver_vehicle_id_a75b72bb_fk_garage_vehicle_id" FOREIGN KEY ("vehicle_id") REFERENCES "garage_vehicle" ("id") DEFERRABLE INITIALLY DEFERRED;',
    ]);
    apply(conn, run3);
    // The schema `migrate` left (12, step 15): old index names stay, the recreated M2M FK
    // name is truncated to 63 characters.
    expect(catalog(conn, 'garage_driver')).toEqual([
      'index CREATE INDEX garage_driver_car_id_8ee02211 ON public.garage_driver USING btree (vehicle_id)',
      'index CREATE UNIQUE INDEX garage_driver_pkey ON public.garage_driver USING btree (id)',
      'constraint garage_driver_pkey PRIMARY KEY (id)',
      'constraint garage_driver_vehicle_id_a75b72bb_fk_garage_vehicle_id FOREIGN KEY (vehicle_id) REFERENCES garage_vehicle(id) DEFERRABLE INITIALLY DEFERRED',
    ]);
    expect(catalog(conn, 'garage_vehicle_mechanics')).toEqual([
      'index CREATE INDEX garage_car_mechanics_car_id_c23da5c1 ON public.garage_vehicle_mechanics USING btree (vehicle_id)',
      'index CREATE UNIQUE INDEX garage_car_mechanics_car_id_mechanic_id_a76bcd7f_uniq ON public.garage_vehicle_mechanics USING btree (vehicle_id, mechanic_id)',
      'index CREATE INDEX garage_car_mechanics_mechanic_id_9b67282f ON public.garage_vehicle_mechanics USING btree (mechanic_id)',
      'index CREATE UNIQUE INDEX garage_car_mechanics_pkey ON public.garage_vehicle_mechanics USING btree (id)',
      'constraint garage_car_mechanics_car_id_mechanic_id_a76bcd7f_uniq UNIQUE (vehicle_id, mechanic_id)',
      'constraint garage_car_mechanics_mechanic_id_9b67282f_fk_garage_mechanic_id FOREIGN KEY (mechanic_id) REFERENCES garage_mechanic(id) DEFERRABLE INITIALLY DEFERRED',
      'constraint garage_car_mechanics_pkey PRIMARY KEY (id)',
      'constraint garage_vehicle_mecha_vehicle_id_2a82fe76_fk_garage_ve FOREIGN KEY (vehicle_id) REFERENCES garage_vehicle(id) DEFERRABLE INITIALLY DEFERRED',
    ]);

    // 0004: RemoveField nickname, AddField alias
    const s3 = rf.to;
    const s4 = s3.clone();
    s4.removeField('garage', 'Vehicle', 'nickname');
    const s5 = s4.clone();
    s5.addField('garage', 'Vehicle', 'alias', fld('CharField', { blank: true, max_length: 30n, null: true }), true);
    const run4 = (se: PostgresSchemaEditor) => {
      const v3 = s3.apps.getModel('garage', 'Vehicle');
      se.removeField(v3, v3.getField('nickname'));
      const v5 = s5.apps.getModel('garage', 'Vehicle');
      se.addField(s4.apps.getModel('garage', 'Vehicle'), v5.getField('alias'));
    };
    expect(collectAndApply(conn, run4)).toEqual([
      'ALTER TABLE "garage_vehicle" DROP COLUMN "nickname" CASCADE;',
      'ALTER TABLE "garage_vehicle" ADD COLUMN "alias" varchar(30) NULL;',
    ]);

    // 0005: AlterField colour → color with db_column='colour', then RenameField: both no-ops.
    const s6 = s5.clone();
    s6.alterField('garage', 'Vehicle', 'colour', fld('CharField', { db_column: 'colour', max_length: 20n }), true);
    const noop1 = (se: PostgresSchemaEditor) => {
      const a = s5.apps.getModel('garage', 'Vehicle');
      const b = s6.apps.getModel('garage', 'Vehicle');
      se.alterField(a, a.getField('colour'), b.getField('colour'));
    };
    const rf2 = renameField(s6, 'garage', 'Vehicle', 'colour', 'color');
    expect(collect(conn, noop1)).toEqual([]);
    expect(collect(conn, (se) => rf2.run(se))).toEqual([]);
  });
});

function forum0001(): ProjectState {
  return state([
    model('forum', 'Board', [
      ['id', ID()],
      ['name', fld('CharField', { max_length: 50n })],
    ]),
    model(
      'forum',
      'Thread',
      [
        ['id', ID()],
        ['title', fld('CharField', { max_length: 100n })],
        ['slug', fld('SlugField')],
        ['board', fk('forum.board')],
      ],
      { unique_together: [['board', 'title']] },
    ),
    model('forum', 'Attachment', [
      ['id', ID()],
      ['filename', fld('CharField', { max_length: 100n })],
      ['thread', fk('forum.thread')],
    ]),
  ]);
}

describe('13-delete-model-alter-table', () => {
  it('0002..0007 as sqlmigrate printed them, each applied before the next', () => {
    const s1 = forum0001();
    apply(conn, (se) => ['forum.Board', 'forum.Thread', 'forum.Attachment'].forEach((m) => se.createModel(getModel(s1, m))));

    // 0002 DeleteModel Attachment
    expect(collectAndApply(conn, (se) => se.deleteModel(getModel(s1, 'forum.Attachment')))).toEqual(['DROP TABLE "forum_attachment" CASCADE;']);
    const s2 = s1.clone();
    s2.removeModel('forum', 'attachment');

    // 0003 AlterModelTable forum_threads
    const thread2 = getModel(s2, 'forum.Thread');
    expect(collectAndApply(conn, (se) => se.alterDbTable(thread2, 'forum_thread', 'forum_threads'))).toEqual([
      'ALTER TABLE "forum_thread" RENAME TO "forum_threads";',
    ]);
    const renamed = state([
      model('forum', 'Board', [
        ['id', ID()],
        ['name', fld('CharField', { max_length: 50n })],
      ]),
      model(
        'forum',
        'Thread',
        [
          ['id', ID()],
          ['title', fld('CharField', { max_length: 100n })],
          ['slug', fld('SlugField')],
          ['board', fk('forum.board')],
        ],
        { db_table: 'forum_threads', unique_together: [['board', 'title']] },
      ),
    ]);
    const thread3 = getModel(renamed, 'forum.Thread');

    // 0004 AlterUniqueTogether: + (board, slug)
    expect(
      collectAndApply(conn, (se) =>
        se.alterUniqueTogether(
          thread3,
          [['board', 'title']],
          [
            ['board', 'slug'],
            ['board', 'title'],
          ],
        ),
      ),
    ).toEqual(['ALTER TABLE "forum_threads" ADD CONSTRAINT "forum_threads_board_id_slug_17d54d59_uniq" UNIQUE ("board_id", "slug");']);

    // 0005 AlterUniqueTogether → none (the old constraint keeps its forum_thread_ name), AddIndex
    const threadIdx = index({ fields: ['board', 'slug'], name: 'thread_board_slug_idx' });
    expect(
      collectAndApply(conn, (se) => {
        // The old value is 0004's set literal {('board', 'slug'), ('board', 'title')}, in that
        // insertion order; the drops follow CPython's set iteration (title first).
        se.alterUniqueTogether(
          thread3,
          [
            ['board', 'slug'],
            ['board', 'title'],
          ],
          [],
        );
        se.addIndex(thread3, threadIdx);
      }),
    ).toEqual([
      'ALTER TABLE "forum_threads" DROP CONSTRAINT "forum_thread_board_id_title_5507e633_uniq";',
      'ALTER TABLE "forum_threads" DROP CONSTRAINT "forum_threads_board_id_slug_17d54d59_uniq";',
      'CREATE INDEX "thread_board_slug_idx" ON "forum_threads" ("board_id", "slug");',
    ]);

    // 0006 AlterModelTable back to the default
    expect(collectAndApply(conn, (se) => se.alterDbTable(thread3, 'forum_threads', 'forum_thread'))).toEqual([
      'ALTER TABLE "forum_threads" RENAME TO "forum_thread";',
    ]);

    // 0007 RemoveIndex, AddField is_archived (one-off default False), AddIndex slug
    const s7 = state([
      model('forum', 'Board', [
        ['id', ID()],
        ['name', fld('CharField', { max_length: 50n })],
        ['is_archived', fld('BooleanField', { default: false })],
      ]),
      model(
        'forum',
        'Thread',
        [
          ['id', ID()],
          ['title', fld('CharField', { max_length: 100n })],
          ['slug', fld('SlugField')],
          ['board', fk('forum.board')],
        ],
        { indexes: [threadIdx] },
      ),
    ]);
    const thread6 = getModel(s7, 'forum.Thread');
    const board = getModel(s7, 'forum.Board');
    expect(
      collectAndApply(conn, (se) => {
        se.removeIndex(thread6, threadIdx);
        se.addField(board, board.getField('is_archived'));
        se.addIndex(thread6, index({ fields: ['slug'], name: 'thread_slug_idx' }));
      }),
    ).toEqual([
      'DROP INDEX IF EXISTS "thread_board_slug_idx";',
      'ALTER TABLE "forum_board" ADD COLUMN "is_archived" boolean DEFAULT false NOT NULL;',
      'ALTER TABLE "forum_board" ALTER COLUMN "is_archived" DROP DEFAULT;',
      'CREATE INDEX "thread_slug_idx" ON "forum_thread" ("slug");',
    ]);
    expect(catalog(conn, 'forum_thread')).toEqual([
      'index CREATE INDEX forum_thread_board_id_68f0dea7 ON public.forum_thread USING btree (board_id)',
      'index CREATE UNIQUE INDEX forum_thread_pkey ON public.forum_thread USING btree (id)',
      'index CREATE INDEX forum_thread_slug_58819496 ON public.forum_thread USING btree (slug)',
      'index CREATE INDEX forum_thread_slug_58819496_like ON public.forum_thread USING btree (slug varchar_pattern_ops)',
      'index CREATE INDEX thread_slug_idx ON public.forum_thread USING btree (slug)',
      'constraint forum_thread_board_id_68f0dea7_fk_forum_board_id FOREIGN KEY (board_id) REFERENCES forum_board(id) DEFERRABLE INITIALLY DEFERRED',
      'constraint forum_thread_pkey PRIMARY KEY (id)',
    ]);
  });

  it('alterUniqueTogether raises when the constraint is missing', () => {
    const s1 = forum0001();
    const thread = getModel(s1, 'forum.Thread');
    apply(conn, (se) => ['forum.Board', 'forum.Thread'].forEach((m) => se.createModel(getModel(s1, m))));
    expect(() => collect(conn, (se) => se.alterUniqueTogether(thread, [['board', 'slug']], []))).toThrow(
      'Found wrong number (0) of constraints for forum_thread(board_id, slug)',
    );
  });
});

describe('09-db-table-schema-trick', () => {
  it('renames across schemas print as Django does', () => {
    conn.execute('CREATE SCHEMA schema_second');
    const s = state([
      model(
        'warehouse',
        'Pallet',
        [
          ['id', ID()],
          ['code', fld('CharField', { max_length: 20n, unique: true })],
        ],
        { db_table: 'schema_second"."warehouse_pallet' },
      ),
      model('warehouse', 'Crate', [
        ['id', ID()],
        ['label', fld('CharField', { max_length: 20n })],
        ['pallet', fk('warehouse.pallet', { related_name: 'crates' })],
      ]),
    ]);
    apply(conn, (se) => ['warehouse.Pallet', 'warehouse.Crate'].forEach((m) => se.createModel(getModel(s, m))));
    const pallet = getModel(s, 'warehouse.Pallet');
    const crate = getModel(s, 'warehouse.Crate');
    expect(collect(conn, (se) => se.alterDbTable(pallet, 'schema_second"."warehouse_pallet', 'schema_second"."pallets'))).toEqual([
      'ALTER TABLE "schema_second"."warehouse_pallet" RENAME TO "schema_second"."pallets";',
    ]);
    expect(collect(conn, (se) => se.alterDbTable(crate, 'warehouse_crate', 'schema_second"."crates'))).toEqual([
      'ALTER TABLE "warehouse_crate" RENAME TO "schema_second"."crates";',
    ]);
    // PostgreSQL rejects a schema in RENAME TO, as the learner discovers in the scenario.
    expect(() => apply(conn, (se) => se.alterDbTable(crate, 'warehouse_crate', 'schema_second"."crates'))).toThrow(/syntax error/);
  });
});

describe('deferred statements follow renames and removals', () => {
  it('a table renamed in the same editor: pending FKs and indexes use the new name', () => {
    const s = state([
      model('a', 'Parent', [
        ['id', ID()],
        ['code', fld('CharField', { max_length: 10n, unique: true })],
      ]),
      model('a', 'Child', [
        ['id', ID()],
        ['parent', fk('a.parent')],
      ]),
    ]);
    const parent = getModel(s, 'a.Parent');
    const child = getModel(s, 'a.Child');
    expect(
      collectAndApply(conn, (se) => {
        se.createModel(parent);
        se.createModel(child);
        se.alterDbTable(parent, 'a_parent', 'a_mother');
      }),
    ).toEqual([
      'CREATE TABLE "a_parent" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "code" varchar(10) NOT NULL UNIQUE);',
      'CREATE TABLE "a_child" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "parent_id" bigint NOT NULL);',
      'ALTER TABLE "a_parent" RENAME TO "a_mother";',
      'CREATE INDEX "a_mother_code_626992c8_like" ON "a_mother" ("code" varchar_pattern_ops);',
      'ALTER TABLE "a_child" ADD CONSTRAINT "a_child_parent_id_3a7c46d7_fk_a_mother_id" FOREIGN KEY ("parent_id") REFERENCES "a_mother" ("id") DEFERRABLE INITIALLY DEFERRED;',
      'CREATE INDEX "a_child_parent_id_3a7c46d7" ON "a_child" ("parent_id");',
    ]);
  });

  it('a column renamed in the same editor: pending statements use the new column; a removed column drops them', () => {
    const s1 = state([
      model('a', 'Item', [
        ['id', ID()],
        ['code', fld('CharField', { max_length: 10n, db_index: true })],
        ['other', fld('IntegerField', { db_index: true })],
      ]),
    ]);
    const s2 = s1.clone();
    s2.renameField('a', 'Item', 'code', 'ref');
    const item1 = getModel(s1, 'a.Item');
    const item2 = getModel(s2, 'a.Item');
    expect(
      collectAndApply(conn, (se) => {
        se.createModel(item1);
        se.alterField(item1, item1.getField('code'), item2.getField('ref'));
        se.removeField(item2, item2.getField('other'));
      }),
    ).toEqual([
      'CREATE TABLE "a_item" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "code" varchar(10) NOT NULL, "other" integer NOT NULL);',
      'ALTER TABLE "a_item" RENAME COLUMN "code" TO "ref";',
      'ALTER TABLE "a_item" DROP COLUMN "other" CASCADE;',
      'CREATE INDEX "a_item_ref_3a4ed38b" ON "a_item" ("ref");',
      'CREATE INDEX "a_item_ref_3a4ed38b_like" ON "a_item" ("ref" varchar_pattern_ops);',
    ]);
  });

  it('alterIndexTogether (old migrations) and alterDbTablespace (oracle t18)', () => {
    const s = state([
      model('a', 'T', [
        ['id', fld('BigAutoField', { primary_key: true })],
        ['x', fld('IntegerField')],
        ['y', fld('CharField', { max_length: 5n })],
      ]),
    ]);
    const t = getModel(s, 'a.T');
    apply(conn, (se) => se.createModel(t));
    expect(collectAndApply(conn, (se) => se.alterIndexTogether(t, [], [['x', 'y']]))).toEqual(['CREATE INDEX "a_t_x_y_f3ad5cca_idx" ON "a_t" ("x", "y");']);
    expect(collectAndApply(conn, (se) => se.alterIndexTogether(t, [['x', 'y']], []))).toEqual(['DROP INDEX IF EXISTS "a_t_x_y_f3ad5cca_idx";']);
    expect(collectAndApply(conn, (se) => se.alterDbTablespace(t, '', 'pg_default'))).toEqual(['ALTER TABLE "a_t" SET TABLESPACE "pg_default";']);
  });
});
