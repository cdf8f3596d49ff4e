"""Low-threshold dialogue (§6): a discussion thread on each alliance and each event, for its
members, with a notification setting per person and thread."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Post(models.Model):
    """A contribution to the thread of an alliance or of an event (exactly one of the two)."""

    alliance = models.ForeignKey(
        "alliances.Alliance", on_delete=models.CASCADE, null=True, blank=True, related_name="posts"
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("contribution"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alliance__isnull=False, event__isnull=True)
                | Q(alliance__isnull=True, event__isnull=False),
                name="post_belongs_to_one_thread",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ThreadSetting(models.Model):
    """How a person wants to hear of new contributions to one thread; without a setting,
    their general notification setting applies."""

    class Mode(models.TextChoices):
        IMMEDIATELY = "immediately", _("immediately by e-mail")
        DAILY = "daily", _("in the daily digest")
        OFF = "off", _("not at all")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    alliance = models.ForeignKey(
        "alliances.Alliance", on_delete=models.CASCADE, null=True, blank=True
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True)
    mode = models.CharField(_("notify me"), max_length=12, choices=Mode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "alliance"],
                condition=Q(alliance__isnull=False),
                name="thread_setting_once_per_alliance",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="thread_setting_once_per_event",
            ),
            models.CheckConstraint(
                condition=Q(alliance__isnull=False, event__isnull=True)
                | Q(alliance__isnull=True, event__isnull=False),
                name="thread_setting_belongs_to_one_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.mode}"
