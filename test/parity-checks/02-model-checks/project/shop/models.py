from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80)


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)


class Bar(models.Model):
    id = models.IntegerField()
    name = models.CharField(max_length=50)
    alias = models.CharField(max_length=50, db_column="name")
    code = models.CharField(max_length=10, primary_key=True)
    other = models.CharField(max_length=10, primary_key=True)


class Dish_(models.Model):
    title = models.CharField(max_length=50)


class Menu__Item(models.Model):
    title = models.CharField(max_length=50)


class Review(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE)
    score = models.IntegerField()

    @property
    def place_id(self):
        return 1
