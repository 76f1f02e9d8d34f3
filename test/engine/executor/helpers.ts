/**
 * Running migrations built in TypeScript through the real MigrationExecutor on PGlite: a loader
 * over an in-memory list of migrations (what MigrationLoader builds from files), the schema
 * editor the commands use, and Django's `@ schema` dump of the database.
 */
import * as fs from 'node:fs';
import { PostgresSchemaEditor } from '../../../src/engine/db/postgres/schema-editor.ts';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { frozenEnv } from '../../../src/engine/env.ts';
import { MigrationExecutor, type RunnableSchemaEditor, type SchemaEditorFactory, type Target } from '../../../src/engine/executor/executor.ts';
import { MigrationGraph, type NodeKey, keyOf } from '../../../src/engine/migrations/graph.ts';
import type { MigrationLoader } from '../../../src/engine/migrations/loader.ts';
import { Dependency, Migration } from '../../../src/engine/migrations/migration.ts';
import { MigrationRecorder } from '../../../src/engine/migrations/recorder.ts';
import type { Operation } from '../../../src/engine/operations/base.ts';
import type { AppsConfig } from '../../../src/engine/state/apps.ts';
import { FIELD_CLASSES } from '../../../src/engine/state/fields/registry.ts';
import { ProjectState } from '../../../src/engine/state/project-state.ts';
import { schemaDump } from '../../../src/parity/schema-dump.ts';

const env = frozenEnv();

export const makeSchemaEditor: SchemaEditorFactory = (conn, opts) =>
  new PostgresSchemaEditor(conn, { ...opts, env, useTz: true }) as unknown as RunnableSchemaEditor;

/** A migration of `app` depending on the previous one of the same app (or nothing). */
export function migration(app: string, name: string, previous: string | null, operations: Operation[], extra: Partial<Migration> = {}): Migration {
  const m = new Migration(name, app);
  m.operations = operations;
  m.dependencies = previous ? [new Dependency(app, previous)] : [];
  if (!previous) m.initial = true;
  Object.assign(m, extra);
  return m;
}

/** A chain: each migration depends on the one before. */
export function chain(app: string, steps: [string, Operation[]][]): Migration[] {
  return steps.map(([name, ops], i) => migration(app, name, i ? steps[i - 1]![0] : null, ops));
}

/**
 * The parts of MigrationLoader the executor uses, over migrations given in TypeScript. Applied
 * status is read from django_migrations like the real loader; `reload()` is what a new
 * `manage.py` process would see.
 */
export class TestLoader {
  graph = new MigrationGraph();
  appliedMigrations = new Map<string, unknown>();
  replacements = new Map<string, Migration>();
  replaceMigrations = true;
  unmigratedApps = new Set<string>();
  readonly config: AppsConfig;

  constructor(
    readonly conn: PGliteConnection,
    readonly migrations: Migration[],
    appLabels: string[] = [...new Set(migrations.map((m) => m.appLabel))],
  ) {
    this.config = { appLabels, defaultAutoField: () => FIELD_CLASSES.get('BigAutoField')! };
    this.buildGraph();
  }

  recorder(): MigrationRecorder {
    return new MigrationRecorder(this.conn, 'BigAutoField', () => env.now());
  }

  buildGraph(): void {
    this.graph = new MigrationGraph();
    this.replacements = new Map();
    this.appliedMigrations = new Map(this.recorder().appliedMigrations());
    for (const m of this.migrations) {
      this.graph.addNode([m.appLabel, m.name], m);
      if (m.replaces.length) this.replacements.set(keyOf([m.appLabel, m.name]), m);
    }
    for (const m of this.migrations) {
      for (const d of m.dependencies) this.graph.addDependency(m, [m.appLabel, m.name], [d.appLabel, d.name], true);
    }
    if (this.replaceMigrations) {
      for (const [k, m] of this.replacements) {
        const statuses = m.replaces.map((r) => this.appliedMigrations.has(keyOf(r)));
        const all = statuses.every(Boolean);
        if (all) this.appliedMigrations.set(k, m);
        else this.appliedMigrations.delete(k);
        if (all || !statuses.some(Boolean)) this.graph.removeReplacedNodes([m.appLabel, m.name], m.replaces);
        else this.graph.removeReplacementNode([m.appLabel, m.name], m.replaces);
      }
    }
    this.graph.validateConsistency();
  }

  emptyState(): ProjectState {
    return new ProjectState(this.config);
  }

  isApplied(key: NodeKey): boolean {
    return this.appliedMigrations.has(keyOf(key));
  }
}

/** `manage.py migrate <app> <name>` in a new process: a fresh loader and executor, a new session. */
export function migrate(
  conn: PGliteConnection,
  migrations: Migration[],
  target: Target,
  opts: { fake?: boolean; fakeInitial?: boolean; events?: string[] } = {},
): void {
  conn.newSession();
  const loader = new TestLoader(conn, migrations);
  const executor = new MigrationExecutor(conn, loader as unknown as MigrationLoader, makeSchemaEditor, (event, m, fake) => {
    opts.events?.push(m ? `${event} ${m.key}${fake ? ' (fake)' : ''}` : event);
  });
  const plan = executor.migrationPlan([target]);
  executor.migrate([target], { plan, fake: opts.fake, fakeInitial: opts.fakeInitial });
}

/** The `@ schema` dump, in a session of its own. */
export function dump(conn: PGliteConnection): string {
  conn.newSession();
  const text = schemaDump(conn);
  conn.newSession();
  return text.replace(/\n$/, '');
}

/** The `@ schema` (and other) step outputs of a recorded transcript, by step number. */
export function recordedSteps(transcriptPath: string): Map<number, { line: string; body: string }> {
  const text = fs.readFileSync(transcriptPath, 'utf8');
  const out = new Map<number, { line: string; body: string }>();
  const parts = text.split(/^### (\d+) (.*)$/m);
  for (let i = 1; i < parts.length; i += 3) {
    out.set(Number(parts[i]), { line: parts[i + 1]!, body: parts[i + 2]!.replace(/^\n/, '').replace(/\n+$/, '') });
  }
  return out;
}
