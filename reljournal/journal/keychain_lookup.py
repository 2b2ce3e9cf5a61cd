"""Issue 18: find the keychain's back-end on a thread while the rest loads.

Before the first keychain read, keyring loads every back-end it ships (through entry
points) and asks each whether it works here: on Linux that means D-Bus round trips to
the Secret Service, and the macOS back-end asking ctypes for its frameworks, which runs
``ldconfig`` and a compiler. That is mostly waiting, so it is started first, on a
thread, while the journal layer (and in the app, Qt) loads; the unlock then waits for it
and finds keyring's back-end chosen. Only a warm-up: it reads and stores nothing, and if
it fails the unlock meets the same problem by itself and reports it as always.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from reljournal.store.key_values import ENV_NO_KEYCHAIN

log = logging.getLogger(__name__)


def start_keychain_lookup() -> Callable[[], None]:
    """Start choosing keyring's back-end on a thread; return the call that waits for it
    (call it before any keychain read: never two look-ups at once)."""
    if os.environ.get(ENV_NO_KEYCHAIN):
        return lambda: None

    def look_up() -> None:
        try:
            import keyring

            from reljournal.store.keychain_choice import choose_platform_keychain

            choose_platform_keychain()  # issue 18, round 3: the platform's keychain first
            keyring.get_keyring()
        except Exception:  # a broken keyring: the unlock reports it
            log.debug("keychain look-up failed", exc_info=True)

    thread = threading.Thread(target=look_up, name="keychain-lookup", daemon=True)
    thread.start()
    return lambda: thread.join(timeout=30)
