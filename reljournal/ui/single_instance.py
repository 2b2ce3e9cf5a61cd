"""One running copy per journal: a second start brings the first window forward.

The first instance listens on a local socket named after the journal's resolved path
(and the user); a later one connects, says ``activate``, waits for ``ok`` and exits.
A socket left behind by a crashed instance answers nobody and is removed.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_ACTIVATE: Final = b"activate\n"
_OK: Final = b"ok\n"


def server_name(journal_path: Path) -> str:
    resolved = str(Path(journal_path).expanduser().resolve())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:20]
    return f"reljournal-{digest}"


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
