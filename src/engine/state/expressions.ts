/**
 * Query expressions that appear in models and migrations: Q, F, Value and database functions
 * (Now, Lower …). They are data here — the schema editor compiles them to SQL (check
 * constraints, partial indexes, db_default), the writer serialises them via deconstruct().
 */
import {
  type Kwargs,
  NO_KWARGS,
  None,
  PyClass,
  PyDict,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  eq,
  hashKey,
  objectClass,
  pyError,
  repr,
  str,
  truthy,
} from '../python/objects.ts';
import { compareOrder } from '../python/operators.ts';

/** What `deconstruct()` returns for non-field objects: import path, args, kwargs. */
export interface Deconstruction {
  path: string;
  args: PyValue[];
  kwargs: Kwargs;
}

/** Objects the migration writer can serialise by deconstruction. */
export interface Deconstructible {
  deconstruct(): Deconstruction;
}

export function isDeconstructible(v: PyValue): v is PyObject & Deconstructible {
  return v instanceof PyObject && typeof (v as unknown as Deconstructible).deconstruct === 'function';
}

function deconstructionEq(a: Deconstruction, b: Deconstruction): boolean {
  if (a.path !== b.path || a.args.length !== b.args.length || a.kwargs.size !== b.kwargs.size) return false;
  for (let i = 0; i < a.args.length; i++) if (!eq(a.args[i]!, b.args[i]!)) return false;
  for (const [k, v] of a.kwargs) {
    if (!b.kwargs.has(k) || !eq(v, b.kwargs.get(k)!)) return false;
  }
  return true;
}

/**
 * Base for objects remembered by their constructor call (Django's @deconstructible):
 * Index, constraints, expressions.
 */
export abstract class DeconstructibleObject extends PyObject implements Deconstructible {
  constructor(
    readonly cls: PyClass,
    readonly ctorArgs: PyValue[],
    readonly ctorKwargs: Kwargs,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  /** Import path used when serialising (`django.db.models.Index`). */
  get path(): string {
    const p = this.cls.native['path'];
    return typeof p === 'string' && this.cls.native['pathOwner'] === this.cls ? p : `${this.cls.module}.${this.cls.qualname}`;
  }
  deconstruct(): Deconstruction {
    return { path: this.path, args: [...this.ctorArgs], kwargs: new Map(this.ctorKwargs) };
  }
  override nativeEq(other: PyValue): boolean {
    return other instanceof DeconstructibleObject && other.cls === this.cls && deconstructionEq(this.deconstruct(), other.deconstruct());
  }
  override nativeHashKey(): string {
    const d = this.deconstruct();
    return `d:${d.path}(${d.args.map(repr).join(',')};${[...d.kwargs].map(([k, v]) => `${k}=${repr(v)}`).join(',')})`;
  }
  override nativeRepr(): string {
    const d = this.deconstruct();
    const parts = [...d.args.map(repr), ...[...d.kwargs].map(([k, v]) => `${k}=${repr(v)}`)];
    return `${this.cls.name}(${parts.join(', ')})`;
  }
}

/** Makes a native Python class whose instances are built by `make`. `path` overrides the serialised import path. */
export function nativeClass(
  name: string,
  module: string,
  make: (cls: PyClass, args: PyValue[], kwargs: Kwargs) => PyValue,
  opts: { path?: string; bases?: PyClass[] } = {},
): PyClass {
  const cls = new PyClass(name, { module, bases: opts.bases ?? [objectClass], nativeNew: make });
  if (opts.path) {
    cls.native['path'] = opts.path;
    cls.native['pathOwner'] = cls;
  }
  return cls;
}

// ---------------------------------------------------------------------------------------------
// Q
// ---------------------------------------------------------------------------------------------

export const AND = 'AND';
export const OR = 'OR';
export const XOR = 'XOR';

/** Whether a value is a conditional expression besides Q (the ORM adds Exists). */
export const conditionalHooks = { isConditional: (v: PyValue): boolean => v instanceof Q };

/** A condition: children are `[lookup, value]` tuples (PyTuple) or nested Q objects. */
export class Q extends PyObject implements Deconstructible {
  children: PyValue[];
  connector: string;
  negated: boolean;
  constructor(children: PyValue[] = [], connector = AND, negated = false) {
    super();
    this.children = children;
    this.connector = connector;
    this.negated = negated;
  }
  get pyClass(): PyClass {
    return QClass;
  }
  copy(): Q {
    return new Q([...this.children], this.connector, this.negated);
  }
  /** tree.Node.add: adds `data` with `connType`, squashing nodes where Django does. */
  add(data: PyValue, connType: string): void {
    if (this.children.some((c) => c === data)) return;
    if (this.connector !== connType) {
      const inner = new Q(this.children, this.connector, this.negated);
      this.connector = connType;
      this.children = [inner, data];
      return;
    }
    if (data instanceof Q && !data.negated && (data.connector === connType || data.children.length === 1)) {
      this.children.push(...data.children);
      return;
    }
    this.children.push(data);
  }
  combine(other: PyValue, conn: string): Q {
    if (!(other instanceof Q)) {
      // a conditional expression (Exists(...)) combines with a Q like another condition
      if (!conditionalHooks.isConditional(other)) throw pyError(TypeError, repr(other));
      if (this.children.length === 0) return new Q([other], conn);
      const obj = new Q([], conn);
      obj.add(this, conn);
      obj.add(other, conn);
      return obj;
    }
    if (other.children.length === 0) return this.copy();
    if (this.children.length === 0) return other.copy();
    const obj = new Q([], conn);
    obj.add(this, conn);
    obj.add(other, conn);
    return obj;
  }
  deconstruct(): Deconstruction {
    const kwargs: Kwargs = new Map();
    if (this.connector !== AND) kwargs.set('_connector', this.connector);
    if (this.negated) kwargs.set('_negated', true);
    return { path: 'django.db.models.Q', args: [...this.children], kwargs };
  }
  override nativeEq(other: PyValue): boolean {
    return (
      other instanceof Q &&
      other.connector === this.connector &&
      other.negated === this.negated &&
      other.children.length === this.children.length &&
      this.children.every((c, i) => eq(c, other.children[i]!))
    );
  }
  override nativeHashKey(): string {
    return `Q(${this.connector},${this.negated},${this.children.map((c) => String(hashKey(c))).join('|')})`;
  }
  override nativeBool(): boolean {
    return this.children.length > 0;
  }
  /** tree.Node.__str__: `(AND: ('a', 1), (NOT (OR: …)))`, children by their str(). */
  override nativeStr(): string {
    const template = this.negated ? '(NOT (%s: %s))' : '(%s: %s)';
    const inner = this.children.map((c) => str(c)).join(', ');
    return template.replace('%s', this.connector).replace('%s', inner);
  }
  override nativeRepr(): string {
    return `<Q: ${this.nativeStr()}>`;
  }
}

export const QClass: PyClass = nativeClass('Q', 'django.db.models.query_utils', (_cls, args, kwargs) => {
  let connector = AND;
  let negated = false;
  const lookups: [string, PyValue][] = [];
  for (const [k, v] of kwargs) {
    if (k === '_connector') connector = typeof v === 'string' ? v : AND;
    else if (k === '_negated') negated = truthy(v);
    else lookups.push([k, v]);
  }
  lookups.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Q([...args, ...lookups.map(([k, v]) => new PyTuple([k, v]))], connector, negated);
});
QClass.defineMethod('__and__', ([a, b]) => (a as Q).combine(b!, AND));
QClass.defineMethod('__or__', ([a, b]) => (a as Q).combine(b!, OR));
QClass.defineMethod('__xor__', ([a, b]) => (a as Q).combine(b!, XOR));
QClass.defineMethod('deconstruct', ([a]) => {
  const d = (a as Q).deconstruct();
  return new PyTuple([d.path, new PyTuple(d.args), new PyDict([...d.kwargs])]);
});
QClass.defineMethod('__invert__', ([a]) => {
  const obj = (a as Q).copy();
  obj.negated = !obj.negated;
  return obj;
});

// ---------------------------------------------------------------------------------------------
// Expressions: F, Value, Func and its subclasses
// ---------------------------------------------------------------------------------------------

export abstract class Expression extends DeconstructibleObject {}

export class F extends Expression {
  constructor(readonly name: string) {
    super(FClass, [name], NO_KWARGS);
  }
  override deconstruct(): Deconstruction {
    return { path: 'django.db.models.F', args: [this.name], kwargs: new Map() };
  }
  override nativeRepr(): string {
    return `F(${this.name})`;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    return name === 'name' ? this.name : undefined;
  }
}
export const FClass: PyClass = nativeClass('F', 'django.db.models.expressions', (_cls, args, kwargs) => {
  const name = args[0] ?? kwargs.get('name');
  if (typeof name !== 'string') throw pyError(TypeError, "F.__init__() missing 1 required positional argument: 'name'");
  return new F(name);
});

export class Value extends Expression {
  get value(): PyValue {
    return this.ctorArgs[0] ?? this.ctorKwargs.get('value')!;
  }
  override deconstruct(): Deconstruction {
    return { path: 'django.db.models.Value', args: [...this.ctorArgs], kwargs: new Map(this.ctorKwargs) };
  }
  override nativeRepr(): string {
    return `Value(${repr(this.value)})`;
  }
}
export const ValueClass: PyClass = nativeClass('Value', 'django.db.models.expressions', (cls, args, kwargs) => new Value(cls, args, kwargs));

/** A database function call; `sqlFunction` names the SQL function (or a template is used by the compiler). */
export class Func extends Expression {
  /** Source expressions (the class's own arguments only, e.g. not Collate's collation): strings become F(). */
  get sourceExpressions(): PyValue[] {
    const arrange = this.cls.native['arrangeSources'] as ((args: PyValue[], kwargs: Kwargs) => PyValue[]) | undefined;
    return (arrange ? arrange(this.ctorArgs, this.ctorKwargs) : this.ctorArgs).map((a) => (typeof a === 'string' ? new F(a) : a));
  }
  get functionName(): string {
    return (this.cls.native['function'] as string | undefined) ?? this.cls.name.toUpperCase();
  }
  /**
   * The source expressions as Django's `Func.__init__` keeps them (`_parse_expressions`: a str is
   * an F(), any other non-expression a Value()), after the class's own rearranging (Concat nests
   * ConcatPairs, Round adds its default precision).
   */
  parsedSourceExpressions(): PyValue[] {
    const arrange = this.cls.native['arrangeSources'] as ((args: PyValue[], kwargs: Kwargs) => PyValue[]) | undefined;
    return (arrange ? arrange(this.ctorArgs, this.ctorKwargs) : this.ctorArgs).map(parseExpression);
  }
  /** `Func.__repr__`: `Name(str(arg), …[, key=str(value) … for extra kwargs, sorted])`. */
  override nativeRepr(): string {
    const args = this.parsedSourceExpressions()
      .map((e) => str(e))
      .join(', ');
    const extra = [...this.ctorKwargs]
      .filter(([k]) => k !== 'output_field' && !((this.cls.native['sourceKwargs'] as string[] | undefined) ?? []).includes(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${str(v)}`);
    return extra.length ? `${this.cls.name}(${args}, ${extra.join(', ')})` : `${this.cls.name}(${args})`;
  }
}

/** `Func._parse_expressions` for one argument. */
function parseExpression(arg: PyValue): PyValue {
  if (typeof arg === 'string') return new F(arg);
  if (arg instanceof DeconstructibleObject || arg instanceof Q) return arg;
  return new Value(ValueClass, [arg], NO_KWARGS);
}

/** Registry of database function classes exposed by django.db.models.functions. */
export const FUNCTION_CLASSES = new Map<string, PyClass>();

function funcClass(name: string, module: string, sqlFunction?: string): PyClass {
  const cls = nativeClass(name, module, (c, args, kwargs) => {
    // the checks some functions' __init__ makes on literal arguments (Left(length=0) …)
    const validate = c.native['validate'] as ((args: PyValue[], kwargs: Kwargs) => void) | undefined;
    validate?.(args, kwargs);
    return new Func(c, args, kwargs);
  });
  if (sqlFunction) cls.native['function'] = sqlFunction;
  FUNCTION_CLASSES.set(name, cls);
  return cls;
}

export const FuncClass = funcClass('Func', 'django.db.models.expressions');
FuncClass.native['path'] = 'django.db.models.Func';
FuncClass.native['pathOwner'] = FuncClass;
const F_DT = 'django.db.models.functions.datetime';
const F_TEXT = 'django.db.models.functions.text';
const F_CMP = 'django.db.models.functions.comparison';
const F_MATH = 'django.db.models.functions.math';
export const NowClass = funcClass('Now', F_DT, 'STATEMENT_TIMESTAMP');
funcClass('Lower', F_TEXT, 'LOWER');
funcClass('Upper', F_TEXT, 'UPPER');
funcClass('Length', F_TEXT, 'LENGTH');
funcClass('Trim', F_TEXT, 'TRIM');
funcClass('LTrim', F_TEXT, 'LTRIM');
funcClass('RTrim', F_TEXT, 'RTRIM');
const ConcatClass = funcClass('Concat', F_TEXT);
const ConcatPairClass = funcClass('ConcatPair', F_TEXT, 'CONCAT');
FUNCTION_CLASSES.delete('ConcatPair');
/** `Concat._paired`: `ConcatPair(a, ConcatPair(b, …))`, the one source expression of a Concat. */
function concatPaired(args: PyValue[]): PyValue {
  if (args.length === 2) return new Func(ConcatPairClass, args, NO_KWARGS);
  return new Func(ConcatPairClass, [args[0]!, concatPaired(args.slice(1))], NO_KWARGS);
}
ConcatClass.native['arrangeSources'] = (args: PyValue[]) => (args.length >= 2 ? [concatPaired(args)] : args);
funcClass('Substr', F_TEXT, 'SUBSTRING');
funcClass('Replace', F_TEXT, 'REPLACE');
funcClass('MD5', F_TEXT, 'MD5');
funcClass('Coalesce', F_CMP, 'COALESCE');
funcClass('Greatest', F_CMP, 'GREATEST');
funcClass('Least', F_CMP, 'LEAST');
funcClass('NullIf', F_CMP, 'NULLIF');
funcClass('Cast', F_CMP);
funcClass('Abs', F_MATH, 'ABS');
const RoundClass = funcClass('Round', F_MATH, 'ROUND');
RoundClass.native['arrangeSources'] = (args: PyValue[], kwargs: Kwargs) => [args[0]!, args[1] ?? kwargs.get('precision') ?? 0n];
RoundClass.native['sourceKwargs'] = ['precision'];
funcClass('Ceil', F_MATH, 'CEILING');
funcClass('Floor', F_MATH, 'FLOOR');
/**
 * A function whose `__init__` names its arguments (`Left(expression, length)`, `LPad(expression,
 * length, fill_text=Value(' '))`): the source arguments bound in that order, defaults filled in;
 * `options` are keyword arguments that are not source expressions. The binding serves both repr and compilation (`native.bindArgs`).
 */
function signedFunc(name: string, module: string, sqlFunction: string, params: string[], defaults: Record<string, PyValue> = {}, options: string[] = []): PyClass {
  const cls = funcClass(name, module, sqlFunction);
  const bind = (args: PyValue[], kwargs: Kwargs): PyValue[] => {
    const out: PyValue[] = [];
    params.forEach((p, i) => {
      const v = i < args.length ? args[i]! : kwargs.has(p) ? kwargs.get(p)! : defaults[p];
      if (v !== undefined) out.push(v);
    });
    return out;
  };
  cls.native['bindArgs'] = bind;
  cls.native['arrangeSources'] = bind;
  cls.native['sourceKwargs'] = [...params, ...options];
  return cls;
}
signedFunc('Left', F_TEXT, 'LEFT', ['expression', 'length']);
signedFunc('Right', F_TEXT, 'RIGHT', ['expression', 'length']);
signedFunc('LPad', F_TEXT, 'LPAD', ['expression', 'length', 'fill_text'], { fill_text: new Value(ValueClass, [' '], NO_KWARGS) });
signedFunc('RPad', F_TEXT, 'RPAD', ['expression', 'length', 'fill_text'], { fill_text: new Value(ValueClass, [' '], NO_KWARGS) });
signedFunc('Repeat', F_TEXT, 'REPEAT', ['expression', 'number']);
signedFunc('Reverse', F_TEXT, 'REVERSE', ['expression']);
signedFunc('StrIndex', F_TEXT, 'STRPOS', ['string', 'substring']);
signedFunc('Chr', F_TEXT, 'CHR', ['expression']);
signedFunc('Ord', F_TEXT, 'ASCII', ['expression']);
signedFunc('Collate', F_CMP, 'COLLATE', ['expression'], {}, ['collation']);
for (const [n, fn] of [['Sign', 'SIGN'], ['Sqrt', 'SQRT'], ['Exp', 'EXP'], ['Ln', 'LN'], ['Degrees', 'DEGREES'], ['Radians', 'RADIANS'], ['Sin', 'SIN'], ['Cos', 'COS'], ['Tan', 'TAN'], ['Cot', 'COT'], ['ASin', 'ASIN'], ['ACos', 'ACOS'], ['ATan', 'ATAN']] as const) {
  signedFunc(n, F_MATH, fn, ['expression']);
}
signedFunc('Mod', F_MATH, 'MOD', ['expression1', 'expression2']);
signedFunc('Power', F_MATH, 'POWER', ['expression1', 'expression2']);
signedFunc('Log', F_MATH, 'LOG', ['expression1', 'expression2']);
signedFunc('ATan2', F_MATH, 'ATAN2', ['expression1', 'expression2']);
signedFunc('Pi', F_MATH, 'PI', []);
signedFunc('Random', F_MATH, 'RANDOM', []);
// window functions (used inside Window(...))
const F_WINDOW = 'django.db.models.functions.window';
for (const [name, fn] of [['RowNumber', 'ROW_NUMBER'], ['Rank', 'RANK'], ['DenseRank', 'DENSE_RANK'], ['CumeDist', 'CUME_DIST'], ['PercentRank', 'PERCENT_RANK'], ['FirstValue', 'FIRST_VALUE'], ['LastValue', 'LAST_VALUE']] as const) {
  funcClass(name, F_WINDOW, fn);
}
/** Lag/Lead(expression, offset=1, default=None), NthValue(expression, nth=1), Ntile(num_buckets=1): the defaults are arguments. */
function windowWithDefaults(name: string, fn: string, names: string[], defaults: PyValue[]): void {
  const cls = funcClass(name, F_WINDOW, fn);
  cls.native['arrangeSources'] = (args: PyValue[], kwargs: Kwargs) => {
    const out: PyValue[] = [];
    names.forEach((n, i) => {
      const v = args[i] ?? kwargs.get(n) ?? defaults[i];
      if (v !== undefined && v !== None) out.push(v);
    });
    return out;
  };
  cls.native['sourceKwargs'] = names;
}
windowWithDefaults('Lag', 'LAG', ['expression', 'offset', 'default'], [None, 1n, None]);
windowWithDefaults('Lead', 'LEAD', ['expression', 'offset', 'default'], [None, 1n, None]);
windowWithDefaults('NthValue', 'NTH_VALUE', ['expression', 'nth'], [None, 1n]);
windowWithDefaults('Ntile', 'NTILE', ['num_buckets'], [1n]);

/**
 * JSONField key transforms as expressions (`KeyTextTransform('name', KeyTextTransform('owner',
 * 'data'))`, what `KT('data__owner__name')` builds): the key is an option, the one source
 * expression is the transformed JSON.
 */
const F_JSON = 'django.db.models.fields.json';
function keyTransformClass(name: string): PyClass {
  const cls = funcClass(name, F_JSON);
  cls.native['arrangeSources'] = (args: PyValue[], kwargs: Kwargs) => [args[1] ?? kwargs.get('expression')!];
  cls.native['sourceKwargs'] = ['key_name', 'expression'];
  return cls;
}
export const KeyTransformClass = keyTransformClass('KeyTransform');
export const KeyTextTransformClass = keyTransformClass('KeyTextTransform');
/** `KT(lookup)`: `KeyTextTransform.from_lookup`, one KeyTextTransform per key after the field name. */
export function keyTextFromLookup(lookup: PyValue): PyValue {
  if (typeof lookup !== 'string') throw pyError(TypeError, `'${typeof lookup}' object has no attribute 'split'`);
  const [first, ...keys] = lookup.split('__');
  if (!keys.length) throw pyError(ValueError, 'Lookup must contain key or index transforms.');
  let transform: PyValue = first!;
  for (const key of keys) transform = new Func(KeyTextTransformClass, [key, transform], NO_KWARGS);
  return transform;
}

/** A literal (not an expression) argument compared like Python does (a str raises TypeError). */
function literalBelow(v: PyValue | undefined, bound: bigint, orEqual = false): boolean {
  if (v === undefined || v === None || v instanceof DeconstructibleObject || v instanceof Q) return false;
  return compareOrder(orEqual ? '<=' : '<', v, bound);
}
function validateWith(name: string, check: (args: PyValue[], kwargs: Kwargs) => void): void {
  const cls = FUNCTION_CLASSES.get(name);
  if (cls) cls.native['validate'] = check;
}
const arg = (args: PyValue[], kwargs: Kwargs, pos: number, key: string) => args[pos] ?? kwargs.get(key);
validateWith('Concat', (a) => {
  if (a.length < 2) throw pyError(ValueError, 'Concat must take at least two expressions');
});
for (const name of ['Left', 'Right']) {
  validateWith(name, (a, k) => {
    if (literalBelow(arg(a, k, 1, 'length'), 1n)) throw pyError(ValueError, "'length' must be greater than 0.");
  });
}
validateWith('Substr', (a, k) => {
  if (literalBelow(arg(a, k, 1, 'pos'), 1n)) throw pyError(ValueError, "'pos' must be greater than 0");
});
for (const name of ['LPad', 'RPad']) {
  validateWith(name, (a, k) => {
    if (literalBelow(arg(a, k, 1, 'length'), 0n)) throw pyError(ValueError, "'length' must be greater or equal to 0.");
  });
}
validateWith('Repeat', (a, k) => {
  if (literalBelow(arg(a, k, 1, 'number'), 0n)) throw pyError(ValueError, "'number' must be greater or equal to 0.");
});
for (const name of ['Lag', 'Lead']) {
  validateWith(name, (a, k) => {
    if ((arg(a, k, 0, 'expression') ?? None) === None) throw pyError(ValueError, `${name} requires a non-null source expression.`);
    const offset = arg(a, k, 1, 'offset') ?? 1n;
    if (offset === None || literalBelow(offset, 0n, true)) throw pyError(ValueError, `${name} requires a positive integer for the offset.`);
  });
}
validateWith('NthValue', (a, k) => {
  if ((arg(a, k, 0, 'expression') ?? None) === None) throw pyError(ValueError, 'NthValue requires a non-null source expression.');
  const nth = arg(a, k, 1, 'nth') ?? 1n;
  if (nth === None || literalBelow(nth, 0n, true)) throw pyError(ValueError, 'NthValue requires a positive integer as for nth.');
});
validateWith('Ntile', (a, k) => {
  if (literalBelow(arg(a, k, 0, 'num_buckets') ?? 1n, 0n, true)) throw pyError(ValueError, 'num_buckets must be greater than 0.');
});

/**
 * Extract/Trunc and their named forms (`ExtractYear`, `TruncMonth` …): `native.extract` /
 * `native.trunc` is the lookup name or kind ('' for the generic class, which takes it as its
 * second argument); the ORM compiles them (they depend on the column's type and USE_TZ).
 */
function dateFunction(name: string, family: 'extract' | 'trunc', kind: string): void {
  const cls = funcClass(name, F_DT);
  cls.native[family] = kind;
  // only the expression is a source expression (the kind, output_field and tzinfo are options)
  cls.native['arrangeSources'] = (args: PyValue[], kwargs: Kwargs) => [args[0] ?? kwargs.get('expression')!];
  cls.native['sourceKwargs'] = ['expression', 'lookup_name', 'kind', 'tzinfo', 'is_dst'];
}
dateFunction('Extract', 'extract', '');
for (const k of ['Year', 'IsoYear', 'Month', 'Day', 'Week', 'WeekDay', 'IsoWeekDay', 'Quarter', 'Hour', 'Minute', 'Second']) {
  dateFunction(`Extract${k}`, 'extract', k.replace(/(?<=.)([A-Z])/g, '_$1').toLowerCase());
}
dateFunction('Trunc', 'trunc', '');
for (const k of ['Year', 'Quarter', 'Month', 'Week', 'Day', 'Date', 'Time', 'Hour', 'Minute', 'Second']) dateFunction(`Trunc${k}`, 'trunc', k.toLowerCase());

// ---------------------------------------------------------------------------------------------
// Lookups as expressions (django.db.models.lookups): `Q(GreaterThan(F('stock'), 0))`
// ---------------------------------------------------------------------------------------------

/** A lookup used as an expression: `lhs <lookup_name> rhs`, compiled like `stock__gt=0`. */
export class LookupExpression extends Expression {
  get lhs(): PyValue {
    return this.ctorArgs[0]!;
  }
  get rhs(): PyValue {
    return this.ctorArgs[1]!;
  }
  get lookupName(): string {
    return this.cls.native['lookupName'] as string;
  }
  /** `Lookup.__repr__`: the prepared lhs and rhs (a plain lhs is a Value). */
  override nativeRepr(): string {
    const lhs = this.lhs instanceof DeconstructibleObject || this.lhs instanceof Q ? this.lhs : new Value(ValueClass, [this.lhs], NO_KWARGS);
    return `${this.cls.name}(${repr(lhs)}, ${repr(this.rhs)})`;
  }
}

/** The built-in lookup classes by class name. */
export const LOOKUP_CLASSES = new Map<string, PyClass>();

function lookupClass(name: string, lookupName: string | null, base?: PyClass): PyClass {
  const cls = nativeClass(
    name,
    'django.db.models.lookups',
    (c, args, kwargs) => {
      const bound = [args[0] ?? kwargs.get('lhs'), args[1] ?? kwargs.get('rhs')];
      const missing = ['lhs', 'rhs'].filter((_, i) => bound[i] === undefined);
      if (args.length + kwargs.size > 2) {
        throw pyError(TypeError, `Lookup.__init__() takes 3 positional arguments but ${args.length + kwargs.size + 1} were given`);
      }
      if (missing.length) {
        const names = missing.map((m) => `'${m}'`).join(' and ');
        throw pyError(TypeError, `Lookup.__init__() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names}`);
      }
      return new LookupExpression(c, bound as PyValue[], NO_KWARGS);
    },
    base ? { bases: [base] } : {},
  );
  cls.native['lookupName'] = lookupName;
  LOOKUP_CLASSES.set(name, cls);
  return cls;
}
const LookupBaseClass = lookupClass('Lookup', null);
const BuiltinLookupClass = lookupClass('BuiltinLookup', null, LookupBaseClass);
const ExactClass = lookupClass('Exact', 'exact', BuiltinLookupClass);
lookupClass('IExact', 'iexact', BuiltinLookupClass);
const GtClass = lookupClass('GreaterThan', 'gt', BuiltinLookupClass);
const GteClass = lookupClass('GreaterThanOrEqual', 'gte', BuiltinLookupClass);
const LtClass = lookupClass('LessThan', 'lt', BuiltinLookupClass);
const LteClass = lookupClass('LessThanOrEqual', 'lte', BuiltinLookupClass);
lookupClass('IntegerFieldExact', 'exact', ExactClass);
lookupClass('IntegerGreaterThan', 'gt', GtClass);
lookupClass('IntegerGreaterThanOrEqual', 'gte', GteClass);
lookupClass('IntegerLessThan', 'lt', LtClass);
lookupClass('IntegerLessThanOrEqual', 'lte', LteClass);
lookupClass('In', 'in', BuiltinLookupClass);
const PatternLookupClass = lookupClass('PatternLookup', null, BuiltinLookupClass);
const ContainsClass = lookupClass('Contains', 'contains', PatternLookupClass);
lookupClass('IContains', 'icontains', ContainsClass);
const StartsWithClass = lookupClass('StartsWith', 'startswith', PatternLookupClass);
lookupClass('IStartsWith', 'istartswith', StartsWithClass);
const EndsWithClass = lookupClass('EndsWith', 'endswith', PatternLookupClass);
lookupClass('IEndsWith', 'iendswith', EndsWithClass);
lookupClass('Range', 'range', BuiltinLookupClass);
lookupClass('IsNull', 'isnull', BuiltinLookupClass);
const RegexClass = lookupClass('Regex', 'regex', BuiltinLookupClass);
lookupClass('IRegex', 'iregex', RegexClass);

export function isExpression(v: PyValue): v is Expression {
  return v instanceof Expression;
}
