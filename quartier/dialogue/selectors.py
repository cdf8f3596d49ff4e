from django.db.models import QuerySet

from quartier.accounts.viewer import Viewer
from quartier.alliances.selectors import access_alliance
from quartier.dialogue.models import Post, ThreadSetting
from quartier.dialogue.threads import Thread
from quartier.events.selectors import access_event


def access_thread(viewer: Viewer, kind: str, pk: int) -> Thread:
    """The discussion of an alliance (`kind` "alliance") or an event the viewer may see
    (404 otherwise); whether they may take part is `Thread.may_take_part`."""
    if kind == "alliance":
        return Thread(alliance=access_alliance(viewer, pk))
    return Thread(event=access_event(viewer, pk))


def posts_of(thread: Thread) -> QuerySet[Post]:
    """Newest first, with their authors (paginate the result)."""
    return Post.objects.filter(**thread.filter()).select_related("author")


def mode_of(thread: Thread, user: Viewer) -> str:
    if not user.is_authenticated:
        return ""
    setting = ThreadSetting.objects.filter(user=user, **thread.filter()).first()
    return setting.mode if setting else str(user.notification_mode)
