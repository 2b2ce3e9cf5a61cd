"""Windows telling the app the session is locking or the machine suspending (issue 17).

Windows sends ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK`` to a window registered
with ``WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION)`` (Win+L, the screen
saver's lock, a remote session disconnected), and ``WM_POWERBROADCAST`` with
``PBT_APMSUSPEND`` to every top-level window before it suspends. Qt hands each message
its windows receive to native event filters as a ``MSG*`` (event type
``windows_generic_MSG``); the filter here reads it through ctypes.

Imported by ``session_watch`` on Windows only; nothing is loaded from a DLL at import, so
the message reading is tested on any platform with ``MSG`` structures built by the tests.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE: Final = 0x02B1
WTS_CONSOLE_DISCONNECT: Final = 0x2
WTS_REMOTE_DISCONNECT: Final = 0x4
WTS_SESSION_LOCK: Final = 0x7
WM_POWERBROADCAST: Final = 0x0218
PBT_APMSUSPEND: Final = 0x0004
NOTIFY_FOR_THIS_SESSION: Final = 0
EVENT_TYPE: Final = b"windows_generic_MSG"

# what each message means for the journal: lock it, and why (for the log)
_SESSION_REASONS: Final = {
    WTS_SESSION_LOCK: "the session is locking",
    WTS_CONSOLE_DISCONNECT: "the session was disconnected from the console",
    WTS_REMOTE_DISCONNECT: "the remote session was disconnected",
}


class POINT(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32)]  # LONG is 32 bits on Windows


class MSG(ctypes.Structure):
    """winuser.h's ``MSG``: WPARAM and LPARAM are pointer-sized, DWORD and LONG 32 bits."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt", POINT),
        ("lPrivate", ctypes.c_uint32),
    ]


def locking_reason(address: int) -> str | None:
    """Why the message at ``address`` (a ``MSG*``) should lock the journal, or None."""
    if not address:
        return None
    msg = MSG.from_address(address)
    if msg.message == WM_WTSSESSION_CHANGE:
        return _SESSION_REASONS.get(msg.wParam)
    if msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
        return "the machine is suspending"
    return None


class SessionMessageFilter(QAbstractNativeEventFilter):
    """Calls ``on_locking(reason)`` when a Windows message says the session locks or the
    machine suspends. It never consumes a message: Qt and Windows see every one."""

    def __init__(self, on_locking: Callable[[str], None]) -> None:
        super().__init__()
        self._on_locking = on_locking

    def nativeEventFilter(  # noqa: N802 (Qt override)
        self,
        eventType: QByteArray | bytes | bytearray | memoryview,
        message: int,  # noqa: N803
    ) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind == EVENT_TYPE:
            try:
                reason = locking_reason(int(message))
            except Exception:  # a message we cannot read must never break the event loop
                log.warning("a Windows message could not be read", exc_info=True)
                reason = None
            if reason is not None:
                log.info("%s", reason)
                self._on_locking(reason)
        return False, 0


def _wtsapi() -> Any:
    if sys.platform != "win32":
        raise OSError("session notifications exist on Windows only")
    return ctypes.WinDLL("wtsapi32", use_last_error=True)


def register_session_notification(hwnd: int) -> bool:
    """Ask Windows to send ``WM_WTSSESSION_CHANGE`` for this session to ``hwnd``."""
    if sys.platform != "win32":
        log.info("no session notifications outside Windows")
        return False
    try:
        wtsapi = _wtsapi()
        wtsapi.WTSRegisterSessionNotification.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        wtsapi.WTSRegisterSessionNotification.restype = ctypes.c_int
        ok = bool(wtsapi.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION))
    except (OSError, AttributeError):
        log.warning("session notifications could not be asked for", exc_info=True)
        return False
    if not ok:
        log.warning("WTSRegisterSessionNotification failed (error %s)", ctypes.get_last_error())
    return ok


def unregister_session_notification(hwnd: int) -> None:
    if sys.platform != "win32":
        return
    try:
        wtsapi = _wtsapi()
        wtsapi.WTSUnRegisterSessionNotification.argtypes = [ctypes.c_void_p]
        wtsapi.WTSUnRegisterSessionNotification(hwnd)
    except (OSError, AttributeError):
        log.info("session notifications could not be given back", exc_info=True)
