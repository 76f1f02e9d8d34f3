/**
 * Migration operations: the base class shared by CreateModel, AddField, RunSQL …
 *
 * An operation is a Python object (migration files construct them) that remembers its
 * constructor call for deconstruction, changes a ProjectState (stateForwards) and the database
 * through a schema editor (databaseForwards / databaseBackwards), and knows how it combines
 * with others (reduce, used by the optimizer).
 */
import {
  type Kwargs,
  NativeFunction,
  PyClass,
  PyDict,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  call,
  objectClass,
  repr,
} from '../python/objects.ts';
import { type Signature, bindArgs, type ParamDefault } from '../python/signature.ts';
import type { Apps } from '../state/apps.ts';
import type { Field } from '../state/fields/field.ts';
import type { Index } from '../state/indexes.ts';
import type { Constraint } from '../state/constraints.ts';
import type { ModelMeta } from '../state/meta.ts';
import type { ProjectState } from '../state/project-state.ts';
import type { Connection, SqlParam } from '../db/types.ts';

/** What operations need from the schema editor (implemented by db/postgres/schema-editor.ts). */
export interface SchemaEditor {
  readonly connection: Connection;
  /** True for sqlmigrate: statements are collected, not run. */
  readonly collectSql: boolean;
  readonly collectedSql: string[];
  execute(sql: string, params?: readonly SqlParam[] | null): void;
  createModel(model: ModelMeta): void;
  deleteModel(model: ModelMeta): void;
  addField(model: ModelMeta, field: Field): void;
  removeField(model: ModelMeta, field: Field): void;
  alterField(model: ModelMeta, oldField: Field, newField: Field, strict?: boolean, apps?: { from: Apps; to: Apps }): void;
  alterManyToMany(model: ModelMeta, oldField: Field, newField: Field, strict?: boolean): void;
  alterDbTable(model: ModelMeta, oldTable: string, newTable: string): void;
  alterDbTableComment(model: ModelMeta, oldComment: PyValue, newComment: PyValue): void;
  alterDbTablespace?(model: ModelMeta, oldTablespace: PyValue, newTablespace: PyValue): void;
  alterUniqueTogether(model: ModelMeta, oldTogether: PyValue[][], newTogether: PyValue[][]): void;
  alterIndexTogether?(model: ModelMeta, oldTogether: PyValue[][], newTogether: PyValue[][]): void;
  addIndex(model: ModelMeta, index: Index, concurrently?: boolean): void;
  removeIndex(model: ModelMeta, index: Index, concurrently?: boolean): void;
  renameIndex(model: ModelMeta, oldIndex: Index, newIndex: Index): void;
  addConstraint(model: ModelMeta, constraint: Constraint): void;
  /** `constraint.create_sql(model, schema_editor)` (AddConstraintNotValid appends NOT VALID to it). */
  constraintCreateSql?(model: ModelMeta, constraint: Constraint): { toString(): string } | null;
  removeConstraint(model: ModelMeta, constraint: Constraint): void;
  /** Names of constraints/indexes on the model's columns, from introspection. */
  constraintNames(
    model: ModelMeta,
    opts: { columnNames?: string[]; unique?: boolean; primaryKey?: boolean; index?: boolean; foreignKey?: boolean; check?: boolean; type?: string; exclude?: Set<string> },
  ): string[];
}

/** Categories shown before descriptions in makemigrations output (`+ Create model Item`). */
export type OperationCategory = '+' | '-' | '~' | 'p' | 's' | '?';

export interface OperationDeconstruction {
  /** Class name for django.db.migrations operations, else the full import path. */
  name: string;
  args: PyValue[];
  kwargs: Kwargs;
}

export abstract class Operation extends PyObject {
  cls!: PyClass;
  ctorArgs: PyValue[] = [];
  ctorKwargs: Kwargs = new Map();

  /** The constructor signature (after self), for binding Python calls and for the writer. */
  static signature: Signature;
  /** Arguments the writer expands onto several lines (Django's serialization_expand_args). */
  static serializationExpandArgs: string[] = [];
  category: OperationCategory | null = null;
  reducesToSql = true;
  atomic = false;
  elidable = false;

  get pyClass(): PyClass {
    return this.cls;
  }

  /** Whether the operation can be unapplied (RunSQL/RunPython without reverse cannot). */
  get reversible(): boolean {
    return true;
  }

  /** Parameter names of __init__, as the writer needs them. */
  get paramNames(): string[] {
    const sig = (this.constructor as typeof Operation).signature;
    return [...(sig.params ?? []).map(([n]) => n), ...(sig.kwonly ?? []).map(([n]) => n)];
  }

  get serializationExpandArgs(): string[] {
    return (this.constructor as typeof Operation).serializationExpandArgs;
  }

  abstract stateForwards(appLabel: string, state: ProjectState): void;
  abstract databaseForwards(appLabel: string, schemaEditor: SchemaEditor, fromState: ProjectState, toState: ProjectState): void;
  abstract databaseBackwards(appLabel: string, schemaEditor: SchemaEditor, fromState: ProjectState, toState: ProjectState): void;

  /** Django's default deconstruct: class name and the constructor call as given. */
  deconstruct(): OperationDeconstruction {
    return { name: this.cls.name, args: [...this.ctorArgs], kwargs: new Map(this.ctorKwargs) };
  }

  describe(): string {
    return `${this.cls.name}: ${repr(new PyTuple([new PyTuple(this.ctorArgs), new PyDict([...this.ctorKwargs])]))}`;
  }

  formattedDescription(): string {
    return `${this.category ?? '?'} ${this.describe()}`;
  }

  get migrationNameFragment(): string | null {
    return null;
  }

  referencesModel(_name: string, _appLabel: string): boolean {
    return true;
  }

  referencesField(modelName: string, _name: string, appLabel: string): boolean {
    return this.referencesModel(modelName, appLabel);
  }

  /** Whether the schema editor should touch this model (managed, not proxy, not swapped). */
  allowMigrateModel(model: ModelMeta): boolean {
    return model.managed && !model.proxy && !isSwapped(model);
  }

  /**
   * Optimizer step: the operations to replace `this` and `operation` with, `true` when
   * `operation` can be optimized across `this`, or `false`.
   */
  reduce(operation: Operation, _appLabel: string): Operation[] | boolean {
    if (this.elidable) return [operation];
    if (operation.elidable) return [this];
    return false;
  }

  /** Django's Operation.__repr__: `<RunSQL 'UPDATE …'>`, `<AddField  model_name='x', …>`. */
  override nativeRepr(): string {
    const args = this.ctorArgs.map(repr).join(', ');
    const kwargs = [...this.ctorKwargs].map(([k, v]) => ` ${k}=${repr(v)}`).join(',');
    return `<${this.cls.name} ${args}${kwargs}>`;
  }
}

/** Swapped models (auth.User when AUTH_USER_MODEL points elsewhere) are never migrated. */
export const swapping = { isSwapped: (_model: ModelMeta): boolean => false };
function isSwapped(model: ModelMeta): boolean {
  return swapping.isSwapped(model);
}

/**
 * Creates the Python class of an operation. Calling it binds the arguments to the operation's
 * signature (CPython-style errors), records the call for deconstruction and builds the TS object.
 */
export function operationClass<T extends Operation>(
  ctor: { new (v: Map<string, PyValue>): T; signature: Signature },
  name: string,
  module: string,
  base: PyClass = OperationBaseClass,
): PyClass {
  const cls: PyClass = new PyClass(name, {
    module,
    bases: [base],
    nativeNew: (c, args, kwargs) => {
      // Operation.__new__ keeps the call's arguments (`_constructor_args`) for deconstruct/repr.
      let op: T;
      if (hasPythonInit(c, cls)) {
        // A subclass's own __init__ decides what reaches ours (through super().__init__).
        op = Object.create(ctor.prototype) as T;
      } else {
        op = new ctor(bindArgs(ctor.signature, args, kwargs).values);
        INITIALIZED.add(op);
      }
      op.cls = c;
      op.ctorArgs = [...args];
      op.ctorKwargs = new Map(kwargs);
      op.dict = new Map();
      return op;
    },
  });
  // The operation's own __init__, for subclasses calling super().__init__(...).
  cls.dict.set(
    '__init__',
    new NativeFunction(
      '__init__',
      (args, kwargs) => {
        const self = args[0] as T;
        if (INITIALIZED.has(self)) return None;
        const fresh = new ctor(bindArgs(ctor.signature, args.slice(1), kwargs).values) as unknown as Record<string, unknown>;
        const target = self as unknown as Record<string, unknown>;
        for (const key of Object.keys(fresh)) {
          if (key === 'cls' || key === 'ctorArgs' || key === 'ctorKwargs' || key === 'dict') continue;
          target[key] = fresh[key];
        }
        INITIALIZED.add(self);
        return None;
      },
      { module, qualname: `${name}.__init__` },
    ),
  );
  cls.native['operation'] = ctor;
  return cls;
}

/** Operations whose TypeScript state has been built (by __new__ or by a later __init__). */
const INITIALIZED = new WeakSet<Operation>();

/** Whether a Python class between `cls` and the native `owner` defines __init__. */
function hasPythonInit(cls: PyClass, owner: PyClass): boolean {
  for (const c of cls.mro) {
    if (c === owner) return false;
    const init = c.dict.get('__init__');
    if (init !== undefined && !(init instanceof NativeFunction)) return true;
  }
  return false;
}

export const OperationBaseClass = new PyClass('Operation', { module: 'django.db.migrations.operations.base', bases: [objectClass] });

export function param(name: string, def: ParamDefault = None): [string, ParamDefault] {
  return [name, def];
}

export function str(v: PyValue | undefined): string {
  return typeof v === 'string' ? v : String(v);
}

/** Builds an operation from TypeScript as if Python had called its class with keyword arguments. */
export function makeOp(cls: PyClass, kwargs: Record<string, PyValue>): Operation {
  return call(cls, [], new Map(Object.entries(kwargs))) as Operation;
}
