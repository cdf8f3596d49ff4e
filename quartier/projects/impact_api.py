"""API of indicators and measurements (submit, approve, return), with the permissions of the
pages. Writes go through quartier.projects.impact_services."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from quartier.accounts.viewer import viewer
from quartier.api.auth import acting_user, read_auth
from quartier.api.schemas import ERRORS, IdField, ObjectId
from quartier.projects import impact_services
from quartier.projects.models import Indicator, Measurement
from quartier.projects.selectors import (
    access_indicator,
    access_measurement,
    access_project,
    indicator_series,
    indicators_of,
)

indicators_router = Router(tags=["projects"])
measurements_router = Router(tags=["projects"])


class PointOut(Schema):
    start: datetime.date
    label: str
    value: Decimal | None
    achieved: Decimal | None
    target: Decimal | None


class IndicatorOut(Schema):
    id: int
    project: int = Field(alias="project_id")
    library_key: str
    title: str
    definition: str
    level: Indicator.Level
    kind: Indicator.Kind
    unit: str
    direction: Indicator.Direction
    baseline_value: Decimal | None
    baseline_on: datetime.date | None
    aggregation: Indicator.Aggregation
    period: Indicator.Period
    disaggregation: str
    categories: list[str]
    iris_id: str
    source: str
    series: list[PointOut]

    @staticmethod
    def resolve_series(indicator: Indicator) -> list[Any]:
        return indicator_series(indicator)


class IndicatorIn(Schema):
    project: IdField
    library_key: str = Field("", max_length=60)
    title: str | None = Field(None, min_length=1, max_length=200)
    definition: str | None = Field(None, max_length=5000)
    level: Indicator.Level | None = None
    kind: Indicator.Kind | None = None
    unit: str | None = Field(None, max_length=40)
    direction: Indicator.Direction | None = None
    baseline_value: Decimal | None = Field(None, ge=-1e12, le=1e12, decimal_places=2)
    baseline_on: datetime.date | None = None
    aggregation: Indicator.Aggregation | None = None
    period: Indicator.Period | None = None
    disaggregation: str | None = Field(None, max_length=60)
    categories: list[str] | None = None
    targets: dict[datetime.date, Decimal] = {}


class EvidenceOut(Schema):
    id: int
    kind: str
    url: str
    file: str | None
    description: str

    @staticmethod
    def resolve_file(evidence: Any) -> str | None:
        return evidence.file.url if evidence.file else None


class MeasurementOut(Schema):
    id: int
    indicator: int = Field(alias="indicator_id")
    period_start: datetime.date
    value: Decimal | None
    narrative: str
    status: Measurement.Status
    comment: str
    is_automatic: bool
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(measurement: Measurement) -> list[Any]:
        return list(measurement.evidence.all())


class MeasurementIn(Schema):
    indicator: IdField
    period_start: datetime.date
    value: Decimal | None = Field(None, ge=-1e12, le=1e12, decimal_places=2)
    narrative: str = Field("", max_length=10000)
    link: str = Field("", max_length=500)
    link_description: str = Field("", max_length=300)


class ReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _with_series(indicator: Indicator) -> Indicator:
    """The indicator again with its targets and measurements prefetched for the answer."""
    return indicators_of([indicator.project]).get(pk=indicator.pk)


@indicators_router.get("", response={200: list[IndicatorOut], **ERRORS}, auth=read_auth)
def list_indicators(request: HttpRequest, project: IdField) -> list[Indicator]:
    """The indicators of a project with their approved values against the targets."""
    found = access_project(viewer(request), project, "projects.view_project")
    return list(indicators_of([found]))


@indicators_router.get("/{indicator_id}", response={200: IndicatorOut, **ERRORS}, auth=read_auth)
def get_indicator(request: HttpRequest, indicator_id: ObjectId) -> Indicator:
    return _with_series(access_indicator(viewer(request), indicator_id, "projects.view_project"))


@indicators_router.post("", response={201: IndicatorOut, **ERRORS})
def add_indicator(request: HttpRequest, payload: IndicatorIn) -> Status:
    """Adds an indicator – from the library (`library_key`) or the project's own."""
    user = acting_user(request)
    project = access_project(user, payload.project, "projects.change_project")
    fields = {
        k: _plain(v)
        for k, v in payload.model_dump(exclude={"project", "library_key", "targets"}).items()
        if v is not None
    }
    if not payload.library_key and "title" not in fields:
        raise ValidationError({"title": "Name the indicator or choose one from the library."})
    if not payload.library_key:
        fields.setdefault("level", "output")
    indicator = impact_services.add_indicator(
        project, by=user, library_key=payload.library_key, targets=payload.targets, **fields
    )
    return Status(201, _with_series(access_indicator(user, indicator.pk)))


@measurements_router.get("", response={200: list[MeasurementOut], **ERRORS}, auth=read_auth)
def list_measurements(request: HttpRequest, indicator: IdField) -> list[Measurement]:
    """Every measurement of an indicator (for those who may contribute), otherwise the
    approved ones."""
    user = viewer(request)
    found = _with_series(access_indicator(user, indicator, "projects.view_project"))
    show_all = user.has_perm("projects.contribute", found.project)
    return [m for m in found.measurements.all() if show_all or m.status == "approved"]


@measurements_router.post("", response={201: MeasurementOut, **ERRORS})
def save_measurement(request: HttpRequest, payload: MeasurementIn) -> Status:
    """Enters (or corrects) a draft value of a period, optionally with a link as evidence."""
    user = acting_user(request)
    indicator = access_indicator(user, payload.indicator, "projects.contribute")
    measurement = impact_services.save_measurement(
        indicator,
        by=user,
        period_start=payload.period_start,
        value=payload.value,
        narrative=payload.narrative,
    )
    if payload.link:
        impact_services.add_evidence(
            measurement,
            by=user,
            kind="link",
            url=payload.link,
            description=payload.link_description,
        )
    return Status(201, measurement)


@measurements_router.post("/{measurement_id}/submit", response={200: MeasurementOut, **ERRORS})
def submit(request: HttpRequest, measurement_id: ObjectId) -> Measurement:
    user = acting_user(request)
    measurement = access_measurement(user, measurement_id, "projects.contribute")
    return impact_services.submit_measurement(measurement, by=user)


@measurements_router.post("/{measurement_id}/approve", response={200: MeasurementOut, **ERRORS})
def approve(request: HttpRequest, measurement_id: ObjectId) -> Measurement:
    """The owner side or the alliance's steering approves (not the person who submitted)."""
    user = acting_user(request)
    measurement = access_measurement(user, measurement_id, "projects.approve_measurement")
    return impact_services.approve_measurement(measurement, by=user)


@measurements_router.post("/{measurement_id}/return", response={200: MeasurementOut, **ERRORS})
def send_back(request: HttpRequest, measurement_id: ObjectId, payload: ReturnIn) -> Measurement:
    user = acting_user(request)
    measurement = access_measurement(user, measurement_id, "projects.approve_measurement")
    return impact_services.return_measurement(measurement, by=user, comment=payload.comment)
