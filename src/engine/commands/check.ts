/**
 * `manage.py check [app_label ...]`: runs the system checks and reports every issue, with the
 * "System check identified N issues (M silenced)." count (django.core.management.commands.check).
 */
import { KeyError, LookupError, pyError } from '../python/objects.ts';
import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from '../checks/messages.ts';
import { tagsAvailable } from '../checks/run.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError } from './base.ts';

/** Where Django's app registry lives, for the frames of its tracebacks. */
const DJANGO_REGISTRY = '/usr/lib/python3/dist-packages/django/apps/registry.py';

const LEVELS: Record<string, number> = { CRITICAL, ERROR, WARNING, INFO, DEBUG };

export class CheckCommand extends BaseCommand {
  readonly name = 'check';
  override help = 'Checks the entire Django project for potential problems.';
  override requiresSystemChecks = false;

  override addArguments(p: ArgumentParser): void {
    p.addArgument({ flags: ['args'], metavar: 'app_label', nargs: '*' });
    p.addArgument({ flags: ['--tag', '-t'], action: 'append', dest: 'tags', help: 'Run only checks labeled with given tag.' });
    p.addArgument({
      flags: ['--list-tags'],
      action: 'store_true',
      help: 'List available tags. Specify --deploy to include available deployment tags.',
    });
    p.addArgument({ flags: ['--deploy'], action: 'store_true', help: 'Check deployment settings.' });
    p.addArgument({
      flags: ['--fail-level'],
      default: 'ERROR',
      choices: ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'],
      help: 'Message level that will cause the command to exit with a non-zero status. Default is ERROR.',
    });
    p.addArgument({
      flags: ['--database'],
      action: 'append',
      choices: ['default'],
      dest: 'databases',
      help: 'Run database related checks against these aliases.',
    });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    const deploy = !!options['deploy'];
    if (options['list_tags']) {
      ctx.stdout.write(tagsAvailable(ctx.project, deploy).join('\n'));
      return;
    }
    const labels = (options['args'] as string[] | null) ?? [];
    let appLabels: string[] | null = null;
    if (labels.length) {
      appLabels = labels.map((label) => {
        if (ctx.project.appConfig(label)) return label;
        let message = `No installed app with label '${label}'.`;
        const byName = ctx.project.appConfigs.find((a) => a.name === label);
        if (byName) message += ` Did you mean '${byName.label}'?`;
        const e = pyError(LookupError, message);
        const keyError = pyError(KeyError, label);
        keyError.traceback = [{ file: DJANGO_REGISTRY, line: 158, name: 'get_app_config', source: 'return self.app_configs[app_label]' }];
        e.context = keyError;
        throw e;
      });
    }
    const tags = (options['tags'] as string[] | null) ?? null;
    if (tags) {
      const available = tagsAvailable(ctx.project, deploy);
      const invalid = tags.find((t) => !available.includes(t));
      if (invalid !== undefined) throw commandError(`There is no system check with the "${invalid}" tag.`);
    }
    const databases = options['databases'] as string[] | null;
    this.check(ctx, {
      appLabels,
      tags,
      displayNumErrors: true,
      includeDeploymentChecks: deploy,
      failLevel: LEVELS[String(options['fail_level'])] ?? ERROR,
      databases: !!databases && databases.length > 0,
    });
  }
}
