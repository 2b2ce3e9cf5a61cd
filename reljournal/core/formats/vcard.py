"""vCard 3.0 and 4.0 (RFC 2426, RFC 6350) for stakeholders, through ``vobject``.

A person's account is the first part of ORG; title, role, email, phone and notes
are TITLE, ROLE, EMAIL, TEL and NOTE; the stakeholder group (customer, internal,
partner) is one of the CATEGORIES. Reading splits the file into cards first, so
one damaged card is reported by its number and the others still import.
"""

from __future__ import annotations

import codecs
import logging
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
    make_record,
    strip_controls,
)
from reljournal.core.formats.phones import phone_label, phone_point
from reljournal.core.formats.vcard_lines import clean_card, split_cards
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


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if str(v).strip())
    return "" if value is None else str(value)


def _params(prop: Any) -> list[str]:
    found: list[str] = []
    for key, values in prop.params.items():
        for value in values:
            found.extend(v.strip().lower() for v in str(value).split(",") if v.strip())
        if key.upper() == "PREF":
            found.append("pref")
    return found


def _first(card: Any, name: str) -> str:
    props = card.contents.get(name, [])
    return _text(props[0].value).strip() if props else ""


def _labels(card: Any, prop: Any) -> list[str]:
    """TYPE words of a property, and Apple's X-ABLabel of its group (``item1.``)."""
    words = _params(prop)
    if prop.group:
        for label in card.contents.get("x-ablabel", []):
            if label.group == prop.group:
                words.append(str(label.value).strip("_$!<>").lower())
    return words


def _email_label(words: list[str]) -> str:
    for label in ("work", "home", "other"):
        if label in words:
            return label
    return ""


def _address_text(value: Any) -> str:
    if isinstance(value, vobject.vcard.Address):
        parts = [_text(value.box), _text(value.extended), _text(value.street)]
        place = " ".join(p for p in (_text(value.code), _text(value.city)) if p.strip())
        lines = [*parts, place, _text(value.region), _text(value.country)]
        return "\n".join(p.strip() for p in lines if p.strip())
    return _text(value).strip()


def _points(card: Any) -> list[ContactPoint]:
    points: list[ContactPoint] = []
    for prop in card.contents.get("email", []):
        value = _text(prop.value).strip()
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if "@" not in value:
            continue  # not an address (Android writes names into EMAIL at times)
        words = _labels(card, prop)
        points.append(
            ContactPoint(EMAIL, value, _email_label(words), "pref" in words or "1" in words)
        )
    for prop in card.contents.get("tel", []):
        value = _text(prop.value).strip()
        if not value:
            continue
        words = _labels(card, prop)
        label = "sip" if value.lower().startswith("sip:") else phone_label(words)
        points.append(phone_point(value, label, "pref" in words or "1" in words))
    for prop in card.contents.get("adr", []):
        value = _address_text(prop.value)
        if value:
            words = _labels(card, prop)
            points.append(ContactPoint(ADDRESS, value, _email_label(words), "pref" in words))
    return points


def _not_person(card: Any, name: str, points: list[ContactPoint]) -> str:
    kind = (_first(card, "kind") or _first(card, "x-addressbookserver-kind")).lower()
    if kind == "group":
        return f"a group card ({name or 'no name'}), not a person"
    if kind in ("org", "location") or _first(card, "x-abshowas").upper() == "COMPANY":
        return f"an organisation card ({name or 'no name'}), not a person"
    if not name:
        first = next((p.value for p in points), "")
        return f"no name (only {first})" if first else "no name and nothing else to import"
    return ""


def card_record(card: Any, number: int) -> SourceRecord:
    """One parsed vCard as the field values and contact points of a contact."""
    name = _first(card, "fn")
    parts: dict[str, str] = {}
    if "n" in card.contents:
        n = card.n.value
        if isinstance(n, vobject.vcard.Name):
            parts = {
                "name_prefix": _text(n.prefix), "given_name": _text(n.given),
                "middle_name": _text(n.additional).replace(", ", " "),
                "family_name": _text(n.family), "name_suffix": _text(n.suffix),
            }  # fmt: skip
    if not name:
        name = " ".join(
            parts.get(k, "").strip()
            for k in ("name_prefix", "given_name", "middle_name", "family_name", "name_suffix")
            if parts.get(k, "").strip()
        )
    org = card.contents.get("org", [])
    account = department = ""
    if org:
        value = org[0].value
        components = value if isinstance(value, list) else [_text(value)]
        account = str(components[0]) if components else ""
        department = str(components[1]) if len(components) > 1 else ""
    notes = "\n\n".join(_text(p.value).strip() for p in card.contents.get("note", []))
    points = _points(card)
    values = {
        "name": name.strip(),
        "account": account,
        "department": department,
        "title": _first(card, "title"),
        "role": _first(card, "role"),
        "notes": notes,
        "group": ", ".join(_text(c.value) for c in card.contents.get("categories", [])),
        **parts,
    }
    return make_record(
        number, values, points=points, not_person=_not_person(card, name.strip(), points)
    )


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
    for raw_card in cards:
        if raw_card.problem:
            records.append(SourceRecord(raw_card.number, {}, raw_card.problem))
            continue
        clean_card(raw_card)
        if raw_card.problem:
            records.append(SourceRecord(raw_card.number, {}, raw_card.problem))
            continue
        try:
            card = vobject.readOne(raw_card.text, ignoreUnreadable=True)
        except (vobject.base.VObjectError, ValueError, LookupError, TypeError) as exc:
            reason = str(exc).strip() or type(exc).__name__
            log.info("vCard %d cannot be read: %s", raw_card.number, reason)
            records.append(
                SourceRecord(
                    raw_card.number,
                    {},
                    f"card {raw_card.number} (lines {raw_card.first_line}-{raw_card.last_line}) "
                    f"cannot be read: {reason[:120]}",
                )
            )
            continue
        records.append(card_record(card, raw_card.number))
    return records
