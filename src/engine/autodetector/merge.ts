/**
 * What `makemigrations --merge` computes (django.core.management.commands.makemigrations
 * handle_merge and MigrationLoader.detect_conflicts): the conflicting leaves per app, each
 * branch's operations since the common ancestor, the log lines, and the merge migration.
 */
import type { MigrationGraph } from '../migrations/graph.ts';
import { Dependency, Migration } from '../migrations/migration.ts';
import type { Operation } from '../operations/base.ts';
import { ValueError, pyError, repr, PyList } from '../python/objects.ts';
import { MigrationAutodetector } from './autodetector.ts';
import { pyStrCmp } from './deconstruct.ts';
import { PySetOrder, pyHash } from '../python/set-order.ts';

/**
 * MigrationLoader.detect_conflicts: apps with several leaf nodes → their leaf names, sorted.
 * The apps come in the order Django's set of app labels iterates (PYTHONHASHSEED=0).
 */
export function detectConflicts(graph: MigrationGraph): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  const conflicting = new PySetOrder<string>((s) => pyHash(s), (a, b) => a === b);
  for (const [app, name] of graph.leafNodes()) {
    if (seen.has(app)) conflicting.add(app);
    const names = seen.get(app) ?? new Set<string>();
    names.add(name);
    seen.set(app, names);
  }
  const out = new Map<string, string[]>();
  for (const app of conflicting.values()) out.set(app, [...seen.get(app)!].sort(pyStrCmp));
  return out;
}

export interface MergeBranch {
  /** The conflicting leaf migration. */
  name: string;
  /** Its app's migrations from the first one after the common ancestor up to the leaf. */
  branch: [string, string][];
  /** The operations of those migrations, in order. */
  operations: Operation[];
}

export interface MergePlan {
  appLabel: string;
  branches: MergeBranch[];
  /**
   * What handle_merge logs at verbosity ≥ 1, one entry per `self.log` call (each ends in a
   * newline when written): "Merging app", "  Branch name", "    + Add field …".
   */
  log: string[];
}

/** handle_merge's analysis of one app's conflicting leaves (`migrationNames` as detectConflicts gives them). */
export function planMerge(graph: MigrationGraph, appLabel: string, migrationNames: string[]): MergePlan {
  const ancestries = migrationNames.map((name) => graph.forwardsPlan([appLabel, name]).filter((k) => k[0] === appLabel));
  // The common ancestors: leading generations equal across all branches.
  let common = 0;
  const shortest = Math.min(...ancestries.map((a) => a.length));
  while (common < shortest && ancestries.every((a) => a[common]![0] === ancestries[0]![common]![0] && a[common]![1] === ancestries[0]![common]![1])) common++;
  if (!common) {
    throw pyError(ValueError, `Could not find common ancestor of ${repr(new PyList(migrationNames))}`);
  }
  const branches = migrationNames.map((name, i): MergeBranch => {
    const branch = ancestries[i]!.slice(common).map((k): [string, string] => [k[0], k[1]]);
    return { name, branch, operations: branch.flatMap(([a, n]) => graph.migration([a, n]).operations) };
  });
  const log = [`Merging ${appLabel}`];
  for (const b of branches) {
    log.push(`  Branch ${b.name}`);
    for (const op of b.operations) log.push(`    ${op.formattedDescription()}`);
  }
  return { appLabel, branches, log };
}

/**
 * The merge migration: `<biggest number + 1>_merge_<leaf names>` (or `_merge_<timestamp>` when
 * the joined names are longer than 47 characters, or `_<--name>`), depending on every leaf.
 */
export function mergeMigration(appLabel: string, leafNames: string[], opts: { migrationName?: string | null; timestamp: string }): Migration {
  const numbers = leafNames.map((n) => MigrationAutodetector.parseNumber(n)).filter((n): n is number => n !== null);
  const biggest = numbers.length ? Math.max(...numbers) : 1;
  const parts = [String(biggest + 1).padStart(4, '0')];
  if (opts.migrationName) parts.push(opts.migrationName);
  else {
    parts.push('merge');
    const joined = [...leafNames].sort(pyStrCmp).join('_');
    parts.push([...joined].length > 47 ? opts.timestamp : joined);
  }
  const m = new Migration(parts.join('_'), appLabel);
  m.dependencies = leafNames.map((n) => new Dependency(appLabel, n));
  return m;
}
