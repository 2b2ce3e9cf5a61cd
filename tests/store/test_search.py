"""Full-text search: what it finds, and that nothing a user types is an FTS syntax error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from reljournal.core.formats.interchange import loads, parse_document
from reljournal.store.entries import delete_entry
from reljournal.store.opening import create_journal
from reljournal.store.schema import FTS_COLUMNS
from reljournal.store.search import MARK_CLOSE, MARK_OPEN, fts_query, markup, search
from reljournal.store.transfer.json_import import import_document
from tests.helpers.keyrings import MemoryKeyring

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"


@pytest.fixture(scope="module")
def golden_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One journal holding the golden document, shared by the read-only tests here."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        journal = create_journal(tmp_path_factory.mktemp("search") / "journal.db")
    finally:
        keyring.set_keyring(previous)
    import_document(journal.db, parse_document(loads(GOLDEN.read_bytes())))
    yield journal.db
    journal.close()


def kinds_and_titles(db: Database, text: str, **options: object) -> list[tuple[str, str]]:
    return [(h.kind, h.title) for h in search(db, text, **options)]  # type: ignore[arg-type]


# ---------------------------------------------------------------- the query


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("autoclave", '"autoclave"*'),
        ("autoclave ", '"autoclave"'),
        ("price  list", '"price" "list"*'),
        ('"price is fine" dana', '"price is fine" "dana"*'),
        ('dana "price is fine"', '"price is fine" "dana"'),
        ('say "hello', '"say" "hello"*'),
        ("notes:floor", '"notes" "floor"*'),
        ("a AND b OR NOT c", '"a" "AND" "b" "OR" "NOT" "c"*'),
        ("NEAR(a b, 3)", '"NEAR" "a" "b" "3"*'),
        ("-price +speed ^x", '"price" "speed" "x"*'),
        ("", None),
        ("   ", None),
        ('*** --- ((( """ :', None),
        ('""', None),
    ],
)
def test_typed_text_becomes_a_safe_query(typed: str, query: str | None) -> None:
    assert fts_query(typed) == query


def test_no_prefix_when_asked() -> None:
    assert fts_query("price list", prefix_last=False) == '"price" "list"'


# ---------------------------------------------------------------- what it finds


def test_finds_each_kind_of_text_grouped_by_kind(golden_db: Database) -> None:
    assert sorted(kinds_and_titles(golden_db, "floor")) == [
        ("commitment", "them"),
        ("entry", "Floor plan received"),
        ("entry", "Intro"),
    ]
    assert [kind for kind, _ in kinds_and_titles(golden_db, "floor")] == [
        "entry",
        "entry",
        "commitment",
    ]
    assert kinds_and_titles(golden_db, "Dana")[:2] == [
        ("stakeholder", "Dana Ruiz"),
        ("entry", "Intro"),
    ]
    assert ("answer", "Who signs off on new equipment?") in kinds_and_titles(golden_db, "partners")
    assert kinds_and_titles(golden_db, "healthcare") == [("account", "Acme Dental")]


def test_hits_carry_account_date_and_a_marked_snippet(golden_db: Database) -> None:
    [hit] = search(golden_db, "autoclave", kinds=["commitment"])
    assert (hit.account_name, hit.date, hit.entry_id is not None) == (
        "Acme Dental",
        dt.date(2026, 3, 6),
        True,
    )
    assert f"{MARK_OPEN}autoclave{MARK_CLOSE}" in hit.snippet
    assert markup(hit.snippet) == "Send pricing for the [autoclave]"
    assert markup(hit.snippet, "<b>", "</b>") == "Send pricing for the <b>autoclave</b>"
    [team] = search(golden_db, "pipeline", kinds=["entry"])
    assert (team.account_name, team.account_id, team.date) == ("", None, dt.date(2026, 3, 2))


def test_last_word_matches_as_a_prefix_while_typing(golden_db: Database) -> None:
    assert kinds_and_titles(golden_db, "autocl", kinds=["commitment"]) == [("commitment", "me")]
    assert kinds_and_titles(golden_db, "autocl ", kinds=["commitment"]) == []


def test_case_and_accents_do_not_matter(golden_db: Database) -> None:
    assert kinds_and_titles(golden_db, "BJORK", kinds=["account"]) == [
        ("account", "Björk Logistik AB")
    ]
    assert kinds_and_titles(golden_db, "asa lind", kinds=["stakeholder"]) == [
        ("stakeholder", "Åsa Lind")
    ]


def test_every_word_must_match_and_phrases_stay_phrases(golden_db: Database) -> None:
    assert kinds_and_titles(golden_db, "price fine", kinds=["entry"]) == [
        ("entry", "Follow-up on pricing")
    ]
    assert kinds_and_titles(golden_db, '"price is fine"', kinds=["entry"]) == [
        ("entry", "Follow-up on pricing")
    ]
    assert kinds_and_titles(golden_db, '"fine is price"', kinds=["entry"]) == []
    assert kinds_and_titles(golden_db, "price zebra", kinds=["entry"]) == []


def test_limit_and_kinds(golden_db: Database) -> None:
    everything = search(golden_db, "a")
    assert len(everything) > 3
    assert len(search(golden_db, "a", limit=3)) == 3
    assert search(golden_db, "a", limit=0) == []
    assert {h.kind for h in search(golden_db, "a", kinds=["account"])} == {"account"}
    assert search(golden_db, "   ") == []


def test_deleted_entries_are_not_found(db: Database) -> None:
    import_document(db, parse_document(loads(GOLDEN.read_bytes())))
    [hit] = search(db, "Walked", kinds=["entry"])
    delete_entry(db, hit.ref_id)
    assert search(db, "walked") == []
    assert search(db, "autoclave") == []  # its commitment went with it


# ---------------------------------------------------------------- nothing typed raises

FTS_SYNTAX = [
    '"',
    "'",
    "*",
    "-",
    "+",
    "^",
    ":",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\\",
    "NEAR",
    "NEAR(",
    "NEAR/3",
    "AND",
    "OR",
    "NOT",
    "notes:",
    "title:",
    "{notes title}:",
    "price",
    "autoclave",
    "Björk",
    " ",
    "\x00",
    "_",
    "\u0301",
    "½",
]

typed_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(FTS_SYNTAX), st.text(max_size=4)), max_size=12).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=typed_text)
def test_nothing_a_user_types_raises(golden_db: Database, typed: str) -> None:
    hits = search(golden_db, typed)
    assert len(hits) <= 50
    query = fts_query(typed)
    if query is None:
        assert hits == []
        return
    for table in FTS_COLUMNS:
        golden_db.execute(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?", (query,))
