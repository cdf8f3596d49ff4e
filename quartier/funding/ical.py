"""The deadlines of funding programmes as an iCalendar feed (all-day events)."""

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from quartier.funding.models import FundingProgramme


def deadlines_calendar(programmes: Iterable[FundingProgramme], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Quartier//Förderfristen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    base = settings.SITE_URL.rstrip("/")
    for programme in programmes:
        if programme.next_deadline is None:
            continue
        event = icalendar.Event()
        event.add(
            "uid", f"funding-deadline-{programme.pk}-{programme.next_deadline:%Y%m%d}@quartier"
        )
        event.add("summary", f"Antragsfrist: {programme.title}")
        event.add("dtstart", programme.next_deadline)
        event.add("dtend", programme.next_deadline + timedelta(days=1))
        event.add("dtstamp", timezone.now())
        event.add("url", base + programme.get_absolute_url())
        event.add("description", f"{programme.funder_name}. {base}{programme.get_absolute_url()}")
        calendar.add_component(event)
    return calendar.to_ical()
