import factory

from quartier.actors.models import Actor, ContactPerson, Membership, Resource, Tie, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    short_description = "Eine erfundene Initiative für Tests."
    sector = "civil_society"
    legal_form = "ev"
    visibility = "public"

    @factory.post_generation
    def neighbourhoods(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.neighbourhoods.set(extracted)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    actor = factory.SubFactory(ActorFactory)
    direction = "offer"
    kind = "space"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("quartier.accounts.tests.factories.UserFactory")
    actor = factory.SubFactory(ActorFactory)
    role = "admin"


class TieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tie

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    claimed_by = factory.SelfAttribute("source")
    kind = "cooperation"
    status = "confirmed"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@beispiel.example")
    public_consent = True
