"""One row per searchable record, with the German index terms of quartier.engines.textsearch.

SQLite indexes `terms` in an FTS5 table kept current by triggers; PostgreSQL in a generated
tsvector column ('simple' configuration: the terms are already analysed) with a GIN index.
Both are created by the migration 0002."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ARTICLE = "article", _("Knowledge")
    ACTOR = "actor", _("Actors")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhoods")
    PLACE = "place", _("Places")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=600, blank=True)
    url = models.CharField(max_length=300)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    words = models.TextField(blank=True, help_text="The raw text, for the typo vocabulary.")
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
