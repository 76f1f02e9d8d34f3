/**
 * django.core.validators: the validator classes learners pass to fields. Migrations need them
 * deconstructible (`django.core.validators.MinValueValidator(0)`); full_clean() calls them: a
 * failing value raises ValidationError with Django's message, code and params.
 */
import { NO_KWARGS, PyClass, PyDict, PyModule, type PyValue, NativeFunction, None, call, len, objectClass, str, truthy } from '../python/objects.ts';
import { compareOrder } from '../python/operators.ts';
import { isCallable } from '../db/postgres/values.ts';
import { DeconstructibleObject, nativeClass } from '../state/expressions.ts';
import { makeValidationError } from './validation-error.ts';

const MODULE = 'django.core.validators';

class Validator extends DeconstructibleObject {
  arg(name: string, pos: number): PyValue | undefined {
    return this.ctorKwargs.get(name) ?? this.ctorArgs[pos];
  }
}

function fail(v: Validator, message: string, code: string, params: [string, PyValue][]): never {
  // BaseValidator(limit_value, message=None), EmailValidator(message=None, code=None, …)
  const custom = v.arg('message', v.cls.isSubclassOf(BaseValidatorClass) ? 1 : 0);
  const own = custom !== undefined && custom !== None && v.cls.name !== 'DecimalValidator' ? custom : message;
  throw makeValidationError(own, v.ctorKwargs.get('code') ?? code, new PyDict(params));
}

/** `ngettext(singular, plural, n)` in English. */
function plural(n: PyValue, one: string, many: string): string {
  return n === 1n || n === 1 ? one : many;
}

/** Validator.__call__(value). */
function runValidator(v: Validator, value: PyValue): PyValue {
  const name = v.cls.isSubclassOf(REGEX) && v.cls.name !== 'URLValidator' ? 'RegexValidator' : v.cls.name;
  const limitArg = v.arg('limit_value', 0) ?? None;
  const limit = isCallable(limitArg) ? call(limitArg, []) : limitArg;
  switch (name) {
    case 'MinValueValidator':
      if (compareOrder('<', value, limit)) fail(v, 'Ensure this value is greater than or equal to %(limit_value)s.', 'min_value', [['limit_value', limit], ['show_value', value], ['value', value]]);
      return None;
    case 'MaxValueValidator':
      if (compareOrder('>', value, limit)) fail(v, 'Ensure this value is less than or equal to %(limit_value)s.', 'max_value', [['limit_value', limit], ['show_value', value], ['value', value]]);
      return None;
    case 'MinLengthValidator': {
      const n = BigInt(len(value));
      if (compareOrder('<', n, limit)) {
        fail(v, plural(limit, 'Ensure this value has at least %(limit_value)d character (it has %(show_value)d).', 'Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).'), 'min_length', [['limit_value', limit], ['show_value', n], ['value', value]]);
      }
      return None;
    }
    case 'MaxLengthValidator': {
      const n = BigInt(len(value));
      if (compareOrder('>', n, limit)) {
        fail(v, plural(limit, 'Ensure this value has at most %(limit_value)d character (it has %(show_value)d).', 'Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).'), 'max_length', [['limit_value', limit], ['show_value', n], ['value', value]]);
      }
      return None;
    }
    case 'ProhibitNullCharactersValidator':
      if (str(value).includes('\0')) fail(v, 'Null characters are not allowed.', 'null_characters_not_allowed', [['value', value]]);
      return None;
    case 'DecimalValidator':
      return checkDecimal(v, value);
    case 'EmailValidator':
      if (!isEmail(str(value))) fail(v, 'Enter a valid email address.', 'invalid', [['value', value]]);
      return None;
    case 'URLValidator':
      if (!/^(?:https?|ftps?):\/\/(?:[^\s:@/]+(?::[^\s:@/]*)?@)?(?:localhost|[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?(?:\.[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?)*\.?|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:[/?#][^\s]*)?$/i.test(str(value))) {
        fail(v, 'Enter a valid URL.', 'invalid', [['value', value]]);
      }
      return None;
    case 'RegexValidator': {
      const regex = v.arg('regex', 0);
      const inverse = truthy(v.arg('inverse_match', 3) ?? false);
      const found = reSearch ? call(reSearch, [regex ?? '', str(value)]) !== None : jsRegex(str(regex ?? '')).test(str(value));
      if (found === inverse) {
        const msg = v.arg('message', 1);
        throw makeValidationError(msg !== undefined && msg !== None ? msg : 'Enter a valid value.', v.arg('code', 2) ?? 'invalid', new PyDict([['value', value]]));
      }
      return None;
    }
  }
  return None;
}

/** DecimalValidator(max_digits, decimal_places) on a Decimal's digits and exponent. */
function checkDecimal(v: Validator, value: PyValue): PyValue {
  const maxDigits = v.arg('max_digits', 0) ?? None;
  const places = v.arg('decimal_places', 1) ?? None;
  const text = str(value);
  if (!/^-?\d*\.?\d*(E[+-]?\d+)?$/i.test(text)) fail(v, 'Enter a number.', 'invalid', [['value', value]]);
  const m = /^-?(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/i.exec(text)!;
  // the digit tuple and exponent of Decimal.as_tuple()
  let coeff = (m[1] ?? '') + (m[2] ?? '');
  const exponent = -(m[2] ?? '').length + Number(m[3] ?? 0);
  coeff = coeff.replace(/^0+(?=\d)/, '') || '0';
  let digits: number;
  let decimals: number;
  if (exponent >= 0) {
    digits = coeff.length + (coeff !== '0' ? exponent : 0);
    decimals = 0;
  } else if (-exponent > coeff.length) {
    digits = decimals = -exponent;
  } else {
    digits = coeff.length;
    decimals = -exponent;
  }
  const whole = digits - decimals;
  const n = (x: PyValue) => (typeof x === 'bigint' ? Number(x) : null);
  const md = n(maxDigits);
  const dp = n(places);
  if (md !== null && digits > md) fail(v, plural(maxDigits, 'Ensure that there are no more than %(max)s digit in total.', 'Ensure that there are no more than %(max)s digits in total.'), 'max_digits', [['max', maxDigits], ['value', value]]);
  if (dp !== null && decimals > dp) fail(v, plural(places, 'Ensure that there are no more than %(max)s decimal place.', 'Ensure that there are no more than %(max)s decimal places.'), 'max_decimal_places', [['max', places], ['value', value]]);
  if (md !== null && dp !== null && whole > md - dp) {
    const max = BigInt(md - dp);
    fail(v, plural(max, 'Ensure that there are no more than %(max)s digit before the decimal point.', 'Ensure that there are no more than %(max)s digits before the decimal point.'), 'max_whole_digits', [['max', max], ['value', value]]);
  }
  return None;
}

/** EmailValidator's checks (dot-atom or quoted user part; a domain name, localhost or an IP literal). */
function isEmail(value: string): boolean {
  if (!value || !value.includes('@') || value.length > 320) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  const userOk = /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$/i.test(user) || /^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0d-\x7f])*"$/i.test(user);
  if (!userOk) return false;
  if (domain === 'localhost') return true;
  if (/^\[[0-9a-f:.]+\]$/i.test(domain)) return true;
  return /^((?:[A-Z0-9\u00a1-\uffff](?:[A-Z0-9\u00a1-\uffff-]{0,61}[A-Z0-9\u00a1-\uffff])?\.)+)(?:[A-Z0-9\u00a1-\uffff-]{2,63})$/i.test(domain) && !domain.endsWith('-');
}

/** A Python pattern of the built-in validators as a JavaScript one (before `re` is imported). */
function jsRegex(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\\Z/g, '$').replace(/\\w/g, '[\\p{L}\\p{N}_]'), 'u');
}

/** `re.search`, set when the module is made (validators use Python regular expressions). */
let reSearch: PyValue | null = null;


export const BaseValidatorClass: PyClass = nativeClass('BaseValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs));

function validatorClass(name: string, base: PyClass = BaseValidatorClass): PyClass {
  const cls = nativeClass(name, MODULE, (c, args, kwargs) => new Validator(c, args, kwargs), { bases: [base] });
  cls.dict.set('__call__', new NativeFunction('__call__', (a) => runValidator(a[0] as Validator, a[1] ?? None), { module: MODULE, qualname: `${name}.__call__` }));
  return cls;
}

const REGEX = validatorClass('RegexValidator', objectClass);
export const VALIDATOR_CLASSES = new Map<string, PyClass>([
  ['BaseValidator', BaseValidatorClass],
  ...['MinValueValidator', 'MaxValueValidator', 'MinLengthValidator', 'MaxLengthValidator', 'StepValueValidator'].map((n): [string, PyClass] => [n, validatorClass(n)]),
  ['RegexValidator', REGEX],
  ['URLValidator', validatorClass('URLValidator', REGEX)],
  ...['EmailValidator', 'DecimalValidator', 'FileExtensionValidator', 'ProhibitNullCharactersValidator'].map((n): [string, PyClass] => [n, validatorClass(n, objectClass)]),
]);
BaseValidatorClass.dict.set('__call__', new NativeFunction('__call__', (a) => runValidator(a[0] as Validator, a[1] ?? None), { module: MODULE, qualname: 'BaseValidator.__call__' }));

/** A validator instance, as a field's default validators are made (`MaxLengthValidator(100)`). */
export function makeValidator(name: string, ...args: PyValue[]): PyValue {
  return new Validator(VALIDATOR_CLASSES.get(name)!, args, NO_KWARGS);
}

/** validate_slug / validate_unicode_slug / validate_email. */
export const SLUG_VALIDATOR = new Validator(REGEX, ['^[-a-zA-Z0-9_]+\\Z', 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.', 'invalid'], NO_KWARGS);
const UNICODE_SLUG_VALIDATOR = new Validator(REGEX, ['^[-\\w]+\\Z', 'Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.', 'invalid'], NO_KWARGS);
export const EMAIL_VALIDATOR = makeValidator('EmailValidator');

export function validatorsModule(importModule?: (name: string) => PyModule): PyModule {
  if (importModule) {
    const re = importModule('re');
    reSearch = re.dict.get('search') ?? null;
    // Django's slug validators hold `_lazy_re_compile(...)` patterns, which migrations write as re.compile('...').
    const compile = re.dict.get('compile');
    for (const v of [SLUG_VALIDATOR, UNICODE_SLUG_VALIDATOR]) {
      if (compile && typeof v.ctorArgs[0] === 'string') v.ctorArgs[0] = call(compile, [v.ctorArgs[0]]);
    }
  }
  const m = new PyModule('django.core.validators');
  for (const [name, cls] of VALIDATOR_CLASSES) m.dict.set(name, cls);
  for (const name of ['validate_ipv4_address', 'validate_ipv6_address', 'validate_ipv46_address', 'validate_integer', 'int_list_validator', 'validate_comma_separated_integer_list', 'validate_image_file_extension']) {
    m.dict.set(name, new NativeFunction(name, (): PyValue => None, { module: MODULE, qualname: name }));
  }
  m.dict.set('validate_email', EMAIL_VALIDATOR);
  m.dict.set('validate_slug', SLUG_VALIDATOR);
  m.dict.set('validate_unicode_slug', UNICODE_SLUG_VALIDATOR);
  return m;
}
