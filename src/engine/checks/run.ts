/**
 * Running the system checks (django.core.checks.run_checks).
 */
export { runChecks, tagsAvailable, type RunChecksOptions } from './registry.ts';
