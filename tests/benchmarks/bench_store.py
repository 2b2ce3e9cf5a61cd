"""Store figures (issue 2): JSON import of the 100,000-entry journal; FTS search latency,
encrypted vs a plain sqlite3 copy."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import CACHE, PASSPHRASE, figure, median_ms, open_journal, timed


def _export_json(journal_path: Path) -> Path:
    from reljournal.core.formats.interchange import dumps
    from reljournal.store.transfer.json_export import export_document

    target = CACHE / (journal_path.stem + ".json")
    if not target.exists():
        journal = open_journal(journal_path)
        try:
            target.write_text(dumps(export_document(journal.db)), encoding="utf-8")
        finally:
            journal.close()
    return target


def _queries(db: Any) -> list[str]:
    """20 different queries drawn from the journal's own vocabulary: single words of
    high, middle and low document frequency, two-word queries and a prefix."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'entries_fts', 'row')"
    )
    terms = [
        r[0]
        for r in db.execute(
            "SELECT term FROM temp.bench_vocab WHERE length(term) > 4 AND term GLOB '[a-z]*' "
            "ORDER BY doc DESC"
        )
    ]
    if len(terms) < 60:
        terms = terms * 3
    n = len(terms)
    singles = [terms[int(n * f)] for f in (0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8)]
    pairs = [
        f"{terms[int(n * a)]} {terms[int(n * b)]}"
        for a, b in ((0.02, 0.05), (0.04, 0.12), (0.08, 0.25), (0.1, 0.4), (0.2, 0.5), (0.03, 0.3))
    ]
    prefixes = [terms[int(n * f)][:4] for f in (0.05, 0.25, 0.5, 0.7)]
    return singles + pairs + prefixes


def _plain_copy(journal: Any) -> Path:
    plain = Path(tempfile.mkdtemp()) / "plain.db"
    journal.db.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    journal.db.execute("SELECT sqlcipher_export('plain')")
    journal.db.execute("DETACH DATABASE plain")
    return plain


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    from reljournal.core.formats.interchange import loads, parse_document
    from reljournal.store.opening import create_journal
    from reljournal.store.search import fts_query, search
    from reljournal.store.transfer.json_import import import_document

    figures = []
    source = _export_json(journal_path)
    target = Path(tempfile.mkdtemp()) / "import-target.db"
    fresh = create_journal(target, passphrase=PASSPHRASE)

    def do_import() -> Any:
        doc = parse_document(loads(source.read_bytes()))
        return import_document(fresh.db, doc)

    seconds, summary = timed(do_import)
    fresh.close()
    entries = summary.entries_created
    figures.append(
        figure(
            f"import JSON ({entries:,} entries, {summary.accounts_created:,} accounts)",
            seconds,
            "s",
            15.0 if not quick else None,
        )
    )

    journal = open_journal(journal_path)
    try:
        queries = _queries(journal.db)
        for q in queries:  # warm the page cache the same way for both engines
            search(journal.db, q, limit=50)
        samples = []
        for q in queries:
            start = time.perf_counter()
            search(journal.db, q, limit=50)
            samples.append(time.perf_counter() - start)
        encrypted = median_ms(samples)
        figures.append(
            figure(
                f"search, first 50 hits (median of {len(queries)} queries)", encrypted, "ms", 50.0
            )
        )
        plain_path = _plain_copy(journal)
    finally:
        journal.close()
    plain = sqlite3.connect(plain_path)
    sql = (
        "SELECT e.id, snippet(entries_fts, -1, '[', ']', '…', 14) FROM entries_fts f "
        "JOIN entries e ON e.id = f.rowid WHERE entries_fts MATCH ? ORDER BY f.rank LIMIT 50"
    )
    plain_samples = []
    for _ in range(2):
        plain_samples = []
        for q in queries:
            match = fts_query(q)
            start = time.perf_counter()
            for kind_sql in (sql,):
                plain.execute(kind_sql, (match,)).fetchall()
            plain_samples.append(time.perf_counter() - start)
    plain.close()
    # the encrypted figure covers all five kinds; compare like with like on entries alone
    journal = open_journal(journal_path)
    try:
        enc_samples = []
        for q in queries:
            match = fts_query(q)
            start = time.perf_counter()
            journal.db.execute(sql, (match,)).fetchall()
            enc_samples.append(time.perf_counter() - start)
    finally:
        journal.close()
    ratio = median_ms(enc_samples) / max(median_ms(plain_samples), 1e-6)
    figures.append(figure("entry search, SQLCipher", median_ms(enc_samples), "ms", None))
    figures.append(figure("entry search, plain sqlite3 copy", median_ms(plain_samples), "ms", None))
    figures.append(figure("encrypted / plain search time", ratio, "x", None))
    plain_path.unlink(missing_ok=True)
    return figures
