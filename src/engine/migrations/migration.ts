/**
 * A migration: a named list of operations with dependencies (django.db.migrations.Migration).
 * Loaded from a migration file's `Migration` class, or built by the autodetector.
 */
import { PyClass, PyObject, PyTuple, type PyValue, objectClass, truthy } from '../python/objects.ts';
import { IrreversibleError } from '../django/exceptions.ts';
import { pyError, repr } from '../python/objects.ts';
import type { Operation, SchemaEditor } from '../operations/base.ts';
import type { ProjectState } from '../state/project-state.ts';

/** A dependency as written: (app_label, name), where a swappable one remembers its setting. */
export class Dependency {
  constructor(
    readonly appLabel: string,
    readonly name: string,
    /** For `migrations.swappable_dependency(settings.AUTH_USER_MODEL)`: the setting's value, e.g. 'auth.User'. */
    readonly swappableSetting: string | null = null,
    /** The name of the setting (AUTH_USER_MODEL) when known. */
    readonly settingName: string | null = null,
    /**
     * A dependency written as a plain string (`'0001_initial'` instead of a tuple): the loader
     * reads its first two characters as app and name, as Python's indexing does, and the graph
     * names the node by the string's repr.
     */
    readonly written: string | null = null,
  ) {}
  get key(): string {
    return `${this.appLabel}.${this.name}`;
  }
}

/** `migrations.swappable_dependency(value)` — a tuple that remembers it came from a setting. */
export class SwappableTuple extends PyTuple {
  constructor(
    readonly value: string,
    readonly settingName: string | null = null,
  ) {
    super([value.split('.', 2)[0]!, '__first__']);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    return name === 'setting' ? this.value : undefined;
  }
}

export const MigrationBaseClass = new PyClass('Migration', { module: 'django.db.migrations.migration', bases: [objectClass] });

export class Migration extends PyObject {
  operations: Operation[] = [];
  dependencies: Dependency[] = [];
  runBefore: Dependency[] = [];
  /** (app_label, name) pairs this squashed migration replaces. */
  replaces: [string, string][] = [];
  /** True/False when set in the class, null when not stated. */
  initial: boolean | null = null;
  atomic = true;
  /** The file it came from (display path), when loaded from disk. */
  file?: string;

  constructor(
    public name: string,
    public appLabel: string,
  ) {
    super();
  }

  get pyClass(): PyClass {
    return MigrationBaseClass;
  }
  get key(): string {
    return `${this.appLabel}.${this.name}`;
  }

  override nativeRepr(): string {
    return `<Migration ${this.appLabel}.${this.name}>`;
  }
  override nativeStr(): string {
    return `${this.appLabel}.${this.name}`;
  }

  /** The state after this migration (a copy unless preserve is false). */
  mutateState(state: ProjectState, preserve = true): ProjectState {
    const s = preserve ? state.clone() : state;
    for (const op of this.operations) op.stateForwards(this.appLabel, s);
    return s;
  }

  apply(state: ProjectState, se: SchemaEditor, collectSql = false): ProjectState {
    for (const op of this.operations) {
      let before = 0;
      if (collectSql) {
        se.collectedSql.push('--', `-- ${op.describe()}`, '--');
        if (!op.reducesToSql) {
          se.collectedSql.push('-- THIS OPERATION CANNOT BE WRITTEN AS SQL');
          continue;
        }
        before = se.collectedSql.length;
      }
      const oldState = state.clone();
      op.stateForwards(this.appLabel, state);
      this.runOperation(se, collectSql, op, () => op.databaseForwards(this.appLabel, se, oldState, state));
      if (collectSql && before === se.collectedSql.length) se.collectedSql.push('-- (no-op)');
    }
    return state;
  }

  unapply(state: ProjectState, se: SchemaEditor, collectSql = false): ProjectState {
    const toRun: [Operation, ProjectState, ProjectState][] = [];
    let newState = state;
    for (const op of this.operations) {
      if (!op.reversible) {
        throw pyError(IrreversibleError, `Operation ${repr(op)} in ${this.appLabel}.${this.name} is not reversible`);
      }
      newState = newState.clone();
      const oldState = newState.clone();
      op.stateForwards(this.appLabel, newState);
      toRun.unshift([op, oldState, newState]);
    }
    for (const [op, toState, fromState] of toRun) {
      let before = 0;
      if (collectSql) {
        se.collectedSql.push('--', `-- ${op.describe()}`, '--');
        if (!op.reducesToSql) {
          se.collectedSql.push('-- THIS OPERATION CANNOT BE WRITTEN AS SQL');
          continue;
        }
        before = se.collectedSql.length;
      }
      this.runOperation(se, collectSql, op, () => op.databaseBackwards(this.appLabel, se, fromState, toState));
      if (collectSql && before === se.collectedSql.length) se.collectedSql.push('-- (no-op)');
    }
    return state;
  }

  /**
   * An atomic operation (RunPython(atomic=True)) inside a non-atomic migration gets a transaction
   * of its own, like Django's `with atomic(...)` around it in apply/unapply.
   */
  private runOperation(se: SchemaEditor, collectSql: boolean, op: Operation, run: () => void): void {
    if (!collectSql && !this.atomic && op.atomic) se.connection.atomic(run);
    else run();
  }

  /** Migration.suggest_name. */
  suggestName(timestamp: string): string {
    if (this.initial) return 'initial';
    const raw = this.operations.map((op) => op.migrationNameFragment);
    const fragments = raw.filter((f): f is string => !!f).map((f) => f.replace(/[^\p{L}\p{N}_]+/gu, '_'));
    if (fragments.length === 0 || fragments.length !== this.operations.length) return `auto_${timestamp}`;
    let name = fragments[0]!;
    for (const fragment of fragments.slice(1)) {
      const next = `${name}_${fragment}`;
      if (next.length > 52) {
        name = `${name}_and_more`;
        break;
      }
      name = next;
    }
    return name;
  }
}

/** `get_migration_name_timestamp()`: YYYYMMDD_HHMM in local time (TIME_ZONE is UTC in the sandbox). */
export function migrationNameTimestamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
}
