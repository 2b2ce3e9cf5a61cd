"""How the store writes times and recognises an entry it already holds."""

from __future__ import annotations

import datetime as dt
import hashlib


def now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def entry_at_text(moment: dt.datetime) -> str:
    """How an entry's moment is stored: ``YYYY-MM-DDTHH:MM`` (always four digits of
    year: strftime writes the year 1 as "1", which no reader could parse back)."""
    return moment.replace(second=0, microsecond=0, tzinfo=None).isoformat(timespec="minutes")


def entry_fingerprint(account_key: str, at: str, kind: str, title: str, notes: str) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for part in (account_key, at, kind, title.strip(), notes.strip()):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
