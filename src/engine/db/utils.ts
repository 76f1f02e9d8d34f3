/**
 * Backend-independent naming helpers (django.db.backends.utils): the md5 digests Django uses in
 * index/constraint names, identifier truncation and splitting.
 */
import { md5 } from 'js-md5';

/** md5 of the concatenated UTF-8 strings, hex, first `length` characters. */
export function namesDigest(args: string[], length: number): string {
  const h = md5.create();
  for (const a of args) h.update(new TextEncoder().encode(a));
  return h.hex().slice(0, length);
}

/**
 * Splits `'"schema"."table"'` (or `'schema"."table'` as db_table values are written) into
 * [namespace, name]; without a namespace returns ['', name]. Quotes are stripped.
 */
export function splitIdentifier(identifier: string): [string, string] {
  const parts = identifier.split('"."');
  if (parts.length === 2) return [stripQuotes(parts[0]!), stripQuotes(parts[1]!)];
  return ['', stripQuotes(identifier)];
}

/** Python's `s.strip('"')`. */
export function stripQuotes(name: string): string {
  return name.replace(/^"+|"+$/g, '');
}

/**
 * Shortens an identifier to `length` characters, replacing the tail with a 4-character digest
 * (`truncate_name`); a namespace prefix (`schema"."table`) is kept and not counted.
 */
export function truncateName(identifier: string, length: number | null = null, hashLen = 4): string {
  const [namespace, name] = splitIdentifier(identifier);
  if (length === null || name.length <= length) return identifier;
  const digest = namesDigest([name], hashLen);
  const truncated = `${name.slice(0, length - hashLen)}${digest}`;
  return namespace ? `${namespace}"."${truncated}` : truncated;
}
