def default_slug():
    return "untitled"
