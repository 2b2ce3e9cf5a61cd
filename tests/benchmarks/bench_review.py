"""Review figures (issue 5): the brief, search as you type, the dashboard, the PDF brief.

Run with `python tests/benchmarks/run.py --only bench_review` (offscreen Qt).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import figure, open_journal
from tests.helpers.facade import facade

QUERIES = ("quarterly review", "price", "roadmap", "müller", "lunch")


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench_review"])


def _wait(app: Any, signal: Any, timeout: float = 10.0) -> float:
    """Process events until ``signal`` fires; return the moment it fired."""
    fired: list[float] = []
    signal.connect(lambda *args: fired.append(time.perf_counter()))
    deadline = time.perf_counter() + timeout
    while not fired and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    if not fired:
        raise TimeoutError("the view never showed its data")
    return fired[0]


def _bench_brief(app: Any, access: Any, account_id: int, runs: int) -> float:
    from reljournal.ui.views.brief_view import BriefView

    view = BriefView(access)
    view.resize(1200, 800)
    view.show()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        view.show_account(account_id)
        view.grab()  # lay out and paint everything
        samples.append(time.perf_counter() - start)
    view.close()
    view.deleteLater()
    return statistics.median(samples) * 1000


def _bench_search(app: Any, access: Any) -> tuple[float, float]:
    from reljournal.ui.dialogs.search_dialog import SearchDialog

    dialog = SearchDialog(access)
    dialog.show()
    latencies = []
    for query in QUERIES * 2:
        dialog.field.clear()
        app.processEvents()
        shown: list[float] = []
        dialog.results_shown.connect(
            lambda q, n, query=query, shown=shown: (
                shown.append(time.perf_counter()) if q == query else None
            )
        )
        for i in range(1, len(query) + 1):  # one keystroke every 30 ms
            dialog.field.setText(query[:i])
            last_key = time.perf_counter()
            until = last_key + 0.03
            while time.perf_counter() < until and i < len(query):
                app.processEvents()
        deadline = time.perf_counter() + 5
        while not shown and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)
        latencies.append(shown[-1] - last_key)
        dialog.results_shown.disconnect()
    dialog.shutdown()
    dialog.close()
    dialog.deleteLater()
    return statistics.median(latencies) * 1000, max(latencies) * 1000


def _bench_dashboard(app: Any, access: Any) -> tuple[float, float, float, int]:
    from reljournal.ui.views.dashboard import DashboardView

    start = time.perf_counter()
    view = DashboardView(access)
    view.resize(1280, 800)
    view.show()  # reads the portfolio on a new reader connection
    _wait(app, view.portfolio_shown)
    view.grab()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    view.refresh(force=True)  # read everything again
    _wait(app, view.portfolio_shown)
    view.grab()
    reread = time.perf_counter() - start
    view.hide()  # the main window keeps the view and reads ahead at start-up
    app.processEvents()
    start = time.perf_counter()
    view.show()  # Ctrl+D: the journal has not changed since the read-ahead
    _wait(app, view.portfolio_shown)
    view.grab()
    reopened = time.perf_counter() - start
    points = len(view.chart.points())
    view.shutdown()
    view.close()
    view.deleteLater()
    return cold * 1000, reread * 1000, reopened * 1000, points


def _bench_pdf(db: Any, account_id: int, runs: int) -> float:
    from reljournal.printing.brief_pdf import brief_pdf
    from reljournal.store.brief_data import load_brief

    samples = []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(runs):
            start = time.perf_counter()
            (Path(folder) / f"brief{i}.pdf").write_bytes(brief_pdf(load_brief(db, account_id)))
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _bench_reader_connection(access: Any) -> float:
    """A worker thread's first use of the journal: its own connection, opened and closed."""
    import threading

    elapsed: list[float] = []

    def open_and_close() -> None:
        start = time.perf_counter()
        access.prepare_reader_thread()
        access.close_thread_connection()
        elapsed.append((time.perf_counter() - start) * 1000)

    worker = threading.Thread(target=open_and_close)
    worker.start()
    worker.join()
    return elapsed[0]


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.store.classifications import default_cues

    app = _app()
    default_cues()  # loaded once per process by the app; not part of these figures
    journal = open_journal(journal_path)
    try:
        access = facade(journal)
        account_id, entries = journal.db.execute(
            "SELECT account_id, count(*) AS n FROM entries WHERE account_id IS NOT NULL "
            "GROUP BY account_id ORDER BY n DESC LIMIT 1"
        ).fetchone()
        runs = 5 if quick else 15
        brief_ms = _bench_brief(app, access, account_id, runs)
        search_median, search_max = _bench_search(app, access)
        cold, reread, reopened, points = _bench_dashboard(app, access)
        pdf_s = _bench_pdf(journal.db, account_id, 3 if quick else 5)
        connect_ms = _bench_reader_connection(access)
    finally:
        journal.close()
    return [
        figure(
            f"brief of an account with {entries:,} entries shown, median", brief_ms, "ms", 150.0
        ),
        figure("search results after the last keystroke, median", search_median, "ms", 100.0),
        figure("search results after the last keystroke, worst of 10", search_max, "ms", None),
        figure(
            f"dashboard with {points:,} points opened (new reader connection)", cold, "ms", 500.0
        ),
        figure(f"dashboard with {points:,} points read again (Refresh)", reread, "ms", 500.0),
        figure(
            f"dashboard with {points:,} points opened after the start-up read-ahead",
            reopened,
            "ms",
            500.0,
        ),
        figure("a reader connection opened (passphrase: key derivation)", connect_ms, "ms", None),
        figure(f"one-page PDF brief ({entries:,} entries) written, median", pdf_s, "s", 1.0),
    ]
