from django.db import models


class Label(models.Model):
    label = models.CharField(max_length=20)
    color = models.CharField(max_length=7, default="#000000")


class Note(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Label, blank=True)
    main_tag = models.ForeignKey(Label, on_delete=models.SET_NULL, null=True, related_name="+")
