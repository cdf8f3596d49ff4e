"""Backup and restore of a whole installation: one tar.gz archive with

- `manifest.json`: format version, time, database it came from, rows per model, and the
  SHA-256 of every uploaded file;
- `data.json`: every table as Django JSON fixtures, with natural keys for content types and
  permissions, so that it loads into SQLite and PostgreSQL alike;
- `media/…`: the uploaded files (photos, logos, documents).

`restore_backup` reads such an archive into an installation without accounts (a new,
migrated or empty database): it empties the tables, loads the data, rebuilds the search
index and puts the files back under MEDIA_ROOT."""

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMAT = 1
# Rebuilt by `migrate` on the target, or of no use after a restore (log-ins).
# the search index is derived from the records: restore rebuilds it
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "search"]


def row_counts() -> dict[str, int]:
    """Rows per model, for the manifest and for checking a restore."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield path.relative_to(root).as_posix(), path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums() -> dict[str, str]:
    return {name: _sha256(path) for name, path in _media_files()}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def write_backup(path: str | Path) -> dict[str, Any]:
    """Writes the archive to `path` and returns its manifest."""
    path = Path(path)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=EXCLUDED,
            output=str(data),
            verbosity=0,
        )
        media = dict(_media_files())
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "rows": row_counts(),
            "media": {name: _sha256(file) for name, file in media.items()},
        }
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname="data.json")
            for name, file in media.items():
                archive.add(file, arcname=f"media/{name}")
    return manifest


def restore_backup(path: str | Path) -> dict[str, Any]:
    """Reads an archive of `write_backup` into this installation, which must have no
    accounts yet. Returns the archive's manifest."""
    from quartier.accounts.models import User  # noqa: PLC0415 – only when a backup is restored
    from quartier.search.indexing import rebuild_index  # noqa: PLC0415 – only when a backup is restored

    call_command("migrate", interactive=False, verbosity=0)
    if User.objects.exists():
        raise ValidationError(
            _("The database already has accounts; a backup is restored into an empty one.")
        )
    with tarfile.open(path, "r:gz") as archive:
        manifest_file = archive.extractfile("manifest.json")
        if manifest_file is None:
            raise ValidationError(_("This is no Quartier backup."))
        manifest = json.load(manifest_file)
        if manifest.get("format") != FORMAT:
            raise ValidationError(_("This backup has a format this version cannot read."))
        with tempfile.TemporaryDirectory() as work:
            archive.extract("data.json", work, filter="data")
            # empty every table; content types and permissions come back from the migrations
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                member.name = member.name.removeprefix("media/")
                archive.extract(member, media_root, filter="data")
    rebuild_index()
    return manifest
