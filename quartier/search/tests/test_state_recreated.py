from quartier.actors.tests.factories import ActorFactory
from quartier.search.indexing import index_record
from quartier.search.models import SearchIndexState, SearchWord
from quartier.search.selectors import search


def test_indexing_works_after_the_vocabulary_state_was_emptied(db):
    """`quartier flush` (and a test database emptied between browser tests) removes the one
    state row of the vocabulary; the triggers create it again instead of failing."""
    SearchIndexState.objects.all().delete()
    SearchWord.objects.all().delete()
    actor = ActorFactory(name="Zwischenraum Kollektiv", short_description="Kunst im Leerstand")
    index_record(actor)
    assert SearchIndexState.objects.count() == 1
    assert SearchWord.objects.filter(word__startswith="zwischenraum").exists()
    hits = [h.entry.title for _k, _l, group in search("Zwischenraum").groups for h in group]
    assert hits == ["Zwischenraum Kollektiv"]
