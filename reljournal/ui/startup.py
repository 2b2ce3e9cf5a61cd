"""Opening the journal at start: unlock an existing one, or create a new one (empty or
filled with the demo, off the GUI thread). Nothing here ever creates a journal over an
existing file: ``opening.create`` refuses, and an existing file is only ever unlocked.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QMessageBox, QWidget

from reljournal.core.errors import CancelledError, KeychainError, RelJournalError, WrongKeyError
from reljournal.journal import opening
from reljournal.journal.facade import Journal
from reljournal.ui.errors import show_error
from reljournal.ui.settings import Settings
from reljournal.ui.work.tasks import TaskContext, TaskRunner

log = logging.getLogger(__name__)

ENV_PASSPHRASE: Final = "RELJOURNAL_PASSPHRASE"
DEMO_ACCOUNTS: Final = 30
DEMO_SEED: Final = 7
CHOICE_DEMO: Final = "demo"  # = reljournal.ui.dialogs.welcome.CHOICE_DEMO

# issue 18: the dialogs (key_dialogs, welcome) are imported where they are shown: an
# existing journal unlocked with the keychain needs neither, and they take a while to load


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


class _NoSecret(Exception):
    """The user closed the passphrase dialog."""


def _new_secret(parent: QWidget | None) -> str | None:
    """The new journal's passphrase, or None to keep a random key in the keychain."""
    from_env = opening.environment_secret(ENV_PASSPHRASE)
    if from_env:
        return from_env
    if opening.keychain_available():
        return None
    from reljournal.ui.dialogs.key_dialogs import NewPassphraseDialog

    dialog = NewPassphraseDialog(parent)
    if dialog.exec() != NewPassphraseDialog.DialogCode.Accepted:
        raise _NoSecret
    return dialog.passphrase


def open_or_create(
    path: Path,
    *,
    demo_if_new: bool = False,
    parent: QWidget | None = None,
    settings: Settings | None = None,
    choice: str | None = None,
    demo_path: Path | None = None,
) -> Journal | None:
    """The open journal at ``path``, asking the user what is needed; None if they quit.

    Where there is no journal at ``path`` yet: ``choice`` (``empty`` or ``demo``) says
    what to make, else ``demo_if_new`` makes the demo, else the welcome asks. The demo is
    made at ``demo_path`` when given (its own file, never the user's journal), else at
    ``path``; either way it is marked as a demo."""
    journal = _open_or_create(path, demo_if_new, parent, settings, choice, demo_path)
    if journal is not None and settings is not None:
        settings.set_locked_by_passphrase(journal.path, journal.is_passphrase_protected)
        settings.add_recent_journal(journal.path)
    return journal


def _open_or_create(
    path: Path,
    demo_if_new: bool,
    parent: QWidget | None,
    settings: Settings | None,
    choice: str | None,
    demo_path: Path | None,
) -> Journal | None:
    if path.exists():
        return unlock_existing(path, parent, settings=settings)
    if choice is None and demo_if_new:
        choice = CHOICE_DEMO
    if choice is None:
        from reljournal.ui.dialogs.welcome import WelcomeDialog

        welcome = WelcomeDialog(path, parent, demo_path=demo_path)
        if welcome.exec() != WelcomeDialog.DialogCode.Accepted or welcome.choice is None:
            return None
        choice = welcome.choice
    if choice == CHOICE_DEMO and demo_path is not None:
        path = demo_path
        if path.exists():  # the demo was made before: open it
            return unlock_existing(path, parent, settings=settings)
    try:
        secret = _new_secret(parent)
    except _NoSecret:
        return None
    if choice == CHOICE_DEMO:
        return _create_demo(path, secret, parent)
    try:
        journal = opening.create(path, passphrase=secret)
    except RelJournalError as exc:
        show_error(parent, exc)
        return None
    log.info("created a new journal at %s", path)
    if journal.recovery_key:
        from reljournal.ui.dialogs.key_dialogs import RecoveryKeyDialog

        RecoveryKeyDialog(journal.recovery_key, parent).exec()
    return journal


def unlock_existing(
    path: Path, parent: QWidget | None = None, *, settings: Settings | None = None
) -> Journal | None:
    """Unlock with the keychain (or ``RELJOURNAL_PASSPHRASE``), else ask."""
    reason = ""
    from_env = opening.environment_secret(ENV_PASSPHRASE)
    try:
        if from_env:
            return opening.unlock(path, passphrase=from_env)
        return opening.unlock(path)
    except KeychainError as exc:
        reason = exc.message
    except WrongKeyError:
        reason = _tr(
            "The saved key does not open this journal; type its passphrase or recovery key."
        )
    except RelJournalError as exc:
        show_error(parent, exc)
        return None
    log.info("asking for the journal's secret: %s", reason)
    passphrase_only = settings is not None and settings.locked_by_passphrase(path) is True
    if passphrase_only:
        reason = ""  # the keychain never held its key: just ask for the passphrase
    from reljournal.ui.dialogs.key_dialogs import UnlockDialog

    dialog = UnlockDialog(
        path,
        lambda **secret: opening.unlock(path, **secret),
        reason,
        parent,
        recovery_key_exists=not passphrase_only,
    )
    if dialog.exec() != UnlockDialog.DialogCode.Accepted:
        return None
    journal = dialog.journal
    assert isinstance(journal, Journal)
    return journal


def _create_demo(path: Path, secret: str | None, parent: QWidget | None) -> Journal | None:
    """Create the journal and fill it with the demo, off the GUI thread."""
    created: dict[str, Any] = {}

    def create(p: Path) -> Journal:
        journal = opening.create(p, passphrase=secret)
        created["recovery_key"] = journal.recovery_key
        return journal

    def fill(ctx: TaskContext) -> object:
        return opening.create_demo(
            path,
            accounts=DEMO_ACCOUNTS,
            entries=None,
            seed=DEMO_SEED,
            create_journal=create,
            open_existing=lambda: opening.unlock(path, passphrase=secret),
            progress=ctx.progress,
            should_cancel=ctx.should_cancel,
        )

    runner = TaskRunner()
    errors: list[BaseException] = []
    try:
        task = runner.run(
            fill,
            title=_tr("Filling the demo journal…"),
            parent_widget=parent,
            cancellable=True,
            on_error=errors.append,
        )
        if not task.done:
            loop = QEventLoop()
            task.finished.connect(loop.quit)
            loop.exec()
    finally:
        runner.shutdown()
    if errors:
        error = errors[0]
        if isinstance(error, CancelledError):
            QMessageBox.information(
                parent, _tr("Demo cancelled"), _tr("The demo was cancelled; the journal is empty.")
            )
        else:
            show_error(parent, error)
        if not path.exists():
            return None
    log.info("demo journal created at %s", path)
    if created.get("recovery_key"):
        from reljournal.ui.dialogs.key_dialogs import RecoveryKeyDialog

        RecoveryKeyDialog(created["recovery_key"], parent).exec()
    try:
        return opening.unlock(path, passphrase=secret)
    except RelJournalError as exc:
        show_error(parent, exc)
        return None
