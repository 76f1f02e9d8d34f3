/**
 * `manage.py sqlmigrate app_label migration_name [--backwards]`: the SQL a migration runs.
 */
import { KeyError, PyException } from '../python/objects.ts';
import { AmbiguityError } from '../django/exceptions.ts';
import { MigrationLoader } from '../migrations/loader.ts';
import type { Migration } from '../migrations/migration.ts';
import type { ProjectState } from '../state/project-state.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError } from './base.ts';

export class SqlMigrateCommand extends BaseCommand {
  readonly name = 'sqlmigrate';
  override help = 'Prints the SQL statements for the named migration.';

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], help: 'App label of the application containing the migration.' });
    p.addArgument({ flags: ['migration_name'], help: 'Migration name to print the SQL for.' });
    p.addArgument({ flags: ['--database'], default: 'default', choices: ['default'], help: 'Nominates a database to create SQL for. Defaults to the "default" database.' });
    p.addArgument({ flags: ['--backwards'], action: 'store_true', help: 'Creates SQL to unapply the migration, rather than to apply it' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<string> {
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db, replaceMigrations: false });
    const appLabel = String(options['app_label']);
    const name = String(options['migration_name']);
    if (!ctx.project.appConfig(appLabel)) throw commandError(ctx.project.noAppMessage(appLabel));
    if (!loader.migratedApps.has(appLabel)) throw commandError(`App '${appLabel}' does not have migrations`);
    let migration: Migration;
    try {
      migration = loader.getMigrationByPrefix(appLabel, name);
    } catch (e) {
      if (e instanceof PyException && e.matches(AmbiguityError)) {
        throw commandError(`More than one migration matches '${name}' in app '${appLabel}'. Please be more specific.`);
      }
      if (e instanceof PyException && e.matches(KeyError)) {
        throw commandError(`Cannot find a migration matching '${name}' from app '${appLabel}'. Is it in INSTALLED_APPS?`);
      }
      throw e;
    }
    this.outputTransaction = migration.atomic;
    const statements = collectSql(ctx, loader, [[migration, !!options['backwards']]]);
    if (statements.length === 0 && Number(options['verbosity']) >= 1) ctx.stderr.write('No operations found.');
    return statements.join('\n');
  }
}

/** MigrationLoader.collect_sql: the statements of a plan, from the state before its first migration. */
export function collectSql(ctx: CommandContext, loader: MigrationLoader, plan: [Migration, boolean][]): string[] {
  const statements: string[] = [];
  let state: ProjectState | null = null;
  for (const [migration, backwards] of plan) {
    const se = ctx.makeSchemaEditor(ctx.db, { collectSql: true, atomic: migration.atomic });
    state ??= loader.projectState([[migration.appLabel, migration.name]], false);
    const from: ProjectState = state;
    // The schema editor of an atomic migration opens a transaction even when it only collects
    // (operations that refuse to run in one, AddIndexConcurrently, fail here too).
    const body = (): ProjectState => {
      const next: ProjectState = backwards ? migration.unapply(from, se, true) : migration.apply(from, se, true);
      se.finish();
      return next;
    };
    state = migration.atomic ? ctx.db.atomic(body) : body();
    statements.push(...se.collectedSql);
  }
  return statements;
}
