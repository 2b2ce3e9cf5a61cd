"""The desktop session telling the app it is locking or going to sleep (issue 17), where
the platform says so over D-Bus: the screen saver's ``ActiveChanged(true)`` (freedesktop,
GNOME, KDE) on the session bus, and logind's ``PrepareForSleep(true)`` on the system bus.
Elsewhere (no D-Bus: Windows, macOS) nothing is heard and the idle time alone locks."""

from __future__ import annotations

import logging
import sys
from typing import Final

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

_SCREEN_SAVERS: Final = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
_LOGIND: Final = (
    "org.freedesktop.login1",
    "/org/freedesktop/login1",
    "org.freedesktop.login1.Manager",
)


_SLOTS: Final = {
    "screen_saver": "1_on_screen_saver_active_changed(bool)",  # what QtCore.SLOT() makes
    "logind": "1_on_logind_prepare_for_sleep(bool)",
}


def _listen(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    name: str,
    receiver: QObject,
    slot: str,
) -> bool:
    """Connect a D-Bus signal to a slot of ``receiver`` (PySide6 takes the slot as the
    string ``SLOT()`` makes, which its stubs do not list)."""
    connected = bus.connect(service, path, interface, name, receiver, _SLOTS[slot])  # type: ignore[call-overload]
    return bool(connected)


class SessionWatch(QObject):
    """Emits ``session_locking`` when the screen locks or the machine is about to sleep."""

    session_locking = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return  # no session bus to hear from on Windows and macOS
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for path, interface in _SCREEN_SAVERS:
                if _listen(session, "", path, interface, "ActiveChanged", self, "screen_saver"):
                    self.listening.append(interface)
        system = QDBusConnection.systemBus()
        if system.isConnected():
            service, path, interface = _LOGIND
            if _listen(system, service, path, interface, "PrepareForSleep", self, "logind"):
                self.listening.append(interface)
        log.info("session events heard from: %s", ", ".join(self.listening) or "nothing")

    @Slot(bool)
    def _on_screen_saver_active_changed(self, active: bool) -> None:
        if active:
            log.info("the screen is locking")
            self.session_locking.emit()

    @Slot(bool)
    def _on_logind_prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            log.info("the machine is going to sleep")
            self.session_locking.emit()
