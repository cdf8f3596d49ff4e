from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quartier.core.testing import assert_queries_do_not_grow
from quartier.funding import grant_services, services
from quartier.funding.tests.factories import FeeFloorFactory


def honoraria(trust, *rates):
    """An application of the project with one honorarium line per rate against a floor of
    300 € per performance (with a justification where it is below)."""
    grant = grant_services.create_grant(
        trust.project,
        trust.programme,
        applicant=trust.trustee,
        initiative=trust.initiative,
        by=trust.initiative_member,
    )
    floor = FeeFloorFactory(amount=Decimal("300"))
    for n, rate in enumerate(rates):
        grant_services.add_plan_line(
            grant,
            by=trust.initiative_member,
            category="honoraria",
            description=f"Lesung Frau Beispiel {n}",
            fee_floor=floor,
            quantity=Decimal("2"),
            rate=Decimal(rate),
            justification="Benefizlesung, auf Wunsch der Autorin" if Decimal(rate) < 300 else "",
        )
    return grant


@pytest.mark.django_db
def test_the_statement_is_public_only_while_the_owners_have_published_it(trust, client):
    url = reverse("funding:fair_pay", args=[trust.project.pk])
    api = f"/api/v1/fair-pay-statements/{trust.project.pk}"
    with pytest.raises(ValidationError):  # nothing to state yet
        services.publish_fair_pay_statement(trust.project, by=trust.initiative_member)
    honoraria(trust, "250", "300")
    assert client.get(url).status_code == 404 and client.get(api).status_code == 404
    client.force_login(trust.outsider)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("funding:fair_pay_publish", args=[trust.project.pk])).status_code == 404
    )
    client.force_login(trust.initiative_member)
    preview = client.get(url).content.decode()
    assert "Vorschau" in preview and "1 von 2 Honorarpositionen" in preview
    response = client.post(
        reverse("funding:fair_pay_publish", args=[trust.project.pk]),
        {"note": "Wir zahlen nach den Empfehlungen des BFDK."},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(url).content.decode()
    assert "Wir zahlen nach den Empfehlungen des BFDK." in page and "Vorschau" not in page
    assert "unter der Untergrenze: Benefizlesung, auf Wunsch der Autorin" in page
    assert "Untergrenze erreicht" in page and "Honoraruntergrenzen Darstellende Künste" in page
    assert "Frau Beispiel" not in page  # activities and rates, not the people paid
    data = client.get(api).json()
    assert data["published"] and data["lines_total"] == 2 and data["lines_meeting_floor"] == 1
    assert [(line["rate"], line["below_floor"]) for line in data["lines"]] == [
        ("250.00", True),
        ("300.00", False),
    ]
    client.force_login(trust.outsider)
    assert (
        client.post(reverse("funding:fair_pay_publish", args=[trust.project.pk])).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        services.withdraw_fair_pay_statement(trust.project, by=trust.outsider)
    services.withdraw_fair_pay_statement(trust.project, by=trust.initiative_member)
    client.logout()
    assert client.get(url).status_code == 404 and client.get(api).status_code == 404


@pytest.mark.django_db
def test_the_statement_needs_the_same_queries_for_few_and_many_honoraria(trust, client):
    grant = honoraria(trust, "300")
    services.publish_fair_pay_statement(trust.project, by=trust.initiative_member)

    def add(count):
        for _n in range(count):
            grant_services.add_plan_line(
                grant,
                by=trust.initiative_member,
                category="honoraria",
                description="Workshop",
                fee_floor=FeeFloorFactory(),
                quantity=Decimal("1"),
                rate=Decimal("320"),
            )

    assert_queries_do_not_grow(client, reverse("funding:fair_pay", args=[trust.project.pk]), add)
