"""`quartier backup` and `quartier restore` round-trip a demo installation on the database the
tests run on (SQLite or PostgreSQL): the same rows per model and the same uploaded files."""

import io
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from quartier.core.backup import media_checksums, row_counts


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_demo_installation_survives_backup_and_restore(settings, tmp_path):
    from quartier.accounts.models import User
    from quartier.places import services
    from quartier.places.models import Place, PlacePhoto

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    place = Place.objects.order_by("pk").first()
    admin = User.objects.get(is_superuser=True)
    photo = PlacePhoto(place=place, description="Schaufenster")
    photo.image = SimpleUploadedFile("laden.png", _png(), content_type="image/png")
    services.add_photo(photo, by=admin)
    rows, files = row_counts(), media_checksums()
    assert rows["accounts.User"] >= 3 and rows["actors.Actor"] > 10 and len(files) >= 1

    archive = tmp_path / "sicherung.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert {"manifest.json", "data.json"} <= set(names)
    assert any(name.startswith("media/") for name in names)

    # a fresh installation: no rows, no files
    call_command("flush", interactive=False, verbosity=0)
    for file in (tmp_path / "media").rglob("*"):
        if file.is_file():
            file.unlink()
    assert row_counts()["accounts.User"] == 0

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "wiederhergestellt" in out.getvalue()
    assert row_counts() == rows
    assert media_checksums() == files
    assert User.objects.get(is_superuser=True).check_password(settings.DEMO_ADMIN_PASSWORD)

    # never over an installation that is in use
    with pytest.raises(CommandError, match=r"accounts|Konten"):
        call_command("restore", str(archive), stdout=io.StringIO())
