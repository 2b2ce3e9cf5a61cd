"""A small journal for the review features (brief, search, dashboard, due view):
one relational account, one transactional account and the internal team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reljournal.core.model import Answer, Commitment, Entry, Stakeholder
from reljournal.core.questions import ROSEN_EXPECTATIONS, ROSEN_SHOES

TODAY = dt.date(2026, 11, 23)

RELATIONAL_QUOTE = (
    "We want a partner who reviews our plans with us every quarter; "
    "we'd rather build something that lasts."
)
TRANSACTIONAL_QUOTE = (
    "Just send the quote. Price is all that matters; we buy from several suppliers."
)


@dataclass
class ReviewJournal:
    relational_id: int
    transactional_id: int
    relational_entry_ids: list[int]
    transactional_entry_ids: list[int]
    team_entry_id: int


def _at(days_ago: int, hour: int = 10) -> dt.datetime:
    day = TODAY - dt.timedelta(days=days_ago)
    return dt.datetime(day.year, day.month, day.day, hour, 0)


def build_review_journal(db: object) -> ReviewJournal:
    from reljournal.core.records import EntryExtras
    from reljournal.store.accounts import create_account
    from reljournal.store.classifications import reclassify_accounts
    from reljournal.store.entries import save_entry
    from reljournal.store.people import add_stakeholder

    rel = create_account(db, "Harbour Logistics", industry="Logistics")
    tra = create_account(db, "Quick Parts GmbH", industry="Manufacturing")
    anna = add_stakeholder(
        db, Stakeholder("Anna Berg", account_id=rel, role="decision maker", title="COO")
    )
    bo = add_stakeholder(db, Stakeholder("Bo Lind", account_id=rel, role="influencer"))
    kurt = add_stakeholder(db, Stakeholder("Kurt Maier", account_id=tra, role="decision maker"))
    presales = add_stakeholder(db, Stakeholder("Pia Presales", group="internal", role="pre-sales"))
    partner = add_stakeholder(db, Stakeholder("Nord Integrators", group="partner"))

    rel_ids = []
    plan = [
        (200, "meeting", 90, "First meeting about their warehouse plans.", 3, "dependent"),
        (120, "call", 30, "Anna asked for our advice on the new routing system.", 4, "independent"),
        (60, "meeting", 120, "Quarterly review with Anna and Bo.", 4, "interdependent"),
        (
            20,
            "visit",
            180,
            "Site visit; they want us involved in the roadmap.",
            5,
            "interdependent",
        ),
    ]
    for days, kind, minutes, notes, trust, stage in plan:
        entry = Entry(
            at=_at(days),
            kind=kind,
            minutes=minutes,
            notes=notes,
            account_id=rel,
            stakeholder_ids=[anna, bo, presales],
        )
        if days == 60:
            entry.answers = [
                Answer(
                    ROSEN_EXPECTATIONS,
                    RELATIONAL_QUOTE,
                    entry.on,
                    speaker="Anna Berg",
                    speaker_id=anna,
                ),
            ]
        if days == 200:
            entry.answers = [
                Answer(
                    ROSEN_SHOES,
                    "That we plan to double our fleet within three years.",
                    entry.on,
                    speaker="Bo Lind",
                    speaker_id=bo,
                ),
            ]
        if days == 20:
            entry.commitments = [
                Commitment("Send the routing study", due=TODAY - dt.timedelta(days=5)),
                Commitment("Share the fleet plan", owner="them", due=TODAY + dt.timedelta(days=7)),
                Commitment("Book the next quarterly review", due=TODAY),
            ]
        health = {a: trust for a in ("trust", "respect", "value")} | {"conversations": 3}
        save_entry(db, entry, EntryExtras(health=health, stage=stage))
        assert entry.id is not None
        rel_ids.append(entry.id)

    tra_ids = []
    for days, notes in (
        (90, "Kurt called to order spare parts."),
        (10, "Order confirmed by email."),
    ):
        entry = Entry(
            at=_at(days),
            kind="call",
            minutes=15,
            notes=notes,
            account_id=tra,
            initiated_by="them",
            stakeholder_ids=[kurt],
        )
        if days == 90:
            entry.answers = [
                Answer(
                    ROSEN_EXPECTATIONS,
                    TRANSACTIONAL_QUOTE,
                    entry.on,
                    speaker="Kurt Maier",
                    speaker_id=kurt,
                ),
            ]
            entry.commitments = [
                Commitment("Send the price list", due=TODAY - dt.timedelta(days=30)),
            ]
        save_entry(db, entry)
        assert entry.id is not None
        tra_ids.append(entry.id)

    team = Entry(
        at=_at(3),
        kind="meeting",
        minutes=45,
        notes="Pipeline review with Pia and the integrator.",
        stakeholder_ids=[presales, partner],
    )
    save_entry(db, team)
    assert team.id is not None
    reclassify_accounts(db, today=TODAY)
    return ReviewJournal(rel, tra, rel_ids, tra_ids, team.id)
