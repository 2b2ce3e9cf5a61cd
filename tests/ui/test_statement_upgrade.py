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


def test_the_brief_says_when_the_customer_changed_their_stance(  # type: ignore[no-untyped-def]
    qtbot, journal, db, no_qt_warnings
) -> None:
    import datetime as dt

    from reljournal.core.model import Answer, Entry, Stakeholder
    from reljournal.store.accounts import create_account
    from reljournal.store.entries import save_entry
    from reljournal.store.people import add_stakeholder
    from reljournal.ui.views.brief_view import BriefView

    account = create_account(db, "Linden Paper Cups", "Catering supplies")
    anna = add_stakeholder(db, Stakeholder("Anna Holt", account_id=account, role="owner"))
    question = "How often do you want to hear from me, and how?"
    for day, text, answer in (
        (
            dt.date(2025, 2, 3),
            "Kick-off.",
            "Quarterly business reviews, please, and a monthly call.",
        ),
        (dt.date(2025, 6, 2), 'QBR done. Anna: "Good review, keep these coming."', ""),
        (
            dt.date(2026, 3, 9),
            "Anna emailed:\n> Cancel the QBRs, please — we'll just renew annually online, "
            "no calls needed.",
            "",
        ),
    ):
        entry = Entry(
            at=dt.datetime.combine(day, dt.time(10)),
            kind="call",
            notes=text,
            account_id=account,
            stakeholder_ids=[anna],
        )
        if answer:
            entry.answers.append(Answer(question, answer, day, speaker="Anna Holt"))
        save_entry(db, entry)
    view = BriefView(facade(journal), today=lambda: dt.date(2026, 4, 1))
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    qtbot.waitExposed(view)
    view.show_account(account)
    brief = view.brief
    assert brief is not None and brief.label == "transactional"
    first = brief.reasons[0]
    assert first.signal == "changed.contact" and first.date == dt.date(2026, 3, 9)
    text = view.browser.toPlainText()
    assert "changed their stance on contact on this date" in text
    assert "Cancel the QBRs, please" in text
    view.grab().save(str(SHOTS / "brief_changed_stance.png"))


def test_the_brief_says_when_the_customer_has_not_decided(  # type: ignore[no-untyped-def]
    qtbot, journal, db, no_qt_warnings
) -> None:
    import datetime as dt

    from reljournal.core.model import Answer, Entry
    from reljournal.store.accounts import create_account
    from reljournal.store.entries import save_entry
    from reljournal.ui.views.brief_view import BriefView

    account = create_account(db, "Marlowe Signs", "Signage")
    question = "How do you decide on a supplier?"
    for day, answer in (
        (dt.date(2026, 2, 3), "Three quotes, lowest wins."),
        (dt.date(2026, 3, 9), "I might override that, or might not. I honestly haven't decided."),
    ):
        entry = Entry(at=dt.datetime.combine(day, dt.time(10)), kind="meeting", account_id=account)
        entry.answers.append(Answer(question, answer, day, speaker="Ray"))
        save_entry(db, entry)
    view = BriefView(facade(journal), today=lambda: dt.date(2026, 4, 1))
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_account(account)
    brief = view.brief
    assert brief is not None and brief.label == "undetermined"
    assert brief.reasons[0].signal == "rosen.undecided"
    text = view.browser.toPlainText()
    assert "“I honestly haven't decided.” — 2026-03-09 · ● neither way: has not decided yet" in text
    view.grab().save(str(SHOTS / "brief_undecided.png"))
