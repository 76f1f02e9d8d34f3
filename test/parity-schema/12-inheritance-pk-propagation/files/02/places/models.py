from django.db import models


class Place(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=50)


class Restaurant(Place):
    place = models.OneToOneField(Place, models.CASCADE, parent_link=True, primary_key=True, db_column="place_ref")
    serves_pizza = models.BooleanField(default=False)


class Bar(Restaurant):
    happy_hour = models.BooleanField(default=False)


class Review(models.Model):
    restaurant = models.ForeignKey(Restaurant, models.CASCADE)
    stars = models.IntegerField()


class Guide(models.Model):
    title = models.CharField(max_length=50)
    restaurants = models.ManyToManyField(Restaurant)
    bars = models.ManyToManyField(Bar, related_name="guides")
