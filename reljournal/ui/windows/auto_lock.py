"""Locking the app after idle minutes (issue 17): the windows that show the journal are
hidden, and a small window asks for the passphrase (or, for a journal whose key is in
the keychain, confirms with the keychain; the recovery key works too). Nothing is
closed: an entry being written and its draft stay as they were, and come back on
unlock.

Idle costs nothing while idle: input events only note the time, and one single-shot
timer wakes up when the idle period could have run out (then re-arms for the rest).
``Lock now`` in the Journal menu locks at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.journal.facade import Journal
from reljournal.ui import theme

log = logging.getLogger(__name__)

_INPUT_EVENTS: Final = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    """Emits ``idle_for_long`` after ``seconds`` without keyboard or mouse input in the
    app (0: never)."""

    idle_for_long = Signal()

    def __init__(self, app: QApplication, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.seconds = seconds
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # whole seconds: fewer wake-ups
        self._timer.timeout.connect(self._on_timer_timeout)
        app.installEventFilter(self)
        self.restart()

    def restart(self, seconds: float | None = None) -> None:
        if seconds is not None:
            self.seconds = seconds
        self._last_input = time.monotonic()
        self._timer.stop()
        if self.seconds > 0:
            self._timer.start(max(1000, int(self.seconds * 1000)))

    def stop(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _on_timer_timeout(self) -> None:
        if self.seconds <= 0:
            return
        left = self.seconds - (time.monotonic() - self._last_input)
        if left > 0.5:
            self._timer.start(max(1000, int(left * 1000)))
            return
        self.idle_for_long.emit()


class LockWindow(QDialog):
    """The locked app: says so and asks for what unlocks it."""

    unlocked = Signal()
    quit_requested = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._journal = journal
        self._use_recovery = False
        self.setWindowTitle(self.tr("RelJournal is locked"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self._on_unlock_clicked)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.colours().overdue.name()}; font-weight: bold;")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.switch_button = QPushButton(self.tr("Use the &recovery key"))
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self._on_switch_clicked)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.secret)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        key_width = self.secret.fontMetrics().horizontalAdvance("XXXXX-" * 8) + 40
        self.setMinimumWidth(max(self.fontMetrics().averageCharWidth() * 60, key_width))
        self._show_mode()

    def reset(self) -> None:
        self._use_recovery = False
        self.secret.clear()
        self.error.hide()
        self._show_mode()

    def _show_mode(self) -> None:
        passphrase = self._journal.is_passphrase_protected
        if self._use_recovery:
            self.intro.setText(
                self.tr("The journal is locked. Type its recovery key to unlock it.")
            )
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
            self.secret.show()
            self.switch_button.setText(self.tr("Use the &keychain"))
        elif passphrase:
            self.intro.setText(self.tr("The journal is locked. Type its passphrase to unlock it."))
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret.setPlaceholderText(self.tr("Passphrase"))
            self.secret.show()
        else:
            self.intro.setText(
                self.tr(
                    "The journal is locked. Unlock it with this computer's keychain (your "
                    "session's password may be asked)."
                )
            )
            self.secret.hide()
            self.switch_button.setText(self.tr("Use the &recovery key"))
        self.switch_button.setVisible(not passphrase)
        if self.secret.isVisible() or self._use_recovery or passphrase:
            self.secret.setFocus()

    def _on_switch_clicked(self) -> None:
        self._use_recovery = not self._use_recovery
        self.secret.clear()
        self.error.hide()
        self._show_mode()

    def _on_unlock_clicked(self) -> None:
        text = self.secret.text()
        try:
            if self._use_recovery:
                ok = bool(text) and self._journal.check_secret(recovery_key=text)
                wrong = self.tr("That recovery key does not open this journal.")
            elif self._journal.is_passphrase_protected:
                ok = bool(text) and self._journal.check_secret(passphrase=text)
                wrong = self.tr("That passphrase does not open this journal. Try again.")
            else:
                ok = self._journal.check_secret()
                wrong = self.tr(
                    "The keychain does not hold this journal's key (it may be locked); "
                    "use the recovery key."
                )
        except RelJournalError as exc:  # a mistyped recovery key names its group
            ok, wrong = False, exc.message
        if not ok:
            self.error.setText(wrong)
            self.error.show()
            self.secret.selectAll()
            return
        self.secret.clear()
        self.unlocked.emit()

    def reject(self) -> None:  # Esc keeps the app locked
        return

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """The window's close button does not unlock (nor close it); the app quitting
        (Quit, a signal, the session ending) closes it as any other window."""
        if event.spontaneous():
            event.ignore()
        else:
            event.accept()


class ModalCover(QWidget):
    """Covers a modal dialog open when the app locks: hiding the dialog would end its
    ``exec()`` (a question answered "no", what was typed in it lost, and the dialog back
    after unlock with nobody waiting for it), so it stays open with its title replaced
    and its contents covered by a plain panel, and the lock window comes above it."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._title = dialog.windowTitle()
        self.setAutoFillBackground(True)
        self.setGeometry(dialog.rect())
        dialog.installEventFilter(self)
        dialog.setWindowTitle(self.tr("RelJournal is locked"))
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._dialog and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._dialog.rect())
        return False

    def remove(self) -> None:
        self._dialog.removeEventFilter(self)
        self._dialog.setWindowTitle(self._title)
        self.hide()
        self.deleteLater()


class AutoLock(QObject):
    """Locks ``window`` (and every other window of the app) after idle minutes."""

    locked_changed = Signal(bool)

    def __init__(
        self,
        app: QApplication,
        window: QMainWindow,
        journal: Journal,
        minutes: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._window = window
        self.locked = False
        self.minutes = minutes  # the setting; 0: never
        self._hidden: list[QWidget] = []
        self._covers: list[ModalCover] = []
        self._on_minutes_chosen: Callable[[int], None] | None = None
        self.lock_window = LockWindow(journal, window)  # a window of its own, owned by the main one
        self.lock_window.unlocked.connect(self._on_lock_window_unlocked)
        self.lock_window.quit_requested.connect(self._on_lock_window_quit_requested)
        self.idle = IdleWatch(app, minutes * 60, self)
        self.idle.idle_for_long.connect(self.lock)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """While locked, a window that shows itself (a reminder, a second start of the
        app bringing the window forward) is hidden again until unlock."""
        if (
            self.locked
            and event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.lock_window
            and not isinstance(watched, QMenu)
        ):
            if watched not in self._hidden:
                self._hidden.append(watched)
            QTimer.singleShot(0, watched, watched.hide)
            self.lock_window.raise_()  # asked to come forward: the lock window does
            self.lock_window.activateWindow()
        return False

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        if not self.locked:
            self.idle.restart(minutes * 60)

    def add_menu_actions(
        self,
        menu: QMenu,
        before: QAction | None = None,
        on_minutes_chosen: Callable[[int], None] | None = None,
    ) -> None:
        """ "Lock now" and "Lock after idle…" in ``menu`` (before ``before``), with no
        shortcut: Ctrl+Alt+L and Meta+L lock the whole session on GNOME and KDE.
        ``on_minutes_chosen`` keeps the new setting."""
        self.lock_now_action = QAction(self.tr("&Lock now"), menu)
        self.lock_now_action.triggered.connect(self.lock)
        self.choose_action = QAction(self.tr("Lock &after idle…"), menu)
        self.choose_action.triggered.connect(self._on_choose_triggered)
        actions = [self.lock_now_action, self.choose_action]
        if before is None:
            menu.addSeparator()
            menu.addActions(actions)
        else:
            menu.insertActions(before, actions)
            menu.insertSeparator(before)
        self._on_minutes_chosen = on_minutes_chosen

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.restart(0)
        self._hidden = []
        self._covers = []
        for widget in self._app.topLevelWidgets():
            if not widget.isVisible() or widget is self.lock_window:
                continue
            if (
                isinstance(widget, QDialog)
                and widget.windowModality() == Qt.WindowModality.ApplicationModal
            ):  # a dialog in exec() (a question, a file chooser): hiding it would end that
                self._covers.append(ModalCover(widget))
            else:
                widget.hide()
                self._hidden.append(widget)
        # above a modal dialog left open, the lock window must be modal itself to get input
        self.lock_window.setWindowModality(
            Qt.WindowModality.ApplicationModal if self._covers else Qt.WindowModality.NonModal
        )
        self.lock_window.reset()
        self.lock_window.show()
        self.lock_window.raise_()
        self.lock_window.activateWindow()
        log.info("locked (%s windows hidden)", len(self._hidden))
        self.locked_changed.emit(True)

    def shutdown(self) -> None:
        self._app.removeEventFilter(self)
        self.idle.stop()
        self.lock_window.hide()

    def _on_lock_window_unlocked(self) -> None:
        self.lock_window.hide()
        for cover in self._covers:
            cover.remove()
        self._covers = []
        for widget in self._hidden:
            widget.show()
        self._window.raise_()
        self._window.activateWindow()
        self._hidden = []
        self.locked = False
        self.idle.restart(self.minutes * 60)
        log.info("unlocked")
        self.locked_changed.emit(False)

    def _on_lock_window_quit_requested(self) -> None:
        self.lock_window.hide()
        for cover in self._covers:
            cover.remove()
        self._covers = []
        self._hidden = []
        self.locked = False
        self._window.close()  # keeps the draft of an entry being written, as on any quit
        self._app.quit()

    def _on_choose_triggered(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self._window,
            self.tr("Lock after idle"),
            self.tr("Lock the journal after this many minutes without use (0: never):"),
            int(round(self.minutes)),
            0,
            24 * 60,
        )
        if not ok:
            return
        self.set_minutes(minutes)
        if self._on_minutes_chosen is not None:
            self._on_minutes_chosen(minutes)
