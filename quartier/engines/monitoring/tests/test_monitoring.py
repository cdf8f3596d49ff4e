"""Property tests of the status and dynamics classes."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.monitoring import (
    LESS_IS_BETTER,
    MORE_IS_BETTER,
    classify,
    disadvantage_index,
    dynamics_class,
    status_class,
    zscores,
)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
# a busy machine must not fail the tests: no time limits on generation or examples
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
areas = st.dictionaries(st.text(min_size=1, max_size=4), finite, min_size=2, max_size=30)


@relaxed
@given(areas)
def test_standard_scores_have_mean_zero_and_keep_the_order(values):
    z = zscores(values)
    assert abs(sum(z.values())) < 1e-6 * len(z)
    ordered = sorted(values, key=values.get)
    assert all(z[a] <= z[b] + 1e-9 for a, b in itertools.pairwise(ordered))


@relaxed
@given(areas, st.floats(min_value=0.01, max_value=1000), finite)
def test_the_classes_do_not_depend_on_unit_or_origin(values, scale, shift):
    moved = {k: v * scale + shift for k, v in values.items()}
    plain = disadvantage_index({"i": values}, {"i": LESS_IS_BETTER})
    rescaled = disadvantage_index({"i": moved}, {"i": LESS_IS_BETTER})
    for key in values:
        # classes agree wherever the index is not within rounding of a class border
        if min(abs(abs(plain[key]) - b) for b in (1.0, 1.5)) > 1e-6:
            assert status_class(plain[key]) == status_class(rescaled[key])


@relaxed
@given(areas)
def test_turning_the_direction_turns_the_index(values):
    worse = disadvantage_index({"i": values}, {"i": LESS_IS_BETTER})
    better = disadvantage_index({"i": values}, {"i": MORE_IS_BETTER})
    assert all(abs(worse[k] + better[k]) < 1e-9 for k in values)


@relaxed
@given(finite, finite)
def test_a_higher_index_never_gets_a_better_class(a, b):
    low, high = sorted((a, b))
    assert status_class(low) <= status_class(high)
    assert dynamics_class(low) <= dynamics_class(high)
    assert status_class(a) in (1, 2, 3, 4) and dynamics_class(a) in (1, 2, 3)


def test_the_borders_of_the_classes_are_those_of_the_social_monitoring():
    assert [status_class(x) for x in (-1.01, -1.0, 1.0, 1.01, 1.5, 1.51)] == [1, 2, 2, 3, 3, 4]
    assert [dynamics_class(x) for x in (-1.01, -1.0, 1.0, 1.01)] == [1, 2, 2, 3]


def test_an_area_far_worse_than_the_others_is_very_low_and_getting_worse():
    unemployment = {
        2023: {"a": 5, "b": 6, "c": 5, "d": 6, "e": 5, "x": 20},
        2024: {"a": 5, "b": 6, "c": 5, "d": 6, "e": 5, "x": 25},
    }
    result = classify({"unemployment": unemployment}, {"unemployment": LESS_IS_BETTER}, 2024, 2023)
    assert result["x"]["status_class"] == 4 and result["x"]["dynamics_class"] == 3
    assert result["a"]["status_class"] == 2 and result["a"]["dynamics_class"] == 2


def test_no_spread_means_medium_status_and_an_unknown_direction_is_refused():
    assert classify({"i": {2024: {"a": 3, "b": 3}}}, {"i": LESS_IS_BETTER}, 2024) == {
        "a": {
            "status_index": 0.0,
            "status_class": 2,
            "dynamics_index": None,
            "dynamics_class": None,
        },
        "b": {
            "status_index": 0.0,
            "status_class": 2,
            "dynamics_index": None,
            "dynamics_class": None,
        },
    }
    with pytest.raises(ValueError):
        disadvantage_index({"i": {"a": 1, "b": 2}}, {"i": "sideways"})
