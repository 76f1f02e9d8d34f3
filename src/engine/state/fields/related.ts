/**
 * Relational fields (ForeignKey, OneToOneField, ManyToManyField) and their `remote_field`
 * objects (ManyToOneRel, OneToOneRel, ManyToManyRel).
 *
 * `to` is whatever the learner wrote: a model class, `'Model'`, `'app.Model'` or `'self'`. The
 * project state resolves it to a lower-cased label (`'shop.category'`) when it builds ModelStates;
 * rendering resolves it further to a ModelMeta.
 */
import {
  type Kwargs,
  PyClass,
  PyObject,
  type PyValue,
  None,
  TypeError,
  ValueError,
  objectClass,
  pyError,
  repr,
  truthy,
  typeOf,
} from '../../python/objects.ts';
import { REQUIRED, bindArgs } from '../../python/signature.ts';
import type { ModelMeta } from '../meta.ts';
import { Field, type FieldDeconstruction } from './field.ts';

/** What a model class created from models.py exposes to relation fields (stored in `cls.native.modelInfo`). */
export interface ModelClassInfo {
  appLabel: string;
  objectName: string;
  /** Name of the primary key field, when known. */
  pkName(): string | null;
}

export function modelInfoOf(v: PyValue): ModelClassInfo | undefined {
  return v instanceof PyClass ? (v.native['modelInfo'] as ModelClassInfo | undefined) : undefined;
}

export const RECURSIVE_RELATIONSHIP_CONSTANT = 'self';

/**
 * Which setting a relation target is swappable by (`'auth.user'` → `'AUTH_USER_MODEL'`), as
 * Django's `apps.get_swappable_settings_name` answers from the project's registry. The loaded
 * project installs its resolver; deconstruct() consults it like Django consults its global apps.
 */
export const swappable = {
  settingFor: (_labelLower: string): string | null => null,
};

/** A settings reference in a deconstructed field: serialised as `settings.AUTH_USER_MODEL`. */
export class SettingsReference extends PyObject {
  constructor(
    readonly value: string,
    readonly settingName: string,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return settingsReferenceClass;
  }
  override nativeRepr(): string {
    return repr(this.value);
  }
  override nativeStr(): string {
    return this.value;
  }
  override nativeEq(other: PyValue): boolean {
    return other === this.value || (other instanceof SettingsReference && other.value === this.value);
  }
  override nativeHashKey(): string {
    return 's:' + this.value;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'setting_name') return this.settingName;
    return undefined;
  }
}
const settingsReferenceClass = new PyClass('SettingsReference', { module: 'django.conf', bases: [objectClass] });

/** The `to` of a relation as a lower-cased label string, if it can be worked out without a registry. */
export function relationTargetString(model: PyValue): string | PyValue {
  if (typeof model === 'string') {
    if (model.includes('.')) {
      const [app, name] = model.split('.', 2) as [string, string];
      return `${app}.${name.toLowerCase()}`;
    }
    return model.toLowerCase();
  }
  if (model instanceof SettingsReference) return model;
  const info = modelInfoOf(model);
  if (info) return `${info.appLabel}.${info.objectName.toLowerCase()}`;
  return model;
}

/** The deconstructed `to`: a label, wrapped in a SettingsReference when the target is swappable. */
function swappableTarget(model: PyValue, isSwappable: PyValue): PyValue {
  const target = relationTargetString(model);
  if (typeof target !== 'string' || !truthy(isSwappable)) return target;
  const setting = swappable.settingFor(target);
  return setting ? new SettingsReference(target, setting) : target;
}

export abstract class ForeignObjectRel extends PyObject {
  /** Resolved target when rendered. */
  remoteModel: ModelMeta | null = null;
  /** related_name / related_query_name as written (before `%(class)s` interpolation): what deconstruct() keeps. */
  readonly originalRelatedName: PyValue;
  readonly originalRelatedQueryName: PyValue;
  constructor(
    readonly field: Field,
    /** What `to` was given as (class, string or SettingsReference); rewritten to a label by the project state. */
    public model: PyValue,
    public relatedName: PyValue,
    public relatedQueryName: PyValue,
    public limitChoicesTo: PyValue,
    public parentLink: PyValue,
    public onDelete: PyValue,
  ) {
    super();
    this.originalRelatedName = relatedName;
    this.originalRelatedQueryName = relatedQueryName;
  }
  get pyClass(): PyClass {
    return relClass;
  }

  /** This relation as a freshly constructed field `field` would have it (unresolved, un-interpolated). */
  copyFor(field: Field): this {
    const c = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(c, this);
    (c as { field: Field }).field = field;
    c.remoteModel = null;
    c.relatedName = this.originalRelatedName;
    c.relatedQueryName = this.originalRelatedQueryName;
    return c;
  }

  get multiple(): boolean {
    return true;
  }
  /** `<ManyToOneRel: shop.book>`: the relation's kind and the model holding the field. */
  override nativeRepr(): string {
    const kind = this instanceof ManyToManyRel ? 'ManyToManyRel' : this instanceof OneToOneRel ? 'OneToOneRel' : this instanceof ManyToOneRel ? 'ManyToOneRel' : 'ForeignObjectRel';
    const owner = this.field.model;
    return owner ? `<${kind}: ${owner.appLabel}.${owner.modelName}>` : `<${kind}>`;
  }
  /** Whether related_name ends with '+' (no reverse accessor). */
  isHidden(): boolean {
    return typeof this.relatedName === 'string' && this.relatedName.endsWith('+');
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'model':
        return this.model;
      case 'related_name':
        return this.relatedName;
      case 'related_query_name':
        return this.relatedQueryName;
      case 'on_delete':
        return this.onDelete;
      case 'parent_link':
        return this.parentLink;
      case 'field':
        return this.field;
    }
    return relAttrHook.get(this, name);
  }
}

/** More attributes of reverse relations (`name`, `related_model`, …), answered by the ORM layer. */
export const relAttrHook = {
  get: (_rel: ForeignObjectRel, _name: string): PyValue | undefined => undefined,
};
const relClass = new PyClass('ForeignObjectRel', { module: 'django.db.models.fields.reverse_related', bases: [objectClass] });

export class ManyToOneRel extends ForeignObjectRel {
  /** to_field (the target field name); null until known. */
  fieldName: string | null = null;
}

export class OneToOneRel extends ManyToOneRel {
  override get multiple(): boolean {
    return false;
  }
}

export class ManyToManyRel extends ForeignObjectRel {
  through: PyValue = None;
  throughFields: PyValue = None;
  symmetrical: PyValue = false;
  dbConstraint: PyValue = true;
  /** Resolved through model when rendered. */
  throughModel: ModelMeta | null = null;

  override copyFor(field: Field): this {
    const c = super.copyFor(field);
    c.throughModel = null;
    return c;
  }
}

function checkTo(className: string, to: PyValue, what: string): void {
  if (typeof to === 'string' || to instanceof SettingsReference || modelInfoOf(to)) return;
  throw pyError(
    TypeError,
    `${className}(${repr(to)}) is invalid. First parameter to ${what} must be either a model, a model name, or the string 'self'`,
  );
}

function isCallable(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  return v instanceof PyClass || v.nativeCall !== undefined || typeOf(v).lookup('__call__') !== undefined;
}

/** RelatedField's own deconstruct additions. */
function relatedDeconstruct(d: FieldDeconstruction, rel: ForeignObjectRel): void {
  if (truthy(rel.limitChoicesTo)) d.kwargs.set('limit_choices_to', rel.limitChoicesTo);
  if (rel.originalRelatedName !== None) d.kwargs.set('related_name', rel.originalRelatedName);
  if (rel.originalRelatedQueryName !== None) d.kwargs.set('related_query_name', rel.originalRelatedQueryName);
}

export class ForeignKey extends Field {
  static override readonly className: string = 'ForeignKey';
  declare remoteField: ManyToOneRel;
  dbConstraint: PyValue = true;
  swappable: PyValue = true;
  /** ForeignObject.to_fields[0]: the to_field at construction (null: the target's primary key). */
  toFieldsValue: string | null = null;

  protected makeRel(to: PyValue, kw: Map<string, PyValue>, onDelete: PyValue): ManyToOneRel {
    return new ManyToOneRel(this, to, kw.get('related_name')!, kw.get('related_query_name')!, kw.get('limit_choices_to')!, kw.get('parent_link')!, onDelete);
  }

  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: `${this.initOwner()}.__init__`,
        params: [
          ['to', REQUIRED],
          ['on_delete', REQUIRED],
          ['related_name', None],
          ['related_query_name', None],
          ['limit_choices_to', None],
          ['parent_link', false],
          ['to_field', None],
          ['db_constraint', true],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    this.initForeignKey(b.values, b.rest.kwargs);
  }

  protected initOwner(): string {
    return 'ForeignKey';
  }

  protected initForeignKey(v: Map<string, PyValue>, rest: Kwargs): void {
    const to = v.get('to')!;
    checkTo(this.cls.name, to, 'ForeignKey');
    let toField = v.get('to_field')!;
    const info = modelInfoOf(to);
    if (info && !truthy(toField)) toField = info.pkName() ?? None;
    const onDelete = v.get('on_delete')!;
    if (!isCallable(onDelete)) throw pyError(TypeError, 'on_delete must be callable.');
    const rel = this.makeRel(to, v, onDelete);
    rel.fieldName = typeof toField === 'string' ? toField : null;
    this.toFieldsValue = rel.fieldName;
    const k = new Map(rest);
    k.set('rel', rel);
    if (!k.has('db_index')) k.set('db_index', true);
    // ForeignObject.__init__(to, on_delete, from_fields, to_fields, rel, related_name, …, swappable=True, **kwargs)
    this.swappable = k.has('swappable') ? k.get('swappable')! : true;
    k.delete('swappable');
    this.initField([], k);
    this.dbConstraint = v.get('db_constraint')!;
  }

  override get manyToOne(): boolean {
    return true;
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override getAttname(): string {
    return `${this.name}_id`;
  }
  get toFieldName(): string | null {
    return this.remoteField.fieldName;
  }

  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    const rel = this.remoteField;
    relatedDeconstruct(d, rel);
    // ForeignObject
    d.kwargs.set('on_delete', rel.onDelete);
    if (truthy(rel.parentLink)) d.kwargs.set('parent_link', rel.parentLink);
    d.kwargs.set('to', swappableTarget(rel.model, this.swappable));
    // ForeignKey
    if (truthy(this.dbIndex)) d.kwargs.delete('db_index');
    else d.kwargs.set('db_index', false);
    if (this.dbConstraint !== true) d.kwargs.set('db_constraint', this.dbConstraint);
    const toField = this.deconstructedToField();
    if (toField !== null) d.kwargs.set('to_field', toField);
    return d;
  }

  /** The to_field deconstruct() reports: set, and not simply the target's primary key. */
  deconstructedToField(): string | null {
    const rel = this.remoteField;
    const info = modelInfoOf(rel.model);
    const targetPk = rel.remoteModel ? rel.remoteModel.pk?.name ?? null : info ? info.pkName() : null;
    const knowsTarget = rel.remoteModel !== null || info !== undefined;
    if (rel.fieldName && (!knowsTarget || (targetPk !== null && rel.fieldName !== targetPk))) return rel.fieldName;
    return null;
  }

  protected override afterClone(original: Field): void {
    const rel = (original as ForeignKey).remoteField.copyFor(this);
    // A clone is built with to_field=<deconstructed to_field>: None when it is the primary key.
    rel.fieldName = (original as ForeignKey).deconstructedToField();
    this.remoteField = rel;
    this.toFieldsValue = rel.fieldName;
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'remote_field') return this.remoteField;
    if (name === 'related_model') return this.remoteField.remoteModel?.pyModel ?? this.remoteField.model;
    if (name === 'db_constraint') return this.dbConstraint;
    return super.nativeGetAttr(name);
  }
}

export class OneToOneField extends ForeignKey {
  static override readonly className: string = 'OneToOneField';
  declare remoteField: OneToOneRel;

  protected override makeRel(to: PyValue, kw: Map<string, PyValue>, onDelete: PyValue): ManyToOneRel {
    return new OneToOneRel(this, to, kw.get('related_name') ?? None, kw.get('related_query_name') ?? None, kw.get('limit_choices_to') ?? None, kw.get('parent_link') ?? false, onDelete);
  }

  override init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'OneToOneField.__init__',
        params: [
          ['to', REQUIRED],
          ['on_delete', REQUIRED],
          ['to_field', None],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    const rest = new Map(b.rest.kwargs);
    rest.set('unique', true);
    // then ForeignKey.__init__(to, on_delete, to_field=to_field, **kwargs)
    const fk = bindArgs(
      {
        name: 'ForeignKey.__init__',
        params: [
          ['to', REQUIRED],
          ['on_delete', REQUIRED],
          ['related_name', None],
          ['related_query_name', None],
          ['limit_choices_to', None],
          ['parent_link', false],
          ['to_field', None],
          ['db_constraint', true],
        ],
        varkw: true,
      },
      [b.values.get('to')!, b.values.get('on_delete')!],
      new Map([['to_field', b.values.get('to_field')!], ...rest]),
    );
    this.initForeignKey(fk.values, fk.rest.kwargs);
  }

  override get manyToOne(): boolean {
    return false;
  }
  override get oneToOne(): boolean {
    return true;
  }
  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    d.kwargs.delete('unique');
    return d;
  }
}

export class ManyToManyField extends Field {
  static override readonly className: string = 'ManyToManyField';
  declare remoteField: ManyToManyRel;
  dbTable: PyValue = None;
  swappable: PyValue = true;
  hasNullArg = false;

  init(args: PyValue[], kwargs: Kwargs): void {
    const b = bindArgs(
      {
        name: 'ManyToManyField.__init__',
        params: [
          ['to', REQUIRED],
          ['related_name', None],
          ['related_query_name', None],
          ['limit_choices_to', None],
          ['symmetrical', None],
          ['through', None],
          ['through_fields', None],
          ['db_constraint', true],
          ['db_table', None],
          ['swappable', true],
        ],
        varkw: true,
      },
      args,
      kwargs,
    );
    const v = b.values;
    const to = v.get('to')!;
    checkTo(this.cls.name, to, 'ManyToManyField');
    let symmetrical = v.get('symmetrical')!;
    if (symmetrical === None) symmetrical = to === RECURSIVE_RELATIONSHIP_CONSTANT;
    if (v.get('through') !== None && v.get('db_table') !== None) {
      throw pyError(ValueError, 'Cannot specify a db_table if an intermediary model is used.');
    }
    const rel = new ManyToManyRel(this, to, v.get('related_name')!, v.get('related_query_name')!, v.get('limit_choices_to')!, false, None);
    rel.symmetrical = symmetrical;
    rel.through = v.get('through')!;
    rel.throughFields = v.get('through_fields')!;
    rel.dbConstraint = v.get('db_constraint')!;
    this.hasNullArg = b.rest.kwargs.has('null');
    const k = new Map(b.rest.kwargs);
    k.set('rel', rel);
    this.initField([], k);
    this.dbTable = v.get('db_table')!;
    this.swappable = v.get('swappable')!;
  }

  override get manyToMany(): boolean {
    return true;
  }
  override get hasColumn(): boolean {
    return false;
  }
  override getAttname(): string {
    return this.name!;
  }
  override setAttributesFromName(name: string): void {
    super.setAttributesFromName(name);
    this.column = null;
    this.concrete = false;
  }

  override deconstruct(): FieldDeconstruction {
    const d = super.deconstruct();
    const rel = this.remoteField;
    relatedDeconstruct(d, rel);
    if (this.dbTable !== None) d.kwargs.set('db_table', this.dbTable);
    if (rel.dbConstraint !== true) d.kwargs.set('db_constraint', rel.dbConstraint);
    d.kwargs.set('to', swappableTarget(rel.model, this.swappable));
    const through = rel.through;
    if (through !== None) {
      if (typeof through === 'string') d.kwargs.set('through', through);
      else {
        const info = modelInfoOf(through);
        if (info) d.kwargs.set('through', `${info.appLabel}.${info.objectName}`);
        else if (rel.throughModel && !rel.throughModel.autoCreated) d.kwargs.set('through', rel.throughModel.label);
      }
    } else if (rel.throughModel && !rel.throughModel.autoCreated) {
      d.kwargs.set('through', rel.throughModel.label);
    }
    if (truthy(rel.throughFields)) d.kwargs.set('through_fields', rel.throughFields);
    return d;
  }

  protected override afterClone(original: Field): void {
    const rel = (original as ManyToManyField).remoteField.copyFor(this);
    // The clone's `to` is the deconstructed label, so symmetrical is recomputed from it like
    // ManyToManyField(to=…, symmetrical=None) does.
    rel.symmetrical = relationTargetString(rel.model) === RECURSIVE_RELATIONSHIP_CONSTANT;
    this.remoteField = rel;
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'remote_field') return this.remoteField;
    if (name === 'db_table') return this.dbTable;
    return super.nativeGetAttr(name);
  }
}
