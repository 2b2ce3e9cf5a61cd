"""Keyring backends for tests: an in-memory keychain and one that behaves as 'none'."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in memory (negative priority: never chosen by itself)."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.fail = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.fail:
            raise KeyringError("keychain locked")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.fail:
            raise KeyringError("keychain locked")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise PasswordDeleteError("not found")
        del self.items[(service, username)]


class NoKeyring(KeyringBackend):
    """Behaves as keyring's 'fail' backend: no keychain on this machine."""

    priority = -1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("No recommended backend was available.")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("No recommended backend was available.")
