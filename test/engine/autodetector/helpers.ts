/**
 * Helpers for building ProjectStates in tests and printing operations compactly.
 */
import {
  NativeFunction,
  PyClass,
  PyDict,
  PyList,
  PySet,
  PyTuple,
  type PyValue,
  call,
  repr,
} from '../../../src/engine/python/objects.ts';
import { Index, IndexClass } from '../../../src/engine/state/indexes.ts';
import { CheckConstraintClass, type Constraint, UniqueConstraintClass } from '../../../src/engine/state/constraints.ts';
import { Q } from '../../../src/engine/state/expressions.ts';
import type { AppsConfig } from '../../../src/engine/state/apps.ts';
import type { Field } from '../../../src/engine/state/fields/field.ts';
import { FIELD_CLASSES, makeField } from '../../../src/engine/state/fields/registry.ts';
import { CASCADE } from '../../../src/engine/state/deletion.ts';
import { type ModelBase, ModelState } from '../../../src/engine/state/model-state.ts';
import { ProjectState } from '../../../src/engine/state/project-state.ts';
import { isDeconstructible } from '../../../src/engine/state/expressions.ts';
import type { Operation } from '../../../src/engine/operations/base.ts';
import type { Migration } from '../../../src/engine/migrations/migration.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { Migration as MigrationClass } from '../../../src/engine/migrations/migration.ts';
import { Dependency } from '../../../src/engine/migrations/migration.ts';
import { MigrationAutodetector } from '../../../src/engine/autodetector/autodetector.ts';
import { MigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';

export function config(appLabels: string[]): AppsConfig {
  return { appLabels, defaultAutoField: () => FIELD_CLASSES.get('BigAutoField')! };
}

export const autoId = (): Field =>
  makeField('BigAutoField', { auto_created: true, primary_key: true, serialize: false, verbose_name: 'ID' });
export const char = (maxLength = 100, extra: Record<string, PyValue> = {}): Field =>
  makeField('CharField', { max_length: BigInt(maxLength), ...extra });
export const int = (extra: Record<string, PyValue> = {}): Field => makeField('IntegerField', extra);
export const fk = (to: string, extra: Record<string, PyValue> = {}): Field => makeField('ForeignKey', { to, on_delete: CASCADE, ...extra });
export const o2o = (to: string, extra: Record<string, PyValue> = {}): Field => makeField('OneToOneField', { to, on_delete: CASCADE, ...extra });
export const m2m = (to: string, extra: Record<string, PyValue> = {}): Field => makeField('ManyToManyField', { to, ...extra });
export const field = (cls: string, extra: Record<string, PyValue> = {}): Field => makeField(cls, extra);

/** A ModelState; an `id` BigAutoField is prepended unless the fields have a primary key. */
export function model(
  appLabel: string,
  name: string,
  fields: [string, Field][],
  options: Record<string, PyValue> = {},
  bases?: ModelBase[],
  managers?: [string, PyValue][],
): ModelState {
  const hasPk = fields.some(([, f]) => f.isPrimaryKey);
  const all: [string, Field][] = hasPk || options['proxy'] === true ? fields : [['id', autoId()], ...fields];
  return new ModelState(appLabel, name, all, new Map(Object.entries(options)), bases, managers);
}

export function state(appLabels: string[], ...models: ModelState[]): ProjectState {
  const s = new ProjectState(config(appLabels));
  for (const m of models) s.addModel(m);
  return s;
}

/** Python-ish rendering of a value, with functions by name and sets sorted. */
export function show(v: PyValue): string {
  if (v instanceof NativeFunction) return v.qualname;
  if (v instanceof PyClass) return v.name;
  if (v instanceof PyList) return `[${v.items.map(show).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${show(v.items[0]!)},)` : `(${v.items.map(show).join(', ')})`;
  if (v instanceof PySet) return v.entries.size ? `{${v.values().map(show).sort().join(', ')}}` : 'set()';
  if (v instanceof PyDict) {
    return `{${v
      .items()
      .map(([k, x]) => [show(k), show(x)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, x]) => `${k}: ${x}`)
      .join(', ')}}`;
  }
  if (v && typeof v === 'object' && 'deconstruct' in v && typeof (v as { deconstruct: unknown }).deconstruct === 'function') {
    const d = (v as unknown as Field).deconstruct() as { path: string; args: PyValue[]; kwargs: Map<string, PyValue> };
    const name = d.path.slice(d.path.lastIndexOf('.') + 1);
    const kw = [...d.kwargs].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return `${name}(${[...d.args.map(show), ...kw.map(([k, x]) => `${k}=${show(x)}`)].join(', ')})`;
  }
  if (isDeconstructible(v)) return repr(v);
  return repr(v);
}

/** `ClassName(kw=value, …)` for an operation, kwargs in deconstruct order. */
export function op(o: Operation): string {
  const d = o.deconstruct();
  return `${d.name}(${[...d.args.map(show), ...[...d.kwargs].map(([k, v]) => `${k}=${show(v)}`)].join(', ')})`;
}

export const ops = (list: readonly Operation[]): string[] => list.map(op);

/** `app.name: [deps] ops…` summary of autodetector changes. */
export function summary(changes: Map<string, Migration[]>): Record<string, { name: string; initial: boolean | null; deps: string[]; ops: string[] }[]> {
  const out: Record<string, { name: string; initial: boolean | null; deps: string[]; ops: string[] }[]> = {};
  for (const [app, migrations] of changes) {
    out[app] = migrations.map((m) => ({
      name: m.name,
      initial: m.initial,
      deps: m.dependencies.map((d) => (d.swappableSetting ? `settings.${d.settingName}` : `${d.appLabel}.${d.name}`)).sort(),
      ops: m.operations.map((o) => o.describe()),
    }));
  }
  return out;
}

/** A graph holding the given (empty) migrations, each depending on the previous one of its app. */
export function graphOf(...keys: string[]): MigrationGraph {
  const g = new MigrationGraph();
  const last = new Map<string, string>();
  for (const k of keys) {
    const [app, name] = k.split('.') as [string, string];
    const m = new MigrationClass(name, app);
    const prev = last.get(app);
    if (prev) m.dependencies.push(new Dependency(app, prev));
    g.addNode([app, name], m);
    if (prev) g.addDependency(m, [app, name], [app, prev]);
    last.set(app, name);
  }
  return g;
}

/** Runs the autodetector like makemigrations would (initial migrations wanted, frozen timestamp). */
export async function detect(
  from: ProjectState,
  to: ProjectState,
  opts: {
    graph?: MigrationGraph;
    questioner?: MigrationQuestioner;
    trimToApps?: string[];
    migrationName?: string;
    settings?: Record<string, string>;
    swappableSettingFor?: (label: string) => string | null;
  } = {},
): Promise<Map<string, Migration[]>> {
  const q = opts.questioner ?? new MigrationQuestioner({ defaults: { ask_initial: true } });
  const ad = new MigrationAutodetector(from, to, q, {
    timestamp: '20260102_0304',
    settings: opts.settings,
    swappableSettingFor: opts.swappableSettingFor ?? (() => null),
  });
  return ad.changes(opts.graph ?? new MigrationGraph(), { trimToApps: opts.trimToApps, migrationName: opts.migrationName });
}

/** Applies the changes' migrations (in order) to a copy of `from`; adds them to `graph`. */
export function apply(from: ProjectState, changes: Map<string, Migration[]>, graph?: MigrationGraph): ProjectState {
  let s = from.clone();
  for (const migrations of changes.values()) {
    for (const m of migrations) {
      s = m.mutateState(s, false);
      if (graph) {
        graph.addNode([m.appLabel, m.name], m);
      }
    }
  }
  if (graph) {
    for (const migrations of changes.values()) {
      for (const m of migrations) for (const d of m.dependencies) if (!d.swappableSetting && graph.has([d.appLabel, d.name])) graph.addDependency(m, [m.appLabel, m.name], [d.appLabel, d.name], true);
    }
  }
  return s;
}

/** A scripted terminal: answers are consumed in order (null at the end = EOF); output is collected. */
export class ScriptedIO {
  output = '';
  constructor(private readonly answers: string[]) {}
  write(text: string): void {
    this.output += text;
  }
  async readLine(): Promise<string | null> {
    return this.answers.length ? this.answers.shift()! : null;
  }
  get remaining(): number {
    return this.answers.length;
  }
}

/** models.Index(fields=[…], name=…) */
export function index(fields: string[], name: string): Index {
  return new Index(IndexClass, [], new Map<string, PyValue>([['fields', new PyList(fields)], ['name', name]]));
}
/** models.CheckConstraint(condition=Q(...), name=…) */
export function check(condition: Q, name: string, extra: Record<string, PyValue> = {}): Constraint {
  return call(CheckConstraintClass, [], new Map<string, PyValue>([['condition', condition], ['name', name], ...Object.entries(extra)])) as unknown as Constraint;
}
/** models.UniqueConstraint(fields=[…], name=…) */
export function uniqueConstraint(fields: string[], name: string, extra: Record<string, PyValue> = {}): Constraint {
  return call(UniqueConstraintClass, [], new Map<string, PyValue>([['fields', new PyList(fields)], ['name', name], ...Object.entries(extra)])) as unknown as Constraint;
}
/** Q(lookup=value), negated when asked. */
export function q(lookup: string, value: PyValue, negated = false): Q {
  return new Q([new PyTuple([lookup, value])], 'AND', negated);
}
/** unique_together as ModelState keeps it: a set of tuples. */
export function together(...groups: string[][]): PySet {
  return new PySet(groups.map((g) => new PyTuple(g)));
}
