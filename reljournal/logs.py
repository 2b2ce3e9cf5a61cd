"""Logging set-up shared by the CLI and the GUI: one rotating file in the data directory."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from reljournal.paths import data_dir, make_private_folder

_configured: Path | None = None


def log_path() -> Path:
    return data_dir() / "logs" / "reljournal.log"


class _PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, created owner-only (the handler used to create it with
    the umask, world-readable, before it was chmod-ed), writing odd text (lone
    surrogates from arguments) as escapes, and silent when the disk is full or
    read-only: a log that cannot be written must not print tracebacks at the user."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
        )

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating log file (once per process); return its path."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        make_private_folder(data_dir(), tighten=True)
        make_private_folder(path.parent, tighten=True)
        handler: logging.Handler = _PrivateLogFile(path)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _configured = path
    return path
