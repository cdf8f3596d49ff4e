"""API of projects (phases, participants, succession), with the permissions of the pages.
Writes go through quartier.projects.services."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.actors.models import Actor
from quartier.actors.selectors import visible_actors
from quartier.alliances.selectors import visible_alliances
from quartier.api.auth import acting_user, read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId
from quartier.knowledge.models import Topic
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.projects import services
from quartier.projects.models import Participant, Phase, Project
from quartier.projects.report_pdf import report_pdf
from quartier.projects.reports import SRS_SECTIONS, plain_number
from quartier.projects.reports import project_report as build
from quartier.projects.selectors import access_project, projects_for_list, timeline

projects_router = Router(tags=["projects"])


class ParticipantOut(Schema):
    id: int
    actor: int = Field(alias="actor_id")
    actor_name: str = Field(alias="actor.name")
    role: Participant.Role
    contribution: str
    joined_on: datetime.date | None
    left_on: datetime.date | None


class PhaseStepOut(Schema):
    phase: Phase
    started_on: datetime.date
    ended_on: datetime.date | None
    days: int


class SuccessionOut(Schema):
    successor: int | None
    successor_name: str | None
    handover_on: datetime.date | None
    note: str
    checklist_items: int | None
    checklist_done: int | None


class ProjectOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    phase: Phase
    owners: list[int]
    alliance: int | None = Field(alias="alliance_id")
    neighbourhoods: list[int]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    is_public: bool

    @staticmethod
    def resolve_owners(project: Project) -> list[int]:
        return [a.pk for a in project.owners.all()]

    @staticmethod
    def resolve_neighbourhoods(project: Project) -> list[int]:
        return [n.pk for n in project.neighbourhoods.all()]


class ProjectDetailOut(ProjectOut):
    topics: list[str]
    places: list[int]
    budget_total_eur: Decimal | None
    budget_summary: str
    participants: list[ParticipantOut]
    phases: list[PhaseStepOut]
    succession: SuccessionOut
    lessons: dict[str, str] | None
    case_report: int | None = Field(alias="case_report_id")

    @staticmethod
    def resolve_places(project: Project) -> list[int]:
        return [p.pk for p in project.places.all()]

    @staticmethod
    def resolve_participants(project: Project) -> list[Participant]:
        return list(project.participants.all())

    @staticmethod
    def resolve_phases(project: Project) -> list[Any]:
        return timeline(project)

    @staticmethod
    def resolve_succession(project: Project) -> dict[str, Any]:
        run = project.handover_run
        return {
            "successor": project.successor_id,
            "successor_name": project.successor.name if project.successor else None,
            "handover_on": project.handover_on,
            "note": project.handover_note,
            "checklist_items": run.item_count if run else None,
            "checklist_done": run.done_count if run else None,
        }

    @staticmethod
    def resolve_lessons(project: Project) -> dict[str, str] | None:
        if project.phase != Phase.ENDED_LEARNED:
            return None
        return {
            "worked": project.lessons_worked,
            "failed": project.lessons_failed,
            "for_others": project.lessons_for_others,
        }


class ProjectFilters(Schema):
    q: str = Field("", max_length=200)
    phase: Phase | None = None
    topic: Topic | None = None
    neighbourhood: IdField | None = None
    alliance: IdField | None = None
    mine: bool = False


class ProjectIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=10000)
    owners: list[IdField] = []
    alliance: IdField | None = None
    neighbourhoods: list[IdField] = []
    places: list[IdField] = []
    topics: list[Topic] = []
    phase: Phase = Phase.IDEA
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    is_public: bool = True
    budget_total_eur: Decimal | None = Field(None, ge=0, le=1_000_000_000, decimal_places=2)
    budget_summary: str = Field("", max_length=5000)


class ProjectPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=10000)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    is_public: bool | None = None
    topics: list[Topic] | None = None
    budget_total_eur: Decimal | None = Field(None, ge=0, le=1_000_000_000, decimal_places=2)
    budget_summary: str | None = Field(None, max_length=5000)
    places: list[IdField] | None = None


class PhaseIn(Schema):
    phase: Phase
    on: datetime.date | None = None
    note: str = Field("", max_length=300)


class EndIn(Schema):
    worked: str = Field(min_length=1, max_length=10000)
    failed: str = Field(min_length=1, max_length=10000)
    for_others: str = Field(min_length=1, max_length=10000)
    consent: bool = False


class ParticipantIn(Schema):
    actor: IdField
    role: Participant.Role
    contribution: str = Field("", max_length=300)
    joined_on: datetime.date | None = None


class SuccessionIn(Schema):
    successor: IdField | None = None
    handover_on: datetime.date | None = None
    note: str = Field("", max_length=5000)


def _actors(request: HttpRequest, ids: list[int]) -> list[Actor]:
    found = list(visible_actors(viewer(request)).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"owners": "Unknown actor."})
    return found


def _by_ids(model: Any, ids: list[int], field: str) -> list[Any]:
    found = list(model.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: "Unknown id."})
    return found


def _detail(request: HttpRequest, pk: int) -> Project:
    return access_project(viewer(request), pk)


@projects_router.get("", response={200: list[ProjectOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilters]) -> Any:
    """The projects the caller may see, with filters."""
    return projects_for_list(filters.model_dump(), viewer(request))


@projects_router.get("/{project_id}", response={200: ProjectDetailOut, **ERRORS}, auth=read_auth)
def get_project(request: HttpRequest, project_id: ObjectId) -> Project:
    """A project with its participants, phases with their durations and its succession."""
    return access_project(viewer(request), project_id, "projects.view_project")


@projects_router.post("", response={201: ProjectDetailOut, **ERRORS})
def create_project(request: HttpRequest, payload: ProjectIn) -> Status:
    user = acting_user(request)
    alliance = None
    if payload.alliance is not None:
        alliance = visible_alliances(user).filter(pk=payload.alliance).first()
        if alliance is None:
            raise ValidationError({"alliance": "Unknown alliance."})
    project = services.create_project(
        by=user,
        title=payload.title,
        summary=payload.summary,
        owners=_actors(request, payload.owners),
        alliance=alliance,
        neighbourhoods=_by_ids(Neighbourhood, payload.neighbourhoods, "neighbourhoods"),
        places=_by_ids(Place, payload.places, "places"),
        topics=[t.value for t in payload.topics],
        phase=payload.phase.value,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        is_public=payload.is_public,
        budget_total_eur=payload.budget_total_eur,
        budget_summary=payload.budget_summary,
    )
    return Status(201, _detail(request, project.pk))


@projects_router.patch("/{project_id}", response={200: ProjectDetailOut, **ERRORS})
def update_project(request: HttpRequest, project_id: ObjectId, payload: ProjectPatch) -> Project:
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    data = payload.model_dump(exclude_unset=True)
    places = data.pop("places", None)
    if "topics" in data:
        data["topics"] = [getattr(t, "value", t) for t in data["topics"] or []]
    for name in ("title", "is_public", "summary", "budget_summary"):
        if name in data and data[name] is None:
            raise ValidationError({name: "This field cannot be empty."})
    services.update_project(
        project,
        by=user,
        places=_by_ids(Place, places, "places") if places is not None else None,
        **data,
    )
    return _detail(request, project_id)


@projects_router.post("/{project_id}/phase", response={200: ProjectDetailOut, **ERRORS})
def change_phase(request: HttpRequest, project_id: ObjectId, payload: PhaseIn) -> Project:
    """Moves the project into a phase (from a date on); the timeline keeps every step."""
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    services.change_phase(project, payload.phase.value, by=user, on=payload.on, note=payload.note)
    return _detail(request, project_id)


@projects_router.post("/{project_id}/end-learned", response={200: ProjectDetailOut, **ERRORS})
def end_learned(request: HttpRequest, project_id: ObjectId, payload: EndIn) -> Project:
    """Ends the project as "beendet – gelernt"; with consent the lessons become a draft case
    report in the toolbox."""
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    services.end_as_learned(
        project,
        by=user,
        worked=payload.worked,
        failed=payload.failed,
        for_others=payload.for_others,
        consent=payload.consent,
    )
    return _detail(request, project_id)


@projects_router.post("/{project_id}/participants", response={201: ParticipantOut, **ERRORS})
def add_participant(request: HttpRequest, project_id: ObjectId, payload: ParticipantIn) -> Status:
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    actor = visible_actors(user).filter(pk=payload.actor).first()
    if actor is None:
        raise ValidationError({"actor": "Unknown actor."})
    participant = services.add_participant(
        project,
        actor,
        by=user,
        role=payload.role.value,
        contribution=payload.contribution,
        joined_on=payload.joined_on,
    )
    return Status(201, participant)


@projects_router.delete(
    "/{project_id}/participants/{participant_id}", response={204: None, **ERRORS}
)
def remove_participant(
    request: HttpRequest, project_id: ObjectId, participant_id: ObjectId
) -> Status:
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    participant = Participant.objects.filter(pk=participant_id, project=project).first()
    if participant is None:
        raise Http404
    services.remove_participant(participant, by=user)
    return Status(204, None)


@projects_router.put("/{project_id}/succession", response={200: ProjectDetailOut, **ERRORS})
def plan_succession(request: HttpRequest, project_id: ObjectId, payload: SuccessionIn) -> Project:
    """Names who takes over and when (the people are reminded two weeks before)."""
    user = acting_user(request)
    project = access_project(user, project_id, "projects.change_project")
    successor = None
    if payload.successor is not None:
        successor = visible_actors(user).filter(pk=payload.successor).first()
        if successor is None:
            raise ValidationError({"successor": "Unknown actor."})
    services.plan_succession(
        project, by=user, successor=successor, handover_on=payload.handover_on, note=payload.note
    )
    return _detail(request, project_id)


def _report_json(report: Any) -> dict[str, Any]:

    return {
        "title": report.title,
        "generated_on": report.generated_on.isoformat(),
        "projects": [
            {
                "id": part.project.pk,
                "title": part.project.title,
                "phase": part.project.phase,
                **{name: getattr(part.project, name) for name in SRS_SECTIONS},
                "lessons": {
                    "worked": part.project.lessons_worked,
                    "failed": part.project.lessons_failed,
                    "for_others": part.project.lessons_for_others,
                },
                "indicators": [
                    {
                        "id": view.indicator.pk,
                        "title": view.indicator.title,
                        "unit": view.indicator.unit,
                        "level": view.indicator.level,
                        "iris_id": view.indicator.iris_id,
                        "baseline": plain_number(view.indicator.baseline_value),
                        "series": [
                            {
                                "period": p.start.isoformat(),
                                "label": p.label,
                                "value": plain_number(p.value),
                                "achieved": plain_number(p.achieved),
                                "target": plain_number(p.target),
                            }
                            for p in view.series
                        ],
                    }
                    for view in part.indicators
                ],
            }
            for part in report.projects
        ],
    }


@projects_router.get("/{project_id}/report", response={200: dict, **ERRORS}, auth=read_auth)
def project_report(request: HttpRequest, project_id: ObjectId, format: str = "json") -> Any:
    """The impact report in SRS structure as JSON, or as PDF with `?format=pdf`."""

    report = build(viewer(request), project_id)
    if format == "pdf":
        return HttpResponse(report_pdf(report), content_type="application/pdf")
    return _report_json(report)


@projects_router.get("/{project_id}/report.pdf", auth=read_auth)
def project_report_pdf(request: HttpRequest, project_id: ObjectId) -> Any:

    return HttpResponse(
        report_pdf(build(viewer(request), project_id)), content_type="application/pdf"
    )
