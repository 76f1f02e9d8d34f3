/**
 * Formatting exceptions exactly like CPython 3.11's default excepthook: chained exceptions,
 * `File "…", line N, in name` entries with the source line and `^^^^`/`~~^~~` markers, repeated
 * frames collapsed, the SyntaxError block, and "Did you mean: …?" suggestions for NameError and
 * AttributeError.
 */
import {
  AttributeError,
  IndentationError,
  NameError,
  None,
  PyException,
  PyInstance,
  PyList,
  type PyValue,
  SyntaxErrorClass,
  type TracebackFrame,
  exceptionMessage,
  str,
} from './objects.ts';
import { dirOf } from './types/core.ts';
import { lezerParser } from './parser.ts';

const RECURSIVE_CUTOFF = 3;
const TRACEBACK_LIMIT = 1000;

/** Candidate names for NameError suggestions: the failing frame's locals, globals, builtins. */
const nameCandidates = new WeakMap<PyException, () => string[][]>();

export function registerNameCandidates(e: PyException, candidates: () => string[][]): void {
  nameCandidates.set(e, candidates);
}

/** The full CPython-style traceback text of an exception (with its chained causes/contexts). */
export function formatException(e: PyException): string {
  const out: string[] = [];
  formatChain(e, out, new Set());
  return out.join('');
}

function formatChain(e: PyException, out: string[], seen: Set<PyException>): void {
  seen.add(e);
  if (e.cause && !seen.has(e.cause)) {
    formatChain(e.cause, out, seen);
    out.push('\nThe above exception was the direct cause of the following exception:\n\n');
  } else if (e.context && !e.suppressContext && !seen.has(e.context)) {
    formatChain(e.context, out, seen);
    out.push('\nDuring handling of the above exception, another exception occurred:\n\n');
  }
  if (e.traceback.length) {
    out.push('Traceback (most recent call last):\n');
    formatFrames(e.traceback, out);
  }
  formatExceptionOnly(e, out);
}

/** The frames part: `  File "…", line N, in f` + source + markers, repeats collapsed. */
export function formatFrames(frames: readonly TracebackFrame[], out: string[]): void {
  const list = frames.length > TRACEBACK_LIMIT ? frames.slice(frames.length - TRACEBACK_LIMIT) : frames;
  let last: TracebackFrame | null = null;
  let count = 0;
  const repeated = (n: number) => {
    const more = n - RECURSIVE_CUTOFF;
    out.push(`  [Previous line repeated ${more} more time${more > 1 ? 's' : ''}]\n`);
  };
  for (const f of list) {
    if (!last || f.file !== last.file || f.line !== last.line || f.name !== last.name) {
      if (count > RECURSIVE_CUTOFF) repeated(count);
      last = f;
      count = 0;
    }
    count++;
    if (count <= RECURSIVE_CUTOFF) formatFrame(f, out);
  }
  if (count > RECURSIVE_CUTOFF) repeated(count);
}

function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function formatFrame(f: TracebackFrame, out: string[]): void {
  out.push(`  File "${f.file}", line ${f.line}, in ${f.name}\n`);
  const full = f.lineText;
  if (full === undefined) {
    if (f.source) out.push(`    ${f.source}\n`);
    return;
  }
  let indent = 0;
  while (indent < full.length && isWs(full[indent]!)) indent++;
  const stripped = full.slice(indent);
  if (stripped === '' && full.length === 0) return;
  out.push(`    ${stripped}\n`);
  if (f.col === undefined || f.endCol === undefined || f.endLine === undefined) return;
  let start = Math.min(f.col, full.length + 1);
  let end: number;
  let anchors: Anchors | null = null;
  if (f.endLine === f.line) {
    end = Math.min(f.endCol, full.length + 1);
    anchors = extractAnchors(full.slice(start, end));
  } else {
    let i = full.length;
    while (i > 0 && (isWs(full[i - 1]!) || full[i - 1] === '\n' || full[i - 1] === '\r')) i--;
    end = i;
  }
  if (start < indent) start = indent;
  if (end - start === stripped.length && !anchors) return;
  if (end <= start) return;
  let line = '    ';
  for (let o = indent; o < end; o++) {
    if (o < start) line += ' ';
    else if (anchors && anchors.left + start <= o && o < anchors.right + start) line += anchors.secondary;
    else line += anchors ? anchors.primary : '^';
  }
  out.push(line + '\n');
}

interface Anchors {
  left: number;
  right: number;
  primary: string;
  secondary: string;
}

/** CPython parses the highlighted segment: a binary operator gets `~~^~~`, a subscript `~~^^^`. */
function extractAnchors(segment: string): Anchors | null {
  if (!segment.trim() || segment.includes('\n')) return null;
  let tree;
  try {
    tree = lezerParser.parse(segment);
  } catch {
    return null;
  }
  const top = tree.topNode;
  const stmt = top.firstChild;
  if (!stmt || stmt.nextSibling || stmt.name !== 'ExpressionStatement') return null;
  const expr = stmt.firstChild;
  if (!expr || expr.nextSibling || expr.from !== 0) return null;
  let bad = false;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) bad = true;
    },
  });
  if (bad) return null;
  if (expr.name === 'BinaryExpression') {
    const left = expr.firstChild!;
    const op = left.nextSibling!;
    const right = op.nextSibling;
    if (!right) return null;
    if (!(op.name === 'ArithOp' || op.name === 'BitOp')) return null;
    for (let i = left.to; i < right.from; i++) {
      if (isWs(segment[i]!)) continue;
      let r = i + 1;
      if (i + 1 < right.from && !isWs(segment[i + 1]!)) r++;
      if (i + 1 < right.from && segment[i] === ')') continue;
      return { left: i, right: r, primary: '~', secondary: '^' };
    }
    return null;
  }
  if (expr.name === 'MemberExpression') {
    const value = expr.firstChild!;
    const bracket = value.nextSibling;
    if (!bracket || bracket.name !== '[') return null;
    let left = value.to;
    while (left < segment.length && segment[left] !== '[') left++;
    let right = expr.to - 1;
    // the closing bracket
    while (right < segment.length && segment[right] !== ']') right++;
    if (right < segment.length) right++;
    return { left, right, primary: '~', secondary: '^' };
  }
  return null;
}

/** The last line(s): `module.Class: message`, or the SyntaxError block. */
export function formatExceptionOnly(e: PyException, out: string[]): void {
  const inst = e.value;
  if (inst.cls.isSubclassOf(SyntaxErrorClass) && inst.dict.has('lineno')) {
    formatSyntaxError(inst, out);
    return;
  }
  let msg: string;
  try {
    msg = exceptionMessage(inst);
  } catch {
    msg = '<exception str() failed>';
  }
  const suggestion = suggestFor(e);
  if (suggestion) msg += `. Did you mean: '${suggestion}'?`;
  out.push(msg === '' ? `${inst.cls.fullName}\n` : `${inst.cls.fullName}: ${msg}\n`);
  const notes = inst.dict.get('__notes__');
  if (notes instanceof PyList) for (const n of notes.items) out.push(`${str(n)}\n`);
}

function formatSyntaxError(inst: PyInstance, out: string[]): void {
  const d = inst.dict;
  const num = (v: PyValue | undefined) => (typeof v === 'bigint' ? Number(v) : v === undefined || v === None ? -1 : Number(v));
  const filename = d.get('filename');
  const lineno = num(d.get('lineno'));
  let offset = num(d.get('offset'));
  let endOffset = num(d.get('end_offset'));
  const endLineno = num(d.get('end_lineno'));
  const text = d.get('text');
  out.push(`  File "${typeof filename === 'string' ? filename : '<string>'}", line ${lineno}\n`);
  if (typeof text === 'string') {
    const lineSize = text.length;
    if (endLineno > lineno) endOffset = lineSize;
    if (endOffset > lineSize + 1) endOffset = lineSize + 1;
    // the interpreter's own display (not the traceback module) marks an IndentationError with one caret
    const reps = endOffset > 0 && endOffset > offset && !inst.cls.isSubclassOf(IndentationError) ? endOffset - offset : 1;
    offset--;
    let t = text;
    while (t.length && (t[0] === ' ' || t[0] === '\t' || t[0] === '\f')) {
      t = t.slice(1);
      offset--;
    }
    let len = t.length;
    if (len > 0 && t[len - 1] === '\n') len--;
    if (offset > len) offset = len;
    for (;;) {
      const nl = t.indexOf('\n');
      if (nl < 0 || nl >= offset) break;
      t = t.slice(nl + 1);
      len -= nl + 1;
      offset -= nl + 1;
    }
    out.push('    ' + t + (t[len] === '\n' ? '' : '\n'));
    if (offset >= 0) out.push('    ' + ' '.repeat(offset) + '^'.repeat(reps) + '\n');
  }
  const msg = d.get('msg');
  out.push(`${inst.cls.fullName}: ${msg === undefined || msg === None ? '<no detail available>' : str(msg)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Suggestions ("Did you mean")
// ---------------------------------------------------------------------------------------------

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;
const MAX_CANDIDATE_ITEMS = 750;

function substitutionCost(a: string, b: string): number {
  const ca = a.charCodeAt(0);
  const cb = b.charCodeAt(0);
  if ((ca & 31) !== (cb & 31)) return MOVE_COST;
  if (a === b) return 0;
  if (a.toLowerCase() === b.toLowerCase()) return CASE_COST;
  return MOVE_COST;
}

export function levenshtein(a: string, b: string, maxCost: number): number {
  if (a === b) return 0;
  let as = 0;
  let bs = 0;
  let ae = a.length;
  let be = b.length;
  while (as < ae && bs < be && a[as] === b[bs]) {
    as++;
    bs++;
  }
  while (as < ae && bs < be && a[ae - 1] === b[be - 1]) {
    ae--;
    be--;
  }
  let x = a.slice(as, ae);
  let y = b.slice(bs, be);
  if (x.length === 0 || y.length === 0) return (x.length + y.length) * MOVE_COST;
  if (x.length > MAX_STRING_SIZE || y.length > MAX_STRING_SIZE) return maxCost + 1;
  if (y.length < x.length) [x, y] = [y, x];
  if ((y.length - x.length) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  let tmp = MOVE_COST;
  for (let i = 0; i < x.length; i++) {
    buffer[i] = tmp;
    tmp += MOVE_COST;
  }
  let result = 0;
  for (let bi = 0; bi < y.length; bi++) {
    const code = y[bi]!;
    let distance = (result = bi * MOVE_COST);
    let minimum = Infinity;
    for (let i = 0; i < x.length; i++) {
      const substitute = distance + substitutionCost(code, x[i]!);
      distance = buffer[i]!;
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

export function calculateSuggestion(candidates: readonly string[], name: string): string | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const item of candidates) {
    if (item === name) continue;
    let maxDistance = Math.floor(((name.length + item.length + 3) * MOVE_COST) / 6);
    maxDistance = Math.min(maxDistance, bestDistance - 1);
    const d = levenshtein(name, item, maxDistance);
    if (d > maxDistance) continue;
    if (best === null || d < bestDistance) {
      best = item;
      bestDistance = d;
    }
  }
  return best;
}

function suggestFor(e: PyException): string | null {
  const inst = e.value;
  const name = inst.dict.get('name');
  if (typeof name !== 'string') return null;
  try {
    if (inst.cls.isSubclassOf(AttributeError)) {
      const obj = inst.dict.get('obj');
      if (obj === undefined) return null;
      return calculateSuggestion(dirOf(obj), name);
    }
    if (inst.cls.isSubclassOf(NameError)) {
      const cands = nameCandidates.get(e);
      if (!cands) return null;
      for (const list of cands()) {
        const s = calculateSuggestion(list, name);
        if (s) return s;
      }
    }
  } catch {
    return null;
  }
  return null;
}
