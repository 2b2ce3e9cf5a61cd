"""``reljournal sync``: set up, join with the recovery key from a file, exchange, status,
conflicts; and the mistakes a rep can make, each one line in their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_journal_cmds import GOLDEN, Run, key_file
from tests.helpers.keyrings import NoKeyring


def test_setup_join_exchange_and_status_from_the_command_line(
    capsys: pytest.CaptureFixture[str], journal_path: Path, recovery_key: str, tmp_path: Path
) -> None:
    desk = Run(capsys, journal_path)
    laptop = Run(capsys, tmp_path / "laptop" / "journal.db")
    folder = tmp_path / "Dropbox" / "RelJournal"
    folder.mkdir(parents=True)
    assert "not synced" in desk.ok("sync", "status")
    assert "syncs through" in desk.ok("sync", "setup", "--folder", folder)
    assert "already synced" in desk.fails("sync", "setup", "--folder", folder)
    desk.ok("import", Path(__file__).parent.parent / "data" / "interchange" / "full.json")
    assert "Sent" in desk.ok("sync")
    keys = key_file(tmp_path / "keys", recovery_key)
    out = laptop.ok("sync", "join", "--folder", folder, "--recovery-key-file", keys)
    assert "this computer's copy" in out
    status = laptop.ok("sync", "status")
    assert "Other computers seen: 1" in status
    assert "Files not applied yet: 0" in status
    assert "Nothing new to exchange." in laptop.ok("sync")
    assert "No conflicts to review." in laptop.ok("sync", "conflicts")
    assert desk.export() == laptop.export()
    assert '"accounts": []' not in laptop.export()


def test_sync_mistakes_are_one_line(
    capsys: pytest.CaptureFixture[str], journal_path: Path, tmp_path: Path
) -> None:
    run = Run(capsys, journal_path)
    assert "not synced yet" in run.fails("sync")
    assert "does not exist" in run.fails("sync", "setup", "--folder", tmp_path / "nowhere")
    empty = tmp_path / "empty"
    empty.mkdir()
    laptop = Run(capsys, tmp_path / "laptop.db")
    assert "no synced journal to join" in laptop.fails(
        "sync", "join", "--folder", empty, "--recovery-key-file", key_file(tmp_path, "x")
    )
    assert "That conflict is no longer open." in run.fails("sync", "restore", "7")


def test_a_passphrase_journal_is_set_up_joined_and_exchanged_from_the_command_line(
    capsys: pytest.CaptureFixture[str], no_keychain: NoKeyring, tmp_path: Path
) -> None:
    """Issues 16 and 17 together: the journal's key is the passphrase stretched with
    Argon2id; each exchange's worker opens it, and the laptop joins with the passphrase
    from a file, the key worked out for the shared copy's own salt."""
    from reljournal.store import kdf

    phrase = key_file(tmp_path / "keys", "harbour lantern quietly 1877 orchard")
    desk = Run(capsys, tmp_path / "desk" / "journal.db")
    laptop = Run(capsys, tmp_path / "laptop" / "journal.db")
    folder = tmp_path / "Sync" / "RelJournal"
    folder.mkdir(parents=True)
    assert "protected by your passphrase" in desk.ok("init", "--passphrase-file", phrase)
    assert kdf.parameters_of(kdf.file_salt(desk.db)) == kdf.CURRENT
    desk.ok("sync", "setup", "--folder", folder, "--passphrase-file", phrase)
    desk.ok("import", GOLDEN, "--passphrase-file", phrase)
    assert "Sent" in desk.ok("sync", "--passphrase-file", phrase)
    wrong = key_file(tmp_path / "keys", "not the passphrase at all")
    assert "does not open" in laptop.fails(
        "sync", "join", "--folder", folder, "--passphrase-file", wrong
    )
    laptop.ok("sync", "join", "--folder", folder, "--passphrase-file", phrase)
    assert "Nothing new to exchange." in laptop.ok("sync", "--passphrase-file", phrase)
    assert desk.ok("export", "-", "--passphrase-file", phrase) == laptop.ok(
        "export", "-", "--passphrase-file", phrase
    )
