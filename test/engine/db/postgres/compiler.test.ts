/**
 * Check-constraint conditions compiled like Django's `Query(model, alias_cols=False)` +
 * WhereNode on PostgreSQL. Every expectation was printed by Django 5.2.18
 * (`CheckConstraint(condition=…)._get_check_sql(model, schema_editor)`, oracle probe t3), and
 * each compiled constraint is added to a real table to prove PostgreSQL accepts it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PyException, PyTuple, type PyValue, None } from '../../../../src/engine/python/objects.ts';
import { type Q as QObject } from '../../../../src/engine/state/expressions.ts';
import { type TestDb, openTestDb, resetDb } from './db.ts';
import { F, Q, Value, apply, check, collect, fk, fld, func, getModel, model, not, or, state, xor } from './helpers.ts';

let conn: TestDb;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});
beforeEach(() => resetDb(conn));

const s = () =>
  state([
    model('shop', 'Author', [
      ['id', fld('BigAutoField', { primary_key: true })],
      ['name', fld('CharField', { max_length: 10n })],
    ]),
    model('shop', 'Item', [
      ['id', fld('BigAutoField', { primary_key: true })],
      ['name', fld('CharField', { max_length: 10n })],
      ['note', fld('TextField', { null: true })],
      ['n', fld('IntegerField')],
      ['m', fld('IntegerField', { null: true })],
      ['p', fld('DecimalField', { max_digits: 5n, decimal_places: 2n })],
      ['flag', fld('BooleanField')],
      ['nflag', fld('BooleanField', { null: true })],
      ['f', fld('FloatField', { null: true })],
      ['author', fk('shop.author', { null: true })],
      ['u', fld('UUIDField', { null: true })],
      ['small', fld('SmallIntegerField', { default: 0n })],
      ['j', fld('JSONField', { null: true })],
    ]),
  ]);

const q = (kw: Record<string, PyValue>) => Q(kw);
const neg = (kw: Record<string, PyValue>) => not(Q(kw));

const CASES: [string, QObject, string][] = [
  ['gte', q({ n__gte: 0n }), '"n" >= 0'],
  ['negated exact on NOT NULL column', neg({ name: '' }), `NOT ("name" = '')`],
  ['negated exact on nullable column', neg({ m: 1n }), 'NOT ("m" = 1 AND "m" IS NOT NULL)'],
  ['negated exact on nullable text', neg({ note: 'x' }), `NOT ("note" = 'x' AND "note" IS NOT NULL)`],
  [
    'XOR of two',
    xor(q({ n__gt: 1n }), q({ m__lt: 2n })),
    '(("n" > 1 OR "m" < 2) AND 1 = (CASE WHEN "n" > 1 THEN 1 ELSE 0 END + CASE WHEN "m" < 2 THEN 1 ELSE 0 END))',
  ],
  [
    'XOR of three',
    xor(xor(q({ n: 1n }), q({ m: 2n })), q({ flag: true })),
    '(("n" = 1 OR "m" = 2 OR "flag") AND 1 = (MOD(((CASE WHEN "n" = 1 THEN 1 ELSE 0 END + CASE WHEN "m" = 2 THEN 1 ELSE 0 END) + CASE WHEN "flag" THEN 1 ELSE 0 END), 2)))',
  ],
  ['isnull True', q({ m__isnull: true }), '"m" IS NULL'],
  ['isnull False', q({ m__isnull: false }), '"m" IS NOT NULL'],
  ['negated isnull', neg({ m__isnull: true }), 'NOT ("m" IS NULL)'],
  ['in drops None and duplicates', q({ n__in: new PyTuple([1n, 2n, None, 2n]) }), '"n" IN (1, 2)'],
  ['range', q({ n__range: new PyTuple([1n, 5n]) }), '"n" BETWEEN 1 AND 5'],
  ['iexact', q({ name__iexact: 'Ab' }), `UPPER("name"::text) = UPPER('Ab')`],
  ['startswith escapes _', q({ name__startswith: 'a_' }), String.raw`"name"::text LIKE 'a\_%'`],
  ['endswith escapes %', q({ name__endswith: '%' }), String.raw`"name"::text LIKE '%\%'`],
  ['icontains', q({ name__icontains: 'x' }), `UPPER("name"::text) LIKE UPPER('%x%')`],
  ['istartswith', q({ name__istartswith: 'x' }), `UPPER("name"::text) LIKE UPPER('x%')`],
  ['contains on an integer column', q({ n__contains: 5n }), `"n"::text LIKE '%5%'`],
  ['exact None', q({ m: None }), '"m" IS NULL'],
  ['negated exact None', neg({ m: None }), 'NOT ("m" IS NULL)'],
  ['boolean False', q({ flag: false }), 'NOT "flag"'],
  ['negated boolean True', neg({ flag: true }), 'NOT ("flag")'],
  ['negated nullable boolean', neg({ nflag: true }), 'NOT ("nflag" AND "nflag" IS NOT NULL)'],
  ['nullable boolean False', q({ nflag: false }), 'NOT "nflag"'],
  ['F on the right is parenthesised', q({ n__lt: F('m') }), '"n" < ("m")'],
  ['negated with a nullable F', neg({ n__lt: F('m') }), 'NOT ("n" < ("m") AND "m" IS NOT NULL)'],
  ['negated nullable lhs, F on a NOT NULL column', neg({ m__lt: F('n') }), 'NOT ("m" < ("n") AND "m" IS NOT NULL)'],
  ['two kwargs (sorted)', q({ n: 1n, name: 'a' }), `("n" = 1 AND "name" = 'a')`],
  ['OR chain', or(or(q({ n: 1n }), q({ n: 2n })), q({ n: 3n })), '("n" = 1 OR "n" = 2 OR "n" = 3)'],
  ['nested Q with a kwarg', Q({ name: 'x' }, or(q({ n: 1n }), q({ n: 2n }))), `(("n" = 1 OR "n" = 2) AND "name" = 'x')`],
  ['negated AND', not(Q({}, q({ n: 1n }), q({ m: 2n }))), 'NOT ("n" = 1 AND "m" = 2 AND "m" IS NOT NULL)'],
  ['negated OR', not(or(q({ n: 1n }), q({ m: 2n }))), 'NOT ("n" = 1 OR ("m" = 2 AND "m" IS NOT NULL))'],
  ['decimal from a float (context precision = max_digits)', q({ p__gte: 0.1 }), '"p" >= 0.10000'],
  ['decimal from an int', q({ p__gte: 3n }), '"p" >= 3'],
  ['float column from an int', q({ f__gte: 1n }), '"f" >= 1.0'],
  ['float column', q({ f__gt: 1.5 }), '"f" > 1.5'],
  ['integer gte rounds a float up', q({ n__gte: 1.5 }), '"n" >= 2'],
  ['integer lt rounds a float up', q({ n__lt: 1.5 }), '"n" < 2'],
  ['negative numbers get psycopg2 spacing', q({ n__gte: -5n }), '"n" >=  -5'],
  ['FK by name', q({ author: 1n }), '"author_id" = 1'],
  ['FK by attname', q({ author_id: 3n }), '"author_id" = 3'],
  ['FK isnull', q({ author__isnull: true }), '"author_id" IS NULL'],
  ['UUID from hex', q({ u: '12345678123456781234567812345678' }), `"u" = '12345678-1234-5678-1234-567812345678'::uuid`],
  ['in on strings', q({ name__in: new PyTuple(['a', 'b']) }), `"name" IN ('a', 'b')`],
  ['Value on the right is not parenthesised', q({ n__gt: Value(5n) }), '"n" > 5'],
  ['function on the right', q({ name: func('Lower', 'name') }), '"name" = (LOWER("name"))'],
  ['regex', q({ name__regex: '^a' }), `"name"::text ~ '^a'`],
  ['json isnull', q({ j__isnull: false }), '"j" IS NOT NULL'],
  ['True on an integer column is 1', q({ n: true }), '"n" = 1'],
  ['pk alias', q({ pk__gt: 0n }), '"id" > 0'],
  [
    'contains an F: pattern escaping done in SQL',
    q({ name__contains: F('note') }),
    String.raw`"name"::text LIKE '%' || REPLACE(REPLACE(REPLACE(("note"), E'\\', E'\\\\'), E'%', E'\\%'), E'_', E'\\_') || '%'`,
  ],
  ['OR with a negated child', or(neg({ name: 'a' }), q({ n__gt: 0n })), `(NOT ("name" = 'a') OR "n" > 0)`],
  ['Q(_connector=OR) with kwargs sorted', Q({ _connector: 'OR', n: 1n, m: 2n }), '("m" = 2 OR "n" = 1)'],
  ['Q(_negated=True)', Q({ n__gt: 1n, _negated: true }), 'NOT ("n" > 1)'],
];

describe('check constraint conditions', () => {
  for (const [name, cond, expected] of CASES) {
    it(name, () => {
      const st = s();
      const item = getModel(st, 'shop.Item');
      apply(conn, (se) => {
        se.createModel(getModel(st, 'shop.Author'));
        se.createModel(item);
      });
      const c = check('c', cond);
      const sql = collect(conn, (se) => se.addConstraint(item, c));
      expect(sql).toEqual([`ALTER TABLE "shop_item" ADD CONSTRAINT "c" CHECK (${expected});`]);
      apply(conn, (se) => se.addConstraint(item, c));
    });
  }

  const pyErrorOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof PyException) return e.lastLine;
      return String(e);
    }
    return 'no error';
  };

  it('conditions that match everything or nothing raise like Django', () => {
    const item = getModel(s(), 'shop.Item');
    const run = (cond: QObject) => pyErrorOf(() => collect(conn, (se) => se.addConstraint(item, check('c', cond))));
    expect(run(q({ n__gte: -(2n ** 40n) }))).toMatch(/FullResultSet/);
    expect(run(q({ small__gt: 100000n }))).toMatch(/EmptyResultSet/);
    expect(run(q({ n__in: new PyTuple([]) }))).toMatch(/EmptyResultSet/);
    expect(run(q({ author__id: 2n }))).toMatch(/FieldError.*Joined field references are not permitted in this query/);
    expect(run(q({ nope: 1n }))).toMatch(/FieldError.*Cannot resolve keyword 'nope' into field/);
  });
});
