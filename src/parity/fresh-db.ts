/**
 * Fresh in-memory databases for scenario runs (Node only).
 *
 * Like the oracle's PGlite server, a fresh database is a copy of the data directory saved right
 * after initdb: the first call runs initdb (`PGlite.create()`, ~3 s) and caches that data directory
 * as a tarball under node_modules/.cache; later calls (and later processes) start from the cached
 * copy (~0.4 s).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { PGliteConnection } from '../engine/db/connection.ts';

let pristine: Blob | undefined;

function cacheFile(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@electric-sql/pglite'); // …/node_modules/@electric-sql/pglite/dist/index.cjs
    const marker = `${path.sep}@electric-sql${path.sep}pglite${path.sep}`;
    const pkgPath = entry.slice(0, entry.lastIndexOf(marker) + marker.length) + 'package.json';
    const version = (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { version: string }).version;
    const nodeModules = pkgPath.slice(0, pkgPath.lastIndexOf(`${path.sep}@electric-sql${path.sep}`));
    return path.join(nodeModules, '.cache', 'django-migrations-lab', `pglite-${version}-initdb.tar`);
  } catch {
    return undefined;
  }
}

/** The data directory of a database right after initdb (cached in memory and on disk). */
export async function pristineDataDir(): Promise<Blob> {
  if (pristine) return pristine;
  const file = process.env.PARITY_NO_CACHE ? undefined : cacheFile();
  if (file && fs.existsSync(file)) {
    pristine = new Blob([fs.readFileSync(file)]);
    return pristine;
  }
  const pg = await PGlite.create();
  const blob = await pg.dumpDataDir('none');
  await pg.close();
  pristine = blob;
  if (file) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      fs.renameSync(tmp, file);
    } catch {
      // a read-only node_modules only costs time
    }
  }
  return pristine;
}

/** A new in-memory PGlite holding a fresh database, as a connection. */
export async function freshPGlite(): Promise<PGliteConnection> {
  const pg = await PGlite.create({ loadDataDir: await pristineDataDir() });
  return new PGliteConnection(pg);
}
