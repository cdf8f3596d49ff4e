import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.events import services
from quartier.events.models import ActionItem, Event, Series
from quartier.events.tests.factories import EventFactory, SeriesFactory, in_days
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tests.factories import PlaceFactory


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(
        b"".join(response) if response.streaming else response.content
    )


@pytest.mark.django_db
def test_the_calendar_shows_public_events_and_members_only_ones_to_members(client, scene):
    EventFactory(title="Offener Kreativtag", format="creative_day")
    EventFactory(title="Interne Runde", visibility="members", organisers=[scene["partner"]])
    EventFactory(
        title="Allianzrunde", visibility="members", alliance=scene["alliance"], format="round_table"
    )
    page = client.get(reverse("events:list")).content.decode()
    assert "Offener Kreativtag" in page and "Interne Runde" not in page
    assert "Allianzrunde" not in page
    client.force_login(scene["member"])
    page = client.get(reverse("events:list")).content.decode()
    assert "Interne Runde" in page and "Allianzrunde" in page
    client.force_login(scene["outsider"])
    page = client.get(reverse("events:list") + "?format=round_table").content.decode()
    assert "Allianzrunde" not in page and "Offener Kreativtag" not in page
    month = in_days(7)
    page = client.get(reverse("events:month") + f"?monat={month:%Y-%m}").content.decode()
    assert "Offener Kreativtag" in page and "Interne Runde" not in page
    assert 'scope="col"' in page and 'rel="next"' in page


@pytest.mark.django_db
def test_bad_calendar_parameters_give_a_page_not_an_error(client):
    for query in ["?monat=2026-13", "?monat=abc", "?seite=x", "?format=nonsense&neighbourhood=x"]:
        assert client.get(reverse("events:month") + query).status_code == 200
        assert client.get(reverse("events:list") + query).status_code == 200


@pytest.mark.django_db
def test_calendar_query_counts_do_not_grow(client, scene):
    neighbourhood = NeighbourhoodFactory()
    place = PlaceFactory()

    def add(n: int) -> None:
        for _ in range(n):
            EventFactory(
                neighbourhood=neighbourhood,
                place=place,
                alliance=scene["alliance"],
                organisers=[scene["lead"]],
            )

    client.force_login(scene["member"])
    assert_queries_do_not_grow(client, reverse("events:list"), add)
    Event.objects.all().delete()
    month = in_days(7)
    assert_queries_do_not_grow(client, reverse("events:month") + f"?monat={month:%Y-%m}", add)


@pytest.mark.django_db
def test_event_page_query_count_does_not_grow(client, scene):
    event = EventFactory(organisers=[scene["lead"]], alliance=scene["alliance"], capacity=100)
    services.save_minutes(event, text="Text", decisions=["A"], by=scene["steer"])

    def add(n: int) -> None:
        for _ in range(n):
            ActionItem.objects.create(
                event=event, title="Aufgabe", owner=scene["member"], owner_actor=scene["partner"]
            )
            services.register(event, by=UserFactory())

    client.force_login(scene["steer"])
    assert_queries_do_not_grow(client, event.get_absolute_url(), add)
    assert_queries_do_not_grow(client, reverse("events:registrations", args=[event.pk]), add)
    assert_queries_do_not_grow(client, reverse("events:minutes", args=[event.pk]), add)


@pytest.mark.django_db
def test_task_list_query_count_does_not_grow(client, scene):
    event = EventFactory(organisers=[scene["lead"]], alliance=scene["alliance"])

    def add(n: int) -> None:
        for _ in range(n):
            ActionItem.objects.create(
                event=event, title="Aufgabe", owner=scene["member"], owner_actor=scene["partner"]
            )

    client.force_login(scene["member"])
    assert_queries_do_not_grow(client, reverse("events:tasks"), add)


@pytest.mark.django_db
def test_members_only_event_and_alliance_minutes_stay_inside(client, scene):
    internal = EventFactory(visibility="members", organisers=[scene["partner"]])
    alliance_event = EventFactory(alliance=scene["alliance"], organisers=[scene["lead"]])
    services.save_minutes(
        alliance_event, text="Geheime Absprache", decisions=["Beschluss A"], by=scene["steer"]
    )
    services.add_action_item(
        alliance_event, title="Flyer drucken", owner=scene["member"], due_on=None, by=scene["steer"]
    )
    client.force_login(scene["outsider"])
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ics", args=[internal.pk])).status_code == 404
    page = client.get(alliance_event.get_absolute_url()).content.decode()
    assert "Geheime Absprache" not in page and "Flyer drucken" not in page
    assert client.get(reverse("events:minutes", args=[alliance_event.pk])).status_code == 403
    client.force_login(scene["member"])
    page = client.get(alliance_event.get_absolute_url()).content.decode()
    assert "Geheime Absprache" in page and "Beschluss A" in page and "Flyer drucken" in page
    assert client.get(internal.get_absolute_url()).status_code == 200
    # a member who does not organise may not write the minutes
    assert client.get(reverse("events:minutes", args=[alliance_event.pk])).status_code == 403


@pytest.mark.django_db
def test_register_beyond_capacity_and_move_up(client, scene):
    event = EventFactory(capacity=1, organisers=[scene["lead"]])
    first, second = UserFactory.create_batch(2)
    client.force_login(first)
    client.post(reverse("events:register", args=[event.pk]))
    client.force_login(second)
    client.post(reverse("events:register", args=[event.pk]))
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="registration-status"' in page and "1" in page
    assert event.registrations.get(user=second).status == "waiting"
    # organisers see the list; others do not
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 403
    client.force_login(first)
    client.post(reverse("events:cancel_registration", args=[event.pk]))
    assert event.registrations.get(user=second).status == "confirmed"
    client.force_login(scene["steer"])
    page = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert second.last_name in page and first.last_name not in page


@pytest.mark.django_db
def test_create_an_event_only_for_ones_own_actors(client, scene):
    client.force_login(scene["outsider"])
    assert client.get(reverse("events:create")).status_code == 200
    data = {
        "title": "Quartiersforum",
        "format": "neighbourhood_forum",
        "start": "2027-03-02T18:00",
        "end": "2027-03-02T20:00",
        "address": "Marktplatz",
        "visibility": "public",
        "registration_open": "on",
        "organisers": [scene["lead"].pk],
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 200 and not Event.objects.exists()
    response = client.post(reverse("events:create"), {**data, "organisers": [scene["other"].pk]})
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert timezone.localtime(event.start).hour == 18
    # no venue: a message, not an error
    response = client.post(
        reverse("events:create"), {**data, "address": "", "organisers": [scene["other"].pk]}
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Event.objects.count() == 1
    # others may not edit it
    client.force_login(scene["member"])
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    assert client.post(reverse("events:edit", args=[event.pk]), data).status_code == 403


@pytest.mark.django_db
def test_schedule_a_monthly_series_with_a_friendly_choice(client, scene):
    client.force_login(scene["steer"])
    data = {
        "title": "Runder Tisch Quartier",
        "format": "round_table",
        "first_start": "2027-01-12T18:00",  # the second Tuesday of January 2027
        "duration_minutes": "120",
        "repeat": "monthly_weekday",
        "address": "Rathaus",
        "alliance": scene["alliance"].pk,
        "organisers": [scene["lead"].pk],
        "visibility": "members",
        "registration_open": "on",
    }
    response = client.post(reverse("events:series_create"), data)
    series = Series.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    first = series.occurrences.order_by("start").first()
    assert response["Location"] == first.get_absolute_url()
    assert [timezone.localtime(e.start).day for e in series.occurrences.order_by("start")[:3]] == [
        12,
        9,
        9,
    ]  # January 12, February 9, March 9 2027
    bad = client.post(
        reverse("events:series_create"), {**data, "repeat": "custom", "rrule_text": "FREQ=OFT"}
    )
    assert bad.status_code == 200 and "RRULE" in bad.content.decode()
    assert Series.objects.count() == 1
    # a non-steering member may not hold events in the alliance's name
    client.force_login(scene["member"])
    response = client.post(reverse("events:series_create"), data)
    assert response.status_code == 200 and Series.objects.count() == 1
    assert client.get(reverse("events:series_edit", args=[series.pk])).status_code == 403


@pytest.mark.django_db
def test_minutes_and_tasks_land_on_the_owners_list(client, scene):
    event = EventFactory(alliance=scene["alliance"], organisers=[scene["lead"]])
    client.force_login(scene["steer"])
    url = reverse("events:minutes", args=[event.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "## Bericht\nAlles gut.", "decisions": "Fest am 1. Mai\nFlyer"})
    response = client.post(
        reverse("events:action_item_add", args=[event.pk]),
        {"item-title": "Flyer drucken", "item-owner": scene["member"].pk, "item-due_on": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("events:action_item_add", args=[event.pk]),
        {"item-title": "Fremd", "item-owner": scene["outsider"].pk},
    )
    assert response.status_code == 200 and ActionItem.objects.count() == 1
    item = ActionItem.objects.get()
    client.force_login(scene["outsider"])
    status_url = reverse("events:action_item_status", args=[item.pk])
    assert client.post(status_url, {"status": "done"}).status_code == 404
    client.force_login(scene["member"])
    page = client.get(reverse("events:tasks")).content.decode()
    assert "Flyer drucken" in page
    client.post(status_url, {"status": "done"})
    item.refresh_from_db()
    assert item.status == "done"
    assert client.post(status_url, {"status": "kaputt"}).status_code == 302  # a message


@pytest.mark.django_db
def test_ics_download_and_feeds_carry_the_recurrence_rule(client, scene):
    neighbourhood = NeighbourhoodFactory(slug="talviertel")
    series = services.save_series(
        SeriesFactory.build(
            title="Runder Tisch",
            rrule="FREQ=MONTHLY;BYDAY=2TU",
            neighbourhood=neighbourhood,
            alliance=scene["alliance"],
        ),
        organisers=[scene["lead"]],
        by=scene["steer"],
    )
    second = series.occurrences.order_by("start")[1]
    second.cancelled = True
    services.save_event(second, organisers=[scene["lead"]], by=scene["steer"])
    single = EventFactory(title="Reallabor", neighbourhood=neighbourhood, format="living_lab")
    EventFactory(title="Intern", neighbourhood=neighbourhood, visibility="members")

    cal = _parse(client.get(reverse("events:neighbourhood_feed", args=["talviertel"])))
    events = cal.walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == ["Reallabor", "Runder Tisch"]
    master = next(e for e in events if str(e["SUMMARY"]) == "Runder Tisch")
    assert master["RRULE"]["FREQ"] == ["MONTHLY"] and master["RRULE"]["BYDAY"] == ["2TU"]
    exdates = [d.dt for d in master["EXDATE"].dts]
    assert exdates == [timezone.localtime(second.original_start)]

    one = _parse(client.get(reverse("events:ics", args=[single.pk])))
    assert str(one.walk("VEVENT")[0]["SUMMARY"]) == "Reallabor"


@pytest.mark.django_db
def test_alliance_and_personal_feeds_need_the_secret_token_for_inside_events(client, scene):
    public = EventFactory(title="Offen", alliance=scene["alliance"])
    EventFactory(title="Intern", alliance=scene["alliance"], visibility="members")
    elsewhere = EventFactory(title="Woanders", start=in_days(20))
    services.register(elsewhere, by=scene["member"])

    def titles(response) -> set[str]:
        return {str(e["SUMMARY"]) for e in _parse(response).walk("VEVENT")}

    url = reverse("events:alliance_feed", args=[scene["alliance"].pk])
    assert titles(client.get(url)) == {"Offen"}
    client.force_login(scene["member"])
    assert client.get(reverse("events:feeds")).status_code == 200
    token = services.feed_token_for(scene["member"]).token
    client.logout()
    member_url = reverse("events:alliance_member_feed", args=[scene["alliance"].pk, token])
    assert titles(client.get(member_url)) == {"Offen", "Intern"}
    assert titles(client.get(reverse("events:personal_feed", args=[token]))) == {
        "Offen",
        "Intern",
        "Woanders",
    }
    # registered for one meeting of a series: that meeting, not the whole series
    series = services.save_series(
        SeriesFactory.build(title="Offene Sprechstunde", rrule="FREQ=WEEKLY;COUNT=4"),
        organisers=[scene["other"]],
        by=scene["outsider"],
    )
    services.register(series.occurrences.first(), by=scene["member"])
    personal = _parse(client.get(reverse("events:personal_feed", args=[token])))
    consultations = [e for e in personal.walk("VEVENT") if e["SUMMARY"] == "Offene Sprechstunde"]
    assert len(consultations) == 1 and "RRULE" not in consultations[0]
    outsider_token = services.feed_token_for(scene["outsider"]).token
    outsider_url = reverse(
        "events:alliance_member_feed", args=[scene["alliance"].pk, outsider_token]
    )
    assert titles(client.get(outsider_url)) == {"Offen"}
    assert client.get(reverse("events:personal_feed", args=["falsch"])).status_code == 404
    services.renew_feed_token(scene["member"])
    assert client.get(member_url).status_code == 404
    assert public.pk


@pytest.mark.django_db
def test_the_navigation_leads_to_the_calendar(client):
    page = client.get("/").content.decode()
    assert 'href="/termine/"' in page
    assert client.get("/termine/").status_code == 200
    assert datetime.date.today()
