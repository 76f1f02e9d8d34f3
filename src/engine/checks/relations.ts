/**
 * Reverse-relation names as the system checks see them (django.db.models.fields.related and
 * reverse_related): the related_name a field ends up with after contribute_to_class, whether the
 * reverse relation is hidden, its accessor name and its query name, and a model's related objects.
 */
import { type PyValue, None, truthy } from '../python/objects.ts';
import type { Field } from '../state/fields/field.ts';
import { type ForeignObjectRel, ManyToManyField, ManyToManyRel, OneToOneRel } from '../state/fields/related.ts';
import type { ModelMeta } from '../state/meta.ts';
import { swapping } from '../operations/base.ts';

function interpolate(name: string, meta: ModelMeta): string {
  return name.replace(/%\((class|model_name|app_label)\)s/g, (_m, k: string) => (k === 'app_label' ? meta.appLabel.toLowerCase() : meta.modelName));
}

/**
 * `remote_field.related_name` once the field is bound to its (concrete) model: the written name or
 * Meta.default_related_name, interpolated; ManyToManyFields to self (symmetrical) and hidden ones
 * get the internal names Django gives them.
 */
export function effectiveRelatedName(field: Field): string | null {
  const rel = field.remoteField!;
  const meta = field.model!;
  let name: PyValue = rel.relatedName;
  if (!(typeof name === 'string' && name !== '')) {
    const drn = meta.defaultRelatedName;
    name = typeof drn === 'string' && drn !== '' ? interpolate(drn, meta) : None;
  }
  if (field instanceof ManyToManyField) {
    const r = field.remoteField;
    const to = rel.model;
    if (truthy(r.symmetrical) && (to === 'self' || to === meta.objectName || rel.remoteModel === meta)) {
      return `${field.name}_rel_+`;
    }
    if (typeof name === 'string' && name.endsWith('+')) return `_${meta.appLabel}_${meta.modelName}_${field.name}_+`;
  }
  return typeof name === 'string' ? name : null;
}

/** `remote_field.hidden`: the reverse relation has no accessor (related_name ends with '+'). */
export function relIsHidden(field: Field): boolean {
  const name = effectiveRelatedName(field);
  return name !== null && name.endsWith('+');
}

/** `ForeignObjectRel.multiple`: every relation but a one-to-one has a set of related objects. */
function relMultiple(rel: ForeignObjectRel): boolean {
  return !(rel instanceof OneToOneRel);
}

/** `ForeignObjectRel.accessor_name`: `book_set`, the related_name, or null for a symmetrical M2M to self. */
export function accessorName(field: Field): string | null {
  const rel = field.remoteField!;
  const owner = field.model!;
  if (relMultiple(rel) && rel instanceof ManyToManyRel && truthy(rel.symmetrical) && rel.remoteModel === owner) return null;
  const name = effectiveRelatedName(field);
  if (name) return name;
  return owner.modelName + (relMultiple(rel) ? '_set' : '');
}

/** `RelatedField.related_query_name()`. */
export function relatedQueryName(field: Field): string {
  const rel = field.remoteField!;
  const q = rel.relatedQueryName;
  if (typeof q === 'string' && q !== '') return interpolate(q, field.model!);
  return effectiveRelatedName(field) || field.model!.modelName;
}

const relatedIndexKey = {};

/**
 * The relation fields of a registry by the concrete model they point at, in registry order:
 * swapped-out models (auth.User under a custom AUTH_USER_MODEL) are not in apps.get_models(),
 * and hidden relations other than many-to-many have no related object.
 */
function buildRelatedIndex(models: Iterable<ModelMeta>): Map<ModelMeta, { field: Field; order: number }[]> {
  const index = new Map<ModelMeta, { field: Field; order: number }[]>();
  let order = 0;
  for (const m of models) {
    if (swapping.isSwapped(m) || (m.autoCreated && swapping.isSwapped(m.autoCreated))) continue;
    for (const f of [...m.localFields, ...m.localManyToMany]) {
      const rel = f.remoteField;
      if (!rel || !rel.remoteModel) continue;
      if (relIsHidden(f) && !f.manyToMany) continue;
      const key = rel.remoteModel.concreteModel;
      const list = index.get(key) ?? [];
      list.push({ field: f, order: order++ });
      index.set(key, list);
    }
  }
  return index;
}

/**
 * `_meta.related_objects` of a model: the relations of every registered model (auto-created
 * through models included) that point at it, its concrete model or its multi-table parents;
 * hidden ones only for many-to-many fields. Returns the fields holding them.
 */
export function relatedObjects(meta: ModelMeta): Field[] {
  const index = meta.apps.derived(relatedIndexKey, () => buildRelatedIndex(meta.apps.models.values()));
  const targets = new Set<ModelMeta>();
  const addTarget = (m: ModelMeta) => {
    const concrete = m.concreteModel;
    if (targets.has(concrete)) return;
    targets.add(concrete);
    for (const p of concrete.parents.keys()) addTarget(p);
  };
  addTarget(meta);
  const own = meta.concreteModel;
  let found: { field: Field; order: number }[] = [];
  for (const t of targets) found = found.concat(index.get(t) ?? []);
  // in registry order, as if every model's fields were walked once
  if (targets.size > 1) found.sort((a, b) => a.order - b.order);
  const out: Field[] = [];
  for (const { field } of found) {
    // A parent's reverse relations are inherited, except its parent links.
    if (field.remoteField!.remoteModel!.concreteModel !== own && truthy(field.remoteField!.parentLink)) continue;
    out.push(field);
  }
  return out;
}

/** The model whose fields a proxy shows (its concrete model), or the model itself. */
function concreteOf(meta: ModelMeta): ModelMeta {
  return meta.proxy && meta.proxyFor ? meta.proxyFor : meta;
}

/** `_meta.fields`: concrete fields including MTI parents' (a proxy has its concrete model's). */
export function fieldsOf(meta: ModelMeta): Field[] {
  return concreteOf(meta).fields;
}

/** `_meta.many_to_many`. */
export function manyToManyOf(meta: ModelMeta): Field[] {
  return concreteOf(meta).manyToMany;
}

/** Forward fields (`_get_fields(reverse=False)`): fields then many-to-many ones. */
export function forwardFieldsOf(meta: ModelMeta): Field[] {
  return concreteOf(meta).forwardFields;
}

/** `_meta.get_field()` on forward fields, by name or attname. */
export function findForwardField(meta: ModelMeta, name: string): Field | undefined {
  return concreteOf(meta).findField(name);
}
