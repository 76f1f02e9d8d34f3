/**
 * Turns a place where lezer could not parse the source into the SyntaxError CPython 3.11 reports
 * there: its message, line and offsets.
 *
 * CPython's PEG parser fails at the furthest token it read and then runs a second pass with
 * "invalid_*" rules that produce the specific messages (`expected ':'`, `Perhaps you forgot a
 * comma?`, `expected an indented block after …`). We reproduce the common ones by looking at the
 * CPython-compatible token stream (tokenizer.ts) around the token where lezer's parse broke.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Token, TokenizeResult } from './tokenizer.ts';

export interface SyntaxErrorInfo {
  cls: 'SyntaxError' | 'IndentationError' | 'TabError';
  msg: string;
  line: number;
  /** 1-based, like SyntaxError.offset */
  offset: number;
  endLine: number;
  endOffset: number;
  /**
   * Where CPython takes `SyntaxError.text` from: the parser's copy of the line, newline included
   * (the default); the tokenizer's, without the newline (errors raised while tokenizing: unterminated
   * strings, unmatched brackets, bad number literals); or the compiler reading the line back from
   * the file (symtable/compiler errors: None for `<string>` and other names that are not files).
   */
  textFrom?: 'tokenizer' | 'file';
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
const VALUE_KEYWORDS = new Set(['True', 'False', 'None']);
const BINARY_OPS = new Set([
  '+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^', '<', '>', '==', '!=', '<=', '>=', 'and', 'or', 'in', 'is',
]);
const BITWISE_OR_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^']);
const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * The first lezer error node, ignoring the ones lezer reports for a bare `yield` and the ones
 * inside real string tokens (their contents are checked by our own literal decoder, with Python
 * 3.11's f-string rules).
 */
export function firstErrorNode(top: SyntaxNode, _src: string, toks?: TokenizeResult): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  const stringStarts = new Set<number>();
  if (toks) for (const t of toks.tokens) if (t.type === 'STRING') stringStarts.add(t.start);
  const cursor = top.cursor();
  const visit = (): boolean => {
    do {
      if (cursor.type.isError) {
        const node = cursor.node;
        if (!isBareYieldArtifact(node)) {
          found = node;
          return true;
        }
      }
      // string contents are checked by our own literal decoder (Python 3.11 f-string rules)
      const isString = (cursor.name === 'FormatString' || cursor.name === 'String') && (!toks || stringStarts.has(cursor.from));
      if (!isString && cursor.firstChild()) {
        if (visit()) return true;
        cursor.parent();
      }
    } while (cursor.nextSibling());
    return false;
  };
  if (cursor.firstChild()) visit();
  return found;
}

/** lezer's grammar requires a value after `yield`; Python does not. */
export function isBareYieldArtifact(node: SyntaxNode): boolean {
  if (node.from !== node.to) return false;
  const prev = node.prevSibling;
  const parent = node.parent;
  return !!prev && prev.name === 'yield' && !!parent && (parent.name === 'YieldExpression' || parent.name === 'YieldStatement') && !node.nextSibling;
}

function isName(t: Token | undefined): boolean {
  return !!t && t.type === 'NAME' && !KEYWORDS.has(t.value);
}

function endsAtom(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'NAME') return !KEYWORDS.has(t.value) || VALUE_KEYWORDS.has(t.value);
  if (t.type === 'NUMBER' || t.type === 'STRING') return true;
  return t.type === 'OP' && (CLOSE.has(t.value) || t.value === '...');
}

/** Tokens that start an expression and cannot continue the previous one. */
function startsNewAtom(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'NAME') return !KEYWORDS.has(t.value) || VALUE_KEYWORDS.has(t.value) || t.value === 'lambda' || t.value === 'await';
  if (t.type === 'NUMBER' || t.type === 'STRING') return true;
  return t.type === 'OP' && (t.value === '{' || t.value === '...' || t.value === '~');
}

function isBinaryOp(t: Token | undefined, bitwiseOnly = false): boolean {
  if (!t) return false;
  if (t.type !== 'OP' && t.type !== 'NAME') return false;
  if (t.type === 'NAME' && !KEYWORDS.has(t.value)) return false;
  return bitwiseOnly ? BITWISE_OR_OPS.has(t.value) : BINARY_OPS.has(t.value);
}

class Diagnoser {
  readonly tokens: Token[];
  private readonly match = new Map<number, number>();

  constructor(private readonly toks: TokenizeResult) {
    this.tokens = toks.tokens;
    const stack: number[] = [];
    this.tokens.forEach((t, i) => {
      if (t.type !== 'OP') return;
      if (OPEN.has(t.value)) stack.push(i);
      else if (CLOSE.has(t.value)) {
        const o = stack.pop();
        if (o !== undefined) {
          this.match.set(o, i);
          this.match.set(i, o);
        }
      }
    });
  }

  at(t: Token, msg: string, cls: SyntaxErrorInfo['cls'] = 'SyntaxError'): SyntaxErrorInfo {
    const end = t.type === 'NEWLINE' || t.type === 'ENDMARKER' ? t.col + 1 : t.endCol + 1;
    return { cls, msg, line: t.line, offset: t.col + 1, endLine: t.type === 'NEWLINE' ? t.line : t.endLine, endOffset: end };
  }

  range(a: Token, b: Token, msg: string): SyntaxErrorInfo {
    return { cls: 'SyntaxError', msg, line: a.line, offset: a.col + 1, endLine: b.endLine, endOffset: b.endCol + 1 };
  }

  /** Index of the first token of the logical line containing token i. */
  lineStart(i: number): number {
    let j = i;
    while (j > 0) {
      const p = this.tokens[j - 1]!;
      if ((p.type === 'NEWLINE' || p.type === 'INDENT' || p.type === 'DEDENT') && p.level === 0) break;
      j--;
    }
    return j;
  }

  /** Start index of the operand (atom + trailers + unary prefixes) ending at token j. */
  operandStart(j: number): number {
    let i = j;
    for (;;) {
      const t = this.tokens[i]!;
      if (t.type === 'OP' && CLOSE.has(t.value)) {
        const k = this.match.get(i);
        if (k === undefined) return i;
        if (endsAtom(this.tokens[k - 1]) && this.tokens[k]!.value !== '{') {
          i = k - 1;
          continue;
        }
        i = k;
        break;
      }
      if (t.type === 'NAME' || t.type === 'NUMBER' || t.type === 'STRING' || t.value === '...') {
        const p = this.tokens[i - 1];
        if (p && p.value === '.' && endsAtom(this.tokens[i - 2])) {
          i -= 2;
          continue;
        }
        if (t.type === 'STRING' && p && p.type === 'STRING') {
          i -= 1;
          continue;
        }
        break;
      }
      break;
    }
    while (i > 0) {
      const p = this.tokens[i - 1]!;
      if ((p.value === '-' || p.value === '+' || p.value === '~') && p.type === 'OP' && !endsAtom(this.tokens[i - 2])) i--;
      else if (p.type === 'NAME' && p.value === 'not') i--;
      else break;
    }
    return i;
  }

  /** Start index of the disjunction (binary operators included) ending at token j. */
  disjunctionStart(j: number): number {
    let i = this.operandStart(j);
    for (;;) {
      const op = this.tokens[i - 1];
      if (!op) return i;
      let k = i - 1;
      if (op.type === 'NAME' && op.value === 'in' && this.tokens[k - 1]?.value === 'not') k--;
      else if (op.type === 'NAME' && op.value === 'not' && this.tokens[k - 1]?.value === 'is') k--;
      else if (!isBinaryOp(op)) return i;
      if (!endsAtom(this.tokens[k - 1])) return i;
      i = this.operandStart(k - 1);
    }
  }

  /** Index of the last token of the expression starting at token i. */
  exprEnd(i: number, bitwiseOnly = false): number {
    let j = i;
    for (;;) {
      while (this.tokens[j] && (this.tokens[j]!.value === '-' || this.tokens[j]!.value === '+' || this.tokens[j]!.value === '~' || this.tokens[j]!.value === 'not')) j++;
      const t = this.tokens[j];
      if (!t) return j - 1;
      if (t.type === 'OP' && OPEN.has(t.value)) {
        const m = this.match.get(j);
        if (m === undefined) return j;
        j = m;
      } else if (t.type === 'STRING') {
        while (this.tokens[j + 1]?.type === 'STRING') j++;
      } else if (t.type === 'NAME' || t.type === 'NUMBER' || t.value === '...') {
        // atom
      } else return j - 1;
      for (;;) {
        const n = this.tokens[j + 1];
        if (n && n.value === '.' && this.tokens[j + 2]?.type === 'NAME') j += 2;
        else if (n && (n.value === '(' || n.value === '[') && n.type === 'OP' && this.match.has(j + 1)) j = this.match.get(j + 1)!;
        else break;
      }
      const op = this.tokens[j + 1];
      if (isBinaryOp(op, bitwiseOnly)) {
        j += 2;
        if (op!.value === 'not' || (op!.value === 'is' && this.tokens[j]?.value === 'not')) j++;
        continue;
      }
      if (!bitwiseOnly && op && op.value === 'not' && this.tokens[j + 2]?.value === 'in') {
        j += 3;
        continue;
      }
      return j;
    }
  }

  /** Innermost bracket enclosing token i (index of the opening token), or -1. */
  enclosing(i: number): number {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j]!;
      if (t.type !== 'OP') continue;
      if (CLOSE.has(t.value)) depth++;
      else if (OPEN.has(t.value)) {
        if (depth === 0) return j;
        depth--;
      }
    }
    return -1;
  }

  diagnose(errFrom: number): SyntaxErrorInfo {
    const tokens = this.tokens;
    // a tokenizer status error (bad dedent, tabs, stray backslash) before the failure point wins
    const te = this.toks.error;
    if (te && te.kind === 'status' && te.pos <= errFrom) {
      return { cls: te.cls, msg: te.msg, line: te.line, offset: te.offset, endLine: te.endLine, endOffset: te.endOffset };
    }
    let ti = tokens.findIndex((t) => t.start <= errFrom && errFrom < t.end && t.type !== 'INDENT');
    if (ti < 0) ti = tokens.findIndex((t) => t.start >= errFrom && t.type !== 'DEDENT');
    if (ti < 0) {
      if (te) return { cls: te.cls, msg: te.msg, line: te.line, offset: te.offset, endLine: te.endLine, endOffset: te.endOffset };
      ti = tokens.length - 1;
    }
    // an INDENT covers the line's leading whitespace: lezer reports the error after it
    if (ti > 0 && tokens[ti - 1]!.type === 'INDENT' && tokens[ti - 1]!.end === errFrom) ti--;
    const info = this.rules(ti);
    return this.unclosedOverride(info, ti);
  }

  private unclosedOverride(info: SyntaxErrorInfo, ti: number): SyntaxErrorInfo {
    const unclosed = this.toks.unclosed;
    if (unclosed.length === 0 || info.cls !== 'SyntaxError') return info;
    const open = unclosed[unclosed.length - 1]!;
    const errLine = Math.max(info.line, this.tokens[ti]?.line ?? info.line);
    if (open.line < errLine) {
      return { cls: 'SyntaxError', msg: `'${open.char}' was never closed`, line: open.line, offset: open.col + 1, endLine: open.line, endOffset: 0 };
    }
    return info;
  }

  private rules(ti: number): SyntaxErrorInfo {
    const tokens = this.tokens;
    const T = tokens[ti]!;
    const P = tokens[ti - 1];

    const te = this.toks.error;
    if (te && te.kind === 'status' && te.pos <= T.start) {
      return { cls: te.cls, msg: te.msg, line: te.line, offset: te.offset, endLine: te.endLine, endOffset: te.endOffset };
    }

    if (T.type === 'ENDMARKER' && this.toks.unclosed.length > 0) {
      const open = this.toks.unclosed[this.toks.unclosed.length - 1]!;
      return { cls: 'SyntaxError', msg: `'${open.char}' was never closed`, line: open.line, offset: open.col + 1, endLine: open.line, endOffset: 0 };
    }

    // a block was expected after `header:` NEWLINE
    {
      let j = ti - 1;
      while (j >= 0 && tokens[j]!.type === 'DEDENT') j--;
      if (j >= 1 && tokens[j]!.type === 'NEWLINE' && tokens[j - 1]!.value === ':' && tokens[j - 1]!.type === 'OP' && T.type !== 'INDENT') {
        const head = this.lineStart(j - 1);
        const what = this.blockKind(head);
        if (what) {
          let first = T;
          if (first.type === 'DEDENT') first = tokens.slice(ti).find((t) => t.type !== 'DEDENT') ?? T;
          return this.at(first, `expected an indented block after ${what.text} on line ${what.line}`, 'IndentationError');
        }
      }
    }

    // unexpected indent
    if (T.type === 'INDENT') {
      return { cls: 'IndentationError', msg: 'unexpected indent', line: T.line, offset: T.endCol, endLine: T.line, endOffset: -1 };
    }

    const head = this.lineStart(ti);
    const headTok = tokens[head]!;
    const kwIdx = headTok.value === 'async' ? head + 1 : head;
    const kw = tokens[kwIdx]!;

    // `print "x"`: the Python 2 statement
    if (P && P.type === 'NAME' && (P.value === 'print' || P.value === 'exec') && ti - 1 === head && startsNewAtom(T)) {
      let e = ti;
      while (tokens[e + 1] && tokens[e + 1]!.type !== 'NEWLINE' && tokens[e + 1]!.type !== 'ENDMARKER') e++;
      return this.range(P, tokens[e]!, `Missing parentheses in call to '${P.value}'. Did you mean ${P.value}(...)?`);
    }

    // `if x = 1:` / `while f() = 2:` / `f(a.b=1)`
    if (T.type === 'OP' && T.value === '=' && P) {
      const r = this.assignmentInExpression(ti, head, kw);
      if (r) return r;
    }

    // missing ':' after a compound statement header
    if (T.level === 0 || T.type === 'NEWLINE') {
      const r = this.missingColon(ti, kwIdx, kw);
      if (r) return r;
    }

    const open = this.enclosing(ti);
    if (open >= 0) {
      const openTok = tokens[open]!;
      // dictionary displays
      if (openTok.value === '{') {
        const r = this.dictErrors(open, ti);
        if (r) return r;
      }
      // two expressions next to each other inside brackets (not a parameter list)
      const isParams = openTok.value === '(' && isName(tokens[open - 1]) && tokens[open - 2]?.value === 'def';
      if (!isParams && endsAtom(P) && startsNewAtom(T) && ti - 1 > open) {
        const a = this.disjunctionStart(ti - 1);
        const aTok = tokens[a]!;
        const isLegacy = a === ti - 1 && P!.type === 'NAME' && (P!.value === 'print' || P!.value === 'exec');
        const nameString = aTok.type === 'NAME' && tokens[a + 1]?.type === 'STRING';
        if (!isLegacy && !nameString && a > open) {
          const b = this.exprEnd(ti);
          return this.range(aTok, tokens[b]!, 'invalid syntax. Perhaps you forgot a comma?');
        }
      }
    }

    // `a = 1 if b` without else
    {
      const r = this.missingElse(ti, head);
      if (r) return r;
    }

    return this.at(T, 'invalid syntax');
  }

  private blockKind(head: number): { text: string; line: number } | null {
    let t = this.tokens[head]!;
    if (t.value === 'async') t = this.tokens[head + 1]!;
    if (t.type === 'OP' && t.value === '@') {
      // decorated: find the def/class after the decorators
      return null;
    }
    const line = t.line;
    switch (t.value) {
      case 'def':
        return { text: 'function definition', line };
      case 'class':
        return { text: 'class definition', line };
      case 'if':
      case 'elif':
      case 'else':
      case 'while':
      case 'for':
      case 'with':
      case 'try':
      case 'finally':
        return { text: `'${t.value}' statement`, line };
      case 'except':
        return { text: this.tokens[head + 1]?.value === '*' ? "'except*' statement" : "'except' statement", line };
      case 'match':
      case 'case':
        return { text: `'${t.value}' statement`, line };
    }
    return null;
  }

  private missingColon(ti: number, kwIdx: number, kw: Token): SyntaxErrorInfo | null {
    const tokens = this.tokens;
    const T = tokens[ti]!;
    const P = tokens[ti - 1];
    if (kw.type !== 'NAME') return null;
    // a ':' already present at level 0 on this line means the header is complete
    for (let j = kwIdx; j < ti; j++) if (tokens[j]!.value === ':' && tokens[j]!.level === 0 && tokens[j]!.type === 'OP') return null;
    if (T.level > 0) return null;
    switch (kw.value) {
      case 'else':
      case 'try':
      case 'finally':
        if (ti === kwIdx + 1) return this.at(T, "expected ':'");
        return null;
      case 'def': {
        // def NAME ( params ) [-> expr]
        if (!isName(tokens[kwIdx + 1])) return null;
        if (ti === kwIdx + 2 && T.value !== '(') return this.at(T, "expected '('");
        if (!endsAtom(P)) return null;
        const closeParen = this.match.get(kwIdx + 2);
        if (closeParen === undefined || closeParen >= ti) return null;
        return this.at(T, "expected ':'");
      }
      case 'for': {
        let sawIn = false;
        for (let j = kwIdx; j < ti; j++) if (tokens[j]!.value === 'in' && tokens[j]!.level === 0) sawIn = true;
        if (!sawIn || !endsAtom(P) || T.type !== 'NEWLINE') return null;
        return this.at(T, "expected ':'");
      }
      case 'class':
      case 'if':
      case 'elif':
      case 'while':
      case 'with':
      case 'except':
        if (T.type === 'NEWLINE' && (endsAtom(P) || (kw.value === 'except' && P === kw))) return this.at(T, "expected ':'");
        return null;
    }
    return null;
  }

  private assignmentInExpression(ti: number, head: number, kw: Token): SyntaxErrorInfo | null {
    const tokens = this.tokens;
    const T = tokens[ti]!;
    const open = this.enclosing(ti);
    const a = this.disjunctionStart(ti - 1);
    const aTok = tokens[a]!;
    if (open >= 0 && tokens[open]!.value === '(' && T.level > 0) {
      // keyword argument with something other than a name before '='
      const before = tokens[a - 1];
      if (before && (before.value === ',' || before.value === '(') && !(a === ti - 1 && isName(aTok))) {
        if (a === ti - 1 && aTok.type === 'NAME' && VALUE_KEYWORDS.has(aTok.value)) {
          return this.range(aTok, T, `cannot assign to ${aTok.value}`);
        }
        return this.range(aTok, T, 'expression cannot contain assignment, perhaps you meant "=="?');
      }
      return null;
    }
    if (T.level !== 0) return null;
    if (!(kw.value === 'if' || kw.value === 'elif' || kw.value === 'while') || a <= head) return null;
    const b = this.exprEnd(ti + 1, true);
    if (b < ti + 1) return null;
    if (a === ti - 1 && isName(aTok)) {
      return this.range(aTok, tokens[b]!, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    const what = this.describe(a, ti - 1);
    return this.range(aTok, tokens[ti - 1]!, `cannot assign to ${what} here. Maybe you meant '==' instead of '='?`);
  }

  /** A rough `_PyPegen_get_expr_name` for the tokens a..b. */
  private describe(a: number, b: number): string {
    const tokens = this.tokens;
    const last = tokens[b]!;
    if (a === b) {
      const t = tokens[a]!;
      if (t.type === 'NUMBER' || t.type === 'STRING') return 'literal';
      if (VALUE_KEYWORDS.has(t.value)) return t.value;
    }
    // a binary operator at the top level of a..b?
    let depth = 0;
    for (let j = a; j <= b; j++) {
      const t = tokens[j]!;
      if (t.type === 'OP' && OPEN.has(t.value)) depth++;
      else if (t.type === 'OP' && CLOSE.has(t.value)) depth--;
      else if (depth === 0 && j > a && isBinaryOp(t)) return 'expression';
    }
    if (last.value === ')' && this.match.get(b) !== a) return 'function call';
    if (last.value === ']' && this.match.get(b) !== a) return 'subscript';
    if (last.type === 'NAME' && tokens[b - 1]?.value === '.') return 'attribute';
    const first = tokens[a]!;
    if (first.value === '[') return 'list';
    if (first.value === '(') return 'tuple';
    if (first.value === '{') return 'dict literal';
    return 'expression';
  }

  private dictErrors(open: number, ti: number): SyntaxErrorInfo | null {
    const tokens = this.tokens;
    const T = tokens[ti]!;
    // split the elements before T at this level
    const elems: [number, number][] = [];
    let start = open + 1;
    for (let j = open + 1; j < ti; j++) {
      const t = tokens[j]!;
      if (t.type === 'OP' && OPEN.has(t.value)) {
        const m = this.match.get(j);
        if (m !== undefined && m < ti) j = m;
        continue;
      }
      if (t.type === 'OP' && t.value === ',') {
        elems.push([start, j - 1]);
        start = j + 1;
      }
    }
    const hasColon = (s: number, e: number) => {
      for (let j = s; j <= e; j++) {
        const t = tokens[j]!;
        if (t.type === 'OP' && OPEN.has(t.value)) {
          j = this.match.get(j) ?? j;
          continue;
        }
        if (t.type === 'OP' && t.value === ':') return j;
      }
      return -1;
    };
    const firstIsPair = elems.length > 0 && hasColon(elems[0]![0], elems[0]![1]) >= 0;
    const colon = hasColon(start, ti - 1);
    // `{'a':}` / `{'a': 1, 'b':}`
    if (colon >= 0 && colon === ti - 1 && (T.value === '}' || T.value === ',')) {
      return this.at(tokens[colon]!, "expression expected after dictionary key and ':'");
    }
    if (firstIsPair && colon < 0 && start < ti && T.value !== ':') {
      // the key is the expression starting at `start`
      const keyEnd = this.exprEnd(start);
      const k = tokens[keyEnd]!;
      if (keyEnd === ti - 1) {
        return { cls: 'SyntaxError', msg: "':' expected after dictionary key", line: k.endLine, offset: k.endCol, endLine: k.endLine, endOffset: 0 };
      }
    }
    return null;
  }

  private missingElse(ti: number, head: number): SyntaxErrorInfo | null {
    const tokens = this.tokens;
    const T = tokens[ti]!;
    if (!(T.type === 'NEWLINE' || (T.type === 'OP' && (CLOSE.has(T.value) || T.value === ',')))) return null;
    const level = T.type === 'NEWLINE' ? 0 : T.level - (CLOSE.has(T.value) ? 1 : 0);
    for (let j = ti - 1; j > head; j--) {
      const t = tokens[j]!;
      if (t.level < level) break;
      if (t.level !== level) continue;
      if (t.type === 'NAME' && (t.value === 'else' || t.value === 'for' || t.value === 'lambda')) return null;
      if (t.type === 'OP' && (t.value === ',' || t.value === '=' || t.value === ':')) {
        if (j < ti - 1) continue;
        return null;
      }
      if (t.type === 'NAME' && t.value === 'if' && endsAtom(tokens[j - 1]) && j - 1 > head - 1) {
        const a = this.disjunctionStart(j - 1);
        if (a < head) return null;
        return this.range(tokens[a]!, tokens[ti - 1]!, "expected 'else' after 'if' expression");
      }
    }
    return null;
  }
}

/** The SyntaxError for a parse that broke at source offset `errFrom`. */
export function diagnose(_src: string, toks: TokenizeResult, errFrom: number): SyntaxErrorInfo {
  const d = new Diagnoser(toks);
  return d.diagnose(errFrom);
}
