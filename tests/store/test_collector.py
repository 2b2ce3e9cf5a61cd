"""A save holds off the automatic garbage collector, and gives it back as it was."""

from __future__ import annotations

import gc

from reljournal.store.collector import collector_paused


def test_the_collector_is_off_inside_and_back_on_after_even_on_error() -> None:
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # re-entrant: an undo's save inside a save
                assert not gc.isenabled()
            assert not gc.isenabled()
            raise ValueError("a failed save")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()  # as the app runs it: collected by a timer on the GUI thread
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
