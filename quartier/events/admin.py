from django.contrib import admin

from quartier.events.models import ActionItem, Event, Registration, Series


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "start", "visibility", "cancelled"]
    list_filter = ["format", "visibility", "cancelled"]
    search_fields = ["title"]
    raw_id_fields = ["place", "neighbourhood", "alliance", "series", "organisers"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "rrule", "first_start"]
    raw_id_fields = ["place", "neighbourhood", "alliance", "organisers"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "created_at"]
    raw_id_fields = ["event", "user", "actor"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "status"]
    raw_id_fields = ["event", "owner", "owner_actor", "created_by"]
