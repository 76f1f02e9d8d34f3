/**
 * The database explorer's data: one snapshot of the user schemas (tables, views, columns,
 * indexes, constraints, foreign keys, sequences, row counts) and django_migrations, read from the
 * catalogs in a handful of queries; and pages of rows. Read-only; schema-qualified names only, so
 * the session's search_path does not matter.
 */
import type { PGliteConnection } from '../engine/db/connection.ts';
import { quoteString } from '../engine/db/connection.ts';
import type { RelationInfo, RowsPage, SchemaSnapshot, SequenceInfo } from './protocol.ts';

const KINDS: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

export const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';

/** Postgres text array output `{a,b}` → ['a', 'b'] (names without commas/quotes, as here). */
function pgArray(v: string | null): string[] {
  if (!v || v === '{}') return [];
  return v
    .slice(1, -1)
    .split(',')
    .map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
}

export function schemaSnapshot(conn: PGliteConnection, maxCountedTables = 200): SchemaSnapshot {
  if (conn.txStatus === 'E') {
    return { schemas: [], history: null, note: 'current transaction is aborted (dbshell): ROLLBACK to see the database' };
  }
  const q = (sql: string) => conn.execute(sql).rows;
  const schemas = q(`SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY n.nspname COLLATE "C"`).map((r) => r[0]!);
  const rels = q(`SELECT c.oid, n.nspname, c.relname, c.relkind,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMAS}
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`);
  const byOid = new Map<string, RelationInfo>();
  for (const [oid, schema, name, kind, def] of rels) {
    byOid.set(oid!, {
      schema: schema!,
      name: name!,
      kind: KINDS[kind!] ?? kind!,
      rows: null,
      columns: [],
      indexes: [],
      constraints: [],
      foreignKeys: [],
      definition: def ?? null,
    });
  }
  if (byOid.size) {
    const oids = [...byOid.keys()].join(',');
    for (const [rel, name, type, notnull, def, identity, generated] of q(`SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
  pg_catalog.pg_get_expr(d.adbin, d.adrelid, true), a.attidentity, a.attgenerated
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid IN (${oids}) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`)) {
      let d = def ?? null;
      if (generated === 's') d = `generated always as (${def}) stored`;
      byOid.get(rel!)!.columns.push({
        name: name!,
        type: type!,
        nullable: notnull !== 't',
        default: d,
        identity: identity === 'a' ? 'always' : identity === 'd' ? 'by default' : null,
        pk: false,
        references: null,
      });
    }
    for (const [rel, name, def, primary, unique] of q(`SELECT i.indrelid, ci.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisprimary, i.indisunique
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid
WHERE i.indrelid IN (${oids})
ORDER BY i.indrelid, i.indisprimary DESC, ci.relname COLLATE "C"`)) {
      byOid.get(rel!)!.indexes.push({ name: name!, definition: def!, primary: primary === 't', unique: unique === 't' });
    }
    for (const [rel, name, type, def, cols, fschema, ftable, fcols] of q(`SELECT c.conrelid, c.conname, c.contype, pg_catalog.pg_get_constraintdef(c.oid, true),
  (SELECT pg_catalog.array_agg(a.attname ORDER BY k.n) FROM pg_catalog.unnest(c.conkey) WITH ORDINALITY k(attnum, n)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
  fn.nspname, fc.relname,
  (SELECT pg_catalog.array_agg(a.attname ORDER BY k.n) FROM pg_catalog.unnest(c.confkey) WITH ORDINALITY k(attnum, n)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum)
FROM pg_catalog.pg_constraint c
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = c.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE c.conrelid IN (${oids}) AND c.contype <> 'n'
ORDER BY c.conrelid, c.conname COLLATE "C"`)) {
      const r = byOid.get(rel!)!;
      r.constraints.push({ name: name!, type: type!, definition: def! });
      const columns = pgArray(cols ?? null);
      if (type === 'p') for (const c of r.columns) if (columns.includes(c.name)) c.pk = true;
      if (type === 'f') {
        const targetColumns = pgArray(fcols ?? null);
        r.foreignKeys.push({ name: name!, columns, targetSchema: fschema!, targetTable: ftable!, targetColumns });
        columns.forEach((c, k) => {
          const col = r.columns.find((x) => x.name === c);
          if (col && !col.references) col.references = `${fschema}.${ftable}.${targetColumns[k] ?? ''}`;
        });
      }
    }
    const tables = [...byOid.values()].filter((r) => r.kind === 'table' || r.kind === 'partitioned table' || r.kind === 'materialized view');
    if (tables.length && tables.length <= maxCountedTables) {
      const counts = q(tables.map((t, k) => `SELECT ${k}, count(*) FROM ${ident(t.schema)}.${ident(t.name)}`).join(' UNION ALL '));
      for (const [k, n] of counts) tables[Number(k)]!.rows = Number(n);
    }
  }
  const sequences: SequenceInfo[] = q(`SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), ps.last_value,
  (SELECT tn.nspname || '.' || t.relname || '.' || a.attname
   FROM pg_catalog.pg_depend d
   JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
   JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
   JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
   WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i') LIMIT 1)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
WHERE c.relkind = 'S' AND ${USER_SCHEMAS}
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`).map(([schema, name, type, last, owner]) => ({
    schema: schema!,
    name: name!,
    type: type!,
    lastValue: last ?? null,
    ownedBy: owner ?? null,
  }));
  let history: SchemaSnapshot['history'] = null;
  const where = q(`SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = pg_catalog.to_regclass('django_migrations')`)[0]?.[0];
  if (where) {
    history = q(`SELECT id::text, app, name, to_char(applied AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM ${ident(where)}.django_migrations ORDER BY id`).map(
      ([id, app, name, applied]) => ({ id: id!, app: app!, name: name!, applied: applied ?? '' }),
    );
  }
  return {
    schemas: schemas.map((name) => ({
      name,
      relations: [...byOid.values()].filter((r) => r.schema === name),
      sequences: sequences.filter((s) => s.schema === name),
    })),
    history,
    note: null,
  };
}

export function rowsPage(conn: PGliteConnection, schema: string, table: string, offset: number, limit: number): RowsPage {
  const exists = conn.execute(
    `SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${quoteString(schema)} AND c.relname = ${quoteString(table)}`,
  ).rows.length;
  if (!exists) return { fields: [], rows: [], total: 0, offset };
  const name = `${ident(schema)}.${ident(table)}`;
  const total = Number(conn.execute(`SELECT count(*) FROM ${name}`).rows[0]![0]);
  const r = conn.execute(`SELECT * FROM ${name} LIMIT ${Math.max(0, Math.min(1000, limit | 0))} OFFSET ${Math.max(0, offset | 0)}`);
  return { fields: r.fields.map((f) => f.name), rows: r.rows, total, offset };
}
