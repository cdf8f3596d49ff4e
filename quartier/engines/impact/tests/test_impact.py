import datetime
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.impact import (
    achieved,
    add_up,
    next_period,
    parse_period,
    period_label,
    period_start,
    periods_between,
    series,
)

D = datetime.date


def test_periods_start_on_their_first_day():
    assert period_start(D(2026, 5, 17), "month") == D(2026, 5, 1)
    assert period_start(D(2026, 5, 17), "quarter") == D(2026, 4, 1)
    assert period_start(D(2026, 5, 17), "year") == D(2026, 1, 1)
    assert next_period(D(2026, 12, 1), "month") == D(2027, 1, 1)
    assert next_period(D(2026, 10, 1), "quarter") == D(2027, 1, 1)
    assert period_label(D(2026, 4, 1), "quarter") == "Q2/2026"


def test_parse_accepts_the_usual_spellings_and_refuses_the_rest():
    assert parse_period("2026-03", "month") == D(2026, 3, 1)
    assert parse_period("03/2026", "month") == D(2026, 3, 1)
    assert parse_period("Q2/2026", "quarter") == D(2026, 4, 1)
    assert parse_period("2026", "year") == D(2026, 1, 1)
    for bad in ("N/A", "2026-13", "2026-03-05", ""):
        with pytest.raises(ValueError):
            parse_period(bad, "month")


def test_cumulative_and_per_period_values_across_periods():
    values = [
        (D(2026, 3, 1), Decimal(5)),
        (D(2026, 1, 1), Decimal(10)),
        (D(2026, 2, 1), Decimal(0)),
    ]
    assert achieved(values, "per_period") == {
        D(2026, 1, 1): 10,
        D(2026, 2, 1): 0,
        D(2026, 3, 1): 5,
    }
    assert achieved(values, "cumulative") == {
        D(2026, 1, 1): 10,
        D(2026, 2, 1): 10,
        D(2026, 3, 1): 15,
    }


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared CI box
@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(["month", "quarter", "year"]),
)
def test_periods_between_are_consecutive_and_cover_both_ends(first, days, period):
    last = first + datetime.timedelta(days=days)
    starts = periods_between(first, last, period)
    assert starts[0] <= first and starts[-1] <= last < next_period(starts[-1], period)
    assert all(next_period(a, period) == b for a, b in itertools.pairwise(starts))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared CI box
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=24))
def test_the_last_cumulative_value_is_the_sum(values):
    starts = periods_between(D(2026, 1, 1), D(2030, 1, 1), "month")[: len(values)]
    result = achieved(zip(starts, map(Decimal, values), strict=False), "cumulative")
    assert result[starts[len(values) - 1]] == sum(values)


def test_the_chart_names_every_value_and_target_in_its_description():
    from xml.etree import ElementTree

    from quartier.engines.impact.chart import chart_description, indicator_chart_svg

    points = [("Jan 2026", Decimal(120), Decimal(400)), ("Feb 2026", None, Decimal(400))]
    desc = chart_description(points, "Besuche")
    svg = indicator_chart_svg("Besuche <pro> Monat", desc, points, chart_id="c1")
    root = ElementTree.fromstring(svg)  # noqa: S314 – our own output; well-formed, title escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Besuche <pro> Monat"
    assert root.find(f"{ns}desc").text == "Jan 2026: 120 Besuche, Ziel 400; Feb 2026: –, Ziel 400"
    assert len(root.findall(f"{ns}rect")) == 2  # one bar and the legend
    assert len(root.findall(f"{ns}circle")) == 2  # one marker per target


def test_a_series_carries_a_cumulative_total_over_a_period_with_only_a_target():
    values = {D(2026, 1, 1): Decimal(10), D(2026, 3, 1): Decimal(5)}
    targets = {D(2026, 2, 1): Decimal(20), D(2026, 3, 1): Decimal(30)}
    assert series(values, targets, "cumulative") == [
        (D(2026, 1, 1), 10, 10, None),
        (D(2026, 2, 1), None, 10, 20),
        (D(2026, 3, 1), 5, 15, 30),
    ]
    assert [p[2] for p in series(values, targets, "per_period")] == [10, None, 5]


def test_adding_up_sums_each_period_and_leaves_none_where_nobody_has_a_figure():
    first = [(D(2026, 1, 1), Decimal(1), Decimal(1), None), (D(2026, 2, 1), None, None, Decimal(4))]
    second = [(D(2026, 2, 1), Decimal(2), Decimal(2), Decimal(6))]
    assert add_up([first, second]) == [
        (D(2026, 1, 1), 1, 1, None),
        (D(2026, 2, 1), 2, 2, 10),
    ]
