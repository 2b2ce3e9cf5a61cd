"""The brief's words in the user's language and dates in the user's locale format."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from reljournal.core.brief.words import BriefWords

_CONTEXT = "BriefWords"


def locale_date_format(locale: QLocale | None = None) -> Callable[[dt.date], str]:
    """The locale's short date format, with a four-digit year (23/11/2026, 11/23/2026…)."""
    loc = locale or QLocale()
    if loc.language() == QLocale.Language.C:  # no locale chosen: ISO 8601, not Qt's "d MM yyyy"
        return dt.date.isoformat
    pattern = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")

    def format_date(day: dt.date) -> str:
        return loc.toString(QDate(day.year, day.month, day.day), pattern)

    return format_date


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text) if text else text


def _tr_map(values: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in values.items():
        if isinstance(value, tuple):
            out[key] = tuple(_tr(v) for v in value)
        else:
            out[key] = _tr(str(value))
    return out


def translated_words(locale: QLocale | None = None) -> BriefWords:
    """``BriefWords`` with every phrase passed through Qt's translator (context
    ``BriefWords``) and dates in the locale's format."""
    base = BriefWords()
    changes: dict[str, object] = {}
    for f in dataclasses.fields(base):
        value = getattr(base, f.name)
        if isinstance(value, str):
            changes[f.name] = _tr(value)
        elif isinstance(value, Mapping):
            changes[f.name] = _tr_map(value)
    changes["format_date"] = locale_date_format(locale)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]
