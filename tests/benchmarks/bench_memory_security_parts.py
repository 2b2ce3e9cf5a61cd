"""Where SQLCipher's memory security costs in a search (issue 17, round 4): the parts of
the notes search that ``reljournal.store.search`` runs, each alone on a copy of the
benchmark journal, with memory security off, on, and on with every ``mlock`` refused
(``RLIMIT_MEMLOCK`` 0 and no ``CAP_IPC_LOCK``: the wiping alone), by turns; and, when
``strace`` is there, how many ``mlock`` calls (one per SQLite allocation with it on)
each part makes per run.

    python tests/benchmarks/bench_memory_security_parts.py [--rounds 3] [--word renew]
        [--quick]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import PASSPHRASE, benchmark_journal  # noqa: E402

RUNS = 10
PARTS = {
    # what search() runs for notes: FTS5 ranks every match (ORDER BY rank), then the
    # first rows get their snippet
    "search (rank order, snippet)": "SEARCH",
    "the same without the snippet": "NOSNIP",
    "top rows by FTS5's rank order": (
        "SELECT rowid, rank FROM entries_fts WHERE entries_fts MATCH :q ORDER BY rank LIMIT :limit"
    ),
    "top rows by bm25() in SQLite's sorter": (
        "SELECT rowid, bm25(entries_fts) AS r FROM entries_fts WHERE entries_fts MATCH :q "
        "ORDER BY r LIMIT :limit"
    ),
    "bm25() of every match, no order": (
        "SELECT rowid, bm25(entries_fts) FROM entries_fts WHERE entries_fts MATCH :q"
    ),
    "first rows, no rank": (
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH :q LIMIT :limit"
    ),
    "count of matches (search_counts)": (
        "SELECT count(*) FROM entries_fts f JOIN entries a ON a.id = f.rowid "
        "WHERE entries_fts MATCH :q"
    ),
}
NO_MLOCK = ["prlimit", "--memlock=0:0"] + (
    ["setpriv", "--inh-caps", "-ipc_lock", "--bounding-set", "-ipc_lock"]
    if os.geteuid() == 0
    else []
)
SETTINGS = {"off": ("0", []), "on": ("1", []), "on, wipe only": ("1", NO_MLOCK)}


def child(journal_path: Path, part: str, word: str) -> None:
    """Print the part's milliseconds per run (after one warm-up run)."""
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"
    from reljournal.journal.opening import unlock
    from reljournal.store.search import _QUERIES, _SNIP, fts_query

    journal = unlock(journal_path, passphrase=PASSPHRASE)
    conn = journal._db().conn
    sql = PARTS[part]
    if sql == "SEARCH":
        sql = _QUERIES["entry"].format(snip=_SNIP.format(fts="entries_fts"))
    elif sql == "NOSNIP":
        sql = _QUERIES["entry"].format(snip="NULL")
    args = {"q": fts_query(word), "limit": 50}
    conn.execute(sql, args).fetchall()
    print("ready", file=sys.stderr, flush=True)  # the count starts after this line
    start = time.perf_counter()
    for _ in range(RUNS):
        rows = conn.execute(sql, args).fetchall()
    print(f"{(time.perf_counter() - start) * 1000 / RUNS:.3f} {len(rows)}")
    journal.close()


def _run(copy: Path, part: str, word: str, setting: str, count: bool) -> tuple[float, int]:
    value, prefix = SETTINGS[setting]
    env = dict(os.environ, RELJOURNAL_MEMORY_SECURITY=value)
    command = [*prefix, sys.executable, __file__, "--child", str(copy), part, "--word", word]
    trace = copy.with_name("strace.txt")
    if count:
        command = ["strace", "-f", "-e", "trace=mlock", "-o", str(trace), *command]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    ms = float(result.stdout.split()[0])
    calls = 0
    if count:
        lines = trace.read_text(encoding="utf-8", errors="replace").splitlines()
        # only the calls after the warm-up (the "ready" line's write) count
        ready = (
            next(i for i, line in enumerate(lines) if "ready" in line)
            if any("ready" in line for line in lines)
            else 0
        )
        calls = sum(1 for line in lines[ready:] if re.search(r"\bmlock\(", line)) // RUNS
    return ms, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--word", default="renew", help="what is typed (a prefix search)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.word)
        return
    journal = benchmark_journal(args.quick)
    can_count = shutil.which("strace") is not None
    times: dict[tuple[str, str], list[float]] = {}
    calls: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "journal.db"
        shutil.copyfile(journal, copy)
        for r in range(args.rounds):
            for part in PARTS:
                settings = list(SETTINGS) if r % 2 == 0 else list(reversed(SETTINGS))
                for setting in settings:
                    ms, _ = _run(copy, part, args.word, setting, count=False)
                    times.setdefault((part, setting), []).append(ms)
        if can_count:
            for part in PARTS:
                calls[part] = _run(copy, part, args.word, "on", count=True)[1]
    print(f"'{args.word}' typed; ms per run, median of {args.rounds} rounds by turns")
    head = "".join(f"{s:>15}" for s in SETTINGS)
    print(f"{'part':<40}{head}{'mlock/run':>12}")
    for part in PARTS:
        cells = "".join(f"{statistics.median(times[(part, s)]):>15.1f}" for s in SETTINGS)
        print(f"{part:<40}{cells}{calls.get(part, 0):>12}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
