/**
 * The embedded `django/contrib/...` package tree: Python sources of the contrib apps (and of
 * django.dispatch), served to the interpreter and the migration loader next to the learner's
 * project files.
 */
import { ADMIN_FILES, MODELLESS_FILES, SESSIONS_FILES } from './admin.ts';
import { AUTH_FILES } from './auth.ts';
import { CONTENTTYPES_FILES } from './contenttypes.ts';
import { DISPATCH_FILES } from './dispatch.ts';

export const CONTRIB_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries({ ...MODELLESS_FILES, ...CONTENTTYPES_FILES, ...AUTH_FILES, ...ADMIN_FILES, ...SESSIONS_FILES, ...DISPATCH_FILES }),
);
