/**
 * A test-only reader for the migration files Django writes: parses the file with the project's
 * Python parser and evaluates the small subset of Python a generated migration uses (literals,
 * displays, dotted names such as `models.CharField` or `django.db.models.deletion.CASCADE`,
 * calls) onto the engine's own classes. It lets the writer tests rebuild every migration file of
 * the corpus without the interpreter; the real loader (src/engine/migrations/loader.ts) replaces
 * it for the round trip once migration files can be executed.
 *
 * Also collects the corpus's migration files: the final ones under expected/project and the
 * intermediate ones shown by `@ tree` steps in transcript.txt, leaving out files the learner wrote
 * by hand (copied from the scenario's files/ folder).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as A from '../../../src/engine/python/ast.ts';
import { parseModule } from '../../../src/engine/python/parser.ts';
import {
  type Kwargs,
  NativeFunction,
  None,
  PyBytes,
  PyClass,
  PyDict,
  PyList,
  PySet,
  PyStaticMethod,
  PyTuple,
  type PyValue,
  call,
  objectClass,
} from '../../../src/engine/python/objects.ts';
import { FIELD_CLASSES } from '../../../src/engine/state/fields/registry.ts';
import { FClass, FUNCTION_CLASSES, QClass, ValueClass } from '../../../src/engine/state/expressions.ts';
import { IndexClass } from '../../../src/engine/state/indexes.ts';
import { CheckConstraintClass, UniqueConstraintClass } from '../../../src/engine/state/constraints.ts';
import { ON_DELETE_HANDLERS } from '../../../src/engine/state/deletion.ts';
import * as FieldOps from '../../../src/engine/operations/fields.ts';
import * as ModelOps from '../../../src/engine/operations/models.ts';
import * as SpecialOps from '../../../src/engine/operations/special.ts';
import type { Operation } from '../../../src/engine/operations/base.ts';
import { Dependency, Migration } from '../../../src/engine/migrations/migration.ts';
import { PARITY } from './writer-fixtures.ts';

/** `migrations.<Name>` → operation class. */
const OPERATION_CLASSES = new Map<string, PyClass>();
for (const mod of [FieldOps, ModelOps, SpecialOps] as Record<string, unknown>[]) {
  for (const v of Object.values(mod)) {
    if (v instanceof PyClass && v.native['operation']) OPERATION_CLASSES.set(v.name, v);
  }
}

const MODELS: Record<string, PyValue> = {
  Index: IndexClass,
  UniqueConstraint: UniqueConstraintClass,
  CheckConstraint: CheckConstraintClass,
  Q: QClass,
  F: FClass,
  Value: ValueClass,
  Model: new PyClass('Model', { module: 'django.db.models.base', bases: [objectClass] }),
  ...ON_DELETE_HANDLERS,
};

/** What `migrations.swappable_dependency(settings.X)` evaluates to here. */
class SwappableMarker extends PyTuple {
  constructor(
    readonly value: string,
    readonly settingName: string,
  ) {
    super([value.split('.')[0]!, '__first__']);
  }
}

/** `settings.<NAME>` */
const SETTINGS: Record<string, string> = { AUTH_USER_MODEL: 'auth.User' };

function resolve(path: string): PyValue {
  const parts = path.split('.');
  const head = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (path === 'migrations.swappable_dependency') {
    return new NativeFunction('swappable_dependency', ([v]) => new SwappableMarker(String(v), 'AUTH_USER_MODEL'), { module: 'django.db.migrations' });
  }
  if (path === 'migrations.RunPython.noop') return (SpecialOps.RunPythonClass.dict.get('noop') as PyStaticMethod).func;
  if (path === 'migrations.RunSQL.noop') return SpecialOps.RunSQLClass.dict.get('noop')!;
  if (head === 'migrations' && parts.length === 2 && OPERATION_CLASSES.has(last)) return OPERATION_CLASSES.get(last)!;
  if (head === 'models' && parts.length === 2) {
    const v = FIELD_CLASSES.get(last) ?? MODELS[last];
    if (v !== undefined) return v;
  }
  if (path.startsWith('django.db.models.deletion.') && last in ON_DELETE_HANDLERS) {
    return ON_DELETE_HANDLERS[last as keyof typeof ON_DELETE_HANDLERS];
  }
  if (path.startsWith('django.db.models.functions.') && FUNCTION_CLASSES.has(last)) return FUNCTION_CLASSES.get(last)!;
  if (head === 'settings' && parts.length === 2 && last in SETTINGS) return SETTINGS[last]!;
  if (path === 'set') return new NativeFunction('set', (args) => new PySet(args.length ? (args[0] as PyList).items : []));
  if (path === 'uuid.uuid4' || path === 'django.utils.timezone.now') {
    const module = parts.slice(0, -1).join('.');
    return new NativeFunction(last, () => None, { module, qualname: last });
  }
  throw new Error(`unsupported name in migration file: ${path}`);
}

function dotted(e: A.Expr): string | null {
  if (e.type === 'Name') return e.id;
  if (e.type === 'Attribute') {
    const base = dotted(e.value);
    return base === null ? null : `${base}.${e.attr}`;
  }
  return null;
}

function evaluate(e: A.Expr): PyValue {
  switch (e.type) {
    case 'Constant': {
      const c = e.value;
      switch (c.kind) {
        case 'str':
          return c.value;
        case 'int':
          return c.value;
        case 'float':
          return c.value;
        case 'bool':
          return c.value;
        case 'None':
          return None;
        case 'bytes':
          return new PyBytes(c.value);
      }
      throw new Error(`unsupported constant ${c.kind}`);
    }
    case 'UnaryOp': {
      const v = evaluate(e.operand);
      if (e.op === '-' && typeof v === 'bigint') return -v;
      if (e.op === '-' && typeof v === 'number') return -v;
      throw new Error(`unsupported unary ${e.op}`);
    }
    case 'List':
      return new PyList(e.elts.map(evaluate));
    case 'Tuple':
      return new PyTuple(e.elts.map(evaluate));
    case 'Set':
      return new PySet(e.elts.map(evaluate));
    case 'Dict':
      return new PyDict(
        e.keys.map((k, i) => {
          if (k === null) throw new Error('unsupported **mapping in dict display');
          return [evaluate(k), evaluate(e.values[i]!)] as [PyValue, PyValue];
        }),
      );
    case 'Name':
    case 'Attribute': {
      const path = dotted(e);
      if (path === null) throw new Error('unsupported attribute access');
      return resolve(path);
    }
    case 'Call': {
      const f = evaluate(e.func);
      const args = e.args.map((a) => {
        if (a.type === 'Starred') throw new Error('unsupported *args');
        return evaluate(a);
      });
      const kwargs: Kwargs = new Map();
      for (const k of e.keywords) {
        if (k.arg === null) throw new Error('unsupported **kwargs');
        kwargs.set(k.arg, evaluate(k.value));
      }
      return call(f, args, kwargs);
    }
  }
  throw new Error(`unsupported expression ${e.type}`);
}

function dependencyOf(v: PyValue): Dependency {
  if (v instanceof SwappableMarker) return new Dependency(v.items[0] as string, '__first__', v.value, v.settingName);
  if (v instanceof PyTuple && v.items.length === 2) return new Dependency(String(v.items[0]), String(v.items[1]));
  throw new Error('unsupported dependency');
}

/** Builds the Migration a generated migration file describes. */
export function readMigration(source: string, app: string, name: string): Migration {
  const mod = parseModule(source, `${app}/migrations/${name}.py`);
  const m = new Migration(name, app);
  for (const stmt of mod.body) {
    if (stmt.type === 'Import' || stmt.type === 'ImportFrom') continue;
    if (stmt.type !== 'ClassDef' || stmt.name !== 'Migration') throw new Error(`unsupported statement ${stmt.type}`);
    for (const s of stmt.body) {
      if (s.type !== 'Assign' || s.targets.length !== 1 || s.targets[0]!.type !== 'Name') throw new Error(`unsupported class statement ${s.type}`);
      const target = (s.targets[0] as A.Name).id;
      const value = evaluate(s.value);
      switch (target) {
        case 'initial':
          m.initial = value === true;
          break;
        case 'dependencies':
          m.dependencies = (value as PyList).items.map(dependencyOf);
          break;
        case 'replaces':
          m.replaces = (value as PyList).items.map((t) => [String((t as PyTuple).items[0]), String((t as PyTuple).items[1])]);
          break;
        case 'operations':
          m.operations = (value as PyList).items as Operation[];
          break;
        default:
          throw new Error(`unsupported Migration attribute ${target}`);
      }
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// The corpus's migration files
// ---------------------------------------------------------------------------------------------

export interface CorpusFile {
  scenario: string;
  /** `<app>/migrations/<name>.py` */
  path: string;
  app: string;
  name: string;
  text: string;
  /** Where it was found: `expected` or `transcript step N`. */
  origin: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Texts of the files the scenario copies in with `@ write` (hand-written migrations among them). */
function handWritten(scenarioDir: string): Set<string> {
  const texts = new Set<string>();
  try {
    for (const p of walk(join(scenarioDir, 'files'))) if (p.endsWith('.py')) texts.add(readFileSync(p, 'utf8'));
  } catch {
    // no files/ folder
  }
  return texts;
}

function parsePath(scenario: string, path: string, text: string, origin: string): CorpusFile | null {
  const m = /^([^/]+)\/migrations\/(\d{4}[^/]*)\.py$/.exec(path);
  if (!m) return null;
  return { scenario, path, app: m[1]!, name: m[2]!, text, origin };
}

/** Every distinct migration file Django generated in the corpus (final and intermediate). */
export function corpusMigrationFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const seen = new Set<string>();
  for (const scenario of readdirSync(PARITY).sort()) {
    const dir = join(PARITY, scenario);
    if (!statSync(dir).isDirectory()) continue;
    const manual = handWritten(dir);
    const add = (f: CorpusFile | null) => {
      if (!f || !f.text.startsWith('# Generated by Django') || manual.has(f.text)) return;
      const key = `${scenario}\0${f.path}\0${f.text}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(f);
    };
    const projectDir = join(dir, 'expected', 'project');
    try {
      for (const p of walk(projectDir)) {
        const rel = p.slice(projectDir.length + 1);
        add(parsePath(scenario, rel, readFileSync(p, 'utf8'), 'expected'));
      }
    } catch {
      // no expected project
    }
    let transcript: string;
    try {
      transcript = readFileSync(join(dir, 'expected', 'transcript.txt'), 'utf8');
    } catch {
      continue;
    }
    const lines = transcript.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let step = '';
    let inTree = false;
    let current: { path: string; lines: string[] } | null = null;
    const flush = () => {
      if (current) add(parsePath(scenario, current.path, current.lines.join('\n') + '\n', `transcript ${step}`));
      current = null;
    };
    for (const line of lines) {
      if (line.startsWith('### ')) {
        flush();
        step = line.slice(4);
        inTree = / @ tree$/.test(line) || line.endsWith('@ tree');
        continue;
      }
      if (!inTree) continue;
      if (line.startsWith('=== ')) {
        flush();
        current = { path: line.slice(4), lines: [] };
        continue;
      }
      current?.lines.push(line);
    }
    flush();
  }
  return out;
}
