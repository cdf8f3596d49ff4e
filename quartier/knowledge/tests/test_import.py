"""Importing toolbox articles from Markdown files with front matter (issue 6, item 5)."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import escape

from quartier.knowledge.article_format import check_articles
from quartier.knowledge.demo import load_toolbox_articles, toolbox_files
from quartier.knowledge.models import Article
from quartier.knowledge.services import import_articles
from quartier.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def article_file(
    title: str = "Ein Ladenlokal zwischennutzen",
    slug: str = "ladenlokal",
    kind: str = "guide",
    summary: str = "Vom leeren Schaufenster zum offenen Laden.",
    body: str = "## Erster Schritt\n\nDen Laden ansehen.",
    extra: str = "status: published\n",
) -> str:
    head = "".join(
        f"{key}: {value}\n"
        for key, value in [("title", title), ("slug", slug), ("kind", kind), ("summary", summary)]
        if value is not None
    )
    return f"---\n{head}{extra}---\n{body}\n"


CHECKLIST = article_file(
    title="Ein Straßenfest organisieren",
    slug="strassenfest",
    kind="checklist",
    summary="Alles für das Fest.",
    body="## Vorher\n\n- [ ] Genehmigung beantragen\n- [ ] Helfer finden\n",
)


def german_report(report) -> str:
    return "\n".join(line.split(" / ")[0] for line in report.lines())


# --- a good batch ---------------------------------------------------------------------------


def test_a_good_batch_imports_every_file():
    report = import_articles([("laden.md", article_file()), ("fest.md", CHECKLIST)])

    assert report.ok and report.imported
    assert report.count("created") == 2
    guide = Article.objects.get(slug="ladenlokal")
    assert guide.title == "Ein Ladenlokal zwischennutzen"
    assert guide.kind == Article.Kind.GUIDE
    assert guide.status == Article.Status.PUBLISHED
    assert guide.summary == "Vom leeren Schaufenster zum offenen Laden."
    assert guide.body == "## Erster Schritt\n\nDen Laden ansehen."
    assert Article.objects.get(slug="strassenfest").kind == Article.Kind.CHECKLIST
    assert "2 Artikel importiert: 2 neu" in str(report)
    assert "2 articles imported: 2 new" in str(report)


def test_the_front_matter_is_read_strictly_but_kindly():
    text = (
        "\ufeff---\r\n"
        'title: "Planungsrecht: Nutzungsänderung"\r\n'
        "kind: Handreichung\r\n"
        "\r\n"
        "summary: 'Was die Bauaufsicht fragt.'\r\n"
        "source: Handlungsempfehlungen „Gemeinsam für das Quartier“ (2020), §7\r\n"
        "place: Musterstadt\r\n"
        "---\r\n"
        "\r\n"
        "Text mit --- in der Mitte.\r\n"
    )
    report = import_articles([("planungsrecht.md", text)])

    assert report.ok, str(report)
    article = Article.objects.get(slug="planungsrecht")  # slug from the file name
    assert article.title == "Planungsrecht: Nutzungsänderung"
    assert article.kind == Article.Kind.GUIDE
    assert article.summary == "Was die Bauaufsicht fragt."
    assert article.source.endswith("(2020), §7")
    assert article.place == "Musterstadt"
    assert article.status == Article.Status.DRAFT  # no status: a draft to be reviewed
    assert article.body == "Text mit --- in der Mitte."


# --- a bad batch ----------------------------------------------------------------------------


def test_one_bad_file_stops_the_whole_batch_and_the_report_names_it():
    existing = Article.objects.create(
        slug="ladenlokal", kind="guide", title="Alt", summary="Alt", body="Alt", status="draft"
    )
    bad = article_file(slug="kaputt", kind="leitfaden")

    report = import_articles(
        [("laden.md", article_file()), ("fest.md", CHECKLIST), ("kaputt.md", bad)]
    )

    assert not report.ok and not report.imported
    assert Article.objects.count() == 1
    existing.refresh_from_db()
    assert existing.title == "Alt"
    german = german_report(report)
    assert "Nichts importiert: 1 von 3 Dateien hat Fehler." in german
    assert "kaputt.md:" in german
    assert "„leitfaden“ ist keine bekannte Art" in german
    assert "laden.md" not in german
    assert "“leitfaden” is not a known kind" in str(report)


@pytest.mark.parametrize(
    ("text", "german"),
    [
        (article_file(title=None), "Die Angabe „title“ fehlt oder ist leer"),
        (article_file(kind=None), "Die Angabe „kind“ fehlt oder ist leer"),
        (article_file(summary=""), "Die Angabe „summary“ fehlt oder ist leer"),
        (article_file(kind="rezept"), "„rezept“ ist keine bekannte Art"),
        (article_file(summary="x" * 301), "„summary“ hat 301 Zeichen, erlaubt sind höchstens 300"),
        (article_file(body=""), "Unter dem Kopfbereich steht kein Text"),
        (article_file(body="   \n\n"), "Unter dem Kopfbereich steht kein Text"),
        (article_file(slug="laden lokal"), "„laden lokal“ ist kein gültiger Kurzname"),
        (article_file(extra="status: fertig\n"), "„fertig“ ist kein bekannter Status"),
        (article_file(extra="autor: Maria\n"), "Zeile 6: unbekannte Angabe „autor“"),
        (article_file(extra="title: Noch einer\n"), "Zeile 6: die Angabe „title“ steht schon in"),
        (article_file(extra="  weiter im Text\n"), "Zeile 6: „weiter im Text“ hat nicht die Form"),
        (article_file(kind="checklist", body="Nur Text."), "Eine Checkliste braucht mindestens"),
        ("# Nur Markdown\n\nText", "Die Datei beginnt nicht mit einem Kopfbereich"),
        ("---\ntitle: Offen\n\nText ohne Ende", "nicht mit einer Zeile „---“ abgeschlossen"),
        ("", "Die Datei beginnt nicht mit einem Kopfbereich"),
    ],
)
def test_each_problem_is_named_in_german_and_english(text, german):
    report = import_articles([("datei.md", text)])

    assert not report.imported
    assert Article.objects.count() == 0
    (entry,) = report.faulty
    assert entry.name == "datei.md"
    assert any(german in problem.german for problem in entry.problems), str(report)
    assert all(problem.english for problem in entry.problems)


def test_a_slug_twice_in_one_batch_is_a_problem_of_both_files():
    report = import_articles(
        [("a.md", article_file()), ("b.md", article_file(title="Anders")), ("c.md", CHECKLIST)]
    )

    assert Article.objects.count() == 0
    assert [entry.name for entry in report.faulty] == ["a.md", "b.md"]
    assert "Der Kurzname „ladenlokal“ kommt auch in b.md vor" in str(report)
    assert "Der Kurzname „ladenlokal“ kommt auch in a.md vor" in str(report)


def test_all_problems_of_a_file_are_reported_at_once():
    report = check_articles([("leer.md", "---\nkind: unbekannt\n---\n")])

    codes = {problem.code for problem in report.files[0].problems}
    assert codes == {"missing", "unknown_kind", "empty_body"}


# --- idempotence ----------------------------------------------------------------------------


def test_importing_again_changes_nothing():
    files = [("laden.md", article_file()), ("fest.md", CHECKLIST)]
    import_articles(files)
    before = {a.slug: a.updated_at for a in Article.objects.all()}

    report = import_articles(files)

    assert report.ok and report.imported
    assert report.count("unchanged") == 2
    assert Article.objects.count() == 2
    assert {a.slug: a.updated_at for a in Article.objects.all()} == before


def test_importing_a_changed_file_updates_its_article():
    import_articles([("laden.md", article_file()), ("fest.md", CHECKLIST)])

    report = import_articles(
        [("laden.md", article_file(title="Neuer Titel")), ("fest.md", CHECKLIST)]
    )

    assert (report.count("updated"), report.count("unchanged")) == (1, 1)
    assert Article.objects.get(slug="ladenlokal").title == "Neuer Titel"
    assert Article.objects.count() == 2


# --- the command ----------------------------------------------------------------------------


def test_the_command_imports_a_folder(tmp_path):
    (tmp_path / "laden.md").write_text(article_file(), encoding="utf-8")
    (tmp_path / "checklisten").mkdir()
    (tmp_path / "checklisten" / "fest.md").write_text(CHECKLIST, encoding="utf-8")
    (tmp_path / "notizen.txt").write_text("kein Artikel", encoding="utf-8")
    (tmp_path / ".entwurf").mkdir()
    (tmp_path / ".entwurf" / "x.md").write_text("kaputt", encoding="utf-8")
    out = io.StringIO()

    call_command("import-articles", str(tmp_path), stdout=out)

    assert set(Article.objects.values_list("slug", flat=True)) == {"ladenlokal", "strassenfest"}
    assert "2 Artikel importiert: 2 neu, 0 geändert, 0 unverändert" in out.getvalue()
    assert "checklisten/fest.md → strassenfest" in out.getvalue()

    out = io.StringIO()
    call_command("import_articles", str(tmp_path), stdout=out)
    assert "0 neu, 0 geändert, 2 unverändert" in out.getvalue()
    assert Article.objects.count() == 2


def test_the_command_fails_and_imports_nothing_on_any_problem(tmp_path):
    (tmp_path / "laden.md").write_text(article_file(), encoding="utf-8")
    (tmp_path / "lang.md").write_text(article_file(slug="lang", summary="x" * 400), "utf-8")
    (tmp_path / "latin1.md").write_bytes(article_file("Straßenfest", "latin").encode("latin-1"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="nichts wurde gespeichert"):
        call_command("import-articles", str(tmp_path), stderr=err)

    assert Article.objects.count() == 0
    report = err.getvalue()
    assert "Nichts importiert: 2 von 3 Dateien haben Fehler." in report
    assert re.search(r"lang\.md:\n  - „summary“ hat 400 Zeichen", report)
    assert re.search(r"latin1\.md:\n  - Die Datei ist nicht in UTF-8 gespeichert", report)


def test_the_command_checks_without_importing(tmp_path):
    (tmp_path / "laden.md").write_text(article_file(), encoding="utf-8")
    out = io.StringIO()

    call_command("import-articles", str(tmp_path), "--check", stdout=out)

    assert "Geprüft: 1 Datei ohne Fehler." in out.getvalue()
    assert Article.objects.count() == 0


def test_the_command_refuses_a_missing_or_empty_folder(tmp_path):
    with pytest.raises(CommandError, match=r"keine \.md-Dateien"):
        call_command("import-articles", str(tmp_path))
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import-articles", str(tmp_path / "fehlt"))


def test_the_command_imports_a_single_file(tmp_path):
    path = tmp_path / "laden.md"
    path.write_text(article_file(), encoding="utf-8")

    call_command("import-articles", str(path), stdout=io.StringIO())

    assert Article.objects.get().slug == "ladenlokal"


# --- the shipped toolbox --------------------------------------------------------------------


def test_the_shipped_content_imports_cleanly():
    report = import_articles(toolbox_files())

    assert report.ok, str(report)
    articles = report.articles
    kinds = [a.kind for a in articles]
    assert len(articles) >= 12
    assert kinds.count(Article.Kind.GUIDE) >= 7
    assert kinds.count(Article.Kind.CHECKLIST) >= 4
    assert kinds.count(Article.Kind.ARGUMENT) >= 1
    assert all(a.status == Article.Status.PUBLISHED for a in articles)
    assert all(len(a.summary) <= 300 for a in articles)
    for article in articles:
        words = len(article.body.split())
        assert 400 <= words <= 900, f"{article.slug}: {words} Wörter"
        if article.kind == Article.Kind.CHECKLIST:
            assert "\n## " in article.body and "\n- [ ] " in article.body, article.slug
    titles = {a.title for a in articles}
    assert {
        "Ein Ladenlokal zwischennutzen in zehn Schritten",
        "Eine Kooperationsvereinbarung vorbereiten",
        "Fördermittel beantragen und abrechnen",
        "Generationenwechsel in Schüler- und Studierendeninitiativen",
        "Einen Runden Tisch verstetigen",
        "Ein Straßenfest im Quartier organisieren",
    } <= titles


def test_loading_the_toolbox_twice_keeps_one_article_per_file():
    first = load_toolbox_articles()
    second = load_toolbox_articles()

    assert [a.pk for a in first] == [a.pk for a in second]
    assert Article.objects.count() == len(toolbox_files())


def test_the_knowledge_list_shows_the_toolbox(client):
    articles = load_toolbox_articles()

    response = client.get("/wissen/")

    assert response.status_code == 200
    html = response.content.decode()
    for article in articles:
        assert escape(article.title) in html
        assert article.get_absolute_url() in html


def test_an_imported_checklist_renders(client):
    load_toolbox_articles()

    response = client.get("/wissen/strassenfest-im-quartier-organisieren/")

    assert response.status_code == 200
    assert "Ein Straßenfest im Quartier organisieren" in response.content.decode()


def test_imported_articles_are_findable_and_drafts_are_not():
    import_articles([("laden.md", article_file())])
    article = Article.objects.get(slug="ladenlokal")
    assert SearchEntry.objects.filter(kind="article", object_id=article.pk).exists()

    import_articles([("laden.md", article_file(extra="status: draft\n"))])
    assert not SearchEntry.objects.filter(kind="article", object_id=article.pk).exists()


def _file(slug, extra=""):
    return (
        f"{slug}.md",
        f"---\ntitle: {slug}\nslug: {slug}\nkind: guide\nsummary: Kurz.\nstatus: published\n"
        f"{extra}---\nText.",
    )


def test_tags_and_related_in_the_front_matter():
    from quartier.knowledge.services import import_articles as run_import

    files = [
        _file(
            "eins",
            "topics: Zwischennutzung, vacancy\nactor_groups: housing\n"
            "neighbourhood_types: rural_town\nphases: Idee\nrelated: zwei\n",
        ),
        _file("zwei"),
    ]
    report = run_import(files)
    assert report.ok, str(report)
    eins = Article.objects.get(slug="eins")
    assert eins.tag_values("topic") == ["interim_use", "vacancy"]
    assert eins.tag_values("phase") == ["idea"]
    assert [a.slug for a in Article.objects.get(slug="zwei").related.all()] == ["eins"]
    assert eins.versions.count() == 1
    again = run_import(files)
    assert again.count("unchanged") == 2
    bad = run_import([_file("drei", "topics: Unsinn\nrelated: fehlt\n")])
    assert not bad.ok
    assert {p.code for p in bad.files[0].problems} == {"unknown_tag", "unknown_related"}
