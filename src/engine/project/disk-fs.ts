import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizePath, type ProjectFS } from './fs.ts';

/** A project folder on disk (the `manage` CLI). Node only: never imported by browser code. */
export class DiskFS implements ProjectFS {
  readonly displayRoot: string;
  constructor(
    readonly root: string,
    displayRoot?: string,
  ) {
    this.root = path.resolve(root);
    this.displayRoot = displayRoot ?? this.root;
  }
  private abs(p: string): string {
    return path.join(this.root, normalizePath(p));
  }
  read(p: string): string | undefined {
    try {
      return fs.readFileSync(this.abs(p), 'utf8');
    } catch {
      return undefined;
    }
  }
  write(p: string, content: string): void {
    const a = this.abs(p);
    fs.mkdirSync(path.dirname(a), { recursive: true });
    fs.writeFileSync(a, content);
  }
  remove(p: string): void {
    fs.rmSync(this.abs(p), { recursive: true, force: true });
  }
  exists(p: string): boolean {
    return fs.existsSync(this.abs(p));
  }
  isDir(p: string): boolean {
    try {
      return fs.statSync(this.abs(p)).isDirectory();
    } catch {
      return false;
    }
  }
  list(dir: string): string[] {
    try {
      return fs.readdirSync(this.abs(dir)).sort();
    } catch {
      return [];
    }
  }
}
