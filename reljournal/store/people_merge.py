"""Two records of one person made one (issue 13): the matches an import was unsure of
(the same name with no account, or at another account) and any namesakes the rep finds.

``merge_people`` keeps one record and folds the other into it in one transaction: its
emails, phones and postal addresses are added where the kept one lacks them (one
preferred per kind), blank details are filled, notes are put together, and everything
that pointed at it (entries attended, answers said, anything added later that refers
to a person) points at the kept one.
"""

from __future__ import annotations

from sqlite_utils import Database

from reljournal.core.errors import NotFoundError, ValidationError
from reljournal.core.formats.contacts import ContactPoint
from reljournal.core.records import StakeholderRow
from reljournal.store.database import storage_errors
from reljournal.store.snapshots import foreign_keys

# the details the kept record takes from the other where its own are blank
FILLED = ("title", "role", "email", "phone", "name_prefix", "given_name", "middle_name",
          "family_name", "name_suffix", "department")  # fmt: skip

_ROW = "id, account_id, name, grp, title, role, email, phone"


def _row(values: tuple[object, ...]) -> StakeholderRow:
    return StakeholderRow(*values)  # type: ignore[arg-type]


def possible_duplicates(db: Database) -> list[tuple[StakeholderRow, StakeholderRow]]:
    """Pairs of people with the same name who may be one person: one has no account, or
    they are at different accounts. The first of a pair is the one to fold in, the second
    the one to keep: the oldest record with an account (else the oldest)."""
    with storage_errors("read the people"):
        rows = db.conn.execute(
            f"SELECT {_ROW}, name_key FROM stakeholders WHERE name_key IN ("
            "SELECT name_key FROM stakeholders GROUP BY name_key HAVING count(*) > 1) "
            "ORDER BY name_key, account_id IS NULL, id"
        ).fetchall()
    by_key: dict[str, list[StakeholderRow]] = {}
    for values in rows:
        by_key.setdefault(values[-1], []).append(_row(values[:-1]))
    pairs = []
    for people in by_key.values():
        # each namesake beside the first (one with an account, the oldest): a name shared
        # by many gives as many pairs, not every two of them
        keep = people[0]
        for other in people[1:]:
            if other.account_id == keep.account_id and keep.account_id is not None:
                continue  # the same name twice at one account (another group): not a match
            pairs.append((other, keep))
    return pairs


def person_row(db: Database, person_id: int) -> StakeholderRow:
    row = db.conn.execute(f"SELECT {_ROW} FROM stakeholders WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFoundError("That person is no longer in the journal.")
    return _row(row)


def _notes(kept: str, other: str) -> str:
    """Both notes, each once (one that holds the other stands for both)."""
    kept, other = kept.strip(), other.strip()
    if not other or other in kept:
        return kept
    if not kept or kept in other:
        return other
    return f"{kept}\n\n{other}"


def merge_people(db: Database, person_id: int, into_id: int) -> set[int]:
    """Fold ``person_id`` into ``into_id`` and delete it; the accounts touched."""
    if person_id == into_id:
        raise ValidationError("Choose another person to merge into: these are the same record.")
    conn = db.conn
    with storage_errors("merge the people"), db.atomic():
        other, kept = person_row(db, person_id), person_row(db, into_id)
        account_id = kept.account_id if kept.account_id is not None else other.account_id
        if account_id != kept.account_id:
            clash = conn.execute(
                "SELECT a.name FROM stakeholders s JOIN accounts a ON a.id = s.account_id "
                "WHERE s.account_id = ? AND s.grp = ? AND s.name_key = "
                "(SELECT name_key FROM stakeholders WHERE id = ?) AND s.id NOT IN (?, ?)",
                (account_id, kept.group, into_id, into_id, person_id),
            ).fetchone()
            if clash is not None:
                raise ValidationError(
                    f'"{kept.name}" is already at {clash[0]}: merge into that record instead.'
                )
        _move_points(db, person_id, into_id)
        for fk in foreign_keys(db):
            if fk.parent == "stakeholders" and fk.table != "contact_points":
                # a row that would then be there twice (an entry both attended) is left
                # on the other record and goes with it
                conn.execute(
                    f"UPDATE OR IGNORE [{fk.table}] SET [{fk.column}] = ? WHERE [{fk.column}] = ?",
                    (into_id, person_id),
                )
        cols = ", ".join((*FILLED, "notes"))
        mine = conn.execute(f"SELECT {cols} FROM stakeholders WHERE id = ?", (into_id,)).fetchone()
        theirs = conn.execute(
            f"SELECT {cols} FROM stakeholders WHERE id = ?", (person_id,)
        ).fetchone()
        values = [m or t for m, t in zip(mine[:-1], theirs[:-1], strict=True)]
        conn.execute("DELETE FROM stakeholders WHERE id = ?", (person_id,))
        sets = ", ".join(f"{f} = ?" for f in FILLED)
        conn.execute(
            f"UPDATE stakeholders SET {sets}, notes = ?, account_id = ? WHERE id = ?",
            (*values, _notes(mine[-1], theirs[-1]), account_id, into_id),
        )
    return {a for a in (kept.account_id, other.account_id) if a is not None}


def _move_points(db: Database, person_id: int, into_id: int) -> None:
    """The other record's emails, phones and addresses the kept one lacks, after its own
    (preferred only where it has none of that kind); the rest go with the record."""
    conn = db.conn
    held: set[tuple[str, str]] = set()
    preferred: set[str] = set()
    position = 0
    for kind, value, e164, pref, pos in conn.execute(
        "SELECT kind, value, e164, preferred, position FROM contact_points "
        "WHERE stakeholder_id = ?",
        (into_id,),
    ):
        held.add((kind, ContactPoint(kind, value, normalized=e164).key()))
        if pref:
            preferred.add(kind)
        position = max(position, pos + 1)
    for point_id, kind, value, e164, pref in conn.execute(
        "SELECT id, kind, value, e164, preferred FROM contact_points WHERE stakeholder_id = ? "
        "ORDER BY position, id",
        (person_id,),
    ).fetchall():
        key = (kind, ContactPoint(kind, value, normalized=e164).key())
        if key in held:
            continue
        held.add(key)
        keep_pref = bool(pref) and kind not in preferred
        if keep_pref:
            preferred.add(kind)
        conn.execute(
            "UPDATE contact_points SET stakeholder_id = ?, preferred = ?, position = ? "
            "WHERE id = ?",
            (into_id, int(keep_pref), position, point_id),
        )
        position += 1
