"""Each account's class with its reasons, the rep's override and the effort it got:
what ``reljournal classify`` and ``reljournal effort`` print."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from reljournal.core.effort.plans import compare_effort, default_plans, plan_for
from reljournal.store.accounts import find_account
from reljournal.store.classifications import current_override, reclassify_accounts
from reljournal.store.classifier_input import load_journals


def classification_report(
    db: Database, account: str | None, today: dt.date
) -> list[dict[str, Any]]:
    """One JSON-ready object per account (or for the named one), by name."""
    ids: list[int] | None = None
    if account:
        found = find_account(db, account).id
        assert found is not None
        ids = [found]
    results = reclassify_accounts(db, ids, today=today)
    out = []
    for item in load_journals(db, list(results)):
        account_id = item.account.id
        assert account_id is not None
        result = results[account_id]
        override = current_override(db, account_id)
        effective = override.label if override else result.label
        plan = plan_for(effective, result.confidence, default_plans())
        report = compare_effort(plan, item.entries, today)
        out.append(
            {
                "account": item.account.name,
                "label": result.label,
                "score": round(result.score, 3),
                "confidence": round(result.confidence, 3),
                "reasons": [
                    {
                        "signal": r.signal,
                        "quote": r.quote,
                        "date": r.date.isoformat() if r.date else None,
                        "weight": round(r.weight, 3),
                    }
                    for r in result.reasons
                ],
                "override": (
                    {"label": override.label, "reason": override.reason} if override else None
                ),
                "effort": report.to_dict(),
            }
        )
    out.sort(key=lambda r: str(r["account"]).casefold())
    return out
