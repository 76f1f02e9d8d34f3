from django.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField(max_length=100)
    born = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Book(models.Model):
    FORMATS = [("hb", "Hardback"), ("pb", "Paperback")]

    title = models.CharField(max_length=200)
    pages = models.IntegerField(default=0)
    price = models.DecimalField(max_digits=6, decimal_places=2)
    rating = models.FloatField(null=True, blank=True)
    fmt = models.CharField(max_length=2, choices=FORMATS, default="pb")
    in_print = models.BooleanField(default=True)
    published = models.DateField(null=True)
    created = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    publisher = models.ForeignKey(Publisher, on_delete=models.SET_NULL, null=True, blank=True)

    def __str__(self):
        return self.title


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    stars = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)


class Series(models.Model):
    name = models.CharField(max_length=100)
    books = models.ManyToManyField(Book, related_name="series")
    editor = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True, related_name="edited")
