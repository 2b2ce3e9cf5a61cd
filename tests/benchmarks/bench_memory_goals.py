"""The speed goals with SQLCipher's memory security off and on (issue 17, round 4).

Runs benchmark modules of ``run.py`` (by default bench_cli, bench_review and bench_gui:
search from the command line with a keychain, search as you type, the dashboard, the
window's start-up, selecting an account, typing in the filter) in fresh processes with
``RELJOURNAL_MEMORY_SECURITY=0`` and ``=1`` by turns (each module's own runs are
interleaved inside it), ``--rounds`` times each, and prints the median of every figure
off and on beside its goal.

    python tests/benchmarks/bench_memory_goals.py [--rounds 3] [--only bench_cli] [--quick]
        [--no-ipc-lock] [--memlock BYTES]

``--no-ipc-lock``: when run as root, the children run without ``CAP_IPC_LOCK`` (as a
desktop user does, whose ``mlock`` is bounded by ``RLIMIT_MEMLOCK``), through setpriv;
``--memlock BYTES``: that limit for the children (prlimit); 0 with ``--no-ipc-lock`` makes
every ``mlock`` fail at once, leaving the wiping alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("bench_cli", "bench_review", "bench_gui")
SETTINGS = {"off": "0", "on": "1"}


def _once(
    module: str, setting: str, quick: bool, no_ipc_lock: bool, memlock: int | None
) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "figures.json"
        command = [sys.executable, str(ROOT / "tests/benchmarks/run.py"), "--only", module]
        command += ["--json", str(out)] + (["--quick"] if quick else [])
        if no_ipc_lock and os.geteuid() == 0 and shutil.which("setpriv"):
            drop = ["setpriv", "--inh-caps", "-ipc_lock", "--bounding-set", "-ipc_lock"]
            command = drop + command
        if memlock is not None:  # RLIMIT_MEMLOCK for the child, in bytes (prlimit)
            command = ["prlimit", f"--memlock={memlock}:{memlock}", *command]
        env = dict(os.environ, RELJOURNAL_MEMORY_SECURITY=SETTINGS[setting])
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"{module} ({setting}) failed:\n{result.stdout[-2000:]}")
        figures: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
        return figures


def measure(
    modules: list[str], rounds: int, quick: bool, no_ipc_lock: bool, memlock: int | None = None
) -> dict[str, dict[str, dict[str, Any]]]:
    """{figure name: {"off"/"on": {"value": median, "goal", "unit"}}}."""
    values: dict[str, dict[str, list[float]]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for r in range(rounds):
        order = list(SETTINGS) if r % 2 == 0 else list(reversed(SETTINGS))
        for module in modules:
            for setting in order:
                for f in _once(module, setting, quick, no_ipc_lock, memlock):
                    name = f"{module}: {f['name']}"
                    values.setdefault(name, {"off": [], "on": []})[setting].append(f["value"])
                    meta[name] = {"goal": f["goal"], "unit": f["unit"]}
    return {
        name: {
            setting: {"value": statistics.median(v), **meta[name]}
            for setting, v in by_setting.items()
            if v
        }
        for name, by_setting in values.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", action="append", choices=MODULES)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-ipc-lock", action="store_true")
    parser.add_argument("--memlock", type=int, help="RLIMIT_MEMLOCK of the children (bytes)")
    args = parser.parse_args()
    measured = measure(
        list(args.only or MODULES), args.rounds, args.quick, args.no_ipc_lock, args.memlock
    )
    missed = False
    print(f"{'figure':<88} {'off':>9} {'on':>9}  goal")
    for name, by_setting in measured.items():
        off, on = by_setting.get("off"), by_setting.get("on")
        if off is None or on is None:
            continue
        goal = on["goal"]
        verdict = ""
        if goal is not None:
            ok = on["value"] <= goal
            verdict = "ok" if ok else "MISSED with it on"
            missed |= not ok
        goal_text = "" if goal is None else f"{goal} {on['unit']}"
        print(f"{name[:88]:<88} {off['value']:>9.2f} {on['value']:>9.2f}  {goal_text} {verdict}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
