/**
 * The `django.*` modules as Python code in models.py, migration files and settings.py sees them.
 * Each module is built lazily on first import from the TypeScript implementations.
 */
import {
  type Kwargs,
  NativeFunction,
  PyClass,
  PyList,
  PyModule,
  PyTuple,
  type PyValue,
  None,
  ValueError,
  call,
  callMethod,
  getattr,
  objectClass,
  pyError,
  str,
} from '../python/objects.ts';
import { FIELD_CLASSES, NOT_PROVIDED_CLASS } from '../state/fields/registry.ts';
import { ON_DELETE_HANDLERS } from '../state/deletion.ts';
import { FUNCTION_CLASSES, FClass, FuncClass, KeyTextTransformClass, KeyTransformClass, LOOKUP_CLASSES, QClass, ValueClass, keyTextFromLookup } from '../state/expressions.ts';
import { IndexClass, POSTGRES_INDEX_CLASSES } from '../state/indexes.ts';
import { POSTGRES_OPERATION_CLASSES } from '../operations/postgres.ts';
import { CheckConstraintClass, UniqueConstraintClass, deferrableClass } from '../state/constraints.ts';
import { SettingsObject, type Settings } from '../project/settings.ts';
import { AppConfigClass } from '../project/app-config.ts';
import { type ModelClasses, type ModelRegistryContext, makeModelClasses } from './model-base.ts';
import { ChoicesClass, ChoicesType, IntegerChoicesClass, TextChoicesClass } from './enums.ts';
import { validatorsModule } from './validators.ts';
import { storageModuleAttrs } from './storage.ts';
import { utilsTextModule } from './utils-text.ts';
import { formsModelsModule } from './forms.ts';
import { serializersJsonModule } from './serializers.ts';
import * as E from './exceptions.ts';
import { MigrationBaseClass, SwappableTuple } from '../migrations/migration.ts';
import * as ModelOps from '../operations/models.ts';
import * as FieldOps from '../operations/fields.ts';
import * as SpecialOps from '../operations/special.ts';
import { OperationBaseClass } from '../operations/base.ts';
import { EmptyResultSetClass, FullResultSetClass } from '../db/postgres/compiler.ts';
import { djangoRoot } from '../orm/runtime.ts';
import { installOrm, ormAppsRegistry, ormDbModuleAttrs, ormModelsExports, registerOrmModules } from '../orm/index.ts';
import { RawSQLClass } from '../orm/expressions.ts';

/** What registering modules needs from the interpreter. */
export interface ModuleHost {
  registerNativeModule(name: string, factory: () => PyModule): void;
  importModule(name: string): PyModule;
}

/** What the django modules need from the loaded project. */
export interface DjangoRuntime {
  settings(): Settings | null;
  registry: ModelRegistryContext;
}

export const DJANGO_VERSION = '5.2.18';

function mod(name: string, attrs: Record<string, PyValue>): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(attrs)) m.dict.set(k, v);
  return m;
}

/**
 * A native package: its submodules are imported on first attribute access (`models.deletion`),
 * like Django's packages whose __init__ imports them — without importing them while the package
 * itself is being created (which would recurse through the import system).
 */
class NativePackage extends PyModule {
  constructor(
    name: string,
    private readonly host: ModuleHost,
    private readonly children: readonly string[],
  ) {
    super(name);
    this.dict.set('__path__', new PyList([]));
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (!this.dict.has(name) && this.children.includes(name)) return this.host.importModule(`${this.name}.${name}`);
    return undefined;
  }
}

function pkg(host: ModuleHost, name: string, attrs: Record<string, PyValue>, children: readonly string[]): PyModule {
  const m = new NativePackage(name, host, children);
  for (const [k, v] of Object.entries(attrs)) m.dict.set(k, v);
  return m;
}

/**
 * The django modules get the `__file__` of their source in a Python install
 * (`<django>/db/__init__.py`, `<django>/db/models/deletion.py`), which CPython's ImportError
 * messages name: `cannot import name 'model' from 'django.db' (…/django/db/__init__.py)`.
 */
function withSourceFiles(host: ModuleHost): ModuleHost {
  return {
    importModule: (name) => host.importModule(name),
    registerNativeModule: (name, factory) =>
      host.registerNativeModule(name, () => {
        const m = factory();
        if (!m.dict.has('__file__')) {
          const dir = [djangoRoot(), ...name.split('.').slice(1)].join('/');
          m.dict.set('__file__', m.dict.has('__path__') ? `${dir}/__init__.py` : `${dir}.py`);
        }
        return m;
      }),
  };
}

function fn(module: string, name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, impl, { module, qualname: name });
}

/** Registers every `django.*` module with the interpreter. Returns the Model classes (for the project). */
export function registerDjangoModules(host: ModuleHost, runtime: DjangoRuntime): ModelClasses {
  const modelClasses = makeModelClasses(runtime.registry);
  ModelOps.modelBaseRef.Model = modelClasses.Model;
  installOrm(host, runtime, modelClasses);
  const files = withSourceFiles(host);
  const reg = (name: string, build: () => PyModule) => files.registerNativeModule(name, build);

  reg('django', () =>
    pkg(host, 'django', {
      VERSION: new PyTuple([5n, 2n, 18n, 'final', 0n]),
      __version__: DJANGO_VERSION,
      get_version: fn('django', 'get_version', () => DJANGO_VERSION),
      setup: fn('django', 'setup', () => None),
    }, ['db', 'conf', 'apps', 'core', 'utils', 'contrib']),
  );

  // --- django.db.models -------------------------------------------------------------------
  const orm = ormModelsExports();
  const Manager = orm['Manager']!;
  const fieldsModule = () => {
    const m = new PyModule('django.db.models.fields');
    for (const [name, cls] of FIELD_CLASSES) if (cls.module === 'django.db.models.fields') m.dict.set(name, cls);
    m.dict.set('NOT_PROVIDED', NOT_PROVIDED_CLASS);
    return m;
  };
  reg('django.db.models.fields', () => {
    const m = fieldsModule();
    m.dict.set('__path__', new PyList([]));
    return m;
  });
  reg('django.db.models.fields.related', () => {
    const m = new PyModule('django.db.models.fields.related');
    for (const n of ['RelatedField', 'ForeignObject', 'ForeignKey', 'OneToOneField', 'ManyToManyField']) m.dict.set(n, FIELD_CLASSES.get(n)!);
    m.dict.set('RECURSIVE_RELATIONSHIP_CONSTANT', 'self');
    return m;
  });
  reg('django.db.models.fields.files', () => mod('django.db.models.fields.files', { FileField: FIELD_CLASSES.get('FileField')!, ImageField: FIELD_CLASSES.get('ImageField')! }));
  reg('django.db.models.fields.json', () =>
    mod('django.db.models.fields.json', {
      JSONField: FIELD_CLASSES.get('JSONField')!,
      KeyTransform: KeyTransformClass,
      KeyTextTransform: KeyTextTransformClass,
      KT: fn('django.db.models.fields.json', 'KT', ([lookup]) => keyTextFromLookup(lookup ?? None)),
    }),
  );
  reg('django.db.models.deletion', () => mod('django.db.models.deletion', { ...ON_DELETE_HANDLERS, ProtectedError: E.ProtectedError, RestrictedError: E.RestrictedError }));
  reg('django.db.models.query_utils', () => mod('django.db.models.query_utils', { Q: QClass }));
  reg('django.db.models.expressions', () => {
    const attrs: Record<string, PyValue> = { F: FClass, Value: ValueClass, Func: FuncClass };
    for (const [name, v] of Object.entries(orm)) if (v instanceof PyClass && v.module === 'django.db.models.expressions') attrs[name] = v;
    attrs['RawSQL'] = RawSQLClass; // not re-exported by django.db.models
    return mod('django.db.models.expressions', attrs);
  });
  reg('django.db.models.indexes', () => mod('django.db.models.indexes', { Index: IndexClass }));
  reg('django.contrib.postgres', () => pkg(host, 'django.contrib.postgres', {}, ['indexes', 'operations']));
  reg('django.contrib.postgres.operations', () => mod('django.contrib.postgres.operations', { ...POSTGRES_OPERATION_CLASSES }));
  reg('django.contrib.postgres.indexes', () => mod('django.contrib.postgres.indexes', { ...POSTGRES_INDEX_CLASSES }));
  reg('django.db.models.lookups', () => mod('django.db.models.lookups', Object.fromEntries(LOOKUP_CLASSES)));
  reg('django.db.models.constraints', () =>
    mod('django.db.models.constraints', { CheckConstraint: CheckConstraintClass, UniqueConstraint: UniqueConstraintClass, Deferrable: deferrableClass() }),
  );
  reg('django.db.models.enums', () =>
    mod('django.db.models.enums', { Choices: ChoicesClass, IntegerChoices: IntegerChoicesClass, TextChoices: TextChoicesClass, ChoicesType }),
  );
  reg('django.db.models.base', () => mod('django.db.models.base', { Model: modelClasses.Model, ModelBase: modelClasses.ModelBase }));
  reg('django.db.models.manager', () => mod('django.db.models.manager', { Manager, BaseManager: orm['BaseManager']! }));
  const functionModules = new Map<string, Record<string, PyValue>>();
  for (const [name, cls] of FUNCTION_CLASSES) {
    if (!cls.module.startsWith('django.db.models.functions')) continue;
    const attrs = functionModules.get(cls.module) ?? {};
    attrs[name] = cls;
    functionModules.set(cls.module, attrs);
  }
  for (const [module, attrs] of functionModules) reg(module, () => mod(module, attrs));
  reg('django.db.models.functions', () => {
    const all: Record<string, PyValue> = {};
    for (const attrs of functionModules.values()) Object.assign(all, attrs);
    return pkg(host, 'django.db.models.functions', all, [...functionModules.keys()].map((m) => m.split('.').pop()!));
  });
  reg('django.db.models', () => {
    const m = new NativePackage('django.db.models', host, ['deletion', 'functions', 'fields', 'expressions', 'enums', 'base', 'manager', 'query_utils', 'indexes', 'constraints', 'aggregates', 'query', 'lookups']);
    for (const [name, cls] of FIELD_CLASSES) m.dict.set(name, cls);
    for (const [k, v] of Object.entries(ON_DELETE_HANDLERS)) m.dict.set(k, v);
    const attrs: Record<string, PyValue> = {
      Model: modelClasses.Model,
      Manager,
      Q: QClass,
      F: FClass,
      Value: ValueClass,
      Func: FuncClass,
      Index: IndexClass,
      CheckConstraint: CheckConstraintClass,
      Deferrable: deferrableClass(),
      UniqueConstraint: UniqueConstraintClass,
      Choices: ChoicesClass,
      IntegerChoices: IntegerChoicesClass,
      TextChoices: TextChoicesClass,
      NOT_PROVIDED: NOT_PROVIDED_CLASS,
      ProtectedError: E.ProtectedError,
      RestrictedError: E.RestrictedError,
      ObjectDoesNotExist: E.ObjectDoesNotExist,
      ...orm,
    };
    for (const [k, v] of Object.entries(attrs)) m.dict.set(k, v);
    return m;
  });
  registerOrmModules(reg);

  // --- django.db.migrations ---------------------------------------------------------------
  const operations: Record<string, PyValue> = {};
  for (const [k, v] of Object.entries({ ...ModelOps, ...FieldOps, ...SpecialOps })) {
    if (v instanceof PyClass && k.endsWith('Class')) operations[v.name] = v;
  }
  reg('django.db.migrations.operations', () => pkg(host, 'django.db.migrations.operations', { ...operations, Operation: OperationBaseClass }, ['models', 'fields', 'special', 'base']));
  reg('django.db.migrations.operations.models', () =>
    mod('django.db.migrations.operations.models', Object.fromEntries(Object.entries(operations).filter(([, c]) => (c as PyClass).module.endsWith('.models')))),
  );
  reg('django.db.migrations.operations.fields', () =>
    mod('django.db.migrations.operations.fields', Object.fromEntries(Object.entries(operations).filter(([, c]) => (c as PyClass).module.endsWith('.fields')))),
  );
  reg('django.db.migrations.operations.special', () =>
    mod('django.db.migrations.operations.special', Object.fromEntries(Object.entries(operations).filter(([, c]) => (c as PyClass).module.endsWith('.special')))),
  );
  reg('django.db.migrations.operations.base', () => mod('django.db.migrations.operations.base', { Operation: OperationBaseClass }));
  reg('django.db.migrations.migration', () => mod('django.db.migrations.migration', { Migration: MigrationBaseClass }));
  reg('django.db.migrations.exceptions', () =>
    mod('django.db.migrations.exceptions', {
      AmbiguityError: E.AmbiguityError,
      BadMigrationError: E.BadMigrationError,
      CircularDependencyError: E.CircularDependencyError,
      InconsistentMigrationHistory: E.InconsistentMigrationHistory,
      InvalidBasesError: E.InvalidBasesError,
      IrreversibleError: E.IrreversibleError,
      NodeNotFoundError: E.NodeNotFoundError,
    }),
  );
  const swappableDependency = fn('django.db.migrations', 'swappable_dependency', ([value]) => {
    const v = String(value);
    const s = runtime.settings();
    const settingName = s && s.authUserModel === v ? 'AUTH_USER_MODEL' : null;
    return new SwappableTuple(v, settingName);
  });
  reg('django.db.migrations', () =>
    pkg(host, 'django.db.migrations', {
      ...operations,
      Migration: MigrationBaseClass,
      swappable_dependency: swappableDependency,
    }, ['operations', 'migration', 'exceptions']),
  );
  reg('django.db', () =>
    pkg(host, 'django.db', {
      IntegrityError: E.IntegrityError,
      DatabaseError: E.DatabaseErrorClass,
      ProgrammingError: E.ProgrammingError,
      DataError: E.DataError,
      OperationalError: E.OperationalError,
      InternalError: E.InternalError,
      NotSupportedError: E.NotSupportedError,
      InterfaceError: E.InterfaceError,
      Error: E.DjangoError,
      DEFAULT_DB_ALIAS: 'default',
      ...ormDbModuleAttrs(),
    }, ['models', 'migrations', 'utils', 'transaction']),
  );
  reg('django.db.utils', () =>
    mod('django.db.utils', {
      Error: E.DjangoError,
      InterfaceError: E.InterfaceError,
      DatabaseError: E.DatabaseErrorClass,
      DataError: E.DataError,
      OperationalError: E.OperationalError,
      IntegrityError: E.IntegrityError,
      InternalError: E.InternalError,
      ProgrammingError: E.ProgrammingError,
      NotSupportedError: E.NotSupportedError,
    }),
  );

  // --- django.conf, django.apps, django.core, django.utils ---------------------------------
  const settingsObject = new SettingsObject(runtime.settings);
  reg('django.conf', () => mod('django.conf', { settings: settingsObject, SettingsReference: new PyClass('SettingsReference', { module: 'django.conf', bases: [objectClass] }) }));
  reg('django.apps', () => pkg(host, 'django.apps', { AppConfig: AppConfigClass, apps: ormAppsRegistry() }, ['config']));
  reg('django.apps.config', () => mod('django.apps.config', { AppConfig: AppConfigClass }));
  reg('django.core', () => pkg(host, 'django.core', {}, ['validators', 'exceptions', 'serializers', 'files']));
  reg('django.core.files', () => pkg(host, 'django.core.files', {}, ['storage']));
  reg('django.core.files.storage', () => mod('django.core.files.storage', storageModuleAttrs()));
  reg('django.core.serializers', () => pkg(host, 'django.core.serializers', {}, ['json']));
  reg('django.core.serializers.json', () => serializersJsonModule((name) => host.importModule(name)));
  reg('django.core.validators', () => validatorsModule((name) => host.importModule(name)));
  reg('django.core.exceptions', () =>
    mod('django.core.exceptions', {
      FieldDoesNotExist: E.FieldDoesNotExist,
      ObjectDoesNotExist: E.ObjectDoesNotExist,
      MultipleObjectsReturned: E.MultipleObjectsReturned,
      ImproperlyConfigured: E.ImproperlyConfigured,
      FieldError: E.FieldError,
      ValidationError: E.ValidationError,
      AppRegistryNotReady: E.AppRegistryNotReady,
      SuspiciousOperation: E.SuspiciousOperation,
      EmptyResultSet: EmptyResultSetClass,
      FullResultSet: FullResultSetClass,
    }),
  );
  reg('django.utils', () => pkg(host, 'django.utils', {}, ['timezone', 'translation', 'functional', 'text']));
  reg('django.utils.text', utilsTextModule);
  reg('django.forms', () => pkg(host, 'django.forms', {}, ['models']));
  reg('django.forms.models', formsModelsModule);
  reg('django.utils.timezone', () => {
    const now = fn('django.utils.timezone', 'now', () => {
      const datetime = host.importModule('datetime');
      const dt = getattr(datetime, 'datetime');
      const useTz = runtime.settings()?.useTz ?? true;
      if (!useTz) return call(getattr(dt, 'now'));
      return call(getattr(dt, 'now'), [], new Map([['tz', getattr(getattr(datetime, 'timezone'), 'utc')]]));
    });
    const TZ = 'django.utils.timezone';
    // the current time zone is settings.TIME_ZONE (no activate() in the sandbox)
    const current = () => call(getattr(host.importModule('zoneinfo'), 'ZoneInfo'), [runtime.settings()?.timeZone ?? 'UTC']);
    const offset = (v: PyValue) => callMethod(v, 'utcoffset');
    const zoneArg = (a: PyValue[], k: Kwargs) => {
      const z = a[1] ?? k.get('timezone') ?? None;
      return z === None ? current() : z;
    };
    const localtime = (a: PyValue[], k: Kwargs) => {
      const value = a[0] ?? k.get('value') ?? None;
      const v = value === None ? call(now) : value;
      if (offset(v) === None) throw pyError(ValueError, 'localtime() cannot be applied to a naive datetime');
      return callMethod(v, 'astimezone', [zoneArg(a, k)]);
    };
    return mod(TZ, {
      now,
      is_aware: fn(TZ, 'is_aware', ([v]) => offset(v!) !== None),
      is_naive: fn(TZ, 'is_naive', ([v]) => offset(v!) === None),
      get_current_timezone: fn(TZ, 'get_current_timezone', () => current()),
      get_default_timezone: fn(TZ, 'get_default_timezone', () => current()),
      get_current_timezone_name: fn(TZ, 'get_current_timezone_name', () => str(current())),
      get_default_timezone_name: fn(TZ, 'get_default_timezone_name', () => str(current())),
      make_aware: fn(TZ, 'make_aware', (a, k) => {
        const v = a[0] ?? k.get('value')!;
        if (offset(v) !== None) throw pyError(ValueError, `make_aware expects a naive datetime, got ${str(v)}`);
        return callMethod(v, 'replace', [], new Map([['tzinfo', zoneArg(a, k)]]));
      }),
      make_naive: fn(TZ, 'make_naive', (a, k) => {
        const v = a[0] ?? k.get('value')!;
        if (offset(v) === None) throw pyError(ValueError, 'make_naive() cannot be applied to a naive datetime');
        return callMethod(callMethod(v, 'astimezone', [zoneArg(a, k)]), 'replace', [], new Map([['tzinfo', None]]));
      }),
      localtime: fn(TZ, 'localtime', localtime),
      localdate: fn(TZ, 'localdate', (a, k) => callMethod(localtime(a, k), 'date')),
    });
  });
  const identity = (name: string) => fn('django.utils.translation', name, ([v]) => v ?? '');
  reg('django.utils.translation', () =>
    mod('django.utils.translation', {
      gettext: identity('gettext'),
      gettext_lazy: identity('gettext_lazy'),
      ugettext_lazy: identity('ugettext_lazy'),
      pgettext_lazy: fn('django.utils.translation', 'pgettext_lazy', ([, v]) => v ?? ''),
      ngettext_lazy: identity('ngettext_lazy'),
      _: identity('_'),
    }),
  );
  reg('django.utils.functional', () => mod('django.utils.functional', {}));

  return modelClasses;
}

