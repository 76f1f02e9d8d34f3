/**
 * Django's own applications (django.contrib.*) as INSTALLED_APPS entries.
 */
import { NotImplementedError, pyError } from '../python/objects.ts';
import { type AppConfigInfo, makeAppConfig } from './app-config.ts';

/** Contrib apps without models: installing them changes nothing for migrations. */
const MODELLESS = new Set(['django.contrib.messages', 'django.contrib.staticfiles', 'django.contrib.humanize', 'django.contrib.postgres']);

/** Contrib apps with models and migrations of their own. */
const WITH_MODELS = new Set([
  'django.contrib.admin',
  'django.contrib.auth',
  'django.contrib.contenttypes',
  'django.contrib.sessions',
  'django.contrib.sites',
  'django.contrib.flatpages',
  'django.contrib.redirects',
]);

const CONFIG_CLASSES: Record<string, string> = {
  'django.contrib.admin.apps.AdminConfig': 'django.contrib.admin',
  'django.contrib.admin.apps.SimpleAdminConfig': 'django.contrib.admin',
  'django.contrib.auth.apps.AuthConfig': 'django.contrib.auth',
  'django.contrib.contenttypes.apps.ContentTypesConfig': 'django.contrib.contenttypes',
  'django.contrib.sessions.apps.SessionsConfig': 'django.contrib.sessions',
  'django.contrib.messages.apps.MessagesConfig': 'django.contrib.messages',
  'django.contrib.staticfiles.apps.StaticFilesConfig': 'django.contrib.staticfiles',
};

/** The AppConfig of a built-in application entry, or undefined for the learner's own apps. */
export function builtinApp(entry: string): AppConfigInfo | undefined {
  const name = CONFIG_CLASSES[entry] ?? entry;
  if (!name.startsWith('django.')) return undefined;
  if (MODELLESS.has(name)) return makeAppConfig(name, null, null);
  if (WITH_MODELS.has(name)) {
    throw pyError(
      NotImplementedError,
      `${name} is not supported yet by Django Migrations Lab: remove it from INSTALLED_APPS to continue.`,
    );
  }
  return undefined;
}
