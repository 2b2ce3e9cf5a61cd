"""Logging set-up shared by the CLI and the GUI: one rotating file in the data directory.

The app's start (issue 18) keeps its first records in memory (``setup_logging(
deferred=True)``) and opens the file once its window is on screen: the next
``setup_logging()`` writes them there first, in order. Records still in memory when the
process ends are written then."""

from __future__ import annotations

import atexit
import logging
from pathlib import Path
from typing import Final

from reljournal.paths import data_dir, make_private_folder

_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_EARLY_LIMIT: Final = 10_000  # records kept before the file opens (a start writes ~30)

_configured: Path | None = None
_early: _EarlyRecords | None = None


def log_path() -> Path:
    return data_dir() / "logs" / "reljournal.log"


class _EarlyRecords(logging.Handler):
    """Records kept until the log file opens."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < _EARLY_LIMIT:
            self.records.append(record)


def setup_logging(level: int = logging.INFO, *, deferred: bool = False) -> Path:
    """Send log records to the rotating log file (once per process); return its path.
    ``deferred``: keep them in memory until the next call without it (or the end)."""
    global _configured, _early
    if _configured is not None:
        return _configured
    path = log_path()
    root = logging.getLogger()
    if deferred:
        if _early is None:
            root.setLevel(level)
            _early = _EarlyRecords()
            root.addHandler(_early)
            atexit.register(setup_logging)
        return path
    root.setLevel(level)
    try:
        make_private_folder(data_dir(), tighten=True)
        make_private_folder(path.parent, tighten=True)
        from reljournal.log_file import PrivateLogFile

        handler: logging.Handler = PrivateLogFile(path)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if _early is not None:  # what happened before the file opened, first
        root.removeHandler(_early)
        for record in _early.records:
            if record.levelno >= handler.level:
                handler.handle(record)
        _early = None
    _configured = path
    return path
