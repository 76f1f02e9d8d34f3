/**
 * Model operations: CreateModel, DeleteModel, RenameModel, AlterModelTable,
 * AlterModelTableComment, AlterUniqueTogether/AlterIndexTogether, AlterOrderWithRespectTo,
 * AlterModelOptions, AlterModelManagers, and the index/constraint operations.
 */
import {
  type Kwargs,
  PyClass,
  PyDict,
  PyList,
  PySet,
  PyTuple,
  type PyValue,
  None,
  ValueError,
  eq,
  pyError,
  repr,
  str,
  toArray,
  truthy,
} from '../python/objects.ts';
import { REQUIRED, type Signature } from '../python/signature.ts';
import type { Constraint } from '../state/constraints.ts';
import { Field } from '../state/fields/field.ts';
import type { ManyToManyRel } from '../state/fields/related.ts';
import { Index, IndexClass } from '../state/indexes.ts';
import { ModelState, normalizeTogether } from '../state/model-state.ts';
import type { ProjectState } from '../state/project-state.ts';
import { fieldReferences, resolveRelation } from '../state/references.ts';
import { Operation, type OperationDeconstruction, type SchemaEditor, makeOp, operationClass } from './base.ts';
import { AddField, AlterField, FieldOperation, RemoveField, RenameField } from './fields.ts';

const MODULE = 'django.db.migrations.operations.models';

/** `models.Model`, the default base of CreateModel (installed by engine/django). */
export const modelBaseRef: { Model: PyClass | null } = { Model: null };

function dictFrom(v: PyValue | undefined): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  if (v instanceof PyDict) for (const [k, x] of v.items()) out.set(String(k), x);
  return out;
}

function pyDict(m: Map<string, PyValue>): PyDict {
  return new PyDict([...m.entries()]);
}

export abstract class ModelOperation extends Operation {
  name: string;
  constructor(name: string) {
    super();
    this.name = name;
  }
  get nameLower(): string {
    return this.name.toLowerCase();
  }
  override referencesModel(name: string, _appLabel: string): boolean {
    return name.toLowerCase() === this.nameLower;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    return super.reduce(operation, appLabel) || this.canReduceThrough(operation, appLabel);
  }
  canReduceThrough(operation: Operation, appLabel: string): boolean {
    return !operation.referencesModel(this.name, appLabel);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'name') return this.name;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

export class CreateModel extends ModelOperation {
  static override signature: Signature = {
    name: 'CreateModel.__init__',
    params: [
      ['name', REQUIRED],
      ['fields', REQUIRED],
      ['options', None],
      ['bases', None],
      ['managers', None],
    ],
  };
  static override serializationExpandArgs = ['fields', 'options', 'managers'];
  override category = '+' as const;
  fields: [string, Field][];
  options: Map<string, PyValue>;
  /** Bases as written: labels ('app.model'), model classes or other classes. */
  bases: PyValue[];
  managers: [string, PyValue][];

  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.fields = toArray(v.get('fields')!).map((t) => {
      const [n, f] = toArray(t);
      return [String(n), f as Field];
    });
    const options = v.get('options');
    this.options = options === undefined || options === None ? new Map() : dictFrom(options);
    const bases = v.get('bases');
    this.bases = bases === undefined || bases === None || !truthy(bases) ? (modelBaseRef.Model ? [modelBaseRef.Model] : []) : toArray(bases);
    const managers = v.get('managers');
    this.managers = managers === undefined || managers === None ? [] : toArray(managers).map((t) => toArray(t) as [string, PyValue]);
    checkDuplicates('fields', this.fields.map(([n]) => n));
    checkDuplicates(
      'bases',
      this.bases.map((b) => (typeof b === 'string' ? b.toLowerCase() : b instanceof PyClass && b.native['modelMeta'] ? (b.native['modelMeta'] as { labelLower: string }).labelLower : b)),
    );
    checkDuplicates('managers', this.managers.map(([n]) => n));
  }

  static create(name: string, fields: [string, Field][], options: Map<string, PyValue> = new Map(), bases?: PyValue[], managers?: [string, PyValue][]): CreateModel {
    const kwargs: Record<string, PyValue> = {
      name,
      fields: new PyList(fields.map(([n, f]) => new PyTuple([n, f]))),
    };
    if (options.size) kwargs['options'] = pyDict(options);
    if (bases && !isDefaultBases(bases)) kwargs['bases'] = new PyTuple(bases);
    if (managers && managers.length) kwargs['managers'] = new PyList(managers.map(([n, m]) => new PyTuple([n, m])));
    return makeOp(CreateModelClass, kwargs) as CreateModel;
  }

  override deconstruct(): OperationDeconstruction {
    const kwargs: Kwargs = new Map<string, PyValue>([
      ['name', this.name],
      ['fields', new PyList(this.fields.map(([n, f]) => new PyTuple([n, f])))],
    ]);
    if (this.options.size) kwargs.set('options', pyDict(this.options));
    if (this.bases.length && !isDefaultBases(this.bases)) kwargs.set('bases', new PyTuple(this.bases));
    if (this.managers.length && !isDefaultManagers(this.managers)) kwargs.set('managers', new PyList(this.managers.map(([n, m]) => new PyTuple([n, m]))));
    return { name: 'CreateModel', args: [], kwargs };
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.addModel(
      new ModelState(
        appLabel,
        this.name,
        this.fields,
        new Map(this.options),
        this.bases.map((b) => (typeof b === 'string' ? b.toLowerCase() : (b as PyClass))),
        [...this.managers],
      ),
    );
  }

  databaseForwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.name);
    if (!this.allowMigrateModel(model)) return;
    se.createModel(model);
    const it = to.getModelState(appLabel, this.name).options.get('index_together');
    if (it !== undefined && truthy(it) && se.alterIndexTogether) se.alterIndexTogether(model, [], normalizeTogether(it));
  }

  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.name);
    if (this.allowMigrateModel(model)) se.deleteModel(model);
  }

  override describe(): string {
    return `Create ${truthy(this.options.get('proxy') ?? false) ? 'proxy ' : ''}model ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return this.nameLower;
  }

  override referencesModel(name: string, appLabel: string): boolean {
    const nameLower = name.toLowerCase();
    if (nameLower === this.nameLower) return true;
    return this.referencedModels(appLabel).has(`${appLabel}.${nameLower}`);
  }

  /** Models this operation's bases and relation fields point at (the optimizer asks often). */
  private referencedModels(appLabel: string): Set<string> {
    let refs = this.referenceCache.get(appLabel);
    if (refs) return refs;
    refs = new Set<string>();
    for (const base of this.bases) {
      if (base === modelBaseRef.Model) continue;
      if (typeof base === 'string' || (base instanceof PyClass && base.native['modelMeta'])) {
        const label = resolveRelation(base, appLabel, this.nameLower);
        if (label) refs.add(label);
      }
    }
    const self = `${appLabel}.${this.nameLower}`;
    for (const [, field] of this.fields) {
      for (const target of relationTargets(field)) {
        const label = resolveRelation(target, appLabel, this.nameLower);
        if (label && fieldReferences(self, field, label)) refs.add(label);
      }
    }
    this.referenceCache.set(appLabel, refs);
    return refs;
  }
  private readonly referenceCache = new Map<string, Set<string>>();

  private with(changes: { name?: string; fields?: [string, Field][]; options?: Map<string, PyValue>; managers?: [string, PyValue][] }): CreateModel {
    return CreateModel.create(changes.name ?? this.name, changes.fields ?? this.fields, changes.options ?? this.options, this.bases, changes.managers ?? this.managers);
  }

  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof DeleteModel && this.nameLower === operation.nameLower && !truthy(this.options.get('proxy') ?? false)) return [];
    if (operation instanceof RenameModel && this.nameLower === operation.oldNameLower) return [this.with({ name: operation.newName })];
    if (operation instanceof AlterModelOptions && this.nameLower === operation.nameLower) {
      const options = new Map([...this.options, ...operation.options]);
      for (const key of AlterModelOptions.ALTER_OPTION_KEYS) if (!operation.options.has(key)) options.delete(key);
      return [this.with({ options })];
    }
    if (operation instanceof AlterModelManagers && this.nameLower === operation.nameLower) return [this.with({ managers: operation.managers })];
    if (operation instanceof AlterModelTable && this.nameLower === operation.nameLower) {
      return [this.with({ options: new Map([...this.options, ['db_table', operation.table]]) })];
    }
    if (operation instanceof AlterModelTableComment && this.nameLower === operation.nameLower) {
      return [this.with({ options: new Map([...this.options, ['db_table_comment', operation.tableComment]]) })];
    }
    if (operation instanceof AlterTogetherOptionOperation && this.nameLower === operation.nameLower) {
      return [this.with({ options: new Map([...this.options, [operation.optionName, operation.optionValue]]) })];
    }
    if (operation instanceof AlterOrderWithRespectTo && this.nameLower === operation.nameLower) {
      return [this.with({ options: new Map([...this.options, ['order_with_respect_to', operation.orderWithRespectTo]]) })];
    }
    if (operation instanceof FieldOperation && this.nameLower === operation.modelNameLower) {
      if (operation instanceof AddField) return [this.with({ fields: [...this.fields, [operation.name, operation.field]] })];
      if (operation instanceof AlterField) {
        return [this.with({ fields: this.fields.map(([n, v]) => [n, n === operation.name ? operation.field : v]) })];
      }
      if (operation instanceof RemoveField) {
        const options = new Map(this.options);
        for (const optionName of ['unique_together', 'index_together']) {
          const option = options.get(optionName);
          options.delete(optionName);
          if (option !== undefined && truthy(option)) {
            const filtered = normalizeTogether(option)
              .map((fields) => fields.filter((f) => f !== operation.nameLower))
              .filter((t) => t.length > 0)
              .map((t) => new PyTuple(t));
            const set = new PySet(filtered);
            if (set.entries.size) options.set(optionName, set);
          }
        }
        if (options.get('order_with_respect_to') === operation.nameLower) options.delete('order_with_respect_to');
        return [this.with({ fields: this.fields.filter(([n]) => n.toLowerCase() !== operation.nameLower), options })];
      }
      if (operation instanceof RenameField) {
        const options = new Map(this.options);
        for (const optionName of ['unique_together', 'index_together']) {
          const option = options.get(optionName);
          if (option !== undefined && truthy(option)) {
            options.set(
              optionName,
              new PySet(normalizeTogether(option).map((fields) => new PyTuple(fields.map((f) => (f === operation.oldName ? operation.newName : f))))),
            );
          }
        }
        if (options.get('order_with_respect_to') === operation.oldName) options.set('order_with_respect_to', operation.newName);
        return [this.with({ fields: this.fields.map(([n, v]) => [n === operation.oldName ? operation.newName : n, v]), options })];
      }
    }
    if (operation instanceof IndexOperation && this.nameLower === operation.modelNameLower) {
      const list = (key: string) => toArray(this.options.get(key) ?? new PyList([]));
      if (operation instanceof AddIndex) {
        return [this.with({ options: new Map([...this.options, ['indexes', new PyList([...list('indexes'), operation.index])]]) })];
      }
      if (operation instanceof RemoveIndex) {
        return [
          this.with({
            options: new Map([...this.options, ['indexes', new PyList(list('indexes').filter((i) => (i as Index).name !== operation.name))]]),
          }),
        ];
      }
      if (operation instanceof AddConstraint) {
        return [this.with({ options: new Map([...this.options, ['constraints', new PyList([...list('constraints'), operation.constraint])]]) })];
      }
      if (operation instanceof RemoveConstraint) {
        return [
          this.with({
            options: new Map([
              ...this.options,
              ['constraints', new PyList(list('constraints').filter((c) => (c as unknown as Constraint).name !== operation.name))],
            ]),
          }),
        ];
      }
    }
    return super.reduce(operation, appLabel);
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'fields') return new PyList(this.fields.map(([n, f]) => new PyTuple([n, f])));
    if (name === 'options') return pyDict(this.options);
    return super.nativeGetAttr(name);
  }
}

/** What a field's relation can point at: its model and, for M2M, its through model. */
function relationTargets(field: Field): PyValue[] {
  const rel = field.remoteField;
  if (!rel) return [];
  const through = (rel as { through?: PyValue }).through;
  return through !== undefined && through !== None ? [rel.model, through] : [rel.model];
}

function isDefaultBases(bases: PyValue[]): boolean {
  return bases.length === 1 && bases[0] === modelBaseRef.Model;
}

function isDefaultManagers(managers: [string, PyValue][]): boolean {
  // [('objects', models.Manager())] — a plain default manager named objects.
  if (managers.length !== 1 || managers[0]![0] !== 'objects') return false;
  const m = managers[0]![1] as { isPlainDefault?: () => boolean };
  return typeof m.isPlainDefault === 'function' && m.isPlainDefault();
}

function checkDuplicates(argName: string, values: PyValue[]): void {
  const seen: PyValue[] = [];
  for (const v of values) {
    if (seen.some((s) => eq(s, v))) throw pyError(ValueError, `Found duplicate value ${typeof v === 'string' ? v : repr(v)} in CreateModel ${argName} argument.`);
    seen.push(v);
  }
}

// ---------------------------------------------------------------------------------------------

export class DeleteModel extends ModelOperation {
  static override signature: Signature = { name: 'DeleteModel.__init__', params: [['name', REQUIRED]] };
  override category = '-' as const;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
  }
  static create(name: string): DeleteModel {
    return makeOp(DeleteModelClass, { name }) as DeleteModel;
  }
  override deconstruct(): OperationDeconstruction {
    return { name: 'DeleteModel', args: [], kwargs: new Map([['name', this.name]]) };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.removeModel(appLabel, this.nameLower);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.name);
    if (this.allowMigrateModel(model)) se.deleteModel(model);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.name);
    if (this.allowMigrateModel(model)) se.createModel(model);
  }
  override referencesModel(): boolean {
    return true;
  }
  override describe(): string {
    return `Delete model ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `delete_${this.nameLower}`;
  }
}

// ---------------------------------------------------------------------------------------------

export class RenameModel extends ModelOperation {
  static override signature: Signature = {
    name: 'RenameModel.__init__',
    params: [
      ['old_name', REQUIRED],
      ['new_name', REQUIRED],
    ],
  };
  override category = '~' as const;
  oldName: string;
  newName: string;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('old_name')));
    this.oldName = String(v.get('old_name'));
    this.newName = String(v.get('new_name'));
  }
  static create(oldName: string, newName: string): RenameModel {
    return makeOp(RenameModelClass, { old_name: oldName, new_name: newName }) as RenameModel;
  }
  get oldNameLower(): string {
    return this.oldName.toLowerCase();
  }
  get newNameLower(): string {
    return this.newName.toLowerCase();
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'RenameModel',
      args: [],
      kwargs: new Map([
        ['old_name', this.oldName],
        ['new_name', this.newName],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.renameModel(appLabel, this.oldName, this.newName);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.move(appLabel, se, from, to, this.oldName, this.newName);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.move(appLabel, se, from, to, this.newName, this.oldName);
  }
  private move(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState, oldName: string, newName: string): void {
    const newModel = to.apps.getModel(appLabel, newName);
    if (!this.allowMigrateModel(newModel)) return;
    const oldModel = from.apps.getModel(appLabel, oldName);
    se.alterDbTable(newModel, oldModel.dbTable, newModel.dbTable);
    // Alter the fields pointing to us.
    for (const rel of from.apps.relatedObjectsOf(oldModel)) {
      const relatedModel = rel.field.model!;
      let model;
      let relatedKey: [string, string];
      if (relatedModel === oldModel) {
        model = newModel;
        relatedKey = [appLabel, newName.toLowerCase()];
      } else {
        relatedKey = [relatedModel.appLabel, relatedModel.modelName];
        model = to.apps.getModel(...relatedKey);
      }
      const toField = to.apps.getModel(...relatedKey).getField(rel.field.name!);
      se.alterField(model, rel.field, toField, false, { from: from.apps, to: to.apps });
    }
    // Rename M2M tables/columns whose names are based on this model's name.
    const oldM2M = oldModel.localManyToMany;
    const newM2M = newModel.localManyToMany;
    for (let i = 0; i < Math.min(oldM2M.length, newM2M.length); i++) {
      const oldField = oldM2M[i]!;
      const newField = newM2M[i]!;
      const rel = newField.remoteField as ManyToManyRel;
      if (rel.remoteModel === newModel || !rel.throughModel?.autoCreated) continue;
      se.alterManyToMany(newModel, oldField, newField, false);
    }
  }
  override referencesModel(name: string): boolean {
    const n = name.toLowerCase();
    return n === this.oldNameLower || n === this.newNameLower;
  }
  override describe(): string {
    return `Rename model ${this.oldName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    return `rename_${this.oldNameLower}_${this.newNameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof RenameModel && this.newNameLower === operation.oldNameLower) {
      return [RenameModel.create(this.oldName, operation.newName)];
    }
    // Skip ModelOperation.reduce: check references against the new name.
    return Operation.prototype.reduce.call(this, operation, appLabel) || !operation.referencesModel(this.newName, appLabel);
  }
}

// ---------------------------------------------------------------------------------------------

export abstract class ModelOptionOperation extends ModelOperation {
  override category = '~' as const;
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if ((operation.constructor === this.constructor || operation instanceof DeleteModel) && this.nameLower === (operation as ModelOperation).nameLower) {
      return [operation];
    }
    return super.reduce(operation, appLabel);
  }
}

export class AlterModelTable extends ModelOptionOperation {
  static override signature: Signature = {
    name: 'AlterModelTable.__init__',
    params: [
      ['name', REQUIRED],
      ['table', REQUIRED],
    ],
  };
  table: PyValue;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.table = v.get('table')!;
  }
  static create(name: string, table: PyValue): AlterModelTable {
    return makeOp(AlterModelTableClass, { name, table }) as AlterModelTable;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterModelTable',
      args: [],
      kwargs: new Map([
        ['name', this.name],
        ['table', this.table],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['db_table', this.table]]));
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const newModel = to.apps.getModel(appLabel, this.name);
    if (!this.allowMigrateModel(newModel)) return;
    const oldModel = from.apps.getModel(appLabel, this.name);
    se.alterDbTable(newModel, oldModel.dbTable, newModel.dbTable);
    const oldM2M = oldModel.localManyToMany;
    const newM2M = newModel.localManyToMany;
    for (let i = 0; i < Math.min(oldM2M.length, newM2M.length); i++) {
      const newThrough = (newM2M[i]!.remoteField as ManyToManyRel).throughModel;
      const oldThrough = (oldM2M[i]!.remoteField as ManyToManyRel).throughModel;
      if (newThrough && oldThrough && newThrough.autoCreated) se.alterDbTable(newThrough, oldThrough.dbTable, newThrough.dbTable);
    }
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.databaseForwards(appLabel, se, from, to);
  }
  override describe(): string {
    return `Rename table for ${this.name} to ${this.table !== None ? String(this.table) : '(default)'}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_table`;
  }
}

export class AlterModelTableComment extends ModelOptionOperation {
  static override signature: Signature = {
    name: 'AlterModelTableComment.__init__',
    params: [
      ['name', REQUIRED],
      ['table_comment', REQUIRED],
    ],
  };
  tableComment: PyValue;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.tableComment = v.get('table_comment')!;
  }
  static create(name: string, tableComment: PyValue): AlterModelTableComment {
    return makeOp(AlterModelTableCommentClass, { name, table_comment: tableComment }) as AlterModelTableComment;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterModelTableComment',
      args: [],
      kwargs: new Map([
        ['name', this.name],
        ['table_comment', this.tableComment],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['db_table_comment', this.tableComment]]));
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const newModel = to.apps.getModel(appLabel, this.name);
    if (!this.allowMigrateModel(newModel)) return;
    const oldModel = from.apps.getModel(appLabel, this.name);
    se.alterDbTableComment(newModel, oldModel.dbTableComment, newModel.dbTableComment);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.databaseForwards(appLabel, se, from, to);
  }
  override describe(): string {
    return `Alter ${this.name} table comment`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_table_comment`;
  }
}

export abstract class AlterTogetherOptionOperation extends ModelOptionOperation {
  abstract readonly optionName: 'unique_together' | 'index_together';
  /** A set of tuples (or None/empty), as Django keeps it. */
  optionValue: PyValue;
  constructor(name: string, value: PyValue) {
    super(name);
    this.optionValue = value !== None && truthy(value) ? new PySet(normalizeTogether(value).map((t) => new PyTuple(t))) : value;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: this.cls.name,
      args: [],
      kwargs: new Map([
        ['name', this.name],
        [this.optionName, this.optionValue],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([[this.optionName, this.optionValue]]));
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const newModel = to.apps.getModel(appLabel, this.name);
    if (!this.allowMigrateModel(newModel)) return;
    const fromValue = from.getModelState(appLabel, this.name).options.get(this.optionName);
    const toValue = to.getModelState(appLabel, this.name).options.get(this.optionName);
    const norm = (v: PyValue | undefined) => (v === undefined || v === None ? [] : normalizeTogether(v));
    if (this.optionName === 'unique_together') se.alterUniqueTogether(newModel, norm(fromValue), norm(toValue));
    else se.alterIndexTogether?.(newModel, norm(fromValue), norm(toValue));
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.databaseForwards(appLabel, se, from, to);
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return (
      this.referencesModel(modelName, appLabel) &&
      (!truthy(this.optionValue) || normalizeTogether(this.optionValue).some((fields) => fields.includes(name)))
    );
  }
  override describe(): string {
    const n = this.optionValue === None ? 0 : toArray(this.optionValue).length;
    return `Alter ${this.optionName} for ${this.name} (${n} constraint(s))`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_${this.optionName}`;
  }
  override canReduceThrough(operation: Operation, appLabel: string): boolean {
    return super.canReduceThrough(operation, appLabel) || (operation instanceof AlterTogetherOptionOperation && operation.constructor !== this.constructor);
  }
}

export class AlterUniqueTogether extends AlterTogetherOptionOperation {
  static override signature: Signature = {
    name: 'AlterUniqueTogether.__init__',
    params: [
      ['name', REQUIRED],
      ['unique_together', REQUIRED],
    ],
  };
  readonly optionName = 'unique_together' as const;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')), v.get('unique_together')!);
  }
  static create(name: string, value: PyValue): AlterUniqueTogether {
    return makeOp(AlterUniqueTogetherClass, { name, unique_together: value }) as AlterUniqueTogether;
  }
}

export class AlterIndexTogether extends AlterTogetherOptionOperation {
  static override signature: Signature = {
    name: 'AlterIndexTogether.__init__',
    params: [
      ['name', REQUIRED],
      ['index_together', REQUIRED],
    ],
  };
  readonly optionName = 'index_together' as const;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')), v.get('index_together')!);
  }
}

export class AlterOrderWithRespectTo extends ModelOptionOperation {
  static override signature: Signature = {
    name: 'AlterOrderWithRespectTo.__init__',
    params: [
      ['name', REQUIRED],
      ['order_with_respect_to', REQUIRED],
    ],
  };
  orderWithRespectTo: PyValue;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.orderWithRespectTo = v.get('order_with_respect_to')!;
  }
  static create(name: string, owrt: PyValue): AlterOrderWithRespectTo {
    return makeOp(AlterOrderWithRespectToClass, { name, order_with_respect_to: owrt }) as AlterOrderWithRespectTo;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterOrderWithRespectTo',
      args: [],
      kwargs: new Map([
        ['name', this.name],
        ['order_with_respect_to', this.orderWithRespectTo],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['order_with_respect_to', this.orderWithRespectTo]]));
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const toModel = to.apps.getModel(appLabel, this.name);
    if (!this.allowMigrateModel(toModel)) return;
    const fromModel = from.apps.getModel(appLabel, this.name);
    const fromHas = truthy(fromModel.orderWithRespectTo);
    const toHas = truthy(toModel.orderWithRespectTo);
    if (fromHas && !toHas) se.removeField(fromModel, fromModel.getField('_order'));
    else if (toHas && !fromHas) {
      const field = toModel.getField('_order');
      if (!field.hasDefault()) field.default = 0n;
      se.addField(fromModel, field);
    }
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.databaseForwards(appLabel, se, from, to);
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return this.referencesModel(modelName, appLabel) && (this.orderWithRespectTo === None || name === this.orderWithRespectTo);
  }
  override describe(): string {
    return `Set order_with_respect_to on ${this.name} to ${this.orderWithRespectTo === None ? 'None' : String(this.orderWithRespectTo)}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_order_with_respect_to`;
  }
}

export class AlterModelOptions extends ModelOptionOperation {
  static readonly ALTER_OPTION_KEYS = [
    'base_manager_name',
    'default_manager_name',
    'default_related_name',
    'get_latest_by',
    'managed',
    'ordering',
    'permissions',
    'default_permissions',
    'select_on_save',
    'verbose_name',
    'verbose_name_plural',
  ];
  static override signature: Signature = {
    name: 'AlterModelOptions.__init__',
    params: [
      ['name', REQUIRED],
      ['options', REQUIRED],
    ],
  };
  options: Map<string, PyValue>;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.options = dictFrom(v.get('options'));
  }
  static create(name: string, options: Map<string, PyValue>): AlterModelOptions {
    return makeOp(AlterModelOptionsClass, { name, options: pyDict(options) }) as AlterModelOptions;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterModelOptions',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['name', this.name],
        ['options', pyDict(this.options)],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelOptions(appLabel, this.nameLower, this.options, AlterModelOptions.ALTER_OPTION_KEYS);
  }
  databaseForwards(): void {}
  databaseBackwards(): void {}
  override describe(): string {
    return `Change Meta options on ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_options`;
  }
}

export class AlterModelManagers extends ModelOptionOperation {
  static override signature: Signature = {
    name: 'AlterModelManagers.__init__',
    params: [
      ['name', REQUIRED],
      ['managers', REQUIRED],
    ],
  };
  static override serializationExpandArgs = ['managers'];
  managers: [string, PyValue][];
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('name')));
    this.managers = toArray(v.get('managers')!).map((t) => toArray(t) as [string, PyValue]);
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterModelManagers',
      args: [this.name, new PyList(this.managers.map(([n, m]) => new PyTuple([n, m])))],
      kwargs: new Map(),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterModelManagers(appLabel, this.nameLower, this.managers);
  }
  databaseForwards(): void {}
  databaseBackwards(): void {}
  override describe(): string {
    return `Change managers on ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_managers`;
  }
}

// ---------------------------------------------------------------------------------------------
// Indexes and constraints

export abstract class IndexOperation extends Operation {
  modelName: string;
  constructor(modelName: string) {
    super();
    this.modelName = modelName;
  }
  get modelNameLower(): string {
    return this.modelName.toLowerCase();
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'model_name') return this.modelName;
    return undefined;
  }
}

export class AddIndex extends IndexOperation {
  static override signature: Signature = {
    name: 'AddIndex.__init__',
    params: [
      ['model_name', REQUIRED],
      ['index', REQUIRED],
    ],
  };
  override category = '+' as const;
  index: Index;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    const index = v.get('index') as Index;
    if (!index.name) {
      throw pyError(ValueError, `Indexes passed to AddIndex operations require a name argument. ${repr(index)} doesn't have one.`);
    }
    this.index = index;
  }
  static create(modelName: string, index: Index): AddIndex {
    return makeOp(AddIndexClass, { model_name: modelName, index }) as AddIndex;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AddIndex',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['model_name', this.modelName],
        ['index', this.index],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.addIndex(appLabel, this.modelNameLower, this.index);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.addIndex(model, this.index);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.removeIndex(model, this.index);
  }
  override describe(): string {
    if (this.index.expressions.length) {
      return `Create index ${this.index.name} on ${this.index.expressions.map((e) => exprStr(e)).join(', ')} on model ${this.modelName}`;
    }
    return `Create index ${this.index.name} on field(s) ${this.index.fields.join(', ')} of model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.index.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof RemoveIndex && this.index.name === operation.name) return [];
    if (operation instanceof RenameIndex && this.index.name === operation.oldName) {
      this.index.name = operation.newName;
      return [AddIndex.create(this.modelName, this.index)];
    }
    return super.reduce(operation, appLabel);
  }
}

/** `str(expression)`: F(name), Lower(F(name)), F(price) * Value(2) … */
function exprStr(e: PyValue): string {
  return str(e);
}

export class RemoveIndex extends IndexOperation {
  static override signature: Signature = {
    name: 'RemoveIndex.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
    ],
  };
  override category = '-' as const;
  name: string;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    this.name = String(v.get('name'));
  }
  static create(modelName: string, name: string): RemoveIndex {
    return makeOp(RemoveIndexClass, { model_name: modelName, name }) as RemoveIndex;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'RemoveIndex',
      args: [],
      kwargs: new Map([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.removeIndex(appLabel, this.modelNameLower, this.name);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, _to: ProjectState): void {
    const model = from.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    se.removeIndex(model, from.getModelState(appLabel, this.modelName).getIndexByName(this.name));
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    se.addIndex(model, to.getModelState(appLabel, this.modelName).getIndexByName(this.name));
  }
  override describe(): string {
    return `Remove index ${this.name} from ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.name.toLowerCase()}`;
  }
}

export class RenameIndex extends IndexOperation {
  static override signature: Signature = {
    name: 'RenameIndex.__init__',
    params: [
      ['model_name', REQUIRED],
      ['new_name', REQUIRED],
      ['old_name', None],
      ['old_fields', None],
    ],
  };
  override category = '~' as const;
  newName: string;
  oldName: string | null;
  oldFields: PyValue;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    const oldName = v.get('old_name')!;
    const oldFields = v.get('old_fields')!;
    if (!truthy(oldName) && !truthy(oldFields)) throw pyError(ValueError, 'RenameIndex requires one of old_name and old_fields arguments to be set.');
    if (truthy(oldName) && truthy(oldFields)) throw pyError(ValueError, 'RenameIndex.old_name and old_fields are mutually exclusive.');
    this.newName = String(v.get('new_name'));
    this.oldName = typeof oldName === 'string' ? oldName : null;
    this.oldFields = oldFields;
  }
  static create(modelName: string, newName: string, oldName: string): RenameIndex {
    return makeOp(RenameIndexClass, { model_name: modelName, new_name: newName, old_name: oldName }) as RenameIndex;
  }
  override deconstruct(): OperationDeconstruction {
    const kwargs = new Map<string, PyValue>([
      ['model_name', this.modelName],
      ['new_name', this.newName],
    ]);
    if (this.oldName) kwargs.set('old_name', this.oldName);
    if (truthy(this.oldFields)) kwargs.set('old_fields', this.oldFields);
    return { name: 'RenameIndex', args: [], kwargs };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    if (truthy(this.oldFields)) {
      state.addIndex(appLabel, this.modelNameLower, new Index(IndexClass, [], new Map<string, PyValue>([['fields', this.oldFields], ['name', this.newName]])));
      const ms = state.getModelState(appLabel, this.modelNameLower);
      const it = ms.options.get('index_together');
      if (it !== undefined) {
        const target = toArray(this.oldFields).map(String).join('\u0000');
        const remaining = normalizeTogether(it).filter((t) => t.map(String).join('\u0000') !== target);
        state.alterModelOptions(appLabel, this.modelNameLower, new Map([['index_together', new PyList(remaining.map((t) => new PyTuple(t)))]]));
      }
    } else {
      state.renameIndex(appLabel, this.modelNameLower, this.oldName!, this.newName);
    }
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    this.rename(appLabel, se, from, to, this.oldName, this.newName);
  }
  private rename(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState, oldName: string | null, newName: string): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    let oldIndex: Index;
    if (truthy(this.oldFields)) {
      const fromModel = from.apps.getModel(appLabel, this.modelName);
      const columns = toArray(this.oldFields).map((f) => fromModel.getField(String(f)).column!);
      const matching = se.constraintNames(fromModel, { columnNames: columns, index: true, unique: false });
      if (matching.length !== 1) {
        throw pyError(ValueError, `Found wrong number (${matching.length}) of indexes for ${fromModel.dbTable}(${columns.join(', ')}).`);
      }
      oldIndex = new Index(IndexClass, [], new Map<string, PyValue>([['fields', this.oldFields], ['name', matching[0]!]]));
    } else {
      oldIndex = from.getModelState(appLabel, this.modelName).getIndexByName(oldName!);
    }
    if (oldIndex.name === newName) return;
    const newIndex = to.getModelState(appLabel, this.modelName).getIndexByName(newName);
    se.renameIndex(model, oldIndex, newIndex);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    if (truthy(this.oldFields)) return;
    this.rename(appLabel, se, from, to, this.newName, this.oldName!);
  }
  override describe(): string {
    if (this.oldName) return `Rename index ${this.oldName} on ${this.modelName} to ${this.newName}`;
    return `Rename unnamed index for ${repr(this.oldFields)} on ${this.modelName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    if (this.oldName) return `rename_${this.oldName.toLowerCase()}_${this.newName.toLowerCase()}`;
    return `rename_${this.modelNameLower}_${toArray(this.oldFields).map(String).join('_')}_${this.newName.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (
      operation instanceof RenameIndex &&
      this.modelNameLower === operation.modelNameLower &&
      operation.oldName &&
      this.newName.toLowerCase() === operation.oldName.toLowerCase()
    ) {
      const kwargs: Record<string, PyValue> = { model_name: this.modelName, new_name: operation.newName, old_name: this.oldName ?? None, old_fields: this.oldFields };
      return [makeOp(RenameIndexClass, kwargs)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class AddConstraint extends IndexOperation {
  static override signature: Signature = {
    name: 'AddConstraint.__init__',
    params: [
      ['model_name', REQUIRED],
      ['constraint', REQUIRED],
    ],
  };
  override category = '+' as const;
  constraint: Constraint;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    this.constraint = v.get('constraint') as unknown as Constraint;
  }
  static create(modelName: string, constraint: Constraint): AddConstraint {
    return makeOp(AddConstraintClass, { model_name: modelName, constraint }) as AddConstraint;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AddConstraint',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['model_name', this.modelName],
        ['constraint', this.constraint],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.addConstraint(appLabel, this.modelNameLower, this.constraint);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.addConstraint(model, this.constraint);
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (this.allowMigrateModel(model)) se.removeConstraint(model, this.constraint);
  }
  override describe(): string {
    return `Create constraint ${this.constraint.name} on model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.constraint.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (operation instanceof RemoveConstraint && this.modelNameLower === operation.modelNameLower && this.constraint.name === operation.name) return [];
    if (operation instanceof AlterConstraint && this.modelNameLower === operation.modelNameLower && this.constraint.name === operation.name) {
      return [AddConstraint.create(this.modelName, operation.constraint)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RemoveConstraint extends IndexOperation {
  static override signature: Signature = {
    name: 'RemoveConstraint.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
    ],
  };
  override category = '-' as const;
  name: string;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    this.name = String(v.get('name'));
  }
  static create(modelName: string, name: string): RemoveConstraint {
    return makeOp(RemoveConstraintClass, { model_name: modelName, name }) as RemoveConstraint;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'RemoveConstraint',
      args: [],
      kwargs: new Map([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.removeConstraint(appLabel, this.modelNameLower, this.name);
  }
  databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    se.removeConstraint(model, from.getModelState(appLabel, this.modelName).getConstraintByName(this.name));
  }
  databaseBackwards(appLabel: string, se: SchemaEditor, _from: ProjectState, to: ProjectState): void {
    const model = to.apps.getModel(appLabel, this.modelName);
    if (!this.allowMigrateModel(model)) return;
    se.addConstraint(model, to.getModelState(appLabel, this.modelName).getConstraintByName(this.name));
  }
  override describe(): string {
    return `Remove constraint ${this.name} from model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.name.toLowerCase()}`;
  }
}

export class AlterConstraint extends IndexOperation {
  static override signature: Signature = {
    name: 'AlterConstraint.__init__',
    params: [
      ['model_name', REQUIRED],
      ['name', REQUIRED],
      ['constraint', REQUIRED],
    ],
  };
  override category = '~' as const;
  name: string;
  constraint: Constraint;
  constructor(v: Map<string, PyValue>) {
    super(String(v.get('model_name')));
    this.name = String(v.get('name'));
    this.constraint = v.get('constraint') as unknown as Constraint;
  }
  override deconstruct(): OperationDeconstruction {
    return {
      name: 'AlterConstraint',
      args: [],
      kwargs: new Map<string, PyValue>([
        ['model_name', this.modelName],
        ['name', this.name],
        ['constraint', this.constraint],
      ]),
    };
  }
  stateForwards(appLabel: string, state: ProjectState): void {
    state.alterConstraint(appLabel, this.modelNameLower, this.name, this.constraint);
  }
  databaseForwards(): void {}
  databaseBackwards(): void {}
  override describe(): string {
    return `Alter constraint ${this.name} on ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.modelNameLower}_${this.constraint.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): Operation[] | boolean {
    if (
      (operation instanceof AlterConstraint || operation instanceof RemoveConstraint) &&
      this.modelNameLower === operation.modelNameLower &&
      this.name === operation.name
    ) {
      return [operation];
    }
    return super.reduce(operation, appLabel);
  }
}

export const CreateModelClass = operationClass(CreateModel, 'CreateModel', MODULE);
export const DeleteModelClass = operationClass(DeleteModel, 'DeleteModel', MODULE);
export const RenameModelClass = operationClass(RenameModel, 'RenameModel', MODULE);
export const AlterModelTableClass = operationClass(AlterModelTable, 'AlterModelTable', MODULE);
export const AlterModelTableCommentClass = operationClass(AlterModelTableComment, 'AlterModelTableComment', MODULE);
export const AlterUniqueTogetherClass = operationClass(AlterUniqueTogether, 'AlterUniqueTogether', MODULE);
export const AlterIndexTogetherClass = operationClass(AlterIndexTogether, 'AlterIndexTogether', MODULE);
export const AlterOrderWithRespectToClass = operationClass(AlterOrderWithRespectTo, 'AlterOrderWithRespectTo', MODULE);
export const AlterModelOptionsClass = operationClass(AlterModelOptions, 'AlterModelOptions', MODULE);
export const AlterModelManagersClass = operationClass(AlterModelManagers, 'AlterModelManagers', MODULE);
export const AddIndexClass = operationClass(AddIndex, 'AddIndex', MODULE);
export const RemoveIndexClass = operationClass(RemoveIndex, 'RemoveIndex', MODULE);
export const RenameIndexClass = operationClass(RenameIndex, 'RenameIndex', MODULE);
export const AddConstraintClass = operationClass(AddConstraint, 'AddConstraint', MODULE);
export const RemoveConstraintClass = operationClass(RemoveConstraint, 'RemoveConstraint', MODULE);
export const AlterConstraintClass = operationClass(AlterConstraint, 'AlterConstraint', MODULE);
