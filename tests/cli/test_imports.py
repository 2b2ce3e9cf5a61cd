"""Each command imports only what it uses: ``reljournal --version``, ``--help`` and a
usage error load neither the journal's storage (sqlite-utils, SQLCipher), the keychain
(keyring) nor Qt, so they start about as fast as Python itself (issue 18)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

HEAVY = ("sqlite_utils", "sqlcipher3", "sqlite3", "keyring", "PySide6", "reljournal.journal")
# `reljournal --version` alone needs not even the commands nor the log
NOT_FOR_VERSION = ("logging", "reljournal.cli.journal_cmds", "reljournal.core.model")

SCRIPT = """
import contextlib, io, json, sys
from reljournal.launcher import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "output": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _modules_after(*args: str) -> tuple[int, str, set[str]]:
    """Run the ``reljournal`` entry point in a fresh interpreter; its exit code, what it
    printed and every module it had imported by then."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], report["output"], set(report["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["search", "--help"], ["no-such-command"]],
    ids=["version", "help", "command-help", "usage-error"],
)
def test_quick_answers_import_no_storage_keychain_or_qt(args: list[str]) -> None:
    code, output, modules = _modules_after(*args)
    assert code in (0, 2), output
    assert output.strip(), "the command printed nothing"
    assert not _heavy(modules), f"reljournal {' '.join(args)} imported {_heavy(modules)}"


def test_version_alone_loads_no_command_and_no_log() -> None:
    _, _, modules = _modules_after("--version")
    assert not modules.intersection(NOT_FOR_VERSION), modules.intersection(NOT_FOR_VERSION)


@pytest.mark.parametrize("args", [["--version"], ["--db", "other.db", "--version"]])
def test_version_prints_the_version(args: list[str]) -> None:
    """Alone (answered before the parser is built) or with other options (by argparse),
    the same line."""
    import reljournal

    code, output, _ = _modules_after(*args)
    assert code == 0
    assert output == f"{reljournal.APP_NAME} {reljournal.__version__}\n"


def test_a_command_still_finds_the_journal(tmp_path: object) -> None:
    """The lazy imports happen when a command needs them: ``search`` still finds the
    journal's path and says, in the user's terms, that there is none."""
    code, output, modules = _modules_after("search", "word", "--db", f"{tmp_path}/none.db")
    assert code == 1
    assert "There is no journal at" in output
    assert "reljournal.paths" in modules


APP_START = """
import json, sys
from reljournal.cli import main
seen = []
code = main(sys.argv[1:], open_app=lambda args: seen.append(vars(args)) or 0)
print(json.dumps({"code": code, "seen": seen, "modules": sorted(sys.modules)}))
"""


def _app_start(*args: str) -> tuple[int, list[dict[str, object]], set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", APP_START, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], report["seen"], set(report["modules"])


@pytest.mark.parametrize(
    ("args", "db", "demo"),
    [
        ([], None, False),
        (["--db", "my journal.db"], "my journal.db", False),
        (["--db=other.db", "--demo-if-new"], "other.db", True),
        (["--demo-if-new", "--db", "a.db", "--db", "b.db"], "b.db", True),  # the last, as argparse
    ],
)
def test_the_app_starts_without_loading_the_commands(
    args: list[str], db: str | None, demo: bool
) -> None:
    """Issue 18: ``reljournal [--db PATH] [--demo-if-new]`` opens the app without building
    the parser (which loads every command module) and with the same arguments."""
    code, seen, modules = _app_start(*args)
    assert code == 0
    assert seen == [{"db": db, "self_check": False, "demo_if_new": demo, "command": None}]
    assert not modules.intersection(
        {"reljournal.cli.journal_cmds", "reljournal.cli.classify_cmds", "reljournal.cli.opening"}
    )


@pytest.mark.parametrize(
    "args", [["--db"], ["--db", "--demo-if-new"], ["--d", "x"], ["--self-check", "--db", "x"]]
)
def test_anything_else_goes_through_the_parser_as_before(args: list[str]) -> None:
    code, seen, modules = _app_start(*args)
    # argparse's usage error, as before (--self-check: none is given to main here)
    assert code == 2 and not seen
    assert "reljournal.cli.journal_cmds" in modules  # the parser read them


SEARCH = """
import json, sys
import keyring
from tests.helpers.keyrings import MemoryKeyring
from reljournal.launcher import main
memory = MemoryKeyring()
memory.items[("reljournal", sys.argv[1])] = sys.argv[2]
keyring.set_keyring(memory)
code = main(["search", "price", "--db", sys.argv[1], "--json"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
# what only the full way needs: the facade and its features, sqlite-utils, the schema's
# migrations, the classifier, Qt
NOT_FOR_SEARCH = (
    "sqlite_utils",
    "reljournal.journal.facade",
    "reljournal.journal.opening",
    "reljournal.store.database",
    "reljournal.store.schema",
    "reljournal.core.classify",
    "PySide6",
)


def test_search_with_the_keychain_reads_without_the_journal_layer(
    journal_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18, round 3: ``search`` with the key in the keychain opens the journal with
    SQLCipher alone (one keychain read), and still prints what it finds."""
    from pathlib import Path

    from reljournal.core.formats.interchange import loads, parse_document
    from reljournal.store.keys import keychain_name, load_from_keychain
    from reljournal.store.opening import unlock_journal
    from reljournal.store.transfer.json_import import import_document

    path = Path(str(journal_path))
    opened = unlock_journal(path)
    golden = Path(__file__).parents[1] / "data" / "interchange" / "full.json"
    import_document(opened.db, parse_document(loads(golden.read_bytes())))
    opened.close()
    key = load_from_keychain(path)
    assert key is not None and key.raw is not None
    monkeypatch.delenv("RELJOURNAL_NO_KEYCHAIN", raising=False)
    result = subprocess.run(
        [sys.executable, "-c", SEARCH, keychain_name(path), key.raw.hex()],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    report = json.loads(lines[-1])
    assert report["code"] == 0
    hits = json.loads("\n".join(lines[:-1]))
    assert hits and any("price" in h["snippet"].lower() for h in hits)
    modules = set(report["modules"])
    loaded = sorted(m for m in modules if m.startswith(NOT_FOR_SEARCH))
    assert not loaded, f"search imported {loaded}"
    assert "reljournal.store.quick_read" in modules


def test_the_journal_commands_are_those_journal_cmds_registers() -> None:
    """Issue 18, round 3: a command line starting with one of ``JOURNAL_COMMANDS`` gets
    a parser of journal_cmds' commands only; the list must be exactly those."""
    import argparse

    from reljournal.cli import JOURNAL_COMMANDS, build_parser

    def commands(parser: argparse.ArgumentParser) -> dict[str, str]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return {
            name: getattr(p.get_default("handler"), "__module__", "")
            for name, p in sub.choices.items()
        }

    everything = commands(build_parser())
    assert {n for n, m in everything.items() if m.endswith(".journal_cmds")} == JOURNAL_COMMANDS
    reduced = build_parser(only_journal_commands=True)
    assert commands(reduced) == {n: everything[n] for n in JOURNAL_COMMANDS}
    for name in sorted(JOURNAL_COMMANDS):  # each command's own help is the same
        assert _help(reduced, name) == _help(build_parser(), name)


def _help(parser: argparse.ArgumentParser, command: str) -> str:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return str(sub.choices[command].format_help())


def test_search_loads_no_other_command_module(tmp_path: object) -> None:
    _, _, modules = _modules_after("search", "word", "--db", f"{tmp_path}/none.db")
    assert not modules.intersection(
        {"reljournal.cli.classify_cmds", "reljournal.cli.meeting_cmds", "reljournal.core.model"}
    )
