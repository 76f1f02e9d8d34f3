from .. import models
from ..models import Product


def forwards(apps, schema_editor):
    return Product


class Migration:
    dependencies = [("shop", "0000")]
    operations = [models.PRICE_UNIT]
