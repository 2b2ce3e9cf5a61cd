"""import-csv, export-csv, import-vcard, export-vcard, export-md, backups, backup/restore."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from reljournal.cli import main
from tests.helpers.keyrings import NoKeyring

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_csv_dry_run_then_import_then_nothing_to_change(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(journal_path))
    file = str(DATA / "csv" / "hubspot_contacts.csv")
    code, out, _ = run(capsys, "import-csv", file, "--kind", "contacts", "--dry-run", *db)
    assert code == 0
    assert "a HubSpot contacts export, UTF-8, comma-separated, 4 rows" in out
    assert "Plan: 3 to create (2 new accounts), 0 to update, 0 unchanged, 1 skipped." in out
    assert "row 5 (Jo Public): skipped, no organisation" in out
    assert "Dry run: nothing was written." in out
    code, out, _ = run(capsys, "import-csv", file, "--kind", "contacts", *db)
    assert code == 0 and "Imported: 2 accounts and 3 people created" in out
    code, out, _ = run(capsys, "import-csv", file, "--kind", "contacts", *db)
    assert "3 unchanged" in out and "Nothing to change" in out


def test_import_csv_with_a_mapping_and_the_salesforce_account_file(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", str(journal_path))
    contacts = DATA / "csv" / "salesforce_Contact.csv"
    accounts = DATA / "csv" / "salesforce_Account.csv"
    code, out, _ = run(
        capsys, "import-csv", str(contacts), "--kind", "contacts", "--accounts-file",
        str(accounts), *db,
    )  # fmt: skip
    assert code == 0 and "3 people created" in out and "row 5 (Una Unknown)" in out
    odd = tmp_path / "odd.csv"
    odd.write_text("Wer;Kunde\nAnn;Acme\n", encoding="utf-8")
    code, _, err = run(capsys, "import-csv", str(odd), "--kind", "contacts", *db)
    assert code == 1 and "person's name" in err
    code, out, _ = run(
        capsys, "import-csv", str(odd), "--kind", "contacts", "--map", "Wer=name",
        "--map", "Kunde=account", *db,
    )  # fmt: skip
    assert code == 0 and "Wer → name" in out and "1 person created" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100),
            "not a CSV: binary data (a PNG image)",
        ),
        ((DATA / "csv" / "truncated.csv").read_bytes(), "Row 3: a quoted cell is never closed"),
        ((DATA / "csv" / "duplicate_headers.csv").read_bytes(), 'header "Email" appears'),
    ],
)
def test_bad_files_get_one_line_and_change_nothing(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    content: bytes, message: str,
) -> None:  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    before = journal_path.read_bytes()
    code, _, err = run(
        capsys, "import-csv", str(bad), "--kind", "contacts", "--db", str(journal_path)
    )
    assert code == 1 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert journal_path.read_bytes() == before


def test_missing_file_and_folder(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for target, message in ((tmp_path / "nope.csv", "no file"), (tmp_path, "folder")):
        code, _, err = run(
            capsys, "import-csv", str(target), "--kind", "accounts", "--db", str(journal_path)
        )
        assert code == 1 and message in err


def test_export_csv_escapes_formulas(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", str(journal_path))
    run(capsys, "import-csv", str(DATA / "csv" / "formulas.csv"), "--kind", "contacts", *db)
    out_file = tmp_path / "contacts.csv"
    code, out, _ = run(capsys, "export-csv", str(out_file), "--kind", "contacts", *db)
    assert code == 0 and "formulas escaped" in out
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"",""Click"")"' in text
    assert ",'@SUM(A1:A2)," in text and ",'-2+3," in text
    code, out, _ = run(capsys, "export-csv", "-", "--kind", "accounts", *db)
    assert out.startswith("Account Name,Industry,Website,Description\r\nAcme Inc")


def test_vcard_import_and_export(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", str(journal_path))
    code, out, _ = run(capsys, "import-vcard", str(DATA / "vcard" / "contacts_v4.vcf"), *db)
    assert code == 0 and "3 cards" in out and "card 3 (Pingüino Reseller S.L.): skipped" in out
    code, out, _ = run(capsys, "export-vcard", str(tmp_path / "all.vcf"), "--version", "4.0", *db)
    assert code == 0 and "2 vCards (4.0)" in out
    code, out, _ = run(capsys, "export-vcard", "-", "--account", "Pingüino", *db)
    assert out.count("BEGIN:VCARD") == 1 and "FN:José 🐧 Núñez" in out
    code, _, err = run(capsys, "export-vcard", "-", "--account", "Nobody Corp", *db)
    assert code == 1 and "No account matches" in err


def test_export_md_one_file_or_split(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", str(journal_path))
    run(capsys, "import-csv", str(DATA / "csv" / "hubspot_contacts.csv"), "--kind", "contacts", *db)
    code, out, _ = run(capsys, "export-md", str(tmp_path / "journal.md"), *db)
    assert code == 0
    text = (tmp_path / "journal.md").read_text(encoding="utf-8")
    assert "# Fabrikam Inc." in text and "# Tailspin Toys" in text
    code, out, _ = run(capsys, "export-md", str(tmp_path / "md"), "--split", *db)
    assert code == 0 and sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "Fabrikam Inc.md",
        "Tailspin Toys.md",
        "index.md",
    ]
    code, out, _ = run(capsys, "export-md", str(tmp_path / "one.md"), "--account", "tailspin", *db)
    assert "Fabrikam" not in (tmp_path / "one.md").read_text(encoding="utf-8")


def test_backup_list_and_restore_on_another_machine_with_the_recovery_key(
    journal_path: Path, recovery_key: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    db = ("--db", str(journal_path))
    run(
        capsys, "import-csv", str(DATA / "csv" / "hubspot_companies.csv"), "--kind", "accounts", *db
    )
    code, out, _ = run(capsys, "backup", *db)
    assert code == 0 and "backups" in out
    code, out, _ = run(capsys, "backups", *db)
    assert "backup " in out and "journal-backup-" in out
    usb = tmp_path / "usb" / "journal-backup.db"
    code, _, _ = run(capsys, "backup", str(usb), *db)
    assert code == 0 and usb.exists()
    code, _, err = run(capsys, "backup", str(usb), *db)
    assert code == 1 and "already exists" in err
    # another machine: its own data folder, no keychain, only the file and the recovery key
    monkeypatch.setenv("RELJOURNAL_DATA_DIR", str(tmp_path / "laptop"))
    keyring.set_keyring(NoKeyring())
    target = tmp_path / "laptop" / "journal.db"
    code, _, err = run(capsys, "restore", str(usb), "--db", str(target))
    assert code == 1 and "recovery key" in err and not target.exists()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(recovery_key.encode())))
    code, out, _ = run(capsys, "restore", str(usb), "--db", str(target), "--recovery-key-stdin")
    assert code == 0 and "Restored" in out and "no keychain" in out
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery_key)
    code, out, _ = run(capsys, "accounts", "--db", str(target))
    assert code == 0 and "Fabrikam Inc." in out and "Tailspin Toys" in out
    code, _, err = run(capsys, "restore", str(usb), "--db", str(target))
    assert code == 1 and "--force" in err
    code, out, _ = run(capsys, "restore", str(usb), "--db", str(target), "--force")
    assert code == 0 and "kept at" in out


def test_import_csv_in_a_subprocess(journal_path: Path, recovery_key: str) -> None:
    env = dict(os.environ, RELJOURNAL_RECOVERY_KEY=recovery_key, RELJOURNAL_NO_KEYCHAIN="1")
    done = subprocess.run(
        [sys.executable, "-m", "reljournal", "import-csv", str(DATA / "csv" / "excel_unicode_text_utf16.txt"),
         "--kind", "contacts", "--db", str(journal_path)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "UTF-16-LE, tab-separated, 3 rows" in done.stdout and "3 people created" in done.stdout


def test_values_from_the_file_never_reach_the_terminal_raw(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.csv"
    hostile.write_text('Name,Company,Ext\x1b[31m\n"x\x1b]0;pwned\x07",,\n', encoding="utf-8")
    code, out, err = run(
        capsys, "import-csv", str(hostile), "--kind", "contacts", "--db", str(journal_path)
    )
    # the one row has no organisation: skipped, so nothing is imported (exit 1)
    assert code == 1 and "\x1b" not in out + err and "\\x1b" in out
