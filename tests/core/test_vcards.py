"""vCard 3.0 and 4.0: reading real-world cards, writing, and round trips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts import strip_controls
from reljournal.core.formats.contacts_plan import CREATE, SKIP, Snapshot, plan_import
from reljournal.core.formats.vcard import (
    VCardPerson,
    parse_vcards,
    people_to_vcards,
    person_to_vcard,
)
from reljournal.core.model import GROUPS

DATA = Path(__file__).resolve().parents[1] / "data" / "vcard"


def test_apple_style_v3_cards() -> None:
    records = parse_vcards((DATA / "contacts_v3.vcf").read_bytes())
    assert [r.number for r in records] == [1, 2, 3, 4, 5]
    alex = records[0].values
    assert alex["name"] == "Alex Rivera" and alex["account"] == "Fabrikam Inc."
    assert alex["email"] == "alex.rivera@fabrikam.example"  # the preferred one
    assert alex["phone"] == "+1 425 555 0142"  # the preferred (work) one
    assert alex["notes"] == "Met at the fleet expo.\nPrefers short calls, never lunches."
    assert alex["role"] == "decision maker" and alex["group"] == "customer"
    assert records[2].values["group"] == "Work, internal" and "account" not in records[2].values
    assert records[3].values["name"] == "山田 太郎"
    plan = plan_import("contacts", records, Snapshot())
    assert [o.action for o in plan.outcomes] == [CREATE, CREATE, CREATE, CREATE, SKIP]
    assert plan.outcomes[4].reason == "no name (only nobody@nowhere.example)"
    marta = next(p for p in plan.new_people if p.name == "Marta Kowalski")
    assert marta.group == "internal" and marta.account_ref is None


def test_v4_cards_with_uri_phones_and_kind() -> None:
    records = parse_vcards((DATA / "contacts_v4.vcf").read_bytes())
    layla, jose, org = records
    assert layla.values["phone"] == "+971-4-123-4567"
    assert layla.values["account"] == "شركة الأفق"
    assert jose.values["name"] == "José 🐧 Núñez" and jose.values["group"] == "partner"
    assert "organisation" in org.not_person


def test_a_damaged_card_is_reported_and_the_others_import() -> None:
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nORG:Acme\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nthis is not a property\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nORG:Acme\r\n"
    )
    good, bad, cut = parse_vcards(raw)
    assert good.values["name"] == "Good One" and not good.problem
    assert bad.number == 2 and "line 9 is not a vCard property" in bad.problem
    assert cut.number == 3 and "cut off" in cut.problem


@pytest.mark.parametrize("raw", [b"", b"Name,Email\r\nAnn,a@b\r\n", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_not_a_vcard_file(raw: bytes) -> None:
    with pytest.raises(ValidationError):
        parse_vcards(raw)


def test_vcard_2_1_quoted_printable_reads() -> None:
    raw = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6hn Doe\r\nORG:Acme\r\nEND:VCARD\r\n"
    )
    assert parse_vcards(raw)[0].values["name"] == "Jöhn Doe"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_written_cards_follow_the_version(version: str) -> None:
    text = person_to_vcard(
        VCardPerson("Ann Able", "Acme; Inc.", "partner", "VP, Sales", email="a@x", phone="+1"),
        version,
    )
    assert text.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n")
    assert "ORG:Acme\\; Inc.\r\n" in text and "TITLE:VP\\, Sales\r\n" in text
    assert "CATEGORIES:partner\r\n" in text
    assert (
        "EMAIL;PREF=1;TYPE=work:" if version == "4.0" else "EMAIL;TYPE=INTERNET,WORK,PREF:"
    ) in text


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValidationError):
        person_to_vcard(VCardPerson("A"), "2.1")


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_name = _text.filter(lambda s: bool(s.split()))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.builds(
            VCardPerson,
            name=_name,
            account=_name,
            group=st.sampled_from(GROUPS),
            title=_text,
            role=_text,
            # only addresses are read back as emails (Android writes names into EMAIL)
            email=st.one_of(st.just(""), st.emails()),
            phone=_text,
            notes=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["3.0", "4.0"]),
)
def test_vcard_round_trip(people: list[VCardPerson], version: str) -> None:
    records = parse_vcards(people_to_vcards(people, version).encode("utf-8"))
    assert len(records) == len(people)
    for person, record in zip(people, records, strict=True):
        assert not record.problem
        values = record.values
        assert values["name"] == " ".join(person.name.split())
        assert values["account"] == " ".join(person.account.split())
        assert values["group"] == person.group
        for field in ("title", "role", "email", "phone"):
            assert values.get(field, "") == getattr(person, field).strip()
        expected_notes = strip_controls(person.notes).strip()
        # a vCard has one kind of line break: CR LF and a lone CR come back as LF
        assert values.get("notes", "") == re.sub(r"\r\n?", "\n", expected_notes).strip()
