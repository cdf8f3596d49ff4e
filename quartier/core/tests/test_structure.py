"""Writes only in services: no page (views.py) and no API handler (api.py) saves, updates or
deletes a model, creates in bulk or opens a transaction itself; they call the owning app's
services (shared/DESIGN.md §5). The check reads the source with `ast`, so comments, strings
and router decorators such as `@router.delete(...)` do not count."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

WRITE_METHODS = {"save", "update", "delete", "bulk_create", "bulk_update", "update_or_create"}

# (module relative to the package, function, call): why it is allowed. Keep this list short.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}


def writes_in(source: str) -> list[tuple[str, int, str]]:
    """(function, line, call) of every write a module's functions make themselves.

    A write is `<x>.save(…)` (except `save(commit=False)`, which only builds the object),
    `<x>.update(…)`, `<x>.delete(…)`, `<x>.bulk_create(…)`, `<x>.bulk_update(…)`,
    `<x>.update_or_create(…)`, and `transaction.atomic` as a call, a decorator or a context
    manager. Decorator expressions are not calls of the function body (`@router.delete`)."""
    tree = ast.parse(source)
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if _is_atomic(decorator):
                    found.append((node.name, decorator.lineno, "transaction.atomic"))
            for child in [*node.args.defaults, *node.body]:
                visit(child, node.name)
            return
        if isinstance(node, ast.ClassDef):
            for child in node.body:
                visit(child, function)
            return
        if _is_atomic(node):
            found.append((function, node.lineno, "transaction.atomic"))
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            builds_only = name == "save" and any(
                k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            if name in WRITE_METHODS and not builds_only:
                found.append((function, node.lineno, f"{ast.unparse(node.func)}"))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    for top in tree.body:
        visit(top, "<module>")
    return found


def _is_atomic(node: ast.AST) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (
        isinstance(target, ast.Attribute)
        and ast.unparse(target)
        in {
            "transaction.atomic",
            "django.db.transaction.atomic",
        }
    ) or (isinstance(target, ast.Name) and target.id == "atomic")


def _modules() -> list[Path]:
    return sorted(
        p for name in ("views.py", "api.py") for p in PACKAGE.glob(f"*/{name}") if p.is_file()
    )


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pages_and_api_handlers_leave_every_write_to_the_services(module):
    relative = str(module.relative_to(PACKAGE))
    writes = [
        f"{relative}:{line} {function}() calls {call}"
        for function, line, call in writes_in(module.read_text())
        if (relative, function, call) not in EXCEPTIONS
    ]
    assert writes == [], "move these writes into the app's services.py:\n" + "\n".join(writes)


def test_every_exception_still_names_a_write_that_exists():
    for (relative, function, call), reason in EXCEPTIONS.items():
        assert reason, "every exception says why"
        source = (PACKAGE / relative).read_text()
        assert (function, call) in {(f, c) for f, _line, c in writes_in(source)}, (
            f"{relative} {function}() no longer calls {call}: remove the exception"
        )


# The checker itself: it must see each kind of write, and nothing else.

SAMPLE = """
from django.db import transaction

@router.delete("/{pk}")
def remove(request, pk):
    form = Form(request.POST)
    draft = form.save(commit=False)
    context = {"a": 1}
    context |= {"b": 2}
    thing.save()
    Thing.objects.filter(pk=pk).update(name="x")
    thing.delete()
    Thing.objects.bulk_create([])
    with transaction.atomic():
        pass

@transaction.atomic
def decorated(request):
    form.save()
"""


def test_the_checker_finds_each_kind_of_write_and_nothing_else():
    assert writes_in(SAMPLE) == [
        ("remove", 10, "thing.save"),
        ("remove", 11, "Thing.objects.filter(pk=pk).update"),
        ("remove", 12, "thing.delete"),
        ("remove", 13, "Thing.objects.bulk_create"),
        ("remove", 14, "transaction.atomic"),
        ("decorated", 17, "transaction.atomic"),
        ("decorated", 19, "form.save"),
    ]


def test_the_check_fails_on_a_view_that_writes(tmp_path):
    view = "def rename(request, pk):\n    place = Place.objects.get(pk=pk)\n    place.save()\n"
    assert writes_in(view) == [("rename", 3, "place.save")]


MAX_MODULE_LINES = 600


def test_no_module_outside_the_demo_data_exceeds_600_lines():
    """A module longer than this mixes concerns a reader cannot hold at once: split it."""
    long = [
        f"{p.relative_to(PACKAGE)}: {n} lines"
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name != "demo.py" and "migrations" not in p.parts and "tests" not in p.parts
        for n in [len(p.read_text().splitlines())]
        if n > MAX_MODULE_LINES
    ]
    assert long == []
