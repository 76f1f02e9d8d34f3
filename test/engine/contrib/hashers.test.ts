/**
 * Password hashing (contrib/hashers.ts) against Node's own SHA-256 and PBKDF2.
 */
import { createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkPassword, makePassword, pbkdf2Sha256, sha256 } from '../../../src/engine/contrib/hashers.ts';

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha256', () => {
  test.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'The quick brown fox jumps over the lazy dog'.repeat(7)])('%#', (s) => {
    expect(hex(sha256(enc.encode(s)))).toBe(createHash('sha256').update(s).digest('hex'));
  });
});

describe('pbkdf2_sha256', () => {
  test.each([
    ['password', 'salt', 1],
    ['password', 'salt', 2],
    ['secret', 'seasalt1234567890abcd', 1000],
    ['x'.repeat(80), 'long key gets hashed first', 3],
  ])('%s / %s / %d', (password, salt, iterations) => {
    expect(hex(pbkdf2Sha256(enc.encode(password), enc.encode(salt), iterations))).toBe(
      pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex'),
    );
  });
});

describe('make_password / check_password', () => {
  const bytes = (n: number) => new Uint8Array(n).map((_, i) => (i * 37 + 11) % 256);

  test('an unusable password for None', () => {
    const p = makePassword(null, null, bytes);
    expect(p).toMatch(/^![a-zA-Z0-9]{40}$/);
    expect(checkPassword('x', p)).toBe(false);
  });

  test("Django's format, checked back", () => {
    const encoded = makePassword('s3cret', 'abcdefghijklmnopqrstuv', bytes);
    const expected = pbkdf2Sync('s3cret', 'abcdefghijklmnopqrstuv', 1_000_000, 32, 'sha256').toString('base64');
    expect(encoded).toBe(`pbkdf2_sha256$1000000$abcdefghijklmnopqrstuv$${expected}`);
    expect(checkPassword('s3cret', encoded)).toBe(true);
    expect(checkPassword('wrong', encoded)).toBe(false);
  }, 30_000);
});
