/**
 * Python source → AST (ast.ts), using @lezer/python for the concrete syntax tree.
 *
 * Lezer is error tolerant: it always produces a tree, marking what it could not parse with error
 * nodes. We report such trees (and the constructs lezer accepts but CPython 3.11 rejects) as a
 * SyntaxError with CPython's message and position: see syntax-errors.ts for the diagnosis and
 * tokenizer.ts for the errors CPython's tokenizer raises.
 */
import { parser as basePythonParser } from '@lezer/python';
import { ExternalTokenizer } from '@lezer/lr';
import type { SyntaxNode } from '@lezer/common';
import type * as A from './ast.ts';
import { tokenize, type Token, type TokenizeResult } from './tokenizer.ts';
import { LiteralError, decodeBytes, decodeStrEscapes, parseFString, splitLiteral, type FStringPart } from './strings.ts';
import { diagnose, firstErrorNode, isBareYieldArtifact, type SyntaxErrorInfo } from './syntax-errors.ts';
import { analyzeModule } from './scope.ts';
import {
  IndentationError,
  None,
  PyException,
  PyInstance,
  PyTuple,
  SyntaxErrorClass,
  TabError,
  type PyValue,
} from './objects.ts';

export type { SyntaxErrorInfo } from './syntax-errors.ts';

// @lezer/python recognises Python 2 `print x` statements through an external tokenizer (the first
// one); Python 3 has no such statement, so it is replaced by a tokenizer that never matches.
const lezerTokenizers = (basePythonParser as unknown as { tokenizers: ExternalTokenizer[] }).tokenizers;
export const lezerParser = basePythonParser.configure({
  tokenizers: [{ from: lezerTokenizers[0]!, to: new ExternalTokenizer(() => {}) }],
});

/** Raised inside the converter for a construct CPython rejects. */
export class ConvertError {
  constructor(
    public readonly info: SyntaxErrorInfo,
    /** Source offset, to order it against lezer's first error. */
    public readonly pos: number,
  ) {}
}

/** Raised inside the converter when it meets a lezer error node. */
class LezerErrorSignal {
  constructor(public readonly node: SyntaxNode) {}
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Recently parsed modules by file name and source: a project's files are imported again by every
 * command, and an analysed AST is never mutated afterwards, so it can be shared.
 */
const parseCache = new Map<string, A.Module>();
const PARSE_CACHE_SIZE = 128;

/** Parses a module; throws a PyException carrying a SyntaxError (or IndentationError/TabError). */
export function parseModule(source: string, filename: string): A.Module {
  const key = filename + '\0' + source;
  const hit = parseCache.get(key);
  if (hit) {
    parseCache.delete(key);
    parseCache.set(key, hit);
    return hit;
  }
  const mod = parseUncached(source, filename);
  parseCache.set(key, mod);
  if (parseCache.size > PARSE_CACHE_SIZE) parseCache.delete(parseCache.keys().next().value!);
  return mod;
}

function parseUncached(source: string, filename: string): A.Module {
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const info = parseOrError(source);
  if ('error' in info) throw makeSyntaxError(info.error, filename, source);
  const mod: A.Module = { type: 'Module', body: info.body, source, filename };
  const scopeErr = analyzeModule(mod);
  if (scopeErr) throw makeSyntaxError({ ...scopeErr, textFrom: 'file' }, filename, source);
  return mod;
}

/** Parses a single expression (for eval()). */
export function parseExpression(source: string, filename = '<string>'): A.Expr {
  const stripped = source.replace(/^[ \t]+/, '');
  const mod = parseModule(stripped, filename);
  if (mod.body.length !== 1 || mod.body[0]!.type !== 'Expr') {
    const first = mod.body[0];
    throw makeSyntaxError(
      { cls: 'SyntaxError', msg: 'invalid syntax', line: first?.line ?? 1, offset: (first?.col ?? 0) + 1, endLine: first?.line ?? 1, endOffset: (first?.col ?? 0) + 2 },
      filename,
      stripped,
    );
  }
  return mod.body[0].value;
}

function parseOrError(source: string): { body: A.Stmt[] } | { error: SyntaxErrorInfo } {
  const toks = tokenize(source);
  if (toks.error && toks.error.kind === 'raised') {
    return { error: tokErrorInfo(toks) };
  }
  const withTargets = new Map<number, number>();
  const starredTargets = new Set<number>();
  const tree = lezerParser.parse(lezerSource(source, toks, withTargets, starredTargets));
  const firstErr = firstErrorNode(tree.topNode, source, toks);
  let parseErrPos = firstErr ? firstErr.from : Infinity;
  const indentPos = unexpectedIndentPos(toks);
  if (indentPos < parseErrPos) parseErrPos = indentPos;
  const statusPos = toks.error ? toks.error.pos : Infinity;
  const conv = new Converter(source, toks);
  conv.withTargets = withTargets;
  conv.starredTargets = starredTargets;
  let body: A.Stmt[] | null = null;
  let convErr: ConvertError | null = null;
  try {
    body = conv.module(tree.topNode);
  } catch (e) {
    if (e instanceof ConvertError) convErr = e;
    else if (e instanceof LezerErrorSignal) {
      if (e.node.from < parseErrPos) parseErrPos = e.node.from;
    } else if (parseErrPos === Infinity) throw e;
  }
  if (convErr && convErr.pos < parseErrPos && convErr.pos < statusPos) return { error: convErr.info };
  if (parseErrPos < Infinity) return { error: diagnose(source, toks, parseErrPos) };
  if (toks.error) return { error: tokErrorInfo(toks) };
  if (convErr) return { error: convErr.info };
  return { body: body! };
}

/**
 * The text given to lezer: the source with a few same-length substitutions for constructs its
 * grammar lacks, so offsets are unchanged (the converter reads literal text from the original):
 * - float literals with a trailing dot (`1.`, `2.e5`): the dot becomes `_`;
 * - form feeds become spaces;
 * - `with` statements: parentheses around the items (`with (a as b, c as d):`) become spaces, and
 *   targets other than a plain name (`as (x, y)`, `as self.f`) become a placeholder name made of
 *   underscores; the converter parses the original target text (see `withTargets`).
 */
function lezerSource(source: string, toks: TokenizeResult, withTargets: Map<number, number>, starredTargets: Set<number>): string {
  let out: string[] | null = null;
  const put = (i: number, c: string) => {
    out ??= source.split('');
    out[i] = c;
  };
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 12) put(i, ' ');
  // a line continuation followed by a blank line ends the logical line; lezer does not see that
  const t0 = toks.tokens;
  for (let k = 0; k + 1 < t0.length; k++) {
    for (let i = t0[k]!.end; i < t0[k + 1]!.start; i++) {
      if (source[i] !== '\\' || (source[i + 1] !== '\n' && source[i + 1] !== '\r')) continue;
      let j = i + 1;
      if (source[j] === '\r' && source[j + 1] === '\n') j++;
      j++;
      while (source[j] === ' ' || source[j] === '\t') j++;
      if (source[j] === '\n' || source[j] === '\r' || j >= source.length) put(i, ' ');
    }
  }
  const t = toks.tokens;
  for (const tok of t) {
    if (tok.type !== 'NUMBER') continue;
    const v = tok.value;
    const dot = v.indexOf('.');
    if (dot <= 0) continue;
    const after = v.charCodeAt(dot + 1);
    if (after >= 48 && after <= 57) continue;
    put(tok.start + dot, '_');
  }
  // `for a, *rest in …` inside a comprehension: lezer's grammar has no starred targets there;
  // the '*' becomes '_' (joining the name) and the converter restores the Starred node
  for (let i = 0; i < t.length; i++) {
    const f = t[i]!;
    if (!(f.type === 'NAME' && f.value === 'for' && f.level > 0)) continue;
    for (let j = i + 1; j < t.length; j++) {
      const x = t[j]!;
      if (x.level < f.level || (x.type === 'NAME' && x.value === 'in' && x.level === f.level)) break;
      const nx = t[j + 1];
      if (x.type === 'OP' && x.value === '*' && x.level === f.level && nx && nx.type === 'NAME' && nx.start === x.end) {
        put(x.start, '_');
        starredTargets.add(x.start);
      }
    }
  }
  const blank = (from: number, to: number, c: string) => {
    for (let i = from; i < to; i++) put(i, source[i] === '\n' && c === ' ' ? '\n' : c);
  };
  for (let i = 0; i < t.length; i++) {
    const w = t[i]!;
    if (!(w.type === 'NAME' && w.value === 'with' && w.level === 0)) continue;
    const prev = t[i - 1];
    if (prev && !(prev.type === 'NEWLINE' || prev.type === 'INDENT' || prev.type === 'DEDENT' || prev.value === 'async' || prev.value === ':' || prev.value === ';')) continue;
    // header end: the ':' at level 0
    let end = i + 1;
    while (end < t.length && !(t[end]!.value === ':' && t[end]!.level === 0 && t[end]!.type === 'OP') && t[end]!.type !== 'NEWLINE') end++;
    if (end >= t.length || t[end]!.type === 'NEWLINE') continue;
    let first = i + 1;
    let last = end - 1;
    let level = 0;
    const open = t[first]!;
    const close = t[last]!;
    if (open.value === '(' && close.value === ')' && open.type === 'OP' && close.type === 'OP') {
      // parenthesized items when an `as` appears directly inside the parentheses
      let depth = 0;
      let hasAs = false;
      let matched = true;
      for (let j = first; j <= last; j++) {
        const x = t[j]!;
        if (x.type === 'OP' && (x.value === '(' || x.value === '[' || x.value === '{')) depth++;
        else if (x.type === 'OP' && (x.value === ')' || x.value === ']' || x.value === '}')) {
          depth--;
          if (depth === 0 && j !== last) matched = false;
        } else if (depth === 1 && x.value === 'as' && x.type === 'NAME') hasAs = true;
      }
      if (matched && hasAs) {
        // blank the parentheses, and the line breaks/comments between them
        put(open.start, ' ');
        put(close.start, ' ');
        for (let k = open.end; k < close.start; k++) {
          const c = source[k]!;
          if (c === '\n' || c === '\r') put(k, ' ');
          else if (c === '#') {
            while (k < close.start && source[k] !== '\n') put(k++, ' ');
            k--;
          }
        }
        first++;
        last--;
        level = 1;
      }
    }
    // targets after `as`
    for (let j = first; j <= last; j++) {
      const x = t[j]!;
      if (!(x.type === 'NAME' && x.value === 'as' && x.level === level)) continue;
      let k = j + 1;
      let depth = 0;
      while (k <= last) {
        const y = t[k]!;
        if (y.type === 'OP' && (y.value === '(' || y.value === '[' || y.value === '{')) depth++;
        else if (y.type === 'OP' && (y.value === ')' || y.value === ']' || y.value === '}')) depth--;
        else if (depth === 0 && y.type === 'OP' && y.value === ',') break;
        k++;
      }
      const tFrom = t[j + 1]!.start;
      const tTo = t[k - 1]!.end;
      if (k - 1 === j + 1 && t[j + 1]!.type === 'NAME') continue;
      withTargets.set(tFrom, tTo);
      blank(tFrom, tTo, '_');
    }
  }
  return out ? (out as string[]).join('') : source;
}

/** An INDENT that does not follow `:` NEWLINE (CPython: "unexpected indent"). */
function unexpectedIndentPos(toks: TokenizeResult): number {
  const t = toks.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.type !== 'INDENT') continue;
    const nl = t[i - 1];
    const colon = t[i - 2];
    if (!(nl && nl.type === 'NEWLINE' && colon && colon.type === 'OP' && colon.value === ':')) return t[i]!.end;
  }
  return Infinity;
}

function tokErrorInfo(toks: TokenizeResult): SyntaxErrorInfo {
  const e = toks.error!;
  const info: SyntaxErrorInfo = { cls: e.cls, msg: e.msg, line: e.line, offset: e.offset, endLine: e.endLine, endOffset: e.endOffset };
  if (e.kind === 'raised') info.textFrom = 'tokenizer';
  return info;
}

/** The text of line `line` (1-based) including its newline, as CPython puts it in SyntaxError.text. */
export function sourceLine(source: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  if (start > source.length) return undefined;
  const nl = source.indexOf('\n', start);
  return nl < 0 ? source.slice(start) : source.slice(start, nl + 1);
}

/** Builds the SyntaxError exception CPython would raise. */
export function makeSyntaxError(info: SyntaxErrorInfo, filename: string, source: string): PyException {
  const cls = info.cls === 'IndentationError' ? IndentationError : info.cls === 'TabError' ? TabError : SyntaxErrorClass;
  let text = sourceLine(source, info.line);
  if (info.textFrom === 'tokenizer' && text?.endsWith('\n')) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
  else if (info.textFrom === 'file' && filename.startsWith('<')) text = undefined;
  const inst = new PyInstance(cls);
  const textValue: PyValue = text === undefined ? None : text;
  inst.dict.set('args', new PyTuple([info.msg, new PyTuple([filename, BigInt(info.line), BigInt(info.offset), textValue, BigInt(info.endLine), BigInt(info.endOffset)])]));
  inst.dict.set('msg', info.msg);
  inst.dict.set('filename', filename);
  inst.dict.set('lineno', BigInt(info.line));
  inst.dict.set('offset', BigInt(info.offset));
  inst.dict.set('text', textValue);
  inst.dict.set('end_lineno', BigInt(info.endLine));
  inst.dict.set('end_offset', BigInt(info.endOffset));
  inst.dict.set('print_file_and_line', None);
  return new PyException(inst);
}

// ---------------------------------------------------------------------------------------------
// The converter
// ---------------------------------------------------------------------------------------------

const COMPARE_KEYWORDS = new Set(['in', 'not', 'is']);

class Seq {
  i = 0;
  constructor(public readonly items: SyntaxNode[]) {}
  peek(k = 0): SyntaxNode | undefined {
    return this.items[this.i + k];
  }
  peekName(k = 0): string | undefined {
    return this.items[this.i + k]?.name;
  }
  next(): SyntaxNode {
    const n = this.items[this.i++];
    if (!n) throw new Error('unexpected end of node sequence');
    return n;
  }
  get done(): boolean {
    return this.i >= this.items.length;
  }
}

/** Children of a node, without comments. */
function kidsOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

export class Converter {
  private readonly lineStarts: number[];
  /** `with … as <target>` spans (start → end) that lezer saw as a placeholder name. */
  withTargets = new Map<number, number>();
  /** Starts of `*name` comprehension targets that lezer saw as the name `_name`. */
  starredTargets = new Set<number>();

  /**
   * @param src the text lezer parsed
   * @param toks tokens of the original file (for positions of newlines and trailing tokens)
   * @param offsetBase maps offsets in `src` to offsets in the original file (f-string expressions)
   */
  constructor(
    private readonly src: string,
    private readonly toks: TokenizeResult,
    private readonly mapOffset: (o: number) => number = (o) => o,
    private readonly original: string = src,
    private readonly inFString = false,
  ) {
    this.lineStarts = toks.lineStarts;
  }

  // -- positions ------------------------------------------------------------------------------

  private lineCol(offset: number): [number, number] {
    const o = this.mapOffset(offset);
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, o - ls[lo]!];
  }

  private span(from: number, to: number): A.Span {
    const [line, col] = this.lineCol(from);
    const [endLine, endCol] = this.lineCol(to);
    return { line, col, endLine, endCol };
  }

  private nspan(n: SyntaxNode, end: SyntaxNode = n): A.Span {
    return this.span(n.from, end.to);
  }

  private text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  private fail(msg: string, from: number, to: number, opts: { cls?: SyntaxErrorInfo['cls']; endOffset?: number } = {}): never {
    const s = this.span(from, to);
    throw new ConvertError(
      {
        cls: opts.cls ?? 'SyntaxError',
        msg: this.inFString && !msg.startsWith('f-string') ? 'f-string: ' + msg : msg,
        line: s.line,
        offset: s.col + 1,
        endLine: s.endLine,
        endOffset: opts.endOffset ?? s.endCol + 1,
      },
      this.mapOffset(from),
    );
  }

  private failAt(msg: string, sp: A.Span): never {
    // positions of an already-built node
    const from = this.lineStarts[sp.line - 1]! + sp.col;
    throw new ConvertError(
      { cls: 'SyntaxError', msg: this.inFString && !msg.startsWith('f-string') ? 'f-string: ' + msg : msg, line: sp.line, offset: sp.col + 1, endLine: sp.endLine, endOffset: sp.endCol + 1 },
      from,
    );
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const k = kidsOf(n);
    for (let i = 0; i < k.length; i++) {
      const c = k[i]!;
      if (!c.type.isError) continue;
      if (isBareYieldArtifact(c)) {
        k.splice(i--, 1);
        continue;
      }
      throw new LezerErrorSignal(c);
    }
    return k;
  }

  private invalid(n: SyntaxNode): never {
    if (n.type.isError) throw new LezerErrorSignal(n);
    this.fail('invalid syntax', n.from, n.to);
  }

  private tokenIndex: Map<number, number> | null = null;
  /** Index of the (non-indentation) token starting exactly at `offset` in the original file, or -1. */
  private tokenIndexAt(offset: number): number {
    if (!this.tokenIndex) {
      this.tokenIndex = new Map();
      this.toks.tokens.forEach((t, i) => {
        if (t.type !== 'INDENT' && t.type !== 'DEDENT' && !this.tokenIndex!.has(t.start)) this.tokenIndex!.set(t.start, i);
      });
    }
    return this.tokenIndex.get(this.mapOffset(offset)) ?? -1;
  }

  /** The first token of the original file starting at or after `offset`. */
  private tokenAt(offset: number): Token | undefined {
    const o = this.mapOffset(offset);
    for (const t of this.toks.tokens) if (t.start >= o && t.type !== 'DEDENT' && t.type !== 'INDENT') return t;
    return undefined;
  }

  // -- statements -----------------------------------------------------------------------------

  module(top: SyntaxNode): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const c of this.kids(top)) this.statementInto(c, out);
    return out;
  }

  private statementInto(n: SyntaxNode, out: A.Stmt[]): void {
    if (n.name === 'StatementGroup') {
      for (const c of this.kids(n)) {
        if (c.name === ';') continue;
        this.statementInto(c, out);
      }
      return;
    }
    out.push(this.statement(n));
  }

  private body(n: SyntaxNode | undefined): A.Stmt[] {
    if (!n || n.name !== 'Body') throw n ? this.invalid(n) : new Error('missing body');
    const out: A.Stmt[] = [];
    for (const c of this.kids(n)) {
      if (c.name === ':') continue;
      this.statementInto(c, out);
    }
    if (out.length === 0) throw new Error('empty body');
    return out;
  }

  private endOf(stmts: A.Stmt[]): { endLine: number; endCol: number } {
    const last = stmts[stmts.length - 1]!;
    return { endLine: last.endLine, endCol: last.endCol };
  }

  private statement(n: SyntaxNode): A.Stmt {
    switch (n.name) {
      case 'ExpressionStatement':
        return this.exprStatement(n);
      case 'AssignStatement':
        return this.assign(n);
      case 'UpdateStatement':
        return this.augAssign(n);
      case 'PassStatement':
        return { type: 'Pass', ...this.nspan(n) };
      case 'BreakStatement':
        return { type: 'Break', ...this.nspan(n) };
      case 'ContinueStatement':
        return { type: 'Continue', ...this.nspan(n) };
      case 'ReturnStatement':
        return this.returnStmt(n);
      case 'DeleteStatement':
        return this.deleteStmt(n);
      case 'RaiseStatement':
        return this.raiseStmt(n);
      case 'ImportStatement':
        return this.importStmt(n);
      case 'ScopeStatement': {
        const k = this.kids(n);
        const names = k.filter((c) => c.name === 'VariableName').map((c) => this.text(c));
        return { type: k[0]!.name === 'global' ? 'Global' : 'Nonlocal', names, ...this.nspan(n) };
      }
      case 'AssertStatement':
        return this.assertStmt(n);
      case 'YieldStatement': {
        const value = this.yieldExpr(n);
        return { type: 'Expr', value, ...this.nspan(n) };
      }
      case 'IfStatement':
        return this.ifStmt(n);
      case 'WhileStatement':
        return this.whileStmt(n);
      case 'ForStatement':
        return this.forStmt(n);
      case 'TryStatement':
        return this.tryStmt(n);
      case 'WithStatement':
        return this.withStmt(n);
      case 'FunctionDefinition':
        return this.funcDef(n, []);
      case 'ClassDefinition':
        return this.classDef(n, []);
      case 'DecoratedStatement':
        return this.decorated(n);
      case 'MatchStatement': {
        const k = this.kids(n);
        this.fail("'match' statements are not supported in this sandbox", k[0]!.from, k[0]!.to);
      }
      // falls through (unreachable)
      case 'TypeDefinition': {
        const k = this.kids(n);
        const after = k[1] ?? k[0]!;
        this.fail('invalid syntax', after.from, after.to);
      }
      // falls through (unreachable)
      case 'PrintStatement':
      default:
        return this.invalid(n);
    }
  }

  private exprStatement(n: SyntaxNode): A.Stmt {
    const value = this.exprList(new Seq(this.kids(n)), true);
    return { type: 'Expr', value, ...this.nspan(n) };
  }

  /**
   * commaSep of (test | "*" expression): one expression, or a Tuple when there is a comma.
   * Consumes until the sequence ends or a node not part of the list is met.
   */
  private exprList(seq: Seq, allowStar: boolean, stop?: (n: SyntaxNode) => boolean): A.Expr {
    const items: A.Expr[] = [];
    let comma = false;
    const first = seq.peek();
    let last: SyntaxNode | undefined;
    while (!seq.done && !(stop && stop(seq.peek()!))) {
      const start = seq.peek()!;
      let e: A.Expr;
      if (start.name === '*') {
        seq.next();
        const inner = seq.next();
        e = { type: 'Starred', value: this.expr(inner), ctx: 'Load', ...this.nspan(start, inner) };
        last = inner;
        if (!allowStar) this.failAt("can't use starred expression here", e);
      } else {
        last = seq.next();
        e = this.expr(last);
      }
      items.push(e);
      if (!seq.done && seq.peekName() === ',') {
        last = seq.next();
        comma = true;
        continue;
      }
      break;
    }
    if (items.length === 0) throw new Error('empty expression list');
    if (!comma) return items[0]!;
    return { type: 'Tuple', elts: items, ctx: 'Load', ...this.span(first!.from, last!.to) };
  }

  private assign(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    // groups separated by AssignOp; an optional TypeDef after the first group
    const groups: SyntaxNode[][] = [[]];
    let typeDef: SyntaxNode | null = null;
    for (const c of k) {
      if (c.name === 'AssignOp') groups.push([]);
      else if (c.name === 'TypeDef' && groups.length === 1) typeDef = c;
      else groups[groups.length - 1]!.push(c);
    }
    if (typeDef) {
      const targetNodes = groups[0]!;
      const target = this.exprList(new Seq(targetNodes), true);
      if (target.type === 'Tuple') this.failAt('only single target (not tuple) can be annotated', target);
      if (target.type === 'List') this.failAt('only single target (not list) can be annotated', target);
      if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
        this.failAt(`illegal target for annotation`, target);
      }
      this.setStore(target, 'assign');
      const annotation = this.expr(this.kids(typeDef).filter((c) => c.name !== ':')[0]!);
      let value: A.Expr | null = null;
      if (groups.length > 2) this.invalid(k[k.length - 1]!);
      if (groups.length === 2) value = this.valueGroup(groups[1]!);
      const simple = target.type === 'Name' && targetNodes.length === 1 && targetNodes[0]!.name === 'VariableName';
      return { type: 'AnnAssign', target, annotation, value, simple, ...this.nspan(n) };
    }
    const targets: A.Expr[] = [];
    for (let g = 0; g < groups.length - 1; g++) {
      const grp = groups[g]!;
      const t = this.exprList(new Seq(grp), true);
      targets.push(t);
    }
    const value = this.valueGroup(groups[groups.length - 1]!);
    // `f() = 1`: CPython's hint form for a single plain target
    if (targets.length === 1) {
      const t = targets[0]!;
      if (t.type === 'Yield' || t.type === 'YieldFrom') this.failAt('assignment to yield expression not possible', t);
      const hint = !(
        t.type === 'List' ||
        t.type === 'Tuple' ||
        t.type === 'GeneratorExp' ||
        isNamedConstant(t) ||
        // the hint comes from a rule matching only bitwise_or-level expressions
        t.type === 'Compare' ||
        t.type === 'BoolOp' ||
        t.type === 'IfExp' ||
        t.type === 'Lambda' ||
        t.type === 'NamedExpr' ||
        (t.type === 'UnaryOp' && t.op === 'not')
      );
      if (hint && !isValidTarget(t)) {
        this.failAt(`cannot assign to ${exprName(t)} here. Maybe you meant '==' instead of '='?`, t);
      }
    }
    for (const t of targets) {
      if (t.type === 'Yield' || t.type === 'YieldFrom') this.failAt('assignment to yield expression not possible', t);
      this.setStore(t, 'assign');
    }
    if (value.type === 'Yield' || value.type === 'YieldFrom') {
      // fine
    }
    return { type: 'Assign', targets, value, ...this.nspan(n) };
  }

  private valueGroup(nodes: SyntaxNode[]): A.Expr {
    if (nodes.length === 1 && nodes[0]!.name === 'YieldExpression') return this.yieldExpr(nodes[0]!);
    return this.exprList(new Seq(nodes), true);
  }

  private augAssign(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    const opIdx = k.findIndex((c) => c.name === 'UpdateOp');
    const target = this.exprList(new Seq(k.slice(0, opIdx)), true);
    const opText = this.text(k[opIdx]!);
    const valueNodes = k.slice(opIdx + 1);
    const value = this.valueGroup(valueNodes);
    if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
      this.failAt(`'${exprName(target)}' is an illegal expression for augmented assignment`, target);
    }
    this.setStore(target, 'assign');
    return { type: 'AugAssign', target, op: opText.slice(0, -1) as A.Operator, value, ...this.nspan(n) };
  }

  private returnStmt(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    const value = k.length > 1 ? this.exprList(new Seq(k.slice(1)), true) : null;
    return { type: 'Return', value, ...this.nspan(n) };
  }

  private deleteStmt(n: SyntaxNode): A.Stmt {
    const k = this.kids(n).slice(1);
    const targets: A.Expr[] = [];
    for (const c of k) {
      if (c.name === ',') continue;
      const e = this.expr(c);
      this.setStore(e, 'del');
      targets.push(e);
    }
    return { type: 'Delete', targets, ...this.nspan(n) };
  }

  private raiseStmt(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    let exc: A.Expr | null = null;
    let cause: A.Expr | null = null;
    if (k.length > 1) exc = this.expr(k[1]!);
    if (k.length > 2) {
      if (k[2]!.name === ',') this.fail('invalid syntax', k[2]!.from, k[2]!.to);
      cause = this.expr(k[3]!);
    }
    return { type: 'Raise', exc, cause, ...this.nspan(n) };
  }

  private assertStmt(n: SyntaxNode): A.Stmt {
    const k = this.kids(n).slice(1);
    const parts = k.filter((c) => c.name !== ',');
    const commas = k.filter((c) => c.name === ',');
    if (commas.length > 1) this.fail('invalid syntax', commas[1]!.from, commas[1]!.to);
    if (commas.length === 1 && parts.length === 1) {
      // trailing comma: `assert x,`
      const t = this.tokenAt(commas[0]!.to);
      if (t) this.fail('invalid syntax', t.start, t.end === t.start ? t.start : t.end);
    }
    const test = this.expr(parts[0]!);
    const msg = parts[1] ? this.expr(parts[1]) : null;
    return { type: 'Assert', test, msg, ...this.nspan(n) };
  }

  private importStmt(n: SyntaxNode): A.Stmt {
    const seq = new Seq(this.kids(n));
    const first = seq.next();
    if (first.name === 'import') {
      const names = this.importNames(seq, false, n);
      return { type: 'Import', names, ...this.nspan(n) };
    }
    // from
    let level = 0;
    while (seq.peekName() === '.' || seq.peekName() === 'Ellipsis') level += seq.next().name === '.' ? 1 : 3;
    let module: string | null = null;
    if (seq.peekName() === 'VariableName') module = this.dotted(seq).name;
    seq.next(); // import
    if (seq.peekName() === '*') {
      const star = seq.next();
      return { type: 'ImportFrom', module, level, names: [{ name: '*', asname: null, ...this.nspan(star) }], ...this.nspan(n) };
    }
    const paren = seq.peekName() === '(';
    if (paren) seq.next();
    const names = this.importNames(seq, !paren, n);
    return { type: 'ImportFrom', module, names, level, ...this.nspan(n) };
  }

  private dotted(seq: Seq): { name: string; first: SyntaxNode; last: SyntaxNode } {
    const first = seq.next();
    let name = this.text(first);
    let last = first;
    while (seq.peekName() === '.' && seq.peekName(1) === 'VariableName') {
      seq.next();
      last = seq.next();
      name += '.' + this.text(last);
    }
    return { name, first, last };
  }

  private importNames(seq: Seq, checkTrailingComma: boolean, stmt: SyntaxNode): A.Alias[] {
    const names: A.Alias[] = [];
    while (!seq.done && seq.peekName() !== ')') {
      const d = this.dotted(seq);
      let asname: string | null = null;
      let last = d.last;
      if (seq.peekName() === 'as') {
        seq.next();
        last = seq.next();
        asname = this.text(last);
      }
      names.push({ name: d.name, asname, ...this.nspan(d.first, last) });
      if (seq.peekName() === ',') {
        const comma = seq.next();
        if (checkTrailingComma && (seq.done || seq.peekName() === ')')) {
          const t = this.tokenAt(comma.to);
          const at = t ? t.start : stmt.to;
          this.fail('trailing comma not allowed without surrounding parentheses', at, at);
        }
        continue;
      }
      break;
    }
    return names;
  }

  private ifStmt(n: SyntaxNode): A.Stmt {
    const seq = new Seq(this.kids(n));
    const clauses: { kw: SyntaxNode; test: A.Expr | null; body: A.Stmt[] }[] = [];
    while (!seq.done) {
      const kw = seq.next();
      if (kw.name === 'if' || kw.name === 'elif') {
        // lezer accepts `elif:` without a condition; CPython reports the ':'
        if (seq.peekName() === 'Body') this.fail('invalid syntax', seq.peek()!.from, seq.peek()!.from + 1);
        const test = this.namedTest(seq.next());
        const body = this.body(seq.next());
        clauses.push({ kw, test, body });
      } else if (kw.name === 'else') {
        clauses.push({ kw, test: null, body: this.body(seq.next()) });
      } else this.invalid(kw);
    }
    // build from the end
    let orelse: A.Stmt[] = [];
    for (let i = clauses.length - 1; i >= 0; i--) {
      const c = clauses[i]!;
      if (c.test === null) {
        orelse = c.body;
        continue;
      }
      const end = orelse.length ? this.endOf(orelse) : this.endOf(c.body);
      const [line, col] = this.lineCol(c.kw.from);
      const stmt: A.If = { type: 'If', test: c.test, body: c.body, orelse, line, col, ...end };
      orelse = [stmt];
    }
    return orelse[0]!;
  }

  private whileStmt(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    const test = this.namedTest(k[1]!);
    const body = this.body(k[2]);
    const orelse = k[3] && k[3].name === 'else' ? this.body(k[4]) : [];
    const [line, col] = this.lineCol(n.from);
    return { type: 'While', test, body, orelse, line, col, ...this.endOf(orelse.length ? orelse : body) };
  }

  private forStmt(n: SyntaxNode): A.Stmt {
    const seq = new Seq(this.kids(n));
    let isAsync = false;
    if (seq.peekName() === 'async') {
      seq.next();
      isAsync = true;
    }
    seq.next(); // for
    const target = this.exprList(seq, true, (c) => c.name === 'in');
    this.setStore(target, 'for');
    seq.next(); // in
    const iter = this.exprList(seq, true, (c) => c.name === 'Body');
    const body = this.body(seq.next());
    let orelse: A.Stmt[] = [];
    if (seq.peekName() === 'else') {
      seq.next();
      orelse = this.body(seq.next());
    }
    const [line, col] = this.lineCol(n.from);
    return { type: 'For', target, iter, body, orelse, isAsync, line, col, ...this.endOf(orelse.length ? orelse : body) };
  }

  private tryStmt(n: SyntaxNode): A.Stmt {
    const seq = new Seq(this.kids(n));
    seq.next(); // try
    const body = this.body(seq.next());
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let star = false;
    while (seq.peekName() === 'except') {
      const kw = seq.next();
      if (seq.peekName() === '*') {
        seq.next();
        star = true;
      }
      let excType: A.Expr | null = null;
      let name: string | null = null;
      if (seq.peekName() !== 'Body') {
        const typeNode = seq.next();
        excType = this.expr(typeNode);
        if (seq.peekName() === ',') {
          seq.next();
          const nameNode = seq.next();
          this.fail('multiple exception types must be parenthesized', typeNode.from, nameNode.to);
        }
        if (seq.peekName() === 'as') {
          seq.next();
          name = this.text(seq.next());
        }
      }
      const hbody = this.body(seq.next());
      const [line, col] = this.lineCol(kw.from);
      handlers.push({ type: 'ExceptHandler', excType, name, body: hbody, line, col, ...this.endOf(hbody) });
    }
    if (seq.peekName() === 'else') {
      seq.next();
      orelse = this.body(seq.next());
    }
    if (seq.peekName() === 'finally') {
      seq.next();
      finalbody = this.body(seq.next());
    }
    if (handlers.length === 0 && finalbody.length === 0) {
      const t = this.tokenAt(n.to);
      const at = t ?? { start: n.to, end: n.to };
      this.fail("expected 'except' or 'finally' block", at.start, at.end);
    }
    for (let i = 0; i < handlers.length - 1; i++) {
      if (handlers[i]!.excType === null) {
        const h = handlers[i]!;
        throw new ConvertError(
          { cls: 'SyntaxError', msg: "default 'except:' must be last", line: h.line, offset: h.col + 1, endLine: h.endLine, endOffset: h.endCol + 1 },
          this.lineStarts[h.line - 1]! + h.col,
        );
      }
    }
    const last = finalbody.length ? finalbody : orelse.length ? orelse : handlers.length ? handlers[handlers.length - 1]!.body : body;
    const [line, col] = this.lineCol(n.from);
    return { type: 'Try', body, handlers, orelse, finalbody, star, line, col, ...this.endOf(last) };
  }

  private withStmt(n: SyntaxNode): A.Stmt {
    const seq = new Seq(this.kids(n));
    let isAsync = false;
    if (seq.peekName() === 'async') {
      seq.next();
      isAsync = true;
    }
    seq.next(); // with
    const items: A.WithItem[] = [];
    while (seq.peekName() !== 'Body') {
      const contextExpr = this.expr(seq.next());
      let optionalVars: A.Expr | null = null;
      if (seq.peekName() === 'as') {
        seq.next();
        const targetNode = seq.next();
        const original = this.withTargets.get(targetNode.from);
        optionalVars = original !== undefined ? this.subExpression(this.src.slice(targetNode.from, original), targetNode.from, false) : this.expr(targetNode);
        this.setStore(optionalVars, 'assign');
      }
      items.push({ contextExpr, optionalVars });
      if (seq.peekName() === ',') seq.next();
    }
    const body = this.body(seq.next());
    const [line, col] = this.lineCol(n.from);
    return { type: 'With', items, body, isAsync, line, col, ...this.endOf(body) };
  }

  private decorated(n: SyntaxNode): A.Stmt {
    const k = this.kids(n);
    const decorators: A.Expr[] = [];
    for (const c of k) {
      if (c.name !== 'Decorator') continue;
      const seq = new Seq(this.kids(c).filter((x) => x.name !== 'At'));
      // build Name/Attribute chain
      const parts = seq.items.filter((x) => x.name === 'VariableName');
      let e: A.Expr = { type: 'Name', id: this.text(parts[0]!), ctx: 'Load', ...this.nspan(parts[0]!) };
      for (const p of parts.slice(1)) {
        e = { type: 'Attribute', value: e, attr: this.text(p), ctx: 'Load', ...this.span(parts[0]!.from, p.to) };
      }
      const argList = seq.items.find((x) => x.name === 'ArgList');
      if (argList) {
        const { args, keywords } = this.argList(argList);
        e = { type: 'Call', func: e, args, keywords, simpleArgs: !args.some((a) => a.type === 'Starred'), ...this.span(parts[0]!.from, argList.to) };
      }
      decorators.push(e);
    }
    const def = k[k.length - 1]!;
    if (def.name === 'ClassDefinition') return this.classDef(def, decorators);
    if (def.name === 'FunctionDefinition') return this.funcDef(def, decorators);
    return this.invalid(def);
  }

  private funcDef(n: SyntaxNode, decorators: A.Expr[]): A.Stmt {
    const seq = new Seq(this.kids(n));
    let isAsync = false;
    if (seq.peekName() === 'async') {
      seq.next();
      isAsync = true;
    }
    seq.next(); // def
    const nameNode = seq.next();
    if (seq.peekName() === 'TypeParamList') this.invalid(seq.peek()!);
    const params = seq.next();
    const args = this.params(params, false);
    let returns: A.Expr | null = null;
    if (seq.peekName() === 'TypeDef') {
      const td = this.kids(seq.next());
      returns = this.expr(td[td.length - 1]!);
    }
    const body = this.body(seq.next());
    const [line, col] = this.lineCol(n.from);
    return { type: 'FunctionDef', name: this.text(nameNode), args, body, decorators, returns, isAsync, line, col, ...this.endOf(body) };
  }

  private classDef(n: SyntaxNode, decorators: A.Expr[]): A.Stmt {
    const seq = new Seq(this.kids(n));
    seq.next(); // class
    const nameNode = seq.next();
    if (seq.peekName() === 'TypeParamList') this.invalid(seq.peek()!);
    let bases: A.Expr[] = [];
    let keywords: A.Keyword[] = [];
    if (seq.peekName() === 'ArgList') {
      const r = this.argList(seq.next());
      bases = r.args;
      keywords = r.keywords;
    }
    const body = this.body(seq.next());
    const [line, col] = this.lineCol(n.from);
    return { type: 'ClassDef', name: this.text(nameNode), bases, keywords, body, decorators, line, col, ...this.endOf(body) };
  }

  /** ParamList of a def (with parentheses) or a lambda (without). */
  private params(n: SyntaxNode, isLambda: boolean): A.Arguments {
    const items = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
    const res: A.Arguments = { posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kwDefaults: [], kwarg: null, defaults: [] };
    // split by commas, keeping the text between separators (the `/` marker is anonymous)
    const segments: { nodes: SyntaxNode[]; from: number; to: number }[] = [];
    let cur: SyntaxNode[] = [];
    let segFrom = isLambda ? n.from : n.from + 1;
    for (const c of items) {
      if (c.name === ',') {
        segments.push({ nodes: cur, from: segFrom, to: c.from });
        cur = [];
        segFrom = c.to;
      } else cur.push(c);
    }
    const endPos = isLambda ? n.to : n.to - 1;
    if (cur.length > 0 || stripComments(this.src.slice(segFrom, endPos)).trim() !== '') segments.push({ nodes: cur, from: segFrom, to: endPos });
    let state: 'pos' | 'kwonly' = 'pos';
    let sawDefault = false;
    let sawSlash = false;
    let bareStar: SyntaxNode | null = null;
    const mkArg = (name: SyntaxNode, typeDef?: SyntaxNode): A.Arg => {
      let annotation: A.Expr | null = null;
      if (typeDef) {
        const td = this.kids(typeDef);
        annotation = this.expr(td[td.length - 1]!);
      }
      const id = this.text(name);
      return { arg: id, annotation, ...this.nspan(name, typeDef ?? name) };
    };
    for (let si = 0; si < segments.length; si++) {
      const seg = segments[si]!;
      const nodes = seg.nodes;
      if (res.kwarg) {
        const first = nodes[0];
        if (first) this.fail('arguments cannot follow var-keyword argument', first.from, first.to);
      }
      if (nodes.length === 0) {
        const t = stripComments(this.src.slice(seg.from, seg.to)).trim();
        if (t === '/') {
          const at = this.src.indexOf('/', seg.from);
          if (sawSlash) this.fail('/ may appear only once', at, at + 1);
          if (state === 'kwonly') this.fail('/ must be ahead of *', at, at + 1);
          if (res.args.length === 0) this.fail('at least one argument must precede /', at, at + 1);
          sawSlash = true;
          res.posonlyargs = res.args;
          res.args = [];
          continue;
        }
        this.fail('invalid syntax', seg.from, seg.to);
      }
      const head = nodes[0]!;
      if (head.name === '*') {
        if (state === 'kwonly') this.fail('* argument may appear only once', head.from, head.to);
        state = 'kwonly';
        if (nodes[1]) res.vararg = mkArg(nodes[1], nodes[2]?.name === 'TypeDef' ? nodes[2] : undefined);
        else bareStar = head;
        continue;
      }
      if (head.name === '**') {
        res.kwarg = mkArg(nodes[1]!, nodes[2]?.name === 'TypeDef' ? nodes[2] : undefined);
        continue;
      }
      if (head.name !== 'VariableName') this.invalid(head);
      let idx = 1;
      let typeDef: SyntaxNode | undefined;
      if (nodes[idx]?.name === 'TypeDef') typeDef = nodes[idx++];
      let dflt: A.Expr | null = null;
      if (nodes[idx]?.name === 'AssignOp') {
        dflt = this.expr(nodes[idx + 1]!);
      }
      const arg = mkArg(head, typeDef);
      if (state === 'pos') {
        if (dflt) {
          sawDefault = true;
          res.defaults.push(dflt);
        } else if (sawDefault) {
          this.fail('non-default argument follows default argument', head.from, head.to);
        }
        res.args.push(arg);
      } else {
        res.kwonlyargs.push(arg);
        res.kwDefaults.push(dflt);
        bareStar = null;
      }
    }
    if (bareStar) this.fail('named arguments must follow bare *', bareStar.from, bareStar.to);
    return res;
  }

  // -- expressions ----------------------------------------------------------------------------

  /** testNamed position: a NamedExpression is allowed unparenthesized. */
  private namedTest(n: SyntaxNode): A.Expr {
    return this.expr(n);
  }

  expr(n: SyntaxNode): A.Expr {
    switch (n.name) {
      case 'VariableName':
        if (this.starredTargets.has(n.from)) {
          const inner: A.Name = { type: 'Name', id: this.text(n).slice(1), ctx: 'Load', ...this.span(n.from + 1, n.to) };
          return { type: 'Starred', value: inner, ctx: 'Load', ...this.nspan(n) };
        }
        return { type: 'Name', id: this.text(n), ctx: 'Load', ...this.nspan(n) };
      case 'Number':
        return this.number(n);
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.strings(n);
      case 'Ellipsis':
        return { type: 'Constant', value: { kind: 'Ellipsis' }, ...this.nspan(n) };
      case 'None':
        return { type: 'Constant', value: { kind: 'None' }, ...this.nspan(n) };
      case 'Boolean':
        return { type: 'Constant', value: { kind: 'bool', value: this.text(n) === 'True' }, ...this.nspan(n) };
      case 'BinaryExpression':
        return this.binary(n);
      case 'UnaryExpression':
        return this.unary(n);
      case 'AwaitExpression': {
        const k = this.kids(n);
        return { type: 'Await', value: this.expr(k[1]!), ...this.nspan(n) };
      }
      case 'ParenthesizedExpression':
        return this.paren(n);
      case 'TupleExpression':
        return this.tuple(n);
      case 'ComprehensionExpression':
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.comprehension(n);
      case 'ArrayExpression': {
        const k = this.kids(n);
        const elts = this.displayItems(new Seq(k.slice(1, -1)));
        return { type: 'List', elts, ctx: 'Load', ...this.nspan(n) };
      }
      case 'SetExpression': {
        const k = this.kids(n);
        const elts = this.displayItems(new Seq(k.slice(1, -1)));
        return { type: 'Set', elts, ...this.nspan(n) };
      }
      case 'DictionaryExpression':
        return this.dict(n);
      case 'CallExpression': {
        const k = this.kids(n);
        const func = this.expr(k[0]!);
        const { args, keywords } = this.argList(k[1]!);
        return { type: 'Call', func, args, keywords, simpleArgs: !args.some((a) => a.type === 'Starred'), ...this.nspan(n) };
      }
      case 'MemberExpression':
        return this.member(n);
      case 'ConditionalExpression': {
        const k = this.kids(n);
        return { type: 'IfExp', body: this.expr(k[0]!), test: this.expr(k[2]!), orelse: this.expr(k[4]!), ...this.nspan(n) };
      }
      case 'LambdaExpression':
        return this.lambda(n);
      case 'NamedExpression': {
        const k = this.kids(n);
        const target = this.expr(k[0]!);
        if (target.type !== 'Name') this.failAt(`cannot use assignment expressions with ${exprName(target)}`, target);
        target.ctx = 'Store';
        return { type: 'NamedExpr', target, value: this.expr(k[2]!), ...this.nspan(n) };
      }
      case 'YieldExpression':
        return this.yieldExpr(n);
      default:
        return this.invalid(n);
    }
  }

  private yieldExpr(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    if (k[1]?.name === 'from') return { type: 'YieldFrom', value: this.expr(k[2]!), ...this.nspan(n) };
    const value = k.length > 1 ? this.exprList(new Seq(k.slice(1)), true) : null;
    return { type: 'Yield', value, ...this.nspan(n, k[k.length - 1]!) };
  }

  private number(n: SyntaxNode): A.Expr {
    const raw = this.text(n);
    const t = raw.replace(/_/g, '').toLowerCase();
    const sp = this.nspan(n);
    if (t.endsWith('j')) return { type: 'Constant', value: { kind: 'complex', imag: Number(t.slice(0, -1)) }, ...sp };
    if (t.startsWith('0x') || t.startsWith('0o') || t.startsWith('0b')) return { type: 'Constant', value: { kind: 'int', value: BigInt(t) }, ...sp };
    if (t.includes('.') || t.includes('e')) return { type: 'Constant', value: { kind: 'float', value: Number(t) }, ...sp };
    return { type: 'Constant', value: { kind: 'int', value: BigInt(t) }, ...sp };
  }

  /**
   * The raw literals of a string atom. In the main file they come from the CPython-compatible
   * tokenizer (Python 3.11 ends a string at its own quote character even inside an f-string
   * replacement field, where lezer follows Python 3.12); inside f-string expressions from lezer.
   */
  private stringPieces(n: SyntaxNode): { pieces: { raw: string; from: number; to: number }[]; next: Token | undefined } {
    if (this.inFString) {
      const nodes = n.name === 'ContinuedString' ? kidsOf(n) : [n];
      return { pieces: nodes.map((p) => ({ raw: this.text(p), from: p.from, to: p.to })), next: undefined };
    }
    const tokens = this.toks.tokens;
    let i = this.tokenIndexAt(n.from);
    const pieces: { raw: string; from: number; to: number }[] = [];
    while (i >= 0 && i < tokens.length && tokens[i]!.type === 'STRING' && tokens[i]!.start < n.to) {
      pieces.push({ raw: tokens[i]!.value, from: tokens[i]!.start, to: tokens[i]!.end });
      i++;
    }
    if (pieces.length === 0) this.invalid(n);
    return { pieces, next: tokens[i] };
  }

  private strings(n: SyntaxNode): A.Expr {
    const { pieces, next } = this.stringPieces(n);
    // errors found while decoding are reported at the token after the string (CPython had to
    // read it to know the implicit concatenation ended)
    const failAfter = (msg: string): never => {
      if (next) {
        const end = next.type === 'NEWLINE' || next.type === 'ENDMARKER' ? next.start : next.end;
        this.fail(msg, next.start, end, next.type === 'NEWLINE' || next.type === 'ENDMARKER' ? { endOffset: next.col + 1 } : {});
      }
      this.fail(msg, n.to, n.to);
    };
    let isBytes: boolean | null = null;
    const bytes: Uint8Array[] = [];
    const parts: (A.Constant | A.FormattedValue)[] = [];
    let anyF = false;
    let strValue = '';
    for (const p of pieces) {
      const lit = splitLiteral(p.raw);
      if (isBytes === null) isBytes = lit.bytes;
      else if (isBytes !== lit.bytes) this.fail('cannot mix bytes and nonbytes literals', n.from, n.to);
      try {
        if (lit.bytes) {
          bytes.push(decodeBytes(lit.body, lit.raw));
        } else if (lit.format) {
          anyF = true;
          this.fstringParts(parseFString(lit.body, lit.bodyStart, lit.raw), p.from, parts);
        } else {
          const v = lit.raw ? lit.body : decodeStrEscapes(lit.body);
          strValue += v;
          parts.push({ type: 'Constant', value: { kind: 'str', value: v }, ...this.span(p.from, p.to) });
        }
      } catch (e) {
        if (e instanceof LiteralError) {
          if (e.message.startsWith('bytes can only')) this.fail(e.message, p.from, p.to);
          failAfter(e.message);
        }
        throw e;
      }
    }
    const last = pieces[pieces.length - 1]!;
    if (!this.inFString && last.to !== n.to) {
      // lezer read more into the string than Python 3.11 does (nested quotes in an f-string)
      if (next) this.fail('invalid syntax', next.start, next.end);
    }
    const sp = this.nspan(n);
    if (isBytes) {
      const total = bytes.reduce((a, b) => a + b.length, 0);
      const out = new Uint8Array(total);
      let o = 0;
      for (const b of bytes) {
        out.set(b, o);
        o += b.length;
      }
      return { type: 'Constant', value: { kind: 'bytes', value: out }, ...sp };
    }
    if (!anyF) return { type: 'Constant', value: { kind: 'str', value: strValue }, ...sp };
    // merge adjacent constants
    const merged: (A.Constant | A.FormattedValue)[] = [];
    for (const part of parts) {
      const prev = merged[merged.length - 1];
      if (part.type === 'Constant' && prev && prev.type === 'Constant' && prev.value.kind === 'str' && part.value.kind === 'str') {
        merged[merged.length - 1] = { ...prev, value: { kind: 'str', value: prev.value.value + part.value.value } };
      } else if (!(part.type === 'Constant' && part.value.kind === 'str' && part.value.value === '')) {
        merged.push(part);
      }
    }
    return { type: 'JoinedStr', values: merged, ...sp };
  }

  private fstringParts(fparts: FStringPart[], litFrom: number, out: (A.Constant | A.FormattedValue)[]): void {
    for (const fp of fparts) {
      if (fp.kind === 'literal') {
        out.push({ type: 'Constant', value: { kind: 'str', value: fp.value }, ...this.span(litFrom, litFrom) });
        continue;
      }
      if (fp.selfDoc !== null) {
        out.push({ type: 'Constant', value: { kind: 'str', value: fp.selfDoc }, ...this.span(litFrom, litFrom) });
      }
      const value = this.subExpression(fp.expr, litFrom + fp.exprStart);
      let formatSpec: A.JoinedStr | null = null;
      if (fp.spec) {
        const specParts: (A.Constant | A.FormattedValue)[] = [];
        this.fstringParts(fp.spec, litFrom, specParts);
        formatSpec = { type: 'JoinedStr', values: specParts, ...this.span(litFrom + fp.start, litFrom + fp.end) };
      }
      out.push({ type: 'FormattedValue', value, conversion: fp.conversion, formatSpec, ...this.span(litFrom + fp.start, litFrom + fp.end) });
    }
  }

  /** Parses the expression of an f-string replacement field; `at` is its offset in `this.src`. */
  private subExpression(text: string, at: number, fstring = true): A.Expr {
    const wrapped = '(' + text + ')';
    const tree = lezerParser.parse(wrapped);
    const top = tree.topNode;
    const base = this.mapOffset(at);
    const sub = new Converter(wrapped, this.toks, (o) => base + o - 1, this.original, fstring);
    const err = firstErrorNode(top, wrapped);
    const stmts = kidsOf(top);
    if (err || stmts.length !== 1 || stmts[0]!.name !== 'ExpressionStatement') {
      // `f'{a b}'` & co: reuse the diagnosis on the wrapped text, with the f-string prefix
      const subToks = tokenize(wrapped);
      if (subToks.error && subToks.error.kind === 'raised') this.fail('f-string: ' + subToks.error.msg, at, at);
      const info = err
        ? diagnose(wrapped, subToks, err.from)
        : { cls: 'SyntaxError' as const, msg: 'invalid syntax', line: 1, offset: 1, endLine: 1, endOffset: 1 };
      // CPython 3.11 reports these with columns relative to "(expression)"
      const [line] = this.lineCol(at);
      throw new ConvertError({ ...info, msg: 'f-string: ' + info.msg, line: line + info.line - 1, endLine: line + info.endLine - 1 }, base);
    }
    const inner = kidsOf(stmts[0]!);
    if (inner.length !== 1) this.fail('f-string: invalid syntax', at, at);
    const node = inner[0]!;
    if (node.name === 'ParenthesizedExpression') {
      const k = sub.kids(node);
      if (k[1]?.name === '*') {
        // CPython 3.11 reports it with columns relative to "(expression)"
        const [line] = this.lineCol(at);
        throw new ConvertError(
          { cls: 'SyntaxError', msg: 'f-string: cannot use starred expression here', line, offset: k[1].from + 1, endLine: line, endOffset: k[2]!.to + 1 },
          base,
        );
      }
      if (k[1]?.name === 'YieldExpression') return sub.yieldExpr(k[1]);
      return sub.expr(k[1]!);
    }
    return sub.expr(node);
  }

  private binary(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const left = k[0]!;
    const opNode = k[1]!;
    const sp = this.nspan(n);
    if (opNode.name === 'and' || opNode.name === 'or') return this.boolExpr(n);
    let op: A.CmpOperator | A.Operator;
    let rightNode: SyntaxNode;
    if (COMPARE_KEYWORDS.has(opNode.name)) {
      if (opNode.name === 'not') {
        op = 'not in';
        rightNode = k[3]!;
      } else if (opNode.name === 'is') {
        if (k[2]!.name === 'not') {
          op = 'is not';
          rightNode = k[3]!;
        } else {
          op = 'is';
          rightNode = k[2]!;
        }
      } else {
        op = 'in';
        rightNode = k[2]!;
      }
    } else {
      const t = this.text(opNode);
      rightNode = k[2]!;
      if (opNode.name === 'CompareOp') {
        if (t === '<>') this.fail('invalid syntax', opNode.from, opNode.to);
        op = t as A.CmpOperator;
      } else op = t as A.Operator;
    }
    if (opNode.name === 'CompareOp' || COMPARE_KEYWORDS.has(opNode.name)) {
      const l = this.expr(left);
      const r = this.expr(rightNode);
      if (l.type === 'Compare' && left.name === 'BinaryExpression') {
        return { type: 'Compare', left: l.left, ops: [...l.ops, op as A.CmpOperator], comparators: [...l.comparators, r], ...sp };
      }
      return { type: 'Compare', left: l, ops: [op as A.CmpOperator], comparators: [r], ...sp };
    }
    return { type: 'BinOp', left: this.expr(left), op: op as A.Operator, right: this.expr(rightNode), ...sp };
  }

  /**
   * `not`/`and`/`or` chains. lezer lets `not` take everything to its right (`not a or b` comes out
   * as `not (a or b)`), so the chain is flattened and re-associated with Python's precedence
   * (or < and < not).
   */
  private boolExpr(n: SyntaxNode): A.Expr {
    const flat: (SyntaxNode | 'and' | 'or' | { not: SyntaxNode })[] = [];
    const flatten = (x: SyntaxNode): void => {
      if (x.name === 'BinaryExpression') {
        const k = this.kids(x);
        if (k[1]!.name === 'and' || k[1]!.name === 'or') {
          flatten(k[0]!);
          flat.push(k[1]!.name);
          flatten(k[2]!);
          return;
        }
      } else if (x.name === 'UnaryExpression') {
        const k = this.kids(x);
        if (k[0]!.name === 'not') {
          flat.push({ not: k[0]! });
          flatten(k[1]!);
          return;
        }
      }
      flat.push(x);
    };
    flatten(n);
    let i = 0;
    const parseNot = (): A.Expr => {
      const t = flat[i++]!;
      if (typeof t === 'object' && 'not' in t) {
        const operand = parseNot();
        const [line, col] = this.lineCol(t.not.from);
        return { type: 'UnaryOp', op: 'not', operand, line, col, endLine: operand.endLine, endCol: operand.endCol };
      }
      return this.expr(t as SyntaxNode);
    };
    const parseLevel = (op: 'and' | 'or'): A.Expr => {
      const first = op === 'or' ? parseLevel('and') : parseNot();
      const values = [first];
      while (flat[i] === op) {
        i++;
        values.push(op === 'or' ? parseLevel('and') : parseNot());
      }
      if (values.length === 1) return first;
      const last = values[values.length - 1]!;
      return { type: 'BoolOp', op, values, line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
    };
    return parseLevel('or');
  }

  private unary(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    if (k[0]!.name === 'not') return this.boolExpr(n);
    const opText = this.text(k[0]!);
    const operand = this.expr(k[1]!);
    return { type: 'UnaryOp', op: opText as A.UnaryOperator, operand, ...this.nspan(n) };
  }

  private paren(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const inner = k[1]!;
    if (inner.name === '*') {
      const e = this.expr(k[2]!);
      this.fail("can't use starred expression here", inner.from, k[2]!.to);
      return e;
    }
    if (inner.name === 'YieldExpression') return this.yieldExpr(inner);
    const e = this.expr(inner);
    // keep the parenthesised extent out of the node (CPython does the same) but remember parens
    // for the `simple` flag of annotated assignments: handled by the caller
    return e;
  }

  private tuple(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const elts = this.displayItems(new Seq(k.slice(1, -1)));
    return { type: 'Tuple', elts, ctx: 'Load', ...this.nspan(n) };
  }

  /** Items of a list/tuple/set display: commaSep of (testNamed | "*" expression). */
  private displayItems(seq: Seq): A.Expr[] {
    const out: A.Expr[] = [];
    while (!seq.done) {
      const c = seq.next();
      if (c.name === ',') continue;
      if (c.name === '*') {
        const inner = seq.next();
        out.push({ type: 'Starred', value: this.expr(inner), ctx: 'Load', ...this.nspan(c, inner) });
        continue;
      }
      out.push(this.expr(c));
    }
    return out;
  }

  private dict(n: SyntaxNode): A.Expr {
    const seq = new Seq(this.kids(n).slice(1, -1));
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    while (!seq.done) {
      const c = seq.next();
      if (c.name === ',') continue;
      if (c.name === '**') {
        keys.push(null);
        values.push(this.expr(seq.next()));
        continue;
      }
      keys.push(this.expr(c));
      if (seq.peekName() !== ':') this.invalid(seq.peek() ?? c);
      seq.next();
      values.push(this.expr(seq.next()));
    }
    return { type: 'Dict', keys, values, ...this.nspan(n) };
  }

  private comprehension(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const seq = new Seq(k.slice(1, -1));
    const sp = this.nspan(n);
    const first = seq.next();
    if (first.name === '*' || first.name === '**') {
      const inner = seq.next();
      if (first.name === '**') this.fail('dict unpacking cannot be used in dict comprehension', first.from, inner.to);
      this.fail('iterable unpacking cannot be used in comprehension', first.from, inner.to);
    }
    if (n.name === 'DictionaryComprehensionExpression') {
      const key = this.expr(first);
      seq.next(); // ':'
      const value = this.expr(seq.next());
      const generators = this.compFor(seq);
      return { type: 'DictComp', key, value, generators, ...sp };
    }
    const elt = this.expr(first);
    const generators = this.compFor(seq);
    if (n.name === 'ArrayComprehensionExpression') return { type: 'ListComp', elt, generators, ...sp };
    if (n.name === 'SetComprehensionExpression') return { type: 'SetComp', elt, generators, ...sp };
    return { type: 'GeneratorExp', elt, generators, ...sp };
  }

  private compFor(seq: Seq, stop?: (n: SyntaxNode) => boolean): A.Comprehension[] {
    const gens: A.Comprehension[] = [];
    while (!seq.done && !(stop && stop(seq.peek()!))) {
      const kw = seq.next();
      if (kw.name === 'async' || kw.name === 'for') {
        let isAsync = false;
        if (kw.name === 'async') {
          isAsync = true;
          seq.next();
        }
        const targetStart = seq.peek()!;
        const target = this.exprList(seq, true, (c) => c.name === 'in');
        if (target.type === 'Tuple' && targetStart.name !== 'TupleExpression' && seq.items[seq.i - 1]?.name === ',' && false) {
          // unreachable: trailing comma is fine
        }
        this.setStore(target, 'for');
        seq.next(); // in
        const iterNode = seq.next();
        const iter = this.expr(iterNode);
        gens.push({ target, iter, ifs: [], isAsync, ...this.span(kw.from, iterNode.to) });
      } else if (kw.name === 'if') {
        const cond = this.expr(seq.next());
        gens[gens.length - 1]!.ifs.push(cond);
      } else this.invalid(kw);
    }
    return gens;
  }

  private member(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const value = this.expr(k[0]!);
    const sp = this.nspan(n);
    if (k[1]!.name === '.') {
      return { type: 'Attribute', value, attr: this.text(k[2]!), ctx: 'Load', ...sp };
    }
    // subscript: '[' items ']'
    const inner = k.slice(2, -1);
    const seq = new Seq(inner);
    const items: A.Expr[] = [];
    let comma = false;
    while (!seq.done) {
      items.push(this.sliceItem(seq));
      if (seq.peekName() === ',') {
        seq.next();
        comma = true;
      } else break;
    }
    let slice: A.Expr;
    if (items.length === 1 && !comma) slice = items[0]!;
    else slice = { type: 'Tuple', elts: items, ctx: 'Load', ...this.span(inner[0]!.from, inner[inner.length - 1]!.to) };
    return { type: 'Subscript', value, slice, ctx: 'Load', ...sp };
  }

  private sliceItem(seq: Seq): A.Expr {
    const parts: (A.Expr | null)[] = [null];
    let colons = 0;
    const start = seq.peek()!;
    let end = start;
    while (!seq.done && seq.peekName() !== ',') {
      const c = seq.next();
      end = c;
      if (c.name === ':') {
        colons++;
        parts.push(null);
        if (colons > 2) this.invalid(c);
        continue;
      }
      if (c.name === '*') {
        const inner = seq.next();
        end = inner;
        parts[parts.length - 1] = { type: 'Starred', value: this.expr(inner), ctx: 'Load', ...this.nspan(c, inner) };
        continue;
      }
      if (parts[parts.length - 1] !== null) this.invalid(c);
      parts[parts.length - 1] = this.expr(c);
    }
    if (colons === 0) return parts[0]!;
    return { type: 'Slice', lower: parts[0] ?? null, upper: parts[1] ?? null, step: parts[2] ?? null, ...this.span(start.from, end.to) };
  }

  private lambda(n: SyntaxNode): A.Expr {
    const k = this.kids(n);
    const params = k.find((c) => c.name === 'ParamList');
    const args: A.Arguments = params
      ? this.params(params, true)
      : { posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kwDefaults: [], kwarg: null, defaults: [] };
    const body = this.expr(k[k.length - 1]!);
    return { type: 'Lambda', args, body, ...this.nspan(n) };
  }

  /** Arguments of a call or class definition. */
  argList(n: SyntaxNode): { args: A.Expr[]; keywords: A.Keyword[] } {
    const k = this.kids(n);
    const close = k[k.length - 1]!;
    // CPython reports argument-order errors at the last token it read: the closing parenthesis
    const orderError = (msg: string): never => this.fail(msg, close.from, close.to);
    const seq = new Seq(k.slice(1, -1));
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    let sawKeyword = false;
    let sawKwUnpack = false;
    let genexp: A.Expr | null = null;
    let count = 0;
    while (!seq.done) {
      const c = seq.next();
      if (c.name === ',') continue;
      count++;
      if (c.name === '**') {
        const v = seq.next();
        keywords.push({ arg: null, value: this.expr(v), ...this.nspan(c, v) });
        sawKwUnpack = true;
        continue;
      }
      if (c.name === '*') {
        const v = seq.next();
        if (sawKwUnpack) {
          // CPython marks the arguments before the `*`: from the first one to the end of the last
          let j = seq.i - 3; // before `*` and its operand
          while (j > 0 && seq.items[j]!.name === ',') j--;
          this.fail('iterable argument unpacking follows keyword argument unpacking', seq.items[0]!.from, seq.items[j]!.to);
        }
        args.push({ type: 'Starred', value: this.expr(v), ctx: 'Load', ...this.nspan(c, v) });
        continue;
      }
      if (c.name === 'VariableName' && seq.peekName() === 'AssignOp') {
        const op = seq.next();
        const valueNode = seq.next();
        if (this.text(op) === ':=') {
          const value = this.expr(valueNode);
          const target: A.Name = { type: 'Name', id: this.text(c), ctx: 'Store', ...this.nspan(c) };
          const e: A.Expr = { type: 'NamedExpr', target, value, ...this.nspan(c, valueNode) };
          if (sawKwUnpack) orderError('positional argument follows keyword argument unpacking');
          if (sawKeyword) orderError('positional argument follows keyword argument');
          args.push(e);
          continue;
        }
        if (seq.peekName() === 'for' || seq.peekName() === 'async') this.invalid(seq.peek()!);
        keywords.push({ arg: this.text(c), value: this.expr(valueNode), ...this.nspan(c, valueNode) });
        sawKeyword = true;
        continue;
      }
      let e = this.expr(c);
      if (seq.peekName() === 'for' || seq.peekName() === 'async') {
        const generators = this.compFor(seq, (x) => x.name === ',');
        const last = seq.items[seq.i - 1]!;
        e = { type: 'GeneratorExp', elt: e, generators, ...this.span(c.from, last.to) };
        genexp = e;
      }
      if (sawKwUnpack) orderError('positional argument follows keyword argument unpacking');
      if (sawKeyword) orderError('positional argument follows keyword argument');
      args.push(e);
    }
    if (genexp && count > 1) this.failAt('Generator expression must be parenthesized', genexp);
    if (genexp && k.length > 0 && seq.items[seq.items.length - 1]?.name === ',') this.failAt('Generator expression must be parenthesized', genexp);
    return { args, keywords };
  }

  // -- targets --------------------------------------------------------------------------------

  /** Marks an expression as an assignment/deletion target, raising CPython's errors for invalid ones. */
  private setStore(e: A.Expr, mode: 'assign' | 'for' | 'del'): void {
    const ctx: A.ExprContext = mode === 'del' ? 'Del' : 'Store';
    switch (e.type) {
      case 'Name':
        if (e.id === '__debug__') this.failAt('cannot assign to __debug__', e);
        e.ctx = ctx;
        return;
      case 'Attribute':
      case 'Subscript':
        e.ctx = ctx;
        return;
      case 'Starred':
        if (mode === 'del') this.failAt(`cannot delete starred`, e);
        e.ctx = ctx;
        this.setStore(e.value, mode);
        return;
      case 'Tuple':
      case 'List':
        e.ctx = ctx;
        for (const x of e.elts) this.setStore(x, mode);
        return;
      default:
        this.failAt(mode === 'del' ? `cannot delete ${exprName(e)}` : `cannot assign to ${exprName(e)}`, e);
    }
  }
}

/** Removes `# …` comments from a stretch of source without strings (parameter separators). */
function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    out += text[i];
  }
  return out;
}

function isValidTarget(e: A.Expr): boolean {
  return e.type === 'Name' || e.type === 'Attribute' || e.type === 'Subscript' || e.type === 'Starred' || e.type === 'Tuple' || e.type === 'List';
}

function isNamedConstant(e: A.Expr): boolean {
  return e.type === 'Constant' && (e.value.kind === 'None' || e.value.kind === 'bool');
}

/** CPython's `_PyPegen_get_expr_name`. */
export function exprName(e: A.Expr): string {
  switch (e.type) {
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Starred':
      return 'starred';
    case 'Name':
      return 'name';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Lambda':
      return 'lambda';
    case 'Call':
      return 'function call';
    case 'BoolOp':
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Await':
      return 'await expression';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'f-string expression';
    case 'Constant':
      switch (e.value.kind) {
        case 'None':
          return 'None';
        case 'bool':
          return e.value.value ? 'True' : 'False';
        case 'Ellipsis':
          return 'ellipsis';
        default:
          return 'literal';
      }
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    case 'Slice':
      return 'slice';
  }
}
