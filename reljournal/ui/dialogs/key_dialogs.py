"""The journal's secrets: unlock with a passphrase or recovery key, choose a new
passphrase (twice, with a strength hint), and show a new recovery key once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError, WrongKeyError
from reljournal.journal.opening import passphrase_acceptable, passphrase_strength
from reljournal.journal.transfer import write_private_file
from reljournal.ui import theme
from reljournal.ui.secret_clipboard import CLEAR_AFTER_S, secret_clipboard

log = logging.getLogger(__name__)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.colours().overdue.name()}; font-weight: bold;")
    label.hide()
    return label


class UnlockDialog(QDialog):
    """Asks for the passphrase (or the recovery key) and tries it with ``unlock``.

    ``unlock(passphrase=..., recovery_key=...)`` returns the open journal or raises;
    a wrong secret is said inline and the user tries again."""

    def __init__(
        self,
        journal_path: Path,
        unlock: Callable[..., object],
        reason: str = "",
        parent: QWidget | None = None,
        *,
        recovery_key_exists: bool = True,
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self.journal: object | None = None
        self._use_recovery = False
        self.setWindowTitle(self.tr("Open the journal"))
        self.intro = _wrapped(
            reason
            or self.tr("Type the passphrase of the journal at %1.").replace("%1", str(journal_path))
        )
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("Passphrase"))
        self.secret.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.error = _error_label()
        self.switch_button = QPushButton(self.tr("Use the &recovery key instead"))
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self._on_switch_clicked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        if recovery_key_exists:
            buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ResetRole)
        else:  # a passphrase journal has no recovery key: do not offer one
            self.switch_button.hide()
            self.switch_button.setParent(self)
        buttons.accepted.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.secret)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.secret.setFocus()

    def _on_switch_clicked(self) -> None:
        self._use_recovery = not self._use_recovery
        self.secret.clear()
        self.error.hide()
        if self._use_recovery:
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
            self.switch_button.setText(self.tr("Use the &passphrase instead"))
        else:
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret.setPlaceholderText(self.tr("Passphrase"))
            self.switch_button.setText(self.tr("Use the &recovery key instead"))
        self.secret.setFocus()

    def _on_open_clicked(self) -> None:
        text = self.secret.text()
        if not text:
            self._say(self.tr("Type it first."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self._use_recovery:
                self.journal = self._unlock(recovery_key=text)
            else:
                self.journal = self._unlock(passphrase=text)
        except WrongKeyError as exc:
            self._say(
                exc.message  # names a mistyped group, or a key typed right but of another journal
                if self._use_recovery
                else self.tr("That passphrase does not open this journal. Try again.")
            )
            self.secret.selectAll()
            return
        except RelJournalError as exc:
            self._say(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.secret.setFocus()


_STRENGTH_WORDS = {
    "too_short": "Too short: use at least 8 characters.",
    "weak": "Weak: too easy to guess. A few unrelated words are stronger.",
    "fair": "Fair, but still too easy to guess. Add a word or two.",
    "good": "Good.",
    "strong": "Strong.",
}


class NewPassphraseDialog(QDialog):
    """Chooses a passphrase for a new journal: typed twice, with a strength hint. With
    ``check_current`` it changes an existing journal's passphrase: the current one is
    asked first and checked when OK is pressed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        check_current: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._check_current = check_current
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.textChanged.connect(self._on_text_changed)
        self.error = _error_label()
        if check_current is None:
            self.setWindowTitle(self.tr("Choose a passphrase"))
            intro = _wrapped(
                self.tr(
                    "This computer has no keychain RelJournal can use, so the journal is "
                    "protected by a passphrase. There is no way to open it without the "
                    "passphrase: choose one you will remember."
                )
            )
        else:
            self.setWindowTitle(self.tr("Change the passphrase"))
            intro = _wrapped(
                self.tr(
                    "The journal and the backups in its backups folder are re-encrypted with "
                    "the new passphrase; the old one then opens none of them. The journal "
                    "closes for a moment and asks for the new passphrase to open again."
                )
            )
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._on_text_changed)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(self.fontMetrics().height() // 2)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        if check_current is not None:
            form.addRow(self.tr("&Current passphrase:"), self.current)
        form.addRow(
            self.tr("&New passphrase:") if check_current else self.tr("&Passphrase:"), self.first
        )
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        form.addRow(self.tr("&Again:"), self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self._on_text_changed()
        if check_current is not None:
            self.current.setFocus()

    def accept(self) -> None:
        if self._check_current is not None:
            if not self._check_current(self.current.text()):
                self.error.setText(self.tr("The current passphrase is not right."))
                self.error.show()
                self.current.selectAll()
                self.current.setFocus()
                return
            if self.first.text() == self.current.text():
                self.error.setText(self.tr("The new passphrase is the current one."))
                self.error.show()
                return
        super().accept()

    @property
    def passphrase(self) -> str:
        return self.first.text()

    def _on_text_changed(self) -> None:
        first, second = self.first.text(), self.second.text()
        score, code = passphrase_strength(first)
        self.meter.setValue(score)
        hint = self.tr(_STRENGTH_WORDS.get(code, code)) if first else ""
        if second and second != first:
            hint = (hint + " " if hint else "") + self.tr("The two passphrases differ.")
        self.hint.setText(hint)
        ok = passphrase_acceptable(first) and first == second
        if self._check_current is not None:
            ok = ok and bool(self.current.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class RecoveryKeyDialog(QDialog):
    """Shows a new journal's recovery key, once, with Copy and Save to file."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.setWindowTitle(self.tr("Your recovery key"))
        intro = _wrapped(
            self.tr(
                "The journal's key is in this computer's keychain. Keep this recovery key "
                "somewhere safe, such as a password manager: it is the only way to open the "
                "journal and its backups if the keychain entry is lost or on another "
                "computer, and it is shown only this once."
            )
        )
        self.key_field = QLineEdit(recovery_key)
        self.key_field.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(QFont().pointSizeF() * 1.25)
        self.key_field.setFont(font)
        self.key_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_field.setMinimumWidth(
            self.key_field.fontMetrics().horizontalAdvance(recovery_key) + 40
        )
        self.status = QLabel()
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save to file…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("I have kept it"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.copy_button, self.save_button):
            button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_field)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        secret_clipboard().copy(self.recovery_key)
        self.status.setText(
            self.tr(
                "Copied to the clipboard; it is cleared from there in %n seconds.",
                "",
                CLEAR_AFTER_S,
            )
        )

    def _on_save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery key"),
            str(Path.home() / "reljournal-recovery-key.txt"),
            self.tr("Text files (*.txt)"),
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        text = (
            "RelJournal recovery key\n\n"
            f"{self.recovery_key}\n\n"
            "It opens the journal and its backups if the keychain entry is lost.\n"
        )
        try:
            write_private_file(path, text)
        except RelJournalError as exc:
            log.warning("could not save the recovery key: %s", exc.message)
            self.status.setText(self.tr("Could not save it there: %1").replace("%1", exc.message))
            return
        self.status.setText(self.tr("Saved to %1.").replace("%1", str(path)))
