/**
 * What the learner is typing, for Django-aware completions: `models.` (field types, on_delete
 * values, Meta helpers), `migrations.` (operations), keyword arguments inside a field call, the
 * value of `on_delete=`, the body of `class Meta:` and of a migration class. Pure text analysis.
 */

export type DjangoContext =
  | { kind: 'models' }
  | { kind: 'migrations' }
  | { kind: 'fieldArgs'; field: string; used: string[] }
  | { kind: 'onDelete' }
  | { kind: 'meta' }
  | { kind: 'migrationBody' }
  | null;

interface FieldDoc {
  snippet: string;
  doc: string;
}

export const FIELD_TYPES: Record<string, FieldDoc> = {
  AutoField: { snippet: 'AutoField(primary_key=True)', doc: 'An integer primary key that increments automatically.' },
  BigAutoField: { snippet: 'BigAutoField(primary_key=True)', doc: 'A 64-bit auto-incrementing primary key.' },
  BigIntegerField: { snippet: 'BigIntegerField(${1})', doc: 'A 64-bit integer (bigint).' },
  BinaryField: { snippet: 'BinaryField(${1})', doc: 'Raw binary data (bytea).' },
  BooleanField: { snippet: 'BooleanField(default=${1|False,True|})', doc: 'True/False (boolean).' },
  CharField: { snippet: 'CharField(max_length=${1:100})', doc: 'A string with a maximum length (varchar(n)).' },
  DateField: { snippet: 'DateField(${1})', doc: 'A date (date).' },
  DateTimeField: { snippet: 'DateTimeField(${1:auto_now_add=True})', doc: 'A date and time (timestamp with time zone).' },
  DecimalField: { snippet: 'DecimalField(max_digits=${1:10}, decimal_places=${2:2})', doc: 'A fixed-precision decimal (numeric(p, s)).' },
  DurationField: { snippet: 'DurationField(${1})', doc: 'A period of time (interval).' },
  EmailField: { snippet: 'EmailField(${1:max_length=254})', doc: 'A CharField that validates e-mail addresses.' },
  FileField: { snippet: "FileField(upload_to='${1:uploads/}')", doc: 'A file upload (stored as a path, varchar(100)).' },
  FilePathField: { snippet: "FilePathField(path='${1}')", doc: 'A choice of file names in a folder.' },
  FloatField: { snippet: 'FloatField(${1})', doc: 'A floating-point number (double precision).' },
  GeneratedField: {
    snippet: 'GeneratedField(expression=${1}, output_field=models.${2:IntegerField()}, db_persist=${3|True,False|})',
    doc: 'A column computed by the database from other columns.',
  },
  GenericIPAddressField: { snippet: 'GenericIPAddressField(${1})', doc: 'An IPv4 or IPv6 address (inet).' },
  ImageField: { snippet: "ImageField(upload_to='${1:images/}')", doc: 'A FileField for images.' },
  IntegerField: { snippet: 'IntegerField(${1})', doc: 'An integer (integer).' },
  JSONField: { snippet: 'JSONField(${1:default=dict})', doc: 'JSON data (jsonb).' },
  PositiveBigIntegerField: { snippet: 'PositiveBigIntegerField(${1})', doc: 'A bigint with a CHECK (>= 0).' },
  PositiveIntegerField: { snippet: 'PositiveIntegerField(${1})', doc: 'An integer with a CHECK (>= 0).' },
  PositiveSmallIntegerField: { snippet: 'PositiveSmallIntegerField(${1})', doc: 'A smallint with a CHECK (>= 0).' },
  SlugField: { snippet: 'SlugField(${1:max_length=50})', doc: 'A short label (varchar(50), indexed).' },
  SmallAutoField: { snippet: 'SmallAutoField(primary_key=True)', doc: 'A 16-bit auto-incrementing primary key.' },
  SmallIntegerField: { snippet: 'SmallIntegerField(${1})', doc: 'A small integer (smallint).' },
  TextField: { snippet: 'TextField(${1})', doc: 'Unlimited text (text).' },
  TimeField: { snippet: 'TimeField(${1})', doc: 'A time of day (time).' },
  URLField: { snippet: 'URLField(${1:max_length=200})', doc: 'A CharField that validates URLs.' },
  UUIDField: { snippet: 'UUIDField(${1:default=uuid.uuid4})', doc: 'A UUID (uuid).' },
  ForeignKey: {
    snippet: 'ForeignKey(${1:Model}, on_delete=models.${2|CASCADE,PROTECT,SET_NULL,RESTRICT,SET_DEFAULT,DO_NOTHING|})',
    doc: 'A many-to-one relation: a `<name>_id` column with a foreign key constraint and an index.',
  },
  OneToOneField: {
    snippet: 'OneToOneField(${1:Model}, on_delete=models.${2|CASCADE,PROTECT,SET_NULL,RESTRICT,SET_DEFAULT,DO_NOTHING|})',
    doc: 'A one-to-one relation: a unique foreign key.',
  },
  ManyToManyField: { snippet: 'ManyToManyField(${1:Model})', doc: 'A many-to-many relation through a join table.' },
};

export const MODELS_NAMES: Record<string, FieldDoc> = {
  Model: { snippet: 'Model', doc: 'Base class of every model.' },
  Index: { snippet: "Index(fields=['${1}'], name='${2}')", doc: 'An index in Meta.indexes.' },
  UniqueConstraint: { snippet: "UniqueConstraint(fields=['${1}'], name='${2}')", doc: 'A unique constraint in Meta.constraints.' },
  CheckConstraint: { snippet: "CheckConstraint(condition=models.Q(${1}), name='${2}')", doc: 'A check constraint in Meta.constraints.' },
  Q: { snippet: 'Q(${1})', doc: 'A condition (filters, check constraints, partial indexes).' },
  F: { snippet: "F('${1}')", doc: 'A reference to a field in an expression.' },
  Manager: { snippet: 'Manager()', doc: 'A model manager.' },
  TextChoices: { snippet: 'TextChoices', doc: 'Base class for string choices.' },
  IntegerChoices: { snippet: 'IntegerChoices', doc: 'Base class for integer choices.' },
  Value: { snippet: 'Value(${1})', doc: 'A literal value in an expression.' },
  Func: { snippet: 'Func(${1})', doc: 'A SQL function in an expression.' },
};

export const ON_DELETE: Record<string, string> = {
  CASCADE: 'Delete the rows that point to the deleted row too.',
  PROTECT: 'Refuse to delete a row that is still referenced (ProtectedError).',
  RESTRICT: 'Like PROTECT, but allows deletion through another CASCADE.',
  SET_NULL: 'Set the reference to NULL (needs null=True).',
  SET_DEFAULT: 'Set the reference to its default (needs a default).',
  DO_NOTHING: 'Do nothing in Django; the database constraint decides.',
  SET: 'SET(value or callable): set the reference to a given value.',
};

const COMMON_OPTIONS = [
  'null', 'blank', 'default', 'db_default', 'db_index', 'unique', 'primary_key', 'verbose_name', 'help_text', 'choices',
  'db_column', 'db_comment', 'db_tablespace', 'editable', 'error_messages', 'validators', 'unique_for_date',
];

const FIELD_OPTIONS: Record<string, string[]> = {
  CharField: ['max_length', 'db_collation'],
  SlugField: ['max_length', 'allow_unicode'],
  EmailField: ['max_length'],
  URLField: ['max_length'],
  TextField: ['db_collation'],
  DecimalField: ['max_digits', 'decimal_places'],
  DateField: ['auto_now', 'auto_now_add'],
  DateTimeField: ['auto_now', 'auto_now_add'],
  TimeField: ['auto_now', 'auto_now_add'],
  FileField: ['upload_to', 'storage', 'max_length'],
  ImageField: ['upload_to', 'height_field', 'width_field', 'max_length'],
  JSONField: ['encoder', 'decoder'],
  GeneratedField: ['expression', 'output_field', 'db_persist'],
  ForeignKey: ['to', 'on_delete', 'related_name', 'related_query_name', 'to_field', 'db_constraint', 'limit_choices_to', 'swappable'],
  OneToOneField: ['to', 'on_delete', 'related_name', 'related_query_name', 'to_field', 'db_constraint', 'parent_link', 'limit_choices_to'],
  ManyToManyField: ['to', 'related_name', 'related_query_name', 'through', 'through_fields', 'symmetrical', 'db_table', 'db_constraint', 'limit_choices_to'],
};

export function fieldOptions(field: string): string[] {
  const relation = ['ForeignKey', 'OneToOneField', 'ManyToManyField'].includes(field);
  return [...(FIELD_OPTIONS[field] ?? []), ...COMMON_OPTIONS.filter((o) => !(relation && (o === 'primary_key' && field === 'ManyToManyField')))];
}

export const META_OPTIONS: Record<string, string> = {
  db_table: "db_table = '${1}'",
  ordering: "ordering = ['${1}']",
  verbose_name: "verbose_name = '${1}'",
  verbose_name_plural: "verbose_name_plural = '${1}'",
  indexes: "indexes = [\n    models.Index(fields=['${1}'], name='${2}'),\n]",
  constraints: "constraints = [\n    models.UniqueConstraint(fields=['${1}'], name='${2}'),\n]",
  unique_together: "unique_together = [['${1}', '${2}']]",
  abstract: 'abstract = True',
  managed: 'managed = ${1|False,True|}',
  proxy: 'proxy = True',
  app_label: "app_label = '${1}'",
  get_latest_by: "get_latest_by = '${1}'",
  order_with_respect_to: "order_with_respect_to = '${1}'",
  default_related_name: "default_related_name = '${1}'",
  db_table_comment: "db_table_comment = '${1}'",
  permissions: "permissions = [('${1}', '${2}')]",
  base_manager_name: "base_manager_name = '${1}'",
  default_manager_name: "default_manager_name = '${1}'",
  required_db_vendor: "required_db_vendor = '${1:postgresql}'",
};

export const OPERATIONS: Record<string, FieldDoc> = {
  CreateModel: {
    snippet: "CreateModel(\n    name='${1}',\n    fields=[\n        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n        ${2}\n    ],\n)",
    doc: 'Creates a model (CREATE TABLE).',
  },
  DeleteModel: { snippet: "DeleteModel(name='${1}')", doc: 'Deletes a model (DROP TABLE).' },
  RenameModel: { snippet: "RenameModel(old_name='${1}', new_name='${2}')", doc: 'Renames a model (and its table).' },
  AlterModelTable: { snippet: "AlterModelTable(name='${1}', table='${2}')", doc: 'Changes Meta.db_table.' },
  AlterModelTableComment: { snippet: "AlterModelTableComment(name='${1}', table_comment='${2}')", doc: 'Changes Meta.db_table_comment.' },
  AlterModelOptions: { snippet: "AlterModelOptions(name='${1}', options={${2}})", doc: 'Changes Meta options that do not touch the database.' },
  AlterModelManagers: { snippet: "AlterModelManagers(name='${1}', managers=[${2}])", doc: 'Changes the managers available in migrations.' },
  AlterUniqueTogether: { snippet: "AlterUniqueTogether(name='${1}', unique_together={('${2}', '${3}')})", doc: 'Changes Meta.unique_together.' },
  AlterIndexTogether: { snippet: "AlterIndexTogether(name='${1}', index_together=set())", doc: 'Legacy index_together (only in old migrations).' },
  AlterOrderWithRespectTo: { snippet: "AlterOrderWithRespectTo(name='${1}', order_with_respect_to='${2}')", doc: 'Adds or removes the _order column.' },
  AddField: { snippet: "AddField(\n    model_name='${1}',\n    name='${2}',\n    field=models.${3:CharField(max_length=100)},\n)", doc: 'Adds a field (ALTER TABLE … ADD COLUMN).' },
  RemoveField: { snippet: "RemoveField(model_name='${1}', name='${2}')", doc: 'Removes a field (DROP COLUMN).' },
  AlterField: { snippet: "AlterField(\n    model_name='${1}',\n    name='${2}',\n    field=models.${3},\n)", doc: 'Changes a field (type, null, default, index…).' },
  RenameField: { snippet: "RenameField(model_name='${1}', old_name='${2}', new_name='${3}')", doc: 'Renames a field (RENAME COLUMN).' },
  AddIndex: { snippet: "AddIndex(\n    model_name='${1}',\n    index=models.Index(fields=['${2}'], name='${3}'),\n)", doc: 'Creates an index.' },
  RemoveIndex: { snippet: "RemoveIndex(model_name='${1}', name='${2}')", doc: 'Drops an index.' },
  RenameIndex: { snippet: "RenameIndex(model_name='${1}', new_name='${2}', old_name='${3}')", doc: 'Renames an index.' },
  AddConstraint: { snippet: "AddConstraint(\n    model_name='${1}',\n    constraint=models.UniqueConstraint(fields=['${2}'], name='${3}'),\n)", doc: 'Adds a constraint.' },
  RemoveConstraint: { snippet: "RemoveConstraint(model_name='${1}', name='${2}')", doc: 'Drops a constraint.' },
  AlterConstraint: { snippet: "AlterConstraint(model_name='${1}', name='${2}', constraint=${3})", doc: 'Changes a constraint without touching the database (Django 5.2).' },
  RunSQL: { snippet: 'RunSQL(\n    sql="${1}",\n    reverse_sql="${2}",\n)', doc: 'Runs raw SQL; give reverse_sql to make it reversible.' },
  RunPython: { snippet: 'RunPython(${1:forwards}, ${2:migrations.RunPython.noop})', doc: 'Runs a Python function with the historical models (apps.get_model).' },
  SeparateDatabaseAndState: {
    snippet: 'SeparateDatabaseAndState(\n    database_operations=[${1}],\n    state_operations=[${2}],\n)',
    doc: 'Different operations for the database and for the migration state.',
  },
  Migration: { snippet: 'Migration', doc: 'Base class of a migration.' },
  swappable_dependency: { snippet: 'swappable_dependency(settings.AUTH_USER_MODEL)', doc: 'A dependency on the app of a swappable model.' },
};

export const MIGRATION_ATTRIBUTES: Record<string, string> = {
  dependencies: "dependencies = [\n    ('${1:app}', '${2:0001_initial}'),\n]",
  operations: 'operations = [\n    ${1}\n]',
  initial: 'initial = True',
  atomic: 'atomic = False',
  replaces: "replaces = [('${1:app}', '${2:0001_initial}')]",
  run_before: "run_before = [('${1:app}', '${2:0001_initial}')]",
};

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The class whose body contains the last line (name and base list), by indentation. */
function enclosingClass(lines: string[]): { name: string; bases: string; indent: number } | null {
  const last = lines[lines.length - 1] ?? '';
  let indent = last.trim() === '' ? indentOf(last) : indentOf(last);
  for (let i = lines.length - 2; i >= 0; i--) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const ind = indentOf(l);
    if (ind >= indent) continue;
    const m = /^\s*class\s+(\w+)\s*(?:\(([^)]*)\))?\s*:/.exec(l);
    if (m) return { name: m[1]!, bases: m[2] ?? '', indent: ind };
    indent = ind;
    if (ind === 0) return null;
  }
  return null;
}

/** Finds the innermost unclosed call `models.X(` before the cursor on the text given. */
function openFieldCall(text: string): { field: string; args: string } | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth === 0) {
        if (ch !== '(') return null;
        const m = /(?:models\.)?(\w+)\s*$/.exec(text.slice(0, i));
        if (!m || !(m[1]! in FIELD_TYPES)) return null;
        return { field: m[1]!, args: text.slice(i + 1) };
      }
      depth--;
    }
  }
  return null;
}

/** The completion context at the end of `before` (the file's text up to the cursor). */
export function djangoContext(before: string): DjangoContext {
  const lines = before.split('\n');
  const line = lines[lines.length - 1]!;
  if (/\bon_delete\s*=\s*(models\.)?\w*$/.test(line)) return { kind: 'onDelete' };
  if (/\bmodels\.\w*$/.test(line)) return { kind: 'models' };
  if (/\bmigrations\.\w*$/.test(line)) return { kind: 'migrations' };
  // inside the parentheses of a field call (possibly spanning lines)
  const tail = lines.slice(-12).join('\n');
  const call = openFieldCall(tail);
  if (call && /(^|[(,\s])\w*$/.test(line) && !/=\s*\w*$/.test(line)) {
    const used = [...call.args.matchAll(/(\w+)\s*=/g)].map((m) => m[1]!);
    return { kind: 'fieldArgs', field: call.field, used };
  }
  if (/^\s+\w*$/.test(line)) {
    const cls = enclosingClass(lines);
    if (cls?.name === 'Meta') return { kind: 'meta' };
    if (cls && /\bMigration\b/.test(cls.bases)) return { kind: 'migrationBody' };
  }
  return null;
}
