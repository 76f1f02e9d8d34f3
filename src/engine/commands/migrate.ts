/**
 * `manage.py migrate [app_label] [migration_name]`: applies or unapplies migrations.
 */
import { KeyError, None, PyException, type PyValue, getattrOpt, repr, str as pyStr } from '../python/objects.ts';
import { AmbiguityError } from '../django/exceptions.ts';
import { MigrationExecutor, type Target } from '../executor/executor.ts';
import { keyOf } from '../migrations/graph.ts';
import { MigrationLoader } from '../migrations/loader.ts';
import type { Migration } from '../migrations/migration.ts';
import type { Operation } from '../operations/base.ts';
import { RunPython, RunSQL } from '../operations/special.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError, systemExit } from './base.ts';
import { detectChanges } from './changes.ts';
import { emitPostMigrate, emitPreMigrate } from '../contrib/signals.ts';

export class MigrateCommand extends BaseCommand {
  readonly name = 'migrate';
  override help = 'Updates database schema. Manages both apps with migrations and those without.';
  override checkDatabases = true;

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], nargs: '?', help: 'App label of an application to synchronize the state.' });
    p.addArgument({
      flags: ['migration_name'],
      nargs: '?',
      help: 'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.',
    });
    p.addArgument({ flags: ['--noinput', '--no-input'], action: 'store_false', dest: 'interactive', help: 'Tells Django to NOT prompt the user for input of any kind.' });
    p.addArgument({ flags: ['--database'], default: 'default', choices: ['default'], help: 'Nominates a database to synchronize. Defaults to the "default" database.' });
    p.addArgument({ flags: ['--fake'], action: 'store_true', help: 'Mark migrations as run without actually running them.' });
    p.addArgument({
      flags: ['--fake-initial'],
      action: 'store_true',
      help: 'Detect if tables already exist and fake-apply initial migrations if so. Make sure that the current database schema matches your initial migration before using this flag. Django will only check for an existing table name.',
    });
    p.addArgument({ flags: ['--plan'], action: 'store_true', help: 'Shows a list of the migration actions that will be performed.' });
    p.addArgument({ flags: ['--run-syncdb'], action: 'store_true', help: 'Creates tables for apps without migrations.' });
    p.addArgument({
      flags: ['--check'],
      action: 'store_true',
      dest: 'check_unapplied',
      help: 'Exits with a non-zero status if unapplied migrations exist and does not actually apply migrations.',
    });
    p.addArgument({ flags: ['--prune'], action: 'store_true', dest: 'prune', help: 'Delete nonexistent migrations from the django_migrations table.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const verbosity = Number(options['verbosity']);
    const out = ctx.stdout;
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db });
    const executor = new MigrationExecutor(ctx.db, loader, ctx.makeSchemaEditor, (event, migration, fake) => {
      if (verbosity < 1) return;
      switch (event) {
        case 'apply_start':
          out.write(`  Applying ${migration!.key}...`, '');
          break;
        case 'unapply_start':
          out.write(`  Unapplying ${migration!.key}...`, '');
          break;
        case 'apply_success':
        case 'unapply_success':
          out.write(fake ? ' FAKED' : ' OK');
          break;
        case 'render_start':
          out.write('  Rendering model states...', '');
          break;
        case 'render_success':
          out.write(' DONE');
          break;
      }
    });
    loader.checkConsistentHistory();
    const conflicts = loader.detectConflicts();
    if (conflicts.size) {
      const nameStr = [...conflicts].map(([app, names]) => `${names.join(', ')} in ${app}`).join('; ');
      throw commandError(
        `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${nameStr}).\nTo fix them run 'python manage.py makemigrations --merge'`,
      );
    }
    const runSyncdbOpt = !!options['run_syncdb'];
    const appLabel = options['app_label'] as string | null;
    const migrationName = options['migration_name'] as string | null;
    let targetAppLabelsOnly = true;
    if (appLabel) {
      if (!ctx.project.appConfig(appLabel)) throw commandError(ctx.project.noAppMessage(appLabel));
      if (runSyncdbOpt) {
        if (loader.migratedApps.has(appLabel)) throw commandError(`Can't use run_syncdb with app '${appLabel}' as it has migrations.`);
      } else if (!loader.migratedApps.has(appLabel)) {
        throw commandError(`App '${appLabel}' does not have migrations.`);
      }
    }
    let targets: Target[];
    if (appLabel && migrationName) {
      if (migrationName === 'zero') targets = [[appLabel, null]];
      else {
        let migration: Migration;
        try {
          migration = loader.getMigrationByPrefix(appLabel, migrationName);
        } catch (e) {
          if (e instanceof PyException && e.matches(AmbiguityError)) {
            throw commandError(`More than one migration matches '${migrationName}' in app '${appLabel}'. Please be more specific.`);
          }
          if (e instanceof PyException && e.matches(KeyError)) {
            throw commandError(`Cannot find a migration matching '${migrationName}' from app '${appLabel}'.`);
          }
          throw e;
        }
        let target: Target = [appLabel, migration.name];
        const replacement = loader.replacements.get(keyOf([appLabel, migration.name]));
        if (!loader.graph.has([appLabel, migration.name]) && replacement) {
          target = replacement.replaces[replacement.replaces.length - 1]!;
        }
        targets = [target];
      }
      targetAppLabelsOnly = false;
    } else if (appLabel) {
      targets = loader.graph.leafNodes().filter((k) => k[0] === appLabel);
    } else {
      targets = loader.graph.leafNodes();
    }

    if (options['prune']) {
      if (!appLabel) throw commandError('Migrations can be pruned only when an app is specified.');
      if (verbosity > 0) out.write('Pruning migrations:');
      const toPrune = [...loader.appliedMigrations.keys()]
        .filter((k) => !loader.diskMigrations.has(k))
        .map((k) => k.split('\u0000') as [string, string])
        .filter((k) => k[0] === appLabel)
        .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      const blocked = [...loader.replacements].filter(([, m]) => m.replaces.some((r) => toPrune.some((p) => p[0] === r[0] && p[1] === r[1])));
      if (blocked.length) {
        out.write("  Cannot use --prune because the following squashed migrations have their 'replaces' attributes and may not be recorded as applied:");
        for (const [, m] of blocked) out.write(`    ${m.appLabel}.${m.name}`);
        out.write("  Re-run 'manage.py migrate' if they are not marked as applied, and remove 'replaces' attributes in their Migration classes.");
      } else if (toPrune.length) {
        for (const [app, name] of toPrune) {
          if (verbosity > 0) out.write(`  Pruning ${app}.${name}`, '');
          executor.recorder.recordUnapplied(app, name);
          if (verbosity > 0) out.write(' OK');
        }
      } else if (verbosity > 0) {
        out.write('  No migrations to prune.');
      }
    }

    const plan = executor.migrationPlan(targets);
    if (options['plan']) {
      out.write('Planned operations:');
      if (!plan.length) out.write('  No planned migration operations.');
      else {
        for (const [migration, backwards] of plan) {
          out.write(migration.key);
          for (const op of migration.operations) out.write(`    ${describeOperation(op, backwards)}`);
        }
        if (options['check_unapplied']) throw systemExit(1);
      }
      return;
    }
    if (options['check_unapplied']) {
      if (plan.length) throw systemExit(1);
      return;
    }
    if (options['prune']) return;

    const runSyncdb = runSyncdbOpt && loader.unmigratedApps.size > 0;
    if (verbosity >= 1) {
      out.write('Operations to perform:');
      if (runSyncdb) {
        if (appLabel) out.write(`  Synchronize unmigrated app: ${appLabel}`);
        else out.write(`  Synchronize unmigrated apps: ${[...loader.unmigratedApps].sort().join(', ')}`);
      }
      if (targetAppLabelsOnly) {
        out.write(`  Apply all migrations: ${[...new Set(targets.map((t) => t[0]))].sort().join(', ') || '(none)'}`);
      } else if (targets[0]![1] === null) {
        out.write(`  Unapply all migrations: ${targets[0]![0]}`);
      } else {
        out.write(`  Target specific migration: ${targets[0]![1]}, from ${targets[0]![0]}`);
      }
    }
    const preState = executor.createProjectState(true);
    // emit_pre_migrate_signal gets the rendered apps; the executor then starts from a rendered clone.
    void preState.apps;
    const signals = { project: ctx.project, db: ctx.db, verbosity, write: (line: string) => out.write(line) };
    emitPreMigrate(signals, preState, plan);
    if (runSyncdb) {
      if (verbosity >= 1) out.write('Synchronizing apps without migrations:');
      this.syncApps(ctx, executor, appLabel ? [appLabel] : [...loader.unmigratedApps], verbosity);
    }
    if (verbosity >= 1) out.write('Running migrations:');
    let fake = false;
    let fakeInitial = false;
    if (!plan.length) {
      if (verbosity >= 1) {
        out.write('  No migrations to apply.');
        const changes = await detectChanges(ctx, loader);
        if (changes.length) {
          out.write(
            `  Your models in app(s): ${changes.map((a) => repr(a)).join(', ')} have changes that are not yet reflected in a migration, and so won't be applied.`,
          );
          out.write("  Run 'manage.py makemigrations' to make new migrations, and then re-run 'manage.py migrate' to apply them.");
        }
      }
    } else {
      fake = !!options['fake'];
      fakeInitial = !!options['fake_initial'];
    }
    const postState = executor.migrate(targets, { plan, state: preState.clone(), fake, fakeInitial });
    emitPostMigrate(signals, postState);
  }

  /** --run-syncdb: create the tables of unmigrated apps that don't exist yet. */
  private syncApps(ctx: CommandContext, executor: MigrationExecutor, appLabels: string[], verbosity: number): void {
    const tables = new Set(executor.tableNames());
    const models = ctx.project.apps.getModels().filter((m) => appLabels.includes(m.appLabel) && m.managed && !m.proxy);
    const toCreate = models.filter((m) => !tables.has(m.dbTable));
    if (verbosity >= 1) out(ctx, '  Creating tables...');
    executor.withSchemaEditor(true, (se) => {
      for (const model of toCreate) {
        if (verbosity >= 3) out(ctx, `    Processing ${model.appLabel}.${model.objectName} model`);
        if (verbosity >= 1) out(ctx, `    Creating table ${model.dbTable}`);
        se.createModel(model);
      }
    });
    if (verbosity >= 1) out(ctx, '    Running deferred SQL...');
  }
}

function out(ctx: CommandContext, text: string): void {
  ctx.stdout.write(text);
}

/** Migrate.describe_operation for --plan (40-character truncation with an ellipsis). */
export function describeOperation(op: Operation, backwards: boolean): string {
  let prefix = '';
  let action: string | null;
  if (op instanceof RunPython) {
    const code = backwards ? op.reverseCode : op.code;
    action = code !== None ? docOf(code) : null;
  } else if (op instanceof RunSQL) {
    const sql = backwards ? op.reverseSql : op.sql;
    action = sql !== None ? pyStr(sql) : null;
  } else {
    action = '';
    if (backwards) prefix = 'Undo ';
  }
  if (action !== null) action = action.replace(/\n/g, '');
  else if (backwards) action = 'IRREVERSIBLE';
  else action = '';
  if (action) action = ` -> ${action}`;
  return prefix + op.describe() + truncateChars(action, 40);
}

function docOf(code: PyValue): string {
  const doc = getattrOpt(code, '__doc__');
  return typeof doc === 'string' ? doc : '';
}

/** django.utils.text.Truncator(text).chars(n). */
export function truncateChars(text: string, length: number): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length <= length) return text.normalize('NFC');
  return chars.slice(0, length - 1).join('') + '…';
}

