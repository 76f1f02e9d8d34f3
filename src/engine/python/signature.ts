/**
 * Argument binding for native callables with Python's rules and CPython 3.11's error messages,
 * e.g. `ForeignKey.__init__() missing 1 required positional argument: 'on_delete'`.
 */
import { type Kwargs, type PyValue, TypeError, pyError } from './objects.ts';

/** Marks a parameter without default. */
export const REQUIRED: unique symbol = Symbol('required');
export type ParamDefault = PyValue | typeof REQUIRED;

export interface Signature {
  /** How CPython names the function in messages, e.g. `ForeignKey.__init__`. */
  name: string;
  /** Positional-or-keyword parameters in order (self excluded). */
  params?: [string, ParamDefault][];
  /** Accepts *args (extra positionals go to `rest.args`). */
  varargs?: boolean;
  /** Keyword-only parameters. */
  kwonly?: [string, ParamDefault][];
  /** Accepts **kwargs (unknown keywords go to `rest.kwargs`). */
  varkw?: boolean;
  /** Whether the callable is a method (self counts in "takes N positional arguments"). */
  method?: boolean;
}

export interface Bound {
  /** Every declared parameter that received a value or has a default. */
  values: Map<string, PyValue>;
  /** Names that were passed explicitly (not defaulted). */
  given: Set<string>;
  rest: { args: PyValue[]; kwargs: Kwargs };
}

function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
}

/** Per-signature lookup tables, computed once (bindArgs runs for every field a project creates). */
interface Layout {
  params: [string, ParamDefault][];
  kwonly: [string, ParamDefault][];
  /** name → positional index, or -1 for keyword-only */
  index: Map<string, number>;
  requiredCount: number;
}
const layouts = new WeakMap<Signature, Layout>();
function layoutOf(sig: Signature): Layout {
  let l = layouts.get(sig);
  if (!l) {
    const params = sig.params ?? [];
    const kwonly = sig.kwonly ?? [];
    const index = new Map<string, number>();
    params.forEach(([n], i) => index.set(n, i));
    for (const [n] of kwonly) index.set(n, -1);
    l = { params, kwonly, index, requiredCount: params.filter(([, d]) => d === REQUIRED).length };
    layouts.set(sig, l);
  }
  return l;
}

export function bindArgs(sig: Signature, args: readonly PyValue[], kwargs: Kwargs): Bound {
  const { params, kwonly, index, requiredCount } = layoutOf(sig);
  const values = new Map<string, PyValue>();
  const given = new Set<string>();
  const restArgs: PyValue[] = [];
  const restKwargs: Kwargs = new Map();
  const self = sig.method === false ? 0 : 1;

  if (args.length > params.length && !sig.varargs) {
    const takes =
      requiredCount === params.length
        ? `${params.length + self} positional argument${params.length + self === 1 ? '' : 's'}`
        : `from ${requiredCount + self} to ${params.length + self} positional arguments`;
    const n = args.length + self;
    throw pyError(TypeError, `${sig.name}() takes ${takes} but ${n} ${n === 1 ? 'was' : 'were'} given`);
  }
  for (let i = 0; i < args.length; i++) {
    if (i < params.length) {
      const name = params[i]![0];
      values.set(name, args[i]!);
      given.add(name);
    } else restArgs.push(args[i]!);
  }
  for (const [k, v] of kwargs) {
    if (index.has(k)) {
      if (given.has(k)) throw pyError(TypeError, `${sig.name}() got multiple values for argument '${k}'`);
      values.set(k, v);
      given.add(k);
    } else if (sig.varkw) {
      restKwargs.set(k, v);
    } else {
      throw pyError(TypeError, `${sig.name}() got an unexpected keyword argument '${k}'`);
    }
  }
  let missingPositional: string[] | null = null;
  for (const [n, d] of params) {
    if (given.has(n)) continue;
    if (d === REQUIRED) (missingPositional ??= []).push(n);
    else values.set(n, d);
  }
  if (missingPositional) {
    const missing = missingPositional;
    throw pyError(
      TypeError,
      `${sig.name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${listNames(missing)}`,
    );
  }
  let missingKw: string[] | null = null;
  for (const [n, d] of kwonly) {
    if (given.has(n)) continue;
    if (d === REQUIRED) (missingKw ??= []).push(n);
    else values.set(n, d);
  }
  if (missingKw) {
    throw pyError(
      TypeError,
      `${sig.name}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${listNames(missingKw)}`,
    );
  }
  return { values, given, rest: { args: restArgs, kwargs: restKwargs } };
}
