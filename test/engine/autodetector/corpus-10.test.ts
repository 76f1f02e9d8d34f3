/**
 * 10-add-field-questioner: every question of AddField, with the exact prompts (stdout up to
 * "Migrations for ...") and the resulting operations.
 */
import { describe, expect, test } from 'vitest';
import {
  InteractiveMigrationQuestioner,
  NonInteractiveMigrationQuestioner,
  QuestionerExit,
} from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { NativeFunction, NameError, PyException, type PyValue, SyntaxErrorClass, None, pyError } from '../../../src/engine/python/objects.ts';
import { ScriptedIO, apply, char, detect, field, int, model, ops, state, summary } from './helpers.ts';

const timezoneNow = new NativeFunction('now', () => None, { module: 'django.utils.timezone', qualname: 'now' });
const uuid4 = new NativeFunction('uuid4', () => None, { module: 'uuid', qualname: 'uuid4' });

/** A stand-in for the Python evaluator of one-off defaults. */
function evaluate(source: string): PyValue {
  if (/^\d+$/.test(source)) return BigInt(source);
  if (/^'[^']*'$/.test(source)) return source.slice(1, -1);
  if (source === 'timezone.now') return timezoneNow;
  if (source === 'foo +') throw pyError(SyntaxErrorClass, 'invalid syntax (<string>, line 1)');
  if (/^[a-z_]+$/.test(source)) throw pyError(NameError, `name '${source}' is not defined`);
  throw new Error(`unexpected source ${source}`);
}

const customer = (step: number) => {
  const fields: [string, ReturnType<typeof char>][] = [['name', char(100)]];
  if (step >= 1) fields.push(['nickname', char(30, { null: true, blank: true })], ['city', char(50, { default: 'Springfield' })]);
  if (step >= 2) fields.push(['loyalty_points', int()]);
  if (step >= 3) fields.push(['joined', field('DateTimeField', { auto_now_add: true })]);
  if (step >= 4) fields.push(['token', field('UUIDField', { default: uuid4, unique: true })]);
  return state(['store'], model('store', 'Customer', fields));
};

const interactive = (answers: string[]) => {
  const io = new ScriptedIO(answers);
  return { io, q: new InteractiveMigrationQuestioner({ io, evaluate, defaults: { ask_initial: true } }) };
};

const NOT_NULL_PROMPT =
  "It is impossible to add a non-nullable field 'loyalty_points' to customer without specifying a default. This is because the database needs something to populate existing rows.\n" +
  'Please select a fix:\n' +
  ' 1) Provide a one-off default now (will be set on all existing rows with a null value for this column)\n' +
  ' 2) Quit and manually define a default value in models.py.\n' +
  'Select an option: ';

const ASK_DEFAULT =
  'Please enter the default value as valid Python.\n' +
  'The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.\n' +
  "Type 'exit' to exit this prompt\n";

describe('10-add-field-questioner', () => {
  const graph = new MigrationGraph();
  let history = state(['store']);

  test('initial, then nullable and defaulted fields need no question', async () => {
    const c1 = await detect(history, customer(0), { graph });
    expect(summary(c1)).toEqual({ store: [{ name: '0001_initial', initial: true, deps: [], ops: ['Create model Customer'] }] });
    history = apply(history, c1, graph);
    const { io, q } = interactive([]);
    const c2 = await detect(history, customer(1), { graph, questioner: q });
    expect(io.output).toBe('');
    expect(summary(c2)).toEqual({
      store: [
        {
          name: '0002_customer_city_customer_nickname',
          initial: false,
          deps: ['store.0001_initial'],
          ops: ['Add field city to customer', 'Add field nickname to customer'],
        },
      ],
    });
    expect(ops(c2.get('store')![0]!.operations)).toEqual([
      "AddField(model_name='customer', name='city', field=CharField(default='Springfield', max_length=50))",
      "AddField(model_name='customer', name='nickname', field=CharField(blank=True, max_length=30, null=True))",
    ]);
    history = apply(history, c2, graph);
  });

  test('--noinput refuses a NOT NULL field without default (exit 3)', async () => {
    const log: string[] = [];
    const q = new NonInteractiveMigrationQuestioner({ log: (m) => log.push(m), defaults: { ask_initial: true } });
    const err = await detect(history, customer(2), { graph, questioner: q }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuestionerExit);
    expect((err as QuestionerExit).exitCode).toBe(3);
    expect(log).toEqual(["Field 'loyalty_points' on model 'customer' not migrated: it is impossible to add a non-nullable field without specifying a default."]);
  });

  test('option 2 quits with status 3, the prompt left open', async () => {
    const { io, q } = interactive(['2']);
    const err = await detect(history, customer(2), { graph, questioner: q }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuestionerExit);
    expect((err as QuestionerExit).exitCode).toBe(3);
    expect(io.output).toBe(NOT_NULL_PROMPT);
  });

  test('invalid choice, bad Python, then the one-off default 0', async () => {
    const { io, q } = interactive(['3', '1', 'foo +', 'nope', '0']);
    const c = await detect(history, customer(2), { graph, questioner: q });
    expect(io.output).toBe(
      NOT_NULL_PROMPT +
        'Please select a valid option: ' +
        ASK_DEFAULT +
        '>>> SyntaxError: invalid syntax (<string>, line 1)\n' +
        ">>> NameError: name 'nope' is not defined\n" +
        '>>> ',
    );
    expect(summary(c).store![0]!.name).toBe('0003_customer_loyalty_points');
    expect(ops(c.get('store')![0]!.operations)).toEqual([
      "AddField(model_name='customer', name='loyalty_points', field=IntegerField(default=0), preserve_default=False)",
    ]);
    history = apply(history, c, graph);
    // preserve_default=False: the state keeps no default.
    expect(history.getModelState('store', 'customer').fields.get('loyalty_points')!.hasDefault()).toBe(false);
  });

  const AUTO_NOW_PROMPT =
    "It is impossible to add the field 'joined' with 'auto_now_add=True' to customer without providing a default. This is because the database needs something to populate existing rows.\n" +
    ' 1) Provide a one-off default now which will be set on all existing rows\n' +
    ' 2) Quit and manually define a default value in models.py.\n' +
    'Select an option: ' +
    'Please enter the default value as valid Python.\n' +
    "Accept the default 'timezone.now' by pressing 'Enter' or provide another value.\n" +
    'The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.\n' +
    "Type 'exit' to exit this prompt\n" +
    '[default: timezone.now] >>> ';

  test("auto_now_add: 'exit' leaves with status 1", async () => {
    const { io, q } = interactive(['1', 'exit']);
    const err = await detect(history, customer(3), { graph, questioner: q }).catch((e: unknown) => e);
    expect((err as QuestionerExit).exitCode).toBe(1);
    expect(io.output).toBe(AUTO_NOW_PROMPT);
  });

  test('auto_now_add: Enter accepts timezone.now', async () => {
    const { io, q } = interactive(['1', '']);
    const c = await detect(history, customer(3), { graph, questioner: q });
    expect(io.output).toBe(AUTO_NOW_PROMPT);
    expect(summary(c).store![0]!.name).toBe('0004_customer_joined');
    expect(ops(c.get('store')![0]!.operations)).toEqual([
      "AddField(model_name='customer', name='joined', field=DateTimeField(auto_now_add=True, default=now), preserve_default=False)",
    ]);
    history = apply(history, c, graph);
  });

  test('unique field with a callable default asks to continue', async () => {
    const { io, q } = interactive(['1']);
    const c = await detect(history, customer(4), { graph, questioner: q });
    expect(io.output).toBe(
      'Callable default on unique field customer.token will not generate unique values upon migrating.\n' +
        'Please choose how to proceed:\n' +
        ' 1) Continue making this migration as the first step in writing a manual migration to generate unique values described here: https://docs.djangoproject.com/en/5.2/howto/writing-migrations/#migrations-that-add-unique-fields.\n' +
        ' 2) Quit and edit field options in models.py.\n' +
        'Select an option: ',
    );
    expect(ops(c.get('store')![0]!.operations)).toEqual(["AddField(model_name='customer', name='token', field=UUIDField(default=uuid4, unique=True))"]);
    history = apply(history, c, graph);
    // makemigrations --check afterwards: no changes.
    expect((await detect(history, customer(4), { graph })).size).toBe(0);
  });

  test('end of input raises EOFError', async () => {
    const { q } = interactive([]);
    const err = await detect(history, customer(4).clone(), { graph, questioner: q })
      .then(() => detect(state(['store'], model('store', 'Customer', [['name', char(100)], ['x', int()]])), state(['store'], model('store', 'Customer', [['name', char(100)], ['x', int()], ['y', int()]])), { questioner: q }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PyException);
    expect((err as PyException).lastLine).toBe('EOFError: EOF when reading a line');
  });
});
