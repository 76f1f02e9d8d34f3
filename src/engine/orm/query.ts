/**
 * The SQL side of a QuerySet (django.db.models.sql.query.Query and its compilers, PostgreSQL
 * flavour): joins with Django's aliases (`T3`, `U0` in subqueries), join reuse and INNER/LEFT
 * OUTER promotion, filters built from Q objects and `field__lookup=value` keywords (lookups compile
 * through the schema compiler's LookupNode), ordering, values()/values_list(), annotations and
 * aggregates with GROUP BY, and the SELECT / COUNT / UPDATE / DELETE statements built from them.
 *
 * The SQL is the text Django sends (same select list, join order and aliases): rows of queries
 * without ORDER BY come back in whatever order PostgreSQL's plan gives, so the same text gives
 * the same order as real Django on the same database.
 */
import {
  NO_KWARGS,
  None,
  PyException,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError as PyTypeError,
  ValueError,
  pyError,
  repr,
  str,
  toArray,
  typeName,
} from '../python/objects.ts';
import { DatabaseErrorClass, FieldError } from '../django/exceptions.ts';
import type { Apps } from '../state/apps.ts';
import { Field } from '../state/fields/field.ts';
import { ForeignKey, ForeignObjectRel, ManyToManyField, ManyToManyRel, ManyToOneRel, OneToOneRel } from '../state/fields/related.ts';
import { makeField } from '../state/fields/registry.ts';
import type { ModelMeta } from '../state/meta.ts';
import { AND, DeconstructibleObject, F, Func, OR, Q, Value } from '../state/expressions.ts';
import {
  Col,
  CombinedNode,
  type CompileContext,
  type Compiled,
  EmptyResultSet,
  FullResultSet,
  LOOKUP_NAMES,
  CaseNode,
  LookupNode,
  Node,
  RawSqlNode,
  WhenNode,
  SchemaQuery,
  JsonOperatorNode,
  KeyTransformNode,
  TransformNode,
  ValueNode,
  WhereNode,
  YearBoundsNode,
  quoteName,
  jsonLookup,
  transformsFor,
  JSON_LOOKUPS,
  yearBounds,
} from '../db/postgres/compiler.ts';
import { internalType, targetField } from '../db/postgres/data-types.ts';
import { type ValueKind, asValidationError, kindOfField, validationError, warnNaiveDatetime } from './convert.ts';
import { SqlLiteral, pyJsonDumps } from '../db/postgres/values.ts';
import { TransactionManagementError, currentConnection, hasConnection, ormSettings } from './runtime.ts';
import { PyDate, PyDatetime, UTC } from '../python/stdlib/datetime.ts';
import { Aggregate, CombinedExpression, ConditionalExpression, OrderBy, OuterRef, Star, SubqueryExpression, WindowExpression, containsAggregate } from './expressions.ts';
import { ValueClass } from '../state/expressions.ts';
import { isLookupOrTransform, lookupSuggestion } from '../state/fields/lookups.ts';
import {
  ancestors,
  anyField,
  current,
  fm,
  parentLinks,
  fieldChoices,
  m2mLinks,
  relOwner,
  relTarget,
} from './meta-utils.ts';

export const INNER = 'INNER JOIN';
export const LOUTER = 'LEFT OUTER JOIN';

/** What the query compiler needs to know about values that are model instances or querysets. */
export interface OrmValueHooks {
  /** The model of a model instance (undefined for other values). */
  instanceModel(v: PyValue): ModelMeta | undefined;
  /** An attribute of a model instance by attname. */
  instanceAttr(v: PyValue, attname: string): PyValue;
  /** The Query of a QuerySet value (undefined for other values). */
  querysetQuery(v: PyValue): Query | undefined;
}

export const ormValueHooks: OrmValueHooks = {
  instanceModel: () => undefined,
  instanceAttr: () => None,
  querysetQuery: () => undefined,
};

// ---------------------------------------------------------------------------------------------
// Joins
// ---------------------------------------------------------------------------------------------

export class Join {
  constructor(
    readonly tableName: string,
    readonly parentAlias: string | null,
    public alias: string,
    public joinType: string | null,
    /** The relation the join follows (its identity decides join reuse). */
    readonly joinField: object | null,
    /** (parent column, this table's column) pairs. */
    readonly joinCols: [string, string][],
    readonly nullable: boolean,
    readonly meta: ModelMeta,
  ) {}

  equals(o: Join): boolean {
    return this.tableName === o.tableName && this.parentAlias === o.parentAlias && this.joinField === o.joinField;
  }

  clone(): Join {
    return new Join(this.tableName, this.parentAlias, this.alias, this.joinType, this.joinField, this.joinCols, this.nullable, this.meta);
  }
}

/** One step of a lookup path (PathInfo). */
interface PathInfo {
  fromMeta: ModelMeta;
  toMeta: ModelMeta;
  joinField: Field | ForeignObjectRel;
  joinCols: [string, string][];
  targetFields: Field[];
  /** Multi-valued (reverse foreign key, many-to-many). */
  m2m: boolean;
  direct: boolean;
}

class MultiJoin extends Error {
  constructor(
    readonly level: number,
    readonly namesWithPath: string[],
  ) {
    super('MultiJoin');
  }
}

/** A reference to a selected annotation (`Ref`): its alias in ORDER BY / HAVING. */
export class RefNode extends Node {
  constructor(
    readonly refs: string,
    readonly source: Node,
  ) {
    super();
  }
  asSql(): Compiled {
    return [quoteName(this.refs), []];
  }
  override outputField(): Field | null {
    return this.source.outputField();
  }
  override sourceExpressions(): Node[] {
    return [this.source];
  }
}

/** An aggregate call: `COUNT(DISTINCT "t"."c") FILTER (WHERE …)`, COALESCE'd with its default. */
export class AggregateNode extends Node {
  constructor(
    readonly fn: string,
    readonly args: Node[],
    readonly star: boolean,
    readonly distinct: boolean,
    readonly filter: Node | null,
    readonly output: Field,
    readonly defaultNode: Node | null,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const params: PyValue[] = [];
    let inner: string;
    if (this.star) inner = '*';
    else {
      const parts: string[] = [];
      for (const a of this.args) {
        const [s, p] = a.asSql(ctx);
        parts.push(s);
        params.push(...p);
      }
      inner = parts.join(', ');
    }
    let sql = `${this.fn}(${this.distinct ? 'DISTINCT ' : ''}${inner})`;
    if (this.filter) {
      try {
        const [fs, fp] = this.filter.asSql(ctx);
        sql += ` FILTER (WHERE ${fs})`;
        params.push(...fp);
      } catch (e) {
        if (!(e instanceof FullResultSet)) throw e;
      }
    }
    if (this.defaultNode) {
      const [ds, dp] = this.defaultNode.asSql(ctx);
      sql = `COALESCE(${sql}, ${ds})`;
      params.push(...dp);
    }
    return [sql, params];
  }
  override outputField(): Field {
    return this.output;
  }
  override sourceExpressions(): Node[] {
    return this.args;
  }
}

/** `(SELECT …)`: a compiled subquery used as a value (pk__in=queryset). */
export class SubqueryNode extends Node {
  constructor(
    readonly query: Query,
    readonly output: Field | null,
    /** A Subquery() expression keeps its ORDER BY; a queryset used as a lookup value drops it unless sliced. */
    readonly keepOrdering = false,
  ) {
    super();
  }
  asSql(): Compiled {
    const [sql, params] = this.query.compileSelect({ subquery: !this.keepOrdering }).compiled;
    return [`(${sql})`, params];
  }
  override outputField(): Field | null {
    return this.output;
  }
}

/** An expression with an explicit output field (ExpressionWrapper). */
class OutputNode extends Node {
  constructor(
    readonly inner: Node,
    readonly output: Field,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    return this.inner.asSql(ctx);
  }
  override outputField(): Field {
    return this.output;
  }
  override sourceExpressions(): Node[] {
    return [this.inner];
  }
}

/** PositionRef: a selected column referred to by its position (`ORDER BY 4 DESC`, `GROUP BY 1`). */
class PositionNode extends Node {
  constructor(readonly ordinal: number) {
    super();
  }
  asSql(): Compiled {
    return [String(this.ordinal), []];
  }
}

/** `EXISTS(SELECT 1 AS "a" FROM … WHERE … LIMIT 1)` (`NOT EXISTS(…)` for `~Exists(…)`). */
class ExistsNode extends Node {
  constructor(
    readonly query: Query,
    readonly negated = false,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [w, p] = this.query.where.asSql({ model: this.query.model });
    void ctx;
    return [`${this.negated ? 'NOT ' : ''}EXISTS(SELECT 1 AS "a" FROM ${this.query.fromClause()}${w ? ` WHERE ${w}` : ''} LIMIT 1)`, p];
  }
  override get conditional(): boolean {
    return true;
  }
  override outputField(): Field {
    return BOOLEAN();
  }
}

/** `<expression> OVER (PARTITION BY … ORDER BY …)`. */
class WindowNode extends Node {
  constructor(
    readonly source: Node,
    readonly partition: Node[],
    readonly order: Node[],
    readonly output: Field | null,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [src, params] = this.source.asSql(ctx);
    const all = [...params];
    const clause = (prefix: string, nodes: Node[]) => {
      const parts = nodes.map((n) => {
        const [s, p] = n.asSql(ctx);
        all.push(...p);
        return s;
      });
      return `${prefix} ${parts.join(', ')}`;
    };
    const window: string[] = [];
    if (this.partition.length) window.push(clause('PARTITION BY', this.partition));
    if (this.order.length) window.push(clause('ORDER BY', this.order));
    return [`${src} OVER (${window.join(' ')})`, all];
  }
  override outputField(): Field | null {
    return this.output ?? this.source.outputField();
  }
  override sourceExpressions(): Node[] {
    return [this.source, ...this.partition, ...this.order];
  }
}

/**
 * `OuterRef('name')` inside a queryset (Django's ResolvedOuterRef): replaced by the outer query's
 * column when the queryset becomes a Subquery/Exists of it; anywhere else it cannot be compiled.
 */
class OuterRefNode extends Node {
  constructor(readonly name: PyValue) {
    super();
  }
  asSql(): Compiled {
    throw pyError(ValueError, 'This queryset contains a reference to an outer query and may only be used in a subquery.');
  }
}

/** `RANDOM()` for order_by('?'). */
class RandomNode extends Node {
  asSql(): Compiled {
    return ['RANDOM()', []];
  }
}

/** An ORDER BY item. */
class OrderItemNode extends Node {
  constructor(
    readonly expr: Node,
    readonly descending: boolean,
    readonly nullsFirst = false,
    readonly nullsLast = false,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [s, p] = this.expr.asSql(ctx);
    let sql = `${s} ${this.descending ? 'DESC' : 'ASC'}`;
    if (this.nullsLast) sql += ' NULLS LAST';
    else if (this.nullsFirst) sql += ' NULLS FIRST';
    return [sql, p];
  }
}

/**
 * Trunc(expression, kind) to a date or a timestamp: `DATE_TRUNC(%s, "t"."c"[ AT TIME ZONE %s])`.
 * A timestamp result is read in the current time zone (TruncBase.convert_value).
 */
class TruncNode extends Node {
  constructor(
    readonly lhs: Node,
    readonly kind: string,
    readonly tz: string | null,
    readonly output: Field,
  ) {
    super();
  }
  asSql(ctx: CompileContext): Compiled {
    const [sql, params] = this.lhs.asSql(ctx);
    if (this.tz) return [`DATE_TRUNC(%s, ${sql} AT TIME ZONE %s)`, [this.kind, ...params, this.tz]];
    return [`DATE_TRUNC(%s, ${sql})`, [this.kind, ...params]];
  }
  override outputField(): Field {
    return this.output;
  }
  get valueKind(): ValueKind {
    return internalType(this.output) === 'DateTimeField' ? 'datetime_local' : kindOfField(this.output);
  }
  override sourceExpressions(): Node[] {
    return [this.lhs];
  }
}

let integerField: Field | null = null;
const INTEGER = (): Field => (integerField ??= makeField('IntegerField'));
let floatField: Field | null = null;
const FLOAT = (): Field => (floatField ??= makeField('FloatField'));
let booleanField: Field | null = null;
const BOOLEAN = (): Field => (booleanField ??= makeField('BooleanField'));

/** A selected column: its SQL node and how to read its value. */
export interface SelectColumn {
  node: Node;
  kind: ValueKind;
  /** `AS "alias"` */
  alias?: string;
}

/** Where the fields of a model sit in a row (and its select_related models). */
export interface KlassInfo {
  meta: ModelMeta;
  fields: Field[];
  start: number;
  /** The forward relation this model was reached by (select_related), null for the main model. */
  viaField: ForeignKey | null;
  related: KlassInfo[];
}

export interface CompiledSelect {
  compiled: Compiled;
  columns: SelectColumn[];
  klassInfo: KlassInfo | null;
  /** annotation name → column index (model queries). */
  annotationCols: [string, number][];
  /** values()/values_list(): output names → column index. */
  valueCols: [string, number][];
  /** The WHERE clause can match nothing (EmptyResultSet): no query needs sending. */
  empty: boolean;
}

export interface Annotation {
  expr: PyValue;
  node: Node;
  isAggregate: boolean;
  kind: ValueKind;
}

type OrderEntry = string | PyValue;

// ---------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------

export class Query {
  aliasMap = new Map<string, Join>();
  aliasRefcount = new Map<string, number>();
  tableMap = new Map<string, string[]>();
  /** `T` normally; `U` for subqueries, whose every alias (the base table's too) is numbered. */
  aliasPrefix = 'T';
  where = new WhereNode([], AND);
  having = new WhereNode([], AND);
  /** Conditions on window functions (Django's qualify): applied to a wrapping SELECT. */
  qualify = new WhereNode([], AND);
  /** Aliases joined by the current filter() call (multi-valued joins are reused within one call). */
  usedAliases = new Set<string>();
  filterIsSticky = false;
  orderBy: OrderEntry[] = [];
  defaultOrdering = true;
  standardOrdering = true;
  lowMark = 0;
  highMark: number | null = null;
  distinct = false;
  /** select_related: false, true (every non-null FK) or a tree of names. */
  selectRelated: false | true | Map<string, unknown> = false;
  /** values()/values_list() names (null: the model's fields). */
  valuesSelect: string[] | null = null;
  /** values() with explicit names selects them `AS "<name>"` (Query.selected). */
  selectAliases = false;
  annotations = new Map<string, Annotation>();
  /** Annotations selected (values() can drop some). Null: all. */
  annotationMask: Set<string> | null = null;
  /** GROUP BY: null none, true all selected columns, or explicit names (values().annotate()). */
  groupBy: null | true | string[] = null;
  /** Empty results (`none()`). */
  isEmpty = false;
  /** `extra(select=…)` columns, selected before the model's (prefetch_related's key column). */
  /** extra(select=…) columns [name, sql, kind, params], selected before the model's; named in values() in order. */
  extraSelect: [string, string, ValueKind, PyValue[]?][] = [];
  selectForUpdate = false;
  selectForUpdateSuffix = 'FOR UPDATE';
  /** DISTINCT ON (…) field names. */
  distinctFields: string[] = [];
  /** union()/intersection()/difference(): the combined queries (this query only orders and slices). */
  combinator: 'union' | 'intersection' | 'difference' | null = null;
  combinatorAll = false;
  combinedQueries: Query[] = [];
  /** only()/defer(): the names, and whether they are deferred (else the only ones loaded). */
  deferredLoading: { names: Set<string>; defer: boolean } | null = null;

  /** The model the rows are instances of (a proxy stays a proxy; `model` is its concrete model). */
  readonly classMeta: ModelMeta;
  /** The model whose table and fields the query uses. */
  readonly model: ModelMeta;

  constructor(
    model: ModelMeta,
    readonly apps: Apps,
  ) {
    this.classMeta = model;
    this.model = fm(model);
  }

  clone(): Query {
    const q = new Query(this.classMeta, this.apps);
    for (const [a, j] of this.aliasMap) q.aliasMap.set(a, j.clone());
    q.aliasRefcount = new Map(this.aliasRefcount);
    for (const [t, l] of this.tableMap) q.tableMap.set(t, [...l]);
    q.aliasPrefix = this.aliasPrefix;
    q.where = cloneWhere(this.where);
    q.having = cloneWhere(this.having);
    q.qualify = cloneWhere(this.qualify);
    q.usedAliases = this.filterIsSticky ? new Set(this.usedAliases) : new Set();
    q.filterIsSticky = false;
    q.orderBy = [...this.orderBy];
    q.defaultOrdering = this.defaultOrdering;
    q.standardOrdering = this.standardOrdering;
    q.lowMark = this.lowMark;
    q.highMark = this.highMark;
    q.distinct = this.distinct;
    q.selectRelated = this.selectRelated;
    q.valuesSelect = this.valuesSelect ? [...this.valuesSelect] : null;
    q.selectAliases = this.selectAliases;
    q.annotations = new Map(this.annotations);
    q.annotationMask = this.annotationMask ? new Set(this.annotationMask) : null;
    q.groupBy = Array.isArray(this.groupBy) ? [...this.groupBy] : this.groupBy;
    q.isEmpty = this.isEmpty;
    q.extraSelect = [...this.extraSelect];
    q.selectForUpdate = this.selectForUpdate;
    q.selectForUpdateSuffix = this.selectForUpdateSuffix;
    q.distinctFields = [...this.distinctFields];
    q.combinator = this.combinator;
    q.combinatorAll = this.combinatorAll;
    q.combinedQueries = this.combinedQueries;
    q.deferredLoading = this.deferredLoading ? { names: new Set(this.deferredLoading.names), defer: this.deferredLoading.defer } : null;
    return q;
  }

  /** `qs1 | qs2` / `qs1 & qs2` for queries without joins: the WHERE clauses combined. */
  combineWhere(other: Query, connector: 'AND' | 'OR'): void {
    const w = new WhereNode([], connector);
    w.add(cloneWhere(this.where), connector);
    w.add(cloneWhere(other.where), connector);
    this.where = new WhereNode([w], AND);
    if (connector === 'OR' && (this.isEmpty || other.isEmpty)) this.isEmpty = this.isEmpty && other.isEmpty;
    else this.isEmpty = this.isEmpty || other.isEmpty;
  }

  get meta(): ModelMeta {
    return this.model;
  }

  // -------------------------------------------------------------------------------------------
  // Aliases and joins
  // -------------------------------------------------------------------------------------------

  /** The alias as written in SQL: table-name aliases quoted, `T3`/`U0` bare. */
  qn(alias: string): string {
    return this.tableMap.has(alias) && this.aliasPrefix !== 'U' ? quoteName(alias) : alias;
  }

  private tableAlias(table: string): string {
    const list = this.tableMap.get(table);
    let alias: string;
    if (this.aliasPrefix === 'U') {
      alias = `U${this.aliasMap.size}`;
      if (list) list.push(alias);
      else this.tableMap.set(table, [alias]);
    } else if (list) {
      alias = `${this.aliasPrefix}${this.aliasMap.size + 1}`;
      list.push(alias);
    } else {
      alias = table;
      this.tableMap.set(table, [alias]);
    }
    this.aliasRefcount.set(alias, 1);
    return alias;
  }

  /** The alias of the base table (created on first use). */
  baseAlias(): string {
    const first = this.aliasMap.keys().next();
    if (!first.done) return first.value;
    const alias = this.tableAlias(this.model.dbTable);
    this.aliasMap.set(alias, new Join(this.model.dbTable, null, alias, null, null, [], false, this.model));
    return alias;
  }

  refAlias(alias: string): void {
    this.aliasRefcount.set(alias, (this.aliasRefcount.get(alias) ?? 0) + 1);
  }

  unrefAlias(alias: string): void {
    this.aliasRefcount.set(alias, (this.aliasRefcount.get(alias) ?? 0) - 1);
  }

  /** Query.join: reuses an equal join (among `reuse` when given) or adds one. */
  join(join: Join, reuse: Set<string> | null): string {
    const candidates = [...this.aliasMap].filter(([a, j]) => (reuse === null || reuse.has(a)) && j.equals(join)).map(([a]) => a);
    if (candidates.length) {
      const alias = candidates[candidates.length - 1]!;
      this.refAlias(alias);
      return alias;
    }
    const alias = this.tableAlias(join.tableName);
    let joinType: string | null = null;
    if (join.joinType) {
      const parent = this.aliasMap.get(join.parentAlias!)!;
      joinType = parent.joinType === LOUTER || join.nullable ? LOUTER : INNER;
    }
    join.alias = alias;
    join.joinType = joinType;
    this.aliasMap.set(alias, join);
    return alias;
  }

  promoteJoins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const alias = queue.shift()!;
      const join = this.aliasMap.get(alias);
      if (!join || join.joinType === null) continue;
      const parent = join.parentAlias ? this.aliasMap.get(join.parentAlias) : undefined;
      const parentLouter = parent?.joinType === LOUTER;
      if ((join.nullable || parentLouter) && join.joinType !== LOUTER) {
        join.joinType = LOUTER;
        for (const [a, j] of this.aliasMap) if (j.parentAlias === alias && !queue.includes(a)) queue.push(a);
      }
    }
  }

  demoteJoins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const alias = queue.shift()!;
      const join = this.aliasMap.get(alias);
      if (join && join.joinType === LOUTER) {
        join.joinType = INNER;
        const parent = join.parentAlias ? this.aliasMap.get(join.parentAlias) : undefined;
        if (parent && parent.joinType === INNER) queue.push(join.parentAlias!);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Paths
  // -------------------------------------------------------------------------------------------

  /** The path infos of a relation (forward FK/O2O, forward M2M, or a reverse relation). */
  pathInfos(from: ModelMeta, field: Field | ForeignObjectRel): PathInfo[] {
    const apps = this.apps;
    if (field instanceof ManyToManyField) {
      const { through, source, target } = m2mLinks(apps, field);
      return [...reversePath(apps, source, through), ...forwardPath(apps, target)];
    }
    if (field instanceof ForeignKey) return forwardPath(apps, field);
    const rel = field as ForeignObjectRel;
    if (rel instanceof ManyToManyRel) {
      const m2m = rel.field as ManyToManyField;
      const { through, source, target } = m2mLinks(apps, m2m);
      return [...reversePath(apps, target, through), ...forwardPath(apps, source)];
    }
    void from;
    return reversePath(apps, rel.field as ForeignKey, relOwner(apps, rel));
  }

  /**
   * names_to_path: follows relations for each name; returns the path, the final field, its
   * target fields and the names left over (lookups).
   */
  namesToPath(
    names: string[],
    meta: ModelMeta,
    allowMany: boolean,
  ): { path: PathInfo[]; finalField: Field | ForeignObjectRel; targets: Field[]; meta: ModelMeta; rest: string[] } {
    const path: PathInfo[] = [];
    let cur = meta;
    let finalField: Field | ForeignObjectRel | null = null;
    let targets: Field[] = [];
    let pos = 0;
    for (; pos < names.length; pos++) {
      let name = names[pos]!;
      if (name === 'pk') name = cur.pk!.name!;
      let field = anyField(this.apps, cur, name);
      if (!field) {
        // a reverse relation of a parent model (multi-table inheritance)
        for (const anc of ancestors(this.apps, cur)) {
          const rel = anyField(this.apps, anc, name);
          if (rel && !(rel instanceof Field)) {
            for (const link of parentLinks(this.apps, cur, anc.labelLower) ?? []) path.push(...forwardPath(this.apps, link));
            cur = anc;
            field = rel;
            break;
          }
        }
      } else if (field instanceof Field && field.model && field.model.labelLower !== cur.labelLower) {
        // an inherited field: the path goes through the parent links
        const links = parentLinks(this.apps, cur, field.model.labelLower);
        if (links) {
          for (const link of links) path.push(...forwardPath(this.apps, link));
          cur = current(this.apps, field.model);
        }
      }
      if (!field) {
        if (pos === 0) {
          const available = [...fieldChoices(this.apps, cur), ...this.annotations.keys()].sort();
          throw pyError(FieldError, `Cannot resolve keyword '${name}' into field. Choices are: ${available.join(', ')}`);
        }
        break;
      }
      if (isRelationField(field)) {
        const infos = this.pathInfos(cur, field);
        if (!allowMany && infos.some((info) => info.m2m)) throw new MultiJoin(pos + 1, names.slice(0, pos + 1));
        path.push(...infos);
        const last = infos[infos.length - 1]!;
        finalField = last.joinField;
        targets = last.targetFields;
        cur = last.toMeta;
      } else {
        finalField = field as Field;
        targets = [field as Field];
        pos++;
        break;
      }
    }
    return { path, finalField: finalField!, targets, meta: cur, rest: names.slice(pos) };
  }

  /** setup_joins: the joins of a path (reusing equal ones), from `alias`. */
  setupJoins(
    names: string[],
    meta: ModelMeta,
    alias: string,
    canReuse: Set<string> | null,
    allowMany = true,
  ): { finalField: Field | ForeignObjectRel; targets: Field[]; meta: ModelMeta; joins: string[]; path: PathInfo[]; rest: string[] } {
    const r = this.namesToPath(names, meta, allowMany);
    const joins = [alias];
    for (const info of r.path) {
      const nullable = info.direct ? (info.joinField as Field).isNull : true;
      const join = new Join(info.toMeta.dbTable, alias, '', INNER, info.joinField, info.joinCols, nullable, info.toMeta);
      const reuse = info.m2m ? canReuse : null;
      alias = this.join(join, reuse);
      joins.push(alias);
    }
    return { finalField: r.finalField, targets: r.targets, meta: r.meta, joins, path: r.path, rest: r.rest };
  }

  /** trim_joins: drops trailing direct joins whose target columns the previous table has. */
  trimJoins(targets: Field[], joins: string[], path: PathInfo[]): { targets: Field[]; alias: string; joins: string[] } {
    joins = [...joins];
    for (const info of [...path].reverse()) {
      if (joins.length === 1 || !info.direct) break;
      const fk = info.joinField as ForeignKey;
      const joinTargets = new Set([targetField(fk).column]);
      if (!targets.every((t) => joinTargets.has(t.column!))) break;
      targets = targets.map(() => fk);
      this.unrefAlias(joins.pop()!);
    }
    return { targets, alias: joins[joins.length - 1]!, joins };
  }

  col(alias: string, field: Field): Col {
    let output: Field = field;
    if (field instanceof ForeignKey) output = field;
    return new Col(field, output, this.qn(alias));
  }

  // -------------------------------------------------------------------------------------------
  // Filters
  // -------------------------------------------------------------------------------------------

  /** add_q: ANDs a Q object into the WHERE clause. */
  addQ(q: Q): void {
    const existingInner = [...this.aliasMap].filter(([, j]) => j.joinType === INNER).map(([a]) => a);
    const [clause, , having] = this.addQInner(q, this.usedAliases, false, false, true);
    if (having) {
      if (clause) this.having.add(clause, AND);
    } else if (clause && containsWindow(clause)) {
      // split_having_qualify: the AND-ed conditions on window functions filter a wrapping query
      if (clause.connector === AND && !clause.negated) {
        for (const child of clause.children) (containsWindow(child) ? this.qualify : this.where).add(child, AND);
      } else this.qualify.add(clause, AND);
    } else if (clause) this.where.add(clause, AND);
    this.demoteJoins(existingInner);
  }

  private addQInner(
    q: Q,
    /** The aliases multi-valued joins may reuse; null: any (a Q resolved as an expression). */
    usedAliases: Set<string> | null,
    branchNegated: boolean,
    currentNegated: boolean,
    allowJoins: boolean,
  ): [WhereNode, Set<string>, boolean] {
    const connector = q.connector;
    currentNegated = currentNegated !== q.negated;
    branchNegated = branchNegated || q.negated;
    const target = new WhereNode([], connector, q.negated);
    const promoter = new JoinPromoter(connector, q.children.length, currentNegated);
    let having = false;
    for (const child of q.children) {
      const [clause, needed, h] = this.buildFilter(child, usedAliases, branchNegated, currentNegated, allowJoins);
      if (h) having = true;
      promoter.addVotes(needed);
      if (clause) target.add(clause, connector);
    }
    const neededInner = promoter.updateJoinTypes(this);
    return [target, neededInner, having];
  }

  private buildFilter(
    filterExpr: PyValue,
    canReuse: Set<string> | null,
    branchNegated: boolean,
    currentNegated: boolean,
    allowJoins: boolean,
  ): [Node | null, Set<string>, boolean] {
    if (filterExpr instanceof Q) return this.addQInner(filterExpr, canReuse, branchNegated, currentNegated, allowJoins);
    if (!(filterExpr instanceof PyTuple)) {
      const node = this.resolveExpression(filterExpr, canReuse, true);
      if (!node.conditional) throw pyError(PyTypeError, 'Cannot filter against a non-conditional expression.');
      const lookup = node instanceof LookupNode || node instanceof WhereNode ? node : new LookupNode('exact', node, true);
      return [lookup, new Set(), containsAggregate(filterExpr)];
    }
    const [arg, rawValue] = filterExpr.items as [PyValue, PyValue];
    if (typeof arg !== 'string' || !arg) throw pyError(FieldError, `Cannot parse keyword query ${repr(arg)}`);
    const parts = arg.split('__');

    // A filter on an annotation: `n__gt=1` after annotate(n=Count(...)).
    const annotation = this.annotations.get(parts[0]!);
    if (annotation) {
      const lookups = parts.slice(1);
      const lookupName = lookups[0] ?? 'exact';
      if (lookups.length > 1 || !LOOKUP_NAMES.has(lookupName)) {
        const of = annotation.node.outputField();
        throw pyError(
          FieldError,
          `Unsupported lookup '${lookups.join('__')}' for ${of?.className ?? 'Expression'} or join on the field not permitted${of ? lookupSuggestion(lookups[0]!, of) : '.'}`,
        );
      }
      const lhs: Node = annotation.isAggregate ? annotation.node : annotation.node;
      const value = this.resolveLookupValue(rawValue, canReuse);
      const cond = this.buildLookup(lookupName, lhs, value);
      return [new WhereNode([cond], AND), new Set(), annotation.isAggregate];
    }

    const value = this.resolveLookupValue(rawValue, canReuse);
    let joinInfo;
    try {
      joinInfo = this.setupJoins(parts, this.model, this.baseAlias(), canReuse, !branchNegated);
    } catch (e) {
      if (e instanceof MultiJoin) return [this.splitExclude(filterExpr, canReuse), new Set(), false];
      throw e;
    }
    const usedJoins = new Set(joinInfo.joins);
    const lookups = joinInfo.rest;
    const finalField = joinInfo.finalField;
    const isRelational = isRelationField(finalField);
    const preTrimTargets = joinInfo.targets;
    const trimmed = this.trimJoins(joinInfo.targets, joinInfo.joins, joinInfo.path);
    if (canReuse) for (const a of trimmed.joins) canReuse.add(a);

    const target = trimmed.targets[0]!;
    if (!isRelational && internalType(target) === 'JSONField' && (lookups.length > 1 || (lookups.length === 1 && (!LOOKUP_NAMES.has(lookups[0]!) || JSON_LOOKUPS.has(lookups[0]!))))) {
      return [this.jsonFilter(this.col(trimmed.alias, target), target, lookups, value, currentNegated), currentNegated ? new Set() : usedJoins, false];
    }
    // transforms (`published__year`, `created__date__gte`)
    let lhsNode: Node | null = null;
    let rest = lookups;
    let transformKind: string | null = null;
    if (rest.length && !isRelational && transformsFor(target).has(rest[0]!) && !(rest.length === 1 && LOOKUP_NAMES.has(rest[0]!))) {
      transformKind = rest[0]!;
      const isDatetime = internalType(target) === 'DateTimeField';
      lhsNode = new TransformNode(this.col(trimmed.alias, target), transformKind, isDatetime && this.useTz() ? this.timeZone() : null, isDatetime);
      rest = rest.slice(1);
      const inner = rest[0];
      if (inner !== undefined && !LOOKUP_NAMES.has(inner)) {
        const of = lhsNode.outputField()!;
        if (transformsFor(of).has(inner)) {
          lhsNode = new TransformNode(lhsNode, inner, null, false);
          rest = rest.slice(1);
        }
      }
    }
    let lookupName = rest[0] ?? 'exact';
    if (rest.length > 1) {
      throw pyError(
        FieldError,
        `Unsupported lookup '${rest.join('__')}' for ${lhsNode ? lhsNode.outputField()!.className : fieldClassName(finalField)} or join on the field not permitted${suggestionFor(rest[0]!, lhsNode ? lhsNode.outputField()! : finalField)}`,
      );
    }
    if (lhsNode) {
      if (!LOOKUP_NAMES.has(lookupName)) {
        throw pyError(FieldError, `Unsupported lookup '${lookupName}' for ${lhsNode.outputField()!.className} or join on the field not permitted${suggestionFor(lookupName, lhsNode.outputField()!)}`);
      }
      if (transformKind === 'year' && ['exact', 'gt', 'gte', 'lt', 'lte'].includes(lookupName) && (typeof value === 'bigint' || typeof value === 'string')) {
        const year = Number(typeof value === 'string' ? BigInt(value.trim()) : value);
        const [start, finish] = yearBounds(year, internalType(target) === 'DateTimeField', this.useTz());
        const cond = new YearBoundsNode(this.col(trimmed.alias, target), lookupName, start, finish);
        return [new WhereNode([cond], AND), currentNegated ? new Set() : usedJoins, false];
      }
      if (value === None && !(value instanceof Node)) throw pyError(ValueError, 'Cannot use None as a query value');
      const condition = this.buildLookup(lookupName, lhsNode, value);
      const clause = new WhereNode([condition], AND);
      if (currentNegated && target.isNull) clause.add(new LookupNode('isnull', this.col(trimmed.alias, target), false), AND);
      return [clause, currentNegated ? new Set() : usedJoins, false];
    }
    // a relation (either way) has only the related lookups: in, exact, lt, gt, gte, lte, isnull
    const relationField = finalField instanceof ForeignObjectRel ? finalField.field : finalField;
    if (isRelational ? !isLookupOrTransform(relationField, lookupName) : !LOOKUP_NAMES.has(lookupName)) {
      throw pyError(
        FieldError,
        `Unsupported lookup '${lookupName}' for ${fieldClassName(finalField)} or join on the field not permitted${suggestionFor(lookupName, finalField)}`,
      );
    }
    const col = this.col(trimmed.alias, target);
    let rhs: PyValue | Node = value;
    if (isRelational && !(rhs instanceof Node)) {
      rhs = this.normalizeRelatedValue(rhs, lookupName, joinInfo.meta, preTrimTargets[0]!, finalField);
    }
    if (rhs === None && !(rhs instanceof Node)) {
      if (lookupName !== 'exact' && lookupName !== 'iexact') throw pyError(ValueError, 'Cannot use None as a query value');
      lookupName = 'isnull';
      rhs = true;
    }
    const condition = this.buildLookup(lookupName, col, rhs);
    const clause = new WhereNode([condition], AND);
    const condRhs = condition.rhs;
    let requireOuter = lookupName === 'isnull' && condRhs === true && !currentNegated;
    if (currentNegated && (lookupName !== 'isnull' || condRhs === false) && condRhs !== None) {
      requireOuter = true;
      if (lookupName !== 'isnull') {
        const lastJoin = this.aliasMap.get(trimmed.joins[trimmed.joins.length - 1]!);
        if (target.isNull || lastJoin?.joinType === LOUTER) {
          clause.add(new LookupNode('isnull', this.col(trimmed.alias, target), false), AND);
        }
        if (rhs instanceof Col && rhs.target.isNull) clause.add(new LookupNode('isnull', rhs, false), AND);
      }
    }
    return [clause, requireOuter ? new Set() : usedJoins, false];
  }

  /** JSONField lookups and key transforms (`data__owner__name='x'`, `data__has_key='k'`). */
  private jsonFilter(col: Col, field: Field, names: string[], value: PyValue | Node, negated: boolean): Node {
    void negated;
    return jsonLookup(col, field, names, value, (lookup, lhs, rhs) => this.buildLookup(lookup, lhs, rhs));
  }


  private buildLookup(lookupName: string, lhs: Node, rhs: PyValue | Node): LookupNode {
    const lf = lhs.outputField();
    if (lf && !(rhs instanceof Node) && lookupName !== 'isnull') {
      if (lookupName === 'in' || lookupName === 'range') {
        try {
          for (const v of toArray(rhs)) warnNaiveDatetime(lf, v);
        } catch {
          /* not iterable: reported by the lookup */
        }
      } else warnNaiveDatetime(lf, rhs);
    }
    if (lookupName === 'isnull' && !(rhs instanceof Node) && typeof rhs !== 'boolean') {
      throw pyError(ValueError, 'The QuerySet value for an isnull lookup must be True or False.');
    }
    if ((lookupName === 'in' || lookupName === 'range') && !(rhs instanceof Node)) {
      const items = toArray(rhs as PyValue);
      if (lookupName === 'range' && items.length !== 2) {
        throw pyError(ValueError, `too many values to unpack (expected 2)`);
      }
      rhs = new PyList(items);
    }
    try {
      return asValidationError(() => new LookupNode(lookupName, lhs, rhs));
    } catch (e) {
      if (e instanceof PyException && e.matches(ValueError) && e.message === 'badly formed hexadecimal UUID string' && typeof rhs === 'string') {
        throw validationError(`“${rhs}” is not a valid UUID.`);
      }
      throw e;
    }
  }

  /** F() and expressions on the right-hand side become nodes; querysets become subqueries. */
  private resolveLookupValue(value: PyValue, canReuse: Set<string> | null): PyValue | Node {
    const sub = ormValueHooks.querysetQuery(value);
    if (sub) return this.subqueryFor(sub);
    if (value instanceof DeconstructibleObject || value instanceof Q) return this.resolveExpression(value, canReuse, true);
    return value;
  }

  /** A queryset used as a value: selects its primary key unless values()/values_list() chose a column. */
  private subqueryFor(q: Query): SubqueryNode {
    const sub = q.clone();
    if (!sub.valuesSelect) {
      sub.valuesSelect = ['pk'];
      sub.annotationMask = new Set();
    }
    sub.relabelForSubquery();
    if (sub.highMark === null && sub.lowMark === 0) {
      sub.orderBy = [];
      sub.defaultOrdering = false;
    }
    return new SubqueryNode(sub, null);
  }

  /** bump_prefix: every alias becomes `U<n>`. */
  relabelForSubquery(): void {
    if (this.aliasPrefix === 'U') return;
    const change = new Map<string, string>();
    let i = 0;
    for (const a of this.aliasMap.keys()) change.set(a, `U${i++}`);
    const newMap = new Map<string, Join>();
    for (const [a, j] of this.aliasMap) {
      const nj = new Join(j.tableName, j.parentAlias ? change.get(j.parentAlias)! : null, change.get(a)!, j.joinType, j.joinField, j.joinCols, j.nullable, j.meta);
      newMap.set(change.get(a)!, nj);
    }
    const newRef = new Map<string, number>();
    for (const [a, c] of this.aliasRefcount) newRef.set(change.get(a) ?? a, c);
    const newTables = new Map<string, string[]>();
    for (const [t, l] of this.tableMap) newTables.set(t, l.map((a) => change.get(a) ?? a));
    this.aliasMap = newMap;
    this.aliasRefcount = newRef;
    this.tableMap = newTables;
    this.aliasPrefix = 'U';
    const relabel = (n: Node): Node => relabelNode(n, change);
    this.where = relabel(this.where) as WhereNode;
    this.having = relabel(this.having) as WhereNode;
    for (const [k, a] of this.annotations) this.annotations.set(k, { ...a, node: relabel(a.node) });
  }

  /** Model instances (and lists of them) on a relation lookup become their key values. */
  private normalizeRelatedValue(value: PyValue, lookupName: string, meta: ModelMeta, target: Field, finalField: Field | ForeignObjectRel): PyValue {
    const one = (v: PyValue): PyValue => {
      const vm = ormValueHooks.instanceModel(v);
      if (!vm) return v;
      const ok =
        fm(vm).labelLower === fm(meta).labelLower || ancestors(this.apps, vm).some((a) => a.labelLower === fm(meta).labelLower);
      if (!ok) throw pyError(ValueError, `Cannot query "${str(v)}": Must be "${meta.objectName}" instance.`);
      return ormValueHooks.instanceAttr(v, target.attname!);
    };
    void finalField;
    if (lookupName === 'in' || lookupName === 'range') {
      if (value instanceof PyObject && !(value instanceof PyList) && !(value instanceof PyTuple) && ormValueHooks.instanceModel(value)) return value;
      let items: PyValue[];
      try {
        items = toArray(value);
      } catch {
        return value;
      }
      return new PyList(items.map(one));
    }
    if (lookupName === 'isnull') return value;
    return one(value);
  }

  /**
   * split_exclude: a multi-valued path in exclude() becomes `NOT (EXISTS(SELECT 1 AS "a" FROM
   * <the related table> U1 … WHERE (<condition> AND U1."fk" = ("outer"."pk")) LIMIT 1))`.
   */
  private splitExclude(filterExpr: PyValue, canReuse: Set<string> | null): Node {
    void canReuse;
    const inner = new Query(this.classMeta, this.apps);
    inner.aliasPrefix = 'U';
    inner.addQ(new Q([filterExpr]));
    const entries = [...inner.aliasMap.values()];
    const base = entries[0]!;
    const first = entries.find((j) => j.parentAlias === base.alias && (inner.aliasRefcount.get(j.alias) ?? 0) > 0);
    const startsMultiValued = first && !(first.joinField instanceof ForeignKey) && first.joinType !== LOUTER;
    if (first && startsMultiValued && first.joinCols.length === 1) {
      const [outerColumn, innerColumn] = first.joinCols[0]!;
      const innerField = first.meta.concreteFields.find((f) => f.column === innerColumn);
      const outerField = this.model.concreteFields.find((f) => f.column === outerColumn);
      if (innerField && outerField) {
        // trim_start: the related table becomes the subquery's base
        inner.aliasMap.delete(base.alias);
        first.joinType = null;
        const newMap = new Map<string, Join>();
        newMap.set(first.alias, new Join(first.tableName, null, first.alias, null, first.joinField, [], false, first.meta));
        for (const [a, j] of inner.aliasMap) if (a !== first.alias) newMap.set(a, j);
        inner.aliasMap = newMap;
        const link = new LookupNode('exact', new Col(innerField, innerField, first.alias), new Col(outerField, outerField, this.qn(this.baseAlias())));
        inner.where.add(new WhereNode([link], AND), AND);
        return new WhereNode([new ExistsNode(inner)], AND);
      }
    }
    if (first) {
      const pk = this.model.pk!;
      const link = new LookupNode('exact', new Col(pk, pk, base.alias), new Col(pk, pk, this.qn(this.baseAlias())));
      inner.where.add(new WhereNode([link], AND), AND);
      return new WhereNode([new ExistsNode(inner)], AND);
    }
    inner.valuesSelect = ['pk'];
    inner.annotationMask = new Set();
    inner.defaultOrdering = false;
    const pk = this.model.pk!;
    const col = this.col(this.baseAlias(), pk);
    const cond = new LookupNode('in', col, new SubqueryNode(inner, null));
    return new WhereNode([cond], AND);
  }

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  /** A column for a field path (`F('category__name')`), joining as needed. */
  resolveRef(name: string, canReuse: Set<string> | null, allowJoins = true): Node {
    const ann = this.annotations.get(name);
    if (ann) return ann.node;
    const parts = name.split('__');
    if (!allowJoins && parts.length > 1) throw pyError(FieldError, 'Joined field references are not permitted in this query');
    const info = this.setupJoins(parts, this.model, this.baseAlias(), canReuse, true);
    if (info.rest.length) {
      throw pyError(FieldError, `Cannot resolve keyword '${info.rest[0]}' into field. Join on '${parts[parts.length - info.rest.length - 1]}' not permitted.`);
    }
    const trimmed = this.trimJoins(info.targets, info.joins, info.path);
    if (canReuse) for (const a of trimmed.joins) canReuse.add(a);
    return this.col(trimmed.alias, trimmed.targets[0]!);
  }

  useTz(): boolean {
    return ormSettings().useTz;
  }

  timeZone(): string {
    return 'UTC';
  }

  annotationSelected(name: string): boolean {
    return this.annotationMask === null || this.annotationMask.has(name);
  }

  /** Resolves a Python expression to a node (F, Value, arithmetic, aggregates, functions, Q). */
  resolveExpression(expr: PyValue, canReuse: Set<string> | null, allowJoins = true, summarize = false): Node {
    if (expr instanceof OuterRef) return new OuterRefNode(expr.name);
    if (expr instanceof SubqueryExpression) return this.resolveSubquery(expr, canReuse, allowJoins);
    if (expr instanceof WindowExpression) return this.resolveWindow(expr, canReuse, allowJoins);
    if (expr instanceof F) return this.resolveRef(expr.name, canReuse, allowJoins);
    if (expr instanceof Value) {
      const of = expr.ctorKwargs.get('output_field') ?? expr.ctorArgs[1];
      return new ValueNode(expr.value, isField(of) ? of : valueOutputField(expr.value));
    }
    if (expr instanceof CombinedExpression) {
      const lhs = this.resolveExpression(expr.lhs, canReuse, allowJoins, summarize);
      const rhs = this.resolveExpression(expr.rhs, canReuse, allowJoins, summarize);
      const of = expr.ctorKwargs.get('output_field');
      return new CombinedNode(lhs, expr.connector, rhs, isField(of) ? of : combinedOutput(lhs, rhs, expr.connector));
    }
    if (expr instanceof Aggregate) return this.resolveAggregate(expr, canReuse, summarize);
    if (expr instanceof Q) return this.resolveQ(expr, canReuse, allowJoins);
    if (expr instanceof OrderBy) {
      return new OrderItemNode(this.resolveExpression(expr.expression, canReuse, allowJoins), expr.descending, expr.nullsFirst, expr.nullsLast);
    }
    if (expr instanceof ConditionalExpression) return this.resolveConditional(expr, canReuse, allowJoins, summarize);
    if (isDateFunction(expr)) return this.resolveDateFunction(expr as Func, canReuse, allowJoins, summarize);
    if (expr instanceof Func || expr instanceof DeconstructibleObject) {
      const resolver = new FunctionResolver(this.model, (name) => this.resolveRef(name, canReuse, allowJoins), (e) => this.resolveExpression(e, canReuse, allowJoins, summarize));
      return resolver.resolve(expr);
    }
    const sub = ormValueHooks.querysetQuery(expr);
    if (sub) return this.subqueryFor(sub);
    return new ValueNode(expr, valueOutputField(expr));
  }

  /**
   * Subquery(queryset) / Exists(queryset) used in this query: the queryset's query with its aliases
   * renamed U0, U1…, its OuterRefs turned into this query's columns; a Subquery keeps its ordering,
   * Exists selects nothing but `1`.
   */
  private resolveSubquery(e: SubqueryExpression, canReuse: Set<string> | null, allowJoins: boolean): Node {
    const q = ormValueHooks.querysetQuery(e.queryset);
    if (!q) throw pyError(PyTypeError, `'${typeName(e.queryset)}' object has no attribute 'query'`);
    const sub = q.clone();
    // Exists (query.exists()) drops the ordering; a Subquery keeps it, Meta.ordering included
    if (e.isExists) {
      sub.orderBy = [];
      sub.defaultOrdering = false;
    }
    sub.relabelForSubquery();
    sub.resolveOuterRefs((name) => (name instanceof OuterRef ? new OuterRefNode(name.name) : this.resolveRef(str(name), canReuse, allowJoins)));
    if (e.isExists) return new ExistsNode(sub, e.negated);
    const of = e.ctorKwargs.get('output_field');
    return new SubqueryNode(sub, isField(of) ? of : sub.firstSelectedField(), true);
  }

  /**
   * Window(expression, partition_by=…, order_by=…): partition and order items may be names (`'-stock'`
   * orders descending; a plain name has no direction, like OrderByList), expressions or lists.
   */
  private resolveWindow(e: WindowExpression, canReuse: Set<string> | null, allowJoins: boolean): Node {
    const items = (v: PyValue): readonly PyValue[] => (v === None ? [] : v instanceof PyList || v instanceof PyTuple ? v.items : [v]);
    const ref = (v: PyValue) => this.resolveExpression(typeof v === 'string' ? new F(v) : v, canReuse, allowJoins);
    const source = this.resolveExpression(e.source, canReuse, allowJoins);
    const partition = items(e.partitionBy).map(ref);
    const order = items(e.orderBy).map((o) => (typeof o === 'string' && o.startsWith('-') ? new OrderItemNode(ref(o.slice(1)), true) : ref(o)));
    const of = e.outputField;
    return new WindowNode(source, partition, order, isField(of) ? of : null);
  }

  /** Replaces the OuterRefs in this (sub)query's conditions and annotations. */
  resolveOuterRefs(outer: (name: PyValue) => Node): void {
    const swap = (n: Node): Node => rewriteNode(n, (x) => (x instanceof OuterRefNode ? outer(x.name) : null));
    this.where = swap(this.where) as WhereNode;
    this.having = swap(this.having) as WhereNode;
    for (const [k, a] of this.annotations) this.annotations.set(k, { ...a, node: swap(a.node) });
  }

  /** The output field of the first column this query selects (a Subquery's value). */
  firstSelectedField(): Field | null {
    const name = this.valuesSelect?.[0];
    if (name === undefined) return this.model.pk;
    const ann = this.annotations.get(name);
    if (ann) return ann.node.outputField();
    return this.clone().resolveRef(name, null, true).outputField();
  }

  /**
   * Q.resolve_expression (a condition inside an expression: When, an aggregate's filter=): joins
   * reused as an expression's are (canReuse null: any), and promoted, so no row is dropped.
   */
  private resolveQ(q: Q, canReuse: Set<string> | null, allowJoins: boolean): Node {
    const [clause, needed] = this.addQInner(q, canReuse, false, false, allowJoins);
    this.promoteJoins(needed);
    return clause;
  }

  /** Extract*(expression[, lookup_name]) and Trunc*(expression[, kind], output_field=None). */
  private resolveDateFunction(e: Func, canReuse: Set<string> | null, allowJoins: boolean, summarize: boolean): Node {
    const k = e.ctorKwargs;
    const source = e.ctorArgs[0] ?? k.get('expression');
    if (source === undefined) throw pyError(PyTypeError, `${e.cls.name}.__init__() missing 1 required positional argument: 'expression'`);
    const lhs = this.resolveExpression(typeof source === 'string' ? new F(source) : source, canReuse, allowJoins, summarize);
    const lf = lhs.outputField();
    const lt = lf ? internalType(lf) : '';
    const isDatetime = lt === 'DateTimeField';
    const tz = isDatetime && this.useTz() ? this.timeZone() : null;
    const extract = e.cls.native['extract'];
    if (typeof extract === 'string') {
      const kind = extract || str(e.ctorArgs[1] ?? k.get('lookup_name') ?? None);
      if (lf && !['DateField', 'DateTimeField', 'TimeField', 'DurationField'].includes(lt)) {
        throw pyError(ValueError, 'Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.');
      }
      return new TransformNode(lhs, kind, tz, isDatetime);
    }
    const generic = e.cls.native['trunc'] === '';
    const kind = generic ? str(e.ctorArgs[1] ?? k.get('kind') ?? None) : String(e.cls.native['trunc']);
    if (!lf || !['DateField', 'DateTimeField', 'TimeField'].includes(lt)) {
      throw pyError(PyTypeError, `${repr(lf instanceof Field ? (lf.name ?? None) : None)} isn't a DateField, TimeField, or DateTimeField.`);
    }
    if (kind === 'date' || kind === 'time') return new TransformNode(lhs, kind, tz, isDatetime);
    const explicit = k.get('output_field') ?? e.ctorArgs[generic ? 2 : 1];
    return new TruncNode(lhs, kind, tz, isField(explicit) ? explicit : lf);
  }

  /** Case / When / ExpressionWrapper. */
  private resolveConditional(e: ConditionalExpression, canReuse: Set<string> | null, allowJoins: boolean, summarize: boolean): Node {
    const k = e.ctorKwargs;
    const asValue = (v: PyValue | undefined) => this.resolveExpression(v === undefined ? None : isResolvableValue(v) ? v : new Value(ValueClass, [v], NO_KWARGS), canReuse, allowJoins, summarize);
    const of = k.get('output_field');
    switch (e.cls.name) {
      case 'When': {
        const cond = k.get('condition') ?? e.ctorArgs[0];
        const lookups = [...k].filter(([n]) => n !== 'condition' && n !== 'then').sort((a, b) => (a[0] < b[0] ? -1 : 1));
        const children: PyValue[] = [];
        if (cond !== undefined && cond !== None) children.push(cond);
        for (const [n, v] of lookups) children.push(new PyTuple([n, v]));
        const q = children.length === 1 && children[0] instanceof Q ? (children[0] as Q) : new Q(children);
        const condition = this.resolveQ(q, canReuse, allowJoins);
        return new WhenNode(condition, asValue(k.get('then') ?? e.ctorArgs[1]));
      }
      case 'Case': {
        const cases = e.ctorArgs.map((c) => this.resolveExpression(c, canReuse, allowJoins, summarize)) as WhenNode[];
        return new CaseNode(cases, asValue(k.get('default') ?? None), isField(of) ? of : null);
      }
      case 'ExpressionWrapper': {
        const inner = this.resolveExpression(k.get('expression') ?? e.ctorArgs[0]!, canReuse, allowJoins, summarize);
        const out = of ?? e.ctorArgs[1];
        return isField(out) ? new OutputNode(inner, out) : inner;
      }
    }
    throw pyError(FieldError, `Unsupported expression ${e.cls.name}`);
  }

  private resolveAggregate(agg: Aggregate, canReuse: Set<string> | null, summarize: boolean): Node {
    void summarize;
    const sources = agg.sourceExpressions;
    const star = sources.length === 1 && sources[0] instanceof Star;
    const args = star ? [] : sources.map((s) => this.resolveExpression(s, canReuse, true));
    for (const s of sources) {
      if (containsAggregate(s)) {
        throw pyError(FieldError, `Cannot compute ${agg.cls.name}('${s instanceof F ? s.name : repr(s)}'): '${s instanceof F ? s.name : repr(s)}' is an aggregate`);
      }
    }
    const kind = agg.kind;
    let output: Field;
    const explicit = agg.ctorKwargs.get('output_field');
    const source = args[0]?.outputField() ?? null;
    if (isField(explicit)) output = explicit;
    else if (kind === 'Count') output = INTEGER();
    else if (kind === 'Avg' || kind === 'StdDev' || kind === 'Variance') {
      output = source && kindOfField(source) !== 'int' ? (source instanceof ForeignKey ? FLOAT() : source) : FLOAT();
    } else if (source) output = source instanceof ForeignKey ? targetField(source) : source;
    else output = FLOAT();
    let filter: Node | null = null;
    if (agg.filter !== None) {
      const f = agg.filter;
      filter = f instanceof Q ? this.resolveQ(f, canReuse, true) : this.resolveExpression(f, canReuse, true);
    }
    const def = agg.defaultValue;
    const defaultNode = def === None ? null : isResolvableValue(def) ? this.resolveExpression(def, canReuse, true) : new ValueNode(def, output);
    return new AggregateNode(agg.functionName, args, star, agg.distinct, filter, output, defaultNode);
  }

  /** annotate(name=expr). */
  addAnnotation(name: string, expr: PyValue): void {
    const canReuse = null;
    const node = this.resolveExpression(expr, canReuse, true);
    const isAggregate = containsAggregate(expr);
    const kind = kindOf(node);
    this.annotations.set(name, { expr, node, isAggregate, kind });
    if (this.annotationMask) this.annotationMask.add(name);
    if (isAggregate) {
      if (this.valuesSelect !== null && this.groupBy === null) this.groupBy = [...this.valuesSelect];
      else if (this.groupBy === null) this.groupBy = true;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ordering
  // -------------------------------------------------------------------------------------------

  /** Validates order_by() names the way add_ordering does (at call time). */
  checkOrdering(items: PyValue[]): void {
    for (const item of items) {
      if (typeof item !== 'string') {
        if (!(item instanceof DeconstructibleObject)) throw pyError(FieldError, `Cannot resolve expression type, unknown output_field`);
        continue;
      }
      if (item === '?' || item.includes('.')) continue;
      const name = item.replace(/^-/, '');
      if (this.annotations.has(name) || this.extraSelect.some(([n]) => n === name)) continue;
      this.namesToPath(name.split('__'), this.model, true);
    }
  }

  get ordered(): boolean {
    if (this.orderBy.length) return true;
    if (this.defaultOrdering && orderingList(this.classMeta).length) return !(this.groupBy !== null);
    return false;
  }

  /** The ORDER BY items (Django's get_order_by); names of aliased select columns order by position. */
  private orderItems(columns: SelectColumn[] = []): Node[] {
    const positions = new Map<string, number>();
    columns.forEach((c, i) => {
      if (c.alias) positions.set(c.alias, i + 1);
    });
    let entries: OrderEntry[];
    if (this.orderBy.length) entries = this.orderBy;
    else if (this.defaultOrdering) entries = orderingList(this.classMeta);
    else entries = [];
    const out: Node[] = [];
    const seen = new Set<string>();
    const push = (n: Node) => {
      const [s] = n.asSql({ model: this.model });
      if (seen.has(s)) return;
      seen.add(s);
      out.push(n);
    };
    for (const entry of entries) {
      if (entry instanceof OrderBy && entry.expression instanceof F && positions.has(entry.expression.name)) {
        push(new OrderItemNode(new PositionNode(positions.get(entry.expression.name)!), entry.descending !== !this.standardOrdering, entry.nullsFirst, entry.nullsLast));
        continue;
      }
      if (entry instanceof OrderBy) {
        const expr = this.resolveExpression(entry.expression, null, true);
        push(new OrderItemNode(expr, entry.descending !== !this.standardOrdering, entry.nullsFirst, entry.nullsLast));
        continue;
      }
      if (entry instanceof DeconstructibleObject) {
        push(new OrderItemNode(this.resolveExpression(entry, null, true), !this.standardOrdering));
        continue;
      }
      const s = str(entry);
      if (s === '?') {
        push(new OrderItemNode(new RandomNode(), false));
        continue;
      }
      const descending = s.startsWith('-') !== !this.standardOrdering;
      const name = s.replace(/^-/, '');
      const position = positions.get(name);
      if (position !== undefined) {
        push(new OrderItemNode(new PositionNode(position), descending));
        continue;
      }
      const ann = this.annotations.get(name);
      if (ann) {
        const selected = this.annotationSelected(name);
        push(new OrderItemNode(selected ? new RefNode(name, ann.node) : ann.node, descending));
        continue;
      }
      for (const n of this.findOrderingName(name, this.model, this.baseAlias(), descending, new Set())) push(n);
    }
    return out;
  }

  /** find_ordering_name: a relation orders by its model's Meta.ordering (or key). */
  private findOrderingName(name: string, meta: ModelMeta, alias: string, descending: boolean, seen: Set<string>): Node[] {
    const parts = name.split('__');
    const info = this.setupJoins(parts, meta, alias, null, true);
    if (info.rest.length) {
      throw pyError(FieldError, `Cannot resolve keyword '${info.rest[0]}' into field. Join on '${parts[parts.length - info.rest.length - 1]}' not permitted.`);
    }
    const ff = info.finalField;
    const lastPart = parts[parts.length - 1]!;
    if (ff instanceof ForeignKey && lastPart !== ff.attname && lastPart !== 'pk') {
      const target = relTarget(this.apps, ff);
      const ordering = orderingList(target);
      if (ordering.length) {
        const key = `${ff.model!.labelLower}.${ff.name}`;
        if (seen.has(key)) throw pyError(FieldError, 'Infinite loop caused by ordering.');
        seen.add(key);
        const out: Node[] = [];
        for (const o of ordering) {
          if (typeof o !== 'string') continue;
          const desc = o.startsWith('-') ? !descending : descending;
          out.push(...this.findOrderingName(o.replace(/^-/, ''), target, info.joins[info.joins.length - 1]!, desc, seen));
        }
        return out;
      }
    }
    const trimmed = this.trimJoins(info.targets, info.joins, info.path);
    return trimmed.targets.map((t) => new OrderItemNode(this.col(trimmed.alias, t), descending));
  }

  // -------------------------------------------------------------------------------------------
  // Compilation
  // -------------------------------------------------------------------------------------------

  private whereSql(ctx: CompileContext): Compiled | null {
    try {
      const [sql, params] = this.where.asSql(ctx);
      return sql ? [sql, params] : null;
    } catch (e) {
      if (e instanceof FullResultSet) return null;
      throw e;
    }
  }

  /** FROM clause: the base table and the joins still referenced. */
  fromClause(): string {
    const parts: string[] = [];
    for (const [alias, j] of this.aliasMap) {
      if (!(this.aliasRefcount.get(alias) ?? 0) && j.joinType !== null) continue;
      if (j.joinType === null) {
        parts.push(alias === j.tableName ? quoteName(j.tableName) : `${quoteName(j.tableName)} ${alias}`);
        continue;
      }
      const aliasStr = alias === j.tableName ? '' : ` ${alias}`;
      const on = j.joinCols.map(([l, r]) => `${this.qn(j.parentAlias!)}.${quoteName(l)} = ${this.qn(alias)}.${quoteName(r)}`).join(' AND ');
      parts.push(`${j.joinType} ${quoteName(j.tableName)}${aliasStr} ON (${on})`);
    }
    return parts.join(' ');
  }

  /** The model's concrete fields in select order (only()/defer() apply to the main model unless `all`). */
  modelFields(meta: ModelMeta, all = false): Field[] {
    const fields = meta.concreteFields;
    const d = this.deferredLoading;
    if (all || !d || meta !== this.model) return fields;
    const named = (f: Field) => d.names.has(f.name!) || d.names.has(f.attname!);
    if (d.defer) return fields.filter((f) => f.isPrimaryKey || !named(f));
    return fields.filter((f) => f.isPrimaryKey || named(f));
  }

  /** The alias holding a field's column: an inherited field lives in a parent's table (INNER JOIN on the parent link). */
  aliasFor(alias: string, meta: ModelMeta, field: Field): string {
    const owner = field.model;
    if (!owner || owner.labelLower === meta.labelLower) return alias;
    const links = parentLinks(this.apps, meta, owner.labelLower);
    if (!links) return alias;
    for (const link of links) {
      const info = forwardPath(this.apps, link)[0]!;
      alias = this.join(new Join(info.toMeta.dbTable, alias, '', INNER, link, info.joinCols, false, info.toMeta), null);
    }
    return alias;
  }

  /** Adds select_related joins and columns for the main model. */
  private selectRelatedInfos(meta: ModelMeta, alias: string, columns: SelectColumn[], tree: true | Map<string, unknown>, depth: number): KlassInfo[] {
    const out: KlassInfo[] = [];
    if (depth > 5) return out;
    if (tree !== true) {
      const fks = meta.concreteFields.filter((x) => x instanceof ForeignKey).map((x) => x.name!);
      const choices = fks.length ? fks.join(', ') : '(none)';
      const invalid: string[] = [];
      for (const name of tree.keys()) {
        const f = meta.findField(name);
        if (f && !(f instanceof ForeignKey)) throw pyError(FieldError, `Non-relational field given in select_related: '${name}'. Choices are: ${choices}`);
        if (!f) invalid.push(name);
      }
      if (invalid.length) {
        throw pyError(FieldError, `Invalid field name(s) given in select_related: ${invalid.sort().map((n) => `'${n}'`).join(', ')}. Choices are: ${choices}`);
      }
    }
    for (const f of meta.concreteFields) {
      if (!(f instanceof ForeignKey)) continue;
      let sub: true | Map<string, unknown>;
      if (tree === true) {
        if (f.isNull) continue;
        sub = true;
      } else {
        if (!tree.has(f.name!)) continue;
        const v = tree.get(f.name!);
        sub = v instanceof Map ? v : new Map();
      }
      const target = relTarget(this.apps, f);
      const path = forwardPath(this.apps, f);
      const info = path[0]!;
      const join = new Join(target.dbTable, alias, '', INNER, f, info.joinCols, f.isNull, target);
      const a = this.join(join, null);
      const start = columns.length;
      const fields = this.modelFields(target);
      for (const tf of fields) columns.push({ node: this.col(this.aliasFor(a, target, tf), tf), kind: kindOfField(tf) });
      const ki: KlassInfo = { meta: target, fields, start, viaField: f, related: [] };
      ki.related = this.selectRelatedInfos(target, a, columns, sub, depth + 1);
      out.push(ki);
    }
    return out;
  }

  /**
   * The SELECT statement: columns (model fields or values), annotations, joins, WHERE, GROUP BY,
   * HAVING, ORDER BY, LIMIT/OFFSET.
   */
  compileSelect(opts: { subquery?: boolean; withLimits?: boolean; forCount?: boolean; colAliases?: boolean } = {}): CompiledSelect {
    const q = this.clone();
    return q.compileSelectInPlace(opts);
  }

  /**
   * A combined query: `(SELECT … AS "col1", …) UNION (SELECT …) ORDER BY "col2" ASC LIMIT n`. The
   * parts select the same columns (a values() list set on the combination applies to each), the
   * ordering names the first part's column aliases; an empty part is left out of a union (and of a
   * difference after the first).
   */
  private compileCombined(opts: { withLimits?: boolean }): CompiledSelect {
    const parts: Compiled[] = [];
    let first: CompiledSelect | null = null;
    for (const part of this.combinedQueries) {
      const p = part.clone();
      if (p.valuesSelect === null && this.valuesSelect !== null) {
        p.valuesSelect = [...this.valuesSelect];
        p.selectAliases = this.selectAliases;
        p.annotationMask = this.annotationMask ? new Set(this.annotationMask) : null;
      }
      const c = p.compileSelect({ colAliases: true });
      if (c.empty) {
        if (this.combinator === 'union' || (this.combinator === 'difference' && parts.length)) continue;
        return { ...c, empty: true };
      }
      first ??= c;
      parts.push(c.compiled);
    }
    if (!first) return { compiled: ['', []], columns: [], klassInfo: null, annotationCols: [], valueCols: [], empty: true };
    const op = { union: 'UNION', intersection: 'INTERSECT', difference: 'EXCEPT' }[this.combinator!] + (this.combinatorAll && this.combinator === 'union' ? ' ALL' : '');
    let sql = parts.map(([s]) => `(${s})`).join(` ${op} `);
    const params = parts.flatMap(([, p]) => p);
    const order: string[] = [];
    for (const entry of this.orderBy) {
      const [name, descending] = entry instanceof OrderBy && entry.expression instanceof F ? [entry.expression.name, entry.descending] : [str(entry).replace(/^-/, ''), str(entry).startsWith('-')];
      const dir = descending ? 'DESC' : 'ASC';
      // a selected name (values(), annotations) orders by its position, a model field by its column alias
      const position = first.columns.findIndex((c) => c.alias === name && !/^col\d+$/.test(name));
      if (position >= 0) {
        order.push(`${position + 1} ${dir}`);
        continue;
      }
      const column = first.columns.find((c) => c.node instanceof Col && (c.node.target.name === name || c.node.target.attname === name || (name === 'pk' && c.node.target.isPrimaryKey)));
      if (!column) throw pyError(DatabaseErrorClass, 'ORDER BY term does not match any column in the result set.');
      order.push(`${quoteName(column.alias!)} ${dir}`);
    }
    if (order.length) sql += ` ORDER BY ${order.join(', ')}`;
    if (opts.withLimits !== false) {
      if (this.highMark !== null) sql += ` LIMIT ${this.highMark - this.lowMark}`;
      if (this.lowMark) sql += ` OFFSET ${this.lowMark}`;
    }
    return { ...first, compiled: [sql, params], empty: this.highMark !== null && this.highMark <= this.lowMark };
  }

  /**
   * A query filtered on window functions (get_qualify_sql): `SELECT * FROM (<the query with col
   * aliases, its other conditions and ordering>) "qualify" WHERE <conditions on the aliases>`,
   * ordered again by the aliases; a window function the query does not select is added as
   * `qual<n>` and masked by an outer `SELECT <columns> FROM (…) "qualify_mask"`.
   */
  private compileQualified(opts: { withLimits?: boolean }): CompiledSelect {
    const ctx: CompileContext = { model: this.model };
    const inner = this.clone();
    inner.qualify = new WhereNode([], AND);
    inner.lowMark = 0;
    inner.highMark = null;
    let c = inner.compileSelect({ colAliases: true, withLimits: false });
    const visible = c;
    const sqlOf = (n: Node) => n.asSql(ctx)[0];
    const aliasOf = (cs: CompiledSelect) => new Map(cs.columns.map((col) => [sqlOf(col.node), col.alias!]));
    let aliases = aliasOf(c);
    const missing: Node[] = [];
    const collect = (n: Node): void => {
      if (n instanceof WindowNode && !aliases.has(sqlOf(n))) {
        if (!missing.some((m) => sqlOf(m) === sqlOf(n))) missing.push(n);
        return;
      }
      for (const x of n instanceof WhereNode ? n.children : n instanceof LookupNode ? [n.lhs, ...(n.rhs instanceof Node ? [n.rhs] : [])] : []) collect(x);
    };
    collect(this.qualify);
    if (missing.length) {
      missing.forEach((n, i) => {
        const name = `qual${i}`;
        inner.annotations.set(name, { expr: None, node: n, isAggregate: false, kind: kindOf(n) });
        if (inner.annotationMask) inner.annotationMask.add(name);
        if (inner.valuesSelect) inner.valuesSelect.push(name);
      });
      c = inner.compileSelect({ colAliases: true, withLimits: false });
      aliases = aliasOf(c);
    }
    const qualify = rewriteNode(this.qualify, (n) => {
      if (n instanceof WhereNode || n instanceof LookupNode) return null;
      const alias = aliases.get(sqlOf(n));
      return alias ? new RefNode(alias, n) : null;
    });
    const [cond, condParams] = qualify.asSql(ctx);
    let sql = `SELECT * FROM ( ${c.compiled[0]} ) "qualify" WHERE ${cond}`;
    if (missing.length) sql = `SELECT ${visible.columns.map((col) => quoteName(col.alias!)).join(', ')} FROM ( ${sql} ) "qualify_mask"`;
    const order: string[] = [];
    const entries = this.orderBy.length ? this.orderBy : this.defaultOrdering ? orderingList(this.classMeta) : [];
    for (const entry of entries) {
      const [name, descending] = entry instanceof OrderBy && entry.expression instanceof F ? [entry.expression.name, entry.descending] : [str(entry).replace(/^-/, ''), str(entry).startsWith('-')];
      const dir = descending ? 'DESC' : 'ASC';
      const position = visible.columns.findIndex((col) => col.alias === name && !/^col\d+$/.test(name));
      if (position >= 0) {
        order.push(`${position + 1} ${dir}`);
        continue;
      }
      const column = visible.columns.find((col) => col.node instanceof Col && (col.node.target.name === name || col.node.target.attname === name || (name === 'pk' && col.node.target.isPrimaryKey)));
      if (column) order.push(`${quoteName(column.alias!)} ${dir}`);
    }
    if (order.length) sql += ` ORDER BY ${order.join(', ')}`;
    if (opts.withLimits !== false) {
      if (this.highMark !== null) sql += ` LIMIT ${this.highMark - this.lowMark}`;
      if (this.lowMark) sql += ` OFFSET ${this.lowMark}`;
    }
    return { ...visible, compiled: [sql, [...c.compiled[1], ...condParams]], empty: c.empty };
  }

  private compileSelectInPlace(opts: { subquery?: boolean; withLimits?: boolean; colAliases?: boolean }): CompiledSelect {
    if (this.combinator) return this.compileCombined(opts);
    if (this.qualify.children.length) return this.compileQualified(opts);
    const base = this.baseAlias();
    const ctx: CompileContext = { model: this.model };
    const columns: SelectColumn[] = [];
    let klassInfo: KlassInfo | null = null;
    const annotationCols: [string, number][] = [];
    const valueCols: [string, number][] = [];
    if (this.valuesSelect === null) {
      // extra(select=…) columns come first; model instances get them as attributes
      for (const [name, sql, kind, params] of this.extraSelect) {
        if (!name.startsWith('_prefetch_related_val_')) annotationCols.push([name, columns.length]);
        columns.push({ node: new RawSqlNode(sql, params ?? [], null), kind, alias: name });
      }
    }
    if (this.valuesSelect === null) {
      const fields = this.modelFields(this.model);
      const start = columns.length;
      for (const f of fields) columns.push({ node: this.col(this.aliasFor(base, this.model, f), f), kind: kindOfField(f) });
      klassInfo = { meta: this.classMeta, fields, start, viaField: null, related: [] };
      if (this.selectRelated) {
        const tree = this.selectRelated === true ? true : this.selectRelated;
        klassInfo.related = this.selectRelatedInfos(this.model, base, columns, tree, 1);
      }
      for (const [name, ann] of this.annotations) {
        if (!this.annotationSelected(name)) continue;
        annotationCols.push([name, columns.length]);
        columns.push({ node: ann.node, kind: ann.kind, alias: name });
      }
    } else {
      // Query.selected: the names in the order given, annotations among them, then the others
      for (const name of this.valuesSelect) {
        const extra = this.extraSelect.find(([n]) => n === name);
        if (extra) {
          valueCols.push([name, columns.length]);
          columns.push({ node: new RawSqlNode(extra[1], extra[3] ?? [], null), kind: extra[2], alias: name });
          continue;
        }
        const ann = this.annotations.get(name);
        if (ann) {
          if (!this.annotationSelected(name)) continue;
          valueCols.push([name, columns.length]);
          columns.push({ node: ann.node, kind: ann.kind, alias: name });
          continue;
        }
        const node = this.resolveRef(name, null, true);
        const of = node.outputField();
        valueCols.push([name, columns.length]);
        columns.push({ node, kind: of ? kindOf(node) : 'raw', alias: this.selectAliases ? name : undefined });
      }
      for (const [name, ann] of this.annotations) {
        if (!this.annotationSelected(name) || this.valuesSelect.includes(name)) continue;
        valueCols.push([name, columns.length]);
        columns.push({ node: ann.node, kind: ann.kind, alias: name });
      }
    }

    const metaOrdering = !this.orderBy.length && this.defaultOrdering;
    let orderItems = opts.subquery && this.highMark === null && this.lowMark === 0 ? [] : this.orderItems(columns);
    // Meta.ordering does not apply to a grouped query
    if (this.groupBy !== null && metaOrdering) orderItems = [];
    const params: PyValue[] = [];
    let colIndex = 0;
    const selectParts: string[] = [];
    for (const c of columns) {
      const [s, p] = c.node.asSql(ctx);
      // with_col_aliases (the parts of a combined query): unnamed columns become col1, col2, …
      if (!c.alias && opts.colAliases) c.alias = `col${++colIndex}`;
      selectParts.push(c.alias ? `${s} AS ${quoteName(c.alias)}` : s);
      params.push(...p);
    }
    let empty = this.isEmpty;
    let where: Compiled | null = null;
    try {
      where = this.whereSql(ctx);
    } catch (e) {
      if (e instanceof EmptyResultSet) empty = true;
      else throw e;
    }
    let having: Compiled | null = null;
    try {
      const [hs, hp] = this.having.asSql(ctx);
      having = hs ? [hs, hp] : null;
    } catch (e) {
      if (e instanceof EmptyResultSet) empty = true;
      else if (!(e instanceof FullResultSet)) throw e;
    }
    let distinct = '';
    if (this.distinct) {
      if (this.distinctFields.length) {
        const parts: string[] = [];
        for (const name of this.distinctFields) {
          const [s] = this.resolveRef(name, null, true).asSql(ctx);
          parts.push(s);
        }
        distinct = `DISTINCT ON (${parts.join(', ')}) `;
      } else distinct = 'DISTINCT ';
    }
    const groupBy = this.groupByItems(columns, ctx, orderItems);
    let sql = `SELECT ${distinct}${selectParts.join(', ')} FROM ${this.fromClause()}`;
    if (where) {
      sql += ` WHERE ${where[0]}`;
      params.push(...where[1]);
    }
    if (groupBy.length) {
      const gparts: string[] = [];
      for (const [s, p] of groupBy) {
        gparts.push(s);
        params.push(...p);
      }
      sql += ` GROUP BY ${gparts.join(', ')}`;
    }
    if (having) {
      sql += ` HAVING ${having[0]}`;
      params.push(...having[1]);
    }
    if (orderItems.length) {
      const oparts: string[] = [];
      for (const o of orderItems) {
        const [s, p] = o.asSql(ctx);
        oparts.push(s);
        params.push(...p);
      }
      sql += ` ORDER BY ${oparts.join(', ')}`;
    }
    if (opts.withLimits !== false) {
      if (this.highMark !== null) sql += ` LIMIT ${this.highMark - this.lowMark}`;
      if (this.lowMark) sql += ` OFFSET ${this.lowMark}`;
    }
    if (this.selectForUpdate) {
      // like SQLCompiler.as_sql: FOR UPDATE only inside a transaction
      if (hasConnection() && !currentConnection().inTransaction) {
        throw pyError(TransactionManagementError, 'select_for_update cannot be used outside of a transaction.');
      }
      sql += ` ${this.selectForUpdateSuffix}`;
    }
    if (this.highMark !== null && this.highMark <= this.lowMark) empty = true;
    return { compiled: [sql, params], columns, klassInfo, annotationCols, valueCols, empty };
  }

  /** GROUP BY expressions, collapsed to each model table's primary key like PostgreSQL allows. */
  private groupByItems(columns: SelectColumn[], ctx: CompileContext, orderItems: Node[]): Compiled[] {
    if (this.groupBy === null) return [];
    let exprs: Node[] = [];
    if (this.groupBy === true) {
      for (const c of columns) if (!isAggregateNode(c.node)) exprs.push(c.node);
    } else {
      for (const name of this.groupBy) {
        const ann = this.annotations.get(name);
        exprs.push(ann ? ann.node : this.resolveRef(name, null, true));
      }
      for (const [name, ann] of this.annotations) {
        if (!ann.isAggregate && this.annotationSelected(name) && !this.groupBy.includes(name)) exprs.push(ann.node);
      }
    }
    for (const o of orderItems) {
      const inner = o instanceof OrderItemNode ? o.expr : o;
      if (!isAggregateNode(inner) && !(inner instanceof RefNode) && !(inner instanceof RandomNode) && !(inner instanceof PositionNode)) exprs.push(inner);
    }
    // collapse_group_by: a selected primary key stands for its table's other columns
    const pkAliases = new Set<string>();
    for (const e of exprs) if (e instanceof Col && e.target.isPrimaryKey && e.alias !== null) pkAliases.add(e.alias);
    exprs = exprs.filter((e) => !(e instanceof Col) || e.target.isPrimaryKey || e.alias === null || !pkAliases.has(e.alias));
    // aliased select columns are grouped by position (allows_group_by_select_index)
    const positions = new Map<string, number>();
    columns.forEach((c, i) => {
      if (!c.alias) return;
      const [cs, cp] = c.node.asSql(ctx);
      const key = cs + '\0' + cp.map((x) => repr(x)).join(',');
      if (!positions.has(key)) positions.set(key, i + 1);
    });
    const out: Compiled[] = [];
    const seen = new Set<string>();
    for (const e of exprs) {
      let [s, p] = e.asSql(ctx);
      const pos = positions.get(s + '\0' + p.map((x) => repr(x)).join(','));
      if (pos !== undefined) [s, p] = [String(pos), []];
      const key = s + '\0' + p.map((x) => repr(x)).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([s, p]);
    }
    return out;
  }

  /** `SELECT COUNT(*) AS "__count" FROM …` (wrapped when the query is distinct, sliced or grouped). */
  compileCount(): { compiled: Compiled; empty: boolean } {
    const q = this.clone();
    if (q.combinator || q.qualify.children.length) {
      // get_aggregation over a combined or window-filtered query: counted as a subquery
      q.orderBy = [];
      const inner = q.compileSelect({ colAliases: true });
      return { compiled: [`SELECT COUNT(*) AS "__count" FROM (${inner.compiled[0]}) subquery`, inner.compiled[1]], empty: inner.empty };
    }
    const needsWrap = q.distinct || q.highMark !== null || q.lowMark !== 0 || q.groupBy !== null || q.valuesSelect !== null && q.distinct;
    if (!needsWrap) {
      const base = q.baseAlias();
      void base;
      q.orderBy = [];
      q.defaultOrdering = false;
      const ctx: CompileContext = { model: q.model };
      let empty = q.isEmpty;
      let where: Compiled | null = null;
      try {
        where = q.whereSql(ctx);
      } catch (e) {
        if (e instanceof EmptyResultSet) empty = true;
        else throw e;
      }
      let sql = `SELECT COUNT(*) AS "__count" FROM ${q.fromClause()}`;
      const params: PyValue[] = [];
      if (where) {
        sql += ` WHERE ${where[0]}`;
        params.push(...where[1]);
      }
      return { compiled: [sql, params], empty };
    }
    q.orderBy = [];
    q.defaultOrdering = false;
    if (!q.distinct && q.valuesSelect === null && q.groupBy === null) {
      q.valuesSelect = ['pk'];
      q.annotationMask = new Set();
    }
    const inner = q.compileSelect();
    return { compiled: [`SELECT COUNT(*) FROM (${inner.compiled[0]}) subquery`, inner.compiled[1]], empty: inner.empty };
  }

  /** `aggregate(**kwargs)`: `SELECT SUM(…) AS "x", … FROM …` (over a subquery when needed). */
  compileAggregate(aggs: Map<string, PyValue>): { compiled: Compiled; columns: [string, ValueKind][]; empty: boolean; nodes: AggregateNode[] } {
    const q = this.clone();
    q.orderBy = [];
    q.defaultOrdering = false;
    const ctx: CompileContext = { model: q.model };
    const nodes: [string, Node][] = [];
    const wrap = q.distinct || q.highMark !== null || q.lowMark !== 0 || q.groupBy !== null;
    if (!wrap) {
      for (const [name, expr] of aggs) {
        if (!containsAggregate(expr)) throw pyError(PyTypeError, `${exprName(expr)} is not an aggregate expression`);
        nodes.push([name, q.resolveExpression(expr, null, true, true)]);
      }
      const params: PyValue[] = [];
      const parts: string[] = [];
      for (const [name, n] of nodes) {
        const [s, p] = n.asSql(ctx);
        parts.push(`${s} AS ${quoteName(name)}`);
        params.push(...p);
      }
      let empty = q.isEmpty;
      let where: Compiled | null = null;
      try {
        where = q.whereSql(ctx);
      } catch (e) {
        if (e instanceof EmptyResultSet) empty = true;
        else throw e;
      }
      let sql = `SELECT ${parts.join(', ')} FROM ${q.fromClause()}`;
      if (where) {
        sql += ` WHERE ${where[0]}`;
        params.push(...where[1]);
      }
      return {
        compiled: [sql, params],
        columns: nodes.map(([name, n]) => [name, kindOf(n)]),
        empty,
        nodes: nodes.map(([, n]) => n).filter((n): n is AggregateNode => n instanceof AggregateNode),
      };
    }
    // Aggregate over the rows of the (grouped/sliced/distinct) query, as a subquery.
    const inner = this.clone();
    if (!inner.isSliced) {
      inner.orderBy = [];
      inner.defaultOrdering = false;
    }
    const hasAggregation = [...inner.annotations.values()].some((a) => a.isAggregate) || inner.having.children.length > 0;
    const mask = new Set<string>();
    let colCount = 0;
    const colRefs = new Map<string, string>();
    const outerArg = (source: PyValue): Node => {
      if (source instanceof F && inner.annotations.has(source.name)) {
        mask.add(source.name);
        return new RefNode(source.name, inner.annotations.get(source.name)!.node);
      }
      const node = inner.resolveExpression(source, null, true);
      const [key] = node.asSql({ model: inner.model });
      let alias = colRefs.get(key);
      if (!alias) {
        alias = `__col${++colCount}`;
        colRefs.set(key, alias);
        const of = node.outputField();
        inner.annotations.set(alias, { expr: source, node, isAggregate: false, kind: of ? kindOfField(of) : 'raw' });
      }
      mask.add(alias);
      return new RefNode(alias, inner.annotations.get(alias)!.node);
    };
    for (const [name, expr] of aggs) {
      if (!(expr instanceof Aggregate)) throw pyError(PyTypeError, `${name} is not an aggregate expression`);
      const sources = expr.sourceExpressions;
      const star = sources.length === 1 && sources[0] instanceof Star;
      const args = star ? [] : sources.map(outerArg);
      const source = args[0]?.outputField() ?? null;
      const kind = expr.kind;
      let output: Field;
      if (kind === 'Count') output = INTEGER();
      else if (kind === 'Avg' || kind === 'StdDev' || kind === 'Variance') output = source && kindOfField(source) !== 'int' ? source : FLOAT();
      else output = source ?? FLOAT();
      const def = expr.defaultValue;
      nodes.push([name, new AggregateNode(expr.functionName, args, star, expr.distinct, null, output, def === None ? null : new ValueNode(def, output))]);
    }
    if (!inner.distinct) {
      if (inner.valuesSelect === null && hasAggregation) inner.groupBy = ['pk'];
      inner.valuesSelect = mask.size ? [] : ['pk'];
      inner.annotationMask = mask;
      inner.selectAliases = false;
    }
    const innerSel = inner.compileSelect({ subquery: true });
    const params: PyValue[] = [];
    const parts: string[] = [];
    for (const [name, n] of nodes) {
      const [s2, p2] = n.asSql(ctx);
      parts.push(`${s2} AS ${quoteName(name)}`);
      params.push(...p2);
    }
    params.push(...innerSel.compiled[1]);
    return {
      compiled: [`SELECT ${parts.join(', ')} FROM (${innerSel.compiled[0]}) subquery`, params],
      columns: nodes.map(([name, n]) => [name, kindOf(n)]),
      empty: innerSel.empty,
      nodes: nodes.map(([, n]) => n).filter((n): n is AggregateNode => n instanceof AggregateNode),
    };
  }

  /** `UPDATE "t" SET "c" = %s … WHERE …` (a pk IN subquery when the filter joins tables). */
  compileUpdate(values: [Field, PyValue | Node][]): { compiled: Compiled; empty: boolean } {
    const q = this.clone();
    q.baseAlias();
    const ctx: CompileContext = { model: q.model };
    const params: PyValue[] = [];
    const sets: string[] = [];
    for (const [field, value] of values) {
      if (value instanceof Node) {
        const [s, p] = value.asSql(ctx);
        sets.push(`${quoteName(field.column!)} = ${s}`);
        params.push(...p);
      } else if (value === None) {
        sets.push(`${quoteName(field.column!)} = NULL`);
      } else {
        sets.push(`${quoteName(field.column!)} = %s`);
        params.push(value);
      }
    }
    const sql = `UPDATE ${quoteName(q.model.dbTable)} SET ${sets.join(', ')}`;
    const where = q.writeWhere(ctx);
    return { compiled: [sql + where.sql, [...params, ...where.params]], empty: where.empty };
  }

  /**
   * The WHERE of an UPDATE or DELETE on this query's table: the filter itself, or `pk IN (SELECT …)`
   * when it joins other tables; `empty` when nothing can match.
   */
  private writeWhere(ctx: CompileContext): { sql: string; params: PyValue[]; empty: boolean } {
    const joined = [...this.aliasMap].some(([a, j]) => j.joinType !== null && (this.aliasRefcount.get(a) ?? 0) > 0);
    let empty = this.isEmpty;
    if (joined) {
      const sub = this.clone();
      sub.valuesSelect = ['pk'];
      sub.annotationMask = new Set();
      sub.orderBy = [];
      sub.defaultOrdering = false;
      sub.relabelForSubquery();
      const inner = sub.compileSelect();
      if (inner.empty) empty = true;
      const sql = ` WHERE ${quoteName(this.model.dbTable)}.${quoteName(this.model.pk!.column!)} IN (${inner.compiled[0]})`;
      return { sql, params: inner.compiled[1], empty };
    }
    try {
      const where = this.whereSql(ctx);
      return where ? { sql: ` WHERE ${where[0]}`, params: where[1], empty } : { sql: '', params: [], empty };
    } catch (e) {
      if (e instanceof EmptyResultSet) return { sql: '', params: [], empty: true };
      throw e;
    }
  }

  /** `DELETE FROM "t" WHERE …` (a pk IN subquery when the filter joins tables). */
  compileDelete(): { compiled: Compiled; empty: boolean } {
    const q = this.clone();
    q.baseAlias();
    const ctx: CompileContext = { model: q.model };
    const where = q.writeWhere(ctx);
    return { compiled: [`DELETE FROM ${quoteName(q.model.dbTable)}${where.sql}`, where.params], empty: where.empty };
  }

  /** `SELECT 1 AS "a" FROM … LIMIT 1`. */
  compileExists(): { compiled: Compiled; empty: boolean } {
    const q = this.clone();
    q.orderBy = [];
    q.defaultOrdering = false;
    if (q.distinct || q.groupBy !== null || q.highMark !== null || q.lowMark !== 0) {
      const inner = q.compileSelect();
      return { compiled: [`SELECT 1 AS "a" FROM (${inner.compiled[0]}) subquery LIMIT 1`, inner.compiled[1]], empty: inner.empty };
    }
    q.baseAlias();
    const ctx: CompileContext = { model: q.model };
    let empty = q.isEmpty;
    let sql = `SELECT 1 AS "a" FROM ${q.fromClause()}`;
    const params: PyValue[] = [];
    try {
      const where = q.whereSql(ctx);
      if (where) {
        sql += ` WHERE ${where[0]}`;
        params.push(...where[1]);
      }
    } catch (e) {
      if (e instanceof EmptyResultSet) empty = true;
      else throw e;
    }
    sql += ' LIMIT 1';
    return { compiled: [sql, params], empty };
  }

  // -------------------------------------------------------------------------------------------
  // Limits
  // -------------------------------------------------------------------------------------------

  setLimits(low: number | null, high: number | null): void {
    if (high !== null) {
      if (this.highMark !== null) this.highMark = Math.min(this.highMark, this.lowMark + high);
      else this.highMark = this.lowMark + high;
    }
    if (low !== null) {
      if (this.highMark !== null) this.lowMark = Math.min(this.highMark, this.lowMark + low);
      else this.lowMark = this.lowMark + low;
    }
    if (this.lowMark === this.highMark) this.isEmpty = true;
  }

  get isSliced(): boolean {
    return this.lowMark !== 0 || this.highMark !== null;
  }

  canFilter(): boolean {
    return !this.isSliced;
  }

  hasFilters(): boolean {
    return this.where.children.length > 0;
  }

  clearOrdering(force: boolean): void {
    this.orderBy = [];
    if (force) this.defaultOrdering = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

class JoinPromoter {
  private readonly effectiveConnector: string;
  private readonly votes = new Map<string, number>();
  constructor(
    connector: string,
    private readonly numChildren: number,
    negated: boolean,
  ) {
    this.effectiveConnector = negated ? (connector === AND ? OR : AND) : connector;
  }
  addVotes(votes: Iterable<string>): void {
    for (const v of votes) this.votes.set(v, (this.votes.get(v) ?? 0) + 1);
  }
  updateJoinTypes(query: Query): Set<string> {
    const toPromote = new Set<string>();
    const toDemote = new Set<string>();
    for (const [table, votes] of this.votes) {
      if (this.effectiveConnector === OR && votes < this.numChildren) toPromote.add(table);
      if (this.effectiveConnector === AND || (this.effectiveConnector === OR && votes === this.numChildren)) toDemote.add(table);
    }
    query.promoteJoins(toPromote);
    query.demoteJoins(toDemote);
    return toDemote;
  }
}

function forwardPath(apps: Apps, fk: ForeignKey): PathInfo[] {
  const from = current(apps, fk.model!);
  const to = relTarget(apps, fk);
  const target = to.getField(targetField(fk).name!);
  return [{ fromMeta: from, toMeta: to, joinField: fk, joinCols: [[fk.column!, target.column!]], targetFields: [target], m2m: false, direct: true }];
}

function reversePath(apps: Apps, fk: ForeignKey, owner: ModelMeta): PathInfo[] {
  const from = relTarget(apps, fk);
  const target = targetField(fk);
  const rel = fk.remoteField;
  return [
    {
      fromMeta: from,
      toMeta: owner,
      joinField: rel,
      joinCols: [[target.column!, fk.column!]],
      targetFields: [owner.pk!],
      m2m: !(rel instanceof OneToOneRel) && !fk.unique,
      direct: false,
    },
  ];
}

/** A forward FK/O2O/M2M or a reverse relation (anything with path infos). */
function isRelationField(f: Field | ForeignObjectRel): boolean {
  return f instanceof ForeignKey || f instanceof ManyToManyField || f instanceof ForeignObjectRel;
}

function orderingList(meta: ModelMeta): OrderEntry[] {
  const o = meta.ordering;
  if (o === None || o === undefined) return [];
  try {
    return toArray(o);
  } catch {
    return [];
  }
}

function isField(v: PyValue | undefined): v is Field {
  return v instanceof PyObject && typeof (v as Field).getInternalType === 'function' && 'nullValue' in v;
}

function isResolvableValue(v: PyValue): boolean {
  return v instanceof DeconstructibleObject || v instanceof Q;
}

function isAggregateNode(n: Node): boolean {
  if (n instanceof AggregateNode) return true;
  return n.sourceExpressions().some(isAggregateNode);
}

function valueOutputField(v: PyValue): Field | null {
  switch (typeof v) {
    case 'string':
      return makeField('CharField');
    case 'boolean':
      return makeField('BooleanField');
    case 'bigint':
      return INTEGER();
    case 'number':
      return FLOAT();
  }
  return null;
}

/** CombinedExpression._resolve_output_field for the common numeric cases. */
function combinedOutput(lhs: Node, rhs: Node, connector: string): Field | null {
  const l = lhs.outputField();
  const r = rhs.outputField();
  if (!l) return r;
  if (!r) return l;
  const lk = kindOfField(l);
  const rk = kindOfField(r);
  if (lk === rk) return l;
  if ((lk === 'int' && rk === 'decimal') || (lk === 'decimal' && rk === 'int')) return lk === 'decimal' ? l : r;
  if ((lk === 'int' && rk === 'float') || (lk === 'float' && rk === 'int')) return lk === 'float' ? l : r;
  void connector;
  if ((lk === 'decimal' && rk === 'float') || (lk === 'float' && rk === 'decimal')) {
    throw pyError(FieldError, `Cannot infer type of '${connector}' expression involving these types: ${l.className}, ${r.className}. You must set output_field.`);
  }
  return l;
}

/** Whether a condition involves a window function (it then filters a wrapping query). */
function containsWindow(n: Node): boolean {
  if (n instanceof WindowNode) return true;
  if (n instanceof WhereNode) return n.children.some(containsWindow);
  if (n instanceof LookupNode) return containsWindow(n.lhs) || (n.rhs instanceof Node && containsWindow(n.rhs));
  return n.sourceExpressions().some(containsWindow);
}

/** Extract and Trunc functions (compiled by the ORM: their SQL depends on the column's type and USE_TZ). */
function isDateFunction(expr: PyValue): boolean {
  return expr instanceof Func && (typeof expr.cls.native['extract'] === 'string' || typeof expr.cls.native['trunc'] === 'string');
}

/** How a node's values are read: its own converter (Trunc), else its output field's. */
function kindOf(n: Node): ValueKind {
  const own = (n as { valueKind?: ValueKind }).valueKind;
  if (own) return own;
  const of = n.outputField();
  return of ? kindOfField(of) : 'raw';
}

function exprName(expr: PyValue): string {
  return repr(expr);
}

function fieldClassName(f: Field | ForeignObjectRel): string {
  if (f instanceof ManyToOneRel || f instanceof ManyToManyRel) return f.constructor.name;
  return (f as Field).className;
}

/** Django's ending of an "Unsupported lookup" error for a field (a reverse relation's are its field's). */
function suggestionFor(name: string, field: Field | ForeignObjectRel): string {
  return lookupSuggestion(name, field instanceof ForeignObjectRel ? field.field : field);
}

function cloneWhere(w: WhereNode): WhereNode {
  return new WhereNode([...w.children], w.connector, w.negated);
}

/** Copies a node tree with table aliases renamed (subqueries relabel every alias to U<n>). */
function relabelNode(n: Node, change: Map<string, string>): Node {
  return rewriteNode(n, (x) => {
    if (!(x instanceof Col)) return null;
    if (x.alias === null) return x;
    const raw = x.alias.startsWith('"') ? x.alias.slice(1, -1) : x.alias;
    const to = change.get(raw);
    return to ? new Col(x.target, x.output, to) : x;
  });
}

/** Copies a node tree, replacing the nodes `leaf` answers for (null: keep going down). */
function rewriteNode(n: Node, leaf: (n: Node) => Node | null): Node {
  const own = leaf(n);
  if (own) return own;
  const rel = (x: Node) => rewriteNode(x, leaf);
  if (n instanceof WhereNode) return new WhereNode(n.children.map(rel), n.connector, n.negated);
  if (n instanceof LookupNode) {
    const rhs = n.rhs instanceof Node ? rel(n.rhs) : n.rhs instanceof PyList ? new PyList(n.rhs.items.map((v) => (v instanceof Node ? rel(v) : v)) as unknown as PyValue[]) : n.rhs;
    const copy = Object.create(LookupNode.prototype) as LookupNode;
    Object.assign(copy, n, { lhs: rel(n.lhs), rhs });
    return copy;
  }
  if (n instanceof CombinedNode) return new CombinedNode(rel(n.lhs), n.connector, rel(n.rhs), n.output);
  if (n instanceof AggregateNode) {
    return new AggregateNode(n.fn, n.args.map(rel), n.star, n.distinct, n.filter ? rel(n.filter) : null, n.output, n.defaultNode ? rel(n.defaultNode) : null);
  }
  if (n instanceof OrderItemNode) return new OrderItemNode(rel(n.expr), n.descending, n.nullsFirst, n.nullsLast);
  if (n instanceof RefNode) return new RefNode(n.refs, rel(n.source));
  const srcs = n.sourceExpressions();
  if (srcs.length) {
    const copy = Object.create(Object.getPrototypeOf(n)) as Node;
    Object.assign(copy, n);
    for (const key of Object.keys(copy)) {
      const v = (copy as unknown as Record<string, unknown>)[key];
      if (v instanceof Node) (copy as unknown as Record<string, unknown>)[key] = rel(v);
      else if (Array.isArray(v) && v.every((x) => x instanceof Node)) (copy as unknown as Record<string, unknown>)[key] = v.map((x: Node) => rel(x));
    }
    return copy;
  }
  return n;
}

/** Resolves database functions through the schema compiler, with the ORM's column references. */
class FunctionResolver extends SchemaQuery {
  constructor(
    model: ModelMeta,
    private readonly ref: (name: string) => Node,
    private readonly sub: (e: PyValue) => Node,
  ) {
    super(model);
  }
  override resolveF(name: string): Col {
    return this.ref(name) as Col;
  }
  override resolve(expr: PyValue): Node {
    if (expr instanceof Aggregate || expr instanceof CombinedExpression || isDateFunction(expr)) return this.sub(expr);
    return super.resolve(expr);
  }
}

