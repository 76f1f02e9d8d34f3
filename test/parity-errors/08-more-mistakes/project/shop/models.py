from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)
    price = models.IntegerField(default=0)

    def __str__(self):
        return self.price

    def save(self, *args, **kwargs):
        if self.price < 0:
            raise ValueError("price must not be negative")
        super().save(*args, **kwargs)
