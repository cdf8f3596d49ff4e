"""API of the network area with exactly the permissions of the pages: the graph, figures and
communities of a neighbourhood, municipality or alliance (computed from what the caller's
audience may see), and warm introductions with accept and decline."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from quartier.actors.selectors import actors_of_user, visible_actors
from quartier.api.auth import acting_user, read_auth
from quartier.api.schemas import ERRORS, ObjectId
from quartier.network import services
from quartier.network.models import Introduction, Scope
from quartier.network.presentation import Filters, edges, health_sentences, rows
from quartier.network.selectors import (
    ScopeRef,
    access_introduction,
    access_scope,
    audience_for,
    introductions_for,
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
