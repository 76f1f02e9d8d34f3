/**
 * The `contextlib` module: contextmanager (for generators whose yield is a statement),
 * suppress, nullcontext, closing.
 */
import { NativeFunction, None, PyClass, PyException, PyModule, PyObject, type PyValue, call, getattr, getattrOpt, setattr } from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { contextmanager } from '../generators.ts';

class NativeContext extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly enter: () => PyValue,
    readonly exit: (e: PyException | null) => boolean,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeEnter(): PyValue {
    return this.enter();
  }
  override nativeExit(e: PyException | null): boolean {
    return this.exit(e);
  }
}

const suppressClass = new PyClass('suppress', { module: 'contextlib' });
const nullcontextClass = new PyClass('nullcontext', { module: 'contextlib' });
const closingClass = new PyClass('closing', { module: 'contextlib' });

suppressClass.nativeNew = (cls, args) =>
  new NativeContext(
    cls,
    () => None,
    (e) => !!e && args.some((c) => c instanceof PyClass && e.matches(c)),
  );
nullcontextClass.nativeNew = (cls, args, kwargs) => {
  const v = args[0] ?? kwargs.get('enter_result') ?? None;
  return new NativeContext(cls, () => v, () => false);
};
closingClass.nativeNew = (cls, args) => {
  const thing = args[0] ?? None;
  return new NativeContext(
    cls,
    () => thing,
    () => {
      call(getattr(thing, 'close'), []);
      return false;
    },
  );
};

export function makeContextlib(interp: Interpreter): PyModule {
  const m = new PyModule('contextlib');
  m.dict.set(
    'contextmanager',
    new NativeFunction(
      'contextmanager',
      (a) => {
        const func = a[0] ?? None;
        const helper = contextmanager(interp, func);
        for (const attr of ['__name__', '__qualname__', '__doc__', '__module__']) {
          const v = getattrOpt(func, attr);
          if (v !== undefined && helper instanceof PyObject) {
            try {
              setattr(helper, attr, v);
            } catch {
              /* read-only on native functions */
            }
          }
        }
        return helper;
      },
      { module: 'contextlib' },
    ),
  );
  m.dict.set('suppress', suppressClass);
  m.dict.set('nullcontext', nullcontextClass);
  m.dict.set('closing', closingClass);
  return m;
}
