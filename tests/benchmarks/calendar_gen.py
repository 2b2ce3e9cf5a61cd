"""A synthetic Google-style calendar export for the meetings benchmark (issue 14):
``events`` VEVENTs over ``years`` years, ``series`` of them weekly recurring series in
America/New_York (with an EXDATE and an override each), the others single meetings
in UTC with a customer, a colleague and a room."""

from __future__ import annotations

import datetime as dt
import random

VTIMEZONE = """BEGIN:VTIMEZONE\r
TZID:America/New_York\r
X-LIC-LOCATION:America/New_York\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
TZNAME:EDT\r
DTSTART:19700308T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
END:STANDARD\r
END:VTIMEZONE\r
"""


def five_year_calendar(
    events: int = 20_000,
    series: int = 300,
    years: int = 5,
    seed: int = 14,
    first: dt.date = dt.date(2021, 1, 4),
) -> bytes:
    rng = random.Random(seed)
    out = [
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
        "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:sam.taylor@tandem-medical.example\r\n"
        "X-WR-TIMEZONE:America/New_York\r\n",
        VTIMEZONE,
    ]
    days = years * 365
    me = "sam.taylor@tandem-medical.example"
    for i in range(series):
        start = first + dt.timedelta(days=rng.randrange(days - 60))
        hour = rng.randrange(8, 17)
        weeks = rng.randrange(8, 80)
        stamp = f"{start:%Y%m%d}T{hour:02d}0000"
        skip = start + dt.timedelta(weeks=2)
        moved = start + dt.timedelta(weeks=3)
        body = (
            f"DTSTART;TZID=America/New_York:{stamp}\r\n"
            f"DTEND;TZID=America/New_York:{start:%Y%m%d}T{hour:02d}3000\r\n"
            f"DTSTAMP:20250101T000000Z\r\nORGANIZER;CN=Sam Taylor:mailto:{me}\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Customer {i}:"
            f"mailto:buyer{i}@customer{i % 97}.example\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Taylor:"
            f"mailto:{me}\r\nSUMMARY:Weekly call {i}\r\nSTATUS:CONFIRMED\r\n"
        )
        out.append(
            f"BEGIN:VEVENT\r\n{body}RRULE:FREQ=WEEKLY;COUNT={weeks}\r\n"
            f"EXDATE;TZID=America/New_York:{skip:%Y%m%d}T{hour:02d}0000\r\n"
            f"UID:series-{i}@google.com\r\nSEQUENCE:0\r\nEND:VEVENT\r\n"
        )
        out.append(
            "BEGIN:VEVENT\r\n"
            + body.replace(stamp, f"{moved:%Y%m%d}T{hour:02d}0000", 1).replace(
                f"DTSTART;TZID=America/New_York:{moved:%Y%m%d}T{hour:02d}0000",
                f"DTSTART;TZID=America/New_York:{moved:%Y%m%d}T{(hour + 1) % 24:02d}0000",
            )
            + f"RECURRENCE-ID;TZID=America/New_York:{moved:%Y%m%d}T{hour:02d}0000\r\n"
            f"UID:series-{i}@google.com\r\nSEQUENCE:1\r\nEND:VEVENT\r\n"
        )
    for i in range(events - 2 * series):
        day = first + dt.timedelta(days=rng.randrange(days))
        hour = rng.randrange(13, 22)
        length = rng.choice((30, 45, 60, 90))
        start = dt.datetime.combine(day, dt.time(hour))
        end = start + dt.timedelta(minutes=length)
        out.append(
            f"BEGIN:VEVENT\r\nDTSTART:{start:%Y%m%dT%H%M%S}Z\r\nDTEND:{end:%Y%m%dT%H%M%S}Z\r\n"
            f"DTSTAMP:20250101T000000Z\r\nORGANIZER;CN=Sam Taylor:mailto:{me}\r\n"
            f"UID:single-{i}@google.com\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Contact {i}:"
            f"mailto:contact{i}@customer{i % 211}.example\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Lee Park:"
            f"mailto:lee.park@tandem-medical.example\r\n"
            f"ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 2:"
            f"mailto:c_1888@resource.calendar.google.com\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Taylor:"
            f"mailto:{me}\r\nSUMMARY:Meeting {i} with customer {i % 211}\r\n"
            "DESCRIPTION:Agenda: pricing\\, terms\\; next steps\\nSee you there.\r\n"
            "LOCATION:Main office\\, room 2\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"
        )
    out.append("END:VCALENDAR\r\n")
    return "".join(out).encode("utf-8")
