"""Fixtures shared by the classifier's tests."""

from __future__ import annotations

import pytest

from reljournal.core.classify.cues import Cues, load_cues


@pytest.fixture(scope="session")
def cues() -> Cues:
    """The shipped cue file, read once."""
    return load_cues()
