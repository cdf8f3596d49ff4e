"""The DSGVO data download: everything Quartier stores about one person, as JSON."""

from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.models import Membership
from quartier.core.models import Notification, TaskProgress
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
    }
