"""German text analysis (quartier.engines.textsearch), without Django or a database.

Generates German-like documents (stop words, domain words, compounds with linking elements,
umlauts, numbers, made-up words) and a vocabulary of 50,000 words, then measures:
- analysis throughput: documents per second with a cold and a warm word cache;
- building the vocabulary from the documents;
- query analysis latency (p50, p95, max) for queries with compounds, typos and prefixes,
  including the FTS5 and tsquery expressions; the first query after a vocabulary change
  (which builds the typo and completion indexes) separately;
- typo correction alone, and ranking of 1,000 candidate documents.

Prints one JSON line per figure: {"name", "value", "unit", ...}.
Run with `make bench` (or `python benchmarks/textsearch.py`).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartier.engines.textsearch import (
    LEXICON,
    STOP_WORDS,
    Analyser,
    TypoCorrector,
    Vocabulary,
    analyse_query,
    rank,
    to_fts5_match,
    to_tsquery,
)

DOCUMENTS = int(os.environ.get("BENCH_TEXTSEARCH_DOCUMENTS", "2000"))
VOCABULARY_WORDS = int(os.environ.get("BENCH_TEXTSEARCH_VOCABULARY", "50000"))
WORDS_PER_DOCUMENT = 150
QUERIES = 300
_SYLLABLE_TEXT = (
    "ba be bi bo bu da de di do la le li lo ma me mi na ne ni no ra re ri ro sa se si so ta te "
    "ti to ka ke ko ku sch st tr ung en er ei au ie ge ver zu an ab kon ter ä ö ü ß heit keit"
)
SYLLABLES = _SYLLABLE_TEXT.split()
LINKS = ("", "s", "n", "en", "e", "er")


def emit(name: str, value: float, unit: str, **extra: object) -> None:
    record: dict[str, object] = {"name": name, "value": round(value, 3), "unit": unit}
    record.update(extra)
    print(json.dumps(record), flush=True)


def made_up_word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
    return word.capitalize() if rng.random() < 0.5 else word


def compound(rng: random.Random) -> str:
    first, second = rng.sample(LEXICON, 2)
    return first + rng.choice(LINKS) + second.lower() + rng.choice(("", "", "en", "s", "e"))


def word_pool(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set(LEXICON)
    while len(words) < size * 0.6:
        words.add(compound(rng))
    while len(words) < size:
        words.add(made_up_word(rng))
    return sorted(words)


def document(rng: random.Random, pool: list[str], stop_words: list[str]) -> str:
    words = []
    for _ in range(WORDS_PER_DOCUMENT):
        roll = rng.random()
        if roll < 0.4:
            words.append(rng.choice(stop_words))
        elif roll < 0.45:
            words.append(str(rng.randint(1, 2030)))
        else:
            # roughly Zipfian: low indexes much more often
            words.append(pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)])
        if rng.random() < 0.08:
            words[-1] += rng.choice((",", ".", ":", " –"))
    return " ".join(words)


def typo(rng: random.Random, word: str) -> str:
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "replace"))
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + rng.choice("aeinrst") + word[position + 1 :]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    rng = random.Random(20240501)
    stop_words = sorted(STOP_WORDS)
    pool = word_pool(rng, 20_000)
    shuffled = pool[:]
    rng.shuffle(shuffled)
    pool = shuffled
    texts = [document(rng, pool, stop_words) for _ in range(DOCUMENTS)]

    # ---- vocabulary of the documents and analysis throughput --------------------------
    started = time.perf_counter()
    vocabulary = Vocabulary.from_texts(texts)
    emit("vocabulary_from_texts", time.perf_counter() - started, "s", documents=DOCUMENTS)

    analyser = Analyser(vocabulary)
    started = time.perf_counter()
    term_count = sum(len(analyser.analyse(text)) for text in texts)
    cold = time.perf_counter() - started
    emit("analyse_cold", DOCUMENTS / cold, "documents/s", words=WORDS_PER_DOCUMENT, cache="empty")
    started = time.perf_counter()
    for text in texts:
        analyser.analyse(text)
    warm = time.perf_counter() - started
    emit("analyse_warm", DOCUMENTS / warm, "documents/s", words=WORDS_PER_DOCUMENT)
    emit("terms_per_word", term_count / (DOCUMENTS * WORDS_PER_DOCUMENT), "terms")

    # ---- a vocabulary of 50,000 words for queries -------------------------------------
    big: dict[str, int] = dict(vocabulary.items())
    while len(big) < VOCABULARY_WORDS:
        word = made_up_word(rng).lower() if rng.random() < 0.5 else compound(rng).lower()
        for folded in Vocabulary.from_texts([word]).items():
            big[folded[0]] = big.get(folded[0], 0) + rng.randint(1, 5)
    large = Vocabulary(big)
    query_analyser = Analyser(large)
    known = [word for word in big if len(word) >= 6]
    queries: list[tuple[str, bool]] = []
    for index in range(QUERIES):
        words = [rng.choice(known) for _ in range(rng.randint(1, 3))]
        if index % 3 == 0:
            words[-1] = typo(rng, words[-1])
        prefix = index % 4 == 0
        if prefix:
            words[-1] = words[-1][: max(3, len(words[-1]) // 2)]
        if index % 5 == 0:
            words.insert(1, rng.choice(stop_words))
        queries.append((" ".join(words), prefix))

    started = time.perf_counter()
    query_analyser.analyse_query("Zwischennutzng im Quart", prefix=True)
    emit("first_query_builds_indexes", (time.perf_counter() - started) * 1000, "ms", **_vocab())

    timings: list[float] = []
    corrected = 0
    for text, prefix in queries:
        started = time.perf_counter()
        query = query_analyser.analyse_query(text, prefix=prefix)
        to_fts5_match(query)
        to_tsquery(query)
        timings.append((time.perf_counter() - started) * 1000)
        corrected += bool(query.corrections)
    emit("query_p50", percentile(timings, 0.5), "ms", queries=QUERIES, **_vocab())
    emit("query_p95", percentile(timings, 0.95), "ms", queries=QUERIES, **_vocab())
    emit("query_max", max(timings), "ms", queries=QUERIES, **_vocab())
    emit("queries_corrected", corrected / QUERIES, "share", queries=QUERIES)

    corrector = TypoCorrector(big)
    typos = [typo(rng, rng.choice(known)) for _ in range(QUERIES)]
    timings = []
    for word in typos:
        started = time.perf_counter()
        corrector.corrections(word)
        timings.append((time.perf_counter() - started) * 1000)
    emit("typo_correction_p50", percentile(timings, 0.5), "ms", **_vocab())
    emit("typo_correction_p95", percentile(timings, 0.95), "ms", **_vocab())

    # ---- ranking -----------------------------------------------------------------------
    candidates = [
        (
            index,
            {
                "title": analyser.analyse(text[:60]),
                "summary": analyser.analyse(text[:300]),
                "body": " ".join(analyser.analyse(text)),
            },
            float(index % 700),
        )
        for index, text in enumerate(texts[:1000])
    ]
    query = analyse_query(" ".join(pool[:2]), vocabulary)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        rank(query, candidates)
        runs.append((time.perf_counter() - started) * 1000)
    emit("rank_1000_candidates", statistics.median(runs), "ms")


def _vocab() -> dict[str, object]:
    return {"vocabulary": VOCABULARY_WORDS}


if __name__ == "__main__":
    main()
