/**
 * alterField: the corpus sequences (11-alter-field, 02-field-options 0002, 03-auto-field 0002)
 * and single-field alterations recorded from real Django 5.2 on PGlite (oracle probe), each
 * checked as collected SQL (sqlmigrate) and then applied for real.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NativeFunction, PyDict, PyList, None } from '../../../../src/engine/python/objects.ts';
import type { Field } from '../../../../src/engine/state/fields/field.ts';
import { NOT_PROVIDED } from '../../../../src/engine/state/fields/field.ts';
import type { ProjectState } from '../../../../src/engine/state/project-state.ts';
import { type TestDb, openTestDb, resetDb } from './db.ts';
import { apply, catalog, collect, collectAndApply, columns, config, fk, fld, getModel, model, state } from './helpers.ts';
import { UUID4, anyUuid } from './fixtures.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

const ID = () => fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });

/** AlterField.database_forwards: from-state model, its field, the to-state field (with a one-off default). */
function alterInState(
  from: ProjectState,
  app: string,
  modelName: string,
  name: string,
  field: Field,
  preserveDefault = true,
): { to: ProjectState; run: (se: Parameters<Parameters<typeof collect>[1]>[0]) => void } {
  const to = from.clone();
  to.alterField(app, modelName, name, field, preserveDefault);
  return {
    to,
    run: (se) => {
      const fromModel = from.apps.getModel(app, modelName);
      const toModel = to.apps.getModel(app, modelName);
      const toField = toModel.getField(name);
      if (!preserveDefault) toField.default = field.default;
      se.alterField(fromModel, fromModel.getField(name), toField, false, { from: from.apps, to: to.apps });
      if (!preserveDefault) toField.default = NOT_PROVIDED;
    },
  };
}

describe('11-alter-field', () => {
  it('replays 0002..0007 with the SQL sqlmigrate printed', () => {
    let s = state([
      model('school', 'Student', [
        ['id', ID()],
        ['name', fld('CharField', { max_length: 50n })],
        ['email', fld('CharField', { max_length: 100n, null: true })],
        ['age', fld('IntegerField')],
        ['notes', fld('TextField', { null: true })],
        ['code', fld('CharField', { max_length: 10n })],
        ['nickname', fld('CharField', { max_length: 30n, null: true })],
        ['grade', fld('CharField', { max_length: 2n })],
      ]),
    ]);
    apply(conn, (se) => se.createModel(getModel(s, 'school.Student')));
    conn.execute(
      "INSERT INTO school_student (name, email, age, notes, code, nickname, grade) VALUES ('Ann', 'ann@example.com', 15, 'likes maths', 'S1', 'annie', '7'), ('Bob', NULL, 16, NULL, 'S2', NULL, '8')",
    );

    /** One migration: several AlterFields, collected then applied. */
    const migration = (ops: [string, Field, boolean?][]): string[] => {
      const steps: ReturnType<typeof alterInState>[] = [];
      let cur = s;
      for (const [name, field, preserve] of ops) {
        const step = alterInState(cur, 'school', 'Student', name, field, preserve ?? true);
        steps.push(step);
        cur = step.to;
      }
      const sql = collect(conn, (se) => steps.forEach((st) => st.run(se)));
      apply(conn, (se) => steps.forEach((st) => st.run(se)));
      s = cur;
      return sql;
    };

    expect(
      migration([
        ['email', fld('CharField', { default: 'unknown@example.com', max_length: 100n }), false],
        ['name', fld('CharField', { max_length: 120n })],
      ]),
    ).toEqual([
      `ALTER TABLE "school_student" ALTER COLUMN "email" SET DEFAULT 'unknown@example.com';`,
      `UPDATE "school_student" SET "email" = 'unknown@example.com' WHERE "email" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;`,
      'ALTER TABLE "school_student" ALTER COLUMN "email" SET NOT NULL;',
      'ALTER TABLE "school_student" ALTER COLUMN "email" DROP DEFAULT;',
      'ALTER TABLE "school_student" ALTER COLUMN "name" TYPE varchar(120);',
    ]);
    expect(conn.execute('SELECT id, name, email FROM school_student ORDER BY id').rows).toEqual([
      ['1', 'Ann', 'ann@example.com'],
      ['2', 'Bob', 'unknown@example.com'],
    ]);

    expect(migration([['code', fld('CharField', { db_index: true, max_length: 10n })]])).toEqual([
      'CREATE INDEX "school_student_code_f8cf7af5" ON "school_student" ("code");',
      'CREATE INDEX "school_student_code_f8cf7af5_like" ON "school_student" ("code" varchar_pattern_ops);',
    ]);

    expect(
      migration([
        ['code', fld('CharField', { max_length: 10n, unique: true })],
        ['email', fld('CharField', { max_length: 100n, unique: true })],
      ]),
    ).toEqual([
      'DROP INDEX IF EXISTS "school_student_code_f8cf7af5";',
      'DROP INDEX IF EXISTS "school_student_code_f8cf7af5_like";',
      'ALTER TABLE "school_student" ADD CONSTRAINT "school_student_code_f8cf7af5_uniq" UNIQUE ("code");',
      'CREATE INDEX "school_student_code_f8cf7af5_like" ON "school_student" ("code" varchar_pattern_ops);',
      'ALTER TABLE "school_student" ADD CONSTRAINT "school_student_email_068680d8_uniq" UNIQUE ("email");',
      'CREATE INDEX "school_student_email_068680d8_like" ON "school_student" ("email" varchar_pattern_ops);',
    ]);

    expect(
      migration([
        ['age', fld('BigIntegerField')],
        ['grade', fld('IntegerField')],
        ['notes', fld('CharField', { max_length: 500n, null: true })],
      ]),
    ).toEqual([
      'ALTER TABLE "school_student" ALTER COLUMN "age" TYPE bigint USING "age"::bigint;',
      'ALTER TABLE "school_student" ALTER COLUMN "grade" TYPE integer USING "grade"::integer;',
      'ALTER TABLE "school_student" ALTER COLUMN "notes" TYPE varchar(500) USING "notes"::varchar(500);',
    ]);

    // 0006: null → not null with option 2 (handle it later): no default at all; the learner
    // fixed the NULL rows by hand before migrating.
    conn.execute('UPDATE school_student SET nickname = name WHERE nickname IS NULL');
    expect(migration([['nickname', fld('CharField', { max_length: 30n })]])).toEqual([
      'ALTER TABLE "school_student" ALTER COLUMN "nickname" SET NOT NULL;',
    ]);
    expect(migration([['email', fld('CharField', { max_length: 100n, null: true, unique: true })]])).toEqual([
      'ALTER TABLE "school_student" ALTER COLUMN "email" DROP NOT NULL;',
    ]);

    expect(columns(conn, 'school_student')).toEqual([
      'column id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY',
      'column name character varying(120) NOT NULL',
      'column email character varying(100)',
      'column age bigint NOT NULL',
      'column notes character varying(500)',
      'column code character varying(10) NOT NULL',
      'column nickname character varying(30) NOT NULL',
      'column grade integer NOT NULL',
    ]);
    expect(catalog(conn, 'school_student')).toEqual([
      'index CREATE INDEX school_student_code_f8cf7af5_like ON public.school_student USING btree (code varchar_pattern_ops)',
      'index CREATE UNIQUE INDEX school_student_code_f8cf7af5_uniq ON public.school_student USING btree (code)',
      'index CREATE INDEX school_student_email_068680d8_like ON public.school_student USING btree (email varchar_pattern_ops)',
      'index CREATE UNIQUE INDEX school_student_email_068680d8_uniq ON public.school_student USING btree (email)',
      'index CREATE UNIQUE INDEX school_student_pkey ON public.school_student USING btree (id)',
      'constraint school_student_code_f8cf7af5_uniq UNIQUE (code)',
      'constraint school_student_email_068680d8_uniq UNIQUE (email)',
      'constraint school_student_pkey PRIMARY KEY (id)',
    ]);
  });
});

describe('02-field-options 0002', () => {
  it('db_default change, comments, and no-ops for non-db attributes', () => {
    const s = state([
      model(
        'library',
        'Book',
        [
          ['isbn', fld('CharField', { max_length: 13n, primary_key: true, serialize: false })],
          ['title', fld('CharField', { db_comment: 'Title as printed on the cover', db_index: true, max_length: 200n })],
          ['subtitle', fld('CharField', { blank: true, max_length: 200n })],
          ['summary', fld('TextField', { blank: true, null: true })],
          ['pages', fld('PositiveIntegerField', { default: 100n })],
          ['format', fld('CharField', { default: 'PB', max_length: 2n })],
          ['edition', fld('IntegerField', { db_default: 1n })],
        ],
        { db_table_comment: 'Books in the library' },
      ),
    ]);
    apply(conn, (se) => se.createModel(getModel(s, 'library.Book')));
    const steps = [
      alterInState(s, 'library', 'Book', 'edition', fld('IntegerField', { db_default: 2n })),
    ];
    let cur = steps[0]!.to;
    const add = (name: string, f: Field) => {
      const st = alterInState(cur, 'library', 'Book', name, f);
      steps.push(st);
      cur = st.to;
    };
    add('format', fld('CharField', { choices: new PyList([]), default: 'PB', max_length: 2n }));
    add('pages', fld('PositiveIntegerField', { default: 250n }));
    add('subtitle', fld('CharField', { blank: true, max_length: 200n, verbose_name: 'sub-title' }));
    add('summary', fld('TextField', { blank: true, db_comment: 'Back-cover text', null: true }));
    add('title', fld('CharField', { db_comment: 'Title on the cover', db_index: true, max_length: 200n }));
    const perOp = steps.map((st) => collect(conn, (se) => st.run(se)));
    expect(perOp).toEqual([
      ['ALTER TABLE "library_book" ALTER COLUMN "edition" SET DEFAULT 2;'],
      [],
      [],
      [],
      ['ALTER TABLE "library_book" ALTER COLUMN "summary" TYPE text;', `COMMENT ON COLUMN "library_book"."summary" IS 'Back-cover text';`],
      ['ALTER TABLE "library_book" ALTER COLUMN "title" TYPE varchar(200);', `COMMENT ON COLUMN "library_book"."title" IS 'Title on the cover';`],
    ]);
    expect(
      collectAndApply(conn, (se) => se.alterDbTableComment(getModel(s, 'library.Book'), 'Books in the library', 'Every book we own')),
    ).toEqual([`COMMENT ON TABLE "library_book" IS 'Every book we own';`]);
    apply(conn, (se) => steps.forEach((st) => st.run(se)));
    expect(columns(conn, 'library_book')).toEqual([
      'column isbn character varying(13) NOT NULL',
      "column title character varying(200) NOT NULL  COMMENT 'Title on the cover'",
      'column subtitle character varying(200) NOT NULL',
      "column summary text  COMMENT 'Back-cover text'",
      'column pages integer NOT NULL',
      'column format character varying(2) NOT NULL',
      'column edition integer NOT NULL DEFAULT 2',
    ]);
  });
});

describe('03-auto-field 0002: AutoField → BigAutoField', () => {
  const models = () => [
    model('events', 'Event', [
      ['id', fld('AutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' })],
      ['name', fld('CharField', { max_length: 100n })],
    ]),
    model('tickets', 'Ticket', [
      ['id', ID()],
      ['event', fk('events.event')],
    ]),
    model('tickets', 'Pass', [['event', fk('events.event', { primary_key: true, serialize: false }, 'OneToOneField')]]),
    model('tickets', 'Stub', [
      ['id', ID()],
      ['p', fk('tickets.pass')],
    ]),
    model('events', 'Tag', [
      ['id', ID()],
      ['events', fld('ManyToManyField', { to: 'events.event' })],
    ]),
  ];
  const bigId = () => fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });

  it('sqlmigrate of the events app alone: no related columns, sequence altered when it exists', () => {
    const full = state(models(), config('AutoField'));
    apply(conn, (se) => ['events.Event', 'tickets.Ticket', 'tickets.Pass', 'tickets.Stub', 'events.Tag'].forEach((m) => se.createModel(getModel(full, m))));
    const eventsOnly = state([models()[0]!], config('AutoField'));
    const step = alterInState(eventsOnly, 'events', 'Event', 'id', bigId());
    expect(collect(conn, (se) => step.run(se))).toEqual([
      'ALTER TABLE "events_event" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;',
      'ALTER SEQUENCE IF EXISTS "events_event_id_seq" AS bigint;',
    ]);
  });

  it('migrate: incoming foreign keys dropped, columns widened (recursively through a OneToOne pk), recreated with the _fk suffix', () => {
    const full = state(models(), config('AutoField'));
    apply(conn, (se) => ['events.Event', 'tickets.Ticket', 'tickets.Pass', 'tickets.Stub', 'events.Tag'].forEach((m) => se.createModel(getModel(full, m))));
    const step = alterInState(full, 'events', 'Event', 'id', bigId());
    expect(collectAndApply(conn, (se) => step.run(se))).toEqual([
      'SET CONSTRAINTS "events_tag_events_event_id_9b3f105b_fk_events_event_id" IMMEDIATE; ALTER TABLE "events_tag_events" DROP CONSTRAINT "events_tag_events_event_id_9b3f105b_fk_events_event_id";',
      'SET CONSTRAINTS "tickets_pass_event_id_0afb58df_fk_events_event_id" IMMEDIATE; ALTER TABLE "tickets_pass" DROP CONSTRAINT "tickets_pass_event_id_0afb58df_fk_events_event_id";',
      'SET CONSTRAINTS "tickets_stub_p_id_0d72cc70_fk_tickets_pass_event_id" IMMEDIATE; ALTER TABLE "tickets_stub" DROP CONSTRAINT "tickets_stub_p_id_0d72cc70_fk_tickets_pass_event_id";',
      'SET CONSTRAINTS "tickets_ticket_event_id_629030b8_fk_events_event_id" IMMEDIATE; ALTER TABLE "tickets_ticket" DROP CONSTRAINT "tickets_ticket_event_id_629030b8_fk_events_event_id";',
      'ALTER TABLE "events_event" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;',
      'ALTER SEQUENCE IF EXISTS "events_event_id_seq" AS bigint;',
      'ALTER TABLE "events_tag_events" ALTER COLUMN "event_id" TYPE bigint USING "event_id"::bigint;',
      'ALTER TABLE "tickets_pass" ALTER COLUMN "event_id" TYPE bigint USING "event_id"::bigint;',
      'ALTER TABLE "tickets_stub" ALTER COLUMN "p_id" TYPE bigint USING "p_id"::bigint;',
      'ALTER TABLE "tickets_ticket" ALTER COLUMN "event_id" TYPE bigint USING "event_id"::bigint;',
      'ALTER TABLE "events_tag_events" ADD CONSTRAINT "events_tag_events_event_id_9b3f105b_fk" FOREIGN KEY ("event_id") REFERENCES "events_event" ("id") DEFERRABLE INITIALLY DEFERRED;',
      'ALTER TABLE "tickets_pass" ADD CONSTRAINT "tickets_pass_event_id_0afb58df_fk" FOREIGN KEY ("event_id") REFERENCES "events_event" ("id") DEFERRABLE INITIALLY DEFERRED;',
      'ALTER TABLE "tickets_stub" ADD CONSTRAINT "tickets_stub_p_id_0d72cc70_fk" FOREIGN KEY ("p_id") REFERENCES "tickets_pass" ("event_id") DEFERRABLE INITIALLY DEFERRED;',
      'ALTER TABLE "tickets_ticket" ADD CONSTRAINT "tickets_ticket_event_id_629030b8_fk" FOREIGN KEY ("event_id") REFERENCES "events_event" ("id") DEFERRABLE INITIALLY DEFERRED;',
    ]);
    expect(catalog(conn, 'tickets_ticket')).toContain(
      'constraint tickets_ticket_event_id_629030b8_fk FOREIGN KEY (event_id) REFERENCES events_event(id) DEFERRABLE INITIALLY DEFERRED',
    );
    expect(conn.execute("SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = 'events_event_id_seq'::regclass").rows).toEqual([
      ['bigint'],
    ]);
  });
});

/** Single-field alterations recorded from Django 5.2.18 on PGlite (oracle probe t8). */
const dict = () => new NativeFunction('dict', () => new PyDict(), { qualname: 'dict' });
const CASES: { name: string; old: () => Field; new: () => Field; sql: string[]; after: string[] }[] = [
  {
    name: 'null + unique + type at once (one-off default)',
    old: () => fld('CharField', { max_length: 10n, null: true }),
    new: () => fld('IntegerField', { unique: true, default: 0n }),
    sql: [
      'ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE integer USING "f"::integer, ALTER COLUMN "f" SET DEFAULT 0;',
      'UPDATE "t_thing" SET "f" = 0 WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
      'ALTER TABLE "t_thing" ADD CONSTRAINT "t_thing_f_750b0d5e_uniq" UNIQUE ("f");',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;',
    ],
    after: ['t_thing_f_750b0d5e_uniq', 't_thing_pkey', '|', 't_thing_f_750b0d5e_uniq', 't_thing_pkey'],
  },
  {
    name: 'unique → db_index',
    old: () => fld('CharField', { max_length: 10n, unique: true }),
    new: () => fld('CharField', { max_length: 10n, db_index: true }),
    sql: ['ALTER TABLE "t_thing" DROP CONSTRAINT "t_thing_f_key";', 'CREATE INDEX "t_thing_f_750b0d5e" ON "t_thing" ("f");'],
    after: ['t_thing_f_750b0d5e', 't_thing_f_750b0d5e_like', 't_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'indexed varchar → text',
    old: () => fld('CharField', { max_length: 10n, db_index: true }),
    new: () => fld('TextField', { db_index: true }),
    sql: [
      'DROP INDEX IF EXISTS "t_thing_f_750b0d5e_like";',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE text USING "f"::text;',
      'CREATE INDEX "t_thing_f_750b0d5e_like" ON "t_thing" ("f" text_pattern_ops);',
    ],
    after: ['t_thing_f_750b0d5e', 't_thing_f_750b0d5e_like', 't_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'unique varchar → unique integer',
    old: () => fld('CharField', { max_length: 10n, unique: true }),
    new: () => fld('IntegerField', { unique: true }),
    sql: ['DROP INDEX IF EXISTS "t_thing_f_750b0d5e_like";', 'ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE integer USING "f"::integer;'],
    after: ['t_thing_f_key', 't_thing_pkey', '|', 't_thing_f_key', 't_thing_pkey'],
  },
  {
    name: 'integer → positive (check added with a hashed name)',
    old: () => fld('IntegerField'),
    new: () => fld('PositiveIntegerField'),
    sql: ['ALTER TABLE "t_thing" ADD CONSTRAINT "t_thing_f_750b0d5e_check" CHECK ("f" >= 0);'],
    after: ['t_thing_pkey', '|', 't_thing_f_750b0d5e_check', 't_thing_pkey'],
  },
  {
    name: 'positive → integer (check found by introspection)',
    old: () => fld('PositiveIntegerField'),
    new: () => fld('IntegerField'),
    sql: ['ALTER TABLE "t_thing" DROP CONSTRAINT "t_thing_f_check";'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'positive → positive small (same check kept)',
    old: () => fld('PositiveIntegerField'),
    new: () => fld('PositiveSmallIntegerField'),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE smallint USING "f"::smallint;'],
    after: ['t_thing_pkey', '|', 't_thing_f_check', 't_thing_pkey'],
  },
  {
    name: 'db_default added',
    old: () => fld('IntegerField'),
    new: () => fld('IntegerField', { db_default: 5n }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT 5;'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'db_default dropped',
    old: () => fld('IntegerField', { db_default: 5n }),
    new: () => fld('IntegerField'),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'null → not null with db_default (kept as the column default)',
    old: () => fld('IntegerField', { null: true }),
    new: () => fld('IntegerField', { db_default: 5n }),
    sql: [
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT 5;',
      'UPDATE "t_thing" SET "f" = 5 WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
    ],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'null → not null with default',
    old: () => fld('IntegerField', { null: true }),
    new: () => fld('IntegerField', { default: 7n }),
    sql: [
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT 7;',
      'UPDATE "t_thing" SET "f" = 7 WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;',
    ],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'not null → null',
    old: () => fld('IntegerField', { default: 7n }),
    new: () => fld('IntegerField', { null: true }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" DROP NOT NULL;'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'comment added',
    old: () => fld('IntegerField'),
    new: () => fld('IntegerField', { db_comment: 'hi' }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE integer;', `COMMENT ON COLUMN "t_thing"."f" IS 'hi';`],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'comment and type',
    old: () => fld('IntegerField', { db_comment: 'a' }),
    new: () => fld('BigIntegerField', { db_comment: 'b' }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE bigint USING "f"::bigint;', `COMMENT ON COLUMN "t_thing"."f" IS 'b';`],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'collation',
    old: () => fld('CharField', { max_length: 10n }),
    new: () => fld('CharField', { max_length: 10n, db_collation: 'C' }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE varchar(10) COLLATE "C";'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'collation of an indexed column',
    old: () => fld('CharField', { max_length: 10n, db_index: true }),
    new: () => fld('CharField', { max_length: 10n, db_index: true, db_collation: 'C' }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE varchar(10) COLLATE "C";'],
    after: ['t_thing_f_750b0d5e', 't_thing_f_750b0d5e_like', 't_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'column renamed by db_column (index keeps its name)',
    old: () => fld('IntegerField', { db_index: true }),
    new: () => fld('IntegerField', { db_index: true, db_column: 'renamed' }),
    sql: ['ALTER TABLE "t_thing" RENAME COLUMN "f" TO "renamed";'],
    after: ['t_thing_f_750b0d5e', 't_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'unique text → plain text (drops the _like index by name)',
    old: () => fld('TextField', { unique: true }),
    new: () => fld('TextField'),
    sql: ['ALTER TABLE "t_thing" DROP CONSTRAINT "t_thing_f_key";', 'DROP INDEX IF EXISTS "t_thing_f_750b0d5e_like";'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'SlugField → CharField (both indexes dropped by introspection)',
    old: () => fld('SlugField'),
    new: () => fld('CharField', { max_length: 50n }),
    sql: ['DROP INDEX IF EXISTS "t_thing_f_750b0d5e";', 'DROP INDEX IF EXISTS "t_thing_f_750b0d5e_like";'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'CharField → SlugField',
    old: () => fld('CharField', { max_length: 50n }),
    new: () => fld('SlugField'),
    sql: ['CREATE INDEX "t_thing_f_750b0d5e" ON "t_thing" ("f");', 'CREATE INDEX "t_thing_f_750b0d5e_like" ON "t_thing" ("f" varchar_pattern_ops);'],
    after: ['t_thing_f_750b0d5e', 't_thing_f_750b0d5e_like', 't_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'nullable boolean → default False',
    old: () => fld('BooleanField', { null: true }),
    new: () => fld('BooleanField', { default: false }),
    sql: [
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT false;',
      'UPDATE "t_thing" SET "f" = false WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;',
    ],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'JSONField default=dict',
    old: () => fld('JSONField', { null: true }),
    new: () => fld('JSONField', { default: dict() }),
    sql: [
      `ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT '{}'::jsonb;`,
      `UPDATE "t_thing" SET "f" = '{}'::jsonb WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;`,
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
      'ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;',
    ],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'JSONField db_default',
    old: () => fld('JSONField', { null: true }),
    new: () => fld('JSONField', { db_default: new PyDict([['a', new PyList([1n, 2.5, None, true])]]) }),
    sql: [
      `ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT '{"a": [1, 2.5, null, true]}'::jsonb;`,
      `UPDATE "t_thing" SET "f" = '{"a": [1, 2.5, null, true]}'::jsonb WHERE "f" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;`,
      'ALTER TABLE "t_thing" ALTER COLUMN "f" SET NOT NULL;',
    ],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: 'decimal precision (same template: no USING)',
    old: () => fld('DecimalField', { max_digits: 5n, decimal_places: 2n }),
    new: () => fld('DecimalField', { max_digits: 7n, decimal_places: 3n }),
    sql: ['ALTER TABLE "t_thing" ALTER COLUMN "f" TYPE numeric(7, 3);'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
  {
    name: "null CharField → blank (effective default '')",
    old: () => fld('CharField', { max_length: 5n, null: true }),
    new: () => fld('CharField', { max_length: 5n, blank: true }),
    sql: [`ALTER TABLE "t_thing" ALTER COLUMN "f" SET DEFAULT '', ALTER COLUMN "f" SET NOT NULL;`, 'ALTER TABLE "t_thing" ALTER COLUMN "f" DROP DEFAULT;'],
    after: ['t_thing_pkey', '|', 't_thing_pkey'],
  },
];

function namesOf(table: string): string[] {
  const idx = conn.execute(`SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '${table}'::regclass ORDER BY 1`).rows.map((r) => r[0]!);
  const con = conn.execute(`SELECT conname FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype <> 'n' ORDER BY 1`).rows.map((r) => r[0]!);
  return [...idx, '|', ...con];
}

describe('single-field alterations (oracle)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const s = state([model('t', 'Thing', [['id', ID()], ['f', c.old()]])]);
      apply(conn, (se) => se.createModel(getModel(s, 't.Thing')));
      const step = alterInState(s, 't', 'Thing', 'f', c.new());
      expect(collectAndApply(conn, (se) => step.run(se))).toEqual(c.sql);
      expect(namesOf('t_thing')).toEqual(c.after);
    });
  }
});

describe('one-off defaults evaluated per call (10-add-field-questioner 0005 rewritten)', () => {
  it('nullable UUID → not null unique: SET DEFAULT, UPDATE and DROP DEFAULT each evaluate uuid4', () => {
    const s = state([
      model('store', 'Customer', [
        ['id', ID()],
        ['name', fld('CharField', { max_length: 100n })],
        ['token', fld('UUIDField', { default: UUID4, null: true })],
      ]),
    ]);
    apply(conn, (se) => se.createModel(getModel(s, 'store.Customer')));
    const step = alterInState(s, 'store', 'Customer', 'token', fld('UUIDField', { default: UUID4, unique: true }));
    const sql = collectAndApply(conn, (se) => step.run(se));
    expect(anyUuid(sql)).toEqual([
      `ALTER TABLE "store_customer" ALTER COLUMN "token" SET DEFAULT '<uuid>'::uuid;`,
      `UPDATE "store_customer" SET "token" = '<uuid>'::uuid WHERE "token" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;`,
      'ALTER TABLE "store_customer" ALTER COLUMN "token" SET NOT NULL;',
      'ALTER TABLE "store_customer" ADD CONSTRAINT "store_customer_token_c0bdab13_uniq" UNIQUE ("token");',
      'ALTER TABLE "store_customer" ALTER COLUMN "token" DROP DEFAULT;',
    ]);
  });
});

/** Alterations involving keys and relations, recorded from Django 5.2.18 (oracle probe t13). */
describe('keys and relations (oracle)', () => {
  const idf = () => fld('BigAutoField', { primary_key: true });
  type Case = {
    name: string;
    models: ReturnType<typeof model>[];
    mutate: (s: ProjectState) => void;
    target: [string, string, string];
    sqlmigrate: string[];
    migrate?: string[];
  };
  const cases: Case[] = [
    {
      name: 'IntegerField pk → AutoField: identity added',
      models: [model('a', 'T', [['id', fld('IntegerField', { primary_key: true })]])],
      mutate: (s) => s.alterField('a', 't', 'id', fld('AutoField', { primary_key: true }), true),
      target: ['a', 'T', 'id'],
      sqlmigrate: ['ALTER TABLE "a_t" ALTER COLUMN "id" TYPE integer;', 'ALTER TABLE "a_t" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY;'],
    },
    {
      name: 'BigAutoField → BigIntegerField pk: identity dropped first, the sequence only if it still exists',
      models: [model('a', 'T', [['id', idf()]]), model('a', 'R', [['id', idf()], ['t', fk('a.t')]])],
      mutate: (s) => s.alterField('a', 't', 'id', fld('BigIntegerField', { primary_key: true }), true),
      target: ['a', 'T', 'id'],
      sqlmigrate: [
        'ALTER TABLE "a_t" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;',
        'ALTER TABLE "a_t" ALTER COLUMN "id" TYPE bigint;',
        'DROP SEQUENCE IF EXISTS "a_t_id_seq" CASCADE;',
      ],
      migrate: ['ALTER TABLE "a_t" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;', 'ALTER TABLE "a_t" ALTER COLUMN "id" TYPE bigint;'],
    },
    {
      name: 'FK retargeted',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'Q', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p')]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.q'), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_id" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id";',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_q_id" FOREIGN KEY ("p_id") REFERENCES "a_q" ("id") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'FK db_constraint=False',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p')]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.p', { db_constraint: false }), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: ['SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_id" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id";'],
    },
    {
      name: 'FK db_constraint back on',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p', { db_constraint: false })]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.p'), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: ['ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id" FOREIGN KEY ("p_id") REFERENCES "a_p" ("id") DEFERRABLE INITIALLY DEFERRED;'],
    },
    {
      name: 'FK null=True: the constraint is dropped and recreated around the change',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p')]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.p', { null: true }), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_id" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id";',
        'ALTER TABLE "a_c" ALTER COLUMN "p_id" DROP NOT NULL;',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id" FOREIGN KEY ("p_id") REFERENCES "a_p" ("id") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'ForeignKey → OneToOneField',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p')]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.p', {}, 'OneToOneField'), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_id" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id";',
        'DROP INDEX IF EXISTS "a_c_p_id_3eb4aae5";',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_uniq" UNIQUE ("p_id");',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id" FOREIGN KEY ("p_id") REFERENCES "a_p" ("id") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'OneToOneField → ForeignKey',
      models: [model('a', 'P', [['id', idf()]]), model('a', 'C', [['id', idf()], ['p', fk('a.p', {}, 'OneToOneField')]])],
      mutate: (s) => s.alterField('a', 'c', 'p', fk('a.p'), true),
      target: ['a', 'C', 'p'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_id" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id";',
        'ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_key";',
        'CREATE INDEX "a_c_p_id_3eb4aae5" ON "a_c" ("p_id");',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_id" FOREIGN KEY ("p_id") REFERENCES "a_p" ("id") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'CharField pk widened: referencing column follows, FK recreated with _fk',
      models: [model('a', 'P', [['code', fld('CharField', { max_length: 10n, primary_key: true })]]), model('a', 'C', [['id', idf()], ['p', fk('a.p')]])],
      mutate: (s) => s.alterField('a', 'p', 'code', fld('CharField', { max_length: 20n, primary_key: true }), true),
      target: ['a', 'P', 'code'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_code" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_code";',
        'ALTER TABLE "a_p" ALTER COLUMN "code" TYPE varchar(20);',
        'ALTER TABLE "a_c" ALTER COLUMN "p_id" TYPE varchar(20) USING "p_id"::varchar(20);',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk" FOREIGN KEY ("p_id") REFERENCES "a_p" ("code") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'to_field target widened',
      models: [
        model('a', 'P', [['id', idf()], ['code', fld('CharField', { max_length: 10n, unique: true })]]),
        model('a', 'C', [['id', idf()], ['p', fk('a.p', { to_field: 'code' })]]),
      ],
      mutate: (s) => s.alterField('a', 'p', 'code', fld('CharField', { max_length: 20n, unique: true }), true),
      target: ['a', 'P', 'code'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_c_p_id_3eb4aae5_fk_a_p_code" IMMEDIATE; ALTER TABLE "a_c" DROP CONSTRAINT "a_c_p_id_3eb4aae5_fk_a_p_code";',
        'ALTER TABLE "a_p" ALTER COLUMN "code" TYPE varchar(20);',
        'ALTER TABLE "a_c" ALTER COLUMN "p_id" TYPE varchar(20) USING "p_id"::varchar(20);',
        'ALTER TABLE "a_c" ADD CONSTRAINT "a_c_p_id_3eb4aae5_fk" FOREIGN KEY ("p_id") REFERENCES "a_p" ("code") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'primary key → plain field: pkey and _like index dropped',
      models: [model('a', 'T', [['code', fld('CharField', { max_length: 10n, primary_key: true })], ['n', fld('IntegerField')]])],
      mutate: (s) => s.alterField('a', 't', 'code', fld('CharField', { max_length: 10n }), true),
      target: ['a', 'T', 'code'],
      sqlmigrate: ['ALTER TABLE "a_t" DROP CONSTRAINT "a_t_pkey";', 'DROP INDEX IF EXISTS "a_t_code_8866c915_like";'],
    },
    {
      name: 'M2M retargeted: the through FK column is renamed and repointed',
      models: [model('a', 'Tag', [['id', idf()]]), model('a', 'Label', [['id', idf()]]), model('a', 'Post', [['id', idf()], ['tags', fld('ManyToManyField', { to: 'a.tag' })]])],
      mutate: (s) => s.alterField('a', 'post', 'tags', fld('ManyToManyField', { to: 'a.label' }), true),
      target: ['a', 'Post', 'tags'],
      sqlmigrate: [
        'SET CONSTRAINTS "a_post_tags_tag_id_ed7c0926_fk_a_tag_id" IMMEDIATE; ALTER TABLE "a_post_tags" DROP CONSTRAINT "a_post_tags_tag_id_ed7c0926_fk_a_tag_id";',
        'ALTER TABLE "a_post_tags" RENAME COLUMN "tag_id" TO "label_id";',
        'ALTER TABLE "a_post_tags" ADD CONSTRAINT "a_post_tags_label_id_cef40319_fk_a_label_id" FOREIGN KEY ("label_id") REFERENCES "a_label" ("id") DEFERRABLE INITIALLY DEFERRED;',
      ],
    },
    {
      name: 'M2M db_table: the through table is renamed',
      models: [model('a', 'Tag', [['id', idf()]]), model('a', 'Post', [['id', idf()], ['tags', fld('ManyToManyField', { to: 'a.tag' })]])],
      mutate: (s) => s.alterField('a', 'post', 'tags', fld('ManyToManyField', { to: 'a.tag', db_table: 'post_tag_links' }), true),
      target: ['a', 'Post', 'tags'],
      sqlmigrate: ['ALTER TABLE "a_post_tags" RENAME TO "post_tag_links";'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s1 = state(c.models);
      apply(conn, (se) => c.models.forEach((m) => se.createModel(getModel(s1, `${m.appLabel}.${m.name}`))));
      const s2 = s1.clone();
      c.mutate(s2);
      const [app, name, field] = c.target;
      const m1 = s1.apps.getModel(app, name);
      const m2 = s2.apps.getModel(app, name);
      const body = (se: Parameters<Parameters<typeof collect>[1]>[0]) =>
        se.alterField(m1, m1.getField(field), m2.getField(field), false, { from: s1.apps, to: s2.apps });
      expect(collect(conn, body)).toEqual(c.sqlmigrate);
      conn.execute('SELECT 1');
      const executed: string[] = [];
      const original = conn.execute.bind(conn);
      conn.execute = ((sql: string, params?: never) => {
        if (!/^(SELECT|\s*SELECT|BEGIN|COMMIT|SAVEPOINT|RELEASE|ROLLBACK)/.test(sql) && !sql.includes('pg_catalog') && !sql.includes('FROM pg_')) executed.push(`${sql};`);
        return original(sql, params);
      }) as typeof conn.execute;
      try {
        apply(conn, body);
      } finally {
        conn.execute = original;
      }
      expect(executed).toEqual(c.migrate ?? c.sqlmigrate);
    });
  }

  it('GeneratedField changes and M2M ↔ FK are refused like Django', () => {
    const s1 = state([
      model('a', 'Tag', [['id', idf()]]),
      model('a', 'Post', [
        ['id', idf()],
        ['tags', fld('ManyToManyField', { to: 'a.tag' })],
      ]),
    ]);
    const s2 = s1.clone();
    s2.alterField('a', 'post', 'tags', fk('a.tag'), true);
    const m1 = s1.apps.getModel('a', 'Post');
    const m2 = s2.apps.getModel('a', 'Post');
    expect(() => collect(conn, (se) => se.alterField(m1, m1.getField('tags'), m2.getField('tags')))).toThrow(
      'Cannot alter field a.Post.tags into a.Post.tags - they are not compatible types (you cannot alter to or from M2M fields, or add or remove through= on M2M fields)',
    );
  });
});
