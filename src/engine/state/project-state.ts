/**
 * ProjectState: every model of the project at one point of the migration history, and the
 * mutators operations use in `stateForwards` (Django's ProjectState API).
 *
 * Copy-on-write: `clone()` copies the model map, mutators replace a ModelState with a modified
 * clone, and the rendered registry (`apps`) is updated incrementally — only the changed models and
 * the models pointing at them are re-rendered. That keeps `migrate` on large projects fast.
 */
import { LookupError, PyList, type PyValue, ValueError, pyError } from '../python/objects.ts';
import { FieldDoesNotExist, InvalidBasesError } from '../django/exceptions.ts';
import { Apps, type AppsConfig, buildModel } from './apps.ts';
import { Field, NOT_PROVIDED } from './fields/field.ts';
import { ForeignKey, ManyToManyField } from './fields/related.ts';
import type { Constraint } from './constraints.ts';
import type { Index } from './indexes.ts';
import type { ModelMeta } from './meta.ts';
import { ModelState, normalizeTogether, relationLabel } from './model-state.ts';
import { fieldIsReferenced, getReferences } from './references.ts';
import { KeyError, PyException, PyTuple, PySet, newException } from '../python/objects.ts';

/** The KeyError of a missing key in ProjectState.models: `KeyError: ('shop', 'itme')`. */
function missingModel(key: string): PyException {
  const dot = key.indexOf('.');
  return new PyException(newException(KeyError, new PyTuple([key.slice(0, dot), key.slice(dot + 1)])));
}

/** The KeyError of a missing field in ModelState.fields. */
function missingField(name: string): PyException {
  return new PyException(newException(KeyError, name));
}

export class ProjectState {
  /** 'app.modelname' → ModelState, in insertion order. */
  models: Map<string, ModelState>;
  /** Apps whose models come from the real registry (unmigrated apps). */
  realApps: Set<string>;
  private _apps: Apps | null = null;

  constructor(
    readonly config: AppsConfig,
    models?: Map<string, ModelState>,
    realApps?: Set<string>,
  ) {
    this.models = models ?? new Map();
    this.realApps = realApps ?? new Set();
  }

  static key(appLabel: string, modelName: string): string {
    return `${appLabel}.${modelName.toLowerCase()}`;
  }

  /** The rendered registry, built on first use and kept up to date afterwards. */
  get apps(): Apps {
    if (!this._apps) {
      const apps = new Apps(this.config, true);
      this.render(apps, new Set(this.models.keys()));
      // StateApps.__init__: no relation may be left waiting for a model (later reloads may). The
      // models of unmigrated apps are Django's real models there, their relations long resolved.
      const labels = new Set([...this.realApps, ...[...this.models.values()].map((ms) => ms.appLabel)]);
      const errors = apps.lazyReferenceErrors(
        (app) => labels.has(app),
        (model) => !this.realApps.has(model.appLabel),
      );
      if (errors.length) throw pyError(ValueError, errors.map((e) => e.msg).join('\n'));
      this._apps = apps;
    }
    return this._apps;
  }

  get isRendered(): boolean {
    return this._apps !== null;
  }

  clone(): ProjectState {
    const c = new ProjectState(this.config, new Map(this.models), new Set(this.realApps));
    if (this._apps) c._apps = new Apps(this.config, true, this._apps.models);
    return c;
  }

  getModelState(appLabel: string, modelName: string): ModelState {
    const ms = this.models.get(ProjectState.key(appLabel, modelName));
    if (!ms) throw pyError(LookupError, `App '${appLabel}' doesn't have a '${modelName}' model.`);
    return ms;
  }

  /** Replaces a model's state with a private copy before a mutation (copy-on-write). */
  private own(key: string): ModelState {
    const ms = this.models.get(key);
    if (!ms) throw missingModel(key);
    const copy = ms.clone();
    this.models.set(key, copy);
    return copy;
  }

  // ------------------------------------------------------------------------------------------
  // Mutators (what operations call in state_forwards)
  // ------------------------------------------------------------------------------------------

  addModel(ms: ModelState): void {
    this.models.set(ms.key, ms);
    this.reloadModels([ms.key]);
  }

  removeModel(appLabel: string, modelName: string): void {
    const key = ProjectState.key(appLabel, modelName);
    if (!this.models.delete(key)) throw missingModel(key);
    this.reloadModels([key]);
  }

  renameModel(appLabel: string, oldName: string, newName: string): void {
    const oldKey = ProjectState.key(appLabel, oldName);
    const newKey = ProjectState.key(appLabel, newName);
    const renamed = this.models.get(oldKey)!.clone();
    renamed.name = newName;
    this.models.set(newKey, renamed);
    const newRemote = `${appLabel}.${newName}`;
    const toReload = new Set<string>();
    for (const [ms, name, field, ref] of [...getReferences(this, oldKey)]) {
      let changed: Field | null = null;
      if (ref.to) {
        changed = field.clone();
        changed.remoteField!.model = newRemote;
      }
      if (ref.through) {
        changed ??= field.clone();
        (changed as ManyToManyField).remoteField.through = newRemote;
      }
      if (changed) {
        const owned = this.own(ms.key === oldKey ? newKey : ms.key);
        owned.fields.set(name, changed);
        toReload.add(owned.key);
      }
    }
    this.models.delete(oldKey);
    this.reloadModels([oldKey, newKey, ...toReload]);
  }

  alterModelOptions(appLabel: string, modelName: string, options: Map<string, PyValue>, optionKeys: readonly string[] = []): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    for (const [k, v] of options) ms.options.set(k, v);
    for (const k of optionKeys) if (!options.has(k)) ms.options.delete(k);
    this.reloadModels([ms.key]);
  }

  alterModelManagers(appLabel: string, modelName: string, managers: [string, PyValue][]): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    ms.managers = [...managers];
    this.reloadModels([ms.key]);
  }

  private appendOption(appLabel: string, modelName: string, option: 'indexes' | 'constraints', obj: PyValue): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    const list = ms.options.get(option) as PyList;
    ms.options.set(option, new PyList([...list.items, obj]));
    this.reloadModels([ms.key]);
  }

  private removeOption(appLabel: string, modelName: string, option: 'indexes' | 'constraints', name: string): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    const list = ms.options.get(option) as PyList;
    ms.options.set(option, new PyList(list.items.filter((o) => (o as unknown as { name: string }).name !== name)));
    this.reloadModels([ms.key]);
  }

  addIndex(appLabel: string, modelName: string, index: Index): void {
    this.appendOption(appLabel, modelName, 'indexes', index);
  }
  removeIndex(appLabel: string, modelName: string, name: string): void {
    this.removeOption(appLabel, modelName, 'indexes', name);
  }
  renameIndex(appLabel: string, modelName: string, oldName: string, newName: string): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    const list = ms.options.get('indexes') as PyList;
    ms.options.set(
      'indexes',
      new PyList(
        list.items.map((o) => {
          const idx = o as unknown as Index;
          if (idx.name !== oldName) return o;
          const c = idx.clone();
          c.name = newName;
          return c;
        }),
      ),
    );
    this.reloadModels([ms.key]);
  }
  addConstraint(appLabel: string, modelName: string, constraint: Constraint): void {
    this.appendOption(appLabel, modelName, 'constraints', constraint);
  }
  removeConstraint(appLabel: string, modelName: string, name: string): void {
    this.removeOption(appLabel, modelName, 'constraints', name);
  }
  alterConstraint(appLabel: string, modelName: string, name: string, constraint: Constraint): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    const list = ms.options.get('constraints') as PyList;
    ms.options.set('constraints', new PyList(list.items.map((o) => ((o as unknown as Constraint).name === name ? constraint : o))));
    this.reloadModels([ms.key]);
  }

  addField(appLabel: string, modelName: string, name: string, field: Field, preserveDefault: boolean): void {
    if (!preserveDefault) {
      field = field.clone();
      field.default = NOT_PROVIDED;
    }
    const ms = this.own(ProjectState.key(appLabel, modelName));
    ms.fields.set(name, field);
    this.reloadModels([ms.key], field.isRelation);
  }

  removeField(appLabel: string, modelName: string, name: string): void {
    const ms = this.own(ProjectState.key(appLabel, modelName));
    const old = ms.fields.get(name);
    if (!old) throw missingField(name);
    ms.fields.delete(name);
    this.reloadModels([ms.key], old?.isRelation ?? false);
  }

  alterField(appLabel: string, modelName: string, name: string, field: Field, preserveDefault: boolean): void {
    if (!preserveDefault) {
      field = field.clone();
      field.default = NOT_PROVIDED;
    }
    const key = ProjectState.key(appLabel, modelName);
    const ms = this.own(key);
    ms.fields.set(name, field);
    // A field other models point at (a primary key, a to_field) changes what they render.
    this.reloadModels([ms.key], field.isRelation || fieldIsReferenced(this, key, [name, field]));
  }

  renameField(appLabel: string, modelName: string, oldName: string, newName: string): void {
    const key = ProjectState.key(appLabel, modelName);
    const ms = this.own(key);
    const found = ms.fields.get(oldName);
    if (!found) {
      // raised while handling the KeyError of `fields.pop(old_name)`
      const err = pyError(FieldDoesNotExist, `${appLabel}.${modelName} has no field named '${oldName}'`);
      err.context = missingField(oldName);
      err.context.traceback = [{ file: 'django/db/migrations/state.py', line: 310, name: 'rename_field', source: 'found = fields.pop(old_name)' }];
      throw err;
    }
    // Keep the field's position: Django pops and re-inserts, which moves it to the end.
    ms.fields.delete(oldName);
    ms.fields.set(newName, found);
    for (const option of ['index_together', 'unique_together']) {
      const v = ms.options.get(option);
      if (v === undefined) continue;
      const renamed = normalizeTogether(v).map((t) => new PyTuple(t.map((n) => (n === oldName ? newName : n))));
      ms.options.set(option, option === 'unique_together' ? new PySet(renamed) : new PyList(renamed));
    }
    const toReload = new Set<string>([key]);
    const references = [...getReferences(this, key, [oldName, found])];
    for (const [refMs, fname, field, ref] of references) {
      if (!ref.to) continue;
      if (field instanceof ForeignKey && (field.remoteField.fieldName === oldName || field.toFieldsValue === oldName)) {
        const c = field.clone() as ForeignKey;
        if (c.remoteField.fieldName === oldName) c.remoteField.fieldName = newName;
        if (c.toFieldsValue === oldName) c.toFieldsValue = newName;
        this.own(refMs.key).fields.set(fname, c);
        toReload.add(refMs.key);
      }
    }
    this.reloadModels(toReload, references.length > 0);
  }

  // ------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------

  /**
   * Re-renders the given models if the registry exists, and the models pointing at them so they
   * bind to the new versions: one level for a "delayed" reload (Django's delay=True: their own
   * referrers keep the previous objects), transitively otherwise (a changed primary key must
   * reach FK columns several hops away, e.g. through a OneToOne primary key).
   */
  reloadModels(keys: Iterable<string>, recursive = false): void {
    if (!this._apps) return;
    const apps = this._apps;
    const changed = new Set(keys);
    let frontier = new Set(changed);
    while (frontier.size) {
      const next = new Set<string>();
      for (const [key, ms] of this.models) {
        if (changed.has(key)) continue;
        const points = [...ms.referencedModels()].some((ref) => frontier.has(ref));
        // Proxies follow their concrete model.
        const proxies = ms.bases.some((b) => typeof b === 'string' && frontier.has(b.toLowerCase()));
        if (points || proxies) next.add(key);
      }
      for (const k of next) changed.add(k);
      frontier = recursive ? next : new Set();
    }
    // Unregister them and the through models they own.
    for (const [k, m] of [...apps.models]) {
      if (changed.has(k) || (m.autoCreated && changed.has(m.autoCreated.labelLower))) apps.unregister(k);
    }
    this.render(apps, changed);
  }

  /** Renders the ModelStates with the given keys into `apps` (parents before children). */
  private render(apps: Apps, keys: Set<string>): void {
    const pending = [...keys].filter((k) => this.models.has(k));
    const built: ModelMeta[] = [];
    const done = new Set<string>();
    let progress = true;
    while (pending.length && progress) {
      progress = false;
      for (let i = 0; i < pending.length; i++) {
        const key = pending[i]!;
        const ms = this.models.get(key)!;
        const parentLabels = ms.bases.filter((b): b is string => typeof b === 'string').map((b) => b.toLowerCase());
        // ModelState.render: a base that is not (yet) a model of the registry can't be resolved.
        if (parentLabels.some((p) => (pending.includes(p) && !done.has(p)) || !apps.findModel(p))) continue;
        const parents = parentLabels.map((p) => apps.findModel(p)!);
        const meta = buildModel(apps, {
          appLabel: ms.appLabel,
          name: ms.name,
          module: '__fake__',
          fields: [...ms.fields].map(([n, f]) => [n, f.clone()]),
          options: ms.options,
          parents,
        });
        apps.register(meta);
        built.push(meta);
        done.add(key);
        pending.splice(i, 1);
        i--;
        progress = true;
      }
    }
    if (pending.length) {
      // StateApps.render_multiple gives up when a pass renders nothing.
      const states = pending.map((k) => `<ModelState: '${this.models.get(k)!.appLabel}.${this.models.get(k)!.name}'>`);
      throw pyError(
        InvalidBasesError,
        `Cannot resolve bases for [${states.join(', ')}]\nThis can happen if you are inheriting models from an app with migrations (e.g. contrib.auth)\n in an app with no migrations; see https://docs.djangoproject.com/en/5.2/topics/migrations/#dependencies for more`,
      );
    }
    apps.resolveRelations(built);
  }

  /** Labels of models referencing `key` (for the autodetector and operations). */
  referrersOf(key: string): string[] {
    const out: string[] = [];
    for (const [k, ms] of this.models) {
      for (const f of ms.fields.values()) {
        if (f.remoteField && relationLabel(f.remoteField.model, ms.appLabel, ms.nameLower) === key) {
          out.push(k);
          break;
        }
      }
    }
    return out;
  }
}
