/**
 * A loaded Django project: what `django.setup()` does — read settings, work out the installed
 * applications, import every models module into a registry of ModelMetas.
 */
import { Interpreter } from '../python/index.ts';
import { AttributeError, ImportError, ModuleNotFoundError, None, PyClass, PyDict, PyException, PyInstance, type PyValue, ValueError, callMethod, pyError } from '../python/objects.ts';
import type { Env } from '../env.ts';
import { AppRegistryNotReady, ImproperlyConfigured } from '../django/exceptions.ts';
import { type ModelClasses } from '../django/model-base.ts';
import { registerDjangoModules } from '../django/modules.ts';
import { importString } from '../django/module-loading.ts';
import { djangoRoot } from '../orm/runtime.ts';

/** The database backends Django ships (`django.db.utils.load_backend` lists them when ENGINE is wrong). */
const BUILTIN_BACKENDS = ['django.db.backends.mysql', 'django.db.backends.oracle', 'django.db.backends.postgresql', 'django.db.backends.sqlite3'];
import { Apps, type AppsConfig } from '../state/apps.ts';
import { fieldClassByPath, isAutoFieldClass } from '../state/fields/registry.ts';
import { swappable } from '../state/fields/related.ts';
import { swapping } from '../operations/base.ts';
import type { ModelMeta } from '../state/meta.ts';
import { modelStateFromModel } from '../state/model-state.ts';
import { ProjectState } from '../state/project-state.ts';
import { type AppConfigInfo, findDefaultConfigClass, makeAppConfig, AppConfigClass } from './app-config.ts';
import { type ProjectFS, joinPath } from './fs.ts';
import { Settings, validateSettings } from './settings.ts';
import { builtinApp } from './builtin-apps.ts';
import { ContribFS, DJANGO_DISPLAY_ROOT, isContribPath } from '../contrib/fs.ts';
import { contribReady, registerContribModule } from '../contrib/apps.ts';

export interface ProjectOptions {
  /** Where `print()` in learner code goes (the command's stdout). */
  stdout?: (text: string) => void;
  /** Where warnings and `print(file=sys.stderr)` go (the command's stderr). */
  stderr?: (text: string) => void;
  stepBudget?: number;
}

export class Project {
  readonly interp: Interpreter;
  settings!: Settings;
  appConfigs: AppConfigInfo[] = [];
  /** The registry of the learner's models (models.py). */
  apps!: Apps;
  modelClasses!: ModelClasses;
  private ready = false;
  /** Every INSTALLED_APPS entry has its AppConfig (Django's apps_ready). */
  private appsReady = false;
  private connectionChecked = false;

  /** The project's files, with Django's contrib package (embedded sources) readable next to them. */
  readonly fs: ContribFS;

  constructor(
    fs: ProjectFS,
    readonly env: Env,
    opts: ProjectOptions = {},
  ) {
    this.fs = new ContribFS(fs);
    this.interp = new Interpreter({
      env,
      stdout: opts.stdout,
      stderr: opts.stderr,
      stepBudget: opts.stepBudget,
      findModule: (name) => this.findModule(name),
    });
  }

  /** Resolves a dotted module name to a project file. */
  findModule(name: string): { source: string; file: string; isPackage: boolean } | undefined {
    const path = name.replace(/\./g, '/');
    const file = this.fs.read(`${path}.py`);
    if (file !== undefined) return { source: file, file: this.displayPath(`${path}.py`), isPackage: false };
    if (this.fs.isDir(path)) {
      const init = this.fs.read(`${path}/__init__.py`);
      return { source: init ?? '', file: this.displayPath(`${path}/__init__.py`), isPackage: true };
    }
    return undefined;
  }

  displayPath(relative: string): string {
    if (isContribPath(relative) && !this.fs.project.exists(relative)) return `${DJANGO_DISPLAY_ROOT}/${relative}`;
    return `${this.fs.displayRoot}/${relative}`;
  }

  /** The settings module's dotted name: `settings` at the root, or what manage.py sets. */
  settingsModuleName(): string {
    if (this.fs.read('settings.py') !== undefined) return 'settings';
    const manage = this.fs.read('manage.py');
    if (manage !== undefined) {
      const m = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(manage);
      if (m) return m[1]!;
    }
    for (const entry of this.fs.list('')) {
      if (this.fs.read(`${entry}/settings.py`) !== undefined) return `${entry}.settings`;
    }
    return 'settings';
  }

  /** django.setup(): settings, app registry, models. Throws PyException on learner errors. */
  setup(): void {
    if (this.ready) return;
    this.apps = new Apps(this.appsConfig());
    this.modelClasses = registerDjangoModules(this.interp, {
      settings: () => this.settings ?? null,
      registry: {
        apps: this.apps,
        containingAppLabel: (module) => {
          // apps.get_containing_app_config: models can't be defined while the app configs are made
          if (!this.appsReady) throw pyError(AppRegistryNotReady, "Apps aren't loaded yet.");
          return this.containingAppConfig(module)?.label;
        },
        connectionOps: () => this.defaultConnection(),
      },
    });
    registerContribModule(this);
    const settingsName = this.settingsModuleName();
    const settingsModule = this.interp.importModule(settingsName);
    this.settings = new Settings(settingsModule, settingsName);
    validateSettings(this.settings, ImproperlyConfigured);
    this.installSwappableResolver();
    this.populateAppConfigs();
    this.appsReady = true;
    for (const label of this.appConfigs.map((a) => a.label)) this.apps.config.appLabels.push(label);
    for (const app of this.appConfigs) this.importModels(app);
    this.apps.resolveRelations(this.apps.models.values());
    contribReady(this);
    for (const app of this.appConfigs) this.runReady(app);
    this.ready = true;
  }

  private appsConfig(): AppsConfig {
    return {
      appLabels: [],
      defaultAutoField: (appLabel) => this.defaultAutoFieldClass(appLabel),
      swappableSettingFor: (label) => this.swappableSettingFor(label),
    };
  }

  private installSwappableResolver(): void {
    swappable.settingFor = (label) => this.swappableSettingFor(label);
    swapping.isSwapped = (model) => this.isSwapped(model);
  }

  /** `_meta.swapped`: a swappable model (auth.User) that its setting replaces by another model. */
  isSwapped(model: ModelMeta): boolean {
    const setting = model.swappable;
    if (typeof setting !== 'string' || !setting) return false;
    const value = this.settings?.get(setting);
    if (typeof value !== 'string' || !value) return false;
    const [app, name] = value.split('.');
    if (name === undefined) return true;
    return `${app}.${name.toLowerCase()}` !== model.labelLower;
  }

  /** `apps.get_swappable_settings_name`: only AUTH_USER_MODEL is swappable in practice. */
  swappableSettingFor(labelLower: string): string | null {
    const target = this.settings?.authUserModel.toLowerCase();
    if (target && labelLower === target) return 'AUTH_USER_MODEL';
    if (labelLower === 'auth.user') return 'AUTH_USER_MODEL';
    return null;
  }

  private populateAppConfigs(): void {
    const seen = new Map<string, string>();
    for (const entry of this.settings.installedApps) {
      const app = this.makeAppConfig(entry);
      const dup = seen.get(app.label);
      if (dup !== undefined) {
        throw pyError(ImproperlyConfigured, `Application labels aren't unique, duplicates: ${app.label}`);
      }
      seen.set(app.label, entry);
      this.appConfigs.push(app);
    }
  }

  private makeAppConfig(entry: string): AppConfigInfo {
    const builtin = builtinApp(entry);
    if (builtin) return builtin;
    // A dotted path to an AppConfig subclass?
    const lastDot = entry.lastIndexOf('.');
    if (lastDot > 0) {
      const modName = entry.slice(0, lastDot);
      const clsName = entry.slice(lastDot + 1);
      if (/^[A-Z]/.test(clsName) && this.findModule(modName) && !this.findModule(entry)) {
        const mod = this.interp.importModule(modName);
        const cls = mod.dict.get(clsName);
        if (cls instanceof PyClass && cls.isSubclassOf(AppConfigClass)) {
          const cfg = this.checkedAppConfig(makeAppConfig(entry, cls, null), cls);
          cfg.path = cfg.name.replace(/\./g, '/');
          return cfg;
        }
        // AppConfig.create names the AppConfig subclasses the module does have (inspect.getmembers: by name)
        const choices = [...mod.dict.entries()]
          .filter(([, v]) => v instanceof PyClass && v !== AppConfigClass && v.isSubclassOf(AppConfigClass))
          .map(([k]) => k)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const hint = choices.length ? ` Choices are: ${choices.map((c) => `'${c}'`).join(', ')}.` : '';
        throw pyError(ImportError, `Module '${modName}' does not contain a '${clsName}' class.${hint}`);
      }
    }
    // A package, possibly with an apps.py holding its AppConfig.
    this.interp.importModule(entry);
    let cls: PyClass | null = null;
    if (this.findModule(`${entry}.apps`)) cls = findDefaultConfigClass(this.interp.importModule(`${entry}.apps`), entry);
    return this.checkedAppConfig(makeAppConfig(entry, cls, entry.replace(/\./g, '/')), cls);
  }

  /** What AppConfig.create and AppConfig.__init__ check: the class's `name` imports, the label is an identifier. */
  private checkedAppConfig(cfg: AppConfigInfo, cls: PyClass | null): AppConfigInfo {
    if (cls) {
      try {
        this.interp.importModule(cfg.name);
      } catch (e) {
        if (!(e instanceof PyException && e.matches(ImportError))) throw e;
        const err = pyError(ImproperlyConfigured, `Cannot import '${cfg.name}'. Check that '${cls.module}.${cls.qualname}.name' is correct.`);
        if (!e.traceback.length) e.traceback = [{ file: `${djangoRoot()}/apps/config.py`, line: 210, name: 'create', source: 'app_module = import_module(app_name)' }];
        err.context = e;
        throw err;
      }
    }
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(cfg.label)) {
      throw pyError(ImproperlyConfigured, `The app label '${cfg.label}' is not a valid Python identifier.`);
    }
    return cfg;
  }

  /**
   * apps.populate's last phase: AppConfig.ready() of the learner's AppConfig subclasses that
   * define it, called on an instance carrying the app's name, label, module and models module.
   */
  private runReady(app: AppConfigInfo): void {
    const cls = app.configClass;
    if (!cls || cls.lookup('ready') === undefined) return;
    const inst = new PyInstance(cls);
    inst.dict.set('name', app.name);
    inst.dict.set('label', app.label);
    inst.dict.set('verbose_name', app.verboseName);
    inst.dict.set('path', app.path === null ? None : this.displayPath(app.path));
    inst.dict.set('module', this.interp.importModule(app.name));
    inst.dict.set('models_module', app.modelsModule ?? None);
    callMethod(inst, 'ready');
  }

  private importModels(app: AppConfigInfo): void {
    if (app.path === null) return;
    const name = `${app.name}.models`;
    if (!this.findModule(name)) return;
    try {
      app.modelsModule = this.interp.importModule(name);
    } catch (e) {
      if (e instanceof PyException && e.matches(ModuleNotFoundError) && !this.findModule(name)) return;
      throw e;
    }
  }

  /** The installed app whose module contains `module` (longest matching name). */
  containingAppConfig(module: string): AppConfigInfo | undefined {
    let best: AppConfigInfo | undefined;
    for (const app of this.appConfigs) {
      if (module === app.name || module.startsWith(app.name + '.')) {
        if (!best || app.name.length > best.name.length) best = app;
      }
    }
    return best;
  }

  appConfig(label: string): AppConfigInfo | undefined {
    return this.appConfigs.find((a) => a.label === label);
  }

  /** The LookupError message of `apps.get_app_config(label)`: a module name gets "Did you mean '<label>'?". */
  noAppMessage(label: string): string {
    const byName = this.appConfigs.find((a) => a.name === label);
    return `No installed app with label '${label}'.${byName ? ` Did you mean '${byName.label}'?` : ''}`;
  }

  /**
   * connections['default'] as Django's ConnectionHandler creates it from settings.DATABASES: no
   * 'default' alias, or an ENGINE whose module cannot be imported, is an ImproperlyConfigured.
   * (An empty DATABASES means the dummy backend; the engine keeps using PGlite.)
   */
  private defaultConnection(): void {
    if (this.connectionChecked) return;
    const dbs = this.settings.get('DATABASES');
    if (!(dbs instanceof PyDict) || dbs.size === 0) return;
    const handler = '_thread._local';
    if (!dbs.has('default')) {
      const err = pyError(ImproperlyConfigured, "You must define a 'default' database.");
      const lookup = pyError(AttributeError, `'${handler}' object has no attribute 'default'`);
      lookup.traceback = [{ file: `${djangoRoot()}/utils/connection.py`, line: 58, name: '__getitem__', source: 'return getattr(self._connections, alias)' }];
      err.context = lookup;
      throw err;
    }
    const def = dbs.get('default');
    const engine = def instanceof PyDict ? def.get('ENGINE') : undefined;
    if (typeof engine === 'string' && engine && !BUILTIN_BACKENDS.includes(engine)) {
      // load_backend imports '<ENGINE>.base'; the first missing package is what Python reports
      const parts = `${engine}.base`.split('.');
      let missing = `${engine}.base`;
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('.');
        if (['django', 'django.db', 'django.db.backends'].includes(prefix) || this.findModule(prefix)) continue;
        missing = prefix;
        break;
      }
      const notFound = pyError(ModuleNotFoundError, `No module named '${missing}'`);
      notFound.traceback = [{ file: `${djangoRoot()}/db/utils.py`, line: 113, name: 'load_backend', source: 'return import_module("%s.base" % backend_name)' }];
      const err = pyError(
        ImproperlyConfigured,
        `'${engine}' isn't an available database backend or couldn't be imported. Check the above exception. To use one of the built-in backends, use 'django.db.backends.XXX', where XXX is one of:\n    ${BUILTIN_BACKENDS.map((b) => `'${b.split('.').pop()}'`).join(', ')}`,
      );
      err.cause = notFound;
      err.context = notFound;
      err.suppressContext = true;
      throw err;
    }
    this.connectionChecked = true;
  }

  /** The implicit primary key class of an app's models (AppConfig.default_auto_field or DEFAULT_AUTO_FIELD). */
  defaultAutoFieldClass(appLabel: string): PyClass {
    const app = this.appConfig(appLabel);
    const path = app?.defaultAutoField ?? this.settings.defaultAutoField;
    const source = app?.defaultAutoField && app.configClass ? `${app.configClass.module}.${app.configClass.qualname}.default_auto_field` : 'DEFAULT_AUTO_FIELD';
    if (!path) throw pyError(ImproperlyConfigured, `${source} must not be empty.`);
    let cls: PyValue | undefined = fieldClassByPath(path);
    if (!cls) {
      try {
        cls = importString(this.interp, path);
      } catch (e) {
        if (!(e instanceof PyException && e.matches(ImportError))) throw e;
        const err = pyError(ImproperlyConfigured, `${source} refers to the module '${path}' that could not be imported.`);
        err.cause = e;
        err.context = e;
        err.suppressContext = true;
        throw err;
      }
    }
    if (!(cls instanceof PyClass) || !isAutoFieldClass(cls)) {
      throw pyError(ValueError, `Primary key '${path}' referred by ${source} must subclass AutoField.`);
    }
    return cls;
  }

  /** The models of an app (registration order), auto-created ones excluded. */
  modelsOf(appLabel: string): ModelMeta[] {
    return this.apps.getModels(appLabel);
  }

  /** ProjectState.from_apps: the state the autodetector compares migrations with. */
  currentState(): ProjectState {
    const state = new ProjectState(this.stateAppsConfig());
    for (const meta of this.apps.models.values()) {
      if (meta.autoCreated || !meta.pyModel) continue;
      state.models.set(meta.labelLower, modelStateFromModel(meta, meta.pyModel));
    }
    return state;
  }

  /**
   * The registry configuration for historical states: StateApps uses AppConfigStubs, so implicit
   * primary keys (auto-created M2M through tables) follow settings.DEFAULT_AUTO_FIELD only.
   */
  stateAppsConfig(): AppsConfig {
    return {
      appLabels: this.appConfigs.map((a) => a.label),
      defaultAutoField: () => {
        const cls = fieldClassByPath(this.settings.defaultAutoField);
        if (!cls) throw pyError(ImproperlyConfigured, `DEFAULT_AUTO_FIELD refers to the module '${this.settings.defaultAutoField}' that could not be imported.`);
        return cls;
      },
      swappableSettingFor: (label) => this.swappableSettingFor(label),
    };
  }

  /** Folder of an app's migrations (`shop/migrations`) or null when it has none. */
  migrationsPath(app: AppConfigInfo): string | null {
    const mm = this.settings.migrationModules;
    if (mm.has(app.label)) {
      const v = mm.get(app.label);
      return v ? v.replace(/\./g, '/') : null;
    }
    return app.path === null ? null : joinPath(app.path, 'migrations');
  }

  /** Module name of an app's migrations package. */
  migrationsModule(app: AppConfigInfo): string | null {
    const mm = this.settings.migrationModules;
    if (mm.has(app.label)) return mm.get(app.label) ?? null;
    return `${app.name}.migrations`;
  }
}

