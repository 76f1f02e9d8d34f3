from django.db import model


class Item(model.Model):
    name = model.CharField(max_length=50)
