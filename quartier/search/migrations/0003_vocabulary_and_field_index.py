"""Candidates by field and the vocabulary kept by the database.

- SQLite: the FTS5 table `search_fields` over the title, summary and body terms (column
  filters choose the candidates by field; `detail=column` is enough, as no phrase is queried)
  replaces `search_fts` of 0002. PostgreSQL: tsvectors of the title terms and of the title
  and summary terms with GIN indexes, next to `document` (all terms).
- `SearchEntry.marks`: where the words of title and summary stand and their terms, so that
  hits are highlighted without analysing them again.
- `SearchEntry.vocabulary` (the word counts of each entry, JSON) is summed into `SearchWord`
  by triggers, which also raise `SearchIndexState.version` (never a version used before: at
  least the time in microseconds) and keep `word_total`. Existing entries are counted here.
"""

import json
from collections import Counter

from django.db import migrations, models

from quartier.engines.textsearch import Vocabulary, default_analyser

# a version is at least the time in microseconds, so it never comes twice (see the models)
SQLITE_NOW = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"


def _sqlite_words(row: str, sign: str) -> str:
    return (
        "INSERT INTO search_searchword (word, count, version) "
        f"SELECT key, {sign}value, (SELECT version FROM search_searchindexstate) "
        f"FROM json_each(coalesce(nullif({row}.vocabulary, ''), '{{}}')) WHERE true "
        "ON CONFLICT (word) DO UPDATE SET count = count + excluded.count, "
        "version = excluded.version;"
    )


def _sqlite_total(row: str) -> str:
    return f"(SELECT coalesce(sum(value), 0) FROM json_each(coalesce(nullif({row}.vocabulary, ''), '{{}}')))"


def _sqlite_bump(change: str) -> str:
    return (
        f"UPDATE search_searchindexstate SET version = max(version + 1, {SQLITE_NOW}), "
        f"word_total = word_total {change};"
    )


FIELDS = "title_terms, summary_terms, body_terms"
SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_update",  # (gone when AddField remade the table)
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE search_fts",
    f"CREATE VIRTUAL TABLE search_fields USING fts5({FIELDS}, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61', prefix='2 3', detail='column')",
    "INSERT INTO search_fields(search_fields) VALUES ('rebuild')",
    "CREATE TRIGGER search_fields_insert AFTER INSERT ON search_searchentry BEGIN "
    f"INSERT INTO search_fields(rowid, {FIELDS}) "
    "VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms); END",
    "CREATE TRIGGER search_fields_delete AFTER DELETE ON search_searchentry BEGIN "
    f"INSERT INTO search_fields(search_fields, rowid, {FIELDS}) "
    "VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms); END",
    "CREATE TRIGGER search_fields_update AFTER UPDATE ON search_searchentry BEGIN "
    f"INSERT INTO search_fields(search_fields, rowid, {FIELDS}) "
    "VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms); "
    f"INSERT INTO search_fields(rowid, {FIELDS}) "
    "VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms); END",
    "CREATE TRIGGER search_words_insert AFTER INSERT ON search_searchentry BEGIN "
    + _sqlite_bump(f"+ {_sqlite_total('new')}")
    + _sqlite_words("new", "")
    + " END",
    "CREATE TRIGGER search_words_delete AFTER DELETE ON search_searchentry BEGIN "
    + _sqlite_bump(f"- {_sqlite_total('old')}")
    + _sqlite_words("old", "-")
    + " END",
    "CREATE TRIGGER search_words_update AFTER UPDATE OF vocabulary ON search_searchentry "
    "WHEN old.vocabulary IS NOT new.vocabulary BEGIN "
    + _sqlite_bump(f"+ {_sqlite_total('new')} - {_sqlite_total('old')}")
    + _sqlite_words("old", "-")
    + _sqlite_words("new", "")
    + " END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_words_update",
    "DROP TRIGGER search_words_delete",
    "DROP TRIGGER search_words_insert",
    "DROP TRIGGER search_fields_update",
    "DROP TRIGGER search_fields_delete",
    "DROP TRIGGER search_fields_insert",
    "DROP TABLE search_fields",
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61', prefix='2 3')",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]

# PostgreSQL: statement triggers with transition tables, so that a bulk insert adds up its
# words once per statement (not once per row)
def _pg_words(rows: str, sign: str) -> str:
    return (
        f"SELECT key AS word, {sign}value::bigint AS count FROM {rows}, "
        f"jsonb_each_text(coalesce(nullif({rows}.vocabulary, ''), '{{}}')::jsonb)"
    )


def _pg_count(changes: str) -> str:
    # (an UPDATE in WITH runs once and completely, so a new version comes even without words)
    return f"""
        WITH changes AS (
            SELECT word, sum(count) AS count FROM ({changes}) AS changed GROUP BY word
        ), state AS (
            UPDATE search_searchindexstate SET
                version = greatest(
                    version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                ),
                word_total = word_total + (SELECT coalesce(sum(count), 0) FROM changes)
            RETURNING version
        )
        INSERT INTO search_searchword (word, count, version)
        SELECT word, count, (SELECT version FROM state) FROM changes
        WHERE count <> 0 ORDER BY word
        ON CONFLICT (word) DO UPDATE SET count = search_searchword.count + excluded.count,
            version = excluded.version;"""


PG_WORDS = f"""
CREATE FUNCTION search_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_pg_count(_pg_words("new_rows", ""))}
    ELSIF TG_OP = 'DELETE' THEN {_pg_count(_pg_words("old_rows", "-"))}
    ELSE {_pg_count(_pg_words("new_rows", "") + " UNION ALL " + _pg_words("old_rows", "-"))}
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL = [
    "ALTER TABLE search_searchentry ADD COLUMN title_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN head_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_terms || ' ' || summary_terms)) STORED",
    "CREATE INDEX search_searchentry_title_document ON search_searchentry "
    "USING GIN (title_document)",
    "CREATE INDEX search_searchentry_head_document ON search_searchentry "
    "USING GIN (head_document)",
    PG_WORDS,
    "CREATE TRIGGER search_words_insert AFTER INSERT ON search_searchentry "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_count_words()",
    "CREATE TRIGGER search_words_update AFTER UPDATE ON search_searchentry "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_count_words()",
    "CREATE TRIGGER search_words_delete AFTER DELETE ON search_searchentry "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_count_words()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER search_words_delete ON search_searchentry",
    "DROP TRIGGER search_words_update ON search_searchentry",
    "DROP TRIGGER search_words_insert ON search_searchentry",
    "DROP FUNCTION search_count_words()",
    "DROP INDEX search_searchentry_head_document",
    "DROP INDEX search_searchentry_title_document",
    "ALTER TABLE search_searchentry DROP COLUMN head_document",
    "ALTER TABLE search_searchentry DROP COLUMN title_document",
]


def count_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Word counts and marks of the entries indexed before (from their texts), and the sum
    of the word counts."""
    analyser = default_analyser()
    entry_model = apps.get_model("search", "SearchEntry")
    word_model = apps.get_model("search", "SearchWord")
    state_model = apps.get_model("search", "SearchIndexState")
    totals: Counter[str] = Counter()
    entries = []
    fields = ("pk", "words", "title", "summary")
    for entry in entry_model.objects.only(*fields).iterator(chunk_size=1000):
        counts = Vocabulary.count_words(entry.words)
        totals.update(counts)
        entry.vocabulary = json.dumps(counts, separators=(",", ":"))
        marks = {"title": analyser.marks(entry.title), "summary": analyser.marks(entry.summary)}
        entry.marks = json.dumps(marks, separators=(",", ":"))
        entries.append(entry)
        if len(entries) == 1000:
            entry_model.objects.bulk_update(entries, ["vocabulary", "marks"])
            entries = []
    entry_model.objects.bulk_update(entries, ["vocabulary", "marks"])
    word_model.objects.bulk_create(
        [word_model(word=word, count=count, version=0) for word, count in totals.items()],
        batch_size=1000,
    )
    state_model.objects.create(version=0, word_total=sum(totals.values()))


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def _forget(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("search", "SearchWord").objects.all().delete()
    apps.get_model("search", "SearchIndexState").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_full_text_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchIndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.BigIntegerField(default=0)),
                ('word_total', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.TextField(primary_key=True, serialize=False)),
                ('count', models.BigIntegerField()),
                ('version', models.BigIntegerField(db_index=True, help_text='The index version of its change.')),
            ],
        ),
        migrations.AddField(
            model_name='searchentry',
            name='vocabulary',
            field=models.TextField(blank=True, help_text='The folded words of the text and their counts, as a JSON object.'),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="marks",
            field=models.TextField(
                blank=True,
                help_text="Where the words of title and summary stand and their terms (JSON), "
                "so that hits are highlighted without analysing them again.",
            ),
        ),
        migrations.RunPython(count_existing, _forget),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
