from django.db import models


class Gadget(models.Model):
    label = models.CharField(max_length=80)
    widget = models.ForeignKey("alpha.Widget", on_delete=models.CASCADE)
