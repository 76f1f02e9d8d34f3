/**
 * django.utils.choices.CallableChoiceIterator: `choices=<callable>` (Django 5.0+) is kept as the
 * callable and evaluated each time the choices are iterated; migrations write the callable itself.
 */
import { PyClass, PyObject, type PyValue, call, iterate, objectClass, typeOf } from '../../python/objects.ts';

export const CallableChoiceIteratorClass = new PyClass('CallableChoiceIterator', { module: 'django.utils.choices', bases: [objectClass] });

export class CallableChoiceIterator extends PyObject {
  constructor(
    readonly func: PyValue,
    /** normalize_choices, applied to what the callable returns. */
    private readonly normalize: (v: PyValue) => PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return CallableChoiceIteratorClass;
  }
  override nativeIter(): Iterator<PyValue> {
    return iterate(this.normalize(call(this.func)));
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    return name === 'func' ? this.func : undefined;
  }
}

/** Python's callable(v). */
export function isCallableValue(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  if (v instanceof PyClass || v.nativeCall !== undefined) return true;
  return typeOf(v).lookup('__call__') !== undefined;
}

/** Whether iter(v) would work (collections.abc.Iterable, roughly). */
export function isIterableValue(v: PyValue): boolean {
  if (typeof v === 'string') return true;
  if (!(v instanceof PyObject)) return false;
  if (v instanceof PyClass) return typeOf(v).lookup('__iter__') !== undefined;
  return v.nativeIter !== undefined || typeOf(v).lookup('__iter__') !== undefined;
}
