/**
 * Behaviour of the core builtin types that is not tied to one value type: `object`, `type`,
 * `property`/`classmethod`/`staticmethod`, the exception hierarchy's methods, iterators, and
 * instances of Python subclasses of str/int/float (boxed values).
 */
import {
  AttributeError,
  type Kwargs,
  NO_KWARGS,
  NativeFunction,
  None,
  NotImplemented,
  OSError,
  PyClass,
  PyClassMethod,
  PyDict,
  PyException,
  PyInstance,
  PyIterator,
  PyList,
  PyObject,
  PyProperty,
  PyStaticMethod,
  PyTuple,
  type PyValue,
  StopIterationClass,
  SystemExitClass,
  TypeError,
  ImportError,
  NameError,
  AttributeError as AttributeErrorClass,
  addressOf,
  baseExceptionClass,
  bindAttribute,
  call,
  classmethodClass,
  eq,
  exceptionMessage,
  getattrOpt,
  hashKey,
  iteratorClass,
  objectClass,
  propertyClass,
  pyError,
  repr,
  staticmethodClass,
  str,
  truthy,
  typeClass,
  typeName,
  typeOf,
  iterate,
  len,
  functionClass,
  methodClass,
  builtinFunctionClass,
  moduleClass,
  PyModule,
  noneTypeClass,
  strRepr,
} from '../objects.ts';
import { createClass, checkArgs } from '../classes.ts';

// ---------------------------------------------------------------------------------------------
// Boxed values: instances of Python subclasses of str/int/float
// ---------------------------------------------------------------------------------------------

export type Primitive = string | bigint | number | boolean;

/** An instance of a Python subclass of str, int or float: the value plus a class and a __dict__. */
export class PyBoxed extends PyObject {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    readonly value: Primitive,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeEq(other: PyValue): boolean {
    return eq(this.value, unbox(other));
  }
  override nativeHashKey(): string | undefined {
    const k = hashKey(this.value);
    return typeof k === 'string' ? k : undefined;
  }
  override nativeStr(): string {
    return str(this.value);
  }
  override nativeRepr(): string {
    return repr(this.value);
  }
  override nativeBool(): boolean {
    return truthy(this.value);
  }
  override nativeLen(): number {
    if (typeof this.value === 'string') return len(this.value);
    throw pyError(TypeError, `object of type '${this.cls.name}' has no len()`);
  }
  override nativeIter(): Iterator<PyValue> {
    return iterate(this.value);
  }
}

/** The primitive inside a boxed value (or the value itself). */
export function unbox(v: PyValue): PyValue {
  return v instanceof PyBoxed ? v.value : v;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/**
 * Installs a native method. Its __module__ is the class's module: objects.ts treats dunder
 * methods of module 'builtins' as the default behaviour of the builtin types, while methods of
 * stdlib classes (datetime, enum…) are real overrides.
 */
export function method(cls: PyClass, name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): void {
  cls.dict.set(name, new NativeFunction(name, impl, { qualname: `${cls.qualname}.${name}`, module: cls.module }));
}

export function classMethod(cls: PyClass, name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): void {
  cls.dict.set(name, new PyClassMethod(new NativeFunction(name, impl, { qualname: `${cls.qualname}.${name}`, module: cls.module })));
}

export function staticMethod(cls: PyClass, name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): void {
  cls.dict.set(name, new PyStaticMethod(new NativeFunction(name, impl, { qualname: `${cls.qualname}.${name}`, module: cls.module })));
}

/** A read-only attribute computed from the instance. */
export function getter(cls: PyClass, name: string, impl: (self: PyValue) => PyValue): void {
  cls.dict.set(name, new PyProperty(new NativeFunction(name, (a) => impl(a[0]!), { qualname: `${cls.qualname}.${name}` })));
}

/** `descriptor 'upper' for 'str' objects doesn't apply to a 'int' object` */
export function descriptorError(name: string, cls: string, self: PyValue): never {
  throw pyError(TypeError, `descriptor '${name}' for '${cls}' objects doesn't apply to a '${typeName(self)}' object`);
}

// ---------------------------------------------------------------------------------------------
// object
// ---------------------------------------------------------------------------------------------

/** Attribute assignment without a custom __setattr__ (object.__setattr__). */
export function genericSetattr(obj: PyValue, name: string, value: PyValue): void {
  if (!(obj instanceof PyObject)) {
    throw pyError(AttributeError, `'${typeName(obj)}' object has no attribute '${name}'`);
  }
  if (obj.nativeSetAttr && obj.nativeSetAttr(name, value)) return;
  const cls = typeOf(obj);
  const classAttr = cls.lookup(name);
  if (classAttr instanceof PyProperty) {
    if (classAttr.fset === None) throw pyError(AttributeError, `property '${name}' of '${cls.name}' object has no setter`);
    call(classAttr.fset, [obj, value]);
    return;
  }
  if (classAttr instanceof PyObject && !(classAttr instanceof PyClass)) {
    const set = typeOf(classAttr).lookup('__set__');
    if (set !== undefined) {
      call(set, [classAttr, obj, value]);
      return;
    }
  }
  if (!obj.dict) throw pyError(AttributeError, `'${typeName(obj)}' object has no attribute '${name}'`);
  obj.dict.set(name, value);
}

export function defaultObjectRepr(v: PyValue): string {
  const cls = typeOf(v);
  const mod = cls.module === 'builtins' ? '' : cls.module + '.';
  return `<${mod}${cls.qualname} object at 0x${v instanceof PyObject ? addressOf(v) : '0'}>`;
}

function installObject(): void {
  objectClass.dict.set(
    '__init__',
    new NativeFunction(
      '__init__',
      (args, kwargs) => {
        const self = args[0]!;
        if ((args.length > 1 || kwargs.size > 0) && self instanceof PyInstance && !self.cls.isSubclassOf(baseExceptionClass)) {
          // object.__init__ complains about arguments only when __new__ was not overridden
          const cls = self.cls;
          const hasNew = cls.mro.some((c) => c !== objectClass && (c.nativeNew !== undefined || c.dict.has('__new__')));
          const ownInit = cls.lookup('__init__');
          if (!hasNew && ownInit instanceof NativeFunction) throw pyError(TypeError, `${cls.name}() takes no arguments`);
          if (!hasNew) throw pyError(TypeError, 'object.__init__() takes exactly one argument (the instance to initialize)');
        }
        return None;
      },
      { qualname: 'object.__init__' },
    ),
  );
  objectClass.dict.set(
    '__new__',
    new NativeFunction(
      '__new__',
      (args) => {
        const cls = args[0];
        if (!(cls instanceof PyClass)) throw pyError(TypeError, `object.__new__(X): X is not a type object (${typeName(cls ?? None)})`);
        for (const c of cls.mro) {
          if (c.nativeNew && c !== objectClass) return c.nativeNew(cls, args.slice(1), NO_KWARGS);
        }
        if (cls.isSubclassOf(baseExceptionClass)) {
          const e = new PyInstance(cls);
          e.dict.set('args', new PyTuple(args.slice(1)));
          return e;
        }
        return new PyInstance(cls);
      },
      { qualname: 'object.__new__' },
    ),
  );
  const o = objectClass;
  method(o, '__setattr__', (a) => {
    checkArgs('__setattr__', a, 3);
    const name = a[1]!;
    if (typeof name !== 'string') throw pyError(TypeError, `attribute name must be string, not '${typeName(name)}'`);
    genericSetattr(a[0]!, name, a[2]!);
    return None;
  });
  method(o, '__getattribute__', (a) => {
    const name = a[1]!;
    if (typeof name !== 'string') throw pyError(TypeError, `attribute name must be string, not '${typeName(name)}'`);
    const self = a[0]!;
    if (self instanceof PyObject && self.dict) {
      const cls = typeOf(self);
      const ca = cls.lookup(name);
      if (ca instanceof PyProperty) return bindAttribute(ca, self, cls);
      const v = self.dict.get(name);
      if (v !== undefined) return v;
      if (ca !== undefined) return bindAttribute(ca, self, cls);
    }
    const v = getattrOpt(self, name);
    if (v === undefined) throw pyError(AttributeError, `'${typeName(self)}' object has no attribute '${name}'`);
    return v;
  });
  method(o, '__delattr__', (a) => {
    const self = a[0]!;
    const name = String(a[1]);
    if (self instanceof PyObject && self.dict && self.dict.delete(name)) return None;
    throw pyError(AttributeError, `'${typeName(self)}' object has no attribute '${name}'`);
  });
  method(o, '__eq__', (a) => (a[0] === a[1] ? true : NotImplemented));
  method(o, '__ne__', (a) => {
    const r = call(getattrOpt(a[0]!, '__eq__') ?? None, [a[1]!]);
    if (r === NotImplemented) return NotImplemented;
    return !truthy(r);
  });
  method(o, '__hash__', (a) => BigInt('0x' + (a[0] instanceof PyObject ? addressOf(a[0]) : '0')) >> 4n);
  method(o, '__repr__', (a) => defaultObjectRepr(a[0]!));
  method(o, '__str__', (a) => repr(a[0]!));
  method(o, '__dir__', (a) => new PyList(dirOf(a[0]!)));
  method(o, '__reduce_ex__', () => None);
  method(o, '__sizeof__', () => 16n);
  o.dict.set(
    '__init_subclass__',
    new PyClassMethod(
      new NativeFunction(
        '__init_subclass__',
        (args, kwargs) => {
          if (kwargs.size > 0) {
            const cls = args[0];
            throw pyError(TypeError, `${cls instanceof PyClass ? cls.qualname : '?'}.__init_subclass__() takes no keyword arguments`);
          }
          return None;
        },
        { qualname: 'object.__init_subclass__' },
      ),
    ),
  );
  o.dict.set(
    '__subclasshook__',
    new PyClassMethod(new NativeFunction('__subclasshook__', () => NotImplemented, { qualname: 'object.__subclasshook__' })),
  );
}

/** dir(): instance attributes and class attributes, sorted. */
export function dirOf(v: PyValue): string[] {
  const names = new Set<string>();
  if (v instanceof PyModule) {
    for (const k of v.dict.keys()) names.add(k);
    return [...names].sort();
  }
  if (v instanceof PyObject && v.dict && !(v instanceof PyClass)) for (const k of v.dict.keys()) names.add(k);
  const cls = v instanceof PyClass ? v : typeOf(v);
  for (const c of cls.mro) for (const k of c.dict.keys()) names.add(k);
  if (v instanceof PyClass) {
    for (const k of ['__class__', '__doc__', '__module__', '__name__', '__qualname__', '__dict__', '__mro__', '__bases__']) names.add(k);
  } else names.add('__class__');
  return [...names].sort();
}

// ---------------------------------------------------------------------------------------------
// type
// ---------------------------------------------------------------------------------------------

function installType(): void {
  typeClass.nativeNew = (meta, args, kwargs) => {
    if (meta === typeClass && args.length === 1 && kwargs.size === 0) return typeOf(args[0]!);
    if (args.length !== 3) throw pyError(TypeError, 'type() takes 1 or 3 arguments');
    return typeNew(meta, args, kwargs);
  };
  typeClass.dict.set(
    '__new__',
    new NativeFunction(
      '__new__',
      (args, kwargs) => {
        const meta = args[0];
        if (!(meta instanceof PyClass)) throw pyError(TypeError, 'type.__new__(X): X is not a type object');
        if (args.length === 2) return typeOf(args[1]!);
        return typeNew(meta, args.slice(1), kwargs);
      },
      { qualname: 'type.__new__' },
    ),
  );
  method(typeClass, '__init__', () => None);
  method(typeClass, 'mro', (a) => new PyList([...(a[0] as PyClass).mro]));
  method(typeClass, '__subclasses__', () => new PyList([]));
  method(typeClass, '__instancecheck__', (a) => typeOf(a[1]!).isSubclassOf(a[0] as PyClass));
  method(typeClass, '__subclasscheck__', (a) => a[1] instanceof PyClass && a[1].isSubclassOf(a[0] as PyClass));
  method(typeClass, '__repr__', (a) => {
    const c = a[0] as PyClass;
    return `<class '${c.module === 'builtins' ? c.qualname : `${c.module}.${c.qualname}`}'>`;
  });
  method(typeClass, '__call__', (a, kw) => {
    const cls = a[0];
    if (!(cls instanceof PyClass)) throw pyError(TypeError, "descriptor '__call__' requires a 'type' object");
    return call(cls, a.slice(1), kw);
  });
}

function typeNew(meta: PyClass, args: PyValue[], kwargs: Kwargs): PyClass {
  const [name, bases, ns] = args;
  if (typeof name !== 'string') throw pyError(TypeError, `type.__new__() argument 1 must be str, not ${typeName(name ?? None)}`);
  if (!(bases instanceof PyTuple)) throw pyError(TypeError, `type.__new__() argument 2 must be tuple, not ${typeName(bases ?? None)}`);
  if (!(ns instanceof PyDict)) throw pyError(TypeError, `type.__new__() argument 3 must be dict, not ${typeName(ns ?? None)}`);
  const map = new Map<string, PyValue>();
  for (const [k, v] of ns.items()) map.set(str(k), v);
  if (!map.has('__module__')) map.set('__module__', 'builtins');
  for (const b of bases.items) if (!(b instanceof PyClass)) throw pyError(TypeError, 'bases must be types');
  return createClass(name, bases.items as PyClass[], map, meta, kwargs);
}

// ---------------------------------------------------------------------------------------------
// property, classmethod, staticmethod
// ---------------------------------------------------------------------------------------------

function installDescriptors(): void {
  propertyClass.nativeNew = (_cls, args, kwargs) => {
    const fget = args[0] ?? kwargs.get('fget') ?? None;
    const fset = args[1] ?? kwargs.get('fset') ?? None;
    const fdel = args[2] ?? kwargs.get('fdel') ?? None;
    const p = new PyProperty(fget, fset, fdel);
    const doc = args[3] ?? kwargs.get('doc');
    p.dict = new Map([['__doc__', doc ?? (fget !== None ? getattrOpt(fget, '__doc__') ?? None : None)]]);
    return p;
  };
  const copy = (p: PyProperty, change: Partial<Pick<PyProperty, 'fget' | 'fset' | 'fdel'>>): PyProperty => {
    const n = new PyProperty(change.fget ?? p.fget, change.fset ?? p.fset, change.fdel ?? p.fdel);
    n.dict = new Map(p.dict ?? []);
    return n;
  };
  method(propertyClass, 'getter', (a) => copy(a[0] as PyProperty, { fget: a[1]! }));
  method(propertyClass, 'setter', (a) => copy(a[0] as PyProperty, { fset: a[1]! }));
  method(propertyClass, 'deleter', (a) => copy(a[0] as PyProperty, { fdel: a[1]! }));
  method(propertyClass, '__get__', (a) => {
    const p = a[0] as PyProperty;
    const obj = a[1]!;
    if (obj === None) return p;
    if (p.fget === None) throw pyError(AttributeError, 'unreadable attribute');
    return call(p.fget, [obj]);
  });
  method(propertyClass, '__set__', (a) => {
    const p = a[0] as PyProperty;
    if (p.fset === None) throw pyError(AttributeError, "can't set attribute");
    call(p.fset, [a[1]!, a[2]!]);
    return None;
  });
  method(propertyClass, '__delete__', (a) => {
    const p = a[0] as PyProperty;
    if (p.fdel === None) throw pyError(AttributeError, "can't delete attribute");
    call(p.fdel, [a[1]!]);
    return None;
  });

  classmethodClass.nativeNew = (_cls, args) => {
    checkArgs('classmethod', args, 1);
    return new PyClassMethod(args[0]!);
  };
  staticmethodClass.nativeNew = (_cls, args) => {
    checkArgs('staticmethod', args, 1);
    return new PyStaticMethod(args[0]!);
  };
  method(classmethodClass, '__get__', (a) => {
    const cm = a[0] as PyClassMethod;
    const owner = a[2] !== undefined && a[2] !== None ? a[2] : typeOf(a[1]!);
    return bindAttribute(cm, undefined, owner as PyClass);
  });
  method(staticmethodClass, '__get__', (a) => (a[0] as PyStaticMethod).func);
}

// ---------------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------------

function installExceptions(): void {
  const be = baseExceptionClass;
  method(be, '__init__', (a, kw) => {
    const self = a[0];
    if (self instanceof PyInstance) {
      self.dict.set('args', new PyTuple(a.slice(1)));
      // keyword attributes of NameError/AttributeError/ImportError
      for (const [k, v] of kw) self.dict.set(k, v);
    }
    return None;
  });
  method(be, '__str__', (a) => exceptionMessage(a[0] as PyInstance));
  method(be, '__repr__', (a) => {
    const e = a[0] as PyInstance;
    const args = e.dict.get('args');
    const items = args instanceof PyTuple ? args.items : [];
    const inner = items.length === 1 ? repr(items[0]!) : items.map(repr).join(', ');
    return `${e.cls.name}(${inner})`;
  });
  method(be, 'with_traceback', (a) => a[0]!);
  method(be, 'add_note', (a) => {
    const e = a[0] as PyInstance;
    let notes = e.dict.get('__notes__');
    if (!(notes instanceof PyList)) {
      notes = new PyList([]);
      e.dict.set('__notes__', notes);
    }
    (notes as PyList).items.push(a[1]!);
    return None;
  });
  // attributes computed from args
  const argAttr = (cls: PyClass, name: string, index: number) => {
    cls.dict.set(
      name,
      new PyProperty(
        new NativeFunction(name, (a) => {
          const e = a[0] as PyInstance;
          const own = e.dict.get('__' + name);
          if (own !== undefined) return own;
          const args = e.dict.get('args');
          return args instanceof PyTuple && args.items.length > index ? args.items[index]! : None;
        }),
        new NativeFunction(name, (a) => {
          (a[0] as PyInstance).dict.set('__' + name, a[1]!);
          return None;
        }),
      ),
    );
  };
  argAttr(StopIterationClass, 'value', 0);
  argAttr(SystemExitClass, 'code', 0);
  method(OSError, '__init__', (a) => {
    const self = a[0] as PyInstance;
    const args = a.slice(1);
    self.dict.set('args', new PyTuple(args.length >= 2 ? args.slice(0, 2) : args));
    if (args.length >= 2) {
      self.dict.set('errno', args[0]!);
      self.dict.set('strerror', args[1]!);
      self.dict.set('filename', args[2] ?? None);
    } else {
      self.dict.set('errno', None);
      self.dict.set('strerror', None);
      self.dict.set('filename', None);
    }
    return None;
  });
  for (const cls of [ImportError, NameError, AttributeErrorClass]) {
    method(cls, '__init__', (a, kw) => {
      const self = a[0] as PyInstance;
      self.dict.set('args', new PyTuple(a.slice(1)));
      for (const [k, v] of kw) self.dict.set(k, v);
      if (cls === ImportError) {
        if (!self.dict.has('name')) self.dict.set('name', None);
        if (!self.dict.has('path')) self.dict.set('path', None);
        self.dict.set('msg', a[1] ?? None);
      } else if (!self.dict.has('name')) self.dict.set('name', None);
      return None;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Iterators, functions, modules
// ---------------------------------------------------------------------------------------------

/** Advances any iterator object (PyIterator or a Python object with __next__). */
export function nextOf(it: PyValue): IteratorResult<PyValue> {
  if (it instanceof PyIterator) return it.it.next();
  const n = it instanceof PyObject ? typeOf(it).lookup('__next__') : undefined;
  if (n === undefined) throw pyError(TypeError, `'${typeName(it)}' object is not an iterator`);
  try {
    return { done: false, value: call(bindAttribute(n, it, typeOf(it)), []) };
  } catch (e) {
    if (e instanceof PyException && e.matches(StopIterationClass)) return { done: true, value: None };
    throw e;
  }
}

function installIterators(): void {
  method(iteratorClass, '__iter__', (a) => a[0]!);
  method(iteratorClass, '__next__', (a) => {
    const r = (a[0] as PyIterator).it.next();
    if (r.done) throw pyError(StopIterationClass);
    return r.value;
  });
  method(iteratorClass, 'send', (a) => {
    const r = (a[0] as PyIterator).it.next();
    if (r.done) throw pyError(StopIterationClass);
    return r.value;
  });
  method(iteratorClass, 'close', () => None);
  method(iteratorClass, '__length_hint__', () => 0n);
}

function installMisc(): void {
  method(functionClass, '__get__', (a) => {
    const [f, obj] = a as [PyValue, PyValue];
    if (obj === None || obj === undefined) return f;
    return bindAttribute(f, obj, typeOf(obj));
  });
  method(functionClass, '__repr__', (a) => repr(a[0]!));
  method(methodClass, '__repr__', (a) => repr(a[0]!));
  method(builtinFunctionClass, '__repr__', (a) => repr(a[0]!));
  method(moduleClass, '__repr__', (a) => repr(a[0]!));
  method(noneTypeClass, '__repr__', () => 'None');
  method(noneTypeClass, '__bool__', () => false);
  moduleClass.nativeNew = (_cls, args) => {
    const name = args[0];
    if (typeof name !== 'string') throw pyError(TypeError, 'module.__init__() argument 1 must be str');
    const m = new PyModule(name);
    m.dict.set('__doc__', args[1] ?? None);
    return m;
  };
  noneTypeClass.nativeNew = () => None;
}

let installed = false;
export function installCoreTypes(): void {
  if (installed) return;
  installed = true;
  installObject();
  installType();
  installDescriptors();
  installExceptions();
  installIterators();
  installMisc();
}

export { strRepr };
