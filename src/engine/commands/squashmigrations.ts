/**
 * `manage.py squashmigrations app_label [start_migration_name] migration_name`: one new migration
 * replacing a run of an app's migrations, optimized unless --no-optimize.
 */
import { KeyError, PyException, pyError, EOFError } from '../python/objects.ts';
import { AmbiguityError } from '../django/exceptions.ts';
import { MigrationLoader } from '../migrations/loader.ts';
import type { Migration } from '../migrations/migration.ts';
import { MigrationOptimizer } from '../migrations/optimizer.ts';
import { collectSquashParts, migrationsToSquash, squashedMigration } from '../migrations/squash.ts';
import { MigrationWriter } from '../migrations/writer.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError } from './base.ts';

/** django.utils.version.get_docs_version() for 5.2.18. */
export const DOCS_VERSION = '5.2';

export class SquashMigrationsCommand extends BaseCommand {
  readonly name = 'squashmigrations';
  override help = 'Squashes an existing set of migrations (from first until specified) into a single new one.';

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], help: 'App label of the application to squash migrations for.' });
    p.addArgument({ flags: ['start_migration_name'], nargs: '?', help: 'Migrations will be squashed starting from and including this migration.' });
    p.addArgument({ flags: ['migration_name'], help: 'Migrations will be squashed until and including this migration.' });
    p.addArgument({ flags: ['--no-optimize'], action: 'store_true', help: 'Do not try to optimize the squashed operations.' });
    p.addArgument({ flags: ['--noinput', '--no-input'], action: 'store_false', dest: 'interactive', help: 'Tells Django to NOT prompt the user for input of any kind.' });
    p.addArgument({ flags: ['--squashed-name'], help: 'Sets the name of the new squashed migration.' });
    p.addArgument({ flags: ['--no-header'], action: 'store_false', dest: 'include_header', help: 'Do not add a header comment to the new squashed migration.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const verbosity = Number(options['verbosity']);
    const interactive = options['interactive'] !== false;
    const appLabel = String(options['app_label']);
    const startName = (options['start_migration_name'] as string | null) ?? null;
    const endName = String(options['migration_name']);
    const noOptimize = !!options['no_optimize'];
    const squashedName = (options['squashed_name'] as string | null) ?? null;
    const includeHeader = options['include_header'] !== false;
    const out = ctx.stdout;

    if (!ctx.project.appConfig(appLabel)) throw commandError(ctx.project.noAppMessage(appLabel));
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db });
    if (!loader.migratedApps.has(appLabel)) {
      throw commandError(`App '${appLabel}' does not have migrations (so squashmigrations on it makes no sense)`);
    }
    const end = findMigration(loader, appLabel, endName);
    let toSquash = migrationsToSquash(loader.graph, end);
    let start: Migration | null = null;
    if (startName) {
      start = findMigration(loader, appLabel, startName);
      const startNode = loader.graph.migration([start.appLabel, start.name]);
      const index = toSquash.indexOf(startNode);
      if (index < 0) {
        throw commandError(
          `The migration '${start.key}' cannot be found. Maybe it comes after the migration '${end.key}'?\n` +
            `Have a look at:\n  python manage.py showmigrations ${appLabel}\nto debug this issue.`,
        );
      }
      toSquash = toSquash.slice(index);
    }

    if (verbosity > 0 || interactive) {
      out.write('Will squash the following migrations:');
      for (const m of toSquash) out.write(` - ${m.name}`);
      if (interactive) {
        let answer = '';
        while (!answer || !'yn'.includes(answer)) {
          out.write('Do you wish to proceed? [y/N] ', '');
          const line = await ctx.io.readLine();
          if (line === null) throw pyError(EOFError, 'EOF when reading a line');
          if (!line) {
            answer = 'n';
            break;
          }
          answer = line[0]!.toLowerCase();
        }
        if (answer !== 'y') return;
      }
    }

    for (const m of toSquash) {
      if (m.replaces.length) {
        throw commandError(
          `You cannot squash squashed migrations! Please transition it to a normal migration first: https://docs.djangoproject.com/en/${DOCS_VERSION}/topics/migrations/#squashing-migrations`,
        );
      }
    }
    const parts = collectSquashParts(toSquash, ctx.project.settings.authUserModel);

    let newOperations = parts.operations;
    if (noOptimize) {
      if (verbosity > 0) out.write('(Skipping optimization.)');
    } else {
      if (verbosity > 0) out.write('Optimizing...');
      newOperations = new MigrationOptimizer().optimize(parts.operations, end.appLabel);
      if (verbosity > 0) {
        if (newOperations.length === parts.operations.length) out.write('  No optimizations possible.');
        else out.write(`  Optimized from ${parts.operations.length} operations to ${newOperations.length} operations.`);
      }
    }

    const squashed = squashedMigration(appLabel, parts, newOperations, { start, end, squashedName });
    const writer = new MigrationWriter(squashed, { includeHeader, env: ctx.env });
    const folder = ctx.project.migrationsPath(ctx.project.appConfig(appLabel)!)!;
    const relPath = `${folder}/${writer.filename}`;
    if (ctx.project.fs.read(relPath) !== undefined || ctx.project.fs.isDir(relPath)) {
      throw commandError(`Migration ${squashed.name} already exists. Use a different name.`);
    }
    // `with open(writer.path, "w") as fh: fh.write(writer.as_string())`: the file exists (empty)
    // before the writer runs, and stays empty when it fails.
    ctx.project.fs.write(relPath, '');
    ctx.project.fs.write(relPath, writer.asString());

    if (verbosity > 0) {
      out.write(
        `Created new squashed migration ${ctx.project.displayPath(relPath)}\n` +
          '  You should commit this migration but leave the old ones in place;\n' +
          '  the new migration will be used for new installs. Once you are sure\n' +
          '  all instances of the codebase have applied the migrations you squashed,\n' +
          '  you can delete them.',
      );
      if (writer.needsManualPorting) {
        out.write(
          'Manual porting required\n' +
            '  Your migrations contained functions that must be manually copied over,\n' +
            '  as we could not safely copy their implementation.\n' +
            '  See the comment at the top of the squashed migration for details.',
        );
      }
    }
  }
}

/** SquashMigrations.find_migration (also optimizemigration's lookup): by name prefix. */
export function findMigration(loader: MigrationLoader, appLabel: string, name: string): Migration {
  try {
    return loader.getMigrationByPrefix(appLabel, name);
  } catch (e) {
    if (e instanceof PyException && e.matches(AmbiguityError)) {
      throw commandError(`More than one migration matches '${name}' in app '${appLabel}'. Please be more specific.`);
    }
    if (e instanceof PyException && e.matches(KeyError)) {
      throw commandError(`Cannot find a migration matching '${name}' from app '${appLabel}'.`);
    }
    throw e;
  }
}
