"""The command line from outside the process: ``reljournal --version`` and ``reljournal
search WORD`` on the benchmark journal against a bare ``python -c pass``, run by turns
(interleaved, after one warm-up of each), the median of each and its ratio to the bare run.

    python tests/benchmarks/bench_cli.py [--runs 9] [--quick] [--word renewal]

(or through ``tests/benchmarks/run.py --only bench_cli``). Every time is process start to
exit, with the same interpreter; ``reljournal`` is the installed console script beside
it (``python -m reljournal`` where there is none). The benchmark journal opens in
passphrase mode (``RELJOURNAL_PASSPHRASE``), so ``search`` includes SQLCipher's key
derivation, which a keychain-held raw key skips.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import bench_env, benchmark_journal, figure  # noqa: E402

RUNS = 7
VERSION_GOAL = 2.0  # `reljournal --version` within 2x `python -c pass` (issue 18)


def reljournal_command() -> list[str]:
    script = Path(sys.executable).parent / "reljournal"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reljournal"]


def commands(journal: Path, word: str) -> dict[str, list[str]]:
    tool = reljournal_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "reljournal --version": [*tool, "--version"],
        "reljournal --help": [*tool, "--help"],
        f"reljournal search {word}": [*tool, "search", word, "--db", str(journal)],
    }


def _once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed: {result.stderr.decode(errors='replace')}")
    return elapsed


def measure(journal: Path, word: str, runs: int) -> dict[str, float]:
    """Median seconds per command, the commands taken by turns ``runs`` times."""
    env = bench_env()
    todo = commands(journal, word)
    for command in todo.values():  # warm-up: page cache, .pyc files
        _once(command, env)
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs):
        for name, command in todo.items():
            times[name].append(_once(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float]) -> list[dict[str, Any]]:
    names = list(medians)
    bare = medians[names[0]]
    version, help_, search = (medians[n] for n in names[1:])
    return [
        figure("python -c pass", bare * 1000, "ms", None),
        figure(
            "reljournal --version / python -c pass",
            version / bare,
            "x",
            VERSION_GOAL,
            note=f"{version * 1000:.0f} ms",
        ),
        figure(
            "reljournal --help / python -c pass",
            help_ / bare,
            "x",
            None,
            note=f"{help_ * 1000:.0f} ms (loads every command module to list the commands)",
        ),
        figure(
            f"{names[3]} / python -c pass",
            search / bare,
            "x",
            None,
            note=f"{search * 1000:.0f} ms, passphrase mode (key derivation included)",
        ),
    ]


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    return report(measure(journal_path, "renewal", 5 if quick else RUNS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"default {RUNS} (at least 5)")
    parser.add_argument("--quick", action="store_true", help="the small benchmark journal")
    parser.add_argument("--word", default="renewal", help="what to search for")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("use at least 5 runs")
    figures = report(measure(benchmark_journal(args.quick), args.word, args.runs))
    for f in figures:
        goal = "" if f["goal"] is None else f"  goal <= {f['goal']}{f['unit']}"
        verdict = {True: "  ok", False: "  OVER", None: ""}[f["ok"]]
        print(f"{f['name']:<48} {f['value']:>9.2f} {f['unit']}{goal}{verdict}  {f['note']}")
    return 0 if all(f["ok"] is not False for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
