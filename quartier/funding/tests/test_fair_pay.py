from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from quartier.funding.models import FeeFloor, FeeFloorTable


@pytest.mark.django_db
def test_the_fee_floor_tables_are_data_with_dates_sources_and_versions(client):
    call_command("load_fee_floors")
    call_command("load_fee_floors")  # the same version again replaces, never duplicates
    assert FeeFloorTable.objects.count() == 2
    bfdk = FeeFloorTable.objects.get(issuer__contains="BFDK")
    units = set(bfdk.floors.values_list("unit", flat=True))
    assert units == {"performance", "day", "week", "month"}
    assert set(bfdk.floors.values_list("with_ksk", flat=True)) == {True, False}
    assert FeeFloor.objects.filter(table__issuer__contains="BfK", unit="hour").count() == 2
    month = bfdk.floors.get(unit="month", with_ksk=True)
    assert month.amount == Decimal("3100.00") and bfdk.checked_on is not None
    page = client.get(reverse("funding:fee_floors")).content.decode()
    assert "Beispielwerte" not in page  # the published figures, with their source
    assert "gültig ab 01.01.2023" in page and "zuletzt geprüft 03.12.2026" in page
    assert "https://b-f-k.de/service/info-honorare.php" in page


@pytest.mark.django_db
def test_the_fee_calculator_counts_every_hour_and_compares_with_the_floor(client):
    call_command("load_fee_floors")
    floor = FeeFloor.objects.get(activity__startswith="Honorarzone 2")
    page = client.get(
        reverse("funding:calculator"),
        {
            "preparation_hours": "2",
            "delivery_hours": "3",
            "follow_up_hours": "1",
            "travel_hours": "1.5",
            "hourly_rate": "45",
            "travel_costs": "24.50",
            "floor": floor.pk,
        },
    )
    result = page.context["result"]
    assert result.minutes == 450 and result.total == 33_750 + 2_450
    assert result.floor_total == int(Decimal("50") * 750) and result.below_floor
    assert "unter der Untergrenze" in page.content.decode()
