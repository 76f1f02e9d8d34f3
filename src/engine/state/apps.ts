/**
 * Model registries: `Apps` holds rendered models (ModelMeta) by label and resolves the relations
 * between them, like django.apps.registry.Apps / migrations.state.StateApps.
 *
 * `buildModel` is the one place where a model definition becomes a ModelMeta — used for the
 * learner's models.py classes (engine/django) and for historical states (ProjectState.apps).
 */
import {
  KeyError,
  LookupError,
  PyException,
  addressOf,
  strRepr,
  newException,
  type PyClass,
  PyTuple,
  type PyValue,
  None,
  TypeError,
  ValueError,
  pyError,
  toArray,
  truthy,
} from '../python/objects.ts';
import { truncateName, stripQuotes } from '../db/utils.ts';
import { FieldError } from '../django/exceptions.ts';
import type { Field } from './fields/field.ts';
import { ForeignKey, type ForeignObjectRel, ManyToManyField, ManyToManyRel, ManyToOneRel, SettingsReference, modelInfoOf } from './fields/related.ts';
import { makeField } from './fields/registry.ts';
import { CASCADE } from './deletion.ts';
import type { Constraint } from './constraints.ts';
import type { Index } from './indexes.ts';
import { ModelMeta } from './meta.ts';
import { normalizeTogether } from './model-state.ts';

/** PostgreSQL's identifier limit (connection.ops.max_name_length()). */
export const MAX_NAME_LENGTH = 63;

/** Meta attributes Django accepts (DEFAULT_NAMES). */
export const DEFAULT_NAMES = new Set([
  'verbose_name',
  'verbose_name_plural',
  'db_table',
  'db_table_comment',
  'ordering',
  'unique_together',
  'permissions',
  'get_latest_by',
  'order_with_respect_to',
  'app_label',
  'db_tablespace',
  'abstract',
  'managed',
  'proxy',
  'swappable',
  'auto_created',
  'apps',
  'default_permissions',
  'select_on_save',
  'default_related_name',
  'required_db_features',
  'required_db_vendor',
  'base_manager_name',
  'default_manager_name',
  'indexes',
  'constraints',
]);

/** Django's camel_case_to_spaces. */
export function camelCaseToSpaces(value: string): string {
  return value
    .replace(/((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$))/g, ' $&')
    .trim()
    .toLowerCase();
}

export interface ModelSpec {
  appLabel: string;
  name: string;
  /** Module of the class (`shop.models`; `__fake__` for historical models). */
  module: string;
  /** Fields in definition order; they get bound to the new model, so pass fresh clones. */
  fields: [string, Field][];
  /** Meta options as written (minus app_label/apps). */
  options: Map<string, PyValue>;
  /** Concrete model parents (multi-table inheritance), or the proxied model. */
  parents: ModelMeta[];
  /** Set for the auto-created through model of a ManyToManyField. */
  autoCreatedFor?: ModelMeta;
  pyModel?: PyClass;
}

/** What a registry needs from the project settings. */
export interface AppsConfig {
  /** The field class for an implicit primary key of a model of this app (DEFAULT_AUTO_FIELD / AppConfig.default_auto_field). */
  defaultAutoField(appLabel: string): PyClass;
  /** Installed app labels, in INSTALLED_APPS order. */
  appLabels: string[];
  /** `'auth.user'` → `'AUTH_USER_MODEL'` for swappable models' targets. */
  swappableSettingFor?(labelLower: string): string | null;
}

export class Apps {
  /** labelLower → model, in registration order (auto-created through models included). */
  readonly models: Map<string, ModelMeta>;
  private relatedCache: Map<ModelMeta, ForeignObjectRel[]> | null = null;
  /** Values derived from the registry's relations (see `derived`), dropped with relatedCache. */
  private derivedCache = new Map<object, unknown>();
  /** Relations that could not be resolved: 'app.Model.field' → target as written. */
  readonly unresolved: { field: Field; model: ModelMeta; target: PyValue }[] = [];

  /**
   * @param stateApps a migration state's registry (Django's StateApps): its app configs are stubs
   * in sorted label order, where the project's registry follows INSTALLED_APPS.
   */
  constructor(
    readonly config: AppsConfig,
    readonly stateApps = false,
    /** Models to start from (a clone shares the ModelMetas of the registry it copies). */
    models?: Map<string, ModelMeta>,
  ) {
    this.models = models ? new Map(models) : new Map();
  }

  /**
   * `get_models(include_auto_created=True)` order: app by app (INSTALLED_APPS order, or sorted
   * labels for a state's registry), each app's models in registration order.
   */
  private modelsInAppOrder(): ModelMeta[] {
    const byApp = new Map<string, ModelMeta[]>();
    for (const m of this.models.values()) {
      const list = byApp.get(m.appLabel);
      if (list) list.push(m);
      else byApp.set(m.appLabel, [m]);
    }
    const labels = [...byApp.keys()];
    const order = this.stateApps
      ? labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      : [...this.config.appLabels.filter((l) => byApp.has(l)), ...labels.filter((l) => !this.config.appLabels.includes(l))];
    return order.flatMap((l) => byApp.get(l)!);
  }

  /** `get_model('app', 'Model')` / `get_model('app.Model')` with Django's LookupError texts. */
  getModel(appLabel: string, modelName?: string): ModelMeta {
    if (modelName === undefined) {
      const parts = appLabel.split('.');
      if (parts.length !== 2) throw pyError(ValueError, `Model label must be in the form 'app_label.ModelName'.`);
      [appLabel, modelName] = parts as [string, string];
    }
    const m = this.models.get(`${appLabel}.${modelName.toLowerCase()}`);
    if (m) return m;
    // both LookupErrors are raised while handling a KeyError (app_configs[app_label], models[model_name])
    const during = (err: PyException, key: string, file: string, line: number, name: string, source: string) => {
      err.context = new PyException(newException(KeyError, key));
      err.context.traceback = [{ file, line, name, source }];
      return err;
    };
    if (!this.config.appLabels.includes(appLabel) && ![...this.models.values()].some((x) => x.appLabel === appLabel)) {
      const err = pyError(LookupError, `No installed app with label '${appLabel}'.`);
      throw during(err, appLabel, 'django/apps/registry.py', 158, 'get_app_config', 'return self.app_configs[app_label]');
    }
    const err = pyError(LookupError, `App '${appLabel}' doesn't have a '${modelName}' model.`);
    throw during(err, modelName.toLowerCase(), 'django/apps/config.py', 235, 'get_model', 'return self.models[model_name.lower()]');
  }

  findModel(labelLower: string): ModelMeta | undefined {
    return this.models.get(labelLower);
  }

  /** Models of an app (or all), auto-created ones excluded unless asked. */
  getModels(appLabel?: string, includeAutoCreated = false): ModelMeta[] {
    return [...this.models.values()].filter((m) => (appLabel === undefined || m.appLabel === appLabel) && (includeAutoCreated || !m.autoCreated));
  }

  register(meta: ModelMeta): void {
    meta.apps = this;
    this.models.set(meta.labelLower, meta);
    this.invalidateRelations();
  }

  unregister(labelLower: string): void {
    this.models.delete(labelLower);
    this.invalidateRelations();
  }

  invalidateRelations(): void {
    this.relatedCache = null;
    if (this.derivedCache.size) this.derivedCache.clear();
  }

  /**
   * A value computed from the registry's models and relations, kept until a model is registered
   * or unregistered or the relations are resolved again (e.g. an index the system checks build).
   */
  derived<T>(key: object, compute: () => T): T {
    if (this.derivedCache.has(key)) return this.derivedCache.get(key) as T;
    const value = compute();
    this.derivedCache.set(key, value);
    return value;
  }

  /** Reverse relations pointing at `meta` (Django's `_meta.related_objects`). */
  relatedObjectsOf(meta: ModelMeta): ForeignObjectRel[] {
    if (!this.relatedCache) {
      const cache = new Map<ModelMeta, ForeignObjectRel[]>();
      // Options._populate_directed_relation_graph walks get_models(include_auto_created=True).
      for (const m of this.modelsInAppOrder()) {
        for (const f of [...m.localFields, ...m.localManyToMany]) {
          const rel = f.remoteField;
          if (!rel || !rel.remoteModel) continue;
          if (rel.isHidden() && !f.manyToMany) continue;
          const list = cache.get(rel.remoteModel) ?? [];
          list.push(rel);
          cache.set(rel.remoteModel, list);
        }
      }
      this.relatedCache = cache;
    }
    return this.relatedCache.get(meta) ?? [];
  }

  /** Resolves a relation target as written to a label, relative to the model holding the field. */
  targetLabel(target: PyValue, owner: ModelMeta): string | null {
    // A cloned field's `to=settings.AUTH_USER_MODEL` (Django's SettingsReference is a str).
    if (target instanceof SettingsReference) target = target.value;
    if (typeof target === 'string') {
      if (target === 'self') return owner.labelLower;
      if (target.includes('.')) {
        const [app, name] = target.split('.', 2) as [string, string];
        return `${app}.${name.toLowerCase()}`;
      }
      return `${owner.appLabel}.${target.toLowerCase()}`;
    }
    const meta = (target as { native?: Record<string, unknown> }).native?.['modelMeta'] as ModelMeta | undefined;
    if (meta) return meta.labelLower;
    const info = modelInfoOf(target);
    if (info) return `${info.appLabel}.${info.objectName.toLowerCase()}`;
    return null;
  }

  /**
   * Resolves the relations of the given models (FK targets, M2M targets and through models,
   * creating auto-created through models). Unresolvable targets are recorded in `unresolved`.
   */
  resolveRelations(models: Iterable<ModelMeta>): void {
    for (const meta of models) {
      for (const f of meta.localFields) if (f.remoteField) this.resolveField(meta, f);
      for (const f of meta.localManyToMany) this.resolveField(meta, f);
    }
    this.invalidateRelations();
  }

  /**
   * `_check_lazy_references`: the relations still waiting for a model that was never registered
   * (fields.E307, and models.E022 for an explicit through model), sorted by message. `installed`
   * tells an app that is missing the model from one that is not installed; `among` limits the
   * models looked at.
   */
  lazyReferenceErrors(installed: (appLabel: string) => boolean, among: (model: ModelMeta) => boolean = () => true): { msg: string; obj: string; id: string }[] {
    const errors: { msg: string; obj: string; id: string }[] = [];
    const appError = (app: string, model: string) => (installed(app) ? `app '${app}' doesn't provide model '${model}'` : `app '${app}' isn't installed`);
    const keyOf = (target: string, owner: ModelMeta): [string, string] => {
      if (target.includes('.')) {
        const [app, model] = target.split('.', 2) as [string, string];
        return [app, model.toLowerCase()];
      }
      return [owner.appLabel, target.toLowerCase()];
    };
    for (const { field, model, target } of this.unresolved) {
      if (!among(model)) continue;
      if (field instanceof ManyToManyField && target === field.remoteField.through) continue;
      let key: [string, string];
      if (typeof target === 'string') key = keyOf(target, model);
      else {
        const info = modelInfoOf(target);
        if (!info) continue;
        key = [info.appLabel, info.objectName.toLowerCase()];
      }
      const [app, name] = key;
      const label = `${model.label}.${field.name}`;
      errors.push({ msg: `The field ${label} was declared with a lazy reference to '${app}.${name}', but ${appError(app, name)}.`, obj: label, id: 'fields.E307' });
      // The auto-created through model of a ManyToManyField points at the same missing model.
      if (field instanceof ManyToManyField && field.remoteField.through === None) {
        let toName = name;
        if (toName === model.modelName) toName = `to_${toName}`;
        const through = `${model.label}_${field.name}.${toName}`;
        errors.push({ msg: `The field ${through} was declared with a lazy reference to '${app}.${name}', but ${appError(app, name)}.`, obj: through, id: 'fields.E307' });
      }
    }
    // Explicit through models that never got registered (ManyToManyField's resolve_through_model).
    for (const model of this.models.values()) {
      if (!among(model)) continue;
      for (const field of model.localManyToMany as ManyToManyField[]) {
        const through = field.remoteField.through;
        if (typeof through !== 'string' || field.remoteField.throughModel) continue;
        const [app, name] = keyOf(through, model);
        if (this.findModel(`${app}.${name}`)) continue;
        const func = `<function ManyToManyField.contribute_to_class.<locals>.resolve_through_model at 0x${addressOf(field)}>`;
        errors.push({ msg: `${func} contains a lazy reference to ${app}.${name}, but ${appError(app, name)}.`, obj: func, id: 'models.E022' });
      }
    }
    return errors.sort((a, b) => (a.msg < b.msg ? -1 : a.msg > b.msg ? 1 : 0));
  }

  private resolveField(meta: ModelMeta, f: Field): void {
    const rel = f.remoteField!;
    const label = this.targetLabel(rel.model, meta);
    const target = label ? this.models.get(label) : undefined;
    if (!target) {
      this.unresolved.push({ field: f, model: meta, target: rel.model });
      rel.remoteModel = null;
      return;
    }
    rel.remoteModel = target;
    // Like Django's lazy relation resolution, the field now refers to the model itself.
    rel.model = target.labelLower;
    if (rel instanceof ManyToOneRel && rel.fieldName === null) rel.fieldName = target.pk?.name ?? null;
    if (f instanceof ManyToManyField) this.resolveThrough(meta, f, f.remoteField);
  }

  private resolveThrough(meta: ModelMeta, f: ManyToManyField, rel: ManyToManyRel): void {
    if (rel.through !== None) {
      const label = this.targetLabel(rel.through, meta);
      const through = label ? this.models.get(label) : undefined;
      if (!through) {
        this.unresolved.push({ field: f, model: meta, target: rel.through });
        return;
      }
      rel.throughModel = through;
      rel.through = through.label;
      return;
    }
    if (meta.abstract) return;
    const through = this.createIntermediaryModel(meta, f, rel.remoteModel!);
    rel.throughModel = through;
  }

  /** The auto-created `Book_tags` model of a ManyToManyField without `through`. */
  private createIntermediaryModel(owner: ModelMeta, f: ManyToManyField, to: ModelMeta): ModelMeta {
    const name = `${owner.objectName}_${f.name}`;
    let toName = to.modelName;
    let fromName = owner.modelName;
    if (toName === fromName) {
      toName = `to_${toName}`;
      fromName = `from_${fromName}`;
    }
    const dbTable =
      typeof f.dbTable === 'string' ? f.dbTable : truncateName(`${stripQuotes(owner.dbTable)}_${f.name}`, MAX_NAME_LENGTH);
    const options = new Map<string, PyValue>([
      ['db_table', dbTable],
      ['db_tablespace', owner.dbTablespace],
      ['unique_together', fromTuple([fromName, toName])],
      ['verbose_name', `${fromName}-${toName} relationship`],
      ['verbose_name_plural', `${fromName}-${toName} relationships`],
    ]);
    const fk = (target: ModelMeta) =>
      makeField('ForeignKey', {
        to: target.labelLower,
        related_name: `${name}+`,
        db_tablespace: f.dbTablespace,
        db_constraint: f.remoteField.dbConstraint,
        on_delete: CASCADE,
      });
    const through = buildModel(this, {
      appLabel: owner.appLabel,
      name,
      module: owner.module,
      fields: [
        [fromName, fk(owner)],
        [toName, fk(to)],
      ],
      options,
      parents: [],
      autoCreatedFor: owner,
    });
    through.managed = owner.managed || to.managed;
    this.register(through);
    this.resolveRelations([through]);
    return through;
  }
}

function fromTuple(names: string[]): PyValue {
  return new PyTuple([new PyTuple(names)]);
}

function interpolateRelated(v: PyValue, meta: ModelMeta): PyValue {
  if (typeof v !== 'string') return v;
  return v.replace(/%\((class|model_name|app_label)\)s/g, (_m, k: string) => (k === 'app_label' ? meta.appLabel.toLowerCase() : meta.modelName));
}

/** Builds (but does not register) a ModelMeta from a definition. */
export function buildModel(apps: Apps, spec: ModelSpec): ModelMeta {
  const meta = new ModelMeta(spec.appLabel, spec.name);
  meta.apps = apps;
  meta.module = spec.module;
  meta.pyModel = spec.pyModel;
  applyOptions(meta, spec.options);
  if (spec.autoCreatedFor) meta.autoCreated = spec.autoCreatedFor;

  if (meta.proxy) {
    const parent = spec.parents[0];
    if (parent) meta.proxyFor = parent.concreteModel;
  }

  // ModelBase.__new__: a local field may not reuse the name of a concrete parent's field (a historical
  // MTI child whose parent link was swapped for an `id` still has the parent among its bases).
  if (!meta.proxy) {
    for (const parent of spec.parents) {
      for (const f of [...parent.localFields, ...parent.localManyToMany]) {
        if (spec.fields.some(([n]) => n === f.name)) {
          throw pyError(
            FieldError,
            `Local field ${strRepr(f.name!)} in class ${strRepr(spec.name)} clashes with field of the same name from base class ${strRepr(parent.objectName)}.`,
          );
        }
      }
    }
  }

  for (const [name, field] of spec.fields) {
    field.bind(meta, name);
    // RelatedField.contribute_to_class: `%(class)s`-style related names of concrete models.
    const rel = field.remoteField;
    if (rel && !meta.abstract) {
      rel.relatedName = interpolateRelated(rel.originalRelatedName, meta);
      rel.relatedQueryName = interpolateRelated(rel.originalRelatedQueryName, meta);
    }
    if (field.manyToMany) meta.localManyToMany.push(field);
    else meta.localFields.push(field);
  }
  meta.localFields.sort((a, b) => a.creationCounter - b.creationCounter);
  meta.localManyToMany.sort((a, b) => a.creationCounter - b.creationCounter);

  // Options._prepare: order_with_respect_to adds an `_order` IntegerField (OrderWrt) last.
  if (!meta.abstract && truthy(meta.orderWithRespectTo) && !meta.localFields.some((f) => f.name === '_order')) {
    const order = makeField('IntegerField', { editable: false });
    order.bind(meta, '_order');
    meta.localFields.push(order);
    meta.orderWrtField = order;
    meta.ordering = new PyTuple(['_order']);
  }

  if (!meta.proxy) {
    for (const parent of spec.parents) {
      const link = meta.localFields.find(
        (f) => f instanceof ForeignKey && truthy(f.remoteField.parentLink) && apps.targetLabel(f.remoteField.model, meta) === parent.labelLower,
      );
      meta.parents.set(parent, link ?? null);
    }
  }

  meta.pk = meta.localFields.find((f) => f.isPrimaryKey) ?? null;
  // Options.setup_pk: the primary key is never serialized on its own.
  if (meta.pk && !meta.proxy) meta.pk.serialize = false;
  if (!meta.pk && meta.proxy && meta.proxyFor) meta.pk = meta.proxyFor.pk;
  if (!meta.pk && !meta.abstract && !meta.proxy) {
    const link = [...meta.parents.values()].find((f) => f !== null);
    if (link) {
      link.primaryKey = true;
      link.serialize = false;
      meta.pk = link;
    } else if (meta.parents.size > 0) {
      meta.pk = [...meta.parents.keys()][0]!.pk;
    } else {
      const auto = makeAutoField(apps.config.defaultAutoField(meta.appLabel));
      auto.bind(meta, 'id');
      auto.serialize = false;
      meta.localFields.unshift(auto);
      meta.pk = auto;
    }
  }
  return meta;
}

function makeAutoField(cls: PyClass): Field {
  const kwargs = new Map<string, PyValue>([
    ['verbose_name', 'ID'],
    ['primary_key', true],
    ['auto_created', true],
  ]);
  const f = (cls.nativeNew ?? (() => null))(cls, [], kwargs);
  if (!f) {
    throw pyError(TypeError, `Primary key class ${cls.name} cannot be created`);
  }
  return f as Field;
}

/** Applies Meta options to a ModelMeta (Options.contribute_to_class). */
export function applyOptions(meta: ModelMeta, options: Map<string, PyValue>): void {
  for (const [k, v] of options) {
    if (k === 'app_label' || k === 'apps') continue;
    meta.originalAttrs.set(k, v);
  }
  const get = (k: string): PyValue | undefined => options.get(k);
  meta.abstract = truthy(get('abstract') ?? false);
  meta.proxy = truthy(get('proxy') ?? false);
  meta.managed = truthy(get('managed') ?? true);
  const dbTable = get('db_table');
  meta.dbTable = typeof dbTable === 'string' && dbTable !== '' ? dbTable : truncateName(`${meta.appLabel}_${meta.modelName}`, MAX_NAME_LENGTH);
  meta.dbTableComment = get('db_table_comment') ?? None;
  meta.dbTablespace = get('db_tablespace') ?? '';
  meta.ordering = get('ordering') ?? None;
  meta.orderWithRespectTo = get('order_with_respect_to') ?? None;
  meta.defaultRelatedName = get('default_related_name') ?? None;
  meta.swappable = get('swappable') ?? None;
  const ut = get('unique_together');
  meta.uniqueTogether = ut === undefined ? [] : normalizeTogether(ut).map((t) => t.map(String));
  const indexes = get('indexes');
  meta.indexes = indexes === undefined ? [] : (toArray(indexes) as unknown as Index[]);
  const constraints = get('constraints');
  meta.constraints = constraints === undefined ? [] : (toArray(constraints) as unknown as Constraint[]);
  const vn = get('verbose_name');
  meta.verboseName = vn ?? camelCaseToSpaces(meta.objectName);
  const vnp = get('verbose_name_plural');
  meta.verboseNamePlural = vnp ?? (typeof meta.verboseName === 'string' ? `${meta.verboseName}s` : None);
}
