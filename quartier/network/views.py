"""Pages of the network area: the network of a neighbourhood, municipality or alliance as a
graph and a table, its exports, and warm introductions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.models import User
from quartier.actors.models import Actor, ContactPerson, Sector, Tie
from quartier.actors.selectors import actors_of_user, visible_actors
from quartier.alliances.selectors import visible_alliances
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.network import exports, services
from quartier.network.models import Introduction, NetworkSnapshot, Scope
from quartier.network.presentation import (
    MEASURES,
    Filters,
    edges,
    health_sentences,
    rows,
)
from quartier.network.selectors import (
    ScopeRef,
    access_introduction,
    access_scope,
    audience_for,
    introduction_counts,
    introductions_for,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def scope_from_request(request: HttpRequest) -> ScopeRef | None:
    for scope in Scope.values:
        raw = request.GET.get(scope)
        if raw:
            if not raw.isdigit():
                raise Http404
            return access_scope(request.user, scope, int(raw))
    return None


def filters_from_request(request: HttpRequest) -> Filters:
    return Filters(
        sector=request.GET.get("sector", "") if request.GET.get("sector") in Sector.values else "",
        group=request.GET.get("group", "")
        if request.GET.get("group") in ("new", "established")
        else "",
        sort=request.GET.get("sort", "betweenness"),
        descending=request.GET.get("dir", "desc") != "asc",
    )


@require_GET
def network_page(request: HttpRequest) -> HttpResponse:
    ref = scope_from_request(request)
    context: dict[str, Any] = {
        "neighbourhoods": Neighbourhood.objects.select_related("municipality"),
        "municipalities": Municipality.objects.all(),
        "alliances": visible_alliances(request.user).order_by("name"),
        "ref": ref,
        "sectors": Sector.choices,
        "measures": MEASURES,
        "tie_kinds": Tie.Kind.choices,
    }
    if ref is None:
        return render(request, "network/choose.html", context)
    audience = audience_for(request.user, ref)
    snapshot = services.request_snapshot(ref, audience)
    snapshot.refresh_from_db()
    filters = filters_from_request(request)
    result = snapshot.result or {}
    table = rows(result, filters)
    shown = {r["id"] for r in table}
    context |= dict(
        snapshot=snapshot,
        filters=filters,
        table=table,
        ties=edges(result, shown),
        health=health_sentences(result),
        network=result.get("network", {}),
        communities=result.get("communities", []),
        graph={
            "nodes": table,
            "edges": edges(result, shown),
        },
        suggestions=[
            s for s in result.get("suggestions", []) if s["source"] in shown or s["target"] in shown
        ][:10],
        actors=result.get("actors", {}),
        query=request.GET.urlencode(),
        counts=introduction_counts(ref.pk) if ref.scope == Scope.NEIGHBOURHOOD else None,
        can_broker=request.user.has_perm("network.broker_introductions"),
    )
    if request.htmx and request.GET.get("partial") == "status":  # type: ignore[attr-defined]
        return render(request, "network/page.html#status", context)
    return render(request, "network/page.html", context)


@require_GET
def network_export(request: HttpRequest, fmt: str) -> HttpResponse:
    ref = scope_from_request(request)
    if ref is None:
        raise Http404
    snapshot = NetworkSnapshot.objects.filter(
        scope=ref.scope, scope_id=ref.pk, audience=audience_for(request.user, ref)
    ).first()
    if snapshot is None or not snapshot.result:
        raise Http404
    table = rows(snapshot.result, filters_from_request(request))
    ties = edges(snapshot.result, {r["id"] for r in table})
    name = f"netzwerk-{ref.scope}-{ref.pk}"
    if fmt == "csv":
        body, content_type = exports.to_csv(table), "text/csv; charset=utf-8"
    elif fmt == "gexf":
        body, content_type = exports.to_gexf(table, ties), "application/gexf+xml; charset=utf-8"
    elif fmt == "graphml":
        body, content_type = exports.to_graphml(table, ties), "application/graphml+xml"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# ---------------------------------------------------------------- introductions


@login_required
@require_http_methods(["GET", "POST"])
def introduction_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    visible = visible_actors(user)
    first = visible.filter(pk=request.GET.get("first") or request.POST.get("first") or 0).first()
    second = visible.filter(pk=request.GET.get("second") or request.POST.get("second") or 0).first()
    if first is None or second is None:
        raise Http404
    reasons = request.GET.getlist("reason") or request.POST.getlist("reason")
    error = ""
    if request.method == "POST":
        try:
            introduction = services.propose_introduction(
                first, second, note=request.POST.get("note", ""), by=user, reasons=reasons
            )
        except ValidationError as caught:
            error = " ".join(caught.messages)
        else:
            messages.success(request, _("The introduction has been sent to both sides."))
            return redirect("network:introduction", pk=introduction.pk)
    return render(
        request,
        "network/introduction_new.html",
        {
            "first": first,
            "second": second,
            "reasons": reasons,
            "error": error,
            "note": request.POST.get("note", ""),
        },
    )


def _my_side(user: User, introduction: Introduction) -> Actor | None:
    mine = set(actors_of_user(user).values_list("pk", flat=True))
    for actor in (introduction.first, introduction.second):
        if actor.pk in mine:
            return actor
    if user.is_superuser:
        return None
    return None


@login_required
@require_http_methods(["GET", "POST"])
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    introduction = access_introduction(user, pk)
    side_actor = _my_side(user, introduction)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("accept", "decline"):
                if side_actor is None:
                    raise PermissionDenied
                services.answer_introduction(
                    introduction,
                    side_actor,
                    accept=action == "accept",
                    by=user,
                    reason=request.POST.get("reason", ""),
                )
            elif action == "withdraw":
                services.withdraw_introduction(introduction, by=user)
            elif action == "outcome":
                services.record_outcome(introduction, request.POST.get("outcome", ""), by=user)
            else:
                raise Http404
        except ValidationError as caught:
            messages.error(request, " ".join(caught.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("network:introduction", pk=pk)
    side = introduction.side_of(side_actor.pk) if side_actor else None
    contacts: list[ContactPerson] = []
    if introduction.status == Introduction.Status.ACCEPTED and side_actor is not None:
        other = introduction.second if side == "first" else introduction.first
        contacts = list(ContactPerson.objects.filter(actor=other))
    return render(
        request,
        "network/introduction_detail.html",
        {
            "introduction": introduction,
            "side_actor": side_actor,
            "my_answer": getattr(introduction, f"{side}_answer") if side else None,
            "contacts": contacts,
            "outcomes": [c for c in Introduction.Outcome.choices if c[0]],
        },
    )


@login_required
@require_GET
def introduction_list(request: HttpRequest) -> HttpResponse:
    introductions = introductions_for(_user(request))[:100]
    return render(request, "network/introductions.html", {"introductions": introductions})


@login_required
@require_POST
def opt_out(request: HttpRequest, slug: str) -> HttpResponse:
    actor = visible_actors(request.user).filter(slug=slug).first()
    if actor is None:
        raise Http404
    services.set_opt_out(actor, request.POST.get("opted_out") == "1", by=_user(request))
    messages.success(request, _("Saved."))
    return redirect(actor.get_absolute_url())
