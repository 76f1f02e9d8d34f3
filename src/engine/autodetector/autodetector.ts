/**
 * MigrationAutodetector (django.db.migrations.autodetector): compares two ProjectStates — the
 * migration history's and the models' — and produces the migrations that turn one into the
 * other, per app, named and numbered to extend the migration graph.
 *
 * The detection steps, their order, the dependency bookkeeping between operations, the per-app
 * topological sort (graphlib's order), the chopping into several migrations when apps depend on
 * each other, the optimizer pass and the naming follow Django 5.2 step by step: the operations,
 * their order, the split into migrations and the names all have to come out identical.
 *
 * Differences in representation: model keys are 'app.model' strings (lower-case model name,
 * like ProjectState), field keys 'app.model.field'; operations' dependencies live in a side
 * table instead of an `_auto_deps` attribute; Django's in-place edits of the states' fields and
 * options (`options.pop("indexes")`, repointing renamed relations) are done on copies.
 */
import {
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  type PyValue,
  None,
  ValueError,
  eq,
  pyError,
  repr,
  toArray,
  truthy,
  typeOf,
} from '../python/objects.ts';
import { Field, NOT_PROVIDED } from '../state/fields/field.ts';
import { type ForeignObjectRel, ManyToManyField, SettingsReference, swappable } from '../state/fields/related.ts';
import { isAutoFieldClass } from '../state/fields/registry.ts';
import { DateField, DateTimeField, TimeField } from '../state/fields/scalar.ts';
import { Func } from '../state/expressions.ts';
import type { Constraint } from '../state/constraints.ts';
import type { Index } from '../state/indexes.ts';
import { type ModelState, normalizeTogether } from '../state/model-state.ts';
import type { ProjectState } from '../state/project-state.ts';
import { resolveRelation } from '../state/references.ts';
import { type Operation, makeOp } from '../operations/base.ts';
import { AddField, AlterField, RemoveField, RenameField } from '../operations/fields.ts';
import {
  AddConstraint,
  AddIndex,
  AlterConstraintClass,
  AlterIndexTogether,
  AlterModelManagersClass,
  AlterModelOptions,
  AlterModelTable,
  AlterModelTableComment,
  AlterOrderWithRespectTo,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveIndex,
  RenameIndexClass,
  RenameModel,
} from '../operations/models.ts';
import { Dependency, Migration, migrationNameTimestamp } from '../migrations/migration.ts';
import type { MigrationGraph } from '../migrations/graph.ts';
import { MigrationOptimizer } from '../migrations/optimizer.ts';
import { MigrationQuestioner } from './questioner.ts';
import { type Deep, type DeepObject, deepDeconstruct, deepEqual, deepField, deepListEqual, kwargsEqual, pyStrCmp, pyTupleCmp, relationAgnosticFields } from './deconstruct.ts';
import { PySetOrder, pyHash } from '../python/set-order.ts';
import { TopologicalSorter } from './topological.ts';

// ---------------------------------------------------------------------------------------------
// Operation dependencies
// ---------------------------------------------------------------------------------------------

export enum DependencyType {
  CREATE = 'CREATE',
  REMOVE = 'REMOVE',
  ALTER = 'ALTER',
  REMOVE_ORDER_WRT = 'REMOVE_ORDER_WRT',
  ALTER_FOO_TOGETHER = 'ALTER_FOO_TOGETHER',
}

/** Django's OperationDependency(app_label, model_name, field_name, type). */
export interface OperationDependency {
  readonly appLabel: string;
  readonly modelName: string;
  readonly fieldName: string | null;
  readonly type: DependencyType;
}

function dep(appLabel: string, modelName: string, fieldName: string | null, type: DependencyType): OperationDependency {
  return { appLabel, modelName, fieldName, type };
}

function depKey(d: OperationDependency): string {
  return `${d.appLabel}\0${d.modelName}\0${d.fieldName ?? '\u0001None'}\0${d.type}`;
}

/**
 * list(set(dependencies)): Python's set order when it is deterministic (no None inside, so
 * every hash is a str hash under PYTHONHASHSEED=0), else first-seen order.
 */
function dedupeDependencies(deps: OperationDependency[]): OperationDependency[] {
  if (deps.every((d) => d.fieldName !== null)) {
    const set = new PySetOrder<OperationDependency>(
      (d) => pyHash([d.appLabel, d.modelName, d.fieldName!, { enumName: d.type }]),
      (a, b) => depKey(a) === depKey(b),
    );
    for (const d of deps) set.add(d);
    return set.values();
  }
  const seen = new Map<string, OperationDependency>();
  for (const d of deps) if (!seen.has(depKey(d))) seen.set(depKey(d), d);
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/** 'app.model' (model lower-cased as ProjectState keys are). */
type ModelKey = string;
/** 'app.model.field' */
type FieldKey = string;

function modelKey(appLabel: string, modelName: string): ModelKey {
  return `${appLabel}.${modelName}`;
}
function splitModelKey(k: ModelKey): [string, string] {
  const i = k.indexOf('.');
  return [k.slice(0, i), k.slice(i + 1)];
}
function fieldKey(appLabel: string, modelName: string, fieldName: string): FieldKey {
  return `${appLabel}.${modelName}.${fieldName}`;
}
function splitFieldKey(k: FieldKey): [string, string, string] {
  const i = k.indexOf('.');
  const j = k.indexOf('.', i + 1);
  return [k.slice(0, i), k.slice(i + 1, j), k.slice(j + 1)];
}
function sortedKeys<K extends string>(keys: Iterable<K>): K[] {
  return [...keys].sort((a, b) => pyTupleCmp(a.split('.'), b.split('.')));
}
function difference<T>(a: Iterable<T>, b: Set<T>): Set<T> {
  const out = new Set<T>();
  for (const x of a) if (!b.has(x)) out.add(x);
  return out;
}
function intersection<T>(a: Iterable<T>, b: Set<T>): Set<T> {
  const out = new Set<T>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

/** A set of model keys kept both as a JS set and as the CPython set Django iterates. */
class ModelKeySet {
  readonly keys = new Set<ModelKey>();
  readonly py = new PySetOrder<ModelKey>((k) => pyHash(splitModelKey(k)), (a, b) => a === b);
  add(k: ModelKey): void {
    this.keys.add(k);
    this.py.add(k);
  }
  delete(k: ModelKey): void {
    this.keys.delete(k);
    this.py.discard(k);
  }
  has(k: ModelKey): boolean {
    return this.keys.has(k);
  }
  /** `self - other` in CPython's iteration order. */
  pyDifference(other: ModelKeySet): ModelKey[] {
    return this.py.difference(other.py).values();
  }
}

// ---------------------------------------------------------------------------------------------
// Small Python-semantics helpers
// ---------------------------------------------------------------------------------------------

function isCallable(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  return v instanceof PyClass || v.nativeCall !== undefined || typeOf(v).lookup('__call__') !== undefined;
}

function option(ms: ModelState, name: string): PyValue | undefined {
  return ms.options.get(name);
}
function optionTruthy(ms: ModelState, name: string): boolean {
  const v = ms.options.get(name);
  return v !== undefined && truthy(v);
}
function isManaged(ms: ModelState): boolean {
  const v = ms.options.get('managed');
  return v === undefined || truthy(v);
}
/** `a != b` for option values where a missing option reads as None (dict.get). */
function optionChanged(a: PyValue | undefined, b: PyValue | undefined): boolean {
  return !eq(a ?? None, b ?? None);
}

/** Field names in a unique_together/index_together value, as tuples of str. */
function togetherSet(value: PyValue | undefined): string[][] {
  if (value === undefined || value === None || !truthy(value)) return [];
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const t of normalizeTogether(value)) {
    const names = t.map(String);
    const k = names.join('\0');
    if (!seen.has(k)) {
      seen.add(k);
      out.push(names);
    }
  }
  return out;
}
const tupleKey = (t: readonly string[]) => t.join('\0');
function setOfTuples(values: string[][]): PySet {
  return new PySet(values.map((t) => new PyTuple(t)));
}
function sameTupleSets(a: string[][], b: string[][]): boolean {
  const bk = new Set(b.map(tupleKey));
  return a.length === b.length && a.every((t) => bk.has(tupleKey(t)));
}

function isTimeField(f: Field): f is DateField | TimeField {
  return f instanceof DateField || f instanceof DateTimeField || f instanceof TimeField;
}

/** A relation's target as Django's `swappable_setting` reads it (`remote_field.model` as a string). */
function relationTargetText(model: PyValue): string | null {
  if (typeof model === 'string') return model;
  if (model instanceof SettingsReference) return model.value;
  if (model instanceof PyClass) {
    const meta = model.native['modelMeta'] as { label?: string } | undefined;
    if (meta?.label) return meta.label;
    const info = model.native['modelInfo'] as { appLabel: string; objectName: string } | undefined;
    if (info) return `${info.appLabel}.${info.objectName}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

export interface AutodetectorOptions {
  /**
   * Values of the swappable settings as 'app.Model' (Django reads `settings.AUTH_USER_MODEL`).
   * Default: `{ AUTH_USER_MODEL: 'auth.User' }`.
   */
  settings?: Record<string, string>;
  /**
   * Which setting a relation target ('auth.user') is swappable by — Django's
   * `apps.get_swappable_settings_name`. Default: the states' AppsConfig hook, else the
   * project-wide `swappable.settingFor`.
   */
  swappableSettingFor?: (labelLower: string) => string | null;
  /** `auto_<timestamp>` part of names for migrations whose operations can't all be named. */
  timestamp?: string;
  /** Clock used for the timestamp when `timestamp` isn't given. */
  now?: () => Date;
}

export interface ChangesOptions {
  /** Keep only these apps' migrations and the migrations they need (makemigrations app_label …). */
  trimToApps?: Iterable<string> | null;
  /** Apps whose models count as new even though from_state has them as real apps. */
  convertApps?: Iterable<string> | null;
  /** --name */
  migrationName?: string | null;
}

type DepTuple = [string, string];

interface AltIndexes {
  added: Index[];
  removed: Index[];
  renamed: [string | null, string, string[] | null][];
}

interface AltConstraints {
  added: Constraint[];
  removed: Constraint[];
  altered: Constraint[];
}

interface RenamedFieldOperation {
  remAppLabel: string;
  remModelName: string;
  remDbColumn: PyValue;
  remFieldName: string;
  appLabel: string;
  modelName: string;
  field: Field;
  fieldName: string;
}

/** {remote model key: {model key: {field name: field}}} — ProjectState.relations. */
type Relations = Map<ModelKey, Map<ModelKey, Map<string, Field>>>;

// ---------------------------------------------------------------------------------------------
// The autodetector
// ---------------------------------------------------------------------------------------------

export class MigrationAutodetector {
  readonly questioner: MigrationQuestioner;
  readonly existingApps: Set<string>;
  private readonly settings: Record<string, string>;
  private readonly swappableSettingFor: (labelLower: string) => string | null;
  private readonly timestampOpt?: string;
  private readonly now: () => Date;

  // Detection state (Django's instance attributes).
  private generatedOperations = new Map<string, Operation[]>();
  private readonly autoDeps = new Map<Operation, OperationDependency[]>();
  private alteredIndexes = new Map<ModelKey, AltIndexes>();
  private alteredConstraints = new Map<ModelKey, AltConstraints>();
  private renamedFields = new Map<FieldKey, string>();
  private renamedModels = new Map<ModelKey, string>();
  private renamedModelsRel = new Map<string, string>();
  private renamedOperations: RenamedFieldOperation[] = [];
  private renamedIndexTogetherValues = new Map<ModelKey, string[][]>();
  private oldModelKeys = new ModelKeySet();
  private oldProxyKeys = new ModelKeySet();
  private oldUnmanagedKeys = new ModelKeySet();
  private newModelKeys = new ModelKeySet();
  private newProxyKeys = new ModelKeySet();
  private newUnmanagedKeys = new ModelKeySet();
  private keptModelKeys = new Set<ModelKey>();
  private keptProxyKeys = new Set<ModelKey>();
  private keptUnmanagedKeys = new Set<ModelKey>();
  private oldFieldKeys = new Set<FieldKey>();
  private newFieldKeys = new Set<FieldKey>();
  private throughUsers = new Map<ModelKey, [string, string, string]>();
  private fromRelations: Relations = new Map();
  private toRelations: Relations = new Map();
  private migrations = new Map<string, Migration[]>();
  /** Dependencies of the migrations being built, as (app_label, name) pairs. */
  private readonly migrationDeps = new Map<Migration, DepTuple[]>();

  constructor(
    readonly fromState: ProjectState,
    readonly toState: ProjectState,
    questioner?: MigrationQuestioner | null,
    options: AutodetectorOptions = {},
  ) {
    this.questioner = questioner ?? new MigrationQuestioner();
    // Models of unmigrated apps (real_apps) are in our states but never in Django's `from_state.models`.
    this.existingApps = new Set([...fromState.models.values()].map((ms) => ms.appLabel).filter((app) => !fromState.realApps.has(app)));
    this.settings = { AUTH_USER_MODEL: 'auth.User', ...(options.settings ?? {}) };
    this.swappableSettingFor =
      options.swappableSettingFor ??
      ((label) => (toState.config.swappableSettingFor ? toState.config.swappableSettingFor(label) : swappable.settingFor(label)));
    this.timestampOpt = options.timestamp;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Main entry point: the migrations per app (Map in Django's dict order, which is the order
   * makemigrations prints them in), named to extend `graph`.
   */
  async changes(graph: MigrationGraph, opts: ChangesOptions = {}): Promise<Map<string, Migration[]>> {
    const convertApps = opts.convertApps ? new Set(opts.convertApps) : null;
    let changes = await this.detectChanges(convertApps, graph);
    changes = await this.arrangeForGraph(changes, graph, opts.migrationName ?? null);
    if (opts.trimToApps) {
      const apps = new Set(opts.trimToApps);
      if (apps.size) changes = this.trimToApps(changes, apps);
    }
    return changes;
  }

  private get timestamp(): string {
    return this.timestampOpt ?? migrationNameTimestamp(this.now());
  }

  // -------------------------------------------------------------------------------------------
  // _detect_changes
  // -------------------------------------------------------------------------------------------

  private async detectChanges(convertApps: Set<string> | null, graph: MigrationGraph | null): Promise<Map<string, Migration[]>> {
    this.generatedOperations = new Map();
    this.alteredIndexes = new Map();
    this.alteredConstraints = new Map();
    this.renamedFields = new Map();

    // Old/new model lists, separating proxy models and ignoring unmigrated apps.
    this.oldModelKeys = new ModelKeySet();
    this.oldProxyKeys = new ModelKeySet();
    this.oldUnmanagedKeys = new ModelKeySet();
    this.newModelKeys = new ModelKeySet();
    this.newProxyKeys = new ModelKeySet();
    this.newUnmanagedKeys = new ModelKeySet();
    for (const [key, ms] of this.fromState.models) {
      if (!isManaged(ms)) this.oldUnmanagedKeys.add(key);
      else if (!this.fromState.realApps.has(ms.appLabel)) {
        if (optionTruthy(ms, 'proxy')) this.oldProxyKeys.add(key);
        else this.oldModelKeys.add(key);
      }
    }
    for (const [key, ms] of this.toState.models) {
      if (!isManaged(ms)) this.newUnmanagedKeys.add(key);
      else if (!this.fromState.realApps.has(ms.appLabel) || (convertApps && convertApps.has(ms.appLabel))) {
        if (optionTruthy(ms, 'proxy')) this.newProxyKeys.add(key);
        else this.newModelKeys.add(key);
      }
    }

    this.fromRelations = computeRelations(this.fromState);
    this.toRelations = computeRelations(this.toState);

    // Renames have to come first.
    await this.generateRenamedModels();

    this.prepareFieldLists();
    this.generateThroughModelMap();

    // Non-rename model operations.
    this.generateDeletedModels();
    this.generateCreatedModels();
    this.generateDeletedProxies();
    this.generateCreatedProxies();
    this.generateAlteredOptions();
    this.generateAlteredManagers();
    this.generateAlteredDbTableComment();

    await this.createRenamedFields();
    this.createAlteredIndexes();
    this.createAlteredConstraints();
    // Index/constraint removal before fields are removed.
    this.generateRemovedConstraints();
    this.generateRemovedIndexes();
    this.generateRenamedFields();
    this.generateRenamedIndexes();
    this.generateRemovedAlteredUniqueTogether();
    // Field operations.
    this.generateRemovedFields();
    await this.generateAddedFields();
    await this.generateAlteredFields();
    this.generateAlteredOrderWithRespectTo();
    this.generateAlteredUniqueTogether();
    this.generateAddedIndexes();
    this.generateAddedConstraints();
    this.generateAlteredConstraints();
    this.generateAlteredDbTable();

    this.sortMigrations();
    this.buildMigrationList(graph);
    this.optimizeMigrations();
    return this.migrations;
  }

  private model(state: ProjectState, key: ModelKey): ModelState {
    const ms = state.models.get(key);
    if (!ms) throw new Error(`KeyError: ${key}`);
    return ms;
  }

  /** The from_state key of a (possibly renamed) model. */
  private oldKeyOf(appLabel: string, modelName: string): ModelKey {
    return modelKey(appLabel, this.renamedModels.get(modelKey(appLabel, modelName)) ?? modelName);
  }

  private addOperation(appLabel: string, operation: Operation, dependencies: OperationDependency[] = [], beginning = false): void {
    this.autoDeps.set(operation, dependencies);
    let list = this.generatedOperations.get(appLabel);
    if (!list) {
      list = [];
      this.generatedOperations.set(appLabel, list);
    }
    if (beginning) list.unshift(operation);
    else list.push(operation);
  }

  // -------------------------------------------------------------------------------------------
  // Dependencies
  // -------------------------------------------------------------------------------------------

  /** Whether `operation` satisfies `dependency` (check_dependency). */
  checkDependency(operation: Operation, dependency: OperationDependency): boolean {
    const modelLower = dependency.modelName.toLowerCase();
    const fieldName = dependency.fieldName;
    switch (dependency.type) {
      case DependencyType.CREATE:
        if (fieldName === null) return operation instanceof CreateModel && operation.nameLower === modelLower;
        return (
          (operation instanceof CreateModel && operation.nameLower === modelLower && operation.fields.some(([n]) => n === fieldName)) ||
          (operation instanceof AddField && operation.modelNameLower === modelLower && operation.nameLower === fieldName.toLowerCase())
        );
      case DependencyType.REMOVE:
        if (fieldName === null) return operation instanceof DeleteModel && operation.nameLower === modelLower;
        return operation instanceof RemoveField && operation.modelNameLower === modelLower && operation.nameLower === fieldName.toLowerCase();
      case DependencyType.ALTER:
        if (fieldName === null) break;
        return operation instanceof AlterField && operation.modelNameLower === modelLower && operation.nameLower === fieldName.toLowerCase();
      case DependencyType.REMOVE_ORDER_WRT:
        if (fieldName === null) break;
        return (
          operation instanceof AlterOrderWithRespectTo &&
          operation.nameLower === modelLower &&
          (typeof operation.orderWithRespectTo === 'string' && operation.orderWithRespectTo ? operation.orderWithRespectTo : '').toLowerCase() !==
            fieldName.toLowerCase()
        );
      case DependencyType.ALTER_FOO_TOGETHER:
        if (fieldName === null) break;
        return (operation instanceof AlterUniqueTogether || operation instanceof AlterIndexTogether) && operation.nameLower === modelLower;
    }
    throw pyError(ValueError, `Can't handle dependency ${depRepr(dependency)}`);
  }

  /** _resolve_dependency: a swappable dependency resolved through its setting. */
  private resolveDependency(d: OperationDependency): [OperationDependency, boolean] {
    if (d.appLabel !== '__setting__') return [d, false];
    const value = this.settings[d.modelName];
    if (value === undefined) throw new Error(`AttributeError: 'Settings' object has no attribute '${d.modelName}'`);
    const [app, name] = value.split('.') as [string, string];
    return [dep(app, name.toLowerCase(), d.fieldName, d.type), true];
  }

  /** The swappable setting a relation field's target goes through (RelatedField.swappable_setting). */
  private swappableSetting(field: Field): string | null {
    const sw = (field as { swappable?: PyValue }).swappable;
    if (sw === undefined || !truthy(sw) || !field.remoteField) return null;
    const text = relationTargetText(field.remoteField.model);
    if (text === null) return null;
    return this.swappableSettingFor(text.toLowerCase());
  }

  /**
   * _get_dependencies_for_foreign_key: the target model's creation (or the swappable setting),
   * and the through model's. `field` may be a reverse relation (RenameModel asks for the models
   * pointing at it): its target is the model owning the forward field.
   */
  private dependenciesForForeignKey(appLabel: string, modelName: string, field: Field | ForeignObjectRel, state: ProjectState): OperationDependency[] {
    let remoteModel: PyValue | null = null;
    let swappableSetting: string | null = null;
    let through: PyValue = None;
    if (field instanceof Field) {
      remoteModel = field.remoteField!.model;
      swappableSetting = this.swappableSetting(field);
      if (field instanceof ManyToManyField) through = field.remoteField.through;
    } else {
      const relations = (state === this.toState ? this.toRelations : this.fromRelations).get(modelKey(appLabel, modelName));
      for (const [remoteKey, fields] of relations ?? []) {
        if ([...fields.values()].some((f) => f.remoteField === field)) {
          remoteModel = remoteKey;
          break;
        }
      }
    }
    let depApp: string;
    let depName: string;
    if (swappableSetting !== null) {
      depApp = '__setting__';
      depName = swappableSetting;
    } else {
      const label = resolveRelation(remoteModel ?? None, appLabel, modelName);
      if (label === null) throw new Error(`cannot resolve relation ${repr(remoteModel ?? None)}`);
      [depApp, depName] = splitModelKey(label);
    }
    const deps = [dep(depApp, depName, null, DependencyType.CREATE)];
    if (through !== None && truthy(through)) {
      const label = resolveRelation(through, appLabel, modelName);
      if (label !== null) {
        const [a, m] = splitModelKey(label);
        deps.push(dep(a, m, null, DependencyType.CREATE));
      }
    }
    return deps;
  }

  private dependenciesForGeneratedField(field: Field): OperationDependency[] {
    const expression = (field as { expression?: PyValue }).expression;
    const referenced = referencedBaseFields(expression);
    const out: OperationDependency[] = [];
    for (const key of sortedKeys(difference(this.newFieldKeys, this.oldFieldKeys))) {
      const [app, model, name] = splitFieldKey(key);
      const added = this.model(this.toState, modelKey(app, model)).getField(name);
      if ((added.remoteField && added.remoteField.model) || referenced.has(name)) out.push(dep(app, model, name, DependencyType.CREATE));
    }
    return out;
  }

  /** _get_dependencies_for_model: the targets of all the model's relation fields. */
  private dependenciesForModel(appLabel: string, modelName: string): OperationDependency[] {
    const out: OperationDependency[] = [];
    const ms = this.model(this.toState, modelKey(appLabel, modelName));
    for (const field of ms.fields.values()) {
      if (field.isRelation) out.push(...this.dependenciesForForeignKey(appLabel, modelName, field, this.toState));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Models
  // -------------------------------------------------------------------------------------------

  /** swappable_first_key: potential swappable models sort first among created models. */
  private swappableFirstKey(key: ModelKey): [string, string] {
    const [app, model] = splitModelKey(key);
    const ms = this.toState.models.get(key);
    if (ms) {
      const baseNames = new Set(ms.bases.map((b) => (typeof b === 'string' ? b : b.name)));
      const authUser = (this.settings['AUTH_USER_MODEL'] ?? '').toLowerCase();
      if (optionTruthy(ms, 'swappable') || baseNames.has('AbstractUser') || baseNames.has('AbstractBaseUser') || authUser === `${app}.${model}`.toLowerCase()) {
        return [`___${app}`, `___${model}`];
      }
    }
    return [app, model];
  }

  private async generateRenamedModels(): Promise<void> {
    this.renamedModels = new Map();
    this.renamedModelsRel = new Map();
    const added = sortedKeys(difference(this.newModelKeys.keys, this.oldModelKeys.keys));
    for (const key of added) {
      const [appLabel, modelName] = splitModelKey(key);
      const ms = this.model(this.toState, key);
      const fieldsDef = relationAgnosticFields(ms.fields);
      const removed = this.oldModelKeys.pyDifference(this.newModelKeys);
      for (const remKey of removed) {
        const [remApp, remModel] = splitModelKey(remKey);
        if (remApp !== appLabel) continue;
        const remState = this.model(this.fromState, remKey);
        if (!deepListEqual(fieldsDef, relationAgnosticFields(remState.fields))) continue;
        if (!(await this.questioner.askRenameModel(remState, ms))) continue;
        const dependencies: OperationDependency[] = [];
        const fields: (Field | ForeignObjectRel)[] = [...ms.fields.values()];
        for (const relFields of (this.toRelations.get(key) ?? new Map()).values()) {
          for (const f of relFields.values()) fields.push(f.remoteField!);
        }
        for (const f of fields) {
          const isRelation = f instanceof Field ? f.isRelation : true;
          if (isRelation) dependencies.push(...this.dependenciesForForeignKey(appLabel, modelName, f, this.toState));
        }
        this.addOperation(appLabel, RenameModel.create(remState.name, ms.name), dependencies);
        this.renamedModels.set(key, remModel);
        this.renamedModelsRel.set(`${remState.appLabel}.${remState.nameLower}`, `${ms.appLabel}.${ms.nameLower}`);
        this.oldModelKeys.delete(remKey);
        this.oldModelKeys.add(key);
        break;
      }
    }
  }

  private prepareFieldLists(): void {
    this.keptModelKeys = intersection(this.oldModelKeys.keys, this.newModelKeys.keys);
    this.keptProxyKeys = intersection(this.oldProxyKeys.keys, this.newProxyKeys.keys);
    this.keptUnmanagedKeys = intersection(this.oldUnmanagedKeys.keys, this.newUnmanagedKeys.keys);
    this.throughUsers = new Map();
    this.oldFieldKeys = new Set();
    this.newFieldKeys = new Set();
    for (const key of this.keptModelKeys) {
      const [app, model] = splitModelKey(key);
      for (const name of this.model(this.fromState, this.oldKeyOf(app, model)).fields.keys()) this.oldFieldKeys.add(fieldKey(app, model, name));
      for (const name of this.model(this.toState, key).fields.keys()) this.newFieldKeys.add(fieldKey(app, model, name));
    }
  }

  private generateThroughModelMap(): void {
    for (const key of sortedKeys(this.oldModelKeys.keys)) {
      const [app, model] = splitModelKey(key);
      const oldModelName = this.renamedModels.get(key) ?? model;
      const old = this.model(this.fromState, modelKey(app, oldModelName));
      for (const [name, field] of old.fields) {
        if (field instanceof ManyToManyField && field.remoteField.through !== None && truthy(field.remoteField.through)) {
          const throughKey = resolveRelation(field.remoteField.through, app, model);
          if (throughKey !== null) this.throughUsers.set(throughKey, [app, oldModelName, name]);
        }
      }
    }
  }

  private generateCreatedModels(): void {
    const oldKeys = new Set([...this.oldModelKeys.keys, ...this.oldUnmanagedKeys.keys]);
    const byKey = (a: ModelKey, b: ModelKey) => pyTupleCmp(this.swappableFirstKey(b), this.swappableFirstKey(a)); // reverse=True
    const addedModels = [...difference(this.newModelKeys.keys, oldKeys)].sort(byKey);
    const addedUnmanaged = [...difference(this.newUnmanagedKeys.keys, oldKeys)].sort(byKey);
    for (const key of [...addedModels, ...addedUnmanaged]) {
      const [appLabel, modelName] = splitModelKey(key);
      const ms = this.model(this.toState, key);
      // Gather related fields.
      const relatedFields = new Map<string, Field>();
      let primaryKeyRel: PyValue | null = null;
      for (const [name, field] of ms.fields) {
        const rel = field.remoteField;
        if (!rel) continue;
        if (rel.model) {
          if (field.isPrimaryKey) primaryKeyRel = rel.model;
          else if (!truthy(rel.parentLink)) relatedFields.set(name, field);
        }
        if (field instanceof ManyToManyField && field.remoteField.through !== None && truthy(field.remoteField.through)) relatedFields.set(name, field);
      }
      // Indexes, constraints, unique_together and order_with_respect_to are deferred.
      const options = new Map(ms.options);
      const indexes = toArray(options.get('indexes') ?? new PyList()) as unknown as Index[];
      const constraints = toArray(options.get('constraints') ?? new PyList()) as unknown as Constraint[];
      const uniqueTogether = options.get('unique_together') ?? None;
      const orderWithRespectTo = options.get('order_with_respect_to') ?? None;
      for (const k of ['indexes', 'constraints', 'unique_together', 'order_with_respect_to']) options.delete(k);
      // Depend on the deletion of any possible proxy version of us, and on all bases.
      const dependencies = [dep(appLabel, modelName, null, DependencyType.REMOVE)];
      for (const base of ms.bases) {
        if (typeof base !== 'string' || !base.includes('.')) continue;
        const i = base.indexOf('.');
        const baseApp = base.slice(0, i);
        const baseName = base.slice(i + 1);
        dependencies.push(dep(baseApp, baseName, null, DependencyType.CREATE));
        // Depend on the removal of base fields if the new model has a field with the same name.
        const oldBase = this.fromState.models.get(modelKey(baseApp, baseName));
        const newBase = this.toState.models.get(modelKey(baseApp, baseName));
        if (oldBase && newBase) {
          // A Python set: iteration order of set(old).difference(new).intersection(fields).
          // (.intersection(dict) iterates the dict: the new model's fields, in order).
          const removedBaseFields = pyStrSetOrder([...ms.fields.keys()].filter((f) => oldBase.fields.has(f) && !newBase.fields.has(f)));
          for (const f of removedBaseFields) dependencies.push(dep(baseApp, baseName, f, DependencyType.REMOVE));
        }
      }
      // Depend on the other end of the primary key if it's a relation.
      if (primaryKeyRel !== null) {
        const label = resolveRelation(primaryKeyRel, appLabel, modelName);
        if (label !== null) {
          const [a, m] = splitModelKey(label);
          dependencies.push(dep(a, m, null, DependencyType.CREATE));
        }
      }
      this.addOperation(
        appLabel,
        CreateModel.create(
          ms.name,
          [...ms.fields].filter(([n]) => !relatedFields.has(n)),
          options,
          ms.bases as PyValue[],
          ms.managers,
        ),
        dependencies,
        true,
      );

      // Don't add operations which modify the database for unmanaged models.
      if (!isManaged(ms)) continue;

      // Operations for each related field.
      for (const name of [...relatedFields.keys()].sort(pyStrCmp)) {
        const field = relatedFields.get(name)!;
        const deps = this.dependenciesForForeignKey(appLabel, modelName, field, this.toState);
        deps.push(dep(appLabel, modelName, null, DependencyType.CREATE));
        this.addOperation(appLabel, AddField.create(modelName, name, field), dedupeDependencies(deps));
      }
      if (orderWithRespectTo !== None && truthy(orderWithRespectTo)) {
        this.addOperation(appLabel, AlterOrderWithRespectTo.create(modelName, orderWithRespectTo), [
          dep(appLabel, modelName, String(orderWithRespectTo), DependencyType.CREATE),
          dep(appLabel, modelName, null, DependencyType.CREATE),
        ]);
      }
      const relatedDependencies = [...relatedFields.keys()].sort(pyStrCmp).map((n) => dep(appLabel, modelName, n, DependencyType.CREATE));
      relatedDependencies.push(dep(appLabel, modelName, null, DependencyType.CREATE));
      for (const index of indexes) this.addOperation(appLabel, AddIndex.create(modelName, index), relatedDependencies);
      for (const constraint of constraints) this.addOperation(appLabel, AddConstraint.create(modelName, constraint), relatedDependencies);
      if (uniqueTogether !== None && truthy(uniqueTogether)) {
        this.addOperation(appLabel, AlterUniqueTogether.create(modelName, uniqueTogether), relatedDependencies);
      }
      // Fix relationships if the model changed from a proxy model to a concrete model.
      if (this.oldProxyKeys.has(key)) {
        for (const [relatedKey, fields] of this.toRelations.get(key) ?? []) {
          const related = this.model(this.toState, relatedKey);
          for (const [relatedFieldName, relatedField] of fields) {
            this.addOperation(related.appLabel, AlterField.create(related.name, relatedFieldName, relatedField), [
              dep(appLabel, modelName, null, DependencyType.CREATE),
            ]);
          }
        }
      }
    }
  }

  private generateCreatedProxies(): void {
    for (const key of sortedKeys(difference(this.newProxyKeys.keys, this.oldProxyKeys.keys))) {
      const [appLabel, modelName] = splitModelKey(key);
      const ms = this.model(this.toState, key);
      const dependencies = [dep(appLabel, modelName, null, DependencyType.REMOVE)];
      for (const base of ms.bases) {
        if (typeof base !== 'string' || !base.includes('.')) continue;
        const i = base.indexOf('.');
        dependencies.push(dep(base.slice(0, i), base.slice(i + 1), null, DependencyType.CREATE));
      }
      this.addOperation(appLabel, CreateModel.create(ms.name, [], new Map(ms.options), ms.bases as PyValue[], ms.managers), dependencies);
    }
  }

  private generateDeletedModels(): void {
    const newKeys = new Set([...this.newModelKeys.keys, ...this.newUnmanagedKeys.keys]);
    const deleted = [...sortedKeys(difference(this.oldModelKeys.keys, newKeys)), ...sortedKeys(difference(this.oldUnmanagedKeys.keys, newKeys))];
    for (const key of deleted) {
      const [appLabel, modelName] = splitModelKey(key);
      const ms = this.model(this.fromState, key);
      const relatedFields = new Map<string, Field>();
      for (const [name, field] of ms.fields) {
        const rel = field.remoteField;
        if (!rel) continue;
        if (rel.model) relatedFields.set(name, field);
        if (field instanceof ManyToManyField && field.remoteField.through !== None && truthy(field.remoteField.through)) relatedFields.set(name, field);
      }
      // Option removal first.
      const uniqueTogether = option(ms, 'unique_together');
      if (uniqueTogether !== undefined && truthy(uniqueTogether)) {
        this.addOperation(appLabel, AlterUniqueTogether.create(modelName, None));
      }
      // Then each related field.
      const relatedNames = [...relatedFields.keys()].sort(pyStrCmp);
      for (const name of relatedNames) this.addOperation(appLabel, RemoveField.create(modelName, name));
      // Finally the model: after the removal/alteration of incoming fields, of its own related
      // fields, and of the field using it as a through model.
      const dependencies: OperationDependency[] = [];
      for (const [relatedKey, fields] of this.fromRelations.get(key) ?? []) {
        const [relApp, relModel] = splitModelKey(relatedKey);
        for (const [fieldName, field] of fields) {
          dependencies.push(dep(relApp, relModel, fieldName, DependencyType.REMOVE));
          if (!field.manyToMany) dependencies.push(dep(relApp, relModel, fieldName, DependencyType.ALTER));
        }
      }
      for (const name of relatedNames) dependencies.push(dep(appLabel, modelName, name, DependencyType.REMOVE));
      const throughUser = this.throughUsers.get(modelKey(appLabel, ms.nameLower));
      if (throughUser) dependencies.push(dep(...throughUser, DependencyType.REMOVE));
      this.addOperation(appLabel, DeleteModel.create(ms.name), dedupeDependencies(dependencies));
    }
  }

  private generateDeletedProxies(): void {
    for (const key of sortedKeys(difference(this.oldProxyKeys.keys, this.newProxyKeys.keys))) {
      const [appLabel] = splitModelKey(key);
      const ms = this.model(this.fromState, key);
      this.addOperation(appLabel, DeleteModel.create(ms.name));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fields
  // -------------------------------------------------------------------------------------------

  private async createRenamedFields(): Promise<void> {
    this.renamedOperations = [];
    const oldFieldKeys = new Set(this.oldFieldKeys);
    for (const key of sortedKeys(difference(this.newFieldKeys, oldFieldKeys))) {
      const [appLabel, modelName, fieldName] = splitFieldKey(key);
      const oldState = this.model(this.fromState, this.oldKeyOf(appLabel, modelName));
      const newState = this.model(this.toState, modelKey(appLabel, modelName));
      const field = newState.getField(fieldName);
      const fieldDec = deepField(field);
      for (const remKey of sortedKeys(difference(oldFieldKeys, this.newFieldKeys))) {
        const [remApp, remModel, remFieldName] = splitFieldKey(remKey);
        if (remApp !== appLabel || remModel !== modelName) continue;
        const oldField = oldState.getField(remFieldName);
        const oldFieldDec = deepField(oldField);
        if (field.remoteField && field.remoteField.model && oldFieldDec.kwargs.has('to')) {
          const oldRelTo = oldFieldDec.kwargs.get('to')!;
          const text = oldRelTo.t === 'value' ? relationTargetText(oldRelTo.v) : null;
          if (text !== null && this.renamedModelsRel.has(text)) {
            oldFieldDec.kwargs.set('to', { t: 'value', v: this.renamedModelsRel.get(text)! });
          }
        }
        // old_field.get_attname_column()[1]: db_column, or the attname for the old name.
        const named = oldField.clone();
        named.name = remFieldName;
        const oldDbColumn: PyValue = truthy(oldField.dbColumn) ? oldField.dbColumn : named.getAttname();
        const withColumn = new Map(oldFieldDec.kwargs);
        withColumn.set('db_column', { t: 'value', v: oldDbColumn });
        const same =
          deepEqual(oldFieldDec, fieldDec) ||
          (oldFieldDec.path === fieldDec.path && deepListEqual(oldFieldDec.args, fieldDec.args) && kwargsEqual(withColumn, fieldDec.kwargs));
        if (!same) continue;
        if (!(await this.questioner.askRename(modelName, remFieldName, fieldName, field))) continue;
        this.renamedOperations.push({
          remAppLabel: remApp,
          remModelName: remModel,
          remDbColumn: oldField.dbColumn,
          remFieldName,
          appLabel,
          modelName,
          field,
          fieldName,
        });
        oldFieldKeys.delete(remKey);
        oldFieldKeys.add(key);
        this.renamedFields.set(key, remFieldName);
        break;
      }
    }
  }

  private generateRenamedFields(): void {
    for (const r of this.renamedOperations) {
      // A db_column mismatch needs a no-op AlterField first, so the RenameField keeps the column.
      if (!eq(r.remDbColumn, r.field.dbColumn)) {
        const altered = r.field.clone();
        altered.name = r.remFieldName;
        this.addOperation(r.appLabel, AlterField.create(r.modelName, r.remFieldName, altered));
      }
      this.addOperation(r.appLabel, RenameField.create(r.modelName, r.remFieldName, r.fieldName));
      this.oldFieldKeys.delete(fieldKey(r.remAppLabel, r.remModelName, r.remFieldName));
      this.oldFieldKeys.add(fieldKey(r.appLabel, r.modelName, r.fieldName));
    }
  }

  private async generateAddedFields(): Promise<void> {
    for (const key of sortedKeys(difference(this.newFieldKeys, this.oldFieldKeys))) {
      await this.generateAddedField(...splitFieldKey(key));
    }
  }

  private async generateAddedField(appLabel: string, modelName: string, fieldName: string): Promise<void> {
    let field = this.model(this.toState, modelKey(appLabel, modelName)).getField(fieldName);
    // Adding a field always depends at least on its removal.
    const dependencies = [dep(appLabel, modelName, fieldName, DependencyType.REMOVE)];
    if (field.remoteField && field.remoteField.model) {
      dependencies.push(...this.dependenciesForForeignKey(appLabel, modelName, field, this.toState));
    }
    if (field.generated) dependencies.push(...this.dependenciesForGeneratedField(field));
    // NOT NULL fields without a default need a one-off default (`a or b or …` keeps the value).
    const autoNow = isTimeField(field) ? (field as DateField).autoNow : false;
    let preserveDefault: PyValue;
    if (truthy(field.nullValue)) preserveDefault = field.nullValue;
    else if (field.hasDefault() || field.hasDbDefault() || field.manyToMany) preserveDefault = true;
    else if (truthy(field.blank) && field.emptyStringsAllowed) preserveDefault = true;
    else if (isTimeField(field) && truthy(autoNow)) preserveDefault = autoNow;
    else preserveDefault = isAutoFieldClass(field.pyClass);
    if (!truthy(preserveDefault)) {
      field = field.clone();
      if (isTimeField(field) && truthy((field as DateField).autoNowAdd)) {
        field.default = await this.questioner.askAutoNowAddAddition(fieldName, modelName);
      } else {
        field.default = await this.questioner.askNotNullAddition(fieldName, modelName);
      }
    }
    if (field.unique && field.hasDefault() && isCallable(field.default)) {
      await this.questioner.askUniqueCallableDefaultAddition(fieldName, modelName);
    }
    this.addOperation(appLabel, AddField.create(modelName, fieldName, field, preserveDefault), dependencies);
  }

  private generateRemovedFields(): void {
    for (const key of sortedKeys(difference(this.oldFieldKeys, this.newFieldKeys))) this.generateRemovedField(...splitFieldKey(key));
  }

  private generateRemovedField(appLabel: string, modelName: string, fieldName: string): void {
    // Might depend on the removal of an order_with_respect_to or unique_together.
    this.addOperation(appLabel, RemoveField.create(modelName, fieldName), [
      dep(appLabel, modelName, fieldName, DependencyType.REMOVE_ORDER_WRT),
      dep(appLabel, modelName, fieldName, DependencyType.ALTER_FOO_TOGETHER),
    ]);
  }

  private async generateAlteredFields(): Promise<void> {
    for (const key of sortedKeys(intersection(this.oldFieldKeys, this.newFieldKeys))) {
      const [appLabel, modelName, fieldName] = splitFieldKey(key);
      const oldFieldName = this.renamedFields.get(key) ?? fieldName;
      const oldField = this.model(this.fromState, this.oldKeyOf(appLabel, modelName)).getField(oldFieldName);
      let newField = this.model(this.toState, modelKey(appLabel, modelName)).getField(fieldName);
      const dependencies: OperationDependency[] = [];
      // Model renames on relations are handled by RenameModel: compare against the old target.
      const newRel = newField.remoteField;
      if (newRel && newRel.model) {
        const renameKey = resolveRelation(newRel.model, appLabel, modelName);
        let repointModel = renameKey !== null && this.renamedModels.has(renameKey);
        let repointFieldName = false;
        const remoteFieldName = (newRel as { fieldName?: string | null }).fieldName ?? null;
        if (remoteFieldName && renameKey !== null && this.renamedFields.has(`${renameKey}.${remoteFieldName}`)) {
          // ForeignKey's single to_field: repoint both, to_field in deconstruct() depends on both.
          repointModel = true;
          repointFieldName = true;
        }
        if (repointModel || repointFieldName) {
          newField = newField.clone();
          newField.remoteField!.model = oldField.remoteField!.model;
          if (repointFieldName) {
            (newField.remoteField as { fieldName?: string | null }).fieldName = (oldField.remoteField as { fieldName?: string | null }).fieldName ?? null;
          }
        }
        dependencies.push(...this.dependenciesForForeignKey(appLabel, modelName, newField, this.toState));
      }
      if (newField instanceof ManyToManyField && newField.remoteField.through !== None && truthy(newField.remoteField.through)) {
        const renameKey = resolveRelation(newField.remoteField.through, appLabel, modelName);
        if (renameKey !== null && this.renamedModels.has(renameKey) && oldField instanceof ManyToManyField) {
          newField = newField.clone() as ManyToManyField;
          (newField as ManyToManyField).remoteField.through = oldField.remoteField.through;
        }
      }
      const oldDec = deepDeconstruct(oldField);
      const newDec = deepDeconstruct(newField);
      // A confirmed rename only allows db_column to change, handled by generate_renamed_fields.
      if (deepEqual(oldDec, newDec) || oldFieldName !== fieldName) continue;
      const bothM2M = oldField.manyToMany && newField.manyToMany;
      const neitherM2M = !oldField.manyToMany && !newField.manyToMany;
      if (bothM2M || neitherM2M) {
        let preserveDefault = true;
        let field = newField;
        if (oldField.isNull && !newField.isNull && !newField.hasDefault() && !newField.hasDbDefault() && !newField.manyToMany) {
          field = newField.clone();
          const newDefault = await this.questioner.askNotNullAlteration(fieldName, modelName);
          if (newDefault !== NOT_PROVIDED) {
            field.default = newDefault;
            preserveDefault = false;
          }
        }
        this.addOperation(appLabel, AlterField.create(modelName, fieldName, field, preserveDefault), dependencies);
      } else {
        // Between m2m and concrete fields there is no altering.
        this.generateRemovedField(appLabel, modelName, fieldName);
        await this.generateAddedField(appLabel, modelName, fieldName);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Indexes and constraints
  // -------------------------------------------------------------------------------------------

  private createAlteredIndexes(): void {
    this.renamedIndexTogetherValues = new Map();
    const indexTogetherChanges = [...this.alteredFooTogether('index_together')];
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldState = this.model(this.fromState, this.oldKeyOf(appLabel, modelName));
      const newState = this.model(this.toState, key);
      const oldIndexes = oldState.indexes;
      const newIndexes = newState.indexes;
      const contains = (list: Index[], idx: Index) => list.some((x) => x === idx || eq(x, idx));
      let added = newIndexes.filter((i) => !contains(oldIndexes, i));
      let removed = oldIndexes.filter((i) => !contains(newIndexes, i));
      const renamed: [string | null, string, string[] | null][] = [];
      const removeFromAdded: Index[] = [];
      const removeFromRemoved: Index[] = [];
      // Indexes that are the same except for their names.
      for (const newIndex of added) {
        const nd = newIndex.deconstruct();
        const newName = nd.kwargs.get('name');
        nd.kwargs.delete('name');
        for (const oldIndex of removed) {
          const od = oldIndex.deconstruct();
          const oldName = od.kwargs.get('name');
          od.kwargs.delete('name');
          if (shallowDeconstructionEqual(nd, od) && !eq(newName ?? None, oldName ?? None)) {
            renamed.push([String(oldName), String(newName), null]);
            removeFromAdded.push(newIndex);
            removeFromRemoved.push(oldIndex);
          }
        }
      }
      // index_together changed to indexes.
      for (const change of indexTogetherChanges) {
        if (change.appLabel !== appLabel || change.modelName !== modelName) continue;
        const newKeys = new Set(change.newValue.map(tupleKey));
        const removedValues = change.oldValue.filter((t) => !newKeys.has(tupleKey(t)));
        for (const removedIndexTogether of removedValues) {
          const candidates = added.filter((idx) => {
            const d = idx.deconstruct();
            const kwNames = [...d.kwargs.keys()].sort();
            return d.args.length === 0 && tupleKey(idx.fields) === tupleKey(removedIndexTogether) && kwNames.join(',') === 'fields,name';
          });
          if (candidates.length === 1) {
            const renamedIndex = candidates[0]!;
            removeFromAdded.push(renamedIndex);
            renamed.push([null, renamedIndex.name, removedIndexTogether]);
            const list = this.renamedIndexTogetherValues.get(key) ?? [];
            list.push(removedIndexTogether);
            this.renamedIndexTogetherValues.set(key, list);
          }
        }
      }
      added = added.filter((i) => !contains(removeFromAdded, i));
      removed = removed.filter((i) => !contains(removeFromRemoved, i));
      this.alteredIndexes.set(key, { added, removed, renamed });
    }
  }

  private generateAddedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [appLabel, modelName] = splitModelKey(key);
      const dependencies = this.dependenciesForModel(appLabel, modelName);
      for (const index of alt.added) this.addOperation(appLabel, AddIndex.create(modelName, index), dependencies);
    }
  }

  private generateRemovedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [appLabel, modelName] = splitModelKey(key);
      for (const index of alt.removed) this.addOperation(appLabel, RemoveIndex.create(modelName, index.name));
    }
  }

  private generateRenamedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [appLabel, modelName] = splitModelKey(key);
      for (const [oldName, newName, oldFields] of alt.renamed) {
        this.addOperation(
          appLabel,
          makeOp(RenameIndexClass, {
            model_name: modelName,
            new_name: newName,
            old_name: oldName ?? None,
            old_fields: oldFields ? new PyTuple(oldFields) : None,
          }),
        );
      }
    }
  }

  private createAlteredConstraints(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldConstraints = this.model(this.fromState, this.oldKeyOf(appLabel, modelName)).constraints;
      const newConstraints = this.model(this.toState, key).constraints;
      const altered: Constraint[] = [];
      const alteredNames = new Set<string>();
      for (const oldC of oldConstraints) {
        for (const newC of newConstraints) {
          if (!shallowDeconstructionEqual(oldC.deconstruct(), newC.deconstruct()) && oldC.name === newC.name && !constraintNeedsRecreate(oldC, newC)) {
            altered.push(newC);
            alteredNames.add(newC.name);
          }
        }
      }
      const contains = (list: Constraint[], c: Constraint) => list.some((x) => x === c || eq(x, c));
      const added = newConstraints.filter((c) => !contains(oldConstraints, c) && !alteredNames.has(c.name));
      const removed = oldConstraints.filter((c) => !contains(newConstraints, c) && !alteredNames.has(c.name));
      this.alteredConstraints.set(key, { added, removed, altered });
    }
  }

  private generateAddedConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [appLabel, modelName] = splitModelKey(key);
      const dependencies = this.dependenciesForModel(appLabel, modelName);
      for (const c of alt.added) this.addOperation(appLabel, AddConstraint.create(modelName, c), dependencies);
    }
  }

  private generateRemovedConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [appLabel, modelName] = splitModelKey(key);
      for (const c of alt.removed) this.addOperation(appLabel, RemoveConstraint.create(modelName, c.name));
    }
  }

  private generateAlteredConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [appLabel, modelName] = splitModelKey(key);
      const dependencies = this.dependenciesForModel(appLabel, modelName);
      for (const c of alt.altered) {
        this.addOperation(appLabel, makeOp(AlterConstraintClass, { model_name: modelName, name: c.name, constraint: c }), dependencies);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // unique_together / index_together
  // -------------------------------------------------------------------------------------------

  private *alteredFooTogether(optionName: 'unique_together' | 'index_together'): Generator<{
    oldValue: string[][];
    newValue: string[][];
    appLabel: string;
    modelName: string;
    dependencies: OperationDependency[];
  }> {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldState = this.model(this.fromState, this.oldKeyOf(appLabel, modelName));
      const newState = this.model(this.toState, key);
      // The old value goes through the field renames.
      const oldValue = dedupeTuples(
        togetherSet(option(oldState, optionName)).map((t) => t.map((n) => this.renamedFields.get(fieldKey(appLabel, modelName, n)) ?? n)),
      );
      const newValue = togetherSet(option(newState, optionName));
      if (sameTupleSets(oldValue, newValue)) continue;
      const dependencies: OperationDependency[] = [];
      for (const names of newValue) {
        for (const name of names) {
          const field = newState.getField(name);
          if (field.remoteField && field.remoteField.model) {
            dependencies.push(...this.dependenciesForForeignKey(appLabel, modelName, field, this.toState));
          }
        }
      }
      yield { oldValue, newValue, appLabel, modelName, dependencies };
    }
  }

  private generateRemovedAlteredUniqueTogether(): void {
    for (const c of this.alteredFooTogether('unique_together')) {
      const oldKeys = new Set(c.oldValue.map(tupleKey));
      const removal = c.newValue.filter((t) => oldKeys.has(tupleKey(t)));
      if (removal.length || c.oldValue.length) {
        this.addOperation(c.appLabel, AlterUniqueTogether.create(c.modelName, setOfTuples(removal)), c.dependencies);
      }
    }
  }

  private generateAlteredUniqueTogether(): void {
    for (const c of this.alteredFooTogether('unique_together')) {
      const oldKeys = new Set(c.oldValue.map(tupleKey));
      const removal = c.newValue.filter((t) => oldKeys.has(tupleKey(t)));
      if (!sameTupleSets(c.newValue, removal)) {
        this.addOperation(c.appLabel, AlterUniqueTogether.create(c.modelName, setOfTuples(c.newValue)), c.dependencies);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Model options
  // -------------------------------------------------------------------------------------------

  private generateAlteredDbTable(): void {
    const keys = new Set([...this.keptModelKeys, ...this.keptProxyKeys, ...this.keptUnmanagedKeys]);
    for (const key of sortedKeys(keys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldTable = option(this.model(this.fromState, this.oldKeyOf(appLabel, modelName)), 'db_table');
      const newTable = option(this.model(this.toState, key), 'db_table');
      if (optionChanged(oldTable, newTable)) this.addOperation(appLabel, AlterModelTable.create(modelName, newTable ?? None));
    }
  }

  private generateAlteredDbTableComment(): void {
    const keys = new Set([...this.keptModelKeys, ...this.keptProxyKeys, ...this.keptUnmanagedKeys]);
    for (const key of sortedKeys(keys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldComment = option(this.model(this.fromState, this.oldKeyOf(appLabel, modelName)), 'db_table_comment');
      const newComment = option(this.model(this.toState, key), 'db_table_comment');
      if (optionChanged(oldComment, newComment)) this.addOperation(appLabel, AlterModelTableComment.create(modelName, newComment ?? None));
    }
  }

  private generateAlteredOptions(): void {
    const keys = new Set([
      ...this.keptModelKeys,
      ...this.keptProxyKeys,
      ...this.keptUnmanagedKeys,
      // unmanaged converted to managed
      ...intersection(this.oldUnmanagedKeys.keys, this.newModelKeys.keys),
      // managed converted to unmanaged
      ...intersection(this.oldModelKeys.keys, this.newUnmanagedKeys.keys),
    ]);
    const alterKeys = new Set(AlterModelOptions.ALTER_OPTION_KEYS);
    const pick = (ms: ModelState) => new Map([...ms.options].filter(([k]) => alterKeys.has(k)));
    for (const key of sortedKeys(keys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldOptions = pick(this.model(this.fromState, this.oldKeyOf(appLabel, modelName)));
      const newOptions = pick(this.model(this.toState, key));
      if (!optionMapsEqual(oldOptions, newOptions)) this.addOperation(appLabel, AlterModelOptions.create(modelName, newOptions));
    }
  }

  private generateAlteredOrderWithRespectTo(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldValue = option(this.model(this.fromState, this.oldKeyOf(appLabel, modelName)), 'order_with_respect_to');
      const newValue = option(this.model(this.toState, key), 'order_with_respect_to');
      if (!optionChanged(oldValue, newValue)) continue;
      // Make sure it comes second if we're adding (removal dependency is part of RemoveField).
      const dependencies: OperationDependency[] = [];
      if (newValue !== undefined && truthy(newValue)) dependencies.push(dep(appLabel, modelName, String(newValue), DependencyType.CREATE));
      this.addOperation(appLabel, AlterOrderWithRespectTo.create(modelName, newValue ?? None), dependencies);
    }
  }

  private generateAlteredManagers(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [appLabel, modelName] = splitModelKey(key);
      const oldManagers = this.model(this.fromState, this.oldKeyOf(appLabel, modelName)).managers;
      const newManagers = this.model(this.toState, key).managers;
      const same = oldManagers.length === newManagers.length && oldManagers.every(([n, m], i) => n === newManagers[i]![0] && eq(m, newManagers[i]![1]));
      if (!same) {
        this.addOperation(
          appLabel,
          makeOp(AlterModelManagersClass, { name: modelName, managers: new PyList(newManagers.map(([n, m]) => new PyTuple([n, m]))) }),
        );
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ordering, splitting into migrations, optimizing
  // -------------------------------------------------------------------------------------------

  /** _sort_migrations: graphlib order of each app's operations by their intra-app dependencies. */
  private sortMigrations(): void {
    for (const appLabel of [...this.generatedOperations.keys()].sort(pyStrCmp)) {
      const ops = this.generatedOperations.get(appLabel)!;
      const ts = new TopologicalSorter<Operation>();
      for (const op of ops) {
        ts.add(op);
        for (const d of this.autoDeps.get(op) ?? []) {
          // Resolve intra-app dependencies to handle circular references involving a swappable model.
          const resolved = this.resolveDependency(d)[0];
          if (resolved.appLabel !== appLabel) continue;
          ts.add(op, ...ops.filter((x) => this.checkDependency(x, resolved)));
        }
      }
      this.generatedOperations.set(appLabel, ts.staticOrder());
    }
  }

  /**
   * _build_migration_list: chop each app's operations into migrations. An app's leading
   * operations whose dependencies on other apps are met form a migration; when a whole pass
   * over the apps chops nothing, the next pass is in "chop mode": dependencies on apps with no
   * new migration point at that app's current leaf (or __first__), so cycles get broken.
   */
  private buildMigrationList(graph: MigrationGraph | null): void {
    this.migrations = new Map();
    const total = () => [...this.generatedOperations.values()].reduce((n, l) => n + l.length, 0);
    let numOps = total();
    let chopMode = false;
    while (numOps) {
      for (const appLabel of [...this.generatedOperations.keys()].sort(pyStrCmp)) {
        const chopped: Operation[] = [];
        const dependencies = new Map<string, DepTuple>();
        const pending = this.generatedOperations.get(appLabel)!;
        for (const operation of [...pending]) {
          let depsSatisfied = true;
          const operationDependencies = new Map<string, DepTuple>();
          const addDep = (t: DepTuple) => operationDependencies.set(`${t[0]}\0${t[1]}`, t);
          for (const original of this.autoDeps.get(operation) ?? []) {
            // Resolve swappable dependencies for the checks, but depend on the setting.
            const [d, isSwappable] = this.resolveDependency(original);
            if (d.appLabel === appLabel) continue;
            // External app dependency: is it still pending?
            for (const other of this.generatedOperations.get(d.appLabel) ?? []) {
              if (this.checkDependency(other, d)) {
                depsSatisfied = false;
                break;
              }
            }
            if (!depsSatisfied) break;
            if (isSwappable) addDep([original.appLabel, original.modelName]);
            else if (this.migrations.has(d.appLabel)) addDep([d.appLabel, this.migrations.get(d.appLabel)!.at(-1)!.name]);
            else if (chopMode) {
              // The app exists: depend on its last migration; otherwise on __first__.
              const leaves = graph ? graph.leafNodes(d.appLabel) : [];
              if (leaves.length) addDep([leaves[0]![0], leaves[0]![1]]);
              else addDep([d.appLabel, '__first__']);
            } else {
              depsSatisfied = false;
            }
          }
          if (!depsSatisfied) break;
          chopped.push(operation);
          for (const [k, t] of operationDependencies) dependencies.set(k, t);
          pending.shift();
        }
        if (dependencies.size || chopped.length) {
          if (!pending.length || chopMode) {
            const list = this.migrations.get(appLabel) ?? [];
            const migration = new Migration(`auto_${list.length + 1}`, appLabel);
            this.migrationDeps.set(migration, [...dependencies.values()]);
            migration.operations = chopped;
            migration.initial = !this.existingApps.has(appLabel);
            list.push(migration);
            this.migrations.set(appLabel, list);
            chopMode = false;
          } else {
            this.generatedOperations.set(appLabel, [...chopped, ...pending]);
          }
        }
      }
      const newNumOps = total();
      if (newNumOps === numOps) {
        if (!chopMode) chopMode = true;
        else {
          const dict = new PyDict([...this.generatedOperations].map(([a, l]) => [a, new PyList(l)] as [PyValue, PyValue]));
          throw pyError(ValueError, `Cannot resolve operation dependencies: ${repr(dict)}`);
        }
      }
      numOps = newNumOps;
    }
  }

  private optimizeMigrations(): void {
    // Internal dependencies among each app's migrations, then de-duplication.
    for (const [appLabel, migrations] of this.migrations) {
      for (let i = 1; i < migrations.length; i++) this.deps(migrations[i]!).push([appLabel, migrations[i - 1]!.name]);
    }
    for (const migrations of this.migrations.values()) {
      for (const m of migrations) this.migrationDeps.set(m, uniqueTuples(this.deps(m)));
    }
    for (const [appLabel, migrations] of this.migrations) {
      for (const m of migrations) m.operations = new MigrationOptimizer().optimize(m.operations, appLabel);
    }
  }

  /** The raw (app_label, name) dependencies of a migration, seeded from its Dependency objects. */
  private deps(m: Migration): DepTuple[] {
    let d = this.migrationDeps.get(m);
    if (!d) {
      d = m.dependencies.map((x): DepTuple => (x.swappableSetting !== null && x.settingName !== null ? ['__setting__', x.settingName] : [x.appLabel, x.name]));
      this.migrationDeps.set(m, d);
    }
    return d;
  }

  // -------------------------------------------------------------------------------------------
  // Naming, trimming
  // -------------------------------------------------------------------------------------------

  /**
   * arrange_for_graph: number the migrations after each app's leaf in `graph`, name them
   * (`0001_initial`, the suggested name, or --name), depend the first on the leaf, and drop
   * apps that don't want an initial migration (their references become `__first__`).
   */
  async arrangeForGraph(changes: Map<string, Migration[]>, graph: MigrationGraph, migrationName: string | null = null): Promise<Map<string, Migration[]>> {
    const leaves = graph.leafNodes();
    const nameMap = new Map<string, DepTuple>();
    const mapKey = (a: string, n: string) => `${a}\0${n}`;
    for (const [appLabel, migrations] of [...changes]) {
      if (!migrations.length) continue;
      const appLeaf = leaves.find((l) => l[0] === appLabel) ?? null;
      if (appLeaf === null && !(await this.questioner.askInitial(appLabel))) {
        for (const m of migrations) nameMap.set(mapKey(appLabel, m.name), [appLabel, '__first__']);
        changes.delete(appLabel);
        continue;
      }
      let nextNumber = appLeaf === null ? 1 : (MigrationAutodetector.parseNumber(appLeaf[1]) ?? 0) + 1;
      migrations.forEach((migration, i) => {
        if (i === 0 && appLeaf) this.deps(migration).push([appLeaf[0], appLeaf[1]]);
        let suffix: string;
        if (migrationName) suffix = migrationName;
        else if (i === 0 && !appLeaf) suffix = 'initial';
        else suffix = [...migration.suggestName(this.timestamp)].slice(0, 100).join('');
        const newName = `${String(nextNumber).padStart(4, '0')}_${suffix}`;
        nameMap.set(mapKey(appLabel, migration.name), [appLabel, newName]);
        nextNumber++;
        migration.name = newName;
      });
    }
    for (const migrations of changes.values()) {
      for (const m of migrations) this.migrationDeps.set(m, this.deps(m).map((d) => nameMap.get(mapKey(d[0], d[1])) ?? d));
    }
    this.finalizeDependencies(changes);
    return changes;
  }

  /**
   * _trim_to_apps: keep the given apps' migrations and those of the apps they depend on
   * (transitively).
   */
  trimToApps(changes: Map<string, Migration[]>, appLabels: Set<string>): Map<string, Migration[]> {
    const appDependencies = new Map<string, Set<string>>();
    for (const [appLabel, migrations] of changes) {
      for (const m of migrations) {
        for (const [depApp] of this.deps(m)) {
          const s = appDependencies.get(appLabel) ?? new Set<string>();
          s.add(depApp);
          appDependencies.set(appLabel, s);
        }
      }
    }
    const required = new Set(appLabels);
    let size = -1;
    while (size !== required.size) {
      size = required.size;
      for (const app of [...required]) for (const d of appDependencies.get(app) ?? []) required.add(d);
    }
    for (const appLabel of [...changes.keys()]) if (!required.has(appLabel)) changes.delete(appLabel);
    return changes;
  }

  /**
   * Writes the (app_label, name) pairs onto the Migration instances as Dependency objects, sorted
   * (Django keeps a set; its writer sorts). A swappable dependency becomes
   * Dependency(app, '__first__', 'app.Model', 'AUTH_USER_MODEL'), as the loader reads it back.
   */
  private finalizeDependencies(changes: Map<string, Migration[]>): void {
    for (const migrations of changes.values()) {
      for (const m of migrations) {
        m.dependencies = this.deps(m)
          .map(([a, n]) => {
            if (a === '__setting__') {
              const value = this.settings[n] ?? n;
              return new Dependency(value.split('.')[0]!, '__first__', value, n);
            }
            return new Dependency(a, n);
          })
          .sort((x, y) => pyTupleCmp(x.swappableSetting ? ['~', x.settingName ?? ''] : [x.appLabel, x.name], y.swappableSetting ? ['~', y.settingName ?? ''] : [y.appLabel, y.name]));
      }
    }
  }

  /** The (app_label, name) dependencies of a migration this autodetector built. */
  dependencyTuples(m: Migration): DepTuple[] {
    return [...this.deps(m)];
  }

  /**
   * parse_number: the number a migration name starts with (the second one for squashed
   * migrations, '0001_squashed_0004_…' → 4), or null.
   */
  static parseNumber(name: string): number | null {
    const squashed = /^.*_squashed_(\d+)/su.exec(name);
    if (squashed) return Number(squashed[1]);
    const m = /^\d+/.exec(name);
    return m ? Number(m[0]) : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function depRepr(d: OperationDependency): string {
  return `OperationDependency(app_label=${repr(d.appLabel)}, model_name=${repr(d.modelName)}, field_name=${d.fieldName === null ? 'None' : repr(d.fieldName)}, type=<Type.${d.type}>)`;
}

function uniqueTuples(list: DepTuple[]): DepTuple[] {
  const seen = new Map<string, DepTuple>();
  for (const t of list) if (!seen.has(`${t[0]}\0${t[1]}`)) seen.set(`${t[0]}\0${t[1]}`, t);
  return [...seen.values()];
}

function dedupeTuples(list: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const t of list) if (!seen.has(tupleKey(t))) seen.set(tupleKey(t), t);
  return [...seen.values()];
}

/** Iteration order of a Python set of str built by adding the names in order. */
function pyStrSetOrder(names: string[]): string[] {
  const s = new PySetOrder<string>((n) => pyHash(n), (a, b) => a === b);
  for (const n of names) s.add(n);
  return s.values();
}

/** (path, args, kwargs) == (path, args, kwargs) with Python's == for the values (not deep). */
function shallowDeconstructionEqual(
  a: { path: string; args: PyValue[]; kwargs: Map<string, PyValue> },
  b: { path: string; args: PyValue[]; kwargs: Map<string, PyValue> },
): boolean {
  if (a.path !== b.path || a.args.length !== b.args.length || a.kwargs.size !== b.kwargs.size) return false;
  if (!a.args.every((x, i) => eq(x, b.args[i]!))) return false;
  for (const [k, v] of a.kwargs) if (!b.kwargs.has(k) || !eq(v, b.kwargs.get(k)!)) return false;
  return true;
}

/** BaseConstraint.non_db_attrs */
const CONSTRAINT_NON_DB_ATTRS = ['violation_error_code', 'violation_error_message'];

/** _constraint_should_be_dropped_and_recreated: a difference beyond the non-database attributes. */
function constraintNeedsRecreate(oldC: Constraint, newC: Constraint): boolean {
  const o = oldC.deconstruct();
  const n = newC.deconstruct();
  for (const attr of CONSTRAINT_NON_DB_ATTRS) {
    o.kwargs.delete(attr);
    n.kwargs.delete(attr);
  }
  return !shallowDeconstructionEqual(o, n);
}

function optionMapsEqual(a: Map<string, PyValue>, b: Map<string, PyValue>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || !eq(v, b.get(k)!)) return false;
  return true;
}

/** Q(expression).referenced_base_fields: the first part of every F() name in the expression. */
function referencedBaseFields(expression: PyValue | undefined): Set<string> {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (v: PyValue | undefined): void => {
    if (v === undefined || !(v instanceof PyObject) || seen.has(v)) return;
    seen.add(v);
    const name = (v as { name?: unknown }).name;
    if (v.pyClass.name === 'F' && typeof name === 'string') {
      out.add(name.split('__')[0]!);
      return;
    }
    if (v instanceof PyList || v instanceof PyTuple) {
      v.items.forEach(walk);
      return;
    }
    if (v instanceof Func) {
      // A function's string arguments are field references (F), like Func._parse_expressions.
      v.sourceExpressions.forEach(walk);
      return;
    }
    const d = (v as { deconstruct?: () => { args: PyValue[]; kwargs: Map<string, PyValue> } }).deconstruct;
    if (typeof d === 'function') {
      const r = d.call(v);
      r.args.forEach(walk);
      for (const x of r.kwargs.values()) walk(x);
    }
    const children = (v as { children?: PyValue[] }).children;
    if (Array.isArray(children)) children.forEach(walk);
  };
  walk(expression);
  return out;
}

/**
 * ProjectState.resolve_fields_and_relations' relation map: for every model, the fields of other
 * models pointing at it (through `to` or `through`); a proxy shares its concrete model's entry.
 */
export function computeRelations(state: ProjectState): Relations {
  const relations: Relations = new Map();
  const concretes = new Map<ModelKey, ModelKey | null>();
  const proxies = new Map<ModelKey, ModelState>();
  const findConcrete = (ms: ModelState): ModelKey | null => {
    for (const base of ms.bases) {
      let baseKey: string | null = null;
      if (typeof base === 'string') {
        const i = base.indexOf('.');
        baseKey = i < 0 ? null : `${base.slice(0, i)}.${base.slice(i + 1).toLowerCase()}`;
      } else {
        const meta = base.native['modelMeta'] as { labelLower?: string } | undefined;
        if (meta?.labelLower) baseKey = meta.labelLower;
        else continue;
      }
      if (baseKey === null) continue;
      const baseState = proxies.get(baseKey);
      if (!baseState) return baseKey; // a concrete model: stop looking at bases
      return findConcrete(baseState);
    }
    return null;
  };
  for (const [key, ms] of state.models) {
    if (optionTruthy(ms, 'proxy')) {
      proxies.set(key, ms);
      concretes.set(key, findConcrete(ms));
    } else {
      concretes.set(key, key);
    }
  }
  const entry = (remote: ModelKey): Map<ModelKey, Map<string, Field>> => {
    let m = relations.get(remote);
    if (!m) {
      m = new Map();
      relations.set(remote, m);
    }
    return m;
  };
  const update = (model: PyValue, key: ModelKey, fieldName: string, field: Field) => {
    const [app, name] = splitModelKey(key);
    let remote = resolveRelation(model, app, name);
    if (remote === null) return;
    if (!state.realApps.has(splitModelKey(remote)[0]) && concretes.has(remote)) remote = concretes.get(remote) ?? remote;
    const byModel = entry(remote);
    let fields = byModel.get(key);
    if (!fields) {
      fields = new Map();
      byModel.set(key, fields);
    }
    fields.set(fieldName, field);
  };
  for (const key of concretes.keys()) {
    const ms = state.models.get(key)!;
    for (const [fieldName, field] of ms.fields) {
      const rel = field.remoteField;
      if (!rel) continue;
      update(rel.model, key, fieldName, field);
      if (field instanceof ManyToManyField && field.remoteField.through !== None && truthy(field.remoteField.through)) {
        update(field.remoteField.through, key, fieldName, field);
      }
    }
  }
  for (const key of proxies.keys()) {
    const concrete = concretes.get(key);
    if (concrete) relations.set(key, entry(concrete));
  }
  return relations;
}

export type { Deep, DeepObject };
