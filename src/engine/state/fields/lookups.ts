/**
 * The lookups and transforms a field's class registers (`Field.get_lookups()` /
 * `get_transform()`): what `filter(name__icontains=…)`, Meta.ordering and constraint conditions
 * may put after a field, and what Django suggests when a name is not one of them.
 */
import { getCloseMatches } from '../../python/difflib.ts';
import type { Field } from './field.ts';
import * as S from './scalar.ts';

/** Registered on Field itself (django.db.models.lookups): every field has them. */
export const DEFAULT_LOOKUPS: readonly string[] = [
  'exact',
  'iexact',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'icontains',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
  'range',
  'isnull',
  'regex',
  'iregex',
];
/** RelatedField's own lookups (a relation has only these). */
const RELATED_LOOKUPS: readonly string[] = ['in', 'exact', 'lt', 'gt', 'gte', 'lte', 'isnull'];
export const DATE_TRANSFORMS: readonly string[] = ['year', 'iso_year', 'month', 'day', 'week', 'week_day', 'iso_week_day', 'quarter'];
export const TIME_TRANSFORMS: readonly string[] = ['hour', 'minute', 'second'];
/** JSONField's lookups besides Field's (its key transforms accept any other name). */
const JSON_LOOKUPS: readonly string[] = ['contained_by', 'has_key', 'has_keys', 'has_any_keys'];

/** The transforms (`__year`, `__date` …) registered on a field's class. */
export function transformNames(field: Field): readonly string[] {
  if (field.remoteField) return [];
  if (field instanceof S.DateTimeField) return [...DATE_TRANSFORMS, ...TIME_TRANSFORMS, 'date', 'time'];
  if (field instanceof S.DateField) return DATE_TRANSFORMS;
  if (field instanceof S.TimeField) return TIME_TRANSFORMS;
  return [];
}

/** `get_lookups()`: the names of the lookups and transforms of a field's class. */
export function lookupNames(field: Field): string[] {
  if (field.remoteField) return [...RELATED_LOOKUPS];
  const out = [...DEFAULT_LOOKUPS, ...transformNames(field)];
  if (field instanceof S.JSONField) out.push(...JSON_LOOKUPS);
  return out;
}

/** Whether `name` is a lookup or transform of the field (get_lookup / get_transform). */
export function isLookupOrTransform(field: Field, name: string): boolean {
  // a JSONField takes any other name as a key
  if (field instanceof S.JSONField && !field.remoteField) return true;
  return lookupNames(field).includes(name);
}

/**
 * The end of Django's "Unsupported lookup '…' for <Field> or join on the field not permitted"
 * error: `, perhaps you meant a or b?` (difflib.get_close_matches over get_lookups()) or `.`.
 */
export function lookupSuggestion(name: string, field: Field): string {
  const close = getCloseMatches(name, lookupNames(field));
  return close.length ? `, perhaps you meant ${close.join(' or ')}?` : '.';
}
