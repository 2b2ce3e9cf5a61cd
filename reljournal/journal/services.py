"""Operations that span several store modules and the domain (used by the CLI and the UI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from reljournal.core.formats.interchange import Document, parse_document
from reljournal.store.opening import OpenJournal
from reljournal.store.transfer.json_import import ImportSummary, import_document

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


def import_and_classify(
    db: Database,
    doc: Document,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Import a document, then reclassify the accounts it touched."""
    summary = import_document(db, doc, progress=progress, should_cancel=should_cancel)
    reclassify = _reclassifier()
    if reclassify is not None and summary.touched_account_ids:
        reclassify(db, sorted(summary.touched_account_ids))
    return summary


def _reclassifier() -> Callable[[Database, list[int]], object] | None:
    try:
        from reljournal.store.classifications import reclassify_accounts
    except ImportError:
        return None
    return reclassify_accounts


def create_demo_journal(
    path: Path,
    *,
    accounts: int,
    entries: int | None,
    seed: int,
    create: Callable[[Path], OpenJournal],
    open_existing: Callable[[], OpenJournal],
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Fill a new (or empty existing) journal with the demo data."""
    from reljournal.core.errors import ValidationError
    from reljournal.demo.generator import build_demo_document

    journal = open_existing() if path.exists() else create(path)
    try:
        count = journal.db.execute("SELECT count(*) FROM accounts").fetchone()[0]
        if count:
            raise ValidationError(
                f"The journal at {path} already has accounts; the demo needs a new journal."
            )
        data = build_demo_document(accounts=accounts, entries=entries, seed=seed)
        doc = parse_document(data)
        del data  # the demo is validated exactly as an imported file would be
        return import_and_classify(journal.db, doc, progress=progress, should_cancel=should_cancel)
    finally:
        journal.close()
