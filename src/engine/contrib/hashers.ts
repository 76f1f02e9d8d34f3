/**
 * Password hashing as django.contrib.auth.hashers does it by default: PBKDF2-HMAC-SHA256 with
 * 1,000,000 iterations, stored as `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`. Synchronous
 * (the engine's core is), in plain TypeScript so it runs the same in Node and in the browser.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** One SHA-256 compression of a 64-byte block (as 16 big-endian words) into `h`. */
function compress(h: Uint32Array, w: Uint32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (k + S1 + ch + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

/** SHA-256 of arbitrary bytes, starting from state `init` with `prefixBlocks` blocks already hashed. */
function sha256From(init: Uint32Array, prefixBytes: number, data: Uint8Array): Uint32Array {
  const h = new Uint32Array(init);
  const total = prefixBytes + data.length;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const bits = total * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    compress(h, w);
  }
  return h;
}

export function sha256(data: Uint8Array): Uint8Array {
  return toBytes(sha256From(new Uint32Array(IV), 0, data));
}

function toBytes(h: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, h[i]!);
  return out;
}

/** PBKDF2-HMAC-SHA256 with a 32-byte derived key. */
export function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  let key = password;
  if (key.length > 64) key = sha256(key);
  const ipad = new Uint8Array(64).fill(0x36);
  const opad = new Uint8Array(64).fill(0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i]!;
    opad[i] ^= key[i]!;
  }
  const w = new Uint32Array(64);
  const blockState = (block: Uint8Array) => {
    const h = new Uint32Array(IV);
    const view = new DataView(block.buffer, block.byteOffset, 64);
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4);
    compress(h, w);
    return h;
  };
  const innerInit = blockState(ipad);
  const outerInit = blockState(opad);
  // First round: U1 = HMAC(password, salt || INT(1)).
  const first = new Uint8Array(salt.length + 4);
  first.set(salt);
  first[salt.length + 3] = 1;
  let u = sha256From(outerInit, 64, toBytes(sha256From(innerInit, 64, first)));
  const result = new Uint32Array(u);
  // Later rounds hash a 32-byte message after a 64-byte key block: one padded block each.
  const h = new Uint32Array(8);
  for (let it = 1; it < iterations; it++) {
    for (const init of [innerInit, outerInit]) {
      h.set(init);
      for (let i = 0; i < 8; i++) w[i] = u[i]!;
      w[8] = 0x80000000;
      for (let i = 9; i < 15; i++) w[i] = 0;
      w[15] = (64 + 32) * 8;
      compress(h, w);
      u = new Uint32Array(h);
    }
    for (let i = 0; i < 8; i++) result[i] = result[i]! ^ u[i]!;
  }
  return toBytes(result);
}

const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const PBKDF2_ITERATIONS = 1_000_000;

/** get_random_string(length): characters from a-zA-Z0-9. */
export function randomString(length: number, randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) {
      if (b < 248 && out.length < length) out += SALT_CHARS[b % 62];
    }
  }
  return out;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** make_password(password, salt): an unusable `!…` value for None. */
export function makePassword(password: string | null, salt: string | null, randomBytes: (n: number) => Uint8Array): string {
  if (password === null) return '!' + randomString(40, randomBytes);
  const s = salt ?? randomString(22, randomBytes);
  const enc = new TextEncoder();
  const hash = base64(pbkdf2Sha256(enc.encode(password), enc.encode(s), PBKDF2_ITERATIONS));
  return `pbkdf2_sha256$${PBKDF2_ITERATIONS}$${s}$${hash}`;
}

/** check_password(password, encoded) for pbkdf2_sha256 hashes. */
export function checkPassword(password: string | null, encoded: string | null): boolean {
  if (password === null || encoded === null) return false;
  const parts = encoded.split('$');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2_sha256') return false;
  const [, iterations, salt, hash] = parts as [string, string, string, string];
  const enc = new TextEncoder();
  return base64(pbkdf2Sha256(enc.encode(password), enc.encode(salt), Number(iterations))) === hash;
}
