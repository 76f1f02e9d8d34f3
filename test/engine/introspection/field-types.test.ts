/**
 * inspectdb's type mapping: what psycopg2's cursor.description reports for a RowDescription
 * field, Django's data_types_reverse (+ AutoField for serial/identity integer columns), and the
 * field parameters and notes `get_field_type` adds. The expected field lines of the database test
 * are Django 5.2.18's output for the same column types (test/parity-inspectdb/02-types).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATA_TYPES_REVERSE, PostgresIntrospection, cursorDescription, type FieldInfo } from '../../../src/engine/db/postgres/introspection.ts';
import { fieldTypeFor, inspectDatabase, metaLines } from '../../../src/engine/db/postgres/inspectdb.ts';
import { type TestDb, openTestDb, resetDb } from '../db/postgres/db.ts';

const VARHDRSZ = 4;
const numericMod = (precision: number, scale: number) => ((precision << 16) | (scale & 0x7ff)) + VARHDRSZ;

describe('cursorDescription (psycopg2)', () => {
  it('fixed-size types report their size', () => {
    expect(cursorDescription(23, 4, -1)).toEqual({ internalSize: 4, precision: null, scale: null });
    expect(cursorDescription(20, 8, -1)).toEqual({ internalSize: 8, precision: null, scale: null });
    expect(cursorDescription(2950, 16, -1)).toEqual({ internalSize: 16, precision: null, scale: null });
  });
  it('varchar(n)/char(n) report n, unlimited ones -1', () => {
    expect(cursorDescription(1043, -1, 10 + VARHDRSZ).internalSize).toBe(10);
    expect(cursorDescription(1042, -1, 8 + VARHDRSZ).internalSize).toBe(8);
    expect(cursorDescription(1043, -1, -1).internalSize).toBe(-1);
    expect(cursorDescription(25, -1, -1).internalSize).toBe(-1);
  });
  it('numeric: precision and scale from the modifier; 65535 both without one', () => {
    expect(cursorDescription(1700, -1, numericMod(3, 1))).toEqual({ internalSize: 3, precision: 3, scale: 1 });
    expect(cursorDescription(1700, -1, numericMod(10, 0))).toEqual({ internalSize: 10, precision: 10, scale: 0 });
    expect(cursorDescription(1700, -1, -1)).toEqual({ internalSize: -1, precision: 65535, scale: 65535 });
    // PostgreSQL 15+ negative scale: 11 bits of the modifier
    expect(cursorDescription(1700, -1, numericMod(5, -2))).toEqual({ internalSize: 5, precision: 5, scale: 2046 });
  });
});

const intro = new PostgresIntrospection(undefined as never);
const row = (typeCode: number, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name: 'c',
  typeCode,
  displaySize: null,
  internalSize: null,
  precision: null,
  scale: null,
  nullOk: false,
  default: null,
  collation: null,
  isAutofield: false,
  comment: null,
  ...extra,
});

describe('getFieldType (data_types_reverse)', () => {
  it('maps the type oids Django knows', () => {
    expect(Object.fromEntries(DATA_TYPES_REVERSE)).toEqual({
      16: 'BooleanField',
      17: 'BinaryField',
      20: 'BigIntegerField',
      21: 'SmallIntegerField',
      23: 'IntegerField',
      25: 'TextField',
      700: 'FloatField',
      701: 'FloatField',
      869: 'GenericIPAddressField',
      1042: 'CharField',
      1043: 'CharField',
      1082: 'DateField',
      1083: 'TimeField',
      1114: 'DateTimeField',
      1184: 'DateTimeField',
      1186: 'DurationField',
      1266: 'TimeField',
      1700: 'DecimalField',
      2950: 'UUIDField',
      3802: 'JSONField',
    });
    for (const [oid, name] of DATA_TYPES_REVERSE) expect(intro.getFieldType(oid, row(oid))).toBe(name);
  });
  it('unknown types (json, money, arrays, enums…) have no mapping', () => {
    for (const oid of [114, 790, 1007, 1009, 650, 829, 142, 3614, 3904, 26, 19, 18]) expect(intro.getFieldType(oid, row(oid))).toBeNull();
  });
  it('identity and nextval() integer columns are AutoFields', () => {
    expect(intro.getFieldType(23, row(23, { isAutofield: true }))).toBe('AutoField');
    expect(intro.getFieldType(20, row(20, { isAutofield: true }))).toBe('BigAutoField');
    expect(intro.getFieldType(21, row(21, { isAutofield: true }))).toBe('SmallAutoField');
    expect(intro.getFieldType(23, row(23, { default: "nextval('t_id_seq'::regclass)" }))).toBe('AutoField');
    expect(intro.getFieldType(20, row(20, { default: "nextval('public.other_seq'::regclass)" }))).toBe('BigAutoField');
    // only integer types become AutoFields
    expect(intro.getFieldType(1700, row(1700, { default: "nextval('s'::regclass)" }))).toBe('DecimalField');
    expect(intro.getFieldType(25, row(25, { default: "'nextval'::text" }))).toBe('TextField');
  });
});

describe('fieldTypeFor (get_field_type)', () => {
  const ft = (r: FieldInfo) => {
    const t = fieldTypeFor(intro, r);
    return [t.fieldType, Object.fromEntries(t.params), t.notes];
  };
  it('CharField gets max_length when the size is known', () => {
    expect(ft(row(1043, { displaySize: 40 }))).toEqual(['CharField', { max_length: 40 }, []]);
    expect(ft(row(1043, { displaySize: -1 }))).toEqual(['CharField', {}, []]);
  });
  it('db_collation for CharField and TextField only', () => {
    expect(ft(row(1043, { displaySize: 5, collation: 'C' }))).toEqual(['CharField', { max_length: 5, db_collation: 'C' }, []]);
    expect(ft(row(25, { collation: 'POSIX' }))).toEqual(['TextField', { db_collation: 'POSIX' }, []]);
    expect(ft(row(23, { collation: 'C' }))).toEqual(['IntegerField', {}, []]);
  });
  it('DecimalField: max_digits/decimal_places, guessed when unknown', () => {
    expect(ft(row(1700, { precision: 8, scale: 4 }))).toEqual(['DecimalField', { max_digits: 8, decimal_places: 4 }, []]);
    expect(ft(row(1700))).toEqual([
      'DecimalField',
      { max_digits: 10, decimal_places: 5 },
      ['max_digits and decimal_places have been guessed, as this database handles decimal fields as float'],
    ]);
  });
  it('unknown types are a TextField guess (collation kept)', () => {
    expect(ft(row(790))).toEqual(['TextField', {}, ['This field type is a guess.']]);
    expect(ft(row(19, { collation: 'C' }))).toEqual(['TextField', { db_collation: 'C' }, ['This field type is a guess.']]);
  });
});

describe('metaLines (get_meta)', () => {
  const unique = (columns: (string | null)[], primaryKey = false) => ({
    columns,
    primaryKey,
    unique: true,
    foreignKey: null,
    check: false,
    index: false,
    definition: null,
    options: null,
  });
  it('unique_together from multi-column unique constraints, field names, tuple syntax', () => {
    const constraints = new Map([
      ['pk', unique(['a', 'b'], true)],
      ['u1', unique(['b', 'owner_id'])],
      ['u2', unique(['a'])],
      ['u3', unique(["it's", 'a'])],
    ]);
    const names = new Map([
      ['a', 'a'],
      ['b', 'b'],
      ['owner_id', 'owner'],
      ["it's", 'it_s'],
    ]);
    expect(metaLines("o'brien", constraints, names, false, false, null)).toEqual([
      '',
      '    class Meta:',
      '        managed = False',
      `        db_table = "o'brien"`,
      "        unique_together = (('b', 'owner'), ('it_s', 'a'),)",
    ]);
  });
  it('expression columns: the unsupported-constraint note; views and partitions: their comment', () => {
    const constraints = new Map([['expr', unique(['a', null])]]);
    expect(metaLines('v', constraints, new Map([['a', 'a']]), true, false, 'it\'s "x"\n')).toEqual([
      '',
      '    # A unique constraint could not be introspected.',
      '    class Meta:',
      "        managed = False  # Created from a view. Don't remove.",
      "        db_table = 'v'",
      `        db_table_comment = 'it\\'s "x"\\n'`,
    ]);
    expect(metaLines('p', new Map(), new Map(), false, true, '')[2]).toBe("        managed = False  # Created from a partition. Don't remove.");
  });
});

describe('field lines from a real table (Django 5.2.18 output)', () => {
  let conn: TestDb;
  beforeAll(async () => {
    conn = await openTestDb();
  });
  afterAll(async () => {
    await conn.close();
  });
  beforeEach(() => resetDb(conn));

  /** [column type, the field line Django printed for a nullable column of that type] */
  const COLUMNS: [string, string][] = [
    ['char', 'models.CharField(max_length=1, blank=True, null=True)'],
    ['char(5)', 'models.CharField(max_length=5, blank=True, null=True)'],
    ['varchar', 'models.CharField(blank=True, null=True)'],
    ['varchar(300)', 'models.CharField(max_length=300, blank=True, null=True)'],
    ['text COLLATE "C"', "models.TextField(db_collation='C', blank=True, null=True)"],
    ['varchar(10) COLLATE "POSIX"', "models.CharField(max_length=10, db_collation='POSIX', blank=True, null=True)"],
    ['"char"', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['name', "models.TextField(db_collation='C', blank=True, null=True)  # This field type is a guess."],
    ['numeric', 'models.DecimalField(max_digits=65535, decimal_places=65535, blank=True, null=True)'],
    ['numeric(10)', 'models.DecimalField(max_digits=10, decimal_places=0, blank=True, null=True)'],
    ['numeric(10, 3)', 'models.DecimalField(max_digits=10, decimal_places=3, blank=True, null=True)'],
    ['numeric(5, -2)', 'models.DecimalField(max_digits=5, decimal_places=2046, blank=True, null=True)'],
    ['numeric(3, 5)', 'models.DecimalField(max_digits=3, decimal_places=5, blank=True, null=True)'],
    ['real', 'models.FloatField(blank=True, null=True)'],
    ['double precision', 'models.FloatField(blank=True, null=True)'],
    ['smallint', 'models.SmallIntegerField(blank=True, null=True)'],
    ['integer', 'models.IntegerField(blank=True, null=True)'],
    ['bigint', 'models.BigIntegerField(blank=True, null=True)'],
    ['oid', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['boolean', 'models.BooleanField(blank=True, null=True)'],
    ['bytea', 'models.BinaryField(blank=True, null=True)'],
    ['date', 'models.DateField(blank=True, null=True)'],
    ['time', 'models.TimeField(blank=True, null=True)'],
    ['time(3) with time zone', 'models.TimeField(blank=True, null=True)'],
    ['timestamp(0)', 'models.DateTimeField(blank=True, null=True)'],
    ['timestamptz', 'models.DateTimeField(blank=True, null=True)'],
    ['interval', 'models.DurationField(blank=True, null=True)'],
    ['json', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['jsonb', 'models.JSONField(blank=True, null=True)'],
    ['uuid', 'models.UUIDField(blank=True, null=True)'],
    ['inet', 'models.GenericIPAddressField(blank=True, null=True)'],
    ['cidr', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['integer[]', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['int4range', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['mood', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['short_code', 'models.CharField(max_length=20, blank=True, null=True)'],
    ['positive_int', 'models.IntegerField()'],
    ['amount', 'models.DecimalField(max_digits=12, decimal_places=2, blank=True, null=True)'],
    ['bit(3)', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['money', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['tsvector', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['point', 'models.TextField(blank=True, null=True)  # This field type is a guess.'],
    ['smallserial', 'models.SmallAutoField()'],
    ['bigint GENERATED BY DEFAULT AS IDENTITY', 'models.BigAutoField()'],
  ];

  it('every column type gives the field Django printed', () => {
    conn.execute(`CREATE TYPE mood AS ENUM ('sad', 'ok');
      CREATE DOMAIN short_code AS varchar(20);
      CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);
      CREATE DOMAIN amount AS numeric(12, 2);
      CREATE TABLE t (${COLUMNS.map(([type], i) => `c${i} ${type}`).join(', ')})`);
    const lines = [...inspectDatabase(new PostgresIntrospection(conn), { tables: ['t'], includeViews: false, includePartitions: false })];
    const fields = lines.filter((l) => /^ {4}c\d+ = /.test(l));
    expect(fields).toEqual(COLUMNS.map(([, field], i) => `    c${i} = ${field}`));
  });
});
