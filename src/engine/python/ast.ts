/**
 * A typed abstract syntax tree for Python 3.11, shaped like CPython's `ast` module.
 *
 * Every node carries its source span: `line`/`endLine` are 1-based, `col`/`endCol` are 0-based
 * character offsets into the line (CPython counts UTF-8 bytes; we count UTF-16 code units, the
 * same for ASCII source).
 *
 * The interpreter annotates some nodes after parsing (scope information on function/class/
 * comprehension nodes, name resolution on `Name` nodes); those fields are optional and start
 * out undefined.
 */

export interface Span {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

export interface Module {
  type: 'Module';
  body: Stmt[];
  /** The source the module was parsed from (for traceback source lines). */
  source: string;
  filename: string;
  /** Annotated by the interpreter's scope analysis. */
  scope?: unknown;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type ExprContext = 'Load' | 'Store' | 'Del';

export type Expr =
  | BoolOp
  | NamedExpr
  | BinOp
  | UnaryOp
  | Lambda
  | IfExp
  | Dict
  | SetDisplay
  | ListComp
  | SetComp
  | DictComp
  | GeneratorExp
  | Await
  | Yield
  | YieldFrom
  | Compare
  | Call
  | FormattedValue
  | JoinedStr
  | Constant
  | Attribute
  | Subscript
  | Starred
  | Name
  | ListDisplay
  | TupleDisplay
  | Slice;

export type BoolOperator = 'and' | 'or';
export type Operator = '+' | '-' | '*' | '@' | '/' | '%' | '**' | '<<' | '>>' | '|' | '^' | '&' | '//';
export type UnaryOperator = 'not' | '~' | '+' | '-';
export type CmpOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'is' | 'is not' | 'in' | 'not in';

export interface BoolOp extends Span {
  type: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}

export interface NamedExpr extends Span {
  type: 'NamedExpr';
  target: Name;
  value: Expr;
}

export interface BinOp extends Span {
  type: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}

export interface UnaryOp extends Span {
  type: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}

export interface Lambda extends Span {
  type: 'Lambda';
  args: Arguments;
  body: Expr;
  scope?: unknown;
}

export interface IfExp extends Span {
  type: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

export interface Dict extends Span {
  type: 'Dict';
  /** `null` key means `**value` unpacking. */
  keys: (Expr | null)[];
  values: Expr[];
}

export interface SetDisplay extends Span {
  type: 'Set';
  elts: Expr[];
}

export interface Comprehension extends Span {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  isAsync: boolean;
}

export interface ListComp extends Span {
  type: 'ListComp';
  elt: Expr;
  generators: Comprehension[];
  scope?: unknown;
}

export interface SetComp extends Span {
  type: 'SetComp';
  elt: Expr;
  generators: Comprehension[];
  scope?: unknown;
}

export interface DictComp extends Span {
  type: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
  scope?: unknown;
}

export interface GeneratorExp extends Span {
  type: 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
  scope?: unknown;
}

export interface Await extends Span {
  type: 'Await';
  value: Expr;
}

export interface Yield extends Span {
  type: 'Yield';
  value: Expr | null;
}

export interface YieldFrom extends Span {
  type: 'YieldFrom';
  value: Expr;
}

export interface Compare extends Span {
  type: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}

export interface Keyword extends Span {
  /** `null` for `**mapping`. */
  arg: string | null;
  value: Expr;
}

export interface Call extends Span {
  type: 'Call';
  func: Expr;
  /** Positional arguments; `Starred` for `*iterable`. */
  args: Expr[];
  keywords: Keyword[];
  /** No `*` argument (set by the parser). */
  simpleArgs?: boolean;
}

export type Conversion = -1 | 's' | 'r' | 'a';

export interface FormattedValue extends Span {
  type: 'FormattedValue';
  value: Expr;
  conversion: Conversion;
  formatSpec: JoinedStr | null;
}

export interface JoinedStr extends Span {
  type: 'JoinedStr';
  values: (Constant | FormattedValue)[];
}

/** The value of a literal. */
export type ConstantValue =
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; imag: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'None' }
  | { kind: 'Ellipsis' };

export interface Constant extends Span {
  type: 'Constant';
  value: ConstantValue;
}

export interface Attribute extends Span {
  type: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}

export interface Subscript extends Span {
  type: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}

export interface Starred extends Span {
  type: 'Starred';
  value: Expr;
  ctx: ExprContext;
}

export interface Name extends Span {
  type: 'Name';
  id: string;
  ctx: ExprContext;
  /** Resolution filled in by scope analysis (see interpreter). */
  res?: number;
}

export interface ListDisplay extends Span {
  type: 'List';
  elts: Expr[];
  ctx: ExprContext;
}

export interface TupleDisplay extends Span {
  type: 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}

export interface Slice extends Span {
  type: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

// ---------------------------------------------------------------------------------------------
// Function signatures
// ---------------------------------------------------------------------------------------------

export interface Arg extends Span {
  arg: string;
  annotation: Expr | null;
}

export interface Arguments {
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One entry per kwonlyarg; `null` when it has no default. */
  kwDefaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last `defaults.length` positional parameters (posonly + args). */
  defaults: Expr[];
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

export type Stmt =
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Assign
  | AugAssign
  | AnnAssign
  | For
  | While
  | If
  | With
  | Match
  | Raise
  | Try
  | Assert
  | Import
  | ImportFrom
  | Global
  | Nonlocal
  | ExprStmt
  | Pass
  | Break
  | Continue;

export interface FunctionDef extends Span {
  type: 'FunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorators: Expr[];
  returns: Expr | null;
  isAsync: boolean;
  scope?: unknown;
}

export interface ClassDef extends Span {
  type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
  scope?: unknown;
}

export interface Return extends Span {
  type: 'Return';
  value: Expr | null;
}

export interface Delete extends Span {
  type: 'Delete';
  targets: Expr[];
}

export interface Assign extends Span {
  type: 'Assign';
  /** `a = b = value` has two targets. */
  targets: Expr[];
  value: Expr;
}

export interface AugAssign extends Span {
  type: 'AugAssign';
  target: Name | Attribute | Subscript;
  op: Operator;
  value: Expr;
}

export interface AnnAssign extends Span {
  type: 'AnnAssign';
  target: Name | Attribute | Subscript;
  annotation: Expr;
  value: Expr | null;
  /** True for a bare name target not in parentheses. */
  simple: boolean;
}

export interface For extends Span {
  type: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  isAsync: boolean;
}

export interface While extends Span {
  type: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface If extends Span {
  type: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface WithItem {
  contextExpr: Expr;
  optionalVars: Expr | null;
}

export interface With extends Span {
  type: 'With';
  items: WithItem[];
  body: Stmt[];
  isAsync: boolean;
}

/** `match` is parsed only far enough to report it as unsupported. */
export interface Match extends Span {
  type: 'Match';
}

export interface Raise extends Span {
  type: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}

export interface ExceptHandler extends Span {
  type: 'ExceptHandler';
  excType: Expr | null;
  name: string | null;
  body: Stmt[];
}

export interface Try extends Span {
  type: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
  /** `except*` */
  star: boolean;
}

export interface Assert extends Span {
  type: 'Assert';
  test: Expr;
  msg: Expr | null;
}

export interface Alias extends Span {
  name: string;
  asname: string | null;
}

export interface Import extends Span {
  type: 'Import';
  names: Alias[];
}

export interface ImportFrom extends Span {
  type: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number;
}

export interface Global extends Span {
  type: 'Global';
  names: string[];
}

export interface Nonlocal extends Span {
  type: 'Nonlocal';
  names: string[];
}

export interface ExprStmt extends Span {
  type: 'Expr';
  value: Expr;
}

export interface Pass extends Span {
  type: 'Pass';
}

export interface Break extends Span {
  type: 'Break';
}

export interface Continue extends Span {
  type: 'Continue';
}

export type Node = Module | Stmt | Expr;

/** Copies the span of `from` (and optionally the end of `to`). */
export function spanOf(from: Span, to: Span = from): Span {
  return { line: from.line, col: from.col, endLine: to.endLine, endCol: to.endCol };
}
