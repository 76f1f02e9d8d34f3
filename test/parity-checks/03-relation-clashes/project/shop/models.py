from django.db import models


class Target(models.Model):
    model = models.IntegerField()
    model_set = models.IntegerField()
    clash = models.IntegerField()


class Model(models.Model):
    foreign = models.ForeignKey(Target, on_delete=models.CASCADE)
    m2m = models.ManyToManyField(Target)
    other = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="clash")
    hidden = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    hidden2 = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
