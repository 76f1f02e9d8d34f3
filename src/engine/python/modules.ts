/**
 * The import system: sys.modules, native modules created lazily from registered factories,
 * project modules found through `findModule`, packages, relative imports, and CPython's
 * ImportError/ModuleNotFoundError messages.
 */
import {
  ImportError,
  ModuleNotFoundError,
  None,
  PyException,
  PyList,
  PyModule,
  type PyValue,
  getattrOpt,
  pyError,
} from './objects.ts';
import { parseModule } from './parser.ts';
import type { ModuleContext } from './functions.ts';
import type { Interpreter } from './interpreter.ts';

export interface ModuleSource {
  source: string;
  file: string;
  isPackage: boolean;
}

export class ImportSystem {
  private readonly natives = new Map<string, (interp: Interpreter) => PyModule>();
  /** Modules whose code is running (for the circular-import error message). */
  private readonly initializing = new Set<string>();

  constructor(
    private readonly interp: Interpreter,
    private readonly find?: (name: string) => ModuleSource | undefined,
  ) {}

  registerNative(name: string, factory: (interp: Interpreter) => PyModule): void {
    this.natives.set(name, factory);
  }

  hasNative(name: string): boolean {
    return this.natives.has(name);
  }

  importModule(name: string): PyModule {
    const modules = this.interp.modules;
    const cached = modules.get(name);
    if (cached) return cached;
    const dot = name.lastIndexOf('.');
    let parent: PyModule | null = null;
    if (dot > 0) {
      parent = this.importModule(name.slice(0, dot));
      const again = modules.get(name);
      if (again) return again;
    }
    const mod = this.load(name, parent);
    if (parent) parent.dict.set(name.slice(dot + 1), mod);
    return mod;
  }

  private load(name: string, parent: PyModule | null): PyModule {
    const modules = this.interp.modules;
    const factory = this.natives.get(name);
    if (factory) {
      const m = factory(this.interp);
      if (!m.dict.has('__name__')) m.dict.set('__name__', name);
      if (!m.dict.has('__package__')) m.dict.set('__package__', m.dict.has('__path__') ? name : name.slice(0, Math.max(0, name.lastIndexOf('.'))));
      if (!m.dict.has('__doc__')) m.dict.set('__doc__', None);
      if (!m.dict.has('__spec__')) m.dict.set('__spec__', None);
      modules.set(name, m);
      return m;
    }
    if (parent && !parent.dict.has('__path__')) {
      throw notFound(`No module named '${name}'; '${parent.name}' is not a package`, name);
    }
    const src = this.find?.(name);
    if (src) return this.execSource(name, src.source, src.file, src.isPackage, true);
    // implicit package for the prefix of registered native modules (e.g. 'django.db')
    const prefix = name + '.';
    for (const k of this.natives.keys()) {
      if (k.startsWith(prefix)) {
        const m = new PyModule(name);
        m.dict.set('__path__', new PyList([]));
        m.dict.set('__package__', name);
        m.dict.set('__doc__', None);
        m.dict.set('__spec__', None);
        modules.set(name, m);
        return m;
      }
    }
    throw notFound(`No module named '${name}'`, name);
  }

  /** Runs source as module `name`; with `cache`, registers it in sys.modules first. */
  execSource(name: string, source: string, file: string, isPackage: boolean, cache: boolean): PyModule {
    const ast = parseModule(source, file);
    this.interp.compiled(ast);
    const mod = new PyModule(name, file);
    const pkg = isPackage ? name : name.slice(0, Math.max(0, name.lastIndexOf('.')));
    const d = mod.dict;
    d.set('__doc__', None);
    const first = ast.body[0];
    if (first && first.type === 'Expr' && first.value.type === 'Constant' && first.value.value.kind === 'str') d.set('__doc__', first.value.value.value);
    d.set('__package__', pkg);
    d.set('__loader__', None);
    d.set('__spec__', None);
    if (isPackage) d.set('__path__', new PyList([file.slice(0, Math.max(0, file.lastIndexOf('/')))]));
    d.set('__file__', file);
    d.set('__cached__', None);
    d.set('__builtins__', this.interp.builtinsModule);
    const ctx: ModuleContext = { name, filename: file, source, futureAnnotations: false, package: pkg };
    if (cache) this.interp.modules.set(name, mod);
    this.initializing.add(name);
    try {
      this.interp.runModule(ast, ctx, d);
    } catch (e) {
      if (cache) this.interp.modules.delete(name);
      throw e;
    } finally {
      this.initializing.delete(name);
    }
    return mod;
  }

  /** The absolute module name of a (possibly relative) import. */
  resolveName(name: string, level: number, pkg: string, _modName: string): string {
    if (level === 0) return name;
    if (!pkg) throw pyError(ImportError, 'attempted relative import with no known parent package');
    const bits = pkg.split('.');
    if (bits.length < level) throw pyError(ImportError, 'attempted relative import beyond top-level package');
    const base = bits.slice(0, bits.length - (level - 1)).join('.');
    return name ? `${base}.${name}` : base;
  }

  /** `from mod import name` */
  importFrom(mod: PyModule, name: string): PyValue {
    let v = getattrOpt(mod, name);
    if (v !== undefined) return v;
    const sub = `${mod.name}.${name}`;
    // a package's submodule (native modules count as packages when a submodule is registered)
    if (mod.dict.has('__path__') || this.natives.has(sub)) {
      try {
        v = this.importModule(sub);
        return v;
      } catch (e) {
        if (!(e instanceof PyException && e.matches(ModuleNotFoundError) && e.value.dict.get('name') === sub)) throw e;
      }
      v = getattrOpt(mod, name);
      if (v !== undefined) return v;
    }
    const file = mod.dict.get('__file__');
    const where = typeof file === 'string' ? file : 'unknown location';
    const msg = this.initializing.has(mod.name)
      ? `cannot import name '${name}' from partially initialized module '${mod.name}' (most likely due to a circular import) (${where})`
      : `cannot import name '${name}' from '${mod.name}' (${where})`;
    const e = pyError(ImportError, msg);
    e.value.dict.set('name', mod.name);
    e.value.dict.set('path', typeof file === 'string' ? file : None);
    throw e;
  }
}

function notFound(msg: string, name: string): PyException {
  const e = pyError(ModuleNotFoundError, msg);
  e.value.dict.set('name', name);
  e.value.dict.set('path', None);
  return e;
}
