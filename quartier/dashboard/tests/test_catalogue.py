from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "locale/de/LC_MESSAGES/django.po"


def test_every_text_of_the_dashboard_has_its_german_translation():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
