"""What is due: commitments overdue or due today, and the relational accounts whose
contact cadence says it is time to get in touch."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from reljournal.core.effort.plans import EffortPlans, default_plans, plan_for
from reljournal.core.model import LABEL_RELATIONAL
from reljournal.core.records import ContactDue, DueList
from reljournal.store.accounts import list_account_summaries
from reljournal.store.commitments import due_commitments
from reljournal.store.database import storage_errors


def load_due_list(
    db: Database, today: dt.date | None = None, *, plans: EffortPlans | None = None
) -> DueList:
    today = today or dt.date.today()
    plans = plans or default_plans()
    rows = due_commitments(db, today)
    contacts: list[ContactDue] = []
    kinds = sorted(plans.contact_kinds)
    marks = ",".join("?" for _ in kinds)
    after = (today + dt.timedelta(days=1)).isoformat()
    for s in list_account_summaries(db, today):
        if s.label != LABEL_RELATIONAL:
            continue
        cadence = plan_for(s.label, s.confidence or 0.0, plans).cadence_days
        if cadence is None:
            continue
        with storage_errors("read the last contacts"):
            row = db.conn.execute(
                f"SELECT at FROM entries WHERE account_id = ? AND kind IN ({marks}) AND at < ? "
                "ORDER BY at DESC LIMIT 1",
                (s.id, *kinds, after),
            ).fetchone()
        last = dt.date.fromisoformat(row[0][:10]) if row else None
        if last is None or (today - last).days > cadence:
            contacts.append(ContactDue(s.id, s.name, last, cadence))
    contacts.sort(key=lambda c: (c.last_contact or dt.date.min, c.name.casefold()))
    return DueList(
        today=today,
        overdue=tuple(r for r in rows if r.due is not None and r.due < today),
        due_today=tuple(r for r in rows if r.due == today),
        contacts=tuple(contacts),
    )
