"""The shipped question bank and the text key that matches typed questions to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.errors import ValidationError
from reljournal.core.model import text_key
from reljournal.core.questions import (
    ROSEN_EXPECTATIONS,
    ROSEN_SHOES,
    builtin_questions,
    parse_question_bank,
)


def bank(*questions: Any) -> dict[str, Any]:
    return {"format": "reljournal-questions", "version": 1, "questions": list(questions)}


def test_rosens_two_questions_come_first() -> None:
    questions = builtin_questions()
    assert [q.text for q in questions[:2]] == [ROSEN_EXPECTATIONS, ROSEN_SHOES]


def test_bank_has_at_least_ten_questions_covering_the_required_topics() -> None:
    questions = builtin_questions()
    assert len(questions) >= 10
    topics = {q.topic for q in questions}
    # communication preferences and cadence, how they decide, what makes it worth
    # their time, what went wrong with past suppliers
    assert {"communication", "cadence", "decision", "value", "history"} <= topics
    assert len({q.key for q in questions}) == len(questions)


def test_a_bank_file_can_be_loaded_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank({"text": "  How   often?  ", "topic": "cadence"})), "utf-8")
    [question] = builtin_questions(path)
    assert (question.text, question.topic, question.source) == ("How often?", "cadence", "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a RelJournal question file"),
        ({"format": "other", "questions": [{"text": "q"}]}, "not a RelJournal question file"),
        (bank(), "has no questions"),
        ({"format": "reljournal-questions", "questions": "q"}, "has no questions"),
        (bank({"text": "ok"}, {"topic": "x"}), "Question 2 in the bank has no text"),
        (bank({"text": 5}), "Question 1 in the bank has no text"),
        (bank({"text": "   "}), "Question 1 in the bank is empty or too long"),
        (bank({"text": "x" * 1001}), "Question 1 in the bank is empty or too long"),
        (
            bank({"text": "How often?"}, {"text": "how OFTEN"}),
            "Question 2 in the bank is a duplicate",
        ),
    ],
)
def test_malformed_banks_are_refused(data: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_question_bank(data)


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("what are your expectations of the person you are going to buy from", ROSEN_EXPECTATIONS),
        (
            "WHAT ARE YOUR EXPECTATIONS OF THE PERSON YOU ARE GOING TO BUY FROM?!",
            ROSEN_EXPECTATIONS,
        ),
        (
            "  What are your   expectations of the person\nyou are going to buy from ? ",
            ROSEN_EXPECTATIONS,
        ),
        (
            "If you were in my shoes — what would I want to know about you, that would help earn your business",
            ROSEN_SHOES,
        ),
    ],
)
def test_text_key_ignores_case_punctuation_and_spacing(typed: str, same_as: str) -> None:
    assert text_key(typed) == text_key(same_as)


def test_text_key_keeps_words_and_accents_apart() -> None:
    assert text_key("Müller GmbH") == text_key("MÜLLER gmbh")
    assert text_key("Müller") != text_key("Muller")
    assert text_key("ﬁne") == text_key("fine")  # compatibility forms fold (NFKC)
    assert text_key("How often?") != text_key("How often do we meet?")
    assert text_key("!!! ???") == ""
