from django.urls import path

from quartier.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("allianz/<int:pk>/", views.write, {"kind": "alliance"}, name="alliance"),
    path("termin/<int:pk>/", views.write, {"kind": "event"}, name="event"),
    path("beitraege/<int:post_id>/loeschen/", views.delete, name="delete"),
]
