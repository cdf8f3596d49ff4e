"""The eligibility engine at the size of the Förderdatenbank: 2,500 synthetic programmes.

Figures (JSON lines {"name", "value", "unit", ...}):
- checking one project against all programmes and ranking them (median of 20 runs; target
  < 50 ms),
- checking all programmes against BENCH_ELIGIBILITY_PROJECTS projects (default 10,000;
  target < 5 minutes), keeping the ten best per project.

Run with `python benchmarks/eligibility.py` (no database needed)."""

import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartier.engines.eligibility import Deadline, Profile, Programme, rank, rank_many

TODAY = date(2026, 12, 3)
LEGAL_FORMS = ["ev", "ggmbh", "gmbh", "gbr", "cooperative", "public_law", "informal", "freelancer"]
TOPICS = [f"thema-{i}" for i in range(40)]
STATES = [
    "DE-BB",
    "DE-BE",
    "DE-BW",
    "DE-BY",
    "DE-HB",
    "DE-HE",
    "DE-HH",
    "DE-MV",
    "DE-NI",
    "DE-NW",
    "DE-RP",
    "DE-SH",
    "DE-SL",
    "DE-SN",
    "DE-ST",
    "DE-TH",
]
PHASES = ["idea", "phase_zero", "trial", "implementation", "consolidation"]


def programme(rng: random.Random, index: int) -> Programme:
    kind = rng.choice(["fixed", "rolling", "yearly"])
    deadline = (
        Deadline(
            "fixed", tuple(sorted(TODAY + timedelta(days=rng.randint(-100, 400)) for _ in range(2)))
        )
        if kind == "fixed"
        else Deadline("yearly", month=rng.randint(1, 12), day=rng.randint(1, 28))
        if kind == "yearly"
        else Deadline()
    )
    low = rng.choice([None, 50_000, 100_000, 500_000])
    return Programme(
        id=f"p{index}",
        title=f"Programm {index}",
        legal_forms=frozenset(rng.sample(LEGAL_FORMS, 3)) if rng.random() < 0.8 else None,
        non_profit_required=rng.random() < 0.5,
        seat_regions=(rng.choice(STATES),) if rng.random() < 0.3 else None,
        min_age_months=rng.choice([0, 0, 12, 24]),
        topics=frozenset(rng.sample(TOPICS, 4)) if rng.random() < 0.9 else None,
        regions=("DE",) if rng.random() < 0.5 else (rng.choice(STATES),),
        phases=frozenset(rng.sample(PHASES, 3)) if rng.random() < 0.5 else None,
        min_amount=low,
        max_amount=rng.choice([1_000_000, 5_000_000, 25_000_000]),
        own_share_bp=rng.choice([0, 1000, 2000, 5000]),
        volunteer_counts=rng.random() < 0.4,
        trustee_allowed=rng.random() < 0.5,
        deadline=deadline,
    )


def project(rng: random.Random, index: int) -> Profile:
    state = rng.choice(STATES)
    total = rng.randint(2_000, 200_000) * 100
    return Profile(
        id=f"x{index}",
        legal_form=rng.choice(LEGAL_FORMS),
        non_profit=rng.choice([True, False, None]),
        seat_region=state,
        founded_on=TODAY - timedelta(days=rng.randint(30, 4000)),
        topics=frozenset(rng.sample(TOPICS, 3)),
        region=f"{state}-{rng.randint(10000, 99999)}",
        phase=rng.choice(PHASES),
        total_costs=total,
        own_funds=total * rng.choice([0, 5, 10, 20]) // 100,
        volunteer_value=rng.choice([0, 50_000]),
    )


def main() -> None:
    rng = random.Random(14)
    programmes = [programme(rng, i) for i in range(2500)]
    one = project(rng, 0)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        ranked = rank(programmes, one, TODAY)
        times.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "name": "eligibility_one_project_2500_programmes",
                "value": round(statistics.median(times), 2),
                "unit": "ms",
                "target": "< 50",
                "fitting": len(ranked),
            }
        )
    )
    count = int(os.environ.get("BENCH_ELIGIBILITY_PROJECTS", "10000"))
    projects = [project(rng, i) for i in range(count)]
    start = time.perf_counter()
    fitting = 0
    for _profile, best in rank_many(programmes, projects, TODAY, limit=10):
        fitting += len(best)
        for result in best:  # the reasons of what is shown are made, too
            [c.reason for c in result.conditions]
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "name": "eligibility_all_programmes_x_projects",
                "value": round(seconds, 1),
                "unit": "s",
                "target": "< 300",
                "projects": count,
                "programmes": len(programmes),
                "pairs_per_second": round(count * len(programmes) / seconds),
            }
        )
    )


if __name__ == "__main__":
    main()
