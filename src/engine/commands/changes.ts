/**
 * Whether models.py has changes not yet in migrations (what `migrate` warns about when there is
 * nothing to apply).
 */
import { MigrationAutodetector } from '../autodetector/autodetector.ts';
import { MigrationQuestioner, type MigrationsModuleStatus } from '../autodetector/questioner.ts';
import type { MigrationLoader } from '../migrations/loader.ts';
import { migrationNameTimestamp } from '../migrations/migration.ts';
import type { CommandContext } from './base.ts';

/** Sorted labels of the apps whose models have changes without migrations. */
export async function detectChanges(ctx: CommandContext, loader: MigrationLoader): Promise<string[]> {
  const questioner = new MigrationQuestioner({ migrationsModule: (label) => migrationsModuleStatus(ctx, label) });
  const autodetector = new MigrationAutodetector(loader.projectState(), ctx.project.currentState(), questioner, {
    settings: { AUTH_USER_MODEL: ctx.project.settings.authUserModel },
    now: () => ctx.env.now(),
    timestamp: migrationNameTimestamp(ctx.env.now()),
  });
  const changes = await autodetector.changes(loader.graph);
  return [...changes.keys()].sort();
}

/** What the questioner's ask_initial sees of an app's migrations package. */
export function migrationsModuleStatus(ctx: CommandContext, label: string): MigrationsModuleStatus {
  const app = ctx.project.appConfig(label);
  if (!app) return 'no-app';
  const folder = ctx.project.migrationsPath(app);
  if (folder === null) return 'disabled';
  if (!ctx.project.fs.isDir(folder)) return 'not-importable';
  return { files: ctx.project.fs.list(folder) };
}
