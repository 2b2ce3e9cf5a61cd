"""Write accounts and contacts as CSV that spreadsheets open safely and RelJournal reads back.

The files are UTF-8 with a BOM (so Excel reads accents and other scripts right),
comma-separated with CRLF line ends (RFC 4180), and every cell goes through
``escape_cell``: a cell that a spreadsheet would run as a formula (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading single
quote. The headers are ones ``crm_columns`` maps back to the same fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final

from reljournal.core.formats.contacts import (
    ADDRESS,
    EMAIL,
    PHONE,
    AccountRecord,
    PersonRecord,
    strip_controls,
)
from reljournal.core.formats.csv_read import escape_cell

ACCOUNT_HEADERS: Final = ("Account Name", "Industry", "Website", "Description")
CONTACT_HEADERS: Final = (
    "Name",
    "Account Name",
    "Group",
    "Title",
    "Role",
    "Email",
    "Phone",
    "Notes",
)
ENCODING: Final = "utf-8-sig"


def write_csv(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """CSV text (CRLF lines) with every cell formula-escaped (and without control
    characters other than tab and line breaks, so the file always reads back)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in headers])
    for row in rows:
        writer.writerow([escape_cell(strip_controls(cell)) for cell in row])
    return out.getvalue()


def accounts_csv(accounts: Iterable[AccountRecord]) -> str:
    return write_csv(ACCOUNT_HEADERS, ((a.name, a.industry, a.website, a.notes) for a in accounts))


def _numbered(kind: str, title: str, people: list[tuple[PersonRecord, str]]) -> int:
    return max((sum(1 for q in p.points if q.kind == kind) for p, _ in people), default=0)


def contacts_csv(people: Iterable[tuple[PersonRecord, str]]) -> str:
    """``people`` as (person, account name) pairs; team members have no account.

    "Email" and "Phone" hold the preferred ones (any spreadsheet mapping reads them);
    every email, phone and postal address follows in numbered columns as Google
    Contacts writes them ("E-mail 1 - Label", "E-mail 1 - Value"…), the preferred one
    first with its label starred ("* work"), so the file reads back with nothing lost.
    """
    rows_in = list(people)
    counts = {kind: _numbered(kind, title, rows_in) for kind, title in _POINT_COLUMNS}
    headers = list(CONTACT_HEADERS) + list(CONTACT_EXTRA_HEADERS)
    for kind, title in _POINT_COLUMNS:
        for n in range(1, counts[kind] + 1):
            headers += [f"{title} {n} - Label", f"{title} {n} - {_VALUE[kind]}"]

    def row(p: PersonRecord, account: str) -> list[str]:
        cells = [p.name, account, p.group, p.title, p.role, p.email, p.phone, p.notes,
                 p.name_prefix, p.given_name, p.middle_name, p.family_name, p.name_suffix,
                 p.department]  # fmt: skip
        for kind, _ in _POINT_COLUMNS:
            points = sorted((q for q in p.points if q.kind == kind), key=lambda q: not q.preferred)
            for n in range(counts[kind]):
                if n < len(points):
                    q = points[n]
                    label = q.label or "other"
                    cells += [f"* {label}" if q.preferred else label, q.value]
                else:
                    cells += ["", ""]
        return cells

    return write_csv(headers, (row(p, account) for p, account in rows_in))


CONTACT_EXTRA_HEADERS: Final = (
    "Name Prefix",
    "Given Name",
    "Middle Name",
    "Family Name",
    "Name Suffix",
    "Department",
)
_POINT_COLUMNS: Final = ((EMAIL, "E-mail"), (PHONE, "Phone"), (ADDRESS, "Address"))
_VALUE: Final = {EMAIL: "Value", PHONE: "Value", ADDRESS: "Formatted"}
