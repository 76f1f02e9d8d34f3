/**
 * OperationWriter/MigrationWriter layouts the corpus does not show, against files written by the
 * real Django 5.2 MigrationWriter (include_header=False): nested operations in
 * SeparateDatabaseAndState, RunSQL/RunPython, functions from other migration files (the manual
 * porting comment), a custom operation class, bases and managers, swappable dependencies,
 * replaces.
 */
import { describe, expect, it } from 'vitest';
import { NativeFunction, None, PyClass, PySet, PyStaticMethod, type PyValue, call, objectClass } from '../../../src/engine/python/objects.ts';
import { Dependency } from '../../../src/engine/migrations/migration.ts';
import { MigrationWriter, OperationWriter } from '../../../src/engine/migrations/writer.ts';
import { type Operation, OperationBaseClass, makeOp } from '../../../src/engine/operations/base.ts';
import { AlterField, RenameField } from '../../../src/engine/operations/fields.ts';
import {
  AlterIndexTogetherClass,
  AlterModelManagersClass,
  AlterModelTable,
  AlterOrderWithRespectTo,
  CreateModel,
  CreateModelClass,
  DeleteModel,
} from '../../../src/engine/operations/models.ts';
import { RunPythonClass, RunSQLClass, SeparateDatabaseAndStateClass } from '../../../src/engine/operations/special.ts';
import { bigId, dict, field, list, migration, opts, tuple } from './writer-fixtures.ts';
import * as X from './serializer-fakes.ts';

const kw = (rec: Record<string, PyValue>) => new Map(Object.entries(rec));

/** A Python class deriving from migrations.operations.base.Operation, defined in myapp/ops.py. */
function customOperation(): PyValue {
  const codeClass = new PyClass('code');
  const fnClass = new PyClass('function');
  const init = new X.Fake(fnClass, {
    __code__: new X.Fake(codeClass, { co_varnames: tuple('self', 'name', 'items', 'flag'), co_argcount: 4n, co_posonlyargcount: 0n }),
  });
  const MyOp = new PyClass('MyOp', { module: 'myapp.ops', bases: [OperationBaseClass] });
  MyOp.dict.set('__init__', init);
  MyOp.dict.set('serialization_expand_args', list('items'));
  return new X.Fake(MyOp, {}, '<MyOp>', {
    deconstruct: () => tuple('MyOp', list('n'), dict({ items: list(1n, 'two', tuple(3n)), flag: true })),
  });
}

const EXPECTED_0002 = `import django.db.migrations.operations.special
import django.db.models.manager
import myapp.models
import myapp.ops
from django.conf import settings
from django.db import migrations, models


# Functions from the following migrations need manual copying.
# Move them and any dependencies into this file, then update the
# RunPython operations to refer to the local versions:
# people.migrations.0003_combine

class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql='ALTER TABLE a RENAME TO b',
                    reverse_sql='',
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='B',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ],
                    options={
                        'db_table': 'b',
                    },
                ),
                migrations.DeleteModel(
                    name='A',
                ),
            ],
        ),
        migrations.RunPython(
            code=people.migrations.0003_combine.forwards,
            reverse_code=django.db.migrations.operations.special.RunPython.noop,
        ),
        migrations.RunSQL(
            sql=['INSERT INTO x VALUES (1)', ('INSERT INTO x VALUES (%s)', [2])],
        ),
        myapp.ops.MyOp(
            name='n',
            items=[
                1,
                'two',
                (3,),
            ],
            flag=True,
        ),
        migrations.CreateModel(
            name='C',
            fields=[
                ('id', models.AutoField(primary_key=True)),
            ],
            bases=(myapp.models.Mixin, models.Model),
            managers=[
                ('objects', myapp.models.MyManager()),
                ('qs', myapp.models.QS.as_manager()),
            ],
        ),
        migrations.AlterModelManagers(
            name='c',
            managers=[
                ('people', django.db.models.manager.Manager()),
            ],
        ),
        migrations.AlterOrderWithRespectTo(
            name='c',
            order_with_respect_to='b',
        ),
        migrations.AlterModelTable(
            name='c',
            table=None,
        ),
        migrations.RenameField(
            model_name='c',
            old_name='a',
            new_name='b',
        ),
        migrations.AlterIndexTogether(
            name='c',
            index_together={('a', 'b'), ('c', 'd')},
        ),
        migrations.AlterField(
            model_name='c',
            name='x',
            field=models.CharField(max_length=5),
            preserve_default=False,
        ),
    ]
`;

describe('MigrationWriter layouts from Django', () => {
  it('nested operations, RunSQL/RunPython, manual porting, custom operation, managers, dependencies', () => {
    const Mixin = new PyClass('Mixin', { module: 'myapp.models', bases: [objectClass] });
    const Model = new PyClass('Model', { module: 'django.db.models.base', bases: [objectClass] });
    const MyManagerClass = new PyClass('MyManager', { module: 'myapp.models', bases: [X.managerClass] });
    const myManager = X.manager(MyManagerClass, [false, 'myapp.models.MyManager', None, tuple(), dict({})]);
    const qsManager = X.manager(MyManagerClass, [true, None, 'myapp.models.QS', None, None]);
    const plainManager = X.manager(X.managerClass, [false, 'django.db.models.manager.Manager', None, tuple(), dict({})]);
    const forwards = new NativeFunction('forwards', () => None, { module: 'people.migrations.0003_combine', qualname: 'forwards' });
    const noop = (RunPythonClass.dict.get('noop') as PyStaticMethod).func;

    const m = migration('people', '0002_sep', {
      dependencies: [['people', '0001_initial'], new Dependency('__setting__', 'AUTH_USER_MODEL'), ['auth', '0012_alter_user_first_name_max_length']],
      operations: [
        makeOp(SeparateDatabaseAndStateClass, {
          database_operations: list(call(RunSQLClass, ['ALTER TABLE a RENAME TO b'], kw({ reverse_sql: RunSQLClass.dict.get('noop')! }))),
          state_operations: list(CreateModel.create('B', [['id', bigId()]], opts({ db_table: 'b' })), DeleteModel.create('A')),
        }),
        call(RunPythonClass, [forwards], kw({ reverse_code: noop })) as Operation,
        call(RunSQLClass, [list('INSERT INTO x VALUES (1)', tuple('INSERT INTO x VALUES (%s)', list(2n)))], kw({ elidable: true })) as Operation,
        customOperation() as never,
        CreateModel.create('C', [['id', field('AutoField', { primary_key: true })]], new Map(), [Mixin, Model], [
          ['objects', myManager],
          ['qs', qsManager],
        ]),
        makeOp(AlterModelManagersClass, { name: 'c', managers: list(tuple('people', plainManager)) }),
        AlterOrderWithRespectTo.create('c', 'b'),
        AlterModelTable.create('c', None),
        RenameField.create('c', 'a', 'b'),
        makeOp(AlterIndexTogetherClass, { name: 'c', index_together: new PySet([tuple('a', 'b'), tuple('c', 'd')]) }),
        AlterField.create('c', 'x', field('CharField', { max_length: 5n }), false),
      ],
    });
    const writer = new MigrationWriter(m, { includeHeader: false });
    expect(writer.asString()).toBe(EXPECTED_0002);
    expect(writer.needsManualPorting).toBe(true);
  });

  it('squashed migration: replaces, initial, empty lists', () => {
    const m = migration('people', '0001_squashed_0002', {
      initial: true,
      replaces: [
        ['people', '0001_initial'],
        ['people', '0002_x'],
      ],
      operations: [],
    });
    const writer = new MigrationWriter(m, { includeHeader: false });
    expect(writer.asString()).toBe(
      "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n\n    replaces = [('people', '0001_initial'), ('people', '0002_x')]\n\n    initial = True\n\n    dependencies = [\n    ]\n\n    operations = [\n    ]\n",
    );
    expect(writer.needsManualPorting).toBe(false);
    expect(writer.filename).toBe('0001_squashed_0002.py');
    expect(writer.path('people/migrations')).toBe('people/migrations/0001_squashed_0002.py');
  });

  it('a nested operation is written without its trailing comma, at indentation 0', () => {
    const s = new OperationWriter(DeleteModel.create('A'), 0).serialize();
    expect(s.code).toBe("migrations.DeleteModel(\n    name='A',\n),");
  });

  it('a Python subclass of a built-in operation is written with its own path', () => {
    const MyCreate = new PyClass('MyCreate', { module: 'app.ops', bases: [CreateModelClass] });
    const op = call(MyCreate, [], kw({ name: 'X', fields: list(tuple('id', bigId())) })) as Operation;
    const s = new OperationWriter(op).serialize();
    expect(s.code).toBe(
      [
        '        app.ops.MyCreate(',
        "            name='X',",
        '            fields=[',
        "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),",
        '            ],',
        '        ),',
      ].join('\n'),
    );
    expect([...s.imports].sort()).toEqual(['from django.db import models', 'import app.ops']);
  });
});
