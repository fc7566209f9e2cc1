"""One Ramal per user session: a second launch hands its argument to the running app and exits.

Two Ramals would register the same extension twice and fight over the headset. The first
process listens on a per-user local socket (a Unix socket on Linux, a named pipe on Windows); a
later one (the agent clicks the launcher again, or a ``tel:`` link in the browser starts
``ramal tel:...``) connects, sends one line, and exits. The running app receives it through
:attr:`SingleInstance.message_received`: an empty message means "show yourself", anything else is
a dial link (see :mod:`desktop.phone.dial_links`).

Use::

    instance = SingleInstance()
    if not instance.try_primary():
        instance.send(dial_link_in(sys.argv[1:]) or "")
        return 0
    instance.message_received.connect(on_message)

Starting two at the same moment is serialised with a lock file, so exactly one becomes primary.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop import APP_NAME

_CONNECT_TIMEOUT_MS = 1000
# a client that connected but never sends is dropped after this long
_MAX_MESSAGE_BYTES = 4096


def default_server_name(app_name: str = APP_NAME) -> str:
    """A name unique to this user (and this profile directory, so tests and a second config can
    run side by side): ``Ramal-<user>-<hash>``, short enough for a Unix socket path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers): fall back to the uid
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}|{Path.home()}".encode()).hexdigest()[:12]
    safe_user = "".join(c for c in user if c.isalnum())[:16] or "user"
    return f"{app_name}-{safe_user}-{digest}"


class SingleInstance(QObject):
    """The per-user "is Ramal already running?" switch. Needs a Q(Core)Application."""

    message_received = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or default_server_name()
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def is_primary(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _running_elsewhere(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        connected = probe.waitForConnected(_CONNECT_TIMEOUT_MS)
        if connected:
            probe.disconnectFromServer()
        return connected

    def try_primary(self) -> bool:
        """Become the running instance unless one is already listening; True if we are it."""
        if self.is_primary:
            return True
        lock = QLockFile(QDir.temp().absoluteFilePath(f"{self.name}.lock"))
        lock.setStaleLockTime(10_000)
        if not lock.tryLock(5_000):
            return False
        try:
            if self._running_elsewhere():
                return False
            # a crashed Ramal leaves its Unix socket file behind: nobody answered, so remove it
            QLocalServer.removeServer(self.name)
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not server.listen(self.name):
                raise OSError(f"{APP_NAME}: não foi possível abrir o canal local "
                              f"{self.name}: {server.errorString()}")
            server.newConnection.connect(self._accept)
            self._server = server
            return True
        finally:
            lock.unlock()

    def send(self, message: str, timeout_ms: int = 3000) -> bool:
        """From a secondary process: deliver ``message`` (one line) to the running instance."""
        line = message.replace("\r", " ").replace("\n", " ").encode("utf-8")[:_MAX_MESSAGE_BYTES]
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(line + b"\n")
        delivered = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return delivered

    def close(self) -> None:
        """Stop listening (at quit). Open client connections are dropped without delivery."""
        for socket in list(self._buffers):
            # a socket being destroyed emits "disconnected": keep it from reaching _finish
            socket.blockSignals(True)
            socket.abort()
        self._buffers.clear()
        if self._server is not None:
            # closed, not deleted: the server and its sockets are children of this object and go
            # with it (a deferred delete of them here crashed Qt later, in another event loop)
            self._server.blockSignals(True)
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._finish(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        *lines, rest = data.split(b"\n")
        self._buffers[socket] = rest[:_MAX_MESSAGE_BYTES]
        for line in lines:
            self.message_received.emit(line.decode("utf-8", errors="replace").strip())

    def _finish(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:  # already finished (or dropped by close())
            return
        if socket.bytesAvailable():
            self._read(socket)
        rest = self._buffers.pop(socket, b"")
        socket.blockSignals(True)
        socket.abort()  # freed with the server (its parent): one small object per hand-off
        if rest.strip():  # a sender that closed without the final newline
            self.message_received.emit(rest.decode("utf-8", errors="replace").strip())
