/**
 * The system checks the contrib apps register in their AppConfig.ready(): admin's dependencies
 * (admin.E4xx), auth's user model and permission checks (auth.E0xx), contenttypes' model name
 * length (contenttypes.E005), staticfiles' STATICFILES_DIRS checks.
 */
import { PyClass, PyDict, PyInstance, PyList, PyProperty, PyTuple, type PyValue, None, str, toArray } from '../python/objects.ts';
import { ForeignKey } from '../state/fields/related.ts';
import type { Project } from '../project/project.ts';
import { UniqueConstraint } from '../state/constraints.ts';
import type { ModelMeta } from '../state/meta.ts';
import { type CheckMessage, Critical, Error, Warning } from '../checks/messages.ts';
import type { CheckArgs, RegisteredCheck } from '../checks/registry.ts';
import { permissionsOf } from './content-types.ts';

function settingList(project: Project, name: string, def: string[]): string[] {
  const v = project.settings.get(name);
  if (v === undefined) return def;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => str(x));
  return [];
}

const installed = (project: Project, name: string) => project.appConfigs.some((a) => a.name === name);

/** admin.checks.check_dependencies. */
function checkAdminDependencies(a: CheckArgs): CheckMessage[] {
  const project = a.project;
  if (!installed(project, 'django.contrib.admin')) return [];
  const out: CheckMessage[] = [];
  for (const [app, code] of [
    ['django.contrib.contenttypes', 401],
    ['django.contrib.auth', 405],
    ['django.contrib.messages', 406],
  ] as const) {
    if (!installed(project, app)) out.push(Error(`'${app}' must be in INSTALLED_APPS in order to use the admin application.`, { id: `admin.E${code}` }));
  }
  const templates = project.settings.get('TEMPLATES');
  const engines = templates instanceof PyList || templates instanceof PyTuple ? templates.items : [];
  const django = engines.find((e) => e instanceof PyDict && e.get('BACKEND') === 'django.template.backends.django.DjangoTemplates') as PyDict | undefined;
  if (!django) {
    out.push(
      Error(
        "A 'django.template.backends.django.DjangoTemplates' instance must be configured in TEMPLATES in order to use the admin application.",
        { id: 'admin.E403' },
      ),
    );
  } else {
    const options = django.get('OPTIONS');
    const cp = options instanceof PyDict ? options.get('context_processors') : undefined;
    const processors = cp instanceof PyList || cp instanceof PyTuple ? cp.items.map((x) => str(x)) : [];
    const backends = settingList(project, 'AUTHENTICATION_BACKENDS', ['django.contrib.auth.backends.ModelBackend']);
    if (!processors.includes('django.contrib.auth.context_processors.auth') && backends.includes('django.contrib.auth.backends.ModelBackend')) {
      out.push(
        Error(
          "'django.contrib.auth.context_processors.auth' must be enabled in DjangoTemplates (TEMPLATES) if using the default auth backend in order to use the admin application.",
          { id: 'admin.E402' },
        ),
      );
    }
    if (!processors.includes('django.contrib.messages.context_processors.messages')) {
      out.push(
        Error("'django.contrib.messages.context_processors.messages' must be enabled in DjangoTemplates (TEMPLATES) in order to use the admin application.", {
          id: 'admin.E404',
        }),
      );
    }
    if (!processors.includes('django.template.context_processors.request')) {
      out.push(
        Warning("'django.template.context_processors.request' must be enabled in DjangoTemplates (TEMPLATES) in order to use the admin navigation sidebar.", {
          id: 'admin.W411',
        }),
      );
    }
  }
  const middleware = settingList(project, 'MIDDLEWARE', []);
  if (!middleware.includes('django.contrib.auth.middleware.AuthenticationMiddleware')) {
    out.push(Error("'django.contrib.auth.middleware.AuthenticationMiddleware' must be in MIDDLEWARE in order to use the admin application.", { id: 'admin.E408' }));
  }
  if (!middleware.includes('django.contrib.messages.middleware.MessageMiddleware')) {
    out.push(Error("'django.contrib.messages.middleware.MessageMiddleware' must be in MIDDLEWARE in order to use the admin application.", { id: 'admin.E409' }));
  }
  if (!middleware.includes('django.contrib.sessions.middleware.SessionMiddleware')) {
    out.push(
      Error("'django.contrib.sessions.middleware.SessionMiddleware' must be in MIDDLEWARE in order to use the admin application.", {
        id: 'admin.E410',
        hint: "Insert 'django.contrib.sessions.middleware.SessionMiddleware' before 'django.contrib.auth.middleware.AuthenticationMiddleware'.",
      }),
    );
  }
  return out;
}

/** The models checks look at: those of the selected apps, swapped-out ones excluded. */
function checkedModels(a: CheckArgs): ModelMeta[] {
  return a.env.models(a.appLabels);
}

/** auth.checks.check_user_model. */
function checkUserModel(a: CheckArgs): CheckMessage[] {
  const project = a.project;
  const [appLabel, modelName] = project.settings.authUserModel.split('.') as [string, string];
  if (a.appLabels && !a.appLabels.includes(appLabel)) return [];
  const meta = project.apps.findModel(`${appLabel}.${(modelName ?? '').toLowerCase()}`);
  const cls = meta?.pyModel;
  if (!meta || !cls) return [];
  const out: CheckMessage[] = [];
  const obj = meta.label;
  const required = cls.lookup('REQUIRED_FIELDS');
  const usernameField = cls.lookup('USERNAME_FIELD');
  if (!(required instanceof PyList || required instanceof PyTuple)) {
    out.push(Error("'REQUIRED_FIELDS' must be a list or tuple.", { obj, id: 'auth.E001' }));
  }
  // `USERNAME_FIELD in REQUIRED_FIELDS` (a substring test when REQUIRED_FIELDS is a str).
  const included =
    typeof usernameField === 'string' &&
    (typeof required === 'string' ? required.includes(usernameField) : required !== undefined && safeStrings(required).includes(usernameField));
  if (typeof usernameField === 'string' && included) {
    out.push(
      Error("The field named as the 'USERNAME_FIELD' for a custom user model must not be included in 'REQUIRED_FIELDS'.", {
        obj,
        id: 'auth.E002',
        hint: `The 'USERNAME_FIELD' is currently set to '${usernameField}', you should remove '${usernameField}' from the 'REQUIRED_FIELDS'.`,
      }),
    );
  }
  if (typeof usernameField === 'string') {
    const field = meta.findField(usernameField);
    const constrained = meta.constraints.some(
      (c) => c instanceof UniqueConstraint && !c.condition && !c.expressions.length && c.fields.length === 1 && c.fields[0] === usernameField,
    );
    if (field && !field.unique && !constrained) {
      const backends = settingList(project, 'AUTHENTICATION_BACKENDS', ['django.contrib.auth.backends.ModelBackend']);
      if (backends.length === 1 && backends[0] === 'django.contrib.auth.backends.ModelBackend') {
        out.push(Error(`'${meta.objectName}.${usernameField}' must be unique because it is named as the 'USERNAME_FIELD'.`, { obj, id: 'auth.E003' }));
      } else {
        out.push(
          Warning(`'${meta.objectName}.${usernameField}' is named as the 'USERNAME_FIELD', but it is not unique.`, {
            obj,
            id: 'auth.W004',
            hint: 'Ensure that your authentication backend(s) can handle non-unique usernames.',
          }),
        );
      }
    }
  }
  const classRepr = `<class '${cls.module}.${cls.qualname}'>`;
  for (const [attr, id] of [
    ['is_anonymous', 'auth.C009'],
    ['is_authenticated', 'auth.C010'],
  ] as const) {
    const v = cls.lookup(attr);
    if (v !== undefined && !(v instanceof PyProperty) && isFunction(v)) {
      out.push(
        Critical(
          `${classRepr}.${attr} must be an attribute or property rather than a method. Ignoring this is a security issue as anonymous users will be treated as authenticated!`,
          { obj, id },
        ),
      );
    }
  }
  return out;
}

function isFunction(v: PyValue): boolean {
  return v instanceof Object && !(v instanceof PyClass) && (v as { pyClass?: PyClass }).pyClass?.name === 'function';
}

function safeStrings(v: PyValue): string[] {
  try {
    return toArray(v).map((x) => str(x));
  } catch {
    return [];
  }
}

/** auth.checks.check_models_permissions. */
function checkModelsPermissions(a: CheckArgs): CheckMessage[] {
  const permission = a.project.apps.findModel('auth.permission');
  if (!permission) return [];
  const nameMax = permission.findField('name')?.maxLength ?? 255;
  const codenameMax = permission.findField('codename')?.maxLength ?? 100;
  const out: CheckMessage[] = [];
  const len = (s: string) => [...s].length;
  for (const meta of checkedModels(a)) {
    const obj = meta.label;
    const { builtin, custom } = permissionsOf(meta);
    const builtinNames = new Map(builtin);
    const maxName = builtin.length ? Math.max(...builtin.map(([, n]) => len(n))) : 0;
    if (maxName > nameMax) {
      const verboseMax = nameMax - (maxName - len(str(meta.verboseName)));
      out.push(
        Error(`The verbose_name of model '${meta.label}' must be at most ${verboseMax} characters for its builtin permission names to be at most ${nameMax} characters.`, {
          obj,
          id: 'auth.E007',
        }),
      );
    }
    const maxCodename = builtin.length ? Math.max(...builtin.map(([c]) => len(c))) : 0;
    if (maxCodename > codenameMax) {
      const nameMaxLength = codenameMax - (maxCodename - len(meta.modelName));
      out.push(
        Error(`The name of model '${meta.label}' must be at most ${nameMaxLength} characters for its builtin permission codenames to be at most ${codenameMax} characters.`, {
          obj,
          id: 'auth.E011',
        }),
      );
    }
    const codenames = new Set<string>();
    for (const [codename, name] of custom) {
      if (len(name) > nameMax) {
        out.push(Error(`The permission named '${name}' of model '${meta.label}' is longer than ${nameMax} characters.`, { obj, id: 'auth.E008' }));
      }
      if (len(codename) > codenameMax) {
        out.push(Error(`The permission codenamed '${codename}' of model '${meta.label}' is longer than ${codenameMax} characters.`, { obj, id: 'auth.E012' }));
      }
      if (builtinNames.has(codename)) {
        out.push(Error(`The permission codenamed '${codename}' clashes with a builtin permission for model '${meta.label}'.`, { obj, id: 'auth.E005' }));
      } else if (codenames.has(codename)) {
        out.push(Error(`The permission codenamed '${codename}' is duplicated for model '${meta.label}'.`, { obj, id: 'auth.E006' }));
      }
      codenames.add(codename);
    }
  }
  return out;
}

/** auth.checks.check_middleware. */
function checkAuthMiddleware(a: CheckArgs): CheckMessage[] {
  const middleware = settingList(a.project, 'MIDDLEWARE', []);
  const login = middleware.indexOf('django.contrib.auth.middleware.LoginRequiredMiddleware');
  if (login === -1) return [];
  const auth = middleware.indexOf('django.contrib.auth.middleware.AuthenticationMiddleware');
  if (auth === -1 || auth > login) {
    return [
      Error(
        'In order to use django.contrib.auth.middleware.LoginRequiredMiddleware, django.contrib.auth.middleware.AuthenticationMiddleware must be defined before it in MIDDLEWARE.',
        { id: 'auth.E013' },
      ),
    ];
  }
  return [];
}

/** contenttypes.checks.check_model_name_lengths. */
function checkModelNameLengths(a: CheckArgs): CheckMessage[] {
  const out: CheckMessage[] = [];
  for (const meta of checkedModels(a)) {
    const n = [...meta.modelName].length;
    if (n > 100) out.push(Error(`Model names must be at most 100 characters (got ${n}).`, { obj: meta.label, id: 'contenttypes.E005' }));
  }
  return out;
}

/** The instances of a contrib Python class (by name) in a model class's attributes, with their names. */
function privateFields(meta: ModelMeta, className: string): [string, PyInstance][] {
  const cls = meta.pyModel;
  if (!cls) return [];
  const out: [string, PyInstance][] = [];
  const seen = new Set<string>();
  for (const klass of cls.mro) {
    // Private fields of multi-table parents belong to those parents.
    if (klass !== cls && klass.native['modelMeta']) continue;
    for (const [name, value] of klass.dict) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (value instanceof PyInstance && value.cls.mro.some((c) => c.name === className && c.module === 'django.contrib.contenttypes.fields')) {
        out.push([name, value]);
      }
    }
  }
  return out;
}

/** contenttypes.checks.check_generic_foreign_keys (GenericForeignKey.check) and GenericRelation's contenttypes.E004. */
function checkGenericForeignKeys(a: CheckArgs): CheckMessage[] {
  const out: CheckMessage[] = [];
  const hint = "GenericForeignKeys must use a ForeignKey to 'contenttypes.ContentType' as the 'content_type' field.";
  for (const meta of checkedModels(a)) {
    for (const [name, gfk] of privateFields(meta, 'GenericForeignKey')) {
      const obj = `${meta.label}.${name}`;
      if (name.endsWith('_')) out.push(Error('Field names must not end with an underscore.', { obj, id: 'fields.E001' }));
      const fkField = str(gfk.dict.get('fk_field') ?? 'object_id');
      if (!meta.findField(fkField)) {
        out.push(Error(`The GenericForeignKey object ID references the nonexistent field '${fkField}'.`, { obj, id: 'contenttypes.E001' }));
      }
      const ctField = str(gfk.dict.get('ct_field') ?? 'content_type');
      const ct = meta.findField(ctField);
      if (!ct) {
        out.push(Error(`The GenericForeignKey content type references the nonexistent field '${meta.objectName}.${ctField}'.`, { obj, id: 'contenttypes.E002' }));
      } else if (!(ct instanceof ForeignKey)) {
        out.push(Error(`'${meta.objectName}.${ctField}' is not a ForeignKey.`, { obj, id: 'contenttypes.E003', hint }));
      } else if (ct.remoteField.remoteModel?.labelLower !== 'contenttypes.contenttype') {
        out.push(Error(`'${meta.objectName}.${ctField}' is not a ForeignKey to 'contenttypes.ContentType'.`, { obj, id: 'contenttypes.E004', hint }));
      }
    }
  }
  for (const meta of checkedModels(a)) {
    for (const [name, rel] of privateFields(meta, 'GenericRelation')) {
      const target = a.project.apps.findModel(a.project.apps.targetLabel(rel.dict.get('to') ?? None, meta) ?? '');
      if (!target) continue;
      const ctName = str(rel.dict.get('content_type_field_name') ?? 'content_type');
      const fkName = str(rel.dict.get('object_id_field_name') ?? 'object_id');
      const matches = privateFields(target, 'GenericForeignKey').some(
        ([, gfk]) => str(gfk.dict.get('ct_field') ?? '') === ctName && str(gfk.dict.get('fk_field') ?? '') === fkName,
      );
      if (!matches) {
        out.push(
          Error(`The GenericRelation defines a relation with the model '${target.label}', but that model does not have a GenericForeignKey.`, {
            obj: `${meta.label}.${name}`,
            id: 'contenttypes.E004',
          }),
        );
      }
    }
  }
  return out;
}

/** staticfiles.checks.check_finders: the FileSystemFinder's STATICFILES_DIRS checks. */
function checkStaticfilesDirs(a: CheckArgs): CheckMessage[] {
  const project = a.project;
  const dirs = project.settings.get('STATICFILES_DIRS');
  if (dirs === undefined) return [];
  if (!(dirs instanceof PyList || dirs instanceof PyTuple)) {
    return [Error('The STATICFILES_DIRS setting is not a tuple or list.', { id: 'staticfiles.E001', hint: 'Perhaps you forgot a trailing comma?' })];
  }
  const out: CheckMessage[] = [];
  const staticRoot = project.settings.get('STATIC_ROOT');
  const root = staticRoot === undefined || staticRoot === None ? null : str(staticRoot);
  const projectRoot = project.fs.displayRoot;
  for (const entry of dirs.items) {
    let prefix: string | null = null;
    let path: PyValue = entry;
    if (entry instanceof PyList || entry instanceof PyTuple) {
      [prefix, path] = [str(entry.items[0]!), entry.items[1] ?? None];
      if (prefix.endsWith('/')) {
        out.push(Error(`The prefix ${reprStr(prefix)} in the STATICFILES_DIRS setting must not end with a slash.`, { id: 'staticfiles.E003' }));
      }
    }
    let p = str(path);
    // A display root that is not an absolute path (`$PROJECT` in scenarios) comes back from
    // Path(__file__).resolve() with a leading slash.
    if (!projectRoot.startsWith('/') && p.startsWith(`/${projectRoot}`)) p = p.slice(1);
    if (root !== null && p === root) {
      out.push(Error("The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting.", { id: 'staticfiles.E002' }));
    }
    const relative = p.startsWith(`${projectRoot}/`) ? p.slice(projectRoot.length + 1) : p === projectRoot ? '' : null;
    if (relative !== null && !project.fs.isDir(relative)) {
      out.push(Warning(`The directory '${p}' in the STATICFILES_DIRS setting does not exist.`, { id: 'staticfiles.W004' }));
    }
  }
  return out;
}

function reprStr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const none = (): CheckMessage[] => [];

/** Checks registered by each contrib app's ready(), by app name. */
export const CONTRIB_CHECKS = new Map<string, RegisteredCheck[]>([
  [
    'django.contrib.admin',
    [
      { name: 'check_dependencies', tags: ['admin'], run: checkAdminDependencies },
      { name: 'check_admin_app', tags: ['admin'], run: none },
    ],
  ],
  [
    'django.contrib.auth',
    [
      { name: 'check_user_model', tags: ['models'], run: checkUserModel },
      { name: 'check_models_permissions', tags: ['models'], run: checkModelsPermissions },
      { name: 'check_middleware', tags: [], run: checkAuthMiddleware },
    ],
  ],
  [
    'django.contrib.contenttypes',
    [
      { name: 'check_generic_foreign_keys', tags: ['models'], run: checkGenericForeignKeys },
      { name: 'check_model_name_lengths', tags: ['models'], run: checkModelNameLengths },
    ],
  ],
  [
    'django.contrib.staticfiles',
    [
      { name: 'check_finders', tags: ['staticfiles'], run: checkStaticfilesDirs },
      { name: 'check_storages', tags: ['staticfiles'], run: none },
    ],
  ],
]);
