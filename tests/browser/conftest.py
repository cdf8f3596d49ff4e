"""Browser harness: Debian's Chromium driven by Playwright against pytest-django's live
server, and an axe-core check for WCAG 2.1 AA. Every browser test gets:

- `page`: a fresh German browser context on the live server (relative URLs work),
- `assert_accessible(page)`: fails with axe's report when the page has a violation.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import get_resolver
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _url_configuration_loaded() -> None:
    """Importing every page and API module takes seconds on a busy machine: done once here,
    not inside the first page's timeout."""
    get_resolver().url_patterns  # noqa: B018 – the import is the point


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium fehlt unter {CHROMIUM}: `make chromium` installiert es.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Whatever the Content-Security-Policy blocks (an inline script or style, a foreign
    # source) shows as a console error; a journey that triggers one fails.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not blocked, "Die Content-Security-Policy blockiert:\n" + "\n".join(blocked)


@pytest.fixture(scope="session")
def assert_accessible() -> Callable[[Page], None]:
    axe = Axe()

    def check(page: Page) -> None:
        results = axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, (
            f"axe-core findet Barrieren auf {page.url}:\n{results.generate_report()}"
        )

    return check
