"""Django settings for a project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-xyz")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "").split(",") if os.getenv("ALLOWED_HOSTS") else []

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "shop",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "learner"),
        "USER": "postgres",
        "HOST": "localhost",
        "PORT": "5432",
        "OPTIONS": {"options": "-c search_path=shop"},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
USE_TZ = True
STATIC_ROOT = BASE_DIR / "static"
TEMPLATES_DIR = os.path.join(BASE_DIR, "templates")

print(BASE_DIR, DEBUG, ALLOWED_HOSTS, DATABASES["default"]["NAME"], STATIC_ROOT, TEMPLATES_DIR, __doc__)
print(sorted(k for k in dir() if k.isupper()))
