/// <reference lib="webworker" />
/**
 * The sandbox worker: the engine and PGlite in one dedicated Web Worker (a query costs ~30 µs
 * here instead of ~6 ms across threads). Boots PGlite from IndexedDB, or on a first visit from a
 * prebuilt data directory (initdb would take seconds), and answers the page's requests
 * (protocol.ts). Learner code is interpreted by the engine here; nothing of it reaches the page.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGliteConnection, type RawPGlite } from '../engine/db/connection.ts';
import { S } from '../app/i18n/strings.ts';
import type { BootInfo, Request, RequestMessage, ResponseMap, SampleName, WorkerEvent, WorkerMessage } from './protocol.ts';
import type { Sandbox } from './sandbox.ts';
import { sampleFiles } from './samples.ts';

// The engine (the larger part of this worker) loads while PGlite compiles its WebAssembly.
const sandboxModule = import('./sandbox.ts');
import { ProjectStore, deleteDatabase, dropOtherPgVersions, pgDataDirName, pgDataExists, pgIdbName } from './storage.ts';

declare const self: DedicatedWorkerGlobalScope;

const PGLITE_VERSION = __PGLITE_VERSION__;
const DATA_DIR = pgDataDirName(PGLITE_VERSION);

function post(m: WorkerMessage): void {
  self.postMessage(m);
}

function emit(event: WorkerEvent): void {
  post({ event });
}

let store: ProjectStore;
let pg: PGlite | null = null;
let sandbox: Sandbox | null = null;
let booted: Promise<BootInfo> | null = null;

/** The prebuilt data directory (right after initdb), fetched only when the database is new. */
function templateUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}pgdata/pglite-${PGLITE_VERSION}.tar.gz`, self.location.href).href;
}

async function openPGlite(fresh: boolean): Promise<PGlite> {
  const template = fresh
    ? fetch(templateUrl()).then(async (r) => {
        if (!r.ok) throw new Error(`cannot load the database template (${r.status})`);
        const bytes = new Uint8Array(await r.arrayBuffer());
        // a server may have sent it with Content-Encoding: gzip (already unpacked by fetch)
        const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
        return new Blob([bytes], { type: gzip ? 'application/gzip' : 'application/x-tar' });
      })
    : undefined;
  return PGlite.create({
    dataDir: `idb://${DATA_DIR}`,
    relaxedDurability: true,
    ...(template ? { loadDataDir: await template } : {}),
  });
}

function connectionFor(p: PGlite): PGliteConnection {
  const raw: RawPGlite = {
    execProtocolRawSync: (m) => p.execProtocolRawSync(m),
    // relaxedDurability makes PGlite's own syncToFs return before IndexedDB has the data;
    // the explicit flush after each command waits for the filesystem sync itself.
    syncToFs: () => (p.fs ? p.fs.syncToFs(false) : p.syncToFs()),
    close: () => p.close(),
  };
  return new PGliteConnection(raw);
}

async function boot(sample: SampleName): Promise<BootInfo> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const mark = (name: string) => (phases[name] = Math.round(performance.now() - t0));
  store = await ProjectStore.open();
  let files = await store.files();
  let generated = await store.generated();
  let currentSample = (await store.meta<SampleName>('sample')) ?? sample;
  if (Object.keys(files).length === 0) {
    files = sampleFiles(sample);
    generated = {};
    currentSample = sample;
    await store.replaceAll(files);
    await store.setMeta('sample', sample);
  }
  mark('files');
  emit({ type: 'status', text: S.status.loadingDatabase });
  void dropOtherPgVersions(DATA_DIR).catch(() => undefined);
  const exists = await pgDataExists(DATA_DIR);
  mark('probe');
  if (!exists) emit({ type: 'status', text: S.status.creatingDatabase });
  try {
    const opening = openPGlite(!exists);
    // the engine warms up while PGlite fetches and compiles its WebAssembly
    const warming = sandboxModule.then((m) => m.prewarm(files));
    pg = await opening;
    await warming;
  } catch (e) {
    if (!exists) throw e;
    // a data directory that cannot be opened (interrupted first save…): start again from the template
    await deleteDatabase(pgIdbName(DATA_DIR));
    pg = await openPGlite(true);
  }
  mark('pglite');
  const conn = connectionFor(pg);
  const { Sandbox } = await sandboxModule;
  mark('engine');
  sandbox = new Sandbox(conn, files, generated, {
    emit,
    persist: (f, g) => store.apply(f, g),
  });
  return {
    files,
    generated,
    sample: currentSample,
    pgliteVersion: PGLITE_VERSION,
    freshDatabase: !exists,
    bootMs: Math.round(performance.now() - t0),
    phases,
  };
}

async function ready(): Promise<Sandbox> {
  if (!booted) booted = boot('store');
  await booted;
  return sandbox!;
}

async function handle(req: Request): Promise<unknown> {
  switch (req.type) {
    case 'boot':
      booted ??= boot(req.sample);
      return booted;
    case 'run':
      return (await ready()).run(req.line, req.cols);
    case 'stdin':
      (await ready()).stdin(req.line);
      return undefined;
    case 'interrupt':
      (await ready()).interrupt();
      return undefined;
    case 'complete':
      return (await ready()).complete(req.line, req.cursor, req.mode);
    case 'writeFile':
      return (await ready()).writeFile(req.path, req.content);
    case 'deleteFile':
      return (await ready()).deleteFile(req.path);
    case 'renameFile':
      return (await ready()).renameFile(req.from, req.to);
    case 'checkSyntax':
      return (await ready()).checkSyntax(req.path, req.content);
    case 'schema':
      return (await ready()).schema();
    case 'rows':
      return (await ready()).rows(req.schema, req.table, req.offset, req.limit);
    case 'graph':
      return (await ready()).graph();
    case 'resetDatabase':
      return (await ready()).resetDatabase();
    case 'loadProject': {
      const sb = await ready();
      const files = req.files ?? sampleFiles(req.sample ?? 'store');
      await sb.replaceFiles(files);
      if (req.sample) await store.setMeta('sample', req.sample);
      if (req.resetDatabase) await sb.resetDatabase();
      return { files } satisfies ResponseMap['loadProject'];
    }
    case 'flush':
      if (sandbox) await sandbox.flush();
      return undefined;
    case 'close':
      if (sandbox) {
        await sandbox.flush();
        await sandbox.conn.close();
        sandbox = null;
        booted = null;
      }
      return undefined;
  }
}

self.onmessage = (ev: MessageEvent<RequestMessage>) => {
  const { id, req } = ev.data;
  handle(req).then(
    (value) => post({ id, ok: true, value }),
    (e: unknown) => {
      const error = e instanceof Error ? e.message : String(e);
      post({ id, ok: false, error });
      if (req.type === 'boot') emit({ type: 'fatal', message: error });
    },
  );
};
