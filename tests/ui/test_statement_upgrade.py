"""After a classifier upgrade the journal is read again in the background, with a
progress bar in the status bar (issue 15)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QProgressBar

from reljournal.core.formats.interchange import parse_document
from reljournal.store.transfer.json_import import import_document
from reljournal.ui.work.statement_upgrade import StatementUpgrade
from tests.helpers.facade import facade

CORPUS = Path(__file__).resolve().parents[1] / "data" / "classifier_corpus"
SHOTS = Path(os.environ.get("RELJOURNAL_SHOTS", tempfile.gettempdir()))


def _outdate(db: Any) -> int:
    """What a classifier upgrade does to the stored readings: none is current any more."""
    with db.conn:
        db.conn.execute("UPDATE statement_readings SET version = 'an older classifier'")
    return int(db.conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def test_an_upgrade_reads_the_journal_again_once(qtbot, window, db, no_qt_warnings) -> None:  # type: ignore[no-untyped-def]
    journal = window.journal
    journal.rescore_statements()
    assert journal.outdated_statements() == 0
    entries = _outdate(db)
    assert journal.outdated_statements() == entries
    upgrade = StatementUpgrade(journal, window.runner, window)
    with qtbot.waitSignal(upgrade.finished) as blocker:
        upgrade.start()
    assert blocker.args == [entries]
    assert journal.outdated_statements() == 0
    assert not [b for b in window.statusBar().findChildren(QProgressBar) if b.isVisible()]
    # Nothing outdated: nothing to read, no bar.
    again = StatementUpgrade(journal, window.runner, window)
    with qtbot.waitSignal(again.finished) as blocker:
        again.start()
    assert blocker.args == [0]


def test_the_progress_bar_shows_while_the_worker_reads(  # type: ignore[no-untyped-def]
    qtbot, journal, db, settings, tmp_path, no_qt_warnings
) -> None:
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    for name in ("dev_01.json", "dev_02.json", "dev_03.json"):
        doc = json.loads((CORPUS / name).read_text(encoding="utf-8"))
        import_document(db, parse_document(doc))
    entries = _outdate(db)
    runner = TaskRunner(facade(journal))
    try:
        win = MainWindow(facade(journal), runner, settings)
        qtbot.addWidget(win)
        win.resize(1100, 700)
        win.show()
        qtbot.waitExposed(win)
        upgrade = StatementUpgrade(win.journal, runner, win)
        seen: list[int] = []

        def look(done: int, total: int) -> None:
            bars = win.statusBar().findChildren(QProgressBar)
            if bars and bars[0].isVisible():
                seen.append(bars[0].maximum())
                if len(seen) == 1:
                    win.grab().save(str(SHOTS / "statement_upgrade.png"))

        upgrade.task = None
        with qtbot.waitSignal(upgrade.finished, timeout=60_000) as blocker:
            upgrade.start()
            assert upgrade.task is not None
            upgrade.task.progressed.connect(look)
        assert blocker.args == [entries]
        assert seen and seen[0] == entries
        assert not [b for b in win.statusBar().findChildren(QProgressBar) if b.isVisible()]
        assert win.journal.outdated_statements() == 0
    finally:
        runner.shutdown()
