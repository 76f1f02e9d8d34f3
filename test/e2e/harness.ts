/**
 * Shared by the end-to-end tests and the browser benchmark: find Debian's Chromium, make sure
 * the app is built, serve dist/ on localhost (counting the bytes sent), and launch Chromium
 * through playwright-core with a fresh profile. Browsers are never downloaded.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (or CHROMIUM_PATH), or null when absent. */
export function findChromium(): string | null {
  for (const p of [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the app unless dist/ is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  const index = path.join(DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src')),
    fs.statSync(path.join(ROOT, 'index.html')).mtimeMs,
    fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ root: ROOT, logLevel: 'error', configFile: path.join(ROOT, 'vite.config.ts') });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.gz': 'application/gzip',
  '.data': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  /** Bytes sent per request path since the last reset. */
  sent: Map<string, number>;
  /** Request paths in the order they arrived. */
  log: string[];
  reset(): void;
  close(): Promise<void>;
}

/** Serves dist/ like a static host (ETag + Cache-Control so a warm visit hits the HTTP cache). */
export function serveDist(root = DIST): Promise<StaticServer> {
  const sent = new Map<string, number>();
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    let file = path.join(root, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const stat = fs.statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    log.push(urlPath);
    const hashed = urlPath.startsWith('/assets/') || urlPath.startsWith('/pgdata/');
    const headers = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      sent.set(urlPath, (sent.get(urlPath) ?? 0) + 0);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': stat.size });
    fs.createReadStream(file).pipe(res);
    sent.set(urlPath, (sent.get(urlPath) ?? 0) + stat.size);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        sent,
        log,
        reset: () => {
          sent.clear();
          log.length = 0;
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

export function tempProfile(prefix = 'dml-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Chromium with a persistent profile (IndexedDB and HTTP cache survive a relaunch). */
export async function launch(executablePath: string, userDataDir: string, viewport = { width: 1280, height: 720 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    viewport,
  });
}

/** The terminal's text (xterm's buffer, wrapped lines joined). */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { __dmlTerminal?: { text(): string } }).__dmlTerminal?.text() ?? '');
}

/** Waits until the terminal text matches (polling), returning it. */
export async function waitForTerminal(page: Page, re: RegExp, timeoutMs = 20_000): Promise<string> {
  const t0 = Date.now();
  let text = '';
  while (Date.now() - t0 < timeoutMs) {
    text = await terminalText(page);
    if (re.test(text)) return text;
    await page.waitForTimeout(50);
  }
  const shot = path.join(ROOT, 'test-results', `terminal-${Date.now()}.png`);
  try {
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
  } catch {
    // the page may be gone
  }
  throw new Error(`terminal never matched ${re} (screenshot: ${shot}); it shows:\n${text.slice(-2000)}`);
}

/** Types a line into the terminal and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid="terminal"] textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export const PROMPT = 'learner@sandbox:~/project$';

/** Number of shell prompts shown so far (a command finished when this grows). */
export async function promptCount(page: Page): Promise<number> {
  const t = await terminalText(page);
  return t.split(PROMPT).length - 1;
}

/** Runs a shell line and waits for the next prompt; returns the output between them. */
export async function runCommand(page: Page, line: string, timeoutMs = 60_000): Promise<string> {
  const before = await promptCount(page);
  await typeLine(page, line);
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const text = await terminalText(page);
    const parts = text.split(PROMPT);
    if (parts.length - 1 > before && parts[parts.length - 1]!.trim() === '') {
      return parts.slice(before, parts.length - 1).join(PROMPT);
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`no prompt after ${line}:\n${(await terminalText(page)).slice(-2000)}`);
}
