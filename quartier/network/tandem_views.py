"""Pages of tandems (mentoring between organisations): the offers, asking for a tandem,
a coordinator's proposal with the network's suggestions, and the tandem page with answers,
logged meetings, completion and reviews."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.actors.selectors import actors_of_user, visible_actors
from quartier.events.models import Event
from quartier.events.selectors import access_event
from quartier.network import tandem_services
from quartier.network.forms import (
    AgreementForm,
    CompleteForm,
    DeclineForm,
    OfferForm,
    ReviewForm,
    SessionForm,
)
from quartier.network.models import MentoringOffer, Tandem
from quartier.network.selectors import (
    access_tandem,
    advice_hours,
    mentor_suggestions,
    mentoring_offers,
    tandems_for,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _errors(caught: ValidationError) -> str:
    return " ".join(caught.messages)


@login_required
@require_GET
def tandem_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    mine = list(actors_of_user(user))
    return render(
        request,
        "network/tandems.html",
        {
            "tandems": tandems_for(user)[:100],
            "offers": mentoring_offers(user)[:100],
            "my_established": [a for a in mine if a.is_established],
            "my_new": [a for a in mine if not a.is_established],
            "can_coordinate": user.has_perm("network.coordinate_tandems"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    actor = visible_actors(user).filter(slug=slug).first()
    if actor is None:
        raise Http404
    if not user.has_perm("network.offer_mentoring", actor):
        raise PermissionDenied
    offer = MentoringOffer.objects.filter(actor=actor).first()
    initial: dict[str, Any] = {}
    if offer:
        initial = {f: getattr(offer, f) for f in OfferForm.base_fields}
    form = OfferForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            tandem_services.save_mentoring_offer(actor, by=user, **form.cleaned_data)
        except ValidationError as caught:
            error = _errors(caught)
        else:
            messages.success(request, _("Your mentoring offer is saved."))
            return redirect("network:tandems")
    return render(
        request, "network/offer_form.html", {"actor": actor, "form": form, "error": error}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tandem_request(request: HttpRequest, offer_pk: int) -> HttpResponse:
    user = _user(request)
    offer = mentoring_offers(user).filter(pk=offer_pk).first()
    if offer is None:
        raise Http404
    mine = [a for a in actors_of_user(user) if not a.is_established]
    form = AgreementForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        mentee = next((a for a in mine if str(a.pk) == request.POST.get("mentee")), None)
        try:
            if mentee is None:
                raise ValidationError(_("Choose the actor that asks for the tandem."))
            tandem = tandem_services.request_tandem(
                mentee, offer.actor, by=user, **form.cleaned_data
            )
        except ValidationError as caught:
            error = _errors(caught)
        else:
            messages.success(request, _("Your request has been sent."))
            return redirect("network:tandem", pk=tandem.pk)
    return render(
        request,
        "network/tandem_request.html",
        {"offer": offer, "mine": mine, "form": form, "error": error},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tandem_propose(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.has_perm("network.coordinate_tandems"):
        raise PermissionDenied
    new_actors = visible_actors(user).filter(is_established=False).order_by("name")
    raw = request.GET.get("mentee") or request.POST.get("mentee") or ""
    mentee: Actor | None = new_actors.filter(pk=raw).first() if raw.isdigit() else None
    form = AgreementForm(request.POST or None)
    error = ""
    suggestions = mentor_suggestions(mentee, user) if mentee else []
    if request.method == "POST" and mentee is not None and form.is_valid():
        offer = mentoring_offers(user).filter(pk=request.POST.get("offer") or 0).first()
        try:
            if offer is None:
                raise ValidationError(_("Choose a mentor."))
            tandem = tandem_services.propose_tandem(
                offer.actor,
                mentee,
                by=user,
                confirmed=request.POST.get("confirmed") == "1",
                **form.cleaned_data,
            )
        except ValidationError as caught:
            error = _errors(caught)
        else:
            messages.success(request, _("The tandem has been proposed to both sides."))
            return redirect("network:tandem", pk=tandem.pk)
    return render(
        request,
        "network/tandem_propose.html",
        {
            "new_actors": new_actors,
            "mentee": mentee,
            "suggestions": suggestions,
            "offers": mentoring_offers(user) if mentee else [],
            "form": form,
            "error": error,
        },
    )


def _my_side(user: User, tandem: Tandem) -> Actor | None:
    mine = set(actors_of_user(user).values_list("pk", flat=True))
    for actor in (tandem.mentor, tandem.mentee):
        if actor.pk in mine:
            return actor
    return None


def _side(actor: Actor | None) -> Actor:
    if actor is None:
        raise PermissionDenied
    return actor


def _advice_hour(user: User, request: HttpRequest) -> Event:
    try:
        pk = int(request.POST.get("event", ""))
    except ValueError:
        raise ValidationError(_("Choose an advice hour.")) from None
    return access_event(user, pk)


@login_required
@require_http_methods(["GET", "POST"])
def tandem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    tandem = access_tandem(user, pk)
    side_actor = _my_side(user, tandem)
    forms: dict[str, Any] = {
        "decline_form": DeclineForm(),
        "session_form": SessionForm(initial={"held_on": timezone.localdate()}),
        "complete_form": CompleteForm(),
        "review_form": ReviewForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        form_class = {
            "decline": DeclineForm,
            "session": SessionForm,
            "complete": CompleteForm,
            "review": ReviewForm,
        }.get(action or "")
        bound: Form | None = form_class(request.POST) if form_class else None
        try:
            if bound is not None:
                forms[f"{action}_form"] = bound
                if not bound.is_valid():
                    raise ValidationError(_("Please check the form."))
            data: dict[str, Any] = bound.cleaned_data if bound is not None else {}
            if action == "accept":
                tandem_services.answer_tandem(tandem, _side(side_actor), accept=True, by=user)
            elif action == "decline":
                tandem_services.answer_tandem(
                    tandem, _side(side_actor), accept=False, by=user, **data
                )
            elif action == "session":
                tandem_services.log_session(tandem, by=user, **data)
            elif action == "complete":
                tandem_services.complete_tandem(tandem, by=user, actor=_side(side_actor), **data)
            elif action == "review":
                tandem_services.review_tandem(tandem, by=user, actor=_side(side_actor), **data)
            elif action == "withdraw":
                tandem_services.withdraw_tandem(tandem, by=user)
            elif action == "book":
                tandem_services.book_advice_hour(
                    tandem, _advice_hour(user, request), by=user, actor=_side(side_actor)
                )
            else:
                raise Http404
        except ValidationError as caught:
            messages.error(request, _errors(caught))
        else:
            messages.success(request, _("Saved."))
            return redirect("network:tandem", pk=pk)
        tandem = access_tandem(user, pk)
    side = tandem.side_of(side_actor.pk) if side_actor else None
    sessions = list(tandem.sessions.all())
    return render(
        request,
        "network/tandem_detail.html",
        {
            "tandem": tandem,
            "side_actor": side_actor,
            "side": side,
            "my_answer": getattr(tandem, f"{side}_answer") if side else None,
            "my_review": getattr(tandem, f"{side}_review") if side else "",
            "sessions": sessions,
            "total_minutes": sum(s.minutes for s in sessions),
            "advice_hours": (
                advice_hours(tandem, user)
                if side_actor and tandem.status == Tandem.Status.ACTIVE
                else []
            ),
            **forms,
        },
    )
