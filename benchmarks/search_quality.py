"""Quality and speed of the German search (issue 6, "Benchmark"), on SQLite and PostgreSQL.

1. Quality: a development set of realistic German queries over the demo content (`quartier
   demo` on a fresh database, which also rebuilds the search index), each with the item(s) a
   practitioner wants to see, written down from the demo content and not from the engine's
   answers. recall@5 (share of queries with an expected item in the top 5) and MRR (mean
   reciprocal rank of the first expected item in the returned list, 0 when missing). The
   ranked list is the flattened result of `search()` across all types (by score, ties by
   entry id, as the engine ranks them), or only the hits of one type when a query is marked
   with the type it is about (a person looking for an actor or a place reads that group of
   the result page). Every miss is printed with its top 5, so that the engine can be improved.
2. The same set on PostgreSQL (BENCH_PG_URL, default
   postgres://quartier:quartier@127.0.0.1:5432/quartier_bench; the database is created and
   dropped by this script, and its name must end in "bench"; BENCH_PG_URL="" skips
   PostgreSQL), and
   the share of queries with identical top 5 on both databases.
3. Speed: a synthetic corpus of BENCH_SEARCH_DOCS (default 100,000; --docs) German-like
   documents made deterministically from the words of the demo content, compounds of them and
   made-up words, bulk-inserted as SearchEntry rows with the terms of `analyse`; p50 and p95
   latency of `search()` for the development-set queries and 100 random two-word queries,
   after loading the process's vocabulary (the first load, and the update after one changed
   entry, are reported separately), then a profile of where the time goes (vocabulary,
   analysis, candidate queries, counting, fetching, ranking, highlighting).

While working on the search, `--keep DIR` keeps the corpus and the latency databases between
runs (`--no-dev-set`, `--database sqlite` narrow a run down); delete DIR after changing what
an entry stores.

Each database runs in a subprocess of its own (clean settings). Prints one JSON line per
figure: {"name", "value", "unit", "database", ...}; misses as {"name": "search.dev_set.miss"}.
Run with `make bench` (or `python benchmarks/search_quality.py`).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_holdout  # noqa: E402 - the independent set beside this script

DOCS = int(os.environ.get("BENCH_SEARCH_DOCS", "100000"))
PG_URL = os.environ.get(
    "BENCH_PG_URL", "postgres://quartier:quartier@127.0.0.1:5432/quartier_bench"
)
RANDOM_QUERIES = 100
P95_TARGET_MS = 50.0
RECALL_TARGET = 0.9
SEED = 20260601
KEEP_DEMO = "--keep" in sys.argv  # keep the demo database too (for the development set)
ABLATION = os.environ.get("BENCH_ABLATION", "")


def _ablate(name: str) -> None:
    """Switches one part of the analysis or ranking off in this process (before indexing)."""
    import functools

    import quartier.engines.textsearch.analysis as analysis
    import quartier.search.selectors as selectors
    from quartier.engines.textsearch import RankingSettings, rank
    from quartier.engines.textsearch.lexicon import Lexicon
    from quartier.engines.textsearch.thesaurus import Thesaurus

    if name == "no_lexicon":  # neither compound parts nor lemmas from the dictionary
        analysis.german_lexicon = lambda: Lexicon({})  # type: ignore[assignment]
    elif name == "no_lemmas":
        analysis.lemma_terms = lambda dictionary, word: []
    elif name == "no_thesaurus":
        analysis.default_thesaurus = lambda: Thesaurus([])  # type: ignore[assignment]
    elif name == "no_coordination":  # all words or nothing, as before issue 17
        selectors.rank = functools.partial(rank, settings=RankingSettings(coordination=0))
        selectors.PARTIAL_CANDIDATES = 0


ABLATIONS = ("no_lexicon", "no_lemmas", "no_thesaurus", "no_coordination")

A, ACT, P, N = "article", "actor", "place", "neighbourhood"


@dataclass(frozen=True)
class Case:
    """A query, the items that answer it (any one of them counts) and optionally its type."""

    query: str
    expected: tuple[tuple[str, str], ...]
    kind: str = ""


def case(query: str, *expected: tuple[str, str], kind: str = "") -> Case:
    return Case(query, expected, kind)


# Items are (kind, identifier): articles and the neighbourhood by slug, actors by the key of
# quartier.actors.demo (the slug without "musterstadt-"), places by name.
LADEN = (A, "ladenlokal-zwischennutzen-in-zehn-schritten")
KOOP = (A, "kooperationsvereinbarung-vorbereiten")
FOERDER = (A, "foerdermittel-beantragen-und-abrechnen")
GENERATION = (A, "generationenwechsel-schueler-und-studierendeninitiativen")
NACHFOLGE = (A, "nachfolge-uebergabe-checkliste")
FEST = (A, "strassenfest-im-quartier-organisieren")
TISCH = (A, "runden-tisch-verstetigen")
PLANUNG = (A, "planungsrecht-bei-zwischennutzungen")
LEERSTAND = (A, "leerstandsmanagement-im-kleinstadtzentrum")
ERSTGESPRAECH = (A, "erstgespraech-mit-eigentuemern-leerstand")
VERDRAENGUNG = (A, "verdraengung-vorbeugen-pionier-nutzungen")
WIRKUNG = (A, "wirkung-belegen-argumente")
WOHNUNG = (A, "wohnungsunternehmen-fuer-quartiersprojekte-gewinnen")
FORMATE = (A, "kreative-formate-werkstatt-reallabor-kreativtag")
BERNBURG = (A, "bernburg-campus-innenstadt")
MARKTGASSE_SHOPS = tuple((P, f"Ladenlokal Marktgasse {number}") for number in (3, 9, 11, 16))

DEV_SET: list[Case] = [
    # --- the toolbox articles: how practitioners type --------------------------------------
    case("leerstehende Läden zwischennutzen", LADEN),
    case("Kooperationsvereinbarung mit Wohnungsunternehmen", KOOP),
    case("Förderung ohne eingetragenen Verein", FOERDER),
    case("Schülerinitiative Nachfolge", GENERATION, NACHFOLGE),
    case("Strassenfest", FEST),
    case("Runder Tisch", TISCH),
    case("Brandschutz Zwischennutzung", PLANUNG),
    case("Zwischennutzng", LADEN, PLANUNG),
    case("Leerstandsmanagement", LEERSTAND),
    case("Leerstand in der Kleinstadt", LEERSTAND),
    case("Verwendungsnachweis", FOERDER),
    case("Fördermittel abrechnen", FOERDER),
    case("Zuwendungsbescheid lesen", FOERDER),
    case("Gespräch mit dem Eigentümer vorbereiten", ERSTGESPRAECH),
    case("Erstgespraech Eigentuemer", ERSTGESPRAECH),
    case("Übergabe Checkliste Verein", NACHFOLGE),
    case("Nachfolge Vorstand Kassenwart", NACHFOLGE),
    case("Generationenwechsel Studierende", GENERATION),
    case("Nutzungsänderung Bauaufsicht", PLANUNG),
    case("Versammlungsstätte", PLANUNG),
    case("Verdrängung", VERDRAENGUNG),
    case("Verdraengung von Zwischennutzern", VERDRAENGUNG),
    case("Pioniernutzungen schützen", VERDRAENGUNG),
    case("Wirkung belegen", WIRKUNG),
    case("Argumente für Förderer", WIRKUNG),
    case("Quartiersrendite", WOHNUNG),
    case("Wohnungsgesellschaft als Partner gewinnen", WOHNUNG),
    case("Reallabor", FORMATE),
    case("Kreativworkshop", FORMATE, BERNBURG),
    case("kreative Beteiligungsformate", FORMATE),
    case("Straßenfest Genehmigung Ordnungsamt", FEST, (ACT, "ordnungsamt")),
    case("Nachbarschaftsfest", FEST),
    case("Runden Tisch verstetigen", TISCH),
    case("Absichtserklärung", KOOP),
    case("Kooperationsvertrag Mustergliederung", KOOP),
    case("Ladenlokal zwischennutzen", LADEN),
    # --- the paper's examples ------------------------------------------------------------
    case("Pferdestall Helmstedt", (A, "helmstedt-pferdestall")),
    case("Coworking auf dem Land", (A, "bad-belzig-coconat")),
    case("Living Lab Wochenmarkt Göttingen", (A, "goettingen-living-lab-wochenmarktplatz")),
    case("Masterplan Offenbach", (A, "offenbach-masterplan-offen-denken")),
    case("Campus Innenstadt Bernburg", BERNBURG),
    case("Studenteninitiative Markt bespielen", BERNBURG, (ACT, "stadtlabor")),
    # --- actors, by what they do ---------------------------------------------------------
    case("Lastenrad", (ACT, "talrad"), kind=ACT),
    case("Lastenräder ausleihen", (ACT, "talrad"), kind=ACT),
    case("Reparaturcafe", (ACT, "reparaturcafe"), kind=ACT),
    case("Fahrräder reparieren", (ACT, "reparaturcafe"), kind=ACT),
    case("Töpferkurs für Kinder", (ACT, "toepferei-scherbenglueck"), kind=ACT),
    case("Theatergruppe", (ACT, "talbuehne"), kind=ACT),
    case("Kino im leeren Laden", (ACT, "filmclub-lichtspiel"), kind=ACT),
    case("Jugendtreff", (ACT, "sozialwerk-talgrund"), kind=ACT),
    case("Gründungsberatung", (ACT, "wirtschaftsfoerderung"), kind=ACT),
    case("Website für kleine Läden", (ACT, "dorfdigital"), kind=ACT),
    case("Unverpackt-Laden", (ACT, "fuellgut"), kind=ACT),
    case("Bienen", (ACT, "imkerverein"), kind=ACT),
    case("Kulturprojekt Zuschuss", (ACT, "kulturamt"), (ACT, "stiftung-talgrund"), kind=ACT),
    case("Leerstandskataster", (ACT, "stadtplanungsamt"), kind=ACT),
    case("Vermittlung leerer Läden an Kreative", (ACT, "zwischenraum"), kind=ACT),
    case("Wohnungsgenossenschaft", (ACT, "gruenes-tal"), kind=ACT),
    case("Mittagstisch", (ACT, "mehrgenerationenhaus"), (ACT, "kath-pfarrei"), kind=ACT),
    case("Quartiersbüro Sprechstunde", (ACT, "quartiersmanagement"), kind=ACT),
    case("Studium Architektur", (ACT, "hochschule-gestaltung"), kind=ACT),
    case(
        "Beratung Städtebauförderung",
        (ACT, "landesagentur"),
        (ACT, "stadtplanungsamt"),
        kind=ACT,
    ),
    case("Schülerfirma", (ACT, "schuelerfirma-kiosk"), (ACT, "gemeinschaftsschule"), kind=ACT),
    case(
        "Zwischennutzungsvertrag",
        (ACT, "zwischenraum"),
        (ACT, "campusbuero"),
        (ACT, "talviertel-wohnen"),
        kind=ACT,
    ),
    case("Besuchsdienst für Senioren", (ACT, "seniorenhilfe-talgrund"), kind=ACT),
    case("Grafikdesign Plakate", (ACT, "linienwerk"), kind=ACT),
    case("Fotograf für Veranstaltungen", (ACT, "fotostudio-lichtfang"), kind=ACT),
    case("Musikunterricht für Kinder", (ACT, "musikschule-talgrund"), kind=ACT),
    case("Veranstaltungssaal", (ACT, "spindelhaus"), (ACT, "gasthaus-talkrug"), kind=ACT),
    # --- places --------------------------------------------------------------------------
    case("Ladenlokal Marktgasse", *MARKTGASSE_SHOPS, kind=P),
    case("Kirche Gemeindehaus", (ACT, "ev-kirchengemeinde"), (P, "Gemeindesaal am Kirchplatz 1")),
    case("Kiosk Rathausplatz", (P, "Ehemaliger Kiosk am Rathausplatz 10"), kind=P),
    case("Pfarrhaus", (P, "Ehemaliges Pfarrhaus Kirchplatz 3"), kind=P),
    case("Werkstatt mit Starkstrom", (P, "Werkhalle Mühlenweg 4"), kind=P),
    case(
        "Turnhalle Veranstaltungen",
        (P, "Turnhalle der ehemaligen Talschule, Schulstraße 8"),
        kind=P,
    ),
    case("Brache Gärtnerei", (P, "Brache Speicherweg 14 (ehemalige Gärtnerei)"), kind=P),
    case("Kornspeicher Tenne", (P, "Alter Kornspeicher – Tenne im Erdgeschoss"), kind=P),
    case("Büroräume Bahnhofstrasse", (P, "Büroetage Bahnhofstraße 8, 1. Obergeschoss"), kind=P),
    case("leere Bankfiliale", (P, "Ehemalige Bankfiliale Talplatz 6"), kind=P),
    case("Gemeinschaftsraum mit Küche", (P, "Gemeinschaftsraum Talstraße 24"), kind=P),
    case("Wiese am Bach", (P, "Uferwiese Am Bachufer"), kind=P),
    case("Schuhgeschäft Talplatz", (P, "Ehemaliges Schuhgeschäft Talplatz 4"), kind=P),
    case("ehemalige Kita", (P, "Ehemalige Kita Lindenallee 12"), kind=P),
    case(
        "Gasthaus mit Saal",
        (P, "Ehemaliges Gasthaus Zur Mühle, Mühlenweg 12"),
        (ACT, "gasthaus-talkrug"),
    ),
    case(
        "Proberaum für Bands",
        (P, "Kellerräume Bahnhofstraße 8"),
        (P, "Ehemaliges Pfarrheim Heilige Familie, Mühlenweg 22"),
        (P, "Turnhalle der ehemaligen Talschule, Schulstraße 8"),
        kind=P,
    ),
    case("Garage als Lager", (P, "Garagenhof Gartenstraße 8"), kind=P),
    case(
        "Pop-up-Laden Marktgasse",
        *[(P, f"Ladenlokal Marktgasse {n}") for n in (3, 9, 11)],
        (P, "Ehemalige Drogerie Marktgasse 5"),
        (P, "Kleiner Laden Marktgasse 20"),
        kind=P,
    ),
    # --- the neighbourhood ---------------------------------------------------------------
    case("Talviertel", (N, "musterstadt-talviertel")),
]


def emit(name: str, value: object, unit: str = "", **extra: object) -> None:
    record: dict[str, object] = {"name": name, "value": value}
    if unit:
        record["unit"] = unit
    record.update(extra)
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# ---- the parent: one subprocess per database ------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the corpus and the latency databases (DIR/latency-N.sqlite3 and the "
        "PostgreSQL database <name>_latency_N_bench) and reuse them on the next run with the "
        "same DIR and --docs; delete DIR after changing what an entry stores",
    )
    parser.add_argument("--docs", type=int, default=DOCS, help="size of the synthetic corpus")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), action="append", help="only these"
    )
    parser.add_argument("--no-dev-set", action="store_true", help="latency only")
    parser.add_argument(
        "--ablation",
        choices=sorted(ABLATIONS),
        help="the development and independent sets with one part of the analysis switched off",
    )
    parser.add_argument("--no-latency", action="store_true", help="development set only")
    return parser.parse_args()


def main() -> None:
    global ABLATION
    options = arguments()
    ABLATION = options.ablation or ""
    tmp = options.keep or Path(tempfile.mkdtemp(prefix="quartier-search-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    docs = 0 if options.no_latency else options.docs
    corpus = tmp / f"corpus-{docs}.pickle"
    databases = options.database or ["sqlite", "postgresql"]
    top5: dict[str, dict[str, list[str]]] = {}
    started = time.perf_counter()
    try:
        if "sqlite" in databases:
            if not options.no_dev_set:
                devset = tmp / "devset.sqlite3"
                devset.unlink(missing_ok=True)
                if options.keep and (tmp / "demo.sqlite3").exists():
                    shutil.copy(tmp / "demo.sqlite3", devset)  # reindexed by the worker
                top5["sqlite"] = run_worker("devset", f"sqlite:///{devset}", "sqlite", tmp)
            if docs:
                latency_db = tmp / f"latency-{docs}.sqlite3"
                if not options.keep:
                    latency_db.unlink(missing_ok=True)
                run_worker("latency", f"sqlite:///{latency_db}", "sqlite", tmp, corpus, docs)
        if PG_URL and "postgresql" in databases:
            top5.update(run_postgresql(options, tmp, corpus, docs))
    finally:
        if not options.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if "sqlite" in top5 and "postgresql" in top5:
        a, b = top5["sqlite"], top5["postgresql"]
        for name, queries in (
            ("dev_set", [q for q in a if not q.startswith("holdout:")]),
            ("holdout", [q for q in a if q.startswith("holdout:")]),
        ):
            same = sum(1 for query in queries if a[query] == b.get(query))
            emit(
                f"search.{name}.identical_top5",
                round(same / max(len(queries), 1), 3),
                "ratio",
                queries=len(queries),
                target=1.0,
                met=same == len(queries),
            )
        for query in a:
            if a[query] != b.get(query):
                emit(
                    "search.dev_set.top5_differs",
                    query,
                    sqlite=a[query],
                    postgresql=b.get(query),
                )
    emit("search.bench.total_s", round(time.perf_counter() - started, 1), "s", docs=docs)


def run_worker(
    task: str, url: str, database: str, tmp: Path, corpus: Path | None = None, docs: int = 0
) -> dict[str, list[str]]:
    result = tmp / f"top5-{database}.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quartier.settings.test",
        "DATABASE_URL": url,
        "BENCH_DATABASE": database,
        "BENCH_CORPUS": str(corpus or ""),
        "BENCH_SEARCH_DOCS": str(docs),
        "BENCH_RESULT": str(result),
        "BENCH_ABLATION": ABLATION,
        "BENCH_KEEP": str(tmp / "demo.sqlite3") if KEEP_DEMO else "",
    }
    command = [sys.executable, __file__, "--worker", task]
    subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 - this script
    if task != "devset":
        return {}
    data: dict[str, list[str]] = json.loads(result.read_text())
    return data


def run_postgresql(
    options: argparse.Namespace, tmp: Path, corpus: Path, docs: int
) -> dict[str, dict[str, list[str]]]:
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        emit("search.bench.postgresql_skipped", "psycopg is not installed")
        return {}
    parts = urlsplit(PG_URL)
    name = parts.path.lstrip("/")
    if not name.endswith("bench"):
        raise SystemExit(f"BENCH_PG_URL must name a database ending in 'bench', not {name!r}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        admin = psycopg.connect(maintenance, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        emit("search.bench.postgresql_skipped", str(error).strip())
        return {}
    found: dict[str, dict[str, list[str]]] = {}
    latency_name = f"{name.removesuffix('bench')}latency_{docs}_bench"
    with admin:

        def fresh(database: str, keep: bool = False) -> None:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone()
            if keep and exists:
                return
            identifier = sql.Identifier(database)
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(identifier))

        def drop(database: str) -> None:
            identifier = sql.Identifier(database)
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))

        if not options.no_dev_set:
            fresh(name)
            try:
                found["postgresql"] = run_worker("devset", PG_URL, "postgresql", tmp)
            finally:
                drop(name)
        if docs:
            fresh(latency_name, keep=bool(options.keep))
            url = urlunsplit(parts._replace(path=f"/{latency_name}"))
            try:
                run_worker("latency", url, "postgresql", tmp, corpus, docs)
            finally:
                if not options.keep:
                    drop(latency_name)
    return found


# ---- the worker: one database ---------------------------------------------------------------


def worker(task: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from quartier.knowledge.models import Article

    database = os.environ["BENCH_DATABASE"]
    if ABLATION:
        _ablate(ABLATION)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if task == "devset":
        if Article.objects.exists():  # a kept demo (--keep): only the index is made anew
            from quartier.search.indexing import rebuild_index

            rebuild_index()
        else:
            call_command("demo", stdout=io.StringIO())
            keep = os.environ.get("BENCH_KEEP")
            if keep and database == "sqlite":
                from django.db import connection

                connection.close()
                shutil.copy(os.environ["DATABASE_URL"].removeprefix("sqlite:///"), keep)
        emit("search.demo_setup_s", round(time.perf_counter() - started, 1), "s", database=database)
        top5 = dev_set(database)
        Path(os.environ["BENCH_RESULT"]).write_text(json.dumps(top5, ensure_ascii=False))
    else:
        if not Article.objects.exists():  # the corpus is made from the words of the demo
            call_command("demo", stdout=io.StringIO())
        latency(database, Path(os.environ["BENCH_CORPUS"]))


def identifiers() -> dict[tuple[str, int], str]:
    """(kind, object id) of every demo entry → the readable identifier the dev set uses."""
    from quartier.actors.demo import SLUG_PREFIX
    from quartier.actors.models import Actor
    from quartier.knowledge.models import Article
    from quartier.neighbourhoods.models import Neighbourhood
    from quartier.places.models import Place

    names: dict[tuple[str, int], str] = {}
    names.update({(A, pk): slug for pk, slug in Article.objects.values_list("pk", "slug")})
    names.update(
        {
            (ACT, pk): slug.removeprefix(SLUG_PREFIX)
            for pk, slug in Actor.objects.values_list("pk", "slug")
        }
    )
    names.update({(P, pk): name for pk, name in Place.objects.values_list("pk", "name")})
    names.update({(N, pk): slug for pk, slug in Neighbourhood.objects.values_list("pk", "slug")})
    return names


def ranked(text: str) -> list[tuple[str, int]]:
    """The flattened result of search(): (kind, object id) by score, ties by entry id."""
    from quartier.search.selectors import search

    hits = [hit for _kind, _label, group in search(text).groups for hit in group]
    hits.sort(key=lambda hit: (-hit.score, hit.entry.pk))
    return [(hit.entry.kind, hit.entry.object_id) for hit in hits]


@dataclass
class Evaluation:
    recall_at_5: float
    recall_at_1: float
    mrr: float
    recall_at_5_all_types: float
    misses: list[dict[str, object]]
    top5: dict[str, list[str]]


def evaluate(names: dict[tuple[str, int], str], cases: list[Case] | None = None) -> Evaluation:
    def label(key: tuple[str, int]) -> str:
        return f"{key[0]}:{names.get(key, key[1])}"

    at_5 = at_1 = flat_at_5 = 0
    reciprocal = 0.0
    top5: dict[str, list[str]] = {}
    misses: list[dict[str, object]] = []
    cases = DEV_SET if cases is None else cases
    for item in cases:
        flat = ranked(item.query)
        results = [key for key in flat if not item.kind or key[0] == item.kind]
        labels = [label(key) for key in results]
        wanted = {f"{kind}:{name}" for kind, name in item.expected}
        rank = next((i + 1 for i, found in enumerate(labels) if found in wanted), None)
        top5[item.query] = labels[:5]
        if rank is not None:
            reciprocal += 1 / rank
            at_5 += rank <= 5
            at_1 += rank == 1
        flat_at_5 += any(label(key) in wanted for key in flat[:5])
        if rank is None or rank > 5:
            misses.append(
                {
                    "query": item.query,
                    "kind": item.kind or "all",
                    "expected": sorted(wanted),
                    "rank": rank,
                    "results": len(results),
                    "top5": labels[:5],
                }
            )
    count = len(cases)
    return Evaluation(
        at_5 / count, at_1 / count, reciprocal / count, flat_at_5 / count, misses, top5
    )


def dev_set(database: str) -> dict[str, list[str]]:
    names = identifiers()
    known_items = {(kind, name) for (kind, _pk), name in names.items()}
    for item in DEV_SET:
        missing = [e for e in item.expected if e not in known_items]
        if missing:
            raise SystemExit(f"dev set: {item.query!r} expects unknown items {missing}")
    top5 = report_set("dev_set", evaluate(names), len(DEV_SET), database)
    # then the independent set: its articles imported into the same demo
    search_holdout.import_articles()
    held = search_holdout.queries()
    cases = [Case(q.query, tuple((A, slug) for slug in q.slugs)) for q in held]
    names = identifiers()
    result = evaluate(names, cases)
    top5.update({f"holdout:{query}": found for query, found in result.top5.items()})
    report_set("holdout", result, len(cases), database)
    prefix = f"ablation.{ABLATION}." if ABLATION else ""
    for category in sorted({q.category for q in held}):
        chosen = [c for c, q in zip(cases, held, strict=True) if q.category == category]
        part = evaluate(names, chosen)
        emit(
            f"search.{prefix}holdout.recall_at_5.{category}",
            round(part.recall_at_5, 3),
            "ratio",
            queries=len(chosen),
            database=database,
        )
    return top5


def report_set(name: str, result: Evaluation, count: int, database: str) -> dict[str, list[str]]:
    common = {"queries": count, "database": database}
    if ABLATION:
        name = f"ablation.{ABLATION}.{name}"
    emit(
        f"search.{name}.recall_at_5",
        round(result.recall_at_5, 3),
        "ratio",
        **common,
        target=RECALL_TARGET,
        met=result.recall_at_5 >= RECALL_TARGET,
    )
    emit(f"search.{name}.mrr", round(result.mrr, 3), "ratio", **common)
    emit(f"search.{name}.recall_at_1", round(result.recall_at_1, 3), "ratio", **common)
    emit(
        f"search.{name}.recall_at_5_all_types",
        round(result.recall_at_5_all_types, 3),
        "ratio",
        **common,
        note="every query on the flattened list of all types, type marks ignored",
    )
    for miss in result.misses:
        emit(f"search.{name}.miss", None, "", **miss, database=database)
    return dict(result.top5)


# ---- the synthetic corpus -----------------------------------------------------------------


_SYLLABLE_TEXT = (
    "ba be bi bo bu da de di do la le li lo ma me mi na ne ni no ra re ri ro sa se si so ta te "
    "ti to ka ke ko ku sch st tr ung en er ei au ie ge ver zu an ab kon ter ä ö ü ß heit keit"
)
SYLLABLES = _SYLLABLE_TEXT.split()
LINKS = ("", "", "s", "n", "en", "e", "er")
KINDS = (A, ACT, ACT, ACT, P, P, P, P, N, A)


def made_up_word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
    return word.capitalize() if rng.random() < 0.5 else word


def corpus_words(texts: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Content words (demo words, new compounds of demo nouns, made-up words; shuffled, so
    their Zipf rank is random) and the stop words as they are written in the demo texts."""
    import re

    from quartier.engines.textsearch import STOP_WORDS, fold_word

    raw = Counter(w for text in texts for w in re.findall(r"[^\W\d_]{2,}", text))
    stop = sorted(w for w in raw if all(f in STOP_WORDS for f in fold_word(w)))
    content = sorted(w for w in raw if w not in set(stop))
    nouns = [w for w in content if w[0].isupper() and len(w) >= 4]
    compounds: set[str] = set()
    while len(compounds) < 20_000:
        first, second = rng.sample(nouns, 2)
        compounds.add(first + rng.choice(LINKS) + second.lower())
    made_up: set[str] = set()
    while len(made_up) < 25_000:
        made_up.add(made_up_word(rng))
    pool = [*content, *sorted(compounds), *sorted(made_up)]
    rng.shuffle(pool)
    return pool, stop or sorted(STOP_WORDS)


class Zipf:
    """Words of a pool with Zipf–Mandelbrot frequencies (weight 1 / (rank + 50)): the most
    frequent content word is about 0.3 % of the content words, as in real German text."""

    def __init__(self, pool: list[str]) -> None:
        self.pool = pool
        self.cumulative = list(itertools.accumulate(1 / (rank + 50) for rank in range(len(pool))))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.pool, cum_weights=self.cumulative)[0]


def sentence(rng: random.Random, zipf: Zipf, stop: list[str], length: int) -> str:
    words = []
    for _ in range(length):
        if rng.random() < 0.38:
            words.append(rng.choice(stop))
        elif rng.random() < 0.03:
            words.append(str(rng.randint(1, 2030)))
        else:
            words.append(zipf(rng))
        if rng.random() < 0.07:
            words[-1] += rng.choice((",", ".", ":", " –"))
    return " ".join(words)


def build_corpus(path: Path) -> dict[str, Any]:
    """Generates and analyses the documents once (the SQLite worker); PostgreSQL reuses them."""
    from quartier.engines.textsearch import analyse
    from quartier.search.models import SearchEntry

    if path.exists():
        with path.open("rb") as file:
            loaded: dict[str, Any] = pickle.load(file)  # noqa: S301 - our own temp file
            return loaded
    rng = random.Random(SEED)
    texts = list(SearchEntry.objects.order_by("id").values_list("words", flat=True))
    pool, stop = corpus_words(texts, rng)
    zipf = Zipf(pool)
    rows = []
    for i in range(DOCS):
        title = " ".join(zipf(rng) for _ in range(rng.randint(2, 6)))
        summary = sentence(rng, zipf, stop, rng.randint(12, 30))
        body = sentence(rng, zipf, stop, rng.randint(40, 110))
        title_terms, summary_terms, body_terms = analyse(title), analyse(summary), analyse(body)
        rows.append(
            (
                KINDS[i % len(KINDS)],
                10_000_000 + i,
                title[:300],
                summary[:600],
                " ".join(title_terms),
                " ".join(summary_terms),
                " ".join(body_terms),
                " ".join([*title_terms, *summary_terms, *body_terms]),
                " ".join([title, summary, body])[:20000],
                rng.randint(0, 1500),
            )
        )
    queries = []
    for _ in range(RANDOM_QUERIES):
        # two words of one document, or one of it and one from anywhere: some queries find
        # many documents, some few, some none (as real two-word queries do)
        doc = rows[rng.randrange(len(rows))]
        words = [w.strip(",.:–") for w in doc[8].split() if w[:1].isalpha() and len(w) > 3]
        first = rng.choice(words)
        second = rng.choice(words) if rng.random() < 0.5 else zipf(rng)
        queries.append(f"{first} {second.strip(',.:–')}")
    corpus = {"rows": rows, "queries": queries}
    with path.open("wb") as file:
        pickle.dump(corpus, file, protocol=pickle.HIGHEST_PROTOCOL)
    return corpus


def insert_corpus(rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from quartier.engines.textsearch import Vocabulary
    from quartier.search.indexing import entry_marks
    from quartier.search.models import SearchEntry

    now = timezone.now()

    def entries() -> Iterator[SearchEntry]:
        for kind, oid, title, summary, tt, st, bt, terms, words, age in rows:
            yield SearchEntry(
                kind=kind,
                object_id=oid,
                title=title,
                summary=summary,
                url=f"/bench/{oid}/",
                title_terms=tt,
                summary_terms=st,
                body_terms=bt,
                terms=terms,
                words=words,
                vocabulary=json.dumps(Vocabulary.count_words(words), separators=(",", ":")),
                marks=json.dumps(entry_marks(title, summary), separators=(",", ":")),
                changed_at=now - timedelta(days=age),
            )

    batch: list[SearchEntry] = []
    with transaction.atomic():
        for entry in entries():
            batch.append(entry)
            if len(batch) == 2000:
                SearchEntry.objects.bulk_create(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
    with connection.cursor() as cursor:  # what autovacuum / a maintenance job would do
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def latency(database: str, corpus_path: Path) -> None:
    import quartier.search.selectors as selectors
    from quartier.search.models import SearchEntry

    label = f"{DOCS // 1000}k" if DOCS >= 1000 else str(DOCS)
    common: dict[str, object] = {"database": database, "docs": DOCS}
    started = time.perf_counter()
    corpus = build_corpus(corpus_path)
    seconds = round(time.perf_counter() - started, 1)
    emit(f"search.corpus_{label}.generate_and_analyse_s", seconds, "s", **common)
    started = time.perf_counter()
    inserted = SearchEntry.objects.filter(url__startswith="/bench/")
    if inserted.count() != len(corpus["rows"]):  # else kept from an earlier run (--keep)
        inserted.delete()
        insert_corpus(corpus["rows"])
        seconds = round(time.perf_counter() - started, 1)
        emit(f"search.corpus_{label}.insert_s", seconds, "s", **common)
    common["entries"] = SearchEntry.objects.count()

    # the independent set mixed into the large index, with distractors sharing its titles
    search_holdout.import_articles()
    distractors = search_holdout.add_distractors()
    common["entries"] = SearchEntry.objects.count()
    held = search_holdout.queries()
    queries = [item.query for item in DEV_SET] + corpus["queries"] + [q.query for q in held]

    # the first call of a process loads the vocabulary from the word counts of the database
    selectors.forget_vocabulary()
    started = time.perf_counter()
    words = selectors.vocabulary()
    seconds = time.perf_counter() - started
    emit(f"search.latency_{label}.vocabulary_load", ms(seconds), "ms", **common, words=len(words))
    started = time.perf_counter()
    selectors.search(queries[0])
    seconds = time.perf_counter() - started
    emit(f"search.latency_{label}.first_query_after_load", ms(seconds), "ms", **common)
    for text in queries[:20]:  # warm database and process caches
        selectors.search(text)
    selectors.search("Zwischennutzng")  # the typo list
    selectors.search("Strassenf", prefix=True)  # the completion list
    timed_pass(f"search.latency_{label}", queries, common, target=True)
    result = evaluate(
        identifiers(), [Case(q.query, tuple((A, slug) for slug in q.slugs)) for q in held]
    )
    report_set(f"holdout_at_{label}", result, len(held), database)
    emit(f"search.holdout_at_{label}.distractors", distractors, "", **common)

    # one entry changes (as when somebody edits an article): the next search brings the
    # vocabulary up to date with the changed words only
    entry = SearchEntry.objects.filter(url__startswith="/bench/").order_by("id").first()
    if entry is not None:
        original_vocabulary = entry.vocabulary
        entry.vocabulary = json.dumps({"bankfilialenumbau": 1, "zwischennutzungsideen": 2})
        entry.save(update_fields=["vocabulary"])
        started = time.perf_counter()
        selectors.search("Bankfilialenumbau Zwischennutzngsideen")
        seconds = time.perf_counter() - started
        emit(f"search.latency_{label}.typo_query_after_one_change", ms(seconds), "ms", **common)
        entry.vocabulary = original_vocabulary
        entry.save(update_fields=["vocabulary"])


def report(
    name: str, timings: list[float], common: dict[str, object], target: bool = False
) -> None:
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    extra: dict[str, object] = {"queries": len(timings)}
    emit(f"{name}.p50", ms(p50), "ms", **common, **extra)
    if target:
        extra.update(target=P95_TARGET_MS, met=p95 * 1000 < P95_TARGET_MS)
    emit(f"{name}.p95", ms(p95), "ms", **common, **extra)
    emit(f"{name}.max", ms(max(timings)), "ms", **common, queries=len(timings))


def timed_pass(
    name: str, queries: list[str], common: dict[str, object], target: bool = False
) -> None:
    """Times search() per query and, by wrapping what search() calls (a few microseconds per
    call), where the time goes: vocabulary, analysis, candidate queries, counting, ranking,
    highlighting; the rest of search() is mostly fetching the candidates' terms and the shown
    entries."""
    import quartier.search.selectors as selectors

    spent: dict[str, float] = defaultdict(float)
    candidates: list[int] = []

    def timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - started

        return wrapper

    saved = {
        attribute: getattr(selectors, attribute)
        for attribute in (
            "vocabulary",
            "analyse_query",
            "_matching",
            "_count",
            "rank",
            "_highlight",
        )
    }
    found_now = [0]

    def counted(query: Any, *args: Any, **options: Any) -> list[int]:
        found: list[int] = saved["_matching"](query, *args, **options)
        found_now[0] = len(found)
        return found

    selectors.vocabulary = timed("vocabulary", saved["vocabulary"])
    selectors.analyse_query = timed("analyse_query", saved["analyse_query"])
    selectors._matching = timed("candidate_query", counted)
    selectors._count = timed("count", saved["_count"])
    selectors.rank = timed("rank", saved["rank"])
    selectors._highlight = timed("highlight", saved["_highlight"])
    timings = []
    try:
        for text in queries:
            found_now[0] = 0
            started = time.perf_counter()
            selectors.search(text)
            timings.append(time.perf_counter() - started)
            candidates.append(found_now[0])
    finally:
        for attribute, value in saved.items():
            setattr(selectors, attribute, value)

    report(name, timings, common, target)
    report(f"{name}.dev_set", timings[: len(DEV_SET)], common)
    report(f"{name}.random_two_words", timings[len(DEV_SET) :], common)
    total = sum(timings)
    phases = {
        "vocabulary(): version query (and changed words)": spent["vocabulary"],
        "analyse_query (typos, compounds, completions, expressions)": spent["analyse_query"],
        f"candidate queries (FTS5 MATCH / tsquery, by field, up to {selectors.CANDIDATES})": (
            spent["candidate_query"]
        ),
        f"counting the matches (up to {selectors.COUNTED}, when the candidates are capped)": (
            spent["count"]
        ),
        "rank (BM25F in Python)": spent["rank"],
        "highlight (titles and summaries of the hits)": spent["highlight"],
    }
    phases["fetching the candidates' terms and the shown entries, the rest"] = total - sum(
        phases.values()
    )
    for phase, seconds in phases.items():
        emit(
            f"{name}.profile",
            ms(seconds / len(queries)),
            "ms (mean per query)",
            phase=phase,
            share=round(seconds / total, 3),
            **common,
        )
    capped = [t for t, c in zip(timings, candidates, strict=True) if c >= selectors.CANDIDATES]
    others = [t for t, c in zip(timings, candidates, strict=True) if c < selectors.CANDIDATES]
    for group, values in (("capped_candidates", capped), ("fewer_candidates", others)):
        if values:
            emit(
                f"{name}.{group}.p50",
                ms(statistics.median(values)),
                "ms",
                **common,
                queries=len(values),
                p95=ms(percentile(values, 0.95)),
            )
    emit(
        f"{name}.candidates",
        statistics.median(candidates),
        "documents (median)",
        p95=percentile([float(c) for c in candidates], 0.95),
        capped=sum(1 for c in candidates if c >= selectors.CANDIDATES),
        cap=selectors.CANDIDATES,
        **common,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2])
    else:
        main()
