"""Issue 18: the app's first window, read before the journal layer is loaded.

The main window's first paint needs the journal's title, whether it is a demo and the
first screenful of accounts. When the key is in the keychain (or the passphrase is given
by the environment, for automation: stretched here, while Qt loads), this reads them on a
thread that starts before Qt loads: the key straight from the Secret Service
(``store.keychain_direct``), the journal over a bare SQLCipher connection that only
opens a journal at exactly this version's schema (``store.quick_read``), and the rows
with the same SQL as the account list (``store.account_list``). The journal itself is
opened the usual way once the window is on screen (``open_journal``), with that key.

Whatever is unusual — no keychain entry, a key that does not open the file, a journal
to migrate, a passphrase journal — gives None, and the app opens the journal as always,
before its window, asking what it needs and saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reljournal.core.records import AccountSummary
    from reljournal.journal.facade import Journal
    from reljournal.store.key_values import JournalKey

log = logging.getLogger(__name__)

_PROCEED_WAIT_S = 30.0  # the app's settings not read by then: the usual way


@dataclass(frozen=True)
class FirstScreen:
    """What the first paint shows: the journal's path, whether it is a demo, its first
    accounts by name and how many there are in all."""

    path: Path
    is_demo: bool
    summaries: list[AccountSummary]
    total: int
    key: JournalKey = field(repr=False)

    @property
    def partial(self) -> bool:
        """Only the first accounts were read (there are more)."""
        return len(self.summaries) < self.total


def read_first_screen(
    path: Path,
    rows: int,
    today: dt.date,
    passphrase: str | None = None,
    before_opening: Callable[[], bool] | None = None,
) -> FirstScreen | None:
    """The first ``rows`` accounts of the journal at ``path``, read with the keychain's
    key (or with ``passphrase``, given by the environment for automation, stretched here)
    without keyring or sqlite-utils; None when anything needs the usual way.
    ``before_opening``: asked once the key is at hand, before the file is opened (the
    app's settings are read meanwhile); False gives None."""
    path = path.expanduser()
    key = _keychain_key(path) if passphrase is None else _stretched_key(path, passphrase)
    if key is None or (before_opening is not None and not before_opening()):
        return None
    from reljournal.store.account_list import count_account_rows, read_account_summaries
    from reljournal.store.journal_meta import is_demo_connection
    from reljournal.store.quick_read import open_current_journal

    conn = open_current_journal(path, key)
    if conn is None:
        return None
    try:
        summaries = read_account_summaries(conn, today, limit=rows)
        total = count_account_rows(conn) if len(summaries) >= rows else len(summaries)
        demo = is_demo_connection(conn)
    except Exception:  # a damaged or busy file: the usual way says what is wrong
        log.debug("quick start: the accounts could not be read", exc_info=True)
        return None
    finally:
        conn.close()
    return FirstScreen(path, demo, summaries, total, key)


def _keychain_key(path: Path) -> JournalKey | None:
    from reljournal.store import keychain_direct

    if not keychain_direct.applies():
        return None
    from reljournal.store.key_values import JournalKey, keychain_name

    try:
        text = keychain_direct.read_password(keychain_name(path))
        return None if text is None else JournalKey(raw=bytes.fromhex(text))
    except (OSError, ValueError):
        log.debug("quick start: no usable key", exc_info=True)
        return None


def _stretched_key(path: Path, passphrase: str) -> JournalKey | None:
    """The passphrase stretched for the file's salt, when the journal is keyed the way
    this version keys it (Argon2id of the NFC passphrase, today's parameters or
    stronger); a journal keyed otherwise is moved over by the usual way."""
    from reljournal.store import kdf
    from reljournal.store.key_values import JournalKey, StretchedKey, normalize_passphrase

    salt = kdf.file_salt(path)
    parameters = kdf.parameters_of(salt)
    if salt is None or parameters is None or parameters.weaker_than(kdf.CURRENT):
        return None
    text = normalize_passphrase(passphrase)
    if not text:
        return None
    return JournalKey(passphrase=text, stretched=StretchedKey(kdf.stretch(text, salt), salt))


class FirstScreenReader:
    """``read_first_screen`` on a thread, started now; it opens the journal once
    ``proceed(True)`` is called (the app first applies its settings: memory protection
    covers that connection too); ``result()`` waits for it."""

    def __init__(
        self, path: Path, rows: int, today: dt.date, passphrase: str | None = None
    ) -> None:
        self._found: list[FirstScreen | None] = [None]
        self._go = threading.Event()
        self._allowed = False

        def may_open() -> bool:
            return self._go.wait(_PROCEED_WAIT_S) and self._allowed

        def read() -> None:
            try:
                self._found[0] = read_first_screen(path, rows, today, passphrase, may_open)
            except Exception:
                log.debug("quick start failed", exc_info=True)

        self._thread = threading.Thread(target=read, name="first-screen", daemon=True)
        self._thread.start()

    def proceed(self, allowed: bool = True) -> None:
        """Let the thread open the journal (or, ``allowed`` False, give up)."""
        self._allowed = allowed
        self._go.set()

    def result(self, timeout: float = 10.0) -> FirstScreen | None:
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._found[0]


def open_journal(first: FirstScreen) -> Journal:
    """The journal the first screen was read from, opened the usual way with its key."""
    from reljournal.journal.facade import Journal
    from reljournal.store.opening import open_with_key

    return Journal(open_with_key(first.path, first.key))
