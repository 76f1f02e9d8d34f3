/**
 * `manage.py` itself (django.core.management.ManagementUtility): load the project, find the
 * command, parse its arguments, run it, and turn errors into Django's output and exit status.
 */
import type { ManageContext } from '../api.ts';
import { Project } from '../project/project.ts';
import { PyException, strRepr } from '../python/objects.ts';
import { getCloseMatches } from '../python/difflib.ts';
import { PostgresSchemaEditor } from '../db/postgres/schema-editor.ts';
import type { RunnableSchemaEditor, SchemaEditorFactory } from '../executor/executor.ts';
import { ArgumentError } from './argparse.ts';
import { type BaseCommand, type CommandContext, Output, exitCodeOf, isCommandError, isSystemExit } from './base.ts';
import { formatTraceback, toPythonException, uncaughtExitStatus } from './errors.ts';
import { InspectDbCommand } from './inspectdb.ts';
import { CheckCommand } from './check.ts';
import { MakeMigrationsCommand } from './makemigrations.ts';
import { MigrateCommand } from './migrate.ts';
import { ShellCommand } from './shell.ts';
import { OptimizeMigrationCommand } from './optimizemigration.ts';
import { ShowMigrationsCommand } from './showmigrations.ts';
import { SqlMigrateCommand } from './sqlmigrate.ts';
import { SquashMigrationsCommand } from './squashmigrations.ts';
import { SqlSequenceResetCommand } from './sqlsequencereset.ts';
import { SystemCheckError } from '../django/exceptions.ts';

const COMMANDS: Record<string, () => BaseCommand> = {
  check: () => new CheckCommand(),
  inspectdb: () => new InspectDbCommand(),
  makemigrations: () => new MakeMigrationsCommand(),
  migrate: () => new MigrateCommand(),
  shell: () => new ShellCommand(),
  optimizemigration: () => new OptimizeMigrationCommand(),
  showmigrations: () => new ShowMigrationsCommand(),
  sqlmigrate: () => new SqlMigrateCommand(),
  squashmigrations: () => new SquashMigrationsCommand(),
  sqlsequencereset: () => new SqlSequenceResetCommand(),
};

/** Commands Django has that the sandbox does not implement yet. */
const KNOWN_DJANGO_COMMANDS = [
  'dbshell',
  'inspectdb',
  'shell',
  'createsuperuser',
  'runserver',
  'startapp',
  'test',
  'flush',
  'dumpdata',
  'loaddata',
  'sqlflush',
  'diffsettings',
];

/** Schema editors for one command: the project's clock (frozen in scenarios), USE_TZ, TIME_ZONE and DEFAULT_INDEX_TABLESPACE. */
export function schemaEditorFactory(env: ManageContext['env'], useTz: boolean, defaultIndexTablespace = '', timeZone = 'UTC'): SchemaEditorFactory {
  return (conn, opts) => new PostgresSchemaEditor(conn, { ...opts, env, useTz, defaultIndexTablespace, timeZone }) as unknown as RunnableSchemaEditor;
}

/** Django's own management commands, and those of the contrib apps by app label. */
const DJANGO_CORE_COMMANDS = [
  'check', 'compilemessages', 'createcachetable', 'dbshell', 'diffsettings', 'dumpdata', 'flush', 'inspectdb', 'loaddata',
  'makemessages', 'makemigrations', 'migrate', 'optimizemigration', 'runserver', 'sendtestemail', 'shell', 'showmigrations',
  'sqlflush', 'sqlmigrate', 'sqlsequencereset', 'squashmigrations', 'startapp', 'startproject', 'test', 'testserver',
];
const CONTRIB_COMMANDS: Record<string, string[]> = {
  auth: ['changepassword', 'createsuperuser'],
  contenttypes: ['remove_stale_contenttypes'],
  sessions: ['clearsessions'],
  staticfiles: ['collectstatic', 'findstatic', 'runserver'],
};

/**
 * A command the sandbox does not have: Django's own that are not implemented yet get a note;
 * anything else is ManagementUtility.fetch_command's "Unknown command", with the closest of
 * Django's command names (those of the installed contrib apps included) as a hint.
 */
function unknownCommand(name: string, project: Project, stderr: Output): number {
  if (KNOWN_DJANGO_COMMANDS.includes(name)) {
    stderr.write(`The '${name}' command is not supported yet by Django Migrations Lab.`);
    return 1;
  }
  const available = [...DJANGO_CORE_COMMANDS];
  for (const [label, names] of Object.entries(CONTRIB_COMMANDS)) {
    if (project.appConfig(label)?.name === `django.contrib.${label}`) available.push(...names);
  }
  const [match] = getCloseMatches(name, available);
  stderr.write(`Unknown command: ${strRepr(name)}${match ? `. Did you mean ${match}?` : ''}\nType 'manage.py help' for usage.`);
  return 1;
}

export function commandNames(): string[] {
  return Object.keys(COMMANDS).sort();
}

function mainHelp(): string {
  const lines = [
    '',
    "Type 'manage.py help <subcommand>' for help on a specific subcommand.",
    '',
    'Available subcommands:',
    '',
    '[django]',
    ...commandNames().map((n) => `    ${n}`),
  ];
  return lines.join('\n') + '\n';
}

export async function runCommandLine(argv: string[], mctx: ManageContext): Promise<number> {
  const stdout = new Output((t) => mctx.io.stdout(t));
  const stderr = new Output((t) => mctx.io.stderr(t));
  const project = new Project(mctx.fs, mctx.env, { stdout: (t) => mctx.io.stdout(t), stderr: (t) => mctx.io.stderr(t) });
  const printTraceback = (e: unknown) => {
    const exc = toPythonException(e);
    mctx.io.stderr(formatTraceback(exc, project));
    return uncaughtExitStatus(exc);
  };
  try {
    project.setup();
  } catch (e) {
    return printTraceback(e);
  }

  const name = argv[0];
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const sub = argv[1];
    if (name === 'help' && sub && COMMANDS[sub]) {
      stdout.write(COMMANDS[sub]!().createParser().help());
      return 0;
    }
    if (name === 'help' && sub) return unknownCommand(sub, project, stderr);
    stdout.write(mainHelp(), '');
    return 0;
  }
  if (name === 'version' || name === '--version') {
    stdout.write('5.2.18');
    return 0;
  }
  const factory = COMMANDS[name];
  if (!factory) {
    return unknownCommand(name, project, stderr);
  }
  const command = factory();
  const parser = command.createParser();
  let options;
  try {
    options = parser.parse(argv.slice(1));
  } catch (e) {
    if (e instanceof ArgumentError) {
      stderr.write(`${parser.usage()}\n${parser.prog}: error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (options['__help__']) {
    stdout.write(parser.help(), '');
    return 0;
  }
  if (options['__version__']) {
    stdout.write('5.2.18');
    return 0;
  }

  const makeSchemaEditor = schemaEditorFactory(mctx.env, project.settings.useTz, project.settings.str('DEFAULT_INDEX_TABLESPACE'), project.settings.timeZone);
  const ctx: CommandContext = { project, db: mctx.db, env: mctx.env, io: mctx.io, stdout, stderr, makeSchemaEditor };
  try {
    mctx.db.newSession(project.settings.libpqOptions);
    await command.execute(ctx, options);
    return 0;
  } catch (e) {
    if (isSystemExit(e)) return exitCodeOf(e);
    if (isCommandError(e)) {
      if (e.matches(SystemCheckError)) stderr.write(`SystemCheckError: ${e.message}`);
      else stderr.write(`${e.pyClass.name}: ${e.message}`);
      return exitCodeOf(e);
    }
    return printTraceback(e);
  }
}

export { PyException };
