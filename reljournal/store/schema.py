"""The journal's schema as versioned migrations.

Migrations have stable names and are never edited once released; a change to
the schema is a new migration appended here. Each runs in its own transaction
(sqlite-utils' ``Migrations``). ``table.transform()`` drops FTS triggers, so a
migration that transforms a searchable table calls ``ensure_fts`` again.
"""

from __future__ import annotations

from typing import Final

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reljournal.core.questions import builtin_questions
from reljournal.store.ids import local_id_range

MIGRATION_SET: Final = "reljournal"
APPLICATION_ID: Final = 0x524A524E  # "RJRN" in the file header

# Searchable text per table (external-content FTS5 tables kept in sync by triggers).
FTS_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "accounts": ("name", "industry", "notes"),
    "stakeholders": ("name", "title", "role", "notes"),
    "entries": ("title", "notes"),
    "answers": ("question_text", "answer", "speaker_name"),
    "commitments": ("text",),
}

migrations = Migrations(MIGRATION_SET)


def ensure_fts(db: Database, table: str) -> None:
    """Create (or re-create) the FTS index and its triggers for ``table``."""
    columns = FTS_COLUMNS[table]
    fts = f"{table}_fts"
    for suffix in ("ai", "ad", "au"):
        db.execute(f"DROP TRIGGER IF EXISTS [{table}_{suffix}]")
    if not db[fts].exists():
        cols = ", ".join(f"[{c}]" for c in columns)
        db.execute(
            f"CREATE VIRTUAL TABLE [{fts}] USING fts5({cols}, content=[{table}], "
            "content_rowid=[id], tokenize='unicode61 remove_diacritics 2')"
        )
    new_cols = ", ".join(f"new.[{c}]" for c in columns)
    old_cols = ", ".join(f"old.[{c}]" for c in columns)
    col_list = ", ".join(f"[{c}]" for c in columns)
    db.execute(
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.id, {new_cols}); END"
    )
    db.execute(
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) VALUES ('delete', old.id, {old_cols}); END"
    )
    db.execute(
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {col_list} ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) VALUES ('delete', old.id, {old_cols}); "
        f"INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.id, {new_cols}); END"
    )


def rebuild_fts(db: Database, table: str) -> None:
    db.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES ('rebuild')")


def pause_fts_inserts(db: Database) -> dict[str, int]:
    """For a bulk insert inside a transaction: drop the FTS insert triggers and return
    each table's highest id, so ``resume_fts_inserts`` can index the new rows at once
    (much faster than one trigger per row). Rows updated meanwhile must not be new ones."""
    marks = {}
    for table in FTS_COLUMNS:
        db.execute(f"DROP TRIGGER IF EXISTS [{table}_ai]")
        lo, hi = local_id_range(db.conn)
        marks[table] = db.execute(
            f"SELECT ifnull(max(id), ?) FROM [{table}] WHERE id >= ? AND id < ?", (lo, lo, hi)
        ).fetchone()[0]
    return marks


def resume_fts_inserts(db: Database, marks: dict[str, int]) -> None:
    """Index the rows added since ``pause_fts_inserts`` and put the insert triggers back."""
    for table, columns in FTS_COLUMNS.items():
        col_list = ", ".join(f"[{c}]" for c in columns)
        fts = f"{table}_fts"
        db.execute(
            f"INSERT INTO [{fts}] (rowid, {col_list}) SELECT id, {col_list} FROM [{table}] "
            "WHERE id > ? AND id < ? ORDER BY id",
            (marks[table], local_id_range(db.conn)[1]),
        )
        new_cols = ", ".join(f"new.[{c}]" for c in columns)
        db.execute(
            f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
            f"INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.id, {new_cols}); END"
        )


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.executescript(_INITIAL_SQL)
    for table in FTS_COLUMNS:
        ensure_fts(db, table)
    for position, question in enumerate(builtin_questions()):
        db.table("questions").insert(
            {
                "text": question.text,
                "text_key": question.key,
                "topic": question.topic,
                "position": position,
                "builtin": 1,
                "retired_at": None,
                "created_at": "1970-01-01T00:00:00",
            }
        )


@migrations(name="0002_fts_update_triggers_on_text_only")
def m0002_fts_update_triggers(db: Database) -> None:
    """Re-index a row only when its searchable text changes (not on a state change)."""
    for table in FTS_COLUMNS:
        ensure_fts(db, table)


# --- issue 13: contact points (several emails, phones and addresses per person) ----------
@migrations(name="0003_contact_points")
def m0003_contact_points(db: Database) -> None:
    """Several typed emails, phones and postal addresses per person (and phones and
    addresses of accounts), one preferred per kind; the parts of a person's name and
    their department. ``stakeholders.email``/``phone`` stay as the preferred ones, so
    existing readers keep working; existing values become preferred points."""
    db.executescript(_CONTACT_POINTS_SQL)
    # customers imported without an account may share a name until the rep assigns them
    # (two "Lucía Fernández" from two address books are not merged on the name alone)
    db.execute("DROP INDEX IF EXISTS stakeholders_identity")
    db.execute(
        "CREATE UNIQUE INDEX stakeholders_identity ON stakeholders "
        "(ifnull(account_id, 0), grp, name_key) WHERE account_id IS NOT NULL OR grp != 'customer'"
    )
    for column in ("name_prefix", "given_name", "middle_name", "family_name", "name_suffix",
                   "department"):  # fmt: skip
        if column not in db["stakeholders"].columns_dict:
            db.execute(f"ALTER TABLE stakeholders ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute(
        "INSERT INTO contact_points (stakeholder_id, kind, label, value, e164, preferred, "
        "position) SELECT id, 'email', '', trim(email), '', 1, 0 FROM stakeholders "
        "WHERE trim(email) != ''"
    )
    db.execute(
        "INSERT INTO contact_points (stakeholder_id, kind, label, value, e164, preferred, "
        "position) SELECT id, 'phone', '', trim(phone), '', 1, 0 FROM stakeholders "
        "WHERE trim(phone) != ''"
    )


_CONTACT_POINTS_SQL = """
CREATE TABLE IF NOT EXISTS contact_points (
    id INTEGER PRIMARY KEY,
    stakeholder_id INTEGER REFERENCES stakeholders(id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'address')),
    label TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL CHECK (length(trim(value)) > 0),
    e164 TEXT NOT NULL DEFAULT '',
    preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0,
    CHECK ((stakeholder_id IS NULL) != (account_id IS NULL))
);
CREATE INDEX IF NOT EXISTS contact_points_stakeholder ON contact_points (stakeholder_id)
    WHERE stakeholder_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS contact_points_account ON contact_points (account_id)
    WHERE account_id IS NOT NULL;
"""


# -- issue 15: stored statements (what each entry says, read once when it is saved) --------


@migrations(name="0004_statements")
def m0004_statements(db: Database) -> None:
    """The classifier's reading of each entry: one row per stance a statement takes, and
    per entry the version of the reader that read it (an upgrade reads them again)."""
    db.executescript(_STATEMENTS_SQL)
    ensure_revision_triggers(db)


def ensure_revision_triggers(db: Database) -> None:
    """(Re)create the triggers that move an account's revision; a migration that
    transforms accounts, entries, stakeholders, stage_assessments or statement_readings
    calls it."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in names:
        if "_revise_" in name:
            db.execute(f"DROP TRIGGER [{name}]")
    db.executescript(_REVISION_TRIGGERS)


_STATEMENTS_SQL = """
CREATE TABLE statement_readings (
    entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    purchase INTEGER NOT NULL DEFAULT 0,
    version TEXT NOT NULL
);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    answer_id INTEGER,  -- the answer it quotes; rewritten with its entry
    said_on TEXT NOT NULL,
    speaker TEXT NOT NULL,
    signal TEXT NOT NULL,
    weight REAL NOT NULL,
    quote TEXT NOT NULL
);
CREATE INDEX statements_entry ON statements (entry_id, id);
-- Each account's revision moves whenever anything the classifier weighs changes (its
-- entries, stakeholders, stages, or an entry's stored reading), by triggers, whatever
-- makes the change; a weighing kept for the revision it was made at is still good. A new
-- entry moves it when its reading is stored (an entry without a current reading makes
-- the weighing stale by itself): bulk imports insert entries without paying a trigger.
CREATE TABLE account_revisions (
    account_id INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL
);
CREATE TABLE account_weighings (
    account_id INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL,
    version TEXT NOT NULL,
    weighing TEXT NOT NULL
);
"""

# Recreated by ``ensure_revision_triggers`` (``table.transform()`` drops triggers): one
# trigger per table and event, moving the revision of the row's account (an update moves
# the old account's and, when the row moved to another account, the new one's).
_BUMP = """    INSERT INTO account_revisions (account_id, revision)
    SELECT {account}, 1 {where}{moved}
    ON CONFLICT (account_id) DO UPDATE SET revision = revision + 1;
"""
_EVENTS = {"i": "INSERT", "d": "DELETE", "u": "UPDATE"}


def _revision_triggers(table: str, events: str, *, through_entry: bool = False) -> str:
    """``events``: letters among i, d and u. ``through_entry``: the row names an entry,
    whose account moves (a statement reading; an update re-reads the same entry)."""

    def bump(row: str, moved: str = "") -> str:
        if through_entry:
            where = f"FROM entries e WHERE e.id = {row}.entry_id AND e.account_id IS NOT NULL"
            return _BUMP.format(account="e.account_id", where=where, moved=moved)
        where = f"WHERE {row}.account_id IS NOT NULL"
        return _BUMP.format(account=f"{row}.account_id", where=where, moved=moved)

    sql = ""
    for letter in events:
        if letter == "i" or (letter == "u" and through_entry):
            body = bump("new")
        elif letter == "d":
            body = bump("old")
        else:
            body = bump("old") + bump("new", "\n        AND new.account_id IS NOT old.account_id")
        name = f"{table}_revise_{'' if through_entry else 'a'}{letter}"
        sql += f"CREATE TRIGGER {name} AFTER {_EVENTS[letter]} ON {table} BEGIN\n{body}END;\n"
    return sql


# Names decide who speaks in a note: a line headed by a customer's person is theirs, one
# headed by a colleague is not the customer's, one headed by the account's own name is the
# rep's. When a name the reader used changes - a person of the account added, renamed,
# moved to another side or account, or removed, or the account renamed - that account's
# entries lose their stored reading and are read again when next classified (this also
# covers changes that arrive by sync). Colleagues kept apart from any account are left
# out: re-reading every entry of the journal is the background job of an upgrade.
_FORGET_READINGS = """    DELETE FROM statement_readings WHERE entry_id IN
        (SELECT id FROM entries WHERE account_id = {row}.account_id);
"""
_NAMES_CHANGED = "new.name IS NOT old.name OR new.grp IS NOT old.grp OR " + (
    "new.account_id IS NOT old.account_id"
)
_REREAD_TRIGGERS = f"""
CREATE TRIGGER stakeholders_revise_reread_i AFTER INSERT ON stakeholders
WHEN new.account_id IS NOT NULL BEGIN
{_FORGET_READINGS.format(row="new")}END;
CREATE TRIGGER stakeholders_revise_reread_d AFTER DELETE ON stakeholders
WHEN old.account_id IS NOT NULL BEGIN
{_FORGET_READINGS.format(row="old")}END;
CREATE TRIGGER stakeholders_revise_reread_u AFTER UPDATE ON stakeholders
WHEN {_NAMES_CHANGED} BEGIN
{_FORGET_READINGS.format(row="old")}{_FORGET_READINGS.format(row="new")}END;
CREATE TRIGGER accounts_revise_reread_u AFTER UPDATE OF name ON accounts
WHEN new.name IS NOT old.name BEGIN
    DELETE FROM statement_readings WHERE entry_id IN
        (SELECT id FROM entries WHERE account_id = new.id);
END;
"""

_REVISION_TRIGGERS = (
    "\n"
    + "".join(
        (
            _revision_triggers("entries", "du"),  # a new entry moves it when its reading is stored
            _revision_triggers("stakeholders", "idu"),
            _revision_triggers("stage_assessments", "idu"),
            _revision_triggers("statement_readings", "idu", through_entry=True),
        )
    )
    + _REREAD_TRIGGERS
)


_INITIAL_SQL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key TEXT NOT NULL UNIQUE,
    industry TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE stakeholders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key TEXT NOT NULL,
    grp TEXT NOT NULL CHECK (grp IN ('customer', 'internal', 'partner')),
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX stakeholders_identity ON stakeholders (ifnull(account_id, 0), grp, name_key);
CREATE INDEX stakeholders_account ON stakeholders (account_id);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'visit', 'note')),
    minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    title TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    initiated_by TEXT NOT NULL DEFAULT '' CHECK (initiated_by IN ('', 'me', 'them')),
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX entries_account_at ON entries (account_id, at DESC);
CREATE INDEX entries_at ON entries (at DESC);
CREATE INDEX entries_fingerprint ON entries (fingerprint);
CREATE TABLE entry_people (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, stakeholder_id)
) WITHOUT ROWID;
CREATE INDEX entry_people_stakeholder ON entry_people (stakeholder_id);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    text_key TEXT NOT NULL UNIQUE,
    topic TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    retired_at TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    question_id INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    question_text TEXT NOT NULL,
    answer TEXT NOT NULL,
    speaker_id INTEGER REFERENCES stakeholders(id) ON DELETE SET NULL,
    speaker_name TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    said_on TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX answers_entry ON answers (entry_id);
CREATE INDEX answers_account ON answers (account_id, said_on DESC);
CREATE INDEX answers_question ON answers (question_id);
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    owner TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    due TEXT,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dropped')),
    done_on TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX commitments_entry ON commitments (entry_id);
CREATE INDEX commitments_account ON commitments (account_id, state, due);
CREATE INDEX commitments_open_due ON commitments (state, due);
CREATE TABLE health_ratings (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    rated_on TEXT NOT NULL,
    trust INTEGER CHECK (trust BETWEEN 1 AND 5),
    respect INTEGER CHECK (respect BETWEEN 1 AND 5),
    value INTEGER CHECK (value BETWEEN 1 AND 5),
    conversations INTEGER CHECK (conversations BETWEEN 1 AND 5),
    conflict INTEGER CHECK (conflict BETWEEN 1 AND 5),
    accountability INTEGER CHECK (accountability BETWEEN 1 AND 5)
);
CREATE INDEX health_account ON health_ratings (account_id, rated_on);
CREATE TABLE stage_assessments (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    assessed_on TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('dependent', 'independent', 'interdependent'))
);
CREATE INDEX stages_account ON stage_assessments (account_id, assessed_on);
CREATE TABLE classifications (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    computed_at TEXT NOT NULL,
    score REAL NOT NULL,
    label TEXT NOT NULL CHECK (label IN ('transactional', 'relational', 'undetermined')),
    confidence REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX classifications_account ON classifications (account_id, id DESC);
CREATE TABLE overrides (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    label TEXT NOT NULL CHECK (label IN ('transactional', 'relational', 'undetermined')),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    cleared_at TEXT
);
CREATE INDEX overrides_account ON overrides (account_id, id DESC);
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'entry',
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


@migrations(name="0005_meetings")
def m0005_meetings(db: Database) -> None:
    """The meetings imported from the rep's calendar, waiting to be logged (issue 14),
    and the calendar subscription's last good copy."""
    db.executescript(_MEETINGS_SQL)


_MEETINGS_SQL = """
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL,
    recurrence_id TEXT NOT NULL DEFAULT '',
    start TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    title TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'logged', 'dismissed')),
    entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS meetings_identity ON meetings (uid, recurrence_id);
CREATE INDEX IF NOT EXISTS meetings_queue ON meetings (state, start_utc);
CREATE TABLE IF NOT EXISTS calendar_feed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL DEFAULT '',
    body BLOB,
    fetched_at TEXT,
    last_error TEXT NOT NULL DEFAULT ''
);
"""


# -- issue 15, second round: who among the customer's people said a statement ----------
@migrations(name="0009_classifier")
def m0009_classifier(db: Database) -> None:
    """Each stored statement keeps the name of the customer's person who said it (an
    answer's speaker, a transcript line's or an email's author, the person the rep reports),
    so that the classifier can weigh a contact who has left, and the decision maker against
    the others, when they disagree. The reader's version moves with it: every entry is
    read again once, in the background. Each entry's reading also gets a token, which
    moves whenever it is written again."""
    db.execute("ALTER TABLE statements ADD COLUMN who TEXT NOT NULL DEFAULT ''")
    # A token written with each entry's reading: what a process keeps in memory of an
    # entry's stored statements is good while the token is the same (see statements).
    db.execute("ALTER TABLE statement_readings ADD COLUMN stamp TEXT NOT NULL DEFAULT ''")


# -- issue 16: device sync through a shared folder ------------------------------------------


# -- issue 15, ninth round: names that change re-read the account's notes ----------------
@migrations(name="0010_reread_on_names")
def m0010_reread_on_names(db: Database) -> None:
    """An account's entries are read again when a name the reader goes by changes (its
    people's names, sides and accounts, or the account's own name): see
    ``_REREAD_TRIGGERS``."""
    ensure_revision_triggers(db)


@migrations(name="0006_sync")
def m0006_sync(db: Database) -> None:
    """What device sync keeps (empty, and unused, until ``reljournal sync setup``): this
    device's number, key and clock (``sync_state``); the local edits not yet sent
    (``sync_log``, written by triggers that only exist once sync is set up); each synced
    row's and column's last-writer stamp (``sync_rows``, ``sync_stamps``); what was applied
    from each device; change files written but not yet known to be in the folder; and the
    conflicts the rep may review."""
    db.executescript(_SYNC_SQL)


_SYNC_SQL = """
CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_log (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('i', 'u', 'd')),
    cols TEXT NOT NULL DEFAULT '',
    wall INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_rows (
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    alive INTEGER NOT NULL,
    hlc TEXT NOT NULL DEFAULT '',
    ghost TEXT,  -- a deleted row's last values (JSON), for a later undo of the delete
    PRIMARY KEY (tbl, pk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_stamps (
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    col TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, pk, col)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_applied (
    device INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_outbox (seq INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sync_conflicts (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    col TEXT NOT NULL,
    kept TEXT,
    lost TEXT,
    lost_device INTEGER NOT NULL,
    found_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'restored', 'dismissed'))
);
"""
