"""Import stakeholders from a vCard file: read, plan against the journal, apply.

The plan is the same kind as for a CSV of contacts (``csv_plan``), so the preview,
the summary and the one-transaction write (``csv_import.apply_plan``) are shared;
a record's number is its card's position in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from reljournal.core.formats.contacts import SourceRecord
from reljournal.core.formats.contacts_plan import ImportPlan, plan_import
from reljournal.core.formats.crm_columns import KIND_CONTACTS
from reljournal.core.formats.vcard import parse_vcards
from reljournal.store.files import read_import_file
from reljournal.store.transfer.contacts_import import MAX_FILE_BYTES, load_snapshot

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


def read_vcard_file(path: Path) -> list[SourceRecord]:
    """The cards of a .vcf file as records; errors are in the user's words."""
    return parse_vcards(read_import_file(path, "a vCard file", MAX_FILE_BYTES))


def plan_vcard_import(
    db: Database,
    records: list[SourceRecord],
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportPlan:
    """What importing these cards would do; writes nothing. Apply it with
    ``reljournal.store.transfer.contacts_import.apply_plan``."""
    return plan_import(
        KIND_CONTACTS,
        records,
        load_snapshot(db),
        total=len(records),
        progress=progress,
        should_cancel=should_cancel,
    )
