"""The classifier's sixth round (issue 15): questions that repeat an offer back, inch
marks, subjects that negate, and more ways people say what they want without the
textbook words. Examples are written for these tests, in the shapes the development
split's new voices showed (never taken from the blind splits)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reljournal.core.classify.cues import Cues
from reljournal.core.classify.reading import read_answer
from reljournal.core.classify.statements import KIND_QUOTE, SPEAKER_CUSTOMER, segment_notes
from reljournal.core.model import (
    Account,
    AccountJournal,
    Answer,
    Entry,
    Stakeholder,
)

TODAY = dt.date(2026, 6, 1)
Q_WORK = "How do you want to work with us?"
_ids = itertools.count(390_000)


def _journal(*people: tuple[str, str]) -> AccountJournal:
    j = AccountJournal(account=Account(name="Round six", id=next(_ids)))
    for name, role in people or (("Pat Doyle", "decision maker"),):
        j.stakeholders.append(Stakeholder(name, role=role, id=next(_ids)))
    return j


def _note(j: AccountJournal, day: dt.date, text: str) -> None:
    j.entries.append(
        Entry(at=dt.datetime.combine(day, dt.time(11)), kind="visit", notes=text, id=next(_ids))
    )


def _weights(text: str, cues: Cues) -> dict[str, float]:
    out: dict[str, float] = {}
    for ev in read_answer(Answer(Q_WORK, text, dt.date(2026, 5, 1)), cues):
        if ev.signal != "learned.statement":
            out[ev.signal] = out.get(ev.signal, 0.0) + ev.weight
    return out


def _quoted(notes: str, *customers: str) -> list[str]:
    """The customer's words the notes quote."""
    return [
        s.text
        for s in segment_notes(notes, frozenset(), frozenset(customers))
        if s.speaker == SPEAKER_CUSTOMER and s.kind == KIND_QUOTE
    ]


# -- questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A quarterly review? For paper cups?",
        "Monthly visits? I run a chip shop.",
        "You want to come by every month? We're four people and a van.",
        "A meeting every three months for a café of twelve seats? No thank you.",
    ],
)
def test_an_offer_repeated_back_as_a_question_is_no_wish_for_it(cues: Cues, text: str) -> None:
    assert not any(w > 0 for w in _weights(text, cues).values()), _weights(text, cues)


def test_a_rhetorical_why_refuses_what_it_names(cues: Cues) -> None:
    assert _weights("Why would I pay for a quarterly review?", cues)["rosen.wants_reviews"] < 0


@pytest.mark.parametrize(
    "text",
    [
        "Can you come by every month?",
        "Maybe quarterly reviews would be useful?",
        "How about a quarterly review?",
        "We want someone who knows our business, you know?",
    ],
)
def test_a_request_or_a_hedged_wish_asked_as_a_question_still_counts(cues: Cues, text: str) -> None:
    assert any(w > 0 for w in _weights(text, cues).values()), _weights(text, cues)


# -- quotation marks and negation ------------------------------------------------------


def test_an_inch_mark_opens_no_quotation() -> None:
    notes = (
        'She needs the 10" boards on the day she orders them. '
        'She said "just email me the price list and I will order off it."'
    )
    assert _quoted(notes, "dana") == ["just email me the price list and I will order off it."]


def test_nobody_negates_what_follows(cues: Cues) -> None:
    assert _weights("Nobody's getting a three-year deal off me.", cues)["jackson.lost_for_good"] < 0
