"""Write a parsed journal document into the store, merging by name.

Everything runs in one transaction: an import is either fully there or fully
absent. Merging makes a re-import of the same file change nothing: accounts
match by name (case and punctuation aside), people by name within their
account or group, entries by a fingerprint of their account, moment, kind,
title and notes, and answers and commitments by their text within an entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from reljournal.core.errors import CancelledError
from reljournal.core.formats.interchange import (
    NAME_PART_FIELDS,
    DocAccount,
    DocCommitment,
    DocEntry,
    DocPerson,
    DocPoint,
    Document,
)
from reljournal.core.formats.phones import e164
from reljournal.core.model import GROUP_CUSTOMER, GROUP_INTERNAL, HEALTH_AREAS, text_key
from reljournal.store.database import inserted_id, storage_errors
from reljournal.store.entries import insert_entry_row
from reljournal.store.ids import new_id
from reljournal.store.schema import pause_fts_inserts, resume_fts_inserts
from reljournal.store.stamps import entry_at_text, entry_fingerprint, now_iso

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


@dataclass
class ImportSummary:
    accounts_created: int = 0
    accounts_matched: int = 0
    people_created: int = 0
    entries_created: int = 0
    entries_matched: int = 0
    answers_created: int = 0
    commitments_created: int = 0
    commitments_updated: int = 0
    questions_created: int = 0
    touched_account_ids: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.accounts_created
            or self.people_created
            or self.entries_created
            or self.answers_created
            or self.commitments_created
            or self.commitments_updated
            or self.questions_created
        )


class _Importer:
    def __init__(self, db: Database, summary: ImportSummary) -> None:
        self.db = db
        self.conn = db.conn
        self.summary = summary
        self.stamp = now_iso()
        self.questions: dict[str, int] = {
            row[1]: row[0] for row in self.conn.execute("SELECT id, text_key FROM questions")
        }
        self.accounts: dict[str, int] = {
            row[1]: row[0] for row in self.conn.execute("SELECT id, name_key FROM accounts")
        }
        self.created_accounts: set[int] = set()
        self.fingerprints: dict[str, int] = {
            row[1]: row[0] for row in self.conn.execute("SELECT id, fingerprint FROM entries")
        }
        self.people: dict[tuple[int, str], int] = {}
        self.team: dict[str, int] = {}
        for sid, account_id, key in self.conn.execute(
            "SELECT id, account_id, name_key FROM stakeholders"
        ):
            if account_id is None:
                self.team.setdefault(key, sid)
            else:
                self.people[(account_id, key)] = sid
        self.max_position = self.conn.execute(
            "SELECT ifnull(max(position), 0) FROM questions"
        ).fetchone()[0]

    # -- people ---------------------------------------------------------------
    def person(self, person: DocPerson, account_id: int | None) -> int:
        key = text_key(person.name)
        existing = self.team.get(key) if account_id is None else self.people.get((account_id, key))
        if existing is not None:
            return existing
        parts = [person.name_parts.get(k, "") for k in NAME_PART_FIELDS]
        cur = self.conn.execute(
            "INSERT INTO stakeholders (id, name, name_key, grp, account_id, title, role, email, "
            "phone, notes, name_prefix, given_name, middle_name, family_name, name_suffix, "
            "department, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                new_id(self.conn, "stakeholders"),
                person.name,
                key,
                person.group,
                account_id,
                person.title,
                person.role,
                person.email,
                person.phone,
                person.notes,
                *parts,
                self.stamp,
            ),
        )
        sid = inserted_id(cur)
        points = person.points or [
            DocPoint(kind, value, "", True)
            for kind, value in (("email", person.email), ("phone", person.phone))
            if value.strip()
        ]  # a version 1 file: its one email and phone
        self.conn.executemany(
            "INSERT INTO contact_points (id, stakeholder_id, kind, label, value, e164, "
            "preferred, position) VALUES (?,?,?,?,?,?,?,?)",
            [
                (new_id(self.conn, "contact_points"), sid, q.kind, q.label, q.value, e164(q.value) if q.kind == "phone" else "",
                 int(q.preferred), i)
                for i, q in enumerate(points)
            ],
        )  # fmt: skip
        if account_id is None:
            self.team[key] = sid
        else:
            self.people[(account_id, key)] = sid
        self.summary.people_created += 1
        return sid

    def unassigned_person(self, person: DocPerson) -> int:
        """A customer without an account (version 2): the same one (by name and email)
        is not made twice."""
        key = text_key(person.name)
        found = self.conn.execute(
            "SELECT id FROM stakeholders WHERE account_id IS NULL AND grp = 'customer' "
            "AND name_key = ? AND email = ?",
            (key, person.email),
        ).fetchone()
        if found is not None:
            return int(found[0])
        saved_team = self.team.pop(key, None)  # a team member of that name is someone else
        sid = self.person(person, None)
        self.team.pop(key, None)
        if saved_team is not None:
            self.team[key] = saved_team
        return sid

    def resolve(self, name: str, account_id: int | None) -> int:
        """A person named in an entry: the account's contact, else a team member,
        else a new contact of the account (or a new internal team member)."""
        key = text_key(name)
        if account_id is not None and (account_id, key) in self.people:
            return self.people[(account_id, key)]
        if key in self.team:
            return self.team[key]
        group = GROUP_CUSTOMER if account_id is not None else GROUP_INTERNAL
        return self.person(DocPerson(name=name, group=group), account_id)

    # -- questions -------------------------------------------------------------
    def question(self, text: str, topic: str = "", retired: bool = False) -> None:
        key = text_key(text)
        if key in self.questions:
            if retired:
                self.conn.execute(
                    "UPDATE questions SET retired_at = ? WHERE id = ? AND retired_at IS NULL",
                    (self.stamp, self.questions[key]),
                )
            return
        self.max_position += 1
        cur = self.conn.execute(
            "INSERT INTO questions (id, text, text_key, topic, position, builtin, retired_at, "
            "created_at) VALUES (?,?,?,?,?,0,?,?)",
            (
                new_id(self.conn, "questions"),
                text,
                key,
                topic,
                self.max_position,
                self.stamp if retired else None,
                self.stamp,
            ),
        )
        self.questions[key] = inserted_id(cur)
        self.summary.questions_created += 1

    # -- accounts --------------------------------------------------------------
    def account(self, account: DocAccount) -> int:
        key = text_key(account.name)
        if key in self.accounts:
            account_id = self.accounts[key]
            self.summary.accounts_matched += 1
            if account_id in self.created_accounts:
                return account_id  # the same account twice in one file: first one wins
            self.conn.execute(
                "UPDATE accounts SET industry = CASE WHEN industry = '' THEN ? ELSE industry END, "
                "website = CASE WHEN website = '' THEN ? ELSE website END, "
                "notes = CASE WHEN notes = '' THEN ? ELSE notes END WHERE id = ?",
                (account.industry, account.website, account.notes, account_id),
            )
            return account_id
        cur = self.conn.execute(
            "INSERT INTO accounts (id, name, name_key, industry, website, notes, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                new_id(self.conn, "accounts"),
                account.name,
                key,
                account.industry,
                account.website,
                account.notes,
                self.stamp,
                self.stamp,
            ),
        )
        account_id = inserted_id(cur)
        self.accounts[key] = account_id
        self.created_accounts.add(account_id)
        self.summary.accounts_created += 1
        return account_id

    # -- entries ---------------------------------------------------------------
    def entry(self, entry: DocEntry, account_id: int | None, account_key: str) -> None:
        at = entry_at_text(entry.at)
        fingerprint = entry_fingerprint(account_key, at, entry.kind, entry.title, entry.notes)
        entry_id = self.fingerprints.get(fingerprint)
        if entry_id is None:
            entry_id = insert_entry_row(
                self.conn,
                None,
                (
                    account_id,
                    at,
                    entry.kind,
                    entry.minutes,
                    entry.title,
                    entry.notes,
                    entry.initiated_by,
                    fingerprint,
                ),
                self.stamp,
            )
            self.fingerprints[fingerprint] = entry_id
            self.summary.entries_created += 1
            known_answers: set[tuple[str, str, str]] = set()
            known_commitments: dict[tuple[str, str], tuple[int, str, str | None]] = {}
            has_health = has_stage = False
        else:
            self.summary.entries_matched += 1
            known_answers = {
                (text_key(q), a, text_key(s))
                for q, a, s in self.conn.execute(
                    "SELECT question_text, answer, speaker_name FROM answers WHERE entry_id = ?",
                    (entry_id,),
                )
            }
            known_commitments = {
                (text_key(t), o): (cid, st, done)
                for cid, t, o, st, done in self.conn.execute(
                    "SELECT id, text, owner, state, done_on FROM commitments WHERE entry_id = ?",
                    (entry_id,),
                )
            }
            has_health = self._exists("health_ratings", entry_id)
            has_stage = self._exists("stage_assessments", entry_id)
        if account_id is not None:
            self.summary.touched_account_ids.add(account_id)
        for name in entry.people:
            self.conn.execute(
                "INSERT OR IGNORE INTO entry_people (entry_id, stakeholder_id) VALUES (?, ?)",
                (entry_id, self.resolve(name, account_id)),
            )
        said_on = entry.date.isoformat()
        for position, answer in enumerate(entry.answers):
            akey = (text_key(answer.question), answer.answer, text_key(answer.speaker))
            if akey in known_answers:
                continue
            known_answers.add(akey)
            speaker_id = self.resolve(answer.speaker, account_id) if answer.speaker else None
            self.conn.execute(
                "INSERT INTO answers (id, entry_id, account_id, question_id, question_text, "
                "answer, speaker_id, speaker_name, tags, said_on, position) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    new_id(self.conn, "answers"),
                    entry_id,
                    account_id,
                    self.questions.get(text_key(answer.question)),
                    answer.question,
                    answer.answer,
                    speaker_id,
                    answer.speaker,
                    ",".join(answer.tags),
                    said_on,
                    position,
                ),
            )
            self.summary.answers_created += 1
        for position, commitment in enumerate(entry.commitments):
            self.commitment(commitment, account_id, entry_id, position, known_commitments)
        if entry.health and not has_health and account_id is not None:
            self.health(account_id, entry_id, said_on, entry.health)
        if entry.stage and not has_stage and account_id is not None:
            self.conn.execute(
                "INSERT INTO stage_assessments (id, account_id, entry_id, assessed_on, stage) "
                "VALUES (?,?,?,?,?)",
                (
                    new_id(self.conn, "stage_assessments"),
                    account_id,
                    entry_id,
                    said_on,
                    entry.stage,
                ),
            )

    def _exists(self, table: str, entry_id: int) -> bool:
        row = self.conn.execute(
            f"SELECT 1 FROM {table} WHERE entry_id = ? LIMIT 1", (entry_id,)
        ).fetchone()
        return row is not None

    def commitment(
        self,
        commitment: DocCommitment,
        account_id: int | None,
        entry_id: int | None,
        position: int,
        known: dict[tuple[str, str], tuple[int, str, str | None]],
    ) -> None:
        key = (text_key(commitment.text), commitment.owner)
        done = commitment.done.isoformat() if commitment.done else None
        if key in known:
            cid, state, done_on = known[key]
            if (state, done_on) != (commitment.state, done):
                self.conn.execute(
                    "UPDATE commitments SET state = ?, done_on = ? WHERE id = ?",
                    (commitment.state, done, cid),
                )
                self.summary.commitments_updated += 1
            return
        cur = self.conn.execute(
            "INSERT INTO commitments (id, entry_id, account_id, text, owner, due, state, done_on, "
            "position, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                new_id(self.conn, "commitments"),
                entry_id,
                account_id,
                commitment.text,
                commitment.owner,
                commitment.due.isoformat() if commitment.due else None,
                commitment.state,
                done,
                position,
                self.stamp,
            ),
        )
        known[key] = (inserted_id(cur), commitment.state, done)
        self.summary.commitments_created += 1

    def health(
        self, account_id: int, entry_id: int | None, on: str, scores: dict[str, int]
    ) -> None:
        columns = ", ".join(HEALTH_AREAS)
        marks = ", ".join("?" for _ in HEALTH_AREAS)
        values: list[Any] = [scores.get(area) for area in HEALTH_AREAS]
        self.conn.execute(
            f"INSERT INTO health_ratings (id, account_id, entry_id, rated_on, {columns}) "
            f"VALUES (?, ?, ?, ?, {marks})",
            (new_id(self.conn, "health_ratings"), account_id, entry_id, on, *values),
        )

    def account_extras(self, account: DocAccount, account_id: int) -> None:
        """Account-level commitments, ratings, stages and the override."""
        known = {
            (text_key(t), o): (cid, st, done)
            for cid, t, o, st, done in self.conn.execute(
                "SELECT id, text, owner, state, done_on FROM commitments "
                "WHERE account_id = ? AND entry_id IS NULL",
                (account_id,),
            )
        }
        for position, commitment in enumerate(account.commitments):
            self.commitment(commitment, account_id, None, position, known)
        ratings = {
            (row[0], tuple(row[1:]))
            for row in self.conn.execute(
                f"SELECT rated_on, {', '.join(HEALTH_AREAS)} FROM health_ratings "
                "WHERE account_id = ? AND entry_id IS NULL",
                (account_id,),
            )
        }
        for rating in account.health:
            on = rating.date.isoformat()
            if (on, tuple(rating.scores.get(a) for a in HEALTH_AREAS)) not in ratings:
                self.health(account_id, None, on, rating.scores)
        stages = {
            (row[0], row[1])
            for row in self.conn.execute(
                "SELECT assessed_on, stage FROM stage_assessments "
                "WHERE account_id = ? AND entry_id IS NULL",
                (account_id,),
            )
        }
        for stage in account.stages:
            if (stage.date.isoformat(), stage.stage) not in stages:
                self.conn.execute(
                    "INSERT INTO stage_assessments (id, account_id, entry_id, assessed_on, stage) "
                    "VALUES (?, ?, NULL, ?, ?)",
                    (
                        new_id(self.conn, "stage_assessments"),
                        account_id,
                        stage.date.isoformat(),
                        stage.stage,
                    ),
                )
        if account.override is not None:
            current = self.conn.execute(
                "SELECT label, reason FROM overrides WHERE account_id = ? AND cleared_at IS NULL "
                "ORDER BY id DESC LIMIT 1",
                (account_id,),
            ).fetchone()
            if current is None or tuple(current) != (
                account.override.label,
                account.override.reason,
            ):
                self.conn.execute(
                    "UPDATE overrides SET cleared_at = ? WHERE account_id = ? "
                    "AND cleared_at IS NULL",
                    (self.stamp, account_id),
                )
                self.conn.execute(
                    "INSERT INTO overrides (id, account_id, label, reason, created_at) "
                    "VALUES (?,?,?,?,?)",
                    (
                        new_id(self.conn, "overrides"),
                        account_id,
                        account.override.label,
                        account.override.reason,
                        self.stamp,
                    ),
                )


def import_document(
    db: Database,
    doc: Document,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Merge ``doc`` into the journal in one transaction; cancel leaves it unchanged."""
    summary = ImportSummary(warnings=list(doc.warnings))
    total = max(doc.entry_count, 1)
    done = 0
    with storage_errors("import into the journal"), db.atomic():
        marks = pause_fts_inserts(db)
        importer = _Importer(db, summary)
        for question in doc.questions:
            importer.question(question.text, question.topic, question.retired)
        for person in doc.team:
            importer.person(person, None)
        for person in doc.unassigned:  # version 2: customers without an account
            importer.unassigned_person(person)
        for team_entry in doc.team_entries:
            importer.entry(team_entry, None, "")
            done += 1
        for account in doc.accounts:
            if should_cancel is not None and should_cancel():
                raise CancelledError()
            account_id = importer.account(account)
            for person in account.stakeholders:
                importer.person(person, account_id)
            account_key = text_key(account.name)
            for entry in account.entries:
                importer.entry(entry, account_id, account_key)
            importer.account_extras(account, account_id)
            summary.touched_account_ids.add(account_id)
            done += len(account.entries)
            if progress is not None:
                progress(done, total)
        resume_fts_inserts(db, marks)
    log.info(
        "imported: %d accounts created, %d entries created, %d matched",
        summary.accounts_created,
        summary.entries_created,
        summary.entries_matched,
    )
    return summary
