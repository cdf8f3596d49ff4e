"""Turns a stored snapshot into what the pages, exports and the API show: rows per actor
with every measure, edges, the health sentence and an actor's position."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MEASURES = [
    ("degree", "Degree"),
    ("weighted_degree", "Weighted degree"),
    ("betweenness", "Betweenness"),
    ("harmonic_closeness", "Harmonic closeness"),
    ("pagerank", "PageRank"),
    ("k_core", "k-core"),
    ("constraint", "Constraint"),
    ("effective_size", "Effective size"),
    ("community", "Community"),
]
MEASURE_KEYS = [key for key, _label in MEASURES]


@dataclass
class Filters:
    sector: str = ""
    group: str = ""  # "new" or "established"
    sort: str = "betweenness"
    descending: bool = True


def rows(result: dict[str, Any], filters: Filters) -> list[dict[str, Any]]:
    actors = result.get("actors", {})
    out = []
    for node_id, measures in result.get("nodes", {}).items():
        actor = actors.get(node_id, {})
        if filters.sector and actor.get("sector") != filters.sector:
            continue
        if filters.group == "new" and actor.get("established"):
            continue
        if filters.group == "established" and not actor.get("established"):
            continue
        out.append({"id": node_id, **actor, **measures})
    key = filters.sort if filters.sort in [*MEASURE_KEYS, "name"] else "betweenness"

    def sort_key(row: dict[str, Any]) -> tuple[int, Any]:
        value = row.get(key)
        return (0 if value is not None else 1, value if value is not None else 0)

    with_value = [r for r in out if r.get(key) is not None]
    without = [r for r in out if r.get(key) is None]
    with_value.sort(key=sort_key, reverse=filters.descending)
    return with_value + sorted(without, key=lambda r: r.get("name", ""))


def edges(result: dict[str, Any], node_ids: set[str] | None = None) -> list[dict[str, Any]]:
    ties = result.get("ties", [])
    if node_ids is None:
        return ties
    return [t for t in ties if t["source"] in node_ids and t["target"] in node_ids]


def health_sentences(result: dict[str, Any]) -> list[str]:
    """The network's state in plain German (English msgids)."""
    network = result.get("network", {})
    sentences = []
    new, without = network.get("new_actors", 0), len(network.get("new_without_established_tie", []))
    if new:
        sentences.append(
            ngettext(
                "%(without)s of %(new)s new actor has no confirmed tie to an established "
                "actor yet.",
                "%(without)s of %(new)s new actors have no confirmed tie to an established "
                "actor yet.",
                new,
            )
            % {"without": without, "new": new}
        )
    isolates = len(network.get("isolates", []))
    if isolates:
        sentences.append(
            ngettext(
                "%(count)s actor has no tie at all.",
                "%(count)s actors have no tie at all.",
                isolates,
            )
            % {"count": isolates}
        )
    communities = [c for c in result.get("communities", []) if c["size"] > 1]
    if communities:
        sentences.append(
            ngettext(
                "The network falls into %(count)s group.",
                "The network falls into %(count)s groups.",
                len(communities),
            )
            % {"count": len(communities)}
        )
    brokers = top_brokers(result, 3)
    if brokers:
        sentences.append(
            _("The strongest bridge builders: %(names)s.")
            % {"names": ", ".join(b["name"] for b in brokers)}
        )
    return sentences


def top_brokers(result: dict[str, Any], count: int) -> list[dict[str, Any]]:
    actors = result.get("actors", {})
    ranked = sorted(
        (
            (m["betweenness"], node_id)
            for node_id, m in result.get("nodes", {}).items()
            if m["betweenness"] > 0
        ),
        reverse=True,
    )
    return [{"id": i, **actors.get(i, {})} for _b, i in ranked[:count]]


@dataclass
class Position:
    node: dict[str, Any]
    broker: bool
    community_size: int
    bridges: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)


def position_of(result: dict[str, Any], actor_id: int) -> Position | None:
    key = str(actor_id)
    nodes = result.get("nodes", {})
    if key not in nodes:
        return None
    node = nodes[key]
    actors = result.get("actors", {})
    ranked = sorted((m["betweenness"] for m in nodes.values()), reverse=True)
    threshold = ranked[max(0, len(ranked) // 10 - 1)] if ranked else 0
    broker = node["betweenness"] > 0 and (
        node["betweenness"] >= threshold
        or (node["constraint"] is not None and node["constraint"] < 0.3 and node["degree"] >= 3)
    )
    community = next(
        (c for c in result.get("communities", []) if c["id"] == node["community"]), None
    )
    bridges = []
    for tie in result.get("ties", []):
        if key not in (tie["source"], tie["target"]):
            continue
        other = tie["target"] if tie["source"] == key else tie["source"]
        if nodes.get(other, {}).get("community") != node["community"]:
            bridges.append({"id": other, **actors.get(other, {}), "kind": tie["kind"]})
    suggestions = []
    for s in result.get("suggestions", []):
        if key in (s["source"], s["target"]):
            other = s["target"] if s["source"] == key else s["source"]
            suggestions.append({**s, "other": {"id": other, **actors.get(other, {})}})
    return Position(
        node=node,
        broker=broker,
        community_size=community["size"] if community else 1,
        bridges=bridges[:3],
        suggestions=suggestions[:3],
    )
