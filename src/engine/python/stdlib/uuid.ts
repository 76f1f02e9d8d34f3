/**
 * The `uuid` module: UUID objects and uuid4() (random bytes from the interpreter's Env), uuid1,
 * uuid3 (MD5) and the namespace constants.
 */
import { md5 } from 'js-md5';
import {
  type Kwargs,
  NativeFunction,
  None,
  NotImplemented,
  PyBytes,
  PyClass,
  PyModule,
  PyObject,
  type PyValue,
  TypeError,
  ValueError,
  pyError,
  str,
  typeName,
} from '../objects.ts';
import type { Interpreter } from '../interpreter.ts';
import { getter, method, unbox } from '../types/core.ts';
import { asInt } from '../operators.ts';

export const uuidClass = new PyClass('UUID', { module: 'uuid' });

export class PyUUID extends PyObject {
  constructor(readonly value: bigint) {
    super();
  }
  get pyClass(): PyClass {
    return uuidClass;
  }
  get hex(): string {
    return this.value.toString(16).padStart(32, '0');
  }
  override toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  get bytes(): Uint8Array {
    const out = new Uint8Array(16);
    let v = this.value;
    for (let i = 15; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return out;
  }
  get version(): number | null {
    return this.variant === 'specified in RFC 4122' ? Number((this.value >> 76n) & 0xfn) : null;
  }
  get variant(): string {
    const v = Number((this.value >> 61n) & 0x7n);
    if ((v & 0b100) === 0) return 'reserved for NCS compatibility';
    if ((v & 0b010) === 0) return 'specified in RFC 4122';
    if ((v & 0b001) === 0) return 'reserved for Microsoft compatibility';
    return 'reserved for future definition';
  }
  override nativeRepr(): string {
    return `UUID('${this.toString()}')`;
  }
  override nativeStr(): string {
    return this.toString();
  }
  override nativeEq(other: PyValue): boolean | undefined {
    return other instanceof PyUUID ? other.value === this.value : undefined;
  }
  override nativeHashKey(): string {
    return 'uuid:' + this.value;
  }
  override nativeSqlLiteral(): string {
    return `'${this.toString()}'::uuid`;
  }
}

export function uuidFromHex(s: string): PyUUID {
  const h = s.replace(/^urn:uuid:/, '').replace(/[{}]/g, '').replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(h)) throw pyError(ValueError, 'badly formed hexadecimal UUID string');
  return new PyUUID(BigInt('0x' + h));
}

export function uuidFromBytes(b: Uint8Array): PyUUID {
  if (b.length !== 16) throw pyError(ValueError, 'bytes is not a 16-char string');
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return new PyUUID(v);
}

function withVersion(v: bigint, version: number): bigint {
  v &= ~(0xc000n << 48n);
  v |= 0x8000n << 48n;
  v &= ~(0xf000n << 64n);
  v |= BigInt(version) << 76n;
  return v;
}

/** uuid4() from 16 random bytes. */
export function uuid4From(bytes: Uint8Array): PyUUID {
  return new PyUUID(withVersion(uuidFromBytes(bytes).value, 4));
}

function installUUID(): void {
  const c = uuidClass;
  c.nativeNew = (_cls, args, kwargs) => {
    const hex = args[0] ?? kwargs.get('hex');
    const bytes = args[1] ?? kwargs.get('bytes');
    const bytesLe = args[2] ?? kwargs.get('bytes_le');
    const fields = args[3] ?? kwargs.get('fields');
    const int = args[4] ?? kwargs.get('int');
    const version = args[5] ?? kwargs.get('version');
    const given = [hex, bytes, bytesLe, fields, int].filter((x) => x !== undefined && x !== None).length;
    if (given !== 1) throw pyError(TypeError, 'one of the hex, bytes, bytes_le, fields, or int arguments must be given');
    let u: PyUUID;
    if (hex !== undefined && hex !== None) {
      const s = unbox(hex);
      if (typeof s !== 'string') throw pyError(TypeError, `one of the hex, bytes, bytes_le, fields, or int arguments must be given`);
      u = uuidFromHex(s);
    } else if (bytes !== undefined && bytes !== None) {
      if (!(bytes instanceof PyBytes)) throw pyError(TypeError, `bytes is not a 16-char string`);
      u = uuidFromBytes(bytes.data);
    } else if (int !== undefined && int !== None) {
      const i = asInt(unbox(int));
      if (i === undefined || i < 0n || i >= 1n << 128n) throw pyError(ValueError, 'int is out of range (need a 128-bit value)');
      u = new PyUUID(i);
    } else throw pyError(TypeError, 'UUID fields/bytes_le are not supported in this sandbox');
    if (version !== undefined && version !== None) {
      const v = Number(asInt(unbox(version)) ?? 0n);
      if (v < 1 || v > 5) throw pyError(ValueError, 'illegal version number');
      u = new PyUUID(withVersion(u.value, v));
    }
    return u;
  };
  getter(c, 'hex', (u) => (u as PyUUID).hex);
  getter(c, 'int', (u) => (u as PyUUID).value);
  getter(c, 'bytes', (u) => new PyBytes((u as PyUUID).bytes));
  getter(c, 'urn', (u) => 'urn:uuid:' + (u as PyUUID).toString());
  getter(c, 'version', (u) => {
    const v = (u as PyUUID).version;
    return v === null ? None : BigInt(v);
  });
  getter(c, 'variant', (u) => (u as PyUUID).variant);
  getter(c, 'is_safe', () => None);
  method(c, '__str__', (a) => (a[0] as PyUUID).toString());
  method(c, '__repr__', (a) => (a[0] as PyUUID).nativeRepr());
  method(c, '__int__', (a) => (a[0] as PyUUID).value);
  const cmp = (name: string, f: (x: bigint, y: bigint) => boolean) =>
    method(c, name, (a) => {
      const o = a[1];
      if (!(o instanceof PyUUID)) return NotImplemented;
      return f((a[0] as PyUUID).value, o.value);
    });
  cmp('__lt__', (x, y) => x < y);
  cmp('__le__', (x, y) => x <= y);
  cmp('__gt__', (x, y) => x > y);
  cmp('__ge__', (x, y) => x >= y);
  method(c, '__hash__', (a) => (a[0] as PyUUID).value % (1n << 61n));
}

const NAMESPACE_DNS = uuidFromHex('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
const NAMESPACE_URL = uuidFromHex('6ba7b811-9dad-11d1-80b4-00c04fd430c8');
const NAMESPACE_OID = uuidFromHex('6ba7b812-9dad-11d1-80b4-00c04fd430c8');
const NAMESPACE_X500 = uuidFromHex('6ba7b814-9dad-11d1-80b4-00c04fd430c8');

let installed = false;

export function makeUuidModule(interp: Interpreter): PyModule {
  if (!installed) {
    installed = true;
    installUUID();
  }
  const m = new PyModule('uuid');
  const d = m.dict;
  const fn = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => d.set(name, new NativeFunction(name, impl, { module: 'uuid', qualname: name }));
  d.set('UUID', uuidClass);
  d.set('NAMESPACE_DNS', NAMESPACE_DNS);
  d.set('NAMESPACE_URL', NAMESPACE_URL);
  d.set('NAMESPACE_OID', NAMESPACE_OID);
  d.set('NAMESPACE_X500', NAMESPACE_X500);
  d.set('RESERVED_NCS', 'reserved for NCS compatibility');
  d.set('RFC_4122', 'specified in RFC 4122');
  d.set('RESERVED_MICROSOFT', 'reserved for Microsoft compatibility');
  d.set('RESERVED_FUTURE', 'reserved for future definition');
  fn('uuid4', () => uuid4From(interp.env.randomBytes(16)));
  fn('uuid1', () => {
    // 60-bit timestamp in 100 ns intervals since 1582-10-15, random clock sequence and node
    const ms = BigInt(interp.env.now().getTime());
    const ts = ms * 10000n + 0x01b21dd213814000n;
    const rnd = interp.env.randomBytes(8);
    const clock = BigInt(((rnd[0]! << 8) | rnd[1]!) & 0x3fff);
    let node = 0n;
    for (const b of rnd.slice(2)) node = (node << 8n) | BigInt(b);
    node |= 1n << 40n; // multicast bit: not a real MAC address
    const timeLow = ts & 0xffffffffn;
    const timeMid = (ts >> 32n) & 0xffffn;
    const timeHi = (ts >> 48n) & 0x0fffn;
    let v = (timeLow << 96n) | (timeMid << 80n) | (timeHi << 64n) | (clock << 48n) | node;
    v = withVersion(v, 1);
    return new PyUUID(v);
  });
  fn('uuid3', (a) => {
    const ns = a[0];
    const name = a[1];
    if (!(ns instanceof PyUUID)) throw pyError(TypeError, `'${typeName(ns ?? None)}' object has no attribute 'bytes'`);
    const nameBytes = name instanceof PyBytes ? name.data : new TextEncoder().encode(str(name ?? ''));
    const data = new Uint8Array(16 + nameBytes.length);
    data.set(ns.bytes);
    data.set(nameBytes, 16);
    const hash = md5.array(data);
    return new PyUUID(withVersion(uuidFromBytes(Uint8Array.from(hash.slice(0, 16))).value, 3));
  });
  fn('getnode', () => 0x010203040506n);
  return m;
}
