/**
 * django.contrib.postgres.operations: AddIndexConcurrently and RemoveIndexConcurrently, AddIndex
 * and RemoveIndex with PostgreSQL's CREATE/DROP INDEX CONCURRENTLY, which cannot run inside a
 * transaction (the migration must say `atomic = False`).
 */
import { pyError } from '../python/objects.ts';
import { NotSupportedError } from '../django/exceptions.ts';
import type { ProjectState } from '../state/project-state.ts';
import { type OperationDeconstruction, type SchemaEditor, operationClass } from './base.ts';
import { AddIndex, AddIndexClass, RemoveIndex, RemoveIndexClass } from './models.ts';

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

export const POSTGRES_OPERATION_CLASSES = {
  AddIndexConcurrently: operationClass(AddIndexConcurrently, 'AddIndexConcurrently', MODULE, AddIndexClass),
  RemoveIndexConcurrently: operationClass(RemoveIndexConcurrently, 'RemoveIndexConcurrently', MODULE, RemoveIndexClass),
};
