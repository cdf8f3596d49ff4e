import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.places.models import Match, PlacePhoto, PlaceUse
from quartier.places.services import advance_match, propose_match
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (11, 93, 59)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_whoever_may_change_a_place_adds_photos_with_a_description(client, media):
    place = PlaceFactory(created_by=UserFactory())
    client.force_login(place.created_by)
    client.post(
        reverse("places:photo_add", args=[place.pk]),
        {
            "image": SimpleUploadedFile("laden.png", png(), content_type="image/png"),
            "description": "Schaufenster zur Marktgasse",
        },
    )
    photo = PlacePhoto.objects.get(place=place)
    page = client.get(place.get_absolute_url()).content.decode()
    assert 'alt="Schaufenster zur Marktgasse"' in page and photo.image.url in page


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client, media):
    place = PlaceFactory(created_by=UserFactory())
    client.force_login(place.created_by)
    response = client.post(
        reverse("places:photo_add", args=[place.pk]),
        {
            "image": SimpleUploadedFile("laden.png", b"kein bild", content_type="image/png"),
            "description": "Kaputt",
        },
        follow=True,
    )
    assert not PlacePhoto.objects.exists()
    assert 'class="message message-error"' in response.content.decode()


def test_strangers_add_no_photos(client, media):
    place = PlaceFactory(created_by=UserFactory())
    client.force_login(UserFactory())
    response = client.post(
        reverse("places:photo_add", args=[place.pk]),
        {
            "image": SimpleUploadedFile("laden.png", png(), content_type="image/png"),
            "description": "Fremd",
        },
    )
    assert response.status_code == 403 and not PlacePhoto.objects.exists()


def test_the_history_of_uses_follows_the_brokering():
    owner = ActorFactory()
    member = MembershipFactory(actor=owner).user
    place = PlaceFactory(owner=owner)
    request = SpaceRequestFactory(actor=ActorFactory(name="Studis fürs Tal"))
    match = propose_match(request, place, by=member)
    Match.objects.filter(pk=match.pk).update(status="requested")
    for step in ("agree", "start_use"):
        advance_match(match, step, by=member)
    use = PlaceUse.objects.get(place=place)
    assert use.user_name == "Studis fürs Tal" and use.end is None
    advance_match(match, "end", by=member)
    use.refresh_from_db()
    assert use.end is not None
