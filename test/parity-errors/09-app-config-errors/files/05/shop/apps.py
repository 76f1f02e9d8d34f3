from django.apps import AppConfig


class ShopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "shop"


class OtherConfig(AppConfig):
    default = True
    name = "shop"


class ThirdConfig(AppConfig):
    default = True
    name = "shop"
