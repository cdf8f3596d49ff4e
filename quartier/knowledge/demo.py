"""The paper's six examples, as the paper describes them (see demo_examples.py), and the
platform's own guides, checklists and arguments from content/*.md; after the demo actors and
places, `load_demo_workflow` links articles to them and adds a fictional article in review, a
fictional draft and a checklist run of the demo initiative."""

from pathlib import Path

from django.db import transaction

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.knowledge.demo_examples import PAPER_EXAMPLES
from quartier.knowledge.models import Article, ChecklistRun, TagKind
from quartier.knowledge.services import (
    Links,
    import_articles,
    save_article,
    set_tags,
    start_run,
    submit_article,
    tick_item,
)
from quartier.places.models import Place

# What the captions of the paper say the examples are about (no further facts).
PAPER_EXAMPLE_TAGS: dict[str, dict[str, list[str]]] = {
    "bernburg-campus-innenstadt": {
        TagKind.TOPIC: ["cooperation", "culture"],
        TagKind.ACTOR_GROUP: ["university"],
    },
    "helmstedt-pferdestall": {TagKind.TOPIC: ["culture"]},
    "fiction-forum-zwischennutzung": {
        TagKind.TOPIC: ["culture", "interim_use"],
        TagKind.ACTOR_GROUP: ["creative"],
    },
    "goettingen-living-lab-wochenmarktplatz": {TagKind.TOPIC: ["participation"]},
    "offenbach-masterplan-offen-denken": {TagKind.TOPIC: ["cooperation"]},
    "bad-belzig-coconat": {TagKind.NEIGHBOURHOOD_TYPE: ["rural_town"]},
}

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@transaction.atomic
def load_paper_examples() -> list[Article]:
    articles = []
    for example in PAPER_EXAMPLES:
        article, _ = Article.objects.update_or_create(
            slug=example["slug"],
            defaults={
                "kind": Article.Kind.EXAMPLE,
                "title": example["title"],
                "summary": example["summary"],
                "body": example["body"],
                "place": example["place"],
                "source": f"Handlungsempfehlungen „Gemeinsam für das Quartier“ (2020), "
                f"{example['paper_sections']}",
                "status": Article.Status.PUBLISHED,
            },
        )
        set_tags(article, PAPER_EXAMPLE_TAGS.get(example["slug"], {}))
        articles.append(article)
    return articles


def toolbox_files() -> list[tuple[str, str]]:
    """The shipped toolbox articles as (file name, text) pairs, in file name order."""
    return [
        (path.name, path.read_text(encoding="utf-8")) for path in sorted(CONTENT_DIR.glob("*.md"))
    ]


def load_toolbox_articles() -> list[Article]:
    """Imports content/*.md through the same service as `quartier import-articles`
    (idempotent); a problem in a shipped file is a bug and stops the demo."""
    report = import_articles(toolbox_files())
    if not report.ok:
        raise ValueError(str(report))
    return report.articles


DEMO_RUN_TITLE = "Zwischennutzung Ladenlokal Marktgasse 3 (fiktiv)"
IN_REVIEW_SLUG = "erfahrungsbericht-ladenleben-marktgasse-fiktiv"
DRAFT_SLUG = "vorlage-uebergabeprotokoll-zwischennutzung-fiktiv"


def load_demo_workflow(initiative_email: str) -> dict[str, int]:
    """Links toolbox articles to the demo actors and places, and lets the demo initiative
    member write an article (in review) and a draft and work through a checklist. Run after
    the toolbox, the demo actors and the demo places; idempotent."""
    user = User.objects.get(email=initiative_email)
    actors = Actor.objects.in_bulk(
        ["musterstadt-ladenleben", "musterstadt-talviertel-wohnen"], field_name="slug"
    )
    ladenleben = actors["musterstadt-ladenleben"]
    shop = Place.objects.filter(name="Ladenlokal Marktgasse 3").first()
    with transaction.atomic():
        guide = Article.objects.get(slug="ladenlokal-zwischennutzen-in-zehn-schritten")
        guide.actors.add(*actors.values())
        if shop is not None:
            guide.places.add(shop)
        checklist = Article.objects.get(slug="erstgespraech-mit-eigentuemern-leerstand")
        checklist.actors.add(ladenleben)
        if not Article.objects.filter(slug=IN_REVIEW_SLUG).exists():
            report = save_article(
                Article(
                    kind=Article.Kind.CASE_REPORT,
                    slug=IN_REVIEW_SLUG,
                    title="Ein Sommer im Ladenlokal Marktgasse 3 (fiktives Beispiel)",
                    summary=(
                        "Fiktives Demo-Beispiel: Wie die Initiative Ladenleben Talviertel ein "
                        "leeres Ladenlokal in Musterstadt drei Monate lang als Treffpunkt "
                        "zwischengenutzt hat – und was sie dabei gelernt hat."
                    ),
                    body=(
                        "*Dieser Erfahrungsbericht ist erfunden und dient nur der Vorführung "
                        "der Plattform.*\n\n## Die Idee\n\nEin Reparaturcafé an zwei "
                        "Nachmittagen in der Woche, ein Schaufenster für die Nachbarschaft.\n\n"
                        "## Was geholfen hat\n\n- ein Erstgespräch mit gut vorbereiteten "
                        "Antworten\n- ein Übergabeprotokoll mit Fotos\n- eine Strichliste der "
                        "Besuche\n"
                    ),
                    place="Musterstadt (fiktiv)",
                    source="Fiktives Demo-Beispiel",
                ),
                by=user,
                links=Links(
                    tags={
                        TagKind.TOPIC: ["interim_use", "vacancy"],
                        TagKind.ACTOR_GROUP: ["civil_society"],
                        TagKind.NEIGHBOURHOOD_TYPE: ["district_centre"],
                        TagKind.PHASE: ["implementation"],
                    },
                    related=[guide, checklist],
                    actors=[ladenleben],
                    places=[shop] if shop is not None else [],
                ),
            )
            submit_article(report, by=user)
        if not Article.objects.filter(slug=DRAFT_SLUG).exists():
            save_article(
                Article(
                    kind=Article.Kind.TEMPLATE,
                    slug=DRAFT_SLUG,
                    title="Vorlage: Übergabeprotokoll für eine Zwischennutzung (Entwurf)",
                    summary=(
                        "Entwurf einer Vorlage für das Protokoll bei Schlüsselübergabe und "
                        "Rückgabe: Räume, Zustand, Zählerstände, Schlüssel, Fotos."
                    ),
                    body=(
                        "*Fiktiver Entwurf für die Vorführung.*\n\n## Angaben\n\n"
                        "- Ort und Räume\n- Datum und Beteiligte\n- Zählerstände\n"
                    ),
                    source="Fiktives Demo-Beispiel",
                ),
                by=user,
                links=Links(tags={TagKind.TOPIC: ["interim_use"]}),
            )
        run = ChecklistRun.objects.filter(actor=ladenleben, title=DEMO_RUN_TITLE).first()
        if run is None:
            run = start_run(checklist, actor=ladenleben, title=DEMO_RUN_TITLE, by=user)
            for item in list(run.items.order_by("position")[:4]):
                tick_item(item, by=user, done=True)
    return {"runs": ChecklistRun.objects.count()}
