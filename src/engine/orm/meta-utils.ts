/**
 * Model metadata the ORM needs beyond ModelMeta: relations in the order Django's app registry
 * yields them (reverse relations, hidden ones included), accessor and query names, the two
 * foreign keys of a many-to-many through model, and relation targets resolved in one registry
 * (historical registries share ModelMetas between states, so targets are looked up by label).
 */
import { None, type PyValue, ValueError, pyError, repr } from '../python/objects.ts';
import type { Apps } from '../state/apps.ts';
import type { Field } from '../state/fields/field.ts';
import {
  ForeignKey,
  type ForeignObjectRel,
  ManyToManyField,
  ManyToManyRel,
  OneToOneRel,
} from '../state/fields/related.ts';
import type { ModelMeta } from '../state/meta.ts';
import { relatedQueryName } from '../db/postgres/compiler.ts';

/** The current version of a model in a registry (metas of unchanged models are shared between states). */
export function current(apps: Apps, meta: ModelMeta): ModelMeta {
  return apps.findModel(meta.labelLower) ?? meta;
}

/** The model a relation field points at, in `apps`. */
export function relTarget(apps: Apps, field: Field): ModelMeta {
  const rel = field.remoteField!;
  const target = rel.remoteModel;
  if (target) return current(apps, target);
  const label = typeof rel.model === 'string' ? rel.model : null;
  const found = label ? apps.findModel(label) : undefined;
  if (!found) throw pyError(ValueError, `Related model ${repr(rel.model)} cannot be resolved`);
  return found;
}

/**
 * Models in Django's registration order: an auto-created through model is registered while its
 * owner's class is being created, i.e. just before the owner.
 */
export function registryOrder(apps: Apps): ModelMeta[] {
  const all = [...apps.models.values()];
  const throughs = new Map<string, ModelMeta[]>();
  for (const m of all) {
    if (m.autoCreated) {
      const owner = m.autoCreated.labelLower;
      const list = throughs.get(owner) ?? [];
      list.push(m);
      throughs.set(owner, list);
    }
  }
  const out: ModelMeta[] = [];
  for (const m of all) {
    if (m.autoCreated) continue;
    for (const t of throughs.get(m.labelLower) ?? []) out.push(t);
    out.push(m);
  }
  // throughs whose owner is missing from the registry
  for (const m of all) if (m.autoCreated && !out.includes(m)) out.push(m);
  return out;
}

/** Models of `apps` as `apps.get_models()` lists them (INSTALLED_APPS order, then registration). */
export function getModels(apps: Apps, includeAutoCreated = false): ModelMeta[] {
  const order = registryOrder(apps).filter((m) => includeAutoCreated || !m.autoCreated);
  const labels = apps.config.appLabels;
  const rank = (m: ModelMeta) => {
    const i = labels.indexOf(m.appLabel);
    return i < 0 ? labels.length : i;
  };
  return order.map((m, i) => [m, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([m]) => m);
}

const relationCache = new WeakMap<Apps, { models: ModelMeta[]; map: Map<string, ForeignObjectRel[]> }>();

function sameModels(apps: Apps, models: ModelMeta[]): boolean {
  if (apps.models.size !== models.length) return false;
  let i = 0;
  for (const m of apps.models.values()) if (m !== models[i++]) return false;
  return true;
}

/**
 * Reverse relations pointing at `meta` (its `_relation_tree`): every ForeignKey, OneToOneField
 * and ManyToManyField of the registry's models that targets it, hidden ones included, in
 * registration order.
 */
export function reverseRelations(apps: Apps, meta: ModelMeta, includeHidden = true): ForeignObjectRel[] {
  let cache = relationCache.get(apps);
  if (!cache || !sameModels(apps, cache.models)) {
    const map = new Map<string, ForeignObjectRel[]>();
    for (const m of registryOrder(apps)) {
      for (const f of [...m.localFields, ...m.localManyToMany]) {
        const rel = f.remoteField;
        if (!rel || !rel.remoteModel) continue;
        const key = rel.remoteModel.labelLower;
        const list = map.get(key) ?? [];
        list.push(rel);
        map.set(key, list);
      }
    }
    cache = { models: [...apps.models.values()], map };
    relationCache.set(apps, cache);
  }
  const concrete = meta.concreteModel.labelLower;
  const rels = [...(cache.map.get(meta.labelLower) ?? [])];
  if (concrete !== meta.labelLower) rels.push(...(cache.map.get(concrete) ?? []));
  return includeHidden ? rels : rels.filter((r) => !isHidden(r));
}

/** Drops cached relation trees (after models change in a registry). */
export function clearRelationCache(apps: Apps): void {
  relationCache.delete(apps);
}

/** `rel.hidden`: related_name ending with '+' (and symmetrical M2M to self). */
export function isHidden(rel: ForeignObjectRel): boolean {
  return rel.isHidden() || (rel instanceof ManyToManyRel && isSymmetrical(rel.field as ManyToManyField));
}

export function isSymmetrical(field: ManyToManyField): boolean {
  return field.remoteField.symmetrical === true && field.model !== null && field.remoteField.remoteModel?.labelLower === field.model.labelLower;
}

/** The model owning a relation field (the "related model" of a reverse relation). */
export function relOwner(apps: Apps, rel: ForeignObjectRel): ModelMeta {
  return current(apps, rel.field.model!);
}

/** `rel.get_accessor_name()`: `related_name`, `<model>_set`, `<model>` for one-to-one; null when hidden. */
export function accessorName(rel: ForeignObjectRel): string | null {
  if (rel instanceof ManyToManyRel && isSymmetrical(rel.field as ManyToManyField)) return null;
  const rn = rel.relatedName;
  if (typeof rn === 'string' && rn !== '') return rn.endsWith('+') ? null : rn;
  const owner = rel.field.model!;
  const defaultName = owner.defaultRelatedName;
  if (typeof defaultName === 'string' && defaultName !== '') {
    return defaultName.replace(/%\((class|model_name|app_label)\)s/g, (_m, k: string) => (k === 'app_label' ? owner.appLabel.toLowerCase() : owner.modelName));
  }
  return rel instanceof OneToOneRel ? owner.modelName : `${owner.modelName}_set`;
}

/** The name a reverse relation has in lookups (`related_query_name()`). */
export function relName(rel: ForeignObjectRel): string {
  return relatedQueryName(rel.field);
}

/** One-to-many (a ForeignKey seen from its target) or one-to-one reverse. */
export function relIsMultiple(rel: ForeignObjectRel): boolean {
  if (rel instanceof ManyToManyRel) return true;
  return !(rel instanceof OneToOneRel);
}

/** The through model of a many-to-many field, in `apps`. */
export function throughOf(apps: Apps, field: ManyToManyField): ModelMeta {
  const t = field.remoteField.throughModel;
  if (!t) throw new Error(`${field.nativeStr()} has no through model`);
  return current(apps, t);
}

/**
 * The through model's foreign keys to the field's own model (`source`) and to its target
 * (`target`): `m2m_field_name()` / `m2m_reverse_field_name()`.
 */
export function m2mLinks(apps: Apps, field: ManyToManyField): { through: ModelMeta; source: ForeignKey; target: ForeignKey } {
  const through = throughOf(apps, field);
  const owner = field.model!.labelLower;
  const target = relTarget(apps, field).labelLower;
  const fks = through.localFields.filter((f): f is ForeignKey => f instanceof ForeignKey);
  const throughFields = field.remoteField.throughFields;
  if (throughFields !== None && throughFields !== undefined) {
    const names = toNames(throughFields);
    const s = fks.find((f) => f.name === names[0]);
    const t = fks.find((f) => f.name === names[1]);
    if (s && t) return { through, source: s, target: t };
  }
  const pointsAt = (f: ForeignKey, label: string) => f.remoteField.remoteModel?.labelLower === label;
  let source: ForeignKey | undefined;
  let tgt: ForeignKey | undefined;
  if (owner === target) {
    const toSelf = fks.filter((f) => pointsAt(f, owner));
    if (through.autoCreated) {
      source = toSelf.find((f) => f.name === `from_${field.model!.modelName}`) ?? toSelf[0];
      tgt = toSelf.find((f) => f.name === `to_${field.model!.modelName}`) ?? toSelf[1];
    } else {
      source = toSelf[0];
      tgt = toSelf[1];
    }
  } else {
    source = fks.find((f) => pointsAt(f, owner));
    tgt = fks.find((f) => pointsAt(f, target));
  }
  if (!source || !tgt) throw new Error(`cannot find the link fields of ${field.nativeStr()}`);
  return { through, source, target: tgt };
}

function toNames(v: PyValue): string[] {
  const items = (v as { items?: PyValue[] }).items;
  return Array.isArray(items) ? items.map(String) : [];
}

/** Forward fields by name and concrete fields by attname (`_meta.get_field` without reverse). */
export function forwardField(meta: ModelMeta, name: string): Field | undefined {
  return meta.findField(name);
}

/** `_meta.get_field(name)` including reverse relations by their query name. */
export function anyField(apps: Apps, meta: ModelMeta, name: string): Field | ForeignObjectRel | undefined {
  const f = meta.findField(name);
  if (f) return f;
  for (const rel of reverseRelations(apps, meta)) if (relName(rel) === name) return rel;
  return undefined;
}

/** The names `Cannot resolve keyword` lists: field names, attnames of concrete fields, reverse query names. */
export function fieldChoices(apps: Apps, meta: ModelMeta): string[] {
  const names = new Set<string>();
  for (const f of meta.forwardFields) {
    names.add(f.name!);
    if (f.concrete && f.attname) names.add(f.attname);
  }
  for (const rel of reverseRelations(apps, meta, false)) names.add(relName(rel));
  return [...names].sort();
}

/** The model whose table and fields a model uses: a proxy's concrete model, else itself. */
export function fm(meta: ModelMeta): ModelMeta {
  return meta.proxy && meta.proxyFor ? meta.proxyFor.concreteModel : meta;
}

/**
 * The parent links from `meta` up to the ancestor `label` (multi-table inheritance), nearest
 * first; null when `label` is not an ancestor.
 */
export function parentLinks(apps: Apps, meta: ModelMeta, label: string): ForeignKey[] | null {
  for (const [parent, link] of fm(meta).parents) {
    const p = current(apps, parent);
    if (!link) continue;
    if (p.labelLower === label) return [link as ForeignKey];
    const rest = parentLinks(apps, p, label);
    if (rest) return [link as ForeignKey, ...rest];
  }
  return null;
}

/** The models a model inherits from (multi-table inheritance), nearest first. */
export function ancestors(apps: Apps, meta: ModelMeta): ModelMeta[] {
  const out: ModelMeta[] = [];
  for (const parent of fm(meta).parents.keys()) {
    const p = current(apps, parent);
    out.push(p, ...ancestors(apps, p));
  }
  return out;
}
