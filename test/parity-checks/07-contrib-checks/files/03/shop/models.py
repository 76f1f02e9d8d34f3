from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models


class Member(AbstractBaseUser):
    email = models.EmailField()
    nickname = models.CharField(max_length=30)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["email", "nickname"]

    def is_anonymous(self):
        return False


class Book(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        permissions = [
            ("add_book", "Can really add"),
            ("dup", "First"),
            ("dup", "Second"),
            ("c" * 101, "Long codename"),
            ("long_name", "n" * 256),
        ]
