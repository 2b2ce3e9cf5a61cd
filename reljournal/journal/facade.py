"""``Journal``: the one way into an open journal for the app and the command line.

It owns the journal's connections (one per thread, see ``connections``), its key, the
undo history and change notification, and offers every use case by name. Each write is
one transaction and returns a ``Change`` saying what moved, so a view refreshes only
that; listeners given to ``subscribe`` hear of every change too (on the writing thread).
The UI and the CLI call this layer and core's pure functions, never the store.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from sqlite_utils import Database

from reljournal.core.brief.build import Brief
from reljournal.core.effort.portfolio import Portfolio, TeamActivity
from reljournal.core.formats.contacts import ImportPlan, SourceRecord
from reljournal.core.formats.contacts_read import ContactsFile
from reljournal.core.formats.crm_columns import ColumnMapping
from reljournal.core.formats.csv_read import CsvTable
from reljournal.core.formats.interchange import Document
from reljournal.core.model import Account, Entry
from reljournal.core.records import (
    AccountSummary,
    Change,
    CommitmentRow,
    DraftRow,
    DueList,
    EntryExtras,
    EntryRow,
    ExpectationRow,
    QuestionRow,
    SearchHit,
    StakeholderRow,
)
from reljournal.journal import undo
from reljournal.journal.connections import Connections
from reljournal.journal.entry_form import EntryForm, SavedEntry, save_form
from reljournal.store import accounts, commitments, drafts, entries, people, questions
from reljournal.store.keys import JournalKey
from reljournal.store.opening import OpenJournal
from reljournal.store.transfer.contacts_import import ApplyResult
from reljournal.store.transfer.json_import import ImportSummary

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
Listener = Callable[[Change], None]

# what another program's commit must change before the window re-reads (not the drafts
# this app saves every few seconds through its worker's connection)
_SHOWN_TABLES: Final = (
    "accounts",
    "stakeholders",
    "entries",
    "commitments",
    "classifications",
    "overrides",
)
_SHOWN_SQL: Final = " UNION ALL ".join(
    f"SELECT count(*), ifnull(max(id), 0) FROM {table}" for table in _SHOWN_TABLES
)


class Journal:
    """An unlocked journal. Made by ``reljournal.journal.opening`` (create, unlock)."""

    def __init__(self, opened: OpenJournal, *, recovery_key: str | None = None) -> None:
        self.path: Path = opened.path
        self._key: JournalKey = opened.key
        self.recovery_key = recovery_key or opened.recovery_key  # shown once after creation
        self._connections = Connections(opened.path, opened.key, opened.db)
        self.history = undo.UndoHistory()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._seen: tuple[int | None, tuple[object, ...] | None] | None = None

    # --- the journal itself ---------------------------------------------------------------
    @property
    def is_passphrase_protected(self) -> bool:
        return self._key.is_passphrase

    @property
    def secret(self) -> JournalKey:
        """The key that opened the journal (opaque to the UI: handed back to ``opening``
        for a restore, which must open the backup with the same key)."""
        return self._key

    def checkpoint_and_cipher_version(self) -> str | None:
        """Write the WAL into the journal file; the SQLCipher version in use."""
        db = self._db()
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        row = db.conn.execute("PRAGMA cipher_version").fetchone()
        return str(row[0]) if row else None

    def close(self) -> None:
        """Close this thread's connection (worker threads close theirs as they end)."""
        self._connections.close()

    def close_thread_connection(self) -> None:
        """A worker thread ends: close its connection."""
        self._connections.close_current()

    def prepare_reader_thread(self) -> None:
        """Make this thread's connection a reader (queries only, a larger cache)."""
        self._connections.read_only()

    def interrupt(self, thread_id: int) -> None:
        """Stop the query running on that thread's connection (a stale search)."""
        self._connections.interrupt(thread_id)

    def _db(self) -> Database:
        return self._connections.current()

    def _opened(self) -> OpenJournal:
        return OpenJournal(self.path, self._db(), self._key)

    # --- change notification ----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear of every change this journal makes; returns the unsubscribe call."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _changed(self, change: Change) -> Change:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(change)
        return change

    def data_version(self) -> tuple[int, int]:
        """(this thread's connection, SQLite's data_version on it): equal twice means no
        other connection committed in between."""
        db = self._db()
        return id(db), int(db.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """Whether another program (or connection) changed what the window shows since
        the last call or ``mark_seen``. Cheap: one shared-memory read when nothing moved."""
        try:
            db = self._db()
            version = int(db.conn.execute("PRAGMA data_version").fetchone()[0])
        except Exception:  # a closed or failing connection: nothing to watch
            log.debug("data_version unavailable", exc_info=True)
            return False
        if self._seen is None:
            self._seen = (version, self._shown_signature())
            return False
        if version == self._seen[0]:
            return False
        shown = self._shown_signature()
        changed = shown != self._seen[1]
        self._seen = (version, shown)
        return changed

    def mark_seen(self) -> None:
        """This app changed the journal and has refreshed already."""
        self._seen = None
        self.changed_elsewhere()

    def _shown_signature(self) -> tuple[object, ...] | None:
        try:
            return tuple(tuple(r) for r in self._db().conn.execute(_SHOWN_SQL))
        except Exception:
            log.debug("journal signature unavailable", exc_info=True)
            return None

    # --- accounts and people (reads) ------------------------------------------------------
    def account_summaries(
        self, today: dt.date, account_ids: Sequence[int] | None = None
    ) -> list[AccountSummary]:
        ids = list(account_ids) if account_ids is not None else None
        return accounts.list_account_summaries(self._db(), today, account_ids=ids)

    def account_summary(self, account_id: int, today: dt.date) -> AccountSummary:
        return accounts.account_summary(self._db(), account_id, today)

    def account(self, account_id: int) -> Account:
        return accounts.get_account(self._db(), account_id)

    def find_account(self, text: str) -> Account:
        """The account a user named (exact name, else the only one starting with or
        containing the text)."""
        return accounts.find_account(self._db(), text)

    def account_names(self) -> list[tuple[int, str]]:
        return accounts.account_names(self._db())

    def people_names(self) -> list[tuple[int, str, int | None]]:
        """(id, name, account id or None for the team) of everyone in the journal."""
        return people.people_names(self._db())

    def people(self, account_id: int | None = None, *, team: bool = False) -> list[StakeholderRow]:
        return people.list_stakeholders(self._db(), account_id, team=team)

    def questions(self, *, include_retired: bool = False) -> list[QuestionRow]:
        return questions.list_questions(self._db(), include_retired=include_retired)

    # --- entries (reads) ------------------------------------------------------------------
    def entries(
        self,
        account_id: int | None,
        *,
        limit: int = 200,
        before: tuple[str, int] | None = None,
        team: bool = False,
    ) -> list[EntryRow]:
        """A page of an account's (or the team's) entries, newest first; ``before`` is
        the ``entry_page_key`` of the last row of the previous page."""
        return entries.list_entries(self._db(), account_id, limit=limit, before=before, team=team)

    @staticmethod
    def entry_page_key(row: EntryRow) -> tuple[str, int]:
        return entries.entry_page_key(row)

    def count_entries(self, account_id: int | None) -> int:
        return entries.count_entries(self._db(), account_id)

    def entry(self, entry_id: int) -> tuple[Entry, EntryExtras]:
        return entries.get_entry(self._db(), entry_id)

    def expectations(self, account_id: int) -> list[ExpectationRow]:
        from reljournal.store.expectations import list_expectations

        return list_expectations(self._db(), account_id)

    def commitments(
        self, account_id: int | None = None, *, open_only: bool = False
    ) -> list[CommitmentRow]:
        return commitments.list_commitments(self._db(), account_id, open_only=open_only)

    # --- entries (writes) -----------------------------------------------------------------
    def record_entry(self, form: EntryForm, *, draft_id: int | None = None) -> SavedEntry:
        """Save a quick-entry form as an entry (new or edited), creating its account and
        new speakers, and deleting its draft, in one transaction. Undoable."""
        saved = save_form(self._db(), form, draft_id=draft_id)
        self.history.record(undo.saved_entry_step(saved.before, (saved.entry, saved.extras)))
        self._changed(saved.change)
        return saved

    def delete_entry(self, entry_id: int) -> Change:
        """Delete an entry with its answers, promises and ratings. Undoable."""
        entry, extras, change = entries.delete_entry(self._db(), entry_id)
        self.history.record(undo.deleted_entry_step((entry, extras)))
        return self._changed(change)

    def set_commitment_state(self, commitment_id: int, state: str, today: dt.date) -> Change:
        """Tick a promise done, drop it, or open it again. Undoable."""
        previous, change = commitments.set_commitment_state(self._db(), commitment_id, state, today)
        self.history.record(undo.commitment_state_step(previous, state, today))
        return self._changed(change)

    # --- undo and redo ----------------------------------------------------------------------
    def undo(self) -> Change:
        return self._changed(self.history.undo(self._db()))

    def redo(self) -> Change:
        return self._changed(self.history.redo(self._db()))

    # --- drafts ---------------------------------------------------------------------------
    def drafts(self) -> list[DraftRow]:
        return drafts.load_drafts(self._db())

    def save_draft(self, payload: dict[str, Any], draft_id: int | None = None) -> int:
        """Keep a half-written form; returns its id (the same one when it still exists)."""
        return drafts.save_draft(self._db(), payload, draft_id=draft_id)

    def delete_draft(self, draft_id: int) -> None:
        drafts.delete_draft(self._db(), draft_id)

    # --- classification ---------------------------------------------------------------------
    def reclassify(
        self,
        account_ids: Iterable[int] | None = None,
        *,
        today: dt.date | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> dict[int, Any]:
        """Classify the accounts (all by default) and keep every changed result."""
        from reljournal.store.classifications import reclassify_accounts

        results = reclassify_accounts(
            self._db(), account_ids, today=today, progress=progress, should_cancel=should_cancel
        )
        self._changed(Change(accounts=set(results)))
        return results

    def classification_report(
        self, account: str | None = None, *, today: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Every account's (or one's) class with its reasons, override and effort, as
        JSON-ready objects (the shape ``reljournal classify --json`` prints)."""
        from reljournal.journal.classification import classification_report

        return classification_report(self._db(), account, today or dt.date.today())

    def set_override(self, account_id: int, label: str, reason: str) -> Change:
        """The rep's own label for an account, with the reason; the computed one stays."""
        from reljournal.store.classifications import set_override

        set_override(self._db(), account_id, label, reason)
        return self._changed(Change(accounts={account_id}))

    def clear_override(self, account_id: int) -> bool:
        from reljournal.store.classifications import clear_override

        cleared = clear_override(self._db(), account_id)
        if cleared:
            self._changed(Change(accounts={account_id}))
        return cleared

    # --- review -----------------------------------------------------------------------------
    def brief(
        self, account_id: int, today: dt.date | None = None, *, reask_after_days: int | None = None
    ) -> Brief:
        from reljournal.core.brief.build import REASK_AFTER_DAYS
        from reljournal.store.brief_data import load_brief

        days = REASK_AFTER_DAYS if reask_after_days is None else reask_after_days
        return load_brief(self._db(), account_id, today, reask_after_days=days)

    def portfolio(self, today: dt.date | None = None) -> Portfolio:
        from reljournal.store.portfolio import load_portfolio

        return load_portfolio(self._db(), today)

    def team_activity(self, today: dt.date | None = None) -> TeamActivity:
        from reljournal.store.portfolio import load_team_activity

        return load_team_activity(self._db(), today)

    def score_thresholds(self) -> tuple[float, float]:
        from reljournal.store.portfolio import score_thresholds

        return score_thresholds()

    def due_list(self, today: dt.date | None = None) -> DueList:
        from reljournal.store.due import load_due_list

        return load_due_list(self._db(), today)

    def search(
        self, text: str, *, limit: int = 50, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """Full-text search; any text is safe (SQLite's query syntax is quoted away)."""
        from reljournal.store.search import KINDS, search

        return search(self._db(), text, limit=limit, kinds=KINDS if kinds is None else kinds)

    # --- import and export ------------------------------------------------------------------
    def import_document(
        self,
        doc: Document,
        *,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ImportSummary:
        """Merge a JSON journal document (one transaction), then reclassify what it touched."""
        from reljournal.journal.transfer import import_document

        summary = import_document(self._db(), doc, progress=progress, should_cancel=should_cancel)
        self._changed(Change(accounts=set(summary.touched_account_ids), created=True))
        return summary

    def export_document(self, account_ids: Iterable[int] | None = None) -> Document:
        from reljournal.store.transfer.json_export import export_document

        return export_document(self._db(), account_ids)

    def plan_csv_import(
        self,
        table: CsvTable,
        mapping: ColumnMapping,
        *,
        account_ids: dict[str, str] | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
        keep_unassigned: bool = False,
    ) -> ImportPlan:
        """What importing a CSV table with its column mapping would do; writes nothing."""
        from reljournal.store.transfer.contacts_import import plan_csv_import

        return plan_csv_import(
            self._db(),
            table,
            mapping,
            account_ids=account_ids,
            progress=progress,
            should_cancel=should_cancel,
            keep_unassigned=keep_unassigned,
        )

    def plan_vcard_import(
        self,
        cards: list[SourceRecord],
        *,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ImportPlan:
        """What importing these vCards would do; writes nothing."""
        from reljournal.store.transfer.vcard_import import plan_vcard_import

        return plan_vcard_import(self._db(), cards, progress=progress, should_cancel=should_cancel)

    def apply_import_plan(
        self,
        plan: ImportPlan,
        *,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ApplyResult:
        """Write an import plan (CSV or vCard), all of it or nothing."""
        from reljournal.store.transfer.contacts_import import apply_plan

        result = apply_plan(self._db(), plan, progress=progress, should_cancel=should_cancel)
        self._changed(Change(accounts=set(result.account_ids), created=True))
        return result

    # --- issue 13: contacts from the files reps have (any vCard or CSV export) ------------
    def plan_contacts_import(
        self,
        file: ContactsFile,
        *,
        keep_unassigned: bool = False,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ImportPlan:
        """What importing a contacts file read by ``journal.transfer.read_contacts``
        would do; writes nothing. People with no organisation are skipped, with the
        reason, unless ``keep_unassigned``: then they are people without an account."""
        from reljournal.store.transfer.contacts_import import plan_records_import

        return plan_records_import(
            self._db(),
            file.kind,
            file.records,
            progress=progress,
            should_cancel=should_cancel,
            keep_unassigned=keep_unassigned,
        )

    def people_without_account(self) -> list[StakeholderRow]:
        """Customer contacts imported without an account, for the rep to assign."""
        from reljournal.store.unassigned import people_without_account

        return people_without_account(self._db())

    def assign_person(self, person_id: int, account_id: int, name: str = "") -> Change:
        """Give a person without an account its account. Undoable."""
        from reljournal.store.unassigned import set_person_account

        change = set_person_account(self._db(), person_id, account_id)
        self.history.record(
            undo.Step(
                "assign_person",
                name,
                lambda db: set_person_account(db, person_id, None),
                lambda db: set_person_account(db, person_id, account_id),
            )
        )
        return self._changed(change)

    def export_accounts_csv(self) -> str:
        from reljournal.store.transfer.contacts_export import export_accounts_csv

        return export_accounts_csv(self._db())

    def export_contacts_csv(self, account_id: int | None = None) -> str:
        from reljournal.store.transfer.contacts_export import export_contacts_csv

        return export_contacts_csv(self._db(), account_id)

    def export_vcards(self, account_id: int | None = None, version: str = "3.0") -> str:
        from reljournal.store.transfer.contacts_export import export_vcards

        return export_vcards(self._db(), account_id, version)

    def export_markdown(
        self,
        account_ids: list[int] | None = None,
        *,
        split: bool = False,
        today: dt.date | None = None,
    ) -> dict[str, str]:
        """The journal (or some accounts) as Markdown: ``{"journal.md": text}``, or with
        ``split`` one file per account plus ``index.md``."""
        from reljournal.store.transfer.contacts_export import export_markdown

        return export_markdown(self._db(), account_ids, split=split, today=today)

    def commitments_calendar(self) -> str:
        """The open promises with a due date, as an iCalendar document."""
        from reljournal.core.formats.ics import commitments_to_ics

        return commitments_to_ics(self.commitments(open_only=True))

    # --- backups and keys -------------------------------------------------------------------
    def backup_now(self, dest: Path | None = None, *, progress: Progress | None = None) -> Path:
        from reljournal.store.backups.automatic import backup_now

        return backup_now(self._opened(), dest, progress=progress)

    def auto_backup(self, keep: int) -> Path | None:
        """Today's automatic backup unless there is one; keeps the newest ``keep``."""
        from reljournal.store.backups.automatic import maybe_auto_backup

        return maybe_auto_backup(self._opened(), keep)

    def rotate_recovery_key(self) -> str:
        """Re-encrypt under a new recovery key; returns it (show it once)."""
        from reljournal.store.opening import rotate_recovery_key

        opened = self._opened()
        recovery = rotate_recovery_key(opened)
        self._key = opened.key
        self._connections.key = opened.key
        return recovery
