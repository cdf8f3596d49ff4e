from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors import services
from quartier.actors.complements import complements_for
from quartier.actors.forms import (
    ActorForm,
    ContactFormSet,
    DirectoryFilterForm,
    MemberForm,
    ResourceFormSet,
    TieForm,
)
from quartier.actors.models import Invitation, Membership, Tie
from quartier.actors.selectors import (
    access_actor,
    access_tie,
    actors_for_directory,
    actors_of_user,
    ties_of,
)
from quartier.core.history import history_of
from quartier.core.pagination import paginate, query_without

MAP_LIMIT = 1000


def _error_messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    actors = actors_for_directory(form.to_filters(), viewer(request))
    page = paginate(request, actors)
    as_map = request.GET.get("ansicht") == "karte"
    map_points = []
    if as_map:
        map_points = [
            {
                "name": a["name"],
                "url": f"/akteure/{a['slug']}/",
                "lat": a["latitude"],
                "lon": a["longitude"],
            }
            for a in actors.filter(latitude__isnull=False, longitude__isnull=False).values(
                "name", "slug", "latitude", "longitude"
            )[:MAP_LIMIT]
        ]
    return render(
        request,
        "actors/list.html",
        {
            "form": form,
            "page": page,
            "as_map": as_map,
            "map_points": map_points,
            "filter_query": query_without(request, "ansicht"),
            "page_query": query_without(request),
            "without_neighbourhood": query_without(request, "neighbourhood"),
            "total": page.paginator.count,
        },
    )


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access_actor(viewer(request), slug)
    user = viewer(request)
    can_edit = user.has_perm("actors.change_actor", actor)
    ties = list(ties_of(actor, user))
    answerable = {
        t.pk
        for t in ties
        if t.status == Tie.Status.UNCONFIRMED and user.has_perm("actors.answer_tie", t)
    }
    visible_ties = [t for t in ties if t.status == Tie.Status.CONFIRMED or can_edit]
    contacts = [c for c in actor.contacts.all() if c.public_consent or can_edit]
    my_actors = [a for a in actors_of_user(user) if a.pk != actor.pk]
    return render(
        request,
        "actors/detail.html",
        {
            "actor": actor,
            "can_edit": can_edit,
            "can_manage_members": user.has_perm("actors.manage_members", actor),
            "offers": [r for r in actor.resources.all() if r.direction == "offer"],
            "needs": [r for r in actor.resources.all() if r.direction == "need"],
            "contacts": contacts,
            "ties": visible_ties,
            "answerable": answerable,
            "tie_form": TieForm() if my_actors else None,
            "my_actors": my_actors,
            "member_form": MemberForm(),
            "invitations": list(actor.invitations.filter(accepted_at__isnull=True))
            if user.has_perm("actors.manage_members", actor)
            else [],
            "history": list(history_of(actor)[:20]) if can_edit else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_create(request: HttpRequest) -> HttpResponse:
    form = ActorForm(request.POST or None, request.FILES or None)
    resources = ResourceFormSet(request.POST or None, prefix="resources")
    if request.method == "POST" and form.is_valid() and resources.is_valid():
        actor = form.save(commit=False)
        form.apply_established(actor)
        try:
            services.create_actor(
                actor,
                by=signed_in(request),
                m2m=form.m2m_values(),
                resources=_resources_from(resources),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The actor “%(name)s” has been created.") % {"name": actor.name}
            )
            return redirect(actor)
    return render(
        request, "actors/form.html", {"form": form, "resources": resources, "creating": True}
    )


def _resources_from(formset: Any) -> list[Any]:
    return [
        f.save(commit=False)
        for f in formset.forms
        if f.has_changed() and f.is_valid() and not f.cleaned_data.get("DELETE")
    ]


def _contacts_from(formset: Any) -> list[Any]:
    """The contact persons the edit page keeps: the unchanged, the changed and the new ones."""
    return [
        f.save(commit=False)
        for f in formset.forms
        if (f.instance.pk or f.has_changed()) and not f.cleaned_data.get("DELETE")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access_actor(viewer(request), slug, "actors.change_actor")
    form = ActorForm(request.POST or None, request.FILES or None, instance=actor)
    resources = ResourceFormSet(request.POST or None, instance=actor, prefix="resources")
    contacts = ContactFormSet(request.POST or None, instance=actor, prefix="contacts")
    if (
        request.method == "POST"
        and form.is_valid()
        and resources.is_valid()
        and contacts.is_valid()
    ):
        actor = form.save(commit=False)
        form.apply_established(actor)
        kept = [
            f.instance
            for f in resources.forms
            if f.instance.pk and not f.cleaned_data.get("DELETE")
        ]
        new = [r for r in _resources_from(resources) if not r.pk]
        try:
            services.update_actor(
                actor,
                by=signed_in(request),
                m2m=form.m2m_values(),
                resources=[*kept, *new],
                contacts=_contacts_from(contacts),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(actor)
    return render(
        request,
        "actors/form.html",
        {"form": form, "resources": resources, "contacts": contacts, "actor": actor},
    )


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access_actor(viewer(request), slug, "actors.manage_members")
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_member(
                actor,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                by=signed_in(request),
                absolute_url=request.build_absolute_uri,
            )
            # the same answer for every address: it does not tell who is registered
            messages.success(
                request,
                _(
                    "An invitation has been sent by e-mail; the person becomes a member on "
                    "accepting it."
                ),
            )
        except ValidationError as error:
            messages.error(request, _error_messages(error))
    else:
        messages.error(request, _("Please give a valid e-mail address and a role."))
    return redirect(actor)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    actor = access_actor(viewer(request), slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "actor"), pk=membership_id, actor=actor
    )
    try:
        services.remove_member(membership, by=signed_in(request))
        messages.success(request, _("The member has been removed."))
    except ValidationError as error:
        messages.error(request, _error_messages(error))
    return redirect(actor)


@login_required
@require_POST
def tie_propose(request: HttpRequest, slug: str) -> HttpResponse:
    target = access_actor(viewer(request), slug)
    form = TieForm(request.POST)
    source = actors_of_user(viewer(request)).filter(pk=request.POST.get("source") or 0).first()
    if source is None:
        messages.error(request, _("Choose one of your actors."))
        return redirect(target)
    if not form.is_valid():
        messages.error(
            request,
            _("Please check the tie: %(errors)s")
            % {"errors": " ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
        return redirect(target)
    tie = form.save(commit=False)
    tie.source, tie.target = source, target
    try:
        services.propose_tie(tie, by=signed_in(request))
        messages.success(
            request,
            _("The tie has been proposed. It stays unconfirmed until “%(name)s” confirms it.")
            % {"name": target.name},
        )
    except ValidationError as error:
        messages.error(request, _error_messages(error))
    return redirect(target)


@login_required
@require_POST
def tie_answer(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = access_tie(viewer(request), tie_id, "actors.answer_tie")
    confirm = request.POST.get("answer") == "confirm"
    try:
        services.answer_tie(tie, confirm=confirm, by=signed_in(request))
        messages.success(
            request,
            _("The tie has been confirmed.") if confirm else _("The tie has been rejected."),
        )
    except ValidationError as error:
        messages.error(request, _error_messages(error))
    answering = tie.target if tie.claimed_by_id == tie.source_id else tie.source
    return redirect(answering)


@login_required
@require_POST
def tie_delete(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = access_tie(viewer(request), tie_id, "actors.delete_tie")
    back = request.POST.get("back_to")
    services.delete_tie(tie, by=signed_in(request))
    messages.success(request, _("The tie has been deleted."))
    source = tie.source if back != str(tie.target_id) else tie.target
    return redirect(source)


@login_required
@require_GET
def complement_search(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access_actor(viewer(request), slug, "actors.change_actor")
    return render(
        request,
        "actors/complements.html",
        {
            "actor": actor,
            "complements": complements_for(actor, viewer(request)),
            "needs": [r for r in actor.resources.all() if r.direction == "need"],
        },
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: log in or register, then accept."""
    open_invitation = services.open_invitation(token)
    if request.method == "POST" and viewer(request).is_authenticated:
        try:
            membership = services.accept_invitation(token, by=signed_in(request))
        except ValidationError as error:
            messages.error(request, _error_messages(error))
        else:
            messages.success(
                request,
                _("Welcome: you are now a member of “%(name)s”.") % {"name": membership.actor.name},
            )
            return redirect(membership.actor)
    return render(request, "actors/invitation.html", {"invitation": open_invitation})


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    actor = access_actor(viewer(request), slug)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, actor=actor, accepted_at__isnull=True
    )
    services.revoke_invitation(invitation, by=signed_in(request))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect(actor)
