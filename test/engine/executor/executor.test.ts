/**
 * MigrationExecutor on real PGlite: plans across apps, dependents unapplied first, atomic
 * rollback of a failing migration, atomic = False, IrreversibleError, --fake, --fake-initial,
 * squashed migrations used or not depending on what is applied, mixed plans. Each behaviour was
 * checked against Django 5.2 in the test/parity-migrate scenarios; these tests pin it down at
 * the executor level with migrations built in TypeScript.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { DatabaseError } from '../../../src/engine/db/types.ts';
import { PostgresIntrospection } from '../../../src/engine/db/postgres/introspection.ts';
import { MigrationExecutor, type Target } from '../../../src/engine/executor/executor.ts';
import type { MigrationLoader } from '../../../src/engine/migrations/loader.ts';
import { Dependency, type Migration } from '../../../src/engine/migrations/migration.ts';
import { makeOp } from '../../../src/engine/operations/base.ts';
import { AddField } from '../../../src/engine/operations/fields.ts';
import { CreateModel } from '../../../src/engine/operations/models.ts';
import { RunSQLClass } from '../../../src/engine/operations/special.ts';
import { PyException } from '../../../src/engine/python/objects.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { openTestDb, resetDb } from '../db/postgres/db.ts';
import { fk, fld } from '../db/postgres/helpers.ts';
import { TestLoader, chain, makeSchemaEditor, migration, migrate } from './helpers.ts';

const ID = (): Field => fld('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });
const sql = (forwards: string, reverse?: string) => makeOp(RunSQLClass, reverse === undefined ? { sql: forwards } : { sql: forwards, reverse_sql: reverse });

let conn: PGliteConnection;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

function tables(): string[] {
  conn.newSession();
  return new PostgresIntrospection(conn).tableNames().filter((t) => t !== 'django_migrations');
}
function columns(table: string): string[] {
  conn.newSession();
  return new PostgresIntrospection(conn).getTableDescription(table).map((c) => c.name);
}
function recorded(): string[] {
  conn.newSession();
  const r = conn.execute(`SELECT app, name FROM django_migrations ORDER BY id`);
  return r.rows.map(([a, n]) => `${a}.${n}`);
}
function pyError(fn: () => void): PyException {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyException) return e;
    throw e;
  }
  throw new Error('no exception');
}

/** shop: Product, then a `stock` column; crm: Order pointing at shop.Product (after shop 0002). */
function shopAndCrm(): Migration[] {
  const shop = chain('shop', [
    ['0001_initial', [CreateModel.create('Product', [['id', ID()], ['name', fld('CharField', { max_length: 50n })]])]],
    ['0002_product_stock', [AddField.create('product', 'stock', fld('IntegerField', { default: 0n }))]],
  ]);
  const crm = migration('crm', '0001_initial', null, [CreateModel.create('Order', [['id', ID()], ['product', fk('shop.product')]])]);
  crm.dependencies = [new Dependency('shop', '0002_product_stock')];
  return [...shop, crm];
}

describe('plans', () => {
  it('forwards: dependencies in other apps first; backwards: dependents unapplied first', () => {
    const ms = shopAndCrm();
    const events: string[] = [];
    migrate(conn, ms, ['crm', '0001_initial'], { events });
    expect(events.filter((e) => e.startsWith('apply_start'))).toEqual([
      'apply_start shop.0001_initial',
      'apply_start shop.0002_product_stock',
      'apply_start crm.0001_initial',
    ]);
    expect(tables()).toEqual(['crm_order', 'shop_product']);

    events.length = 0;
    migrate(conn, ms, ['shop', '0001_initial'], { events });
    expect(events).toEqual([
      'render_start',
      'render_success',
      'unapply_start crm.0001_initial',
      'unapply_success crm.0001_initial',
      'unapply_start shop.0002_product_stock',
      'unapply_success shop.0002_product_stock',
    ]);
    expect(tables()).toEqual(['shop_product']);
    expect(columns('shop_product')).toEqual(['id', 'name']);
    expect(recorded()).toEqual(['shop.0001_initial']);

    migrate(conn, ms, ['shop', null]);
    expect(tables()).toEqual([]);
    expect(recorded()).toEqual([]);
  });

  it('refuses a plan with both directions', () => {
    const ms = shopAndCrm();
    migrate(conn, ms, ['shop', '0001_initial']);
    const loader = new TestLoader(conn, ms);
    const executor = new MigrationExecutor(conn, loader as unknown as MigrationLoader, makeSchemaEditor);
    const e = pyError(() => executor.migrate([], { plan: [[ms[1]!, false], [ms[0]!, true]] }));
    expect(e.pyClass.name).toBe('InvalidMigrationPlan');
    // str() of an exception with two arguments: the tuple.
    expect(e.message).toBe(
      "('Migration plans with both forwards and backwards migrations are not supported. Please split your migration process into separate plans of only forwards OR backwards migrations.', " +
        '[(<Migration shop.0002_product_stock>, False), (<Migration shop.0001_initial>, True)])',
    );
  });
});

describe('atomic migrations', () => {
  const broken = (atomic: boolean) =>
    chain('shop', [
      ['0001_initial', [CreateModel.create('Item', [['id', ID()], ['name', fld('CharField', { max_length: 50n })]])]],
      [
        '0002_broken',
        [
          AddField.create('item', 'price', fld('IntegerField', { default: 0n })),
          sql("INSERT INTO shop_item (name, price) VALUES ('first', 1)"),
          sql("INSERT INTO shop_missing (name) VALUES ('x')"),
        ],
      ],
    ]).map((m) => {
      if (m.name === '0002_broken') m.atomic = atomic;
      return m;
    });

  it('a failing statement rolls the whole migration back and records nothing', () => {
    const ms = broken(true);
    migrate(conn, ms, ['shop', '0001_initial']);
    expect(() => migrate(conn, ms, ['shop', '0002_broken'])).toThrow(DatabaseError);
    expect(columns('shop_item')).toEqual(['id', 'name']);
    expect(conn.execute('SELECT count(*) FROM shop_item').rows[0]![0]).toBe('0');
    expect(recorded()).toEqual(['shop.0001_initial']);
  });

  it('atomic = False keeps what ran before the failure, still unrecorded', () => {
    const ms = broken(false);
    migrate(conn, ms, ['shop', '0001_initial']);
    expect(() => migrate(conn, ms, ['shop', '0002_broken'])).toThrow(DatabaseError);
    expect(columns('shop_item')).toEqual(['id', 'name', 'price']);
    expect(conn.execute('SELECT name, price FROM shop_item').rows).toEqual([['first', '1']]);
    expect(recorded()).toEqual(['shop.0001_initial']);
  });
});

describe('irreversible operations', () => {
  it('IrreversibleError names the operation and the migration; nothing is undone', () => {
    const ms = chain('shop', [
      ['0001_initial', [CreateModel.create('Item', [['id', ID()]])]],
      ['0002_seed', [sql('INSERT INTO shop_item DEFAULT VALUES', 'DELETE FROM shop_item'), sql('SELECT 1')]],
    ]);
    migrate(conn, ms, ['shop', '0002_seed']);
    const e = pyError(() => migrate(conn, ms, ['shop', '0001_initial']));
    expect(e.pyClass.name).toBe('IrreversibleError');
    // Operation.__repr__ of RunSQL(sql='SELECT 1'): keyword arguments after two spaces.
    expect(e.message).toBe("Operation <RunSQL  sql='SELECT 1'> in shop.0002_seed is not reversible");
    expect(conn.execute('SELECT count(*) FROM shop_item').rows[0]![0]).toBe('1');
    expect(recorded()).toEqual(['shop.0001_initial', 'shop.0002_seed']);
  });

  it('RunSQL.noop reverses to nothing', () => {
    const ms = chain('shop', [
      ['0001_initial', [CreateModel.create('Item', [['id', ID()]])]],
      ['0002_seed', [sql('INSERT INTO shop_item DEFAULT VALUES', '')]],
    ]);
    migrate(conn, ms, ['shop', '0002_seed']);
    migrate(conn, ms, ['shop', '0001_initial']);
    expect(conn.execute('SELECT count(*) FROM shop_item').rows[0]![0]).toBe('1');
    expect(recorded()).toEqual(['shop.0001_initial']);
  });
});

describe('fake and fake-initial', () => {
  it('--fake records and unrecords without touching the schema', () => {
    const ms = shopAndCrm();
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0002_product_stock'], { fake: true, events });
    expect(events.filter((e) => e.startsWith('apply_success'))).toEqual([
      'apply_success shop.0001_initial (fake)',
      'apply_success shop.0002_product_stock (fake)',
    ]);
    expect(tables()).toEqual([]);
    expect(recorded()).toEqual(['shop.0001_initial', 'shop.0002_product_stock']);
    migrate(conn, ms, ['shop', null], { fake: true });
    expect(recorded()).toEqual([]);
  });

  it('--fake-initial fakes an initial migration whose tables exist, and applies the rest', () => {
    const ms = shopAndCrm();
    conn.execute('CREATE TABLE shop_product (id bigint PRIMARY KEY, name varchar(50) NOT NULL)');
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0002_product_stock'], { fakeInitial: true, events });
    expect(events.filter((e) => e.startsWith('apply_success'))).toEqual([
      'apply_success shop.0001_initial (fake)',
      'apply_success shop.0002_product_stock',
    ]);
    expect(columns('shop_product')).toEqual(['id', 'name', 'stock']);
  });

  it('--fake-initial applies an initial migration when one of its tables is missing', () => {
    const ms = shopAndCrm();
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0001_initial'], { fakeInitial: true, events });
    expect(events).toContain('apply_success shop.0001_initial');
    expect(tables()).toEqual(['shop_product']);
  });
});

describe('squashed migrations', () => {
  function squashed(): Migration[] {
    const ms = chain('shop', [
      ['0001_initial', [CreateModel.create('Item', [['id', ID()]])]],
      ['0002_item_name', [AddField.create('item', 'name', fld('CharField', { max_length: 20n, default: '' }))]],
      ['0003_item_size', [AddField.create('item', 'size', fld('IntegerField', { default: 0n }))]],
    ]);
    const squash = migration('shop', '0001_squashed_0002_item_name', null, [
      CreateModel.create('Item', [
        ['id', ID()],
        ['name', fld('CharField', { max_length: 20n, default: '' })],
      ]),
    ]);
    squash.replaces = [
      ['shop', '0001_initial'],
      ['shop', '0002_item_name'],
    ];
    return [...ms, squash];
  }

  it('a fresh database runs the squash and records it with the migrations it replaces', () => {
    const ms = squashed();
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0003_item_size'], { events });
    expect(events.filter((e) => e.startsWith('apply_start'))).toEqual(['apply_start shop.0001_squashed_0002_item_name', 'apply_start shop.0003_item_size']);
    expect(recorded()).toEqual(['shop.0001_initial', 'shop.0002_item_name', 'shop.0003_item_size', 'shop.0001_squashed_0002_item_name']);
    expect(columns('shop_item')).toEqual(['id', 'name', 'size']);
  });

  it('a partly applied squash runs the remaining replaced migrations, then is recorded', () => {
    const ms = squashed();
    migrate(conn, ms.filter((m) => m.replaces.length === 0), ['shop', '0001_initial']);
    const loader = new TestLoader(conn, ms);
    expect(loader.graph.has(['shop', '0001_squashed_0002_item_name'])).toBe(false);
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0003_item_size'], { events });
    expect(events.filter((e) => e.startsWith('apply_start'))).toEqual(['apply_start shop.0002_item_name', 'apply_start shop.0003_item_size']);
    expect(recorded()).toEqual(['shop.0001_initial', 'shop.0002_item_name', 'shop.0003_item_size', 'shop.0001_squashed_0002_item_name']);
  });

  it('unapplying a squash unrecords it and everything it replaces', () => {
    const ms = squashed();
    migrate(conn, ms, ['shop', '0003_item_size']);
    migrate(conn, ms, ['shop', null]);
    expect(recorded()).toEqual([]);
    expect(tables()).toEqual([]);
  });

  it('a replaced migration as backwards target rebuilds the graph without replacements', () => {
    const ms = squashed();
    migrate(conn, ms, ['shop', '0003_item_size']);
    const events: string[] = [];
    migrate(conn, ms, ['shop', '0001_initial'], { events });
    expect(events.filter((e) => e.startsWith('unapply_start'))).toEqual(['unapply_start shop.0003_item_size', 'unapply_start shop.0002_item_name']);
    expect(columns('shop_item')).toEqual(['id']);
    // The squash stays recorded (Django only unrecords what it unapplied), but counts as unapplied.
    expect(recorded()).toEqual(['shop.0001_initial', 'shop.0001_squashed_0002_item_name']);
    expect(new TestLoader(conn, ms).isApplied(['shop', '0001_squashed_0002_item_name'])).toBe(false);
  });
});

describe('state', () => {
  it('the returned state includes every applied migration', () => {
    const ms = shopAndCrm();
    migrate(conn, ms, ['crm', '0001_initial']);
    conn.newSession();
    const loader = new TestLoader(conn, ms);
    const executor = new MigrationExecutor(conn, loader as unknown as MigrationLoader, makeSchemaEditor);
    const targets: Target[] = [['shop', '0002_product_stock']];
    const state = executor.migrate(targets, { plan: executor.migrationPlan(targets) });
    expect([...state.models.keys()].sort()).toEqual(['crm.order', 'shop.product']);
    expect([...state.models.get('shop.product')!.fields.keys()]).toEqual(['id', 'name', 'stock']);
  });
});
