import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.eligibility import calculate_fee, check_floor, eur, to_cents


def test_an_honorarium_below_the_floor_shows_the_gap_per_unit_and_in_total():
    result = check_floor(rate=25_000, floor=30_000, quantity=4)
    assert result.below and result.gap_total == 20_000
    assert result.message("performance") == (
        "250 € je Vorstellung liegt 50 € unter der Untergrenze von 300 €; "
        "es fehlen insgesamt 200 €."
    )
    assert not check_floor(rate=30_000, floor=30_000, quantity=4).below


def test_the_fee_calculator_counts_preparation_delivery_follow_up_and_travel():
    fee = calculate_fee(
        preparation_minutes=120,
        delivery_minutes=90,
        follow_up_minutes=30,
        travel_minutes=60,
        hourly_rate=6_000,
        travel_costs=2_450,
        hourly_floor=6_500,
    )
    assert fee.minutes == 300
    assert fee.work == 30_000 and fee.total == 32_450
    assert fee.floor_total == 32_500 and fee.below_floor
    unpaid_travel = calculate_fee(
        preparation_minutes=120,
        delivery_minutes=90,
        follow_up_minutes=30,
        travel_minutes=60,
        hourly_rate=6_000,
        travel_time_paid=False,
    )
    assert unpaid_travel.minutes == 240


def test_money_is_formatted_the_german_way_and_parsed_exactly():
    assert eur(120_000) == "1.200 €"
    assert eur(123_456_78) == "123.456,78 €"
    assert eur(-310) == "-3,10 €"
    assert to_cents("1.200,50") == 120_050
    assert to_cents("0.1") + to_cents("0.2") == to_cents("0.3")
    with pytest.raises(ValueError):
        to_cents("zwölf")


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 1000))
def test_the_gap_is_never_negative_and_adds_up(rate, floor, quantity):
    result = check_floor(rate, floor, quantity)
    assert result.gap_total == result.gap_per_unit * quantity >= 0
    assert result.below == (rate < floor)
