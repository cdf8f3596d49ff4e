"""The audit trail: every service that changes a record calls `record_change`."""

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from quartier.core.models import ChangeRecord


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(instance, name)) for name in fields}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record_change(
    instance: models.Model, *, by: Any, action: str, changes: dict[str, Any] | None = None
) -> ChangeRecord:
    user = by if getattr(by, "is_authenticated", False) else None
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        user=user,
        action=action,
        changes=changes or {},
    )


def history_of(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("user")


BULK_BATCH_SIZE = 500


def record_imports(
    objects: Sequence[models.Model], fields: list[str], *, by: Any, source: str
) -> None:
    """One "imported" change record per object of a bulk write (one query per batch), with
    the tracked fields and where the records came from (`source`, e.g. the import's file)."""
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    user = by if getattr(by, "is_authenticated", False) else None
    ChangeRecord.objects.bulk_create(
        [
            ChangeRecord(
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                user=user,
                action=ChangeRecord.Action.IMPORTED,
                changes={**snapshot(obj, fields), "import": source},
            )
            for obj in objects
        ],
        batch_size=BULK_BATCH_SIZE,
    )
