/**
 * Model validation: `full_clean()`, `clean_fields()`, `validate_unique()`.
 *
 * clean_fields runs each field's clean (to_python, validate: choices / null / blank, then the
 * validators: the field type's defaults — max length, the integer column's range, decimal digits,
 * slug, email, URL — and the field's own), skipping blank-allowed empty values, and stores the
 * cleaned value; validate_unique queries for other rows with the same unique field or
 * unique_together values. Errors are collected by field into one ValidationError, like Django.
 *
 * Not done: to_python of dates, times and UUIDs (their strings are checked when saved),
 * unique_for_date/month/year, and validate_constraints (Meta.constraints).
 */
import {
  type Kwargs,
  None,
  PyDict,
  PyException,
  PyInstance,
  PyList,
  PyTuple,
  type PyValue,
  call,
  callMethod,
  getattr,
  str,
  toArray,
  truthy,
  typeOf,
  TypeError,
  ValueError,
  eq,
} from '../python/objects.ts';
import { ValidationError } from '../django/exceptions.ts';
import { NON_FIELD_ERRORS, makeValidationError } from '../django/validation-error.ts';
import { EMAIL_VALIDATOR, SLUG_VALIDATOR, makeValidator } from '../django/validators.ts';
import type { Field } from '../state/fields/field.ts';
import { ForeignKey, ManyToManyField } from '../state/fields/related.ts';
import { INTEGER_FIELD_RANGES, internalType, targetField } from '../db/postgres/data-types.ts';
import { ormInterpreter } from './runtime.ts';
import { relTarget } from './meta-utils.ts';
import { classFor } from './model-instance.ts';
import type { ModelInstance } from './model-instance.ts';

/** Field.empty_values */
function isEmpty(v: PyValue): boolean {
  return v === None || v === '' || ((v instanceof PyList || v instanceof PyTuple) && v.items.length === 0) || (v instanceof PyDict && v.size === 0);
}

const CHAR_TYPES = new Set(['CharField', 'SlugField', 'EmailField', 'URLField']);

/** `field.validators`: the type's default validators, the field's own, then what the type adds. */
function fieldValidators(f: Field): PyValue[] {
  const t = internalType(f);
  const out: PyValue[] = [];
  if (t === 'SlugField') out.push(SLUG_VALIDATOR);
  if (t === 'CharField' && f.pyClass.name === 'EmailField') out.push(EMAIL_VALIDATOR);
  if (t === 'CharField' && f.pyClass.name === 'URLField') out.push(makeValidator('URLValidator'));
  out.push(...f.validators);
  if (CHAR_TYPES.has(t) || t === 'CharField') {
    if (f.maxLength !== null) out.push(makeValidator('MaxLengthValidator', BigInt(f.maxLength)));
    out.push(makeValidator('ProhibitNullCharactersValidator'));
  }
  const range = INTEGER_FIELD_RANGES[t];
  if (range) {
    const limits = (name: string) => f.validators.filter((v) => typeOf(v).name === name).map((v) => getattr(v, 'limit_value'));
    if (!limits('MinValueValidator').some((l) => typeof l === 'bigint' && l >= range[0])) out.push(makeValidator('MinValueValidator', range[0]));
    if (!limits('MaxValueValidator').some((l) => typeof l === 'bigint' && l <= range[1])) out.push(makeValidator('MaxValueValidator', range[1]));
  }
  if (t === 'DecimalField') out.push(makeValidator('DecimalValidator', getattr(f, 'max_digits'), getattr(f, 'decimal_places')));
  return out;
}

/** A field's error message for `code` (its error_messages first). */
function message(f: Field, code: string, fallback: string): PyValue {
  const custom = f.errorMessages;
  if (custom instanceof PyDict) {
    const m = custom.get(code);
    if (m !== undefined) return m;
  }
  return fallback;
}

function fieldError(f: Field, code: string, fallback: string, params: PyDict | null = null): PyException {
  return makeValidationError(message(f, code, fallback), code, params ?? None);
}

/** Field.to_python for the types whose Python value differs from what learners assign. */
function toPython(f: Field, value: PyValue): PyValue {
  if (value === None) return None;
  const valueField = f instanceof ForeignKey ? targetField(f) : f;
  const t = internalType(valueField);
  const params = () => new PyDict([['value', value]]);
  const interp = ormInterpreter()!;
  const builtin = (name: string) => getattr(interp.builtinsModule, name);
  if (INTEGER_FIELD_RANGES[t]) {
    if (typeof value === 'bigint') return value;
    try {
      return call(builtin('int'), [value]);
    } catch (e) {
      if (e instanceof PyException && (e.matches(ValueError) || e.matches(TypeError))) {
        throw fieldError(f, 'invalid', '“%(value)s” value must be an integer.', params());
      }
      throw e;
    }
  }
  if (t === 'FloatField') {
    if (typeof value === 'number') return value;
    try {
      return call(builtin('float'), [value]);
    } catch (e) {
      if (e instanceof PyException) throw fieldError(f, 'invalid', '“%(value)s” value must be a float.', params());
      throw e;
    }
  }
  if (t === 'DecimalField') {
    const Decimal = getattr(interp.importModule('decimal'), 'Decimal');
    if (value instanceof PyInstance && value.cls === Decimal) return value;
    let d: PyValue;
    try {
      d = typeof value === 'number' ? call(Decimal, [call(builtin('repr'), [value])]) : call(Decimal, [value]);
    } catch (e) {
      if (e instanceof PyException) throw fieldError(f, 'invalid', '“%(value)s” value must be a decimal number.', params());
      throw e;
    }
    if (!truthy(callMethod(d, 'is_finite'))) throw fieldError(f, 'invalid', '“%(value)s” value must be a decimal number.', params());
    return d;
  }
  if (t === 'BooleanField') {
    if (value === true || value === false) return value;
    if (value === 't' || value === 'True' || value === '1' || value === 1n) return true;
    if (value === 'f' || value === 'False' || value === '0' || value === 0n) return false;
    if (f.isNull) throw fieldError(f, 'invalid_nullable', '“%(value)s” value must be either True, False, or None.', params());
    throw fieldError(f, 'invalid', '“%(value)s” value must be either True or False.', params());
  }
  if (CHAR_TYPES.has(t) || t === 'TextField') return typeof value === 'string' ? value : str(value);
  return value;
}

/** The flat list of choice values (groups flattened). */
function choiceValues(f: Field): PyValue[] {
  const out: PyValue[] = [];
  for (const choice of toArray(f.choices)) {
    const [k, v] = toArray(choice) as [PyValue, PyValue];
    if ((v instanceof PyList || v instanceof PyTuple) && v.items.every((x) => x instanceof PyList || x instanceof PyTuple)) {
      for (const sub of v.items) out.push(toArray(sub)[0]!);
    } else out.push(k);
  }
  return out;
}

/** Field.validate: choices, null, blank; then a foreign key's target row must exist. */
function validate(inst: ModelInstance, f: Field, value: PyValue): void {
  if (f instanceof ForeignKey && truthy(getattr(f.remoteField!, 'parent_link'))) return;
  if (truthy(f.editable)) {
    if (f.choices !== None && !isEmpty(value) && !choiceValues(f).some((c) => eq(c, value))) {
      throw fieldError(f, 'invalid_choice', 'Value %(value)r is not a valid choice.', new PyDict([['value', value]]));
    }
    if (value === None && !f.isNull) throw fieldError(f, 'null', 'This field cannot be null.');
    if (!truthy(f.blank) && isEmpty(value)) throw fieldError(f, 'blank', 'This field cannot be blank.');
  }
  if (f instanceof ForeignKey && value !== None) {
    const target = relTarget(inst.info.apps, f);
    const to = targetField(f);
    const qs = callMethod(getattr(classFor(inst.info.apps, target), '_base_manager'), 'filter', [], new Map([[to.name!, value]]));
    if (!truthy(callMethod(qs, 'exists'))) {
      const params = new PyDict([['model', target.verboseName], ['pk', value], ['field', to.name!], ['value', value]]);
      throw fieldError(f, 'invalid', '%(model)s instance with %(field)s %(value)r does not exist.', params);
    }
  }
}

/** Field.run_validators: every validator's errors (a custom error message replaces a known code's). */
function runValidators(f: Field, value: PyValue): void {
  if (isEmpty(value)) return;
  const errors: PyValue[] = [];
  for (const v of fieldValidators(f)) {
    try {
      call(v, [value]);
    } catch (e) {
      if (!(e instanceof PyException) || !e.matches(ValidationError)) throw e;
      const code = e.value.dict.get('code');
      if (typeof code === 'string' && f.errorMessages instanceof PyDict && f.errorMessages.get(code) !== undefined) {
        e.value.dict.set('message', f.errorMessages.get(code)!);
      }
      errors.push(...toArray(e.value.dict.get('error_list') ?? new PyList([])));
    }
  }
  if (errors.length) throw makeValidationError(new PyList(errors));
}

function excluded(exclude: PyValue): Set<string> {
  return exclude === None || exclude === undefined ? new Set() : new Set(toArray(exclude).map(str));
}

function raiseIfAny(errors: PyDict): void {
  if (errors.size) throw new PyException(call(ValidationError, [errors]) as PyInstance);
}

/** Model.clean_fields(exclude=None). */
export function cleanFields(inst: ModelInstance, exclude: PyValue): void {
  const skip = excluded(exclude);
  const errors = new PyDict();
  for (const f of inst.fmeta.fields) {
    if (f instanceof ManyToManyField || skip.has(f.name!) || f.generated) continue;
    const raw = inst.value(f.attname!);
    if (truthy(f.blank) && isEmpty(raw)) continue;
    try {
      const value = toPython(f, raw);
      validate(inst, f, value);
      runValidators(f, value);
      inst.dict.set(f.attname!, value);
    } catch (e) {
      if (!(e instanceof PyException) || !e.matches(ValidationError)) throw e;
      errors.set(f.name!, e.value.dict.get('error_list') ?? new PyList([]));
    }
  }
  raiseIfAny(errors);
}

function capfirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** "a, b and c" (django.utils.text.get_text_list). */
function textList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Model.validate_unique(exclude=None): unique_together first, then unique fields. */
export function validateUnique(inst: ModelInstance, exclude: PyValue): void {
  const skip = excluded(exclude);
  const meta = inst.fmeta;
  const checks: Field[][] = [];
  for (const names of meta.uniqueTogether) {
    const fields = names.map((n) => meta.findField(n)).filter((f): f is Field => !!f);
    if (fields.length === names.length && !fields.some((f) => skip.has(f.name!))) checks.push(fields);
  }
  for (const f of meta.fields) if (f.unique && !skip.has(f.name!)) checks.push([f]);
  const errors = new PyDict();
  const modelName = capfirst(str(meta.verboseName));
  for (const check of checks) {
    const lookup = new Map<string, PyValue>();
    for (const f of check) {
      const v = inst.value(f.attname!);
      if (v === None) break;
      lookup.set(f.attname!, v);
    }
    if (lookup.size !== check.length) continue;
    let qs = callMethod(getattr(inst.cls, '_default_manager'), 'filter', [], lookup as Kwargs);
    if (!inst.adding && inst.pk !== None) qs = callMethod(qs, 'exclude', [], new Map([['pk', inst.pk]]));
    if (!truthy(callMethod(qs, 'exists'))) continue;
    const labels = check.map((f) => capfirst(str(f.verboseName)));
    const key = check.length === 1 ? check[0]!.name! : NON_FIELD_ERRORS;
    const err =
      check.length === 1
        ? makeValidationError(message(check[0]!, 'unique', '%(model_name)s with this %(field_label)s already exists.'), 'unique', new PyDict([['model_name', modelName], ['field_label', labels[0]!]]))
        : makeValidationError('%(model_name)s with this %(field_labels)s already exists.', 'unique_together', new PyDict([['model_name', modelName], ['field_labels', textList(labels)]]));
    const list = errors.get(key);
    if (list instanceof PyList) list.items.push(err.value);
    else errors.set(key, new PyList([err.value]));
  }
  raiseIfAny(errors);
}

/** Model.full_clean(exclude=None, validate_unique=True, validate_constraints=True). */
export function fullClean(inst: ModelInstance, exclude: PyValue, unique: boolean): void {
  const skip = excluded(exclude);
  let errors = new PyDict();
  const collect = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof PyException) || !e.matches(ValidationError)) throw e;
      errors = callMethod(e.value, 'update_error_dict', [errors]) as PyDict;
    }
  };
  collect(() => callMethod(inst, 'clean_fields', [], new Map([['exclude', new PyList([...skip])]])));
  collect(() => callMethod(inst, 'clean'));
  if (unique) {
    // unique checks only for the fields that passed validation
    for (const k of errors.keys()) if (k !== NON_FIELD_ERRORS) skip.add(str(k));
    collect(() => callMethod(inst, 'validate_unique', [], new Map([['exclude', new PyList([...skip])]])));
  }
  raiseIfAny(errors);
}
