/**
 * The `enum` module: Enum, IntEnum, StrEnum, Flag/IntFlag (basic), auto, unique. Classes are
 * created by a native metaclass (EnumType) from the class body namespace.
 */
import {
  KeyError,
  type Kwargs,
  NativeFunction,
  None,
  NotImplemented,
  PyClass,
  PyClassMethod,
  PyDict,
  PyInstance,
  PyIterator,
  PyModule,
  PyObject,
  PyProperty,
  PyStaticMethod,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  eq,
  floatClass,
  functionClass,
  hashKey,
  intClass,
  pyError,
  repr,
  str,
  strClass,
  typeClass,
  typeOf,
} from '../objects.ts';
import { PyBoxed, type Primitive, method, unbox } from '../types/core.ts';
import { createClass } from '../classes.ts';
import { binaryOp } from '../operators.ts';
import { iterToArray } from '../types/containers.ts';
import { formatValue } from '../formatting.ts';

export const enumTypeClass = new PyClass('EnumType', { module: 'enum', bases: [typeClass] });
export const enumClass = new PyClass('Enum', { module: 'enum', metaclass: enumTypeClass });
export const intEnumClass = new PyClass('IntEnum', { module: 'enum', bases: [intClass, enumClass], metaclass: enumTypeClass });
export const strEnumClass = new PyClass('StrEnum', { module: 'enum', bases: [strClass, enumClass], metaclass: enumTypeClass });
export const flagClass = new PyClass('Flag', { module: 'enum', bases: [enumClass], metaclass: enumTypeClass });
export const intFlagClass = new PyClass('IntFlag', { module: 'enum', bases: [intClass, flagClass], metaclass: enumTypeClass });
const autoClass = new PyClass('auto', { module: 'enum' });

interface EnumInfo {
  members: Map<string, PyValue>;
  /** canonical members in definition order (no aliases) */
  order: PyValue[];
  byValue: Map<string, PyValue>;
}

function info(cls: PyClass): EnumInfo | undefined {
  return cls.native['enum'] as EnumInfo | undefined;
}

/** A member of an enum without a data type mixin. */
export class PyEnumMember extends PyObject {
  override dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    readonly name: string,
    readonly value: PyValue,
  ) {
    super();
    this.dict.set('_name_', name);
    this.dict.set('_value_', value);
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeHashKey(): string | undefined {
    return undefined;
  }
}

/** A member of an enum with an int/str/float mixin (IntEnum, StrEnum, `class C(str, Enum)`). */
export class PyEnumBoxed extends PyBoxed {
  constructor(
    cls: PyClass,
    readonly name: string,
    value: Primitive,
  ) {
    super(cls, value);
    this.dict.set('_name_', name);
    this.dict.set('_value_', value);
  }
  override nativeStr(): string {
    return enumStr(this);
  }
  override nativeRepr(): string {
    return enumRepr(this);
  }
  override nativeIter(): Iterator<PyValue> {
    // An IntFlag iterates over its members (Flag.__iter__), not like its int.
    if (this.cls.isSubclassOf(flagClass)) return flagMembers(this.cls, this.value as bigint)[Symbol.iterator]();
    return super.nativeIter();
  }
}

function memberName(m: PyValue): string {
  return m instanceof PyEnumMember || m instanceof PyEnumBoxed ? m.name : str((m as PyObject).dict?.get('_name_') ?? '');
}
function memberValue(m: PyValue): PyValue {
  return (m as PyObject).dict?.get('_value_') ?? None;
}

/** The canonical members of a Flag class (single bits, no aliases) whose bits are all in `bits`. */
function flagMembers(cls: PyClass, bits: bigint): PyValue[] {
  return (info(cls)?.order ?? []).filter((m) => {
    const v = unbox(memberValue(m));
    return typeof v === 'bigint' && v > 0n && (v & (v - 1n)) === 0n && (bits & v) === v;
  });
}

function mixinOf(cls: PyClass): PyClass | null {
  for (const c of cls.mro) {
    if (c === intClass || c === strClass || c === floatClass) return c;
  }
  return null;
}

function enumRepr(m: PyValue): string {
  const cls = typeOf(m);
  const v = memberValue(m);
  const name = memberName(m);
  return name ? `<${cls.name}.${name}: ${repr(v)}>` : `<${cls.name}: ${repr(v)}>`;
}

function enumStr(m: PyValue): string {
  const cls = typeOf(m);
  // 3.11: IntEnum/StrEnum/IntFlag use the data type's str()
  if (cls.isSubclassOf(intEnumClass) || cls.isSubclassOf(strEnumClass) || cls.isSubclassOf(intFlagClass)) return str(memberValue(m));
  return `${cls.name}.${memberName(m)}`;
}

function isDescriptorOrPrivate(name: string, v: PyValue): boolean {
  if (name.startsWith('__') && name.endsWith('__')) return true;
  if (name.startsWith('_') && (name === '_ignore_' || name.startsWith('_') && name.endsWith('_') && name.length > 2)) return true;
  if (v instanceof PyObject) {
    if (v.pyClass === functionClass || v instanceof NativeFunction || v instanceof PyClassMethod || v instanceof PyStaticMethod || v instanceof PyProperty) return true;
    if (v instanceof PyClass) return true;
    const t = typeOf(v);
    if (t.lookup('__get__') !== undefined && t !== autoClass) return true;
  }
  return false;
}

function lookupValue(cls: PyClass, value: PyValue): PyValue | undefined {
  const inf = info(cls);
  if (!inf) return undefined;
  let key: string | null = null;
  try {
    const k = hashKey(value);
    key = typeof k === 'string' ? k : null;
  } catch {
    key = null;
  }
  if (key !== null) {
    const hit = inf.byValue.get(key);
    if (hit !== undefined) return hit;
  }
  for (const m of inf.order) if (eq(memberValue(m), value)) return m;
  return undefined;
}

function createEnum(meta: PyClass, name: string, bases: PyClass[], ns: PyDict, kwargs: Kwargs): PyClass {
  const map = new Map<string, PyValue>();
  for (const [k, v] of ns.items()) map.set(str(k), v);
  const memberDefs: [string, PyValue][] = [];
  const clsDict = new Map<string, PyValue>();
  const ignore = map.get('_ignore_');
  const ignored = new Set(ignore === undefined ? [] : typeof unbox(ignore) === 'string' ? (unbox(ignore) as string).split(/\s+/) : iterToArray(ignore).map((x) => str(x)));
  for (const [k, v] of map) {
    if (ignored.has(k) || k === '_ignore_') continue;
    if (isDescriptorOrPrivate(k, v)) clsDict.set(k, v);
    else memberDefs.push([k, v]);
  }
  for (const b of bases) {
    const bi = info(b);
    if (bi && bi.order.length) throw pyError(TypeError, `${name}: cannot extend ${repr(b)}`);
  }
  const cls = createClass(name, bases, clsDict, meta, kwargs);
  // EnumType.__new__ (3.11) copies Flag's operators onto every Flag subclass, so an IntFlag's `|`
  // is Flag's (a member) rather than int's (a plain int).
  if (cls.isSubclassOf(flagClass)) {
    for (const op of ['__or__', '__and__', '__xor__', '__ror__', '__rand__', '__rxor__', '__invert__']) {
      const impl = flagClass.dict.get(op);
      if (impl !== undefined && !clsDict.has(op)) cls.dict.set(op, impl);
    }
  }
  const inf: EnumInfo = { members: new Map(), order: [], byValue: new Map() };
  cls.native['enum'] = inf;
  const mixin = mixinOf(cls);
  const isStrEnum = cls.isSubclassOf(strEnumClass);
  const isFlag = cls.isSubclassOf(flagClass);
  let last: PyValue | null = null;
  let autoIndex = 0;
  const nextValue = cls.lookup('_generate_next_value_');
  for (const [k, raw] of memberDefs) {
    let v = raw;
    if (v instanceof PyInstance && v.cls === autoClass) {
      if (nextValue !== undefined && !(nextValue instanceof NativeFunction)) {
        v = call(nextValue instanceof PyStaticMethod ? nextValue.func : nextValue, [k, BigInt(autoIndex + 1), BigInt(autoIndex), new PyTupleCtor(inf.order.map(memberValue))]);
      } else if (isStrEnum) v = k.toLowerCase();
      else if (isFlag) v = last === null ? 1n : BigInt(1) << BigInt((BigInt(unbox(last) as bigint) || 1n).toString(2).length);
      else v = last === null ? 1n : binaryOp('+', last, 1n);
    }
    autoIndex++;
    let args: PyValue[] = v instanceof PyTupleCtor && mixin === null && !cls.lookup('__new__') ? [v] : [v];
    if (v instanceof PyTupleCtor && cls.lookup('__init__') !== undefined && !(cls.lookup('__init__') instanceof NativeFunction)) args = [...v.items];
    const existing = lookupValue(cls, mixin === strClass ? str(unbox(v)) : v);
    if (existing !== undefined) {
      // alias
      inf.members.set(k, existing);
      cls.dict.set(k, existing);
      continue;
    }
    let member: PyValue;
    if (mixin !== null) {
      let prim = unbox(mixin === strClass ? (v instanceof PyTupleCtor ? v.items[0]! : v) : v instanceof PyTupleCtor ? v.items[0]! : v);
      if (mixin === strClass && typeof prim !== 'string') {
        if (isStrEnum) throw pyError(TypeError, `${repr(prim)} is not a string`);
        prim = str(prim);
      }
      if (mixin === intClass && typeof prim !== 'bigint') prim = unbox(call(intClass, [prim])) as bigint;
      if (mixin === floatClass && typeof prim !== 'number') prim = unbox(call(floatClass, [prim])) as number;
      member = new PyEnumBoxed(cls, k, prim as Primitive);
      if (v instanceof PyTupleCtor) (member as PyEnumBoxed).dict.set('_value_', prim);
    } else {
      member = new PyEnumMember(cls, k, v);
    }
    const init = cls.lookup('__init__');
    if (init !== undefined && !(init instanceof NativeFunction)) call(init, [member, ...args]);
    inf.members.set(k, member);
    inf.order.push(member);
    try {
      const hk = hashKey(memberValue(member));
      if (typeof hk === 'string') inf.byValue.set(hk, member);
    } catch {
      /* unhashable value */
    }
    cls.dict.set(k, member);
    last = memberValue(member);
  }
  return cls;
}

import { PyTuple as PyTupleCtor } from '../objects.ts';

function installEnum(): void {
  enumTypeClass.nativeNew = (meta, args, kwargs) => {
    if (args.length === 3 && args[2] instanceof PyDict) {
      const [name, bases] = args as [string, PyTuple, PyDict];
      return createEnum(meta, name, bases.items as PyClass[], args[2], kwargs);
    }
    throw pyError(TypeError, 'EnumType() takes 3 arguments');
  };
  const M = enumTypeClass;
  const clsArg = (a: PyValue[]) => a[0] as PyClass;
  method(M, '__call__', (a, kw) => {
    const cls = clsArg(a);
    if (a.length === 2 && kw.size === 0) {
      const v = a[1]!;
      if (typeOf(v).isSubclassOf(cls) && info(cls)) return v;
      const m = lookupValue(cls, v);
      if (m !== undefined) return m;
      const missing = cls.lookup('_missing_');
      if (missing !== undefined && !(missing instanceof NativeFunction && missing.module === 'enum')) {
        const r = call(missing instanceof PyClassMethod ? missing.func : missing, [cls, v]);
        if (r !== None) return r;
      }
      if (cls.isSubclassOf(flagClass) && typeof unbox(v) === 'bigint') {
        // A pseudo-member named after the canonical members it combines (`R|W`).
        const bits = unbox(v) as bigint;
        const name = flagMembers(cls, bits).map(memberName).join('|');
        if (!mixinOf(cls)) return new PyEnumMember(cls, name, v);
        return new PyEnumBoxed(cls, name, bits);
      }
      throw pyError(ValueError, `${repr(v)} is not a valid ${cls.qualname}`);
    }
    // functional API: Enum('Color', 'RED GREEN')
    const name = a[1];
    const names = a[2] ?? kw.get('names');
    if (typeof unbox(name ?? None) !== 'string' || names === undefined) throw pyError(TypeError, `${cls.name}() takes 1 positional argument`);
    const ns = new PyDict();
    ns.set('__module__', kw.get('module') ?? '__main__');
    ns.set('__qualname__', unbox(name!) as string);
    const nv = unbox(names);
    if (typeof nv === 'string') {
      nv.replace(/,/g, ' ').split(/\s+/).filter(Boolean).forEach((n, i) => ns.set(n, BigInt(i + 1)));
    } else if (names instanceof PyDict) {
      for (const [k, v] of names.items()) ns.set(k, v);
    } else {
      iterToArray(names).forEach((item, i) => {
        if (item instanceof PyTuple) ns.set(item.items[0]!, item.items[1]!);
        else ns.set(item, BigInt(i + 1));
      });
    }
    return createEnum(enumTypeClass, unbox(name!) as string, [cls], ns, new Map());
  });
  method(M, '__iter__', (a) => new PyIterator((info(clsArg(a))?.order ?? [])[Symbol.iterator](), 'generator'));
  method(M, '__reversed__', (a) => new PyIterator([...(info(clsArg(a))?.order ?? [])].reverse()[Symbol.iterator](), 'generator'));
  method(M, '__len__', (a) => BigInt(info(clsArg(a))?.order.length ?? 0));
  method(M, '__contains__', (a) => {
    const cls = clsArg(a);
    const v = a[1]!;
    if (typeOf(v).isSubclassOf(cls)) return true;
    return lookupValue(cls, v) !== undefined;
  });
  method(M, '__getitem__', (a) => {
    const cls = clsArg(a);
    const k = str(a[1]!);
    const m = info(cls)?.members.get(k);
    if (m === undefined) {
      const e = pyError(KeyError);
      e.value.dict.set('args', new PyTupleCtor([a[1]!]));
      throw e;
    }
    return m;
  });
  method(M, '__repr__', (a) => {
    const c = clsArg(a);
    return `<enum '${c.name}'>`;
  });
  M.dict.set(
    '__members__',
    new PyProperty(new NativeFunction('__members__', (a) => new PyDict([...(info(clsArg(a))?.members ?? new Map())].map(([k, v]) => [k, v] as [PyValue, PyValue])))),
  );

  const E = enumClass;
  const nameProp = new PyProperty(new NativeFunction('name', (a) => memberName(a[0]!)));
  const valueProp = new PyProperty(new NativeFunction('value', (a) => memberValue(a[0]!)));
  E.dict.set('name', nameProp);
  E.dict.set('value', valueProp);
  method(E, '__repr__', (a) => enumRepr(a[0]!));
  method(E, '__str__', (a) => enumStr(a[0]!));
  method(E, '__format__', (a) => {
    const m = a[0]!;
    const spec = str(a[1] ?? '');
    const cls = typeOf(m);
    if (mixinOf(cls) && (spec !== '' || cls.isSubclassOf(intEnumClass) || cls.isSubclassOf(strEnumClass) || cls.isSubclassOf(intFlagClass))) return formatValue(memberValue(m), spec);
    return formatValue(enumStr(m), spec);
  });
  method(E, '__hash__', (a) => BigInt(hashCode(`${typeOf(a[0]!).qualname}.${memberName(a[0]!)}`)));
  method(E, '__reduce_ex__', (a) => new PyTupleCtor([typeOf(a[0]!), new PyTupleCtor([memberValue(a[0]!)])]));
  method(E, '__dir__', () => new PyListCtor(['__class__', '__doc__', '__module__', 'name', 'value']));
  E.dict.set('_missing_', new PyClassMethod(new NativeFunction('_missing_', () => None, { module: 'enum' })));
  method(E, '__copy__', (a) => a[0]!);
  method(E, '__deepcopy__', (a) => a[0]!);
  E.dict.set('_generate_next_value_', new NativeFunction('_generate_next_value_', () => None, { module: 'enum' }));
  // Flag operators
  const flagOp = (name: string, f: (x: bigint, y: bigint) => bigint) =>
    method(flagClass, name, (a) => {
      const x = a[0]!;
      const y = a[1]!;
      if (!typeOf(y).isSubclassOf(typeOf(x)) && !(typeof unbox(y) === 'bigint' && mixinOf(typeOf(x)))) return NotImplemented;
      const r = f(unbox(memberValue(x)) as bigint, unbox(typeOf(y).isSubclassOf(typeOf(x)) ? memberValue(y) : y) as bigint);
      return call(typeOf(x), [r]);
    });
  flagOp('__or__', (x, y) => x | y);
  flagOp('__and__', (x, y) => x & y);
  flagOp('__xor__', (x, y) => x ^ y);
  method(flagClass, '__contains__', (a) => {
    const x = unbox(memberValue(a[0]!)) as bigint;
    const y = unbox(memberValue(a[1]!)) as bigint;
    return (x & y) === y;
  });
  method(flagClass, '__bool__', (a) => (unbox(memberValue(a[0]!)) as bigint) !== 0n);
  // Iterating a flag yields the canonical (single-bit) members it contains, in definition order.
  method(flagClass, '__iter__', (a) => new PyIterator(flagMembers(typeOf(a[0]!), unbox(memberValue(a[0]!)) as bigint)[Symbol.iterator](), 'generator'));

  autoClass.nativeNew = (cls) => new PyInstance(cls);
  method(autoClass, '__repr__', () => 'auto()');
}

import { PyList as PyListCtor } from '../objects.ts';

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

let installed = false;
export function makeEnumModule(): PyModule {
  if (!installed) {
    installed = true;
    installEnum();
  }
  const m = new PyModule('enum');
  const d = m.dict;
  for (const c of [enumClass, intEnumClass, strEnumClass, flagClass, intFlagClass]) d.set(c.name, c);
  d.set('EnumType', enumTypeClass);
  d.set('EnumMeta', enumTypeClass);
  d.set('auto', autoClass);
  d.set(
    'unique',
    new NativeFunction(
      'unique',
      (a) => {
        const cls = a[0] as PyClass;
        const inf = info(cls);
        if (inf) {
          const dup: string[] = [];
          for (const [k, v] of inf.members) if (memberName(v) !== k) dup.push(`${k} -> ${memberName(v)}`);
          if (dup.length) throw pyError(ValueError, `duplicate values found in ${repr(cls)}: ${dup.join(', ')}`);
        }
        return cls;
      },
      { module: 'enum' },
    ),
  );
  return m;
}
