/**
 * Build-time helpers for the worker (Node only, imported by vite.config.ts).
 *
 * `pgDataTemplate()` serves and emits `pgdata/pglite-<version>.tar.gz`: a PGlite data directory
 * right after initdb, made here once with the same PGlite the browser runs. A first visit loads
 * it instead of running initdb in the page (~3-4 s of WebAssembly). It is trimmed (small WAL,
 * no template databases) because every start reads it from IndexedDB and every flush rewrites
 * the files that changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const marker = `${path.sep}@electric-sql${path.sep}pglite${path.sep}`;
  const pkg = entry.slice(0, entry.lastIndexOf(marker) + marker.length) + 'package.json';
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function cachePath(version: string): string {
  return path.resolve('node_modules', '.cache', 'django-migrations-lab', `pglite-${version}-sandbox-v3.tar.gz`);
}

let building: Promise<Uint8Array> | null = null;

/** The gzipped initdb data directory (cached under node_modules/.cache). */
export function pgDataTarball(version = pgliteVersion()): Promise<Uint8Array> {
  building ??= (async () => {
    const file = cachePath(version);
    if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file));
    const { PGlite } = await import('@electric-sql/pglite');
    // IndexedDB persistence reads and rewrites whole files, so the data directory is kept small:
    // 1 MB WAL segments instead of 16 MB (the current one changes with every commit), few of
    // them kept, and no template databases (a Django sandbox never runs CREATE DATABASE).
    const first = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
    await first.exec(`UPDATE pg_catalog.pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
    await first.exec('DROP DATABASE template0');
    await first.exec('DROP DATABASE template1');
    await first.exec(`ALTER SYSTEM SET min_wal_size = '2MB'`);
    await first.exec(`ALTER SYSTEM SET max_wal_size = '8MB'`);
    await first.exec('ALTER SYSTEM SET wal_recycle = off');
    const initial = await first.dumpDataDir('none');
    await first.close();
    // the WAL settings apply from the next start; moving past the preallocated segments and
    // checkpointing then deletes them
    const pg = await PGlite.create({ loadDataDir: initial });
    for (let i = 0; i < 10; i++) {
      await pg.exec('CHECKPOINT');
      await pg.query('SELECT pg_catalog.pg_switch_wal()');
    }
    await pg.exec('CHECKPOINT');
    const blob = await pg.dumpDataDir('gzip');
    await pg.close();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, file);
    } catch {
      // read-only node_modules: only costs time
    }
    return bytes;
  })();
  return building;
}

export function pgDataTemplate(): Plugin {
  const version = pgliteVersion();
  const fileName = `pgdata/pglite-${version}.tar.gz`;
  return {
    name: 'dml-pgdata-template',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0]!;
        if (!url.endsWith('/' + fileName)) return next();
        pgDataTarball(version).then(
          (bytes) => {
            res.setHeader('Content-Type', 'application/gzip');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(Buffer.from(bytes));
          },
          (e: unknown) => next(e),
        );
      });
    },
    async generateBundle() {
      if (this.environment && this.environment.name !== 'client') return;
      this.emitFile({ type: 'asset', fileName, source: await pgDataTarball(version) });
    },
  };
}

/**
 * A Content-Security-Policy for the built page: scripts only from the site itself and
 * WebAssembly compilation, no eval, no inline scripts. Learner code is interpreted by the engine
 * in the worker; the policy makes sure nothing can turn text into page JavaScript. (Styles may be
 * inline: Svelte, Monaco and xterm set them.) Not applied to the dev server, whose client needs
 * inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'dml-csp',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
    },
  };
}
