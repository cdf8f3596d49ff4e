"""The Content-Security-Policy also holds on the pages Quartier does not render itself: the
admin (for staff) and the API documentation (Swagger UI). Each page must render – the admin
its app list, the docs their operations – without the browser blocking anything."""

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page: Page) -> list[str]:
    """Everything the CSP blocked, every script error and every missing resource on the
    page, as it happens."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            or (message.type == "error" and "Failed to load resource" not in message.text)
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    return problems


SLOW = 60_000  # ms: the first request of a live server and the 350 KB schema take a while


def test_the_admin_renders_under_the_csp(page: Page):
    staff = UserFactory(is_staff=True, is_superuser=True)
    problems = watch(page)
    page.goto("/konto/login/", timeout=SLOW)
    log_in(page, staff.email, PASSWORD)
    page.goto("/admin/")
    expect(page.locator("#content-main")).to_be_visible()
    expect(page.get_by_role("table", name="Orte")).to_be_visible()
    page.goto("/admin/places/place/add/")
    expect(page.locator("form#place_form")).to_be_visible()
    page.goto("/admin/accounts/user/")  # a change list with its filters and actions
    expect(page.locator("#changelist")).to_be_visible()
    assert problems == []


def test_the_api_docs_show_their_operations_under_the_csp(page: Page):
    problems = watch(page)
    page.goto("/api/v1/docs", timeout=SLOW)
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible(timeout=SLOW)
    assert operations.count() > 50
    operations.first.locator(".opblock-summary").click()  # an operation opens
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert problems == []
