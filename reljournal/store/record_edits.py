"""Editing what the journal holds about accounts and people: rename and describe an
account, merge two, change, move and remove a person.

Each function runs in one transaction; the application layer snapshots the rows first
(``store.snapshots``) to make the edit undoable.
"""

from __future__ import annotations

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.model import GROUP_CUSTOMER, GROUPS, Stakeholder, text_key
from reljournal.store.accounts import validate_account_name
from reljournal.store.database import storage_errors
from reljournal.store.ids import new_id
from reljournal.store.snapshots import foreign_keys
from reljournal.store.stamps import entry_fingerprint, now_iso

MAX_FIELD = 200
MAX_NOTES = 20_000


def _text(value: str, what: str, limit: int = MAX_FIELD) -> str:
    clean = " ".join(value.split())
    if len(clean) > limit:
        raise ValidationError(f"The {what} can have at most {limit:,} characters.")
    return clean


def _account_exists(db: Database, account_id: int) -> str:
    row = db.conn.execute("SELECT name FROM accounts WHERE id = ?", (account_id,)).fetchone()
    if row is None:
        raise NotFoundError("That account no longer exists.")
    return str(row[0])


def refresh_fingerprints(db: Database, account_id: int) -> None:
    """Entries are recognised on import by their account's name: after a rename or a
    merge, their fingerprints follow the account's name."""
    row = db.conn.execute("SELECT name_key FROM accounts WHERE id = ?", (account_id,)).fetchone()
    if row is None:
        return
    key = row[0]
    rows = db.conn.execute(
        "SELECT id, at, kind, title, notes FROM entries WHERE account_id = ?", (account_id,)
    ).fetchall()
    db.conn.executemany(
        "UPDATE entries SET fingerprint = ? WHERE id = ?",
        [(entry_fingerprint(key, r[1], r[2], r[3], r[4]), r[0]) for r in rows],
    )


def edit_account(
    db: Database, account_id: int, *, name: str, industry: str, website: str, notes: str
) -> None:
    """Rename and describe an account (its name must stay unique)."""
    clean = validate_account_name(name)
    industry = _text(industry, "industry")
    website = _text(website, "web domain")
    if len(notes) > MAX_NOTES:
        raise ValidationError(f"The notes can have at most {MAX_NOTES:,} characters.")
    key = text_key(clean)
    with storage_errors("save the account"), db.atomic():
        _account_exists(db, account_id)
        clash = db.conn.execute(
            "SELECT name FROM accounts WHERE name_key = ? AND id != ?", (key, account_id)
        ).fetchone()
        if clash is not None:
            raise ValidationError(
                f'Another account is already called "{clash[0]}": merge the two instead.'
            )
        db.conn.execute(
            "UPDATE accounts SET name=?, name_key=?, industry=?, website=?, notes=?, "
            "updated_at=? WHERE id=?",
            (clean, key, industry, website, notes.strip(), now_iso(), account_id),
        )
        refresh_fingerprints(db, account_id)


def merge_accounts(db: Database, source_id: int, target_id: int) -> None:
    """Move everything of ``source`` into ``target`` and delete ``source``: entries,
    answers, promises, ratings and people (a person in both becomes one, keeping the
    target's details and filling its blanks from the other). The target's own label
    override stays; the source's history of classes goes."""
    if source_id == target_id:
        raise ValidationError("Choose another account to merge into.")
    conn = db.conn
    with storage_errors("merge the accounts"), db.atomic():
        _account_exists(db, source_id)
        _account_exists(db, target_id)
        for person_id, grp, key in conn.execute(
            "SELECT id, grp, name_key FROM stakeholders WHERE account_id = ?", (source_id,)
        ).fetchall():
            same = conn.execute(
                "SELECT id FROM stakeholders WHERE account_id = ? AND grp = ? AND name_key = ?",
                (target_id, grp, key),
            ).fetchone()
            if same is None:
                conn.execute(
                    "UPDATE stakeholders SET account_id = ? WHERE id = ?", (target_id, person_id)
                )
            else:
                _merge_person(db, person_id, int(same[0]))
        for table in ("entries", "answers", "commitments", "health_ratings", "stage_assessments"):
            conn.execute(
                f"UPDATE [{table}] SET account_id = ? WHERE account_id = ?", (target_id, source_id)
            )
        src = conn.execute(
            "SELECT industry, website, notes FROM accounts WHERE id = ?", (source_id,)
        ).fetchone()
        dst = conn.execute(
            "SELECT industry, website, notes FROM accounts WHERE id = ?", (target_id,)
        ).fetchone()
        notes = "\n\n".join(n for n in (dst[2].strip(), src[2].strip()) if n)
        conn.execute(
            "UPDATE accounts SET industry = ?, website = ?, notes = ?, updated_at = ? WHERE id = ?",
            (dst[0] or src[0], dst[1] or src[1], notes, now_iso(), target_id),
        )
        conn.execute("DELETE FROM accounts WHERE id = ?", (source_id,))
        refresh_fingerprints(db, target_id)


def _merge_person(db: Database, duplicate: int, keep: int) -> None:
    """Point everything at ``duplicate`` to ``keep``, fill ``keep``'s blanks, drop the
    duplicate."""
    conn = db.conn
    for fk in foreign_keys(db):
        if fk.parent != "stakeholders":
            continue
        conn.execute(
            f"UPDATE OR IGNORE [{fk.table}] SET [{fk.column}] = ? WHERE [{fk.column}] = ?",
            (keep, duplicate),
        )
    fields = ("title", "role", "email", "phone", "notes")
    cols = ", ".join(fields)
    old = conn.execute(f"SELECT {cols} FROM stakeholders WHERE id = ?", (duplicate,)).fetchone()
    new = conn.execute(f"SELECT {cols} FROM stakeholders WHERE id = ?", (keep,)).fetchone()
    sets = ", ".join(f"{f} = ?" for f in fields)
    conn.execute(
        f"UPDATE stakeholders SET {sets} WHERE id = ?",
        (*[n or o for n, o in zip(new, old, strict=True)], keep),
    )
    conn.execute("DELETE FROM stakeholders WHERE id = ?", (duplicate,))


def person_account(db: Database, person_id: int) -> tuple[str, int | None]:
    """(name, account id) of a person."""
    row = db.conn.execute(
        "SELECT name, account_id FROM stakeholders WHERE id = ?", (person_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError("That person is no longer in the journal.")
    return str(row[0]), row[1]


def validate_person(person: Stakeholder) -> Stakeholder:
    """A person as the user typed them, cleaned; a clear message for what cannot be."""
    name = " ".join(person.name.split())
    if not name or not text_key(name):
        raise ValidationError("A person needs a name.")
    if len(name) > MAX_FIELD:
        raise ValidationError(f"A name can have at most {MAX_FIELD} characters.")
    if person.group not in GROUPS:
        raise ValidationError(f'"{person.group}" is not a group: use {", ".join(GROUPS)}.')
    if person.group == GROUP_CUSTOMER and person.account_id is None:
        raise ValidationError("A customer contact belongs to an account: choose one.")
    email = _text(person.email, "email")
    if email and ("@" not in email or " " in email or email.startswith("@")):
        raise ValidationError(f'"{email}" is not an email address.')
    phone = _text(person.phone, "phone number")
    if phone and not any(c.isdigit() for c in phone):
        raise ValidationError(f'"{phone}" is not a phone number.')
    return Stakeholder(
        name=name,
        group=person.group,
        account_id=person.account_id,
        title=_text(person.title, "title"),
        role=_text(person.role, "role"),
        email=email,
        phone=phone,
        notes=person.notes.strip(),
    )


def _clash(db: Database, person: Stakeholder, other_than: int | None) -> None:
    row = db.conn.execute(
        "SELECT id FROM stakeholders WHERE ifnull(account_id, 0) = ifnull(?, 0) "
        "AND grp = ? AND name_key = ? AND id != ?",
        (person.account_id, person.group, text_key(person.name), other_than or 0),
    ).fetchone()
    if row is not None:
        where = "there" if person.account_id is not None else "in the team"
        raise ValidationError(f'"{person.name}" is already {where}.')


def add_person(db: Database, person: Stakeholder) -> int:
    clean = validate_person(person)
    with storage_errors("save the person"), db.atomic():
        if clean.account_id is not None:
            _account_exists(db, clean.account_id)
        _clash(db, clean, None)
        cur = db.conn.execute(
            "INSERT INTO stakeholders (id, name, name_key, grp, account_id, title, role, email, "
            "phone, notes, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                new_id(db.conn, "stakeholders"), clean.name, text_key(clean.name), clean.group, clean.account_id, clean.title,
                clean.role, clean.email, clean.phone, clean.notes, now_iso(),
            ),
        )  # fmt: skip
        assert cur.lastrowid is not None
        return int(cur.lastrowid)


def edit_person(db: Database, person_id: int, person: Stakeholder) -> None:
    """Change a person's details, group or account (a move keeps their history)."""
    clean = validate_person(person)
    with storage_errors("save the person"), db.atomic():
        person_account(db, person_id)
        if clean.account_id is not None:
            _account_exists(db, clean.account_id)
        _clash(db, clean, person_id)
        db.conn.execute(
            "UPDATE stakeholders SET name=?, name_key=?, grp=?, account_id=?, title=?, role=?, "
            "email=?, phone=? WHERE id=?",
            (
                clean.name, text_key(clean.name), clean.group, clean.account_id, clean.title,
                clean.role, clean.email, clean.phone, person_id,
            ),
        )  # fmt: skip


def remove_person(db: Database, person_id: int) -> None:
    """Remove a person; the entries they attended stay, answers keep the speaker's name."""
    with storage_errors("remove the person"), db.atomic():
        person_account(db, person_id)
        db.conn.execute("DELETE FROM stakeholders WHERE id = ?", (person_id,))


OverrideRows = list[tuple[object, ...]]


def override_rows(db: Database, account_id: int) -> OverrideRows:
    """Every override row of an account (its history), to put back on undo."""
    return [
        tuple(r)
        for r in db.conn.execute(
            "SELECT id, account_id, label, reason, created_at, cleared_at FROM overrides "
            "WHERE account_id = ? ORDER BY id",
            (account_id,),
        )
    ]


def put_override_rows(db: Database, account_id: int, rows: OverrideRows) -> None:
    with storage_errors("undo the change"), db.atomic():
        db.conn.execute("DELETE FROM overrides WHERE account_id = ?", (account_id,))
        db.conn.executemany(
            "INSERT INTO overrides (id, account_id, label, reason, created_at, cleared_at) "
            "VALUES (?,?,?,?,?,?)",
            rows,
        )
