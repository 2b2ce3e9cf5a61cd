"""Plan an import of accounts or contacts against a snapshot of the journal.

Pure: the store takes the snapshot and writes the plan. Every source row gets an
outcome (create, update, unchanged or skip with a reason) naming its row number.
An update only fills fields the journal has empty: what the rep already wrote is
never overwritten, and a differing value is reported as kept. Accounts match by
``company_key`` (case, punctuation, accents and company suffixes aside), people by
email, else by name, within their account (or among the team).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Final

from reljournal.core.errors import CancelledError
from reljournal.core.formats.company_names import company_key
from reljournal.core.formats.contacts import (
    ACCOUNT_DATA,
    CREATE,
    EMAIL,
    PERSON_DATA,
    SKIP,
    UNCHANGED,
    UPDATE,
    WHY_NO_ACCOUNT,
    WHY_NOT_PERSON,
    WHY_PROBLEM,
    AccountRecord,
    ContactPoint,
    ImportPlan,
    MatchToConfirm,
    PersonRecord,
    RowOutcome,
    Snapshot,
    SourceRecord,
    bulk_objects,
    contact_values,
    parse_group,
)
from reljournal.core.formats.crm_columns import KIND_ACCOUNTS
from reljournal.core.model import GROUP_CUSTOMER, text_key

__all__ = [
    "CREATE",
    "SKIP",
    "UNCHANGED",
    "UPDATE",
    "ImportPlan",
    "RowOutcome",
    "Snapshot",
    "plan_import",
]

MAX_NAME: Final = 200

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
# a streamed import (``plan_import``'s ``write``): given the new accounts and people
# planned since the last call, writes them and returns each person's id in the journal
WriteNew = Callable[[list[AccountRecord], list[PersonRecord]], dict[int, int]]
# reads back a person already written (with their points), by journal id
LoadPerson = Callable[[int], PersonRecord]
FLUSH_EVERY: Final = 2000  # records planned between two writes of a streamed import


class _People(dict[int, PersonRecord]):
    """The people the planner knows, by ref. A person a streamed import has written
    is let go (only the indexes keep their ref) and read back from the journal if
    the file names them again."""

    def __init__(self, planner: _Planner, people: Iterable[PersonRecord]) -> None:
        super().__init__((p.ref, p) for p in people)
        self.planner = planner

    def __missing__(self, ref: int) -> PersonRecord:
        planner = self.planner
        if planner.load_person is None or ref not in planner.store_ids:
            raise KeyError(ref)
        person = planner.load_person(planner.store_ids[ref])
        person.ref = ref
        if person.account_ref is not None:
            person.account_ref = planner.account_refs.get(person.account_ref, person.account_ref)
        self[ref] = planner.original_people[ref] = person
        return person


class _Planner:
    def __init__(self, snapshot: Snapshot) -> None:
        # the snapshot's records are never changed: one is copied before its first change
        self.accounts = {a.ref: a for a in snapshot.accounts}
        self.people = _People(self, snapshot.people)
        self.original_accounts = dict(self.accounts)
        self.original_people = dict(self.people)
        # a streamed import: new people written so far (ref -> journal id), new
        # accounts written (journal id -> ref), and the refs planned since the last write
        self.store_ids: dict[int, int] = {}
        self.account_refs: dict[int, int] = {}
        self.load_person: LoadPerson | None = None
        self.unwritten_people: list[int] = []
        self.unwritten_accounts: list[int] = []
        self.written_people = 0
        self.account_cache: dict[str, int] = {}  # account text as written -> ref
        self.last_keys = ("", "", "")  # the last name find_account missed, and its keys
        self.account_by_key: dict[str, int] = {}
        self.account_by_company: dict[str, list[int]] = defaultdict(list)
        for a in snapshot.accounts:
            self._index_account(a)
        # an email names one person, whatever their account; a name only within one
        self.person_by_email: dict[str, int] = {}
        self.person_by_name: dict[tuple[int | None, str], list[int]] = defaultdict(list)
        self.people_by_name: dict[str, list[int]] = defaultdict(list)  # any account
        for p in snapshot.people:
            self._index_person(p)
        self.created_by_row: dict[tuple[str, int], int] = {}
        self.next_ref = -1
        self.keep_unassigned = False
        # the points each person holds, worked out only for a person met a second time
        self.point_keys: dict[int, set[tuple[str, str]]] = {}
        self.point_additions: list[tuple[int, ContactPoint]] = []
        self.to_confirm: list[MatchToConfirm] = []

    def _index_account(self, a: AccountRecord, keys: tuple[str, str] | None = None) -> None:
        """Index an account by its ``text_key`` and ``company_key`` (given, or worked out)."""
        exact, company = keys or (text_key(a.name), company_key(a.name))
        self.account_by_key.setdefault(exact, a.ref)
        self.account_by_company[company].append(a.ref)

    def _index_person(self, p: PersonRecord) -> None:
        emails = {p.email.strip().casefold()} | {q.key() for q in p.points if q.kind == EMAIL}
        for email in emails - {""}:
            self.person_by_email.setdefault(email, p.ref)
        self.person_by_name[(p.account_ref, text_key(p.name))].append(p.ref)
        self.people_by_name[text_key(p.name)].append(p.ref)

    def _own_account(self, ref: int) -> AccountRecord:
        record = self.accounts[ref]
        if self.original_accounts.get(ref) is record:
            record = self.accounts[ref] = copy.copy(record)
        return record

    def _own_person(self, ref: int) -> PersonRecord:
        person = self.people[ref]
        if self.original_people.get(ref) is person:
            person = self.people[ref] = copy.copy(person)
        return person

    def _new_ref(self) -> int:
        ref, self.next_ref = self.next_ref, self.next_ref - 1
        return ref

    # -- accounts -----------------------------------------------------------------
    def find_account(self, name: str) -> tuple[int | None, list[str]]:
        """The account ``name`` means, or None and the names it could mean."""
        cached = self.account_cache.get(name)
        if cached is not None:
            return cached, []
        key = text_key(name)
        exact = self.account_by_key.get(key)
        if exact is not None:
            self.account_cache[name] = exact
            return exact, []
        company = company_key(name)
        self.last_keys = (name, key, company)  # for new_account, if it comes to that
        refs = self.account_by_company.get(company, [])
        if len(refs) == 1:
            self.account_cache[name] = refs[0]
            return refs[0], []
        return None, sorted(self.accounts[r].name for r in refs)

    def new_account(self, name: str, number: int) -> int:
        ref = self._new_ref()
        record = AccountRecord(ref=ref, name=name)
        self.accounts[ref] = record
        last = self.last_keys
        self._index_account(record, (last[1], last[2]) if last[0] == name else None)
        self.account_cache[name] = ref
        self.created_by_row[("a", ref)] = number
        self.unwritten_accounts.append(ref)
        return ref

    # -- a streamed import: what is planned is written as it goes --------------------
    def write(self, write_new: WriteNew) -> None:
        """Write the accounts and people planned since the last call and let the
        people go (the indexes keep their refs; ``_People`` reads one back if needed)."""
        accounts = [self.accounts[r] for r in self.unwritten_accounts]
        people = [self.people[r] for r in self.unwritten_people]
        ids = write_new(accounts, people)
        for account in accounts:
            self.account_refs[ids[account.ref]] = account.ref
        self.written_people += len(people)
        for person in people:
            self.store_ids[person.ref] = ids[person.ref]
            del self.people[person.ref]
            self.point_keys.pop(person.ref, None)
        self.unwritten_people.clear()
        self.unwritten_accounts.clear()

    def is_new(self, ref: int) -> bool:
        """Whether ``ref`` is a person this import creates and has not written yet."""
        return ref < 0 and ref not in self.store_ids

    # -- merging ------------------------------------------------------------------
    @staticmethod
    def fill(
        record: object, values: dict[str, str], names: Iterable[str]
    ) -> tuple[list[str], list[str]]:
        filled, kept = [], []
        for name in names:
            new = values.get(name, "")
            if not new:
                continue
            old = str(getattr(record, name))
            if not old:
                setattr(record, name, new)
                filled.append(name)
            elif old.casefold() != new.casefold():
                kept.append(name)
        return filled, kept

    def outcome(
        self, kind: str, ref: int, number: int, name: str, account: str,
        filled: list[str], kept: list[str],
    ) -> RowOutcome:  # fmt: skip
        created_by = self.created_by_row.get((kind, ref))
        if created_by == number:
            return RowOutcome(number, CREATE, name, account)
        if filled:
            return RowOutcome(number, UPDATE, name, account, filled=tuple(filled), kept=tuple(kept))
        reason = f"same as row {created_by}" if created_by else "already in the journal"
        return RowOutcome(number, UNCHANGED, name, account, reason, kept=tuple(kept))

    def plan_account(self, record: SourceRecord) -> RowOutcome:
        values = dict(record.values)
        name = values.get("name", "")
        if not values.get("website") and values.get("domain"):
            values["website"] = values["domain"]
        if record.not_person:
            return RowOutcome(
                record.number, SKIP, name, reason=record.not_person, why=WHY_NOT_PERSON
            )
        problem = record.problem or _name_problem(name, "account")
        if problem:
            return RowOutcome(record.number, SKIP, name, reason=problem, why=WHY_PROBLEM)
        ref, candidates = self.find_account(name)
        if ref is None and candidates:
            return RowOutcome(record.number, SKIP, name, reason=_ambiguous(candidates))
        if ref is None:
            ref = self.new_account(name, record.number)
        if _fills(self.accounts[ref], values, ACCOUNT_DATA):
            self._own_account(ref)
        filled, kept = self.fill(self.accounts[ref], values, ACCOUNT_DATA)
        if ref < 0:
            held = {(q.kind, q.key()) for q in self.accounts[ref].points}
            self.accounts[ref].points.extend(
                q for q in record.points if (q.kind, q.key()) not in held
            )
        return self.outcome("a", ref, record.number, self.accounts[ref].name, "", filled, kept)

    def plan_person(self, record: SourceRecord, account_ids: dict[str, str]) -> RowOutcome:
        values, problem = contact_values(record, account_ids)
        name, account_name = values.get("name", ""), values.get("account", "")
        if record.not_person and not record.problem:
            return RowOutcome(
                record.number, SKIP, name, account_name, reason=record.not_person,
                why=WHY_NOT_PERSON,
            )  # fmt: skip
        problem = record.problem or _name_problem(name, "person")
        if not problem and account_name:
            problem = _name_problem(account_name, "account")
        group = parse_group(values.get("group", ""))
        if problem:
            return RowOutcome(
                record.number, SKIP, name, account_name, reason=problem, why=WHY_PROBLEM
            )
        no_account = not account_name and group in (None, GROUP_CUSTOMER)
        if no_account and not self.keep_unassigned:
            return RowOutcome(
                record.number, SKIP, name, reason=_no_account_reason(values), why=WHY_NO_ACCOUNT
            )
        account_ref: int | None = None
        if account_name:
            account_ref, candidates = self.find_account(account_name)
            if account_ref is None and candidates:
                return RowOutcome(
                    record.number, SKIP, name, account_name, reason=_ambiguous(candidates),
                    why=WHY_PROBLEM,
                )  # fmt: skip
            if account_ref is None:
                account_ref = self.new_account(account_name, record.number)
        emails = [p.key() for p in record.points if p.kind == EMAIL]
        if values.get("email"):
            emails.append(values["email"].strip().casefold())
        key = text_key(name)
        ref = self.find_person(account_ref, key, emails, group)
        if ref is None:
            ref = self._new_ref()
            person = PersonRecord(ref, account_ref, name, group or GROUP_CUSTOMER, name_key=key)
            self.people[ref] = person
            person.points = list(record.points)  # already cleaned, each once
            self.created_by_row[("p", ref)] = record.number
            self.unwritten_people.append(ref)
            self._check_namesakes(ref, record.number, key)
            self.person_by_name[(account_ref, key)].append(ref)
            self.people_by_name[key].append(ref)
            # ``fill`` on a record whose fields are all empty: each value given is taken
            for name_of in PERSON_DATA:
                new = values.get(name_of)
                if new:
                    setattr(person, name_of, new)
            for email in emails:
                self.person_by_email.setdefault(email, ref)
            shown = self.accounts[account_ref].name if account_ref is not None else ""
            return RowOutcome(record.number, CREATE, name, shown)
        person = self.people[ref]
        if _fills(person, values, PERSON_DATA):
            person = self._own_person(ref)
        filled, kept = self.fill(person, values, PERSON_DATA)
        if group and group != person.group:
            kept.append("group")
        added = self.created_by_row.get(("p", ref)) != record.number and self._add_points(
            ref, record.points
        )
        if added and "contact details" not in filled:
            filled.append("contact details")
        for email in emails:
            self.person_by_email.setdefault(email, ref)
        shown = self.accounts[person.account_ref].name if person.account_ref is not None else ""
        return self.outcome("p", ref, record.number, person.name, shown, filled, kept)

    def _add_points(self, ref: int, points: Iterable[ContactPoint]) -> bool:
        """Add the points the person does not have yet; whether any was new."""
        keys = self.point_keys.get(ref)
        if keys is None:
            keys = self.point_keys[ref] = {(q.kind, q.key()) for q in self.people[ref].points}
        added = False
        for point in points:
            key = (point.kind, point.key())
            if key in keys:
                continue
            # a person this import creates keeps a point's preference while it is the
            # first of its kind; one the journal had keeps its own preferred points
            has_kind = ref > 0 or any(k[0] == point.kind for k in keys)
            keys.add(key)
            added = True
            if has_kind and point.preferred:
                point = ContactPoint(point.kind, point.value, point.label, False, point.normalized)
            if self.is_new(ref):
                self.people[ref].points.append(point)
            else:
                self.point_additions.append((self.store_ids.get(ref, ref), point))
        return added

    def _check_namesakes(self, ref: int, number: int, key: str) -> None:
        """A new person whose name the journal (or the file) already has at another
        account, or with no account: listed for the rep to confirm, not merged."""
        person = self.people[ref]
        for other_ref in self.people_by_name.get(key, []):
            other = self.people[other_ref]
            if other_ref == ref or (
                other.account_ref == person.account_ref and person.account_ref is not None
            ):
                continue
            where = self.accounts[other.account_ref].name if other.account_ref is not None else ""
            created = self.created_by_row.get(("p", other_ref))
            source = f" ({'the row or card ' + str(created) + ' of this file' if created else 'in the journal'})"
            account = (
                self.accounts[person.account_ref].name if person.account_ref is not None else ""
            )
            self.to_confirm.append(
                MatchToConfirm(
                    number,
                    person.name,
                    account,
                    f"{other.name} {'at ' + where if where else 'with no account'}{source}",
                )  # fmt: skip
            )
            return

    def find_person(
        self, account_ref: int | None, key: str, emails: list[str], group: str | None
    ) -> int | None:
        """The person the record is (by email, else by name at the account), or None;
        ``key`` is the name's ``text_key``."""
        for email in emails:
            found = self.person_by_email.get(email)
            if found is not None:
                return found
        if account_ref is None and group in (None, GROUP_CUSTOMER):
            # a customer without an account, known by name only: the same name is not
            # enough to merge (it is listed for the rep to confirm)
            return None
        refs = self.person_by_name.get((account_ref, key), [])
        same_group = [r for r in refs if self.people[r].group == group]
        choices = same_group or refs
        return choices[0] if choices else None

    # -- result -------------------------------------------------------------------
    def finish(self, plan: ImportPlan) -> ImportPlan:
        for ref, record in self.accounts.items():
            if ref < 0:
                plan.new_accounts.append(record)
            elif record is not self.original_accounts[ref] and (
                changes := _diff(self.original_accounts[ref], record, ACCOUNT_DATA)
            ):
                plan.account_updates.append((ref, changes))
        for ref, person in self.people.items():
            if self.is_new(ref):
                plan.new_people.append(person)
            elif person is not self.original_people[ref] and (
                changes := _diff(self.original_people[ref], person, PERSON_DATA)
            ):
                plan.people_updates.append((self.store_ids.get(ref, ref), changes))
        plan.new_accounts.sort(key=lambda a: -a.ref)
        plan.new_people.sort(key=lambda p: -p.ref)
        plan.point_additions = self.point_additions
        plan.written_people = self.written_people
        plan.to_confirm = self.to_confirm
        return plan


def _fills(record: object, values: dict[str, str], names: Iterable[str]) -> bool:
    """Whether ``values`` would fill an empty field of ``record`` (only then is it copied)."""
    return any(values.get(n) and not getattr(record, n) for n in names)


def _diff(old: object, new: object, names: Iterable[str]) -> dict[str, str]:
    return {n: str(getattr(new, n)) for n in names if getattr(old, n) != getattr(new, n)}


def _name_problem(name: str, what: str) -> str:
    if not name:
        return f"no {what} name"
    if len(name) > MAX_NAME:
        return f"the {what} name is {len(name):,} characters long; at most {MAX_NAME} fit"
    return ""


def _no_account_reason(values: dict[str, str]) -> str:
    if values.get("account_id"):
        return (
            f"the account is given only by its Salesforce id {values['account_id']}, which "
            "the accounts file given does not have (give the export's Account.csv too)"
        )
    return "no organisation (account) is given"


def _ambiguous(candidates: list[str]) -> str:
    shown = ", ".join(f'"{c}"' for c in candidates[:4])
    return f"the account could be any of {shown}; rename one in the journal or in the file"


def plan_import(
    kind: str,
    records: Iterable[SourceRecord],
    snapshot: Snapshot,
    *,
    total: int = 0,
    account_ids: dict[str, str] | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    keep_unassigned: bool = False,
    write: WriteNew | None = None,
    load_person: LoadPerson | None = None,
    flush_every: int = FLUSH_EVERY,
) -> ImportPlan:
    """What importing ``records`` (accounts or contacts) would change; writes nothing.
    People with no organisation are skipped (with the reason) unless
    ``keep_unassigned``: then they become people without an account.

    Streamed (``write`` and ``load_person`` given, contacts only): every
    ``FLUSH_EVERY`` records the new accounts and people are handed to ``write`` and
    let go, so a large file is never held whole; the plan returned keeps the outcomes,
    the updates of people already in the journal (or written) and the new accounts
    (written already), not the new people."""
    with bulk_objects():
        planner = _Planner(snapshot)
        planner.load_person = load_person
        return _plan(planner, kind, records, total, account_ids, progress, should_cancel,
                     keep_unassigned, write, flush_every)  # fmt: skip


def _plan(
    planner: _Planner,
    kind: str,
    records: Iterable[SourceRecord],
    total: int,
    account_ids: dict[str, str] | None,
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
    keep_unassigned: bool,
    write: WriteNew | None,
    flush_every: int,
) -> ImportPlan:
    if write is not None and kind == KIND_ACCOUNTS:
        raise ValueError("only a contacts import is written as it is planned")
    planner.keep_unassigned = keep_unassigned
    plan = ImportPlan(kind, keep_unassigned=keep_unassigned)
    ids = account_ids or {}
    for done, record in enumerate(records, start=1):
        if kind == KIND_ACCOUNTS:
            plan.outcomes.append(planner.plan_account(record))
        else:
            plan.outcomes.append(planner.plan_person(record, ids))
        if write is not None and done % flush_every == 0:
            planner.write(write)
        if done % 2000 == 0:
            if should_cancel is not None and should_cancel():
                raise CancelledError()
            if progress is not None:
                progress(done, max(total, done))
    if write is not None:
        planner.write(write)
    if progress is not None:
        progress(len(plan.outcomes), max(total, len(plan.outcomes)))
    plan.records = len(plan.outcomes)
    return planner.finish(plan)
