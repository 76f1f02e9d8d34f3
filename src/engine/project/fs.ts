/**
 * The project's files. Paths are POSIX-style and relative to the project root
 * (`settings.py`, `shop/models.py`, `shop/migrations/0001_initial.py`).
 *
 * The interface is synchronous: the browser keeps files in memory (persisted by the app after each
 * command), the CLI reads and writes a real folder.
 */
export interface ProjectFS {
  /**
   * How the project root is shown in messages and tracebacks (an absolute path on disk,
   * `$PROJECT` in parity scenarios, `/project` in the browser). Never ends with a slash.
   */
  readonly displayRoot: string;
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  remove(path: string): void;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Names (not paths) of the entries of a directory, sorted; [] when missing. */
  list(dir: string): string[];
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((p) => p !== '').join('/'));
}

export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Files held in a Map (the browser, tests). Directories exist implicitly. */
export class MemoryFS implements ProjectFS {
  readonly files = new Map<string, string>();
  constructor(
    files: Record<string, string> | Map<string, string> = {},
    readonly displayRoot = '/project',
  ) {
    const entries = files instanceof Map ? files.entries() : Object.entries(files);
    for (const [k, v] of entries) this.files.set(normalizePath(k), v);
  }
  read(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }
  write(path: string, content: string): void {
    this.files.set(normalizePath(path), content);
  }
  remove(path: string): void {
    const p = normalizePath(path);
    this.files.delete(p);
    for (const k of [...this.files.keys()]) if (k.startsWith(p + '/')) this.files.delete(k);
  }
  exists(path: string): boolean {
    const p = normalizePath(path);
    return this.files.has(p) || this.isDir(p);
  }
  isDir(path: string): boolean {
    const p = normalizePath(path);
    if (p === '') return true;
    for (const k of this.files.keys()) if (k.startsWith(p + '/')) return true;
    return false;
  }
  list(dir: string): string[] {
    const p = normalizePath(dir);
    const prefix = p === '' ? '' : p + '/';
    const names = new Set<string>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      names.add(k.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }
}
