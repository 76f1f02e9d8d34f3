/**
 * Operations written in Python: a migration file's own subclass of
 * `django.db.migrations.operations.base.Operation` ("Writing your own migration operation").
 *
 * The base class gets Django's Python-level behaviour (`__new__` keeping the constructor
 * arguments, deconstruct, describe, reduce, references_*, the NotImplementedError stubs), and
 * each instance is wrapped in a PythonOperation so the executor, sqlmigrate, the optimizer and the
 * writer can use it like a built-in one: every call goes to the instance's Python methods.
 */
import {
  type Kwargs,
  NativeFunction,
  NotImplementedError,
  None,
  PyClass,
  PyDict,
  PyInstance,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  callMethod,
  getattrOpt,
  pyError,
  repr,
  str,
  toArray,
  truthy,
  typeOf,
} from '../python/objects.ts';
import type { ProjectState } from '../state/project-state.ts';
import { appsObject, schemaEditorObject, withConnection } from '../orm/index.ts';
import { Operation, OperationBaseClass, type OperationDeconstruction, type SchemaEditor } from './base.ts';

const BASE_MODULE = 'django.db.migrations.operations.base';

function method(name: string, impl: (self: PyObject, args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, (args, kwargs) => impl(args[0] as PyObject, args.slice(1), kwargs), {
    module: BASE_MODULE,
    qualname: `Operation.${name}`,
  });
}

/** `self._constructor_args` → [args, kwargs]. */
function constructorArgs(self: PyObject): [PyValue[], [PyValue, PyValue][]] {
  const ca = getattrOpt(self, '_constructor_args');
  if (!(ca instanceof PyTuple)) return [[], []];
  const args = toArray(ca.items[0]!);
  const kwargs = ca.items[1] instanceof PyDict ? ca.items[1].items() : [];
  return [args, kwargs];
}

function installBase(): void {
  const d = OperationBaseClass.dict;
  if (d.has('deconstruct')) return;
  // Operation.__new__: `self._constructor_args = (args, kwargs)`.
  OperationBaseClass.nativeNew = (cls, args, kwargs) => {
    const self = new PyInstance(cls);
    self.dict.set('_constructor_args', new PyTuple([new PyTuple(args), new PyDict([...kwargs])]));
    return self;
  };
  d.set('reversible', true);
  d.set('reduces_to_sql', true);
  d.set('atomic', false);
  d.set('elidable', false);
  d.set('serialization_expand_args', new PyList([]));
  d.set('category', None);
  d.set('migration_name_fragment', None);
  d.set(
    'deconstruct',
    method('deconstruct', (self) => {
      const [args, kwargs] = constructorArgs(self);
      return new PyTuple([typeOf(self).name, new PyTuple(args), new PyDict(kwargs)]);
    }),
  );
  d.set(
    'describe',
    method('describe', (self) => {
      const [args, kwargs] = constructorArgs(self);
      return `${typeOf(self).name}: ${repr(new PyTuple([new PyTuple(args), new PyDict(kwargs)]))}`;
    }),
  );
  const notImplemented = (name: string) =>
    method(name, () => {
      throw pyError(NotImplementedError, `subclasses of Operation must provide a ${name}() method`);
    });
  d.set('state_forwards', notImplemented('state_forwards'));
  d.set('database_forwards', notImplemented('database_forwards'));
  d.set('database_backwards', notImplemented('database_backwards'));
  d.set('references_model', method('references_model', () => true));
  d.set(
    'references_field',
    method('references_field', (self, args) => callMethod(self, 'references_model', [args[0]!, args[2] ?? None])),
  );
  d.set('allow_migrate_model', method('allow_migrate_model', () => true));
  d.set(
    'reduce',
    method('reduce', (self, args) => {
      const other = args[0]!;
      if (truthy(getattrOpt(self, 'elidable') ?? false)) return new PyList([other]);
      if (truthy(getattrOpt(other, 'elidable') ?? false)) return new PyList([self]);
      return false;
    }),
  );
  d.set(
    '__repr__',
    method('__repr__', (self) => {
      // Built-in operations keep their own repr (this is only reached from the base class).
      if (self instanceof Operation) return self.nativeRepr();
      const [args, kwargs] = constructorArgs(self);
      return `<${typeOf(self).name} ${args.map((a) => repr(a)).join(', ')}${kwargs.map(([k, v]) => ` ${str(k)}=${repr(v)}`).join(',')}>`;
    }),
  );
}
installBase();

/** What a Python operation's methods get as `from_state` / `to_state`. */
class StateObject extends PyObject {
  constructor(readonly state: ProjectState) {
    super();
  }
  get pyClass(): PyClass {
    return ProjectStateClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'apps') return appsObject(this.state.apps);
    return undefined;
  }
}
const ProjectStateClass = new PyClass('ProjectState', { module: 'django.db.migrations.state' });

/** A Python-defined operation as the engine's Operation. */
export class PythonOperation extends Operation {
  constructor(readonly obj: PyObject) {
    super();
    this.cls = obj.pyClass;
    this.reducesToSql = truthy(getattrOpt(obj, 'reduces_to_sql') ?? true);
    this.atomic = truthy(getattrOpt(obj, 'atomic') ?? false);
    this.elidable = truthy(getattrOpt(obj, 'elidable') ?? false);
    const category = getattrOpt(obj, 'category');
    this.category = typeof category === 'string' ? (category as Operation['category']) : null;
  }

  override get pyClass(): PyClass {
    return this.obj.pyClass;
  }

  override get reversible(): boolean {
    return truthy(getattrOpt(this.obj, 'reversible') ?? true);
  }

  override get paramNames(): string[] {
    return [];
  }

  override get serializationExpandArgs(): string[] {
    const v = getattrOpt(this.obj, 'serialization_expand_args');
    return v === undefined ? [] : toArray(v).map((x) => str(x));
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    callMethod(this.obj, 'state_forwards', [appLabel, new StateObject(state)]);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    withConnection(se.connection, () =>
      callMethod(this.obj, 'database_forwards', [appLabel, schemaEditorObject(se), new StateObject(from), new StateObject(to)]),
    );
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    withConnection(se.connection, () =>
      callMethod(this.obj, 'database_backwards', [appLabel, schemaEditorObject(se), new StateObject(from), new StateObject(to)]),
    );
  }

  override deconstruct(): OperationDeconstruction {
    const parts = toArray(callMethod(this.obj, 'deconstruct'));
    if (parts.length !== 3) throw pyError(TypeError, 'deconstruct() must return a 3-tuple');
    const kwargs = parts[2] instanceof PyDict ? new Map(parts[2].items().map(([k, v]) => [str(k), v] as [string, PyValue])) : new Map();
    return { name: str(parts[0]!), args: toArray(parts[1]!), kwargs };
  }

  override describe(): string {
    return str(callMethod(this.obj, 'describe'));
  }

  override get migrationNameFragment(): string | null {
    const v = getattrOpt(this.obj, 'migration_name_fragment');
    return v === undefined || v === None ? null : str(v);
  }

  override referencesModel(name: string, appLabel: string): boolean {
    return truthy(callMethod(this.obj, 'references_model', [name, appLabel]));
  }

  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return truthy(callMethod(this.obj, 'references_field', [modelName, name, appLabel]));
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    const other = operation instanceof PythonOperation ? operation.obj : operation;
    const r = callMethod(this.obj, 'reduce', [other, appLabel]);
    if (r instanceof PyList) return r.items.map((x) => asOperation(x));
    return truthy(r);
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    return getattrOpt(this.obj, name);
  }

  override nativeRepr(): string {
    return repr(this.obj);
  }
}

/** An operation from a migration file: built-in ones as they are, Python-defined ones wrapped. */
export function asOperation(v: PyValue): Operation {
  if (v instanceof Operation) return v;
  if (v instanceof PyObject && !(v instanceof PyClass) && typeOf(v).isSubclassOf(OperationBaseClass)) return new PythonOperation(v);
  return v as unknown as Operation;
}
