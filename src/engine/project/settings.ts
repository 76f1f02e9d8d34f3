/**
 * settings.py as Django reads it: the learner's module on top of Django's global defaults.
 */
import { PyClass, PyDict, PyList, PyModule, PyObject, PyTuple, type PyValue, AttributeError, None, ValueError, objectClass, pyError, toArray, truthy } from '../python/objects.ts';

/** Django's global_settings values the engine consults. */
export const GLOBAL_DEFAULTS: Record<string, PyValue> = {
  DEBUG: false,
  INSTALLED_APPS: new PyList([]),
  DATABASES: new PyDict(),
  DEFAULT_AUTO_FIELD: 'django.db.models.AutoField',
  AUTH_USER_MODEL: 'auth.User',
  USE_TZ: true,
  TIME_ZONE: 'America/Chicago',
  USE_I18N: true,
  LANGUAGE_CODE: 'en-us',
  MIGRATION_MODULES: new PyDict(),
  DEFAULT_TABLESPACE: '',
  DEFAULT_INDEX_TABLESPACE: '',
  SECRET_KEY: '',
  SILENCED_SYSTEM_CHECKS: new PyList([]),
  ALLOWED_HOSTS: new PyList([]),
  MIDDLEWARE: new PyList([]),
  TEMPLATES: new PyList([]),
};

export class Settings {
  constructor(
    /** The executed settings module. */
    readonly module: PyModule,
    /** Its dotted name, e.g. `settings` or `mysite.settings`. */
    readonly moduleName: string,
  ) {}

  /** A setting's value (user's or Django's default), or undefined. */
  get(name: string): PyValue | undefined {
    if (name !== name.toUpperCase()) return undefined;
    const v = this.module.dict.get(name);
    return v !== undefined ? v : GLOBAL_DEFAULTS[name];
  }

  isOverridden(name: string): boolean {
    return this.module.dict.has(name);
  }

  str(name: string): string {
    const v = this.get(name);
    return typeof v === 'string' ? v : '';
  }

  get installedApps(): string[] {
    return toArray(this.get('INSTALLED_APPS') ?? new PyList([])).map((x) => String(x));
  }

  get defaultAutoField(): string {
    return this.str('DEFAULT_AUTO_FIELD');
  }

  get authUserModel(): string {
    return this.str('AUTH_USER_MODEL');
  }

  get useTz(): boolean {
    return truthy(this.get('USE_TZ') ?? true);
  }

  get timeZone(): string {
    return this.str('TIME_ZONE') || 'UTC';
  }

  /** DATABASES['default'] as a dict, if configured. */
  get defaultDatabase(): PyDict | undefined {
    const dbs = this.get('DATABASES');
    if (!(dbs instanceof PyDict)) return undefined;
    const d = dbs.get('default');
    return d instanceof PyDict ? d : undefined;
  }

  /** libpq `options` from DATABASES['default']['OPTIONS']['options'] (e.g. `-c search_path=x`). */
  get libpqOptions(): string | undefined {
    const opts = this.defaultDatabase?.get('OPTIONS');
    if (!(opts instanceof PyDict)) return undefined;
    const o = opts.get('options');
    return typeof o === 'string' ? o : undefined;
  }

  get migrationModules(): Map<string, string | null> {
    const mm = this.get('MIGRATION_MODULES');
    const out = new Map<string, string | null>();
    if (mm instanceof PyDict) for (const [k, v] of mm.items()) out.set(String(k), v === None ? null : String(v));
    return out;
  }

  get silencedSystemChecks(): string[] {
    const v = this.get('SILENCED_SYSTEM_CHECKS');
    return v instanceof PyList || v instanceof PyTuple ? v.items.map(String) : [];
  }
}

const settingsClass = new PyClass('Settings', { module: 'django.conf', bases: [objectClass] });

/** `django.conf.settings` as Python code sees it. */
export class SettingsObject extends PyObject {
  constructor(readonly settings: () => Settings | null) {
    super();
  }
  get pyClass(): PyClass {
    return settingsClass;
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    const s = this.settings();
    const v = s?.get(name);
    if (v !== undefined) return v;
    throw pyError(AttributeError, `'Settings' object has no attribute '${name}'`);
  }
  override nativeRepr(): string {
    const s = this.settings();
    return s ? `<Settings "${s.moduleName}">` : '<LazySettings [Unevaluated]>';
  }
}

/** Settings that must be lists or tuples (Django's `Settings.tuple_settings`). */
const TUPLE_SETTINGS = ['ALLOWED_HOSTS', 'INSTALLED_APPS', 'TEMPLATE_DIRS', 'LOCALE_PATHS', 'SECRET_KEY_FALLBACKS'];

/**
 * What `Settings.__init__` checks once settings.py has run: the list-valued settings (in dir()
 * order) and TIME_ZONE, which must name a zone of the system's time zone database.
 */
export function validateSettings(s: Settings, improperlyConfigured: PyClass): void {
  for (const name of [...s.module.dict.keys()].filter((k) => TUPLE_SETTINGS.includes(k)).sort()) {
    const v = s.module.dict.get(name)!;
    if (!(v instanceof PyList) && !(v instanceof PyTuple)) throw pyError(improperlyConfigured, `The ${name} setting must be a list or a tuple.`);
  }
  const tz = s.get('TIME_ZONE');
  if (typeof tz === 'string' && tz && !isTimeZoneName(tz)) throw pyError(ValueError, `Incorrect timezone setting: ${tz}`);
}

/** Whether /usr/share/zoneinfo/<name> exists: a zone the ICU database knows, spelt with its case. */
function isTimeZoneName(name: string): boolean {
  // the usual setting, without waking up ICU's time zone data
  if (name === 'UTC') return true;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // ICU accepts any letter case, the file system does not (aliases such as US/Eastern resolve to
  // another name: accepted as written)
  return resolved.toLowerCase() !== name.toLowerCase() || resolved === name;
}
