/**
 * `manage.py sqlsequencereset app_label [app_label ...]`: the SQL that moves each model's
 * AutoField sequence past the largest id (PostgreSQL's DatabaseOperations.sequence_reset_sql).
 */
import type { AppConfigInfo } from '../project/app-config.ts';
import type { ModelMeta } from '../state/meta.ts';
import { AutoField } from '../state/fields/scalar.ts';
import { ManyToManyRel } from '../state/fields/related.ts';
import { quoteName } from '../db/postgres/compiler.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError } from './base.ts';

export class SqlSequenceResetCommand extends BaseCommand {
  readonly name = 'sqlsequencereset';
  override help = 'Prints the SQL statements for resetting sequences for the given app name(s).';
  override outputTransaction = true;

  override createParser(): ArgumentParser {
    const parser = super.createParser();
    parser.missingArgsMessage = 'Enter at least one application label.';
    return parser;
  }

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['args'], metavar: 'app_label', nargs: '+', help: 'One or more application label.' });
    p.addArgument({ flags: ['--database'], default: 'default', choices: ['default'], help: 'Nominates a database to print the SQL for. Defaults to the "default" database.' });
  }

  /** AppCommand.handle: every label must be an installed app; outputs joined by newlines. */
  async handle(ctx: CommandContext, options: Options): Promise<string> {
    const labels = (options['args'] as string[]) ?? [];
    const configs: AppConfigInfo[] = [];
    for (const label of labels) {
      const config = ctx.project.appConfig(label);
      if (!config) throw commandError(`No installed app with label '${label}'.. Are you sure your INSTALLED_APPS setting is correct?`);
      configs.push(config);
    }
    const output: string[] = [];
    for (const config of configs) {
      const appOutput = this.handleAppConfig(ctx, config, Number(options['verbosity']));
      if (appOutput) output.push(appOutput);
    }
    return output.join('\n');
  }

  private handleAppConfig(ctx: CommandContext, config: AppConfigInfo, verbosity: number): string | null {
    if (config.modelsModule === null) return null;
    const statements = sequenceResetSql(registrationOrder(ctx.project.apps.getModels(config.label, true)));
    if (!statements.length && verbosity >= 1) ctx.stderr.write('No sequences found.');
    return statements.join('\n');
  }
}

/**
 * `app_config.get_models(include_auto_created=True)` order: Django creates (and registers) an
 * auto-created M2M table while the owning class is being built, so it comes just before its owner.
 */
export function registrationOrder(models: readonly ModelMeta[]): ModelMeta[] {
  const out: ModelMeta[] = [];
  const placed = new Set<ModelMeta>();
  for (const m of models) {
    if (m.autoCreated) continue;
    for (const f of m.localManyToMany) {
      const through = models.find((t) => t.autoCreated === m && !placed.has(t) && f.remoteField instanceof ManyToManyRel && t === f.remoteField.throughModel);
      if (through) {
        out.push(through);
        placed.add(through);
      }
    }
    out.push(m);
    placed.add(m);
  }
  for (const m of models) if (!placed.has(m)) out.push(m);
  return out;
}

/** DatabaseOperations.sequence_reset_sql: one setval per model with an AutoField among its local fields. */
export function sequenceResetSql(models: readonly ModelMeta[]): string[] {
  const output: string[] = [];
  for (const model of models) {
    for (const f of model.localFields) {
      if (f instanceof AutoField) {
        const table = quoteName(model.dbTable);
        const column = quoteName(f.column!);
        output.push(
          `SELECT setval(pg_get_serial_sequence('${table}','${f.column}'), coalesce(max(${column}), 1), max(${column}) IS NOT null) FROM ${table};`,
        );
        break;
      }
    }
  }
  return output;
}
