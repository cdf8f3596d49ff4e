import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor, Invitation, Membership, Resource, Tie
from quartier.actors.tests.factories import (
    ActorFactory,
    MembershipFactory,
    ResourceFactory,
    TieFactory,
    TopicFactory,
)
from quartier.core.models import ChangeRecord
from quartier.core.testing import assert_queries_do_not_grow
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def names(response) -> str:
    return response.content.decode()


def test_directory_query_count_is_the_same_for_10_and_200_actors(client):
    neighbourhood = NeighbourhoodFactory()
    topic = TopicFactory()

    def add(n):
        for actor in ActorFactory.create_batch(n, neighbourhoods=[neighbourhood], topics=[topic]):
            ResourceFactory(actor=actor, direction="offer", kind="space")
            ResourceFactory(actor=actor, direction="need", kind="money")

    assert_queries_do_not_grow(client, "/akteure/", add, few=10, many=200)
    assert_queries_do_not_grow(client, "/akteure/?ansicht=karte&offers=space", lambda n: add(n))


def test_directory_filters(client):
    neighbourhood = NeighbourhoodFactory()
    culture = ActorFactory(
        name="Kulturverein Tal", sector="culture", neighbourhoods=[neighbourhood]
    )
    ResourceFactory(actor=culture, direction="need", kind="space")
    housing = ActorFactory(name="Wohnbau Tal", sector="housing", legal_form="gmbh")
    ResourceFactory(actor=housing, direction="offer", kind="space")
    from quartier.actors.services import derive_established

    for actor in (culture, housing):
        derive_established(actor)
        actor.save()

    def found(**params):
        html = client.get("/akteure/", params).content.decode()
        return {a.name for a in (culture, housing) if a.name in html}

    assert found(sector="culture") == {"Kulturverein Tal"}
    assert found(offers="space") == {"Wohnbau Tal"}
    assert found(needs="space") == {"Kulturverein Tal"}
    assert found(established="1") == {"Wohnbau Tal"}
    assert found(established="0") == {"Kulturverein Tal"}
    assert found(neighbourhood=neighbourhood.pk) == {"Kulturverein Tal"}
    assert found(place=neighbourhood.name[:6].upper()) == {"Kulturverein Tal"}
    assert found(place=neighbourhood.municipality.name) == {"Kulturverein Tal"}
    assert found(legal_form="gmbh") == {"Wohnbau Tal"}
    assert found(q="kultur") == {"Kulturverein Tal"}
    assert found(sector="gibt-es-nicht") == {"Kulturverein Tal", "Wohnbau Tal"}


def test_visibility_of_actors(client):
    ActorFactory(name="Offen e.V.", visibility="public")
    ActorFactory(name="Netzwerkintern e.V.", visibility="network")
    private = ActorFactory(name="Privat e.V.", visibility="private")
    html = names(client.get("/akteure/"))
    assert "Offen e.V." in html and "Netzwerkintern" not in html and "Privat e.V." not in html
    assert client.get(private.get_absolute_url()).status_code == 404

    client.force_login(UserFactory())
    html = names(client.get("/akteure/"))
    assert "Netzwerkintern" in html and "Privat e.V." not in html
    assert client.get(private.get_absolute_url()).status_code == 404

    member = MembershipFactory(actor=private).user
    client.force_login(member)
    assert "Privat e.V." in names(client.get("/akteure/"))
    assert client.get(private.get_absolute_url()).status_code == 200


def test_creating_an_actor_makes_the_creator_its_administrator(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("actors:create"),
        {
            "name": "Studis fürs Tal",
            "short_description": "Studentische Initiative",
            "sector": "civil_society",
            "visibility": "public",
            "established": "",
            "resources-TOTAL_FORMS": "2",
            "resources-INITIAL_FORMS": "0",
            "resources-0-direction": "need",
            "resources-0-kind": "space",
            "resources-1-direction": "need",
            "resources-1-kind": "money",
        },
    )
    actor = Actor.objects.get(name="Studis fürs Tal")
    assert response.status_code == 302 and response["Location"] == actor.get_absolute_url()
    assert Membership.objects.get(actor=actor).user == user
    assert Membership.objects.get(actor=actor).role == "admin"
    assert sorted(actor.resources.values_list("kind", flat=True)) == ["money", "space"]
    assert not actor.is_established
    assert ChangeRecord.objects.filter(object_id=str(actor.pk), action="created").exists()


def test_bad_actor_input_gets_messages_not_an_error(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("actors:create"),
        {
            "name": "",
            "sector": "unbekannt",
            "postcode": "12",
            "latitude": "52",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
        },
    )
    html = names(response)
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in html
    assert "Eine deutsche Postleitzahl hat fünf Ziffern" in html
    assert not Actor.objects.exists()


@pytest.fixture
def world():
    """One actor with a member, a member of another actor, a manager of the actor's
    neighbourhood, and a platform administrator."""
    neighbourhood = NeighbourhoodFactory()
    actor = ActorFactory(neighbourhoods=[neighbourhood])
    member = MembershipFactory(actor=actor, role="editor").user
    admin_member = MembershipFactory(actor=actor, role="admin").user
    other_actor = ActorFactory()
    other = MembershipFactory(actor=other_actor).user
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return {
        "actor": actor,
        "member": member,
        "admin_member": admin_member,
        "other": other,
        "other_actor": other_actor,
        "manager": manager,
        "superuser": superuser,
    }


def _edit(client, actor):
    return client.post(
        reverse("actors:edit", args=[actor.slug]),
        {
            "name": "Neuer Name",
            "short_description": actor.short_description,
            "sector": actor.sector,
            "visibility": "public",
            "established": "",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("other", False),
        ("member", True),
        ("manager", True),
        ("superuser", True),
    ],
)
def test_who_may_edit_an_actor(client, world, who, allowed):
    if who != "anonymous":
        client.force_login(world[who])
    response = _edit(client, world["actor"])
    world["actor"].refresh_from_db()
    assert (world["actor"].name == "Neuer Name") is allowed
    if not allowed:
        assert response.status_code in (302, 403)
        if who == "anonymous":
            assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("other", False),
        ("member", False),
        ("manager", False),
        ("admin_member", True),
        ("superuser", True),
    ],
)
def test_who_may_add_members(client, world, who, allowed):
    newcomer = UserFactory()
    if who != "anonymous":
        client.force_login(world[who])
    client.post(
        reverse("actors:member_add", args=[world["actor"].slug]),
        {"email": newcomer.email, "role": "editor"},
    )
    invited = Invitation.objects.filter(email=newcomer.email, actor=world["actor"]).exists()
    assert invited is allowed
    assert not Membership.objects.filter(user=newcomer, actor=world["actor"]).exists()


def test_adding_a_member_invites_and_tells_nobody_who_is_registered(client, world, mailoutbox):
    registered = UserFactory(email="da@example.org")
    client.force_login(world["admin_member"])
    answers = []
    for email in ["da@example.org", "niemand@example.org"]:
        response = client.post(
            reverse("actors:member_add", args=[world["actor"].slug]),
            {"email": email, "role": "editor"},
            follow=True,
        )
        answers.append([str(m) for m in response.context["messages"]])
    assert answers[0] == answers[1] and answers[0]
    assert [m.to for m in mailoutbox] == [["da@example.org"], ["niemand@example.org"]]
    assert mailoutbox[0].subject == mailoutbox[1].subject
    assert not Membership.objects.filter(user=registered, actor=world["actor"]).exists()
    # the registered person consents by accepting the link
    token = Invitation.objects.get(email="da@example.org").token
    client.force_login(registered)
    client.post(reverse("actors:invitation", args=[token]))
    assert Membership.objects.filter(user=registered, actor=world["actor"]).exists()


def test_the_last_administrator_cannot_be_removed(client, world):
    client.force_login(world["admin_member"])
    membership = Membership.objects.get(user=world["admin_member"])
    response = client.post(
        reverse("actors:member_remove", args=[world["actor"].slug, membership.pk]), follow=True
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "mindestens eine Administratorin" in names(
        response
    ) or "mindestens einen Administrator" in names(response)


def test_tie_is_unconfirmed_until_the_other_side_confirms(client, world):
    client.force_login(world["other"])
    client.post(
        reverse("actors:tie_propose", args=[world["actor"].slug]),
        {"source": world["other_actor"].pk, "kind": "cooperation"},
    )
    tie = Tie.objects.get()
    assert tie.status == "unconfirmed" and tie.source == world["other_actor"]

    # the proposing side cannot confirm its own claim
    response = client.post(reverse("actors:tie_answer", args=[tie.pk]), {"answer": "confirm"})
    assert response.status_code == 403
    # the public sees no unconfirmed tie
    client.logout()
    assert world["other_actor"].name not in names(client.get(world["actor"].get_absolute_url()))

    client.force_login(world["member"])
    client.post(reverse("actors:tie_answer", args=[tie.pk]), {"answer": "confirm"})
    tie.refresh_from_db()
    assert tie.status == "confirmed"
    client.logout()
    assert world["other_actor"].name in names(client.get(world["actor"].get_absolute_url()))
    assert world["actor"].name in names(client.get(world["other_actor"].get_absolute_url()))


def test_nobody_proposes_a_tie_on_behalf_of_an_actor_they_do_not_belong_to(client, world):
    client.force_login(world["other"])
    client.post(
        reverse("actors:tie_propose", args=[world["other_actor"].slug]),
        {"source": world["actor"].pk, "kind": "cooperation"},
    )
    assert not Tie.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("member", True),
        ("superuser", True),
    ],
)
def test_who_may_delete_a_tie(client, world, who, allowed):
    tie = TieFactory(source=world["actor"])
    stranger = UserFactory()
    people = {**world, "stranger": stranger}
    if who != "anonymous":
        client.force_login(people[who])
    client.post(reverse("actors:tie_delete", args=[tie.pk]))
    assert Tie.objects.filter(pk=tie.pk).exists() is not allowed


def test_stranger_cannot_delete_a_tie(client, world):
    tie = TieFactory(source=world["actor"])
    client.force_login(UserFactory())
    assert client.post(reverse("actors:tie_delete", args=[tie.pk])).status_code == 403
    assert Tie.objects.filter(pk=tie.pk).exists()


def test_complement_search_finds_fitting_offers_nearest_first_with_reason(client):
    tal = NeighbourhoodFactory(name="Talviertel")
    initiative = ActorFactory(name="Studis", latitude=51.70, longitude=11.74, neighbourhoods=[tal])
    ResourceFactory(actor=initiative, direction="need", kind="space")
    near = ActorFactory(name="Wohnbau nah", latitude=51.701, longitude=11.741)
    ResourceFactory(actor=near, direction="offer", kind="space", area_m2=120, neighbourhood=tal)
    far = ActorFactory(name="Wohnbau fern", latitude=52.5, longitude=13.4)
    ResourceFactory(actor=far, direction="offer", kind="space", area_m2=300)
    unrelated = ActorFactory(name="Stiftung Geld")
    ResourceFactory(actor=unrelated, direction="offer", kind="money")
    member = MembershipFactory(actor=initiative).user
    client.force_login(member)

    html = names(client.get(reverse("actors:complements", args=[initiative.slug])))

    assert html.index("Wohnbau nah") < html.index("Wohnbau fern")
    assert "bietet Raum in Talviertel, 120 m²" in html
    assert "Stiftung Geld" not in html


def test_complement_search_is_for_members_only(client, world):
    client.force_login(world["other"])
    response = client.get(reverse("actors:complements", args=[world["actor"].slug]))
    assert response.status_code == 403


def test_private_contacts_are_shown_to_members_only(client, world):
    world["actor"].contacts.create(
        name="Koordination", email="k@musterstadt.example", public_consent=False
    )
    assert "k@musterstadt.example" not in names(client.get(world["actor"].get_absolute_url()))
    client.force_login(world["member"])
    assert "k@musterstadt.example" in names(client.get(world["actor"].get_absolute_url()))


def test_offers_and_needs_are_kept_changed_and_added_on_edit(client, world):
    kept = ResourceFactory(actor=world["actor"], direction="offer", kind="space")
    dropped = ResourceFactory(actor=world["actor"], direction="offer", kind="money")
    client.force_login(world["member"])
    client.post(
        reverse("actors:edit", args=[world["actor"].slug]),
        {
            "name": world["actor"].name,
            "short_description": "x",
            "sector": "culture",
            "visibility": "public",
            "established": "1",
            "resources-TOTAL_FORMS": "3",
            "resources-INITIAL_FORMS": "2",
            "resources-0-id": kept.pk,
            "resources-0-direction": "offer",
            "resources-0-kind": "space",
            "resources-0-area_m2": "80",
            "resources-1-id": dropped.pk,
            "resources-1-direction": "offer",
            "resources-1-kind": "money",
            "resources-1-DELETE": "on",
            "resources-2-direction": "need",
            "resources-2-kind": "publicity",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    world["actor"].refresh_from_db()
    kinds = set(Resource.objects.filter(actor=world["actor"]).values_list("direction", "kind"))
    assert kinds == {("need", "publicity"), ("offer", "space")}
    assert Resource.objects.get(actor=world["actor"], kind="space").area_m2 == 80
    assert world["actor"].is_established and world["actor"].established_set_by_hand


def test_inviting_somebody_without_an_account_by_email(client, world):
    from datetime import timedelta

    from django.core import mail

    from quartier.actors.models import Invitation

    client.force_login(world["admin_member"])
    client.post(
        reverse("actors:member_add", args=[world["actor"].slug]),
        {"email": "Neu@Beispiel.example", "role": "editor"},
    )
    invitation = Invitation.objects.get()
    assert invitation.email == "neu@beispiel.example" and invitation.role == "editor"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["neu@beispiel.example"]
    link = reverse("actors:invitation", args=[invitation.token])
    assert link in mail.outbox[0].body and mail.outbox[0].body.count("http://testserver") == 1

    newcomer = UserFactory(email="neu@beispiel.example")
    client.force_login(newcomer)
    assert "Einladung annehmen" in names(client.get(link))
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer, actor=world["actor"]).role == "editor"
    # the link works once
    client.force_login(UserFactory())
    client.post(link)
    assert Membership.objects.filter(actor=world["actor"]).count() == 3

    old = Invitation.objects.create(
        actor=world["actor"], email="alt@beispiel.example", token="abgelaufen", role="editor"
    )
    Invitation.objects.filter(pk=old.pk).update(created_at=old.created_at - timedelta(days=15))
    assert "nicht mehr gültig" in names(
        client.get(reverse("actors:invitation", args=["abgelaufen"]))
    )


def test_a_registered_person_is_invited_and_joins_with_the_role_on_accepting(client, world):
    from django.core import mail

    newcomer = UserFactory()
    client.force_login(world["admin_member"])
    client.post(
        reverse("actors:member_add", args=[world["actor"].slug]),
        {"email": newcomer.email, "role": "admin"},
    )
    assert not Membership.objects.filter(user=newcomer).exists()
    assert mail.outbox[-1].to == [newcomer.email]
    client.force_login(newcomer)
    token = Invitation.objects.get(email=newcomer.email).token
    client.post(reverse("actors:invitation", args=[token]))
    assert Membership.objects.get(user=newcomer).role == "admin"


def test_only_actor_administrators_withdraw_invitations(client, world):
    from quartier.actors.models import Invitation

    invitation = Invitation.objects.create(
        actor=world["actor"], email="x@beispiel.example", token="t1", role="editor"
    )
    url = reverse("actors:invitation_revoke", args=[world["actor"].slug, invitation.pk])
    client.force_login(world["member"])
    assert client.post(url).status_code == 403
    client.force_login(world["admin_member"])
    client.post(url)
    assert not Invitation.objects.exists()
