/**
 * Helpers for system-check tests: a project in memory, loaded like `manage.py` loads it.
 */
import { frozenEnv } from '../../../src/engine/env.ts';
import { MemoryFS } from '../../../src/engine/project/fs.ts';
import { Project } from '../../../src/engine/project/project.ts';
import { runChecks, type RunChecksOptions } from '../../../src/engine/checks/run.ts';

export const SETTINGS = (apps: string[], extra = '') => `
INSTALLED_APPS = ${JSON.stringify(apps)}
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
USE_TZ = True
${extra}
`;

/** A loaded project with `shop` (models.py given) and any extra files. */
export function loadProject(models: string, opts: { apps?: string[]; settings?: string; files?: Record<string, string> } = {}): Project {
  const apps = opts.apps ?? ['shop'];
  const fs = new MemoryFS({
    'settings.py': SETTINGS(apps, opts.settings ?? ''),
    'shop/__init__.py': '',
    'shop/migrations/__init__.py': '',
    'shop/models.py': models,
    ...(opts.files ?? {}),
  });
  const project = new Project(fs, frozenEnv());
  project.setup();
  return project;
}

/** The messages of run_checks() as Django prints them (`obj: (id) msg\n\tHINT: ...`), sorted. */
export function checkMessages(models: string, opts: Parameters<typeof loadProject>[1] & RunChecksOptions = {}): string[] {
  const project = loadProject(models, opts);
  return runChecks(project, opts)
    .map(String)
    .sort();
}
