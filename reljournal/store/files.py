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
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Final

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


SQLITE_SIDE_SUFFIXES: Final = ("-wal", "-shm", "-journal")
_CHUNK: Final = 1024 * 1024


def sqlite_side_file_of(path: Path) -> Path | None:
    """The database whose side file (``-wal``, ``-shm``, ``-journal``) ``path`` would
    be, if that database exists. SQLite owns such a file: it replays or deletes it at
    the database's next open, so nothing else may be written there."""
    name = path.name
    for suffix in SQLITE_SIDE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            base = path.with_name(name[: -len(suffix)])
            if base.is_file():
                return base
    return None


def check_output_file(path: Path) -> Path:
    """The file an output may be written to at ``path``, or a ``StorageError`` naming
    why not: a folder, a special file (FIFO, device, socket) or a symbolic link to one,
    a dangling link, the side file of an SQLite database, or something that may be a
    journal or a backup. A link to a regular file is followed: the file it names is
    the one replaced. Nothing is written here."""
    path = Path(path).expanduser()
    if path.name in ("", ".", ".."):
        raise StorageError(f"{path} is a folder; give the name of the file to write.")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StorageError(f"{path} could not be checked: {exc.strerror or exc}.") from exc
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise StorageError(
                f"{path} is a link to nothing; RelJournal does not write through it. "
                "Choose another file name."
            ) from exc
        checked = check_output_file(target)
        return checked
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StorageError(f"{path} is a folder; give the name of the file to write.")
        if not stat.S_ISREG(info.st_mode):
            raise StorageError(
                f"{path} is not a regular file (a pipe, device or socket); RelJournal writes "
                "only regular files. To send an export to another program, write it to "
                "standard output (-) and pipe it."
            )
    database = sqlite_side_file_of(path)
    if database is not None:
        raise StorageError(
            f"{path} is where SQLite keeps a side file of the database {database.name}, "
            "which would delete or replay it; choose another file name."
        )
    if info is not None and may_look_like_a_journal(path):
        raise StorageError(
            f"{path} looks like an encrypted journal or backup; RelJournal never "
            "writes an export over it. Choose another file name."
        )
    return path


def write_private_file(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically with owner-only permissions: into a new
    temporary file in the same folder, flushed to disk, then renamed over a regular
    file or over nothing (``check_output_file`` says what is refused). Returns the path
    written (a link's target when ``path`` is a link)."""
    path = check_output_file(Path(path).expanduser())
    raw = data if isinstance(data, bytes) else data.encode(encoding)
    partial: str | None = None
    try:
        fd, partial = tempfile.mkstemp(
            prefix=f".{path.name[:80]}.", suffix=".partial", dir=path.parent
        )
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            check_output_file(path)  # nothing special slipped in while writing
            os.replace(partial, path)
            partial = None
        finally:
            if partial is not None:
                with contextlib.suppress(OSError):
                    os.unlink(partial)
        _sync_folder(path.parent)
    except OSError as exc:
        raise StorageError(f"{path} could not be written: {exc.strerror or exc}.") from exc
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform can)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_bounded(handle: BinaryIO, max_bytes: int) -> bytes | None:
    """At most ``max_bytes`` from ``handle``, counted as they are read (a pipe or a
    device has no meaningful size); None when there is more than that."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return None


def read_import_file(path: Path, what: str, max_bytes: int) -> bytes:
    """The bytes of a file the user asked to import (``what``: "a CSV file", "a vCard
    file"…); every refusal is a ``ValidationError`` in the user's words. The limit
    counts the bytes actually read, so a pipe or ``/dev/zero`` stops there too."""
    from reljournal.core.errors import ValidationError

    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise ValidationError(f"{path} is a folder, not {what}.")
        with path.open("rb") as handle:
            data = read_bounded(handle, max_bytes)
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file at {path}.") from exc
    except OSError as exc:
        raise ValidationError(f"{path} could not be read: {exc.strerror or exc}.") from exc
    if data is None:
        raise ValidationError(
            f"{path} is larger than {max_bytes / 1024**2:,.0f} MB, too large to import "
            "at once; split it."
        )
    return data
