"""Opening the journal at start: welcome, keychain or passphrase, wrong passphrase,
recovery key shown once, the demo filled off the GUI thread, never a journal over a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from reljournal.core.errors import WrongKeyError
from reljournal.store.keys import keychain_name
from reljournal.store.opening import create_journal, unlock_journal
from reljournal.ui import startup
from reljournal.ui.dialogs.key_dialogs import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from reljournal.ui.dialogs.welcome import WelcomeDialog
from tests.ui.conftest import click_button

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

PASSPHRASE = "correct horse battery staple"


def _welcome(choice: str) -> Any:
    def handler(widget: QWidget) -> bool:
        if not isinstance(widget, WelcomeDialog):
            return False
        click_button(widget, choice)
        return True

    return handler


def _new_passphrase(first: str, second: str | None = None) -> Any:
    def handler(widget: QWidget) -> bool:
        if not isinstance(widget, NewPassphraseDialog):
            return False
        widget.first.setText(first)
        widget.second.setText(second if second is not None else first)
        ok = widget.buttons.button(widget.buttons.StandardButton.Ok)
        assert ok.isEnabled(), widget.hint.text()
        ok.click()
        return True

    return handler


def _keep_recovery_key(seen: list[str]) -> Any:
    def handler(widget: QWidget) -> bool:
        if not isinstance(widget, RecoveryKeyDialog):
            return False
        seen.append(widget.key_field.text())
        widget.accept()
        return True

    return handler


def test_no_keychain_asks_for_a_passphrase_twice(
    tmp_path: Path, no_keychain: Any, modal: Any
) -> None:
    path = tmp_path / "journal.db"
    modal.then(_welcome("Start an empty journal")).then(_new_passphrase(PASSPHRASE))
    journal = startup.open_or_create(path)
    assert modal.done and journal is not None
    assert journal.is_passphrase_protected and journal.recovery_key is None
    journal.close()
    unlock_journal(path, passphrase=PASSPHRASE).close()


def test_passphrase_dialog_hints_and_checks_the_repeat(qtbot: Any) -> None:
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.first.setText("short")
    assert "Too short" in dialog.hint.text() and not ok.isEnabled()
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "!")
    assert "differ" in dialog.hint.text() and not ok.isEnabled()
    dialog.second.setText(PASSPHRASE)
    assert ok.isEnabled() and dialog.meter.value() >= 2


def test_keychain_journal_shows_its_recovery_key_once(
    tmp_path: Path, memory_keyring: Any, modal: Any
) -> None:
    path = tmp_path / "journal.db"
    seen: list[str] = []
    modal.then(_welcome("Start an empty journal")).then(_keep_recovery_key(seen))
    journal = startup.open_or_create(path)
    assert journal is not None and modal.done
    assert seen == [journal.recovery_key]
    assert ("reljournal", keychain_name(path)) in memory_keyring.items
    journal.close()
    # the next start opens it from the keychain without asking anything
    again = startup.open_or_create(path)
    assert again is not None and not again.is_passphrase_protected
    again.close()


def test_wrong_passphrase_says_so_and_lets_the_user_try_again(
    qtbot: Any, tmp_path: Path, no_keychain: Any
) -> None:
    path = tmp_path / "journal.db"
    create_journal(path, passphrase=PASSPHRASE).close()
    dialog = UnlockDialog(path, lambda **s: unlock_journal(path, **s))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.secret.setText("not the passphrase")
    dialog._on_open_clicked()
    assert dialog.error.isVisible()
    assert "does not open" in dialog.error.text()
    assert dialog.journal is None and dialog.isVisible()
    dialog.secret.setText(PASSPHRASE)
    dialog._on_open_clicked()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    dialog.journal.close()  # type: ignore[attr-defined]


def test_unlock_existing_asks_when_no_keychain(
    tmp_path: Path, no_keychain: Any, modal: Any
) -> None:
    path = tmp_path / "journal.db"
    create_journal(path, passphrase=PASSPHRASE).close()
    attempts: list[str] = []

    def type_secret(text: str) -> Any:
        def handler(widget: QWidget) -> bool:
            if not isinstance(widget, UnlockDialog):
                return False
            attempts.append(widget.error.text())
            widget.secret.setText(text)
            widget._on_open_clicked()
            return True

        return handler

    modal.then(type_secret("wrong")).then(type_secret(PASSPHRASE))
    journal = startup.unlock_existing(path)
    assert journal is not None and modal.done
    assert "passphrase" in attempts[1]
    journal.close()


def test_recovery_key_opens_when_the_keychain_lost_it(
    qtbot: Any, journal_path: Path, recovery_key: str, memory_keyring: Any
) -> None:
    memory_keyring.items.clear()
    dialog = UnlockDialog(journal_path, lambda **s: unlock_journal(journal_path, **s))
    qtbot.addWidget(dialog)
    dialog.switch_button.click()
    dialog.secret.setText(recovery_key.lower().replace("-", " "))
    dialog._on_open_clicked()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    dialog.journal.close()  # type: ignore[attr-defined]
    with pytest.raises(WrongKeyError):
        unlock_journal(journal_path, passphrase="guess")


def test_an_existing_file_is_never_replaced(
    tmp_path: Path, memory_keyring: Any, modal: Any
) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"not a journal at all")
    said: list[str] = []

    def try_and_give_up(widget: QWidget) -> bool:
        if not isinstance(widget, UnlockDialog):
            return False
        widget.secret.setText("anything")
        widget._on_open_clicked()
        said.append(widget.error.text())
        widget.reject()
        return True

    modal.then(try_and_give_up)
    assert startup.open_or_create(path) is None
    assert modal.done and "does not open" in said[0]
    assert path.read_bytes() == b"not a journal at all"


def test_demo_is_filled_off_the_gui_thread(
    tmp_path: Path, memory_keyring: Any, modal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from reljournal.journal.facade import Journal

    monkeypatch.setattr(startup, "DEMO_ACCOUNTS", 3)
    threads: list[str] = []
    real = Journal.import_document

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(Journal, "import_document", spy)
    seen: list[str] = []
    modal.then(_keep_recovery_key(seen))
    journal = startup.open_or_create(tmp_path / "demo.db", demo_if_new=True)
    assert journal is not None and modal.done and seen
    assert len(journal.account_names()) == 3
    assert threads and threads[0] != threading.main_thread().name
    journal.close()


# -- the recovery key is offered only where one exists (issue 19) -------------------------


def test_a_passphrase_journal_is_not_offered_a_recovery_key(
    tmp_path: Path, no_keychain: Any, modal: Any, settings: Any
) -> None:
    path = tmp_path / "journal.db"
    create_journal(path, passphrase=PASSPHRASE).close()
    offered: list[bool] = []

    def unlock(widget: QWidget) -> bool:
        if not isinstance(widget, UnlockDialog):
            return False
        offered.append(widget.switch_button.isVisible())
        widget.secret.setText(PASSPHRASE)
        widget._on_open_clicked()
        return True

    modal.then(unlock)
    first = startup.unlock_existing(path, settings=settings)  # not known yet: offered
    assert first is not None
    settings.set_locked_by_passphrase(path, first.is_passphrase_protected)
    first.close()
    modal.then(unlock)
    journal = startup.open_or_create(path, settings=settings)
    assert journal is not None and modal.done
    journal.close()
    assert offered == [True, False]
    assert settings.locked_by_passphrase(path) is True
    assert path.resolve() in settings.recent_journals()


def test_a_keychain_journal_still_offers_its_recovery_key(
    journal_path: Path, memory_keyring: Any, recovery_key: str, modal: Any, settings: Any
) -> None:
    settings.set_locked_by_passphrase(journal_path, False)
    memory_keyring.items.clear()
    offered: list[bool] = []

    def use_recovery(widget: QWidget) -> bool:
        if not isinstance(widget, UnlockDialog):
            return False
        offered.append(widget.switch_button.isVisible())
        widget.switch_button.click()
        widget.secret.setText(recovery_key)
        widget._on_open_clicked()
        return True

    modal.then(use_recovery)
    journal = startup.unlock_existing(journal_path, settings=settings)
    assert journal is not None and offered == [True]
    journal.close()


def test_the_app_moves_a_pbkdf2_journal_over_at_unlock(
    tmp_path: Path, no_keychain: Any, modal: Any
) -> None:
    from reljournal.store import kdf
    from tests.helpers.legacy_journals import PBKDF2_FIXTURE_PASSPHRASE, copy_pbkdf2_fixture

    path = copy_pbkdf2_fixture(tmp_path / "journal.db")

    def type_passphrase(widget: QWidget) -> bool:
        if not isinstance(widget, UnlockDialog):
            return False
        widget.secret.setText(PBKDF2_FIXTURE_PASSPHRASE)
        widget._on_open_clicked()
        return True

    modal.then(type_passphrase)
    journal = startup.unlock_existing(path)
    assert journal is not None and modal.done
    assert len(journal.account_names()) == 2
    journal.close()
    assert kdf.parameters_of(path.read_bytes()[:16]) == kdf.CURRENT
    unlock_journal(path, passphrase=PBKDF2_FIXTURE_PASSPHRASE).close()
