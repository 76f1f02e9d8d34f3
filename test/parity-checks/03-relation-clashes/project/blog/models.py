from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=20)
    friends = models.ManyToManyField("self")
    followers = models.ManyToManyField("self", symmetrical=False)
    mentor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True)
    buddies = models.ManyToManyField("self", related_name="+")


class Post(models.Model):
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts", related_query_name="post")
    editor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="post")
    reviewer = models.OneToOneField(Person, on_delete=models.CASCADE)
    translator = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="post_set")


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    parent = models.ForeignKey(Post, on_delete=models.CASCADE, related_query_name="comment")

    class Meta:
        default_related_name = "comments"


class Note(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
