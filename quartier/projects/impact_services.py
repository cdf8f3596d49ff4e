"""Writes about the impact of projects: the SRS chain, indicators with targets, measurements
with evidence going draft → submitted → approved or returned, locked periods, bulk entry, the
CSV import and the automatic indicators. Each service checks the permission, validates, runs
in a transaction and records the change in the audit trail."""

import csv
import datetime
import io
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import User
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify
from quartier.core.progress import report_progress, start_progress
from quartier.engines.impact import is_period_start, parse_period
from quartier.projects.automatic import automatic_values
from quartier.projects.library import library_entry
from quartier.projects.models import (
    Evidence,
    Indicator,
    Measurement,
    MeasurementStep,
    PeriodLock,
    Project,
    Target,
)
from quartier.projects.services import lock_project

# ---------------------------------------------------------------------------------------------
# Impact: the SRS chain, indicators, targets, measurements with evidence, locked periods

SRS_FIELDS = [
    "problem",
    "approach",
    "inputs",
    "outputs",
    "outcomes",
    "impact",
    "target_groups",
    "outlook",
]
INDICATOR_FIELDS = [
    "title",
    "definition",
    "level",
    "kind",
    "unit",
    "direction",
    "baseline_value",
    "baseline_on",
    "aggregation",
    "period",
    "disaggregation",
    "categories",
    "iris_id",
    "source",
]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def save_impact_model(project: Project, *, by: User, **fields: str) -> Project:
    """The owner side describes the project in the SRS chain: problem, approach, inputs,
    outputs, outcomes, impact, target groups, outlook."""
    locked = lock_project(project, by)
    unknown = set(fields) - set(SRS_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(locked, SRS_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value.strip())
    locked.save()
    record_change(
        locked, by=by, action="changed", changes=diff(before, snapshot(locked, SRS_FIELDS))
    )
    return locked


def _validate_indicator(indicator: Indicator) -> None:
    indicator.full_clean(exclude=["project", "categories"])
    if not isinstance(indicator.categories, list) or not all(
        isinstance(c, str) and c.strip() for c in indicator.categories
    ):
        raise ValidationError({"categories": _("Categories are a list of names.")})
    if indicator.categories and not indicator.disaggregation:
        raise ValidationError({"disaggregation": _("Say what the categories break down.")})
    if indicator.is_automatic and not indicator.is_quantitative:
        raise ValidationError(
            {"source": _("Only a quantitative indicator is filled automatically.")}
        )


@transaction.atomic
def add_indicator(
    project: Project,
    *,
    by: User,
    library_key: str = "",
    targets: dict[datetime.date, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    """Adds an indicator – from the library (its definition, unit, direction, counting and
    IRIS+ id; the fields given override them) or of the project's own – with its targets."""
    locked = lock_project(project, by)
    values: dict[str, Any] = {}
    if library_key:
        entry = library_entry(library_key)
        if entry is None:
            raise ValidationError({"library_key": _("Unknown library indicator.")})
        values = {k: entry[k] for k in INDICATOR_FIELDS if k in entry}
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    values.update({k: v for k, v in fields.items() if v is not None})
    indicator = Indicator(
        project=locked,
        library_key=library_key,
        position=locked.indicators.count(),
        **values,
    )
    _validate_indicator(indicator)
    indicator.save()
    if targets:
        _set_targets(indicator, targets)
    record_change(locked, by=by, action="changed", changes={"indicator": indicator.title})
    return indicator


def _set_targets(indicator: Indicator, targets: dict[datetime.date, Decimal]) -> None:
    errors = []
    for start in targets:
        if not is_period_start(start, indicator.period):
            errors.append(_("%(day)s does not start a period.") % {"day": start.isoformat()})
    if errors:
        raise ValidationError({"targets": errors})
    if not indicator.is_quantitative and targets:
        raise ValidationError({"targets": _("A qualitative indicator has no targets.")})
    indicator.targets.all().delete()
    Target.objects.bulk_create(
        Target(indicator=indicator, period_start=start, value=value)
        for start, value in sorted(targets.items())
    )


@transaction.atomic
def change_indicator(
    indicator: Indicator,
    *,
    by: User,
    targets: dict[datetime.date, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    lock_project(indicator.project, by)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if (
        "period" in fields
        and fields["period"] != indicator.period
        and indicator.measurements.exists()
    ):
        raise ValidationError(
            {"period": _("The period cannot change once there are measurements.")}
        )
    before = snapshot(indicator, INDICATOR_FIELDS)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _validate_indicator(indicator)
    indicator.save()
    if targets is not None:
        _set_targets(indicator, targets)
    record_change(
        indicator.project,
        by=by,
        action="changed",
        changes={f"indicator {indicator.pk}": diff(before, snapshot(indicator, INDICATOR_FIELDS))},
    )
    return indicator


def _is_locked(project_id: int, start: datetime.date) -> bool:
    return PeriodLock.objects.filter(project_id=project_id, period_start=start).exists()


MAX_VALUE = Decimal(10) ** 12


def _check_value(indicator: Indicator, value: Any, narrative: str, breakdown: Any) -> None:
    if indicator.is_quantitative:
        if value is None:
            raise ValidationError({"value": _("Enter a number.")})
        if not isinstance(value, Decimal | int):
            raise ValidationError({"value": _("Enter a number.")})
        if not Decimal(value).is_finite():
            raise ValidationError({"value": _("Enter a number.")})
        if (
            abs(Decimal(value)) >= MAX_VALUE
        ):  # what the database column holds (14 digits, 2 after the point)
            raise ValidationError({"value": _("Enter a number below one trillion.")})
    elif not narrative.strip():
        raise ValidationError({"narrative": _("Describe what happened.")})
    if breakdown:
        if not isinstance(breakdown, dict) or set(breakdown) - set(indicator.categories):
            raise ValidationError({"breakdown": _("Use the indicator's categories.")})
        if any(not isinstance(v, Decimal | int) for v in breakdown.values()):
            raise ValidationError({"breakdown": _("Enter numbers.")})


@transaction.atomic
def save_measurement(
    indicator: Indicator,
    *,
    by: User,
    period_start: datetime.date,
    value: Decimal | None = None,
    narrative: str = "",
    breakdown: dict[str, Decimal] | None = None,
) -> Measurement:
    """Enters (or corrects) the value of a period as a draft. Participants' members and the
    owner side enter; an approved measurement or a locked period does not change."""
    project = lock_project(indicator.project, by, "projects.contribute")
    if indicator.is_automatic:
        raise ValidationError(_("The platform fills this indicator itself."))
    if not is_period_start(period_start, indicator.period):
        raise ValidationError({"period_start": _("This day does not start a period.")})
    if _is_locked(project.pk, period_start):
        raise ValidationError({"period_start": _("This period is locked.")})
    _check_value(indicator, value, narrative, breakdown)
    measurement = (
        Measurement.objects.select_for_update()
        .filter(indicator=indicator, period_start=period_start)
        .first()
    )
    if measurement is not None and measurement.status == Measurement.Status.APPROVED:
        raise ValidationError(_("This measurement is approved already."))
    if measurement is None:
        measurement = Measurement(indicator=indicator, period_start=period_start, created_by=by)
    if measurement.status == Measurement.Status.SUBMITTED:
        raise ValidationError(_("This measurement waits for approval."))
    measurement.value = Decimal(value) if value is not None else None
    measurement.narrative = narrative.strip()
    measurement.breakdown = {k: str(v) for k, v in (breakdown or {}).items()}
    measurement.save()
    record_change(
        project,
        by=by,
        action="changed",
        changes={"measurement": [indicator.title, period_start.isoformat(), str(value)]},
    )
    return measurement


@transaction.atomic
def add_evidence(
    measurement: Measurement,
    *,
    by: User,
    kind: str,
    file: Any = None,
    url: str = "",
    description: str = "",
) -> Evidence:
    """A file, a photo (with a description for people who cannot see it) or a link."""
    lock_project(measurement.indicator.project, by, "projects.contribute")
    if measurement.status in (Measurement.Status.APPROVED, Measurement.Status.SUBMITTED):
        raise ValidationError(_("Evidence is added before submitting."))
    evidence = Evidence(
        measurement=measurement, kind=kind, file=file or "", url=url, description=description
    )
    if kind in (Evidence.Kind.FILE, Evidence.Kind.PHOTO) and not file:
        raise ValidationError({"file": _("Choose a file.")})
    if kind == Evidence.Kind.LINK and not url:
        raise ValidationError({"url": _("Enter the link.")})
    if kind == Evidence.Kind.PHOTO and not description.strip():
        raise ValidationError({"description": _("Say what the photo shows.")})
    if file is not None and getattr(file, "size", 0) > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _("A file may be at most 10 MB.")})
    if kind == Evidence.Kind.PHOTO and not str(getattr(file, "name", "")).lower().endswith(
        (".jpg", ".jpeg", ".png", ".webp")
    ):
        raise ValidationError({"file": _("A photo is a JPEG, PNG or WebP file.")})
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


@transaction.atomic
def enter_measurement(
    indicator: Indicator,
    *,
    by: User,
    period_start: datetime.date,
    value: Decimal | None = None,
    narrative: str = "",
    evidence: dict[str, Any] | None = None,
    submit: bool = False,
) -> Measurement:
    """The measurement form in one go: the value, its evidence, and (if asked) the
    submission – all or nothing."""
    measurement = save_measurement(
        indicator, by=by, period_start=period_start, value=value, narrative=narrative
    )
    if evidence:
        add_evidence(measurement, by=by, **evidence)
    if submit:
        measurement = submit_measurement(measurement, by=by)
    return measurement


def _step(measurement: Measurement, status: str, by: User | None, comment: str = "") -> None:
    measurement.status = status
    MeasurementStep.objects.create(
        measurement=measurement, status=status, by=by, comment=comment, value=measurement.value
    )


@transaction.atomic
def submit_measurement(measurement: Measurement, *, by: User) -> Measurement:
    locked = (
        Measurement.objects.select_for_update()
        .select_related("indicator__project")
        .get(pk=measurement.pk)
    )
    if not by.has_perm("projects.contribute", locked.indicator.project):
        raise PermissionDenied
    if locked.status not in (Measurement.Status.DRAFT, Measurement.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned measurement is submitted."))
    locked.submitted_by, locked.submitted_at = by, timezone.now()
    _step(locked, Measurement.Status.SUBMITTED, by)
    locked.save()
    return locked


@transaction.atomic
def approve_measurement(measurement: Measurement, *, by: User) -> Measurement:
    """The owner side or the alliance's steering approves – not the person who submitted."""
    locked = (
        Measurement.objects.select_for_update()
        .select_related("indicator__project")
        .get(pk=measurement.pk)
    )
    if not by.has_perm("projects.approve_measurement", locked):
        raise PermissionDenied
    if locked.status != Measurement.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted measurement is approved."))
    locked.approved_by, locked.approved_at, locked.comment = by, timezone.now(), ""
    _step(locked, Measurement.Status.APPROVED, by)
    locked.save()
    record_change(
        locked.indicator.project,
        by=by,
        action="changed",
        changes={"approved": [locked.indicator.title, locked.period_start.isoformat()]},
    )
    return locked


@transaction.atomic
def return_measurement(measurement: Measurement, *, by: User, comment: str) -> Measurement:
    """Sends a submitted measurement back, saying what to correct."""
    locked = (
        Measurement.objects.select_for_update()
        .select_related("indicator__project")
        .get(pk=measurement.pk)
    )
    if not by.has_perm("projects.approve_measurement", locked):
        raise PermissionDenied
    if locked.status != Measurement.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted measurement is returned."))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    locked.comment = comment[:2000]
    _step(locked, Measurement.Status.RETURNED, by, locked.comment)
    locked.save()
    notify(
        [locked.submitted_by] if locked.submitted_by else [],
        _("A measurement of “%(title)s” was returned") % {"title": locked.indicator.project.title},
        locked.comment,
        locked.indicator.project.get_absolute_url(),
    )
    return locked


@transaction.atomic
def lock_period(project: Project, period_start: datetime.date, *, by: User) -> PeriodLock:
    """The owner side locks a period once every measurement of it is approved."""
    locked = lock_project(project, by)
    open_ones = Measurement.objects.filter(
        indicator__project=locked, period_start=period_start
    ).exclude(status=Measurement.Status.APPROVED)
    if open_ones.exists():
        raise ValidationError(_("Approve every measurement of the period first."))
    if not Measurement.objects.filter(
        indicator__project=locked, period_start=period_start
    ).exists():
        raise ValidationError(_("There is nothing to lock in this period."))
    lock, _created = PeriodLock.objects.get_or_create(
        project=locked, period_start=period_start, defaults={"locked_by": by}
    )
    record_change(locked, by=by, action="changed", changes={"locked": period_start.isoformat()})
    return lock


@transaction.atomic
def save_measurements(
    project: Project, rows: list[dict[str, Any]], *, by: User, submit: bool = False
) -> list[Measurement]:
    """Bulk entry: many values at once, all or nothing (a ValidationError names the row)."""
    saved = []
    for number, row in enumerate(rows, start=1):
        try:
            measurement = save_measurement(
                row["indicator"],
                by=by,
                period_start=row["period_start"],
                value=row.get("value"),
                narrative=row.get("narrative", ""),
            )
            if submit:
                measurement = submit_measurement(measurement, by=by)
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(problem)s")
                % {"row": number, "problem": "; ".join(error.messages)}
            ) from error
        saved.append(measurement)
    return saved


# ---------------------------------------------------------------------------------------------
# CSV import of measurements: all or nothing, a report per row, in the background

CSV_COLUMNS = ("indikator", "zeitraum", "wert", "erzaehlung")


def parse_measurements_csv(project: Project, text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Reads a CSV (`indikator;zeitraum;wert;erzaehlung`, comma or semicolon, German decimal
    comma allowed): the rows ready for `save_measurements`, and one problem per bad row."""

    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not {"indikator", "zeitraum"} <= set(header):
        return [], [_("The first line must name the columns indikator;zeitraum;wert;erzaehlung.")]
    indicators = {str(i.pk): i for i in project.indicators.all()}
    indicators.update({i.title.lower(): i for i in indicators.values()})
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        indicator = indicators.get(row.get("indikator", "").lower())
        if indicator is None:
            problems.append(
                _("Line %(line)s: unknown indicator “%(name)s”.")
                % {"line": number, "name": row.get("indikator", "")}
            )
            continue
        try:
            start = parse_period(row.get("zeitraum", ""), indicator.period)
        except ValueError:
            problems.append(
                _("Line %(line)s: “%(period)s” is not a period of this indicator.")
                % {"line": number, "period": row.get("zeitraum", "")}
            )
            continue
        value = None
        if row.get("wert"):
            try:
                value = Decimal(
                    row["wert"].replace(".", "").replace(",", ".")
                    if "," in row["wert"]
                    else row["wert"]
                )
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(
                    _("Line %(line)s: “%(value)s” is not a number.")
                    % {"line": number, "value": row["wert"]}
                )
                continue
        elif indicator.is_quantitative:
            problems.append(_("Line %(line)s: the value is missing.") % {"line": number})
            continue
        rows.append(
            {
                "line": number,
                "indicator": indicator,
                "period_start": start,
                "value": value,
                "narrative": row.get("erzaehlung", ""),
            }
        )
    return rows, problems


def import_measurements_csv(
    project: Project, text: str, *, by: User, progress_id: str | None = None
) -> dict[str, Any]:
    """Imports every row or none: returns {"imported": n, "problems": [...]} with one
    problem per bad line (also those the services refuse, e.g. a locked period)."""

    rows, problems = parse_measurements_csv(project, text)
    if problems:
        return {"imported": 0, "problems": problems}
    try:
        with transaction.atomic():
            for done, row in enumerate(rows, start=1):
                try:
                    save_measurement(
                        row["indicator"],
                        by=by,
                        period_start=row["period_start"],
                        value=row["value"],
                        narrative=row["narrative"],
                    )
                except ValidationError as error:
                    raise ValidationError(
                        _("Line %(line)s: %(problem)s")
                        % {"line": row["line"], "problem": "; ".join(error.messages)}
                    ) from error
                if progress_id and done % 50 == 0:
                    report_progress(progress_id, done=done, total=len(rows))
    except ValidationError as error:
        return {"imported": 0, "problems": error.messages}
    return {"imported": len(rows), "problems": []}


def start_measurement_import(project: Project, text: str, *, by: User) -> Any:
    """Checks the permission, creates the progress record and starts the import task once
    the transaction commits; the page polls the progress."""

    from quartier.projects.tasks import import_measurements  # noqa: PLC0415 – the task module imports this one

    if not by.has_perm("projects.contribute", project):
        raise PermissionDenied
    if len(text) > 2_000_000:
        raise ValidationError(_("The file is too large (at most 2 MB)."))
    progress = start_progress(by, _("Import of measurements: %(title)s") % {"title": project.title})
    transaction.on_commit(
        partial(import_measurements.enqueue, str(progress.pk), project.pk, by.pk, text)
    )
    return progress


def refresh_automatic_measurements(project: Project) -> int:
    """Fills the automatic indicators of a project from the platform's records: a new or
    changed figure waits as "submitted" for a person to approve it; approved figures that did
    not change and locked periods stay. Returns the number of measurements written."""

    written = 0
    with transaction.atomic():
        locks = set(project.locks.values_list("period_start", flat=True))
        for indicator in project.indicators.exclude(source=""):
            existing = {m.period_start: m for m in indicator.measurements.all()}
            for start, value in automatic_values(indicator).items():
                if start in locks:
                    continue
                measurement = existing.get(start)
                if measurement is not None and measurement.value == value:
                    continue
                if measurement is None:
                    measurement = Measurement(
                        indicator=indicator, period_start=start, is_automatic=True
                    )
                measurement.value = value
                measurement.status = Measurement.Status.SUBMITTED
                measurement.submitted_at = timezone.now()
                measurement.approved_by, measurement.approved_at = None, None
                measurement.save()
                MeasurementStep.objects.create(
                    measurement=measurement,
                    status=Measurement.Status.SUBMITTED,
                    comment="automatisch",
                    value=value,
                )
                written += 1
    return written


def refresh_all_automatic_measurements() -> int:
    """For `quartier daily`: every project that has an automatic indicator."""
    projects = Project.objects.filter(indicators__source__gt="").distinct()
    return sum(refresh_automatic_measurements(p) for p in projects.iterator())
