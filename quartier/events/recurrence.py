"""Recurrence rules after RFC 5545 (RRULE), expanded with python-dateutil.

Rules are expanded in local time (Europe/Berlin), so a round table at 18:00 stays at 18:00
across the change to and from summer time. Friendly choices of the series form produce the
rule; an advanced user may type one, which is checked here."""

import datetime
import itertools
from typing import Any

from dateutil.rrule import DAILY, rrule, rrulestr  # type: ignore[import-untyped]
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_OCCURRENCES = 60  # at most this many occurrences are materialised per step
HORIZON = datetime.timedelta(days=365)  # open-ended series are materialised this far ahead
PAST_WINDOW = datetime.timedelta(days=365)  # and this far back when a series is entered late

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Repeat:
    MONTHLY_WEEKDAY = "monthly_weekday"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY_DAY = "monthly_day"
    CUSTOM = "custom"


REPEAT_CHOICES = [
    (Repeat.MONTHLY_WEEKDAY, _("monthly on the same weekday (e.g. every 2nd Tuesday)")),
    (Repeat.WEEKLY, _("weekly")),
    (Repeat.BIWEEKLY, _("every two weeks")),
    (Repeat.MONTHLY_DAY, _("monthly on the same day")),
    (Repeat.CUSTOM, _("advanced: my own RRULE")),
]

RRULE_ERROR = _(
    "This is not a valid recurrence rule (RFC 5545 RRULE), e.g. FREQ=MONTHLY;BYDAY=2TU "
    "for every second Tuesday: %(problem)s"
)


def nth_weekday(start: datetime.datetime) -> str:
    """The BYDAY value for "the same weekday of the month" as `start`: 2TU for the second
    Tuesday; -1TU for a fifth Tuesday (that is, the last one)."""
    local = timezone.localtime(start)
    n = (local.day - 1) // 7 + 1
    return f"{-1 if n == 5 else n}{WEEKDAYS[local.weekday()]}"


def rule_for(repeat: str, first_start: datetime.datetime, custom: str = "") -> str:
    if repeat == Repeat.MONTHLY_WEEKDAY:
        return f"FREQ=MONTHLY;BYDAY={nth_weekday(first_start)}"
    if repeat == Repeat.WEEKLY:
        return "FREQ=WEEKLY"
    if repeat == Repeat.BIWEEKLY:
        return "FREQ=WEEKLY;INTERVAL=2"
    if repeat == Repeat.MONTHLY_DAY:
        return "FREQ=MONTHLY"
    return custom


def repeat_of(rule: str) -> str:
    """The friendly choice that produces `rule`, or CUSTOM."""
    body = rule.upper()
    if body == "FREQ=WEEKLY":
        return Repeat.WEEKLY
    if body == "FREQ=WEEKLY;INTERVAL=2":
        return Repeat.BIWEEKLY
    if body == "FREQ=MONTHLY":
        return Repeat.MONTHLY_DAY
    if body.startswith("FREQ=MONTHLY;BYDAY=") and ";" not in body[len("FREQ=MONTHLY;") :]:
        return Repeat.MONTHLY_WEEKDAY
    return Repeat.CUSTOM


def _invalid(problem: Any) -> ValidationError:
    return ValidationError(RRULE_ERROR, code="invalid_rrule", params={"problem": problem})


def parse_rule(text: str, first_start: datetime.datetime) -> Any:
    """The dateutil rule for an RRULE value (without the "RRULE:" prefix and without DTSTART)
    starting at `first_start`; a ValidationError with a clear message when it is not valid."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if not body or "\n" in body or "DTSTART" in body.upper():
        raise _invalid(_("give one rule without DTSTART"))
    try:
        rule = rrulestr(body, dtstart=timezone.localtime(first_start))
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise _invalid(str(error) or body) from error
    if not isinstance(rule, rrule):
        raise _invalid(_("give one rule without DTSTART"))
    if rule._freq > DAILY:  # hourly, minutely, secondly: not meetings
        raise _invalid(_("repeat at most daily"))
    if next(iter(rule), None) is None:
        raise _invalid(_("the rule has no date"))
    return rule


def normalise(text: str) -> str:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    return body.upper()


def with_until(rule_text: str, until: datetime.date | None) -> str:
    """Adds UNTIL (the end of that day in local time, written in UTC as RFC 5545 asks for a
    rule with a zoned start) unless the rule already ends by COUNT or UNTIL."""
    if until is None or "COUNT=" in rule_text or "UNTIL=" in rule_text:
        return rule_text
    end = timezone.make_aware(datetime.datetime.combine(until, datetime.time(23, 59, 59)))
    return f"{rule_text};UNTIL={end.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"


def starts_between(
    rule_text: str,
    first_start: datetime.datetime,
    window_start: datetime.datetime,
    window_end: datetime.datetime,
    limit: int = MAX_OCCURRENCES,
) -> list[datetime.datetime]:
    """The starts of the rule within the window (inclusive), at most `limit` of them."""
    rule = parse_rule(rule_text, first_start)
    found = rule.xafter(timezone.localtime(window_start), count=limit, inc=True)
    return list(itertools.takewhile(lambda d: d <= window_end, found))
