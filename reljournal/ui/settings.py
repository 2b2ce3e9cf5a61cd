"""Preferences and remembered UI state, each declared once with its type and default.

The settings live in an INI file in the user's config directory (``RELJOURNAL_CONFIG_DIR``
overrides it). Secrets never go here: the journal's key is in the keychain or typed.
Preferences (``appearance/…``) and remembered state (``state/…``) are kept apart.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from reljournal import APP_NAME
from reljournal.paths import make_private_folder

log = logging.getLogger(__name__)

T = TypeVar("T")

ENV_CONFIG_DIR: Final = "RELJOURNAL_CONFIG_DIR"
SETTINGS_VERSION: Final = 1
RECENT_JOURNALS: Final = 8  # journals listed under Journal ▸ Recent journals


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type[T]
    default: T


# Preferences
THEME: Final = Setting("appearance/theme", str, "system")  # system, light or dark
BACKUPS_TO_KEEP: Final = Setting("backups/to_keep", int, 7)  # automatic backups kept
DESKTOP_REMINDERS: Final = Setting("reminders/desktop_notifications", bool, True)
AUTO_LOCK_MINUTES: Final = Setting("security/auto_lock_minutes", int, 15)  # 0: never (issue 17)
# SQLCipher wipes and locks every allocation (issue 17); off by default: see SECURITY.md
MEMORY_PROTECTION: Final = Setting("security/memory_protection", bool, False)
# Remembered state
WINDOW_GEOMETRY: Final = Setting("state/window_geometry", QByteArray, QByteArray())
WINDOW_STATE: Final = Setting("state/window_state", QByteArray, QByteArray())
MAIN_SPLITTER: Final = Setting("state/main_splitter", QByteArray, QByteArray())
DETAIL_SPLITTER: Final = Setting("state/detail_splitter", QByteArray, QByteArray())
QUICK_ENTRY_GEOMETRY: Final = Setting("state/quick_entry_geometry", QByteArray, QByteArray())
REMINDER_LAST_SHOWN: Final = Setting("state/reminders_last_shown", str, "")  # ISO date
_VERSION: Final = Setting("meta/version", int, 0)


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.ini"


def _journal_key(journal_path: Path) -> str:
    resolved = str(Path(journal_path).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]


class Settings:
    """Typed access to the settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        make_private_folder(self.path.parent)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = self.get(_VERSION)
        if version < SETTINGS_VERSION:
            # version 1 is the first; later versions rename or convert keys here
            self.set(_VERSION, SETTINGS_VERSION)

    def get(self, setting: Setting[T]) -> T:
        value: Any = self._store.value(setting.key, setting.default)
        if isinstance(value, setting.kind):
            return value
        try:
            if setting.kind is bool:  # an INI file holds "true" / "false"
                text = str(value).strip().lower()
                if text in ("true", "1", "yes", "on", "false", "0", "no", "off"):
                    return setting.kind(text in ("true", "1", "yes", "on"))  # type: ignore[call-arg]
                raise ValueError(text)
            if setting.kind is int:
                return setting.kind(int(value))  # type: ignore[call-arg]
            if setting.kind is str:
                return setting.kind(str(value))  # type: ignore[call-arg]
        except (TypeError, ValueError):
            pass
        log.info("setting %s has an unreadable value; using the default", setting.key)
        return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)

    def last_account(self, journal_path: Path) -> int | None:
        value = self._store.value(f"journals/{_journal_key(journal_path)}/last_account", 0)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return None
        return number or None

    def set_last_account(self, journal_path: Path, account_id: int | None) -> None:
        self._store.setValue(f"journals/{_journal_key(journal_path)}/last_account", account_id or 0)

    def sync(self) -> None:
        self._store.sync()

    # --- journals: the recent ones and how each is locked (issue 19) --------------------
    def _recent(self) -> list[str]:
        value: Any = self._store.value("journals/recent", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def recent_journals(self) -> list[Path]:
        """The journals opened last, most recent first (those still on disk)."""
        items = self._recent()
        paths = [Path(str(p)) for p in items if str(p)]
        return [p for p in paths if p.exists()][:RECENT_JOURNALS]

    def add_recent_journal(self, journal_path: Path) -> None:
        resolved = Path(journal_path).expanduser().resolve()
        items = self._recent()
        kept = [str(p) for p in items if str(p) and Path(str(p)) != resolved]
        self._store.setValue("journals/recent", [str(resolved), *kept][:RECENT_JOURNALS])

    def locked_by_passphrase(self, journal_path: Path) -> bool | None:
        """True for a journal known to open with a passphrase only (it has no recovery
        key), False for one with a recovery key, None when this computer does not know."""
        value = self._store.value(f"journals/{_journal_key(journal_path)}/lock", "")
        return {"passphrase": True, "key": False}.get(str(value))

    def set_locked_by_passphrase(self, journal_path: Path, passphrase: bool) -> None:
        lock = "passphrase" if passphrase else "key"
        self._store.setValue(f"journals/{_journal_key(journal_path)}/lock", lock)


# --- issue 17: SQLCipher's memory security, chosen here, applied at the next start ---------
# read by the store when it opens a connection (store/connecting.py)
ENV_MEMORY_SECURITY: Final = "RELJOURNAL_MEMORY_SECURITY"


def apply_memory_protection(wanted: bool) -> bool:
    """Turn the protection on for this process when the setting asks for it (before any
    journal is opened); an environment that already says ``1`` keeps it. Whether it is on."""
    if wanted:
        os.environ[ENV_MEMORY_SECURITY] = "1"
    return os.environ.get(ENV_MEMORY_SECURITY) == "1"
