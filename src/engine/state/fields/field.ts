/**
 * Model fields: the TypeScript counterpart of django.db.models.Field.
 *
 * A Field is itself a Python object (models.py and migration files create them by calling
 * `models.CharField(...)`). Its attributes keep the Python values it was given, because
 * `deconstruct()` — which decides what migration files say — compares them to defaults by identity
 * the way Django does. Typed accessors (`isNull`, `maxLength` …) serve the schema editor.
 *
 * Lifecycle: a field is created unbound (no name, no model). ModelState holds unbound fields by
 * name; rendering a state (see ../apps.ts) clones each field and binds the clone to a model.
 */
import {
  type Kwargs,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  NO_KWARGS,
  NativeFunction,
  call,
  eq,
  isinstance,
  strClass,
  toArray,
  truthy,
  TypeError,
  ValueError,
  pyError,
  str,
  typeOf,
} from '../../python/objects.ts';
import { type Signature, bindArgs } from '../../python/signature.ts';
import { CallableChoiceIterator, isCallableValue, isIterableValue } from './choices.ts';
import type { ForeignObjectRel } from './related.ts';
import type { ModelMeta } from '../meta.ts';

/** Django's NOT_PROVIDED sentinel (a class in Django; identity is all that matters). */
export class NotProvided extends PyObject {
  static readonly instance = new NotProvided();
  get pyClass(): PyClass {
    return notProvidedClassRef!;
  }
  override nativeRepr(): string {
    return "<class 'django.db.models.fields.NOT_PROVIDED'>";
  }
}
let notProvidedClassRef: PyClass | null = null;
export function setNotProvidedClass(c: PyClass): void {
  notProvidedClassRef = c;
}
export const NOT_PROVIDED = NotProvided.instance;

/** What `deconstruct()` returns: the field's name, import path, args and kwargs. */
export interface FieldDeconstruction {
  name: string | null;
  path: string;
  args: PyValue[];
  kwargs: Kwargs;
}

/** Field.__init__'s own parameters, in order (after self). */
export const FIELD_PARAMS: [string, PyValue][] = [
  ['verbose_name', None],
  ['name', None],
  ['primary_key', false],
  ['max_length', None],
  ['unique', false],
  ['blank', false],
  ['null', false],
  ['db_index', false],
  ['rel', None],
  ['default', NOT_PROVIDED],
  ['editable', true],
  ['serialize', true],
  ['unique_for_date', None],
  ['unique_for_month', None],
  ['unique_for_year', None],
  ['choices', None],
  ['help_text', ''],
  ['db_column', None],
  ['db_tablespace', None],
  ['auto_created', false],
  ['validators', new PyTuple([])],
  ['error_messages', None],
  ['db_comment', None],
  ['db_default', NOT_PROVIDED],
];

const FIELD_SIG: Signature = { name: 'Field.__init__', params: FIELD_PARAMS };

/** Field.deconstruct's "possibles": option name → default compared against. */
const POSSIBLES: [string, PyValue | 'EMPTY_LIST'][] = [
  ['verbose_name', None],
  ['primary_key', false],
  ['max_length', None],
  ['unique', false],
  ['blank', false],
  ['null', false],
  ['db_index', false],
  ['default', NOT_PROVIDED],
  ['db_default', NOT_PROVIDED],
  ['editable', true],
  ['serialize', true],
  ['unique_for_date', None],
  ['unique_for_month', None],
  ['unique_for_year', None],
  ['choices', None],
  ['help_text', ''],
  ['db_column', None],
  ['db_comment', None],
  ['db_tablespace', None],
  ['auto_created', false],
  ['validators', 'EMPTY_LIST'],
  ['error_messages', None],
];

let creationCounter = 0;
let autoCreationCounter = -1;

/** Python-style identity comparison for deconstruct ("value is not default"). */
function isSame(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b; // interned literals
  return a === b;
}

export abstract class Field extends PyObject {
  /** The Python class this field was created from (a built-in field class or a user subclass). */
  cls!: PyClass;
  /** Django's short import path prefix handling is done by `path`; subclasses set the class name. */
  static readonly className: string = 'Field';

  // --- Field.__init__ attributes (Python values), all assigned by initField() ---
  declare name: string | null;
  /** A truthy `name` argument that is not a string (`DecimalField(6, 2)`): fails contribute_to_class. */
  declare invalidName?: PyValue;
  /** Whatever verbose_name was passed (for deconstruct); `verboseName` is the effective one. */
  declare _verboseName: PyValue;
  declare primaryKey: PyValue;
  declare maxLengthValue: PyValue;
  declare _unique: PyValue;
  declare blank: PyValue;
  declare nullValue: PyValue;
  declare dbIndex: PyValue;
  declare remoteField: ForeignObjectRel | null;
  declare default: PyValue;
  declare dbDefault: PyValue;
  declare editable: PyValue;
  declare serialize: PyValue;
  declare uniqueForDate: PyValue;
  declare uniqueForMonth: PyValue;
  declare uniqueForYear: PyValue;
  declare choices: PyValue;
  declare helpText: PyValue;
  declare dbColumn: PyValue;
  declare dbComment: PyValue;
  declare _dbTablespace: PyValue;
  declare autoCreated: PyValue;
  declare validators: PyValue[];
  declare errorMessages: PyValue;
  declare creationCounter: number;

  // --- set when bound to a model (rendering) ---
  model: ModelMeta | null = null;
  attname: string | null = null;
  column: string | null = null;
  declare verboseName: PyValue;
  /** Whether contribute_to_class made this a concrete (database) column. */
  concrete = false;

  /** Python attributes set on the instance by user code (custom field subclasses), created on first use. */
  declare dict?: Map<string, PyValue>;

  override nativeSetAttr(name: string, value: PyValue): boolean {
    (this.dict ??= new Map()).set(name, value);
    return true;
  }

  get pyClass(): PyClass {
    return this.cls;
  }

  /**
   * Field.__init__ itself, receiving what subclasses pass up. Subclasses bind their own
   * parameters first (with their own signature, for CPython-identical errors), then call this.
   */
  protected initField(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(FIELD_SIG, args, kwargs).values;
    const nameValue = b.get('name')!;
    this.name = typeof nameValue === 'string' ? nameValue : null;
    if (typeof nameValue !== 'string' && truthy(nameValue)) this.invalidName = nameValue;
    this._verboseName = b.get('verbose_name')!;
    this.verboseName = this._verboseName;
    this.primaryKey = b.get('primary_key')!;
    this.maxLengthValue = b.get('max_length')!;
    this._unique = b.get('unique')!;
    this.blank = b.get('blank')!;
    this.nullValue = b.get('null')!;
    this.dbIndex = b.get('db_index')!;
    const rel = b.get('rel')!;
    this.remoteField = rel === None ? null : (rel as unknown as ForeignObjectRel);
    this.default = b.get('default')!;
    this.dbDefault = b.get('db_default')!;
    this.editable = b.get('editable')!;
    this.serialize = b.get('serialize')!;
    this.uniqueForDate = b.get('unique_for_date')!;
    this.uniqueForMonth = b.get('unique_for_month')!;
    this.uniqueForYear = b.get('unique_for_year')!;
    this.choices = normalizeChoices(b.get('choices')!);
    this.helpText = b.get('help_text')!;
    this.dbColumn = b.get('db_column')!;
    this.dbComment = b.get('db_comment')!;
    this._dbTablespace = b.get('db_tablespace')!;
    this.autoCreated = b.get('auto_created')!;
    this.validators = toArray(b.get('validators')!);
    this.errorMessages = b.get('error_messages')!;
    if (truthy(this.autoCreated)) this.creationCounter = autoCreationCounter--;
    else this.creationCounter = creationCounter++;
  }

  /** Called by the field class's constructor with the Python call's arguments. */
  abstract init(args: PyValue[], kwargs: Kwargs): void;

  // ------------------------------------------------------------------------------------------
  // Typed views used by the schema editor and the autodetector
  // ------------------------------------------------------------------------------------------

  get isNull(): boolean {
    return truthy(this.nullValue);
  }
  get isPrimaryKey(): boolean {
    return truthy(this.primaryKey);
  }
  /** Django's `field.unique`: `_unique or primary_key`. */
  get unique(): boolean {
    return truthy(this._unique) || truthy(this.primaryKey);
  }
  get hasDbIndex(): boolean {
    return truthy(this.dbIndex);
  }
  get maxLength(): number | null {
    const v = this.maxLengthValue;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number') return v;
    return null;
  }
  get dbTablespace(): PyValue {
    return this._dbTablespace;
  }
  hasDefault(): boolean {
    return this.default !== NOT_PROVIDED;
  }
  hasDbDefault(): boolean {
    return this.dbDefault !== NOT_PROVIDED;
  }
  get isRelation(): boolean {
    return this.remoteField !== null;
  }
  get manyToMany(): boolean {
    return false;
  }
  get oneToOne(): boolean {
    return false;
  }
  get manyToOne(): boolean {
    return false;
  }
  /** Whether the field makes a column (GeneratedField and ManyToManyField override). */
  get hasColumn(): boolean {
    return true;
  }
  get generated(): boolean {
    return false;
  }
  /** Django's `empty_strings_allowed`. */
  get emptyStringsAllowed(): boolean {
    return true;
  }
  /** Fields whose values Django never gives a database default (e.g. BLOB/TEXT on MySQL) — Postgres: none. */
  get dbCollation(): PyValue {
    return None;
  }

  /** `get_internal_type()`: the key into the backend's data type tables. */
  getInternalType(): string {
    return (this.constructor as typeof Field).className;
  }

  /** Django's `Field.__class__.__name__` as seen by Python (user subclasses keep their own). */
  get className(): string {
    return this.cls.name;
  }

  /** Extra parameters for the db type template (`max_length`, `max_digits` …). */
  dbTypeParameters(): Record<string, PyValue> {
    return {
      max_length: this.maxLengthValue,
      max_digits: None,
      decimal_places: None,
    };
  }

  // ------------------------------------------------------------------------------------------
  // deconstruct / clone
  // ------------------------------------------------------------------------------------------

  /** The value deconstruct compares for an option name (mirrors Django's attr_overrides). */
  protected optionValue(name: string): PyValue {
    switch (name) {
      case 'verbose_name':
        return this._verboseName;
      case 'primary_key':
        return this.primaryKey;
      case 'max_length':
        return this.maxLengthValue;
      case 'unique':
        return this._unique;
      case 'blank':
        return this.blank;
      case 'null':
        return this.nullValue;
      case 'db_index':
        return this.dbIndex;
      case 'default':
        return this.default;
      case 'db_default':
        return this.dbDefault;
      case 'editable':
        return this.editable;
      case 'serialize':
        return this.serialize;
      case 'unique_for_date':
        return this.uniqueForDate;
      case 'unique_for_month':
        return this.uniqueForMonth;
      case 'unique_for_year':
        return this.uniqueForYear;
      case 'choices':
        return this.choices;
      case 'help_text':
        return this.helpText;
      case 'db_column':
        return this.dbColumn;
      case 'db_comment':
        return this.dbComment;
      case 'db_tablespace':
        return this._dbTablespace;
      case 'auto_created':
        return this.autoCreated;
      case 'validators':
        return new PyList(this.validators);
      case 'error_messages':
        return this.errorMessages;
    }
    throw new Error(`unknown field option ${name}`);
  }

  /**
   * `self.deconstruct()` as Python sees it: a learner's subclass may override it in Python (and
   * call `super().deconstruct()`); the writer, the autodetector and clone() all go through here.
   */
  effectiveDeconstruct(): FieldDeconstruction {
    for (const c of this.cls.mro) {
      const m = c.dict.get('deconstruct');
      if (m === undefined) continue;
      if (m instanceof NativeFunction) break;
      const parts = toArray(call(m, [this]));
      if (parts.length !== 4) {
        throw pyError(ValueError, parts.length > 4 ? 'too many values to unpack (expected 4)' : `not enough values to unpack (expected 4, got ${parts.length})`);
      }
      const kwargs = parts[3];
      if (!(kwargs instanceof PyDict)) throw pyError(TypeError, `'${typeOf(kwargs!).name}' object is not a mapping`);
      const name = parts[0];
      return { name: typeof name === 'string' ? name : null, path: str(parts[1]!), args: toArray(parts[2]!), kwargs: new Map(kwargs.items().map(([k, v]) => [str(k), v])) };
    }
    return this.deconstruct();
  }

  /** The import path Django writes: `django.db.models.CharField` or `app.module.MyField`. */
  get path(): string {
    const module = this.cls.module;
    const qual = this.cls.qualname;
    if (module.startsWith('django.db.models.fields')) return `django.db.models.${qual}`;
    return `${module}.${qual}`;
  }

  deconstruct(): FieldDeconstruction {
    const kwargs: Kwargs = new Map();
    for (const [name, def] of POSSIBLES) {
      const value = this.optionValue(name);
      if (def === 'EMPTY_LIST') {
        if (!(value instanceof PyList && value.items.length === 0)) kwargs.set(name, value);
      } else if (name === 'choices') {
        // Callable choices are written as the callable.
        if (!eq(value, def)) kwargs.set(name, value instanceof CallableChoiceIterator ? value.func : value);
      } else if (!isSame(value, def)) {
        kwargs.set(name, value);
      }
    }
    return { name: this.name, path: this.path, args: [], kwargs };
  }

  /**
   * A new unbound field with the same definition (Django's `clone()`: the class called with the
   * deconstructed arguments). For the built-in field classes the same result is made by copying
   * the attributes — rendering states clones every field, so this is on the hot path; a learner's
   * field subclass goes through its own __init__ like in Django.
   */
  clone(): Field {
    if (this.cls.native['fieldCtor'] !== this.constructor) {
      const d = this.effectiveDeconstruct();
      const f = call(this.cls, d.args, d.kwargs);
      if (!(f instanceof Field)) throw new Error('field class did not return a field');
      return f;
    }
    const c = Object.create(Object.getPrototypeOf(this) as object) as Field;
    Object.assign(c, this);
    // What a fresh instance built from deconstruct() would have: no name, not bound.
    c.name = null;
    c.verboseName = c._verboseName;
    c.model = null;
    c.attname = null;
    c.column = null;
    c.concrete = false;
    c.dict = undefined;
    c.validators = [...this.validators];
    c.creationCounter = truthy(c.autoCreated) ? autoCreationCounter-- : creationCounter++;
    c.afterClone(this);
    return c;
  }

  /** Subclass hook for `clone()`'s copy: relation fields take a fresh remote_field. */
  protected afterClone(_original: Field): void {}

  /** Sets name-derived attributes as contribute_to_class does (name, attname, column, verbose_name). */
  setAttributesFromName(name: string): void {
    this.name = this.name ?? name;
    this.attname = this.getAttname();
    this.column = this.attname === null ? null : typeof this.dbColumn === 'string' ? this.dbColumn : this.attname;
    this.concrete = this.column !== null;
    if (this.verboseName === None && this.name) this.verboseName = this.name.replace(/_/g, ' ');
  }

  getAttname(): string {
    return this.name!;
  }

  /** Binds this (freshly cloned) field to a rendered model. */
  bind(model: ModelMeta, name: string): void {
    this.setAttributesFromName(name);
    this.model = model;
  }

  /** Field.__repr__: the class path and the field's name. */
  override nativeRepr(): string {
    const path = `${this.cls.module}.${this.cls.qualname}`;
    if (this.name) return `<${path}: ${this.name}>`;
    return `<${path}>`;
  }

  override nativeStr(): string {
    if (this.model && this.name) return `${this.model.appLabel}.${this.model.objectName}.${this.name}`;
    return this.nativeRepr();
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'name':
        return this.name ?? None;
      case 'model':
        // the model class the field is bound to (contribute_to_class)
        if (this.model?.pyModel) return this.model.pyModel;
        break;
      case 'attname':
        return this.attname ?? None;
      case 'column':
        return this.column ?? None;
      case 'verbose_name':
        return this.verboseName;
      case 'primary_key':
        return this.primaryKey;
      case 'max_length':
        return this.maxLengthValue;
      case 'unique':
        return this.unique;
      case 'blank':
        return this.blank;
      case 'null':
        return this.nullValue;
      case 'db_index':
        return this.dbIndex;
      case 'default':
        return this.default;
      case 'db_default':
        return this.dbDefault;
      case 'editable':
        return this.editable;
      case 'choices':
        return this.choices;
      case 'help_text':
        return this.helpText;
      case 'db_column':
        return this.dbColumn;
      case 'db_comment':
        return this.dbComment;
      case 'auto_created':
        return this.autoCreated;
      case 'is_relation':
        return this.isRelation;
      case 'many_to_many':
        return this.manyToMany;
      case 'one_to_one':
        return this.oneToOne;
      case 'many_to_one':
        return this.manyToOne;
      case 'concrete':
        return this.concrete;
      case 'creation_counter':
        return BigInt(this.creationCounter);
      case 'has_default':
        return nativeMethod(() => this.hasDefault());
      case 'get_internal_type':
        return nativeMethod(() => this.getInternalType());
      case 'deconstruct':
        return nativeMethod(() => {
          const d = this.deconstruct();
          return new PyTuple([d.name ?? None, d.path, new PyList(d.args), new PyDict([...d.kwargs.entries()])]);
        });
    }
    return undefined;
  }
}

function nativeMethod(f: () => PyValue): NativeFunction {
  return new NativeFunction('method', () => f());
}

/** Django's normalize_choices: enum classes → their choices, mappings/iterables → list of 2-tuples. */
export function normalizeChoices(value: PyValue, depth = 0): PyValue {
  if (value === None || typeof value === 'string' || typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  // A Choices enumeration class (models.TextChoices subclass): its metaclass provides `.choices`.
  if (value instanceof PyClass && typeof value.native['choices'] === 'function') {
    return (value.native['choices'] as () => PyValue)();
  }
  if (value instanceof CallableChoiceIterator) return value;
  let items: PyValue;
  if (value instanceof PyDict && depth < 2) items = new PyList(value.items().map(([k, v]) => new PyTuple([k, v])));
  else items = value;
  if (depth >= 2) return value;
  // A callable that is not iterable: wrapped (evaluated lazily) at the top level, called inside a group.
  if (!(value instanceof PyDict) && !isIterableValue(value) && isCallableValue(value)) {
    if (depth === 0) return new CallableChoiceIterator(value, (v) => normalizeChoices(v));
    items = call(value);
  }
  let arr: PyValue[];
  try {
    arr = toArray(items);
  } catch {
    return value;
  }
  if (arr.some((x) => isinstance(x, strClass))) return value;
  const out: PyValue[] = [];
  for (const pair of arr) {
    let kv: PyValue[];
    try {
      kv = toArray(pair);
    } catch {
      return value;
    }
    if (kv.length !== 2) return value;
    out.push(new PyTuple([kv[0]!, normalizeChoices(kv[1]!, depth + 1)]));
  }
  return new PyList(out);
}

/** A keyword argument's value or a default. */
export function kw(kwargs: Kwargs, name: string, def: PyValue): PyValue {
  return kwargs.has(name) ? kwargs.get(name)! : def;
}
