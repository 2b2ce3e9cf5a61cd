"""``--db PATH`` works before and after the command, for every command: a user who
names a file never gets another one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from reljournal.cli import build_parser, main

# what each command needs besides --db to parse
REQUIRED: dict[str, list[str]] = {
    "import": ["f.json"],
    "export": ["f.json"],
    "show": ["acme"],
    "search": ["word"],
    "restore": ["b.db"],
    "import-csv": ["f.csv", "--kind", "accounts"],
    "export-csv": ["f.csv", "--kind", "accounts"],
    "import-vcard": ["f.vcf"],
    "export-vcard": ["f.vcf"],
    "export-md": ["out.md"],
    "override": ["acme", "--clear"],
    "brief": ["acme"],
    "account": ["edit", "acme"],
    "person": ["list"],
    "import-ics": ["f.ics"],  # issue 14
}


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_is_covered() -> None:
    assert set(REQUIRED) <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_db_before_and_after_the_command(command: str, tmp_path: Path) -> None:
    path = str(tmp_path / "named.db")
    rest = REQUIRED.get(command, [])
    before = build_parser().parse_args(["--db", path, command, *rest])
    after = build_parser().parse_args([command, *rest, "--db", path])
    assert before.db == path and after.db == path
    assert before.command == after.command == command


def test_no_db_means_the_default(monkeypatch: Any) -> None:
    args = build_parser().parse_args(["accounts"])
    assert args.db is None


@pytest.mark.parametrize("first", [True, False])
def test_init_creates_the_named_journal_and_no_other(
    first: bool, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    default = tmp_path / "default.db"
    monkeypatch.setenv("RELJOURNAL_DB", str(default))
    named = tmp_path / "named.db"
    argv = ["--db", str(named), "init"] if first else ["init", "--db", str(named)]
    assert main(argv) == 0
    assert named.is_file() and not default.exists()
    out = capsys.readouterr().out
    assert str(named) in out
    assert main(["accounts", "--db", str(named)]) == 0
    assert main(["--db", str(named), "accounts"]) == 0
    assert not default.exists()
