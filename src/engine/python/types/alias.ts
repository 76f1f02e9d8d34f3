/**
 * `list[int]`, `dict[str, int]`…: the generic alias objects annotations evaluate to.
 */
import { type Kwargs, PyClass, PyObject, PyTuple, type PyValue, call, repr } from '../objects.ts';

export const genericAliasClass = new PyClass('GenericAlias', { module: 'types' });

export class GenericAlias extends PyObject {
  readonly args: readonly PyValue[];
  constructor(
    readonly origin: PyValue,
    args: PyValue,
  ) {
    super();
    this.args = args instanceof PyTuple ? args.items : [args];
  }
  get pyClass(): PyClass {
    return genericAliasClass;
  }
  override nativeRepr(): string {
    const name = (v: PyValue): string => (v instanceof PyClass ? (v.module === 'builtins' ? v.qualname : `${v.module}.${v.qualname}`) : repr(v));
    return `${name(this.origin)}[${this.args.map(name).join(', ')}]`;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    return call(this.origin, args, kwargs);
  }
  override nativeGetItem(key: PyValue): PyValue {
    return new GenericAlias(this.origin, key);
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__origin__') return this.origin;
    if (name === '__args__') return new PyTuple(this.args);
    return undefined;
  }
  override nativeHashKey(): string {
    return 'alias:' + this.nativeRepr();
  }
  override nativeEq(other: PyValue): boolean {
    return other instanceof GenericAlias && other.nativeRepr() === this.nativeRepr();
  }
}
