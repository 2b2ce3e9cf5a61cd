"""Hostile and random CSV and vCard files through the contacts/accounts importer
(read, detect the columns, plan, apply): every case ends in a correct import or a
``RelJournalError`` with the journal unchanged."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reljournal.core.errors import RelJournalError
from reljournal.core.formats.crm_columns import KINDS, detect_mapping
from reljournal.core.formats.csv_read import read_csv_bytes
from reljournal.core.formats.vcard import parse_vcards
from reljournal.core.model import text_key
from reljournal.store.transfer.contacts_import import apply_plan, plan_csv_import
from reljournal.store.transfer.vcard_import import plan_vcard_import
from tests.reliability.fuzzing import FuzzJournal, fuzz_settings
from tests.reliability.hostile import texts

HEADERS = [
    "Account Name", "Company", "Name", "First Name", "Last Name", "Email", "Phone",
    "Mobile", "Title", "Role", "Industry", "Website", "Description", "Notes", "Id",
    "AccountId", "Group", "Domain", "Account", "", "Name", "名前",
]  # fmt: skip


@pytest.fixture(scope="module")
def fuzz_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzJournal]:
    journal = FuzzJournal(tmp_path_factory.mktemp("fuzz-csv"))
    yield journal
    journal.close()


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.sampled_from(HEADERS) | texts(12), min_size=1, max_size=5))
    rows = draw(
        st.lists(
            st.lists(texts(30) | st.sampled_from(["Acme", "Jane Doe", "jane@acme.test"]),
                     min_size=0, max_size=len(headers) + 1),
            max_size=4,
        )
    )  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
        lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
    )
    writer.writerow(headers)
    writer.writerows(rows)
    text = draw(st.sampled_from(["", "sep=;\n", "\ufeff"])) + out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]))
    raw = text.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")
    if draw(st.booleans()):
        # damage: cut it, or splice random bytes in
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=8)) + raw[cut:]
    return raw


def _import_or_refuse(journal: FuzzJournal, plan_of) -> None:  # type: ignore[no-untyped-def]
    db = journal.db
    try:
        plan = plan_of(db)
        result = apply_plan(db, plan)
    except RelJournalError as exc:
        assert exc.message.strip() and "\n" not in exc.message.strip(), exc.message
        assert journal.unchanged(), f"refused ({exc.message}) but the journal changed"
        return
    except BaseException:
        journal.close()
        raise
    names = {r[0] for r in db.execute("SELECT name_key FROM accounts")}
    for account in plan.new_accounts:
        assert text_key(account.name) in names, account.name
    people = {r[0] for r in db.execute("SELECT name_key FROM stakeholders")}
    for person in plan.new_people:
        assert text_key(person.name) in people, person.name
    if result.changed or not journal.unchanged():
        journal.changed()


@fuzz_settings()
@given(raw=csv_files(), kind=st.sampled_from(KINDS))
@example(raw=b"Account Name\n\xed\xa0\x80\n", kind="accounts")
@example(raw=b'Name,Company\n"unterminated,Acme\n', kind="contacts")
@example(raw=b"\x00\x01\x02binary", kind="accounts")
@example(raw=b"Company\n" + b"x" * 300_000 + b"\n", kind="accounts")
def test_csv_files_import_whole_or_are_refused(
    fuzz_journal: FuzzJournal, raw: bytes, kind: str
) -> None:
    def plan_of(db):  # type: ignore[no-untyped-def]
        table = read_csv_bytes(raw)
        return plan_csv_import(db, table, detect_mapping(table.headers, kind))

    _import_or_refuse(fuzz_journal, plan_of)


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    cards = []
    for _ in range(draw(st.integers(0, 3))):
        lines = ["BEGIN:VCARD", f"VERSION:{draw(st.sampled_from(['3.0', '4.0', '2.1', 'x']))}"]
        for prop in draw(st.lists(st.sampled_from(
            ["FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "NOTE", "X-CUSTOM", "PHOTO"]
        ), max_size=5)):  # fmt: skip
            value = draw(texts(30)).replace("\r", " ").replace("\n", "\\n")
            lines.append(f"{prop}:{value}")
        if draw(st.integers(0, 5)) > 0:
            lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    raw = "\r\n".join(cards).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=8)) + raw[cut:]
    return raw


@fuzz_settings()
@given(raw=vcard_files() | st.binary(max_size=200))
@example(raw=b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xed\xa0\x80\r\nEND:VCARD\r\n")
@example(raw=b"BEGIN:VCARD\r\n" * 50)
def test_vcard_files_import_whole_or_are_refused(fuzz_journal: FuzzJournal, raw: bytes) -> None:
    _import_or_refuse(fuzz_journal, lambda db: plan_vcard_import(db, parse_vcards(raw)))
