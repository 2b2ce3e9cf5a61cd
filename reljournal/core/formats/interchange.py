"""The JSON journal format (``"format": "reljournal"``, version 1).

``parse_document`` validates a decoded document into typed records and raises
``InterchangeError`` naming the place (account index and name, entry index,
field) of the first problem. ``document_to_dict`` writes the records back as a
plain dict with a stable order and empty fields left out, so that
export → import → export gives the same document. Unknown fields are allowed
(newer writers may add some) and reported as warnings.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from reljournal.core.errors import InterchangeError
from reljournal.core.model import (
    COMMITMENT_STATES,
    ENTRY_KINDS,
    GROUP_CUSTOMER,
    GROUPS,
    HEALTH_AREAS,
    INITIATORS,
    LABELS,
    OWNERS,
    STAGES,
    STATE_OPEN,
    text_key,
)

FORMAT: Final = "reljournal"
VERSION: Final = 1
# version 2 (issue 13) adds to a person "name_parts" and "contact_points", and to the
# document "unassigned" (customers without an account); a file is written as version 2
# only when it has any of them, so a journal without them still reads in older apps
VERSION_2: Final = 2
VERSIONS: Final = (1, 2)
NAME_PART_FIELDS: Final = ("prefix", "given", "middle", "family", "suffix", "department")
POINT_KINDS: Final = ("email", "phone", "address")
MAX_SHORT: Final = 1_000  # names, titles, roles, questions
MAX_TEXT: Final = 200_000  # notes, answers
MAX_MINUTES: Final = 24 * 60 * 7
MAX_DEPTH: Final = 64


@dataclass
class DocPoint:
    """An email, phone or postal address of a person (version 2)."""

    kind: str  # "email", "phone" or "address"
    value: str
    label: str = ""
    preferred: bool = False


@dataclass
class DocPerson:
    name: str
    group: str = GROUP_CUSTOMER
    title: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    # version 2 (issue 13): the parts of the name and the department, every contact point
    name_parts: dict[str, str] = field(default_factory=dict)
    points: list[DocPoint] = field(default_factory=list)


@dataclass
class DocAnswer:
    question: str
    answer: str
    speaker: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class DocCommitment:
    text: str
    owner: str = "me"
    due: dt.date | None = None
    state: str = STATE_OPEN
    done: dt.date | None = None


@dataclass
class DocHealth:
    date: dt.date
    scores: dict[str, int]


@dataclass
class DocStage:
    date: dt.date
    stage: str


@dataclass
class DocEntry:
    date: dt.date
    time: dt.time | None = None
    kind: str = "meeting"
    minutes: int | None = None
    title: str = ""
    notes: str = ""
    initiated_by: str = ""
    people: list[str] = field(default_factory=list)
    answers: list[DocAnswer] = field(default_factory=list)
    commitments: list[DocCommitment] = field(default_factory=list)
    health: dict[str, int] | None = None
    stage: str | None = None

    @property
    def at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.time or dt.time(0, 0))


@dataclass
class DocOverride:
    label: str
    reason: str


@dataclass
class DocAccount:
    name: str
    industry: str = ""
    website: str = ""
    notes: str = ""
    stakeholders: list[DocPerson] = field(default_factory=list)
    entries: list[DocEntry] = field(default_factory=list)
    commitments: list[DocCommitment] = field(default_factory=list)
    health: list[DocHealth] = field(default_factory=list)
    stages: list[DocStage] = field(default_factory=list)
    override: DocOverride | None = None


@dataclass
class DocQuestion:
    text: str
    topic: str = ""
    retired: bool = False


@dataclass
class Document:
    accounts: list[DocAccount] = field(default_factory=list)
    team: list[DocPerson] = field(default_factory=list)
    unassigned: list[DocPerson] = field(default_factory=list)  # version 2
    team_entries: list[DocEntry] = field(default_factory=list)
    questions: list[DocQuestion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def entry_count(self) -> int:
        return sum(len(a.entries) for a in self.accounts) + len(self.team_entries)


# ---------------------------------------------------------------- decoding


def _reject_constant(name: str) -> Any:
    raise InterchangeError(f"{name} is not allowed in a journal file")


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InterchangeError(f'the key "{key}" appears twice in the same object')
        result[key] = value
    return result


def loads(raw: bytes | str) -> Any:
    """Decode JSON text strictly (no NaN/Infinity, no duplicate keys, UTF-8 only)."""
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InterchangeError(
                f"the file is not UTF-8 text (bad byte at position {exc.start})"
            ) from exc
    else:
        text = raw
    if not text.strip():
        raise InterchangeError("the file is empty")
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise InterchangeError("the file is nested too deeply to be a journal") from exc


class _Reader:
    """Walks a decoded document, collecting warnings; raises on the first error."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def obj(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise InterchangeError(f"expected an object, found {_kind(value)}", where)
        unknown = sorted(set(value) - allowed)
        if unknown:
            self.warnings.append(f"{where}: ignored unknown field(s) {', '.join(unknown)}")
        return value

    def list(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise InterchangeError(f"expected a list, found {_kind(value)}", f"{where}.{key}")
        return value

    def text(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        *,
        required: bool = False,
        limit: int = MAX_SHORT,
    ) -> str:
        value = data.get(key)
        place = f"{where}.{key}"
        if value is None:
            if required:
                raise InterchangeError("is required", place)
            return ""
        if not isinstance(value, str):
            raise InterchangeError(f"expected text, found {_kind(value)}", place)
        if "\x00" in value:
            raise InterchangeError("contains a NUL character", place)
        if _has_surrogate(value):
            raise InterchangeError(_SURROGATE_MESSAGE, place)
        if len(value) > limit:
            raise InterchangeError(
                f"is {len(value):,} characters long; at most {limit:,} are allowed", place
            )
        if required and not value.strip():
            raise InterchangeError("is empty", place)
        return value

    def choice(
        self, data: dict[str, Any], key: str, where: str, options: tuple[str, ...], default: str
    ) -> str:
        value = self.text(data, key, where)
        if not value:
            return default
        norm = value.strip().lower()
        if norm not in options:
            raise InterchangeError(
                f'"{_clip(value)}" is not one of {", ".join(options)}', f"{where}.{key}"
            )
        return norm

    def date(self, data: dict[str, Any], key: str, where: str, *, required: bool = False) -> Any:
        value = self.text(data, key, where, required=required, limit=40)
        if not value:
            return None
        return parse_date_text(value, f"{where}.{key}")

    def integer(
        self, data: dict[str, Any], key: str, where: str, low: int, high: int
    ) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InterchangeError(f"expected a number, found {_kind(value)}", f"{where}.{key}")
        if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
            raise InterchangeError("expected a whole number", f"{where}.{key}")
        number = int(value)
        if not low <= number <= high:
            raise InterchangeError(f"{number} is outside {low}..{high}", f"{where}.{key}")
        return number


def parse_date_text(value: str, where: str) -> dt.date | dt.datetime:
    """A date ``YYYY-MM-DD`` or a date and time ``YYYY-MM-DDTHH:MM[:SS]``."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
        return moment.replace(tzinfo=None)
    except ValueError as exc:
        raise InterchangeError(
            f'"{_clip(value)}" is not a date (expected YYYY-MM-DD)', where
        ) from exc


_SURROGATE_MESSAGE: Final = "contains an invalid character escape (a lone \\ud800-\\udfff)"


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (valid JSON escape, but not a character)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PERSON_FIELDS = {"name", "group", "title", "role", "email", "phone", "notes", "name_parts",
                  "contact_points"}  # fmt: skip
_ANSWER_FIELDS = {"question", "answer", "speaker", "tags"}
_COMMITMENT_FIELDS = {"text", "owner", "due", "state", "done"}
_ENTRY_FIELDS = {
    "date",
    "time",
    "kind",
    "minutes",
    "title",
    "notes",
    "initiated_by",
    "people",
    "answers",
    "commitments",
    "health",
    "stage",
}
_ACCOUNT_FIELDS = {
    "name",
    "industry",
    "website",
    "notes",
    "stakeholders",
    "entries",
    "commitments",
    "health",
    "stages",
    "override",
}
_TOP_FIELDS = {"format", "version", "accounts", "team", "team_entries", "questions", "exported_by",
               "unassigned"}  # fmt: skip


def parse_document(
    data: Any,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Validate a decoded journal document; raise ``InterchangeError`` on the first problem."""
    reader = _Reader()
    top = reader.obj(data, "document", _TOP_FIELDS)
    if top.get("format") != FORMAT:
        raise InterchangeError('this is not a RelJournal file ("format" must be "reljournal")')
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version not in VERSIONS:
        raise InterchangeError(
            f"version {version!r} is not supported (this app reads versions 1 and 2)"
        )
    doc = Document()
    for index, item in enumerate(reader.list(top, "questions", "document")):
        where = f"questions[{index}]"
        q = reader.obj(item, where, {"text", "topic", "retired"})
        retired = q.get("retired", False)
        if not isinstance(retired, bool):
            raise InterchangeError("expected true or false", f"{where}.retired")
        doc.questions.append(
            DocQuestion(
                text=reader.text(q, "text", where, required=True),
                topic=reader.text(q, "topic", where),
                retired=retired,
            )
        )
    for index, item in enumerate(reader.list(top, "team", "document")):
        doc.team.append(_person(reader, item, f"team[{index}]", team=True))
    for index, item in enumerate(reader.list(top, "unassigned", "document")):
        person = _person(reader, item, f"unassigned[{index}]")
        person.group = GROUP_CUSTOMER
        doc.unassigned.append(person)
    for index, item in enumerate(reader.list(top, "team_entries", "document")):
        team_entry = _entry(reader, item, f"team_entries[{index}]")
        if team_entry.health or team_entry.stage:
            # ratings and stages describe an account's relationship: the store has no
            # place for them on a team entry
            reader.warnings.append(
                f"team_entries[{index}]: ignored health and stage (they belong to an account)"
            )
            team_entry.health = team_entry.stage = None
        doc.team_entries.append(team_entry)
    accounts = reader.list(top, "accounts", "document")
    for index, item in enumerate(accounts):
        doc.accounts.append(_account(reader, item, index))
        if progress is not None and index % 50 == 0:
            progress(index, len(accounts))
    doc.warnings = reader.warnings
    return doc


def _account(reader: _Reader, item: Any, index: int) -> DocAccount:
    where = f"accounts[{index}]"
    data = reader.obj(item, where, _ACCOUNT_FIELDS)
    name = reader.text(data, "name", where, required=True)
    if not text_key(name):
        # accounts merge by name; "!!!" and "???" would become one account
        raise InterchangeError("needs at least one letter or digit", f"{where}.name")
    where = f'accounts[{index}] ("{_clip(name)}")'
    account = DocAccount(
        name=name.strip(),
        industry=reader.text(data, "industry", where),
        website=reader.text(data, "website", where),
        notes=reader.text(data, "notes", where, limit=MAX_TEXT),
    )
    for i, person in enumerate(reader.list(data, "stakeholders", where)):
        account.stakeholders.append(_person(reader, person, f"{where}.stakeholders[{i}]"))
    for i, entry in enumerate(reader.list(data, "entries", where)):
        account.entries.append(_entry(reader, entry, f"{where}.entries[{i}]"))
    for i, commitment in enumerate(reader.list(data, "commitments", where)):
        account.commitments.append(_commitment(reader, commitment, f"{where}.commitments[{i}]"))
    for i, rating in enumerate(reader.list(data, "health", where)):
        place = f"{where}.health[{i}]"
        obj = reader.obj(rating, place, {"date", *HEALTH_AREAS})
        account.health.append(
            DocHealth(
                date=_as_date(reader.date(obj, "date", place, required=True)),
                scores=_scores(reader, obj, place),
            )
        )
    for i, stage in enumerate(reader.list(data, "stages", where)):
        place = f"{where}.stages[{i}]"
        obj = reader.obj(stage, place, {"date", "stage"})
        account.stages.append(
            DocStage(
                date=_as_date(reader.date(obj, "date", place, required=True)),
                stage=reader.choice(obj, "stage", place, STAGES, ""),
            )
        )
        if not account.stages[-1].stage:
            raise InterchangeError("is required", f"{place}.stage")
    if data.get("override") is not None:
        place = f"{where}.override"
        obj = reader.obj(data["override"], place, {"label", "reason"})
        label = reader.choice(obj, "label", place, LABELS, "")
        if not label:
            raise InterchangeError("is required", f"{place}.label")
        account.override = DocOverride(label=label, reason=reader.text(obj, "reason", place))
    return account


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _person(reader: _Reader, item: Any, where: str, *, team: bool = False) -> DocPerson:
    data = reader.obj(item, where, _PERSON_FIELDS)
    name = reader.text(data, "name", where, required=True).strip()
    default_group = "internal" if team else GROUP_CUSTOMER
    group = reader.choice(data, "group", where, GROUPS, default_group)
    if team and group == GROUP_CUSTOMER:
        raise InterchangeError('team members are "internal" or "partner"', f"{where}.group")
    return DocPerson(
        name=name,
        group=group,
        title=reader.text(data, "title", where),
        role=reader.text(data, "role", where),
        email=reader.text(data, "email", where),
        phone=reader.text(data, "phone", where),
        notes=reader.text(data, "notes", where, limit=MAX_TEXT),
        name_parts=_name_parts(reader, data, where),
        points=_points(reader, data, where),
    )


def _name_parts(reader: _Reader, data: dict[str, Any], where: str) -> dict[str, str]:
    if "name_parts" not in data:
        return {}
    parts = reader.obj(data["name_parts"], f"{where}.name_parts", set(NAME_PART_FIELDS))
    out = {}
    for key in NAME_PART_FIELDS:
        value = reader.text(parts, key, f"{where}.name_parts").strip()
        if value:
            out[key] = value
    return out


def _points(reader: _Reader, data: dict[str, Any], where: str) -> list[DocPoint]:
    points = []
    for index, item in enumerate(reader.list(data, "contact_points", where)):
        place = f"{where}.contact_points[{index}]"
        point = reader.obj(item, place, {"kind", "value", "label", "preferred"})
        kind = reader.choice(point, "kind", place, POINT_KINDS, "")
        value = reader.text(point, "value", place, required=True).strip()
        preferred = point.get("preferred", False)
        if not isinstance(preferred, bool):
            raise InterchangeError("must be true or false", f"{place}.preferred")
        points.append(DocPoint(kind, value, reader.text(point, "label", place), preferred))
    return points


def _entry(reader: _Reader, item: Any, where: str) -> DocEntry:
    data = reader.obj(item, where, _ENTRY_FIELDS)
    when = reader.date(data, "date", where, required=True)
    time_text = reader.text(data, "time", where, limit=20)
    moment: dt.time | None = None
    if isinstance(when, dt.datetime):
        moment = when.time().replace(second=0, microsecond=0)
        when = when.date()
    if time_text:
        try:
            moment = dt.time.fromisoformat(time_text.strip()).replace(second=0, microsecond=0)
        except ValueError as exc:
            raise InterchangeError(
                f'"{_clip(time_text)}" is not a time (expected HH:MM)', f"{where}.time"
            ) from exc
    entry = DocEntry(
        date=when,
        time=moment if moment and moment != dt.time(0, 0) else None,
        kind=reader.choice(data, "kind", where, ENTRY_KINDS, "meeting"),
        minutes=reader.integer(data, "minutes", where, 0, MAX_MINUTES),
        title=reader.text(data, "title", where),
        notes=reader.text(data, "notes", where, limit=MAX_TEXT),
        initiated_by=reader.choice(data, "initiated_by", where, INITIATORS, ""),
    )
    for i, person in enumerate(reader.list(data, "people", where)):
        if not isinstance(person, str) or not person.strip():
            raise InterchangeError("expected a person's name", f"{where}.people[{i}]")
        if "\x00" in person:  # SQLite would see an empty name (it stops at the NUL)
            raise InterchangeError("contains a NUL character", f"{where}.people[{i}]")
        if _has_surrogate(person):
            raise InterchangeError(_SURROGATE_MESSAGE, f"{where}.people[{i}]")
        if len(person) > MAX_SHORT:
            raise InterchangeError("is too long for a name", f"{where}.people[{i}]")
        entry.people.append(person.strip())
    for i, answer in enumerate(reader.list(data, "answers", where)):
        place = f"{where}.answers[{i}]"
        obj = reader.obj(answer, place, _ANSWER_FIELDS)
        tags = reader.list(obj, "tags", place)
        if not all(isinstance(t, str) and 0 < len(t.strip()) <= 60 for t in tags):
            raise InterchangeError("tags must be short texts", f"{place}.tags")
        if any("\x00" in t for t in tags):
            raise InterchangeError("contains a NUL character", f"{place}.tags")
        if any(_has_surrogate(t) for t in tags):
            raise InterchangeError(_SURROGATE_MESSAGE, f"{place}.tags")
        # the store keeps tags comma-separated: "a,b" is two tags
        tags = [part for t in tags for part in t.split(",") if part.strip()]
        entry.answers.append(
            DocAnswer(
                question=reader.text(obj, "question", place, required=True).strip(),
                answer=reader.text(obj, "answer", place, required=True, limit=MAX_TEXT),
                speaker=reader.text(obj, "speaker", place).strip(),
                tags=sorted({t.strip().lower() for t in tags}),
            )
        )
    for i, commitment in enumerate(reader.list(data, "commitments", where)):
        entry.commitments.append(_commitment(reader, commitment, f"{where}.commitments[{i}]"))
    if data.get("health") is not None:
        place = f"{where}.health"
        obj = reader.obj(data["health"], place, set(HEALTH_AREAS))
        entry.health = _scores(reader, obj, place) or None
    stage = reader.choice(data, "stage", where, STAGES, "")
    entry.stage = stage or None
    return entry


def _commitment(reader: _Reader, item: Any, where: str) -> DocCommitment:
    data = reader.obj(item, where, _COMMITMENT_FIELDS)
    due = reader.date(data, "due", where)
    done = reader.date(data, "done", where)
    return DocCommitment(
        text=reader.text(data, "text", where, required=True, limit=MAX_TEXT).strip(),
        owner=reader.choice(data, "owner", where, OWNERS, "me"),
        due=_as_date(due) if due else None,
        state=reader.choice(data, "state", where, COMMITMENT_STATES, STATE_OPEN),
        done=_as_date(done) if done else None,
    )


def _scores(reader: _Reader, data: dict[str, Any], where: str) -> dict[str, int]:
    scores: dict[str, int] = {}
    for area in HEALTH_AREAS:
        value = reader.integer(data, area, where, 1, 5)
        if value is not None:
            scores[area] = value
    return scores


# ---------------------------------------------------------------- encoding


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in ("", None, [], {})}


def _person_dict(p: DocPerson, *, team: bool = False) -> dict[str, Any]:
    return _drop_empty(
        {
            "name": p.name,
            "title": p.title,
            "group": p.group,
            "role": p.role,
            "email": p.email,
            "phone": p.phone,
            "notes": p.notes,
            "name_parts": p.name_parts,
            "contact_points": [
                _drop_empty(
                    {
                        "kind": q.kind,
                        "value": q.value,
                        "label": q.label,
                        "preferred": q.preferred or None,
                    }
                )  # fmt: skip
                for q in p.points
            ],
        }
    )


def _is_version_2(doc: Document) -> bool:
    people = [*doc.team, *doc.unassigned, *(p for a in doc.accounts for p in a.stakeholders)]
    return bool(doc.unassigned) or any(p.name_parts or p.points for p in people)


def _commitment_dict(c: DocCommitment) -> dict[str, Any]:
    return _drop_empty(
        {
            "text": c.text,
            "owner": c.owner,
            "due": c.due.isoformat() if c.due else None,
            "state": c.state,
            "done": c.done.isoformat() if c.done else None,
        }
    )


def _entry_dict(e: DocEntry) -> dict[str, Any]:
    return _drop_empty(
        {
            "date": e.date.isoformat(),
            "time": e.time.strftime("%H:%M") if e.time else None,
            "kind": e.kind,
            "minutes": e.minutes,
            "title": e.title,
            "notes": e.notes,
            "initiated_by": e.initiated_by,
            "people": list(e.people),
            "answers": [
                _drop_empty(
                    {
                        "question": a.question,
                        "answer": a.answer,
                        "speaker": a.speaker,
                        "tags": list(a.tags),
                    }
                )
                for a in e.answers
            ],
            "commitments": [_commitment_dict(c) for c in e.commitments],
            "health": dict(e.health) if e.health else None,
            "stage": e.stage,
        }
    )


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data, in a stable order."""
    accounts = []
    for a in doc.accounts:
        accounts.append(
            _drop_empty(
                {
                    "name": a.name,
                    "industry": a.industry,
                    "website": a.website,
                    "notes": a.notes,
                    "stakeholders": [_person_dict(p) for p in a.stakeholders],
                    "entries": [_entry_dict(e) for e in a.entries],
                    "commitments": [_commitment_dict(c) for c in a.commitments],
                    "health": [{"date": h.date.isoformat(), **h.scores} for h in a.health],
                    "stages": [{"date": s.date.isoformat(), "stage": s.stage} for s in a.stages],
                    "override": (
                        {"label": a.override.label, "reason": a.override.reason}
                        if a.override
                        else None
                    ),
                }
            )
        )
    result: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION_2 if _is_version_2(doc) else VERSION,
    }
    if doc.questions:
        result["questions"] = [
            _drop_empty({"text": q.text, "topic": q.topic, "retired": q.retired or None})
            for q in doc.questions
        ]
    result["accounts"] = accounts
    if doc.team:
        result["team"] = [_person_dict(p, team=True) for p in doc.team]
    if doc.unassigned:
        result["unassigned"] = [_person_dict(p) for p in doc.unassigned]
    if doc.team_entries:
        result["team_entries"] = [_entry_dict(e) for e in doc.team_entries]
    return result


def dumps(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"
