import datetime

import factory
from django.utils import timezone

from quartier.events.models import ActionItem, Event, Series


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kreativworkshop {n}")
    format = "creative_workshop"
    address = "Marktgasse 1, 39999 Musterstadt"
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisers.set(extracted)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        skip_postgeneration_save = True

    title = "Runder Tisch"
    format = "round_table"
    address = "Rathaus, Saal 2"
    rrule = "FREQ=MONTHLY;BYDAY=2TU"
    first_start = factory.LazyFunction(lambda: in_days(3))
    duration = datetime.timedelta(hours=2)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
    owner = factory.SubFactory("quartier.accounts.tests.factories.UserFactory")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
