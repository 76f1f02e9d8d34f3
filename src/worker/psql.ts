/**
 * What `manage.py dbshell` shows: psql's aligned output (print.c, border 1) and its describe
 * commands (\d, \d+, \dt, \di, \ds, \dv, \dn, \l), over the engine's synchronous connection.
 */
import type { Connection, QueryResult } from '../engine/db/types.ts';

// ---------------------------------------------------------------------------------------------
// Output formatting
// ---------------------------------------------------------------------------------------------

/** Screen width of a string (East Asian wide characters count 2, combining marks 0). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    if (
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe6f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        (cp >= 0x1f300 && cp <= 0x1f64f) ||
        (cp >= 0x1f900 && cp <= 0x1f9ff) ||
        (cp >= 0x20000 && cp <= 0x3fffd))
    )
      w += 2;
    else w += 1;
  }
  return w;
}

export type Align = 'l' | 'r';

export interface TableSpec {
  title?: string;
  headers: string[];
  aligns?: Align[];
  rows: (string | null)[][];
  /** Lines printed after the table (describe footers). */
  footers?: string[];
  /** Print `(n rows)` after the table (query results). */
  rowCount?: boolean;
}

const pad = (n: number) => (n > 0 ? ' '.repeat(n) : '');

/** psql's aligned format with border 1, as print_aligned_text writes it. Ends with a blank line. */
export function formatTable(spec: TableSpec): string {
  const ncols = spec.headers.length;
  const aligns = spec.aligns ?? spec.headers.map(() => 'l' as Align);
  const cells = spec.rows.map((r) => r.map((v) => (v ?? '').split('\n')));
  const widths = spec.headers.map((h) => displayWidth(h));
  for (const row of cells) {
    row.forEach((lines, i) => {
      for (const l of lines) widths[i] = Math.max(widths[i]!, displayWidth(l));
    });
  }
  let out = '';
  if (spec.title !== undefined) {
    const total = ncols === 0 ? 0 : widths.reduce((a, b) => a + b, 0) + 3 * (ncols - 1) + 2;
    const tw = displayWidth(spec.title);
    out += (total >= tw ? pad(Math.floor((total - tw) / 2)) : '') + spec.title + '\n';
  }
  if (ncols > 0) {
    out +=
      ' ' +
      spec.headers
        .map((h, i) => {
          const d = widths[i]! - displayWidth(h);
          return pad(Math.floor(d / 2)) + h + pad(Math.floor((d + 1) / 2));
        })
        .join(' | ') +
      ' \n';
    out += '-' + widths.map((w) => '-'.repeat(w)).join('-+-') + '-\n';
  } else {
    out += '--\n';
  }
  for (const row of ncols === 0 ? [] : cells) {
    const height = Math.max(1, ...row.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      let line = ' ';
      for (let i = 0; i < ncols; i++) {
        const lines = row[i]!;
        const last = i === ncols - 1;
        if (k >= lines.length) {
          // past this cell's last line: pad for the columns that follow
          if (!last) line += pad(widths[i]!) + ' | ';
          continue;
        }
        const text = lines[k]!;
        const more = k < lines.length - 1;
        const d = widths[i]! - displayWidth(text);
        if (aligns[i] === 'r') line += pad(d) + text;
        else if (!last || more) line += text + pad(d);
        else line += text;
        if (!last) line += more ? '+| ' : ' | ';
        else if (more) line += '+';
      }
      out += line + '\n';
    }
  }
  if (spec.footers) for (const f of spec.footers) out += f + '\n';
  if (spec.rowCount) out += `(${spec.rows.length} ${spec.rows.length === 1 ? 'row' : 'rows'})\n`;
  return out + '\n';
}

/** psql's expanded display (`\x`), border 1. */
export function formatExpanded(headers: string[], rows: (string | null)[][]): string {
  if (rows.length === 0) return '(0 rows)\n\n';
  const hw = Math.max(...headers.map(displayWidth));
  let dw = 0;
  for (const r of rows) for (const v of r) for (const l of (v ?? '').split('\n')) dw = Math.max(dw, displayWidth(l));
  let out = '';
  rows.forEach((r, n) => {
    const head = `-[ RECORD ${n + 1} ]`;
    const total = hw + 3 + dw;
    out += head + (total > head.length ? '-'.repeat(total - head.length) : '') + '\n';
    headers.forEach((h, i) => {
      const lines = (r[i] ?? '').split('\n');
      lines.forEach((l, k) => {
        const name = k === 0 ? h : '';
        out += name + pad(hw - displayWidth(name)) + ' | ' + l + (k < lines.length - 1 ? '+' : '') + '\n';
      });
    });
  });
  return out + '\n';
}

/** Type OIDs psql right-aligns (column_type_alignment). */
const NUMERIC_OIDS = new Set([20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]);

export function alignsOf(result: QueryResult): Align[] {
  return result.fields.map((f) => (NUMERIC_OIDS.has(f.typeOid) ? 'r' : 'l'));
}

/** A query result as psql prints it: a table with `(n rows)`, or the command tag. */
export function formatResult(result: QueryResult, expanded = false): string {
  if (result.fields.length > 0 || result.command === 'SELECT' || result.command === 'FETCH') {
    if (expanded) {
      return formatExpanded(
        result.fields.map((f) => f.name),
        result.rows,
      );
    }
    return formatTable({ headers: result.fields.map((f) => f.name), aligns: alignsOf(result), rows: result.rows, rowCount: true });
  }
  return result.commandTag + '\n';
}

// ---------------------------------------------------------------------------------------------
// Describe commands
// ---------------------------------------------------------------------------------------------

export interface DescribeOutput {
  stdout: string;
  stderr: string;
}

const lit = (s: string) => "'" + s.replace(/'/g, "''") + "'";

/** psql's processSQLNamePattern, reduced: `name`, `schema.name`, `*`/`?` wildcards, "quoted". */
export function namePattern(pattern: string): { schema: string | null; name: string | null } {
  const parts: string[] = [''];
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '"') {
      if (quoted && pattern[i + 1] === '"') {
        parts[parts.length - 1] += '"';
        i++;
      } else quoted = !quoted;
    } else if (!quoted && ch === '.') parts.push('');
    else if (quoted) parts[parts.length - 1] += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&').replace(/\*/g, '\\*').replace(/\?/g, '\\?');
    else if (ch === '*') parts[parts.length - 1] += '.*';
    else if (ch === '?') parts[parts.length - 1] += '.';
    else parts[parts.length - 1] += ch.toLowerCase().replace(/[\\^$|+()[\]{}]/g, '\\$&');
  }
  const toRe = (p: string) => (p === '' || p === '.*' ? null : `^(${p})$`);
  if (parts.length === 1) return { schema: null, name: toRe(parts[0]!) };
  return { schema: toRe(parts[parts.length - 2]!) ?? '^(.*)$', name: toRe(parts[parts.length - 1]!) };
}

function patternWhere(pattern: string | undefined, schemaCol: string, nameCol: string, visibleExpr: string): string {
  if (!pattern) return `AND ${visibleExpr}`;
  const p = namePattern(pattern);
  let w = '';
  if (p.name) w += ` AND ${nameCol} OPERATOR(pg_catalog.~) ${lit(p.name)} COLLATE pg_catalog.default`;
  if (p.schema) w += ` AND ${schemaCol} OPERATOR(pg_catalog.~) ${lit(p.schema)} COLLATE pg_catalog.default`;
  else w += ` AND ${visibleExpr}`;
  return w;
}

const KIND_NAMES: Record<string, string> = {
  r: 'table',
  v: 'view',
  m: 'materialized view',
  i: 'index',
  S: 'sequence',
  t: 'TOAST table',
  f: 'foreign table',
  p: 'partitioned table',
  I: 'partitioned index',
};

/** \d, \dt, \di, \ds, \dv (and their + forms) with the given relkinds. */
function listRelations(conn: Connection, kinds: string, pattern: string | undefined, verbose: boolean): DescribeOutput {
  const kindList = [...kinds].map(lit).join(',');
  const showIndexTable = kinds.includes('i');
  const cols = [
    'n.nspname as "Schema"',
    'c.relname as "Name"',
    `CASE c.relkind ${Object.entries(KIND_NAMES)
      .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
      .join(' ')} END as "Type"`,
    'pg_catalog.pg_get_userbyid(c.relowner) as "Owner"',
  ];
  if (showIndexTable) cols.push('c2.relname as "Table"');
  if (verbose) {
    cols.push(
      `CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence"`,
    );
    if (kinds.includes('r') || kinds.includes('i') || kinds.includes('m')) cols.push('am.amname as "Access method"');
    cols.push('pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size"');
    cols.push(`pg_catalog.obj_description(c.oid, 'pg_class') as "Description"`);
  }
  let sql = `SELECT ${cols.join(',\n  ')}
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam`;
  if (showIndexTable) {
    sql += `
     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid`;
  }
  sql += `
WHERE c.relkind IN (${kindList})
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
      ${patternWhere(pattern, 'n.nspname', 'c.relname', 'pg_catalog.pg_table_is_visible(c.oid)')}
ORDER BY 1,2;`;
  const r = conn.execute(sql);
  if (r.rows.length === 0) {
    return { stdout: '', stderr: pattern ? `Did not find any relation named "${pattern}".\n` : 'Did not find any relations.\n' };
  }
  return { stdout: formatTable({ title: 'List of relations', headers: r.fields.map((f) => f.name), rows: r.rows, rowCount: true }), stderr: '' };
}

function listSchemas(conn: Connection, pattern: string | undefined, verbose: boolean): DescribeOutput {
  const cols = ['n.nspname AS "Name"', 'pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"'];
  if (verbose) {
    cols.push(`pg_catalog.array_to_string(n.nspacl, E'\\n') AS "Access privileges"`);
    cols.push(`pg_catalog.obj_description(n.oid, 'pg_namespace') AS "Description"`);
  }
  let where = `WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;
  if (pattern) {
    const p = namePattern(pattern);
    where = p.name ? `WHERE n.nspname OPERATOR(pg_catalog.~) ${lit(p.name)} COLLATE pg_catalog.default` : '';
  }
  const r = conn.execute(`SELECT ${cols.join(', ')} FROM pg_catalog.pg_namespace n ${where} ORDER BY 1;`);
  if (pattern && r.rows.length === 0) return { stdout: '', stderr: `Did not find any schema named "${pattern}".\n` };
  return { stdout: formatTable({ title: 'List of schemas', headers: r.fields.map((f) => f.name), rows: r.rows, rowCount: true }), stderr: '' };
}

function listDatabases(conn: Connection): DescribeOutput {
  const r = conn.execute(`SELECT d.datname as "Name",
       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
       pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
       CASE d.datlocprovider WHEN 'b' THEN 'builtin' WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
       d.datcollate as "Collate",
       d.datctype as "Ctype",
       d.datlocale as "Locale",
       d.daticurules as "ICU Rules",
       pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"
FROM pg_catalog.pg_database d
ORDER BY 1;`);
  return { stdout: formatTable({ title: 'List of databases', headers: r.fields.map((f) => f.name), rows: r.rows, rowCount: true }), stderr: '' };
}

/** \d <pattern> and \d+ <pattern>: one block per matching relation. */
function describeObjects(conn: Connection, pattern: string, verbose: boolean): DescribeOutput {
  const p = namePattern(pattern);
  let where = '';
  if (p.name) where += ` AND c.relname OPERATOR(pg_catalog.~) ${lit(p.name)} COLLATE pg_catalog.default`;
  if (p.schema) where += ` AND n.nspname OPERATOR(pg_catalog.~) ${lit(p.schema)} COLLATE pg_catalog.default`;
  else where += ' AND pg_catalog.pg_table_is_visible(c.oid)';
  const found = conn.execute(`SELECT c.oid, n.nspname, c.relname, c.relkind
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE true${where}
ORDER BY 2, 3;`);
  if (found.rows.length === 0) return { stdout: '', stderr: `Did not find any relation named "${pattern}".\n` };
  let out = '';
  for (const [oid, nsp, rel, kind] of found.rows) out += describeOne(conn, oid!, nsp!, rel!, kind!, verbose);
  return { stdout: out, stderr: '' };
}

function describeOne(conn: Connection, oid: string, nsp: string, rel: string, kind: string, verbose: boolean): string {
  const q = (sql: string) => conn.execute(sql).rows;
  if (kind === 'S') return describeSequence(conn, oid, nsp, rel);
  if (kind === 'i' || kind === 'I') return describeIndex(conn, oid, nsp, rel);
  const titleKind: Record<string, string> = {
    r: 'Table',
    p: 'Partitioned table',
    v: 'View',
    m: 'Materialized view',
    f: 'Foreign table',
    t: 'TOAST table',
    c: 'Composite type',
  };
  const title = `${titleKind[kind] ?? 'Table'} "${nsp}.${rel}"`;
  const cols = q(`SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated,
  a.attstorage,
  a.attcompression,
  CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,
  pg_catalog.col_description(a.attrelid, a.attnum)
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '${oid}' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;`);
  const isView = kind === 'v';
  const headers = ['Column', 'Type', 'Collation', 'Nullable', 'Default'];
  if (verbose) {
    headers.push('Storage');
    if (!isView) headers.push('Compression', 'Stats target');
    headers.push('Description');
  }
  const storage: Record<string, string> = { p: 'plain', e: 'external', m: 'main', x: 'extended' };
  const compression: Record<string, string> = { p: 'pglz', l: 'lz4' };
  const rows = cols.map(([name, type, def, notnull, coll, identity, generated, st, comp, stats, descr]) => {
    let d = def ?? '';
    if (identity === 'a') d = 'generated always as identity';
    else if (identity === 'd') d = 'generated by default as identity';
    else if (generated === 's') d = `generated always as (${def}) stored`;
    else if (generated === 'v') d = `generated always as (${def})`;
    const row: (string | null)[] = [name!, type!, coll ?? '', notnull === 't' ? 'not null' : '', d];
    if (verbose) {
      row.push(storage[st!] ?? '');
      if (!isView) row.push(compression[comp ?? ''] ?? '', stats ?? '');
      row.push(descr ?? '');
    }
    return row;
  });
  const footers: string[] = [];
  if (isView || kind === 'm') {
    if (verbose) {
      const def = q(`SELECT pg_catalog.pg_get_viewdef('${oid}'::pg_catalog.oid, true);`)[0]?.[0];
      footers.push('View definition:', ...(def ?? '').split('\n'));
    }
  }
  if (kind === 'r' || kind === 'p' || kind === 'm') {
    const idx = q(`SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident
FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = '${oid}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname;`);
    if (idx.length) {
      footers.push('Indexes:');
      for (const [name, primary, unique, clustered, valid, indexdef, condef, contype, deferrable, deferred, replident] of idx) {
        let line = `    "${name}"`;
        if (contype === 'x') line += ' ' + condef;
        else {
          if (primary === 't') line += ' PRIMARY KEY,';
          else if (unique === 't') line += contype === 'u' ? ' UNIQUE CONSTRAINT,' : ' UNIQUE,';
          const using = indexdef!.indexOf(' USING ');
          line += ' ' + (using >= 0 ? indexdef!.slice(using + 7) : indexdef);
          if (deferrable === 't') line += ' DEFERRABLE';
          if (deferred === 't') line += ' INITIALLY DEFERRED';
        }
        if (clustered === 't') line += ' CLUSTER';
        if (valid !== 't') line += ' INVALID';
        if (replident === 't') line += ' REPLICA IDENTITY';
        footers.push(line);
      }
    }
    const checks = q(`SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '${oid}' AND r.contype = 'c'
ORDER BY 1;`);
    if (checks.length) {
      footers.push('Check constraints:');
      for (const [name, def] of checks) footers.push(`    "${name}" ${def}`);
    }
    if (verbose) {
      const nn = q(`SELECT c.conname, a.attname, c.connoinherit, c.conislocal, c.coninhcount <> 0
FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_attribute a ON (a.attrelid = c.conrelid AND a.attnum = c.conkey[1])
WHERE c.contype = 'n' AND c.conrelid = '${oid}'::pg_catalog.regclass
ORDER BY a.attnum;`);
      if (nn.length) {
        footers.push('Not-null constraints:');
        for (const [name, att, noinherit, local, inherited] of nn) {
          let line = `    "${name}" NOT NULL "${att}"`;
          if (noinherit === 't') line += ' NO INHERIT';
          else if (local === 't' && inherited === 't') line += ' (local, inherited)';
          else if (inherited === 't') line += ' (inherited)';
          footers.push(line);
        }
      }
    }
    const fks = q(`SELECT conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '${oid}' AND r.contype = 'f' AND conparentid = 0
ORDER BY conname;`);
    if (fks.length) {
      footers.push('Foreign-key constraints:');
      for (const [name, def] of fks) footers.push(`    "${name}" ${def}`);
    }
    const refs = q(`SELECT conname, conrelid::pg_catalog.regclass AS ontable,
       pg_catalog.pg_get_constraintdef(oid, true) AS condef
  FROM pg_catalog.pg_constraint c
 WHERE confrelid = '${oid}'::pg_catalog.regclass AND contype = 'f' AND conparentid = 0
ORDER BY conname;`);
    if (refs.length) {
      footers.push('Referenced by:');
      for (const [name, table, def] of refs) footers.push(`    TABLE "${table}" CONSTRAINT "${name}" ${def}`);
    }
    if (verbose) {
      const am = q(`SELECT am.amname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_am am ON am.oid = c.relam WHERE c.oid = '${oid}';`)[0]?.[0];
      if (am) footers.push(`Access method: ${am}`);
    }
  }
  return formatTable({ title, headers, rows, footers });
}

function describeSequence(conn: Connection, oid: string, nsp: string, rel: string): string {
  const r = conn.execute(`SELECT pg_catalog.format_type(seqtypid, NULL) AS "Type",
       seqstart AS "Start",
       seqmin AS "Minimum",
       seqmax AS "Maximum",
       seqincrement AS "Increment",
       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS "Cycles?",
       seqcache AS "Cache"
FROM pg_catalog.pg_sequence
WHERE seqrelid = '${oid}';`);
  const owner = conn.execute(`SELECT pg_catalog.quote_ident(nspname) || '.' ||
   pg_catalog.quote_ident(relname) || '.' ||
   pg_catalog.quote_ident(attname),
   d.deptype
FROM pg_catalog.pg_class c
INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid
INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace
INNER JOIN pg_catalog.pg_attribute a ON (
 a.attrelid=c.oid AND
 a.attnum=d.refobjsubid)
WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass
 AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass
 AND d.objid='${oid}'
 AND d.deptype IN ('a', 'i')`).rows;
  const footers: string[] = [];
  if (owner.length) {
    footers.push(owner[0]![1] === 'i' ? `Sequence for identity column: ${owner[0]![0]}` : `Owned by: ${owner[0]![0]}`);
  }
  return formatTable({
    title: `Sequence "${nsp}.${rel}"`,
    headers: r.fields.map((f) => f.name),
    aligns: ['l', 'r', 'r', 'r', 'r', 'l', 'r'],
    rows: r.rows,
    footers,
  });
}

function describeIndex(conn: Connection, oid: string, nsp: string, rel: string): string {
  const cols = conn.execute(`SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '${oid}') THEN 'yes' ELSE 'no' END AS is_key,
  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '${oid}' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;`).rows;
  const info = conn.execute(`SELECT i.indisunique, i.indisprimary, am.amname, c2.relname, n2.nspname,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)
FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_namespace n2, pg_catalog.pg_am am
WHERE i.indexrelid = c.oid AND c.oid = '${oid}' AND c.relam = am.oid
AND i.indrelid = c2.oid AND c2.relnamespace = n2.oid;`).rows[0];
  const footers: string[] = [];
  if (info) {
    const [unique, primary, am, table, tnsp, pred] = info;
    let line = primary === 't' ? 'primary key, ' : unique === 't' ? 'unique, ' : '';
    line += `${am}, for table "${tnsp}.${table}"`;
    if (pred) line += `, predicate (${pred})`;
    footers.push(line);
  }
  return formatTable({
    title: `Index "${nsp}.${rel}"`,
    headers: ['Column', 'Type', 'Key?', 'Definition'],
    rows: cols,
    footers,
  });
}

/**
 * Runs a describe/list backslash command (`d`, `d+`, `dt`, `dt+`, `di`, `ds`, `dv`, `dn`, `l`…)
 * with its optional pattern; null when the command is not one of these.
 */
export function describeCommand(conn: Connection, cmd: string, pattern: string | undefined): DescribeOutput | null {
  const verbose = cmd.endsWith('+');
  const base = verbose ? cmd.slice(0, -1) : cmd;
  switch (base) {
    case 'd':
      return pattern ? describeObjects(conn, pattern, verbose) : listRelations(conn, 'rvmSfp', undefined, verbose);
    case 'dt':
      return listRelations(conn, 'rp', pattern, verbose);
    case 'di':
      return listRelations(conn, 'iI', pattern, verbose);
    case 'ds':
      return listRelations(conn, 'S', pattern, verbose);
    case 'dv':
      return listRelations(conn, 'v', pattern, verbose);
    case 'dm':
      return listRelations(conn, 'm', pattern, verbose);
    case 'dn':
      return listSchemas(conn, pattern, verbose);
    case 'l':
      return listDatabases(conn);
    default:
      return null;
  }
}
