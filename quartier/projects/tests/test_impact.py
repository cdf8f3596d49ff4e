import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.accounts.tests.factories import UserFactory
from quartier.projects import impact_services
from quartier.projects.models import Measurement
from quartier.projects.selectors import indicator_series

JAN, FEB, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def visitors(setting):
    return impact_services.add_indicator(
        setting.project,
        by=setting.initiative_member,
        library_key="besuche-pro-monat",
        baseline_value=Decimal(0),
        baseline_on=JAN,
        targets={JAN: Decimal(400), FEB: Decimal(400)},
    )


def test_a_library_indicator_brings_its_definition_and_iris_id(setting):
    indicator = visitors(setting)
    assert indicator.title == "Besucherinnen und Besucher pro Monat"
    assert indicator.iris_id == "PI5184" and indicator.unit == "Besuche"
    assert [t.value for t in indicator.targets.all()] == [400, 400]


def test_returned_once_then_approved_with_evidence(setting):
    indicator = visitors(setting)
    m = impact_services.save_measurement(
        indicator, by=setting.initiative_member, period_start=JAN, value=Decimal(520)
    )
    impact_services.add_evidence(
        m,
        by=setting.initiative_member,
        kind="photo",
        file=SimpleUploadedFile("tuer.png", PNG),
        description="Schlange vor dem Laden",
    )
    m = impact_services.submit_measurement(m, by=setting.initiative_member)
    with pytest.raises(PermissionDenied):  # four eyes: not the person who submitted
        impact_services.approve_measurement(m, by=setting.initiative_member)
    m = impact_services.return_measurement(
        m, by=setting.lead_admin, comment="Bitte ohne Doppelzählung"
    )
    assert m.status == "returned" and m.comment == "Bitte ohne Doppelzählung"
    m = impact_services.save_measurement(
        indicator, by=setting.initiative_member, period_start=JAN, value=Decimal(430)
    )
    m = impact_services.submit_measurement(m, by=setting.initiative_member)
    m = impact_services.approve_measurement(m, by=setting.lead_admin)
    assert m.status == "approved" and m.value == 430
    assert [s.status for s in m.steps.all()] == ["submitted", "returned", "submitted", "approved"]
    with pytest.raises(ValidationError):  # approved values stay
        impact_services.save_measurement(
            indicator, by=setting.lead_admin, period_start=JAN, value=1
        )


def test_nobody_outside_the_owner_side_or_steering_approves(setting):
    indicator = visitors(setting)
    m = impact_services.save_measurement(
        indicator, by=setting.partner_member, period_start=JAN, value=3
    )
    m = impact_services.submit_measurement(m, by=setting.partner_member)
    admin = UserFactory(is_superuser=True)
    for user in (setting.outsider, setting.partner_member, UserFactory()):
        with pytest.raises(PermissionDenied):
            impact_services.approve_measurement(m, by=user)
        with pytest.raises(PermissionDenied):
            impact_services.return_measurement(m, by=user, comment="nein")
    assert (
        impact_services.approve_measurement(m, by=setting.initiative_colleague).status == "approved"
    )
    assert admin.has_perm("projects.approve_measurement", m)


def test_numbers_are_numbers_and_photos_have_a_description(setting):
    indicator = visitors(setting)
    with pytest.raises(ValidationError):
        impact_services.save_measurement(indicator, by=setting.initiative_member, period_start=JAN)
    with pytest.raises(ValidationError):
        impact_services.save_measurement(
            indicator, by=setting.initiative_member, period_start=JAN, value="N/A"
        )
    with pytest.raises(ValidationError):  # not the start of a month
        impact_services.save_measurement(
            indicator, by=setting.initiative_member, period_start=JAN.replace(day=5), value=1
        )
    m = impact_services.save_measurement(
        indicator, by=setting.initiative_member, period_start=JAN, value=1
    )
    with pytest.raises(ValidationError):
        impact_services.add_evidence(
            m, by=setting.initiative_member, kind="photo", file=SimpleUploadedFile("a.png", PNG)
        )


def test_a_locked_period_does_not_change(setting):
    indicator = visitors(setting)
    m = impact_services.save_measurement(
        indicator, by=setting.initiative_member, period_start=JAN, value=5
    )
    with pytest.raises(ValidationError):  # not yet approved
        impact_services.lock_period(setting.project, JAN, by=setting.lead_admin)
    impact_services.approve_measurement(
        impact_services.submit_measurement(m, by=setting.initiative_member), by=setting.lead_admin
    )
    impact_services.lock_period(setting.project, JAN, by=setting.lead_admin)
    other = impact_services.add_indicator(
        setting.project, by=setting.initiative_member, library_key="beteiligte-zielgruppe"
    )
    with pytest.raises(ValidationError):
        impact_services.save_measurement(
            other, by=setting.initiative_member, period_start=JAN, value=2
        )


def test_cumulative_and_per_period_values_are_right_across_periods(setting):
    per_period = visitors(setting)
    hours = impact_services.add_indicator(
        setting.project,
        by=setting.initiative_member,
        library_key="ehrenamtsstunden",
        targets={MAR: Decimal(100)},
    )
    for indicator in (per_period, hours):
        for start, value in ((JAN, 40), (FEB, 0), (MAR, 25)):
            m = impact_services.save_measurement(
                indicator, by=setting.initiative_member, period_start=start, value=Decimal(value)
            )
            impact_services.approve_measurement(
                impact_services.submit_measurement(m, by=setting.initiative_member),
                by=setting.lead_admin,
            )
    assert [(p.start, p.achieved) for p in indicator_series(per_period)] == [
        (JAN, 40),
        (FEB, 0),
        (MAR, 25),
    ]
    series = indicator_series(hours)
    assert [(p.start, p.achieved, p.target) for p in series] == [
        (JAN, 40, None),
        (FEB, 40, None),
        (MAR, 65, 100),
    ]


def test_a_csv_with_one_bad_row_imports_nothing_and_names_the_row(setting):
    indicator = visitors(setting)
    text = (
        "indikator;zeitraum;wert;erzaehlung\n"
        f"{indicator.title};2026-01;410;\n"
        f"{indicator.title};2026-02;N/A;\n"
        f"{indicator.pk};03/2026;1.234,5;\n"
    )
    report = impact_services.import_measurements_csv(
        setting.project, text, by=setting.initiative_member
    )
    assert report["imported"] == 0
    assert len(report["problems"]) == 1 and "3" in report["problems"][0]
    assert "N/A" in report["problems"][0]
    assert not Measurement.objects.exists()
    good = text.replace("N/A", "380")
    report = impact_services.import_measurements_csv(
        setting.project, good, by=setting.initiative_member
    )
    assert report == {"imported": 3, "problems": []}
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [
        380,
        410,
        Decimal("1234.5"),
    ]


def test_a_csv_refused_by_the_services_also_imports_nothing(setting):
    indicator = visitors(setting)
    m = impact_services.save_measurement(
        indicator, by=setting.initiative_member, period_start=FEB, value=1
    )
    impact_services.submit_measurement(m, by=setting.initiative_member)  # waits for approval
    text = f"indikator;zeitraum;wert\n{indicator.pk};2026-01;5\n{indicator.pk};2026-02;6\n"
    report = impact_services.import_measurements_csv(
        setting.project, text, by=setting.initiative_member
    )
    assert report["imported"] == 0 and "3" in report["problems"][0]
    assert Measurement.objects.count() == 1
