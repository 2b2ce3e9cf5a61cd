"""Planning an import: company matching, fill-only updates, row outcomes, round trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reljournal.core.errors import CancelledError
from reljournal.core.formats.company_names import company_key
from reljournal.core.formats.contacts import (
    AccountRecord,
    PersonRecord,
    SourceRecord,
    parse_group,
)
from reljournal.core.formats.contacts_plan import (
    CREATE,
    SKIP,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    Snapshot,
    plan_import,
)
from reljournal.core.formats.contacts_read import records_from_table
from reljournal.core.formats.crm_columns import detect_mapping
from reljournal.core.formats.csv_read import read_csv_bytes
from reljournal.core.formats.csv_write import CONTACT_HEADERS, accounts_csv, contacts_csv
from reljournal.core.model import text_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ACME, Inc.", "Acme"),
        ("Acme Inc", "acme incorporated"),
        ("The Acme Company", "Acme Co."),
        ("Müller GmbH & Co. KG", "Muller"),
        ("Foo Pty Ltd", "FOO"),
        ("Société Générale S.A.", "Societe Generale"),
        ("Contoso Ltd.", "Contoso Limited"),
        ("Initech L.L.C.", "Initech LLC"),
        ("Globex plc", "Globex PLC"),
        ("Umbrella B.V.", "umbrella bv"),
        ("Siemens AG", "Siemens"),
    ],
)
def test_company_key_sets_suffixes_case_and_punctuation_aside(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme", "Acme Widgets"), ("東京精密", "東京精機"), ("AG", "SA"), ("ليلى", "ليل")],
)
def test_company_key_keeps_different_companies_apart(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def test_company_key_of_a_bare_suffix_is_not_empty() -> None:
    assert company_key("AG") == "ag" and company_key("Inc.") == "inc"


def test_parse_group() -> None:
    assert parse_group("Work, internal") == "internal"
    assert parse_group("Reseller") == "partner"
    assert parse_group("VIP") is None and parse_group("") is None


def _rec(number: int, **values: str) -> SourceRecord:
    return SourceRecord(number, values)


def _snapshot() -> Snapshot:
    return Snapshot(
        accounts=[AccountRecord(1, "Acme, Inc.", industry="Tools"), AccountRecord(2, "Globex")],
        people=[
            PersonRecord(10, 1, "Ann Able", title="CEO", email="ann@acme.example"),
            PersonRecord(11, None, "Marta K", "internal"),
        ],
    )


def test_accounts_match_fill_empty_fields_and_keep_the_journals_values() -> None:
    plan = plan_import(
        "accounts",
        [
            _rec(2, name="ACME", industry="Hardware", website="acme.example"),
            _rec(3, name="Globex Corporation"),
            _rec(4, name="Initech"),
            _rec(5, name="initech llc", industry="Software"),
            _rec(6, name=""),
        ],
        _snapshot(),
    )
    actions = [(o.number, o.action) for o in plan.outcomes]
    assert actions == [(2, UPDATE), (3, UNCHANGED), (4, CREATE), (5, UPDATE), (6, SKIP)]
    assert plan.outcomes[0].filled == ("website",) and plan.outcomes[0].kept == ("industry",)
    assert plan.account_updates == [(1, {"website": "acme.example"})]
    assert [(a.name, a.industry) for a in plan.new_accounts] == [("Initech", "Software")]
    assert plan.outcomes[4].reason == "no account name"


def test_ambiguous_company_is_skipped_with_the_candidates() -> None:
    snapshot = Snapshot(accounts=[AccountRecord(1, "Acme Inc"), AccountRecord(2, "Acme Ltd")])
    plan = plan_import("contacts", [_rec(2, name="Bo", account="ACME")], snapshot)
    assert plan.outcomes[0].action == SKIP and '"Acme Inc", "Acme Ltd"' in plan.outcomes[0].reason
    exact = plan_import("contacts", [_rec(2, name="Bo", account="acme ltd")], snapshot)
    assert exact.outcomes[0].action == CREATE and exact.new_people[0].account_ref == 2


def test_contacts_match_by_email_then_name_within_the_account() -> None:
    plan = plan_import(
        "contacts",
        [
            _rec(2, name="Annie Able", account="Acme", email="ANN@acme.example", phone="1"),
            _rec(3, first_name="Ann", last_name="Able", account="Acme Inc.", title="Chair"),
            _rec(4, name="Ann Able", account="Globex"),
            _rec(5, name="Marta K", group="internal team", email="m@us.example"),
            _rec(6, name="Nobody"),
            _rec(7, name="Ann Able", account="Globex"),
        ],
        _snapshot(),
    )
    actions = [(o.number, o.action) for o in plan.outcomes]
    assert actions == [
        (2, UPDATE),
        (3, UNCHANGED),
        (4, CREATE),
        (5, UPDATE),
        (6, SKIP),
        (7, UNCHANGED),
    ]
    assert plan.outcomes[1].kept == ("title",)
    assert plan.outcomes[5].reason == "same as row 4"
    assert "no organisation" in plan.outcomes[4].reason
    assert dict(plan.people_updates) == {10: {"phone": "1"}, 11: {"email": "m@us.example"}}
    assert [(p.name, p.account_ref) for p in plan.new_people] == [("Ann Able", 2)]


def test_contacts_create_their_accounts_once() -> None:
    plan = plan_import(
        "contacts",
        [_rec(2, name="A", account="New Co Ltd"), _rec(3, name="B", account="NEW CO")],
        Snapshot(),
    )
    assert [a.name for a in plan.new_accounts] == ["New Co Ltd"]
    assert {p.account_ref for p in plan.new_people} == {plan.new_accounts[0].ref}


def test_salesforce_account_ids_resolve_through_the_account_file() -> None:
    ids = {"0015g00000AbCdEAAZ": "Northwind"}
    plan = plan_import(
        "contacts",
        [
            _rec(2, name="Yuki", account_id="0015g00000AbCdEAAZ"),
            _rec(3, name="Una", account_id="0015X"),
        ],
        Snapshot(),
        account_ids=ids,
    )
    assert plan.outcomes[0].action == CREATE and plan.outcomes[0].account == "Northwind"
    assert plan.outcomes[1].action == SKIP and "Salesforce id 0015X" in plan.outcomes[1].reason


def test_long_names_and_ragged_rows_are_skipped_with_reasons() -> None:
    plan = plan_import(
        "contacts",
        [
            _rec(2, name="x" * 201, account="A"),
            SourceRecord(3, {"name": "B"}, "the row has 5 cells"),
        ],
        Snapshot(),
    )
    assert "201 characters" in plan.outcomes[0].reason
    assert plan.outcomes[1].reason == "the row has 5 cells"
    assert not plan.changed


def test_cancel_and_progress() -> None:
    records = [_rec(i, name=f"P{i}", account="A") for i in range(2, 5000)]
    seen: list[tuple[int, int]] = []
    plan_import(
        "contacts",
        records,
        Snapshot(),
        total=len(records),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (len(records), len(records))
    with pytest.raises(CancelledError):
        plan_import("contacts", records, Snapshot(), should_cancel=lambda: True)


# -- round trips: export → read → plan into an empty journal gives the same people --------

_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: bool(text_key(s)))
_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
_formulaish = st.sampled_from(["=1+1", "+44 20 7946 0000", "-3", "@SUM(A1)", "'=x", "''", ""])


def _norm(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_names, _names, _values | _formulaish, _values | _formulaish),
        min_size=1,
        max_size=8,
        unique_by=lambda t: text_key(t[0]),
    )
)
def test_contacts_csv_round_trip(rows: list[tuple[str, str, str, str]]) -> None:
    people = [
        (PersonRecord(i + 1, 1, name, title=title, phone=phone), account)
        for i, (name, account, title, phone) in enumerate(rows)
    ]
    raw = contacts_csv(people).encode("utf-8-sig")
    table = read_csv_bytes(raw)
    assert table.headers[: len(CONTACT_HEADERS)] == CONTACT_HEADERS
    plan = plan_import(
        "contacts", records_from_table(table, detect_mapping(table.headers, "contacts")), Snapshot()
    )
    assert [o.action for o in plan.outcomes] == [CREATE] * len(people)
    created = {p.name: p for p in plan.new_people}
    assert len(created) == len(people)
    for person, account in people:
        got = created[_norm(person.name)]
        assert (got.title, got.phone) == (person.title.strip(), person.phone.strip())
        assert company_key(plan_account_name(plan, got.account_ref)) == company_key(account)


def plan_account_name(plan: ImportPlan, ref: int | None) -> str:
    return next(a.name for a in plan.new_accounts if a.ref == ref)


@settings(max_examples=100)
@given(st.lists(st.tuples(_names, _values | _formulaish), min_size=1, max_size=8))
def test_accounts_csv_round_trip(rows: list[tuple[str, str]]) -> None:
    accounts = [AccountRecord(i + 1, name, industry=ind) for i, (name, ind) in enumerate(rows)]
    text = accounts_csv(accounts)
    assert not any(line.startswith(("=", "+", "-", "@")) for line in text.splitlines() if line)
    table = read_csv_bytes(text.encode("utf-8-sig"))
    plan = plan_import(
        "accounts", records_from_table(table, detect_mapping(table.headers, "accounts")), Snapshot()
    )
    assert all(o.action != SKIP for o in plan.outcomes)
    keys = {company_key(a.name) for a in accounts}
    assert {company_key(a.name) for a in plan.new_accounts} == keys
    again = plan_import(
        "accounts",
        records_from_table(table, detect_mapping(table.headers, "accounts")),
        Snapshot(
            accounts=[
                AccountRecord(i + 1, a.name, a.industry) for i, a in enumerate(plan.new_accounts)
            ]
        ),
    )
    assert not again.changed


def test_planning_never_changes_the_snapshot() -> None:
    snapshot = _snapshot()
    before = repr(snapshot)
    plan = plan_import(
        "contacts",
        [_rec(2, name="Ann Able", account="Acme", phone="1"), _rec(3, name="X", account="Acme")],
        snapshot,
    )
    assert plan.people_updates == [(10, {"phone": "1"})]
    assert repr(snapshot) == before
    plan = plan_import("accounts", [_rec(2, name="Globex", industry="Energy")], snapshot)
    assert plan.account_updates == [(2, {"industry": "Energy"})] and repr(snapshot) == before
