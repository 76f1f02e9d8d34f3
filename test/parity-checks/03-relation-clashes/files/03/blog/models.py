from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=20)


class Post(models.Model):
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    editor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="edited")
