/**
 * The contrib apps as a project loads them: the embedded package next to the project's files,
 * their models in the registry, their migrations in the graph, and no pending changes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runManage, type CommandIO } from '../../../src/engine/api.ts';
import type { PGliteConnection } from '../../../src/engine/db/connection.ts';
import { frozenEnv } from '../../../src/engine/env.ts';
import { ContribFS } from '../../../src/engine/contrib/fs.ts';
import { MemoryFS } from '../../../src/engine/project/fs.ts';
import { Project } from '../../../src/engine/project/project.ts';
import { freshPGlite } from '../../../src/parity/fresh-db.ts';

const CONTRIB = [
  'django.contrib.admin',
  'django.contrib.auth',
  'django.contrib.contenttypes',
  'django.contrib.sessions',
  'django.contrib.messages',
  'django.contrib.staticfiles',
];

const settings = (apps: string[], extra = '') => `
INSTALLED_APPS = ${JSON.stringify(apps)}
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]}}]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
${extra}
`;

function memoryProject(files: Record<string, string>): MemoryFS {
  return new MemoryFS(files, '$PROJECT');
}

describe('ContribFS', () => {
  const fs = new ContribFS(memoryProject({ 'settings.py': '', 'shop/models.py': 'x' }));

  test('the embedded package reads like project files, without showing up in the project root', () => {
    expect(fs.read('django/contrib/auth/models.py')).toContain('class AbstractUser(AbstractBaseUser, PermissionsMixin):');
    expect(fs.isDir('django/contrib/auth/migrations')).toBe(true);
    expect(fs.list('django/contrib/contenttypes/migrations')).toEqual(['0001_initial.py', '0002_remove_content_type_name.py', '__init__.py']);
    expect(fs.list('')).toEqual(['settings.py', 'shop']);
  });

  test('writes go to the project', () => {
    fs.write('django/contrib/auth/migrations/0013_x.py', '# new');
    expect((fs.project as MemoryFS).files.get('django/contrib/auth/migrations/0013_x.py')).toBe('# new');
    expect(fs.list('django/contrib/auth/migrations')).toContain('0013_x.py');
  });
});

describe('loading the contrib apps', () => {
  test('models, labels and verbose names like Django', () => {
    const project = new Project(memoryProject({ 'settings.py': settings(CONTRIB) }), frozenEnv());
    project.setup();
    expect(project.appConfigs.map((a) => [a.label, a.verboseName])).toEqual([
      ['admin', 'Administration'],
      ['auth', 'Authentication and Authorization'],
      ['contenttypes', 'Content Types'],
      ['sessions', 'Sessions'],
      ['messages', 'Messages'],
      ['staticfiles', 'Static Files'],
    ]);
    expect(project.apps.getModels().map((m) => m.label)).toEqual([
      'contenttypes.ContentType',
      'admin.LogEntry',
      'auth.Permission',
      'auth.Group',
      'auth.User',
      'sessions.Session',
    ]);
    const user = project.apps.getModel('auth', 'User');
    expect(user.dbTable).toBe('auth_user');
    expect(user.pk!.className).toBe('AutoField');
    expect(user.localFields.map((f) => f.name)).toEqual([
      'id',
      'password',
      'last_login',
      'is_superuser',
      'username',
      'first_name',
      'last_name',
      'email',
      'is_staff',
      'is_active',
      'date_joined',
    ]);
    expect(project.apps.getModel('sessions', 'Session').pk!.name).toBe('session_key');
  });

  test('an app of AUTH_USER_MODEL that is not installed stops the setup like Django', () => {
    const project = new Project(memoryProject({ 'settings.py': settings(CONTRIB, 'AUTH_USER_MODEL = "accounts.User"') }), frozenEnv());
    expect(() => project.setup()).toThrow("AUTH_USER_MODEL refers to model 'accounts.User' that has not been installed");
  });

  test('auth without contenttypes: the ContentType model is not in an installed app', () => {
    const project = new Project(memoryProject({ 'settings.py': settings(['django.contrib.auth']) }), frozenEnv());
    expect(() => project.setup()).toThrow(
      "Model class django.contrib.contenttypes.models.ContentType doesn't declare an explicit app_label and isn't in an application in INSTALLED_APPS.",
    );
  });
});

describe('commands with the contrib apps', () => {
  let conn: PGliteConnection;
  beforeAll(async () => {
    conn = await freshPGlite();
  });
  afterAll(async () => {
    await conn.close();
  });

  async function manage(fs: MemoryFS, argv: string[]): Promise<{ status: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CommandIO = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      readLine: async () => null,
      readAll: async () => '',
      isatty: false,
    };
    const status = await runManage(argv, { fs, db: conn, env: frozenEnv(), io });
    return { status, out, err };
  }

  test('their models match their migrations: no changes detected', async () => {
    const fs = memoryProject({ 'settings.py': settings(CONTRIB) });
    const r = await manage(fs, ['makemigrations', '--check', '--dry-run']);
    expect(r).toEqual({ status: 0, out: 'No changes detected\n', err: '' });
  });

  test('check: no issues for a startproject configuration', async () => {
    const fs = memoryProject({ 'settings.py': settings(CONTRIB) });
    expect(await manage(fs, ['check'])).toEqual({ status: 0, out: 'System check identified no issues (0 silenced).\n', err: '' });
  });

  test('migrate creates the content types and permissions', async () => {
    conn.newSession();
    const fs = memoryProject({ 'settings.py': settings(CONTRIB) });
    const r = await manage(fs, ['migrate', '-v', '0']);
    expect(r).toEqual({ status: 0, out: '', err: '' });
    conn.newSession();
    expect(conn.execute('SELECT app_label, model FROM django_content_type ORDER BY id').rows).toEqual([
      ['admin', 'logentry'],
      ['auth', 'permission'],
      ['auth', 'group'],
      ['auth', 'user'],
      ['contenttypes', 'contenttype'],
      ['sessions', 'session'],
    ]);
    expect(conn.execute("SELECT codename, name FROM auth_permission WHERE codename LIKE '%logentry' ORDER BY id").rows).toEqual([
      ['add_logentry', 'Can add log entry'],
      ['change_logentry', 'Can change log entry'],
      ['delete_logentry', 'Can delete log entry'],
      ['view_logentry', 'Can view log entry'],
    ]);
  });
});
