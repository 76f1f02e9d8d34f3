/**
 * django.contrib.postgres.operations: AddIndexConcurrently and RemoveIndexConcurrently, AddIndex
 * and RemoveIndex with PostgreSQL's CREATE/DROP INDEX CONCURRENTLY, which cannot run inside a
 * transaction (the migration must say `atomic = False`); CreateExtension and its named forms
 * (TrigramExtension …), which create the extension unless pg_extension already lists it.
 */
import { TypeError, type PyValue, pyError, str, truthy } from '../python/objects.ts';
import { CheckConstraint } from '../state/constraints.ts';
import { REQUIRED, type Signature } from '../python/signature.ts';
import { quoteName } from '../db/postgres/compiler.ts';
import { NotSupportedError } from '../django/exceptions.ts';
import type { ProjectState } from '../state/project-state.ts';
import { Operation, type OperationDeconstruction, type SchemaEditor, operationClass } from './base.ts';
import { AddConstraint, AddConstraintClass, AddIndex, AddIndexClass, RemoveIndex, RemoveIndexClass } from './models.ts';

const MODULE = 'django.contrib.postgres.operations';

/** NotInTransactionMixin._ensure_not_in_transaction. */
function ensureNotInTransaction(se: SchemaEditor, name: string): void {
  if (se.connection.inTransaction) {
    throw pyError(NotSupportedError, `The ${name} operation cannot be executed inside a transaction (set atomic = False on the migration).`);
  }
}

export class AddIndexConcurrently extends AddIndex {
  override atomic = false;
  override deconstruct(): OperationDeconstruction {
    return { ...super.deconstruct(), name: 'AddIndexConcurrently' };
  }
  override databaseForwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    ensureNotInTransaction(se, 'AddIndexConcurrently');
    const model = to.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.addIndex(model, this.index, true);
  }
  override databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    ensureNotInTransaction(se, 'AddIndexConcurrently');
    const model = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.removeIndex(model, this.index, true);
  }
  override describe(): string {
    return `Concurrently create index ${this.index.name} on field(s) ${this.index.fields.join(', ')} of model ${this.modelName}`;
  }
}

export class RemoveIndexConcurrently extends RemoveIndex {
  override atomic = false;
  override deconstruct(): OperationDeconstruction {
    return { ...super.deconstruct(), name: 'RemoveIndexConcurrently' };
  }
  override databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    ensureNotInTransaction(se, 'RemoveIndexConcurrently');
    const model = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.removeIndex(model, from.getModelState(appLabel, this.modelName).getIndexByName(this.name), true);
  }
  override databaseBackwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    ensureNotInTransaction(se, 'RemoveIndexConcurrently');
    const model = to.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.addIndex(model, to.getModelState(appLabel, this.modelName).getIndexByName(this.name), true);
  }
  override describe(): string {
    return `Concurrently remove index ${this.name} from ${this.modelName}`;
  }
}

export class CreateExtension extends Operation {
  static override signature: Signature = { name: 'CreateExtension.__init__', params: [['name', REQUIRED]] };
  override category = '+' as const;
  name: string;
  constructor(v: Map<string, PyValue>) {
    super();
    this.name = str(v.get('name')!);
  }
  override deconstruct(): OperationDeconstruction {
    return { name: this.cls.name, args: [...this.ctorArgs], kwargs: new Map(this.ctorKwargs) };
  }
  stateForwards(): void {}
  databaseForwards(_appLabel: string, se: SchemaEditor): void {
    if (!this.extensionExists(se)) se.execute(`CREATE EXTENSION IF NOT EXISTS ${quoteName(this.name)}`);
  }
  databaseBackwards(_appLabel: string, se: SchemaEditor): void {
    if (this.extensionExists(se)) se.execute(`DROP EXTENSION IF EXISTS ${quoteName(this.name)}`);
  }
  /** Asked of the live database, sqlmigrate included. */
  private extensionExists(se: SchemaEditor): boolean {
    return se.connection.execute('SELECT 1 FROM pg_extension WHERE extname = %s', [this.name]).rows.length > 0;
  }
  override describe(): string {
    return `Creates extension ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `create_extension_${this.name}`;
  }
}

const CreateExtensionClass = operationClass(CreateExtension, 'CreateExtension', MODULE);

/** `TrigramExtension()` …: CreateExtension with the name fixed by the class. */
function namedExtension(className: string, extension: string) {
  const ctor = class extends CreateExtension {
    static override signature: Signature = { name: `${className}.__init__`, params: [] };
    constructor(_v: Map<string, PyValue>) {
      super(new Map([['name', extension]]));
    }
  };
  return operationClass(ctor, className, MODULE, CreateExtensionClass);
}

/** AddConstraint of a check constraint left unvalidated: its ADD CONSTRAINT with ` NOT VALID`. */
export class AddConstraintNotValid extends AddConstraint {
  constructor(v: Map<string, PyValue>) {
    super(v);
    if (!(this.constraint instanceof CheckConstraint)) throw pyError(TypeError, 'AddConstraintNotValid.constraint must be a check constraint.');
  }
  override deconstruct(): OperationDeconstruction {
    return { ...super.deconstruct(), name: 'AddConstraintNotValid' };
  }
  override databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    const sql = se.constraintCreateSql?.(model, this.constraint);
    if (sql) se.execute(`${sql.toString()} NOT VALID`, null);
  }
  override describe(): string {
    return `Create not valid constraint ${this.constraint.name} on model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${super.migrationNameFragment}_not_valid`;
  }
}

/** ValidateConstraint: `ALTER TABLE … VALIDATE CONSTRAINT …`; nothing to undo, no state change. */
export class ValidateConstraint extends Operation {
  static override signature: Signature = {
    name: 'ValidateConstraint.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
    ],
  };
  modelName: string;
  name: string;
  constructor(v: Map<string, PyValue>) {
    super();
    this.modelName = str(v.get('model_name')!);
    this.name = str(v.get('name')!);
  }
  override deconstruct(): OperationDeconstruction {
    return { name: 'ValidateConstraint', args: [], kwargs: new Map<string, PyValue>([['model_name', this.modelName], ['name', this.name]]) };
  }
  stateForwards(): void {}
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.execute(`ALTER TABLE ${quoteName(model.dbTable)} VALIDATE CONSTRAINT ${quoteName(this.name)}`);
  }
  databaseBackwards(): void {}
  override describe(): string {
    return `Validate constraint ${this.name} on model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelName.toLowerCase()}_validate_${this.name.toLowerCase()}`;
  }
}

/** CreateCollation/RemoveCollation: `CREATE COLLATION "name" (locale="…"[, provider="…"][, deterministic=false])`. */
abstract class CollationOperation extends Operation {
  static override signature: Signature = {
    name: 'CollationOperation.__init__',
    params: [
      ['name', REQUIRED],
      ['locale', REQUIRED],
    ],
    kwonly: [
      ['provider', 'libc'],
      ['deterministic', true],
    ],
  };
  name: string;
  locale: string;
  provider: PyValue;
  deterministic: PyValue;
  constructor(v: Map<string, PyValue>) {
    super();
    this.name = str(v.get('name')!);
    this.locale = str(v.get('locale')!);
    this.provider = v.get('provider')!;
    this.deterministic = v.get('deterministic')!;
  }
  override deconstruct(): OperationDeconstruction {
    const kwargs = new Map<string, PyValue>([
      ['name', this.name],
      ['locale', this.locale],
    ]);
    if (truthy(this.provider) && this.provider !== 'libc') kwargs.set('provider', this.provider);
    if (this.deterministic === false) kwargs.set('deterministic', false);
    return { name: this.cls.qualname, args: [], kwargs };
  }
  stateForwards(): void {}
  protected createCollation(se: SchemaEditor): void {
    const args = [`locale=${quoteName(this.locale)}`];
    if (this.provider !== 'libc') args.push(`provider=${quoteName(str(this.provider))}`);
    if (this.deterministic === false) args.push('deterministic=false');
    se.execute(`CREATE COLLATION ${quoteName(this.name)} (${args.join(', ')})`);
  }
  protected removeCollation(se: SchemaEditor): void {
    se.execute(`DROP COLLATION ${quoteName(this.name)}`);
  }
}

export class CreateCollation extends CollationOperation {
  override category = '+' as const;
  databaseForwards(_appLabel: string, se: SchemaEditor): void {
    this.createCollation(se);
  }
  databaseBackwards(_appLabel: string, se: SchemaEditor): void {
    this.removeCollation(se);
  }
  override describe(): string {
    return `Create collation ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `create_collation_${this.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof RemoveCollation && this.name === operation.name) return [];
    return super.reduce(operation, appLabel);
  }
}

export class RemoveCollation extends CollationOperation {
  override category = '-' as const;
  databaseForwards(_appLabel: string, se: SchemaEditor): void {
    this.removeCollation(se);
  }
  databaseBackwards(_appLabel: string, se: SchemaEditor): void {
    this.createCollation(se);
  }
  override describe(): string {
    return `Remove collation ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `remove_collation_${this.name.toLowerCase()}`;
  }
}

export const POSTGRES_OPERATION_CLASSES = {
  CreateCollation: operationClass(CreateCollation, 'CreateCollation', MODULE),
  RemoveCollation: operationClass(RemoveCollation, 'RemoveCollation', MODULE),
  AddConstraintNotValid: operationClass(AddConstraintNotValid, 'AddConstraintNotValid', MODULE, AddConstraintClass),
  ValidateConstraint: operationClass(ValidateConstraint, 'ValidateConstraint', MODULE),
  CreateExtension: CreateExtensionClass,
  BloomExtension: namedExtension('BloomExtension', 'bloom'),
  BtreeGinExtension: namedExtension('BtreeGinExtension', 'btree_gin'),
  BtreeGistExtension: namedExtension('BtreeGistExtension', 'btree_gist'),
  CITextExtension: namedExtension('CITextExtension', 'citext'),
  CryptoExtension: namedExtension('CryptoExtension', 'pgcrypto'),
  HStoreExtension: namedExtension('HStoreExtension', 'hstore'),
  TrigramExtension: namedExtension('TrigramExtension', 'pg_trgm'),
  UnaccentExtension: namedExtension('UnaccentExtension', 'unaccent'),
  AddIndexConcurrently: operationClass(AddIndexConcurrently, 'AddIndexConcurrently', MODULE, AddIndexClass),
  RemoveIndexConcurrently: operationClass(RemoveIndexConcurrently, 'RemoveIndexConcurrently', MODULE, RemoveIndexClass),
};
