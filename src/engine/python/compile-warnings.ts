/**
 * The SyntaxWarnings CPython 3.11's compiler issues for code that is valid but certainly wrong:
 * `x is 'a'` ("is" with a literal), calling a literal (`'x'()`, `(1, 2)(3)`: a missed comma),
 * subscripting a literal that is not subscriptable (`(5)[0]`) and indexing a literal sequence
 * with a non-integer literal (`[1, 2]['a']`).
 *
 * They are found once per parsed module (the parse is cached) and shown every time the code is
 * compiled, i.e. executed (exec, import), before it runs: `<file>:<line>: SyntaxWarning: <msg>`,
 * followed by the stripped source line when the file is a real one (`<string>` has none). CPython
 * passes no warning registry here, so repeated warnings are all shown.
 */
import type * as A from './ast.ts';

export interface CompileWarning {
  line: number;
  message: string;
}

const found = new WeakMap<A.Module, CompileWarning[]>();

/** The SyntaxWarnings of a module, in source order. */
export function compileWarnings(mod: A.Module): CompileWarning[] {
  let list = found.get(mod);
  if (!list) {
    const hits: { line: number; col: number; message: string }[] = [];
    visit(mod.body, hits);
    hits.sort((a, b) => a.line - b.line || a.col - b.col);
    list = hits.map(({ line, message }) => ({ line, message }));
    found.set(mod, list);
  }
  return list;
}

/** The text Python's warnings module prints for the module's compile warnings ('' when none). */
export function formatCompileWarnings(mod: A.Module): string {
  const list = compileWarnings(mod);
  if (list.length === 0) return '';
  const lines = mod.filename.startsWith('<') ? null : mod.source.split(/\r?\n/);
  let out = '';
  for (const w of list) {
    out += `${mod.filename}:${w.line}: SyntaxWarning: ${w.message}\n`;
    const src = lines?.[w.line - 1]?.trim();
    if (src) out += `  ${src}\n`;
  }
  return out;
}

function visit(node: unknown, hits: { line: number; col: number; message: string }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, hits);
    return;
  }
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
  const n = node as { type?: string } & A.Span;
  const warn = (message: string): void => {
    hits.push({ line: n.line, col: n.col, message });
  };
  switch (n.type) {
    case 'Compare':
      checkCompare(n as A.Compare, warn);
      break;
    case 'Call': {
      const t = literalType((n as A.Call).func, true);
      if (t !== null) warn(`'${t}' object is not callable; perhaps you missed a comma?`);
      break;
    }
    case 'Subscript': {
      const s = n as A.Subscript;
      if (s.ctx === 'Load') checkSubscript(s, warn);
      break;
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'scope' || key === 'source' || value === null || typeof value !== 'object') continue;
    visit(value, hits);
  }
}

function checkCompare(c: A.Compare, warn: (m: string) => void): void {
  let left = isArg(c.left);
  for (let i = 0; i < c.ops.length; i++) {
    const op = c.ops[i]!;
    const right = isArg(c.comparators[i]!);
    if ((op === 'is' || op === 'is not') && (!left || !right)) {
      warn(op === 'is' ? '"is" with a literal. Did you mean "=="?' : '"is not" with a literal. Did you mean "!="?');
      return;
    }
    left = right;
  }
}

/** Fine as an operand of `is`: anything but a literal other than None, True, False and `...`. */
function isArg(e: A.Expr): boolean {
  const t = constantType(e);
  return t === null || t === 'NoneType' || t === 'bool' || t === 'ellipsis';
}

function checkSubscript(s: A.Subscript, warn: (m: string) => void): void {
  const ct = constantType(s.value);
  if (ct === 'NoneType' || ct === 'ellipsis' || ct === 'int' || ct === 'float' || ct === 'complex' || ct === 'bool') {
    warn(`'${ct}' object is not subscriptable; perhaps you missed a comma?`);
    return;
  }
  if (ct === null) {
    const t = { Set: 'set', SetComp: 'set', GeneratorExp: 'generator', Lambda: 'function' }[s.value.type as string];
    if (t) {
      warn(`'${t}' object is not subscriptable; perhaps you missed a comma?`);
      return;
    }
  }
  const index = literalType(s.slice, false) ?? (s.slice.type === 'Slice' ? 'slice' : null);
  if (index === null || index === 'int' || index === 'bool' || index === 'slice') return;
  const seq = ct === 'str' || ct === 'bytes' || ct === 'tuple' ? ct : ct === null ? { Tuple: 'tuple', List: 'list', ListComp: 'list', JoinedStr: 'str', FormattedValue: 'str' }[s.value.type as string] : undefined;
  if (seq) warn(`${seq} indices must be integers or slices, not ${index}; perhaps you missed a comma?`);
}

/**
 * The type of a literal display or constant (after CPython's constant folding of `-1` and of
 * tuples of constants); null for anything else. `callable` lists the kinds CPython checks when
 * the expression is called.
 */
function literalType(e: A.Expr, callable: boolean): string | null {
  const ct = constantType(e);
  if (ct !== null) return ct;
  const t: Record<string, string> = {
    Tuple: 'tuple',
    List: 'list',
    ListComp: 'list',
    Dict: 'dict',
    DictComp: 'dict',
    Set: 'set',
    SetComp: 'set',
    GeneratorExp: 'generator',
    JoinedStr: 'str',
    FormattedValue: 'str',
  };
  if (!callable) t['Lambda'] = 'function';
  return t[e.type] ?? null;
}

const CONSTANT_TYPES: Record<A.ConstantValue['kind'], string> = {
  str: 'str',
  bytes: 'bytes',
  int: 'int',
  float: 'float',
  complex: 'complex',
  bool: 'bool',
  None: 'NoneType',
  Ellipsis: 'ellipsis',
};

/** The type of an expression CPython's AST optimizer turns into a constant, or null. */
function constantType(e: A.Expr): string | null {
  switch (e.type) {
    case 'Constant':
      return CONSTANT_TYPES[e.value.kind];
    case 'UnaryOp': {
      if (e.op === 'not') return null;
      const t = constantType(e.operand);
      if (t === 'bool' || t === 'int') return 'int';
      if ((t === 'float' || t === 'complex') && e.op !== '~') return t;
      return null;
    }
    case 'Tuple':
      return e.ctx === 'Load' && e.elts.every((x) => constantType(x) !== null) ? 'tuple' : null;
    default:
      return null;
  }
}
