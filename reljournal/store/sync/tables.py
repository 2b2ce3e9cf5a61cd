"""Which tables device sync carries, and the names it uses in the folder (no SQL driver
imported here: both the app and the sync worker read it)."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Final

# What the rep writes. Left out: what each computer works out again (statements,
# statement_readings, account_weighings, account_revisions, classifications, FTS tables),
# and what belongs to one computer (drafts, meta, the calendar feed's copy).
SYNCED_TABLES: Final = (
    "accounts",
    "stakeholders",
    "contact_points",
    "questions",
    "entries",
    "entry_people",
    "answers",
    "commitments",
    "health_ratings",
    "stage_assessments",
    "overrides",
    "meetings",
)
CHANGE_SUFFIX: Final = ".rjsync"
SNAPSHOT_NAME: Final = "journal.rjshared"
FORMAT: Final = 1
_CHANGE_NAME: Final = re.compile(r"^(\d{7})-(\d{9})\.rjsync$")
_FILE_KEY_CONTEXT: Final = b"reljournal sync change files v1"


def change_file_name(device: int, seq: int) -> str:
    return f"{device:07d}-{seq:09d}{CHANGE_SUFFIX}"


def parse_change_file_name(name: str) -> tuple[int, int] | None:
    """(device, seq) of a change file's name, or None for any other file (a ``.part``
    still being written, a sync tool's temporary file, …)."""
    match = _CHANGE_NAME.match(name)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def file_key(secret: bytes) -> bytes:
    """The key of the change files, derived from the journal's sync secret (which only
    the journal holds)."""
    return hmac.new(secret, _FILE_KEY_CONTEXT, hashlib.sha256).digest()
