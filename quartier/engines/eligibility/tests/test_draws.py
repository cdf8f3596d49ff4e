from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.eligibility import draw_limit, due_within

TODAY = date(2026, 12, 3)


def test_only_what_is_due_within_six_weeks_may_be_drawn_pro_rata():
    expenses = [(TODAY + timedelta(days=10), 300_000), (TODAY + timedelta(days=60), 500_000)]
    limit = draw_limit(
        expenses=expenses, today=TODAY, grant=900_000, own_funds=100_000, other_funders=0, drawn=0
    )
    assert limit.due_in_window == 300_000
    assert limit.may_draw == 270_000  # 90 % of what is due within 42 days
    later = draw_limit(
        expenses=expenses,
        today=TODAY + timedelta(days=30),
        grant=900_000,
        own_funds=100_000,
        other_funders=0,
        drawn=270_000,
    )
    assert later.may_draw == 450_000


def test_the_withheld_share_cannot_be_drawn_before_the_final_check():
    limit = draw_limit(
        expenses=[(TODAY, 1_000_000)],
        today=TODAY,
        grant=1_000_000,
        own_funds=0,
        other_funders=0,
        drawn=0,
        withheld=100_000,
    )
    assert limit.may_draw == 900_000


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        draw_limit(expenses=[], today=TODAY, grant=-1, own_funds=0, other_funders=0, drawn=0)


expense = st.tuples(
    st.integers(-30, 400).map(lambda d: TODAY + timedelta(days=d)), st.integers(0, 10**8)
)
amount = st.integers(0, 10**9)


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(expense, max_size=30),
    amount,
    amount,
    amount,
    st.integers(0, 10**9),
    st.integers(0, 10**8),
    st.integers(0, 120),
)
def test_a_draw_never_exceeds_what_is_due_within_the_window_and_stays_pro_rata(
    expenses, grant, own, other, drawn, withheld, window
):
    limit = draw_limit(
        expenses=expenses,
        today=TODAY,
        grant=grant,
        own_funds=own,
        other_funders=other,
        drawn=drawn,
        withheld=withheld,
        window_days=window,
    )
    due = due_within(expenses, TODAY, window)
    assert limit.may_draw >= 0
    if limit.may_draw:
        total = drawn + limit.may_draw
        assert total <= due  # never more than is due within the window
        assert total * (grant + own + other) <= due * grant  # never above the grant's share
        assert total <= grant - withheld


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(expense, max_size=20), amount, amount, amount, st.lists(st.integers(0, 60), max_size=8)
)
def test_repeated_draws_over_time_never_sum_above_the_grants_share_of_what_was_due(
    expenses, grant, own, other, steps
):
    drawn, today = 0, TODAY
    for step in steps:
        today += timedelta(days=step)
        limit = draw_limit(
            expenses=expenses,
            today=today,
            grant=grant,
            own_funds=own,
            other_funders=other,
            drawn=drawn,
        )
        drawn += limit.may_draw
        due = due_within(expenses, today, 42)
        assert drawn * (grant + own + other) <= due * grant or drawn == 0
        assert drawn <= grant
