import { describe, expect, test } from 'vitest';
import {
  InteractiveMigrationQuestioner,
  MigrationQuestioner,
  NonInteractiveMigrationQuestioner,
  QuestionerExit,
} from '../../../src/engine/autodetector/questioner.ts';
import { KeyboardInterruptClass, None, PyException, pyError } from '../../../src/engine/python/objects.ts';
import { NOT_PROVIDED } from '../../../src/engine/state/fields/field.ts';
import { ScriptedIO, int, model } from './helpers.ts';

const make = (answers: (string | 'INTERRUPT')[], opts: { dryRun?: boolean } = {}) => {
  const queue = [...answers];
  const io = new ScriptedIO([]);
  io.readLine = async () => {
    const a = queue.shift();
    if (a === undefined) return null;
    if (a === 'INTERRUPT') throw pyError(KeyboardInterruptClass);
    return a;
  };
  const q = new InteractiveMigrationQuestioner({ io, evaluate: (s) => (s === '42' ? 42n : s), dryRun: opts.dryRun });
  return { io, q };
};

describe('InteractiveMigrationQuestioner', () => {
  test('menu answers are parsed like int(): whitespace and sign allowed, range checked', async () => {
    const { io, q } = make(['0', 'x', '1_', '+4', ' +2 ']);
    expect(await q.askNotNullAlteration('f', 'm')).toBe(NOT_PROVIDED);
    expect(io.output.endsWith('Select an option: ' + 'Please select a valid option: '.repeat(4))).toBe(true);
  });

  test('not-null alteration: 3 quits with status 3', async () => {
    const { q } = make(['3']);
    await expect(q.askNotNullAlteration('f', 'm')).rejects.toMatchObject({ exitCode: 3 });
  });

  test('empty code without a default asks again', async () => {
    const { io, q } = make(['1', '', '42']);
    expect(await q.askNotNullAddition('f', 'm')).toBe(42n);
    expect(io.output.endsWith(">>> Please enter some code, or 'exit' (without quotes) to exit.\n>>> ")).toBe(true);
  });

  test('Ctrl-C at a menu or at >>> cancels with status 1', async () => {
    const a = make(['INTERRUPT']);
    const e1 = await a.q.askNotNullAddition('f', 'm').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(QuestionerExit);
    expect((e1 as QuestionerExit).exitCode).toBe(1);
    expect(a.io.output.endsWith('Select an option: \nCancelled.\n')).toBe(true);
    const b = make(['1', 'INTERRUPT']);
    const e2 = await b.q.askNotNullAddition('f', 'm').catch((e: unknown) => e);
    expect((e2 as QuestionerExit).exitCode).toBe(1);
    expect(b.io.output.endsWith('>>> \nCancelled.\n')).toBe(true);
  });

  test('Ctrl-C at a yes/no question is not caught (a KeyboardInterrupt traceback)', async () => {
    const { q } = make(['INTERRUPT']);
    const e = await q.askRename('m', 'a', 'b', int()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PyException);
    expect((e as PyException).matches(KeyboardInterruptClass)).toBe(true);
  });

  test('QuestionerExit is a Python SystemExit', () => {
    const e = new QuestionerExit(3);
    expect(e.lastLine).toBe('SystemExit: 3');
  });

  test('--dry-run: no questions, None', async () => {
    const { io, q } = make([], { dryRun: true });
    expect(await q.askNotNullAddition('f', 'm')).toBe(None);
    expect(await q.askNotNullAlteration('f', 'm')).toBe(None);
    expect(await q.askAutoNowAddAddition('f', 'm')).toBe(None);
    expect(await q.askUniqueCallableDefaultAddition('f', 'm')).toBe(None);
    expect(io.output).toBe('');
  });

  test('rename model question', async () => {
    const { io, q } = make(['Y']);
    expect(await q.askRenameModel(model('shop', 'Item', []), model('shop', 'Product', []))).toBe(true);
    expect(io.output).toBe('Was the model shop.Item renamed to Product? [y/N] ');
  });
});

describe('NonInteractiveMigrationQuestioner', () => {
  test('messages and answers', async () => {
    const log: string[] = [];
    const q = new NonInteractiveMigrationQuestioner({ log: (m) => log.push(m) });
    expect(await q.askNotNullAlteration('email', 'student')).toBe(NOT_PROVIDED);
    await expect(q.askAutoNowAddAddition('joined', 'customer')).rejects.toMatchObject({ exitCode: 3 });
    expect(await q.askRename('m', 'a', 'b', int())).toBe(false);
    expect(await q.askUniqueCallableDefaultAddition('f', 'm')).toBe(None);
    expect(log).toEqual([
      "Field 'email' on model 'student' given a default of NOT PROVIDED and must be corrected.",
      "Field 'joined' on model 'customer' not migrated: it is impossible to add a field with 'auto_now_add=True' without specifying a default.",
    ]);
    const quiet: string[] = [];
    const q0 = new NonInteractiveMigrationQuestioner({ log: (m) => quiet.push(m), verbosity: 0 });
    await expect(q0.askNotNullAddition('f', 'm')).rejects.toBeInstanceOf(QuestionerExit);
    expect(quiet).toEqual([]);
  });
});

describe('askInitial', () => {
  test('specified apps, migrations packages, defaults', async () => {
    const status = { a: { files: ['__init__.py'] }, b: { files: ['__init__.py', '0001_initial.py'] }, c: { files: ['__init__.py', 'README.txt', '__pycache__'] } } as const;
    const q = new MigrationQuestioner({ specifiedApps: ['b'], migrationsModule: (app) => (app in status ? status[app as keyof typeof status] : app === 'd' ? 'not-importable' : app === 'e' ? 'multi-path' : 'no-app') });
    expect(await q.askInitial('a')).toBe(true);
    expect(await q.askInitial('b')).toBe(true);
    expect(await q.askInitial('c')).toBe(true);
    expect(await q.askInitial('d')).toBe(false);
    expect(await q.askInitial('e')).toBe(false);
    const q2 = new MigrationQuestioner({ defaults: { ask_initial: true }, migrationsModule: () => 'not-importable' });
    expect(await q2.askInitial('d')).toBe(true);
    const q3 = new MigrationQuestioner({ migrationsModule: () => ({ files: ['__init__.py', '0001_x.py'] }) });
    expect(await q3.askInitial('x')).toBe(false);
  });
});
