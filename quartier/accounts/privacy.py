"""The DSGVO data download: everything Quartier stores about one person, as JSON."""

from typing import Any

from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import User
from quartier.actors.models import Membership
from quartier.alliances.models import Approval
from quartier.core.models import Notification, TaskProgress
from quartier.core.progress import finish_progress, report_progress, start_progress
from quartier.core.ratelimits import check_background_start
from quartier.core.tasking import enqueue_with_progress
from quartier.dialogue.models import Post, ThreadSetting
from quartier.events.models import ActionItem, Registration
from quartier.imports.models import ImportJob
from quartier.knowledge.models import ChecklistRunItem
from quartier.neighbourhoods.models import Neighbourhood

EXPORT_FORMAT_VERSION = 1


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_personal_data(user: User) -> dict[str, Any]:
    return {
        "format": "quartier-personal-data",
        "version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "user": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in user.api_tokens.order_by("pk")
        ],
        "memberships": [
            {"actor": m.actor.name, "role": m.role, "since": _iso(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("actor").order_by("pk")
        ],
        "managed_neighbourhoods": [str(n) for n in Neighbourhood.objects.filter(managers=user)],
        "notification_mode": user.notification_mode,
        "notifications": [
            {
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "tasks": [
            {"title": p.title, "status": p.status, "created_at": _iso(p.created_at)}
            for p in TaskProgress.objects.filter(owner=user).order_by("created_at")
        ],
        **_contributions(user),
    }


def _contributions(user: User) -> dict[str, Any]:
    """What the person wrote or signed up for in the areas of the platform."""

    return {
        "articles_written": [
            {"title": a.title, "status": a.status, "url": a.get_absolute_url()}
            for a in user.articles_written.order_by("pk")
        ],
        "discussion_posts": [
            {
                "thread": str(p.alliance or p.event),
                "text": p.text,
                "created_at": _iso(p.created_at),
            }
            for p in Post.objects.filter(author=user).select_related("alliance", "event")
        ],
        "discussion_settings": [
            {"thread": str(t.alliance or t.event), "mode": t.mode}
            for t in ThreadSetting.objects.filter(user=user).select_related("alliance", "event")
        ],
        "event_registrations": [
            {"event": str(r.event), "status": r.status, "created_at": _iso(r.created_at)}
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "action_items": [
            {"title": i.title, "event": str(i.event), "due_on": _iso(i.due_on), "status": i.status}
            for i in ActionItem.objects.filter(owner=user).select_related("event")
        ],
        "agreement_approvals": [
            {
                "agreement": str(a.version.agreement),
                "version": a.version.number,
                "party": str(a.party),
                "approved_at": _iso(a.approved_at),
            }
            for a in Approval.objects.filter(approved_by=user).select_related(
                "version__agreement", "party"
            )
        ],
        "checklist_items_ticked": [
            {"run": str(i.run), "item": i.text, "done_at": _iso(i.done_at)}
            for i in ChecklistRunItem.objects.filter(done_by=user).select_related("run")
        ],
        "imports": [
            {
                "file": j.filename,
                "kind": j.kind,
                "status": j.status,
                "created_at": _iso(j.created_at),
            }
            for j in ImportJob.objects.filter(owner=user).order_by("pk")
        ],
    }


def start_personal_data_export(user: User) -> TaskProgress:
    """Creates the progress record of the person's data export and starts the background task
    once the transaction is committed."""
    from quartier.accounts.tasks import build_personal_data_export  # noqa: PLC0415 – the task module imports this one

    check_background_start(user)
    progress = start_progress(user, _("Download of your data"), total=1)
    # the database backend writes the task in this transaction: rolled back, it never runs
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    return progress


def build_personal_data_export_file(progress_id: str, user: User) -> None:
    """Collects the person's data onto the progress record, where they download it."""
    report_progress(progress_id, done=0, total=1, message=_("Collecting your data"))
    finish_progress(
        progress_id,
        result=export_personal_data(user),
        result_url=reverse("accounts:export_download", args=[progress_id]),
        message=_("Your data is ready for download."),
    )
