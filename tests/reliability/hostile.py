"""Hypothesis strategies for hostile input: texts that are SQL, FTS5 query syntax,
control characters, lone surrogates, right-to-left marks and huge strings; dates
at the ends of the calendar; numbers that are not numbers; and journal documents
built from them, sometimes with the wrong type in a field."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

SQL = [
    "'; DROP TABLE entries; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM accounts WHERE ('1'='1",
    "x' UNION SELECT key, value FROM meta --",
    "1; PRAGMA rekey = 'x'",
    "%",
    "_",
    "\\",
    "''",
    "[accounts]",
]
FTS = [
    "NEAR(price partner, 2)",
    '"unbalanced',
    "a* OR b*",
    "-excluded",
    "(((",
    ")",
    "a AND",
    "OR",
    "NOT",
    "^start",
    "notes:price",
    "{title notes}: x",
    "*",
    '"',
    '""',
    "a NEAR/3 b",
    "price + partner",
    "AND OR NOT",
    "col : *",
]
CONTROL = ["\x00", "\x01\x02\x1f", "\x7f", "\x1b[31mred\x1b[0m", "\r\n", "\t", "\u2028", "\ufeff"]
UNICODE = [
    "\u202etxet desrever",
    "Zoë Œuvre — Ünïcødé",
    "日本語のメモ",
    "🙂👍🏽",
    "e\u0301",
    "\ud800",
    "a\udfffb",
    "\U0010ffff",
    "ﬁ",
    "İstanbul",
]
SPECIAL = SQL + FTS + CONTROL + UNICODE + ["", " ", "   \n  ", "null", "true", "0", "-1"]


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Mostly short text of any kind (surrogates included), often hostile, now and
    then far too long."""
    anything = st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size)
    mixed = st.lists(st.sampled_from(SPECIAL) | anything, min_size=1, max_size=3).map("".join)
    huge = st.sampled_from([1001, 4001, 200_001]).flatmap(
        lambda n: st.sampled_from(["x", "é", "'", '"', "\x00"]).map(lambda c: c * n)
    )
    plain = st.text(st.characters(codec="utf-8"), min_size=1, max_size=max_size)
    rare_huge = st.integers(0, 19).flatmap(lambda n: huge if n == 0 else plain)
    return st.one_of(st.sampled_from(SPECIAL), anything, mixed, plain, rare_huge)


DATES = [
    "2024-01-01",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0001-01-01",
    "9999-12-31",
    "0999-12-31",
    "2024-01-01T23:59",
    "2024-01-01T24:00",
    "2024-01-01 08:30:59.999999",
    "2024-01-01T08:30+02:00",
    "20240101",
    "2024-1-1",
    " 2024-01-01 ",
    "yesterday",
    "",
    "2024-01-01T00:00:00Z",
    "1970-01-01",
]
TIMES = ["08:30", "23:59", "24:00", "8:30", "08:30:15", "12", "noon", "", "00:00", "23:59:59.5"]


def numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-5, 20_000),
        st.sampled_from(
            [
                0,
                5,
                10**30,
                -(10**30),
                2**63,
                1.0,
                2.5,
                -0.0,
                1e308,
                math.nan,
                math.inf,
                -math.inf,
                True,
                False,
                "30",
                None,
            ]
        ),
        st.floats(allow_nan=True, allow_infinity=True),
    )


def _maybe_wrong(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good``, now and then (1 in 25) a value of the wrong type."""
    wrong = st.sampled_from([None, 1, 1.5, True, [], {}, ["x"], {"a": 1}, "text"])
    return st.integers(0, 24).flatmap(lambda n: wrong if n == 0 else good)


def _fields(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
):  # type: ignore[no-untyped-def]
    return st.fixed_dictionaries(
        {k: _maybe_wrong(v) for k, v in required.items()},
        optional={**{k: _maybe_wrong(v) for k, v in optional.items()}, "unknown_field": texts()},
    )


def _choice(options: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(options) | st.sampled_from([o.upper() for o in options]) | texts(10)


def documents(max_accounts: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    date = st.sampled_from(DATES) | st.dates().map(lambda d: d.isoformat()) | texts(12)
    person = _fields(
        {"name": texts()},
        {
            "group": _choice(["customer", "internal", "partner"]),
            "title": texts(),
            "role": texts(),
            "email": texts(),
            "phone": texts(),
            "notes": texts(),
        },
    )
    answer = _fields(
        {"question": texts(), "answer": texts()},
        {"speaker": texts(), "tags": st.lists(texts(12), max_size=3)},
    )
    commitment = _fields(
        {"text": texts()},
        {
            "owner": _choice(["me", "them"]),
            "due": date,
            "state": _choice(["open", "done", "dropped"]),
            "done": date,
        },
    )
    health = st.dictionaries(
        st.sampled_from(
            ["trust", "respect", "value", "conversations", "conflict", "accountability", "bogus"]
        ),
        numbers(),
        max_size=4,
    )
    entry = _fields(
        {"date": date},
        {
            "time": st.sampled_from(TIMES) | texts(8),
            "kind": _choice(["meeting", "call", "email", "visit", "note"]),
            "minutes": numbers(),
            "title": texts(),
            "notes": texts(60),
            "initiated_by": _choice(["me", "them"]),
            "people": st.lists(texts(), max_size=3),
            "answers": st.lists(answer, max_size=3),
            "commitments": st.lists(commitment, max_size=2),
            "health": health,
            "stage": _choice(["dependent", "independent", "interdependent"]),
        },
    )
    account = _fields(
        {"name": texts()},
        {
            "industry": texts(),
            "website": texts(),
            "notes": texts(60),
            "stakeholders": st.lists(person, max_size=3),
            "entries": st.lists(entry, max_size=4),
            "commitments": st.lists(commitment, max_size=2),
            "health": st.lists(health.map(lambda h: h) | st.just({}), max_size=2).map(
                lambda hs: [{"date": "2024-01-01", **h} for h in hs]
            ),
            "stages": st.lists(
                _fields({"date": date, "stage": _choice(["dependent", "interdependent"])}, {}),
                max_size=2,
            ),
            "override": _fields(
                {"label": _choice(["transactional", "relational", "undetermined"])},
                {"reason": texts()},
            ),
        },
    )
    question = _fields({"text": texts()}, {"topic": texts(), "retired": st.booleans()})
    return st.fixed_dictionaries(
        {
            "format": st.integers(0, 19).flatmap(
                lambda n: _maybe_wrong(texts(10)) if n == 0 else st.just("reljournal")
            ),
            "version": st.integers(0, 19).flatmap(lambda n: numbers() if n == 0 else st.just(1)),
        },
        optional={
            "accounts": st.lists(account, max_size=max_accounts),
            "team": st.lists(person, max_size=2),
            "team_entries": st.lists(entry, max_size=2),
            "questions": st.lists(question, max_size=2),
            "exported_by": texts(),
        },
    )


def json_values(max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """Any JSON-like value (NaN and infinities included)."""
    leaves = st.none() | st.booleans() | numbers() | texts()
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(texts(10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def nested(depth: int) -> str:
    """JSON text nested ``depth`` levels deep."""
    return '{"format": "reljournal", "version": 1, "accounts": ' + "[" * depth + "]" * depth + "}"
