/**
 * The `json` module: dumps/loads (indent, sort_keys, separators, default, ensure_ascii) with
 * CPython's output format and JSONDecodeError messages.
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyException,
  PyList,
  PyInstance,
  PyModule,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  floatRepr,
  newException,
  pyError,
  str,
  truthy,
  typeName,
  typeOf,
} from '../objects.ts';
import { PyBoxed, unbox } from '../types/core.ts';
import { asInt } from '../operators.ts';
import { iterToArray, sortValues } from '../types/containers.ts';

export const JSONDecodeError = new PyClass('JSONDecodeError', { module: 'json.decoder', bases: [ValueError] });

interface DumpOptions {
  indent: string | null;
  itemSep: string;
  keySep: string;
  sortKeys: boolean;
  ensureAscii: boolean;
  default: PyValue;
  skipKeys: boolean;
  allowNan: boolean;
}

function encodeString(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
    }
    if (c < 0x20 || (ascii && c > 0x7e)) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        out += '\\u' + (0xd800 + (v >> 10)).toString(16).padStart(4, '0') + '\\u' + (0xdc00 + (v & 0x3ff)).toString(16).padStart(4, '0');
      } else out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function floatJson(f: number, allowNan: boolean): string {
  if (Number.isNaN(f) || !Number.isFinite(f)) {
    if (!allowNan) throw pyError(ValueError, `Out of range float values are not JSON compliant`);
    return Number.isNaN(f) ? 'NaN' : f > 0 ? 'Infinity' : '-Infinity';
  }
  return floatRepr(f);
}

function dumpValue(v: PyValue, o: DumpOptions, level: number, stack: Set<PyValue>): string {
  const u = unbox(v);
  if (v === None) return 'null';
  if (u === true) return 'true';
  if (u === false) return 'false';
  if (typeof u === 'string') return encodeString(u, o.ensureAscii);
  if (typeof u === 'bigint') return u.toString();
  if (typeof u === 'number') return floatJson(u, o.allowNan);
  if (v instanceof PyList || v instanceof PyTuple) {
    if (stack.has(v)) throw pyError(ValueError, 'Circular reference detected');
    if (v.items.length === 0) return '[]';
    stack.add(v);
    const parts = v.items.map((x) => dumpValue(x, o, level + 1, stack));
    stack.delete(v);
    if (o.indent === null) return '[' + parts.join(o.itemSep) + ']';
    const pad = '\n' + o.indent.repeat(level + 1);
    return '[' + pad + parts.join(o.itemSep + pad) + '\n' + o.indent.repeat(level) + ']';
  }
  if (v instanceof PyDict) {
    if (stack.has(v)) throw pyError(ValueError, 'Circular reference detected');
    if (v.size === 0) return '{}';
    stack.add(v);
    let items = v.items();
    if (o.sortKeys) {
      const keys = sortValues(items.map(([k]) => k), None, false);
      items = keys.map((k) => [k, v.get(k)!]);
    }
    const parts: string[] = [];
    for (const [k, x] of items) {
      const ku = unbox(k);
      let key: string;
      if (typeof ku === 'string') key = ku;
      else if (ku === true) key = 'true';
      else if (ku === false) key = 'false';
      else if (k === None) key = 'null';
      else if (typeof ku === 'bigint') key = ku.toString();
      else if (typeof ku === 'number') key = floatJson(ku, o.allowNan);
      else if (o.skipKeys) continue;
      else throw pyError(TypeError, `keys must be str, int, float, bool or None, not ${typeName(k)}`);
      parts.push(encodeString(key, o.ensureAscii) + o.keySep + dumpValue(x, o, level + 1, stack));
    }
    stack.delete(v);
    if (o.indent === null) return '{' + parts.join(o.itemSep) + '}';
    const pad = '\n' + o.indent.repeat(level + 1);
    return '{' + pad + parts.join(o.itemSep + pad) + '\n' + o.indent.repeat(level) + '}';
  }
  if (v instanceof PyBoxed) return dumpValue(v.value, o, level, stack);
  if (o.default !== None) return dumpValue(call(o.default, [v]), o, level, stack);
  throw pyError(TypeError, `Object of type ${typeOf(v).name} is not JSON serializable`);
}

export function jsonDumps(v: PyValue, kwargs: Kwargs = new Map()): string {
  const indentV = kwargs.get('indent') ?? None;
  let indent: string | null = null;
  if (indentV !== None) {
    const i = asInt(unbox(indentV));
    indent = i !== undefined ? ' '.repeat(Number(i)) : str(indentV);
  }
  const sepV = kwargs.get('separators') ?? None;
  let itemSep = indent === null ? ', ' : ',';
  let keySep = ': ';
  if (sepV !== None) {
    const seps = iterToArray(sepV);
    itemSep = str(seps[0]!);
    keySep = str(seps[1]!);
  }
  return dumpValue(
    v,
    {
      indent,
      itemSep,
      keySep,
      sortKeys: truthy(kwargs.get('sort_keys') ?? false),
      ensureAscii: truthy(kwargs.get('ensure_ascii') ?? true),
      default: kwargs.get('default') ?? None,
      skipKeys: truthy(kwargs.get('skipkeys') ?? false),
      allowNan: truthy(kwargs.get('allow_nan') ?? true),
    },
    0,
    new Set(),
  );
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

function decodeError(msg: string, doc: string, pos: number): PyException {
  let line = 1;
  let col = pos + 1;
  const before = doc.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  if (nl >= 0) {
    line = before.split('\n').length;
    col = pos - nl;
  }
  const e = new PyException(newException(JSONDecodeError, `${msg}: line ${line} column ${col} (char ${pos})`));
  e.value.dict.set('msg', msg);
  e.value.dict.set('doc', doc);
  e.value.dict.set('pos', BigInt(pos));
  e.value.dict.set('lineno', BigInt(line));
  e.value.dict.set('colno', BigInt(col));
  return e;
}

export function jsonLoads(doc: string, objectHook: PyValue = None): PyValue {
  let i = 0;
  const ws = () => {
    while (i < doc.length && (doc[i] === ' ' || doc[i] === '\t' || doc[i] === '\n' || doc[i] === '\r')) i++;
  };
  const value = (): PyValue => {
    ws();
    const c = doc[i];
    if (c === '{') {
      i++;
      const d = new PyDict();
      ws();
      if (doc[i] === '}') {
        i++;
        return objectHook === None ? d : call(objectHook, [d]);
      }
      for (;;) {
        ws();
        if (doc[i] !== '"') throw decodeError('Expecting property name enclosed in double quotes', doc, i);
        const k = string();
        ws();
        if (doc[i] !== ':') throw decodeError("Expecting ':' delimiter", doc, i);
        i++;
        const v = value();
        d.set(k, v);
        ws();
        if (doc[i] === ',') {
          i++;
          continue;
        }
        if (doc[i] === '}') {
          i++;
          return objectHook === None ? d : call(objectHook, [d]);
        }
        throw decodeError("Expecting ',' delimiter", doc, i);
      }
    }
    if (c === '[') {
      i++;
      const items: PyValue[] = [];
      ws();
      if (doc[i] === ']') {
        i++;
        return new PyList(items);
      }
      for (;;) {
        items.push(value());
        ws();
        if (doc[i] === ',') {
          i++;
          continue;
        }
        if (doc[i] === ']') {
          i++;
          return new PyList(items);
        }
        throw decodeError("Expecting ',' delimiter", doc, i);
      }
    }
    if (c === '"') return string();
    if (doc.startsWith('null', i)) {
      i += 4;
      return None;
    }
    if (doc.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (doc.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (doc.startsWith('NaN', i)) {
      i += 3;
      return NaN;
    }
    if (doc.startsWith('Infinity', i)) {
      i += 8;
      return Infinity;
    }
    if (doc.startsWith('-Infinity', i)) {
      i += 9;
      return -Infinity;
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(doc.slice(i));
    if (m && m[0] !== '-') {
      i += m[0].length;
      if (m[1] || m[2]) return Number(m[0]);
      return BigInt(m[0]);
    }
    throw decodeError('Expecting value', doc, i);
  };
  const string = (): string => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= doc.length) throw decodeError('Unterminated string starting at', doc, start);
      const c = doc[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = doc[i + 1];
        i += 2;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const h = doc.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) throw decodeError('Invalid \\uXXXX escape', doc, i - 1);
            out += String.fromCharCode(parseInt(h, 16));
            i += 4;
            break;
          }
          default:
            throw decodeError('Invalid \\escape', doc, i - 2);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw decodeError('Invalid control character at', doc, i);
      out += c;
      i++;
    }
  };
  const v = value();
  ws();
  if (i < doc.length) throw decodeError('Extra data', doc, i);
  return v;
}

/**
 * json.JSONEncoder: keeps its options as attributes; `encode(o)` dumps with them, calling
 * `self.default(o)` (a subclass's override) for values JSON has no form for.
 */
const ENCODER_OPTIONS = ['skipkeys', 'ensure_ascii', 'check_circular', 'allow_nan', 'sort_keys', 'indent', 'separators', 'default'];
export const JSONEncoderClass = new PyClass('JSONEncoder', { module: 'json.encoder' });
JSONEncoderClass.dict.set(
  '__init__',
  new NativeFunction(
    '__init__',
    (a, k) => {
      const self = a[0] as PyInstance;
      const defaults: PyValue[] = [false, true, true, true, false, None, None, None];
      for (const [key] of k) if (!ENCODER_OPTIONS.includes(key)) throw pyError(TypeError, `JSONEncoder.__init__() got an unexpected keyword argument '${key}'`);
      ENCODER_OPTIONS.forEach((name, i) => {
        const v = k.get(name) ?? defaults[i]!;
        if (name === 'default') {
          if (v !== None) self.dict.set('default', v);
        } else self.dict.set(name, v);
      });
      return None;
    },
    { module: 'json.encoder', qualname: 'JSONEncoder.__init__' },
  ),
);
JSONEncoderClass.dict.set(
  'default',
  new NativeFunction(
    'default',
    (a) => {
      throw pyError(TypeError, `Object of type ${typeOf(a[1] ?? None).name} is not JSON serializable`);
    },
    { module: 'json.encoder', qualname: 'JSONEncoder.default' },
  ),
);
JSONEncoderClass.dict.set(
  'encode',
  new NativeFunction(
    'encode',
    (a) => {
      const self = a[0]!;
      const opts = new Map<string, PyValue>();
      for (const name of ['skipkeys', 'ensure_ascii', 'allow_nan', 'sort_keys', 'indent', 'separators']) opts.set(name, getattrStrict(self, name));
      opts.set('default', getattrStrict(self, 'default'));
      return jsonDumps(a[1] ?? None, opts);
    },
    { module: 'json.encoder', qualname: 'JSONEncoder.encode' },
  ),
);

export function makeJsonModule(): PyModule {
  const m = new PyModule('json');
  const d = m.dict;
  const fn = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => d.set(name, new NativeFunction(name, impl, { module: 'json', qualname: name }));
  const dumps = (v: PyValue, k: Kwargs): string => {
    const cls = k.get('cls') ?? None;
    if (cls === None) return jsonDumps(v, k);
    // dumps(obj, cls=Encoder, **kw) is Encoder(**kw).encode(obj)
    const rest = new Map([...k].filter(([key]) => key !== 'cls'));
    return str(call(getattrStrict(call(cls, [], rest), 'encode'), [v]));
  };
  fn('dumps', (a, k) => dumps(a[0] ?? None, k));
  fn('loads', (a, k) => {
    const s = unbox(a[0] ?? None);
    if (typeof s !== 'string') throw pyError(TypeError, `the JSON object must be str, bytes or bytearray, not ${typeName(a[0] ?? None)}`);
    return jsonLoads(s, k.get('object_hook') ?? None);
  });
  fn('dump', (a, k) => {
    const text = dumps(a[0] ?? None, k);
    call(getattrStrict(a[1] ?? None, 'write'), [text]);
    return None;
  });
  fn('load', (a, k) => jsonLoads(str(call(getattrStrict(a[0] ?? None, 'read'), [])), k.get('object_hook') ?? None));
  d.set('JSONDecodeError', JSONDecodeError);
  d.set('JSONEncoder', JSONEncoderClass);
  return m;
}

import { getattr as getattrStrict } from '../objects.ts';
