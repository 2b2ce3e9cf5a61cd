"""Contacts figures (issue 13): 10,000 vCards of mixed versions and a 100,000-row
Google Contacts CSV, each imported (read + plan + one-transaction write) into a new
journal in under 10 s with a peak memory under 300 MB; and the 2,279-row Google
Contacts export the issue names (0 of 2,279 imported before).

Each import runs in its own process so its peak memory (ru_maxrss) is its own.
Run alone: `python tests/benchmarks/run.py --only bench_contacts [--quick]`, or one
scenario: `python -m tests.benchmarks.bench_contacts google 100000 [RUNS]` (makes the file,
then imports it in a new process, RUNS times for a median: `python -m
tests.benchmarks.bench_contacts FILE`). Each run reports the 1-minute load average at its
start: the build machine's two cores are shared, and other work lengthens the wall time.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import ROOT, figure

GOOGLE_FIXTURE = ROOT / "tests" / "data" / "contacts" / "csv" / "google_contacts" / "contacts.csv"
FIRST = ["Priya", "José Luis", "Hannah", "Siobhán", "Jürgen", "Zoë", "翼", "Ana Lúcia", "Kwame"]
LAST = ["Raman", "Ortega Núñez", "Becker", "O'Connell", "Müller", "Brontë", "愛川", "Prado"]
COMPANIES = ["Kestrel Aerospace Ltd", "Ortega & Hijos, S.A.", "Café Serra Alta Ltda",
             "Rheinauen Kliniken gGmbH", "Volta Agro Exports", "有限会社ミナト商事"]  # fmt: skip


def google_csv(rows: int, seed: int = 13) -> bytes:
    """A Google Contacts export with the real header (from the corpus) and its quirks:
    " ::: " between values, "* Work" labels, multi-line quoted addresses and notes,
    about one row in eight without an organisation."""
    header = next(csv.reader(io.StringIO(GOOGLE_FIXTURE.read_text("utf-8"))))
    col = {h: i for i, h in enumerate(header)}
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i in range(rows):
        cells = [""] * len(header)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cells[col["First Name"]], cells[col["Last Name"]] = first, f"{last} {i}"
        if i % 8:
            cells[col["Organization Name"]] = f"{rng.choice(COMPANIES)} {i % 1500}"
            cells[col["Organization Title"]] = "Head of Procurement"
        cells[col["Labels"]] = "* myContacts ::: * starred" if i % 5 == 0 else "* myContacts"
        cells[col["E-mail 1 - Label"]] = "* Work"
        cells[col["E-mail 1 - Value"]] = f"p{i}@example.com ::: p{i}.alt@example.com"
        cells[col["E-mail 2 - Label"]] = "Home"
        cells[col["E-mail 2 - Value"]] = f"p{i}@example.net"
        cells[col["Phone 1 - Label"]] = "Mobile"
        cells[col["Phone 1 - Value"]] = f"+44 7700 {i % 1000000:06d}"
        cells[col["Phone 2 - Label"]] = "Work"
        cells[col["Phone 2 - Value"]] = f"+44 20 7946 {i % 10000:04d} ::: +44 20 7946 9999"
        cells[col["Address 1 - Label"]] = "Work"
        cells[col["Address 1 - Formatted"]] = f"{i} Canada Square\nLondon E14 5AB\nUK"
        if i % 3 == 0:
            cells[col["Notes"]] = 'Met at the fair.\nWants "samples" by March.'
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def mixed_vcards(count: int, seed: int = 13) -> bytes:
    """vCards 2.1 (quoted-printable, soft breaks), 3.0 (iPhone's \\r\\r\\n) and 4.0."""
    rng = random.Random(seed)
    parts: list[bytes] = []
    for i in range(count):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)} {i}"
        company = f"{rng.choice(COMPANIES)} {i % 1500}"
        kind = i % 3
        if kind == 0:
            import quopri

            qp = quopri.encodestring(f"{first} {last}".encode()).decode().replace("=\n", "=\r\n")
            note = quopri.encodestring(("Note " * 30 + f"ü {i}").encode()).decode()
            parts.append(
                (
                    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                    f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp}\r\n"
                    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp};;;;\r\n"
                    f"ORG:{company}\r\nTEL;WORK;VOICE:+49 221 555 {i:04d}\r\n"
                    f"TEL;CELL:+49 171 555 {i:04d}\r\nEMAIL;PREF;INTERNET:p{i}@example.com\r\n"
                    f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
                    f"{note.replace(chr(10), chr(13) + chr(10))}\r\n"
                    "END:VCARD\r\n"
                ).encode()
            )
        elif kind == 1:
            lines = [
                "BEGIN:VCARD", "VERSION:3.0", f"N:{last};{first};;;", f"FN:{first} {last}",
                f"ORG:{company};", f"EMAIL;type=INTERNET;type=WORK;type=pref:p{i}@example.com",
                f"item1.TEL;type=CELL;type=pref:+44 7700 {i:06d}",
                "item1.X-ABLabel:_$!<Mobile>!$_", "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 70,
                " " + "B" * 74, " " + "C" * 30, "END:VCARD",
            ]  # fmt: skip
            parts.append(("\r\r\n".join(lines) + "\r\r\n").encode("utf-8"))
        else:
            parts.append(
                (
                    f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{first} {last}\r\nN:{last};{first};;;\r\n"
                    f"ORG:{company}\r\nEMAIL;PREF=1:p{i}@example.com\r\nEMAIL:p{i}@example.net\r\n"
                    f"TEL;TYPE=work;VALUE=uri:tel:+33-1-55-55-{i % 100:02d}-{i % 97:02d}\r\n"
                    "END:VCARD\r\n"
                ).encode()
            )
    return b"".join(parts)


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike ru_maxrss, which
    a child started by fork + exec inherits from its parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one(path: Path) -> dict[str, Any]:
    """In this process: time reading the file, planning and writing it into a new
    journal, as the command line does it (records made, planned and written batch by
    batch in one transaction; the peak memory is this process's)."""
    os.environ["RELJOURNAL_NO_KEYCHAIN"] = "1"
    from reljournal.core.formats.contacts import WHY_NO_ACCOUNT
    from reljournal.core.formats.contacts_read import read_contact_records
    from reljournal.store.opening import create_journal
    from reljournal.store.transfer.contacts_import import import_records

    name = path.name
    work = Path(tempfile.mkdtemp(prefix="bench-contacts-"))
    opened = create_journal(work / "j.db", passphrase="benchmark journal passphrase")
    rss_before = _peak_mb()
    load = os.getloadavg()[0]  # the machine is shared: other work slows the wall time
    start, cpu = time.perf_counter(), time.process_time()
    raw = path.read_bytes()
    file_mb = len(raw) / 1024**2
    file = read_contact_records(raw, name, keep_rows=False, lazy=True)
    del raw  # as the command line lets it go
    plan, result = import_records(opened.db, file.kind, file.each_record())
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    people = opened.db.execute("SELECT count(*) FROM stakeholders").fetchone()[0]
    points = opened.db.execute("SELECT count(*) FROM contact_points").fetchone()[0]
    opened.db.conn.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "records": plan.records,
        "people": people,
        "points": points,
        "skipped_no_account": len(plan.skipped(WHY_NO_ACCOUNT)),
        "created": result.people_created,
        "peak_mb": _peak_mb(),
        "rss_before_mb": rss_before,
        "file_mb": file_mb,
        "load_1min": load,
    }


def make_file(scenario: str, count: int, folder: Path) -> Path:
    path = folder / (f"contacts-{count}.csv" if scenario == "google" else f"cards-{count}.vcf")
    path.write_bytes(google_csv(count) if scenario == "google" else mixed_vcards(count))
    return path


def _measure(scenario: str, count: int, runs: int = 1) -> dict[str, Any]:
    """Import the file ``runs`` times, each in a new process: the run with the median
    wall time, with every run's wall time, CPU time, peak memory and load."""
    folder = Path(tempfile.mkdtemp(prefix="bench-contacts-files-"))
    path = make_file(scenario, count, folder)
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_contacts", str(path)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        results.append(dict(json.loads(out.strip().splitlines()[-1])))
    path.unlink()
    median = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
    keys = ("seconds", "cpu_seconds", "peak_mb", "load_1min")
    return {**median, "runs": [[round(r[k], 2) for k in keys] for r in results]}


def run(journal_path: Path, quick: bool) -> list[dict[str, Any]]:
    del journal_path  # each import goes into a new journal
    figures = []
    for scenario, count, label in (
        ("google", 2279, "Google Contacts CSV, 2,279 rows"),
        ("google", 10_000 if quick else 100_000, "Google Contacts CSV"),
        ("vcard", 2_000 if quick else 10_000, "vCards 2.1/3.0/4.0"),
    ):
        m = _measure(scenario, count)
        note = (
            f"{m['records']:,} records ({m['file_mb']:.1f} MB), {m['people']:,} people and "
            f"{m['points']:,} emails/phones/addresses stored, {m['skipped_no_account']:,} "
            f"without an organisation skipped; CPU time {m['cpu_seconds']:.1f} s"
        )
        figures.append(figure(f"import {label} ({count:,})", m["seconds"], "s", 10.0, note=note))
        figures.append(figure(f"peak memory, {label} ({count:,})", m["peak_mb"], "MB", 300.0))
    return figures


if __name__ == "__main__":
    if len(sys.argv) in (3, 4):  # google|vcard COUNT [RUNS]: make the file, import it in
        # a new process (RUNS times: the median run, and each run's figures)
        runs = int(sys.argv[3]) if len(sys.argv) == 4 else 1
        print(json.dumps(_measure(sys.argv[1], int(sys.argv[2]), runs)))
    else:  # FILE: import it here
        print(json.dumps(_one(Path(sys.argv[1]))))
