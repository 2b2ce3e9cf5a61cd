"""Logging set-up shared by the CLI and the GUI: one rotating file in the data directory."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from reljournal.store.journal import data_dir

_configured: Path | None = None


def log_path() -> Path:
    return data_dir() / "logs" / "reljournal.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating log file (once per process); return its path."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        if not path.exists() or path.stat().st_size == 0:
            path.touch(mode=0o600, exist_ok=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _configured = path
    return path
