"""The vocabulary triggers of 0003 recreate the one `SearchIndexState` row when it is missing.

Without it (after `quartier flush`, or a test database emptied between tests) every new
search entry failed with "NOT NULL constraint failed: search_searchword.version", and with it
creating an actor or a place. The triggers now insert the row first when the table is empty;
the statement builders are those of 0003."""

import importlib

from django.db import migrations

v3 = importlib.import_module("quartier.search.migrations.0003_vocabulary_and_field_index")

ENSURE_STATE = (
    "INSERT INTO search_searchindexstate (version, word_total) "
    "SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM search_searchindexstate);"
)
OLD_SQLITE_TRIGGERS = v3.SQLITE[-3:]  # search_words_insert, _delete, _update of 0003


def _sqlite_triggers(prefix: str) -> list[str]:
    return [
        "CREATE TRIGGER search_words_insert AFTER INSERT ON search_searchentry BEGIN "
        + prefix
        + v3._sqlite_bump(f"+ {v3._sqlite_total('new')}")
        + v3._sqlite_words("new", "")
        + " END",
        "CREATE TRIGGER search_words_delete AFTER DELETE ON search_searchentry BEGIN "
        + prefix
        + v3._sqlite_bump(f"- {v3._sqlite_total('old')}")
        + v3._sqlite_words("old", "-")
        + " END",
        "CREATE TRIGGER search_words_update AFTER UPDATE OF vocabulary ON search_searchentry "
        "WHEN old.vocabulary IS NOT new.vocabulary BEGIN "
        + prefix
        + v3._sqlite_bump(f"+ {v3._sqlite_total('new')} - {v3._sqlite_total('old')}")
        + v3._sqlite_words("old", "-")
        + v3._sqlite_words("new", "")
        + " END",
    ]


assert _sqlite_triggers("") == OLD_SQLITE_TRIGGERS  # the builders still make 0003's triggers

DROP_SQLITE = [
    "DROP TRIGGER search_words_insert",
    "DROP TRIGGER search_words_delete",
    "DROP TRIGGER search_words_update",
]


def _pg_function(prefix: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION search_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {prefix}
    IF TG_OP = 'INSERT' THEN {v3._pg_count(v3._pg_words("new_rows", ""))}
    ELSIF TG_OP = 'DELETE' THEN {v3._pg_count(v3._pg_words("old_rows", "-"))}
    ELSE {v3._pg_count(v3._pg_words("new_rows", "") + " UNION ALL " + v3._pg_words("old_rows", "-"))}
    END IF;
    RETURN NULL;
END
$$
"""


FORWARD = {"sqlite": [*DROP_SQLITE, *_sqlite_triggers(ENSURE_STATE)], "postgresql": [_pg_function(ENSURE_STATE)]}
BACKWARD = {"sqlite": [*DROP_SQLITE, *OLD_SQLITE_TRIGGERS], "postgresql": [_pg_function("")]}


class Migration(migrations.Migration):
    dependencies = [("search", "0004_event_kind")]

    operations = [migrations.RunPython(v3._run(FORWARD), v3._run(BACKWARD))]
