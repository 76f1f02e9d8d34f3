/**
 * Field.check() of django.db.models.fields (and fields.related, fields.files, fields.json): what a
 * field definition can get wrong, with Django's ids and texts. PostgreSQL features decide the
 * database-dependent ones (unlimited CharField, comments, collations and JSON are supported).
 */
import {
  PyBytes,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyRange,
  PySet,
  PyTuple,
  type PyValue,
  None,
  iterate,
  repr,
  toArray,
  truthy,
} from '../python/objects.ts';
import { PyDate, PyDatetime, PyTime } from '../python/stdlib/datetime.ts';
import type { Env } from '../env.ts';
import { Field, NOT_PROVIDED } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyField, OneToOneField } from '../state/fields/related.ts';
import * as S from '../state/fields/scalar.ts';
import { SET_DEFAULT, SET_NULL } from '../state/deletion.ts';
import type { ModelMeta } from '../state/meta.ts';
import { UniqueConstraint } from '../state/constraints.ts';
import { type CheckMessage, Error, Warning } from './messages.ts';
import {
  accessorName,
  effectiveRelatedName,
  fieldsOf,
  findForwardField,
  manyToManyOf,
  relIsHidden,
  relatedObjects,
  relatedQueryName,
} from './relations.ts';

export interface FieldCheckContext {
  /** Whether database checks run (`migrate`, `check --database`): the `databases` argument. */
  databases: boolean;
  env: Env;
  /** Models of the registry that are installed (Apps.get_models(include_auto_created=True), swapped ones excluded). */
  installed: Set<ModelMeta>;
  /** Whether a model is swapped out (AUTH_USER_MODEL points elsewhere). */
  swappedSetting(meta: ModelMeta): string | null;
}

/** `str(field)`: `app.Model.field`. */
export function fieldLabel(f: Field): string {
  return `${f.model!.label}.${f.name}`;
}

/** Python's callable(). */
export function callable(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  if (v instanceof PyClass || v.nativeCall !== undefined) return true;
  if (v.pyClass.lookup('__call__') !== undefined) return true;
  // django.core.validators' classes (and their subclasses) define __call__.
  return v.pyClass.mro.some((c) => c.module === 'django.core.validators');
}

/** isinstance(v, collections.abc.Iterable). */
export function isIterable(v: PyValue): boolean {
  if (typeof v === 'string') return true;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict || v instanceof PySet || v instanceof PyRange || v instanceof PyBytes) return true;
  if (v instanceof PyObject) return v.nativeIter !== undefined || v.pyClass.lookup('__iter__') !== undefined;
  return false;
}

/** `a, b = v`: the two items, or null where Python raises TypeError/ValueError. */
function unpack2(v: PyValue): [PyValue, PyValue] | null {
  if (!isIterable(v)) return null;
  const it = iterate(v);
  const out: PyValue[] = [];
  for (let r = it.next(); !r.done; r = it.next()) {
    out.push(r.value);
    if (out.length > 2) return null;
  }
  return out.length === 2 ? [out[0]!, out[1]!] : null;
}

/** Python's int(v) for the decimal checks: a number, or the exception class name it raises. */
function pyInt(v: PyValue): bigint | 'TypeError' | 'ValueError' {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'ValueError';
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    const s = v.trim().replace(/(?<=\d)_(?=\d)/g, '');
    return /^[+-]?\d+$/.test(s) ? BigInt(s) : 'ValueError';
  }
  return 'TypeError';
}

/** len() of a str in code points. */
function strLen(s: string): number {
  return [...s].length;
}

function err(f: Field, msg: string, id: string, hint?: string): CheckMessage {
  return Error(msg, { obj: fieldLabel(f), id, hint });
}
function warn(f: Field, msg: string, id: string, hint?: string): CheckMessage {
  return Warning(msg, { obj: fieldLabel(f), id, hint });
}

// ---------------------------------------------------------------------------------------------
// Field
// ---------------------------------------------------------------------------------------------

function checkFieldName(f: Field): CheckMessage[] {
  const name = f.name;
  if (name === null) return [];
  if (name.endsWith('_')) return [err(f, 'Field names must not end with an underscore.', 'fields.E001')];
  if (name.includes('__')) return [err(f, 'Field names must not contain "__".', 'fields.E002')];
  if (name === 'pk') return [err(f, "'pk' is a reserved word that cannot be used as a field name.", 'fields.E003')];
  return [];
}

function choicesIsValue(v: PyValue): boolean {
  return typeof v === 'string' || !isIterable(v);
}

function checkChoices(f: Field): CheckMessage[] {
  const choices = f.choices;
  if (!truthy(choices)) return [];
  if (!isIterable(choices) || typeof choices === 'string') {
    return [err(f, "'choices' must be a mapping (e.g. a dictionary) or an iterable (e.g. a list or tuple).", 'fields.E004')];
  }
  const maxLength = f.maxLengthValue;
  const hasMax = maxLength !== None;
  let choiceMaxLength = 0;
  let broke = false;
  outer: for (const group of toArray(choices)) {
    const pair = unpack2(group);
    if (!pair) {
      broke = true;
      break;
    }
    const [groupName, groupChoices] = pair;
    // Try the grouped form [group_name, [(value, display), ...]].
    let grouped: [PyValue, PyValue][] | null = null;
    if (isIterable(groupChoices)) {
      grouped = [];
      for (const c of toArray(groupChoices)) {
        const p = unpack2(c);
        if (!p) {
          grouped = null;
          break;
        }
        grouped.push(p);
      }
    }
    if (grouped) {
      // `all(...)` stops at the first bad pair: a bad value breaks out before later pairs are unpacked.
      for (const [value, human] of grouped) {
        if (!(choicesIsValue(value) && choicesIsValue(human))) {
          broke = true;
          break outer;
        }
      }
      if (hasMax && grouped.length) {
        for (const [value] of grouped) if (typeof value === 'string') choiceMaxLength = Math.max(choiceMaxLength, strLen(value));
      }
    } else {
      const value = groupName;
      if (!choicesIsValue(value) || !choicesIsValue(groupChoices)) {
        broke = true;
        break;
      }
      if (hasMax && typeof value === 'string') choiceMaxLength = Math.max(choiceMaxLength, strLen(value));
    }
    if (typeof group === 'string') {
      broke = true;
      break;
    }
  }
  if (!broke) {
    const ml = typeof maxLength === 'bigint' ? Number(maxLength) : typeof maxLength === 'number' ? maxLength : null;
    if (ml !== null && choiceMaxLength > ml) {
      return [err(f, `'max_length' is too small to fit the longest value in 'choices' (${choiceMaxLength} characters).`, 'fields.E009')];
    }
    return [];
  }
  return [
    err(
      f,
      "'choices' must be a mapping of actual values to human readable names or an iterable containing (actual value, human readable name) tuples.",
      'fields.E005',
    ),
  ];
}

function checkDbIndex(f: Field): CheckMessage[] {
  const v = f.dbIndex;
  if (v === None || v === true || v === false) return [];
  return [err(f, "'db_index' must be None, True or False.", 'fields.E006')];
}

function checkNullPrimaryKey(f: Field): CheckMessage[] {
  if (truthy(f.primaryKey) && truthy(f.nullValue)) {
    return [err(f, 'Primary keys must not have null=True.', 'fields.E007', 'Set null=False on the field, or remove primary_key=True argument.')];
  }
  return [];
}

function checkValidators(f: Field): CheckMessage[] {
  const out: CheckMessage[] = [];
  f.validators.forEach((v, i) => {
    if (!callable(v)) {
      out.push(err(f, "All 'validators' must be callable.", 'fields.E008', `validators[${i}] (${repr(v)}) isn't a function or instance of a validator class.`));
    }
  });
  return out;
}

/** Field.check(): the checks every field runs. */
function baseFieldChecks(f: Field): CheckMessage[] {
  return [...checkFieldName(f), ...checkChoices(f), ...checkDbIndex(f), ...checkNullPrimaryKey(f), ...checkValidators(f), ...checkDeprecationDetails(f)];
}

/** `_check_deprecation_details`: a field class kept only for historical migrations (NullBooleanField). */
function checkDeprecationDetails(f: Field): CheckMessage[] {
  const removed = (f.constructor as { removedDetails?: { msg: string; hint: string; id: string } }).removedDetails;
  return removed ? [err(f, removed.msg, removed.id, removed.hint)] : [];
}

// ---------------------------------------------------------------------------------------------
// Scalar fields
// ---------------------------------------------------------------------------------------------

function checkCharMaxLength(f: Field): CheckMessage[] {
  const v = f.maxLengthValue;
  // PostgreSQL supports unlimited varchar: no fields.E120.
  if (v === None) return [];
  if (typeof v !== 'bigint' || v <= 0n) return [err(f, "'max_length' must be a positive integer.", 'fields.E121')];
  return [];
}

function checkIntegerMaxLength(f: Field): CheckMessage[] {
  if (f.maxLengthValue !== None) {
    return [warn(f, `'max_length' is ignored when used with ${f.className}.`, 'fields.W122', "Remove 'max_length' from field")];
  }
  return [];
}

function checkDecimal(f: S.DecimalField): CheckMessage[] {
  const digits: CheckMessage[] = [];
  const places = pyInt(f.decimalPlaces);
  if (places === 'TypeError') digits.push(err(f, "DecimalFields must define a 'decimal_places' attribute.", 'fields.E130'));
  else if (places === 'ValueError' || places < 0n) digits.push(err(f, "'decimal_places' must be a non-negative integer.", 'fields.E131'));
  const max = pyInt(f.maxDigits);
  if (max === 'TypeError') digits.push(err(f, "DecimalFields must define a 'max_digits' attribute.", 'fields.E132'));
  else if (max === 'ValueError' || max <= 0n) digits.push(err(f, "'max_digits' must be a positive integer.", 'fields.E133'));
  if (digits.length) return digits;
  if ((places as bigint) > (max as bigint)) return [err(f, "'max_digits' must be greater or equal to 'decimal_places'.", 'fields.E134')];
  return [];
}

const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400n * US_PER_SECOND;

/** A naive datetime (or date) as microseconds since 0001-01-01 UTC (aware values converted to UTC). */
function naiveUs(v: PyDatetime): bigint {
  return v.utcUs;
}

function nowUs(env: Env): bigint {
  // 0001-01-01 → 1970-01-01 is 719162 days.
  return BigInt(env.now().getTime()) * 1000n + 719_162n * US_PER_DAY;
}

function fixedDefaultWarning(f: Field): CheckMessage {
  return warn(
    f,
    'Fixed default value provided.',
    'fields.W161',
    'It seems you set a fixed date / time / datetime value as default for this field. This may not be what you want. If you want to have the current date as default, use `django.utils.timezone.now`',
  );
}

function checkDateTimeOptions(f: S.DateField | S.TimeField, env: Env): CheckMessage[] {
  const out: CheckMessage[] = [];
  const enabled = [f.autoNowAdd, f.autoNow, f.hasDefault()].filter((o) => o !== None && o !== false).length;
  if (enabled > 1) {
    out.push(
      err(f, 'The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.', 'fields.E160'),
    );
  }
  if (!f.hasDefault()) return out;
  const value = f.default;
  const now = nowUs(env);
  const offset = 10n * US_PER_SECOND;
  const isDateTimeField = f instanceof S.DateTimeField;
  if (f instanceof S.TimeField) {
    let us: bigint;
    if (value instanceof PyDatetime) us = naiveUs(value);
    else if (value instanceof PyTime) {
      const day = now - (now % US_PER_DAY);
      const local = BigInt(((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond);
      const tzOffset = value.tzinfo !== None ? timeOffsetUs(value) : 0n;
      us = day + local - tzOffset;
    } else return out;
    if (now - offset <= us && us <= now + offset) out.push(fixedDefaultWarning(f));
    return out;
  }
  if (isDateTimeField) {
    if (value instanceof PyDatetime) {
      const us = naiveUs(value);
      if (now - offset <= us && us <= now + offset) out.push(fixedDefaultWarning(f));
    } else if (value instanceof PyDate) {
      const day = BigInt(value.ordinal - 1) * US_PER_DAY;
      if (dayOf(now - offset) <= day && day <= dayOf(now + offset)) out.push(fixedDefaultWarning(f));
    }
    return out;
  }
  // DateField
  let day: bigint;
  if (value instanceof PyDatetime) day = dayOf(naiveUs(value));
  else if (value instanceof PyDate) day = BigInt(value.ordinal - 1) * US_PER_DAY;
  else return out;
  if (dayOf(now - offset) <= day && day <= dayOf(now + offset)) out.push(fixedDefaultWarning(f));
  return out;
}

function dayOf(us: bigint): bigint {
  return us - (us % US_PER_DAY);
}

function timeOffsetUs(t: PyTime): bigint {
  const off = (t.tzinfo as PyObject & { offset?: { totalUs?: bigint } }).offset;
  return off?.totalUs ?? 0n;
}

function scalarChecks(f: Field, ctx: FieldCheckContext): CheckMessage[] {
  const out: CheckMessage[] = [];
  if (f instanceof S.CharField) out.push(...checkCharMaxLength(f));
  if (f instanceof S.IntegerField) out.push(...checkIntegerMaxLength(f));
  if (f instanceof S.AutoField && !truthy(f.primaryKey)) out.push(err(f, 'AutoFields must set primary_key=True.', 'fields.E100'));
  if (f instanceof S.DecimalField) out.push(...checkDecimal(f));
  if (f instanceof S.DateField || f instanceof S.TimeField) out.push(...checkDateTimeOptions(f, ctx.env));
  if (f instanceof S.FilePathField && !truthy(f.allowFiles) && !truthy(f.allowFolders)) {
    out.push(err(f, "FilePathFields must have either 'allow_files' or 'allow_folders' set to True.", 'fields.E140'));
  }
  if (f instanceof S.GenericIPAddressField && !truthy(f.nullValue) && truthy(f.blank)) {
    out.push(err(f, 'GenericIPAddressFields cannot have blank=True if null=False, as blank values are stored as nulls.', 'fields.E150'));
  }
  if (f instanceof S.BinaryField && f.hasDefault() && typeof f.default === 'string') {
    out.push(err(f, "BinaryField's default cannot be a string. Use bytes content instead.", 'fields.E170'));
  }
  if (f instanceof S.FileField) {
    if (truthy(f.primaryKey)) out.push(err(f, `'primary_key' is not a valid argument for a ${f.className}.`, 'fields.E201'));
    if (typeof f.uploadTo === 'string' && f.uploadTo.startsWith('/')) {
      out.push(err(f, `${f.className}'s 'upload_to' argument must be a relative path, not an absolute path.`, 'fields.E202', 'Remove the leading slash.'));
    }
    if (f instanceof S.ImageField) {
      // The sandbox, like a Python without Pillow installed, cannot use ImageField.
      out.push(
        err(
          f,
          'Cannot use ImageField because Pillow is not installed.',
          'fields.E210',
          'Get Pillow at https://pypi.org/project/Pillow/ or run command "python -m pip install Pillow".',
        ),
      );
    }
  }
  if (f instanceof S.JSONField && f.hasDefault() && f.default !== None && !callable(f.default)) {
    out.push(
      warn(
        f,
        "JSONField default should be a callable instead of an instance so that it's not shared between all field instances.",
        'fields.E010',
        'Use a callable instead, e.g., use `dict` instead of `{}`.',
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Related fields
// ---------------------------------------------------------------------------------------------

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

function isIdentifier(s: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);
}

/** The model a relation points at, when it resolved to an installed model. */
function target(f: Field): ModelMeta | null {
  return f.remoteField?.remoteModel ?? null;
}

/** How the target reads in messages when it did not resolve: the string as written, or a class's name. */
function unresolvedName(v: PyValue): string {
  if (typeof v === 'string') return v;
  const info = v instanceof PyClass ? v : null;
  if (info) return info.name;
  return String(v);
}

function relatedFieldChecks(f: Field, ctx: FieldCheckContext): CheckMessage[] {
  const out: CheckMessage[] = [];
  const rel = f.remoteField!;
  const meta = f.model!;
  // _check_related_name_is_valid
  const relatedName = rel.relatedName;
  if (typeof relatedName === 'string') {
    const valid = !PY_KEYWORDS.has(relatedName) && isIdentifier(relatedName);
    if (!(valid || relatedName.endsWith('+'))) {
      out.push(
        err(
          f,
          `The name '${relatedName}' is invalid related_name for field ${meta.objectName}.${f.name}`,
          'fields.E306',
          "Related name must be a valid Python identifier or end with a '+'",
        ),
      );
    }
  }
  // _check_related_query_name_is_valid
  if (!relIsHidden(f)) {
    const q = relatedQueryName(f);
    const hint = 'Add or change a related_name or related_query_name argument for this field.';
    if (q.endsWith('_')) out.push(err(f, `Reverse query name '${q}' must not end with an underscore.`, 'fields.E308', hint));
    if (q.includes('__')) out.push(err(f, `Reverse query name '${q}' must not contain '__'.`, 'fields.E309', hint));
  }
  // _check_relation_model_exists / _check_referencing_to_swapped_model
  const to = target(f);
  if (!to || !ctx.installed.has(to)) {
    const swapped = to ? ctx.swappedSetting(to) : null;
    if (!to || !swapped) {
      const name = to ? to.objectName : unresolvedName(rel.model);
      out.push(err(f, `Field defines a relation with model '${name}', which is either not installed, or is abstract.`, 'fields.E300'));
    } else {
      out.push(
        err(f, `Field defines a relation with the model '${to.label}', which has been swapped out.`, 'fields.E301', `Update the relation to point at 'settings.${swapped}'.`),
      );
    }
  }
  if (to) out.push(...checkClashes(f, to));
  return out;
}

function checkClashes(f: Field, to: ModelMeta): CheckMessage[] {
  const out: CheckMessage[] = [];
  const opts = f.model!;
  const relHidden = relIsHidden(f);
  const relName = accessorName(f);
  const relQueryName = relatedQueryName(f);
  const fieldName = `${opts.label}.${f.name}`;
  for (const clash of [...fieldsOf(to), ...manyToManyOf(to)]) {
    const accessorClash = !relHidden && clash.name === relName;
    const queryClash = clash.name === relQueryName;
    if (!accessorClash && !queryClash) continue;
    const clashName = `${to.label}.${clash.name}`;
    const hint = `Rename field '${clashName}', or add/change a related_name argument to the definition for field '${fieldName}'.`;
    if (accessorClash) {
      out.push(err(f, `Reverse accessor '${to.objectName}.${relName}' for '${fieldName}' clashes with field name '${clashName}'.`, 'fields.E302', hint));
    }
    if (queryClash) {
      out.push(err(f, `Reverse query name for '${fieldName}' clashes with field name '${clashName}'.`, 'fields.E303', hint));
    }
  }
  for (const other of relatedObjects(to)) {
    if (other === f) continue;
    const otherAccessor = accessorName(other);
    const accessorClash = !relHidden && otherAccessor === relName;
    const queryClash = otherAccessor === relQueryName;
    if (!accessorClash && !queryClash) continue;
    const clashName = `${other.model!.label}.${other.name}`;
    const hint = `Add or change a related_name argument to the definition for '${fieldName}' or '${clashName}'.`;
    if (accessorClash) {
      out.push(err(f, `Reverse accessor '${to.objectName}.${relName}' for '${fieldName}' clashes with reverse accessor for '${clashName}'.`, 'fields.E304', hint));
    }
    if (queryClash) {
      out.push(err(f, `Reverse query name for '${fieldName}' clashes with reverse query name for '${clashName}'.`, 'fields.E305', hint));
    }
  }
  return out;
}

function foreignKeyChecks(f: ForeignKey): CheckMessage[] {
  const out: CheckMessage[] = [];
  const to = target(f);
  // ForeignObject: _check_to_fields_exist, _check_unique_target
  if (to) {
    const toField = f.toFieldsValue;
    let targetField: Field | undefined;
    if (toField) {
      targetField = findForwardField(to, toField);
      if (!targetField) out.push(err(f, `The to_field '${toField}' doesn't exist on the related model '${to.label}'.`, 'fields.E312'));
    } else targetField = to.pk ?? undefined;
    if (targetField && !targetField.unique) {
      const name = targetField.name!;
      const subset = (names: string[]) => names.every((n) => n === name);
      const unique =
        to.uniqueTogether.some((ut) => subset(ut)) ||
        to.constraints.some((c) => c instanceof UniqueConstraint && !c.condition && !c.expressions.length && subset(c.fields));
      if (!unique) {
        out.push(
          err(
            f,
            `'${to.objectName}.${name}' must be unique because it is referenced by a foreign key.`,
            'fields.E311',
            'Add unique=True to this field or add a UniqueConstraint (without condition) in the model Meta.constraints.',
          ),
        );
      }
    }
  }
  // ForeignKey: _check_on_delete, _check_unique
  const onDelete = f.remoteField.onDelete;
  if (onDelete === SET_NULL && !truthy(f.nullValue)) {
    out.push(err(f, 'Field specifies on_delete=SET_NULL, but cannot be null.', 'fields.E320', 'Set null=True argument on the field, or change the on_delete rule.'));
  } else if (onDelete === SET_DEFAULT && !f.hasDefault()) {
    out.push(err(f, 'Field specifies on_delete=SET_DEFAULT, but has no default value.', 'fields.E321', 'Set a default value, or change the on_delete rule.'));
  }
  if (!(f instanceof OneToOneField) && f.unique) {
    out.push(
      warn(
        f,
        'Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.',
        'fields.W342',
        'ForeignKey(unique=True) is usually better served by a OneToOneField.',
      ),
    );
  }
  return out;
}

function manyToManyChecks(f: ManyToManyField, ctx: FieldCheckContext): CheckMessage[] {
  const out: CheckMessage[] = [];
  const rel = f.remoteField;
  const from = f.model!;
  if (f.unique) out.push(err(f, 'ManyToManyFields cannot be unique.', 'fields.E330'));
  // _check_relationship_model
  const through = rel.throughModel;
  const qualified = through ? `${through.appLabel}.${through.objectName}` : unresolvedName(rel.through);
  const to = target(f);
  if (!through && rel.through === None) {
    // The target did not resolve: the auto-created through model points at the same lazy reference.
  } else if (!through || !ctx.installed.has(through)) {
    out.push(err(f, `Field specifies a many-to-many relation through model '${qualified}', which has not been installed.`, 'fields.E331'));
  } else {
    const toName = to ? to.objectName : unresolvedName(rel.model);
    const relationshipName = through.objectName;
    const fks = through.fields.filter((x) => x.remoteField);
    const pointsAt = (x: Field, m: ModelMeta) => x.remoteField!.remoteModel === m;
    const self = `${from.label}.${f.name}`;
    if (to && to === from) {
      const seenSelf = fks.filter((x) => pointsAt(x, from)).length;
      if (seenSelf > 2 && !truthy(rel.throughFields)) {
        out.push(
          Error(
            `The model is used as an intermediate model by '${self}', but it has more than two foreign keys to '${from.objectName}', which is ambiguous. You must specify which two foreign keys Django should use via the through_fields keyword argument.`,
            { obj: through.label, id: 'fields.E333', hint: 'Use through_fields to specify which two foreign keys Django should use.' },
          ),
        );
      }
    } else {
      const seenFrom = fks.filter((x) => pointsAt(x, from)).length;
      const seenTo = to ? fks.filter((x) => pointsAt(x, to)).length : 0;
      const hint = `If you want to create a recursive relationship, use ManyToManyField("self", through="${relationshipName}").`;
      if (seenFrom > 1 && !truthy(rel.throughFields)) {
        out.push(
          err(
            f,
            `The model is used as an intermediate model by '${self}', but it has more than one foreign key from '${from.objectName}', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.`,
            'fields.E334',
            hint,
          ),
        );
      }
      if (seenTo > 1 && !truthy(rel.throughFields)) {
        out.push(
          err(
            f,
            `The model is used as an intermediate model by '${self}', but it has more than one foreign key to '${toName}', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.`,
            'fields.E335',
            hint,
          ),
        );
      }
      if (seenFrom === 0 || seenTo === 0) {
        out.push(
          Error(`The model is used as an intermediate model by '${self}', but it does not have a foreign key to '${from.objectName}' or '${toName}'.`, {
            obj: through.label,
            id: 'fields.E336',
          }),
        );
      }
    }
  }
  if (rel.throughFields !== None) {
    const tf = toArray(rel.throughFields);
    if (!(tf.length >= 2 && truthy(tf[0]!) && truthy(tf[1]!))) {
      out.push(
        err(
          f,
          `Field specifies 'through_fields' but does not provide the names of the two link fields that should be used for the relation through model '${qualified}'.`,
          'fields.E337',
          "Make sure you specify 'through_fields' as through_fields=('field1', 'field2')",
        ),
      );
    } else if (through && to) {
      for (const [fieldName, related] of [
        [String(tf[0]), from],
        [String(tf[1]), to],
      ] as [string, ModelMeta][]) {
        const possible = through.fields.filter((x) => x.remoteField && x.remoteField.remoteModel === related).map((x) => x.name);
        const hint = possible.length ? `Did you mean one of the following foreign keys to '${related.objectName}': ${possible.join(', ')}?` : undefined;
        const field = through.findField(fieldName);
        if (!field || field.name !== fieldName) {
          out.push(err(f, `The intermediary model '${qualified}' has no field '${fieldName}'.`, 'fields.E338', hint));
        } else if (!(field.remoteField && field.remoteField.remoteModel === related)) {
          out.push(err(f, `'${through.objectName}.${fieldName}' is not a foreign key to '${related.objectName}'.`, 'fields.E339', hint));
        }
      }
    }
  }
  // _check_ignored_options
  if (f.hasNullArg) out.push(warn(f, 'null has no effect on ManyToManyField.', 'fields.W340'));
  if (f.validators.length) out.push(warn(f, 'ManyToManyField does not support validators.', 'fields.W341'));
  if (truthy(rel.symmetrical) && truthy(rel.originalRelatedName)) {
    out.push(warn(f, 'related_name has no effect on ManyToManyField with a symmetrical relationship, e.g. to "self".', 'fields.W345'));
  }
  if (truthy(f.dbComment)) out.push(warn(f, 'db_comment has no effect on ManyToManyField.', 'fields.W346'));
  // _check_table_uniqueness
  if (through && through.managed) {
    for (const m of from.apps.models.values()) {
      if (m === through || !m.managed || m.dbTable !== through.dbTable) continue;
      if (!ctx.installed.has(m) && !m.autoCreated) continue;
      if (m.concreteModel === through.concreteModel) continue;
      let clashing: string;
      if (m.autoCreated) {
        const owner = m.autoCreated;
        const field = owner.localManyToMany.find((x) => (x as ManyToManyField).remoteField.throughModel === m);
        clashing = `${owner.label}.${field?.name ?? ''}`;
      } else clashing = m.label;
      out.push(err(f, `The field's intermediary table '${through.dbTable}' clashes with the table name of '${clashing}'.`, 'fields.E340'));
      break;
    }
  }
  return out;
}

/** Field.check() for one field of a registered model. */
export function checkField(f: Field, ctx: FieldCheckContext): CheckMessage[] {
  const out = [...baseFieldChecks(f)];
  if (f.remoteField) {
    out.push(...relatedFieldChecks(f, ctx));
    if (f instanceof ManyToManyField) out.push(...manyToManyChecks(f, ctx));
    else if (f instanceof ForeignKey) out.push(...foreignKeyChecks(f));
  } else {
    out.push(...scalarChecks(f, ctx));
  }
  return out;
}

export { NOT_PROVIDED, effectiveRelatedName };
