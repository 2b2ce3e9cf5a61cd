"""Secrets on the command line (issue 17): never in argv, taken out of the environment,
one passphrase rule, Unicode-normalised passphrases, recovery keys whose typos are
named, changing the passphrase, and rotation that leaves the old secret opening no
backup in the backups folder."""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from pathlib import Path

import pytest

from reljournal.core.errors import WrongKeyError
from reljournal.store.database import open_database
from reljournal.store.keys import JournalKey, key_from_recovery, new_recovery_key
from reljournal.store.opening import unlock_journal
from tests.cli.test_journal_cmds import Run, key_file, stdin_gives
from tests.helpers.keyrings import MemoryKeyring, NoKeyring
from tests.helpers.legacy_journals import pbkdf2_journal
from tests.helpers.recovery_keys import mistyped

GOOD = "correct horse battery staple"
OTHER = "purple elephant waltzing quietly"


@pytest.fixture
def new_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    return Run(capsys, tmp_path / "j" / "journal.db")


def _opens(path: Path, key: JournalKey) -> bool:
    try:
        open_database(path, key, migrate=False).conn.close()
    except WrongKeyError:
        return False
    return True


# ---------------------------------------------------------------- never in argv


def test_the_old_recovery_key_flag_is_refused_with_how_to_do_it(
    new_db: Run, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    recovery = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    new_db.ok("backup", tmp_path / "b.db")
    for command in (
        ("restore", tmp_path / "b.db", "--recovery-key", recovery),
        ("recovery-key", "--recovery-key", recovery),
        ("accounts", "--recovery-key", recovery),
    ):
        line = new_db.fails(*command)
        assert "no longer accepted" in line and "--recovery-key-stdin" in line, line
        assert recovery not in line


def test_secrets_come_from_stdin_or_a_file_descriptor(
    new_db: Run, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin_gives(monkeypatch, GOOD + "\n")
    assert "protected by your passphrase" in new_db.ok("init", "--passphrase-stdin")
    stdin_gives(monkeypatch, GOOD + "\r\n")  # a Windows line end is not part of it
    assert new_db.ok("accounts", "--passphrase-stdin") == "The journal has no accounts yet.\n"
    read, write = os.pipe()
    os.write(write, GOOD.encode() + b"\n")
    os.close(write)
    try:
        out = new_db.ok("accounts", "--passphrase-file", f"/dev/fd/{read}")
    finally:
        os.close(read)
    assert out == "The journal has no accounts yet.\n"
    stdin_gives(monkeypatch, "not it at all\n")
    assert "does not open" in new_db.fails("accounts", "--passphrase-stdin")
    stdin_gives(monkeypatch, "")
    assert "gave no passphrase" in new_db.fails("accounts", "--passphrase-stdin")
    assert "not both" in new_db.fails("accounts", "--passphrase-stdin", "--recovery-key-stdin")
    assert "Standard input carries the file" in new_db.fails("import", "-", "--passphrase-stdin")


def test_the_passphrase_variable_is_taken_out_of_the_environment(
    new_db: Run, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", GOOD)
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", new_recovery_key())
    new_db.ok("init")
    assert "RELJOURNAL_PASSPHRASE" not in os.environ  # no program started now inherits it
    assert "RELJOURNAL_RECOVERY_KEY" not in os.environ
    monkeypatch.delenv("RELJOURNAL_RECOVERY_KEY", raising=False)
    from reljournal.environment import forget_environment_secrets

    forget_environment_secrets()
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", GOOD)
    assert new_db.ok("accounts") == "The journal has no accounts yet.\n"  # still works


def test_a_child_process_does_not_inherit_the_passphrase(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import os, subprocess, sys\n"
        "from reljournal.cli import main\n"
        "main(['accounts', '--db', sys.argv[1]])\n"
        "print(subprocess.run(['env'], capture_output=True, text=True).stdout)\n"
    )
    env = dict(os.environ, RELJOURNAL_PASSPHRASE="sekrit-marker-1234", RELJOURNAL_NO_KEYCHAIN="1")
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert "sekrit-marker-1234" not in result.stdout
    assert "RELJOURNAL_PASSPHRASE" not in result.stdout


# ---------------------------------------------------------------- one passphrase rule


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("x", "too short"), ("passwordpassword", "too easy to guess"), ("abc12345", "too easy")],
)
def test_the_cli_refuses_the_passphrases_the_app_refuses(
    new_db: Run,
    no_keychain: NoKeyring,
    monkeypatch: pytest.MonkeyPatch,
    passphrase: str,
    words: str,
) -> None:
    from reljournal.journal.opening import passphrase_acceptable

    assert not passphrase_acceptable(passphrase)  # the app's dialog uses the same rule
    stdin_gives(monkeypatch, passphrase + "\n")
    assert words in new_db.fails("init", "--passphrase-stdin")
    assert not new_db.db.exists()


# ---------------------------------------------------------------- Unicode


def test_passphrases_are_nfc_and_old_unnormalised_journals_still_open(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Café crème brûlée au lait")
    nfc = unicodedata.normalize("NFC", nfd)
    assert nfd != nfc
    # a journal made before passphrases were normalised: keyed with the NFD bytes
    old = pbkdf2_journal(tmp_path / "old.db", nfd)
    assert _opens(old, JournalKey(passphrase=nfd)) and not _opens(old, JournalKey(passphrase=nfc))
    opened = unlock_journal(old, passphrase=nfc)  # typed on a system that composes
    opened.close()
    assert _opens(old, JournalKey(passphrase=nfc))  # moved over at this unlock
    assert not _opens(old, JournalKey(passphrase=nfd))
    # a new journal: either form opens it
    from reljournal.store.opening import create_journal

    create_journal(tmp_path / "new.db", passphrase=nfd).close()
    unlock_journal(tmp_path / "new.db", passphrase=nfc).close()
    unlock_journal(tmp_path / "new.db", passphrase=nfd).close()


# ---------------------------------------------------------------- recovery keys


def test_a_mistyped_recovery_key_names_the_group(
    new_db: Run, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    recovery = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    memory_keyring.items.clear()
    typo = key_file(tmp_path, mistyped(recovery, 2, position=1))
    line = new_db.fails("accounts", "--recovery-key-file", typo)
    assert "Group 3" in line and "mistyped" in line
    short = key_file(tmp_path, "-".join(recovery.split("-")[:7]))
    assert "missing or extra group" in new_db.fails("accounts", "--recovery-key-file", short)
    other = key_file(tmp_path, new_recovery_key())
    assert "typed correctly" in new_db.fails("accounts", "--recovery-key-file", other)
    right = key_file(tmp_path, recovery.lower())
    assert (
        new_db.ok("accounts", "--recovery-key-file", right) == "The journal has no accounts yet.\n"
    )


def test_old_recovery_keys_without_check_characters_still_work() -> None:
    legacy = "QX73-QG67-EATU-WAX3-G5XM-YNSO-QYBY-HGSC"
    assert key_from_recovery(legacy) == key_from_recovery(legacy.lower().replace("-", ""))


# ---------------------------------------------------------------- changing secrets


def test_change_the_passphrase_and_its_backups(
    new_db: Run, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stdin_gives(monkeypatch, GOOD + "\n")
    new_db.ok("init", "--passphrase-stdin")
    stdin_gives(monkeypatch, GOOD + "\n")
    new_db.ok("backup", "--passphrase-stdin")
    # (the fixture, of an older schema, also got a backup before its migrations)
    [backup] = list((new_db.db.parent / "backups").glob("*-backup-*"))
    weak = key_file(tmp_path, "password1")
    stdin_gives(monkeypatch, GOOD + "\n")
    assert "too" in new_db.fails("passphrase", "--passphrase-stdin", "--new-passphrase-file", weak)
    stdin_gives(monkeypatch, "wrong one entirely\n")
    assert "does not open" in new_db.fails(
        "passphrase", "--passphrase-stdin", "--new-passphrase-file", key_file(tmp_path, OTHER)
    )
    stdin_gives(monkeypatch, GOOD + "\n")
    out = new_db.ok(
        "passphrase", "--passphrase-stdin", "--new-passphrase-file", key_file(tmp_path, OTHER)
    )
    assert "1 backup in the backups folder was re-encrypted" in out
    assert not _opens(new_db.db, JournalKey(passphrase=GOOD))
    assert _opens(new_db.db, JournalKey(passphrase=OTHER))
    assert not _opens(backup, JournalKey(passphrase=GOOD))  # the old passphrase opens nothing
    assert _opens(backup, JournalKey(passphrase=OTHER))
    stdin_gives(monkeypatch, OTHER + "\n")
    assert new_db.ok("accounts", "--passphrase-stdin") == "The journal has no accounts yet.\n"


def test_a_keychain_journal_has_no_passphrase_to_change(
    new_db: Run, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    new_db.ok("init")
    line = new_db.fails("passphrase", "--new-passphrase-file", key_file(tmp_path, OTHER))
    assert "no passphrase" in line and "recovery-key --new" in line


def test_rotating_the_recovery_key_re_encrypts_the_backups(
    new_db: Run, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    old = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    new_db.ok("backup")
    elsewhere = tmp_path / "usb" / "copy.db"
    new_db.ok("backup", elsewhere)
    # (the fixture, of an older schema, also got a backup before its migrations)
    [backup] = list((new_db.db.parent / "backups").glob("*-backup-*"))
    out = new_db.ok("recovery-key", "--new")
    new = out.split("New recovery key: ")[1].split()[0]
    assert "1 backup in the backups folder was re-encrypted" in out and "elsewhere" in out
    assert not _opens(backup, key_from_recovery(old))  # before: it opened with the old key
    assert _opens(backup, key_from_recovery(new))
    assert _opens(elsewhere, key_from_recovery(old))  # out of reach, as the README says
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no leftovers


def test_stdin_for_recovery_key_command(
    new_db: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    memory_keyring.items.clear()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{recovery}\n".encode())))
    assert "back in this machine's keychain" in new_db.ok("recovery-key", "--recovery-key-stdin")


def test_recovery_key_reads_a_piped_key_without_a_flag(
    new_db: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finding: `recovery-key` refused a non-interactive standard input, so a script
    had to put the key on the command line. Piped in (``reljournal recovery-key < key``),
    it is read."""
    recovery = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    memory_keyring.items.clear()
    piped = io.TextIOWrapper(io.BytesIO(f"{recovery}\n".encode()))
    assert not piped.isatty()
    monkeypatch.setattr(sys, "stdin", piped)
    assert "back in this machine's keychain" in new_db.ok("recovery-key")
    assert memory_keyring.items  # the key is back


# ---------------------------------------------------------------- Argon2id (issue 17)


def test_the_cli_moves_a_pbkdf2_journal_over_and_restores_its_old_backup(
    new_db: Run, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reljournal.store import kdf
    from tests.helpers.legacy_journals import (
        PBKDF2_FIXTURE_ACCOUNTS,
        PBKDF2_FIXTURE_PASSPHRASE,
        copy_pbkdf2_fixture,
    )

    copy_pbkdf2_fixture(new_db.db)
    old_backup = copy_pbkdf2_fixture(tmp_path / "usb" / "old-backup.db")
    stdin_gives(monkeypatch, "not the passphrase at all\n")
    assert "does not open" in new_db.fails("accounts", "--passphrase-stdin")
    assert kdf.parameters_of(new_db.db.read_bytes()[:16]) is None  # a wrong one moves nothing
    stdin_gives(monkeypatch, PBKDF2_FIXTURE_PASSPHRASE + "\n")
    out = new_db.ok("accounts", "--passphrase-stdin")
    assert all(name in out for name in PBKDF2_FIXTURE_ACCOUNTS)
    assert kdf.parameters_of(new_db.db.read_bytes()[:16]) == kdf.CURRENT
    stdin_gives(monkeypatch, PBKDF2_FIXTURE_PASSPHRASE + "\n")
    new_db.ok("backup", "--passphrase-stdin")  # an Argon2id backup of the moved journal
    # (the fixture, of an older schema, also got a backup before its migrations)
    [backup] = list((new_db.db.parent / "backups").glob("*-backup-*"))
    assert backup.read_bytes()[:16] == new_db.db.read_bytes()[:16]
    stdin_gives(monkeypatch, PBKDF2_FIXTURE_PASSPHRASE + "\n")
    assert "Restored" in new_db.ok("restore", old_backup, "--force", "--passphrase-stdin")
    stdin_gives(monkeypatch, PBKDF2_FIXTURE_PASSPHRASE + "\n")
    out = new_db.ok("accounts", "--passphrase-stdin")
    assert all(name in out for name in PBKDF2_FIXTURE_ACCOUNTS)
    assert kdf.parameters_of(new_db.db.read_bytes()[:16]) == kdf.CURRENT
