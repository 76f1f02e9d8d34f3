/**
 * PostgresSchemaEditor: Django 5.2's BaseDatabaseSchemaEditor with the postgresql
 * DatabaseSchemaEditor overrides, producing byte-identical SQL.
 *
 * Usage (what `with connection.schema_editor(collect_sql=…, atomic=…) as editor:` does):
 *
 *     PostgresSchemaEditor.run(conn, { collectSql: true }, (editor) => { editor.createModel(model); });
 *
 * or by hand: `new PostgresSchemaEditor(conn, opts)`, calls, then `finish()` to run the deferred
 * statements (indexes, foreign keys, unique_together). In collectSql mode statements are
 * appended to `collectedSql` exactly as `sqlmigrate` prints them; introspection queries
 * (constraint names, sequences) still read the live database, as in Django.
 *
 * Methods are Django's names in camelCase with the same argument order.
 */
import { PySetOrder, pyHash } from '../../python/set-order.ts';
import { EMPTY_TUPLE, type PyValue, None, ValueError, eq, pyError, str, truthy } from '../../python/objects.ts';
import type { Env } from '../../env.ts';
import { systemEnv } from '../../env.ts';
import type { Apps } from '../../state/apps.ts';
import type { Constraint } from '../../state/constraints.ts';
import { CheckConstraint, UniqueConstraint } from '../../state/constraints.ts';
import type { Field } from '../../state/fields/field.ts';
import type { ForeignObjectRel } from '../../state/fields/related.ts';
import { ForeignKey, ManyToManyField } from '../../state/fields/related.ts';
import { DateField, GeneratedField, TimeField } from '../../state/fields/scalar.ts';
import type { Index } from '../../state/indexes.ts';
import type { ModelMeta } from '../../state/meta.ts';
import type { Connection, SqlParam } from '../types.ts';
import { ClientProgrammingError } from '../adapt.ts';
import { namesDigest, splitIdentifier, stripQuotes } from '../utils.ts';
import {
  type Compiled,
  compileCondition,
  compileDbDefault,
  compileExpression,
  compileNode,
  interpolate,
  quoteName as quoteNameImpl,
  relatedQueryName,
  resolveIndexExpressions,
} from './compiler.ts';
import {
  AUTO_FIELD_TYPES,
  type DbParameters,
  collationOf,
  dbParameters,
  dbType,
  dbTypeSuffix,
  DATA_TYPE_CHECK_CONSTRAINTS,
  fieldDataType,
  formatNamed,
  internalType,
  targetField,
} from './data-types.ts';
import {
  Columns,
  Expressions,
  ForeignKeyName,
  IndexColumns,
  IndexName,
  Reference,
  Statement,
  Table,
} from './ddl-references.ts';
import { type ConstraintInfo, PostgresIntrospection } from './introspection.ts';
import { SqlLiteral, getDbPrepSave, getDefault } from './values.ts';

// ---------------------------------------------------------------------------------------------
// SQL templates (Django 5.2, base + postgresql overrides)
// ---------------------------------------------------------------------------------------------

export const SQL = {
  createTable: 'CREATE TABLE %(table)s (%(definition)s)',
  renameTable: 'ALTER TABLE %(old_table)s RENAME TO %(new_table)s',
  retablespaceTable: 'ALTER TABLE %(table)s SET TABLESPACE %(new_tablespace)s',
  deleteTable: 'DROP TABLE %(table)s CASCADE',

  createColumn: 'ALTER TABLE %(table)s ADD COLUMN %(column)s %(definition)s',
  alterColumn: 'ALTER TABLE %(table)s %(changes)s',
  alterColumnType: 'ALTER COLUMN %(column)s TYPE %(type)s%(collation)s',
  alterColumnNull: 'ALTER COLUMN %(column)s DROP NOT NULL',
  alterColumnNotNull: 'ALTER COLUMN %(column)s SET NOT NULL',
  alterColumnDefault: 'ALTER COLUMN %(column)s SET DEFAULT %(default)s',
  alterColumnNoDefault: 'ALTER COLUMN %(column)s DROP DEFAULT',
  alterColumnNoDefaultNull: 'ALTER COLUMN %(column)s DROP DEFAULT',
  deleteColumn: 'ALTER TABLE %(table)s DROP COLUMN %(column)s CASCADE',
  renameColumn: 'ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s',
  updateWithDefault: 'UPDATE %(table)s SET %(column)s = %(default)s WHERE %(column)s IS NULL; SET CONSTRAINTS ALL IMMEDIATE',

  uniqueConstraint: 'UNIQUE (%(columns)s)%(deferrable)s',
  checkConstraint: 'CHECK (%(check)s)',
  deleteConstraint: 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s',
  constraint: 'CONSTRAINT %(name)s %(constraint)s',
  pkConstraint: 'PRIMARY KEY (%(columns)s)',

  createCheck: 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s CHECK (%(check)s)',
  deleteCheck: 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s',

  createUnique: 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s UNIQUE%(nulls_distinct)s (%(columns)s)%(deferrable)s',
  deleteUnique: 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s',

  createFk: 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s FOREIGN KEY (%(column)s) REFERENCES %(to_table)s (%(to_column)s)%(deferrable)s',
  createColumnInlineFk:
    'CONSTRAINT %(name)s REFERENCES %(to_table)s(%(to_column)s)%(deferrable)s; SET CONSTRAINTS %(namespace)s%(name)s IMMEDIATE',
  deleteFk: 'SET CONSTRAINTS %(name)s IMMEDIATE; ALTER TABLE %(table)s DROP CONSTRAINT %(name)s',

  createIndex: 'CREATE INDEX %(name)s ON %(table)s%(using)s (%(columns)s)%(include)s%(extra)s%(condition)s',
  createIndexConcurrently: 'CREATE INDEX CONCURRENTLY %(name)s ON %(table)s%(using)s (%(columns)s)%(include)s%(extra)s%(condition)s',
  createUniqueIndex: 'CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(nulls_distinct)s%(condition)s',
  renameIndex: 'ALTER INDEX %(old_name)s RENAME TO %(new_name)s',
  deleteIndex: 'DROP INDEX IF EXISTS %(name)s',
  deleteIndexConcurrently: 'DROP INDEX CONCURRENTLY IF EXISTS %(name)s',

  createPk: 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s PRIMARY KEY (%(columns)s)',
  deletePk: 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s',

  deleteProcedure: 'DROP FUNCTION %(procedure)s(%(param_types)s)',

  alterTableComment: 'COMMENT ON TABLE %(table)s IS %(comment)s',
  alterColumnComment: 'COMMENT ON COLUMN %(table)s.%(column)s IS %(comment)s',

  alterSequenceType: 'ALTER SEQUENCE IF EXISTS %(sequence)s AS %(type)s',
  deleteSequence: 'DROP SEQUENCE IF EXISTS %(sequence)s CASCADE',
  addIdentity: 'ALTER TABLE %(table)s ALTER COLUMN %(column)s ADD GENERATED BY DEFAULT AS IDENTITY',
  dropIdentity: 'ALTER TABLE %(table)s ALTER COLUMN %(column)s DROP IDENTITY IF EXISTS',
} as const;

/** `connection.ops.deferrable_sql()`. */
const DEFERRABLE_SQL = ' DEFERRABLE INITIALLY DEFERRED';
/** `connection.ops.max_name_length()`. */
const MAX_NAME_LENGTH = 63;

/** Field attributes that don't affect the column (Field.non_db_attrs). */
const NON_DB_ATTRS = [
  'blank',
  'choices',
  'db_column',
  'editable',
  'error_messages',
  'help_text',
  'limit_choices_to',
  'on_delete',
  'related_name',
  'related_query_name',
  'validators',
  'verbose_name',
];

export interface SchemaEditorOptions {
  /** sqlmigrate: collect statements instead of running them. */
  collectSql?: boolean;
  /** Wrap `run()` in a transaction (the migration's `atomic`). Default true. */
  atomic?: boolean;
  /** Clock for auto_now/auto_now_add effective defaults (timezone.now()). */
  env?: Env;
  /** settings.USE_TZ (default true). */
  useTz?: boolean;
  /** settings.TIME_ZONE (default 'UTC'): the date of an aware datetime default for a DateField. */
  timeZone?: string;
  /** settings.DEFAULT_INDEX_TABLESPACE (default ''). */
  defaultIndexTablespace?: string;
  /**
   * The Python value of `timezone.now()` / `datetime.now()` / `.date()` / `.time()` for an
   * auto_now field, when the stdlib datetime types are available; otherwise a literal is built
   * from `env`.
   */
  now?: (internalType: 'DateTimeField' | 'DateField' | 'TimeField') => PyValue;
}

export interface ConstraintNameFilter {
  columnNames?: string[] | null;
  unique?: boolean;
  primaryKey?: boolean;
  index?: boolean;
  foreignKey?: boolean;
  check?: boolean;
  type?: string;
  exclude?: Set<string>;
}

type Action = [string, PyValue[]];

/** Apps to find reverse relations in (old field's registry, new field's registry). */
export interface AlterFieldApps {
  from: Apps;
  to: Apps;
}

// ---------------------------------------------------------------------------------------------
// Relation helpers (_is_relevant_relation, _all_related_fields, _related_non_m2m_objects)
// ---------------------------------------------------------------------------------------------

function isRelevantRelation(relation: ForeignObjectRel, alteredField: Field): boolean {
  const field = relation.field;
  if (field.manyToMany) return false;
  const toField = field instanceof ForeignKey ? field.toFieldsValue : null;
  if (alteredField.isPrimaryKey && toField === null) return true;
  return toField !== null && alteredField.name === toField;
}

/** `_all_related_fields(model)`: reverse relations (hidden ones too) sorted by name. */
function allRelatedFields(model: ModelMeta, apps: Apps): ForeignObjectRel[] {
  if (model.proxy) return [];
  const label = model.concreteModel.labelLower;
  const rels: ForeignObjectRel[] = [];
  for (const m of apps.models.values()) {
    for (const f of [...m.localFields, ...m.localManyToMany]) {
      const rel = f.remoteField;
      if (!rel || !rel.remoteModel) continue;
      if (rel.remoteModel.concreteModel.labelLower !== label) continue;
      rels.push(rel);
    }
  }
  const named = rels.map((r, i) => ({ r, i, name: relatedQueryName(r.field) }));
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i));
  return named.map((x) => x.r);
}

function relatedNonM2mObjects(oldField: Field, newField: Field, apps: AlterFieldApps): [ForeignObjectRel, ForeignObjectRel][] {
  const olds = allRelatedFields(oldField.model!, apps.from).filter((r) => isRelevantRelation(r, oldField));
  const news = allRelatedFields(newField.model!, apps.to).filter((r) => isRelevantRelation(r, newField));
  const out: [ForeignObjectRel, ForeignObjectRel][] = [];
  for (let i = 0; i < Math.min(olds.length, news.length); i++) {
    const pair: [ForeignObjectRel, ForeignObjectRel] = [olds[i]!, news[i]!];
    out.push(pair);
    out.push(...relatedNonM2mObjects(pair[0].field, pair[1].field, apps));
  }
  return out;
}

/** The `Deferrable` value of a constraint as 'deferred' | 'immediate' | null. */
function deferrableKind(v: PyValue): 'deferred' | 'immediate' | null {
  if (v === None || v === false) return null;
  let text: string;
  if (typeof v === 'string') text = v;
  else {
    const value = (v as { nativeGetAttr?: (n: string) => PyValue | undefined }).nativeGetAttr?.('value');
    text = typeof value === 'string' ? value : str(v);
  }
  text = text.toLowerCase();
  if (text.includes('immediate')) return 'immediate';
  if (text.includes('deferred')) return 'deferred';
  return null;
}

function isAutoCreated(model: ModelMeta | null | undefined): boolean {
  return !!model && model.autoCreated !== false;
}

// ---------------------------------------------------------------------------------------------
// The schema editor
// ---------------------------------------------------------------------------------------------

export class PostgresSchemaEditor {
  readonly connection: Connection;
  readonly collectSql: boolean;
  readonly collectedSql: string[] = [];
  /** Statements run at `finish()` (Django's deferred_sql). */
  deferredSql: (Statement | string)[] = [];
  readonly atomicMigration: boolean;
  readonly introspection: PostgresIntrospection;
  private readonly env: Env;
  private readonly useTz: boolean;
  private readonly timeZone: string;
  private readonly defaultIndexTablespace: string;
  private readonly nowHook?: SchemaEditorOptions['now'];

  constructor(connection: Connection, opts: SchemaEditorOptions = {}) {
    this.connection = connection;
    this.collectSql = opts.collectSql ?? false;
    this.atomicMigration = opts.atomic ?? true;
    this.introspection = new PostgresIntrospection(connection);
    this.env = opts.env ?? systemEnv;
    this.useTz = opts.useTz ?? true;
    this.timeZone = opts.timeZone ?? 'UTC';
    this.defaultIndexTablespace = opts.defaultIndexTablespace ?? '';
    this.nowHook = opts.now;
  }

  /**
   * `with connection.schema_editor(...) as editor: fn(editor)`: runs fn, then the deferred SQL,
   * inside a transaction when atomic (can_rollback_ddl is true on PostgreSQL).
   */
  static run<T>(connection: Connection, opts: SchemaEditorOptions, fn: (editor: PostgresSchemaEditor) => T): T {
    const editor = new PostgresSchemaEditor(connection, opts);
    const body = () => {
      const result = fn(editor);
      editor.finish();
      return result;
    };
    return editor.atomicMigration ? connection.atomic(body) : body();
  }

  /** `__exit__` without an exception: runs (or collects) the deferred statements. */
  finish(): void {
    const deferred = this.deferredSql;
    this.deferredSql = [];
    for (const sql of deferred) this.execute(sql, null);
  }

  // -------------------------------------------------------------------------------------------
  // Core utilities
  // -------------------------------------------------------------------------------------------

  /**
   * Executes (or collects) a statement. `params` undefined means Django's default `()`: the SQL
   * still goes through psycopg2's mogrify (so `%%` becomes `%`, and a stray `%` fails with
   * "IndexError: tuple index out of range" as in Django); `null` sends it as is.
   */
  execute(sql: string | Statement, params?: readonly SqlParam[] | null): void {
    let text = sql.toString();
    if (params === undefined) {
      // psycopg2 is given an empty tuple; connections that take QueryParams accept a PyTuple.
      text = this.connection.mogrify(text, EMPTY_TUPLE as unknown as readonly SqlParam[]);
    } else if (params !== null) text = this.connection.mogrify(text, params);
    if (this.collectSql) {
      const ending = text.trimEnd().endsWith(';') ? '' : ';';
      this.collectedSql.push(text + ending);
    } else {
      const result = this.connection.execute(text);
      // psycopg2: PGRES_EMPTY_QUERY (a script of only comments or blanks) is an error.
      if (result.commandTag === '') throw new ClientProgrammingError("can't execute an empty query");
    }
  }

  quoteName(name: string): string {
    return quoteNameImpl(name);
  }

  quoteValue(value: PyValue): string {
    return this.connection.quoteValue(value);
  }

  /** `sql % tuple(quote_value(p) for p in params)` */
  private interpolateCompiled([sql, params]: Compiled): string {
    return interpolate(
      sql,
      params.map((p) => this.quoteValue(p)),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Field ↔ column mapping
  // -------------------------------------------------------------------------------------------

  /** `table_sql(model)`: the CREATE TABLE statement and its params. */
  tableSql(model: ModelMeta): [string, PyValue[]] {
    for (const fieldNames of model.uniqueTogether) {
      const fields = fieldNames.map((n) => model.getField(n));
      const stmt = this.createUniqueSql(model, fields);
      if (stmt) this.deferredSql.push(stmt);
    }
    const columnSqls: string[] = [];
    const params: PyValue[] = [];
    for (const field of model.localFields) {
      const [definition0, extraParams] = this.columnSql(model, field);
      if (definition0 === null) continue;
      let definition = definition0;
      const dbParams = dbParameters(field);
      if (dbParams.check) definition += ' ' + formatNamed(SQL.checkConstraint, { check: dbParams.check });
      const suffix = dbTypeSuffix(field);
      if (suffix) definition += ` ${suffix}`;
      params.push(...extraParams);
      if (field instanceof ForeignKey && truthy(field.dbConstraint)) {
        this.deferredSql.push(this.createFkSql(model, field, '_fk_%(to_table)s_%(to_column)s'));
      }
      columnSqls.push(`${this.quoteName(field.column!)} ${definition}`);
    }
    const constraintSqls: string[] = [];
    if (params.length) {
      for (const c of model.constraints) {
        const s = this.constraintCreateSql(model, c);
        if (s) this.deferredSql.push(s);
      }
    } else {
      for (const c of model.constraints) {
        const s = this.constraintSql(model, c);
        if (s) constraintSqls.push(s);
      }
    }
    let sql = formatNamed(SQL.createTable, {
      table: this.quoteName(model.dbTable),
      definition: [...columnSqls, ...constraintSqls].filter((s) => s).join(', '),
    });
    if (truthy(model.dbTablespace)) sql += ' ' + this.tablespaceSql(str(model.dbTablespace));
    return [sql, params];
  }

  private tablespaceSql(tablespace: string, inline = false): string {
    return inline ? `USING INDEX TABLESPACE ${this.quoteName(tablespace)}` : `TABLESPACE ${this.quoteName(tablespace)}`;
  }

  private fieldTablespace(field: Field): PyValue {
    return truthy(field.dbTablespace) ? field.dbTablespace : this.defaultIndexTablespace;
  }

  /** `column_sql(model, field, include_default)`: the column definition and its params. */
  columnSql(model: ModelMeta, field: Field, includeDefault = false): [string | null, PyValue[]] {
    const dbParams = dbParameters(field);
    const columnDbType = dbParams.type;
    if (columnDbType === null) return [null, []];
    const params: PyValue[] = [];
    const parts: string[] = [columnDbType];
    const collation = collationOf(dbParams);
    if (collation) parts.push(this.collateSql(collation));
    const isNull = field.isNull;
    if (field.hasDbDefault()) {
      const [defaultSql, defaultParams] = this.dbDefaultSql(field, model);
      parts.push(`DEFAULT ${defaultSql}`);
      params.push(...defaultParams);
      includeDefault = false;
    }
    if (includeDefault) {
      const defaultValue = this.effectiveDefault(field);
      if (defaultValue !== None) {
        parts.push('DEFAULT %s');
        params.push(defaultValue);
      }
    }
    if (field.generated) {
      const [generatedSql, generatedParams] = this.columnGeneratedSql(field, model);
      params.push(...generatedParams);
      parts.push(generatedSql);
    } else if (!isNull) parts.push('NOT NULL');
    else parts.push('NULL');
    if (field.isPrimaryKey) parts.push('PRIMARY KEY');
    else if (field.unique) parts.push('UNIQUE');
    const tablespace = truthy(this.fieldTablespace(field)) ? this.fieldTablespace(field) : model.dbTablespace;
    if (truthy(tablespace) && field.unique) parts.push(this.tablespaceSql(str(tablespace), true));
    return [parts.join(' '), params];
  }

  /** `db_default_sql(field)`: `%s` for a Value, `(expr)` for an expression. */
  dbDefaultSql(field: Field, model: ModelMeta | null = null): Compiled {
    return compileDbDefault(model ?? field.model!, field);
  }

  /** `_column_generated_sql(field)`. */
  private columnGeneratedSql(field: Field, model: ModelMeta): [string, PyValue[]] {
    const g = field as GeneratedField;
    const [sql, params] = compileExpression(g.model ?? model, g.expression);
    const persistency = truthy(g.dbPersist) ? 'STORED' : 'VIRTUAL';
    return [`GENERATED ALWAYS AS (${sql}) ${persistency}`, params];
  }

  private generatedSql(field: Field): Compiled {
    const g = field as GeneratedField;
    return compileExpression(g.model!, g.expression);
  }

  /** `_effective_default(field)` before get_db_prep_save. */
  private rawEffectiveDefault(field: Field): PyValue {
    if (field.hasDefault()) return getDefault(field);
    if (field.generated) return None;
    if (!field.isNull && truthy(field.blank) && field.emptyStringsAllowed) {
      return internalType(field) === 'BinaryField' ? new SqlLiteral("'\\x'::bytea", "b''") : '';
    }
    if (field instanceof DateField || field instanceof TimeField) {
      if (truthy(field.autoNow) || truthy(field.autoNowAdd)) {
        const kind = internalType(field);
        if (kind === 'DateTimeField' || kind === 'DateField' || kind === 'TimeField') return this.now(kind);
      }
    }
    return None;
  }

  /** `effective_default(field)`: the value a new column is filled with. */
  effectiveDefault(field: Field): PyValue {
    return getDbPrepSave(field, this.rawEffectiveDefault(field), this.useTz, this.timeZone);
  }

  private now(kind: 'DateTimeField' | 'DateField' | 'TimeField'): PyValue {
    if (this.nowHook) return this.nowHook(kind);
    const d = this.env.now();
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const micro = d.getUTCMilliseconds() * 1000;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${micro ? `.${pad(micro, 6)}` : ''}`;
    if (kind === 'DateField') return new SqlLiteral(`'${date}'::date`);
    if (kind === 'TimeField') return new SqlLiteral(`'${time}'::time`);
    if (this.useTz && kind === 'DateTimeField') return new SqlLiteral(`'${date}T${time}+00:00'::timestamptz`);
    return new SqlLiteral(`'${date}T${time}'::timestamp`);
  }

  // -------------------------------------------------------------------------------------------
  // Actions: models
  // -------------------------------------------------------------------------------------------

  /** Creates the table, its comments, indexes (deferred) and auto-created M2M tables. */
  createModel(model: ModelMeta): void {
    const [sql, params] = this.tableSql(model);
    this.execute(sql, params.length ? params : null);
    if (truthy(model.dbTableComment)) this.alterDbTableComment(model, None, model.dbTableComment);
    for (const field of model.localFields) {
      if (truthy(field.dbComment)) {
        const fieldType = dbParameters(field).type;
        this.execute(...this.alterColumnCommentSql(model, field, fieldType, field.dbComment));
      }
    }
    this.deferredSql.push(...this.modelIndexesSql(model));
    for (const field of model.localManyToMany) {
      const through = (field as ManyToManyField).remoteField.throughModel;
      if (through && isAutoCreated(through)) this.createModel(through);
    }
  }

  /** Drops the table (and auto-created M2M tables); forgets deferred SQL referencing it. */
  deleteModel(model: ModelMeta): void {
    for (const field of model.localManyToMany) {
      const through = (field as ManyToManyField).remoteField.throughModel;
      if (through && isAutoCreated(through)) this.deleteModel(through);
    }
    this.execute(formatNamed(SQL.deleteTable, { table: this.quoteName(model.dbTable) }));
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesTable(model.dbTable)));
  }

  addIndex(model: ModelMeta, index: Index, concurrently = false): void {
    this.execute(this.indexCreateSql(model, index, concurrently), null);
  }

  removeIndex(model: ModelMeta, index: Index, concurrently = false): void {
    this.execute(this.deleteIndexSql(model, index.name, concurrently));
  }

  renameIndex(model: ModelMeta, oldIndex: Index, newIndex: Index): void {
    this.execute(this.renameIndexSql(model, oldIndex.name, newIndex.name), null);
  }

  addConstraint(model: ModelMeta, constraint: Constraint): void {
    const sql = this.constraintCreateSql(model, constraint);
    if (sql) this.execute(sql, null);
  }

  removeConstraint(model: ModelMeta, constraint: Constraint): void {
    const sql = this.constraintRemoveSql(model, constraint);
    if (sql) this.execute(sql);
  }

  /** Adds and drops unique_together constraints (inputs are lists of field-name lists). */
  alterUniqueTogether(model: ModelMeta, oldUniqueTogether: PyValue[][], newUniqueTogether: PyValue[][]): void {
    const [removed, added] = togetherChanges(oldUniqueTogether, newUniqueTogether);
    for (const fields of removed) this.deleteComposedIndex(model, fields, { unique: true, primaryKey: false }, SQL.deleteUnique);
    for (const fieldNames of added) {
      const fields = fieldNames.map((n) => model.getField(n));
      const stmt = this.createUniqueSql(model, fields);
      if (stmt) this.execute(stmt);
    }
  }

  /** AlterIndexTogether (old migrations): adds and drops `_idx` indexes. */
  alterIndexTogether(model: ModelMeta, oldIndexTogether: PyValue[][], newIndexTogether: PyValue[][]): void {
    const [removed, added] = togetherChanges(oldIndexTogether, newIndexTogether);
    for (const fields of removed) this.deleteComposedIndex(model, fields, { index: true, unique: false }, SQL.deleteIndex);
    for (const fieldNames of added) {
      const fields = fieldNames.map((n) => model.getField(n));
      this.execute(this.createIndexSql(model, { fields, suffix: '_idx' }));
    }
  }

  private deleteComposedIndex(model: ModelMeta, fields: string[], constraintKwargs: ConstraintNameFilter, sql: string): void {
    const exclude = new Set<string>([...model.constraints.map((c) => c.name), ...model.indexes.map((i) => i.name)]);
    const columns = fields.map((f) => model.getField(f).column!);
    let names = this.constraintNames(model, { ...constraintKwargs, columnNames: columns, exclude });
    if (constraintKwargs.unique === true && names.length) {
      const defaultName = this.uniqueConstraintName(model.dbTable, columns, false).toString();
      if (names.includes(defaultName)) names = [defaultName];
    }
    if (names.length !== 1) {
      throw pyError(ValueError, `Found wrong number (${names.length}) of constraints for ${model.dbTable}(${columns.join(', ')})`);
    }
    this.execute(this.deleteConstraintSql(sql, model, names[0]!));
  }

  /** Renames the table; pending deferred statements follow. Sequences keep their names. */
  alterDbTable(model: ModelMeta, oldDbTable: string, newDbTable: string): void {
    if (oldDbTable === newDbTable) return;
    this.execute(formatNamed(SQL.renameTable, { old_table: this.quoteName(oldDbTable), new_table: this.quoteName(newDbTable) }));
    for (const sql of this.deferredSql) if (sql instanceof Statement) sql.renameTableReferences(oldDbTable, newDbTable);
  }

  alterDbTableComment(model: ModelMeta, _oldComment: PyValue, newComment: PyValue): void {
    this.execute(
      formatNamed(SQL.alterTableComment, {
        table: this.quoteName(model.dbTable),
        comment: this.quoteValue(truthy(newComment) ? newComment : ''),
      }),
    );
  }

  alterDbTablespace(model: ModelMeta, _oldTablespace: PyValue, newTablespace: PyValue): void {
    this.execute(
      formatNamed(SQL.retablespaceTable, {
        table: this.quoteName(model.dbTable),
        new_tablespace: this.quoteName(str(newTablespace)),
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Actions: fields
  // -------------------------------------------------------------------------------------------

  /** Adds a column (or the M2M table), with one-off default, inline FK, comment and indexes. */
  addField(model: ModelMeta, field: Field): void {
    if (field instanceof ManyToManyField) {
      const through = field.remoteField.throughModel;
      if (through && isAutoCreated(through)) {
        this.createModel(through);
        return;
      }
    }
    const [definition0, params] = this.columnSql(model, field, true);
    if (definition0 === null) return;
    let definition = definition0;
    const suffix = dbTypeSuffix(field);
    if (suffix) definition += ` ${suffix}`;
    const dbParams = dbParameters(field);
    if (dbParams.check) definition += ' ' + formatNamed(SQL.checkConstraint, { check: dbParams.check });
    if (field instanceof ForeignKey && truthy(field.dbConstraint)) {
      const constraintSuffix = '_fk_%(to_table)s_%(to_column)s';
      const target = targetField(field);
      const toTable = target.model!.dbTable;
      const [namespace] = splitIdentifier(model.dbTable);
      definition +=
        ' ' +
        formatNamed(SQL.createColumnInlineFk, {
          name: this.fkConstraintName(model, field, constraintSuffix).toString(),
          namespace: namespace ? `${this.quoteName(namespace)}.` : '',
          column: this.quoteName(field.column!),
          to_table: this.quoteName(toTable),
          to_column: this.quoteName(target.column!),
          deferrable: DEFERRABLE_SQL,
        });
    }
    const sql = formatNamed(SQL.createColumn, {
      table: this.quoteName(model.dbTable),
      column: this.quoteName(field.column!),
      definition,
    });
    this.execute(sql, params.length ? params : null);
    if (!field.hasDbDefault() && this.effectiveDefault(field) !== None) {
      const [changes, p] = this.alterColumnDefaultSql(model, null, field, true);
      this.execute(formatNamed(SQL.alterColumn, { table: this.quoteName(model.dbTable), changes }), p);
    }
    if (truthy(field.dbComment)) {
      this.execute(...this.alterColumnCommentSql(model, field, dbParams.type, field.dbComment));
    }
    this.deferredSql.push(...this.fieldIndexesSql(model, field));
  }

  /** Drops a column (or the M2M table), its foreign keys first; forgets deferred SQL using it. */
  removeField(model: ModelMeta, field: Field): void {
    if (field instanceof ManyToManyField) {
      const through = field.remoteField.throughModel;
      if (through && isAutoCreated(through)) {
        this.deleteModel(through);
        return;
      }
    }
    if (dbParameters(field).type === null) return;
    if (field.remoteField) {
      for (const fkName of this.constraintNames(model, { columnNames: [field.column!], foreignKey: true })) {
        this.execute(this.deleteFkSql(model, fkName));
      }
    }
    this.execute(formatNamed(SQL.deleteColumn, { table: this.quoteName(model.dbTable), column: this.quoteName(field.column!) }));
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesColumn(model.dbTable, field.column!)));
  }

  /**
   * Alters a field: type, null, default, db_default, unique, db_index, primary key, foreign
   * keys, column name, comment, collation. `apps` are the registries holding the models
   * that point at the old and the new field (default: the fields' own).
   */
  alterField(model: ModelMeta, oldField: Field, newField: Field, strict = false, apps?: AlterFieldApps): void {
    if (!this.fieldShouldBeAltered(oldField, newField)) return;
    const oldDbParams = dbParameters(oldField);
    const oldType = oldDbParams.type;
    const newDbParams = dbParameters(newField);
    const newType = newDbParams.type;
    const fromApps = apps ?? { from: oldField.model!.apps, to: newField.model!.apps };
    if ((oldType === null && oldField.remoteField === null) || (newType === null && newField.remoteField === null)) {
      throw pyError(
        ValueError,
        `Cannot alter field ${oldField.nativeStr()} into ${newField.nativeStr()} - they do not properly define db_type (are you using a badly-written custom field?)`,
      );
    }
    const oldThrough = oldField instanceof ManyToManyField ? oldField.remoteField.throughModel : null;
    const newThrough = newField instanceof ManyToManyField ? newField.remoteField.throughModel : null;
    if (oldType === null && newType === null && oldThrough && newThrough && isAutoCreated(oldThrough) && isAutoCreated(newThrough)) {
      this.alterManyToMany(model, oldField, newField, strict, fromApps);
      return;
    }
    if (oldType === null && newType === null && oldThrough && newThrough && !isAutoCreated(oldThrough) && !isAutoCreated(newThrough)) {
      return;
    }
    if (oldType === null || newType === null) {
      throw pyError(
        ValueError,
        `Cannot alter field ${oldField.nativeStr()} into ${newField.nativeStr()} - they are not compatible types (you cannot alter to or from M2M fields, or add or remove through= on M2M fields)`,
      );
    }
    let modifyingGenerated = false;
    if (oldField.generated !== newField.generated) modifyingGenerated = true;
    else if (newField.generated) {
      const og = oldField as GeneratedField;
      const ng = newField as GeneratedField;
      if (!eq(og.dbPersist, ng.dbPersist)) modifyingGenerated = true;
      else {
        let oldSql: Compiled | null = null;
        try {
          oldSql = this.generatedSql(oldField);
        } catch {
          modifyingGenerated = true;
        }
        if (oldSql) modifyingGenerated = !compiledEqual(oldSql, this.generatedSql(newField));
      }
    }
    if (modifyingGenerated) {
      throw pyError(
        ValueError,
        `Modifying GeneratedFields is not supported - the field ${newField.nativeStr()} must be removed and re-added with the new definition.`,
      );
    }
    this.alterFieldImpl(model, oldField, newField, oldType, newType, oldDbParams, newDbParams, strict, fromApps);
  }

  /** `_alter_many_to_many`: renames the through table and repoints its foreign keys. */
  alterManyToMany(model: ModelMeta, oldField: Field, newField: Field, strict = false, apps?: AlterFieldApps): void {
    void model;
    void strict;
    const oldM2m = oldField as ManyToManyField;
    const newM2m = newField as ManyToManyField;
    const oldThrough = oldM2m.remoteField.throughModel!;
    const newThrough = newM2m.remoteField.throughModel!;
    if (oldThrough.dbTable !== newThrough.dbTable) this.alterDbTable(oldThrough, oldThrough.dbTable, newThrough.dbTable);
    this.alterField(
      newThrough,
      oldThrough.getField(m2mReverseFieldName(oldM2m)),
      newThrough.getField(m2mReverseFieldName(newM2m)),
      false,
      apps,
    );
    this.alterField(newThrough, oldThrough.getField(m2mFieldName(oldM2m)), newThrough.getField(m2mFieldName(newM2m)), false, apps);
  }

  /** `_field_should_be_altered`. */
  fieldShouldBeAltered(oldField: Field, newField: Field, ignore: Set<string> = new Set()): boolean {
    if (!isConcrete(oldField) && !isConcrete(newField)) return false;
    const o = oldField.deconstruct();
    const n = newField.deconstruct();
    const oldKwargs = new Map(o.kwargs);
    const newKwargs = new Map(n.kwargs);
    for (const attr of [...ignore, ...NON_DB_ATTRS]) {
      oldKwargs.delete(attr);
      newKwargs.delete(attr);
    }
    const oldRemote = oldField.remoteField?.remoteModel;
    const newRemote = newField.remoteField?.remoteModel;
    if (!newField.manyToMany && oldField.remoteField && newField.remoteField && oldRemote && newRemote && oldRemote.dbTable === newRemote.dbTable) {
      oldKwargs.delete('to');
      newKwargs.delete('to');
    }
    const od = oldKwargs.get('db_default');
    const nd = newKwargs.get('db_default');
    if (od !== undefined && nd !== undefined && truthy(od) && truthy(nd)) {
      if (compiledEqual(this.dbDefaultSql(oldField), this.dbDefaultSql(newField))) {
        oldKwargs.delete('db_default');
        newKwargs.delete('db_default');
      }
    }
    if (this.quoteName(djangoColumn(oldField)) !== this.quoteName(djangoColumn(newField))) return true;
    if (o.path !== n.path) return true;
    if (o.args.length !== n.args.length || o.args.some((a, i) => !eq(a, n.args[i]!))) return true;
    if (oldKwargs.size !== newKwargs.size) return true;
    for (const [k, v] of oldKwargs) {
      if (!newKwargs.has(k) || !eq(v, newKwargs.get(k)!)) return true;
    }
    return false;
  }

  private fieldDbCheck(field: Field): string | null {
    const template = DATA_TYPE_CHECK_CONSTRAINTS[internalType(field)];
    if (field instanceof ForeignKey || field instanceof ManyToManyField || template === undefined) return null;
    return formatNamed(template, { ...field.dbTypeParameters(), column: '__column_name__' });
  }

  /** `_alter_field` (base) followed by the postgresql additions (`_like` indexes). */
  private alterFieldImpl(
    model: ModelMeta,
    oldField: Field,
    newField: Field,
    oldType: string,
    newType: string,
    oldDbParams: DbParameters,
    newDbParams: DbParameters,
    strict: boolean,
    apps: AlterFieldApps,
  ): void {
    this.baseAlterField(model, oldField, newField, oldType, newType, oldDbParams, newDbParams, strict, apps);
    // Added an index? Create any PostgreSQL-specific indexes.
    if (
      (!(oldField.hasDbIndex || oldField.unique) && newField.hasDbIndex) ||
      (!oldField.unique && newField.unique) ||
      this.isChangingTypeOfIndexedTextColumn(oldField, oldType, newType)
    ) {
      const like = this.createLikeIndexSql(model, newField);
      if (like) this.execute(like);
    }
    // Removed an index? Drop any PostgreSQL-specific indexes.
    if (oldField.unique && !(newField.hasDbIndex || newField.unique)) {
      const indexToRemove = this.createIndexName(model.dbTable, [oldField.column!], '_like');
      this.execute(this.deleteIndexSql(model, indexToRemove));
    }
  }

  private baseAlterField(
    model: ModelMeta,
    oldField: Field,
    newField: Field,
    oldType: string,
    newType: string,
    oldDbParams: DbParameters,
    newDbParams: DbParameters,
    strict: boolean,
    apps: AlterFieldApps,
  ): void {
    const table = model.dbTable;
    // Drop any FK constraints, we'll remake them later.
    let fksDropped = false;
    if (
      oldField instanceof ForeignKey &&
      truthy(oldField.dbConstraint) &&
      this.fieldShouldBeAltered(oldField, newField, new Set(['db_comment']))
    ) {
      const fkNames = this.constraintNames(model, { columnNames: [oldField.column!], foreignKey: true });
      if (strict && fkNames.length !== 1) {
        throw pyError(ValueError, `Found wrong number (${fkNames.length}) of foreign key constraints for ${table}.${oldField.column}`);
      }
      for (const fkName of fkNames) {
        fksDropped = true;
        this.execute(this.deleteFkSql(model, fkName));
      }
    }
    // Has unique been removed?
    if (oldField.unique && (!newField.unique || this.fieldBecamePrimaryKey(oldField, newField))) {
      const exclude = new Set(model.constraints.map((c) => c.name));
      const names = this.constraintNames(model, { columnNames: [oldField.column!], unique: true, primaryKey: false, exclude });
      if (strict && names.length !== 1) {
        throw pyError(ValueError, `Found wrong number (${names.length}) of unique constraints for ${table}.${oldField.column}`);
      }
      for (const name of names) this.execute(this.deleteUniqueSql(model, name));
    }
    // Drop incoming FK constraints if the field is a primary key or unique, which might be a
    // to_field target, and things are going to change.
    const oldCollation = collationOf(oldDbParams);
    const newCollation = collationOf(newDbParams);
    const dropForeignKeys =
      ((oldField.isPrimaryKey && newField.isPrimaryKey) || (oldField.unique && newField.unique)) &&
      (oldType !== newType || oldCollation !== newCollation);
    if (dropForeignKeys) {
      for (const [, newRel] of relatedNonM2mObjects(oldField, newField, apps)) {
        const relModel = newRel.field.model!;
        for (const fkName of this.constraintNames(relModel, { columnNames: [newRel.field.column!], foreignKey: true })) {
          this.execute(this.deleteFkSql(relModel, fkName));
        }
      }
    }
    // Removed an index? (no strict check, as multiple indexes are possible)
    if (oldField.hasDbIndex && !oldField.unique && (!newField.hasDbIndex || newField.unique)) {
      const exclude = new Set(model.indexes.map((i) => i.name));
      const indexNames = this.constraintNames(model, { columnNames: [oldField.column!], index: true, type: 'idx', exclude });
      for (const indexName of indexNames) this.execute(this.deleteIndexSql(model, indexName));
    }
    // Change check constraints?
    const oldDbCheck = this.fieldDbCheck(oldField);
    const newDbCheck = this.fieldDbCheck(newField);
    if (oldDbCheck !== newDbCheck && oldDbCheck) {
      const exclude = new Set(model.constraints.map((c) => c.name));
      const names = this.constraintNames(model, { columnNames: [oldField.column!], check: true, exclude });
      if (strict && names.length !== 1) {
        throw pyError(ValueError, `Found wrong number (${names.length}) of check constraints for ${table}.${oldField.column}`);
      }
      for (const name of names) this.execute(this.deleteCheckSql(model, name));
    }
    // Have they renamed the column?
    if (oldField.column !== newField.column) {
      this.execute(this.renameFieldSql(table, oldField, newField));
      for (const sql of this.deferredSql) {
        if (sql instanceof Statement) sql.renameColumnReferences(table, oldField.column!, newField.column!);
      }
    }
    // Next, start accumulating actions to do.
    let actions: Action[] = [];
    const nullActions: Action[] = [];
    const postActions: Action[] = [];
    const oldTypeSuffix = dbTypeSuffix(oldField);
    const newTypeSuffix = dbTypeSuffix(newField);
    if (
      oldType !== newType ||
      oldTypeSuffix !== newTypeSuffix ||
      oldCollation !== newCollation ||
      !eq(oldField.dbComment, newField.dbComment)
    ) {
      const [fragment, otherActions] = this.alterColumnTypeSql(model, oldField, newField, newType, oldCollation, newCollation);
      actions.push(fragment);
      postActions.push(...otherActions);
    }
    if (newField.hasDbDefault()) {
      if (!oldField.hasDbDefault() || !eq(newField.dbDefault, oldField.dbDefault)) {
        actions.push(this.alterColumnDatabaseDefaultSql(model, oldField, newField));
      }
    } else if (oldField.hasDbDefault()) {
      actions.push(this.alterColumnDatabaseDefaultSql(model, oldField, newField, true));
    }
    // When changing a column NULL constraint to NOT NULL with a given default value, we need to
    // perform 4 steps: add a default, update NULL rows, SET NOT NULL, drop the default.
    let needsDatabaseDefault = false;
    let newDefault: PyValue = None;
    if (oldField.isNull && !newField.isNull && !newField.hasDbDefault()) {
      const oldDefault = this.effectiveDefault(oldField);
      newDefault = this.effectiveDefault(newField);
      if (!eq(oldDefault, newDefault) && newDefault !== None) {
        needsDatabaseDefault = true;
        actions.push(this.alterColumnDefaultSql(model, oldField, newField));
      }
    }
    if (oldField.isNull !== newField.isNull) {
      const fragment = this.alterColumnNullSql(model, oldField, newField);
      if (fragment) nullActions.push(fragment);
    }
    const fourWayDefaultAlteration = (newField.hasDefault() || newField.hasDbDefault()) && oldField.isNull && !newField.isNull;
    if (actions.length || nullActions.length) {
      if (!fourWayDefaultAlteration) actions.push(...nullActions);
      // Combine actions together (supports_combined_alters).
      if (actions.length) {
        actions = [[actions.map((a) => a[0]).join(', '), actions.flatMap((a) => a[1])]];
      }
      for (const [sql, params] of actions) {
        this.execute(formatNamed(SQL.alterColumn, { table: this.quoteName(table), changes: sql }), params);
      }
      if (fourWayDefaultAlteration) {
        let defaultSql: string;
        let params: PyValue[];
        if (!newField.hasDbDefault()) {
          defaultSql = '%s';
          params = [newDefault];
        } else {
          [defaultSql, params] = this.dbDefaultSql(newField, model);
        }
        this.execute(
          formatNamed(SQL.updateWithDefault, {
            table: this.quoteName(table),
            column: this.quoteName(newField.column!),
            default: defaultSql,
          }),
          params,
        );
        for (const [sql, p] of nullActions) {
          this.execute(formatNamed(SQL.alterColumn, { table: this.quoteName(table), changes: sql }), p);
        }
      }
    }
    for (const [sql, params] of postActions) this.execute(sql, params);
    // If primary_key changed to False, delete the primary key constraint.
    if (oldField.isPrimaryKey && !newField.isPrimaryKey) this.deletePrimaryKey(model, strict);
    // Added a unique?
    if (this.uniqueShouldBeAdded(oldField, newField)) {
      const stmt = this.createUniqueSql(model, [newField]);
      if (stmt) this.execute(stmt);
    }
    // Added an index?
    if ((!oldField.hasDbIndex || oldField.unique) && newField.hasDbIndex && !newField.unique) {
      this.execute(this.createIndexSql(model, { fields: [newField] }));
    }
    // Type alteration on primary key? Then we need to alter the column referring to us.
    const relsToUpdate: [ForeignObjectRel, ForeignObjectRel][] = [];
    if (dropForeignKeys) relsToUpdate.push(...relatedNonM2mObjects(oldField, newField, apps));
    // Changed to become primary key?
    if (this.fieldBecamePrimaryKey(oldField, newField)) {
      this.execute(this.createPrimaryKeySql(model, newField));
      relsToUpdate.push(...relatedNonM2mObjects(oldField, newField, apps));
    }
    // Handle our type alters on the other end of rels from the PK stuff above.
    for (const [oldRel, newRel] of relsToUpdate) {
      const relDbParams = dbParameters(newRel.field);
      const relType = relDbParams.type!;
      const relCollation = collationOf(relDbParams);
      const oldRelCollation = collationOf(dbParameters(oldRel.field));
      const relModel = newRel.field.model!;
      const [fragment, otherActions] = this.alterColumnTypeSql(relModel, oldRel.field, newRel.field, relType, oldRelCollation, relCollation);
      this.execute(formatNamed(SQL.alterColumn, { table: this.quoteName(relModel.dbTable), changes: fragment[0] }), fragment[1]);
      for (const [sql, params] of otherActions) this.execute(sql, params);
    }
    // Does it have a foreign key?
    if (
      newField instanceof ForeignKey &&
      (fksDropped || !(oldField instanceof ForeignKey) || !truthy(oldField.dbConstraint)) &&
      truthy(newField.dbConstraint)
    ) {
      this.execute(this.createFkSql(model, newField, '_fk_%(to_table)s_%(to_column)s'));
    }
    // Rebuild FKs that pointed to us if we previously had to drop them.
    if (dropForeignKeys) {
      for (const [, rel] of relsToUpdate) {
        if (rel.field instanceof ForeignKey && truthy(rel.field.dbConstraint)) {
          this.execute(this.createFkSql(rel.field.model!, rel.field, '_fk'));
        }
      }
    }
    // Does it have check constraints we need to add?
    if (oldDbCheck !== newDbCheck && newDbCheck) {
      const constraintName = this.createIndexName(table, [newField.column!], '_check');
      this.execute(this.createCheckSql(model, constraintName, newDbParams.check!));
    }
    // Drop the default if we need to.
    if (needsDatabaseDefault) {
      const [changes, params] = this.alterColumnDefaultSql(model, oldField, newField, true);
      this.execute(formatNamed(SQL.alterColumn, { table: this.quoteName(table), changes }), params);
    }
  }

  private alterColumnNullSql(_model: ModelMeta, _oldField: Field, newField: Field): Action {
    return [formatNamed(newField.isNull ? SQL.alterColumnNull : SQL.alterColumnNotNull, { column: this.quoteName(newField.column!) }), []];
  }

  /** `_alter_column_default_sql`: SET DEFAULT %s (the effective default) or DROP DEFAULT. */
  private alterColumnDefaultSql(_model: ModelMeta, _oldField: Field | null, newField: Field, drop = false): Action {
    const newDefault = this.effectiveDefault(newField);
    const params = drop ? [] : [newDefault];
    const sql = drop ? (newField.isNull ? SQL.alterColumnNoDefaultNull : SQL.alterColumnNoDefault) : SQL.alterColumnDefault;
    return [formatNamed(sql, { column: this.quoteName(newField.column!), default: '%s' }), params];
  }

  /** `_alter_column_database_default_sql`. */
  private alterColumnDatabaseDefaultSql(model: ModelMeta, _oldField: Field, newField: Field, drop = false): Action {
    if (drop) return [formatNamed(SQL.alterColumnNoDefault, { column: this.quoteName(newField.column!) }), []];
    const [defaultSql, params] = this.dbDefaultSql(newField, model);
    return [formatNamed(SQL.alterColumnDefault, { column: this.quoteName(newField.column!), default: defaultSql }), params];
  }

  private isChangingTypeOfIndexedTextColumn(oldField: Field, oldType: string, newType: string): boolean {
    return (
      (oldField.hasDbIndex || oldField.unique) &&
      ((oldType.startsWith('varchar') && !newType.startsWith('varchar')) ||
        (oldType.startsWith('text') && !newType.startsWith('text')) ||
        (oldType.startsWith('citext') && !newType.startsWith('citext')))
    );
  }

  /** postgresql `_using_sql`. */
  private usingSql(newField: Field, oldField: Field): string {
    if (newField.generated) return '';
    const o = fieldDataType(oldField);
    const n = fieldDataType(newField);
    return o !== n ? ' USING %(column)s::%(type)s' : '';
  }

  /** postgresql `_alter_column_type_sql` (identity handling) over the base one. */
  private alterColumnTypeSql(
    model: ModelMeta,
    oldField: Field,
    newField: Field,
    newType: string,
    oldCollation: string | null,
    newCollation: string | null,
  ): [Action, Action[]] {
    const oldType = dbParameters(oldField).type ?? '';
    if (this.isChangingTypeOfIndexedTextColumn(oldField, oldType, newType)) {
      const indexName = this.createIndexName(model.dbTable, [oldField.column!], '_like');
      this.execute(this.deleteIndexSql(model, indexName));
    }
    const template = SQL.alterColumnType + this.usingSql(newField, oldField);
    const newInternal = internalType(newField);
    const oldInternal = internalType(oldField);
    const table = stripQuotes(model.dbTable);
    const oldIsAuto = AUTO_FIELD_TYPES.has(oldInternal);
    const newIsAuto = AUTO_FIELD_TYPES.has(newInternal);
    if (newIsAuto && !oldIsAuto) {
      const column = stripQuotes(newField.column!);
      return [
        [formatNamed(template, { column: this.quoteName(column), type: newType, collation: '' }), []],
        [[formatNamed(SQL.addIdentity, { table: this.quoteName(table), column: this.quoteName(column) }), []]],
      ];
    }
    if (oldIsAuto && !newIsAuto) {
      this.execute(formatNamed(SQL.dropIdentity, { table: this.quoteName(table), column: this.quoteName(stripQuotes(newField.column!)) }));
      const column = stripQuotes(newField.column!);
      const [fragment] = this.baseAlterColumnTypeSql(template, model, oldField, newField, newType, oldCollation, newCollation);
      const sequenceName = this.getSequenceName(table, column);
      const other: Action[] = sequenceName ? [[formatNamed(SQL.deleteSequence, { sequence: this.quoteName(sequenceName) }), []]] : [];
      return [fragment, other];
    }
    if (newIsAuto && oldIsAuto && oldInternal !== newInternal) {
      const [fragment] = this.baseAlterColumnTypeSql(template, model, oldField, newField, newType, oldCollation, newCollation);
      const column = stripQuotes(newField.column!);
      const dbTypes: Record<string, string> = { AutoField: 'integer', BigAutoField: 'bigint', SmallAutoField: 'smallint' };
      const sequenceName = this.getSequenceName(table, column);
      const other: Action[] = sequenceName
        ? [[formatNamed(SQL.alterSequenceType, { sequence: this.quoteName(sequenceName), type: dbTypes[newInternal]! }), []]]
        : [];
      return [fragment, other];
    }
    return this.baseAlterColumnTypeSql(template, model, oldField, newField, newType, oldCollation, newCollation);
  }

  /** Base `_alter_column_type_sql`: TYPE/COLLATE fragment plus a COMMENT ON COLUMN if it changed. */
  private baseAlterColumnTypeSql(
    template: string,
    model: ModelMeta,
    oldField: Field,
    newField: Field,
    newType: string,
    oldCollation: string | null,
    newCollation: string | null,
  ): [Action, Action[]] {
    const other: Action[] = [];
    const collate = this.collateSql(newCollation, oldCollation, model.dbTable);
    const collateSql = collate ? ` ${collate}` : '';
    if (!newField.manyToMany && !eq(oldField.dbComment, newField.dbComment)) {
      other.push(this.alterColumnCommentSql(model, newField, newType, newField.dbComment));
    }
    return [[formatNamed(template, { column: this.quoteName(newField.column!), type: newType, collation: collateSql }), []], other];
  }

  private alterColumnCommentSql(model: ModelMeta, newField: Field, _newType: string | null, newDbComment: PyValue): [string, PyValue[]] {
    return [
      formatNamed(SQL.alterColumnComment, {
        table: this.quoteName(model.dbTable),
        column: this.quoteName(newField.column!),
        comment: this.commentSql(newDbComment),
      }),
      [],
    ];
  }

  private commentSql(comment: PyValue): string {
    return this.quoteValue(truthy(comment) ? comment : '');
  }

  private collateSql(collation: string | null, _oldCollation: string | null = null, _tableName: string | null = null): string {
    return collation ? `COLLATE ${this.quoteName(collation)}` : '';
  }

  private getSequenceName(table: string, column: string): string | null {
    for (const seq of this.introspection.getSequences(table)) if (seq.column === column) return seq.name;
    return null;
  }

  private fieldBecamePrimaryKey(oldField: Field, newField: Field): boolean {
    return !oldField.isPrimaryKey && newField.isPrimaryKey;
  }

  private uniqueShouldBeAdded(oldField: Field, newField: Field): boolean {
    return !newField.isPrimaryKey && newField.unique && (!oldField.unique || oldField.isPrimaryKey);
  }

  private renameFieldSql(table: string, oldField: Field, newField: Field): string {
    return formatNamed(SQL.renameColumn, {
      table: this.quoteName(table),
      old_column: this.quoteName(oldField.column!),
      new_column: this.quoteName(newField.column!),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Names
  // -------------------------------------------------------------------------------------------

  /**
   * `_create_index_name(table, columns, suffix)`: `<table>_<cols>_<hash8><suffix>`, shortened to
   * 63 characters by truncating table and column parts (and a long suffix) when needed.
   */
  createIndexName(tableName: string, columnNames: string[], suffix = ''): string {
    return createIndexName(tableName, columnNames, suffix);
  }

  private fkConstraintName(model: ModelMeta, field: ForeignKey, suffix: string): ForeignKeyName {
    const target = targetField(field);
    return new ForeignKeyName(
      model.dbTable,
      [field.column!],
      splitIdentifier(target.model!.dbTable)[1],
      [target.column!],
      suffix,
      (t, c, s) => this.quoteName(this.createIndexName(t, c, s)),
    );
  }

  private uniqueConstraintName(table: string, columns: string[], quote = true): IndexName {
    const create = quote
      ? (t: string, c: string[], s: string) => this.quoteName(this.createIndexName(t, c, s))
      : (t: string, c: string[], s: string) => this.createIndexName(t, c, s);
    return new IndexName(table, columns, '_uniq', create);
  }

  // -------------------------------------------------------------------------------------------
  // Index SQL
  // -------------------------------------------------------------------------------------------

  private getIndexTablespaceSql(model: ModelMeta, fields: Field[], dbTablespace: PyValue = None): string {
    let ts = dbTablespace;
    if (ts === None) {
      if (fields.length === 1 && truthy(this.fieldTablespace(fields[0]!))) ts = this.fieldTablespace(fields[0]!);
      else if (this.defaultIndexTablespace) ts = this.defaultIndexTablespace;
      else if (truthy(model.dbTablespace)) ts = model.dbTablespace;
    }
    if (ts !== None) return ' ' + this.tablespaceSql(str(ts));
    return '';
  }

  private indexConditionSql(condition: string | null): string {
    return condition ? ' WHERE ' + condition : '';
  }

  private indexIncludeSql(model: ModelMeta, columns: string[] | null): Statement | string {
    if (!columns || columns.length === 0) return '';
    return new Statement(' INCLUDE (%(columns)s)', { columns: new Columns(model.dbTable, columns, (n) => this.quoteName(n)) });
  }

  private indexColumns(table: string, columns: string[], colSuffixes: readonly string[], opclasses: readonly string[]): Columns {
    const q = (n: string) => this.quoteName(n);
    if (opclasses.length) return new IndexColumns(table, columns, q, colSuffixes, opclasses);
    return new Columns(table, columns, q, colSuffixes);
  }

  private expressionsReference(model: ModelMeta, expressions: PyValue[]): Expressions {
    const { node, columns } = resolveIndexExpressions(model, expressions);
    return new Expressions(model.dbTable, columns, (renames) => this.interpolateCompiled(compileNode(model, node, renames)));
  }

  /** `_create_index_sql(model, *, fields, name, suffix, …)`. */
  createIndexSql(
    model: ModelMeta,
    opts: {
      fields?: Field[];
      name?: string | null;
      suffix?: string;
      using?: string;
      dbTablespace?: PyValue;
      colSuffixes?: readonly string[];
      sql?: string;
      opclasses?: readonly string[];
      condition?: string | null;
      concurrently?: boolean;
      include?: string[] | null;
      expressions?: PyValue[] | null;
    },
  ): Statement {
    const fields = opts.fields ?? [];
    const expressions = opts.expressions ?? [];
    const sql = opts.sql ?? (opts.concurrently ? SQL.createIndexConcurrently : SQL.createIndex);
    const tablespaceSql = this.getIndexTablespaceSql(model, fields, opts.dbTablespace ?? None);
    const columns = fields.map((f) => f.column!);
    const table = model.dbTable;
    let name = opts.name ?? null;
    const createIndexName = (t: string, c: string[], s: string) => {
      if (name === null) name = this.createIndexName(t, c, s);
      return this.quoteName(name);
    };
    return new Statement(sql, {
      table: new Table(table, (n) => this.quoteName(n)),
      name: new IndexName(table, columns, opts.suffix ?? '', createIndexName),
      using: opts.using ?? '',
      columns: columns.length
        ? this.indexColumns(table, columns, opts.colSuffixes ?? [], opts.opclasses ?? [])
        : this.expressionsReference(model, expressions),
      extra: tablespaceSql,
      condition: this.indexConditionSql(opts.condition ?? null),
      include: this.indexIncludeSql(model, opts.include ?? null),
    });
  }

  /** `_delete_index_sql`: DROP INDEX IF EXISTS; forgets deferred SQL creating that index. */
  deleteIndexSql(model: ModelMeta, name: string, concurrently = false): Statement {
    const statement = new Statement(concurrently ? SQL.deleteIndexConcurrently : SQL.deleteIndex, {
      table: new Table(model.dbTable, (n) => this.quoteName(n)),
      name: this.quoteName(name),
    });
    const tableName = model.dbTable;
    const indexName = this.quoteName(name);
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesIndex(tableName, indexName)));
    return statement;
  }

  private renameIndexSql(model: ModelMeta, oldName: string, newName: string): Statement {
    return new Statement(SQL.renameIndex, {
      table: new Table(model.dbTable, (n) => this.quoteName(n)),
      old_name: this.quoteName(oldName),
      new_name: this.quoteName(newName),
    });
  }

  /** `_model_indexes_sql`: field indexes (with `_like`) then Meta.indexes. */
  modelIndexesSql(model: ModelMeta): Statement[] {
    if (!model.managed || model.proxy) return [];
    const output: Statement[] = [];
    for (const field of model.localFields) output.push(...this.fieldIndexesSql(model, field));
    for (const index of model.indexes) output.push(this.indexCreateSql(model, index));
    return output;
  }

  /** `_field_indexes_sql`: the db_index index and the postgres `_like` index. */
  fieldIndexesSql(model: ModelMeta, field: Field): Statement[] {
    const output: Statement[] = [];
    if (field.hasDbIndex && !field.unique) output.push(this.createIndexSql(model, { fields: [field] }));
    const like = this.createLikeIndexSql(model, field);
    if (like) output.push(like);
    return output;
  }

  /** `_create_like_index_sql`: varchar_pattern_ops / text_pattern_ops index for indexed text columns. */
  private createLikeIndexSql(model: ModelMeta, field: Field): Statement | null {
    const type = dbType(field);
    if (type === null || !(field.hasDbIndex || field.unique)) return null;
    if (type.includes('[')) return null;
    let collation: PyValue = field.dbCollation;
    if (!truthy(collation) && field instanceof ForeignKey) collation = targetField(field).dbCollation;
    if (truthy(collation) && !this.isCollationDeterministic(str(collation))) return null;
    if (type.startsWith('varchar')) return this.createIndexSql(model, { fields: [field], suffix: '_like', opclasses: ['varchar_pattern_ops'] });
    if (type.startsWith('text')) return this.createIndexSql(model, { fields: [field], suffix: '_like', opclasses: ['text_pattern_ops'] });
    return null;
  }

  private isCollationDeterministic(collationName: string): boolean {
    const r = this.connection.execute('\n                SELECT collisdeterministic\n                FROM pg_collation\n                WHERE collname = %s\n                ', [collationName]);
    const row = r.rows[0];
    return row ? row[0] === 't' : false;
  }

  // -------------------------------------------------------------------------------------------
  // Index / constraint objects (Index.create_sql, CheckConstraint.constraint_sql …)
  // -------------------------------------------------------------------------------------------

  private conditionSql(model: ModelMeta, condition: PyValue | null): string | null {
    if (condition === null || condition === None) return null;
    return this.interpolateCompiled(compileCondition(model, condition, this.useTz));
  }

  /**
   * `Index.create_sql(model, schema_editor)`; a PostgreSQL index class (GinIndex …) adds
   * `USING <suffix>` and its storage parameters `WITH (…)` before the tablespace.
   */
  indexCreateSql(model: ModelMeta, index: Index, concurrently = false): Statement {
    const statement = this.baseIndexCreateSql(model, index, concurrently);
    const withParams = index.withParams();
    if (withParams.length) statement.parts['extra'] = ` WITH (${withParams.join(', ')})${String(statement.parts['extra'] ?? '')}`;
    return statement;
  }

  private baseIndexCreateSql(model: ModelMeta, index: Index, concurrently: boolean): Statement {
    const include = index.include.map((n) => model.getField(str(n)).column!);
    const condition = this.conditionSql(model, index.condition);
    const using = index.usingSql;
    if (index.expressions.length) {
      return this.createIndexSql(model, {
        using,
        name: index.name,
        dbTablespace: index.dbTablespace,
        opclasses: index.opclasses.map((o) => str(o)),
        condition,
        include,
        expressions: index.expressions,
        concurrently,
      });
    }
    const fields = index.fieldsOrders.map(([name]) => model.getField(name));
    return this.createIndexSql(model, {
      using,
      fields,
      name: index.name,
      dbTablespace: index.dbTablespace,
      colSuffixes: index.fieldsOrders.map(([, order]) => order),
      opclasses: index.opclasses.map((o) => str(o)),
      condition,
      include,
      concurrently,
    });
  }

  /** `constraint.constraint_sql(model, schema_editor)`: the inline CREATE TABLE part, or null. */
  constraintSql(model: ModelMeta, constraint: Constraint): string | null {
    if (constraint instanceof CheckConstraint) return this.checkSql(constraint.name, this.conditionSql(model, constraint.condition)!);
    if (constraint instanceof UniqueConstraint) {
      const u = this.uniqueConstraintParts(model, constraint);
      return this.uniqueSql(model, u.fields, constraint.name, u);
    }
    return null;
  }

  /** `constraint.create_sql(model, schema_editor)`. */
  constraintCreateSql(model: ModelMeta, constraint: Constraint): Statement | null {
    if (constraint instanceof CheckConstraint) {
      return this.createCheckSql(model, constraint.name, this.conditionSql(model, constraint.condition)!);
    }
    if (constraint instanceof UniqueConstraint) {
      const u = this.uniqueConstraintParts(model, constraint);
      return this.createUniqueSql(model, u.fields, constraint.name, u);
    }
    return null;
  }

  /** `constraint.remove_sql(model, schema_editor)`. */
  constraintRemoveSql(model: ModelMeta, constraint: Constraint): Statement | null {
    if (constraint instanceof CheckConstraint) return this.deleteCheckSql(model, constraint.name);
    if (constraint instanceof UniqueConstraint) {
      const u = this.uniqueConstraintParts(model, constraint);
      return this.deleteUniqueSql(model, constraint.name, u);
    }
    return null;
  }

  private uniqueConstraintParts(model: ModelMeta, c: UniqueConstraint): UniqueOptions & { fields: Field[] } {
    return {
      fields: c.fields.map((n) => model.getField(n)),
      condition: this.conditionSql(model, c.condition),
      deferrable: deferrableKind(c.deferrable),
      include: c.include.map((n) => model.getField(str(n)).column!),
      opclasses: c.opclasses.map((o) => str(o)),
      expressions: c.expressions,
      nullsDistinct: c.nullsDistinct === None ? null : truthy(c.nullsDistinct),
    };
  }

  private deferrableConstraintSql(deferrable: 'deferred' | 'immediate' | null): string {
    if (deferrable === null) return '';
    return deferrable === 'deferred' ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE INITIALLY IMMEDIATE';
  }

  private uniqueIndexNullsDistinctSql(nullsDistinct: boolean | null): string {
    if (nullsDistinct === false) return ' NULLS NOT DISTINCT';
    if (nullsDistinct === true) return ' NULLS DISTINCT';
    return '';
  }

  /** `_unique_sql`: inline `CONSTRAINT … UNIQUE (…)`, or null with a deferred unique index. */
  private uniqueSql(model: ModelMeta, fields: Field[], name: string, o: UniqueOptions = {}): string | null {
    if (o.condition || o.include?.length || o.opclasses?.length || o.expressions?.length || (o.nullsDistinct ?? null) !== null) {
      const sql = this.createUniqueSql(model, fields, name, o);
      if (sql) this.deferredSql.push(sql);
      return null;
    }
    const constraint = formatNamed(SQL.uniqueConstraint, {
      columns: fields.map((f) => this.quoteName(f.column!)).join(', '),
      deferrable: this.deferrableConstraintSql(o.deferrable ?? null),
    });
    return formatNamed(SQL.constraint, { name: this.quoteName(name), constraint });
  }

  /** `_create_unique_sql`: ADD CONSTRAINT … UNIQUE, or CREATE UNIQUE INDEX for partial/covering/expression ones. */
  createUniqueSql(model: ModelMeta, fields: Field[], name: string | null = null, o: UniqueOptions = {}): Statement | null {
    const table = model.dbTable;
    const columns = fields.map((f) => f.column!);
    const nameRef: Reference | string = name === null ? this.uniqueConstraintName(table, columns, true) : this.quoteName(name);
    const useIndex = !!(o.condition || o.include?.length || o.opclasses?.length || o.expressions?.length);
    const sql = useIndex ? SQL.createUniqueIndex : SQL.createUnique;
    const columnsRef = columns.length
      ? this.indexColumns(table, columns, [], o.opclasses ?? [])
      : this.expressionsReference(model, o.expressions ?? []);
    return new Statement(sql, {
      table: new Table(table, (n) => this.quoteName(n)),
      name: nameRef,
      columns: columnsRef,
      condition: this.indexConditionSql(o.condition ?? null),
      deferrable: this.deferrableConstraintSql(o.deferrable ?? null),
      include: this.indexIncludeSql(model, o.include ?? null),
      nulls_distinct: this.uniqueIndexNullsDistinctSql(o.nullsDistinct ?? null),
    });
  }

  private deleteUniqueSql(model: ModelMeta, name: string, o: UniqueOptions = {}): Statement {
    const useIndex = !!(o.condition || o.include?.length || o.opclasses?.length || o.expressions?.length);
    return this.deleteConstraintSql(useIndex ? SQL.deleteIndex : SQL.deleteUnique, model, name);
  }

  private checkSql(name: string, check: string): string {
    return formatNamed(SQL.constraint, { name: this.quoteName(name), constraint: formatNamed(SQL.checkConstraint, { check }) });
  }

  private createCheckSql(model: ModelMeta, name: string, check: string): Statement {
    return new Statement(SQL.createCheck, { table: new Table(model.dbTable, (n) => this.quoteName(n)), name: this.quoteName(name), check });
  }

  private deleteCheckSql(model: ModelMeta, name: string): Statement {
    return this.deleteConstraintSql(SQL.deleteCheck, model, name);
  }

  private deleteConstraintSql(template: string, model: ModelMeta, name: string): Statement {
    return new Statement(template, { table: new Table(model.dbTable, (n) => this.quoteName(n)), name: this.quoteName(name) });
  }

  /** `_create_fk_sql(model, field, suffix)`. */
  createFkSql(model: ModelMeta, field: ForeignKey, suffix: string): Statement {
    const q = (n: string) => this.quoteName(n);
    const target = targetField(field);
    const toTable = target.model!.dbTable;
    return new Statement(SQL.createFk, {
      table: new Table(model.dbTable, q),
      name: this.fkConstraintName(model, field, suffix),
      column: new Columns(model.dbTable, [field.column!], q),
      to_table: new Table(toTable, q),
      to_column: new Columns(toTable, [target.column!], q),
      deferrable: DEFERRABLE_SQL,
    });
  }

  private deleteFkSql(model: ModelMeta, name: string): Statement {
    return this.deleteConstraintSql(SQL.deleteFk, model, name);
  }

  private deletePrimaryKey(model: ModelMeta, strict = false): void {
    const names = this.constraintNames(model, { primaryKey: true });
    if (strict && names.length !== 1) {
      throw pyError(ValueError, `Found wrong number (${names.length}) of PK constraints for ${model.dbTable}`);
    }
    for (const name of names) this.execute(this.deleteConstraintSql(SQL.deletePk, model, name));
  }

  private createPrimaryKeySql(model: ModelMeta, field: Field): Statement {
    const q = (n: string) => this.quoteName(n);
    return new Statement(SQL.createPk, {
      table: new Table(model.dbTable, q),
      name: this.quoteName(this.createIndexName(model.dbTable, [field.column!], '_pk')),
      columns: new Columns(model.dbTable, [field.column!], q),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Introspection-backed lookups
  // -------------------------------------------------------------------------------------------

  /** `_constraint_names(model, column_names, unique=…, …)`: names from the live database. */
  constraintNames(model: ModelMeta, filter: ConstraintNameFilter = {}): string[] {
    const columnNames = filter.columnNames?.map((n) => this.introspection.identifierConverter(n)) ?? null;
    const constraints = this.introspection.getConstraints(model.dbTable);
    const result: string[] = [];
    for (const [name, info] of constraints) {
      if (columnNames !== null && !sameColumns(columnNames, info)) continue;
      if (filter.unique !== undefined && info.unique !== filter.unique) continue;
      if (filter.primaryKey !== undefined && info.primaryKey !== filter.primaryKey) continue;
      if (filter.index !== undefined && info.index !== filter.index) continue;
      if (filter.check !== undefined && info.check !== filter.check) continue;
      if (filter.foreignKey !== undefined && filter.foreignKey && !info.foreignKey) continue;
      if (filter.type !== undefined && info.type !== filter.type) continue;
      if (!filter.exclude || !filter.exclude.has(name)) result.push(name);
    }
    return result;
  }
}

export interface UniqueOptions {
  condition?: string | null;
  deferrable?: 'deferred' | 'immediate' | null;
  include?: string[];
  opclasses?: string[];
  expressions?: PyValue[];
  nullsDistinct?: boolean | null;
}

/**
 * Django's `field.concrete`: a ManyToManyField has a "column" (its name) and counts as concrete
 * there, although it has no column in the table.
 */
function isConcrete(f: Field): boolean {
  return f.concrete || f.manyToMany;
}

/** Django's `field.column` (for a ManyToManyField: db_column or the attname). */
function djangoColumn(f: Field): string {
  if (f.column !== null) return f.column;
  if (f.manyToMany) return typeof f.dbColumn === 'string' ? f.dbColumn : (f.attname ?? f.name ?? 'None');
  return 'None';
}

function sameColumns(columns: string[], info: ConstraintInfo): boolean {
  return columns.length === info.columns.length && columns.every((c, i) => c === info.columns[i]);
}

function compiledEqual(a: Compiled, b: Compiled): boolean {
  return a[0] === b[0] && a[1].length === b[1].length && a[1].every((p, i) => eq(p, b[1][i]!));
}

/**
 * `olds - news` and `news - olds` of two *_together values, iterated in the order CPython's sets
 * give under PYTHONHASHSEED=0 (Django loops over these set differences).
 */
function togetherChanges(oldTogether: PyValue[][], newTogether: PyValue[][]): [string[][], string[][]] {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const toSet = (list: PyValue[][]) => {
    // The option value is a set built in `list`'s order; Django rebuilds it with
    // `{tuple(fields) for fields in value}`, iterating the first set.
    const value = new PySetOrder<string[]>((t) => pyHash(t), same);
    for (const t of uniqueTuples(list)) value.add(t);
    const set = new PySetOrder<string[]>((t) => pyHash(t), same);
    for (const t of value.values()) set.add(t);
    return set;
  };
  const olds = toSet(oldTogether);
  const news = toSet(newTogether);
  return [olds.difference(news).values(), news.difference(olds).values()];
}

function uniqueTuples(list: PyValue[][]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const t of list) {
    const names = t.map((x) => str(x));
    const key = names.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(names);
  }
  return out;
}


/** Names of the through model's FKs: to the M2M's model (`m2m_field_name`). */
export function m2mFieldName(field: ManyToManyField): string {
  return m2mLinkName(field, false);
}

/** … and to its target (`m2m_reverse_field_name`). */
export function m2mReverseFieldName(field: ManyToManyField): string {
  return m2mLinkName(field, true);
}

function m2mLinkName(field: ManyToManyField, reverse: boolean): string {
  const rel = field.remoteField;
  const through = rel.throughModel!;
  const throughFields = rel.throughFields;
  if (throughFields !== None && truthy(throughFields)) {
    const names = (throughFields as { items?: PyValue[] }).items ?? [];
    return str(names[reverse ? 1 : 0]!);
  }
  const source = field.model!.labelLower;
  const target = rel.remoteModel!.labelLower;
  let found = false;
  for (const f of through.localFields) {
    if (!(f instanceof ForeignKey) || !f.remoteField.remoteModel) continue;
    const to = f.remoteField.remoteModel.labelLower;
    if (!reverse) {
      if (to === source) return f.name!;
    } else if (to === target) {
      if (source === target) {
        if (found) return f.name!;
        found = true;
      } else return f.name!;
    }
  }
  throw new Error(`no link field on ${through.label} for ${field.nativeStr()}`);
}

/**
 * Django's `_create_index_name` as a free function: `<table>_<cols>_<hash8><suffix>`, shortened
 * to 63 characters (code points, like Python's len) when needed.
 */
export function createIndexName(tableName: string, columnNames: string[], suffix = ''): string {
  const [, table] = splitIdentifier(tableName);
  const len = (s: string) => Array.from(s).length;
  const cut = (s: string, n: number) => Array.from(s).slice(0, Math.max(0, n)).join('');
  let hashSuffixPart = `${namesDigest([table, ...columnNames], 8)}${suffix}`;
  const maxLength = MAX_NAME_LENGTH;
  let indexName = `${table}_${columnNames.join('_')}_${hashSuffixPart}`;
  if (len(indexName) <= maxLength) return indexName;
  if (len(hashSuffixPart) > maxLength / 3) hashSuffixPart = cut(hashSuffixPart, Math.floor(maxLength / 3));
  const otherLength = Math.floor((maxLength - len(hashSuffixPart)) / 2) - 1;
  indexName = `${cut(table, otherLength)}_${cut(columnNames.join('_'), otherLength)}_${hashSuffixPart}`;
  if (indexName[0] === '_' || /^\p{Nd}/u.test(indexName)) indexName = `D${Array.from(indexName).slice(0, -1).join('')}`;
  return indexName;
}
