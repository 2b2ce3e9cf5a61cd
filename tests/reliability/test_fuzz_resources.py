"""The question bank and the classifier's cue file, read from hostile bytes and
from random or mutated documents: a valid bank or cue set, or a ``ValidationError``
(``RelJournalError``) naming the problem; never another exception. A cue set that
loads classifies hostile text without failing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from reljournal.core.classify.classifier import classify_account
from reljournal.core.classify.cues import load_cues, parse_cues
from reljournal.core.errors import RelJournalError
from reljournal.core.model import Account, AccountJournal, Answer, Entry
from reljournal.core.questions import builtin_questions, parse_question_bank
from reljournal.resources import load_json_resource
from tests.reliability.fuzzing import fuzz_settings
from tests.reliability.hostile import json_values, numbers, texts

BANK = load_json_resource("questions.json")
CUES = load_json_resource("classifier", "cues.json")


def _paths(data: Any) -> list[tuple[Any, ...]]:
    """Every place (key path) in a JSON document."""
    found: list[tuple[Any, ...]] = [()]
    if isinstance(data, dict):
        for k, v in data.items():
            found += [(k, *p) for p in _paths(v)]
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += [(i, *p) for p in _paths(v)]
    return found


CUE_PATHS = [p for p in _paths(CUES) if p]
BANK_PATHS = [p for p in _paths(BANK) if p]


def _mutate(doc: Any, path: tuple[Any, ...], value: Any, action: str) -> Any:
    doc = copy.deepcopy(doc)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    else:
        parent[last] = value
    return doc


def mutations(base: Any, paths: list[tuple[Any, ...]]) -> st.SearchStrategy[Any]:
    one = st.tuples(
        st.sampled_from(paths),
        json_values(8) | numbers() | texts(20),
        st.sampled_from(["replace", "replace", "delete", "duplicate"]),
    )
    return st.lists(one, min_size=1, max_size=4).map(lambda changes: _apply_all(base, changes))


def _apply_all(base: Any, changes: list[tuple[Any, ...]]) -> Any:
    doc = base
    for path, value, action in changes:
        try:
            doc = _mutate(doc, path, value, action)
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier change
    return doc


def _journal(texts_: list[str]) -> AccountJournal:
    journal = AccountJournal(account=Account(id=1, name="Acme"))
    for i, text in enumerate(texts_):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        journal.entries.append(
            Entry(at=dt.datetime.combine(day, dt.time(9)), notes=text, account_id=1, id=i + 1)
        )
        journal.answers.append(
            Answer("What do you expect?", text, day, entry_id=i + 1, account_id=1, id=i + 1)
        )
    return journal


@fuzz_settings(long=800, quick=40)  # compiling a cue set takes ~40 ms
@given(doc=mutations(CUES, CUE_PATHS), words=st.lists(texts(40), max_size=3))
@example(doc={**CUES, "version": float("nan")}, words=[])
@example(doc={**CUES, "groups": []}, words=[])
def test_mutated_cue_files_load_or_are_refused(doc: Any, words: list[str]) -> None:
    try:
        cues = parse_cues(doc)
    except RelJournalError as exc:
        assert exc.message.strip()
        return
    result = classify_account(_journal(words), cues, dt.date(2024, 6, 1))
    assert 0.0 <= result.score <= 1.0 and 0.0 <= result.confidence <= 1.0


@fuzz_settings()
@given(doc=mutations(BANK, BANK_PATHS) | json_values())
def test_mutated_question_banks_load_or_are_refused(doc: Any) -> None:
    try:
        questions = parse_question_bank(doc)
    except RelJournalError as exc:
        assert exc.message.strip()
        return
    assert questions and all(q.text.strip() for q in questions)


@fuzz_settings(long=3000)
@given(raw=st.binary(max_size=200) | json_values().map(lambda v: json.dumps(v).encode()))
@example(raw=b"\xff\xfe{}")
@example(raw=b'{"format": "reljournal-questions", "questions": [{"text": NaN}]}')
@example(raw=b"[" * 100_000)
def test_question_bank_and_cue_files_from_bytes(tmp_path_factory: Any, raw: bytes) -> None:
    path = Path(tmp_path_factory.getbasetemp()) / "resource.json"
    path.write_bytes(raw)
    for load in (builtin_questions, load_cues):
        try:
            load(path)
        except RelJournalError as exc:
            assert exc.message.strip()
