"""The records an import of accounts and contacts works on, whatever the file format.

A ``SourceRecord`` is one row of a CSV file or one vCard, reduced to field values
(``crm_columns`` names the fields) and its number in the file. ``AccountRecord``
and ``PersonRecord`` are accounts and people as the planner sees them: ``ref`` is
the journal id of an existing one, or a negative number for one an import creates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from reljournal.core.formats.crm_columns import ColumnMapping
from reljournal.core.formats.csv_read import CsvTable, unescape_cell
from reljournal.core.formats.interchange import MAX_SHORT, MAX_TEXT
from reljournal.core.model import GROUP_CUSTOMER, GROUP_INTERNAL, GROUP_PARTNER

ACCOUNT_DATA: Final = ("industry", "website", "notes")
PERSON_DATA: Final = ("title", "role", "email", "phone", "notes")
NAME_FIELDS: Final = frozenset({"name", "first_name", "last_name", "account"})
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


@dataclass
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


@dataclass(frozen=True)
class SourceRecord:
    number: int  # row of a CSV file, or card of a vCard file
    values: dict[str, str]
    problem: str = ""  # why the record cannot be imported as it is


def strip_controls(value: str) -> str:
    """``value`` without control characters other than tab and line breaks."""
    return _CONTROL.sub("", value)


def clean_value(value: str, *, name: bool = False) -> str:
    """A cell as the journal keeps it: no control characters, no surrounding blanks;
    names on one line with single spaces."""
    if not value.isprintable():  # fast path: most cells have no control characters
        value = _CONTROL.sub("", value)
    return " ".join(value.split()) if name else value.strip()


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


def make_record(number: int, values: dict[str, str], problem: str = "") -> SourceRecord:
    """A record from raw field values (cleaned and checked here)."""
    cleaned = {}
    for name, raw in values.items():
        value = clean_value(raw, name=name in NAME_FIELDS)
        if value:
            cleaned[name] = value
    return SourceRecord(number, cleaned, problem or _limit_problem(cleaned))


def records_from_table(table: CsvTable, mapping: ColumnMapping) -> Iterator[SourceRecord]:
    """Each row of ``table`` as field values, by ``mapping``; formula escapes undone."""
    width = len(table.headers)
    columns = {name: mapping.columns_for(name) for name in set(mapping.fields.values())}
    for row in table.rows:
        cells = row.cells
        problem = ""
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problem = (
                f"the row has {len(cells)} cells but the header has {width}; a delimiter "
                "or a quote in it is probably wrong"
            )
        values: dict[str, str] = {}
        for name, indexes in columns.items():
            for index in indexes:
                if index < len(cells) and cells[index].strip():
                    values[name] = unescape_cell(cells[index].strip())
                    break
        yield make_record(row.number, values, problem)


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
        elif not problem:
            problem = (
                f"the account is given only by its Salesforce id {crm_id}; give the "
                "Account.csv of the same export too"
            )
    if not values.get("phone") and values.get("mobile"):
        values["phone"] = values["mobile"]
    return values, problem


# -- the plan of an import (made by csv_plan, written by store.csv_import) ----------

CREATE: Final = "create"
UPDATE: Final = "update"
UNCHANGED: Final = "unchanged"
SKIP: Final = "skip"


@dataclass(frozen=True)
class RowOutcome:
    number: int  # the row (CSV) or card (vCard) it is about
    action: str  # CREATE, UPDATE, UNCHANGED or SKIP
    name: str
    account: str = ""
    reason: str = ""  # for SKIP and UNCHANGED, in the user's words
    filled: tuple[str, ...] = ()  # fields an update fills in
    kept: tuple[str, ...] = ()  # fields where the journal's value differs and is kept


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

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def problems(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == SKIP]

    @property
    def changed(self) -> bool:
        return bool(
            self.new_accounts or self.account_updates or self.new_people or self.people_updates
        )

    @property
    def write_count(self) -> int:
        return (
            len(self.new_accounts)
            + len(self.account_updates)
            + len(self.new_people)
            + len(self.people_updates)
        )
