"""Every page family on a 320 px wide screen (WCAG 1.4.10 Reflow), and the menu button that
the main navigation collapses into there.

The reflow test loads the whole demo and walks the pages the way a visitor does: from the
home page along the links of each page, at most two pages of every family (a path with
its ids and slugs replaced), once anonymously, once as a member of an initiative and once as
the administrator. It fails when a page is wider than the screen, naming the widest parts."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from quartier.actors.demo import INITIATIVE_USER_EMAIL

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 320
DEMO_PASSWORD = "quartier-demo"
# downloads, feeds, writes and what leaves the pages for people
SKIP = re.compile(
    r"logout|abmelden|/admin|/api/|export|download|\.pdf|\.csv|\.xlsx|\.ics|\.json|geojson"
    r"|gexf|graphml|feed|kalender\.|loeschen|/static/|/media/|mailto:"
)
FAMILY = re.compile(r"/(\d+|[0-9a-f-]{32,36}|[a-z0-9]+(?:-[a-z0-9]+)+)(?=/)")
TOO_WIDE = """[...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


def _walk(page: Page, pages_per_family: int = 2, limit: int = 120) -> tuple[int, list[str]]:
    seen: set[str] = set()
    families: dict[str, int] = {}
    queue = ["/"]
    problems = []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if response is None or response.status >= 400:
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            problems.append(f"{path}: {width} px ({', '.join(page.evaluate(TOO_WIDE))})")
        for href in page.eval_on_selector_all(
            "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
        ):
            href = href.split("#")[0]
            if not href or "?" in href or SKIP.search(href):
                continue
            family = FAMILY.sub("/X", href)
            if families.get(family, 0) < pages_per_family:
                families[family] = families.get(family, 0) + 1
                queue.append(href)
    return len(seen), problems


def test_every_page_family_fits_a_320_px_screen(page: Page):
    call_command("demo", stdout=StringIO())
    page.set_viewport_size({"width": WIDTH, "height": 640})
    visited, problems = _walk(page)
    log_in(page, INITIATIVE_USER_EMAIL, DEMO_PASSWORD)
    more, member_problems = _walk(page)
    page.context.clear_cookies()
    log_in(page, "admin@musterstadt.example", DEMO_PASSWORD)
    most, admin_problems = _walk(page)
    assert visited > 30 and more > 60 and most > 60, (visited, more, most)
    problems += member_problems + admin_problems
    assert not problems, f"Bei {WIDTH} px breiter als der Bildschirm:\n" + "\n".join(problems)

    # a table wider than the screen scrolls inside a named region reached by keyboard
    page.goto("/orte/leerstand/")
    region = page.locator("main .table-scroll[role=region]").first
    expect(region).to_have_attribute("tabindex", "0")
    assert region.get_attribute("aria-label")
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_the_main_navigation_collapses_into_a_menu_button(page: Page, assert_accessible):
    page.set_viewport_size({"width": WIDTH, "height": 640})
    page.goto("/")
    menu = page.get_by_role("button", name="Menü")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation.get_by_role("link", name="Akteure")).to_be_hidden()
    assert_accessible(page)

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Akteure")).to_be_visible()
    page.keyboard.press("Tab")
    expect(navigation.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()

    page.set_viewport_size({"width": 1024, "height": 768})
    expect(menu).to_be_hidden()
    expect(navigation.get_by_role("link", name="Akteure")).to_be_visible()
