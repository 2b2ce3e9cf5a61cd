"""The contacts corpus (tests/data/contacts, issue 13): every real or realistic file
reads with the counts and fields expected.json gives (made by an independent reader)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reljournal.core.formats.contacts import EMAIL, PHONE, SourceRecord
from reljournal.core.formats.contacts_read import ContactsFile, read_contact_records

CORPUS = Path(__file__).parents[1] / "data" / "contacts"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text("utf-8"))
GOOD = sorted(k for k, v in EXPECTED.items() if not k.startswith("_") and not v.get("bad"))
BAD = sorted(k for k, v in EXPECTED.items() if not k.startswith("_") and v.get("bad"))


def _file(name: str) -> ContactsFile:
    path = CORPUS / name
    extra = None
    if name == "csv/salesforce/Contact.csv":
        extra = (CORPUS / "csv/salesforce/Account.csv").read_bytes()
    return read_contact_records(path.read_bytes(), path.name, accounts_file=extra)


def _read(name: str) -> list[SourceRecord]:
    return _file(name).records


def _people(records: list[SourceRecord]) -> list[SourceRecord]:
    """The distinct people: a record with an email or name (at the same organisation)
    seen before is the same person (its points are added to the first)."""
    out: list[SourceRecord] = []
    for r in records:
        if r.problem or r.not_person:
            continue
        emails = {p.key() for p in r.points if p.kind == EMAIL}
        same = next(
            (
                i
                for i, o in enumerate(out)
                if emails & {p.key() for p in o.points if p.kind == EMAIL}
                or (o.values["name"], o.values.get("account"))
                == (r.values["name"], r.values.get("account"))
            ),
            None,
        )
        if same is None:
            out.append(r)
        else:
            first = out[same]
            out[same] = SourceRecord(first.number, first.values, "", (*first.points, *r.points))
    return out


def _by_name(people: list[SourceRecord], name: str) -> SourceRecord:
    found = [p for p in people if p.values.get("name") == name]
    assert found, f"{name!r} not among {[p.values.get('name') for p in people]}"
    return found[0]


@pytest.mark.parametrize("name", GOOD)
def test_counts(name: str) -> None:
    expected = EXPECTED[name]
    file = _file(name)
    records = file.records
    assert file.format == expected["format"]
    if "accounts" in expected:  # a file of accounts (companies, organizations)
        assert file.kind == "accounts"
        accounts = [r for r in records if not r.not_person and not r.problem]
        assert len(accounts) == expected["accounts"]
        assert len(records) == expected["records"]
        for want in expected.get("accounts_checked", []):
            got = _by_name(accounts, want["name"])
            phones = [p.value for p in got.points if p.kind == PHONE]
            assert (phones[0] if phones else None) == want.get(
                "phone", phones[0] if phones else None
            )
            addresses = " ".join(p.value for p in got.points if p.kind == "address")
            for key in ("city", "country", "postal_code"):
                if want.get(key):
                    assert want[key] in addresses, (want["name"], key)
            if want.get("website"):
                assert want["website"] == got.values.get("website")
        return
    if "records" in expected:
        assert len(records) == expected["records"]
    people = _people(records)
    assert len(people) == expected["people"], [r.not_person or r.problem for r in records]
    with_org = [p for p in people if p.values.get("account")]
    assert len(with_org) == expected["with_organisation"]
    assert len(people) - len(with_org) == expected["without_organisation"]
    # expected.json counts records after the header (the journal shows file rows)
    not_people = {i for i, r in enumerate(records, start=1) if r.not_person}
    assert not_people == {n["record"] for n in expected.get("not_people", []) if "record" in n}


@pytest.mark.parametrize("name", [n for n in GOOD if EXPECTED[n].get("people_checked")])
def test_people_fields(name: str) -> None:
    people = _people(_read(name))
    for want in EXPECTED[name]["people_checked"]:
        got = _by_name(people, want["name"])
        values = got.values
        assert values.get("account") == (want["organisation"] or None), want["name"]
        for key, field in (("title", "title"), ("department", "department"),
                           ("name_prefix", "name_prefix")):  # fmt: skip
            if key in want:
                assert values.get(field) == want[key], (want["name"], key)
        emails = [p.value for p in got.points if p.kind == EMAIL]
        assert {e.casefold() for e in emails} == {e.casefold() for e in want["emails"]}, want[
            "name"
        ]
        if "phones_e164" in want:
            assert set(want["phones_e164"]) <= {p.normalized for p in got.points}
            continue
        phones = {p.value for p in got.points if p.kind == PHONE}
        optional = set(want.get("phones_optional", [])) | set(want.get("phones_not_numbers", []))
        assert set(want["phones"]) <= phones, want["name"]
        assert phones - set(want["phones"]) <= optional, want["name"]
        notes = values.get("notes", "").replace("\r\n", "\n")
        for text in want.get("note_contains", []):
            assert text in notes, want["name"]
        for text in want.get("note_must_not_contain", []):
            assert text not in notes, want["name"]
    if EXPECTED[name].get("must_not_store"):  # HubSpot writes the word null in empty cells
        for person in people:
            stored = [*person.values.values(), *(p.value for p in person.points)]
            assert not any(v.strip().lower() == "null" for v in stored)


@pytest.mark.parametrize("name", BAD)
def test_bad_files_say_what_is_wrong(name: str) -> None:
    from reljournal.core.errors import ValidationError

    expected = EXPECTED[name]
    try:
        records = _read(name)
    except ValidationError as exc:
        message = exc.message
        assert "importable_before_problem" not in expected
    else:
        problems = [r.problem for r in records if r.problem]
        assert problems, name
        message = problems[0]
        good = [r for r in records if not r.problem and r.number < records.index(records[0]) + 2]
        assert len(good) >= expected.get("importable_before_problem", 0)
    assert message
    words = {
        "bad/card_missing_end.vcf": ("card 2", "line 8", "line 13", "END:VCARD"),
        "bad/truncated_mid_card.vcf": ("card 2", "line 8", "line 13", "cut off"),
        "bad/empty.csv": ("empty",),
        "bad/header_only_google.csv": ("Google Contacts", "no rows"),
        "bad/hubspot_export_xlsx_named.csv": ("Excel", "CSV"),
        "bad/photo_saved_as.vcf": ("not a vCard", "JPEG"),
    }[name]
    for word in words:
        assert word in message, (name, message)


VCARDS = [n for n in GOOD if n.startswith("vcard/")]


@pytest.mark.parametrize("name", VCARDS)
def test_cleaned_cards_read_the_same_with_vobject(name: str) -> None:
    """What vcard_lines makes of each real card is plain vCard 3.0 that vobject (an
    independent reader) reads to the same name and emails as the importer."""
    import vobject

    from reljournal.core.formats.vcard_lines import clean_card, split_cards

    records = _read(name)
    for card, record in zip(split_cards((CORPUS / name).read_bytes()), records, strict=True):
        clean_card(card)
        parsed = vobject.readOne(card.text)
        fn = parsed.contents.get("fn")
        if fn and record.values.get("name"):
            assert fn[0].value.strip() == record.values["name"]
        emails = {e.value for e in parsed.contents.get("email", []) if "@" in e.value}
        assert emails == {p.value for p in record.points if p.kind == EMAIL}


def test_e164_agrees_with_phonenumbers_on_the_corpus() -> None:
    """The shortcut for numbers written plainly in international form gives what
    phonenumbers gives, wherever phonenumbers calls the number possible."""
    import phonenumbers

    checked = 0
    for name in GOOD:
        for record in _read(name):
            for point in record.points:
                if point.kind != PHONE or not point.normalized:
                    continue
                number = phonenumbers.parse(point.value, None)
                if phonenumbers.is_possible_number(number):
                    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                    assert point.normalized == e164, point
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("name", [n for n in GOOD if n.startswith("csv/")])
def test_a_streamed_read_gives_the_same_records(name: str) -> None:
    """The command line reads a CSV row by row (keep_rows=False); the records are the same."""
    raw = (CORPUS / name).read_bytes()
    extra = None
    if name == "csv/salesforce/Contact.csv":
        extra = (CORPUS / "csv/salesforce/Account.csv").read_bytes()
    kept = read_contact_records(raw, name, accounts_file=extra)
    streamed = read_contact_records(raw, name, accounts_file=extra, keep_rows=False)
    assert streamed.records == kept.records
    assert streamed.row_count == kept.row_count == len(kept.table.rows)  # type: ignore[union-attr]


def test_a_streamed_read_falls_back_to_a_lenient_read() -> None:
    raw = b'Name,Company,Email\nAnn,Acme,a@x.example\nBo "the boss" Bee,Acme,b@x.example\n'
    kept = read_contact_records(raw, "people.csv")
    streamed = read_contact_records(raw, "people.csv", keep_rows=False)
    assert [r.values["name"] for r in streamed.records] == ["Ann", 'Bo "the boss" Bee']
    assert streamed.records == kept.records and streamed.warnings == kept.warnings
