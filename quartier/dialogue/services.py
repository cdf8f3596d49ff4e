"""Writes of the dialogue: contributions and notification settings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.history import record_change
from quartier.core.notifications import notify
from quartier.dialogue.models import Post, ThreadSetting
from quartier.dialogue.threads import Thread

MAX_LENGTH = 5000


@transaction.atomic
def write_post(thread: Thread, *, text: str, by: User) -> Post:
    """A participant writes to the thread; the others hear of it as each of them chose."""
    if not thread.may_take_part(by):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Please write something.")})
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {"text": _("A contribution may have at most %(n)s characters.") % {"n": MAX_LENGTH}}
        )
    post = Post.objects.create(author=by, text=text, **thread.filter())
    record_change(
        thread.subject, by=by, action="changed", changes={"discussion": [None, text[:80]]}
    )
    others = list(thread.participants().exclude(pk=by.pk))
    modes = dict(
        ThreadSetting.objects.filter(user__in=others, **thread.filter()).values_list(
            "user_id", "mode"
        )
    )
    notify(
        others,
        str(_("New contribution: %(subject)s") % {"subject": thread.subject}),
        body=text[:300],
        url=thread.url(),
        modes=modes,
    )
    return post


@transaction.atomic
def choose_mode(thread: Thread, *, mode: str, by: User) -> ThreadSetting:
    if not thread.may_take_part(by):
        raise PermissionDenied
    if mode not in ThreadSetting.Mode.values:
        raise ValidationError({"mode": _("Choose immediately, daily digest or off.")})
    setting, _created = ThreadSetting.objects.update_or_create(
        user=by, **thread.filter(), defaults={"mode": mode}
    )
    return setting


@transaction.atomic
def delete_post(post: Post, *, by: User) -> None:
    """Authors withdraw their own contributions; administrators may remove any."""
    if not (by.is_superuser or post.author_id == by.pk):
        raise PermissionDenied
    post.delete()
