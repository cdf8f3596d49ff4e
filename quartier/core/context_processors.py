from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from quartier.core.models import Notification
from quartier.core.navigation import AREAS


def navigation(request: HttpRequest) -> dict[str, object]:
    """The main navigation with each area's link and whether the page belongs to it."""
    items = []
    for area in AREAS:
        items.append(
            {
                "area": area,
                "url": reverse(area.url_name),
                "current": request.path.startswith(f"/{area.path}/"),
            }
        )
    unread = 0
    if request.user.is_authenticated:
        unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return {"nav_areas": items, "TILE_URL": settings.TILE_URL, "unread_notifications": unread}
