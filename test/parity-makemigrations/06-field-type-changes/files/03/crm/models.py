from django.db import models


class Company(models.Model):
    id = models.SmallAutoField(primary_key=True)
    name = models.CharField(max_length=100)


class Tag(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
    label = models.CharField(max_length=30)


class Contact(models.Model):
    uid = models.UUIDField(primary_key=True)
    name = models.CharField(max_length=100)
    company_id_number = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, related_name="numbered")
    employer = models.IntegerField()
    profile = models.OneToOneField(Company, on_delete=models.SET_NULL, null=True, related_name="+")
    score = models.DecimalField(max_digits=5, decimal_places=1, default=0)
