/**
 * `makemigrations --merge`: an empty migration depending on every conflicting leaf of an app.
 */
import { InteractiveMigrationQuestioner, MigrationQuestioner } from '../autodetector/questioner.ts';
import { mergeMigration, planMerge } from '../autodetector/merge.ts';
import type { MigrationLoader } from '../migrations/loader.ts';
import { migrationNameTimestamp } from '../migrations/migration.ts';
import { MigrationWriter } from '../migrations/writer.ts';
import type { CommandContext } from './base.ts';

export interface MergeOptions {
  interactive: boolean;
  dryRun: boolean;
  verbosity: number;
  includeHeader: boolean;
  migrationName: string | null;
  log: (msg: string) => void;
}

export class MergeHandler {
  constructor(
    readonly ctx: CommandContext,
    readonly loader: MigrationLoader,
    readonly o: MergeOptions,
  ) {}

  async handle(conflicts: Map<string, string[]>): Promise<void> {
    const { ctx, loader, o } = this;
    const questioner = o.interactive
      ? new InteractiveMigrationQuestioner({
          io: { write: (t) => ctx.stdout.write(t, ''), readLine: () => ctx.io.readLine() },
          evaluate: () => {
            throw new Error('no defaults are asked when merging');
          },
        })
      : new MigrationQuestioner({ defaults: { ask_merge: true } });
    for (const [appLabel, names] of conflicts) {
      const plan = planMerge(loader.graph, appLabel, names);
      if (o.verbosity > 0) for (const line of plan.log) o.log(line);
      if (!(await questioner.askMerge(appLabel))) continue;
      const merge = mergeMigration(
        appLabel,
        plan.branches.map((b) => b.name),
        { migrationName: o.migrationName, timestamp: migrationNameTimestamp(ctx.env.now()) },
      );
      const writer = new MigrationWriter(merge, { includeHeader: o.includeHeader, env: ctx.env });
      const folder = ctx.project.migrationsPath(ctx.project.appConfig(appLabel)!)!;
      const relPath = `${folder}/${writer.filename}`;
      if (!o.dryRun) {
        ctx.project.fs.write(relPath, writer.asString());
        if (o.verbosity > 0) o.log(`\nCreated new merge migration ${ctx.project.displayPath(relPath)}`);
      } else if (o.verbosity === 3) {
        o.log(`Full merge migrations file '${writer.filename}':`);
        o.log(writer.asString());
      }
    }
  }
}
