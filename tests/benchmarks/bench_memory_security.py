"""What SQLCipher's ``cipher_memory_security`` costs (issue 17) on what a rep does every day
and on bulk work, on a copy of the benchmark journal: each run is a fresh process with the
setting off or on (it is process-wide and cannot be turned off once on), taken by turns,
and the median of each figure over the rounds.

Daily work, through the application layer: unlock (Argon2id included), save an entry,
search (5 queries, first 50 hits), the brief of the account with the most entries, the
portfolio (dashboard), classify all accounts. Bulk: 5,000 entries saved one by one is not
bulk; a 20,000-row JSON import into a new journal is.

    python tests/benchmarks/bench_memory_security.py [--rounds 3] [--quick] [--no-bulk]
        [--variant "on + lookaside"] [--variant "on + page cache"] [--variant "on, wipe only"]

(or ``tests/benchmarks/run.py --only bench_memory_security``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import PASSPHRASE, benchmark_journal, figure  # noqa: E402

QUERIES = ("quarterly review", "price", "roadmap", "müller", "lunch")
ROUNDS = 3
BULK_ENTRIES = 20_000


def _ms(fn: Any, repeat: int = 1) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def child(journal_path: Path, bulk_json: Path | None) -> dict[str, float]:
    """One process's figures (ms); the setting comes from RELJOURNAL_MEMORY_SECURITY."""
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"
    from reljournal.journal.entry_form import EntryForm
    from reljournal.journal.opening import unlock

    out: dict[str, float] = {}
    start = time.perf_counter()
    journal = unlock(journal_path, passphrase=PASSPHRASE)
    out["unlock"] = (time.perf_counter() - start) * 1000
    try:
        on = journal._db().execute("PRAGMA cipher_memory_security").fetchone()[0]
        out["memory_security"] = float(on)
        account_id = (
            journal._db()
            .execute(
                "SELECT account_id FROM entries WHERE account_id IS NOT NULL "
                "GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"
            )
            .fetchone()[0]
        )
        name = (
            journal._db()
            .execute("SELECT name FROM accounts WHERE id = ?", (account_id,))
            .fetchone()[0]
        )
        out["search"] = statistics.median(_ms(lambda q=q: journal.search(q), 3) for q in QUERIES)
        out["brief"] = _ms(lambda: journal.brief(account_id), 5)
        out["portfolio"] = _ms(journal.portfolio, 3)
        out["classify_all"] = _ms(journal.reclassify, 1)
        saved = []

        def save() -> None:
            form = EntryForm(
                at=dt.datetime(2026, 1, 5, 10, 0),
                account_text=name,
                notes="Called about the renewal; they want the price list by Friday.",
            )
            saved.append(journal.record_entry(form))

        out["save_entry"] = _ms(save, 5)
        if bulk_json is not None:
            from reljournal.core.formats.interchange import loads, parse_document
            from reljournal.journal.opening import create

            doc = parse_document(loads(bulk_json.read_bytes()))
            with tempfile.TemporaryDirectory() as folder:
                fresh = create(Path(folder) / "bulk.db", passphrase=PASSPHRASE)
                try:
                    out["bulk_import"] = _ms(lambda: fresh.import_document(doc))
                finally:
                    fresh.close()
    finally:
        journal.close()
    return out


def _bulk_json(journal_path: Path, folder: Path) -> Path:
    """A JSON journal file of the first accounts of the benchmark journal, about
    BULK_ENTRIES entries."""
    from reljournal.core.formats.interchange import dumps
    from tests.benchmarks.common import open_journal

    target = folder / "bulk.json"
    opened = open_journal(journal_path)
    try:
        from reljournal.store.transfer.json_export import export_document

        ids: list[int] = []
        entries = 0
        for account_id, count in opened.db.execute(
            "SELECT account_id, count(*) FROM entries WHERE account_id IS NOT NULL "
            "GROUP BY account_id ORDER BY account_id"
        ):
            ids.append(account_id)
            entries += count
            if entries >= BULK_ENTRIES:
                break
        doc = export_document(opened.db, account_ids=ids)
    finally:
        opened.close()
    target.write_text(dumps(doc), encoding="utf-8")
    return target


# the variants measured by turns (issue 17, round 4): how much of the cost each part is
VARIANTS: dict[str, dict[str, Any]] = {
    "off": {"setting": "0"},
    "on": {"setting": "1"},
    # a lookaside of 2,000 slots of 1,200 bytes per connection (SQLite's default is 40):
    # allocations it serves never reach SQLCipher's locking allocator
    "on + lookaside": {"setting": "1", "lookaside": "1200,2000"},
    # SQLite's page cache in one block allocated at start (4,000 pages), not page by page
    "on + page cache": {"setting": "1", "pagecache": "4000"},
    # RLIMIT_MEMLOCK 0 and no CAP_IPC_LOCK: every mlock fails at once, the wiping stays
    "on, wipe only": {
        "setting": "1",
        "prefix": ["prlimit", "--memlock=0:0"]
        + (
            ["setpriv", "--inh-caps", "-ipc_lock", "--bounding-set", "-ipc_lock"]
            if os.geteuid() == 0
            else []
        ),
    },
}


def _configure_sqlite(lookaside: str, pagecache: str) -> None:
    """SQLite's default lookaside for new connections, or its page cache, before any
    connection is opened: SQLite is initialised when sqlcipher3 is imported, so it is shut
    down, configured and started again through the library's own functions."""
    import ctypes

    import sqlcipher3._sqlite3 as native

    lib = ctypes.CDLL(native.__file__)
    lib.sqlite3_config.argtypes = None
    assert lib.sqlite3_shutdown() == 0
    if lookaside:  # SQLITE_CONFIG_LOOKASIDE
        size, count = (int(x) for x in lookaside.split(","))
        assert lib.sqlite3_config(ctypes.c_int(13), ctypes.c_int(size), ctypes.c_int(count)) == 0
    if pagecache:  # SQLITE_CONFIG_PAGECACHE, SQLite allocating the block itself
        header = ctypes.c_int()
        assert lib.sqlite3_config(ctypes.c_int(24), ctypes.byref(header)) == 0  # PCACHE_HDRSZ
        size = ctypes.c_int(4096 + header.value)
        assert lib.sqlite3_config(ctypes.c_int(7), None, size, ctypes.c_int(int(pagecache))) == 0
    assert lib.sqlite3_initialize() == 0


def measure(
    journal_path: Path, rounds: int, *, bulk: bool = True, variants: tuple[str, ...] = ("off", "on")
) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bulk_json = _bulk_json(journal_path, work) if bulk else None
        runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
        for r in range(rounds):
            for name in variants if r % 2 == 0 else tuple(reversed(variants)):
                variant = VARIANTS[name]
                copy = work / "journal.db"
                shutil.copyfile(journal_path, copy)
                env = dict(os.environ)
                env["RELJOURNAL_MEMORY_SECURITY"] = variant["setting"]
                env["RELJOURNAL_DATA_DIR"] = str(work / "data")
                env["RELJOURNAL_BENCH_LOOKASIDE"] = variant.get("lookaside", "")
                env["RELJOURNAL_BENCH_PAGECACHE"] = variant.get("pagecache", "")
                command = [*variant.get("prefix", []), sys.executable, __file__, "--child"]
                command.append(str(copy))
                if bulk_json is not None:
                    command += ["--bulk-json", str(bulk_json)]
                result = subprocess.run(
                    command, env=env, capture_output=True, text=True, check=False, cwd=ROOT
                )
                if result.returncode != 0:
                    raise RuntimeError(result.stderr[-3000:])
                figures = json.loads(result.stdout.strip().splitlines()[-1])
                assert figures["memory_security"] == float(variant["setting"])
                runs[name].append(figures)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return {
        setting: {k: statistics.median(r[k] for r in found) for k in found[0]}
        for setting, found in runs.items()
    }


NAMES = {
    "unlock": "unlock (Argon2id included)",
    "save_entry": "save an entry",
    "search": "search, first 50 hits",
    "brief": "brief of the biggest account",
    "portfolio": "portfolio (dashboard) read",
    "classify_all": "classify all accounts",
    "bulk_import": f"JSON import of ~{BULK_ENTRIES:,} entries",
}


def run(journal: Path, quick: bool) -> list[dict[str, Any]]:
    m = measure(journal, 1 if quick else ROUNDS)
    out = []
    for key, name in NAMES.items():
        if key not in m["off"]:
            continue
        off, on = m["off"][key], m["on"][key]
        out.append(
            figure(
                f"memory security on/off: {name}",
                on / off,
                "x",
                None,
                note=f"{off:.1f} ms off, {on:.1f} ms on",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-bulk", action="store_true")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        choices=[v for v in VARIANTS if v not in ("off", "on")],
        help="also measure this variant (round 4: where the cost goes)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bulk-json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        lookaside = os.environ.get("RELJOURNAL_BENCH_LOOKASIDE", "")
        pagecache = os.environ.get("RELJOURNAL_BENCH_PAGECACHE", "")
        if lookaside or pagecache:
            _configure_sqlite(lookaside, pagecache)
        print(json.dumps(child(args.child, args.bulk_json)))
        return
    variants = ("off", "on", *args.variant)
    m = measure(
        benchmark_journal(args.quick), args.rounds, bulk=not args.no_bulk, variants=variants
    )
    print(f"median of {args.rounds} rounds, by turns; load {os.getloadavg()[0]:.2f}")
    print(f"{'':36} " + " ".join(f"{v:>15}" for v in variants) + "  (ms)")
    for key, name in NAMES.items():
        if key in m["off"]:
            off = m["off"][key]
            cells = [f"{m[v][key]:8.1f} {m[v][key] / off:5.1f}x" for v in variants]
            print(f"{name:36} " + " ".join(f"{c:>15}" for c in cells))


if __name__ == "__main__":
    main()
