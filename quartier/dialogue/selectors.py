from typing import Any

from django.db.models import QuerySet

from quartier.dialogue.models import Post, ThreadSetting
from quartier.dialogue.threads import Thread


def posts_of(thread: Thread) -> QuerySet[Post]:
    """Newest first, with their authors (paginate the result)."""
    return Post.objects.filter(**thread.filter()).select_related("author")


def mode_of(thread: Thread, user: Any) -> str:
    if not user.is_authenticated:
        return ""
    setting = ThreadSetting.objects.filter(user=user, **thread.filter()).first()
    return setting.mode if setting else str(user.notification_mode)
