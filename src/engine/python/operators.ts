/**
 * Python operators on the object model: binary arithmetic/bitwise operators with the numeric tower
 * (bool < int (bigint) < float), sequence concatenation/repetition, set algebra, dunder dispatch
 * with reflected operands and NotImplemented; unary operators; rich comparisons; membership;
 * identity; subscripting (with slices) and item assignment/deletion.
 *
 * Error messages follow CPython 3.11.
 */
import {
  IndexError,
  PyClassMethod,
  PyInstance,
  KeyError,
  NO_KWARGS,
  NotImplemented,
  OverflowError,
  PyBytes,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  ZeroDivisionError,
  NativeFunction,
  None,
  bindAttribute,
  call,
  eq,
  iterate,
  pyError,
  typeName,
  typeOf,
  truthy as truthyLocal,
  dictClass,
  listClass,
  tupleClass,
  setClass,
  frozensetClass,
  strClass,
} from './objects.ts';
import type { Operator, CmpOperator, UnaryOperator } from './ast.ts';

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** int/bool as bigint, or undefined. */
export function asInt(v: PyValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

/** int/bool/float as a JS number (floats unchanged), or undefined. */
export function asFloat(v: PyValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function intToFloat(v: bigint): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw pyError(OverflowError, 'int too large to convert to float');
  return n;
}

function isNumber(v: PyValue): boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean';
}

export function floorDivInt(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function modInt(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

export function modFloat(a: number, b: number): number {
  let r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) r += b;
  else if (r === 0) r = b < 0 ? -0 : 0;
  return r;
}

function powInt(a: bigint, b: bigint): PyValue {
  if (b < 0n) {
    if (a === 0n) throw pyError(ZeroDivisionError, '0.0 cannot be raised to a negative power');
    return Math.pow(intToFloat(a), Number(b));
  }
  return a ** b;
}

function powFloat(a: number, b: number): number {
  if (a === 0 && b < 0) throw pyError(ZeroDivisionError, '0.0 cannot be raised to a negative power');
  if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) {
    throw pyError(ValueError, 'math domain error (a negative number to a fractional power is a complex number, which this sandbox does not support)');
  }
  const r = Math.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw pyError(OverflowError, "(34, 'Numerical result out of range')");
  return r;
}

/** Arithmetic on two numbers (bool/int/float); undefined when an operand is not a number. */
function numericOp(op: Operator, a: PyValue, b: PyValue): PyValue | undefined {
  const ia = asInt(a);
  const ib = asInt(b);
  if (ia !== undefined && ib !== undefined) {
    switch (op) {
      case '+':
        return ia + ib;
      case '-':
        return ia - ib;
      case '*':
        return ia * ib;
      case '/':
        if (ib === 0n) throw pyError(ZeroDivisionError, 'division by zero');
        return trueDivInt(ia, ib);
      case '//':
        if (ib === 0n) throw pyError(ZeroDivisionError, 'integer division or modulo by zero');
        return floorDivInt(ia, ib);
      case '%':
        if (ib === 0n) throw pyError(ZeroDivisionError, 'integer modulo by zero');
        return modInt(ia, ib);
      case '**':
        return powInt(ia, ib);
      case '<<':
        if (ib < 0n) throw pyError(ValueError, 'negative shift count');
        return ia << ib;
      case '>>':
        if (ib < 0n) throw pyError(ValueError, 'negative shift count');
        return ia >> ib;
      case '&':
        if (typeof a === 'boolean' && typeof b === 'boolean') return a && b;
        return ia & ib;
      case '|':
        if (typeof a === 'boolean' && typeof b === 'boolean') return a || b;
        return ia | ib;
      case '^':
        if (typeof a === 'boolean' && typeof b === 'boolean') return a !== b;
        return ia ^ ib;
      case '@':
        return undefined;
    }
  }
  const fa = asFloat(a);
  const fb = asFloat(b);
  if (fa === undefined || fb === undefined) return undefined;
  switch (op) {
    // float + - * / overflow to inf silently (only ** raises OverflowError)
    case '+':
      return fa + fb;
    case '-':
      return fa - fb;
    case '*':
      return fa * fb;
    case '/':
      if (fb === 0) throw pyError(ZeroDivisionError, 'float division by zero');
      return fa / fb;
    case '//':
      if (fb === 0) throw pyError(ZeroDivisionError, 'float floor division by zero');
      return Math.floor(fa / fb);
    case '%':
      if (fb === 0) throw pyError(ZeroDivisionError, 'float modulo');
      return modFloat(fa, fb);
    case '**':
      return powFloat(fa, fb);
    default:
      return undefined; // bitwise ops on floats are unsupported
  }
}

/** int / int with correct rounding for values beyond 2**53. */
function trueDivInt(a: bigint, b: bigint): number {
  const na = Number(a);
  const nb = Number(b);
  if (Math.abs(na) < 2 ** 53 && Math.abs(nb) < 2 ** 53) return na / nb;
  // scale to keep 60 significant bits
  const neg = (a < 0n) !== (b < 0n);
  let x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  let shift = 0;
  const bits = (v: bigint) => v.toString(2).length;
  const want = bits(y) + 64 - bits(x);
  if (want > 0) {
    x <<= BigInt(want);
    shift = -want;
  }
  const q = x / y;
  const r = Number(q) * Math.pow(2, shift);
  if (!Number.isFinite(r)) throw pyError(OverflowError, 'integer division result too large for a float');
  return neg ? -r : r;
}

// ---------------------------------------------------------------------------------------------
// Binary operators
// ---------------------------------------------------------------------------------------------

const DUNDER: Record<Operator, [string, string]> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
  '@': ['__matmul__', '__rmatmul__'],
  '/': ['__truediv__', '__rtruediv__'],
  '//': ['__floordiv__', '__rfloordiv__'],
  '%': ['__mod__', '__rmod__'],
  '**': ['__pow__', '__rpow__'],
  '<<': ['__lshift__', '__rlshift__'],
  '>>': ['__rshift__', '__rrshift__'],
  '&': ['__and__', '__rand__'],
  '|': ['__or__', '__ror__'],
  '^': ['__xor__', '__rxor__'],
};

const INPLACE: Record<Operator, string> = {
  '+': '__iadd__',
  '-': '__isub__',
  '*': '__imul__',
  '@': '__imatmul__',
  '/': '__itruediv__',
  '//': '__ifloordiv__',
  '%': '__imod__',
  '**': '__ipow__',
  '<<': '__ilshift__',
  '>>': '__irshift__',
  '&': '__iand__',
  '|': '__ior__',
  '^': '__ixor__',
};

/** Hook for str % args (installed by formatting.ts to avoid an import cycle). */
export const hooks: { percentFormat: (fmt: string, args: PyValue) => string; bytesPercent?: (fmt: Uint8Array, args: PyValue) => Uint8Array } = {
  percentFormat: () => {
    throw new Error('formatting not installed');
  },
};

function repeatCount(n: PyValue): bigint | undefined {
  const i = asInt(n);
  if (i !== undefined) return i;
  if (n instanceof PyObject) {
    const idx = typeOf(n).lookup('__index__');
    if (idx !== undefined) return asInt(call(idx, [n]));
  }
  return undefined;
}

function repeatArray<T>(items: readonly T[], n: bigint): T[] {
  if (n <= 0n) return [];
  const count = Number(n);
  if (items.length * count > 50_000_000) throw pyError(pyErrorMemory(), '');
  const out: T[] = [];
  for (let i = 0; i < count; i++) for (const x of items) out.push(x);
  return out;
}

let memoryErrorClass: PyClass | null = null;
export function setMemoryErrorClass(c: PyClass): void {
  memoryErrorClass = c;
}
function pyErrorMemory(): PyClass {
  return memoryErrorClass ?? ValueError;
}

/** Built-in behaviour for non-numeric operands of the builtin types; undefined = not handled. */
function builtinBinary(op: Operator, a: PyValue, b: PyValue): PyValue | undefined {
  switch (op) {
    case '+':
      if (typeof a === 'string') {
        if (typeof b === 'string') return a + b;
        throw pyError(TypeError, `can only concatenate str (not "${typeName(b)}") to str`);
      }
      if (a instanceof PyList && a.pyClass === listClass) {
        if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
        if (!(b instanceof PyObject) || typeOf(b).lookup('__radd__') === undefined) {
          throw pyError(TypeError, `can only concatenate list (not "${typeName(b)}") to list`);
        }
        return undefined;
      }
      if (a instanceof PyTuple && a.pyClass === tupleClass) {
        if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
        if (!(b instanceof PyObject) || typeOf(b).lookup('__radd__') === undefined) {
          throw pyError(TypeError, `can only concatenate tuple (not "${typeName(b)}") to tuple`);
        }
        return undefined;
      }
      if (a instanceof PyBytes) {
        if (b instanceof PyBytes) {
          const out = new Uint8Array(a.data.length + b.data.length);
          out.set(a.data);
          out.set(b.data, a.data.length);
          return new PyBytes(out);
        }
        throw pyError(TypeError, `can't concat ${typeName(b)} to bytes`);
      }
      return undefined;
    case '*': {
      const seqMul = (seq: PyValue, n: PyValue): PyValue | undefined => {
        if (typeof seq === 'string' || seq instanceof PyList || seq instanceof PyTuple || seq instanceof PyBytes) {
          const k = repeatCount(n);
          if (k === undefined) {
            if (n instanceof PyObject && typeOf(n).lookup(seq === a ? '__rmul__' : '__mul__') !== undefined) return undefined;
            throw pyError(TypeError, `can't multiply sequence by non-int of type '${typeName(n)}'`);
          }
          if (typeof seq === 'string') {
            if (k <= 0n) return '';
            if (seq.length * Number(k) > 100_000_000) throw pyError(pyErrorMemory(), '');
            return seq.repeat(Number(k));
          }
          if (seq instanceof PyList) return new PyList(repeatArray(seq.items, k));
          if (seq instanceof PyTuple) return new PyTuple(repeatArray(seq.items, k));
          return new PyBytes(Uint8Array.from(repeatArray(Array.from(seq.data), k)));
        }
        return undefined;
      };
      const r = seqMul(a, b);
      if (r !== undefined) return r;
      if (isNumber(a)) return seqMul(b, a);
      return undefined;
    }
    case '%':
      if (typeof a === 'string') return hooks.percentFormat(a, b);
      if (a instanceof PyBytes && hooks.bytesPercent) return new PyBytes(hooks.bytesPercent(a.data, b));
      return undefined;
    case '|':
    case '&':
    case '-':
    case '^':
      if (a instanceof PySet && b instanceof PySet) return setOp(op, a, b);
      if (op === '|' && a instanceof PyDict && b instanceof PyDict && a.pyClass === dictClass) {
        const d = new PyDict();
        for (const [k, v] of a.items()) d.set(k, v);
        for (const [k, v] of b.items()) d.set(k, v);
        return d;
      }
      return undefined;
  }
  return undefined;
}

export function setOp(op: '|' | '&' | '-' | '^', a: PySet, b: PySet): PySet {
  const out = new PySet(undefined, a.frozen);
  switch (op) {
    case '|':
      for (const v of a.values()) out.add(v);
      for (const v of b.values()) out.add(v);
      break;
    case '&':
      for (const [h, v] of a.entries) if (b.entries.has(h)) out.entries.set(h, v);
      break;
    case '-':
      for (const [h, v] of a.entries) if (!b.entries.has(h)) out.entries.set(h, v);
      break;
    case '^':
      for (const [h, v] of a.entries) if (!b.entries.has(h)) out.entries.set(h, v);
      for (const [h, v] of b.entries) if (!a.entries.has(h)) out.entries.set(h, v);
      break;
  }
  return out;
}

/** Looks up a dunder on the operand's type (skipping the builtin placeholders). */
function dunder(v: PyValue, name: string): PyValue | undefined {
  if (!(v instanceof PyObject)) return undefined;
  const cls = typeOf(v);
  if (cls.mro.length <= 2 && isBuiltinValueClass(cls)) return undefined;
  return cls.lookup(name);
}

function isBuiltinValueClass(cls: PyClass): boolean {
  return cls === listClass || cls === tupleClass || cls === dictClass || cls === setClass || cls === frozensetClass || cls === strClass;
}

function callDunder(method: PyValue, self: PyValue, other: PyValue): PyValue {
  if (method instanceof NativeFunction) return method.impl([self, other], NO_KWARGS);
  return call(bindAttribute(method, self, typeOf(self)), [other]);
}

/** a <op> b (`inplace`: for `a <op>= b`, which names `<op>=` when neither operand supports it) */
export function binaryOp(op: Operator, a: PyValue, b: PyValue, inplace = false): PyValue {
  // fast paths
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number' || ta === 'boolean') && (tb === 'bigint' || tb === 'number' || tb === 'boolean')) {
    const r = numericOp(op, a, b);
    if (r !== undefined) return r;
    throw unsupported(op, a, b, inplace);
  }
  if (!(a instanceof PyInstance)) {
    const r = builtinBinary(op, a, b);
    if (r !== undefined) return r;
  }
  const [fwd, rev] = DUNDER[op];
  const ca = typeOf(a);
  const cb = typeOf(b);
  const fa = dunder(a, fwd);
  const rb = ca !== cb ? dunder(b, rev) : undefined;
  // the right operand's reflected method goes first when its type is a subclass of the left's
  if (rb !== undefined && cb !== ca && cb.isSubclassOf(ca)) {
    const r = callDunder(rb, b, a);
    if (r !== NotImplemented) return r;
  }
  if (fa !== undefined) {
    const r = callDunder(fa, a, b);
    if (r !== NotImplemented) return r;
  }
  if (rb !== undefined && !(cb !== ca && cb.isSubclassOf(ca))) {
    const r = callDunder(rb, b, a);
    if (r !== NotImplemented) return r;
  }
  if (isNumber(a) && !(b instanceof PyObject)) {
    const r = numericOp(op, a, b);
    if (r !== undefined) return r;
  }
  throw unsupported(op, a, b, inplace);
}

function unsupported(op: Operator, a: PyValue, b: PyValue, inplace: boolean): ReturnType<typeof pyError> {
  if (inplace) return pyError(TypeError, `unsupported operand type(s) for ${op}=: '${typeName(a)}' and '${typeName(b)}'`);
  if (op === '**') return pyError(TypeError, `unsupported operand type(s) for ** or pow(): '${typeName(a)}' and '${typeName(b)}'`);
  return pyError(TypeError, `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** a <op>= b: in-place dunder first, then the binary operator. Lists extend in place. */
export function inplaceOp(op: Operator, a: PyValue, b: PyValue): PyValue {
  if (a instanceof PyList && a.pyClass === listClass) {
    if (op === '+') {
      // list += iterable extends in place
      const items = b instanceof PyList || b instanceof PyTuple ? [...b.items] : toArrayStrict(b);
      a.items.push(...items);
      return a;
    }
    if (op === '*') {
      const k = repeatCount(b);
      if (k === undefined) throw pyError(TypeError, `can't multiply sequence by non-int of type '${typeName(b)}'`);
      a.items = repeatArray(a.items, k);
      return a;
    }
  }
  if (a instanceof PySet && !a.frozen && b instanceof PySet && (op === '|' || op === '&' || op === '-' || op === '^')) {
    const r = setOp(op, a, b);
    a.entries.clear();
    for (const [h, v] of r.entries) a.entries.set(h, v);
    return a;
  }
  if (a instanceof PyDict && op === '|' && a.pyClass === dictClass) {
    if (b instanceof PyDict) {
      for (const [k, v] of b.items()) a.set(k, v);
      return a;
    }
  }
  if (a instanceof PyObject && !(a instanceof PyList) && !(a instanceof PyTuple)) {
    const m = dunder(a, INPLACE[op]);
    if (m !== undefined) {
      const r = callDunder(m, a, b);
      if (r !== NotImplemented) return r;
    }
  }
  return binaryOp(op, a, b, true);
}

function toArrayStrict(v: PyValue): PyValue[] {
  const out: PyValue[] = [];
  let it: Iterator<PyValue>;
  try {
    it = iterate(v);
  } catch (e) {
    throw pyError(TypeError, `'${typeName(v)}' object is not iterable`);
  }
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Unary operators
// ---------------------------------------------------------------------------------------------

export function unaryOp(op: UnaryOperator, v: PyValue): PyValue {
  switch (typeof v) {
    case 'bigint':
      return op === '-' ? -v : op === '+' ? v : ~v;
    case 'boolean': {
      const i = v ? 1n : 0n;
      return op === '-' ? -i : op === '+' ? i : ~i;
    }
    case 'number':
      if (op === '-') return -v;
      if (op === '+') return v;
      break;
  }
  const name = op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
  const m = v instanceof PyObject ? typeOf(v).lookup(name) : undefined;
  if (m !== undefined) return call(bindAttribute(m, v, typeOf(v)), []);
  throw pyError(TypeError, `bad operand type for unary ${op}: '${typeName(v)}'`);
}

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

const RICH: Record<'<' | '<=' | '>' | '>=', [string, string]> = {
  '<': ['__lt__', '__gt__'],
  '<=': ['__le__', '__ge__'],
  '>': ['__gt__', '__lt__'],
  '>=': ['__ge__', '__le__'],
};

function cmpNumbers(op: string, a: bigint | number, b: bigint | number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function numericValue(v: PyValue): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

/** Ordering comparison (<, <=, >, >=). */
export function compareOrder(op: '<' | '<=' | '>' | '>=', a: PyValue, b: PyValue): boolean {
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) return cmpNumbers(op, na, nb);
  if (typeof a === 'string' && typeof b === 'string') return cmpNumbers(op, a as unknown as number, b as unknown as number);
  if (a instanceof PyObject || b instanceof PyObject) {
    const r = richOrder(op, a, b);
    if (r !== undefined) return r;
  }
  throw pyError(TypeError, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function seqCompare(op: '<' | '<=' | '>' | '>=', x: readonly PyValue[], y: readonly PyValue[]): boolean {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (!eq(x[i]!, y[i]!)) return compareOrder(op, x[i]!, y[i]!);
  }
  return cmpNumbers(op, x.length, y.length);
}

function richOrder(op: '<' | '<=' | '>' | '>=', a: PyValue, b: PyValue): boolean | undefined {
  // builtin containers
  if (a instanceof PyList && b instanceof PyList) return seqCompare(op, a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqCompare(op, a.items, b.items);
  if (a instanceof PyBytes && b instanceof PyBytes) {
    return seqCompare(op, Array.from(a.data, (x) => BigInt(x)), Array.from(b.data, (x) => BigInt(x)));
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (x: PySet, y: PySet) => [...x.entries.keys()].every((h) => y.entries.has(h));
    switch (op) {
      case '<=':
        return sub(a, b);
      case '<':
        return a.entries.size < b.entries.size && sub(a, b);
      case '>=':
        return sub(b, a);
      case '>':
        return b.entries.size < a.entries.size && sub(b, a);
    }
  }
  const [fwd, rev] = RICH[op];
  const ca = typeOf(a);
  const cb = typeOf(b);
  const fa = a instanceof PyObject ? ca.lookup(fwd) : undefined;
  const rb = b instanceof PyObject ? cb.lookup(rev) : undefined;
  if (rb !== undefined && cb !== ca && cb.isSubclassOf(ca)) {
    const r = callDunder(rb, b, a);
    if (r !== NotImplemented) return truthyLocal(r);
  }
  if (fa !== undefined) {
    const r = callDunder(fa, a, b);
    if (r !== NotImplemented) return truthyLocal(r);
  }
  if (rb !== undefined) {
    const r = callDunder(rb, b, a);
    if (r !== NotImplemented) return truthyLocal(r);
  }
  return undefined;
}

export function identical(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  // equal primitives of the same type are the same object as far as `is` can tell
  return false;
}

export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw pyError(TypeError, `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.has(item);
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (x === item || eq(x, item)) return true;
    return false;
  }
  if (container instanceof PyRange) {
    const i = asInt(item);
    if (i === undefined) {
      if (typeof item === 'number' && Number.isInteger(item)) return contains(container, BigInt(item));
      return false;
    }
    const { start, stop, step } = container;
    if (step > 0n ? i < start || i >= stop : i > start || i <= stop) return false;
    return (i - start) % step === 0n;
  }
  if (container instanceof PyBytes) {
    const i = asInt(item);
    if (i !== undefined) return container.data.includes(Number(i));
    if (item instanceof PyBytes) return bytesIndexOf(container.data, item.data, 0) >= 0;
    throw pyError(TypeError, `a bytes-like object is required, not '${typeName(item)}'`);
  }
  if (container instanceof PyObject) {
    const m = typeOf(container).lookup('__contains__');
    if (m !== undefined) return truthyLocal(callDunder(m, container, item));
    if (container.nativeContains) return container.nativeContains(item);
    let it: Iterator<PyValue>;
    try {
      it = iterate(container);
    } catch (e) {
      throw pyError(TypeError, `argument of type '${typeName(container)}' is not iterable`);
    }
    for (let r = it.next(); !r.done; r = it.next()) if (eq(r.value, item)) return true;
    return false;
  }
  throw pyError(TypeError, `argument of type '${typeName(container)}' is not iterable`);
}

export function bytesIndexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export function compare(op: CmpOperator, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case '==':
      return eq(a, b);
    case '!=':
      return !eqNe(a, b);
    case 'is':
      return identical(a, b);
    case 'is not':
      return !identical(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    default:
      return compareOrder(op, a, b);
  }
}

/** a != b honouring a user-defined __ne__. */
function eqNe(a: PyValue, b: PyValue): boolean {
  if (a instanceof PyObject) {
    const ne = typeOf(a).lookup('__ne__');
    if (ne !== undefined && !(ne instanceof NativeFunction)) {
      const r = callDunder(ne, a, b);
      if (r !== NotImplemented) return !truthyLocal(r);
    }
  }
  return eq(a, b);
}

// ---------------------------------------------------------------------------------------------
// Subscripts
// ---------------------------------------------------------------------------------------------

/** An integer index (int, bool or an object with __index__), or undefined. */
export function indexValue(v: PyValue): bigint | undefined {
  const i = asInt(v);
  if (i !== undefined) return i;
  if (v instanceof PyObject) {
    const m = typeOf(v).lookup('__index__');
    if (m !== undefined) {
      const r = call(bindAttribute(m, v, typeOf(v)), []);
      const ri = asInt(r);
      if (ri === undefined) throw pyError(TypeError, `__index__ returned non-int (type ${typeName(r)})`);
      return ri;
    }
  }
  return undefined;
}

/** Resolves a slice against a sequence length: [start, stop, step, count]. */
export function sliceIndices(s: PySlice, length: number): [number, number, number, number] {
  const toNum = (v: PyValue, what: string): number | null => {
    if (v === None) return null;
    const i = indexValue(v);
    if (i === undefined) throw pyError(TypeError, `slice indices must be integers or None or have an __index__ method`);
    return Number(i);
  };
  const stepRaw = toNum(s.step, 'step');
  const step = stepRaw ?? 1;
  if (step === 0) throw pyError(ValueError, 'slice step cannot be zero');
  let start = toNum(s.start, 'start');
  let stop = toNum(s.stop, 'stop');
  if (step > 0) {
    if (start === null) start = 0;
    else if (start < 0) start = Math.max(0, start + length);
    else start = Math.min(start, length);
    if (stop === null) stop = length;
    else if (stop < 0) stop = Math.max(0, stop + length);
    else stop = Math.min(stop, length);
  } else {
    if (start === null) start = length - 1;
    else if (start < 0) start = Math.max(-1, start + length);
    else start = Math.min(start, length - 1);
    if (stop === null) stop = -1;
    else if (stop < 0) stop = Math.max(-1, stop + length);
    else stop = Math.min(stop, length - 1);
  }
  let count = 0;
  if (step > 0 ? start < stop : start > stop) count = Math.floor((stop - start - (step > 0 ? 1 : -1)) / step) + 1;
  return [start, stop, step, count];
}

function sliceArray<T>(items: readonly T[], s: PySlice): T[] {
  const [start, , step, count] = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, start + count);
  const out: T[] = [];
  for (let i = 0, j = start; i < count; i++, j += step) out.push(items[j]!);
  return out;
}

function normIndex(i: bigint, length: number, what: string): number {
  let n = Number(i);
  if (n < 0) n += length;
  if (n < 0 || n >= length) throw pyError(IndexError, `${what} index out of range`);
  return n;
}

export function keyError(key: PyValue): ReturnType<typeof pyError> {
  const e = pyError(KeyError);
  e.value.dict.set('args', new PyTuple([key]));
  return e;
}

/** obj[key] */
export function getItem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyList || obj instanceof PyTuple) {
    const what = obj instanceof PyList ? 'list' : 'tuple';
    if (key instanceof PySlice) {
      const items = sliceArray(obj.items, key);
      return obj instanceof PyList ? new PyList(items) : new PyTuple(items);
    }
    const i = indexValue(key);
    if (i === undefined) {
      if (obj.pyClass !== listClass && obj.pyClass !== tupleClass) return userGetItem(obj, key);
      throw pyError(TypeError, `${what} indices must be integers or slices, not ${typeName(key)}`);
    }
    return obj.items[normIndex(i, obj.items.length, what)]!;
  }
  if (typeof obj === 'string') {
    if (key instanceof PySlice) {
      const chars = Array.from(obj);
      return sliceArray(chars, key).join('');
    }
    const i = indexValue(key);
    if (i === undefined) throw pyError(TypeError, `string indices must be integers, not '${typeName(key)}'`);
    if (isAscii(obj)) return obj[normIndex(i, obj.length, 'string')]!;
    const chars = Array.from(obj);
    return chars[normIndex(i, chars.length, 'string')]!;
  }
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v !== undefined) return v;
    if (obj.pyClass !== dictClass) {
      const gi = obj.pyClass.lookup('__getitem__');
      if (gi !== undefined && !(gi instanceof NativeFunction)) return call(bindAttribute(gi, obj, obj.pyClass), [key]);
      const m = obj.pyClass.lookup('__missing__');
      if (m !== undefined) return call(bindAttribute(m, obj, obj.pyClass), [key]);
    }
    throw keyError(key);
  }
  if (obj instanceof PyRange) {
    const len = obj.length;
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, len);
      const s = obj.start + BigInt(start) * obj.step;
      const e = obj.start + BigInt(stop) * obj.step;
      return new PyRange(s, e, obj.step * BigInt(step));
    }
    const i = indexValue(key);
    if (i === undefined) throw pyError(TypeError, `range indices must be integers or slices, not ${typeName(key)}`);
    return obj.start + BigInt(normIndex(i, len, 'range object')) * obj.step;
  }
  if (obj instanceof PyBytes) {
    if (key instanceof PySlice) return new PyBytes(Uint8Array.from(sliceArray(Array.from(obj.data), key)));
    const i = indexValue(key);
    if (i === undefined) throw pyError(TypeError, `byte indices must be integers or slices, not ${typeName(key)}`);
    return BigInt(obj.data[normIndex(i, obj.data.length, 'index')]!);
  }
  return userGetItem(obj, key);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return false;
  return true;
}

function userGetItem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyObject) {
    if (obj.nativeGetItem) return obj.nativeGetItem(key);
    if (obj instanceof PyClass) {
      const cg = obj.lookup('__class_getitem__');
      if (cg !== undefined) {
        // implicitly a classmethod
        return call(cg instanceof PyClassMethod ? cg.func : cg, [obj, key]);
      }
      const meta = obj.pyClass.lookup('__getitem__');
      if (meta !== undefined) return call(bindAttribute(meta, obj, obj.pyClass), [key]);
      throw pyError(TypeError, `'type' object is not subscriptable`);
    }
    const m = typeOf(obj).lookup('__getitem__');
    if (m !== undefined) return call(bindAttribute(m, obj, typeOf(obj)), [key]);
  }
  throw pyError(TypeError, `'${typeName(obj)}' object is not subscriptable`);
}

/** obj[key] = value */
export function setItem(obj: PyValue, key: PyValue, value: PyValue): void {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const items = value instanceof PyList || value instanceof PyTuple ? [...value.items] : toArrayStrict2(value);
      const [start, stop, step, count] = sliceIndices(key, obj.items.length);
      if (step === 1) {
        obj.items.splice(start, Math.max(0, stop - start), ...items);
        return;
      }
      if (items.length !== count) {
        throw pyError(ValueError, `attempt to assign sequence of size ${items.length} to extended slice of size ${count}`);
      }
      for (let i = 0, j = start; i < count; i++, j += step) obj.items[j] = items[i]!;
      return;
    }
    const i = indexValue(key);
    if (i === undefined) {
      if (obj.pyClass === listClass) throw pyError(TypeError, `list indices must be integers or slices, not ${typeName(key)}`);
    } else {
      obj.items[normIndex(i, obj.items.length, 'list assignment')] = value;
      return;
    }
  }
  if (obj instanceof PyDict && obj.pyClass === dictClass) {
    obj.set(key, value);
    return;
  }
  if (obj instanceof PyObject) {
    const m = typeOf(obj).lookup('__setitem__');
    if (m !== undefined && !(obj instanceof PyDict && m instanceof NativeFunction)) {
      call(bindAttribute(m, obj, typeOf(obj)), [key, value]);
      return;
    }
    if (obj instanceof PyDict) {
      obj.set(key, value);
      return;
    }
    if (obj.nativeSetItem) {
      obj.nativeSetItem(key, value);
      return;
    }
  }
  throw pyError(TypeError, `'${typeName(obj)}' object does not support item assignment`);
}

function toArrayStrict2(v: PyValue): PyValue[] {
  try {
    return toArrayStrict(v);
  } catch {
    throw pyError(TypeError, 'can only assign an iterable');
  }
}

/** del obj[key] */
export function delItem(obj: PyValue, key: PyValue): void {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step, count] = sliceIndices(key, obj.items.length);
      if (step === 1) {
        obj.items.splice(start, Math.max(0, stop - start));
        return;
      }
      const drop = new Set<number>();
      for (let i = 0, j = start; i < count; i++, j += step) drop.add(j);
      obj.items = obj.items.filter((_, idx) => !drop.has(idx));
      return;
    }
    const i = indexValue(key);
    if (i === undefined) throw pyError(TypeError, `list indices must be integers or slices, not ${typeName(key)}`);
    obj.items.splice(normIndex(i, obj.items.length, 'list assignment'), 1);
    return;
  }
  if (obj instanceof PyDict && obj.pyClass === dictClass) {
    if (!obj.delete(key)) throw keyError(key);
    return;
  }
  if (obj instanceof PyObject) {
    const m = typeOf(obj).lookup('__delitem__');
    if (m !== undefined && !(obj instanceof PyDict && m instanceof NativeFunction)) {
      call(bindAttribute(m, obj, typeOf(obj)), [key]);
      return;
    }
    if (obj instanceof PyDict) {
      if (!obj.delete(key)) throw keyError(key);
      return;
    }
  }
  throw pyError(TypeError, `'${typeName(obj)}' object doesn't support item deletion`);
}

