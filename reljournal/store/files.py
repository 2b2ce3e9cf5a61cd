"""Files the app writes besides the journal (exports, briefs, calendars), and how to
tell a journal or backup from any other file.

A journal (and each backup) is encrypted from its first byte: it never reads as
text and has no known file header. Exports are written atomically with owner-only
permissions and never over such a file, so ``export journal.db`` cannot destroy the
journal it exports.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reljournal.core.errors import StorageError

# Headers of files that are certainly no (encrypted) journal: plain SQLite, PDF,
# ZIP (Office, ODF), OLE (old Office), PNG, JPEG, GIF, gzip, 7z, RTF.
_FOREIGN_HEADERS = (
    b"SQLite format 3\x00", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG",
    b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b\x08", b"7z\xbc\xaf", b"{\\rtf",
)  # fmt: skip


def is_foreign_file(path: Path) -> bool:
    """Whether the non-empty file at ``path`` is recognisably something other than an
    encrypted journal: text, or a known file header."""
    with Path(path).open("rb") as handle:
        head = handle.read(4096)
    if not head:
        return False
    if head.startswith(_FOREIGN_HEADERS):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return len(head) == 4096 and exc.start >= len(head) - 3  # cut inside a character
    return True


def may_look_like_a_journal(path: Path) -> bool:
    """Whether ``path`` holds something that could be a journal or a backup."""
    try:
        return path.stat().st_size > 0 and not is_foreign_file(path)
    except FileNotFoundError:
        return False


def write_private_file(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically with owner-only permissions.

    Refuses a folder, and a file that may be a journal or a backup (an export never
    replaces one)."""
    path = Path(path).expanduser()
    if path.name in ("", ".", "..") or path.is_dir():
        raise StorageError(f"{path} is a folder; give the name of the file to write.")
    try:
        if may_look_like_a_journal(path):
            raise StorageError(
                f"{path} looks like an encrypted journal or backup; RelJournal never "
                "writes an export over it. Choose another file name."
            )
        raw = data if isinstance(data, bytes) else data.encode(encoding)
        partial = path.with_name(f".{path.name}.partial")
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
            os.replace(partial, path)
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
    except OSError as exc:
        raise StorageError(f"{path} could not be written: {exc.strerror or exc}.") from exc
    return path


def read_import_file(path: Path, what: str, max_bytes: int) -> bytes:
    """The bytes of a file the user asked to import (``what``: "a CSV file", "a vCard
    file"…); every refusal is a ``ValidationError`` in the user's words."""
    from reljournal.core.errors import ValidationError

    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise ValidationError(f"{path} is a folder, not {what}.")
        if path.stat().st_size > max_bytes:
            raise ValidationError(f"{path} is too large to import at once; split it.")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file at {path}.") from exc
    except OSError as exc:
        raise ValidationError(f"{path} could not be read: {exc.strerror or exc}.") from exc
