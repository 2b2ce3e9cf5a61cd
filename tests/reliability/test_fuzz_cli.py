"""Every CLI command with random and hostile arguments, in-process (``main([...])``).

Each case ends with exit 0, exit 2 (argparse's usage message) or exit 1 with one
line ``reljournal: <reason>`` on stderr; never "something went wrong" (an
unexpected exception). A failed command leaves the journal unchanged, the journal
stays consistent, and a file that is not a journal given as ``--db`` is never
changed.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reljournal.cli import build_parser, main
from reljournal.store.database import open_database
from reljournal.store.keys import key_from_recovery
from tests.reliability.fuzzing import SEED_DOCUMENT, fuzz_settings
from tests.reliability.hostile import SPECIAL, documents, texts
from tests.reliability.journal_checks import assert_consistent, fingerprint

NOTES = "My private notes, not a journal.\n"
FILES = [
    "journal.db", "backup.db", "doc.json", "hostile.json", "notes.txt", "contacts.csv",
    "cards.vcf", "folder", "missing.db", "-", "out.json", "out.md", "",
]  # fmt: skip
NUMBERS = ["-1", "0", "1", "3", "99999999999999999999", "nan", "1e3", "0x10", " 5", "５", "2"]


def _subcommands() -> dict[str, list[argparse.Action]]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {
                name: [a for a in sub._actions if a.dest not in ("help", "db")]
                for name, sub in action.choices.items()
            }
    raise AssertionError("no subcommands")


COMMANDS = _subcommands()


def _safe(text: str) -> str:
    """Hostile text that is still no path outside the test's folder."""
    return "x" if "/" in text or text.startswith("~") or "\x00" in text else text


def _value(action: argparse.Action) -> st.SearchStrategy[str]:
    hostile = texts(20).map(_safe)
    if action.choices:
        return st.sampled_from([str(c) for c in action.choices]) | hostile
    if action.type is int:
        return st.sampled_from(NUMBERS) | hostile
    if action.dest in ("account", "query", "reason"):
        return st.sampled_from(["Acme", "acm", "Wile", "anvils"]) | hostile
    if action.dest in ("recovery_key",):
        return st.sampled_from(["RECOVERY", "ABCD-EFGH", ""]) | hostile
    return st.sampled_from(FILES) | hostile


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    argv = [command]
    for action in COMMANDS[command]:
        positional = not action.option_strings
        if not draw(st.integers(0, 9)) < (9 if positional else 4):
            continue
        if action.nargs == 0:
            argv.append(action.option_strings[0])
            continue
        value = draw(_value(action))
        if positional:
            argv.append(value)
        else:
            argv += [draw(st.sampled_from(action.option_strings)), value]
            if action.nargs is None and isinstance(action, argparse._AppendAction):
                argv += [action.option_strings[0], draw(_value(action))]
    db = draw(
        st.integers(0, 9).flatmap(
            lambda n: st.just("journal.db") if n else st.sampled_from(FILES) | texts(10).map(_safe)
        )
    )
    if db:
        argv += ["--db", db]
    if draw(st.integers(0, 19)) == 0:
        argv.insert(
            draw(st.integers(0, len(argv))),
            draw(st.sampled_from(SPECIAL + ["--help", "--version", "--"])),
        )
    return argv


class CliCase:
    """A folder with a journal and the files the commands are pointed at."""

    def __init__(self, folder: Path, journal_path: Path, recovery: str) -> None:
        self.folder = folder
        self.template = folder.parent / f"{folder.name}-template.db"
        shutil.copyfile(journal_path, self.template)
        self.recovery = recovery
        self.key = key_from_recovery(recovery)
        self.reset(first=True)

    def reset(self, first: bool = False) -> None:
        for child in self.folder.iterdir() if self.folder.exists() else []:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        self.folder.mkdir(exist_ok=True)
        shutil.copyfile(self.template, self.folder / "journal.db")
        shutil.copyfile(self.template, self.folder / "backup.db")
        (self.folder / "doc.json").write_text(json.dumps(SEED_DOCUMENT), encoding="utf-8")
        (self.folder / "notes.txt").write_text(NOTES, encoding="utf-8")
        (self.folder / "contacts.csv").write_text(
            "Name,Company,Email\nJane Doe,Acme,jane@acme.test\n", encoding="utf-8"
        )
        (self.folder / "cards.vcf").write_text(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Road Runner\r\nORG:Acme\r\nEND:VCARD\r\n"
        )
        (self.folder / "folder").mkdir()
        self.start = self.fingerprint()

    def fingerprint(self) -> str:
        db = open_database(self.folder / "journal.db", self.key, migrate=False)
        try:
            return fingerprint(db)
        finally:
            db.conn.close()

    def check(self) -> None:
        db = open_database(self.folder / "journal.db", self.key, migrate=False)
        try:
            assert_consistent(db)
        finally:
            db.conn.close()


@pytest.fixture(scope="module")
def cli_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliCase]:
    import keyring

    from reljournal.core.formats.interchange import parse_document
    from reljournal.journal.transfer import import_document as import_and_classify
    from reljournal.store.opening import create_journal
    from tests.helpers.keyrings import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        folder = tmp_path_factory.mktemp("cli-fuzz")
        journal = create_journal(folder / "seed.db")
        import_and_classify(journal.db, parse_document(SEED_DOCUMENT))
        journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        journal.close()
        assert journal.recovery_key is not None
        yield CliCase(folder / "case", folder / "seed.db", journal.recovery_key)
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def in_case_folder(
    cli_case: CliCase, monkeypatch: pytest.MonkeyPatch, no_keychain: object
) -> CliCase:
    monkeypatch.chdir(cli_case.folder)
    monkeypatch.setenv("RELJOURNAL_RECOVERY_KEY", cli_case.recovery)
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    monkeypatch.delenv("RELJOURNAL_DB", raising=False)
    return cli_case


def _run(case: CliCase, argv: list[str], stdin: bytes, capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, err)
    assert "something went wrong" not in err, (argv, err)
    assert "Traceback" not in err, (argv, err)
    if code == 1:
        lines = [line for line in err.splitlines() if not line.startswith("warning:")]
        assert len(lines) == 1 and lines[0].startswith("reljournal: "), (argv, err)
    notes = case.folder / "notes.txt"
    if "notes.txt" in argv and argv[argv.index("notes.txt") - 1] == "--db":
        assert notes.read_text(encoding="utf-8") == NOTES, (argv, "overwrote a non-journal")
    if code == 0 and argv[0] == "recovery-key" and "--new" in argv:
        case.reset()  # re-encrypted under a new key, as asked
        return
    changed = case.fingerprint() != case.start if (case.folder / "journal.db").exists() else True
    if code != 0:
        assert not changed, (argv, err, "failed but changed the journal")
    if changed or code == 0:
        if (case.folder / "journal.db").exists():
            case.check()
        case.reset()


@fuzz_settings(long=2500)
@given(argv=argvs(), stdin=st.sampled_from([b"", b"{}", json.dumps(SEED_DOCUMENT).encode()]))
@example(argv=["show", "\ud800", "--db", "journal.db"], stdin=b"")
@example(
    argv=["search", "NEAR(", "--limit", "99999999999999999999", "--db", "journal.db"], stdin=b""
)
@example(argv=["show", "Acme", "--limit", "99999999999999999999", "--db", "journal.db"], stdin=b"")
@example(argv=["init", "--db", "notes.txt"], stdin=b"")
@example(argv=["restore", "backup.db", "--force", "--db", "notes.txt"], stdin=b"")
@example(argv=["import", "-", "--db", "journal.db"], stdin=b"\xff\xfe")
def test_every_command_with_hostile_arguments(
    in_case_folder: CliCase,
    argv: list[str],
    stdin: bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _run(in_case_folder, argv, stdin, capsys, monkeypatch)


@fuzz_settings(long=1000, quick=50)
@given(data=documents())
def test_import_command_with_hostile_files_prints_one_line(
    in_case_folder: CliCase,
    data: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    (in_case_folder.folder / "hostile.json").write_bytes(raw)
    _run(in_case_folder, ["import", "hostile.json", "--db", "journal.db"], b"", capsys, monkeypatch)
