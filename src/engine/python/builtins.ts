/**
 * The `builtins` module: builtin functions, the builtin classes and exception classes, and the
 * methods of the builtin types (installed once on the shared PyClass objects of objects.ts).
 */
import * as O from './objects.ts';
import {
  type Kwargs,
  NativeFunction,
  None,
  PyBytes,
  PyClass,
  PyDict,
  PyException,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  StopIterationClass,
  TypeError,
  ValueError,
  AttributeError,
  EOFError,
  PermissionError,
  addressOf,
  bindAttribute,
  call,
  getattrOpt,
  hashKey,
  isinstance,
  iterate,
  len,
  pyError,
  repr,
  setattr,
  str,
  truthy,
  typeName,
  typeOf,
  Ellipsis,
  NotImplemented,
} from './objects.ts';
import type { Interpreter } from './interpreter.ts';
import { installCoreTypes, nextOf, unbox, dirOf } from './types/core.ts';
import { installStr } from './types/str.ts';
import { installNumbers, roundNumber } from './types/numbers.ts';
import { installContainers, iterToArray, sortValues } from './types/containers.ts';
import { installMiscTypes } from './types/misc.ts';
import { superClass } from './classes.ts';
import { asInt, binaryOp, compareOrder, indexValue, setMemoryErrorClass } from './operators.ts';
import { asciiRepr, formatValue } from './formatting.ts';
import { checkArgs } from './classes.ts';

let typesInstalled = false;
/** Installs the methods of the builtin types (once per process). */
export function installBuiltinTypes(): void {
  if (typesInstalled) return;
  typesInstalled = true;
  installCoreTypes();
  installStr();
  installNumbers();
  installContainers();
  installMiscTypes();
  setMemoryErrorClass(O.MemoryError);
}

const EXCEPTIONS: PyClass[] = [
  O.baseExceptionClass,
  O.ExceptionClass,
  O.KeyboardInterruptClass,
  O.SystemExitClass,
  O.GeneratorExitClass,
  O.StopIterationClass,
  O.StopAsyncIterationClass,
  O.ArithmeticErrorClass,
  O.ZeroDivisionError,
  O.OverflowError,
  O.FloatingPointError,
  O.AssertionErrorClass,
  O.AttributeError,
  O.BufferError,
  O.EOFError,
  O.LookupError,
  O.IndexError,
  O.KeyError,
  O.MemoryError,
  O.NameError,
  O.UnboundLocalError,
  O.ReferenceError,
  O.RuntimeError,
  O.RecursionError,
  O.NotImplementedError,
  O.SystemError,
  O.TypeError,
  O.ValueError,
  O.UnicodeError,
  O.UnicodeDecodeError,
  O.UnicodeEncodeError,
  O.UnicodeTranslateError,
  O.ImportError,
  O.ModuleNotFoundError,
  O.OSError,
  O.FileNotFoundError,
  O.FileExistsError,
  O.PermissionError,
  O.IsADirectoryError,
  O.NotADirectoryError,
  O.InterruptedError,
  O.BlockingIOError,
  O.ChildProcessError,
  O.ProcessLookupError,
  O.TimeoutErrorClass,
  O.ConnectionError,
  O.BrokenPipeError,
  O.ConnectionAbortedError,
  O.ConnectionRefusedError,
  O.ConnectionResetError,
  O.SyntaxErrorClass,
  O.IndentationError,
  O.TabError,
  O.WarningClass,
  O.UserWarning,
  O.DeprecationWarning,
  O.PendingDeprecationWarning,
  O.SyntaxWarning,
  O.RuntimeWarning,
  O.FutureWarning,
  O.ImportWarning,
  O.UnicodeWarning,
  O.BytesWarning,
  O.ResourceWarning,
  O.EncodingWarning,
];

function fn(name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, impl, { module: 'builtins' });
}

function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size) throw pyError(TypeError, `${name}() takes no keyword arguments`);
}

function iter(v: PyValue): Iterator<PyValue> {
  return iterate(v);
}

/** min()/max() */
function minmax(name: 'min' | 'max', args: PyValue[], kwargs: Kwargs): PyValue {
  for (const k of kwargs.keys()) if (k !== 'key' && k !== 'default') throw pyError(TypeError, `${name}() got an unexpected keyword argument '${k}'`);
  const key = kwargs.get('key') ?? None;
  const dflt = kwargs.get('default');
  let items: PyValue[];
  if (args.length === 0) throw pyError(TypeError, `${name} expected at least 1 argument, got 0`);
  if (args.length === 1) items = iterToArray(args[0]!);
  else {
    if (dflt !== undefined) throw pyError(TypeError, `Cannot specify a default for ${name}() with multiple positional arguments`);
    items = args;
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    throw pyError(ValueError, `${name}() arg is an empty sequence`);
  }
  let best = items[0]!;
  let bestKey = key === None ? best : call(key, [best]);
  for (let i = 1; i < items.length; i++) {
    const x = items[i]!;
    const k = key === None ? x : call(key, [x]);
    if (name === 'max' ? compareOrder('>', k, bestKey) : compareOrder('<', k, bestKey)) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}

function idOf(v: PyValue): bigint {
  if (v instanceof PyObject) return BigInt('0x' + addressOf(v));
  // primitives: derive a stable pseudo address from the value
  const k = String(hashKey(v));
  let h = 0x7f3a10000000;
  for (const ch of k) h = (h * 31 + ch.charCodeAt(0)) % 0x7fffffffff;
  return BigInt(h) * 16n;
}

function hashOf(v: PyValue): bigint {
  const u = unbox(v);
  if (typeof u === 'bigint') return u === -1n ? -2n : u;
  if (typeof u === 'boolean') return u ? 1n : 0n;
  if (typeof u === 'number' && Number.isInteger(u)) return BigInt(u);
  if (v instanceof PyObject && !(v instanceof PyTuple) && !(v instanceof PyBytes)) {
    const h = typeOf(v).lookup('__hash__');
    if (h === None) throw pyError(TypeError, `unhashable type: '${typeName(v)}'`);
    if (h !== undefined && !(h instanceof NativeFunction && h.module === 'builtins')) {
      const r = call(bindAttribute(h, v, typeOf(v)), []);
      const i = asInt(unbox(r));
      if (i === undefined) throw pyError(TypeError, '__hash__ method should return an integer');
      return i;
    }
  }
  const k = hashKey(v);
  if (typeof k !== 'string') return idOf(v) >> 4n;
  let h = 0;
  for (let i = 0; i < k.length; i++) h = (Math.imul(h, 1000003) ^ k.charCodeAt(i)) | 0;
  return BigInt(h);
}

function isCallable(v: PyValue): boolean {
  if (!(v instanceof PyObject)) return false;
  if (v instanceof PyClass || v.nativeCall) return true;
  return typeOf(v).lookup('__call__') !== undefined;
}

function classinfoCheck(name: string, cls: PyValue, test: (c: PyClass) => boolean): boolean {
  if (cls instanceof PyClass) return test(cls);
  if (cls instanceof PyTuple) return cls.items.some((c) => classinfoCheck(name, c, test));
  throw pyError(TypeError, `${name}() arg 2 must be a type, a tuple of types, or a union`);
}

function numberText(v: PyValue, prefix: string, radix: number, fname: string): string {
  const i = indexValue(unbox(v));
  if (i === undefined) throw pyError(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  return (i < 0n ? '-' : '') + prefix + (i < 0n ? -i : i).toString(radix);
}

export function createBuiltins(interp: Interpreter): PyModule {
  installBuiltinTypes();
  const m = new PyModule('builtins');
  const d = m.dict;
  d.set('__doc__', 'Built-in functions, exceptions, and other objects.');
  d.set('__package__', '');
  d.set('__spec__', None);
  d.set('__debug__', true);
  d.set('None', None);
  d.set('True', true);
  d.set('False', false);
  d.set('Ellipsis', Ellipsis);
  d.set('NotImplemented', NotImplemented);
  for (const cls of [
    O.objectClass,
    O.typeClass,
    O.intClass,
    O.boolClass,
    O.floatClass,
    O.strClass,
    O.listClass,
    O.tupleClass,
    O.dictClass,
    O.setClass,
    O.frozensetClass,
    O.bytesClass,
    O.rangeClass,
    O.sliceClass,
    O.propertyClass,
    O.classmethodClass,
    O.staticmethodClass,
    superClass,
  ]) {
    d.set(cls.name, cls);
  }
  for (const cls of EXCEPTIONS) d.set(cls.name, cls);
  d.set('EnvironmentError', O.OSError);
  d.set('IOError', O.OSError);

  const writeOut = (text: string, file: PyValue) => {
    if (file === None || file === undefined) return interp.stdout(text);
    const sys = interp.modules.get('sys');
    if (sys && file === sys.dict.get('stderr')) return interp.stderr(text);
    if (sys && file === sys.dict.get('stdout')) return interp.stdout(text);
    const write = getattrOpt(file, 'write');
    if (write === undefined) throw pyError(AttributeError, `'${typeName(file)}' object has no attribute 'write'`);
    call(write, [text]);
    return undefined;
  };

  const def = (name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue) => d.set(name, fn(name, impl));

  def('print', (args, kwargs) => {
    for (const k of kwargs.keys()) if (!['sep', 'end', 'file', 'flush'].includes(k)) throw pyError(TypeError, `'${k}' is an invalid keyword argument for print()`);
    const sepV = kwargs.get('sep') ?? None;
    const endV = kwargs.get('end') ?? None;
    if (sepV !== None && typeof unbox(sepV) !== 'string') throw pyError(TypeError, `sep must be None or a string, not ${typeName(sepV)}`);
    if (endV !== None && typeof unbox(endV) !== 'string') throw pyError(TypeError, `end must be None or a string, not ${typeName(endV)}`);
    const sep = sepV === None ? ' ' : (unbox(sepV) as string);
    const end = endV === None ? '\n' : (unbox(endV) as string);
    writeOut(args.map((a) => str(a)).join(sep) + end, kwargs.get('file') ?? None);
    return None;
  });
  def('len', (args, kwargs) => {
    noKw('len', kwargs);
    checkArgs('len', args, 1);
    return BigInt(len(args[0]!));
  });
  def('repr', (args) => {
    checkArgs('repr', args, 1);
    return repr(args[0]!);
  });
  def('ascii', (args) => {
    checkArgs('ascii', args, 1);
    return asciiRepr(args[0]!);
  });
  def('format', (args) => {
    checkArgs('format', args, 1, 2);
    const spec = args[1] === undefined ? '' : unbox(args[1]);
    if (typeof spec !== 'string') throw pyError(TypeError, `format() argument 2 must be str, not ${typeName(args[1]!)}`);
    return formatValue(args[0]!, spec);
  });
  def('abs', (args) => {
    checkArgs('abs', args, 1);
    const v = unbox(args[0]!);
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (typeof v === 'number') return Math.abs(v);
    const a = args[0]!;
    const mth = a instanceof PyObject ? typeOf(a).lookup('__abs__') : undefined;
    if (mth !== undefined) return call(bindAttribute(mth, a, typeOf(a)), []);
    throw pyError(TypeError, `bad operand type for abs(): '${typeName(a)}'`);
  });
  def('round', (args, kwargs) => {
    const x = args[0] ?? kwargs.get('number');
    if (x === undefined) throw pyError(TypeError, "round() missing required argument 'number' (pos 1)");
    return roundNumber(x, args[1] ?? kwargs.get('ndigits'));
  });
  def('divmod', (args) => {
    checkArgs('divmod', args, 2);
    const [a, b] = args as [PyValue, PyValue];
    const ua = unbox(a);
    const ub = unbox(b);
    const num = (v: PyValue) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
    if (num(ua) && num(ub)) {
      const ia = asInt(ua);
      const ib = asInt(ub);
      if (ia !== undefined && ib !== undefined && ib === 0n) throw pyError(O.ZeroDivisionError, 'integer division or modulo by zero');
      return new PyTuple([binaryOp('//', ua, ub), binaryOp('%', ua, ub)]);
    }
    const mth = a instanceof PyObject ? typeOf(a).lookup('__divmod__') : undefined;
    if (mth !== undefined) return call(bindAttribute(mth, a, typeOf(a)), [b]);
    throw pyError(TypeError, `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
  });
  def('pow', (args, kwargs) => {
    const base = args[0] ?? kwargs.get('base');
    const exp = args[1] ?? kwargs.get('exp');
    const mod = args[2] ?? kwargs.get('mod');
    if (base === undefined || exp === undefined) throw pyError(TypeError, 'pow() missing required argument');
    if (mod === undefined || mod === None) return binaryOp('**', base, exp);
    const b = asInt(unbox(base));
    let e = asInt(unbox(exp));
    const m = asInt(unbox(mod));
    if (b === undefined || e === undefined || m === undefined) throw pyError(TypeError, 'pow() 3rd argument not allowed unless all arguments are integers');
    if (m === 0n) throw pyError(ValueError, 'pow() 3rd argument cannot be 0');
    let bb = ((b % m) + m) % m;
    if (e < 0n) {
      // modular inverse
      const inv = (a: bigint, n: bigint): bigint => {
        let [t, newT, r, newR] = [0n, 1n, n, a];
        while (newR !== 0n) {
          const q = r / newR;
          [t, newT] = [newT, t - q * newT];
          [r, newR] = [newR, r - q * newR];
        }
        if (r > 1n) throw pyError(ValueError, 'base is not invertible for the given modulus');
        return t < 0n ? t + n : t;
      };
      bb = inv(bb, m < 0n ? -m : m);
      e = -e;
    }
    let r = 1n;
    while (e > 0n) {
      if (e & 1n) r = (r * bb) % m;
      bb = (bb * bb) % m;
      e >>= 1n;
    }
    return ((r % m) + m) % m;
  });
  def('sum', (args, kwargs) => {
    if (args.length === 0) throw pyError(TypeError, 'sum() takes at least 1 positional argument (0 given)');
    let acc: PyValue = args[1] ?? kwargs.get('start') ?? 0n;
    if (typeof unbox(acc) === 'string') throw pyError(TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (acc instanceof PyBytes) throw pyError(TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    const it = iter(args[0]!);
    for (let r = it.next(); !r.done; r = it.next()) {
      interp.step();
      acc = binaryOp('+', acc, r.value);
    }
    return acc;
  });
  def('min', (a, k) => minmax('min', a, k));
  def('max', (a, k) => minmax('max', a, k));
  def('any', (args) => {
    checkArgs('any', args, 1);
    const it = iter(args[0]!);
    for (let r = it.next(); !r.done; r = it.next()) if (truthy(r.value)) return true;
    return false;
  });
  def('all', (args) => {
    checkArgs('all', args, 1);
    const it = iter(args[0]!);
    for (let r = it.next(); !r.done; r = it.next()) if (!truthy(r.value)) return false;
    return true;
  });
  def('sorted', (args, kwargs) => {
    if (args.length !== 1) throw pyError(TypeError, `sorted expected 1 argument, got ${args.length}`);
    for (const k of kwargs.keys()) if (k !== 'key' && k !== 'reverse') throw pyError(TypeError, `sort() got an unexpected keyword argument '${k}'`);
    const rev = kwargs.get('reverse');
    return new PyList(sortValues(iterToArray(args[0]!), kwargs.get('key') ?? None, rev !== undefined && truthy(rev)));
  });
  def('reversed', (args) => {
    checkArgs('reversed', args, 1);
    const v = args[0]!;
    if (v instanceof PyList || v instanceof PyTuple) return new PyIterator([...v.items].reverse()[Symbol.iterator](), v instanceof PyList ? 'list_reverseiterator' : 'reversed');
    if (typeof v === 'string') return new PyIterator(Array.from(v).reverse()[Symbol.iterator](), 'reversed');
    const mth = v instanceof PyObject ? typeOf(v).lookup('__reversed__') : undefined;
    if (mth !== undefined) return call(bindAttribute(mth, v, typeOf(v)), []);
    if (v instanceof PyObject && (typeOf(v).lookup('__getitem__') !== undefined || v.nativeLen) && (typeOf(v).lookup('__len__') !== undefined || v.nativeLen)) {
      return new PyIterator(iterToArray(v).reverse()[Symbol.iterator](), 'reversed');
    }
    throw pyError(TypeError, `'${typeName(v)}' object is not reversible`);
  });
  def('enumerate', (args, kwargs) => {
    const src = args[0] ?? kwargs.get('iterable');
    if (src === undefined) throw pyError(TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
    const startV = args[1] ?? kwargs.get('start') ?? 0n;
    let i = indexValue(unbox(startV));
    if (i === undefined) throw pyError(TypeError, `'${typeName(startV)}' object cannot be interpreted as an integer`);
    const it = iter(src);
    return new PyIterator(
      (function* () {
        for (let r = it.next(); !r.done; r = it.next()) yield new PyTuple([i!++, r.value]);
      })(),
      'enumerate',
    );
  });
  def('zip', (args, kwargs) => {
    const strict = truthy(kwargs.get('strict') ?? false);
    const its = args.map((a, n) => {
      try {
        return iter(a);
      } catch (e) {
        if (e instanceof PyException && e.matches(TypeError)) throw pyError(TypeError, `zip argument #${n + 1} must support iteration`);
        throw e;
      }
    });
    return new PyIterator(
      (function* () {
        if (its.length === 0) return;
        for (;;) {
          const vals: PyValue[] = [];
          for (let k = 0; k < its.length; k++) {
            const r = its[k]!.next();
            if (r.done) {
              if (strict && k > 0) throw pyError(ValueError, `zip() argument ${k + 1} is shorter than argument${k > 1 ? 's 1-' + k : ' 1'}`);
              if (strict && k === 0) {
                for (let j = 1; j < its.length; j++) {
                  if (!its[j]!.next().done) throw pyError(ValueError, `zip() argument ${j + 1} is longer than argument${j > 1 ? 's 1-' + j : ' 1'}`);
                }
              }
              return;
            }
            vals.push(r.value);
          }
          yield new PyTuple(vals);
        }
      })(),
      'zip',
    );
  });
  def('map', (args) => {
    if (args.length < 2) throw pyError(TypeError, 'map() must have at least two arguments.');
    const f = args[0]!;
    const its = args.slice(1).map(iter);
    return new PyIterator(
      (function* () {
        for (;;) {
          const vals: PyValue[] = [];
          for (const it of its) {
            const r = it.next();
            if (r.done) return;
            vals.push(r.value);
          }
          yield interp.callValue(f, vals);
        }
      })(),
      'map',
    );
  });
  def('filter', (args) => {
    checkArgs('filter', args, 2);
    const f = args[0]!;
    const it = iter(args[1]!);
    return new PyIterator(
      (function* () {
        for (let r = it.next(); !r.done; r = it.next()) {
          if (f === None ? truthy(r.value) : truthy(interp.callValue(f, [r.value]))) yield r.value;
        }
      })(),
      'filter',
    );
  });
  def('iter', (args) => {
    checkArgs('iter', args, 1, 2);
    if (args.length === 2) {
      const [f, sentinel] = args as [PyValue, PyValue];
      return new PyIterator(
        (function* () {
          for (;;) {
            const v = interp.callValue(f, []);
            if (O.eq(v, sentinel)) return;
            yield v;
          }
        })(),
        'callable_iterator',
      );
    }
    const v = args[0]!;
    if (v instanceof PyIterator) return v;
    if (v instanceof PyObject && !(v instanceof PyList) && !(v instanceof PyTuple) && !(v instanceof PyDict)) {
      const mth = typeOf(v).lookup('__iter__');
      if (mth !== undefined && !(mth instanceof NativeFunction)) return call(bindAttribute(mth, v, typeOf(v)), []);
    }
    const kind = v instanceof PyList ? 'list_iterator' : v instanceof PyTuple ? 'tuple_iterator' : v instanceof PyDict ? 'dict_keyiterator' : typeof v === 'string' ? 'str_ascii_iterator' : 'iterator';
    return new PyIterator(iter(v), kind);
  });
  def('next', (args) => {
    checkArgs('next', args, 1, 2);
    const it = args[0]!;
    if (!(it instanceof PyIterator) && !(it instanceof PyObject && typeOf(it).lookup('__next__') !== undefined)) {
      throw pyError(TypeError, `'${typeName(it)}' object is not an iterator`);
    }
    const r = nextOf(it);
    if (r.done) {
      if (args.length > 1) return args[1]!;
      throw pyError(StopIterationClass);
    }
    return r.value;
  });
  def('isinstance', (args) => {
    checkArgs('isinstance', args, 2);
    return classinfoCheck('isinstance', args[1]!, (c) => {
      if (isinstance(args[0]!, c)) return true;
      const hook = c.pyClass.lookup('__instancecheck__');
      if (hook !== undefined && !(hook instanceof NativeFunction)) return truthy(call(hook, [c, args[0]!]));
      return false;
    });
  });
  def('issubclass', (args) => {
    checkArgs('issubclass', args, 2);
    const sub = args[0]!;
    if (!(sub instanceof PyClass)) throw pyError(TypeError, 'issubclass() arg 1 must be a class');
    return classinfoCheck('issubclass', args[1]!, (c) => sub.isSubclassOf(c));
  });
  def('hasattr', (args) => {
    checkArgs('hasattr', args, 2);
    const name = unbox(args[1]!);
    if (typeof name !== 'string') throw pyError(TypeError, 'hasattr(): attribute name must be string');
    try {
      return getattrOpt(args[0]!, name) !== undefined;
    } catch (e) {
      if (e instanceof PyException && e.matches(AttributeError)) return false;
      throw e;
    }
  });
  def('getattr', (args) => {
    checkArgs('getattr', args, 2, 3);
    const name = unbox(args[1]!);
    if (typeof name !== 'string') throw pyError(TypeError, 'attribute name must be string');
    try {
      const v = getattrOpt(args[0]!, name);
      if (v !== undefined) return v;
    } catch (e) {
      if (args.length > 2 && e instanceof PyException && e.matches(AttributeError)) return args[2]!;
      throw e;
    }
    if (args.length > 2) return args[2]!;
    return interp.getAttr(args[0]!, name);
  });
  def('setattr', (args) => {
    checkArgs('setattr', args, 3);
    const name = unbox(args[1]!);
    if (typeof name !== 'string') throw pyError(TypeError, `attribute name must be string, not '${typeName(args[1]!)}'`);
    setattr(args[0]!, name, args[2]!);
    return None;
  });
  def('delattr', (args) => {
    checkArgs('delattr', args, 2);
    const name = unbox(args[1]!);
    if (typeof name !== 'string') throw pyError(TypeError, 'attribute name must be string');
    const obj = args[0]!;
    const custom = obj instanceof PyObject ? typeOf(obj).lookup('__delattr__') : undefined;
    if (custom !== undefined && !(custom instanceof NativeFunction)) call(custom, [obj, name]);
    else O.delattr(obj, name);
    return None;
  });
  def('callable', (args) => {
    checkArgs('callable', args, 1);
    return isCallable(args[0]!);
  });
  def('id', (args) => {
    checkArgs('id', args, 1);
    return idOf(args[0]!);
  });
  def('hash', (args) => {
    checkArgs('hash', args, 1);
    return hashOf(args[0]!);
  });
  def('chr', (args) => {
    checkArgs('chr', args, 1);
    const i = indexValue(unbox(args[0]!));
    if (i === undefined) throw pyError(TypeError, `'${typeName(args[0]!)}' object cannot be interpreted as an integer`);
    if (i < 0n || i > 0x10ffffn) throw pyError(ValueError, 'chr() arg not in range(0x110000)');
    return String.fromCodePoint(Number(i));
  });
  def('ord', (args) => {
    checkArgs('ord', args, 1);
    const v = unbox(args[0]!);
    if (v instanceof PyBytes) {
      if (v.data.length !== 1) throw pyError(TypeError, `ord() expected a character, but string of length ${v.data.length} found`);
      return BigInt(v.data[0]!);
    }
    if (typeof v !== 'string') throw pyError(TypeError, `ord() expected string of length 1, but ${typeName(args[0]!)} found`);
    const chars = Array.from(v);
    if (chars.length !== 1) throw pyError(TypeError, `ord() expected a character, but string of length ${chars.length} found`);
    return BigInt(chars[0]!.codePointAt(0)!);
  });
  def('hex', (args) => numberText(args[0]!, '0x', 16, 'hex'));
  def('oct', (args) => numberText(args[0]!, '0o', 8, 'oct'));
  def('bin', (args) => numberText(args[0]!, '0b', 2, 'bin'));
  def('vars', (args) => {
    if (args.length === 0) return new PyDict([...(interp.currentFrame?.locals ?? new Map())]);
    const v = args[0]!;
    const d = getattrOpt(v, '__dict__');
    if (d !== undefined) return d;
    throw pyError(TypeError, 'vars() argument must have __dict__ attribute');
  });
  def('dir', (args) => {
    if (args.length === 0) return new PyList([...(interp.currentFrame?.locals.keys() ?? [])].sort());
    const v = args[0]!;
    const custom = v instanceof PyObject && !(v instanceof PyClass) ? typeOf(v).lookup('__dir__') : undefined;
    if (custom !== undefined && !(custom instanceof NativeFunction)) return new PyList(sortValues(iterToArray(call(custom, [v])), None, false));
    return new PyList(dirOf(v));
  });
  def('globals', () => new PyDict([...(interp.currentFrame?.globals ?? new Map())]));
  def('locals', () => new PyDict([...(interp.currentFrame?.locals ?? new Map())]));
  def('input', (args) => {
    if (args.length) interp.stdout(str(args[0]!));
    throw pyError(EOFError, 'EOF when reading a line');
  });
  def('open', (args, kwargs) => {
    const file = args[0] ?? kwargs.get('file') ?? None;
    throw new PyException(O.newException(PermissionError, 13n, 'Permission denied (files are not available in the sandbox)', file));
  });
  def('eval', (args) => {
    checkArgs('eval', args, 1, 3);
    const src = unbox(args[0]!);
    if (typeof src !== 'string') throw pyError(TypeError, 'eval() arg 1 must be a string, bytes or code object');
    const g = args[1];
    const globals = g instanceof PyDict ? dictToMap(g) : interp.currentFrame?.globals;
    return interp.evalExpression(src.trim(), globals, '<string>');
  });
  def('exec', (args) => {
    checkArgs('exec', args, 1, 3);
    const src = unbox(args[0]!);
    if (typeof src !== 'string') throw pyError(TypeError, 'exec() arg 1 must be a string, bytes or code object');
    const g = args[1];
    const l = args[2];
    if (g instanceof PyDict) {
      const map = dictToMap(g);
      // exec(code, globals, locals): top-level names go to locals
      const localMap = l instanceof PyDict && l !== g ? dictToMap(l) : map;
      try {
        interp.exec(src, map, '<string>', localMap);
      } finally {
        for (const [k, v] of map) g.set(k, v);
        if (l instanceof PyDict && localMap !== map) for (const [k, v] of localMap) l.set(k, v);
      }
    } else interp.exec(src, interp.currentFrame?.globals ?? new Map(), '<string>');
    return None;
  });
  def('__import__', (args, kwargs) => {
    const name = str(args[0] ?? kwargs.get('name') ?? '');
    const fromlist = args[3] ?? kwargs.get('fromlist') ?? None;
    const level = Number(asInt(unbox(args[4] ?? kwargs.get('level') ?? 0n)) ?? 0n);
    const frame = interp.currentFrame;
    const abs = interp.imports.resolveName(name, level, frame?.mod.package ?? '', frame?.mod.name ?? '');
    const mod = interp.importModule(abs);
    if (fromlist !== None && truthy(fromlist)) return mod;
    return interp.modules.get(abs.split('.')[0]!) ?? mod;
  });
  def('compile', () => {
    throw pyError(O.NotImplementedError, 'compile() is not supported in this sandbox');
  });
  def('breakpoint', () => None);
  def('help', () => {
    interp.stdout('help() is not available in this sandbox\n');
    return None;
  });
  for (const name of ['memoryview', 'bytearray', 'complex']) {
    def(name, () => {
      throw pyError(O.NotImplementedError, `${name} is not supported in this sandbox`);
    });
  }
  return m;
}

function dictToMap(d: PyDict): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  for (const [k, v] of d.items()) m.set(str(k), v);
  return m;
}
