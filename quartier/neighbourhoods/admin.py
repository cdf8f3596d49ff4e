from django.contrib import admin

from quartier.neighbourhoods.models import Municipality, Neighbourhood


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "official_key"]
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "is_fictional"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "municipality__name"]
