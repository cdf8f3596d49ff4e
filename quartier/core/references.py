"""Refuses references to records that do not exist, before a service follows them.

An id in a request body (`owner_id`, `parent_id`, `alliance_id`, …) reaches a service as a
foreign key value; following it (`place.owner`) would raise `DoesNotExist`, a server error.
`check_references` turns it into a validation error that names the field, as the request
sent it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def check_references(instance: models.Model) -> None:
    """Raises a ValidationError keyed by `<field>_id` for every foreign key of `instance`
    whose id is set but names no record (one query per such key not yet loaded)."""
    errors: dict[str, ValidationError] = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        value = getattr(instance, field.attname)
        if value is None or field.is_cached(instance):
            continue
        related = field.remote_field.model._base_manager.filter(
            **{field.target_field.attname: value}
        )
        if not related.exists():
            errors[field.attname] = ValidationError(
                _("There is no %(thing)s with the id %(id)s."),
                code="does_not_exist",
                params={"thing": field.remote_field.model._meta.verbose_name, "id": value},
            )
    if errors:
        raise ValidationError(errors)
