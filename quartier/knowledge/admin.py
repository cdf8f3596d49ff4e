from django.contrib import admin

from quartier.knowledge.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "place", "updated_at"]
    list_filter = ["kind", "status"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary"]
