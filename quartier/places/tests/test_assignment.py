import datetime

import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory
from quartier.core.models import TaskProgress
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.models import Match
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    neighbourhood = NeighbourhoodFactory(name="Talviertel")
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    big = PlaceFactory(name="Großer Laden", area_m2=140, neighbourhood=neighbourhood)
    small = PlaceFactory(name="Kleiner Laden", area_m2=60, neighbourhood=neighbourhood)
    PlaceFactory(name="Anderswo", neighbourhood=NeighbourhoodFactory())
    calm = SpaceRequestFactory(
        title="Galerie",
        area_m2_min=50,
        area_m2_max=150,
        actor=ActorFactory(neighbourhoods=[neighbourhood]),
    )
    displaced = SpaceRequestFactory(
        title="Verdrängte Werkstatt",
        area_m2_min=120,
        area_m2_max=160,
        current_place_ends=datetime.date(2027, 1, 31),
        actor=ActorFactory(neighbourhoods=[neighbourhood]),
    )
    return {
        "neighbourhood": neighbourhood,
        "manager": manager,
        "big": big,
        "small": small,
        "calm": calm,
        "displaced": displaced,
    }


def _start(client, quarter, capture):
    with capture(execute=True):  # the task starts once the request's transaction commits
        return client.post(
            reverse("places:assignment_start"), {"neighbourhood": quarter["neighbourhood"].pk}
        )


def test_a_manager_matches_the_neighbourhood_and_sends_the_proposals(
    client, quarter, django_capture_on_commit_callbacks
):
    client.force_login(quarter["manager"])
    response = _start(client, quarter, django_capture_on_commit_callbacks)
    progress = TaskProgress.objects.get()
    assert response["Location"] == reverse("core:task_progress", args=[progress.pk])
    assert progress.status == "done"
    pairs = {(p["request_title"], p["place_name"]) for p in progress.result["pairs"]}
    # the displaced workshop needs the big shop, so the gallery gets the small one
    assert pairs == {("Verdrängte Werkstatt", "Großer Laden"), ("Galerie", "Kleiner Laden")}

    review = client.get(progress.result_url).content.decode()
    assert "Verdrängte Werkstatt" in review and "verliert seinen Ort" in review
    client.post(progress.result_url)
    assert set(Match.objects.values_list("request__title", "place__name", "status")) == {
        ("Verdrängte Werkstatt", "Großer Laden", "proposed"),
        ("Galerie", "Kleiner Laden", "proposed"),
    }


def test_only_managers_of_the_neighbourhood_and_admins_start_it(client, quarter):
    client.force_login(UserFactory())
    response = client.post(
        reverse("places:assignment_start"), {"neighbourhood": quarter["neighbourhood"].pk}
    )
    assert response.status_code == 403
    assert not TaskProgress.objects.exists()


def test_nobody_reviews_another_brokers_result(client, quarter, django_capture_on_commit_callbacks):
    client.force_login(quarter["manager"])
    _start(client, quarter, django_capture_on_commit_callbacks)
    progress = TaskProgress.objects.get()
    client.force_login(UserFactory(is_superuser=False))
    assert client.get(progress.result_url).status_code == 404
    assert client.post(progress.result_url).status_code == 404
    assert not Match.objects.exists()


def test_sending_reports_each_pair_it_skipped_and_why(
    client, quarter, django_capture_on_commit_callbacks
):
    client.force_login(quarter["manager"])
    _start(client, quarter, django_capture_on_commit_callbacks)
    progress = TaskProgress.objects.get()
    quarter["small"].delete()  # the gallery's place is gone before the review is sent
    quarter["neighbourhood"].managers.remove(quarter["manager"])
    response = client.post(progress.result_url, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any("0" in m for m in shown)
    skipped = [m for m in shown if "Galerie" in m or "Verdrängte Werkstatt" in m]
    assert len(skipped) == 2, shown
    assert any("Kleiner Laden" in m and "nicht mehr" in m for m in skipped), shown
    assert not Match.objects.exists()
