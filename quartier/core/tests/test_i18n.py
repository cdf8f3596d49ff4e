from pathlib import Path

import polib
import pytest
from django.conf import settings


def test_german_catalogue_is_complete():
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "de/LC_MESSAGES/django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english and ">Actors</a>" in english
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    german = client.get("/").content.decode()
    assert '<html lang="de">' in german and ">Akteure</a>" in german
