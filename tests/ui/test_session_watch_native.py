"""Locking when the Windows or macOS session locks or the machine sleeps (issue 17).

On any platform: the Windows wiring is fed ``MSG`` structures built here (the layout of
winuser.h's ``MSG`` on 64-bit Windows, written independently of the app's), passed by
address to the native event filter as Qt passes them; the macOS wiring runs against
stand-ins for CoreFoundation and IOKit that keep the callbacks it registers, which the
tests then call as macOS would. On Windows and macOS themselves (the release workflow),
the last tests send the real message or post the real notification.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint
from PySide6.QtWidgets import QApplication, QMainWindow

from reljournal.ui.windows import session_watch_macos, session_watch_win32
from reljournal.ui.windows.auto_lock import AutoLock
from reljournal.ui.windows.session_watch import SessionWatch

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

DRAFT = "Half-written note: they want the price list by Friday"


class _Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32)]


class _Msg(ctypes.Structure):
    """MSG on 64-bit Windows: HWND 8, UINT 4 (+4 padding), WPARAM 8, LPARAM 8, DWORD 4,
    POINT 8, DWORD 4 (+4 padding): 48 bytes."""

    _fields_ = [
        ("hwnd", ctypes.c_uint64),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_uint64),
        ("lParam", ctypes.c_int64),
        ("time", ctypes.c_uint32),
        ("pt", _Point),
        ("lPrivate", ctypes.c_uint32),
    ]


def _msg(message: int, w_param: int) -> _Msg:
    return _Msg(hwnd=0x1234, message=message, wParam=w_param, lParam=0, time=1)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _lock_with_draft(qtbot: Any, window: Any) -> tuple[AutoLock, Any]:
    dialog = window.open_quick_entry()
    qtbot.waitExposed(dialog)
    dialog.notes.setPlainText(DRAFT)
    return AutoLock(_app(), window, window.journal, 15, window), dialog


def _unlock_and_check_the_draft(lock: AutoLock, window: Any, dialog: Any) -> None:
    assert lock.locked
    assert not window.isVisible() and not dialog.isVisible()  # the journal is hidden
    lock.lock_window.unlock_button.click()  # the keychain journal: Unlock
    assert not lock.locked and window.isVisible() and dialog.isVisible()
    assert dialog.notes.toPlainText() == DRAFT  # the draft is kept
    dialog.keep_draft_and_close()


# ------------------------------------------------------------------------------ Windows


def test_the_msg_layout_is_windows_own() -> None:
    assert ctypes.sizeof(session_watch_win32.MSG) == ctypes.sizeof(_Msg) == 48
    for name, *_ in _Msg._fields_:
        assert getattr(session_watch_win32.MSG, name).offset == getattr(_Msg, name).offset


@pytest.mark.parametrize(
    ("message", "w_param"),
    [(0x02B1, 0x7), (0x02B1, 0x4), (0x0218, 0x4)],
    ids=["session locked", "remote session disconnected", "suspending"],
)
def test_a_windows_lock_or_suspend_message_locks_and_keeps_the_draft(
    qtbot: Any, window: Any, message: int, w_param: int
) -> None:
    lock, dialog = _lock_with_draft(qtbot, window)
    watch = SessionWatch(lock, window, platform="win32")
    watch.session_locking.connect(lock.lock)
    assert "WM_POWERBROADCAST" in watch.listening
    msg = _msg(message, w_param)
    handled = watch.native.nativeEventFilter(
        QByteArray(b"windows_generic_MSG"), ctypes.addressof(msg)
    )
    assert handled == (False, 0)  # never swallowed: Qt and Windows see it too
    _unlock_and_check_the_draft(lock, window, dialog)
    watch.stop()
    lock.shutdown()


@pytest.mark.parametrize(
    ("event_type", "message", "w_param"),
    [
        (b"windows_generic_MSG", 0x02B1, 0x8),  # WTS_SESSION_UNLOCK
        (b"windows_generic_MSG", 0x02B1, 0x5),  # WTS_SESSION_LOGON
        (b"windows_generic_MSG", 0x0218, 0x12),  # PBT_APMRESUMEAUTOMATIC
        (b"windows_generic_MSG", 0x0218, 0xA),  # PBT_APMPOWERSTATUSCHANGE
        (b"windows_generic_MSG", 0x000F, 0x7),  # WM_PAINT
        (b"windows_dispatcher_MSG", 0x02B1, 0x7),  # the same message seen twice by Qt
        (b"xcb_generic_event_t", 0x02B1, 0x7),  # not a Windows message at all
    ],
)
def test_other_messages_do_not_lock(
    qtbot: Any, window: Any, event_type: bytes, message: int, w_param: int
) -> None:
    lock = AutoLock(_app(), window, window.journal, 15, window)
    watch = SessionWatch(lock, window, platform="win32")
    watch.session_locking.connect(lock.lock)
    msg = _msg(message, w_param)
    watch.native.nativeEventFilter(QByteArray(event_type), ctypes.addressof(msg))
    watch.native.nativeEventFilter(QByteArray(b"windows_generic_MSG"), 0)  # a null MSG*
    assert not lock.locked and window.isVisible()
    watch.stop()
    lock.shutdown()


def test_the_windows_filter_in_the_running_app_ignores_this_platforms_events(
    qtbot: Any, window: Any
) -> None:
    """Installed for real, the filter sees every native event of this platform (xcb on
    Linux) and lets them all through: the window still gets input, nothing locks."""
    lock = AutoLock(_app(), window, window.journal, 15, window)
    watch = SessionWatch(lock, window, platform="win32")
    watch.session_locking.connect(lock.lock)
    # WTS is asked for on Windows only
    assert ("WM_WTSSESSION_CHANGE" in watch.listening) == (sys.platform == "win32")
    window.accounts.focus_filter()
    qtbot.keyClicks(window.accounts.filter, "ab")
    qtbot.mouseMove(window, QPoint(20, 20))
    qtbot.wait(50)
    assert window.accounts.filter.text() == "ab"
    assert not lock.locked
    watch.stop()
    window.accounts.filter.clear()
    lock.shutdown()


# ------------------------------------------------------------------------------ macOS


class _FakeCoreFoundation:
    kCFRunLoopCommonModes = 0x4000

    def __init__(self) -> None:
        self.names: dict[int, bytes] = {}
        self.observers: list[tuple[Any, ...]] = []
        self.removed: list[tuple[int, int]] = []
        self.sources: list[tuple[int, int, int]] = []
        self.released: list[int] = []

    def CFNotificationCenterGetDistributedCenter(self) -> int:  # noqa: N802
        return 0x1000

    def CFStringCreateWithCString(self, _alloc: Any, text: bytes, encoding: int) -> int:  # noqa: N802
        assert encoding == 0x08000100  # UTF-8
        handle = 0x2000 + len(self.names)
        self.names[handle] = text
        return handle

    def CFNotificationCenterAddObserver(self, *args: Any) -> None:  # noqa: N802
        self.observers.append(args)

    def CFNotificationCenterRemoveEveryObserver(self, center: int, observer: int) -> None:  # noqa: N802
        self.removed.append((center, observer))

    def CFRelease(self, handle: int) -> None:  # noqa: N802
        self.released.append(handle)

    def CFRunLoopGetMain(self) -> int:  # noqa: N802
        return 0x3000

    def CFRunLoopAddSource(self, loop: int, source: int, modes: int) -> None:  # noqa: N802
        self.sources.append((loop, source, modes))

    def CFRunLoopRemoveSource(self, loop: int, source: int, modes: int) -> None:  # noqa: N802
        self.sources.remove((loop, source, modes))


class _FakeIOKit:
    ROOT = 77

    def __init__(self) -> None:
        self.callbacks: list[Any] = []
        self.allowed: list[tuple[int, int]] = []
        self.closed = False

    def IORegisterForSystemPower(
        self, _refcon: Any, _port: Any, callback: Any, _notifier: Any
    ) -> int:  # noqa: N802
        self.callbacks.append(callback)
        return self.ROOT

    def IONotificationPortGetRunLoopSource(self, _port: Any) -> int:  # noqa: N802
        return 0x5000

    def IOAllowPowerChange(self, root: int, argument: int) -> None:  # noqa: N802
        self.allowed.append((root, argument))

    def IODeregisterForSystemPower(self, _notifier: Any) -> None:  # noqa: N802
        self.closed = True

    def IOServiceClose(self, _root: int) -> None:  # noqa: N802
        pass

    def IONotificationPortDestroy(self, _port: Any) -> None:  # noqa: N802
        pass


@pytest.fixture
def mac(monkeypatch: pytest.MonkeyPatch) -> tuple[_FakeCoreFoundation, _FakeIOKit]:
    frameworks = (_FakeCoreFoundation(), _FakeIOKit())
    monkeypatch.setattr(session_watch_macos, "load_frameworks", lambda: frameworks)
    return frameworks


def test_the_macos_screen_lock_notification_locks_and_keeps_the_draft(
    qtbot: Any, window: Any, mac: tuple[_FakeCoreFoundation, _FakeIOKit]
) -> None:
    cf, _iokit = mac
    lock, dialog = _lock_with_draft(qtbot, window)
    watch = SessionWatch(lock, window, platform="darwin")
    watch.session_locking.connect(lock.lock)
    assert watch.listening == ["com.apple.screenIsLocked", "IOKit system power"]
    [(center, observer, callback, name, obj, behaviour)] = cf.observers
    assert center == 0x1000 and cf.names[name] == b"com.apple.screenIsLocked"
    assert obj is None and behaviour == 4  # delivered at once, even in the background
    assert name in cf.released  # the name is not leaked
    assert cf.sources == [(0x3000, 0x5000, 0x4000)]  # IOKit's port on the main run loop
    callback(center, observer, name, None, None)  # CoreFoundation delivering it
    _unlock_and_check_the_draft(lock, window, dialog)
    watch.stop()
    assert cf.removed == [(0x1000, observer)] and cf.sources == []
    lock.shutdown()


def test_macos_sleep_is_allowed_at_once_and_locks(
    qtbot: Any, window: Any, mac: tuple[_FakeCoreFoundation, _FakeIOKit]
) -> None:
    _cf, iokit = mac
    lock, dialog = _lock_with_draft(qtbot, window)
    watch = SessionWatch(lock, window, platform="darwin")
    watch.session_locking.connect(lock.lock)
    [power] = iokit.callbacks
    power(None, 0, 0xE0000270, 11)  # kIOMessageCanSystemSleep: may it sleep? yes
    assert iokit.allowed == [(77, 11)] and not lock.locked  # asked, not yet sleeping
    power(None, 0, 0xE0000300, 12)  # kIOMessageSystemHasPoweredOn: nothing to do
    assert iokit.allowed == [(77, 11)] and not lock.locked
    power(None, 0, 0xE0000280, 13)  # kIOMessageSystemWillSleep
    assert iokit.allowed == [(77, 11), (77, 13)]  # acknowledged: sleep is not held up
    _unlock_and_check_the_draft(lock, window, dialog)
    watch.stop()
    assert iokit.closed
    lock.shutdown()


def test_macos_sleep_is_acknowledged_even_when_locking_fails(
    mac: tuple[_FakeCoreFoundation, _FakeIOKit],
) -> None:
    _cf, iokit = mac

    def broken(_reason: str) -> None:
        raise RuntimeError("the window is gone")

    watch = session_watch_macos.MacSessionWatch(broken)
    [power] = iokit.callbacks
    power(None, 0, 0xE0000280, 21)  # no exception escapes into IOKit
    assert iokit.allowed == [(77, 21)]
    watch.close()


_IMPORTS_CHILD = """
import ctypes, importlib, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from reljournal.ui.windows.session_watch import SessionWatch
watch = SessionWatch()
watch.stop()
loaded = [m for m in ("session_watch_win32", "session_watch_macos")
          if "reljournal.ui.windows." + m in sys.modules]
def refuse(*args, **kwargs):
    raise AssertionError(f"a library loaded at import: {args}")
ctypes.CDLL = ctypes.WinDLL = refuse
for name in ("session_watch_win32", "session_watch_macos"):  # (re-)run each module's code
    importlib.reload(importlib.import_module("reljournal.ui.windows." + name))
print(sys.platform, ",".join(loaded) or "none")
"""


def test_each_platform_module_is_imported_on_its_platform_only() -> None:
    """The session watch of this platform imports no other platform's module, and
    importing those anywhere loads no DLL or framework (ctypes refuses any here)."""
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", _IMPORTS_CHILD],
        capture_output=True, text=True, cwd=Path(__file__).parents[2], timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    platform, loaded = result.stdout.split()
    expected = {"win32": "session_watch_win32", "darwin": "session_watch_macos"}
    assert loaded == expected.get(platform, "none")
    if sys.platform != "win32":
        assert session_watch_win32.register_session_notification(0) is False  # nothing to ask


# ---------------------------------------------- on Windows and macOS themselves (release)


def _plain_window_and_lock(tmp_path: Path) -> tuple[QMainWindow, AutoLock, Any]:
    from reljournal.journal.opening import create

    journal = create(tmp_path / "p.db", passphrase="correct horse battery staple")
    window = QMainWindow()
    window.show()
    return window, AutoLock(_app(), window, journal, 15, window), journal


@pytest.mark.skipif(sys.platform != "win32", reason="Windows only (the release workflow)")
def test_a_real_session_change_message_locks_on_windows(
    qtbot: Any, tmp_path: Path, no_keychain: object
) -> None:
    window, lock, journal = _plain_window_and_lock(tmp_path)
    watch = SessionWatch(lock, window, platform="win32")
    watch.session_locking.connect(lock.lock)
    assert "WM_WTSSESSION_CHANGE" in watch.listening  # WTSRegisterSessionNotification took it
    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined,unused-ignore]
    user32.SendMessageW.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint,
        ctypes.c_size_t,
        ctypes.c_ssize_t,
    ]
    user32.SendMessageW(int(window.winId()), 0x02B1, 0x7, 1)  # through Qt's window procedure
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert not window.isVisible()
    watch.stop()
    lock.shutdown()
    journal.close()


@pytest.mark.skipif(sys.platform != "darwin", reason="macOS only (the release workflow)")
def test_a_real_screen_lock_notification_locks_on_macos(
    qtbot: Any, tmp_path: Path, no_keychain: object
) -> None:
    window, lock, journal = _plain_window_and_lock(tmp_path)
    watch = SessionWatch(lock, window, platform="darwin")
    watch.session_locking.connect(lock.lock)
    assert "com.apple.screenIsLocked" in watch.listening
    cf, _iokit = session_watch_macos.load_frameworks()
    cf.CFNotificationCenterPostNotification.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_bool
    ]  # fmt: skip
    name = cf.CFStringCreateWithCString(None, b"com.apple.screenIsLocked", 0x08000100)
    center = cf.CFNotificationCenterGetDistributedCenter()
    cf.CFNotificationCenterPostNotification(center, name, None, None, True)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)  # delivered on Qt's run loop
    assert not window.isVisible()
    cf.CFRelease(name)
    watch.stop()
    lock.shutdown()
    journal.close()


def test_the_real_session_watch_of_this_platform_starts_and_stops(qtbot: Any, window: Any) -> None:
    lock = AutoLock(_app(), window, window.journal, 15, window)
    watch = SessionWatch(lock, window)
    assert watch.platform == sys.platform
    watch.stop()
    watch.stop()  # twice is harmless (quitting after a manual stop)
    assert not lock.locked and window.isVisible()
    lock.shutdown()
