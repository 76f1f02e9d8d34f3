from .post import Post
from .utils import default_slug

__all__ = ["Post", "default_slug"]
