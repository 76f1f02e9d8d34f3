/**
 * Django's own applications (django.contrib.*) as INSTALLED_APPS entries.
 */
import { NotImplementedError, pyError } from '../python/objects.ts';
import { contribAppConfig } from '../contrib/apps.ts';
import { type AppConfigInfo, makeAppConfig } from './app-config.ts';

/** Contrib apps without models that the sandbox does not ship: installing them changes nothing for migrations. */
const MODELLESS = new Set(['django.contrib.humanize', 'django.contrib.postgres']);

/** Contrib apps with models and migrations that the sandbox does not ship. */
const UNSUPPORTED = new Set(['django.contrib.sites', 'django.contrib.flatpages', 'django.contrib.redirects', 'django.contrib.gis']);

/** The AppConfig of a built-in application entry, or undefined for the learner's own apps. */
export function builtinApp(entry: string): AppConfigInfo | undefined {
  const contrib = contribAppConfig(entry);
  if (contrib) return contrib;
  if (!entry.startsWith('django.')) return undefined;
  if (MODELLESS.has(entry)) return makeAppConfig(entry, null, null);
  const name = [...UNSUPPORTED].find((n) => entry === n || entry.startsWith(`${n}.apps.`));
  if (name) {
    throw pyError(NotImplementedError, `${name} is not supported yet by Django Migrations Lab: remove it from INSTALLED_APPS to continue.`);
  }
  return undefined;
}
