import base64
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from quartier.accounts.services import create_token
from quartier.funding.models import Receipt
from quartier.funding.tests.conftest import approved_grant
from quartier.funding.tests.factories import ProgrammeFactory


def call(client, url, body=None, user=None, method="post"):
    headers = {"Authorization": f"Bearer {create_token(user, 'test')[1]}"} if user else {}
    if method == "get":
        return client.get(url, headers=headers)
    return client.post(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


@pytest.mark.django_db
def test_programmes_with_facets_and_deadlines_for_anybody(client):
    soon = date.today() + timedelta(days=30)
    ProgrammeFactory(
        title="Kulturfonds",
        regions="|DE-SN|",
        next_deadline=soon,
        deadline_kind="fixed",
        deadline_dates=[soon.isoformat()],
    )
    ProgrammeFactory(title="Heimatfonds", regions="|DE-BY|")
    data = client.get("/api/v1/funding-programmes", {"regions": "DE-SN"}).json()
    assert [p["title"] for p in data["items"]] == ["Kulturfonds"]
    assert data["items"][0]["conditions"]["deadline"] == {
        "kind": "fixed",
        "dates": [soon.isoformat()],
    }
    before = (soon + timedelta(days=1)).isoformat()
    data = client.get("/api/v1/funding-programmes", {"deadline_before": before}).json()
    assert [p["next_deadline"] for p in data["items"]] == [soon.isoformat()]


@pytest.mark.django_db
def test_the_check_takes_a_project_profile_and_answers_per_condition(client, trust):
    body = {
        "project": {
            "applicant": {"legal_form": "informal"},
            "project": {
                "topics": ["kultur"],
                "region": "DE-SN",
                "total_costs": "12000",
                "own_funds": "0",
            },
        },
        "include_not_eligible": True,
    }
    result = call(client, "/api/v1/funding-programmes/check", body).json()["results"][0]
    assert result["slug"] == trust.programme.slug and result["overall"] == "not_eligible"
    assert "Eigenanteil von 10 % fehlt: 1.200 €" in result["remedies"]
    assert {c["status_label"] for c in result["conditions"]} == {
        "erfüllt",
        "nicht erfüllt",
        "Angabe fehlt",
    }
    bad = call(
        client,
        "/api/v1/funding-programmes/check",
        {"project": {"applicant": {"founded_on": "gestern"}}},
    )
    assert bad.status_code == 422 and "project.applicant.founded_on" in bad.content.decode()


@pytest.mark.django_db
def test_grants_draws_receipts_and_reports_with_the_permissions_of_the_pages(client, trust):
    grant = approved_grant(trust)
    base = f"/api/v1/grants/{grant.pk}"
    assert call(client, base, user=trust.outsider, method="get").status_code == 404
    assert (
        call(client, base, user=trust.initiative_member, method="get").json()["status"]
        == "approved"
    )
    assert [
        g["id"]
        for g in call(client, "/api/v1/grants", user=trust.outsider, method="get").json()["items"]
    ] == []
    # the initiative sees the ledger but the trustee keeps it
    assert (
        call(client, f"{base}/draws", {"amount": "100"}, user=trust.initiative_member).status_code
        == 403
    )
    refused = call(client, f"{base}/draws", {"amount": "8000"}, user=trust.trustee_member)
    assert refused.status_code == 422
    assert "Höchstens 5.400 €" in refused.json()["error"]["details"][0]["message"]["de"]
    assert (
        call(client, f"{base}/draws/limit", user=trust.trustee_member, method="get").json()[
            "may_draw"
        ]
        == "5400.00"
    )
    assert (
        call(client, f"{base}/draws", {"amount": "5400"}, user=trust.trustee_member).status_code
        == 201
    )
    bad_csv = "Datum;Empfänger;Zweck;Betrag\n01.02.2027;A;B;10,00\nkein Datum;A;B;5\n"
    report = call(client, f"{base}/receipts/import", {"csv": bad_csv}, user=trust.trustee_member)
    assert report.status_code == 422 and report.json()["errors"][0]["row"] == 3
    assert Receipt.objects.count() == 0
    line = grant.plan_lines.order_by("pk").first()
    made = call(
        client,
        f"{base}/receipts",
        {
            "paid_on": "2027-02-01",
            "payee": "Anna",
            "purpose": "Honorar",
            "amount": "1234.56",
            "plan_line": line.pk,
        },
        user=trust.trustee_member,
    )
    assert made.status_code == 201 and made.json()["number"] == 1
    statement = call(
        client, f"{base}/reports?files=true", user=trust.initiative_member, method="get"
    ).json()
    assert statement["spent"] == "1234.56" and statement["drawn"] == "5400.00"
    book = load_workbook(io.BytesIO(base64.b64decode(statement["xlsx_base64"])))
    assert Decimal(
        str(
            next(
                r[6]
                for r in book["Belegliste"].iter_rows(values_only=True)
                if r[3] == "Summe Ausgaben"
            )
        )
    ) == Decimal("1234.56")
