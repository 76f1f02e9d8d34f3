/**
 * models.Index: a named index over fields or expressions (Meta.indexes, AddIndex).
 */
import { type Kwargs, type PyClass, PyList, PyTuple, type PyValue, None, ValueError, pyError, toArray, truthy } from '../python/objects.ts';
import { bindArgs } from '../python/signature.ts';
import { namesDigest, splitIdentifier } from '../db/utils.ts';
import { type Deconstruction, DeconstructibleObject, F, Q, nativeClass } from './expressions.ts';
import type { ModelMeta } from './meta.ts';

export class Index extends DeconstructibleObject {
  static readonly suffix = 'idx';
  static readonly maxNameLength = 30;
  /** Field names as given, possibly with a leading '-' for descending order. */
  fields: string[];
  name: string;
  expressions: PyValue[];
  dbTablespace: PyValue;
  opclasses: PyValue[];
  /** `opclasses` as given (list or tuple): deconstruct hands it back unchanged, like Django. */
  opclassesArg: PyValue;
  condition: Q | null;
  include: PyValue[];
  /** The options of a PostgreSQL index class (GinIndex's fastupdate …), by name. */
  options: Map<string, PyValue>;

  constructor(cls: PyClass, args: PyValue[], kwargs: Kwargs) {
    super(cls, args, kwargs);
    const optionParams = indexOptionParams(cls);
    const b = bindArgs(
      {
        name: `${cls.name}.__init__`,
        varargs: true,
        kwonly: [
          ...optionParams,
          ['fields', new PyTuple([])],
          ['name', None],
          ['db_tablespace', None],
          ['opclasses', new PyTuple([])],
          ['condition', None],
          ['include', None],
        ],
      },
      args,
      kwargs,
    );
    const v = b.values;
    this.options = new Map(optionParams.map(([n]) => [n, v.get(n)!]));
    const fields = v.get('fields')!;
    const opclasses = v.get('opclasses')!;
    const condition = v.get('condition')!;
    const name = v.get('name')!;
    const include = v.get('include')!;
    const expressions = b.rest.args;
    if (truthy(opclasses) && !truthy(name)) throw pyError(ValueError, 'An index must be named to use opclasses.');
    if (condition !== None && !(condition instanceof Q)) throw pyError(ValueError, 'Index.condition must be a Q instance.');
    if (truthy(condition) && !truthy(name)) throw pyError(ValueError, 'An index must be named to use condition.');
    if (!(fields instanceof PyList || fields instanceof PyTuple)) throw pyError(ValueError, 'Index.fields must be a list or tuple.');
    if (!(opclasses instanceof PyList || opclasses instanceof PyTuple)) throw pyError(ValueError, 'Index.opclasses must be a list or tuple.');
    if (expressions.length === 0 && fields.items.length === 0) {
      throw pyError(ValueError, 'At least one field or expression is required to define an index.');
    }
    if (expressions.length && fields.items.length) throw pyError(ValueError, 'Index.fields and expressions are mutually exclusive.');
    if (expressions.length && !truthy(name)) throw pyError(ValueError, 'An index must be named to use expressions.');
    if (opclasses.items.length && fields.items.length !== opclasses.items.length) {
      throw pyError(ValueError, 'Index.fields and Index.opclasses must have the same number of elements.');
    }
    if (fields.items.some((f) => typeof f !== 'string')) throw pyError(ValueError, 'Index.fields must contain only strings with field names.');
    if (include !== None && !(include instanceof PyList || include instanceof PyTuple)) {
      throw pyError(ValueError, 'Index.include must be a list or tuple.');
    }
    this.fields = fields.items as string[];
    this.name = typeof name === 'string' ? name : '';
    this.dbTablespace = v.get('db_tablespace')!;
    this.opclasses = [...opclasses.items];
    this.opclassesArg = opclasses;
    this.condition = condition instanceof Q ? condition : null;
    this.include = include === None ? [] : toArray(include);
    this.expressions = expressions.map((e) => (typeof e === 'string' ? new F(e) : e));
  }

  /** [field name, 'DESC' | ''] pairs. */
  get fieldsOrders(): [string, string][] {
    return this.fields.map((f) => (f.startsWith('-') ? [f.slice(1), 'DESC'] : [f, '']));
  }

  /** `suffix`: 'idx', or the access method of a PostgreSQL index class ('gin', 'brin' …). */
  get suffix(): string {
    return (this.cls.native['indexSuffix'] as string | undefined) ?? Index.suffix;
  }
  /** `max_name_length`: 30, longer by as much as a PostgreSQL index's suffix is. */
  get maxNameLength(): number {
    return Index.maxNameLength - Index.suffix.length + this.suffix.length;
  }
  /** PostgresIndex.create_sql's `USING <suffix>`, or '' for a plain Index. */
  get usingSql(): string {
    return this.cls.native['indexSuffix'] ? ` USING ${this.suffix}` : '';
  }
  /** PostgresIndex.get_with_params: `fastupdate = off`, `fillfactor = 70` … */
  withParams(): string[] {
    const fn = this.cls.native['withParams'] as ((o: Map<string, PyValue>) => string[]) | undefined;
    return fn ? fn(this.options) : [];
  }

  override deconstruct(): Deconstruction {
    const kwargs: Kwargs = new Map([['name', this.name]]);
    if (this.fields.length) kwargs.set('fields', new PyList(this.fields));
    if (this.dbTablespace !== None) kwargs.set('db_tablespace', this.dbTablespace);
    if (this.opclasses.length) kwargs.set('opclasses', this.opclassesArg);
    if (this.condition && truthy(this.condition)) kwargs.set('condition', this.condition);
    if (this.include.length) kwargs.set('include', new PyTuple(this.include));
    for (const [n, value] of this.options) if (value !== None && !(n === 'columns' && !truthy(value))) kwargs.set(n, value);
    return { path: this.path.replace('django.db.models.indexes', 'django.db.models'), args: [...this.expressions], kwargs };
  }

  clone(): Index {
    const d = this.deconstruct();
    return new Index(this.cls, d.args, d.kwargs);
  }

  /** Generates `<table11>_<column7>_<hash6>_idx` like Index.set_name_with_model. */
  setNameWithModel(model: ModelMeta): void {
    const [, tableName] = splitIdentifier(model.dbTable);
    const orders = this.fieldsOrders;
    const columnNames = orders.map(([f]) => model.getField(f).column!);
    const withOrder = columnNames.map((c, i) => (orders[i]![1] ? `-${c}` : c));
    const hashData = [tableName, ...withOrder, this.suffix];
    let name = `${tableName.slice(0, 11)}_${columnNames[0]!.slice(0, 7)}_${namesDigest(hashData, 6)}_${this.suffix}`;
    if (name.length > this.maxNameLength) {
      throw pyError(ValueError, 'Index too long for multiple database support. Is self.suffix longer than 3 characters?');
    }
    if (name[0] === '_' || /[0-9]/.test(name[0]!)) name = `D${name.slice(1)}`;
    this.name = name;
  }

  override nativeGetAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'name':
        return this.name;
      case 'fields':
        return new PyList(this.fields);
      case 'condition':
        return this.condition ?? None;
      case 'expressions':
        return new PyTuple(this.expressions);
    }
    return undefined;
  }
  override nativeSetAttr(name: string, value: PyValue): boolean {
    if (name === 'name' && typeof value === 'string') {
      this.name = value;
      return true;
    }
    return false;
  }
  override nativeRepr(): string {
    const parts: string[] = [];
    if (this.fields.length) parts.push(`fields=${JSON.stringify(this.fields).replace(/"/g, "'").replace(/,/g, ', ')}`);
    if (this.expressions.length) parts.push(`expressions=${this.expressions.length}`);
    if (this.name) parts.push(`name='${this.name}'`);
    return `<${this.cls.qualname}: ${parts.join(' ')}>`;
  }
}

export const IndexClass: PyClass = nativeClass('Index', 'django.db.models.indexes', (cls, args, kwargs) => new Index(cls, args, kwargs), {
  path: 'django.db.models.Index',
});

/** The keyword-only options a PostgreSQL index class adds to Index's (`native.indexOptions`). */
function indexOptionParams(cls: PyClass): [string, PyValue][] {
  for (const c of cls.mro) {
    const o = c.native['indexOptions'] as [string, PyValue][] | undefined;
    if (o) return o;
  }
  return [];
}

const onOff = (v: PyValue) => (truthy(v) ? 'on' : 'off');

/**
 * django.contrib.postgres.indexes: Index subclasses created `USING <suffix>` with storage
 * parameters (`WITH (fastupdate = off)`), named with their suffix (`_gin`, `_brin` …).
 */
function postgresIndexClass(name: string, suffix: string, options: [string, PyValue][], withParams: (o: Map<string, PyValue>) => string[], base?: PyClass): PyClass {
  const cls = nativeClass(name, 'django.contrib.postgres.indexes', (c, args, kwargs) => new Index(c, args, kwargs), { bases: [base ?? IndexClass] });
  cls.native['indexSuffix'] = suffix;
  cls.native['indexOptions'] = options;
  cls.native['withParams'] = withParams;
  return cls;
}
const num = (n: string, v: PyValue) => `${n} = ${String(v)}`;
const PostgresIndexClass = postgresIndexClass('PostgresIndex', 'idx', [], () => []);
PostgresIndexClass.native['indexSuffix'] = undefined;
export const POSTGRES_INDEX_CLASSES: Record<string, PyClass> = {
  PostgresIndex: PostgresIndexClass,
  BTreeIndex: postgresIndexClass('BTreeIndex', 'btree', [['fillfactor', None], ['deduplicate_items', None]], (o) => [
    ...(o.get('fillfactor') !== None ? [num('fillfactor', o.get('fillfactor')!)] : []),
    ...(o.get('deduplicate_items') !== None ? [`deduplicate_items = ${onOff(o.get('deduplicate_items')!)}`] : []),
  ], PostgresIndexClass),
  HashIndex: postgresIndexClass('HashIndex', 'hash', [['fillfactor', None]], (o) => (o.get('fillfactor') !== None ? [num('fillfactor', o.get('fillfactor')!)] : []), PostgresIndexClass),
  GinIndex: postgresIndexClass('GinIndex', 'gin', [['fastupdate', None], ['gin_pending_list_limit', None]], (o) => [
    ...(o.get('gin_pending_list_limit') !== None ? [num('gin_pending_list_limit', o.get('gin_pending_list_limit')!)] : []),
    ...(o.get('fastupdate') !== None ? [`fastupdate = ${onOff(o.get('fastupdate')!)}`] : []),
  ], PostgresIndexClass),
  GistIndex: postgresIndexClass('GistIndex', 'gist', [['buffering', None], ['fillfactor', None]], (o) => [
    ...(o.get('buffering') !== None ? [`buffering = ${onOff(o.get('buffering')!)}`] : []),
    ...(o.get('fillfactor') !== None ? [num('fillfactor', o.get('fillfactor')!)] : []),
  ], PostgresIndexClass),
  SpGistIndex: postgresIndexClass('SpGistIndex', 'spgist', [['fillfactor', None]], (o) => (o.get('fillfactor') !== None ? [num('fillfactor', o.get('fillfactor')!)] : []), PostgresIndexClass),
  BrinIndex: postgresIndexClass('BrinIndex', 'brin', [['autosummarize', None], ['pages_per_range', None]], (o) => [
    ...(o.get('autosummarize') !== None ? [`autosummarize = ${onOff(o.get('autosummarize')!)}`] : []),
    ...(o.get('pages_per_range') !== None ? [num('pages_per_range', o.get('pages_per_range')!)] : []),
  ], PostgresIndexClass),
};
