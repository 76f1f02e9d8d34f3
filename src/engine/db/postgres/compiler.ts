/**
 * Compiles the query expressions that appear in schema SQL — check constraint and partial
 * index conditions (Q), index and unique-constraint expressions, db_default and GeneratedField
 * expressions — the way Django's `Query(model, alias_cols=False)` + SQLCompiler do on
 * PostgreSQL: column references are unqualified (`"name"`), lookups use the backend's operators
 * and casts, `~Q` on nullable columns adds `IS NOT NULL`, XOR becomes the CASE/MOD rewrite.
 *
 * `compile` returns `[sql, params]` with `%s` placeholders (and `%%` for a literal percent);
 * `interpolate` renders them the way `sql % tuple(quote_value(p) for p in params)` does.
 */
import {
  ExceptionClass,
  type Kwargs,
  PyClass,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  None,
  TypeError as PyTypeError,
  ValueError,
  hashKey,
  pyError,
  repr,
  str,
  toArray,
  truthy,
} from '../../python/objects.ts';
import { FieldError } from '../../django/exceptions.ts';
import type { Field } from '../../state/fields/field.ts';
import { ForeignKey } from '../../state/fields/related.ts';
import { BooleanField, CharField, IntegerField, TextField } from '../../state/fields/scalar.ts';
import { makeField } from '../../state/fields/registry.ts';
import { AND, DeconstructibleObject, F, Func, LookupExpression, OR, Q, Value, XOR } from '../../state/expressions.ts';
import type { ModelMeta } from '../../state/meta.ts';
import { INTEGER_FIELD_RANGES, dbType, internalType, targetField } from './data-types.ts';
import { PyDate, PyDatetime, UTC } from '../../python/stdlib/datetime.ts';
import { SqlLiteral, getDbPrepValue, getPrepValue, pyJsonDumps } from './values.ts';
import { DATE_TRANSFORMS, DEFAULT_LOOKUPS, TIME_TRANSFORMS, lookupSuggestion } from '../../state/fields/lookups.ts';

export type Compiled = [string, PyValue[]];

/** Raised when a condition matches every row (Django's FullResultSet). */
export class FullResultSet extends Error {
  constructor() {
    super('FullResultSet');
  }
}
/** Raised when a condition matches no row (Django's EmptyResultSet). */
export class EmptyResultSet extends Error {
  constructor() {
    super('EmptyResultSet');
  }
}

export function quoteName(name: string): string {
  if (name.startsWith('"') && name.endsWith('"')) return name;
  return `"${name}"`;
}

/** `sql % tuple(params)` for already-quoted params: `%s` placeholders and `%%`. */
export function interpolate(sql: string, quoted: readonly string[]): string {
  let i = 0;
  let out = '';
  for (let k = 0; k < sql.length; k++) {
    const c = sql[k]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const n = sql[k + 1];
    if (n === '%') {
      out += '%';
      k++;
    } else if (n === 's') {
      if (i >= quoted.length) throw pyError(PyTypeError, 'not enough arguments for format string');
      out += quoted[i++];
      k++;
    } else {
      throw pyError(ValueError, `unsupported format character '${n ?? ''}' (0x${(n ?? '').charCodeAt(0).toString(16)}) at index ${k + 1}`);
    }
  }
  if (i < quoted.length) throw pyError(PyTypeError, 'not all arguments converted during string formatting');
  return out;
}


// ---------------------------------------------------------------------------------------------
// Resolved expression nodes
// ---------------------------------------------------------------------------------------------

export interface CompileContext {
  readonly model: ModelMeta;
  /** Column renames (original → current) applied to column references. */
  readonly renames?: ReadonlyMap<string, string>;
}

export abstract class Node {
  abstract asSql(ctx: CompileContext): Compiled;
  /** The node's output field, when known. */
  outputField(): Field | null {
    return null;
  }
  /** Django's `conditional`: a boolean-valued expression usable as a WHERE clause. */
  get conditional(): boolean {
    return this.outputField() instanceof BooleanField;
  }
  sourceExpressions(): Node[] {
    return [];
  }
}

/**
 * A column of the model (Col with alias None). The ORM qualifies it with a table alias, given
 * already rendered (`"shop_book"`, or `T3` unquoted, like Django's quote_name_unless_alias).
 */
export class Col extends Node {
  constructor(
    readonly target: Field,
    readonly output: Field,
    readonly alias: string | null = null,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const column = this.target.column!;
    if (this.alias !== null) return [`${this.alias}.${quoteName(column)}`, []];
    return [quoteName(ctx.renames?.get(column) ?? column), []];
  }
  override outputField(): Field {
    return this.output;
  }
}

export class ValueNode extends Node {
  constructor(
    readonly value: PyValue,
    readonly output: Field | null,
  ) {
    super();
  }
  asSql(): Compiled {
    let val = this.value;
    if (this.output) val = getDbPrepValue(this.output, val, false);
    if (val === None) return ['NULL', []];
    return ['%s', [val]];
  }
  override outputField(): Field | null {
    return this.output;
  }
}

/** Func with a template: `%(function)s(%(expressions)s)` by default. */
export class FuncNode extends Node {
  constructor(
    readonly args: Node[],
    readonly fn: string,
    readonly template = '%(function)s(%(expressions)s)',
    readonly argJoiner = ', ',
    readonly output: Field | null = null,
    readonly extra: Record<string, string> = {},
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const parts: string[] = [];
    const params: PyValue[] = [];
    for (const a of this.args) {
      const [s, p] = a.asSql(ctx);
      parts.push(s);
      params.push(...p);
    }
    const joined = parts.join(this.argJoiner);
    const data: Record<string, string> = { ...this.extra, function: this.fn, expressions: joined, field: joined };
    return [formatTemplate(this.template, data), params];
  }
  override outputField(): Field | null {
    if (this.output) return this.output;
    return resolveOutputField(this.args);
  }
  override sourceExpressions(): Node[] {
    return this.args;
  }
}

/** `CombinedExpression`: `(lhs + rhs)`. */
export class CombinedNode extends Node {
  constructor(
    readonly lhs: Node,
    readonly connector: string,
    readonly rhs: Node,
    readonly output: Field | null = null,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [l, lp] = this.lhs.asSql(ctx);
    const [r, rp] = this.rhs.asSql(ctx);
    return [`(${l} ${this.connector} ${r})`, [...lp, ...rp]];
  }
  override outputField(): Field | null {
    return this.output ?? resolveOutputField([this.lhs, this.rhs]);
  }
  override sourceExpressions(): Node[] {
    return [this.lhs, this.rhs];
  }
}

export class WhenNode extends Node {
  constructor(
    readonly condition: Node,
    readonly result: Node,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [c, cp] = this.condition.asSql(ctx);
    const [r, rp] = this.result.asSql(ctx);
    return [`WHEN ${c} THEN ${r}`, [...cp, ...rp]];
  }
  override outputField(): Field | null {
    return this.result.outputField();
  }
  override sourceExpressions(): Node[] {
    return [this.condition, this.result];
  }
}

export class CaseNode extends Node {
  constructor(
    readonly cases: WhenNode[],
    readonly defaultNode: Node,
    readonly output: Field | null = null,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    if (this.cases.length === 0) return this.defaultNode.asSql(ctx);
    const parts: string[] = [];
    const params: PyValue[] = [];
    for (const w of this.cases) {
      const [s, p] = w.asSql(ctx);
      parts.push(s);
      params.push(...p);
    }
    const [d, dp] = this.defaultNode.asSql(ctx);
    return [`CASE ${parts.join(' ')} ELSE ${d} END`, [...params, ...dp]];
  }
  override outputField(): Field | null {
    return this.output ?? resolveOutputField([...this.cases, this.defaultNode]);
  }
  override sourceExpressions(): Node[] {
    return [...this.cases, this.defaultNode];
  }
}

export class OrderByNode extends Node {
  constructor(
    readonly expression: Node,
    readonly descending: boolean,
    readonly nullsFirst: boolean,
    readonly nullsLast: boolean,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    let template = '%(expression)s %(ordering)s';
    if (this.nullsLast) template += ' NULLS LAST';
    else if (this.nullsFirst) template += ' NULLS FIRST';
    const [s, p] = this.expression.asSql(ctx);
    return [formatTemplate(template, { expression: s, ordering: this.descending ? 'DESC' : 'ASC' }).trimEnd(), p];
  }
  override sourceExpressions(): Node[] {
    return [this.expression];
  }
}

class CollateNode extends Node {
  constructor(
    readonly expression: Node,
    readonly collation: string,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [s, p] = this.expression.asSql(ctx);
    return [`${s} COLLATE ${quoteName(this.collation)}`, p];
  }
  override outputField(): Field | null {
    return this.expression.outputField();
  }
  override sourceExpressions(): Node[] {
    return [this.expression];
  }
}

export class RawSqlNode extends Node {
  constructor(
    readonly sql: string,
    readonly params: PyValue[],
    readonly output: Field | null,
  ) {
    super();
  }
  asSql(): Compiled {
    return [`(${this.sql})`, [...this.params]];
  }
  override outputField(): Field | null {
    return this.output;
  }
}

// ---------------------------------------------------------------------------------------------
// Lookups and WHERE nodes
// ---------------------------------------------------------------------------------------------

const OPERATORS: Record<string, string> = {
  exact: '= %s',
  iexact: '= UPPER(%s)',
  contains: 'LIKE %s',
  icontains: 'LIKE UPPER(%s)',
  regex: '~ %s',
  iregex: '~* %s',
  gt: '> %s',
  gte: '>= %s',
  lt: '< %s',
  lte: '<= %s',
  startswith: 'LIKE %s',
  endswith: 'LIKE %s',
  istartswith: 'LIKE UPPER(%s)',
  iendswith: 'LIKE UPPER(%s)',
};

const PATTERN_ESC = "REPLACE(REPLACE(REPLACE({}, E'\\\\', E'\\\\\\\\'), E'%%', E'\\\\%%'), E'_', E'\\\\_')";
const PATTERN_OPS: Record<string, string> = {
  contains: "LIKE '%%' || {} || '%%'",
  icontains: "LIKE '%%' || UPPER({}) || '%%'",
  startswith: "LIKE {} || '%%'",
  istartswith: "LIKE UPPER({}) || '%%'",
  endswith: "LIKE '%%' || {}",
  iendswith: "LIKE '%%' || UPPER({})",
};
const PARAM_PATTERNS: Record<string, string> = {
  contains: '%{}%',
  icontains: '%{}%',
  startswith: '{}%',
  istartswith: '{}%',
  endswith: '%{}',
  iendswith: '%{}',
};

/** The lookups the compiler implements: the ones registered on Field. */
export const LOOKUP_NAMES = new Set(DEFAULT_LOOKUPS);

/** `connection.ops.lookup_cast`. */
function lookupCast(lookupName: string, internal: string): string {
  let lookup = '%s';
  if (['iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'regex', 'iregex'].includes(lookupName)) {
    lookup = internal === 'IPAddressField' || internal === 'GenericIPAddressField' ? 'HOST(%s)' : '%s::text';
  }
  if (['iexact', 'icontains', 'istartswith', 'iendswith'].includes(lookupName)) lookup = `UPPER(${lookup})`;
  return lookup;
}

function prepForLikeQuery(x: PyValue): string {
  return str(x).replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_');
}

/** The field a lookup value is prepared with: a ForeignKey's target (recursively). */
function lookupValueField(field: Field): Field {
  let f = field;
  while (f instanceof ForeignKey) f = targetField(f);
  return f;
}

const FIELD_DB_PREP_LOOKUPS = new Set(['exact', 'gt', 'gte', 'lt', 'lte', 'in', 'range']);
const NO_PREPARE_RHS = new Set(['iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'isnull', 'regex', 'iregex']);

export class LookupNode extends Node {
  readonly rhs: PyValue | Node;
  constructor(
    readonly lookupName: string,
    readonly lhs: Node,
    rhs: PyValue | Node,
  ) {
    super();
    this.rhs = this.prepLookup(rhs);
  }

  private get lhsField(): Field | null {
    return this.lhs.outputField();
  }

  private isIntegerLhs(): boolean {
    const f = this.lhsField;
    return f instanceof IntegerField && !(this.lhs instanceof Col && this.lhs.target instanceof ForeignKey);
  }

  /** get_prep_lookup */
  private prepLookup(rhs: PyValue | Node): PyValue | Node {
    if (rhs instanceof Node) return rhs;
    let value = rhs;
    // IntegerFieldFloatRounding (gte, lt on integer fields).
    if ((this.lookupName === 'gte' || this.lookupName === 'lt') && this.isIntegerLhs() && typeof value === 'number') {
      value = Math.ceil(value);
    }
    if (NO_PREPARE_RHS.has(this.lookupName)) return value;
    const field = this.lhsField;
    if (this.lookupName === 'in' || this.lookupName === 'range') {
      const items = toArray(value);
      return new PyList(items.map((v) => (v instanceof Node || !field ? v : getPrepValue(lookupValueField(field), v))));
    }
    if (field) return getPrepValue(lookupValueField(field), value);
    return value;
  }

  /** get_db_prep_lookup for FieldGetDbPrepValueMixin lookups. */
  private dbPrep(v: PyValue): PyValue {
    const field = this.lhsField;
    if (!field || !FIELD_DB_PREP_LOOKUPS.has(this.lookupName)) return v;
    return getDbPrepValue(lookupValueField(field), v, true);
  }

  private processLhs(ctx: CompileContext): Compiled {
    const [sql, params] = this.lhs.asSql(ctx);
    const s = this.lhs instanceof LookupNode ? `(${sql})` : sql;
    const field = this.lhsField;
    const internal = field ? internalTypeForCast(this.lhs, field) : '';
    return [interpolateTemplate(lookupCast(this.lookupName, internal), s), [...params]];
  }

  private processRhs(ctx: CompileContext): Compiled {
    const value = this.rhs;
    if (value instanceof Node) {
      let [sql, params] = value.asSql(ctx);
      if (!(value instanceof ValueNode) && sql && sql[0] !== '(') sql = `(${sql})`;
      return [sql, params];
    }
    return ['%s', [this.dbPrep(value)]];
  }

  private checkIntegerRange(): void {
    if (!this.isIntegerLhs() || typeof this.rhs !== 'bigint') return;
    const range = INTEGER_FIELD_RANGES[internalType(this.lhsField!)];
    if (!range) return;
    const [min, max] = range;
    const n = this.lookupName;
    const underflow = n === 'gt' || n === 'gte' ? FullResultSet : EmptyResultSet;
    const overflow = n === 'lt' || n === 'lte' ? FullResultSet : EmptyResultSet;
    if (this.rhs < min) throw new underflow();
    if (this.rhs > max) throw new overflow();
  }

  asSql(ctx: CompileContext): Compiled {
    const n = this.lookupName;
    if (n === 'isnull') {
      if (typeof this.rhs !== 'boolean') throw pyError(ValueError, 'The QuerySet value for an isnull lookup must be True or False.');
      if (this.lhs instanceof ValueNode) {
        const isNullValue = this.lhs.value === None;
        if (isNullValue) throw this.rhs ? new FullResultSet() : new EmptyResultSet();
        throw this.rhs ? new EmptyResultSet() : new FullResultSet();
      }
      const [sql, params] = this.processLhs(ctx);
      return [`${sql} ${this.rhs ? 'IS NULL' : 'IS NOT NULL'}`, params];
    }
    if (n === 'exact' && typeof this.rhs === 'boolean' && this.lhs.conditional) {
      const [sql, params] = this.processLhs(ctx);
      return [this.rhs ? sql : `NOT ${sql}`, params];
    }
    if (['exact', 'gt', 'gte', 'lt', 'lte'].includes(n)) this.checkIntegerRange();
    if (n === 'in') return this.inSql(ctx);
    if (n === 'range') {
      const [lhs, params] = this.processLhs(ctx);
      const items = toArray(this.rhs as PyValue);
      const sqls: string[] = [];
      for (const v of items) {
        if (v instanceof Node) {
          const [s, p] = v.asSql(ctx);
          sqls.push(s);
          params.push(...p);
        } else {
          sqls.push('%s');
          params.push(this.dbPrep(v));
        }
      }
      return [`${lhs} BETWEEN ${sqls[0]} AND ${sqls[1]}`, params];
    }
    const [lhs, params] = this.processLhs(ctx);
    let [rhs, rhsParams] = this.processRhs(ctx);
    if (n in PARAM_PATTERNS && !(this.rhs instanceof Node) && rhsParams.length) {
      rhsParams = [PARAM_PATTERNS[n]!.replace('{}', prepForLikeQuery(rhsParams[0]!)), ...rhsParams.slice(1)];
    }
    params.push(...rhsParams);
    let op: string;
    if (n in PATTERN_OPS && this.rhs instanceof Node) {
      op = PATTERN_OPS[n]!.replace('{}', PATTERN_ESC).replace('{}', rhs);
    } else {
      const template = OPERATORS[n];
      if (template === undefined) throw pyError(FieldError, `Unsupported lookup '${n}'`);
      op = interpolateTemplate(template, rhs);
    }
    return [`${lhs} ${op}`, params];
  }

  private inSql(ctx: CompileContext): Compiled {
    const [lhs, params] = this.processLhs(ctx);
    if (this.rhs instanceof Node) {
      const [s, p] = this.rhs.asSql(ctx);
      params.push(...p);
      return [`${lhs} IN ${s}`, params];
    }
    // OrderedSet(rhs) minus None
    const seen = new Set<unknown>();
    const values: PyValue[] = [];
    for (const v of toArray(this.rhs)) {
      if (v === None) continue;
      const key = v instanceof Node ? v : hashKey(v);
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(v);
    }
    if (values.length === 0) throw new EmptyResultSet();
    const sqls: string[] = [];
    for (const v of values) {
      if (v instanceof Node) {
        const [s, p] = v.asSql(ctx);
        sqls.push(s);
        params.push(...p);
      } else {
        sqls.push('%s');
        params.push(this.dbPrep(v));
      }
    }
    return [`${lhs} IN (${sqls.join(', ')})`, params];
  }

  override outputField(): Field {
    return BOOLEAN_FIELD();
  }
  override get conditional(): boolean {
    return true;
  }
  override sourceExpressions(): Node[] {
    const out = [this.lhs];
    if (this.rhs instanceof Node) out.push(this.rhs);
    else if (this.rhs instanceof PyList) for (const v of this.rhs.items) if (v instanceof Node) out.push(v);
    return out;
  }
}

function internalTypeForCast(lhs: Node, field: Field): string {
  if (lhs instanceof Col && lhs.target instanceof ForeignKey) return 'ForeignKey';
  return internalType(field);
}

/** A WHERE clause node: children joined by the connector. */
export class WhereNode extends Node {
  constructor(
    public children: Node[],
    public connector: string = AND,
    public negated = false,
  ) {
    super();
  }

  /** tree.Node.add */
  add(data: Node, connType: string): void {
    if (this.connector !== connType) {
      const copy = new WhereNode(this.children, this.connector, this.negated);
      this.connector = connType;
      this.children = [copy, data];
      return;
    }
    if (data instanceof WhereNode && !data.negated && (data.connector === connType || data.children.length === 1)) {
      this.children.push(...data.children);
      return;
    }
    this.children.push(data);
  }

  asSql(ctx: CompileContext): Compiled {
    if (this.connector === XOR) return this.xorSql(ctx);
    const result: string[] = [];
    const resultParams: PyValue[] = [];
    let [fullNeeded, emptyNeeded] = this.connector === AND ? [this.children.length, 1] : [1, this.children.length];
    for (const child of this.children) {
      try {
        const [sql, params] = child.asSql(ctx);
        if (sql) {
          result.push(sql);
          resultParams.push(...params);
        } else fullNeeded--;
      } catch (e) {
        if (e instanceof EmptyResultSet) emptyNeeded--;
        else if (e instanceof FullResultSet) fullNeeded--;
        else throw e;
      }
      if (emptyNeeded === 0) throw this.negated ? new FullResultSet() : new EmptyResultSet();
      if (fullNeeded === 0) throw this.negated ? new EmptyResultSet() : new FullResultSet();
    }
    let sql = result.join(` ${this.connector} `);
    if (!sql) throw new FullResultSet();
    if (this.negated) sql = `NOT (${sql})`;
    else if (result.length > 1) sql = `(${sql})`;
    return [sql, resultParams];
  }

  /** PostgreSQL has no logical XOR: `(a OR b OR …) AND 1 = MOD(CASE… + CASE…, 2)`. */
  private xorSql(ctx: CompileContext): Compiled {
    const lhs = new WhereNode(this.children, OR);
    const one = () => new ValueNode(1n, INTEGER_FIELD());
    const zero = () => new ValueNode(0n, INTEGER_FIELD());
    let sum: Node = new CaseNode([new WhenNode(this.children[0]!, one())], zero());
    for (const c of this.children.slice(1)) {
      sum = new CombinedNode(sum, '+', new CaseNode([new WhenNode(c, one())], zero()));
    }
    if (this.children.length > 2) sum = new FuncNode([sum, new ValueNode(2n, INTEGER_FIELD())], 'MOD');
    const rhs = new LookupNode('exact', new ValueNode(1n, INTEGER_FIELD()), sum);
    return new WhereNode([lhs, rhs], AND, this.negated).asSql(ctx);
  }

  override outputField(): Field {
    return BOOLEAN_FIELD();
  }
  override get conditional(): boolean {
    return true;
  }
  override sourceExpressions(): Node[] {
    return this.children;
  }
}

let booleanField: Field | null = null;
function BOOLEAN_FIELD(): Field {
  return (booleanField ??= makeField('BooleanField'));
}
let integerField: Field | null = null;
function INTEGER_FIELD(): Field {
  return (integerField ??= makeField('IntegerField'));
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Python `template % data` for `%(name)s` keys and `%%`. */
function formatTemplate(template: string, data: Record<string, string>): string {
  return template.replace(/%(?:\(([^)]*)\)s|%)/g, (m, name: string | undefined) => {
    if (m === '%%') return '%%';
    const v = data[name!];
    if (v === undefined) throw new Error(`KeyError: '${name}'`);
    return v;
  });
}

/** Python `template % value` for a single `%s` (keeps `%%`-escapes of the value intact). */
function interpolateTemplate(template: string, value: string): string {
  return template.replace('%s', () => value);
}

/**
 * `_resolve_output_field`: the first source's output field, which every other source's field
 * class must accept (`isinstance(first, source.__class__)`), as Django checks it.
 */
function resolveOutputField(sources: Node[]): Field | null {
  const fields = sources.map((s) => s.outputField()).filter((f): f is Field => f !== null);
  const first = fields[0];
  if (!first) return null;
  for (const f of fields.slice(1)) {
    const ctor = f.constructor as abstract new (...args: never[]) => unknown;
    if (!((first as object) instanceof ctor)) {
      throw pyError(FieldError, `Expression contains mixed types: ${first.className}, ${f.className}. You must set output_field.`);
    }
  }
  return first;
}

/** Value's output field inferred from the Python type (Value._resolve_output_field). */
function valueOutputField(v: PyValue): Field | null {
  switch (typeof v) {
    case 'string':
      return makeField('CharField');
    case 'boolean':
      return BOOLEAN_FIELD();
    case 'bigint':
      return INTEGER_FIELD();
    case 'number':
      return makeField('FloatField');
  }
  return null;
}

function kwarg(e: DeconstructibleObject, name: string, position: number): PyValue | undefined {
  if (e.ctorKwargs.has(name)) return e.ctorKwargs.get(name);
  return e.ctorArgs[position];
}

function fieldOrNull(v: PyValue | undefined): Field | null {
  return v instanceof PyObject && typeof (v as Field).getInternalType === 'function' && 'nullValue' in v ? (v as Field) : null;
}

// ---------------------------------------------------------------------------------------------
// JSONField key transforms and lookups, shared by the ORM and the schema compiler
// ---------------------------------------------------------------------------------------------

/** KeyTransform / KeyTextTransform: `("t"."c" -> 'k')`, `("t"."c" #> ARRAY['a','b'])`, `->>` for text. */
export class KeyTransformNode extends Node {
  constructor(
    readonly lhs: Node,
    readonly keys: string[],
    readonly text: boolean,
    readonly output: Field,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [sql, params] = this.lhs.asSql(ctx);
    if (this.keys.length > 1) return [`(${sql} ${this.text ? '#>>' : '#>'} %s)`, [...params, new PyList(this.keys)]];
    const key = this.keys[0]!;
    const asInt = /^-?\d+$/.test(key) ? BigInt(key) : key;
    return [`(${sql} ${this.text ? '->>' : '->'} %s)`, [...params, asInt]];
  }
  override outputField(): Field {
    return this.text ? makeField('TextField') : this.output;
  }
  override sourceExpressions(): Node[] {
    return [this.lhs];
  }
}

/** JSON lookups with operators: contains (@>), contained_by (<@), has_key (?), has_keys (?&), has_any_keys (?|). */
export class JsonOperatorNode extends Node {
  constructor(
    readonly lhs: Node,
    readonly operator: string,
    readonly rhs: PyValue,
    readonly negated = false,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [sql, params] = this.lhs.asSql(ctx);
    const out = `${sql} ${this.operator} %s`;
    return [this.negated ? `NOT ${out}` : out, [...params, this.rhs]];
  }
  override get conditional(): boolean {
    return true;
  }
  override sourceExpressions(): Node[] {
    return [this.lhs];
  }
}

export const JSON_LOOKUPS = new Set(['contains', 'contained_by', 'has_key', 'has_keys', 'has_any_keys']);
export const KEY_TEXT_LOOKUPS = new Set(['iexact', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'regex', 'iregex']);

/**
 * JSONField lookups and key transforms (`data__owner__name='x'`, `data__has_key='k'`,
 * `data__contains={...}`): operator nodes, or `buildLookup` on the key transform.
 */
export function jsonLookup(col: Node, field: Field, names: string[], value: PyValue | Node, buildLookup: (lookup: string, lhs: Node, rhs: PyValue | Node) => Node): Node {
  const jsonb = (v: PyValue) => new SqlLiteral(`'${pyJsonDumps(v).replace(/'/g, "''")}'::jsonb`);
  if (names.length === 1 && JSON_LOOKUPS.has(names[0]!)) {
    const lookup = names[0]!;
    if (value instanceof Node) throw pyError(FieldError, 'Expressions are not supported for JSON lookups in this sandbox');
    if (lookup === 'contains') return new JsonOperatorNode(col, '@>', jsonb(value));
    if (lookup === 'contained_by') return new JsonOperatorNode(col, '<@', jsonb(value));
    if (lookup === 'has_key') return new JsonOperatorNode(col, '?', str(value));
    return new JsonOperatorNode(col, lookup === 'has_keys' ? '?&' : '?|', new PyList(toArray(value).map((v) => str(v))));
  }
  const keys: string[] = [];
  let i = 0;
  for (; i < names.length; i++) {
    const n = names[i]!;
    if (i > 0 && (LOOKUP_NAMES.has(n) || JSON_LOOKUPS.has(n)) && i === names.length - 1) break;
    keys.push(n);
  }
  const lookup = names[i] ?? 'exact';
  if (lookup === 'isnull') {
    if (typeof value !== 'boolean') throw pyError(ValueError, 'The QuerySet value for an isnull lookup must be True or False.');
    const lhs = keys.length > 1 ? new KeyTransformNode(col, keys.slice(0, -1), false, field) : col;
    return new JsonOperatorNode(lhs, '?', keys[keys.length - 1]!, value);
  }
  const lhs = new KeyTransformNode(col, keys, KEY_TEXT_LOOKUPS.has(lookup), field);
  if (lookup === 'contains' || lookup === 'contained_by') {
    return new JsonOperatorNode(lhs, lookup === 'contains' ? '@>' : '<@', jsonb(value as PyValue));
  }
  if (value === None && lookup === 'exact') return new LookupNode('exact', lhs, jsonb(None));
  return buildLookup(lookup, lhs, value);
}

// ---------------------------------------------------------------------------------------------
// Transforms of date/time columns (`__year`, `__date` …), shared by the ORM and the schema compiler
// ---------------------------------------------------------------------------------------------

const DATE_TRANSFORM_SET = new Set(DATE_TRANSFORMS);
const DATETIME_TRANSFORM_SET = new Set([...DATE_TRANSFORMS, ...TIME_TRANSFORMS, 'date', 'time']);
const TIME_TRANSFORM_SET = new Set(TIME_TRANSFORMS);

/** The transforms (`__year`, `__date` …) a field's values accept. */
export function transformsFor(field: Field): Set<string> {
  const t = internalType(field);
  if (t === 'DateTimeField') return DATETIME_TRANSFORM_SET;
  if (t === 'DateField') return DATE_TRANSFORM_SET;
  if (t === 'TimeField') return TIME_TRANSFORM_SET;
  return new Set();
}

/** Extract/TruncDate/TruncTime as lookups use them: `EXTRACT(MONTH FROM "t"."c" AT TIME ZONE 'UTC')`. */
export class TransformNode extends Node {
  constructor(
    readonly lhs: Node,
    readonly kind: string,
    /** Time zone name for datetime columns when USE_TZ (null otherwise). */
    readonly tz: string | null,
    readonly isDatetime: boolean,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    let [sql, params] = this.lhs.asSql(ctx);
    params = [...params];
    if (this.isDatetime && this.tz) {
      sql = `${sql} AT TIME ZONE %s`;
      params.push(this.tz);
    }
    switch (this.kind) {
      case 'date':
        return [`(${sql})::date`, params];
      case 'time':
        return [`(${sql})::time`, params];
      case 'week_day':
        return [`EXTRACT(DOW FROM ${sql}) + 1`, params];
      case 'iso_week_day':
        return [`EXTRACT(ISODOW FROM ${sql})`, params];
      case 'iso_year':
        return [`EXTRACT(ISOYEAR FROM ${sql})`, params];
      case 'second':
        if (this.isDatetime) return [`EXTRACT(SECOND FROM DATE_TRUNC(%s, ${sql}))`, ['second', ...params]];
    }
    return [`EXTRACT(${this.kind.toUpperCase()} FROM ${sql})`, params];
  }
  override outputField(): Field {
    if (this.kind === 'date') return makeField('DateField');
    if (this.kind === 'time') return makeField('TimeField');
    return makeField('IntegerField');
  }
  override sourceExpressions(): Node[] {
    return [this.lhs];
  }
}

/** YearLookup's range form: `"t"."c" BETWEEN %s AND %s` (or one bound for gt/gte/lt/lte). */
export class YearBoundsNode extends Node {
  constructor(
    readonly col: Node,
    readonly lookup: string,
    readonly start: PyValue,
    readonly finish: PyValue,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [sql, params] = this.col.asSql(ctx);
    switch (this.lookup) {
      case 'gt':
        return [`${sql} > %s`, [...params, this.finish]];
      case 'gte':
        return [`${sql} >= %s`, [...params, this.start]];
      case 'lt':
        return [`${sql} < %s`, [...params, this.start]];
      case 'lte':
        return [`${sql} <= %s`, [...params, this.finish]];
    }
    return [`${sql} BETWEEN %s AND %s`, [...params, this.start, this.finish]];
  }
  override get conditional(): boolean {
    return true;
  }
  override sourceExpressions(): Node[] {
    return [this.col];
  }
}

/** `year_lookup_bounds_for_date(time)_field`: the first and last instants of a year. */
export function yearBounds(year: number, datetime: boolean, useTz: boolean): [PyValue, PyValue] {
  if (!datetime) return [new PyDate(year, 1, 1), new PyDate(year, 12, 31)];
  const tz = useTz ? UTC : None;
  return [new PyDatetime(year, 1, 1, 0, 0, 0, 0, tz), new PyDatetime(year, 12, 31, 23, 59, 59, 999999, tz)];
}

// ---------------------------------------------------------------------------------------------
// Resolution: Python expression objects → nodes
// ---------------------------------------------------------------------------------------------

/** Functions with NumericOutputFieldMixin: a decimal if any source is, else a float if any is an integer. */
const NUMERIC_OUTPUT_FUNCTIONS = new Set(['Sqrt', 'Exp', 'Ln', 'Log', 'Power', 'Mod', 'Degrees', 'Radians', 'Sin', 'Cos', 'Tan', 'Cot', 'ASin', 'ACos', 'ATan', 'ATan2']);

function numericOutput(args: Node[]): Field | null {
  const types = args.map((a) => {
    const f = a.outputField();
    return f ? internalType(f) : '';
  });
  if (types.includes('DecimalField')) return makeField('DecimalField');
  if (types.some((t) => t.endsWith('IntegerField'))) return makeField('FloatField');
  return args[0]?.outputField() ?? null;
}

/**
 * FixDecimalInputMixin on PostgreSQL (Round, Log, Mod): float arguments are cast to
 * numeric(1000, 15), as ROUND/LOG/MOD have no double precision forms taking two arguments.
 */
function fixDecimalInput(args: Node[]): Node[] {
  return args.map((a) => {
    const f = a.outputField();
    if (!f || internalType(f) !== 'FloatField') return a;
    return new FuncNode([a], 'CAST', '(%(expressions)s)::%(db_type)s', ', ', makeField('DecimalField'), { db_type: 'numeric(1000, 15)' });
  });
}

/** Whether `hasattr(expr, 'output_field')` holds before resolution: plain values and Values, expressions given one. */
function hasOutputFieldBeforeResolution(expr: PyValue): boolean {
  if (expr instanceof F || expr instanceof Q) return false;
  if (expr instanceof Value) return true;
  if (expr instanceof DeconstructibleObject) return fieldOrNull(expr.ctorKwargs.get('output_field')) !== null;
  return true;
}

/** Whether a Python value is a query expression (has resolve_expression). */
export function isExpressionValue(v: PyValue): boolean {
  return v instanceof F || v instanceof Q || v instanceof DeconstructibleObject;
}

export class SchemaQuery {
  constructor(
    readonly model: ModelMeta,
    /** settings.USE_TZ: datetime transforms convert to the current time zone (UTC) first. */
    readonly useTz = true,
  ) {}

  /**
   * Applies the transforms of a lookup path to a date/time column (`start__year`, `end__date`,
   * `start__date__year`): the transformed node and the names left over.
   */
  private applyTransforms(field: Field, lhs: Node, names: string[]): { node: Node; rest: string[]; kind: string | null } {
    if (!names.length || field.isRelation || !transformsFor(field).has(names[0]!) || (names.length === 1 && LOOKUP_NAMES.has(names[0]!))) {
      return { node: lhs, rest: names, kind: null };
    }
    const kind = names[0]!;
    const isDatetime = internalType(field) === 'DateTimeField';
    let node: Node = new TransformNode(lhs, kind, isDatetime && this.useTz ? 'UTC' : null, isDatetime);
    let rest = names.slice(1);
    const inner = rest[0];
    if (inner !== undefined && !LOOKUP_NAMES.has(inner) && transformsFor(node.outputField()!).has(inner)) {
      node = new TransformNode(node, inner, null, false);
      rest = rest.slice(1);
    }
    return { node, rest, kind };
  }

  /** Looks a field up by name, attname or 'pk', as names_to_path does for the first part. */
  private field(name: string): Field {
    if (name === 'pk') {
      const pk = this.model.pk;
      if (pk) return pk;
    }
    const f = this.model.findField(name);
    if (f && !f.manyToMany) return f;
    if (f) throw pyError(FieldError, 'Joined field references are not permitted in this query');
    const choices = [...this.model.forwardFields.map((x) => x.name!), ...this.model.relatedObjects.map((r) => relatedQueryName(r.field))]
      .filter((x, i, a) => a.indexOf(x) === i)
      .sort();
    throw pyError(FieldError, `Cannot resolve keyword '${name}' into field. Choices are: ${choices.join(', ')}`);
  }

  /** A column reference for a field (FK columns output their target field, like ForeignKey.get_col). */
  col(field: Field): Col {
    let output: Field = field;
    while (output instanceof ForeignKey) output = targetField(output);
    return new Col(field, field instanceof ForeignKey ? field : output);
  }

  /** F('name') → Col (F('name__date') → the transformed column). */
  resolveF(name: string): Node {
    const parts = name.split('__');
    if (parts.length > 1) {
      const first = this.field(parts[0]!);
      if (first.isRelation) throw pyError(FieldError, 'Joined field references are not permitted in this query');
      const t = this.applyTransforms(first, this.col(first), parts.slice(1));
      if (t.kind !== null && t.rest.length === 0) return t.node;
      throw pyError(FieldError, `Cannot resolve keyword '${parts[1]}' into field. Join on '${parts[0]}' not permitted.`);
    }
    return this.col(this.field(name));
  }

  /** Resolves an expression (or a plain value, as Value) to a node. */
  resolve(expr: PyValue): Node {
    if (expr instanceof F) return this.resolveF(expr.name);
    if (expr instanceof Q) return this.buildWhere(expr);
    if (expr instanceof Value) {
      const explicit = fieldOrNull(kwarg(expr, 'output_field', 1));
      return new ValueNode(expr.value, explicit ?? valueOutputField(expr.value));
    }
    if (expr instanceof LookupExpression) return this.resolveLookup(expr);
    if (expr instanceof DeconstructibleObject) return this.resolveObject(expr);
    return new ValueNode(expr, valueOutputField(expr));
  }

  /**
   * A lookup used as an expression (`GreaterThan(F('stock'), 0)`): a plain lhs is a Value; a plain
   * rhs of a lookup that prepares it becomes a Value when the lhs has no output field before
   * resolution (an F() or a function without output_field), as Lookup.get_prep_lookup does.
   */
  private resolveLookup(e: LookupExpression): Node {
    const lhs = this.resolve(e.lhs);
    const name = e.lookupName;
    let rhs: PyValue | Node = e.rhs;
    if (isExpressionValue(rhs)) rhs = this.resolve(rhs);
    else if (!NO_PREPARE_RHS.has(name) && name !== 'in' && name !== 'range' && !hasOutputFieldBeforeResolution(e.lhs)) {
      rhs = new ValueNode(rhs, valueOutputField(rhs));
    }
    return new LookupNode(name, lhs, rhs);
  }

  /** A function argument: strings are field references (F), other plain values become Value. */
  private resolveArg(arg: PyValue): Node {
    if (typeof arg === 'string') return this.resolveF(arg);
    return this.resolve(arg);
  }

  private resolveObject(e: DeconstructibleObject): Node {
    const name = e.cls.name;
    const k = (n: string, pos: number) => kwarg(e, n, pos);
    switch (name) {
      case 'OrderBy': {
        const expr = this.resolve(k('expression', 0)!);
        return new OrderByNode(expr, truthy(k('descending', 1) ?? false), truthy(k('nulls_first', 2) ?? false), truthy(k('nulls_last', 3) ?? false));
      }
      case 'Collate':
        return new CollateNode(this.resolveArg(k('expression', 0)!), str(k('collation', 1)!));
      case 'CombinedExpression':
        return new CombinedNode(this.resolve(k('lhs', 0)!), str(k('connector', 1)!), this.resolve(k('rhs', 2)!), fieldOrNull(k('output_field', 3)));
      case 'KeyTransform':
      case 'KeyTextTransform': {
        // KeyTransform.preprocess_lhs: the keys of nested key transforms, outermost last
        const keys: string[] = [];
        let inner: PyValue = e;
        while (inner instanceof DeconstructibleObject && (inner.cls.name === 'KeyTransform' || inner.cls.name === 'KeyTextTransform')) {
          keys.unshift(str(kwarg(inner, 'key_name', 0)!));
          inner = kwarg(inner, 'expression', 1)!;
        }
        const base = this.resolveArg(inner);
        return new KeyTransformNode(base, keys, name === 'KeyTextTransform', base.outputField() ?? makeField('JSONField'));
      }
      case 'ExpressionWrapper':
        return this.resolve(k('expression', 0)!);
      case 'RawSQL':
        return new RawSqlNode(str(k('sql', 0)!), toArray(k('params', 1) ?? new PyTuple([])), fieldOrNull(k('output_field', 2)));
      case 'When': {
        const cond = k('condition', 0);
        const lookups = [...e.ctorKwargs].filter(([n]) => n !== 'condition' && n !== 'then').sort((a, b) => (a[0] < b[0] ? -1 : 1));
        let q: PyValue;
        if (cond !== undefined && cond !== None) q = lookups.length ? new Q([cond, ...lookups.map(([n, v]) => new PyTuple([n, v]))]) : cond;
        else q = new Q(lookups.map(([n, v]) => new PyTuple([n, v])));
        const condition = q instanceof Q ? this.buildWhere(q) : this.resolve(q);
        return new WhenNode(condition, this.resolveArg(k('then', 1) ?? None));
      }
      case 'Case': {
        const cases = e.ctorArgs.map((c) => this.resolve(c)).filter((n): n is WhenNode => n instanceof WhenNode);
        const def = e.ctorKwargs.get('default') ?? None;
        return new CaseNode(cases, this.resolveArg(def), fieldOrNull(e.ctorKwargs.get('output_field')));
      }
    }
    if (e instanceof Func) return this.resolveFunc(e);
    throw pyError(FieldError, `Unsupported expression in schema SQL: ${repr(e)}`);
  }

  private resolveFunc(e: Func): Node {
    const name = e.cls.name;
    const kwargs = e.ctorKwargs;
    const output = fieldOrNull(kwargs.get('output_field'));
    const bind = e.cls.native['bindArgs'] as ((args: PyValue[], kwargs: Kwargs) => PyValue[]) | undefined;
    const args = (bind ? bind(e.ctorArgs, kwargs) : e.ctorArgs.filter((_, i) => !(name === 'Cast' && i === 1))).map((a) => this.resolveArg(a));
    const bound = new Set((e.cls.native['sourceKwargs'] as string[] | undefined) ?? []);
    switch (name) {
      case 'Now':
        return new FuncNode([], 'CURRENT_TIMESTAMP', 'STATEMENT_TIMESTAMP()', ', ', makeField('DateTimeField'));
      case 'Cast': {
        const of = fieldOrNull(kwarg(e, 'output_field', 1));
        if (!of) throw pyError(FieldError, 'Cast requires an output_field');
        return new FuncNode(args.slice(0, 1), 'CAST', '(%(expressions)s)::%(db_type)s', ', ', of, { db_type: castDbType(of) });
      }
      case 'Lag':
      case 'Lead':
      case 'NthValue':
      case 'Ntile': {
        // their defaulted arguments (offset=1, nth=1, num_buckets=1) are written out
        const arrange = e.cls.native['arrangeSources'] as (a: PyValue[], k: Kwargs) => PyValue[];
        const full = arrange(e.ctorArgs, kwargs).map((a) => this.resolveArg(a));
        return new FuncNode(full, e.functionName, undefined, undefined, output ?? (name === 'Ntile' ? makeField('IntegerField') : (full[0]?.outputField() ?? null)));
      }
      case 'Round': {
        const precision = kwargs.get('precision') ?? e.ctorArgs[1] ?? 0n;
        const rest = e.ctorArgs.length > 1 ? args : [...args, this.resolve(precision)];
        // Round's output is its expression's (not the precision's)
        return new FuncNode(fixDecimalInput(rest), 'ROUND', undefined, undefined, output ?? args[0]?.outputField() ?? null);
      }
      case 'Mod':
      case 'Log':
        return new FuncNode(fixDecimalInput(args), e.functionName, undefined, undefined, output ?? numericOutput(args));
      case 'Concat':
        return this.concat(args, output);
      case 'Trim':
      case 'LTrim':
      case 'RTrim':
      case 'Lower':
      case 'Upper':
      case 'Length':
      case 'MD5':
      case 'Abs':
      case 'Ceil':
      case 'Floor':
      case 'Coalesce':
      case 'Greatest':
      case 'Least':
      case 'NullIf':
      case 'Replace':
      case 'Substr':
        break;
    }
    let fn = e.functionName;
    const fnKw = kwargs.get('function');
    if (typeof fnKw === 'string') fn = fnKw;
    const tpl = kwargs.get('template');
    const joiner = kwargs.get('arg_joiner');
    const extra: Record<string, string> = {};
    for (const [key, v] of kwargs) if (!['function', 'template', 'arg_joiner', 'output_field'].includes(key) && !bound.has(key)) extra[key] = str(v);
    let out = output;
    if (!out && (name === 'Length')) out = makeField('IntegerField');
    if (!out && (name === 'Substr' || name === 'Left' || name === 'Right' || name === 'LPad' || name === 'RPad' || name === 'Repeat' || name === 'Chr')) out = makeField('CharField');
    // window functions: ranks are integers, distributions floats, value functions their expression's type
    if (!out && ['RowNumber', 'Rank', 'DenseRank', 'Ntile'].includes(name)) out = makeField('IntegerField');
    if (!out && ['CumeDist', 'PercentRank'].includes(name)) out = makeField('FloatField');
    if (!out && ['Lag', 'Lead', 'FirstValue', 'LastValue', 'NthValue'].includes(name)) out = args[0]?.outputField() ?? null;
    if (!out && (name === 'StrIndex' || name === 'Ord')) out = makeField('IntegerField');
    if (!out && name === 'Reverse') out = args[0]?.outputField() ?? null;
    if (!out && NUMERIC_OUTPUT_FUNCTIONS.has(name)) out = numericOutput(args);
    if (!out && (name === 'Pi' || name === 'Random')) out = makeField('FloatField');
    if (!out && (name === 'Abs' || name === 'Sign' || name === 'Ceil' || name === 'Floor')) out = args[0]?.outputField() ?? null;
    if (!out && (name === 'MD5' || name === 'Lower' || name === 'Upper' || name === 'Trim' || name === 'LTrim' || name === 'RTrim')) {
      out = args[0]?.outputField() ?? null;
    }
    if (name === 'Replace' && args.length === 2) args.push(new ValueNode('', makeField('CharField')));
    return new FuncNode(args, fn, typeof tpl === 'string' ? tpl : undefined, typeof joiner === 'string' ? joiner : undefined, out, extra);
  }

  /** Concat → nested ConcatPair, PostgreSQL flavour: `(COALESCE(a, '') || COALESCE(b, ''))`. */
  private concat(args: Node[], output: Field | null): Node {
    const pair = (items: Node[]): Node => {
      const [first, ...rest] = items;
      const second = rest.length === 1 ? rest[0]! : pair(rest);
      const sources = [first!, second].map((s) => {
        const of = s instanceof FuncNode && s.fn === 'CONCAT_PAIR' ? null : s.outputField();
        const isText = of instanceof CharField || of instanceof TextField || (s instanceof FuncNode && s.fn === 'CONCAT_PAIR');
        const casted = isText ? s : new FuncNode([s], 'CAST', '(%(expressions)s)::%(db_type)s', ', ', makeField('TextField'), { db_type: 'text' });
        return new FuncNode([casted, new ValueNode('', makeField('CharField'))], 'COALESCE');
      });
      return new FuncNode(sources, 'CONCAT_PAIR', '(%(expressions)s)', ' || ', output);
    };
    if (args.length < 2) throw pyError(ValueError, 'Concat must take at least two expressions');
    const inner = pair(args);
    return new FuncNode([inner], 'CONCAT', '%(expressions)s', ', ', output);
  }

  // -------------------------------------------------------------------------------------------
  // Q → WHERE (Query._add_q / build_filter)
  // -------------------------------------------------------------------------------------------

  buildWhere(q: Q): WhereNode {
    return this.addQ(q, false, false);
  }

  private addQ(q: Q, branchNegated: boolean, currentNegated: boolean): WhereNode {
    const connector = q.connector;
    currentNegated = currentNegated !== q.negated;
    branchNegated = branchNegated || q.negated;
    const target = new WhereNode([], connector, q.negated);
    for (const child of q.children) {
      const clause = this.buildFilter(child, branchNegated, currentNegated);
      if (clause) target.add(clause, connector);
    }
    return target;
  }

  private buildFilter(filterExpr: PyValue, branchNegated: boolean, currentNegated: boolean): Node | null {
    if (filterExpr instanceof Q) return this.addQ(filterExpr, branchNegated, currentNegated);
    if (!(filterExpr instanceof PyTuple)) {
      if (isExpressionValue(filterExpr)) {
        const condition = this.resolve(filterExpr);
        if (!condition.conditional) throw pyError(PyTypeError, 'Cannot filter against a non-conditional expression.');
        const lookup = condition instanceof LookupNode ? condition : new LookupNode('exact', condition, true);
        return new WhereNode([lookup], AND);
      }
      throw pyError(FieldError, `Cannot parse keyword query ${repr(filterExpr)}`);
    }
    const [arg, value] = filterExpr.items as [PyValue, PyValue];
    if (typeof arg !== 'string' || !arg) throw pyError(FieldError, `Cannot parse keyword query ${repr(arg)}`);
    const parts = arg.split('__');
    const field = this.field(parts[0]!);
    const names = parts.slice(1);
    if (internalType(field) === 'JSONField' && (names.length > 1 || (names.length === 1 && (!LOOKUP_NAMES.has(names[0]!) || JSON_LOOKUPS.has(names[0]!))))) {
      const value0 = isExpressionValue(value) ? this.resolve(value) : value;
      const node = jsonLookup(this.col(field), field, names, value0, (lookup, lhs, rhs) => new LookupNode(lookup, lhs, rhs));
      const clause = new WhereNode([node], AND);
      if (currentNegated && field.isNull) clause.add(new LookupNode('isnull', this.col(field), false), AND);
      return clause;
    }
    const transformed = this.applyTransforms(field, this.col(field), names);
    if (transformed.kind !== null) return this.buildTransformFilter(field, transformed, value, currentNegated);
    const lookups = parts.slice(1);
    if (lookups.length > 1) {
      if (field.isRelation) throw pyError(FieldError, 'Joined field references are not permitted in this query');
      throw pyError(FieldError, `Unsupported lookup '${lookups.join('__')}' for ${field.className} or join on the field not permitted${lookupSuggestion(lookups[0]!, field)}`);
    }
    let lookupName = lookups[0] ?? 'exact';
    if (!LOOKUP_NAMES.has(lookupName)) {
      if (field.isRelation && field.remoteField?.remoteModel?.findField(lookupName)) {
        throw pyError(FieldError, 'Joined field references are not permitted in this query');
      }
      throw pyError(
        FieldError,
        `Unsupported lookup '${lookupName}' for ${field.className} or join on the field not permitted${lookupSuggestion(lookupName, field)}`,
      );
    }
    const col = this.col(field);
    let rhs: PyValue | Node = isExpressionValue(value) ? this.resolve(value) : value;
    if (rhs === None && !(rhs instanceof Node)) {
      if (lookupName !== 'exact' && lookupName !== 'iexact') throw pyError(ValueError, 'Cannot use None as a query value');
      lookupName = 'isnull';
      rhs = true;
    }
    const condition = new LookupNode(lookupName, col, rhs);
    const clause = new WhereNode([condition], AND);
    const condRhs = condition.rhs;
    if (currentNegated && (lookupName !== 'isnull' || condRhs === false) && condRhs !== None) {
      if (lookupName !== 'isnull') {
        if (field.isNull) clause.add(new LookupNode('isnull', this.col(field), false), AND);
        if (rhs instanceof Col && rhs.target.isNull) clause.add(new LookupNode('isnull', rhs, false), AND);
      }
    }
    return clause;
  }

  /** A filter on a transformed column (`start__year__gte=2020`, `start__date__lt=F('end__date')`). */
  private buildTransformFilter(field: Field, t: { node: Node; rest: string[]; kind: string | null }, value: PyValue, currentNegated: boolean): Node {
    const lookupName = t.rest[0] ?? 'exact';
    if (t.rest.length > 1 || !LOOKUP_NAMES.has(lookupName)) {
      const of = t.node.outputField()!;
      throw pyError(FieldError, `Unsupported lookup '${t.rest.join('__')}' for ${of.className} or join on the field not permitted${lookupSuggestion(t.rest[0]!, of)}`);
    }
    // YearLookup against a direct value: the column between the year's first and last instants.
    if (t.node instanceof TransformNode && t.node.kind === 'year' && ['exact', 'gt', 'gte', 'lt', 'lte'].includes(lookupName) && (typeof value === 'bigint' || typeof value === 'string')) {
      const year = Number(typeof value === 'string' ? BigInt(value.trim()) : value);
      const [start, finish] = yearBounds(year, internalType(t.node.lhs.outputField()!) === 'DateTimeField', this.useTz);
      return new WhereNode([new YearBoundsNode(t.node.lhs, lookupName, start, finish)], AND);
    }
    if (value === None) throw pyError(ValueError, 'Cannot use None as a query value');
    const rhs: PyValue | Node = isExpressionValue(value) ? this.resolve(value) : value;
    const clause = new WhereNode([new LookupNode(lookupName, t.node, rhs)], AND);
    if (currentNegated && field.isNull) clause.add(new LookupNode('isnull', this.col(field), false), AND);
    return clause;
  }

  /** `_gen_cols`: the columns an expression references, in order. */
  columns(node: Node): string[] {
    const out: string[] = [];
    const walk = (n: Node) => {
      if (n instanceof Col) out.push(n.target.column!);
      else for (const s of n.sourceExpressions()) walk(s);
    };
    walk(node);
    return out;
  }
}

/** `Field.cast_db_type`. */
function castDbType(field: Field): string {
  const internal = internalType(field);
  if (internal === 'AutoField') return 'integer';
  if (internal === 'BigAutoField') return 'bigint';
  if (internal === 'SmallAutoField') return 'smallint';
  if (field instanceof CharField && field.maxLength === null) return 'varchar';
  return dbType(field) ?? '';
}

/** `field.related_query_name()` (the reverse relation's name). */
export function relatedQueryName(field: Field): string {
  const rel = field.remoteField!;
  const model = field.model!;
  const interpolateName = (v: string) =>
    v.replace(/%\((class|model_name|app_label)\)s/g, (_m, key: string) => (key === 'app_label' ? model.appLabel.toLowerCase() : model.modelName));
  if (typeof rel.relatedQueryName === 'string' && rel.relatedQueryName) return interpolateName(rel.relatedQueryName);
  let relatedName = rel.relatedName;
  if (!(typeof relatedName === 'string' && relatedName)) relatedName = model.defaultRelatedName;
  if (typeof relatedName === 'string' && relatedName) return interpolateName(relatedName);
  return model.modelName;
}

// ---------------------------------------------------------------------------------------------
// Entry points used by the schema editor
// ---------------------------------------------------------------------------------------------

export type { Node as ExpressionNode };

/** django.core.exceptions.FullResultSet / EmptyResultSet as Python sees them. */
export const FullResultSetClass = new PyClass('FullResultSet', { module: 'django.core.exceptions', bases: [ExceptionClass] });
export const EmptyResultSetClass = new PyClass('EmptyResultSet', { module: 'django.core.exceptions', bases: [ExceptionClass] });

/** Rethrows the compiler's control-flow signals as the Python exceptions Django would raise. */
function asPython<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FullResultSet) throw pyError(FullResultSetClass);
    if (e instanceof EmptyResultSet) throw pyError(EmptyResultSetClass);
    throw e;
  }
}

/**
 * Compiles a Q condition (check constraint, partial index) to `[sql, params]`. A condition
 * that matches everything or nothing raises FullResultSet / EmptyResultSet like Django.
 */
export function compileCondition(model: ModelMeta, condition: PyValue, useTz = true): Compiled {
  return asPython(() => {
    const q = new SchemaQuery(model, useTz);
    const node = condition instanceof Q ? q.buildWhere(condition) : q.resolve(condition);
    return node.asSql({ model });
  });
}

const WRAPPERS = ['OrderBy', 'Collate'];

/**
 * `IndexExpression` + `ExpressionList`: index/unique-constraint expressions joined by `, `,
 * each wrapped in parentheses unless it is a plain column (`(LOWER("name")) DESC`).
 */
export function resolveIndexExpressions(model: ModelMeta, expressions: PyValue[]): { node: Node; columns: string[] } {
  const q = new SchemaQuery(model);
  const items: Node[] = [];
  for (const expr of expressions) {
    // Peel the topmost OrderBy/Collate wrappers.
    const wrappers: DeconstructibleObject[] = [];
    let root: PyValue = expr;
    while (root instanceof DeconstructibleObject && WRAPPERS.includes(root.cls.name)) {
      wrappers.push(root);
      root = kwarg(root, 'expression', 0)!;
    }
    const names = wrappers.map((w) => w.cls.name);
    if (new Set(names).size !== names.length) {
      throw pyError(ValueError, "Multiple references to OrderBy, Collate can't be used in an indexed expression.");
    }
    let node = typeof root === 'string' ? q.resolveF(root) : q.resolve(root);
    if (!(node instanceof Col)) node = new FuncNode([node], '', '(%(expressions)s)', ', ');
    // Order wrappers: OrderBy outermost, then Collate.
    const ordered = [...wrappers].sort((a, b) => WRAPPERS.indexOf(a.cls.name) - WRAPPERS.indexOf(b.cls.name));
    for (const w of ordered.reverse()) {
      if (w.cls.name === 'Collate') node = new CollateNode(node, str(kwarg(w, 'collation', 1)!));
      else {
        const k = (n: string, pos: number) => kwarg(w, n, pos);
        node = new OrderByNode(node, truthy(k('descending', 1) ?? false), truthy(k('nulls_first', 2) ?? false), truthy(k('nulls_last', 3) ?? false));
      }
    }
    items.push(node);
  }
  const list = new FuncNode(items, '', '%(expressions)s', ', ');
  return { node: list, columns: q.columns(list) };
}

/** Compiles an expression (db_default, generated field) to `[sql, params]`. */
export function compileExpression(model: ModelMeta, expr: PyValue, outputField: Field | null = null): Compiled {
  const q = new SchemaQuery(model);
  const node = expr instanceof Value ? new ValueNode(expr.value, fieldOrNull(kwarg(expr, 'output_field', 1)) ?? outputField ?? valueOutputField(expr.value)) : q.resolve(expr);
  return node.asSql({ model });
}

/**
 * `db_default_sql(field)`'s compilation: a plain value is `Value(v, field)` → `%s`; a Value keeps
 * its own (inferred) output field → `%s`; any other expression → `(sql)`.
 */
export function compileDbDefault(model: ModelMeta, field: Field): Compiled {
  const dbDefault = field.dbDefault;
  if (dbDefault instanceof Value) {
    return new ValueNode(dbDefault.value, fieldOrNull(kwarg(dbDefault, 'output_field', 1)) ?? valueOutputField(dbDefault.value)).asSql();
  }
  if (!isExpressionValue(dbDefault)) return new ValueNode(dbDefault, field).asSql();
  const [sql, params] = new SchemaQuery(model).resolve(dbDefault).asSql({ model });
  return [`(${sql})`, params];
}

export function compileNode(model: ModelMeta, node: Node, renames?: ReadonlyMap<string, string>): Compiled {
  return node.asSql({ model, renames });
}
