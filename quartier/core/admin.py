from django.contrib import admin

from quartier.core.models import OutboxMail, TaskProgress, WorkerHeartbeat


@admin.register(TaskProgress)
class TaskProgressAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "done", "total", "created_at"]
    list_filter = ["status"]
    list_select_related = ["owner"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "attempts", "next_attempt_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "beat_at", "current_task"]
