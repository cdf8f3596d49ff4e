from quartier.actors.tests.factories import ActorFactory
from quartier.events.search import reindex_events
from quartier.events.tests.factories import EventFactory
from quartier.search.indexing import rebuild_index
from quartier.search.selectors import search


def _titles(text):
    return [hit.entry.title for _kind, _label, hits in search(text).groups for hit in hits]


def test_public_events_are_found_and_members_only_ones_are_not(db):
    organiser = ActorFactory()
    EventFactory(title="Kreativworkshop Schaufenster", organisers=[organiser])
    EventFactory(title="Internes Strategietreffen", organisers=[organiser], visibility="members")
    rebuild_index()
    assert "Kreativworkshop Schaufenster" in _titles("Kreativworkshops Schaufenster")
    assert _titles("Strategietreffen") == []
    groups = [kind for kind, _label, _hits in search("Kreativworkshop").groups]
    assert groups == ["event"]
    assert reindex_events() == 1  # the rebuild and the events' own indexing agree


def test_articles_are_found_by_their_tags(db):
    from quartier.knowledge.models import ArticleTag
    from quartier.knowledge.tests.factories import ArticleFactory
    from quartier.search.indexing import index_record

    article = ArticleFactory(title="Ein Leitfaden", summary="Kurz.", body="Text ohne Stichwort.")
    assert _titles("Verstetigung") == []
    ArticleTag.objects.create(article=article, kind="phase", value="consolidation")
    index_record(article)
    assert _titles("Verstetigung") == ["Ein Leitfaden"]
