/**
 * How an uncaught exception ends a `manage.py` run: a Python traceback on stderr.
 */
import { KeyboardInterruptClass, PyException, RuntimeError, newException, type TracebackFrame } from '../python/objects.ts';
import { formatException } from '../python/index.ts';
import { DatabaseError } from '../db/types.ts';
import { clientErrorToDjango, toDjangoDbError } from '../db/python-errors.ts';
import { ClientProgrammingError } from '../db/adapt.ts';
import type { Project } from '../project/project.ts';

/** Any thrown value as a Python exception (database errors the way Django wraps them). */
export function toPythonException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  if (e instanceof DatabaseError) return toDjangoDbError(e);
  if (e instanceof ClientProgrammingError) return clientErrorToDjango(e.message);
  const message = e instanceof Error ? e.message : String(e);
  const exc = new PyException(newException(RuntimeError, `internal error in Django Migrations Lab: ${message}`));
  (exc as PyException & { internal?: unknown }).internal = e;
  if (typeof process !== 'undefined' && process.env?.['DML_DEBUG'] && e instanceof Error) {
    // Developers: show where it happened.
    console.error(e.stack);
  }
  return exc;
}

/** The traceback Python prints for an exception escaping manage.py. */
export function formatTraceback(e: PyException, project: Project): string {
  const root = project.fs.displayRoot;
  const manageFrames: TracebackFrame[] = [
    { file: `${root}/manage.py`, line: 22, name: '<module>', source: 'main()' },
    { file: `${root}/manage.py`, line: 18, name: 'main', source: 'execute_from_command_line(sys.argv)' },
  ];
  const saved = e.traceback;
  e.traceback = [...manageFrames, ...saved];
  try {
    return formatException(e);
  } finally {
    e.traceback = saved;
  }
}

/**
 * The exit status of a run ended by an uncaught exception: 1, except for KeyboardInterrupt, after
 * which CPython kills itself with SIGINT (a parent process sees -2, a shell 130).
 */
export function uncaughtExitStatus(e: PyException): number {
  return e.matches(KeyboardInterruptClass) ? -2 : 1;
}
