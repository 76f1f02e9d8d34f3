/**
 * django.core.validators: the validator classes learners pass to fields. For migrations they
 * only need to be deconstructible (`django.core.validators.MinValueValidator(0)`).
 */
import { PyClass, PyModule, type PyValue, NativeFunction, None, objectClass } from '../python/objects.ts';
import { DeconstructibleObject, nativeClass } from '../state/expressions.ts';

const MODULE = 'django.core.validators';

class Validator extends DeconstructibleObject {}

export const BaseValidatorClass: PyClass = nativeClass('BaseValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs));

function validatorClass(name: string, base: PyClass = BaseValidatorClass): PyClass {
  return nativeClass(name, MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs), { bases: [base] });
}

export function validatorsModule(): PyModule {
  const m = new PyModule('django.core.validators');
  m.dict.set('BaseValidator', BaseValidatorClass);
  for (const name of ['MinValueValidator', 'MaxValueValidator', 'MinLengthValidator', 'MaxLengthValidator', 'StepValueValidator']) {
    m.dict.set(name, validatorClass(name));
  }
  const regex = nativeClass('RegexValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs), { bases: [objectClass] });
  m.dict.set('RegexValidator', regex);
  m.dict.set('URLValidator', validatorClass('URLValidator', regex));
  m.dict.set('EmailValidator', nativeClass('EmailValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs)));
  m.dict.set('DecimalValidator', nativeClass('DecimalValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs)));
  m.dict.set('FileExtensionValidator', nativeClass('FileExtensionValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs)));
  m.dict.set('ProhibitNullCharactersValidator', nativeClass('ProhibitNullCharactersValidator', MODULE, (cls, args, kwargs) => new Validator(cls, args, kwargs)));
  for (const name of ['validate_email', 'validate_slug', 'validate_unicode_slug', 'validate_ipv4_address', 'validate_ipv6_address', 'validate_ipv46_address', 'validate_integer', 'int_list_validator', 'validate_comma_separated_integer_list', 'validate_image_file_extension']) {
    m.dict.set(name, new NativeFunction(name, (): PyValue => None, { module: MODULE, qualname: name }));
  }
  return m;
}
