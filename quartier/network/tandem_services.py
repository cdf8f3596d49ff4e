"""Tandems: mentoring between organisations – offers, requests, proposals that a person
confirms, sessions, completion and reviews, reminders."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.history import record_change
from quartier.core.notifications import notify
from quartier.events import services as event_services
from quartier.events.models import Event, Registration
from quartier.network.models import (
    SESSION_STEP_MINUTES,
    TANDEM_CHECK_IN_MONTHS,
    TANDEM_QUIET_WEEKS,
    TANDEM_REQUEST_REMINDER_DAYS,
    MentoringOffer,
    Tandem,
    TandemSession,
)
from quartier.network.selectors import advice_hours
from quartier.network.services import _users_of

# ---------------------------------------------------------------- tandems


def _can_act_for(by: User, actor: Actor) -> bool:
    return bool(by.has_perm("actors.change_actor", actor))


@transaction.atomic
def save_mentoring_offer(
    actor: Actor,
    *,
    by: User,
    topics: str,
    capacity: int,
    languages: str = "Deutsch",
    available_from: date | None = None,
    available_until: date | None = None,
    note: str = "",
    active: bool = True,
) -> MentoringOffer:
    """An established actor offers (or changes, or pauses) its mentoring."""
    if not by.has_perm("network.offer_mentoring", actor):
        raise PermissionDenied
    if not actor.is_established:
        raise ValidationError(_("Only an established actor can offer mentoring."))
    if not topics.strip():
        raise ValidationError({"topics": _("Name at least one topic.")})
    if not 1 <= capacity <= 10:
        raise ValidationError({"capacity": _("Between 1 and 10 tandems at the same time.")})
    if available_from and available_until and available_until < available_from:
        raise ValidationError({"available_until": _("The period ends before it begins.")})
    offer, created = MentoringOffer.objects.update_or_create(
        actor=actor,
        defaults={
            "topics": topics.strip()[:300],
            "capacity": capacity,
            "languages": languages.strip()[:100] or "Deutsch",
            "available_from": available_from,
            "available_until": available_until,
            "note": note.strip(),
            "active": active,
        },
    )
    record_change(
        offer,
        by=by,
        action="created" if created else "changed",
        changes={"topics": offer.topics, "capacity": capacity, "active": active},
    )
    return offer


def _check_agreement(goals: str, months: int, rhythm: str) -> None:
    if not goals.strip():
        raise ValidationError({"goals": _("Describe the goals of the tandem.")})
    if not 3 <= months <= 12:
        raise ValidationError({"months": _("A tandem runs for 3 to 12 months.")})
    if rhythm not in Tandem.Rhythm.values:
        raise ValidationError({"rhythm": _("Choose a meeting rhythm.")})


def _open_offer(mentor: Actor) -> MentoringOffer:
    offer = MentoringOffer.objects.filter(actor=mentor, active=True).first()
    if offer is None:
        raise ValidationError(_("%(name)s does not offer mentoring.") % {"name": mentor.name})
    today = timezone.localdate()
    if offer.available_until and offer.available_until < today:
        raise ValidationError(
            _("The mentoring offer of %(name)s has ended.") % {"name": mentor.name}
        )
    return offer


def _active_count(mentor: Actor) -> int:
    return Tandem.objects.filter(mentor=mentor, status=Tandem.Status.ACTIVE).count()


def _create_tandem(tandem: Tandem) -> Tandem:
    if tandem.mentor_id == tandem.mentee_id:
        raise ValidationError(_("A tandem connects two different actors."))
    tandem.low, tandem.high = sorted((tandem.mentor_id, tandem.mentee_id))
    if tandem.neighbourhood_id is None:
        shared = tandem.mentor.neighbourhoods.filter(pk__in=tandem.mentee.neighbourhoods.all())
        first = shared.order_by("pk").first()
        tandem.neighbourhood_id = first.pk if first else None
    try:
        with transaction.atomic():
            tandem.save()
    except IntegrityError as error:
        raise ValidationError(_("These two actors already have an open tandem.")) from error
    return tandem


def _tandem_url(tandem: Tandem) -> str:
    return reverse("network:tandem", args=[tandem.pk])


@transaction.atomic
def request_tandem(
    mentee: Actor,
    mentor: Actor,
    *,
    by: User,
    goals: str,
    months: int = 6,
    rhythm: str = Tandem.Rhythm.MONTHLY,
) -> Tandem:
    """A new actor asks an established one for a tandem; the mentor accepts or declines."""
    if not _can_act_for(by, mentee):
        raise PermissionDenied
    if mentee.is_established:
        raise ValidationError(_("Tandems accompany new actors."))
    offer = _open_offer(mentor)
    _check_agreement(goals, months, rhythm)
    tandem = _create_tandem(
        Tandem(
            mentor=mentor,
            mentee=mentee,
            offer=offer,
            requested_by=by,
            goals=goals.strip(),
            months=months,
            rhythm=rhythm,
            mentee_answer=Tandem.Answer.ACCEPTED,
        )
    )
    record_change(tandem, by=by, action="created", changes={"goals": tandem.goals})
    notify(
        _users_of(mentor),
        _("Tandem request from %(name)s") % {"name": mentee.name},
        tandem.goals,
        _tandem_url(tandem),
    )
    return tandem


@transaction.atomic
def propose_tandem(
    mentor: Actor,
    mentee: Actor,
    *,
    by: User,
    goals: str,
    months: int = 6,
    rhythm: str = Tandem.Rhythm.MONTHLY,
    confirmed: bool = False,
) -> Tandem:
    """A coordinator (neighbourhood manager or intermediary) proposes a pair – the engine's
    suggestions only help; the coordinator confirms the pair (`confirmed`), then both sides
    are asked."""
    if not by.has_perm("network.coordinate_tandems"):
        raise PermissionDenied
    if not confirmed:
        raise ValidationError(_("Confirm that you have checked this pair yourself."))
    if mentee.is_established:
        raise ValidationError(_("Tandems accompany new actors."))
    offer = _open_offer(mentor)
    _check_agreement(goals, months, rhythm)
    tandem = _create_tandem(
        Tandem(
            mentor=mentor,
            mentee=mentee,
            offer=offer,
            requested_by=by,
            coordinated=True,
            goals=goals.strip(),
            months=months,
            rhythm=rhythm,
        )
    )
    record_change(tandem, by=by, action="created", changes={"coordinated": True})
    for actor, other in ((mentor, mentee), (mentee, mentor)):
        notify(
            _users_of(actor),
            _("Tandem proposed with %(name)s") % {"name": other.name},
            tandem.goals,
            _tandem_url(tandem),
        )
    return tandem


@transaction.atomic
def answer_tandem(
    tandem: Tandem,
    actor: Actor,
    *,
    accept: bool,
    by: User,
    reason: str = "",
    note: str = "",
    on: date | None = None,
) -> Tandem:
    """One side answers. A decline (with a reason from the list) ends the request; when both
    sides have accepted and the mentor has capacity, the tandem starts today."""
    tandem = Tandem.objects.select_for_update().get(pk=tandem.pk)
    side = tandem.side_of(actor.pk)
    if side is None:
        raise ValidationError(_("This actor is not part of the tandem."))
    if not _can_act_for(by, actor):
        raise PermissionDenied
    if tandem.status != Tandem.Status.REQUESTED:
        raise ValidationError(_("This tandem has already been decided."))
    if getattr(tandem, f"{side}_answer") != Tandem.Answer.OPEN:
        raise ValidationError(_("This side has already answered."))
    if accept:
        setattr(tandem, f"{side}_answer", Tandem.Answer.ACCEPTED)
        if (
            side == "mentor"
            and tandem.offer
            and _active_count(tandem.mentor) >= tandem.offer.capacity
        ):
            raise ValidationError(
                _("All %(count)s tandem places of %(name)s are taken.")
                % {"count": tandem.offer.capacity, "name": tandem.mentor.name}
            )
        if (
            tandem.mentor_answer == Tandem.Answer.ACCEPTED
            and tandem.mentee_answer == Tandem.Answer.ACCEPTED
        ):
            tandem.status = Tandem.Status.ACTIVE
            tandem.started_on = on or timezone.localdate()
            tandem.ends_on = _add_months(tandem.started_on, tandem.months)
    else:
        if reason not in Tandem.DeclineReason.values:
            raise ValidationError({"reason": _("Choose a reason for declining.")})
        setattr(tandem, f"{side}_answer", Tandem.Answer.DECLINED)
        tandem.status = Tandem.Status.DECLINED
        tandem.decline_reason = reason
        tandem.decline_note = note.strip()[:300]
    tandem.save()
    record_change(
        tandem,
        by=by,
        action="changed",
        changes={f"{side}_answer": getattr(tandem, f"{side}_answer"), "status": tandem.status},
    )
    if tandem.status == Tandem.Status.ACTIVE:
        notify(
            _users_of(tandem.mentor) + _users_of(tandem.mentee),
            _("Tandem started: %(a)s and %(b)s")
            % {"a": tandem.mentor.name, "b": tandem.mentee.name},
            _("Both sides agreed. Log your meetings on the tandem page."),
            _tandem_url(tandem),
        )
    elif tandem.status == Tandem.Status.DECLINED:
        users = _users_of(tandem.mentee if side == "mentor" else tandem.mentor)
        if tandem.requested_by and tandem.coordinated:
            users.append(tandem.requested_by)
        notify(
            users,
            _("Tandem declined by %(name)s") % {"name": actor.name},
            str(tandem.get_decline_reason_display()),
            _tandem_url(tandem),
        )
    return tandem


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return date(year, month, min(day.day, last[month - 1]))


@transaction.atomic
def withdraw_tandem(tandem: Tandem, *, by: User) -> Tandem:
    tandem = Tandem.objects.select_for_update().get(pk=tandem.pk)
    if not (by.pk == tandem.requested_by_id or by.has_perm("network.work_in_tandem", tandem)):
        raise PermissionDenied
    if tandem.status != Tandem.Status.REQUESTED:
        raise ValidationError(_("This tandem has already been decided."))
    tandem.status = Tandem.Status.WITHDRAWN
    tandem.save(update_fields=["status", "updated_at"])
    record_change(tandem, by=by, action="changed", changes={"status": "withdrawn"})
    return tandem


@transaction.atomic
def log_session(
    tandem: Tandem, *, by: User, held_on: date, minutes: int, note: str = ""
) -> TandemSession:
    """A meeting of a running tandem, in 15-minute steps, not in the future."""
    if not by.has_perm("network.work_in_tandem", tandem):
        raise PermissionDenied
    if tandem.status != Tandem.Status.ACTIVE:
        raise ValidationError(_("Meetings are logged for running tandems."))
    if minutes < SESSION_STEP_MINUTES or minutes > 480 or minutes % SESSION_STEP_MINUTES:
        raise ValidationError({"minutes": _("Duration in 15-minute steps, at most 8 hours.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A meeting cannot lie in the future.")})
    if tandem.started_on and held_on < tandem.started_on:
        raise ValidationError({"held_on": _("The meeting lies before the tandem started.")})
    session = TandemSession.objects.create(
        tandem=tandem, held_on=held_on, minutes=minutes, note=note.strip(), logged_by=by
    )
    record_change(tandem, by=by, action="changed", changes={"session": held_on.isoformat()})
    return session


@transaction.atomic
def complete_tandem(
    tandem: Tandem, *, by: User, outcome: str, review: str, actor: Actor, on: date | None = None
) -> Tandem:
    """One side ends the tandem (early, when before the planned end) with an outcome and its
    short review; the other side adds its review with `review_tandem`."""
    tandem = Tandem.objects.select_for_update().get(pk=tandem.pk)
    side = tandem.side_of(actor.pk)
    if side is None or not _can_act_for(by, actor):
        raise PermissionDenied
    if tandem.status != Tandem.Status.ACTIVE:
        raise ValidationError(_("Only a running tandem can be completed."))
    if outcome not in {v for v in Tandem.Outcome.values if v}:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if not review.strip():
        raise ValidationError({"review": _("Write a short review.")})
    today = on or timezone.localdate()
    tandem.status = Tandem.Status.COMPLETED
    tandem.ended_on = today
    tandem.ended_early = bool(tandem.ends_on and today < tandem.ends_on)
    tandem.outcome = outcome
    setattr(tandem, f"{side}_review", review.strip())
    tandem.save()
    record_change(
        tandem, by=by, action="changed", changes={"status": "completed", "outcome": outcome}
    )
    other = tandem.mentee if side == "mentor" else tandem.mentor
    notify(
        _users_of(other),
        _("Tandem completed: %(a)s and %(b)s") % {"a": tandem.mentor.name, "b": tandem.mentee.name},
        _("Please add your short review."),
        _tandem_url(tandem),
    )
    return tandem


@transaction.atomic
def review_tandem(tandem: Tandem, *, by: User, actor: Actor, review: str) -> Tandem:
    tandem = Tandem.objects.select_for_update().get(pk=tandem.pk)
    side = tandem.side_of(actor.pk)
    if side is None or not _can_act_for(by, actor):
        raise PermissionDenied
    if tandem.status != Tandem.Status.COMPLETED:
        raise ValidationError(_("A review follows the end of the tandem."))
    if not review.strip():
        raise ValidationError({"review": _("Write a short review.")})
    setattr(tandem, f"{side}_review", review.strip())
    tandem.save(update_fields=[f"{side}_review", "updated_at"])
    record_change(tandem, by=by, action="changed", changes={f"{side}_review": True})
    return tandem


def book_advice_hour(tandem: Tandem, event: Event, *, by: User, actor: Actor) -> Registration:
    """A side of a running tandem books one of the advice hours offered on the tandem page
    (the mentor's or an intermediary's "Sprechstunde") for its actor: a seat, or a place on
    the waiting list when it is full. Booking twice returns the existing booking."""
    if not by.has_perm("network.work_in_tandem", tandem):
        raise PermissionDenied
    if tandem.side_of(actor.pk) is None:
        raise ValidationError(_("Book on behalf of one of the two actors."))
    if tandem.status != Tandem.Status.ACTIVE:
        raise ValidationError(_("Advice hours are booked from a running tandem."))
    if event.pk not in {e.pk for e in advice_hours(tandem, by)}:
        raise ValidationError(_("This advice hour cannot be booked from the tandem."))
    registration = event_services.register(event, by=by, actor=actor)
    record_change(tandem, by=by, action="changed", changes={"advice_hour": event.pk})
    return registration


def send_tandem_reminders(now: Any = None) -> int:
    """`quartier daily`: an unanswered request after 7 days, no meeting logged for 6 weeks,
    a check-in three months after the start. Each reminder once."""
    now = now or timezone.now()
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    sent = 0
    stale_requests = Tandem.objects.filter(
        status=Tandem.Status.REQUESTED,
        request_reminded_at__isnull=True,
        created_at__lte=now - timedelta(days=TANDEM_REQUEST_REMINDER_DAYS),
    ).select_related("mentor", "mentee")
    for tandem in stale_requests:
        users = []
        if tandem.mentor_answer == Tandem.Answer.OPEN:
            users += _users_of(tandem.mentor)
        if tandem.mentee_answer == Tandem.Answer.OPEN:
            users += _users_of(tandem.mentee)
        with transaction.atomic():
            notify(
                users,
                _("A tandem request is waiting for your answer"),
                _("%(a)s and %(b)s: please accept or decline.")
                % {"a": tandem.mentor.name, "b": tandem.mentee.name},
                _tandem_url(tandem),
            )
            Tandem.objects.filter(pk=tandem.pk).update(request_reminded_at=now)
        sent += 1
    quiet_since = today - timedelta(weeks=TANDEM_QUIET_WEEKS)
    running = Tandem.objects.filter(status=Tandem.Status.ACTIVE).select_related("mentor", "mentee")
    quiet = running.filter(started_on__lte=quiet_since).exclude(sessions__held_on__gt=quiet_since)
    quiet = quiet.filter(
        Q(quiet_reminded_at__isnull=True)
        | Q(quiet_reminded_at__lte=now - timedelta(weeks=TANDEM_QUIET_WEEKS))
    )
    for tandem in quiet:
        with transaction.atomic():
            notify(
                _users_of(tandem.mentor) + _users_of(tandem.mentee),
                _("No tandem meeting for six weeks"),
                _("%(a)s and %(b)s: when do you meet next? Log your meetings on the tandem page.")
                % {"a": tandem.mentor.name, "b": tandem.mentee.name},
                _tandem_url(tandem),
            )
            Tandem.objects.filter(pk=tandem.pk).update(quiet_reminded_at=now)
        sent += 1
    due = running.filter(check_in_sent_at__isnull=True)
    for tandem in due:
        if (
            tandem.started_on is None
            or _add_months(tandem.started_on, TANDEM_CHECK_IN_MONTHS) > today
        ):
            continue
        with transaction.atomic():
            notify(
                _users_of(tandem.mentor) + _users_of(tandem.mentee),
                _("Three months of tandem: how is it going?"),
                _("Look at your goals together and adjust them if needed."),
                _tandem_url(tandem),
            )
            Tandem.objects.filter(pk=tandem.pk).update(check_in_sent_at=now)
        sent += 1
    return sent
