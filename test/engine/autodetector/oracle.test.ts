/**
 * Differential test against Django 5.2.18's autodetector: random pairs of project states recorded
 * by oracle/generate.py (real Django, PYTHONHASHSEED=0) are replayed here; the migrations —
 * apps in order, names, initial flags, dependencies, operations with their full deconstruction
 * and descriptions — must be identical.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { MigrationQuestioner } from '../../../src/engine/autodetector/questioner.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { Migration } from '../../../src/engine/migrations/migration.ts';
import type { Operation } from '../../../src/engine/operations/base.ts';
import {
  NativeFunction,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  type PyValue,
  None,
  repr,
} from '../../../src/engine/python/objects.ts';
import { CASCADE, PROTECT, SET_NULL } from '../../../src/engine/state/deletion.ts';
import { isDeconstructible } from '../../../src/engine/state/expressions.ts';
import { Field, NOT_PROVIDED } from '../../../src/engine/state/fields/field.ts';
import { makeField } from '../../../src/engine/state/fields/registry.ts';
import { ModelState } from '../../../src/engine/state/model-state.ts';
import { MigrationAutodetector } from '../../../src/engine/autodetector/autodetector.ts';
import { check, config, index, q, together, uniqueConstraint } from './helpers.ts';
import { ProjectState } from '../../../src/engine/state/project-state.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface ModelSpec {
  app: string;
  name: string;
  fields: [string, string, Record<string, Json>][];
  options: Record<string, Json>;
  bases?: string[];
}
interface Case {
  from: ModelSpec[];
  to: ModelSpec[];
  leaves: [string, string][];
  answers: { rename?: boolean; rename_model?: boolean; ignore_null?: boolean };
  trim?: string[];
  expected: [string, { name: string; initial: boolean; deps: string[]; ops: Json[] }[]][];
}

const ON_DELETE: Record<string, PyValue> = { CASCADE, SET_NULL, PROTECT };

function value(v: Json): PyValue {
  if (v === null) return None;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return new PyList(v.map(value));
  if ('tuple' in v) return new PyTuple((v['tuple'] as Json[]).map(value));
  throw new Error(JSON.stringify(v));
}

function buildState(specs: ModelSpec[]): ProjectState {
  const s = new ProjectState(config(['shop', 'blog', 'crm']));
  for (const m of specs) {
    const options = new Map<string, PyValue>();
    for (const [k, v] of Object.entries(m.options)) {
      if (k === 'unique_together' || k === 'index_together') options.set(k, together(...(v as string[][])));
      else if (k === 'indexes') options.set(k, new PyList((v as { fields: string[]; name: string }[]).map((i) => index(i.fields, i.name))));
      else if (k === 'constraints') {
        const list = v as { kind: string; fields: string[]; name: string; lookup: string; value: Json; message?: string }[];
        const extra = (c: { message?: string }): Record<string, PyValue> => (c.message !== undefined ? { violation_error_message: c.message } : {});
        options.set(
          k,
          new PyList(list.map((c) => (c.kind === 'unique' ? uniqueConstraint(c.fields, c.name, extra(c)) : check(q(c.lookup, value(c.value)), c.name, extra(c)))) as never[]),
        );
      } else options.set(k, value(v));
    }
    const fields: [string, Field][] = m.fields.map(([name, cls, kw]) => {
      const kwargs: Record<string, PyValue> = {};
      for (const [k, v] of Object.entries(kw)) kwargs[k] = k === 'on_delete' ? ON_DELETE[v as string]! : value(v);
      return [name, makeField(cls, kwargs)];
    });
    s.addModel(new ModelState(m.app, m.name, fields, options, m.bases ?? []));
  }
  return s;
}

class OracleQuestioner extends MigrationQuestioner {
  constructor(private readonly answers: Case['answers']) {
    super({ defaults: { ask_initial: true } });
  }
  override async askRename(): Promise<boolean> {
    return this.answers.rename ?? false;
  }
  override async askRenameModel(): Promise<boolean> {
    return this.answers.rename_model ?? false;
  }
  override async askNotNullAddition(): Promise<PyValue> {
    return 7n;
  }
  override async askNotNullAlteration(): Promise<PyValue> {
    return this.answers.ignore_null ? NOT_PROVIDED : 8n;
  }
  override async askAutoNowAddAddition(): Promise<PyValue> {
    return 9n;
  }
}

/** Python's json.dumps(v, sort_keys=True). */
function pyJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}: ${pyJson(v[k]!)}`)
    .join(', ')}}`;
}

function canon(v: PyValue): Json {
  if (v === None) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { float: repr(v) };
  if (v instanceof PyList) return { list: v.items.map(canon) };
  if (v instanceof PyTuple) return { tuple: v.items.map(canon) };
  if (v instanceof PySet) return { set: v.values().map((x) => pyJson(canon(x))).sort() };
  if (v instanceof PyDict) return { dict: v.items().map(([k, x]) => [k as string, canon(x)]) };
  if (v instanceof PyClass) return { class: v.qualname };
  if (v instanceof NativeFunction) return { fn: v.qualname };
  if (v instanceof Field) {
    const d = v.deconstruct();
    return { field: d.path, args: d.args.map(canon), kwargs: Object.fromEntries([...d.kwargs].map(([k, x]) => [k, canon(x)])) };
  }
  if (v instanceof PyObject && isDeconstructible(v)) {
    const d = v.deconstruct();
    return { obj: d.path, args: d.args.map(canon), kwargs: Object.fromEntries([...d.kwargs].map(([k, x]) => [k, canon(x)])) };
  }
  return { repr: repr(v) };
}

function canonOp(op: Operation): Json {
  const d = op.deconstruct();
  return { op: d.name, args: d.args.map(canon), kwargs: Object.fromEntries([...d.kwargs].map(([k, x]) => [k, canon(x)])), describe: op.describe() };
}

const cases = JSON.parse(readFileSync(new URL('./oracle/cases.json', import.meta.url), 'utf8')) as Case[];
const special = JSON.parse(readFileSync(new URL('./oracle/special-cases.json', import.meta.url), 'utf8')) as (Case & { title: string })[];

describe('autodetector vs Django 5.2.18 (recorded)', () => {
  test.each([...special.map((c) => [c.title, c] as const), ...cases.map((c, i) => [`random case ${i}`, c] as const)])('%s', async (_title, c) => {
    const graph = new MigrationGraph();
    for (const [app, name] of c.leaves) graph.addNode([app, name], new Migration(name, app));
    const ad = new MigrationAutodetector(buildState(c.from), buildState(c.to), new OracleQuestioner(c.answers), {
      timestamp: '20260102_0304',
      swappableSettingFor: (label) => (label === 'auth.user' ? 'AUTH_USER_MODEL' : null),
    });
    const changes = await ad.changes(graph, { trimToApps: c.trim ?? null });
    const actual = [...changes].map(([app, migrations]) => [
      app,
      migrations.map((m) => ({
        name: m.name,
        initial: !!m.initial,
        deps: m.dependencies.map((d) => (d.swappableSetting ? `settings.${d.settingName}` : `${d.appLabel}.${d.name}`)).sort(),
        ops: m.operations.map(canonOp),
      })),
    ]);
    expect(actual).toEqual(c.expected);
  });
});
