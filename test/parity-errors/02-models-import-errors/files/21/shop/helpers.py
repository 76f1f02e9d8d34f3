def slugify_name(name):
    return name.lower().replace(" ", "-")
