"""The draw rule (Mittelabruf) after the general conditions for project funding (ANBest-P
1.4): grant money may be drawn only as far as it is needed for payments due within a short
window (six weeks by default), and only in proportion to the other financing (own funds,
other funders) — the grant's share of what is due.

The rule is cumulative, so it holds over any sequence of draws:

    may_draw = min(floor(due × grant / financing), grant − withheld) − drawn

where `due` is every expense due on or before the end of the window (paid or not),
`financing` the grant plus own funds plus other funders. Integer cents throughout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_WINDOW_DAYS = 42


@dataclass(frozen=True, slots=True)
class DrawLimit:
    due_in_window: int
    """Expenses due up to the end of the window (cents, cumulative)."""
    grant_share_of_due: int
    """The grant's pro-rata share of those expenses."""
    cap: int
    """What may ever be drawn before the final check: grant less the withheld share."""
    drawn: int
    may_draw: int
    window_ends: date


def due_within(expenses: Iterable[tuple[date, int]], today: date, window_days: int) -> int:
    """Sum of the expenses (due date, cents) due on or before today + window."""
    end = today + timedelta(days=window_days)
    return sum(amount for due, amount in expenses if due <= end)


def draw_limit(
    *,
    expenses: Iterable[tuple[date, int]],
    today: date,
    grant: int,
    own_funds: int,
    other_funders: int,
    drawn: int,
    withheld: int = 0,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> DrawLimit:
    if min(grant, own_funds, other_funders, drawn, withheld, window_days) < 0:
        raise ValueError("amounts and the window must not be negative")
    due = due_within(expenses, today, window_days)
    financing = grant + own_funds + other_funders
    share = (due * grant) // financing if financing else 0
    share = min(share, grant)
    cap = max(grant - withheld, 0)
    may = max(min(share, cap) - drawn, 0)
    return DrawLimit(due, share, cap, drawn, may, today + timedelta(days=window_days))
