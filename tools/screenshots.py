"""Screenshots of the desktop app on the demo journal, light and dark, at given sizes.

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python tools/screenshots.py OUT_DIR [--sizes 1280x800,1920x1080]

Builds the demo journal once (cached in OUT_DIR/demo.db, passphrase-locked), then for
each theme and size saves the main window (timeline, brief), the Due list, the search
dialog and the dashboard as PNG files named ``<view>-<theme>-<w>x<h>.png``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

PASSPHRASE = "screenshots passphrase"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default="1280x800,1920x1080")
    parser.add_argument("--themes", default="light,dark")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RELJOURNAL_DATA_DIR", str(out / "data"))
    os.environ.setdefault("RELJOURNAL_CONFIG_DIR", str(out / "config"))
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"

    from PySide6.QtWidgets import QApplication  # noqa: TID251  (a UI tool)

    from reljournal.journal import opening
    from reljournal.ui import qt_compat  # noqa: F401
    from reljournal.ui.translations import install_translations

    app = QApplication(sys.argv[:1])
    install_translations(app)
    path = out / "demo.db"
    if not path.exists():
        opening.create_demo(
            path,
            accounts=30,
            entries=None,
            seed=7,
            create_journal=lambda p: opening.create(p, passphrase=PASSPHRASE),
            open_existing=lambda: opening.unlock(path, passphrase=PASSPHRASE),
        )
    from reljournal.ui import settings as S
    from reljournal.ui.theme import ThemeFollower
    from reljournal.ui.windows.main_window import MainWindow
    from reljournal.ui.work.tasks import TaskRunner

    journal = opening.unlock(path, passphrase=PASSPHRASE)
    runner = TaskRunner(journal, synchronous=True)
    today = dt.date.today()
    for theme in args.themes.split(","):
        ThemeFollower(app, theme)
        for size in args.sizes.split(","):
            w, h = (int(x) for x in size.split("x"))
            settings = S.Settings(out / f"settings-{theme}-{size}.ini")
            window = MainWindow(journal, runner, settings, today=today)
            window.resize(w, h)
            window.show()
            # Undo enabled (as after an edit), to see its arrow; Redo stays disabled
            window.menus.show_history("new entry", "")
            view = window.account_view.timeline_view
            view.setCurrentIndex(window.account_view.timeline.index(0, 0))  # the preview
            _settle(app)
            tag = f"{theme}-{w}x{h}"
            window.grab().save(str(out / f"main-{tag}.png"))
            window.show_brief()
            _settle(app)
            window.grab().save(str(out / f"brief-{tag}.png"))
            hub = window.review
            hub.show_due()
            hub.due.resize(w * 2 // 3, h * 2 // 3)
            _settle(app)
            hub.due.grab().save(str(out / f"due-{tag}.png"))
            hub.due.close()
            search = hub.open_search()
            search.field.setText("price")
            search.resize(w * 2 // 3, h * 2 // 3)
            _settle(app, 1500)
            search.grab().save(str(out / f"search-{tag}.png"))
            search.close()
            hub.toggle_dashboard()
            hub.dashboard.resize(w * 2 // 3, h * 2 // 3)
            _settle(app, 1500)
            hub.dashboard.grab().save(str(out / f"dashboard-{tag}.png"))
            hub.dashboard.close()
            entry = window.open_quick_entry()  # at the size the app gives it at first
            line = entry.commitments.lines[0]
            line.text.setText("Send the signed quote and the delivery schedule")
            line.due.setText("next week")  # its preview beside it
            _settle(app)
            entry.grab().save(str(out / f"entry-{tag}.png"))
            entry.keep_draft_and_close()
            hub.shutdown()
            window.close()
            window.deleteLater()
            _settle(app)
    runner.shutdown()
    journal.close()
    print(f"screenshots in {out}")
    return 0


def _settle(app: object, ms: int = 600) -> None:
    from PySide6.QtCore import QEventLoop, QTimer  # noqa: TID251

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


if __name__ == "__main__":
    raise SystemExit(main())
