"""One matching run: feasibility, scores, the optimal assignment and, when owners rank the
requests, the stable matching; see docs/matching.md for the contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .assignment import optimal_assignment
from .feasibility import Evaluation, IntMatrix, evaluate
from .model import MatchingInput, Pair, Result
from .parsing import parse_input
from .scoring import explain, score_tenths
from .sparse import (
    SPARSE_THRESHOLD,
    SparseEvaluation,
    evaluate_sparse,
    sparse_optimal_assignment,
)
from .stable import deferred_acceptance, stable_assignment


def _pair(
    problem: MatchingInput, evaluation: Evaluation, tenths: IntMatrix, i: int, j: int
) -> Pair:
    request, place = problem.requests[i], problem.places[j]
    score = int(tenths[i, j])
    return Pair(
        request=request.id,
        place=place.id,
        score=score / 10,
        reasons=explain(
            place, request, float(evaluation.distance_km[i, j]), problem.weights, score
        ),
    )


def _result(
    problem: MatchingInput,
    evaluation: Evaluation,
    tenths: IntMatrix,
    chosen: Sequence[tuple[int, int]],
) -> Result:
    assigned = {i for i, _j in chosen}
    return Result(
        assignment=tuple(_pair(problem, evaluation, tenths, i, j) for i, j in chosen),
        unassigned=tuple(
            request.id for i, request in enumerate(problem.requests) if i not in assigned
        ),
        total_score=sum(int(tenths[i, j]) for i, j in chosen) / 10,
    )


def all_feasible_pairs(
    problem: MatchingInput,
    evaluation: Evaluation,
    tenths: IntMatrix,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[tuple[Pair, ...], int]:
    """The feasible pairs from `offset` on (at most `limit`), by request id, then best score
    first, then by place id; and how many feasible pairs there are in all. Only the pairs
    returned are explained, so a page of a huge result stays cheap."""
    rows, columns = np.nonzero(evaluation.feasible)
    ordered = np.lexsort((columns, -tenths[rows, columns], rows))
    chosen = ordered[offset : None if limit is None else offset + limit]
    pairs = tuple(_pair(problem, evaluation, tenths, int(rows[k]), int(columns[k])) for k in chosen)
    return pairs, len(ordered)


def _sparse_pair(problem: MatchingInput, evaluation: SparseEvaluation, k: int) -> Pair:
    request = problem.requests[int(evaluation.rows[k])]
    place = problem.places[int(evaluation.columns[k])]
    score = int(evaluation.tenths[k])
    return Pair(
        request=request.id,
        place=place.id,
        score=score / 10,
        reasons=explain(place, request, float(evaluation.distance_km[k]), problem.weights, score),
    )


def _sparse_result(
    problem: MatchingInput, evaluation: SparseEvaluation, chosen: Sequence[tuple[int, int]]
) -> Result:
    assigned = {i for i, _j in chosen}
    positions = [evaluation.find(i, j) for i, j in chosen]
    return Result(
        assignment=tuple(_sparse_pair(problem, evaluation, k) for k in positions),
        unassigned=tuple(
            request.id for i, request in enumerate(problem.requests) if i not in assigned
        ),
        total_score=sum(int(evaluation.tenths[k]) for k in positions) / 10,
    )


def _match_sparse(
    problem: MatchingInput, *, all_pairs: bool, pairs_offset: int, pairs_limit: int | None
) -> Result:
    evaluation = evaluate_sparse(problem.places, problem.requests, problem.weights)
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    result = _sparse_result(problem, evaluation, sparse_optimal_assignment(evaluation, displaced))
    pairs, pairs_total = None, None
    if all_pairs:
        ordered = np.lexsort((evaluation.columns, -evaluation.tenths, evaluation.rows))
        pairs_total = len(ordered)
        end = None if pairs_limit is None else pairs_offset + pairs_limit
        pairs = tuple(_sparse_pair(problem, evaluation, int(k)) for k in ordered[pairs_offset:end])
    stable = None
    if problem.owner_rankings is not None:
        by_request: list[dict[int, int]] = [{} for _ in problem.requests]
        for i, j, value in zip(
            evaluation.rows.tolist(),
            evaluation.columns.tolist(),
            evaluation.tenths.tolist(),
            strict=True,
        ):
            by_request[i][j] = value
        stable = _sparse_result(
            problem,
            evaluation,
            deferred_acceptance(
                problem.places, problem.requests, by_request, problem.owner_rankings
            ),
        )
    return Result(
        assignment=result.assignment,
        unassigned=result.unassigned,
        total_score=result.total_score,
        pairs=pairs,
        pairs_total=pairs_total,
        stable=stable,
    )


def match(
    problem: MatchingInput,
    *,
    all_pairs: bool = False,
    sparse: bool | None = None,
    pairs_offset: int = 0,
    pairs_limit: int | None = None,
) -> Result:
    """Runs the matching on parsed input. Above SPARSE_THRESHOLD request × place pairs (or
    with `sparse=True`) it takes the sparse path, which gives the same result. With
    `all_pairs`, `pairs_offset` and `pairs_limit` choose one page of the feasible pairs."""
    if pairs_offset < 0 or (pairs_limit is not None and pairs_limit < 0):
        raise ValueError("pairs_offset and pairs_limit must not be negative")
    if sparse is None:
        sparse = len(problem.places) * len(problem.requests) > SPARSE_THRESHOLD
    if sparse:
        return _match_sparse(
            problem, all_pairs=all_pairs, pairs_offset=pairs_offset, pairs_limit=pairs_limit
        )
    evaluation = evaluate(problem.places, problem.requests)
    tenths = score_tenths(problem.places, problem.requests, evaluation, problem.weights)
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    result = _result(
        problem, evaluation, tenths, optimal_assignment(evaluation.feasible, tenths, displaced)
    )
    pairs, pairs_total = None, None
    if all_pairs:
        pairs, pairs_total = all_feasible_pairs(
            problem, evaluation, tenths, pairs_offset, pairs_limit
        )
    stable = None
    if problem.owner_rankings is not None:
        stable = _result(
            problem,
            evaluation,
            tenths,
            stable_assignment(
                problem.places,
                problem.requests,
                evaluation.feasible,
                tenths,
                problem.owner_rankings,
            ),
        )
    return Result(
        assignment=result.assignment,
        unassigned=result.unassigned,
        total_score=result.total_score,
        pairs=pairs,
        pairs_total=pairs_total,
        stable=stable,
    )


def match_json(
    data: Any, *, all_pairs: bool = False, pairs_offset: int = 0, pairs_limit: int | None = None
) -> dict[str, Any]:
    """Reads the decoded JSON input and returns the decoded JSON output. Raises
    `MatchingInputError` for bad input."""
    return match(
        parse_input(data), all_pairs=all_pairs, pairs_offset=pairs_offset, pairs_limit=pairs_limit
    ).as_json()


__all__ = ["all_feasible_pairs", "match", "match_json"]
