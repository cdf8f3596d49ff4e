from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from quartier.core.markup import reading_minutes, render_markdown
from quartier.core.models import TimeStampedModel


class Article(TimeStampedModel):
    """A piece of the knowledge toolbox (§8). The knowledge issue adds tags, links, versions,
    checklists and German search."""

    class Kind(models.TextChoices):
        CASE_REPORT = "case_report", _("case report")
        EXAMPLE = "example", _("example from practice")
        GUIDE = "guide", _("guide")
        CHECKLIST = "checklist", _("checklist")
        TEMPLATE = "template", _("template")
        ARGUMENT = "argument", _("argument")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text (Markdown)"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.slug])

    @cached_property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.body)
