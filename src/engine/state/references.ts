/**
 * Which fields reference which models/fields (django.db.migrations.utils: resolve_relation,
 * field_references, get_references). Used by ProjectState's mutators, the optimizer and the
 * autodetector.
 */
import { type PyValue, None } from '../python/objects.ts';
import type { Field } from './fields/field.ts';
import { ForeignKey, type ForeignObjectRel, ManyToManyField } from './fields/related.ts';
import { relationLabel, type ModelState } from './model-state.ts';
import type { ProjectState } from './project-state.ts';

/** 'app.model' for a relation target written relative to model `app.model`. */
export function resolveRelation(model: PyValue, appLabel: string, modelName: string): string | null {
  return relationLabel(model, appLabel, modelName);
}

export interface FieldReference {
  /** Set when the field points at the model: [remote_field, to_fields]. */
  to: [ForeignObjectRel, (string | null)[] | null] | null;
  /** Set when the field's M2M through model is the model. */
  through: [ForeignObjectRel, PyValue] | null;
}

/** The to_fields of a relation field (ForeignKey: [to_field] with null for "the primary key"). */
export function toFields(field: Field): (string | null)[] | null {
  if (field instanceof ForeignKey) return [field.toFieldsValue];
  return null;
}

/**
 * Whether `field` (on model `modelKey`) references `refModelKey` (optionally its field
 * `refFieldName`); false or the kind of reference.
 */
export function fieldReferences(
  modelKey: string,
  field: Field,
  refModelKey: string,
  refFieldName?: string,
  refField?: Field,
): FieldReference | false {
  const rel = field.remoteField;
  if (!rel) return false;
  const [app, model] = modelKey.split('.') as [string, string];
  let to: FieldReference['to'] = null;
  let through: FieldReference['through'] = null;
  if (resolveRelation(rel.model, app, model) === refModelKey) {
    const tf = toFields(field);
    if (
      refFieldName === undefined ||
      tf === null ||
      (tf.includes(null) && (refField === undefined || refField.isPrimaryKey)) ||
      tf.includes(refFieldName)
    ) {
      to = [rel, tf];
    }
  }
  if (field instanceof ManyToManyField) {
    const thr = field.remoteField.through;
    if (thr !== None && resolveRelation(thr, app, model) === refModelKey) {
      const throughFields = field.remoteField.throughFields;
      if (refFieldName === undefined || throughFields === None || (throughFields !== None && includesName(throughFields, refFieldName))) {
        through = [rel, throughFields];
      }
    }
  }
  if (!to && !through) return false;
  return { to, through };
}

function includesName(v: PyValue, name: string): boolean {
  const items = (v as { items?: readonly PyValue[] }).items;
  return Array.isArray(items) ? items.includes(name) : false;
}

/** Every (model state, field name, field, reference) in `state` referencing the model (and field). */
export function* getReferences(
  state: ProjectState,
  modelKey: string,
  fieldTuple?: [string, Field],
): Generator<[ModelState, string, Field, FieldReference]> {
  for (const [key, ms] of state.models) {
    for (const [name, field] of ms.fields) {
      const ref = fieldReferences(key, field, modelKey, fieldTuple?.[0], fieldTuple?.[1]);
      if (ref) yield [ms, name, field, ref];
    }
  }
}

export function fieldIsReferenced(state: ProjectState, modelKey: string, fieldTuple: [string, Field]): boolean {
  return !getReferences(state, modelKey, fieldTuple).next().done;
}
