from django.db import models


class Company(models.Model):
    name = models.CharField(max_length=100)


class Tag(models.Model):
    label = models.CharField(max_length=30)


class Contact(models.Model):
    name = models.CharField(max_length=100)
    company_id_number = models.IntegerField(null=True)
    employer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="staff")
    profile = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, related_name="+")
    tag = models.ForeignKey(Tag, on_delete=models.SET_NULL, null=True)
    score = models.IntegerField(default=0)
