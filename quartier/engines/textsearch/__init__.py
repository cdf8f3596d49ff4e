"""German text search analysis: pure Python, no Django (see docs/textsearch.md).

Text → index terms (`analyse`), typed query → structured query (`analyse_query`), structured
query → SQLite FTS5 MATCH and PostgreSQL to_tsquery expressions that find the same documents,
and one ranking for both databases (`rank`, `score`).
"""

from .analysis import (
    Analyser,
    Mark,
    analyse,
    analyse_query,
    analyser_for,
    default_analyser,
    highlight_spans,
    marked_spans,
)
from .compounds import LEXICON, CompoundSplitter, Part
from .expressions import matches, to_fts5_match, to_tsquery
from .normalise import Token, fold_gender, fold_word, tokenise
from .query import Alternative, Query, QueryWord, Term
from .ranking import (
    DEFAULT_FIELD_WEIGHTS,
    Ranker,
    RankingSettings,
    TermStatistics,
    rank,
    score,
)
from .stemming import DERIVATIONS, stem
from .stopwords import STOP_WORDS, is_stop_word
from .typos import TypoCorrector
from .vocabulary import Vocabulary

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "DERIVATIONS",
    "LEXICON",
    "STOP_WORDS",
    "Alternative",
    "Analyser",
    "CompoundSplitter",
    "Mark",
    "Part",
    "Query",
    "QueryWord",
    "Ranker",
    "RankingSettings",
    "Term",
    "TermStatistics",
    "Token",
    "TypoCorrector",
    "Vocabulary",
    "analyse",
    "analyse_query",
    "analyser_for",
    "default_analyser",
    "fold_gender",
    "fold_word",
    "highlight_spans",
    "is_stop_word",
    "marked_spans",
    "matches",
    "rank",
    "score",
    "stem",
    "to_fts5_match",
    "to_tsquery",
    "tokenise",
]
