/**
 * Running migrations against the database (django.db.migrations.executor.MigrationExecutor):
 * plans, forwards/backwards application, fake and fake-initial, and recording.
 */
import { InvalidMigrationPlan } from '../django/exceptions.ts';
import type { Connection } from '../db/types.ts';
import { PyList, PyTuple, pyError } from '../python/objects.ts';
import type { SchemaEditor } from '../operations/base.ts';
import { AddField } from '../operations/fields.ts';
import { CreateModel } from '../operations/models.ts';
import { ManyToManyField } from '../state/fields/related.ts';
import type { ProjectState } from '../state/project-state.ts';
import { type NodeKey, keyOf } from '../migrations/graph.ts';
import type { MigrationLoader } from '../migrations/loader.ts';
import type { Migration } from '../migrations/migration.ts';
import type { MigrationRecorder } from '../migrations/recorder.ts';

/** A schema editor that can flush its deferred statements. */
export interface RunnableSchemaEditor extends SchemaEditor {
  /** Runs (or collects) the deferred SQL, like leaving Django's `with schema_editor()` block. */
  finish(): void;
  readonly deferredSql: unknown[];
}

export type SchemaEditorFactory = (conn: Connection, opts: { collectSql: boolean; atomic: boolean }) => RunnableSchemaEditor;

export type PlanStep = [Migration, boolean];

export type ProgressEvent = 'apply_start' | 'apply_success' | 'unapply_start' | 'unapply_success' | 'render_start' | 'render_success';

/** Target: [app, name] or [app, null] for "zero". */
export type Target = readonly [string, string | null];

export class MigrationExecutor {
  readonly recorder: MigrationRecorder;

  constructor(
    readonly connection: Connection,
    readonly loader: MigrationLoader,
    readonly makeSchemaEditor: SchemaEditorFactory,
    readonly progress?: (event: ProgressEvent, migration?: Migration, fake?: boolean) => void,
  ) {
    this.recorder = loader.recorder()!;
  }

  /** Runs `fn` inside a schema editor block (one transaction when atomic). */
  withSchemaEditor<T>(atomic: boolean, fn: (se: RunnableSchemaEditor) => T): T {
    const se = this.makeSchemaEditor(this.connection, { collectSql: false, atomic });
    const body = () => {
      const r = fn(se);
      se.finish();
      return r;
    };
    return atomic ? this.connection.atomic(body) : body();
  }

  migrationPlan(targets: Target[], cleanStart = false): PlanStep[] {
    const graph = this.loader.graph;
    const plan: PlanStep[] = [];
    const applied = cleanStart ? new Map<string, unknown>() : new Map<string, unknown>(this.loader.appliedMigrations);
    for (const target of targets) {
      if (target[1] === null) {
        for (const root of graph.rootNodes()) {
          if (root[0] !== target[0]) continue;
          for (const m of graph.backwardsPlan(root)) {
            if (applied.has(keyOf(m))) {
              plan.push([graph.migration(m), true]);
              applied.delete(keyOf(m));
            }
          }
        }
      } else if (applied.has(keyOf(target as NodeKey))) {
        const t = target as NodeKey;
        if (this.loader.replaceMigrations && !graph.has(t)) {
          this.loader.replaceMigrations = false;
          this.loader.buildGraph();
          return this.migrationPlan(targets, cleanStart);
        }
        const next = graph.childrenOf(t).filter((n) => n[0] === t[0]);
        for (const node of next) {
          for (const m of graph.backwardsPlan(node)) {
            if (applied.has(keyOf(m))) {
              plan.push([graph.migration(m), true]);
              applied.delete(keyOf(m));
            }
          }
        }
      } else {
        for (const m of graph.forwardsPlan(target as NodeKey)) {
          if (!applied.has(keyOf(m))) {
            plan.push([graph.migration(m), false]);
            applied.set(keyOf(m), graph.migration(m));
          }
        }
      }
    }
    return plan;
  }

  createProjectState(withAppliedMigrations = false): ProjectState {
    const state = this.loader.emptyState();
    if (withAppliedMigrations) {
      const fullPlan = this.migrationPlan(this.loader.graph.leafNodes(), true);
      for (const [m] of fullPlan) {
        if (this.loader.isApplied([m.appLabel, m.name])) m.mutateState(state, false);
      }
    }
    return state;
  }

  migrate(targets: Target[], opts: { plan?: PlanStep[]; state?: ProjectState; fake?: boolean; fakeInitial?: boolean } = {}): ProjectState {
    let plan = opts.plan;
    if (plan !== undefined && plan.length === 0) {
      if (!this.recorder.hasTable()) return this.createProjectState(false);
    } else {
      this.recorder.ensureSchema();
    }
    plan ??= this.migrationPlan(targets);
    const fullPlan = this.migrationPlan(this.loader.graph.leafNodes(), true);
    const allForwards = plan.every(([, b]) => !b);
    const allBackwards = plan.every(([, b]) => b);
    let state = opts.state;
    if (plan.length === 0) {
      state ??= this.createProjectState(true);
    } else if (allForwards === allBackwards) {
      throw pyError(
        InvalidMigrationPlan,
        'Migration plans with both forwards and backwards migrations are not supported. Please split your migration process into separate plans of only forwards OR backwards migrations.',
        new PyList(plan.map(([m, b]) => new PyTuple([m, b]))),
      );
    } else if (allForwards) {
      state ??= this.createProjectState(true);
      state = this.migrateAllForwards(state, plan, fullPlan, !!opts.fake, !!opts.fakeInitial);
    } else {
      state = this.migrateAllBackwards(plan, fullPlan, !!opts.fake);
    }
    this.checkReplacements();
    return state;
  }

  private migrateAllForwards(state: ProjectState, plan: PlanStep[], fullPlan: PlanStep[], fake: boolean, fakeInitial: boolean): ProjectState {
    const toRun = new Set(plan.map(([m]) => m));
    for (const [m] of fullPlan) {
      if (!toRun.size) break;
      if (!toRun.has(m)) continue;
      if (!state.isRendered) {
        this.progress?.('render_start');
        void state.apps;
        this.progress?.('render_success');
      }
      state = this.applyMigration(state, m, fake, fakeInitial);
      toRun.delete(m);
    }
    return state;
  }

  private migrateAllBackwards(plan: PlanStep[], fullPlan: PlanStep[], fake: boolean): ProjectState {
    const toRun = new Set(plan.map(([m]) => m));
    const states = new Map<Migration, ProjectState>();
    let state = this.createProjectState();
    const applied = new Set<Migration>();
    for (const [m] of fullPlan) if (this.loader.isApplied([m.appLabel, m.name])) applied.add(m);
    this.progress?.('render_start');
    for (const [m] of fullPlan) {
      if (!toRun.size) break;
      if (toRun.has(m)) {
        void state.apps;
        states.set(m, state);
        state = m.mutateState(state, true);
        toRun.delete(m);
      } else if (applied.has(m)) {
        m.mutateState(state, false);
      }
    }
    this.progress?.('render_success');
    for (const [m] of plan) {
      this.unapplyMigration(states.get(m)!, m, fake);
      applied.delete(m);
    }
    const last = plan[plan.length - 1]![0];
    state = states.get(last)!.clone();
    const idx = fullPlan.findIndex(([m]) => m === last);
    for (const [m] of fullPlan.slice(idx)) if (applied.has(m)) m.mutateState(state, false);
    return state;
  }

  applyMigration(state: ProjectState, migration: Migration, fake = false, fakeInitial = false): ProjectState {
    let recorded = false;
    this.progress?.('apply_start', migration, fake);
    if (!fake) {
      if (fakeInitial) {
        const [applied, after] = this.detectSoftApplied(state, migration);
        state = after;
        if (applied) fake = true;
      }
      if (!fake) {
        state = this.withSchemaEditor(migration.atomic, (se) => {
          const s = migration.apply(state, se);
          if (se.deferredSql.length === 0) {
            this.recordMigration(migration);
            recorded = true;
          }
          return s;
        });
      }
    }
    if (!recorded) this.recordMigration(migration);
    this.progress?.('apply_success', migration, fake);
    return state;
  }

  recordMigration(migration: Migration): void {
    if (migration.replaces.length) for (const [a, n] of migration.replaces) this.recorder.recordApplied(a, n);
    else this.recorder.recordApplied(migration.appLabel, migration.name);
  }

  unapplyMigration(state: ProjectState, migration: Migration, fake = false): ProjectState {
    this.progress?.('unapply_start', migration, fake);
    if (!fake) {
      state = this.withSchemaEditor(migration.atomic, (se) => migration.unapply(state, se));
    }
    if (migration.replaces.length) for (const [a, n] of migration.replaces) this.recorder.recordUnapplied(a, n);
    this.recorder.recordUnapplied(migration.appLabel, migration.name);
    this.progress?.('unapply_success', migration, fake);
    return state;
  }

  /** Marks squashed migrations applied when all the migrations they replace are. */
  checkReplacements(): void {
    const applied = this.recorder.appliedMigrations();
    for (const [key, m] of this.loader.replacements) {
      if (m.replaces.every((r) => applied.has(keyOf(r))) && !applied.has(key)) this.recorder.recordApplied(m.appLabel, m.name);
    }
  }

  /** --fake-initial: whether the tables/columns an initial migration creates already exist. */
  detectSoftApplied(state: ProjectState, migration: Migration): [boolean, ProjectState] {
    if (migration.initial === null) {
      if (migration.dependencies.some((d) => d.appLabel === migration.appLabel)) return [false, state];
    } else if (migration.initial === false) {
      return [false, state];
    }
    const after = migration.mutateState(state);
    const apps = after.apps;
    let foundCreate = false;
    let foundAddField = false;
    const tables = new Set(this.tableNames());
    for (const op of migration.operations) {
      if (op instanceof CreateModel) {
        const model = apps.getModel(migration.appLabel, op.name);
        if (model.proxy || !model.managed) continue;
        if (!tables.has(model.dbTable)) return [false, state];
        foundCreate = true;
      } else if (op instanceof AddField) {
        const model = apps.getModel(migration.appLabel, op.modelName);
        if (model.proxy || !model.managed) continue;
        const field = model.getField(op.name);
        if (field instanceof ManyToManyField) {
          const through = field.remoteField.throughModel;
          if (!through || !tables.has(through.dbTable)) return [false, state];
          foundAddField = true;
          continue;
        }
        if (!this.columnNames(model.dbTable).includes(field.column!)) return [false, state];
        foundAddField = true;
      }
    }
    return [foundCreate || foundAddField, after];
  }

  /** introspection.table_names(): tables and views visible on the search_path. */
  tableNames(): string[] {
    const r = this.connection.execute(
      `SELECT c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ` +
        `WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v') AND n.nspname NOT IN ('pg_catalog', 'pg_toast') AND pg_catalog.pg_table_is_visible(c.oid)`,
    );
    return r.rows.map((row) => row[0]!).sort();
  }

  /** Column names of a table as get_table_description reports them. */
  columnNames(table: string): string[] {
    const r = this.connection.execute(
      `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid ` +
        `WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v') AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped ` +
        `AND pg_catalog.pg_table_is_visible(c.oid)`,
      [table],
    );
    return r.rows.map((row) => row[0]!);
  }
}
