import calendar as month_calendar
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import Viewer, signed_in, viewer
from quartier.actors.selectors import actors_of_user
from quartier.alliances.models import Alliance
from quartier.core.markup import render_markdown
from quartier.core.pagination import paginate, query_without
from quartier.dialogue.threads import Thread
from quartier.dialogue.views import thread_context
from quartier.events import ical, selectors, services
from quartier.events.forms import (
    ActionItemForm,
    CalendarFilterForm,
    EventForm,
    MinutesForm,
    SeriesForm,
)
from quartier.events.models import Event, FeedToken, Minutes, Series
from quartier.neighbourhoods.models import Neighbourhood

TASKS_URL = "/termine/aufgaben/"


def _filters(request: HttpRequest) -> tuple[CalendarFilterForm, dict[str, Any], str]:
    form = CalendarFilterForm(request.GET or None, user=viewer(request))
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    return form, filters, query_without(request, "monat")


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The calendar as a list: upcoming events (or past ones with ?vergangen=1)."""
    form, filters, query = _filters(request)
    past = request.GET.get("vergangen") == "1"
    now = timezone.now()
    events = selectors.events_for_calendar(filters, viewer(request))
    events = (
        events.filter(end__lt=now).order_by("-start", "-pk")
        if past
        else events.filter(end__gte=now)
    )
    page = paginate(request, events)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "page_query": query,
            "past": past,
            "total": page.paginator.count,
            "month_url": reverse("events:month") + (f"?{query}" if query else ""),
        },
    )


def _month_of(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    value = request.GET.get("monat", "")
    try:
        year, month = (int(part) for part in value.split("-"))
        if 1 <= month <= 12 and 1900 <= year <= 9999:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


@require_GET
def event_month(request: HttpRequest) -> HttpResponse:
    """The calendar as a month: a table of weeks, one column per weekday."""
    form, filters, query = _filters(request)
    year, month = _month_of(request)
    first, following = selectors.month_bounds(year, month)
    events = selectors.events_for_calendar(
        {**filters, "start_from": first, "start_before": following}, viewer(request)
    )
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        day = timezone.localtime(event.start).date()
        by_day.setdefault(max(day, first.date()), []).append(event)
    today = timezone.localdate()
    weeks = [
        [
            {"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
            for day in week
        ]
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = (first - datetime.timedelta(days=1)).date()
    following_day = following.date()
    suffix = f"&{query}" if query else ""
    return render(
        request,
        "events/month.html",
        {
            "form": form,
            "weeks": weeks,
            "month_start": first.date(),
            "today": today,
            "count": sum(len(v) for v in by_day.values()),
            "previous_url": f"?monat={previous:%Y-%m}{suffix}",
            "next_url": f"?monat={following_day:%Y-%m}{suffix}",
            "previous_month": previous,
            "next_month": following_day,
            "list_url": reverse("events:list") + (f"?{query}" if query else ""),
            "page_query": query,
        },
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk)
    user = viewer(request)
    registration = selectors.registration_of(event, user)
    can_see_minutes = user.has_perm("events.view_minutes", event)
    minutes = Minutes.objects.filter(event=event).first() if can_see_minutes else None
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "organisers": list(event.organisers.all()),
            "agenda": render_markdown(event.agenda) if event.agenda else "",
            "can_edit": user.has_perm("events.change_event", event),
            "can_register": user.has_perm("events.register", event),
            "can_write_minutes": user.has_perm("events.change_minutes", event),
            "can_see_minutes": can_see_minutes,
            "registration": registration,
            "position": services.waiting_position(registration) if registration else None,
            "free_seats": (
                max(0, event.capacity - event.seats_taken)  # type: ignore[attr-defined]
                if event.capacity is not None
                else None
            ),
            "minutes": minutes,
            "minutes_html": render_markdown(minutes.text) if minutes and minutes.text else "",
            "action_items": (
                list(selectors.action_items_of_event(event)) if can_see_minutes else []
            ),
            "my_actors": list(actors_of_user(user)),
            **thread_context(request, Thread(event=event)),
        },
    )


def _event_form(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, user=viewer(request))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.save_event(
                form.save(commit=False),
                organisers=form.cleaned_data["organisers"],
                by=signed_in(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    heading = _("Edit event") if event.pk else _("New event")
    return render(request, "events/form.html", {"form": form, "heading": heading})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, Event())


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk, "events.change_event")
    return _event_form(request, Event.objects.get(pk=event.pk))


def _series_form(request: HttpRequest, series: Series) -> HttpResponse:
    form = SeriesForm(request.POST or None, instance=series, user=viewer(request))
    if request.method == "POST" and form.is_valid():
        try:
            series = services.save_series(
                form.save(commit=False),
                organisers=form.cleaned_data["organisers"],
                by=signed_in(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "rrule" in error.error_dict:
                form.add_error("rrule_text", error.error_dict["rrule"])
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The series has been saved."))
            first = (
                series.occurrences.filter(end__gte=timezone.now()).order_by("start").first()
                or series.occurrences.order_by("start").first()
            )
            return redirect(first or "events:list")
    heading = _("Edit series") if series.pk else _("New series")
    return render(request, "events/form.html", {"form": form, "heading": heading, "series": True})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    return _series_form(request, Series())


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _series_form(
        request, selectors.access_series(viewer(request), pk, "events.change_event")
    )


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk)
    actor = None
    if request.POST.get("actor"):
        actor = actors_of_user(viewer(request)).filter(pk=request.POST["actor"]).first()
    try:
        registration = services.register(event, by=signed_in(request), actor=actor)
    except PermissionDenied:
        messages.error(request, _("Registration is not possible for this event."))
        return redirect(event)
    if registration.status == registration.Status.WAITING:
        messages.success(
            request,
            _("The event is full: you are number %(position)s on the waiting list.")
            % {"position": services.waiting_position(registration)},
        )
    else:
        messages.success(request, _("You are registered."))
    return redirect(event)


@login_required
@require_POST
def cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk)
    if services.cancel_registration(event, by=signed_in(request)) is not None:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event)


@login_required
@require_GET
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk, "events.view_registrations")
    page = paginate(request, selectors.registrations_of(event))
    return render(request, "events/registrations.html", {"event": event, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk, "events.change_minutes")
    minutes = Minutes.objects.filter(event=event).first()
    initial = {"text": minutes.text, "decisions": "\n".join(minutes.decisions)} if minutes else {}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_minutes(
            event,
            text=form.cleaned_data["text"],
            decisions=form.decision_list(),
            by=signed_in(request),
        )
        messages.success(request, _("The minutes have been saved."))
        return redirect("events:minutes", pk=event.pk)
    return render(request, "events/minutes.html", _minutes_context(event, form, None))


def _minutes_context(event: Event, form: MinutesForm, item_form: ActionItemForm | None) -> dict:
    return {
        "event": event,
        "form": form,
        "item_form": item_form
        or ActionItemForm(
            owners=services.possible_owners(event),
            actors=services.owner_actors(event),
            prefix="item",
        ),
        "action_items": list(selectors.action_items_of_event(event)),
    }


@login_required
@require_POST
def action_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(viewer(request), pk, "events.change_minutes")
    item_form = ActionItemForm(
        request.POST,
        owners=services.possible_owners(event),
        actors=services.owner_actors(event),
        prefix="item",
    )
    if item_form.is_valid():
        try:
            services.add_action_item(event, by=signed_in(request), **item_form.cleaned_data)
        except ValidationError as error:
            item_form.add_error(None, error)
        else:
            messages.success(request, _("The task has been added."))
            return redirect("events:minutes", pk=event.pk)
    minutes = Minutes.objects.filter(event=event).first()
    form = MinutesForm(
        initial={"text": minutes.text, "decisions": "\n".join(minutes.decisions)} if minutes else {}
    )
    return render(request, "events/minutes.html", _minutes_context(event, form, item_form))


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.action_items_of_user(viewer(request)))
    return render(request, "events/tasks.html", {"page": page, "today": timezone.localdate()})


@login_required
@require_POST
def action_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.access_action_item(viewer(request), pk)
    try:
        services.set_action_item_status(item, request.POST.get("status", ""), by=signed_in(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task has been updated."))
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/termine/") else TASKS_URL)


# --- iCalendar ---------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _feed_events(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("series__place").order_by("start", "pk")


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    return _ics(ical.single(selectors.access_event(viewer(request), pk)), f"termin-{pk}.ics")


@require_GET
def neighbourhood_feed(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood, slug=slug)
    events = _feed_events(selectors.events_for_neighbourhood_feed(neighbourhood.pk))
    return _ics(ical.calendar(events, f"Quartier – {neighbourhood.name}"), f"{slug}.ics")


@require_GET
def alliance_feed(request: HttpRequest, pk: int, token: str = "") -> HttpResponse:
    """The public events of an alliance; with a member's feed token all of them."""
    alliance = get_object_or_404(Alliance, pk=pk)
    reader: Viewer = viewer(request)
    if token:
        feed = FeedToken.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        reader = feed.user
    if not alliance.is_public and not reader.has_perm("alliances.view_alliance", alliance):
        raise Http404
    events = _feed_events(selectors.events_for_alliance_feed(alliance, reader))
    return _ics(ical.calendar(events, f"Quartier – {alliance.name}"), f"allianz-{pk}.ics")


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = FeedToken.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = _feed_events(selectors.events_for_personal_feed(feed.user))
    return _ics(ical.calendar(events, _("Quartier – my events")), "meine-termine.ics")


@require_http_methods(["GET", "POST"])
def feeds(request: HttpRequest) -> HttpResponse:
    """Calendar subscriptions: every neighbourhood's public calendar for everyone, the personal
    and the alliances' inside calendars for a signed-in person."""
    neighbourhoods = paginate(request, Neighbourhood.objects.order_by("name", "pk"))
    context: dict[str, Any] = {"neighbourhoods": neighbourhoods}
    if request.user.is_authenticated:
        user = signed_in(request)
        if request.method == "POST":
            services.renew_feed_token(user)
            messages.success(request, _("New feed addresses: the old ones no longer work."))
            return redirect("events:feeds")
        token = services.feed_token_for(user).token
        inside = selectors.inside_alliance_ids(user)
        context["personal_path"] = reverse("events:personal_feed", args=[token])
        context["alliances"] = [
            (a, reverse("events:alliance_member_feed", args=[a.pk, token]))
            for a in Alliance.objects.filter(pk__in=inside).order_by("name")
        ]
    elif request.method == "POST":
        return redirect_to_login(request.get_full_path())
    return render(request, "events/feeds.html", context)
