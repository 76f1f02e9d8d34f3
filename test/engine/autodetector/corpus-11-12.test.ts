/**
 * 11-alter-field (AlterField and the null → not null question) and 12-rename-field-model
 * (RenameField / RenameModel questions, db_column rename trick).
 */
import { describe, expect, test } from 'vitest';
import { InteractiveMigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import type { PyValue } from '../../../src/engine/python/objects.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { ScriptedIO, apply, char, detect, field, fk, int, m2m, model, ops, state, summary } from './helpers.ts';

function evaluate(source: string): PyValue {
  if (/^'[^']*'$/.test(source)) return source.slice(1, -1);
  throw new Error(source);
}
const interactive = (answers: string[]) => {
  const io = new ScriptedIO(answers);
  return { io, q: new InteractiveMigrationQuestioner({ io, evaluate, defaults: { ask_initial: true } }) };
};

describe('11-alter-field', () => {
  type Spec = Record<string, () => Field>;
  const base: Spec = {
    name: () => char(50),
    email: () => char(100, { null: true }),
    age: () => int(),
    notes: () => field('TextField', { null: true }),
    code: () => char(10),
    nickname: () => char(30, { null: true }),
    grade: () => char(2),
  };
  const steps: Spec[] = [base];
  steps[1] = { ...base, name: () => char(120), email: () => char(100) };
  steps[2] = { ...steps[1], code: () => char(10, { db_index: true }) };
  steps[3] = { ...steps[1], email: () => char(100, { unique: true }), code: () => char(10, { unique: true }) };
  steps[4] = { ...steps[3], age: () => field('BigIntegerField'), notes: () => char(500, { null: true }), grade: () => int() };
  steps[5] = { ...steps[4], nickname: () => char(30) };
  steps[6] = { ...steps[5], email: () => char(100, { unique: true, null: true }) };
  const student = (i: number) => state(['school'], model('school', 'Student', Object.entries(steps[i]!).map(([n, f]) => [n, f()])));

  const graph = new MigrationGraph();
  let history = state(['school']);
  const expected: [string, string[], string[]][] = [
    ['0001_initial', [], []],
    ['0002_alter_student_email_alter_student_name', ['1', "'unknown@example.com'"], ['Alter field email on student', 'Alter field name on student']],
    ['0003_alter_student_code', [], ['Alter field code on student']],
    ['0004_alter_student_code_alter_student_email', [], ['Alter field code on student', 'Alter field email on student']],
    ['0005_alter_student_age_alter_student_grade_and_more', [], ['Alter field age on student', 'Alter field grade on student', 'Alter field notes on student']],
    ['0006_alter_student_nickname', ['2'], ['Alter field nickname on student']],
    ['0007_alter_student_email', [], ['Alter field email on student']],
  ];
  const NOT_NULL = (f: string) =>
    `It is impossible to change a nullable field '${f}' on student to non-nullable without providing a default. This is because the database needs something to populate existing rows.\n` +
    'Please select a fix:\n' +
    ' 1) Provide a one-off default now (will be set on all existing rows with a null value for this column)\n' +
    ' 2) Ignore for now. Existing rows that contain NULL values will have to be handled manually, for example with a RunPython or RunSQL operation.\n' +
    ' 3) Quit and manually define a default value in models.py.\n' +
    'Select an option: ';

  test.each(expected.map((e, i) => [i, ...e] as const))('step %i: %s', async (i, name, answers, descriptions) => {
    const { io, q } = interactive([...answers]);
    const changes = await detect(history, student(i), { graph, questioner: q });
    const m = changes.get('school')![0]!;
    expect(m.name).toBe(name);
    if (i > 0) expect(m.operations.map((o) => o.describe())).toEqual(descriptions);
    if (i === 1) {
      expect(io.output).toBe(
        NOT_NULL('email') +
          'Please enter the default value as valid Python.\n' +
          'The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.\n' +
          "Type 'exit' to exit this prompt\n>>> ",
      );
      expect(ops(m.operations)).toEqual([
        "AlterField(model_name='student', name='email', field=CharField(default='unknown@example.com', max_length=100), preserve_default=False)",
        "AlterField(model_name='student', name='name', field=CharField(max_length=120))",
      ]);
    }
    if (i === 5) {
      expect(io.output).toBe(NOT_NULL('nickname'));
      expect(ops(m.operations)).toEqual(["AlterField(model_name='student', name='nickname', field=CharField(max_length=30))"]);
    }
    if (i !== 1 && i !== 5) expect(io.output).toBe('');
    history = apply(history, changes, graph);
  });

  test('nothing left', async () => {
    expect((await detect(history, student(6), { graph })).size).toBe(0);
  });
});

describe('12-rename-field-model', () => {
  const garage = (step: number) => {
    const carName = step >= 2 ? 'Vehicle' : 'Car';
    const carKey = `garage.${carName.toLowerCase()}`;
    const car: [string, Field][] = [
      ['model_name', char(50)],
      [step >= 1 ? 'production_year' : 'year', int()],
      [step >= 3 ? 'alias' : 'nickname', char(30, { null: true, blank: true })],
      [step >= 4 ? 'color' : 'colour', step >= 4 ? char(20, { db_column: 'colour' }) : char(20)],
      ['mechanics', m2m('garage.mechanic', { blank: true })],
    ];
    return state(
      ['garage'],
      model('garage', 'Mechanic', [['name', char(50)]]),
      model('garage', carName, car),
      model('garage', 'Driver', [['name', char(50)], [step >= 2 ? 'vehicle' : 'car', fk(carKey)]]),
    );
  };
  const graph = new MigrationGraph();
  let history = state(['garage']);

  test('initial', async () => {
    const c = await detect(history, garage(0), { graph });
    expect(summary(c).garage![0]!.ops).toEqual(['Create model Car', 'Create model Mechanic', 'Create model Driver', 'Add field mechanics to car']);
    history = apply(history, c, graph);
  });

  test('field rename, answered y', async () => {
    const { io, q } = interactive(['y']);
    const c = await detect(history, garage(1), { graph, questioner: q });
    expect(io.output).toBe('Was car.year renamed to car.production_year (a IntegerField)? [y/N] ');
    expect(summary(c)).toEqual({
      garage: [{ name: '0002_rename_year_car_production_year', initial: false, deps: ['garage.0001_initial'], ops: ['Rename field year on car to production_year'] }],
    });
    history = apply(history, c, graph);
  });

  test('model rename and FK rename, both y', async () => {
    const { io, q } = interactive(['y', 'y']);
    const c = await detect(history, garage(2), { graph, questioner: q });
    expect(io.output).toBe('Was the model garage.Car renamed to Vehicle? [y/N] Was driver.car renamed to driver.vehicle (a ForeignKey)? [y/N] ');
    expect(summary(c).garage![0]!.name).toBe('0003_rename_car_vehicle_rename_car_driver_vehicle');
    expect(ops(c.get('garage')![0]!.operations)).toEqual([
      "RenameModel(old_name='Car', new_name='Vehicle')",
      "RenameField(model_name='driver', old_name='car', new_name='vehicle')",
    ]);
    history = apply(history, c, graph);
  });

  test('field rename answered n: remove + add', async () => {
    const { io, q } = interactive(['n']);
    const c = await detect(history, garage(3), { graph, questioner: q });
    expect(io.output).toBe('Was vehicle.nickname renamed to vehicle.alias (a CharField)? [y/N] ');
    expect(summary(c).garage![0]).toEqual({
      name: '0004_remove_vehicle_nickname_vehicle_alias',
      initial: false,
      deps: ['garage.0003_rename_car_vehicle_rename_car_driver_vehicle'],
      ops: ['Remove field nickname from vehicle', 'Add field alias to vehicle'],
    });
    history = apply(history, c, graph);
  });

  test('rename keeping the column with db_column: AlterField then RenameField', async () => {
    const { io, q } = interactive(['y']);
    const c = await detect(history, garage(4), { graph, questioner: q });
    expect(io.output).toBe('Was vehicle.colour renamed to vehicle.color (a CharField)? [y/N] ');
    expect(summary(c).garage![0]!.name).toBe('0005_alter_vehicle_colour_rename_colour_vehicle_color');
    expect(ops(c.get('garage')![0]!.operations)).toEqual([
      "AlterField(model_name='vehicle', name='colour', field=CharField(db_column='colour', max_length=20))",
      "RenameField(model_name='vehicle', old_name='colour', new_name='color')",
    ]);
    history = apply(history, c, graph);
    expect((await detect(history, garage(4), { graph })).size).toBe(0);
  });

  test('empty answer means no; other answers re-prompt', async () => {
    const { io, q } = interactive(['maybe', '', 'Yes please']);
    const c = await detect(history, garage(4), { graph, questioner: q }).then(() =>
      detect(state(['g'], model('g', 'A', [['x', int()]])), state(['g'], model('g', 'A', [['y', int()]])), { questioner: q }),
    );
    // First answer 'maybe' is not yes/no: re-prompt; '' after a re-prompt re-prompts again; 'Yes please' → y.
    expect(io.output).toBe('Was a.x renamed to a.y (a IntegerField)? [y/N] Please answer yes or no: Please answer yes or no: ');
    expect(c.get('g')![0]!.operations.map((o) => o.describe())).toEqual(['Rename field x on a to y']);
  });
});
