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
    problem: MatchingInput, evaluation: Evaluation, tenths: IntMatrix
) -> tuple[Pair, ...]:
    """Every feasible pair, by request id, then best score first, then by place id."""
    pairs = []
    for i in range(len(problem.requests)):
        columns = np.flatnonzero(evaluation.feasible[i]).tolist()
        for j in sorted(columns, key=lambda j: (-int(tenths[i, j]), j)):
            pairs.append(_pair(problem, evaluation, tenths, i, j))
    return tuple(pairs)


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


def _match_sparse(problem: MatchingInput, *, all_pairs: bool) -> Result:
    evaluation = evaluate_sparse(problem.places, problem.requests, problem.weights)
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    result = _sparse_result(problem, evaluation, sparse_optimal_assignment(evaluation, displaced))
    pairs = None
    if all_pairs:
        ordered = np.lexsort((evaluation.columns, -evaluation.tenths, evaluation.rows))
        pairs = tuple(_sparse_pair(problem, evaluation, int(k)) for k in ordered)
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
        stable=stable,
    )


def match(problem: MatchingInput, *, all_pairs: bool = False, sparse: bool | None = None) -> Result:
    """Runs the matching on parsed input. Above SPARSE_THRESHOLD request × place pairs (or
    with `sparse=True`) it takes the sparse path, which gives the same result."""
    if sparse is None:
        sparse = len(problem.places) * len(problem.requests) > SPARSE_THRESHOLD
    if sparse:
        return _match_sparse(problem, all_pairs=all_pairs)
    evaluation = evaluate(problem.places, problem.requests)
    tenths = score_tenths(problem.places, problem.requests, evaluation, problem.weights)
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    result = _result(
        problem, evaluation, tenths, optimal_assignment(evaluation.feasible, tenths, displaced)
    )
    pairs = all_feasible_pairs(problem, evaluation, tenths) if all_pairs else None
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
        stable=stable,
    )


def match_json(data: Any, *, all_pairs: bool = False) -> dict[str, Any]:
    """Reads the decoded JSON input and returns the decoded JSON output. Raises
    `MatchingInputError` for bad input."""
    return match(parse_input(data), all_pairs=all_pairs).as_json()


__all__ = ["all_feasible_pairs", "match", "match_json"]
