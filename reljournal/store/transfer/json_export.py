"""Read the whole journal (or some accounts) back into an interchange ``Document``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlite_utils import Database

from reljournal.core.formats.interchange import (
    NAME_PART_FIELDS,
    DocAccount,
    DocAnswer,
    DocCommitment,
    DocEntry,
    DocHealth,
    DocOverride,
    DocPerson,
    DocPoint,
    DocQuestion,
    DocStage,
    Document,
)
from reljournal.core.model import GROUP_CUSTOMER, HEALTH_AREAS
from reljournal.store.database import storage_errors


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _scores(row: tuple[int | None, ...]) -> dict[str, int]:
    return {area: value for area, value in zip(HEALTH_AREAS, row, strict=True) if value}


def _points_beyond_v1(points: list[DocPoint], email: str, phone: str) -> list[DocPoint]:
    """The points, or none when they say no more than the person's email and phone (so a
    journal without several emails, phones or addresses is still written as version 1)."""
    plain = [DocPoint(k, v, "", True) for k, v in (("email", email), ("phone", phone)) if v]
    return [] if points == plain else points


def export_document(db: Database, account_ids: Iterable[int] | None = None) -> Document:
    """The journal as a document; ``account_ids`` limits it to those accounts (and no team)."""
    with storage_errors("read the journal"):
        return _export(db, None if account_ids is None else set(account_ids))


def _export(db: Database, only: set[int] | None) -> Document:
    conn = db.conn
    doc = Document()
    if only is None:
        for text, topic, retired in conn.execute(
            "SELECT text, topic, retired_at FROM questions ORDER BY position, id"
        ):
            doc.questions.append(DocQuestion(text=text, topic=topic, retired=retired is not None))
    names: dict[int, str] = {}
    people: dict[int | None, list[DocPerson]] = defaultdict(list)
    unassigned: list[DocPerson] = []  # customers without an account (issue 13)
    points: dict[int, list[DocPoint]] = defaultdict(list)
    for sid, kind, value, label, preferred in conn.execute(
        "SELECT stakeholder_id, kind, value, label, preferred FROM contact_points "
        "WHERE stakeholder_id IS NOT NULL ORDER BY stakeholder_id, preferred DESC, position, id"
    ):
        points[sid].append(DocPoint(kind, value, label, bool(preferred)))
    for sid, account_id, name, grp, title, role, email, phone, notes, *parts in conn.execute(
        "SELECT id, account_id, name, grp, title, role, email, phone, notes, name_prefix, "
        "given_name, middle_name, family_name, name_suffix, department FROM stakeholders "
        "ORDER BY name_key, id"
    ):
        names[sid] = name
        person = DocPerson(name, grp, title, role, email, phone, notes)
        person.name_parts = {k: v for k, v in zip(NAME_PART_FIELDS, parts, strict=True) if v}
        person.points = _points_beyond_v1(points.get(sid, []), email, phone)
        if account_id is None and grp == GROUP_CUSTOMER:
            unassigned.append(person)
        else:
            people[account_id].append(person)
    entry_people: dict[int, list[str]] = defaultdict(list)
    for entry_id, sid in conn.execute("SELECT entry_id, stakeholder_id FROM entry_people"):
        entry_people[entry_id].append(names[sid])
    answers: dict[int, list[DocAnswer]] = defaultdict(list)
    for entry_id, question, answer, speaker, tags in conn.execute(
        "SELECT entry_id, question_text, answer, speaker_name, tags FROM answers "
        "ORDER BY entry_id, position, id"
    ):
        answers[entry_id].append(
            DocAnswer(question, answer, speaker, [t for t in tags.split(",") if t])
        )
    entry_commitments: dict[int, list[DocCommitment]] = defaultdict(list)
    account_commitments: dict[int, list[DocCommitment]] = defaultdict(list)
    for entry_id, account_id, text, owner, due, state, done in conn.execute(
        "SELECT entry_id, account_id, text, owner, due, state, done_on FROM commitments "
        "ORDER BY position, id"
    ):
        item = DocCommitment(text, owner, _date(due), state, _date(done))
        if entry_id is None:
            account_commitments[account_id].append(item)
        else:
            entry_commitments[entry_id].append(item)
    entry_health: dict[int, dict[str, int]] = {}
    account_health: dict[int, list[DocHealth]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT account_id, entry_id, rated_on, {', '.join(HEALTH_AREAS)} FROM health_ratings "
        "ORDER BY rated_on, id"
    ):
        scores = _scores(row[3:])
        if row[1] is None:
            account_health[row[0]].append(DocHealth(dt.date.fromisoformat(row[2]), scores))
        else:
            entry_health[row[1]] = scores
    entry_stage: dict[int, str] = {}
    account_stages: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for account_id, entry_id, on, stage in conn.execute(
        "SELECT account_id, entry_id, assessed_on, stage FROM stage_assessments "
        "ORDER BY assessed_on, id"
    ):
        if entry_id is None:
            account_stages[account_id].append((on, stage))
        else:
            entry_stage[entry_id] = stage
    overrides: dict[int, DocOverride] = {}
    for account_id, label, reason in conn.execute(
        "SELECT account_id, label, reason FROM overrides WHERE cleared_at IS NULL ORDER BY id"
    ):
        overrides[account_id] = DocOverride(label, reason)

    def build_entry(row: tuple[object, ...]) -> DocEntry:
        entry_id, _account, at, kind, minutes, title, notes, initiated = row
        moment = dt.datetime.fromisoformat(str(at))
        assert isinstance(entry_id, int)
        return DocEntry(
            date=moment.date(),
            time=moment.time() if moment.time() != dt.time(0, 0) else None,
            kind=str(kind),
            minutes=minutes if isinstance(minutes, int) else None,
            title=str(title),
            notes=str(notes),
            initiated_by=str(initiated),
            people=sorted(entry_people.get(entry_id, []), key=str.casefold),
            answers=answers.get(entry_id, []),
            commitments=entry_commitments.get(entry_id, []),
            health=entry_health.get(entry_id),
            stage=entry_stage.get(entry_id),
        )

    entries: dict[int | None, list[DocEntry]] = defaultdict(list)
    for row in conn.execute(
        "SELECT id, account_id, at, kind, minutes, title, notes, initiated_by FROM entries "
        "ORDER BY at, id"
    ):
        if only is not None and row[1] not in only:
            continue
        entries[row[1]].append(build_entry(tuple(row)))

    for account_id, name, industry, website, notes in conn.execute(
        "SELECT id, name, industry, website, notes FROM accounts ORDER BY name_key, id"
    ):
        if only is not None and account_id not in only:
            continue
        doc.accounts.append(
            DocAccount(
                name=name,
                industry=industry,
                website=website,
                notes=notes,
                stakeholders=people.get(account_id, []),
                entries=entries.get(account_id, []),
                commitments=account_commitments.get(account_id, []),
                health=account_health.get(account_id, []),
                stages=[
                    DocStage(dt.date.fromisoformat(on), stage)
                    for on, stage in account_stages.get(account_id, [])
                ],
                override=overrides.get(account_id),
            )
        )
    if only is None:
        doc.team = people.get(None, [])
        doc.unassigned = unassigned
        doc.team_entries = entries.get(None, [])
    return doc
