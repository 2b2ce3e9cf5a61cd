"""The desktop session telling the app it is locking or going to sleep (issue 17):

- Linux and the BSDs, over D-Bus: the screen saver's ``ActiveChanged(true)`` (freedesktop,
  GNOME, KDE) on the session bus, and logind's ``PrepareForSleep(true)`` on the system bus;
- Windows: ``WM_WTSSESSION_CHANGE`` (session locked or disconnected) and
  ``WM_POWERBROADCAST``/``PBT_APMSUSPEND``, read by a native event filter
  (``session_watch_win32``);
- macOS: the ``com.apple.screenIsLocked`` distributed notification and IOKit's
  will-sleep message (``session_watch_macos``).

Each platform's module is imported on its platform only. Where nothing can be heard, the
idle time alone locks."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
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

    def __init__(
        self,
        parent: QObject | None = None,
        window: QWidget | None = None,
        platform: str = sys.platform,
    ) -> None:
        """``window``: the app's main window (Windows sends session changes to a window).
        ``platform``: ``sys.platform``'s value (the tests choose another's wiring)."""
        super().__init__(parent)
        self.platform = platform
        self.listening: list[str] = []
        self._native: Any = None  # the Windows filter or the macOS watch, kept alive here
        self._hwnd = 0
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        if platform == "win32":
            self._listen_on_windows(window)
        elif platform == "darwin":
            self._listen_on_macos()
        elif platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            self._listen_on_dbus()
        log.info("session events heard from: %s", ", ".join(self.listening) or "nothing")

    def _on_native_locking(self, _reason: str) -> None:
        self.session_locking.emit()

    @property
    def native(self) -> Any:
        """The Windows message filter or the macOS watch (None elsewhere)."""
        return self._native

    def _listen_on_windows(self, window: QWidget | None) -> None:
        from reljournal.ui.windows import session_watch_win32 as win32

        app = QCoreApplication.instance()
        if app is None:
            return
        self._native = win32.SessionMessageFilter(self._on_native_locking)
        app.installNativeEventFilter(self._native)
        self.listening.append("WM_POWERBROADCAST")
        if window is not None:
            hwnd = int(window.winId())
            if win32.register_session_notification(hwnd):
                self._hwnd = hwnd
                self.listening.append("WM_WTSSESSION_CHANGE")

    def _listen_on_macos(self) -> None:
        from reljournal.ui.windows.session_watch_macos import MacSessionWatch

        try:
            self._native = MacSessionWatch(self._on_native_locking)
        except (OSError, AttributeError, ValueError):
            log.warning("macOS session notifications are not available", exc_info=True)
            return
        self.listening.extend(self._native.listening)

    @Slot()
    def stop(self) -> None:
        """Stop listening to the platform (the app quitting)."""
        native, self._native = self._native, None
        if native is None:
            return
        if self.platform == "win32":
            from reljournal.ui.windows import session_watch_win32 as win32

            app = QCoreApplication.instance()
            if app is not None:
                app.removeNativeEventFilter(native)
            if self._hwnd:
                win32.unregister_session_notification(self._hwnd)
                self._hwnd = 0
        elif hasattr(native, "close"):
            native.close()

    def _listen_on_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build without QtDBus hears nothing
            log.info("no QtDBus: the session is not heard")
            return

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
