from django.db import models


class Club(models.Model):
    handle = models.SlugField(unique=True)
    title = models.CharField(max_length=50, db_index=True)
    city = models.CharField(max_length=30)
    people = models.ManyToManyField("Member", related_name="clubs")

    class Meta:
        indexes = [models.Index(fields=["city", "title"], name="club_city_name_idx")]
        constraints = [models.UniqueConstraint(fields=["city", "title"], name="club_city_name_uniq")]


class Member(models.Model):
    alias = models.CharField(max_length=20, db_column="nickname")


class Event(models.Model):
    club = models.ForeignKey(Club, models.CASCADE, to_field="handle")
    organizer = models.ForeignKey(Member, models.CASCADE)
