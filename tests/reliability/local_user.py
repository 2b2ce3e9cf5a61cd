"""A second, unprivileged local user made for the test run (issue 17's local attacker).

``other_user`` creates a system user of its own (``useradd``: no home, no login shell,
a group of its own, no supplementary groups) when the suite runs as root, as CI does,
and removes it afterwards; elsewhere the tests that need it are skipped. ``as_user``
runs a command as that user with nothing of root's left: its own uid and gid, no
supplementary groups, a bare environment."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class LocalUser:
    name: str
    uid: int
    gid: int

    def run(self, argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        """``argv`` run as this user (output captured as text, 30 s at most)."""
        kwargs.setdefault("capture_output", True)
        kwargs.setdefault("timeout", 30)
        return subprocess.run(
            list(argv),
            user=self.uid,
            group=self.gid,
            extra_groups=[],
            env={"PATH": "/usr/bin:/bin", "LANG": "C"},
            cwd="/",
            text=True,
            check=False,
            **kwargs,
        )

    def popen(self, argv: Sequence[str], **kwargs: Any) -> subprocess.Popen[str]:
        return subprocess.Popen(
            list(argv),
            user=self.uid,
            group=self.gid,
            extra_groups=[],
            env={"PATH": "/usr/bin:/bin", "LANG": "C"},
            cwd="/",
            text=True,
            **kwargs,
        )


def can_make_users() -> bool:
    return (
        os.name == "posix"
        and os.geteuid() == 0
        and shutil.which("useradd") is not None
        and shutil.which("userdel") is not None
    )


@pytest.fixture(scope="session")
def other_user() -> Iterator[LocalUser]:
    if not can_make_users():
        pytest.skip("needs root and useradd to make a second local user")
    import pwd

    name = f"rjattack{os.getpid() % 100000}"
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--user-group",
         "--shell", "/usr/sbin/nologin", "--comment", "RelJournal test attacker", name],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"useradd could not make a test user: {made.stderr.strip()}")
    try:
        entry = pwd.getpwnam(name)
        assert entry.pw_uid != 0 and entry.pw_gid != 0
        yield LocalUser(name, entry.pw_uid, entry.pw_gid)
    finally:
        subprocess.run(["userdel", name], capture_output=True, check=False)
        subprocess.run(["groupdel", name], capture_output=True, check=False)
