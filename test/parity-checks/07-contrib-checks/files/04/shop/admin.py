from django.contrib import admin

from .models import Book, Member


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title"]


admin.site.register(Member)
