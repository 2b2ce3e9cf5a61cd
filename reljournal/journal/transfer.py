"""Bringing files in and writing them out: the JSON journal format, CSV and vCard
contacts, Markdown, and the files themselves (read with limits, written atomically with
owner-only permissions, never over a journal or a backup)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from sqlite_utils import Database

from reljournal.core.errors import ValidationError
from reljournal.core.formats.contacts_read import ContactsFile, read_contact_records
from reljournal.core.formats.interchange import Document, loads, parse_document
from reljournal.store.files import (
    may_look_like_a_journal,
    read_bounded,
    read_import_file,
    write_private_file,
)
from reljournal.store.transfer.contacts_export import (
    write_csv_file,
    write_markdown,
    write_text_file,
)
from reljournal.store.transfer.contacts_import import account_ids_from_csv, read_csv_file
from reljournal.store.transfer.json_import import ImportSummary
from reljournal.store.transfer.json_import import import_document as store_import
from reljournal.store.transfer.vcard_import import read_vcard_file

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]

MAX_JOURNAL_FILE_BYTES: Final = 512 * 1024**2  # parsed whole: several times this in memory
MAX_CONTACTS_FILE_BYTES: Final = 256 * 1024**2

__all__ = [
    "account_ids_from_csv",
    "import_document",
    "may_look_like_a_journal",
    "read_contacts",
    "read_csv_file",
    "read_journal_document",
    "read_vcard_file",
    "write_csv_file",
    "write_markdown",
    "write_private_file",
    "write_text_file",
]


def read_journal_document(name: str) -> Document:
    """A JSON journal document from a file (``-``: standard input), checked whole; every
    problem is a ``ValidationError`` or ``InterchangeError`` naming the place."""
    if name == "-":
        raw = read_bounded(sys.stdin.buffer, MAX_JOURNAL_FILE_BYTES)
        if raw is None:
            raise ValidationError(
                f"Standard input gave more than {MAX_JOURNAL_FILE_BYTES // 1024**2} MB, too "
                "large to import at once; split the file."
            )
    else:
        raw = read_import_file(Path(name), "a journal file", MAX_JOURNAL_FILE_BYTES)
    return parse_document(loads(raw))


def import_document(
    db: Database,
    doc: Document,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Import a document, then reclassify the accounts it touched."""
    from reljournal.store.classifications import reclassify_accounts

    summary = store_import(db, doc, progress=progress, should_cancel=should_cancel)
    if summary.touched_account_ids:
        reclassify_accounts(db, sorted(summary.touched_account_ids))
    return summary


def read_contacts(
    path: Path,
    *,
    kind: str | None = None,
    overrides: list[str] | None = None,
    accounts_file: Path | None = None,
    keep_rows: bool = True,
    lazy: bool = False,
) -> ContactsFile:
    """Any contacts file (vCard, or a CSV export recognised by its header) as records;
    every problem is a ``ValidationError`` in the user's words."""
    raw = read_import_file(path, "a contacts file", MAX_CONTACTS_FILE_BYTES)
    extra = (
        read_import_file(accounts_file, "a CSV file", MAX_CONTACTS_FILE_BYTES)
        if accounts_file
        else None
    )
    return read_contact_records(
        raw,
        path.name,
        kind=kind,
        overrides=overrides,
        accounts_file=extra,
        keep_rows=keep_rows,
        lazy=lazy,
    )


def is_vcard(path: Path) -> bool:
    """Whether the file at ``path`` is a vCard file (by its name or first line)."""
    if path.suffix.lower() in (".vcf", ".vcard"):
        return True
    if not path.is_file():
        return False  # a pipe's first bytes, once read, would be gone for the import
    try:
        with path.open("rb") as handle:
            head = handle.read(256).lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    except OSError:
        return False
    return head.startswith(b"BEGIN:VCARD")
