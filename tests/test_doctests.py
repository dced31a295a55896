"""The runnable examples in docstrings stay true (style guide: Google docstrings with one
short example on public functions)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(kg.__path__, prefix="kg.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
