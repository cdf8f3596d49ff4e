"""Status and dynamics classes of small areas in the manner of Berlin's Monitoring Soziale
Stadtentwicklung (MSS). Pure Python, no Django.

Each indicator is standardised across the areas of one reference set (one municipality):
z = (x − mean) / standard deviation (population). Its sign is turned so that a higher z
always means *more disadvantage* (an indicator where more is better, such as employment,
counts negatively). The status index of an area is the mean of its z-values over the status
indicators in one year; the dynamics index the same over the changes of the indicators
between two years. Classes by standard deviations from the mean, as the MSS has them:

status    1 high (index < −1), 2 medium (−1 ≤ index ≤ 1), 3 low (1 < index ≤ 1.5),
          4 very low (index > 1.5)
dynamics  1 positive (index < −1), 2 stable (−1 ≤ index ≤ 1), 3 negative (index > 1)

An area that lacks a value of an indicator is left out of that indicator (its index is the
mean of the indicators it has); an indicator with fewer than two areas or without spread
adds nothing."""

import math
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

MORE_IS_BETTER = "higher_is_better"
LESS_IS_BETTER = "lower_is_better"
DIRECTIONS = (MORE_IS_BETTER, LESS_IS_BETTER)

STATUS_CLASSES = (1, 2, 3, 4)
DYNAMICS_CLASSES = (1, 2, 3)


def zscores(values: Mapping[K, float]) -> dict[K, float]:
    """Standard scores of the values; all zero when there is no spread or only one value."""
    if len(values) < 2:
        return {key: 0.0 for key in values}
    mean = math.fsum(values.values()) / len(values)
    variance = math.fsum((v - mean) ** 2 for v in values.values()) / len(values)
    spread = math.sqrt(variance)
    if spread <= 1e-12 * max(1.0, abs(mean)):
        return {key: 0.0 for key in values}
    return {key: (v - mean) / spread for key, v in values.items()}


def disadvantage_index(
    indicators: Mapping[str, Mapping[K, float]], directions: Mapping[str, str]
) -> dict[K, float]:
    """The mean of the oriented z-values of each area over the indicators it has values for.
    `indicators` maps an indicator to its values per area; `directions` an indicator to
    MORE_IS_BETTER or LESS_IS_BETTER."""
    sums: dict[K, float] = {}
    counts: dict[K, int] = {}
    for indicator, values in indicators.items():
        direction = directions.get(indicator)
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction of {indicator!r}: {direction!r}")
        sign = -1.0 if direction == MORE_IS_BETTER else 1.0
        for area, z in zscores(values).items():
            sums[area] = sums.get(area, 0.0) + sign * z
            counts[area] = counts.get(area, 0) + 1
    return {area: sums[area] / counts[area] for area in sums}


def status_class(index: float) -> int:
    """1 high, 2 medium, 3 low, 4 very low."""
    if index < -1.0:
        return 1
    if index <= 1.0:
        return 2
    if index <= 1.5:
        return 3
    return 4


def dynamics_class(index: float) -> int:
    """1 positive, 2 stable, 3 negative."""
    if index < -1.0:
        return 1
    if index <= 1.0:
        return 2
    return 3


def changes(earlier: Mapping[K, float], later: Mapping[K, float]) -> dict[K, float]:
    """The change of each area that has a value in both years."""
    return {area: later[area] - earlier[area] for area in later if area in earlier}


def classify(
    years: Mapping[str, Mapping[int, Mapping[K, float]]],
    directions: Mapping[str, str],
    year: int,
    base_year: int | None = None,
) -> dict[K, dict[str, float | int | None]]:
    """Status of each area in `year` and, when `base_year` is given, its dynamics from
    `base_year` to `year`. `years` maps an indicator to {year: {area: value}}."""
    status = disadvantage_index(
        {i: by_year.get(year, {}) for i, by_year in years.items()}, directions
    )
    dynamics: dict[K, float] = {}
    if base_year is not None:
        dynamics = disadvantage_index(
            {
                i: changes(by_year.get(base_year, {}), by_year.get(year, {}))
                for i, by_year in years.items()
            },
            directions,
        )
    result: dict[K, dict[str, float | int | None]] = {}
    for area, index in status.items():
        moved = dynamics.get(area)
        result[area] = {
            "status_index": index,
            "status_class": status_class(index),
            "dynamics_index": moved,
            "dynamics_class": dynamics_class(moved) if moved is not None else None,
        }
    return result
