"""Replaced and orphaned uploads are deleted (security finding 12): a deleted photo's file
and the photos of a deleted place go once the deletion commits, a removed logo's file too,
and `quartier sweep_media` removes files under MEDIA_ROOT that no row references – a dry
run unless asked to delete, and never a file younger than the grace period."""

import io
import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from PIL import Image

from quartier.accounts.tests.factories import UserFactory
from quartier.actors import services as actor_services
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.images import clean_image
from quartier.places import services as place_services
from quartier.places.models import PlacePhoto
from quartier.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def photo_of(place, by) -> PlacePhoto:
    return place_services.add_photo(
        PlacePhoto(place=place, image=png(), description="Schaufenster"), by=by
    )


def age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_a_deleted_photo_and_the_photos_of_a_deleted_place_lose_their_files(
    media, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    place = PlaceFactory(created_by=owner)
    first, second, third = (photo_of(place, owner) for _ in range(3))
    files = [media / p.image.name for p in (first, second, third)]
    assert all(f.exists() for f in files)
    with django_capture_on_commit_callbacks(execute=True):
        place_services.delete_photo(first, by=owner)
    assert not files[0].exists() and files[1].exists()
    with django_capture_on_commit_callbacks(execute=True):
        place.delete()  # e.g. in the admin: the photos go with it, and their files
    assert not files[1].exists() and not files[2].exists()


def test_a_rolled_back_photo_deletion_keeps_the_file(media, django_capture_on_commit_callbacks):
    owner = UserFactory()
    photo = photo_of(PlaceFactory(created_by=owner), owner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place_services.delete_photo(photo, by=owner)
    assert callbacks and (media / photo.image.name).exists()  # nothing before the commit


def test_a_removed_logo_is_deleted(media, django_capture_on_commit_callbacks):
    actor = ActorFactory()
    admin = MembershipFactory(actor=actor, role="admin").user
    actor.logo = clean_image(png("logo.png"))
    with django_capture_on_commit_callbacks(execute=True):
        actor_services.update_actor(actor, by=admin)
    stored = media / actor.logo.name
    assert stored.exists()
    actor.logo = ""
    with django_capture_on_commit_callbacks(execute=True):
        actor_services.update_actor(actor, by=admin)
    assert not stored.exists()


def test_sweep_media_finds_orphans_and_deletes_them_only_when_asked(media):
    owner = UserFactory()
    kept = media / photo_of(PlaceFactory(created_by=owner), owner).image.name
    orphan = media / "places/photos/verwaist.png"
    young = media / "places/photos/gerade-hochgeladen.png"
    elsewhere = media / "fremd/notiz.txt"
    for path in (orphan, young, elsewhere):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    for path in (kept, orphan, elsewhere):
        age(path, 48)

    out = StringIO()
    call_command("sweep_media", stdout=out)  # a dry run by default
    assert "places/photos/verwaist.png" in out.getvalue()
    assert "gerade-hochgeladen" not in out.getvalue() and "notiz" not in out.getvalue()
    assert orphan.exists()

    call_command("sweep_media", "--delete", stdout=StringIO())
    assert not orphan.exists()
    assert kept.exists() and young.exists() and elsewhere.exists()

    call_command("sweep_media", "--delete", "--grace-hours", "0", stdout=StringIO())
    assert not young.exists() and kept.exists()


def test_the_daily_run_sweeps_orphaned_media(media):
    orphan = media / "actors/logos/alt.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    age(orphan, 48)
    out = StringIO()
    call_command("daily", stdout=out)
    assert not orphan.exists() and "actors/logos/alt.png" in out.getvalue()
