"""Security: what is on disk after real use.

* the journal, its WAL and every backup hold no plaintext (known text written into
  the journal is searched for in the raw bytes) and neither the recovery key nor
  the key;
* after a session of CLI commands (successes and failures), nothing in the data
  directory (logs included), the temporary directory or the working directory
  holds journal text, the recovery key or the key, except the files the user asked
  for (exports);
* every file the app makes is owner-only (journal, WAL, SHM, backups, exports,
  briefs, the log file), even with a permissive umask.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.core.formats.interchange import parse_document
from reljournal.journal.transfer import import_document as import_and_classify
from reljournal.store.backups.backup import backup_beside, backup_journal
from reljournal.store.backups.restore import restore_journal
from reljournal.store.keys import key_from_recovery
from tests.reliability.procs import REPO

MARKERS = [
    "Zebraquartzcorp",  # account name
    "cobaltnarwhal",  # entry notes
    "Ulyssesplinth",  # stakeholder
    "marmaladeorbit",  # answer
    "tangerinesextant",  # commitment
    "Übergrößenlöwe",  # non-ASCII notes
]


def secret_document() -> dict[str, object]:
    return {
        "format": "reljournal",
        "version": 1,
        "accounts": [
            {
                "name": MARKERS[0],
                "notes": f"account notes {MARKERS[5]}",
                "stakeholders": [{"name": MARKERS[2], "email": "u@x.test"}],
                "entries": [
                    {
                        "date": "2024-02-02",
                        "notes": f"They said {MARKERS[1]} and want a partner.",
                        "people": [MARKERS[2]],
                        "answers": [
                            {"question": "What do you expect?", "answer": f"{MARKERS[3]} always"}
                        ],
                        "commitments": [{"text": f"Send {MARKERS[4]}", "due": "2024-03-01"}],
                    }
                ],
            }
        ],
    }


def _leaks(data: bytes, secrets: list[str]) -> list[str]:
    found = []
    for secret in secrets:
        for form in {secret, secret.lower(), secret.upper()}:
            for encoding in ("utf-8", "utf-16-le"):
                if form.encode(encoding) in data:
                    found.append(f"{secret} ({encoding})")
    return found


def _scan(folder: Path, secrets: list[str], skip: set[Path] = frozenset()) -> dict[str, list[str]]:  # type: ignore[assignment]
    leaks = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path not in skip:
            found = _leaks(path.read_bytes(), secrets)
            if found:
                leaks[str(path)] = found
    return leaks


def _owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_journal_wal_and_backups_hold_no_plaintext(
    journal: object, recovery_key: str, tmp_path: Path, permissive_umask: None
) -> None:
    db, path, key = journal.db, journal.path, journal.key  # type: ignore[attr-defined]
    import_and_classify(db, parse_document(secret_document()))
    wal = Path(f"{path}-wal")
    assert wal.exists() and wal.stat().st_size > 0, "expected the writes in the WAL"
    files = [path, wal, Path(f"{path}-shm")]
    files.append(backup_journal(db, tmp_path / "manual.db", key))
    files.append(backup_beside(db, path, "auto", key))
    secrets = [*MARKERS, recovery_key, key.raw.hex()]
    for file in files:
        assert _leaks(file.read_bytes(), secrets) == [], file
        assert _owner_only(file), (file, oct(file.stat().st_mode))
    # the journal a restore sets aside is as safe
    journal.close()  # type: ignore[attr-defined]
    result = restore_journal(files[3], path, recovery_key=recovery_key)
    assert result.replaced_backup is not None
    for file in (path, result.replaced_backup):
        assert _leaks(file.read_bytes(), secrets) == [], file
        assert _owner_only(file)


class Session:
    """CLI commands run as the user would, in their own folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.tmp = root / "tmp"
        self.work = root / "work"
        self.keychain = root / "keychain.json"
        for folder in (self.tmp, self.work):
            folder.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("RELJOURNAL_")}
        self.env.update(
            RELJOURNAL_DATA_DIR=str(self.data),
            RELJOURNAL_TEST_KEYCHAIN=str(self.keychain),
            PYTHON_KEYRING_BACKEND="tests.reliability.filekeyring.FileKeyring",
            PYTHONPATH=str(REPO),
            TMPDIR=str(self.tmp),
            TEMP=str(self.tmp),
            TMP=str(self.tmp),
            HOME=str(root),
        )

    def run(
        self, *args: str, ok: bool = True, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "reljournal", *args],
            input=stdin,
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )
        assert (result.returncode == 0) == ok, (args, result.stdout, result.stderr)
        return result


def test_a_cli_session_leaves_no_journal_text_or_key_behind(tmp_path: Path) -> None:
    s = Session(tmp_path)
    init = s.run("init")
    recovery = next(
        line.split(": ", 1)[1] for line in init.stdout.splitlines() if "Recovery key" in line
    )
    key_hex = key_from_recovery(recovery).raw.hex()  # type: ignore[union-attr]
    doc = s.work / "in.json"
    doc.write_text(json.dumps(secret_document()), encoding="utf-8")
    bad = s.work / "bad.json"
    bad.write_text(
        json.dumps({"format": "reljournal", "version": 1, "accounts": [
            {"name": MARKERS[0], "entries": [{"date": f"not a date {MARKERS[1]}"}]}
        ]}),
        encoding="utf-8",
    )  # fmt: skip
    s.run("import", str(doc))
    s.run("import", str(bad), ok=False)
    s.run("search", MARKERS[1])
    s.run("search", f'"{MARKERS[3]}" OR NEAR(')
    s.run("show", MARKERS[0][:6])
    s.run("show", f"{MARKERS[4]}-missing", ok=False)
    s.run("accounts", "--json")
    s.run("classify")
    s.run("override", MARKERS[0], "relational", "--reason", f"because {MARKERS[3]}")
    s.run("brief", MARKERS[0], "--format", "md", "-o", str(s.work / "brief.md"))
    s.run("calendar", "-o", str(s.work / "due.ics"))
    s.run("export", str(s.work / "export.json"))
    s.run("export-csv", str(s.work / "contacts.csv"), "--kind", "contacts")
    s.run("backup", str(s.work / "copy.db"))
    s.run("restore", str(s.work / "copy.db"), "--force")
    s.run("recovery-key", "--recovery-key-stdin", stdin=recovery + "\n")

    asked = {s.work / n for n in ("in.json", "bad.json", "brief.md", "due.ics", "export.json",
                                  "contacts.csv")}  # fmt: skip
    secrets = [*MARKERS, recovery, recovery.replace("-", ""), key_hex]
    assert _scan(s.data, secrets) == {}
    assert _scan(s.tmp, secrets) == {}
    assert _scan(s.work, secrets, skip=asked) == {}
    assert _leaks(s.keychain.read_bytes(), [recovery, *MARKERS]) == []
    made = [p for p in (*s.data.rglob("*"), *s.work.rglob("*")) if p.is_file() and p not in
            {doc, bad}]  # fmt: skip
    assert any(p.name == "reljournal.log" for p in made)
    loose = [f"{p} {oct(stat.S_IMODE(p.stat().st_mode))}" for p in made if not _owner_only(p)]
    assert loose == []
