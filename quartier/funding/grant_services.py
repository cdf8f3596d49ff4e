"""Grants on the recipient's side of German Zuwendungsrecht: the application and its states,
the finance plan, the decision, draws (Mittelabruf), receipts (Belegliste) and the report text."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.history import diff, record_change, snapshot
from quartier.engines import eligibility as engine
from quartier.funding import csv_formats
from quartier.funding.models import (
    Draw,
    FundingProfile,
    FundingProgramme,
    Grant,
    IncomeLine,
    PlanLine,
    Receipt,
    VolunteerTime,
)
from quartier.funding.selectors import TRUSTEE_LEGAL_FORMS, cents, draw_limit_of
from quartier.funding.services import ImportReport, _require
from quartier.projects.models import Project

TRANSITIONS = {
    "submit": (Grant.Status.PREPARATION, Grant.Status.SUBMITTED),
    "reject": (Grant.Status.SUBMITTED, Grant.Status.REJECTED),
    "start": (Grant.Status.APPROVED, Grant.Status.RUNNING),
    "submit_report": (Grant.Status.RUNNING, Grant.Status.REPORT_SUBMITTED),
    "mark_checked": (Grant.Status.REPORT_SUBMITTED, Grant.Status.CHECKED),
    "close": (Grant.Status.CHECKED, Grant.Status.CLOSED),
}
LEDGER_OPEN = (Grant.Status.APPROVED, Grant.Status.RUNNING)


def may_act_as_trustee(actor: Actor) -> bool:
    return actor.legal_form in TRUSTEE_LEGAL_FORMS or actor.sector == "foundation"


@transaction.atomic
def create_grant(
    project: Project,
    programme: FundingProgramme,
    *,
    applicant: Actor,
    by: Any,
    initiative: Actor | None = None,
    co_applicants: Iterable[Actor] = (),
    requested_amount: Decimal | None = None,
) -> Grant:
    """An application. With `initiative`, `applicant` is the trustee (Träger) that applies
    for it; the programme must allow this and the trustee's legal form must permit it."""
    _require(by, "funding.manage_project_funding", project)
    if initiative is not None:
        if initiative == applicant:
            raise ValidationError(_("The trustee and the initiative must be different actors."))
        if not programme.trustee_allowed:
            raise ValidationError(_("This programme does not allow a trustee to apply for others."))
        if not may_act_as_trustee(applicant):
            raise ValidationError(
                _("%(actor)s cannot act as trustee: a non-profit legal form is needed."),
                params={"actor": applicant.name},
            )
    if requested_amount is None:
        profile = FundingProfile.objects.filter(project=project).first()
        requested_amount = Decimal("0")
        if profile and profile.total_costs is not None:
            requested_amount = profile.total_costs - (profile.own_funds or 0)
    grant = Grant.objects.create(
        project=project,
        programme=programme,
        applicant=applicant,
        initiative=initiative,
        requested_amount=requested_amount,
        draw_window_days=programme.draw_window_days,
        created_by=by,
    )
    grant.co_applicants.set(list(co_applicants))
    record_change(grant, by=by, action="created")
    return grant


def _locked(grant: Grant) -> Grant:
    return Grant.objects.select_for_update().get(pk=grant.pk)


@transaction.atomic
def advance_grant(grant: Grant, action: str, *, by: Any) -> Grant:
    _require(by, "funding.keep_ledger", grant)
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown step."))
    locked = _locked(grant)
    source, target = TRANSITIONS[action]
    if locked.status != source:
        raise ValidationError(
            _("This step is not possible in the state “%(status)s”."),
            params={"status": locked.get_status_display()},
        )
    if action == "submit_report" and not locked.report_text.strip():
        raise ValidationError(_("Write the factual report (Sachbericht) first."))
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    record_change(locked, by=by, action=action, changes={"status": [source, target]})
    grant.status = target
    return locked


@transaction.atomic
def record_decision(
    grant: Grant,
    *,
    by: Any,
    approved_amount: Decimal,
    period_start: date,
    period_end: date,
    conditions_text: str = "",
    withheld_percent: Decimal = Decimal("0"),
) -> Grant:
    """The Bewilligung: amount, period, conditions, share withheld until the final check."""
    _require(by, "funding.keep_ledger", grant)
    locked = _locked(grant)
    if locked.status != Grant.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be approved."))
    if approved_amount <= 0:
        raise ValidationError({"approved_amount": _("The approved amount must be above zero.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if not Decimal("0") <= withheld_percent <= Decimal("100"):
        raise ValidationError({"withheld_percent": _("A percentage from 0 to 100.")})
    locked.approved_amount = approved_amount
    locked.period_start, locked.period_end = period_start, period_end
    locked.conditions_text = conditions_text
    locked.withheld_percent = withheld_percent
    locked.status = Grant.Status.APPROVED
    locked.save()
    record_change(
        locked, by=by, action="approved", changes={"approved_amount": [None, str(approved_amount)]}
    )
    return locked


PLAN_FIELDS = [
    "category",
    "description",
    "amount",
    "due_on",
    "fee_floor",
    "quantity",
    "rate",
    "justification",
]


def _fill_plan_line(line: PlanLine, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(name)
        setattr(line, name, value)
    if line.rate is not None and line.quantity is not None:
        line.amount = engine.to_decimal((cents(line.rate) * cents(line.quantity) + 50) // 100)
    if line.amount is None or line.amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    line.full_clean(exclude=["grant"])


@transaction.atomic
def add_plan_line(grant: Grant, *, by: Any, **fields: Any) -> PlanLine:
    _require(by, "funding.change_plan", grant)
    line = PlanLine(grant=grant)
    _fill_plan_line(line, {"amount": None, **fields})
    line.save()
    record_change(
        grant, by=by, action="plan_line_added", changes={"line": [None, line.description]}
    )
    return line


@transaction.atomic
def update_plan_line(line: PlanLine, *, by: Any, **fields: Any) -> PlanLine:
    _require(by, "funding.change_plan", line.grant)
    before = snapshot(line, PLAN_FIELDS)
    _fill_plan_line(line, fields)
    line.save()
    record_change(
        line.grant,
        by=by,
        action="plan_line_changed",
        changes=diff(before, snapshot(line, PLAN_FIELDS)),
    )
    return line


@transaction.atomic
def delete_plan_line(line: PlanLine, *, by: Any) -> None:
    _require(by, "funding.change_plan", line.grant)
    record_change(
        line.grant, by=by, action="plan_line_removed", changes={"line": [line.description, None]}
    )
    line.delete()


@transaction.atomic
def add_income_line(
    grant: Grant,
    *,
    by: Any,
    kind: str,
    description: str,
    amount: Decimal = Decimal("0"),
    hourly_value: Decimal | None = None,
) -> IncomeLine:
    _require(by, "funding.change_plan", grant)
    if kind == IncomeLine.Kind.VOLUNTEER and hourly_value is None:
        raise ValidationError({"hourly_value": _("Volunteer hours need a value per hour.")})
    line = IncomeLine(
        grant=grant, kind=kind, description=description, amount=amount, hourly_value=hourly_value
    )
    if kind != IncomeLine.Kind.VOLUNTEER and amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    line.full_clean(exclude=["grant"])
    line.save()
    record_change(grant, by=by, action="income_line_added", changes={"line": [None, description]})
    return line


@transaction.atomic
def add_volunteer_time(
    line: IncomeLine, *, by: Any, person: str, worked_on: date, hours: Decimal, activity: str
) -> VolunteerTime:
    """A timesheet entry; the line's amount is its hours times the value per hour."""
    grant = line.grant
    if not (by.has_perm("funding.change_plan", grant) or by.has_perm("funding.keep_ledger", grant)):
        raise PermissionDenied
    if line.kind != IncomeLine.Kind.VOLUNTEER or line.hourly_value is None:
        raise ValidationError(_("Only a volunteer-hours line has a timesheet."))
    if hours <= 0 or hours > 24:
        raise ValidationError({"hours": _("Between 0 and 24 hours a day.")})
    entry = VolunteerTime(
        line=line, person=person, worked_on=worked_on, hours=hours, activity=activity
    )
    entry.full_clean(exclude=["line"])
    entry.save()
    total_hours = sum((e.hours for e in line.timesheet.all()), Decimal("0"))
    line.amount = engine.to_decimal((cents(total_hours) * cents(line.hourly_value) + 50) // 100)
    line.save(update_fields=["amount"])
    record_change(
        grant, by=by, action="volunteer_time_added", changes={"hours": [None, str(hours)]}
    )
    return entry


def _refusal(limit: engine.DrawLimit) -> ValidationError:
    return ValidationError(
        _(
            "At most %(may)s may be drawn now: %(due)s is due until %(until)s, the grant's share "
            "of it is %(share)s and %(drawn)s has been drawn already."
        ),
        params={
            "may": engine.eur(limit.may_draw),
            "due": engine.eur(limit.due_in_window),
            "until": limit.window_ends.strftime("%d.%m.%Y"),
            "share": engine.eur(limit.grant_share_of_due),
            "drawn": engine.eur(limit.drawn),
        },
        code="draw_too_high",
    )


@transaction.atomic
def request_draw(
    grant: Grant, amount: Decimal, *, by: Any, today: date | None = None, note: str = ""
) -> Any:
    """A Mittelabruf: refused with the amount that may be drawn when it asks for more than
    the grant's pro-rata share of what is due within the window. The grant's row is locked,
    so two requests at the same moment cannot together exceed it."""

    _require(by, "funding.keep_ledger", grant)
    today = today or date.today()
    locked = _locked(grant)
    if locked.status not in LEDGER_OPEN:
        raise ValidationError(_("Funds can be drawn only while the grant is approved or running."))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    lines = list(locked.plan_lines.all())
    by_kind: dict[str, int] = {}
    for item in locked.income_lines.all():
        by_kind[item.kind] = by_kind.get(item.kind, 0) + cents(item.amount)
    limit = draw_limit_of(locked, lines, by_kind, cents(locked.drawn_total), today)
    if cents(amount) > limit.may_draw:
        raise _refusal(limit)
    draw = Draw.objects.create(
        grant=locked, amount=amount, requested_on=today, note=note, created_by=by
    )
    locked.drawn_total = locked.drawn_total + amount
    locked.save(update_fields=["drawn_total", "updated_at"])
    record_change(locked, by=by, action="draw", changes={"amount": [None, str(amount)]})
    grant.drawn_total = locked.drawn_total
    return draw


def _plan_line_for(grant: Grant, value: Any) -> PlanLine | None:
    if value in (None, ""):
        return None
    line: PlanLine | None
    if isinstance(value, PlanLine):
        line = value
    else:
        line = grant.plan_lines.filter(description__iexact=str(value)).first()
        if line is None and str(value).isdigit():
            line = grant.plan_lines.filter(pk=int(value)).first()
    if line is None or line.grant_id != grant.pk:
        raise ValidationError({"plan_line": _("This plan line does not belong to the grant.")})
    return line


def _receipt_open(grant: Grant, by: Any) -> Grant:
    _require(by, "funding.keep_ledger", grant)
    locked = _locked(grant)
    if locked.status not in (*LEDGER_OPEN, Grant.Status.REPORT_SUBMITTED):
        raise ValidationError(_("Receipts are entered once the grant is approved."))
    return locked


@transaction.atomic
def add_receipt(
    grant: Grant,
    *,
    by: Any,
    paid_on: date,
    payee: str,
    purpose: str,
    amount: Decimal,
    kind: str = Receipt.Kind.EXPENSE,
    plan_line: Any = None,
    file: UploadedFile | None = None,
) -> Receipt:
    locked = _receipt_open(grant, by)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    number = (locked.receipts.aggregate(n=Max("number"))["n"] or 0) + 1
    receipt = Receipt(
        grant=locked,
        number=number,
        kind=kind,
        paid_on=paid_on,
        payee=payee,
        purpose=purpose,
        amount=amount,
        plan_line=_plan_line_for(locked, plan_line),
        created_by=by,
    )
    if file is not None:
        _check_receipt_file(file)
        receipt.file = file
    receipt.full_clean(exclude=["grant", "file"])
    receipt.save()
    record_change(locked, by=by, action="receipt_added", changes={"receipt": [None, str(receipt)]})
    return receipt


RECEIPT_FILE_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
RECEIPT_FILE_MAX_BYTES = 10 * 1024 * 1024


def _check_receipt_file(file: UploadedFile) -> None:
    name = (file.name or "").lower()
    if not name.endswith(RECEIPT_FILE_TYPES):
        raise ValidationError({"file": _("A receipt is a PDF, JPEG or PNG file.")})
    if (file.size or 0) > RECEIPT_FILE_MAX_BYTES:
        raise ValidationError({"file": _("A receipt file may have at most 10 MB.")})


def import_receipts(grant: Grant, data: bytes, *, by: Any) -> ImportReport:
    """A Belegliste as CSV (Datum; Empfänger; Zweck; Betrag; Planposition; Art): every row
    valid or nothing is written, with a report naming each bad row."""
    _require(by, "funding.keep_ledger", grant)
    report = ImportReport()
    try:
        headers, raw_rows = csv_formats.read_rows(data)
    except csv_formats.CsvFormatError as error:
        report.errors.append(csv_formats.RowError(1, [str(error)]))
        return report
    mapping = {h: csv_formats.RECEIPT_HEADERS.get(h) for h in headers}
    missing = {"datum", "empfaenger", "zweck", "betrag"} - set(mapping.values())
    if missing:
        report.errors.append(
            csv_formats.RowError(1, [f"Spalte fehlt: {', '.join(sorted(missing))}"])
        )
        return report
    rows = [{str(mapping[k]): v for k, v in row.items() if mapping.get(k)} for row in raw_rows]
    report.rows = len(rows)
    lines = {line.description.lower(): line for line in grant.plan_lines.all()}
    prepared = []
    for number, row in enumerate(rows, start=2):
        messages: list[str] = []
        values = csv_formats.receipt_values(row, messages)
        name = values.pop("plan_line")
        line = None
        if name:
            line = lines.get(name.lower())
            if line is None:
                messages.append(f"Planposition „{name}“ gibt es in diesem Finanzplan nicht.")
        if messages:
            report.errors.append(csv_formats.RowError(number, messages))
        prepared.append((values, line))
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for values, line in prepared:
                add_receipt(grant, by=by, plan_line=line, **values)
    except ValidationError as error:
        report.errors.append(csv_formats.RowError(1, error.messages))
        return report
    report.written = len(prepared)
    return report


@transaction.atomic
def save_report_text(grant: Grant, report_text: str, *, by: Any) -> Grant:
    _require(by, "funding.keep_ledger", grant)
    locked = _locked(grant)
    before = locked.report_text
    locked.report_text = report_text
    locked.save(update_fields=["report_text", "updated_at"])
    record_change(
        locked,
        by=by,
        action="report_changed",
        changes={"report_text": [before[:80], report_text[:80]]},
    )
    grant.report_text = report_text
    return locked
