from django.db import models


class Tag(models.Model):
    label = models.CharField(max_length=20)


class Note(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, blank=True)
    main_tag = models.ForeignKey(Tag, on_delete=models.SET_NULL, null=True, related_name="+")
