from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)


class Group(models.Model):
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Person, related_name="clubs", db_table="club_group_people")
    leaders = models.ManyToManyField(Person, through="Leadership", through_fields=("group", "leader"), related_name="led")


class Leadership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    leader = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    since = models.DateField(null=True)
