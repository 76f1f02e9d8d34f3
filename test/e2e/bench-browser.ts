/**
 * `npm run bench:browser`: in Debian's Chromium, the time from navigation to the first
 * `python manage.py migrate` answered (typed as soon as the prompt shows, before the database
 * is up), cold (new profile: nothing cached, no IndexedDB) and warm (the same profile again),
 * and the bytes the server sent before the editor (Monaco) was requested.
 *
 *   npm run bench:browser [-- --runs N]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Page } from 'playwright-core';
import { PROMPT, ensureBuilt, findChromium, launch, serveDist, tempProfile, type StaticServer } from './harness.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const TARGET_COLD_MS = 3000;
const TARGET_WARM_MS = 1000;

interface Sample {
  promptMs: number;
  readyMs: number;
  answeredMs: number;
  bootMs: number;
  phases: Record<string, number>;
}

/**
 * Waits in the page (5 ms polling) and returns performance.now() (ms since navigation). Passed
 * as source text: tsx would wrap named functions in a helper the page does not have.
 */
function pageTimeWhen(page: Page, what: 'prompt' | 'ready' | 'answered'): Promise<number> {
  const cond =
    what === 'prompt'
      ? 'text.includes(prompt)'
      : what === 'ready'
        ? '!!g.__dmlBoot'
        : "text.indexOf('Running migrations:') >= 0 && text.indexOf(prompt, text.indexOf('Running migrations:')) >= 0";
  return page.evaluate(`new Promise((resolve) => {
    const g = globalThis;
    const prompt = ${JSON.stringify(PROMPT)};
    const tick = () => {
      const text = g.__dmlTerminal ? g.__dmlTerminal.text() : '';
      if (${cond}) resolve(performance.now());
      else setTimeout(tick, 5);
    };
    tick();
  })`) as Promise<number>;
}

async function visit(server: StaticServer, chromium: string, profile: string): Promise<{ sample: Sample; bytesBeforeEditor: Map<string, number>; monacoBytes: number }> {
  const ctx = await launch(chromium, profile);
  const page = await ctx.newPage();
  server.reset();
  await page.goto(server.url, { waitUntil: 'commit' });
  const promptMs = await pageTimeWhen(page, 'prompt');
  await page.locator('[data-testid="terminal"] textarea').focus();
  await page.keyboard.insertText('python manage.py migrate');
  await page.keyboard.press('Enter');
  const [readyMs, answeredMs] = await Promise.all([pageTimeWhen(page, 'ready'), pageTimeWhen(page, 'answered')]);
  const boot = await page.evaluate(() => (globalThis as unknown as { __dmlBoot: { bootMs: number; phases: Record<string, number> } }).__dmlBoot);
  // let Monaco load, then see what came before it
  await page.waitForFunction(() => !!(globalThis as { __dmlEditor?: unknown }).__dmlEditor, null, { timeout: 30_000 });
  const isMonaco = (p: string) => /\/monaco-[^/]*\.(js|css)$/.test(p) || /\/editor\.worker-[^/]*\.js$/.test(p);
  const firstMonaco = server.log.findIndex(isMonaco);
  const before = new Map<string, number>();
  const seen = new Set<string>();
  server.log.slice(0, firstMonaco < 0 ? undefined : firstMonaco).forEach((p) => {
    if (seen.has(p)) return;
    seen.add(p);
    before.set(p, server.sent.get(p) ?? 0);
  });
  const monacoBytes = [...new Set(server.log.filter(isMonaco))].reduce((a, p) => a + (server.sent.get(p) ?? 0), 0);
  // the flush after migrate must finish before the profile is reused
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await ctx.close();
  return { sample: { promptMs, readyMs, answeredMs, bootMs: boot.bootMs, phases: boot.phases }, bytesBeforeEditor: before, monacoBytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    console.error('Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)');
    process.exit(2);
  }
  await ensureBuilt();
  const server = await serveDist();
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  let bytes: Map<string, number> | null = null;
  let monacoBytes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const profile = tempProfile('dml-bench-');
      const c = await visit(server, chromium, profile);
      cold.push(c.sample);
      bytes ??= c.bytesBeforeEditor;
      monacoBytes ||= c.monacoBytes;
      const w = await visit(server, chromium, profile);
      warm.push(w.sample);
      fs.rmSync(profile, { recursive: true, force: true });
      console.log(
        `run ${i + 1}: cold ${c.sample.answeredMs.toFixed(0)} ms (prompt ${c.sample.promptMs.toFixed(0)}, db ready ${c.sample.readyMs.toFixed(0)}), ` +
          `warm ${w.sample.answeredMs.toFixed(0)} ms (prompt ${w.sample.promptMs.toFixed(0)}, db ready ${w.sample.readyMs.toFixed(0)})`,
      );
    }
  } finally {
    await server.close();
  }
  const line = (label: string, xs: Sample[], target: number) => {
    const m = median(xs.map((s) => s.answeredMs));
    const phases = Object.keys(xs[0]!.phases)
      .map((k) => `${k} ${median(xs.map((s) => s.phases[k] ?? 0)).toFixed(0)}`)
      .join(', ');
    console.log(
      `${label.padEnd(5)} navigation → first migrate answered: median ${m.toFixed(0)} ms over ${xs.length} (target < ${target} ms: ${m < target ? 'met' : 'NOT met'})` +
        `\n      prompt shown ${median(xs.map((s) => s.promptMs)).toFixed(0)} ms, database ready ${median(xs.map((s) => s.readyMs)).toFixed(0)} ms (worker boot phases, ms from boot start: ${phases})`,
    );
  };
  console.log('');
  line('cold', cold, TARGET_COLD_MS);
  line('warm', warm, TARGET_WARM_MS);
  if (bytes) {
    const entries = [...bytes.entries()];
    const total = entries.reduce((a, [, n]) => a + n, 0);
    const isDb = (p: string) => /\.(wasm|data)$|\/pgdata\//.test(p);
    const app = entries.filter(([p]) => !isDb(p)).reduce((a, [, n]) => a + n, 0);
    console.log(`\nbytes sent before the editor was requested (cold): ${mb(total)} in ${entries.length} files`);
    console.log(`  page and worker code: ${kb(app)}; PostgreSQL (wasm, data, initial data dir): ${mb(total - app)}`);
    for (const [p, n] of entries.sort((a, b) => b[1] - a[1])) console.log(`    ${kb(n).padStart(9)}  ${p}`);
    console.log(`  then Monaco (JS, CSS, its worker): ${kb(monacoBytes)}, loaded after the first paint once the database is up`);
  }
  console.log(`\nmachine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

await main();
