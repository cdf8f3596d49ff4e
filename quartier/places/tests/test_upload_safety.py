"""Uploaded images are stored without metadata (no GPS position of the camera), only as PNG,
JPEG or WebP, within a pixel limit; a replaced or deleted logo's file is removed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from quartier.accounts.tests.factories import UserFactory
from quartier.actors import services as actor_services
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.images import clean_image
from quartier.places.models import PlacePhoto
from quartier.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (11, 93, 59))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "Kamera GmbH"  # Make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 47.0, 0.0), 3: "E", 4: (11.0, 44.0, 0.0)})
    out = io.BytesIO()
    image.save(out, fmt, exif=exif) if gps else image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_the_gps_position_of_a_photo_never_reaches_the_stored_file(client, media):
    original = image_bytes(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the test photo has GPS"
    place = PlaceFactory(created_by=UserFactory())
    client.force_login(place.created_by)
    client.post(
        reverse("places:photo_add", args=[place.pk]),
        {
            "image": SimpleUploadedFile("laden.jpg", original, content_type="image/jpeg"),
            "description": "Schaufenster",
        },
    )
    stored = PlacePhoto.objects.get(place=place).image
    with Image.open(stored.path) as image:
        assert not image.getexif()
        assert image.size == (40, 30)
    assert b"Kamera GmbH" not in stored.open("rb").read()


def test_only_png_jpeg_and_webp_are_accepted():
    for fmt in ("PNG", "JPEG", "WEBP"):
        assert clean_image(SimpleUploadedFile(f"a.{fmt}", image_bytes(fmt))).size > 0
    with pytest.raises(ValidationError, match="PNG, JPEG"):
        clean_image(SimpleUploadedFile("logo.png", image_bytes("GIF")))


@override_settings(IMAGE_MAX_PIXELS=1_000)
def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(client, media):
    with pytest.raises(ValidationError, match=r"Megapixel|megapixels"):
        clean_image(SimpleUploadedFile("gross.png", image_bytes("PNG", size=(50, 50))))
    place = PlaceFactory(created_by=UserFactory())
    client.force_login(place.created_by)
    response = client.post(
        reverse("places:photo_add", args=[place.pk]),
        {
            "image": SimpleUploadedFile("gross.png", image_bytes("PNG", size=(50, 50))),
            "description": "Zu groß",
        },
        follow=True,
    )
    assert response.status_code == 200 and not PlacePhoto.objects.exists()


def test_a_replaced_logo_and_the_logo_of_a_deleted_actor_are_removed(
    media, django_capture_on_commit_callbacks
):
    actor = ActorFactory()
    admin = MembershipFactory(actor=actor, role="admin").user
    actor.logo = clean_image(SimpleUploadedFile("alt.png", image_bytes("PNG")))
    with django_capture_on_commit_callbacks(execute=True):
        actor_services.update_actor(actor, by=admin)
    first = media / actor.logo.name
    assert first.exists()

    actor.logo = clean_image(SimpleUploadedFile("neu.png", image_bytes("PNG")))
    with django_capture_on_commit_callbacks(execute=True):
        actor_services.update_actor(actor, by=admin)
    second = media / actor.logo.name
    assert second.exists() and not first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        actor_services.delete_actor(actor, by=admin)
    assert not second.exists()
