import datetime
import io
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.places.models import Match, Place, SpaceRequest, UseAgreement
from quartier.places.services import advance_match, propose_match
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory


@pytest.fixture
def sides(db):
    owner = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    owner_member = MembershipFactory(actor=owner).user
    place = PlaceFactory(owner=owner, name="Ladenlokal Marktgasse 3", rent_eur_month=250)
    initiative = ActorFactory(name="Studis fürs Tal")
    initiative_member = MembershipFactory(actor=initiative).user
    request = SpaceRequestFactory(actor=initiative, title="Galerie gesucht")
    return {
        "place": place,
        "request": request,
        "owner": owner_member,
        "initiative": initiative_member,
    }


@pytest.mark.django_db
def test_from_asking_to_a_signed_agreement_and_the_pdf(client, sides):
    client.force_login(sides["initiative"])
    response = client.post(
        reverse("places:match_propose", args=[sides["request"].pk, sides["place"].pk])
    )
    match = Match.objects.get()
    assert response["Location"] == match.get_absolute_url()
    assert match.status == "requested" and match.reasons
    # the request's page now links to the brokering instead of offering to ask again
    page = client.get(sides["request"].get_absolute_url()).content.decode()
    assert match.get_absolute_url() in page
    assert (
        reverse("places:match_propose", args=[sides["request"].pk, sides["place"].pk]) not in page
    )

    # the initiative cannot agree on behalf of the owner
    assert client.post(reverse("places:match_advance", args=[match.pk, "agree"])).status_code == 403
    client.force_login(sides["owner"])
    client.post(reverse("places:match_advance", args=[match.pk, "viewing"]))
    client.post(reverse("places:match_advance", args=[match.pk, "agree"]))
    match.refresh_from_db()
    assert match.status == "agreed"
    agreement = UseAgreement.objects.get(match=match)
    assert (agreement.start.isoformat(), agreement.end.isoformat()) == ("2027-02-01", "2027-08-01")

    pdf = client.get(reverse("places:agreement_pdf", args=[match.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and b"%%EOF" in pdf.content[-1024:]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Zwischennutzungsvereinbarung" in text
    assert "Studis fürs Tal" in text and "Talviertel Wohnen GmbH" in text
    assert "01.02.2027" in text and "01.08.2027" in text and "Brandschutz" in text

    client.post(reverse("places:match_advance", args=[match.pk, "start_use"]))
    assert Place.objects.get(pk=sides["place"].pk).status == "interim"
    assert SpaceRequest.objects.get(pk=sides["request"].pk).status == "found"

    client.force_login(UserFactory())
    assert client.get(match.get_absolute_url()).status_code == 404
    assert client.get(reverse("places:agreement_pdf", args=[match.pk])).status_code == 404


@pytest.mark.django_db
def test_declining_needs_a_reason(client, sides):
    match = propose_match(sides["request"], sides["place"], by=sides["initiative"])
    client.force_login(sides["owner"])
    response = client.post(
        reverse("places:match_advance", args=[match.pk, "decline"]), {"reason": ""}, follow=True
    )
    assert "Bitte geben Sie einen Grund" in response.content.decode()
    client.post(
        reverse("places:match_advance", args=[match.pk, "decline"]), {"reason": "Schon vergeben"}
    )
    match.refresh_from_db()
    assert match.status == "declined" and match.decline_reason == "Schon vergeben"


@pytest.mark.django_db
def test_a_place_that_does_not_fit_cannot_be_asked_for(sides):
    small = PlaceFactory(area_m2=10)
    with pytest.raises(ValidationError):
        propose_match(sides["request"], small, by=sides["initiative"])


@pytest.mark.django_db
def test_no_two_agreements_for_overlapping_periods(sides):
    other = SpaceRequestFactory(title="Zweite Galerie", start=datetime.date(2027, 5, 1), months=3)
    later = SpaceRequestFactory(title="Später", start=datetime.date(2027, 8, 1), months=3)
    first = propose_match(sides["request"], sides["place"], by=sides["owner"])
    second = propose_match(other, sides["place"], by=sides["owner"])
    third = propose_match(later, sides["place"], by=sides["owner"])
    for match in (first, second, third):
        Match.objects.filter(pk=match.pk).update(status="requested")
    advance_match(first, "agree", by=sides["owner"])
    with pytest.raises(ValidationError):
        advance_match(second, "agree", by=sides["owner"])
    advance_match(third, "agree", by=sides["owner"])  # starts when the first ends
    assert UseAgreement.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_people_agreeing_at_the_same_moment_give_the_place_once(sides, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks between two connections are tested on PostgreSQL; SQLite "
            "runs one writer at a time"
        )
    other = SpaceRequestFactory(title="Zweite Galerie", start=datetime.date(2027, 3, 1), months=6)
    matches = [
        propose_match(sides["request"], sides["place"], by=sides["owner"]),
        propose_match(other, sides["place"], by=sides["owner"]),
    ]
    Match.objects.update(status="requested")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    # Widen the window between "is the period free?" and writing the agreement, so that
    # without the lock both would see a free period.
    create = UseAgreement.objects.create

    def slow_create(**fields: object) -> UseAgreement:
        time.sleep(0.5)
        return create(**fields)

    monkeypatch.setattr(UseAgreement.objects, "create", slow_create)

    def agree(match: Match) -> None:
        try:
            barrier.wait()
            advance_match(match, "agree", by=sides["owner"])
            outcomes.append("agreed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=agree, args=(m,)) for m in matches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["agreed", "refused"]
    assert UseAgreement.objects.count() == 1


@pytest.mark.django_db
def test_the_workflow_through_the_api(client, sides):
    import json

    from quartier.accounts.services import create_token

    def call(user, url, body):
        token = create_token(user, "t")[1]
        return client.post(
            url,
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )

    created = call(
        sides["initiative"],
        "/api/v1/matches",
        {"request": sides["request"].pk, "place": sides["place"].pk},
    )
    assert created.status_code == 201 and created.json()["status"] == "requested"
    match_id = created.json()["id"]
    assert call(sides["initiative"], f"/api/v1/matches/{match_id}/agree", {}).status_code == 403
    assert call(UserFactory(), f"/api/v1/matches/{match_id}/agree", {}).status_code == 404
    bad = call(sides["owner"], f"/api/v1/matches/{match_id}/decline", {"reason": ""})
    assert bad.status_code == 422
    agreed = call(sides["owner"], f"/api/v1/matches/{match_id}/agree", {})
    assert agreed.status_code == 200 and agreed.json()["status"] == "agreed"
    assert call(sides["owner"], f"/api/v1/matches/{match_id}/agree", {}).status_code == 422
