/**
 * `inspectdb`'s model generator (django.core.management.commands.inspectdb, PostgreSQL backend):
 * turns the tables visible on the search_path into the models.py Django 5.2 prints, line by line.
 *
 * The pieces a learner meets are kept separate and exported for tests: how a column name
 * becomes a field name (`normalizeColName`, with Django's notes), how a table name becomes a class
 * name (`normalizeTableName`, Python's `str.title()`), and how a column's type becomes a field
 * (`fieldTypeFor`, with `# This field type is a guess.`).
 */
import { DatabaseError } from '../types.ts';
import { psycopgErrorMessage } from '../connection.ts';
import { IndexError, PyException, pyError, strRepr } from '../../python/objects.ts';
import type { ConstraintInfo, FieldInfo, PostgresIntrospection, TableInfo } from './introspection.ts';

/** A keyword argument value of a generated field: printed with Python's repr. */
export type ParamValue = boolean | number | string;
/** Keyword arguments in insertion order (a Python dict). */
export type Params = Map<string, ParamValue>;

export interface InspectOptions {
  /** Table names given on the command line (all visible tables when empty). */
  tables: string[];
  includeViews: boolean;
  includePartitions: boolean;
}

// ---------------------------------------------------------------------------------------------
// Python string semantics the name cleaning depends on
// ---------------------------------------------------------------------------------------------

/** keyword.kwlist of Python 3.11 (soft keywords such as `match` are not reserved). */
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export function isPythonKeyword(name: string): boolean {
  return PYTHON_KEYWORDS.has(name);
}

/** `str.lower()` (full Unicode case mapping, like JavaScript's locale-independent one). */
export function pyLower(s: string): string {
  return s.toLowerCase();
}

/** Characters whose title case is not their upper case and matters once non-ASCII is dropped. */
const TITLE_SPECIAL: Record<string, string> = {
  'ß': 'Ss',
  'ﬀ': 'Ff',
  'ﬁ': 'Fi',
  'ﬂ': 'Fl',
  'ﬃ': 'Ffi',
  'ﬄ': 'Ffl',
  'ﬅ': 'St',
  'ﬆ': 'St',
  'ǅ': 'ǅ',
  'Ǆ': 'ǅ',
  'ǆ': 'ǅ',
  'ǈ': 'ǈ',
  'Ǉ': 'ǈ',
  'ǉ': 'ǈ',
  'ǋ': 'ǋ',
  'Ǌ': 'ǋ',
  'ǌ': 'ǋ',
  'ǲ': 'ǲ',
  'Ǳ': 'ǲ',
  'ǳ': 'ǲ',
};

const CASED = /\p{Cased}/u;

/**
 * `str.title()`: a character following a cased character is lower-cased, any other is
 * title-cased (so `legacy_items` → `Legacy_Items`, `2fa` → `2Fa`, `ItemID` → `Itemid`).
 */
export function pyTitle(s: string): string {
  let out = '';
  let previousCased = false;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (previousCased) {
      // Final sigma: σ at the end of a word (Python's lower applies the same context rule).
      if (ch === 'Σ') {
        const rest = chars.slice(i + 1).join('');
        out += /^\p{Cased}/u.test(rest.replace(/^\p{Case_Ignorable}+/u, '')) ? 'σ' : 'ς';
      } else out += ch.toLowerCase();
    } else out += TITLE_SPECIAL[ch] ?? ch.toUpperCase();
    previousCased = CASED.test(ch);
  }
  return out;
}

/**
 * `str.isdigit()` of one character: decimal digits plus the other characters with a digit
 * value (superscripts, subscripts, circled and parenthesized digits…).
 */
const DIGIT = /^[\p{Nd}\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]/u;

export function pyIsDigit(ch: string): boolean {
  return DIGIT.test(ch);
}

/** `re.sub(r"\W", "_", s)` on a str: anything not a letter, number or underscore. */
const NON_WORD = /[^\p{L}\p{N}_]/gu;

/** Python's sort order of str (by code point, not by UTF-16 unit). */
export function comparePyStr(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** django.db.models.constants.LOOKUP_SEP */
const LOOKUP_SEP = '__';

export interface NormalizedColumn {
  name: string;
  params: Params;
  notes: string[];
}

/**
 * `Command.normalize_col_name`: the field name for a column, the `db_column` parameter when the
 * name had to change, and the notes printed after the field.
 */
export function normalizeColName(colName: string, usedColumnNames: readonly string[], isRelation: boolean): NormalizedColumn {
  const params: Params = new Map();
  const notes: string[] = [];

  let name = pyLower(colName);
  if (name !== colName) notes.push('Field name made lowercase.');

  if (isRelation) {
    if (name.endsWith('_id')) name = name.slice(0, -3);
    else params.set('db_column', colName);
  }

  let replaced = 0;
  name = name.replace(NON_WORD, () => {
    replaced++;
    return '_';
  });
  if (replaced > 0) notes.push('Field renamed to remove unsuitable characters.');

  if (name.includes(LOOKUP_SEP)) {
    while (name.includes(LOOKUP_SEP)) name = name.split(LOOKUP_SEP).join('_');
    // Only noted when the double underscore was in the original name.
    if (pyLower(colName).includes(LOOKUP_SEP)) notes.push("Field renamed because it contained more than one '_' in a row.");
  }

  if (name.startsWith('_')) {
    name = `field${name}`;
    notes.push("Field renamed because it started with '_'.");
  }

  if (name.endsWith('_')) {
    name = `${name}field`;
    notes.push("Field renamed because it ended with '_'.");
  }

  if (isPythonKeyword(name)) {
    name += '_field';
    notes.push('Field renamed because it was a Python reserved word.');
  }

  // `new_name[0]`: a relation column named `_id` leaves nothing, and Django fails right here.
  if (name === '') throw pyError(IndexError, 'string index out of range');
  if (pyIsDigit(Array.from(name)[0]!)) {
    name = `number_${name}`;
    notes.push("Field renamed because it wasn't a valid Python identifier.");
  }

  if (usedColumnNames.includes(name)) {
    let num = 0;
    while (usedColumnNames.includes(`${name}_${num}`)) num++;
    name = `${name}_${num}`;
    notes.push('Field renamed because of name conflict.');
  }

  if (colName !== name && notes.length) params.set('db_column', colName);
  return { name, params, notes };
}

/** `Command.normalize_table_name`: `str.title()` with everything but ASCII letters and digits removed. */
export function normalizeTableName(tableName: string): string {
  return pyTitle(tableName).replace(/[^a-zA-Z0-9]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Field types
// ---------------------------------------------------------------------------------------------

export interface FieldType {
  fieldType: string;
  params: Params;
  notes: string[];
}

/**
 * `Command.get_field_type`: the field class for a column that is not a relation, with
 * max_length, db_collation, max_digits/decimal_places, and the guess note for unknown types.
 */
export function fieldTypeFor(introspection: Pick<PostgresIntrospection, 'getFieldType'>, row: FieldInfo): FieldType {
  const params: Params = new Map();
  const notes: string[] = [];
  let fieldType = introspection.getFieldType(row.typeCode, row);
  if (fieldType === null) {
    fieldType = 'TextField';
    notes.push('This field type is a guess.');
  }
  if (fieldType === 'CharField' && row.displaySize && row.displaySize > 0) params.set('max_length', row.displaySize);
  if ((fieldType === 'CharField' || fieldType === 'TextField') && row.collation) params.set('db_collation', row.collation);
  if (fieldType === 'DecimalField') {
    if (row.precision === null || row.scale === null) {
      notes.push('max_digits and decimal_places have been guessed, as this database handles decimal fields as float');
      params.set('max_digits', row.precision ?? 10);
      params.set('decimal_places', row.scale ?? 5);
    } else {
      params.set('max_digits', row.precision);
      params.set('decimal_places', row.scale);
    }
  }
  return { fieldType, params, notes };
}

function reprValue(v: ParamValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  return strRepr(v);
}

/** `str(tuple_of_str)` */
function tupleRepr(items: string[]): string {
  return items.length === 1 ? `(${strRepr(items[0]!)},)` : `(${items.map(strRepr).join(', ')})`;
}

/** `str(e)` of what an introspection call raised. */
export function errorText(e: unknown): string {
  if (e instanceof DatabaseError) return psycopgErrorMessage(e);
  if (e instanceof PyException) return e.message;
  throw e;
}

// ---------------------------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------------------------

export const HEADER = [
  '# This is an auto-generated Django model module.',
  "# You'll have to do the following manually to clean this up:",
  "#   * Rearrange models' order",
  '#   * Make sure each model has one field with primary_key=True',
  '#   * Make sure each ForeignKey and OneToOneField has `on_delete` set to the desired behavior',
  '#   * Remove `managed = False` lines if you wish to allow Django to create, modify, and delete the table',
  "# Feel free to rename the models, but don't rename db_table values or field names.",
  'from django.db import models',
];

/** `Command.handle_inspection`: the lines of the generated module, produced as they are computed. */
export function* inspectDatabase(introspection: PostgresIntrospection, options: InspectOptions): Generator<string> {
  yield* HEADER;
  const knownModels: string[] = [];
  const types = new Set(['t']);
  if (options.includePartitions) types.add('p');
  if (options.includeViews) types.add('v');
  const tableInfo = new Map<string, TableInfo>();
  for (const info of introspection.getTableList()) if (types.has(info.type)) tableInfo.set(info.name, info);

  const tableNames = options.tables.length ? options.tables : [...tableInfo.keys()].sort(comparePyStr);
  for (const tableName of tableNames) {
    let relations: Map<string, [string, string]>;
    let constraints: Map<string, ConstraintInfo>;
    let primaryKeyColumns: string[];
    let tableDescription: FieldInfo[];
    try {
      relations = introspection.getRelations(tableName);
      constraints = introspection.getConstraints(tableName);
      primaryKeyColumns = introspection.getPrimaryKeyColumns(tableName) ?? [];
      tableDescription = introspection.getTableDescription(tableName);
    } catch (e) {
      yield `# Unable to inspect table '${tableName}'`;
      yield `# The error was: ${errorText(e)}`;
      continue;
    }
    const primaryKeyColumn = primaryKeyColumns.length === 1 ? primaryKeyColumns[0]! : null;
    const uniqueColumns: string[] = [];
    for (const c of constraints.values()) if (c.unique && c.columns.length === 1) uniqueColumns.push(c.columns[0] as string);

    const modelName = normalizeTableName(tableName);
    yield '';
    yield '';
    yield `class ${modelName}(models.Model):`;
    knownModels.push(modelName);

    if (primaryKeyColumns.length > 1) {
      yield `    pk = models.CompositePrimaryKey(${primaryKeyColumns.map((c) => `'${c}'`).join(', ')})`;
    }

    const usedColumnNames: string[] = [];
    const columnToFieldName = new Map<string, string>();
    const usedRelations = new Set<string>();
    for (const row of tableDescription) {
      const notes: string[] = [];
      const extra: Params = new Map();
      const columnName = row.name;
      const relation = relations.get(columnName);
      const isRelation = relation !== undefined;

      const col = normalizeColName(columnName, usedColumnNames, isRelation);
      for (const [k, v] of col.params) extra.set(k, v);
      notes.push(...col.notes);
      const attName = col.name;
      usedColumnNames.push(attName);
      columnToFieldName.set(columnName, attName);

      if (columnName === primaryKeyColumn) extra.set('primary_key', true);
      else if (uniqueColumns.includes(columnName)) extra.set('unique', true);

      let fieldType: string;
      if (relation !== undefined) {
        const [refDbColumn, refDbTable] = relation;
        let relType: string;
        const wasUnique = extra.get('unique');
        extra.delete('unique');
        if (wasUnique || extra.get('primary_key')) relType = 'OneToOneField';
        else {
          relType = 'ForeignKey';
          const refPkColumn = introspection.getPrimaryKeyColumn(refDbTable);
          if (refPkColumn && refPkColumn !== refDbColumn) extra.set('to_field', refDbColumn);
        }
        const relTo = refDbTable === tableName ? 'self' : normalizeTableName(refDbTable);
        fieldType = knownModels.includes(relTo) ? `${relType}(${relTo}` : `${relType}('${relTo}'`;
        if (usedRelations.has(relTo)) extra.set('related_name', `${modelName.toLowerCase()}_${attName}_set`);
        usedRelations.add(relTo);
      } else {
        const ft = fieldTypeFor(introspection, row);
        for (const [k, v] of ft.params) extra.set(k, v);
        notes.push(...ft.notes);
        fieldType = ft.fieldType + '(';
      }

      // `id = models.AutoField(primary_key=True)` is what Django assumes anyway: left out.
      if (attName === 'id' && extra.size === 1 && extra.get('primary_key') === true && fieldType === 'AutoField(') continue;

      if (row.nullOk) {
        extra.set('blank', true);
        extra.set('null', true);
      }

      let desc = `${attName} = ${fieldType.includes('.') ? '' : 'models.'}${fieldType}`;
      if (fieldType.startsWith('ForeignKey(') || fieldType.startsWith('OneToOneField(')) desc += ', models.DO_NOTHING';
      if (row.comment) extra.set('db_comment', row.comment);
      if (extra.size) {
        if (!desc.endsWith('(')) desc += ', ';
        desc += [...extra].map(([k, v]) => `${k}=${reprValue(v)}`).join(', ');
      }
      desc += ')';
      if (notes.length) desc += '  # ' + notes.join(' ');
      yield `    ${desc}`;
    }

    const info = tableInfo.get(tableName);
    yield* metaLines(tableName, constraints, columnToFieldName, info?.type === 'v', info?.type === 'p', info?.comment ?? null);
  }
}

/** `Command.get_meta`: the inner Meta class (managed = False, db_table, unique_together, comment). */
export function metaLines(
  tableName: string,
  constraints: Map<string, ConstraintInfo>,
  columnToFieldName: Map<string, string>,
  isView: boolean,
  isPartition: boolean,
  comment: string | null,
): string[] {
  const uniqueTogether: string[] = [];
  let hasUnsupportedConstraint = false;
  for (const params of constraints.values()) {
    if (!params.unique) continue;
    if (params.columns.includes(null)) hasUnsupportedConstraint = true;
    const columns = params.columns.filter((c): c is string => c !== null && columnToFieldName.has(c));
    if (columns.length > 1 && !params.primaryKey) uniqueTogether.push(tupleRepr(columns.map((c) => columnToFieldName.get(c)!)));
  }
  const managedComment = isView ? "  # Created from a view. Don't remove." : isPartition ? "  # Created from a partition. Don't remove." : '';
  const meta = [''];
  if (hasUnsupportedConstraint) meta.push('    # A unique constraint could not be introspected.');
  meta.push('    class Meta:', `        managed = False${managedComment}`, `        db_table = ${strRepr(tableName)}`);
  if (uniqueTogether.length) meta.push(`        unique_together = (${uniqueTogether.join(', ')},)`);
  if (comment) meta.push(`        db_table_comment = ${strRepr(comment)}`);
  return meta;
}
