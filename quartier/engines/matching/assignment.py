"""The optimal one-to-one assignment of requests to places.

Among all assignments that use only feasible pairs and give each request at most one place
and each place at most one request, the chosen one
  1. places as many displaced requests as possible (M9, "Geschützte Perspektiven"), then
  2. has the highest total of the published scores (tenths of a point), then
  3. places as many requests as possible.
It is found as one maximum-weight assignment (`scipy.optimize.linear_sum_assignment`) with
integer pair values that encode the three goals lexicographically:

  value = displaced × DISPLACED_BONUS + score_tenths × ASSIGNED_SCALE + 1   (feasible pairs)
  value = 0                                                                 (infeasible pairs)

ASSIGNED_SCALE = k + 1 and DISPLACED_BONUS = k × (1000 × ASSIGNED_SCALE + 1) + 1 with
k = min(requests, places), so that one more displaced request outweighs any difference in
score and one more tenth of a point outweighs any difference in the number placed. An
infeasible pair is worth exactly as much as leaving the request unassigned, so the solver never
gains by it; the pairs it puts there are dropped. All values are integers below 2**53, so the
floating-point solver works exactly. Rows and columns are in id order, which makes the result
independent of the order of the input; among equally good assignments the solver's
deterministic choice on that matrix decides.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from .feasibility import BoolMatrix, IntMatrix

MAX_SCORE_TENTHS = 1000
_EXACT_LIMIT = 2**53


def pair_values(
    feasible: BoolMatrix, tenths: IntMatrix, displaced: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """The value of every pair as described above (0 for infeasible pairs)."""
    k = min(feasible.shape)
    assigned_scale = k + 1
    displaced_bonus = k * (MAX_SCORE_TENTHS * assigned_scale + 1) + 1
    if k * (displaced_bonus + MAX_SCORE_TENTHS * assigned_scale + 1) >= _EXACT_LIMIT:
        raise ValueError(
            f"Zu groß für die exakte dichte Zuordnung ({feasible.shape[0]} × "
            f"{feasible.shape[1]}) / too large for the exact dense assignment."
        )
    values = displaced.astype(np.int64)[:, None] * displaced_bonus + (
        tenths.astype(np.int64) * assigned_scale + 1
    )
    return np.where(feasible, values, 0).astype(np.float64)


def optimal_assignment(
    feasible: BoolMatrix, tenths: IntMatrix, displaced: npt.NDArray[np.bool_]
) -> list[tuple[int, int]]:
    """(request index, place index) of the optimal assignment, by request index."""
    rows = np.flatnonzero(feasible.any(axis=1))
    columns = np.flatnonzero(feasible.any(axis=0))
    if rows.size == 0:
        return []
    sub = np.ix_(rows, columns)
    values = pair_values(feasible[sub], tenths[sub], displaced[rows])
    chosen_rows, chosen_columns = linear_sum_assignment(values, maximize=True)
    pairs = [
        (int(rows[r]), int(columns[c]))
        for r, c in zip(chosen_rows, chosen_columns, strict=True)
        if feasible[rows[r], columns[c]]
    ]
    return sorted(pairs)
