/**
 * One full lesson in Chromium: the app is built into a temporary folder and served on localhost;
 * a deep link opens lesson 1; one step is done by typing in the terminal like a learner, every
 * other step with "Solve step"; each must be ticked by the checks, then "Reset lesson" must bring
 * the lesson back to its start. Skipped without Chromium (CI installs it), like test/e2e.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROMPT, ROOT, findChromium, launch, serveDist, tempProfile, terminalText, typeLine, waitForTerminal, type StaticServer } from '../e2e/harness.ts';
import { loadAllLessons } from '../../src/lessons/node.ts';

const chromiumPath = findChromium();
const skip = !chromiumPath && !process.env['CI'];
const lesson = loadAllLessons().find((l) => l.id === 'first-migrations')!;

let server: StaticServer;
let ctx: BrowserContext;
let page: Page;
let outDir: string;
let profile: string;
const pageErrors: string[] = [];

async function stepDone(p: Page, id: string, timeoutMs = 60_000): Promise<void> {
  await p.locator(`[data-testid="lesson-step-${id}"][data-done="true"]`).waitFor({ timeout: timeoutMs });
}

describe.skipIf(skip)('a lesson in Chromium', () => {
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dml-lessons-dist-'));
    const { build } = await import('vite');
    await build({ root: ROOT, logLevel: 'error', configFile: path.join(ROOT, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
    server = await serveDist(outDir);
    profile = tempProfile('dml-lessons-e2e-');
    ctx = await launch(chromiumPath!, profile, { width: 1400, height: 900 });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('completes lesson 1 from a deep link, by typing and by "Solve step", then resets it', async () => {
    await page.goto(`${server.url}#/lesson/first-migrations`);
    await waitForTerminal(page, new RegExp(PROMPT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 60_000);
    await page.locator('[data-testid="lesson-view"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="lesson-step-write-models"][data-done="false"]').waitFor({ timeout: 60_000 });

    const steps = lesson.script.steps.map((s) => s.id);
    expect(steps[0]).toBe('write-models');
    // step 1 with "Solve step": writes catalog/models.py
    await page.locator('[data-testid="lesson-solve"]').click();
    await stepDone(page, 'write-models');
    // step 2 like a learner: typed in the terminal
    await typeLine(page, 'python manage.py makemigrations');
    await stepDone(page, 'makemigrations');
    // the rest with "Solve step"
    for (const id of steps.slice(2)) {
      await page.locator(`[data-testid="lesson-step-${id}"] [data-testid="lesson-solve"]`).click();
      await stepDone(page, id);
    }
    await page.locator('[data-testid="lesson-complete"]').waitFor({ timeout: 30_000 });
    const url = page.url();
    expect(url).toContain('#/lesson/first-migrations');

    // "Reset lesson": back to the start, step 1 to do again
    await page.locator('[data-testid="lesson-reset"]').click();
    await page.locator('[data-testid="lesson-step-write-models"][data-done="false"]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.locator('[data-testid="lesson-complete"]').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-done="true"]').count()).toBe(0);
    const resetMessage = await page.getByRole('status').filter({ hasText: /ms|мс/ }).first().innerText();
    console.log(`in Chromium: ${resetMessage}`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'dml-lesson-reset.png') });

    // the course map shows the lesson with no progress after the reset
    await page.getByRole('button', { name: /Course|Курс/ }).first().click();
    await page.locator('[data-testid="course-map"]').waitFor();
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('completes every lesson with "Solve step" (questions answered, SQL through dbshell)', async () => {
    const failures: string[] = [];
    for (const l of loadAllLessons()) {
      await page.goto('about:blank');
      await page.goto(`${server.url}#/lesson/${l.id}`);
      await page.locator(`[data-testid="lesson-view"]`).waitFor({ timeout: 60_000 });
      const first = l.script.steps[0]!.id;
      try {
        await page.locator(`[data-testid="lesson-step-${first}"]`).waitFor({ timeout: 60_000 });
        for (const step of l.script.steps) {
          await page.locator(`[data-testid="lesson-step-${step.id}"] [data-testid="lesson-solve"]`).click({ timeout: 60_000 });
          await stepDone(page, step.id);
        }
        await page.locator('[data-testid="lesson-complete"]').waitFor({ timeout: 30_000 });
        if (l.folder === '02-changing-models') {
          // the answers "Solve step" gave to makemigrations' questions show after them, as if typed
          expect(await terminalText(page)).toMatch(/Select an option: 1\n/);
        }
      } catch (e) {
        failures.push(`${l.folder}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        await page.screenshot({ path: path.join(os.tmpdir(), `dml-lesson-${l.folder}.png`) });
      }
    }
    expect(failures).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 900_000);
});
