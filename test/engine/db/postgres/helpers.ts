/**
 * Building blocks for the schema editor tests: project states written in TypeScript the way
 * a models.py / migration would declare them, and schema editor runs against real PGlite.
 */
import {
  type Kwargs,
  PyDict,
  PyList,
  PyTuple,
  type PyValue,
  call,
} from '../../../../src/engine/python/objects.ts';
import type { AppsConfig } from '../../../../src/engine/state/apps.ts';
import { CheckConstraintClass, UniqueConstraintClass, type Constraint } from '../../../../src/engine/state/constraints.ts';
import { CASCADE } from '../../../../src/engine/state/deletion.ts';
import { FClass, FUNCTION_CLASSES, type Q as QObject, QClass, ValueClass } from '../../../../src/engine/state/expressions.ts';
import { type Field, NOT_PROVIDED } from '../../../../src/engine/state/fields/field.ts';
import { FIELD_CLASSES, makeField } from '../../../../src/engine/state/fields/registry.ts';
import { type Index, IndexClass } from '../../../../src/engine/state/indexes.ts';
import type { PostgresSchemaEditor as PostgresSchemaEditorType } from '../../../../src/engine/db/postgres/schema-editor.ts';
import type { ModelMeta } from '../../../../src/engine/state/meta.ts';
import { ModelState, uniqueTogetherOption } from '../../../../src/engine/state/model-state.ts';
import { ProjectState } from '../../../../src/engine/state/project-state.ts';
import type { Connection } from '../../../../src/engine/db/types.ts';
import { PostgresSchemaEditor, type SchemaEditorOptions } from '../../../../src/engine/db/postgres/schema-editor.ts';
import { frozenEnv } from '../../../../src/engine/env.ts';

export { CASCADE };

export function config(defaultAuto = 'BigAutoField', perApp: Record<string, string> = {}): AppsConfig {
  return {
    appLabels: [],
    defaultAutoField: (app) => FIELD_CLASSES.get(perApp[app] ?? defaultAuto)!,
  };
}

function kw(obj: Record<string, PyValue>): Kwargs {
  return new Map(Object.entries(obj));
}

/** A field of a built-in class: `fld('CharField', { max_length: 100n })`. */
export function fld(cls: string, kwargs: Record<string, PyValue> = {}): Field {
  return makeField(cls, kwargs);
}

/** A ForeignKey (on_delete CASCADE unless given). */
export function fk(to: string, kwargs: Record<string, PyValue> = {}, cls = 'ForeignKey'): Field {
  return makeField(cls, { to, on_delete: CASCADE, ...kwargs });
}

export interface ModelOptions {
  db_table?: string;
  db_table_comment?: string;
  unique_together?: string[][];
  indexes?: Index[];
  constraints?: Constraint[];
  managed?: boolean;
  [k: string]: PyValue | string[][] | Index[] | Constraint[] | undefined;
}

export function model(app: string, name: string, fields: [string, Field][], options: ModelOptions = {}, bases?: string[]): ModelState {
  const opts = new Map<string, PyValue>();
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (k === 'unique_together') opts.set(k, uniqueTogetherOption(new PyList((v as string[][]).map((t) => new PyTuple(t)))));
    else if (k === 'indexes' || k === 'constraints') opts.set(k, new PyList(v as PyValue[]));
    else opts.set(k, v as PyValue);
  }
  return new ModelState(app, name, fields, opts, bases);
}

export function state(models: ModelState[], cfg: AppsConfig = config()): ProjectState {
  const s = new ProjectState(cfg);
  for (const m of models) s.addModel(m);
  return s;
}

/** `Q(**kwargs)` (kwargs sorted like Django) or `Q(*children)`. */
export function Q(kwargs: Record<string, PyValue> = {}, ...children: PyValue[]): QObject {
  return call(QClass, children, kw(kwargs)) as QObject;
}
export const and = (a: QObject, b: QObject): QObject => a.combine(b, 'AND');
export const or = (a: QObject, b: QObject): QObject => a.combine(b, 'OR');
export const xor = (a: QObject, b: QObject): QObject => a.combine(b, 'XOR');
export function not(a: QObject): QObject {
  const c = a.copy();
  c.negated = !c.negated;
  return c;
}
export const F = (name: string): PyValue => call(FClass, [name]);
export const Value = (v: PyValue): PyValue => call(ValueClass, [v]);
export function func(name: string, ...args: PyValue[]): PyValue {
  return call(FUNCTION_CLASSES.get(name)!, args);
}

export function index(opts: { fields?: string[]; name?: string; condition?: QObject; opclasses?: string[]; include?: string[] }, ...expressions: PyValue[]): Index {
  const k: Record<string, PyValue> = {};
  if (opts.fields) k['fields'] = new PyList(opts.fields);
  if (opts.name) k['name'] = opts.name;
  if (opts.condition) k['condition'] = opts.condition;
  if (opts.opclasses) k['opclasses'] = new PyList(opts.opclasses);
  if (opts.include) k['include'] = new PyList(opts.include);
  return call(IndexClass, expressions, kw(k)) as unknown as Index;
}

export function check(name: string, condition: QObject): Constraint {
  return call(CheckConstraintClass, [], kw({ name, condition })) as unknown as Constraint;
}

export function unique(
  opts: { name: string; fields?: string[]; condition?: QObject; include?: string[]; opclasses?: string[]; nulls_distinct?: boolean; deferrable?: string },
  ...expressions: PyValue[]
): Constraint {
  const k: Record<string, PyValue> = { name: opts.name };
  if (opts.fields) k['fields'] = new PyList(opts.fields);
  if (opts.condition) k['condition'] = opts.condition;
  if (opts.include) k['include'] = new PyList(opts.include);
  if (opts.opclasses) k['opclasses'] = new PyList(opts.opclasses);
  if (opts.nulls_distinct !== undefined) k['nulls_distinct'] = opts.nulls_distinct;
  if (opts.deferrable !== undefined) k['deferrable'] = opts.deferrable;
  return call(UniqueConstraintClass, expressions, kw(k)) as unknown as Constraint;
}

export const dict = (entries: [PyValue, PyValue][]): PyDict => new PyDict(entries);

export const EDITOR_DEFAULTS: SchemaEditorOptions = { env: frozenEnv() };

/** Runs fn in a collect_sql schema editor (sqlmigrate) and returns the statements. */
export function collect(conn: Connection, fn: (se: PostgresSchemaEditor) => void, opts: SchemaEditorOptions = {}): string[] {
  let out: string[] = [];
  PostgresSchemaEditor.run(conn, { ...EDITOR_DEFAULTS, ...opts, collectSql: true }, (se) => {
    fn(se);
    out = se.collectedSql;
  });
  return out;
}

/** Runs fn in a schema editor that executes (migrate). */
export function apply(conn: Connection, fn: (se: PostgresSchemaEditor) => void, opts: SchemaEditorOptions = {}): void {
  PostgresSchemaEditor.run(conn, { ...EDITOR_DEFAULTS, ...opts }, fn);
}

/** Both: the collected SQL, then the same operation applied for real. */
export function collectAndApply(conn: Connection, fn: (se: PostgresSchemaEditor) => void, opts: SchemaEditorOptions = {}): string[] {
  const sql = collect(conn, fn, opts);
  apply(conn, fn, opts);
  return sql;
}

export function getModel(s: ProjectState, label: string): ModelMeta {
  return s.apps.getModel(label);
}

/** `@ schema`-style lines for one table: indexes and constraints (pg_get_*def, search_path public). */
export function catalog(conn: Connection, table: string): string[] {
  const out: string[] = [];
  const idx = conn.execute(
    `SELECT ci.relname, pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid
     WHERE i.indrelid = %s::regclass ORDER BY ci.relname COLLATE "C"`,
    [table],
  );
  for (const [, def] of idx.rows) out.push(`index ${def}`);
  const con = conn.execute(
    `SELECT c.conname, pg_catalog.pg_get_constraintdef(c.oid, true) FROM pg_catalog.pg_constraint c
     WHERE c.conrelid = %s::regclass AND c.contype <> 'n' ORDER BY c.conname COLLATE "C"`,
    [table],
  );
  for (const [name, def] of con.rows) out.push(`constraint ${name} ${def}`);
  return out;
}

/** Column lines like the `@ schema` dump: name, type, NOT NULL, DEFAULT, identity, comment. */
export function columns(conn: Connection, table: string): string[] {
  const r = conn.execute(
    `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
       pg_catalog.col_description(a.attrelid, a.attnum)
     FROM pg_catalog.pg_attribute a
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
  );
  return r.rows.map(([name, type, notnull, def, identity, generated, comment]) => {
    let line = `column ${name} ${type}`;
    if (notnull === 't') line += ' NOT NULL';
    if (def !== null && generated !== 's') line += ` DEFAULT ${def}`;
    if (identity === 'd') line += ' GENERATED BY DEFAULT AS IDENTITY';
    if (identity === 'a') line += ' GENERATED ALWAYS AS IDENTITY';
    if (generated === 's') line += ` GENERATED ALWAYS AS (${def}) STORED`;
    if (comment !== null) line += `  COMMENT '${comment}'`;
    return line;
  });
}

// ---------------------------------------------------------------------------------------------
// A tiny migration replayer: the database_forwards of the operations the corpus migrations use,
// so a whole `sqlmigrate` block (with its deferred statements at the end) can be reproduced.
// ---------------------------------------------------------------------------------------------

export type Op =
  | { op: 'CreateModel'; model: ModelState }
  | { op: 'AddField'; app: string; model: string; name: string; field: Field; preserveDefault?: boolean }
  | { op: 'RemoveField'; app: string; model: string; name: string }
  | { op: 'AlterUniqueTogether'; app: string; model: string; value: string[][] }
  | { op: 'DeleteModel'; app: string; model: string };

function canMigrate(m: ModelMeta): boolean {
  return m.managed && !m.proxy;
}

/** Applies the operations to a clone of `from` and returns the schema editor body and the final state. */
export function migration(from: ProjectState, ops: Op[]): { to: ProjectState; run: (se: PostgresSchemaEditorType) => void } {
  const steps: { from: ProjectState; to: ProjectState; op: Op }[] = [];
  let cur = from;
  for (const op of ops) {
    const next = cur.clone();
    switch (op.op) {
      case 'CreateModel':
        next.addModel(op.model);
        break;
      case 'AddField':
        next.addField(op.app, op.model, op.name, op.field, op.preserveDefault ?? true);
        break;
      case 'RemoveField':
        next.removeField(op.app, op.model, op.name);
        break;
      case 'AlterUniqueTogether':
        next.alterModelOptions(op.app, op.model, new Map([['unique_together', uniqueTogetherOption(new PyList(op.value.map((t) => new PyTuple(t))))]]), ['unique_together']);
        break;
      case 'DeleteModel':
        next.removeModel(op.app, op.model);
        break;
    }
    steps.push({ from: cur, to: next, op });
    cur = next;
  }
  const run = (se: PostgresSchemaEditorType) => {
    for (const { from: f, to: t, op } of steps) {
      switch (op.op) {
        case 'CreateModel': {
          const m = t.apps.getModel(op.model.appLabel, op.model.name);
          if (canMigrate(m)) se.createModel(m);
          break;
        }
        case 'AddField': {
          const toModel = t.apps.getModel(op.app, op.model);
          if (!canMigrate(toModel)) break;
          const fromModel = f.apps.getModel(op.app, op.model);
          const field = toModel.getField(op.name);
          const preserve = op.preserveDefault ?? true;
          if (!preserve) field.default = op.field.default;
          se.addField(fromModel, field);
          if (!preserve) field.default = NOT_PROVIDED;
          break;
        }
        case 'RemoveField': {
          const fromModel = f.apps.getModel(op.app, op.model);
          if (canMigrate(fromModel)) se.removeField(fromModel, fromModel.getField(op.name));
          break;
        }
        case 'AlterUniqueTogether': {
          const oldModel = f.apps.getModel(op.app, op.model);
          const newModel = t.apps.getModel(op.app, op.model);
          if (canMigrate(newModel)) se.alterUniqueTogether(newModel, oldModel.uniqueTogether, newModel.uniqueTogether);
          break;
        }
        case 'DeleteModel': {
          const m = f.apps.getModel(op.app, op.model);
          if (canMigrate(m)) se.deleteModel(m);
          break;
        }
      }
    }
  };
  return { to: cur, run };
}
