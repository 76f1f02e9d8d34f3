/**
 * django.core.exceptions.ValidationError's behaviour: a single message (with `code` and `params`),
 * a list of messages, or a dict of them by field (`error_dict`), and what learners read from it:
 * `messages`, `message_dict`, `error_list`, `str()` (the repr of the list or dict of messages,
 * params interpolated), `repr()`, iteration, `update_error_dict()`.
 */
import {
  type Kwargs,
  NativeFunction,
  None,
  PyDict,
  PyException,
  PyInstance,
  PyIterator,
  PyList,
  PyTuple,
  type PyValue,
  AttributeError,
  call,
  pyError,
  repr,
  str,
  toArray,
} from '../python/objects.ts';
import { binaryOp } from '../python/operators.ts';
import { getter } from '../python/types/core.ts';
import { ValidationError } from './exceptions.ts';

const MODULE = 'django.core.exceptions';
export const NON_FIELD_ERRORS = '__all__';

function isVE(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.cls.isSubclassOf(ValidationError);
}

function self(args: PyValue[]): PyInstance {
  return args[0] as PyInstance;
}

/** The error list of a ValidationError (for a dict: all its errors). */
function errorList(e: PyInstance): PyValue[] {
  const list = e.dict.get('error_list');
  if (list instanceof PyList) return list.items;
  const d = e.dict.get('error_dict');
  if (d instanceof PyDict) return d.values().flatMap((v) => toArray(v));
  return [];
}

function init(args: PyValue[], kwargs: Kwargs): PyValue {
  const e = self(args);
  let message: PyValue = args[1] ?? kwargs.get('message') ?? None;
  let code: PyValue = args[2] ?? kwargs.get('code') ?? None;
  let params: PyValue = args[3] ?? kwargs.get('params') ?? None;
  if (isVE(message)) {
    if (message.dict.has('error_dict')) message = message.dict.get('error_dict')!;
    else if (!message.dict.has('message')) message = message.dict.get('error_list')!;
    else [message, code, params] = [message.dict.get('message')!, message.dict.get('code')!, message.dict.get('params')!];
  }
  e.dict.set('args', new PyTuple([message, code, params]));
  if (message instanceof PyDict) {
    const errors = new PyDict();
    for (const [field, messages] of message.items()) {
      const ve = isVE(messages) ? messages : (call(e.cls, [messages]) as PyInstance);
      errors.set(field, new PyList(errorList(ve)));
    }
    e.dict.set('error_dict', errors);
  } else if (message instanceof PyList) {
    const list: PyValue[] = [];
    for (const m of message.items) {
      const ve = isVE(m) ? m : (call(e.cls, [m]) as PyInstance);
      list.push(...errorList(ve));
    }
    e.dict.set('error_list', new PyList(list));
  } else {
    e.dict.set('message', message);
    e.dict.set('code', code);
    e.dict.set('params', params);
    e.dict.set('error_list', new PyList([e]));
  }
  return None;
}

/** One error's text: its message with `%(name)s` params filled in. */
function messageText(err: PyValue): string {
  if (!(err instanceof PyInstance)) return str(err);
  let message = err.dict.get('message') ?? None;
  const params = err.dict.get('params') ?? None;
  if (params !== None && params !== undefined && !(params instanceof PyDict && params.size === 0)) message = binaryOp('%', message, params);
  return str(message);
}

/** `dict(e)` for a dict error: field → list of message texts. */
function messageDict(e: PyInstance): PyDict {
  const d = e.dict.get('error_dict');
  if (!(d instanceof PyDict)) throw pyError(AttributeError, "'ValidationError' object has no attribute 'error_dict'");
  const out = new PyDict();
  for (const [field, errors] of d.items()) out.set(field, new PyList(toArray(errors).map(messageText)));
  return out;
}

function messages(e: PyInstance): PyList {
  if (e.dict.get('error_dict') instanceof PyDict) return new PyList(messageDict(e).values().flatMap((v) => toArray(v)));
  return new PyList(errorList(e).map(messageText));
}

function asText(e: PyInstance): string {
  return e.dict.get('error_dict') instanceof PyDict ? repr(messageDict(e)) : repr(messages(e));
}

const def = (name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue) =>
  ValidationError.dict.set(name, new NativeFunction(name, impl, { module: MODULE, qualname: `ValidationError.${name}` }));

def('__init__', init);
def('__str__', (a) => asText(self(a)));
def('__repr__', (a) => `ValidationError(${asText(self(a))})`);
def('__iter__', (a) => {
  const e = self(a);
  const items: PyValue[] = e.dict.get('error_dict') instanceof PyDict ? messageDict(e).items().map(([k, v]) => new PyTuple([k, v])) : messages(e).items;
  return new PyIterator(items[Symbol.iterator](), 'generator');
});
def('update_error_dict', (a) => {
  const e = self(a);
  const target = a[1] as PyDict;
  const d = e.dict.get('error_dict');
  const add = (key: PyValue, items: PyValue[]) => {
    const cur = target.get(key);
    if (cur instanceof PyList) cur.items.push(...items);
    else target.set(key, new PyList([...items]));
  };
  if (d instanceof PyDict) for (const [field, errors] of d.items()) add(field, toArray(errors));
  else add(NON_FIELD_ERRORS, errorList(e));
  return target;
});
getter(ValidationError, 'messages', (e) => messages(e as PyInstance));
getter(ValidationError, 'message_dict', (e) => messageDict(e as PyInstance));

/** `ValidationError(message, code=None, params=None)` as a raisable exception. */
export function makeValidationError(message: PyValue, code: PyValue = None, params: PyValue = None): PyException {
  return new PyException(call(ValidationError, [message, code, params]) as PyInstance);
}
