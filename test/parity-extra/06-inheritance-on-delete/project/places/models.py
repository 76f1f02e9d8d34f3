from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80, blank=True)

    def __str__(self):
        return self.name


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)
    seats = models.IntegerField(default=10)


class PizzaPlace(Restaurant):
    class Meta:
        proxy = True
        ordering = ["-seats"]

    def describe(self):
        return f"{self.name} seats {self.seats}"


class Owner(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


def fallback_owner():
    return Owner.objects.get_or_create(name="Nobody")[0].pk


class Review(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE)
    stars = models.IntegerField()


class Licence(models.Model):
    restaurant = models.ForeignKey(Restaurant, on_delete=models.RESTRICT)
    owner = models.ForeignKey(Owner, on_delete=models.SET(fallback_owner), null=True)
    number = models.CharField(max_length=10)


class Inspection(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.SET_DEFAULT, default=1)
    place = models.ForeignKey(Place, on_delete=models.DO_NOTHING, null=True)
