from django.db import models


class Link(models.Model):
    alpha = models.ForeignKey("alpha.Thing", on_delete=models.CASCADE, related_name="+")
    beta = models.ForeignKey("beta.Thing", on_delete=models.CASCADE, related_name="+")
    gamma = models.ForeignKey("gamma.Thing", on_delete=models.CASCADE, related_name="+")
