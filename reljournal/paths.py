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


def demo_journal_path() -> Path:
    """The demo journal: its own file in the user data directory, beside the real one."""
    return data_dir() / DEMO_FILENAME
