from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import Item


@receiver(post_save, sender=Itme)
def announce(sender, instance, created, **kwargs):
    print("saved", instance.name, created, kwargs["update_fields"], kwargs["raw"], kwargs["using"])


@receiver(pre_save, sender="shop.Item")
def before(sender, instance, **kwargs):
    print("about to save", sender.__name__, instance.pk)


@receiver([pre_delete], sender="shop.Item", dispatch_uid="goodbye")
def goodbye(sender, **kwargs):
    print("deleting")


@receiver(post_delete, sender=Item)
def gone(sender, instance, origin, **kwargs):
    print("deleted", instance.name, instance.pk, type(origin).__name__, kwargs["using"])
