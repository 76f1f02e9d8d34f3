/**
 * The ORM on a real PGlite: the statements Django sends for saving, deleting and many-to-many
 * changes (they decide identity values and row order), the deletion collector, transactions,
 * and values as Python sees them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { recordQueries } from '../../../src/engine/orm/index.ts';
import { TestProject, closeDatabase, database } from './helpers.ts';

const MODELS = `
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=20, unique=True)

    def __str__(self):
        return self.name


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    created = models.DateTimeField(auto_now_add=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    tags = models.ManyToManyField(Tag, blank=True)

    def __str__(self):
        return self.name


class Sale(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    fallback = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, related_name='fallback_sales')
`;

let project: TestProject;

async function sql(code: string): Promise<string[]> {
  const log = recordQueries(true)!;
  try {
    await project.py(code);
  } finally {
    recordQueries(false);
  }
  return [...log];
}

beforeAll(async () => {
  project = new TestProject(await database(), MODELS);
  await project.setup();
});

afterAll(async () => {
  await closeDatabase();
});

beforeEach(async () => {
  await project.py('Sale.objects.all().delete(); Product.objects.all().delete(); Tag.objects.all().delete(); Category.objects.all().delete()');
});

describe('saving', () => {
  test('create() inserts and returns the id; save() of a loaded object updates every field', async () => {
    const q = await sql("c = Category.objects.create(name='Books'); c.name = 'Novels'; c.save()");
    expect(q[0]).toMatch(/^INSERT INTO "shop_category" \("name"\) VALUES \('Books'\) RETURNING "shop_category"\."id"$/);
    expect(q[1]).toMatch(/^UPDATE "shop_category" SET "name" = 'Novels' WHERE "shop_category"\."id" = \d+$/);
  });

  test('save(update_fields=...) updates only those columns; auto_now_add is filled on insert', async () => {
    const out = await project.py(
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', price='2.50', category=c); print(repr(p.price), p.created); p.price = '3'; p.save(update_fields=['price']); p.refresh_from_db(); print(repr(p.price))",
    );
    expect(out).toBe("'2.50' 2026-01-02 03:04:05+00:00\nDecimal('3.00')\n");
  });

  test('a new instance with an explicit pk tries UPDATE first, then INSERT', async () => {
    const q = await sql("Category(pk=500, name='X').save()");
    expect(q).toEqual([
      `UPDATE "shop_category" SET "name" = 'X' WHERE "shop_category"."id" = 500`,
      `INSERT INTO "shop_category" ("id", "name") VALUES (500, 'X') RETURNING "shop_category"."id"`,
    ]);
  });
});

describe('many-to-many', () => {
  test('add() inserts every id with ON CONFLICT DO NOTHING, in CPython set order', async () => {
    await project.py("for n in 'abcdefghij': Tag.objects.create(name=n)");
    const q = await sql(
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', category=c); ids = list(Tag.objects.order_by('-id').values_list('id', flat=True)); p.tags.add(*ids)",
    );
    const insert = q.find((s) => s.startsWith('INSERT INTO "shop_product_tags"'))!;
    const ids = [...insert.matchAll(/\(\d+, (\d+)\)/g)].map((m) => Number(m[1]));
    // a set of small ints iterates in ascending order once the table has grown
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(insert.endsWith(' ON CONFLICT DO NOTHING')).toBe(true);
  });

  test('set() removes the others and adds the missing ones; clear() deletes through rows', async () => {
    const out = await project.py(
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', category=c); a, b, d = [Tag.objects.create(name=n) for n in 'abd']; p.tags.add(a, b); p.tags.set([b, d]); print(sorted(t.name for t in p.tags.all())); p.tags.clear(); print(p.tags.count(), a.product_set.count())",
    );
    expect(out).toBe("['b', 'd']\n0 0\n");
  });
});

describe('deleting', () => {
  test('PROTECT through a CASCADE: ProtectedError names the outer relation', async () => {
    const r = await project.manage([
      'shell',
      '-v',
      '0',
      '-c',
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', category=c); Sale.objects.create(product=p); c.delete()",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /^django\.db\.models\.deletion\.ProtectedError: \("Cannot delete some instances of model 'Category' because they are referenced through protected foreign keys: 'Product\.category'\.", \{<Sale: Sale object \(\d+\)>\}\)$/,
    );
  });

  test('CASCADE counts and SET_NULL updates, in one transaction', async () => {
    const q = await sql(
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', category=c); p.tags.add(Tag.objects.create(name='t')); s = Sale.objects.create(product=Product.objects.create(name='Q', category=Category.objects.create(name='D')), fallback=c); print(c.delete())",
    );
    const from = q.findIndex((s) => s === 'BEGIN');
    const tail = q.slice(from);
    expect(tail[tail.length - 1]).toBe('COMMIT');
    expect(tail.some((s) => /^DELETE FROM "shop_product_tags" WHERE "shop_product_tags"\."product_id" IN \(\d+\)$/.test(s))).toBe(true);
    expect(tail.some((s) => /^UPDATE "shop_sale" SET "fallback_id" = NULL WHERE "shop_sale"\."fallback_id" IN \(\d+\)$/.test(s))).toBe(true);
    const out = await project.py('print(Sale.objects.filter(fallback__isnull=True).count(), Product.objects.count())');
    expect(out).toBe('1 1\n');
  });

  test('delete() results and the pk set to None', async () => {
    const out = await project.py(
      "c = Category.objects.create(name='C'); p = Product.objects.create(name='P', category=c); p.tags.add(Tag.objects.create(name='t')); print(c.delete(), c.pk, p.pk)",
    );
    expect(out).toBe("(3, {'shop.Product_tags': 1, 'shop.Product': 1, 'shop.Category': 1}) None " + out.trim().split(' ').pop() + '\n');
  });
});

describe('transactions', () => {
  test('atomic() rolls back on an exception and commits otherwise', async () => {
    const out = await project.py(
      [
        'from django.db import transaction',
        'try:',
        '    with transaction.atomic():',
        "        Category.objects.create(name='in')",
        "        raise ValueError('stop')",
        'except ValueError:',
        '    pass',
        'with transaction.atomic():',
        "    Category.objects.create(name='kept')",
        "print(list(Category.objects.values_list('name', flat=True)))",
      ].join('\n'),
    );
    expect(out).toBe("['kept']\n");
  });

  test('a nested atomic() is a savepoint', async () => {
    const q = await sql(
      [
        'from django.db import transaction, IntegrityError',
        'with transaction.atomic():',
        "    Tag.objects.create(name='x')",
        '    try:',
        '        with transaction.atomic():',
        "            Tag.objects.create(name='x')",
        '    except IntegrityError:',
        "        print('dup')",
      ].join('\n'),
    );
    expect(q[0]).toBe('BEGIN');
    expect(q.some((s) => /^SAVEPOINT "/.test(s))).toBe(true);
    expect(q.some((s) => /^ROLLBACK TO SAVEPOINT "/.test(s))).toBe(true);
    expect(q[q.length - 1]).toBe('COMMIT');
    expect(await project.py("print(Tag.objects.filter(name='x').count())")).toBe('1\n');
  });

  test('a query after an error inside atomic() raises TransactionManagementError', async () => {
    const r = await project.manage([
      'shell',
      '-v',
      '0',
      '-c',
      "from django.db import transaction, IntegrityError\nwith transaction.atomic():\n    Tag.objects.create(name='y')\n    try:\n        Tag.objects.create(name='y')\n    except IntegrityError:\n        pass\n    Tag.objects.count()",
    ]);
    expect(r.stderr.trim().split('\n').pop()).toBe(
      "django.db.transaction.TransactionManagementError: An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.",
    );
  });
});

describe('values', () => {
  test('types as psycopg2 returns them', async () => {
    const out = await project.py(
      "from django.db.models import Avg, Count; c = Category.objects.create(name='C'); Product.objects.create(name='P', price='1.50', category=c); Product.objects.create(name='Q', price=2, category=c); print(Product.objects.aggregate(Avg('price'), n=Count('id'))); print(list(Product.objects.order_by('name').values_list('price', flat=True)))",
    );
    expect(out).toBe("{'n': 2, 'price__avg': Decimal('1.7500000000000000')}\n[Decimal('1.50'), Decimal('2.00')]\n");
  });
});
