import factory

from quartier.neighbourhoods.models import FederalState, Municipality, Neighbourhood


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Beispielstadt {n}")
    state = FederalState.ST


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    is_fictional = True
