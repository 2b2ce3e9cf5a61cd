"""Shared pieces of the benchmarks: the cached benchmark journal and figure records."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = "benchmark journal passphrase"
FULL = {"accounts": 2000, "entries": 100_000}
QUICK = {"accounts": 200, "entries": 10_000}


def figure(
    name: str,
    value: float,
    unit: str,
    goal: float | None,
    *,
    lower_is_better: bool = True,
    note: str = "",
) -> dict[str, Any]:
    ok = None if goal is None else (value <= goal if lower_is_better else value >= goal)
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "goal": goal,
        "ok": ok,
        "note": note,
    }


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["RELJOURNAL_PASSPHRASE"] = PASSPHRASE
    env["RELJOURNAL_NO_KEYCHAIN"] = "1"
    env.setdefault("RELJOURNAL_DATA_DIR", str(CACHE / "data"))
    # an installed app has its bytecode (pip compiles it): without it every start would
    # compile the app's modules again; the warm-up runs write it (issue 18)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def benchmark_journal(quick: bool) -> Path:
    """The benchmark journal, built once with `reljournal demo` and cached."""
    size = QUICK if quick else FULL
    path = CACHE / f"bench-{size['accounts']}-{size['entries']}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    print(f"building the benchmark journal {path.name} (once)…", file=sys.stderr)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reljournal",
            "demo",
            "--accounts",
            str(size["accounts"]),
            "--entries",
            str(size["entries"]),
            "--db",
            str(partial),
        ],
        check=True,
        env=bench_env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    os.replace(partial, path)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path


def open_journal(path: Path) -> Any:
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"
    from reljournal.store.opening import unlock_journal

    return unlock_journal(path, passphrase=PASSPHRASE)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000
