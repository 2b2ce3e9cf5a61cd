"""The command line from outside the process: ``reljournal --version``, ``--help`` and
``reljournal search WORD`` on the benchmark journal against a bare ``python -c pass``, run
by turns (interleaved, after one warm-up of each), the median of each and its ratio to
the bare run.

    python tests/benchmarks/bench_cli.py [--runs 9] [--quick] [--word renewal] [--before DIR]

(or through ``tests/benchmarks/run.py --only bench_cli``). Every time is process start to
exit, with the same interpreter (``python -m reljournal``, run from the checkout it
measures). ``search`` runs twice: on a copy of the benchmark journal whose key is in a real
keychain (GNOME Keyring's Secret Service on a private D-Bus, started here, see
keychain.py), and in passphrase mode (``RELJOURNAL_PASSPHRASE``: SQLCipher's key
derivation included). ``--before DIR`` (or ``RELJOURNAL_BENCH_BEFORE``): a checkout of the
app as it was, measured in the same interleaved runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks import keychain  # noqa: E402
from tests.benchmarks.common import bench_env, benchmark_journal, figure  # noqa: E402

RUNS = 7
VERSION_GOAL = 2.0  # `reljournal --version` within 2x `python -c pass` (issue 18)
SEARCH_GOAL_MS = 300.0  # `reljournal search WORD` with a keychain, end to end (issue 18)


Command = tuple[list[str], dict[str, str], Path]  # argv, environment, working directory


def commands(
    journal: Path,
    key_journal: Path,
    word: str,
    env: dict[str, str],
    key_env: dict[str, str],
    before: Path | None,
    frozen: Path | None = None,
) -> dict[str, Command]:
    todo: dict[str, Command] = {"python -c pass": ([sys.executable, "-c", "pass"], env, ROOT)}
    source = [sys.executable, "-m", "reljournal"]
    roots: dict[str, tuple[list[str], Path]] = {"": (source, ROOT)}
    if before is not None:
        roots[" (before)"] = (source, before)
    if frozen is not None:
        roots[" (frozen)"] = ([str(frozen)], ROOT)
    for tag, (tool, root) in roots.items():
        todo |= {
            f"reljournal --version{tag}": ([*tool, "--version"], env, root),
            f"reljournal --help{tag}": ([*tool, "--help"], env, root),
            f"reljournal search {word}, keychain{tag}": (
                [*tool, "search", word, "--db", str(key_journal)],
                key_env,
                root,
            ),
            f"reljournal search {word}, passphrase{tag}": (
                [*tool, "search", word, "--db", str(journal)],
                env,
                root,
            ),
        }
    return todo


def _once(command: Command) -> float:
    argv, env, cwd = command
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, cwd=cwd, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{argv} failed: {result.stderr.decode(errors='replace')}")
    return elapsed


def measure(
    journal: Path, word: str, runs: int, before: Path | None, frozen: Path | None = None
) -> dict[str, float]:
    """Median seconds per command, the commands taken by turns ``runs`` times."""
    env = bench_env()
    with keychain.secret_service() as bus:
        key_journal = keychain.keychain_journal(journal, bus)
        key_env = keychain.keychain_env(env, bus)
        todo = commands(journal, key_journal, word, env, key_env, before, frozen)
        for command in todo.values():  # warm-up: page cache, .pyc files
            _once(command)
        times: dict[str, list[float]] = {name: [] for name in todo}
        order = list(todo)
        shuffle = random.Random(18).shuffle  # a new order each round: no place is favoured
        for _ in range(runs):
            shuffle(order)
            for name in order:
                times[name].append(_once(todo[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float]) -> list[dict[str, Any]]:
    bare = medians["python -c pass"]
    figures = [figure("python -c pass", bare * 1000, "ms", None)]
    for name, seconds in medians.items():
        if name == "python -c pass":
            continue
        after = "(before)" not in name and "(frozen)" not in name
        goal = None
        if after and name.endswith("--version"):
            goal = VERSION_GOAL
        figures.append(
            figure(
                f"{name} / python -c pass",
                seconds / bare,
                "x",
                goal,
                note=f"{seconds * 1000:.0f} ms",
            )
        )
        if after and "keychain" in name:
            figures.append(figure(f"{name}, end to end", seconds * 1000, "ms", SEARCH_GOAL_MS))
    return figures


def run(journal_path: Path, quick: bool, before: Path | None = None) -> list[dict[str, Any]]:
    if before is None and os.environ.get("RELJOURNAL_BENCH_BEFORE"):
        before = Path(os.environ["RELJOURNAL_BENCH_BEFORE"])
    return report(measure(journal_path, "renewal", 5 if quick else RUNS, before))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"default {RUNS} (at least 5)")
    parser.add_argument("--quick", action="store_true", help="the small benchmark journal")
    parser.add_argument("--word", default="renewal", help="what to search for")
    parser.add_argument("--before", type=Path, help="a checkout of the app as it was")
    parser.add_argument("--frozen", type=Path, help="also the frozen app (its executable)")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("use at least 5 runs")
    before = args.before or (
        Path(os.environ["RELJOURNAL_BENCH_BEFORE"])
        if os.environ.get("RELJOURNAL_BENCH_BEFORE")
        else None
    )
    journal = benchmark_journal(args.quick)
    figures = report(measure(journal, args.word, args.runs, before, args.frozen))
    for f in figures:
        goal = "" if f["goal"] is None else f"  goal <= {f['goal']}{f['unit']}"
        verdict = {True: "  ok", False: "  OVER", None: ""}[f["ok"]]
        print(f"{f['name']:<58} {f['value']:>9.2f} {f['unit']}{goal}{verdict}  {f['note']}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(f["ok"] is not False for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
