"""Events in a real browser: a steering member of an alliance schedules a monthly round table,
writes the minutes of a meeting with two action items for two people, who find them on their
task list; a registration beyond the seats lands on the waiting list and moves up when a seat
frees. Every page passes the axe check.

Fields and buttons are found by their ids: the German translations of the events app are
merged into the catalogue separately."""

import re

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances.tests.factories import AllianceMemberFactory
from quartier.events.models import ActionItem, Series
from quartier.events.tests.factories import EventFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def switch_user(page: Page, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, email, PASSWORD)


def test_round_table_minutes_tasks_and_waiting_list(page: Page, assert_accessible):
    management = ActorFactory(name="Quartiersmanagement Talviertel")
    housing = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    initiative = ActorFactory(name="Initiative Ladenleben")
    alliance = AllianceMemberFactory(actor=management, role="initiator").alliance
    alliance.name = "Allianz Talviertel"
    alliance.save()
    AllianceMemberFactory(alliance=alliance, actor=housing)
    AllianceMemberFactory(alliance=alliance, actor=initiative)
    steer = MembershipFactory(actor=management, user__first_name="Sabine").user
    malte = MembershipFactory(actor=housing, user__first_name="Malte").user
    ines = MembershipFactory(actor=initiative, user__first_name="Ines").user
    EventFactory(title="Kreativtag im Kornspeicher", format="creative_day")

    log_in(page, steer.email, PASSWORD)
    page.goto("/termine/")
    expect(page.get_by_role("link", name="Kreativtag im Kornspeicher")).to_be_visible()
    assert_accessible(page)
    page.goto("/termine/monat/")
    expect(page.locator("table.month th[scope=col]")).to_have_count(7)
    assert_accessible(page)
    page.goto("/termine/neu/")
    assert_accessible(page)
    page.goto("/termine/kalender-abonnieren/")
    expect(page.locator("#personal-feed")).to_have_value(re.compile(r"/termine/feeds/persoenlich/"))
    assert_accessible(page)

    # schedule a monthly round table: every second Tuesday, one seat to see the waiting list
    page.goto("/termine/reihen/neu/")
    assert_accessible(page)
    page.locator("#id_title").fill("Runder Tisch Quartier")
    page.locator("#id_format").select_option("round_table")
    page.locator("#id_first_start").fill("2027-01-12T18:00")
    page.locator("#id_duration_minutes").fill("120")
    page.locator("#id_repeat").select_option("monthly_weekday")
    page.locator("#id_address").fill("Stadtteilbüro, Marktgasse 12")
    page.locator("#id_alliance").select_option(str(alliance.pk))
    page.locator(f"input[name='organisers'][value='{management.pk}']").check()
    page.locator("#id_capacity").fill("1")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Runder Tisch Quartier")
    series = Series.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert series.occurrences.count() >= 10  # a year ahead from today
    assert_accessible(page)
    occurrence_url = page.url

    # open the next occurrence and write its minutes with two action items
    page.goto(series.occurrences.order_by("start")[1].get_absolute_url())
    expect(page.locator("time").first).to_have_attribute("datetime", re.compile("^2027-02-09"))
    page.locator("a[href$='/protokoll/']").click()
    assert_accessible(page)
    page.locator("#id_text").fill("## Bericht\n\nZwei Erdgeschosse stehen für Zwischennutzung.")
    page.locator("#id_decisions").fill("Galerie in der Marktgasse 3\nQuartiersforum im Mai")
    page.locator("#save-minutes").click()
    for title, person in [
        ("Mietkonditionen zusammenstellen", malte),
        ("Initiativen ansprechen", ines),
    ]:
        page.locator("#id_item-title").fill(title)
        page.locator("#id_item-owner").select_option(str(person.pk))
        page.locator("#id_item-due_on").fill("2027-02-23")
        page.locator("#add-task").click()
        expect(page.get_by_role("cell", name=title)).to_be_visible()
    assert ActionItem.objects.count() == 2
    assert_accessible(page)

    # the steering member takes the one seat of the first meeting
    page.goto(occurrence_url)
    page.locator("#register-button").click()
    expect(page.locator("#registration-status")).to_be_visible()

    # each assignee sees their task on "Meine Aufgaben" and marks it done
    switch_user(page, malte.email)
    page.goto("/termine/aufgaben/")
    tasks = page.locator("#my-tasks")
    expect(tasks).to_contain_text("Mietkonditionen zusammenstellen")
    expect(tasks).not_to_contain_text("Initiativen ansprechen")
    assert_accessible(page)
    tasks.get_by_role("button").first.click()
    expect(page.locator("#my-tasks form button")).to_have_count(1)
    assert ActionItem.objects.get(owner=malte).status == "done"

    switch_user(page, ines.email)
    page.goto("/termine/aufgaben/")
    expect(page.locator("#my-tasks")).to_contain_text("Initiativen ansprechen")

    # beyond the seats: the waiting list, number 1
    page.goto(occurrence_url)
    page.locator("#register-button").click()
    expect(page.locator("#registration-status")).to_contain_text("1")
    assert_accessible(page)

    # a seat frees: Ines moves up and is told
    switch_user(page, steer.email)
    page.goto(occurrence_url)
    page.locator("a[href$='/anmeldungen/']").click()
    expect(page.get_by_role("table")).to_contain_text("Ines")
    assert_accessible(page)
    page.goto(occurrence_url)
    page.locator("form[action$='/abmelden/'] button").click()
    switch_user(page, ines.email)
    page.goto(occurrence_url)
    expect(page.locator("#registration-status")).to_be_visible()
    expect(page.locator("form[action$='/abmelden/'] button")).to_be_visible()
    registration = series.occurrences.order_by("start")[0].registrations.get(user=ines)
    assert registration.status == "confirmed"
