/**
 * `manage.py showmigrations`: the migrations of each app and whether they are applied.
 */
import { MigrationLoader } from '../migrations/loader.ts';
import { keyOf } from '../migrations/graph.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, systemExit } from './base.ts';

export class ShowMigrationsCommand extends BaseCommand {
  readonly name = 'showmigrations';
  override help = 'Shows all available migrations for the current project';

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['app_label'], nargs: '*', help: 'App labels of applications to limit the output to.' });
    p.addArgument({ flags: ['--database'], default: 'default', choices: ['default'], help: 'Nominates a database to show migrations for. Defaults to the "default" database.' });
    p.addArgument({ flags: ['--list', '-l'], action: 'store_const', const: 'list', dest: 'format', default: 'list', exclusiveGroup: 'formats', help: 'Shows a list of all migrations and which are applied. With a verbosity level of 2 or above, the applied datetimes will be included.' });
    p.addArgument({ flags: ['--plan', '-p'], action: 'store_const', const: 'plan', dest: 'format', exclusiveGroup: 'formats', help: 'Shows all migrations in the order they will be applied. With a verbosity level of 2 or above all direct migration dependencies and reverse dependencies (run_before) will be included.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const apps = (options['app_label'] as string[]) ?? [];
    const verbosity = Number(options['verbosity']);
    if (options['format'] === 'plan') this.showPlan(ctx, apps, verbosity);
    else this.showList(ctx, apps, verbosity);
  }

  private validateAppNames(ctx: CommandContext, names: string[]): void {
    let bad = false;
    for (const name of names) {
      if (!ctx.project.appConfig(name)) {
        ctx.stderr.write(`No installed app with label '${name}'.`);
        bad = true;
      }
    }
    if (bad) throw systemExit(2);
  }

  private showList(ctx: CommandContext, appNames: string[], verbosity: number): void {
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db, ignoreNoMigrations: true });
    const recorded = loader.recorder()!.appliedMigrations();
    const graph = loader.graph;
    if (appNames.length) this.validateAppNames(ctx, appNames);
    else appNames = [...loader.migratedApps].sort();
    for (const app of appNames) {
      ctx.stdout.write(app);
      const shown = new Set<string>();
      for (const leaf of graph.leafNodes(app)) {
        for (const node of graph.forwardsPlan(leaf)) {
          const k = keyOf(node);
          if (shown.has(k) || node[0] !== app) continue;
          let title = node[1];
          const migration = graph.migration(node);
          if (migration.replaces.length) title += ` (${migration.replaces.length} squashed migrations)`;
          const applied = loader.appliedMigrations.get(k);
          if (applied) {
            let output: string;
            if (recorded.has(k)) output = ` [X] ${title}`;
            else output = ` [-] ${title} Run 'manage.py migrate' to finish recording.`;
            if (verbosity >= 2 && 'applied' in applied && typeof applied.applied === 'string') {
              output += ` (applied at ${formatApplied(applied.applied)})`;
            }
            ctx.stdout.write(output);
          } else {
            ctx.stdout.write(` [ ] ${title}`);
          }
          shown.add(k);
        }
      }
      if (!shown.size) ctx.stdout.write(' (no migrations)');
    }
  }

  private showPlan(ctx: CommandContext, appNames: string[], verbosity: number): void {
    const loader = new MigrationLoader(ctx.project, { connection: ctx.db });
    const graph = loader.graph;
    let targets = graph.leafNodes();
    if (appNames.length) {
      this.validateAppNames(ctx, appNames);
      targets = targets.filter((k) => appNames.includes(k[0]));
    }
    const seen = new Set<string>();
    const plan: (readonly [string, string])[] = [];
    for (const t of targets) {
      for (const m of graph.forwardsPlan(t)) {
        if (seen.has(keyOf(m))) continue;
        plan.push(m);
        seen.add(keyOf(m));
      }
    }
    for (const node of plan) {
      let deps = '';
      if (verbosity >= 2) {
        const parents = graph.parentsOf(node).map((p) => `${p[0]}.${p[1]}`);
        if (parents.length) deps = ` ... (${parents.join(', ')})`;
      }
      const mark = loader.isApplied(node) ? '[X]' : '[ ]';
      ctx.stdout.write(`${mark}  ${node[0]}.${node[1]}${deps}`);
    }
    if (!plan.length) ctx.stdout.write('(no migrations)');
  }
}

/** `applied.strftime("%Y-%m-%d %H:%M:%S")` of a timestamptz in text form. */
function formatApplied(text: string): string {
  return text.slice(0, 19);
}

