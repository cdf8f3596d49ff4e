"""Automatic indicators equal the counts computed independently from the records."""

import datetime
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.engines.impact import period_start
from quartier.events.models import Registration
from quartier.events.tests.factories import ActionItemFactory, EventFactory
from quartier.knowledge.services import start_run, tick_item
from quartier.knowledge.tests.factories import ChecklistFactory
from quartier.places.models import Match, UseAgreement
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory
from quartier.projects import impact_services, services
from quartier.projects.automatic import automatic_values
from quartier.projects.models import Measurement

TODAY = timezone.localdate()


def months_ago(n: int) -> datetime.date:
    day = TODAY.replace(day=1)
    for _ in range(n):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def add(setting, key):
    return impact_services.add_indicator(
        setting.project, by=setting.initiative_member, library_key=key, baseline_on=months_ago(3)
    )


def by_month(days):
    return Counter(period_start(d, "month") for d in days)


def test_brokered_area_and_vacant_days(setting):
    places = [
        PlaceFactory(area_m2=60, vacant_since=months_ago(8)),
        PlaceFactory(area_m2=140, vacant_since=months_ago(6)),
        PlaceFactory(area_m2=35, vacant_since=None),
    ]
    unrelated = PlaceFactory(area_m2=999, vacant_since=months_ago(5))
    starts = [months_ago(2) + datetime.timedelta(days=3), months_ago(1), months_ago(1)]
    for place, start in [*zip(places, starts, strict=True), (unrelated, months_ago(1))]:
        match = Match.objects.create(request=SpaceRequestFactory(), place=place, status="agreed")
        UseAgreement.objects.create(
            match=match,
            place=place,
            start=start,
            end=start + datetime.timedelta(days=90),
            use="Laden",
        )
    services.update_project(setting.project, by=setting.initiative_member, places=places)
    area, days = add(setting, "reaktivierte-flaeche"), add(setting, "leerstandstage-vorher")
    expected_area = Counter()
    expected_days: dict = {}
    for place, start in zip(places, starts, strict=True):
        expected_area[period_start(start, "month")] += place.area_m2
        if place.vacant_since:
            expected_days.setdefault(period_start(start, "month"), []).append(
                (start - place.vacant_since).days
            )
    values = automatic_values(area)
    assert {p: v for p, v in values.items() if v} == {
        p: Decimal(v) for p, v in expected_area.items()
    }
    assert values[months_ago(3)] == 0  # a month without brokering counts 0
    assert automatic_values(days) == {
        p: Decimal(round(sum(d) / len(d))) for p, d in expected_days.items()
    }


def test_confirmed_ties_between_established_and_new_actors_of_the_project(setting):
    established = ActorFactory(sector="municipality", is_established=True)
    services.add_participant(
        setting.project, established, by=setting.initiative_member, role="funder"
    )
    TieFactory(source=established, target=setting.initiative, status="confirmed")
    TieFactory(  # an open proposal of another kind: not (yet) a confirmed tie
        source=setting.initiative, target=established, kind="funding", status="unconfirmed"
    )
    TieFactory(source=established, target=ActorFactory(), status="confirmed")  # not in project
    TieFactory(source=setting.initiative, target=setting.lead, status="confirmed")  # no participant
    indicator = add(setting, "neue-kooperationen")
    from quartier.actors.models import Tie

    actors = {setting.initiative.pk, setting.partner.pk, established.pk}
    expected = by_month(
        timezone.localtime(t.answered_at or t.created_at).date()
        for t in Tie.objects.filter(status="confirmed")
        if t.source_id in actors
        and t.target_id in actors
        and t.source.is_established != t.target.is_established
    )
    values = automatic_values(indicator)
    assert {p: v for p, v in values.items() if v} == {p: Decimal(n) for p, n in expected.items()}
    assert sum(values.values()) == 1


def test_events_held_registrations_and_action_items_done(setting):
    now = timezone.now()
    held = [
        EventFactory(
            start=now - datetime.timedelta(days=40),
            end=now - datetime.timedelta(days=40) + datetime.timedelta(hours=2),
        ),
        EventFactory(
            start=now - datetime.timedelta(days=3),
            end=now - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        ),
    ]
    cancelled = EventFactory(
        start=now - datetime.timedelta(days=5),
        end=now - datetime.timedelta(days=5) + datetime.timedelta(hours=1),
        cancelled=True,
    )
    future = EventFactory()
    services.set_links(setting.project, by=setting.lead_admin, events=[*held, cancelled, future])
    for event, n in ((held[0], 3), (held[1], 2), (cancelled, 4), (future, 1)):
        for _ in range(n):
            Registration.objects.create(event=event, user=UserFactory(), status="confirmed")
    Registration.objects.create(event=held[0], user=UserFactory(), status="cancelled")
    ActionItemFactory(event=held[0], status="done", done_at=now - datetime.timedelta(days=20))
    ActionItemFactory(event=held[0], status="open")
    events, regs, items = (
        add(setting, "veranstaltungen"),
        add(setting, "anmeldungen"),
        add(setting, "erledigte-aufgaben"),
    )
    local = [timezone.localtime(e.start).date() for e in held]
    assert {p: v for p, v in automatic_values(events).items() if v} == {
        p: Decimal(n) for p, n in by_month(local).items()
    }
    expected_regs = Counter()
    for event, day in zip(held, local, strict=True):
        expected_regs[period_start(day, "month")] += event.registrations.filter(
            status="confirmed"
        ).count()
    assert {p: v for p, v in automatic_values(regs).items() if v} == {
        p: Decimal(n) for p, n in expected_regs.items()
    }
    assert sum(automatic_values(items).values()) == 1


def test_checklist_progress_and_the_refresh_waits_for_approval(setting):
    run = start_run(
        ChecklistFactory(),
        actor=setting.initiative,
        title="Eröffnung",
        by=setting.initiative_member,
    )
    services.set_links(setting.project, by=setting.initiative_member, checklist_runs=[run])
    items = list(run.items.all())
    for item in items[:2]:
        tick_item(item, by=setting.initiative_member, done=True)
    indicator = add(setting, "checklisten-fortschritt")
    assert automatic_values(indicator) == {
        period_start(TODAY, "month"): (Decimal(100) * 2 / len(items)).quantize(Decimal("0.1"))
    }
    assert impact_services.refresh_automatic_measurements(setting.project) == 1
    assert impact_services.refresh_automatic_measurements(setting.project) == 0  # nothing changed
    m = Measurement.objects.get(indicator=indicator)
    assert m.is_automatic and m.status == "submitted"
    impact_services.approve_measurement(m, by=setting.lead_admin)
    tick_item(items[2], by=setting.initiative_member, done=True)
    assert impact_services.refresh_automatic_measurements(setting.project) == 1
    m.refresh_from_db()
    assert m.status == "submitted" and m.value == (Decimal(300) / len(items)).quantize(
        Decimal("0.1")
    )
