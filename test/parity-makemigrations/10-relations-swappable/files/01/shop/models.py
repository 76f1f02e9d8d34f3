from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q


def sentinel_user():
    return None


class Store(models.Model):
    code = models.CharField(max_length=10, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_stores")
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="managed_stores", db_table="store_managers")
    staff_group = models.ForeignKey(Group, on_delete=models.SET_DEFAULT, null=True, blank=True, default=None)


class Order(models.Model):
    store = models.ForeignKey(
        Store,
        on_delete=models.CASCADE,
        to_field="code",
        db_column="store_code",
        related_name="orders",
        related_query_name="order",
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(sentinel_user),
        null=True,
        limit_choices_to={"is_active": True, "is_staff": False},
    )
    approver = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        limit_choices_to=Q(is_staff=True) | Q(is_superuser=True),
        db_constraint=True,
    )
    previous = models.OneToOneField("self", on_delete=models.DO_NOTHING, null=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.RESTRICT)
