"""The knowledge toolbox (M16, paper §8): articles with tags, links, authors, a review workflow
and versions, and checklist runs that an actor ticks off for one of its undertakings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Sector
from quartier.core.markup import reading_minutes, render_markdown
from quartier.core.models import TimeStampedModel
from quartier.neighbourhoods.models import SituationType

BODY_MAX_LENGTH = 100_000  # characters of an article's text: a long guide is about 40,000


class Topic(models.TextChoices):
    """The controlled list of topics (§5–§8 of the paper)."""

    INTERIM_USE = "interim_use", _("interim use")
    VACANCY = "vacancy", _("vacancy")
    COOPERATION = "cooperation", _("cooperation and alliances")
    FUNDING = "funding", _("funding")
    PARTICIPATION = "participation", _("participation")
    SUCCESSION = "succession", _("succession and generation change")
    CULTURE = "culture", _("culture and creative formats")
    IMPACT = "impact", _("impact")
    PLANNING_LAW = "planning_law", _("planning and building law")
    DISPLACEMENT = "displacement", _("displacement protection")
    EVENTS = "events", _("events and neighbourhood life")
    HOUSING = "housing", _("housing companies and owners")


class Phase(models.TextChoices):
    """Where an undertaking stands."""

    IDEA = "idea", _("idea")
    PLANNING = "planning", _("planning")
    IMPLEMENTATION = "implementation", _("implementation")
    CONSOLIDATION = "consolidation", _("consolidation")
    CLOSING = "closing", _("closing")


class TagKind(models.TextChoices):
    TOPIC = "topic", _("topic")
    ACTOR_GROUP = "actor_group", _("actor group")
    NEIGHBOURHOOD_TYPE = "neighbourhood_type", _("neighbourhood type")
    PHASE = "phase", _("project phase")


# The allowed values of each tag kind: actor groups are the actor sectors, neighbourhood types
# the situations of §3 of the paper.
TAG_CHOICES: dict[str, type[models.TextChoices]] = {
    TagKind.TOPIC: Topic,
    TagKind.ACTOR_GROUP: Sector,
    TagKind.NEIGHBOURHOOD_TYPE: SituationType,
    TagKind.PHASE: Phase,
}


class Article(TimeStampedModel):
    """A piece of the knowledge toolbox (§8)."""

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
    body = models.TextField(
        _("text (Markdown)"),
        max_length=BODY_MAX_LENGTH,  # the form's limit; the validator holds it for the API
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    related = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("related articles")
    )
    actors = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="articles", verbose_name=_("actors")
    )
    places = models.ManyToManyField(
        "places.Place", blank=True, related_name="articles", verbose_name=_("places")
    )
    # Links to projects follow with the projects area (M10): a ManyToManyField like `places`.
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="articles_written",
        verbose_name=_("authors"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "kind"])]

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

    @property
    def is_checklist(self) -> bool:
        return self.kind == self.Kind.CHECKLIST

    @cached_property
    def checklist(self) -> list[ChecklistSection]:
        return parse_checklist(self.body) if self.is_checklist else []

    def tag_values(self, kind: str) -> list[str]:
        """The values of one tag kind; uses prefetched tags when there are."""
        return sorted(t.value for t in self.tags.all() if t.kind == kind)

    def tags_by_kind(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(kind, kind label, [(value, value label)]) for the kinds that have tags, in a fixed
        order; the kind is also the name of the list filter."""
        result = []
        for kind, choices in TAG_CHOICES.items():
            labels = dict(choices.choices)
            values = [(v, str(labels[v])) for v in self.tag_values(kind) if v in labels]
            if values:
                result.append((str(kind), str(TagKind(kind).label), values))
        return result


class ArticleTag(models.Model):
    """One tag of an article: a kind (topic, actor group, neighbourhood type, phase) and one
    of that kind's values."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(_("kind"), max_length=20, choices=TagKind.choices)
    value = models.CharField(_("value"), max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "value"], name="one_tag_per_value")
        ]
        indexes = [models.Index(fields=["kind", "value"])]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class ArticleVersion(models.Model):
    """A snapshot of title, summary and text, written whenever one of them changes."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text (Markdown)"))
    # saved while the article was published, or the version that was published: everybody
    # who reads the article sees it; earlier drafts only its authors and the editors
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_version_number")
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ReviewStep(models.Model):
    """One step of the review workflow (submitted, published, returned with a comment)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned to draft")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_steps")
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.action}"


# ---------------------------------------------------------------------------------------------
# Checklists. Format (docs/knowledge.md): `## Section` headings and `- [ ] item` lines; items
# before the first heading belong to a section without a title.

HEADING = re.compile(r"^#{2,3}\s+(?P<title>\S.*?)\s*#*\s*$")
ITEM = re.compile(r"^\s*[-*]\s+\[[ xX]\]\s+(?P<text>\S.*?)\s*$")


@dataclass
class ChecklistSection:
    title: str
    items: list[str] = field(default_factory=list)


def parse_checklist(markdown: str) -> list[ChecklistSection]:
    """The sections with at least one item, in order."""
    sections = [ChecklistSection("")]
    for line in markdown.splitlines():
        heading = HEADING.match(line)
        if heading:
            sections.append(ChecklistSection(heading["title"]))
            continue
        item = ITEM.match(line)
        if item:
            sections[-1].items.append(item["text"][:500])
    return [s for s in sections if s.items]


class ChecklistRun(TimeStampedModel):
    """A checklist ticked off by an actor for one undertaking. The items are copied from the
    checklist when the run starts, so later edits of the article do not change a run.

    Owner: an actor; a run started for an alliance is also seen and ticked by the alliance's
    members. Projects will join the same way (see docs/knowledge.md)."""

    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("checklist"),
    )
    checklist_title = models.CharField(_("checklist"), max_length=200)
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="checklist_runs",
        verbose_name=_("actor"),
    )
    title = models.CharField(_("undertaking"), max_length=200)
    alliance = models.ForeignKey(
        "alliances.Alliance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_runs",
        verbose_name=_("for the alliance"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    item_count = models.PositiveIntegerField(_("items"), default=0)
    done_count = models.PositiveIntegerField(_("items done"), default=0)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("checklist run")
        verbose_name_plural = _("checklist runs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:run", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.item_count > 0 and self.done_count == self.item_count


class ChecklistRunItem(models.Model):
    run = models.ForeignKey(ChecklistRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    text = models.CharField(_("item"), max_length=500)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="one_item_per_position")
        ]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text

    @property
    def done(self) -> bool:
        return self.done_at is not None
