from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=50)


class Restaurant(Place):
    name_id = models.IntegerField(default=0)
    restaurant = models.IntegerField(default=0)


class Cafe(Place):
    pass


class Coffee(Restaurant, Cafe):
    pass
