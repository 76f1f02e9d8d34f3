from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    label = "store"
    verbose_name = "The shop"
    default_auto_field = "django.db.models.AutoField"
