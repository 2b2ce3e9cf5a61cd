"""Unlocking a passphrase journal (issue 17): the Argon2id run alone, an unlock with the
right passphrase (Argon2id of the file's salt, then opening and checking the journal),
a wrong passphrase refused, the one-time move-over of a journal keyed by SQLCipher's
PBKDF2, and a keychain journal's raw-key unlock for comparison. Each on a fresh small
journal in a temporary folder; medians of ``--runs``.

    python tests/benchmarks/bench_unlock.py [--runs 7]

(or ``tests/benchmarks/run.py --only bench_unlock``). The goal for an unlock is 0.3-0.8 s
on the development machine (``kdf.CURRENT``; raise the parameters when it gets faster).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import figure  # noqa: E402

PASSPHRASE = "benchmark journal passphrase"
RUNS = 7
UNLOCK_LOW, UNLOCK_HIGH = 0.3, 0.8


def _median(fn: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(runs: int) -> dict[str, float]:
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"
    from reljournal.core.errors import WrongKeyError
    from reljournal.store import kdf
    from reljournal.store.database import open_database
    from reljournal.store.keys import JournalKey
    from reljournal.store.opening import create_journal, unlock_journal
    from tests.helpers.legacy_journals import pbkdf2_journal

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.db"
        create_journal(path, passphrase=PASSPHRASE).close()
        salt = path.read_bytes()[:16]
        out["argon2id"] = _median(lambda: kdf.stretch(PASSPHRASE, salt), runs)
        cpu = []
        for _ in range(runs):  # CPU time of all its lanes: what a loaded machine does not change
            start_cpu = time.process_time()
            kdf.stretch(PASSPHRASE, salt)
            cpu.append(time.process_time() - start_cpu)
        out["argon2id_cpu"] = statistics.median(cpu)
        out["unlock"] = _median(lambda: unlock_journal(path, passphrase=PASSPHRASE).close(), runs)

        def wrong() -> None:
            try:
                unlock_journal(path, passphrase="not the passphrase at all")
            except WrongKeyError:
                return
            raise AssertionError("a wrong passphrase opened the journal")

        out["wrong"] = _median(wrong, runs)
        raw = JournalKey(raw=os.urandom(32))
        keyed = Path(folder) / "keychain.db"
        open_database(keyed, raw, create=True).conn.close()
        out["raw"] = _median(lambda: open_database(keyed, raw).conn.close(), runs)
        moves = []
        for n in range(max(1, runs // 2)):
            legacy = pbkdf2_journal(Path(folder) / f"legacy-{n}.db", PASSPHRASE)
            start = time.perf_counter()
            unlock_journal(legacy, passphrase=PASSPHRASE).close()
            moves.append(time.perf_counter() - start)
            assert kdf.parameters_of(legacy.read_bytes()[:16]) == kdf.CURRENT
        out["move_over"] = statistics.median(moves)
        out["pbkdf2_unlock"] = _median(
            lambda: open_database(
                pbkdf2_journal(Path(folder) / f"p-{time.monotonic_ns()}.db", PASSPHRASE),
                JournalKey(passphrase=PASSPHRASE),
            ).conn.close(),
            runs,
        )
    return out


def run(journal: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.store import kdf

    m = measure(3 if quick else RUNS)
    params = str(kdf.CURRENT)
    return [
        figure("Argon2id run alone", m["argon2id"], "s", None, note=params),
        figure(
            "Argon2id CPU time (all lanes)",
            m["argon2id_cpu"],
            "s",
            None,
            note=f"an idle machine with {os.cpu_count()} cores needs about this / "
            f"{min(os.cpu_count() or 1, kdf.CURRENT.parallelism)}",
        ),
        figure(
            "unlock with the passphrase",
            m["unlock"],
            "s",
            UNLOCK_HIGH,
            note=f"aim {UNLOCK_LOW}-{UNLOCK_HIGH} s; {params}"
            + ("" if m["unlock"] >= UNLOCK_LOW else "; under the aim: raise the parameters"),
        ),
        figure("wrong passphrase refused", m["wrong"], "s", None),
        figure("PBKDF2 journal moved over (once)", m["move_over"], "s", None),
        figure("PBKDF2 unlock, as before", m["pbkdf2_unlock"], "s", None),
        figure("keychain (raw key) unlock", m["raw"], "s", None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    from reljournal.store import kdf

    print(f"parameters: {kdf.CURRENT}; median of {args.runs}; load {os.getloadavg()[0]:.2f}")
    for name, value in measure(args.runs).items():
        print(f"{name:14} {value:.3f} s")


if __name__ == "__main__":
    main()
