"""``reljournal --self-check``: does this installation work? (frozen or from source)

A diagnostic for a user or their IT after installing, not a test suite. It works in a
throw-away folder and never touches the user's journal: it opens a new encrypted journal
there (passphrase mode), imports the bundled demo, classifies, searches, writes a PDF
brief and opens and closes the main window. It also checks that keyring finds its
back-ends (a frozen app loses them without their package metadata) and that the keychain
works, or that its absence leads to a passphrase.

One line per step, ``OK|FAIL|SKIP step — detail``; exit code 0 only if no step failed.
A step whose code is not in this build yet says ``SKIP (not in this build)``.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import secrets
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reljournal import APP_NAME, __version__

log = logging.getLogger(__name__)

OK, FAIL, SKIP = "OK", "FAIL", "SKIP"
DEMO_ACCOUNTS = 8
NOT_IN_BUILD = "not in this build"


class Skipped(Exception):
    """A step that cannot run here; its message says why."""


@dataclass
class Context:
    """What the steps share: the throw-away folder and the journal they fill."""

    folder: Path
    journal: Any = None
    account_ids: list[int] = field(default_factory=list)
    app: Any = None


def _optional(module: str) -> Any:
    """Import a module that a later issue may not have delivered yet, or skip the step."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise Skipped(f"{NOT_IN_BUILD}: {module}") from exc
        raise


def _needs_accounts(ctx: Context) -> None:
    if ctx.journal is None:
        raise Skipped("no journal (an earlier step did not run)")
    if not ctx.account_ids:
        raise Skipped("no demo accounts (an earlier step did not run)")


def check_resources(ctx: Context) -> str:
    from reljournal.resources import load_json_resource, resource_path, resources_dir

    questions = load_json_resource("questions.json")["questions"]
    icon = resource_path("icons", "reljournal.svg")
    return f"{resources_dir()} ({len(questions)} questions, icon {'found' if icon.is_file() else 'MISSING'})"


def check_keyring(ctx: Context) -> str:
    import keyring
    from keyring.compat.py312 import metadata

    found = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
    if not found:
        raise RuntimeError("keyring found no back-ends: its package metadata is missing")
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return f"back-ends {', '.join(found)}; in use: {name}"


def check_keychain(ctx: Context) -> str:
    from reljournal.core.errors import KeychainError
    from reljournal.journal import opening

    path = ctx.folder / "keychain-check.db"
    if not opening.keychain_available():
        env = opening.ENV_NO_KEYCHAIN
        why = f"{env} is set" if os.environ.get(env) else "none usable"
        try:
            opening.create(path).close()
        except KeychainError:
            return f"no keychain here ({why}); journals are protected by a passphrase"
        raise RuntimeError("no keychain, yet a journal was created without a passphrase")
    try:
        opening.create(path).close()
        opening.unlock(path).close()
    finally:
        opening.forget_keychain_entry(path)
    return "a journal key was stored in the keychain, read back and removed"


def check_journal(ctx: Context) -> str:
    from reljournal.journal import opening

    path = ctx.folder / "journal.db"
    ctx.journal = opening.create(path, passphrase=secrets.token_urlsafe(16))
    version = ctx.journal.checkpoint_and_cipher_version()
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise RuntimeError(f"{path} is not encrypted")
    cipher = f"SQLCipher {version}" if version else "SQLCipher"
    return f"new journal encrypted with {cipher} in {ctx.folder}"


def check_demo(ctx: Context) -> str:
    demo = _optional("reljournal.demo.generator")
    from reljournal.core.formats.interchange import parse_document

    if ctx.journal is None:
        raise Skipped("no journal (an earlier step did not run)")
    doc = parse_document(demo.build_demo_document(accounts=DEMO_ACCOUNTS, seed=7))
    summary = ctx.journal.import_document(doc)
    ctx.account_ids = sorted(summary.touched_account_ids)
    if summary.accounts_created != DEMO_ACCOUNTS:
        raise RuntimeError(
            f"{summary.accounts_created} accounts imported, {DEMO_ACCOUNTS} expected"
        )
    return f"{summary.accounts_created} accounts, {summary.entries_created} entries imported"


def check_classify(ctx: Context) -> str:
    _optional("reljournal.core.classify.classifier")
    _needs_accounts(ctx)
    results = ctx.journal.reclassify(ctx.account_ids)
    if len(results) != len(ctx.account_ids):
        raise RuntimeError(f"{len(results)} of {len(ctx.account_ids)} accounts classified")
    labels = Counter(result.label for result in results.values())
    return f"{len(results)} accounts: " + ", ".join(f"{n} {k}" for k, n in sorted(labels.items()))


def check_search(ctx: Context) -> str:
    _needs_accounts(ctx)
    name = ctx.journal.account(ctx.account_ids[0]).name
    hits = ctx.journal.search(name)
    if not any(h.kind == "account" and h.account_id == ctx.account_ids[0] for h in hits):
        raise RuntimeError(f"searching for {name!r} did not find that account")
    return f"{name!r} found ({len(hits)} hits)"


def _qt_application(ctx: Context) -> Any:
    """The Qt application (offscreen where there is no display)."""
    if ctx.app is None:
        if (
            sys.platform.startswith("linux")
            and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        ctx.app = QApplication.instance()
        if ctx.app is None:  # our own process: Qt's warnings go to the log, not the report
            qInstallMessageHandler(_qt_message_to_log)
            ctx.app = QApplication([APP_NAME])
    return ctx.app


def _qt_message_to_log(mode: Any, context: Any, message: str) -> None:
    """Qt's own warnings go to the log file."""
    logging.getLogger("qt").info("%s", message)


def check_pdf_brief(ctx: Context) -> str:
    _optional("reljournal.core.brief.build")
    _needs_accounts(ctx)
    _qt_application(ctx)
    brief = ctx.journal.brief(ctx.account_ids[0])
    path = ctx.folder / "brief.pdf"
    try:
        pdf_export = importlib.import_module("reljournal.printing.brief_pdf")
    except ModuleNotFoundError:
        pdf_export = None
    if pdf_export is not None:
        from reljournal.journal.transfer import write_private_file

        write_private_file(path, pdf_export.brief_pdf(brief))
        how = "the app's PDF export"
    else:
        from PySide6.QtGui import QPdfWriter, QTextDocument

        from reljournal.core.brief.html import render_html

        doc = QTextDocument()
        doc.setHtml(render_html(brief))
        writer = QPdfWriter(str(path))
        doc.print_(writer)
        del writer
        how = "QTextDocument"
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise RuntimeError(f"{path} is not a PDF ({len(data)} bytes)")
    return f"{len(data) // 1024} KB brief of {brief.account_name!r} via {how}"


def check_main_window(ctx: Context) -> str:
    main_window = _optional("reljournal.ui.windows.main_window")
    from reljournal.ui.settings import Settings
    from reljournal.ui.work.tasks import TaskRunner

    if ctx.journal is None:
        raise Skipped("no journal (an earlier step did not run)")
    app = _qt_application(ctx)
    journal = ctx.journal
    runner = TaskRunner(journal)
    # Its own settings file: the user's window layout stays as it was.
    window = main_window.MainWindow(journal, runner, Settings(ctx.folder / "settings.ini"))
    try:
        window.show()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _window_ready(window, len(ctx.account_ids)):
            app.processEvents()
            time.sleep(0.01)
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            raise RuntimeError("the main window did not appear")
        rows = window.accounts.model.rowCount()
        if rows != len(ctx.account_ids):
            raise RuntimeError(f"the window lists {rows} of {len(ctx.account_ids)} accounts")
        title = window.windowTitle()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        runner.shutdown()
    return f"{title!r} showed {rows} accounts on the {app.platformName()} platform, then closed"


def _window_ready(window: Any, accounts: int) -> bool:
    handle = window.windowHandle()
    exposed = handle is not None and handle.isExposed()
    return exposed and window.accounts.model.rowCount() >= accounts


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("resources", check_resources),
    ("keyring", check_keyring),
    ("keychain", check_keychain),
    ("journal", check_journal),
    ("demo", check_demo),
    ("classify", check_classify),
    ("search", check_search),
    ("pdf brief", check_pdf_brief),
    ("main window", check_main_window),
)


def _output() -> tuple[TextIO, Path | None]:
    """Where the report goes: stdout, else (a windowed app on Windows) the parent's
    console, else a file in the data directory."""
    if sys.stdout is not None:
        return sys.stdout, None
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # type: ignore[attr-defined]
            return open("CONOUT$", "w", encoding="utf-8"), None  # noqa: SIM115
    from reljournal.journal.opening import data_dir
    from reljournal.paths import make_private_folder

    path = make_private_folder(data_dir(), tighten=True) / "self-check.txt"
    return path.open("w", encoding="utf-8"), path


def run_steps(ctx: Context, out: TextIO) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            status, detail = OK, step(ctx)
        except Skipped as exc:
            status, detail = SKIP, str(exc)
        except Exception as exc:  # every failure is reported, then the next step runs
            log.exception("self-check step %s failed", name)
            status, detail = FAIL, f"{type(exc).__name__}: {exc}"
        if status == OK:
            detail += f" ({time.perf_counter() - started:.1f} s)"
        counts[status] += 1
        print(f"{status:<4} {name} — {detail}", file=out, flush=True)
    return counts


def run_self_check() -> int:
    """Run every step, print one line each; 0 if none failed, else 1."""
    out, report_file = _output()
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(
        f"{APP_NAME} {__version__} self-check ({frozen}, Python {sys.version.split()[0]})",
        file=out,
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="reljournal-selfcheck-") as folder:
        ctx = Context(folder=Path(folder))
        try:
            counts = run_steps(ctx, out)
        finally:
            if ctx.journal is not None:
                with contextlib.suppress(Exception):
                    ctx.journal.close()
    print(f"{counts[OK]} OK, {counts[FAIL]} FAIL, {counts[SKIP]} SKIP", file=out, flush=True)
    if report_file is not None:
        out.close()
    return 1 if counts[FAIL] else 0
