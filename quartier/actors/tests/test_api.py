"""The API of actors and ties: the same permissions as the pages, invisible records are 404,
every write leaves a history record, bad input is a 422 in the common error format."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor, Membership, Tie
from quartier.actors.tests.factories import (
    ActorFactory,
    ContactFactory,
    MembershipFactory,
    ResourceFactory,
    TieFactory,
    TopicFactory,
)
from quartier.core.history import history_of
from quartier.core.models import ChangeRecord, Visibility
from quartier.core.testing import assert_queries_do_not_grow
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """An actor with an administrator and an editor, active in a neighbourhood with a
    manager; another actor with its own member; a platform administrator; a stranger."""
    neighbourhood = NeighbourhoodFactory()
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    actor = ActorFactory(name="Kulturverein Talviertel", sector="culture", legal_form="")
    actor.neighbourhoods.add(neighbourhood)
    actor_admin = MembershipFactory(actor=actor, role=Membership.Role.ADMIN).user
    editor = MembershipFactory(actor=actor, role=Membership.Role.EDITOR).user
    other_actor = ActorFactory(name="Wohnungsgesellschaft Nord", sector="housing")
    other_member = MembershipFactory(actor=other_actor).user
    return SimpleNamespace(
        neighbourhood=neighbourhood,
        manager=manager,
        actor=actor,
        actor_admin=actor_admin,
        editor=editor,
        other_actor=other_actor,
        other_member=other_member,
        admin=UserFactory(is_superuser=True, is_staff=True),
        stranger=UserFactory(),
    )


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code
    assert error["message"]["de"] and error["message"]["en"]
    return error


def fields_of(error):
    return {detail["field"] for detail in error["details"]}


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


# --- reading and visibility -------------------------------------------------------------


def test_actor_detail_shows_profile_topics_neighbourhoods_offers_and_needs(api, world):
    topic = TopicFactory(name="Leerstand")
    world.actor.topics.add(topic)
    offer = ResourceFactory(actor=world.actor, kind="space", area_m2=120, note="Saal")
    ResourceFactory(actor=world.actor, direction="need", kind="money")
    data = api.get(f"/api/v1/actors/{world.actor.pk}").json()
    assert data["name"] == "Kulturverein Talviertel"
    assert data["sector"] == "culture" and data["is_established"] is False
    assert data["topics"] == [{"id": topic.pk, "name": "Leerstand", "slug": topic.slug}]
    assert data["neighbourhoods"] == [world.neighbourhood.pk]
    assert data["offers"] == [
        {
            "id": offer.pk,
            "kind": "space",
            "topic": "",
            "area_m2": 120,
            "neighbourhood": None,
            "note": "Saal",
        }
    ]
    assert [n["kind"] for n in data["needs"]] == ["money"]


def test_contacts_without_consent_are_shown_only_to_those_who_may_edit(api, world):
    ContactFactory(actor=world.actor, name="Öffentlich", public_consent=True)
    ContactFactory(actor=world.actor, name="Intern", public_consent=False)
    url = f"/api/v1/actors/{world.actor.pk}"

    def contacts(user):
        return sorted(c["name"] for c in api.get(url, user).json()["contacts"])

    assert contacts(None) == ["Öffentlich"]
    assert contacts(world.other_member) == ["Öffentlich"]
    for user in [world.editor, world.manager, world.admin]:
        assert contacts(user) == ["Intern", "Öffentlich"]


def test_private_actor_is_404_for_anonymous_and_others_and_visible_to_its_people(api, world):
    world.actor.visibility = Visibility.PRIVATE
    world.actor.save()
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.get(url), 404, "not_found")
    assert_error(api.get(url, world.other_member), 404, "not_found")
    for user in [world.editor, world.manager, world.admin]:
        assert api.get(url, user).status_code == 200
    assert "Kulturverein Talviertel" not in names(api.get("/api/v1/actors"))
    assert "Kulturverein Talviertel" not in names(api.get("/api/v1/actors", world.other_member))
    assert "Kulturverein Talviertel" in names(api.get("/api/v1/actors", world.editor))


def test_network_actor_needs_a_login(api, world):
    world.actor.visibility = Visibility.NETWORK
    world.actor.save()
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.get(url), 404, "not_found")
    assert api.get(url, world.stranger).status_code == 200
    assert "Kulturverein Talviertel" not in names(api.get("/api/v1/actors"))
    assert "Kulturverein Talviertel" in names(api.get("/api/v1/actors", world.stranger))


def test_a_wrong_token_is_401_even_where_anonymous_reading_is_allowed(api, world):
    response = api.client.get("/api/v1/actors", headers={"Authorization": "Bearer qt_falsch"})
    assert_error(response, 401, "not_authenticated")


def test_unknown_or_malformed_actor_ids(api, world):
    assert_error(api.get("/api/v1/actors/999999"), 404, "not_found")
    for bad in ["abc", "0", "-1", str(2**70)]:
        assert_error(api.get(f"/api/v1/actors/{bad}"), 422, "validation_error")


# --- filters and pagination -------------------------------------------------------------


def test_filters_of_the_directory(api, world):
    school = ActorFactory(name="Grundschule am Markt", sector="school", legal_form="public_law")
    topic = TopicFactory(name="Bildung")
    school.topics.add(topic)
    ResourceFactory(actor=school, direction="offer", kind="space")
    ResourceFactory(actor=school, direction="need", kind="know_how")
    ResourceFactory(actor=world.actor, direction="offer", kind="know_how")
    world.other_actor.is_established = True
    world.other_actor.save()
    school.is_established = True
    school.save()

    def found(query):
        return names(api.get(f"/api/v1/actors?{query}"))

    assert found("q=markt") == ["Grundschule am Markt"]
    assert found("q=bildung") == ["Grundschule am Markt"]  # the topic's name
    assert found("sector=school&sector=housing") == [
        "Grundschule am Markt",
        "Wohnungsgesellschaft Nord",
    ]
    assert found("established=false") == ["Kulturverein Talviertel"]
    assert found("established=true") == ["Grundschule am Markt", "Wohnungsgesellschaft Nord"]
    assert found(f"neighbourhood={world.neighbourhood.pk}") == ["Kulturverein Talviertel"]
    assert found("offers=space") == ["Grundschule am Markt"]
    assert found("offers=know_how") == ["Kulturverein Talviertel"]
    assert found("needs=know_how") == ["Grundschule am Markt"]
    assert found("offers=space&offers=know_how") == []  # all of them
    assert found(f"topic={topic.pk}") == ["Grundschule am Markt"]
    assert found("legal_form=public_law") == ["Grundschule am Markt"]


@pytest.mark.parametrize(
    "query",
    ["sector=bakery", "offers=love", "established=vielleicht", "neighbourhood=x", "topic=0"],
)
def test_bad_filter_values_are_422(api, world, query):
    error = assert_error(api.get(f"/api/v1/actors?{query}"), 422, "validation_error")
    assert error["details"]


def test_actor_list_is_paginated_with_the_configured_page_size(api, db):
    per_page = settings.NINJA_PAGINATION_PER_PAGE
    for i in range(per_page + 1):
        ActorFactory(name=f"Akteur {i:03d}")
    first = api.get("/api/v1/actors").json()
    assert first["count"] == per_page + 1
    assert len(first["items"]) == per_page
    second = api.get("/api/v1/actors?page=2").json()
    assert [a["name"] for a in second["items"]] == [f"Akteur {per_page:03d}"]
    assert api.get("/api/v1/actors?page=3").json()["items"] == []
    assert_error(api.get("/api/v1/actors?page=0"), 422, "validation_error")
    assert_error(api.get("/api/v1/actors?page=eins"), 422, "validation_error")


def test_actor_list_does_not_query_per_actor(api, world):
    def add(n):
        for _ in range(n):
            actor = ActorFactory()
            actor.topics.add(TopicFactory())
            actor.neighbourhoods.add(world.neighbourhood)
            ResourceFactory(actor=actor)

    api.client.force_login(world.editor)
    assert_queries_do_not_grow(api.client, "/api/v1/actors", add)


def test_tie_list_does_not_query_per_tie(api, world):
    def add(n):
        for _ in range(n):
            TieFactory(source=world.actor, target=ActorFactory())
            TieFactory(source=ActorFactory(), target=world.actor, status=Tie.Status.UNCONFIRMED)

    api.client.force_login(world.editor)  # sees confirmed and unconfirmed ones
    assert_queries_do_not_grow(api.client, "/api/v1/ties", add)


# --- create -----------------------------------------------------------------------------

NEW_ACTOR = {
    "name": "Stadtteilbüro Süd",
    "short_description": "Beratung und Treffpunkt",
    "sector": "welfare",
    "postcode": "39104",
    "latitude": 52.1,
    "longitude": 11.6,
}


def test_anonymous_cannot_create_an_actor(api, world):
    assert_error(api.post("/api/v1/actors", NEW_ACTOR), 401, "not_authenticated")
    assert not Actor.objects.filter(name="Stadtteilbüro Süd").exists()


def test_any_user_creates_an_actor_and_becomes_its_administrator(api, world):
    topic = TopicFactory()
    body = {
        **NEW_ACTOR,
        "topics": [topic.pk],
        "neighbourhoods": [world.neighbourhood.pk],
        "offers": [{"kind": "space", "area_m2": 80}],
        "needs": [{"kind": "money", "note": "Miete"}],
    }
    response = api.post("/api/v1/actors", body, world.stranger)
    assert response.status_code == 201, response.content
    data = response.json()
    actor = Actor.objects.get(pk=data["id"])
    assert actor.slug == "stadtteilburo-sud" and data["slug"] == actor.slug
    assert actor.is_established  # welfare is an established sector
    assert actor.memberships.get().user == world.stranger
    assert actor.memberships.get().role == Membership.Role.ADMIN
    assert list(actor.topics.all()) == [topic]
    assert list(actor.neighbourhoods.all()) == [world.neighbourhood]
    assert [(r.direction, r.kind) for r in actor.resources.all()] == [
        ("need", "money"),
        ("offer", "space"),
    ]
    assert [o["area_m2"] for o in data["offers"]] == [80]
    assert history_of(actor).filter(action="created", user=world.stranger).exists()


def test_established_can_be_set_by_hand(api, world):
    response = api.post("/api/v1/actors", {**NEW_ACTOR, "is_established": False}, world.stranger)
    actor = Actor.objects.get(pk=response.json()["id"])
    assert actor.established_set_by_hand and not actor.is_established
    response = api.patch(f"/api/v1/actors/{actor.pk}", {"is_established": None}, world.stranger)
    assert response.status_code == 200
    actor.refresh_from_db()
    assert not actor.established_set_by_hand and actor.is_established


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sector": "bakery"}, "body.payload.sector"),
        ({"postcode": "1234"}, "body.payload.postcode"),
        ({"latitude": 95}, "body.payload.latitude"),
        ({"visibility": "alliance"}, "body.payload.visibility"),
        ({"topics": [999999]}, "topics"),
        ({"neighbourhoods": [999999]}, "neighbourhoods"),
        ({"offers": [{"kind": "space", "neighbourhood": 999999}]}, "offers"),
        ({"offers": [{"kind": "rent"}]}, "body.payload.offers.0.kind"),
        ({"longitude": None, "latitude": 52.0}, ""),
        ({"website": "kein link"}, "website"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_bad_actor_data_is_422_and_nothing_is_saved(api, world, change, field):
    response = api.post("/api/v1/actors", {**NEW_ACTOR, **change}, world.stranger)
    error = assert_error(response, 422, "validation_error")
    assert field in fields_of(error)
    assert not Actor.objects.filter(short_description="Beratung und Treffpunkt").exists()


def test_service_validation_errors_come_in_german_and_english(api, world):
    error = assert_error(
        api.post("/api/v1/actors", {**NEW_ACTOR, "name": ""}, world.stranger),
        422,
        "validation_error",
    )
    [detail] = error["details"]
    assert detail["field"] == "name"
    assert detail["message"] == {
        "de": "Dieses Feld darf nicht leer sein.",
        "en": "This field cannot be blank.",
    }


def test_unparsable_json_is_400_and_wrongly_shaped_json_is_422(api, world):
    response = api.post("/api/v1/actors", user=world.stranger, raw="{kaputt")
    assert_error(response, 400, "bad_request")
    for raw in ["[]", '"text"', "null", ""]:
        response = api.post("/api/v1/actors", user=world.stranger, raw=raw)
        assert_error(response, 422, "validation_error")
    assert not Actor.objects.exclude(pk__in=[world.actor.pk, world.other_actor.pk]).exists()


# --- update -----------------------------------------------------------------------------


def test_update_permissions(api, world):
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.patch(url, {"goals": "anonym"}), 401, "not_authenticated")
    assert_error(api.patch(url, {"goals": "fremd"}, world.other_member), 403, "permission_denied")
    assert_error(api.patch(url, {"goals": "fremd"}, world.stranger), 403, "permission_denied")
    for user, goals in [
        (world.editor, "Mitglied"),
        (world.manager, "Quartiersmanagement"),
        (world.admin, "Plattform"),
    ]:
        response = api.patch(url, {"goals": goals}, user)
        assert response.status_code == 200, response.content
        assert response.json()["goals"] == goals
        world.actor.refresh_from_db()
        assert world.actor.goals == goals
        record = history_of(world.actor).first()
        assert record.action == "changed" and record.user == user
        assert record.changes["goals"][1] == goals


def test_manager_may_not_edit_actors_outside_their_neighbourhood(api, world):
    url = f"/api/v1/actors/{world.other_actor.pk}"
    assert_error(api.patch(url, {"goals": "x"}, world.manager), 403, "permission_denied")


def test_update_of_an_invisible_actor_is_404(api, world):
    world.actor.visibility = Visibility.PRIVATE
    world.actor.save()
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.patch(url, {"goals": "x"}, world.other_member), 404, "not_found")
    assert api.patch(url, {"goals": "x"}, world.editor).status_code == 200


def test_a_manager_who_takes_a_private_actor_out_of_the_neighbourhood_gets_the_answer(api, world):
    world.actor.visibility = Visibility.PRIVATE
    world.actor.save()
    url = f"/api/v1/actors/{world.actor.pk}"
    response = api.patch(url, {"neighbourhoods": []}, world.manager)
    assert response.status_code == 200, response.content
    assert response.json()["neighbourhoods"] == []
    assert_error(api.get(url, world.manager), 404, "not_found")  # from now on out of sight


def test_patch_changes_only_the_fields_sent(api, world):
    world.actor.goals = "Ziele"
    world.actor.city = "Musterstadt"
    world.actor.save()
    topic = TopicFactory()
    response = api.patch(
        f"/api/v1/actors/{world.actor.pk}",
        {"city": "Talheim", "topics": [topic.pk], "neighbourhoods": []},
        world.editor,
    )
    assert response.status_code == 200
    world.actor.refresh_from_db()
    assert world.actor.city == "Talheim" and world.actor.goals == "Ziele"
    assert list(world.actor.topics.all()) == [topic]
    assert not world.actor.neighbourhoods.exists()


def test_legal_form_is_emptied_with_an_empty_string_or_null(api, world):
    url = f"/api/v1/actors/{world.actor.pk}"
    response = api.patch(url, {"legal_form": "ev"}, world.editor)
    assert response.status_code == 200 and response.json()["legal_form"] == "ev"
    for empty in ["", None]:
        api.patch(url, {"legal_form": "ev"}, world.editor)
        response = api.patch(url, {"legal_form": empty}, world.editor)
        assert response.status_code == 200, response.content
        world.actor.refresh_from_db()
        assert world.actor.legal_form == ""


def test_patch_refuses_null_for_required_fields_and_keeps_the_actor(api, world):
    url = f"/api/v1/actors/{world.actor.pk}"
    for body in [{"name": None}, {"sector": None}, {"topics": None}, {"offers": None}]:
        error = assert_error(api.patch(url, body, world.editor), 422, "validation_error")
        assert fields_of(error) == set(body)
    world.actor.refresh_from_db()
    assert world.actor.name == "Kulturverein Talviertel"


def test_patch_position_needs_both_coordinates(api, world):
    url = f"/api/v1/actors/{world.actor.pk}"
    error = assert_error(api.patch(url, {"latitude": 52.0}, world.editor), 422, "validation_error")
    assert fields_of(error) == {""}
    assert api.patch(url, {"latitude": 52.0, "longitude": 11.0}, world.editor).status_code == 200
    assert api.patch(url, {"latitude": None, "longitude": None}, world.editor).status_code == 200


def test_patch_replaces_offers_and_keeps_needs(api, world):
    ResourceFactory(actor=world.actor, direction="offer", kind="space")
    ResourceFactory(actor=world.actor, direction="need", kind="money", note="Miete")
    response = api.patch(
        f"/api/v1/actors/{world.actor.pk}",
        {"offers": [{"kind": "know_how", "topic": "Förderanträge"}, {"kind": "equipment"}]},
        world.editor,
    )
    assert response.status_code == 200
    data = response.json()
    assert [o["kind"] for o in data["offers"]] == ["equipment", "know_how"]
    assert [(n["kind"], n["note"]) for n in data["needs"]] == [("money", "Miete")]
    assert world.actor.resources.count() == 3
    record = history_of(world.actor).filter(changes__has_key="resources").get()
    assert record.user == world.editor


def test_resources_cannot_be_changed_without_permission(api, world):
    ResourceFactory(actor=world.actor, direction="offer", kind="space")
    response = api.patch(f"/api/v1/actors/{world.actor.pk}", {"offers": []}, world.other_member)
    assert_error(response, 403, "permission_denied")
    assert world.actor.resources.count() == 1


# --- delete -----------------------------------------------------------------------------


def test_delete_permissions(api, world):
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.delete(url), 401, "not_authenticated")
    # Only administrators of the actor and of the platform delete; editors and neighbourhood
    # managers edit but do not delete (as on the pages).
    for user in [world.other_member, world.editor, world.manager]:
        assert_error(api.delete(url, user), 403, "permission_denied")
    assert Actor.objects.filter(pk=world.actor.pk).exists()
    assert api.delete(url, world.actor_admin).status_code == 204
    assert not Actor.objects.filter(pk=world.actor.pk).exists()
    assert ChangeRecord.objects.filter(
        action="deleted", object_id=str(world.actor.pk), user=world.actor_admin
    ).exists()
    other = f"/api/v1/actors/{world.other_actor.pk}"
    assert api.delete(other, world.admin).status_code == 204
    assert not Actor.objects.filter(pk=world.other_actor.pk).exists()


def test_delete_of_an_invisible_actor_is_404(api, world):
    world.actor.visibility = Visibility.PRIVATE
    world.actor.save()
    url = f"/api/v1/actors/{world.actor.pk}"
    assert_error(api.delete(url, world.other_member), 404, "not_found")
    assert Actor.objects.filter(pk=world.actor.pk).exists()


# --- ties -------------------------------------------------------------------------------


def propose(api, world, user, source=None, target=None, kind="cooperation"):
    source = source or world.actor
    target = target or world.other_actor
    return api.post("/api/v1/ties", {"source": source.pk, "target": target.pk, "kind": kind}, user)


def test_propose_tie_permissions(api, world):
    assert_error(propose(api, world, None), 401, "not_authenticated")
    assert_error(propose(api, world, world.other_member), 403, "permission_denied")
    assert_error(propose(api, world, world.stranger), 403, "permission_denied")
    assert not Tie.objects.exists()
    for user, kind in [
        (world.editor, "cooperation"),
        (world.manager, "funding"),
        (world.admin, "tenancy"),
    ]:
        response = propose(api, world, user, kind=kind)
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["status"] == "unconfirmed"
        assert (
            data["source"]["id"] == world.actor.pk and data["target"]["id"] == world.other_actor.pk
        )
        assert data["claimed_by"] == world.actor.pk
        tie = Tie.objects.get(pk=data["id"])
        assert history_of(tie).filter(action="created", user=user).exists()
    assert Tie.objects.get(kind="funding").directed
    assert not Tie.objects.get(kind="cooperation").directed


def test_propose_tie_from_or_to_an_invisible_actor_is_422(api, world):
    hidden = ActorFactory(visibility=Visibility.PRIVATE)
    error = assert_error(propose(api, world, world.editor, target=hidden), 422, "validation_error")
    assert fields_of(error) == {"target"}
    error = assert_error(
        propose(api, world, world.other_member, source=hidden), 422, "validation_error"
    )
    assert fields_of(error) == {"source"}
    assert not Tie.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "friendship"},
        {"since": "gestern"},
        {"since": "2024-05-01", "until": "2023-01-01"},
        {"note": "x" * 301},
        {"target": "self"},
    ],
)
def test_bad_tie_data_is_422(api, world, body):
    payload = {"source": world.actor.pk, "target": world.other_actor.pk, "kind": "cooperation"}
    payload.update(body)
    if payload["target"] == "self":
        payload["target"] = world.actor.pk
    assert_error(api.post("/api/v1/ties", payload, world.editor), 422, "validation_error")
    assert not Tie.objects.exists()


def test_the_same_tie_cannot_be_proposed_twice(api, world):
    assert propose(api, world, world.editor).status_code == 201
    error = assert_error(
        propose(api, world, world.other_member, source=world.other_actor, target=world.actor),
        422,
        "validation_error",
    )
    assert fields_of(error) == {""}
    assert Tie.objects.count() == 1


def test_the_other_side_confirms_a_tie_and_the_proposer_cannot(api, world):
    tie_id = propose(api, world, world.editor).json()["id"]
    url = f"/api/v1/ties/{tie_id}/confirm"
    assert_error(api.post(url), 401, "not_authenticated")
    assert_error(api.post(url, user=world.stranger), 404, "not_found")
    assert_error(api.post(url, user=world.editor), 403, "permission_denied")
    assert_error(api.post(url, user=world.manager), 403, "permission_denied")
    assert Tie.objects.get(pk=tie_id).status == Tie.Status.UNCONFIRMED
    response = api.post(url, user=world.other_member)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed" and response.json()["answered_at"]
    tie = Tie.objects.get(pk=tie_id)
    assert tie.status == Tie.Status.CONFIRMED
    assert history_of(tie).filter(action="confirmed", user=world.other_member).exists()
    error = assert_error(api.post(url, user=world.other_member), 422, "validation_error")
    message = error["details"][0]["message"]
    assert message["en"] == "This tie has already been answered."
    assert message["de"] != message["en"]  # the German translation, not the English twice


def test_the_other_side_rejects_a_tie(api, world):
    claim = {"source": world.other_actor, "target": world.actor}
    tie_id = propose(api, world, world.other_member, **claim).json()["id"]
    url = f"/api/v1/ties/{tie_id}/reject"
    assert_error(api.post(url, user=world.other_member), 403, "permission_denied")
    response = api.post(url, user=world.manager)  # manages the target's neighbourhood
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    tie = Tie.objects.get(pk=tie_id)
    assert history_of(tie).filter(action="rejected", user=world.manager).exists()
    # A rejected claim may be made again.
    assert propose(api, world, world.other_member, **claim).status_code == 201


def test_platform_admin_may_answer(api, world):
    tie_id = propose(api, world, world.editor).json()["id"]
    response = api.post(f"/api/v1/ties/{tie_id}/confirm", user=world.admin)
    assert response.status_code == 200 and response.json()["status"] == "confirmed"


def test_unconfirmed_and_rejected_ties_are_seen_only_by_the_sides(api, world):
    third = ActorFactory(name="Dritter")
    confirmed = TieFactory(source=world.actor, target=third)
    unconfirmed = TieFactory(
        source=world.other_actor, target=world.actor, status=Tie.Status.UNCONFIRMED
    )
    rejected = TieFactory(source=third, target=world.other_actor, status=Tie.Status.REJECTED)

    def ids(user, query=""):
        response = api.get(f"/api/v1/ties{query}", user)
        assert response.status_code == 200
        return {t["id"] for t in response.json()["items"]}

    assert ids(None) == {confirmed.pk}
    assert ids(world.stranger) == {confirmed.pk}
    assert ids(world.editor) == {confirmed.pk, unconfirmed.pk}
    assert ids(world.manager) == {confirmed.pk, unconfirmed.pk}
    assert ids(world.other_member) == {confirmed.pk, unconfirmed.pk, rejected.pk}
    assert ids(world.admin) == {confirmed.pk, unconfirmed.pk, rejected.pk}
    assert_error(api.get(f"/api/v1/ties/{unconfirmed.pk}"), 404, "not_found")
    assert_error(api.get(f"/api/v1/ties/{rejected.pk}", world.editor), 404, "not_found")
    assert api.get(f"/api/v1/ties/{unconfirmed.pk}", world.editor).status_code == 200
    assert api.get(f"/api/v1/ties/{confirmed.pk}").status_code == 200


def test_ties_of_invisible_actors_are_hidden(api, world):
    hidden = ActorFactory(visibility=Visibility.PRIVATE)
    tie = TieFactory(source=world.actor, target=hidden)
    assert api.get("/api/v1/ties").json()["items"] == []
    assert_error(api.get(f"/api/v1/ties/{tie.pk}", world.stranger), 404, "not_found")
    # The actor's own people see it: it is their tie.
    assert api.get(f"/api/v1/ties/{tie.pk}", world.editor).status_code == 200


def test_tie_filters(api, world):
    third = ActorFactory()
    a = TieFactory(source=world.actor, target=third, kind="funding")
    b = TieFactory(source=world.other_actor, target=world.actor, kind="cooperation")
    c = TieFactory(source=third, target=world.other_actor, status=Tie.Status.UNCONFIRMED)

    def ids(query, user=None):
        response = api.get(f"/api/v1/ties?{query}", user)
        assert response.status_code == 200, response.content
        return {t["id"] for t in response.json()["items"]}

    assert ids(f"actor={world.actor.pk}") == {a.pk, b.pk}
    assert ids(f"actor={third.pk}") == {a.pk}
    assert ids("kind=funding") == {a.pk}
    assert ids("status=unconfirmed", world.other_member) == {c.pk}
    assert ids("status=confirmed", world.other_member) == {a.pk, b.pk}
    for bad in ["status=maybe", "kind=love", "actor=x", "actor=0"]:
        assert_error(api.get(f"/api/v1/ties?{bad}"), 422, "validation_error")


def test_tie_list_is_paginated(api, world):
    per_page = settings.NINJA_PAGINATION_PER_PAGE
    actors = [ActorFactory() for _ in range(per_page + 1)]
    for actor in actors:
        TieFactory(source=world.actor, target=actor)
    first = api.get("/api/v1/ties").json()
    assert first["count"] == per_page + 1 and len(first["items"]) == per_page
    second = api.get("/api/v1/ties?page=2").json()
    assert len(second["items"]) == 1
    seen = {t["id"] for t in first["items"]} | {t["id"] for t in second["items"]}
    assert len(seen) == per_page + 1


def test_delete_tie_permissions(api, world):
    confirmed = TieFactory(source=world.actor, target=world.other_actor)
    url = f"/api/v1/ties/{confirmed.pk}"
    assert_error(api.delete(url), 401, "not_authenticated")
    assert_error(api.delete(url, world.stranger), 403, "permission_denied")
    assert Tie.objects.filter(pk=confirmed.pk).exists()
    assert api.delete(url, world.other_member).status_code == 204  # either side may
    assert not Tie.objects.filter(pk=confirmed.pk).exists()
    assert ChangeRecord.objects.filter(
        action="deleted", object_id=str(confirmed.pk), user=world.other_member
    ).exists()

    unconfirmed = TieFactory(
        source=world.actor, target=world.other_actor, status=Tie.Status.UNCONFIRMED
    )
    url = f"/api/v1/ties/{unconfirmed.pk}"
    assert_error(api.delete(url, world.stranger), 404, "not_found")
    assert api.delete(url, world.manager).status_code == 204

    third = ActorFactory()
    tie = TieFactory(source=third, target=world.other_actor)
    assert_error(api.delete(f"/api/v1/ties/{tie.pk}", world.manager), 403, "permission_denied")
    assert api.delete(f"/api/v1/ties/{tie.pk}", world.admin).status_code == 204


def test_deleting_an_actor_removes_its_ties_from_the_api(api, world):
    tie = TieFactory(source=world.actor, target=world.other_actor)
    assert api.delete(f"/api/v1/actors/{world.actor.pk}", world.actor_admin).status_code == 204
    assert_error(api.get(f"/api/v1/ties/{tie.pk}"), 404, "not_found")


def test_openapi_lists_the_actor_and_tie_endpoints(api, db):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/actors"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/actors/{actor_id}"])
    assert "post" in paths["/api/v1/ties/{tie_id}/confirm"]
    assert "post" in paths["/api/v1/ties/{tie_id}/reject"]
