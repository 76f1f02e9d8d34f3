/**
 * The check registry (django.core.checks.registry): the checks a project runs, with their tags,
 * and run_checks' selection by app configs, tags and deployment.
 */
import type { Project } from '../project/project.ts';
import type { CheckMessage } from './messages.ts';
import { CheckEnvironment, checkAllModels, checkLazyReferences } from './model-checks.ts';
import { cacheChecks, securityDeployChecks, translationChecks } from './settings-checks.ts';
import { CONTRIB_CHECKS } from '../contrib/checks.ts';

/** What one check function receives (run_checks' arguments). */
export interface CheckArgs {
  project: Project;
  /** Labels of the app configs to check (`check <app_label>...`), or null for every app. */
  appLabels: string[] | null;
  /** Whether database checks run (`databases` given: `migrate`, `check --database`). */
  databases: boolean;
  /** Shared view of the registry the model checks use. */
  env: CheckEnvironment;
}

export interface RegisteredCheck {
  name: string;
  tags: string[];
  deploy?: boolean;
  run(args: CheckArgs): CheckMessage[];
}

const none = (): CheckMessage[] => [];

/** Checks every project has (django.core.checks), in a stable order. */
const CORE_CHECKS: RegisteredCheck[] = [
  { name: 'check_all_models', tags: ['models'], run: (a) => checkAllModels(a.env, a.appLabels) },
  { name: 'check_lazy_references', tags: ['models'], run: (a) => checkLazyReferences(a.env) },
  { name: 'check_async_unsafe', tags: ['async_support'], deploy: true, run: none },
  { name: 'check_default_cache_is_configured', tags: ['caches'], run: (a) => cacheChecks(a.project) },
  { name: 'check_cache_location_not_exposed', tags: ['caches'], deploy: true, run: none },
  { name: 'check_file_based_cache_is_absolute', tags: ['caches'], run: none },
  { name: 'migrate_and_makemigrations_autodetector', tags: ['commands'], run: none },
  { name: 'check_csrf_trusted_origins', tags: ['compatibility'], run: none },
  { name: 'check_database_backends', tags: ['database'], run: none },
  { name: 'check_setting_file_upload_temp_dir', tags: ['files'], run: none },
  { name: 'check_csrf_failure_view', tags: ['security'], run: none },
  { name: 'check_templates', tags: ['templates'], run: none },
  { name: 'check_setting_language_code', tags: ['translation'], run: (a) => translationChecks(a.project) },
  { name: 'check_security_middleware', tags: ['security'], deploy: true, run: (a) => securityDeployChecks(a.project) },
  { name: 'check_url_config', tags: ['urls'], run: none },
];

/** Checks registered by installed applications' AppConfig.ready() (contrib apps). */
export const APP_CHECKS: ReadonlyMap<string, RegisteredCheck[]> = CONTRIB_CHECKS;

/** The registered checks of a project: core ones and those of its installed apps. */
export function registeredChecks(project: Project, includeDeployment: boolean): RegisteredCheck[] {
  const out = [...CORE_CHECKS];
  for (const app of project.appConfigs) out.push(...(APP_CHECKS.get(app.name) ?? []));
  return out.filter((c) => includeDeployment || !c.deploy);
}

export interface RunChecksOptions {
  appLabels?: string[] | null;
  tags?: string[] | null;
  includeDeploymentChecks?: boolean;
  databases?: boolean;
}

/** run_checks(): every selected check's messages. */
export function runChecks(project: Project, opts: RunChecksOptions = {}): CheckMessage[] {
  let checks = registeredChecks(project, opts.includeDeploymentChecks ?? false);
  const tags = opts.tags;
  if (tags) checks = checks.filter((c) => c.tags.some((t) => tags.includes(t)));
  const databases = opts.databases ?? false;
  const env = new CheckEnvironment(project, { databases });
  const args: CheckArgs = { project, appLabels: opts.appLabels ?? null, databases, env };
  const out: CheckMessage[] = [];
  for (const c of checks) out.push(...c.run(args));
  return out;
}

/** registry.tags_available(). */
export function tagsAvailable(project: Project, includeDeployment: boolean): string[] {
  return [...new Set(registeredChecks(project, includeDeployment).flatMap((c) => c.tags))].sort();
}
