/**
 * The migration graph picture's data: every migration file on disk (squashed ones and the ones
 * they replace included), its dependencies, and whether django_migrations records it as applied.
 * Built from the engine's loader without its consistency checks, so a broken graph still draws
 * (dangling dependencies are reported in `error`).
 */
import type { Connection } from '../engine/db/types.ts';
import type { Env } from '../engine/env.ts';
import type { ProjectFS } from '../engine/project/fs.ts';
import { Project } from '../engine/project/project.ts';
import { MigrationLoader } from '../engine/migrations/loader.ts';
import { MigrationGraph, keyOf } from '../engine/migrations/graph.ts';
import { PyException } from '../engine/python/objects.ts';
import type { GraphNode, MigrationGraphData } from './protocol.ts';

/** A loader that only reads files and the applied set (no graph validation). */
class DiskOnlyLoader extends MigrationLoader {
  override buildGraph(): void {
    this.loadDisk();
    const recorder = this.recorder();
    this.appliedMigrations = new Map(recorder ? recorder.appliedMigrations() : []);
    this.graph = new MigrationGraph();
  }
}

const dotted = (app: string, name: string) => `${app}.${name}`;

export function migrationGraph(fs: ProjectFS, env: Env, conn: Connection, freshSession: boolean): MigrationGraphData {
  const project = new Project(fs, env, { stdout: () => {} });
  let loader: DiskOnlyLoader;
  try {
    project.setup();
    if (freshSession) conn.newSession(project.settings.libpqOptions);
    loader = new DiskOnlyLoader(project, { connection: conn, ignoreNoMigrations: true });
  } catch (e) {
    const msg = e instanceof PyException ? e.lastLine : e instanceof Error ? e.message : String(e);
    return { apps: [], nodes: [], edges: [], error: msg };
  }
  const apps = project.appConfigs.map((a) => a.label).filter((l) => loader.migratedApps.has(l));
  const migrations = [...loader.diskMigrations.values()];
  const byApp = new Map<string, string[]>();
  for (const m of migrations) {
    const list = byApp.get(m.appLabel) ?? [];
    list.push(m.name);
    byApp.set(m.appLabel, list);
  }
  const replacedBy = new Map<string, string>();
  const replacing = new Set<string>();
  for (const m of migrations) {
    if (!m.replaces.length) continue;
    const statuses = m.replaces.map(([a, n]) => loader.appliedMigrations.has(keyOf([a, n])));
    const used = statuses.every(Boolean) || !statuses.some(Boolean);
    if (used) {
      replacing.add(m.key);
      for (const [a, n] of m.replaces) replacedBy.set(dotted(a, n), m.key);
    }
  }
  const nodes: GraphNode[] = migrations.map((m) => {
    const key = m.key;
    let applied = loader.appliedMigrations.has(keyOf([m.appLabel, m.name]));
    if (m.replaces.length && replacing.has(key)) applied = m.replaces.every(([a, n]) => loader.appliedMigrations.has(keyOf([a, n])));
    return {
      app: m.appLabel,
      name: m.name,
      applied,
      replaces: m.replaces.map(([a, n]) => dotted(a, n)),
      replacing: replacing.has(key),
      replaced: replacedBy.has(key),
      path: m.file ? m.file.replace(fs.displayRoot + '/', '') : null,
    };
  });
  const known = new Set(nodes.map((n) => dotted(n.app, n.name)));
  const edges: [string, string][] = [];
  const problems: string[] = [];
  const first = (app: string) => (byApp.get(app) ?? []).slice().sort()[0];
  const last = (app: string) => (byApp.get(app) ?? []).slice().sort().pop();
  for (const m of migrations) {
    for (const dep of m.dependencies) {
      let name: string | undefined = dep.name;
      if (name === '__first__') name = first(dep.appLabel);
      else if (name === '__latest__') name = last(dep.appLabel);
      if (name === undefined) continue; // an unmigrated app
      const parent = dotted(dep.appLabel, name);
      if (!known.has(parent)) {
        if (loader.migratedApps.has(dep.appLabel) || dep.appLabel === m.appLabel) {
          problems.push(`${m.key} depends on ${parent}, which does not exist`);
        }
        continue;
      }
      edges.push([m.key, parent]);
    }
  }
  return { apps: apps.length ? apps : [...byApp.keys()], nodes, edges, error: problems.length ? problems.join('\n') : null };
}
