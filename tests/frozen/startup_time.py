"""Start-to-main-window time of the frozen app against the app run from source.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/frozen/startup_time.py \\
        [--runs 5] [--frozen dist/RelJournal/RelJournal] [--also NAME=PATH ...]

Both open the same demo journal (made once, passphrase mode) and quit as soon as the main
window is exposed with its accounts (``RELJOURNAL_EXIT_WHEN_SHOWN=1``); the time is from
starting the process to the app's ``RELJOURNAL_MAIN_WINDOW_SHOWN`` line. Runs alternate
(one warm-up each first); prints the median of each and the ratio. A measurement, not a
test: CI does not run it. ``--also before=build/before/dist/RelJournal/RelJournal`` adds
another frozen build to the same interleaved run (e.g. the bundle before a change).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = "RELJOURNAL_MAIN_WINDOW_SHOWN"


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(MARKER):
            elapsed = time.perf_counter() - started
            proc.wait(30)
            return elapsed
    raise RuntimeError(f"{command[0]} exited with {proc.wait()} before its window was shown")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frozen", default=str(ROOT / "dist" / "RelJournal" / "RelJournal"))
    parser.add_argument("--accounts", type=int, default=30)
    parser.add_argument(
        "--also", action="append", default=[], metavar="NAME=PATH", help="another frozen app"
    )
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        parser.error("run it under xvfb-run (or on a desktop)")
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELJOURNAL_")}
        env |= {
            "RELJOURNAL_DATA_DIR": str(Path(folder) / "data"),
            "RELJOURNAL_CONFIG_DIR": str(Path(folder) / "config"),
            "RELJOURNAL_PASSPHRASE": "startup timing",
            "QT_QPA_PLATFORM": "xcb",
        }
        subprocess.run(
            [sys.executable, "-m", "reljournal", "demo", "--accounts", str(args.accounts)],
            env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        env["RELJOURNAL_EXIT_WHEN_SHOWN"] = "1"
        commands = {
            "source": [sys.executable, "-m", "reljournal"],
            "frozen": [args.frozen],
        }
        for extra in args.also:
            name, _, path = extra.partition("=")
            commands[name] = [path]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            time_to_window(command, env)  # warm-up: page cache, font cache
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_to_window(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:<6} median {medians[name]:.2f} s  (runs: {runs})")
    for name in list(commands)[1:]:
        print(f"{name} / source = {medians[name] / medians['source']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
