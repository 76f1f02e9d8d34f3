/**
 * The contrib applications the sandbox ships (django.contrib.*): their AppConfig attributes, the
 * embedded package they live in, what their AppConfig.ready() does, and the `django.contrib._lab`
 * native module their Python sources call into.
 */
import {
  LookupError,
  ModuleNotFoundError,
  NativeFunction,
  type PyValue,
  None,
  PyException,
  KeyError,
  ValueError,
  type TracebackFrame,
  pyError,
  nativeModule,
  str,
} from '../python/objects.ts';
import { ImproperlyConfigured } from '../django/exceptions.ts';
import { DJANGO_DISPLAY_ROOT } from './fs.ts';
import { type AppConfigInfo, makeAppConfig } from '../project/app-config.ts';
import type { Project } from '../project/project.ts';
import { checkPassword, makePassword } from './hashers.ts';
import { addLegacyContentTypeNames, updateProxyModelPermissions } from './operations.ts';

export interface ContribApp {
  name: string;
  label: string;
  verboseName: string;
  /** AppConfig.default_auto_field, or null to follow DEFAULT_AUTO_FIELD. */
  defaultAutoField: string | null;
  /** The AppConfig class's qualified name (`AuthConfig`). */
  configName: string;
}

const AUTO = 'django.db.models.AutoField';

export const CONTRIB_APPS: ContribApp[] = [
  { name: 'django.contrib.admin', label: 'admin', verboseName: 'Administration', defaultAutoField: AUTO, configName: 'AdminConfig' },
  { name: 'django.contrib.auth', label: 'auth', verboseName: 'Authentication and Authorization', defaultAutoField: AUTO, configName: 'AuthConfig' },
  { name: 'django.contrib.contenttypes', label: 'contenttypes', verboseName: 'Content Types', defaultAutoField: AUTO, configName: 'ContentTypesConfig' },
  { name: 'django.contrib.sessions', label: 'sessions', verboseName: 'Sessions', defaultAutoField: null, configName: 'SessionsConfig' },
  { name: 'django.contrib.messages', label: 'messages', verboseName: 'Messages', defaultAutoField: null, configName: 'MessagesConfig' },
  { name: 'django.contrib.staticfiles', label: 'staticfiles', verboseName: 'Static Files', defaultAutoField: null, configName: 'StaticFilesConfig' },
];

/** INSTALLED_APPS entries naming an AppConfig class of a contrib app. */
const CONFIG_CLASSES: Record<string, string> = {
  'django.contrib.admin.apps.AdminConfig': 'django.contrib.admin',
  'django.contrib.admin.apps.SimpleAdminConfig': 'django.contrib.admin',
  'django.contrib.auth.apps.AuthConfig': 'django.contrib.auth',
  'django.contrib.contenttypes.apps.ContentTypesConfig': 'django.contrib.contenttypes',
  'django.contrib.sessions.apps.SessionsConfig': 'django.contrib.sessions',
  'django.contrib.messages.apps.MessagesConfig': 'django.contrib.messages',
  'django.contrib.staticfiles.apps.StaticFilesConfig': 'django.contrib.staticfiles',
};

/** Admin installed as SimpleAdminConfig: no autodiscovery of admin modules. */
const NO_AUTODISCOVER = new WeakSet<AppConfigInfo>();

/** The AppConfig of a contrib app an INSTALLED_APPS entry names (`django.contrib.auth` or its AppConfig path), if any. */
export function contribAppConfig(entry: string): AppConfigInfo | undefined {
  const name = CONFIG_CLASSES[entry] ?? entry;
  const app = CONTRIB_APPS.find((a) => a.name === name);
  if (!app) return undefined;
  const cfg = makeAppConfig(app.name, null, app.name.replace(/\./g, '/'));
  cfg.verboseName = app.verboseName;
  cfg.defaultAutoField = app.defaultAutoField;
  if (entry === 'django.contrib.admin.apps.SimpleAdminConfig') NO_AUTODISCOVER.add(cfg);
  return cfg;
}

/** A frame of Django's own code in a traceback. */
function djangoFrame(file: string, line: number, name: string, source: string): TracebackFrame {
  return { file: `${DJANGO_DISPLAY_ROOT}/django/${file}`, line, name, source };
}

/** An exception raised inside Django's code, with its frames. */
function raisedIn(e: PyException, ...frames: TracebackFrame[]): PyException {
  e.traceback = frames;
  return e;
}

/** apps.get_model(app_label, model_name) of the project registry, raising like Django (with the KeyError context). */
function getModelClass(project: Project, appLabel: string, modelName: string): PyValue {
  const app = project.appConfig(appLabel);
  if (!app) {
    let message = `No installed app with label '${appLabel}'.`;
    const byName = project.appConfigs.find((a) => a.name === appLabel);
    if (byName) message += ` Did you mean '${byName.label}'?`;
    const e = raisedIn(
      pyError(LookupError, message),
      djangoFrame('apps/registry.py', 205, 'get_model', 'app_config = self.get_app_config(app_label)'),
      djangoFrame('apps/registry.py', 165, 'get_app_config', 'raise LookupError(message)'),
    );
    e.context = raisedIn(pyError(KeyError, appLabel), djangoFrame('apps/registry.py', 158, 'get_app_config', 'return self.app_configs[app_label]'));
    throw e;
  }
  const meta = project.apps.findModel(`${appLabel}.${modelName.toLowerCase()}`);
  if (!meta || !meta.pyModel) {
    const e = raisedIn(
      pyError(LookupError, `App '${appLabel}' doesn't have a '${modelName}' model.`),
      djangoFrame('apps/registry.py', 213, 'get_model', 'return app_config.get_model(model_name, require_ready=require_ready)'),
      djangoFrame('apps/config.py', 237, 'get_model', 'raise LookupError('),
    );
    e.context = raisedIn(pyError(KeyError, modelName.toLowerCase()), djangoFrame('apps/config.py', 235, 'get_model', 'return self.models[model_name.lower()]'));
    throw e;
  }
  return meta.pyModel;
}

/** django.contrib.auth.get_user_model(), with Django's ImproperlyConfigured errors. */
export function getUserModel(project: Project): PyValue {
  const setting = project.settings.authUserModel;
  const parts = setting.split('.');
  if (parts.length !== 2) {
    const e = pyError(ImproperlyConfigured, "AUTH_USER_MODEL must be of the form 'app_label.model_name'");
    e.context = raisedIn(pyError(ValueError, parts.length < 2 ? `not enough values to unpack (expected 2, got ${parts.length})` : 'too many values to unpack (expected 2)'), djangoFrame('contrib/auth/__init__.py', 283, 'get_user_model', 'return django_apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)'));
    throw e;
  }
  try {
    return getModelClass(project, parts[0]!, parts[1]!);
  } catch (err) {
    if (err instanceof PyException && err.matches(LookupError)) {
      const e = pyError(ImproperlyConfigured, `AUTH_USER_MODEL refers to model '${setting}' that has not been installed`);
      e.context = err;
      throw e;
    }
    throw err;
  }
}

/** The `django.contrib._lab` module: what the embedded contrib sources need from the engine. */
export function registerContribModule(project: Project): void {
  const M = 'django.contrib._lab';
  const fn = (name: string, impl: (args: PyValue[]) => PyValue) => new NativeFunction(name, (args) => impl(args), { module: M, qualname: name });
  project.interp.registerNativeModule(M, () =>
    nativeModule(M, {
      normalize: fn('normalize', ([form, value]) => str(value!).normalize(str(form!) as 'NFC' | 'NFD' | 'NFKC' | 'NFKD')),
      app_verbose_name: fn('app_verbose_name', ([label]) => project.appConfig(str(label!))?.verboseName ?? str(label!)),
      get_user_model: fn('get_user_model', () => getUserModel(project)),
      get_model_or_none: fn('get_model_or_none', ([app, model]) => {
        const meta = project.apps.findModel(`${str(app!)}.${str(model!).toLowerCase()}`);
        return meta?.pyModel ?? None;
      }),
      make_password: fn('make_password', ([password, salt]) =>
        makePassword(password === None || password === undefined ? null : str(password), salt === None || salt === undefined ? null : str(salt), (n) =>
          project.env.randomBytes(n),
        ),
      ),
      check_password: fn('check_password', ([password, encoded]) =>
        checkPassword(password === None ? null : str(password!), encoded === None ? null : str(encoded!)),
      ),
      autodiscover_modules: fn('autodiscover_modules', ([name]) => {
        autodiscoverModules(project, str(name!));
        return None;
      }),
      add_legacy_content_type_names: fn('add_legacy_content_type_names', () => addLegacyContentTypeNames()),
      update_proxy_model_permissions: fn('update_proxy_model_permissions', () => updateProxyModelPermissions()),
    }),
  );
}

/** autodiscover_modules(name): imports `<app>.<name>` of every installed app that has one. */
function autodiscoverModules(project: Project, name: string): void {
  for (const app of project.appConfigs) {
    const module = `${app.name}.${name}`;
    if (!project.findModule(module)) continue;
    try {
      project.interp.importModule(module);
    } catch (e) {
      if (e instanceof PyException && e.matches(ModuleNotFoundError) && !project.findModule(module)) continue;
      throw e;
    }
  }
}

/** AppConfig.ready() of the installed contrib apps, in INSTALLED_APPS order (after every models module is imported). */
export function contribReady(project: Project): void {
  for (const app of project.appConfigs) {
    if (app.name === 'django.contrib.auth') getUserModel(project);
    if (app.name === 'django.contrib.admin' && !NO_AUTODISCOVER.has(app)) autodiscoverModules(project, 'admin');
  }
}

