/**
 * Node-only PGlite factory (the `manage` and `scenario` CLIs, tests). Browser code imports
 * connection.ts directly and creates its PGlite itself.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGliteConnection, type PGliteConnectionOptions } from './connection.ts';

export interface OpenPGliteOptions extends PGliteConnectionOptions {
  /** A data directory on disk (NodeFS), created when missing; in-memory when omitted. */
  dataDir?: string;
  /** A data directory tarball (from `dumpDataDir`) to start from instead of running initdb. */
  loadDataDir?: Blob;
}

export async function openPGlite(opts: OpenPGliteOptions = {}): Promise<PGliteConnection> {
  let pg: PGlite;
  if (opts.dataDir) {
    const dir = path.resolve(opts.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    pg = await PGlite.create({ dataDir: dir });
  } else if (opts.loadDataDir) {
    pg = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else {
    pg = await PGlite.create();
  }
  return new PGliteConnection(pg, opts);
}
