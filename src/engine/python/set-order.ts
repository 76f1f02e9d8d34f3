/**
 * CPython 3.11's hashing and set layout, to reproduce the iteration order of the few Python sets
 * whose order shows in Django's autodetector output.
 *
 * The parity corpus was recorded with PYTHONHASHSEED=0: str hashes are SipHash-1-3 with an
 * all-zero key, so a set of tuples of strings iterates in a fixed order that depends only on the
 * hashes and on CPython's open-addressing table. Sets holding None (whose hash is its address
 * on Python 3.11) have no stable order in Django either; callers don't use this for them.
 */

const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** SipHash-1-3 (CPython's `siphash13`) of `data` with key (k0, k1). */
function siphash13(k0: bigint, k1: bigint, data: Uint8Array): bigint {
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    // HALF_ROUND(v0, v1, v2, v3, 13, 16)
    v0 = (v0 + v1) & MASK64;
    v2 = (v2 + v3) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    // HALF_ROUND(v2, v1, v0, v3, 17, 21)
    v2 = (v2 + v1) & MASK64;
    v0 = (v0 + v3) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const len = data.length;
  let off = 0;
  for (; len - off >= 8; off += 8) {
    let mi = 0n;
    for (let i = 7; i >= 0; i--) mi = (mi << 8n) | BigInt(data[off + i]!);
    v3 ^= mi;
    round();
    v0 ^= mi;
  }
  let t = 0n;
  for (let i = len - off - 1; i >= 0; i--) t = (t << 8n) | BigInt(data[off + i]!);
  const b = ((BigInt(len) << 56n) & MASK64) | t;
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return v0 ^ v1 ^ (v2 ^ v3);
}

/** Unsigned 64-bit → Py_hash_t (signed), with CPython's -1 → -2 rule. */
function toSigned(h: bigint): bigint {
  let s = BigInt.asIntN(64, h);
  if (s === -1n) s = -2n;
  return s;
}

/** hash(s) for a str under PYTHONHASHSEED=0 (64-bit build). */
export function strHash(s: string): bigint {
  if (s.length === 0) return 0n;
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const max = Math.max(...cps);
  const width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const data = new Uint8Array(cps.length * width);
  cps.forEach((cp, i) => {
    for (let k = 0; k < width; k++) data[i * width + k] = (cp >> (8 * k)) & 0xff;
  });
  return toSigned(siphash13(0n, 0n, data));
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** hash(tuple) from the hashes of its items (CPython ≥ 3.8's xxHash-based tuplehash). */
export function tupleHash(itemHashes: readonly bigint[]): bigint {
  let acc = XXPRIME_5;
  for (const h of itemHashes) {
    const lane = BigInt.asUintN(64, h);
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = rotl(acc, 31n);
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(itemHashes.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** hash() of a value made of str, None-free tuples and (hashed-by-name) enum members. */
export type Hashable = string | { enumName: string } | readonly Hashable[];

export function pyHash(v: Hashable): bigint {
  if (typeof v === 'string') return strHash(v);
  if (Array.isArray(v)) return tupleHash((v as readonly Hashable[]).map(pyHash));
  return strHash((v as { enumName: string }).enumName); // Enum.__hash__ is hash(self._name_)
}

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const MIN_SIZE = 8;

interface Slot<T> {
  key: T;
  hash: bigint;
}

/**
 * A CPython set table: insertion with linear probing and perturbation, resizing at 60% fill,
 * iteration in slot order. Keys are compared with `same` when hashes are equal.
 */
export class PySetOrder<T> {
  private table: (Slot<T> | null | 'dummy')[] = new Array(MIN_SIZE).fill(null);
  private fill = 0;
  private used = 0;
  /** set.pop()'s search finger. */
  private finger = 0;

  constructor(
    private readonly hashOf: (v: T) => bigint,
    private readonly same: (a: T, b: T) => boolean,
  ) {}

  private get mask(): number {
    return this.table.length - 1;
  }

  add(key: T, hash: bigint = this.hashOf(key)): void {
    const mask = BigInt(this.mask);
    let perturb = BigInt.asUintN(64, hash);
    let i = Number(BigInt.asUintN(64, hash) & mask);
    let freeslot = -1;
    for (;;) {
      let probes = i + LINEAR_PROBES <= this.mask ? LINEAR_PROBES : 0;
      let j = i;
      for (;;) {
        const e = this.table[j];
        if (e === null) {
          if (freeslot >= 0) {
            this.table[freeslot] = { key, hash };
            this.used++;
            return;
          }
          this.table[j] = { key, hash };
          this.fill++;
          this.used++;
          if (this.fill * 5 >= this.mask * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return;
        }
        if (e === 'dummy') {
          if (freeslot < 0) freeslot = j;
        } else if (e.hash === hash && this.same(e.key, key)) {
          return;
        }
        if (probes-- === 0) break;
        j++;
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  discard(key: T, hash: bigint = this.hashOf(key)): boolean {
    const idx = this.lookup(key, hash);
    if (idx < 0) return false;
    this.table[idx] = 'dummy';
    this.used--;
    return true;
  }

  has(key: T, hash: bigint = this.hashOf(key)): boolean {
    return this.lookup(key, hash) >= 0;
  }

  private lookup(key: T, hash: bigint): number {
    const mask = BigInt(this.mask);
    let perturb = BigInt.asUintN(64, hash);
    let i = Number(BigInt.asUintN(64, hash) & mask);
    for (;;) {
      let probes = i + LINEAR_PROBES <= this.mask ? LINEAR_PROBES : 0;
      let j = i;
      for (;;) {
        const e = this.table[j];
        if (e === null) return -1;
        if (e !== 'dummy' && e.hash === hash && this.same(e.key, key)) return j;
        if (probes-- === 0) break;
        j++;
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  private resize(minUsed: number): void {
    let size = MIN_SIZE;
    while (size <= minUsed) size <<= 1;
    const old = this.table;
    this.table = new Array(size).fill(null);
    this.fill = this.used;
    for (const e of old) if (e !== null && e !== 'dummy') this.insertClean(e);
  }

  private insertClean(e: Slot<T>): void {
    const mask = BigInt(this.mask);
    let perturb = BigInt.asUintN(64, e.hash);
    let i = Number(BigInt.asUintN(64, e.hash) & mask);
    for (;;) {
      if (this.table[i] === null) {
        this.table[i] = e;
        return;
      }
      if (i + LINEAR_PROBES <= this.mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (this.table[i + j] === null) {
            this.table[i + j] = e;
            return;
          }
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  /**
   * `set(d)` for a dict `d` whose keys are given in order: CPython resizes once for all of them
   * (set_update_internal), then adds them one by one.
   */
  static fromDictKeys<T>(keys: Iterable<T>, hashOf: (v: T) => bigint, same: (a: T, b: T) => boolean): PySetOrder<T> {
    const list = [...keys];
    const out = new PySetOrder<T>(hashOf, same);
    if ((out.fill + list.length) * 5 >= out.mask * 3) out.resize((out.used + list.length) * 2);
    for (const k of list) out.add(k);
    return out;
  }

  /** set.pop(): the first entry from the finger on (wrapping around), left as a dummy. */
  pop(): T {
    if (this.used === 0) throw new Error('pop from an empty set');
    let i = this.finger & this.mask;
    for (;;) {
      const e = this.table[i];
      if (e !== null && e !== undefined && e !== 'dummy') {
        this.table[i] = 'dummy';
        this.used--;
        this.finger = i + 1;
        return e.key;
      }
      i = i + 1 > this.mask ? 0 : i + 1;
    }
  }

  /** The entries with their hashes, in iteration order. */
  entries(): Slot<T>[] {
    return this.table.filter((e): e is Slot<T> => e !== null && e !== 'dummy');
  }

  values(): T[] {
    return this.entries().map((e) => e.key);
  }

  get size(): number {
    return this.used;
  }

  /**
   * `self - other` as CPython computes it: a copy with other's keys discarded when self is more
   * than four times larger, else a new set built from self's keys in iteration order.
   */
  difference(other: PySetOrder<T>): PySetOrder<T> {
    if (this.used >> 2 > other.used) {
      const copy = this.copy();
      for (const e of other.entries()) copy.discard(e.key, e.hash);
      return copy;
    }
    const out = new PySetOrder<T>(this.hashOf, this.same);
    for (const e of this.entries()) if (!other.has(e.key, e.hash)) out.add(e.key, e.hash);
    return out;
  }

  /** set(self) / self.copy(): CPython's set_merge into a new, empty set. */
  copy(): PySetOrder<T> {
    const out = new PySetOrder<T>(this.hashOf, this.same);
    if (this.used === 0) return out;
    // One big resize first, then either a slot-by-slot copy (same size, no dummies) or
    // insert_clean in slot order.
    if (this.used * 5 >= out.mask * 3) out.resize(this.used * 2);
    if (out.mask === this.mask && this.fill === this.used) {
      out.table = this.table.map((e) => (e === null || e === 'dummy' ? null : { ...e }));
    } else {
      for (const e of this.entries()) out.insertClean({ ...e });
    }
    out.fill = this.used;
    out.used = this.used;
    return out;
  }
}
