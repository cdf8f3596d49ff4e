from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.models import Actor
from quartier.actors.selectors import actors_of_user, visible_actors
from quartier.alliances import services
from quartier.alliances.diffs import compare_versions
from quartier.alliances.forms import (
    AgreementForm,
    AllianceFilterForm,
    AllianceForm,
    ClausesForm,
    GoalForm,
    LeaveForm,
    MeasureForm,
    MemberForm,
)
from quartier.alliances.invitation_views import invitations_on_alliance_page
from quartier.alliances.models import Agreement, Alliance, AllianceMember, Goal, Measure
from quartier.alliances.pdf import agreement_pdf
from quartier.alliances.rules import active_members_q, approvable_parties
from quartier.alliances.selectors import (
    access_agreement,
    access_alliance,
    access_alliance_member,
    agreements_of,
    alliances_for_list,
    invitations_for,
    members_of,
    missing_groups,
    strategy_of,
    strategy_progress,
)
from quartier.core.history import history_of
from quartier.core.pagination import paginate, query_without
from quartier.dialogue.threads import Thread
from quartier.dialogue.views import thread_context
from quartier.events.selectors import action_items_of_alliance, visible_events


def _active_actors(alliance: Alliance) -> QuerySet[Actor]:
    return Actor.objects.filter(
        pk__in=alliance.members.filter(active_members_q()).values("actor_id")
    ).order_by("name")


def _own_actors(request: HttpRequest) -> QuerySet[Actor]:
    if viewer(request).is_superuser:
        return Actor.objects.order_by("name")
    return actors_of_user(viewer(request))


@require_GET
def alliance_list(request: HttpRequest) -> HttpResponse:
    form = AllianceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, alliances_for_list(filters, viewer(request)))
    return render(
        request,
        "alliances/list.html",
        {
            "form": form,
            "page": page,
            "page_query": query_without(request),
            "total": page.paginator.count,
            "invitation_count": invitations_for(viewer(request)).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def alliance_create(request: HttpRequest) -> HttpResponse:
    initiators = _own_actors(request)
    if not initiators.exists():
        messages.info(request, _("To found an alliance, first register your actor or join one."))
        return redirect("actors:list")
    form = AllianceForm(request.POST or None, user=viewer(request), initiators=initiators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alliance = services.create_alliance(
                name=data["name"],
                purpose=data["purpose"],
                status=data["status"],
                is_public=data["is_public"],
                neighbourhoods=list(data["neighbourhoods"]),
                initiator=data["initiator"],
                by=signed_in(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The alliance has been founded."))
            return redirect(alliance)
    return render(request, "alliances/form.html", {"form": form, "heading": _("Found an alliance")})


@require_GET
def alliance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk)
    active, former = members_of(alliance)
    members_page = paginate(request, active, param="mitglieder")
    inside = viewer(request).has_perm("alliances.view_internal", alliance)
    can_steer = viewer(request).has_perm("alliances.change_alliance", alliance)
    goals = strategy_of(alliance) if inside else []
    context: dict[str, Any] = {
        "alliance": alliance,
        "members_page": members_page,
        "former": list(former[:FORMER_SHOWN]),
        "former_count": former.count(),
        "inside": inside,
        "can_steer": can_steer,
        "own_actor_ids": set(actors_of_user(viewer(request)).values_list("pk", flat=True)),
        "missing": missing_groups(alliance, viewer(request)),
        "invitations": invitations_on_alliance_page(request, alliance),
        "goals": goals,
        "progress": strategy_progress(goals),
        "agreements": agreements_of(alliance, viewer(request)),
        "history": history_of(alliance).select_related("user")[:20] if can_steer else [],
    }
    context |= _alliance_extras(request, alliance, inside)
    return render(request, "alliances/detail.html", context)


def _alliance_extras(request: HttpRequest, alliance: Alliance, inside: bool) -> dict[str, Any]:
    """What other areas add to the alliance page: its next events, the action items from
    its minutes and its discussion (the last two for members only)."""

    extras: dict[str, Any] = {
        "upcoming_events": list(
            visible_events(viewer(request))
            .filter(alliance=alliance, start__gte=timezone.now())
            .order_by("start")[:5]
        ),
        "action_items": list(
            action_items_of_alliance(alliance, viewer(request))[:ACTION_ITEMS_SHOWN]
        )
        if inside
        else [],
    }
    if inside:
        extras["checklist_runs"] = list(
            alliance.checklist_runs.select_related("actor").order_by("-updated_at")[:20]
        )
    extras |= thread_context(request, Thread(alliance=alliance))
    return extras


ACTION_ITEMS_SHOWN = 30
FORMER_SHOWN = 25


@login_required
@require_http_methods(["GET", "POST"])
def alliance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.change_alliance")
    form = AllianceForm(request.POST or None, instance=alliance, user=viewer(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_alliance(
                Alliance.objects.get(pk=alliance.pk),
                by=signed_in(request),
                neighbourhoods=list(data["neighbourhoods"]),
                name=data["name"],
                purpose=data["purpose"],
                status=data["status"],
                is_public=data["is_public"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The alliance has been saved."))
            return redirect(alliance)
    return render(
        request,
        "alliances/form.html",
        {"form": form, "heading": _("Edit alliance"), "alliance": alliance},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.change_alliance")
    neighbourhood_ids = [n.pk for n in alliance.neighbourhoods.all()]
    # Not every actor of the country: those of the alliance's neighbourhoods, the user's own,
    # and one chosen elsewhere (the "who is missing" hint links here with ?akteur=ID).
    chosen = request.POST.get("actor") or request.GET.get("akteur", "")
    candidates = visible_actors(viewer(request)).filter(
        Q(neighbourhoods__in=neighbourhood_ids)
        | Q(pk__in=_own_actors(request).values("pk"))
        | Q(pk=int(chosen) if chosen.isdigit() and len(chosen) < 18 else 0)
    )
    candidates = (
        candidates.exclude(pk__in=alliance.members.filter(left_on__isnull=True).values("actor_id"))
        .distinct()
        .order_by("name")
    )
    initial = {"joined_on": date.today(), "role": AllianceMember.Role.PARTNER}
    if chosen.isdigit():
        initial["actor"] = int(chosen)
    form = MemberForm(request.POST or None, actors=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member = services.add_member(
                alliance,
                actor=data.pop("actor"),
                role=data.pop("role"),
                by=signed_in(request),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if member.is_pending:
                messages.success(
                    request,
                    _(
                        "%(actor)s has been invited; it becomes a member when one of its "
                        "administrators accepts."
                    )
                    % {"actor": member.actor},
                )
            else:
                messages.success(request, _("The member has been added."))
            return redirect(alliance)
    return render(
        request,
        "alliances/form.html",
        {"form": form, "heading": _("Invite a member"), "alliance": alliance},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_alliance_member(viewer(request), member_id, "alliances.change_alliance")
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        fresh = AllianceMember.objects.select_related("alliance", "actor").get(pk=member.pk)
        try:
            services.update_member(fresh, by=signed_in(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect(member.alliance)
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "heading": _("Membership of %(actor)s") % {"actor": member.actor},
            "alliance": member.alliance,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_alliance_member(viewer(request), member_id)
    form = LeaveForm(request.POST or None, initial={"left_on": date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_alliance(member, by=signed_in(request), on=form.cleaned_data["left_on"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(actor)s has left the alliance.") % {"actor": member.actor}
            )
            return redirect(member.alliance)
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "heading": _("%(actor)s leaves the alliance") % {"actor": member.actor},
            "alliance": member.alliance,
            "submit": _("Leave"),
        },
    )


# Strategy ----------------------------------------------------------------------------------


@login_required
@require_GET
def strategy(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.view_internal")
    goals = strategy_of(alliance)
    return render(
        request,
        "alliances/strategy.html",
        {
            "alliance": alliance,
            "goals": goals,
            "progress": strategy_progress(goals),
            "can_steer": viewer(request).has_perm("alliances.change_alliance", alliance),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_form(request: HttpRequest, pk: int, goal_id: int | None = None) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.change_alliance")
    goal = Goal(alliance=alliance) if goal_id is None else alliance.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST":
        if request.POST.get("delete") and goal.pk:
            services.delete_goal(goal, by=signed_in(request))
            messages.success(request, _("The goal has been deleted."))
            return redirect("alliances:strategy", alliance.pk)
        if form.is_valid():
            try:
                services.save_goal(form.save(commit=False), by=signed_in(request))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The goal has been saved."))
                return redirect("alliances:strategy", alliance.pk)
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "heading": _("Goal"),
            "alliance": alliance,
            "can_delete": bool(goal.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_form(
    request: HttpRequest, pk: int, goal_id: int, measure_id: int | None = None
) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.change_alliance")
    goal = alliance.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    measure = (
        Measure(goal=goal) if measure_id is None else goal.measures.filter(pk=measure_id).first()
    )
    if measure is None:
        raise Http404
    form = MeasureForm(request.POST or None, instance=measure, owners=_active_actors(alliance))
    if request.method == "POST":
        if request.POST.get("delete") and measure.pk:
            services.delete_measure(measure, by=signed_in(request))
            messages.success(request, _("The measure has been deleted."))
            return redirect("alliances:strategy", alliance.pk)
        if form.is_valid():
            try:
                services.save_measure(form.save(commit=False), by=signed_in(request))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The measure has been saved."))
                return redirect("alliances:strategy", alliance.pk)
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "heading": _("Measure for “%(goal)s”") % {"goal": goal.title},
            "alliance": alliance,
            "can_delete": bool(measure.pk),
        },
    )


# Agreements --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = access_alliance(viewer(request), pk, "alliances.change_alliance")
    form = AgreementForm(request.POST or None, parties=_active_actors(alliance))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.draft_agreement(
                alliance,
                kind=data["kind"],
                title=data["title"],
                parties=list(data["parties"]),
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                by=signed_in(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement has been drafted from the template."))
            return redirect(agreement)
    return render(
        request,
        "alliances/form.html",
        {"form": form, "heading": _("Draft an agreement"), "alliance": alliance},
    )


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk)
    versions = list(agreement.versions.all())
    current = versions[-1]
    parties = list(agreement.parties.all())
    approved_ids = {a.party_id for a in current.approvals.all()}
    return render(
        request,
        "alliances/agreement.html",
        {
            "agreement": agreement,
            "alliance": agreement.alliance,
            "versions": versions,
            "current": current,
            "parties": [(p, p.pk in approved_ids) for p in parties],
            "can_edit": viewer(request).has_perm("alliances.change_agreement", agreement),
            "can_steer": viewer(request).has_perm("alliances.change_alliance", agreement.alliance),
            "approve_as": [
                p
                for p in approvable_parties(viewer(request), agreement)
                if p.pk not in approved_ids
            ]
            if agreement.status == Agreement.Status.NEGOTIATION
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk, "alliances.change_agreement")
    current = list(agreement.versions.all())[-1]
    form = ClausesForm(request.POST or None, clauses=current.clauses)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.revise_agreement(
                agreement,
                clauses=form.clauses(),
                note=form.cleaned_data["note"],
                by=signed_in(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s has been saved.") % {"number": version.number}
            )
            return redirect(agreement)
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "heading": _("Edit the clauses of “%(title)s”") % {"title": agreement.title},
            "alliance": agreement.alliance,
            "intro": _(
                "Saving creates a new version. Parties that approved an earlier version approve "
                "again. Empty a clause's heading and text to remove it."
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_terms(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk, "alliances.change_agreement")
    form = AgreementForm(
        request.POST or None,
        parties=_active_actors(agreement.alliance),
        with_kind=False,
        initial={
            "title": agreement.title,
            "parties": list(agreement.parties.all()),
            "valid_from": agreement.valid_from,
            "valid_until": agreement.valid_until,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_agreement_terms(
                agreement,
                by=signed_in(request),
                title=data["title"],
                parties=list(data["parties"]),
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect(agreement)
    return render(
        request,
        "alliances/form.html",
        {"form": form, "heading": _("Parties and period"), "alliance": agreement.alliance},
    )


@require_GET
def agreement_diff(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk)
    versions = {v.number: v for v in agreement.versions.all()}
    latest = max(versions)
    try:
        new = int(request.GET.get("zu", latest))
        old = int(request.GET.get("von", new - 1))
    except ValueError:
        new, old = latest, latest - 1
    if old not in versions or new not in versions:
        messages.error(request, _("These versions do not exist."))
        return redirect(agreement)
    return render(
        request,
        "alliances/diff.html",
        {
            "agreement": agreement,
            "alliance": agreement.alliance,
            "old": versions[old],
            "new": versions[new],
            "changes": compare_versions(versions[old], versions[new]),
            "numbers": sorted(versions),
        },
    )


@require_GET
def agreement_download(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk)
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vereinbarung-{agreement.pk}.pdf"'
    return response


@login_required
@require_POST
def agreement_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    agreement = access_agreement(viewer(request), pk)
    user = signed_in(request)
    try:
        if action == "verhandeln":
            services.open_negotiation(agreement, by=user)
            messages.success(request, _("The parties can now approve the agreement."))
        elif action == "zustimmen":
            party = next(
                (
                    p
                    for p in approvable_parties(user, agreement)
                    if str(p.pk) == request.POST.get("party")
                ),
                None,
            )
            if party is None:
                raise PermissionDenied
            version = request.POST.get("version", "")
            services.approve(
                agreement,
                party=party,
                version_number=int(version) if version.isdigit() else 0,
                by=user,
            )
            messages.success(request, _("%(party)s has approved.") % {"party": party})
        elif action == "kuendigen":
            services.terminate(agreement, by=user)
            messages.success(request, _("The agreement has been terminated."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(agreement)
