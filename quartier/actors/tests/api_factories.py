"""Factories for the API tests of actors and ties (the general actor factories are to come in
factories.py; these may then be replaced by them)."""

import factory

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import (
    Actor,
    ContactPerson,
    Membership,
    Resource,
    ResourceKind,
    Sector,
    Tie,
    Topic,
)
from quartier.core.models import Visibility


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Akteur {n:03d}")
    slug = factory.Sequence(lambda n: f"akteur-{n}")
    short_description = "Macht mit im Quartier."
    sector = Sector.CULTURE
    visibility = Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Membership.Role.ADMIN


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    actor = factory.SubFactory(ActorFactory)
    direction = Resource.Direction.OFFER
    kind = ResourceKind.SPACE


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@beispiel.example")
    public_consent = True


class TieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tie

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    kind = Tie.Kind.COOPERATION
    status = Tie.Status.CONFIRMED
    claimed_by = factory.SelfAttribute("source")
