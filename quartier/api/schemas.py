"""What the domain routers share about request and response bodies: bounded ids, applying a
PATCH body to a model, and the common error schema."""

from enum import Enum
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from ninja import Field, Schema
from ninja.params import P, PathEx

MAX_ID = 2**63 - 1  # larger numbers are no id in any database; refused before a query runs
ObjectId = PathEx[int, P(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def empty_to_none(value: Any) -> Any:
    """For optional choices: "" means none, like null."""
    return None if value == "" else value


def body_values(
    payload: Schema, *, partial: bool = False, blank: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The fields of a request body (only those sent, for a PATCH) with enum members as their
    plain keys, ready to be set on a model. The `blank` fields (optional choices, which take
    "" or null for "none") become "" when empty."""
    data = payload.model_dump()
    sent = payload.model_fields_set
    values = {name: _plain(value) for name, value in data.items() if not partial or name in sent}
    for name in blank:
        if name in values and values[name] is None:
            values[name] = ""
    return values


def apply_changes(instance: models.Model, changes: dict[str, Any]) -> None:
    """Sets the fields of a PATCH body on the instance. `null` is refused for fields that
    cannot be empty in the database (a 422, not a database error)."""
    errors: dict[str, Any] = {}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        assert isinstance(field, models.Field), name  # only concrete fields come in a body
        if value is None and not field.null:
            errors[name] = DjangoValidationError(field.error_messages["null"], code="null")
            continue
        setattr(instance, getattr(field, "attname", name), value)
    if errors:
        raise DjangoValidationError(errors)


class ErrorOut(Schema):
    """The common error format (see quartier/api/errors.py)."""

    error: dict[str, Any]


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
