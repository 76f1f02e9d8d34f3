/**
 * A Python 3.11 tokenizer, used to report the syntax errors CPython's tokenizer reports (unterminated
 * strings, unmatched brackets, bad indentation, invalid number literals, stray characters) with
 * CPython's messages and positions, and to give the syntax-error diagnosis a token stream to reason
 * about. The tree itself comes from @lezer/python (see parser.ts).
 *
 * It is a character scanner that follows the structure of CPython's tokenizer; no regular
 * expressions are involved.
 */

export type TokenType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER' | 'ERRORTOKEN';

export interface Token {
  type: TokenType;
  value: string;
  /** Absolute character offsets into the source. */
  start: number;
  end: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Bracket nesting level before this token. */
  level: number;
}

export interface TokenizerError {
  /**
   * 'raised': CPython's tokenizer raises it itself; it wins over any parser error anywhere in the
   * file. 'status': a tokenizer status the parser turns into an error only when it reaches it.
   */
  kind: 'raised' | 'status';
  cls: 'SyntaxError' | 'IndentationError' | 'TabError';
  msg: string;
  line: number;
  /** 1-based like SyntaxError.offset */
  offset: number;
  endLine: number;
  endOffset: number;
  /** Absolute source position where the error was detected (for ordering against parser errors). */
  pos: number;
}

export interface OpenBracket {
  char: string;
  line: number;
  col: number;
  pos: number;
}

export interface TokenizeResult {
  tokens: Token[];
  error: TokenizerError | null;
  /** Brackets still open at the end of input (only meaningful when `error` is null). */
  unclosed: OpenBracket[];
  /** Start offsets of each line. */
  lineStarts: number[];
}

const OPERATORS3 = new Set(['**=', '//=', '>>=', '<<=', '...', '!=']);
const OPERATORS2 = new Set([
  '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '==', '>=', '>>', '@=', '^=', '|=', '<>',
]);
const OPERATORS1 = new Set(['%', '&', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>', '@', '[', ']', '^', '{', '|', '}', '~']);

const TABSIZE = 8;
const MAXINDENT = 100;

export function isIdentifierStart(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return /\p{ID_Start}/u.test(c) || c === '\u2118' || c === '\u212e' || c === '\u309b' || c === '\u309c';
}

export function isIdentifierChar(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code >= 48 && code <= 57);
  return /\p{ID_Continue}/u.test(c) || c === '\u00b7' || c === '\u0387' || c === '\u1369' || c === '\u19da';
}

/** What CPython's tokenizer treats as a potential identifier character (any non-ASCII too). */
function isPotentialIdentifierChar(c: string): boolean {
  if (c === '') return false;
  const code = c.charCodeAt(0);
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code >= 48 && code <= 57) || code >= 128;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function computeLineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (src.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

class TokenizerErrorSignal {
  constructor(public readonly error: TokenizerError) {}
}

export function tokenize(source: string): TokenizeResult {
  const t = new Tokenizer(source);
  return t.run();
}

class Tokenizer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private tokens: Token[] = [];
  private indstack = [0];
  private altindstack = [0];
  private brackets: OpenBracket[] = [];
  private atbol = true;
  readonly lineStarts: number[];
  private readonly src: string;

  constructor(source: string) {
    this.src = source;
    this.lineStarts = computeLineStarts(source);
  }

  run(): TokenizeResult {
    let error: TokenizerError | null = null;
    try {
      this.scan();
    } catch (e) {
      if (e instanceof TokenizerErrorSignal) error = e.error;
      else throw e;
    }
    return { tokens: this.tokens, error, unclosed: this.brackets, lineStarts: this.lineStarts };
  }

  /** Number of lines as CPython's tokenizer counts them when reaching EOF. */
  private get lastLineNo(): number {
    const n = this.lineStarts.length;
    return this.lineStarts[n - 1] === this.src.length && n > 1 ? n - 1 : n;
  }

  private lineText(line: number): string {
    const s = this.lineStarts[line - 1] ?? this.src.length;
    let e = s;
    while (e < this.src.length && this.src[e] !== '\n' && this.src[e] !== '\r') e++;
    return this.src.slice(s, e);
  }

  private fail(kind: TokenizerError['kind'], msg: string, line: number, offset: number, endOffset = offset, cls: TokenizerError['cls'] = 'SyntaxError', pos = this.pos): never {
    throw new TokenizerErrorSignal({ kind, cls, msg, line, offset, endLine: line, endOffset, pos });
  }

  private push(type: TokenType, start: number, end: number, startLine: number, startLineStart: number): Token {
    const tok: Token = {
      type,
      value: this.src.slice(start, end),
      start,
      end,
      line: startLine,
      col: start - startLineStart,
      endLine: this.line,
      endCol: end - this.lineStart,
      level: this.brackets.length,
    };
    this.tokens.push(tok);
    return tok;
  }

  private newlineAt(i: number): number {
    // length of the line break at i (0 if none)
    const c = this.src[i];
    if (c === '\n') return 1;
    if (c === '\r') return this.src[i + 1] === '\n' ? 2 : 1;
    return 0;
  }

  private advanceLine(after: number): void {
    this.line++;
    this.lineStart = after;
  }

  private scan(): void {
    const src = this.src;
    for (;;) {
      if (this.atbol) {
        this.atbol = false;
        if (this.handleIndentation()) continue;
      }
      // skip spaces
      while (this.pos < src.length && (src[this.pos] === ' ' || src[this.pos] === '\t' || src[this.pos] === '\f')) this.pos++;
      if (this.pos >= src.length) {
        this.endOfInput();
        return;
      }
      const c = src[this.pos]!;
      const start = this.pos;
      if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n' && src[this.pos] !== '\r') this.pos++;
        continue;
      }
      const nl = this.newlineAt(this.pos);
      if (nl) {
        const blank = this.isBlankLogicalLine();
        if (!blank && this.brackets.length === 0) {
          const tok = this.push('NEWLINE', start, start, this.line, this.lineStart);
          tok.endCol = tok.col;
        }
        this.pos += nl;
        this.advanceLine(this.pos);
        if (this.brackets.length === 0) this.atbol = true;
        continue;
      }
      if (c === '\\') {
        const n = this.newlineAt(this.pos + 1);
        if (!n) {
          if (this.pos + 1 >= src.length) {
            this.fail('status', 'unexpected EOF while parsing', this.line, this.pos - this.lineStart + 2, -1);
          }

          this.fail('status', 'unexpected character after line continuation character', this.line, this.pos + 1 - this.lineStart + 1, 0);
        }
        const bsLine = this.line;
        const bsCol = this.pos - this.lineStart;
        this.pos += 1 + n;
        this.advanceLine(this.pos);
        if (this.pos >= src.length) this.fail('status', 'unexpected EOF while parsing', bsLine, bsCol + 2, -1);
        continue;
      }
      if (isIdentifierStart(String.fromCodePoint(src.codePointAt(this.pos)!))) {
        // string prefixes
        const strStart = this.tryStringPrefix();
        if (strStart !== null) {
          this.scanString(start, strStart);
          continue;
        }
        this.scanName(start);
        continue;
      }
      if (isDigit(c) || (c === '.' && isDigit(src[this.pos + 1] ?? ''))) {
        this.scanNumber(start);
        continue;
      }
      if (c === '"' || c === "'") {
        this.scanString(start, this.pos);
        continue;
      }
      // operators
      const three = src.slice(this.pos, this.pos + 3);
      const two = src.slice(this.pos, this.pos + 2);
      if (OPERATORS3.has(three)) {
        this.pos += 3;
        this.push('OP', start, this.pos, this.line, this.lineStart);
        continue;
      }
      if (OPERATORS2.has(two)) {
        this.pos += 2;
        this.push('OP', start, this.pos, this.line, this.lineStart);
        continue;
      }
      if (OPERATORS1.has(c)) {
        this.pos += 1;
        if (c === '(' || c === '[' || c === '{') {
          this.push('OP', start, this.pos, this.line, this.lineStart);
          this.brackets.push({ char: c, line: this.line, col: start - this.lineStart, pos: start });
          continue;
        }
        if (c === ')' || c === ']' || c === '}') {
          const col = start - this.lineStart;
          if (this.brackets.length === 0) this.fail('raised', `unmatched '${c}'`, this.line, col + 1);
          const open = this.brackets.pop()!;
          const expected = open.char === '(' ? ')' : open.char === '[' ? ']' : '}';
          if (c !== expected) {
            if (open.line !== this.line) {
              this.fail('raised', `closing parenthesis '${c}' does not match opening parenthesis '${open.char}' on line ${open.line}`, this.line, col + 1);
            }
            this.fail('raised', `closing parenthesis '${c}' does not match opening parenthesis '${open.char}'`, this.line, col + 1);
          }
          this.push('OP', start, this.pos, this.line, this.lineStart);
          if (this.brackets.length === 0) {
            // fix level recorded for the closing bracket: the level inside
            this.tokens[this.tokens.length - 1]!.level = 1;
          }
          continue;
        }
        this.push('OP', start, this.pos, this.line, this.lineStart);
        continue;
      }
      // anything else
      const cp = src.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      const col = start - this.lineStart;
      if (cp >= 128) {
        if (isPrintable(cp)) {
          this.fail('raised', `invalid character '${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, this.line, col + 1);
        }
        this.fail('raised', `invalid non-printable character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, this.line, col + 1);
      }
      if (cp < 32 && cp !== 12) {
        if (cp === 0) this.fail('raised', 'source code cannot contain null bytes', this.line, col + 1);
        this.fail('raised', `invalid non-printable character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, this.line, col + 1);
      }
      // '$', '?', '`', '!' …: an error token the parser rejects with "invalid syntax"
      this.pos += ch.length;
      this.push('ERRORTOKEN', start, this.pos, this.line, this.lineStart);
    }
  }

  /** A line holding only whitespace/comments (checked from the current position to the line end). */
  private isBlankLogicalLine(): boolean {
    // A NEWLINE is emitted only if the logical line produced tokens since the last NEWLINE/INDENT/DEDENT.
    const last = this.tokens[this.tokens.length - 1];
    if (!last) return true;
    return last.type === 'NEWLINE' || last.type === 'INDENT' || last.type === 'DEDENT';
  }

  /** Measures indentation at the beginning of a line; returns true when the line was blank and skipped. */
  private handleIndentation(): boolean {
    const src = this.src;
    let col = 0;
    let altcol = 0;
    let i = this.pos;
    for (;;) {
      const c = src[i];
      if (c === ' ') {
        col++;
        altcol++;
      } else if (c === '\t') {
        col = (Math.floor(col / TABSIZE) + 1) * TABSIZE;
        altcol = altcol + 1;
      } else if (c === '\f') {
        col = altcol = 0;
      } else break;
      i++;
    }
    const c = src[i];
    const blank = i >= src.length || c === '#' || c === '\n' || c === '\r' || (c === '\\' && this.newlineAt(i + 1) > 0 && false);
    if (blank) {
      // whitespace/comment-only line: no indentation processing
      return false;
    }
    if (this.brackets.length !== 0) return false;
    const top = this.indstack.length - 1;
    const lineNo = this.line;
    const lineLen = this.lineText(lineNo).length;
    if (col === this.indstack[top]) {
      if (altcol !== this.altindstack[top]) this.tabError(i);
    } else if (col > this.indstack[top]!) {
      if (this.indstack.length >= MAXINDENT) this.fail('status', 'too many levels of indentation', lineNo, lineLen + 1, -1, 'IndentationError', i);
      if (altcol <= this.altindstack[top]!) this.tabError(i);
      this.indstack.push(col);
      this.altindstack.push(altcol);
      const tok = this.push('INDENT', this.pos, i, this.line, this.lineStart);
      tok.col = 0;
      tok.endCol = i - this.lineStart;
    } else {
      while (this.indstack.length > 1 && col < this.indstack[this.indstack.length - 1]!) {
        this.indstack.pop();
        this.altindstack.pop();
        const tok = this.push('DEDENT', i, i, this.line, this.lineStart);
        tok.endCol = tok.col;
      }
      if (col !== this.indstack[this.indstack.length - 1]) {
        this.fail('status', 'unindent does not match any outer indentation level', lineNo, lineLen + 1, -1, 'IndentationError', i);
      }
      if (altcol !== this.altindstack[this.altindstack.length - 1]) this.tabError(i);
    }
    this.pos = i;
    return false;
  }

  private tabError(pos: number): never {
    this.fail('status', 'inconsistent use of tabs and spaces in indentation', this.line, 1, 0, 'TabError', pos);
  }

  private endOfInput(): void {
    if (this.brackets.length > 0) {
      // The parser reports "'(' was never closed" (see parser.ts).
      const tok = this.push('ENDMARKER', this.pos, this.pos, this.line, this.lineStart);
      tok.endCol = tok.col;
      return;
    }
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.type !== 'NEWLINE' && last.type !== 'DEDENT' && last.type !== 'INDENT') {
      const tok = this.push('NEWLINE', this.pos, this.pos, this.line, this.lineStart);
      tok.endCol = tok.col;
    }
    while (this.indstack.length > 1) {
      this.indstack.pop();
      const tok = this.push('DEDENT', this.pos, this.pos, this.line, this.lineStart);
      tok.endCol = tok.col;
    }
    const tok = this.push('ENDMARKER', this.pos, this.pos, this.line, this.lineStart);
    tok.endCol = tok.col;
  }

  private scanName(start: number): void {
    const src = this.src;
    while (this.pos < src.length) {
      const cp = src.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      if (!isIdentifierChar(ch)) {
        if (cp >= 128 && !isIdentifierStart(ch) && isPrintable(cp) && !/\s/u.test(ch)) {
          // CPython validates the whole identifier and reports the offending character
          this.fail('raised', `invalid character '${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, this.line, this.pos - this.lineStart + 1);
        }
        break;
      }
      this.pos += ch.length;
    }
    this.push('NAME', start, this.pos, this.line, this.lineStart);
  }

  /** If a string prefix followed by a quote starts here, returns the position of the quote. */
  private tryStringPrefix(): number | null {
    const src = this.src;
    let i = this.pos;
    let seen = '';
    while (i < src.length && i - this.pos < 2) {
      const c = src[i]!.toLowerCase();
      if (c === 'r' || c === 'b' || c === 'u' || c === 'f') {
        seen += c;
        i++;
      } else break;
    }
    if (seen === '' || (src[i] !== '"' && src[i] !== "'")) return null;
    const ok = ['r', 'b', 'u', 'f', 'br', 'rb', 'fr', 'rf'];
    if (!ok.includes(seen)) return null;
    return i;
  }

  private scanString(start: number, quotePos: number): void {
    const src = this.src;
    const quote = src[quotePos]!;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    let quoteSize = 1;
    if (src[quotePos + 1] === quote && src[quotePos + 2] === quote) quoteSize = 3;
    let i = quotePos + quoteSize;
    if (quoteSize === 1 && src[quotePos + 1] === quote) {
      // empty string
      this.pos = quotePos + 2;
      this.push('STRING', start, this.pos, startLine, startLineStart);
      return;
    }
    for (;;) {
      if (i >= src.length) {
        const detected = this.lastLineNo;
        const col = start - startLineStart;
        this.fail(
          'raised',
          quoteSize === 3
            ? `unterminated triple-quoted string literal (detected at line ${detected})`
            : `unterminated string literal (detected at line ${detected})`,
          startLine,
          col + 1,
          col + 1,
          'SyntaxError',
          start,
        );
      }
      const c = src[i]!;
      const nl = this.newlineAt(i);
      if (nl) {
        if (quoteSize === 1) {
          const col = start - startLineStart;
          this.fail('raised', `unterminated string literal (detected at line ${this.line})`, startLine, col + 1, col + 1, 'SyntaxError', start);
        }
        i += nl;
        this.advanceLine(i);
        continue;
      }
      if (c === '\\') {
        const n = this.newlineAt(i + 1);
        if (n) {
          i += 1 + n;
          this.advanceLine(i);
        } else i += 2;
        continue;
      }
      if (c === quote) {
        if (quoteSize === 1) {
          i++;
          break;
        }
        if (src[i + 1] === quote && src[i + 2] === quote) {
          i += 3;
          break;
        }
      }
      i++;
    }
    this.pos = i;
    this.push('STRING', start, this.pos, startLine, startLineStart);
  }

  private scanNumber(start: number): void {
    const src = this.src;
    const col = () => this.pos - this.lineStart;
    const peek = (k = 0) => src[this.pos + k] ?? '';
    const invalid = (kind: string): never => this.fail('raised', `invalid ${kind} literal`, this.line, col());
    const endCheck = (kind: string) => {
      const c = peek();
      // keywords that may legitimately follow a number (`1if x else y`) only warn in CPython
      if (followedByKeyword(src, this.pos)) return;
      if (isPotentialIdentifierChar(c)) invalid(kind);
    };
    const digits = (pred: (c: string) => boolean, kind: string) => {
      // digits with single underscores between them
      for (;;) {
        while (pred(peek())) this.pos++;
        if (peek() !== '_') break;
        this.pos++;
        if (!pred(peek())) invalid(kind);
      }
    };
    const c0 = peek();
    if (c0 === '0') {
      const c1 = peek(1).toLowerCase();
      if (c1 === 'x' || c1 === 'o' || c1 === 'b') {
        this.pos += 2;
        const kind = c1 === 'x' ? 'hexadecimal' : c1 === 'o' ? 'octal' : 'binary';
        const pred =
          c1 === 'x'
            ? isHexDigit
            : c1 === 'o'
              ? (c: string) => c >= '0' && c <= '7'
              : (c: string) => c === '0' || c === '1';
        if (peek() === '_') this.pos++;
        if (!pred(peek())) {
          if (c1 !== 'x' && isDigit(peek())) this.fail('raised', `invalid digit '${peek()}' in ${kind} literal`, this.line, col() + 1);
          invalid(kind);
        }
        digits(pred, kind);
        if (c1 !== 'x' && isDigit(peek())) this.fail('raised', `invalid digit '${peek()}' in ${kind} literal`, this.line, col() + 1);
        endCheck(kind);
        this.push('NUMBER', start, this.pos, this.line, this.lineStart);
        return;
      }
      // decimal starting with 0: only zeros allowed unless float/imaginary
      let nonzero = false;
      this.pos++;
      for (;;) {
        while (peek() === '0') this.pos++;
        if (peek() === '_') {
          this.pos++;
          if (!isDigit(peek())) invalid('decimal');
          continue;
        }
        break;
      }
      const zerosEnd = this.pos;
      if (isDigit(peek())) {
        nonzero = true;
        digits(isDigit, 'decimal');
      }
      const c = peek();
      if (c === '.' || c === 'e' || c === 'E' || c === 'j' || c === 'J') {
        this.scanFraction();
        this.push('NUMBER', start, this.pos, this.line, this.lineStart);
        return;
      }
      if (nonzero) {
        endCheck('decimal');
        this.fail(
          'raised',
          'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
          this.line,
          start - this.lineStart + 1,
          zerosEnd + 1 - this.lineStart, // CPython: just past the first digit that is not a zero
        );
      }
      endCheck('decimal');
      this.push('NUMBER', start, this.pos, this.line, this.lineStart);
      return;
    }
    if (c0 !== '.') digits(isDigit, 'decimal');
    this.scanFraction();
    this.push('NUMBER', start, this.pos, this.line, this.lineStart);
  }

  /** Fraction, exponent and imaginary suffix after the integer part. */
  private scanFraction(): void {
    const src = this.src;
    const peek = (k = 0) => src[this.pos + k] ?? '';
    const col = () => this.pos - this.lineStart;
    const invalid = (kind: string): never => this.fail('raised', `invalid ${kind} literal`, this.line, col());
    const digits = () => {
      for (;;) {
        while (isDigit(peek())) this.pos++;
        if (peek() !== '_') break;
        this.pos++;
        if (!isDigit(peek())) invalid('decimal');
      }
    };
    let kind = 'decimal';
    if (peek() === '.') {
      this.pos++;
      if (isDigit(peek())) digits();
    }
    if (peek() === 'e' || peek() === 'E') {
      const save = this.pos;
      this.pos++;
      if (peek() === '+' || peek() === '-') {
        this.pos++;
        if (!isDigit(peek())) invalid('decimal');
      } else if (!isDigit(peek())) {
        this.pos = save;
        // `1e` followed by an identifier char: invalid decimal literal
        this.pos++;
        invalid('decimal');
      }
      digits();
    }
    if (peek() === 'j' || peek() === 'J') {
      this.pos++;
      kind = 'imaginary';
    }
    const c = peek();
    if (followedByKeyword(src, this.pos)) return;
    if (isPotentialIdentifierChar(c)) invalid(kind);
  }
}

function isHexDigit(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

const KEYWORDS_AFTER_NUMBER = ['and', 'else', 'for', 'if', 'in', 'is', 'or', 'not'];
/** CPython only warns when a number is directly followed by one of these keywords (`1if x else y`). */
function followedByKeyword(src: string, pos: number): boolean {
  return KEYWORDS_AFTER_NUMBER.some((k) => src.startsWith(k, pos));
}

function isPrintable(cp: number): boolean {
  if (cp === 0xa0 || cp === 0xad) return false;
  if (cp >= 0x2000 && cp <= 0x200f) return cp <= 0x200a ? false : false;
  if (cp >= 0x2028 && cp <= 0x202e) return false;
  if (cp === 0xfeff) return false;
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(String.fromCodePoint(cp));
}
