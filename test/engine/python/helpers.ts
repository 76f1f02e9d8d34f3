/**
 * Test helpers: run Python source with the interpreter and capture what it prints (stdout, then
 * the traceback of an uncaught exception, like `python3 script.py 2>&1`).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Interpreter, PyException, formatException, type InterpreterOptions, type ModuleSource } from '../../../src/engine/python/index.ts';
import { frozenEnv } from '../../../src/engine/env.ts';

export interface RunResult {
  output: string;
  error: PyException | null;
  interp: Interpreter;
}

/** Runs `source` as __main__ from `file`; project modules are looked up in `files` (path → source). */
export function runPython(
  source: string,
  opts: { file?: string; files?: Record<string, string>; root?: string; options?: Partial<InterpreterOptions> } = {},
): RunResult {
  let output = '';
  const root = opts.root ?? '/proj';
  const files = opts.files ?? {};
  const findModule = (name: string): ModuleSource | undefined => {
    const rel = name.replace(/\./g, '/');
    for (const [candidate, isPackage] of [
      [`${rel}.py`, false],
      [`${rel}/__init__.py`, true],
    ] as const) {
      const src = files[candidate];
      if (src !== undefined) return { source: src, file: `${root}/${candidate}`, isPackage };
    }
    return undefined;
  };
  const interp = new Interpreter({
    env: frozenEnv(),
    stdout: (t) => (output += t),
    stderr: (t) => (output += t),
    findModule,
    ...opts.options,
  });
  let error: PyException | null = null;
  try {
    interp.execModule('__main__', source, opts.file ?? `${root}/main.py`, { cache: true });
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    error = e;
    output += formatException(e);
  }
  return { output, error, interp };
}

/** Stdout of running `source` (throws on an uncaught Python exception, with its traceback). */
export function run(source: string, files?: Record<string, string>): string {
  const r = runPython(source, { files });
  if (r.error) throw new Error(r.output);
  return r.output;
}

/** Reads a folder of Python files into a path → source map (for multi-module programs). */
export function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, readTree(p, `${prefix}${name}/`));
    else if (name.endsWith('.py')) out[`${prefix}${name}`] = readFileSync(p, 'utf8');
  }
  return out;
}

export { existsSync };
