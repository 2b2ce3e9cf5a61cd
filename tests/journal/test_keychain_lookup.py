"""Issue 18: keyring's back-end is chosen on a thread while the journal layer loads; the
unlock waits for it; a keyring that fails is left for the unlock to report."""

from __future__ import annotations

import threading

import keyring
import pytest

from reljournal.journal.keychain_lookup import start_keychain_lookup


def test_the_back_end_is_chosen_on_a_thread_and_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RELJOURNAL_NO_KEYCHAIN", raising=False)
    release = threading.Event()
    calls: list[str] = []

    def slow_choice() -> object:
        release.wait(5)
        calls.append(threading.current_thread().name)
        return object()

    monkeypatch.setattr(keyring, "get_keyring", slow_choice)
    wait = start_keychain_lookup()
    assert calls == []  # still looking: the caller goes on loading meanwhile
    release.set()
    wait()
    assert calls == ["keychain-lookup"]


def test_a_failing_keyring_is_left_to_the_unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELJOURNAL_NO_KEYCHAIN", raising=False)

    def broken() -> object:
        raise RuntimeError("D-Bus is gone")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    start_keychain_lookup()()  # no error here, none on the thread's excepthook either


def test_no_look_up_without_a_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    called: list[bool] = []
    monkeypatch.setattr(keyring, "get_keyring", lambda: called.append(True))
    start_keychain_lookup()()
    assert called == []
