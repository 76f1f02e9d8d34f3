/**
 * models.Choices, models.TextChoices, models.IntegerChoices: enumeration classes whose members
 * carry a value and a label (django.db.models.enums).
 *
 * Members are objects of the enumeration class that compare, hash and print like their value
 * (`Genre.FICTION == "F"`, `str(Genre.FICTION) == "F"`), with `.value`, `.label` and `.name`.
 */
import {
  PyClass,
  PyDict,
  PyIterator,
  PyList,
  PyObject,
  PyProperty,
  KeyError,
  PyTuple,
  type PyValue,
  NativeFunction,
  None,
  ValueError,
  eq,
  hashKey,
  objectClass,
  pyError,
  repr,
  str,
  typeClass,
} from '../python/objects.ts';

const MODULE = 'django.db.models.enums';

export class ChoiceMember extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly name: string,
    readonly value: PyValue,
    readonly label: PyValue,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'value':
      case '_value_':
        return this.value;
      case 'label':
      case '_label_':
        return this.label;
      case 'name':
      case '_name_':
        return this.name;
      case 'do_not_call_in_templates':
        return true;
    }
    return undefined;
  }
  override nativeEq(other: PyValue): boolean {
    if (other instanceof ChoiceMember) return other === this;
    return eq(this.value, other);
  }
  override nativeHashKey(): string {
    const k = hashKey(this.value);
    return typeof k === 'string' ? k : `member:${this.cls.qualname}.${this.name}`;
  }
  override nativeStr(): string {
    return str(this.value);
  }
  override nativeRepr(): string {
    return `${this.cls.qualname}.${this.name}`;
  }
  override nativeBool(): boolean {
    return true;
  }
}

function members(cls: PyClass): ChoiceMember[] {
  return (cls.native['members'] as ChoiceMember[] | undefined) ?? [];
}

function titleCase(s: string): string {
  return s.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

function isMemberCandidate(key: string, value: PyValue): boolean {
  if (key.startsWith('_')) return false;
  if (value instanceof PyObject) {
    // functions, descriptors and nested classes are not members
    const cn = value.pyClass.name;
    if (cn === 'function' || cn === 'builtin_function_or_method' || cn === 'property' || cn === 'classmethod' || cn === 'staticmethod') return false;
    if (value instanceof PyClass) return false;
  }
  return true;
}

/** The ChoicesType metaclass: turns class attributes into members. */
export const ChoicesType: PyClass = new PyClass('ChoicesType', {
  module: MODULE,
  bases: [typeClass],
  nativeNew: (meta, args) => {
    const [name, bases, ns] = args as [string, PyTuple, PyDict];
    const dict = new Map<string, PyValue>();
    const memberDefs: [string, PyValue][] = [];
    for (const [k, v] of ns.items()) {
      const key = String(k);
      if (key === '__qualname__') continue;
      if (isMemberCandidate(key, v) && key !== 'do_not_call_in_templates') memberDefs.push([key, v]);
      else dict.set(key, v);
    }
    const cls = new PyClass(name, {
      module: String(ns.get('__module__') ?? '__main__'),
      qualname: String(ns.get('__qualname__') ?? name),
      bases: bases.items as PyClass[],
      metaclass: meta,
      dict,
    });
    const kind = cls.mro.some((c) => c.name === 'IntegerChoices' && c.module === MODULE)
      ? 'int'
      : cls.mro.some((c) => c.name === 'TextChoices' && c.module === MODULE)
        ? 'text'
        : 'plain';
    const list: ChoiceMember[] = [];
    for (const [key, raw] of memberDefs) {
      let value: PyValue = raw;
      let label: PyValue;
      const items = raw instanceof PyTuple || raw instanceof PyList ? raw.items : null;
      if (items && items.length > 1 && typeof items[items.length - 1] === 'string') {
        label = items[items.length - 1]!;
        const rest = items.slice(0, -1);
        value = rest.length === 1 ? rest[0]! : new PyTuple(rest);
      } else {
        label = titleCase(key.replace(/_/g, ' '));
      }
      if (kind === 'int' && typeof value === 'boolean') value = value ? 1n : 0n;
      if (kind === 'text' && typeof value !== 'string') value = str(value);
      const existing = list.find((m) => eq(m.value, value));
      if (existing) {
        throw pyError(ValueError, `duplicate values found in <enum '${name}'>: ${key} -> ${existing.name}`);
      }
      const member = new ChoiceMember(cls, key, value, label);
      list.push(member);
      cls.dict.set(key, member);
    }
    cls.native['members'] = list;
    cls.native['choices'] = () => choicesOf(cls);
    return cls;
  },
});

function choicesOf(cls: PyClass): PyList {
  const empty = cls.lookup('__empty__');
  const out: PyValue[] = empty !== undefined ? [new PyTuple([None, empty])] : [];
  for (const m of members(cls)) out.push(new PyTuple([m.value, m.label]));
  return new PyList(out);
}

// Class-level attributes: Genre.choices, .labels, .values, .names, iteration, Genre('F').
function classProperty(name: string, get: (cls: PyClass) => PyValue): void {
  ChoicesType.dict.set(name, new PyProperty(new NativeFunction(name, ([cls]) => get(cls as PyClass), { module: MODULE, qualname: `ChoicesType.${name}` })));
}
classProperty('choices', choicesOf);
classProperty('labels', (c) => new PyList(choicesOf(c).items.map((t) => (t as PyTuple).items[1]!)));
classProperty('values', (c) => new PyList(choicesOf(c).items.map((t) => (t as PyTuple).items[0]!)));
classProperty('names', (c) => new PyList([...(c.lookup('__empty__') !== undefined ? ['__empty__'] : []), ...members(c).map((m) => m.name)]));
classProperty('__members__', (c) => new PyDict(members(c).map((m) => [m.name, m])));
ChoicesType.defineMethod('__iter__', ([cls]) => new PyIterator(members(cls as PyClass)[Symbol.iterator]()));
ChoicesType.defineMethod('__len__', ([cls]) => BigInt(members(cls as PyClass).length));
ChoicesType.defineMethod('__contains__', ([cls, item]) => members(cls as PyClass).some((m) => m === item || eq(m.value, item!)));
ChoicesType.defineMethod('__call__', ([cls, value]) => {
  const c = cls as PyClass;
  const m = members(c).find((x) => x === value || eq(x.value, value!));
  if (!m) throw pyError(ValueError, `${repr(value!)} is not a valid ${c.qualname}`);
  return m;
});
ChoicesType.defineMethod('__getitem__', ([cls, name]) => {
  const m = members(cls as PyClass).find((x) => x.name === name);
  if (!m) throw pyError(KeyError, String(name));
  return m;
});

export const ChoicesClass = new PyClass('Choices', { module: MODULE, bases: [objectClass], metaclass: ChoicesType });
ChoicesClass.native['members'] = [];
export const IntegerChoicesClass = new PyClass('IntegerChoices', { module: MODULE, bases: [ChoicesClass], metaclass: ChoicesType });
IntegerChoicesClass.native['members'] = [];
export const TextChoicesClass = new PyClass('TextChoices', { module: MODULE, bases: [ChoicesClass], metaclass: ChoicesType });
TextChoicesClass.native['members'] = [];

