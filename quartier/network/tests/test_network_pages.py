"""The network page of a neighbourhood: computed in the background, shown as graph data and a
table with every measure, exported, and never showing what the viewer may not see."""

import json

import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Tie
from quartier.actors.services import answer_tie, propose_tie
from quartier.actors.tests.factories import (
    ActorFactory,
    MembershipFactory,
    ResourceFactory,
    TieFactory,
)
from quartier.core.testing import assert_queries_do_not_grow
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.network.models import NetworkSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def talviertel():
    quarter = NeighbourhoodFactory(name="Talviertel")
    housing = ActorFactory(
        name="Wohnbau Talviertel", sector="housing", is_established=True, neighbourhoods=[quarter]
    )
    city = ActorFactory(
        name="Stadt Musterstadt", sector="municipal", is_established=True, neighbourhoods=[quarter]
    )
    shops = ActorFactory(name="Initiative Leere Läden", sector="creative", neighbourhoods=[quarter])
    secret = ActorFactory(
        name="Geheimer Verein", sector="culture", visibility="private", neighbourhoods=[quarter]
    )
    ResourceFactory(actor=housing, direction="offer", kind="space")
    ResourceFactory(actor=shops, direction="need", kind="space")
    TieFactory(source=housing, target=city)
    TieFactory(source=city, target=shops)
    TieFactory(source=secret, target=shops)
    return {"quarter": quarter, "housing": housing, "city": city, "shops": shops, "secret": secret}


def open_page(client, url, capture):
    with capture(execute=True):
        client.get(url)  # queues the computation; it runs after the commit
    return client.get(url)


def test_the_page_computes_in_the_background_and_shows_table_and_health(
    client, talviertel, django_capture_on_commit_callbacks
):
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    response = open_page(client, url, django_capture_on_commit_callbacks)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Initiative Leere Läden" in text and "Wohnbau Talviertel" in text
    assert "Betweenness" in text or "Zwischenzentralität" in text
    assert NetworkSnapshot.objects.get(audience="public").status == "done"
    graph = json.loads(
        text.split('id="network-data" type="application/json">')[1].split("</script>")[0]
    )
    assert {n["name"] for n in graph["nodes"]} == {
        "Wohnbau Talviertel",
        "Stadt Musterstadt",
        "Initiative Leere Läden",
    }


def test_private_actors_stay_invisible_in_measures_exports_and_suggestions(
    client, talviertel, django_capture_on_commit_callbacks
):
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    text = open_page(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "Geheimer Verein" not in text
    for fmt in ("csv", "gexf", "graphml"):
        export = client.get(
            reverse("network:export", args=[fmt]) + f"?neighbourhood={talviertel['quarter'].pk}"
        )
        assert export.status_code == 200
        assert "Geheimer Verein" not in export.content.decode()
        assert (
            str(talviertel["secret"].pk)
            not in {row.split(",")[0] for row in export.content.decode().splitlines()}
            or fmt != "csv"
        )
    snapshot = NetworkSnapshot.objects.get(audience="public")
    assert str(talviertel["secret"].pk) not in snapshot.result["nodes"]
    # the shops' only tie to the secret association does not count for them either
    assert snapshot.result["nodes"][str(talviertel["shops"].pk)]["degree"] == 1
    for s in snapshot.result["suggestions"]:
        assert str(talviertel["secret"].pk) not in (s["source"], s["target"])


def test_the_neighbourhood_manager_sees_all_actors(
    client, talviertel, django_capture_on_commit_callbacks
):
    manager = UserFactory()
    talviertel["quarter"].managers.add(manager)
    client.force_login(manager)
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    text = open_page(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "Geheimer Verein" in text


def test_the_suggestion_for_the_empty_shops_names_the_housing_company(
    client, talviertel, django_capture_on_commit_callbacks
):
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    text = open_page(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "Wohnbau Talviertel bietet Raum, Initiative Leere Läden sucht Raum" in text


def test_a_tie_change_marks_the_figures_stale(
    client, talviertel, django_capture_on_commit_callbacks
):
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    open_page(client, url, django_capture_on_commit_callbacks)
    assert not NetworkSnapshot.objects.get(audience="public").stale
    admin = MembershipFactory(actor=talviertel["housing"]).user
    propose_tie(
        Tie(source=talviertel["housing"], target=talviertel["shops"], kind="cooperation"), by=admin
    )
    assert NetworkSnapshot.objects.get(audience="public").stale


def test_filters_show_only_new_actors(client, talviertel, django_capture_on_commit_callbacks):
    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}&group=new"
    text = open_page(client, url, django_capture_on_commit_callbacks).content.decode()
    table = text.split('class="network-table"')[1].split("</table>")[0]
    assert "Initiative Leere Läden" in table and "Wohnbau Talviertel" not in table


def test_an_unknown_or_invisible_scope_is_not_found(client):
    assert client.get(reverse("network:page") + "?neighbourhood=999").status_code == 404
    assert client.get(reverse("network:page") + "?alliance=abc").status_code == 404


def test_the_network_page_does_not_query_per_actor(
    client, talviertel, django_capture_on_commit_callbacks
):
    quarter = talviertel["quarter"]
    url = reverse("network:page") + f"?neighbourhood={quarter.pk}"

    def add(count):
        for _ in range(count):
            actor = ActorFactory(neighbourhoods=[quarter])
            TieFactory(source=actor, target=talviertel["city"])
        NetworkSnapshot.objects.update(stale=True, status="done")
        with django_capture_on_commit_callbacks(execute=True):
            client.get(url)

    assert_queries_do_not_grow(client, url, add)


def test_the_profile_panel_shows_the_position_without_growing_queries(
    client, talviertel, django_capture_on_commit_callbacks
):
    quarter = talviertel["quarter"]
    open_page(
        client,
        reverse("network:page") + f"?neighbourhood={quarter.pk}",
        django_capture_on_commit_callbacks,
    )
    url = reverse("actors:detail", args=[talviertel["city"].slug])
    text = client.get(url).content.decode()
    assert "Netzwerkposition" in text or "Network position" in text

    def add(count):
        for _ in range(count):
            actor = ActorFactory(neighbourhoods=[quarter])
            TieFactory(source=actor, target=talviertel["city"])
        NetworkSnapshot.objects.update(stale=True, status="done")
        with django_capture_on_commit_callbacks(execute=True):
            client.get(reverse("network:page") + f"?neighbourhood={quarter.pk}")

    assert_queries_do_not_grow(client, url, add)


def test_an_initiated_tie_can_be_confirmed_by_either_side(talviertel):
    tie = TieFactory(
        source=talviertel["housing"],
        target=talviertel["shops"],
        status="initiated",
        claimed_by=talviertel["housing"],
    )
    member = MembershipFactory(actor=talviertel["housing"]).user
    answer_tie(tie, confirm=True, by=member)
    tie.refresh_from_db()
    assert tie.status == "confirmed"


def test_a_snapshot_left_pending_by_a_dead_worker_is_computed_again(
    client, talviertel, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    url = reverse("network:page") + f"?neighbourhood={talviertel['quarter'].pk}"
    with django_capture_on_commit_callbacks(execute=False):
        client.get(url)  # queued, but the worker never runs it
    snapshot = NetworkSnapshot.objects.get(audience="public")
    assert snapshot.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # recently queued: not queued twice
    assert NetworkSnapshot.objects.get(pk=snapshot.pk).status == "pending"
    NetworkSnapshot.objects.filter(pk=snapshot.pk).update(
        updated_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert NetworkSnapshot.objects.get(pk=snapshot.pk).status == "done"
