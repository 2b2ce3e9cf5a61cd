"""The records an import of accounts and contacts works on, whatever the file format.

A ``SourceRecord`` is one row of a CSV file or one vCard, reduced to field values
(``crm_columns`` names the fields) and its number in the file. ``AccountRecord``
and ``PersonRecord`` are accounts and people as the planner sees them: ``ref`` is
the journal id of an existing one, or a negative number for one an import creates.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, NamedTuple

from reljournal.core.formats.interchange import MAX_SHORT, MAX_TEXT
from reljournal.core.model import GROUP_CUSTOMER, GROUP_INTERNAL, GROUP_PARTNER

ACCOUNT_DATA: Final = ("industry", "website", "notes")
# the parts of a person's name and their department (migration 0003_contact_points)
NAME_PARTS: Final = ("name_prefix", "given_name", "middle_name", "family_name", "name_suffix")
PERSON_EXTRA: Final = (*NAME_PARTS, "department")
PERSON_DATA: Final = ("title", "role", "email", "phone", "notes", *PERSON_EXTRA)
NAME_FIELDS: Final = frozenset({"name", "first_name", "last_name", "account", *NAME_PARTS})
EMAIL: Final = "email"
PHONE: Final = "phone"
ADDRESS: Final = "address"
POINT_KINDS: Final = (EMAIL, PHONE, ADDRESS)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# what people write in a group or category column, and the group it means
_GROUP_WORDS: Final = {
    GROUP_CUSTOMER: ("customer", "customers", "client", "clients", "customer contact", "buyer"),
    GROUP_INTERNAL: ("internal", "internal team", "team", "colleague", "colleagues", "staff",
                     "employee", "coworker", "co worker"),
    GROUP_PARTNER: ("partner", "partners", "external partner", "reseller", "integrator",
                    "distributor", "supplier", "lender", "channel partner"),
}  # fmt: skip
_GROUP_BY_WORD: Final = {w: g for g, words in _GROUP_WORDS.items() for w in words}


@dataclass
class AccountRecord:
    ref: int
    name: str
    industry: str = ""
    website: str = ""
    notes: str = ""
    points: list[ContactPoint] = field(default_factory=list)  # phones, addresses (import)


class ContactPoint(NamedTuple):
    """One email address, phone number or postal address of a person. A named tuple:
    immutable, made several times per row read (about twice as fast to make as a
    frozen dataclass), and written as a JSON array as it is."""

    kind: str  # EMAIL, PHONE or ADDRESS
    value: str  # as written in the source (an address on several lines)
    label: str = ""  # work, home, mobile, fax, other… (lower case)
    preferred: bool = False
    normalized: str = ""  # E.164 for a phone whose region is known; else ""

    def key(self) -> str:
        """What makes two points the same (case and spacing aside; E.164 for phones)."""
        if self.kind == PHONE:
            return self.normalized or "".join(c for c in self.value if c.isalnum()).lower()
        return " ".join(self.value.casefold().split())


@dataclass(slots=True)
class PersonRecord:
    ref: int
    account_ref: int | None
    name: str
    group: str = GROUP_CUSTOMER
    title: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    name_prefix: str = ""
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    name_suffix: str = ""
    department: str = ""
    points: list[ContactPoint] = field(default_factory=list)
    name_key: str = ""  # ``text_key(name)`` once worked out (a new person's, by the planner)


@dataclass(frozen=True, slots=True)
class SourceRecord:
    number: int  # row of a CSV file, or card of a vCard file
    values: dict[str, str]
    problem: str = ""  # why the record cannot be imported as it is
    points: tuple[ContactPoint, ...] = ()
    not_person: str = ""  # why the record is not a person (an organisation, a group…)


@contextmanager
def bulk_objects() -> Iterator[None]:
    """For reading or planning many records at once: the cyclic garbage collector is
    paused (records hold no cycles, and its full passes over millions of new objects
    took about half the time of a 50,000-row import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def strip_controls(value: str) -> str:
    """``value`` without control characters other than tab and line breaks."""
    return _CONTROL.sub("", value)


def clean_value(value: str, *, name: bool = False) -> str:
    """A cell as the journal keeps it: no control characters, no surrounding blanks;
    names on one line with single spaces."""
    if not value.isprintable():  # fast path: most cells have no control characters
        value = _CONTROL.sub("", value)
    return " ".join(value.split()) if name else value.strip()


@lru_cache(maxsize=1024)
def parse_group(text: str) -> str | None:
    """The stakeholder group a group/category cell names (the first known word in a
    list such as "Work, partner"), or None."""
    if not text:
        return None
    for part in re.split(r"[,;/|]", text):
        group = _GROUP_BY_WORD.get(" ".join(re.sub(r"[\W_]+", " ", part.casefold()).split()))
        if group:
            return group
    return None


def _limit_problem(values: dict[str, str]) -> str:
    for name, value in values.items():
        limit = MAX_TEXT if name == "notes" else MAX_SHORT
        if len(value) > limit:
            return f"the {name.replace('_', ' ')} is {len(value):,} characters long; at most {limit:,} fit"
    return ""


def make_record(
    number: int,
    values: dict[str, str],
    problem: str = "",
    points: Iterable[ContactPoint] = (),
    not_person: str = "",
) -> SourceRecord:
    """A record from raw field values and contact points (cleaned and checked here;
    the same point twice is kept once, the preferred one first of its kind)."""
    cleaned = {}
    for name, raw in values.items():
        if not raw.isprintable():  # ``clean_value``, inlined (called for every cell kept)
            raw = _CONTROL.sub("", raw)
        value = " ".join(raw.split()) if name in NAME_FIELDS else raw.strip()
        if value:
            cleaned[name] = value
    kept = unique_points(points)
    for kind in (EMAIL, PHONE):
        if not cleaned.get(kind):
            first = next((p for p in kept if p.kind == kind), None)
            if first is not None:
                cleaned[kind] = first.value
    return SourceRecord(
        number, cleaned, problem or _limit_problem(cleaned), tuple(kept), not_person
    )


def unique_points(points: Iterable[ContactPoint]) -> list[ContactPoint]:
    """Points cleaned, each once (by ``ContactPoint.key``), the preferred first of its
    kind and only one preferred per kind."""
    seen: dict[tuple[str, str], int] = {}
    out: list[ContactPoint] = []
    for point in points:
        value = point.value
        if not value.isprintable() or value != value.strip():  # an address's lines, too
            cleaned = clean_value(value)
            if not cleaned:
                continue
            if cleaned != value:
                value = cleaned
                point = ContactPoint(
                    point.kind, value, point.label, point.preferred, point.normalized
                )
        if len(value) > MAX_SHORT:
            continue
        kind = point.kind  # ``ContactPoint.key``, inlined (called for every point read)
        if kind == PHONE:
            key = (kind, point.normalized or "".join(c for c in value if c.isalnum()).lower())
        else:
            key = (kind, " ".join(value.casefold().split()))
        index = seen.get(key)
        if index is not None:
            if point.preferred and not out[index].preferred:
                old = out[index]
                out[index] = ContactPoint(old.kind, old.value, old.label, True, old.normalized)
            continue
        seen[key] = len(out)
        out.append(point)
    if len(out) > 1:
        out.sort(key=_point_order)
    kind = ""
    for index, p in enumerate(out):  # one preferred per kind: the first
        if p.kind != kind:
            kind = p.kind
            if not p.preferred:
                out[index] = ContactPoint(p.kind, p.value, p.label, True, p.normalized)
        elif p.preferred:
            out[index] = ContactPoint(p.kind, p.value, p.label, False, p.normalized)
    return out


_KIND_ORDER: Final = {kind: index for index, kind in enumerate(POINT_KINDS)}


def _point_order(point: ContactPoint) -> tuple[int, bool]:
    return _KIND_ORDER[point.kind], not point.preferred


def contact_values(record: SourceRecord, account_ids: dict[str, str]) -> tuple[dict[str, str], str]:
    """A contact's values with the name, account and phone worked out, and any problem."""
    values = dict(record.values)
    if not values.get("name"):
        parts = (values.get("first_name", ""), values.get("last_name", ""))
        values["name"] = " ".join(p for p in parts if p)
    problem = record.problem
    if not values.get("account") and values.get("account_id"):
        crm_id = values["account_id"]
        found = account_ids.get(crm_id) or account_ids.get(crm_id[:15])
        if found:
            values["account"] = clean_value(found, name=True)
    if not values.get("phone") and values.get("mobile"):
        values["phone"] = values["mobile"]
    return values, problem


# -- the plan of an import (made by csv_plan, written by store.csv_import) ----------

CREATE: Final = "create"
UPDATE: Final = "update"
UNCHANGED: Final = "unchanged"
SKIP: Final = "skip"


# why a record was skipped, for the summary's counts (the reason says it in full)
WHY_NO_ACCOUNT: Final = "no_account"
WHY_NOT_PERSON: Final = "not_person"
WHY_PROBLEM: Final = "problem"


@dataclass(frozen=True, slots=True)
class RowOutcome:
    number: int  # the row (CSV) or card (vCard) it is about
    action: str  # CREATE, UPDATE, UNCHANGED or SKIP
    name: str
    account: str = ""
    reason: str = ""  # for SKIP and UNCHANGED, in the user's words
    filled: tuple[str, ...] = ()  # fields an update fills in
    kept: tuple[str, ...] = ()  # fields where the journal's value differs and is kept
    why: str = ""  # for SKIP: WHY_NO_ACCOUNT, WHY_NOT_PERSON or WHY_PROBLEM


@dataclass(frozen=True)
class MatchToConfirm:
    """A person the import created who may be someone the journal (or the file)
    already has: the same name, but no email in common and another account."""

    number: int
    name: str
    account: str
    other: str  # who it may be: "Lucía Fernández (no account)" or "… at Acme (row 4)"


@dataclass
class Snapshot:
    """The journal's accounts and people, as the planner needs them."""

    accounts: list[AccountRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)


@dataclass
class ImportPlan:
    kind: str
    outcomes: list[RowOutcome] = field(default_factory=list)
    new_accounts: list[AccountRecord] = field(default_factory=list)  # ref < 0
    account_updates: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    new_people: list[PersonRecord] = field(default_factory=list)  # ref < 0
    people_updates: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # emails, phones and addresses added to people the journal already has
    point_additions: list[tuple[int, ContactPoint]] = field(default_factory=list)
    to_confirm: list[MatchToConfirm] = field(default_factory=list)
    keep_unassigned: bool = False
    records: int = 0  # how many records (rows, cards) the file had
    written_people: int = 0  # a streamed import: the new people already written

    def skipped(self, why: str) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == SKIP and o.why == why]

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def problems(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == SKIP]

    @property
    def changed(self) -> bool:
        return bool(
            self.new_accounts
            or self.account_updates
            or self.new_people
            or self.people_updates
            or self.point_additions
            or self.written_people
        )

    @property
    def write_count(self) -> int:
        return (
            len(self.new_accounts)
            + len(self.account_updates)
            + len(self.new_people)
            + len(self.people_updates)
            + len(self.point_additions)
        )
