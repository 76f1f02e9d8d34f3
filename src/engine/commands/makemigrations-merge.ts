/**
 * `makemigrations --merge`: an empty migration depending on every conflicting leaf of an app.
 */
import { ValueError, pyError, repr, PyList } from '../python/objects.ts';
import { InteractiveMigrationQuestioner, MigrationQuestioner } from '../autodetector/questioner.ts';
import { type NodeKey, keyOf } from '../migrations/graph.ts';
import type { MigrationLoader } from '../migrations/loader.ts';
import { Dependency, Migration, migrationNameTimestamp } from '../migrations/migration.ts';
import { MigrationWriter } from '../migrations/writer.ts';
import type { Operation } from '../operations/base.ts';
import type { CommandContext } from './base.ts';

export interface MergeOptions {
  interactive: boolean;
  dryRun: boolean;
  verbosity: number;
  includeHeader: boolean;
  migrationName: string | null;
  log: (msg: string) => void;
}

/** MigrationAutodetector.parse_number: the leading number of a migration name. */
export function parseNumber(name: string): number | null {
  const squashed = /^\d+_squashed_(\d+)/.exec(name);
  if (squashed) return parseInt(squashed[1]!, 10);
  const m = /^\d+/.exec(name);
  return m ? parseInt(m[0], 10) : null;
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
      const merging = names.map((name) => {
        const migration = loader.graph.migration([appLabel, name]);
        const ancestry = loader.graph.forwardsPlan([appLabel, name]).filter((k) => k[0] === appLabel);
        return { migration, ancestry };
      });
      let common = 0;
      const shortest = Math.min(...merging.map((m) => m.ancestry.length));
      while (common < shortest && merging.every((m) => keyOf(m.ancestry[common]!) === keyOf(merging[0]!.ancestry[common]!))) common++;
      if (!common) throw pyError(ValueError, `Could not find common ancestor of ${repr(new PyList(names))}`);
      const branches = merging.map((m) => {
        const branch: NodeKey[] = m.ancestry.slice(common);
        const ops: Operation[] = branch.flatMap((k) => loader.graph.migration(k).operations);
        return { ...m, ops };
      });
      if (o.verbosity > 0) {
        o.log(`Merging ${appLabel}`);
        for (const b of branches) {
          o.log(`  Branch ${b.migration.name}`);
          for (const op of b.ops) o.log(`    ${op.formattedDescription()}`);
        }
      }
      if (!(await questioner.askMerge(appLabel))) continue;
      const numbers = branches.map((b) => parseNumber(b.migration.name)).filter((n): n is number => n !== null);
      const biggest = numbers.length ? Math.max(...numbers) : 1;
      const parts = [String(biggest + 1).padStart(4, '0')];
      if (o.migrationName) parts.push(o.migrationName);
      else {
        parts.push('merge');
        const leafNames = branches
          .map((b) => b.migration.name)
          .sort()
          .join('_');
        parts.push(leafNames.length > 47 ? migrationNameTimestamp(ctx.env.now()) : leafNames);
      }
      const merge = new Migration(parts.join('_'), appLabel);
      merge.dependencies = branches.map((b) => new Dependency(appLabel, b.migration.name));
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
