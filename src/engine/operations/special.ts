/**
 * Operations learners write by hand: RunSQL, RunPython, SeparateDatabaseAndState.
 */
import {
  type Kwargs,
  NativeFunction,
  NotImplementedError,
  PyClass,
  PyDict,
  PyList,
  PyStaticMethod,
  PyTuple,
  type PyValue,
  None,
  ValueError,
  call,
  pyError,
  toArray,
  truthy,
} from '../python/objects.ts';
import { REQUIRED, type Signature } from '../python/signature.ts';
import type { Apps } from '../state/apps.ts';
import type { ProjectState } from '../state/project-state.ts';
import { Operation, type OperationDeconstruction, type SchemaEditor, operationClass } from './base.ts';
import { appsObject, schemaEditorObject, withConnection } from '../orm/index.ts';
import { asOperation } from './python-operation.ts';

const MODULE = 'django.db.migrations.operations.special';

function opList(v: PyValue | undefined): Operation[] {
  if (v === undefined || v === None || !truthy(v)) return [];
  return toArray(v).map(asOperation);
}

export class SeparateDatabaseAndState extends Operation {
  static override signature: Signature = {
    name: 'SeparateDatabaseAndState.__init__',
    params: [
      ['database_operations', None],
      ['state_operations', None],
    ],
  };
  static override serializationExpandArgs = ['database_operations', 'state_operations'];
  override category = '?' as const;
  databaseOperations: Operation[];
  stateOperations: Operation[];

  constructor(v: Map<string, PyValue>) {
    super();
    this.databaseOperations = opList(v.get('database_operations'));
    this.stateOperations = opList(v.get('state_operations'));
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map();
    if (this.databaseOperations.length) kwargs.set('database_operations', new PyList(this.databaseOperations));
    if (this.stateOperations.length) kwargs.set('state_operations', new PyList(this.stateOperations));
    return { name: 'SeparateDatabaseAndState', args: [], kwargs };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    for (const op of this.stateOperations) op.stateForwards(appLabel, state);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, fromState: ProjectState, _toState: ProjectState): void {
    let from = fromState;
    for (const op of this.databaseOperations) {
      const to = from.clone();
      op.stateForwards(appLabel, to);
      op.databaseForwards(appLabel, se, from, to);
      from = to;
    }
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, _fromState: ProjectState, toState: ProjectState): void {
    const toStates = new Map<Operation, ProjectState>();
    let to = toState;
    for (const op of this.databaseOperations) {
      toStates.set(op, to);
      to = to.clone();
      op.stateForwards(appLabel, to);
    }
    for (const op of [...this.databaseOperations].reverse()) {
      const from = to;
      to = toStates.get(op)!;
      op.databaseBackwards(appLabel, se, from, to);
    }
  }

  override describe(): string {
    return 'Custom state/database change combination';
  }
}

export class RunSQL extends Operation {
  static override signature: Signature = {
    name: 'RunSQL.__init__',
    params: [
      ['sql', REQUIRED],
      ['reverse_sql', None],
      ['state_operations', None],
      ['hints', None],
      ['elidable', false],
    ],
  };
  override category = 's' as const;
  sql: PyValue;
  reverseSql: PyValue;
  stateOperations: Operation[];
  hints: PyValue;

  constructor(v: Map<string, PyValue>) {
    super();
    this.sql = v.get('sql')!;
    this.reverseSql = v.get('reverse_sql')!;
    this.stateOperations = opList(v.get('state_operations'));
    const hints = v.get('hints')!;
    this.hints = truthy(hints) ? hints : new PyDict();
    this.elidable = truthy(v.get('elidable')!);
  }

  override get reversible(): boolean {
    return this.reverseSql !== None;
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map([['sql', this.sql]]);
    if (this.reverseSql !== None) kwargs.set('reverse_sql', this.reverseSql);
    if (this.stateOperations.length) kwargs.set('state_operations', new PyList(this.stateOperations));
    if (truthy(this.hints)) kwargs.set('hints', this.hints);
    return { name: 'RunSQL', args: [], kwargs };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    for (const op of this.stateOperations) op.stateForwards(appLabel, state);
  }

  databaseForwards(_appLabel: string, se: SchemaEditor): void {
    runSql(se, this.sql);
  }

  databaseBackwards(_appLabel: string, se: SchemaEditor): void {
    if (this.reverseSql === None) throw pyError(NotImplementedError, 'You cannot reverse this operation');
    runSql(se, this.reverseSql);
  }

  override describe(): string {
    return 'Raw SQL operation';
  }
}

/**
 * RunSQL._run_sql: a list of statements/(sql, params) pairs, or one script. PostgreSQL's
 * prepare_sql_script returns the script unsplit (`[sql]`): it is sent as it is, in one execute.
 */
function runSql(se: SchemaEditor, sqls: PyValue): void {
  if (sqls instanceof PyList || sqls instanceof PyTuple) {
    for (const item of sqls.items) {
      let sql: PyValue = item;
      let params: PyValue[] | null = null;
      if (item instanceof PyList || item instanceof PyTuple) {
        if (item.items.length !== 2) throw pyError(ValueError, `Expected a 2-tuple but got ${item.items.length}`);
        sql = item.items[0]!;
        const p = item.items[1]!;
        params = p === None ? null : toArray(p);
      }
      se.execute(String(sql), params);
    }
  } else if (sqls !== '') {
    se.execute(String(sqls), null);
  }
}

/**
 * What RunPython's functions receive: the state's registry as `apps` (historical models) and the
 * schema editor; queries they make go through the schema editor's connection, inside the
 * migration's transaction.
 */
export const runPythonHooks = {
  appsObject: (apps: Apps): PyValue => appsObject(apps),
  schemaEditorObject: (se: SchemaEditor): PyValue => schemaEditorObject(se),
  call(code: PyValue, apps: Apps, se: SchemaEditor): void {
    withConnection(se.connection, () => call(code, [this.appsObject(apps), this.schemaEditorObject(se)]));
  },
};

export class RunPython extends Operation {
  static override signature: Signature = {
    name: 'RunPython.__init__',
    params: [
      ['code', REQUIRED],
      ['reverse_code', None],
      ['atomic', None],
      ['hints', None],
      ['elidable', false],
    ],
  };
  override category = 'p' as const;
  override reducesToSql = false;
  code: PyValue;
  reverseCode: PyValue;
  atomicValue: PyValue;
  hints: PyValue;

  constructor(v: Map<string, PyValue>) {
    super();
    this.atomicValue = v.get('atomic')!;
    this.atomic = truthy(this.atomicValue);
    const code = v.get('code')!;
    if (!isCallable(code)) throw pyError(ValueError, 'RunPython must be supplied with a callable');
    this.code = code;
    const reverse = v.get('reverse_code')!;
    if (reverse !== None && !isCallable(reverse)) throw pyError(ValueError, 'RunPython must be supplied with callable arguments');
    this.reverseCode = reverse;
    const hints = v.get('hints')!;
    this.hints = truthy(hints) ? hints : new PyDict();
    this.elidable = truthy(v.get('elidable')!);
  }

  override get reversible(): boolean {
    return this.reverseCode !== None;
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map([['code', this.code]]);
    if (this.reverseCode !== None) kwargs.set('reverse_code', this.reverseCode);
    if (this.atomicValue !== None) kwargs.set('atomic', this.atomicValue);
    if (truthy(this.hints)) kwargs.set('hints', this.hints);
    return { name: 'RunPython', args: [], kwargs };
  }

  stateForwards(): void {}

  databaseForwards(_appLabel: string, se: SchemaEditor, from: ProjectState): void {
    runPythonHooks.call(this.code, from.apps, se);
  }

  databaseBackwards(_appLabel: string, se: SchemaEditor, from: ProjectState): void {
    if (this.reverseCode === None) throw pyError(NotImplementedError, 'You cannot reverse this operation');
    runPythonHooks.call(this.reverseCode, from.apps, se);
  }

  override describe(): string {
    return 'Raw Python operation';
  }
}

function isCallable(v: PyValue): boolean {
  if (typeof v !== 'object') return false;
  return v instanceof PyClass || v.nativeCall !== undefined || v.pyClass.lookup('__call__') !== undefined;
}

export const SeparateDatabaseAndStateClass = operationClass(SeparateDatabaseAndState, 'SeparateDatabaseAndState', MODULE);
export const RunSQLClass = operationClass(RunSQL, 'RunSQL', MODULE);
export const RunPythonClass = operationClass(RunPython, 'RunPython', MODULE);
RunSQLClass.dict.set('noop', '');
RunPythonClass.dict.set(
  'noop',
  new PyStaticMethod(new NativeFunction('noop', () => None, { module: MODULE, qualname: 'RunPython.noop' })),
);
