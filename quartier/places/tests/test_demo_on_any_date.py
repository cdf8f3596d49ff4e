"""The demo means the same on any day it is loaded: every date in it is relative to today
(issue 10, item 6). Loaded with the clock two years ahead, it still has upcoming events,
displaced requests whose current place ends ahead, and vacancies with days vacant."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from quartier.events.models import Event
from quartier.places.models import AVAILABLE_STATUSES, Place, SpaceRequest
from quartier.places.selectors import vacancy_statistics

pytestmark = pytest.mark.django_db

TWO_YEARS = datetime.timedelta(days=2 * 365 + 17)


def test_the_demo_loaded_two_years_ahead_still_makes_sense():
    ahead = timezone.now() + TWO_YEARS
    with time_machine.travel(ahead, tick=True):
        today = datetime.date.today()
        assert today == timezone.localdate() == ahead.date()  # both clocks travelled
        call_command("demo", stdout=StringIO())
        now = timezone.now()

        upcoming = Event.objects.filter(start__gt=now, cancelled=False)
        assert upcoming.filter(series__isnull=True).count() >= 4
        assert upcoming.filter(series__isnull=False).exists()  # the next round table
        assert Event.objects.filter(series__isnull=False, start__lt=now).count() == 3

        displaced = SpaceRequest.objects.filter(current_place_ends__isnull=False)
        assert displaced.count() == 2
        for request in displaced:
            assert today < request.current_place_ends <= request.start
            assert request.status == SpaceRequest.Status.OPEN

        vacant = Place.objects.filter(status__in=AVAILABLE_STATUSES)
        assert vacant.exists() and not vacant.filter(vacant_since__isnull=True).exists()
        assert all(0 < (today - p.vacant_since).days < 1000 for p in vacant)  # "leer seit"
        [row] = vacancy_statistics({})
        assert row["average_days"] > 60  # "Durchschnittlich Tage leer"
