"""An account's phones and addresses as text in its editor (issue 13): read back to the
same points, labels kept, the first of each kind preferred, bad lines named."""

from __future__ import annotations

import pytest

from reljournal.core.errors import ValidationError
from reljournal.core.formats.account_contacts import (
    contact_line,
    format_addresses,
    format_phones,
    parse_account_points,
)
from reljournal.core.formats.contacts import ADDRESS, PHONE, ContactPoint

POINTS = [
    ContactPoint(PHONE, "+44 20 7946 0400", "main", True, "+442079460400"),
    ContactPoint(PHONE, "+44 20 7946 0999", "fax", False, "+442079460999"),
    ContactPoint(PHONE, "020 7946 0401", "", False, ""),
    ContactPoint(ADDRESS, "1 Canada Square\nLevel 12\nLondon E14 5AB", "billing", True),
    ContactPoint(ADDRESS, "Dock 4, Tilbury", "", False),
]


def test_the_editor_text_reads_back_to_the_same_points() -> None:
    phones, addresses = format_phones(POINTS), format_addresses(POINTS)
    assert phones == "Main: +44 20 7946 0400\nFax: +44 20 7946 0999\n020 7946 0401"
    assert addresses == "Billing:\n1 Canada Square\nLevel 12\nLondon E14 5AB\n\nDock 4, Tilbury"
    assert parse_account_points(phones, addresses) == POINTS


def test_typed_text_is_cleaned_and_the_first_of_a_kind_is_preferred() -> None:
    points = parse_account_points(
        "  \n+33 1 55 55 00 01\nMobile : +33 6 12 34 56 78\n+33 1 55 55 00 01\n",
        "\n\n12 rue de la Paix\n75002 Paris\n\n\nWarehouse:\nZone B\n",
    )
    assert [(p.kind, p.label, p.value, p.preferred) for p in points] == [
        (PHONE, "", "+33 1 55 55 00 01", True),
        (PHONE, "mobile", "+33 6 12 34 56 78", False),
        (ADDRESS, "", "12 rue de la Paix\n75002 Paris", True),
        (ADDRESS, "warehouse", "Zone B", False),
    ]
    assert points[1].normalized == "+33612345678"
    assert parse_account_points("", "") == []


def test_a_time_is_not_a_label_and_a_line_without_digits_is_refused() -> None:
    (point,) = parse_account_points("+1 212 555 0100 ext: 12", "")
    assert point.label == "" and point.value == "+1 212 555 0100 ext: 12"
    with pytest.raises(ValidationError, match='Phone line 2: "call reception" is not a phone'):
        parse_account_points("+1 212 555 0100\ncall reception", "")


def test_the_header_line() -> None:
    assert contact_line(POINTS[:1] + POINTS[3:4]) == (
        "Main +44 20 7946 0400 · Billing 1 Canada Square, Level 12, London E14 5AB"
    )
