"""The rep's meetings in a window: recurring events expanded, the others counted.

``expand_meetings`` walks every occurrence whose start falls in the window (RRULE,
RDATE, EXDATE and RECURRENCE-ID overrides through ``recurring_ical_events``), and
sorts each one into a queued ``Occurrence`` or one of the skipped kinds, under the
first that applies: cancelled, all-day, declined by the rep, no other participant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Iterable
from typing import Any, Final

import icalendar
import recurring_ical_events
import x_wr_timezone

from reljournal.core.meetings.reading import CalendarFile
from reljournal.core.meetings.records import (
    ALL_DAY,
    ALONE,
    CANCELLED,
    DECLINED,
    CalendarFileError,
    Expansion,
    Occurrence,
    Participant,
    ShouldCancel,
    window_bounds,
)

_NON_PEOPLE: Final = frozenset({"ROOM", "RESOURCE"})
_RESOURCE_DOMAINS: Final = ("resource.calendar.google.com",)


class _FloatingWalker(x_wr_timezone.CalendarWalker):  # type: ignore[misc]
    """Gives floating times the calendar's X-WR-TIMEZONE (times in UTC stay UTC, as the
    rules say: x_wr_timezone.to_standard would move them into that zone too)."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.zone = zone

    def walk_value_datetime(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            return value.replace(tzinfo=self.zone)
        return value


def calendar_zone(calendar: icalendar.Calendar) -> dt.tzinfo | None:
    """The calendar's X-WR-TIMEZONE (Google, Apple) when it names a known zone."""
    name = str(calendar.get("X-WR-TIMEZONE", "") or "").strip()
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def address(value: Any) -> str:
    """The email address of an ORGANIZER/ATTENDEE (``mailto:`` in any case, or Apple's
    EMAIL parameter), lower case; "" when there is none."""
    text = str(value or "").strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    elif getattr(value, "params", None) and value.params.get("EMAIL"):
        text = str(value.params.get("EMAIL"))
    text = text.strip().strip("<>").lower()
    return text if "@" in text and " " not in text else ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _param(value: Any, name: str) -> str:
    params = getattr(value, "params", None) or {}
    return str(params.get(name, "") or "").strip().upper()


def _to_aware(value: dt.datetime) -> dt.datetime:
    # a floating time without X-WR-TIMEZONE: the machine's local time at that moment
    return value if value.tzinfo is not None else value.astimezone()


def _utc_key(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return _to_aware(value).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def _end(event: icalendar.Event, start: dt.datetime) -> dt.datetime:
    end = event.get("DTEND")
    if end is not None and isinstance(end.dt, dt.datetime):
        return _to_aware(end.dt)
    duration = event.get("DURATION")
    if duration is not None and isinstance(duration.dt, dt.timedelta):
        return start + duration.dt
    return start


def _participants(event: icalendar.Event, me: frozenset[str]) -> tuple[bool, list[Participant]]:
    """(whether the rep declined, the other participants: one per address, without
    rooms, resources and those who declined)."""
    declined = False
    seen: dict[str, Participant] = {}
    excluded: set[str] = set()
    organizer = event.get("ORGANIZER")
    lines = [(organizer, True)] if organizer is not None else []
    lines += [(a, False) for a in _as_list(event.get("ATTENDEE"))]
    for value, is_organizer in lines:
        email = address(value)
        if not email:
            continue
        status = _param(value, "PARTSTAT")
        if email in me:
            if not is_organizer and status == "DECLINED":
                declined = True
            continue
        if _param(value, "CUTYPE") in _NON_PEOPLE or email.endswith(_RESOURCE_DOMAINS):
            continue
        if status == "DECLINED":
            excluded.add(email)
            seen.pop(email, None)
            continue
        if email in excluded:
            continue
        name = str(getattr(value, "params", {}).get("CN", "") or "").strip()
        known = seen.get(email)
        if known is None:
            seen[email] = Participant(email, name, is_organizer)
        elif not known.name and name:
            seen[email] = Participant(email, name, known.organizer)
    return declined, list(seen.values())


def _window_query(
    calendar: icalendar.Calendar, since: dt.date, until: dt.date
) -> Iterable[icalendar.Event]:
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    # a day of margin either side: floating and far-off zones; filtered by start below
    return query.between(since - dt.timedelta(days=2), until + dt.timedelta(days=3))  # type: ignore[no-any-return]


def expand_meetings(
    source: CalendarFile,
    me: Iterable[str],
    since: dt.date,
    until: dt.date,
    *,
    should_cancel: ShouldCancel | None = None,
) -> Expansion:
    """The occurrences starting from ``since`` 00:00 to ``until`` 24:00 (the machine's
    local time; all-day events by their date), queued or counted as skipped."""
    me_set = frozenset(m.strip().lower() for m in me if m.strip())
    result = Expansion(since, until, uids=set(source.uids), events=source.events)
    calendar = source.calendar
    zone = calendar_zone(calendar)
    if zone is not None:
        calendar = _FloatingWalker(zone).walk(calendar)
    masters_cancelled: set[str] = set()
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "") or "").strip()
        if uid and component.get("RECURRENCE-ID") is None and _is_cancelled(component):
            masters_cancelled.add(uid)
    low, high = window_bounds(since, until)
    try:
        found = _window_query(calendar, since, until)
        for count, event in enumerate(found):
            if should_cancel is not None and count % 500 == 0 and should_cancel():
                from reljournal.core.errors import CancelledError

                raise CancelledError()
            _sort(event, result, me_set, masters_cancelled, low, high)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise CalendarFileError(
            f"an event's dates or repeat rule could not be read ({type(exc).__name__})"
        ) from None
    result.occurrences.sort(key=lambda o: (o.start.astimezone(dt.UTC), o.uid))
    return result


def _made_up_uid(event: icalendar.Component) -> str:
    """An event without UID (RFC 5545 requires one; hand-made files forget it) gets one
    from its start, title and organizer, the same on every import of the file."""
    parts = [str(event.get(name, "") or "") for name in ("SUMMARY", "ORGANIZER")]
    start = event.get("DTSTART")
    parts.append(start.to_ical().decode() if start is not None else "")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"no-uid-{digest}@reljournal.invalid"


def _is_cancelled(event: icalendar.Component) -> bool:
    return str(event.get("STATUS", "") or "").strip().upper() == "CANCELLED"


def _sort(
    event: icalendar.Event,
    result: Expansion,
    me: frozenset[str],
    masters_cancelled: set[str],
    low: dt.datetime,
    high: dt.datetime,
) -> None:
    start_prop = event.get("DTSTART")
    if start_prop is None:
        return
    raw = start_prop.dt
    uid = str(event.get("UID", "") or "").strip() or _made_up_uid(event)
    if isinstance(raw, dt.datetime):
        start = _to_aware(raw)
        if not low <= start < high:
            return
        all_day = False
    else:
        if not result.since <= raw <= result.until:
            return
        start = dt.datetime.combine(raw, dt.time()).astimezone()
        all_day = True
    if _is_cancelled(event) or uid in masters_cancelled:
        result.skipped[CANCELLED] += 1
        return
    if all_day:
        result.skipped[ALL_DAY] += 1
        return
    declined, participants = _participants(event, me)
    if declined:
        result.skipped[DECLINED] += 1
        return
    if not participants:
        result.skipped[ALONE] += 1
        return
    end = _end(event, start)
    minutes = max(0, int((end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds() // 60))
    rid = event.get("RECURRENCE-ID")
    result.occurrences.append(
        Occurrence(
            uid=uid,
            recurrence_id=_utc_key(rid.dt) if rid is not None else "",
            start=start,
            minutes=minutes,
            title=str(event.get("SUMMARY", "") or ""),
            participants=tuple(participants),
        )
    )
