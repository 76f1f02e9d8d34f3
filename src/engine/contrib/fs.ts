/**
 * The project's files with Django's contrib package next to them: reads of `django/contrib/...`
 * fall back to the embedded sources (python/), so the interpreter imports the contrib apps' models
 * and the migration loader finds their migrations like any app's. Writes go to the project.
 */
import { type ProjectFS, normalizePath } from '../project/fs.ts';
import { CONTRIB_FILES } from './python/index.ts';

const ROOT = 'django';

/** Where Django's sources live in tracebacks (the package directory of a Python install). */
export const DJANGO_DISPLAY_ROOT = '/usr/lib/python3/dist-packages';

/** Directories of the embedded tree ('django', 'django/contrib', …). */
const DIRS = new Set<string>();
for (const path of CONTRIB_FILES.keys()) {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) DIRS.add(parts.slice(0, i).join('/'));
}

/** Whether a project-relative path is one of the embedded contrib files (not shadowed by the project). */
export function isContribPath(path: string): boolean {
  const p = normalizePath(path);
  return p === ROOT || p.startsWith(`${ROOT}/`);
}

export class ContribFS implements ProjectFS {
  constructor(readonly project: ProjectFS) {}

  get displayRoot(): string {
    return this.project.displayRoot;
  }

  read(path: string): string | undefined {
    const own = this.project.read(path);
    if (own !== undefined) return own;
    return CONTRIB_FILES.get(normalizePath(path));
  }

  write(path: string, content: string): void {
    this.project.write(path, content);
  }

  remove(path: string): void {
    this.project.remove(path);
  }

  exists(path: string): boolean {
    return this.project.exists(path) || this.embedded(path);
  }

  isDir(path: string): boolean {
    return this.project.isDir(path) || DIRS.has(normalizePath(path));
  }

  list(dir: string): string[] {
    const own = this.project.list(dir);
    const p = normalizePath(dir);
    if (p !== '' && !DIRS.has(p)) return own;
    const prefix = p === '' ? '' : `${p}/`;
    const names = new Set(own);
    for (const path of [...CONTRIB_FILES.keys(), ...DIRS]) {
      if (path.startsWith(prefix) && path.length > prefix.length) names.add(path.slice(prefix.length).split('/')[0]!);
    }
    if (p === '') {
      // The contrib package is not one of the project's folders.
      if (!this.project.exists(ROOT)) names.delete(ROOT);
    }
    return [...names].sort();
  }

  private embedded(path: string): boolean {
    const p = normalizePath(path);
    return CONTRIB_FILES.has(p) || DIRS.has(p);
  }
}
