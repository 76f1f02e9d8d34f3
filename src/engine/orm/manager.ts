/**
 * Managers (django.db.models.manager): `Model.objects`, custom Manager subclasses with their own
 * `get_queryset()`, `Manager.from_queryset()` / `QuerySet.as_manager()`. Every QuerySet method is
 * reachable through a manager (`Product.objects.filter(...)` is `get_queryset().filter(...)`).
 */
import {
  AttributeError,
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyClassMethod,
  PyDict,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  callMethod,
  objectClass,
  pyError,
  str,
} from '../python/objects.ts';
import { type ModelInfo, infoOf } from './model-instance.ts';
import { QUERYSET_METHODS, QuerySetClass, QuerySetObject, makeQuerySet } from './queryset.ts';

const MODULE = 'django.db.models.manager';

export class ManagerObject extends PyObject {
  override dict = new Map<string, PyValue>();
  /** The model class the manager belongs to (set when the model class is prepared). */
  model: PyClass | null = null;
  name: string | null = null;
  /** creation order, for `_default_manager` (the first manager declared). */
  readonly creationCounter: number;

  constructor(readonly cls: PyClass) {
    super();
    this.creationCounter = managerCounter++;
  }

  get pyClass(): PyClass {
    return this.cls;
  }

  get info(): ModelInfo {
    const info = this.model ? infoOf(this.model) : undefined;
    if (!info) throw pyError(AttributeError, `'${this.cls.name}' object has no attribute 'model'`);
    return info;
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'model') return this.model ?? None;
    if (name === 'name') return this.name ?? None;
    if (name === '_db') return None;
    if (name === 'db') return 'default';
    return undefined;
  }

  override nativeSetAttr(name: string, value: PyValue): boolean {
    if (name === 'model') {
      this.model = value instanceof PyClass ? value : null;
      return true;
    }
    if (name === 'name') {
      this.name = value === None ? null : str(value);
      return true;
    }
    return false;
  }

  /** BaseManager.__eq__: same class, same constructor arguments (managers take none here). */
  override nativeEq(other: PyValue): boolean {
    return other instanceof ManagerObject && other.cls === this.cls;
  }

  override nativeHashKey(): string {
    return `manager:${this.cls.module}.${this.cls.qualname}`;
  }

  /** `copy.copy(manager)` bound to another model (managers are inherited by copying). */
  copyFor(model: PyClass, name: string): ManagerObject {
    const m = new ManagerObject(this.cls);
    for (const [k, v] of this.dict) m.dict.set(k, v);
    m.model = model;
    m.name = name;
    (m as { creationCounter: number }).creationCounter = this.creationCounter;
    return m;
  }

  override nativeStr(): string {
    return this.model ? `${infoOf(this.model)?.meta.label ?? this.model.name}.${this.name}` : `<${this.cls.module}.${this.cls.qualname} object>`;
  }
}

let managerCounter = 0;

export const BaseManagerClass: PyClass = new PyClass('BaseManager', {
  module: MODULE,
  bases: [objectClass],
  nativeNew: (cls) => new ManagerObject(cls),
});

export const ManagerClass: PyClass = new PyClass('Manager', {
  module: MODULE,
  bases: [BaseManagerClass],
  nativeNew: (cls) => new ManagerObject(cls),
});

function mgrOf(v: PyValue | undefined, method: string): ManagerObject {
  if (!(v instanceof ManagerObject)) throw pyError(TypeError, `descriptor '${method}' for 'Manager' objects doesn't apply to a '${v === undefined ? 'NoneType' : (v as PyObject).pyClass?.name}' object`);
  return v;
}

/** The QuerySet class a manager class makes (`from_queryset`). */
function querysetClassOf(cls: PyClass): PyClass {
  for (const c of cls.mro) {
    const q = c.native['querysetClass'];
    if (q instanceof PyClass) return q;
  }
  return QuerySetClass;
}

BaseManagerClass.defineMethod('get_queryset', ([self]) => {
  const m = mgrOf(self, 'get_queryset');
  return makeQuerySet(m.info, querysetClassOf(m.cls));
});
BaseManagerClass.defineMethod('__get__', ([self, instance, owner]) => {
  const m = mgrOf(self, '__get__');
  if (instance !== undefined && instance !== None) {
    const name = owner instanceof PyClass ? owner.name : (instance as PyObject).pyClass.name;
    throw pyError(AttributeError, `Manager isn't accessible via ${name} instances`);
  }
  return m;
});
BaseManagerClass.defineMethod('__str__', ([self]) => mgrOf(self, '__str__').nativeStr());
BaseManagerClass.defineMethod('__class_getitem__', ([cls]) => cls!);
BaseManagerClass.defineMethod('db_manager', ([self]) => self!);
BaseManagerClass.defineMethod('check', () => new PyTuple([]));
BaseManagerClass.defineMethod('deconstruct', ([self]) => {
  const m = mgrOf(self, 'deconstruct');
  return new PyTuple([false, `${m.cls.module}.${m.cls.qualname}`, None, new PyTuple([]), new PyDict()]);
});

/** A manager method that calls the QuerySet method of the same name on `self.get_queryset()`. */
function proxy(name: string): NativeFunction {
  return new NativeFunction(
    name,
    (args: PyValue[], kwargs: Kwargs) => {
      const qs = callMethod(args[0]!, 'get_queryset');
      return callMethod(qs, name, args.slice(1), kwargs);
    },
    { module: MODULE, qualname: `QuerySet.${name}` },
  );
}

// Every QuerySet method but delete() (`Manager.delete` does not exist in Django).
for (const name of Object.keys(QUERYSET_METHODS)) if (name !== 'delete') BaseManagerClass.dict.set(name, proxy(name));
// all() is get_queryset() itself: a copy would lose prefetch_related's cached rows.
BaseManagerClass.defineMethod('all', ([self]) => callMethod(self!, 'get_queryset'));

/** `Manager.from_queryset(QuerySetSubclass)`: a Manager subclass proxying the queryset's own methods. */
function fromQueryset(managerCls: PyClass, qsCls: PyClass, className?: string): PyClass {
  const name = className ?? `${managerCls.name}From${qsCls.name}`;
  const dict = new Map<string, PyValue>();
  for (const c of qsCls.mro) {
    if (c === QuerySetClass || c === objectClass) break;
    for (const [k, v] of c.dict) {
      if (k.startsWith('_') || dict.has(k)) continue;
      const isMethod = v instanceof PyObject && (v.nativeCall !== undefined || v.pyClass.name === 'function');
      if (!isMethod) continue;
      if (managerCls.lookup(k) !== undefined && BaseManagerClass.lookup(k) === undefined) continue;
      dict.set(k, proxy(k));
    }
  }
  const cls = new PyClass(name, { module: managerCls.module, bases: [managerCls], dict, nativeNew: (c) => new ManagerObject(c) });
  cls.native['querysetClass'] = qsCls;
  return cls;
}

BaseManagerClass.dict.set(
  'from_queryset',
  new PyClassMethod(
    new NativeFunction(
      'from_queryset',
      ([cls, qsCls, className]) => fromQueryset(cls as PyClass, qsCls as PyClass, className === undefined || className === None ? undefined : str(className)),
      { module: MODULE, qualname: 'BaseManager.from_queryset' },
    ),
  ),
);

QuerySetClass.dict.set(
  'as_manager',
  new PyClassMethod(
    new NativeFunction(
      'as_manager',
      ([cls]) => {
        const mcls = fromQueryset(ManagerClass, cls as PyClass);
        const m = new ManagerObject(mcls);
        return m;
      },
      { module: 'django.db.models.query', qualname: 'QuerySet.as_manager' },
    ),
  ),
);

/** A fresh queryset from a model class's default manager (respecting a custom get_queryset). */
export function defaultQueryset(model: PyClass): QuerySetObject {
  const mgr = model.lookup('_default_manager');
  if (mgr instanceof ManagerObject) {
    const qs = callMethod(mgr, 'get_queryset');
    if (qs instanceof QuerySetObject) return qs;
  }
  return makeQuerySet(infoOf(model)!);
}

/** The plain `_base_manager` queryset (no custom filtering). */
export function baseQueryset(model: PyClass): QuerySetObject {
  return makeQuerySet(infoOf(model)!);
}
