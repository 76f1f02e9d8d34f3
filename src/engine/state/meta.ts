/**
 * ModelMeta: a model rendered into a registry — Django's `Model._meta` (Options). It is what the
 * schema editor, the ORM and the system checks look at: table name, fields bound to the model
 * with their columns, resolved relations, indexes and constraints.
 *
 * ModelMetas are built by `buildModel` (model-builder.ts) both for the learner's models.py
 * classes and for historical states rendered from migrations.
 */
import { KeyError, type PyClass, PyException, type PyValue, None, newException, pyError, truthy } from '../python/objects.ts';
import type { Apps } from './apps.ts';
import { FieldDoesNotExist } from '../django/exceptions.ts';
import type { Field } from './fields/field.ts';
import type { ForeignObjectRel } from './fields/related.ts';
import type { Constraint } from './constraints.ts';
import type { Index } from './indexes.ts';

export class ModelMeta {
  /** The registry this model lives in. */
  apps!: Apps;
  appLabel: string;
  objectName: string;
  dbTable = '';
  dbTableComment: PyValue = None;
  dbTablespace: PyValue = '';
  managed = true;
  proxy = false;
  abstract = false;
  /** For auto-created M2M through models: the model owning the ManyToManyField. */
  autoCreated: ModelMeta | false = false;
  /** Concrete local fields (with a column), in creation order. */
  localFields: Field[] = [];
  localManyToMany: Field[] = [];
  /** Multi-table inheritance parents and the parent link field to each. */
  parents = new Map<ModelMeta, Field | null>();
  pk: Field | null = null;
  uniqueTogether: string[][] = [];
  indexes: Index[] = [];
  constraints: Constraint[] = [];
  ordering: PyValue = None;
  orderWithRespectTo: PyValue = None;
  /** The `_order` field Options._prepare adds for order_with_respect_to (Django's OrderWrt). */
  orderWrtField: Field | null = null;
  defaultRelatedName: PyValue = None;
  swappable: PyValue = None;
  verboseName: PyValue = None;
  verboseNamePlural: PyValue = None;
  /** The Meta options as written (Django's `original_attrs`), minus app_label/apps. */
  originalAttrs = new Map<string, PyValue>();
  /** The concrete model a proxy stands for (itself otherwise). */
  proxyFor: ModelMeta | null = null;
  /** Python-visible model class, when one exists (models.py classes; historical models for RunPython). */
  pyModel?: PyClass;
  /** The module the class was defined in (`shop.models`, `__fake__` for historical models). */
  module = '';

  constructor(appLabel: string, objectName: string) {
    this.appLabel = appLabel;
    this.objectName = objectName;
  }

  get modelName(): string {
    return this.objectName.toLowerCase();
  }
  get label(): string {
    return `${this.appLabel}.${this.objectName}`;
  }
  get labelLower(): string {
    return `${this.appLabel}.${this.modelName}`;
  }
  get concreteModel(): ModelMeta {
    return this.proxyFor ?? this;
  }

  /** Inherited (MTI parents') fields first, then local fields; then many-to-many fields. */
  get fields(): Field[] {
    const out: Field[] = [];
    const seen = new Set<Field>();
    for (const parent of this.parents.keys()) {
      for (const f of parent.fields) {
        if (!seen.has(f) && !f.manyToMany) {
          seen.add(f);
          out.push(f);
        }
      }
    }
    for (const f of this.localFields) if (!seen.has(f)) out.push(f);
    return out;
  }

  /** Concrete fields of this model and its MTI parents. */
  get concreteFields(): Field[] {
    return this.fields.filter((f) => f.concrete);
  }

  get manyToMany(): Field[] {
    const out: Field[] = [];
    for (const parent of this.parents.keys()) out.push(...parent.manyToMany);
    out.push(...this.localManyToMany);
    return out;
  }

  /** Every forward field (concrete and many-to-many), like `_meta.get_fields(include_hidden=False)` without reverse ones. */
  get forwardFields(): Field[] {
    return [...this.fields, ...this.manyToMany];
  }

  /** Reverse relations: ForeignKeys/OneToOnes/M2Ms of other models (or this one) that point here. */
  get relatedObjects(): ForeignObjectRel[] {
    return this.apps.relatedObjectsOf(this);
  }

  /** Looks a field up by name (or attname for concrete fields), like `_meta.get_field`. */
  getField(name: string): Field {
    const f = this.findField(name);
    if (!f) {
      // raised while handling the KeyError of `self.fields_map[field_name]`
      const err = pyError(FieldDoesNotExist, `${this.objectName} has no field named '${name}'`);
      err.context = new PyException(newException(KeyError, name));
      err.context.traceback = [{ file: 'django/db/models/options.py', line: 683, name: 'get_field', source: 'return self.fields_map[field_name]' }];
      throw err;
    }
    return f;
  }

  findField(name: string): Field | undefined {
    for (const f of this.forwardFields) if (f.name === name) return f;
    for (const f of this.fields) if (f.attname === name) return f;
    return undefined;
  }

  isManaged(): boolean {
    return this.managed && !this.proxy;
  }

  /** Whether `truthy` option value is set in Meta (helper for checks). */
  hasOption(name: string): boolean {
    return this.originalAttrs.has(name) && truthy(this.originalAttrs.get(name)!);
  }

  toString(): string {
    return this.label;
  }
}
