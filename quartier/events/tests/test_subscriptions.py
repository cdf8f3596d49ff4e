"""Calendar subscriptions where people look: the events list, the neighbourhood page and the
alliance page lead to `webcal://` links of the public calendars, also for visitors."""

import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_finds_every_neighbourhood_calendar_one_click_from_the_events_list(client):
    talviertel = NeighbourhoodFactory(name="Talviertel", slug="talviertel")
    events = client.get(reverse("events:list")).content.decode()
    assert f'href="{reverse("events:feeds")}"' in events

    page = client.get(reverse("events:feeds")).content.decode()
    feed = reverse("events:neighbourhood_feed", args=[talviertel.slug])
    assert f'href="webcal://testserver{feed}"' in page
    assert f'value="https://testserver{feed}"' in page
    assert "Meinen Kalender abonnieren" not in page  # no personal calendar for visitors
    assert client.get(feed).status_code == 200


def test_the_neighbourhood_page_and_the_filtered_list_offer_its_calendar(client):
    talviertel = NeighbourhoodFactory(name="Talviertel", slug="talviertel")
    feed = f"webcal://testserver{reverse('events:neighbourhood_feed', args=['talviertel'])}"
    assert feed in client.get(talviertel.get_absolute_url()).content.decode()
    listed = client.get(reverse("events:list"), {"neighbourhood": talviertel.pk})
    assert feed in listed.content.decode()
    assert feed not in client.get(reverse("events:list")).content.decode()


def test_the_subscription_page_is_paginated_and_its_queries_do_not_grow(
    client, django_assert_max_num_queries
):
    NeighbourhoodFactory.create_batch(3)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("events:feeds")).status_code == 200
    NeighbourhoodFactory.create_batch(60)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("events:feeds")).content.decode()
    assert page.count("webcal://") < 60 and "seite=2" in page


def test_renewing_the_secret_addresses_needs_a_login(client):
    response = client.post(reverse("events:feeds"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    member = UserFactory()
    client.force_login(member)
    page = client.get(reverse("events:feeds")).content.decode()
    assert (
        "Meinen Kalender abonnieren" in page
        and "webcal://testserver/termine/feeds/persoenlich/" in page
    )
