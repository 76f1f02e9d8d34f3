/**
 * Model constraints: CheckConstraint and UniqueConstraint (Meta.constraints, AddConstraint).
 */
import { type Kwargs, type PyClass, PyDict, PyTuple, type PyValue, NativeFunction, None, TypeError, ValueError, call, getattr, pyError, str, toArray, truthy } from '../python/objects.ts';
import { enumClass, makeEnumModule } from '../python/stdlib/enum.ts';
import { REQUIRED, bindArgs } from '../python/signature.ts';
import { type Deconstruction, DeconstructibleObject, F, Q, nativeClass } from './expressions.ts';

let deferrable: PyClass | undefined;
/** `django.db.models.Deferrable`: an Enum (DEFERRED, IMMEDIATE) whose repr is `Deferrable.DEFERRED`. */
export function deferrableClass(): PyClass {
  if (deferrable) return deferrable;
  makeEnumModule(); // installs the Enum machinery
  const members = new PyDict([
    ['DEFERRED', 'deferred'],
    ['IMMEDIATE', 'immediate'],
  ]);
  deferrable = call(enumClass, ['Deferrable', members], new Map([['module', 'django.db.models.constraints']])) as PyClass;
  deferrable.dict.set(
    '__repr__',
    new NativeFunction('__repr__', (a) => `${deferrable!.qualname}.${str(getattr(a[0]!, 'name'))}`, { qualname: 'Deferrable.__repr__', module: 'django.db.models.constraints' }),
  );
  return deferrable;
}

export const DEFAULT_VIOLATION_ERROR_MESSAGE = 'Constraint “%(name)s” is violated.';

export abstract class Constraint extends DeconstructibleObject {
  name = '';
  violationErrorCode: PyValue = None;
  violationErrorMessage: PyValue = None;

  protected baseDeconstruct(): Deconstruction {
    const kwargs: Kwargs = new Map([['name', this.name]]);
    if (this.violationErrorMessage !== None && this.violationErrorMessage !== DEFAULT_VIOLATION_ERROR_MESSAGE) {
      kwargs.set('violation_error_message', this.violationErrorMessage);
    }
    if (this.violationErrorCode !== None) kwargs.set('violation_error_code', this.violationErrorCode);
    return { path: this.path.replace('django.db.models.constraints', 'django.db.models'), args: [], kwargs };
  }
  abstract clone(): Constraint;
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'name') return this.name;
    return undefined;
  }
}

export class CheckConstraint extends Constraint {
  condition: PyValue;
  constructor(cls: PyClass, args: PyValue[], kwargs: Kwargs) {
    super(cls, args, kwargs);
    const b = bindArgs(
      {
        name: 'CheckConstraint.__init__',
        kwonly: [
          ['name', REQUIRED],
          ['condition', None],
          ['check', None],
          ['violation_error_code', None],
          ['violation_error_message', None],
        ],
      },
      args,
      kwargs,
    );
    const v = b.values;
    let condition = v.get('condition')!;
    const check = v.get('check')!;
    if (check !== None) condition = check; // deprecated alias (RemovedInDjango60Warning)
    if (condition === None) throw pyError(TypeError, "CheckConstraint.__init__() missing 1 required keyword-only argument: 'condition'");
    if (!(condition instanceof Q) && !(condition instanceof DeconstructibleObject)) {
      throw pyError(TypeError, 'CheckConstraint.condition must be a Q instance or boolean expression.');
    }
    this.condition = condition;
    const name = v.get('name')!;
    this.name = typeof name === 'string' ? name : '';
    this.violationErrorCode = v.get('violation_error_code')!;
    this.violationErrorMessage = v.get('violation_error_message')!;
  }
  override deconstruct(): Deconstruction {
    const d = this.baseDeconstruct();
    d.kwargs.set('condition', this.condition);
    return d;
  }
  clone(): CheckConstraint {
    const d = this.deconstruct();
    return new CheckConstraint(this.cls, d.args, d.kwargs);
  }
  override nativeRepr(): string {
    return `<CheckConstraint: condition=${String((this.condition as Q).nativeRepr?.() ?? '')} name='${this.name}'>`;
  }
}

export class UniqueConstraint extends Constraint {
  fields: string[];
  expressions: PyValue[];
  condition: Q | null;
  deferrable: PyValue;
  include: PyValue[];
  opclasses: PyValue[];
  /** `opclasses` as given (list or tuple): deconstruct hands it back unchanged, like Django. */
  opclassesArg: PyValue = new PyTuple([]);
  nullsDistinct: PyValue;
  constructor(cls: PyClass, args: PyValue[], kwargs: Kwargs) {
    super(cls, args, kwargs);
    const b = bindArgs(
      {
        name: 'UniqueConstraint.__init__',
        varargs: true,
        kwonly: [
          ['fields', new PyTuple([])],
          ['name', None],
          ['condition', None],
          ['deferrable', None],
          ['include', None],
          ['opclasses', new PyTuple([])],
          ['nulls_distinct', None],
          ['violation_error_code', None],
          ['violation_error_message', None],
        ],
      },
      args,
      kwargs,
    );
    const v = b.values;
    const name = v.get('name')!;
    if (!truthy(name)) throw pyError(ValueError, 'A unique constraint must be named.');
    const expressions = b.rest.args;
    const fields = v.get('fields')!;
    const condition = v.get('condition')!;
    if (expressions.length === 0 && !truthy(fields)) {
      throw pyError(ValueError, 'At least one field or expression is required to define a unique constraint.');
    }
    if (expressions.length && truthy(fields)) {
      throw pyError(ValueError, 'UniqueConstraint.fields and expressions are mutually exclusive.');
    }
    if (condition !== None && !(condition instanceof Q)) throw pyError(ValueError, 'UniqueConstraint.condition must be a Q instance.');
    this.name = name as string;
    this.fields = toArray(fields).map((f) => f as string);
    this.expressions = expressions.map((e) => (typeof e === 'string' ? new F(e) : e));
    this.condition = condition instanceof Q ? condition : null;
    this.deferrable = v.get('deferrable')!;
    const include = v.get('include')!;
    this.include = include === None ? [] : toArray(include);
    this.opclassesArg = v.get('opclasses')!;
    this.opclasses = toArray(this.opclassesArg);
    this.nullsDistinct = v.get('nulls_distinct')!;
    this.violationErrorCode = v.get('violation_error_code')!;
    this.violationErrorMessage = v.get('violation_error_message')!;
  }
  override deconstruct(): Deconstruction {
    const d = this.baseDeconstruct();
    if (this.fields.length) d.kwargs.set('fields', new PyTuple(this.fields));
    if (this.condition && truthy(this.condition)) d.kwargs.set('condition', this.condition);
    if (truthy(this.deferrable)) d.kwargs.set('deferrable', this.deferrable);
    if (this.include.length) d.kwargs.set('include', new PyTuple(this.include));
    if (this.opclasses.length) d.kwargs.set('opclasses', this.opclassesArg);
    if (this.nullsDistinct !== None) d.kwargs.set('nulls_distinct', this.nullsDistinct);
    d.args = [...this.expressions];
    return d;
  }
  clone(): UniqueConstraint {
    const d = this.deconstruct();
    return new UniqueConstraint(this.cls, d.args, d.kwargs);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'fields') return new PyTuple(this.fields);
    return super.nativeGetAttr(name);
  }
  override nativeRepr(): string {
    const parts: string[] = [];
    if (this.fields.length) parts.push(`fields=(${this.fields.map((f) => `'${f}'`).join(', ')}${this.fields.length === 1 ? ',' : ''})`);
    parts.push(`name='${this.name}'`);
    return `<UniqueConstraint: ${parts.join(' ')}>`;
  }
}

export const CheckConstraintClass: PyClass = nativeClass(
  'CheckConstraint',
  'django.db.models.constraints',
  (cls, args, kwargs) => new CheckConstraint(cls, args, kwargs),
);
export const UniqueConstraintClass: PyClass = nativeClass(
  'UniqueConstraint',
  'django.db.models.constraints',
  (cls, args, kwargs) => new UniqueConstraint(cls, args, kwargs),
);

