from decimal import Decimal

from django import template

from quartier.engines.eligibility import eur as format_cents
from quartier.engines.eligibility import to_cents

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    """1.200 € / 1.200,50 € for an amount in euros."""
    if value is None or value == "":
        return "–"
    return format_cents(to_cents(value))


@register.filter
def cents_eur(value: int | None) -> str:
    return "–" if value is None else format_cents(value)
