"""Writes about projects. Each service checks the permission, validates, runs in a
transaction and records the change in the audit trail."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.models import Agreement, Alliance
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify
from quartier.engines.impact import is_period_start
from quartier.events.models import Event
from quartier.knowledge import services as knowledge
from quartier.knowledge.models import Article, ChecklistRun, Topic
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.projects.library import library_entry
from quartier.projects.models import (
    ENDED_PHASES,
    Evidence,
    Indicator,
    Measurement,
    MeasurementStep,
    Milestone,
    Participant,
    PeriodLock,
    Phase,
    PhaseChange,
    Project,
    Target,
)
from quartier.projects.selectors import handovers_due
from quartier.search.indexing import index_record

PROJECT_FIELDS = [
    "title",
    "summary",
    "alliance",
    "phase",
    "starts_on",
    "ends_on",
    "is_public",
    "topics",
    "budget_total_eur",
    "budget_summary",
    "successor",
    "handover_on",
]
HANDOVER_REMINDER_DAYS = 14


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "projekt"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_topics(topics: Iterable[str]) -> list[str]:
    topics = list(dict.fromkeys(topics))
    wrong = [t for t in topics if t not in Topic.values]
    if wrong:
        raise ValidationError(
            {"topics": gettext_lazy("Unknown topics: %(values)s.")},
            params={"values": ", ".join(wrong)},
        )
    return topics


def _may_own(by: User, owners: list[Actor], alliance: Alliance | None) -> bool:
    """Whoever creates a project must belong to one of its owner actors or steer its
    alliance."""
    from quartier.alliances.rules import can_steer

    if by.is_superuser:
        return True
    if any(o.memberships.filter(user=by).exists() for o in owners):
        return True
    return bool(alliance is not None and can_steer.test(by, alliance))


@transaction.atomic
def create_project(
    *,
    by: User,
    title: str,
    summary: str = "",
    owners: list[Actor],
    alliance: Alliance | None = None,
    neighbourhoods: list[Neighbourhood] | None = None,
    places: list[Place] | None = None,
    topics: list[str] | None = None,
    phase: str = Phase.IDEA,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    is_public: bool = True,
    budget_total_eur: Decimal | None = None,
    budget_summary: str = "",
    phase_since: datetime.date | None = None,
) -> Project:
    """A member of an owner actor (or the alliance's steering) starts a project; its first
    phase starts today (or on `phase_since`)."""
    if not by.has_perm("projects.add_project"):
        raise PermissionDenied
    if not owners and alliance is None:
        raise ValidationError({"owners": _("Name at least one owner actor or the alliance.")})
    if not _may_own(by, owners, alliance):
        raise PermissionDenied
    if phase in ENDED_PHASES:
        raise ValidationError({"phase": _("A new project cannot start as ended.")})
    project = Project(
        title=title.strip(),
        summary=summary,
        alliance=alliance,
        phase=phase,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=is_public,
        topics=_check_topics(topics or []),
        budget_total_eur=budget_total_eur,
        budget_summary=budget_summary,
        created_by=by,
    )
    project.slug = _unique_slug(project.title)
    _validate(project)
    project.save()
    project.owners.set(owners)
    project.neighbourhoods.set(neighbourhoods or [])
    project.places.set(places or [])
    PhaseChange.objects.create(
        project=project, phase=phase, started_on=phase_since or timezone.localdate(), by=by
    )
    record_change(project, by=by, action="created", changes=snapshot(project, PROJECT_FIELDS))
    index_record(project)
    return project


def _validate(project: Project) -> None:
    project.full_clean(exclude=["slug", "topics"])
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise ValidationError({"ends_on": _("The end must not be before the start.")})
    if project.budget_total_eur is not None and project.budget_total_eur < 0:
        raise ValidationError({"budget_total_eur": _("A budget cannot be negative.")})


def _lock(project: Project, by: User, perm: str = "projects.change_project") -> Project:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if not by.has_perm(perm, locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def update_project(
    project: Project,
    *,
    by: User,
    owners: list[Actor] | None = None,
    neighbourhoods: list[Neighbourhood] | None = None,
    places: list[Place] | None = None,
    **fields: Any,
) -> Project:
    """The owner side changes the project's description, period, topics, budget and links to
    owners, neighbourhoods and places. The phase changes through `change_phase`."""
    locked = _lock(project, by)
    allowed = set(PROJECT_FIELDS) - {"phase", "successor", "handover_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(locked, PROJECT_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    if "topics" in fields:
        locked.topics = _check_topics(fields["topics"])
    _validate(locked)
    if owners is not None:
        if not owners and locked.alliance is None:
            raise ValidationError({"owners": _("Name at least one owner actor or the alliance.")})
        locked.owners.set(owners)
    locked.save()
    if neighbourhoods is not None:
        locked.neighbourhoods.set(neighbourhoods)
    if places is not None:
        locked.places.set(places)
    record_change(
        locked, by=by, action="changed", changes=diff(before, snapshot(locked, PROJECT_FIELDS))
    )
    index_record(locked)
    return locked


@transaction.atomic
def change_phase(
    project: Project,
    phase: str,
    *,
    by: User,
    on: datetime.date | None = None,
    note: str = "",
) -> Project:
    """The owner side moves the project into a phase from a date on (today by default); the
    timeline keeps every step. Ending as "beendet – gelernt" goes through `end_as_learned`."""
    locked = _lock(project, by)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    if phase == Phase.ENDED_LEARNED:
        raise ValidationError({"phase": _("To end as learned, say what was learned.")})
    if phase == locked.phase:
        raise ValidationError({"phase": _("The project is in this phase already.")})
    on = on or timezone.localdate()
    last = locked.phase_changes.order_by("-started_on", "-pk").first()
    if last is not None and on < last.started_on:
        raise ValidationError({"on": _("A phase cannot start before the previous one.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("A phase change cannot lie in the future.")})
    before = locked.phase
    locked.phase = phase
    if phase in ENDED_PHASES and not locked.ends_on:
        locked.ends_on = on
    locked.save(update_fields=["phase", "ends_on", "updated_at"])
    PhaseChange.objects.create(project=locked, phase=phase, started_on=on, note=note[:300], by=by)
    record_change(locked, by=by, action="changed", changes={"phase": [before, phase]})
    index_record(locked)
    return locked


CASE_REPORT_BODY = """## Worum es ging

{summary}

## Was funktioniert hat

{worked}

## Was nicht funktioniert hat

{failed}

## Was andere wissen sollten

{for_others}
"""


@transaction.atomic
def end_as_learned(
    project: Project,
    *,
    by: User,
    worked: str,
    failed: str,
    for_others: str,
    consent: bool = False,
    on: datetime.date | None = None,
) -> Project:
    """Ends the project as "beendet – gelernt" (§7: failure must be allowed). With the
    authors' consent the lessons become a draft case report in the knowledge toolbox (the
    toolbox's editors review and publish it as usual)."""
    locked = _lock(project, by)
    worked, failed, for_others = worked.strip(), failed.strip(), for_others.strip()
    errors = {}
    if not worked:
        errors["worked"] = _("Say what worked.")
    if not failed:
        errors["failed"] = _("Say what did not work.")
    if not for_others:
        errors["for_others"] = _("Say what others should know.")
    if errors:
        raise ValidationError(errors)
    if locked.phase == Phase.ENDED_LEARNED:
        raise ValidationError(_("The project has ended already."))
    on = on or timezone.localdate()
    before = locked.phase
    locked.phase = Phase.ENDED_LEARNED
    locked.ends_on = locked.ends_on or on
    locked.lessons_worked, locked.lessons_failed = worked, failed
    locked.lessons_for_others = for_others
    if consent and locked.case_report_id is None:
        locked.case_report = _draft_case_report(locked, by=by)
    locked.save()
    PhaseChange.objects.create(project=locked, phase=Phase.ENDED_LEARNED, started_on=on, by=by)
    record_change(
        locked,
        by=by,
        action="changed",
        changes={"phase": [before, Phase.ENDED_LEARNED], "case_report": bool(consent)},
    )
    index_record(locked)
    return locked


def _draft_case_report(project: Project, *, by: User) -> Article:
    summary = project.summary.strip() or project.title
    article = Article(
        kind=Article.Kind.CASE_REPORT,
        title=_("Learned: %(title)s") % {"title": project.title},
        summary=summary[:300],
        body=CASE_REPORT_BODY.format(
            summary=summary,
            worked=project.lessons_worked,
            failed=project.lessons_failed,
            for_others=project.lessons_for_others,
        ),
        place=", ".join(n.name for n in project.neighbourhoods.all())[:200],
        source=project.title[:300],
        status=Article.Status.DRAFT,
    )
    base = slugify(f"gelernt-{project.slug}")[:190]
    article.slug, n = base, 2
    while Article.objects.filter(slug=article.slug).exists():
        article.slug, n = f"{base}-{n}", n + 1
    tags = {"topic": list(project.topics)} if project.topics else None
    article = knowledge.save_article(
        article,
        by=by,
        links=knowledge.Links(
            tags=tags, actors=list(project.owners.all()), places=list(project.places.all())
        ),
    )
    project.articles.add(article)
    return article


# ---------------------------------------------------------------------------------------------
# Participants, milestones, links


@transaction.atomic
def add_participant(
    project: Project,
    actor: Actor,
    *,
    by: User,
    role: str,
    contribution: str = "",
    joined_on: datetime.date | None = None,
) -> Participant:
    locked = _lock(project, by)
    participant = Participant(
        project=locked, actor=actor, role=role, contribution=contribution, joined_on=joined_on
    )
    if Participant.objects.filter(project=locked, actor=actor).exists():
        raise ValidationError({"actor": _("This actor takes part already.")})
    participant.full_clean()
    participant.save()
    record_change(
        locked, by=by, action="changed", changes={"participant": [None, f"{actor} ({role})"]}
    )
    return participant


@transaction.atomic
def change_participant(participant: Participant, *, by: User, **fields: Any) -> Participant:
    _lock(participant.project, by)
    for name in fields:
        if name not in ("role", "contribution", "joined_on", "left_on"):
            raise ValueError(name)
        setattr(participant, name, fields[name])
    participant.full_clean()
    if (
        participant.left_on
        and participant.joined_on
        and participant.left_on < participant.joined_on
    ):
        raise ValidationError({"left_on": _("The end must not be before the start.")})
    participant.save()
    record_change(participant.project, by=by, action="changed", changes={"participant": fields})
    return participant


@transaction.atomic
def remove_participant(participant: Participant, *, by: User) -> None:
    project = _lock(participant.project, by)
    record_change(
        project, by=by, action="changed", changes={"participant": [str(participant), None]}
    )
    participant.delete()


@transaction.atomic
def add_milestone(project: Project, *, by: User, title: str, due_on: datetime.date) -> Milestone:
    locked = _lock(project, by)
    milestone = Milestone(project=locked, title=title.strip(), due_on=due_on)
    milestone.full_clean()
    milestone.save()
    record_change(locked, by=by, action="changed", changes={"milestone": title})
    return milestone


@transaction.atomic
def reach_milestone(
    milestone: Milestone, *, by: User, on: datetime.date | None = None
) -> Milestone:
    _lock(milestone.project, by)
    milestone.reached_on = on or timezone.localdate()
    milestone.save(update_fields=["reached_on"])
    record_change(
        milestone.project, by=by, action="changed", changes={"milestone reached": milestone.title}
    )
    return milestone


@transaction.atomic
def set_links(
    project: Project,
    *,
    by: User,
    events: list[Event] | None = None,
    agreements: list[Agreement] | None = None,
    checklist_runs: list[ChecklistRun] | None = None,
    articles: list[Article] | None = None,
) -> Project:
    """Links the project to events, agreements, checklist runs and articles (None leaves a
    kind as it is). Only records the person may see can be linked."""
    locked = _lock(project, by)
    changes = {}
    for name, chosen, perm in (
        ("events", events, "events.view_event"),
        ("agreements", agreements, "alliances.view_agreement"),
        ("checklist_runs", checklist_runs, "knowledge.view_run"),
        ("articles", articles, "knowledge.view_article"),
    ):
        if chosen is None:
            continue
        if any(not by.has_perm(perm, record) for record in chosen):
            raise PermissionDenied
        manager = getattr(locked, name)
        old = sorted(manager.values_list("pk", flat=True))
        manager.set(chosen)
        new = sorted(r.pk for r in chosen)
        if old != new:
            changes[name] = [old, new]
    record_change(locked, by=by, action="changed", changes=changes)
    return locked


# ---------------------------------------------------------------------------------------------
# Succession


@transaction.atomic
def plan_succession(
    project: Project,
    *,
    by: User,
    successor: Actor | None,
    handover_on: datetime.date | None,
    note: str = "",
    checklist: Article | None = None,
    run_actor: Actor | None = None,
) -> Project:
    """Names who takes over when the project's people leave, when, and what is handed over;
    with a published checklist it starts a handover checklist run for one of the owner actors
    (the knowledge toolbox's checklists). A changed date is reminded of again."""
    locked = _lock(project, by)
    if handover_on is not None and successor is None:
        raise ValidationError({"successor": _("Name who takes over.")})
    if successor is not None and handover_on is None:
        raise ValidationError({"handover_on": _("Say when the handover takes place.")})
    before = snapshot(locked, ["successor", "handover_on", "handover_note"])
    if locked.handover_on != handover_on:
        locked.handover_reminded_at = None
    locked.successor, locked.handover_on, locked.handover_note = successor, handover_on, note
    if checklist is not None and locked.handover_run_id is None:
        actor = run_actor or next(
            (o for o in locked.owners.all() if o.memberships.filter(user=by).exists()), None
        )
        if actor is None:
            raise ValidationError(
                {"checklist": _("Only a member of an owner actor can start the checklist.")}
            )
        alliance = locked.alliance
        if alliance is not None and not alliance.members.filter(actor=actor).exists():
            alliance = None
        run = knowledge.start_run(
            checklist,
            actor=actor,
            title=_("Handover: %(title)s") % {"title": locked.title},
            by=by,
            alliance=alliance,
        )
        locked.handover_run = run
        locked.checklist_runs.add(run)
    locked.save()
    record_change(
        locked,
        by=by,
        action="changed",
        changes=diff(before, snapshot(locked, ["successor", "handover_on", "handover_note"])),
    )
    return locked


def remind_handovers(within_days: int = HANDOVER_REMINDER_DAYS) -> int:
    """Reminds the owners' and the successor's members of a handover within the coming two
    weeks, once per date; returns the number of projects reminded (run by `quartier daily`)."""
    reminded = 0
    for project in handovers_due(within_days):
        assert project.handover_on is not None
        actors = [*project.owners.all(), *([project.successor] if project.successor else [])]
        users = list(User.objects.filter(memberships__actor__in=actors).distinct())
        run = project.handover_run
        open_items = (run.item_count - run.done_count) if run else 0
        with transaction.atomic():
            notify(
                users,
                _("Handover of “%(title)s” on %(date)s")
                % {"title": project.title, "date": project.handover_on.strftime("%d.%m.%Y")},
                _("%(successor)s takes over. Open checklist items: %(open)s.")
                % {"successor": project.successor or "–", "open": open_items},
                project.get_absolute_url(),
            )
            Project.objects.filter(pk=project.pk).update(handover_reminded_at=timezone.now())
        reminded += 1
    return reminded


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
    locked = _lock(project, by)
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
    locked = _lock(project, by)
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
    _lock(indicator.project, by)
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


def _check_value(indicator: Indicator, value: Any, narrative: str, breakdown: Any) -> None:
    if indicator.is_quantitative:
        if value is None:
            raise ValidationError({"value": _("Enter a number.")})
        if not isinstance(value, Decimal | int):
            raise ValidationError({"value": _("Enter a number.")})
        if not Decimal(value).is_finite():
            raise ValidationError({"value": _("Enter a number.")})
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
    project = _lock(indicator.project, by, "projects.contribute")
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
    _lock(measurement.indicator.project, by, "projects.contribute")
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
    locked = _lock(project, by)
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
    import csv
    import io
    from decimal import InvalidOperation

    from quartier.engines.impact import parse_period

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
    from quartier.core.progress import report_progress

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
    from functools import partial

    from quartier.core.progress import start_progress
    from quartier.projects.tasks import import_measurements

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
    from quartier.projects.automatic import automatic_values

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
