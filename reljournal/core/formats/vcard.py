"""vCard 2.1, 3.0 and 4.0 (vCard 2.1 spec, RFC 2426, RFC 6350) for stakeholders.

A person's account is the first part of ORG (the second is the department); title,
role and notes are TITLE, ROLE and NOTE; every EMAIL, TEL and ADR is kept, typed,
the preferred one marked; the name's parts come from N; the stakeholder group
(customer, internal, partner) is one of the CATEGORIES. Cards that describe an
organisation or a group, and cards with no name, are records that are not people.

Reading: ``vcard_lines`` splits the file into cards (one damaged card is reported by
its number and the lines of the file it spans; the others still import) and turns
each into clean vCard 3.0 properties — the text vobject reads, and the same
properties already split, which this module reads directly: vobject took 1.6 ms a
card, 16 s for the 10,000 cards the import must read in under 10 s. Writing goes
through ``vobject``, and the tests read what it wrote with vobject too.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import vobject

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts import (
    ADDRESS,
    EMAIL,
    PHONE,
    ContactPoint,
    SourceRecord,
    bulk_objects,
    make_record,
    strip_controls,
)
from reljournal.core.formats.phones import phone_label, phone_point
from reljournal.core.formats.vcard_lines import Prop, clean_card, split_cards, unescape_text
from reljournal.core.model import GROUP_CUSTOMER

log = logging.getLogger(__name__)

VERSIONS: Final = ("3.0", "4.0")
PRODID: Final = "-//RelJournal//vCard export//EN"


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
    # N's parts as the source gave them: prefix, given, middle, family, suffix
    name_parts: tuple[str, str, str, str, str] = ("", "", "", "", "")
    department: str = ""
    points: tuple[ContactPoint, ...] = ()


_TEL_TYPES: Final = {"mobile": "cell", "work": "work", "home": "home", "fax": "fax",
                     "pager": "pager", "main": "work", "assistant": "x-assistant"}  # fmt: skip


def _type_param(card: Any, prop: Any, words: list[str], version: str) -> None:
    words = [w for w in words if w]
    if version == "4.0":
        words = [w.lower() for w in words]
    else:
        words = [w.upper() for w in words]
    if words:
        prop.params["TYPE"] = words


def _all_points(person: VCardPerson) -> list[ContactPoint]:
    """The person's points; the single email and phone when there are none (older
    journals, or a person typed in by hand)."""
    points = [p for p in person.points if strip_controls(p.value).strip()]
    kinds = {p.kind for p in points}
    if person.email.strip() and EMAIL not in kinds:
        points.insert(0, ContactPoint(EMAIL, person.email, "work", True))
    if person.phone.strip() and PHONE not in kinds:
        points.append(ContactPoint(PHONE, person.phone, "work", True))
    return points


def person_to_vcard(person: VCardPerson, version: str = "3.0") -> str:
    """One person as a vCard (control characters other than line breaks left out):
    N from the name's parts as they were read (never rebuilt from FN), every email,
    phone and postal address typed, the preferred one marked."""
    if version not in VERSIONS:
        raise ValidationError(f"vCard version {version} is not supported (3.0 or 4.0).")
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    card.add("fn").value = strip_controls(person.name)
    prefix, given, middle, family, suffix = (strip_controls(p) for p in person.name_parts)
    card.add("n").value = vobject.vcard.Name(
        family=family, given=given, additional=middle, prefix=prefix, suffix=suffix
    )
    if person.account:
        org = [strip_controls(person.account)]
        if person.department:
            org.append(strip_controls(person.department))
        card.add("org").value = org
    for prop, value in (("title", person.title), ("role", person.role), ("note", person.notes)):
        if value:
            card.add(prop).value = strip_controls(value)
    for point in _all_points(person):
        value = strip_controls(point.value)
        if point.kind == EMAIL:
            prop = card.add("email")
            prop.value = value
            words = [point.label] if point.label in ("work", "home") else []
            if version == "3.0":
                words.insert(0, "internet")
        elif point.kind == PHONE:
            prop = card.add("tel")
            prop.value = value
            words = [_TEL_TYPES.get(point.label, "")] if point.label in _TEL_TYPES else []
            if point.label == "fax":
                words.insert(0, "work")
        else:
            prop = card.add("adr")
            lines = value.split("\n")
            prop.value = vobject.vcard.Address(street="\n".join(lines))
            words = [point.label] if point.label in ("work", "home") else []
        if point.preferred and version == "3.0":
            words.append("pref")
        _type_param(card, prop, words, version)
        if point.preferred and version == "4.0":
            prop.params["PREF"] = ["1"]
    card.add("categories").value = [person.group]
    text: str = card.serialize()
    return text


def people_to_vcards(people: Iterable[VCardPerson], version: str = "3.0") -> str:
    """One vCard file (CRLF lines, folded at 75 octets) holding every person."""
    return "".join(person_to_vcard(p, version) for p in people)


class _Card:
    """A cleaned card's properties by name (upper case), in file order."""

    def __init__(self, props: list[Prop]) -> None:
        self.by_name: dict[str, list[Prop]] = {}
        for prop in props:
            self.by_name.setdefault(prop.name, []).append(prop)

    def all(self, name: str) -> list[Prop]:
        return self.by_name.get(name, [])

    def first(self, name: str) -> str:
        props = self.by_name.get(name)
        return props[0].value().strip() if props else ""

    def words(self, prop: Prop) -> list[str]:
        """TYPE words of a property, and Apple's X-ABLabel of its group (``item1.``)."""
        words = prop.words()
        if prop.group:
            for label in self.all("X-ABLABEL"):
                if label.group == prop.group:
                    words.append(label.value().strip("_$!<>").lower())
        return words


def _email_label(words: list[str]) -> str:
    for label in ("work", "home", "other"):
        if label in words:
            return label
    return ""


def _address_text(prop: Prop) -> str:
    parts = [p.strip() for p in prop.components()] + [""] * 7
    box, extended, street, city, region, code, country = parts[:7]
    place = " ".join(p for p in (code, city) if p)
    return "\n".join(p for p in (box, extended, street, place, region, country) if p)


def _preferred(words: list[str], prop: Prop) -> bool:
    return "pref" in words or "1" in prop.params.get("PREF", ())


def _points(card: _Card) -> list[ContactPoint]:
    points: list[ContactPoint] = []
    for prop in card.all("EMAIL"):
        value = prop.value().strip()
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if "@" not in value:
            continue  # not an address (Android writes names into EMAIL at times)
        words = card.words(prop)
        points.append(ContactPoint(EMAIL, value, _email_label(words), _preferred(words, prop)))
    for prop in card.all("TEL"):
        value = prop.value().strip()
        if not value:
            continue
        words = card.words(prop)
        label = "sip" if value.lower().startswith("sip:") else phone_label(words)
        points.append(phone_point(value, label, _preferred(words, prop)))
    for prop in card.all("ADR"):
        value = _address_text(prop)
        if value:
            words = card.words(prop)
            points.append(
                ContactPoint(ADDRESS, value, _email_label(words), _preferred(words, prop))
            )
    return points


def _not_person(card: _Card, name: str, points: list[ContactPoint]) -> str:
    kind = (card.first("KIND") or card.first("X-ADDRESSBOOKSERVER-KIND")).lower()
    if kind == "group":
        return f"a group card ({name or 'no name'}), not a person"
    if kind in ("org", "location") or card.first("X-ABSHOWAS").upper() == "COMPANY":
        return f"an organisation card ({name or 'no name'}), not a person"
    if not name:
        first = next((p.value for p in points), "")
        return f"no name (only {first})" if first else "no name and nothing else to import"
    return ""


def _categories(card: _Card) -> str:
    words: list[str] = []
    for prop in card.all("CATEGORIES"):
        words.extend(unescape_text(w).strip() for w in re.split(r"(?<!\\),", prop.text))
    return ", ".join(w for w in words if w)


def card_record(props: list[Prop], number: int) -> SourceRecord:
    """One cleaned card as the field values and contact points of a contact."""
    card = _Card(props)
    name = card.first("FN")
    parts: dict[str, str] = {}
    if card.all("N"):
        n = [p.strip() for p in card.all("N")[0].components()] + [""] * 5
        family, given, middle, prefix, suffix = n[:5]
        parts = {"name_prefix": prefix, "given_name": given, "middle_name": middle,
                 "family_name": family, "name_suffix": suffix}  # fmt: skip
    if not name:
        name = " ".join(
            parts[k]
            for k in ("name_prefix", "given_name", "middle_name", "family_name", "name_suffix")
            if parts.get(k)
        )
    account = department = ""
    if card.all("ORG"):
        components = card.all("ORG")[0].components()
        account = components[0]
        department = components[1] if len(components) > 1 else ""
    notes = "\n\n".join(p.value().strip() for p in card.all("NOTE"))
    points = _points(card)
    values = {
        "name": name.strip(),
        "account": account,
        "department": department,
        "title": card.first("TITLE"),
        "role": card.first("ROLE"),
        "notes": notes,
        "group": _categories(card),
        **parts,
    }
    not_person = _not_person(card, name.strip(), points)
    return make_record(number, values, points=points, not_person=not_person)


def _looks_like_text(raw: bytes) -> str:
    """Why ``raw`` is not a vCard file at all, or ""."""
    for magic, what in ((b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"),
                        (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (such as .xlsx)"),
                        (b"%PDF", "a PDF document")):  # fmt: skip
        if raw.startswith(magic):
            return f"not a vCard: binary data ({what})"
    if b"\x00" in raw[:4096]:
        return "not a vCard: binary data"
    return ""


def parse_vcards(raw: bytes) -> list[SourceRecord]:
    """Every card in a vCard file (2.1, 3.0 or 4.0) as a record; a card that cannot be
    read becomes a record with a problem naming the lines of the file, not an error
    for the whole file."""
    if not raw.strip():
        raise ValidationError("the file is empty (0 bytes)" if not raw else "the file is empty")
    binary = _looks_like_text(raw)
    if binary:
        raise ValidationError(binary)
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        raw = raw.decode("utf-16").encode("utf-8")
    raw = raw.removeprefix(codecs.BOM_UTF8)
    cards = split_cards(raw)
    if not cards:
        raise ValidationError("not a vCard: the file holds no BEGIN:VCARD line")
    records: list[SourceRecord] = []
    with bulk_objects():
        _read_cards(cards, records)
    return records


def _read_cards(cards: list[Any], records: list[SourceRecord]) -> None:
    for raw_card in cards:
        if raw_card.problem:
            records.append(SourceRecord(raw_card.number, {}, raw_card.problem))
            continue
        clean_card(raw_card)
        if raw_card.problem:
            records.append(SourceRecord(raw_card.number, {}, raw_card.problem))
            continue
        records.append(card_record(raw_card.props, raw_card.number))
