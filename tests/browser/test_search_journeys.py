"""German search in a real browser: from the search box in the header to the grouped,
highlighted results; every page passes the axe check."""

import pytest
from playwright.sync_api import Page, expect

from quartier.actors.tests.factories import ActorFactory
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.search.indexing import rebuild_index

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_from_the_header_finds_articles_and_actors(page: Page, assert_accessible):
    ArticleFactory(
        title="Ein Straßenfest im Quartier organisieren",
        summary="Checkliste für Nachbarschaftsfeste.",
    )
    ActorFactory(name="Straßenfest-Verein Talviertel", short_description="Feiert jedes Jahr.")
    rebuild_index()

    page.goto("/")
    search = page.get_by_role("search").first
    search.get_by_label("Quartier durchsuchen").fill("Strassenfest")
    search.get_by_role("button", name="Suche").click()

    expect(page.get_by_role("status")).to_contain_text("2 Treffer")
    knowledge = page.get_by_role("region", name="Wissen")
    expect(
        knowledge.get_by_role("link", name="Ein Straßenfest im Quartier organisieren")
    ).to_be_visible()
    expect(knowledge.locator("mark").first).to_have_text("Straßenfest")
    expect(page.get_by_role("region", name="Akteure")).to_contain_text("Talviertel")
    assert_accessible(page)

    page.get_by_label("Nur").select_option("actor")
    page.get_by_role("main").get_by_role("button", name="Suche").click()
    expect(page.get_by_role("status")).to_contain_text("1 Treffer")
    assert_accessible(page)
