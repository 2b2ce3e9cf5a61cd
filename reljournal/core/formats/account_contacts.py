"""An account's phones and postal addresses as the rep reads and types them (issue 13):
account files (Salesforce, HubSpot, Pipedrive, Zoho companies) bring them in as the
account's contact points; the account's editor shows them as text.

Phones: one a line, the label before a colon where there is one ("Fax: +44 20 7946 0999").
Addresses: separated by an empty line, the label alone on the first line where there is
one ("Billing:"). The first of each is the preferred one. ``parse_account_points`` reads
that text back; ``format_phones``/``format_addresses`` write it; the two round-trip.
"""

from __future__ import annotations

from collections.abc import Iterable

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts import ADDRESS, PHONE, ContactPoint, clean_value
from reljournal.core.formats.interchange import MAX_SHORT

MAX_POINTS = 50  # phones or addresses an account can have


def _label_text(label: str) -> str:
    return label[:1].upper() + label[1:]


def format_phones(points: Iterable[ContactPoint]) -> str:
    return "\n".join(
        f"{_label_text(p.label)}: {p.value}" if p.label else p.value
        for p in points
        if p.kind == PHONE
    )


def format_addresses(points: Iterable[ContactPoint]) -> str:
    blocks = []
    for p in points:
        if p.kind == ADDRESS:
            lines = "\n".join(line.strip() for line in p.value.splitlines() if line.strip())
            blocks.append(f"{_label_text(p.label)}:\n{lines}" if p.label else lines)
    return "\n\n".join(blocks)


def contact_line(points: Iterable[ContactPoint]) -> str:
    """The account's phones and addresses on one line, for its header."""
    parts = []
    for p in points:
        value = ", ".join(line.strip() for line in p.value.splitlines() if line.strip())
        parts.append(f"{_label_text(p.label)} {value}" if p.label else value)
    return " · ".join(parts)


def _split_label(line: str) -> tuple[str, str]:
    """("fax", "+44 …") from "Fax: +44 …"; a colon after digits is part of the value."""
    head, colon, rest = line.partition(":")
    if colon and head.strip() and not any(c.isdigit() for c in head) and len(head) <= 30:
        return head.strip().lower(), rest.strip()
    return "", line.strip()


def parse_account_points(phones: str, addresses: str) -> list[ContactPoint]:
    """The points the editor's text describes, the first of each kind preferred;
    ``ValidationError`` names a line that is not a phone number or is too long."""
    from reljournal.core.formats.phones import phone_point

    points: list[ContactPoint] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(phones.splitlines(), start=1):
        if not line.strip():
            continue
        label, value = _split_label(clean_value(line))
        if not any(c.isdigit() for c in value):
            raise ValidationError(f'Phone line {number}: "{value}" is not a phone number.')
        if len(value) > MAX_SHORT:
            raise ValidationError(f"Phone line {number} is too long (at most {MAX_SHORT}).")
        point = phone_point(value, label, preferred=not any(p.kind == PHONE for p in points))
        if (PHONE, point.key()) not in seen:
            seen.add((PHONE, point.key()))
            points.append(point)
    blocks = [b for b in addresses.replace("\r\n", "\n").split("\n\n") if b.strip()]
    for number, block in enumerate(blocks, start=1):
        lines = [clean_value(line) for line in block.splitlines() if line.strip()]
        label = ""
        if len(lines) > 1 and lines[0].endswith(":") and len(lines[0]) <= 31:
            label = lines.pop(0)[:-1].strip().lower()
        value = "\n".join(lines)
        if len(value) > MAX_SHORT:
            raise ValidationError(f"Address {number} is too long (at most {MAX_SHORT}).")
        point = ContactPoint(ADDRESS, value, label, not any(p.kind == ADDRESS for p in points))
        if (ADDRESS, point.key()) not in seen:
            seen.add((ADDRESS, point.key()))
            points.append(point)
    if sum(1 for p in points if p.kind == PHONE) > MAX_POINTS or (
        sum(1 for p in points if p.kind == ADDRESS) > MAX_POINTS
    ):
        raise ValidationError(f"An account can have at most {MAX_POINTS} phones and addresses.")
    return points
