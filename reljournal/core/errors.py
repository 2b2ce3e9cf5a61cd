"""Typed errors of the domain layer.

Every error a user can cause carries a ``message`` written for that user; the
UI and the CLI show it as it is. Programming errors are ordinary exceptions and
are never wrapped in these.
"""

from __future__ import annotations


class RelJournalError(Exception):
    """Base of the errors a user can cause; ``str(err)`` is the user-facing message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(RelJournalError):
    """A value a user typed or a file supplied is not acceptable."""


class InterchangeError(RelJournalError):
    """A journal document (JSON) cannot be read; the message names the place in the file."""

    def __init__(self, message: str, where: str = "") -> None:
        full = f"{where}: {message}" if where else message
        super().__init__(full)
        self.where = where
        self.reason = message


class NotFoundError(RelJournalError):
    """Something the user named (an account, an entry) does not exist."""


class CancelledError(RelJournalError):
    """A long operation was cancelled by the user; nothing was changed."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


# Environment failures of the journal file (raised by the store), each with a reason in
# the user's terms.
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
