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
