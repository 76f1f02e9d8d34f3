/**
 * Whether models.py has changes not yet in migrations (what `migrate` warns about when there is
 * nothing to apply).
 */
import { MigrationAutodetector } from '../autodetector/autodetector.ts';
import { MigrationQuestioner } from '../autodetector/questioner.ts';
import type { MigrationLoader } from '../migrations/loader.ts';
import { migrationNameTimestamp } from '../migrations/migration.ts';
import type { CommandContext } from './base.ts';

/** Sorted labels of the apps whose models have changes without migrations. */
export async function detectChanges(ctx: CommandContext, loader: MigrationLoader): Promise<string[]> {
  const autodetector = new MigrationAutodetector(loader.projectState(), ctx.project.currentState(), new MigrationQuestioner(), {
    settings: { AUTH_USER_MODEL: ctx.project.settings.authUserModel },
    now: () => ctx.env.now(),
    timestamp: migrationNameTimestamp(ctx.env.now()),
  });
  const changes = await autodetector.changes(loader.graph);
  return [...changes.keys()].sort();
}
