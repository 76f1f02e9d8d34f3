/**
 * The pre_migrate / post_migrate signals `migrate` sends for every installed app with a models
 * module (django.core.management.sql), and the contrib apps' receivers:
 * contenttypes' inject_rename_contenttypes_operations (pre) and create_contenttypes (post), auth's
 * create_permissions (post).
 */
import type { Connection } from '../db/types.ts';
import type { Migration } from '../migrations/migration.ts';
import { RenameModel } from '../operations/models.ts';
import type { AppConfigInfo } from '../project/app-config.ts';
import type { Project } from '../project/project.ts';
import type { Apps } from '../state/apps.ts';
import type { ModelMeta } from '../state/meta.ts';
import type { ProjectState } from '../state/project-state.ts';
import { ContentTypes, permissionsOf, stateModels } from './content-types.ts';
import { renameContentType } from './operations.ts';

export interface SignalContext {
  project: Project;
  db: Connection;
  verbosity: number;
  /** The command's stdout (`print()` in the handlers goes there too). */
  write(line: string): void;
}

type PlanStep = [Migration, boolean];

function appsWithModels(project: Project): AppConfigInfo[] {
  return project.appConfigs.filter((a) => a.modelsModule !== null);
}

/** emit_pre_migrate_signal. */
export function emitPreMigrate(ctx: SignalContext, preState: ProjectState, plan: PlanStep[]): void {
  for (const app of appsWithModels(ctx.project)) {
    if (ctx.verbosity >= 2) ctx.write(`Running pre-migrate handlers for application ${app.label}`);
    if (app.name === 'django.contrib.contenttypes') injectRenameContentTypesOperations(preState.apps, plan);
  }
}

/** contenttypes: a RenameContentType after every planned RenameModel, once ContentType exists. */
function injectRenameContentTypesOperations(apps: Apps, plan: PlanStep[]): void {
  let available = apps.findModel('contenttypes.contenttype') !== undefined;
  for (const [migration, backward] of plan) {
    if (migration.appLabel === 'contenttypes' && migration.name === '0001_initial') {
      if (backward) break;
      available = true;
      continue;
    }
    if (!available) continue;
    const inserts: [number, ReturnType<typeof renameContentType>][] = [];
    migration.operations.forEach((op, index) => {
      if (op instanceof RenameModel) inserts.push([index + 1, renameContentType(migration.appLabel, op.oldNameLower, op.newNameLower)]);
    });
    inserts.forEach(([index, op], inserted) => migration.operations.splice(inserted + index, 0, op));
  }
}

/** emit_post_migrate_signal: content types and permissions for the models of the final state. */
export function emitPostMigrate(ctx: SignalContext, postState: ProjectState): void {
  const project = ctx.project;
  const receivers: ((app: AppConfigInfo) => void)[] = [];
  for (const app of project.appConfigs) {
    if (app.name === 'django.contrib.auth') receivers.push((a) => createPermissions(ctx, postState, a));
    if (app.name === 'django.contrib.contenttypes') receivers.push((a) => createContentTypes(ctx, postState, a));
  }
  for (const app of appsWithModels(project)) {
    if (ctx.verbosity >= 2) ctx.write(`Running post-migrate handlers for application ${app.label}`);
    for (const receiver of receivers) receiver(app);
  }
}

/** The models of an app in the post-migrate registry (apps.get_app_config(label).get_models()), or null when it has none. */
function appModels(ctx: SignalContext, state: ProjectState, label: string): ModelMeta[] | null {
  const all = stateModels(state.apps, state, () => false).filter((m) => m.appLabel === label);
  if (!all.length) return null;
  return all.filter((m) => !ctx.project.isSwapped(m));
}

/** contenttypes.management.create_contenttypes. */
function createContentTypes(ctx: SignalContext, state: ProjectState, app: AppConfigInfo): void {
  const models = appModels(ctx, state, app.label);
  const cts = ContentTypes.of(state.apps, ctx.db);
  if (models === null || !cts) return;
  const existing = cts.forApp(app.label);
  const names = [...new Set(models.map((m) => m.modelName))];
  if (!names.length) return;
  const missing = names.filter((n) => !existing.has(n));
  cts.create(missing.map((n) => [app.label, n]));
  if (ctx.verbosity >= 2) for (const n of missing) ctx.write(`Adding content type '${app.label} | ${n}'`);
}

/** auth.management.create_permissions. */
function createPermissions(ctx: SignalContext, state: ProjectState, app: AppConfigInfo): void {
  const permission = state.apps.findModel('auth.permission');
  if (!permission) return;
  createContentTypes(ctx, state, app);
  const models = appModels(ctx, state, app.label);
  const cts = ContentTypes.of(state.apps, ctx.db);
  if (models === null || !cts) return;
  const ctypes = new Map(models.map((m) => [m, cts.getForModel(m)]));
  const table = `"${permission.dbTable.replace(/"/g, '""')}"`;
  const ids = [...new Set(ctypes.values())];
  const existing = new Set<string>();
  if (ids.length) {
    const rows = ctx.db.execute(`SELECT "content_type_id", "codename" FROM ${table} WHERE "content_type_id" IN (${ids.map(() => '%s').join(', ')})`, ids.map((i) => BigInt(i))).rows;
    for (const [ct, codename] of rows) existing.add(`${ct}\u0000${codename}`);
  }
  const perms: [string, string, string][] = [];
  for (const model of models) {
    const ct = ctypes.get(model)!;
    const { builtin, custom } = permissionsOf(model);
    for (const [codename, name] of [...builtin, ...custom]) {
      if (!existing.has(`${ct}\u0000${codename}`)) perms.push([name, ct, codename]);
    }
  }
  if (!perms.length) return;
  const values = perms.map(() => '(%s, %s, %s)').join(', ');
  const result = ctx.db.execute(
    `INSERT INTO ${table} ("name", "content_type_id", "codename") VALUES ${values} RETURNING ${table}."id"`,
    perms.flatMap(([name, ct, codename]) => [name, BigInt(ct), codename]),
  );
  if (ctx.verbosity >= 2) for (const [id] of result.rows) ctx.write(`Adding permission 'Permission object (${id})'`);
}
