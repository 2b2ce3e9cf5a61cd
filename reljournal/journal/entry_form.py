"""Recording an entry: what the quick entry holds, as plain data (its draft payload),
and how it is saved (``save_form``, called by ``Journal.record_entry``).

No Qt here: the save runs on the calling thread's connection.
The whole save (new account, new speakers, the entry, deleting the draft) is one
transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from reljournal.core.errors import ValidationError
from reljournal.core.model import (
    ENTRY_KINDS,
    GROUP_CUSTOMER,
    GROUP_INTERNAL,
    OWNER_ME,
    OWNERS,
    STATE_OPEN,
    Answer,
    Commitment,
    Entry,
    Stakeholder,
    text_key,
)
from reljournal.core.records import Change, EntryExtras
from reljournal.store.accounts import account_id_named, create_account
from reljournal.store.drafts import delete_draft
from reljournal.store.entries import get_entry, save_entry
from reljournal.store.people import add_stakeholder, list_stakeholders

PAYLOAD_VERSION = 1


@dataclass
class FormAnswer:
    question_text: str
    answer: str
    speaker: str = ""
    question_id: int | None = None


@dataclass
class FormCommitment:
    text: str
    owner: str = OWNER_ME
    due_text: str = ""
    due: dt.date | None = None
    state: str = STATE_OPEN
    id: int | None = None


@dataclass
class EntryForm:
    at: dt.datetime
    account_text: str = ""
    team: bool = False
    kind: str = "meeting"
    minutes: int | None = None
    notes: str = ""
    answers: list[FormAnswer] = field(default_factory=list)
    commitments: list[FormCommitment] = field(default_factory=list)
    health: dict[str, int] = field(default_factory=dict)
    stage: str | None = None
    people: list[int] = field(default_factory=list)
    entry_id: int | None = None
    # who attended, by name (the quick entry's people field): when given it is the whole
    # list; a new name becomes a contact of the account (or a team member)
    attendees: list[str] | None = None
    # issue 14: an entry logged from the meetings queue (its title; the meeting it logs)
    title: str = ""
    meeting_id: int | None = None

    def has_content(self) -> bool:
        """Whether discarding the form would lose something the user typed."""
        return bool(
            self.notes.strip()
            or any(a.answer.strip() for a in self.answers)
            or any(c.text.strip() for c in self.commitments)
            or self.health
            or self.stage
        )

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = PAYLOAD_VERSION
        data["at"] = self.at.isoformat(timespec="minutes")
        for c in data["commitments"]:
            c["due"] = c["due"].isoformat() if c["due"] else None
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> EntryForm:
        """Rebuild a form from a draft; anything unreadable falls back to a default."""

        def text(value: Any) -> str:
            return value if isinstance(value, str) else ""

        def number(value: Any) -> int | None:
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        try:
            at = dt.datetime.fromisoformat(text(data.get("at")))
        except ValueError:
            at = dt.datetime.now().replace(second=0, microsecond=0)
        answers = [
            FormAnswer(
                text(a.get("question_text")),
                text(a.get("answer")),
                text(a.get("speaker")),
                number(a.get("question_id")),
            )
            for a in data.get("answers") or []
            if isinstance(a, dict)
        ]
        commitments = []
        for c in data.get("commitments") or []:
            if not isinstance(c, dict):
                continue
            try:
                due = dt.date.fromisoformat(c["due"]) if c.get("due") else None
            except (TypeError, ValueError):
                due = None
            owner = str(c["owner"]) if c.get("owner") in OWNERS else OWNER_ME
            commitments.append(
                FormCommitment(
                    text(c.get("text")),
                    owner,
                    text(c.get("due_text")),
                    due,
                    text(c.get("state")) or STATE_OPEN,
                    number(c.get("id")),
                )
            )
        health_data = data.get("health") if isinstance(data.get("health"), dict) else {}
        kind = str(data["kind"]) if data.get("kind") in ENTRY_KINDS else "meeting"
        return cls(
            at=at,
            account_text=text(data.get("account_text")),
            team=bool(data.get("team")),
            kind=kind,
            minutes=number(data.get("minutes")),
            notes=text(data.get("notes")),
            answers=answers,
            commitments=commitments,
            health={k: v for k, v in (health_data or {}).items() if isinstance(v, int)},
            stage=data.get("stage") if isinstance(data.get("stage"), str) else None,
            people=[p for p in data.get("people") or [] if isinstance(p, int)],
            entry_id=number(data.get("entry_id")),
            attendees=(
                [a for a in data["attendees"] if isinstance(a, str)]
                if isinstance(data.get("attendees"), list)
                else None
            ),
            title=text(data.get("title")),
            meeting_id=number(data.get("meeting_id")),
        )


@dataclass
class SavedEntry:
    change: Change
    entry: Entry
    extras: EntryExtras
    before: tuple[Entry, EntryExtras] | None
    account_created: bool


def save_form(db: Database, form: EntryForm, *, draft_id: int | None = None) -> SavedEntry:
    """Save the form as an entry (creating its account and new speakers) in one transaction."""
    if not form.team and not form.account_text.strip():
        raise ValidationError("Name the account the entry is about.")
    with db.atomic():
        account_id: int | None = None
        created = False
        if not form.team:
            existed = account_id_named(db, form.account_text)
            account_id = create_account(db, form.account_text)
            created = existed is None
        before = get_entry(db, form.entry_id) if form.entry_id is not None else None
        people = list(form.people)
        if form.attendees is not None:
            people = _attendee_ids(db, account_id, form.attendees) + people
        elif before is not None:
            people = before[0].stakeholder_ids + people
        speaker_ids = _speaker_ids(db, account_id, form.answers)
        answers = []
        for a in form.answers:
            if not a.answer.strip():
                continue
            speaker_id = speaker_ids.get(text_key(a.speaker)) if a.speaker.strip() else None
            if speaker_id is not None:
                people.append(speaker_id)
            answers.append(
                Answer(
                    question_text=a.question_text,
                    answer=a.answer.strip(),
                    said_on=form.at.date(),
                    speaker=a.speaker.strip(),
                    question_id=a.question_id,
                    speaker_id=speaker_id,
                )
            )
        commitments = [
            Commitment(text=c.text.strip(), owner=c.owner, due=c.due, state=c.state, id=c.id)
            for c in form.commitments
            if c.text.strip()
        ]
        entry = Entry(
            id=form.entry_id,
            at=form.at,
            kind=form.kind,
            minutes=form.minutes,
            notes=form.notes.rstrip(),
            title=form.title.strip() or (before[0].title if before else ""),
            initiated_by=before[0].initiated_by if before else "",
            account_id=account_id,
            stakeholder_ids=list(dict.fromkeys(people)),
            answers=answers,
            commitments=commitments,
        )
        extras = EntryExtras(health=dict(form.health), stage=form.stage)
        change = save_entry(db, entry, extras)
        if form.meeting_id is not None and entry.id is not None:
            from reljournal.store.meetings import mark_logged

            mark_logged(db, form.meeting_id, entry.id)
        if draft_id is not None:
            delete_draft(db, draft_id)
    return SavedEntry(change, entry, extras, before, created)


def _speaker_ids(db: Database, account_id: int | None, answers: list[FormAnswer]) -> dict[str, int]:
    """The stakeholder id of each speaker; a customer's new name becomes a stakeholder."""
    names = {text_key(a.speaker): a.speaker.strip() for a in answers if a.speaker.strip()}
    if not names:
        return {}
    if account_id is None:
        known = {text_key(s.name): s.id for s in list_stakeholders(db, team=True)}
        return {k: known[k] for k in names if k in known}
    known = {text_key(s.name): s.id for s in list_stakeholders(db, account_id)}
    for key, name in names.items():
        if key not in known:
            known[key] = add_stakeholder(
                db, Stakeholder(name=name, group=GROUP_CUSTOMER, account_id=account_id)
            )
    return {k: known[k] for k in names}


def _attendee_ids(db: Database, account_id: int | None, names: list[str]) -> list[int]:
    """The ids of the people named: the account's own first, then the team; a new name
    becomes a contact of the account (a team member on a team entry)."""
    own = list_stakeholders(db, account_id) if account_id is not None else []
    team = list_stakeholders(db, team=True)
    known: dict[str, int] = {}
    for person in team + own:  # the account's own win over a namesake in the team
        known[text_key(person.name)] = person.id
    ids = []
    for name in names:
        clean = " ".join(name.split())
        key = text_key(clean)
        if not key:
            continue
        if key not in known:
            new = (
                Stakeholder(name=clean, group=GROUP_CUSTOMER, account_id=account_id)
                if account_id is not None
                else Stakeholder(name=clean, group=GROUP_INTERNAL)
            )
            known[key] = add_stakeholder(db, new)
        ids.append(known[key])
    return list(dict.fromkeys(ids))


def form_from_entry(entry: Entry, extras: EntryExtras, account_name: str) -> EntryForm:
    """The form that edits an existing entry."""
    return EntryForm(
        at=entry.at,
        account_text=account_name,
        team=entry.account_id is None,
        kind=entry.kind,
        minutes=entry.minutes,
        notes=entry.notes,
        answers=[
            FormAnswer(a.question_text, a.answer, a.speaker, a.question_id) for a in entry.answers
        ],
        commitments=[
            FormCommitment(
                c.text, c.owner, c.due.isoformat() if c.due else "", c.due, c.state, c.id
            )
            for c in entry.commitments
        ],
        health=dict(extras.health),
        stage=extras.stage,
        people=list(entry.stakeholder_ids),
        entry_id=entry.id,
    )
