/**
 * Class machinery shared by the `class` statement and `type(name, bases, ns)`: creating a class
 * with `type` semantics (`__set_name__`, `__init_subclass__`, implicit classmethod/staticmethod
 * wrapping), `super` objects, and small helpers for native functions' arguments.
 */
import {
  AttributeError,
  type Kwargs,
  NO_KWARGS,
  NativeFunction,
  None,
  PyClass,
  PyClassMethod,
  PyObject,
  PyProperty,
  PyStaticMethod,
  type PyValue,
  TypeError,
  RuntimeError,
  addressOf,
  bindAttribute,
  call,
  objectClass,
  pyError,
  repr,
  typeClass,
  typeOf,
  functionClass,
} from './objects.ts';

function isPythonFunction(v: PyValue): boolean {
  return v instanceof PyObject && v.pyClass === functionClass;
}

/** type.__new__(meta, name, bases, ns) followed by __set_name__ and __init_subclass__. */
export function createClass(name: string, bases: PyClass[], ns: Map<string, PyValue>, meta: PyClass, kwargs: Kwargs = NO_KWARGS): PyClass {
  const qn = ns.get('__qualname__');
  const dict = new Map(ns);
  dict.delete('__qualname__');
  dict.delete('__classcell__');
  for (const special of ['__init_subclass__', '__class_getitem__']) {
    const v = dict.get(special);
    if (v !== undefined && isPythonFunction(v)) dict.set(special, new PyClassMethod(v));
  }
  const nw = dict.get('__new__');
  if (nw !== undefined && isPythonFunction(nw)) dict.set('__new__', new PyStaticMethod(nw));
  // a class defining __eq__ without __hash__ is unhashable
  if (dict.has('__eq__') && !dict.has('__hash__')) dict.set('__hash__', None);
  const mod = ns.get('__module__');
  const cls = new PyClass(name, {
    bases: bases.length ? bases : [objectClass],
    module: typeof mod === 'string' ? mod : 'builtins',
    qualname: typeof qn === 'string' ? qn : name,
    dict,
    metaclass: meta === typeClass ? undefined : meta,
  });
  for (const [k, v] of dict) {
    if (!(v instanceof PyObject) || v instanceof PyClass) continue;
    const sn = typeOf(v).lookup('__set_name__');
    if (sn !== undefined) call(sn, [v, cls, k]);
  }
  for (const c of cls.mro.slice(1)) {
    const init = c.dict.get('__init_subclass__');
    if (init === undefined) continue;
    if (init instanceof PyClassMethod) call(init.func, [cls], kwargs);
    else if (isPythonFunction(init)) call(init, [cls], kwargs);
    else if (init instanceof NativeFunction) init.impl([cls], kwargs);
    return cls;
  }
  if (kwargs.size > 0) throw pyError(TypeError, `${cls.qualname}.__init_subclass__() takes no keyword arguments`);
  return cls;
}

// ---------------------------------------------------------------------------------------------
// super
// ---------------------------------------------------------------------------------------------

export const superClass: PyClass = new PyClass('super', {
  nativeNew: (_cls, args) => {
    if (args.length === 0) throw pyError(RuntimeError, 'super(): no arguments');
    const t = args[0]!;
    if (!(t instanceof PyClass)) throw pyError(TypeError, `super() argument 1 must be a type, not ${typeOf(t).name}`);
    if (args.length === 1) return new PySuper(t, None);
    const obj = args[1]!;
    const ok = obj instanceof PyClass ? obj.isSubclassOf(t) : typeOf(obj).isSubclassOf(t);
    if (!ok) throw pyError(TypeError, 'super(type, obj): obj must be an instance or subtype of type');
    return new PySuper(t, obj);
  },
});

/** A `super(cls, obj)` proxy: attribute lookup starts after `cls` in the MRO of obj's type. */
export class PySuper extends PyObject {
  constructor(
    readonly thisClass: PyClass,
    readonly obj: PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return superClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__thisclass__') return this.thisClass;
    if (name === '__self__') return this.obj;
    const objIsClass = this.obj instanceof PyClass;
    const startType = objIsClass ? (this.obj as PyClass) : typeOf(this.obj);
    if (name === '__self_class__') return startType;
    const mro = startType.mro;
    let i = mro.indexOf(this.thisClass);
    if (i < 0) i = mro.length;
    for (let j = i + 1; j < mro.length; j++) {
      const attr = mro[j]!.dict.get(name);
      if (attr === undefined) continue;
      if (objIsClass) {
        // super() in a classmethod / __new__ / __init_subclass__
        if (attr instanceof PyClassMethod) return new BoundCall(this.obj, attr.func);
        if (attr instanceof PyStaticMethod) return attr.func;
        if (name === '__new__' && attr instanceof NativeFunction) return attr;
        if (attr instanceof NativeFunction && name === '__init_subclass__') return new BoundCall(this.obj, attr);
        return bindAttribute(attr, undefined, startType);
      }
      if (attr instanceof PyProperty) return bindAttribute(attr, this.obj, startType);
      return bindAttribute(attr, this.obj, startType);
    }
    return undefined;
  }
  override nativeRepr(): string {
    return `<super: <class '${this.thisClass.name}'>, <${typeOf(this.obj).name} object>>`;
  }
}

/** A callable binding a first argument (used for classmethods found through super()). */
class BoundCall extends PyObject {
  constructor(
    readonly self: PyValue,
    readonly func: PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return boundCallClass;
  }
  override nativeCall(args: PyValue[], kwargs: Kwargs): PyValue {
    return call(this.func, [this.self, ...args], kwargs);
  }
  override nativeRepr(): string {
    return `<bound method of ${repr(this.self)} at 0x${addressOf(this)}>`;
  }
}
const boundCallClass = new PyClass('method');

// ---------------------------------------------------------------------------------------------
// Argument helpers for native functions
// ---------------------------------------------------------------------------------------------

/** Checks the number of positional arguments of a builtin (`len() takes exactly one argument (2 given)`). */
export function checkArgs(name: string, args: readonly PyValue[], min: number, max = min): void {
  const n = args.length;
  if (n >= min && n <= max) return;
  if (min === max) {
    if (min === 0) throw pyError(TypeError, `${name}() takes no arguments (${n} given)`);
    if (min === 1) throw pyError(TypeError, `${name}() takes exactly one argument (${n} given)`);
    throw pyError(TypeError, `${name} expected ${min} arguments, got ${n}`);
  }
  if (n < min) throw pyError(TypeError, `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${n}`);
  throw pyError(TypeError, `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${n}`);
}

/** Rejects keyword arguments a builtin does not take. */
export function noKwargs(name: string, kwargs: Kwargs): void {
  if (kwargs.size > 0) throw pyError(TypeError, `${name}() takes no keyword arguments`);
}

/** Reads allowed keyword arguments; unknown ones raise CPython's error. */
export function kwargsOf(name: string, kwargs: Kwargs, allowed: readonly string[]): Map<string, PyValue> {
  for (const k of kwargs.keys()) {
    if (!allowed.includes(k)) throw pyError(TypeError, `${name}() got an unexpected keyword argument '${k}'`);
  }
  return kwargs;
}

/** An argument given positionally or by keyword (undefined when absent). */
export function arg(args: readonly PyValue[], kwargs: Kwargs, index: number, name: string): PyValue | undefined {
  if (index < args.length) return args[index];
  return kwargs.get(name);
}

export { AttributeError };
