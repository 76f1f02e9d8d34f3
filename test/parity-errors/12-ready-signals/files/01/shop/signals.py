from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from .models import Item


@receiver(post_save, sender=Itme)
def announce(sender, instance, created, **kwargs):
    print("saved", instance.name, created)


@receiver([pre_delete], sender="shop.Item", dispatch_uid="goodbye")
def goodbye(sender, **kwargs):
    print("deleting")
