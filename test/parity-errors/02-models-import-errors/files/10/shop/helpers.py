from .models import Item


def slugify_name(name):
    return name.lower().replace(" ", "-")
