"""The desktop app's composition root: logging, QApplication, error hooks, one instance
per journal, opening (or creating) the journal, the task runner and the main window.

``reljournal`` with no command calls ``run_app(args)`` (``args.db``, ``args.demo_if_new``).
Environment, for scripting and tests: ``RELJOURNAL_PASSPHRASE`` unlocks (or creates) a
passphrase journal without asking; ``RELJOURNAL_THEME`` forces light or dark;
``RELJOURNAL_EXIT_WHEN_SHOWN=1`` quits as soon as the main window is on screen with its
accounts (benchmarks, smoke tests).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from reljournal.ui.windows.passphrase_change import PassphraseChange, PassphraseChangeAction

log = logging.getLogger(__name__)

ENV_EXIT_WHEN_SHOWN: Final = "RELJOURNAL_EXIT_WHEN_SHOWN"
SHOWN_MARKER: Final = "RELJOURNAL_MAIN_WINDOW_SHOWN"

_QT_LEVELS: Final = {0: logging.DEBUG, 4: logging.INFO, 1: logging.WARNING, 2: logging.ERROR}


def _qt_message_handler(mode: Any, context: Any, message: str) -> None:
    level = _QT_LEVELS.get(int(getattr(mode, "value", mode)), logging.CRITICAL)
    category = getattr(context, "category", None) or "qt"
    logging.getLogger(f"qt.{category}").log(level, "%s", message)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """The app's hook for an unexpected error (``ui.errors``, loaded when one happens:
    issue 18, its dialogs' code is not needed for the first paint)."""
    from reljournal.logs import setup_logging
    from reljournal.ui.errors import excepthook

    setup_logging()
    excepthook(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.error(
        "unexpected error in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


def _journal_path(args: argparse.Namespace, settings: Any = None) -> tuple[Path, bool]:
    """The journal to open and whether the user named it (``--db``, ``RELJOURNAL_DB``).
    Else the journal opened last (if still there), else the default one."""
    from reljournal.paths import ENV_DB, default_journal_path

    db = getattr(args, "db", None)
    if db:
        return Path(db).expanduser(), True
    if os.environ.get(ENV_DB):
        return default_journal_path(), True
    default = default_journal_path()
    if settings is not None and not default.exists():
        recent = settings.recent_journals()
        if recent:
            return recent[0], False
    return default, False


def _start_path(args: argparse.Namespace, settings: Any = None) -> tuple[Path, bool]:
    """The journal a start opens (``_journal_path``), or, for ``--demo-if-new`` (`make
    run`) when there is none yet, the demo in its own file."""
    path, named = _journal_path(args, settings)
    if not named and not path.exists() and getattr(args, "demo_if_new", False):
        from reljournal.paths import demo_journal_path

        path = demo_journal_path()
    return path, named


class _SwitchRequest:
    """The window asked to open another journal (or make a new one), then closed."""

    def __init__(self, path: Path, choice: str | None) -> None:
        self.path, self.choice = path, choice


def _app_icon() -> Any:
    from PySide6.QtGui import QIcon

    from reljournal.resources import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path("icons", f"reljournal-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    svg = resource_path("icons", "reljournal.svg")
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def _since_process_start_ms() -> float | None:
    """Milliseconds since this process started (Linux: /proc), for the start-up log."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rpartition(")")[2].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return (now - ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError):
        return None


def _watch_shown(
    app: Any,
    window: Any,
    exit_when_shown: bool,
    on_shown: Callable[[], None],
    finish_start: Callable[[], None],
) -> None:
    """Log when the window is really on screen (exposed), then call ``on_shown``; quit
    then if asked to."""
    from PySide6.QtCore import QTimer

    timer = QTimer(window)

    def check() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            return
        timer.stop()
        _mark("main window on screen")
        log.info("start-up timeline (wall/GUI-thread CPU ms since run_app): %s", _timeline_text())
        rows = window.accounts.model.rowCount()
        since = _since_process_start_ms()  # issue 18: the whole start, as the user sees it
        log.info(
            "%s: %s accounts, %s platform, pid %s, %s ms after the process started, "
            "%.0f ms of CPU (%.0f on this thread)",
            SHOWN_MARKER,
            rows,
            app.platformName(),
            os.getpid(),
            "?" if since is None else f"{since:.0f}",
            time.process_time() * 1000,
            time.thread_time() * 1000,
        )
        if exit_when_shown:
            print(f"{SHOWN_MARKER} {rows}", flush=True)
        from reljournal.logs import setup_logging

        setup_logging()  # issue 18: the log file, with what the start wrote so far
        on_shown()
        if exit_when_shown:
            window.close()
        else:
            finish_start()  # issue 18: the rest of the accounts, the watch…

    timer.timeout.connect(check)
    timer.start(5)


def _upgrade_statements_later(journal: Any, runner: Any, window: Any) -> None:
    """After a classifier upgrade, read every entry again in the background (issue 15)."""
    from PySide6.QtCore import QTimer

    from reljournal.ui.work.statement_upgrade import StatementUpgrade

    upgrade = StatementUpgrade(journal, runner, window)
    upgrade.finished.connect(lambda read: window.reload_all() if read else None)
    QTimer.singleShot(0, upgrade.start)


def _install_signal_handlers(window: Any) -> None:
    """SIGTERM and SIGINT close the window (keeping a draft) instead of killing the app."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def close_and_quit() -> None:
        window.close()  # keeps a half-written entry as a draft
        QApplication.quit()  # also ends a dialog's loop, should one be open

    def handler(signum: int, _frame: Any) -> None:
        log.info("signal %s: closing", signum)
        QTimer.singleShot(0, close_and_quit)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handler)
    ticker = QTimer(window)  # lets Python run its signal handlers while Qt waits
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


# --- issue 18: start-up speed -------------------------------------------------------------
def _start_opening_early() -> None:
    """Load what opening the journal needs before Qt, and find the keychain meanwhile.

    keyring's back-end (found through entry points, then asked over D-Bus: mostly
    waiting) is looked up on a thread, while the journal layer (storage, SQLCipher,
    keyring) is imported and Qt loads; the unlock waits for it. The journal layer comes
    before Qt: once PySide6 is loaded, its import hook reads the source of every module
    imported after it, which costs more than the modules themselves."""
    global _keychain_found
    from reljournal.environment import ENV_PASSPHRASE, environment_secret

    if not environment_secret(ENV_PASSPHRASE):  # else no keychain is involved
        from reljournal.journal.keychain_lookup import start_keychain_lookup

        _keychain_found = start_keychain_lookup()
    from reljournal.journal import opening  # noqa: F401


def _quicker_pyside_import_hook() -> None:
    """PySide6 asks of every module imported after it whether its source mentions
    "PySide6" (for its ``__feature__`` switches), through ``inspect.getsource``, which
    tokenizes the whole file: about a third of the cost of importing the app's windows.
    The same question is answered here by reading the file's bytes; anything unusual (no
    file, not a .py) goes to PySide6's own check, so the answers do not change."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reljournal_quick", False):
        return

    def mod_uses_pyside(module: Any) -> bool:
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            try:
                with open(file, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    mod_uses_pyside.reljournal_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]


QUICK_ROWS: Final = 160  # accounts read for the first paint: a tall screen's list and more


def _start_first_screen(args: argparse.Namespace, settings: Any = None) -> Any:
    """Issue 18: read the first screen of the journal on a thread while Qt loads
    (``reljournal.journal.quick_start``), with the keychain's key or the passphrase the
    environment gives: for the journal named, else the default one or (with ``settings``)
    the one opened last, when it exists. None when that cannot apply; the window then
    opens the journal first, as always."""
    from reljournal.environment import ENV_PASSPHRASE, environment_secret

    if settings is None:  # before Qt: the journal named, or the default one
        path, named = _journal_path(args)
        if not named and not path.exists():
            return None  # a new journal, or the one opened last: known from the settings
    else:
        path, _named = _start_path(args, settings)
    if not path.exists():
        return None
    import datetime as dt

    from reljournal.journal.quick_start import FirstScreenReader

    passphrase = environment_secret(ENV_PASSPHRASE)  # automation's; stretched on the thread
    return FirstScreenReader(path, QUICK_ROWS, dt.date.today(), passphrase)


def _read_settings_early() -> Any:
    """The settings, read before any journal is opened, with what they say applied
    (issue 17: SQLCipher's memory protection, which then covers the first screen's
    connection too); None when they cannot be read (the usual way reads them again and
    says what is wrong)."""
    try:
        from reljournal.ui import settings as S

        settings = S.Settings()
        S.apply_memory_protection(settings.get(S.MEMORY_PROTECTION))
    except Exception:
        log.warning("the settings could not be read before the first screen", exc_info=True)
        return None
    return settings


def _first_screen_after_settings(args: argparse.Namespace, quick: Any) -> tuple[Any, Any]:
    """Issue 18: the settings read early; the first screen's thread (started before Qt,
    or now for the journal opened last, which only the settings name) told whether it
    may open its journal. (reader or None, settings or None)."""
    settings = _read_settings_early()
    if quick is None and settings is not None:
        try:
            quick = _start_first_screen(args, settings)
        except Exception:  # the usual way then meets the problem and says what it is
            quick = None
    if quick is not None:
        quick.proceed(settings is not None)
    return quick, settings


def _no_wait() -> None:
    return None


_keychain_found: Callable[[], None] = _no_wait


_timeline: list[tuple[str, float, float]] = []


def _mark(name: str) -> None:
    """A mark on the start-up timeline (logged once the window is on screen): wall time
    and the GUI thread's own CPU time at that point (the first screen's thread apart)."""
    _timeline.append((name, time.perf_counter(), time.thread_time()))


def _timeline_text() -> str:
    """ "name wall/cpu, …": milliseconds since run_app began, of the clock and of the GUI
    thread's CPU."""
    if not _timeline:
        return "-"
    start = _started[0] if _started else _timeline[0][1]
    cpu0 = _started_cpu[0] if _started_cpu else _timeline[0][2]
    return ", ".join(
        f"{name} {(at - start) * 1000:.0f}/{(cpu - cpu0) * 1000:.0f}" for name, at, cpu in _timeline
    )


_started: list[float] = []
_started_cpu: list[float] = []


class _LateParts:
    """What the first paint does not need, added once the window is on screen (issue
    18): the passphrase change (issue 17), the lock after idle minutes and on the
    session's lock (issue 17), with their menu items. Added once."""

    def __init__(self) -> None:
        self.passphrase: PassphraseChangeAction | None = None
        self.memory: Any = None  # MemoryProtectionAction once added
        self.added = False

    def add(self, app: Any, window: Any, journal: Any, settings: Any, res: _Resources) -> None:
        if self.added:
            return
        self.added = True
        from reljournal.ui import settings as S
        from reljournal.ui.windows.passphrase_change import PassphraseChangeAction

        menus = window.menus
        self.passphrase = PassphraseChangeAction(window, journal, menus.file_menu, menus.quit)
        from reljournal.ui.windows.auto_lock import AutoLock  # issue 17: lock after idle minutes

        lock = res.lock = AutoLock(app, window, journal, settings.get(S.AUTO_LOCK_MINUTES), app)
        lock.add_menu_actions(
            menus.file_menu,
            before=menus.quit,
            on_minutes_chosen=lambda minutes: settings.set(S.AUTO_LOCK_MINUTES, minutes),
        )
        from reljournal.ui.windows.memory_protection import MemoryProtectionAction

        self.memory = MemoryProtectionAction(  # issue 17: SQLCipher's memory security
            window,
            menus.file_menu,
            menus.quit,
            wanted=settings.get(S.MEMORY_PROTECTION),
            active=res.memory_protected,
            on_changed=lambda on: settings.set(S.MEMORY_PROTECTION, on),
        )
        try:  # screen locked, machine to sleep (D-Bus; Windows and macOS: their own messages)
            from reljournal.ui.windows.session_watch import SessionWatch

            SessionWatch(lock, window).session_locking.connect(lock.lock)
        except ImportError:
            log.info("no QtDBus: the app locks after idle minutes only")
        _mark("late parts added")


def _open_first_screen_journal(first: Any, settings: Any) -> Any:
    """Issue 18: open the journal the first screen was read from (its key is known)."""
    from reljournal.journal.quick_start import open_journal

    journal = open_journal(first)
    settings.set_locked_by_passphrase(journal.path, journal.is_passphrase_protected)
    settings.add_recent_journal(journal.path)
    return journal


def _opening_failed(window: Any, exc: BaseException) -> None:
    """The quick start's journal did not open after all: say why, then close."""
    from reljournal.core.errors import RelJournalError
    from reljournal.ui.errors import UnexpectedErrorDialog, log_unexpected, show_error

    if isinstance(exc, RelJournalError):
        log.warning("the journal did not open after the first screen: %s", exc.message)
        if os.environ.get(ENV_EXIT_WHEN_SHOWN) != "1":
            show_error(window, exc)
    else:
        log_unexpected(exc, "start-up")
        if os.environ.get(ENV_EXIT_WHEN_SHOWN) != "1":
            UnexpectedErrorDialog(exc).exec()
    window.close()


def _first_screen(app: Any) -> int:
    """How many accounts fill the list on the tallest window this screen allows (a
    margin over one line per font height)."""
    from PySide6.QtGui import QFontMetrics

    screen = app.primaryScreen()
    height = screen.availableGeometry().height() if screen is not None else 1200
    return max(60, height // max(1, QFontMetrics(app.font()).height()) + 20)


def run_app(args: argparse.Namespace) -> int:
    """Open the main window; return the process's exit code."""
    started = time.perf_counter()
    _started[:] = [started]
    _started_cpu[:] = [time.thread_time()]
    try:
        quick = _start_first_screen(args)  # issue 18: first of all (see there)
    except Exception:  # the usual way then meets the problem and says what it is
        quick = None
    from reljournal.logs import setup_logging

    setup_logging(deferred=True)  # issue 18: the file opens once the window is on screen
    _mark("log")
    from PySide6.QtCore import qInstallMessageHandler

    _quicker_pyside_import_hook()  # issue 18
    quick, early_settings = _first_screen_after_settings(args, quick)
    if quick is not None:
        _mark("first screen read started")
    else:
        _start_opening_early()  # issue 18: before Qt's widgets (see there)
        _mark("journal layer loaded")
    from PySide6.QtWidgets import QApplication

    from reljournal import APP_ID, APP_NAME, ORGANIZATION, __version__
    from reljournal.ui import qt_compat  # noqa: F401  (PySide6 6.12 returns of None)

    qInstallMessageHandler(_qt_message_handler)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from reljournal.ui.translations import install_translations

    install_translations(app)  # the English plural forms, then the user's language
    _mark("QApplication")
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    from reljournal.ui.work.gui_gc import GuiThreadCollector

    GuiThreadCollector(app)  # never a worker thread destroys dead widgets (issue 17 tests)

    switch: _SwitchRequest | None = None
    while True:
        resources = _Resources()
        try:
            outcome = _open_window(app, args, started, resources, switch, quick, early_settings)
            quick = early_settings = None  # a journal opened again takes the usual way
        except Exception as exc:  # start-up failed: logged and said, never a traceback
            from reljournal.logs import setup_logging
            from reljournal.ui.errors import UnexpectedErrorDialog, log_unexpected

            setup_logging()  # the file the dialog names holds the details

            log_unexpected(exc, "start-up")
            if os.environ.get(ENV_EXIT_WHEN_SHOWN) != "1":
                UnexpectedErrorDialog(exc).exec()
            return 1
        finally:
            resources.release()  # the journal is closed before any restore
        switch = None
        if isinstance(outcome, int):
            return outcome
        if isinstance(outcome, _SwitchRequest):
            switch = outcome  # the next round opens (or makes) that journal
        elif isinstance(outcome, _RestoreRequest):
            _restore(outcome)
        else:
            from reljournal.ui.windows.passphrase_change import change_passphrase

            change_passphrase(outcome)
            switch = _SwitchRequest(outcome.path, None)  # the same journal, opened again
        started = time.perf_counter()
        _started[:] = [started]  # issue 18: the next window's own timeline
        _started_cpu[:] = [time.thread_time()]
        _timeline.clear()


class _RestoreRequest:
    """The window asked to replace its journal with a backup, then closed."""

    def __init__(self, path: Path, src: Path, secret: Any) -> None:
        self.path, self.src, self.secret = path, src, secret


def _restore(request: _RestoreRequest) -> None:
    """Restore with the journal closed; say how it went (the journal then reopens)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from reljournal.core.errors import RelJournalError
    from reljournal.journal.opening import restore

    tr = QCoreApplication.translate
    try:
        result = restore(request.src, request.path, secret=request.secret)
    except RelJournalError as exc:
        log.info("restore refused: %s", exc.message)
        QMessageBox.warning(
            None,
            tr("app", "Restore from a backup"),
            tr("app", "{0}\n\nNothing was changed.").format(exc.message),
        )
        return
    kept = str(result.replaced_backup) if result.replaced_backup else "-"
    QMessageBox.information(
        None,
        tr("app", "Restore from a backup"),
        tr(
            "app", "The journal was restored from {0}.\nThe journal it replaced is kept at {1}."
        ).format(request.src, kept),
    )


class _Resources:
    """What start-up opened, released however it ends (a worker thread left running
    would keep the process alive)."""

    def __init__(self) -> None:
        self.runner: Any = None
        self.journal: Any = None
        self.guard: Any = None
        self.lock: Any = None
        self.memory_protected = False  # SQLCipher's memory security on in this process

    def release(self) -> None:
        if self.lock is not None:
            self.lock.shutdown()
        if self.runner is not None:
            self.runner.shutdown()
        if self.journal is not None:
            self.journal.close()
        if self.guard is not None:
            self.guard.close()


def _open_window(
    app: Any,
    args: argparse.Namespace,
    started: float,
    res: _Resources,
    switch: _SwitchRequest | None = None,
    quick: Any = None,
    settings: Any = None,
) -> int | _RestoreRequest | _SwitchRequest | PassphraseChange:
    """One window on one journal, until it closes. ``quick``: the first screen being
    read (issue 18), used when it is of the journal this round opens; ``settings``: the
    settings already read for it."""
    from PySide6.QtCore import QTimer

    from reljournal import APP_NAME
    from reljournal.ui import settings as S
    from reljournal.ui.single_instance import InstanceGuard
    from reljournal.ui.theme import ThemeFollower

    if settings is None:
        settings = S.Settings()
    res.memory_protected = S.apply_memory_protection(settings.get(S.MEMORY_PROTECTION))  # 17
    theme = ThemeFollower(app, settings.get(S.THEME))
    from reljournal.paths import demo_journal_path

    if switch is not None:
        path, named = switch.path, True
    else:
        path, named = _start_path(args, settings)
    guard = res.guard = InstanceGuard(path, app)
    if guard.activate_existing():
        print(f"{APP_NAME} is already open on {path}; its window was brought forward.")
        return 0
    guard.listen()
    marks = {"qt": time.perf_counter()}
    _mark("settings and instance guard")
    first = quick.result() if quick is not None and switch is None else None
    if first is not None and first.path.resolve() != path.expanduser().resolve():
        first = None  # not the journal this round opens
    _mark("first screen read" if first is not None else "no first screen")
    from reljournal.ui.windows.main_window import MainWindow

    if first is None:  # the usual way: the journal opened (or made) before the window
        from reljournal.ui.startup import open_or_create

        if app.windowIcon().isNull():  # its dialogs (passphrase, welcome) show it
            app.setWindowIcon(_app_icon())

        _keychain_found()  # issue 18: the look-up started before Qt
        _mark("keychain found")
        journal = res.journal = open_or_create(
            path,
            demo_if_new=switch is None and bool(getattr(args, "demo_if_new", False)),
            settings=settings,
            choice=switch.choice if switch is not None else None,
            # the demo goes into its own file, never into the user's (default) journal
            demo_path=None if named else demo_journal_path(),
        )
        _mark("journal open")
        if journal is None:
            log.info("no journal opened; quitting")
            return 0
        if journal.path.resolve() != path.resolve():  # the welcome's demo: its own file
            guard.close()
            guard = res.guard = InstanceGuard(journal.path, app)
            if guard.activate_existing():
                print(
                    f"{APP_NAME} is already open on {journal.path}; its window was brought forward."
                )
                return 0
            guard.listen()
        from reljournal.ui.work.tasks import TaskRunner

        runner = res.runner = TaskRunner(journal)
        # issue 18: the first screenful of accounts now, the rest once the window is on screen
        window = MainWindow(journal, runner, settings, theme=theme, first_screen=_first_screen(app))
    else:  # issue 18's quick start: the window first, its journal once it is on screen
        window = MainWindow(None, None, settings, theme=theme, first=first)
    marks["window"] = time.perf_counter()
    _mark("main window made")
    guard.activation_requested.connect(window.bring_forward)
    late = _LateParts()  # issue 18: made once the window is on screen (see there)
    exit_when_shown = os.environ.get(ENV_EXIT_WHEN_SHOWN) == "1"
    failed: list[BaseException] = []

    def attach_journal() -> bool:
        """The quick start's journal, opened with the key the first screen was read
        with, given to the window (once); False if it could not be opened."""
        if window.attached:
            return True
        if failed:
            return False
        assert first is not None
        try:
            journal = _open_first_screen_journal(first, settings)
        except Exception as exc:  # said in the user's words; the window then closes
            failed.append(exc)
            _opening_failed(window, exc)
            return False
        res.journal = journal
        from reljournal.ui.work.tasks import TaskRunner

        res.runner = TaskRunner(journal)
        window.attach(journal, res.runner)
        _mark("journal attached")
        log.info("journal attached to the window, %s", _timeline_text().rpartition(", ")[2])
        if not exit_when_shown:
            window.attach_review_later(start=True)  # brief, search…; reminder, read-ahead
        return True

    def add_late_parts() -> None:
        if app.windowIcon().isNull():  # issue 18: not needed for the first paint
            app.setWindowIcon(_app_icon())
        if not attach_journal():
            return
        added_now = not late.added
        late.add(app, window, window.journal, settings, res)
        if added_now and not exit_when_shown:  # issue 18: these too once on screen
            QTimer.singleShot(0, window.offer_drafts)
            _upgrade_statements_later(window.journal, window.runner, window)

    def finish_start() -> None:
        if attach_journal():
            window.finish_start()

    _install_signal_handlers(window)
    window.show()
    _watch_shown(app, window, exit_when_shown, add_late_parts, finish_start)
    if not exit_when_shown:  # issue 18: should the window never be exposed (minimised)
        QTimer.singleShot(3000, window, add_late_parts)
        QTimer.singleShot(3000, window, finish_start)
    if not exit_when_shown and first is None:
        window.attach_review_later(start=True)  # brief, search…; reminder, read-ahead
    log.info(
        "start-up: %.0f ms in run_app (Qt and settings %.0f, window %.0f)",
        (time.perf_counter() - started) * 1000,
        (marks["qt"] - started) * 1000,
        (marks["window"] - marks["qt"]) * 1000,
    )
    code = app.exec()
    log.info("quit with code %s", code)
    if not window.attached:  # issue 18: its journal could not be opened (said)
        return 1 if code == 0 else int(code)
    switch_to = getattr(window, "pending_switch", None)
    if switch_to is not None:
        return _SwitchRequest(Path(switch_to[0]), switch_to[1])
    pending = getattr(window, "pending_restore", None)
    if pending is not None:
        return _RestoreRequest(window.journal.path, Path(pending), window.journal.secret)
    if late.passphrase is not None and late.passphrase.pending is not None:  # issue 17
        return late.passphrase.pending  # changed with the journal closed
    return int(code)
