"""API of the network area with exactly the permissions of the pages: the graph, figures and
communities of a neighbourhood, municipality or alliance (computed from what the caller's
audience may see), and warm introductions with accept and decline."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from quartier.actors.models import Actor
from quartier.actors.selectors import actors_of_user, visible_actors
from quartier.api.auth import acting_user, read_auth
from quartier.api.schemas import ERRORS, ObjectId
from quartier.events.models import Registration
from quartier.events.selectors import access_event
from quartier.network import services, tandem_services
from quartier.network.models import Introduction, Scope, Tandem, TandemSession
from quartier.network.presentation import Filters, edges, health_sentences, rows
from quartier.network.selectors import (
    ScopeRef,
    access_introduction,
    access_scope,
    access_tandem,
    advice_hours,
    audience_for,
    introductions_for,
    tandems_for,
)

network_router = Router(tags=["network"])
introductions_router = Router(tags=["introductions"])


class ScopeQuery(Schema):
    neighbourhood: int | None = None
    municipality: int | None = None
    alliance: int | None = None


def _result(request: HttpRequest, query: ScopeQuery) -> tuple[ScopeRef, dict[str, Any]]:
    chosen = [(s, getattr(query, s)) for s in Scope.values if getattr(query, s) is not None]
    if len(chosen) != 1:
        raise ValidationError(
            _("Give exactly one of neighbourhood, municipality or alliance."), code="scope"
        )
    ref = access_scope(request.user, chosen[0][0], chosen[0][1])
    snapshot = services.request_snapshot(ref, audience_for(request.user, ref))
    snapshot.refresh_from_db()
    if not snapshot.result:
        raise HttpError(503, str(_("The network figures are being computed; ask again soon.")))
    return ref, snapshot.result


@network_router.get("/graph", auth=read_auth, response={200: dict, **ERRORS})
def graph(request: HttpRequest, query: Query[ScopeQuery]) -> dict[str, Any]:
    """Actors with every measure and the ties between them."""
    ref, result = _result(request, query)
    table = rows(result, Filters())
    return {
        "scope": ref.scope,
        "id": ref.pk,
        "nodes": table,
        "edges": edges(result, {r["id"] for r in table}),
    }


@network_router.get("/metrics", auth=read_auth, response={200: dict, **ERRORS})
def metrics(request: HttpRequest, query: Query[ScopeQuery]) -> dict[str, Any]:
    """Network figures (also at an earlier date), the health sentences and suggestions."""
    ref, result = _result(request, query)
    return {
        "scope": ref.scope,
        "id": ref.pk,
        "network": result["network"],
        "at_dates": result.get("at_dates", {}),
        "modularity": result["modularity"],
        "betweenness_sampling": result["betweenness_sampling"],
        "health": health_sentences(result),
        "suggestions": result.get("suggestions", []),
    }


@network_router.get("/communities", auth=read_auth, response={200: dict, **ERRORS})
def communities(request: HttpRequest, query: Query[ScopeQuery]) -> dict[str, Any]:
    ref, result = _result(request, query)
    return {
        "scope": ref.scope,
        "id": ref.pk,
        "method": result["community_method"],
        "modularity": result["modularity"],
        "communities": result["communities"],
    }


class IntroductionOut(Schema):
    id: int
    first: int
    second: int
    status: str
    first_answer: str
    second_answer: str
    note: str
    reasons: list[str]
    decline_reason: str
    outcome: str
    tie: int | None
    created_at: datetime

    @staticmethod
    def resolve_first(obj: Introduction) -> int:
        return obj.first_id

    @staticmethod
    def resolve_second(obj: Introduction) -> int:
        return obj.second_id

    @staticmethod
    def resolve_tie(obj: Introduction) -> int | None:
        return obj.tie_id


class IntroductionIn(Schema):
    first: int
    second: int
    note: str
    reasons: list[str] = []


class AnswerIn(Schema):
    actor: int
    reason: str = ""


@introductions_router.get("", response=list[IntroductionOut])
def list_introductions(request: HttpRequest) -> Any:
    return introductions_for(acting_user(request))[:200]


@introductions_router.get("/{introduction_id}", response={200: IntroductionOut, **ERRORS})
def get_introduction(request: HttpRequest, introduction_id: ObjectId) -> Introduction:
    return access_introduction(acting_user(request), introduction_id)


@introductions_router.post("", response={201: IntroductionOut, **ERRORS})
def propose(request: HttpRequest, payload: IntroductionIn) -> Status:
    user = acting_user(request)
    visible = visible_actors(user)
    first = visible.filter(pk=payload.first).first()
    second = visible.filter(pk=payload.second).first()
    if first is None or second is None:
        raise Http404
    introduction = services.propose_introduction(
        first, second, note=payload.note, by=user, reasons=payload.reasons
    )
    return Status(201, introduction)


def _answer(request: HttpRequest, introduction_id: int, payload: AnswerIn, accept: bool) -> Any:
    user = acting_user(request)
    introduction = access_introduction(user, introduction_id)
    actor = actors_of_user(user).filter(pk=payload.actor).first()
    if actor is None and user.is_superuser:
        actor = introduction.first if payload.actor == introduction.first_id else None
        actor = actor or (introduction.second if payload.actor == introduction.second_id else None)
    if actor is None:
        raise ValidationError(_("Answer on behalf of one of your actors."), code="actor")
    return services.answer_introduction(
        introduction, actor, accept=accept, by=user, reason=payload.reason
    )


@introductions_router.post("/{introduction_id}/accept", response={200: IntroductionOut, **ERRORS})
def accept(request: HttpRequest, introduction_id: ObjectId, payload: AnswerIn) -> Any:
    return _answer(request, introduction_id, payload, True)


@introductions_router.post("/{introduction_id}/decline", response={200: IntroductionOut, **ERRORS})
def decline(request: HttpRequest, introduction_id: ObjectId, payload: AnswerIn) -> Any:
    return _answer(request, introduction_id, payload, False)


# ---------------------------------------------------------------- tandems

tandems_router = Router(tags=["tandems"])


class SessionOut(Schema):
    id: int
    held_on: date
    minutes: int
    note: str


class TandemOut(Schema):
    id: int
    mentor: int
    mentee: int
    status: str
    mentor_answer: str
    mentee_answer: str
    coordinated: bool
    goals: str
    months: int
    rhythm: str
    started_on: date | None
    ends_on: date | None
    ended_on: date | None
    ended_early: bool
    decline_reason: str
    outcome: str
    mentor_review: str
    mentee_review: str
    sessions: list[SessionOut]

    @staticmethod
    def resolve_mentor(obj: Tandem) -> int:
        return obj.mentor_id

    @staticmethod
    def resolve_mentee(obj: Tandem) -> int:
        return obj.mentee_id

    @staticmethod
    def resolve_sessions(obj: Tandem) -> list[TandemSession]:
        return list(obj.sessions.all())


class TandemIn(Schema):
    mentor: int
    mentee: int
    goals: str
    months: int = 6
    rhythm: str = Tandem.Rhythm.MONTHLY
    coordinated: bool = False
    confirmed: bool = False


class TandemAnswerIn(Schema):
    actor: int
    reason: str = ""
    note: str = ""


class SessionIn(Schema):
    held_on: date
    minutes: int
    note: str = ""


class CompleteIn(Schema):
    actor: int
    outcome: str
    review: str


def _side(user: Any, tandem: Tandem, actor_id: int) -> Actor:
    actor = actors_of_user(user).filter(pk=actor_id).first()
    if actor is None or tandem.side_of(actor.pk) is None:
        raise ValidationError(_("Act on behalf of one of the two actors."), code="actor")
    return actor


@tandems_router.get("", response=list[TandemOut])
def list_tandems(request: HttpRequest) -> Any:
    return tandems_for(acting_user(request)).prefetch_related("sessions")[:200]


@tandems_router.get("/{tandem_id}", response={200: TandemOut, **ERRORS})
def get_tandem(request: HttpRequest, tandem_id: ObjectId) -> Tandem:
    return access_tandem(acting_user(request), tandem_id)


@tandems_router.post("", response={201: TandemOut, **ERRORS})
def create_tandem(request: HttpRequest, payload: TandemIn) -> Status:
    """A new actor's request (`coordinated` false) or a coordinator's proposal (`coordinated`
    true, with `confirmed` true after checking the pair)."""
    user = acting_user(request)
    visible = visible_actors(user)
    mentor = visible.filter(pk=payload.mentor).first()
    mentee = visible.filter(pk=payload.mentee).first()
    if mentor is None or mentee is None:
        raise Http404
    if payload.coordinated:
        tandem = tandem_services.propose_tandem(
            mentor,
            mentee,
            by=user,
            confirmed=payload.confirmed,
            goals=payload.goals,
            months=payload.months,
            rhythm=payload.rhythm,
        )
    else:
        tandem = tandem_services.request_tandem(
            mentee,
            mentor,
            by=user,
            goals=payload.goals,
            months=payload.months,
            rhythm=payload.rhythm,
        )
    return Status(201, tandem)


@tandems_router.post("/{tandem_id}/accept", response={200: TandemOut, **ERRORS})
def accept_tandem(request: HttpRequest, tandem_id: ObjectId, payload: TandemAnswerIn) -> Any:
    user = acting_user(request)
    tandem = access_tandem(user, tandem_id)
    return tandem_services.answer_tandem(
        tandem, _side(user, tandem, payload.actor), accept=True, by=user
    )


@tandems_router.post("/{tandem_id}/decline", response={200: TandemOut, **ERRORS})
def decline_tandem(request: HttpRequest, tandem_id: ObjectId, payload: TandemAnswerIn) -> Any:
    user = acting_user(request)
    tandem = access_tandem(user, tandem_id)
    return tandem_services.answer_tandem(
        tandem,
        _side(user, tandem, payload.actor),
        accept=False,
        by=user,
        reason=payload.reason,
        note=payload.note,
    )


@tandems_router.get("/{tandem_id}/sessions", response={200: list[SessionOut], **ERRORS})
def list_sessions(request: HttpRequest, tandem_id: ObjectId) -> Any:
    return list(access_tandem(acting_user(request), tandem_id).sessions.all())


@tandems_router.post("/{tandem_id}/sessions", response={201: SessionOut, **ERRORS})
def add_session(request: HttpRequest, tandem_id: ObjectId, payload: SessionIn) -> Status:
    user = acting_user(request)
    tandem = access_tandem(user, tandem_id)
    return Status(201, tandem_services.log_session(tandem, by=user, **payload.dict()))


@tandems_router.post("/{tandem_id}/complete", response={200: TandemOut, **ERRORS})
def complete(request: HttpRequest, tandem_id: ObjectId, payload: CompleteIn) -> Any:
    user = acting_user(request)
    tandem = access_tandem(user, tandem_id)
    return tandem_services.complete_tandem(
        tandem,
        by=user,
        actor=_side(user, tandem, payload.actor),
        outcome=payload.outcome,
        review=payload.review,
    )


class AdviceHourOut(Schema):
    id: int
    title: str
    start: datetime
    end: datetime
    organisers: list[str]
    seats_left: int | None
    booking: str | None  # the caller's own: "confirmed", "waiting" or null

    @staticmethod
    def resolve_organisers(obj: Any) -> list[str]:
        return [a.name for a in obj.organisers.all()]

    @staticmethod
    def resolve_booking(obj: Any) -> str | None:
        return obj.my_registration.status if obj.my_registration else None


class BookingIn(Schema):
    actor: int


class BookingOut(Schema):
    event: int
    actor: int | None
    status: str

    @staticmethod
    def resolve_event(obj: Registration) -> int:
        return obj.event_id

    @staticmethod
    def resolve_actor(obj: Registration) -> int | None:
        return obj.actor_id


@tandems_router.get("/{tandem_id}/advice-hours", response={200: list[AdviceHourOut], **ERRORS})
def list_advice_hours(request: HttpRequest, tandem_id: ObjectId) -> Any:
    """The next advice hours ("Sprechstunde") of the mentor and of intermediaries."""
    user = acting_user(request)
    return advice_hours(access_tandem(user, tandem_id), user)


@tandems_router.post(
    "/{tandem_id}/advice-hours/{event_id}/booking", response={201: BookingOut, **ERRORS}
)
def book_advice_hour(
    request: HttpRequest, tandem_id: ObjectId, event_id: ObjectId, payload: BookingIn
) -> Status:
    """Books the advice hour for one of the tandem's two actors (a seat or the waiting list)."""
    user = acting_user(request)
    tandem = access_tandem(user, tandem_id)
    event = access_event(user, event_id)
    registration = tandem_services.book_advice_hour(
        tandem, event, by=user, actor=_side(user, tandem, payload.actor)
    )
    return Status(201, registration)
