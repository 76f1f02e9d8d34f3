/**
 * Installed applications: what each INSTALLED_APPS entry resolves to (Django's AppConfig).
 */
import { PyClass, PyModule, type PyValue, RuntimeError, objectClass, pyError, truthy } from '../python/objects.ts';

/** `django.apps.AppConfig`, the base class learners subclass in apps.py. */
export const AppConfigClass = new PyClass('AppConfig', { module: 'django.apps.config', bases: [objectClass] });

export interface AppConfigInfo {
  /** Full Python path of the application, e.g. `shop` or `django.contrib.auth`. */
  name: string;
  /** Short label, e.g. `shop`, `auth`. */
  label: string;
  verboseName: string;
  /** Folder of the app in the project (`shop`), or null for built-in apps. */
  path: string | null;
  /** The AppConfig subclass used, when apps.py provided one. */
  configClass: PyClass | null;
  /** `default_auto_field` set on the AppConfig subclass, or null when inherited from settings. */
  defaultAutoField: string | null;
  /** The app's models module once imported. */
  modelsModule: PyModule | null;
}

function classAttr(cls: PyClass, name: string): PyValue | undefined {
  for (const c of cls.mro) {
    if (c === AppConfigClass) return undefined;
    const v = c.dict.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Picks the AppConfig subclass of an apps module the way AppConfig.create does. */
export function findDefaultConfigClass(mod: PyModule, entry: string): PyClass | null {
  const candidates: PyClass[] = [];
  for (const [, v] of [...mod.dict.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v instanceof PyClass && v !== AppConfigClass && v.isSubclassOf(AppConfigClass)) {
      const d = classAttr(v, 'default');
      if (d === undefined || truthy(d)) candidates.push(v);
    }
  }
  if (candidates.length === 1) return candidates[0]!;
  const defaults = candidates.filter((c) => {
    const d = classAttr(c, 'default');
    return d !== undefined && truthy(d);
  });
  if (defaults.length > 1) {
    throw pyError(RuntimeError, `'${entry}.apps' declares more than one default AppConfig: ${defaults.map((c) => `'${c.name}'`).join(', ')}.`);
  }
  return defaults[0] ?? null;
}

/** Builds the AppConfigInfo of an entry from its (optional) AppConfig class. */
export function makeAppConfig(entry: string, cls: PyClass | null, path: string | null): AppConfigInfo {
  let name = entry;
  let label: string | undefined;
  let verboseName: string | undefined;
  let defaultAutoField: string | null = null;
  if (cls) {
    const n = classAttr(cls, 'name');
    if (typeof n === 'string') name = n;
    const l = classAttr(cls, 'label');
    if (typeof l === 'string') label = l;
    const v = classAttr(cls, 'verbose_name');
    if (typeof v === 'string') verboseName = v;
    const daf = classAttr(cls, 'default_auto_field');
    if (typeof daf === 'string') defaultAutoField = daf;
  }
  label ??= name.slice(name.lastIndexOf('.') + 1);
  verboseName ??= label.charAt(0).toUpperCase() + label.slice(1);
  return { name, label, verboseName, path, configClass: cls, defaultAutoField, modelsModule: null };
}
