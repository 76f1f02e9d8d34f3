/**
 * django.utils.module_loading.import_string: the module attribute a dotted path names, failing the
 * way Django does (an ImportError raised from the ValueError of a path without a dot, or from the
 * AttributeError of a missing attribute; the module's own ImportError as it is).
 */
import type { Interpreter } from '../python/interpreter.ts';
import { AttributeError, ImportError, PyException, type PyValue, type TracebackFrame, ValueError, pyError } from '../python/objects.ts';
import { djangoRoot } from '../orm/runtime.ts';

function frame(line: number, name: string, source: string): TracebackFrame {
  return { file: `${djangoRoot()}/utils/module_loading.py`, line, name, source };
}

/** `raise outer from inner`. */
function raisedFrom(outer: PyException, inner: PyException, frames: TracebackFrame[]): PyException {
  outer.traceback = frames;
  outer.cause = inner;
  outer.context = inner;
  outer.suppressContext = true;
  return outer;
}

export function importString(interp: Interpreter, dottedPath: string): PyValue {
  const dot = dottedPath.lastIndexOf('.');
  if (dot < 0) {
    const err = pyError(ValueError, 'not enough values to unpack (expected 2, got 1)');
    err.traceback = [frame(25, 'import_string', 'module_path, class_name = dotted_path.rsplit(".", 1)')];
    throw raisedFrom(pyError(ImportError, `${dottedPath} doesn't look like a module path`), err, [
      frame(27, 'import_string', `raise ImportError("%s doesn't look like a module path" % dotted_path) from err`),
    ]);
  }
  const modulePath = dottedPath.slice(0, dot);
  const className = dottedPath.slice(dot + 1);
  const module = interp.importModule(modulePath);
  try {
    return interp.getAttr(module, className);
  } catch (e) {
    if (!(e instanceof PyException && e.matches(AttributeError))) throw e;
    e.traceback = [frame(30, 'import_string', 'return cached_import(module_path, class_name)'), frame(16, 'cached_import', 'return getattr(module, class_name)')];
    throw raisedFrom(pyError(ImportError, `Module "${modulePath}" does not define a "${className}" attribute/class`), e, [
      frame(32, 'import_string', 'raise ImportError('),
    ]);
  }
}
