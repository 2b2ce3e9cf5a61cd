"""macOS telling the app the screen is locking or the machine going to sleep (issue 17),
through ctypes (no PyObjC):

- the screen: the distributed notification ``com.apple.screenIsLocked`` (posted when the
  screen locks: the menu's Lock Screen, Ctrl+Cmd+Q, the screen saver or display sleep
  with a password required), heard through ``CFNotificationCenterGetDistributedCenter``;
- sleep: IOKit's ``IORegisterForSystemPower``, whose ``kIOMessageSystemWillSleep`` comes
  before the machine sleeps; every such message is acknowledged (``IOAllowPowerChange``)
  first, so the app never holds sleep up.

Both are delivered on the main thread's CFRunLoop, which Qt's event loop runs on macOS.
Imported by ``session_watch`` on macOS only; the frameworks are loaded when the watch
starts, not at import, and can be replaced by stand-ins (the tests feed the callbacks).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable
from typing import Any, Final

log = logging.getLogger(__name__)

SCREEN_LOCKED: Final = "com.apple.screenIsLocked"
K_CF_STRING_ENCODING_UTF8: Final = 0x08000100
DELIVER_IMMEDIATELY: Final = 4  # CFNotificationSuspensionBehaviorDeliverImmediately
K_IO_MESSAGE_CAN_SYSTEM_SLEEP: Final = 0xE0000270
K_IO_MESSAGE_SYSTEM_WILL_SLEEP: Final = 0xE0000280

# void (*)(CFNotificationCenterRef, void *observer, CFStringRef name, const void *object,
#          CFDictionaryRef userInfo)
NOTIFICATION_CALLBACK = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
# void (*)(void *refcon, io_service_t service, uint32_t messageType, void *messageArgument)
POWER_CALLBACK = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p
)


def load_frameworks() -> tuple[Any, Any]:
    """CoreFoundation and IOKit with the prototypes used here."""
    cf = ctypes.CDLL(ctypes.util.find_library("CoreFoundation") or "CoreFoundation")
    iokit = ctypes.CDLL(ctypes.util.find_library("IOKit") or "IOKit")
    vp, u32 = ctypes.c_void_p, ctypes.c_uint32
    cf.CFNotificationCenterGetDistributedCenter.restype = vp
    cf.CFStringCreateWithCString.argtypes = [vp, ctypes.c_char_p, u32]
    cf.CFStringCreateWithCString.restype = vp
    cf.CFNotificationCenterAddObserver.argtypes = [
        vp,
        vp,
        NOTIFICATION_CALLBACK,
        vp,
        vp,
        ctypes.c_long,
    ]
    cf.CFNotificationCenterRemoveEveryObserver.argtypes = [vp, vp]
    cf.CFRelease.argtypes = [vp]
    cf.CFRunLoopGetMain.restype = vp
    cf.CFRunLoopAddSource.argtypes = [vp, vp, vp]
    cf.CFRunLoopRemoveSource.argtypes = [vp, vp, vp]
    iokit.IORegisterForSystemPower.argtypes = [
        vp,
        ctypes.POINTER(vp),
        POWER_CALLBACK,
        ctypes.POINTER(u32),
    ]
    iokit.IORegisterForSystemPower.restype = u32
    iokit.IONotificationPortGetRunLoopSource.argtypes = [vp]
    iokit.IONotificationPortGetRunLoopSource.restype = vp
    iokit.IOAllowPowerChange.argtypes = [u32, ctypes.c_long]
    iokit.IODeregisterForSystemPower.argtypes = [ctypes.POINTER(u32)]
    iokit.IONotificationPortDestroy.argtypes = [vp]
    iokit.IOServiceClose.argtypes = [u32]
    return cf, iokit


def _common_modes(cf: Any) -> Any:
    """CoreFoundation's ``kCFRunLoopCommonModes`` (a stand-in names its own)."""
    if isinstance(cf, ctypes.CDLL):
        return ctypes.c_void_p.in_dll(cf, "kCFRunLoopCommonModes").value
    return cf.kCFRunLoopCommonModes


class MacSessionWatch:
    """Calls ``on_locking(reason)`` when the screen locks or the machine is about to sleep.

    ``frameworks``: (CoreFoundation, IOKit), loaded by ``load_frameworks`` by default."""

    def __init__(
        self, on_locking: Callable[[str], None], frameworks: tuple[Any, Any] | None = None
    ) -> None:
        self._on_locking = on_locking
        self._cf, self._iokit = frameworks if frameworks is not None else load_frameworks()
        self.listening: list[str] = []
        # the callbacks must outlive the registrations: kept here
        self._notification_callback = NOTIFICATION_CALLBACK(self._on_screen_locked)
        self._power_callback = POWER_CALLBACK(self._on_power_message)
        self._observer = ctypes.c_int(0)  # an address that names this watch to CoreFoundation
        self._center: int | None = None
        self._root_port = 0
        self._notify_port = ctypes.c_void_p()
        self._notifier = ctypes.c_uint32()
        self._source: int | None = None
        self._listen_for_screen_lock()
        self._listen_for_sleep()

    def _listen_for_screen_lock(self) -> None:
        cf = self._cf
        center = cf.CFNotificationCenterGetDistributedCenter()
        if not center:
            log.warning("no distributed notification center")
            return
        name = cf.CFStringCreateWithCString(None, SCREEN_LOCKED.encode(), K_CF_STRING_ENCODING_UTF8)
        try:
            cf.CFNotificationCenterAddObserver(
                center,
                ctypes.addressof(self._observer),
                self._notification_callback,
                name,
                None,
                DELIVER_IMMEDIATELY,
            )
        finally:
            if name:
                cf.CFRelease(name)
        self._center = center
        self.listening.append(SCREEN_LOCKED)

    def _listen_for_sleep(self) -> None:
        iokit = self._iokit
        root = iokit.IORegisterForSystemPower(
            None,
            ctypes.byref(self._notify_port),
            self._power_callback,
            ctypes.byref(self._notifier),
        )
        if not root:
            log.warning("IORegisterForSystemPower failed: sleep is not heard")
            return
        self._root_port = int(root)
        source = iokit.IONotificationPortGetRunLoopSource(self._notify_port)
        self._cf.CFRunLoopAddSource(self._cf.CFRunLoopGetMain(), source, _common_modes(self._cf))
        self._source = source
        self.listening.append("IOKit system power")

    def _on_screen_locked(
        self, _center: Any, _observer: Any, _name: Any, _object: Any, _info: Any
    ) -> None:
        try:
            self._on_locking("the screen is locking")
        except Exception:  # never let an exception unwind into CoreFoundation
            log.exception("locking on the screen lock failed")

    def _on_power_message(
        self, _refcon: Any, _service: Any, message_type: int, argument: Any
    ) -> None:
        message_type = int(message_type) & 0xFFFFFFFF
        if message_type in (K_IO_MESSAGE_CAN_SYSTEM_SLEEP, K_IO_MESSAGE_SYSTEM_WILL_SLEEP):
            try:  # acknowledged first: macOS waits up to 30 s for an answer before sleeping
                self._iokit.IOAllowPowerChange(self._root_port, int(argument or 0))
            except Exception:
                log.exception("IOAllowPowerChange failed")
        if message_type == K_IO_MESSAGE_SYSTEM_WILL_SLEEP:
            try:
                self._on_locking("the machine is going to sleep")
            except Exception:
                log.exception("locking before sleep failed")

    def close(self) -> None:
        """Stop listening (the app quitting)."""
        if self._center is not None:
            self._cf.CFNotificationCenterRemoveEveryObserver(
                self._center, ctypes.addressof(self._observer)
            )
            self._center = None
        if self._root_port:
            if self._source is not None:
                main = self._cf.CFRunLoopGetMain()
                self._cf.CFRunLoopRemoveSource(main, self._source, _common_modes(self._cf))
                self._source = None
            self._iokit.IODeregisterForSystemPower(ctypes.byref(self._notifier))
            self._iokit.IOServiceClose(self._root_port)
            self._iokit.IONotificationPortDestroy(self._notify_port)
            self._root_port = 0
        self.listening = []
