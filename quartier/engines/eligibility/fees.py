"""Fair pay: fee floors (Honoraruntergrenzen) and the fee calculator, as pure functions.

A floor is a minimum amount per unit (performance, day, week, month, hour); an honorarium
line names its unit, quantity and the amount per unit. The gap is what is missing to the
floor, per unit and in total."""

from __future__ import annotations

from dataclasses import dataclass

from .money import eur

UNITS = {
    "performance": ("Vorstellung", "Vorstellungen"),
    "day": ("Tag", "Tage"),
    "week": ("Woche", "Wochen"),
    "month": ("Monat", "Monate"),
    "hour": ("Stunde", "Stunden"),
}


@dataclass(frozen=True, slots=True)
class FloorCheck:
    rate: int
    floor: int
    quantity: int
    gap_per_unit: int
    gap_total: int

    @property
    def below(self) -> bool:
        return self.gap_per_unit > 0

    def message(self, unit: str) -> str:
        singular = UNITS.get(unit, (unit, unit))[0]
        if not self.below:
            return f"{eur(self.rate)} je {singular} erreicht die Untergrenze von {eur(self.floor)}."
        return (
            f"{eur(self.rate)} je {singular} liegt {eur(self.gap_per_unit)} unter der "
            f"Untergrenze von {eur(self.floor)}; es fehlen insgesamt {eur(self.gap_total)}."
        )


def check_floor(rate: int, floor: int, quantity: int) -> FloorCheck:
    """An honorarium of `rate` cents per unit for `quantity` units against a floor of
    `floor` cents per unit."""
    if rate < 0 or floor < 0 or quantity < 0:
        raise ValueError("amounts and quantities must not be negative")
    gap = max(floor - rate, 0)
    return FloorCheck(rate, floor, quantity, gap, gap * quantity)


@dataclass(frozen=True, slots=True)
class FeeCalculation:
    minutes: int
    work: int
    travel: int
    total: int
    hourly_floor: int | None
    floor_total: int | None

    @property
    def below_floor(self) -> bool:
        return self.floor_total is not None and self.work < self.floor_total


def calculate_fee(
    *,
    preparation_minutes: int,
    delivery_minutes: int,
    follow_up_minutes: int,
    travel_minutes: int,
    hourly_rate: int,
    travel_costs: int = 0,
    hourly_floor: int | None = None,
    travel_time_paid: bool = True,
) -> FeeCalculation:
    """The honorarium for one engagement: every working minute (preparation, delivery,
    follow-up, and travel time unless it is unpaid) at the hourly rate, rounded to the cent,
    plus travel costs; with a floor, what the work would cost at the floor."""
    parts = (preparation_minutes, delivery_minutes, follow_up_minutes, travel_minutes)
    if min(*parts, hourly_rate, travel_costs) < 0:
        raise ValueError("times and amounts must not be negative")
    minutes = preparation_minutes + delivery_minutes + follow_up_minutes
    if travel_time_paid:
        minutes += travel_minutes
    work = (minutes * hourly_rate + 30) // 60
    floor_total = (minutes * hourly_floor + 30) // 60 if hourly_floor is not None else None
    return FeeCalculation(
        minutes, work, travel_costs, work + travel_costs, hourly_floor, floor_total
    )
