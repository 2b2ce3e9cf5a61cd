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

from reljournal.core.formats.contacts import AccountRecord, PersonRecord, strip_controls
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


def contacts_csv(people: Iterable[tuple[PersonRecord, str]]) -> str:
    """``people`` as (person, account name) pairs; team members have no account."""
    return write_csv(
        CONTACT_HEADERS,
        (
            (p.name, account, p.group, p.title, p.role, p.email, p.phone, p.notes)
            for p, account in people
        ),
    )
