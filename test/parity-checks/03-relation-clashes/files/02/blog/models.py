from django.db import models


class Base(models.Model):
    owner = models.ForeignKey("Owner", on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items")

    class Meta:
        abstract = True


class Owner(models.Model):
    name = models.CharField(max_length=20)


class Box(Base):
    pass


class Crate(Base):
    pass


class Place(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)


class Restaurant(Place):
    pass


class Menu(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="menus")
    restaurant = models.ForeignKey(Restaurant, on_delete=models.CASCADE, related_name="menus")


class PlaceProxy(Place):
    class Meta:
        proxy = True


class Sign(models.Model):
    place = models.ForeignKey(PlaceProxy, on_delete=models.CASCADE, related_name="menus")
