/**
 * Deferred DDL statements that know which tables, columns and indexes they reference
 * (django.db.backends.ddl_references), so that a table or column rename later in the same
 * schema editor rewrites them and a removal drops them.
 */
import { formatNamed } from './data-types.ts';

export type QuoteName = (name: string) => string;

export abstract class Reference {
  referencesTable(_table: string): boolean {
    return false;
  }
  referencesColumn(_table: string, _column: string): boolean {
    return false;
  }
  referencesIndex(_table: string, _index: string): boolean {
    return false;
  }
  renameTableReferences(_oldTable: string, _newTable: string): void {}
  renameColumnReferences(_table: string, _oldColumn: string, _newColumn: string): void {}
  abstract toString(): string;
}

/** A reference to a table. */
export class Table extends Reference {
  constructor(
    public table: string,
    protected readonly quoteName: QuoteName,
  ) {
    super();
  }
  override referencesTable(table: string): boolean {
    return this.table === table;
  }
  override referencesIndex(table: string, index: string): boolean {
    return this.referencesTable(table) && this.toString() === index;
  }
  override renameTableReferences(oldTable: string, newTable: string): void {
    if (this.table === oldTable) this.table = newTable;
  }
  toString(): string {
    return this.quoteName(this.table);
  }
}

/** Base class for references to several columns of a table. */
export class TableColumns extends Table {
  constructor(
    table: string,
    public columns: string[],
    quoteName: QuoteName = (n) => `"${n}"`,
  ) {
    super(table, quoteName);
  }
  override referencesColumn(table: string, column: string): boolean {
    return this.table === table && this.columns.includes(column);
  }
  override renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    if (this.table !== table) return;
    this.columns = this.columns.map((c) => (c === oldColumn ? newColumn : c));
  }
}

/** One or several quoted columns, each with an optional suffix (`DESC`). */
export class Columns extends TableColumns {
  constructor(
    table: string,
    columns: string[],
    quoteName: QuoteName,
    readonly colSuffixes: readonly string[] = [],
  ) {
    super(table, columns, quoteName);
  }
  override toString(): string {
    return this.columns
      .map((column, idx) => {
        const col = this.quoteName(column);
        const suffix = this.colSuffixes[idx];
        return suffix ? `${col} ${suffix}` : col;
      })
      .join(', ');
  }
}

/** Columns with an operator class each (`"name" varchar_pattern_ops`). */
export class IndexColumns extends Columns {
  constructor(
    table: string,
    columns: string[],
    quoteName: QuoteName,
    colSuffixes: readonly string[] = [],
    readonly opclasses: readonly string[] = [],
  ) {
    super(table, columns, quoteName, colSuffixes);
  }
  override toString(): string {
    return this.columns
      .map((column, idx) => {
        let col = `${this.quoteName(column)} ${this.opclasses[idx]}`;
        const suffix = this.colSuffixes[idx];
        if (suffix) col = `${col} ${suffix}`;
        return col;
      })
      .join(', ');
  }
}

export type CreateIndexName = (table: string, columns: string[], suffix: string) => string;

/** An index name computed from the (possibly renamed) table and columns when rendered. */
export class IndexName extends TableColumns {
  constructor(
    table: string,
    columns: string[],
    readonly suffix: string,
    readonly createIndexName: CreateIndexName,
  ) {
    super(table, columns);
  }
  override toString(): string {
    return this.createIndexName(this.table, this.columns, this.suffix);
  }
}

/** A foreign key constraint name: `<table>_<col>_<hash>_fk_<to_table>_<to_col>`. */
export class ForeignKeyName extends TableColumns {
  readonly toReference: TableColumns;
  constructor(
    fromTable: string,
    fromColumns: string[],
    toTable: string,
    toColumns: string[],
    readonly suffixTemplate: string,
    readonly createFkName: CreateIndexName,
  ) {
    super(fromTable, fromColumns);
    this.toReference = new TableColumns(toTable, toColumns);
  }
  override referencesTable(table: string): boolean {
    return super.referencesTable(table) || this.toReference.referencesTable(table);
  }
  override referencesColumn(table: string, column: string): boolean {
    return super.referencesColumn(table, column) || this.toReference.referencesColumn(table, column);
  }
  override renameTableReferences(oldTable: string, newTable: string): void {
    super.renameTableReferences(oldTable, newTable);
    this.toReference.renameTableReferences(oldTable, newTable);
  }
  override renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    super.renameColumnReferences(table, oldColumn, newColumn);
    this.toReference.renameColumnReferences(table, oldColumn, newColumn);
  }
  override toString(): string {
    const suffix = formatNamed(this.suffixTemplate, {
      to_table: this.toReference.table,
      to_column: this.toReference.columns[0]!,
    });
    return this.createFkName(this.table, this.columns, suffix);
  }
}

/**
 * Index/constraint expressions (`(LOWER("name"))`), compiled when rendered. Column renames are
 * remembered and applied when compiling, like Django's deep copy with renamed targets.
 */
export class Expressions extends TableColumns {
  /** Original column name → current name. */
  private readonly renames = new Map<string, string>();
  constructor(
    table: string,
    private readonly referencedColumns: string[],
    private readonly compile: (renames: ReadonlyMap<string, string>) => string,
  ) {
    super(table, [...referencedColumns]);
  }
  override renameTableReferences(oldTable: string, newTable: string): void {
    if (this.table !== oldTable) return;
    super.renameTableReferences(oldTable, newTable);
  }
  override renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    if (this.table !== table) return;
    for (const original of this.referencedColumns) {
      const current = this.renames.get(original) ?? original;
      if (current === oldColumn) this.renames.set(original, newColumn);
    }
    this.columns = this.referencedColumns.map((c) => this.renames.get(c) ?? c);
  }
  override toString(): string {
    return this.compile(this.renames);
  }
}

export type StatementPart = Reference | string;

/** A statement template and its parts, rendered (`template % parts`) only when executed. */
export class Statement extends Reference {
  constructor(
    readonly template: string,
    readonly parts: Record<string, StatementPart>,
  ) {
    super();
  }
  private get references(): Reference[] {
    return Object.values(this.parts).filter((p): p is Reference => p instanceof Reference);
  }
  override referencesTable(table: string): boolean {
    return this.references.some((p) => p.referencesTable(table));
  }
  override referencesColumn(table: string, column: string): boolean {
    return this.references.some((p) => p.referencesColumn(table, column));
  }
  override referencesIndex(table: string, index: string): boolean {
    return this.references.some((p) => p.referencesIndex(table, index));
  }
  override renameTableReferences(oldTable: string, newTable: string): void {
    for (const p of this.references) p.renameTableReferences(oldTable, newTable);
  }
  override renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    for (const p of this.references) p.renameColumnReferences(table, oldColumn, newColumn);
  }
  toString(): string {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.parts)) values[k] = v.toString();
    return formatNamed(this.template, values);
  }
}
