/**
 * Decoding of Python string literals: prefixes, quotes, escape sequences, bytes, and the splitting
 * of an f-string into literal text and replacement fields (Python 3.11 rules: the expression text
 * of a replacement field cannot contain a backslash, '#' or the string's own quote).
 */

export class LiteralError extends Error {
  constructor(
    message: string,
    /** Offset into the literal's raw text where the problem is. */
    public readonly at: number,
  ) {
    super(message);
  }
}

export interface LiteralParts {
  prefix: string; // lowercase
  quote: string; // ', ", ''' or """
  body: string; // raw text between the quotes
  bodyStart: number; // offset of body within the raw literal
  raw: boolean;
  bytes: boolean;
  format: boolean;
}

export function splitLiteral(text: string): LiteralParts {
  let i = 0;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") i++;
  const prefix = text.slice(0, i).toLowerCase();
  const q = text[i]!;
  const quote = text.startsWith(q + q + q, i) && text.length >= i + 6 ? q + q + q : q;
  const bodyStart = i + quote.length;
  const body = text.slice(bodyStart, text.length - quote.length);
  return {
    prefix,
    quote,
    body,
    bodyStart,
    raw: prefix.includes('r'),
    bytes: prefix.includes('b'),
    format: prefix.includes('f'),
  };
}

/** A handful of Unicode character names for `\N{...}` (there is no name database in JavaScript). */
const UNICODE_NAMES: Record<string, number> = {
  'EM DASH': 0x2014,
  'EN DASH': 0x2013,
  'HORIZONTAL ELLIPSIS': 0x2026,
  BULLET: 0x2022,
  'NO-BREAK SPACE': 0xa0,
  NBSP: 0xa0,
  'DEGREE SIGN': 0xb0,
  'COPYRIGHT SIGN': 0xa9,
  'REGISTERED SIGN': 0xae,
  'TRADE MARK SIGN': 0x2122,
  'EURO SIGN': 0x20ac,
  'POUND SIGN': 0xa3,
  'YEN SIGN': 0xa5,
  'CENT SIGN': 0xa2,
  'DOLLAR SIGN': 0x24,
  'SECTION SIGN': 0xa7,
  'PILCROW SIGN': 0xb6,
  'MIDDLE DOT': 0xb7,
  'MULTIPLICATION SIGN': 0xd7,
  'DIVISION SIGN': 0xf7,
  'PLUS-MINUS SIGN': 0xb1,
  'MICRO SIGN': 0xb5,
  'LEFT SINGLE QUOTATION MARK': 0x2018,
  'RIGHT SINGLE QUOTATION MARK': 0x2019,
  'LEFT DOUBLE QUOTATION MARK': 0x201c,
  'RIGHT DOUBLE QUOTATION MARK': 0x201d,
  'LEFT-POINTING DOUBLE ANGLE QUOTATION MARK': 0xab,
  'RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK': 0xbb,
  'RIGHTWARDS ARROW': 0x2192,
  'LEFTWARDS ARROW': 0x2190,
  'UPWARDS ARROW': 0x2191,
  'DOWNWARDS ARROW': 0x2193,
  'CHECK MARK': 0x2713,
  'HEAVY CHECK MARK': 0x2714,
  'BALLOT X': 0x2717,
  'BLACK STAR': 0x2605,
  'WHITE STAR': 0x2606,
  'SNOWMAN': 0x2603,
  'BLACK HEART SUIT': 0x2665,
  'GREEK SMALL LETTER ALPHA': 0x3b1,
  'GREEK SMALL LETTER BETA': 0x3b2,
  'GREEK SMALL LETTER PI': 0x3c0,
  'GREEK CAPITAL LETTER OMEGA': 0x3a9,
  'LATIN SMALL LETTER E WITH ACUTE': 0xe9,
  'LATIN SMALL LETTER A WITH GRAVE': 0xe0,
  'LATIN SMALL LETTER U WITH DIAERESIS': 0xfc,
  'LATIN SMALL LETTER O WITH DIAERESIS': 0xf6,
  'LATIN SMALL LETTER A WITH DIAERESIS': 0xe4,
  'LATIN SMALL LETTER SHARP S': 0xdf,
  'LATIN SMALL LETTER N WITH TILDE': 0xf1,
  'LATIN SMALL LETTER C WITH CEDILLA': 0xe7,
  'INFINITY': 0x221e,
  'NOT EQUAL TO': 0x2260,
  'LESS-THAN OR EQUAL TO': 0x2264,
  'GREATER-THAN OR EQUAL TO': 0x2265,
  'ZERO WIDTH SPACE': 0x200b,
  'SPACE': 0x20,
  'LINE FEED': 0x0a,
  'CARRIAGE RETURN': 0x0d,
  'CHARACTER TABULATION': 0x09,
  'NULL': 0x00,
  'SNAKE': 0x1f40d,
  'GRINNING FACE': 0x1f600,
  'THUMBS UP SIGN': 0x1f44d,
  'WARNING SIGN': 0x26a0,
};

function hexValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Decodes escape sequences of a (non-raw) str literal body. Errors carry CPython's
 * `(unicode error) 'unicodeescape' codec can't decode bytes …` wording.
 */
export function decodeStrEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const start = i;
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case undefined:
        out += '\\';
        break;
      case '\n':
        break;
      case '\r':
        if (body[i] === '\n') i++;
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
        out += "'";
        break;
      case '"':
        out += '"';
        break;
      case 'a':
        out += '\x07';
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
      case 'v':
        out += '\v';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        let v = 0;
        for (let k = 0; k < len; k++) {
          const h = hexValue(body[i + k] ?? '');
          if (h < 0) {
            const what = e === 'x' ? 'truncated \\xXX escape' : e === 'u' ? 'truncated \\uXXXX escape' : 'truncated \\UXXXXXXXX escape';
            throw new LiteralError(
              `(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${i + k - 1}: ${what}`,
              start,
            );
          }
          v = v * 16 + h;
        }
        i += len;
        if (v > 0x10ffff) {
          throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${i - 1}: illegal Unicode character`, start);
        }
        out += String.fromCodePoint(v);
        break;
      }
      case 'N': {
        if (body[i] !== '{') {
          throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${i - 1}: malformed \\N character escape`, start);
        }
        const close = body.indexOf('}', i);
        if (close < 0) {
          throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${i}: malformed \\N character escape`, start);
        }
        const name = body.slice(i + 1, close).toUpperCase();
        const cp = UNICODE_NAMES[name];
        if (cp === undefined || !Object.prototype.hasOwnProperty.call(UNICODE_NAMES, name)) {
          throw new LiteralError(
            `(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${close}: unknown Unicode character name`,
            start,
          );
        }
        out += String.fromCodePoint(cp);
        i = close + 1;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          let v = e.charCodeAt(0) - 48;
          for (let k = 0; k < 2 && body[i]! >= '0' && body[i]! <= '7'; k++) {
            v = v * 8 + (body.charCodeAt(i) - 48);
            i++;
          }
          out += String.fromCodePoint(v);
        } else {
          // unknown escapes are kept (with a DeprecationWarning in CPython)
          out += '\\' + e;
        }
    }
  }
  return out;
}

/** Decodes a bytes literal body into bytes. */
export function decodeBytes(body: string, raw: boolean): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) >= 128) throw new LiteralError('bytes can only contain ASCII literal characters', 0);
  }
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i]!;
    if (c !== '\\' || raw) {
      out.push(c.charCodeAt(0));
      i++;
      continue;
    }
    const e = body[i + 1];
    const start = i;
    i += 2;
    switch (e) {
      case undefined:
        out.push(92);
        break;
      case '\n':
        break;
      case '\\':
        out.push(92);
        break;
      case "'":
        out.push(39);
        break;
      case '"':
        out.push(34);
        break;
      case 'a':
        out.push(7);
        break;
      case 'b':
        out.push(8);
        break;
      case 'f':
        out.push(12);
        break;
      case 'n':
        out.push(10);
        break;
      case 'r':
        out.push(13);
        break;
      case 't':
        out.push(9);
        break;
      case 'v':
        out.push(11);
        break;
      case 'x': {
        const h1 = hexValue(body[i] ?? '');
        const h2 = hexValue(body[i + 1] ?? '');
        if (h1 < 0 || h2 < 0) {
          throw new LiteralError(`(value error) invalid \\x escape at position ${start}`, start);
        }
        out.push(h1 * 16 + h2);
        i += 2;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          let v = e.charCodeAt(0) - 48;
          for (let k = 0; k < 2 && body[i]! >= '0' && body[i]! <= '7'; k++) {
            v = v * 8 + (body.charCodeAt(i) - 48);
            i++;
          }
          out.push(v & 0xff);
        } else {
          out.push(92, e.charCodeAt(0));
        }
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// f-strings
// ---------------------------------------------------------------------------------------------

export interface FStringLiteral {
  kind: 'literal';
  value: string;
}

export interface FStringField {
  kind: 'field';
  /** Expression source text and its offset within the literal's raw text. */
  expr: string;
  exprStart: number;
  /** `f'{x=}'`: the text to print before the value (expression text, '=' and surrounding spaces). */
  selfDoc: string | null;
  conversion: -1 | 's' | 'r' | 'a';
  spec: FStringPart[] | null;
  /** Offsets of the replacement field within the raw literal (from '{' to after '}'). */
  start: number;
  end: number;
}

export type FStringPart = FStringLiteral | FStringField;

/**
 * Splits the body of an f-string into parts. `bodyStart` is the offset of `body` in the raw
 * literal (positions in the result are relative to the raw literal).
 */
export function parseFString(body: string, bodyStart: number, raw: boolean): FStringPart[] {
  const p = new FStringScanner(body, bodyStart, raw);
  return p.parse(0);
}

class FStringScanner {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly base: number,
    private readonly raw: boolean,
  ) {}

  private err(msg: string, at = this.i): never {
    throw new LiteralError(msg, this.base + at);
  }

  /** Parses literal text and fields until the end (depth 0) or a closing '}' of a format spec. */
  parse(depth: number): FStringPart[] {
    const parts: FStringPart[] = [];
    let lit = '';
    const s = this.s;
    const flushLiteral = () => {
      if (lit !== '') {
        parts.push({ kind: 'literal', value: this.raw ? lit : decodeStrEscapes(lit) });
        lit = '';
      }
    };
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '{') {
        if (depth === 0 && s[this.i + 1] === '{') {
          lit += '{';
          this.i += 2;
          continue;
        }
        flushLiteral();
        parts.push(this.field(depth));
        continue;
      }
      if (c === '}') {
        if (depth > 0) break; // end of a format spec
        if (s[this.i + 1] === '}') {
          lit += '}';
          this.i += 2;
          continue;
        }
        this.err("f-string: single '}' is not allowed");
      }
      if (c === '\\' && !this.raw && this.i + 1 < s.length) {
        // keep escapes together so "\{" is not mistaken for a field start
        if (s[this.i + 1] === 'N' && s[this.i + 2] === '{') {
          const close = s.indexOf('}', this.i);
          if (close > 0) {
            lit += s.slice(this.i, close + 1);
            this.i = close + 1;
            continue;
          }
        }
        lit += s.slice(this.i, this.i + 2);
        this.i += 2;
        continue;
      }
      lit += c;
      this.i++;
    }
    flushLiteral();
    return parts;
  }

  private field(depth: number): FStringField {
    const s = this.s;
    const start = this.i;
    if (depth >= 2) this.err('f-string: expressions nested too deeply');
    this.i++; // '{'
    const exprStart = this.i;
    const stack: string[] = [];
    let quote: string | null = null;
    for (;;) {
      if (this.i >= s.length) break;
      const c = s[this.i]!;
      if (c === '\\') this.err('f-string expression part cannot include a backslash');
      if (quote) {
        if (s.startsWith(quote, this.i)) {
          this.i += quote.length;
          quote = null;
          continue;
        }
        this.i++;
        continue;
      }
      if (c === "'" || c === '"') {
        quote = s.startsWith(c + c + c, this.i) ? c + c + c : c;
        this.i += quote.length;
        continue;
      }
      if (c === '[' || c === '(' || c === '{') {
        stack.push(c);
        this.i++;
        continue;
      }
      if (c === '#') this.err("f-string expression part cannot include '#'");
      if (stack.length === 0) {
        const next = s[this.i + 1];
        if (c === '!' && next === '=') {
          this.i += 2;
          continue;
        }
        if ((c === '=' || c === '<' || c === '>') && next === '=') {
          this.i += 2;
          continue;
        }
        if (c === '!' || c === ':' || c === '}' || c === '=') break;
      }
      if (c === ']' || c === ')' || c === '}') {
        const open = stack.pop();
        if (open === undefined) this.err(`f-string: unmatched '${c}'`);
        const want = open === '(' ? ')' : open === '[' ? ']' : '}';
        if (want !== c) this.err(`f-string: closing parenthesis '${c}' does not match opening parenthesis '${open}'`);
        this.i++;
        continue;
      }
      this.i++;
    }
    if (quote) this.err('f-string: unterminated string');
    if (stack.length > 0) this.err(`f-string: unmatched '${stack[stack.length - 1]}'`);
    const expr = s.slice(exprStart, this.i);
    if (this.i >= s.length) this.err("f-string: expecting '}'");
    if (expr.trim() === '') {
      if (s[this.i] === '=') this.err("f-string: expression required before '='");
      this.err('f-string: empty expression not allowed');
    }
    let selfDoc: string | null = null;
    if (s[this.i] === '=') {
      this.i++;
      let j = this.i;
      while (j < s.length && (s[j] === ' ' || s[j] === '\t' || s[j] === '\n')) j++;
      selfDoc = s.slice(exprStart, j);
      this.i = j;
    }
    let conversion: FStringField['conversion'] = -1;
    if (s[this.i] === '!') {
      this.i++;
      const conv = s[this.i];
      if (conv === undefined) this.err("f-string: expecting '}'");
      if (conv !== 's' && conv !== 'r' && conv !== 'a') {
        this.err("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      conversion = conv;
      this.i++;
      if (s[this.i] !== ':' && s[this.i] !== '}') this.err("f-string: expecting '}'");
    }
    let spec: FStringPart[] | null = null;
    if (s[this.i] === ':') {
      this.i++;
      spec = this.parse(depth + 1);
    }
    if (s[this.i] !== '}') this.err("f-string: expecting '}'");
    this.i++;
    if (selfDoc !== null && conversion === -1 && spec === null) conversion = 'r';
    return { kind: 'field', expr, exprStart: this.base + exprStart, selfDoc, conversion, spec, start: this.base + start, end: this.base + this.i };
  }
}
