"""`quartier import-articles PATH [--check]`: imports a folder of Markdown files with front
matter into the knowledge toolbox, all or nothing (format: quartier/knowledge/services.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.knowledge.article_format import FileReport, ImportReport, Problem, check_articles
from quartier.knowledge.services import import_articles


def markdown_files(path: Path) -> list[Path]:
    """The .md files of a folder and its subfolders (hidden ones left out), or the one file."""
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*.md")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


class Command(BaseCommand):
    help = (
        "Importiert Artikel aus Markdown-Dateien mit Kopfbereich (alle oder keinen) / imports "
        "articles from Markdown files with front matter (all or none). Kopfbereich / front "
        "matter: title, slug, kind, summary, status, source, place – je eine Zeile "
        "„schlüssel: wert“ / one 'key: value' line each."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="folder with .md files (subfolders included) or one file")
        parser.add_argument(
            "--check", action="store_true", help="only validate the files, import nothing"
        )

    def handle(self, *args: object, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(
                f"{path} gibt es nicht / {path} does not exist",
            )
        base = path.parent if path.is_file() else path
        files: list[tuple[str, str]] = []
        unreadable: list[FileReport] = []
        for file in markdown_files(path):
            name = file.relative_to(base).as_posix()
            try:
                files.append((name, file.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                unreadable.append(FileReport(name, problems=[Problem("not_utf8")]))
            except OSError as error:
                raise CommandError(
                    f"{file} ist nicht lesbar / {file} cannot be read: {error}"
                ) from error
        if not files and not unreadable:
            raise CommandError(
                f"In {path} gibt es keine .md-Dateien / there are no .md files in {path}"
            )
        if unreadable or options["check"]:
            report = check_articles(files)
            report.files = sorted([*report.files, *unreadable], key=lambda f: f.name)
        else:
            report = import_articles(files)
        self._finish(report)

    def _finish(self, report: ImportReport) -> None:
        if not report.ok:
            self.stderr.write(str(report))
            raise CommandError(
                "Import abgebrochen, nichts wurde gespeichert / import aborted, nothing was saved"
            )
        self.stdout.write(str(report))
