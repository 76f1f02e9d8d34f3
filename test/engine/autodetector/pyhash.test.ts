import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { type Hashable, PySetOrder, pyHash, strHash } from '../../../src/engine/python/set-order.ts';

// Vectors recorded with CPython 3.11.7, PYTHONHASHSEED=0.
const vectors = JSON.parse(readFileSync(new URL('./pyhash-vectors.json', import.meta.url), 'utf8')) as {
  str: [string, string][];
  tuple: [string[], string][];
  sets: { in: string[][]; out: string[][] }[];
  diffs: { old: string[][]; new: string[][]; ops: string[][][]; out: string[][] }[];
};

const dep = (d: string[]): Hashable => [d[0]!, d[1]!, d[2]!, { enumName: d[3]! }];
const same = (a: string[], b: string[]) => a.join('\0') === b.join('\0');

describe('CPython hashing', () => {
  test('str hashes (SipHash-1-3, zero key)', () => {
    for (const [s, h] of vectors.str) expect(strHash(s)).toBe(BigInt(h));
  });
  test('tuple hashes', () => {
    expect(pyHash(['shop', 'product'])).toBe(BigInt(vectors.tuple[0]![1]));
    expect(pyHash(dep(vectors.tuple[1]![0]))).toBe(BigInt(vectors.tuple[1]![1]));
  });
  test('list(set(list)) order', () => {
    for (const c of vectors.sets) {
      const s = new PySetOrder<string[]>((d) => pyHash(dep(d)), same);
      for (const d of c.in) s.add(d);
      expect(s.values()).toEqual(c.out);
    }
  });
  test('set difference after remove/add', () => {
    for (const c of vectors.diffs) {
      const h = (k: string[]) => pyHash(k);
      const old = new PySetOrder<string[]>(h, same);
      for (const k of c.old) old.add(k);
      const nw = new PySetOrder<string[]>(h, same);
      for (const k of c.new) nw.add(k);
      for (const [r, a] of c.ops) {
        old.discard(r!);
        old.add(a!);
      }
      expect(old.difference(nw).values()).toEqual(c.out);
    }
  });
});
