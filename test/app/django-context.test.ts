import { describe, expect, it } from 'vitest';
import { djangoContext } from '../../src/app/editor/django-context.ts';

describe('djangoContext', () => {
  it('recognises models., migrations. and on_delete=', () => {
    expect(djangoContext('class A(models.Model):\n    name = models.Ch')).toEqual({ kind: 'models' });
    expect(djangoContext('operations = [\n    migrations.Add')).toEqual({ kind: 'migrations' });
    expect(djangoContext('    c = models.ForeignKey(Category, on_delete=')).toEqual({ kind: 'onDelete' });
    expect(djangoContext('    c = models.ForeignKey(Category, on_delete=models.PR')).toEqual({ kind: 'onDelete' });
  });

  it('offers keyword arguments inside a field call, minus those given', () => {
    expect(djangoContext('    name = models.CharField(max_length=10, ')).toEqual({ kind: 'fieldArgs', field: 'CharField', used: ['max_length'] });
    expect(djangoContext("    p = models.ForeignKey(\n        'Product',\n        ")).toEqual({ kind: 'fieldArgs', field: 'ForeignKey', used: [] });
    expect(djangoContext('    name = models.CharField(max_length=')).toBeNull();
    expect(djangoContext("    x = foo(")).toBeNull();
  });

  it('knows the body of Meta and of a migration class', () => {
    expect(djangoContext('class A(models.Model):\n    x = 1\n\n    class Meta:\n        ')).toEqual({ kind: 'meta' });
    expect(djangoContext('class Migration(migrations.Migration):\n\n    ')).toEqual({ kind: 'migrationBody' });
    expect(djangoContext('class A(models.Model):\n    ')).toBeNull();
  });
});
