"""Reads about funding, filtered by what the viewer may see; one `access_*` per object."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Membership, Sector, Tie
from quartier.actors.selectors import visible_actors
from quartier.engines import eligibility as engine
from quartier.funding.models import (
    FairPayStatement,
    FeeFloor,
    FeeFloorTable,
    FundingProfile,
    FundingProgramme,
    Grant,
    IncomeLine,
    PlanLine,
    ProgrammeWatch,
    Receipt,
)
from quartier.projects.models import Project

TRUSTEE_LEGAL_FORMS = ("ev", "ggmbh", "public_law", "cooperative")
"""Legal forms that let an actor act as Träger (trustee) for an initiative."""


def cents(amount: Decimal | int | None) -> int:
    return engine.to_cents(amount or 0)


# Programmes ----------------------------------------------------------------------------------


def visible_programmes(viewer: Viewer) -> QuerySet[FundingProgramme]:
    if viewer.is_authenticated and (viewer.is_staff or viewer.is_superuser):
        return FundingProgramme.objects.all()
    return FundingProgramme.objects.filter(is_published=True)


FACETS = ("funding_types", "areas", "regions", "eligible")


def programmes_for_navigator(filters: dict[str, Any], viewer: Viewer) -> QuerySet[FundingProgramme]:
    """Search and facets like the Förderdatenbank: each facet is "one of" its chosen values;
    a region facet also finds nationwide and EU programmes."""
    qs = visible_programmes(viewer)
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(funder_name__icontains=q)
            | Q(topics__icontains=q)
        )
    for facet in FACETS:
        values = filters.get(facet) or []
        if facet == "regions" and values:
            values = [*values, "DE", "EU"]
        if values:
            condition = Q()
            for value in values:
                condition |= Q(**{f"{facet}__contains": f"|{value}|"})
            qs = qs.filter(condition)
    if filters.get("funder"):
        qs = qs.filter(funder__in=filters["funder"])
    if filters.get("open_deadline"):
        qs = qs.filter(Q(deadline_kind="rolling") | Q(next_deadline__gte=date.today()))
    return qs.order_by("title", "pk")


def access_programme(viewer: Viewer, slug: str, perm: str | None = None) -> FundingProgramme:
    programme = FundingProgramme.objects.filter(slug=slug).first()
    if programme is None or not viewer.has_perm("funding.view_programme", programme):
        raise Http404
    if perm and not viewer.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def upcoming_deadlines(viewer: Viewer, today: date, days: int = 365) -> QuerySet[FundingProgramme]:
    return (
        visible_programmes(viewer)
        .filter(next_deadline__gte=today, next_deadline__lte=today + timedelta(days=days))
        .order_by("next_deadline", "title", "pk")
    )


def engine_programme(programme: FundingProgramme) -> engine.Programme:
    kind = programme.deadline_kind
    if kind == "fixed":
        deadline = engine.Deadline(
            "fixed", tuple(sorted(date.fromisoformat(d) for d in programme.deadline_dates))
        )
    elif kind == "yearly" and programme.deadline_month and programme.deadline_day:
        deadline = engine.Deadline(
            "yearly", month=programme.deadline_month, day=programme.deadline_day
        )
    else:
        deadline = engine.Deadline()

    def values(name: str) -> frozenset[str] | None:
        found = programme.values(name)
        return frozenset(found) if found else None

    regions = tuple(programme.values("regions")) or None
    return engine.Programme(
        id=str(programme.pk),
        title=programme.title,
        legal_forms=values("legal_forms"),
        non_profit_required=programme.non_profit_required,
        min_age_months=programme.min_age_months,
        topics=values("topics"),
        regions=regions,
        phases=values("phases"),
        min_amount=cents(programme.min_amount) if programme.min_amount is not None else None,
        max_amount=cents(programme.max_amount) if programme.max_amount is not None else None,
        own_share_bp=cents(programme.own_share),
        volunteer_counts=programme.volunteer_hours_count,
        in_kind_counts=programme.in_kind_counts,
        trustee_allowed=programme.trustee_allowed,
        deadline=deadline,
    )


def programme_conditions_json(programme: FundingProgramme) -> dict[str, Any]:
    """The programme in the engine's documented JSON (docs/funding.md)."""
    p = engine_programme(programme)
    applicant: dict[str, Any] = {"trustee_allowed": p.trustee_allowed}
    if p.legal_forms:
        applicant["legal_forms"] = sorted(p.legal_forms)
    if p.non_profit_required:
        applicant["non_profit"] = True
    if p.min_age_months:
        applicant["min_age_months"] = p.min_age_months
    project: dict[str, Any] = {}
    if p.topics:
        project["topics"] = sorted(p.topics)
    if p.regions:
        project["regions"] = list(p.regions)
    if p.phases:
        project["phases"] = sorted(p.phases)
    if p.min_amount is not None:
        project["min_amount_cents"] = p.min_amount
    if p.max_amount is not None:
        project["max_amount_cents"] = p.max_amount
    if p.own_share_bp:
        project["own_share_percent"] = str(programme.own_share)
        project["volunteer_hours_count"] = p.volunteer_counts
        project["in_kind_counts"] = p.in_kind_counts
    deadline: dict[str, Any] = {"kind": p.deadline.kind}
    if p.deadline.kind == "fixed":
        deadline["dates"] = [d.isoformat() for d in p.deadline.dates]
    elif p.deadline.kind == "yearly":
        deadline.update(month=p.deadline.month, day=p.deadline.day)
    return {
        "id": programme.slug,
        "title": programme.title,
        "conditions": {"applicant": applicant, "project": project},
        "deadline": deadline,
    }


# Projects ------------------------------------------------------------------------------------


def access_project_funding(viewer: Viewer, pk: int, perm: str | None = None) -> Project:
    """A project whose funding page the viewer may open (members of its owners)."""
    project = Project.objects.filter(pk=pk).prefetch_related("owners", "neighbourhoods").first()
    if project is None or not viewer.has_perm("funding.manage_project_funding", project):
        raise Http404
    if perm and not viewer.has_perm(perm, project):
        raise PermissionDenied
    return project


def funding_profile_of(project: Project) -> FundingProfile:
    profile = FundingProfile.objects.filter(project=project).select_related("applicant").first()
    return profile or FundingProfile(project=project)


def engine_profile(project: Project, profile: FundingProfile) -> engine.Profile:
    applicant = profile.applicant
    legal_form = None
    if applicant is not None:
        legal_form = applicant.legal_form or "informal"

    def amount(value: Decimal | None) -> int | None:
        return cents(value) if value is not None else None

    topics = profile.topics.strip("|").split("|") if profile.topics else []
    return engine.Profile(
        id=project.slug,
        legal_form=legal_form,
        non_profit=profile.non_profit,
        seat_region=profile.seat_region or None,
        founded_on=profile.founded_on,
        topics=frozenset(topics) if topics else None,
        region=profile.region or None,
        phase=project.phase or None,
        total_costs=amount(profile.total_costs),
        own_funds=amount(profile.own_funds),
        volunteer_value=cents(profile.volunteer_value),
        in_kind_value=cents(profile.in_kind_value),
    )


@dataclass
class ProgrammeCheck:
    programme: FundingProgramme
    check: engine.Check


def fitting_programmes(
    project: Project, profile: FundingProfile, viewer: Viewer, today: date, limit: int = 25
) -> list[ProgrammeCheck]:
    """ "Passende Förderprogramme": the engine's ranking over every published programme
    (one query), each with its check."""
    programmes = {p.pk: p for p in visible_programmes(viewer).filter(is_published=True)}
    ranked = engine.rank(
        [engine_programme(p) for p in programmes.values()],
        engine_profile(project, profile),
        today,
        limit=limit,
    )
    return [ProgrammeCheck(programmes[int(c.programme.id)], c) for c in ranked]


def check_for(programme: FundingProgramme, project: Project, today: date) -> engine.Check:
    return engine.check(
        engine_programme(programme), engine_profile(project, funding_profile_of(project)), today
    )


def trustee_suggestions(project: Project, viewer: Viewer, limit: int = 5) -> list[Actor]:
    """Actors of the network that may act as Träger: a legal form that allows it (or a
    foundation), not an owner of the project; those already tied to an owner first, then
    those in the project's neighbourhoods."""
    owner_ids = [a.pk for a in project.owners.all()]
    neighbourhood_ids = [n.pk for n in project.neighbourhoods.all()]
    tied = Tie.objects.filter(status=Tie.Status.CONFIRMED).filter(
        (Q(source_id__in=owner_ids) & Q(target=OuterRef("pk")))
        | (Q(target_id__in=owner_ids) & Q(source=OuterRef("pk")))
    )
    near = Actor.neighbourhoods.through.objects.filter(
        actor=OuterRef("pk"), neighbourhood_id__in=neighbourhood_ids
    )
    return list(
        visible_actors(viewer)
        .filter(Q(legal_form__in=TRUSTEE_LEGAL_FORMS) | Q(sector=Sector.FOUNDATION))
        .exclude(pk__in=owner_ids)
        .annotate(is_tied=Exists(tied), is_near=Exists(near))
        .order_by("-is_tied", "-is_near", "name", "pk")[:limit]
    )


def watches_of(project: Project) -> QuerySet[Any]:
    return (
        ProgrammeWatch.objects.filter(project=project)
        .select_related("programme")
        .order_by("programme__next_deadline", "pk")
    )


# Grants --------------------------------------------------------------------------------------


def visible_grants(viewer: Viewer) -> QuerySet[Grant]:
    if not viewer.is_authenticated:
        return Grant.objects.none()
    if viewer.is_superuser:
        return Grant.objects.all()
    mine = Membership.objects.filter(user=viewer).values("actor_id")
    co = Grant.co_applicants.through.objects.filter(grant=OuterRef("pk"), actor_id__in=mine)
    return Grant.objects.filter(Q(applicant_id__in=mine) | Q(initiative_id__in=mine) | Exists(co))


def grants_for_list(viewer: Viewer, project: Project | None = None) -> QuerySet[Grant]:
    qs = visible_grants(viewer).select_related("project", "programme", "applicant", "initiative")
    if project is not None:
        qs = qs.filter(project=project)
    return qs.order_by("-created_at", "pk")


def access_grant(viewer: Viewer, pk: int, perm: str | None = None) -> Grant:
    grant = (
        Grant.objects.filter(pk=pk)
        .select_related("project", "programme", "applicant", "initiative")
        .prefetch_related("co_applicants")
        .first()
    )
    if grant is None or not viewer.has_perm("funding.view_grant", grant):
        raise Http404
    if perm and not viewer.has_perm(perm, grant):
        raise PermissionDenied
    return grant


@dataclass
class LineFigures:
    line: PlanLine
    actual: Decimal
    deviation_percent: Decimal | None
    warning: bool
    floor_check: engine.FloorCheck | None = None


class ReceiptRow(NamedTuple):
    """One entry of the Belegliste as the reports need it (plain values, no model object:
    the Verwendungsnachweis of a large grant lists thousands)."""

    number: int
    kind: str
    paid_on: date
    payee: str
    purpose: str
    amount: Decimal
    plan_line: str


@dataclass
class Ledger:
    """The finance plan, the Belegliste and the figures of a grant – everything reconciles
    to the cent."""

    grant: Grant
    plan_lines: list[LineFigures]
    income_lines: list[IncomeLine]
    receipts: list[ReceiptRow]
    planned_costs: Decimal
    planned_income: Decimal
    income_by_kind: dict[str, Decimal]
    spent: Decimal
    received: Decimal
    unassigned_spent: Decimal
    draws: list[Any]
    drawn: Decimal
    limit: engine.DrawLimit | None
    floor_gaps: list[LineFigures] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.planned_costs == self.planned_income


def _decimal(value_cents: int) -> Decimal:
    return engine.to_decimal(value_cents)


def ledger_of(grant: Grant, today: date, *, with_receipts: bool = False) -> Ledger:
    """The same few queries whatever the number of lines and receipts: the page sums the
    receipts in the database; the reports (`with_receipts`) load the Belegliste and sum it
    in cents."""
    lines = list(grant.plan_lines.select_related("fee_floor__table").order_by("category", "pk"))
    income = list(grant.income_lines.order_by("kind", "pk"))
    draws = list(grant.draws.order_by("requested_on", "pk"))
    actual: dict[int | None, int] = {}
    spent = received = 0
    receipt_list: list[ReceiptRow] = []
    if with_receipts:
        values = grant.receipts.order_by("number").values_list(
            "number", "kind", "paid_on", "payee", "purpose", "amount", "plan_line_id"
        )
        described = {line.pk: line.description for line in lines}
        rows: list[tuple[int | None, str, int]] = []
        for number, kind, paid_on, payee, purpose, euros, line_id in values:
            receipt_list.append(
                ReceiptRow(number, kind, paid_on, payee, purpose, euros, described.get(line_id, ""))
            )
            rows.append((line_id, kind, cents(euros)))
    else:
        rows = [
            (row["plan_line_id"], row["kind"], cents(row["total"]))
            for row in grant.receipts.values("plan_line_id", "kind")
            .annotate(total=Sum("amount"))
            .order_by()
        ]
    for plan_line_id, kind, amount in rows:
        if kind == Receipt.Kind.EXPENSE:
            spent += amount
            actual[plan_line_id] = actual.get(plan_line_id, 0) + amount
        else:
            received += amount
    figures = []
    for line in lines:
        planned = cents(line.amount)
        done = actual.get(line.pk, 0)
        deviation = None
        warning = False
        if planned:
            deviation = Decimal(done - planned) * 100 / Decimal(planned)
            deviation = deviation.quantize(Decimal("0.1"))
            warning = done > 0 and abs(deviation) > grant.deviation_percent
        elif done:
            warning = True
        floor_check = None
        if line.fee_floor is not None and line.rate is not None and line.quantity is not None:
            floor_check = engine.check_floor(
                cents(line.rate), cents(line.fee_floor.amount), int(line.quantity)
            )
        figures.append(LineFigures(line, _decimal(done), deviation, warning, floor_check))
    by_kind: dict[str, int] = {}
    for item in income:
        by_kind[item.kind] = by_kind.get(item.kind, 0) + cents(item.amount)
    planned_costs = sum(cents(line.amount) for line in lines)
    drawn = sum(cents(d.amount) for d in draws)
    limit = None
    if grant.approved_amount is not None:
        limit = draw_limit_of(grant, lines, by_kind, drawn, today)
    return Ledger(
        grant=grant,
        plan_lines=figures,
        income_lines=income,
        receipts=receipt_list,
        planned_costs=_decimal(planned_costs),
        planned_income=_decimal(sum(by_kind.values())),
        income_by_kind={k: _decimal(v) for k, v in by_kind.items()},
        spent=_decimal(spent),
        received=_decimal(received),
        unassigned_spent=_decimal(actual.get(None, 0)),
        draws=draws,
        drawn=_decimal(drawn),
        limit=limit,
        floor_gaps=[f for f in figures if f.floor_check is not None and f.floor_check.below],
    )


def draw_limit_of(
    grant: Grant, lines: list[PlanLine], income_by_kind: dict[str, int], drawn: int, today: date
) -> engine.DrawLimit:
    """The engine's draw rule on the grant: the plan lines' due dates (a line without one is
    due at the start of the period), the approved amount against own funds and other
    funders, the withheld share."""
    start = grant.period_start or today
    expenses = [(line.due_on or start, cents(line.amount)) for line in lines]
    approved = cents(grant.approved_amount)
    own = sum(income_by_kind.get(k, 0) for k in ("own_funds", "volunteer", "in_kind"))
    return engine.draw_limit(
        expenses=expenses,
        today=today,
        grant=approved,
        own_funds=own,
        other_funders=income_by_kind.get("other_funder", 0),
        drawn=drawn,
        withheld=engine.share_of(approved, cents(grant.withheld_percent)),
        window_days=grant.draw_window_days,
    )


def income_totals(grant: Grant) -> dict[str, int]:
    return {
        row["kind"]: cents(row["total"])
        for row in grant.income_lines.values("kind").annotate(total=Sum("amount"))
    }


# Fee floors ----------------------------------------------------------------------------------


def fee_floor_tables(today: date) -> QuerySet[FeeFloorTable]:
    return FeeFloorTable.objects.prefetch_related(
        Prefetch("floors", queryset=FeeFloor.objects.order_by("activity", "unit", "with_ksk", "pk"))
    ).order_by("name", "-effective_from")


def current_fee_floors(today: date) -> QuerySet[FeeFloor]:
    """The floors of every table in force today."""
    return (
        FeeFloor.objects.filter(table__effective_from__lte=today)
        .filter(Q(table__effective_until__isnull=True) | Q(table__effective_until__gte=today))
        .select_related("table")
        .order_by("table__name", "activity", "unit", "pk")
    )


# Fair-pay statement --------------------------------------------------------------------------


@dataclass
class FairPayLine:
    """An honorarium line of one of the project's grants against its fee floor."""

    line: PlanLine
    check: engine.FloorCheck

    @property
    def floor(self) -> FeeFloor:
        assert self.line.fee_floor is not None
        return self.line.fee_floor


@dataclass
class FairPay:
    project: Project
    statement: FairPayStatement | None
    lines: list[FairPayLine]

    @property
    def met(self) -> int:
        return sum(1 for item in self.lines if not item.check.below)

    @property
    def published(self) -> bool:
        return self.statement is not None and self.statement.is_published


def access_fair_pay(viewer: Viewer, pk: int, perm: str | None = None) -> FairPay:
    """A project's fair-pay statement: everybody sees it once published; before that (and
    after it was withdrawn) only the project's owners, as a preview. Http404 otherwise."""
    project = Project.objects.filter(pk=pk).first()
    if project is None:
        raise Http404
    statement = FairPayStatement.objects.filter(project=project).first()
    owner = viewer.has_perm("funding.manage_project_funding", project)
    if not owner and not (statement is not None and statement.is_published):
        raise Http404
    if perm and not viewer.has_perm(perm, project):
        raise PermissionDenied
    return FairPay(project, statement, fair_pay_lines(project))


def fair_pay_lines(project: Project) -> list[FairPayLine]:
    """Every honorarium line with a fee floor, a rate and a quantity in the project's grants
    (rejected applications left out): one query."""
    lines = (
        PlanLine.objects.filter(
            grant__project=project,
            fee_floor__isnull=False,
            rate__isnull=False,
            quantity__isnull=False,
        )
        .exclude(grant__status=Grant.Status.REJECTED)
        .select_related("fee_floor__table", "grant__programme")
        .order_by("grant_id", "category", "pk")
    )
    return [
        FairPayLine(
            line,
            engine.check_floor(
                cents(line.rate), cents(line.fee_floor.amount), int(line.quantity or 0)
            ),
        )
        for line in lines
        if line.fee_floor is not None
    ]
