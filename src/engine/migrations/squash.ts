/**
 * What `squashmigrations` builds (django/core/management/commands/squashmigrations.py): the
 * operations of a run of migrations of one app, their external dependencies and the `replaces`
 * list, put together as one new Migration.
 */
import type { Operation } from '../operations/base.ts';
import { ValueError, pyError } from '../python/objects.ts';
import type { MigrationGraph } from './graph.ts';
import { Dependency, Migration } from './migration.ts';

export interface SquashParts {
  operations: Operation[];
  /** Deduplicated like Django's `set()` (the writer sorts them). */
  dependencies: Dependency[];
  replaces: [string, string][];
}

/** The migrations of `appLabel` that `graph.forwards_plan(end)` runs, in plan order. */
export function migrationsToSquash(graph: MigrationGraph, end: Migration): Migration[] {
  return graph
    .forwardsPlan([end.appLabel, end.name])
    .filter((k) => k[0] === end.appLabel)
    .map((k) => graph.migration(k));
}

/**
 * Concatenates the operations, collects the dependencies (every dependency of the first
 * migration, only other apps' for the rest; a swappable dependency on the current
 * AUTH_USER_MODEL becomes `("__setting__", "AUTH_USER_MODEL")`) and the replaced names.
 * The caller has checked that none of them is itself squashed.
 */
export function collectSquashParts(migrations: readonly Migration[], authUserModel: string): SquashParts {
  const operations: Operation[] = [];
  const dependencies = new Map<string, Dependency>();
  const add = (d: Dependency) => {
    const key = `${d.appLabel}\u0000${d.name}`;
    if (!dependencies.has(key)) dependencies.set(key, d);
  };
  let first = true;
  for (const m of migrations) {
    operations.push(...m.operations);
    for (const dep of m.dependencies) {
      if (dep.swappableSetting !== null) {
        if (dep.swappableSetting === authUserModel) add(new Dependency('__setting__', 'AUTH_USER_MODEL'));
        // Another setting's swappable tuple is written as the plain tuple it is.
        else add(new Dependency(dep.appLabel, dep.name));
      } else if (dep.appLabel !== m.appLabel || first) {
        add(dep);
      }
    }
    first = false;
  }
  const replaces: [string, string][] = [];
  for (const m of migrations) {
    if (m.replaces.length) replaces.push(...m.replaces);
    else replaces.push([m.appLabel, m.name]);
  }
  return { operations, dependencies: [...dependencies.values()], replaces };
}

/** The squashed migration: `0001_squashed_<end>` (initial) or `<start>_squashed_<end>`, or --squashed-name. */
export function squashedMigration(
  appLabel: string,
  parts: SquashParts,
  operations: Operation[],
  names: { start: Migration | null; end: Migration; squashedName: string | null },
): Migration {
  let name: string;
  if (names.start) {
    if (names.squashedName) {
      // `prefix, _ = start_migration.name.split("_", 1)`
      const i = names.start.name.indexOf('_');
      if (i < 0) throw pyError(ValueError, 'not enough values to unpack (expected 2, got 1)');
      name = `${names.start.name.slice(0, i)}_${names.squashedName}`;
    }
    else name = `${names.start.name}_squashed_${names.end.name}`;
  } else {
    name = `0001_${names.squashedName || `squashed_${names.end.name}`}`;
  }
  const m = new Migration(name, appLabel);
  m.dependencies = parts.dependencies;
  m.operations = operations;
  m.replaces = parts.replaces;
  if (!names.start) m.initial = true;
  return m;
}
