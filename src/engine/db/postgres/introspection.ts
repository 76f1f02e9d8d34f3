/**
 * Database introspection for PostgreSQL (django.db.backends.postgresql.introspection): the
 * same catalog queries Django runs, so names come back in the same order and tables are found
 * the same way (by `relname` + `pg_table_is_visible`, i.e. through the session's search_path; a
 * `schema"."table` db_table is *not* found, exactly as in Django).
 *
 * Values arrive in PostgreSQL's text output format; arrays (`{a,b}`) are parsed here.
 */
import type { Connection } from '../types.ts';
import { KeyError, pyError } from '../../python/objects.ts';

/** One entry of `get_constraints()`. */
export interface ConstraintInfo {
  /** Column names in key order; null for an expression in an index (`(lower(code)), a`). */
  columns: (string | null)[];
  primaryKey: boolean;
  unique: boolean;
  /** `(table, column)` the foreign key points at. */
  foreignKey: [string, string] | null;
  check: boolean;
  index: boolean;
  /** Index definition (`pg_get_indexdef`) for expression indexes, else null. */
  definition: string | null;
  /** reloptions of the table (constraints) or index. */
  options: string[] | null;
  /** Indexes only: 'ASC'/'DESC' per column (btree), else null entries. */
  orders?: (string | null)[];
  /** Indexes only: 'idx' for plain btree indexes (Index.suffix), else the access method. */
  type?: string;
}

export interface TableInfo {
  name: string;
  /** 't' table, 'v' view or materialized view, 'p' partition. */
  type: string;
  comment: string | null;
}

export interface SequenceInfo {
  name: string;
  table: string;
  column: string;
}

export interface FieldInfo {
  name: string;
  typeCode: number;
  displaySize: number | null;
  internalSize: number | null;
  precision: number | null;
  scale: number | null;
  nullOk: boolean;
  default: string | null;
  collation: string | null;
  isAutofield: boolean;
  comment: string | null;
}

/** Parses a one-dimensional PostgreSQL array literal in text format. */
export function parsePgArray(text: string | null): (string | null)[] | null {
  if (text === null) return null;
  if (!text.startsWith('{') || !text.endsWith('}')) throw new Error(`not an array: ${text}`);
  const body = text.slice(1, -1);
  const out: (string | null)[] = [];
  if (body === '') return out;
  let i = 0;
  while (i <= body.length) {
    if (body[i] === '"') {
      let s = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        s += body[i];
        i++;
      }
      i++; // closing quote
      out.push(s);
    } else {
      let j = i;
      while (j < body.length && body[j] !== ',') j++;
      const raw = body.slice(i, j);
      out.push(raw === 'NULL' ? null : raw);
      i = j;
    }
    if (body[i] === ',') i++;
    else break;
  }
  return out;
}

/** DatabaseIntrospection.data_types_reverse: type oid → Django field class. */
export const DATA_TYPES_REVERSE: ReadonlyMap<number, string> = new Map([
  [16, 'BooleanField'],
  [17, 'BinaryField'],
  [20, 'BigIntegerField'],
  [21, 'SmallIntegerField'],
  [23, 'IntegerField'],
  [25, 'TextField'],
  [700, 'FloatField'],
  [701, 'FloatField'],
  [869, 'GenericIPAddressField'],
  [1042, 'CharField'], // blank-padded
  [1043, 'CharField'],
  [1082, 'DateField'],
  [1083, 'TimeField'],
  [1114, 'DateTimeField'],
  [1184, 'DateTimeField'],
  [1186, 'DurationField'],
  [1266, 'TimeField'],
  [1700, 'DecimalField'],
  [2950, 'UUIDField'],
  [3802, 'JSONField'],
]);

const AUTO_FIELDS: Record<string, string> = {
  IntegerField: 'AutoField',
  BigIntegerField: 'BigAutoField',
  SmallIntegerField: 'SmallAutoField',
};

const NUMERIC_OID = 1700;

/**
 * What psycopg2 puts in cursor.description for a RowDescription field: internal_size is the
 * type's size, or for variable-length types the modifier less the 4-byte header (varchar(n) → n,
 * -1 when unlimited; numeric: the precision), precision/scale only for numeric (`(mod >> 16) &
 * 0xFFFF`, `mod & 0xFFFF`: 65535 both when the column has no precision).
 */
export function cursorDescription(typeOid: number, typeSize: number, typeModifier: number): { internalSize: number; precision: number | null; scale: number | null } {
  const fmod = typeModifier > 0 ? typeModifier - 4 : typeModifier;
  if (typeOid === NUMERIC_OID) {
    const precision = (fmod >> 16) & 0xffff;
    const scale = fmod & 0xffff;
    const internalSize = typeSize === -1 ? (typeModifier > 0 ? precision : fmod) : typeSize;
    return { internalSize, precision, scale };
  }
  return { internalSize: typeSize === -1 ? fmod : typeSize, precision: null, scale: null };
}

/** DatabaseOperations.quote_name: double quotes around a name not already quoted (no escaping). */
export function quoteName(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name : `"${name}"`;
}

const INDEX_DEFAULT_ACCESS_METHOD = 'btree';
/** django.db.models.Index.suffix */
const INDEX_SUFFIX = 'idx';

export class PostgresIntrospection {
  constructor(readonly connection: Connection) {}

  /** `identifier_converter`: PostgreSQL keeps names as they are. */
  identifierConverter(name: string): string {
    return name;
  }

  /** Tables and views visible in the search_path. */
  getTableList(): TableInfo[] {
    const r = this.connection.execute(`
            SELECT
                c.relname,
                CASE
                    WHEN c.relispartition THEN 'p'
                    WHEN c.relkind IN ('m', 'v') THEN 'v'
                    ELSE 't'
                END,
                obj_description(c.oid, 'pg_class')
            FROM pg_catalog.pg_class c
            LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
                AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
                AND pg_catalog.pg_table_is_visible(c.oid)
        `);
    return r.rows.map((row) => ({ name: row[0]!, type: row[1]!, comment: row[2] ?? null }));
  }

  /** `table_names()`: sorted table names (views too with includeViews). */
  tableNames(includeViews = false): string[] {
    return this.getTableList()
      .filter((t) => includeViews || t.type === 't')
      .map((t) => t.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Sequences owned by columns of the table (serial and identity). */
  getSequences(tableName: string): SequenceInfo[] {
    const r = this.connection.execute(
      `
            SELECT
                s.relname AS sequence_name,
                a.attname AS colname
            FROM
                pg_class s
                JOIN pg_depend d ON d.objid = s.oid
                    AND d.classid = 'pg_class'::regclass
                    AND d.refclassid = 'pg_class'::regclass
                JOIN pg_attribute a ON d.refobjid = a.attrelid
                    AND d.refobjsubid = a.attnum
                JOIN pg_class tbl ON tbl.oid = d.refobjid
                    AND tbl.relname = %s
                    AND pg_catalog.pg_table_is_visible(tbl.oid)
            WHERE
                s.relkind = 'S';
        `,
      [tableName],
    );
    return r.rows.map((row) => ({ name: row[0]!, table: tableName, column: row[1]! }));
  }

  /** `{column: [referenced column, referenced table]}` for the table's foreign keys. */
  getRelations(tableName: string): Map<string, [string, string]> {
    const r = this.connection.execute(
      `
            SELECT a1.attname, c2.relname, a2.attname
            FROM pg_constraint con
            LEFT JOIN pg_class c1 ON con.conrelid = c1.oid
            LEFT JOIN pg_class c2 ON con.confrelid = c2.oid
            LEFT JOIN
                pg_attribute a1 ON c1.oid = a1.attrelid AND a1.attnum = con.conkey[1]
            LEFT JOIN
                pg_attribute a2 ON c2.oid = a2.attrelid AND a2.attnum = con.confkey[1]
            WHERE
                c1.relname = %s AND
                con.contype = 'f' AND
                c1.relnamespace = c2.relnamespace AND
                pg_catalog.pg_table_is_visible(c1.oid)
        `,
      [tableName],
    );
    const out = new Map<string, [string, string]>();
    for (const row of r.rows) out.set(row[0]!, [row[2]!, row[1]!]);
    return out;
  }

  /**
   * Constraints and indexes of a table, keyed by name, in Django's order: pg_constraint rows
   * first (NOT NULL constraints of PostgreSQL 18, contype 'n', skipped), then indexes not
   * already listed.
   */
  getConstraints(tableName: string): Map<string, ConstraintInfo> {
    const constraints = new Map<string, ConstraintInfo>();
    const r1 = this.connection.execute(
      `
            SELECT
                c.conname,
                array(
                    SELECT attname
                    FROM unnest(c.conkey) WITH ORDINALITY cols(colid, arridx)
                    JOIN pg_attribute AS ca ON cols.colid = ca.attnum
                    WHERE ca.attrelid = c.conrelid
                    ORDER BY cols.arridx
                ),
                c.contype,
                (SELECT fkc.relname || '.' || fka.attname
                FROM pg_attribute AS fka
                JOIN pg_class AS fkc ON fka.attrelid = fkc.oid
                WHERE fka.attrelid = c.confrelid AND fka.attnum = c.confkey[1]),
                cl.reloptions
            FROM pg_constraint AS c
            JOIN pg_class AS cl ON c.conrelid = cl.oid
            WHERE cl.relname = %s
                AND pg_catalog.pg_table_is_visible(cl.oid)
                AND c.contype != 'n'
        `,
      [tableName],
    );
    for (const [name, columns, kind, usedCols, options] of r1.rows) {
      let foreignKey: [string, string] | null = null;
      if (kind === 'f' && usedCols !== null && usedCols !== undefined) {
        const dot = usedCols.indexOf('.');
        foreignKey = [usedCols.slice(0, dot), usedCols.slice(dot + 1)];
      }
      constraints.set(name!, {
        columns: (parsePgArray(columns ?? '{}') ?? []).map((c) => c ?? ''),
        primaryKey: kind === 'p',
        unique: kind === 'p' || kind === 'u',
        foreignKey,
        check: kind === 'c',
        index: false,
        definition: null,
        options: parsePgArray(options ?? null) as string[] | null,
      });
    }
    const r2 = this.connection.execute(
      `
            SELECT
                indexname,
                array_agg(attname ORDER BY arridx),
                indisunique,
                indisprimary,
                array_agg(ordering ORDER BY arridx),
                amname,
                exprdef,
                s2.attoptions
            FROM (
                SELECT
                    c2.relname as indexname, idx.*, attr.attname, am.amname,
                    CASE
                        WHEN idx.indexprs IS NOT NULL THEN
                            pg_get_indexdef(idx.indexrelid)
                    END AS exprdef,
                    CASE am.amname
                        WHEN %s THEN
                            CASE (option & 1)
                                WHEN 1 THEN 'DESC' ELSE 'ASC'
                            END
                    END as ordering,
                    c2.reloptions as attoptions
                FROM (
                    SELECT *
                    FROM
                        pg_index i,
                        unnest(i.indkey, i.indoption)
                            WITH ORDINALITY koi(key, option, arridx)
                ) idx
                LEFT JOIN pg_class c ON idx.indrelid = c.oid
                LEFT JOIN pg_class c2 ON idx.indexrelid = c2.oid
                LEFT JOIN pg_am am ON c2.relam = am.oid
                LEFT JOIN
                    pg_attribute attr ON attr.attrelid = c.oid AND attr.attnum = idx.key
                WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid)
            ) s2
            GROUP BY indexname, indisunique, indisprimary, amname, exprdef, attoptions;
        `,
      [INDEX_DEFAULT_ACCESS_METHOD, tableName],
    );
    for (const [index, columns, unique, primary, orders, type, definition, options] of r2.rows) {
      if (constraints.has(index!)) continue;
      const opts = parsePgArray(options ?? null) as string[] | null;
      const basicIndex = type === INDEX_DEFAULT_ACCESS_METHOD && !index!.endsWith('_btree') && opts === null;
      const cols = parsePgArray(columns ?? '{}') ?? [];
      const ords = parsePgArray(orders ?? '{}') ?? [];
      constraints.set(index!, {
        columns: cols.length === 1 && cols[0] === null ? [] : cols,
        orders: ords.length === 1 && ords[0] === null ? [] : ords,
        primaryKey: primary === 't',
        unique: unique === 't',
        foreignKey: null,
        check: false,
        index: true,
        type: basicIndex ? INDEX_SUFFIX : type!,
        definition: definition ?? null,
        options: opts,
      });
    }
    return constraints;
  }

  /**
   * `get_table_description()` (for inspectdb): Django's catalog query for nullability, default,
   * collation, identity and comment, joined by column name to what psycopg2's
   * `cursor.description` reports for `SELECT * FROM "<table>" LIMIT 1` (the type oid, internal
   * size, numeric precision/scale of the RowDescription: a domain column shows its base type).
   * The SELECT is what fails for a table that is not visible, with PostgreSQL's error; a column
   * the catalog query did not return (the name was a sequence's) is a KeyError, as in Django.
   */
  getTableDescription(tableName: string): FieldInfo[] {
    const r = this.connection.execute(
      `
            SELECT
                a.attname AS column_name,
                NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS is_nullable,
                pg_get_expr(ad.adbin, ad.adrelid) AS column_default,
                CASE WHEN collname = 'default' THEN NULL ELSE collname END AS collation,
                a.attidentity != '' AS is_autofield,
                col_description(a.attrelid, a.attnum) AS column_comment
            FROM pg_attribute a
            LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            LEFT JOIN pg_collation co ON a.attcollation = co.oid
            JOIN pg_type t ON a.atttypid = t.oid
            JOIN pg_class c ON a.attrelid = c.oid
            JOIN pg_namespace n ON c.relnamespace = n.oid
            WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
                AND c.relname = %s
                AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
                AND pg_catalog.pg_table_is_visible(c.oid)
        `,
      [tableName],
    );
    const catalog = new Map<string, (string | null)[]>();
    for (const row of r.rows) catalog.set(row[0]!, row);
    const described = this.connection.execute(`SELECT * FROM ${quoteName(tableName)} LIMIT 1`);
    return described.fields.map((f) => {
      const row = catalog.get(f.name);
      if (row === undefined) throw pyError(KeyError, f.name);
      const d = cursorDescription(f.typeOid, f.typeSize ?? -1, f.typeModifier ?? -1);
      return {
        name: f.name,
        typeCode: f.typeOid,
        // display_size is always None on psycopg2: Django uses internal_size
        displaySize: d.internalSize,
        internalSize: d.internalSize,
        precision: d.precision,
        scale: d.scale,
        nullOk: row[1] === 't',
        default: row[2] ?? null,
        collation: row[3] ?? null,
        isAutofield: row[4] === 't',
        comment: row[5] ?? null,
      };
    });
  }

  /** `get_primary_key_columns()`: the columns of the first primary key constraint, or null. */
  getPrimaryKeyColumns(tableName: string): string[] | null {
    for (const c of this.getConstraints(tableName).values()) {
      if (c.primaryKey) return c.columns.map((col) => col ?? '');
    }
    return null;
  }

  /** `get_primary_key_column()`: the first primary key column, or null. */
  getPrimaryKeyColumn(tableName: string): string | null {
    const columns = this.getPrimaryKeyColumns(tableName);
    return columns && columns.length ? columns[0]! : null;
  }

  /**
   * `get_field_type()`: the Django field class name for a column (data_types_reverse), an
   * integer column with an identity or a `nextval(...)` default becoming the matching AutoField;
   * null for a type Django does not know (inspectdb then guesses TextField).
   */
  getFieldType(typeCode: number, description: Pick<FieldInfo, 'isAutofield' | 'default'>): string | null {
    const fieldType = DATA_TYPES_REVERSE.get(typeCode);
    if (fieldType === undefined) return null;
    if (description.isAutofield || (description.default && description.default.includes('nextval'))) {
      const auto = AUTO_FIELDS[fieldType];
      if (auto) return auto;
    }
    return fieldType;
  }
}
