/**
 * The introspection calls inspectdb adds to the schema editor's: primary key columns (composite
 * ones in key order), relations (first column of a composite foreign key, same schema only), and
 * the table list's kinds (t / v / p) and comments.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { PostgresIntrospection } from '../../../src/engine/db/postgres/introspection.ts';
import { type TestDb, openTestDb, resetDb } from '../db/postgres/db.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

it('primary key columns, relations and table kinds', () => {
  conn.execute(`
    CREATE TABLE grid (x int, y int, PRIMARY KEY (y, x));
    CREATE TABLE cell (id serial PRIMARY KEY, gx int, gy int, FOREIGN KEY (gy, gx) REFERENCES grid (y, x));
    CREATE TABLE plain (n int UNIQUE);
    CREATE SCHEMA other; CREATE TABLE other.far (id int PRIMARY KEY);
    CREATE TABLE near (far_id int REFERENCES other.far (id), cell_id int REFERENCES cell (id));
    CREATE VIEW v AS SELECT * FROM grid;
    CREATE TABLE m (d date NOT NULL) PARTITION BY RANGE (d);
    CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
    COMMENT ON TABLE m_2026 IS 'this year';
  `);
  const intro = new PostgresIntrospection(conn);
  expect(intro.getPrimaryKeyColumns('grid')).toEqual(['y', 'x']);
  expect(intro.getPrimaryKeyColumn('grid')).toBe('y');
  expect(intro.getPrimaryKeyColumns('cell')).toEqual(['id']);
  expect(intro.getPrimaryKeyColumns('plain')).toBeNull();
  expect(intro.getPrimaryKeyColumn('v')).toBeNull();
  expect(intro.getPrimaryKeyColumn('missing')).toBeNull();
  expect(Object.fromEntries(intro.getRelations('cell'))).toEqual({ gy: ['y', 'grid'] });
  // a foreign key into another schema is not a relation for inspectdb
  expect(Object.fromEntries(intro.getRelations('near'))).toEqual({ cell_id: ['id', 'cell'] });
  const kinds = intro
    .getTableList()
    .map((t) => [t.name, t.type, t.comment])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  expect(kinds).toEqual([
    ['cell', 't', null],
    ['grid', 't', null],
    ['m', 't', null],
    ['m_2026', 'p', 'this year'],
    ['near', 't', null],
    ['plain', 't', null],
    ['v', 'v', null],
  ]);
});
