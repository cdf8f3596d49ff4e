"""One row per searchable record, with the German index terms of quartier.engines.textsearch.

SQLite indexes the title, summary and body terms in an FTS5 table kept current by triggers
(migration 0003, which replaced the one-column table of 0002); PostgreSQL in generated tsvector
columns ('simple' configuration: the terms are already analysed) with GIN indexes: `document`
(all terms, 0002), `title_document` and `head_document` (title and summary, 0003).

The vocabulary of the index (for typo correction, compound parts and completions) is counted
by triggers as well: every change of an entry adds its `vocabulary` word counts to
`SearchWord` (and subtracts the old ones) and raises the version of the one
`SearchIndexState`, so that a process can cheaply see whether its vocabulary is current and
fetch only the changed words.
See docs/textsearch.md."""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(
        max_length=20, help_text="The kind of record, as registered in search/registry.py."
    )
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=600, blank=True)
    url = models.CharField(max_length=300)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    words = models.TextField(blank=True, help_text="The raw text, for the typo vocabulary.")
    vocabulary = models.TextField(
        blank=True, help_text="The folded words of the text and their counts, as a JSON object."
    )
    marks = models.TextField(
        blank=True,
        help_text="Where the words of title and summary stand and their terms (JSON), so that "
        "hits are highlighted without analysing them again.",
    )
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchWord(models.Model):
    """A word of the indexed texts and how often it occurs (kept by triggers, see above)."""

    word = models.TextField(primary_key=True)
    count = models.BigIntegerField()
    version = models.BigIntegerField(db_index=True, help_text="The index version of its change.")

    def __str__(self) -> str:
        return f"{self.word}: {self.count}"


class SearchIndexState(models.Model):
    """One row, kept by the triggers: `version` grows with every change of the vocabulary and
    is never used twice (at least the time in microseconds, so that a version seen inside a
    transaction that was rolled back does not come again with other words); `word_total` is
    the sum of all word counts (a check that a process's vocabulary adds up)."""

    version = models.BigIntegerField(default=0)
    word_total = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.version} ({self.word_total} words)"
