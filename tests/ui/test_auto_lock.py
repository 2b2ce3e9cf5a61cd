"""Auto-lock after idle minutes, the lock window, and secrets on the clipboard (issue 17)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from reljournal.ui.secret_clipboard import SecretClipboard
from reljournal.ui.windows.auto_lock import AutoLock, IdleWatch, LockWindow
from tests.helpers.recovery_keys import mistyped

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

SHORT = 1.5 / 60  # minutes: the lock comes after 1.5 s without input


def _collect(qapp: QApplication) -> None:
    import gc

    qapp.processEvents()
    gc.collect()


@pytest.fixture(autouse=True)
def _collect_garbage(qapp: QApplication) -> Any:
    """Collect the Qt wrappers a test left (its windows are closed after this fixture
    ends, so also at the next test's start) on the GUI thread: a later test's worker
    thread that collected them would hand their deletion back to the GUI thread."""
    _collect(qapp)
    yield
    _collect(qapp)


@pytest.fixture(scope="module", autouse=True)
def _collect_garbage_at_the_end(qapp: QApplication) -> Any:
    yield
    _collect(qapp)


def _lock(window: Any, minutes: float = SHORT) -> AutoLock:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return AutoLock(app, window, window.journal, minutes, window)


def test_the_app_locks_after_idle_and_the_keychain_unlocks_it(qtbot: Any, window: Any) -> None:
    lock = _lock(window)
    started = time.monotonic()
    qtbot.waitUntil(lambda: lock.locked, timeout=10_000)
    assert time.monotonic() - started >= 1.0  # not before the idle time
    assert not window.isVisible()  # the journal is hidden
    assert lock.lock_window.isVisible()
    assert not lock.lock_window.secret.isVisible()  # the keychain journal: just Unlock
    lock.lock_window.unlock_button.click()
    assert not lock.locked and window.isVisible() and not lock.lock_window.isVisible()
    lock.shutdown()


def test_input_puts_the_lock_off(qtbot: Any, window: Any) -> None:
    lock = _lock(window, 4.0 / 60)  # a 4 s idle time: a loaded machine's stalls stay below it
    deadline = time.monotonic() + 6.0
    while time.monotonic() < deadline:  # 6 s of use, longer than the idle time
        qtbot.mouseMove(window, QPoint(10 + int(time.monotonic() * 10) % 50, 10))
        qtbot.keyClick(window, Qt.Key.Key_Shift)
        qtbot.wait(200)
        assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=10_000)  # then idle: it locks
    lock.lock_window.unlock_button.click()
    lock.shutdown()


def test_no_lock_when_the_setting_is_zero(qtbot: Any, window: Any) -> None:
    lock = _lock(window, 0)
    qtbot.wait(2500)
    assert not lock.locked and window.isVisible()
    lock.lock()  # "Lock now" still locks
    assert lock.locked and not window.isVisible()
    lock.lock_window.unlock_button.click()
    lock.shutdown()


def test_an_entry_being_written_is_hidden_and_comes_back(qtbot: Any, window: Any) -> None:
    dialog = window.open_quick_entry()
    qtbot.waitExposed(dialog)
    dialog.notes.setPlainText("Half-written note about the renewal")
    lock = _lock(window)
    lock.lock()
    assert not dialog.isVisible() and not window.isVisible()
    window.show()  # something brings the window forward while locked: hidden again
    qtbot.waitUntil(lambda: not window.isVisible())
    lock.lock_window.unlock_button.click()
    assert dialog.isVisible() and window.isVisible()
    assert dialog.notes.toPlainText() == "Half-written note about the renewal"
    dialog.keep_draft_and_close()
    lock.shutdown()


def test_a_passphrase_journal_unlocks_only_with_its_passphrase(
    qtbot: Any, tmp_path: Path, no_keychain: object
) -> None:
    from reljournal.journal.opening import create

    journal = create(tmp_path / "p.db", passphrase="correct horse battery staple")
    try:
        lock_window = LockWindow(journal)
        qtbot.addWidget(lock_window)
        unlocked: list[bool] = []
        lock_window.unlocked.connect(lambda: unlocked.append(True))
        lock_window.show()
        assert lock_window.secret.isVisible() and not lock_window.switch_button.isVisible()
        qtbot.keyClicks(lock_window.secret, "wrong horse")
        lock_window.unlock_button.click()
        assert not unlocked and "does not open" in lock_window.error.text()
        lock_window.secret.setText("correct horse battery staple")
        qtbot.keyClick(lock_window.secret, Qt.Key.Key_Return)
        assert unlocked == [True]
        lock_window.hide()
    finally:
        journal.close()


def test_a_keychain_that_lost_the_key_asks_for_the_recovery_key(
    qtbot: Any, window: Any, memory_keyring: Any, recovery_key: str
) -> None:
    lock = _lock(window, 0)
    lock.lock()
    memory_keyring.items.clear()
    lock.lock_window.unlock_button.click()
    assert lock.locked and "recovery key" in lock.lock_window.error.text()
    lock.lock_window.switch_button.click()
    lock.lock_window.secret.setText(mistyped(recovery_key, 1, position=2))
    lock.lock_window.unlock_button.click()
    assert lock.locked and "Group 2" in lock.lock_window.error.text()
    lock.lock_window.secret.setText(recovery_key)
    lock.lock_window.unlock_button.click()
    assert not lock.locked and window.isVisible()
    lock.shutdown()


def test_the_lock_window_does_not_close_on_escape(qtbot: Any, window: Any) -> None:
    lock = _lock(window, 0)
    lock.lock()
    qtbot.keyClick(lock.lock_window, Qt.Key.Key_Escape)

    class ByTheWindowManager(QCloseEvent):
        def spontaneous(self) -> bool:  # the title bar's close button
            return True

    by_user = ByTheWindowManager()
    lock.lock_window.closeEvent(by_user)
    assert not by_user.isAccepted()
    assert lock.lock_window.isVisible() and lock.locked
    by_the_app = QCloseEvent()  # the app quitting (Quit, a signal, logout) closes it
    lock.lock_window.closeEvent(by_the_app)
    assert by_the_app.isAccepted()
    lock.lock_window.unlock_button.click()
    lock.shutdown()


def test_idle_watch_wakes_once_per_period(qtbot: Any, qapp: QApplication) -> None:
    """Idle costs nothing measurable: the timer wakes when the idle time could be over,
    not every second."""
    watch = IdleWatch(qapp, 2.0)
    fired: list[float] = []
    watch.idle_for_long.connect(lambda: fired.append(time.monotonic()))
    started = time.monotonic()
    qtbot.waitUntil(lambda: bool(fired), timeout=10_000)
    assert 1.5 <= fired[0] - started < 15  # (the upper bound only for a loaded machine)
    watch.stop()
    watch.deleteLater()


def test_a_copied_recovery_key_is_cleared_from_the_clipboard(
    qtbot: Any, qapp: QApplication
) -> None:
    clipboard = SecretClipboard(qapp, clear_after_s=1.0)
    clipboard.copy("AAAAA-BBBBB")
    data = QGuiApplication.clipboard().mimeData()
    assert data is not None and data.text() == "AAAAA-BBBBB"
    assert bytes(data.data("x-kde-passwordManagerHint").data()) == b"secret"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "AAAAA-BBBBB", timeout=5000)
    # something the user copied after it is never cleared
    clipboard.copy("CCCCC-DDDDD")
    QGuiApplication.clipboard().setText("my own text")
    qtbot.wait(1500)
    assert QGuiApplication.clipboard().text() == "my own text"
    clipboard.deleteLater()


def test_the_recovery_key_dialog_copies_through_the_secret_clipboard(
    qtbot: Any, qapp: QApplication
) -> None:
    from reljournal.ui.dialogs.key_dialogs import RecoveryKeyDialog

    dialog = RecoveryKeyDialog("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH")
    qtbot.addWidget(dialog)
    from reljournal.ui.secret_clipboard import secret_clipboard

    secret_clipboard().clear_after_ms = 800
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.recovery_key
    assert "60 seconds" in dialog.status.text()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != dialog.recovery_key, timeout=5000)
    secret_clipboard().clear_after_ms = 60_000


# ---------------------------------------------------------------- changing the passphrase


def test_the_app_changes_the_passphrase_of_a_passphrase_journal(
    qtbot: Any, tmp_path: Path, no_keychain: object, modal: Any
) -> None:
    from PySide6.QtWidgets import QMainWindow, QMenu

    from reljournal.core.errors import WrongKeyError
    from reljournal.journal.opening import create, unlock
    from reljournal.ui.dialogs.key_dialogs import NewPassphraseDialog
    from reljournal.ui.windows.passphrase_change import PassphraseChangeAction, change_passphrase

    old, new = "correct horse battery staple", "purple elephant waltzing quietly"
    path = tmp_path / "p.db"
    journal = create(path, passphrase=old)
    backup = journal.backup_now()
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    quit_action = menu.addAction("Quit")
    action = PassphraseChangeAction(window, journal, menu, quit_action)
    assert action.action.isEnabled() and menu.actions()[0] is action.action

    def fill(dialog: Any) -> bool:
        if not isinstance(dialog, NewPassphraseDialog):
            return False
        dialog.current.setText("not the passphrase")
        dialog.first.setText(new)
        dialog.second.setText(new)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible() and "not right" in dialog.error.text()  # checked, still open
        dialog.current.setText(old)
        dialog.first.setText("password1")
        dialog.second.setText("password1")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # weak
        dialog.first.setText(new)
        dialog.second.setText(new)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return True

    modal.then(fill)
    window.show()
    action.action.trigger()
    assert action.pending is not None and action.pending.new == new
    journal.close()  # the app closes the journal, then changes the passphrase
    modal.click("OK")
    assert change_passphrase(action.pending)
    unlock(path, passphrase=new).close()
    with pytest.raises(WrongKeyError):
        unlock(path, passphrase=old)
    from reljournal.store.database import open_database
    from reljournal.store.keys import JournalKey

    open_database(backup, JournalKey(passphrase=new), migrate=False).conn.close()
    with pytest.raises(WrongKeyError):
        open_database(backup, JournalKey(passphrase=old), migrate=False)


def test_a_keychain_journal_has_no_passphrase_to_change(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QMenu

    from reljournal.ui.windows.passphrase_change import PassphraseChangeAction

    menu = QMenu(window)
    quit_action = menu.addAction("Quit")
    action = PassphraseChangeAction(window, window.journal, menu, quit_action)
    assert not action.action.isEnabled()


# ---------------------------------------------------------------- the session locking

_SESSION_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from reljournal.journal.opening import create
from reljournal.ui.windows.auto_lock import AutoLock
from reljournal.ui.windows.session_watch import SessionWatch
journal = create(Path(sys.argv[1]), passphrase="correct horse battery staple")
window = QMainWindow()
window.show()
lock = AutoLock(app, window, journal, 15, window)
SessionWatch(lock).session_locking.connect(lock.lock)
def send():
    msg = QDBusMessage.createSignal(
        "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"
    )
    msg.setArguments([True])
    QDBusConnection.sessionBus().send(msg)
QTimer.singleShot(300, send)
QTimer.singleShot(3000, app.quit)
lock.locked_changed.connect(lambda locked: QTimer.singleShot(100, app.quit))
app.exec()
print("locked" if lock.locked and not window.isVisible() else "open", flush=True)
lock.shutdown()
journal.close()
"""


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs a D-Bus session bus")
def test_the_app_locks_when_the_screen_locks(tmp_path: Path) -> None:
    """The screen saver's ActiveChanged(true) on the session bus locks at once (a private
    session bus of the test's own, where the test sends the signal itself)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, RELJOURNAL_NO_KEYCHAIN="1", QT_QPA_PLATFORM="offscreen")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", _SESSION_CHILD, str(tmp_path / "p.db")],
        capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2], timeout=60,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1:] == ["locked"], (result.stdout, result.stderr)
