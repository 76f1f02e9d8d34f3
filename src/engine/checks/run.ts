/**
 * Running the system checks (django.core.checks.run_checks).
 */
import type { Project } from '../project/project.ts';
import type { CheckMessage } from './messages.ts';
import { modelChecks } from './model-checks.ts';

export function runChecks(project: Project): CheckMessage[] {
  return [...modelChecks(project)];
}
