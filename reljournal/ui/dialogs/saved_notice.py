"""After an export: say where the file went, with "Open folder" to show it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SavedNotice", text)


def open_folder(path: Path) -> bool:
    """Show the folder that holds ``path`` in the desktop's file manager."""
    folder = path.parent if not path.is_dir() else path
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    if not opened:
        log.info("no file manager opened %s", folder)
    return bool(opened)


def confirm_saved(parent: QWidget | None, path: Path, what: str) -> QMessageBox:
    """A short notice: ``what`` was saved at ``path``; "Open folder" shows it. Returns
    the (already answered) box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("Saved"))
    box.setText(_tr("%1 was saved to:").replace("%1", what))
    box.setInformativeText(str(path))
    folder = box.addButton(_tr("Open &folder"), QMessageBox.ButtonRole.ActionRole)
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    box.exec()
    if box.clickedButton() is folder:
        if not open_folder(path):
            QMessageBox.information(
                parent,
                _tr("Open folder"),
                _tr("No file manager could be started here. The file is at:\n%1").replace(
                    "%1", str(path)
                ),
            )
    return box
