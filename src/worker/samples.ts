/**
 * The projects a sandbox starts from. "store" is the catalog + sale project of the move-a-model
 * material (test/parity/24-move-model-copy-data/project); "empty" has one app without models.
 */
import type { SampleName } from './protocol.ts';
import { MANAGE_PY } from '../engine/project/manage-py.ts';

const STORE_SETTINGS = `"""Django settings for the sandbox project."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-sandbox"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "catalog",
    "sale",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "learner",
        "USER": "postgres",
        "HOST": "localhost",
        "PORT": "5432",
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
`;

const EMPTY_SETTINGS = `"""Django settings for the sandbox project."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-sandbox"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "shop",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "learner",
        "USER": "postgres",
        "HOST": "localhost",
        "PORT": "5432",
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
`;

const EMPTY_MODELS = 'from django.db import models\n\n# Create your models here.\n';

export const SAMPLES: Record<SampleName, Record<string, string>> = {
  store: {
    'manage.py': MANAGE_PY,
    'settings.py': STORE_SETTINGS,
    'catalog/__init__.py': '',
    'catalog/migrations/__init__.py': '',
    'catalog/models.py': `from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=100)


class Product(models.Model):
    name = models.CharField(max_length=100, db_index=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
`,
    'sale/__init__.py': '',
    'sale/migrations/__init__.py': '',
    'sale/models.py': `from django.db import models

from catalog.models import Product


class Sale(models.Model):
    created = models.DateTimeField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
`,
  },
  empty: {
    'manage.py': MANAGE_PY,
    'settings.py': EMPTY_SETTINGS,
    'shop/__init__.py': '',
    'shop/migrations/__init__.py': '',
    'shop/models.py': EMPTY_MODELS,
  },
};

export function sampleFiles(name: SampleName): Record<string, string> {
  return { ...SAMPLES[name] };
}
