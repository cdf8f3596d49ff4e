from django.contrib import admin

from quartier.dashboard.models import (
    Annotation,
    StatisticalArea,
    StatisticIndicator,
    StatisticValue,
)


@admin.register(StatisticIndicator)
class StatisticIndicatorAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "unit", "direction", "counts_for_status", "source"]
    search_fields = ["key", "title"]


@admin.register(StatisticalArea)
class StatisticalAreaAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "municipality", "neighbourhood", "valid_from", "valid_until"]
    list_filter = ["municipality"]
    search_fields = ["key", "name"]
    raw_id_fields = ["neighbourhood"]


@admin.register(StatisticValue)
class StatisticValueAdmin(admin.ModelAdmin):
    list_display = ["area", "indicator", "year", "value"]
    list_filter = ["indicator", "year"]
    raw_id_fields = ["area"]


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["neighbourhood", "figure", "author", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["neighbourhood", "author", "moderated_by"]
