"""Run the benchmarks: `python tests/benchmarks/run.py [--quick] [--json FILE] [--only NAME]`.

Builds the benchmark journal once (`reljournal demo --accounts 2000 --entries 100000`,
cached in tests/benchmarks/.cache), then runs every bench_*.py module's
`run(journal_path, quick)` and prints each figure beside its goal.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import benchmark_journal  # noqa: E402

MODULES = [
    "bench_store",
    "bench_classify",
    "bench_gui",
    "bench_transfer",
    "bench_review",
    "bench_meetings",  # issue 14
    "bench_statements",  # issue 15
    "bench_long_notes",  # issue 15
    "bench_contacts",  # issue 13
    "bench_unlock",  # issue 17
    "bench_sync",  # issue 16
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 200-account / 10,000-entry journal")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--only", action="append", help="run only these modules")
    args = parser.parse_args()
    journal = benchmark_journal(args.quick)
    results = []
    failed = False
    for name in args.only or MODULES:
        try:
            module = importlib.import_module(f"tests.benchmarks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(name):
                continue
            raise
        print(f"== {name}", flush=True)
        try:
            figures = module.run(journal, args.quick)
        except Exception:
            traceback.print_exc()
            failed = True
            continue
        for f in figures:
            goal = "" if f["goal"] is None else f"goal {f['goal']} {f['unit']}"
            mark = {True: "ok", False: "MISSED", None: ""}[f["ok"]]
            print(f"  {f['name']:<62} {f['value']:>10} {f['unit']:<3} {goal:<16} {mark}")
            results.append({"module": name, **f})
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
