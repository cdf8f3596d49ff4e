import json

from quartier.accounts.services import create_token
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services
from quartier.alliances.models import Goal


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def call(client, url, body=None, user=None, method="post"):
    headers = auth(user) if user else {}
    if method == "get":
        return client.get(url, headers=headers)
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_found_an_alliance_invite_a_member_who_accepts_and_read_it(client, setting):
    created = call(
        client,
        "/api/v1/alliances",
        {"name": "Allianz API", "purpose": "Testen", "initiator": setting.lead.pk},
        setting.lead_admin,
    )
    assert created.status_code == 201, created.content
    alliance_id = created.json()["id"]
    added = call(
        client,
        f"/api/v1/alliances/{alliance_id}/members",
        {"actor": setting.partner.pk, "role": "funder", "capacity_money": "5000.00"},
        setting.lead_admin,
    )
    assert added.status_code == 201, added.content
    assert added.json()["accepted_at"] is None  # an invitation, not a membership
    invitation_id = added.json()["id"]

    def public_members():
        detail = client.get(f"/api/v1/alliances/{alliance_id}").json()
        return {(m["actor_name"], m["role"], m["capacity_money"]) for m in detail["members"]}

    assert public_members() == {("Quartiersbüro", "initiator", None)}
    # the invitation is seen by the steering and the invited actor's administrators only
    listing = f"/api/v1/alliances/{alliance_id}/invitations"
    assert client.get(listing).status_code == 401
    assert call(client, listing, user=setting.outsider, method="get").json()["items"] == []
    steering = call(client, listing, user=setting.lead_admin, method="get").json()["items"]
    assert [i["actor_name"] for i in steering] == ["Wohnbau Nord"]
    mine = call(client, "/api/v1/alliances/invitations", user=setting.partner_admin, method="get")
    assert [(i["alliance_name"], i["role"]) for i in mine.json()["items"]] == [
        ("Allianz API", "funder")
    ]
    # neither a stranger nor the steering can accept for the actor
    accept = f"/api/v1/alliances/invitations/{invitation_id}/accept"
    assert call(client, accept, user=setting.outsider).status_code == 404
    assert call(client, accept, user=setting.lead_admin).status_code == 403
    assert public_members() == {("Quartiersbüro", "initiator", None)}
    accepted = call(client, accept, user=setting.partner_admin)
    assert accepted.status_code == 200 and accepted.json()["accepted_at"]
    assert public_members() == {
        ("Quartiersbüro", "initiator", None),
        ("Wohnbau Nord", "funder", "5000.00"),
    }
    assert call(client, accept, user=setting.partner_admin).status_code == 404  # answered
    left = call(
        client,
        f"/api/v1/alliances/{alliance_id}/members/{invitation_id}/leave",
        {},
        setting.partner_admin,
    )
    assert left.status_code == 200 and left.json()["left_on"]


def test_a_declined_invitation_is_gone_and_an_own_actor_joins_at_once(client, setting):
    third = ActorFactory(name="Kulturverein")
    invited = call(
        client,
        f"/api/v1/alliances/{setting.alliance.pk}/members",
        {"actor": third.pk, "role": "partner"},
        setting.lead_admin,
    )
    decline = f"/api/v1/alliances/invitations/{invited.json()['id']}/decline"
    assert call(client, decline, user=setting.outsider).status_code == 404
    third_admin = MembershipFactory(actor=third).user
    assert call(client, decline, user=third_admin).status_code == 204
    assert not setting.alliance.members.filter(actor=third).exists()
    # whoever administers the actor adds it without an invitation
    MembershipFactory(actor=third, user=setting.lead_admin)
    joined = call(
        client,
        f"/api/v1/alliances/{setting.alliance.pk}/members",
        {"actor": third.pk, "role": "partner"},
        setting.lead_admin,
    )
    assert joined.status_code == 201 and joined.json()["accepted_at"]
    detail = client.get(f"/api/v1/alliances/{setting.alliance.pk}").json()
    assert "Kulturverein" in {m["actor_name"] for m in detail["members"]}


def test_outsiders_cannot_steer_and_bad_input_gets_the_error_format(client, setting):
    url = f"/api/v1/alliances/{setting.alliance.pk}"
    refused = call(client, url, {"name": "Gekapert"}, setting.outsider, method="patch")
    assert refused.status_code == 403
    assert set(refused.json()["error"]["message"]) == {"de", "en"}
    bad = call(
        client, f"{url}/members", {"actor": setting.partner.pk, "role": "king"}, setting.lead_admin
    )
    assert bad.status_code == 422
    twice = call(
        client, f"{url}/members", {"actor": setting.partner.pk, "role": "lead"}, setting.lead_admin
    )
    assert twice.status_code == 422 and "de" in twice.json()["error"]["message"]


def test_strategy_is_for_alliance_members_only(client, setting):
    services.save_goal(Goal(alliance=setting.alliance, title="Ziel A"), by=setting.lead_admin)
    url = f"/api/v1/alliances/{setting.alliance.pk}/goals"
    assert client.get(url).status_code == 403
    assert call(client, url, user=setting.outsider, method="get").status_code == 403
    goals = call(client, url, user=setting.partner_admin, method="get")
    assert [g["title"] for g in goals.json()] == ["Ziel A"]


def test_agreement_from_draft_to_signed_through_the_api(client, setting):
    created = call(
        client,
        "/api/v1/agreements",
        {
            "alliance": setting.alliance.pk,
            "kind": "letter_of_intent",
            "title": "Absicht Nord",
            "parties": [setting.lead.pk, setting.partner.pk],
        },
        setting.lead_admin,
    )
    assert created.status_code == 201, created.content
    agreement = created.json()
    assert agreement["status"] == "draft" and agreement["current_version"] == 1
    # outsiders and the public do not see a draft
    assert client.get(f"/api/v1/agreements/{agreement['id']}").status_code == 404
    listing = call(client, "/api/v1/agreements", user=setting.outsider, method="get").json()
    assert listing["count"] == 0
    clauses = agreement["versions"][0]["clauses"]
    clauses[0]["text"] = "Neuer Zweck."
    revised = call(
        client,
        f"/api/v1/agreements/{agreement['id']}/versions",
        {"clauses": clauses},
        setting.lead_admin,
    )
    assert revised.json()["current_version"] == 2
    call(client, f"/api/v1/agreements/{agreement['id']}/negotiation", {}, setting.lead_admin)
    wrong = call(
        client,
        f"/api/v1/agreements/{agreement['id']}/approvals",
        {"party": setting.lead.pk, "version": 2},
        setting.partner_admin,
    )
    assert wrong.status_code == 403
    for user, party in (
        (setting.lead_admin, setting.lead),
        (setting.partner_admin, setting.partner),
    ):
        answer = call(
            client,
            f"/api/v1/agreements/{agreement['id']}/approvals",
            {"party": party.pk, "version": 2},
            user,
        )
        assert answer.status_code == 200, answer.content
    signed = client.get(f"/api/v1/agreements/{agreement['id']}").json()
    assert signed["status"] == "signed" and signed["signed_version"] == 2
    assert len(signed["versions"][1]["approvals"]) == 2
    assert client.get("/api/v1/agreements").json()["count"] == 1  # signed: public
