/**
 * The migration writer (django.db.migrations.writer): OperationWriter lays one operation out over
 * several lines, MigrationWriter produces the whole migration file, byte for byte as Django 5.2.
 */
import {
  IndexError,
  NativeFunction,
  None,
  NO_KWARGS,
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  call,
  callMethod,
  getattrOpt,
  pyError,
  str,
  toArray,
  typeOf,
} from '../python/objects.ts';
import { Operation } from '../operations/base.ts';
import { type Env, systemEnv } from '../env.ts';
import type { Dependency, Migration } from './migration.ts';
import { type Serialized, serialize } from './serializer.ts';
import { compareCodePoints, sortedBy, sortedStrings, splitlines } from './serializer-compare.ts';

/** The Django version migration headers name. */
export const DJANGO_VERSION = '5.2.18';

// ---------------------------------------------------------------------------------------------
// What the writer needs to know about an operation
// ---------------------------------------------------------------------------------------------

interface OperationParts {
  /** The name deconstruct() returned (the class name). */
  name: string;
  args: PyValue[];
  kwargs: Map<string, PyValue>;
  /** get_func_args(operation.__init__): positional-or-keyword parameter names after self. */
  paramNames: string[];
  serializationExpandArgs: string[];
  cls: PyClass;
}

/** A method defined in Python (not natively) in the MRO, before any native definition. */
function pythonAttr(cls: PyClass, name: string, stopAtNativeOperation: boolean): PyValue | undefined {
  for (const c of cls.mro) {
    const v = c.dict.get(name);
    if (v !== undefined) return v instanceof NativeFunction ? undefined : v;
    if (stopAtNativeOperation && c.native['operation']) return undefined;
  }
  return undefined;
}

/**
 * get_func_args() of a Python function bound as a method: its positional-or-keyword parameters
 * without the first one (self). Read from the function's `__code__` like inspect does; null when
 * the function does not expose it.
 */
function funcArgNames(fn: PyValue): string[] | null {
  const code = getattrOpt(fn, '__code__');
  if (code === undefined || code === None) return null;
  const varnames = getattrOpt(code, 'co_varnames');
  const argcount = getattrOpt(code, 'co_argcount');
  const posonly = getattrOpt(code, 'co_posonlyargcount');
  if (varnames === undefined || typeof argcount !== 'bigint') return null;
  const names = toArray(varnames).map((n) => str(n)).slice(0, Number(argcount));
  const firstKeyword = typeof posonly === 'bigint' ? Number(posonly) : 0;
  return names.map((n, i) => [n, i] as const).filter(([, i]) => i > 0 && i >= firstKeyword).map(([n]) => n);
}

function toKwargs(v: PyValue): Map<string, PyValue> {
  if (!(v instanceof PyDict)) throw pyError(TypeError, `'${typeOf(v).name}' object is not a mapping`);
  return new Map(v.items().map(([k, x]) => [str(k), x]));
}

/**
 * Django's built-in deconstruct() methods return `self.__class__.__qualname__` (model and special
 * operations) or `__name__` (field operations, the constraint operations, Operation itself), so a
 * Python subclass of a built-in operation is written under its own name.
 */
function subclassName(cls: PyClass, deconstructedName: string): string {
  const base = cls.mro.find((c) => c.native['operation']);
  if (!base || base === cls) return deconstructedName;
  const usesName =
    base.module === 'django.db.migrations.operations.fields' || ['AddConstraint', 'RemoveConstraint', 'AlterConstraint'].includes(base.name);
  return usesName ? cls.name : cls.qualname;
}

function operationParts(op: PyObject): OperationParts {
  const cls = typeOf(op);
  const native = op instanceof Operation;
  let name: string;
  let args: PyValue[];
  let kwargs: Map<string, PyValue>;
  const pyDeconstruct = native ? pythonAttr(cls, 'deconstruct', true) : undefined;
  if (native && pyDeconstruct === undefined) {
    const d = op.deconstruct();
    name = subclassName(cls, d.name);
    args = d.args;
    kwargs = d.kwargs;
  } else {
    const result = pyDeconstruct !== undefined ? call(pyDeconstruct, [op], NO_KWARGS) : callMethod(op, 'deconstruct');
    const parts = toArray(result);
    if (parts.length !== 3) throw pyError(ValueError, `too many values to unpack (expected 3)`);
    name = str(parts[0]!);
    args = toArray(parts[1]!);
    kwargs = toKwargs(parts[2]!);
  }

  const pyInit = pythonAttr(cls, '__init__', true);
  let paramNames: string[] | null = null;
  if (pyInit !== undefined) paramNames = funcArgNames(pyInit);
  if (paramNames === null) paramNames = native ? op.paramNames : [];

  let expand: string[];
  const pyExpand = pythonAttr(cls, 'serialization_expand_args', true);
  if (pyExpand !== undefined) expand = toArray(pyExpand).map((x) => str(x));
  else if (native) expand = op.serializationExpandArgs;
  else {
    const v = getattrOpt(op, 'serialization_expand_args');
    expand = v === undefined ? [] : toArray(v).map((x) => str(x));
  }
  return { name, args, kwargs, paramNames, serializationExpandArgs: expand, cls };
}

/** Whether `migrations.<name>` is the operation's class (a built-in operation). */
function isBuiltinOperation(cls: PyClass, name: string): boolean {
  return cls.name === name && cls.module.startsWith('django.db.migrations.operations.');
}

// ---------------------------------------------------------------------------------------------
// OperationWriter
// ---------------------------------------------------------------------------------------------

export class OperationWriter {
  private readonly buff: string[] = [];

  constructor(
    readonly operation: PyObject,
    private indentation = 2,
  ) {}

  /** The operation's source (lines joined with \n, ending with `),`) and its imports. */
  serialize(): Serialized {
    const imports = new Set<string>();
    const parts = operationParts(this.operation);
    const add = (s: Serialized) => {
      for (const i of s.imports) imports.add(i);
    };

    const write = (argName: string, argValue: PyValue) => {
      const expandable = argValue instanceof PyList || argValue instanceof PyTuple || argValue instanceof PyDict;
      if (parts.serializationExpandArgs.includes(argName) && expandable) {
        if (argValue instanceof PyDict) {
          this.feed(`${argName}={`);
          this.indent();
          for (const [key, value] of argValue.items()) {
            const k = serialize(key);
            const v = serialize(value);
            const lines = splitlines(v.code);
            if (lines.length > 1) {
              this.feed(`${k.code}: ${lines[0]}`);
              for (const line of lines.slice(1, -1)) this.feed(line);
              this.feed(`${lines[lines.length - 1]},`);
            } else {
              this.feed(`${k.code}: ${v.code},`);
            }
            add(k);
            add(v);
          }
          this.unindent();
          this.feed('},');
        } else {
          this.feed(`${argName}=[`);
          this.indent();
          for (const item of argValue.items) {
            const s = serialize(item);
            const lines = splitlines(s.code);
            if (lines.length > 1) {
              for (const line of lines.slice(0, -1)) this.feed(line);
              this.feed(`${lines[lines.length - 1]},`);
            } else {
              this.feed(`${s.code},`);
            }
            add(s);
          }
          this.unindent();
          this.feed('],');
        }
      } else {
        const s = serialize(argValue);
        const lines = splitlines(s.code);
        if (lines.length > 1) {
          this.feed(`${argName}=${lines[0]}`);
          for (const line of lines.slice(1, -1)) this.feed(line);
          this.feed(`${lines[lines.length - 1]},`);
        } else {
          this.feed(`${argName}=${s.code},`);
        }
        add(s);
      }
    };

    if (isBuiltinOperation(parts.cls, parts.name)) {
      this.feed(`migrations.${parts.name}(`);
    } else {
      imports.add(`import ${parts.cls.module}`);
      this.feed(`${parts.cls.module}.${parts.name}(`);
    }
    this.indent();
    parts.args.forEach((arg, i) => {
      const argName = parts.paramNames[i];
      if (argName === undefined) throw pyError(IndexError, 'list index out of range');
      write(argName, arg);
    });
    // The remaining parameters in signature order (kwargs are not sorted).
    for (const argName of parts.paramNames.slice(parts.args.length)) {
      if (parts.kwargs.has(argName)) write(argName, parts.kwargs.get(argName)!);
    }
    this.unindent();
    this.feed('),');
    return { code: this.render(), imports };
  }

  indent(): void {
    this.indentation++;
  }

  unindent(): void {
    this.indentation--;
  }

  feed(line: string): void {
    this.buff.push(' '.repeat(this.indentation * 4) + line);
  }

  render(): string {
    return this.buff.join('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// MigrationWriter
// ---------------------------------------------------------------------------------------------

export interface MigrationWriterOptions {
  /** Write the `# Generated by Django …` header (default true). */
  includeHeader?: boolean;
  /** Where the header's timestamp comes from (default: the system clock). */
  env?: Env;
  /** The Django version in the header. */
  version?: string;
}

const MIGRATION_IMPORT = /^import (.*)\.\d+[^\s]*$/;

/** `now().strftime("%Y-%m-%d %H:%M")` in UTC (the sandbox's TIME_ZONE). */
export function headerTimestamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getUTCFullYear()).padStart(4, '0')}-${p(now.getUTCMonth() + 1)}-${p(now.getUTCDate())} ${p(now.getUTCHours())}:${p(now.getUTCMinutes())}`;
}

/** The source line of one dependency (without indentation and trailing comma) and its imports. */
function dependencyLine(dep: Dependency): { line: string; imports: string[] } {
  if (dep.appLabel === '__setting__') {
    return { line: `migrations.swappable_dependency(settings.${dep.name})`, imports: ['from django.conf import settings'] };
  }
  if (dep.swappableSetting !== null && dep.settingName !== null) {
    return { line: `migrations.swappable_dependency(settings.${dep.settingName})`, imports: ['from django.conf import settings'] };
  }
  // `self.serialize(dependency)[0]`: the tuple's own imports are not kept.
  return { line: serialize(new PyTuple([dep.appLabel, dep.name])).code, imports: [] };
}

/** Python's `str.strip()` for the ASCII whitespace that can occur in an import line. */
function pyStrip(s: string): string {
  return s.replace(/^\s+|\s+$/g, '');
}

export class MigrationWriter {
  /** Set by asString() when functions from other migration files had to be left for manual copying. */
  needsManualPorting = false;
  private readonly includeHeader: boolean;
  private readonly env: Env;
  private readonly version: string;

  constructor(
    readonly migration: Migration,
    opts: MigrationWriterOptions = {},
  ) {
    this.includeHeader = opts.includeHeader ?? true;
    this.env = opts.env ?? systemEnv;
    this.version = opts.version ?? DJANGO_VERSION;
  }

  /** The contents of the migration file. */
  asString(): string {
    const imports = new Set<string>();

    const operations: string[] = [];
    for (const op of this.migration.operations) {
      const s = new OperationWriter(op).serialize();
      for (const i of s.imports) imports.add(i);
      operations.push(s.code);
    }
    const operationsStr = operations.length ? operations.join('\n') + '\n' : '';

    const dependencies: string[] = [];
    for (const dep of this.migration.dependencies) {
      const { line, imports: depImports } = dependencyLine(dep);
      dependencies.push(`        ${line},`);
      for (const i of depImports) imports.add(i);
    }
    const dependenciesStr = dependencies.length ? sortedStrings(dependencies).join('\n') + '\n' : '';

    // Imports of functions living in other migration files become a comment.
    const migrationImports = new Set<string>();
    for (const line of [...imports]) {
      if (MIGRATION_IMPORT.test(line)) {
        migrationImports.add(pyStrip(line.split('import')[1]!));
        imports.delete(line);
        this.needsManualPorting = true;
      }
    }

    if (imports.has('from django.db import models')) {
      imports.delete('from django.db import models');
      imports.add('from django.db import migrations, models');
    } else {
      imports.add('from django.db import migrations');
    }

    // Sorted by the module imported, `import x` lines before `from x import y` lines.
    const sortKey = (i: string): [boolean, string] => {
      const words = i.trim().split(/\s+/);
      return [words[0] === 'from', words[1] ?? ''];
    };
    const sortedImports = sortedBy([...imports].sort(), (a, b) => {
      const [fa, ma] = sortKey(a);
      const [fb, mb] = sortKey(b);
      if (fa !== fb) return !fa;
      return compareCodePoints(ma, mb) < 0;
    });
    let importsStr = imports.size ? sortedImports.join('\n') + '\n' : '';
    if (migrationImports.size) {
      importsStr +=
        '\n\n# Functions from the following migrations need manual copying.\n' +
        '# Move them and any dependencies into this file, then update the\n' +
        '# RunPython operations to refer to the local versions:\n# ' +
        sortedStrings(migrationImports).join('\n# ');
    }

    let replacesStr = '';
    if (this.migration.replaces.length) {
      const replaces = new PyList(this.migration.replaces.map(([app, name]) => new PyTuple([app, name])));
      replacesStr = `\n    replaces = ${serialize(replaces).code}\n`;
    }

    const header = this.includeHeader ? `# Generated by Django ${this.version} on ${headerTimestamp(this.env.now())}\n\n` : '';
    const initialStr = this.migration.initial ? '\n    initial = True\n' : '';

    return (
      `${header}${importsStr}\n\nclass Migration(migrations.Migration):\n${replacesStr}${initialStr}\n` +
      `    dependencies = [\n${dependenciesStr}    ]\n\n` +
      `    operations = [\n${operationsStr}    ]\n`
    );
  }

  /** `<name>.py` */
  get filename(): string {
    return `${this.migration.name}.py`;
  }

  /** The file's path inside the app's migrations folder (`basedir`, e.g. `shop/migrations`). */
  path(basedir: string): string {
    return basedir === '' ? this.filename : `${basedir.replace(/\/+$/, '')}/${this.filename}`;
  }

  /** `MigrationWriter.serialize(value)` → (string, imports). */
  static serialize(value: PyValue): Serialized {
    return serialize(value);
  }
}
