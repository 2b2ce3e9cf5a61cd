"""Reliability tests: how many cases the fuzz tests generate, and the long run.

The normal suite runs every test here with few generated cases (100 per fuzz test)
and the short crash run. ``pytest -m reliability`` runs the same tests with 10,000
cases per fuzz test (unless a test sets its own figure) plus the tests marked
``reliability`` (the long crash run). ``RELJOURNAL_FUZZ_EXAMPLES`` overrides the
figure either way.
"""

from __future__ import annotations

import os

import pytest

from tests.reliability import fuzzing
from tests.reliability.local_user import other_user  # noqa: F401 (issue 17: a second local user)


def _long_run(config: pytest.Config) -> bool:
    expr = str(config.getoption("markexpr") or "")
    return "reliability" in expr and "not reliability" not in expr


def pytest_configure(config: pytest.Config) -> None:
    fuzzing.LONG = _long_run(config)
    if os.environ.get("RELJOURNAL_FUZZ_EXAMPLES"):
        fuzzing.OVERRIDE = int(os.environ["RELJOURNAL_FUZZ_EXAMPLES"])


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``-m reliability`` every test of this folder belongs to the long run."""
    if not _long_run(config):
        return
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.reliability)
