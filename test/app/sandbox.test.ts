/**
 * The worker's sandbox driven in Node: the shell, manage.py commands with questions, dbshell,
 * completion, diagnostics, the explorer snapshot and the migration graph.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshPGlite } from '../../src/parity/fresh-db.ts';
import { frozenEnv } from '../../src/engine/env.ts';
import type { PGliteConnection } from '../../src/engine/db/connection.ts';
import { Sandbox, type SandboxHost } from '../../src/worker/sandbox.ts';
import { sampleFiles } from '../../src/worker/samples.ts';
import type { WorkerEvent } from '../../src/worker/protocol.ts';

let conn: PGliteConnection;

class Host implements SandboxHost {
  events: WorkerEvent[] = [];
  persisted: Record<string, string | null> = {};
  emit(e: WorkerEvent): void {
    this.events.push(e);
  }
  async persist(files: Record<string, string | null>): Promise<void> {
    Object.assign(this.persisted, files);
  }
  output(): string {
    return this.events
      .filter((e): e is Extract<WorkerEvent, { type: 'output' }> => e.type === 'output')
      .map((e) => e.text)
      .join('');
  }
  clear(): void {
    this.events = [];
  }
}

let host: Host;
let sb: Sandbox;

beforeAll(async () => {
  conn = await freshPGlite();
});
afterAll(async () => {
  await conn.close();
});

beforeEach(async () => {
  host = new Host();
  sb = new Sandbox(conn, sampleFiles('store'), {}, host, frozenEnv());
  await sb.resetDatabase();
  host.clear();
});

/** Runs a line, feeding `answers` whenever the command waits for input. */
async function run(line: string, answers: (string | null)[] = []) {
  const p = sb.run(line, 100);
  for (const a of answers) {
    await waitForInput();
    sb.stdin(a);
  }
  return p;
}

async function waitForInput(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    // the job's queue is waiting once the command awaits readLine
    const job = (sb as unknown as { job: { queue: { waiting: boolean } } | null }).job;
    if (job?.queue.waiting) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the command never asked for input');
}

describe('shell', () => {
  it('runs makemigrations and migrate, records generated files and tells the page', async () => {
    const r1 = await run('python manage.py makemigrations');
    expect(r1.status).toBe(0);
    expect(host.output()).toContain("Migrations for 'catalog':");
    expect(r1.changed).toEqual(['catalog/migrations/0001_initial.py', 'sale/migrations/0001_initial.py']);
    expect(sb.generated.get('catalog/migrations/0001_initial.py')).toContain('migrations.CreateModel');
    expect(host.persisted['sale/migrations/0001_initial.py']).toContain("('catalog', '0001_initial')");
    expect(host.events.some((e) => e.type === 'files')).toBe(true);
    host.clear();
    const r2 = await run('./manage.py migrate');
    expect(r2.status).toBe(0);
    expect(host.output()).toContain('Applying sale.0001_initial... OK');
    expect(host.events.some((e) => e.type === 'dbChanged')).toBe(true);
    const snap = sb.schema();
    const names = snap.schemas.find((s) => s.name === 'public')!.relations.map((r) => r.name);
    expect(names).toEqual(['catalog_category', 'catalog_product', 'django_migrations', 'sale_sale']);
    const product = snap.schemas[0]!.relations.find((r) => r.name === 'catalog_product')!;
    expect(product.columns.find((c) => c.name === 'category_id')!.references).toBe('public.catalog_category.id');
    expect(product.foreignKeys[0]!.targetTable).toBe('catalog_category');
    expect(product.rows).toBe(0);
    expect(snap.history!.map((h) => `${h.app}.${h.name}`)).toEqual(['catalog.0001_initial', 'sale.0001_initial']);
    const graph = sb.graph();
    expect(graph.error).toBeNull();
    expect(graph.nodes.map((n) => `${n.app}.${n.name}:${n.applied}`).sort()).toEqual(['catalog.0001_initial:true', 'sale.0001_initial:true']);
    expect(graph.edges).toEqual([['sale.0001_initial', 'catalog.0001_initial']]);
  });

  it('answers makemigrations questions typed in the terminal', async () => {
    await run('python manage.py makemigrations && python manage.py migrate');
    sb.fs.write('catalog/models.py', sb.fs.read('catalog/models.py')! + '\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=20)\n');
    sb.fs.write(
      'catalog/models.py',
      sb.fs.read('catalog/models.py')!.replace('    name = models.CharField(max_length=100)\n', '    name = models.CharField(max_length=100)\n    slug = models.SlugField()\n'),
    );
    host.clear();
    const r = await run('python manage.py makemigrations catalog', ['1', "'x'"]);
    expect(host.output()).toContain('Select an option:');
    expect(host.events.some((e) => e.type === 'inputMode' && e.mode === 'text')).toBe(true);
    expect(r.status).toBe(0);
    expect(host.output()).toContain('+ Add field slug to category');
  });

  it('shows answers typed ahead for the learner (a lesson\'s "Solve step") when the command reads them', async () => {
    await run('python manage.py makemigrations && python manage.py migrate');
    sb.fs.write(
      'catalog/models.py',
      sb.fs.read('catalog/models.py')!.replace('    name = models.CharField(max_length=100)\n', '    name = models.CharField(max_length=100)\n    slug = models.SlugField()\n'),
    );
    host.clear();
    const p = sb.run('python manage.py makemigrations catalog', 100);
    await waitForInput();
    // both answers at the first question, as the lesson pane sends them
    sb.stdin('1', true);
    sb.stdin("'x'", true);
    expect((await p).status).toBe(0);
    const out = host.output();
    expect(out).toContain('Select an option: 1\nPlease enter the default value as valid Python.');
    expect(out).toContain(">>> 'x'\nMigrations for 'catalog':");
    // lines the learner typed are echoed by the page, not again by the worker
    host.clear();
    sb.fs.write('catalog/models.py', sb.fs.read('catalog/models.py')!.replace('    slug = models.SlugField()\n', '    slug = models.SlugField()\n    code = models.SlugField()\n'));
    await run('python manage.py makemigrations catalog', ['1', "'y'"]);
    expect(host.output()).toContain('Select an option: Please enter the default value as valid Python.');
  });

  it('Ctrl+C at a question ends the command', async () => {
    await run('python manage.py makemigrations && python manage.py migrate');
    sb.fs.write(
      'catalog/models.py',
      sb.fs.read('catalog/models.py')!.replace('    name = models.CharField(max_length=100)\n', '    name = models.CharField(max_length=100)\n    slug = models.SlugField()\n'),
    );
    host.clear();
    const p = sb.run('python manage.py makemigrations');
    await waitForInput();
    sb.interrupt();
    const r = await p;
    expect(r.status).not.toBe(0);
    expect(sb.busy).toBe(false);
  });

  it('has ls, cat, rm, echo, help and friendly errors', async () => {
    await run('ls');
    expect(host.output()).toContain('manage.py');
    expect(host.output()).toContain('\x1b[1;34mcatalog\x1b[0m');
    host.clear();
    await run('cat catalog/models.py');
    expect(host.output()).toContain('class Product(models.Model):');
    host.clear();
    expect((await run('cat nope.py')).status).toBe(1);
    expect(host.output()).toBe('cat: nope.py: No such file or directory\n');
    host.clear();
    await run('python manage.py makemigrations');
    expect((await run('rm catalog/migrations/0001_initial.py')).status).toBe(0);
    expect(sb.fs.read('catalog/migrations/0001_initial.py')).toBeUndefined();
    expect(sb.generated.has('catalog/migrations/0001_initial.py')).toBe(false);
    host.clear();
    expect((await run('rm ../x')).status).toBe(1);
    host.clear();
    expect((await run('frobnicate')).status).toBe(127);
    expect(host.output()).toBe('frobnicate: command not found\n');
    host.clear();
    expect((await run('echo "a  b" c')).status).toBe(0);
    expect(host.output()).toBe('a  b c\n');
    host.clear();
    expect((await run('ls | grep x')).status).toBe(2);
    host.clear();
    expect((await run('false_cmd || echo fallback')).status).toBe(0);
    expect(host.output()).toContain('fallback');
  });

  it('reports unknown manage.py commands like Django', async () => {
    const r = await run('python manage.py frob');
    expect(r.status).toBe(1);
    expect(host.output()).toContain("Unknown command: 'frob'");
  });
});

describe('migration graph', () => {
  it('shows squashed migrations and what they replace', async () => {
    await run('python manage.py makemigrations');
    sb.fs.write(
      'catalog/models.py',
      sb.fs.read('catalog/models.py')!.replace('    name = models.CharField(max_length=100)\n', '    name = models.CharField(max_length=100)\n    note = models.TextField(default="")\n'),
    );
    await run('python manage.py makemigrations catalog --name note');
    await run('python manage.py migrate');
    const r = await run('python manage.py squashmigrations catalog 0002 --noinput');
    expect(r.status).toBe(0);
    const g = sb.graph();
    expect(g.error).toBeNull();
    const squash = g.nodes.find((n) => n.replaces.length > 0)!;
    expect(squash.name).toMatch(/^0001_squashed_0002_note$/);
    expect(squash.replaces).toEqual(['catalog.0001_initial', 'catalog.0002_note']);
    expect(squash.replacing).toBe(true);
    expect(squash.applied).toBe(true);
    expect(g.nodes.filter((n) => n.replaced).map((n) => n.name).sort()).toEqual(['0001_initial', '0002_note']);
  });
});

describe('dbshell', () => {
  it('runs SQL and psql describe commands, and leaves with \\q', async () => {
    await run('python manage.py makemigrations && python manage.py migrate');
    host.clear();
    const p = sb.run('python manage.py dbshell');
    const lines = [
      "INSERT INTO catalog_category (name) VALUES ('Books'), ('Games');",
      'SELECT id, name',
      'FROM catalog_category ORDER BY id;',
      '\\dt',
      '\\d catalog_product',
      'select 1/0;',
      '\\q',
    ];
    for (const l of lines) {
      await waitForInput();
      sb.stdin(l);
    }
    const r = await p;
    expect(r.status).toBe(0);
    const out = host.output();
    expect(out).toMatch(/^psql \(18[.\d]*\)\nType "help" for help\.\n\nlearner=# /);
    expect(out).toContain('INSERT 0 2\n');
    expect(out).toContain('learner-# ');
    expect(out).toContain(' id | name  \n----+-------\n  1 | Books\n  2 | Games\n(2 rows)\n\n');
    expect(out).toContain('              List of relations\n Schema |       Name        | Type  |  Owner   \n');
    expect(out).toContain('Table "public.catalog_product"');
    expect(out).toContain('    "catalog_product_pkey" PRIMARY KEY, btree (id)\n');
    expect(out).toContain('ERROR:  division by zero\n');
    expect(host.events.some((e) => e.type === 'inputMode' && e.mode === 'sql')).toBe(true);
    expect(sb.schema().schemas[0]!.relations.find((r) => r.name === 'catalog_category')!.rows).toBe(2);
  });

  it('runs -c and rolls back an open transaction on exit', async () => {
    const r = await run('python manage.py dbshell -- -c "select 41 + 1 as answer"');
    expect(r.status).toBe(0);
    expect(host.output()).toBe(' answer \n--------\n     42\n(1 row)\n\n');
    host.clear();
    const p = sb.run('python manage.py dbshell');
    for (const l of ['begin;', 'create table t (x int);', null]) {
      await waitForInput();
      sb.stdin(l);
    }
    await p;
    expect(host.output()).toContain('learner=*# ');
    expect(sb.schema().schemas[0]!.relations.map((r) => r.name)).not.toContain('t');
  });
});

describe('completion', () => {
  it('completes commands, options, app labels and migration names', async () => {
    const c = (line: string, mode: 'shell' | 'sql' = 'shell') => sb.complete(line, line.length, mode);
    expect((await c('pyt')).candidates).toEqual(['python ', 'python3 ']);
    expect((await c('python man')).candidates).toEqual(['manage.py ']);
    expect((await c('python manage.py mak')).candidates).toEqual(['makemigrations ']);
    expect((await c('./manage.py sh')).candidates).toEqual(['shell ', 'showmigrations ']);
    expect((await c('python manage.py makemigrations --em')).candidates).toEqual(['--empty ']);
    expect((await c('python manage.py migrate ')).candidates).toEqual(['catalog ', 'sale ']);
    await run('python manage.py makemigrations');
    const m = await c('python manage.py migrate catalog ');
    expect(m.candidates).toEqual(['0001_initial ', 'zero ']);
    expect(m.from).toBe('python manage.py migrate catalog '.length);
    expect((await c('python manage.py sqlmigrate sale 0')).candidates).toEqual(['0001_initial ']);
    expect((await c('cat cat')).candidates).toEqual(['catalog/']);
    expect((await c('cat catalog/mo')).candidates).toEqual(['catalog/models.py ']);
    expect((await c('\\d', 'sql')).candidates).toContain('\\dt ');
  });
});

describe('diagnostics', () => {
  it('marks syntax errors where the parser finds them', () => {
    const d = sb.checkSyntax('catalog/models.py', 'from django.db import models\n\nclass A(models.Model):\n    x = models.CharField(max_length=3\n');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(4);
    expect(d[0]!.message).toBe("SyntaxError: '(' was never closed");
    expect(sb.checkSyntax('catalog/models.py', 'x = 1\n')).toEqual([]);
  });

  it('marks system-check errors on the field that causes them', async () => {
    sb.fs.write('sale/models.py', sb.fs.read('sale/models.py')! + '    other = models.ForeignKey(Product, on_delete=models.PROTECT)\n');
    const r = await run('python manage.py makemigrations');
    expect(r.status).toBe(1);
    const lines = r.diagnostics.map((d) => `${d.path}:${d.line}:${d.column}-${d.endColumn}:${d.source}:${d.message.split('\n')[0]}`);
    expect(lines).toEqual([
      "sale/models.py:9:5-10:check:(fields.E304) Reverse accessor 'Product.sale_set' for 'sale.Sale.other' clashes with reverse accessor for 'sale.Sale.product'.",
      "sale/models.py:8:5-12:check:(fields.E304) Reverse accessor 'Product.sale_set' for 'sale.Sale.product' clashes with reverse accessor for 'sale.Sale.other'.",
    ]);
    expect(r.diagnostics[0]!.message).toContain('\nHINT: Add or change a related_name argument');
  });

  it('marks a migration that depends on a missing one', async () => {
    await run('python manage.py makemigrations');
    const path = 'sale/migrations/0001_initial.py';
    sb.fs.write(path, sb.fs.read(path)!.replace("('catalog', '0001_initial')", "('catalog', '0009_missing')"));
    const r = await run('python manage.py migrate');
    expect(r.status).toBe(1);
    const d = r.diagnostics.find((x) => x.path === path)!;
    expect(d.source).toBe('migration');
    expect(sb.fs.read(path)!.split('\n')[d.line - 1]).toContain("('catalog', '0009_missing')");
    expect(d.message).toContain("Migration sale.0001_initial dependencies reference nonexistent parent node ('catalog', '0009_missing')");
  });

  it('marks the innermost project frame of a traceback', async () => {
    sb.fs.write('sale/models.py', sb.fs.read('sale/models.py')!.replace('    created = models.DateTimeField()\n', '    created = models.DateTimeField()\n    z = foo(1)\n'));
    const r = await run('python manage.py makemigrations');
    expect(r.status).toBe(1);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ path: 'sale/models.py', line: 8, column: 9, endColumn: 12, message: "NameError: name 'foo' is not defined" }),
    ]);
  });
});
