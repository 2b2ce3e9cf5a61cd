"""The JSON journal format v1: strict decoding, validation that names the place of the
first problem, and a canonical encoding (export → import → export is stable)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.errors import InterchangeError
from reljournal.core.formats.interchange import (
    MAX_TEXT,
    document_to_dict,
    dumps,
    loads,
    parse_document,
)

GOLDEN = Path(__file__).parents[1] / "data" / "interchange" / "full.json"


def doc(*accounts: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "reljournal", "version": 1, "accounts": list(accounts), **top}


def entry(**fields: Any) -> dict[str, Any]:
    return {"date": "2026-03-04", **fields}


def error_of(data: Any) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        parse_document(loads(data) if isinstance(data, bytes | str) else data)
    message = caught.value.message
    assert "\n" not in message, "messages are one line"
    assert len(message) < 300, "messages never quote a whole field"
    return caught.value


# ---------------------------------------------------------------- decoding


def test_loads_accepts_a_byte_order_mark() -> None:
    assert loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


@pytest.mark.parametrize("raw", [b"", b"  \n\t ", ""])
def test_empty_file_is_refused(raw: bytes | str) -> None:
    with pytest.raises(InterchangeError, match="empty"):
        loads(raw)


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(InterchangeError, match=r"not valid JSON at line 2, column 10"):
        loads(b'{"format": "reljournal",\n "a": [1,}')


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    raw = json.dumps(doc({"name": "A", "entries": [entry(minutes=0)]})).replace(
        '"minutes": 0', f'"minutes": {constant}'
    )
    with pytest.raises(InterchangeError, match=f"{constant} is not allowed"):
        loads(raw)


def test_overflowing_number_is_not_a_whole_number() -> None:
    raw = json.dumps(doc({"name": "A", "entries": [entry(minutes=1)]})).replace(
        '"minutes": 1', '"minutes": 1e400'
    )
    err = error_of(raw)
    assert err.where == 'accounts[0] ("A").entries[0].minutes'


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(InterchangeError, match='"name" appears twice'):
        loads(b'{"format": "reljournal", "version": 1, "accounts": [{"name": "A", "name": "B"}]}')


def test_invalid_utf8_is_refused_with_its_position() -> None:
    with pytest.raises(InterchangeError, match="not UTF-8 text .*position 14"):
        loads(b'{"accounts": "\xff\xfe"}')


def test_utf16_is_not_utf8() -> None:
    with pytest.raises(InterchangeError, match="not UTF-8"):
        loads(json.dumps(doc()).encode("utf-16"))


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000],
    ids=["arrays", "objects"],
)
def test_deep_nesting_is_a_clear_error(raw: bytes) -> None:
    with pytest.raises(InterchangeError, match="nested too deeply"):
        loads(raw)


@pytest.mark.parametrize(
    "escape",
    [r"\ud800", r"\udfff", r"x\udc00y"],
)
def test_lone_surrogate_escapes_are_invalid_text(escape: str) -> None:
    # "\ud800" is valid JSON but not a character: it cannot be stored as UTF-8.
    raw = '{"format": "reljournal", "version": 1, "accounts": [{"name": "A", "notes": "%s"}]}'
    err = error_of(raw % escape)
    assert err.where == 'accounts[0] ("A").notes'


def test_lone_surrogates_in_names_lists_are_refused_too() -> None:
    raw = json.dumps(doc({"name": "A", "entries": [entry(people=["PLACEHOLDER"])]}))
    err = error_of(raw.replace("PLACEHOLDER", r"B\ud800"))
    assert err.where == 'accounts[0] ("A").entries[0].people[0]'
    raw = json.dumps(
        doc(
            {
                "name": "A",
                "entries": [entry(answers=[{"question": "q", "answer": "a", "tags": ["T"]}])],
            }
        )
    )
    err = error_of(raw.replace('"T"', r'"\udc01"'))
    assert err.where == 'accounts[0] ("A").entries[0].answers[0].tags'


# ---------------------------------------------------------------- the envelope


def test_a_document_must_be_an_object() -> None:
    assert "expected an object, found a list" in error_of(b"[]").message


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ({"version": 1}, "not a RelJournal file"),
        ({"format": "other", "version": 1}, "not a RelJournal file"),
        ({"format": "reljournal"}, "version None is not supported"),
        ({"format": "reljournal", "version": 3}, "version 3 is not supported"),
        ({"format": "reljournal", "version": "1"}, "version '1' is not supported"),
        ({"format": "reljournal", "version": True}, "version True is not supported"),
    ],
)
def test_wrong_format_or_version(top: dict[str, Any], expected: str) -> None:
    assert expected in error_of({**top, "accounts": []}).message


def test_accounts_may_be_absent_or_null() -> None:
    assert parse_document({"format": "reljournal", "version": 1}).accounts == []
    assert parse_document(doc() | {"accounts": None}).accounts == []


# ---------------------------------------------------------------- required fields and types


@pytest.mark.parametrize(
    ("data", "where", "reason"),
    [
        (doc({"name": "A"}, {"industry": "x"}), "accounts[1].name", "is required"),
        (doc({"name": "   "}), "accounts[0].name", "is empty"),
        (
            doc({"name": "A"}, {"name": "B", "entries": [entry(), {"kind": "call"}]}),
            'accounts[1] ("B").entries[1].date',
            "is required",
        ),
        (
            doc({"name": "A", "entries": [entry(answers=[{"answer": "x"}])]}),
            'accounts[0] ("A").entries[0].answers[0].question',
            "is required",
        ),
        (
            doc({"name": "A", "entries": [entry(answers=[{"question": "q"}])]}),
            'accounts[0] ("A").entries[0].answers[0].answer',
            "is required",
        ),
        (
            doc({"name": "A", "commitments": [{"owner": "me"}]}),
            'accounts[0] ("A").commitments[0].text',
            "is required",
        ),
        (
            doc({"name": "A", "health": [{"trust": 3}]}),
            'accounts[0] ("A").health[0].date',
            "is required",
        ),
        (
            doc({"name": "A", "stages": [{"date": "2026-01-01"}]}),
            'accounts[0] ("A").stages[0].stage',
            "is required",
        ),
        (
            doc({"name": "A", "override": {"reason": "r"}}),
            'accounts[0] ("A").override.label',
            "is required",
        ),
        (doc(team=[{"group": "internal"}]), "team[0].name", "is required"),
        (doc(questions=[{"topic": "t"}]), "questions[0].text", "is required"),
    ],
)
def test_missing_required_fields_name_the_place(data: Any, where: str, reason: str) -> None:
    err = error_of(data)
    assert (err.where, err.reason) == (where, reason)
    assert err.message == f"{where}: {reason}"


@pytest.mark.parametrize(
    ("data", "where", "reason"),
    [
        (
            doc() | {"accounts": {"name": "A"}},
            "document.accounts",
            "expected a list, found an object",
        ),
        (doc("Acme"), "accounts[0]", "expected an object, found text"),
        (doc({"name": 42}), "accounts[0].name", "expected text, found a number"),
        (
            doc({"name": "A", "industry": ["x"]}),
            'accounts[0] ("A").industry',
            "expected text, found a list",
        ),
        (
            doc({"name": "A", "entries": {"date": "2026-01-01"}}),
            'accounts[0] ("A").entries',
            "expected a list, found an object",
        ),
        (
            doc({"name": "A", "entries": [entry(minutes="45")]}),
            'accounts[0] ("A").entries[0].minutes',
            "expected a number, found text",
        ),
        (
            doc({"name": "A", "entries": [entry(minutes=True)]}),
            'accounts[0] ("A").entries[0].minutes',
            "expected a number, found true/false",
        ),
        (
            doc({"name": "A", "entries": [entry(minutes=1.5)]}),
            'accounts[0] ("A").entries[0].minutes',
            "expected a whole number",
        ),
        (
            doc({"name": "A", "entries": [entry(minutes=-1)]}),
            'accounts[0] ("A").entries[0].minutes',
            "-1 is outside 0..10080",
        ),
        (
            doc({"name": "A", "entries": [entry(kind="lunch")]}),
            'accounts[0] ("A").entries[0].kind',
            '"lunch" is not one of meeting, call, email, visit, note',
        ),
        (
            doc({"name": "A", "entries": [entry(people=[1])]}),
            'accounts[0] ("A").entries[0].people[0]',
            "expected a person's name",
        ),
        (
            doc({"name": "A", "entries": [entry(health={"trust": 6})]}),
            'accounts[0] ("A").entries[0].health.trust',
            "6 is outside 1..5",
        ),
        (
            doc(
                {
                    "name": "A",
                    "entries": [entry(answers=[{"question": "q", "answer": "a", "tags": "price"}])],
                }
            ),
            'accounts[0] ("A").entries[0].answers[0].tags',
            "expected a list, found text",
        ),
        (
            doc(
                {
                    "name": "A",
                    "entries": [entry(answers=[{"question": "q", "answer": "a", "tags": [""]}])],
                }
            ),
            'accounts[0] ("A").entries[0].answers[0].tags',
            "tags must be short texts",
        ),
        (
            doc({"name": "A", "stakeholders": [{"name": "D", "group": "family"}]}),
            'accounts[0] ("A").stakeholders[0].group',
            '"family" is not one of customer, internal, partner',
        ),
        (
            doc({"name": "A", "commitments": [{"text": "t", "owner": "you"}]}),
            'accounts[0] ("A").commitments[0].owner',
            '"you" is not one of me, them',
        ),
        (
            doc({"name": "A", "commitments": [{"text": "t", "state": "late"}]}),
            'accounts[0] ("A").commitments[0].state',
            '"late" is not one of open, done, dropped',
        ),
        (
            doc({"name": "A", "override": {"label": "friendly", "reason": ""}}),
            'accounts[0] ("A").override.label',
            '"friendly" is not one of transactional, relational, undetermined',
        ),
        (
            doc({"name": "A", "notes": "a\x00b"}),
            'accounts[0] ("A").notes',
            "contains a NUL character",
        ),
        (
            doc(team=[{"name": "Lee", "group": "customer"}]),
            "team[0].group",
            'team members are "internal" or "partner"',
        ),
        (
            doc(questions=[{"text": "q", "retired": "yes"}]),
            "questions[0].retired",
            "expected true or false",
        ),
    ],
)
def test_wrong_types_name_the_place(data: Any, where: str, reason: str) -> None:
    err = error_of(data)
    assert (err.where, err.reason) == (where, reason)


@pytest.mark.parametrize(
    ("fields", "where", "value"),
    [
        ({"date": "2026-02-30"}, "date", "2026-02-30"),
        ({"date": "2026-13-01"}, "date", "2026-13-01"),
        ({"date": "yesterday"}, "date", "yesterday"),
        ({"date": "2026-03-04T25:00"}, "date", "2026-03-04T25:00"),
        ({"commitments": [{"text": "t", "due": "2026-02-29"}]}, "commitments[0].due", "2026-02-29"),
        (
            {"commitments": [{"text": "t", "done": "31/12/2026"}]},
            "commitments[0].done",
            "31/12/2026",
        ),
    ],
)
def test_dates_that_do_not_parse(fields: dict[str, Any], where: str, value: str) -> None:
    err = error_of(doc({"name": "Acme"}, {"name": "Beta", "entries": [entry(), entry(**fields)]}))
    assert err.where == f'accounts[1] ("Beta").entries[1].{where}'
    assert err.reason == f'"{value}" is not a date (expected YYYY-MM-DD)'


def test_time_that_does_not_parse() -> None:
    err = error_of(doc({"name": "A", "entries": [entry(time="25:00")]}))
    assert (
        err.message == 'accounts[0] ("A").entries[0].time: "25:00" is not a time (expected HH:MM)'
    )


def test_a_date_as_a_number_is_a_wrong_type() -> None:
    err = error_of(doc({"name": "A", "entries": [{"date": 20260304}]}))
    assert err.reason == "expected text, found a number"


def test_fifty_megabyte_notes_are_refused_without_quoting_them() -> None:
    notes = "x" * (50 * 1024 * 1024)
    raw = json.dumps(doc({"name": "Acme Dental", "entries": [entry(), entry(notes=notes)]}))
    err = error_of(raw.encode())
    assert err.where == 'accounts[0] ("Acme Dental").entries[1].notes'
    assert err.reason == f"is 52,428,800 characters long; at most {MAX_TEXT:,} are allowed"


def test_long_account_names_are_clipped_in_the_place() -> None:
    name = "A" * 500
    err = error_of(doc({"name": name, "entries": [{}]}))
    assert err.where == f'accounts[0] ("{"A" * 39}…").entries[0].date'


def test_names_without_letters_or_digits_are_refused() -> None:
    # "!!!" and "???" would otherwise both become the same account when merged by name
    err = error_of(doc({"name": "Acme"}, {"name": "!!!"}))
    assert err.where == "accounts[1].name"


# ---------------------------------------------------------------- what is accepted


def test_unknown_fields_are_warnings_naming_the_place() -> None:
    parsed = parse_document(
        doc(
            {"name": "Acme", "color": "red", "entries": [entry(mood="good", weather="rain")]},
            exported_by="RelJournal 9",
            extra=1,
        )
    )
    assert parsed.warnings == [
        "document: ignored unknown field(s) extra",
        "accounts[0]: ignored unknown field(s) color",
        'accounts[0] ("Acme").entries[0]: ignored unknown field(s) mood, weather',
    ]
    assert parsed.accounts[0].entries[0].date == dt.date(2026, 3, 4)


def test_health_and_stage_on_team_entries_are_warned_about_and_left_out() -> None:
    # the store keeps ratings and stages per account: silently dropping them would lose data
    parsed = parse_document(
        doc(team_entries=[entry(), entry(health={"trust": 3}, stage="dependent", notes="kept")])
    )
    assert parsed.warnings == [
        "team_entries[1]: ignored health and stage (they belong to an account)"
    ]
    kept = parsed.team_entries[1]
    assert (kept.health, kept.stage, kept.notes) == (None, None, "kept")


def test_lenient_values_are_normalized() -> None:
    parsed = parse_document(
        doc(
            {
                "name": "  Acme  ",
                "stakeholders": [{"name": " Dana ", "group": "Customer"}],
                "entries": [
                    entry(date="2026-03-04T09:30:59", kind=" Meeting ", minutes=45.0),
                    entry(time="14:05"),
                    entry(date="2026-03-05", time="00:00"),
                    entry(
                        answers=[
                            {
                                "question": " q ",
                                "answer": " a ",
                                "tags": ["Price", "price ", "Speed"],
                            }
                        ]
                    ),
                ],
            }
        )
    )
    account = parsed.accounts[0]
    assert account.name == "Acme"
    assert (account.stakeholders[0].name, account.stakeholders[0].group) == ("Dana", "customer")
    first, second, third, fourth = account.entries
    assert (first.kind, first.minutes, first.time) == ("meeting", 45, dt.time(9, 30))
    assert second.at == dt.datetime(2026, 3, 4, 14, 5)
    assert third.time is None
    answer = fourth.answers[0]
    assert (answer.question, answer.answer, answer.tags) == ("q", " a ", ["price", "speed"])


def test_a_tag_with_a_comma_becomes_two_tags() -> None:
    # the store keeps tags comma-separated, so "price,speed" would come back as two tags
    parsed = parse_document(
        doc(
            {
                "name": "A",
                "entries": [
                    entry(answers=[{"question": "q", "answer": "a", "tags": ["Speed,price"]}])
                ],
            }
        )
    )
    assert parsed.accounts[0].entries[0].answers[0].tags == ["price", "speed"]


def test_progress_is_reported() -> None:
    calls: list[tuple[int, int]] = []
    parse_document(
        doc(*({"name": f"A{i}"} for i in range(120))), progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(0, 120), (50, 120), (100, 120)]


# ---------------------------------------------------------------- encoding


def test_golden_document_is_canonical() -> None:
    """The golden file is exactly what document_to_dict writes for it (so it can be
    compared with an export field by field)."""
    data = loads(GOLDEN.read_bytes())
    parsed = parse_document(data)
    assert parsed.warnings == []
    assert document_to_dict(parsed) == data
    assert dumps(parsed) == GOLDEN.read_text(encoding="utf-8")


def test_golden_document_uses_every_field() -> None:
    from reljournal.core.formats import interchange as ix

    data = loads(GOLDEN.read_bytes())
    seen: dict[str, set[str]] = {
        k: set() for k in ("top", "account", "person", "entry", "answer", "commitment")
    }
    seen["top"] |= set(data)
    for account in data["accounts"]:
        seen["account"] |= set(account)
        for person in account.get("stakeholders", []):
            seen["person"] |= set(person)
        for commitment in account.get("commitments", []):
            seen["commitment"] |= set(commitment)
        for e in account.get("entries", []):
            seen["entry"] |= set(e)
            for answer in e.get("answers", []):
                seen["answer"] |= set(answer)
            for commitment in e.get("commitments", []):
                seen["commitment"] |= set(commitment)
    for person in data["team"]:
        seen["person"] |= set(person)
    # exported_by is never written by an export; the version 2 fields (issue 13) are
    # checked in tests/store/test_contacts_interchange.py
    assert seen["top"] == ix._TOP_FIELDS - {"exported_by", "unassigned"}
    assert seen["account"] == ix._ACCOUNT_FIELDS
    assert seen["person"] == ix._PERSON_FIELDS - {"name_parts", "contact_points"}
    assert seen["entry"] == ix._ENTRY_FIELDS
    assert seen["answer"] == ix._ANSWER_FIELDS
    assert seen["commitment"] == ix._COMMITMENT_FIELDS


def test_encoding_leaves_out_empty_fields_and_keeps_zero() -> None:
    parsed = parse_document(
        doc({"name": "A", "industry": "", "entries": [entry(minutes=0, notes="")]})
    )
    assert document_to_dict(parsed) == {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {"name": "A", "entries": [{"date": "2026-03-04", "kind": "meeting", "minutes": 0}]}
        ],
    }


def test_dumps_keeps_text_readable_and_ends_with_a_newline() -> None:
    text = dumps(parse_document(doc({"name": "Björk — “AB”"})))
    assert "Björk — “AB”" in text
    assert text.endswith("}\n")
    assert json.loads(text)["accounts"][0]["name"] == "Björk — “AB”"


def test_parse_of_an_encoded_document_gives_the_same_document() -> None:
    parsed = parse_document(loads(GOLDEN.read_bytes()))
    again = parse_document(loads(dumps(parsed)))
    assert again == parsed
