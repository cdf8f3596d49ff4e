from django.contrib import admin

from quartier.places.models import Place, SpaceRequest


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "area_m2", "neighbourhood"]
    list_filter = ["kind", "status"]
    list_select_related = ["neighbourhood"]
    search_fields = ["name", "street", "city"]


@admin.register(SpaceRequest)
class SpaceRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "actor", "status", "start", "current_place_ends"]
    list_filter = ["status"]
    list_select_related = ["actor"]
