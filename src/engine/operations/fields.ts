/**
 * Field operations: AddField, RemoveField, AlterField, RenameField.
 */
import { type Kwargs, type PyValue, None } from '../python/objects.ts';
import { REQUIRED, type Signature } from '../python/signature.ts';
import { Field, NOT_PROVIDED } from '../state/fields/field.ts';
import type { ProjectState } from '../state/project-state.ts';
import { fieldReferences } from '../state/references.ts';
import { Operation, type OperationDeconstruction, type SchemaEditor, makeOp, operationClass } from './base.ts';
import { DeleteModel } from './models.ts';

const MODULE = 'django.db.migrations.operations.fields';

export abstract class FieldOperation extends Operation {
  modelName: string;
  name: string;
  field: Field | null;

  constructor(modelName: string, name: string, field: Field | null) {
    super();
    this.modelName = modelName;
    this.name = name;
    this.field = field;
  }

  get modelNameLower(): string {
    return this.modelName.toLowerCase();
  }
  get nameLower(): string {
    return this.name.toLowerCase();
  }
  isSameModelOperation(op: FieldOperation): boolean {
    return this.modelNameLower === op.modelNameLower;
  }
  isSameFieldOperation(op: FieldOperation): boolean {
    return this.isSameModelOperation(op) && this.nameLower === op.nameLower;
  }

  override referencesModel(name: string, appLabel: string): boolean {
    const nameLower = name.toLowerCase();
    if (nameLower === this.modelNameLower) return true;
    if (this.field) return fieldReferences(`${appLabel}.${this.modelNameLower}`, this.field, `${appLabel}.${nameLower}`) !== false;
    return false;
  }

  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    const modelNameLower = modelName.toLowerCase();
    if (modelNameLower === this.modelNameLower && name === this.name) return true;
    if (!this.field) return false;
    return fieldReferences(`${appLabel}.${this.modelNameLower}`, this.field, `${appLabel}.${modelNameLower}`, name) !== false;
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    return super.reduce(operation, appLabel) || !operation.referencesField(this.modelName, this.name, appLabel);
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'model_name':
        return this.modelName;
      case 'name':
        return this.name;
      case 'field':
        return this.field ?? None;
    }
    return undefined;
  }
}

function fieldArg(v: PyValue | undefined): Field {
  return v as Field;
}

export class AddField extends FieldOperation {
  static override signature: Signature = {
    name: 'AddField.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
      ['field', REQUIRED],
      ['preserve_default', true],
    ],
  };
  override category = '+' as const;
  preserveDefault: PyValue;
  declare field: Field;

  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')), String(v.get('name')), fieldArg(v.get('field')));
    this.preserveDefault = v.get('preserve_default') ?? true;
  }

  static create(modelName: string, name: string, field: Field, preserveDefault: PyValue = true): AddField {
    return makeOp(AddFieldClass, { model_name: modelName, name, field, ...(preserveDefault !== true ? { preserve_default: preserveDefault } : {}) }) as AddField;
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map<string, PyValue>([
      ['model_name', this.modelName],
      ['name', this.name],
      ['field', this.field],
    ]);
    if (this.preserveDefault !== true) kwargs.set('preserve_default', this.preserveDefault);
    return { name: 'AddField', args: [], kwargs };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.addField(appLabel, this.modelNameLower, this.name, this.field, this.preserveDefault !== false);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    const field = toModel.getField(this.name);
    if (this.preserveDefault === false) field.default = this.field.default;
    try {
      se.addField(fromModel, field);
    } finally {
      if (this.preserveDefault === false) field.default = NOT_PROVIDED;
    }
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(fromModel)) se.removeField(fromModel, fromModel.getField(this.name));
  }

  override describe(): string {
    return `Add field ${this.name} to ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.nameLower}`;
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof FieldOperation && this.isSameFieldOperation(operation)) {
      if (operation instanceof AlterField) return [AddField.create(this.modelName, operation.name, operation.field)];
      if (operation instanceof RemoveField) return [];
      if (operation instanceof RenameField) return [AddField.create(this.modelName, operation.newName, this.field)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RemoveField extends FieldOperation {
  static override signature: Signature = {
    name: 'RemoveField.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
      ['field', None],
    ],
  };
  override category = '-' as const;

  constructor(v: Map<string, PyValue>) {
    const f = v.get('field');
    super(String(v.get('model_name')), String(v.get('name')), f instanceof Field ? f : null);
  }

  static create(modelName: string, name: string): RemoveField {
    return makeOp(RemoveFieldClass, { model_name: modelName, name }) as RemoveField;
  }

  override deconstruct(): OperationDeconstruction {
    return {
      name: 'RemoveField',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.removeField(appLabel, this.modelNameLower, this.name);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(fromModel)) se.removeField(fromModel, fromModel.getField(this.name));
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    se.addField(fromModel, toModel.getField(this.name));
  }

  override describe(): string {
    return `Remove field ${this.name} from ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.nameLower}`;
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof DeleteModel && operation.nameLower === this.modelNameLower) return [operation];
    return super.reduce(operation, appLabel);
  }
}

export class AlterField extends FieldOperation {
  static override signature: Signature = AddField.signature;
  override category = '~' as const;
  preserveDefault: PyValue;
  declare field: Field;

  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')), String(v.get('name')), fieldArg(v.get('field')));
    this.preserveDefault = v.get('preserve_default') ?? true;
  }

  static create(modelName: string, name: string, field: Field, preserveDefault: PyValue = true): AlterField {
    return makeOp(AlterFieldClass, { model_name: modelName, name, field, ...(preserveDefault !== true ? { preserve_default: preserveDefault } : {}) }) as AlterField;
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map<string, PyValue>([
      ['model_name', this.modelName],
      ['name', this.name],
      ['field', this.field],
    ]);
    if (this.preserveDefault !== true) kwargs.set('preserve_default', this.preserveDefault);
    return { name: 'AlterField', args: [], kwargs };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterField(appLabel, this.modelNameLower, this.name, this.field, this.preserveDefault !== false);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    const fromField = fromModel.getField(this.name);
    const toField = toModel.getField(this.name);
    if (this.preserveDefault === false) toField.default = this.field.default;
    try {
      se.alterField(fromModel, fromField, toField, false, { from: from.apps, to: to.apps });
    } finally {
      if (this.preserveDefault === false) toField.default = NOT_PROVIDED;
    }
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.databaseForwards(appLabel, se, from, to);
  }

  override describe(): string {
    return `Alter field ${this.name} on ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.modelNameLower}_${this.nameLower}`;
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if ((operation instanceof AlterField || operation instanceof RemoveField) && this.isSameFieldOperation(operation)) return [operation];
    if (operation instanceof RenameField && this.isSameFieldOperation(operation) && this.field.dbColumn === None) {
      return [operation, AlterField.create(this.modelName, operation.newName, this.field)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RenameField extends FieldOperation {
  static override signature: Signature = {
    name: 'RenameField.__init__',
    params: [
      ['model_name', REQUIRED],
      ['old_name', REQUIRED],
      ['new_name', REQUIRED],
    ],
  };
  override category = '~' as const;
  oldName: string;
  newName: string;

  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')), String(v.get('old_name')), null);
    this.oldName = String(v.get('old_name'));
    this.newName = String(v.get('new_name'));
  }

  static create(modelName: string, oldName: string, newName: string): RenameField {
    return makeOp(RenameFieldClass, { model_name: modelName, old_name: oldName, new_name: newName }) as RenameField;
  }

  get oldNameLower(): string {
    return this.oldName.toLowerCase();
  }
  get newNameLower(): string {
    return this.newName.toLowerCase();
  }

  override deconstruct(): OperationDeconstruction {
    return {
      name: 'RenameField',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['model_name', this.modelName],
        ['old_name', this.oldName],
        ['new_name', this.newName],
      ]),
    };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.renameField(appLabel, this.modelNameLower, this.oldName, this.newName);
  }

  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    se.alterField(fromModel, fromModel.getField(this.oldName), toModel.getField(this.newName), false, { from: from.apps, to: to.apps });
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.modelName);
    se.alterField(fromModel, fromModel.getField(this.newName), toModel.getField(this.oldName), false, { from: from.apps, to: to.apps });
  }

  override describe(): string {
    return `Rename field ${this.oldName} on ${this.modelName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    return `rename_${this.oldNameLower}_${this.modelNameLower}_${this.newNameLower}`;
  }

  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return this.referencesModel(modelName, appLabel) && (name.toLowerCase() === this.oldNameLower || name.toLowerCase() === this.newNameLower);
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof RenameField && this.isSameModelOperation(operation) && this.newNameLower === operation.oldNameLower) {
      return [RenameField.create(this.modelName, this.oldName, operation.newName)];
    }
    // Skip FieldOperation.reduce: check references against both names.
    const base = Operation.prototype.reduce.call(this, operation, appLabel);
    return (
      base ||
      !(operation.referencesField(this.modelName, this.oldName, appLabel) || operation.referencesField(this.modelName, this.newName, appLabel))
    );
  }
}

export const AddFieldClass = operationClass(AddField, 'AddField', MODULE);
export const RemoveFieldClass = operationClass(RemoveField, 'RemoveField', MODULE);
export const AlterFieldClass = operationClass(AlterField, 'AlterField', MODULE);
export const RenameFieldClass = operationClass(RenameField, 'RenameField', MODULE);
