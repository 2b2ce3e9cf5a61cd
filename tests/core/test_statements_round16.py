"""Issue 15, sixteenth round: the readings the round's development accounts taught. The
sentences are written for the test; no corpus account is copied."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import read_answer
from reljournal.core.model import Answer
from tests.core.test_statements import Q_EXPECT


def _said(text: str, cues: Cues) -> list[tuple[str, float]]:
    answer = Answer(Q_EXPECT, text, dt.date(2026, 10, 1), "Dana Smith", id=1)
    return [(ev.signal, ev.weight) for ev in read_answer(answer, cues)]


def _cued(text: str, cues: Cues) -> list[tuple[str, float]]:
    """What the cue lexicon reads, the learned model left out."""
    return [(s, w) for s, w in _said(text, cues) if w and s != "learned.statement"]


@pytest.mark.parametrize(
    "text",
    [
        "Your pricing was fine, but that isn't the point.",
        "Price matters, but it's not the main thing for us.",
        "Cheap is nice but that's not what we're after.",
    ],
)
def test_a_clause_waved_aside_by_its_own_but_states_nothing(cues: Cues, text: str) -> None:
    assert not any(w < 0 for _, w in _cued(text, cues))


@pytest.mark.parametrize(
    "text",
    [
        # After a dash only the last clause is waved aside: the planning day stands.
        "I want a planning day with you every year — price matters, but it's not the point.",
        # What does matter, said after the wave, is read.
        "Price is fine, but that's not why we stay, we stay because you know our plant.",
    ],
)
def test_a_wave_aside_keeps_what_else_the_sentence_says(cues: Cues, text: str) -> None:
    assert sum(w for _, w in _cued(text, cues)) > 0


def test_a_price_that_is_not_waved_aside_still_counts(cues: Cues) -> None:
    assert sum(w for _, w in _cued("Your pricing was fine, and that's the point.", cues)) < 0


@pytest.mark.parametrize(
    "text",
    [
        "The last supplier treated us like an order number.",
        "Every one of them treated us like a number.",
        "Please don't treat us like a number.",
        "You never treated us like just another number.",
    ],
)
def test_being_treated_like_a_number_is_a_complaint(cues: Cues, text: str) -> None:
    said = _cued(text, cues)
    assert said and sum(w for _, w in said) > 0


def test_being_content_as_an_order_number_is_still_transactional(cues: Cues) -> None:
    assert (
        sum(w for _, w in _cued("Honestly, to you we're an order number, and that suits us.", cues))
        < 0
    )
