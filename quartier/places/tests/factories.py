import datetime

import factory

from quartier.places.models import Place, SpaceRequest


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Ladenlokal {n}")
    kind = "shop"
    status = "vacant"
    area_m2 = 80
    latitude = 51.700
    longitude = 11.740
    rent_eur_month = 300
    available_from = datetime.date(2026, 1, 1)
    uses = ["gallery", "popup"]
    features = ["ground_floor", "shop_window", "electricity"]


class SpaceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceRequest

    actor = factory.SubFactory("quartier.actors.tests.factories.ActorFactory")
    title = factory.Sequence(lambda n: f"Raum für Ausstellungen {n}")
    uses = ["gallery"]
    area_m2_min = 50
    area_m2_max = 150
    budget_eur_month = 400
    start = datetime.date(2027, 2, 1)
    months = 6
    latitude = 51.701
    longitude = 11.741
    radius_km = 3
    must_have = ["ground_floor"]
