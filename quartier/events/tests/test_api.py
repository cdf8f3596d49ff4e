import json

import pytest

from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import UserFactory
from quartier.core.models import Notification
from quartier.events import services
from quartier.events.models import ActionItem, Event
from quartier.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def send(client, url, body, user=None, method="post"):
    headers = auth(user) if user else {}
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )


def get(client, url, user=None):
    return client.get(url, headers=auth(user) if user else {})


EVENT = {
    "title": "Kreativworkshop Leerstand",
    "format": "creative_workshop",
    "start": "2027-04-13T18:00",
    "end": "2027-04-13T21:00",
    "address": "Marktgasse 3",
}


def test_events_are_listed_with_the_pages_permissions(client, scene):
    EventFactory(title="Offen", format="living_lab")
    EventFactory(title="Intern", visibility="members", organisers=[scene["partner"]])
    EventFactory(title="Allianz", visibility="members", alliance=scene["alliance"])
    titles = {e["title"] for e in get(client, "/api/v1/events").json()["items"]}
    assert titles == {"Offen"}
    titles = {e["title"] for e in get(client, "/api/v1/events", scene["member"]).json()["items"]}
    assert titles == {"Offen", "Intern", "Allianz"}
    titles = {
        e["title"]
        for e in get(client, "/api/v1/events?format=living_lab", scene["member"]).json()["items"]
    }
    assert titles == {"Offen"}
    assert get(client, "/api/v1/events?format=quatsch").status_code == 422
    assert get(client, "/api/v1/events?from=2020-01-01&to=2020-02-01").json()["count"] == 0


def test_members_only_events_and_alliance_minutes_are_hidden_from_others(client, scene):
    internal = EventFactory(visibility="members", organisers=[scene["partner"]])
    alliance_event = EventFactory(alliance=scene["alliance"], organisers=[scene["lead"]])
    services.save_minutes(alliance_event, text="Intern", decisions=["B"], by=scene["steer"])
    assert get(client, f"/api/v1/events/{internal.pk}", scene["outsider"]).status_code == 404
    public_view = get(client, f"/api/v1/events/{alliance_event.pk}", scene["outsider"]).json()
    assert public_view["minutes"] is None
    member_view = get(client, f"/api/v1/events/{alliance_event.pk}", scene["member"]).json()
    assert member_view["minutes"]["decisions"] == ["B"]
    assert get(client, "/api/v1/events/99999999").status_code == 404


def test_create_and_update_only_for_permitted_users(client, scene):
    assert send(client, "/api/v1/events", EVENT).status_code == 401
    foreign = send(
        client, "/api/v1/events", {**EVENT, "organisers": [scene["lead"].pk]}, scene["outsider"]
    )
    assert foreign.status_code == 403
    no_venue = send(
        client,
        "/api/v1/events",
        {**EVENT, "address": "", "organisers": [scene["other"].pk]},
        scene["outsider"],
    )
    assert no_venue.status_code == 422
    assert set(no_venue.json()["error"]["details"][0]["message"]) == {"de", "en"}
    created = send(
        client, "/api/v1/events", {**EVENT, "organisers": [scene["other"].pk]}, scene["outsider"]
    )
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    assert created.json()["start"] == "2027-04-13T16:00:00Z"  # 18:00 in Berlin
    url = f"/api/v1/events/{event_id}"
    assert send(client, url, {"title": "Meins"}, scene["member"], "patch").status_code == 403
    changed = send(client, url, {"capacity": 5, "cancelled": True}, scene["outsider"], "patch")
    assert changed.status_code == 200 and changed.json()["cancelled"] is True
    alliance_event = send(
        client,
        "/api/v1/events",
        {**EVENT, "alliance_id": scene["alliance"].pk, "organisers": [scene["partner"].pk]},
        scene["member"],
    )
    assert alliance_event.status_code == 403  # only the steering holds alliance events
    assert Event.objects.count() == 1


def test_register_and_cancel_with_the_waiting_list(client, scene):
    event = EventFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    url = f"/api/v1/events/{event.pk}/registration"
    assert send(client, url, {}, first).json()["status"] == "confirmed"
    waiting = send(client, url, {}, second).json()
    assert waiting["status"] == "waiting" and waiting["waiting_position"] == 1
    assert send(client, url, {}, first, "delete").json()["status"] == "cancelled"
    mine = get(client, f"/api/v1/events/{event.pk}", second).json()["my_registration"]
    assert mine["status"] == "confirmed"
    assert Notification.objects.filter(user=second).exists()
    assert send(client, url, {}, first, "delete").status_code == 404
    assert send(client, url, {"actor": scene["lead"].pk}, first).status_code == 403
    hidden = EventFactory(visibility="members", organisers=[scene["lead"]])
    assert send(client, f"/api/v1/events/{hidden.pk}/registration", {}, first).status_code == 404


def test_action_items_own_or_of_an_alliance_for_members(client, scene):
    event = EventFactory(alliance=scene["alliance"], organisers=[scene["lead"]])
    item = services.add_action_item(
        event, title="Flyer", owner=scene["member"], due_on=None, by=scene["steer"]
    )
    services.add_action_item(
        event, title="Presse", owner=scene["steer"], due_on=None, by=scene["steer"]
    )
    own = get(client, "/api/v1/action-items", scene["member"]).json()["items"]
    assert [i["title"] for i in own] == ["Flyer"] and own[0]["alliance"] == scene["alliance"].pk
    of_alliance = get(
        client, f"/api/v1/action-items?alliance={scene['alliance'].pk}", scene["member"]
    ).json()
    assert of_alliance["count"] == 2
    assert (
        get(
            client, f"/api/v1/action-items?alliance={scene['alliance'].pk}", scene["outsider"]
        ).status_code
        == 404
    )
    assert (
        get(client, f"/api/v1/action-items?event={event.pk}", scene["outsider"]).status_code == 404
    )
    assert get(client, f"/api/v1/action-items/{item.pk}", scene["outsider"]).status_code == 404
    assert get(client, "/api/v1/action-items").status_code == 401
    url = f"/api/v1/action-items/{item.pk}"
    assert send(client, url, {"status": "done"}, scene["outsider"], "patch").status_code == 404
    assert send(client, url, {"status": "fertig"}, scene["member"], "patch").status_code == 422
    assert (
        send(client, url, {"status": "done"}, scene["member"], "patch").json()["status"] == "done"
    )
    assert ActionItem.objects.get(pk=item.pk).done_at
