"""The validation report. An issue is stored as plain JSON – row number, column header, a code
and its parameters – and worded only when shown, so the report reads in the language of
whoever looks at it: „Zeile 7, Spalte „Sektor“: „Kultur“ ist kein bekannter Sektor“."""

from collections.abc import Callable
from typing import Any, TypedDict

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.places.models import Condition, PlaceKind, PlaceStatus, Use


class Issue(TypedDict):
    row: int
    column: str
    code: str
    params: dict[str, Any]


PROBLEMS: dict[str, Promise] = {
    "required": gettext_lazy("a value is required"),
    "too_long": gettext_lazy("the text has %(length)s characters, at most %(limit)s are allowed"),
    "unknown_sector": gettext_lazy("“%(value)s” is not a known sector"),
    "unknown_legal_form": gettext_lazy("“%(value)s” is not a known legal form"),
    "unknown_kind": gettext_lazy("“%(value)s” is not a known kind of offer or need"),
    "unknown_visibility": gettext_lazy("“%(value)s” is not a known visibility"),
    "unknown_situation_type": gettext_lazy("“%(value)s” is not a known situation type"),
    "unknown_context": gettext_lazy("“%(value)s” is not a known context"),
    "unknown_challenge": gettext_lazy("“%(value)s” is not a known challenge"),
    "unknown_state": gettext_lazy("“%(value)s” is not a German federal state"),
    "unknown_neighbourhood": gettext_lazy(
        "no neighbourhood has the short name or name “%(value)s”"
    ),
    "ambiguous_neighbourhood": gettext_lazy(
        "several neighbourhoods are called “%(value)s”; give the short name instead"
    ),
    "ambiguous_municipality": gettext_lazy(
        "several municipalities are called “%(value)s”; give the federal state as well"
    ),
    "state_required": gettext_lazy(
        "the municipality “%(value)s” is not known yet; give its federal state so that it "
        "can be created"
    ),
    "not_a_number": gettext_lazy("“%(value)s” is not a number"),
    "not_a_whole_number": gettext_lazy("“%(value)s” is not a whole number of at least 0"),
    "out_of_range": gettext_lazy("%(value)s lies outside the valid range from %(low)s to %(high)s"),
    "postcode": gettext_lazy("“%(value)s” is not a German postcode (five digits)"),
    "url": gettext_lazy("“%(value)s” is not a valid web address"),
    "position_incomplete": gettext_lazy("give both latitude and longitude, or neither"),
    "boolean": gettext_lazy("“%(value)s” means neither yes nor no"),
    "slug_invalid": gettext_lazy(
        "“%(value)s” is not a valid short name (lower-case letters, digits and hyphens)"
    ),
    "slug_taken": gettext_lazy("a neighbourhood with the short name “%(value)s” already exists"),
    "slug_twice": gettext_lazy(
        "the short name “%(value)s” already appears in row %(first)s of the file"
    ),
    "official_key": gettext_lazy("“%(value)s” is not an official municipality key (eight digits)"),
    # places (a municipal vacancy list)
    "unknown_place_kind": gettext_lazy(
        "“%(value)s” is not a known kind of place; allowed are: %(allowed)s"
    ),
    "unknown_place_status": gettext_lazy(
        "“%(value)s” is not a known status; allowed are: %(allowed)s"
    ),
    "unknown_use": gettext_lazy("“%(value)s” is not a known use; allowed are: %(allowed)s"),
    "unknown_condition": gettext_lazy(
        "“%(value)s” is not a known condition; allowed are: %(allowed)s"
    ),
    "not_a_date": gettext_lazy("“%(value)s” is not a date (e.g. 31.12.2025 or 2025-12-31)"),
    "until_before_from": gettext_lazy("%(value)s lies before the start of availability"),
    "rent": gettext_lazy(
        "“%(value)s” is neither an amount in euros (e.g. 450 or 1.200,50) nor “free”"
    ),
    "area": gettext_lazy("“%(value)s” is not an area in m² (e.g. 85 or 1.234,5)"),
    "address_or_position": gettext_lazy(
        "give the street or the position (latitude and longitude) of the place"
    ),
    "unknown_owner": gettext_lazy(
        "no actor is called “%(value)s”; leave the cell empty when the owner is not registered"
    ),
    "ambiguous_owner": gettext_lazy("several actors are called “%(value)s”"),
    "owner_not_yours": gettext_lazy(
        "only members of “%(value)s” may name it as owner; leave the cell empty"
    ),
    "place_not_yours": gettext_lazy(
        "the identifier “%(value)s” belongs to the place “%(name)s”, which you may not change"
    ),
    "key_twice": gettext_lazy(
        "the identifier “%(value)s” already appears in row %(first)s of the file"
    ),
    # Warnings: the row can be imported, but the person should look at it.
    "actor_exists": gettext_lazy(
        "an actor called “%(value)s” already exists; this row adds another one"
    ),
    "name_twice": gettext_lazy("“%(value)s” already appears in row %(first)s of the file"),
}


def _labels(choices: type[models.TextChoices]) -> Callable[[], str]:
    return lambda: ", ".join(str(label) for label in choices.labels)


# Problems that list the allowed values, in the language of whoever reads the report.
ALLOWED_VALUES: dict[str, Callable[[], str]] = {
    "unknown_place_kind": _labels(PlaceKind),
    "unknown_place_status": _labels(PlaceStatus),
    "unknown_use": _labels(Use),
    "unknown_condition": _labels(Condition),
}


def issue(row: int, column: str, code: str, **params: Any) -> Issue:
    return {"row": row, "column": column, "code": code, "params": params}


def problem_text(entry: Issue) -> str:
    params = dict(entry.get("params") or {})
    if entry["code"] in ALLOWED_VALUES:
        params["allowed"] = ALLOWED_VALUES[entry["code"]]()
    template = PROBLEMS.get(entry["code"])
    if template is None:  # "invalid": a message of the model's own validation, kept as text
        return str(params.get("text") or entry["code"])
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def describe(entry: Issue) -> str:
    """The whole sentence: row, column and problem."""
    return _("Row %(row)s, column “%(column)s”: %(problem)s") % {
        "row": entry["row"],
        "column": entry["column"],
        "problem": problem_text(entry),
    }
