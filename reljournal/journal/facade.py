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
from typing import TYPE_CHECKING, Any, Final

from reljournal.core.errors import ValidationError
from reljournal.core.records import Change
from reljournal.journal import undo
from reljournal.journal.connections import Connections
from reljournal.journal.entry_form import EntryForm, SavedEntry, save_form
from reljournal.store import accounts, commitments, drafts, entries, people, questions
from reljournal.store.opening import OpenJournal

# issue 18: what is only named in annotations is not loaded with the facade (the journal
# opens, and the app shows its window, before any of these features is used)
if TYPE_CHECKING:
    from sqlite_utils import Database

    from reljournal.core.brief.build import Brief
    from reljournal.core.effort.portfolio import Portfolio, TeamActivity
    from reljournal.core.formats.contacts import ContactPoint, ImportPlan, SourceRecord
    from reljournal.core.formats.contacts_read import ContactsFile
    from reljournal.core.formats.crm_columns import ColumnMapping
    from reljournal.core.formats.csv_read import CsvTable
    from reljournal.core.formats.interchange import Document
    from reljournal.core.meetings.queue import QueuedMeeting
    from reljournal.core.model import Account, Entry, Override, Stakeholder
    from reljournal.core.records import (
        AccountSummary,
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
    from reljournal.journal.meetings import CalendarImport, FeedOutcome
    from reljournal.store.backups.automatic import RekeyedBackups
    from reljournal.store.keys import JournalKey
    from reljournal.store.transfer.contacts_import import ApplyResult
    from reljournal.store.transfer.json_import import ImportSummary

if TYPE_CHECKING:  # issue 16
    from reljournal.journal.sync import SyncConflict, SyncOverview, SyncReport

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
    "meetings",  # issue 14: a calendar imported from the command line
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
        self.last_rekeyed_backups: RekeyedBackups | None = None  # by rotate_recovery_key

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
        # Issue 15: what this process kept of the journal's statements goes with it.
        from reljournal.store.statements import forget_kept

        forget_kept()

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
        self, today: dt.date, account_ids: Sequence[int] | None = None, *, limit: int | None = None
    ) -> list[AccountSummary]:
        """The accounts (or the given ones) by name; ``limit``: only the first ones (the
        window's first screenful at start, issue 18)."""
        ids = list(account_ids) if account_ids is not None else None
        return accounts.list_account_summaries(self._db(), today, account_ids=ids, limit=limit)

    def account_count(self) -> int:
        """How many accounts the journal has (issue 18)."""
        return accounts.count_accounts(self._db())

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
        step = undo.saved_entry_step(saved.before, (saved.entry, saved.extras))
        if form.meeting_id is not None and saved.before is None and saved.entry.id is not None:
            from reljournal.journal.meetings import logged_step  # issue 14

            step = logged_step(step, form.meeting_id, saved.entry.id)
        self.history.record(step)
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

    # --- editing accounts and people (issue 19) ---------------------------------------------
    def override(self, account_id: int) -> Override | None:
        """The label override in force for an account, if any."""
        from reljournal.store.classifications import current_override

        return current_override(self._db(), account_id)

    def person(self, person_id: int) -> StakeholderRow:
        from reljournal.store.record_edits import person_account

        db = self._db()
        _name, account_id = person_account(db, person_id)
        rows = people.list_stakeholders(db, account_id, team=account_id is None)
        return next(r for r in rows if r.id == person_id)

    def find_person(self, text: str, account_id: int | None = None) -> int:
        """The person a user named (in one account when given): exact name first, else
        the only one whose name starts with the text."""
        from reljournal.core.errors import NotFoundError
        from reljournal.core.model import text_key

        key = text_key(text)
        rows = [r for r in self.people_names() if account_id is None or r[2] == account_id]
        for exact in (True, False):
            found = [
                r
                for r in rows
                if key and (text_key(r[1]) == key if exact else text_key(r[1]).startswith(key))
            ]
            if len(found) == 1:
                return found[0][0]
            if len(found) > 1:
                names = {self.account(a).name if a else "the team" for _i, _n, a in found[:5]}
                raise NotFoundError(
                    f'Several people are called "{text}" (at {", ".join(sorted(names))}): '
                    "say whose with --of ACCOUNT."
                )
        raise NotFoundError(f'No person matches "{text}".')

    def edit_account(
        self, account_id: int, *, name: str, industry: str = "", website: str = "", notes: str = ""
    ) -> Change:
        """Rename and describe an account (name, industry, web domain, notes). Undoable."""
        from reljournal.journal.record_edits import account_snapshot, snapshot_step
        from reljournal.store.record_edits import edit_account

        db = self._db()
        before = account_snapshot(db, account_id, deep=False)

        def again(d: Database) -> None:
            edit_account(d, account_id, name=name, industry=industry, website=website, notes=notes)

        again(db)
        change = Change(accounts={account_id})
        shown = accounts.get_account(db, account_id).name
        self.history.record(snapshot_step("edit_account", shown, before, again, change))
        return self._changed(change)

    def merge_accounts(self, source_id: int, target_id: int) -> Change:
        """Move everything of one account into another and delete the first. Undoable."""
        from reljournal.journal.record_edits import account_snapshot, snapshot_step
        from reljournal.store.classifications import reclassify_accounts
        from reljournal.store.record_edits import merge_accounts

        db = self._db()
        if source_id == target_id:
            merge_accounts(db, source_id, target_id)  # raises the user's message
        before = account_snapshot(db, source_id, target_id)
        name = accounts.get_account(db, target_id).name
        merge_accounts(db, source_id, target_id)
        reclassify_accounts(db, [target_id])
        change = Change(accounts={source_id, target_id}, deleted=True)
        self.history.record(
            snapshot_step(
                "merge_accounts",
                name,
                before,
                lambda d: merge_accounts(d, source_id, target_id),
                change,
                reclassify=(source_id, target_id),
            )
        )
        return self._changed(change)

    def delete_account(self, account_id: int) -> Change:
        """Delete an account with its entries, people, promises and history. Undoable."""
        from reljournal.journal.record_edits import account_snapshot, snapshot_step

        db = self._db()
        name = accounts.get_account(db, account_id).name
        before = account_snapshot(db, account_id)
        accounts.delete_account(db, account_id)
        change = Change(accounts={account_id}, deleted=True)
        self.history.record(
            snapshot_step(
                "delete_account",
                name,
                before,
                lambda d: accounts.delete_account(d, account_id),
                change,
            )
        )
        return self._changed(change)

    def add_person(self, person: Stakeholder) -> tuple[int, Change]:
        """A new customer contact (of an account), team member or partner. Undoable."""
        from reljournal.journal.record_edits import person_snapshot, snapshot_step
        from reljournal.store.record_edits import add_person

        db = self._db()
        person_id = add_person(db, person)
        after = person_snapshot(db, person_id, deep=False)
        change = Change(accounts={person.account_id} if person.account_id else set())
        empty = person_snapshot(db, -1, deep=False)
        self.history.record(
            snapshot_step(
                "add_person",
                " ".join(person.name.split()),
                empty,
                lambda d: None,
                change,
                made=("stakeholders", person_id),
                after=after,
            )
        )
        return person_id, self._changed(change)

    def edit_person(self, person_id: int, person: Stakeholder) -> Change:
        """Change a person's details, or move them to another account or to the team
        (the entries they attended stay where they are). Undoable."""
        from reljournal.journal.record_edits import person_snapshot, snapshot_step
        from reljournal.store.record_edits import edit_person, person_account

        db = self._db()
        _name, was = person_account(db, person_id)
        before = person_snapshot(db, person_id, deep=False)
        edit_person(db, person_id, person)
        change = Change(accounts={a for a in (was, person.account_id) if a is not None})
        self.history.record(
            snapshot_step(
                "edit_person",
                " ".join(person.name.split()),
                before,
                lambda d: edit_person(d, person_id, person),
                change,
            )
        )
        return self._changed(change)

    def remove_person(self, person_id: int) -> Change:
        """Remove a person (their entries stay; answers keep the name). Undoable."""
        from reljournal.journal.record_edits import person_snapshot, snapshot_step
        from reljournal.store.record_edits import person_account, remove_person

        db = self._db()
        name, account_id = person_account(db, person_id)
        before = person_snapshot(db, person_id)
        remove_person(db, person_id)
        change = Change(accounts={account_id} if account_id else set(), deleted=True)
        self.history.record(
            snapshot_step(
                "delete_person", name, before, lambda d: remove_person(d, person_id), change
            )
        )
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
        """The rep's own label for an account, with the reason; the computed one stays.
        Undoable."""
        from reljournal.journal.record_edits import override_step
        from reljournal.store.classifications import set_override
        from reljournal.store.record_edits import override_rows

        db = self._db()
        name = accounts.get_account(db, account_id).name
        before = override_rows(db, account_id)
        set_override(db, account_id, label, reason)
        self.history.record(
            override_step(
                account_id, name, before, lambda d: set_override(d, account_id, label, reason)
            )
        )
        return self._changed(Change(accounts={account_id}))

    def clear_override(self, account_id: int) -> bool:
        from reljournal.journal.record_edits import override_step
        from reljournal.store.classifications import clear_override
        from reljournal.store.record_edits import override_rows

        db = self._db()
        name = accounts.get_account(db, account_id).name
        before = override_rows(db, account_id)
        cleared = clear_override(db, account_id)
        if cleared:
            self.history.record(
                override_step(account_id, name, before, lambda d: clear_override(d, account_id))
            )
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

    def import_contacts(
        self,
        file: ContactsFile,
        *,
        keep_unassigned: bool = False,
        dry_run: bool = False,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> tuple[ImportPlan, ApplyResult]:
        """Plan and write a contacts file in one transaction (the command line's import):
        a contacts file read with ``lazy`` is read, planned and written batch by batch,
        never held whole. ``dry_run`` plans the same and writes nothing."""
        from reljournal.core.formats.crm_columns import KIND_CONTACTS
        from reljournal.store.transfer import contacts_import

        db = self._db()
        if file.kind == KIND_CONTACTS:
            plan, result = contacts_import.import_records(
                db,
                file.kind,
                file.each_record(),
                keep_unassigned=keep_unassigned,
                dry_run=dry_run,
                progress=progress,
                should_cancel=should_cancel,
            )
        else:
            plan = contacts_import.plan_records_import(
                db, file.kind, list(file.each_record()), keep_unassigned=keep_unassigned
            )
            result = contacts_import.ApplyResult()
            if not dry_run and plan.changed:
                result = contacts_import.apply_plan(db, plan)
        if not dry_run and plan.changed:
            self._changed(Change(accounts=set(result.account_ids), created=True))
        return plan, result

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

    def possible_duplicates(self) -> list[tuple[StakeholderRow, StakeholderRow]]:
        """People with the same name who may be one person (one has no account, or they
        are at different accounts): (the one to fold in, the one to keep) — what an
        import lists to check rather than merging it blindly."""
        from reljournal.store.people_merge import possible_duplicates

        return possible_duplicates(self._db())

    def merge_people(self, person_id: int, into_id: int) -> Change:
        """Make two records of one person one: ``person_id`` is folded into ``into_id``
        (emails, phones, addresses and notes combined without duplicates, blank details
        filled, entries, answers and promises pointed at the kept record). Undoable."""
        from reljournal.journal.record_edits import snapshot_step
        from reljournal.store.people_merge import merge_people, person_row
        from reljournal.store.snapshots import capture

        db = self._db()
        if person_id == into_id:
            merge_people(db, person_id, into_id)  # raises the user's message
        kept = person_row(db, into_id)
        before = capture(db, "stakeholders", [person_id, into_id])
        touched = merge_people(db, person_id, into_id)
        change = Change(accounts=touched, deleted=True)

        def again(d: Database) -> None:
            merge_people(d, person_id, into_id)

        self.history.record(
            snapshot_step(
                "merge_people",
                kept.name,
                before,
                again,
                change,
            )
        )
        return self._changed(change)

    def account_contact_points(self, account_id: int) -> list[ContactPoint]:
        """An account's phones and postal addresses (from an account file, or typed)."""
        from reljournal.store.account_points import account_points

        return account_points(self._db(), account_id)

    def edit_account_with_contacts(
        self,
        account_id: int,
        *,
        name: str,
        industry: str = "",
        website: str = "",
        notes: str = "",
        points: Sequence[ContactPoint] = (),
    ) -> Change:
        """``edit_account`` and the account's phones and addresses, in one transaction and
        one undo step."""
        from reljournal.store.account_points import account_points, set_account_points
        from reljournal.store.record_edits import edit_account

        db = self._db()
        was = accounts.get_account(db, account_id)
        old_points = account_points(db, account_id)
        new_points = list(points)

        def write(d: Database, values: dict[str, str], kept: Sequence[ContactPoint]) -> Change:
            with d.atomic():
                edit_account(d, account_id, **values)
                set_account_points(d, account_id, kept)
            return Change(accounts={account_id})

        fields = {"name": name, "industry": industry, "website": website, "notes": notes}
        before = {"name": was.name, "industry": was.industry, "website": was.website,
                  "notes": was.notes}  # fmt: skip
        change = write(db, fields, new_points)
        shown = accounts.get_account(db, account_id).name
        self.history.record(
            undo.Step(
                "edit_account",
                shown,
                lambda d: write(d, before, old_points),
                lambda d: write(d, fields, new_points),
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

        return commitments_to_ics(self.commitments(open_only=True), journal_id=self.journal_id())

    # --- backups and keys -------------------------------------------------------------------
    def backup_now(self, dest: Path | None = None, *, progress: Progress | None = None) -> Path:
        from reljournal.store.backups.automatic import backup_now

        return backup_now(self._opened(), dest, progress=progress)

    def auto_backup(self, keep: int) -> Path | None:
        """Today's automatic backup unless there is one; keeps the newest ``keep``."""
        from reljournal.store.backups.automatic import maybe_auto_backup

        return maybe_auto_backup(self._opened(), keep)

    def rotate_recovery_key(self) -> str:
        """Re-encrypt under a new recovery key; returns it (show it once). The backups
        in the journal's backups folder are re-encrypted under it too: the old key
        opens none of them any more (``last_rekeyed_backups`` says how many)."""
        from reljournal.store.backups.automatic import rekey_backups
        from reljournal.store.opening import rotate_recovery_key

        opened = self._opened()
        old = self._key
        recovery = rotate_recovery_key(opened)
        self._key = opened.key
        self._connections.key = opened.key
        self.last_rekeyed_backups = rekey_backups(self.path, old, opened.key)
        self._refresh_sync_copy()  # issue 16: the new recovery key joins
        return recovery

    # --- issue 17: secrets (passphrase change, passphrase rules) -------------------------------
    def check_secret(
        self, *, passphrase: str | None = None, recovery_key: str | None = None
    ) -> bool:
        """Whether the secret given (or, with none, this machine's keychain) is the
        journal's own: unlocking a locked window asks this, without reopening. A
        mistyped recovery key raises ``WrongKeyError`` naming the group."""
        from reljournal.store.keys import (
            key_from_recovery,
            load_from_keychain,
            normalize_passphrase,
        )

        if passphrase is not None:
            return self._key.passphrase is not None and normalize_passphrase(
                passphrase
            ) == normalize_passphrase(self._key.passphrase)
        if recovery_key is not None:
            return key_from_recovery(recovery_key) == self._key
        return not self._key.is_passphrase and load_from_keychain(self.path) == self._key

    def change_passphrase(self, current: str, new: str) -> RekeyedBackups:
        """Re-encrypt a passphrase journal under a new passphrase, after checking the
        current one (a journal left open is not enough to change it) and that the new
        one meets the rule (``passphrase_acceptable``). The backups in its backups
        folder are re-encrypted under the new passphrase too."""
        from reljournal.core.errors import ValidationError, WrongKeyError
        from reljournal.store.backups.automatic import rekey_backups
        from reljournal.store.keys import (
            normalize_passphrase,
            passphrase_acceptable,
            passphrase_variants,
        )
        from reljournal.store.opening import change_passphrase

        old = self._key
        if old.passphrase is None:
            raise ValidationError(
                "This journal's key is in the keychain with a recovery key; it has no "
                "passphrase to change."
            )
        if old.passphrase not in passphrase_variants(current):
            raise WrongKeyError("The current passphrase is not right; nothing was changed.")
        if not passphrase_acceptable(new):
            raise ValidationError(
                "The new passphrase is too easy to guess: use at least 8 characters, "
                "best a few unrelated words."
            )
        if normalize_passphrase(new) == old.passphrase:
            raise ValidationError("The new passphrase is the current one; nothing was changed.")
        opened = self._opened()
        change_passphrase(opened, new)
        self._key = opened.key
        self._connections.key = opened.key
        rekeyed = rekey_backups(self.path, old, opened.key)
        self._refresh_sync_copy()  # issue 16: the new passphrase joins
        return rekeyed

    # --- the desktop: one promise, for the Due list (issue 19) ------------------------------
    def commitment(self, commitment_id: int) -> CommitmentRow | None:
        """One promise (the Due list opens it where it lives), or None if it is gone."""
        return commitments.commitment_by_id(self._db(), commitment_id)

    def search_counts(self, text: str, kinds: Iterable[str] | None = None) -> dict[str, int]:
        """How many hits of each kind the search finds in all (its true counts)."""
        from reljournal.store.search import KINDS, count_matches

        return count_matches(self._db(), text, KINDS if kinds is None else kinds)

    # --- journals: the demo journal is marked as one (issue 19) -----------------------------
    def is_demo(self) -> bool:
        """A demo journal (made-up accounts): the window says so in its title."""
        from reljournal.store.journal_meta import is_demo

        return is_demo(self._db())

    def mark_as_demo(self) -> None:
        from reljournal.store.journal_meta import mark_as_demo

        mark_as_demo(self._db())

    # --- meetings from the calendar (issue 14) ----------------------------------------------
    def import_calendar(
        self,
        data: bytes,
        me: list[str] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        *,
        today: dt.date | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> CalendarImport:
        """Queue the rep's meetings of an iCalendar export in a window (default: the 60
        days up to today); ``me`` (else the remembered addresses) are the rep's. All or
        nothing: a file that cannot be read leaves the queue as it was."""
        from reljournal.journal.meetings import import_calendar

        result = import_calendar(
            self._db(), data, me, since, until, today=today, should_cancel=should_cancel
        )
        if result.counts.changed:
            self._changed(Change(created=True))
        return result

    def meetings_queue(self) -> list[QueuedMeeting]:
        """The meetings waiting to be logged, matched against the journal as it is now."""
        from reljournal.journal.meetings import queue

        return queue(self._db())

    def count_meetings_to_log(self) -> int:
        from reljournal.store.meetings import count_queued

        return count_queued(self._db())

    def meeting_form(self, meeting_id: int) -> EntryForm:
        """The quick entry filled in from a queued meeting; saving it (``record_entry``)
        logs the meeting and takes it off the queue."""
        from reljournal.journal.meetings import form_for_meeting

        return form_for_meeting(self._db(), meeting_id)

    def dismiss_meeting(self, meeting_id: int) -> Change:
        """Take a meeting off the queue without logging it (a re-import leaves it off).
        Undoable."""
        from reljournal.core.meetings.queue import DISMISSED, QUEUED
        from reljournal.journal.meetings import dismissed_step
        from reljournal.store.meetings import get_meeting, set_meeting_state

        meeting = get_meeting(self._db(), meeting_id)
        if meeting.state != QUEUED:
            raise ValidationError(f"Meeting {meeting_id} is not waiting to be logged.")
        set_meeting_state(self._db(), meeting_id, DISMISSED)
        self.history.record(dismissed_step(meeting_id, meeting.title))
        return self._changed(Change(deleted=True))

    def assign_address(self, email: str, account_id: int | None, name: str = "") -> Change:
        """Add the owner of an unmatched address to an account (None: the internal team)."""
        from reljournal.journal.meetings import assign_address

        assign_address(self._db(), email, account_id, name)
        return self._changed(Change(accounts={account_id} if account_id else set(), created=True))

    def calendar_addresses(self) -> list[str]:
        """The rep's own addresses, remembered from the last import with ``--me``."""
        from reljournal.store.meetings import remembered_me

        return remembered_me(self._db())

    def set_calendar_addresses(self, addresses: list[str]) -> None:
        """The rep's own addresses in the calendar (the ``--me`` of the next imports)."""
        from reljournal.journal.meetings import clean_addresses
        from reljournal.store.meetings import remember_me

        remember_me(self._db(), clean_addresses(addresses))

    def journal_id(self) -> str:
        """A random id of this journal (made once), e.g. for calendar UIDs."""
        from reljournal.store.meetings import journal_id

        return journal_id(self._db())

    def calendar_subscription(self) -> str:
        """The subscribed calendar's private address ("" for none). A secret: never log it."""
        from reljournal.store.meetings import feed

        return feed(self._db())[0]

    def calendar_subscription_fetched(self) -> str | None:
        """When the subscribed calendar was last fetched (ISO time), if ever."""
        from reljournal.store.meetings import feed

        return feed(self._db())[2]

    def set_calendar_subscription(self, url: str) -> None:
        """Subscribe to a calendar's private iCal address (HTTPS), or with "" stop."""
        from reljournal.journal.calendar_feed import clean_feed_url
        from reljournal.store.meetings import set_feed_url

        set_feed_url(self._db(), clean_feed_url(url) if url.strip() else "")

    def apply_calendar_feed(
        self, data: bytes | None, problem: str = "", *, today: dt.date | None = None
    ) -> FeedOutcome:
        """Import a fetched copy of the subscribed calendar (``None``: the fetch failed,
        use the last good copy kept in the journal)."""
        from reljournal.journal.meetings import apply_feed

        outcome = apply_feed(self._db(), data, problem, today=today)
        if outcome.result is not None and outcome.result.counts.changed:
            self._changed(Change(created=True))
        return outcome

    # --- issue 15: stored statements (the classifier's reading of each entry) ---------------
    def outdated_statements(self) -> int:
        """How many entries were not read by this version of the classifier (after an
        upgrade, all of them; entries saved since then are read when saved)."""
        from reljournal.store.statements import stale_statement_count

        return stale_statement_count(self._db())

    def rescore_statements(
        self,
        *,
        today: dt.date | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> int:
        """Read every outdated entry again (once, after a classifier upgrade), then
        classify every account from the new stances. Returns how many entries were read."""
        from reljournal.store.classifications import reclassify_accounts
        from reljournal.store.statements import rescore_statements

        read = rescore_statements(self._db(), progress=progress, should_cancel=should_cancel)
        if read:
            results = reclassify_accounts(self._db(), today=today, should_cancel=should_cancel)
            self._changed(Change(accounts=set(results)))
        return read

    # --- issue 16: device sync through a shared folder ---------------------------------------
    def sync_setup(self, folder: Path) -> SyncOverview:
        """Sync this journal through ``folder`` (this computer is the first one)."""
        from reljournal.journal import sync

        sync.setup(self._db(), self.path, self._key, folder)
        overview = sync.overview(self._db())
        assert overview is not None
        return overview

    def sync_join_here(self, folder: Path) -> None:
        """This journal, just copied from the sync folder, becomes this computer's."""
        from reljournal.journal import sync

        sync.join_as_new_device(self._db(), folder)

    def _refresh_sync_copy(self) -> None:
        """The key changed: the sync folder's copy to join from is written again under
        it (a failure is logged; the next key change or `sync setup` elsewhere retries)."""
        from reljournal.core.errors import StorageError
        from reljournal.journal import sync

        try:
            sync.refresh_shared_copy(self._db(), self._key)
        except StorageError:
            log.warning("the sync folder's copy was not refreshed", exc_info=True)

    def is_synced(self) -> bool:
        from reljournal.store.sync.capture import sync_config

        return sync_config(self._db()) is not None

    def sync_now(self) -> SyncReport:
        """Send this computer's changes and apply the other computers' (in the sync
        worker). Changes received are not on the undo list; listeners hear of them."""
        from reljournal.journal import sync

        report = sync.exchange(self._db(), self.path, self._key)
        if report.received_rows:
            from reljournal.store.statements import rescore_statements

            rescore_statements(self._db())  # what arrived is read here, as if saved here
        if report.received_rows or report.conflicts:
            self._changed(Change(created=True, deleted=True))
        if report.ran and sync.shared_copy_is_old(self._db()):
            self._refresh_sync_copy()  # weekly: a computer joining later replays less
        elif sync.shared_copy_is_weaker(self._db(), self._key):
            self._refresh_sync_copy()  # the journal moved over to Argon2id (issue 17)
        return report

    def sync_overview(self) -> SyncOverview | None:
        from reljournal.journal import sync

        return sync.overview(self._db())

    def sync_conflicts(self) -> list[SyncConflict]:
        from reljournal.store.sync.capture import open_conflicts

        return open_conflicts(self._db())

    def restore_sync_conflict(self, conflict_id: int) -> Change:
        """Put back the value that lost a conflict (sent to the others at the next
        exchange)."""
        from reljournal.store.sync.capture import restore_conflict

        try:
            restore_conflict(self._db(), conflict_id)
        except LookupError as exc:
            raise ValidationError("That conflict is no longer open.") from exc
        return self._changed(Change(created=True))

    def dismiss_sync_conflict(self, conflict_id: int) -> None:
        from reljournal.store.sync.capture import dismiss_conflict

        dismiss_conflict(self._db(), conflict_id)
