/**
 * One writer per browser: the tab holding the Web Lock runs the worker (PGlite on IndexedDB);
 * a second tab shows the files read-only and may take the sandbox over (BroadcastChannel asks
 * the first tab to flush, close and let go). The database is closed when the page goes away.
 */
import type { SampleName } from '../../worker/protocol.ts';
import { ProjectStore } from '../../worker/storage.ts';
import { language, onLanguage } from '../i18n/locale.svelte.ts';
import { S } from '../i18n/strings.ts';
import { app, applyEvent, getClient, notify, setClient } from './store.svelte.ts';
import { createSandboxClient, type SandboxClient } from './worker-client.ts';

const LOCK = 'django-migrations-lab-sandbox';
let releaseLock: (() => void) | null = null;
let channel: BroadcastChannel | null = null;
const bootListeners = new Set<() => void>();

// the worker writes some texts itself (shell help, boot status): it follows the interface language
onLanguage((lang) => void getClient()?.request({ type: 'locale', lang }).catch(() => undefined));

/** Boots the worker in the interface's language. */
function bootRequest(client: SandboxClient, sample: SampleName) {
  void client.request({ type: 'locale', lang: language.code }).catch(() => undefined);
  return client.request({ type: 'boot', sample });
}

/** Called each time the worker finished booting (the terminal starts its prompt); returns an unsubscribe. */
export function onBooted(fn: () => void): () => void {
  bootListeners.add(fn);
  return () => bootListeners.delete(fn);
}

function hasLocks(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && typeof navigator.locks?.request === 'function';
}

function lock(wait: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    void navigator.locks.request(LOCK, wait ? {} : { ifAvailable: true }, (l) => {
      if (!l) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise<void>((r) => {
        releaseLock = r;
      });
    });
  });
}

let preloaded: SandboxClient | null = null;

/**
 * Starts the worker at once, before the page is mounted: it fetches and compiles PGlite while the
 * page loads. It opens the database only when asked to boot (after the Web Lock is ours).
 */
export function preloadWorker(): void {
  if (typeof Worker === 'function' && !preloaded) preloaded = createSandboxClient();
}

async function boot(sample: SampleName = 'store'): Promise<void> {
  const client = preloaded ?? createSandboxClient();
  preloaded = null;
  setClient(client);
  client.on(applyEvent);
  app.status = (s) => s.status.loadingDatabase;
  try {
    const info = await bootRequest(client, sample);
    app.files = info.files;
    app.generated = info.generated;
    app.sample = info.sample;
    app.filesVersion++;
    app.dbVersion++;
    app.ready = true;
    app.readOnly = false;
    app.movedAway = false;
    app.status = (s) => s.status.bootMs(info.bootMs);
    if (info.replacedOldDatabase) notify(S.status.upgraded);
    (globalThis as { __dmlBoot?: unknown }).__dmlBoot = info;
    for (const fn of bootListeners) fn();
  } catch (e) {
    app.fatal = e instanceof Error ? e.message : String(e);
  }
}

async function showReadOnly(): Promise<void> {
  app.readOnly = true;
  preloaded?.terminate();
  preloaded = null;
  app.status = (s) => s.status.readOnly;
  try {
    const store = await ProjectStore.open();
    app.files = await store.files();
    app.generated = await store.generated();
    store.close();
    app.filesVersion++;
  } catch (e) {
    app.fatal = S.errors.storageFailed(e instanceof Error ? e.message : String(e));
  }
}

/** Restarts the worker after a command that would not stop (the database reopens from IndexedDB). */
export async function restartWorker(): Promise<void> {
  const client = getClient();
  if (!client) return;
  app.ready = false;
  client.restart();
  app.status = (s) => s.status.loadingDatabase;
  try {
    const info = await bootRequest(client, app.sample);
    app.files = info.files;
    app.generated = info.generated;
    app.filesVersion++;
    app.dbVersion++;
    app.ready = true;
    app.status = (s) => s.status.restarted;
    for (const fn of bootListeners) fn();
  } catch (e) {
    app.fatal = e instanceof Error ? e.message : String(e);
  }
}

async function giveAway(): Promise<void> {
  const client = getClient();
  if (client) {
    try {
      await client.request({ type: 'close' });
    } catch {
      // closing is best effort
    }
    client.terminate();
    setClient(null);
  }
  app.ready = false;
  app.movedAway = true;
  releaseLock?.();
  releaseLock = null;
}

/** A read-only tab asks the owner to let go, then boots here. */
export async function takeOver(): Promise<void> {
  channel?.postMessage({ type: 'takeover' });
  app.status = (s) => s.status.starting;
  await lock(true);
  app.readOnly = false;
  app.movedAway = false;
  await boot(app.sample);
}

export async function startSession(): Promise<void> {
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(LOCK);
    channel.onmessage = (ev: MessageEvent<{ type: string }>) => {
      if (ev.data?.type === 'takeover' && getClient()) void giveAway();
    };
  }
  addEventListener('pagehide', () => {
    const client = getClient();
    if (client) void client.request({ type: 'close' }).catch(() => undefined);
  });
  addEventListener('pageshow', (ev) => {
    if ((ev as PageTransitionEvent).persisted) location.reload();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void getClient()?.request({ type: 'flush' }).catch(() => undefined);
  });
  if (!hasLocks()) {
    app.notice = S.lock.noLocks;
    await boot();
    return;
  }
  if (await lock(false)) await boot();
  else await showReadOnly();
}
