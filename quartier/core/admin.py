from django.contrib import admin

from quartier.core.models import TaskProgress


@admin.register(TaskProgress)
class TaskProgressAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "done", "total", "created_at"]
    list_filter = ["status"]
    list_select_related = ["owner"]
