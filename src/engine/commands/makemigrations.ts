/**
 * `manage.py makemigrations`: compare models.py with the migration history and write new
 * migration files.
 */
import { type PyValue, PyException, PyModule, ValueError, pyError } from '../python/objects.ts';
import { MigrationAutodetector } from '../autodetector/autodetector.ts';
import {
  InteractiveMigrationQuestioner,
  MigrationQuestioner,
  NonInteractiveMigrationQuestioner,
  QuestionerExit,
} from '../autodetector/questioner.ts';
import { MigrationLoader } from '../migrations/loader.ts';
import { Migration, migrationNameTimestamp } from '../migrations/migration.ts';
import { MigrationWriter } from '../migrations/writer.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, Output, commandError, systemExit } from './base.ts';
import { MergeHandler } from './makemigrations-merge.ts';
import { migrationsModuleStatus } from './changes.ts';
import { PySetOrder, strHash } from '../python/set-order.ts';

/** Python's str.isidentifier() for the ASCII/Unicode letters a learner uses. */
export function isIdentifier(s: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);
}

export class MakeMigrationsCommand extends BaseCommand {
  readonly name = 'makemigrations';
  override help = 'Creates new migration(s) for apps.';

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], nargs: '*', help: 'Specify the app label(s) to create migrations for.' });
    p.addArgument({ flags: ['--dry-run'], action: 'store_true', help: "Just show what migrations would be made; don't actually write them." });
    p.addArgument({ flags: ['--merge'], action: 'store_true', help: 'Enable fixing of migration conflicts.' });
    p.addArgument({ flags: ['--empty'], action: 'store_true', help: 'Create an empty migration.' });
    p.addArgument({ flags: ['--noinput', '--no-input'], action: 'store_false', dest: 'interactive', help: 'Tells Django to NOT prompt the user for input of any kind.' });
    p.addArgument({ flags: ['-n', '--name'], help: 'Use this name for migration file(s).' });
    p.addArgument({ flags: ['--no-header'], action: 'store_false', dest: 'include_header', help: 'Do not add header comments to new migration file(s).' });
    p.addArgument({
      flags: ['--check'],
      action: 'store_true',
      dest: 'check_changes',
      help: 'Exit with a non-zero status if model changes are missing migrations and don\'t actually write them. Implies --dry-run.',
    });
    p.addArgument({
      flags: ['--scriptable'],
      action: 'store_true',
      dest: 'scriptable',
      help: 'Divert log output and input prompts to stderr, writing only paths of generated migration files to stdout.',
    });
    p.addArgument({
      flags: ['--update'],
      action: 'store_true',
      dest: 'update',
      help: 'Merge model changes into the latest migration and optimize the resulting operations.',
    });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const verbosity = Number(options['verbosity']);
    const interactive = options['interactive'] !== false;
    let dryRun = !!options['dry_run'];
    const merge = !!options['merge'];
    const empty = !!options['empty'];
    const migrationName = (options['name'] as string | null) ?? null;
    if (migrationName && !isIdentifier(migrationName)) throw commandError('The migration name must be a valid Python identifier.');
    const includeHeader = options['include_header'] !== false;
    const checkChanges = !!options['check_changes'];
    if (checkChanges) dryRun = true;
    const scriptable = !!options['scriptable'];
    const update = !!options['update'];
    const logOutput: Output = scriptable ? ctx.stderr : ctx.stdout;
    const log = (msg: string) => logOutput.write(msg);

    // `set(app_labels)`: errors, --empty migrations and messages follow CPython's set order.
    const labelSet = new PySetOrder<string>(strHash, (a, b) => a === b);
    for (const label of (options['app_label'] as string[]) ?? []) labelSet.add(label);
    const appLabels = labelSet.values();
    let bad = false;
    for (const label of appLabels) {
      if (!ctx.project.appConfig(label)) {
        ctx.stderr.write(ctx.project.noAppMessage(label));
        bad = true;
      }
    }
    if (bad) throw systemExit(2);

    const loader = new MigrationLoader(ctx.project, { connection: null, ignoreNoMigrations: true });
    // Consistency is checked against the database like Django does.
    const dbLoader = new MigrationLoader(ctx.project, { connection: ctx.db, ignoreNoMigrations: true });
    dbLoader.checkConsistentHistory();

    let conflicts = loader.detectConflicts();
    if (appLabels.length) conflicts = new Map([...conflicts].filter(([app]) => appLabels.includes(app)));
    if (conflicts.size && !merge) {
      const nameStr = [...conflicts].map(([app, names]) => `${names.join(', ')} in ${app}`).join('; ');
      throw commandError(
        `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${nameStr}).\nTo fix them run 'python manage.py makemigrations --merge'`,
      );
    }
    if (merge && !conflicts.size) {
      log('No conflicts detected to merge.');
      return;
    }

    const questionerOpts = {
      specifiedApps: appLabels,
      dryRun,
      migrationsModule: (label: string) => migrationsModuleStatus(ctx, label),
    };
    const questioner: MigrationQuestioner = interactive
      ? new InteractiveMigrationQuestioner({
          ...questionerOpts,
          io: { write: (t) => logOutput.write(t, ''), readLine: () => ctx.io.readLine() },
          evaluate: (source) => this.evaluateDefault(ctx, source),
        })
      : new NonInteractiveMigrationQuestioner({ ...questionerOpts, verbosity, log });

    const writer = (m: Migration) => new MigrationWriter(m, { includeHeader, env: ctx.env });
    try {
      if (merge) {
        await new MergeHandler(ctx, loader, { interactive, dryRun, verbosity, includeHeader, migrationName, log }).handle(conflicts);
        return;
      }
      const autodetector = new MigrationAutodetector(loader.projectState(), ctx.project.currentState(), questioner, {
        settings: { AUTH_USER_MODEL: ctx.project.settings.authUserModel },
        now: () => ctx.env.now(),
        timestamp: migrationNameTimestamp(ctx.env.now()),
      });
      if (empty) {
        if (!appLabels.length) throw commandError('You must supply at least one app label when using --empty.');
        let changes = new Map(appLabels.map((app) => [app, [new Migration('custom', app)]]));
        changes = await autodetector.arrangeForGraph(changes, loader.graph, migrationName);
        this.writeMigrationFiles(ctx, changes, { dryRun, verbosity, scriptable, log, writer });
        return;
      }
      const changes = await autodetector.changes(loader.graph, {
        trimToApps: appLabels.length ? appLabels : null,
        convertApps: appLabels.length ? appLabels : null,
        migrationName,
      });
      if (!changes.size) {
        if (verbosity >= 1) {
          if (appLabels.length === 1) log(`No changes detected in app '${appLabels[0]}'`);
          else if (appLabels.length > 1) log(`No changes detected in apps '${appLabels.join("', '")}'`);
          else log('No changes detected');
        }
        return;
      }
      if (update) await this.writeToLastMigrationFiles(ctx, changes, migrationName, { dryRun, verbosity, scriptable, log, writer });
      else this.writeMigrationFiles(ctx, changes, { dryRun, verbosity, scriptable, log, writer });
      if (checkChanges) throw systemExit(1);
    } catch (e) {
      if (e instanceof QuestionerExit) throw systemExit(e.exitCode);
      throw e;
    }
  }

  /** The questioner's one-off default: Python evaluated with datetime and timezone available. */
  private evaluateDefault(ctx: CommandContext, source: string): PyValue {
    const interp = ctx.project.interp;
    const globals = new Map<string, PyValue>([
      ['datetime', interp.importModule('datetime')],
      ['timezone', interp.importModule('django.utils.timezone')],
    ]);
    return interp.evalExpression(source, globals, '<string>');
  }

  writeMigrationFiles(
    ctx: CommandContext,
    changes: Map<string, Migration[]>,
    o: { dryRun: boolean; verbosity: number; scriptable: boolean; log: (m: string) => void; writer: (m: Migration) => MigrationWriter },
    updatePrevious?: Map<string, string>,
  ): void {
    const fs = ctx.project.fs;
    const created = new Set<string>();
    for (const [appLabel, migrations] of changes) {
      if (o.verbosity >= 1) o.log(`Migrations for '${appLabel}':`);
      const app = ctx.project.appConfig(appLabel)!;
      const folder = ctx.project.migrationsPath(app);
      for (const migration of migrations) {
        const writer = o.writer(migration);
        // writer.path (MigrationWriter.basedir), read to print or to write the file, refuses an app whose migrations are disabled.
        if (folder === null && (o.verbosity >= 1 || !o.dryRun)) {
          throw pyError(ValueError, `Django can't create migrations for app '${appLabel}' because migrations have been disabled via the MIGRATION_MODULES setting.`);
        }
        const relPath = `${folder}/${writer.filename}`;
        if (o.verbosity >= 1) {
          o.log(`  ${relPath}\n`);
          for (const op of migration.operations) o.log(`    ${op.formattedDescription()}`);
          if (o.scriptable) ctx.stdout.write(relPath);
        }
        if (!o.dryRun) {
          if (!created.has(appLabel)) {
            if (fs.read(`${folder}/__init__.py`) === undefined) fs.write(`${folder}/__init__.py`, '');
            created.add(appLabel);
          }
          fs.write(relPath, writer.asString());
          const prev = updatePrevious?.get(appLabel);
          if (prev !== undefined) {
            if (writer.needsManualPorting) {
              o.log(
                `Updated migration ${relPath} requires manual porting.\nPrevious migration ${prev} was kept and must be deleted after porting functions manually.`,
              );
            } else {
              fs.remove(prev);
              o.log(`Deleted ${prev}`);
            }
          }
        } else if (o.verbosity === 3) {
          o.log(`Full migrations file '${writer.filename}':`);
          o.log(writer.asString());
        }
      }
    }
  }

  private async writeToLastMigrationFiles(
    ctx: CommandContext,
    changes: Map<string, Migration[]>,
    migrationName: string | null,
    o: Parameters<MakeMigrationsCommand['writeMigrationFiles']>[2],
  ): Promise<void> {
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db });
    const newChanges = new Map<string, Migration[]>();
    const previous = new Map<string, string>();
    const { MigrationOptimizer } = await import('../migrations/optimizer.ts');
    const { Dependency, SwappableTuple } = await import('../migrations/migration.ts');
    void SwappableTuple;
    for (const [appLabel, appMigrations] of changes) {
      const leaves = loader.graph.leafNodes(appLabel);
      if (!leaves.length) throw commandError(`App ${appLabel} has no migration, cannot update last migration.`);
      const leafKey = leaves[0]!;
      const leaf = loader.graph.migration(leafKey);
      if (leaf.replaces.length) throw commandError(`Cannot update squash migration '${leaf.key}'.`);
      if (loader.isApplied(leafKey)) throw commandError(`Cannot update applied migration '${leaf.key}'.`);
      const depending = [...loader.diskMigrations.values()].filter((m) => m.dependencies.some((d) => d.appLabel === leafKey[0] && d.name === leafKey[1]));
      if (depending.length) {
        throw commandError(`Cannot update migration '${leaf.key}' that migrations ${depending.map((m) => `'${m.key}'`).join(', ')} depend on.`);
      }
      for (const m of appMigrations) {
        leaf.operations.push(...m.operations);
        for (const dep of m.dependencies) {
          if (dep.swappableSetting) {
            if (ctx.project.settings.authUserModel === dep.swappableSetting) leaf.dependencies.push(new Dependency('__setting__', 'AUTH_USER_MODEL'));
            else leaf.dependencies.push(dep);
          } else if (dep.appLabel !== m.appLabel) {
            leaf.dependencies.push(dep);
          }
        }
      }
      leaf.operations = new MigrationOptimizer().optimize(leaf.operations, appLabel);
      const app = ctx.project.appConfig(appLabel)!;
      const folder = ctx.project.migrationsPath(app)!;
      const prevPath = `${folder}/${leaf.name}.py`;
      const fragment = migrationName ?? leaf.suggestName(migrationNameTimestamp(ctx.env.now()));
      const suggested = `${leaf.name.slice(0, 4)}_${fragment}`;
      leaf.name = leaf.name === suggested ? `${leaf.name}_updated` : suggested;
      newChanges.set(appLabel, [leaf]);
      previous.set(appLabel, prevPath);
    }
    this.writeMigrationFiles(ctx, newChanges, o, previous);
  }
}

export { PyException, PyModule };
