"""Writes of the dashboard app: statistical values (the import's bulk write), indicators and
areas, and annotations with their moderation. Each checks permission, validates, runs in a
transaction and records the change."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.history import record_change
from quartier.core.rules import is_admin
from quartier.dashboard.models import (
    Annotation,
    StatisticalArea,
    StatisticIndicator,
    StatisticValue,
)
from quartier.neighbourhoods.models import Neighbourhood

ANNOTATION_LIMIT = 2000


@dataclass
class NewValue:
    area_id: int
    indicator_id: int
    year: int
    value: Decimal


def save_statistic_values(values: list[NewValue], *, by: User, source: str) -> int:
    """Adds or replaces the values (one per area, indicator and year). The caller (the
    import) has checked every row; the whole list is saved or nothing."""
    if not by.has_perm("dashboard.import_statistics"):
        raise PermissionDenied
    with transaction.atomic():
        keys = {(v.area_id, v.indicator_id, v.year) for v in values}
        areas = {v.area_id for v in values}
        old = StatisticValue.objects.filter(area_id__in=areas).values_list(
            "pk", "area_id", "indicator_id", "year"
        )
        replaced = [pk for pk, *key in old if tuple(key) in keys]
        for start in range(0, len(replaced), 500):
            StatisticValue.objects.filter(pk__in=replaced[start : start + 500]).delete()
        StatisticValue.objects.bulk_create(
            [
                StatisticValue(
                    area_id=v.area_id,
                    indicator_id=v.indicator_id,
                    year=v.year,
                    value=v.value,
                    imported_from=source[:300],
                )
                for v in values
            ],
            batch_size=500,
        )
    return len(values)


def save_indicator(indicator: StatisticIndicator, *, by: User) -> StatisticIndicator:
    if not is_admin(by):
        raise PermissionDenied
    indicator.full_clean()
    created = indicator.pk is None
    with transaction.atomic():
        indicator.save()
        record_change(indicator, by=by, action="created" if created else "changed")
    return indicator


def save_area(area: StatisticalArea, *, by: User) -> StatisticalArea:
    """Adds or changes a statistical area and its assignment to a neighbourhood (of the same
    municipality)."""
    if not (is_admin(by) or area.municipality.neighbourhoods.filter(managers=by).exists()):
        raise PermissionDenied
    hood = area.neighbourhood
    if hood is not None and hood.municipality_id != area.municipality_id:
        raise ValidationError(
            {"neighbourhood": _("The neighbourhood lies in another municipality.")}
        )
    area.full_clean()
    created = area.pk is None
    with transaction.atomic():
        area.save()
        record_change(area, by=by, action="created" if created else "changed")
    return area


def add_annotation(neighbourhood: Neighbourhood, figure: str, text: str, *, by: User) -> Annotation:
    if not by.has_perm("dashboard.add_annotation", neighbourhood):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what is behind the number.")})
    if len(text) > ANNOTATION_LIMIT:
        raise ValidationError(
            {"text": _("At most %(limit)s characters.") % {"limit": ANNOTATION_LIMIT}}
        )
    annotation = Annotation(neighbourhood=neighbourhood, figure=figure[:80], text=text, author=by)
    with transaction.atomic():
        annotation.save()
        record_change(annotation, by=by, action="created")
    return annotation


def moderate_annotation(annotation: Annotation, *, visible: bool, by: User) -> Annotation:
    if not by.has_perm("dashboard.moderate_annotation", annotation):
        raise PermissionDenied
    annotation.status = Annotation.Status.VISIBLE if visible else Annotation.Status.HIDDEN
    annotation.moderated_by = by
    with transaction.atomic():
        annotation.save(update_fields=["status", "moderated_by", "updated_at"])
        record_change(annotation, by=by, action="changed", changes={"status": annotation.status})
    return annotation
