from django.db import models


class Quest(models.Model):
    title = models.CharField(max_length=100)


class Knight(models.Model):
    name = models.CharField(max_length=100, unique=True)
    of_the_round_table = models.BooleanField()
    dances_whenever_able = models.BooleanField()
    shrubberies = models.IntegerField(null=False)
    horses = models.IntegerField(default=1)
    title = models.CharField(max_length=30)
    quests = models.ManyToManyField(Quest, blank=True)

    class Meta:
        unique_together = [("name", "of_the_round_table")]
