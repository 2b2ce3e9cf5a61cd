"""Secrets the environment gives, for automation only (``RELJOURNAL_PASSPHRASE``,
``RELJOURNAL_RECOVERY_KEY``): taken out of the process environment on first read, so no
program this one starts inherits them. Light to import (the command line reads it
before it loads the journal layer)."""

from __future__ import annotations

import os
from typing import Final

ENV_PASSPHRASE: Final = "RELJOURNAL_PASSPHRASE"
ENV_RECOVERY: Final = "RELJOURNAL_RECOVERY_KEY"
_ENV_SECRETS: Final = (ENV_PASSPHRASE, ENV_RECOVERY)
_taken: dict[str, str] = {}


def take_environment_secrets() -> None:
    """Move ``RELJOURNAL_PASSPHRASE`` and ``RELJOURNAL_RECOVERY_KEY`` out of the
    process environment (so no program this one starts inherits them) into this
    process's memory; called once at start."""
    for name in _ENV_SECRETS:
        environment_secret(name)


def environment_secret(name: str) -> str | None:
    """The secret the environment gave under ``name`` (taken out of it on first read)."""
    value = os.environ.pop(name, None)
    if value is not None:
        _taken[name] = value
    return _taken.get(name)


def forget_environment_secrets() -> None:
    _taken.clear()
