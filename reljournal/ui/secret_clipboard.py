"""Secrets on the clipboard: marked as such where the platform has a way, and cleared
after a while (``CLEAR_AFTER_S``) and when the app quits, unless something else was
copied meanwhile."""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

CLEAR_AFTER_S: Final = 60
# clipboard managers that honour a hint keep no history of the copy: KDE's Klipper,
# Windows' clipboard history and cloud clipboard, and macOS managers (nspasteboard.org)
_SENSITIVE_FORMATS: Final = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"1",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
}


class SecretClipboard(QObject):
    """Puts a secret on the clipboard and takes it off again."""

    def __init__(self, parent: QObject | None = None, clear_after_s: float = CLEAR_AFTER_S) -> None:
        super().__init__(parent)
        self.clear_after_ms = int(clear_after_s * 1000)
        self._secret: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.connect(self.clear)

    def copy(self, secret: str) -> None:
        data = QMimeData()
        data.setText(secret)
        for fmt, value in _SENSITIVE_FORMATS.items():
            data.setData(fmt, QByteArray(value))
        QGuiApplication.clipboard().setMimeData(data, QClipboard.Mode.Clipboard)
        self._secret = secret
        self._timer.start(self.clear_after_ms)

    def clear(self) -> None:
        """Take the secret off the clipboard, if it is still what the clipboard holds."""
        self._timer.stop()
        if self._secret is None:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text(QClipboard.Mode.Clipboard) == self._secret:
            clipboard.clear(QClipboard.Mode.Clipboard)
            log.info("cleared a secret from the clipboard")
        self._secret = None

    def _on_timer_timeout(self) -> None:
        self.clear()


_shared: list[SecretClipboard] = []


def secret_clipboard() -> SecretClipboard:
    """The application's one ``SecretClipboard`` (its clearing outlives any dialog)."""
    if not _shared:
        _shared.append(SecretClipboard(QGuiApplication.instance()))
    return _shared[0]
