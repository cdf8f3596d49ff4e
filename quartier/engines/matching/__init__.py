"""The matching engine: which space request fits which place, how well, and the optimal
one-to-one assignment (displaced requests first, then the highest total score).

Pure Python with numpy and scipy; no Django. The contract is docs/matching.md.
"""

from .assignment import optimal_assignment
from .engine import all_feasible_pairs, match, match_json
from .feasibility import EARTH_RADIUS_KM, RULES, Evaluation, evaluate, haversine_km, violations
from .model import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    Id,
    MatchingInput,
    MatchingInputError,
    Pair,
    Place,
    Problem,
    Request,
    Result,
    Weights,
    add_months,
)
from .parsing import parse_input
from .scoring import WAITING_HORIZON_DAYS, explain, score_of, score_tenths
from .stable import stable_assignment

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "EARTH_RADIUS_KM",
    "RULES",
    "WAITING_HORIZON_DAYS",
    "Evaluation",
    "Id",
    "MatchingInput",
    "MatchingInputError",
    "Pair",
    "Place",
    "Problem",
    "Request",
    "Result",
    "Weights",
    "add_months",
    "all_feasible_pairs",
    "evaluate",
    "explain",
    "haversine_km",
    "match",
    "match_json",
    "optimal_assignment",
    "parse_input",
    "score_of",
    "score_tenths",
    "stable_assignment",
    "violations",
]
