"""Indicators and measurements are fetched through `access_indicator` / `access_measurement`
by the pages and the API alike: 404 for whom the project is hidden, 403 for whom it is
visible but who may not act."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from quartier.projects import impact_services, services
from quartier.projects.selectors import access_indicator, access_measurement
from quartier.projects.tests.test_api import auth, call
from quartier.projects.tests.test_pages import login


def submitted(setting):
    indicator = impact_services.add_indicator(
        setting.project, by=setting.initiative_member, library_key="besuche-pro-monat"
    )
    measurement = impact_services.save_measurement(
        indicator,
        by=setting.initiative_member,
        period_start=datetime.date(2026, 1, 1),
        value=Decimal(12),
    )
    impact_services.submit_measurement(measurement, by=setting.initiative_member)
    return indicator, measurement


def test_the_access_functions_hide_and_forbid(setting):
    indicator, measurement = submitted(setting)
    assert access_indicator(setting.outsider, indicator.pk).pk == indicator.pk  # public project
    with pytest.raises(PermissionDenied):
        access_indicator(setting.outsider, indicator.pk, "projects.contribute")
    with pytest.raises(PermissionDenied):
        access_measurement(setting.partner_member, measurement.pk, "projects.approve_measurement")
    assert (
        access_measurement(
            setting.lead_admin, measurement.pk, "projects.approve_measurement"
        ).indicator.project
        == setting.project
    )
    services.update_project(setting.project, by=setting.initiative_member, is_public=False)
    with pytest.raises(Http404):
        access_indicator(setting.outsider, indicator.pk)
    with pytest.raises(Http404):
        access_measurement(setting.outsider, measurement.pk, "projects.approve_measurement")
    with pytest.raises(Http404):
        access_indicator(setting.outsider, indicator.pk + 1000)


def test_pages_and_api_answer_403_to_a_visible_project_and_404_to_a_hidden_one(client, setting):
    indicator, measurement = submitted(setting)
    p, i, m = setting.project.pk, indicator.pk, measurement.pk
    enter_page = f"/projekte/{p}/indikatoren/{i}/messwert/"
    approve_page = f"/projekte/{p}/messwerte/{m}/approve/"
    login(client, setting.outsider)
    assert client.get(enter_page).status_code == 403
    assert client.post(approve_page).status_code == 403
    outsider = setting.outsider
    new_value = {"indicator": i, "period_start": "2026-02-01", "value": "3"}
    assert call(client, "/api/v1/measurements", new_value, outsider).status_code == 403
    assert call(client, f"/api/v1/measurements/{m}/approve", user=outsider).status_code == 403
    assert client.get(f"/api/v1/indicators/{i}", headers=auth(outsider)).status_code == 200

    services.update_project(setting.project, by=setting.initiative_member, is_public=False)
    assert client.get(enter_page).status_code == 404
    assert client.post(approve_page).status_code == 404
    assert call(client, "/api/v1/measurements", new_value, outsider).status_code == 404
    assert call(client, f"/api/v1/measurements/{m}/approve", user=outsider).status_code == 404
    assert call(client, f"/api/v1/measurements/{m}/submit", user=outsider).status_code == 404
    assert client.get(f"/api/v1/indicators/{i}", headers=auth(outsider)).status_code == 404
    listing = f"/api/v1/measurements?indicator={i}"
    assert client.get(listing, headers=auth(outsider)).status_code == 404
    # those on the project still get on
    assert (
        call(client, f"/api/v1/measurements/{m}/approve", user=setting.lead_admin).json()["status"]
        == "approved"
    )
