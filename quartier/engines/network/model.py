"""The input of the network engine (docs/network.md): actors as nodes, ties as undirected
weighted edges. A repeated pair adds its weights. Parsing collects every problem at once and
says it in German and English."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

SECTOR_LABELS_DE = {
    "municipal": "Kommunalverwaltung",
    "housing": "Wohnungswirtschaft",
    "real_estate": "Immobilienwirtschaft",
    "business": "Gewerbe und Handel",
    "welfare": "Wohlfahrtspflege",
    "school": "Schule",
    "university": "Hochschule",
    "culture": "Kultur und Soziokultur",
    "creative": "Kreativwirtschaft",
    "civil_society": "Zivilgesellschaft",
    "startup": "Start-ups",
    "foundation": "Stiftungen und Förderer",
    "intermediary": "Intermediäre",
    "church": "Kirche",
    "public_body": "Bund und Land",
}

RESOURCE_LABELS_DE = {
    "space": "Raum",
    "money": "Geld",
    "know_how": "Know-how",
    "staff_time": "Personalzeit",
    "network": "Kontakte",
    "publicity": "Öffentlichkeit",
    "equipment": "Ausstattung",
}

DEFAULT_OPTIONS: dict[str, Any] = {
    # exact betweenness and closeness up to this many nodes, sampled above
    "exact_max_nodes": 2000,
    "samples": 256,
    # "modularity" (Leiden maximising modularity) or "cpm" (constant Potts model)
    "communities": "modularity",
    "resolution": 0.05,
    "restarts": None,  # four up to 2,000 nodes, one above
    "suggestions_per_node": 3,
    "max_suggestions": 1000,
    "suggestions": True,
    "layout": False,  # x and y per node for drawing
    "weights": {"structure": 0.45, "complement": 0.35, "gap": 0.2},
}


class NetworkInputError(ValueError):
    """Every problem of an input, each as (German, English)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(en for _de, en in problems))
        self.problems = problems

    def describe(self) -> str:
        return "\n".join(f"{de} / {en}" for de, en in self.problems)


@dataclass
class Node:
    id: str
    name: str
    sector: str
    established: bool
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    opt_out: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edge:
    source: int
    target: int
    weight: float
    type: str
    confirmed: bool
    since: date | None
    until: date | None

    def active_at(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass
class Graph:
    """Nodes in input order; edges as given (several per pair possible)."""

    seed: int
    nodes: list[Node]
    edges: list[Edge]
    index: dict[str, int]
    options: dict[str, Any]
    at: date | None = None
    compare: list[date] = field(default_factory=list)
    exclude_pairs: set[tuple[int, int]] = field(default_factory=set)
    sectors: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.nodes)

    def edges_at(self, day: date | None) -> list[Edge]:
        if day is None:
            return self.edges
        return [e for e in self.edges if e.active_at(day)]


@dataclass
class Pairs:
    """The simple undirected graph behind the edges: one row per pair (u < v) with the
    summed weight, whether any tie of the pair is confirmed, and the tie types."""

    n: int
    u: np.ndarray
    v: np.ndarray
    weight: np.ndarray
    confirmed: np.ndarray
    types: list[tuple[str, ...]]

    @property
    def m(self) -> int:
        return len(self.u)


def collapse(n: int, edges: list[Edge]) -> Pairs:
    count = len(edges)
    source = np.fromiter((e.source for e in edges), dtype=np.int64, count=count)
    target = np.fromiter((e.target for e in edges), dtype=np.int64, count=count)
    weight = np.fromiter((e.weight for e in edges), dtype=np.float64, count=count)
    confirmed = np.fromiter((e.confirmed for e in edges), dtype=bool, count=count)
    names = sorted({e.type for e in edges})
    type_id = {name: i for i, name in enumerate(names)}
    kind = np.fromiter((type_id[e.type] for e in edges), dtype=np.int64, count=count)
    return collapse_arrays(n, source, target, weight, confirmed, kind, names)


def collapse_arrays(
    n: int,
    source: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray,
    confirmed: np.ndarray | None = None,
    kind: np.ndarray | None = None,
    names: list[str] | None = None,
) -> Pairs:
    """The same from arrays of ends (node numbers), weights, confirmation and type numbers
    (into `names`); without them every tie is a confirmed cooperation."""
    count = len(source)
    if confirmed is None:
        confirmed = np.ones(count, dtype=bool)
    if kind is None or names is None:
        kind, names = np.zeros(count, dtype=np.int64), ["cooperation"] if count else []
    low, high = np.minimum(source, target), np.maximum(source, target)
    codes, pair = np.unique(low * max(n, 1) + high, return_inverse=True)
    pair = pair.ravel()
    # the types of each pair, in name order: unique (pair, type) combinations, grouped by pair
    combos = np.unique(pair * max(len(names), 1) + kind)
    owner, combo_type = combos // max(len(names), 1), combos % max(len(names), 1)
    if len(combos) == len(codes):  # one type per pair (the common case)
        single = [(name,) for name in names]
        types = [single[t] for t in combo_type.tolist()]
    else:
        bounds = np.flatnonzero(np.diff(owner)) + 1
        types = [tuple(names[t] for t in group) for group in np.split(combo_type, bounds)]
    return Pairs(
        n=n,
        u=codes // max(n, 1),
        v=codes % max(n, 1),
        weight=np.bincount(pair, weights=weight, minlength=len(codes)).astype(np.float64),
        confirmed=np.bincount(pair, weights=confirmed, minlength=len(codes)) > 0,
        types=types,
    )


def _date(value: Any, where: str, problems: list[tuple[str, str]]) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            (
                f"{where}: „{value}“ ist kein Datum (JJJJ-MM-TT)",
                f"{where}: '{value}' is not a date (YYYY-MM-DD)",
            )
        )
        return None


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def parse_input(data: Any) -> Graph:
    problems: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise NetworkInputError(
            [("Die Eingabe ist kein JSON-Objekt", "the input is not a JSON object")]
        )
    raw_nodes = data.get("nodes")
    raw_edges = data.get("edges", [])
    if not isinstance(raw_nodes, list):
        raise NetworkInputError([("„nodes“ fehlt oder ist keine Liste", "'nodes' missing")])
    if not isinstance(raw_edges, list):
        raise NetworkInputError([("„edges“ ist keine Liste", "'edges' is not a list")])
    seed = data.get("seed", 1)
    if not isinstance(seed, int) or isinstance(seed, bool):
        problems.append(("„seed“ muss eine ganze Zahl sein", "'seed' must be an integer"))
        seed = 1
    options = {**DEFAULT_OPTIONS, **(data.get("options") or {})}
    options["weights"] = {**DEFAULT_OPTIONS["weights"], **(options.get("weights") or {})}
    if options["communities"] not in ("modularity", "cpm"):
        problems.append(
            (
                "„options.communities“ ist „modularity“ oder „cpm“",
                "'options.communities' is 'modularity' or 'cpm'",
            )
        )

    nodes: list[Node] = []
    index: dict[str, int] = {}
    for i, raw in enumerate(raw_nodes):
        where = f"Knoten {i + 1}"
        if not isinstance(raw, dict) or raw.get("id") in (None, ""):
            problems.append((f"{where}: „id“ fehlt", f"node {i + 1}: 'id' missing"))
            continue
        node_id = str(raw["id"])
        if node_id in index:
            problems.append(
                (f"{where}: „{node_id}“ kommt doppelt vor", f"node {i + 1}: duplicate '{node_id}'")
            )
            continue
        known = {"id", "name", "sector", "established", "offers", "needs", "topics", "opt_out"}
        index[node_id] = len(nodes)
        nodes.append(
            Node(
                id=node_id,
                name=str(raw.get("name") or node_id),
                sector=str(raw.get("sector") or ""),
                established=bool(raw.get("established", False)),
                offers=_strings(raw.get("offers")),
                needs=_strings(raw.get("needs")),
                topics=_strings(raw.get("topics")),
                opt_out=bool(raw.get("opt_out", False)),
                extra={k: v for k, v in raw.items() if k not in known},
            )
        )

    edges: list[Edge] = []
    for i, raw in enumerate(raw_edges):
        where = f"Verbindung {i + 1}"
        if not isinstance(raw, dict):
            problems.append((f"{where}: kein Objekt", f"edge {i + 1}: not an object"))
            continue
        ends = []
        for end in ("source", "target"):
            key = str(raw.get(end, ""))
            if key not in index:
                problems.append(
                    (
                        f"{where}: „{end}“ „{key}“ ist kein Knoten",
                        f"edge {i + 1}: {end} '{key}' is not a node",
                    )
                )
            ends.append(index.get(key))
        weight = raw.get("weight", 1.0)
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not math.isfinite(weight)
            or weight <= 0
        ):
            problems.append(
                (
                    f"{where}: das Gewicht muss eine Zahl größer als 0 sein",
                    f"edge {i + 1}: the weight must be a number greater than 0",
                )
            )
            weight = 1.0
        since = _date(raw.get("since"), where, problems)
        until = _date(raw.get("until"), where, problems)
        if ends[0] is not None and ends[0] == ends[1]:
            problems.append(
                (
                    f"{where}: verbindet einen Knoten mit sich selbst",
                    f"edge {i + 1}: connects a node with itself",
                )
            )
            continue
        if ends[0] is None or ends[1] is None:
            continue
        edges.append(
            Edge(
                source=ends[0],
                target=ends[1],
                weight=float(weight),
                type=str(raw.get("type") or "cooperation"),
                confirmed=bool(raw.get("confirmed", True)),
                since=since,
                until=until,
            )
        )

    at = _date(data.get("at"), "„at“", problems)
    compare = [d for d in (_date(v, "„compare“", problems) for v in data.get("compare") or []) if d]
    exclude: set[tuple[int, int]] = set()
    for pair in data.get("exclude_pairs") or []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            a, b = index.get(str(pair[0])), index.get(str(pair[1]))
            if a is not None and b is not None and a != b:
                exclude.add((min(a, b), max(a, b)))
    if problems:
        raise NetworkInputError(problems)
    sectors = [str(s) for s in data.get("sectors") or []] or sorted(
        {node.sector for node in nodes if node.sector}
    )
    return Graph(
        seed=seed,
        nodes=nodes,
        edges=edges,
        index=index,
        options=options,
        at=at,
        compare=compare,
        exclude_pairs=exclude,
        sectors=sectors,
    )
