/**
 * on_delete handlers (django.db.models.deletion). They are functions Python code can pass around
 * and migration files reference (`django.db.models.deletion.CASCADE`); what they do when rows
 * are deleted is the ORM collector's business, which looks them up by name.
 */
import { NativeFunction, type PyValue, None } from '../python/objects.ts';

const MODULE = 'django.db.models.deletion';

function handler(name: string): NativeFunction {
  // Called by the collector with (collector, field, sub_objs, using); the collector recognises
  // the built-in handlers by identity, so calling one directly does nothing.
  return new NativeFunction(name, () => None, { module: MODULE, qualname: name });
}

export const CASCADE = handler('CASCADE');
export const PROTECT = handler('PROTECT');
export const RESTRICT = handler('RESTRICT');
export const SET_NULL = handler('SET_NULL');
export const SET_DEFAULT = handler('SET_DEFAULT');
export const DO_NOTHING = handler('DO_NOTHING');

/** SET(value): returns a handler remembering the value; serialised by reference like Django can't either. */
export const SET = new NativeFunction(
  'SET',
  (args) => {
    const value: PyValue = args[0] ?? None;
    const f = new NativeFunction('set_on_delete', () => None, { module: MODULE, qualname: 'SET.<locals>.set_on_delete' });
    (f as NativeFunction & { setValue?: PyValue }).setValue = value;
    return f;
  },
  { module: MODULE, qualname: 'SET' },
);

/**
 * The deconstruction Django attaches to a `SET(value)` handler (`("django.db.models.SET", (value,), {})`):
 * how the writer serializes it and the autodetector compares it; null for anything else.
 */
export function setHandlerDeconstruction(v: PyValue): { path: string; args: PyValue[]; kwargs: Map<string, PyValue> } | null {
  const setValue = (v as { setValue?: PyValue }).setValue;
  if (!(v instanceof NativeFunction) || setValue === undefined || v.module !== MODULE) return null;
  return { path: 'django.db.models.SET', args: [setValue], kwargs: new Map() };
}

export const ON_DELETE_HANDLERS = { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING, SET };
