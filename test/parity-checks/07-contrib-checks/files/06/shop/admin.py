from django.contrib import admin

from .models import Boook

admin.site.register(Boook)
