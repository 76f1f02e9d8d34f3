/**
 * The makemigrations questioner (django.db.migrations.questioner): what the autodetector asks
 * when it can't decide alone — renames, one-off defaults for NOT NULL columns, auto_now_add,
 * unique fields with callable defaults, merges, initial migrations.
 *
 * Questions are asynchronous: the interactive questioner waits for lines of standard input. It
 * writes Django's prompts, menus and re-prompts byte for byte (prompts end without a newline, as
 * `OutputWrapper.write(..., ending="")` leaves them). Quitting is `sys.exit(3)` (`exit` at the
 * default prompt and Ctrl-C are `sys.exit(1)`): a `QuestionerExit`, which is a Python SystemExit
 * carrying `exitCode`. End of input where Django calls `input()` raises Python's EOFError.
 */
import {
  EOFError,
  ExceptionClass,
  KeyboardInterruptClass,
  PyException,
  type PyValue,
  None,
  SystemExitClass,
  exceptionMessage,
  newException,
  pyError,
} from '../python/objects.ts';
import { NOT_PROVIDED } from '../state/fields/field.ts';
import type { Field } from '../state/fields/field.ts';
import type { ModelState } from '../state/model-state.ts';

/** The Django documentation version in links (django.utils.version.get_docs_version()). */
export const DOCS_VERSION = '5.2';

/** Python's builtin EOFError (what `input()` raises at end of input). */
export const EOFErrorClass = EOFError;

/** `sys.exit(code)` raised by the questioner: a Python SystemExit with the status to exit with. */
export class QuestionerExit extends PyException {
  readonly exitCode: number;
  constructor(code: number) {
    super(newException(SystemExitClass, BigInt(code)));
    this.exitCode = code;
  }
}

/** The terminal the interactive questioner talks to. */
export interface QuestionerIO {
  /** Text exactly as written (prompts have no trailing newline). */
  write(text: string): void;
  /** The next line of input without its newline; null at end of input. May throw a Python KeyboardInterrupt. */
  readLine(): Promise<string | null>;
}

/**
 * What `ask_initial` learns about an app's migrations package:
 * `'no-app'` (not an installed app), `'disabled'` (MIGRATION_MODULES maps it to None),
 * `'not-importable'` (no migrations package), `'multi-path'` (a namespace package spread over
 * several directories), or the file names in the package's directory.
 */
export type MigrationsModuleStatus = 'no-app' | 'disabled' | 'not-importable' | 'multi-path' | { files: readonly string[] };

export interface QuestionerDefaults {
  ask_initial?: boolean;
  ask_rename?: boolean;
  ask_rename_model?: boolean;
  ask_merge?: boolean;
}

export interface MigrationQuestionerOptions {
  defaults?: QuestionerDefaults;
  /** App labels given on the command line (they always get an initial migration). */
  specifiedApps?: Iterable<string>;
  dryRun?: boolean;
  /** Looks at an app's migrations package for `askInitial`; without it, `defaults.ask_initial` decides. */
  migrationsModule?: (appLabel: string) => MigrationsModuleStatus;
}

/**
 * The base questioner: answers from `defaults` without asking (Django's MigrationQuestioner).
 * `null`-ish answers follow Django: `None` means "quit" for the addition questions, and
 * `NOT_PROVIDED` from `askNotNullAlteration` means "ignore for now".
 */
export class MigrationQuestioner {
  readonly defaults: QuestionerDefaults;
  readonly specifiedApps: Set<string>;
  readonly dryRun: boolean;
  protected readonly migrationsModule?: (appLabel: string) => MigrationsModuleStatus;

  constructor(opts: MigrationQuestionerOptions = {}) {
    this.defaults = opts.defaults ?? {};
    this.specifiedApps = new Set(opts.specifiedApps ?? []);
    this.dryRun = opts.dryRun ?? false;
    this.migrationsModule = opts.migrationsModule;
  }

  /** Should we create an initial migration for the app? */
  async askInitial(appLabel: string): Promise<boolean> {
    if (this.specifiedApps.has(appLabel)) return true;
    const status = this.migrationsModule ? this.migrationsModule(appLabel) : 'no-app';
    if (status === 'no-app' || status === 'disabled' || status === 'not-importable') return this.defaults.ask_initial ?? false;
    if (status === 'multi-path') return false;
    // Apps from the app template have a migrations package with only __init__.py.
    return !status.files.some((f) => f !== '__init__.py' && f.endsWith('.py'));
  }

  /** Adding a NOT NULL field to a model: the one-off default, or None to quit. */
  async askNotNullAddition(_fieldName: string, _modelName: string): Promise<PyValue> {
    return None;
  }

  /** Changing a NULL field to NOT NULL: the one-off default, NOT_PROVIDED to ignore, None to quit. */
  async askNotNullAlteration(_fieldName: string, _modelName: string): Promise<PyValue> {
    return None;
  }

  /** Was this field really renamed? */
  async askRename(_modelName: string, _oldName: string, _newName: string, _field: Field): Promise<boolean> {
    return this.defaults.ask_rename ?? false;
  }

  /** Was this model really renamed? */
  async askRenameModel(_oldModelState: ModelState, _newModelState: ModelState): Promise<boolean> {
    return this.defaults.ask_rename_model ?? false;
  }

  /** Should these migrations really be merged? */
  async askMerge(_appLabel: string): Promise<boolean> {
    return this.defaults.ask_merge ?? false;
  }

  /** Adding an auto_now_add field to a model: the one-off default, or None to quit. */
  async askAutoNowAddAddition(_fieldName: string, _modelName: string): Promise<PyValue> {
    return None;
  }

  /** Adding a unique field with a callable default: None means continue. */
  async askUniqueCallableDefaultAddition(_fieldName: string, _modelName: string): Promise<PyValue> {
    return None;
  }
}

export interface InteractiveQuestionerOptions extends MigrationQuestionerOptions {
  io: QuestionerIO;
  /**
   * Evaluates the one-off default typed at `>>> ` as Python, with `datetime` and
   * `django.utils.timezone` (as `timezone`) available; throws a PyException on errors.
   */
  evaluate: (source: string) => PyValue;
}

/** Python's int(str) for the menu answers: optional sign, digits with single underscores, surrounding whitespace. */
function parsePythonInt(s: string): bigint | null {
  const m = /^[\s]*([+-]?)(\d+(?:_\d+)*)[\s]*$/u.exec(s);
  if (!m) return null;
  const n = BigInt(m[2]!.replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

function isKeyboardInterrupt(e: unknown): boolean {
  return e instanceof PyException && e.matches(KeyboardInterruptClass);
}

/** The questioner makemigrations uses without --noinput (InteractiveMigrationQuestioner). */
export class InteractiveMigrationQuestioner extends MigrationQuestioner {
  private readonly io: QuestionerIO;
  private readonly evaluate: (source: string) => PyValue;

  constructor(opts: InteractiveQuestionerOptions) {
    super(opts);
    this.io = opts.io;
    this.evaluate = opts.evaluate;
  }

  /** OutputWrapper.write: adds the ending unless the text already ends with it. */
  private write(msg: string, ending = '\n'): void {
    this.io.write(ending && !msg.endsWith(ending) ? msg + ending : msg);
  }

  /** Python's input(): a line, or EOFError at end of input. */
  private async input(): Promise<string> {
    const line = await this.io.readLine();
    if (line === null) throw pyError(EOFErrorClass, 'EOF when reading a line');
    return line;
  }

  private async booleanInput(question: string, def: boolean | null = null): Promise<boolean> {
    this.write(`${question} `, '');
    let result = await this.input();
    if (!result && def !== null) return def;
    const first = (s: string) => ([...s][0] ?? '').toLowerCase();
    while (!result || !(first(result).length === 1 && 'yn'.includes(first(result)))) {
      this.write('Please answer yes or no: ', '');
      result = await this.input();
    }
    return first(result) === 'y';
  }

  private async choiceInput(question: string, choices: string[]): Promise<number> {
    this.write(question);
    choices.forEach((choice, i) => this.write(` ${i + 1}) ${choice}`));
    this.write('Select an option: ', '');
    for (;;) {
      let value: bigint | null;
      try {
        value = parsePythonInt(await this.input());
      } catch (e) {
        if (isKeyboardInterrupt(e)) {
          this.write('\nCancelled.');
          throw new QuestionerExit(1);
        }
        throw e;
      }
      if (value !== null && value > 0n && value <= BigInt(choices.length)) return Number(value);
      this.write('Please select a valid option: ', '');
    }
  }

  /** Prompts for a one-off default (Python source); `def` is offered and used on an empty answer. */
  private async askDefault(def = ''): Promise<PyValue> {
    this.write('Please enter the default value as valid Python.');
    if (def) this.write(`Accept the default '${def}' by pressing 'Enter' or provide another value.`);
    this.write('The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.');
    this.write("Type 'exit' to exit this prompt");
    for (;;) {
      this.write(def ? `[default: ${def}] >>> ` : '>>> ', '');
      let code: string;
      try {
        code = await this.input();
      } catch (e) {
        if (isKeyboardInterrupt(e)) {
          this.write('\nCancelled.');
          throw new QuestionerExit(1);
        }
        throw e;
      }
      if (!code && def) code = def;
      if (!code) {
        this.write("Please enter some code, or 'exit' (without quotes) to exit.");
      } else if (code === 'exit') {
        throw new QuestionerExit(1);
      } else {
        try {
          return this.evaluate(code);
        } catch (e) {
          if (e instanceof PyException && e.matches(ExceptionClass)) {
            this.write(`${e.value.cls.name}: ${exceptionMessage(e.value)}`);
          } else {
            throw e;
          }
        }
      }
    }
  }

  override async askNotNullAddition(fieldName: string, modelName: string): Promise<PyValue> {
    if (this.dryRun) return None;
    const choice = await this.choiceInput(
      `It is impossible to add a non-nullable field '${fieldName}' to ${modelName} without specifying a default. ` +
        'This is because the database needs something to populate existing rows.\nPlease select a fix:',
      [
        'Provide a one-off default now (will be set on all existing rows with a null value for this column)',
        'Quit and manually define a default value in models.py.',
      ],
    );
    if (choice === 2) throw new QuestionerExit(3);
    return this.askDefault();
  }

  override async askNotNullAlteration(fieldName: string, modelName: string): Promise<PyValue> {
    if (this.dryRun) return None;
    const choice = await this.choiceInput(
      `It is impossible to change a nullable field '${fieldName}' on ${modelName} to non-nullable without providing a default. ` +
        'This is because the database needs something to populate existing rows.\nPlease select a fix:',
      [
        'Provide a one-off default now (will be set on all existing rows with a null value for this column)',
        'Ignore for now. Existing rows that contain NULL values will have to be handled manually, for example with a RunPython or RunSQL operation.',
        'Quit and manually define a default value in models.py.',
      ],
    );
    if (choice === 2) return NOT_PROVIDED;
    if (choice === 3) throw new QuestionerExit(3);
    return this.askDefault();
  }

  override async askRename(modelName: string, oldName: string, newName: string, field: Field): Promise<boolean> {
    return this.booleanInput(`Was ${modelName}.${oldName} renamed to ${modelName}.${newName} (a ${field.pyClass.name})? [y/N]`, false);
  }

  override async askRenameModel(oldModelState: ModelState, newModelState: ModelState): Promise<boolean> {
    return this.booleanInput(`Was the model ${oldModelState.appLabel}.${oldModelState.name} renamed to ${newModelState.name}? [y/N]`, false);
  }

  override async askMerge(_appLabel: string): Promise<boolean> {
    return this.booleanInput(
      '\nMerging will only work if the operations printed above do not conflict\n' +
        'with each other (working on different fields or models)\n' +
        'Should these migration branches be merged? [y/N]',
      false,
    );
  }

  override async askAutoNowAddAddition(fieldName: string, modelName: string): Promise<PyValue> {
    if (this.dryRun) return None;
    const choice = await this.choiceInput(
      `It is impossible to add the field '${fieldName}' with 'auto_now_add=True' to ${modelName} without providing a default. ` +
        'This is because the database needs something to populate existing rows.\n',
      ['Provide a one-off default now which will be set on all existing rows', 'Quit and manually define a default value in models.py.'],
    );
    if (choice === 2) throw new QuestionerExit(3);
    return this.askDefault('timezone.now');
  }

  override async askUniqueCallableDefaultAddition(fieldName: string, modelName: string): Promise<PyValue> {
    if (this.dryRun) return None;
    const choice = await this.choiceInput(
      `Callable default on unique field ${modelName}.${fieldName} will not generate unique values upon migrating.\nPlease choose how to proceed:\n`,
      [
        'Continue making this migration as the first step in writing a manual migration to generate unique values described here: ' +
          `https://docs.djangoproject.com/en/${DOCS_VERSION}/howto/writing-migrations/#migrations-that-add-unique-fields.`,
        'Quit and edit field options in models.py.',
      ],
    );
    if (choice === 2) throw new QuestionerExit(3);
    return None;
  }
}

export interface NonInteractiveQuestionerOptions extends MigrationQuestionerOptions {
  verbosity?: number;
  /** makemigrations' `log` (stdout, or stderr with --scriptable); a newline is added like OutputWrapper. */
  log: (msg: string) => void;
}

/** The questioner for `makemigrations --noinput`. */
export class NonInteractiveMigrationQuestioner extends MigrationQuestioner {
  readonly verbosity: number;
  private readonly log: (msg: string) => void;

  constructor(opts: NonInteractiveQuestionerOptions) {
    super(opts);
    this.verbosity = opts.verbosity ?? 1;
    this.log = opts.log;
  }

  private logLackOfMigration(fieldName: string, modelName: string, reason: string): void {
    if (this.verbosity > 0) this.log(`Field '${fieldName}' on model '${modelName}' not migrated: ${reason}.`);
  }

  override async askNotNullAddition(fieldName: string, modelName: string): Promise<PyValue> {
    // We can't ask the user, so act like the user aborted.
    this.logLackOfMigration(fieldName, modelName, 'it is impossible to add a non-nullable field without specifying a default');
    throw new QuestionerExit(3);
  }

  override async askNotNullAlteration(fieldName: string, modelName: string): Promise<PyValue> {
    // We can't ask the user, so set as not provided.
    this.log(`Field '${fieldName}' on model '${modelName}' given a default of NOT PROVIDED and must be corrected.`);
    return NOT_PROVIDED;
  }

  override async askAutoNowAddAddition(fieldName: string, modelName: string): Promise<PyValue> {
    // We can't ask the user, so act like the user aborted.
    this.logLackOfMigration(fieldName, modelName, "it is impossible to add a field with 'auto_now_add=True' without specifying a default");
    throw new QuestionerExit(3);
  }
}
