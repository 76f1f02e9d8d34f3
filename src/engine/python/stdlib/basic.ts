/**
 * Small standard-library modules: sys, os, os.path, math, string, typing, __future__, keyword,
 * warnings, types, abc, time.
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  OverflowError,
  PyClass,
  PyClassMethod,
  PyBytes,
  PyDict,
  PyException,
  PyInstance,
  PyList,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  SystemExitClass,
  TypeError,
  ValueError,
  UserWarning,
  bindAttribute,
  call,
  functionClass,
  methodClass,
  moduleClass,
  newException,
  noneTypeClass,
  objectClass,
  pyError,
  repr,
  str,
  typeClass,
  typeName,
  typeOf,
  builtinFunctionClass,
} from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { unbox, method, genericSetattr } from '../types/core.ts';
import { asFloat, asInt, binaryOp, indexValue } from '../operators.ts';
import { floatToInt } from '../types/numbers.ts';
import { iterToArray } from '../types/containers.ts';
import { GenericAlias, genericAliasClass } from '../types/alias.ts';

export function fn(module: string, name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, impl, { module, qualname: name });
}

export function mod(name: string, attrs: Record<string, PyValue>, doc: PyValue = None): PyModule {
  const m = new PyModule(name);
  m.dict.set('__doc__', doc);
  for (const [k, v] of Object.entries(attrs)) m.dict.set(k, v);
  return m;
}

// ---------------------------------------------------------------------------------------------
// sys
// ---------------------------------------------------------------------------------------------

const streamClass = new PyClass('TextIOWrapper', { module: '_io' });

class Stream extends PyObject {
  constructor(
    readonly name: string,
    readonly write: (s: string) => void,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return streamClass;
  }
  override nativeGetAttr(attr: string): PyValue | undefined {
    switch (attr) {
      case 'write':
        return new NativeFunction('write', (a) => {
          const s = unbox(a[0] ?? None);
          if (typeof s !== 'string') throw pyError(TypeError, `write() argument must be str, not ${typeName(a[0] ?? None)}`);
          this.write(s);
          return BigInt(s.length);
        });
      case 'flush':
        return new NativeFunction('flush', () => None);
      case 'isatty':
        return new NativeFunction('isatty', () => false);
      case 'name':
        return this.name;
      case 'encoding':
        return 'utf-8';
    }
    return undefined;
  }
  override nativeRepr(): string {
    return `<_io.TextIOWrapper name='${this.name}' mode='w' encoding='utf-8'>`;
  }
}

class SysModule extends PyModule {
  constructor(private readonly interp: Interpreter) {
    super('sys');
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === 'modules') return new PyDict([...this.interp.modules]);
    return undefined;
  }
}

export function makeSys(interp: Interpreter): PyModule {
  const m = new SysModule(interp);
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => m.dict.set(name, fn('sys', name, impl));
  m.dict.set('argv', new PyList(['manage.py']));
  m.dict.set('version', '3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]');
  m.dict.set('version_info', new PyTuple([3n, 11n, 2n, 'final', 0n]));
  m.dict.set('hexversion', 0x30b02f0n);
  m.dict.set('platform', 'linux');
  m.dict.set('byteorder', 'little');
  m.dict.set('maxsize', 2n ** 63n - 1n);
  m.dict.set('maxunicode', 0x10ffffn);
  m.dict.set('executable', '/usr/bin/python3');
  m.dict.set('prefix', '/usr');
  m.dict.set('path', new PyList(['']));
  m.dict.set('implementation', None);
  m.dict.set('stdout', new Stream('<stdout>', (s) => interp.stdout(s)));
  m.dict.set('stderr', new Stream('<stderr>', (s) => interp.stderr(s)));
  m.dict.set('__stdout__', m.dict.get('stdout')!);
  m.dict.set('__stderr__', m.dict.get('stderr')!);
  m.dict.set('flags', None);
  f('getrecursionlimit', () => BigInt(interp.recursionLimit));
  f('setrecursionlimit', (a) => {
    const n = asInt(unbox(a[0] ?? None));
    if (n === undefined || n < 1n) throw pyError(ValueError, 'recursion limit must be greater or equal than 1');
    interp.recursionLimit = Number(n);
    return None;
  });
  f('exit', (a) => {
    throw new PyException(newException(SystemExitClass, ...(a.length ? [a[0]!] : [])));
  });
  f('getdefaultencoding', () => 'utf-8');
  f('getfilesystemencoding', () => 'utf-8');
  f('intern', (a) => a[0]!);
  f('getsizeof', () => 64n);
  f('exc_info', () => {
    const e = interp.currentException();
    return e ? new PyTuple([e.value.cls, e.value, None]) : new PyTuple([None, None, None]);
  });
  f('exception', () => interp.currentException()?.value ?? None);
  f('_getframe', () => {
    throw pyError(ValueError, 'call stack is not available in this sandbox');
  });
  return m;
}

// ---------------------------------------------------------------------------------------------
// os and os.path
// ---------------------------------------------------------------------------------------------

export function normPath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const body = parts.join('/');
  // POSIX keeps exactly two leading slashes
  const lead = abs ? (p.startsWith('//') && !p.startsWith('///') ? '//' : '/') : '';
  return lead + body || (abs ? lead : '.');
}

function pathArg(v: PyValue | undefined, fname: string): string {
  if (v === undefined) throw pyError(TypeError, `${fname}() missing required argument`);
  const u = unbox(v);
  if (typeof u === 'string') return u;
  if (v instanceof PyObject) {
    const fs = typeOf(v).lookup('__fspath__');
    if (fs !== undefined) return str(call(bindAttribute(fs, v, typeOf(v)), []));
  }
  throw pyError(TypeError, `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
}

export function makeOsPath(): PyModule {
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => fn('posixpath', name, impl);
  const join = (a: PyValue[]) => {
    let out = pathArg(a[0], 'join');
    for (const x of a.slice(1)) {
      const p = pathArg(x, 'join');
      if (p.startsWith('/')) out = p;
      else if (out === '' || out.endsWith('/')) out += p;
      else out += '/' + p;
    }
    return out;
  };
  const split = (p: string): [string, string] => {
    const i = p.lastIndexOf('/') + 1;
    let head = p.slice(0, i);
    const tail = p.slice(i);
    if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
    return [head, tail];
  };
  const m = mod('posixpath', {
    sep: '/',
    curdir: '.',
    pardir: '..',
    extsep: '.',
    join: f('join', join),
    dirname: f('dirname', (a) => split(pathArg(a[0], 'dirname'))[0]),
    basename: f('basename', (a) => split(pathArg(a[0], 'basename'))[1]),
    split: f('split', (a) => new PyTuple(split(pathArg(a[0], 'split')))),
    splitext: f('splitext', (a) => {
      const p = pathArg(a[0], 'splitext');
      const base = p.lastIndexOf('/') + 1;
      const dot = p.lastIndexOf('.');
      if (dot <= base) return new PyTuple([p, '']);
      let i = base;
      while (i < dot && p[i] === '.') i++;
      if (i === dot) return new PyTuple([p, '']);
      return new PyTuple([p.slice(0, dot), p.slice(dot)]);
    }),
    normpath: f('normpath', (a) => normPath(pathArg(a[0], 'normpath'))),
    abspath: f('abspath', (a) => {
      const p = pathArg(a[0], 'abspath');
      return normPath(p.startsWith('/') ? p : '/' + p);
    }),
    realpath: f('realpath', (a) => {
      const p = pathArg(a[0], 'realpath');
      return normPath(p.startsWith('/') ? p : '/' + p);
    }),
    isabs: f('isabs', (a) => pathArg(a[0], 'isabs').startsWith('/')),
    exists: f('exists', () => false),
    isfile: f('isfile', () => false),
    isdir: f('isdir', () => false),
    islink: f('islink', () => false),
    expanduser: f('expanduser', (a) => pathArg(a[0], 'expanduser').replace(/^~(?=\/|$)/, '/root')),
    expandvars: f('expandvars', (a) => pathArg(a[0], 'expandvars')),
    relpath: f('relpath', (a) => {
      const p = normPath(pathArg(a[0], 'relpath')).split('/').filter(Boolean);
      const start = normPath(a[1] === undefined ? '/' : pathArg(a[1], 'relpath')).split('/').filter(Boolean);
      let i = 0;
      while (i < p.length && i < start.length && p[i] === start[i]) i++;
      return [...Array(start.length - i).fill('..'), ...p.slice(i)].join('/') || '.';
    }),
  });
  return m;
}

export function makeOs(interp: Interpreter): PyModule {
  // os.path is created here (importing it would import os again)
  const path = interp.modules.get('os.path') ?? makeOsPath();
  interp.modules.set('os.path', path);
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => fn('os', name, impl);
  const environ = new PyDict();
  const noFiles = (name: string) =>
    f(name, () => {
      throw new PyException(newException(interp.builtins.get('PermissionError') as PyClass, 13n, 'Permission denied (files are not available in the sandbox)'));
    });
  return mod('os', {
    name: 'posix',
    sep: '/',
    altsep: None,
    extsep: '.',
    pathsep: ':',
    linesep: '\n',
    curdir: '.',
    pardir: '..',
    devnull: '/dev/null',
    path,
    environ,
    getenv: f('getenv', (a) => environ.get(a[0] ?? None) ?? a[1] ?? None),
    getcwd: f('getcwd', () => '/'),
    getpid: f('getpid', () => 4242n),
    cpu_count: f('cpu_count', () => 1n),
    urandom: f('urandom', (a) => {
      const n = Number(asInt(unbox(a[0] ?? 0n)) ?? 0n);
      return new PyBytes(interp.env.randomBytes(n));
    }),
    fspath: f('fspath', (a) => pathArg(a[0], 'fspath')),
    listdir: noFiles('listdir'),
    makedirs: noFiles('makedirs'),
    mkdir: noFiles('mkdir'),
    remove: noFiles('remove'),
    unlink: noFiles('unlink'),
    rename: noFiles('rename'),
    stat: noFiles('stat'),
    walk: noFiles('walk'),
    PathLike: new PyClass('PathLike', { module: 'os' }),
  });
}

// ---------------------------------------------------------------------------------------------
// math
// ---------------------------------------------------------------------------------------------

function num(v: PyValue | undefined, fname: string): number {
  if (v === undefined) throw pyError(TypeError, `${fname}() missing required argument`);
  const f = asFloat(unbox(v));
  if (f !== undefined) return f;
  if (v instanceof PyObject) {
    const m = typeOf(v).lookup('__float__');
    if (m !== undefined) return asFloat(unbox(call(bindAttribute(m, v, typeOf(v)), []))) ?? NaN;
  }
  throw pyError(TypeError, `must be real number, not ${typeName(v)}`);
}

function domain(x: number): number {
  if (Number.isNaN(x)) throw pyError(ValueError, 'math domain error');
  return x;
}

function roundingHook(name: '__floor__' | '__ceil__' | '__trunc__', v: PyValue, op: (x: number) => number): PyValue {
  const u = unbox(v);
  if (typeof u === 'bigint') return u;
  if (typeof u === 'boolean') return u ? 1n : 0n;
  if (typeof u === 'number') return floatToInt(op(u));
  if (v instanceof PyObject) {
    const m = typeOf(v).lookup(name);
    if (m !== undefined) return call(bindAttribute(m, v, typeOf(v)), []);
  }
  return floatToInt(op(num(v, name.slice(2, -2))));
}

function intArgM(v: PyValue | undefined, fname: string): bigint {
  const i = v === undefined ? undefined : indexValue(unbox(v));
  if (i === undefined) throw pyError(TypeError, `'${typeName(v ?? None)}' object cannot be interpreted as an integer`);
  return i;
}

export function makeMath(): PyModule {
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => fn('math', name, impl);
  const f1 = (name: string, op: (x: number) => number) =>
    f(name, (a) => {
      const x = num(a[0], name);
      const r = op(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) throw pyError(ValueError, 'math domain error');
      if (!Number.isFinite(r) && Number.isFinite(x)) throw pyError(OverflowError, 'math range error');
      return r;
    });
  const gcd = (x: bigint, y: bigint): bigint => {
    x = x < 0n ? -x : x;
    y = y < 0n ? -y : y;
    while (y) [x, y] = [y, x % y];
    return x;
  };
  const factorial = (n: bigint): bigint => {
    let r = 1n;
    for (let i = 2n; i <= n; i++) r *= i;
    return r;
  };
  return mod('math', {
    pi: Math.PI,
    e: Math.E,
    tau: 2 * Math.PI,
    inf: Infinity,
    nan: NaN,
    sqrt: f1('sqrt', (x) => (x < 0 ? NaN : Math.sqrt(x))),
    exp: f1('exp', Math.exp),
    log: f('log', (a) => {
      const x = num(a[0], 'log');
      if (x <= 0) throw pyError(ValueError, 'math domain error');
      if (a[1] === undefined) return Math.log(x);
      const b = num(a[1], 'log');
      return domain(Math.log(x) / Math.log(b));
    }),
    log10: f1('log10', (x) => (x <= 0 ? NaN : Math.log10(x))),
    log2: f1('log2', (x) => (x <= 0 ? NaN : Math.log2(x))),
    log1p: f1('log1p', Math.log1p),
    sin: f1('sin', Math.sin),
    cos: f1('cos', Math.cos),
    tan: f1('tan', Math.tan),
    asin: f1('asin', Math.asin),
    acos: f1('acos', Math.acos),
    atan: f1('atan', Math.atan),
    atan2: f('atan2', (a) => Math.atan2(num(a[0], 'atan2'), num(a[1], 'atan2'))),
    sinh: f1('sinh', Math.sinh),
    cosh: f1('cosh', Math.cosh),
    tanh: f1('tanh', Math.tanh),
    degrees: f1('degrees', (x) => (x * 180) / Math.PI),
    radians: f1('radians', (x) => (x * Math.PI) / 180),
    fabs: f1('fabs', Math.abs),
    floor: f('floor', (a) => roundingHook('__floor__', a[0] ?? None, Math.floor)),
    ceil: f('ceil', (a) => roundingHook('__ceil__', a[0] ?? None, Math.ceil)),
    trunc: f('trunc', (a) => roundingHook('__trunc__', a[0] ?? None, Math.trunc)),
    pow: f('pow', (a) => {
      const r = Math.pow(num(a[0], 'pow'), num(a[1], 'pow'));
      return domain(r);
    }),
    hypot: f('hypot', (a) => Math.hypot(...a.map((x) => num(x, 'hypot')))),
    copysign: f('copysign', (a) => {
      const x = Math.abs(num(a[0], 'copysign'));
      const y = num(a[1], 'copysign');
      return y < 0 || Object.is(y, -0) ? -x : x;
    }),
    fmod: f('fmod', (a) => domain(num(a[0], 'fmod') % num(a[1], 'fmod'))),
    modf: f('modf', (a) => {
      const x = num(a[0], 'modf');
      const i = Math.trunc(x);
      return new PyTuple([x - i, i]);
    }),
    isnan: f('isnan', (a) => Number.isNaN(num(a[0], 'isnan'))),
    isinf: f('isinf', (a) => {
      const x = num(a[0], 'isinf');
      return !Number.isFinite(x) && !Number.isNaN(x);
    }),
    isfinite: f('isfinite', (a) => Number.isFinite(num(a[0], 'isfinite'))),
    isclose: f('isclose', (a, k) => {
      const x = num(a[0], 'isclose');
      const y = num(a[1], 'isclose');
      const rel = k.has('rel_tol') ? num(k.get('rel_tol'), 'isclose') : 1e-9;
      const abs = k.has('abs_tol') ? num(k.get('abs_tol'), 'isclose') : 0;
      if (x === y) return true;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
      const diff = Math.abs(x - y);
      return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
    }),
    gcd: f('gcd', (a) => a.reduce<bigint>((acc, x) => gcd(acc, intArgM(x, 'gcd')), 0n)),
    lcm: f('lcm', (a) =>
      a.reduce<bigint>((acc, x) => {
        const v = intArgM(x, 'lcm');
        if (acc === 0n || v === 0n) return 0n;
        const r = (acc * v) / gcd(acc, v);
        return r < 0n ? -r : r;
      }, 1n),
    ),
    factorial: f('factorial', (a) => {
      const n = intArgM(a[0], 'factorial');
      if (n < 0n) throw pyError(ValueError, 'factorial() not defined for negative values');
      return factorial(n);
    }),
    comb: f('comb', (a) => {
      const n = intArgM(a[0], 'comb');
      const k = intArgM(a[1], 'comb');
      if (n < 0n || k < 0n) throw pyError(ValueError, 'n must be a non-negative integer');
      if (k > n) return 0n;
      return factorial(n) / (factorial(k) * factorial(n - k));
    }),
    perm: f('perm', (a) => {
      const n = intArgM(a[0], 'perm');
      const k = a[1] === undefined || a[1] === None ? n : intArgM(a[1], 'perm');
      if (k > n) return 0n;
      return factorial(n) / factorial(n - k);
    }),
    prod: f('prod', (a, k) => {
      let acc: PyValue = k.get('start') ?? 1n;
      for (const x of iterToArray(a[0] ?? new PyList([]))) acc = binaryOp('*', acc, x);
      return acc;
    }),
    fsum: f('fsum', (a) => {
      // Neumaier summation
      let sum = 0;
      let c = 0;
      for (const x of iterToArray(a[0] ?? new PyList([]))) {
        const v = num(x, 'fsum');
        const t = sum + v;
        c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
      }
      return sum + c;
    }),
    isqrt: f('isqrt', (a) => {
      const n = intArgM(a[0], 'isqrt');
      if (n < 0n) throw pyError(ValueError, 'isqrt() argument must be nonnegative');
      if (n < 2n) return n;
      let x = BigInt(Math.floor(Math.sqrt(Number(n))));
      while (x * x > n) x--;
      while ((x + 1n) * (x + 1n) <= n) x++;
      return x;
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// string, keyword, __future__
// ---------------------------------------------------------------------------------------------

export function makeString(): PyModule {
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const upper = lower.toUpperCase();
  const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
  return mod('string', {
    ascii_lowercase: lower,
    ascii_uppercase: upper,
    ascii_letters: lower + upper,
    digits: '0123456789',
    hexdigits: '0123456789abcdefABCDEF',
    octdigits: '01234567',
    punctuation,
    whitespace: ' \t\n\r\x0b\x0c',
    printable: '0123456789' + lower + upper + punctuation + ' \t\n\r\x0b\x0c',
    capwords: fn('string', 'capwords', (a) => {
      const s = str(a[0] ?? '');
      const sep = a[1] === undefined || a[1] === None ? null : str(a[1]);
      const words = sep === null ? s.split(/\s+/).filter(Boolean) : s.split(sep);
      return words.map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w)).join(sep ?? ' ');
    }),
  });
}

const KWLIST = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
];

export function makeKeyword(): PyModule {
  return mod('keyword', {
    kwlist: new PyList([...KWLIST]),
    softkwlist: new PyList(['_', 'case', 'match']),
    iskeyword: fn('keyword', 'iskeyword', (a) => KWLIST.includes(str(a[0] ?? ''))),
    issoftkeyword: fn('keyword', 'issoftkeyword', (a) => ['_', 'case', 'match'].includes(str(a[0] ?? ''))),
  });
}

const featureClass = new PyClass('_Feature', { module: '__future__' });
export function makeFuture(): PyModule {
  const feature = (name: string) => {
    const f = new PyInstance(featureClass);
    f.dict.set('name', name);
    return f;
  };
  const names = ['nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals', 'generator_stop', 'annotations'];
  const attrs: Record<string, PyValue> = {};
  for (const n of names) attrs[n] = feature(n);
  return mod('__future__', attrs);
}

// ---------------------------------------------------------------------------------------------
// typing
// ---------------------------------------------------------------------------------------------

/** typing: every name is a class usable in annotations, subscripts and as a base. */
class TypingModule extends PyModule {
  private readonly made = new Map<string, PyValue>();
  constructor() {
    super('typing');
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name.startsWith('__')) return undefined;
    let v = this.made.get(name);
    if (!v) {
      v = typingClass(name);
      this.made.set(name, v);
    }
    return v;
  }
}

function typingClass(name: string): PyClass {
  const cls = new PyClass(name, { module: 'typing' });
  cls.dict.set('__class_getitem__', new PyClassMethod(new NativeFunction('__class_getitem__', (a) => new GenericAlias(a[0]!, a[1]!))));
  return cls;
}

export function makeTyping(): PyModule {
  const m = new TypingModule();
  const f = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => m.dict.set(name, fn('typing', name, impl));
  m.dict.set('TYPE_CHECKING', false);
  m.dict.set('__doc__', None);
  f('cast', (a) => a[1] ?? None);
  f('overload', (a) => a[0] ?? None);
  f('final', (a) => a[0] ?? None);
  f('no_type_check', (a) => a[0] ?? None);
  f('runtime_checkable', (a) => a[0] ?? None);
  f('get_type_hints', () => new PyDict());
  f('TypeVar', (a) => {
    const tv = new PyInstance(typeVarClass);
    tv.dict.set('__name__', a[0] ?? '');
    return tv;
  });
  f('NewType', (a) => {
    const name = str(a[0] ?? '');
    const nt = new NativeFunction(name, (x) => x[0] ?? None, { module: 'typing' });
    return nt;
  });
  m.dict.set('Any', typingClass('Any'));
  return m;
}
const typeVarClass = new PyClass('TypeVar', { module: 'typing' });
method(typeVarClass, '__repr__', (a) => '~' + str((a[0] as PyInstance).dict.get('__name__') ?? ''));

// ---------------------------------------------------------------------------------------------
// warnings, types, abc, time
// ---------------------------------------------------------------------------------------------

export function makeWarnings(interp: Interpreter): PyModule {
  const catchClass: PyClass = new PyClass('catch_warnings', {
    module: 'warnings',
    nativeNew: (): PyValue => new CatchWarnings(catchClass),
  });
  return mod('warnings', {
    warn: fn('warnings', 'warn', (a, k) => {
      const message = a[0] ?? k.get('message') ?? '';
      const cat = a[1] ?? k.get('category') ?? UserWarning;
      const frame = interp.currentFrame;
      const where = frame ? `${frame.mod.filename}:${frame.pos.line}: ` : '';
      const catName = cat instanceof PyClass ? cat.name : 'UserWarning';
      const text = message instanceof PyInstance ? str(message) : str(message);
      interp.stderr(`${where}${catName}: ${text}\n`);
      return None;
    }),
    filterwarnings: fn('warnings', 'filterwarnings', () => None),
    simplefilter: fn('warnings', 'simplefilter', () => None),
    resetwarnings: fn('warnings', 'resetwarnings', () => None),
    catch_warnings: catchClass,
  });
}

class CatchWarnings extends PyObject {
  constructor(private readonly cls: PyClass) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeEnter(): PyValue {
    return new PyList([]);
  }
  override nativeExit(): boolean {
    return false;
  }
}

export const simpleNamespaceClass = new PyClass('SimpleNamespace', {
  module: 'types',
  nativeNew: (cls, args, kwargs) => {
    if (args.length) throw pyError(TypeError, 'no positional arguments expected');
    const o = new PyInstance(cls);
    for (const [k, v] of kwargs) o.dict.set(k, v);
    return o;
  },
});
method(simpleNamespaceClass, '__repr__', (a) => {
  const o = a[0] as PyInstance;
  const name = o.cls === simpleNamespaceClass ? 'namespace' : o.cls.name;
  return `${name}(${[...o.dict].map(([k, v]) => `${k}=${repr(v)}`).join(', ')})`;
});
method(simpleNamespaceClass, '__eq__', (a) => {
  const [x, y] = a as [PyInstance, PyValue];
  if (!(y instanceof PyInstance) || !y.cls.isSubclassOf(simpleNamespaceClass)) return false;
  return x.dict.size === y.dict.size && [...x.dict].every(([k, v]) => y.dict.has(k) && repr(y.dict.get(k)!) === repr(v));
});

export function makeTypes(): PyModule {
  return mod('types', {
    SimpleNamespace: simpleNamespaceClass,
    FunctionType: functionClass,
    LambdaType: functionClass,
    MethodType: methodClass,
    BuiltinFunctionType: builtinFunctionClass,
    ModuleType: moduleClass,
    NoneType: noneTypeClass,
    GenericAlias: genericAliasClass,
    MappingProxyType: fn('types', 'MappingProxyType', (a) => new PyDict(a[0] instanceof PyDict ? a[0].items() : [])),
    new_class: fn('types', 'new_class', (a) => call(typeClass, [a[0] ?? '', a[1] ?? new PyTuple([]), new PyDict()])),
  });
}

export function makeAbc(): PyModule {
  const ABC = new PyClass('ABC', { module: 'abc' });
  return mod('abc', {
    ABC,
    ABCMeta: typeClass,
    abstractmethod: fn('abc', 'abstractmethod', (a) => {
      const f = a[0] ?? None;
      if (f instanceof PyObject && f.dict) {
        try {
          genericSetattr(f, '__isabstractmethod__', true);
        } catch {
          /* ignore */
        }
      }
      return f;
    }),
    abstractproperty: objectClass,
  });
}

export function makeTime(interp: Interpreter): PyModule {
  const t0 = interp.env.now().getTime();
  return mod('time', {
    time: fn('time', 'time', () => interp.env.now().getTime() / 1000),
    time_ns: fn('time', 'time_ns', () => BigInt(interp.env.now().getTime()) * 1_000_000n),
    monotonic: fn('time', 'monotonic', () => (interp.env.now().getTime() - t0) / 1000),
    perf_counter: fn('time', 'perf_counter', () => (interp.env.now().getTime() - t0) / 1000),
    process_time: fn('time', 'process_time', () => 0),
    sleep: fn('time', 'sleep', (a) => {
      const s = asFloat(unbox(a[0] ?? 0n));
      if (s === undefined) throw pyError(TypeError, `'${typeName(a[0] ?? None)}' object cannot be interpreted as an integer`);
      if (s < 0) throw pyError(ValueError, 'sleep length must be non-negative');
      return None;
    }),
  });
}

