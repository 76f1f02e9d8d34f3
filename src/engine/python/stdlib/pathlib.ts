/**
 * The `pathlib` module (pure path manipulation; the sandbox has no file access): PurePath,
 * PurePosixPath, Path, PosixPath.
 */
import {
  None,
  NotImplemented,
  PermissionError,
  PyClass,
  PyException,
  PyIterator,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  ValueError,
  bindAttribute,
  call,
  newException,
  pyError,
  str,
  strRepr,
  typeName,
  typeOf,
} from '../objects.ts';
import { getter, method, classMethod, unbox } from '../types/core.ts';
import { normPath } from './basic.ts';

export const purePathClass = new PyClass('PurePath', { module: 'pathlib' });
export const purePosixPathClass = new PyClass('PurePosixPath', { module: 'pathlib', bases: [purePathClass] });
export const pathClass = new PyClass('Path', { module: 'pathlib', bases: [purePathClass] });
export const posixPathClass = new PyClass('PosixPath', { module: 'pathlib', bases: [pathClass, purePosixPathClass] });

/** A path: `root` is '/' or '', `parts` the components after it. */
export class PyPath extends PyObject {
  constructor(
    readonly cls: PyClass,
    readonly root: string,
    readonly parts: readonly string[],
  ) {
    super();
  }
  get pyClass(): PyClass {
    return this.cls;
  }
  override toString(): string {
    const body = this.parts.join('/');
    if (this.root) return this.root + body;
    return body || '.';
  }
  get name(): string {
    return this.parts.length ? this.parts[this.parts.length - 1]! : '';
  }
  with(parts: readonly string[], root = this.root): PyPath {
    return new PyPath(this.cls, root, parts);
  }
  override nativeRepr(): string {
    return `${this.cls.name}(${strRepr(this.toString())})`;
  }
  override nativeStr(): string {
    return this.toString();
  }
  override nativeEq(other: PyValue): boolean | undefined {
    if (!(other instanceof PyPath)) return undefined;
    return this.toString() === other.toString();
  }
  override nativeHashKey(): string {
    return 'path:' + this.toString();
  }
}

/** Parses path segments like pathlib: collapses '//' and '.', keeps '..'. */
function parse(segments: string[]): { root: string; parts: string[] } {
  let root = '';
  let parts: string[] = [];
  for (const seg of segments) {
    if (seg.startsWith('/')) {
      root = seg.startsWith('//') && !seg.startsWith('///') ? '//' : '/';
      parts = [];
    }
    for (const p of seg.split('/')) if (p !== '' && p !== '.') parts.push(p);
  }
  return { root, parts };
}

function segmentOf(v: PyValue): string {
  if (v instanceof PyPath) return v.toString();
  const u = unbox(v);
  if (typeof u === 'string') return u;
  if (v instanceof PyObject) {
    const fs = typeOf(v).lookup('__fspath__');
    if (fs !== undefined) return str(call(bindAttribute(fs, v, typeOf(v)), []));
  }
  throw pyError(TypeError, `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
}

export function makePath(s: string, cls: PyClass = posixPathClass): PyPath {
  const { root, parts } = parse([s]);
  return new PyPath(cls, root, parts);
}

function self(a: PyValue[]): PyPath {
  const p = a[0];
  if (!(p instanceof PyPath)) throw pyError(TypeError, `descriptor requires a 'pathlib.PurePath' object but received '${typeName(p ?? None)}'`);
  return p;
}

function noFiles(p: PyPath): never {
  throw new PyException(newException(PermissionError, 13n, 'Permission denied (files are not available in the sandbox)', p.toString()));
}

function installPaths(): void {
  const concrete = (cls: PyClass) => (cls === pathClass ? posixPathClass : cls === purePathClass ? purePosixPathClass : cls);
  for (const cls of [purePathClass, pathClass]) {
    cls.nativeNew = (c, args, kwargs) => {
      if (kwargs.size) throw pyError(TypeError, `${c.name}() takes no keyword arguments`);
      const { root, parts } = parse(args.map(segmentOf));
      return new PyPath(concrete(c), root, parts);
    };
  }
  const c = purePathClass;
  getter(c, 'name', (p) => (p as PyPath).name);
  getter(c, 'suffix', (p) => {
    const n = (p as PyPath).name;
    const i = n.lastIndexOf('.');
    return i > 0 && i < n.length - 1 ? n.slice(i) : '';
  });
  getter(c, 'suffixes', (p) => {
    const n = (p as PyPath).name;
    if (n.endsWith('.')) return new PyListCtor([]);
    const bits = n.replace(/^\.+/, '').split('.').slice(1);
    return new PyListCtor(bits.map((b) => '.' + b));
  });
  getter(c, 'stem', (p) => {
    const n = (p as PyPath).name;
    const i = n.lastIndexOf('.');
    return i > 0 && i < n.length - 1 ? n.slice(0, i) : n;
  });
  getter(c, 'parent', (p) => {
    const x = p as PyPath;
    if (!x.parts.length) return x;
    return x.with(x.parts.slice(0, -1));
  });
  getter(c, 'parents', (p) => {
    const x = p as PyPath;
    const out: PyPath[] = [];
    for (let i = x.parts.length - 1; i >= 0; i--) out.push(x.with(x.parts.slice(0, i)));
    return new PyTuple(out);
  });
  getter(c, 'parts', (p) => {
    const x = p as PyPath;
    return new PyTuple(x.root ? [x.root, ...x.parts] : [...x.parts]);
  });
  getter(c, 'root', (p) => (p as PyPath).root);
  getter(c, 'anchor', (p) => (p as PyPath).root);
  getter(c, 'drive', () => '');
  method(c, '__truediv__', (a) => {
    const x = self(a);
    let seg: string;
    try {
      seg = segmentOf(a[1]!);
    } catch {
      return NotImplemented;
    }
    const { root, parts } = parse([x.toString() === '.' && !x.root ? '' : x.toString(), seg]);
    return new PyPath(x.cls, root, parts);
  });
  method(c, '__rtruediv__', (a) => {
    const x = self(a);
    let seg: string;
    try {
      seg = segmentOf(a[1]!);
    } catch {
      return NotImplemented;
    }
    const { root, parts } = parse([seg, x.toString()]);
    return new PyPath(x.cls, root, parts);
  });
  method(c, 'joinpath', (a) => {
    const x = self(a);
    const { root, parts } = parse([x.toString(), ...a.slice(1).map(segmentOf)]);
    return new PyPath(x.cls, root, parts);
  });
  method(c, '__fspath__', (a) => self(a).toString());
  method(c, '__str__', (a) => self(a).toString());
  method(c, '__repr__', (a) => self(a).nativeRepr());
  method(c, 'as_posix', (a) => self(a).toString());
  method(c, 'as_uri', (a) => {
    const x = self(a);
    if (!x.root) throw pyError(ValueError, "relative path can't be expressed as a file URI");
    return 'file://' + encodeURI(x.toString());
  });
  method(c, 'is_absolute', (a) => self(a).root !== '');
  method(c, 'is_relative_to', (a) => {
    const x = self(a);
    const o = makePath(segmentOf(a[1]!));
    return x.root === o.root && o.parts.every((p, i) => x.parts[i] === p);
  });
  method(c, 'relative_to', (a) => {
    const x = self(a);
    const o = makePath(segmentOf(a[1]!));
    if (x.root !== o.root || !o.parts.every((p, i) => x.parts[i] === p)) {
      throw pyError(ValueError, `${strRepr(x.toString())} is not in the subpath of ${strRepr(o.toString())} OR one path is relative and the other is absolute.`);
    }
    return new PyPath(x.cls, '', x.parts.slice(o.parts.length));
  });
  method(c, 'with_name', (a) => {
    const x = self(a);
    if (!x.name) throw pyError(ValueError, `${x.nativeRepr()} has an empty name`);
    return x.with([...x.parts.slice(0, -1), str(a[1]!)]);
  });
  method(c, 'with_stem', (a) => {
    const x = self(a);
    const n = x.name;
    const i = n.lastIndexOf('.');
    const suffix = i > 0 && i < n.length - 1 ? n.slice(i) : '';
    return x.with([...x.parts.slice(0, -1), str(a[1]!) + suffix]);
  });
  method(c, 'with_suffix', (a) => {
    const x = self(a);
    const suffix = str(a[1]!);
    if (suffix && (!suffix.startsWith('.') || suffix === '.')) throw pyError(ValueError, `Invalid suffix ${strRepr(suffix)}`);
    const n = x.name;
    if (!n) throw pyError(ValueError, `${x.nativeRepr()} has an empty name`);
    const i = n.lastIndexOf('.');
    const stem = i > 0 && i < n.length - 1 ? n.slice(0, i) : n;
    return x.with([...x.parts.slice(0, -1), stem + suffix]);
  });
  method(c, 'match', (a) => {
    const x = self(a);
    const pattern = str(a[1]!);
    const pp = pattern.split('/').filter(Boolean);
    const tail = x.parts.slice(-pp.length);
    if (tail.length < pp.length) return false;
    return pp.every((p, i) => new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$').test(tail[i]!));
  });
  const cmp = (name: string, f: (x: string, y: string) => boolean) =>
    method(c, name, (a) => {
      const o = a[1];
      if (!(o instanceof PyPath)) return NotImplemented;
      return f(self(a).toString(), o.toString());
    });
  cmp('__lt__', (x, y) => x < y);
  cmp('__le__', (x, y) => x <= y);
  cmp('__gt__', (x, y) => x > y);
  cmp('__ge__', (x, y) => x >= y);
  method(c, '__hash__', (a) => BigInt(self(a).toString().length));
  // concrete paths: normalisation only
  const p = pathClass;
  method(p, 'resolve', (a) => {
    const x = self(a);
    return makePath(normPath(x.root ? x.toString() : '/' + x.parts.join('/')), x.cls);
  });
  method(p, 'absolute', (a) => {
    const x = self(a);
    return x.root ? x : new PyPath(x.cls, '/', [...x.parts]);
  });
  method(p, 'expanduser', (a) => {
    const x = self(a);
    return x.parts[0] === '~' && !x.root ? new PyPath(x.cls, '/', ['root', ...x.parts.slice(1)]) : x;
  });
  classMethod(p, 'cwd', (a) => new PyPath(a[0] === pathClass ? posixPathClass : (a[0] as PyClass), '/', []));
  classMethod(p, 'home', (a) => new PyPath(a[0] === pathClass ? posixPathClass : (a[0] as PyClass), '/', ['root']));
  for (const name of ['exists', 'is_file', 'is_dir', 'is_symlink', 'is_mount']) method(p, name, () => false);
  method(p, 'iterdir', () => new PyIterator([][Symbol.iterator](), 'generator'));
  method(p, 'glob', () => new PyIterator([][Symbol.iterator](), 'generator'));
  method(p, 'rglob', () => new PyIterator([][Symbol.iterator](), 'generator'));
  for (const name of ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'mkdir', 'touch', 'unlink', 'rmdir', 'stat', 'rename']) {
    method(p, name, (a) => noFiles(self(a)));
  }
}

import { PyList as PyListCtor } from '../objects.ts';

let installed = false;
export function makePathlibModule(): PyModule {
  if (!installed) {
    installed = true;
    installPaths();
  }
  const m = new PyModule('pathlib');
  for (const cls of [purePathClass, purePosixPathClass, pathClass, posixPathClass]) m.dict.set(cls.name, cls);
  m.dict.set('PureWindowsPath', purePathClass);
  m.dict.set('WindowsPath', pathClass);
  return m;
}
