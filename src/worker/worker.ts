/// <reference lib="webworker" />
/**
 * The sandbox worker: the engine and PGlite in one dedicated Web Worker (a query costs ~30 µs
 * here instead of ~6 ms across threads). Boots PGlite from IndexedDB, or on a first visit from a
 * prebuilt data directory (initdb would take seconds), and answers the page's requests
 * (protocol.ts). Learner code is interpreted by the engine here; nothing of it reaches the page.
 */
import { PGlite } from '@electric-sql/pglite';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import { PGliteConnection, type RawPGlite } from '../engine/db/connection.ts';
import { S, setLocale } from '../app/i18n/strings.ts';
import type { BootInfo, Request, RequestMessage, ResponseMap, SampleName, WorkerEvent, WorkerMessage } from './protocol.ts';
import type { Sandbox } from './sandbox.ts';
import { sampleFiles } from './samples.ts';

// Everything slow starts as soon as the worker exists, before the page asks it to boot: PGlite's
// WebAssembly (compiled while it streams in, and cached compiled by the browser), its file-system
// bundle, and the engine (the larger part of this worker's code).
const wasmModule = WebAssembly.compileStreaming(fetch(pgliteWasmUrl));
const fsBundle = fetch(pgliteDataUrl).then((r) => {
  if (!r.ok) throw new Error(`cannot load ${pgliteDataUrl} (${r.status})`);
  return r.blob();
});
wasmModule.catch(() => undefined);
fsBundle.catch(() => undefined);
const sandboxModule = import('./sandbox.ts');

/**
 * initdb never runs here (a new database starts from the prebuilt data directory), so PGlite
 * gets an empty module instead of downloading initdb.wasm.
 */
const NO_INITDB = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
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
  const [pgliteWasmModule, bundle, loadDataDir] = await Promise.all([wasmModule, fsBundle, template]);
  return PGlite.create({
    dataDir: `idb://${DATA_DIR}`,
    relaxedDurability: true,
    pgliteWasmModule,
    initdbWasmModule: NO_INITDB,
    fsBundle: bundle,
    ...(loadDataDir ? { loadDataDir } : {}),
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
  emit({ type: 'status', text: S.status.loadingDatabase });
  // PGlite opens as soon as we know whether the database exists; the files are read meanwhile
  const opening = pgDataExists(DATA_DIR).then(async (exists) => {
    mark('probe');
    if (!exists) emit({ type: 'status', text: S.status.creatingDatabase });
    try {
      return { pg: await openPGlite(!exists), fresh: !exists };
    } catch (e) {
      if (!exists) throw e;
      // a data directory that cannot be opened (an interrupted first save…): start again
      await deleteDatabase(pgIdbName(DATA_DIR));
      return { pg: await openPGlite(true), fresh: true };
    }
  });
  opening.catch(() => undefined);
  store = await ProjectStore.open();
  let [files, generated, currentSample] = await Promise.all([store.files(), store.generated(), store.meta<SampleName>('sample')]);
  currentSample ??= sample;
  if (Object.keys(files).length === 0) {
    files = sampleFiles(sample);
    generated = {};
    currentSample = sample;
    await store.replaceAll(files);
    await store.setMeta('sample', sample);
  }
  mark('files');
  const dropped = dropOtherPgVersions(DATA_DIR).catch(() => [] as string[]);
  // the engine warms up while PGlite loads
  const { Sandbox, prewarm } = await sandboxModule;
  prewarm(files);
  mark('engine');
  const { pg: opened, fresh } = await opening;
  pg = opened;
  mark('pglite');
  sandbox = new Sandbox(connectionFor(pg), files, generated, {
    emit,
    persist: (f, g) => store.apply(f, g),
  });
  return {
    files,
    generated,
    sample: currentSample,
    pgliteVersion: PGLITE_VERSION,
    freshDatabase: fresh,
    replacedOldDatabase: fresh && (await dropped).length > 0,
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
      (await ready()).stdin(req.line, req.echo);
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
    case 'ping':
      return undefined;
    case 'lesson': {
      const { handleLessonRequest } = await import('../lessons/worker-api.ts');
      return handleLessonRequest(await ready(), req.req, { emitDbChanged: () => emit({ type: 'dbChanged' }) });
    }
    case 'flush':
      if (sandbox) await sandbox.flush();
      return undefined;
    case 'locale':
      setLocale(req.lang);
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
