/**
 * `manage.py inspectdb [table ...] [--include-views] [--include-partitions]`: prints a models.py
 * for the tables (and views) visible on the connection's search_path.
 */
import { PostgresIntrospection } from '../db/postgres/introspection.ts';
import { inspectDatabase } from '../db/postgres/inspectdb.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options } from './base.ts';

export class InspectDbCommand extends BaseCommand {
  readonly name = 'inspectdb';
  override help = 'Introspects the database tables in the given database and outputs a Django model module.';
  override requiresSystemChecks = false;

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['table'], nargs: '*', type: 'str', help: 'Selects what tables or views should be introspected.' });
    p.addArgument({
      flags: ['--database'],
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to introspect. Defaults to using the "default" database.',
    });
    p.addArgument({ flags: ['--include-partitions'], action: 'store_true', help: 'Also output models for partition tables.' });
    p.addArgument({ flags: ['--include-views'], action: 'store_true', help: 'Also output models for database views.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const lines = inspectDatabase(new PostgresIntrospection(ctx.db), {
      tables: (options['table'] as string[] | null) ?? [],
      includeViews: !!options['include_views'],
      includePartitions: !!options['include_partitions'],
    });
    for (const line of lines) ctx.stdout.write(line);
  }
}
