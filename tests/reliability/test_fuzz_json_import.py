"""Hostile and random JSON journal documents: every case ends in a correct import or
a ``RelJournalError`` (one clear message) with the journal unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reljournal.core.errors import RelJournalError
from reljournal.core.formats.interchange import loads, parse_document
from reljournal.core.model import text_key
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.search import search
from tests.reliability.fuzzing import FuzzJournal, fuzz_settings
from tests.reliability.hostile import FTS, documents, json_values, nested, texts


@pytest.fixture(scope="module")
def fuzz_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzJournal]:
    journal = FuzzJournal(tmp_path_factory.mktemp("fuzz-json"))
    yield journal
    journal.close()


def _encode(data: Any, ascii_only: bool) -> bytes:
    text = json.dumps(data, ensure_ascii=ascii_only, allow_nan=True)
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8


def _import_or_refuse(journal: FuzzJournal, raw: bytes) -> None:
    db = journal.db
    try:
        doc = parse_document(loads(raw))
        summary = import_and_classify(db, doc)
    except RelJournalError as exc:
        assert exc.message.strip(), "an error without a message"
        assert journal.unchanged(), f"refused ({exc.message}) but the journal changed"
        return
    except BaseException:
        journal.close()  # the next case starts from a fresh journal
        raise
    _assert_imported(journal, doc, summary)


def _assert_imported(journal: FuzzJournal, doc: Any, summary: Any) -> None:
    db = journal.db
    accounts = {r[0]: r[1] for r in db.execute("SELECT name_key, id FROM accounts")}
    for account in doc.accounts:
        account_id = accounts.get(text_key(account.name))
        assert account_id is not None, f"account {account.name!r} missing after import"
        for entry in account.entries:
            row = db.execute(
                "SELECT count(*) FROM entries WHERE account_id = ? AND notes = ? AND kind = ?",
                (account_id, entry.notes, entry.kind),
            ).fetchone()
            assert row[0] >= 1, f"entry of {account.name!r} missing"
    for entry in doc.team_entries:
        row = db.execute(
            "SELECT count(*) FROM entries WHERE account_id IS NULL AND notes = ?", (entry.notes,)
        ).fetchone()
        assert row[0] >= 1
    # user-typed searches over what was just imported never raise
    for account in doc.accounts[:2]:
        search(db, account.name)
        for entry in account.entries[:2]:
            search(db, entry.notes[:50])
    if summary.changed or not journal.unchanged():
        journal.changed()


@fuzz_settings()
@given(data=documents(), ascii_only=st.booleans())
@example(
    data={"format": "reljournal", "version": 1, "accounts": [{"name": "\ud800"}]}, ascii_only=True
)
@example(
    data={
        "format": "reljournal",
        "version": 1,
        "accounts": [{"name": "Old", "entries": [{"date": "0001-01-01", "time": "00:01"}]}],
    },
    ascii_only=True,
)
@example(
    data={
        "format": "reljournal",
        "version": 1,
        "accounts": [{"name": "X", "entries": [{"date": "2024-01-01", "minutes": float("nan")}]}],
    },
    ascii_only=True,
)
@example(
    data={
        "format": "reljournal",
        "version": 1,
        "team_entries": [{"date": "2024-01-01", "people": ["\x00"]}],
    },
    ascii_only=False,
)
def test_documents_import_whole_or_are_refused(
    fuzz_journal: FuzzJournal, data: dict[str, Any], ascii_only: bool
) -> None:
    _import_or_refuse(fuzz_journal, _encode(data, ascii_only))


@fuzz_settings(long=2000)
@given(data=documents())
def test_decoded_documents_with_python_values_import_whole_or_are_refused(
    fuzz_journal: FuzzJournal, data: dict[str, Any]
) -> None:
    """``parse_document`` on values no JSON text can carry (NaN, huge ints) as well."""
    db = fuzz_journal.db
    try:
        doc = parse_document(data)
        summary = import_and_classify(db, doc)
    except RelJournalError:
        assert fuzz_journal.unchanged()
        return
    except BaseException:
        fuzz_journal.close()
        raise
    _assert_imported(fuzz_journal, doc, summary)


@fuzz_settings(long=3000)
@given(raw=st.binary(max_size=300) | json_values().map(lambda v: _encode(v, False)))
@example(raw=nested(100_000).encode())
@example(raw=b'{"format": "reljournal", "format": "reljournal", "version": 1}')
@example(raw=b'{"format": "reljournal", "version": NaN}')
@example(raw=b'{"format": "reljournal", "version": 1, "accounts": [{"name": Infinity}]}')
@example(raw=b"\xef\xbb\xbf\xff\xfe")
@example(raw=b'{"format": "reljournal", "version": 1e400}')
def test_random_bytes_are_refused_or_imported(fuzz_journal: FuzzJournal, raw: bytes) -> None:
    _import_or_refuse(fuzz_journal, raw)


@fuzz_settings()
@given(text=texts(60) | st.lists(st.sampled_from(FTS), min_size=1, max_size=6).map(" ".join))
@example(text='"')
@example(text="NEAR(")
@example(text="a OR")
@example(text="\ud800")
def test_searches_typed_by_a_user_never_raise(fuzz_journal: FuzzJournal, text: str) -> None:
    hits = search(fuzz_journal.db, text)
    assert isinstance(hits, list)


def test_seed_journal_is_found_by_search(tmp_path: Path) -> None:
    journal = FuzzJournal(tmp_path)
    assert [h.kind for h in search(journal.db, "anvils")] == ["account", "answer"]
    journal.close()
