"""The demo events of the Talviertel (issue 5, item 7)."""

import pytest
from django.conf import settings
from django.utils import timezone

from quartier.accounts.services import ensure_demo_admin
from quartier.actors.demo import load_demo_actors
from quartier.alliances.demo import load_demo_alliances
from quartier.events.demo import ROUND_TABLE, load_demo_events
from quartier.events.models import ActionItem, Event, Minutes, Series
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.places.demo import load_demo_places
from quartier.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_a_monthly_round_table_with_minutes_and_upcoming_creative_formats():
    load_demo_neighbourhood()
    ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    load_demo_actors()
    load_demo_places()
    load_demo_alliances()
    events, items = load_demo_events()
    series = Series.objects.get(title=ROUND_TABLE)
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU" and series.alliance is not None
    assert series.occurrences.filter(start__lt=timezone.now()).count() == 3
    assert Minutes.objects.filter(event__series=series).count() == 3
    assert ActionItem.objects.filter(event__series=series).count() == 6 == items
    assert series.occurrences.filter(start__gt=timezone.now()).exists()
    upcoming = set(
        Event.objects.filter(series__isnull=True, start__gt=timezone.now()).values_list(
            "format", flat=True
        )
    )
    assert upcoming == {"creative_workshop", "living_lab", "neighbourhood_forum", "temporary_use"}
    assert Event.objects.get(format="temporary_use").place is not None
    assert SearchEntry.objects.filter(kind="event").count() == 5  # four events, one series
    # idempotent
    assert load_demo_events() == (events, items)
