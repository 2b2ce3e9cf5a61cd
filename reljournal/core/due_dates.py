"""Due dates as a rep types them: "tomorrow", "next week", "+3d", "fri", "2025-03-14".

Pure functions: ``today`` is always passed in. The forms understood (case and
surrounding spaces aside):

- ``today``, ``tomorrow`` (``tmr``, ``tmrw``);
- ``+3d``, ``3d``, ``+2w``, ``+1m``, ``in 3 days``, ``in 2 weeks``, ``in a month``;
- ``next week`` (Monday of next week; typed on a Sunday, the Monday after tomorrow), ``next month`` (the 1st of next month),
  ``eow`` / ``end of week`` (this week's Friday, or next week's once it has passed),
  ``eom`` / ``end of month`` (the last day of this month);
- a weekday, ``fri``, ``friday``, ``next fri``: the next such day after today;
- ``14 mar``, ``mar 14``, ``14 march``: the next such date from today on;
- an ISO date, ``2025-03-14``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

from reljournal.core.errors import ValidationError

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)

_OFFSET = re.compile(r"^(?:\+|in\s+)?(\d{1,4}|an?)\s*(d|days?|w|wks?|weeks?|m|mo|months?)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*([a-z]{3,9})\.?$")
_MONTH_DAY = re.compile(r"^([a-z]{3,9})\.?\s*(\d{1,2})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DueDateError(ValidationError):
    """The text is not a due date this module understands."""

    def __init__(self, text: str) -> None:
        super().__init__(
            f'"{text}" is not a date RelJournal understands; try "tomorrow", "next week", '
            '"+3d", "fri" or 2025-03-14.'
        )
        self.text = text


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    for index, prefix in enumerate(WEEKDAYS):
        full = calendar.day_name[index].lower()
        if word.startswith(prefix) and full.startswith(word.rstrip(".")):
            return index
    if word in ("tues", "thur", "thurs", "weds"):
        return {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}[word]
    return None


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, prefix in enumerate(MONTHS):
        full = calendar.month_name[index + 1].lower()
        if word.startswith(prefix) and (full.startswith(word) or word == "sept"):
            return index + 1
    return None


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=ahead)


def _next_day_month(today: dt.date, day: int, month: int, text: str) -> dt.date:
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DueDateError(text)


def _offset(today: dt.date, amount: int, unit: str) -> dt.date:
    if unit.startswith("d"):
        return today + dt.timedelta(days=amount)
    if unit.startswith("w"):
        return today + dt.timedelta(weeks=amount)
    return add_months(today, amount)


def _next_week(today: dt.date) -> dt.date:
    """Monday of next week; on a Sunday not tomorrow (the week many reps count from
    Sunday has only begun) but the Monday after."""
    days = 7 - today.weekday()
    return today + dt.timedelta(days=days + 7 if days == 1 else days)


def parse_due(text: str, today: dt.date) -> dt.date | None:
    """The date ``text`` names, relative to ``today``; ``None`` for empty text.

    Raises :class:`DueDateError` when the text is not a date form listed above.
    """
    words = " ".join(text.strip().lower().split())
    if not words:
        return None
    fixed = {
        "today": today,
        "tod": today,
        "tomorrow": today + dt.timedelta(days=1),
        "tmr": today + dt.timedelta(days=1),
        "tmrw": today + dt.timedelta(days=1),
        "next week": _next_week(today),
        "next month": add_months(today.replace(day=1), 1),
        "eom": add_months(today.replace(day=1), 1) - dt.timedelta(days=1),
        "end of month": add_months(today.replace(day=1), 1) - dt.timedelta(days=1),
    }
    if words in fixed:
        return fixed[words]
    if words in ("eow", "end of week"):
        return today + dt.timedelta(days=(4 - today.weekday()) % 7)
    if match := _OFFSET.match(words):
        amount_text, unit = match.groups()
        amount = 1 if amount_text in ("a", "an") else int(amount_text)
        return _offset(today, amount, unit)
    if _ISO.match(words):
        try:
            return dt.date.fromisoformat(words)
        except ValueError as exc:
            raise DueDateError(text) from exc
    bare = words.removeprefix("next ").removeprefix("on ").removeprefix("by ")
    weekday = _weekday(bare)
    if weekday is not None:
        return _next_weekday(today, weekday)
    if match := _DAY_MONTH.match(bare):
        month = _month(match.group(2))
        if month is not None:
            return _next_day_month(today, int(match.group(1)), month, text)
    if match := _MONTH_DAY.match(bare):
        month = _month(match.group(1))
        if month is not None:
            return _next_day_month(today, int(match.group(2)), month, text)
    raise DueDateError(text)
