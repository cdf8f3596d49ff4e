"""The knowledge toolbox in a real browser: search, open a checklist from the results, start
it for an undertaking of one's actor, tick three items (htmx) and see the progress; the list,
article, run and version history pages pass the axe check."""

import re

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.knowledge.demo import load_toolbox_articles
from quartier.knowledge.models import Article, ChecklistRun
from quartier.search.indexing import rebuild_index

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)

CHECKLIST = "Erstgespräch mit Eigentümern eines leerstehenden Ladenlokals"


def test_search_open_a_checklist_start_it_and_tick_three_items(page: Page, assert_accessible):
    load_toolbox_articles()
    rebuild_index()
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user, actor=ActorFactory(name="Initiative Ladenleben"))
    log_in(page, user.email, PASSWORD)

    page.goto("/wissen/?topic=interim_use")
    expect(page.get_by_role("link", name=CHECKLIST)).to_be_visible()
    expect(page.get_by_role("link", name="Fördermittel beantragen und abrechnen")).to_have_count(0)
    assert_accessible(page)

    search = page.get_by_role("search").first
    search.get_by_label("Quartier durchsuchen").fill("Zwischennutzung Ladenlokal")
    search.get_by_role("button", name="Suche").click()
    page.get_by_role("region", name="Wissen").get_by_role("link", name=CHECKLIST).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHECKLIST)
    expect(page.locator("#checklist-start")).to_be_visible()
    assert_accessible(page)

    page.locator("#id_title").fill("Zwischennutzung Marktstraße 12")
    page.locator("#start-checklist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwischennutzung Marktstraße 12")
    run = ChecklistRun.objects.get()
    total = run.item_count
    assert total == 30
    bar = page.locator("#run-progress-bar")
    expect(bar).to_have_attribute("max", str(total))
    expect(bar).to_have_attribute("value", "0")

    buttons = page.locator(".check-button")
    for index in range(3):
        buttons.nth(index).click()
        expect(buttons.nth(index)).to_have_attribute("aria-pressed", "true")
    expect(bar).to_have_attribute("value", "3")
    expect(page.locator("#run-progress-label")).to_contain_text(re.compile(rf"3\D+{total}"))
    expect(page.get_by_text("Mira Muster").first).to_be_visible()
    assert_accessible(page)
    run.refresh_from_db()
    assert run.done_count == 3

    # without htmx the same button posts a form; the page shows the new state
    page.goto(run.get_absolute_url())
    expect(page.locator("#run-progress-bar")).to_have_attribute("value", "3")

    article = Article.objects.get(title=CHECKLIST)
    page.goto(article.get_absolute_url())
    expect(page.locator("#checklist-start")).to_contain_text("Zwischennutzung Marktstraße 12")


def test_version_history_shows_the_changes(page: Page, assert_accessible):
    from quartier.knowledge import services

    editor = UserFactory(is_staff=True, first_name="Erika", last_name="Redaktion")
    article = services.save_article(
        Article(
            kind="guide",
            title="Hofflohmarkt",
            slug="hofflohmarkt",
            summary="Wie Nachbarn gemeinsam verkaufen.",
            body="Erst die Höfe fragen.\n\nDann Plakate aufhängen.",
            status="published",
        ),
        by=editor,
    )
    article.body = "Erst die Höfe und die Hausverwaltung fragen.\n\nDann Plakate aufhängen."
    services.save_article(article, by=editor)
    page.goto("/wissen/hofflohmarkt/versionen/")
    expect(page.locator("#comparison ins")).to_contain_text("Hausverwaltung")
    expect(page.locator("#versions tbody tr")).to_have_count(2)
    assert_accessible(page)


def test_writing_a_draft_with_the_form(page: Page, assert_accessible):
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user)
    log_in(page, user.email, PASSWORD)
    page.goto("/wissen/neu/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("guide")
    page.locator("#id_title").fill("Ein Hofflohmarkt")
    page.locator("#id_summary").fill("Wie Nachbarn gemeinsam verkaufen.")
    page.locator("#id_body").fill("Erst die **Höfe** fragen.")
    page.locator("#article-form button[hx-post]").click()
    expect(page.locator("#preview strong")).to_have_text("Höfe")
    page.locator("#article-form button[type=submit]").click()
    expect(page.locator("#article-status")).to_be_visible()
    assert Article.objects.get().status == "draft"
    assert_accessible(page)
