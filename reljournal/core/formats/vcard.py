"""vCard 3.0 and 4.0 (RFC 2426, RFC 6350) for stakeholders, through ``vobject``.

A person's account is the first part of ORG; title, role, email, phone and notes
are TITLE, ROLE, EMAIL, TEL and NOTE; the stakeholder group (customer, internal,
partner) is one of the CATEGORIES. Reading splits the file into cards first, so
one damaged card is reported by its number and the others still import.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import vobject

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts import SourceRecord, make_record, strip_controls
from reljournal.core.formats.csv_read import decode_csv
from reljournal.core.model import GROUP_CUSTOMER

VERSIONS: Final = ("3.0", "4.0")
PRODID: Final = "-//RelJournal//vCard export//EN"
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class VCardPerson:
    name: str
    account: str = ""
    group: str = GROUP_CUSTOMER
    title: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name."""
    given, _, family = name.rpartition(" ")
    return family, given


def person_to_vcard(person: VCardPerson, version: str = "3.0") -> str:
    """One person as a vCard (control characters other than line breaks left out)."""
    if version not in VERSIONS:
        raise ValidationError(f"vCard version {version} is not supported (3.0 or 4.0).")
    person = VCardPerson(*(strip_controls(v) for v in dataclasses.astuple(person)))
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    card.add("fn").value = person.name
    family, given = _split_name(person.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    work = "work" if version == "4.0" else "WORK"
    if person.account:
        card.add("org").value = [person.account]
    for prop, value in (("title", person.title), ("role", person.role), ("note", person.notes)):
        if value:
            card.add(prop).value = value
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = work if version == "4.0" else "INTERNET"
    if person.phone:
        tel = card.add("tel")
        tel.value = person.phone
        tel.type_param = work
    card.add("categories").value = [person.group]
    text: str = card.serialize()
    return text


def people_to_vcards(people: Iterable[VCardPerson], version: str = "3.0") -> str:
    """One vCard file (CRLF lines, folded at 75 octets) holding every person."""
    return "".join(person_to_vcard(p, version) for p in people)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if str(v).strip())
    return "" if value is None else str(value)


def _params(prop: Any) -> set[str]:
    found: set[str] = set()
    for key, values in prop.params.items():
        for value in values:
            found.update(v.strip().lower() for v in str(value).split(","))
        if key.upper() == "PREF":
            found.add("pref")
    return found


def _best(card: Any, name: str, prefer: tuple[str, ...]) -> str:
    props = card.contents.get(name, [])
    if not props:
        return ""
    ranked = sorted(
        props, key=lambda p: [w not in _params(p) for w in prefer]
    )  # stable: earlier cards first among equals
    value = _text(ranked[0].value).strip()
    return value[4:] if name == "tel" and value.lower().startswith("tel:") else value


def _first(card: Any, name: str) -> str:
    props = card.contents.get(name, [])
    return _text(props[0].value) if props else ""


def card_record(card: Any, number: int) -> SourceRecord:
    """One parsed vCard as the field values of a contact."""
    name = _first(card, "fn")
    if not name.strip() and "n" in card.contents:
        n = card.n.value
        name = " ".join(p for p in (_text(n.prefix), _text(n.given), _text(n.additional),
                                    _text(n.family), _text(n.suffix)) if p.strip())  # fmt: skip
    org = card.contents.get("org", [])
    account = ""
    if org:
        parts = org[0].value
        account = str(parts[0]) if isinstance(parts, list) and parts else _text(parts)
    values = {
        "name": name,
        "account": account,
        "title": _first(card, "title"),
        "role": _first(card, "role"),
        "notes": _first(card, "note"),
        "email": _best(card, "email", ("pref", "work", "internet")),
        "phone": _best(card, "tel", ("pref", "work", "cell", "voice")),
        "group": ", ".join(_text(c.value) for c in card.contents.get("categories", [])),
    }
    problem = ""
    if _first(card, "kind").strip().lower() in ("org", "group", "location"):
        problem = "the card describes an organisation or a group, not a person"
    return make_record(number, values, problem)


def parse_vcards(raw: bytes) -> list[SourceRecord]:
    """Every card in a vCard file as a record; a card that cannot be read becomes a
    record with a problem (and its number), not an error for the whole file."""
    text, _ = decode_csv(raw, what="vCard")
    starts = [m.start() for m in _BEGIN.finditer(text)]
    if not starts:
        raise ValidationError("This is not a vCard file: it holds no BEGIN:VCARD.")
    records: list[SourceRecord] = []
    for number, start in enumerate(starts, start=1):
        stop = starts[number] if number < len(starts) else len(text)
        chunk = text[start:stop]
        end = _END.search(chunk)
        if end is None:
            records.append(SourceRecord(number, {}, "the card is cut off (no END:VCARD)"))
            continue
        try:
            card = vobject.readOne(chunk[: end.end()], ignoreUnreadable=False)
        except (vobject.base.VObjectError, ValueError, LookupError) as exc:
            reason = str(exc).strip() or type(exc).__name__
            records.append(SourceRecord(number, {}, f"the card cannot be read ({reason[:120]})"))
            continue
        records.append(card_record(card, number))
    return records
