/**
 * The non-relational field types of django.db.models, with Django's __init__ signatures (so
 * argument errors read like CPython's) and deconstruct() adjustments.
 */
import { type Kwargs, type PyValue, None, truthy } from '../../python/objects.ts';
import { REQUIRED, bindArgs } from '../../python/signature.ts';
import { Field, type FieldDeconstruction, NOT_PROVIDED } from './field.ts';

function withDefault(kwargs: Kwargs, name: string, value: PyValue): Kwargs {
  const k = new Map(kwargs);
  if (!k.has(name)) k.set(name, value);
  return k;
}

function withValue(kwargs: Kwargs, name: string, value: PyValue): Kwargs {
  const k = new Map(kwargs);
  k.set(name, value);
  return k;
}

/** Fields whose __init__ is `(*args, **kwargs)` passed straight to Field.__init__. */
abstract class PlainField extends Field {
  init(args: PyValue[], kwargs: Kwargs): void {
    this.initField(args, kwargs);
  }
}

/**
 * `models.Field` itself, instantiated for a learner's direct subclass: its internal type is the
 * class's own name (Field.get_internal_type), so only its db_type() gives it a column type.
 */
export class BareField extends PlainField {
  static override readonly className: string = 'Field';
  override getInternalType(): string {
    return this.cls.name;
  }
}

/** `(*args, db_collation=None, **kwargs)` — CharField, TextField. */
abstract class CollationField extends Field {
  dbCollationValue: PyValue = None;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      { name: `${(this.constructor as typeof Field).className}.__init__`, varargs: true, kwonly: [['db_collation', None]], varkw: true },
      args,
      kwargs,
    );
    this.dbCollationValue = b.values.get('db_collation')!;
    this.initField(b.rest.args, b.rest.kwargs);
  }
  override get dbCollation(): PyValue {
    return this.dbCollationValue;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (truthy(this.dbCollationValue)) d.kwargs.set('db_collation', this.dbCollationValue);
    return d;
  }
}

export class CharField extends CollationField {
  static override readonly className: string = 'CharField';
  override getInternalType(): string {
    return 'CharField';
  }
}

export class TextField extends CollationField {
  static override readonly className: string = 'TextField';
}

export class EmailField extends CharField {
  static override readonly className: string = 'EmailField';
  override init(args: PyValue[], kwargs: Kwargs): void {
    super.init(args, withDefault(kwargs, 'max_length', 254n));
  }
}

export class URLField extends CharField {
  static override readonly className: string = 'URLField';
  override init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      { name: 'URLField.__init__', params: [['verbose_name', None], ['name', None]], varkw: true },
      args,
      kwargs,
    );
    super.init([b.values.get('verbose_name')!, b.values.get('name')!], withDefault(b.rest.kwargs, 'max_length', 200n));
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (d.kwargs.get('max_length') === 200n) d.kwargs.delete('max_length');
    return d;
  }
}

export class SlugField extends CharField {
  static override readonly className: string = 'SlugField';
  allowUnicode: PyValue = false;
  override init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'SlugField.__init__',
        varargs: true,
        kwonly: [
          ['max_length', 50n],
          ['db_index', true],
          ['allow_unicode', false],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.allowUnicode = b.values.get('allow_unicode')!;
    const k = new Map(b.rest.kwargs);
    k.set('max_length', b.values.get('max_length')!);
    k.set('db_index', b.values.get('db_index')!);
    super.init(b.rest.args, k);
  }
  override getInternalType(): string {
    return 'SlugField';
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (d.kwargs.get('max_length') === 50n) d.kwargs.delete('max_length');
    if (this.dbIndex === false) d.kwargs.set('db_index', false);
    else d.kwargs.delete('db_index');
    if (this.allowUnicode !== false) d.kwargs.set('allow_unicode', this.allowUnicode);
    return d;
  }
}

export class BooleanField extends PlainField {
  static override readonly className: string = 'BooleanField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

/**
 * Removed in Django 4.0 except for historical migrations: a BooleanField forced to null=True,
 * blank=True that deconstructs without them (and fails fields.E903 in a models.py).
 */
export class NullBooleanField extends BooleanField {
  static override readonly className: string = 'NullBooleanField';
  static readonly removedDetails = {
    msg: 'NullBooleanField is removed except for support in historical migrations.',
    hint: 'Use BooleanField(null=True, blank=True) instead.',
    id: 'fields.E903',
  };
  override init(args: PyValue[], kwargs: Kwargs): void {
    super.init(args, withValue(withValue(kwargs, 'null', true), 'blank', true));
  }
  override getInternalType(): string {
    return 'BooleanField';
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('null');
    d.kwargs.delete('blank');
    return d;
  }
}

export class IntegerField extends PlainField {
  static override readonly className: string = 'IntegerField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  /** rel_db_type: what a ForeignKey pointing at this field uses. */
  relDbInternalType(): string {
    return this.getInternalType();
  }
}
export class BigIntegerField extends IntegerField {
  static override readonly className: string = 'BigIntegerField';
}
export class SmallIntegerField extends IntegerField {
  static override readonly className: string = 'SmallIntegerField';
}
/** PositiveIntegerRelDbTypeMixin: a FK to a positive field is a plain integer column. */
export class PositiveIntegerField extends IntegerField {
  static override readonly className: string = 'PositiveIntegerField';
  override relDbInternalType(): string {
    return 'IntegerField';
  }
}
export class PositiveBigIntegerField extends IntegerField {
  static override readonly className: string = 'PositiveBigIntegerField';
  override relDbInternalType(): string {
    return 'BigIntegerField';
  }
}
export class PositiveSmallIntegerField extends IntegerField {
  static override readonly className: string = 'PositiveSmallIntegerField';
  override relDbInternalType(): string {
    return 'SmallIntegerField';
  }
}

export class FloatField extends PlainField {
  static override readonly className: string = 'FloatField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

export class DurationField extends PlainField {
  static override readonly className: string = 'DurationField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

export class DecimalField extends Field {
  static override readonly className: string = 'DecimalField';
  maxDigits: PyValue = None;
  decimalPlaces: PyValue = None;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'DecimalField.__init__',
        params: [
          ['verbose_name', None],
          ['name', None],
          ['max_digits', None],
          ['decimal_places', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.maxDigits = b.values.get('max_digits')!;
    this.decimalPlaces = b.values.get('decimal_places')!;
    this.initField([b.values.get('verbose_name')!, b.values.get('name')!], b.rest.kwargs);
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override dbTypeParameters(): Record<string, PyValue> {
    return { ...super.dbTypeParameters(), max_digits: this.maxDigits, decimal_places: this.decimalPlaces };
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (this.maxDigits !== None) d.kwargs.set('max_digits', this.maxDigits);
    if (this.decimalPlaces !== None) d.kwargs.set('decimal_places', this.decimalPlaces);
    return d;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'max_digits') return this.maxDigits;
    if (name === 'decimal_places') return this.decimalPlaces;
    return super.nativeGetAttr(name);
  }
}

/** DateField, DateTimeField and TimeField share `(verbose_name, name, auto_now, auto_now_add, **kwargs)`. */
abstract class DateTimeBase extends Field {
  autoNow: PyValue = false;
  autoNowAdd: PyValue = false;
  init(args: PyValue[], kwargs: Kwargs): void {
    const sigOwner = this instanceof TimeField ? 'TimeField' : 'DateField';
    const b = bindArgs(
      {
        name: `${sigOwner}.__init__`,
        params: [
          ['verbose_name', None],
          ['name', None],
          ['auto_now', false],
          ['auto_now_add', false],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.autoNow = b.values.get('auto_now')!;
    this.autoNowAdd = b.values.get('auto_now_add')!;
    let k = b.rest.kwargs;
    if (truthy(this.autoNow) || truthy(this.autoNowAdd)) {
      k = withValue(withValue(k, 'editable', false), 'blank', true);
    }
    this.initField([b.values.get('verbose_name')!, b.values.get('name')!], k);
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'auto_now') return this.autoNow;
    if (name === 'auto_now_add') return this.autoNowAdd;
    return super.nativeGetAttr(name);
  }
}

export class DateField extends DateTimeBase {
  static override readonly className: string = 'DateField';
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (truthy(this.autoNow)) d.kwargs.set('auto_now', true);
    if (truthy(this.autoNowAdd)) d.kwargs.set('auto_now_add', true);
    if (truthy(this.autoNow) || truthy(this.autoNowAdd)) {
      d.kwargs.delete('editable');
      d.kwargs.delete('blank');
    }
    return d;
  }
}

export class DateTimeField extends DateField {
  static override readonly className: string = 'DateTimeField';
}

export class TimeField extends DateTimeBase {
  static override readonly className: string = 'TimeField';
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (this.autoNow !== false) d.kwargs.set('auto_now', this.autoNow);
    if (this.autoNowAdd !== false) d.kwargs.set('auto_now_add', this.autoNowAdd);
    if (truthy(this.autoNow) || truthy(this.autoNowAdd)) {
      d.kwargs.delete('blank');
      d.kwargs.delete('editable');
    }
    return d;
  }
}

export class BinaryField extends Field {
  static override readonly className: string = 'BinaryField';
  init(args: PyValue[], kwargs: Kwargs): void {
    this.initField(args, withDefault(kwargs, 'editable', false));
  }
  override get emptyStringsAllowed(): boolean {
    return true;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (truthy(this.editable)) d.kwargs.set('editable', true);
    else d.kwargs.delete('editable');
    return d;
  }
}

export class UUIDField extends Field {
  static override readonly className: string = 'UUIDField';
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs({ name: 'UUIDField.__init__', params: [['verbose_name', None]], varkw: true }, args, kwargs);
    this.initField([b.values.get('verbose_name')!], withValue(b.rest.kwargs, 'max_length', 32n));
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('max_length');
    return d;
  }
}

export class GenericIPAddressField extends Field {
  static override readonly className: string = 'GenericIPAddressField';
  protocol: PyValue = 'both';
  unpackIpv4: PyValue = false;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'GenericIPAddressField.__init__',
        params: [
          ['verbose_name', None],
          ['name', None],
          ['protocol', 'both'],
          ['unpack_ipv4', false],
        ],
        varargs: true,
        varkw: true,
      },
      args,
      kwargs,
    );
    this.protocol = b.values.get('protocol')!;
    this.unpackIpv4 = b.values.get('unpack_ipv4')!;
    this.initField(
      [b.values.get('verbose_name')!, b.values.get('name')!, ...b.rest.args],
      withValue(b.rest.kwargs, 'max_length', 39n),
    );
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (this.unpackIpv4 !== false) d.kwargs.set('unpack_ipv4', this.unpackIpv4);
    if (this.protocol !== 'both') d.kwargs.set('protocol', this.protocol);
    if (d.kwargs.get('max_length') === this.maxLengthValue) d.kwargs.delete('max_length');
    return d;
  }
}

export class IPAddressField extends Field {
  static override readonly className: string = 'IPAddressField';
  init(args: PyValue[], kwargs: Kwargs): void {
    this.initField(args, withValue(kwargs, 'max_length', 15n));
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('max_length');
    return d;
  }
}

export class JSONField extends Field {
  static override readonly className: string = 'JSONField';
  encoder: PyValue = None;
  decoder: PyValue = None;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'JSONField.__init__',
        params: [
          ['verbose_name', None],
          ['name', None],
          ['encoder', None],
          ['decoder', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.encoder = b.values.get('encoder')!;
    this.decoder = b.values.get('decoder')!;
    this.initField([b.values.get('verbose_name')!, b.values.get('name')!], b.rest.kwargs);
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (this.encoder !== None) d.kwargs.set('encoder', this.encoder);
    if (this.decoder !== None) d.kwargs.set('decoder', this.decoder);
    return d;
  }
}

export class FileField extends Field {
  static override readonly className: string = 'FileField';
  uploadTo: PyValue = '';
  storage: PyValue = None;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: `${(this.constructor as typeof Field).className}.__init__`,
        params: [
          ['verbose_name', None],
          ['name', None],
          ['upload_to', ''],
          ['storage', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.uploadTo = b.values.get('upload_to')!;
    this.storage = b.values.get('storage')!;
    this.initField([b.values.get('verbose_name')!, b.values.get('name')!], withDefault(b.rest.kwargs, 'max_length', 100n));
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (d.kwargs.get('max_length') === 100n) d.kwargs.delete('max_length');
    d.kwargs.set('upload_to', this.uploadTo);
    if (this.storage !== None) d.kwargs.set('storage', this.storage);
    return d;
  }
}

export class ImageField extends FileField {
  static override readonly className: string = 'ImageField';
  widthField: PyValue = None;
  heightField: PyValue = None;
  override init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'ImageField.__init__',
        params: [
          ['verbose_name', None],
          ['name', None],
          ['width_field', None],
          ['height_field', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.widthField = b.values.get('width_field')!;
    this.heightField = b.values.get('height_field')!;
    super.init([b.values.get('verbose_name')!, b.values.get('name')!], b.rest.kwargs);
  }
  override getInternalType(): string {
    return 'FileField';
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (truthy(this.widthField)) d.kwargs.set('width_field', this.widthField);
    if (truthy(this.heightField)) d.kwargs.set('height_field', this.heightField);
    return d;
  }
}

export class FilePathField extends Field {
  static override readonly className: string = 'FilePathField';
  pathValue: PyValue = '';
  match: PyValue = None;
  recursive: PyValue = false;
  allowFiles: PyValue = true;
  allowFolders: PyValue = false;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'FilePathField.__init__',
        params: [
          ['verbose_name', None],
          ['name', None],
          ['path', ''],
          ['match', None],
          ['recursive', false],
          ['allow_files', true],
          ['allow_folders', false],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.pathValue = b.values.get('path')!;
    this.match = b.values.get('match')!;
    this.recursive = b.values.get('recursive')!;
    this.allowFiles = b.values.get('allow_files')!;
    this.allowFolders = b.values.get('allow_folders')!;
    this.initField([b.values.get('verbose_name')!, b.values.get('name')!], withDefault(b.rest.kwargs, 'max_length', 100n));
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    if (this.pathValue !== '') d.kwargs.set('path', this.pathValue);
    if (this.match !== None) d.kwargs.set('match', this.match);
    if (this.recursive !== false) d.kwargs.set('recursive', this.recursive);
    if (this.allowFiles !== true) d.kwargs.set('allow_files', this.allowFiles);
    if (this.allowFolders !== false) d.kwargs.set('allow_folders', this.allowFolders);
    if (d.kwargs.get('max_length') === 100n) d.kwargs.delete('max_length');
    return d;
  }
}

/** AutoFieldMixin: always blank, always primary_key in deconstruct. */
export class AutoField extends IntegerField {
  static override readonly className: string = 'AutoField';
  override init(args: PyValue[], kwargs: Kwargs): void {
    this.initField(args, withValue(kwargs, 'blank', true));
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('blank');
    d.kwargs.set('primary_key', true);
    return d;
  }
  /** A FK to an AutoField is an integer of the same width (rel_db_type). */
  override relDbInternalType(): string {
    return 'IntegerField';
  }
}
export class BigAutoField extends AutoField {
  static override readonly className: string = 'BigAutoField';
  override relDbInternalType(): string {
    return 'BigIntegerField';
  }
}
export class SmallAutoField extends AutoField {
  static override readonly className: string = 'SmallAutoField';
  override relDbInternalType(): string {
    return 'SmallIntegerField';
  }
}

/** GeneratedField(*, expression, output_field, db_persist=None, **kwargs) */
export class GeneratedField extends Field {
  static override readonly className: string = 'GeneratedField';
  expression: PyValue = None;
  outputField: Field | null = null;
  dbPersist: PyValue = None;
  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'GeneratedField.__init__',
        kwonly: [
          ['expression', REQUIRED],
          ['output_field', REQUIRED],
          ['db_persist', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.expression = b.values.get('expression')!;
    const of = b.values.get('output_field')!;
    this.outputField = of instanceof Field ? of : null;
    this.dbPersist = b.values.get('db_persist')!;
    const k = new Map(b.rest.kwargs);
    k.set('editable', false);
    k.set('blank', true);
    this.initField([], k);
  }
  override get generated(): boolean {
    return true;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('blank');
    d.kwargs.delete('editable');
    d.kwargs.set('db_persist', this.dbPersist);
    d.kwargs.set('expression', this.expression);
    if (this.outputField) d.kwargs.set('output_field', this.outputField);
    return d;
  }
}

export { NOT_PROVIDED };
