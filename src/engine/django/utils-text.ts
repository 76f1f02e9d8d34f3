/**
 * django.utils.text: the helpers learners call in data migrations and the shell — slugify,
 * capfirst, get_text_list, camel_case_to_spaces.
 */
import { type Kwargs, NativeFunction, PyModule, type PyValue, TypeError, pyError, str, toArray, truthy } from '../python/objects.ts';

const MODULE = 'django.utils.text';

/** slugify(value, allow_unicode=False): lower-case, words joined by hyphens, ASCII unless allow_unicode. */
export function slugify(value: string, allowUnicode: boolean): string {
  let v = allowUnicode ? value.normalize('NFKC') : value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  v = v.toLowerCase().replace(/[^\p{L}\p{N}_\s-]/gu, '');
  return v.replace(/[-\s]+/gu, '-').replace(/^[-_]+|[-_]+$/g, '');
}

function fn(name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): NativeFunction {
  return new NativeFunction(name, impl, { module: MODULE, qualname: name });
}

export function utilsTextModule(): PyModule {
  const m = new PyModule(MODULE);
  m.dict.set(
    'slugify',
    fn('slugify', (a, k) => {
      if (a.length + k.size === 0) throw pyError(TypeError, "slugify() missing 1 required positional argument: 'value'");
      return slugify(str(a[0] ?? k.get('value')!), truthy(a[1] ?? k.get('allow_unicode') ?? false));
    }),
  );
  m.dict.set(
    'capfirst',
    fn('capfirst', (a) => {
      const x = a[0];
      if (!truthy(x ?? '')) return x ?? '';
      const s = str(x!);
      return s[0]!.toUpperCase() + s.slice(1);
    }),
  );
  m.dict.set(
    'get_text_list',
    fn('get_text_list', (a, k) => {
      const items = toArray(a[0] ?? k.get('list_')!).map(str);
      const last = str(a[1] ?? k.get('last_word') ?? 'or');
      if (items.length === 0) return '';
      if (items.length === 1) return items[0]!;
      return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
    }),
  );
  m.dict.set(
    'camel_case_to_spaces',
    fn('camel_case_to_spaces', (a) => str(a[0]!).replace(/(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))/g, ' $1').toLowerCase().trim()),
  );
  return m;
}
