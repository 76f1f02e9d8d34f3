/**
 * Model.check() (django.db.models.base) and the `models`-tagged checks of
 * django.core.checks.model_checks: check_all_models and check_lazy_references.
 */
import { PyClass, PyList, PyProperty, PyTuple, type PyValue, None, toArray, truthy } from '../python/objects.ts';
import type { Project } from '../project/project.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyField, OneToOneField } from '../state/fields/related.ts';
import { CheckConstraint, UniqueConstraint } from '../state/constraints.ts';
import { F, Func, Q } from '../state/expressions.ts';
import type { ModelMeta } from '../state/meta.ts';
import { MAX_NAME_LENGTH } from '../state/apps.ts';
import { isLookupOrTransform } from '../state/fields/lookups.ts';
import { type CheckMessage, Error, Warning } from './messages.ts';
import { type FieldCheckContext, checkField } from './field-checks.ts';
import { fieldsOf, forwardFieldsOf, relatedObjects, relatedQueryName } from './relations.ts';

export interface ModelCheckOptions {
  /** Database checks run (`migrate` passes its database; `check --database`). */
  databases: boolean;
}

/** What the checks need to know about the project's registry. */
export class CheckEnvironment {
  readonly installed: Set<ModelMeta>;
  constructor(
    readonly project: Project,
    readonly opts: ModelCheckOptions,
  ) {
    this.installed = new Set([...project.apps.models.values()].filter((m) => !this.swappedSetting(m)));
  }

  /** `_meta.swapped`: the setting that swaps this model out (AUTH_USER_MODEL pointing elsewhere), or null. */
  swappedSetting(meta: ModelMeta): string | null {
    const setting = meta.swappable;
    if (typeof setting !== 'string' || !setting) return null;
    const value = this.project.settings.get(setting);
    if (typeof value !== 'string' || value === meta.label) return null;
    const [app, model] = value.split('.');
    if (model !== undefined && `${app}.${model.toLowerCase()}` === meta.labelLower) return null;
    return setting;
  }

  /** Apps.get_models() of the app configs being checked (all when null): no auto-created, no swapped. */
  models(appLabels: string[] | null): ModelMeta[] {
    const labels = appLabels ?? this.project.appConfigs.map((a) => a.label);
    const out: ModelMeta[] = [];
    for (const label of labels) {
      for (const m of this.project.apps.getModels(label)) if (!this.swappedSetting(m)) out.push(m);
    }
    return out;
  }

  fieldContext(): FieldCheckContext {
    return {
      databases: this.opts.databases,
      env: this.project.env,
      installed: this.installed,
      swappedSetting: (m) => this.swappedSetting(m),
    };
  }
}

const modelErr = (meta: ModelMeta, msg: string, id: string, hint?: string) => Error(msg, { obj: meta.label, id, hint });

/** `_meta.get_field(name)` including reverse relations (by their query name). */
function getFieldOrRelation(meta: ModelMeta, name: string): { field: Field; reverse: boolean } | null {
  for (const f of forwardFieldsOf(meta)) if (f.name === name) return { field: f, reverse: false };
  for (const f of relatedObjects(meta)) if (relatedQueryName(f) === name) return { field: f, reverse: true };
  for (const f of fieldsOf(meta)) if (f.attname === name) return { field: f, reverse: false };
  return null;
}

/** `_get_fields(reverse=False)` keyed by name and attname: forward fields including parents' and M2M. */
function forwardFieldsMap(meta: ModelMeta): Map<string, Field> {
  const map = new Map<string, Field>();
  for (const f of forwardFieldsOf(meta)) {
    map.set(f.name!, f);
    if (f.attname) map.set(f.attname, f);
  }
  return map;
}

function checkLocalFields(meta: ModelMeta, fields: Iterable<string>, option: string): CheckMessage[] {
  const map = forwardFieldsMap(meta);
  const out: CheckMessage[] = [];
  for (const name of fields) {
    const f = map.get(name);
    if (!f) out.push(modelErr(meta, `'${option}' refers to the nonexistent field '${name}'.`, 'models.E012'));
    else if (f instanceof ManyToManyField) {
      out.push(modelErr(meta, `'${option}' refers to a ManyToManyField '${name}', but ManyToManyFields are not permitted in '${option}'.`, 'models.E013'));
    } else if (!meta.localFields.includes(f)) {
      out.push(
        modelErr(
          meta,
          `'${option}' refers to field '${name}' which is not local to model '${meta.objectName}'.`,
          'models.E016',
          'This issue may be caused by multi-table inheritance.',
        ),
      );
    }
  }
  return out;
}

/** Model._get_expr_references: lookups ('a', 'b') referenced by a Q / F / function expression. */
function exprReferences(expr: PyValue, out: string[][]): void {
  if (expr instanceof Q) {
    for (const child of expr.children) {
      if (child instanceof PyTuple) {
        const [lookup, value] = child.items;
        if (typeof lookup === 'string') out.push(lookup.split('__'));
        if (value !== undefined) exprReferences(value, out);
      } else exprReferences(child, out);
    }
  } else if (expr instanceof F) {
    out.push(expr.name.split('__'));
  } else if (expr instanceof Func) {
    for (const e of expr.sourceExpressions) exprReferences(e, out);
  }
}

/** BaseConstraint._check_references. */
function checkReferences(meta: ModelMeta, references: string[][]): CheckMessage[] {
  const out: CheckMessage[] = [];
  const fields = new Set<string>();
  const seen = new Set<string>();
  for (const ref of references) {
    const key = ref.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const [fieldName, ...lookups] = ref as [string, ...string[]];
    if (fieldName !== 'pk') fields.add(fieldName);
    if (!lookups.length) continue;
    const found = fieldName === 'pk' ? meta.pk : getFieldOrRelation(meta, fieldName)?.field;
    if (!found) continue;
    const rev = fieldName !== 'pk' && getFieldOrRelation(meta, fieldName)?.reverse;
    if (!found.remoteField || found.manyToMany || rev) continue;
    if (!isLookupOrTransform(found, lookups[0]!)) {
      out.push(modelErr(meta, `'constraints' refers to the joined field '${[fieldName, ...lookups].join('__')}'.`, 'models.E041'));
    }
  }
  out.push(...checkLocalFields(meta, fields, 'constraints'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model.check()
// ---------------------------------------------------------------------------------------------

function checkModelProxy(meta: ModelMeta): CheckMessage[] {
  if (meta.proxy && (meta.localFields.length || meta.localManyToMany.length)) {
    return [Error(`Proxy model '${meta.objectName}' contains model fields.`, { id: 'models.E017' })];
  }
  return [];
}

function checkM2mThroughSameRelationship(meta: ModelMeta): CheckMessage[] {
  const out: CheckMessage[] = [];
  const seen: string[] = [];
  for (const f of meta.localManyToMany as ManyToManyField[]) {
    const rel = f.remoteField;
    if (!rel.remoteModel || !rel.throughModel) continue;
    const tf = rel.throughFields === None ? 'None' : toArray(rel.throughFields).map(String).join(',');
    const sig = `${rel.remoteModel.labelLower}|${rel.throughModel.labelLower}|${tf}`;
    if (seen.includes(sig)) {
      out.push(
        modelErr(meta, `The model has two identical many-to-many relations through the intermediate model '${rel.throughModel.label}'.`, 'models.E003'),
      );
    } else seen.push(sig);
  }
  return out;
}

function checkLongColumnNames(meta: ModelMeta, opts: ModelCheckOptions): CheckMessage[] {
  if (!opts.databases || !meta.isManaged()) return [];
  const out: CheckMessage[] = [];
  const allowed = MAX_NAME_LENGTH;
  for (const f of meta.localFields) {
    if (f.dbColumn === None && f.column !== null && [...f.column].length > allowed) {
      out.push(
        modelErr(
          meta,
          `Autogenerated column name too long for field "${f.column}". Maximum length is "${allowed}" for database "default".`,
          'models.E018',
          "Set the column name manually using 'db_column'.",
        ),
      );
    }
  }
  for (const f of meta.localManyToMany as ManyToManyField[]) {
    const through = f.remoteField.throughModel;
    if (!through) continue;
    for (const m2m of through.localFields) {
      if (m2m.dbColumn === None && m2m.column !== null && [...m2m.column].length > allowed) {
        out.push(
          modelErr(
            meta,
            `Autogenerated column name too long for M2M field "${m2m.column}". Maximum length is "${allowed}" for database "default".`,
            'models.E019',
            "Use 'through' to create a separate model for M2M and then set column_name using 'db_column'.",
          ),
        );
      }
    }
  }
  return out;
}

function checkIdField(meta: ModelMeta): CheckMessage[] {
  const fields = meta.localFields.filter((f) => f.name === 'id' && f !== meta.pk);
  if (fields.length && !truthy(fields[0]!.primaryKey) && meta.pk?.name === 'id') {
    return [modelErr(meta, "'id' can only be used as a field name if the field also sets 'primary_key=True'.", 'models.E004')];
  }
  return [];
}

/** All multi-table-inheritance ancestors, nearest first (`_meta.all_parents`). */
function allParents(meta: ModelMeta): ModelMeta[] {
  const out: ModelMeta[] = [];
  const walk = (m: ModelMeta) => {
    const concrete = m.proxy && m.proxyFor ? [m.proxyFor] : [...m.parents.keys()];
    for (const p of concrete) {
      if (!out.includes(p)) {
        out.push(p);
        walk(p);
      }
    }
  };
  walk(meta);
  return out;
}

interface NamedThing {
  name: string;
  model: ModelMeta;
}

function checkFieldNameClashes(meta: ModelMeta): CheckMessage[] {
  const out: CheckMessage[] = [];
  const used = new Map<string, NamedThing>();
  const parents = allParents(meta);
  for (const parent of parents) {
    for (const f of parent.localFields) {
      const clash = used.get(f.name!) ?? used.get(f.attname!);
      if (clash) {
        out.push(
          modelErr(
            meta,
            `The field '${clash.name}' from parent model '${clash.model.labelLower}' clashes with the field '${f.name}' from parent model '${parent.labelLower}'.`,
            'models.E005',
          ),
        );
      }
      used.set(f.name!, { name: f.name!, model: parent });
      used.set(f.attname!, { name: f.name!, model: parent });
    }
  }
  for (const parent of parents) {
    for (const f of forwardFieldsOf(parent)) used.set(f.name!, { name: f.name!, model: f.model! });
    for (const f of relatedObjects(parent)) {
      const name = relatedQueryName(f);
      used.set(name, { name, model: parent });
    }
  }
  for (const link of meta.parents.values()) {
    if (!link) continue;
    const clash = used.get(link.name!);
    if (clash) {
      out.push(modelErr(meta, `The field '${link.name}' clashes with the field '${clash.name}' from model '${clash.model.labelLower}'.`, 'models.E006'));
    }
  }
  for (const f of meta.localFields) {
    const clash = used.get(f.name!) ?? used.get(f.attname!);
    const idConflict = f.name === 'id' && clash && clash.name === 'id' && clash.model === meta;
    if (clash && !idConflict) {
      out.push(
        Error(`The field '${f.name}' clashes with the field '${clash.name}' from model '${clash.model.labelLower}'.`, {
          obj: `${meta.label}.${f.name}`,
          id: 'models.E006',
        }),
      );
    }
    used.set(f.name!, { name: f.name!, model: meta });
    used.set(f.attname!, { name: f.name!, model: meta });
  }
  return out;
}

function checkColumnNameClashes(meta: ModelMeta): CheckMessage[] {
  const used: string[] = [];
  const out: CheckMessage[] = [];
  for (const f of meta.localFields) {
    const column = f.column;
    if (column && used.includes(column)) {
      out.push(modelErr(meta, `Field '${f.name}' has column name '${column}' that is used by another field.`, 'models.E007', "Specify a 'db_column' for the field."));
    } else used.push(column ?? '');
  }
  return out;
}

function checkModelNameDbLookupClashes(meta: ModelMeta): CheckMessage[] {
  const name = meta.pyModel?.name ?? meta.objectName;
  if (name.startsWith('_') || name.endsWith('_')) {
    return [modelErr(meta, `The model name '${name}' cannot start or end with an underscore as it collides with the query lookup syntax.`, 'models.E023')];
  }
  if (name.includes('__')) {
    return [modelErr(meta, `The model name '${name}' cannot contain double underscores as it collides with the query lookup syntax.`, 'models.E024')];
  }
  return [];
}

function checkPropertyNameClashes(meta: ModelMeta): CheckMessage[] {
  const cls = meta.pyModel;
  if (!cls) return [];
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const klass of cls.mro) {
    // Field.contribute_to_class replaced the class attribute at each local field's attname with its descriptor.
    const klassMeta = klass.native['modelMeta'] as ModelMeta | undefined;
    const descriptors = new Set(klassMeta ? klassMeta.localFields.filter((f) => f.column !== null).map((f) => f.attname!) : []);
    for (const [name, value] of klass.dict) if (value instanceof PyProperty && !seen.has(name) && !descriptors.has(name)) names.add(name);
    for (const name of klass.dict.keys()) seen.add(name);
    for (const name of descriptors) seen.add(name);
  }
  const out: CheckMessage[] = [];
  for (const f of forwardFieldsOf(meta)) {
    if (!f.remoteField || !f.remoteField.remoteModel) continue;
    if (f.attname && names.has(f.attname)) out.push(modelErr(meta, `The property '${f.attname}' clashes with a related field accessor.`, 'models.E025'));
  }
  return out;
}

function checkSinglePrimaryKey(meta: ModelMeta): CheckMessage[] {
  if (meta.localFields.filter((f) => truthy(f.primaryKey)).length > 1) {
    return [modelErr(meta, "The model cannot have more than one field with 'primary_key=True'.", 'models.E026')];
  }
  return [];
}

/** Options.unique_together after normalize_together (invalid values kept as written). */
function rawTogether(meta: ModelMeta, option: string): PyValue {
  const v = meta.originalAttrs.get(option);
  if (v === undefined || !truthy(v)) return new PyTuple([]);
  if (!(v instanceof PyList || v instanceof PyTuple)) return v;
  const first = v.items[0]!;
  const outer = first instanceof PyList || first instanceof PyTuple ? v.items : [v];
  const items: PyValue[] = [];
  for (const ot of outer) {
    try {
      items.push(new PyTuple(toArray(ot)));
    } catch {
      return v;
    }
  }
  return new PyTuple(items);
}

function checkUniqueTogether(meta: ModelMeta): CheckMessage[] {
  const ut = rawTogether(meta, 'unique_together');
  if (!(ut instanceof PyList || ut instanceof PyTuple)) return [modelErr(meta, "'unique_together' must be a list or tuple.", 'models.E010')];
  if (ut.items.some((x) => !(x instanceof PyList || x instanceof PyTuple))) {
    return [modelErr(meta, "All 'unique_together' elements must be lists or tuples.", 'models.E011')];
  }
  const out: CheckMessage[] = [];
  for (const fields of ut.items) out.push(...checkLocalFields(meta, toArray(fields).map(String), 'unique_together'));
  return out;
}

function checkIndexes(meta: ModelMeta): CheckMessage[] {
  const out: CheckMessage[] = [];
  const references: string[][] = [];
  for (const index of meta.indexes) {
    const name = index.name;
    if (name && (name[0] === '_' || /^\d/.test(name))) {
      out.push(modelErr(meta, `The index name '${name}' cannot start with an underscore or a number.`, 'models.E033'));
    }
    if ([...name].length > index.maxNameLength) {
      out.push(modelErr(meta, `The index name '${name}' cannot be longer than ${index.maxNameLength} characters.`, 'models.E034'));
    }
    for (const e of index.expressions) exprReferences(e, references);
  }
  const fields: string[] = [];
  for (const index of meta.indexes) for (const [f] of index.fieldsOrders) fields.push(f);
  for (const index of meta.indexes) for (const inc of index.include) fields.push(String(inc));
  for (const r of references) fields.push(r[0]!);
  out.push(...checkLocalFields(meta, new Set(fields), 'indexes'));
  return out;
}

/**
 * `_meta.ordering`: a model without its own Meta.ordering inherits its concrete parent's (ModelBase
 * copies it from the first model base in the MRO unless that one is abstract).
 */
export function effectiveOrdering(meta: ModelMeta): PyValue {
  if (meta.originalAttrs.has('ordering') || !meta.pyModel) return meta.ordering;
  const base = meta.pyModel.mro.slice(1).find((c) => c.native['modelMeta'] || c.native['abstract']);
  const baseMeta = base?.native['modelMeta'] as ModelMeta | undefined;
  return baseMeta ? effectiveOrdering(baseMeta) : meta.ordering;
}

function checkOrdering(meta: ModelMeta): CheckMessage[] {
  const ordering = effectiveOrdering(meta);
  const owrt = meta.orderWithRespectTo;
  if (meta.originalAttrs.has('ordering') && truthy(ordering) && truthy(owrt)) {
    return [modelErr(meta, "'ordering' and 'order_with_respect_to' cannot be used together.", 'models.E021')];
  }
  if (truthy(owrt) || !truthy(ordering)) return [];
  if (!(ordering instanceof PyList || ordering instanceof PyTuple)) {
    return [modelErr(meta, "'ordering' must be a tuple or list (even if you want to order by only one field).", 'models.E014')];
  }
  const out: CheckMessage[] = [];
  const e015 = (name: string) => modelErr(meta, `'ordering' refers to the nonexistent field, related field, or lookup '${name}'.`, 'models.E015');
  const names: string[] = [];
  for (const x of ordering.items) if (typeof x === 'string' && x !== '?') names.push(x.startsWith('-') ? x.slice(1) : x);
  const plain: string[] = [];
  for (const name of names) {
    if (!name.includes('__')) {
      plain.push(name);
      continue;
    }
    let cls: ModelMeta | null = meta;
    let fld: Field | null = null;
    for (const part of name.split('__')) {
      const found: { field: Field; reverse: boolean } | null =
        cls === null ? null : part === 'pk' ? (cls.pk ? { field: cls.pk, reverse: false } : null) : getFieldOrRelation(cls, part);
      if (found) {
        const hit: Field = found.field;
        fld = hit;
        if (found.reverse) cls = hit.model;
        else if (hit.remoteField) cls = hit.remoteField.remoteModel;
        else cls = null;
        continue;
      }
      if (fld === null || !isLookupOrTransform(fld, part)) out.push(e015(name));
    }
  }
  const valid = new Set<string>();
  for (const f of fieldsOf(meta)) {
    valid.add(f.name!);
    if (f.attname) valid.add(f.attname);
  }
  for (const f of relatedObjects(meta)) valid.add(relatedQueryName(f));
  for (const name of new Set(plain)) {
    if (name === 'pk') continue;
    if (!valid.has(name)) out.push(e015(name));
  }
  return out;
}

function checkConstraints(meta: ModelMeta, opts: ModelCheckOptions): CheckMessage[] {
  if (!opts.databases) return [];
  const out: CheckMessage[] = [];
  for (const c of meta.constraints) {
    if (c instanceof UniqueConstraint) {
      const fields = [...c.fields, ...c.include.map(String)];
      out.push(...checkLocalFields(meta, new Set(fields), 'constraints'));
      const refs: string[][] = [];
      if (c.condition) exprReferences(c.condition, refs);
      for (const e of c.expressions) exprReferences(e, refs);
      if (refs.length) out.push(...checkReferences(meta, refs));
    } else if (c instanceof CheckConstraint) {
      const refs: string[][] = [];
      if (c.condition instanceof Q) exprReferences(c.condition, refs);
      out.push(...checkReferences(meta, refs));
    }
  }
  return out;
}

/** models.W042: an implicit AutoField primary key without DEFAULT_AUTO_FIELD configured. */
function checkDefaultPk(meta: ModelMeta, project: Project): CheckMessage[] {
  const settings = project.settings;
  const pk = meta.pk;
  if (meta.abstract || !pk || !truthy(pk.autoCreated)) return [];
  if (pk instanceof OneToOneField && truthy(pk.remoteField.parentLink)) return [];
  if (settings.isOverridden('DEFAULT_AUTO_FIELD')) return [];
  const app = project.appConfig(meta.appLabel);
  if (!app || app.defaultAutoField !== null) return [];
  const qualname = app.configClass ? app.configClass.qualname : 'AppConfig';
  return [
    Warning(`Auto-created primary key used when not defining a primary key type, by default '${settings.defaultAutoField}'.`, {
      hint: `Configure the DEFAULT_AUTO_FIELD setting or the ${qualname}.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`,
      obj: meta.label,
      id: 'models.W042',
    }),
  ];
}

/** Model.check() for one registered model. */
export function checkModel(meta: ModelMeta, env: CheckEnvironment): CheckMessage[] {
  const opts = env.opts;
  const errors: CheckMessage[] = [...checkModelProxy(meta)];
  const ctx = env.fieldContext();
  for (const f of meta.localFields) errors.push(...checkField(f, ctx));
  for (const f of meta.localManyToMany) errors.push(...checkField(f, ctx));
  errors.push(...checkM2mThroughSameRelationship(meta), ...checkLongColumnNames(meta, opts));
  const clash = [
    ...checkIdField(meta),
    ...checkFieldNameClashes(meta),
    ...checkModelNameDbLookupClashes(meta),
    ...checkPropertyNameClashes(meta),
    ...checkSinglePrimaryKey(meta),
  ];
  errors.push(...clash);
  if (!clash.length) errors.push(...checkColumnNameClashes(meta));
  errors.push(...checkUniqueTogether(meta), ...checkIndexes(meta), ...checkOrdering(meta), ...checkConstraints(meta, opts), ...checkDefaultPk(meta, env.project));
  return errors;
}

/** check_all_models: every model's check() plus table, index and constraint name uniqueness. */
export function checkAllModels(env: CheckEnvironment, appLabels: string[] | null): CheckMessage[] {
  const errors: CheckMessage[] = [];
  const tables = new Map<string, string[]>();
  const indexes = new Map<string, string[]>();
  const constraints = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, label: string) => {
    const list = map.get(key) ?? [];
    list.push(label);
    map.set(key, list);
  };
  for (const meta of env.models(appLabels)) {
    if (meta.managed && !meta.proxy) add(tables, meta.dbTable, meta.label);
    errors.push(...checkModel(meta, env));
    for (const index of meta.indexes) add(indexes, index.name, meta.label);
    for (const c of meta.constraints) add(constraints, c.name, meta.label);
  }
  for (const [table, labels] of tables) {
    if (labels.length !== 1) errors.push(Error(`db_table '${table}' is used by multiple models: ${labels.join(', ')}.`, { obj: table, id: 'models.E028' }));
  }
  const uniqueness = (map: Map<string, string[]>, what: string, ids: [string, string]) => {
    for (const [name, labels] of map) {
      if (labels.length <= 1) continue;
      const set = [...new Set(labels)].sort();
      const one = set.length === 1;
      errors.push(Error(`${what} name '${name}' is not unique ${one ? 'for model' : 'among models:'} ${set.join(', ')}.`, { id: one ? ids[0] : ids[1] }));
    }
  };
  uniqueness(indexes, 'index', ['models.E029', 'models.E030']);
  uniqueness(constraints, 'constraint', ['models.E031', 'models.E032']);
  return errors;
}

/** check_lazy_references: relations to models that never got registered (fields.E307). */
export function checkLazyReferences(env: CheckEnvironment): CheckMessage[] {
  const project = env.project;
  return project.apps
    .lazyReferenceErrors((app) => project.appConfig(app) !== undefined)
    .map(({ msg, obj, id }) => Error(msg, { obj, id }));
}

export { PyClass, ForeignKey };
