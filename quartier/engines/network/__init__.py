"""The network engine: who is connected, who bridges the worlds (betweenness, Burt's
constraint and effective size), communities (Leiden), network figures at a date, and
suggested introductions with reasons in German.

Pure Python on igraph (also its Leiden), numpy and scipy; no Django. The contract is
docs/network.md."""

from .communities import leiden
from .engine import analyse, analyse_json
from .measures import betweenness, harmonic_closeness, pagerank, structural_holes
from .model import (
    RESOURCE_LABELS_DE,
    SECTOR_LABELS_DE,
    Graph,
    NetworkInputError,
    Pairs,
    collapse,
    parse_input,
)

__all__ = [
    "RESOURCE_LABELS_DE",
    "SECTOR_LABELS_DE",
    "Graph",
    "NetworkInputError",
    "Pairs",
    "analyse",
    "analyse_json",
    "betweenness",
    "collapse",
    "harmonic_closeness",
    "leiden",
    "pagerank",
    "parse_input",
    "structural_holes",
]
