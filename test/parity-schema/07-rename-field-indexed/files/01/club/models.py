from django.db import models


class Club(models.Model):
    handle = models.SlugField(unique=True)
    name = models.CharField(max_length=50, db_index=True)
    city = models.CharField(max_length=30)
    members = models.ManyToManyField("Member", related_name="clubs")

    class Meta:
        indexes = [models.Index(fields=["city", "name"], name="club_city_name_idx")]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="club_city_name_uniq")]


class Member(models.Model):
    nick = models.CharField(max_length=20, db_column="nickname")


class Event(models.Model):
    club = models.ForeignKey(Club, models.CASCADE, to_field="handle")
    host = models.ForeignKey(Member, models.CASCADE)
