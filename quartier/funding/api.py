"""API of the funding area with the permissions of the pages: anybody reads published
programmes, their facets and deadlines and may run the eligibility check; a grant, its
draws, receipts and reports are for its applicant side and trustee. Writes go through
quartier.funding.services."""

import base64
import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.api.auth import acting_user, read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId
from quartier.engines import eligibility as engine
from quartier.funding import grant_services, reports, selectors
from quartier.funding.models import Draw, FundingProgramme, Grant, Receipt
from quartier.funding.sachbericht import sachbericht_of

programmes_router = Router(tags=["funding"])
grants_router = Router(tags=["funding"])
fair_pay_router = Router(tags=["funding"])


class ProgrammeOut(Schema):
    id: int
    slug: str
    title: str
    summary: str
    funder_name: str
    funder: str
    funding_types: list[str]
    areas: list[str]
    regions: list[str]
    eligible: list[str]
    legal_forms: list[str]
    trustee_allowed: bool
    min_amount: Decimal | None
    max_amount: Decimal | None
    funding_rate: Decimal | None
    own_share: Decimal
    volunteer_hours_count: bool
    in_kind_counts: bool
    deadline_kind: str
    next_deadline: datetime.date | None
    draw_window_days: int
    source_url: str
    licence: str
    checked_on: datetime.date
    is_example: bool
    is_stale: bool
    conditions: dict[str, Any]

    @staticmethod
    def resolve_funding_types(p: FundingProgramme) -> list[str]:
        return p.values("funding_types")

    @staticmethod
    def resolve_areas(p: FundingProgramme) -> list[str]:
        return p.values("areas")

    @staticmethod
    def resolve_regions(p: FundingProgramme) -> list[str]:
        return p.values("regions")

    @staticmethod
    def resolve_eligible(p: FundingProgramme) -> list[str]:
        return p.values("eligible")

    @staticmethod
    def resolve_legal_forms(p: FundingProgramme) -> list[str]:
        return p.values("legal_forms")

    @staticmethod
    def resolve_conditions(p: FundingProgramme) -> dict[str, Any]:
        return selectors.programme_conditions_json(p)


class ProgrammeFilters(Schema):
    q: str = Field("", max_length=200)
    funding_types: list[str] = []
    areas: list[str] = []
    regions: list[str] = []
    eligible: list[str] = []
    funder: list[str] = []
    open_deadline: bool = False
    deadline_before: datetime.date | None = None


class CheckIn(Schema):
    """A project profile (docs/funding.md); `programmes` limits the check to these ids."""

    project: dict[str, Any]
    programmes: list[IdField] = []
    date: datetime.date | None = None
    include_not_eligible: bool = False


@programmes_router.get("", response={200: list[ProgrammeOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilters]) -> Any:
    """Search and facets like the Förderdatenbank (each facet: one of its values), and the
    deadlines: `open_deadline`, `deadline_before`."""
    values = filters.model_dump()
    programmes = selectors.programmes_for_navigator(values, viewer(request))
    if filters.deadline_before:
        programmes = programmes.filter(
            next_deadline__gte=datetime.date.today(), next_deadline__lte=filters.deadline_before
        ).order_by("next_deadline", "pk")
    return programmes


@programmes_router.post("/check", response={200: dict[str, Any], **ERRORS}, auth=read_auth)
def check_programmes(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """The tri-state check of a project profile against the published programmes (or those
    named), best first: per condition erfüllt / nicht erfüllt / Angabe fehlt with the reason."""
    try:
        profile = engine.parse_profile(payload.project)
    except engine.EligibilityInputError as error:
        raise ValidationError(
            [f"{p['path']}: {p['de']} / {p['en']}" for p in error.problems]
        ) from error
    programmes = selectors.visible_programmes(viewer(request)).filter(is_published=True)
    if payload.programmes:
        programmes = programmes.filter(pk__in=payload.programmes)
    by_id = {str(p.pk): p for p in programmes}
    ranked = engine.rank(
        [selectors.engine_programme(p) for p in by_id.values()],
        profile,
        payload.date or datetime.date.today(),
        include_not_eligible=payload.include_not_eligible,
    )
    results = []
    for result in ranked:
        programme = by_id[result.programme.id]
        results.append(
            result.as_dict()
            | {
                "programme": programme.pk,
                "slug": programme.slug,
                "is_example": programme.is_example,
            }
        )
    return {"project": profile.id, "results": results}


@programmes_router.get("/{slug}", response={200: ProgrammeOut, **ERRORS}, auth=read_auth)
def get_programme(request: HttpRequest, slug: str) -> FundingProgramme:
    return selectors.access_programme(viewer(request), slug)


# Grants --------------------------------------------------------------------------------------


class GrantOut(Schema):
    id: int
    project: int = Field(alias="project_id")
    programme: int = Field(alias="programme_id")
    applicant: int = Field(alias="applicant_id")
    initiative: int | None = Field(alias="initiative_id")
    status: Grant.Status
    requested_amount: Decimal
    approved_amount: Decimal | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    withheld_percent: Decimal
    draw_window_days: int
    drawn_total: Decimal


class DrawOut(Schema):
    id: int
    amount: Decimal
    requested_on: datetime.date
    note: str


class DrawIn(Schema):
    amount: Decimal = Field(gt=0, le=1_000_000_000, decimal_places=2)
    note: str = Field("", max_length=200)


class DrawLimitOut(Schema):
    may_draw: Decimal
    due_in_window: Decimal
    grant_share_of_due: Decimal
    window_ends: datetime.date
    drawn: Decimal


class ReceiptOut(Schema):
    id: int
    number: int
    kind: Receipt.Kind
    paid_on: datetime.date
    payee: str
    purpose: str
    amount: Decimal
    plan_line: int | None = Field(alias="plan_line_id")


class ReceiptIn(Schema):
    kind: Receipt.Kind = Receipt.Kind.EXPENSE
    paid_on: datetime.date
    payee: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=300)
    amount: Decimal = Field(gt=0, le=1_000_000_000, decimal_places=2)
    plan_line: IdField | None = None


class ReceiptsImportIn(Schema):
    """The Belegliste as CSV text (docs/funding.md); all rows or none."""

    csv: str = Field(min_length=1, max_length=5_000_000)


class ImportReportOut(Schema):
    ok: bool
    rows: int
    written: int
    errors: list[dict[str, Any]]


@grants_router.get("", response={200: list[GrantOut], **ERRORS})
@paginate(PageNumberPagination)
def list_grants(request: HttpRequest) -> Any:
    """The grants the caller's actors apply for, hold in trust or co-apply for."""
    return selectors.grants_for_list(acting_user(request))


@grants_router.get("/{grant_id}", response={200: GrantOut, **ERRORS})
def get_grant(request: HttpRequest, grant_id: ObjectId) -> Grant:
    return selectors.access_grant(acting_user(request), grant_id)


@grants_router.get("/{grant_id}/draws", response={200: list[DrawOut], **ERRORS})
def list_draws(request: HttpRequest, grant_id: ObjectId) -> list[Draw]:
    grant = selectors.access_grant(acting_user(request), grant_id)
    return list(grant.draws.order_by("requested_on", "pk"))


@grants_router.get("/{grant_id}/draws/limit", response={200: DrawLimitOut, **ERRORS})
def draw_limit(request: HttpRequest, grant_id: ObjectId) -> dict[str, Any]:
    """What may be drawn today under the draw rule."""
    grant = selectors.access_grant(acting_user(request), grant_id)
    limit = selectors.ledger_of(grant, datetime.date.today()).limit
    if limit is None:
        raise ValidationError("Die Förderung ist noch nicht bewilligt.")
    return {
        "may_draw": engine.to_decimal(limit.may_draw),
        "due_in_window": engine.to_decimal(limit.due_in_window),
        "grant_share_of_due": engine.to_decimal(limit.grant_share_of_due),
        "window_ends": limit.window_ends,
        "drawn": engine.to_decimal(limit.drawn),
    }


@grants_router.post("/{grant_id}/draws", response={201: DrawOut, **ERRORS})
def request_draw(request: HttpRequest, grant_id: ObjectId, payload: DrawIn) -> Status:
    """A Mittelabruf; refused (422) with the amount that may be drawn when it asks for more."""
    user = acting_user(request)
    grant = selectors.access_grant(user, grant_id, "funding.keep_ledger")
    return Status(
        201, grant_services.request_draw(grant, payload.amount, by=user, note=payload.note)
    )


@grants_router.get("/{grant_id}/receipts", response={200: list[ReceiptOut], **ERRORS})
@paginate(PageNumberPagination)
def list_receipts(request: HttpRequest, grant_id: ObjectId) -> Any:
    grant = selectors.access_grant(acting_user(request), grant_id)
    return grant.receipts.order_by("number")


@grants_router.post("/{grant_id}/receipts", response={201: ReceiptOut, **ERRORS})
def add_receipt(request: HttpRequest, grant_id: ObjectId, payload: ReceiptIn) -> Status:
    user = acting_user(request)
    grant = selectors.access_grant(user, grant_id, "funding.keep_ledger")
    values = payload.model_dump()
    values["kind"] = payload.kind.value
    values["plan_line"] = str(values["plan_line"]) if values["plan_line"] else None
    return Status(201, grant_services.add_receipt(grant, by=user, **values))


@grants_router.post(
    "/{grant_id}/receipts/import", response={**ERRORS, 200: ImportReportOut, 422: ImportReportOut}
)
def import_receipts(request: HttpRequest, grant_id: ObjectId, payload: ReceiptsImportIn) -> Status:
    user = acting_user(request)
    grant = selectors.access_grant(user, grant_id, "funding.keep_ledger")
    report = grant_services.import_receipts(grant, payload.csv.encode("utf-8"), by=user)
    body = {
        "ok": report.ok,
        "rows": report.rows,
        "written": report.written,
        "errors": [{"row": e.row, "messages": e.messages} for e in report.errors],
    }
    return Status(200 if report.ok else 422, body)


class ReportOut(Schema):
    planned_costs: Decimal
    planned_income: Decimal
    spent: Decimal
    received: Decimal
    drawn: Decimal
    lines: list[dict[str, Any]]
    sachbericht: str
    sachbericht_saved: bool
    pdf_base64: str | None = None
    xlsx_base64: str | None = None


@grants_router.get("/{grant_id}/reports", response={200: ReportOut, **ERRORS})
def statement(request: HttpRequest, grant_id: ObjectId, files: bool = False) -> dict[str, Any]:
    """The zahlenmäßiger Nachweis: plan against actual per line and the totals; with
    `files=true` the Verwendungsnachweis as PDF and XLSX (base64). `sachbericht` is the saved
    factual report, or while none is saved the draft from the project's impact report."""
    grant = selectors.access_grant(acting_user(request), grant_id)
    ledger = selectors.ledger_of(grant, datetime.date.today(), with_receipts=files)
    data: dict[str, Any] = {
        "planned_costs": ledger.planned_costs,
        "planned_income": ledger.planned_income,
        "spent": ledger.spent,
        "received": ledger.received,
        "drawn": ledger.drawn,
        "sachbericht": sachbericht_of(grant),
        "sachbericht_saved": bool(grant.report_text.strip()),
        "lines": [
            {
                "id": f.line.pk,
                "description": f.line.description,
                "category": f.line.category,
                "planned": str(f.line.amount),
                "actual": str(f.actual),
                "deviation_percent": str(f.deviation_percent)
                if f.deviation_percent is not None
                else None,
                "warning": f.warning,
            }
            for f in ledger.plan_lines
        ],
    }
    if files:
        data["pdf_base64"] = base64.b64encode(reports.statement_pdf(ledger)).decode()
        data["xlsx_base64"] = base64.b64encode(reports.statement_xlsx(ledger)).decode()
    return data


# Fair-pay statement --------------------------------------------------------------------------


class FairPayLineOut(Schema):
    activity: str
    unit: str
    with_ksk: bool | None
    rate: Decimal
    floor: Decimal
    below_floor: bool
    justification: str
    source: str
    source_url: str
    example_values: bool


class FairPayOut(Schema):
    project: int
    project_title: str
    published: bool
    published_on: datetime.date | None
    note: str
    lines_total: int
    lines_meeting_floor: int
    lines: list[FairPayLineOut]


@fair_pay_router.get("/{project_id}", response={200: FairPayOut, **ERRORS}, auth=read_auth)
def get_fair_pay_statement(request: HttpRequest, project_id: ObjectId) -> dict[str, Any]:
    """A project's fair-pay statement: its honoraria against the fee floors. Everybody once
    the project has published it; before that only its owners (a preview; 404 for others)."""
    fair_pay = selectors.access_fair_pay(viewer(request), project_id)
    statement = fair_pay.statement
    published_at = statement.published_at if statement and fair_pay.published else None
    return {
        "project": fair_pay.project.pk,
        "project_title": fair_pay.project.title,
        "published": fair_pay.published,
        "published_on": published_at.date() if published_at else None,
        "note": statement.note if statement else "",
        "lines_total": len(fair_pay.lines),
        "lines_meeting_floor": fair_pay.met,
        "lines": [
            {
                "activity": item.floor.activity,
                "unit": item.floor.unit,
                "with_ksk": item.floor.with_ksk,
                "rate": item.line.rate,
                "floor": item.floor.amount,
                "below_floor": item.check.below,
                "justification": item.line.justification if item.check.below else "",
                "source": f"{item.floor.table.name} {item.floor.table.version}",
                "source_url": item.floor.table.source_url,
                "example_values": item.floor.table.is_example,
            }
            for item in fair_pay.lines
        ],
    }
