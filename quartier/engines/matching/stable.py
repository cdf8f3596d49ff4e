"""A stable matching (deferred acceptance) for when owners rank the requests too.

Requests propose, so the result is the stable matching best for the requests (Gale–Shapley).
 - A request prefers its feasible places by score (higher first), then by place id.
 - A place listed in `owner_rankings` accepts only the feasible requests in its list, in that
   order; a place without a list accepts every feasible request, displaced ones first, then by
   score, then by request id.
Stable means: no request and place that both would rather have each other than what they got.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

import numpy as np

from .feasibility import BoolMatrix, IntMatrix
from .model import Id, Place, Request


def place_preferences(
    places: Sequence[Place],
    requests: Sequence[Request],
    feasible: BoolMatrix,
    tenths: IntMatrix,
    owner_rankings: Mapping[Id, Sequence[Id]],
) -> list[dict[int, int]]:
    """For every place: request index → rank (0 is best) of the requests it accepts."""
    return _place_preferences(requests, _options_by_place(feasible, tenths), places, owner_rankings)


def _options_by_place(feasible: BoolMatrix, tenths: IntMatrix) -> list[dict[int, int]]:
    return [
        {i: int(tenths[i, j]) for i in np.flatnonzero(feasible[:, j]).tolist()}
        for j in range(feasible.shape[1])
    ]


def _place_preferences(
    requests: Sequence[Request],
    by_place: Sequence[Mapping[int, int]],
    places: Sequence[Place],
    owner_rankings: Mapping[Id, Sequence[Id]],
) -> list[dict[int, int]]:
    request_index = {str(r.id): i for i, r in enumerate(requests)}
    preferences: list[dict[int, int]] = []
    for j, place in enumerate(places):
        options = by_place[j]
        if place.id in owner_rankings:
            ranked = [request_index[str(rid)] for rid in owner_rankings[place.id]]
            ranked = [i for i in ranked if i in options]
        else:
            ranked = sorted(options, key=lambda i: (not requests[i].displaced, -options[i], i))
        preferences.append({i: rank for rank, i in enumerate(ranked)})
    return preferences


def stable_assignment(
    places: Sequence[Place],
    requests: Sequence[Request],
    feasible: BoolMatrix,
    tenths: IntMatrix,
    owner_rankings: Mapping[Id, Sequence[Id]],
) -> list[tuple[int, int]]:
    """(request index, place index) of the request-optimal stable matching, by request."""
    by_request = [
        {j: int(tenths[i, j]) for j in np.flatnonzero(feasible[i]).tolist()}
        for i in range(len(requests))
    ]
    return deferred_acceptance(places, requests, by_request, owner_rankings)


def deferred_acceptance(
    places: Sequence[Place],
    requests: Sequence[Request],
    by_request: Sequence[Mapping[int, int]],
    owner_rankings: Mapping[Id, Sequence[Id]],
) -> list[tuple[int, int]]:
    """The stable matching from the feasible pairs given per request (place index → score in
    tenths); the sparse path calls this directly."""
    by_place: list[dict[int, int]] = [{} for _ in places]
    for i, options in enumerate(by_request):
        for j, value in options.items():
            by_place[j][i] = value
    accepts = _place_preferences(requests, by_place, places, owner_rankings)
    wishes = [
        [j for j in sorted(options, key=lambda j: (-options[j], j)) if i in accepts[j]]
        for i, options in enumerate(by_request)
    ]
    next_wish = [0] * len(requests)
    holder: dict[int, int] = {}  # place index → request index it holds
    free = deque(range(len(requests)))
    while free:
        i = free.popleft()
        if next_wish[i] >= len(wishes[i]):
            continue
        j = wishes[i][next_wish[i]]
        next_wish[i] += 1
        current = holder.get(j)
        if current is None:
            holder[j] = i
        elif accepts[j][i] < accepts[j][current]:
            holder[j] = i
            free.append(current)
        else:
            free.append(i)
    return sorted((i, j) for j, i in holder.items())
