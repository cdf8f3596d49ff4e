import json

from quartier.accounts.services import create_token
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


def test_found_an_alliance_add_members_and_read_it(client, setting):
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
    detail = client.get(f"/api/v1/alliances/{alliance_id}").json()
    assert {(m["actor_name"], m["role"]) for m in detail["members"]} == {
        ("Quartiersbüro", "initiator"),
        ("Wohnbau Nord", "funder"),
    }
    left = call(
        client,
        f"/api/v1/alliances/{alliance_id}/members/{added.json()['id']}/leave",
        {},
        setting.partner_admin,
    )
    assert left.status_code == 200 and left.json()["left_on"]


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
