"""Uploaded files that no row references any more (left by a crash between writing the file
and committing the row, by deletions outside the services, or by older versions) are found
and removed by `quartier sweep_media`, which `quartier daily` runs.

Only files below the upload directories of the models' file fields (`upload_to`) are looked
at; anything else under MEDIA_ROOT is left alone. Files younger than a grace period are kept,
so that an upload whose row is still being saved is never removed."""

import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import FileField, Model

GRACE = timedelta(hours=24)


def _file_fields() -> list[tuple[type[Model], FileField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]


def upload_dirs() -> set[str]:
    """The directories (relative to MEDIA_ROOT) the file fields store into."""
    dirs = set()
    for _model, field in _file_fields():
        if isinstance(field.upload_to, str) and field.upload_to.strip("/"):
            # a date pattern ("x/%Y/") starts a level below its fixed part
            fixed = field.upload_to.split("%", 1)[0]
            dirs.add(fixed.strip("/"))
    return {d for d in dirs if d}


def referenced_files() -> set[str]:
    names: set[str] = set()
    for model, field in _file_fields():
        rows = model._default_manager.exclude(**{field.name: ""}).exclude(
            **{f"{field.name}__isnull": True}
        )
        names.update(rows.values_list(field.name, flat=True).iterator())
    return names


def orphaned_files(grace: timedelta = GRACE) -> list[str]:
    """Files in the upload directories that no row references, older than `grace`."""
    root = Path(settings.MEDIA_ROOT)
    referenced = referenced_files()
    cutoff = time.time() - grace.total_seconds()
    orphans = []
    for directory in sorted(upload_dirs()):
        base = root / directory
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            name = path.relative_to(root).as_posix()
            if name not in referenced and path.stat().st_mtime < cutoff:
                orphans.append(name)
    return orphans


def sweep_media(*, delete: bool, grace: timedelta = GRACE) -> list[str]:
    """The orphaned files; deleted when `delete` is true."""
    orphans = orphaned_files(grace)
    if delete:
        root = Path(settings.MEDIA_ROOT)
        for name in orphans:
            (root / name).unlink(missing_ok=True)
    return orphans
