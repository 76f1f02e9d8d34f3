/**
 * End to end, in Debian's Chromium driven by playwright-core, against the built app served on
 * localhost: edit models.py in Monaco, run makemigrations and migrate in the terminal, answer a
 * makemigrations question, see the tables in the explorer and the pictures, use dbshell, reload
 * and find everything again, then open a second tab.
 *
 * Without Chromium these tests are skipped with a loud message, except in CI (CI=true), where a
 * missing browser fails the run (.ci/run installs it with apt).
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROMPT, ensureBuilt, findChromium, launch, runCommand, serveDist, tempProfile, terminalText, typeLine, waitForTerminal, type StaticServer } from './harness.ts';

const chromiumPath = findChromium();
const inCI = !!process.env['CI'];

if (!chromiumPath) {
  const msg =
    '\n' +
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
    '!!  END-TO-END BROWSER TESTS SKIPPED: Chromium not found at /usr/bin/chromium  !!\n' +
    '!!  Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).      !!\n' +
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n';
  console.warn(msg);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PROMPT_RE = new RegExp(escapeRe(PROMPT));

let server: StaticServer;
let ctx: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

async function openApp(p: Page): Promise<void> {
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) pageErrors.push(m.text());
  });
  p.on('dialog', (d) => void d.accept());
  await p.goto(server.url);
  await waitForTerminal(p, PROMPT_RE, 30_000);
}

async function waitReady(p: Page): Promise<void> {
  await p.waitForFunction(() => !!(globalThis as { __dmlBoot?: unknown }).__dmlBoot, null, { timeout: 60_000 });
}

async function waitMonaco(p: Page): Promise<void> {
  await p.waitForFunction(() => !!(globalThis as { __dmlEditor?: { ready: boolean } }).__dmlEditor?.ready, null, { timeout: 60_000 });
  await p.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
}

/** Types lines at the end of the file open in Monaco, closing the suggestion widget before each Enter. */
async function typeInEditor(p: Page, lines: string[]): Promise<void> {
  await p.locator('.monaco-editor .view-lines').first().click();
  await p.keyboard.press('Control+End');
  for (const line of lines) {
    await p.keyboard.press('Enter');
    // replace Monaco's automatic indentation with the line's own
    await p.keyboard.press('Home');
    await p.keyboard.press('Shift+End');
    if (line === '') await p.keyboard.press('Delete');
    else await p.keyboard.type(line);
    await p.keyboard.press('Escape');
  }
}

async function markers(p: Page, path: string): Promise<{ line: number; message: string; owner: string }[]> {
  return p.evaluate(
    (f) => (globalThis as unknown as { __dmlEditor: { markers(p: string): { line: number; message: string; owner: string }[] } }).__dmlEditor.markers(f),
    path,
  );
}

const skip = !chromiumPath && !inCI;

describe.skipIf(skip)('the sandbox in Chromium', () => {
  beforeAll(async () => {
    if (!chromiumPath) throw new Error('CI=true but Chromium is missing: .ci/run must `apt-get install -y chromium`');
    await ensureBuilt();
    server = await serveDist();
    profile = tempProfile();
    ctx = await launch(chromiumPath, profile);
    page = await ctx.newPage();
    await openApp(page);
    await waitReady(page);
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('edits models.py in Monaco and saves with Ctrl+S', async () => {
    await waitMonaco(page);
    await page.locator('[data-testid="file-tree"] [data-path="catalog/models.py"]').click();
    await typeInEditor(page, ['', 'class Tag(models.Model):', '    label = models.CharField(max_length=20']);
    await expect.poll(() => page.locator('.tab.active .dot').count()).toBe(1);
    await page.keyboard.press('Control+S');
    await expect.poll(() => page.locator('.tab.active .dot').count()).toBe(0);
    const text = await runCommand(page, 'cat catalog/models.py');
    expect(text).toContain('class Tag(models.Model):\n    label = models.CharField(max_length=20)');
  }, 120_000);

  it('runs makemigrations and migrate in the terminal; the explorer shows the tables', async () => {
    const mk = await runCommand(page, 'python manage.py makemigrations');
    expect(mk).toContain("Migrations for 'catalog':");
    expect(mk).toContain('+ Create model Tag');
    expect(await page.locator('[data-path="catalog/migrations/0001_initial.py"]').count()).toBe(1);
    const mig = await runCommand(page, './manage.py migrate');
    expect(mig).toContain('Applying catalog.0001_initial... OK');
    expect(mig).toContain('Applying sale.0001_initial... OK');
    await page.locator('[data-testid="panel-database"]').click();
    for (const t of ['catalog_category', 'catalog_product', 'catalog_tag', 'sale_sale', 'django_migrations']) {
      await page.locator(`[data-testid="relation"][data-name="${t}"]`).waitFor({ timeout: 15_000 });
    }
    await expect.poll(() => page.locator('[data-testid="history"] li').count()).toBe(2);
  }, 120_000);

  it('answers a makemigrations question inline', async () => {
    await page.locator('[data-testid="file-tree"] [data-path="catalog/models.py"]').click();
    // a new non-null field without a default: makemigrations must ask
    const models = [
      'from django.db import models',
      '',
      '',
      'class Category(models.Model):',
      '    name = models.CharField(max_length=100)',
      '    slug = models.SlugField()',
      '',
      '',
      'class Product(models.Model):',
      '    name = models.CharField(max_length=100, db_index=True)',
      '    category = models.ForeignKey(Category, on_delete=models.CASCADE)',
      '',
      '',
      'class Tag(models.Model):',
      '    label = models.CharField(max_length=20)',
      '',
    ].join('\n');
    await page.evaluate((t) => (globalThis as unknown as { __dmlEditor: { setValue(p: string, t: string): void } }).__dmlEditor.setValue('catalog/models.py', t), models);
    const before = await terminalText(page);
    await typeLine(page, 'python manage.py makemigrations catalog --name add_slug');
    await waitForTerminal(page, /Select an option: ?$/m);
    expect((await terminalText(page)).slice(before.length)).toContain('(saved catalog/models.py before running)');
    await typeLine(page, '1');
    await waitForTerminal(page, />>> ?$/m);
    await typeLine(page, "'none'");
    const out = await waitForTerminal(page, /\+ Add field slug to category[\s\S]*\$ ?$/);
    expect(out).toContain('catalog/migrations/0002_add_slug.py');
    const mig = await runCommand(page, 'python manage.py migrate');
    expect(mig).toContain('Applying catalog.0002_add_slug... OK');
  }, 120_000);

  it('marks a syntax error at its line while typing', async () => {
    const original = (await runCommand(page, 'cat sale/models.py')).split('\n').slice(1).join('\n');
    await page.locator('[data-testid="file-tree"] [data-path="sale/models.py"]').click();
    await waitMonaco(page);
    await typeInEditor(page, ['x = = 1']);
    await expect
      .poll(async () => (await markers(page, 'sale/models.py')).map((m) => `${m.owner}:${m.line}:${m.message}`), { timeout: 15_000 })
      .toEqual(['syntax:10:SyntaxError: invalid syntax']);
    await page.evaluate((t) => (globalThis as unknown as { __dmlEditor: { setValue(p: string, t: string): void } }).__dmlEditor.setValue('sale/models.py', t), original);
    await page.keyboard.press('Control+S');
    await expect.poll(() => markers(page, 'sale/models.py')).toEqual([]);
  }, 60_000);

  it('opens dbshell with psql output', async () => {
    const before = (await terminalText(page)).length;
    await typeLine(page, 'python manage.py dbshell');
    await waitForTerminal(page, /learner=# ?$/m);
    await typeLine(page, "INSERT INTO catalog_category (name, slug) VALUES ('Books', 'books');");
    await waitForTerminal(page, /INSERT 0 1\nlearner=# ?$/m);
    await typeLine(page, '\\dt');
    await waitForTerminal(page, /\(5 rows\)\n\nlearner=# ?$/m);
    await typeLine(page, '\\q');
    await waitForTerminal(page, /\\q\n[^\n]*\$ ?$/);
    const out = (await terminalText(page)).slice(before);
    expect(out).toContain(' public | catalog_tag       | table | postgres');
    await page.locator('[data-testid="relation"][data-name="catalog_category"]').click();
    await page.locator('[data-testid="rows-button"]').first().click();
    await page.getByRole('cell', { name: 'Books', exact: true }).waitFor({ timeout: 10_000 });
  }, 60_000);

  it('draws the ER diagram and the migration graph', async () => {
    await page.locator('[data-testid="panel-er"]').click();
    await page.locator('[data-testid="er-diagram"] g[data-table="catalog_tag"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="er-diagram"] path.edge').count()).toBe(2);
    await page.locator('[data-testid="panel-graph"]').click();
    await page.locator('[data-testid="migration-graph"] g[data-key="catalog.0002_add_slug"].applied').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="migration-graph"] g.node').count()).toBe(3);
    await page.locator('[data-testid="panel-database"]').click();
  }, 60_000);

  it('shows a migration file against what makemigrations wrote', async () => {
    const path = 'catalog/migrations/0002_add_slug.py';
    const original = (await runCommand(page, `cat ${path}`)).split('\n').slice(1).join('\n');
    await page.locator(`[data-path="${path}"]`).click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# edited by hand');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="diff-button"]').click();
    await page.locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Close diff' }).click();
    await page.evaluate(([p, t]) => (globalThis as unknown as { __dmlEditor: { setValue(p: string, t: string): void } }).__dmlEditor.setValue(p!, t!), [path, original]);
    await page.keyboard.press('Control+S');
    expect(await runCommand(page, `cat ${path}`)).not.toContain('# edited by hand');
  }, 60_000);

  it('Ctrl+C stops a command stuck in the database by restarting the worker', async () => {
    await typeLine(page, 'python manage.py dbshell');
    await waitForTerminal(page, /learner=# ?$/m);
    await typeLine(page, 'select pg_sleep(30);');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+C');
    await waitForTerminal(page, /the database worker was restarted[\s\S]*\$ ?$/);
    await waitReady(page);
    const out = await runCommand(page, 'python manage.py showmigrations sale');
    expect(out).toContain(' [X] 0001_initial');
  }, 60_000);

  it('completes with Tab', async () => {
    await page.locator('[data-testid="terminal"] textarea').focus();
    await page.keyboard.type('python manage.py sqlmi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('cat');
    await page.keyboard.press('Tab');
    await page.keyboard.type('00');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await waitForTerminal(page, /0001_initial\s+0002_add_slug/);
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    const before = (await terminalText(page)).split(PROMPT).length;
    await page.keyboard.press('Enter');
    const out = await waitForTerminal(page, /COMMIT;\n[^\n]*\$ ?$/);
    expect(out.split(PROMPT).length).toBeGreaterThan(before);
    expect(out).toContain('$ python manage.py sqlmigrate catalog 0002_add_slug');
    expect(out).toContain('ALTER TABLE "catalog_category" ADD COLUMN "slug" varchar(50) DEFAULT');
  }, 60_000);

  it('keeps files and database across a reload', async () => {
    await page.reload();
    await waitForTerminal(page, PROMPT_RE, 30_000);
    await waitReady(page);
    const boot = await page.evaluate(() => (globalThis as unknown as { __dmlBoot: { freshDatabase: boolean } }).__dmlBoot);
    expect(boot.freshDatabase).toBe(false);
    const out = await runCommand(page, 'python manage.py showmigrations catalog');
    expect(out).toContain(' [X] 0001_initial\n [X] 0002_add_slug');
    await page.locator('[data-testid="relation"][data-name="catalog_tag"]').waitFor({ timeout: 15_000 });
    const cat = await runCommand(page, 'cat catalog/models.py');
    expect(cat).toContain('class Tag(models.Model):');
  }, 120_000);

  it('gives a second tab a read-only view that can take over', async () => {
    const second = await ctx.newPage();
    second.on('dialog', (d) => void d.accept());
    await second.goto(server.url);
    await second.locator('[data-testid="take-over"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => second.locator('[data-testid="file-tree"] [data-path="catalog/models.py"]').count()).toBe(1);
    await waitForTerminal(second, PROMPT_RE);
    await typeLine(second, 'python manage.py migrate');
    await waitForTerminal(second, /read-only/);
    await second.locator('[data-testid="take-over"]').click();
    await waitReady(second);
    await waitForTerminal(second, PROMPT_RE);
    await page.getByText('The sandbox was opened in another tab').waitFor({ timeout: 20_000 });
    const out = await runCommand(second, 'python manage.py showmigrations sale');
    expect(out).toContain(' [X] 0001_initial');
    await page.close();
    page = second;
  }, 120_000);

  it('exports the project, switches to the empty project, imports the zip back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .zip' }).click()]);
    const zipPath = await download.path();
    const { unzipSync, strFromU8 } = await import('fflate');
    const entries = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
    expect(strFromU8(entries['django-project/catalog/models.py']!)).toContain('class Tag(models.Model):');
    await page.locator('[data-testid="project-select"]').selectOption('empty');
    await page.locator('[data-path="shop/models.py"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="database-tree"]').getByText('No tables yet').waitFor({ timeout: 20_000 });
    await page.locator('input[type="file"]').setInputFiles(zipPath);
    await page.locator('[data-path="catalog/migrations/0002_add_slug.py"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-path="shop/models.py"]').count()).toBe(0);
    const out = await runCommand(page, 'python manage.py migrate');
    expect(out).toContain('Applying catalog.0002_add_slug... OK');
  }, 120_000);

  it('switches the whole interface to Russian and back, in place', async () => {
    const select = page.locator('[data-testid="language-select"]');
    await select.selectOption('ru');
    await page.getByRole('button', { name: 'Сбросить базу' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="panel-lessons"]').textContent()).toContain('Уроки');
    await page.locator('[data-testid="status"]').getByText(/PostgreSQL запущен за \d+,\d с/).waitFor({ timeout: 10_000 });
    // the worker writes its own texts in the same language
    const help = await runCommand(page, 'help');
    expect(help).toContain('python manage.py <команда> [параметры] выполнить команду Django');
    // the lesson pane follows, and its course map is in Russian
    await page.locator('[data-testid="panel-lessons"]').click();
    await page.getByText('Первые миграции').first().waitFor({ timeout: 20_000 });
    // the choice is remembered
    await page.reload();
    await waitForTerminal(page, PROMPT_RE, 30_000);
    expect(await select.inputValue()).toBe('ru');
    await page.getByRole('button', { name: 'Сбросить файлы' }).waitFor({ timeout: 10_000 });
    await select.selectOption('en');
    await page.getByRole('button', { name: 'Reset files' }).waitFor({ timeout: 10_000 });
    expect(await runCommand(page, 'help')).toContain('python manage.py <command> [options]   run a Django management command');
  }, 120_000);

  it('raised no page errors and no Content-Security-Policy violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
