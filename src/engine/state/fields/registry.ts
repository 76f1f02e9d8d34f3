/**
 * The Python classes of the built-in field types (`models.CharField` …), with Django's module
 * names and class hierarchy, and lookup by import path.
 */
import { type Kwargs, NativeFunction, None, PyClass, PyDict, PyList, PyTuple, type PyValue, call, objectClass } from '../../python/objects.ts';
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

/**
 * `field.deconstruct()` as Python sees it (a subclass's own override, else the built-in one):
 * what the writer and the autodetector both use.
 */
export function fieldDeconstruction(f: Field): { path: string; args: PyValue[]; kwargs: Map<string, PyValue> } {
  const d = f.effectiveDeconstruct();
  return { path: d.path, args: d.args, kwargs: d.kwargs };
}

/** A Python-level `__init__` on a learner's field subclass (before the first built-in field class). */
function hasPythonInit(cls: PyClass): boolean {
  for (const c of cls.mro) {
    if (c.native['fieldCtor'] !== undefined) return false;
    const init = c.dict.get('__init__');
    if (init !== undefined && !(init instanceof NativeFunction)) return true;
  }
  return false;
}

function makeNew(ctor: FieldCtor) {
  return (cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue => {
    const f = new ctor();
    f.cls = cls;
    // A subclass's own __init__ decides what reaches Field.__init__ (super().__init__(*args, **kwargs)).
    if (!hasPythonInit(cls)) f.init(args, kwargs);
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

export const FieldClass = define('Field', M_FIELDS, objectClass, S.BareField);
// What a subclass's `super().__init__(...)` reaches: the built-in class's own initialisation.
FieldClass.dict.set(
  '__init__',
  new NativeFunction(
    '__init__',
    (args, kwargs) => {
      (args[0] as Field).init(args.slice(1), kwargs);
      return None;
    },
    { module: M_FIELDS, qualname: 'Field.__init__' },
  ),
);
// What a subclass's `super().deconstruct()` reaches: (name, path, args, kwargs).
FieldClass.dict.set(
  'deconstruct',
  new NativeFunction(
    'deconstruct',
    (args) => {
      const d = (args[0] as Field).deconstruct();
      return new PyTuple([d.name ?? None, d.path, new PyList(d.args), new PyDict([...d.kwargs])]);
    },
    { module: M_FIELDS, qualname: 'Field.deconstruct' },
  ),
);
const Char = define('CharField', M_FIELDS, FieldClass, S.CharField);
define('EmailField', M_FIELDS, Char, S.EmailField);
define('URLField', M_FIELDS, Char, S.URLField);
define('SlugField', M_FIELDS, Char, S.SlugField);
define('TextField', M_FIELDS, FieldClass, S.TextField);
const Bool = define('BooleanField', M_FIELDS, FieldClass, S.BooleanField);
define('NullBooleanField', M_FIELDS, Bool, S.NullBooleanField);
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
