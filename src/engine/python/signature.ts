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

export function bindArgs(sig: Signature, args: readonly PyValue[], kwargs: Kwargs): Bound {
  const params = sig.params ?? [];
  const kwonly = sig.kwonly ?? [];
  const values = new Map<string, PyValue>();
  const given = new Set<string>();
  const restArgs: PyValue[] = [];
  const restKwargs: Kwargs = new Map();
  const self = sig.method === false ? 0 : 1;

  if (args.length > params.length && !sig.varargs) {
    const required = params.filter(([, d]) => d === REQUIRED).length;
    const takes =
      required === params.length
        ? `${params.length + self} positional argument${params.length + self === 1 ? '' : 's'}`
        : `from ${required + self} to ${params.length + self} positional arguments`;
    const n = args.length + self;
    throw pyError(TypeError, `${sig.name}() takes ${takes} but ${n} ${n === 1 ? 'was' : 'were'} given`);
  }
  args.forEach((a, i) => {
    if (i < params.length) {
      values.set(params[i]![0], a);
      given.add(params[i]![0]);
    } else restArgs.push(a);
  });
  const known = new Set([...params.map((p) => p[0]), ...kwonly.map((p) => p[0])]);
  for (const [k, v] of kwargs) {
    if (known.has(k)) {
      if (given.has(k)) throw pyError(TypeError, `${sig.name}() got multiple values for argument '${k}'`);
      values.set(k, v);
      given.add(k);
    } else if (sig.varkw) {
      restKwargs.set(k, v);
    } else {
      throw pyError(TypeError, `${sig.name}() got an unexpected keyword argument '${k}'`);
    }
  }
  const missing = params.filter(([n, d]) => d === REQUIRED && !given.has(n)).map(([n]) => n);
  if (missing.length) {
    throw pyError(
      TypeError,
      `${sig.name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${listNames(missing)}`,
    );
  }
  const missingKw = kwonly.filter(([n, d]) => d === REQUIRED && !given.has(n)).map(([n]) => n);
  if (missingKw.length) {
    throw pyError(
      TypeError,
      `${sig.name}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${listNames(missingKw)}`,
    );
  }
  for (const [n, d] of [...params, ...kwonly]) if (!values.has(n) && d !== REQUIRED) values.set(n, d);
  return { values, given, rest: { args: restArgs, kwargs: restKwargs } };
}
