"""Environment failures of the store, each with a reason in the user's terms."""

from __future__ import annotations

from reljournal.core.errors import RelJournalError


class StorageError(RelJournalError):
    """The journal file could not be used (locked, full, damaged, unreadable...)."""


class WrongKeyError(StorageError):
    """The key, passphrase or recovery key does not open this journal."""


class JournalMissingError(StorageError):
    """There is no journal at the given path."""


class JournalExistsError(StorageError):
    """Creating a journal where one already exists (it is never overwritten)."""


class KeychainError(StorageError):
    """The OS keychain failed or holds no key for this journal."""


class NotAJournalError(StorageError):
    """The file exists but is not a RelJournal journal."""
