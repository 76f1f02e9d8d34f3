from django.db import models


class MoneyField(models.DecimalField):
    description = "An amount of money"

    def __init__(self, *args, currency="EUR", **kwargs):
        self.currency = currency
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.currency != "EUR":
            kwargs["currency"] = self.currency
        return name, path, args, kwargs


class SkuField(models.Field):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "char(%s)" % self.max_length

    def rel_db_type(self, connection):
        return "varchar(%s)" % self.max_length


class TagsField(models.TextField):
    def db_type(self, connection):
        return "text[]"
