"""The examples in the module documentation are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["analysis", "compounds", "expressions", "normalise", "stemming"]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name):
    module = importlib.import_module(f"quartier.engines.textsearch.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
