from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.models import Actor
from quartier.actors.selectors import actors_of_user
from quartier.core.history import history_of
from quartier.core.pagination import paginate, query_without
from quartier.core.selectors import access_progress
from quartier.imports import exports
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places import services
from quartier.places.agreements import agreement_pdf
from quartier.places.forms import PlaceFilterForm, PlaceForm, SpaceRequestForm
from quartier.places.matching import RankedMatch, places_for_request, requests_for_place
from quartier.places.models import (
    AVAILABLE_STATUSES,
    Match,
    Place,
    PlacePhoto,
    SpaceRequest,
    UseAgreement,
)
from quartier.places.selectors import (
    VACANCY_WINDOW_DAYS,
    access_match,
    access_place,
    access_request,
    places_for_list,
    vacancy_statistics,
    visible_requests,
)

MAP_LIMIT = 1000


def _editable_actors(request: HttpRequest) -> QuerySet[Actor]:
    """The actors a user may enter places and requests for: their own (all for admins)."""
    user = viewer(request)
    if user.is_authenticated and user.is_superuser:
        return Actor.objects.all()
    return actors_of_user(user)


@require_GET
def place_list(request: HttpRequest) -> HttpResponse:
    form = PlaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    places = places_for_list(filters)
    page = paginate(request, places)
    points = [
        {"name": p["name"], "url": f"/orte/{p['pk']}/", "lat": p["latitude"], "lon": p["longitude"]}
        for p in places.filter(latitude__isnull=False).values(
            "pk", "name", "latitude", "longitude"
        )[:MAP_LIMIT]
    ]
    return render(
        request,
        "places/list.html",
        {
            "form": form,
            "page": page,
            "points": points,
            "page_query": query_without(request),
            "total": page.paginator.count,
        },
    )


@require_GET
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = access_place(viewer(request), pk)
    can_edit = viewer(request).has_perm("places.change_place", place)
    return render(
        request,
        "places/detail.html",
        {
            "place": place,
            "can_edit": can_edit,
            "photo_form": PhotoForm() if can_edit else None,
            "matches": requests_for_place(place, visible_requests(viewer(request))),
        },
    )


def _with_match_ids(ranked: list[RankedMatch], space_request: SpaceRequest) -> list[RankedMatch]:
    asked = dict(space_request.matches.values_list("place_id", "pk"))
    for match in ranked:
        match.match_id = asked.get(match.place.pk)
    return ranked


def _place_form(request: HttpRequest, place: Place) -> HttpResponse:
    owners = Actor.objects.filter(
        Q(pk__in=_editable_actors(request).values("pk")) | Q(pk=place.owner_id or 0)
    )  # the actors the user acts for, and the current owner, which stays
    form = PlaceForm(request.POST or None, instance=place, owners=owners)
    return _save_form(
        request, form, services.save_place, _("The place has been saved."), _("Place")
    )


def _save_form(
    request: HttpRequest, form: forms.ModelForm, save: Any, saved: str, heading: str
) -> HttpResponse:
    """The form page of a place or a space request: shows the form, or saves it through
    `save` (a service) and goes to the saved record."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form.save(commit=False), by=signed_in(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect(record)
    return render(request, "places/form.html", {"form": form, "heading": heading})


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request: HttpRequest) -> HttpResponse:
    return _place_form(request, Place())


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _place_form(request, access_place(viewer(request), pk, "places.change_place"))


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    requests = visible_requests(viewer(request)).filter(status=SpaceRequest.Status.OPEN)
    page = paginate(request, requests.order_by("-current_place_ends", "-created_at"))
    return render(request, "places/request_list.html", {"page": page})


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space_request = access_request(viewer(request), pk)
    return render(
        request,
        "places/request_detail.html",
        {
            "space_request": space_request,
            "can_edit": viewer(request).has_perm("places.change_spacerequest", space_request),
            "matches": _with_match_ids(places_for_request(space_request), space_request),
        },
    )


def _request_form(request: HttpRequest, space_request: SpaceRequest) -> HttpResponse:
    form = SpaceRequestForm(
        request.POST or None, instance=space_request, actors=_editable_actors(request)
    )
    return _save_form(
        request,
        form,
        services.save_request,
        _("The space request has been saved."),
        _("Space request"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    return _request_form(request, SpaceRequest())


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    space_request = access_request(viewer(request), pk, "places.change_spacerequest")
    return _request_form(request, space_request)


@login_required
@require_POST
def match_propose(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    space_request = access_request(viewer(request), pk)
    place = access_place(viewer(request), place_pk)
    try:
        match = services.propose_match(space_request, place, by=signed_in(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(space_request)
    messages.success(request, _("The place has been asked for. The owner side answers here."))
    return redirect(match)


@login_required
@require_GET
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = access_match(viewer(request), pk)
    return render(
        request,
        "places/match_detail.html",
        {
            "match": match,
            "actions": services.allowed_actions(match, signed_in(request)),
            "agreement": UseAgreement.objects.filter(match=match).first(),
            "history": list(history_of(match)[:20]),
        },
    )


@login_required
@require_POST
def match_advance(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match = access_match(viewer(request), pk)
    try:
        services.advance_match(
            match, action, by=signed_in(request), reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Saved: %(status)s.")
            % {"status": Match.objects.get(pk=match.pk).get_status_display()},
        )
    return redirect(match)


@login_required
@require_GET
def agreement_download(request: HttpRequest, pk: int) -> HttpResponse:
    match = access_match(viewer(request), pk)
    agreement = (
        UseAgreement.objects.select_related("place__owner", "match__request__actor")
        .filter(match=match)
        .first()
    )
    if agreement is None:
        raise Http404
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="zwischennutzungsvereinbarung-{match.pk}.pdf"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def assignment_start(request: HttpRequest) -> HttpResponse:
    """A broker matches a whole neighbourhood: the optimal assignment runs as a background
    task; the result comes back for review before anything is sent out."""
    user = signed_in(request)
    neighbourhoods = (
        Neighbourhood.objects.select_related("municipality")
        if user.is_superuser
        else Neighbourhood.objects.filter(managers=user).select_related("municipality")
    )
    if request.method == "POST":
        neighbourhood = neighbourhoods.filter(pk=request.POST.get("neighbourhood") or 0).first()
        if neighbourhood is None:
            raise PermissionDenied
        progress = services.start_neighbourhood_assignment(neighbourhood, by=user)
        return redirect("core:task_progress", progress_id=progress.pk)
    return render(request, "places/assignment_start.html", {"neighbourhoods": neighbourhoods})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_review(request: HttpRequest, progress_id: str) -> HttpResponse:
    progress = access_progress(viewer(request), progress_id, done=True)
    if request.method == "POST":
        report = services.send_assignment(progress, by=signed_in(request))
        messages.success(
            request, _("%(count)s proposals have been sent out.") % {"count": report.sent}
        )
        for skipped in report.skipped:
            messages.warning(
                request,
                _("Not sent: “%(request)s” – “%(place)s”: %(reason)s")
                % {"request": skipped.request, "place": skipped.place, "reason": skipped.reason},
            )
        return redirect("places:list")
    return render(
        request,
        "places/assignment_review.html",
        {"progress": progress, "result": progress.result or {}},
    )


@require_GET
def vacancy_register(request: HttpRequest) -> HttpResponse:
    """The vacancy register: statistics per neighbourhood, map and table of vacant places."""
    form = PlaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    vacant = places_for_list(filters).filter(status__in=AVAILABLE_STATUSES)
    page = paginate(request, vacant)
    points = [
        {"name": p["name"], "url": f"/orte/{p['pk']}/", "lat": p["latitude"], "lon": p["longitude"]}
        for p in vacant.filter(latitude__isnull=False).values(
            "pk", "name", "latitude", "longitude"
        )[:MAP_LIMIT]
    ]
    return render(
        request,
        "places/vacancies.html",
        {
            "form": form,
            "page": page,
            "points": points,
            "page_query": query_without(request),
            "statistics": vacancy_statistics(filters),
            "window": VACANCY_WINDOW_DAYS,
        },
    )


@require_GET
def vacancy_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    form = PlaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    vacant = places_for_list(filters).filter(status__in=AVAILABLE_STATUSES)
    return exports.export_response(request, exports.PLACES, vacant, fmt)


class PhotoForm(forms.ModelForm):
    class Meta:
        model = PlacePhoto
        fields = ["image", "description"]


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    place = access_place(viewer(request), pk, "places.change_place")
    form = PhotoForm(request.POST, request.FILES, instance=PlacePhoto(place=place))
    if form.is_valid():
        try:
            services.add_photo(form.save(commit=False), by=signed_in(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The photo has been added."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(place)


@login_required
@require_POST
def photo_delete(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = PlacePhoto.objects.select_related("place").filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    services.delete_photo(photo, by=signed_in(request))
    messages.success(request, _("The photo has been removed."))
    return redirect(photo.place)
