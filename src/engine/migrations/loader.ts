/**
 * Loading migration files and their applied status (django.db.migrations.loader.MigrationLoader):
 * builds the migration graph, handles squashed migrations (`replaces`), checks history
 * consistency and detects conflicts.
 */
import {
  IndexError,
  KeyError,
  PyClass,
  PyException,
  PyList,
  PyTuple,
  type PyValue,
  ModuleNotFoundError,
  ValueError,
  None,
  call,
  pyError,
  strRepr,
  toArray,
  truthy,
} from '../python/objects.ts';
import {
  AmbiguityError,
  BadMigrationError,
  InconsistentMigrationHistory,
  NodeNotFoundError,
} from '../django/exceptions.ts';
import type { Connection } from '../db/types.ts';
import type { Project } from '../project/project.ts';
import { asOperation } from '../operations/python-operation.ts';
import { ProjectState } from '../state/project-state.ts';
import { PySetOrder, pyHash } from '../python/set-order.ts';
import { modelStateFromModel } from '../state/model-state.ts';
import { MigrationGraph, type NodeKey, keyOf } from './graph.ts';
import { detectConflicts } from '../autodetector/merge.ts';
import { Dependency, Migration, MigrationBaseClass, SwappableTuple } from './migration.ts';
import { type AppliedMigration, MigrationRecorder } from './recorder.ts';

export interface LoaderOptions {
  /** Load applied status from this connection (null: treat nothing as applied). */
  connection: Connection | null;
  ignoreNoMigrations?: boolean;
  replaceMigrations?: boolean;
}

export class MigrationLoader {
  diskMigrations = new Map<string, Migration>();
  appliedMigrations = new Map<string, Migration | AppliedMigration>();
  unmigratedApps = new Set<string>();
  migratedApps = new Set<string>();
  graph = new MigrationGraph();
  replacements = new Map<string, Migration>();
  replaceMigrations: boolean;
  readonly ignoreNoMigrations: boolean;

  constructor(
    readonly project: Project,
    readonly opts: LoaderOptions,
  ) {
    this.replaceMigrations = opts.replaceMigrations ?? true;
    this.ignoreNoMigrations = opts.ignoreNoMigrations ?? false;
    this.buildGraph();
  }

  recorder(): MigrationRecorder | null {
    if (!this.opts.connection) return null;
    return new MigrationRecorder(this.opts.connection, this.project.settings.defaultAutoField.split('.').pop()!, () => this.project.env.now());
  }

  /**
   * Migration file names (without .py) of an app's migrations folder, in the order Django loads
   * them: `{name for ... in pkgutil.iter_modules(...)}` is a set, iterated in CPython's order
   * (pkgutil lists the folder sorted), which is the order of `disk_migrations` and so of the
   * graph's nodes and of `replacements`.
   */
  private migrationNames(folder: string): string[] {
    const names = this.project.fs
      .list(folder)
      .filter((f) => f.endsWith('.py') && !this.project.fs.isDir(`${folder}/${f}`))
      .map((f) => f.slice(0, -3))
      .filter((n) => n !== '' && n[0] !== '_' && n[0] !== '~')
      .sort();
    const set = new PySetOrder<string>((n) => pyHash(n), (a, b) => a === b);
    for (const n of names) set.add(n);
    return set.values();
  }

  loadDisk(): void {
    this.diskMigrations = new Map();
    this.unmigratedApps = new Set();
    this.migratedApps = new Set();
    const p = this.project;
    for (const app of p.appConfigs) {
      const moduleName = p.migrationsModule(app);
      const folder = p.migrationsPath(app);
      if (moduleName === null || folder === null || app.path === null) {
        this.unmigratedApps.add(app.label);
        continue;
      }
      // A migrations folder without __init__.py is a namespace package: Django treats the app as unmigrated.
      if (!p.fs.isDir(folder) || p.fs.read(`${folder}/__init__.py`) === undefined) {
        if (!p.fs.isDir(folder)) {
          // import_module raises ModuleNotFoundError naming the migrations module: fatal for a
          // MIGRATION_MODULES entry unless the loader ignores apps without migrations.
          if (p.settings.migrationModules.has(app.label) && !this.ignoreNoMigrations) p.interp.importModule(moduleName);
          this.unmigratedApps.add(app.label);
          continue;
        }
        this.unmigratedApps.add(app.label);
        continue;
      }
      try {
        p.interp.importModule(moduleName);
      } catch (e) {
        if (e instanceof PyException && e.matches(ModuleNotFoundError)) {
          this.unmigratedApps.add(app.label);
          continue;
        }
        throw e;
      }
      this.migratedApps.add(app.label);
      for (const name of this.migrationNames(folder)) {
        const mod = p.interp.importModule(`${moduleName}.${name}`);
        const cls = mod.dict.get('Migration');
        if (cls === undefined) {
          throw pyError(BadMigrationError, `Migration ${name} in app ${app.label} has no Migration class`);
        }
        const migration = migrationFromClass(cls, name, app.label);
        migration.file = p.displayPath(`${folder}/${name}.py`);
        this.diskMigrations.set(keyOf([app.label, name]), migration);
      }
    }
  }

  /** The migration with the given name prefix (AmbiguityError / KeyError like Django). */
  getMigrationByPrefix(appLabel: string, prefix: string): Migration {
    const results: Migration[] = [];
    for (const m of this.diskMigrations.values()) {
      if (m.appLabel === appLabel && m.name.startsWith(prefix)) results.push(m);
    }
    if (results.length > 1) throw pyError(AmbiguityError, `There is more than one migration for '${appLabel}' with the prefix '${prefix}'`);
    if (results.length === 0) throw pyError(KeyError, `There is no migration for '${appLabel}' with the prefix '${prefix}'`);
    return results[0]!;
  }

  private checkKey(key: NodeKey, currentApp: string): NodeKey | null {
    if ((key[1] !== '__first__' && key[1] !== '__latest__') || this.graph.has(key)) return key;
    if (key[0] === currentApp) return null;
    if (this.unmigratedApps.has(key[0])) return null;
    if (this.migratedApps.has(key[0])) {
      const nodes = key[1] === '__first__' ? this.graph.rootNodes(key[0]) : this.graph.leafNodes(key[0]);
      if (nodes.length) return nodes[0]!;
      if (this.ignoreNoMigrations) return null;
      // Raised while handling the IndexError of `root_nodes(app)[0]`.
      const index = pyError(IndexError, 'list index out of range');
      index.traceback = [
        {
          file: 'django/db/migrations/loader.py',
          line: key[1] === '__first__' ? 187 : 189,
          name: 'check_key',
          source: key[1] === '__first__' ? 'return self.graph.root_nodes(key[0])[0]' : 'return self.graph.leaf_nodes(key[0])[0]',
        },
      ];
      const err = pyError(ValueError, `Dependency on app with no migrations: ${key[0]}`);
      err.context = index;
      throw err;
    }
    throw pyError(ValueError, `Dependency on unknown app: ${key[0]}`);
  }

  buildGraph(): void {
    this.loadDisk();
    const recorder = this.recorder();
    this.appliedMigrations = new Map(recorder ? recorder.appliedMigrations() : []);
    this.graph = new MigrationGraph();
    this.replacements = new Map();
    for (const [k, m] of this.diskMigrations) {
      this.graph.addNode([m.appLabel, m.name], m);
      if (m.replaces.length) this.replacements.set(k, m);
    }
    // Internal dependencies first so that __first__ finds the right root node.
    for (const m of this.diskMigrations.values()) {
      for (const dep of m.dependencies) {
        if (dep.appLabel === m.appLabel && dep.name !== '__first__') {
          this.graph.addDependency(m, [m.appLabel, m.name], [dep.appLabel, dep.name], true);
        }
      }
    }
    for (const m of this.diskMigrations.values()) {
      for (const dep of m.dependencies) {
        if (dep.appLabel === m.appLabel) continue;
        const key: NodeKey = dep.written === null ? [dep.appLabel, dep.name] : Object.assign([dep.appLabel, dep.name] as const, { pyRepr: strRepr(dep.written) });
        const parent = this.checkKey(key, m.appLabel);
        if (parent) this.graph.addDependency(m, [m.appLabel, m.name], parent, true);
      }
      for (const rb of m.runBefore) {
        const child = this.checkKey([rb.appLabel, rb.name], m.appLabel);
        if (child) this.graph.addDependency(m, child, [m.appLabel, m.name], true);
      }
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
    try {
      this.graph.validateConsistency();
    } catch (e) {
      if (e instanceof PyException && e.matches(NodeNotFoundError)) {
        this.rethrowReplacedNodeError(e);
      }
      throw e;
    }
    this.graph.ensureNotCyclic();
  }

  private rethrowReplacedNodeError(e: PyException): void {
    const node = (e as PyException & { node?: NodeKey; origin?: Migration }).node;
    if (!node) return;
    const candidates: string[] = [];
    for (const m of this.replacements.values()) {
      if (m.replaces.some((r) => r[0] === node[0] && r[1] === node[1])) candidates.push(m.key);
    }
    if (candidates.length && !candidates.some((c) => this.graph.has(c.split('.') as unknown as NodeKey))) {
      const origin = (e as PyException & { origin?: Migration }).origin;
      const err = pyError(
        NodeNotFoundError,
        `Migration ${origin?.key} depends on nonexistent node ('${node[0]}', '${node[1]}'). Django tried to replace migration ${node[0]}.${node[1]} with any of [${candidates.join(', ')}] but wasn't able to because some of the replaced migrations are already applied.`,
      );
      // The original error was raised (so has frames) before this one is raised from it.
      if (!e.traceback.length) {
        e.traceback = [
          { file: 'django/db/migrations/loader.py', line: 276, name: 'build_graph', source: 'self.graph.validate_consistency()' },
          { file: 'django/db/migrations/graph.py', line: 60, name: 'raise_error', source: 'raise NodeNotFoundError(self.error_message, self.key, origin=self.origin)' },
        ];
      }
      err.cause = e;
      throw err;
    }
  }

  /** InconsistentMigrationHistory if an applied migration has an unapplied dependency. */
  checkConsistentHistory(): void {
    const recorder = this.recorder();
    if (!recorder) return;
    const applied = recorder.appliedMigrations();
    for (const a of applied.values()) {
      const key: NodeKey = [a.app, a.name];
      if (!this.graph.has(key)) continue;
      for (const parent of this.graph.parentsInSetOrder(key)) {
        if (applied.has(keyOf(parent))) continue;
        const repl = this.replacements.get(keyOf(parent));
        if (repl && repl.replaces.every((r) => applied.has(keyOf(r)))) continue;
        throw pyError(
          InconsistentMigrationHistory,
          `Migration ${key[0]}.${key[1]} is applied before its dependency ${parent[0]}.${parent[1]} on database 'default'.`,
        );
      }
    }
  }

  /** Apps with more than one leaf node → their sorted leaf names (Django's set order of apps). */
  detectConflicts(): Map<string, string[]> {
    return detectConflicts(this.graph);
  }

  /** An empty state holding the models of unmigrated apps (`real_apps`). */
  emptyState(): ProjectState {
    const state = new ProjectState(this.project.stateAppsConfig(), undefined, new Set(this.unmigratedApps));
    for (const meta of this.project.apps.models.values()) {
      if (!this.unmigratedApps.has(meta.appLabel) || meta.autoCreated || !meta.pyModel) continue;
      state.models.set(meta.labelLower, modelStateFromModel(meta, meta.pyModel));
    }
    return state;
  }

  projectState(nodes?: NodeKey[], atEnd = true): ProjectState {
    return this.graph.makeState(() => this.emptyState(), nodes, atEnd);
  }

  isApplied(key: NodeKey): boolean {
    return this.appliedMigrations.has(keyOf(key));
  }
}

/** Builds a Migration from the `Migration` class of a migration file. */
export function migrationFromClass(cls: PyValue, name: string, appLabel: string): Migration {
  const m = new Migration(name, appLabel);
  if (!(cls instanceof PyClass)) {
    throw pyError(BadMigrationError, `Migration ${name} in app ${appLabel} has no Migration class`);
  }
  // the loader instantiates the class with (name, app_label): only Migration's __init__ takes them
  if (!cls.isSubclassOf(MigrationBaseClass)) call(cls, [name, appLabel]);
  const attr = (n: string): PyValue | undefined => cls.lookup(n);
  const ops = attr('operations');
  m.operations = ops === undefined ? [] : toArray(ops).map(asOperation);
  m.dependencies = depsOf(attr('dependencies'));
  m.runBefore = depsOf(attr('run_before'));
  const replaces = attr('replaces');
  m.replaces = replaces === undefined ? [] : toArray(replaces).map((t) => {
    const [a, b] = toArray(t);
    return [String(a), String(b)] as [string, string];
  });
  const initial = attr('initial');
  m.initial = initial === undefined || initial === None ? null : truthy(initial);
  const atomic = attr('atomic');
  m.atomic = atomic === undefined ? true : truthy(atomic);
  return m;
}

function depsOf(v: PyValue | undefined): Dependency[] {
  if (v === undefined || v === None) return [];
  return toArray(v).map((d) => {
    if (d instanceof SwappableTuple) return new Dependency(String(d.items[0]), String(d.items[1]), d.value, d.settingName);
    if (typeof d === 'string') return new Dependency(d[0] ?? '', d[1] ?? '', null, null, d);
    const items = d instanceof PyTuple || d instanceof PyList ? d.items : toArray(d);
    return new Dependency(String(items[0]), String(items[1]));
  });
}
