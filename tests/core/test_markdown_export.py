"""Markdown export: brief first, entries in date order, escaping, safe file names."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from reljournal.core.formats.interchange import (
    DocAccount,
    DocAnswer,
    DocCommitment,
    DocEntry,
    DocOverride,
    DocPerson,
    Document,
)
from reljournal.core.formats.markdown import (
    INDEX_NAME,
    account_markdown,
    journal_markdown,
    markdown_files,
    md_inline,
    safe_filename,
)

TODAY = dt.date(2024, 6, 1)
Q1 = "What are your expectations of the person you are going to buy from?"


def _account() -> DocAccount:
    return DocAccount(
        name="Acme *Inc*",
        industry="Tools",
        stakeholders=[DocPerson("Ann Able", title="CEO")],
        entries=[
            DocEntry(
                date=dt.date(2024, 5, 2),
                kind="call",
                minutes=20,
                title="Follow-up",
                notes="# not a heading\nsecond line\n\nnew paragraph",
                people=["Ann Able"],
                answers=[DocAnswer(Q1, "Just be fast and accurate.", "Ann Able")],
                commitments=[
                    DocCommitment("Send the price list", "me", dt.date(2024, 5, 10)),
                    DocCommitment("Sign the order", "them", None, "done", dt.date(2024, 5, 3)),
                ],
            ),
            DocEntry(
                date=dt.date(2024, 1, 15),
                kind="meeting",
                answers=[DocAnswer(Q1, "A partner who knows us.", "Bob")],
                commitments=[DocCommitment("Call back", "them", dt.date(2024, 7, 1))],
            ),
        ],
        commitments=[DocCommitment("Quarterly review", "me")],
    )


def test_account_document_has_the_brief_then_entries_in_date_order() -> None:
    text = account_markdown(_account(), "transactional", TODAY)
    assert text.startswith("# Acme \\*Inc\\*\n")
    assert "**Class:** transactional" in text
    brief, entries = text.split("## Entries")
    # the latest answer to the question, verbatim, with speaker and date; the older one not
    assert "> “Just be fast and accurate.”" in brief and "Ann Able, 2024-05-02" in brief
    assert "A partner who knows us" not in brief
    # open commitments both ways, overdue first, undated last; done ones left out
    lines = [line for line in brief.splitlines() if line.startswith("- ")]
    assert lines == [
        "- **overdue 2024-05-10** — I: Send the price list",
        "- due 2024-07-01 — They: Call back",
        "- no date — I: Quarterly review",
    ]
    assert entries.index("2024-01-15") < entries.index("2024-05-02")
    assert "### 2024-05-02 · call · 20 min — Follow-up" in entries
    assert "\\# not a heading\\\nsecond line\n\nnew paragraph" in entries
    assert "- [x] They: Sign the order (done 2024-05-03)" in entries
    assert "- [ ] I: Send the price list (due 2024-05-10)" in entries
    assert f"- *{md_inline(Q1)}* “A partner who knows us.” — Bob" in entries


def test_override_and_undetermined() -> None:
    account = _account()
    assert "**Class:** undetermined" in account_markdown(account, "", TODAY)
    account.override = DocOverride("relational", "They said so")
    text = account_markdown(account, "transactional", TODAY)
    assert "relational (your override: They said so; computed: transactional)" in text


def test_empty_account_and_empty_journal() -> None:
    text = account_markdown(DocAccount(name="Empty"), "", TODAY)
    assert text.count("(nothing yet)") == 3
    assert "(nothing yet)" in journal_markdown(Document(), {}, TODAY)


def test_one_file_holds_every_account_and_the_team() -> None:
    doc = Document(
        accounts=[_account(), DocAccount(name="Beta")],
        team_entries=[DocEntry(date=dt.date(2024, 2, 1), kind="note", title="Team sync")],
    )
    text = journal_markdown(doc, {"Beta": "relational"}, TODAY)
    assert text.count("\n---\n") == 2 and "# Beta" in text and "Team sync" in text


def test_split_files_have_safe_distinct_names_and_an_index() -> None:
    names = ["Acme/Inc", "acme-inc", "CON", "Ünïcødé 東京 🐧", "..", "a" * 300, 'x:y*z?"<>|']
    doc = Document(accounts=[DocAccount(name=n) for n in names])
    files = markdown_files(doc, {}, TODAY)
    assert INDEX_NAME in files and len(files) == len(names) + 1
    lowered = [f.casefold() for f in files]
    assert len(set(lowered)) == len(lowered)
    for name in files:
        assert not set(name) & set('<>:"/\\|?*') and not name.startswith(".")
        assert len(name.encode()) <= 130 and name.endswith(".md")
    assert "CON_.md" in files and "Ünïcødé 東京 🐧.md" in files
    assert files[INDEX_NAME].count("\n- [") == len(names)


@given(st.text(max_size=200))
def test_safe_filename_is_always_usable(name: str) -> None:
    taken: set[str] = set()
    first, second = safe_filename(name, taken), safe_filename(name, taken)
    assert first != second
    for result in (first, second):
        assert result.endswith(".md") and result.strip() == result
        assert not set(result) & set('<>:"/\\|?*') and "\x00" not in result


@given(st.text(max_size=100))
def test_md_inline_never_starts_a_block(text: str) -> None:
    line = md_inline(text)
    assert "\n" not in line
    assert not line.lstrip().startswith(("#", ">", "- ", "+ ", "= "))
