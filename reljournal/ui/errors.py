"""The one way errors reach the user: logged first, then shown in the user's words.

A known error (``RelJournalError``: its message is written for the user) becomes a
short dialog. Anything else is logged with its traceback and shown as "something went
wrong" with the log file's path and a "Copy details" button. No traceback is ever shown.
"""

from __future__ import annotations

import logging
import platform
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reljournal import APP_NAME, __version__
from reljournal.core.errors import RelJournalError
from reljournal.logs import log_path

log = logging.getLogger(__name__)


def error_details(exc: BaseException) -> str:
    """What "Copy details" puts on the clipboard: version, platform and the traceback."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return (
        f"{APP_NAME} {__version__} on {platform.platform()}, Python {platform.python_version()}\n"
        + "".join(lines)
    )


class UnexpectedErrorDialog(QDialog):
    """ "Something went wrong", the log's path and a button that copies the details."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.details = error_details(exc)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            self.tr(
                "RelJournal ran into a problem it did not expect. What you have saved is "
                "safe. If it happens again, please send the details to whoever supports "
                "your RelJournal.\n\nThe details are also in the log file:\n{path}"
            ).format(path=log_path())
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


def log_unexpected(exc: BaseException, where: str = "") -> None:
    log.error(
        "unexpected error%s",
        f" in {where}" if where else "",
        exc_info=(type(exc), exc, exc.__traceback__),
    )


def show_error(parent: QWidget | None, exc: BaseException, *, where: str = "") -> None:
    """Log ``exc``, then show it: a short dialog for a known error, else "copy details"."""
    if isinstance(exc, RelJournalError):
        log.info("shown to the user: %s", exc.message)
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(exc.message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        return
    log_unexpected(exc, where)
    UnexpectedErrorDialog(exc, parent).exec()


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the app: log and show instead of printing a traceback."""
    if issubclass(exc_type, KeyboardInterrupt):
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    try:
        parent = QApplication.activeModalWidget() or QApplication.activeWindow()
        show_error(parent if parent is not None and parent.isVisible() else None, exc)
    except Exception:  # never let the hook itself raise
        log.exception("the error dialog failed")
