"""Issue 18: the app's start-up helpers (reljournal/app.py)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from reljournal import app


def test_pyside_import_check_gives_pysides_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quicker check of "does this module's source mention PySide6" answers as
    PySide6's own for every module loaded (with or without a source file)."""
    feature: Any = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no such check")
    original = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)  # put back afterwards
    app._quicker_pyside_import_hook()
    quick = feature._mod_uses_pyside
    assert quick is not original
    app._quicker_pyside_import_hook()  # a second start (switching journals): once only
    assert feature._mod_uses_pyside is quick
    modules = [m for m in list(sys.modules.values()) if m is not None and m.__name__ != "typing.io"]
    with_source = [m for m in modules if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(with_source) > 100
    assert [quick(m) for m in modules[:300]] == [original(m) for m in modules[:300]]
    assert any(quick(m) for m in with_source)  # the app's own Qt modules say yes
    from reljournal.core import errors
    from reljournal.ui import errors as ui_errors

    assert quick(ui_errors) is True
    assert quick(errors) is False


def test_first_screen_covers_the_screen(qapp: Any) -> None:
    rows = app._first_screen(qapp)
    screen = qapp.primaryScreen().availableGeometry().height()
    assert rows >= 60
    from PySide6.QtGui import QFontMetrics

    line = QFontMetrics(qapp.font()).height()
    assert rows * line >= screen  # every line a window on this screen shows is read


def test_the_window_loads_no_calendar_fetcher_before_its_first_fetch() -> None:
    """Issue 18, round 3: the calendar subscription's fetcher (HTTPS) and the meetings'
    application code load at its first fetch, after the window is on screen."""
    import subprocess

    script = (
        "import sys, reljournal.ui.windows.main_window; "
        "print(sorted(m for m in ('reljournal.journal.calendar_feed', "
        "'reljournal.journal.meetings') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
