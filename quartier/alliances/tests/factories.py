import factory
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.alliances.models import Alliance, AllianceMember


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Allianz {n}")
    purpose = "Gemeinsam das Quartier entwickeln."
    status = "active"

    @factory.post_generation
    def neighbourhoods(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.neighbourhoods.set(extracted)


class AllianceMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllianceMember

    alliance = factory.SubFactory(AllianceFactory)
    actor = factory.SubFactory(ActorFactory)
    role = "partner"
    accepted_at = factory.LazyFunction(timezone.now)  # pass None for an open invitation
