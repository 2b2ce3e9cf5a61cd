"""The journal commands, run in-process through ``reljournal.cli.main`` (and a few
times through ``python -m reljournal``): exit codes 0/1/2, one-line errors on stderr,
and a journal left exactly as it was after every refused import."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reljournal import __version__
from reljournal.cli import main
from reljournal.store.keys import SERVICE, new_recovery_key
from tests.helpers.keyrings import MemoryKeyring, NoKeyring
from tests.store.test_database import read_only
from tests.store.test_import_export import assert_same_document

REPO = Path(__file__).parents[2]
GOLDEN = REPO / "tests" / "data" / "interchange" / "full.json"
COMMANDS = [
    "init",
    "import",
    "export",
    "accounts",
    "show",
    "search",
    "backup",
    "restore",
    "demo",
    "recovery-key",
]


class Run:
    """``reljournal ARGS`` in this process; keeps the exit code, stdout and stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str], db: Path) -> None:
        self.capsys = capsys
        self.db = db

    def __call__(self, *args: str | Path, db: bool = True) -> tuple[int, str, str]:
        argv = [str(a) for a in args]
        if db and argv and not argv[0].startswith("-"):
            argv[1:1] = ["--db", str(self.db)]
        self.capsys.readouterr()
        code = main(argv)
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str | Path) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def fails(self, *args: str | Path) -> str:
        """Exit code 1 with one line on stderr (no traceback); that line."""
        code, out, err = self(*args)
        assert code == 1, (out, err)
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("reljournal: "), err
        assert "Traceback" not in err and "something went wrong" not in err, err
        return lines[0]

    def export(self) -> str:
        return self.ok("export", "-")


def key_file(folder: Path, secret: str) -> Path:
    """A file holding a secret, as ``--recovery-key-file``/``--passphrase-file`` read it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"secret-{abs(hash(secret))}.txt"
    path.write_text(secret + "\n", encoding="utf-8")
    return path


def stdin_gives(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], journal_path: Path) -> Run:
    """The CLI pointed at the (empty, keychain-unlocked) test journal."""
    return Run(capsys, journal_path)


@pytest.fixture
def new_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    """The CLI pointed at a path where no journal exists yet."""
    return Run(capsys, tmp_path / "new" / "journal.db")


def write(tmp_path: Path, name: str, data: bytes | str | dict[str, Any]) -> Path:
    path = tmp_path / name
    if isinstance(data, dict):
        data = json.dumps(data)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def doc(*accounts: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "reljournal", "version": 1, "accounts": list(accounts), **top}


# ---------------------------------------------------------------- usage


def test_version(run: Run) -> None:
    code, out, _ = run("--version", db=False)
    assert (code, out) == (0, f"RelJournal {__version__}\n")


def test_help_lists_every_command(run: Run) -> None:
    code, out, _ = run("--help", db=False)
    assert code == 0
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command(run: Run, command: str) -> None:
    code, out, _ = run(command, "--help", db=False)
    assert code == 0 and out.startswith("usage: reljournal " + command)
    assert "--db" in out


@pytest.mark.parametrize(
    "args",
    [
        ["nosuch"],
        ["import"],
        ["export", "a", "b"],
        ["accounts", "--bogus"],
        ["demo", "--accounts", "many"],
        ["search", "x", "--limit", "ten"],
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str]) -> None:
    code, out, err = run(*args, db=False)
    assert code == 2
    assert "usage: reljournal" in err and "error:" in err


# ---------------------------------------------------------------- init and keys


def test_init_with_a_keychain_shows_the_recovery_key_once(
    new_db: Run, memory_keyring: MemoryKeyring
) -> None:
    out = new_db.ok("init")
    [line] = [line for line in out.splitlines() if line.startswith("Recovery key: ")]
    recovery = line.removeprefix("Recovery key: ")
    assert len(recovery) == 47 and recovery.count("-") == 7  # 8 groups of 5
    assert "system keychain" in out
    assert stat.S_IMODE(new_db.db.stat().st_mode) == 0o600
    assert (SERVICE, str(new_db.db.resolve())) in memory_keyring.items
    assert new_db.ok("accounts") == "The journal has no accounts yet.\n"
    assert recovery not in new_db.ok("accounts")
    # never a new journal over the old one
    before = new_db.db.read_bytes()
    assert "never overwrites" in new_db.fails("init")
    assert new_db.db.read_bytes() == before


def test_init_without_a_keychain_needs_a_passphrase(
    new_db: Run, no_keychain: NoKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "--passphrase-stdin" in new_db.fails("init")
    assert not new_db.db.exists()
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", "")
    assert "passphrase is empty" in new_db.fails("init")
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", "four words are better")
    out = new_db.ok("init")
    assert "protected by your passphrase" in out and "Recovery key" not in out
    new_db.ok("import", GOLDEN)
    assert "Acme Dental" in new_db.ok("accounts")

    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", "four words are worse")
    before = new_db.db.read_bytes()
    assert "does not open this journal" in new_db.fails("accounts")
    from reljournal.environment import forget_environment_secrets

    monkeypatch.delenv("RELJOURNAL_PASSPHRASE", raising=False)  # already taken out of it
    forget_environment_secrets()  # a new process: nothing in its environment
    assert "passphrase is needed" in new_db.fails("accounts")
    assert new_db.db.read_bytes() == before


def test_passphrase_wins_over_the_keychain_when_set(
    new_db: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", "a passphrase of mine")
    assert "protected by your passphrase" in new_db.ok("init")
    assert memory_keyring.items == {}
    assert new_db.ok("accounts") == "The journal has no accounts yet.\n"


def test_default_journal_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(os.environ["RELJOURNAL_DATA_DIR"])
    run = Run(capsys, tmp_path)
    assert run("init", db=False)[0] == 0
    assert (data / "journal.db").is_file()
    monkeypatch.setenv("RELJOURNAL_DB", str(tmp_path / "elsewhere.db"))
    assert run("init", db=False)[0] == 0
    assert (tmp_path / "elsewhere.db").is_file()
    # --db wins over both
    assert run("init", "--db", tmp_path / "third.db", db=False)[0] == 0
    assert (tmp_path / "third.db").is_file()


def test_no_journal_yet(new_db: Run) -> None:
    for command in (["accounts"], ["export", "-"], ["search", "x"], ["show", "x"]):
        assert "create one with `reljournal init`" in new_db.fails(*command)
    assert not new_db.db.exists()


def test_recovery_key_puts_the_key_back(
    new_db: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = new_db.ok("init")
    recovery = out.split("Recovery key: ")[1].split()[0]
    memory_keyring.items.clear()
    assert "recovery key" in new_db.fails("accounts")
    stdin_gives(monkeypatch, "")
    assert "gave no recovery key" in new_db.fails("recovery-key")
    other = key_file(tmp_path, new_recovery_key())
    assert "does not open" in new_db.fails("recovery-key", "--recovery-key-file", other)
    assert memory_keyring.items == {}
    typed = recovery.lower().replace("-", " ")
    stdin_gives(monkeypatch, typed + "\n")  # a non-interactive standard input is read
    assert "back in this machine's keychain" in new_db.ok("recovery-key")
    assert new_db.ok("accounts") == "The journal has no accounts yet.\n"
    # the variable works for every command
    memory_keyring.items.clear()
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery)
    assert new_db.ok("accounts") == "The journal has no accounts yet.\n"


def test_new_recovery_key(new_db: Run, memory_keyring: MemoryKeyring) -> None:
    old = new_db.ok("init").split("Recovery key: ")[1].split()[0]
    out = new_db.ok("recovery-key", "--new")
    new = out.split("New recovery key: ")[1].split()[0]
    assert new != old
    memory_keyring.items.clear()
    assert "does not open" in new_db.fails(
        "recovery-key", "--recovery-key-file", key_file(new_db.db.parent, old)
    )
    new_db.ok("recovery-key", "--recovery-key-file", key_file(new_db.db.parent, new))


# ---------------------------------------------------------------- import and export


def test_import_then_export_gives_the_golden_document(run: Run, tmp_path: Path) -> None:
    out = run.ok("import", GOLDEN)
    assert out == (
        f"Imported {GOLDEN}: 3 new accounts (0 already there), 6 new entries (0 already there), "
        "4 answers, 6 commitments, 6 people.\n"
    )
    exported = run.export()
    assert exported == GOLDEN.read_text(encoding="utf-8")
    target = tmp_path / "out.json"
    assert run.ok("export", target) == f"Exported the journal to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert_same_document(json.loads(target.read_text("utf-8")), json.loads(exported))


def test_reimport_changes_nothing(run: Run) -> None:
    run.ok("import", GOLDEN)
    before = run.export()
    out = run.ok("import", GOLDEN)
    assert "0 new accounts (3 already there), 0 new entries (6 already there)" in out
    assert "0 answers, 0 commitments, 0 people" in out
    assert run.export() == before


def test_import_from_standard_input(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(GOLDEN.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run.ok("import", "-").startswith("Imported standard input: 3 new accounts")


def test_unknown_fields_are_warnings_not_errors(run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path, "doc.json", doc({"name": "Acme", "colour": "red"}, exported_by="x", extra=1)
    )
    code, out, err = run("import", path)
    assert code == 0
    assert err.splitlines() == [
        f"warning: {path}: document: ignored unknown field(s) extra",
        f"warning: {path}: accounts[0]: ignored unknown field(s) colour",
    ]
    assert "1 new accounts" in out


BASE = json.dumps(
    doc({"name": "Acme"}, {"name": "Beta", "entries": [{"date": "2026-03-04"}, "ENTRY"]})
)


def bad_entry(entry: str) -> bytes:
    return BASE.replace('"ENTRY"', entry).encode()


BAD_INPUT: dict[str, tuple[bytes | Callable[[], bytes], str]] = {
    "invalid JSON": (
        b'{"format": "reljournal", "version": 1, "accounts": [}',
        "not valid JSON at line 1, column 53",
    ),
    "empty file": (b"", "the file is empty"),
    "not an object": (b"[1, 2]", "document: expected an object, found a list"),
    "wrong format": (
        b'{"format": "crm", "version": 1}',
        'not a RelJournal file ("format" must be "reljournal")',
    ),
    "wrong version": (b'{"format": "reljournal", "version": 3}', "version 3 is not supported"),
    "version as text": (
        b'{"format": "reljournal", "version": "1"}',
        "version '1' is not supported",
    ),
    "account without name": (
        b'{"format": "reljournal", "version": 1, "accounts": [{"name": "A"}, {"industry": "x"}]}',
        "accounts[1].name: is required",
    ),
    "entry without date": (
        bad_entry('{"kind": "call"}'),
        'accounts[1] ("Beta").entries[1].date: is required',
    ),
    "wrong type": (
        bad_entry('{"date": "2026-03-04", "minutes": "45"}'),
        'accounts[1] ("Beta").entries[1].minutes: expected a number, found text',
    ),
    "list for text": (
        bad_entry('{"date": "2026-03-04", "notes": ["a"]}'),
        'accounts[1] ("Beta").entries[1].notes: expected text, found a list',
    ),
    "impossible date": (
        bad_entry('{"date": "2026-02-30"}'),
        'accounts[1] ("Beta").entries[1].date: "2026-02-30" is not a date (expected YYYY-MM-DD)',
    ),
    "50 MB notes": (
        lambda: bad_entry(json.dumps({"date": "2026-03-04", "notes": "n" * 50 * 1024 * 1024})),
        'accounts[1] ("Beta").entries[1].notes: is 52,428,800 characters long',
    ),
    "NaN": (bad_entry('{"date": "2026-03-04", "minutes": NaN}'), "NaN is not allowed"),
    "Infinity": (
        bad_entry('{"date": "2026-03-04", "minutes": -Infinity}'),
        "-Infinity is not allowed",
    ),
    "duplicate keys": (
        bad_entry('{"date": "2026-03-04", "date": "2026-03-05"}'),
        'the key "date" appears twice',
    ),
    "invalid UTF-8": (
        bad_entry('{"date": "2026-03-04", "notes": "cafe"}').replace(b"cafe", b"caf\xe9"),
        "not UTF-8 text (bad byte at position",
    ),
    "lone surrogate": (
        bad_entry('{"date": "2026-03-04", "notes": "x\\ud800"}'),
        'accounts[1] ("Beta").entries[1].notes: contains an invalid character escape',
    ),
    "deep nesting": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "deep nesting in a field": (
        bad_entry('{"date": "2026-03-04", "notes": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        "nested too deeply",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT), ids=list(BAD_INPUT))
def test_bad_input_is_one_line_naming_the_place_and_changes_nothing(
    run: Run, tmp_path: Path, case: str
) -> None:
    run.ok("import", GOLDEN)
    before = run.export()
    raw, expected = BAD_INPUT[case]
    path = write(tmp_path, "bad.json", raw() if callable(raw) else raw)
    message = run.fails("import", path)
    assert message.startswith(f"reljournal: {path}: ")
    assert expected in message
    assert len(message) < 300
    assert run.export() == before


def test_import_of_a_missing_file_or_a_folder(run: Run, tmp_path: Path) -> None:
    assert "There is no file at" in run.fails("import", tmp_path / "nope.json")
    assert "is a folder, not a journal file" in run.fails("import", tmp_path)


def test_export_to_a_folder_that_does_not_exist(run: Run, tmp_path: Path) -> None:
    assert "could not be written" in run.fails("export", tmp_path / "nope" / "out.json")


# ---------------------------------------------------------------- journals that cannot be used


def test_garbage_file(run: Run) -> None:
    run.db.write_bytes(os.urandom(20_000))
    assert "does not open this journal (or the file is damaged or is not a journal)" in run.fails(
        "accounts"
    )


def test_plain_sqlite_file(run: Run) -> None:
    run.db.unlink()
    connection = sqlite3.connect(run.db)
    connection.execute("CREATE TABLE t (a)")
    connection.commit()
    connection.close()
    assert "is an unencrypted SQLite file, not a RelJournal journal" in run.fails("accounts")


def test_truncated_journal(run: Run) -> None:
    run.ok("import", GOLDEN)
    data = run.db.read_bytes()
    run.db.write_bytes(data[: len(data) // 2])
    assert "damaged" in run.fails("accounts")


def test_wrong_key(run: Run, memory_keyring: MemoryKeyring) -> None:
    [entry] = memory_keyring.items
    memory_keyring.items[entry] = "ab" * 32
    assert "does not open this journal" in run.fails("export", "-")


def test_read_only_folder(run: Run) -> None:
    with read_only(run.db.parent):
        assert "may write there" in run.fails("accounts")


def test_the_real_journal_cannot_be_read_by_sqlite3(run: Run) -> None:
    run.ok("import", GOLDEN)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sqlite3; sqlite3.connect({str(run.db)!r}).execute('select 1 from sqlite_master').fetchall()",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "file is not a database" in result.stderr


# ---------------------------------------------------------------- reading the journal


def test_accounts_table_and_json(run: Run) -> None:
    assert run.ok("accounts") == "The journal has no accounts yet.\n"
    assert json.loads(run.ok("accounts", "--json")) == []
    run.ok("import", GOLDEN)
    lines = run.ok("accounts").splitlines()
    assert lines[0].split() == ["ACCOUNT", "CLASS", "LAST", "CONTACT", "ENTRIES", "OVERDUE"]
    assert [line.split("  ")[0] for line in lines[1:4]] == [
        "Acme Dental",
        "Björk Logistik AB",
        "Zenith Tools",
    ]
    assert "transactional*" in lines[2]
    assert lines[-1] == "* set by you (override)"
    rows = json.loads(run.ok("accounts", "--json"))
    assert [r["account"] for r in rows] == ["Acme Dental", "Björk Logistik AB", "Zenith Tools"]
    bjork = rows[1]
    assert (bjork["label"], bjork["overridden"], bjork["entries"], bjork["last_contact"]) == (
        "transactional",
        True,
        2,
        "2026-02-20",
    )
    assert set(rows[0]) == {
        "account",
        "label",
        "computed_label",
        "overridden",
        "score",
        "confidence",
        "last_contact",
        "entries",
        "open_commitments",
        "overdue",
    }


def test_show_an_account(run: Run) -> None:
    run.ok("import", GOLDEN)
    out = run.ok("show", "acme")
    assert out.startswith("Acme Dental (Healthcare)\n")
    assert "“No surprises.”" in out
    assert "2026-03-04, Dana Ruiz — what are your expectations of the person" in out
    overdue = " OVERDUE" if dt.date.today() > dt.date(2026, 3, 11) else ""
    assert f"Open commitments:\n  [2026-03-11{overdue}] They: Share the floor plan\n\n" in out
    assert "Send pricing for the autoclave" not in out  # done: not open
    assert "Entries (3 of 3, newest first):" in out
    assert (
        out.index("2026-03-12 14:05 email")
        < out.index("2026-03-10 call")
        < out.index("2026-03-04 09:30 meeting, 45 min: Intro")
    )
    assert "Entries (1 of 3" in run.ok("show", "Acme Dental", "--limit", "1")
    assert 'No account matches "nobody"' in run.fails("show", "nobody")
    run.ok("import", write(run.db.parent, "more.json", doc({"name": "Acme Tools"})))
    assert "matches several accounts" in run.fails("show", "acme")


def test_search_text_and_json(run: Run) -> None:
    run.ok("import", GOLDEN)
    lines = run.ok("search", "floor").splitlines()
    assert [line.split()[0] for line in lines] == ["entry", "entry", "commitment"]
    assert lines[2].split()[1:4] == ["Acme", "Dental", "2026-03-11"]
    assert lines[2].endswith("Share the [floor] plan")
    hits = json.loads(run.ok("search", "autoclave", "--json"))
    assert hits == [
        {
            "kind": "commitment",
            "account": "Acme Dental",
            "date": "2026-03-06",
            "title": "me",
            "snippet": "Send pricing for the [autoclave]",
            "entry_id": hits[0]["entry_id"],
        }
    ]
    assert isinstance(hits[0]["entry_id"], int)
    team = json.loads(run.ok("search", "pipeline", "--json"))
    assert team[0]["account"] is None
    assert "(team)" in run.ok("search", "pipeline")
    assert run.ok("search", "zebra") == "No matches.\n"
    assert len(json.loads(run.ok("search", "a", "--json", "--limit", "2"))) == 2


@pytest.mark.parametrize(
    "query", ['"unbalanced', "NEAR(a b", "notes:autoclave", "-", "*", "a OR", "(", "", "AND NOT"]
)
def test_search_never_fails_on_fts_syntax(run: Run, query: str) -> None:
    run.ok("import", GOLDEN)
    code, out, err = run("search", query, "--json")
    assert (code, err) == (0, "")
    json.loads(out)


# ---------------------------------------------------------------- backup and restore


def test_backup(run: Run, tmp_path: Path) -> None:
    run.ok("import", GOLDEN)
    dest = tmp_path / "backups" / "b.db"
    assert "Backed up the journal to" in run.ok("backup", dest)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert not dest.read_bytes().startswith(b"SQLite format 3")
    assert "already exists" in run.fails("backup", dest)


def test_restore_needs_force_to_replace_a_journal(
    run: Run, tmp_path: Path, recovery_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run.ok("import", GOLDEN)
    backup = tmp_path / "b.db"
    run.ok("backup", backup)
    run.ok("import", write(tmp_path, "more.json", doc({"name": "After The Backup"})))
    after = run.export()
    assert "add --force to replace it" in run.fails("restore", backup)
    assert run.export() == after
    out = run.ok("restore", backup, "--force")
    assert f"Restored {backup} to {run.db}." in out
    kept = Path(out.split("The journal it replaced is kept at ")[1].strip().rstrip("."))
    assert run.export() == GOLDEN.read_text("utf-8")
    # the replaced journal is kept, and opens (with its recovery key: it is a backup)
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", recovery_key)
    assert "After The Backup" in Run(run.capsys, kept).ok("accounts")


def test_restore_to_a_new_place_with_the_recovery_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    source = Run(capsys, tmp_path / "a" / "journal.db")
    recovery = source.ok("init").split("Recovery key: ")[1].split()[0]
    source.ok("import", GOLDEN)
    backup = tmp_path / "b.db"
    source.ok("backup", backup)
    memory_keyring.items.clear()  # another computer: no key in its keychain

    target = Run(capsys, tmp_path / "c" / "journal.db")
    assert "recovery key" in target.fails("restore", backup)
    assert not target.db.exists()
    wrong = key_file(tmp_path, new_recovery_key())
    assert "does not open" in target.fails("restore", backup, "--recovery-key-file", wrong)
    assert not target.db.exists()
    target.ok("restore", backup, "--recovery-key-file", key_file(tmp_path, recovery.lower()))
    assert target.export() == GOLDEN.read_text("utf-8")  # the key is now in the keychain


def test_restore_of_a_damaged_backup_changes_nothing(run: Run, tmp_path: Path) -> None:
    run.ok("import", GOLDEN)
    backup = tmp_path / "b.db"
    run.ok("backup", backup)
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    before = run.db.read_bytes()
    assert "damaged" in run.fails("restore", backup, "--force")
    assert run.db.read_bytes() == before
    assert sorted(p.name for p in run.db.parent.iterdir() if "restoring" in p.name) == []
    assert "There is no backup at" in run.fails("restore", tmp_path / "missing.db", "--force")
    assert "same file" in run.fails("restore", run.db, "--force")


def test_restore_of_a_backup_from_an_older_schema_migrates_it(new_db: Run) -> None:
    fixture = REPO / "tests" / "data" / "journals" / "v0001.db"
    recovery = "QX73-QG67-EATU-WAX3-G5XM-YNSO-QYBY-HGSC"  # see tests/data/journals/make_fixture.py
    before = fixture.read_bytes()
    new_db.ok("restore", fixture, "--recovery-key-file", key_file(new_db.db.parent, recovery))
    assert fixture.read_bytes() == before  # the backup itself is never changed
    assert [r["account"] for r in json.loads(new_db.ok("accounts", "--json"))] == [
        "Acme Dental",
        "Björk Logistik AB",
    ]
    assert "[autoclave]" in new_db.ok("search", "autoclave")


# ---------------------------------------------------------------- demo


def test_demo(new_db: Run) -> None:
    out = new_db.ok("demo", "--accounts", "5")
    assert "Recovery key: " in out and "Demo journal at" in out and "5 accounts" in out
    rows = json.loads(new_db.ok("accounts", "--json"))
    assert len(rows) == 5 and all(r["entries"] > 0 for r in rows)
    assert "already has accounts" in new_db.fails("demo", "--accounts", "5")
    assert "--accounts must be between 1 and 100000" in new_db.fails("demo", "--accounts", "0")


# ---------------------------------------------------------------- the real entry point


def reljournal(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reljournal", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )


def test_python_dash_m_reljournal(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "RELJOURNAL_DATA_DIR": str(tmp_path / "data"),
        "RELJOURNAL_DB": str(tmp_path / "journal.db"),
        "RELJOURNAL_NO_KEYCHAIN": "1",  # never touch this machine's keychain
        "RELJOURNAL_PASSPHRASE": "subprocess passphrase",
        "PYTHONPATH": str(REPO),
    }
    version = reljournal("--version", env=env)
    assert (version.returncode, version.stdout) == (0, f"RelJournal {__version__}\n")

    init = reljournal("init", env=env)
    assert init.returncode == 0, init.stderr
    bad = write(tmp_path, "bad.json", bad_entry('{"date": "2026-02-30"}'))
    refused = reljournal("import", bad, env=env)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f'reljournal: {bad}: accounts[1] ("Beta").entries[1].date: "2026-02-30" is not a date '
        "(expected YYYY-MM-DD)"
    ]
    wrong = reljournal("accounts", env={**env, "RELJOURNAL_PASSPHRASE": "not it"})
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert len(wrong.stderr.splitlines()) == 1 and "does not open this journal" in wrong.stderr
