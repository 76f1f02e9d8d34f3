/**
 * The Python classes of the built-in field types (`models.CharField` …), with Django's module
 * names and class hierarchy, and lookup by import path.
 */
import { type Kwargs, PyClass, type PyValue, call, objectClass } from '../../python/objects.ts';
import { Field, setNotProvidedClass } from './field.ts';
import * as S from './scalar.ts';
import * as R from './related.ts';

type FieldCtor = new () => Field;

const M_FIELDS = 'django.db.models.fields';
const M_RELATED = 'django.db.models.fields.related';
const M_FILES = 'django.db.models.fields.files';
const M_JSON = 'django.db.models.fields.json';
const M_GENERATED = 'django.db.models.fields.generated';

/** Field class name → Python class. */
export const FIELD_CLASSES = new Map<string, PyClass>();

function makeNew(ctor: FieldCtor) {
  return (cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue => {
    const f = new ctor();
    f.cls = cls;
    f.init(args, kwargs);
    return f;
  };
}

function define(name: string, module: string, base: PyClass, ctor: FieldCtor | null): PyClass {
  const cls = new PyClass(name, { module, bases: [base], nativeNew: ctor ? makeNew(ctor) : undefined });
  cls.native['fieldCtor'] = ctor;
  FIELD_CLASSES.set(name, cls);
  return cls;
}

export const NOT_PROVIDED_CLASS = new PyClass('NOT_PROVIDED', { module: M_FIELDS, bases: [objectClass] });
setNotProvidedClass(NOT_PROVIDED_CLASS);

export const FieldClass = define('Field', M_FIELDS, objectClass, null);
const Char = define('CharField', M_FIELDS, FieldClass, S.CharField);
define('EmailField', M_FIELDS, Char, S.EmailField);
define('URLField', M_FIELDS, Char, S.URLField);
define('SlugField', M_FIELDS, Char, S.SlugField);
define('TextField', M_FIELDS, FieldClass, S.TextField);
define('BooleanField', M_FIELDS, FieldClass, S.BooleanField);
const Int = define('IntegerField', M_FIELDS, FieldClass, S.IntegerField);
define('BigIntegerField', M_FIELDS, Int, S.BigIntegerField);
define('SmallIntegerField', M_FIELDS, Int, S.SmallIntegerField);
define('PositiveIntegerField', M_FIELDS, Int, S.PositiveIntegerField);
define('PositiveBigIntegerField', M_FIELDS, Int, S.PositiveBigIntegerField);
define('PositiveSmallIntegerField', M_FIELDS, Int, S.PositiveSmallIntegerField);
define('FloatField', M_FIELDS, FieldClass, S.FloatField);
define('DecimalField', M_FIELDS, FieldClass, S.DecimalField);
const DateF = define('DateField', M_FIELDS, FieldClass, S.DateField);
define('DateTimeField', M_FIELDS, DateF, S.DateTimeField);
define('TimeField', M_FIELDS, FieldClass, S.TimeField);
define('DurationField', M_FIELDS, FieldClass, S.DurationField);
define('BinaryField', M_FIELDS, FieldClass, S.BinaryField);
define('UUIDField', M_FIELDS, FieldClass, S.UUIDField);
define('GenericIPAddressField', M_FIELDS, FieldClass, S.GenericIPAddressField);
define('IPAddressField', M_FIELDS, FieldClass, S.IPAddressField);
define('FilePathField', M_FIELDS, FieldClass, S.FilePathField);
const Auto = define('AutoField', M_FIELDS, Int, S.AutoField);
// BigAutoField(AutoFieldMixin, BigIntegerField) — isinstance(BigAutoField(), AutoField) holds through AutoFieldMeta
define('BigAutoField', M_FIELDS, Auto, S.BigAutoField);
define('SmallAutoField', M_FIELDS, Auto, S.SmallAutoField);
const File = define('FileField', M_FILES, FieldClass, S.FileField);
define('ImageField', M_FILES, File, S.ImageField);
define('JSONField', M_JSON, FieldClass, S.JSONField);
define('GeneratedField', M_GENERATED, FieldClass, S.GeneratedField);
const Related = define('RelatedField', M_RELATED, FieldClass, null);
const ForeignObject = define('ForeignObject', M_RELATED, Related, null);
const FK = define('ForeignKey', M_RELATED, ForeignObject, R.ForeignKey);
define('OneToOneField', M_RELATED, FK, R.OneToOneField);
define('ManyToManyField', M_RELATED, Related, R.ManyToManyField);

/** The field class for an import path such as `django.db.models.BigAutoField`, if built in. */
export function fieldClassByPath(path: string): PyClass | undefined {
  const m = /^django\.db\.models(?:\.fields(?:\.related|\.files|\.json|\.generated)?)?\.([A-Za-z]+)$/.exec(path);
  return m ? FIELD_CLASSES.get(m[1]!) : undefined;
}

/** Creates a field of a built-in class from TypeScript: `makeField('CharField', { max_length: 100n })`. */
export function makeField(className: string, kwargs: Record<string, PyValue> = {}, args: PyValue[] = []): Field {
  const cls = FIELD_CLASSES.get(className);
  if (!cls) throw new Error(`unknown field class ${className}`);
  const f = call(cls, args, new Map(Object.entries(kwargs)));
  return f as Field;
}

/** Whether a Python class is an AutoField (sub)class. */
export function isAutoFieldClass(cls: PyClass): boolean {
  return cls.isSubclassOf(Auto);
}
