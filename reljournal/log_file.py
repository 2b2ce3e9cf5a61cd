"""The rotating log file's handler (loaded only when the log file is opened: the app's
window opens it once it is on screen, issue 18)."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path


class PrivateLogFile(logging.handlers.RotatingFileHandler):
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
