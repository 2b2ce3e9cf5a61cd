"""Import accounts and contacts (from CSV or vCard): snapshot, plan, then apply.

``plan_csv_import`` reads the journal's accounts and people and plans the import
without writing. ``apply_plan`` writes a plan in one transaction: cancelled or
failed, the journal is as it was. A plan made against an older state of the
journal (someone changed it between preview and import) is refused as a whole:
updates run first and only fill fields that are still empty, and inserts that
meet a record made meanwhile fail on the journal's unique keys.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypeVar, cast

import sqlcipher3
from sqlite_utils import Database

from reljournal.core.errors import CancelledError, ValidationError
from reljournal.core.formats.contacts import (
    ACCOUNT_DATA,
    PERSON_DATA,
    AccountRecord,
    ContactPoint,
    PersonRecord,
    SourceRecord,
    bulk_objects,
)
from reljournal.core.formats.contacts_plan import FLUSH_EVERY, ImportPlan, Snapshot, plan_import
from reljournal.core.formats.contacts_read import records_from_table
from reljournal.core.formats.crm_columns import ColumnMapping, check_mapping
from reljournal.core.formats.csv_read import CsvTable, read_csv_bytes
from reljournal.core.model import text_key
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.files import read_import_file
from reljournal.store.ids import free_ids, is_synced, new_id, new_ids, reserve_ids
from reljournal.store.schema import pause_fts_inserts, resume_fts_inserts
from reljournal.store.stamps import now_iso

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
T = TypeVar("T")
BATCH = 1000
IMPORT_CACHE_KIB = 64 * 1024
# a streamed import writes as it reads: a smaller page cache, within its memory budget
STREAM_CACHE_KIB = 16 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass
class ApplyResult:
    accounts_created: int = 0
    accounts_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    account_ids: set[int] = field(default_factory=set)  # every account the import touched

    @property
    def changed(self) -> bool:
        return bool(
            self.accounts_created or self.accounts_updated or self.people_created
            or self.people_updated
        )  # fmt: skip


def read_csv_file(path: Path) -> CsvTable:
    """Read a CSV file from disk; errors are in the user's words."""
    return read_csv_bytes(read_import_file(path, "a CSV file", MAX_FILE_BYTES))


def load_snapshot(db: Database) -> Snapshot:
    """The journal's accounts and people, for planning an import."""
    with storage_errors("read the journal"):
        accounts = [
            AccountRecord(ref=r[0], name=r[1], industry=r[2], website=r[3], notes=r[4])
            for r in db.conn.execute("SELECT id, name, industry, website, notes FROM accounts")
        ]
        people = [
            PersonRecord(*r)
            for r in db.conn.execute(
                "SELECT id, account_id, name, grp, title, role, email, phone, notes, "
                "name_prefix, given_name, middle_name, family_name, name_suffix, department "
                "FROM stakeholders ORDER BY id"
            )
        ]
        by_id = {p.ref: p for p in people}
        for sid, kind, value, label, preferred, e164 in db.conn.execute(
            "SELECT stakeholder_id, kind, value, label, preferred, e164 FROM contact_points "
            "WHERE stakeholder_id IS NOT NULL ORDER BY stakeholder_id, position, id"
        ):
            if sid in by_id:
                by_id[sid].points.append(ContactPoint(kind, value, label, bool(preferred), e164))
    return Snapshot(accounts, people)


def account_ids_from_csv(table: CsvTable) -> dict[str, str]:
    """Salesforce ``Id`` → ``Name`` from an Account.csv, for a Contact.csv's AccountId."""
    keys = [text_key(h).replace(" ", "") for h in table.headers]
    if "id" not in keys or "name" not in keys:
        raise ValidationError(
            'The accounts file needs the columns "Id" and "Name" (a Salesforce Account.csv).'
        )
    id_col, name_col = keys.index("id"), keys.index("name")
    return {
        row.cells[id_col].strip(): row.cells[name_col].strip()
        for row in table.rows
        if len(row.cells) > max(id_col, name_col) and row.cells[id_col].strip()
    }


def plan_csv_import(
    db: Database,
    table: CsvTable,
    mapping: ColumnMapping,
    *,
    account_ids: dict[str, str] | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    keep_unassigned: bool = False,
) -> ImportPlan:
    """What importing ``table`` with ``mapping`` would do; writes nothing."""
    check_mapping(mapping, table.headers)
    plan = plan_import(
        mapping.kind,
        records_from_table(table, mapping),
        load_snapshot(db),
        total=len(table.rows),
        account_ids=account_ids,
        progress=progress,
        should_cancel=should_cancel,
        keep_unassigned=keep_unassigned,
    )
    plan.warnings[:0] = table.warnings
    return plan


def plan_records_import(
    db: Database,
    kind: str,
    records: list[SourceRecord],
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    keep_unassigned: bool = False,
) -> ImportPlan:
    """What importing records already read from a file (any source) would do."""
    return plan_import(
        kind,
        records,
        load_snapshot(db),
        total=len(records),
        progress=progress,
        should_cancel=should_cancel,
        keep_unassigned=keep_unassigned,
    )


def _check(cursor: sqlcipher3.Cursor, expected: int) -> None:
    if cursor.rowcount != expected:
        raise ValidationError(
            "The journal changed while this import was being previewed; preview it again."
        )


def _fill_sql(changes: dict[str, str], allowed: tuple[str, ...]) -> tuple[str, str]:
    """SET and WHERE clauses that fill fields only while they are still empty
    (updates never overwrite; the column names come from our own field lists)."""
    if not changes or not set(changes) <= set(allowed):
        raise ValueError(f"unexpected fields {sorted(changes)}")
    return (
        ", ".join(f"{k} = ?" for k in changes),
        " AND ".join(f"{k} = ''" for k in changes),
    )


def _chunks(items: Sequence[T]) -> list[Sequence[T]]:
    return [items[i : i + BATCH] for i in range(0, len(items), BATCH)] or [items]


def _insert_points(
    conn: sqlcipher3.Connection,
    owner: str,
    owner_id: int,
    points: Sequence[ContactPoint],
    *,
    position: int = 0,
) -> None:
    """Insert the contact points of one person or account (``owner`` is the column)."""
    if not points:
        return
    ids = new_ids(conn, "contact_points", len(points))  # synced: this computer's range
    conn.executemany(
        f"INSERT INTO contact_points (id, {owner}, kind, label, value, e164, preferred, "
        "position) VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                row_id,
                owner_id,
                p.kind,
                p.label,
                p.value,
                p.normalized,
                int(p.preferred),
                position + i,
            )
            for i, (row_id, p) in enumerate(zip(ids, points, strict=True))
        ],
    )


class _Writer:
    """Inserts of an import's new accounts and people (with their points) and the
    updates of people and accounts, inside the caller's transaction."""

    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self.conn = conn
        self.stamp = now_iso()
        self.refs: dict[int, int] = {}  # an import's ref (< 0) -> id in the journal
        self.next_id: int | None = None
        self.account_ids: set[int] = set()  # every account the import touched

    def new_accounts(self, accounts: Sequence[AccountRecord]) -> None:
        conn, stamp = self.conn, self.stamp
        for a in accounts:
            if a.ref in self.refs:
                continue
            cur = conn.execute(
                "INSERT INTO accounts (id, name, name_key, industry, website, notes, "
                "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    new_id(conn, "accounts"),  # synced: this computer's range
                    a.name,
                    text_key(a.name),
                    a.industry,
                    a.website,
                    a.notes,
                    stamp,
                    stamp,
                ),
            )
            self.refs[a.ref] = inserted_id(cur)
            self.account_ids.add(self.refs[a.ref])
            _insert_points(conn, "account_id", self.refs[a.ref], a.points)

    def new_people(self, people: Sequence[PersonRecord]) -> None:
        """Insert people (their accounts written before); they get their ids here (after
        the highest; in a synced journal, a block of this computer's range for each
        batch), so their points are written in the same batch."""
        if not people:
            return
        conn, stamp, refs = self.conn, self.stamp, self.refs
        first = new_ids(conn, "stakeholders", len(people))[0]  # synced: a block of its own
        if first is None:  # not synced: after the highest, as SQLite would number them
            if self.next_id is None:
                self.next_id = conn.execute(
                    "SELECT ifnull(max(id), 0) + 1 FROM stakeholders"
                ).fetchone()[0]
            first = self.next_id
        next_id: int = first
        point_ids = iter(  # synced: a block of this computer's range
            new_ids(conn, "contact_points", sum(len(p.points) for p in people))
        )
        rows: list[tuple[object, ...]] = []
        point_rows: list[tuple[object, ...]] = []
        add_point = point_rows.append
        for p in people:
            owner = refs.get(p.account_ref, p.account_ref) if p.account_ref else None
            if owner is not None:
                self.account_ids.add(owner)
            refs[p.ref] = next_id
            rows.append(
                (next_id, p.name, p.name_key or text_key(p.name), p.group, owner, p.title, p.role,
                 p.email, p.phone, p.notes, p.name_prefix, p.given_name, p.middle_name,
                 p.family_name, p.name_suffix, p.department, stamp)
            )  # fmt: skip
            for i, q in enumerate(p.points):
                add_point(
                    (next(point_ids), next_id, q.kind, q.label, q.value, q.normalized,
                     int(q.preferred), i)
                )  # fmt: skip
            next_id += 1
        self.next_id = next_id
        conn.executemany(
            "INSERT INTO stakeholders (id, name, name_key, grp, account_id, title, role, "
            "email, phone, notes, name_prefix, given_name, middle_name, family_name, "
            "name_suffix, department, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO contact_points (id, stakeholder_id, kind, label, value, e164, "
            "preferred, position) VALUES (?,?,?,?,?,?,?,?)",
            point_rows,
        )

    def account_updates(self, updates: Sequence[tuple[int, dict[str, str]]]) -> None:
        for account_id, changes in updates:
            sets, empty = _fill_sql(changes, ACCOUNT_DATA)
            cur = self.conn.execute(
                f"UPDATE accounts SET {sets}, updated_at = ? WHERE id = ? AND {empty}",
                (*changes.values(), self.stamp, account_id),
            )
            _check(cur, 1)
            self.account_ids.add(account_id)

    def people_updates(self, updates: Sequence[tuple[int, dict[str, str]]]) -> None:
        for person_id, changes in updates:
            sets, empty = _fill_sql(changes, PERSON_DATA)
            cur = self.conn.execute(
                f"UPDATE stakeholders SET {sets} WHERE id = ? AND {empty}",
                (*changes.values(), person_id),
            )
            _check(cur, 1)

    def point_additions(self, additions: Sequence[tuple[int, ContactPoint]]) -> None:
        for person_id, point in additions:
            _insert_points(self.conn, "stakeholder_id", person_id, [point], position=1000)


def apply_plan(
    db: Database,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ApplyResult:
    """Write ``plan`` in one transaction; cancel (``CancelledError``) leaves the journal unchanged."""
    result = ApplyResult()
    total = max(plan.write_count, 1)
    done = 0

    def step(count: int) -> None:
        nonlocal done
        if should_cancel is not None and should_cancel():
            raise CancelledError()
        done += count
        if progress is not None:
            progress(done, total)

    writer = _Writer(db.conn)
    cache = int(db.conn.execute("PRAGMA cache_size").fetchone()[0])
    try:
        with storage_errors("import into the journal"), db.atomic():
            conn = db.conn
            step(0)
            # a large import indexes its new rows for search at the end, at once, and
            # keeps more of the (encrypted) pages in memory while it writes
            marks = pause_fts_inserts(db) if plan.write_count > BATCH else None
            if marks is not None:
                conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
            writer.account_updates(plan.account_updates)
            step(len(plan.account_updates))
            for chunk in _chunks(plan.new_accounts):
                writer.new_accounts(chunk)
                step(len(chunk))
            writer.people_updates(plan.people_updates)
            step(len(plan.people_updates))
            for people_chunk in _chunks(plan.new_people):
                with bulk_objects():
                    writer.new_people(people_chunk)
                step(len(people_chunk))
            writer.point_additions(plan.point_additions)
            step(len(plan.point_additions))
            if marks is not None:
                resume_fts_inserts(db, marks)
    except sqlcipher3.IntegrityError as exc:
        log.warning("import plan no longer fits the journal", exc_info=True)
        raise ValidationError(
            "The journal changed while this import was being previewed; preview it again."
        ) from exc
    finally:
        db.conn.execute(f"PRAGMA cache_size = {cache}")
    result.accounts_created = len(plan.new_accounts)
    result.accounts_updated = len(plan.account_updates)
    result.people_created = len(plan.new_people)
    result.people_updated = len(plan.people_updates)
    result.account_ids.update(writer.account_ids)
    log.info(
        "imported %s: %d accounts and %d people created, %d and %d updated",
        plan.kind,
        result.accounts_created,
        result.people_created,
        result.accounts_updated,
        result.people_updated,
    )
    return result


class _DryRun(Exception):
    """Rolls a streamed import's transaction back once its plan is complete."""


def _load_person(conn: sqlcipher3.Connection, person_id: int) -> PersonRecord:
    """A person as written (fields and points), for a streamed import that meets them again."""
    row = conn.execute(
        "SELECT id, account_id, name, grp, title, role, email, phone, notes, name_prefix, "
        "given_name, middle_name, family_name, name_suffix, department "
        "FROM stakeholders WHERE id = ?",
        (person_id,),
    ).fetchone()
    person = PersonRecord(*row)
    person.points = [
        ContactPoint(kind, value, label, bool(preferred), e164)
        for kind, value, label, preferred, e164 in conn.execute(
            "SELECT kind, value, label, preferred, e164 FROM contact_points "
            "WHERE stakeholder_id = ? ORDER BY position, id",
            (person_id,),
        )
    ]
    return person


def import_records(
    db: Database,
    kind: str,
    records: Iterable[SourceRecord],
    *,
    keep_unassigned: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    flush_every: int = FLUSH_EVERY,
) -> tuple[ImportPlan, ApplyResult]:
    """Plan and write a contacts import in one transaction, as the records are read: each
    batch of new people is written and let go, so a large file is never held whole
    (the command line's import). The plan returned has every record's outcome, as
    ``plan_records_import`` gives it, but not the new people (already written).
    ``dry_run`` plans the same and writes nothing.

    The records are read and planned in a thread of their own while this thread (the
    one whose connection ``db`` is) writes the batches planned before: each batch is
    one ``INSERT … SELECT … FROM jsonb_each(?)`` per table, which SQLite runs without
    holding Python's interpreter lock, so reading and writing share two processor cores.
    ``progress`` and ``should_cancel`` are called in this thread."""
    snapshot = load_snapshot(db)
    result = ApplyResult()
    writer = _Writer(db.conn)
    plan: ImportPlan | None = None
    cache = int(db.conn.execute("PRAGMA cache_size").fetchone()[0])
    try:
        with storage_errors("import into the journal"), db.atomic():
            conn = db.conn
            marks = pause_fts_inserts(db)
            conn.execute(f"PRAGMA cache_size = -{STREAM_CACHE_KIB}")
            rows = _NewRows(conn, now_iso())
            plan = _Pipeline(conn).run(
                lambda pipe: plan_import(
                    kind,
                    records,
                    snapshot,
                    progress=pipe.progress if progress is not None else None,
                    should_cancel=pipe.stopped,
                    keep_unassigned=keep_unassigned,
                    write=lambda accounts, people: rows.add(pipe, accounts, people),
                    load_person=pipe.load_person,
                    flush_every=flush_every,
                ),
                progress,
                should_cancel,
            )
            rows.reserve(conn)
            # rows written by this import are updated only once they are indexed
            resume_fts_inserts(db, marks)
            writer.account_updates(plan.account_updates)
            writer.people_updates(plan.people_updates)
            writer.point_additions(plan.point_additions)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    except sqlcipher3.IntegrityError as exc:
        log.warning("a streamed import met a conflict", exc_info=True)
        raise ValidationError(
            "The journal changed while this import was being written; import it again."
        ) from exc
    finally:
        db.conn.execute(f"PRAGMA cache_size = {cache}")
    assert plan is not None
    if not dry_run:
        result.accounts_created = len(plan.new_accounts)
        result.accounts_updated = len(plan.account_updates)
        result.people_created = plan.written_people
        result.people_updated = len(plan.people_updates)
        result.account_ids.update(rows.account_ids, writer.account_ids)
        log.info(
            "imported %s (streamed): %d accounts and %d people created, %d people updated",
            plan.kind,
            result.accounts_created,
            result.people_created,
            result.people_updated,
        )
    return plan, result


# --- a streamed import: read and planned in one thread, written in the caller's ----------
# each new row is one JSON array; SQLite takes a whole batch in one statement
_ACCOUNTS_SQL: Final = (
    "INSERT INTO accounts (id, name, name_key, industry, website, notes, created_at, "
    "updated_at) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, "
    "value ->> 5, ?1, ?1 FROM {each}"
)
_PEOPLE_SQL: Final = (
    "INSERT INTO stakeholders (id, name, name_key, grp, account_id, title, role, email, "
    "phone, notes, name_prefix, given_name, middle_name, family_name, name_suffix, "
    "department, created_at) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, "
    "value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, "
    "value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15, "
    "?1 FROM {each}"
)
# the points of the accounts or people of one such batch: each row carries the id of
# its first point and its points (``ContactPoint``s, JSON arrays as they are); ?1, the
# batch's time stamp, is not used
_POINTS_SQL: Final = (
    "INSERT INTO contact_points (id, {owner}, kind, label, value, e164, preferred, position) "
    "SELECT (o.value ->> {first}) + p.key, o.value ->> 0, p.value ->> 0, p.value ->> 2, "
    "p.value ->> 1, p.value ->> 4, p.value ->> 3, p.key "
    "FROM {each} AS o, {inner}(o.value, '$[{points}]') AS p"
)
# SQLite 3.45 and later read the batch once into its binary form (JSONB), and a row's
# values straight from it: half the time of parsing each row's text again
_JSONB: Final = {"each": "jsonb_each(jsonb(?2))", "inner": "jsonb_each"}
_TEXT_JSON: Final = {"each": "json_each(?2)", "inner": "json_each"}


def _statements(conn: sqlcipher3.Connection) -> dict[str, str]:
    """The statements of a streamed import's writes, for this SQLite."""
    try:
        conn.execute("SELECT jsonb('[]')")
        each = _JSONB
    except sqlcipher3.OperationalError:  # before SQLite 3.45 (SQLCipher 4.6)
        each = _TEXT_JSON
    return {
        "accounts": _ACCOUNTS_SQL.format(**each),
        "people": _PEOPLE_SQL.format(**each),
        "account points": _POINTS_SQL.format(owner="account_id", first=6, points=7, **each),
        "people points": _POINTS_SQL.format(owner="stakeholder_id", first=16, points=17, **each),
    }


_TABLES: Final = ("accounts", "stakeholders", "contact_points")
_QUEUE_DEPTH: Final = 2  # batches planned ahead of the writes (memory: a few MB)
_WAIT: Final = 0.1  # seconds between two looks at a cancel or a stop


def _json(rows: list[list[object]]) -> str:
    # not ASCII-escaped: text SQLite cannot take (a lone surrogate) fails as it does
    # when bound as a parameter (UnicodeEncodeError), rather than being stored escaped
    return json.dumps(rows, ensure_ascii=False, check_circular=False, separators=(",", ":"))


class _Stop(Exception):
    """The writing thread has stopped (it failed or was cancelled): the planner gives up."""


class _Pipeline:
    """Runs the planner in a thread of its own; the thread that calls ``run`` (the one
    whose connection is used) executes what it sends, in order: the statements, the
    reads of people written earlier (which see those writes), the progress."""

    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self.conn = conn
        self.jobs: queue.Queue[tuple[str, object]] = queue.Queue(_QUEUE_DEPTH)
        self.stop = threading.Event()

    # -- called in the planner's thread ---------------------------------------------------
    def send(self, what: str, payload: object) -> None:
        while not self.stop.is_set():
            try:
                self.jobs.put((what, payload), timeout=_WAIT)
                return
            except queue.Full:
                continue
        raise _Stop()

    def stopped(self) -> bool:
        return self.stop.is_set()

    def progress(self, done: int, total: int) -> None:
        self.send("progress", (done, total))

    def load_person(self, person_id: int) -> PersonRecord:
        answer: queue.Queue[PersonRecord] = queue.Queue(1)
        self.send("load", (person_id, answer))
        while True:
            try:
                return answer.get(timeout=_WAIT)
            except queue.Empty:
                if self.stop.is_set():
                    raise _Stop() from None

    # -- called in the connection's thread ------------------------------------------------
    def run(
        self,
        planner: Callable[[_Pipeline], ImportPlan],
        progress: Progress | None,
        should_cancel: ShouldCancel | None,
    ) -> ImportPlan:
        outcome: list[object] = []

        def plan_in_thread() -> None:
            try:
                outcome.append(planner(self))
            except BaseException as exc:  # handed to the connection's thread, raised there
                outcome.append(exc)
            self.jobs.put(("end", None))  # the connection's thread reads until the end

        thread = threading.Thread(target=plan_in_thread, name="contacts-import", daemon=True)
        thread.start()
        try:
            while True:
                if should_cancel is not None and should_cancel():
                    raise CancelledError()
                try:
                    what, payload = self.jobs.get(timeout=_WAIT)
                except queue.Empty:
                    continue
                if what == "end":
                    break
                self._do(what, payload, progress)
        finally:
            self.stop.set()
            while thread.is_alive():  # let the planner reach its end
                try:
                    self.jobs.get(timeout=_WAIT)
                except queue.Empty:
                    pass
            thread.join()
        found = outcome[0]
        if isinstance(found, BaseException):
            raise found
        assert isinstance(found, ImportPlan)
        return found

    def _do(self, what: str, payload: object, progress: Progress | None) -> None:
        if what == "sql":
            sql, params = cast(tuple[str, tuple[object, ...]], payload)
            self.conn.execute(sql, params)
        elif what == "load":
            person_id, answer = cast(tuple[int, "queue.Queue[PersonRecord]"], payload)
            answer.put(_load_person(self.conn, person_id))
        elif what == "progress" and progress is not None:
            done, total = cast(tuple[int, int], payload)
            progress(done, total)


class _NewRows:
    """A streamed import's new accounts, people and points, numbered from the ids free
    when it began (taken here in the connection's thread; in a synced journal,
    ``reserve`` marks those used as given) and sent as JSON, a statement per table and
    batch (made in the planner's thread)."""

    def __init__(self, conn: sqlcipher3.Connection, stamp: str) -> None:
        self.stamp = stamp
        self.sql = _statements(conn)
        self.synced = is_synced(conn)
        self.free = {table: free_ids(conn, table) for table in _TABLES}
        self.next = {table: first for table, (first, _) in self.free.items()}
        self.refs: dict[int, int] = {}  # an import's ref (< 0) -> id in the journal
        self.account_ids: set[int] = set()  # every account the import touched

    def _take(self, table: str, count: int) -> int:
        first = self.next[table]
        if first + count > self.free[table][1]:
            raise OverflowError(f"this computer has used every id of {table}")
        self.next[table] = first + count
        return first

    def reserve(self, conn: sqlcipher3.Connection) -> None:
        """In a synced journal, mark the ids used as given."""
        for table in _TABLES:
            if self.synced and self.next[table] != self.free[table][0]:
                reserve_ids(conn, table, self.next[table])

    def add(
        self, pipe: _Pipeline, accounts: list[AccountRecord], people: list[PersonRecord]
    ) -> dict[int, int]:
        """Number and send the new accounts and people (with their points) planned since
        the last call; every ref written so far and its journal id."""
        refs, stamp = self.refs, self.stamp
        accounts = [a for a in accounts if a.ref not in refs]
        if accounts:
            account_id = self._take("accounts", len(accounts))
            account_rows: list[list[object]] = []
            for a in accounts:
                refs[a.ref] = account_id
                self.account_ids.add(account_id)
                account_rows.append(
                    [account_id, a.name, text_key(a.name), a.industry, a.website, a.notes,
                     self._take("contact_points", len(a.points)), a.points]
                )  # fmt: skip
                account_id += 1
            text = _json(account_rows)
            pipe.send("sql", (self.sql["accounts"], (stamp, text)))
            if any(a.points for a in accounts):
                pipe.send("sql", (self.sql["account points"], (stamp, text)))
        if people:
            person_id = self._take("stakeholders", len(people))
            rows: list[list[object]] = []
            for p in people:
                owner = refs.get(p.account_ref, p.account_ref) if p.account_ref else None
                if owner is not None:
                    self.account_ids.add(owner)
                refs[p.ref] = person_id
                rows.append(
                    [person_id, p.name, p.name_key or text_key(p.name), p.group, owner, p.title, p.role,
                     p.email, p.phone, p.notes, p.name_prefix, p.given_name, p.middle_name,
                     p.family_name, p.name_suffix, p.department,
                     self._take("contact_points", len(p.points)), p.points]
                )  # fmt: skip
                person_id += 1
            text = _json(rows)
            pipe.send("sql", (self.sql["people"], (stamp, text)))
            pipe.send("sql", (self.sql["people points"], (stamp, text)))
        return refs
