import json

from quartier.accounts.services import create_token


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def call(client, url, body=None, user=None, method="post"):
    headers = auth(user) if user else {}
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_create_a_project_change_its_phase_and_read_it(client, setting):
    created = call(
        client,
        "/api/v1/projects",
        {"title": "API-Projekt", "owners": [setting.initiative.pk], "topics": ["culture"]},
        setting.initiative_member,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    moved = call(
        client, f"/api/v1/projects/{pk}/phase", {"phase": "trial"}, setting.initiative_member
    )
    assert moved.status_code == 200, moved.content
    assert [p["phase"] for p in moved.json()["phases"]] == ["idea", "trial"]
    added = call(
        client,
        f"/api/v1/projects/{pk}/participants",
        {"actor": setting.partner.pk, "role": "funder", "contribution": "Geld"},
        setting.initiative_member,
    )
    assert added.status_code == 201, added.content
    detail = client.get(f"/api/v1/projects/{pk}").json()
    assert [(p["actor_name"], p["role"]) for p in detail["participants"]] == [
        ("Wohnbau Nord", "funder")
    ]
    listed = client.get("/api/v1/projects?phase=trial").json()
    assert [p["title"] for p in listed["items"]] == ["API-Projekt"]


def test_outsiders_may_not_change_and_bad_input_is_a_422(client, setting):
    url = f"/api/v1/projects/{setting.project.pk}"
    assert call(client, url + "/phase", {"phase": "trial"}, setting.outsider).status_code == 403
    assert (
        call(client, url + "/phase", {"phase": "nope"}, setting.initiative_member).status_code
        == 422
    )
    assert (
        call(client, url + "/phase", {"phase": "idea"}, setting.initiative_member).status_code
        == 422
    )
    ended = call(
        client,
        url + "/end-learned",
        {"worked": "a", "failed": "b", "for_others": "c", "consent": True},
        setting.initiative_member,
    )
    assert ended.status_code == 200 and ended.json()["case_report"] is not None
    assert client.get("/api/v1/projects/99999999").status_code == 404


def test_indicators_and_measurements_through_the_api(client, setting):
    created = call(
        client,
        "/api/v1/indicators",
        {
            "project": setting.project.pk,
            "library_key": "besuche-pro-monat",
            "baseline_value": "0",
            "targets": {"2026-01-01": "400"},
        },
        setting.initiative_member,
    )
    assert created.status_code == 201, created.content
    indicator = created.json()["id"]
    entered = call(
        client,
        "/api/v1/measurements",
        {
            "indicator": indicator,
            "period_start": "2026-01-01",
            "value": "520",
            "link": "https://example.org/zaehlung",
            "link_description": "Zählliste",
        },
        setting.initiative_member,
    )
    assert entered.status_code == 201, entered.content
    m = entered.json()["id"]
    assert (
        call(client, f"/api/v1/measurements/{m}/submit", user=setting.initiative_member).status_code
        == 200
    )
    assert (
        call(client, f"/api/v1/measurements/{m}/approve", user=setting.outsider).status_code == 403
    )
    assert (
        call(client, f"/api/v1/measurements/{m}/approve", user=setting.partner_member).status_code
        == 403
    )
    back = call(
        client,
        f"/api/v1/measurements/{m}/return",
        {"comment": "Doppelt gezählt"},
        setting.lead_admin,
    )
    assert back.json()["status"] == "returned"
    call(
        client,
        "/api/v1/measurements",
        {"indicator": indicator, "period_start": "2026-01-01", "value": "430"},
        setting.initiative_member,
    )
    call(client, f"/api/v1/measurements/{m}/submit", user=setting.initiative_member)
    approved = call(client, f"/api/v1/measurements/{m}/approve", user=setting.lead_admin)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    series = client.get(f"/api/v1/indicators/{indicator}").json()["series"]
    assert series == [
        {
            "start": "2026-01-01",
            "label": "01/2026",
            "value": "430.00",
            "achieved": "430.00",
            "target": "400.00",
        }
    ]
    bad = call(
        client,
        "/api/v1/measurements",
        {"indicator": indicator, "period_start": "2026-02-01", "value": "N/A"},
        setting.initiative_member,
    )
    assert bad.status_code == 422
