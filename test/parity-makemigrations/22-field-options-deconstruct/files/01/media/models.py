from django.core.files.storage import FileSystemStorage
from django.db import models


def pick_storage():
    return FileSystemStorage(location="/tmp/media")


class Asset(models.Model):
    title = models.CharField(max_length=100, db_collation="POSIX", error_messages={"blank": "A title, please", "max_length": "Too long"})
    body = models.TextField(db_collation="C", editable=False)
    slug = models.SlugField(allow_unicode=True, unique_for_date="published")
    published = models.DateField(null=True)
    site = models.URLField()
    email = models.EmailField()
    ip = models.GenericIPAddressField(protocol="IPv6", null=True)
    any_ip = models.GenericIPAddressField(protocol="both", unpack_ipv4=True, null=True)
    upload = models.FileField(upload_to="uploads/", storage=pick_storage)
    fixed = models.FileField(storage=FileSystemStorage(location="/srv/files", base_url="/files/"), blank=True)
    folder = models.FilePathField(path="/srv", allow_files=True, allow_folders=False, recursive=True)
    blob = models.BinaryField(editable=True, max_length=1024)
    weight = models.FloatField(default=0.0)
    big = models.PositiveBigIntegerField(db_tablespace="", db_index=True, default=0)
    small = models.SmallIntegerField(unique_for_month="published", unique_for_year="published", default=0)
    ratio = models.DecimalField(max_digits=5, decimal_places=4, blank=True, null=True)
    secret = models.CharField(max_length=20, editable=False, blank=True, verbose_name="secret value", help_text="")
