"""The layering contracts in pyproject.toml ([tool.importlinter]) hold, and each of them
breaks when a module crosses its line: run on a copy of the package with one module added
per contract that does what the contract forbids."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")

VIOLATIONS = {
    "Engines import neither Django nor the rest of Quartier": (
        "engines/matching/leak.py",
        "from django.db import models\nfrom quartier.places import models as places\n",
    ),
    "core and search import no domain app": (
        "core/leak.py",
        "from quartier.knowledge.selectors import latest_examples\n",
    ),
    "Domain apps do not import the central API object": (
        "places/leak.py",
        "from quartier.api.api import api\n",
    ),
}


def _lint(root: Path) -> str:
    result = subprocess.run(  # noqa: S603 – our own tool on our own files
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result.stdout + result.stderr


def test_the_code_keeps_every_contract():
    output = _lint(ROOT)
    assert "0 broken" in output, output


def test_each_contract_breaks_when_a_module_crosses_its_line(tmp_path):
    shutil.copytree(
        ROOT / "quartier",
        tmp_path / "quartier",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "templates", "locale"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, source in VIOLATIONS.values():
        (tmp_path / "quartier" / relative).write_text(source)
    output = _lint(tmp_path)
    for contract in VIOLATIONS:
        assert f"{contract} BROKEN" in output, output
    assert f"Contracts: 0 kept, {len(VIOLATIONS)} broken." in output, output
