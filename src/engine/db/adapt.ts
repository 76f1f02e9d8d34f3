/**
 * psycopg2 2.9's client-side parameter handling, reproduced: how Python values become SQL
 * literals (`adapt(v).getquoted()`) and how `%s` / `%(name)s` placeholders are merged into the
 * query text (`cursor.mogrify`). Django's PostgreSQL schema editor quotes default values with the
 * same adaptation (`quote_value`).
 *
 * Behaviour checked against psycopg2 2.9.5 connected to PGlite (standard_conforming_strings on):
 *   None → NULL, True → true, 12 → 12, -5 → ` -5` (a space before negative numbers), 1.5 → 1.5,
 *   nan → 'NaN'::float, inf → 'Infinity'::float, 'it''s' (backslashes kept as they are),
 *   [1, 2] → ARRAY[1,2], [] → '{}', [None] → '{NULL}', (1, 2) → (1, 2), b'ab' → '\x6162'::bytea.
 */
import {
  IndexError,
  KeyError,
  None,
  PyBytes,
  PyDict,
  PyList,
  PyTuple,
  TypeError,
  ValueError,
  floatRepr,
  pyError,
  typeName,
  type PyValue,
} from '../python/objects.ts';

/**
 * A client-side psycopg2.ProgrammingError (not a server error): "can't adapt type 'dict'",
 * "argument formats can't be mixed", "incomplete placeholder: '%(' without ')'". The Django
 * layer shows it as `django.db.utils.ProgrammingError`.
 */
export class ClientProgrammingError extends Error {
  readonly pyClassName = 'ProgrammingError';
  constructor(message: string) {
    super(message);
    this.name = 'ProgrammingError';
  }
}

/** `psycopg2.extensions.adapt(value).getquoted()` on a connection with standard_conforming_strings on. */
export function quoteValue(value: PyValue): string {
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value < 0n ? ' ' + value.toString() : value.toString();
    case 'number':
      return quoteFloat(value);
  }
  if (value === None) return 'NULL';
  if (value.nativeSqlLiteral) return value.nativeSqlLiteral();
  if (value instanceof PyList) return quoteList(value.items);
  if (value instanceof PyTuple) return '(' + value.items.map(quoteOrNull).join(', ') + ')';
  if (value instanceof PyBytes) return quoteBytes(value.data);
  throw new ClientProgrammingError(`can't adapt type '${typeName(value)}'`);
}

function quoteOrNull(v: PyValue): string {
  return v === None ? 'NULL' : quoteValue(v);
}

export function quoteString(s: string): string {
  if (s.includes('\0')) throw pyError(ValueError, 'A string literal cannot contain NUL (0x00) characters.');
  return "'" + s.replace(/'/g, "''") + "'";
}

function quoteFloat(n: number): string {
  if (Number.isNaN(n)) return "'NaN'::float";
  if (n === Infinity) return "'Infinity'::float";
  if (n === -Infinity) return "'-Infinity'::float";
  const r = floatRepr(n);
  return r.startsWith('-') ? ' ' + r : r;
}

export function quoteBytes(data: Uint8Array): string {
  let hex = '';
  for (const b of data) hex += (b < 16 ? '0' : '') + b.toString(16);
  return "'\\x" + hex + "'::bytea";
}

/** psycopg2's list_quote: ARRAY[...], or the '{...}' form when every item is NULL. */
function quoteList(items: readonly PyValue[]): string {
  if (items.length === 0) return "'{}'";
  let allNulls = true;
  const qs: string[] = [];
  for (const item of items) {
    if (item === None) {
      qs.push('NULL');
      continue;
    }
    let q = quoteValue(item);
    if (item instanceof PyList) {
      if (q.startsWith('A')) allNulls = false;
      else if (q === "'{}'") {
        // '{{}}' is not valid but ARRAY[ARRAY[]] is
        allNulls = false;
        q = 'ARRAY[]';
      }
    } else {
      allNulls = false;
    }
    qs.push(q);
  }
  if (!allNulls) return 'ARRAY[' + qs.join(',') + ']';
  return "'{" + qs.map((q) => (q.startsWith("'") ? q.slice(1, -1) : q)).join(',') + "}'";
}

/** The parameters of a query: a sequence (for `%s`) or a dict (for `%(name)s`). */
export type QueryParams = readonly PyValue[] | PyList | PyTuple | PyDict;

const utf8 = new TextEncoder();

/**
 * `cursor.mogrify(sql, params)`: with params (even empty ones) placeholders are replaced and `%%`
 * becomes `%`; without params (undefined) the text is returned unchanged.
 */
export function mogrify(sql: string, params?: QueryParams): string {
  if (params === undefined) return sql;
  const isDict = params instanceof PyDict;
  const seq: readonly PyValue[] | undefined = isDict
    ? undefined
    : params instanceof PyList || params instanceof PyTuple
      ? params.items
      : (params as readonly PyValue[]);
  const seqName = params instanceof PyTuple ? 'tuple' : isDict ? 'dict' : 'list';

  // Pass 1 (psycopg2's _mogrify): find the placeholders, look the values up and quote them.
  let kind: 0 | 1 | 2 = 0; // 1 = mapping, 2 = sequence
  const positional: string[] = [];
  const named = new Map<string, string>();
  let force = false;
  for (let i = 0; i < sql.length; ) {
    if (sql[i++] !== '%') continue;
    const c = sql[i];
    if (c === '%') {
      i++;
      force = true;
    } else if (c === '(') {
      if (kind === 2) throw new ClientProgrammingError("argument formats can't be mixed");
      kind = 1;
      let d = i + 1;
      while (d < sql.length && sql[d] !== ')' && sql[d] !== '%') d++;
      if (sql[d] !== ')') throw new ClientProgrammingError("incomplete placeholder: '%(' without ')'");
      const key = sql.slice(i + 1, d);
      if (!isDict) throw pyError(TypeError, `${seqName} indices must be integers or slices, not str`);
      const dict = params as PyDict;
      const value = dict.get(key);
      if (value === undefined) throw pyError(KeyError, key);
      if (!named.has(key)) named.set(key, quoteOrNull(value));
      i = d + 1;
    } else {
      if (kind === 1) throw new ClientProgrammingError("argument formats can't be mixed");
      kind = 2;
      if (seq === undefined) throw pyError(TypeError, `${seqName} is not a sequence`);
      const index = positional.length;
      if (index >= seq.length) throw pyError(IndexError, `${seqName} index out of range`);
      positional.push(quoteOrNull(seq[index]!));
    }
  }
  if (kind === 0 && !force) return sql; // nothing to merge: the text is used as is

  // Pass 2 (psycopg2's Bytes_Format, `query % args`): only %s, %(name)s and %% are supported.
  let out = '';
  let argIndex = 0;
  let last = 0;
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] !== '%') continue;
    out += sql.slice(last, i);
    let j = i + 1;
    let value: string | undefined;
    if (sql[j] === '%') {
      out += '%';
      last = i = j;
      last++;
      continue;
    }
    if (sql[j] === '(') {
      let depth = 1;
      const start = j + 1;
      j++;
      while (j < sql.length && depth > 0) {
        if (sql[j] === ')') depth--;
        else if (sql[j] === '(') depth++;
        j++;
      }
      if (depth > 0) throw pyError(ValueError, 'incomplete format key');
      value = named.get(sql.slice(start, j - 1));
    }
    if (j >= sql.length) throw pyError(ValueError, 'incomplete format');
    const conv = sql[j]!;
    if (conv !== 's') {
      const code = conv.codePointAt(0)!;
      const index = utf8.encode(sql.slice(0, j)).length;
      throw pyError(ValueError, `unsupported format character '${conv}' (0x${code.toString(16)}) at index ${index}`);
    }
    if (value === undefined) {
      if (kind === 1) throw pyError(TypeError, 'format requires a mapping');
      value = positional[argIndex++];
      if (value === undefined) throw pyError(TypeError, 'not enough arguments for format string');
    }
    out += value;
    i = j;
    last = j + 1;
  }
  out += sql.slice(last);
  if (kind === 2 && argIndex < positional.length) {
    throw pyError(TypeError, 'not all arguments converted during string formatting');
  }
  if (kind === 2 && seq !== undefined && positional.length < seq.length) {
    throw pyError(TypeError, 'not all arguments converted during string formatting');
  }
  return out;
}

