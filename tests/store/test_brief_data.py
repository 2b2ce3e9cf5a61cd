"""Gathering a brief from the store."""

from __future__ import annotations

import pytest

from reljournal.core.brief.markdown import render_markdown
from reljournal.core.errors import NotFoundError
from reljournal.store.brief_data import load_brief
from reljournal.store.classifications import set_override
from tests.helpers.review_journal import RELATIONAL_QUOTE, TODAY, build_review_journal


def test_relational_brief_has_every_part(db: object) -> None:
    r = build_review_journal(db)
    brief = load_brief(db, r.relational_id, TODAY)
    assert brief.account_name == "Harbour Logistics"
    assert brief.label == "relational"
    assert 3 <= len(brief.reasons) <= 5
    assert all(x.entry_id in r.relational_entry_ids for x in brief.reasons if x.entry_id)
    assert brief.expectations[0].answer == RELATIONAL_QUOTE
    assert brief.expectations[0].speaker == "Anna Berg"
    assert [c.text for c in brief.commitments][0] == "Send the routing study"
    assert brief.commitments[0].overdue
    assert [s.stage for s in brief.stages] == ["dependent", "independent", "interdependent"]
    assert len(brief.health) == 4
    names = [(p.name, p.group) for p in brief.people]
    assert names == [
        ("Anna Berg", "customer"),
        ("Bo Lind", "customer"),
        ("Pia Presales", "internal"),
    ]
    assert brief.people[2].last_contact == TODAY.replace(
        day=3
    )  # the account's entry, not the team's
    assert brief.effort is not None and brief.effort.plan.label == "relational"
    assert brief.entry_count == 4
    assert brief.questions and brief.questions[0].why == "never_asked"


def test_override_shows_in_brief_and_history(db: object) -> None:
    r = build_review_journal(db)
    set_override(db, r.relational_id, "transactional", "Procurement took over")
    brief = load_brief(db, r.relational_id, TODAY)
    assert brief.label == "transactional" and brief.computed_label == "relational"
    assert brief.history[-1].kind == "overridden"
    assert "Procurement took over" in render_markdown(brief)


def test_transactional_brief_and_missing_account(db: object) -> None:
    r = build_review_journal(db)
    brief = load_brief(db, r.transactional_id, TODAY)
    assert brief.label == "transactional"
    assert brief.reasons[0].relational is False
    assert brief.their_commitments == ()
    with pytest.raises(NotFoundError):
        load_brief(db, 99999, TODAY)
