from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.models import User
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
from quartier.actors.models import Actor, Invitation, Membership, Tie
from quartier.actors.selectors import (
    actor_for_profile,
    actors_for_directory,
    actors_of_user,
    ties_of,
)
from quartier.core.history import history_of
from quartier.core.pagination import paginate

MAP_LIMIT = 1000


def _visible_actor(request: HttpRequest, slug: str) -> Actor:
    actor = actor_for_profile(slug, request.user)
    if actor is None or not request.user.has_perm("actors.view_actor", actor):
        raise Http404
    return actor


def _editable_actor(request: HttpRequest, slug: str) -> Actor:
    actor = _visible_actor(request, slug)
    if not request.user.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    return actor


def _error_messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # views that write require login
    return request.user


@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    actors = actors_for_directory(form.to_filters(), request.user)
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
    query = request.GET.copy()
    query.pop("seite", None)
    without_neighbourhood = query.copy()
    without_neighbourhood.pop("neighbourhood", None)
    page_query = query.urlencode()
    query.pop("ansicht", None)
    return render(
        request,
        "actors/list.html",
        {
            "form": form,
            "page": page,
            "as_map": as_map,
            "map_points": map_points,
            "filter_query": query.urlencode(),
            "page_query": page_query,
            "without_neighbourhood": without_neighbourhood.urlencode(),
            "total": page.paginator.count,
        },
    )


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _visible_actor(request, slug)
    user = request.user
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
            with transaction.atomic():
                services.create_actor(
                    actor,
                    by=_user(request),
                    m2m={
                        "topics": form.cleaned_data["topics"],
                        "neighbourhoods": form.cleaned_data["neighbourhoods"],
                    },
                )
                services.replace_resources(actor, _resources_from(resources), by=_user(request))
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


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _editable_actor(request, slug)
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
        try:
            with transaction.atomic():
                # Resources first: changing the neighbourhoods may end a manager's right.
                new = [r for r in _resources_from(resources) if not r.pk]
                services.replace_resources(actor, [*kept, *new], by=_user(request))
                contacts.save()
                services.update_actor(
                    actor,
                    by=_user(request),
                    m2m={
                        "topics": form.cleaned_data["topics"],
                        "neighbourhoods": form.cleaned_data["neighbourhoods"],
                    },
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
    actor = _visible_actor(request, slug)
    if not request.user.has_perm("actors.manage_members", actor):
        raise PermissionDenied
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_member(
                actor,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                by=_user(request),
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
    actor = _visible_actor(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "actor"), pk=membership_id, actor=actor
    )
    try:
        services.remove_member(membership, by=_user(request))
        messages.success(request, _("The member has been removed."))
    except ValidationError as error:
        messages.error(request, _error_messages(error))
    return redirect(actor)


@login_required
@require_POST
def tie_propose(request: HttpRequest, slug: str) -> HttpResponse:
    target = _visible_actor(request, slug)
    form = TieForm(request.POST)
    source = actors_of_user(request.user).filter(pk=request.POST.get("source") or 0).first()
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
        services.propose_tie(tie, by=_user(request))
        messages.success(
            request,
            _("The tie has been proposed. It stays unconfirmed until “%(name)s” confirms it.")
            % {"name": target.name},
        )
    except ValidationError as error:
        messages.error(request, _error_messages(error))
    return redirect(target)


def _tie_for(request: HttpRequest, tie_id: int) -> Tie:
    return get_object_or_404(Tie.objects.select_related("source", "target"), pk=tie_id)


@login_required
@require_POST
def tie_answer(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = _tie_for(request, tie_id)
    if not request.user.has_perm("actors.answer_tie", tie):
        raise PermissionDenied
    confirm = request.POST.get("answer") == "confirm"
    try:
        services.answer_tie(tie, confirm=confirm, by=_user(request))
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
    tie = _tie_for(request, tie_id)
    if not request.user.has_perm("actors.delete_tie", tie):
        raise PermissionDenied
    back = request.POST.get("back_to")
    services.delete_tie(tie, by=_user(request))
    messages.success(request, _("The tie has been deleted."))
    source = tie.source if back != str(tie.target_id) else tie.target
    return redirect(source)


@login_required
@require_GET
def complement_search(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _editable_actor(request, slug)
    return render(
        request,
        "actors/complements.html",
        {
            "actor": actor,
            "complements": complements_for(actor, request.user),
            "needs": [r for r in actor.resources.all() if r.direction == "need"],
        },
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: log in or register, then accept."""
    open_invitation = services.open_invitation(token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.accept_invitation(token, by=_user(request))
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
    actor = _visible_actor(request, slug)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, actor=actor, accepted_at__isnull=True
    )
    services.revoke_invitation(invitation, by=_user(request))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect(actor)
