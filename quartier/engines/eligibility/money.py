"""Money as integer cents: parsing, German formatting, exact shares.

Every amount in the engine is an `int` of euro cents; a share is computed with integer
arithmetic (floor), so sums reconcile to the cent and nothing is lost to binary floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def eur(cents: int) -> str:
    """German format: ``1.200 €`` for whole euros, ``1.200,50 €`` otherwise, ``-3,10 €``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    whole = f"{euros:,}".replace(",", ".")
    if rest:
        return f"{sign}{whole},{rest:02d} €"
    return f"{sign}{whole} €"


def percent(basis_points: int) -> str:
    """``10 %`` or ``12,5 %`` from basis points (1 % = 100)."""
    whole, rest = divmod(basis_points, 100)
    if rest:
        return f"{whole},{rest:02d}".rstrip("0") + " %"
    return f"{whole} %"


def to_cents(value: Decimal | int | str | float) -> int:
    """Euros (Decimal, int or a string with a dot or a German decimal comma) as cents,
    rounded half up. Raises ValueError for anything that is not an amount."""
    if isinstance(value, bool):
        raise ValueError("not an amount")
    if isinstance(value, str):
        text = value.strip().replace("€", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        value = text
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {value!r}") from error
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def share_of(cents: int, basis_points: int) -> int:
    """`basis_points`/10,000 of an amount, rounded up to the cent (a required own share is
    never rounded in the applicant's favour)."""
    return -((-cents * basis_points) // 10_000)
