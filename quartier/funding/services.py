"""Writes about funding: permission, validation, transaction, history, search index."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor, Membership
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify
from quartier.funding import csv_formats, xml_format
from quartier.funding.models import (
    FairPayStatement,
    FeeFloor,
    FeeFloorTable,
    FundingProfile,
    FundingProgramme,
    ProgrammeWatch,
)
from quartier.funding.selectors import engine_programme, fair_pay_lines
from quartier.projects.models import Project
from quartier.search.indexing import index_record

PROGRAMME_FIELDS = [f for f in csv_formats.PROGRAMME_COLUMNS if f != "slug"]
REMIND_DAYS_BEFORE = 14


def _require(user: Any, perm: str, obj: Any = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


@dataclass
class ImportReport:
    """All or nothing: `ok` only when every row is valid; `errors` name each bad row."""

    rows: int = 0
    written: int = 0
    errors: list[csv_formats.RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# Programmes ----------------------------------------------------------------------------------


def _next_deadline(programme: FundingProgramme) -> date | None:
    return engine_programme(programme).deadline.next_on(date.today())


def _validate_programme(programme: FundingProgramme) -> None:
    programme.full_clean()
    problems = {}
    if programme.deadline_kind == "fixed" and not programme.deadline_dates:
        problems["deadline_dates"] = _("Fixed deadlines need at least one date.")
    if programme.deadline_kind == "yearly" and not (
        programme.deadline_month and programme.deadline_day
    ):
        problems["deadline_month"] = _("A yearly call needs a month and a day.")
    if (
        programme.min_amount is not None
        and programme.max_amount is not None
        and programme.min_amount > programme.max_amount
    ):
        problems["max_amount"] = _("The maximum amount is below the minimum amount.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def save_programme(programme: FundingProgramme, *, by: Any) -> FundingProgramme:
    _require(by, "funding.change_programme")
    if not programme.slug:
        programme.slug = _free_slug(programme.title)
    before = {}
    if programme.pk:
        old = FundingProgramme.objects.get(pk=programme.pk)
        before = snapshot(old, PROGRAMME_FIELDS)
    _validate_programme(programme)
    programme.next_deadline = _next_deadline(programme)
    created = programme.pk is None
    programme.save()
    record_change(
        programme,
        by=by,
        action="created" if created else "changed",
        changes=diff(before, snapshot(programme, PROGRAMME_FIELDS)),
    )
    index_record(programme)
    return programme


def _free_slug(title: str) -> str:
    base = slugify(title)[:180] or "programm"
    slug, n = base, 2
    while FundingProgramme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def import_programmes(data: bytes, *, by: Any) -> ImportReport:
    """The documented CSV or XML format (docs/funding.md; XML when the file starts with a
    tag); a programme with an existing `slug` updates it. All or nothing: one bad row (or
    `<programm>`) and nothing is written; the report names each by its line."""
    _require(by, "funding.change_programme")
    report = ImportReport()
    if len(data) > settings.IMPORT_MAX_UPLOAD_BYTES:
        megabytes = settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)
        report.errors.append(csv_formats.RowError(1, [f"Die Datei ist größer als {megabytes} MB."]))
        return report
    if xml_format.looks_like_xml(data):
        try:
            items = xml_format.read_programmes(data)
        except xml_format.XmlFormatError as error:
            report.errors.append(csv_formats.RowError(error.line, [str(error)]))
            return report
        label = "Element"
    else:
        try:
            headers, rows = csv_formats.read_rows(data)
        except csv_formats.CsvFormatError as error:
            report.errors.append(csv_formats.RowError(1, [str(error)]))
            return report
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        if missing:
            report.errors.append(csv_formats.RowError(1, [f"Spalte fehlt: {', '.join(missing)}"]))
            return report
        items = [(number, row, []) for number, row in enumerate(rows, start=2)]
        label = "Spalte"
    return _import_programme_rows(items, label, report, by)


REQUIRED_COLUMNS = ("title", "funder_name", "funder", "checked_on")


def _import_programme_rows(
    items: list[tuple[int, dict[str, str], list[str]]], label: str, report: ImportReport, by: Any
) -> ImportReport:
    report.rows = len(items)
    prepared: list[FundingProgramme] = []
    existing = {
        p.slug: p
        for p in FundingProgramme.objects.filter(slug__in=[r.get("slug") for _n, r, _p in items])
    }
    seen: set[str] = set()
    for number, row, problems in items:
        messages: list[str] = list(problems)
        if label == "Element":  # a CSV file names its columns once, in the header
            messages += [f"Element „{c}“ fehlt." for c in REQUIRED_COLUMNS if c not in row]
        values = csv_formats.programme_fields(row, messages, label)
        slug = values.pop("slug") or slugify(values.get("title") or "")[:180]
        if slug in seen:
            messages.append(f"Kennung „{slug}“ kommt doppelt vor.")
        seen.add(slug)
        programme = existing.get(slug) or FundingProgramme(slug=slug)
        for name, value in values.items():
            if value is not None or name in (
                "min_amount",
                "max_amount",
                "funding_rate",
                "checked_on",
                "deadline_month",
                "deadline_day",
            ):
                setattr(programme, name, value)
        if not messages:
            try:
                _validate_programme(programme)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    messages += [f"{name}: {e}" for e in errors]
        if messages:
            report.errors.append(csv_formats.RowError(number, messages))
        prepared.append(programme)
    if report.errors:
        return report
    with transaction.atomic():
        for programme in prepared:
            save_programme(programme, by=by)
    report.written = len(prepared)
    return report


# Projects: profile, watches, reminders -------------------------------------------------------

PROFILE_FIELDS = [
    "applicant", "non_profit", "founded_on", "seat_region", "region", "topics",
    "total_costs", "own_funds", "volunteer_value", "in_kind_value",
]  # fmt: skip


@transaction.atomic
def save_funding_profile(project: Project, *, by: Any, **fields: Any) -> FundingProfile:
    _require(by, "funding.manage_project_funding", project)
    profile, _created = FundingProfile.objects.get_or_create(project=project)
    before = snapshot(profile, PROFILE_FIELDS)
    if isinstance(fields.get("topics"), list | tuple):
        items = [t.strip() for t in fields["topics"] if t.strip()]
        fields["topics"] = f"|{'|'.join(items)}|" if items else ""
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(name)
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    record_change(
        profile, by=by, action="changed", changes=diff(before, snapshot(profile, PROFILE_FIELDS))
    )
    return profile


@transaction.atomic
def watch_programme(project: Project, programme: FundingProgramme, *, by: Any) -> ProgrammeWatch:
    _require(by, "funding.manage_project_funding", project)
    watch, created = ProgrammeWatch.objects.get_or_create(
        project=project, programme=programme, defaults={"created_by": by}
    )
    if created:
        record_change(watch, by=by, action="created")
    return watch


@transaction.atomic
def unwatch_programme(project: Project, programme: FundingProgramme, *, by: Any) -> None:
    _require(by, "funding.manage_project_funding", project)
    ProgrammeWatch.objects.filter(project=project, programme=programme).delete()


def remind_watched_deadlines(today: date | None = None) -> int:
    """Run daily: tells the members of a project's owners, once per deadline, when a watched
    programme's deadline is 14 days away or less. Returns the number of reminders."""
    today = today or date.today()
    sent = 0
    watches = (
        ProgrammeWatch.objects.filter(
            programme__next_deadline__gte=today,
            programme__next_deadline__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("programme", "project")
        .order_by("pk")
    )
    for watch in watches:
        deadline = watch.programme.next_deadline
        if watch.reminded_for == deadline or deadline is None:
            continue
        users = list(
            User.objects.filter(
                memberships__actor__owned_projects=watch.project, is_active=True
            ).distinct()
        )
        notify(
            users,
            f"Frist am {deadline:%d.%m.%Y}: {watch.programme.title} ({watch.project.title})",
            "Ein beobachtetes Förderprogramm hat bald Antragsschluss.",
            watch.programme.get_absolute_url(),
        )
        with transaction.atomic():
            ProgrammeWatch.objects.filter(pk=watch.pk).update(reminded_for=deadline)
        sent += 1
    for programme in FundingProgramme.objects.filter(
        deadline_kind__in=["fixed", "yearly"], next_deadline__lt=today
    ):
        with transaction.atomic():
            FundingProgramme.objects.filter(pk=programme.pk).update(
                next_deadline=_next_deadline(programme)
            )
    return sent


@transaction.atomic
def ensure_project(
    slug: str,
    *,
    title: str,
    owners: Iterable[Actor],
    phase: str = "idea",
    summary: str = "",
    neighbourhoods: Iterable[Any] = (),
    by: Any = None,
) -> Project:
    """The minimal project record the funding demo needs, by slug, so that the projects demo
    adopts it (until the projects app has its own service)."""
    project, created = Project.objects.get_or_create(
        slug=slug, defaults={"title": title, "phase": phase, "summary": summary, "created_by": by}
    )
    if created:
        project.owners.set(list(owners))
        project.neighbourhoods.set(list(neighbourhoods))
        record_change(project, by=by, action="created")
    return project


# Grants --------------------------------------------------------------------------------------

# Fee floors ----------------------------------------------------------------------------------


@transaction.atomic
def load_fee_floor_table(data: dict[str, Any], *, by: Any = None) -> FeeFloorTable:
    """A fee-floor table from data (name, issuer, version, effective_from …, floors: [{activity,
    unit, with_ksk, amount}]); a table with the same name and version is replaced."""
    if by is not None:
        _require(by, "funding.change_programme")
    table, _created = FeeFloorTable.objects.update_or_create(
        name=data["name"],
        version=data["version"],
        defaults={
            "issuer": data["issuer"],
            "effective_from": date.fromisoformat(data["effective_from"]),
            "effective_until": date.fromisoformat(data["effective_until"])
            if data.get("effective_until")
            else None,
            "source_url": data.get("source_url", ""),
            "is_example": data.get("is_example", False),
            "note": data.get("note", ""),
            "checked_on": date.fromisoformat(data["checked_on"])
            if data.get("checked_on")
            else None,
        },
    )
    table.floors.all().delete()
    floors = []
    for item in data["floors"]:
        floor = FeeFloor(
            table=table,
            activity=item["activity"],
            unit=item["unit"],
            with_ksk=item.get("with_ksk"),
            amount=Decimal(str(item["amount"])),
        )
        floor.full_clean()
        floors.append(floor)
    FeeFloor.objects.bulk_create(floors)
    record_change(table, by=by, action="loaded")
    return table


def membership_actor_ids(user: Any) -> list[int]:
    return list(Membership.objects.filter(user=user).values_list("actor_id", flat=True))


# Fair-pay statement --------------------------------------------------------------------------


@transaction.atomic
def publish_fair_pay_statement(project: Project, *, by: Any, note: str = "") -> FairPayStatement:
    """The owners publish the project's fair-pay statement (their consent to show its
    honoraria against the fee floors publicly); it needs at least one honorarium line with
    a fee floor."""
    _require(by, "funding.manage_project_funding", project)
    if not fair_pay_lines(project):
        raise ValidationError(
            _("There is no honorarium line with a fee floor in the project's finance plans yet.")
        )
    statement, _created = FairPayStatement.objects.select_for_update().get_or_create(
        project=project
    )
    before = snapshot(statement, ["is_published", "note"])
    statement.note = note.strip()
    statement.is_published = True
    statement.published_at = timezone.now()
    statement.published_by = by
    statement.full_clean()
    statement.save()
    record_change(
        statement,
        by=by,
        action="changed",
        changes=diff(before, snapshot(statement, ["is_published", "note"])),
    )
    return statement


@transaction.atomic
def withdraw_fair_pay_statement(project: Project, *, by: Any) -> FairPayStatement | None:
    """Takes the statement off the public pages (the consent withdrawn)."""
    _require(by, "funding.manage_project_funding", project)
    statement = FairPayStatement.objects.select_for_update().filter(project=project).first()
    if statement is None or not statement.is_published:
        return statement
    statement.is_published = False
    statement.save(update_fields=["is_published", "updated_at"])
    record_change(statement, by=by, action="changed", changes={"is_published": [True, False]})
    return statement
