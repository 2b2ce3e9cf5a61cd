"""Take the journal out: accounts and contacts as CSV, stakeholders as vCard, the
journal as Markdown, and the safe writing of those files.

Files are written beside their destination and renamed into place, so a failed
export never leaves a half-written file under the name the user chose.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from reljournal.core.errors import StorageError
from reljournal.core.formats.contacts import AccountRecord, ContactPoint, PersonRecord
from reljournal.core.formats.csv_write import ENCODING as CSV_ENCODING
from reljournal.core.formats.csv_write import accounts_csv, contacts_csv
from reljournal.core.formats.markdown import journal_markdown, markdown_files
from reljournal.core.formats.vcard import VCardPerson, people_to_vcards
from reljournal.paths import make_private_folder
from reljournal.store.database import storage_errors
from reljournal.store.files import write_private_file
from reljournal.store.transfer.json_export import export_document

Progress = Callable[[int, int], None]


def export_accounts_csv(db: Database) -> str:
    """Every account as CSV text (formula-escaped)."""
    with storage_errors("read the accounts"):
        rows = [
            AccountRecord(r[0], r[1], r[2], r[3], r[4])
            for r in db.conn.execute(
                "SELECT id, name, industry, website, notes FROM accounts ORDER BY name_key"
            )
        ]
    return accounts_csv(rows)


def _people(db: Database, account_id: int | None) -> list[tuple[PersonRecord, str]]:
    sql = (
        "SELECT s.id, s.account_id, s.name, s.grp, s.title, s.role, s.email, s.phone, s.notes, "
        "s.name_prefix, s.given_name, s.middle_name, s.family_name, s.name_suffix, "
        "s.department, ifnull(a.name, '') "
        "FROM stakeholders s LEFT JOIN accounts a ON a.id = s.account_id"
    )
    params: tuple[int, ...] = ()
    if account_id is not None:
        sql, params = sql + " WHERE s.account_id = ?", (account_id,)
    sql += " ORDER BY a.name_key IS NOT NULL, a.name_key, s.grp, s.name_key, s.id"
    with storage_errors("read the people"):
        people = [(PersonRecord(*r[:15]), r[15]) for r in db.conn.execute(sql, params)]
        by_id = {p.ref: p for p, _ in people}
        points_sql = (
            "SELECT stakeholder_id, kind, value, label, preferred, e164 FROM contact_points "
            "WHERE stakeholder_id IS NOT NULL"
        )
        point_params: tuple[int, ...] = ()
        if account_id is not None:
            points_sql += (
                " AND stakeholder_id IN (SELECT id FROM stakeholders WHERE account_id = ?)"
            )
            point_params = (account_id,)
        for sid, kind, value, label, preferred, e164 in db.conn.execute(
            points_sql + " ORDER BY stakeholder_id, preferred DESC, position, id", point_params
        ):
            if sid in by_id:
                by_id[sid].points.append(ContactPoint(kind, value, label, bool(preferred), e164))
    return people


def export_contacts_csv(db: Database, account_id: int | None = None) -> str:
    """Every person (or one account's) as CSV text; the team has no account name."""
    return contacts_csv(_people(db, account_id))


def export_vcards(db: Database, account_id: int | None = None, version: str = "3.0") -> str:
    """Every person (or one account's) as a vCard 3.0 or 4.0 file."""
    people = [
        VCardPerson(
            p.name,
            account,
            p.group,
            p.title,
            p.role,
            p.email,
            p.phone,
            p.notes,
            (p.name_prefix, p.given_name, p.middle_name, p.family_name, p.name_suffix),
            p.department,
            tuple(p.points),
        )  # fmt: skip
        for p, account in _people(db, account_id)
    ]
    return people_to_vcards(people, version)


def computed_labels(db: Database) -> dict[str, str]:
    """Account name → the label of its latest classification (accounts never
    classified are left out: they read as undetermined)."""
    with storage_errors("read the classifications"):
        return {
            r[0]: r[1]
            for r in db.conn.execute(
                "SELECT a.name, c.label FROM accounts a JOIN classifications c "
                "ON c.id = (SELECT max(id) FROM classifications WHERE account_id = a.id)"
            )
        }


def export_markdown(
    db: Database, account_ids: list[int] | None = None, *, split: bool = False,
    today: dt.date | None = None,
) -> dict[str, str]:  # fmt: skip
    """The journal (or some accounts) as Markdown: ``{"journal.md": text}``, or with
    ``split`` one file per account plus ``index.md``."""
    doc = export_document(db, account_ids)
    labels = computed_labels(db)
    today = today or dt.date.today()
    if split:
        return markdown_files(doc, labels, today)
    return {"journal.md": journal_markdown(doc, labels, today)}


def write_text_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (owner-only permissions; never over a
    journal or a backup)."""
    return write_private_file(path, text, encoding)


def write_csv_file(path: Path, text: str) -> Path:
    """A CSV export as Excel opens it right: UTF-8 with a byte-order mark."""
    return write_text_file(path, text, CSV_ENCODING)


def write_markdown(
    dest: Path, files: dict[str, str], *, split: bool, progress: Progress | None = None
) -> list[Path]:
    """Write an ``export_markdown`` result: one file at ``dest``, or with ``split``
    the files inside the folder ``dest`` (created if needed)."""
    dest = Path(dest).expanduser()
    if not split:
        if dest.is_dir():
            raise StorageError(f"{dest} is a folder; name a file (or export with --split).")
        return [write_text_file(dest, next(iter(files.values())))]
    if os.path.lexists(dest) and not dest.is_dir():
        raise StorageError(f"{dest} is a file; a split export needs a folder.")
    try:
        make_private_folder(dest)
    except OSError as exc:
        raise StorageError(f"The folder {dest} could not be made: {exc.strerror}.") from exc
    written = []
    for done, (name, text) in enumerate(files.items(), start=1):
        written.append(write_text_file(dest / name, text))
        if progress is not None:
            progress(done, len(files))
    return written
