import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import MembershipFactory
from quartier.core.models import Notification
from quartier.events import recurrence, services
from quartier.events.models import ActionItem, Event, Registration, Series
from quartier.events.tests.factories import EventFactory, SeriesFactory, in_days
from quartier.search.models import SearchEntry

BERLIN_18 = datetime.time(18)


def aware(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def test_every_second_tuesday_of_the_month():
    starts = recurrence.starts_between(
        "FREQ=MONTHLY;BYDAY=2TU",
        aware(2026, 1, 13, 18),
        aware(2026, 1, 1),
        aware(2026, 6, 30),
    )
    assert [s.date().isoformat() for s in starts] == [
        "2026-01-13",
        "2026-02-10",
        "2026-03-10",
        "2026-04-14",
        "2026-05-12",
        "2026-06-09",
    ]
    # 18:00 local time on both sides of the change to summer time (29 March 2026)
    assert {timezone.localtime(s).time() for s in starts} == {BERLIN_18}


def test_every_other_tuesday():
    starts = recurrence.starts_between(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        aware(2026, 3, 3, 9),
        aware(2026, 3, 1),
        aware(2026, 4, 1),
    )
    assert [s.day for s in starts] == [3, 17, 31]


def test_friendly_choices_produce_the_rule():
    start = aware(2026, 2, 10, 18)  # the second Tuesday of February
    assert recurrence.rule_for("monthly_weekday", start) == "FREQ=MONTHLY;BYDAY=2TU"
    assert recurrence.rule_for("monthly_weekday", aware(2026, 3, 31, 18)) == (
        "FREQ=MONTHLY;BYDAY=-1TU"  # a fifth Tuesday means the last one
    )
    assert recurrence.rule_for("biweekly", start) == "FREQ=WEEKLY;INTERVAL=2"
    assert recurrence.repeat_of("FREQ=MONTHLY;BYDAY=2TU") == "monthly_weekday"
    assert recurrence.repeat_of("FREQ=DAILY;COUNT=3") == "custom"
    assert "UNTIL=20260630T215959Z" in recurrence.with_until(
        "FREQ=WEEKLY", datetime.date(2026, 6, 30)
    )


@pytest.mark.parametrize(
    "rule",
    ["FREQ=SOMETIMES", "FREQ=HOURLY", "FREQ=DAILY;BYDAY=XX", "DTSTART:20260101", "", "hallo"],
)
def test_a_wrong_rule_gets_a_clear_message(rule):
    with pytest.raises(ValidationError) as error:
        recurrence.parse_rule(rule, aware(2026, 1, 1, 18))
    assert "RRULE" in error.value.messages[0]


@pytest.mark.django_db
def test_a_series_is_materialised_for_a_year_or_its_count(scene):
    series = services.save_series(
        SeriesFactory.build(rrule="FREQ=MONTHLY;BYDAY=2TU", alliance=scene["alliance"]),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    n = series.occurrences.count()
    assert 12 <= n <= 13
    first = series.occurrences.first()
    assert first.title == "Runder Tisch" and list(first.organisers.all()) == [scene["lead"]]
    counted = services.save_series(
        SeriesFactory.build(rrule="FREQ=WEEKLY;COUNT=5"),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    assert counted.occurrences.count() == 5
    daily = services.save_series(
        SeriesFactory.build(rrule="FREQ=DAILY"), organisers=[scene["lead"]], by=scene["steer"]
    )
    assert daily.occurrences.count() == recurrence.MAX_OCCURRENCES
    # the daily step extends the horizon, never twice the same occurrence
    later = timezone.now() + datetime.timedelta(days=10)
    assert services.extend_all_series(later) > 0
    assert services.extend_all_series(later) == 0
    starts = list(daily.occurrences.values_list("original_start", flat=True))
    assert len(starts) == len(set(starts)) and max(starts) > later + datetime.timedelta(days=58)


@pytest.mark.django_db
def test_editing_a_series_updates_future_occurrences_without_minutes(scene):
    series = services.save_series(
        SeriesFactory.build(rrule="FREQ=WEEKLY;COUNT=4", capacity=10),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    first, second, *_rest = series.occurrences.order_by("start")
    services.save_minutes(first, text="Protokoll", decisions=[], by=scene["steer"])
    services.register(second, by=scene["member"])
    series.title = "Runder Tisch (neu)"
    series.rrule = "FREQ=WEEKLY;COUNT=2"
    services.save_series(series, organisers=[scene["lead"]], by=scene["steer"])
    titles = dict(series.occurrences.values_list("pk", "title"))
    assert titles[first.pk] == "Runder Tisch"  # has minutes: stays as it was
    assert titles[second.pk] == "Runder Tisch (neu)"  # keeps its registration, follows the rule
    assert second.registrations.count() == 1
    assert series.occurrences.count() == 2  # the two left over had nobody registered


@pytest.mark.django_db
def test_a_series_gets_the_rrule_checked(scene):
    with pytest.raises(ValidationError) as error:
        services.save_series(
            SeriesFactory.build(rrule="FREQ=SELTEN"), organisers=[scene["lead"]], by=scene["steer"]
        )
    assert "rrule" in error.value.message_dict
    assert not Series.objects.exists()


@pytest.mark.django_db
def test_a_venue_is_required():
    user = UserFactory()
    actor = MembershipFactory(user=user).actor
    with pytest.raises(ValidationError) as error:
        services.save_event(EventFactory.build(address=""), organisers=[actor], by=user)
    assert error.value.error_dict["__all__"][0].code == "no_venue"
    event = services.save_event(
        EventFactory.build(address="", online_url="https://konferenz.example/raum"),
        organisers=[actor],
        by=user,
    )
    assert event.pk


@pytest.mark.django_db
def test_nobody_organises_in_the_name_of_others(scene):
    with pytest.raises(PermissionDenied):
        services.save_event(EventFactory.build(), organisers=[scene["lead"]], by=scene["outsider"])
    # alliance events are held by the alliance's steering
    with pytest.raises(PermissionDenied):
        services.save_event(
            EventFactory.build(alliance=scene["alliance"]),
            organisers=[scene["partner"]],
            by=scene["member"],
        )
    event = services.save_event(
        EventFactory.build(alliance=scene["alliance"]),
        organisers=[scene["partner"]],  # a member actor of the alliance the steering may name
        by=scene["steer"],
    )
    event.title = "Geändert"
    with pytest.raises(PermissionDenied):
        services.save_event(event, organisers=[scene["partner"]], by=scene["outsider"])


@pytest.mark.django_db
def test_beyond_capacity_to_the_waiting_list_and_up_when_a_seat_frees(scene):
    event = EventFactory(capacity=2, organisers=[scene["lead"]])
    first, second, third, fourth = UserFactory.create_batch(4)
    assert services.register(event, by=first).status == "confirmed"
    assert services.register(event, by=second).status == "confirmed"
    waiting = services.register(event, by=third)
    later = services.register(event, by=fourth)
    assert waiting.status == "waiting" and services.waiting_position(waiting) == 1
    assert services.waiting_position(later) == 2
    assert services.register(event, by=third).pk == waiting.pk  # twice is once

    services.cancel_registration(event, by=first)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and waiting.moved_up_at
    assert services.waiting_position(Registration.objects.get(pk=later.pk)) == 1
    told = Notification.objects.get(user=third)
    assert told.url == event.get_absolute_url()
    assert not Notification.objects.filter(user=fourth).exists()


@pytest.mark.django_db
def test_more_seats_move_the_waiting_list_up(scene):
    event = EventFactory(capacity=1, organisers=[scene["lead"]])
    services.register(event, by=scene["member"])
    services.register(event, by=scene["outsider"])
    event.capacity = 2
    services.save_event(event, organisers=[scene["lead"]], by=scene["steer"])
    assert set(event.registrations.values_list("status", flat=True)) == {"confirmed"}


@pytest.mark.django_db
def test_registration_is_for_visible_open_events_only(scene):
    hidden = EventFactory(visibility="members", organisers=[scene["lead"]])
    with pytest.raises(PermissionDenied):
        services.register(hidden, by=scene["outsider"])
    closed = EventFactory(registration_open=False)
    with pytest.raises(PermissionDenied):
        services.register(closed, by=scene["member"])
    event = EventFactory()
    with pytest.raises(PermissionDenied):  # for an actor one does not belong to
        services.register(event, by=scene["member"], actor=scene["lead"])
    assert (
        services.register(event, by=scene["member"], actor=scene["partner"]).actor
        == (scene["partner"])
    )


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_the_same_moment(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks between two connections are tested on PostgreSQL; SQLite "
            "runs one writer at a time"
        )
    event = EventFactory(capacity=1)
    people = UserFactory.create_batch(2)
    barrier = threading.Barrier(2)
    create = Registration.objects.create

    def slow_create(**fields: object) -> Registration:
        time.sleep(0.5)  # without the lock both would count a free seat
        return create(**fields)

    monkeypatch.setattr(Registration.objects, "create", slow_create)
    outcomes: list[str] = []

    def take(user) -> None:
        try:
            barrier.wait()
            outcomes.append(services.register(event, by=user).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed", "waiting"]


@pytest.mark.django_db
def test_minutes_with_action_items_for_members(scene):
    event = services.save_event(
        EventFactory.build(alliance=scene["alliance"], format="round_table"),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    minutes = services.save_minutes(
        event, text="# Protokoll", decisions=["Wir machen ein Fest", " ", ""], by=scene["steer"]
    )
    assert minutes.decisions == ["Wir machen ein Fest"]
    with pytest.raises(PermissionDenied):
        services.save_minutes(event, text="x", decisions=[], by=scene["member"])
    item = services.add_action_item(
        event,
        title="Flyer drucken",
        owner=scene["member"],
        owner_actor=scene["partner"],
        due_on=timezone.localdate(),
        by=scene["steer"],
    )
    assert Notification.objects.filter(user=scene["member"]).exists()
    with pytest.raises(ValidationError):  # not a member of the organisers or the alliance
        services.add_action_item(
            event, title="x", owner=scene["outsider"], due_on=None, by=scene["steer"]
        )
    with pytest.raises(ValidationError):  # not the owner's actor
        services.add_action_item(
            event,
            title="x",
            owner=scene["member"],
            owner_actor=scene["lead"],
            due_on=None,
            by=scene["steer"],
        )
    with pytest.raises(PermissionDenied):
        services.set_action_item_status(item, "done", by=scene["outsider"])
    services.set_action_item_status(item, "done", by=scene["member"])
    item.refresh_from_db()
    assert item.status == "done" and item.done_at


@pytest.mark.django_db
def test_reminders_once_per_item_due_within_two_days(scene):
    event = EventFactory(organisers=[scene["lead"]])
    today = timezone.localdate()
    soon = ActionItem.objects.create(
        event=event, title="Bald", owner=scene["steer"], due_on=today + datetime.timedelta(days=2)
    )
    ActionItem.objects.create(
        event=event, title="Später", owner=scene["steer"], due_on=today + datetime.timedelta(days=9)
    )
    ActionItem.objects.create(
        event=event, title="Erledigt", owner=scene["steer"], due_on=today, status="done"
    )
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    soon.refresh_from_db()
    assert soon.reminded_at
    assert Notification.objects.filter(user=scene["steer"], title__contains="Bald").count() == 1


@pytest.mark.django_db
def test_only_public_events_are_found_and_a_series_once(scene):
    public = services.save_event(
        EventFactory.build(title="Reallabor Marktplatz"),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    internal = services.save_event(
        EventFactory.build(title="Interne Runde", visibility="members"),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    series = services.save_series(
        SeriesFactory.build(), organisers=[scene["lead"]], by=scene["steer"]
    )
    entries = SearchEntry.objects.filter(kind="event")
    assert public.pk in entries.values_list("object_id", flat=True)
    assert internal.pk not in entries.values_list("object_id", flat=True)
    occurrences = set(series.occurrences.values_list("pk", flat=True))
    assert len(occurrences & set(entries.values_list("object_id", flat=True))) == 1
    public.cancelled = True
    services.save_event(public, organisers=[scene["lead"]], by=scene["steer"])
    assert not entries.filter(object_id=public.pk).exists()


@pytest.mark.django_db
def test_an_occurrence_keeps_its_own_registrations(scene):
    series = services.save_series(
        SeriesFactory.build(rrule="FREQ=WEEKLY;COUNT=3", first_start=in_days(1), capacity=1),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    first, second, _third = Event.objects.filter(series=series).order_by("start")
    services.register(first, by=scene["member"])
    assert services.register(second, by=scene["outsider"]).status == "confirmed"


@pytest.mark.django_db
def test_the_daily_commands_run(scene):
    from io import StringIO

    from django.core.management import call_command

    event = EventFactory(organisers=[scene["lead"]])
    ActionItem.objects.create(
        event=event, title="Heute", owner=scene["steer"], due_on=timezone.localdate()
    )
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("extend_series", stdout=out)
    assert "Erinnerungen an Aufgaben verschickt: 1" in out.getvalue()
    assert "Neue Termine aus Terminreihen: 0" in out.getvalue()
