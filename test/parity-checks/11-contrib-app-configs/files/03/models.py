from django.db import models


class Order(models.Model):
    placed = models.DateTimeField(auto_now_add=True)
