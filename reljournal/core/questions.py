"""The question bank shipped in ``resources/questions.json``.

Rosen's two questions come first. The journal copies the bank at creation; the
rep can then add, edit and retire questions there (retiring keeps the answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reljournal.core.errors import ValidationError
from reljournal.core.model import text_key
from reljournal.resources import load_json_resource

ROSEN_EXPECTATIONS = "What are your expectations of the person you are going to buy from?"
ROSEN_SHOES = (
    "If you were in my shoes, what would I want to know about you "
    "that would help earn your business?"
)


@dataclass(frozen=True)
class BankQuestion:
    text: str
    topic: str
    source: str

    @property
    def key(self) -> str:
        return text_key(self.text)


def parse_question_bank(data: Any) -> list[BankQuestion]:
    """Validate a question-bank document; raise ValidationError naming the problem."""
    if not isinstance(data, dict) or data.get("format") != "reljournal-questions":
        raise ValidationError("The question bank is not a RelJournal question file.")
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        raise ValidationError("The question bank has no questions.")
    result: list[BankQuestion] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValidationError(f"Question {index + 1} in the bank has no text.")
        text = " ".join(item["text"].split())
        if not text or len(text) > 1000:
            raise ValidationError(f"Question {index + 1} in the bank is empty or too long.")
        question = BankQuestion(
            text=text, topic=str(item.get("topic", "")), source=str(item.get("source", ""))
        )
        if question.key in seen:
            raise ValidationError(f"Question {index + 1} in the bank is a duplicate.")
        seen.add(question.key)
        result.append(question)
    return result


def builtin_questions(path: Path | None = None) -> list[BankQuestion]:
    if path is not None:
        import json

        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as err:
            raise ValidationError(f"Cannot read the question bank {path}: {err.strerror}.") from err
        except (ValueError, RecursionError) as err:  # not UTF-8, not JSON, nested too deep
            raise ValidationError(f"The question bank {path} is not valid JSON text.") from err
        return parse_question_bank(data)
    return parse_question_bank(load_json_resource("questions.json"))
