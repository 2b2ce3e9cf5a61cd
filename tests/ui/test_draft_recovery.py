"""A half-written entry survives a crash: the killed app's draft is offered at the next
start, inside the encrypted journal."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from reljournal.journal.entry_form import EntryForm
from reljournal.store.accounts import create_account
from reljournal.store.drafts import load_drafts, save_draft
from reljournal.store.entries import list_entries
from reljournal.store.opening import create_journal, unlock_journal
from reljournal.ui.windows.main_window import MainWindow
from reljournal.ui.work.tasks import TaskRunner
from tests.helpers.facade import facade
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "a passphrase for the crash test"


def test_draft_survives_a_kill_and_is_offered_back(
    qtbot: Any, tmp_path: Path, no_keychain: Any, modal: Any, settings: Any
) -> None:
    path = tmp_path / "journal.db"
    journal = create_journal(path, passphrase=PASSPHRASE)
    acme = create_account(journal.db, "Acme Ltd")
    journal.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.draft_child",
            str(path),
            PASSPHRASE,
            str(tmp_path / "s.ini"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "DRAFT_SAVED", line
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert b"Half a thought" not in path.read_bytes()  # encrypted at rest

    journal = unlock_journal(path, passphrase=PASSPHRASE)
    runner = TaskRunner(facade(journal), synchronous=True)
    window = MainWindow(facade(journal), runner, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    modal.click("Open it")
    window.offer_drafts()
    assert modal.done and "Acme Ltd" in modal.seen[0]
    dialog = window.quick_entry
    assert dialog is not None
    assert dialog.notes.toPlainText() == "Half a thought about the renewal"
    assert dialog.account.target.account_id == acme
    dialog.save()
    assert [e.notes for e in list_entries(journal.db, acme)] == ["Half a thought about the renewal"]
    assert load_drafts(journal.db) == []
    window.close()
    journal.close()


def test_discarded_and_postponed_drafts(
    qtbot: Any, journal: Any, sync_runner: Any, settings: Any, modal: Any
) -> None:
    form = EntryForm(at=dt.datetime(2025, 3, 12, 9, 0), notes="kept for later", team=True)
    save_draft(journal.db, form.to_payload())
    window = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(window)
    modal.click("Later")
    window.offer_drafts()
    assert len(load_drafts(journal.db)) == 1 and window.quick_entry is None
    modal.click("Discard it")
    window.offer_drafts()
    assert modal.done and load_drafts(journal.db) == []


def test_payload_round_trip_and_damaged_payloads() -> None:
    from reljournal.journal.entry_form import FormAnswer, FormCommitment

    form = EntryForm(
        at=dt.datetime(2025, 3, 12, 14, 30),
        account_text="Acme",
        minutes=45,
        notes="n",
        answers=[FormAnswer("Q?", "A.", "Dana", 3)],
        commitments=[FormCommitment("Send", "them", "fri", dt.date(2025, 3, 14))],
        health={"trust": 4},
        stage="dependent",
        people=[1],
        entry_id=9,
    )
    assert EntryForm.from_payload(form.to_payload()) == form
    odd = EntryForm.from_payload(
        {
            "at": "yesterday",
            "kind": "party",
            "minutes": "ten",
            "answers": [1, {"answer": 2}],
            "commitments": [{"text": "x", "owner": "boss", "due": "soon"}],
            "health": [],
            "people": ["a"],
        }
    )
    assert odd.kind == "meeting" and odd.minutes is None and odd.people == []
    assert odd.commitments[0].owner == "me" and odd.commitments[0].due is None
    assert odd.answers[0].answer == ""


def test_a_recovered_draft_survives_esc(
    qtbot: Any, journal: Any, sync_runner: Any, settings: Any, modal: Any
) -> None:
    """Esc on a recovered draft asks first (it is unsaved work even though nothing was typed
    since it opened); the draft is deleted only when the rep says Discard."""
    form = EntryForm(at=dt.datetime(2025, 3, 12, 9, 0), notes="what the buyer said", team=True)
    save_draft(journal.db, form.to_payload())
    window = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    modal.click("Open it")
    window.offer_drafts()
    dialog = window.quick_entry
    assert dialog is not None and dialog.notes.toPlainText() == "what the buyer said"
    modal.click("Keep writing")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert modal.done and "Throw away" in modal.seen[-1]
    assert window.quick_entry is dialog and dialog.isVisible()
    assert len(load_drafts(journal.db)) == 1
    window.close()  # quitting keeps the draft: offered again at the next start
    assert [d.payload["notes"] for d in load_drafts(journal.db)] == ["what the buyer said"]
    window = MainWindow(facade(journal), sync_runner, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    modal.click("Open it").click("Discard")
    window.offer_drafts()
    assert window.quick_entry is not None
    qtbot.keyClick(window.quick_entry, Qt.Key.Key_Escape)
    assert modal.done and load_drafts(journal.db) == []
    window.close()
