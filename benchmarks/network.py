"""The network engine on synthetic networks with planted clusters (sectors, established and
new actors, offers and needs).

- city: 5,000 actors / 20,000 ties, everything (all measures, communities, figures and
  suggestions) through the JSON contract; target < 2 s.
- large: 200,000 actors / 1,000,000 ties (BENCH_NETWORK_LARGE="n,m"; "0" skips): communities,
  degree, PageRank, k-core, constraint, effective size and sampled betweenness.
- national (only with --national or BENCH_NETWORK_NATIONAL=1): 1,000,000 / 5,000,000, the same.
- speed-up over networkx on the same graph (BENCH_NETWORK_COMPARE="n,m", default 2000,8000)
  for constraint, betweenness (exact) and community detection (Louvain vs Leiden), and on the
  city graph (5,000 / 20,000) for constraint and community detection.
- `--size n,m`: only the large run at that size (e.g. `--size 1000000,5000000`); with
  `--arrays` the engine's steps on arrays, without the JSON contract, each step timed.

One JSON line per figure: {"name", "value", "unit", ...}. Run with `make bench` or
`python benchmarks/network.py [--national] [--size n,m]`. Each line names the load average
(wall times on a shared machine grow with it; `cpu_s` is the process's own CPU time).
"""

import argparse
import json
import math
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartier.engines.network import analyse, analyse_json, leiden, parse_input
from quartier.engines.network.measures import (
    betweenness,
    pagerank,
    structural_holes,
    to_igraph,
    weight_matrix,
)
from quartier.engines.network.model import collapse, collapse_arrays

SECTORS = [
    "housing",
    "municipal",
    "business",
    "welfare",
    "creative",
    "culture",
    "civil_society",
    "startup",
    "intermediary",
    "foundation",
]
ESTABLISHED = {"housing", "municipal", "business", "welfare", "foundation"}
KINDS = ["space", "money", "know_how", "staff_time", "network", "publicity", "equipment"]


def emit(**record: Any) -> None:
    print(json.dumps(record), flush=True)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def synthetic_ties(n: int, m: int, seed: int = 1) -> tuple[Any, ...]:
    """Clusters of about 50 actors; 85 % of ties inside a cluster, the rest anywhere, with a
    heavy-tailed choice of partners so that hubs and brokers appear. The ends of the ties
    (without loops), the mask of kept draws and the generator."""
    rng = np.random.default_rng(seed)
    cluster = rng.integers(0, max(1, n // 50), size=n)
    order = np.argsort(cluster, kind="stable")
    starts = np.searchsorted(cluster[order], np.arange(cluster.max() + 2))
    source = rng.integers(0, n, size=m)
    inside = rng.random(m) < 0.85
    c = cluster[source]
    size = starts[c + 1] - starts[c]
    pick = (rng.pareto(1.5, size=m) * size / 6).astype(np.int64) % np.maximum(size, 1)
    target = np.where(
        inside, order[starts[c] + pick], (rng.pareto(1.2, size=m) * n / 50).astype(np.int64) % n
    )
    keep = source != target
    return source, target, keep, rng


def synthetic(n: int, m: int, seed: int = 1, resources: bool = True) -> dict[str, Any]:
    """A network in the JSON contract: the ties of `synthetic_ties`, sectors, established and
    new actors, offers and needs."""
    source, target, keep, rng = synthetic_ties(n, m, seed)
    sector = rng.integers(0, len(SECTORS), size=n)
    nodes = []
    for i in range(n):
        s = SECTORS[sector[i]]
        node: dict[str, Any] = {"id": str(i), "sector": s, "established": s in ESTABLISHED}
        if resources:
            node["offers"] = [
                KINDS[k] for k in rng.choice(7, size=rng.integers(0, 2), replace=False)
            ]
            node["needs"] = [
                KINDS[k] for k in rng.choice(7, size=rng.integers(0, 2), replace=False)
            ]
        nodes.append(node)
    weights = rng.choice([1.0, 1.0, 2.0, 3.0], size=m)
    edges = [
        {"source": str(a), "target": str(b), "weight": float(w)}
        for a, b, w in zip(source[keep], target[keep], weights[keep], strict=True)
    ]
    return {"seed": seed, "nodes": nodes, "edges": edges}


def load() -> float:
    return round(os.getloadavg()[0], 1)


def city() -> None:
    data = synthetic(5000, 20_000)
    analyse_json(synthetic(200, 800))  # warm-up: imports, first igraph calls
    load_before = load()
    started, cpu = time.perf_counter(), time.process_time()
    result = analyse_json(data)
    seconds = time.perf_counter() - started
    emit(
        name="network_city_all_measures_and_suggestions",
        value=round(seconds, 3),
        unit="s",
        cpu_s=round(time.process_time() - cpu, 3),
        load=load_before,
        actors=5000,
        ties=20_000,
        target_s=2.0,
        suggestions=len(result["suggestions"]),
        communities=len(result["communities"]),
        modularity=result["modularity"],
        betweenness=result["betweenness_sampling"],
        peak_rss_mb=peak_mb(),
    )


def large(n: int, m: int, name: str) -> None:
    data = synthetic(n, m, resources=False)
    options = {"suggestions": False, "closeness": False, "restarts": 1, "samples": 64}
    started = time.perf_counter()
    graph = parse_input({**data, "options": options})
    parsed = time.perf_counter()
    result = analyse(graph)
    seconds = time.perf_counter() - started
    emit(
        name=f"network_{name}_communities_degree_constraint_sampled_betweenness",
        value=round(seconds, 1),
        unit="s",
        actors=n,
        ties=m,
        parse_s=round(parsed - started, 1),
        engine_s=result["seconds"],
        communities=len(result["communities"]),
        modularity=result["modularity"],
        betweenness=result["betweenness_sampling"],
        peak_rss_mb=peak_mb(),
        load=load(),
        target_s=600,
        target_mb=8192,
    )


def large_arrays(n: int, m: int) -> None:
    """The engine's steps for a national network on arrays, without the JSON contract (whose
    parse of millions of Python objects is a step of its own): degree, PageRank, k-core,
    constraint and effective size, Leiden communities and betweenness from 64 sources."""
    started = time.perf_counter()
    source, target, keep, rng = synthetic_ties(n, m)
    source, target = source[keep], target[keep]
    steps: dict[str, float] = {}
    pairs = collapse_arrays(n, source, target, rng.choice([1.0, 1.0, 2.0, 3.0], size=len(source)))
    del source, target, keep
    steps["generate_and_collapse"] = round(time.perf_counter() - started, 1)

    def step(name: str, function: Any) -> Any:
        begun = time.perf_counter()
        result = function()
        steps[name] = round(time.perf_counter() - begun, 1)
        # each step as it ends, so that a run cut short still says how far it came
        print(json.dumps({"step": name, "s": steps[name], "peak_rss_mb": peak_mb()}), flush=True)
        return result

    g = step("igraph", lambda: to_igraph(pairs))
    w = step("weight_matrix", lambda: weight_matrix(pairs))
    step("degree", lambda: (np.diff(w.indptr), np.asarray(w.sum(axis=1)).ravel()))
    step("pagerank", lambda: pagerank(g))
    step("k_core", g.coreness)
    step("constraint_effective_size", lambda: structural_holes(w))
    membership, modularity = step(
        "communities", lambda: leiden(g, seed=1, method="modularity", resolution=1, restarts=1)
    )
    _values, sampling = step(
        "betweenness_sampled",
        lambda: betweenness(g, exact_max_nodes=2000, samples=64, rng=np.random.default_rng(1)),
    )
    emit(
        name=f"network_{n}_{m}_arrays_communities_degree_constraint_sampled_betweenness",
        value=round(time.perf_counter() - started, 1),
        unit="s",
        actors=n,
        ties=m,
        distinct_pairs=pairs.m,  # repeated draws of a pair add their weights
        steps_s=steps,
        communities=int(membership.max()) + 1,
        modularity=round(modularity, 4),
        betweenness=sampling.as_dict(),
        peak_rss_mb=peak_mb(),
        load=load(),
        target_s=600,
        target_mb=8192,
    )


def compare(n: int, m: int, measures: tuple[str, ...]) -> None:
    """Ours against networkx on the same graph, each side given its graph ready built; the
    best of three runs each (of one for networkx's exact betweenness, which takes minutes)."""
    import networkx as nx

    data = synthetic(n, m, resources=False)
    graph = parse_input(data)
    pairs = collapse(graph.n, graph.edges)
    g = to_igraph(pairs)
    reference = nx.Graph()
    reference.add_nodes_from(range(n))
    reference.add_weighted_edges_from(
        zip(pairs.u.tolist(), pairs.v.tolist(), pairs.weight.tolist(), strict=True)
    )

    def timed(function: Any, runs: int = 3) -> float:
        best = math.inf
        for _ in range(runs):
            started = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - started)
        return best

    rng = np.random.default_rng(1)
    ours = {
        # the weight matrix is built inside the timing (networkx's graph is not)
        "constraint": lambda: structural_holes(weight_matrix(pairs)),
        "betweenness": lambda: betweenness(g, exact_max_nodes=n, samples=0, rng=rng),
        "communities": lambda: leiden(g, seed=1, method="modularity", resolution=1, restarts=1),
    }
    theirs = {
        "constraint": lambda: nx.constraint(reference, weight="weight"),
        "betweenness": lambda: nx.betweenness_centrality(reference),
        "communities": lambda: nx.community.louvain_communities(reference, weight="weight", seed=1),
    }
    for measure in measures:
        load_before = load()
        mine = timed(ours[measure])
        other = timed(theirs[measure], runs=1 if measure == "betweenness" else 3)
        emit(
            name=f"network_speedup_over_networkx_{measure}",
            value=round(other / mine, 1),
            unit="x",
            actors=n,
            ties=m,
            ours_s=round(mine, 4),
            networkx_s=round(other, 3),
            load=load_before,
            target_x=20,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national", action="store_true", help="also 1,000,000 / 5,000,000")
    parser.add_argument(
        "--size", help="only this size, 'actors,ties' (e.g. 1000000,5000000), as the large run"
    )
    parser.add_argument(
        "--arrays", action="store_true", help="with --size: the engine's steps on arrays"
    )
    args = parser.parse_args()
    if args.size:
        n, m = (int(x) for x in args.size.split(","))
        if args.arrays:
            large_arrays(n, m)
        else:
            large(n, m, f"{n}_{m}")
        return
    city()
    n, m = (int(x) for x in os.environ.get("BENCH_NETWORK_COMPARE", "2000,8000").split(","))
    compare(n, m, ("constraint", "betweenness", "communities"))
    compare(5000, 20_000, ("constraint", "communities"))  # the city graph
    sizes = os.environ.get("BENCH_NETWORK_LARGE", "200000,1000000")
    if sizes != "0":
        n, m = (int(x) for x in sizes.split(","))
        large(n, m, "large")
    if args.national or os.environ.get("BENCH_NETWORK_NATIONAL") == "1":
        large(1_000_000, 5_000_000, "national")


if __name__ == "__main__":
    main()
