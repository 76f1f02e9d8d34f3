/**
 * Query expressions the ORM adds to the ones models and migrations use (state/expressions.ts):
 * arithmetic on F()/Value()/functions (`F('stock') + 5` → CombinedExpression), `.asc()`/`.desc()`
 * (OrderBy), and the aggregates of django.db.models.aggregates (Count, Sum, Avg, Max, Min).
 *
 * They are data, like the others: the ORM's query compiler (query.ts) turns them into SQL, and
 * CombinedExpression/OrderBy keep the constructor arguments the schema compiler reads.
 */
import {
  type Kwargs,
  NO_KWARGS,
  NotImplementedError,
  PyClass,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  TypeError,
  objectClass,
  pyError,
  str,
  truthy,
} from '../python/objects.ts';
import { DeconstructibleObject, F, FClass, Func, FuncClass, FUNCTION_CLASSES, Q, Value, ValueClass, conditionalHooks, nativeClass } from '../state/expressions.ts';

const EXPRESSIONS = 'django.db.models.expressions';
const AGGREGATES = 'django.db.models.aggregates';

// ---------------------------------------------------------------------------------------------
// CombinedExpression and arithmetic
// ---------------------------------------------------------------------------------------------

export class CombinedExpression extends DeconstructibleObject {
  get lhs(): PyValue {
    return this.ctorArgs[0]!;
  }
  get connector(): string {
    return str(this.ctorArgs[1]!);
  }
  get rhs(): PyValue {
    return this.ctorArgs[2]!;
  }
  override nativeRepr(): string {
    return `<CombinedExpression: ${this.nativeStr()}>`;
  }
  override nativeStr(): string {
    return `${exprStr(this.lhs)} ${this.connector} ${exprStr(this.rhs)}`;
  }
}

function exprStr(v: PyValue): string {
  if (v instanceof F) return v.nativeRepr();
  if (v instanceof Value) return v.nativeRepr();
  return str(v);
}

export const CombinedExpressionClass: PyClass = nativeClass(
  'CombinedExpression',
  EXPRESSIONS,
  (cls, args, kwargs) => new CombinedExpression(cls, args.slice(0, 3), kwargs.has('output_field') ? new Map([['output_field', kwargs.get('output_field')!]]) : NO_KWARGS),
);

/** Whether v can take part in a query expression as is (has resolve_expression in Django). */
export function isResolvable(v: PyValue): boolean {
  return v instanceof DeconstructibleObject || v instanceof Q;
}

function combine(self: PyValue, other: PyValue, connector: string, reversed: boolean): PyValue {
  const o = isResolvable(other) ? other : new Value(ValueClass, [other], NO_KWARGS);
  const [l, r] = reversed ? [o, self] : [self, o];
  return new CombinedExpression(CombinedExpressionClass, [l, connector, r], NO_KWARGS);
}

const OPERATORS: [string, string][] = [
  ['add', '+'],
  ['sub', '-'],
  ['mul', '*'],
  ['truediv', '/'],
  ['mod', '%%'],
  ['pow', '^'],
];

/** Installs Combinable's operators and asc()/desc() on an expression class. */
function makeCombinable(cls: PyClass): void {
  for (const [name, connector] of OPERATORS) {
    cls.defineMethod(`__${name}__`, ([self, other]) => combine(self!, other!, connector, false));
    cls.defineMethod(`__r${name}__`, ([self, other]) => combine(self!, other!, connector, true));
  }
  cls.defineMethod('__neg__', ([self]) => combine(self!, -1n, '*', false));
  // Combinable.__and__/__or__/__xor__: conditions combine into a Q; anything else is a bitwise mistake
  for (const [dunder, conn] of [['__and__', 'AND'], ['__or__', 'OR'], ['__xor__', 'XOR']] as const) {
    cls.defineMethod(dunder, ([self, other]) => {
      if (truthy(conditional(self!)) && truthy(conditional(other!))) return new Q([self!]).combine(new Q([other!]), conn);
      throw pyError(NotImplementedError, 'Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.');
    });
  }
  for (const dunder of ['__rand__', '__ror__', '__rxor__']) {
    cls.defineMethod(dunder, () => {
      throw pyError(NotImplementedError, 'Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.');
    });
  }
  cls.defineMethod('bitand', ([self, other]) => combine(self!, other!, '&', false));
  cls.defineMethod('bitor', ([self, other]) => combine(self!, other!, '|', false));
  cls.defineMethod('asc', ([self], kwargs) => orderBy(self!, false, kwargs));
  cls.defineMethod('desc', ([self], kwargs) => orderBy(self!, true, kwargs));
}

function conditional(v: PyValue): boolean {
  return v instanceof Q || (v instanceof SubqueryExpression && v.isExists);
}
conditionalHooks.isConditional = conditional;

// ---------------------------------------------------------------------------------------------
// OuterRef, Subquery, Exists
// ---------------------------------------------------------------------------------------------

/** `OuterRef('pk')`: a field of the query a subquery is used in (`OuterRef(OuterRef('pk'))`: two levels out). */
export class OuterRef extends DeconstructibleObject {
  get name(): PyValue {
    return this.ctorArgs[0]!;
  }
  override nativeRepr(): string {
    return `${this.cls.name}(${str(this.name)})`;
  }
}

export const OuterRefClass: PyClass = nativeClass('OuterRef', EXPRESSIONS, (cls, args, kwargs) => {
  const name = args[0] ?? kwargs.get('name');
  if (name === undefined) throw pyError(TypeError, "F.__init__() missing 1 required positional argument: 'name'");
  return new OuterRef(cls, [name], NO_KWARGS);
});

/** `Subquery(queryset, output_field=None)` and `Exists(queryset)` (`~Exists(…)` is negated). */
export class SubqueryExpression extends DeconstructibleObject {
  get queryset(): PyValue {
    return this.ctorArgs[0]!;
  }
  get isExists(): boolean {
    return this.cls.isSubclassOf(ExistsClass);
  }
  get negated(): boolean {
    return truthy(this.ctorKwargs.get('negated') ?? false);
  }
}

function subqueryNew(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  const queryset = args[0] ?? kwargs.get('queryset');
  if (queryset === undefined) throw pyError(TypeError, `${cls.name}.__init__() missing 1 required positional argument: 'queryset'`);
  const k = new Map(kwargs);
  k.delete('queryset');
  return new SubqueryExpression(cls, [queryset], k);
}

export const SubqueryClass: PyClass = nativeClass('Subquery', EXPRESSIONS, subqueryNew);
export const ExistsClass: PyClass = nativeClass('Exists', EXPRESSIONS, subqueryNew, { bases: [SubqueryClass] });
ExistsClass.defineMethod('__invert__', ([self]) => {
  const e = self as SubqueryExpression;
  const k = new Map(e.ctorKwargs);
  k.set('negated', !e.negated);
  return new SubqueryExpression(e.cls, [...e.ctorArgs], k);
});

/** `RawSQL(sql, params, output_field=None)`: SQL written by hand, compiled as `(sql)` with its params. */
export const RawSQLClass: PyClass = nativeClass('RawSQL', EXPRESSIONS, (cls, args, kwargs) => {
  if (args.length + kwargs.size < 2) throw pyError(TypeError, `RawSQL.__init__() missing ${2 - args.length - kwargs.size} required positional argument${args.length + kwargs.size === 1 ? '' : 's'}: ${args.length + kwargs.size === 1 ? "'params'" : "'sql' and 'params'"}`);
  return new RawSQLExpression(cls, args, kwargs);
});

/** (compiled by the schema compiler's RawSQL case, like in constraints) */
class RawSQLExpression extends DeconstructibleObject {}

// ---------------------------------------------------------------------------------------------
// Window
// ---------------------------------------------------------------------------------------------

/** `Window(expression, partition_by=None, order_by=None, frame=None, output_field=None)`. */
export class WindowExpression extends DeconstructibleObject {
  private arg(name: string, pos: number): PyValue {
    return this.ctorKwargs.get(name) ?? this.ctorArgs[pos] ?? None;
  }
  get source(): PyValue {
    return this.arg('expression', 0);
  }
  get partitionBy(): PyValue {
    return this.arg('partition_by', 1);
  }
  get orderBy(): PyValue {
    return this.arg('order_by', 2);
  }
  get outputField(): PyValue {
    return this.arg('output_field', 4);
  }
}

export const WindowClass: PyClass = nativeClass('Window', EXPRESSIONS, (cls, args, kwargs) => new WindowExpression(cls, args, kwargs));

// ---------------------------------------------------------------------------------------------
// OrderBy
// ---------------------------------------------------------------------------------------------

export class OrderBy extends DeconstructibleObject {
  get expression(): PyValue {
    return this.ctorArgs[0] ?? this.ctorKwargs.get('expression')!;
  }
  get descending(): boolean {
    return truthy(this.ctorKwargs.get('descending') ?? this.ctorArgs[1] ?? false);
  }
  get nullsFirst(): boolean {
    return truthy(this.ctorKwargs.get('nulls_first') ?? false);
  }
  get nullsLast(): boolean {
    return truthy(this.ctorKwargs.get('nulls_last') ?? false);
  }
  override nativeRepr(): string {
    return `OrderBy(${str(this.expression)}, descending=${this.descending ? 'True' : 'False'})`;
  }
}

export const OrderByClass: PyClass = nativeClass('OrderBy', EXPRESSIONS, (cls, args, kwargs) => new OrderBy(cls, args, kwargs), {
  path: 'django.db.models.OrderBy',
});
OrderByClass.defineMethod('reverse_ordering', ([self]) => {
  const o = self as OrderBy;
  return new OrderBy(OrderByClass, [o.expression], new Map([['descending', !o.descending]]));
});

/** `expr.asc(**kwargs)` is `OrderBy(expr, **kwargs)`, `expr.desc(**kwargs)` `OrderBy(expr, descending=True, **kwargs)`. */
function orderBy(expr: PyValue, descending: boolean, kwargs: Kwargs): PyValue {
  const k = new Map<string, PyValue>(descending ? [['descending', true]] : []);
  for (const [n, v] of kwargs) if (n === 'nulls_first' || n === 'nulls_last') k.set(n, v);
  return new OrderBy(OrderByClass, [expr], k);
}

// ---------------------------------------------------------------------------------------------
// Aggregates
// ---------------------------------------------------------------------------------------------

export class Aggregate extends DeconstructibleObject {
  get functionName(): string {
    return this.cls.native['function'] as string;
  }
  /** The aggregate's class among the built-in ones (user subclasses answer for their base). */
  get kind(): string {
    for (const c of this.cls.mro) if (AGGREGATE_CLASSES.has(c.name) && AGGREGATE_CLASSES.get(c.name) === c) return c.name;
    return this.cls.name;
  }
  get sourceExpressions(): PyValue[] {
    return this.ctorArgs.map((a) => (typeof a === 'string' ? new F(a) : a));
  }
  get distinct(): boolean {
    return truthy(this.ctorKwargs.get('distinct') ?? false);
  }
  get filter(): PyValue {
    return this.ctorKwargs.get('filter') ?? None;
  }
  get defaultValue(): PyValue {
    return this.ctorKwargs.get('default') ?? None;
  }
  /** `default_alias`: `<field>__<name>` for a single field reference. */
  defaultAlias(): string {
    const exprs = this.sourceExpressions;
    if (exprs.length === 1 && exprs[0] instanceof F) return `${(exprs[0] as F).name}__${this.cls.name.toLowerCase()}`;
    throw pyError(TypeError, 'Complex expressions require an alias');
  }
  override nativeRepr(): string {
    const args = this.sourceExpressions.map((e) => (e instanceof F ? e.nativeRepr() : str(e)));
    let extra = '';
    if (this.distinct) extra += ', distinct=True';
    if (this.filter !== None) extra += `, filter=${str(this.filter)}`;
    return `${this.cls.name}(${args.join(', ')}${extra})`;
  }
}

export const AGGREGATE_CLASSES = new Map<string, PyClass>();

function aggregateClass(name: string, fn: string, base: PyClass | null): PyClass {
  const cls = new PyClass(name, {
    module: AGGREGATES,
    bases: [base ?? FuncClass],
    nativeNew: (c, args, kwargs) => makeAggregate(c, name, args, kwargs),
  });
  cls.native['function'] = fn;
  AGGREGATE_CLASSES.set(name, cls);
  return cls;
}

function makeAggregate(cls: PyClass, name: string, args: PyValue[], kwargs: Kwargs): PyValue {
  const allowed = new Set(['distinct', 'filter', 'default', 'output_field']);
  for (const k of kwargs.keys()) {
    if (!allowed.has(k)) throw pyError(TypeError, `${name}.__init__() got an unexpected keyword argument '${k}'`);
  }
  if (name === 'Count') {
    if (args.length === 0) throw pyError(TypeError, "Count.__init__() missing 1 required positional argument: 'expression'");
    if (args[0] === '*') args = [new Star()];
    if (kwargs.has('default')) throw pyError(TypeError, 'Count does not allow default.');
  } else if (args.length === 0) {
    throw pyError(TypeError, `${name} takes exactly 1 argument (0 given)`);
  }
  if (truthy(kwargs.get('distinct') ?? false) && name !== 'Count') {
    throw pyError(TypeError, `${name} does not allow distinct.`);
  }
  return new Aggregate(cls, args, kwargs);
}

/** `Star()`: COUNT(*). */
export class Star extends PyObject {
  get pyClass(): PyClass {
    return starClass;
  }
  override nativeRepr(): string {
    return "'*'";
  }
}
const starClass = new PyClass('Star', { module: EXPRESSIONS, bases: [objectClass] });

export const AggregateClass = aggregateClass('Aggregate', '', null);
export const CountClass = aggregateClass('Count', 'COUNT', AggregateClass);
export const SumClass = aggregateClass('Sum', 'SUM', AggregateClass);
export const AvgClass = aggregateClass('Avg', 'AVG', AggregateClass);
export const MaxClass = aggregateClass('Max', 'MAX', AggregateClass);
export const MinClass = aggregateClass('Min', 'MIN', AggregateClass);
export const StdDevClass = aggregateClass('StdDev', 'STDDEV_POP', AggregateClass);
export const VarianceClass = aggregateClass('Variance', 'VAR_POP', AggregateClass);

/** Whether an expression contains an aggregate (`contains_aggregate`). */
export function containsAggregate(v: PyValue): boolean {
  if (v instanceof Aggregate) return true;
  if (v instanceof CombinedExpression) return containsAggregate(v.lhs) || containsAggregate(v.rhs);
  if (v instanceof Func) return v.ctorArgs.some(containsAggregate);
  if (v instanceof OrderBy) return containsAggregate(v.expression);
  if (v instanceof ConditionalExpression) return v.ctorArgs.some(containsAggregate) || [...v.ctorKwargs.values()].some(containsAggregate);
  if (v instanceof Q) return v.children.some((c) => (c instanceof PyTuple ? containsAggregate(c.items[1]!) : containsAggregate(c)));
  return false;
}

// ---------------------------------------------------------------------------------------------
// Case / When / ExpressionWrapper
// ---------------------------------------------------------------------------------------------

export class ConditionalExpression extends DeconstructibleObject {}

export const WhenClass: PyClass = nativeClass('When', EXPRESSIONS, whenNew, { path: 'django.db.models.When' });
function whenNew(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue {
  const condition = kwargs.get('condition') ?? args[0];
  const lookups = [...kwargs].filter(([k]) => k !== 'condition' && k !== 'then');
  if ((condition === undefined || condition === None) && !lookups.length) {
    throw pyError(TypeError, '__init__() takes either a Q object or lookups as keyword arguments');
  }
  if (condition !== undefined && condition !== None && !(condition instanceof Q) && !isResolvable(condition)) {
    throw pyError(TypeError, 'When() supports a Q object, a boolean expression, or lookups as a condition.');
  }
  return new ConditionalExpression(cls, args, kwargs);
}

export const CaseClass: PyClass = nativeClass('Case', EXPRESSIONS, (cls, args, kwargs) => {
  for (const a of args) {
    if (!(a instanceof ConditionalExpression && a.cls.name === 'When')) throw pyError(TypeError, 'Positional arguments must all be When objects.');
  }
  return new ConditionalExpression(cls, args, kwargs);
}, { path: 'django.db.models.Case' });

export const ExpressionWrapperClass: PyClass = nativeClass('ExpressionWrapper', EXPRESSIONS, (cls, args, kwargs) => new ConditionalExpression(cls, args, kwargs), {
  path: 'django.db.models.ExpressionWrapper',
});

// ---------------------------------------------------------------------------------------------
// Installation
// ---------------------------------------------------------------------------------------------

let installed = false;

/** Adds arithmetic and ordering to F, Value and the database functions (once). */
export function installExpressionMethods(): void {
  if (installed) return;
  installed = true;
  makeCombinable(FClass);
  makeCombinable(ValueClass);
  makeCombinable(CombinedExpressionClass);
  makeCombinable(AggregateClass);
  makeCombinable(CaseClass);
  makeCombinable(ExpressionWrapperClass);
  makeCombinable(OuterRefClass);
  makeCombinable(WindowClass);
  makeCombinable(RawSQLClass);
  makeCombinable(SubqueryClass);
  for (const cls of new Set([FuncClass, ...FUNCTION_CLASSES.values()])) {
    if (!cls.dict.has('__add__')) makeCombinable(cls);
  }
}

/** The classes django.db.models exports from expressions/aggregates that the ORM adds. */
export function ormExpressionExports(): Record<string, PyValue> {
  installExpressionMethods();
  return {
    Count: CountClass,
    Sum: SumClass,
    Avg: AvgClass,
    Max: MaxClass,
    Min: MinClass,
    StdDev: StdDevClass,
    Variance: VarianceClass,
    Aggregate: AggregateClass,
    OrderBy: OrderByClass,
    CombinedExpression: CombinedExpressionClass,
    Case: CaseClass,
    When: WhenClass,
    ExpressionWrapper: ExpressionWrapperClass,
    OuterRef: OuterRefClass,
    Subquery: SubqueryClass,
    Exists: ExistsClass,
    Window: WindowClass,
  };
}
