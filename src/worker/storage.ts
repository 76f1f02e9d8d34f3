/**
 * Browser persistence. Project files live in our own IndexedDB database (`files` and `generated`
 * stores, `meta` for the sample name); the PostgreSQL data directory lives in PGlite's IDBFS
 * database, whose name carries the PGlite version (a newer PGlite cannot open an older data dir).
 * Used from the worker and, read-only, from a second tab's page.
 */

export const FILES_DB = 'django-migrations-lab';
const FILES_DB_VERSION = 1;

/** PGlite's `idb://` data directory name for this PGlite version. */
export function pgDataDirName(pgliteVersion: string): string {
  return `dml-pgdata-${pgliteVersion}`;
}

/** The IndexedDB database IDBFS creates for an `idb://name` data directory. */
export function pgIdbName(dataDirName: string): string {
  return `/pglite/${dataDirName}`;
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export class ProjectStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<ProjectStore> {
    const r = indexedDB.open(FILES_DB, FILES_DB_VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      for (const name of ['files', 'generated', 'meta']) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    };
    return new ProjectStore(await req(r));
  }

  private async all(store: string): Promise<Record<string, string>> {
    const tx = this.db.transaction(store, 'readonly');
    const s = tx.objectStore(store);
    const [keys, values] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
    const out: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (typeof k === 'string' && typeof values[i] === 'string') out[k] = values[i] as string;
    });
    return out;
  }

  files(): Promise<Record<string, string>> {
    return this.all('files');
  }

  generated(): Promise<Record<string, string>> {
    return this.all('generated');
  }

  async meta<T>(key: string): Promise<T | undefined> {
    const tx = this.db.transaction('meta', 'readonly');
    return (await req(tx.objectStore('meta').get(key))) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put(value, key);
    await done(tx);
  }

  /** Applies changes in one transaction (null deletes). */
  async apply(files: Record<string, string | null>, generated: Record<string, string | null>): Promise<void> {
    const tx = this.db.transaction(['files', 'generated'], 'readwrite');
    const f = tx.objectStore('files');
    const g = tx.objectStore('generated');
    for (const [k, v] of Object.entries(files)) {
      if (v === null) f.delete(k);
      else f.put(v, k);
    }
    for (const [k, v] of Object.entries(generated)) {
      if (v === null) g.delete(k);
      else g.put(v, k);
    }
    await done(tx);
  }

  /** Replaces every file and clears the generated map. */
  async replaceAll(files: Record<string, string>): Promise<void> {
    const tx = this.db.transaction(['files', 'generated'], 'readwrite');
    const f = tx.objectStore('files');
    f.clear();
    tx.objectStore('generated').clear();
    for (const [k, v] of Object.entries(files)) f.put(v, k);
    await done(tx);
  }

  close(): void {
    this.db.close();
  }
}

/** Whether PGlite's IDBFS database holds a data directory (PG_VERSION present). */
export async function pgDataExists(dataDirName: string): Promise<boolean> {
  const name = pgIdbName(dataDirName);
  if (typeof indexedDB.databases === 'function') {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === name)) return false;
  }
  const r = indexedDB.open(name);
  let created = false;
  r.onupgradeneeded = () => {
    created = true;
  };
  const db = await req(r);
  try {
    if (created || !db.objectStoreNames.contains('FILE_DATA')) return false;
    const tx = db.transaction('FILE_DATA', 'readonly');
    const n = await req(tx.objectStore('FILE_DATA').count(`/pglite/${dataDirName}/PG_VERSION`));
    return n > 0;
  } finally {
    db.close();
    if (created) indexedDB.deleteDatabase(name);
  }
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => resolve();
  });
}

/** Deletes data directories of other PGlite versions (they cannot be opened any more). */
export async function dropOtherPgVersions(current: string): Promise<string[]> {
  if (typeof indexedDB.databases !== 'function') return [];
  const keep = pgIdbName(current);
  const old = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('/pglite/dml-pgdata-') && n !== keep);
  for (const n of old) await deleteDatabase(n);
  return old;
}
