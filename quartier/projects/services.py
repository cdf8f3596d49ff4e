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
from quartier.alliances.rules import can_steer
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify
from quartier.events.models import Event
from quartier.knowledge import services as knowledge
from quartier.knowledge.models import Article, ChecklistRun, Topic
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.projects.models import (
    ENDED_PHASES,
    Milestone,
    Participant,
    Phase,
    PhaseChange,
    Project,
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


def lock_project(project: Project, by: User, perm: str = "projects.change_project") -> Project:
    """The project row locked for this transaction, once `by` may do `perm` on it."""
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
    locked = lock_project(project, by)
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
    locked = lock_project(project, by)
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
    locked = lock_project(project, by)
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
    locked = lock_project(project, by)
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
    lock_project(participant.project, by)
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
    project = lock_project(participant.project, by)
    record_change(
        project, by=by, action="changed", changes={"participant": [str(participant), None]}
    )
    participant.delete()


@transaction.atomic
def add_milestone(project: Project, *, by: User, title: str, due_on: datetime.date) -> Milestone:
    locked = lock_project(project, by)
    milestone = Milestone(project=locked, title=title.strip(), due_on=due_on)
    milestone.full_clean()
    milestone.save()
    record_change(locked, by=by, action="changed", changes={"milestone": title})
    return milestone


@transaction.atomic
def reach_milestone(
    milestone: Milestone, *, by: User, on: datetime.date | None = None
) -> Milestone:
    lock_project(milestone.project, by)
    milestone.reached_on = on or timezone.localdate()
    milestone.save(update_fields=["reached_on"])
    record_change(
        milestone.project, by=by, action="changed", changes={"milestone reached": milestone.title}
    )
    return milestone


@transaction.atomic
def remove_milestone(milestone: Milestone, *, by: User) -> None:
    locked = lock_project(milestone.project, by)
    title = milestone.title
    milestone.delete()
    record_change(locked, by=by, action="changed", changes={"milestone removed": title})


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
    locked = lock_project(project, by)
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
    locked = lock_project(project, by)
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
        if (
            alliance is not None
            and not alliance.members.filter(actor=actor, accepted_at__isnull=False).exists()
        ):
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
