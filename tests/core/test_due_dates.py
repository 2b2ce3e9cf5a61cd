"""Due-date shortcuts typed in the quick entry's commitment lines."""

from __future__ import annotations

import datetime as dt

import pytest

from reljournal.core.due_dates import DueDateError, add_months, parse_due

WED = dt.date(2025, 3, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("today", WED),
        ("Tomorrow", dt.date(2025, 3, 13)),
        ("tmrw", dt.date(2025, 3, 13)),
        ("next week", dt.date(2025, 3, 17)),
        ("next month", dt.date(2025, 4, 1)),
        ("eom", dt.date(2025, 3, 31)),
        ("end of week", dt.date(2025, 3, 14)),
        ("+3d", dt.date(2025, 3, 15)),
        ("3d", dt.date(2025, 3, 15)),
        ("+2w", dt.date(2025, 3, 26)),
        ("+1m", dt.date(2025, 4, 12)),
        ("in 10 days", dt.date(2025, 3, 22)),
        ("in a week", dt.date(2025, 3, 19)),
        ("in 2 months", dt.date(2025, 5, 12)),
        ("fri", dt.date(2025, 3, 14)),
        ("Friday", dt.date(2025, 3, 14)),
        ("next fri", dt.date(2025, 3, 14)),
        ("by monday", dt.date(2025, 3, 17)),
        ("wed", dt.date(2025, 3, 19)),  # today's weekday means next week
        ("thurs", dt.date(2025, 3, 13)),
        ("14 mar", dt.date(2025, 3, 14)),
        ("mar 14", dt.date(2025, 3, 14)),
        ("1 March", dt.date(2026, 3, 1)),  # already past this year
        ("12 mar", WED),
        ("sept 3", dt.date(2025, 9, 3)),
        ("2025-03-14", dt.date(2025, 3, 14)),
    ],
)
def test_parse_due_forms(text: str, expected: dt.date | None) -> None:
    assert parse_due(text, WED) == expected


@pytest.mark.parametrize(
    "text", ["soon", "2025-02-30", "+d", "31 feb", "frogday", "fr", "13/03/2025", "in x days"]
)
def test_parse_due_rejects_with_a_hint(text: str) -> None:
    with pytest.raises(DueDateError) as info:
        parse_due(text, WED)
    assert "tomorrow" in info.value.message
    assert info.value.text == text


def test_end_of_week_on_a_saturday_is_next_friday() -> None:
    assert parse_due("eow", dt.date(2025, 3, 15)) == dt.date(2025, 3, 21)


def test_add_months_clamps_to_shorter_months() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 12, 15), 2) == dt.date(2025, 2, 15)
    assert add_months(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)


def test_next_month_in_december_rolls_the_year() -> None:
    assert parse_due("next month", dt.date(2025, 12, 5)) == dt.date(2026, 1, 1)
    assert parse_due("eom", dt.date(2025, 12, 5)) == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 6), dt.date(2026, 12, 14)),  # Sunday: not tomorrow
        (dt.date(2026, 12, 5), dt.date(2026, 12, 7)),  # Saturday: the coming Monday
        (dt.date(2026, 12, 7), dt.date(2026, 12, 14)),  # Monday: a week on
        (dt.date(2026, 12, 11), dt.date(2026, 12, 14)),  # Friday
    ],
)
def test_next_week_is_never_tomorrow(today: dt.date, expected: dt.date) -> None:
    assert parse_due("next week", today) == expected
    assert parse_due("next week", today) - today >= dt.timedelta(days=2)
