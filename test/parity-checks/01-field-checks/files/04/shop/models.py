from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)


class Group(models.Model):
    members = models.ManyToManyField(Person, through="Membership")
    leaders = models.ManyToManyField(Person, through="Leadership", related_name="led_groups")
    guests = models.ManyToManyField(Person, through="Visit", through_fields=("group", "visitor"), related_name="visited")
    odd = models.ManyToManyField(Person, through="Missing", related_name="odd_groups")
    partial = models.ManyToManyField(Person, through="Membership", through_fields=("group",), related_name="partial_groups")


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    inviter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invites")


class Leadership(models.Model):
    note = models.CharField(max_length=10)


class Visit(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)


class Friendship(models.Model):
    a = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")
    c = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")


class Friend(models.Model):
    friends = models.ManyToManyField("self", through=Friendship)
