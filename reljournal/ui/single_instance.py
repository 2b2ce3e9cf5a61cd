"""One running copy per journal: a second start brings the first window forward.

The first instance listens on a local socket named after the journal's resolved path
(and the user); a later one connects, says ``activate``, waits for ``ok`` and exits.
A socket left behind by a crashed instance answers nobody and is removed.

On Linux and macOS the socket lives in a folder only this user can enter:
``$XDG_RUNTIME_DIR/reljournal``, else ``reljournal-<uid>`` in the temporary folder,
each checked to be a real folder owned by the user with mode 0700 before use. A
predictable name in a shared /tmp could be taken first by another local user, and the
app would then say "already open" and exit; a folder that fails the check is passed
over (the next candidate is ``reljournal-<uid>-2``…), and where none passes the app
runs without the guard rather than not at all. (Windows names a pipe, which
``UserAccessOption`` restricts to the user.)
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import stat
from pathlib import Path
from typing import Final

from PySide6.QtCore import QDir, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_ACTIVATE: Final = b"activate\n"
_OK: Final = b"ok\n"


_CANDIDATE_FOLDERS: Final = 20


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (no link) of this user that no one else may
    enter; one of the user's own that others may is narrowed to 0700 first."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


def _make_private(folder: Path) -> bool:
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    return _private(folder)


def socket_folder() -> Path | None:
    """The user's private folder for the socket (POSIX), or None where none passes the
    ownership check (the app then runs without the single-instance guard)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private(Path(runtime)):
        if _make_private(Path(runtime) / "reljournal"):
            return Path(runtime) / "reljournal"
    temp = Path(QDir.tempPath())
    uid = os.getuid()
    for n in range(1, _CANDIDATE_FOLDERS + 1):
        folder = temp / (f"reljournal-{uid}" if n == 1 else f"reljournal-{uid}-{n}")
        if _make_private(folder):
            return folder
        log.warning("passed over %s: not a private folder of this user", folder)
    return None


def server_name(journal_path: Path) -> str:
    """The socket's name (Windows: a pipe name) or, on POSIX, its full path in the
    user's private folder; "" when no private folder could be had."""
    resolved = str(Path(journal_path).expanduser().resolve())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:20]
    if os.name != "posix":
        return f"reljournal-{digest}"
    folder = socket_folder()
    return "" if folder is None else str(folder / f"{digest}.sock")


class InstanceGuard(QObject):
    """Listens for later instances; ``activation_requested`` when one starts."""

    activation_requested = Signal()

    def __init__(self, journal_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(journal_path)
        self._server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def activate_existing(self, timeout_ms: int = 1500) -> bool:
        """If another instance holds the journal, ask it to come forward; True if it did."""
        if not self.name:
            return False
        socket = QLocalSocket(self)
        try:
            socket.connectToServer(self.name)
            if not socket.waitForConnected(timeout_ms):
                return False
            socket.write(_ACTIVATE)
            socket.flush()
            socket.waitForBytesWritten(timeout_ms)
            answered = socket.waitForReadyRead(timeout_ms) and socket.readAll().data() == _OK
            socket.disconnectFromServer()
            log.info("another instance has the journal; asked it to come forward (%s)", answered)
            return True
        finally:
            socket.deleteLater()

    def listen(self) -> bool:
        """Start answering later instances; False if the name could not be taken."""
        if not self.name:
            log.warning("no private folder for the single-instance socket; running without it")
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a crashed instance
            if not server.listen(self.name):
                log.warning("single-instance socket unavailable: %s", server.errorString())
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for socket in self._sockets:
            socket.abort()
            socket.deleteLater()
        self._sockets.clear()

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._sockets.append(socket)
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(self._on_socket_disconnected)

    def _on_socket_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self._sockets:
            self._sockets.remove(socket)
            socket.deleteLater()

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or not socket.canReadLine():
            return
        line = socket.readLine().data()
        if line == _ACTIVATE:
            socket.write(_OK)
            socket.flush()
            log.info("a second instance asked this window to come forward")
            self.activation_requested.emit()
