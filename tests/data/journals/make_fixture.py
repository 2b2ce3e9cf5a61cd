"""Build the fixture journal for one released schema version (``v0001.db``).

Each released schema version keeps one encrypted journal here, made with the code of
that release, so that tests can prove every later version still opens and migrates it.
The journal is encrypted with the fixed recovery key below (never use it for anything
else) and holds the small document ``v<version>.json``.

Run from the checkout of the release that introduced the version:

    .venv/bin/python tests/data/journals/make_fixture.py v0001

A fixture is never rebuilt once committed (``--force`` exists for the first build only).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# fixture file -> (its recovery key, the last migration it has)
FIXTURES: dict[str, tuple[str, str]] = {
    "v0001.db": ("QX73-QG67-EATU-WAX3-G5XM-YNSO-QYBY-HGSC", "0001_initial"),
}


def build(name: str, *, force: bool = False) -> Path:
    sys.path.insert(0, str(HERE.parents[2]))
    from reljournal.core.formats.interchange import loads, parse_document
    from reljournal.store import database
    from reljournal.store.keys import key_from_recovery
    from reljournal.store.schema import migrations
    from reljournal.store.transfer.json_import import import_document

    recovery, last = FIXTURES[f"{name}.db"]
    target = HERE / f"{name}.db"
    if target.exists() and not force:
        raise SystemExit(f"{target} exists; fixtures are never rebuilt")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    key = key_from_recovery(recovery)
    database.create_empty_file(partial)
    conn = database._connect(partial, key)
    database._configure(conn)
    db = database.Database(conn)
    names = [m.name for m in migrations._migrations]
    migrations.apply(db, stop_before=names[names.index(last) + 1 :])
    doc = parse_document(loads((HERE / f"{name}.json").read_bytes()))
    import_document(db, doc)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    os.replace(partial, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the fixture to build, e.g. v0001")
    parser.add_argument("--force", action="store_true", help="replace an existing fixture")
    args = parser.parse_args()
    print(build(args.name, force=args.force))


if __name__ == "__main__":
    main()
