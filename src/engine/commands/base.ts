/**
 * Management command plumbing (django.core.management.base): options every command takes,
 * output wrappers, system checks before `handle`, and how errors end a command.
 */
import type { CommandIO } from '../api.ts';
import type { Connection } from '../db/types.ts';
import type { Env } from '../env.ts';
import type { SchemaEditorFactory } from '../executor/executor.ts';
import type { Project } from '../project/project.ts';
import { PyException, SystemExitClass, pyError } from '../python/objects.ts';
import { CommandError, SystemCheckError } from '../django/exceptions.ts';
import { formatIssues } from '../checks/messages.ts';
import { runChecks } from '../checks/run.ts';
import { type ArgValue, ArgumentParser } from './argparse.ts';

/** OutputWrapper.write: appends the ending unless the text already ends with it. */
export class Output {
  constructor(private readonly sink: (text: string) => void) {}
  write(msg = '', ending = '\n'): void {
    if (ending && !msg.endsWith(ending)) msg += ending;
    this.sink(msg);
  }
}

export type Options = Record<string, ArgValue>;

export interface CommandContext {
  project: Project;
  db: Connection;
  env: Env;
  io: CommandIO;
  stdout: Output;
  stderr: Output;
  makeSchemaEditor: SchemaEditorFactory;
}

/** BaseCommand.check's arguments. */
export interface CheckOptions {
  appLabels?: string[] | null;
  tags?: string[] | null;
  displayNumErrors?: boolean;
  includeDeploymentChecks?: boolean;
  /** checks.ERROR unless given (`check --fail-level`). */
  failLevel?: number;
  databases?: boolean;
}

export abstract class BaseCommand {
  abstract readonly name: string;
  help = '';
  /** Run the system checks before handle (Django's requires_system_checks = '__all__'). */
  requiresSystemChecks = true;
  /** The system checks include the database ones (`migrate` checks with `databases=[database]`). */
  checkDatabases = false;
  /** Wrap the returned output in BEGIN;/COMMIT; (sqlmigrate of an atomic migration). */
  outputTransaction = false;

  addArguments(_parser: ArgumentParser): void {}

  abstract handle(ctx: CommandContext, options: Options): Promise<string | void>;

  createParser(): ArgumentParser {
    const parser = new ArgumentParser(`manage.py ${this.name}`, this.help);
    parser.addArgument({ flags: ['-h', '--help'], action: 'help', help: 'show this help message and exit' });
    this.addArguments(parser);
    parser.addArgument({ flags: ['--version'], action: 'version', help: "Show program's version number and exit." });
    parser.addArgument({
      flags: ['-v', '--verbosity'],
      default: 1,
      type: 'int',
      choices: [0, 1, 2, 3],
      help: 'Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output',
    });
    parser.addArgument({
      flags: ['--settings'],
      help: 'The Python path to a settings module, e.g. "myproject.settings.main". If this isn\'t provided, the DJANGO_SETTINGS_MODULE environment variable will be used.',
    });
    parser.addArgument({
      flags: ['--pythonpath'],
      help: 'A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".',
    });
    parser.addArgument({ flags: ['--traceback'], action: 'store_true', help: 'Display a full stack trace on CommandError exceptions.' });
    parser.addArgument({ flags: ['--no-color'], action: 'store_true', help: "Don't colorize the command output." });
    parser.addArgument({ flags: ['--force-color'], action: 'store_true', help: 'Force colorization of the command output.' });
    if (this.requiresSystemChecks) {
      parser.addArgument({ flags: ['--skip-checks'], action: 'store_true', help: 'Skip system checks.' });
    }
    return parser;
  }

  /** BaseCommand.execute: checks, handle, output. */
  async execute(ctx: CommandContext, options: Options): Promise<void> {
    if (options['force_color'] && options['no_color']) {
      throw pyError(CommandError, "The --no-color and --force-color options can't be used together.");
    }
    if (this.requiresSystemChecks && !options['skip_checks']) this.check(ctx);
    const output = await this.handle(ctx, options);
    if (output) {
      const text = this.outputTransaction ? `BEGIN;\n${output}\nCOMMIT;` : output;
      ctx.stdout.write(text);
    }
  }

  /** BaseCommand.check: warnings go to stderr, errors stop the command (SystemCheckError). */
  check(ctx: CommandContext, opts: CheckOptions = {}): void {
    const issues = runChecks(ctx.project, {
      appLabels: opts.appLabels ?? null,
      tags: opts.tags ?? null,
      includeDeploymentChecks: opts.includeDeploymentChecks ?? false,
      databases: opts.databases ?? this.checkDatabases,
    });
    const report = formatIssues(issues, ctx.project.settings.silencedSystemChecks, opts);
    if (report.serious) throw pyError(SystemCheckError, report.text.replace(/^SystemCheckError: /, ''));
    if (report.text) {
      if (report.visible) ctx.stderr.write(report.text);
      else ctx.stdout.write(report.text);
    }
  }
}

/** `raise CommandError(msg)` */
export function commandError(msg: string): PyException {
  return pyError(CommandError, msg);
}

/** `sys.exit(code)` */
export function systemExit(code: number): PyException {
  const e = pyError(SystemExitClass, String(code));
  (e as PyException & { exitCode?: number }).exitCode = code;
  return e;
}

export function exitCodeOf(e: PyException): number {
  return (e as PyException & { exitCode?: number }).exitCode ?? 1;
}

export function isCommandError(e: unknown): e is PyException {
  return e instanceof PyException && e.matches(CommandError);
}

export function isSystemExit(e: unknown): e is PyException {
  return e instanceof PyException && e.matches(SystemExitClass);
}

