"""Where RelJournal keeps things: the user data directory and the default journal.

``RELJOURNAL_DATA_DIR`` moves the data directory (journal, backups, logs);
``RELJOURNAL_DB`` names the default journal file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import platformdirs

from reljournal import APP_NAME

ENV_DB: Final = "RELJOURNAL_DB"
ENV_DATA_DIR: Final = "RELJOURNAL_DATA_DIR"
JOURNAL_FILENAME: Final = "journal.db"
DEMO_FILENAME: Final = "demo.db"  # the demo journal, never the user's real one


def data_dir() -> Path:
    """The user data directory (journal, backups, logs)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_journal_path() -> Path:
    """``$RELJOURNAL_DB``, else ``journal.db`` in the user data directory."""
    override = os.environ.get(ENV_DB)
    if override:
        return Path(override).expanduser()
    return data_dir() / JOURNAL_FILENAME


def make_private_folder(folder: Path, *, tighten: bool = False) -> Path:
    """Create ``folder`` (and any missing parents) readable by the owner only (0700).

    Folders that already exist are left as they are, unless ``tighten`` (a folder the
    app owns, such as the data folder or ``backups``): then one of the user's own that
    others may read is narrowed to 0700. Raises ``OSError``."""
    folder = Path(folder).expanduser()
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(part, 0o700)  # a umask can narrow the mode, never widen it; be explicit
    if not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    if tighten and os.name == "posix":
        info = folder.stat()
        if info.st_uid == os.getuid() and info.st_mode & 0o077:
            os.chmod(folder, 0o700)
    return folder


def demo_journal_path() -> Path:
    """The demo journal: its own file in the user data directory, beside the real one."""
    return data_dir() / DEMO_FILENAME
