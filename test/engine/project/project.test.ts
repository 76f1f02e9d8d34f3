/**
 * Loading a project the way django.setup() does: settings, app configs, models.py into ModelMetas
 * and ModelStates (abstract inheritance, multi-table inheritance, proxies, Meta options).
 */
import { describe, expect, test } from 'vitest';
import { frozenEnv } from '../../../src/engine/env.ts';
import { MemoryFS } from '../../../src/engine/project/fs.ts';
import { Project } from '../../../src/engine/project/project.ts';
import { PyException } from '../../../src/engine/python/objects.ts';
import { formatException } from '../../../src/engine/python/index.ts';

const SETTINGS = `
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent
INSTALLED_APPS = ["shop"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c search_path=other"}}}
`;

function load(models: string, extra: Record<string, string> = {}): Project {
  const fs = new MemoryFS({ 'settings.py': SETTINGS, 'shop/__init__.py': '', 'shop/models.py': models, ...extra }, '/proj');
  const p = new Project(fs, frozenEnv());
  p.setup();
  return p;
}

function fieldsOf(p: Project, label: string): string[] {
  const ms = p.currentState().models.get(label)!;
  return [...ms.fields.keys()];
}

describe('Project.setup', () => {
  test('reads settings, app configs and the libpq options', () => {
    const p = load('from django.db import models\n');
    expect(p.settings.installedApps).toEqual(['shop']);
    expect(p.settings.libpqOptions).toBe('-c search_path=other');
    expect(p.appConfigs.map((a) => a.label)).toEqual(['shop']);
  });

  test('an AppConfig in apps.py supplies default_auto_field and label', () => {
    const p = load('from django.db import models\nclass A(models.Model):\n    x = models.IntegerField()\n', {
      'shop/apps.py': 'from django.apps import AppConfig\nclass ShopConfig(AppConfig):\n    default_auto_field = "django.db.models.SmallAutoField"\n    name = "shop"\n',
    });
    expect(p.appConfig('shop')!.configClass!.name).toBe('ShopConfig');
    expect(p.apps.getModel('shop', 'A').pk!.getInternalType()).toBe('SmallAutoField');
  });

  test('abstract bases give their fields and Meta (with abstract=False) to children', () => {
    const p = load(`
from django.db import models
class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    owner = models.ForeignKey("Owner", on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_set")
    class Meta:
        abstract = True
        ordering = ["-created"]
class Owner(models.Model):
    name = models.CharField(max_length=10)
class Post(Stamped):
    title = models.CharField(max_length=10)
`);
    expect(p.apps.findModel('shop.stamped')).toBeUndefined();
    expect(fieldsOf(p, 'shop.post')).toEqual(['id', 'created', 'owner', 'title']);
    const ms = p.currentState().models.get('shop.post')!;
    expect([...ms.options.keys()].sort()).toEqual(['abstract', 'constraints', 'indexes', 'ordering']);
    expect(ms.options.get('abstract')).toBe(false);
    // The deconstructed field keeps the template; the rendered relation is interpolated.
    expect(ms.fields.get('owner')!.deconstruct().kwargs.get('related_name')).toBe('%(app_label)s_%(class)s_set');
    expect(p.apps.getModel('shop', 'Post').getField('owner').remoteField!.relatedName).toBe('shop_post_set');
  });

  test('multi-table inheritance links the parent with an auto-created <parent>_ptr primary key', () => {
    const p = load(`
from django.db import models
class Place(models.Model):
    name = models.CharField(max_length=10)
class Restaurant(Place):
    seats = models.IntegerField()
`);
    const r = p.apps.getModel('shop', 'Restaurant');
    expect(r.pk!.name).toBe('place_ptr');
    expect([...r.parents.keys()].map((m) => m.label)).toEqual(['shop.Place']);
    const d = p.currentState().models.get('shop.restaurant')!.fields.get('place_ptr')!.deconstruct();
    expect([...d.kwargs.keys()].sort()).toEqual(['auto_created', 'on_delete', 'parent_link', 'primary_key', 'serialize', 'to']);
    expect(p.currentState().models.get('shop.restaurant')!.bases).toEqual(['shop.place']);
  });

  test('proxy models have no fields of their own', () => {
    const p = load(`
from django.db import models
class Animal(models.Model):
    name = models.CharField(max_length=10)
class Dog(Animal):
    class Meta:
        proxy = True
`);
    expect(fieldsOf(p, 'shop.dog')).toEqual([]);
    expect(p.apps.getModel('shop', 'Dog').concreteModel.label).toBe('shop.Animal');
  });

  test('invalid Meta attributes raise TypeError like Django', () => {
    try {
      load('from django.db import models\nclass A(models.Model):\n    class Meta:\n        orderin = ["x"]\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PyException);
      expect((e as PyException).lastLine).toBe("TypeError: 'class Meta' got invalid attribute(s): orderin");
    }
  });

  test('a syntax error in models.py is reported with file and line', () => {
    try {
      load('from django.db import models\nclass A(models.Model):\n    name = models.CharField(max_length=10\n');
      expect.unreachable();
    } catch (e) {
      const text = formatException(e as PyException);
      expect(text).toContain('File "/proj/shop/models.py", line 3');
      expect(text.trimEnd().split('\n').pop()).toBe("SyntaxError: '(' was never closed");
    }
  });

  test('ForeignKey without on_delete fails at import with CPython wording', () => {
    try {
      load('from django.db import models\nclass A(models.Model):\n    b = models.ForeignKey("A")\n');
      expect.unreachable();
    } catch (e) {
      expect((e as PyException).lastLine).toBe("TypeError: ForeignKey.__init__() missing 1 required positional argument: 'on_delete'");
    }
  });
});
