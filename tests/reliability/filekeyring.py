"""A keychain for child processes in tests: entries in a JSON file named by
``RELJOURNAL_TEST_KEYCHAIN`` (kept outside the data directory, as a real keychain
is). Selected with ``PYTHON_KEYRING_BACKEND=tests.reliability.filekeyring.FileKeyring``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _file(self) -> Path:
        return Path(os.environ["RELJOURNAL_TEST_KEYCHAIN"])

    def _items(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._file.read_text()))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items().get(f"{service}\x1f{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._items()
        items[f"{service}\x1f{username}"] = password
        self._file.write_text(json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        items = self._items()
        if items.pop(f"{service}\x1f{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._file.write_text(json.dumps(items))
