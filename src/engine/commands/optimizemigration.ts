/**
 * `manage.py optimizemigration app_label migration_name [--check]`: runs the optimizer over one
 * migration's operations and rewrites its file.
 */
import { MigrationLoader } from '../migrations/loader.ts';
import { Migration } from '../migrations/migration.ts';
import { MigrationOptimizer } from '../migrations/optimizer.ts';
import { MigrationWriter } from '../migrations/writer.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError, systemExit } from './base.ts';
import { DOCS_VERSION, findMigration } from './squashmigrations.ts';

export class OptimizeMigrationCommand extends BaseCommand {
  readonly name = 'optimizemigration';
  override help = 'Optimizes the operations for the named migration.';

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], help: 'App label of the application to optimize the migration for.' });
    p.addArgument({ flags: ['migration_name'], help: 'Migration name to optimize the operations for.' });
    p.addArgument({ flags: ['--check'], action: 'store_true', help: 'Exit with a non-zero status if the migration can be optimized.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const verbosity = Number(options['verbosity']);
    const appLabel = String(options['app_label']);
    const name = String(options['migration_name']);
    const out = ctx.stdout;
    if (!ctx.project.appConfig(appLabel)) throw commandError(ctx.project.noAppMessage(appLabel));
    const loader = new MigrationLoader(ctx.project, { connection: null });
    if (!loader.migratedApps.has(appLabel)) throw commandError(`App '${appLabel}' does not have migrations.`);
    const migration = findMigration(loader, appLabel, name);

    const newOperations = new MigrationOptimizer().optimize(migration.operations, migration.appLabel);
    if (newOperations.length === migration.operations.length) {
      if (verbosity > 0) out.write('No optimizations possible.');
      return;
    }
    if (verbosity > 0) out.write(`Optimizing from ${migration.operations.length} operations to ${newOperations.length} operations.`);
    if (options['check']) throw systemExit(1);

    migration.operations = newOperations;
    let writer = new MigrationWriter(migration, { env: ctx.env });
    let source = writer.asString();
    if (writer.needsManualPorting) {
      if (migration.replaces.length) {
        throw commandError(
          'Migration will require manual porting but is already a squashed migration.\n' +
            `Transition to a normal migration first: https://docs.djangoproject.com/en/${DOCS_VERSION}/topics/migrations/#squashing-migrations`,
        );
      }
      const optimized = new Migration(`${migration.name}_optimized`, appLabel);
      optimized.dependencies = migration.dependencies;
      optimized.operations = newOperations;
      optimized.replaces = [[migration.appLabel, migration.name]];
      writer = new MigrationWriter(optimized, { env: ctx.env });
      source = writer.asString();
      if (verbosity > 0) {
        out.write(
          'Manual porting required\n' +
            '  Your migrations contained functions that must be manually copied over,\n' +
            '  as we could not safely copy their implementation.\n' +
            '  See the comment at the top of the optimized migration for details.',
        );
      }
    }
    const folder = ctx.project.migrationsPath(ctx.project.appConfig(appLabel)!)!;
    const relPath = `${folder}/${writer.filename}`;
    ctx.project.fs.write(relPath, source);
    if (verbosity > 0) out.write(`Optimized migration ${ctx.project.displayPath(relPath)}`);
  }
}
