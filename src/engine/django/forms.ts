/**
 * django.forms, as far as the shell needs it: `django.forms.models.model_to_dict(instance,
 * fields=None, exclude=None)` — the editable fields' values by name (a foreign key's id, a
 * many-to-many's related objects).
 */
import { type Kwargs, NativeFunction, None, PyDict, PyList, PyModule, type PyValue, TypeError, callMethod, getattr, pyError, str, toArray, truthy } from '../python/objects.ts';

function modelToDict(args: PyValue[], kwargs: Kwargs): PyValue {
  const instance = args[0] ?? kwargs.get('instance');
  if (instance === undefined) throw pyError(TypeError, "model_to_dict() missing 1 required positional argument: 'instance'");
  const fieldsArg = args[1] ?? kwargs.get('fields') ?? None;
  const excludeArg = args[2] ?? kwargs.get('exclude') ?? None;
  const fields = fieldsArg === None ? null : new Set(toArray(fieldsArg).map(str));
  const exclude = truthy(excludeArg) ? new Set(toArray(excludeArg).map(str)) : new Set<string>();
  const meta = getattr(instance, '_meta');
  const data = new PyDict();
  for (const group of ['concrete_fields', 'private_fields', 'many_to_many']) {
    for (const f of toArray(getattr(meta, group))) {
      if (!truthy(getattr(f, 'editable'))) continue;
      const name = str(getattr(f, 'name'));
      if (fields !== null && !fields.has(name)) continue;
      if (exclude.has(name)) continue;
      if (group === 'many_to_many') {
        data.set(name, getattr(instance, 'pk') === None ? new PyList([]) : new PyList(toArray(callMethod(getattr(instance, str(getattr(f, 'attname'))), 'all'))));
      } else data.set(name, getattr(instance, str(getattr(f, 'attname'))));
    }
  }
  return data;
}

export function formsModelsModule(): PyModule {
  const m = new PyModule('django.forms.models');
  m.dict.set('model_to_dict', new NativeFunction('model_to_dict', modelToDict, { module: 'django.forms.models', qualname: 'model_to_dict' }));
  return m;
}
