"""How the UI words the domain's codes and dates (translatable, locale-aware)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from reljournal.core.model import (
    LABEL_RELATIONAL,
    LABEL_TRANSACTIONAL,
    OWNER_ME,
    STATE_DONE,
    STATE_DROPPED,
)

_CONTEXT = "Wording"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def label_text(label: str) -> str:
    if label == LABEL_RELATIONAL:
        return _tr("Relational")
    if label == LABEL_TRANSACTIONAL:
        return _tr("Transactional")
    return _tr("Undetermined")


def kind_text(kind: str) -> str:
    return {
        "meeting": _tr("Meeting"),
        "call": _tr("Call"),
        "email": _tr("Email"),
        "visit": _tr("Visit"),
        "note": _tr("Note"),
    }.get(kind, kind)


def owner_text(owner: str) -> str:
    return _tr("Me") if owner == OWNER_ME else _tr("Them")


def state_text(state: str) -> str:
    if state == STATE_DONE:
        return _tr("Done")
    if state == STATE_DROPPED:
        return _tr("Dropped")
    return _tr("Open")


def group_text(group: str) -> str:
    return {
        "customer": _tr("Customer"),
        "internal": _tr("Internal team"),
        "partner": _tr("Partner"),
    }.get(group, group)


def stage_text(stage: str) -> str:
    return {
        "dependent": _tr("Dependent"),
        "independent": _tr("Independent"),
        "interdependent": _tr("Interdependent"),
    }.get(stage, stage)


def health_area_text(area: str) -> str:
    return {
        "trust": _tr("Trust"),
        "respect": _tr("Respect"),
        "value": _tr("Value"),
        "conversations": _tr("Meaningful conversations"),
        "conflict": _tr("Result-oriented conflict"),
        "accountability": _tr("Accountability"),
    }.get(area, area)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: dt.date | None, today: dt.date | None = None) -> str:
    """A short date: "12 Mar" this year, "12 Mar 2024" otherwise, in the locale's order."""
    if day is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.isoformat()
    this_year = (today or dt.date.today()).year
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    month_first = pattern.lower().find("m") < pattern.lower().find("d")
    fmt = "MMM d" if month_first else "d MMM"
    if day.year != this_year:
        fmt += " yyyy"
    return locale.toString(_qdate(day), fmt)


def format_due(day: dt.date, today: dt.date) -> str:
    """A due date with its weekday when near: "Fri 14 Mar"."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{day:%a} {day.isoformat()}"
    return f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} " + format_date(
        day, today
    )


def format_moment(moment: dt.datetime, today: dt.date | None = None) -> str:
    """An entry's date and time: "12 Mar 14:30"."""
    locale = QLocale()
    time_text = locale.toString(
        QTime(moment.hour, moment.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    if locale.language() == QLocale.Language.C:
        time_text = f"{moment:%H:%M}"
    return f"{format_date(moment.date(), today)} {time_text}"


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(_qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


# --- widths from what is really shown (issue 19) --------------------------------------
def _sample_days(today: dt.date) -> list[dt.date]:
    """A day in every month and on every weekday, this year and another one: the dates
    whose text is widest in any locale's formats."""
    days = [dt.date(today.year, month, 28) for month in range(1, 13)]
    days += [dt.date(today.year - 1, month, 28) for month in range(1, 13)]
    days += [today + dt.timedelta(days=n) for n in range(7)]
    return days


def date_samples(today: dt.date) -> list[str]:
    """Texts ``format_date`` gives, to size a date column from (not from a guess)."""
    return [format_date(day, today) for day in _sample_days(today)]


def due_samples(today: dt.date) -> list[str]:
    """Texts ``format_due`` gives, to size a due-date column or label from."""
    return [format_due(day, today) for day in _sample_days(today)]


def moment_samples(today: dt.date) -> list[str]:
    """Texts ``format_moment`` gives (a date and a time), to size a column from."""
    return [
        format_moment(dt.datetime.combine(d, dt.time(23, 59)), today) for d in _sample_days(today)
    ]


def format_due_soon(day: dt.date, today: dt.date) -> str:
    """A due date as short as it can be: the weekday within the coming week, else the
    date ("Fri", "28 Sept"), for a narrow column."""
    if 0 <= (day - today).days < 7:
        locale = QLocale()
        if locale.language() == QLocale.Language.C:
            return f"{day:%a}"
        return locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return format_date(day, today)
