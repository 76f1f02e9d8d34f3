from django.db import models


class Entry(models.Model):
    id = models.AutoField(primary_key=True)
    author = models.CharField(max_length=50)
    day = models.DateField()
    score = models.IntegerField()
    flagged = models.BooleanField(null=True)

    class Meta:
        unique_together = ("author", "score")
        indexes = [
            models.Index(fields=["author", "day"]),
            models.Index(fields=["day", "score"], name="entry_day_score_idx"),
        ]
